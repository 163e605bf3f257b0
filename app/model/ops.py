"""Builders of commands: what a lawyer asks for, turned into an exact, undoable command.

Each builder reads the draft as it is and returns a command that has not been applied yet
(the draft is left exactly as it was, its id counter included).
"""

from __future__ import annotations

import copy
from contextlib import contextmanager
from typing import TYPE_CHECKING

from clause_db.messages import Msg

from .commands import (
    Command,
    Compound,
    DeleteNode,
    InsertNodes,
    InsertPart,
    LinkFields,
    MergeNodes,
    MoveNode,
    RenameField,
    ReplaceNode,
    SetAnnexes,
    SetBody,
    SetDraftAttribute,
    SetFieldValue,
    SetHeading,
    SetNumberingAt,
    SplitNode,
)
from .draft import (
    MAX_START,
    NUMBERING_STYLES,
    TICKED_VALUE,
    Blank,
    Draft,
    Field,
    Node,
    Part,
    Party,
    Ref,
    Segment,
    plain,
)
from .number_forms import is_style
from .numbering import first_numbers, number_paths
from .text import clean_text, enter_text, ref_text

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator

    from clause_db.references import Mention


class EditError(ValueError):
    """An edit that cannot be made (a node moved into itself, an unknown field…).

    ``message`` says why: a ``Msg`` in both languages when the model refuses, a text in the
    UI's language when the window does; ``str()`` is the English (for logs and the CLI).
    """

    def __init__(self, message: Msg | str) -> None:
        super().__init__(str(message))
        self.message = message


@contextmanager
def allocating(draft: Draft) -> Iterator[list[int]]:
    """Let a builder take ids, then put the counter back: the command sets it on apply."""
    before = draft.next_id
    ids = [before, before]
    try:
        yield ids
    finally:
        ids[1] = draft.next_id
        draft.next_id = before


def _outside(position: int, size: int) -> Msg:
    return Msg("位置 {0} 超出 0..{1}", "position {0} is outside 0..{1}", position, size)


def _short(text: str, size: int = 12) -> str:
    text = text.strip()
    return text if len(text) <= size else text[: size - 1] + "…"


def several(first: str, count: int) -> str | Msg:
    """What a step inserting ``count`` things names them by: the first, and how many."""
    return first if count == 1 else Msg("{0}等{1}项", "{0} and others ({1} in all)", first, count)


def _describe(node: Node) -> str:
    return _short(node.heading or "".join(s for s in node.body if isinstance(s, str)))


# -- where things are -----------------------------------------------------------------------


def _locate(draft: Draft, node_id: int) -> tuple[Part, list[Node], int]:
    located = draft.find(node_id)
    if located is None:
        raise EditError(Msg("没有编号为 {0} 的条或款", "no article or clause {0}", node_id))
    return located


def _container(draft: Draft, parent_id: int) -> list[Node]:
    """The child list of a part or node; an EditError (not a KeyError) for a stale id."""
    try:
        return draft.container(parent_id)
    except KeyError:
        raise EditError(
            Msg("没有编号为 {0} 的部分、条或款", "no part, article or clause {0}", parent_id)
        ) from None


def _article_of(draft: Draft, node_id: int) -> tuple[Part, Node] | None:
    for part in draft.parts:
        for article in part.articles:
            if any(n.id == node_id for n in article.walk()):
                return part, article
    return None


def current_resolver(draft: Draft, owner_id: int):
    """Bind mentions by the numbers the lawyer sees now, preferring the owner's own part.

    Article n of a part is found by position (parts restart at 第一条 or run on), not by
    numbering the whole draft: on a 1,000-article draft that walk is what an edit waits on.
    """
    home_part = draft.part(owner_id)
    home = None if home_part is not None or owner_id == 0 else _article_of(draft, owner_id)
    if home is not None:
        home_part = home[0]
    order = [p for p in [home_part, *draft.parts] if p is not None]  # its own part first

    def resolve(m: Mention) -> int | None:
        if m.target == "annex":  # 见附件二: the annex now second
            n = m.number[0]
            return draft.annexes[n - 1].id if 0 < n <= len(draft.annexes) else None
        if m.target == "kuan":
            if home is None:
                return None
            k = m.number[0]
            children = home[1].children
            return children[k - 1].id if 0 < k <= len(children) else None
        want = m.number if m.target in ("clause", "item") else m.number[:1]
        firsts = first_numbers(draft)
        for part in order:
            node = _node_at(part, firsts[part.id], want)
            if node is not None:
                return node.id
        return None

    return resolve


