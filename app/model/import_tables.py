"""Tables of an outline node -> draft tables: the node's text is cut where its tables stand.

The outline keeps a table's rows in its node's text (the pieces tile the source) and the
cells as a finer view; the draft holds the text before the first table as the node's body,
each table as a :class:`~app.model.draft.Table` of cells, and the text after a table as its
``after``. Cells enter the draft like any text (``enter``: the importer's own placeholder ->
field and reference binding), read with the cell to their left -- or the column's first
cell -- as their heading, so ``接收方名称 | ____`` labels its blank 接收方名称. Used for
articles, clauses, the preamble, and the cover, signature and annex passages alike.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from clause_db.tables import grid_rows

from .draft import Cell, Draft, Segment, Table

if TYPE_CHECKING:
    from clause_db.model import Piece, TableCell
    from clause_db.model import Table as OutlineTable

# Enters a text (with the heading its blanks are labelled by) into the draft: its segments.
Enter = Callable[[str, str], list[Segment]]


def body_and_tables(
    draft: Draft, source: str, piece: Piece, tables: list[OutlineTable], enter: Enter,
    heading: str = "",
) -> tuple[list[Segment], list[Table]]:  # fmt: skip
    """The body of the node whose text is ``piece`` (spans into ``source``) and its tables."""
    if not tables:
        return enter(piece.value, heading), []
    tables = sorted(tables, key=lambda t: t.span)
    ends = [t.span[0] for t in tables[1:]] + [piece.span[1]]
    body = enter(source[piece.span[0] : tables[0].span[0]].strip(), heading)
    out = []
    for table, end in zip(tables, ends, strict=True):
        drafted = draft_table(draft, table, enter)
        drafted.after = enter(source[table.span[1] : max(end, table.span[1])].strip(), "")
        out.append(drafted)
    return body, out


def draft_table(draft: Draft, table: OutlineTable, enter: Enter) -> Table:
    """A draft table (new ids) of an outline table; places under a merge become covered."""
    drafted = Table(draft.new_id(), borders=table.borders, widths=list(table.widths),
                    centred=table.centred)  # fmt: skip
    header: dict[int, str] = {}
    for r, places in enumerate(grid_rows(table)):
        row: list[Cell] = []
        col, left = 0, ""
        for place in places:
            if isinstance(place, int):
                row.append(Cell(colspan=place, covered=True))
                col += place
                continue
            cell: TableCell = place
            context = left or (header.get(col, "") if r else "")
            row.append(Cell(enter(cell.text, context), cell.colspan, cell.rowspan, bold=cell.bold))
            if not r:
                header[col] = cell.text
            left = cell.text
            col += cell.colspan
        drafted.rows.append(row)
    return drafted
