"""Hypothesis drives the centre document with real events — typed characters, IME commits,
Enter, Backspace, Delete, Tab, Shift+Tab, Ctrl+Enter, Alt+arrows, Space, selections across
blocks, cut, copy, paste, undo and redo — and after every step the page reads exactly as the
draft rendered as text (numbers included); undoing everything gives back the draft byte for
byte. Run on seed clauses and on a draft shaped like a model contract (cover, tables, tick
boxes, its own signature block, annexes)."""

from __future__ import annotations

import copy

import pytest
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, rule, run_state_machine_as_test
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent, QTextCursor
from PySide6.QtWidgets import QApplication

from app.model.fileformat import dumps
from app.model.importer import draft_from_document
from app.ui.contract_model import ContractModel
from app.ui.document_view import DocumentView
from app.ui.draft_document import DraftDocument
from clause_db.reader import read_outline
from resources import SEED_FILES
from tests.document_helpers import ALT, CTRL, SHIFT, expected_text, ime_commit, type_text
from tests.shaped_draft import shaped

NONE = Qt.KeyboardModifier.NoModifier
KEYS = [
    (Qt.Key.Key_Return, NONE),
    (Qt.Key.Key_Return, CTRL),
    (Qt.Key.Key_Backspace, NONE),
    (Qt.Key.Key_Delete, NONE),
    (Qt.Key.Key_Tab, NONE),
    (Qt.Key.Key_Backtab, SHIFT),
    (Qt.Key.Key_Up, ALT),
    (Qt.Key.Key_Down, ALT),
    (Qt.Key.Key_Left, NONE),
    (Qt.Key.Key_Right, SHIFT),
    (Qt.Key.Key_Down, SHIFT),
    (Qt.Key.Key_Home, NONE),
    (Qt.Key.Key_End, NONE),
    (Qt.Key.Key_X, CTRL),
    (Qt.Key.Key_C, CTRL),
    (Qt.Key.Key_V, CTRL),
    (Qt.Key.Key_V, CTRL | SHIFT),
    (Qt.Key.Key_Z, CTRL),
    (Qt.Key.Key_Y, CTRL),
    (Qt.Key.Key_Space, NONE),  # ticks a selected tick box
]
TEXT = st.text(alphabet="甲乙方的条款ab 1", min_size=1, max_size=4)


@pytest.fixture(scope="module")
def seed_draft():
    outline = read_outline(SEED_FILES[0])
    draft = draft_from_document(outline.documents[2], outline.text, "seed")
    del draft.parts[0].articles[4:]  # four articles, their clauses, fields and references
    return draft


def press(view: DocumentView, key, modifiers) -> None:
    """A real key press and release, as the keyboard sends them."""
    for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
        QApplication.sendEvent(view, QKeyEvent(kind, key, modifiers))


class EditingSession(RuleBasedStateMachine):
    draft = None  # set by the test

    def __init__(self) -> None:
        super().__init__()
        self.document = DraftDocument(copy.deepcopy(self.draft))
        self.original = dumps(self.document.draft)
        self.view = DocumentView(self.document, ContractModel(self.document))
        self.view.resize(700, 500)
        self.view.show()
        self.view.setFocus()

    def _settle(self) -> None:
        QApplication.processEvents()  # the safety net runs on the next turn of the loop

    @rule(block=st.integers(0, 200), offset=st.integers(0, 60))
    def click(self, block: int, offset: int) -> None:
        doc = self.view.document()
        target = doc.findBlockByNumber(block % doc.blockCount())
        cursor = QTextCursor(target)
        cursor.setPosition(target.position() + min(offset, target.length() - 1))
        self.view.setTextCursor(cursor)

    @rule(start=st.integers(0, 10_000), length=st.integers(1, 300))
    def select(self, start: int, length: int) -> None:
        end_of_text = self.view.document().characterCount() - 1
        a = start % max(end_of_text, 1)
        cursor = self.view.textCursor()
        cursor.setPosition(a)
        cursor.setPosition(min(a + length, end_of_text), QTextCursor.MoveMode.KeepAnchor)
        self.view.setTextCursor(cursor)

    @rule(block=st.integers(0, 200))
    def select_a_whole_line(self, block: int) -> None:
        """A heading or a text selected whole (then Delete empties it: its number moves)."""
        doc = self.view.document()
        target = doc.findBlockByNumber(block % doc.blockCount())
        cursor = QTextCursor(target)
        cursor.movePosition(QTextCursor.MoveOperation.EndOfBlock, QTextCursor.MoveMode.KeepAnchor)
        self.view.setTextCursor(cursor)

    @rule(text=TEXT)
    def type(self, text: str) -> None:
        type_text(self.view, text)
        self._settle()

    @rule(text=TEXT, preedit=st.sampled_from(["", "jia", "yi"]))
    def ime(self, text: str, preedit: str) -> None:
        ime_commit(self.view, text, preedit)
        self._settle()

    @rule(key=st.sampled_from(KEYS))
    def key(self, key) -> None:
        press(self.view, *key)
        self._settle()

    @invariant()
    def page_shows_the_draft(self) -> None:
        assert self.view.visible_text() == expected_text(self.document.draft)
        assert self.view.document().blockCount() == len(self.view.shown_blocks())

    def teardown(self) -> None:
        stack = self.document.undo_stack
        while stack.canUndo():
            stack.undo()
        assert dumps(self.document.draft) == self.original
        assert self.view.visible_text() == expected_text(self.document.draft)
        self.view.close()
        self.view.deleteLater()


def test_the_page_always_reads_as_the_draft_and_undo_restores_it(qapp, seed_draft) -> None:
    EditingSession.draft = seed_draft
    run_state_machine_as_test(
        EditingSession,
        settings=settings(
            max_examples=25,
            stateful_step_count=30,
            deadline=None,
            suppress_health_check=[HealthCheck.too_slow],
        ),
    )


def test_tables_cover_signature_and_annexes_stay_in_step_with_the_draft(qapp) -> None:
    EditingSession.draft = shaped(ragged=True)
    run_state_machine_as_test(
        EditingSession,
        settings=settings(
            max_examples=20,
            stateful_step_count=30,
            deadline=None,
            suppress_health_check=[HealthCheck.too_slow],
        ),
    )
