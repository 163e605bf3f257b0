"""File > Export to Word: the options, a warning about unfilled fields, then the file.

The export runs in the background with a progress dialog; it writes atomically, so a
failure (a read-only folder, the file open in Word) leaves any earlier file as it was.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QMessageBox,
    QWidget,
)

from clause_db.errors import ClauseDbError

from .background import run_with_progress
from .translations import error_text

if TYPE_CHECKING:
    from collections.abc import Sequence

    from app.model.draft import Draft

UNFILLED_SHOWN = 12


class ExportDialog(QDialog):
    """The export options a lawyer may want to change; the defaults suit most contracts."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("exportDialog")
        self.setWindowTitle(self.tr("Export to Word"))
        self.numbering = QComboBox(self)
        self.numbering.addItem(
            self.tr("Numbers typed in the text (looks the same everywhere)"), "literal"
        )
        self.numbering.addItem(self.tr("Word automatic numbering (renumbers in Word)"), "word")
        self.toc = QCheckBox(self.tr("Table of contents"), self)
        self.highlight = QCheckBox(self.tr("Highlight unfilled blanks"), self)
        self.highlight.setChecked(True)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form = QFormLayout(self)
        form.addRow(self.tr("Numbering:"), self.numbering)
        form.addRow(self.toc)
        form.addRow(self.highlight)
        form.addRow(buttons)

    def options(self):
        from app.word.export import ExportOptions  # python-docx loads only when exporting

        return ExportOptions(
            numbering=self.numbering.currentData(),
            toc=self.toc.isChecked(),
            highlight=self.highlight.isChecked(),
        )


def export_with_dialogs(
    parent: QWidget, draft: Draft, suggested: Path, keep: Sequence[Path] = ()
) -> Path | None:
    """Ask for options, warn about unfilled fields, ask where, export. The path, or None.

    The export never replaces the files in ``keep`` (the draft's own file and the one it was
    read from) nor an existing file that is not a Word document: it says so instead.
    """
    from app.model.overwrite import refuse_own_input, refuse_unless_word_document
    from app.word.export import export_draft, unfilled_fields

    dialog = ExportDialog(parent)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    options = dialog.options()
    missing = unfilled_fields(draft)
    if missing and not confirm_unfilled(parent, missing):
        return None
    name, _ = QFileDialog.getSaveFileName(
        parent,
        QCoreApplication.translate("ExportDialog", "Export to Word"),
        str(suggested),
        QCoreApplication.translate("ExportDialog", "Word documents (*.docx)"),
    )
    if not name:
        return None
    path = Path(name if name.lower().endswith(".docx") else name + ".docx")
    try:  # the progress dialog is window-modal: nobody edits the draft while it is read
        refuse_own_input(path, *keep)
        refuse_unless_word_document(path)
        text = QCoreApplication.translate("ExportDialog", "Exporting {0}…").format(path.name)
        run_with_progress(parent, text, lambda: export_draft(draft, path, options))
    except ClauseDbError as exc:
        QMessageBox.warning(
            parent, QCoreApplication.translate("ExportDialog", "Cannot export"), error_text(exc)
        )
        return None
    return path


def confirm_unfilled(parent: QWidget, missing: list[str]) -> bool:
    """The export warns with the list of unfilled fields before writing."""
    shown = ", ".join(missing[:UNFILLED_SHOWN]) + ("…" if len(missing) > UNFILLED_SHOWN else "")
    question = QCoreApplication.translate(
        "ExportDialog", "{0} field(s) are not filled in: {1}. Export them as blanks?"
    )
    title = QCoreApplication.translate("ExportDialog", "Unfilled fields")
    answer = QMessageBox.question(parent, title, question.format(len(missing), shown))
    return answer == QMessageBox.StandardButton.Yes
