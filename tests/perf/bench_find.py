"""Find and replace benchmark (the model side, no Qt): a 1,000-article draft.

    uv run python tests/perf/bench_find.py [articles]

Measures ``app.model.find`` against a baseline measured in the same run: plain ``str.find``
over the same texts (every editable block's text, joined), the least any search can cost.
(a) find all of a 2-character term (target <= 100 ms); (b) build and apply Replace All of
500 hits, at the top and at the end of the draft (the end is the worst case: each text
command looks its node up by walking the draft), and undo it (target <= 300 ms for build
+ apply); (c) 字数 of the whole draft (app.model.wordcount), which the status bar recounts
after a pause. The GUI side (highlighting, repainting) is in bench_editor.py. Prints a
table, then as its last line one JSON object with the numbers and whether targets hold.
"""

from __future__ import annotations

import json
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_draft import make_draft

from app.model.doc_blocks import blocks
from app.model.editing import Pos
from app.model.find import FindOptions, find_all, replace_all
from app.model.wordcount import draft_words

TERM = "甲方"
REPLACE_HITS = 500
RUNS = 7
TARGETS = {"find_ms": 100, "replace_ms": 300}


def timed(fn, runs: int = RUNS) -> tuple[float, object]:
    """Median milliseconds of ``fn()`` over ``runs``, and its last result."""
    samples, result = [], None
    for _ in range(runs):
        start = time.perf_counter()
        result = fn()
        samples.append((time.perf_counter() - start) * 1000)
    return statistics.median(samples), result


def naive_hits(texts: list[str], term: str) -> int:
    count = 0
    for text in texts:
        i = text.find(term)
        while i != -1:
            count += 1
            i = text.find(term, i + len(term))
    return count


def replace_case(draft, hits, at_end: bool) -> dict[str, float]:
    """Replace All of REPLACE_HITS hits (the first or the last ones): build, apply, undo."""
    shown = blocks(draft)
    if at_end:
        first = hits[-REPLACE_HITS]
        scope = (first.pos, Pos(shown[-1].ref, len(shown[-1].text)))
    else:
        last = hits[REPLACE_HITS - 1]
        scope = (Pos(shown[0].ref, 0), Pos(last.pos.ref, last.pos.offset + last.length))
    builds, applies, undos = [], [], []
    for _ in range(3):
        start = time.perf_counter()
        edit = replace_all(draft, TERM, "委托方", FindOptions(), scope)
        built = time.perf_counter()
        edit.command.apply(draft)
        applied = time.perf_counter()
        edit.command.revert(draft)
        undone = time.perf_counter()
        builds.append((built - start) * 1000)
        applies.append((applied - built) * 1000)
        undos.append((undone - applied) * 1000)
    b, a, u = (statistics.median(x) for x in (builds, applies, undos))
    return {"build_ms": b, "apply_ms": a, "replace_ms": b + a, "undo_ms": u}


def run(articles: int = 1000) -> dict:
    draft = make_draft(articles)
    texts = [b.text for b in blocks(draft) if b.editable]
    joined = "\n".join(texts)
    baseline_ms, baseline_hits = timed(lambda: naive_hits([joined], TERM))
    blocks_ms, _ = timed(lambda: blocks(draft))
    find_ms, hits = timed(lambda: find_all(draft, TERM))
    one_char_ms, one = timed(lambda: find_all(draft, "乙"))
    regex_ms, _ = timed(lambda: find_all(draft, "[甲乙]方", FindOptions(regex=True)))
    words_ms, words = timed(lambda: draft_words(draft))
    top = replace_case(draft, hits, at_end=False)
    end = replace_case(draft, hits, at_end=True)
    result = {
        "articles": articles,
        "characters": len(joined),
        "baseline_str_find_ms": baseline_ms,
        "baseline_hits": baseline_hits,
        "blocks_ms": blocks_ms,
        "find_ms": find_ms,
        "find_hits": len(hits),
        "find_one_char_ms": one_char_ms,
        "find_one_char_hits": len(one),
        "find_regex_ms": regex_ms,
        "replace_top": top,
        "replace_end": end,
        "draft_words_ms": words_ms,
        "draft_words": words,
        "targets": TARGETS,
    }
    result["ok"] = (
        len(hits) == baseline_hits
        and find_ms <= TARGETS["find_ms"]
        and max(top["replace_ms"], end["replace_ms"]) <= TARGETS["replace_ms"]
    )
    return result


def report(r: dict) -> str:
    t = TARGETS
    lines = [
        f"{r['articles']} articles, {r['characters']:,} characters in editable blocks",
        f"baseline str.find {TERM}: {r['baseline_str_find_ms']:.1f} ms, {r['baseline_hits']} hits",
        f"blocks(draft): {r['blocks_ms']:.1f} ms (every search starts with it)",
        f"find all {TERM}: {r['find_ms']:.1f} ms, {r['find_hits']} hits (target <= {t['find_ms']})",
        f"find all 乙: {r['find_one_char_ms']:.1f} ms, {r['find_one_char_hits']} hits",
        f"find all /[甲乙]方/: {r['find_regex_ms']:.1f} ms",
    ]
    for name in ("replace_top", "replace_end"):
        c = r[name]
        lines.append(
            f"{name} ({REPLACE_HITS} hits): build {c['build_ms']:.1f} + apply {c['apply_ms']:.1f}"
            f" = {c['replace_ms']:.1f} ms (target <= {t['replace_ms']}), undo {c['undo_ms']:.1f} ms"
        )
    lines.append(f"字数 of the draft: {r['draft_words_ms']:.1f} ms ({r['draft_words']:,})")
    return "\n".join(lines)


if __name__ == "__main__":
    result = run(int(sys.argv[1]) if len(sys.argv) > 1 else 1000)
    print(report(result))
    print(json.dumps(result, ensure_ascii=False))