def _node_at(part: Part, first: int, path: tuple[int, ...]) -> Node | None:
    """The node of ``part`` numbered ``path`` (article ``path[0]``, then clause ordinals)."""
    index = path[0] - first
    if not 0 <= index < len(part.articles):
        return None
    node = part.articles[index]
    for k in path[1:]:
        if not 0 < k <= len(node.children):
            return None
        node = node.children[k - 1]
    return node


# -- structure ------------------------------------------------------------------------------


def insert_nodes(
    draft: Draft, parent_id: int, index: int, nodes: list[Node], new_fields: list[Field],
    ids: tuple[int, int], what: str | Msg,
) -> InsertNodes:  # fmt: skip
    container = _container(draft, parent_id)
    if not 0 <= index <= len(container):
        raise EditError(_outside(index, len(container)))
    if draft.part(parent_id):
        name = Msg("插入条“{0}”", "Insert article “{0}”", what)
    else:
        name = Msg("插入款“{0}”", "Insert clause “{0}”", what)
    return InsertNodes(name, ids, parent_id, index, nodes, new_fields)


def insert_part(draft: Draft, index: int, title: str = "") -> InsertPart:
    if not 0 <= index <= len(draft.parts):
        raise EditError(_outside(index, len(draft.parts)))
    with allocating(draft) as ids:
        part = Part(draft.new_id(), title=title)
    name = Msg("插入部分“{0}”", "Insert part “{0}”", title or Msg("正文", "Body"))
    return InsertPart(name, tuple(ids), index, part)


def in_a_part(draft: Draft, build: Callable[[Draft], Command]) -> Command:
    """``build``'s edit; on a draft without parts, with the part it lands in created in the
    same step, so one undo takes the draft back to empty. ``build`` reads the draft with
    the part in place; the draft is left as it was, as by every builder."""
    if draft.parts:
        return build(draft)
    add = insert_part(draft, 0)
    add.apply(draft)
    try:
        edit = build(draft)
    finally:
        add.revert(draft)
    return Compound(edit.name, (add.ids[0], edit.ids[1]), [add, edit])


def insert_empty(draft: Draft, parent_id: int, index: int, heading: str = "") -> InsertNodes:
    """A new empty article (parent is a part) or clause (parent is a node)."""
    with allocating(draft) as ids:
        node = Node(draft.new_id(), heading=heading)
    what = heading or Msg("新条款", "New article" if draft.part(parent_id) else "New clause")
    return insert_nodes(draft, parent_id, index, [node], [], tuple(ids), what)


def insert_text_node(
    draft: Draft, parent_id: int, index: int, heading: str, text: str, children=()
) -> InsertNodes:
    """A new node holding ``text`` (and clauses as (heading, text, children) tuples)."""
    pending: dict[str, Field] = {}
    new_fields: list[Field] = []
    resolve = current_resolver(draft, parent_id)
    with allocating(draft) as ids:

        def build(heading: str, text: str, children) -> Node:
            node = Node(draft.new_id(), heading=heading)
            entered = enter_text(draft, text, resolve, pending)
            new_fields.extend(entered.new_fields)
            node.body = entered.segments
            node.children = [build(*child) for child in children]
            return node

        node = build(heading, text, children)
    return insert_nodes(draft, parent_id, index, [node], new_fields, tuple(ids), _describe(node))


def _dangling(draft: Draft, node: Node) -> list[tuple[Ref, str, str]]:
    """References to the node or its clauses, with the text each shows now and will keep."""
    gone = {n.id for n in node.walk()}
    paths = number_paths(draft)
    return [  # every text: a part's intro or the preamble may refer to it too
        (seg, seg.last, ref_text(seg, paths))
        for body in draft.bodies()
        for seg in body
        if isinstance(seg, Ref) and seg.target in gone
    ]


