"""A draft table -> a Word table (``w:tbl``): merged cells, lines as the source had them.

Built as WordprocessingML directly rather than with python-docx's ``add_table`` and
``merge``, which look up the grid for every cell (minutes for a 10,000-row table). Each cell
holds one paragraph per line of its text, in the caller's paragraph style (so East Asian
fonts come with it) set solid, written by the caller's ``runs`` (so values, references and
the highlighting of unfilled blanks are those of the body). A place a vertical merge covers is
a ``w:vMerge`` continuation; a row shorter than the widest stays short, as in the source
(Word draws it with a ragged edge).
"""

from __future__ import annotations

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
_TEXT_WIDTH_TWIPS = 8300  # A4 with the export's margins: about 14.6 cm


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
) -> None:
    """Add ``table`` at the end of the document body; its text after it is the caller's."""
    columns = max((sum(c.colspan for c in row) for row in table.rows), default=0)
    if not columns:
        return  # a table without cells: Word would refuse the file
    tbl = OxmlElement("w:tbl")
    tbl.append(_table_properties(table.borders))
    grid = OxmlElement("w:tblGrid")
    width = max(_TEXT_WIDTH_TWIPS // columns, 1)
    for _ in range(columns):
        col = OxmlElement("w:gridCol")
        col.set(qn("w:w"), str(width))
        grid.append(col)
    tbl.append(grid)
    for row in filter(None, table.rows):  # Word refuses a row without cells
        tr = OxmlElement("w:tr")
        tbl.append(tr)
        for cell in row:
            tr.append(_cell(cell, width, style, pieces, runs, end.story))
    end.block(tbl)


def _table_properties(borders: bool) -> etree._Element:
    pr = OxmlElement("w:tblPr")
    tbl_w = OxmlElement("w:tblW")
    tbl_w.set(qn("w:w"), "5000")
    tbl_w.set(qn("w:type"), "pct")
    pr.append(tbl_w)
    lines = OxmlElement("w:tblBorders")
    for side in _SIDES:
        el = OxmlElement(f"w:{side}")
        el.set(qn("w:val"), "single" if borders else "nil")
        if borders:
            el.set(qn("w:sz"), "4")
            el.set(qn("w:space"), "0")
            el.set(qn("w:color"), "auto")
        lines.append(el)
    pr.append(lines)
    return pr


def _cell(cell: Cell, width: int, style: ParagraphStyle,
          pieces: Callable[[list[Segment]], Pieces], runs: Callable[[Paragraph, Pieces], None],
          story: object) -> etree._Element:  # fmt: skip
    tc = OxmlElement("w:tc")
    pr = OxmlElement("w:tcPr")
    tc_w = OxmlElement("w:tcW")
    tc_w.set(qn("w:w"), str(width * cell.colspan))
    tc_w.set(qn("w:type"), "dxa")
    pr.append(tc_w)
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
        p.get_or_add_pPr().append(_single_spacing())
        runs(paragraph, line)
    return tc


def _single_spacing() -> etree._Element:
    """Cells set solid, as Word's own table styles do: single lines, no space after."""
    spacing = OxmlElement("w:spacing")
    for name, value in (("before", "0"), ("after", "0"), ("line", "240"), ("lineRule", "auto")):
        spacing.set(qn(f"w:{name}"), value)
    return spacing
