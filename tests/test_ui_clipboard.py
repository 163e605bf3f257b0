"""Cut, Copy, Paste and Delete in the real window with real keys: Cut then Paste puts back
what was cut, as one undo step each; the keys act only where the focus is (Ctrl+V in the
Fields table or the library's search box never touches the contract); and every edit of a
new, empty draft — its first part included — is undone by one Undo."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from PySide6.QtCore import QMimeData, QModelIndex, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication, QLineEdit, QTableView

from app.model.draft import Draft
from app.model.fileformat import dumps
from app.model.view import show
from app.ui.contract_roles import MIME_NODES, NodeIdRole
from app.ui.item_refs import refs_mime_data
from tests.document_helpers import expected_text, heading, select_between

if TYPE_CHECKING:
    from app.ui.document_view import DocumentView
    from app.ui.main_window import MainWindow

CTRL = Qt.KeyboardModifier.ControlModifier


def focused_view(qtbot, window: MainWindow) -> DocumentView:
    view = window.tabs.current_view()
    view.setFocus()
    qtbot.waitUntil(view.hasFocus)
    return view


def select_article(view: DocumentView, row: int) -> None:
    """The whole article selected in the document: from its number to the next one's."""
    articles = view.draft.parts[0].articles
    start = (heading(articles[row].id), 0)
    if row + 1 < len(articles):
        select_between(view, start, (heading(articles[row + 1].id), 0))
    else:
        last = [b for b in view.shown_blocks() if b.ref.kind in ("heading", "body")][-1]
        select_between(view, start, (last.ref, len(last.text)))


def caret_in_article(view: DocumentView, row: int) -> None:
    """The caret at the start of the article's heading, nothing selected."""
    article = view.draft.parts[0].articles[row]
    select_between(view, (heading(article.id), 0), (heading(article.id), 0))


def article_ids(view: DocumentView) -> list[int]:
    return [a.id for a in view.contract_model.draft.parts[0].articles]


def test_ctrl_x_then_ctrl_v_puts_back_the_article_that_was_cut(qtbot, window, draft_path):
    document = window.open_path(draft_path)
    original, seen = dumps(document.draft), show(document.draft)
    view = focused_view(qtbot, window)
    ids = article_ids(view)
    select_article(view, 2)
    qtbot.keyClick(view, Qt.Key.Key_X, CTRL)
    assert article_ids(view) == ids[:2] + ids[3:]
    assert "第三条" in QApplication.clipboard().text()  # numbered text for other programs
    assert view.visible_text() == expected_text(document.draft)
    qtbot.keyClick(view, Qt.Key.Key_V, CTRL)  # where the cut left the caret
    assert article_ids(view) == ids  # back in its place, with its own ids
    assert show(document.draft) == seen  # text, clauses, fields and references as before
    assert view.visible_text() == expected_text(document.draft)
    assert document.undo_stack.count() == 2 and document.is_modified()
    qtbot.keyClick(view, Qt.Key.Key_Z, CTRL)  # Undo the paste: the cut state exactly
    assert article_ids(view) == ids[:2] + ids[3:]
    qtbot.keyClick(view, Qt.Key.Key_Z, CTRL)
    assert dumps(document.draft) == original and not document.is_modified()


def test_ctrl_v_pastes_a_copy_twice_in_one_step_each(qtbot, window, draft_path):
    document = window.open_path(draft_path)
    view = focused_view(qtbot, window)
    ids = article_ids(view)
    select_article(view, 0)
    qtbot.keyClick(view, Qt.Key.Key_C, CTRL)
    caret_in_article(view, 0)
    qtbot.keyClick(view, Qt.Key.Key_V, CTRL)
    caret_in_article(view, 0)
    qtbot.keyClick(view, Qt.Key.Key_V, CTRL)
    now = article_ids(view)
    assert len(now) == len(ids) + 2 and len(set(now)) == len(now)
    articles = show(document.draft)["parts"][0]["articles"]
    assert articles[1]["heading"] == articles[2]["heading"] == articles[0]["heading"]
    assert document.undo_stack.count() == 2