def delete_node(draft: Draft, node_id: int) -> DeleteNode:
    _, container, index = _locate(draft, node_id)
    node = container[index]
    parent_id = draft.parent_id(node_id)
    ids = (draft.next_id, draft.next_id)
    name = Msg("删除“{0}”", "Delete “{0}”", _describe(node))
    return DeleteNode(name, ids, parent_id, index, node, _dangling(draft, node))


def replace_node(
    draft: Draft,
    node_id: int,
    new: Node,
    new_fields: list[Field],
    ids: tuple[int, int],
    what: str | Msg,
) -> ReplaceNode:
    """``new`` (built with ids from ``ids``) in the place of node ``node_id``: one step."""
    _, container, index = _locate(draft, node_id)
    old = container[index]
    parent_id = draft.parent_id(node_id)
    name = Msg("以“{0}”替换“{1}”", "Replace “{1}” with “{0}”", what, _describe(old))
    return ReplaceNode(name, ids, parent_id, index, old, new, new_fields, _dangling(draft, old))


def move_node(draft: Draft, node_id: int, to_parent: int, to_index: int) -> MoveNode:
    """Move a node; ``to_index`` counts in the destination list as it is before the move."""
    _, container, index = _locate(draft, node_id)
    node = container[index]
    if any(n.id == to_parent for n in node.walk()):
        raise EditError(Msg("条或款不能移入其自身", "an article or clause cannot move into itself"))
    destination = _container(draft, to_parent)
    from_parent = draft.parent_id(node_id)
    if not 0 <= to_index <= len(destination):
        raise EditError(_outside(to_index, len(destination)))
    if destination is container and to_index > index:
        to_index -= 1  # the node leaves its place first
    ids = (draft.next_id, draft.next_id)
    name = Msg("移动“{0}”", "Move “{0}”", _describe(node))
    return MoveNode(name, ids, node_id, from_parent, index, to_parent, to_index)


def split_node(draft: Draft, node_id: int, offset: int) -> SplitNode:
    """Split a node's text at ``offset`` (in its text as written, blanks and references whole)."""
    _, container, index = _locate(draft, node_id)
    node = container[index]
    head, tail = _split_segments(node.body, offset)
    with allocating(draft) as ids:
        tail_node = Node(draft.new_id(), body=tail)
    parent_id = draft.parent_id(node_id)
    name = Msg("拆分“{0}”", "Split “{0}”", _describe(node))
    return SplitNode(name, tuple(ids), parent_id, index, list(node.body), head, tail_node)


def _split_segments(body: list[Segment], offset: int) -> tuple[list[Segment], list[Segment]]:
    head: list[Segment] = []
    pos = 0
    for i, seg in enumerate(body):
        size = len(plain([seg]))
        if pos + size > offset:
            if isinstance(seg, str) and offset > pos:
                cut = offset - pos
                return [*head, seg[:cut]], [seg[cut:], *body[i + 1 :]]
            return head, list(body[i:])
        head.append(seg)
        pos += size
    return head, []


def merge_with_next(draft: Draft, node_id: int) -> MergeNodes:
    _, container, index = _locate(draft, node_id)
    if index + 1 >= len(container):
        raise EditError(Msg("其后没有可合并的内容", "there is nothing after it to merge with"))
    first, second = container[index], container[index + 1]
    paths = number_paths(draft)
    dangling = [
        (seg, seg.last, ref_text(seg, paths))
        for body in draft.bodies()
        for seg in body
        if isinstance(seg, Ref) and seg.target == second.id
    ]
    ids = (draft.next_id, draft.next_id)
    parent_id = draft.parent_id(node_id)
    name = Msg("合并“{0}”", "Merge “{0}”", _describe(first))
    return MergeNodes(name, ids, parent_id, index, list(first.body), second, dangling)


# -- text -------------------------------------------------------------------------------------


def set_heading(draft: Draft, node_id: int, heading: str) -> SetHeading:
    heading = clean_text(heading)
    _, container, index = _locate(draft, node_id)
    ids = (draft.next_id, draft.next_id)
    node = container[index]
    name = Msg("编辑标题“{0}”", "Edit heading “{0}”", _short(heading))
    return SetHeading(name, ids, node_id, node.heading, heading)


