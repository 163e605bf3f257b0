"""A lawyer's draft: parts of articles of nested clauses, with fields and live references.

Articles and clauses are the same kind of ``Node``: a node directly under a part is an
article, a node under a node is a clause, so promoting a clause to an article is a move.
A node's text is a list of segments: plain strings, ``Blank``s (one occurrence of a field)
and ``Ref``s (a cross-reference bound to another node by id). Numbers are never stored in
the text: labels are computed from the structure (see ``numbering``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Iterator

MAX_START = 99_999  # a part's first article number (the longest code has ~1,300 articles)
NUMBERING_STYLES = (
    "chinese",
    "chinese_list",
    "chinese_items",
    "chinese_law",
    "chinese_paren",
    "english",
    "english_roman",
    "english_sections",
    "decimal",
    "decimal_alpha",
)


@dataclass
class Blank:
    """One occurrence of a field in the text; ``blank`` is how it was written (____, 【】)."""

    field_id: int
    blank: str


@dataclass
class Ref:
    """A cross-reference to node ``target``, written in ``form`` (cn_article, en_section…).

    ``last`` is the text it showed when its target was deleted: a dangling reference keeps
    it rather than being rewritten to a wrong number.
    """

    target: int
    form: str
    last: str


@dataclass(eq=False)
class Proposal:
    """The other side's tracked change, kept where they made it until the lawyer decides.

    ``kind`` "ins": ``text`` they inserted (accepting keeps it as text); "del": text they
    deleted (rejecting puts it back). Like a Blank it is one object in the text: it is
    accepted or rejected whole, never silently. Compared by identity: two equal changes at
    two places are two proposals.
    """

    kind: str  # ins | del
    text: str
    author: str = ""
    date: str = ""  # as Word wrote it (ISO 8601)


@dataclass
class Comment:
    """A comment the other side left on the text (Word's comments.xml): who, when, what, and
    the text it was on (``quote``) in the node (or passage, part: ``owner``; 0 the preamble)."""

    author: str
    date: str
    text: str
    quote: str = ""
    owner: int = 0


Segment = str | Blank | Ref | Proposal


@dataclass
class Provenance:
    """Where a node came from: the library row (or file) and its text as taken."""

    source: str  # the library source title or the imported file name
    written_label: str  # the number as written there: 第八条, 1.1
    taken_heading: str
    taken_text: str
    library_article_id: int | None = None
    library_clause_id: int | None = None


@dataclass
class Cell:
    """One cell of a table: text with blanks like any body; merged cells span columns/rows.

    A cell covered by a vertical merge is kept (empty, ``covered``) so every row has the
    same number of grid places and (row, column) addresses stay stable while editing.
    """

    body: list[Segment] = field(default_factory=list)
    colspan: int = 1
    rowspan: int = 1
    covered: bool = False  # under the cell above that spans into this row
    bold: bool = False  # set bold, as the source's cell was (a header row, a label column)


@dataclass
class Table:
    """A table in the text (a fee schedule, a data list, the parties' details in cells).

    It stands after the text of the node (or passage) that holds it; ``after`` is the text
    that follows it there before the next table or the node's clauses.
    """

    id: int
    rows: list[list[Cell]] = field(default_factory=list)
    after: list[Segment] = field(default_factory=list)
    borders: bool = True  # drawn with grid lines, as the source's table was
    # the source's layout: grid column widths in twips (empty: from the content), centred
    # between the margins (else at the text's left indent)
    widths: list[int] = field(default_factory=list)
    centred: bool = False


@dataclass
class Node:
    id: int
    heading: str = ""
    body: list[Segment] = field(default_factory=list)
    children: list[Node] = field(default_factory=list)
    provenance: Provenance | None = None
    tables: list[Table] = field(default_factory=list)  # after the body, before the children
    # an article whose clauses the source numbered in another style than the rest (GF-2014
    # 第二条 writes （1） where the others write 1.): their style; None: the draft's
    numbering: str | None = None
    # a whole article or clause the other side inserted or deleted: accepting an insertion
    # (rejecting a deletion) keeps it, the other two remove it (app.model.proposals)
    proposed: Proposal | None = None

    def walk(self) -> Iterator[Node]:
        """The node and everything under it, in reading order."""
        stack = [self]
        while stack:
            node = stack.pop()
            yield node
            stack.extend(reversed(node.children))


@dataclass
class Part:
    id: int
    title: str = ""
    restart_numbering: bool = True  # the seed's parts each start at 第一条; statutes run on
    body: list[Segment] = field(default_factory=list)  # text before the first article
    articles: list[Node] = field(default_factory=list)
    start: int = 1  # the first article's number when the part restarts the count (an excerpt
    #                 of a statute begins at 第四百六十三条), or is the first part


@dataclass
class Field:
    """A blank to fill. A named field (【服务费用】) has one value wherever it occurs.

    A tick box (□, ☐, {{☐name}}) is a field of kind ``checkbox``: its value is ``"1"``
    (ticked) or ``None`` (unticked, which is an answer, not a gap); ``group`` joins the
    alternatives offered together (证件类型：☐统一社会信用代码 ☐居民身份证 …).
    """

    id: int
    label: str
    name: str | None = None
    value: str | None = None
    kind: str = "text"  # text | checkbox
    group: int | None = None  # tick boxes offered together share a group number

    def unfilled(self) -> bool:
        """A blank still to fill: a text without a value (an unticked box is an answer)."""
        return self.kind != "checkbox" and not self.value


@dataclass
class Party:
    role: str  # 甲方, 乙方, Party A, Client
    name: str = ""
    address: str = ""


@dataclass
class Passage:
    """Text outside the numbered body: the cover page, the source's signature block, an annex.

    ``body`` is its text (line breaks kept); ``tables`` follow it as in a node. An annex
    may have articles of its own (``parts``, numbered inside the annex); ``label`` is how
    the source wrote its place in the annexes' sequence (附件1, 附件一, Exhibit A), from
    which the label style of the whole sequence is taken. A cover page that holds the
    title (its title page) says where: ``title_at`` is the number of the cover's lines
    above the title (0: the title heads it); None when the title follows the cover.
    """

    id: int
    label: str = ""
    title: str = ""
    body: list[Segment] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)
    parts: list[Part] = field(default_factory=list)
    numbering: str = ""  # the style of an annex's own articles (一、/ 1.); "" is the draft's
    title_at: int | None = None  # a cover's lines above the title on its page


@dataclass
class Draft:
    title: str = ""
    numbering: str = "chinese"
    parties: list[Party] = field(default_factory=list)
    preamble: list[Segment] = field(default_factory=list)
    parts: list[Part] = field(default_factory=list)
    fields: dict[int, Field] = field(default_factory=dict)
    next_id: int = 1
    cover: Passage | None = None  # the source's cover page, printed before the title
    signature: Passage | None = None  # the source's own signature block, instead of ours
    annexes: list[Passage] = field(default_factory=list)  # after the signature block
    _places: dict[int, tuple[Part, list[Node], int]] = field(
        default_factory=dict, repr=False, compare=False
    )  # see ``find``
    preamble_tables: list[Table] = field(default_factory=list)  # after the preamble's text
    comments: list[Comment] = field(default_factory=list)  # the other side's, on import
    # checks' findings the lawyer set aside: finding key -> the reason given (``checks``)
    ignored: dict[str, str] = field(default_factory=dict)

    def new_id(self) -> int:
        self.next_id += 1
        return self.next_id - 1

    # -- lookups ----------------------------------------------------------------------------

    def nodes(self) -> Iterator[tuple[Part, Node]]:
        """Every article and clause in reading order, with its part."""
        for part in self.parts:
            for article in part.articles:
                for node in article.walk():
                    yield part, node

    def all_parts(self) -> Iterator[Part]:
        """The body's parts, then each annex's (an annex's articles are edited like the
        body's, numbered inside their annex)."""
        yield from self.parts
        for annex in self.annexes:
            yield from annex.parts

    def find(self, node_id: int) -> tuple[Part, list[Node], int] | None:
        """The part, the sibling list holding the node, and its index there.

        Places found are remembered: a keystroke looks its node up three times, and a walk
        to the end of a 1,000-article draft takes a millisecond each. A remembered place
        is used while the node still stands there; commands that move, add or remove nodes
        forget them all (``forget_places``), so a removed node is never found.
        """
        place = self._places.get(node_id)
        if place is not None:
            siblings, index = place[1], place[2]
            if index < len(siblings) and siblings[index].id == node_id:
                return place
        for part in self.all_parts():
            found = _find_in(part.articles, node_id)
            if found:
                self._places[node_id] = (part, *found)
                return self._places[node_id]
        return None

    def forget_places(self) -> None:
        """Forget where nodes were found: the tree's shape is about to change, or has."""
        self._places.clear()

    def node(self, node_id: int) -> Node | None:
        located = self.find(node_id)
        return located[1][located[2]] if located else None

    def part(self, part_id: int) -> Part | None:
        return next((p for p in self.all_parts() if p.id == part_id), None)

    def container(self, parent_id: int) -> list[Node]:
        """The child list of a part (articles) or of a node (clauses), by id."""
        part = self.part(parent_id)
        if part is not None:
            return part.articles
        node = self.node(parent_id)
        if node is None:
            raise KeyError(f"no part or node {parent_id}")
        return node.children

    def parent_id(self, node_id: int) -> int:
        """The id of the part or node whose child list holds the node."""
        for part in self.all_parts():
            if any(a.id == node_id for a in part.articles):
                return part.id
            for article in part.articles:
                for node in article.walk():
                    if any(c.id == node_id for c in node.children):
                        return node.id
        raise KeyError(f"no node {node_id}")

    def occurrences(self) -> dict[int, int]:
        """How many blanks each field has in the text."""
        counts = dict.fromkeys(self.fields, 0)
        for body in self.bodies():
            for seg in body:
                if isinstance(seg, Blank):
                    counts[seg.field_id] = counts.get(seg.field_id, 0) + 1
        return counts

    def bodies(self) -> Iterator[list[Segment]]:
        """Every text of the draft in reading order: the cover, the preamble with its tables
        (the parties' details laid out in cells), the parts' intros, the articles and clauses
        with their tables, the signature block and the annexes (with theirs)."""
        if self.cover is not None:
            yield from _passage_bodies(self.cover)
        yield self.preamble
        for table in self.preamble_tables:
            yield from table_bodies(table)
        for part in self.parts:
            yield part.body
        for _, node in self.nodes():
            yield from node_texts(node)
        if self.signature is not None:
            yield from _passage_bodies(self.signature)
        for annex in self.annexes:
            yield from _passage_bodies(annex)

    def annex_of(self, part_id: int) -> Passage | None:
        """The annex a part belongs to (None for a part of the body)."""
        return next((a for a in self.annexes if any(p.id == part_id for p in a.parts)), None)

    def passage(self, passage_id: int) -> Passage | None:
        """The cover, the signature block or an annex, by id."""
        for passage in (self.cover, self.signature, *self.annexes):
            if passage is not None and passage.id == passage_id:
                return passage
        return None

    def table(self, table_id: int) -> Table | None:
        """A table of the preamble, a node or a passage, by id. Asked on every keystroke in
        a cell, so it looks at the nodes' table lists only (most are empty)."""
        found = next((t for t in self.preamble_tables if t.id == table_id), None)
        passages = [p for p in (self.cover, self.signature, *self.annexes) if p is not None]
        stack = [a for part in self.all_parts() for a in part.articles]
        for passage in passages:
            found = found or next((t for t in passage.tables if t.id == table_id), None)
        while stack and found is None:
            node = stack.pop()
            if node.tables:
                found = next((t for t in node.tables if t.id == table_id), None)
            stack.extend(node.children)
        return found

    def field_named(self, name: str) -> Field | None:
        return next((f for f in self.fields.values() if f.name == name), None)


def node_texts(node: Node) -> Iterator[list[Segment]]:
    """A node's own texts (not its children's): its body, then its tables'."""
    yield node.body
    for table in node.tables:
        yield from table_bodies(table)


def table_bodies(table: Table) -> Iterator[list[Segment]]:
    """The texts of a table, row by row, then the text after it."""
    for row in table.rows:
        for cell in row:
            yield cell.body
    yield table.after


def _passage_bodies(passage: Passage) -> Iterator[list[Segment]]:
    yield passage.body
    for table in passage.tables:
        yield from table_bodies(table)
    for part in passage.parts:
        yield part.body
        for article in part.articles:
            for node in article.walk():
                yield from node_texts(node)


def _find_in(nodes: list[Node], node_id: int) -> tuple[list[Node], int] | None:
    for i, node in enumerate(nodes):
        if node.id == node_id:
            return nodes, i
        found = _find_in(node.children, node_id)
        if found:
            return found
    return None


TICKED, UNTICKED = "☑", "☐"
TICKED_VALUE = "1"  # a ticked box's field value


def blank_shows(draft: Draft, blank: Blank) -> str:
    """What a blank reads as: a tick box ☑ or ☐, a value once filled, else as written."""
    field = draft.fields.get(blank.field_id)
    if field is not None and field.kind == "checkbox":
        return TICKED if field.value else UNTICKED
    return field.value if field is not None and field.value else blank.blank


def plain(body: list[Segment]) -> str:
    """The body's text with blanks as written and references as they were last seen; a
    pending proposal reads as if accepted (inserted text in, deleted text out)."""
    return "".join(_plain(s) for s in body)


def _plain(seg: Segment) -> str:
    if isinstance(seg, str):
        return seg
    if isinstance(seg, Blank):
        return seg.blank
    if isinstance(seg, Proposal):
        return seg.text if seg.kind == "ins" else ""
    return seg.last
