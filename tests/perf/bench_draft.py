"""Draft editing benchmark: a 1,000-article draft, the edits a lawyer waits on.

    uv run python tests/perf/bench_draft.py [articles]

Measures (a) inserting an article at the top through ``ops`` + ``History`` and then
renumbering and re-rendering every reference, the work behind one keystroke-visible edit;
(b) saving and loading the draft; (c) undoing 1,000 mixed edits. Prints a table, then as
its last line one JSON object with the numbers and whether the targets hold (insert +
renumber + reference update median <= 10 ms, save and load <= 200 ms, undo of 1,000 steps
<= 1 s).
"""

from __future__ import annotations

import json
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from typing import TYPE_CHECKING

from app.model import fileformat, view
from app.model.draft import Draft, Field, Node, Part, Ref, plain
from app.model.importer import draft_from_document
from app.model.number_forms import cn
from app.model.numbering import number_paths
from app.model.ops import (
    History,
    delete_node,
    insert_empty,
    insert_text_node,
    move_node,
    set_field_value,
    set_heading,
    set_text,
    split_node,
)
from app.model.text import enter_text, ref_text
from clause_db.reader import read_outline
from resources import SEED_FILES

if TYPE_CHECKING:
    from collections.abc import Callable

    from app.model.commands import Command
    from clause_db.references import Mention

TARGETS = {"insert_renumber_ms": 10, "save_ms": 200, "load_ms": 200, "undo_1000_s": 1.0}
INSERTED_TEXT = "本条所称服务费用见【服务费用】，其支付按照本合同第八条的规定执行。"


# -- the draft ----------------------------------------------------------------------------------


def seed_articles() -> list[tuple[str, list[str]]]:
    """(heading, clause texts) of every seed article with 2-4 clauses, texts as written."""
    outline = read_outline(SEED_FILES[0])
    out = []
    for doc in outline.documents:
        draft = draft_from_document(doc, outline.text, "seed")
        for _, article in ((p, a) for p in draft.parts for a in p.articles):
            texts = [plain(c.body) for c in article.children]
            if 2 <= len(texts) <= 4:
                out.append((article.heading, texts))
    return out


def make_draft(articles: int = 1000, seed: int = 0) -> Draft:
    """A one-part draft of ``articles`` seed articles (2-4 clauses each, taken round-robin),
    with a reference to a random article in every third clause and a named blank in every
    seventh, all bound as an import binds them (by the number written)."""
    rng = random.Random(seed)
    templates = seed_articles()
    draft = Draft(title="基准测试合同")
    part = Part(draft.new_id(), title="第一部分")
    draft.parts.append(part)
    raw: list[tuple[Node, str]] = []
    n = 0
    for k in range(articles):
        heading, texts = templates[k % len(templates)]
        article = Node(draft.new_id(), heading=heading)
        for text in texts:
            n += 1
            if n % 3 == 0:
                text += f"按照本合同第{cn(rng.randint(1, articles))}条的规定执行。"
            if n % 7 == 0:
                text += "服务费用为【服务费用】。"
            clause = Node(draft.new_id())
            article.children.append(clause)
            raw.append((clause, text))
        part.articles.append(article)

    def resolve(m: Mention) -> int | None:
        k = m.number[0]
        if m.target == "article" and 0 < k <= articles:
            return part.articles[k - 1].id
        return None

    pending: dict[str, Field] = {}
    for clause, text in raw:
        entered = enter_text(draft, text, resolve, pending)
        clause.body = entered.segments
        for f in entered.new_fields:
            draft.fields[f.id] = f
    return draft


# -- measurements ---------------------------------------------------------------------------------


def summary(samples: list[float]) -> dict[str, float]:
    """Median and p95 (nearest rank) of ``samples``, rounded for the report."""
    ordered = sorted(samples)
    p95 = ordered[min(len(ordered) - 1, max(0, round(0.95 * len(ordered)) - 1))]
    return {"median": round(statistics.median(ordered), 3), "p95": round(p95, 3)}