def set_text(draft: Draft, owner_id: int, text: str) -> SetBody:
    """New text for a node (or a part's intro, or the preamble with owner 0)."""
    heading = ""
    if owner_id == 0:
        old = draft.preamble
    else:
        owner = draft.part(owner_id) or draft.node(owner_id)
        if owner is None:
            raise EditError(Msg("没有编号为 {0} 的条或款", "no article or clause {0}", owner_id))
        old = owner.body
        heading = getattr(owner, "heading", "")
    resolve = current_resolver(draft, owner_id)
    with allocating(draft) as ids:
        entered = enter_text(draft, text, resolve, previous=old, heading=heading)
    return SetBody(
        Msg("编辑文字", "Edit text"),
        tuple(ids),
        owner_id,
        list(old),
        entered.segments,
        entered.new_fields,
    )


# -- fields -----------------------------------------------------------------------------------


def _field(draft: Draft, field_id: int) -> Field:
    if field_id not in draft.fields:
        raise EditError(Msg("没有编号为 {0} 的字段", "no field {0}", field_id))
    return draft.fields[field_id]


def set_field_value(draft: Draft, field_id: int, value: str | None) -> SetFieldValue:
    """Fill (or clear, with None or "") a field; a tick box is ticked by any value and
    holds "1" (its file says ticked, whatever a window or a command line typed)."""
    f = _field(draft, field_id)
    value = clean_text(value) if value else None
    if f.kind == "checkbox" and value:
        value = TICKED_VALUE
    ids = (draft.next_id, draft.next_id)
    what = f.name or f.label
    name = (
        Msg("填写“{0}”", "Fill in “{0}”", what) if value else Msg("清除“{0}”", "Clear “{0}”", what)
    )
    return SetFieldValue(name, ids, field_id, f.value, value or None)


def rename_field(draft: Draft, field_id: int, name: str) -> RenameField:
    name = clean_text(name)
    f = _field(draft, field_id)
    other = draft.field_named(name)
    if other is not None and other.id != field_id:
        raise EditError(Msg(
            "已有名为“{0}”的字段：请改为关联这两个字段",
            "a field named “{0}” exists already: link the two instead",
            name,
        ))  # fmt: skip
    ids = (draft.next_id, draft.next_id)
    what = Msg("重命名“{0}”", "Rename “{0}”", f.name or f.label)
    return RenameField(what, ids, field_id, (f.name, f.label), (name, name))


def link_fields(draft: Draft, keep_id: int, drop_id: int) -> LinkFields:
    keep, drop = _field(draft, keep_id), _field(draft, drop_id)
    if keep_id == drop_id:
        raise EditError(Msg("字段不能与自身关联", "a field cannot be linked to itself"))
    blanks = [
        seg
        for body in draft.bodies()
        for seg in body
        if isinstance(seg, Blank) and seg.field_id == drop_id
    ]
    ids = (draft.next_id, draft.next_id)
    position = list(draft.fields).index(drop_id)
    name = Msg("关联“{0}”与“{1}”", "Link “{0}” with “{1}”", drop.label, keep.label)
    return LinkFields(name, ids, keep_id, drop, blanks, position)


# -- the draft as a whole ---------------------------------------------------------------------


def set_numbering(draft: Draft, style: str) -> SetDraftAttribute:
    if not is_style(style):
        raise EditError(Msg(
            "未知的编号样式“{0}”：可选 {1}",
            "unknown numbering style “{0}”: one of {1}",
            style,
            ", ".join(NUMBERING_STYLES),
        ))  # fmt: skip
    ids = (draft.next_id, draft.next_id)
    name = Msg("更改编号样式", "Change the numbering style")
    return SetDraftAttribute(name, ids, "numbering", draft.numbering, style)


def set_article_numbering(draft: Draft, article_id: int, style: str | None) -> SetNumberingAt:
    """Number an article's clauses in ``style`` rather than the draft's (None: the draft's)."""
    if style is not None:
        set_numbering(draft, style)  # the same check of the style's name
    article = next((a for p in draft.all_parts() for a in p.articles if a.id == article_id), None)
    if article is None:
        raise EditError(Msg("没有编号为 {0} 的条", "no article {0}", article_id))
    ids = (draft.next_id, draft.next_id)
    name = Msg("更改本条的编号样式", "Change the article's numbering style")
    return SetNumberingAt(name, ids, article_id, "numbering", article.numbering, style)


