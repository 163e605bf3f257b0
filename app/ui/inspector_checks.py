"""The inspector's Checks tab: the lawyer's worklist of what the checks found.

Each open draft keeps its ``CheckEngine``; after an edit the engine reads again only the
texts the edit changed (``Command.changes``), a moment after the lawyer stops (debounced:
the edits of a pause are gathered into one update), and a change of structure reads all.
A draft that opens is shown first and checked just after.

Activating a finding selects exactly its characters in the centre (``placeChosen``), or
its node; a field's finding also brings the field forward. Fix makes the finding's fix as
one undo step (previewed when it changes several places, ``fix_preview``); Ignore asks
for a reason and keeps it in the draft (one undo step), Heed again takes it back.
"""

from __future__ import annotations

from typing import TYPE_CHECKING
from weakref import WeakKeyDictionary

from PySide6.QtCore import QModelIndex, QPoint, QSize, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QListView,
    QMenu,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.model.checks import ERROR, INFO, WARNING, CheckEngine, active
from app.model.checks.fixes import ignore

from .checks_model import FindingRole, FindingsModel
from .fix_preview import apply_fix
from .translations import current_language_is_chinese

if TYPE_CHECKING:
    from app.model.checks import Finding
    from app.model.commands import Changes, Command

    from .draft_document import DraftDocument

CHECK_DELAY_MS = 300