def reference_texts(draft: Draft, paths: dict[int, tuple[int, ...]]) -> list[str]:
    """What every bound reference reads now (the preamble, part intros, every node)."""
    bodies = [draft.preamble, *(part.body for part in draft.parts)]
    bodies += [node.body for _, node in draft.nodes()]
    return [ref_text(seg, paths) for body in bodies for seg in body if isinstance(seg, Ref)]


def insert_renumber(draft: Draft, runs: int = 30, full_view: bool = False) -> list[float]:
    """Milliseconds for: build + push an article at the top, number every node, re-render
    every reference. Each insert is undone (untimed) so every run sees the same draft.

    ``full_view`` re-renders through ``view.references`` instead, which also rescans all
    plain text for mentions that matched nothing (work that no renumbering changes)."""
    history = History(draft)
    part = draft.parts[0]
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        history.push(insert_text_node(draft, part.id, 0, "新增条款", INSERTED_TEXT))
        paths = number_paths(draft)
        render = view.references if full_view else reference_texts
        references = render(draft, paths)
        samples.append((time.perf_counter() - start) * 1000)
        assert references and paths[part.articles[1].id] == (2,)
        history.undo()
    return samples


def _file_functions() -> tuple[Callable[[Path, Draft], None], Callable[[Path], Draft], str]:
    """The app's save/load (files.py, atomic and synced) when present, else plain writes."""
    try:
        from app.model.files import load_draft, save_draft
    except ImportError:

        def save_draft(path: Path, draft: Draft) -> None:
            path.write_bytes(fileformat.dumps(draft))

        def load_draft(path: Path) -> Draft:
            return fileformat.loads(path.read_bytes())

        return save_draft, load_draft, "fileformat.dumps/loads + plain write"
    return save_draft, load_draft, "files.save_draft/load_draft"


def save_load(draft: Draft, folder: Path, runs: int = 30) -> tuple[list[float], list[float]]:
    """Milliseconds to save the draft to a file and to load it back (checked equal)."""
    save, load, _ = _file_functions()
    path = folder / "bench.contract"
    saves, loads = [], []
    for _ in range(runs):
        start = time.perf_counter()
        save(path, draft)
        saves.append((time.perf_counter() - start) * 1000)
        start = time.perf_counter()
        loaded = load(path)
        loads.append((time.perf_counter() - start) * 1000)
    assert loaded == draft
    return saves, loads


def random_edits(draft: Draft, count: int, seed: int = 1) -> History:
    """``count`` undo steps of every kind, on random nodes (no two in a row merge)."""
    rng = random.Random(seed)
    history = History(draft)
    field_ids = sorted(draft.fields)
    part = draft.parts[0]
    builders: list[Callable[[list[int]], Command]] = [
        lambda ids: set_text(draft, rng.choice(ids), f"见本合同第{cn(rng.randint(1, 9))}条。"),
        lambda ids: set_heading(draft, rng.choice(ids), "修改后的标题"),
        lambda ids: insert_empty(draft, part.id, rng.randint(0, len(part.articles)), "新条款"),
        lambda ids: move_node(draft, part.articles[rng.randrange(len(part.articles))].id,
                              part.id, rng.randint(0, len(part.articles))),
        lambda ids: split_node(draft, rng.choice(ids), rng.randint(0, 20)),
        lambda ids: delete_node(draft, rng.choice(ids)),
    ]  # fmt: skip
    if field_ids:
        builders.append(lambda ids: set_field_value(draft, rng.choice(field_ids), "一万元"))
    previous = -1
    while len(history.done) < count:
        ids = [node.id for _, node in draft.nodes()]
        kind = rng.choice([i for i in range(len(builders)) if i != previous])
        history.push(builders[kind](ids), merge=False)
        previous = kind
    return history


def undo_all(history: History) -> float:
    """Seconds to undo every step of ``history``."""
    start = time.perf_counter()
    while history.undo():
        pass
    return time.perf_counter() - start


# -- the report ------------------------------------------------------------------------------------


