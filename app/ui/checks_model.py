"""The Checks tab's rows: the check engine's findings as a list model, filtered for the view.

The model keeps the list the engine gave (``set_findings``), never a copy of what a
finding says; ``rows`` are the ones shown (ignored ones only when asked, one severity when
chosen), in the engine's order: the most serious first, then in reading order. A row reads
as the message in the UI's language, then where it is and what kind of check found it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QIcon, QPalette
from PySide6.QtWidgets import QApplication, QStyle

from app.model.checks.finding import ERROR, INFO, WARNING

from .translations import current_language_is_chinese

if TYPE_CHECKING:
    from collections.abc import Callable

    from app.model.checks import Finding
    from app.model.doc_blocks import BlockRef

    Index = QModelIndex | QPersistentModelIndex
    Where = Callable[[BlockRef | None], tuple[str, str]]

FindingRole = Qt.ItemDataRole.UserRole


def _pixmap(severity: str) -> QStyle.StandardPixmap:
    pixmaps = QStyle.StandardPixmap
    if severity == ERROR:
        return pixmaps.SP_MessageBoxCritical
    return pixmaps.SP_MessageBoxWarning if severity == WARNING else pixmaps.SP_MessageBoxInformation


class FindingsModel(QAbstractListModel):
    """The findings of one run of the checks, the shown ones as rows."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.findings: list[Finding] = []  # as the engine gave them
        self.rows: list[Finding] = []  # those shown
        self.show_ignored = False
        self.severity: str | None = None  # only this severity (None: all)
        self._where: Where = lambda _ref: ("", "")
        self._kinds: dict[str, str] | None = None
        self._icons: dict[str, QIcon] = {}

    def set_findings(self, findings: list[Finding], where: Where | None = None) -> bool:
        """Show ``findings`` (``where``: words for a place outside the articles); True when
        the rows are other findings than before."""
        self.findings = findings
        if where is not None:
            self._where = where
        return self.refilter()

    def refilter(self) -> bool:
        """Choose the rows again; True when they are other findings than before (the model
        was reset), False when the same findings were only read again (rows kept)."""
        rows = [
            f
            for f in self.findings
            if (self.show_ignored or f.ignored is None)
            and (self.severity is None or f.severity == self.severity)
        ]
        if [f.key for f in rows] == [f.key for f in self.rows]:
            self.rows = rows  # an edit elsewhere: the view keeps its place and current row
            if rows:
                self.dataChanged.emit(self.index(0), self.index(len(rows) - 1))
            return False
        self.beginResetModel()
        self.rows = rows
        self.endResetModel()
        return True

    def counts(self) -> dict[str, int]:
        """How many findings of each severity are heeded, and how many are ignored."""
        out = dict.fromkeys((ERROR, WARNING, INFO, "ignored"), 0)
        for f in self.findings:
            out["ignored" if f.ignored is not None else f.severity] += 1
        return out

    def row_of(self, key: str) -> int | None:
        return next((i for i, f in enumerate(self.rows) if f.key == key), None)

    # -- Qt's side --------------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 (Qt's signature)
        return 0 if parent.isValid() else len(self.rows)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        finding = self.rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._row_text(finding)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(finding)
        if role == Qt.ItemDataRole.DecorationRole:
            icon = self._icons.get(finding.severity)
            if icon is None:  # asking the style each time costs more than the rest of a row
                icon = self._icons[finding.severity] = QApplication.style().standardIcon(
                    _pixmap(finding.severity)
                )
            return icon
        if role == Qt.ItemDataRole.ForegroundRole and finding.ignored is not None:
            return QApplication.palette().brush(QPalette.ColorRole.PlaceholderText)
        if role == FindingRole:
            return finding
        return None

    # -- what a row says ----------------------------------------------------------------------

    def place(self, finding: Finding) -> str:
        """第三条 3.1 as numbered in the draft, or the part of the draft it is in."""
        if finding.article is not None:
            return finding.place
        if finding.ref is None:
            return self.tr("the whole draft")
        zh, en = self._where(finding.ref)
        return zh if current_language_is_chinese() else en

    def _row_text(self, finding: Finding) -> str:
        message = finding.message.text(current_language_is_chinese())
        line = f"{self.place(finding)} · {self.kind_name(finding.kind)}"
        if finding.ignored is not None:
            line += " · " + self.tr("ignored: {0}").format(finding.ignored)
        return f"{message}\n{line}"

    def _tooltip(self, finding: Finding) -> str:
        chinese = current_language_is_chinese()
        lines = [finding.message.text(chinese)]
        if finding.why is not None:
            lines.append(finding.why.text(chinese))
        if finding.fix is not None:
            lines.append(self.tr("Fix: {0}").format(finding.fix.label.text(chinese)))
        if finding.ignored is not None:
            lines.append(self.tr("Ignored: {0}").format(finding.ignored))
        return "\n".join(lines)

    def kind_name(self, kind: str) -> str:
        """What a kind of check looks for, in the UI's words (an unknown kind as it is)."""
        if self._kinds is None:
            self._kinds = self._kind_names()
        return self._kinds.get(kind, kind)

    def _kind_names(self) -> dict[str, str]:
        return {
            "term_defined_twice": self.tr("term defined twice"),
            "term_unused": self.tr("term never used"),
            "term_used_before_definition": self.tr("term used before its definition"),
            "term_undefined": self.tr("term not defined"),
            "amount_mismatch": self.tr("figure and words differ"),
            "amount_malformed": self.tr("amount in words malformed"),
            "percent_mismatch": self.tr("percentages differ"),
            "instalments_sum": self.tr("instalments do not add up"),
            "two_currencies": self.tr("two currencies"),
            "date_impossible": self.tr("impossible date"),
            "date_order": self.tr("end before start"),
            "period_inconsistent": self.tr("period written two ways"),
            "period_unfilled": self.tr("period not filled in"),
            "party_name_mismatch": self.tr("party named differently"),
            "party_role_unknown": self.tr("role no party has"),
            "court_and_arbitration": self.tr("court and arbitration"),
            "two_courts": self.tr("two courts"),
            "two_governing_laws": self.tr("two governing laws"),
            "numbering_gap": self.tr("numbering gap"),
            "numbering_repeat": self.tr("number repeated"),
            "self_reference": self.tr("refers to itself"),
            "annex_missing": self.tr("annex missing"),
            "empty_article": self.tr("empty article"),
            "heading_without_text": self.tr("heading without text"),
            "template_marker": self.tr("template marker left"),
            "vague_reference": self.tr("vague reference"),
            "unfilled": self.tr("not filled in"),
            "no_choice": self.tr("nothing ticked"),
            "dangling": self.tr("broken reference"),
            "unresolved": self.tr("reference to nothing"),
            "bidi_control": self.tr("hidden direction characters"),
            "half_width_punct": self.tr("half-width punctuation"),
            "mixed_width_digits": self.tr("mixed-width digits"),
            "stray_space": self.tr("stray space"),
            "duplicate_topic": self.tr("same topic twice"),
            "missing_topic": self.tr("essential topic missing"),
        }
