"""A draft as one HTML page for Qt's rich text to print (PDF, the printer): the Word export's
layout rules in the subset of HTML/CSS that ``QTextDocument`` lays out and paginates.

Same fonts (宋体/黑体 or Times New Roman, with the CJK fonts a machine without them falls
back on), sizes and indents as ``app.word.export``; the cover on a page of its own, the
signature page where its note says, each annex on a new page; unfilled blanks highlighted
(or not); tables with their spans. The page footer (第 X 页 共 Y 页) is drawn by the painter
(``app.pdf``): rich text has no page fields. No Qt here, so it is tested without a screen.
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from typing import TYPE_CHECKING

from app.model.draft import Blank, Party, blank_shows, plain
from app.model.importer import parties_named_in
from app.model.numbering import labels, number_paths
from app.model.printed import UNFILLED_PARTY, WORDS, draft_language, label_style
from app.model.text import ref_text
from app.word.cover_page import CoverLine, title_page
from app.word.docx_styles import CHINESE, ENGLISH, Typography, char_twips, clause_indent
from app.word.export import _doc_text
from app.word.tables import TEXT_WIDTH_TWIPS, Pieces, column_widths, text_lines
from clause_db.page_blocks import signature_page_note

if TYPE_CHECKING:
    from app.model.draft import Draft, Node, Passage, Segment, Table

# Fonts Qt asks for in turn, character by character: the Word export's names, Times New
# Roman's metric twins, then the free CJK fonts Linux ships (Noto/Source Han, WenQuanYi) so
# Chinese never falls back to boxes.
_LATIN = '"Times New Roman", "Liberation Serif", "Tinos", '
_SERIF = _LATIN + '"宋体", "SimSun", "Songti SC", "Noto Serif CJK SC", "Source Han Serif SC", ' \
    '"Noto Sans CJK SC", "WenQuanYi Zen Hei", serif'  # fmt: skip
_SANS = _LATIN + '"黑体", "SimHei", "Heiti SC", "Noto Sans CJK SC", "Source Han Sans SC", ' \
    '"WenQuanYi Zen Hei", sans-serif'  # fmt: skip
_BREAK = ' style="page-break-before: always"'
_SCREEN_PX_PER_PT = 96 / 72


@dataclass(frozen=True)
class PrintOptions:
    """How to print: ``highlight`` unfilled blanks (yellow), as the Word export does."""

    highlight: bool = True
    px_per_pt: float = 1.0  # the device's pixels per point (Qt takes lengths in pixels only)


def print_typography(draft: Draft) -> Typography:
    """The Word export's typography for the draft's language."""
    return ENGLISH if draft_language(draft) == "en" else CHINESE


def footer_words(draft: Draft) -> tuple[str, str, str]:
    """The page footer's words around the page number and count (第 X 页 共 Y 页)."""
    return WORDS[draft_language(draft)].page


def draft_html(draft: Draft, options: PrintOptions | None = None) -> str:
    """The whole draft as one HTML page, laid out as the Word export lays it out."""
    return _Page(draft, options or PrintOptions()).html()


