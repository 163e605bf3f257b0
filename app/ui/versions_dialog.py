"""File › Versions…: the versions a draft's saves kept (app.model.versions).

Lists them newest first with their time, the size of the change and a note the lawyer can
type in the list ("sent to 乙方 12-03"). Open read-only puts a version in a tab of its own
that takes no edit and no Save (Save As makes it a draft of its own); Restore makes the draft
read as the version in one undo step; Compare opens the compare view (``CompareView``) on two
selected versions, or on one and the draft as it is now. A draft saved as a new name starts
a new history there; the list says the earlier versions stay with the old file. The dialog
builds no command itself: restore comes from the model and goes through the document's
``push``.
"""

from __future__ import annotations

import copy
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.model.versions import VersionsError, list_versions, restore, set_note, version_draft
from clause_db.errors import ClauseDbError

from .compare_view import CompareView, own_files
from .translations import error_text

if TYPE_CHECKING:
    from app.model.draft import Draft
    from app.model.versions import Version

    from .document_tabs import DocumentTabs
    from .draft_document import DraftDocument

_NOTE = 4  # the column of the note, the only one edited


class VersionsDialog(QDialog):
    """The versions of ``document``'s file; ``tabs`` receives versions opened read-only."""

    def __init__(
        self, document: DraftDocument, tabs: DocumentTabs, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("versionsDialog")
        self.setWindowTitle(self.tr("Versions of {0}").format(document.title))
        self.document = document
        self.tabs = tabs
        self.versions: list[Version] = []
        self.message = QLabel(self)
        self.message.setObjectName("versionsMessage")
        self.message.setWordWrap(True)
        self.table = QTableWidget(0, 5, self)
        self.table.setObjectName("versionsTable")
        self.table.setHorizontalHeaderLabels(
            [self.tr("No."), self.tr("Saved"), self.tr("Change"), self.tr("Size"), self.tr("Note")]
        )
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
        )
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.verticalHeader().hide()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        self.open_button = self._button(buttons, "versionOpenButton", self.tr("Open read-only"))
        self.restore_button = self._button(buttons, "versionRestoreButton", self.tr("Restore"))
        self.compare_button = self._button(buttons, "versionCompareButton", self.tr("Compare"))
        self.open_button.clicked.connect(self.open_selected)
        self.restore_button.clicked.connect(self.restore_selected)
        self.compare_button.clicked.connect(self.compare_selected)
        layout = QVBoxLayout(self)
        layout.addWidget(self.message)
        layout.addWidget(self.table)
        layout.addWidget(buttons)
        self.resize(720, 420)
        self.reload()
        self.table.itemSelectionChanged.connect(self._enable)
        self.table.itemChanged.connect(self._note_edited)

    @staticmethod
    def _button(box: QDialogButtonBox, name: str, text: str) -> QPushButton:
        button = box.addButton(text, QDialogButtonBox.ButtonRole.ActionRole)
        button.setObjectName(name)
        return button

    def reload(self) -> None:
        """Read the history again (a save since, or a note typed)."""
        path = self.document.path
        try:
            self.versions = list_versions(path) if path is not None else []
            text = "" if self.versions else self.tr("No versions yet: each save keeps one.")
            if self.versions and self.versions[0].saved_from:
                text = self.tr(
                    "This history starts when the draft was saved under this name; "
                    "its earlier versions stay with {0}."
                ).format(self.versions[0].saved_from)
        except VersionsError as exc:
            self.versions, text = [], error_text(exc)
        self.message.setText(text)
        self.message.setVisible(bool(text))
        blocked = self.table.blockSignals(True)
        try:
            self.table.setRowCount(len(self.versions))
            for row, version in enumerate(reversed(self.versions)):
                when = version.saved.astimezone().strftime("%Y-%m-%d %H:%M:%S")
                cells = [str(version.number), when, f"+{version.added} −{version.removed}",
                         f"{version.size:,}", version.note]  # fmt: skip
                for column, text in enumerate(cells):
                    item = QTableWidgetItem(text)
                    if column != _NOTE or self.document.read_only:  # another window's
                        item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
                    self.table.setItem(row, column, item)
            self.table.resizeColumnsToContents()
        finally:
            self.table.blockSignals(blocked)
        self._enable()

    def selected_numbers(self) -> list[int]:
        """The version numbers of the selected rows, oldest first."""
        rows = {index.row() for index in self.table.selectionModel().selectedRows()}
        return sorted(self.versions[len(self.versions) - 1 - row].number for row in rows)

    def _enable(self) -> None:
        count = len(self.selected_numbers())
        self.open_button.setEnabled(count == 1)
        self.restore_button.setEnabled(count == 1 and not self.document.read_only)
        self.compare_button.setEnabled(count in (1, 2))

    def _note_edited(self, item: QTableWidgetItem) -> None:
        if item.column() != _NOTE:
            return
        number = self.versions[len(self.versions) - 1 - item.row()].number
        try:
            set_note(self.document.path, number, item.text())
        except ClauseDbError as exc:
            QMessageBox.warning(self, self.tr("Cannot keep the note"), error_text(exc))
        self.reload()

    def _version(self, number: int) -> Draft | None:
        try:
            return version_draft(self.document.path, number)
        except ClauseDbError as exc:
            QMessageBox.warning(self, self.tr("Cannot read the version"), error_text(exc))
            return None

    def open_selected(self) -> None:
        """The selected version in a tab of its own, read-only: Save there asks for a name."""
        from .draft_document import DraftDocument

        (number,) = self.selected_numbers()
        draft = self._version(number)
        if draft is None:
            return
        document = DraftDocument(draft, origin=self.document.path, version=number)
        self.tabs.add_document(document)
        self.accept()

    def restore_selected(self) -> None:
        """The draft reads as the selected version again: one step, undone by Undo."""
        (number,) = self.selected_numbers()
        draft = self._version(number)
        if draft is not None:
            self.document.push(restore(self.document.draft, draft, number))
            self.accept()

    def compare_selected(self) -> CompareView | None:
        """The compare view on two versions, or on one and the draft as it is now (a copy:
        editing the draft meanwhile does not change what the view shows)."""
        numbers = self.selected_numbers()
        old = self._version(numbers[0])
        new = self._version(numbers[1]) if len(numbers) == 2 else copy.deepcopy(self.document.draft)
        if old is None or new is None:
            return None
        title = self.document.title
        names = [self.tr("{0} version {1}").format(title, n) for n in numbers]
        if len(numbers) == 1:
            names.append(self.tr("{0} (the draft now)").format(title))
        keep = own_files(self.document)
        view = CompareView(old, new, *names, self.parentWidget() or self, keep)
        view.show()
        self.compare_view = view  # kept for the tests
        return view
