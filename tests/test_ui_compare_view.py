"""The compare view in the real main window: File › Compare with… on the seed draft after a
round of edits, the count, next/previous, the moved article's labels, side-by-side scroll
sync, the redline signed with the author setting, and compare with library sources."""

from __future__ import annotations

import zipfile
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMenu

from app.model.files import load_draft, save_draft
from app.ui.compare_view import AUTHOR_KEY, compare_with_file, compare_with_sources, redline_author
from app.ui.settings import app_settings
from tests.edit_rounds import edit_round, expected_changes

if TYPE_CHECKING:
    from pathlib import Path


def edited_copy(tmp_path: Path, draft_path: Path):
    """The round of edits made on the seed draft, saved as another draft file."""
    done = edit_round(load_draft(draft_path))
    other = tmp_path / "returned.contract"
    save_draft(other, done.new)
    return done, other


def open_view(qtbot, window, draft_path: Path, tmp_path: Path):
    window.open_path(draft_path)
    done, other = edited_copy(tmp_path, draft_path)
    view = compare_with_file(window, other)
    assert view is not None
    qtbot.waitExposed(view)
    return done, view


def test_the_menus_offer_compare_and_the_redline_author(window):
    names = {a.objectName() for m in window.menuBar().findChildren(QMenu) for a in m.actions()}
    assert {"compareWithAction", "compareSourcesAction", "redlineAuthorAction"} <= names


def test_compare_with_a_file_counts_the_changes_and_labels_the_move(
    qtbot, window, draft_path, tmp_path
):
    done, view = open_view(qtbot, window, draft_path, tmp_path)
    moved = {done.moved} if done.moved else set()
    expected = expected_changes(done.old, done.new, moved)
    assert view.objectName() == "compareView"
    assert view.count.text() == f"1 / {len(expected)}"
    move = next(c for c in expected if c[0] == "moved")
    assert f"{move[1]} → {move[2]}" in view.inline.toPlainText()


def test_next_and_previous_move_the_view_and_the_count(qtbot, window, draft_path, tmp_path):
    _, view = open_view(qtbot, window, draft_path, tmp_path)
    view.resize(600, 260)  # small enough that the changes do not all fit
    view.activateWindow()
    view.inline.setFocus()
    qtbot.waitUntil(lambda: view.inline.hasFocus())  # shortcuts reach the active window
    total = len(view.changes)
    bar = view.inline.verticalScrollBar()
    assert bar.maximum() > 0
    assert bar.value() == 0
    for _ in range(total):
        qtbot.keyClick(view.inline, Qt.Key.Key_F8)
    assert view.count.text() == f"{total} / {total}"
    bottom = bar.value()
    assert bottom > 0
    assert not view.next_action.isEnabled()
    qtbot.keyClick(view.inline, Qt.Key.Key_F8, Qt.KeyboardModifier.ShiftModifier)
    assert view.count.text() == f"{total - 1} / {total}"
    view.go_to(0)
    assert bar.value() < bottom
    assert view.count.text() == f"1 / {total}"
    view.go_to(2)  # the change stepped to is shaded: its heading names it
    (selection,) = view.inline.extraSelections()
    shaded = selection.cursor.block().text()
    label = view.changes[2].new or view.changes[2].old
    assert label in shaded


def test_side_by_side_panes_scroll_together(qtbot, window, draft_path, tmp_path):
    _, view = open_view(qtbot, window, draft_path, tmp_path)
    view.resize(600, 260)
    view.tabs.setCurrentIndex(1)
    qtbot.waitUntil(lambda: view.old_pane.isVisible())
    old_bar, new_bar = view.old_pane.verticalScrollBar(), view.new_pane.verticalScrollBar()
    assert old_bar.maximum() > 0 and new_bar.maximum() > 0
    old_bar.setValue(old_bar.maximum())
    assert new_bar.value() == new_bar.maximum()
    new_bar.setValue(0)
    assert old_bar.value() == 0
    view.go_to(len(view.changes) - 1)  # stepping moves both panes to the change
    assert old_bar.value() > 0 and new_bar.value() > 0
    # the old pane shows what was deleted, the new one what was inserted
    assert "另有约定的除外" in view.new_pane.toPlainText()
    assert "另有约定的除外" not in view.old_pane.toPlainText()


def test_the_redline_is_signed_with_the_author_setting(qtbot, window, draft_path, tmp_path):
    app_settings().setValue(AUTHOR_KEY, "张律师")
    assert redline_author() == "张律师"
    _, view = open_view(qtbot, window, draft_path, tmp_path)
    out = tmp_path / "redline.docx"
    assert view.export_redline(out) == out
    with zipfile.ZipFile(out) as docx:
        xml = docx.read("word/document.xml").decode()
    assert 'w:author="张律师"' in xml and "<w:ins " in xml and "<w:del " in xml


def test_the_redline_never_replaces_the_draft_itself(
    qtbot, window, draft_path, tmp_path, monkeypatch
):
    from PySide6.QtWidgets import QMessageBox

    _, view = open_view(qtbot, window, draft_path, tmp_path)
    told = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *args: told.append(args[2]))
    before = draft_path.read_bytes()
    assert view.export_redline(draft_path) is None
    assert told and draft_path.read_bytes() == before


def test_compare_with_library_sources_shows_a_reworded_clause(qtbot, window):
    from app.model import editing
    from app.model.doc_blocks import BlockRef

    source = window.library.sources_list()[0]
    document = window.new_from_library_source(source.id)
    draft = document.draft
    node = next(n for _, n in draft.nodes() if n.children)
    edit = editing.set_block_text(draft, BlockRef("body", node.children[0].id), ["另行约定。"])
    edit.command.apply(draft)
    view = compare_with_sources(window)
    assert view is not None
    qtbot.waitExposed(view)
    assert view.count.text() == "1 / 1"
    assert "另行约定。" in view.inline.toPlainText()


def test_a_file_that_is_no_contract_is_told_not_compared(
    qtbot, window, draft_path, tmp_path, monkeypatch
):
    from PySide6.QtWidgets import QMessageBox

    window.open_path(draft_path)
    broken = tmp_path / "broken.docx"
    broken.write_bytes(b"not a zip")
    told = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *args: told.append(args[2]))
    assert compare_with_file(window, broken) is None
    assert told and "broken.docx" in told[0]
