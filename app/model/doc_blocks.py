"""The draft as the centre shows it: a flat list of blocks, in reading order.

One block per paragraph the Word export prints (the source's cover page, title, parties,
preamble, part titles and texts, headings and texts of articles and clauses, the signature
block -- the source's own when the draft has one, else one made from the parties -- and the
annexes after it), one per table cell (row by row) and one for the text after each table,
plus the empty places a lawyer types into (an empty title, preamble or article text).
Labels (第一条, 1.1, 甲方：, 附件1) are computed here and painted by the view before the
text, never stored in it.

Offsets in a block count characters of ``block_text``: a Blank or a Ref is one character.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from .draft import Party, plain
from .importer import parties_named_in
from .numbering import labels, number_paths
from .printed import WORDS, draft_language, label_style

if TYPE_CHECKING:
    from collections.abc import Iterable

    from .draft import Cell, Draft, Node, Part, Passage, Segment, Table

OBJECT = "\ufffc"  # a Blank or a Ref in a block's text: one character, as in the QTextDocument

KINDS = (
    "title",
    "party_name",
    "party_address",
    "preamble",
    "part_title",
    "part_body",
    "heading",
    "body",
    "signature",
    "cover",
    "signed",
    "annex_title",
    "annex_body",
    "cell",
    "cell_pad",
    "table_after",
)
PASSAGE_KINDS = ("cover", "signed", "annex_body")  # a passage's text (owner: the passage id)
TABLE_KINDS = ("cell", "table_after")  # owner: the table id; a cell's index in reading order
GRID_KINDS = ("cell", "cell_pad")  # the blocks of a table's grid, one per GridCell


@dataclass(frozen=True)
class BlockRef:
    """Which text of the draft a block shows; stable across renumbering and moves."""

    kind: str
    owner: int  # node id (heading/body), part id (part_*), party index (party_*, signature),
    # passage id (cover, signed, annex_*), table id (cell, table_after)
    index: int = 0  # a cell: its place among the table's cells, row by row


@dataclass
class Block:
    ref: BlockRef
    segments: list[Segment]  # str | Blank | Ref; a "\n" inside a str is a line break
    label: str  # painted before the text, never part of it
    level: int  # nesting depth for the indent: article 0, clause 1, ...
    editable: bool = True  # the signature block is generated from the parties
    table: Table | None = None  # a cell's table (the view lays its cells out as a grid)
    proposed: str | None = None  # "ins"/"del": of a whole node the other side proposed

    @property
    def text(self) -> str:
        return block_text(self.segments)


def block_text(segments: Iterable[Segment]) -> str:
    """The block's characters: strings as they are, each Blank or Ref as one U+FFFC."""
    return "".join(s if isinstance(s, str) else OBJECT for s in segments)


def text_segments(text: str) -> list[Segment]:
    """A one-string text as segments: none when empty."""
    return [text] if text else []


def names_parties(preamble: list[Segment]) -> bool:
    """Whether the preamble names the parties itself (then the export prints no 甲方：… lines)."""
    return bool(parties_named_in(plain(preamble)))


def has_heading_block(node: Node, depth: int) -> bool:
    """An article always shows its heading line (the place for its title); a clause only when
    it has a heading."""
    return depth == 1 or bool(node.heading)


def has_body_block(node: Node, depth: int) -> bool:
    """A text line when there is text, when there is no heading line to carry the number, or
    when the node has no clauses (the place to type its text)."""
    return bool(node.body) or not has_heading_block(node, depth) or not node.children


def signature_parties(draft: Draft, language: str) -> list[Party]:
    """The parties the signature block has a column for (甲方/乙方 when none are named)."""
    return draft.parties or [Party(role) for role in WORDS[language].default_roles]


def blocks(draft: Draft) -> list[Block]:
    """Every block of the draft in reading order, labels in the style the export prints."""
    language = draft_language(draft)
    words = WORDS[language]
    style = label_style(draft, language)
    paths = number_paths(draft)
    numbers = labels(draft, style, paths)
    out: list[Block] = []
    if draft.cover is not None:
        _passage_blocks(draft.cover, "cover", numbers, out)
    out.append(Block(BlockRef("title", 0), text_segments(draft.title), "", 0))
    if not names_parties(draft.preamble):
        for i, party in enumerate(draft.parties):
            role = party.role
            out.append(
                Block(
                    BlockRef("party_name", i),
                    text_segments(party.name),
                    words.party.format(role=role),
                    0,
                )
            )
            out.append(
                Block(BlockRef("party_address", i), text_segments(party.address), words.address, 0)
            )
    out.append(Block(BlockRef("preamble", 0), list(draft.preamble), "", 0))
    for table in draft.preamble_tables:  # the parties' details laid out in cells
        _table_blocks(table, 0, out)
    _part_blocks(draft.parts, numbers, out)
    if draft.signature is not None:
        _passage_blocks(draft.signature, "signed", numbers, out)
    else:
        for i, party in enumerate(signature_parties(draft, language)):
            lines = [
                words.seal.format(role=party.role) + party.name,
                "",
                words.representative,
                "",
                words.date,
            ]
            out.append(Block(BlockRef("signature", i), ["\n".join(lines)], "", 0, editable=False))
    for annex in draft.annexes:
        number = numbers.get(annex.id, annex.label)  # its place in the sequence: 附件2
        out.append(Block(BlockRef("annex_title", annex.id), text_segments(annex.title), number, 0))
        _passage_blocks(annex, "annex_body", numbers, out)
    return out


