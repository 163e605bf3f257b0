"""The window never overwrites a user's file silently: a draft open in another window opens
read-only (or not at all), an edit made outside since opening is noticed before saving over
it, Save As over another draft keeps it as .bak and says so, and Export refuses the draft's
own file and files that are not Word documents. Real dialogs, clicked with the mouse."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
from typing import TYPE_CHECKING

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialog, QFileDialog, QMessageBox, QPushButton

from app.model import ops
from app.model.draft_lock import DraftLock, lock_path, read_lock
from app.model.files import load_draft, save_draft
from app.model.importer import draft_from_document
from clause_db.reader import read_outline
from resources import SEED_FILES
from tests.conftest import make_window

if TYPE_CHECKING:
    from pathlib import Path

    from app.ui.draft_document import DraftDocument


@pytest.fixture
def draft_path(tmp_path: Path) -> Path:
    outline = read_outline(SEED_FILES[0])
    path = tmp_path / "协议.contract"
    save_draft(path, draft_from_document(outline.documents[0], outline.text, "seed"))
    return path


def click_in_box(qtbot, box_name: str, button_name: str | None, seen: list[str]) -> None:
    """When the message box ``box_name`` shows, note its text and click ``button_name``
    (None: its Cancel button) with the mouse."""

    tries = iter(range(250))  # about 5 s, then give up: the test's asserts then fail

    def answer() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox) or box.objectName() != box_name:
            if next(tries, None) is not None:
                QTimer.singleShot(20, answer)
            return
        seen.append(f"{box.text()} {box.informativeText()}")
        if button_name is None:
            button = box.button(QMessageBox.StandardButton.Cancel)
        else:
            button = box.findChild(QPushButton, button_name)
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)

    QTimer.singleShot(0, answer)


def fill_first_field(document: DraftDocument, value: str) -> None:
    field_id = next(iter(document.draft.fields))
    document.push(ops.set_field_value(document.draft, field_id, value))


def field_values(path: Path) -> set[str | None]:
    return {f.value for f in load_draft(path).fields.values()}


# -- the lock --------------------------------------------------------------------------------


def test_an_open_draft_holds_its_lock_until_its_tab_closes(window, draft_path):
    window.open_path(draft_path)
    owner = read_lock(draft_path)
    assert owner is not None and owner.pid == os.getpid()
    assert lock_path(draft_path).name == ".~lock.协议.contract#"
    window.close_current()
    assert not lock_path(draft_path).exists()


def test_a_second_window_is_told_and_opens_the_draft_read_only(
    qtbot, window, library_path, draft_path, tmp_path, monkeypatch
):
    first = window.open_path(draft_path)
    second = make_window(qtbot, library_path)
    seen: list[str] = []
    click_in_box(qtbot, "draftLockedBox", "openReadOnlyButton", seen)
    document = second.open_path(draft_path)
    assert document is not None and document.read_only
    assert str(os.getpid()) in seen[0] and "协议.contract" in seen[0]
    assert str(lock_path(draft_path)) in seen[0]  # where to unlock if that window is gone
    tabs = second.tabs
    assert tabs.tabText(tabs.currentIndex()) != document.title  # marked read-only

    # its changes go to another file; the first window's file and lock stay as they were
    before = draft_path.read_bytes()
    fill_first_field(document, "只读窗口的值")
    copy = tmp_path / "副本.contract"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(copy), ""))
    assert second.save_current()
    assert draft_path.read_bytes() == before
    assert "只读窗口的值" in field_values(copy)
    assert read_lock(draft_path).token == first.lock.owner.token
    assert read_lock(copy).token == document.lock.owner.token and not document.read_only


def test_cancelling_the_locked_box_opens_nothing(qtbot, window, library_path, draft_path):
    window.open_path(draft_path)
    second = make_window(qtbot, library_path)
    seen: list[str] = []
    click_in_box(qtbot, "draftLockedBox", None, seen)
    assert second.open_path(draft_path) is None
    assert seen and second.tabs.count() == 0


def test_a_read_only_draft_is_never_saved_over_the_locked_file(
    qtbot, window, library_path, draft_path, monkeypatch
):
    window.open_path(draft_path)
    second = make_window(qtbot, library_path)
    click_in_box(qtbot, "draftLockedBox", "openReadOnlyButton", [])
    document = second.open_path(draft_path)
    fill_first_field(document, "不该写入")
    before = draft_path.read_bytes()
    warnings: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *a: warnings.append(a[2]))
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(draft_path), ""))
    assert not second.save_current()  # Save As onto the very file: refused
    assert warnings and "read-only" in warnings[0]
    assert draft_path.read_bytes() == before


def test_a_lock_left_by_a_crashed_run_is_taken_over_without_asking(window, draft_path):
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    lock_path(draft_path).write_text(
        json.dumps(
            {
                "pid": child.pid,
                "host": socket.gethostname(),
                "user": "x",
                "since": "2026-12-01T08:00:00+00:00",
                "token": "crashed",
            }
        ),  # fmt: skip
        encoding="utf-8",
    )
    window.ask_open_read_only = lambda *a: pytest.fail("a stale lock must not ask")
    document = window.open_path(draft_path)
    assert document is not None and not document.read_only
    assert read_lock(draft_path).token == document.lock.owner.token


# -- edits made outside ----------------------------------------------------------------------


def edit_outside(path: Path, value: str) -> None:
    draft = load_draft(path)
    draft.fields[next(iter(draft.fields))].value = value
    save_draft(path, draft)


def test_an_outside_edit_is_noticed_before_saving_and_cancel_keeps_it(qtbot, window, draft_path):
    document = window.open_path(draft_path)
    fill_first_field(document, "窗口里的值")
    edit_outside(draft_path, "外部编辑的值")
    seen: list[str] = []
    click_in_box(qtbot, "changedOnDiskBox", None, seen)
    assert not window.save_current()
    assert seen and str(draft_path) in seen[0]
    assert "外部编辑的值" in field_values(draft_path)
    assert document.is_modified()


def test_overwriting_an_outside_edit_keeps_it_as_bak_and_says_so(qtbot, window, draft_path):
    document = window.open_path(draft_path)
    fill_first_field(document, "窗口里的值")
    edit_outside(draft_path, "外部编辑的值")
    click_in_box(qtbot, "changedOnDiskBox", "overwriteButton", [])
    assert window.save_current()
    assert "窗口里的值" in field_values(draft_path)
    assert "外部编辑的值" in field_values(draft_path.with_name("协议.contract.bak"))
    assert "协议.contract.bak" in window.statusBar().currentMessage()
    # the window's own save is now the reference: no question the next time
    window.ask_changed_on_disk = lambda d: pytest.fail("unchanged file: no question")
    fill_first_field(document, "再改一次")
    assert window.save_current()


def test_an_outside_edit_can_be_kept_by_saving_as_another_file(
    qtbot, window, draft_path, tmp_path, monkeypatch
):
    document = window.open_path(draft_path)
    fill_first_field(document, "窗口里的值")
    edit_outside(draft_path, "外部编辑的值")
    other = tmp_path / "我的版本.contract"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(other), ""))
    click_in_box(qtbot, "changedOnDiskBox", "saveAsButton", [])
    assert window.save_current()
    assert "外部编辑的值" in field_values(draft_path)
    assert "窗口里的值" in field_values(other)
    assert document.path == other
    assert not lock_path(draft_path).exists()  # the old file's lock went with the old name


def test_a_file_deleted_outside_is_saved_again_without_a_question(window, draft_path):
    document = window.open_path(draft_path)
    fill_first_field(document, "窗口里的值")
    draft_path.unlink()
    window.ask_changed_on_disk = lambda d: pytest.fail("nothing to lose: no question")
    assert window.save_current()
    assert "窗口里的值" in field_values(draft_path)


# -- Save As and Export ----------------------------------------------------------------------


def test_save_as_over_another_draft_keeps_it_as_bak_and_says_so(
    window, draft_path, tmp_path, monkeypatch
):
    other = tmp_path / "客户的草稿.contract"
    edit_outside(draft_path, "客户填好的值")
    other.write_bytes(draft_path.read_bytes())
    window.new_draft()
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(other), ""))
    assert window.save_current_as()
    assert "客户填好的值" in field_values(other.with_name("客户的草稿.contract.bak"))
    assert "客户的草稿.contract.bak" in window.statusBar().currentMessage()


def test_a_new_draft_takes_its_lock_at_its_first_save_as(window, tmp_path, monkeypatch):
    target = tmp_path / "新合同.contract"
    window.new_draft()
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    assert window.save_current()  # no file yet: Save asks where
    assert read_lock(target).token == window.tabs.current_document().lock.owner.token
    window.close_current()
    assert not lock_path(target).exists()


def test_save_as_refuses_a_file_that_is_not_a_draft(window, tmp_path, monkeypatch):
    notes = tmp_path / "笔记.contract"
    notes.write_text("律师的笔记", encoding="utf-8")
    window.new_draft()
    warnings: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *a: warnings.append(a[2]))
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(notes), ""))
    assert not window.save_current_as()
    assert warnings and "not a contract draft" in warnings[0]
    assert notes.read_text(encoding="utf-8") == "律师的笔记"


def test_save_as_refuses_a_draft_open_in_another_window(window, draft_path, monkeypatch):
    before = draft_path.read_bytes()
    window.new_draft()
    warnings: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *a: warnings.append(a[2]))
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(draft_path), ""))
    with DraftLock.acquire(draft_path):  # another window has it open
        assert not window.save_current_as()
    assert warnings and "open in another window" in warnings[0]
    assert draft_path.read_bytes() == before


@pytest.mark.parametrize("target", ["own", "origin", "notes"])
def test_export_refuses_the_drafts_own_file_its_origin_and_other_kinds(
    window, draft_path, tmp_path, monkeypatch, target
):
    from app.ui.export_dialog import ExportDialog

    if target == "origin":  # the Word contract the draft was read from
        from app.word.export import export_draft

        chosen = protected = tmp_path / "原件.docx"
        export_draft(load_draft(draft_path), chosen)
        window.open_path(chosen)
    else:
        window.open_path(draft_path)
    if target == "own":  # a .docx name that leads to the draft itself
        chosen = tmp_path / "协议.docx"
        chosen.symlink_to(draft_path.name)
        protected = draft_path
    elif target == "notes":
        chosen = protected = tmp_path / "笔记.docx"
        chosen.write_text("不是 Word 文档", encoding="utf-8")
    before = protected.read_bytes()
    warnings: list[str] = []
    monkeypatch.setattr(ExportDialog, "exec", lambda self: QDialog.DialogCode.Accepted)
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    monkeypatch.setattr(QMessageBox, "warning", lambda *a: warnings.append(a[2]))
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(chosen), ""))
    assert window.export_current() is None
    assert warnings and str(chosen) in warnings[0]
    assert protected.read_bytes() == before
