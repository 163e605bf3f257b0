"""Making a check's fix: one undo step, previewed first when it changes more than one place.

A fix of one edit (the 大写 written from the figure) is made at once: the lawyer saw the
finding. A fix of many (the typography of the whole draft, a renamed term) is shown first,
each edit where it is with the characters it changes marked, and made only on OK. A fix
found before the text changed is refused with a clear word (the checks run again), never
a traceback. Edit › Normalise typography… previews the draft's typography fix the same way.
"""

from __future__ import annotations

import html
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QMessageBox,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from .inspector_diff import DELETED_STYLE, INSERTED_STYLE
from .translations import current_language_is_chinese, error_text

if TYPE_CHECKING:
    from PySide6.QtWidgets import QMenu

    from app.model.checks import Fix
    from app.model.checks.preview import EditPreview

    from .draft_document import DraftDocument
    from .main_window import MainWindow


# the Clause tab's marks, on a tint: a fix often changes one punctuation mark
GONE = f"{DELETED_STYLE};background:#fde0e0"
COMES = f"{INSERTED_STYLE};background:#d9f5d6"


class FixPreview(QDialog):
    """Every edit of a fix, where it is, before -> after; exec() is Accepted on OK."""

    def __init__(self, document: DraftDocument, fix: Fix, parent: QWidget | None = None) -> None:
        # the draft modules load with the first draft, not with the window
        from app.model.checks.preview import preview

        super().__init__(parent)
        self.setObjectName("fixPreview")
        self.setWindowTitle(self.tr("Preview the fix"))
        self.edits = preview(document.draft, fix)
        label = fix.label.text(current_language_is_chinese())
        what = self.tr("{0} ({1} changes)").format(label, len(self.edits))
        self.message = QLabel(what, self)
        self.message.setObjectName("fixPreviewLabel")
        self.message.setWordWrap(True)
        self.list = QTextBrowser(self)
        self.list.setObjectName("fixPreviewEdits")
        self.list.setHtml(self._html())
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.message)
        layout.addWidget(self.list, 1)
        layout.addWidget(buttons)
        self.resize(640, 420)

    def _html(self) -> str:
        chinese = current_language_is_chinese()
        head = "".join(
            f"<th align=left>{html.escape(t)}</th>"
            for t in (self.tr("Where"), self.tr("Before"), "", self.tr("After"))
        )
        head = f"<tr>{head}</tr>"
        rows = "".join(
            f"<tr><td>{html.escape(e.place.text(chinese))}</td>"
            f"<td>{_side(e, before=True)}</td><td>→</td><td>{_side(e, before=False)}</td></tr>"
            for e in self.edits
        )
        return f"<table cellpadding=3>{head}{rows}</table>"


def _side(edit: EditPreview, before: bool) -> str:
    """The edit's text before (or after) with the characters it changes marked, between the
    unchanged text read around it."""
    # the draft modules load with the first draft, not with the window
    from app.model.text_diff import text_diff

    gone, style = ("+", GONE) if before else ("-", COMES)
    marked = "".join(
        html.escape(text) if op == "=" else f'<span style="{style}">{_visible(text)}</span>'
        for op, text in text_diff(edit.old, edit.new)
        if op != gone
    )
    return f"…{html.escape(edit.before)}{marked}{html.escape(edit.after)}…"


def _visible(text: str) -> str:
    """A changed space shows as a middle dot: a struck-out blank would be invisible."""
    return html.escape(text.replace(" ", "·").replace("\u3000", "□"))


def apply_fix(
    parent: QWidget, document: DraftDocument, fix: Fix, *, always_preview: bool = False
) -> bool:
    """Make ``fix`` as one undo step (previewed first when it has several edits or when
    ``always_preview``); False when it was refused (said in a message box) or cancelled."""
    # the draft modules load with the first draft, not with the window
    from app.model.checks.fixes import fix_command
    from app.model.find import FindError

    title = QCoreApplication.translate("FixPreview", "Fix")
    if document.frozen:
        QMessageBox.information(parent, title, document.frozen_text())
        return False
    try:
        edit = fix_command(document.draft, fix)
    except FindError as exc:
        stale = QCoreApplication.translate(
            "FixPreview",
            "The text changed since it was checked: the checks run again, try once more.",
        )
        QMessageBox.warning(parent, title, stale if exc.kind == "stale" else error_text(exc))
        return False
    except (ValueError, KeyError) as exc:
        QMessageBox.warning(parent, title, error_text(exc))
        return False
    asks = always_preview or len(fix.edits) > 1
    if asks and FixPreview(document, fix, parent).exec() != QDialog.DialogCode.Accepted:
        return False
    document.push(edit.command)
    return True


def normalise_typography(window: MainWindow) -> bool:
    """The whole draft's typography fix, previewed and made as one step (or "nothing to
    normalise"); True when it was made."""
    # the draft modules load with the first draft, not with the window
    from app.model.checks import typography

    document = window.tabs.current_document()
    if document is None:
        return False
    fix = typography.normalise_typography(document.draft)
    if fix is None or not fix.edits:
        QMessageBox.information(
            window,
            QCoreApplication.translate("FixPreview", "Normalise typography"),
            QCoreApplication.translate(
                "FixPreview",
                "Nothing to normalise: the punctuation, digits and spaces are consistent.",
            ),
        )
        return False
    return apply_fix(window, document, fix, always_preview=True)


def add_typography_action(window: MainWindow, menu: QMenu) -> QAction:
    """Edit › Normalise typography…, enabled while a draft is open."""
    action = QAction(QCoreApplication.translate("FixPreview", "Normalise &typography…"), window)
    action.setObjectName("normaliseTypographyAction")
    action.triggered.connect(lambda: normalise_typography(window))
    action.setEnabled(window.tabs.current_document() is not None)
    window.tabs.currentDocumentChanged.connect(lambda d: action.setEnabled(d is not None))
    menu.addAction(action)
    return action
