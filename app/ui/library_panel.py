"""The library browser in the side dock: search box, topic/source switch, tree or hits.

Search runs as the user types, debounced so a fast typist does not queue a query per key.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QLineEdit,
    QListView,
    QMessageBox,
    QStackedWidget,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from clause_db.errors import ClauseDbError

from .item_refs import ItemRefRole
from .library_model import MODES, LibraryTreeModel
from .translations import error_text

if TYPE_CHECKING:
    from clause_db.store import ClauseLibrary

    from .search_results import SearchResultsModel

SEARCH_DELAY_MS = 150
WARM_UP_MS = 300
SEARCH_LIMIT = 200


class LibraryPanel(QWidget):
    """Browse the library by topic or source, or search it; reports what is selected."""

    refSelected = Signal(str, int)
    """(kind, id) of the row the user moved to, in the tree or the hits."""
    searchFinished = Signal(str, int)
    """(query, hit count) after each search; an empty query means the tree is back."""
    insertRequested = Signal(str, int)
    """(kind, id) to insert into the open draft: Enter or double-click on a row."""

    def __init__(self, library: ClauseLibrary, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.library = library
        self._insert_guard = False
        self._reported = ""  # the last search failure shown to the lawyer

        self.search_box = QLineEdit(self)
        self.search_box.setObjectName("librarySearch")
        self.search_box.setPlaceholderText(self.tr("Search clauses…"))
        self.search_box.setClearButtonEnabled(True)

        self.mode_box = QComboBox(self)
        self.mode_box.setObjectName("libraryMode")
        labels = {"topic": self.tr("By topic"), "source": self.tr("By source")}
        for mode in MODES:
            self.mode_box.addItem(labels[mode], mode)

        self.tree_model = LibraryTreeModel(library, parent=self)
        self.tree = QTreeView(self)
        self.tree.setObjectName("libraryTree")
        self.tree.setModel(self.tree_model)
        self.tree.setHeaderHidden(True)
        self.tree.setUniformRowHeights(True)  # lets a 2,000-article topic scroll smoothly
        self.tree.setTextElideMode(Qt.TextElideMode.ElideMiddle)  # keep the source's "#n"

        self._results: QListView | None = None  # built by the first search or the warm-up

        self.stack = QStackedWidget(self)
        self.stack.addWidget(self.tree)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.search_box)
        layout.addWidget(self.mode_box)
        layout.addWidget(self.stack)

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SEARCH_DELAY_MS)
        self._timer.timeout.connect(self.run_search)
        self.search_box.textChanged.connect(self._timer.start)
        self.mode_box.currentIndexChanged.connect(
            lambda i: self.set_mode(self.mode_box.itemData(i))
        )
        self._warm_timer = QTimer(self)
        self._warm_timer.setSingleShot(True)
        self._warm_timer.timeout.connect(self._warm_up)
        self._warm_timer.start(WARM_UP_MS)
        self.search_box.textChanged.connect(self._warm_timer.stop)  # typing came first
        self._connect_view(self.tree)

    @property
    def results(self) -> QListView:
        """The list of search hits (objectName ``searchResults``), built when first needed:
        its model and delegate are a good part of start-up, and nothing shows them before a
        search."""
        if self._results is None:
            from .search_results import HitDelegate, SearchResultsModel

            results = QListView(self)
            results.setObjectName("searchResults")
            results.setModel(SearchResultsModel(self.library, parent=self))
            results.setItemDelegate(HitDelegate(results))
            results.setResizeMode(QListView.ResizeMode.Adjust)
            results.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
            results.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
            self._connect_view(results)
            self.stack.addWidget(results)
            self._results = results
        return self._results

    @property
    def hits_model(self) -> SearchResultsModel:
        return self.results.model()

    def _connect_view(self, view: QAbstractItemView) -> None:
        """Make ``view`` a drag source whose rows report and insert what they show."""
        view.setDragEnabled(True)
        view.setDragDropMode(QAbstractItemView.DragDropMode.DragOnly)
        view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        view.selectionModel().currentChanged.connect(self._emit_ref)
        view.activated.connect(self._emit_insert)  # Enter, or double-click per platform
        view.doubleClicked.connect(self._emit_insert)

    def mode(self) -> str:
        return self.tree_model.mode()

    def set_mode(self, mode: str) -> None:
        """Browse by "topic" or "source"; the switch and the tree follow."""
        self.mode_box.setCurrentIndex(self.mode_box.findData(mode))
        if mode != self.tree_model.mode():
            self.tree_model.setMode(mode)

    def run_search(self) -> None:
        """Search for the box's text now; an empty box brings the tree back."""
        self._timer.stop()
        query = self.search_box.text().strip()
        if not query:
            if self._results is not None:
                self.hits_model.setHits([])
            self.stack.setCurrentWidget(self.tree)
            self.searchFinished.emit(query, 0)
        else:
            try:
                hits = self.library.search(query, limit=SEARCH_LIMIT)
            except ClauseDbError as exc:  # e.g. a damaged page of a big library, met now
                self._report_failure(error_text(exc))
                hits = []
            self.hits_model.setHits(hits)
            self.stack.setCurrentWidget(self.results)
            self.searchFinished.emit(query, self.hits_model.hit_count())

    def _report_failure(self, message: str) -> None:
        """Say why the library cannot search, once: not again at every keystroke."""
        if message != self._reported:
            self._reported = message
            QMessageBox.warning(self, self.tr("Cannot search the library"), message)

    def cancel_search(self) -> None:
        """Drop a search still waiting for its debounce, e.g. before the library closes."""
        self._timer.stop()
        self._warm_timer.stop()

    def _warm_up(self) -> None:
        """Once the window is up: one tiny search loads the index pages the first keystroke
        would otherwise wait for, and the hit list is laid out and drawn once, off screen,
        so its first real showing does not pay for polishing and rich-text set-up."""
        try:
            hits = self.library.warm_up()
        except ClauseDbError:
            return  # a library that cannot search says so when the lawyer searches
        if self.search_box.text():
            return  # the lawyer is already searching
        self.hits_model.setHits(hits)
        self.results.resize(self.stack.size())
        self.results.grab()
        self.hits_model.setHits([])

    def refresh(self) -> None:
        """Re-read the library after an import: the tree, and the search if one is shown."""
        self.tree_model.setMode(self.tree_model.mode())
        if self._results is not None:
            self.hits_model.forget_sources()
        if self.search_box.text().strip():
            self.run_search()

    def current_ref(self) -> tuple[str, int] | None:
        """(kind, id) of the row selected in the tree or the hits, if any."""
        view = self.stack.currentWidget()
        index = view.currentIndex()
        return index.data(ItemRefRole) if index.isValid() else None

    def focus_search(self) -> None:
        self.search_box.setFocus()
        self.search_box.selectAll()

    def _emit_insert(self, index: QModelIndex) -> None:
        ref = index.data(ItemRefRole) if index.isValid() else None
        if ref and ref[0] in ("article", "clause") and not self._insert_guard:
            self._insert_guard = True  # activated and doubleClicked may both fire for one click
            self.insertRequested.emit(*ref)
            QTimer.singleShot(0, self, self._release_insert_guard)

    def _release_insert_guard(self) -> None:
        self._insert_guard = False

    def _emit_ref(self, current: QModelIndex) -> None:
        if current.isValid():
            self.refSelected.emit(*current.data(ItemRefRole))
