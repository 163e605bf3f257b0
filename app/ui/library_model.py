"""The clause library as a lazy tree: by topic or by source, children read on expand.

A 100,000-clause library has some 12,000 articles; reading them all would stall start-up,
so a reset reads only the top level (one grouped query) and every other level is read by
``fetchMore`` when the view first expands it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import (
    QAbstractItemModel,
    QCollator,
    QLocale,
    QModelIndex,
    QObject,
    Qt,
)

from .clause_text import joined, source_names
from .item_refs import DRAGGABLE_KINDS, ItemRefRole, LibraryDragSource
from .lazy_fetch import FetchOutsideAnnouncements
from .translations import topic_name

if TYPE_CHECKING:
    from collections.abc import Sequence

    from clause_db.rows import ArticleRow, ClauseRow
    from clause_db.store import ClauseLibrary

MODES = ("topic", "source")
TIP_CHARS = 300  # a tooltip longer than this covers the tree
CLAUSE_LABEL_CHARS = 40  # clauses without a heading show this much of their text
_NO_PARENT = QModelIndex()  # the invisible root, as a default argument
_COLLATOR = QCollator(QLocale(QLocale.Language.Chinese, QLocale.Country.China))  # pinyin order


class _Node:
    """One tree row; ``parent`` and ``row`` give Qt its parent index without a search."""

    __slots__ = ("kind", "id", "text", "tip", "parent", "row", "children", "fetched")

    def __init__(
        self,
        kind: str,
        item_id: int,
        text: str,
        parent: _Node | None,
        *,
        tip: str = "",
        fetched: bool = False,
    ) -> None:
        self.kind = kind
        self.id = item_id
        self.text = text
        self.tip = tip
        self.parent = parent
        self.row = len(parent.children) if parent else 0
        self.children: list[_Node] = []
        self.fetched = fetched
        if parent:
            parent.children.append(self)


def _tip(text: str) -> str:
    return text if len(text) <= TIP_CHARS else text[:TIP_CHARS] + "…"


class LibraryTreeModel(LibraryDragSource, FetchOutsideAnnouncements, QAbstractItemModel):
    """Topics or sources at the top, then articles, then their (nested) clauses."""

    def __init__(
        self, library: ClauseLibrary, mode: str = "topic", parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self.library = library
        self._mode = mode
        self._root = _Node("root", 0, "", None, fetched=True)
        self._sources: dict[int, str] | None = None  # read when first needed
        self.setMode(mode)

    # ---- mode ---------------------------------------------------------------------------

    def mode(self) -> str:
        return self._mode

    def setMode(self, mode: str) -> None:
        """Show topics or sources at the top level; drops everything fetched so far."""
        if mode not in MODES:
            raise ValueError(f"unknown library tree mode {mode!r}")
        with self.announcing():
            self.beginResetModel()
            self._mode = mode
            self._root = _Node("root", 0, "", None, fetched=True)
            self._sources = None  # a 100,000-clause library's sources take 20 ms: not for topics
            if mode == "topic":
                names = {t: topic_name(t) for t in self.library.topics()}
                for t in sorted(names, key=lambda t: _COLLATOR.sortKey(names[t])):
                    _Node("topic", t.id, f"{names[t]} ({t.article_count})", self._root)
            else:
                for s in self.library.sources_list():
                    text = f"{self._source_names()[s.id]} ({s.article_count})"
                    fetched = s.article_count == 0
                    _Node("source", s.id, text, self._root, tip=s.file_name, fetched=fetched)
            self.endResetModel()

    # ---- structure ----------------------------------------------------------------------

    def _node(self, index: QModelIndex) -> _Node:
        return index.internalPointer() if index.isValid() else self._root

    def index(self, row: int, column: int, parent: QModelIndex = _NO_PARENT) -> QModelIndex:
        node = self._node(parent)
        if column != 0 or not 0 <= row < len(node.children):
            return QModelIndex()
        return self.createIndex(row, 0, node.children[row])

    def parent(self, index: QModelIndex | None = None) -> QModelIndex | QObject:  # type: ignore[override]
        """The parent index; without an argument, QObject.parent (PySide overloads the name)."""
        if index is None:
            return super().parent()
        node = self._node(index).parent
        if node is None or node is self._root:
            return QModelIndex()
        return self.createIndex(node.row, 0, node)

    def rowCount(self, parent: QModelIndex = _NO_PARENT) -> int:
        return len(self._node(parent).children) if parent.column() <= 0 else 0

    def columnCount(self, parent: QModelIndex = _NO_PARENT) -> int:
        return 1

    def hasChildren(self, parent: QModelIndex = _NO_PARENT) -> bool:
        """Unread nodes claim children so the view offers to expand them."""
        node = self._node(parent)
        return not node.fetched or bool(node.children)

    def canFetchMore(self, parent: QModelIndex) -> bool:
        return not self._node(parent).fetched

    def fetchMore(self, parent: QModelIndex) -> None:
        node = self._node(parent)
        if node.fetched or self.fetch_later(parent, node, self.fetchMore):
            return
        staging = _Node(node.kind, node.id, "", None)
        if node.kind == "topic":
            self._add_articles(staging, self.library.articles_in_topic(node.id), with_source=True)
        elif node.kind == "source":
            self._add_parts(staging, self.library.articles_in_source(node.id))
        elif node.kind == "article":
            self._add_clauses(staging, self.library.clauses_of(node.id))
        node.fetched = True
        if not staging.children:
            return
        with self.announcing():
            self.beginInsertRows(parent, 0, len(staging.children) - 1)
            node.children = staging.children
            for child in node.children:
                child.parent = node
            self.endInsertRows()

    # ---- building nodes -----------------------------------------------------------------

    def _add_articles(
        self, parent: _Node, articles: Sequence[ArticleRow], *, with_source: bool
    ) -> None:
        for a in articles:
            text = " ".join(p for p in (a.label, a.heading) if p) or a.text[:CLAUSE_LABEL_CHARS]
            if with_source:
                text += f" — {self._source_names().get(a.source_id, a.source_title)}"
            _Node("article", a.id, text, parent, tip=_tip(a.text or a.heading))

    def _source_names(self) -> dict[int, str]:
        if self._sources is None:
            self._sources = source_names(self.library)
        return self._sources

    def _add_parts(self, parent: _Node, articles: list[ArticleRow]) -> None:
        """Articles under their part titles when the contract has several parts."""
        parts = sorted({(a.part_index, a.part_title or "") for a in articles})
        if len(parts) < 2:
            self._add_articles(parent, articles, with_source=False)
            return
        for index, title in parts:
            members = [a for a in articles if a.part_index == index]
            name = title or self.tr("(Body)")
            node = _Node("part", parent.id, f"{name} ({len(members)})", parent, fetched=True)
            self._add_articles(node, members, with_source=False)

    def _add_clauses(self, parent: _Node, clauses: list[ClauseRow]) -> None:
        for c in clauses:
            if c.heading:
                text = f"{c.label} {c.heading}".strip()
            else:
                excerpt = c.text[:CLAUSE_LABEL_CHARS]
                ellipsis = "…" if len(c.text) > CLAUSE_LABEL_CHARS else ""
                text = f"{c.label} {excerpt}{ellipsis}".strip()
            node = _Node(
                "clause",
                c.id,
                text,
                parent,
                tip=_tip(joined(c.label, c.heading, c.text)),
                fetched=True,
            )
            self._add_clauses(node, c.children)

    # ---- data and drag ------------------------------------------------------------------

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        node: _Node = index.internalPointer()
        if role == Qt.ItemDataRole.DisplayRole:
            return node.text
        if role == Qt.ItemDataRole.ToolTipRole:
            return node.tip or None
        if role == ItemRefRole:
            return (node.kind, node.id)
        return None

    def flags(self, index: QModelIndex) -> Qt.ItemFlag:
        flags = super().flags(index)
        if index.isValid() and self._node(index).kind in DRAGGABLE_KINDS:
            flags |= Qt.ItemFlag.ItemIsDragEnabled
        return flags
