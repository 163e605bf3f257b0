"""File › Versions… in the real window: list, note, open read-only, restore, compare."""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel

from app.model import ops
from app.model.fileformat import dumps
from app.model.files import load_draft
from app.model.versions import history_path, list_versions


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
    assert "1 changed" in dialog.compare_view.findChild(object, "versionsCompareText").toPlainText()
    dialog.compare_view.close()

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