def test_a_cut_article_pastes_into_another_draft_with_its_fields(qtbot, window, draft_path):
    document = window.open_path(draft_path)
    view = focused_view(qtbot, window)
    select_article(view, 0)
    cut_heading = document.draft.parts[0].articles[0].heading
    field_names = {f.name for f in document.draft.fields.values() if f.name}
    qtbot.keyClick(view, Qt.Key.Key_X, CTRL)
    cut = show(document.draft)
    window.new_draft()  # one part, one empty article: the paste lands by it
    other = window.tabs.current_document()
    empty = dumps(other.draft)
    qtbot.keyClick(focused_view(qtbot, window), Qt.Key.Key_V, CTRL)
    assert len(other.draft.parts) == 1
    assert [a.heading for a in other.draft.parts[0].articles if a.heading] == [cut_heading]
    assert {f.name for f in other.draft.fields.values() if f.name} <= field_names
    assert other.undo_stack.count() == 1
    other.undo_stack.undo()
    assert dumps(other.draft) == empty and not other.is_modified()
    assert show(document.draft) == cut  # the first draft untouched by the paste


@pytest.mark.parametrize(
    "key", [Qt.Key.Key_V, Qt.Key.Key_X, Qt.Key.Key_Delete], ids=["ctrl+v", "ctrl+x", "delete"]
)
def test_keys_in_the_fields_table_never_touch_the_contract(qtbot, window, draft_path, key):
    document = window.open_path(draft_path)
    view = focused_view(qtbot, window)
    select_article(view, 1)
    qtbot.keyClick(view, Qt.Key.Key_C, CTRL)  # something the paste could append
    before = dumps(document.draft)
    table = window.inspector.findChild(QTableView, "fieldsTable")
    window.inspector.parentWidget().raise_()
    table.setFocus()
    qtbot.waitUntil(table.hasFocus)
    table.setCurrentIndex(table.model().index(0, 1))
    modifier = Qt.KeyboardModifier.NoModifier if key == Qt.Key.Key_Delete else CTRL
    qtbot.keyClick(table, key, modifier)
    assert dumps(document.draft) == before
    assert document.undo_stack.count() == 0 and not document.is_modified()


def test_ctrl_v_in_the_library_search_box_pastes_into_the_box_only(qtbot, window, draft_path):
    document = window.open_path(draft_path)
    before = dumps(document.draft)
    QApplication.clipboard().setText("保密")
    search = window.findChild(QLineEdit, "librarySearch")
    search.setFocus()
    qtbot.waitUntil(search.hasFocus)
    qtbot.keyClick(search, Qt.Key.Key_V, CTRL)
    assert search.text() == "保密"
    window.findChild(QAction, "pasteAction").trigger()  # Edit > Paste from the menu: the same
    assert search.text() == "保密保密"
    assert dumps(document.draft) == before and document.undo_stack.count() == 0


def test_edit_paste_from_the_menu_acts_on_the_contract_only_when_it_has_the_focus(
    qtbot, window, draft_path
):
    document = window.open_path(draft_path)
    view = focused_view(qtbot, window)
    select_article(view, 0)
    qtbot.keyClick(view, Qt.Key.Key_C, CTRL)
    caret_in_article(view, 1)
    paste = window.findChild(QAction, "pasteAction")
    window.outline.setFocus()
    qtbot.waitUntil(window.outline.hasFocus)
    paste.trigger()
    assert document.undo_stack.count() == 0
    focused_view(qtbot, window)
    paste.trigger()
    assert document.undo_stack.count() == 1


def test_damaged_clipboard_articles_are_refused_with_a_message(qtbot, window, draft_path):
    document = window.open_path(draft_path)
    before = dumps(document.draft)
    mime = QMimeData()
    mime.setData(MIME_NODES, b'{"format": "contract-editor/nodes", "version": 1, "nodes": [')
    QApplication.clipboard().setMimeData(mime)
    qtbot.keyClick(focused_view(qtbot, window), Qt.Key.Key_V, CTRL)
    assert dumps(document.draft) == before
    assert "clipboard" in window.statusBar().currentMessage()


# -- a new, empty draft: its first part comes with its first edit, in the same undo step ----


def new_empty(window: MainWindow):
    window.new_draft()
    document = window.tabs.current_document()
    return document, dumps(document.draft)


