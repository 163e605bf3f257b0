"""File > Export to Word: the errors the checks found, the options, a warning about unfilled
fields, then the file.

Errors (a figure and its 大写 that disagree, a reference to a deleted article) are listed
before anything else (``confirm_findings``, File › Export PDF… too): the lawyer goes to one
(the dialog closes, the export with it) or exports anyway. A draft without errors goes
straight on; warnings and style notes wait in the Checks tab.

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
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from clause_db.errors import ClauseDbError

from .background import run_with_progress
from .translations import current_language_is_chinese, error_text

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

    from app.model.checks import Finding
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


class FindingsDialog(QDialog):
    """The errors of the draft, before it is exported: go to one, or export anyway."""

    def __init__(self, findings: list[Finding], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("exportFindingsDialog")
        self.setWindowTitle(self.tr("Errors in the draft"))
        self.findings = findings
        self.chosen: Finding | None = None
        text = self.tr("The checks found {0} error(s) in this draft. Go to one to correct it, "
                       "or export anyway.").format(len(findings))  # fmt: skip
        label = QLabel(text, self)
        label.setWordWrap(True)
        self.list = QListWidget(self)
        self.list.setObjectName("exportFindings")
        self.list.setWordWrap(True)
        chinese = current_language_is_chinese()  # findings carry both wordings: the UI's
        for f in findings:
            message = f.message.text(chinese)
            item = QListWidgetItem(f"{f.place}  {message}" if f.place else message)
            item.setToolTip(message)
            self.list.addItem(item)
        self.list.setCurrentRow(0)
        self.list.itemActivated.connect(lambda _item: self.go_to())
        buttons = QDialogButtonBox(self)
        self.go_button = QPushButton(self.tr("Go to"), self)
        self.go_button.setObjectName("exportFindingsGoTo")
        self.go_button.clicked.connect(self.go_to)
        buttons.addButton(self.go_button, QDialogButtonBox.ButtonRole.ActionRole)
        anyway = buttons.addButton(self.tr("Export Anyway"), QDialogButtonBox.ButtonRole.AcceptRole)
        anyway.setObjectName("exportAnyway")
        buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.go_button.setDefault(True)  # Enter goes to the error; exporting anyway is a choice
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(label)
        layout.addWidget(self.list)
        layout.addWidget(buttons)
        self.resize(560, 320)

    def go_to(self) -> None:
        """Close without exporting; the caller shows the chosen finding."""
        row = self.list.currentRow()
        if 0 <= row < len(self.findings):
            self.chosen = self.findings[row]
            self.reject()


def blocking_findings(draft: Draft) -> list[Finding]:
    """The errors not ignored: what the export lists before it writes."""
    from app.model.checks import ERROR, active, run_checks

    return [f for f in active(run_checks(draft)) if f.severity == ERROR]


def confirm_findings(
    parent: QWidget, draft: Draft, go_to: Callable[[Finding], None] | None = None
) -> bool:
    """Whether to go on exporting: yes when the draft has no errors or the lawyer exports
    anyway; no when cancelled or when the lawyer chose one to go to (``go_to`` shows it)."""
    errors = blocking_findings(draft)
    if not errors:
        return True
    dialog = FindingsDialog(errors, parent)
    answer = dialog.exec()
    dialog.deleteLater()
    if dialog.chosen is not None:
        if go_to is not None:
            go_to(dialog.chosen)
        return False
    return answer == QDialog.DialogCode.Accepted


def export_with_dialogs(
    parent: QWidget,
    draft: Draft,
    suggested: Path,
    keep: Sequence[Path] = (),
    go_to: Callable[[Finding], None] | None = None,
) -> Path | None:
    """List errors, ask for options, warn about unfilled fields, ask where, export. The
    path, or None (``go_to`` shows the error the lawyer chose to correct first).

    The export never replaces the files in ``keep`` (the draft's own file and the one it was
    read from) nor an existing file that is not a Word document: it says so instead.
    """
    from app.model.overwrite import refuse_own_input, refuse_unless_word_document
    from app.word.export import export_draft, unfilled_fields

    if not confirm_findings(parent, draft, go_to):
        return None
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
