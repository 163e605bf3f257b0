"""Checks benchmark: every check over a 1,000-article draft, and the update after one edit.

    uv run python tests/perf/bench_checks.py [articles]

The draft is ``bench_draft.make_draft`` (seed articles, references, blanks; the scraped seed
text alone gives some 2,400 findings, mostly half-width punctuation) with, in one clause of
ten, one sentence that gives a checker work: a defined term and its use, an amount
with its 大写 (now and then a wrong one), dates (an impossible one), periods written two ways,
a court and an arbitration clause, a role nobody is, an annex that is not there, a leftover
XXX, half-width punctuation. The same with such a sentence in every clause (3,600 findings,
far more than any contract has) is measured too, as the worst case. Measures (a) a full run
from scratch (``run_checks``, a new engine each time: nothing remembered), (b) the update
of a kept engine after one clause is edited through the editing commands
(``editing.type_text``, as the window types) -- ``CheckEngine.update(draft,
command.changes(draft))`` -- each on another clause, and as the baseline in the same run
(c) ``blocks(draft)`` and (d) one plain regex pass over every text. Prints a table, then
as its last line one JSON object with the numbers and whether the targets hold (full run
<= 200 ms, update <= 20 ms, medians).
"""

from __future__ import annotations

import random
import re
import statistics
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_draft import bench_main, make_draft, summary

from app.model import editing
from app.model.checks import CheckEngine, engine, run_checks
from app.model.checks.engine import CHECKERS
from app.model.doc_blocks import BlockRef, blocks
from app.model.draft import Draft, plain
from app.model.ops import History

TARGETS = {"full_ms": 200, "update_ms": 20}

# One of these is added to every clause in turn: the work each checker family is for, right
# and (every few) wrong, so no checker runs over text with nothing in it for it.
PLANTED = (
    "本合同所称“服务平台”是指乙方运营的客服系统（以下简称“平台”）。",
    "服务费用为人民币12,000元（大写：人民币壹万贰仟元整），按月支付。",
    "违约金为12,000元（大写：人民币壹万伍仟元整）。",
    "甲方应于2024年3月1日前完成验收，本合同有效期自2024年1月1日起至2024年12月31日止。",
    "乙方应于2024年2月30日前提交报告。",
    "乙方应在三十日内整改完毕；逾期未整改的，甲方有权解除。",
    "首期支付30%，二期支付40%，尾款支付20%。",
    "因本合同发生的争议，提交甲方所在地人民法院诉讼解决，或提交上海仲裁委员会仲裁。",
    "丙方应配合甲方完成平台的交接，具体要求见附件三。",
    "服务范围为XXX，详见上文。",
    "甲方应通过平台提供资料,乙方应在5日内回复(书面形式)。",
    "The Services (the “Platform”) shall be provided as set out in Schedule 1.",
)
EDIT = "并于三十日内书面通知对方"
WORD = re.compile(r"[0-9０-９]+|[一二三四五六七八九十百千万亿零壹贰叁肆伍陆柒捌玖拾佰仟]+")


def checked_draft(articles: int = 1000, seed: int = 0, every: int = 10) -> Draft:
    """``make_draft(articles)`` with one planted sentence added to one clause of ``every``,
    the sentences in turn."""
    draft = make_draft(articles, seed)
    clauses = [c for p in draft.parts for a in p.articles for c in a.children]
    for i, clause in enumerate(clauses[::every]):
        clause.body = editing.normalised([*clause.body, PLANTED[i % len(PLANTED)]])
    return draft


def timed_ms(function, runs: int) -> list[float]:
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        function()
        samples.append((time.perf_counter() - start) * 1000)
    return samples


def edit_updates(draft: Draft, runs: int, seed: int = 2) -> tuple[list[float], int]:
    """Milliseconds of ``CheckEngine.update`` after typing into one clause (a different one
    each run, each typing undone untimed and the engine brought back); the findings' count
    after the last update."""
    rng = random.Random(seed)
    engine = CheckEngine()
    engine.run(draft)
    history = History(draft)
    clauses = [c for p in draft.parts for a in p.articles for c in a.children]
    samples, found = [], 0
    for clause in rng.sample(clauses, runs):
        ref = BlockRef("body", clause.id)
        at = len(plain(clause.body)) // 2
        edit = editing.type_text(draft, editing.Pos(ref, _boundary(clause.body, at)), EDIT)
        assert edit is not None and edit.command is not None
        history.push(edit.command, merge=False)
        changes = edit.command.changes(draft)
        start = time.perf_counter()
        found = len(engine.update(draft, changes))
        samples.append((time.perf_counter() - start) * 1000)
        history.undo()
        engine.update(draft, changes)
    return samples, found


