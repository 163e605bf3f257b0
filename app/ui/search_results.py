"""Search hits as a list, each drawn as two lines with the matched words marked.

The store marks matches in snippets with ⟦…⟧ (【】 are blanks in contract text); the
delegate turns those marks into a highlighter-pen background.
"""

from __future__ import annotations

import html
import re
from typing import TYPE_CHECKING

from PySide6.QtCore import (
    QAbstractListModel,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSize,
    Qt,
    QTimer,
)
from PySide6.QtGui import QFont, QFontMetrics, QPainter, QPalette, QTextDocument
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
)

from clause_db.fulltext import HIGHLIGHT_END, HIGHLIGHT_START

from .clause_text import source_names
from .item_refs import ItemRef, ItemRefRole, LibraryDragSource
from .lazy_fetch import FetchOutsideAnnouncements

if TYPE_CHECKING:
    from clause_db.rows import SearchHit
    from clause_db.store import ClauseLibrary

HitRole = Qt.ItemDataRole.UserRole + 2
"""Model role whose value is the row's ``SearchHit``."""
ContextRole = Qt.ItemDataRole.UserRole + 3
"""Model role: where the hit sits (its article, for a clause, and its source)."""

MARK_STYLE = "background-color:#ffe066;color:#000;font-weight:bold"
PADDING = 6
MIN_WIDTH = 120  # pixels; narrower rows would wrap one character a line
_NO_PARENT = QModelIndex()
PAGE = 40  # hits laid out at a time: a screenful and then some
_HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")  # characters about a square wide
_HAN_CHAR = chr(0x6C49)  # one Han character, to measure how wide they all are

Index = QModelIndex | QPersistentModelIndex


def strip_marks(snippet: str) -> str:
    return snippet.replace(HIGHLIGHT_START, "").replace(HIGHLIGHT_END, "")


def snippet_html(snippet: str) -> str:
    """The snippet as rich text, every marked match on a highlighter background."""
    out = []
    for i, piece in enumerate(snippet.split(HIGHLIGHT_START)):
        if i == 0:
            out.append(html.escape(piece))
            continue
        match, _, rest = piece.partition(HIGHLIGHT_END)
        out.append(f'<span style="{MARK_STYLE}">{html.escape(match)}</span>{html.escape(rest)}')
    return "".join(out)


def hit_title(hit: SearchHit) -> str:
    title = " ".join(p for p in (hit.label, hit.heading) if p)
    return title or QCoreApplication.translate("SearchResultsModel", "(untitled)")


