"""The find bar over the contract (Ctrl+F; Ctrl+H to replace): find and replace in the draft.

The finding and replacing is ``app.model.find``; the bar reads its options, shows the count
(3 / 12), highlights every hit through the view (``show_matches``), selects the current one
(``go_to``) and pushes a replacement like any edit (``view.push`` -> DraftDocument.push), so
Replace All is one undo step. It floats at the bottom right of the open draft.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QPoint, QRect, Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QCheckBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QPushButton,
    QToolButton,
)

if TYPE_CHECKING:
    from app.model.commands import Command
    from app.model.editing import Pos
    from app.model.find import FindError, FindOptions, Match

    from .document_tabs import DocumentTabs
    from .document_view import DocumentView
    from .main_window import MainWindow

RESEARCH_MS = 200  # after an edit in the draft, the hits are found again once typing pauses
MARGIN = 8


class FindBar(QFrame):
    """Find and replace in the open draft; one bar per window, following the current tab."""

    def __init__(self, tabs: DocumentTabs) -> None:
        super().__init__(tabs)
        self.setObjectName("findBar")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAutoFillBackground(True)
        self.tabs = tabs
        self._view: DocumentView | None = None
        self._matches: list[Match] = []
        self._current = -1
        self._scope: tuple[Pos, Pos] | None = None  # the selection searched "in selection"

        self.find_edit = self._line("findEdit", self.tr("Find in the draft"))
        self.replace_edit = self._line("replaceEdit", self.tr("Replace with"))
        self.count_label = QLabel(self)
        self.count_label.setObjectName("findCount")
        self.count_label.setMinimumWidth(self.fontMetrics().horizontalAdvance("0000 / 0000"))
        self.previous_button = self._button("findPreviousButton", "↑", self.previous)
        self.previous_button.setToolTip(self.tr("Previous (Shift+Enter)"))
        self.next_button = self._button("findNextButton", "↓", self.next)
        self.next_button.setToolTip(self.tr("Next (Enter)"))
        self.close_button = self._button("findCloseButton", "✕", self.close_bar)
        self.close_button.setToolTip(self.tr("Close (Esc)"))
        self.replace_button = QPushButton(self.tr("Replace"), self)
        self.replace_button.setObjectName("replaceButton")
        self.replace_button.clicked.connect(self.replace)
        self.replace_all_button = QPushButton(self.tr("Replace All"), self)
        self.replace_all_button.setObjectName("replaceAllButton")
        self.replace_all_button.clicked.connect(self.replace_all)
        again = lambda _on: self.search(navigate=True)  # noqa: E731
        self.case_check = self._check("caseCheck", self.tr("Match case"), again)
        self.word_check = self._check("wholeWordCheck", self.tr("Whole words"), again)
        self.regex_check = self._check("regexCheck", self.tr("Regular expression"), again)
        self.selection_check = self._check(
            "inSelectionCheck", self.tr("In selection"), self._selection_toggled
        )
        self.fields_check = self._check("fieldValuesCheck", self.tr("Field values"), again)

        grid = QGridLayout(self)
        grid.setContentsMargins(6, 6, 6, 6)
        grid.addWidget(self.find_edit, 0, 0)
        grid.addWidget(self.count_label, 0, 1)
        grid.addWidget(self.previous_button, 0, 2)
        grid.addWidget(self.next_button, 0, 3)
        grid.addWidget(self.close_button, 0, 4)
        grid.addWidget(self.replace_edit, 1, 0)
        grid.addWidget(self.replace_button, 1, 1, 1, 2)
        grid.addWidget(self.replace_all_button, 1, 3, 1, 2)
        options = QHBoxLayout()
        for check in (
            self.case_check,
            self.word_check,
            self.regex_check,
            self.selection_check,
            self.fields_check,
        ):
            options.addWidget(check)
        options.addStretch(1)
        grid.addLayout(options, 2, 0, 1, 5)
        grid.setColumnMinimumWidth(0, 240)

        self.find_edit.textEdited.connect(lambda _text: self.search(navigate=True))
        self._later = QTimer(self, singleShot=True, interval=RESEARCH_MS)
        self._later.timeout.connect(self.search)
        tabs.installEventFilter(self)
        self.hide()

    # -- building ---------------------------------------------------------------------------

    def _line(self, name: str, placeholder: str) -> QLineEdit:
        edit = QLineEdit(self)
        edit.setObjectName(name)
        edit.setPlaceholderText(placeholder)
        edit.setClearButtonEnabled(True)
        edit.installEventFilter(self)
        return edit

    def _button(self, name: str, text: str, slot) -> QToolButton:
        button = QToolButton(self)
        button.setObjectName(name)
        button.setText(text)
        button.setAutoRaise(True)
        button.clicked.connect(slot)
        return button

    def _check(self, name: str, text: str, slot) -> QCheckBox:
        check = QCheckBox(text, self)
        check.setObjectName(name)
        check.toggled.connect(slot)
        return check

    # -- opening, closing, following the current draft ----------------------------------------

    def open_find(self) -> None:
        self._open(self.find_edit)

    def open_replace(self) -> None:
        self._open(self.replace_edit)

    def _open(self, focus: QLineEdit) -> None:
        self.set_view(self.tabs.current_view())
        if self._view is None:
            return
        cursor = self._view.textCursor()
        chosen = cursor.selectedText()
        one_line = chosen and not any(c in chosen for c in "\u2029\u2028\ufffc")
        if one_line and len(chosen) <= 200:
            self.find_edit.setText(chosen)  # the selected word is what to find
        elif chosen:
            self.selection_check.setChecked(True)  # a longer selection is where to find
        self.show()
        self._place()
        self.raise_()
        focus.setFocus()
        focus.selectAll()
        self.search(navigate=False)

    def close_bar(self) -> None:
        self.hide()
        self._later.stop()
        self.selection_check.setChecked(False)
        self._matches, self._current = [], -1
        if self._view is not None:
            self._view.show_matches([])
            self._view.setFocus()

    def set_view(self, view: DocumentView | None) -> None:
        """Follow the draft in the current tab."""
        if view is self._view:
            return
        if self._view is not None:
            self._view.show_matches([])
            self._view.document_.commandDone.disconnect(self._draft_changed)
        self._view = view
        self._matches, self._current = [], -1
        self.selection_check.setChecked(False)
        if view is not None:
            view.document_.commandDone.connect(self._draft_changed)
            if self.isVisible():
                self.search(navigate=False)
        else:
            self.hide()

    def _draft_changed(self, _command: Command, _applied: bool) -> None:
        if self.isVisible():
            self._later.start()

    def _place(self) -> None:
        """Bottom right of the draft's page area, clear of the scroll bar: the title and the
        first lines stay in view (the signature block below the last text leaves room to
        scroll any hit above the bar)."""
        page = self.tabs.currentWidget()
        if page is None:
            return
        self.adjustSize()
        rect = QRect(page.mapTo(self.tabs, QPoint(0, 0)), page.size())
        scroll = page.style().pixelMetric(page.style().PixelMetric.PM_ScrollBarExtent)
        x = max(rect.left(), rect.right() - self.width() - scroll - MARGIN)
        self.move(x, max(rect.top(), rect.bottom() - self.height() - MARGIN))

    def _uncover(self) -> None:
        """Scroll the selected hit up from under the bar."""
        self._place()
        hit = self._hit_rect()
        if hit.intersects(self.geometry()):
            scroll = self._view.verticalScrollBar()
            scroll.setValue(scroll.value() + hit.bottom() - self.geometry().top() + MARGIN)

    def _hit_rect(self) -> QRect:
        view = self._view
        rect = view.cursorRect(view.textCursor())
        return QRect(view.viewport().mapTo(self.tabs, rect.topLeft()), rect.size())

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.tabs and event.type() == QEvent.Type.Resize and self.isVisible():
            self._place()
        elif event.type() == QEvent.Type.KeyPress and watched in (
            self.find_edit,
            self.replace_edit,
        ):
            return self._key(watched, event)
        return super().eventFilter(watched, event)

    def _key(self, edit: QLineEdit, event) -> bool:
        """Enter: next (or replace, in the replace box); Shift+Enter: previous; Esc: close."""
        key = event.key()
        if key == Qt.Key.Key_Escape:
            self.close_bar()
            return True
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            if event.modifiers() & Qt.KeyboardModifier.ShiftModifier:
                self.previous()
            elif edit is self.replace_edit:
                self.replace()
            else:
                self.next()
            return True
        return False

    def keyPressEvent(self, event) -> None:
        if event.key() == Qt.Key.Key_Escape:
            self.close_bar()
            return
        super().keyPressEvent(event)

    def make_actions(self, parent: QObject) -> list[QAction]:
        """Find (Ctrl+F) and Replace (Ctrl+H) in the draft, for the window's menu."""
        find = QAction(self.tr("Find in &draft…"), parent)
        find.setObjectName("findInDraftAction")
        find.setShortcut(QKeySequence(QKeySequence.StandardKey.Find))
        find.triggered.connect(self.open_find)
        replace = QAction(self.tr("&Replace in draft…"), parent)
        replace.setObjectName("replaceInDraftAction")
        replace.setShortcut(QKeySequence("Ctrl+H"))
        replace.triggered.connect(self.open_replace)
        return [find, replace]

    # -- finding --------------------------------------------------------------------------

    def options(self) -> FindOptions:
        # the draft modules load with the first draft, not with the window
        from app.model.find import FindOptions

        return FindOptions(
            case_sensitive=self.case_check.isChecked(),
            whole_word=self.word_check.isChecked(),
            regex=self.regex_check.isChecked(),
            field_values=self.fields_check.isChecked(),
        )

    def _selection_toggled(self, on: bool) -> None:
        self._scope = None
        if on and self._view is not None:
            self._scope = self._view.selection()
            if self._scope is None:
                self.selection_check.setChecked(False)
                self._say(self.tr("Select the text to search in first"), error=True)
                return
        self.search(navigate=False)

    def search(self, navigate: bool = False) -> None:
        """Find every hit again and highlight them; ``navigate``: select the first hit from
        the caret on (as the lawyer types a query), else leave the caret where it is."""
        # the draft modules load with the first draft, not with the window
        from app.model.find import FindError, find_all, spans

        self._later.stop()
        view = self._view
        if view is None or not self.isVisible():
            return
        query = self.find_edit.text()
        try:
            self._matches = find_all(view.draft, query, self.options(), self._scope)
        except FindError as exc:
            self._matches, self._current = [], -1
            view.show_matches([])
            self._say(self._error_text(exc), error=True)
            return
        view.show_matches(spans(self._matches))
        self._current = -1
        if navigate and self._matches:
            self._go(self._first_from(view.textCursor().selectionStart()))
        else:
            self._show_count()

    def _first_from(self, position: int) -> int:
        """The first hit starting at or after document ``position`` (wrapping to the first)."""
        view = self._view
        return next(
            (i for i, m in enumerate(self._matches) if view.position_of(m.pos) >= position), 0
        )

    def next(self) -> None:
        self._step(1)

    def previous(self) -> None:
        self._step(-1)

    def _step(self, delta: int) -> None:
        if self._view is None:
            return
        if not self._matches:
            self.search(navigate=False)
            if not self._matches:
                return
        n = len(self._matches)
        if self._current_is_selected():
            self._go((self._current + delta) % n)
            return
        cursor = self._view.textCursor()
        if delta > 0:
            self._go(self._first_from(cursor.selectionEnd()))
        else:
            before = [
                i
                for i, m in enumerate(self._matches)
                if self._view.position_of(m.pos) < cursor.selectionStart()
            ]
            self._go(before[-1] if before else n - 1)

    def _go(self, index: int) -> None:
        self._current = index
        match = self._matches[index]
        self._view.go_to(match.pos, match.length)
        self._uncover()
        self._show_count()

    def _current_is_selected(self) -> bool:
        # the draft modules load with the first draft, not with the window
        from app.model import editing

        if not 0 <= self._current < len(self._matches):
            return False
        match = self._matches[self._current]
        cursor = self._view.textCursor()
        start = self._view.position_of(match.pos)
        end = self._view.position_of(editing.Pos(match.pos.ref, match.pos.offset + match.length))
        return (cursor.selectionStart(), cursor.selectionEnd()) == (start, end)

    # -- replacing ------------------------------------------------------------------------

    def replace(self) -> None:
        """Replace the selected hit and go to the next; with none selected, go to one first."""
        # the draft modules load with the first draft, not with the window
        from app.model.find import FindError, replace_one

        if not self._current_is_selected():
            self.next()
            return
        view = self._view
        match = self._matches[self._current]
        try:
            edit = replace_one(
                view.draft, match, self.find_edit.text(), self.replace_edit.text(), self.options()
            )
        except FindError as exc:
            self._say(self._error_text(exc), error=True)
            return
        lengths = self._lengths(self._scope)
        view.push(edit)
        if self._scope is not None:
            self._scope = self._shifted(self._scope, lengths)
        self.search(navigate=False)
        if self._matches:
            self._go(self._first_from(view.position_of(edit.caret)))

    def replace_all(self) -> None:
        """Replace every hit (in the selection when asked) as one undo step."""
        # the draft modules load with the first draft, not with the window
        from app.model.find import FindError, find_all, replace_matches

        view = self._view
        if view is None:
            return
        query = self.find_edit.text()
        try:
            matches = find_all(view.draft, query, self.options(), self._scope)
            edit = replace_matches(
                view.draft, matches, query, self.replace_edit.text(), self.options()
            )
        except FindError as exc:
            self._say(self._error_text(exc), error=True)
            return
        if edit is None:
            self._say(self.tr("No results"), error=True)
            return
        view.show_matches([])  # every highlight's cursor would follow each change: clear first
        scope = self._scope
        lengths = self._lengths(scope)
        view.push(edit)
        if scope is not None:
            self._scope = self._shifted(scope, lengths)
            self._select(self._scope)
        self.search(navigate=False)
        self._say(self.tr("%n replaced", "", len(matches)))

    def _lengths(self, scope: tuple[Pos, Pos] | None) -> dict:
        # the draft modules load with the first draft, not with the window
        from app.model.doc_blocks import blocks

        if scope is None:
            return {}
        wanted = {scope[0].ref, scope[1].ref}
        return {b.ref: len(b.text) for b in blocks(self._view.draft) if b.ref in wanted}

    def _shifted(self, scope: tuple[Pos, Pos], before: dict) -> tuple[Pos, Pos]:
        """The selection after a replacement: the text after its end is unchanged, so its end
        moves with its block's length."""
        # the draft modules load with the first draft, not with the window
        from app.model import editing

        after = self._lengths(scope)
        start, end = sorted(scope, key=self._view.position_of)
        grown = after.get(end.ref, 0) - before.get(end.ref, 0)
        return start, editing.Pos(end.ref, end.offset + grown)

    def _select(self, scope: tuple[Pos, Pos]) -> None:
        view = self._view
        cursor = view.textCursor()
        cursor.setPosition(view.position_of(scope[0]))
        cursor.setPosition(view.position_of(scope[1]), cursor.MoveMode.KeepAnchor)
        view.setTextCursor(cursor)

    # -- what the bar says ----------------------------------------------------------------

    def _show_count(self) -> None:
        if not self.find_edit.text():
            self._say("")
        elif not self._matches:
            self._say(self.tr("No results"), error=True)
        else:
            self._say(f"{self._current + 1} / {len(self._matches)}")

    def _say(self, text: str, error: bool = False) -> None:
        self.count_label.setText(text)
        self.count_label.setStyleSheet("color: #c62828;" if error else "")

    def _error_text(self, exc: FindError) -> str:
        if exc.kind == "pattern":
            return self.tr("Invalid regular expression")
        if exc.kind == "replacement":
            return self.tr("Invalid replacement")
        if exc.kind == "slow":
            return self.tr("The regular expression takes too long")
        return self.tr("The text changed: find again")


def install(window: MainWindow) -> FindBar:
    """The window's find bar and its actions, in the Edit menu before the library search
    (which moved to Ctrl+Shift+F)."""
    bar = FindBar(window.tabs)
    actions = bar.make_actions(window)
    for menu in window.find_action.associatedObjects():
        if isinstance(menu, QMenu):
            menu.insertActions(window.find_action, actions)
    window.addActions(actions)
    window.tabs.currentChanged.connect(lambda _i: bar.set_view(window.tabs.current_view()))
    return bar
