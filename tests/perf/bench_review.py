"""Review benchmark: compare two rounds of a 1,000-article draft and export the redline.

    uv run python tests/perf/bench_review.py [articles]

The new round has 5 % of its clauses reworded (through the editing commands) and 20
articles moved three to thirty places. Measures ``compare_drafts`` (median of runs) against
difflib over the two plain texts in the same run (``unified_diff`` by line, what a generic
text compare does, and which knows neither articles nor moves), the worst case (a draft
compared with an unrelated one of the same size), and the redline export
(compare, both exports, alignment, write). Prints a table, then as its last line one JSON
object with the numbers and whether the targets hold (compare <= 1 s, redline <= 2 s).
"""

from __future__ import annotations

import copy
import difflib
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_draft import bench_main, make_draft

from app.model import editing
from app.model.compare import compare_drafts
from app.model.doc_blocks import BlockRef
from app.model.draft import Draft, Node, Part
from app.model.numbering import labels, number_paths
from app.model.text import editable_text
from app.word.redline import export_redline

TARGETS = {"compare_s": 1.0, "redline_s": 2.0}
REWORDS = ("另有约定的除外", "但甲方书面同意的除外", "，并承担相应责任")


def second_round(draft: Draft, changed: float = 0.05, moved: int = 20, seed: int = 1) -> Draft:
    """A copy of ``draft`` with ``changed`` of its clauses reworded and ``moved`` articles
    moved, every edit made as the editor makes it."""
    rng = random.Random(seed)
    new = copy.deepcopy(draft)
    clauses = [n for p in new.parts for a in p.articles for n in a.children]
    for clause in rng.sample(clauses, round(len(clauses) * changed)):
        text = editing.segments_of(new, BlockRef("body", clause.id))
        at = rng.randrange(len(text)) if text else 0
        edit = editing.type_text(new, editing.Pos(BlockRef("body", clause.id), _offset(text, at)),
                                 rng.choice(REWORDS))  # fmt: skip
        edit.command.apply(new)
    articles = new.parts[0].articles
    for article in rng.sample(list(articles), moved):
        index = articles.index(article)
        delta = rng.choice((-1, 1)) * rng.randint(3, 30)
        delta = max(-index, min(len(articles) - 1 - index, delta)) or 1
        edit = editing.move(new, BlockRef("heading", article.id), delta)
        if edit is not None:
            edit.command.apply(new)
    return new


def _offset(segments: list, at: int) -> int:
    """An offset at a segment boundary at or before ``at`` (typing never splits a blank)."""
    offset = 0
    for seg in segments:
        size = len(seg) if isinstance(seg, str) else 1
        if offset + size > at:
            return offset + (at - offset if isinstance(seg, str) else 0)
        offset += size
    return offset


def unrelated(articles: int, seed: int = 3) -> Draft:
    """A draft sharing no text with the bench's: the worst case, every article compared
    with its neighbours before each is found new."""
    rng = random.Random(seed)
    draft = Draft(title="另一份合同")
    part = Part(draft.new_id())
    draft.parts.append(part)
    words = "甲乙丙丁戊己庚辛壬癸天地玄黄宇宙洪荒日月盈昃辰宿列张寒来暑往秋收冬藏"
    for _ in range(articles):
        article = Node(draft.new_id(), heading="".join(rng.choices(words, k=4)))
        article.children = [Node(draft.new_id(), body=["".join(rng.choices(words, k=40))])
                            for _ in range(3)]  # fmt: skip
        part.articles.append(article)
    return draft


def plain_text(draft: Draft) -> str:
    """The draft as one text, numbers written: what a generic text compare is given."""
    shown, paths = labels(draft), number_paths(draft)
    return "\n".join(f"{shown[n.id]} {n.heading} {editable_text(n.body, paths)}".strip()
                     for _, n in draft.nodes())  # fmt: skip


def timed(function, runs: int) -> tuple[float, object]:
    """Median seconds of ``runs`` calls and the last result."""
    samples, result = [], None
    for _ in range(runs):
        start = time.perf_counter()
        result = function()
        samples.append(time.perf_counter() - start)
    return statistics.median(samples), result


def run(articles: int = 1000, runs: int = 3) -> dict:
    old = make_draft(articles)
    new = second_round(old, moved=min(20, articles // 3))
    compare_s, comparison = timed(lambda: compare_drafts(old, new), runs)
    other = unrelated(articles)
    unrelated_s, _ = timed(lambda: compare_drafts(old, other), 1)
    old_text, new_text = plain_text(old), plain_text(new)
    difflib_s, diff = timed(
        lambda: list(difflib.unified_diff(old_text.splitlines(), new_text.splitlines())), runs
    )
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder) / "redline.docx"
        redline_s, _ = timed(lambda: export_redline(old, new, out, "bench"), runs)
        size = out.stat().st_size
    kinds = {k: sum(c.kind == k for c in comparison.changes)
             for k in ("changed", "moved", "inserted", "deleted")}  # fmt: skip
    result = {
        "articles": articles,
        "nodes": sum(1 for _ in old.nodes()),
        "characters": len(old_text),
        "changes": kinds,
        "difflib_lines_changed": sum(1 for line in diff if line[:1] in "+-") - 2,
        "compare_s": round(compare_s, 3),
        "difflib_s": round(difflib_s, 3),
        "compare_vs_difflib": round(compare_s / difflib_s, 1) if difflib_s else None,
        "unrelated_s": round(unrelated_s, 3),
        "redline_s": round(redline_s, 3),
        "redline_bytes": size,
        "targets": TARGETS,
    }
    result["met"] = all(result[k] <= v for k, v in TARGETS.items())
    return result


def report(result: dict) -> str:
    t = result["targets"]
    rows = [
        ("compare_drafts", f"{result['compare_s']:.3f} s", f"<= {t['compare_s']} s"),
        ("difflib over the plain texts", f"{result['difflib_s']:.3f} s", "(baseline)"),
        ("compare with an unrelated draft", f"{result['unrelated_s']:.3f} s", "(worst case)"),
        ("redline export", f"{result['redline_s']:.3f} s", f"<= {t['redline_s']} s"),
    ]
    head = (f"{result['articles']} articles, {result['nodes']} nodes, "
            f"{result['characters']} characters; found {result['changes']}; difflib marks "
            f"{result['difflib_lines_changed']} lines; compare is "
            f"{result['compare_vs_difflib']}x difflib's time")  # fmt: skip
    lines = [head, f"{'measure':<32}{'median':>12}{'target':>14}"]
    lines += [f"{a:<32}{b:>12}{c:>14}" for a, b, c in rows]
    lines.append("targets met" if result["met"] else "TARGETS MISSED")
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(bench_main(sys.argv, run, report))
