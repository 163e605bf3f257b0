"""The engine's update after an edit gives exactly what a fresh run gives: it re-reads only
the texts an edit touched and keeps the places, so a text or a field it forgot would show
here as a finding missing, stale or misplaced."""

from __future__ import annotations

import gc
import random
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.cli import draft_of_file
from app.model import editing, ops
from app.model.checks import CheckEngine, Finding, run_checks
from app.model.checks.fixes import ignore
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


def _draft(tmp_path, text: str):
    path = tmp_path / "c.txt"
    path.write_text(text, encoding="utf-8")
    return draft_of_file(path)


SMALL = (
    "测试合同\n\n第一条 期限\n1.1 乙方应在____日内整改。\n1.2 见本合同第九条。\n1.3 甲方应付款。\n"
)


def test_a_pass_over_what_texts_hold_follows_an_edit(tmp_path) -> None:
    """``each`` lists the texts where a reading finds something, in reading order, and an
    update reads again only the touched text: one that gains a mention joins, in its place."""
    draft = _draft(tmp_path, SMALL)
    engine = CheckEngine()
    engine.run(draft)
    ctx = engine._ctx
    calls = []

    def nines(text):
        calls.append(text.text)
        return text.text.count("九")

    assert [t.text for t, n in ctx.each("nines", nines)] == ["见本合同第九条。"]
    last = next(t for t in ctx.texts if t.text == "甲方应付款。")
    edit = editing.type_text(draft, editing.Pos(last.ref, 0), "九九")
    ops.History(draft).push(edit.command)
    calls.clear()
    engine.update(draft, edit.command.changes(draft))
    assert calls == ["九九甲方应付款。"]
    assert [(t.text, n) for t, n in ctx.each("nines", nines)] == [
        ("见本合同第九条。", 1),
        ("九九甲方应付款。", 2),
    ]


def test_kept_findings_are_handed_on_placed_once_and_an_ignore_still_shows(tmp_path) -> None:
    draft = _draft(tmp_path, SMALL)
    engine = CheckEngine()
    first = {f.key: f for f in engine.run(draft)}
    unresolved = next(f for f in first.values() if f.kind == "unresolved")
    other = next(t for t in engine._ctx.texts if t.text == "甲方应付款。")
    edit = editing.type_text(draft, editing.Pos(other.ref, 0), "乙方")
    ops.History(draft).push(edit.command)
    after = {f.key: f for f in engine.update(draft, edit.command.changes(draft))}
    assert after[unresolved.key] is unresolved  # the same placed finding, not placed again
    command = ignore(draft, unresolved, "第九条在附件中")
    ops.History(draft).push(command)
    marked = {f.key: f for f in engine.update(draft, command.changes(draft))}
    assert marked[unresolved.key].ignored == "第九条在附件中"
    assert seen(list(marked.values())) == seen(run_checks(draft))


# -- any sequence of edits ----------------------------------------------------------------------

FIXTURES = Path(__file__).parent / "fixtures" / "checks"
# What typing may add: each gives some checker something to find or to lose (a term, its use,
# an amount and its 大写, dates, a period, a court, a role, an annex, a leftover, commas).
WRITTEN = (
    *TYPED, "（以下简称“服务”）", "服务", "12,000元（大写：人民币壹万伍仟元整）",
    "首期30%，尾款60%", "2024年12月31日至2024年1月1日", "三十日内", "30日内",
    "向乙方所在地人民法院起诉", "丙方", "见附件三", "【】", "甲方,乙方", "US$", "",
)  # fmt: skip
EDITS = st.lists(
    st.tuples(
        st.sampled_from(("type", "type", "type", "cut", "field", "insert", "delete", "undo")),
        st.floats(0, 1), st.floats(0, 1), st.sampled_from(WRITTEN),
    ),
    min_size=1, max_size=6,
)  # fmt: skip


