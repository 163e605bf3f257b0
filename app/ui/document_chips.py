"""Blanks and references inside the centre document: one U+FFFC character each, drawn here.

A chip shows a field's label highlighted while it is unfilled, its value once filled, a tick
box for a blank of a tick-box field; a reference shows its target's current number as a link, in red
when the target is gone. They are drawn from the model, so filling a named field or
renumbering needs no document edit, only a repaint (or a re-layout of the one character
when its width changes). Drawn text is cached as pixmaps: painting a screen full of them
in Python each time costs more than the rest of the page.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QPointF, QRectF, QSizeF, Qt
from PySide6.QtGui import (
    QColor,
    QFontMetricsF,
    QPainter,
    QPen,
    QPixmap,
    QPyTextObject,
    QTextFormat,
)

from app.model.draft import Blank, Proposal, Ref, blank_shows
from app.model.text import ref_text

if TYPE_CHECKING:
    from collections.abc import Callable

    from PySide6.QtGui import QFont, QTextDocument

    from app.model.draft import Draft

OBJECT_TYPE = QTextFormat.ObjectTypes.UserObject + 1
P_TOKEN = QTextFormat.Property.UserProperty + 1  # id() of the Blank or Ref in the model
PAD = 3.0
CACHE_LIMIT = 4000  # drawn chips kept

UNFILLED_BG = QColor("#fff1a8")
FILLED_BG = QColor("#e3f4e1")
ACTIVE_BG = QColor("#cfe3ff")
LINK = QColor("#1a5fb4")
DANGLING = QColor("#c01c28")
INSERTED = QColor("#1a7f37")  # their insertion: green, underlined (as Word marks it)
DELETED = QColor("#c01c28")  # their deletion: red, struck through


_FLAT = ("link", "dangling", "box", "inserted", "deleted")  # drawn as text, no chip


class InlineObjects(QPyTextObject):
    """The one handler for every chip and reference of a view's document."""

    def __init__(self, segment_of: Callable[[int], Blank | Ref | None], parent=None) -> None:
        super().__init__(parent)
        self._segment_of = segment_of  # P_TOKEN -> the segment it stands for
        self.draft: Draft | None = None
        self.paths: dict[int, tuple[int, ...]] = {}
        self.active: tuple[int, str] | None = None  # field being typed into, its pre-edit
        self._cache: dict[tuple, QPixmap] = {}
        self.laid_out: dict[int, str] = {}  # token -> the text its width was measured for
        self._metrics: dict[str, QFontMetricsF] = {}

    def forget(self) -> None:
        """Values, numbers or the font changed: draw everything again."""
        self._cache.clear()
        self._metrics.clear()

    def look(self, segment: Blank | Ref | None) -> tuple[str, str]:
        """(text, state) of a chip: state unfilled | filled | active | box | link | dangling
        | inserted | deleted (a proposal of the other side)."""
        if isinstance(segment, Proposal):  # the other side's change, to accept or reject
            shown = segment.text.replace("\n", " ¶ ").strip() or "¶"
            return shown, "inserted" if segment.kind == "ins" else "deleted"
        if isinstance(segment, Ref):
            if segment.target in self.paths:
                return ref_text(segment, self.paths), "link"
            return segment.last, "dangling"
        if isinstance(segment, Blank) and self.draft is not None:
            field = self.draft.fields.get(segment.field_id)
            value = field.value if field else None
            if field is not None and field.kind == "checkbox":
                return blank_shows(self.draft, segment), "box"
            if self.active is not None and self.active[0] == segment.field_id:
                return (value or "") + self.active[1] or " ", "active"
            if value:
                return value, "filled"
            return (field.label if field and field.label else segment.blank), "unfilled"
        return "?", "unfilled"

    def text_of(self, segment: Blank | Ref | None) -> str:
        return self.look(segment)[0]

    def _fm(self, font: QFont) -> QFontMetricsF:
        key = font.key()
        fm = self._metrics.get(key)
        if fm is None:
            fm = self._metrics[key] = QFontMetricsF(font)
        return fm

    def intrinsicSize(self, doc: QTextDocument, _pos: int, fmt: QTextFormat) -> QSizeF:
        font = (
            fmt.toCharFormat().font()
            if fmt.hasProperty(QTextFormat.Property.FontWeight)
            else doc.defaultFont()
        )
        fm = self._fm(font)
        token = fmt.property(P_TOKEN)
        text, state = self.look(self._segment_of(token))
        self.laid_out[token] = text
        pad = 0.0 if state in _FLAT else 2 * PAD
        return QSizeF(fm.horizontalAdvance(text) + pad, fm.ascent())

    def drawObject(
        self, painter: QPainter, rect: QRectF, doc: QTextDocument, _pos: int, fmt
    ) -> None:
        font = (
            fmt.toCharFormat().font()
            if fmt.hasProperty(QTextFormat.Property.FontWeight)
            else doc.defaultFont()
        )
        fm = self._fm(font)
        text, state = self.look(self._segment_of(fmt.property(P_TOKEN)))
        key = (text, state, font.key(), round(rect.width()), painter.device().devicePixelRatioF())
        pixmap = self._cache.get(key)
        if pixmap is None:
            if len(self._cache) > CACHE_LIMIT:
                self._cache.clear()
            pixmap = self._draw(text, state, font, fm, rect.width(), key[-1])
            self._cache[key] = pixmap
        painter.drawPixmap(QPointF(rect.left(), rect.top()), pixmap)

    def _draw(self, text, state, font, fm, width, ratio) -> QPixmap:
        height = fm.ascent() + fm.descent()
        pixmap = QPixmap(max(1, round(width * ratio)), max(1, round(height * ratio)))
        pixmap.setDevicePixelRatio(ratio)
        pixmap.fill(Qt.GlobalColor.transparent)
        p = QPainter(pixmap)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        p.setFont(font)
        box = QRectF(0, 0, width, height)
        if state in ("unfilled", "filled", "active"):
            colour = {"unfilled": UNFILLED_BG, "filled": FILLED_BG, "active": ACTIVE_BG}[state]
            p.setPen(Qt.PenStyle.NoPen)
            p.setBrush(colour)
            p.drawRoundedRect(box.adjusted(0.5, 0.5, -0.5, -0.5), 3, 3)
        colours = {"link": LINK, "dangling": DANGLING, "inserted": INSERTED, "deleted": DELETED}
        pen = QPen(colours.get(state, QColor(Qt.GlobalColor.black)))
        p.setPen(pen)
        left = 0.0 if state in _FLAT else PAD
        p.drawText(QPointF(left, fm.ascent()), text)
        if state in ("link", "dangling", "filled", "inserted"):
            y = fm.ascent() + max(1.0, fm.descent() / 3)
            p.drawLine(QPointF(left, y), QPointF(width - left, y))
        if state == "deleted":
            y = fm.ascent() * 0.62
            p.drawLine(QPointF(left, y), QPointF(width - left, y))
        p.end()
        return pixmap