class _Page:
    def __init__(self, draft: Draft, options: PrintOptions) -> None:
        self.draft = draft
        self.options = options
        language = draft_language(draft)
        self.words = WORDS[language]
        self.typo = ENGLISH if language == "en" else CHINESE
        self.paths = number_paths(draft)
        self.labels = labels(draft, label_style(draft, language), self.paths)
        self.px_per_pt = options.px_per_pt
        self.char_twips = char_twips(self.typo)
        self._pad = round(3 * _SCREEN_PX_PER_PT)  # a cell's padding: 3 pt
        self.out: list[str] = []
        self.break_next = False

    def html(self) -> str:
        draft = self.draft
        on_cover = draft.cover is not None and self._cover(draft.cover)
        if draft.title.strip() and not on_cover:
            self._p("title", _esc(_doc_text(draft.title)))
        self._parties()
        self._lines(draft.preamble, "body")
        self._tables(draft.preamble_tables, 0)
        for part in draft.parts:
            if part.title.strip():
                self._p("part", _esc(_doc_text(part.title)))
            self._lines(part.body, "body")
            for article in part.articles:
                self._node(article, 1)
        if draft.signature is not None:
            self._signature_page(draft.signature)
        else:
            self._signatures()
        for annex in draft.annexes:
            self._annex(annex)
        body = "".join(self.out)
        return f"<html><head><style>{self._css()}</style></head><body>{body}</body></html>"

    def _css(self) -> str:
        t = self.typo
        line = round(t.line_spacing * 100)
        indent = self._chars(t.first_line_chars)
        heading = _SANS if t.heading_east_asian_font == "黑体" else _SERIF
        return (
            f"body {{ font-family: {_SERIF}; font-size: {t.body_pt}pt; }}"
            f"p {{ margin-top: 0; margin-bottom: {self._vpx(t.space_after_pt)};"
            f" line-height: {line}%; }}"
            f"p.body {{ text-indent: {indent}; }}"
            f"p.title {{ font-family: {heading}; font-size: {t.title_pt}pt; font-weight: bold;"
            f" text-align: center; margin-bottom: {self._vpx(t.body_pt)}; }}"
            f"p.part {{ font-family: {heading}; font-size: {t.part_pt}pt; font-weight: bold;"
            " text-align: center; }"
            f"p.article {{ font-family: {heading}; font-weight: bold;"
            f" margin-top: {self._vpx(t.body_pt / 2)}; }}"
            "p.centre { text-align: center; }"
            f"p.annex {{ font-family: {heading}; font-weight: bold; }}"
            f"p.annextitle {{ font-family: {heading}; font-size: {t.part_pt}pt; font-weight: bold;"
            " text-align: center; }"
            ".gap { background-color: #ffff00; }"
        )

    # -- blocks ------------------------------------------------------------------------------

    def _p(self, cls: str, inner: str, style: str = "") -> None:
        brk = ""
        if self.break_next:
            brk, self.break_next = "page-break-before: always;", False
        attr = f' style="{brk}{style}"' if brk or style else ""
        self.out.append(f'<p class="{cls}"{attr}>{inner}</p>')

    def _lines(self, body: list[Segment], cls: str, style: str = "") -> None:
        for line in text_lines(self._pieces(body)):
            if any(text.strip() for text, _ in line):
                self._p(cls, self._runs(line), style)

    def _cover(self, cover: Passage) -> bool:
        """The cover on a page of its own, centred when it is a title page; whether the
        title stands on it (then it is not printed again)."""
        title = _doc_text(self.draft.title).strip()
        lines = [x for x in text_lines(self._pieces(cover.body)) if any(t.strip() for t, _ in x)]
        texts = ["".join(t for t, _ in x) for x in lines]
        centred = title_page([CoverLine(t, "below") for t in texts], self.typo)
        at = cover.title_at if title else None  # lines with text above the title
        placed = False
        for i, (text, line) in enumerate(zip(texts, lines, strict=True)):
            if at == i:
                self._p("title", _esc(title))
            if at is None and title and not placed and text.split() == title.split():
                self._p("title", self._runs(line))  # the cover's own title line, not again
                placed = True
                continue
            self._p("centre" if centred else "plain", self._runs(line))
        if at is not None and at >= len(lines):
            self._p("title", _esc(title))
        self._tables(cover.tables, 0)
        self.break_next = True
        return at is not None or placed

    def _parties(self) -> None:
        if parties_named_in(plain(self.draft.preamble)):
            return
        for party in self.draft.parties:
            role = _esc(self.words.party.format(role=_doc_text(party.role)))
            self._p("plain", role + self._value(party.name))
            self._p("plain", _esc(self.words.address) + self._value(party.address))
        if self.draft.parties:
            self._p("plain", "&nbsp;")

    def _value(self, value: str) -> str:
        return _esc(_doc_text(value)) if value.strip() else self._blank(UNFILLED_PARTY)

    def _node(self, node: Node, depth: int) -> None:
        number = _esc(self.labels[node.id])
        heading = _esc(_doc_text(node.heading).strip())
        if depth == 1:
            self._p("article", f"{number} {heading}".strip())
            self._lines(node.body, "body")
        else:
            left, first = clause_indent(depth, self.typo)
            style = f"margin-left: {self._chars(left)}; text-indent: {self._chars(first)};"
            pieces = self._pieces(node.body)
            head = ""
            if heading:
                has_text = any(text.strip() for text, _ in pieces)
                sep = _esc(self.words.heading_sep) if has_text else ""
                head = f"<b>{heading}{sep}</b>"
            lines = text_lines(pieces)
            self._p("plain", f"{number} {head}{self._runs(lines[0])}", style)
            for line in lines[1:]:
                if any(text.strip() for text, _ in line):
                    self._p("plain", self._runs(line), style)
        self._tables(node.tables, clause_indent(max(depth, 2), self.typo)[0])
        for child in node.children:
            self._node(child, depth + 1)

    def _tables(self, tables: list[Table], left: int) -> None:
        for table in tables:
            self.out.append(self._table(table, left))
            self._p("plain", "&nbsp;", "line-height: 50%;")
            self._lines(table.after, "body")

    def _table(self, table: Table, left: int) -> str:
        """A table with the Word export's column widths (the source's, or shares by text)
        as percentages of the text's width."""
        columns = max((sum(c.colspan for c in row) for row in table.rows), default=0)
        if not columns:
            return ""
        brk = ""
        if self.break_next:
            brk, self.break_next = _BREAK, False
        indent = min(left * self.char_twips // 100, TEXT_WIDTH_TWIPS // 2)
        available = TEXT_WIDTH_TWIPS - indent
        widths = column_widths(table, columns, available, self._pieces)
        total = sum(widths)
        rows = []
        for row in table.rows:
            cells, col = [], 0
            for cell in row:
                share = sum(widths[col : col + cell.colspan]) * 100 / total
                col += cell.colspan
                if cell.covered:
                    continue
                span = (f' colspan="{cell.colspan}"' if cell.colspan > 1 else "") + (
                    f' rowspan="{cell.rowspan}"' if cell.rowspan > 1 else ""
                )
                lines = text_lines(self._pieces(cell.body))
                inner = "<br>".join(self._runs(line) for line in lines) or "&nbsp;"
                if cell.bold:
                    inner = f"<b>{inner}</b>"
                cells.append(f'<td width="{share:.1f}%"{span}>{inner}</td>')
            rows.append(f"<tr>{''.join(cells)}</tr>")
        centred = table.centred and total < available
        align = ' align="center"' if centred else ""
        margin = "" if centred or not indent else f"margin-left: {self._chars(left)};"
        width = total * 100 / TEXT_WIDTH_TWIPS
        border = 1 if table.borders else 0
        return (
            f'<div{brk}><table border="{border}" cellspacing="0" cellpadding="{self._pad}"'
            f' width="{width:.1f}%" style="border-collapse: collapse; {margin}"{align}>'
            f"{''.join(rows)}</table></div>"
        )

    def _signature_page(self, signature: Passage) -> None:
        noted = False
        for line in text_lines(self._pieces(signature.body)):
            text = "".join(t for t, _ in line)
            if not text.strip():
                continue
            note = None if noted else signature_page_note(text)
            noted = noted or note is not None
            if note == "page":
                self.break_next = True
            sentence = note is not None or "。" in text or len(text.split()) > 8
            self._p("body" if sentence else "plain", self._runs(line))
            if note == "follows":
                self.break_next = True
        self._tables(signature.tables, 0)

    def _signatures(self) -> None:
        """One column per party, three to a row: seal, representative, date."""
        parties = self.draft.parties or [Party(role) for role in self.words.default_roles]
        self._p("plain", "&nbsp;")
        for start in range(0, len(parties), 3):
            cells = []
            for party in parties[start : start + 3]:
                seal = _esc(self.words.seal.format(role=_doc_text(party.role)))
                name = _esc(_doc_text(party.name)) if party.name.strip() else ""
                rows = [seal + name, "&nbsp;", _esc(self.words.representative), "&nbsp;",
                        _esc(self.words.date)]  # fmt: skip
                cells.append(f"<td>{'<br>'.join(rows)}</td>")
            self.out.append(
                f'<table width="100%" cellpadding="{self._pad}"><tr>{"".join(cells)}</tr></table>'
            )

    def _annex(self, annex: Passage) -> None:
        self.break_next = True
        label = self.labels.get(annex.id, "")
        if label.strip():
            self._p("annex", _esc(_doc_text(label)))
        if annex.title.strip():
            self._p("annextitle", _esc(_doc_text(annex.title.strip())))
        self._lines(annex.body, "body")
        self._tables(annex.tables, 0)
        for part in annex.parts:
            if part.title.strip():
                self._p("part", _esc(_doc_text(part.title)))
            self._lines(part.body, "body")
            for article in part.articles:
                self._node(article, 1)
        self.break_next = False  # a page break is never carried past the annex's end

    def _chars(self, hundredths: int) -> str:
        """An indent given in characters/100 (Word's unit, ``clause_indent``)."""
        return self._px(hundredths / 100 * self.typo.body_pt)

    def _px(self, points: float) -> str:
        """A horizontal length in points as Qt's rich text takes it: pixels of the device."""
        return f"{round(points * self.px_per_pt)}px"

    @staticmethod
    def _vpx(points: float) -> str:
        """A vertical margin in points as Qt's rich text takes it: pixels of a 96-dpi screen,
        which its layout scales to the device (it does not scale indents)."""
        return f"{round(points * _SCREEN_PX_PER_PT)}px"

    # -- text --------------------------------------------------------------------------------

    def _pieces(self, body: list[Segment]) -> Pieces:
        out: Pieces = []
        for seg in body:
            if isinstance(seg, str):
                out.append((_doc_text(seg), False))
            elif isinstance(seg, Blank):
                field = self.draft.fields.get(seg.field_id)
                gap = field is not None and field.unfilled()
                out.append((_doc_text(blank_shows(self.draft, seg)), gap))
            else:
                out.append((_doc_text(ref_text(seg, self.paths)), False))
        return out

    def _runs(self, pieces: Pieces) -> str:
        return "".join(self._blank(t) if gap else _esc(t) for t, gap in pieces)

    def _blank(self, text: str) -> str:
        if self.options.highlight:
            return f'<span class="gap">{_esc(text)}</span>'
        return _esc(text)


def _esc(text: str) -> str:
    return html.escape(text, quote=False)