@pytest.mark.parametrize("name", ["mixed_zh_outsourcing.txt", "facts_en_contractor_planted.txt"])
@settings(max_examples=8, deadline=None)
@given(edits=EDITS)
def test_an_update_after_any_edits_equals_a_fresh_run(name: str, edits: list[tuple]) -> None:
    """Typing, cutting, filling a field, adding or deleting an article (a change of
    structure: places renumbered) and undoing, in any order: each update gives exactly what
    a fresh run gives, kept findings and passes included."""
    draft = draft_of_file(FIXTURES / name, lambda _: None)
    engine = CheckEngine()
    engine.run(draft)
    history = ops.History(draft)
    done: list = []
    for what, where, much, text in edits:
        command = _edit(draft, what, where, much, text)
        if what == "undo" and done:
            history.undo()
            command = done.pop()
        elif command is None:
            continue
        else:
            history.push(command, merge=False)
            done.append(command)
        updated = engine.update(draft, command.changes(draft))
        assert seen(updated) == seen(run_checks(draft)), (what, text)


def _edit(draft, what: str, where: float, much: float, text: str):
    """One command on the draft, chosen by ``what``, placed by ``where`` and ``much``."""
    shown = [b for b in blocks(draft) if b.editable]
    block = shown[int(where * (len(shown) - 1))]
    segments = editing.segments_of(draft, block.ref)
    size = len(block_text(segments))
    articles = [a for part in draft.parts for a in part.articles]
    if what == "type":
        edit = editing.type_text(draft, editing.Pos(block.ref, int(much * size)), text)
    elif what == "cut":
        start = int(much * size)
        end = min(size, start + 1 + int(where * 8))
        edit = editing.delete_range(
            draft, editing.Pos(block.ref, start), editing.Pos(block.ref, end)
        )
    elif what == "field":
        fields = sorted(f for f, n in draft.occurrences().items() if n)
        return (
            ops.set_field_value(draft, fields[int(much * (len(fields) - 1))], text)
            if fields
            else None
        )
    elif what == "insert":
        part = draft.parts[0]
        return ops.insert_text_node(draft, part.id, int(much * len(part.articles)), "补充", text)
    elif what == "delete" and len(articles) > 1:
        return ops.delete_node(draft, articles[int(much * (len(articles) - 1))].id)
    else:
        return None
    return edit.command if edit is not None else None


@pytest.mark.parametrize("name", ["zh_gf2025_2615_data_provision_contract.docx",
                                  "en_commonpaper_mutual_nda.md"])  # fmt: skip
def test_a_run_leaves_nothing_for_the_cycle_collector(name: str) -> None:
    """The engine pauses the cycle collector during a run (``_no_collection``): that is only
    sound while what a run makes holds no reference cycle, freed as soon as it is dropped."""
    draft = draft_of_file(CORPUS / name)
    gc.collect()
    engine = CheckEngine()
    engine.run(draft)
    block = next(b for b in blocks(draft) if b.editable)
    edit = editing.type_text(draft, editing.Pos(block.ref, 0), "甲方,乙方")
    assert edit is not None and edit.command is not None
    ops.History(draft).push(edit.command)
    engine.update(draft, edit.command.changes(draft))
    del engine
    assert gc.collect() == 0
    assert gc.isenabled()


def test_what_an_article_decides_together_follows_an_edit_of_one_of_its_texts(tmp_path) -> None:
    """An article's payment schedule and its headings without text are kept with the
    article (``Context.of_article``) until one of its texts is read again."""
    draft = _draft(
        tmp_path,
        "测试合同\n\n第一条 付款\n1.1 首期支付30%。\n1.2 尾款支付60%。\n"
        "第二条 其他\n2.1 本合同一式两份。\n",
    )
    engine = CheckEngine()
    assert "instalments_sum" in {f.kind for f in engine.run(draft)}
    history = ops.History(draft)
    clause = draft.parts[0].articles[0].children[1]
    command = ops.set_text(draft, clause.id, "尾款支付70%。")
    history.push(command)
    updated = engine.update(draft, command.changes(draft))
    assert "instalments_sum" not in {f.kind for f in updated}
    assert seen(updated) == seen(run_checks(draft))
    other = draft.parts[0].articles[1]
    command = ops.insert_empty(draft, other.id, 1, "保险")
    history.push(command)
    engine.update(draft, command.changes(draft))  # a change of structure: read anew
    inserted = other.children[1]
    command = ops.set_heading(draft, inserted.id, "保险条款")
    history.push(command)
    updated = engine.update(draft, command.changes(draft))
    assert [f.subject for f in updated if f.kind == "heading_without_text"] == ["保险条款"]
    assert seen(updated) == seen(run_checks(draft))
