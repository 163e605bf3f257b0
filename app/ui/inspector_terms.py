"""The inspector's Terms tab: each defined term, where it is defined and where it is used.

The list is ``checks.terms.draft_terms`` read again a moment after the lawyer stops
editing (debounced like the Checks tab), and only while the tab is shown. Choosing a
definition or a use selects exactly those characters in the centre (``textChosen``);
Rename… renames the term everywhere as one undo step (``term_rename.rename_term``).
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QMessageBox,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.model.checks.terms import TermEntry, TermPlace, draft_terms
from app.model.defined_terms import PARTY, TermFacts
from app.model.ops import EditError
from app.model.term_rename import rename_term

from .draft_document import DraftDocument, follow_changes
from .translations import current_language_is_chinese, error_text

REFRESH_DELAY_MS = 300
SHOWN_CHARS = 80  # of a use's sentence in the list (the tooltip holds all of it)
PlaceRole = Qt.ItemDataRole.UserRole  # a TermPlace to select (None: a term's own row)
TermRole = Qt.ItemDataRole.UserRole + 1  # the term a row belongs to


class TermsTab(QWidget):
    """The terms tree: a row per term (its uses counted), under it its definitions and uses."""

    textChosen = Signal(object, int, int)  # block ref, offset, length: select them

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document: DraftDocument | None = None
        self.entries: list[TermEntry] = []
        self._kept: dict[str, TermFacts] = {}  # what each text said at the last read
        self._stale = True
        self.tree = QTreeWidget(self)
        self.tree.setObjectName("termsList")
        self.tree.setColumnCount(2)
        self.tree.setHeaderLabels([self.tr("Term"), self.tr("Uses")])
        self.tree.setUniformRowHeights(True)
        header = self.tree.header()
        header.setStretchLastSection(False)  # the term and its sentences take the width
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.tree.itemExpanded.connect(self._fill)
        self.tree.itemActivated.connect(self._chosen)
        self.tree.itemClicked.connect(self._chosen)
        self.tree.currentItemChanged.connect(self._current_changed)
        self.rename_button = QPushButton(self.tr("Rename…"), self)
        self.rename_button.setObjectName("renameTermButton")
        self.rename_button.setToolTip(self.tr("Rename the term, its definition and every use"))
        self.rename_button.clicked.connect(self._ask_rename)
        self.rename_button.setEnabled(False)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.rename_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.tree)
        layout.addLayout(buttons)

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(REFRESH_DELAY_MS)
        self._timer.timeout.connect(self._refresh_if_shown)

    def set_document(self, document: DraftDocument | None) -> None:
        self.document = follow_changes(self.document, document, self._changed)
        self._stale = True
        self.tree.clear()
        self.entries = []
        self._kept = {}
        self._timer.start()

    def _changed(self, _kind: str) -> None:
        self._stale = True
        self._timer.start()  # restarted by each edit: read once the lawyer pauses

    def _refresh_if_shown(self) -> None:
        if self.isVisible():
            self.refresh()

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if self._stale:
            self.refresh()

    def refresh(self) -> None:
        """Read the terms now and list them, keeping the term that was current."""
        self._timer.stop()
        self._stale = False
        current = self.current_term()
        self.entries = draft_terms(self.document.draft, self._kept) if self.document else []
        self.tree.clear()
        for entry in self.entries:
            item = QTreeWidgetItem([entry.term, str(entry.use_count)])
            item.setData(0, TermRole, entry.term)
            first = entry.definitions[0] if entry.definitions else None
            item.setData(0, PlaceRole, first)  # its first use is looked up when chosen
            if entry.form == PARTY and not entry.definitions:
                item.setToolTip(0, self.tr("A party's role"))
            if entry.definitions or entry.use_count:  # its places are added when opened
                item.setChildIndicatorPolicy(QTreeWidgetItem.ChildIndicatorPolicy.ShowIndicator)
            self.tree.addTopLevelItem(item)
            if entry.term == current:
                self.tree.setCurrentItem(item)
        if not self.entries:
            none = self.tr("No defined terms found.")
            empty = QTreeWidgetItem([none if self.document else self.tr("No draft is open.")])
            empty.setFlags(Qt.ItemFlag.NoItemFlags)
            self.tree.addTopLevelItem(empty)
        self._current_changed(self.tree.currentItem())

    def _entry(self, term: str | None) -> TermEntry | None:
        return next((e for e in self.entries if e.term == term), None)

    def _fill(self, item: QTreeWidgetItem) -> None:
        """A term's definitions and uses, as rows under it, once it is opened."""
        entry = self._entry(item.data(0, TermRole))
        if entry is None or item.parent() is not None or item.childCount():
            return
        chinese = current_language_is_chinese()
        for place in entry.definitions:
            self._add_place(item, self.tr("Defined in {0}: {1}"), place, chinese)
        for place in entry.uses:
            self._add_place(item, self.tr("Used in {0}: {1}"), place, chinese)

    def _add_place(
        self, parent: QTreeWidgetItem, words: str, place: TermPlace, chinese: bool
    ) -> None:
        sentence = place.sentence
        short = sentence if len(sentence) <= SHOWN_CHARS else sentence[: SHOWN_CHARS - 1] + "…"
        where = place.where.text(chinese)
        child = QTreeWidgetItem([words.format(where, short), ""])
        child.setToolTip(0, words.format(where, sentence))
        child.setData(0, PlaceRole, place)
        child.setData(0, TermRole, parent.data(0, TermRole))
        parent.addChild(child)

    def current_term(self) -> str | None:
        item = self.tree.currentItem()
        return item.data(0, TermRole) if item is not None else None

    def _current_changed(self, item: QTreeWidgetItem | None, _previous=None) -> None:
        entry = self._entry(item.data(0, TermRole) if item is not None else None)
        self.rename_button.setEnabled(entry is not None)

    def _chosen(self, item: QTreeWidgetItem, _column: int = 0) -> None:
        place = item.data(0, PlaceRole)
        if place is None and item.parent() is None:  # a term without a definition: a role
            entry = self._entry(item.data(0, TermRole))
            place = entry.uses[0] if entry is not None and entry.use_count else None
        if isinstance(place, TermPlace):
            self.textChosen.emit(place.ref, place.offset, place.length)

    # -- renaming -----------------------------------------------------------------------------

    def rename_current(self, name: str) -> bool:
        """Rename the current term everywhere as one undo step; a refusal is said."""
        term = self.current_term()
        if term is None or self.document is None:
            return False
        try:
            edit = rename_term(self.document.draft, term, name)
        except EditError as e:
            QMessageBox.warning(self, self.tr("Rename term"), error_text(e))
            return False
        if edit is None:
            return False
        self.document.push(edit.command)
        self.refresh()
        new = name.strip()
        match = self.tree.findItems(new, Qt.MatchFlag.MatchExactly, 0)
        if match:
            self.tree.setCurrentItem(match[0])
        return True

    def _ask_rename(self) -> None:
        term = self.current_term()
        if term is None:
            return
        name, ok = QInputDialog.getText(
            self, self.tr("Rename term"), self.tr("New name for “{0}”:").format(term), text=term
        )
        if ok:
            self.rename_current(name)
