"""The inspector's Checks tab: ``run_checks`` as a list to work through.

Checks re-run a moment after the lawyer stops editing (debounced), not on every keystroke:
on a 1,000-article draft a run takes tens of milliseconds, too much to repeat per key.
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QListView,
    QListWidget,
    QListWidgetItem,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from app.model.checks import ERROR, WARNING, Finding, run_checks

from .draft_document import DraftDocument, follow_changes
from .translations import current_language_is_chinese

CHECK_DELAY_MS = 300
NodeRole = Qt.ItemDataRole.UserRole
FieldRole = Qt.ItemDataRole.UserRole + 1


def _icon_kind(severity: str) -> QStyle.StandardPixmap:
    """Looked up when checks are shown: building Qt's pixmap enum costs start-up time."""
    pixmaps = QStyle.StandardPixmap
    if severity == ERROR:
        return pixmaps.SP_MessageBoxCritical
    return pixmaps.SP_MessageBoxWarning if severity == WARNING else pixmaps.SP_MessageBoxInformation


class ChecksTab(QWidget):
    """The list of checks; activating one jumps to its node (and shows its field)."""

    jumpTo = Signal(int)
    fieldChosen = Signal(int)
    countChanged = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document: DraftDocument | None = None
        self.checks: list[Finding] = []
        self.list = QListWidget(self)
        self.list.setObjectName("checksList")
        self.list.setWordWrap(True)
        self.list.setResizeMode(QListView.ResizeMode.Adjust)  # re-wrap when the dock resizes
        self.list.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.list.setIconSize(QSize(16, 16))  # the message boxes' icons are too big for a list
        self.list.itemActivated.connect(self._activated)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.list)

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(CHECK_DELAY_MS)
        self._timer.timeout.connect(self.refresh)
        self.refresh()

    def set_document(self, document: DraftDocument | None) -> None:
        self.document = follow_changes(self.document, document, self._changed)
        if document is None:
            self.refresh()
            return
        # Checking a 1,000-article draft takes 0.2 s: the draft shows first, checked just after.
        self.checks = []
        self.list.clear()
        self.countChanged.emit(0)
        self._timer.start()

    def _changed(self, _kind: str) -> None:
        self._timer.start()  # restarted by each edit: runs once the lawyer pauses

    def refresh(self) -> None:
        """Run the checks now and list them."""
        self._timer.stop()
        self.checks = run_checks(self.document.draft) if self.document else []
        self.list.clear()
        chinese = current_language_is_chinese()  # checks carry both wordings: the UI's
        style = self.style()
        for check in self.checks:
            message = check.message.text(chinese)
            icon = _icon_kind(check.severity)
            item = QListWidgetItem(style.standardIcon(icon), message)
            item.setToolTip(message)
            item.setData(NodeRole, check.node_id)
            item.setData(FieldRole, check.field_id)
            self.list.addItem(item)
        if not self.checks:
            none = self.tr("No problems found.")
            empty = QListWidgetItem(self.tr("No draft is open.") if self.document is None else none)
            empty.setFlags(Qt.ItemFlag.NoItemFlags)
            self.list.addItem(empty)
        self.countChanged.emit(len(self.checks))

    def _activated(self, item: QListWidgetItem) -> None:
        field_id = item.data(FieldRole)
        if field_id is not None:
            self.fieldChosen.emit(field_id)
        node_id = item.data(NodeRole)
        if node_id is not None:
            self.jumpTo.emit(node_id)
