"""What the centre of the window shows while no draft is open: how to start one.

The ways in (new, new from a library contract, open), the drafts opened last, and a drop
zone: an article dragged here from the clause library starts a new draft with it.
"""

from __future__ import annotations

import html
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QMimeData, Qt, Signal
from PySide6.QtWidgets import QLabel, QToolButton, QVBoxLayout, QWidget

from .item_refs import MIME_CLAUSE_IDS

if TYPE_CHECKING:
    from collections.abc import Sequence

    from PySide6.QtGui import QAction, QDragEnterEvent, QDropEvent

RECENT_SHOWN = 5
BUTTON_WIDTH = 260  # pixels: the buttons line up as one column


class WelcomePage(QWidget):
    """``actions`` become the page's buttons (their text, shortcut and state follow them)."""

    recentChosen = Signal(str)
    """The path of a recent draft the lawyer clicked."""
    libraryDropped = Signal(QMimeData)
    """Library items dropped on the page: they start a new draft."""

    def __init__(self, actions: Sequence[QAction], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("welcomePage")
        self.setAcceptDrops(True)

        heading = QLabel(self.tr("Start a contract"), self)
        heading.setObjectName("welcomeHeading")
        font = heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.6)
        font.setBold(True)
        heading.setFont(font)

        layout = QVBoxLayout(self)
        layout.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.setSpacing(10)
        layout.addWidget(heading)
        for action in actions:
            button = QToolButton(self)
            button.setDefaultAction(action)
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
            button.setMinimumWidth(BUTTON_WIDTH)
            button.setCursor(Qt.CursorShape.PointingHandCursor)
            layout.addWidget(button)

        self.recent = QLabel(self)
        self.recent.setObjectName("welcomeRecent")
        self.recent.setTextFormat(Qt.TextFormat.RichText)
        self.recent.linkActivated.connect(self.recentChosen)
        self.recent.linkHovered.connect(self.recent.setToolTip)  # the full path
        layout.addSpacing(12)
        layout.addWidget(self.recent)

        hint = QLabel(
            self.tr(
                "Or drag an article from the clause library on the left and drop it here; "
                "double-click or Enter in the library does the same."
            ),
            self,
        )
        hint.setObjectName("welcomeHint")
        hint.setWordWrap(True)
        hint.setMaximumWidth(420)
        hint.setStyleSheet("color: palette(placeholder-text);")
        layout.addSpacing(12)
        layout.addWidget(hint)

    def set_recent(self, paths: Sequence[str]) -> None:
        """The drafts opened last, newest first; the list hides when there are none."""
        links = [
            f'<a href="{html.escape(p)}">{html.escape(Path(p).name)}</a>'
            for p in paths[:RECENT_SHOWN]
        ]
        title = html.escape(self.tr("Recent"))
        self.recent.setText(f"<b>{title}</b><br>" + "<br>".join(links) if links else "")
        self.recent.setVisible(bool(links))

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if event.mimeData().hasFormat(MIME_CLAUSE_IDS):
            event.acceptProposedAction()
        else:
            event.ignore()  # files go on to the window, which asks what to do with them

    def dropEvent(self, event: QDropEvent) -> None:
        if event.mimeData().hasFormat(MIME_CLAUSE_IDS):
            self.libraryDropped.emit(event.mimeData())
            event.acceptProposedAction()
        else:
            event.ignore()
