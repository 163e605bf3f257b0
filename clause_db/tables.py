"""Tables read from a source put on the outline node whose text holds them, and their grid.

The reader of a Word file finds the tables and where each lies in the joined text; the
segmenter knows nothing of them. :func:`attach_tables` then hangs each table on the one
piece of the outline whose text span contains it -- an article's or clause's text, the
preamble, the cover page, the signature block, an annex -- so that any container with a
``text`` piece and a ``tables`` list takes tables, whatever new kinds the outline gains.
"""

from __future__ import annotations

from bisect import bisect_right
from typing import TYPE_CHECKING

from .markdown import TABLE_ROW, TABLE_RULE
from .model import Piece, Table, TableCell

if TYPE_CHECKING:
    from collections.abc import Iterator

# Between the cells of a table row written as one line of text (Word import, library text).
CELL_SEPARATOR = " | "
# The most rows or columns one cell may span: a draft file refuses more (a merge running
# down a 10,000-row table is cut into merges of this size).
MAX_SPAN = 1000

# Document-level passages: the piece and the list that takes its tables.
_PASSAGES = (
    ("cover", "cover_tables"),
    ("preamble", "preamble_tables"),
    ("signature", "signature_tables"),
)
_CHILDREN = ("documents", "parts", "articles", "clauses", "annexes")


def attach_tables(outline: object, tables: list[Table]) -> list[Table]:
    """Put each table (in text order) on the piece of ``outline`` (an Outline, a Document or
    any node) whose text span contains it; the tables no such piece holds, or that overlap
    skipped text (a summary table, a table of contents), are returned."""
    holders = sorted(_holders(outline), key=lambda h: (h[0].span[0], h[0].span[1]))
    starts = [piece.span[0] for piece, _ in holders]
    skipped = _skipped_spans(outline)
    left: list[Table] = []
    for table in tables:
        start, end = table.span
        if any(s < end and start < e for s, e in skipped):
            left.append(table)
            continue
        i = bisect_right(starts, start) - 1
        while i >= 0:
            (s, e), into = holders[i][0].span, holders[i][1]
            if s <= start and end <= e:
                into.append(table)
                break
            if e < start:
                i = -1
            i -= 1
        if i < 0:
            left.append(table)
    return left


def _skipped_spans(outline: object) -> list[tuple[int, int]]:
    own = [s.span for s in getattr(outline, "skipped", ())]
    return own + [s for d in getattr(outline, "documents", ()) for s in _skipped_spans(d)]


def _holders(node: object) -> Iterator[tuple[Piece, list[Table]]]:
    """(text piece, its tables list) of ``node`` and of everything under it."""
    for piece_name, tables_name in _PASSAGES:
        piece, tables = getattr(node, piece_name, None), getattr(node, tables_name, None)
        if isinstance(piece, Piece) and isinstance(tables, list):
            yield piece, tables
    piece, tables = getattr(node, "text", None), getattr(node, "tables", None)
    if isinstance(piece, Piece) and isinstance(tables, list):
        yield piece, tables
    for name in _CHILDREN:
        for child in getattr(node, name, ()):
            yield from _holders(child)


def pipe_tables(text: str) -> list[Table]:
    """The Markdown pipe tables of ``text`` (a row, a rule ``|---|---|``, rows), in order;
    each cell's span is its text without the spaces around it. Drawn with lines and a bold
    first row, as Markdown renders them."""
    lines, pos = [], 0
    for line in text.split("\n"):
        lines.append((pos, pos + len(line)))
        pos += len(line) + 1
    out: list[Table] = []
    i = 0
    while i + 1 < len(lines):
        s, e = lines[i]
        if not (TABLE_ROW.fullmatch(text, s, e) and TABLE_RULE.fullmatch(text, *lines[i + 1])):
            i += 1
            continue
        rows = [_pipe_cells(text, s, e)]
        i += 2
        while i < len(lines) and TABLE_ROW.fullmatch(text, *lines[i]):
            rows.append(_pipe_cells(text, *lines[i]))
            i += 1
        for cell in rows[0]:  # the row above the rule is a header: Markdown shows it bold
            cell.bold = True
        out.append(Table((s, lines[i - 1][1]), rows, borders=True))
    return out


def _pipe_cells(text: str, start: int, end: int) -> list[TableCell]:
    """The cells between the pipes of one row (``\\|`` is a pipe inside a cell)."""
    pipes = [i for i in range(start, end) if text[i] == "|" and text[i - 1 : i] != "\\"]
    cells = []
    for a, b in zip(pipes, pipes[1:], strict=False):
        raw = text[a + 1 : b]
        lead = len(raw) - len(raw.lstrip())
        value = raw.strip()
        span = (a + 1 + lead, a + 1 + lead + len(value))
        cells.append(TableCell(value.replace("\\|", "|"), span))
    return cells


def grid_rows(table: Table) -> list[list[TableCell | int]]:
    """The rows with the places a cell above covers (its ``rowspan``) filled in: each row
    holds a cell, or the colspan (an int) of a covered place, for every grid place, so
    (row, column) addresses are the same in every row."""
    covering: dict[int, list[int]] = {}  # grid column -> [rows still covered, colspan]
    out: list[list[TableCell | int]] = []
    for row in table.rows:
        places: list[TableCell | int] = []
        col = 0
        cells = iter(row)
        cell = next(cells, None)
        while cell is not None or any(c >= col for c in covering):
            held = covering.get(col)
            if held is not None:
                places.append(held[1])
                held[0] -= 1
                if not held[0]:
                    del covering[col]
                col += held[1]
                continue
            if cell is None:  # only covered places remain further right
                col = min(c for c in covering if c >= col)
                continue
            places.append(cell)
            if cell.rowspan > 1:
                covering[col] = [cell.rowspan - 1, cell.colspan]
            col += cell.colspan
            cell = next(cells, None)
        out.append(places)
    return out