class ChecksTab(QWidget):
    """The findings of the current draft, to go to, fix or set aside one by one."""

    jumpTo = Signal(int)  # a node to show (a finding with no characters of its own)
    placeChosen = Signal(object, int, int)  # select (BlockRef, offset, length) in the centre
    fieldChosen = Signal(int)
    countChanged = Signal(int)  # findings still to heed (not ignored)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document: DraftDocument | None = None
        self.checks: list[Finding] = []  # the last run's findings, ignored ones included
        self._engines: WeakKeyDictionary[DraftDocument, CheckEngine] = WeakKeyDictionary()
        self._pending: Changes | None = None  # what the edits since the last run changed
        self._rerun = True  # the next run reads the whole draft

        self.model = FindingsModel(self)
        self.list = QListView(self)
        self.list.setObjectName("checksList")
        self.list.setModel(self.model)
        self.list.setWordWrap(True)
        self.list.setResizeMode(QListView.ResizeMode.Adjust)  # re-wrap when the dock resizes
        self.list.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.list.setLayoutMode(QListView.LayoutMode.Batched)
        self.list.setIconSize(QSize(16, 16))  # the message boxes' icons are too big for a list
        self.list.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.list.activated.connect(self._activated)
        self.list.customContextMenuRequested.connect(self._context_menu)
        self.list.selectionModel().currentChanged.connect(self._update_buttons)

        self.summary = QLabel(self)
        self.summary.setObjectName("checksSummary")
        self.summary.setWordWrap(True)
        self.severity_box = QComboBox(self)
        self.severity_box.setObjectName("severityFilter")
        for text, severity in (
            (self.tr("All"), None),
            (self.tr("Errors"), ERROR),
            (self.tr("Warnings"), WARNING),
            (self.tr("Notes"), INFO),
        ):
            self.severity_box.addItem(text, severity)
        self.severity_box.currentIndexChanged.connect(self._filter_changed)
        self.show_ignored = QCheckBox(self.tr("Show ignored"), self)
        self.show_ignored.setObjectName("showIgnoredCheck")
        self.show_ignored.toggled.connect(self._filter_changed)
        self.fix_button = QPushButton(self.tr("Fix"), self)
        self.fix_button.setObjectName("fixFindingButton")
        self.fix_button.clicked.connect(self.fix_current)
        self.ignore_button = QPushButton(self.tr("Ignore…"), self)
        self.ignore_button.setObjectName("ignoreFindingButton")
        self.ignore_button.clicked.connect(self._ignore_or_heed)

        filters = QHBoxLayout()
        filters.addWidget(self.severity_box)
        filters.addWidget(self.show_ignored)
        filters.addStretch(1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.fix_button)
        buttons.addWidget(self.ignore_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.summary)
        layout.addLayout(filters)
        layout.addWidget(self.list, 1)
        layout.addLayout(buttons)

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(CHECK_DELAY_MS)
        self._timer.timeout.connect(self.refresh)
        self.refresh()

    # -- following the draft ------------------------------------------------------------------

    def set_document(self, document: DraftDocument | None) -> None:
        if self.document is not None:
            self.document.commandDone.disconnect(self._command_done)
        self.document = document
        self._pending, self._rerun = None, True
        if document is None:
            self.refresh()
            return
        document.commandDone.connect(self._command_done)
        # Checking a 1,000-article draft takes a while: the draft shows first, checked just after.
        self._show([])
        self._timer.start()

    def _command_done(self, command: Command, _applied: bool) -> None:
        changes = command.changes(self.document.draft)
        self._pending = changes if self._pending is None else self._pending | changes
        self._timer.start()  # restarted by each edit: runs once the lawyer pauses

    def refresh(self) -> None:
        """Check the draft now (only what changed since the last run) and list the findings."""
        self._timer.stop()
        document = self.document
        if document is None:
            self._show([])
            return
        engine = self._engines.get(document)
        if engine is None:
            engine = self._engines[document] = CheckEngine()
        pending, self._pending = self._pending, None
        if self._rerun or pending is None:
            findings = engine.run(document.draft)
        else:
            findings = engine.update(document.draft, pending)
        self._rerun = False
        self._show(findings)

    def _show(self, findings: list[Finding]) -> None:
        current = self.current_finding()
        row = self.list.currentIndex().row()
        self.checks = findings
        engine = self._engines.get(self.document) if self.document is not None else None
        where = engine.where if engine is not None else None
        if self.model.set_findings(findings, where):
            again = self.model.row_of(current.key) if current is not None else None
            if again is None and row >= 0 and self.model.rows:
                again = min(row, len(self.model.rows) - 1)  # it went: the next one is current
            if again is not None:
                self.list.setCurrentIndex(self.model.index(again))
        self._update_summary()
        self._update_buttons()
        self.countChanged.emit(len(active(findings)))

    def _filter_changed(self) -> None:
        self.model.show_ignored = self.show_ignored.isChecked()
        self.model.severity = self.severity_box.currentData()
        self._show(self.checks)

    def _update_summary(self) -> None:
        if self.document is None:
            self.summary.setText(self.tr("No draft is open."))
            return
        if self._rerun:
            self.summary.setText(self.tr("Checking…"))
            return
        counts = self.model.counts()
        parts = [
            self.tr("Errors: {0}").format(counts[ERROR]),
            self.tr("Warnings: {0}").format(counts[WARNING]),
            self.tr("Notes: {0}").format(counts[INFO]),
        ]
        if not any(counts[s] for s in (ERROR, WARNING, INFO)):
            parts = [self.tr("No problems found.")]
        if counts["ignored"]:
            parts.append(self.tr("Ignored: {0}").format(counts["ignored"]))
        self.summary.setText(" · ".join(parts))

    # -- the current finding ------------------------------------------------------------------

    def current_finding(self) -> Finding | None:
        index = self.list.currentIndex()
        return index.data(FindingRole) if index.isValid() else None

    def _update_buttons(self, *_args: object) -> None:
        finding = self.current_finding()
        fix = finding.fix if finding is not None else None
        self.fix_button.setEnabled(fix is not None)
        label = fix.label.text(current_language_is_chinese()) if fix is not None else ""
        self.fix_button.setToolTip(label)
        ignored = finding is not None and finding.ignored is not None
        self.ignore_button.setEnabled(finding is not None)
        self.ignore_button.setText(self.tr("Heed again") if ignored else self.tr("Ignore…"))

    def _activated(self, index: QModelIndex) -> None:
        self.go_to(index.data(FindingRole))

    def go_to(self, finding: Finding) -> None:
        """Select exactly the finding's characters in the centre; without any, show its
        field (the Fields tab) or its node (at the top).

        A blank selected in the centre is ready to fill there, and the Fields tab follows the
        caret to its field: the worklist stays in view as the lawyer goes down it."""
        if finding.ref is not None and finding.length:
            self.placeChosen.emit(finding.ref, finding.offset, finding.length)
        elif finding.field_id is not None:
            self.fieldChosen.emit(finding.field_id)
        elif finding.node_id is not None:  # about a whole article: it shows at the top
            self.jumpTo.emit(finding.node_id)
        elif finding.ref is not None:
            self.placeChosen.emit(finding.ref, finding.offset, 0)

    def _context_menu(self, point: QPoint) -> None:
        index = self.list.indexAt(point)
        if not index.isValid():
            return
        self.list.setCurrentIndex(index)
        menu = self.context_menu(index.data(FindingRole))
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        menu.popup(self.list.viewport().mapToGlobal(point))

    def context_menu(self, finding: Finding) -> QMenu:
        """Go to, fix, ignore or heed again ``finding``."""
        menu = QMenu(self)
        menu.setObjectName("checksMenu")
        menu.addAction(self.tr("Go to"), lambda: self.go_to(finding))
        if finding.fix is not None:
            label = finding.fix.label.text(current_language_is_chinese())
            menu.addAction(self.tr("Fix: {0}").format(label), self.fix_current)
        if finding.ignored is None:
            menu.addAction(self.tr("Ignore…"), self.ignore_current)
        else:
            menu.addAction(self.tr("Heed again"), self.heed_current)
        return menu

    # -- fixing, ignoring -------------------------------------------------------------------

    def fix_current(self) -> bool:
        """Make the current finding's fix (one undo step); the list follows at once."""
        if self._timer.isActive():  # edited since the last check: its places have moved
            self.refresh()  # (the current finding stays current, or went with the edit)
        finding = self.current_finding()
        if finding is None or finding.fix is None or self.document is None:
            return False
        done = apply_fix(self, self.document, finding.fix)
        self.refresh()  # done, or found stale: either way the list is checked again
        return done

    def _ignore_or_heed(self) -> None:
        finding = self.current_finding()
        if finding is not None and finding.ignored is not None:
            self.heed_current()
        else:
            self.ignore_current()

    def ignore_current(self) -> bool:
        """Ask why, then set the current finding aside with that reason (required)."""
        finding = self.current_finding()
        if finding is None or self.document is None:
            return False
        prompt = self.tr("Why may this be ignored? (kept in the draft)")
        while True:
            reason, ok = QInputDialog.getText(
                self, self.tr("Ignore finding"), prompt, QLineEdit.EchoMode.Normal
            )
            if not ok:
                return False
            if reason.strip():
                break
            prompt = self.tr("A reason is needed. Why may this be ignored?")
        self.document.push(ignore(self.document.draft, finding, reason.strip()))
        self.refresh()
        return True

    def heed_current(self) -> bool:
        """Take the current ignored finding back into the worklist."""
        finding = self.current_finding()
        if finding is None or finding.ignored is None or self.document is None:
            return False
        self.document.push(ignore(self.document.draft, finding, None))
        self.refresh()
        return True
