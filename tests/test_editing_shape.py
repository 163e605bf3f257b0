"""The shape a real contract keeps while it is edited, without Qt: the blocks of the cover,
tables, the source's signature block and annexes, and every edit of them an invertible
command that says what it changed (a draft shaped like the GF data provision contract,
built by hand in ``shaped_draft``)."""

from __future__ import annotations

import pytest

from app.model import editing, fileformat
from app.model.doc_blocks import BlockRef, blocks
from app.model.find import find_all, replace_all
from app.model.ops import EditError, History
from tests.shaped_draft import shaped

FEE = 20  # the fee table in 第一条
CELL = BlockRef("cell", FEE, 6)  # 维护费


def refs(draft) -> list[BlockRef]:
    return [b.ref for b in blocks(draft)]


def test_cover_first_its_own_signature_once_then_annexes_numbered_inside():
    draft = shaped()
    listed = blocks(draft)
    kinds = [b.ref.kind for b in listed]
    assert kinds[:2] == ["cover", "title"]
    assert "signature" not in kinds, "no generated signature block beside the source's"
    signed = kinds.index("signed")
    assert kinds[signed + 1] == "annex_title" and kinds.count("signed") == 1
    annex_titles = [b for b in listed if b.ref.kind == "annex_title"]
    assert [(b.label, b.text) for b in annex_titles] == [
        ("附件1", "数据清单"),
        ("附件2", "安全要求"),
    ]
    annex_headings = [
        b.label for b in listed[kinds.index("annex_body") :] if b.ref.kind == "heading"
    ]
    assert annex_headings == ["第一条", "第二条"], "an annex's articles count from 第一条"
    body_headings = [b.label for b in listed[:signed] if b.ref.kind == "heading"]
    assert body_headings == ["第一条", "第二条"]
    draft.signature = None
    assert [b.ref.kind for b in blocks(draft)].count("signature") == 2, "one per party"


def test_cells_row_by_row_merged_cells_once_then_the_text_after():
    listed = [b for b in blocks(shaped()) if b.ref.owner == FEE]
    assert [b.text for b in listed] == [
        "费用项目",
        "金额（元）",
        "1",
        "数据服务费",
        "\ufffc",
        "2",
        "维护费",
        "5000",
        "以上费用含税。",
    ]
    assert [b.ref.index for b in listed[:-1]] == list(range(8))
    assert listed[-1].ref == BlockRef("table_after", FEE)


def test_typing_in_a_cell_is_one_mergeable_step_that_names_only_its_cell():
    draft = shaped()
    original = fileformat.dumps(draft)
    history = History(draft)
    for offset, ch in enumerate("（年）", start=3):
        edit = editing.type_text(draft, editing.Pos(CELL, offset), ch)
        changes = edit.command.changes(draft)
        assert changes.blocks == {CELL} and not changes.structure
        history.push(edit.command)
    assert draft.parts[0].articles[0].tables[0].rows[2][1].body == ["维护费（年）"]
    assert len(history.done) == 1
    history.undo()
    assert fileformat.dumps(draft) == original
    history.redo()
    assert fileformat.loads(fileformat.dumps(draft)) == draft


def test_enter_in_a_cell_breaks_the_line_backspace_at_its_start_does_nothing():
    draft = shaped()
    edit = editing.enter(draft, editing.Pos(CELL, 3))
    assert edit.caret == editing.Pos(CELL, 4)
    edit.command.apply(draft)
    assert draft.parts[0].articles[0].tables[0].rows[2][1].body == ["维护费\n"]
    assert refs(draft) == refs(shaped()), "no new block, no new node"
    assert editing.backspace_at_start(draft, CELL) is None


def test_a_deletion_across_a_table_is_refused_and_changes_nothing():
    draft = shaped()
    before = fileformat.dumps(draft)
    start = editing.Pos(BlockRef("body", 2), 2)
    end = editing.Pos(BlockRef("cell", FEE, 3), 2)
    with pytest.raises(EditError):
        editing.delete_range(draft, start, end)
    assert fileformat.dumps(draft) == before


def test_passages_and_annex_titles_are_edited_with_undo():
    draft = shaped()
    original = fileformat.dumps(draft)
    history = History(draft)
    cover = BlockRef("cover", 25)
    history.push(editing.type_text(draft, editing.Pos(cover, 5), "（2025）").command)
    assert draft.cover.body[0].startswith("合同编号：（2025）GF")
    title = BlockRef("annex_title", 30)
    edit = editing.set_block_text(draft, title, ["数据清单及格式"])
    history.push(edit.command)
    assert draft.annexes[0].title == "数据清单及格式"
    assert editing.enter(draft, editing.Pos(title, 7)).caret.ref == BlockRef("cell", 31, 0)
    annex_text = BlockRef("annex_body", 40)
    emptied = editing.set_block_text(draft, annex_text, [])
    assert emptied.command.changes(draft).structure, "an annex with articles loses the line"
    history.push(emptied.command)
    assert annex_text not in refs(draft)
    while history.undo():
        pass
    assert fileformat.dumps(draft) == original


