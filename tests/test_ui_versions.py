"""File › Versions… in the real window: list, note, open read-only, restore, compare."""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, QMimeData, Qt
from PySide6.QtWidgets import QApplication, QFileDialog

from app.model import ops
from app.model.editing import first_caret
from app.model.fileformat import dumps
from app.model.files import load_draft
from app.model.versions import history_path, list_versions
from app.ui.compare_view import CompareView
from tests.document_helpers import CTRL, type_text


def select(dialog, *numbers: int) -> None:
    """Select the rows of versions ``numbers`` (the list shows the newest first)."""
    dialog.table.clearSelection()
    flags = QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows
    for number in numbers:
        row = len(dialog.versions) - number
        dialog.table.selectionModel().select(dialog.table.model().index(row, 0), flags)


def edited_and_saved(window, draft_path):
    document = window.open_path(draft_path)
    first = dumps(document.draft)
    document.push(ops.set_title(document.draft, "第二轮修改稿"))
    assert window.save_current()
    return document, first


def test_versions_dialog_lists_notes_restores_and_compares(window, draft_path, qtbot):
    document, first = edited_and_saved(window, draft_path)
    dialog = window.show_versions()
    assert dialog.objectName() == "versionsDialog" and dialog.isVisible()
    assert dialog.table.rowCount() == 2
    assert dialog.table.item(0, 0).text() == "2"  # newest first
    assert not dialog.restore_button.isEnabled()

    dialog.table.item(1, 4).setText("sent to 乙方 12-03")
    assert [v.note for v in list_versions(draft_path)] == ["sent to 乙方 12-03", ""]
    assert dialog.table.item(1, 4).text() == "sent to 乙方 12-03"

    select(dialog, 1, 2)
    assert dialog.compare_button.isEnabled() and not dialog.restore_button.isEnabled()
    dialog.compare_button.click()
    view = dialog.compare_view
    assert isinstance(view, CompareView) and view.isVisible()
    assert view.old.title != view.new.title == "第二轮修改稿"
    assert len(view.changes) == 1 and "第二轮修改稿" in view.inline.toPlainText()
    assert "version 1" in view.old_title.text() and "version 2" in view.new_title.text()
    view.close()

    select(dialog, 1)
    steps = document.undo_stack.count()
    dialog.restore_button.click()
    assert document.undo_stack.count() == steps + 1
    assert dumps(document.draft) == first
    assert load_draft(draft_path).title == "第二轮修改稿"  # restoring does not save
    view_text = window.tabs.current_view().toPlainText()
    assert "第二轮修改稿" not in view_text
    document.undo_stack.undo()
    assert document.draft.title == "第二轮修改稿"
    assert "第二轮修改稿" in window.tabs.current_view().toPlainText()

    document.push(ops.set_title(document.draft, "第三稿"))  # not saved: the draft now
    dialog = window.show_versions()  # Restore closed the dialog
    select(dialog, 2)
    dialog.compare_button.click()
    view = dialog.compare_view
    assert (view.old.title, view.new.title) == ("第二轮修改稿", "第三稿")
    assert "draft now" in view.new_title.text()
    document.push(ops.set_title(document.draft, "第四稿"))
    assert view.new.title == "第三稿"  # a copy: editing on does not change the view
    view.close()


def test_a_version_opens_read_only_in_its_own_tab(window, draft_path):
    document, first = edited_and_saved(window, draft_path)
    dialog = window.show_versions()
    select(dialog, 1)
    dialog.open_button.click()
    opened = window.tabs.current_document()
    assert opened is not document and opened.read_only
    assert dumps(opened.draft) == first
    assert "(read-only)" in window.tabs.tabText(window.tabs.currentIndex())


def test_a_damaged_history_is_said_and_the_draft_opens(window, draft_path):
    history_path(draft_path).write_bytes(b"garbage")
    document = window.open_path(draft_path)
    assert document is not None
    dialog = window.show_versions()
    assert dialog.table.rowCount() == 0
    assert "damaged" in dialog.message.text() or "损坏" in dialog.message.text()
    assert str(history_path(draft_path)) in dialog.message.text()


def opened_version(window, draft_path, number: int = 1):
    document, first = edited_and_saved(window, draft_path)
    dialog = window.show_versions()
    select(dialog, number)
    dialog.open_button.click()
    return document, window.tabs.current_document(), first


