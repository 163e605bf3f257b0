"""A draft on A4 pages of any paged device: the PDF writer, a printer, the print preview.

The page is the Word export's (A4, 2.54 cm top and bottom, 3.18 cm left and right, the
footer 1.75 cm above the bottom edge); the text is ``app.word.print_html``'s, laid out and cut
into pages by ``QTextDocument``; each page's footer (第 X 页 共 Y 页) is drawn here, since
rich text knows no page numbers.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from PySide6.QtCore import QMarginsF, QRectF, QSizeF, Qt
from PySide6.QtGui import QFont, QPageLayout, QPageSize, QPainter, QTextDocument

from app.word.docx_styles import CHINESE
from app.word.print_html import PrintOptions, draft_html, footer_words, print_typography

if TYPE_CHECKING:
    from PySide6.QtGui import QPagedPaintDevice

    from app.model.draft import Draft

_MARGINS_MM = (31.8, 25.4, 31.8, 25.4)  # left, top, right, bottom: Word's Chinese default
_FOOTER_MM = 17.5  # from the bottom edge to the footer's baseline area
_EDGE_MM = 10.0  # the device's bottom margin: the footer stands between it and the text
_MM_PER_INCH = 25.4
_POINTS_PER_INCH = 72


def page_layout() -> QPageLayout:
    """A4 portrait, the text's margins except at the bottom, where the footer goes."""
    left, top, right, _ = _MARGINS_MM
    margins = QMarginsF(left, top, right, _EDGE_MM)
    return QPageLayout(
        QPageSize(QPageSize.PageSizeId.A4), QPageLayout.Orientation.Portrait, margins,
        QPageLayout.Unit.Millimeter,
    )  # fmt: skip


class PrintedDraft:
    """A draft laid out for one device; ``paint`` draws every page on it."""

    def __init__(self, draft: Draft, options: PrintOptions | None = None) -> None:
        self.draft = draft
        self.options = options or PrintOptions()
        self.footer = footer_words(draft)
        self.typo = print_typography(draft)
        self.document = QTextDocument()
        self.document.setDocumentMargin(0)
        font = QFont(self.typo.latin_font)
        font.setFamilies([self.typo.latin_font, "Liberation Serif", CHINESE.east_asian_font,
                          "Noto Serif CJK SC"])  # fmt: skip
        font.setPointSizeF(self.typo.body_pt)
        self.document.setDefaultFont(font)

    def paint(self, device: QPagedPaintDevice) -> int:
        """Draw the pages on ``device`` (its page layout set to ``page_layout()``); how many."""
        device.setPageLayout(page_layout())
        dpi = device.resolution()
        paint_rect = device.pageLayout().paintRectPixels(dpi)
        px = dpi / _MM_PER_INCH
        body_height = paint_rect.height() - (_MARGINS_MM[3] - _EDGE_MM) * px
        width = paint_rect.width()
        self.document.documentLayout().setPaintDevice(device)
        options = replace(self.options, px_per_pt=dpi / _POINTS_PER_INCH)
        self.document.setHtml(draft_html(self.draft, options))
        self.document.setPageSize(QSizeF(width, body_height))
        pages = self.document.pageCount()
        painter = QPainter(device)
        try:
            footer_font = QFont(self.document.defaultFont())
            footer_font.setPointSizeF(self.typo.footer_pt)
            footer_top = paint_rect.height() - (_FOOTER_MM - _EDGE_MM) * px
            footer = QRectF(0, footer_top, width, (_FOOTER_MM - _EDGE_MM) * px)
            before, between, after = self.footer
            for page in range(pages):
                if page:
                    device.newPage()
                painter.save()
                painter.translate(0, -page * body_height)
                self.document.drawContents(painter, QRectF(0, page * body_height, width,
                                                           body_height))  # fmt: skip
                painter.restore()
                painter.setFont(footer_font)
                text = f"{before}{page + 1}{between}{pages}{after}"
                painter.drawText(footer, Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop,
                                 text)  # fmt: skip
        finally:
            painter.end()
        return pages