def test_enter_and_tab_inside_an_annex_stay_inside_it():
    draft = shaped()
    edit = editing.enter(draft, editing.Pos(BlockRef("body", 43), 5))
    edit.command.apply(draft)
    annex = draft.annexes[1].parts[0]
    new = annex.articles[1].children[0]
    assert edit.caret.ref == BlockRef("body", new.id)
    promote = editing.promote(draft, edit.caret.ref)
    promote.command.apply(draft)
    assert [a.id for a in annex.articles] == [42, 43, new.id]
    assert len(draft.parts[0].articles) == 2
    labels = {b.ref: b.label for b in blocks(draft)}
    assert labels[BlockRef("heading", new.id)] == "第三条"
    ctrl_enter = editing.new_article(draft, editing.Pos(CELL, 0))
    ctrl_enter.command.apply(draft)
    assert len(draft.parts[0].articles) == 3, "from a table: after the article holding it"


def test_find_and_replace_reach_cells_passages_and_annex_articles():
    draft = shaped()
    original = fileformat.dumps(draft)
    hits = {m.pos.ref.kind for m in find_all(draft, "甲方")}
    assert {"cover", "signed"} <= hits
    edit = replace_all(draft, "存储", "保存")
    edit.command.apply(draft)
    assert draft.annexes[1].parts[0].articles[0].body == ["加密保存。"]
    edit.command.revert(draft)
    edit = replace_all(draft, "维护费", "运维费")
    edit.command.apply(draft)
    assert draft.parts[0].articles[0].tables[0].rows[2][1].body == ["运维费"]
    edit.command.revert(draft)
    assert fileformat.dumps(draft) == original


def test_a_tick_box_toggles_one_step_each_time():
    draft = shaped()
    history = History(draft)
    for _ in range(3):
        history.push(editing.toggle_box(draft, 10).command)
    assert draft.fields[10].value == "1" and len(history.done) == 3
    history.undo()
    assert draft.fields[10].value is None


def test_an_annex_numbers_its_articles_in_its_own_style():
    draft = shaped()
    draft.annexes[1].numbering = "chinese_list"  # 一、 二、 as the source wrote them
    labels = {b.ref: b.label for b in blocks(draft)}
    assert labels[BlockRef("heading", 42)] == "一、"
    assert labels[BlockRef("heading", 2)] == "第一条", "the body keeps the draft's style"
    assert fileformat.loads(fileformat.dumps(draft)) == draft


def test_deletions_and_backspace_join_texts_inside_an_annex_never_across_it():
    draft = shaped()
    original = fileformat.dumps(draft)
    history = History(draft)
    first, second = BlockRef("body", 42), BlockRef("body", 43)
    # a selection from inside the annex's first article into its second joins them
    edit = editing.delete_range(draft, editing.Pos(first, 4), editing.Pos(second, 2))
    history.push(edit.command)
    annex = draft.annexes[1].parts[0]
    assert [a.body for a in annex.articles] == [["加密存储留痕。"]]
    assert len(draft.parts[0].articles) == 2, "the body is untouched"
    history.undo()
    assert fileformat.dumps(draft) == original
    # Backspace at the start of a clause of an annex article merges it into the text above
    split = editing.enter(draft, editing.Pos(second, 2))
    history.push(split.command)
    clause = split.caret.ref
    merged = editing.backspace_at_start(draft, clause)
    history.push(merged.command)
    annex = draft.annexes[1].parts[0]  # rebuilt by the merge, as the body's parts are
    assert annex.articles[1].body == ["访问留痕。"] and not annex.articles[1].children
    assert merged.caret == editing.Pos(second, 2)
    # from the body into an annex, or from a cell into the text after it: refused
    for start, end in (
        (editing.Pos(BlockRef("body", 3), 1), editing.Pos(first, 1)),
        (editing.Pos(BlockRef("cell", FEE, 7), 1), editing.Pos(BlockRef("table_after", FEE), 1)),
    ):
        with pytest.raises(EditError):
            editing.delete_range(draft, start, end)
    while history.undo():
        pass
    assert fileformat.dumps(draft) == original


def test_any_table_shape_is_one_grid_of_disjoint_places():
    """Short rows, an empty row, a vertical merge, a covered cell with nothing above it and
    one under a narrower cell: every grid place belongs to exactly one rectangle."""
    from app.model.doc_blocks import table_grid
    from app.model.draft import Cell, Table

    table = Table(
        1,
        rows=[
            [Cell(["a"], rowspan=2), Cell(["b"], colspan=2)],
            [Cell([], covered=True), Cell(["c"])],  # short: one place missing at the end
            [],
            [Cell([], covered=True, colspan=2), Cell(["d"])],  # covered, nothing above
            [Cell(["e"])],
        ],
    )
    grid = table_grid(table)
    places = [(g.row, g.column, g.rowspan, g.colspan, g.index) for g in grid]
    assert places == [
        (0, 0, 2, 1, 0),
        (0, 1, 1, 2, 1),
        (1, 1, 1, 1, 2),
        (1, 2, 1, 1, None),
        (2, 0, 1, 3, None),
        (3, 0, 1, 2, None),
        (3, 2, 1, 1, 3),
        (4, 0, 1, 1, 4),
        (4, 1, 1, 2, None),
    ]
    covered = [
        (g.row + y, g.column + x) for g in grid for y in range(g.rowspan) for x in range(g.colspan)
    ]
    assert sorted(covered) == [(r, c) for r in range(5) for c in range(3)]
    labels = [b.ref.kind for b in blocks(shaped()) if b.ref.owner == FEE]
    assert "cell_pad" not in labels, "a regular table has no places of its own"