def set_part_start(draft: Draft, part_id: int, start: int) -> SetNumberingAt:
    """Start a part's articles at ``start`` (an excerpt of a statute at 第四百六十三条)."""
    part = draft.part(part_id)
    if part is None or not 1 <= start <= MAX_START:
        raise EditError(Msg(
            "起始条号须在 1 至 {0} 之间", "the first article number must be 1 to {0}", MAX_START
        ))  # fmt: skip
    ids = (draft.next_id, draft.next_id)
    name = Msg("更改起始条号", "Change the first article number")
    return SetNumberingAt(name, ids, part_id, "start", part.start, start)


def set_parties(draft: Draft, parties: list[Party]) -> SetDraftAttribute:
    parties = [Party(*(clean_text(v) for v in (p.role, p.name, p.address))) for p in parties]
    ids = (draft.next_id, draft.next_id)
    return SetDraftAttribute(
        Msg("编辑当事人", "Edit the parties"),
        ids,
        "parties",
        copy.deepcopy(draft.parties),
        copy.deepcopy(parties),
    )


def _annex_index(draft: Draft, annex_id: int) -> int:
    index = next((i for i, a in enumerate(draft.annexes) if a.id == annex_id), None)
    if index is None:
        raise EditError(Msg("没有编号为 {0} 的附件", "no annex {0}", annex_id))
    return index


def move_annex(draft: Draft, annex_id: int, to_index: int) -> SetAnnexes:
    """Move an annex to position ``to_index`` (0-based) among the annexes."""
    index = _annex_index(draft, annex_id)
    if not 0 <= to_index < len(draft.annexes):
        raise EditError(_outside(to_index, len(draft.annexes) - 1))
    annexes = list(draft.annexes)
    annex = annexes.pop(index)
    annexes.insert(to_index, annex)
    name = Msg("移动附件“{0}”", "Move the annex “{0}”", _short(f"{annex.label} {annex.title}"))
    ids = (draft.next_id, draft.next_id)
    return SetAnnexes(name, ids, list(draft.annexes), annexes, [])


def delete_annex(draft: Draft, annex_id: int) -> SetAnnexes:
    """Delete an annex; a reference to it keeps the text it last showed (it dangles)."""
    index = _annex_index(draft, annex_id)
    annex = draft.annexes[index]
    paths = number_paths(draft)
    dangling = [
        (seg, seg.last, ref_text(seg, paths))
        for body in draft.bodies()
        for seg in body
        if isinstance(seg, Ref) and seg.target == annex_id
    ]
    annexes = [a for a in draft.annexes if a is not annex]
    name = Msg("删除附件“{0}”", "Delete the annex “{0}”", _short(f"{annex.label} {annex.title}"))
    ids = (draft.next_id, draft.next_id)
    return SetAnnexes(name, ids, list(draft.annexes), annexes, dangling)


def set_title(draft: Draft, title: str) -> SetDraftAttribute:
    title = clean_text(title)
    ids = (draft.next_id, draft.next_id)
    return SetDraftAttribute(Msg("编辑标题", "Edit the title"), ids, "title", draft.title, title)


class History:
    """An undo stack without Qt, for the command line and the tests (the GUI uses QUndoStack)."""

    def __init__(self, draft: Draft) -> None:
        self.draft = draft
        self.done: list[Command] = []
        self.undone: list[Command] = []

    def push(self, command: Command, merge: bool = True) -> None:
        command.apply(self.draft)
        self.undone.clear()
        if not (merge and self.done and self.done[-1].merge(command)):
            self.done.append(command)

    def undo(self) -> bool:
        if not self.done:
            return False
        command = self.done.pop()
        command.revert(self.draft)
        self.undone.append(command)
        return True

    def redo(self) -> bool:
        if not self.undone:
            return False
        command = self.undone.pop()
        command.apply(self.draft)
        self.done.append(command)
        return True
