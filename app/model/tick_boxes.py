"""Tick boxes down a table column are offered together, like boxes on one line.

Entering a text groups the boxes it can see (``clause_db.placeholders``: a line, a run of
lines); a table cell is a text of its own, so a column of rows ``数据 | ☐持有权``,
``数据 | ☐使用权`` would give a group per row. Once an import has built its tables, the
boxes that open the cells of consecutive rows in one column join one group.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .draft import Blank, Draft, Table

if TYPE_CHECKING:
    from collections.abc import Iterator

    from .draft import Cell


def group_table_boxes(draft: Draft) -> None:
    """Join the groups of boxes that open the cells of consecutive rows in one column."""
    for table in _tables(draft):
        width = max((len(row) for row in table.rows), default=0)
        for col in range(width):
            run: int | None = None  # the group of the column's run of boxes so far
            for row in table.rows:
                group = _opening_group(draft, row[col]) if col < len(row) else None
                if group is None:
                    run = None
                elif run is None:
                    run = group
                elif group != run:
                    for f in draft.fields.values():
                        if f.group == group:
                            f.group = run


def _opening_group(draft: Draft, cell: Cell) -> int | None:
    """The group of the tick box a cell opens with (☐持有权), None when it opens otherwise."""
    for seg in cell.body:
        if isinstance(seg, str) and not seg.strip():
            continue
        field = draft.fields.get(seg.field_id) if isinstance(seg, Blank) else None
        return field.group if field is not None and field.kind == "checkbox" else None
    return None


def _tables(draft: Draft) -> Iterator[Table]:
    """Every table of the draft: the preamble's (the parties' details), the passages', the
    nodes' of the body and of the annexes."""
    yield from draft.preamble_tables
    for passage in (draft.cover, draft.signature, *draft.annexes):
        if passage is not None:
            yield from passage.tables
    for part in draft.all_parts():
        for article in part.articles:
            for node in article.walk():
                yield from node.tables