def undone_to_empty(window: MainWindow, document, empty: bytes) -> None:
    assert document.undo_stack.count() == 1 and document.is_modified()
    assert window.tabs.tabText(window.tabs.currentIndex()).endswith("*")
    window.undo_action.trigger()
    assert dumps(document.draft) == empty
    assert not document.is_modified()
    assert not window.tabs.tabText(window.tabs.currentIndex()).endswith("*")
    view = window.tabs.current_view()
    assert view.visible_text() == expected_text(document.draft)
    window.redo_action.trigger()
    assert view.visible_text() == expected_text(document.draft)
    assert len(document.draft.parts) == 1 and document.draft.parts[0].articles


def test_a_library_insert_into_a_new_draft_is_one_undo_step(window) -> None:
    document, empty = new_empty(window)
    article = window.library.articles_in_source(window.library.sources_list()[0].id)[0]
    window.insert_library_ref("article", article.id)
    undone_to_empty(window, document, empty)


def test_insert_article_into_a_new_draft_is_one_undo_step(qtbot, window) -> None:
    document, empty = new_empty(window)
    qtbot.keyClick(
        focused_view(qtbot, window), Qt.Key.Key_A, CTRL | Qt.KeyboardModifier.ShiftModifier
    )
    undone_to_empty(window, document, empty)


def test_pasting_text_into_a_new_draft_is_one_undo_step(qtbot, window) -> None:
    document, empty = new_empty(window)
    QApplication.clipboard().setText("双方另行协商。")
    qtbot.keyClick(focused_view(qtbot, window), Qt.Key.Key_V, CTRL)
    undone_to_empty(window, document, empty)


def test_library_items_dropped_on_a_new_draft_are_one_undo_step(window) -> None:
    document, empty = new_empty(window)
    source = window.library.sources_list()[0].id
    first, second = window.library.articles_in_source(source)[:2]
    mime = refs_mime_data(window.library, [("article", first.id), ("article", second.id)])
    model = window.tabs.current_view().contract_model
    assert model.dropMimeData(mime, Qt.DropAction.CopyAction, -1, 0, QModelIndex())
    headings = [a.heading for a in document.draft.parts[0].articles]
    assert headings[-2:] == [first.heading, second.heading]
    undone_to_empty(window, document, empty)
    assert model.index(0, 0, model.index(0, 0)).data(NodeIdRole) is not None


def test_cutting_with_nothing_selected_cuts_nothing(qtbot, window, draft_path):
    document = window.open_path(draft_path)
    before = dumps(document.draft)
    QApplication.clipboard().setText("unchanged")
    view = focused_view(qtbot, window)
    caret_in_article(view, 0)
    qtbot.keyClick(view, Qt.Key.Key_X, CTRL)
    assert dumps(document.draft) == before and document.undo_stack.count() == 0
    assert QApplication.clipboard().text() == "unchanged"
    window.cut_action.trigger()  # Edit > Cut says why
    assert "Select text" in window.statusBar().currentMessage()


@pytest.mark.parametrize("content", ["", "  \n\t ", None], ids=["empty", "blank", "image only"])
def test_ctrl_v_with_nothing_to_paste_changes_nothing(qtbot, window, draft_path, content):
    document = window.open_path(draft_path)
    before = dumps(document.draft)
    mime = QMimeData()
    if content is None:
        mime.setData("image/png", b"\x89PNG\r\n\x1a\n")
    else:
        mime.setText(content)
    QApplication.clipboard().setMimeData(mime)
    view = focused_view(qtbot, window)
    caret_in_article(view, 0)
    qtbot.keyClick(view, Qt.Key.Key_V, CTRL)
    assert dumps(document.draft) == before and document.undo_stack.count() == 0


def test_library_items_dropped_on_the_welcome_page_make_a_draft_in_one_undo_step(window):
    source = window.library.sources_list()[0].id
    first, second = window.library.articles_in_source(source)[:2]
    mime = refs_mime_data(window.library, [("article", first.id), ("article", second.id)])
    window.start_draft_from_library(mime)
    document = window.tabs.current_document()
    assert [a.heading for a in document.draft.parts[0].articles] == [first.heading, second.heading]
    undone_to_empty(window, document, dumps(Draft(title=document.draft.title)))