def checker_times(draft: Draft, runs: int, seed: int = 3) -> dict[str, dict[str, float]]:
    """Milliseconds each checker family spends in a run from scratch (``full``) and, median,
    in an update after one clause edit (``update``); timed apart from the measures above,
    whose figures are the engine's whole run and update."""
    samples: dict[str, list[float]] = {c.__module__.rsplit(".", 1)[-1]: [] for c in CHECKERS}

    def timing(checker):
        name = checker.__module__.rsplit(".", 1)[-1]

        def timed_checker(ctx):
            start = time.perf_counter()
            found = list(checker(ctx))
            samples[name].append((time.perf_counter() - start) * 1000)
            return found

        return timed_checker

    kept = engine.CHECKERS
    engine.CHECKERS = tuple(timing(c) for c in kept)
    try:
        edit_updates(draft, runs, seed)  # its first run is from scratch: a new engine
    finally:
        engine.CHECKERS = kept
    return {
        "full": {name: round(s[0], 2) for name, s in samples.items()},
        "update": {name: round(statistics.median(s[1:]), 2) for name, s in samples.items()},
    }


def _boundary(segments: list, at: int) -> int:
    """An offset at or before ``at`` that is not inside a blank or a reference."""
    offset = 0
    for seg in segments:
        size = len(seg) if isinstance(seg, str) else 1
        if offset + size > at:
            return at if isinstance(seg, str) else offset
        offset += size
    return offset


def regex_pass(draft: Draft) -> int:
    """The baseline: one regex over the text of every block, read as the checks read it."""
    return sum(len(WORD.findall(b.text)) for b in blocks(draft) if b.editable)


def run(articles: int = 1000, runs: int = 7, edits: int = 15) -> dict:
    draft = checked_draft(articles)
    texts = sum(1 for b in blocks(draft) if b.editable)
    findings = run_checks(draft)
    full = summary(timed_ms(lambda: run_checks(draft), runs))
    dense = checked_draft(articles, every=1)
    dense_findings = len(run_checks(dense))
    full_dense = summary(timed_ms(lambda: run_checks(dense), runs))
    blocks_ms = summary(timed_ms(lambda: blocks(draft), runs))
    regex_ms = summary(timed_ms(lambda: regex_pass(draft), runs))
    update_samples, after = edit_updates(draft, edits)
    update = summary(update_samples)
    update_dense = summary(edit_updates(dense, edits)[0])
    per_checker = checker_times(draft, edits)
    result = {
        "articles": articles,
        "texts": texts,
        "findings": len(findings),
        "findings_after_edit": after,
        "kinds": dict(sorted(Counter(f.kind for f in findings).items())),
        "full_ms": full,
        "full_every_clause_ms": full_dense,
        "findings_every_clause": dense_findings,
        "update_ms": update,
        "update_every_clause_ms": update_dense,
        "blocks_ms": blocks_ms,
        "regex_pass_ms": regex_ms,
        "per_checker_ms": per_checker,
        "targets": TARGETS,
    }
    result["met"] = (
        full["median"] <= TARGETS["full_ms"] and update["median"] <= TARGETS["update_ms"]
    )
    return result


def report(result: dict) -> str:
    t = result["targets"]
    rows = [
        ("all checks, from scratch", result["full_ms"], f"<= {t['full_ms']} ms"),
        ("  worst case: work in every clause", result["full_every_clause_ms"], "(reported)"),
        ("update after one clause edit", result["update_ms"], f"<= {t['update_ms']} ms"),
        ("  worst case: work in every clause", result["update_every_clause_ms"], "(reported)"),
        ("blocks(draft)", result["blocks_ms"], "(baseline)"),
        ("one regex over every text", result["regex_pass_ms"], "(baseline)"),
    ]
    head = (
        f"{result['articles']} articles, {result['texts']} texts, {result['findings']} "
        f"findings ({', '.join(f'{k} {n}' for k, n in result['kinds'].items())})"
    )
    lines = [head, f"{'measure':<32}{'median':>12}{'p95':>12}{'target':>14}"]
    lines += [
        f"{name:<32}{s['median']:>9.2f} ms{s['p95']:>9.2f} ms{target:>14}"
        for name, s, target in rows
    ]
    for what, times in result["per_checker_ms"].items():
        shown = ", ".join(f"{k} {v:.2f}" for k, v in times.items())
        lines.append(f"per checker, {what} (ms): {shown}")
    lines.append("targets met" if result["met"] else "TARGETS MISSED")
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(bench_main(sys.argv, run, report))
