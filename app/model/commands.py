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
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from clause_db.messages import Msg

    from .draft import Blank, Draft, Field, Node, Part, Ref, Segment


@dataclass
class Command:
    name: Msg  # the step's readable name, in both languages: 插入条“保密条款”
    ids: tuple[int, int]  # the draft's next_id before and after

    def apply(self, draft: Draft) -> None:
        draft.next_id = self.ids[1]
        self._apply(draft)

    def revert(self, draft: Draft) -> None:
        self._revert(draft)
        draft.next_id = self.ids[0]

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

    steps: list[Command]

    def _apply(self, draft: Draft) -> None:
        for step in self.steps:
            step.apply(draft)

    def _revert(self, draft: Draft) -> None:
        for step in reversed(self.steps):
            step.revert(draft)


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


@dataclass
class SetBody(Command):
    """Replace a text (a node's, a part's intro or the preamble); typing merges into one step."""

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
        if isinstance(other, SetBody) and other.owner_id == self.owner_id:
            self.new = other.new
            self.new_fields = self.new_fields + other.new_fields
            self.ids = (self.ids[0], other.ids[1])
            return True
        return False


@dataclass
class SplitNode(Command):
    """Cut a node's text in two: the tail becomes a new sibling right after it."""

    parent_id: int
    index: int
    original: list[Segment]
    head: list[Segment]
    tail_node: Node

    def _apply(self, draft: Draft) -> None:
        container = draft.container(self.parent_id)
        container[self.index].body = list(self.head)
        container.insert(self.index + 1, self.tail_node)

    def _revert(self, draft: Draft) -> None:
        container = draft.container(self.parent_id)
        del container[self.index + 1]
        container[self.index].body = list(self.original)


@dataclass
class MergeNodes(Command):
    """Join a node with its next sibling: texts and clauses run on in the first."""

    parent_id: int
    index: int
    first_body: list[Segment]
    second: Node
    dangling: list[tuple[Ref, str, str]]

    def _apply(self, draft: Draft) -> None:
        container = draft.container(self.parent_id)
        first = container[self.index]
        first.body = [*self.first_body, *self.second.body]
        first.children.extend(self.second.children)
        del container[self.index + 1]
        for ref, _, kept in self.dangling:
            ref.last = kept

    def _revert(self, draft: Draft) -> None:
        container = draft.container(self.parent_id)
        first = container[self.index]
        first.body = list(self.first_body)
        if self.second.children:
            del first.children[-len(self.second.children) :]
        container.insert(self.index + 1, self.second)
        for ref, before, _ in self.dangling:
            ref.last = before


@dataclass
class SetFieldValue(Command):
    field_id: int
    old: str | None
    new: str | None

    def _apply(self, draft: Draft) -> None:
        draft.fields[self.field_id].value = self.new

    def _revert(self, draft: Draft) -> None:
        draft.fields[self.field_id].value = self.old

    def merge(self, other: Command) -> bool:
        if isinstance(other, SetFieldValue) and other.field_id == self.field_id:
            self.new, self.ids = other.new, (self.ids[0], other.ids[1])
            return True
        return False


@dataclass
class RenameField(Command):
    field_id: int
    old: tuple[str | None, str]  # name, label
    new: tuple[str | None, str]

    def _apply(self, draft: Draft) -> None:
        f = draft.fields[self.field_id]
        f.name, f.label = self.new

    def _revert(self, draft: Draft) -> None:
        f = draft.fields[self.field_id]
        f.name, f.label = self.old


@dataclass
class LinkFields(Command):
    """Make the blanks of ``drop`` occurrences of ``keep``: one value for both."""

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


@dataclass
class SetDraftAttribute(Command):
    """Title, numbering style or parties: a whole value swapped for another."""

    attribute: str  # "title" | "numbering" | "parties"
    old: object
    new: object

    def _apply(self, draft: Draft) -> None:
        setattr(draft, self.attribute, copy.deepcopy(self.new))

    def _revert(self, draft: Draft) -> None:
        setattr(draft, self.attribute, copy.deepcopy(self.old))
