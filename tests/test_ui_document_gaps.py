"""The centre document on the real MainWindow, driven by real events: a chip cut and pasted
within a line, text dragged within the document, a dangling reference drawn in red, the
Fields tab and the caret following each other, a party's role renamed on the page."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QPoint, QPointF, Qt
from PySide6.QtGui import (
    QColor,
    QDragEnterEvent,
    QDragMoveEvent,
    QDropEvent,
    QKeyEvent,
    QTextCursor,
)
from PySide6.QtWidgets import QApplication, QLineEdit, QTableView

from app.model import editing
from app.model.doc_blocks import BlockRef
from app.model.draft import Blank, Ref
from app.model.editing import Pos
from tests import test_ui_document_view as shared
from tests.document_helpers import CTRL, body, click_at, select_between

NO_MODIFIER = Qt.KeyboardModifier.NoModifier

if TYPE_CHECKING:
    from app.ui.document_view import DocumentView

view_of = shared.view_of
same_on_screen = shared.same_on_screen


def blank_of(draft, name: str):
    """(node, offset) of the first blank of the field called ``name``."""
    field_id = next(f.id for f in draft.fields.values() if f.name == name)
    for _, node in draft.nodes():
        offset = 0
        for seg in node.body:
            if isinstance(seg, Blank) and seg.field_id == field_id:
                return field_id, node, offset
            offset += len(seg) if isinstance(seg, str) else 1
    raise AssertionError(name)


def test_a_chip_cut_and_pasted_within_its_line_comes_back_as_the_same_field(
    qtbot, window, draft_path
):
    document = window.open_path(draft_path)
    view = view_of(window)
    draft = document.draft
    field_id, node, offset = blank_of(draft, "通知期限")
    blanks_before = sum(1 for _, n in draft.nodes() for s in n.body if isinstance(s, Blank))
    select_between(view, (body(node.id), offset - 2), (body(node.id), offset + 1))
    qtbot.keyClick(view, Qt.Key.Key_X, CTRL)
    assert not any(isinstance(s, Blank) and s.field_id == field_id for s in node.body)
    click_at(qtbot, view, body(node.id), 0)
    qtbot.keyClick(view, Qt.Key.Key_V, CTRL)
    pasted = [s for s in node.body if isinstance(s, Blank)]
    assert [s.field_id for s in pasted].count(field_id) == 1, "a blank of the field, not its text"
    assert editing.block_text(node.body)[2] == editing.OBJECT
    after = sum(1 for _, n in draft.nodes() for s in n.body if isinstance(s, Blank))
    assert after == blanks_before
    assert len(draft.fields) == len({*draft.fields}), "no new field"
    same_on_screen(view)
    qtbot.keyClick(view, Qt.Key.Key_Z, CTRL)  # the paste is one step
    assert not any(isinstance(s, Blank) and s.field_id == field_id for s in node.body)


def test_a_chip_pasted_into_another_draft_brings_its_field(qtbot, window, draft_path):
    document = window.open_path(draft_path)
    view = view_of(window)
    field_id, node, offset = blank_of(document.draft, "通知期限")
    select_between(view, (body(node.id), offset), (body(node.id), offset + 1))
    qtbot.keyClick(view, Qt.Key.Key_C, CTRL)
    window.new_draft()
    other = window.tabs.current_document().draft
    view = view_of(window)
    article = other.parts[0].articles[0]
    click_at(qtbot, view, body(article.id), 0)
    qtbot.keyClick(view, Qt.Key.Key_V, CTRL)
    blank = next(s for s in article.body if isinstance(s, Blank))
    assert other.fields[blank.field_id].name == "通知期限"
    same_on_screen(view)


def chip_pixels(view: DocumentView, pos: Pos) -> set[tuple[int, int, int]]:
    """The colours painted where the chip at ``pos`` is drawn on screen."""
    cursor = QTextCursor(view.document())
    cursor.setPosition(view.position_of(pos))
    left = view.cursorRect(cursor)
    cursor.setPosition(view.position_of(pos) + 1)
    right = view.cursorRect(cursor)
    image = view.viewport().grab().toImage()
    ratio = image.devicePixelRatio()
    colours = set()
    for x in range(left.x() + 1, right.x()):
        for y in range(left.top(), left.bottom()):
            c = QColor(image.pixel(int(x * ratio), int(y * ratio)))
            colours.add((c.red(), c.green(), c.blue()))
    return colours


def reddish(colours: set[tuple[int, int, int]]) -> bool:
    return any(r > 150 and g < 90 and b < 90 for r, g, b in colours)


def test_a_dangling_reference_is_drawn_in_red(qtbot, window, draft_path):
    document = window.open_path(draft_path)
    view = view_of(window)
    draft = document.draft
    clause = draft.parts[0].articles[0].children[0]
    click_at(qtbot, view, body(clause.id), 0)
    QApplication.clipboard().setText("按照本合同第三条的规定。")
    qtbot.keyClick(view, Qt.Key.Key_V, CTRL)
    offset, ref = next(
        (sum(len(s) if isinstance(s, str) else 1 for s in clause.body[:i]), s)
        for i, s in enumerate(clause.body)
        if isinstance(s, Ref)
    )
    at = Pos(body(clause.id), offset)
    view.jump_to(clause.id)
    view.viewport().repaint()
    bound = chip_pixels(view, at)
    assert not reddish(bound), "a bound reference is a blue link"
    document.push(editing.delete_nodes(draft, [ref.target]).command)
    qtbot.waitUntil(lambda: view.visible_text() == shared.expected_text(draft))
    view.jump_to(clause.id)
    view.viewport().repaint()
    assert reddish(chip_pixels(view, at)), "its target deleted: red"


def drag_text(view: DocumentView, to: QPoint, modifier=NO_MODIFIER) -> None:
    """The selection dragged to ``to``: the drag events Qt sends when the mouse drags the
    selection there, carrying what the view gives a drag (QTest cannot drag offscreen)."""
    mime = view.createMimeDataFromSelection()
    actions = Qt.DropAction.CopyAction | Qt.DropAction.MoveAction
    args = (actions, mime, Qt.MouseButton.LeftButton, modifier)
    port = view.viewport()
    QApplication.sendEvent(port, QDragEnterEvent(to, *args))
    QApplication.sendEvent(port, QDragMoveEvent(to, *args))
    QApplication.sendEvent(port, QDropEvent(QPointF(to), *args))


def point_of(view: DocumentView, pos: Pos) -> QPoint:
    cursor = QTextCursor(view.document())
    cursor.setPosition(view.position_of(pos))
    rect = view.cursorRect(cursor)
    return QPoint(rect.x() + 1, rect.center().y())


def test_dragging_selected_text_moves_it_and_ctrl_drag_copies_it(qtbot, window, draft_path):
    document = window.open_path(draft_path)
    view = view_of(window)
    draft = document.draft
    clause = next(n for _, n in draft.nodes() if len(editing.block_text(n.body)) > 20)
    text = editing.block_text(clause.body)
    view.jump_to(clause.id)
    select_between(view, (body(clause.id), 0), (body(clause.id), 4))
    moved = text[:4]
    drag_text(view, point_of(view, Pos(body(clause.id), 10)))
    assert editing.block_text(clause.body) == text[4:10] + moved + text[10:]
    same_on_screen(view)
    qtbot.keyClick(view, Qt.Key.Key_Z, CTRL)  # one step
    assert editing.block_text(clause.body) == text
    select_between(view, (body(clause.id), 0), (body(clause.id), 4))
    drag_text(view, point_of(view, Pos(body(clause.id), 10)), CTRL)
    assert editing.block_text(clause.body) == text[:10] + moved + text[10:]
    same_on_screen(view)


def test_a_dragged_chip_stays_its_field_and_a_drop_on_itself_changes_nothing(
    qtbot, window, draft_path
):
    document = window.open_path(draft_path)
    view = view_of(window)
    draft = document.draft
    field_id, clause, offset = blank_of(draft, "通知期限")
    text = editing.block_text(clause.body)
    view.jump_to(clause.id)
    select_between(view, (body(clause.id), offset), (body(clause.id), offset + 1))
    drag_text(view, point_of(view, Pos(body(clause.id), offset)))  # onto itself
    assert editing.block_text(clause.body) == text
    select_between(view, (body(clause.id), offset - 1), (body(clause.id), offset + 1))
    drag_text(view, point_of(view, Pos(body(clause.id), 0)))
    assert isinstance(clause.body[1], Blank) and clause.body[1].field_id == field_id
    assert (
        editing.block_text(clause.body)
        == text[offset - 1 : offset + 1] + text[: offset - 1] + text[offset + 1 :]
    )
    same_on_screen(view)


def test_choosing_a_field_selects_its_blanks_in_turn_and_the_caret_selects_its_row(
    qtbot, window, draft_path
):
    document = window.open_path(draft_path)
    view = view_of(window)
    draft = document.draft
    field_id, node, offset = blank_of(draft, "通知期限")
    chips = [
        (n.id, i)
        for _, n in draft.nodes()
        for i, s in enumerate(n.body)
        if isinstance(s, Blank) and s.field_id == field_id
    ]
    table = window.findChild(QTableView, "fieldsTable")
    row = table.model().row_of(field_id)
    cell = table.visualRect(table.model().index(row, 0)).center()
    seen = []
    for _ in range(len(chips) + 1):
        qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=cell)
        cursor = view.textCursor()
        assert cursor.selectionEnd() - cursor.selectionStart() == 1, "the blank is selected"
        assert view.viewport().rect().contains(view.cursorRect().center()), "scrolled to it"
        seen.append(view.current_node_id())
    assert seen == [n for n, _ in chips] + [chips[0][0]], "first, then the next, then round"
    assert view.textCursor().selectionStart() == view.position_of(Pos(body(node.id), offset))

    other_id, other, at = blank_of(draft, "起始日期")
    click_at(qtbot, view, body(other.id), at - 1)
    assert table.model().rows[table.currentIndex().row()].field_id != other_id
    qtbot.keyClick(view, Qt.Key.Key_Right)  # now just before the blank
    assert table.model().rows[table.currentIndex().row()].field_id == other_id
    assert view.hasFocus(), "the document keeps the focus"


def role_editor(window) -> QLineEdit:
    shown = [e for e in window.findChildren(QLineEdit, "roleEditor") if e.isVisible()]
    assert len(shown) == 1 and shown[0].hasFocus()
    return shown[0]


def type_into(widget, text: str) -> None:
    """Key events carrying text (qtbot.keyClicks aborts on Chinese)."""
    for ch in text:
        QApplication.sendEvent(
            widget, QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_unknown, NO_MODIFIER, ch)
        )


def test_a_partys_role_is_renamed_on_the_page_in_one_step_and_exported(qtbot, window, tmp_path):
    from docx import Document

    from app.word.export import export_draft

    window.new_draft()
    document = window.tabs.current_document()
    view = view_of(window)
    draft = document.draft
    label = view._role_label_rect(0)
    qtbot.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton, pos=label.center())
    editor = role_editor(window)
    # New in the English UI starts an English contract: Party A / Party B, Article 1
    assert editor.text() == "Party A" and editor.selectedText() == "Party A"
    type_into(editor, "Client")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    assert [p.role for p in draft.parties] == ["Client", "Party B"]
    assert document.undo_stack.count() == 1
    qtbot.waitUntil(lambda: "Client (seal):" in view.visible_text())  # the signature block too
    same_on_screen(view)
    assert view.hasFocus()
    export_draft(draft, tmp_path / "out.docx")
    text = "\n".join(p.text for p in Document(tmp_path / "out.docx").paragraphs)
    assert "Client: " in text
    qtbot.keyClick(view, Qt.Key.Key_Z, CTRL)
    assert [p.role for p in draft.parties] == ["Party A", "Party B"]
    same_on_screen(view)


def test_an_empty_role_is_refused_and_esc_leaves_the_role_as_it_was(qtbot, window):
    window.new_draft()
    document = window.tabs.current_document()
    view = view_of(window)
    view.setTextCursor(QTextCursor(view.document()))
    click_at(qtbot, view, BlockRef("party_name", 1), 0)
    next(a for a in view.context_menu().actions() if a.text() == "Rename role…").trigger()
    editor = role_editor(window)
    qtbot.keyClick(editor, Qt.Key.Key_Delete)
    qtbot.keyClick(editor, Qt.Key.Key_Return)  # nothing left: refused, said on the status bar
    assert document.draft.parties[1].role == "Party B"
    assert "role" in window.statusBar().currentMessage()
    next(a for a in view.context_menu().actions() if a.text() == "Rename role…").trigger()
    editor = role_editor(window)
    type_into(editor, "Contractor")
    qtbot.keyClick(editor, Qt.Key.Key_Escape)
    assert document.draft.parties[1].role == "Party B"
    assert document.undo_stack.count() == 0
    qtbot.waitUntil(lambda: window.findChild(QLineEdit, "roleEditor") is None)
