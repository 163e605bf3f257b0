"""Crash recovery in the real window: an autosave left exactly as a crashed run leaves it
(app.model.autosave's own Autosaver, never closed), then the start-up offer answered with
the real message box's buttons — Recover, Discard, Later, Esc — and damaged autosaves."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QAbstractButton, QApplication, QMessageBox

from app.model import ops
from app.model.autosave import Autosaver, autosave_folder, recoverable
from app.model.fileformat import dumps
from app.model.files import load_draft, save_draft
from app.model.importer import draft_from_document
from clause_db.reader import read_outline
from resources import SEED_FILES

if TYPE_CHECKING:
    from collections.abc import Iterator
    from pathlib import Path

    from app.model.draft import Draft
    from app.ui.main_window import MainWindow


@pytest.fixture
def saved(tmp_path: Path) -> Path:
    """A draft file the crashed run had open."""
    outline = read_outline(SEED_FILES[0])
    path = tmp_path / "客户合同.contract"
    save_draft(path, draft_from_document(outline.documents[0], outline.text, "seed"))
    return path


def crash_with_edits(source: Path | None, draft: Draft, key: str = "crashedrun1") -> Autosaver:
    """What a run that died leaves: the autosave of its unsaved draft, never cleared."""
    saver = Autosaver(key, source)
    saver.changed()
    assert saver.maybe_save(draft)
    return saver  # not closed: the process died


def edited(path: Path) -> Draft:
    draft = load_draft(path)
    first = draft.parts[0].articles[0]
    ops.set_heading(draft, first.id, "崩溃前改的标题").apply(draft)
    return draft


class Boxes:
    """Answers each modal message box as it opens by clicking the named button (or Esc),
    and keeps what each box said."""

    def __init__(self, qtbot, answers: list[str]) -> None:
        self.qtbot = qtbot
        self.answers = answers
        self.seen: list[str] = []
        self.missing: list[str] = []
        self.before_click = lambda: None
        self.timer = QTimer()
        self.timer.setInterval(10)
        self.timer.timeout.connect(self._poll)
        self.timer.start()

    def _poll(self) -> None:
        box = QApplication.activeModalWidget()
        if not (isinstance(box, QMessageBox) and box.isVisible() and self.answers):
            return
        self.seen.append(f"{box.text()}\n{box.informativeText()}")
        answer = self.answers.pop(0)
        self.before_click()
        button = box.findChild(QAbstractButton, answer)
        if answer == "escape":
            self.qtbot.keyClick(box, Qt.Key.Key_Escape)
        elif button is None:
            self.missing.append(answer)
            box.reject()  # never leave a test hanging on a modal box
        else:
            button.click()


@pytest.fixture
def boxes(qtbot) -> Iterator[list[Boxes]]:
    made: list[Boxes] = []
    yield made
    for b in made:
        b.timer.stop()
        assert not b.missing, f"no such button: {b.missing}"
        assert not b.answers, "a box that was expected never opened"


def answer(qtbot, boxes: list[Boxes], *answers: str) -> Boxes:
    made = Boxes(qtbot, list(answers))
    boxes.append(made)
    return made


def test_recover_opens_the_unsaved_edits_marked_modified_and_saving_clears_the_autosave(
    qtbot, window: MainWindow, saved: Path, boxes
) -> None:
    draft = edited(saved)
    crash_with_edits(saved, draft)
    said = answer(qtbot, boxes, "recoverButton")
    window.offer_recovery()
    assert "客户合同" in said.seen[0] or draft.title in said.seen[0]
    document = window.tabs.current_document()
    assert document is not None and document.path == saved
    assert dumps(document.draft) == dumps(draft)  # the crashed run's edits, exactly
    assert document.is_modified()
    assert window.tabs.tabText(0).endswith("*")
    window.undo_action.trigger()  # nothing to undo: it stays modified, the edits stay
    assert document.is_modified() and dumps(document.draft) == dumps(draft)
    assert [r.key for r in recoverable()] == ["crashedrun1"]  # the net stays until saved
    assert window.save_current()
    assert dumps(load_draft(saved)) == dumps(draft)
    assert not document.is_modified() and not window.tabs.tabText(0).endswith("*")
    assert recoverable() == []  # not offered again at the next start
    again = answer(qtbot, boxes)
    window.offer_recovery()
    assert again.seen == []


def test_a_recovered_draft_autosaved_again_replaces_its_own_autosave(
    qtbot, window: MainWindow, saved: Path, boxes
) -> None:
    crash_with_edits(saved, edited(saved))
    answer(qtbot, boxes, "recoverButton")
    window.offer_recovery()
    document = window.tabs.current_document()
    node_id = document.draft.parts[0].articles[1].id
    document.push(ops.set_heading(document.draft, node_id, "恢复后又改"))
    assert document.autosave()
    [left] = recoverable()  # one autosave: this draft's, not the old one beside a new one
    assert left.key == "crashedrun1"
    assert dumps(left.load()) == dumps(document.draft)
    window.close_current()  # closed with Discard: deliberately thrown away
    assert recoverable() == []


def test_closing_a_recovered_draft_asks_before_throwing_it_away(
    qtbot, window: MainWindow, saved: Path, boxes
) -> None:
    crash_with_edits(saved, edited(saved))
    answer(qtbot, boxes, "recoverButton")
    window.offer_recovery()
    asked = []
    window.ask_save = lambda d: asked.append(d) or QMessageBox.StandardButton.Cancel
    window.close_current()
    assert asked and window.tabs.count() == 1
    assert [r.key for r in recoverable()] == ["crashedrun1"]


def test_discard_deletes_the_autosave_and_opens_nothing(
    qtbot, window: MainWindow, saved: Path, boxes
) -> None:
    before = saved.read_bytes()
    crash_with_edits(saved, edited(saved))
    said = answer(qtbot, boxes, "discardButton")
    window.offer_recovery()
    assert "Discard: delete this unsaved work for good" in said.seen[0]
    assert window.tabs.count() == 0
    assert recoverable() == [] and list(autosave_folder().iterdir()) == []
    assert saved.read_bytes() == before  # the file itself is untouched


@pytest.mark.parametrize("later", ["laterButton", "escape"])
def test_later_or_escape_keeps_the_autosave_for_the_next_start(
    qtbot, window: MainWindow, saved: Path, boxes, later: str
) -> None:
    draft = edited(saved)
    crash_with_edits(saved, draft)
    answer(qtbot, boxes, later)
    window.offer_recovery()
    assert window.tabs.count() == 0
    [kept] = recoverable()
    assert dumps(kept.load()) == dumps(draft)
    answer(qtbot, boxes, "recoverButton")  # the next start offers it again, and it opens
    window.offer_recovery()
    assert dumps(window.tabs.current_document().draft) == dumps(draft)


def test_an_untitled_draft_is_recovered_and_saved_as(
    qtbot, window: MainWindow, saved: Path, boxes, tmp_path: Path, monkeypatch
) -> None:
    draft = edited(saved)
    draft.title = ""
    crash_with_edits(None, draft)
    said = answer(qtbot, boxes, "recoverButton")
    window.offer_recovery()
    assert "“Untitled”" in said.seen[0]
    target = tmp_path / "新合同"
    monkeypatch.setattr(
        "PySide6.QtWidgets.QFileDialog.getSaveFileName", lambda *a, **k: (str(target), "")
    )
    assert window.save_current()
    assert dumps(load_draft(target.with_suffix(".contract"))) == dumps(draft)
    assert recoverable() == []


def test_a_damaged_autosave_is_kept_and_its_path_shown(
    qtbot, window: MainWindow, saved: Path, boxes
) -> None:
    saver = crash_with_edits(saved, edited(saved))
    saver.path.write_bytes(b'{"format": "contract-editor/draft", "version": 1, "parts": [')
    damaged = saver.path.read_bytes()
    said = answer(qtbot, boxes, "keepButton")
    window.offer_recovery()
    assert str(saver.path) in said.seen[0] and "cannot be opened" in said.seen[0]
    assert window.tabs.count() == 0
    assert saver.path.read_bytes() == damaged  # kept byte for byte
    answer(qtbot, boxes, "escape")  # said again at the next start; Esc keeps it too
    window.offer_recovery()
    assert saver.path.read_bytes() == damaged
    answer(qtbot, boxes, "deleteButton")  # the lawyer may let it go, deliberately
    window.offer_recovery()
    assert recoverable() == [] and not saver.path.exists()


def test_an_autosave_damaged_after_the_offer_is_kept_and_its_path_shown(
    qtbot, window: MainWindow, saved: Path, boxes
) -> None:
    saver = crash_with_edits(saved, edited(saved))
    said = answer(qtbot, boxes, "recoverButton", "keepButton")
    said.before_click = lambda: saver.path.write_bytes(b"\xff\xfe not json")
    window.offer_recovery()
    assert len(said.seen) == 2 and str(saver.path) in said.seen[1]
    assert window.tabs.count() == 0
    assert saver.path.read_bytes() == b"\xff\xfe not json"
    assert [r.key for r in recoverable()] == ["crashedrun1"]


def test_two_crashed_drafts_are_offered_newest_first_and_answered_one_by_one(
    qtbot, window: MainWindow, saved: Path, boxes, tmp_path: Path
) -> None:
    older = edited(saved)
    older.title = "旧的草稿"
    newer = edited(saved)
    newer.title = "新的草稿"
    first = crash_with_edits(None, older, key="older")
    crash_with_edits(None, newer, key="newer")
    sidecar = first.path.with_suffix(".json")
    stamp = sidecar.read_text(encoding="utf-8").replace('"saved_at": "2', '"saved_at": "1')
    sidecar.write_text(stamp, encoding="utf-8")  # saved long before the other
    said = answer(qtbot, boxes, "recoverButton", "discardButton")
    window.offer_recovery()
    assert "新的草稿" in said.seen[0] and "旧的草稿" in said.seen[1]
    assert window.tabs.count() == 1 and window.tabs.current_document().draft.title == "新的草稿"
    assert [r.key for r in recoverable()] == ["newer"]  # the recovered one, until it is saved


def test_an_autosave_without_its_sidecar_is_still_offered_and_saved_as_a_new_file(
    qtbot, window: MainWindow, saved: Path, boxes, tmp_path: Path, monkeypatch
) -> None:
    draft = edited(saved)
    saver = crash_with_edits(saved, draft)
    saver.path.with_suffix(
        ".json"
    ).unlink()  # the crash came between writing the draft and its sidecar
    answer(qtbot, boxes, "recoverButton")
    window.offer_recovery()
    document = window.tabs.current_document()
    assert dumps(document.draft) == dumps(draft) and document.path is None
    asked = []
    target = tmp_path / "另存.contract"
    monkeypatch.setattr(
        "PySide6.QtWidgets.QFileDialog.getSaveFileName",
        lambda *a, **k: asked.append(a) or (str(target), ""),
    )
    before = saved.read_bytes()
    assert window.save_current()
    assert asked and saved.read_bytes() == before  # never written over a file it cannot name
    assert recoverable() == []
