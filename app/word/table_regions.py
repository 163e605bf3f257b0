"""A Word table as a table of the outline: its cells' places in the joined text, merges, lines.

:mod:`app.word.body` writes a table row as one line of text (cells joined by " | "); this
module records, while it does, where each cell's text lies in the joined text, which cells
span columns (``w:gridSpan``) or rows (``w:vMerge``), and whether the table is drawn with
lines (``w:tblBorders`` on the table, in its table style or the document's default table
style, or on its cells), and how it is laid out: its grid columns' widths, which cells are
bold (every run with text in them carries ``w:b``) and whether it is centred.
An empty cell gets an empty span where it stands; a row with no text (no line) takes the
place just after the table's text so far, or, before any, the
start of the line that comes next -- where its node's text goes on.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from app.word.xml import W, attr, int_attr, is_on
from clause_db.model import Table, TableCell
from clause_db.tables import MAX_SPAN

if TYPE_CHECKING:
    from lxml import etree

_SIDES = ("top", "left", "start", "bottom", "right", "end", "insideH", "insideV")
_NO_LINE = (None, "nil", "none")
_MAX_STYLE_LINKS = 20
_MAX_WIDTH = 31680  # 22 inches, Word's widest page: wider is a damaged value


class TableBorders:
    """Whether a table is drawn with lines, from its own properties or its style's."""

    def __init__(self, styles: etree._Element | None) -> None:
        self._styles: dict[str | None, etree._Element] = {}
        self._default: str | None = None
        for style in styles.iterfind(f"{W}style") if styles is not None else ():
            if attr(style, "type") == "table":
                self._styles[attr(style, "styleId")] = style
                if attr(style, "default") in ("1", "true", "on"):
                    self._default = attr(style, "styleId")

    def drawn(self, tbl: etree._Element) -> bool:
        sides: dict[str, str | None] = {}
        _add_sides(sides, tbl.find(f"{W}tblPr/{W}tblBorders"))
        style = attr(tbl.find(f"{W}tblPr/{W}tblStyle"), "val") or self._default
        seen: set[str | None] = set()
        while style in self._styles and style not in seen and len(seen) < _MAX_STYLE_LINKS:
            seen.add(style)
            _add_sides(sides, self._styles[style].find(f"{W}tblPr/{W}tblBorders"))
            style = attr(self._styles[style].find(f"{W}basedOn"), "val")
        if any(value not in _NO_LINE for value in sides.values()):
            return True
        # lines drawn cell by cell (WPS writes them so)
        return any(_has_line(b) for b in tbl.iter(f"{W}tcBorders"))


def _add_sides(sides: dict[str, str | None], borders: etree._Element | None) -> None:
    """The sides ``borders`` sets that are not set yet (nearer settings win)."""
    if borders is None:
        return
    for side in _SIDES:
        el = borders.find(f"{W}{side}")
        if el is not None and side not in sides:
            sides[side] = attr(el, "val")


def _has_line(borders: etree._Element) -> bool:
    return any(attr(el, "val") not in _NO_LINE for el in borders)


def clamp_to(table: Table, end: int) -> None:
    """Move a table that has no text (so only empty spans) to ``end``."""
    table.span = (end, end)
    for row in table.rows:
        for cell in row:
            cell.span = (end, end)


class TableRegion:
    """One table being read, row by row, into an outline :class:`Table`."""

    def __init__(self, tbl: etree._Element, borders: bool, separator: str) -> None:
        self._rows: list[list[TableCell]] = []
        self._borders = borders
        self._widths = grid_widths(tbl)
        self._centred = attr(tbl.find(f"{W}tblPr/{W}jc"), "val") == "center"
        self._separator = separator
        self._start: int | None = None
        self._end: int | None = None
        self._merging: dict[int, TableCell] = {}  # grid column -> the cell a vMerge continues

    def row(self, tr: etree._Element, cells: list[tuple[str, etree._Element]],
            line_start: int | None, anchor: int) -> None:  # fmt: skip
        """Add a row: its cells' texts and elements; where its line starts (None: it has no
        line); ``anchor``, where the text read so far ends."""
        if line_start is not None:
            self._start = line_start if self._start is None else self._start
        if line_start is not None:
            cursor = line_start
        else:
            cursor = anchor if self._end is None else self._end
        written = False
        col = int_attr(tr.find(f"{W}trPr/{W}gridBefore"), "val") or 0
        out: list[TableCell] = []
        for text, tc in cells:
            if text:
                cursor += len(self._separator) if written else 0
                span = (cursor, cursor + len(text))
                cursor, written = span[1], True
            else:
                span = (cursor, cursor)
            colspan = min(max(int_attr(tc.find(f"{W}tcPr/{W}gridSpan"), "val") or 1, 1), MAX_SPAN)
            merge = tc.find(f"{W}tcPr/{W}vMerge")
            above = self._merging.get(col)
            if (
                merge is not None
                and attr(merge, "val") in (None, "continue")
                and not text.strip()
                and above is not None
                and above.colspan == colspan
                and above.rowspan < MAX_SPAN
            ):
                above.rowspan += 1
            else:
                cell = TableCell(text.strip(), span, colspan, bold=_all_bold(tc))
                out.append(cell)
                if merge is not None and attr(merge, "val") == "restart":
                    self._merging[col] = cell
                else:
                    self._merging.pop(col, None)
            col += colspan
        if line_start is not None:
            self._end = cursor
        self._rows.append(out)

    def table(self, anchor: int) -> Table | None:
        """The table read, None for one without rows; ``anchor`` places a table without text."""
        if not self._rows:
            return None
        start = anchor if self._start is None else self._start
        end = anchor if self._end is None else self._end
        table = Table((start, end), self._rows, self._borders, self._widths)
        table.centred = self._centred
        return table


def grid_widths(tbl: etree._Element) -> list[int]:
    """The widths (twips) of the table's grid columns: ``w:tblGrid``, or, where it is missing
    or holds zeros, the first row's cell widths (``w:tcW`` in twips) shared among the columns
    each spans; empty when neither says (a table Word lays out from its content)."""
    widths = [int_attr(col, "w") or 0 for col in tbl.iterfind(f"{W}tblGrid/{W}gridCol")]
    if widths and all(0 < w <= _MAX_WIDTH for w in widths):
        return widths
    widths = []
    first = tbl.find(f"{W}tr")
    for tc in first.iterfind(f"{W}tc") if first is not None else ():
        tc_w = tc.find(f"{W}tcPr/{W}tcW")
        width = int_attr(tc_w, "w") or 0
        if attr(tc_w, "type") not in (None, "dxa") or not 0 < width <= _MAX_WIDTH:
            return []
        span = min(max(int_attr(tc.find(f"{W}tcPr/{W}gridSpan"), "val") or 1, 1), MAX_SPAN)
        widths += [max(width // span, 1)] * span
    return widths


def _all_bold(tc: etree._Element) -> bool:
    """Every run with text in the cell is bold by its own properties (and there is one)."""
    runs = [r for r in tc.iter(f"{W}r") if "".join(r.itertext()).strip()]
    return bool(runs) and all(is_on(r.find(f"{W}rPr/{W}b")) for r in runs)
