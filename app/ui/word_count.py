"""The status bar's 字数 (objectName ``wordCount``): the draft's, the selection's and the
article the caret is in, as Word counts them (app.model.wordcount).

Counting a 1,000-article draft takes tens of milliseconds, so it runs once typing pauses,
never on each keystroke.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QLabel, QWidget

from app.model.wordcount import draft_words, selection_words

if TYPE_CHECKING:
    from .document_view import DocumentView

PAUSE_MS = 300


class WordCountLabel(QLabel):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("wordCount")
        self._view: DocumentView | None = None
        self._timer = QTimer(self, singleShot=True, interval=PAUSE_MS)
        self._timer.timeout.connect(self.update_now)

    def follow(self, view: DocumentView | None) -> None:
        """Count ``view``'s draft from now on (None: no draft, nothing shown)."""
        if self._view is not None:
            for signal in (self._view.cursorPositionChanged, self._view.textChanged):
                signal.disconnect(self._timer.start)
        self._view = view
        if view is not None:
            view.cursorPositionChanged.connect(self._timer.start)
            view.textChanged.connect(self._timer.start)
        self.update_now()

    def update_now(self) -> None:
        view = self._view
        if view is None:
            self.clear()
            return
        draft = view.draft
        parts = [self.tr("{0} words").format(draft_words(draft))]
        selected = view.selection()
        if selected is not None:
            words = selection_words(draft, *selected)
            parts.append(self.tr("selection {0}").format(words))
        article = view.current_article_span()
        if article is not None:
            parts.append(self.tr("this article {0}").format(selection_words(draft, *article)))
        self.setText(" · ".join(parts))
