"""The warning before a library variant replaces an article: what goes, what comes.

Swapping drops the article's own wording, every clause of it and the values filled in its
blanks. The lawyer sees all of it, as the article reads now next to the variant as it would
read in its place, before saying yes; Undo still brings it back in one step.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from app.model.article_changes import article_text, filled_fields, line_runs, variant_text

from .inspector_diff import diff_html, esc

if TYPE_CHECKING:
    from app.model.draft import Draft, Node
    from clause_db.store import ClauseLibrary


class SwapDialog(QDialog):
    """Asks before ``node`` is replaced by library article ``article_id``; exec() is True
    when the lawyer chose to swap."""

    def __init__(
        self,
        draft: Draft,
        node: Node,
        library: ClauseLibrary,
        article_id: int,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("swapDialog")
        self.setWindowTitle(self.tr("Swap in a library variant"))
        count = sum(1 for _ in node.walk()) - 1
        what = node.heading or self.tr("this article")
        self.message = QLabel(self)
        self.message.setObjectName("swapMessage")
        self.message.setWordWrap(True)
        filled = filled_fields(draft, node)
        if filled:
            text = self.tr(
                "“{article}” and its %n clause(s) will be replaced by the library variant. "
                "Your wording and the values filled in below are not kept (Undo brings them "
                "back).",
                "",
                count,
            )
        else:
            text = self.tr(
                "“{article}” and its %n clause(s) will be replaced by the library variant. "
                "Your wording is not kept (Undo brings it back).",
                "",
                count,
            )
        self.message.setText(text.format(article=what))
        self.fields = QLabel(self)
        self.fields.setObjectName("swapFilledFields")
        self.fields.setWordWrap(True)
        self.fields.setVisible(bool(filled))
        if filled:
            rows = "".join(f"<li>{esc(name)}: <b>{esc(value)}</b></li>" for name, value in filled)
            title = self.tr("Filled in:")
            self.fields.setText(f"{esc(title)}<ul>{rows}</ul>")
        self.diff = QTextBrowser(self)
        self.diff.setObjectName("swapDiff")
        old, new = article_text(draft, node), variant_text(draft, node, library, article_id)
        legend = self.tr("Struck out: what goes. Underlined: what comes.")
        self.diff.setHtml(f"<p>{esc(legend)}</p><p>{diff_html(line_runs(old, new))}</p>")
        buttons = QDialogButtonBox(self)
        self.swap_button = buttons.addButton(
            self.tr("Swap"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.swap_button.setObjectName("confirmSwap")
        buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setDefault(True)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        for widget in (self.message, self.fields, self.diff, buttons):
            layout.addWidget(widget)
        self.resize(640, 480)
