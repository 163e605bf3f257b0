"""The engine's update after an edit gives exactly what a fresh run gives: it re-reads only
the texts an edit touched and keeps the places, so a text or a field it forgot would show
here as a finding missing, stale or misplaced."""

from __future__ import annotations

import random

import pytest

from app.cli import draft_of_file
from app.model import editing, ops
from app.model.checks import CheckEngine, Finding, run_checks
from app.model.doc_blocks import block_text, blocks
from tests.conftest import CORPUS

# Typed into random texts: each gives some checker something new to find or to lose.
TYPED = ("，详见上文", "XXX", "见本合同第九十九条", "2024年2月30日", "（以下简称“平台”）", "\u202e")


def seen(findings: list[Finding]) -> list[tuple]:
    return [
        (f.kind, f.severity, f.key, f.ref, f.offset, f.length, f.node_id, f.article, f.clause,
         f.message.zh, f.ignored)
        for f in findings
    ]  # fmt: skip


@pytest.mark.parametrize("name", ["zh_gf2025_2615_data_provision_contract.docx",
                                  "en_commonpaper_mutual_nda.md"])  # fmt: skip
def test_updates_after_typing_and_filling_equal_a_fresh_run(name: str) -> None:
    draft = draft_of_file(CORPUS / name)
    rng = random.Random(14)
    engine = CheckEngine()
    engine.run(draft)
    history = ops.History(draft)
    fields = sorted(f for f, n in draft.occurrences().items() if n)
    for step in range(24):
        if step % 4 == 3 and fields:
            command = ops.set_field_value(
                draft, rng.choice(fields), rng.choice(("三十日", "", "乙方\u202e"))
            )
        else:
            block = rng.choice([b for b in blocks(draft) if b.editable])
            at = rng.randint(0, len(block_text(editing.segments_of(draft, block.ref))))
            edit = editing.type_text(draft, editing.Pos(block.ref, at), rng.choice(TYPED))
            assert edit is not None and edit.command is not None
            command = edit.command
        history.push(command, merge=False)
        updated = engine.update(draft, command.changes(draft))
        assert seen(updated) == seen(run_checks(draft)), f"step {step}"
        if step % 5 == 4:
            history.undo()
            assert seen(engine.update(draft, command.changes(draft))) == seen(run_checks(draft))


def test_an_ignored_finding_stays_ignored_through_an_update() -> None:
    draft = draft_of_file(CORPUS / "zh_gf2025_2615_data_provision_contract.docx")
    engine = CheckEngine()
    first = next(f for f in engine.run(draft) if f.kind == "unfilled")
    draft.ignored[first.key] = "对方填写"
    block = next(b for b in blocks(draft) if b.editable and b.ref != first.ref)
    edit = editing.type_text(draft, editing.Pos(block.ref, 0), "甲方")
    assert edit is not None and edit.command is not None
    ops.History(draft).push(edit.command)
    after = {f.key: f.ignored for f in engine.update(draft, edit.command.changes(draft))}
    assert after[first.key] == "对方填写"