def typed_into(window, qtbot, keys) -> list[str]:
    """Send real key events to the current tab's editor; the status messages they gave."""
    view = window.tabs.current_view()
    view.setFocus()
    view.go_to(first_caret(view.draft))  # in an article's text: a draft would take keys
    said: list[str] = []
    window.tabs.message.connect(said.append)
    for key, mods, text in keys:
        if text:
            type_text(view, text)
        else:
            qtbot.keyClick(view, key, mods)
    window.tabs.message.disconnect(said.append)
    return said


READ_ONLY = ("Read-only version", "只读版本")


def test_a_version_opened_read_only_takes_no_edit(window, draft_path, qtbot):
    _document, opened, first = opened_version(window, draft_path)
    assert opened.frozen
    title = window.tabs.tabText(window.tabs.currentIndex())
    assert "version 1" in title and "(read-only)" in title
    view = window.tabs.current_view()
    shown = view.toPlainText()
    keys = [
        (None, None, "新增文字"),
        (Qt.Key.Key_Return, Qt.KeyboardModifier.NoModifier, ""),
        (Qt.Key.Key_Return, CTRL, ""),
        (Qt.Key.Key_Backspace, Qt.KeyboardModifier.NoModifier, ""),
        (Qt.Key.Key_Delete, Qt.KeyboardModifier.NoModifier, ""),
        (Qt.Key.Key_Tab, Qt.KeyboardModifier.NoModifier, ""),
        (Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier, ""),
        (Qt.Key.Key_V, CTRL, ""),
        (Qt.Key.Key_X, CTRL, ""),
    ]
    QApplication.clipboard().setText("粘贴的第一条 内容")
    for key in keys:
        said = typed_into(window, qtbot, [key])
        assert said and all(any(m in text for m in READ_ONLY) for text in said), key
    qtbot.wait(10)  # the safety net would show anything that slipped into the text
    assert dumps(opened.draft) == first
    assert view.toPlainText() == shown
    assert opened.undo_stack.count() == 0 and not opened.is_modified()

    # moving, selecting and zooming are not edits: nothing is said
    moves = [(Qt.Key.Key_Down, Qt.KeyboardModifier.NoModifier, ""),
             (Qt.Key.Key_End, Qt.KeyboardModifier.ShiftModifier, ""),
             (Qt.Key.Key_A, CTRL, "")]  # fmt: skip
    before = view.textCursor().position()
    assert typed_into(window, qtbot, moves) == []
    assert view.textCursor().position() != before

    mime = QMimeData()
    mime.setText("第一条 拖来的文字")
    view.insertFromMimeData(mime)  # a drop or a paste by any path
    assert dumps(opened.draft) == first

    # an edit from a menu or the inspector, straight to the document, is refused too
    said = []
    window.tabs.message.connect(said.append)
    opened.push(ops.set_title(opened.draft, "改了"))
    assert dumps(opened.draft) == first and said


def test_save_refuses_a_version_save_as_makes_it_a_draft(window, draft_path, qtbot, monkeypatch):
    document, opened, first = opened_version(window, draft_path)
    assert not window.save_current()
    assert any(m in window.statusBar().currentMessage() for m in READ_ONLY)
    assert load_draft(draft_path).title == "第二轮修改稿"  # the draft file untouched
    target = draft_path.with_name("第一稿.contract")
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    assert window.save_current_as()
    assert not opened.frozen and not opened.read_only and opened.path == target
    assert "read-only" not in window.tabs.tabText(window.tabs.currentIndex())
    assert dumps(load_draft(target)) == first
    typed_into(window, qtbot, [(None, None, "新")])
    assert opened.is_modified()  # it takes edits now


def test_save_as_starts_a_new_history_and_says_where_the_old_one_is(
    window, draft_path, monkeypatch
):
    document, _first = edited_and_saved(window, draft_path)
    old_versions = list_versions(draft_path)
    target = draft_path.with_name("给乙方.contract")
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    assert window.save_current_as()
    assert document.path == target
    versions = list_versions(target)
    assert len(versions) == 1 and versions[0].saved_from == str(draft_path)
    assert dumps(load_draft(target)) == dumps(document.draft)
    assert list_versions(draft_path) == old_versions  # the earlier history stays there
    dialog = window.show_versions()
    assert dialog.table.rowCount() == 1
    assert dialog.message.isVisible() and str(draft_path) in dialog.message.text()
    document.push(ops.set_title(document.draft, "再改"))
    assert window.save_current()
    assert [v.saved_from for v in list_versions(target)] == [str(draft_path), ""]
    dialog.reload()
    assert str(draft_path) in dialog.message.text()  # still said: it starts the history
