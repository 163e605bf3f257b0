"""The other side's markup in the window: their changes drawn in the text, accepted or
rejected at the caret (Edit menu, context menu) or all at once, one undo step each; their
comments in the inspector's Comments tab, jumping to their article."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QEvent, QPoint
from PySide6.QtGui import QAction, QHelpEvent
from PySide6.QtWidgets import QApplication, QListWidget, QToolTip, QWidget

from app.model.draft import plain
from app.model.editing import Pos
from app.model.files import save_draft
from app.model.proposals import proposals
from tests.document_helpers import body, click_at
from tests.test_markup import marked_docx, opened


def _open(window, tmp_path):
    draft = opened(marked_docx(tmp_path / "their.docx"))
    path = tmp_path / "their.contract"
    save_draft(path, draft)  # format 3: the proposals and the comment go through the file
    document = window.open_path(path)
    return document, window.tabs.current_view()


def _action(window, name: str) -> QAction:
    return window.findChild(QAction, name)


def test_changes_are_decided_at_the_caret_and_all_at_once(qtbot, window, tmp_path):
    document, view = _open(window, tmp_path)
    first = document.draft.parts[0].articles[0]
    assert "六十" in view.visible_text() and "三十" in view.visible_text()
    click_at(qtbot, view, body(first.id), 1)  # before the proposals: the next one is decided
    _action(window, "rejectChangeAction").trigger()  # keep 六十
    assert plain(document.draft.parts[0].articles[0].body) == "乙方应在六十三十日内完成。"
    view.setTextCursor(view.textCursor())
    cursor = view.textCursor()
    cursor.setPosition(view.position_of(Pos(body(first.id), 6)))
    view.setTextCursor(cursor)
    _action(window, "rejectChangeAction").trigger()  # and not 三十
    assert plain(document.draft.parts[0].articles[0].body) == "乙方应在六十日内完成。"
    assert len(proposals(document.draft)) == 2
    _action(window, "acceptAllChangesAction").trigger()
    assert not proposals(document.draft)
    assert "费用含税。" in view.visible_text() and "逾期付款" not in view.visible_text()
    document.undo_stack.undo()  # "all" is one step
    assert len(proposals(document.draft)) == 2
    document.undo_stack.undo()
    document.undo_stack.undo()
    assert len(proposals(document.draft)) == 4


def test_the_context_menu_offers_accept_and_reject(qtbot, window, tmp_path):
    _, view = _open(window, tmp_path)
    menu = view.context_menu()
    texts = [a.text() for a in menu.actions()]
    menu.deleteLater()
    assert {"Accept change", "Reject change"} <= set(texts) or {"接受修订", "拒绝修订"} <= set(
        texts
    )


def test_comments_are_listed_and_jump_to_their_article(qtbot, window, tmp_path):
    document, view = _open(window, tmp_path)
    tab = window.inspector.findChild(QWidget, "commentsTab")
    items = tab.findChild(QListWidget, "commentsList")
    assert items.count() == 1
    assert "金额请再确认" in items.item(0).text() and "乙方律师" in items.item(0).text()
    second = document.draft.parts[0].articles[1]
    items.itemClicked.emit(items.item(0))
    assert view.current_node_id() == second.id


@pytest.mark.qt_log_ignore("This plugin does not support raise", extend=True)  # offscreen
def test_the_tooltip_over_a_change_says_who_and_when(qtbot, window, tmp_path):
    document, view = _open(window, tmp_path)
    first = document.draft.parts[0].articles[0]
    cursor = view.textCursor()
    cursor.setPosition(view.position_of(Pos(body(first.id), 4)))  # before the deleted 六十
    rect = view.cursorRect(cursor)
    point = rect.center() + QPoint(4, 0)
    event = QHelpEvent(QEvent.Type.ToolTip, point, view.viewport().mapToGlobal(point))
    QApplication.sendEvent(view.viewport(), event)
    assert "乙方律师" in QToolTip.text() and "2026-12-03 10:00" in QToolTip.text()
    QToolTip.hideText()


def _char_format(view, ref):
    block = view.document().findBlockByNumber(view.block_index(ref))
    cursor = view.textCursor()
    cursor.setPosition(block.position() + 1)
    return cursor.charFormat()


def test_whole_articles_they_proposed_are_drawn_and_decided(qtbot, window, tmp_path):
    from app.model.doc_blocks import BlockRef
    from app.model.proposals import proposed_nodes
    from tests.test_markup_nodes import BODY as NODES

    draft = opened(marked_docx(tmp_path / "nodes.docx", NODES))
    path = tmp_path / "nodes.contract"
    save_draft(path, draft)
    document = window.open_path(path)
    view = window.tabs.current_view()
    inserted, deleted = proposed_nodes(document.draft)[:2]
    clause = deleted.children[0]
    assert _char_format(view, BlockRef("heading", inserted.id)).fontUnderline()
    assert _char_format(view, BlockRef("heading", deleted.id)).fontStrikeOut()
    assert _char_format(view, BlockRef("body", clause.id)).fontStrikeOut()  # its clauses too
    click_at(qtbot, view, body(inserted.id), 1)
    _action(window, "acceptChangeAction").trigger()  # at the caret: the article stays
    assert inserted.proposed is None
    assert not _char_format(view, BlockRef("heading", inserted.id)).fontUnderline()
    _action(window, "rejectAllChangesAction").trigger()  # the deleted article stays
    assert not proposed_nodes(document.draft) and "争议解决" in view.visible_text()
    assert not _char_format(view, BlockRef("heading", deleted.id)).fontStrikeOut()
    document.undo_stack.undo()
    assert _char_format(view, BlockRef("heading", deleted.id)).fontStrikeOut()
    _action(window, "acceptAllChangesAction").trigger()  # now it goes
    assert "争议解决" not in view.visible_text() and "保密" in view.visible_text()
