"""The shape a real contract keeps in the centre, on the real MainWindow with real events:
the cover page before the title, tables edited cell by cell (Tab between cells, Enter a
line break inside one), the source's own signature block once, annexes after it with
their own numbering, tick boxes ticked by a click or Space; every step one undo step, and
undoing everything gives back the draft as it was, byte for byte."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QTextCursor

from app.model.doc_blocks import BlockRef
from app.model.editing import Pos
from app.model.fileformat import dumps
from app.model.files import load_draft, save_draft
from app.ui.document_render import table_cell_at
from tests.document_helpers import ALT, CTRL, SHIFT, click_at, expected_text, type_text
from tests.shaped_draft import shaped

if TYPE_CHECKING:
    from pathlib import Path

    from app.ui.document_view import DocumentView


def cell(table: int, index: int) -> BlockRef:
    return BlockRef("cell", table, index)


def open_shaped(window, tmp_path: Path):
    path = tmp_path / "数据提供合同.contract"
    save_draft(path, shaped())
    document = window.open_path(path)
    view: DocumentView = window.tabs.current_view()
    view.setFocus()
    return document, view, path


def caret_to(view: DocumentView, ref: BlockRef, offset: int) -> None:
    cursor = view.textCursor()
    cursor.setPosition(view.position_of(Pos(ref, offset)))
    view.setTextCursor(cursor)


def test_the_page_shows_cover_title_table_signature_and_annexes_in_order(qtbot, window, tmp_path):
    document, view, _ = open_shaped(window, tmp_path)
    assert view.visible_text() == expected_text(document.draft)
    lines = view.visible_text().split("\n")
    assert lines[0] == "合同编号：GF-2025-2615", "the cover comes first"
    assert lines[3] == "数据提供合同", "then the title, after the cover's three lines"
    signature = lines.index("甲方（盖章）：")
    assert lines.index("附件1 数据清单") > signature
    assert lines.index("附件2 安全要求") > lines.index("附件1 数据清单")
    assert "委托代理人" not in view.visible_text() and "（签字）" not in view.visible_text()
    assert sum(line.startswith("甲方（盖章）") for line in lines) == 1, "one signature block"
    # the annex's articles are numbered inside it, from 第一条
    assert lines[lines.index("附件2 安全要求") + 2 :][:4] == [
        "第一条",
        "加密存储。",
        "第二条",
        "访问留痕。",
    ]
    # the tables are QTextTables with the draft's grid, merged header, borders
    doc = view.document()
    tables = {}
    block = doc.begin()
    while block.isValid():
        found = table_cell_at(QTextCursor(block))
        if found is not None:
            tables.setdefault(found[0], set()).add(found[1:])
        block = block.next()
    assert tables[20] == {(0, 0), (0, 2), (1, 0), (1, 1), (1, 2), (2, 0), (2, 1), (2, 2)}
    assert tables[31] == {(0, 0), (0, 1), (1, 0), (1, 1)}
    caret_to(view, cell(20, 0), 4)
    assert view.textCursor().charFormat().fontWeight() == QFont.Weight.Bold, "a header cell"
    table = view.textCursor().currentTable()
    widths = [w.rawValue() for w in table.format().columnWidthConstraints()]
    assert [round(w) for w in widths] == [20, 40, 40], "the source's column widths"
    assert table.format().border() == 1
    assert table.cellAt(view.textCursor()).columnSpan() == 2, "the header spans two columns"
    qtbot.keyClick(view, Qt.Key.Key_Return)  # rewriting the cell keeps it merged
    assert table.cellAt(view.textCursor()).columnSpan() == 2
    assert document.draft.parts[0].articles[0].tables[0].rows[0][0].body == ["费用项目\n"]


def test_type_in_a_cell_tab_to_the_next_enter_breaks_the_line_undo_all(qtbot, window, tmp_path):
    document, view, path = open_shaped(window, tmp_path)
    draft = document.draft
    original = dumps(draft)
    click_at(qtbot, view, cell(20, 6), 3)  # 维护费|
    type_text(view, "（年）")
    fee = draft.parts[0].articles[0].tables[0]
    assert fee.rows[2][1].body == ["维护费（年）"]
    assert document.undo_stack.count() == 1, "typing in a cell is one step"
    assert table_cell_at(view.textCursor()) == (20, 2, 1)
    assert view.current_node_id() == 2, "the caret is in 第一条, which holds the table"
    qtbot.keyClick(view, Qt.Key.Key_Tab)
    assert table_cell_at(view.textCursor()) == (20, 2, 2)
    assert view.current_ref() == cell(20, 7)
    type_text(view, "元")
    qtbot.keyClick(view, Qt.Key.Key_Return)
    type_text(view, "每年")
    assert fee.rows[2][2].body == ["5000元\n每年"], "Enter breaks the line inside the cell"
    assert len(fee.rows) == 3 and draft.parts[0].articles[1].heading == "证件"
    qtbot.keyClick(view, Qt.Key.Key_Tab, SHIFT)
    qtbot.keyClick(view, Qt.Key.Key_Tab, SHIFT)
    assert table_cell_at(view.textCursor()) == (20, 2, 0)
    qtbot.keyClick(view, Qt.Key.Key_Home)
    qtbot.keyClick(view, Qt.Key.Key_Backspace)  # at a cell's start: nothing
    assert fee.rows[2][0].body == ["2"] and table_cell_at(view.textCursor()) == (20, 2, 0)
    assert view.visible_text() == expected_text(draft)
    assert window.save_current()
    assert dumps(load_draft(path)) == dumps(draft), "saved and read back equal"
    while document.undo_stack.canUndo():
        qtbot.keyClick(view, Qt.Key.Key_Z, CTRL)
    assert dumps(draft) == original
    assert view.visible_text() == expected_text(draft)


def test_tick_boxes_toggle_by_click_and_space_each_one_step(qtbot, window, tmp_path):
    document, view, _ = open_shaped(window, tmp_path)
    draft = document.draft
    fields = window.inspector.fields
    fields.refresh()
    boxes = [r for r in fields.model.rows if r.box]
    assert [r.field_id for r in boxes] == [10, 11]
    assert fields.model.unfilled() == 2, "two text blanks; an unticked box is an answer"
    credit = BlockRef("body", 3)
    click_at(qtbot, view, credit, 5)  # the ☐ before 统一社会信用代码
    assert draft.fields[10].value == "1"
    assert "☑统一社会信用代码 ☐居民身份证" in view.visible_text()
    qtbot.keyClick(view, Qt.Key.Key_Space)
    assert draft.fields[10].value is None
    assert draft.parts[0].articles[1].body[1].field_id == 10, "Space did not type a space"
    qtbot.keyClick(view, Qt.Key.Key_Space)
    assert draft.fields[10].value == "1"
    assert document.undo_stack.count() == 3
    fields.refresh()
    row = fields.model.row_of(10)
    assert fields.model.index(row, 1).data() == "☑"
    qtbot.keyClick(view, Qt.Key.Key_Z, CTRL)
    assert draft.fields[10].value is None
    assert view.visible_text() == expected_text(draft)
    assert "☐统一社会信用代码" in view.visible_text()


def test_the_signature_block_and_annexes_are_edited_like_any_text(qtbot, window, tmp_path):
    document, view, _ = open_shaped(window, tmp_path)
    draft = document.draft
    original = dumps(draft)
    click_at(qtbot, view, BlockRef("signed", 26), 7)  # 甲方（盖章）：|
    type_text(view, "某数据公司")
    assert draft.signature.body == ["甲方（盖章）：某数据公司\n\n乙方（盖章）："]
    click_at(qtbot, view, BlockRef("annex_title", 30), 4)
    type_text(view, "及格式")
    assert draft.annexes[0].title == "数据清单及格式"
    qtbot.keyClick(view, Qt.Key.Key_Return)  # Enter after an annex's title: its first cell
    assert view.current_ref() == cell(31, 0)
    click_at(qtbot, view, BlockRef("body", 43), 5)  # 访问留痕。|
    qtbot.keyClick(view, Qt.Key.Key_Return)  # the annex article's first clause, as in the body
    annex_articles = draft.annexes[1].parts[0].articles
    type_text(view, "定期审计。")
    assert annex_articles[1].children[0].body == ["定期审计。"]
    assert len(draft.parts[0].articles) == 2 and not draft.parts[0].articles[1].children
    assert "2.1 定期审计。" in view.visible_text().split("附件2")[1]
    qtbot.keyClick(view, Qt.Key.Key_Tab, SHIFT)  # promoted: the annex's third article
    assert [a.body for a in annex_articles][2] == ["定期审计。"]
    assert "第三条\n定期审计。" in view.visible_text().split("附件2")[1]
    assert view.visible_text() == expected_text(draft)
    while document.undo_stack.canUndo():
        qtbot.keyClick(view, Qt.Key.Key_Z, CTRL)
    assert dumps(draft) == original
    assert view.visible_text() == expected_text(draft)


def test_the_outline_lists_the_annexes_after_the_articles_and_jumps_to_them(
    qtbot, window, tmp_path
):
    document, view, _ = open_shaped(window, tmp_path)
    outline = window.outline
    model = outline.model()
    top = [model.index(r, 0).data() for r in range(model.rowCount())]
    assert top[1:] == ["附件1 数据清单", "附件2 安全要求"], "after the body's part"
    body = model.index(0, 0)
    assert [model.index(r, 0, body).data() for r in range(model.rowCount(body))] == [
        "第一条 费用",
        "第二条 证件",
    ]
    annex2 = model.index(2, 0)
    assert [model.index(r, 0, annex2).data() for r in range(model.rowCount(annex2))] == [
        "第一条",
        "第二条",
    ]
    rect = outline.visualRect(annex2)
    qtbot.mouseClick(outline.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert view.current_ref() == BlockRef("annex_title", 40)
    click_at(qtbot, view, BlockRef("annex_title", 40), 4)
    type_text(view, "（2025版）")
    assert model.index(2, 0).data() == "附件2 安全要求（2025版）"
    assert document.draft.annexes[1].title == "安全要求（2025版）"


def test_a_table_moves_in_with_its_article_when_it_becomes_a_clause(qtbot, window, tmp_path):
    document, view, _ = open_shaped(window, tmp_path)
    caret_to(view, cell(20, 0), 0)
    article_indent = view.textCursor().currentTable().format().leftMargin()
    caret_to(view, BlockRef("heading", 2), 0)
    qtbot.keyClick(view, Qt.Key.Key_Down, ALT)  # 第一条 (with the table) after 第二条
    caret_to(view, BlockRef("heading", 2), 0)
    refs = [b.ref for b in view.shown_blocks()]
    qtbot.keyClick(view, Qt.Key.Key_Tab)  # ... then its clause 1.1, table and all
    assert document.draft.parts[0].articles[0].children[0].id == 2
    assert [b.ref for b in view.shown_blocks()] == refs, "the same blocks, one level in"
    caret_to(view, cell(20, 0), 0)
    assert view.textCursor().currentTable().format().leftMargin() > article_indent
    assert view.visible_text() == expected_text(document.draft)
    qtbot.keyClick(view, Qt.Key.Key_Z, CTRL)
    caret_to(view, cell(20, 0), 0)
    assert view.textCursor().currentTable().format().leftMargin() == article_indent


def test_a_ragged_table_is_laid_out_whole_and_only_its_cells_take_text(qtbot, window, tmp_path):
    draft = shaped(ragged=True)
    path = tmp_path / "ragged.contract"
    save_draft(path, draft)
    document = window.open_path(path)
    view = window.tabs.current_view()
    view.setFocus()
    assert view.document().blockCount() == len(view.shown_blocks())
    original = dumps(document.draft)
    click_at(qtbot, view, cell(45, 2), 1)  # 丙|
    type_text(view, "方")
    assert document.draft.parts[0].articles[1].tables[0].rows[1][1].body == ["丙方"]
    qtbot.keyClick(view, Qt.Key.Key_Tab)  # past the empty ends of rows 2 and 3
    assert view.current_ref() == cell(45, 3)
    qtbot.keyClick(view, Qt.Key.Key_Tab, SHIFT)
    assert view.current_ref() == cell(45, 2)
    caret_to(view, BlockRef("cell_pad", 45, 1), 0)  # the empty third row: not a cell
    with qtbot.waitSignal(view.message) as said:
        type_text(view, "x")
    assert "no cell" in said.args[0] or "没有单元格" in said.args[0]
    assert view.visible_text() == expected_text(document.draft)
    assert "x" not in view.visible_text().split("丙方")[1].split("丁")[0]
    assert view.document().blockCount() == len(view.shown_blocks())
    qtbot.keyClick(view, Qt.Key.Key_Z, CTRL)
    assert dumps(document.draft) == original
