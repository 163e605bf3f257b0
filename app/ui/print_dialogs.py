"""File › Export PDF… and File › Print…: the draft on A4 pages as ``app.pdf`` lays it out.

The PDF asks whether to highlight unfilled blanks and where to write (atomically, never over
the draft itself nor a file that is not a PDF); the print preview has the same choice as a
button of its own tool bar and prints to any printer Qt knows.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QAction, QCursor
from PySide6.QtPrintSupport import QPrinter, QPrintPreviewDialog
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QMessageBox,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from app.pdf.pages import PrintedDraft, page_layout
from app.word.print_html import PrintOptions
from clause_db.errors import ClauseDbError

from .export_dialog import confirm_findings, confirm_unfilled
from .translations import error_text

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

    from app.model.checks import Finding
    from app.model.draft import Draft


class PdfDialog(QDialog):
    """The one PDF option: unfilled blanks highlighted (a working copy) or not (clean)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("pdfDialog")
        self.setWindowTitle(self.tr("Export PDF"))
        self.highlight = QCheckBox(self.tr("Highlight unfilled blanks"), self)
        self.highlight.setChecked(True)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.highlight)
        layout.addWidget(buttons)


def export_pdf_with_dialogs(
    parent: QWidget,
    draft: Draft,
    suggested: Path,
    keep: Sequence[Path] = (),
    go_to: Callable[[Finding], None] | None = None,
) -> Path | None:
    """List errors, ask for the option, warn about unfilled fields, ask where, write. The
    path, or None (``go_to`` shows the error the lawyer chose to correct first)."""
    from app.model.overwrite import refuse_own_input, refuse_unless_pdf
    from app.pdf.writer import write_pdf
    from app.word.export import unfilled_fields

    if not confirm_findings(parent, draft, go_to):
        return None
    dialog = PdfDialog(parent)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    missing = unfilled_fields(draft)
    if missing and not confirm_unfilled(parent, missing):
        return None
    title = QCoreApplication.translate("PdfDialog", "Export PDF")
    kinds = QCoreApplication.translate("PdfDialog", "PDF files (*.pdf)")
    name, _ = QFileDialog.getSaveFileName(parent, title, str(suggested), kinds)
    if not name:
        return None
    path = Path(name if name.lower().endswith(".pdf") else name + ".pdf")
    try:
        refuse_own_input(path, *keep)
        refuse_unless_pdf(path)
        QApplication.setOverrideCursor(QCursor(Qt.CursorShape.WaitCursor))
        try:  # laid out in this thread: Qt's text layout wants the GUI thread's fonts
            write_pdf(draft, path, dialog.highlight.isChecked())
        finally:
            QApplication.restoreOverrideCursor()
    except ClauseDbError as exc:
        cannot = QCoreApplication.translate("PdfDialog", "Cannot export")
        QMessageBox.warning(parent, cannot, error_text(exc))
        return None
    return path


class PrintPreview(QPrintPreviewDialog):
    """Qt's print preview of the draft, with a Highlight unfilled blanks toggle."""

    def __init__(self, draft: Draft, parent: QWidget | None = None) -> None:
        self.printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        self.printer.setPageLayout(page_layout())
        self.printer.setDocName(draft.title)
        super().__init__(self.printer, parent)
        self.setObjectName("printPreview")
        self.draft = draft
        self.pages = 0
        self.highlight = QAction(self.tr("Highlight unfilled blanks"), self)
        self.highlight.setObjectName("printHighlightAction")
        self.highlight.setCheckable(True)
        self.highlight.setChecked(True)
        bar = self.findChild(QToolBar)
        if bar is not None:
            bar.addSeparator()
            bar.addAction(self.highlight)
        self.highlight.toggled.connect(self._redraw)
        self.paintRequested.connect(self._paint)

    def _paint(self, printer: QPrinter) -> None:
        options = PrintOptions(highlight=self.highlight.isChecked())
        self.pages = PrintedDraft(self.draft, options).paint(printer)

    def _redraw(self) -> None:
        from PySide6.QtPrintSupport import QPrintPreviewWidget

        preview = self.findChild(QPrintPreviewWidget)
        if preview is not None:
            preview.updatePreview()
