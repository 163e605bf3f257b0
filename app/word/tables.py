"""A draft table -> a Word table (``w:tbl``): merged cells, lines as the source had them.

Built as WordprocessingML directly rather than with python-docx's ``add_table`` and
``merge``, which look up the grid for every cell (minutes for a 10,000-row table). Each cell
holds one paragraph per line of its text, in the caller's paragraph style (so East Asian
fonts come with it) set solid, written by the caller's ``runs`` (so values, references and
the highlighting of unfilled blanks are those of the body). A place a vertical merge covers is
a ``w:vMerge`` continuation; a row shorter than the widest stays short, as in the source
(Word draws it with a ragged edge).

Laid out as the source was: its columns' widths (narrowed in proportion when the export's
text is narrower), its bold cells, centred or else at the left indent of the text it
follows. A table made without widths gets columns in proportion to their text, not equal
ones: a narrow 序号 column beside a wide 内容 column.
"""

from __future__ import annotations

import unicodedata
from typing import TYPE_CHECKING

from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.text.paragraph import Paragraph

from app.word import ooxml

if TYPE_CHECKING:
    from collections.abc import Callable

    from docx.styles.style import ParagraphStyle
    from lxml import etree

    from app.model.draft import Cell, Segment, Table

# (text, is an unfilled blank) pieces of a text, as the export renders them
Pieces = list[tuple[str, bool]]
_SIDES = ("top", "left", "bottom", "right", "insideH", "insideV")
TEXT_WIDTH_TWIPS = 8300  # A4 with the export's margins: about 14.6 cm
# A column's share by its text: its longest line, in half-width characters, within these.
_NARROWEST, _WIDEST = 4, 60


def text_lines(pieces: Pieces) -> list[Pieces]:
    """The pieces of a text cut at its line breaks (a blank never holds one)."""
    lines: list[Pieces] = [[]]
    for text, is_blank in pieces:
        first, *rest = text.split("\n") if not is_blank else [text]
        lines[-1].append((first, is_blank))
        lines.extend([(line, False)] for line in rest)
    return lines


def write_table(
    end: ooxml.BodyEnd,
    table: Table,
    style: ParagraphStyle,
    pieces: Callable[[list[Segment]], Pieces],
    runs: Callable[[Paragraph, Pieces], None],
    indent: int = 0,
) -> None:
    """Add ``table`` at the end of the document body, ``indent`` twips in (where the text it
    follows stands) unless it is centred; its text after it is the caller's."""
    columns = max((sum(c.colspan for c in row) for row in table.rows), default=0)
    if not columns:
        return  # a table without cells: Word would refuse the file
    indent = min(max(indent, 0), TEXT_WIDTH_TWIPS // 2)
    widths = column_widths(table, columns, TEXT_WIDTH_TWIPS - indent, pieces)
    # centred only where that shows: a table as wide as the text stands at the indent
    centred = table.centred and sum(widths) < TEXT_WIDTH_TWIPS - indent
    tbl = OxmlElement("w:tbl")
    tbl.append(_table_properties(table, sum(widths), 0 if centred else indent, centred))
    grid = OxmlElement("w:tblGrid")
    for width in widths:
        col = OxmlElement("w:gridCol")
        col.set(qn("w:w"), str(width))
        grid.append(col)
    tbl.append(grid)
    for row in table.rows:
        if not row:
            continue  # Word refuses a row without cells
        tr = OxmlElement("w:tr")
        tbl.append(tr)
        col = 0
        for cell in row:
            width = sum(widths[col : col + cell.colspan]) or widths[-1]
            tr.append(_cell(cell, width, style, pieces, runs, end.story))
            col += cell.colspan
    end.block(tbl)


def column_widths(
    table: Table, columns: int, available: int, pieces: Callable[[list[Segment]], Pieces]
) -> list[int]:
    """The widths (twips) of the table's ``columns`` grid columns within ``available``: the
    source's (narrowed in proportion when wider), else shares by the columns' text."""
    if len(table.widths) == columns:
        shares = table.widths
        if sum(shares) <= available:
            return list(shares)
    else:
        shares = [_NARROWEST] * columns
        for row in table.rows:
            col = 0
            for cell in row:
                if cell.colspan == 1 and not cell.covered and col < columns:
                    text = "".join(t for t, _ in pieces(cell.body))
                    longest = max(map(_display_width, text.split("\n")))
                    shares[col] = max(shares[col], min(longest, _WIDEST))
                col += cell.colspan
    total = sum(shares)
    widths = [max(available * share // total, 1) for share in shares]
    widths[-1] += max(available - sum(widths), 0)  # what rounding left over: the text's width
    return widths


def _display_width(text: str) -> int:
    """Width in half-width characters: a Chinese character takes two."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _table_properties(table: Table, width: int, indent: int, centred: bool) -> etree._Element:
    """``w:tblPr`` in schema order: width, centred or indented, lines, a fixed layout."""
    pr = OxmlElement("w:tblPr")
    pr.append(_measure("w:tblW", width))
    if centred:
        jc = OxmlElement("w:jc")
        jc.set(qn("w:val"), "center")
        pr.append(jc)
    elif indent:
        pr.append(_measure("w:tblInd", indent))
    lines = OxmlElement("w:tblBorders")
    for side in _SIDES:
        el = OxmlElement(f"w:{side}")
        el.set(qn("w:val"), "single" if table.borders else "nil")
        if table.borders:
            el.set(qn("w:sz"), "4")
            el.set(qn("w:space"), "0")
            el.set(qn("w:color"), "auto")
        lines.append(el)
    pr.append(lines)
    layout = OxmlElement("w:tblLayout")  # the widths as given, not Word's guess from the text
    layout.set(qn("w:type"), "fixed")
    pr.append(layout)
    return pr


def _measure(tag: str, twips: int) -> etree._Element:
    el = OxmlElement(tag)
    el.set(qn("w:w"), str(twips))
    el.set(qn("w:type"), "dxa")
    return el


def _cell(cell: Cell, width: int, style: ParagraphStyle,
          pieces: Callable[[list[Segment]], Pieces], runs: Callable[[Paragraph, Pieces], None],
          story: object) -> etree._Element:  # fmt: skip
    tc = OxmlElement("w:tc")
    pr = OxmlElement("w:tcPr")
    pr.append(_measure("w:tcW", width))
    if cell.colspan > 1:
        span = OxmlElement("w:gridSpan")
        span.set(qn("w:val"), str(cell.colspan))
        pr.append(span)
    if cell.covered or cell.rowspan > 1:
        merge = OxmlElement("w:vMerge")
        if not cell.covered:
            merge.set(qn("w:val"), "restart")
        pr.append(merge)
    tc.append(pr)
    lines = [[]] if cell.covered else text_lines(pieces(cell.body))
    for line in lines:
        p = OxmlElement("w:p")
        tc.append(p)
        paragraph = Paragraph(p, story)
        ooxml.set_style(paragraph, style)
        p.get_or_add_pPr().append(spacing(0, 240, "auto"))
        runs(paragraph, line)
        for run in paragraph.runs if cell.bold else ():
            run.bold = True
    return tc


def spacing(after: int, line: int, rule: str) -> etree._Element:
    """A paragraph's ``w:spacing``: nothing before, ``after`` and ``line`` in twips (or 240ths
    of a line, ``rule`` "auto"). Cells are set solid, as Word's own table styles do: single
    lines, no space after."""
    out = OxmlElement("w:spacing")
    for name, value in (("before", 0), ("after", after), ("line", line), ("lineRule", rule)):
        out.set(qn(f"w:{name}"), str(value))
    return out