def run(articles: int = 1000, runs: int = 30, steps: int = 1000) -> dict:
    """Every measurement on a fresh ``articles``-article draft; the JSON the script prints."""
    start = time.perf_counter()
    draft = make_draft(articles)
    build_s = time.perf_counter() - start
    nodes = sum(1 for _ in draft.nodes())
    references = sum(1 for r in view.references(draft) if r["status"] == "ok")
    original = fileformat.dumps(draft)

    insert = summary(insert_renumber(draft, runs))
    insert_view = summary(insert_renumber(draft, runs, full_view=True))
    assert fileformat.dumps(draft) == original
    with tempfile.TemporaryDirectory() as folder:
        saves, loads = save_load(draft, Path(folder), runs)
    save, load = summary(saves), summary(loads)

    start = time.perf_counter()
    history = random_edits(draft, steps)
    edits_s = time.perf_counter() - start
    undo_s = undo_all(history)
    assert fileformat.dumps(draft) == original, "undoing every edit gave another draft"

    result = {
        "articles": articles,
        "nodes": nodes,
        "references": references,
        "bytes": len(original),
        "insert_renumber_ms": insert,
        "insert_renumber_view_references_ms": insert_view,
        "save_ms": save["median"],
        "load_ms": load["median"],
        "save_p95_ms": save["p95"],
        "load_p95_ms": load["p95"],
        "undo_1000_s": round(undo_s, 4),
        "undo_steps": steps,
        "build_s": round(build_s, 2),
        "edits_s": round(edits_s, 2),
        "save_via": _file_functions()[2],
        "targets": TARGETS,
    }
    result["met"] = (
        insert["median"] <= TARGETS["insert_renumber_ms"]
        and save["median"] <= TARGETS["save_ms"]
        and load["median"] <= TARGETS["load_ms"]
        and undo_s <= TARGETS["undo_1000_s"]
    )
    return result


def report(result: dict) -> str:
    """A readable table of ``result`` against the targets."""
    t = result["targets"]
    rows = [
        ("insert + renumber + references", f"{result['insert_renumber_ms']['median']:.2f} ms",
         f"{result['insert_renumber_ms']['p95']:.2f} ms", f"<= {t['insert_renumber_ms']} ms"),
        ("  same, via view.references",
         f"{result['insert_renumber_view_references_ms']['median']:.2f} ms",
         f"{result['insert_renumber_view_references_ms']['p95']:.2f} ms", "(no target)"),
        ("save", f"{result['save_ms']:.1f} ms", f"{result['save_p95_ms']:.1f} ms",
         f"<= {t['save_ms']} ms"),
        ("load", f"{result['load_ms']:.1f} ms", f"{result['load_p95_ms']:.1f} ms",
         f"<= {t['load_ms']} ms"),
        (f"undo {result['undo_steps']} steps", f"{result['undo_1000_s']:.3f} s", "",
         f"<= {t['undo_1000_s']} s"),
    ]  # fmt: skip
    head = (
        f"{result['articles']} articles, {result['nodes']} nodes, {result['references']} "
        f"references, {result['bytes'] / 1e6:.2f} MB saved (built in {result['build_s']} s; "
        f"{result['undo_steps']} edits made in {result['edits_s']} s; saved with "
        f"{result['save_via']})"
    )
    lines = [head, f"{'measure':<32}{'median':>12}{'p95':>12}{'target':>14}"]
    lines += [f"{a:<32}{b:>12}{c:>12}{d:>14}" for a, b, c, d in rows]
    lines.append("targets met" if result["met"] else "TARGETS MISSED")
    return "\n".join(lines)


def bench_main(argv: list[str], run: Callable[[int], dict], report: Callable[[dict], str]) -> int:
    """A benchmark's command line: a draft of ``argv[1]`` articles (1,000), its table, then its
    numbers as one JSON line; exit code 1 when a target is missed."""
    articles = int(argv[1]) if len(argv) > 1 else 1000
    result = run(articles)
    print(report(result))
    print(json.dumps(result, ensure_ascii=False))
    return 0 if result["met"] else 1


if __name__ == "__main__":
    sys.exit(bench_main(sys.argv, run, report))