def has_passage_body(passage: Passage, kind: str) -> bool:
    """A passage shows its text when it has some, or when nothing else of it would show
    (an annex with only a title: the place to type its text)."""
    return bool(passage.body) or kind != "annex_body" or not (passage.tables or passage.parts)


def _passage_blocks(passage: Passage, kind: str, numbers: dict[int, str], out: list[Block]) -> None:
    if has_passage_body(passage, kind):
        out.append(Block(BlockRef(kind, passage.id), list(passage.body), "", 0))
    for table in passage.tables:
        _table_blocks(table, 0, out)
    _part_blocks(passage.parts, numbers, out)  # in the annex's style (``labels``)


def _part_blocks(parts: list[Part], numbers: dict[int, str], out: list[Block]) -> None:
    """Parts' titles (each, when there are several or it has one), texts and articles."""
    many_parts = len(parts) > 1
    for part in parts:
        if many_parts or part.title:
            out.append(Block(BlockRef("part_title", part.id), text_segments(part.title), "", 0))
        if part.body:
            out.append(Block(BlockRef("part_body", part.id), list(part.body), "", 0))
        for article in part.articles:
            _node_blocks(article, 1, numbers, out)


def table_cells(table: Table) -> list[tuple[int, int, Cell]]:
    """The cells a lawyer types into, row by row, with their (row, grid column); cells
    covered by the one above are not places of their own."""
    out = []
    for r, row in enumerate(table.rows):
        column = 0
        for cell in row:
            if not cell.covered:
                out.append((r, column, cell))
            column += max(cell.colspan, 1)
    return out


def table_columns(table: Table) -> int:
    """The grid's width: the widest row, a merged cell counting its columns."""
    return max((sum(max(c.colspan, 1) for c in row) for row in table.rows), default=0)


@dataclass(frozen=True)
class GridCell:
    """A rectangle of the table's grid that is one cell on the page: a cell of the draft
    (``index`` among ``table_cells``) or a place it has no cell for (None: the end of a
    short row, a covered cell with no cell above to belong to)."""

    row: int
    column: int
    rowspan: int
    colspan: int
    index: int | None


def table_grid(table: Table) -> list[GridCell]:
    """The table's grid as disjoint rectangles covering it, row by row: each cell of the
    draft spans its columns and the covered cells under it (of the same width); what is
    left of a row is one place of its own. The centre lays the table out exactly so, one
    block per rectangle, whatever the source's rows look like."""
    columns = table_columns(table)
    covered: dict[tuple[int, int], int] = {}  # (row, column) of a covered cell -> its width
    for r, row in enumerate(table.rows):
        column = 0
        for cell in row:
            if cell.covered:
                covered[(r, column)] = max(cell.colspan, 1)
            column += max(cell.colspan, 1)
    out: list[GridCell] = []
    taken: set[tuple[int, int]] = set()
    for index, (r, c, cell) in enumerate(table_cells(table)):
        width = max(cell.colspan, 1)
        height = 1
        while covered.get((r + height, c)) == width:
            covered.pop((r + height, c))
            height += 1
        out.append(GridCell(r, c, height, width, index))
        taken.update((r + y, c + x) for y in range(height) for x in range(width))
    for r in range(len(table.rows)):
        c = 0
        while c < columns:
            if (r, c) in taken:
                c += 1
                continue
            width = covered.get((r, c)) or 1
            end = c + width
            if (r, c) not in covered:  # the end of a short row: one place to its last column
                end = next((x for x in range(c, columns) if (r, x) in taken), columns)
            end = min(end, columns)
            out.append(GridCell(r, c, 1, end - c, None))
            taken.update((r, x) for x in range(c, end))
            c = end
    return sorted(out, key=lambda g: (g.row, g.column))


def _table_blocks(table: Table, level: int, out: list[Block]) -> None:
    if not table.rows or not table_columns(table):
        return
    cells = table_cells(table)
    pads = 0
    for place in table_grid(table):
        if place.index is None:  # no cell of the draft: shown empty, not typed into
            ref = BlockRef("cell_pad", table.id, pads)
            out.append(Block(ref, [], "", level, editable=False, table=table))
            pads += 1
            continue
        body = list(cells[place.index][2].body)
        out.append(Block(BlockRef("cell", table.id, place.index), body, "", level, table=table))
    out.append(Block(BlockRef("table_after", table.id), list(table.after), "", level))


def _node_blocks(
    node: Node, depth: int, numbers: dict[int, str], out: list[Block], proposed: str | None = None
) -> None:
    """The node's blocks and its children's; ``proposed``: the kind of the whole node the
    other side proposed that holds it."""
    number = numbers[node.id]
    heading = has_heading_block(node, depth)
    proposed = node.proposed.kind if node.proposed is not None else proposed
    start = len(out)
    if heading:
        out.append(
            Block(BlockRef("heading", node.id), text_segments(node.heading), number, depth - 1)
        )
    if has_body_block(node, depth):
        out.append(
            Block(BlockRef("body", node.id), list(node.body), "" if heading else number, depth - 1)
        )
    for table in node.tables:
        _table_blocks(table, depth - 1, out)
    for block in out[start:]:
        block.proposed = proposed
    for child in node.children:
        _node_blocks(child, depth + 1, numbers, out, proposed)
