"""The inspector beside the draft: its fields to fill, the current clause, the checks, the
defined terms and the other side's comments.

The main window owns one inspector and tells it which document and node are current; the
inspector edits only through ``DraftDocument.push`` and asks the editor to show a place by
emitting ``jumpTo(node_id)``, a field's blanks by emitting ``fieldChosen(field_id)``, or
exact characters (a finding, a term's use) by emitting ``placeChosen(ref, offset, length)``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QTabWidget, QVBoxLayout, QWidget

from .inspector_checks import ChecksTab
from .inspector_clause import ClauseTab
from .inspector_comments import CommentsTab
from .inspector_fields import FieldsTab
from .inspector_terms import TermsTab

if TYPE_CHECKING:
    from clause_db.store import ClauseLibrary

    from .draft_document import DraftDocument


class Inspector(QWidget):
    """Fields, Clause, Checks, Terms and Comments tabs over one open draft (or none)."""

    jumpTo = Signal(int)
    """The id of an article or clause the editor should show."""
    fieldChosen = Signal(int)
    """A field chosen in the Fields tab: the editor selects its (next) blank."""
    placeChosen = Signal(object, int, int)
    """Characters to select in the editor: (BlockRef, offset, length), a check's finding or
    a term's use."""

    def __init__(self, library: ClauseLibrary | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("inspector")
        self.fields = FieldsTab(self)
        self.clause = ClauseTab(library, self)
        self.checks = ChecksTab(self)
        self.comments = CommentsTab(self)
        self.terms = TermsTab(self)
        self.terms.setObjectName("termsTab")
        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("inspectorTabs")
        self.tabs.addTab(self.fields, self.tr("Fields"))
        self.tabs.addTab(self.clause, self.tr("Clause"))
        self.tabs.addTab(self.checks, self.tr("Checks"))
        self.tabs.addTab(self.terms, self.tr("Terms"))
        self.tabs.addTab(self.comments, self.tr("Comments"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.tabs)

        for tab in (self.clause, self.checks, self.comments):
            tab.jumpTo.connect(self.jumpTo)
        self.fields.fieldChosen.connect(self.fieldChosen)
        self.terms.textChosen.connect(self.placeChosen)
        self.checks.fieldChosen.connect(self.show_field)
        self.checks.placeChosen.connect(self.placeChosen)
        self.checks.countChanged.connect(self._checks_counted)
        self._checks_counted(len(self.checks.checks))

    def set_document(self, document: DraftDocument | None) -> None:
        """Inspect ``document`` (None when no draft is open)."""
        for tab in (self.fields, self.clause, self.checks, self.terms, self.comments):
            tab.set_document(document)
        count = self.comments.count()
        title = self.tr("Comments (%n)", "", count) if count else self.tr("Comments")
        self.tabs.setTabText(self.tabs.indexOf(self.comments), title)

    def set_current_node(self, node_id: int | None) -> None:
        """The article or clause the editor's cursor is in, for the Clause tab."""
        self.clause.set_current_node(node_id)

    def show_field(self, field_id: int) -> None:
        """Bring the Fields tab forward with the field selected, ready to type its value."""
        self.tabs.setCurrentWidget(self.fields)
        self.fields.select_field(field_id)

    def follow_field(self, field_id: int) -> None:
        """The caret is beside a blank: its field's row becomes current (no tab change, no
        focus taken from the document)."""
        self.fields.select_field(field_id)

    def _checks_counted(self, count: int) -> None:
        title = self.tr("Checks (%n)", "", count) if count else self.tr("Checks")
        self.tabs.setTabText(self.tabs.indexOf(self.checks), title)
