"""Driving the centre document like a lawyer: clicks where the document says a character is,
real key events, IME commits; and the oracle the tests compare the screen with (the draft
rendered as text, numbers included, independently of the view)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QPoint, Qt
from PySide6.QtGui import QInputMethodEvent, QKeyEvent, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import QApplication

from app.model.doc_blocks import BlockRef, blocks
from app.model.draft import Blank, Ref, blank_shows
from app.model.numbering import number_paths
from app.model.text import ref_text

if TYPE_CHECKING:
    from app.model.draft import Draft
    from app.ui.document_view import DocumentView

CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier
ALT = Qt.KeyboardModifier.AltModifier


def expected_text(draft: Draft) -> str:
    """What the page must show: each block's number, then its text with values in filled
    blanks, field labels in unfilled ones, references as they read now."""
    paths = number_paths(draft)
    lines = []
    for block in blocks(draft):
        out = []
        for seg in block.segments:
            if isinstance(seg, str):
                out.append(seg)
            elif isinstance(seg, Ref):
                out.append(ref_text(seg, paths))
            elif isinstance(seg, Blank):
                field = draft.fields.get(seg.field_id)
                if field and (field.kind == "checkbox" or field.value):
                    out.append(blank_shows(draft, seg))
                else:
                    out.append(field.label if field and field.label else seg.blank)
        text = "".join(out)
        lines.append(f"{block.label} {text}" if block.label and text else block.label or text)
    return "\n".join(lines)


def click_at(qtbot, view: DocumentView, ref: BlockRef, offset: int) -> None:
    """A mouse click where the document lays out character ``offset`` of block ``ref``."""
    from app.model.editing import Pos

    cursor = QTextCursor(view.document())
    cursor.setPosition(view.position_of(Pos(ref, offset)))
    rect = view.cursorRect(cursor)
    if not view.viewport().rect().contains(rect.center()):
        view.verticalScrollBar().setValue(
            view.verticalScrollBar().value() + rect.center().y() - view.viewport().height() // 2
        )
        rect = view.cursorRect(cursor)
    qtbot.mouseClick(
        view.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(rect.x() + 1, rect.center().y())
    )
    # a click on a blank selects it (the caret then stands after it)
    assert view.textCursor().selectionStart() == cursor.position(), "the click landed elsewhere"


def type_text(view: DocumentView, text: str) -> None:
    """Key events carrying text, one per character (qtbot.keyClicks aborts on Chinese)."""
    for ch in text:
        QApplication.sendEvent(
            view,
            QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_unknown, Qt.KeyboardModifier.NoModifier, ch),
        )


def ime_commit(view: DocumentView, text: str, preedit: str = "") -> None:
    """An input method's pre-edit (shown inline, not text) and then its commit."""
    if preedit:
        fmt = QTextCharFormat()
        fmt.setFontUnderline(True)
        attrs = [
            QInputMethodEvent.Attribute(
                QInputMethodEvent.AttributeType.TextFormat, 0, len(preedit), fmt
            )
        ]
        QApplication.sendEvent(view, QInputMethodEvent(preedit, attrs))
    commit = QInputMethodEvent()
    commit.setCommitString(text)
    QApplication.sendEvent(view, commit)


def select_between(
    view: DocumentView, start: tuple[BlockRef, int], end: tuple[BlockRef, int]
) -> None:
    """Select as Shift+click would: from ``start`` to ``end`` (model positions)."""
    from app.model.editing import Pos

    cursor = view.textCursor()
    cursor.setPosition(view.position_of(Pos(*start)))
    cursor.setPosition(view.position_of(Pos(*end)), QTextCursor.MoveMode.KeepAnchor)
    view.setTextCursor(cursor)


def heading(node_id: int) -> BlockRef:
    return BlockRef("heading", node_id)


def body(node_id: int) -> BlockRef:
    return BlockRef("body", node_id)