class SearchResultsModel(LibraryDragSource, FetchOutsideAnnouncements, QAbstractListModel):
    """The hits of the last search; rows drag like the tree's articles and clauses."""

    def __init__(self, library: ClauseLibrary, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.library = library
        self._hits: list[SearchHit] = []
        self._shown = 0  # rows exposed so far (see fetchMore)
        self._context: dict[int, str] = {}  # row -> context, read when the row is first shown
        self._names: dict[int, str] | None = None

    def setHits(self, hits: list[SearchHit]) -> None:
        """Show the best hits first; the rest arrive as the list is scrolled (fetchMore), so a
        keystroke lays out a page of rows, not all of them."""
        with self.announcing():
            self.beginResetModel()
            self._hits = list(hits)
            self._shown = min(PAGE, len(self._hits))
            self._context = {}
            self.endResetModel()

    def hit_count(self) -> int:
        """Every hit of the search, shown or still to be fetched."""
        return len(self._hits)

    def canFetchMore(self, parent: Index = _NO_PARENT) -> bool:
        return not parent.isValid() and self._shown < len(self._hits)

    def fetchMore(self, parent: Index = _NO_PARENT) -> None:
        more = min(PAGE, len(self._hits) - self._shown)
        if more <= 0 or parent.isValid() or self.fetch_later(parent, "page", self.fetchMore):
            return
        with self.announcing():
            self.beginInsertRows(parent, self._shown, self._shown + more - 1)
            self._shown += more
            self.endInsertRows()

    def forget_sources(self) -> None:
        """The library's sources changed (an import): read their names again when needed."""
        self._names = None

    def _context_of(self, row: int) -> str:
        """ "第五条 保密条款 · source #n": the seed's six contracts share one title.

        Read per row as it is shown, not per hit at each keystroke: a query per hit for 200
        hits cost more than the search itself, and most hits are never scrolled to.
        """
        if row in self._context:
            return self._context[row]
        if self._names is None:
            self._names = source_names(self.library)
        hit = self._hits[row]
        article = self.library.article(hit.article_id)
        if article is None:
            context = hit.source_title
        else:
            parts = [self._names.get(article.source_id, hit.source_title)]
            if hit.kind == "clause":
                parts.insert(0, " ".join(p for p in (article.label, article.heading) if p))
            context = " · ".join(p for p in parts if p)
        self._context[row] = context
        return context

    def rowCount(self, parent: Index = _NO_PARENT) -> int:
        return 0 if parent.isValid() else self._shown

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        hit = self._hits[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return f"{hit_title(hit)}\n{strip_marks(hit.snippet)}"
        if role in (Qt.ItemDataRole.ToolTipRole, ContextRole):
            return self._context_of(index.row())
        if role == ItemRefRole:
            return (hit.kind, hit.id)
        if role == HitRole:
            return hit
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        flags = super().flags(index)
        return flags | Qt.ItemFlag.ItemIsDragEnabled if index.isValid() else flags


class HitDelegate(QStyledItemDelegate):
    """Draws a hit as its title and source, then the snippet with matches highlighted.

    Rows wrap to the list's width, so the list must re-lay itself out when resized. Laying
    out a rich-text document for every hit took most of a keystroke's time, so a row's
    height is first estimated from font metrics; painting (which lays the row out anyway)
    keeps its true height and corrects the estimate, for the few rows on screen.
    """

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._heights: dict[tuple[ItemRef, int], int] = {}  # (hit, width) -> height
        self._advances: dict[str, tuple[tuple[int, int], tuple[int, int], int]] = {}
        self._misfit: QPersistentModelIndex | None = None  # a row painted at a wrong height

    def _document(self, option: QStyleOptionViewItem, index: Index, width: int) -> QTextDocument:
        hit: SearchHit = index.data(HitRole)
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        group = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        color = option.palette.color(group).name()
        muted_role = group if selected else QPalette.ColorRole.PlaceholderText
        muted = option.palette.color(muted_role).name()
        doc = QTextDocument()
        doc.setDefaultFont(option.font)
        doc.setDocumentMargin(PADDING)
        doc.setHtml(
            f'<div style="color:{color}"><b>{html.escape(hit_title(hit))}</b>'
            f'&nbsp;&nbsp;<span style="color:{muted}">{html.escape(index.data(ContextRole))}</span>'
            f"<br>{snippet_html(hit.snippet)}</div>"
        )
        doc.setTextWidth(max(width, MIN_WIDTH))
        return doc

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        opt.text = ""
        style = opt.widget.style() if opt.widget else QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, opt.widget)
        doc = self._document(opt, index, opt.rect.width())
        painter.save()
        painter.translate(opt.rect.topLeft())
        painter.setClipRect(0, 0, opt.rect.width(), opt.rect.height())
        doc.drawContents(painter)
        painter.restore()
        height = int(doc.size().height())
        self._heights[(index.data(ItemRefRole), opt.rect.width())] = height
        if height != opt.rect.height() and self._misfit is None:
            # one layout for all rows painted at a wrong height, not one per row
            self._misfit = QPersistentModelIndex(index)
            QTimer.singleShot(0, self, self._relayout)

    def _relayout(self) -> None:
        index, self._misfit = self._misfit, None
        if index.isValid():
            self.sizeHintChanged.emit(QModelIndex(index))

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        view = option.widget
        width = view.viewport().width() if isinstance(view, QAbstractItemView) else MIN_WIDTH
        key = (index.data(ItemRefRole), width)
        if key not in self._heights:
            self._heights[key] = self._estimate(option.font, index.data(HitRole), width)
        return QSize(width, self._heights[key])

    def _estimate(self, font: QFont, hit: SearchHit, width: int) -> int:
        """The height of the title line and the snippet wrapped at ``width``, from the
        average advance of a Han and of another character (measuring each text's advance
        cost more than the rest of a search)."""
        key = font.key()
        if key not in self._advances:
            bold = QFont(font)
            bold.setBold(True)
            metrics, bold_metrics = QFontMetrics(font), QFontMetrics(bold)
            self._advances[key] = (
                (bold_metrics.horizontalAdvance(_HAN_CHAR), bold_metrics.averageCharWidth()),
                (metrics.horizontalAdvance(_HAN_CHAR), metrics.averageCharWidth()),
                metrics.lineSpacing(),
            )
        title_advance, text_advance, line = self._advances[key]
        room = max(width, MIN_WIDTH) - 2 * PADDING
        lines = _lines(f"{hit_title(hit)}  {hit.source_title}", title_advance, room)
        lines += _lines(strip_marks(hit.snippet), text_advance, room)
        return lines * line + 2 * PADDING


def _lines(text: str, advances: tuple[int, int], room: int) -> int:
    """About how many lines ``text`` wraps to in ``room`` pixels (at least one)."""
    han = len(_HAN.findall(text))
    width = han * advances[0] + (len(text) - han) * advances[1]
    return max(1, -(-width // max(room, 1)))
