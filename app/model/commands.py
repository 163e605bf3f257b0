"""Every edit of a draft as a command that applies and reverts exactly.

A command is built against the draft as it is (see ``ops`` for the builders), then
``apply``/``revert`` move the draft between the two states, any number of times. The GUI
wraps each command in a QUndoCommand (redo -> apply, undo -> revert, mergeWith -> merge);
``History`` does the same without Qt for the command line and the tests.

Commands that create things (nodes, fields) get their ids when they are built; they carry
the draft's id counter before and after, so undo and redo restore it too.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, ClassVar

from .doc_blocks import PASSAGE_KINDS, TABLE_KINDS, BlockRef, names_parties, table_cells
from .printed import draft_language

if TYPE_CHECKING:
    from collections.abc import Callable

    from clause_db.messages import Msg

    from .draft import Blank, Draft, Field, Node, Part, Passage, Proposal, Ref, Segment, Table


@dataclass
class Changes:
    """What a command changed, so a view refreshes only that (``doc_blocks`` refs).

    ``blocks``: blocks whose text changed; ``structure``: blocks were inserted, removed or
    moved, or labels (numbers, the print language) changed -- diff the block list again;
    ``fields``: fields whose value, name or label changed (their chips everywhere).
    """

    blocks: set[BlockRef] = field(default_factory=set)
    structure: bool = False
    fields: set[int] = field(default_factory=set)

    def __or__(self, other: Changes) -> Changes:
        structure = self.structure or other.structure
        return Changes(self.blocks | other.blocks, structure, self.fields | other.fields)


def _text_changes(
    draft: Draft,
    ref: BlockRef,
    old: object,
    new: object,
    put: Callable[[object], None],
    toggles: bool = True,
) -> Changes:
    """A text replaced by another: its block; structure when the block appears or goes (an
    empty text may show no block: ``toggles``) or when the print language flips."""
    if not _present(draft, ref):  # a later step of the same command took it away
        return Changes({ref}, True)
    structure = toggles and bool(old) != bool(new)
    return Changes({ref}, structure or _language_flips(draft, ref, old, new, put))


def _present(draft: Draft, ref: BlockRef) -> bool:
    if ref.kind in ("title", "preamble"):
        return True
    if ref.kind in PASSAGE_KINDS or ref.kind == "annex_title":
        return draft.passage(ref.owner) is not None
    if ref.kind in TABLE_KINDS:
        return draft.table(ref.owner) is not None
    if ref.kind in ("party_name", "party_address"):
        return 0 <= ref.owner < len(draft.parties)
    if ref.kind.startswith("part_"):
        return draft.part(ref.owner) is not None
    return draft.node(ref.owner) is not None


def _language_flips(
    draft: Draft, ref: BlockRef, old: object, new: object, put: Callable[[object], None]
) -> bool:
    """Whether the other side of the change prints in another language (第一条 <-> Article 1):
    ``put`` places the other value for a moment, then the very object that was there."""
    now = draft_language(draft)
    current = _current(draft, ref)
    put(old if current == new else new)
    try:
        return draft_language(draft) != now
    finally:
        put(current)


def _current(draft: Draft, ref: BlockRef) -> object:
    if ref.kind == "preamble":
        return draft.preamble
    if ref.kind in PASSAGE_KINDS or ref.kind in TABLE_KINDS:
        return outside_segments(draft, ref)
    if ref.kind in TEXT_KINDS:
        return text_value(draft, ref)
    if ref.kind == "part_body":
        return draft.part(ref.owner).body
    node = draft.node(ref.owner)
    return node.heading if ref.kind == "heading" else node.body


@dataclass
class Command:
    name: Msg  # the step's readable name, in both languages: 插入条“保密条款”
    ids: tuple[int, int]  # the draft's next_id before and after

    def changes(self, draft: Draft) -> Changes:
        """What applying (or reverting) the command changed in ``draft`` as it is now."""
        return Changes(structure=True)

    # True for commands that change texts or values only, never which nodes stand where:
    # the draft's remembered node places (``Draft.find``) stay valid across them.
    keeps_places: ClassVar[bool] = False

    def apply(self, draft: Draft) -> None:
        draft.next_id = self.ids[1]
        self._reshaping(draft, self._apply)

    def revert(self, draft: Draft) -> None:
        self._reshaping(draft, self._revert)
        draft.next_id = self.ids[0]

    def _reshaping(self, draft: Draft, change: Callable[[Draft], None]) -> None:
        if self.keeps_places:
            change(draft)
            return
        draft.forget_places()
        try:
            change(draft)
        finally:
            draft.forget_places()

    def merge(self, other: Command) -> bool:
        """Absorb ``other`` (already applied after this one); False if they stay two steps."""
        return False

    def _apply(self, draft: Draft) -> None:
        raise NotImplementedError

    def _revert(self, draft: Draft) -> None:
        raise NotImplementedError


def _remove(container: list[Node], node: Node) -> int:
    index = next(i for i, n in enumerate(container) if n is node)
    del container[index]
    return index


@dataclass
class InsertNodes(Command):
    parent_id: int
    index: int
    nodes: list[Node]
    new_fields: list[Field] = field(default_factory=list)

    def _apply(self, draft: Draft) -> None:
        draft.container(self.parent_id)[self.index : self.index] = self.nodes
        for f in self.new_fields:
            draft.fields[f.id] = f

    def _revert(self, draft: Draft) -> None:
        del draft.container(self.parent_id)[self.index : self.index + len(self.nodes)]
        for f in self.new_fields:
            del draft.fields[f.id]


@dataclass
class InsertPart(Command):
    """A new part (a new draft has none: its first article needs one to land in)."""

    index: int
    part: Part

    def _apply(self, draft: Draft) -> None:
        draft.parts.insert(self.index, self.part)

    def _revert(self, draft: Draft) -> None:
        del draft.parts[self.index]


@dataclass
class Compound(Command):
    """Commands that make one step: applied in order, reverted in reverse order."""

    keeps_places = True

    steps: list[Command]

    def _apply(self, draft: Draft) -> None:
        for step in self.steps:
            step.apply(draft)

    def _revert(self, draft: Draft) -> None:
        for step in reversed(self.steps):
            step.revert(draft)

    def changes(self, draft: Draft) -> Changes:
        out = Changes()
        for step in self.steps:
            out |= step.changes(draft)
        return out


@dataclass
class DeleteNode(Command):
    """Delete a node and its subtree; references to any of them keep their last text."""

    parent_id: int
    index: int
    node: Node
    dangling: list[tuple[Ref, str, str]]  # reference, its last text before, the text it keeps

    def _apply(self, draft: Draft) -> None:
        del draft.container(self.parent_id)[self.index]
        for ref, _, kept in self.dangling:
            ref.last = kept

    def _revert(self, draft: Draft) -> None:
        draft.container(self.parent_id).insert(self.index, self.node)
        for ref, before, _ in self.dangling:
            ref.last = before


@dataclass
class ReplaceNode(Command):
    """Put ``new`` (with its subtree) in ``old``'s place, nothing else touched: a library
    variant swapped in. References to ``old`` or its clauses keep their last text."""

    parent_id: int
    index: int
    old: Node
    new: Node
    new_fields: list[Field]
    dangling: list[tuple[Ref, str, str]]

    def _apply(self, draft: Draft) -> None:
        draft.container(self.parent_id)[self.index] = self.new
        for f in self.new_fields:
            draft.fields[f.id] = f
        for ref, _, kept in self.dangling:
            ref.last = kept

    def _revert(self, draft: Draft) -> None:
        for ref, before, _ in self.dangling:
            ref.last = before
        for f in self.new_fields:
            del draft.fields[f.id]
        draft.container(self.parent_id)[self.index] = self.old


@dataclass
class MoveNode(Command):
    """Reorder, move a clause into another article, promote a clause or demote an article."""

    node_id: int
    from_parent: int
    from_index: int
    to_parent: int
    to_index: int  # in the destination list after the node left its old place

    def _apply(self, draft: Draft) -> None:
        node = draft.container(self.from_parent).pop(self.from_index)
        draft.container(self.to_parent).insert(self.to_index, node)

    def _revert(self, draft: Draft) -> None:
        node = draft.container(self.to_parent).pop(self.to_index)
        draft.container(self.from_parent).insert(self.from_index, node)


@dataclass
class SetHeading(Command):
    keeps_places = True

    node_id: int
    old: str
    new: str

    def _apply(self, draft: Draft) -> None:
        draft.node(self.node_id).heading = self.new

    def _revert(self, draft: Draft) -> None:
        draft.node(self.node_id).heading = self.old

    def merge(self, other: Command) -> bool:
        if isinstance(other, SetHeading) and other.node_id == self.node_id:
            self.new, self.ids = other.new, (self.ids[0], other.ids[1])
            return True
        return False

    def changes(self, draft: Draft) -> Changes:
        def put(value: object) -> None:
            draft.node(self.node_id).heading = value

        return _text_changes(draft, BlockRef("heading", self.node_id), self.old, self.new, put)


@dataclass
class SetBody(Command):
    """Replace a text (a node's, a part's intro or the preamble); typing merges into one step."""

    keeps_places = True

    owner_id: int  # a node or part id; 0 for the draft's preamble
    old: list[Segment]
    new: list[Segment]
    new_fields: list[Field] = field(default_factory=list)

    def _owner(self, draft: Draft):
        if self.owner_id == 0:
            return draft
        return draft.part(self.owner_id) or draft.node(self.owner_id)

    def _set(self, draft: Draft, body: list[Segment]) -> None:
        owner = self._owner(draft)
        if owner is draft:
            draft.preamble = list(body)
        else:
            owner.body = list(body)

    def _apply(self, draft: Draft) -> None:
        for f in self.new_fields:
            draft.fields[f.id] = f
        self._set(draft, self.new)

    def _revert(self, draft: Draft) -> None:
        self._set(draft, self.old)
        for f in self.new_fields:
            del draft.fields[f.id]

    def merge(self, other: Command) -> bool:
        # typing merges with typing, deleting with deleting; a paste stays a step of its own
        mine = (self.owner_id, self.name)
        if isinstance(other, SetBody) and (other.owner_id, other.name) == mine:
            self.new = other.new
            self.new_fields = self.new_fields + other.new_fields
            self.ids = (self.ids[0], other.ids[1])
            return True
        return False

    def block(self, draft: Draft) -> BlockRef:
        if self.owner_id == 0:
            return BlockRef("preamble", 0)
        kind = "part_body" if draft.part(self.owner_id) is not None else "body"
        return BlockRef(kind, self.owner_id)

    def changes(self, draft: Draft) -> Changes:
        owner = self._owner(draft)

        def put(value: object) -> None:
            if owner is draft:
                draft.preamble = value
            else:
                owner.body = value

        out = _text_changes(draft, self.block(draft), self.old, self.new, put)
        if self.owner_id == 0:  # 甲方：… typed into the preamble hides the party lines
            out.structure |= names_parties(self.old) != names_parties(self.new)
        out.fields = {f.id for f in self.new_fields}
        return out


def _holder(draft: Draft, ref: BlockRef):
    """The object whose ``body`` (or ``after``) a passage or table block shows."""
    if ref.kind in PASSAGE_KINDS:
        passage = draft.passage(ref.owner)
        if passage is None:
            raise KeyError(f"no passage {ref.owner}")
        return passage
    table = draft.table(ref.owner)
    if table is None:
        raise KeyError(f"no table {ref.owner}")
    if ref.kind == "table_after":
        return table
    cells = table_cells(table)
    if not 0 <= ref.index < len(cells):
        raise KeyError(f"no cell {ref.index + 1} in table {ref.owner}")
    return cells[ref.index][2]


def outside_segments(draft: Draft, ref: BlockRef) -> list[Segment]:
    """The text of a block outside the numbered body: a passage's, a cell's, or the text
    after a table. KeyError when the draft has no such block."""
    holder = _holder(draft, ref)
    return holder.after if ref.kind == "table_after" else holder.body


def _put_outside(draft: Draft, ref: BlockRef, segments: list[Segment]) -> None:
    holder = _holder(draft, ref)
    if ref.kind == "table_after":
        holder.after = segments
    else:
        holder.body = segments


@dataclass
class SetOutside(Command):
    """Replace a text outside the numbered body: the cover page, the source's signature
    block, an annex's text, a table cell or the text after a table. Typing in one of them
    merges into one step, as in a clause."""

    keeps_places = True

    ref: BlockRef  # kind in PASSAGE_KINDS or TABLE_KINDS
    old: list[Segment]
    new: list[Segment]
    new_fields: list[Field] = field(default_factory=list)

    def _apply(self, draft: Draft) -> None:
        for f in self.new_fields:
            draft.fields[f.id] = f
        _put_outside(draft, self.ref, list(self.new))

    def _revert(self, draft: Draft) -> None:
        _put_outside(draft, self.ref, list(self.old))
        for f in self.new_fields:
            del draft.fields[f.id]

    def merge(self, other: Command) -> bool:
        mine = (self.ref, self.name)
        if isinstance(other, SetOutside) and (other.ref, other.name) == mine:
            self.new = other.new
            self.new_fields = self.new_fields + other.new_fields
            self.ids = (self.ids[0], other.ids[1])
            return True
        return False

    def changes(self, draft: Draft) -> Changes:
        def put(value: object) -> None:
            _put_outside(draft, self.ref, value)

        # only an annex's text comes and goes with its words (when it has tables or articles)
        out = _text_changes(draft, self.ref, self.old, self.new, put, self.ref.kind == "annex_body")
        out.fields = {f.id for f in self.new_fields}
        return out


@dataclass
class SplitNode(Command):
    """Cut a node's text in two: the tail becomes a new sibling right after it, and takes
    the node's tables along -- they follow the tail's text (a table stays after the text
    that introduces it: 费用如下：)."""

    parent_id: int
    index: int
    original: list[Segment]
    head: list[Segment]
    tail_node: Node

    def _apply(self, draft: Draft) -> None:
        container = draft.container(self.parent_id)
        node = container[self.index]
        node.body = list(self.head)
        self.tail_node.tables, node.tables = node.tables, []
        container.insert(self.index + 1, self.tail_node)

    def _revert(self, draft: Draft) -> None:
        container = draft.container(self.parent_id)
        del container[self.index + 1]
        node = container[self.index]
        node.body = list(self.original)
        node.tables, self.tail_node.tables = self.tail_node.tables, []


@dataclass
class SetTables(Command):
    """Give a node another list of tables (a split hands its tables to the new node)."""

    keeps_places = True

    node_id: int
    old: list[Table]
    new: list[Table]

    def _apply(self, draft: Draft) -> None:
        draft.node(self.node_id).tables = list(self.new)

    def _revert(self, draft: Draft) -> None:
        draft.node(self.node_id).tables = list(self.old)


@dataclass
class MergeNodes(Command):
    """Join a node with its next sibling: texts, tables and clauses run on in the first."""

    parent_id: int
    index: int
    first_body: list[Segment]
    second: Node
    dangling: list[tuple[Ref, str, str]]

    def _apply(self, draft: Draft) -> None:
        container = draft.container(self.parent_id)
        first = container[self.index]
        first.body = [*self.first_body, *self.second.body]
        first.tables = [*first.tables, *self.second.tables]
        first.children.extend(self.second.children)
        del container[self.index + 1]
        for ref, _, kept in self.dangling:
            ref.last = kept

    def _revert(self, draft: Draft) -> None:
        container = draft.container(self.parent_id)
        first = container[self.index]
        first.body = list(self.first_body)
        if self.second.tables:
            first.tables = first.tables[: -len(self.second.tables)]
        if self.second.children:
            del first.children[-len(self.second.children) :]
        container.insert(self.index + 1, self.second)
        for ref, before, _ in self.dangling:
            ref.last = before


@dataclass
class SetFieldValue(Command):
    keeps_places = True

    field_id: int
    old: str | None
    new: str | None
    alone: bool = False  # a tick box's toggle: never merged (each click is a step)

    def _apply(self, draft: Draft) -> None:
        draft.fields[self.field_id].value = self.new

    def _revert(self, draft: Draft) -> None:
        draft.fields[self.field_id].value = self.old

    def merge(self, other: Command) -> bool:
        if self.alone or getattr(other, "alone", False):
            return False
        if isinstance(other, SetFieldValue) and other.field_id == self.field_id:
            self.new, self.ids = other.new, (self.ids[0], other.ids[1])
            return True
        return False

    def changes(self, draft: Draft) -> Changes:
        return Changes(fields={self.field_id})


@dataclass
class RenameField(Command):
    keeps_places = True

    field_id: int
    old: tuple[str | None, str]  # name, label
    new: tuple[str | None, str]

    def _apply(self, draft: Draft) -> None:
        f = draft.fields[self.field_id]
        f.name, f.label = self.new

    def _revert(self, draft: Draft) -> None:
        f = draft.fields[self.field_id]
        f.name, f.label = self.old

    def changes(self, draft: Draft) -> Changes:
        return Changes(fields={self.field_id})


@dataclass
class LinkFields(Command):
    """Make the blanks of ``drop`` occurrences of ``keep``: one value for both."""

    keeps_places = True

    keep_id: int
    dropped: Field
    blanks: list[Blank]  # the blanks that belonged to the dropped field
    position: int = -1  # the dropped field's place in draft.fields, so undo puts it back there

    def _apply(self, draft: Draft) -> None:
        for blank in self.blanks:
            blank.field_id = self.keep_id
        del draft.fields[self.dropped.id]

    def _revert(self, draft: Draft) -> None:
        # Back in its old place, not at the end: the saved file must be byte-for-byte the same.
        items = list(draft.fields.items())
        position = len(items) if self.position < 0 else self.position
        items.insert(position, (self.dropped.id, self.dropped))
        draft.fields.clear()
        draft.fields.update(items)
        for blank in self.blanks:
            blank.field_id = self.dropped.id

    def changes(self, draft: Draft) -> Changes:
        return Changes(fields={self.keep_id, self.dropped.id})


@dataclass
class SetDraftAttribute(Command):
    """Title, numbering style or parties: a whole value swapped for another."""

    keeps_places = True

    attribute: str  # "title" | "numbering" | "parties"
    old: object
    new: object

    def _apply(self, draft: Draft) -> None:
        setattr(draft, self.attribute, copy.deepcopy(self.new))

    def _revert(self, draft: Draft) -> None:
        setattr(draft, self.attribute, copy.deepcopy(self.old))


@dataclass
class SetAnnexes(Command):
    """The annexes in another order, or one fewer: their labels and the references to them
    (见附件二) follow the order; references to a deleted one keep their last text."""

    old: list[Passage]
    new: list[Passage]
    dangling: list[tuple[Ref, str, str]]  # reference, its last text before, the text it keeps

    def _apply(self, draft: Draft) -> None:
        draft.annexes = list(self.new)
        for ref, _, kept in self.dangling:
            ref.last = kept

    def _revert(self, draft: Draft) -> None:
        draft.annexes = list(self.old)
        for ref, before, _ in self.dangling:
            ref.last = before


@dataclass
class SetNumberingAt(Command):
    """An article's own item style (``numbering``) or a part's first number (``start``)."""

    keeps_places = True

    owner: int  # the article's or the part's id
    attribute: str  # "numbering" (an article) | "start" (a part)
    old: object
    new: object

    def _owner(self, draft: Draft) -> Node | Part:
        return draft.part(self.owner) if self.attribute == "start" else draft.node(self.owner)

    def _apply(self, draft: Draft) -> None:
        setattr(self._owner(draft), self.attribute, self.new)

    def _revert(self, draft: Draft) -> None:
        setattr(self._owner(draft), self.attribute, self.old)


TEXT_KINDS = ("title", "party_name", "party_address", "part_title", "annex_title")


def text_value(draft: Draft, ref: BlockRef) -> str:
    """The one-line text a title, party, part-title or annex-title block shows."""
    if ref.kind == "title":
        return draft.title
    if ref.kind == "annex_title":
        return draft.passage(ref.owner).title
    if ref.kind == "part_title":
        return draft.part(ref.owner).title
    party = draft.parties[ref.owner]
    return party.name if ref.kind == "party_name" else party.address


@dataclass
class SetText(Command):
    """Replace the draft's title, a party's name or address, a part's or an annex's title;
    typing in one of them merges into one step."""

    keeps_places = True

    kind: str  # one of TEXT_KINDS
    owner: int  # party index, part id, 0 for the title
    old: str
    new: str

    def _set(self, draft: Draft, value: str) -> None:
        if self.kind == "title":
            draft.title = value
        elif self.kind == "annex_title":
            draft.passage(self.owner).title = value
        elif self.kind == "part_title":
            draft.part(self.owner).title = value
        elif self.kind == "party_name":
            draft.parties[self.owner].name = value
        else:
            draft.parties[self.owner].address = value

    def _apply(self, draft: Draft) -> None:
        self._set(draft, self.new)

    def _revert(self, draft: Draft) -> None:
        self._set(draft, self.old)

    def merge(self, other: Command) -> bool:
        mine = (self.kind, self.owner, self.name)
        if isinstance(other, SetText) and (other.kind, other.owner, other.name) == mine:
            self.new, self.ids = other.new, (self.ids[0], other.ids[1])
            return True
        return False

    def changes(self, draft: Draft) -> Changes:
        def put(value: object) -> None:
            self._set(draft, value)

        ref = BlockRef(self.kind, self.owner)
        # only a part's title shows a block just while it has text (in a one-part draft)
        out = _text_changes(draft, ref, self.old, self.new, put, self.kind == "part_title")
        if self.kind == "party_name":  # the signature block prints the name
            out.blocks.add(BlockRef("signature", self.owner))
        return out


@dataclass
class ReplaceParts(Command):
    """Parts ``index``.. replaced by others: what a deletion across articles, clauses and
    parts leaves (nodes that stay keep their ids; texts are re-cut; parts may merge).

    The old parts and nodes are never changed: undo puts them back as they were. References
    to nodes that are gone keep the text they last read (``dangling``), as ``DeleteNode``.
    """

    index: int
    old: list[Part]
    new: list[Part]
    dangling: list[tuple[Ref, str, str]] = field(default_factory=list)
    edited: set[BlockRef] = field(default_factory=set)  # surviving blocks with new text
    annex: int = 0  # the annex whose own parts these are (0: the body's)

    def _parts(self, draft: Draft) -> list[Part]:
        return draft.passage(self.annex).parts if self.annex else draft.parts

    def _apply(self, draft: Draft) -> None:
        self._parts(draft)[self.index : self.index + len(self.old)] = self.new
        for ref, _, kept in self.dangling:
            ref.last = kept

    def _revert(self, draft: Draft) -> None:
        self._parts(draft)[self.index : self.index + len(self.new)] = self.old
        for ref, before, _ in self.dangling:
            ref.last = before

    def changes(self, draft: Draft) -> Changes:
        return Changes(set(self.edited), True)


@dataclass
class ReplaceTexts(Command):
    """Many texts replaced in one step (Replace All). The nodes are found in one walk of the
    draft: a SetBody or SetHeading per text would walk it once each (500 hits at the end of
    a 1,000-article draft: 0.4 s). ``others``: the steps for texts that are not a node's
    (the title, a party, a part's title or text, the preamble, a field's value)."""

    keeps_places = True

    bodies: list[tuple[int, list[Segment], list[Segment]]]  # node id, old text, new text
    headings: list[tuple[int, str, str]]  # node id, old heading, new heading
    others: list[Command] = field(default_factory=list)

    def _apply(self, draft: Draft) -> None:
        nodes = {node.id: node for _, node in draft.nodes()}
        for node_id, _, new in self.bodies:
            nodes[node_id].body = list(new)
        for node_id, _, new in self.headings:
            nodes[node_id].heading = new
        for step in self.others:
            step.apply(draft)

    def _revert(self, draft: Draft) -> None:
        for step in reversed(self.others):
            step.revert(draft)
        nodes = {node.id: node for _, node in draft.nodes()}
        for node_id, old, _ in self.headings:
            nodes[node_id].heading = old
        for node_id, old, _ in self.bodies:
            nodes[node_id].body = list(old)


@dataclass
class SetProposed(Command):
    """A whole article or clause the other side proposed is decided on and stays: its mark
    goes (``new`` None), or comes back on undo."""

    keeps_places = True

    node_id: int
    old: Proposal | None
    new: Proposal | None

    def _apply(self, draft: Draft) -> None:
        draft.node(self.node_id).proposed = self.new

    def _revert(self, draft: Draft) -> None:
        draft.node(self.node_id).proposed = self.old


@dataclass
class SetIgnored(Command):
    """A check's finding set aside with a reason (``new``), or heeded again (None)."""

    keeps_places = True

    key: str
    old: str | None
    new: str | None

    def _put(self, draft: Draft, reason: str | None) -> None:
        if reason is None:
            draft.ignored.pop(self.key, None)
        else:
            draft.ignored[self.key] = reason

    def _apply(self, draft: Draft) -> None:
        self._put(draft, self.new)

    def _revert(self, draft: Draft) -> None:
        self._put(draft, self.old)

    def changes(self, draft: Draft) -> Changes:
        return Changes()
