"""The one Qt-free editing entry point of the centre document: keys, paste, drops -> commands.

Every function reads the draft as it is and returns an ``Edit``: a command built against it
(not applied: ``DraftDocument.push`` applies it as one undo step) and where the caret goes
after it. Positions are ``Pos(block, offset)`` in the blocks of ``doc_blocks``, an offset
counting the block's characters with a Blank or a Ref as one. A function returns None when
the key does nothing there (Backspace at the very start, Tab on a first article), and raises
``EditError`` (one sentence) for a position that is not in the draft or cannot be edited.

Structure follows Word where the issue is silent: Enter at the end of a text starts the next
clause, inside one splits it, a deletion across clauses leaves the text before the selection
joined to the text after it, and what is left of deleted clauses keeps its level.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass
from typing import TYPE_CHECKING

from clause_db.messages import Msg

from .clipboard import copy_nodes, paste_inline, paste_nodes, topmost
from .commands import (
    TEXT_KINDS,
    Command,
    Compound,
    InsertNodes,
    MoveNode,
    ReplaceParts,
    SetBody,
    SetOutside,
    SetTables,
    SetText,
    SplitNode,
    outside_segments,
    text_value,
)
from .doc_blocks import (
    GRID_KINDS,
    OBJECT,
    PASSAGE_KINDS,
    TABLE_KINDS,
    BlockRef,
    block_text,
    blocks,
    has_body_block,
    has_heading_block,
    names_parties,
    text_segments,
)
from .draft import Blank, Draft, Node, Part, Party, Ref, plain
from .numbering import number_paths
from .ops import (
    EditError,
    _short,
    allocating,
    current_resolver,
    delete_node,
    in_a_part,
    insert_empty,
    insert_nodes,
    move_node,
    set_field_value,
    set_heading,
    set_parties,
)
from .printed import WORDS
from .regroup import regroup
from .text import clean_text, enter_text, ref_text

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable

    from .draft import Segment

OUTSIDE_KINDS = PASSAGE_KINDS + TABLE_KINDS  # texts outside the numbered body (SetOutside)
SEGMENT_KINDS = ("preamble", "part_body", "body", *OUTSIDE_KINDS)  # hold blanks and references
PASTE_SOURCE = "粘贴"  # the provenance of clauses pasted as plain text
CLAUSES_ONLY = "第一条\n"  # put before pasted 1.1 / （一） lines so clause_db reads them as clauses
_ROLES = {"zh": "甲乙丙丁戊己庚辛壬癸", "en": "ABCDEFGHIJ"}

# The readable names of the steps made here, in one place (ops names the rest).
STEP_NAMES = {  # each step's name in Chinese and in English (the window shows its language)
    "type": ("输入文字", "Typing"),
    "delete": ("删除文字", "Delete text"),
    "delete_range": ("删除", "Delete"),
    "split": ("拆分“{0}”", "Split “{0}”"),
    "merge": ("合并“{0}”", "Merge “{0}”"),
    "new_clause": ("新增条款", "New clause"),
    "new_article": ("新增条", "New article"),
    "demote": ("降级“{0}”", "Demote “{0}”"),
    "promote": ("升级“{0}”", "Promote “{0}”"),
    "body_to_clause": ("正文改为条款", "Text to clause"),
    "paste": ("粘贴", "Paste"),
    "move_text": ("移动文字", "Move text"),
    "title": ("编辑合同标题", "Edit the contract title"),
    "party": ("编辑当事人", "Edit a party"),
    "part_title": ("编辑部分标题", "Edit a part title"),
    "annex_title": ("编辑附件标题", "Edit an annex title"),
    "tick": ("勾选“{0}”", "Tick “{0}”"),
    "untick": ("取消勾选“{0}”", "Untick “{0}”"),
    "add_party": ("添加当事人", "Add a party"),
    "remove_party": ("删除当事人", "Remove a party"),
    "party_role": ("更改当事人称谓", "Rename a party's role"),
    "merge_parts": ("合并部分", "Merge parts"),
}


def step_name(key: str, what: str = "") -> Msg:
    zh, en = STEP_NAMES[key]
    return Msg(zh, en, _short(what))


@dataclass(frozen=True)
class Pos:
    ref: BlockRef
    offset: int


@dataclass
class Edit:
    """``command`` is None when only the caret moves (Enter at the end of a title)."""

    command: Command | None
    caret: Pos


# -- a new draft ------------------------------------------------------------------------------


def new_draft(title: str = "", roles: Iterable[str] | None = None, language: str = "zh") -> Draft:
    """What New opens: one part with one empty article (so drops and typing have a place),
    the usual two parties of ``language`` (甲方/乙方, Party A/Party B) and its numbering (an
    English contract is numbered Article 1 from the start); the caret goes to ``first_caret``."""
    if roles is None:
        roles = WORDS[language].default_roles
    numbering = "english" if language == "en" else "chinese"
    draft = Draft(
        title=clean_text(title), numbering=numbering, parties=[Party(role) for role in roles]
    )
    part = Part(draft.new_id())
    part.articles.append(Node(draft.new_id()))
    draft.parts.append(part)
    return draft


def first_caret(draft: Draft) -> Pos:
    """The heading of the first article (the title when there is none)."""
    for part in draft.parts:
        if part.articles:
            return Pos(BlockRef("heading", part.articles[0].id), 0)
    return Pos(BlockRef("title", 0), 0)


# -- reading blocks ---------------------------------------------------------------------------


def segments_of(draft: Draft, ref: BlockRef) -> list[Segment]:
    """The text a block shows, as segments (empty for an empty text)."""
    if ref.kind == "preamble":
        return list(draft.preamble)
    if ref.kind in TEXT_KINDS:
        _check_text_ref(draft, ref)
        return text_segments(text_value(draft, ref))
    if ref.kind == "part_body":
        return list(_part(draft, ref.owner).body)
    if ref.kind in ("heading", "body"):
        node = _node(draft, ref.owner)
        return text_segments(node.heading) if ref.kind == "heading" else list(node.body)
    if ref.kind in OUTSIDE_KINDS:
        try:
            return list(outside_segments(draft, ref))
        except KeyError as exc:
            raise EditError(
                Msg("该段文字已不在合同中", "that text is not in the draft any more")
            ) from exc
    if ref.kind == "signature":
        raise EditError(
            Msg(
                "签署栏由当事人生成：请编辑当事人",
                "the signature block is made from the parties: edit a party instead",
            )
        )
    raise EditError(f"no block {ref.kind!r} in the draft")


def _check_text_ref(draft: Draft, ref: BlockRef) -> None:
    if ref.kind == "part_title":
        _part(draft, ref.owner)
    elif ref.kind == "annex_title":
        if draft.passage(ref.owner) is None:
            raise EditError(f"no annex {ref.owner} in the draft")
    elif ref.kind != "title" and not 0 <= ref.owner < len(draft.parties):
        raise EditError(f"no party {ref.owner + 1} in the draft")


def _node(draft: Draft, node_id: int) -> Node:
    node = draft.node(node_id)
    if node is None:
        raise EditError(f"no article or clause {node_id} in the draft")
    return node


def _part(draft: Draft, part_id: int) -> Part:
    part = draft.part(part_id)
    if part is None:
        raise EditError(f"no part {part_id} in the draft")
    return part


_LINE_BREAKS = str.maketrans({"\u2028": "\n", "\u2029": "\n", "\r": "\n", OBJECT: None})


def typed(text: str) -> str:
    """Text as it enters a block: no lone surrogates, every line break "\n" (the view's
    U+2028, a pasted U+2029 or CR LF), and no U+FFFC, which stands for a chip in a block's
    text: a typed or pasted one would be taken for a field."""
    return clean_text(text.replace("\r\n", "\n")).translate(_LINE_BREAKS)


def normalised(segments: Iterable[Segment]) -> list[Segment]:
    """Adjacent strings joined, empty ones dropped: one text has one spelling."""
    out: list[Segment] = []
    for seg in segments:
        if isinstance(seg, str):
            if not seg:
                continue
            if out and isinstance(out[-1], str):
                out[-1] += seg
                continue
        out.append(seg)
    return out


def cut(segments: list[Segment], start: int, end: int) -> list[Segment]:
    """The segments between two block offsets (a Blank or a Ref counts one)."""
    out: list[Segment] = []
    pos = 0
    for seg in segments:
        size = len(seg) if isinstance(seg, str) else 1
        lo, hi = max(start, pos), min(end, pos + size)
        if lo < hi:
            out.append(seg[lo - pos : hi - pos] if isinstance(seg, str) else seg)
        pos += size
    return out


def _check_offset(segments: list[Segment], pos: Pos) -> int:
    size = len(block_text(segments))
    if not 0 <= pos.offset <= size:
        raise EditError(f"position {pos.offset} is outside the text (0..{size})")
    return size


def flat(draft: Draft, segments: Iterable[Segment]) -> str:
    """Segments as one-line text (a title, a heading): blanks as written, references as now."""
    segments = list(segments)
    paths = number_paths(draft) if any(isinstance(s, Ref) for s in segments) else {}
    return "".join(ref_text(s, paths) if isinstance(s, Ref) else plain([s]) for s in segments)


# -- text in one block ------------------------------------------------------------------------


def replace_text(draft: Draft, ref: BlockRef, segments: list[Segment], name: str = "") -> Command:
    """The command that makes block ``ref`` hold ``segments`` (flattened where a text is one
    line of characters: titles, headings, parties)."""
    old = segments_of(draft, ref)
    segments = normalised(typed(s) if isinstance(s, str) else s for s in segments)
    ids = (draft.next_id, draft.next_id)
    if ref.kind in SEGMENT_KINDS:
        for seg in segments:
            if isinstance(seg, Blank) and seg.field_id not in draft.fields:
                raise EditError(f"a blank of field {seg.field_id}, which the draft does not have")
        return segments_command(name or step_name("type"), ids, ref, old, segments)
    text = flat(draft, segments)
    if ref.kind == "heading":
        command = set_heading(draft, ref.owner, text)
        command.name = name or command.name
        return command
    key = {"title": "title", "part_title": "part_title", "annex_title": "annex_title"}.get(
        ref.kind, "party"
    )
    return SetText(name or step_name(key), ids, ref.kind, ref.owner, flat(draft, old), text)


def segments_command(
    name: Msg,
    ids: tuple[int, ...],
    ref: BlockRef,
    old: list[Segment],
    new: list[Segment],
    new_fields: list | None = None,
) -> Command:
    """The command that puts ``new`` in a text that holds blanks (``SEGMENT_KINDS``)."""
    fields = list(new_fields or [])
    if ref.kind in OUTSIDE_KINDS:
        return SetOutside(name, tuple(ids), ref, old, new, fields)
    owner = 0 if ref.kind == "preamble" else ref.owner
    return SetBody(name, tuple(ids), owner, old, new, fields)


def set_block_text(draft: Draft, ref: BlockRef, segments: list[Segment]) -> Edit | None:
    """The view's native typing path: the block now reads ``segments`` (None: no change)."""
    if normalised(segments) == normalised(segments_of(draft, ref)):
        return None
    command = replace_text(draft, ref, segments)
    kept = normalised(segments)  # [""] empties the block as [] does: its block may go
    caret = Pos(ref, len(block_text(kept)))
    return Edit(command, caret if kept else _settle(draft, command, caret))


def type_text(draft: Draft, pos: Pos, text: str) -> Edit | None:
    """Insert typed (or IME-committed) ``text`` at ``pos``; typing in one block merges into
    one undo step. None when nothing is left to insert (a lone U+FFFC)."""
    old = segments_of(draft, pos.ref)
    size = _check_offset(old, pos)
    text = typed(text)
    if not text:
        return None
    new = [*cut(old, 0, pos.offset), text, *cut(old, pos.offset, size)]
    return Edit(replace_text(draft, pos.ref, new), Pos(pos.ref, pos.offset + len(text)))


# -- deleting ---------------------------------------------------------------------------------


def delete_range(draft: Draft, start: Pos, end: Pos) -> Edit | None:
    """Delete from ``start`` to ``end`` (either order), across blocks as Word would: the text
    before the selection and the text after it join in the first block; articles and clauses
    wholly inside go; clauses after the end keep their level; a part whose title goes joins
    the part before it. The signature block is never deleted."""
    listed = blocks(draft)
    index = {b.ref: i for i, b in enumerate(listed)}
    for pos in (start, end):
        if pos.ref not in index:
            raise EditError(
                Msg("所选内容已不在合同中", "the selection is not in the draft any more")
            )
        _check_offset(listed[index[pos.ref]].segments, pos)
    if (index[start.ref], start.offset) > (index[end.ref], end.offset):
        start, end = end, start
    s, e = index[start.ref], index[end.ref]
    if not listed[s].editable:
        return None
    while not listed[e].editable:  # the selection runs into the signature: stop before it
        e -= 1
        end = Pos(listed[e].ref, len(listed[e].text))
    if (s, start.offset) >= (e, end.offset):
        return None
    regions = annex_regions(draft)
    # a selection ending in a table, the cover or the signature block takes one text at a
    # time; tables wholly inside it stay (with the text before them), as a deletion of the
    # text around a table keeps it
    ends = {region(listed[s].ref, regions), region(listed[e].ref, regions)}
    inside = {
        region(b.ref, regions)
        for b in listed[s : e + 1]
        if b.ref.kind not in (*TABLE_KINDS, *GRID_KINDS)
    }
    spanned = ends | inside if s != e else set()
    if None in spanned or len(spanned) > 1:
        raise EditError(
            Msg(
                "表格、封面和签署栏中的文字只能逐段删除，附件中的内容只能在该附件内删除",
                "text in a table, the cover or the signature block is deleted one paragraph"
                " at a time, and an annex's only within the annex",
            )
        )
    if s == e:
        old = listed[s].segments
        new = cut(old, 0, start.offset) + cut(old, end.offset, len(listed[s].text))
        command = replace_text(draft, start.ref, new, step_name("delete"))
        return Edit(command, start if new else _settle(draft, command, start))
    tail = cut(listed[e].segments, end.offset, len(listed[e].text))
    last = listed[e].ref
    if (
        _starts_node(draft, start)
        and last.kind in ("heading", "body")
        and last.owner != start.ref.owner
    ):
        # from the very start of a clause into another: the clauses before go whole, the one
        # the selection ends in keeps what is left of it (and its number, level, references)
        command = _delete_blocks(draft, last, [b.ref for b in listed[s:e]], tail)
        return Edit(command, _settle(draft, command, Pos(last, 0)))
    joined = cut(listed[s].segments, 0, start.offset) + tail
    command = _delete_blocks(draft, start.ref, [b.ref for b in listed[s + 1 : e + 1]], joined)
    return Edit(command, _settle(draft, command, start))


BODY = 0  # the region of the numbered body (title to last article)


def annex_regions(draft: Draft) -> dict[int, int]:
    """The annex id of every part and node of an annex's own articles (few: one walk)."""
    out: dict[int, int] = {}
    for annex in draft.annexes:
        for part in annex.parts:
            out[part.id] = annex.id
            for article in part.articles:
                out.update((node.id, annex.id) for node in article.walk())
    return out


def region(ref: BlockRef, regions: dict[int, int]) -> int | None:
    """Where a deletion may run across texts: the body (``BODY``) or one annex's articles
    (its id); None for a text it never runs across (a table cell, the cover, the source's
    signature block, an annex's title or text)."""
    if ref.kind in OUTSIDE_KINDS or ref.kind == "annex_title":
        return None
    if ref.kind.startswith("part_") or ref.kind in ("heading", "body"):
        return regions.get(ref.owner, BODY)
    return BODY


def joinable(draft: Draft, a: BlockRef, b: BlockRef) -> bool:
    """Whether two blocks may be joined by a deletion (Delete at the end of one)."""
    regions = annex_regions(draft)
    return region(a, regions) is not None and region(a, regions) == region(b, regions)


def _starts_node(draft: Draft, pos: Pos) -> bool:
    """Whether ``pos`` is the very start of an article or clause (its first block)."""
    if pos.offset or pos.ref.kind not in ("heading", "body"):
        return False
    node = _node(draft, pos.ref.owner)
    first = "heading" if has_heading_block(node, _depth(draft, node.id)) else "body"
    return pos.ref.kind == first


def _delete_blocks(
    draft: Draft, first: BlockRef, gone: list[BlockRef], joined: list[Segment], into_body=False
) -> Command:
    """Blocks ``gone`` go, block ``first`` holds ``joined`` (with ``into_body`` the text of
    the node whose heading ``first`` is)."""
    steps: list[Command] = []
    front = [r for r in gone if r.kind in ("party_name", "party_address", "preamble")]
    for ref in front:
        steps.append(replace_text(draft, ref, []))
    if first.kind in ("title", "party_name", "party_address", "preamble"):
        steps.insert(0, replace_text(draft, first, joined))
    structural = [r for r in [first, *gone] if r.kind not in ("title", "preamble")]
    structural = [r for r in structural if not r.kind.startswith("party")]
    name = step_name("delete_range")
    if structural:
        text = flat(draft, joined)
        annex = region(first, annex_regions(draft)) or 0
        joined = normalised(joined)
        steps.append(regroup(draft, first, set(gone), joined, text, into_body, name, annex))
    if len(steps) == 1:
        steps[0].name = name
        return steps[0]
    return Compound(name, (steps[0].ids[0], steps[-1].ids[1]), steps)


def _settle(draft: Draft, command: Command, pos: Pos) -> Pos:
    """``pos`` after ``command``; when its block went (an emptied part text, a clause whose
    heading was deleted), the node's other block, else the end of the block before it.
    Looks at that block only, unless it went: numbering 1,000 articles would double a delete."""
    refs = [pos.ref]
    if pos.ref.kind in ("heading", "body"):
        refs += [BlockRef("body", pos.ref.owner), BlockRef("heading", pos.ref.owner)]
    command.apply(draft)
    try:
        for ref in refs:
            if _shown(draft, ref):
                size = len(block_text(segments_of(draft, ref)))
                return Pos(ref, min(pos.offset, size) if ref == pos.ref else 0)
    finally:
        command.revert(draft)
    before = [b.ref for b in blocks(draft)]
    index = before.index(pos.ref) if pos.ref in before else 1
    command.apply(draft)
    try:
        after = {b.ref: b for b in blocks(draft) if b.editable}
        earlier = [r for r in reversed(before[:index]) if r in after]
        ref = earlier[0] if earlier else BlockRef("title", 0)
        return Pos(ref, len(after[ref].text))
    finally:
        command.revert(draft)


def _shown(draft: Draft, ref: BlockRef) -> bool:
    """Whether ``blocks(draft)`` has a block ``ref`` (by the same rules, without the rest)."""
    kind = ref.kind
    if kind in ("title", "preamble"):
        return True
    if kind in OUTSIDE_KINDS or kind == "annex_title":
        return any(b.ref == ref for b in blocks(draft))
    if kind in ("party_name", "party_address"):
        return 0 <= ref.owner < len(draft.parties) and not names_parties(draft.preamble)
    if kind.startswith("part_"):
        part = draft.part(ref.owner)
        if part is None:
            return False
        return bool(part.body) if kind == "part_body" else len(draft.parts) > 1 or bool(part.title)
    if kind not in ("heading", "body") or draft.node(ref.owner) is None:
        return False
    node, depth = draft.node(ref.owner), _depth(draft, ref.owner)
    return has_heading_block(node, depth) if kind == "heading" else has_body_block(node, depth)


# -- Enter and Backspace ----------------------------------------------------------------------


def _depth(draft: Draft, node_id: int) -> int:
    """1 for an article, 2 for its clauses, ..."""

    def find(nodes: list[Node], depth: int) -> int:
        for node in nodes:
            if node.id == node_id:
                return depth
            found = find(node.children, depth + 1)
            if found:
                return found
        return 0

    for part in draft.all_parts():
        found = find(part.articles, 1)
        if found:
            return found
    raise EditError(f"no article or clause {node_id} in the draft")


def _next_block(draft: Draft, ref: BlockRef) -> Pos:
    listed = blocks(draft)
    i = next(i for i, b in enumerate(listed) if b.ref == ref)
    if i + 1 < len(listed) and listed[i + 1].editable:
        return Pos(listed[i + 1].ref, 0)
    return Pos(ref, len(listed[i].text))


def _empty_child(draft: Draft, parent_id: int, index: int) -> tuple[InsertNodes, Pos]:
    command = insert_empty(draft, parent_id, index)
    command.name = step_name("new_clause")
    return command, Pos(BlockRef("body", command.nodes[0].id), 0)


def enter(draft: Draft, pos: Pos) -> Edit | None:
    """Enter: at the end of a clause the next clause, inside a text a split, at the end of
    an article's heading its text; a line break in the preamble and a part's own text."""
    segments = segments_of(draft, pos.ref)
    size = _check_offset(segments, pos)
    kind = pos.ref.kind
    if kind in TEXT_KINDS:
        return Edit(None, _next_block(draft, pos.ref))
    if kind in ("preamble", "part_body", *OUTSIDE_KINDS):
        return type_text(draft, pos, "\n")  # a cell, a cover or an annex text: a new line
    node = _node(draft, pos.ref.owner)
    parent_id = draft.parent_id(node.id)
    index = draft.find(node.id)[2]
    depth = _depth(draft, node.id)
    if kind == "heading":
        if pos.offset == size:
            if has_body_block(node, depth):
                return Edit(None, Pos(BlockRef("body", node.id), 0))
            return Edit(*_empty_child(draft, node.id, 0))
        if pos.offset == 0:  # a new empty one before, as Word opens a line above
            command, _ = _empty_child(draft, parent_id, index)
            command.name = step_name("new_article" if depth == 1 else "new_clause")
            return Edit(command, pos)
        steps = [
            set_heading(draft, node.id, node.heading[: pos.offset]),
            replace_text(
                draft, BlockRef("body", node.id), [node.heading[pos.offset :], *node.body]
            ),
        ]
        name = step_name("split", node.heading)
        return Edit(Compound(name, steps[0].ids, steps), Pos(BlockRef("body", node.id), 0))
    if pos.offset == size:
        if depth == 1 or node.children:
            return Edit(*_empty_child(draft, node.id, 0))
        return Edit(*_empty_child(draft, parent_id, index + 1))
    if pos.offset == 0 and depth > 1 and not node.heading:
        command, _ = _empty_child(draft, parent_id, index)
        return Edit(command, pos)
    return Edit(*_split(draft, node, depth, parent_id, index, pos.offset))


def _split(
    draft: Draft, node: Node, depth: int, parent_id: int, index: int, offset: int
) -> tuple[Command, Pos]:
    """The text after ``offset`` becomes the next clause: an article's first clause, or a
    clause's next sibling, which takes the clause's own clauses along (reading order). The
    node's tables go with the tail: they stay after the text just before them."""
    size = len(block_text(node.body))
    head, tail = cut(node.body, 0, offset), cut(node.body, offset, size)
    name = step_name("split", block_text(head) or node.heading)
    with allocating(draft) as ids:
        new = Node(draft.new_id(), body=tail)
    caret = Pos(BlockRef("body", new.id), 0)
    if depth == 1:
        same = (ids[0], ids[0])
        steps: list[Command] = [SetBody(name, same, node.id, list(node.body), head)]
        if node.tables:
            new.tables = list(node.tables)
            steps.append(SetTables(name, same, node.id, list(node.tables), []))
        steps.append(insert_nodes(draft, node.id, 0, [new], [], tuple(ids), ""))
        return Compound(name, tuple(ids), steps), caret
    split = SplitNode(name, tuple(ids), parent_id, index, list(node.body), head, new)
    moves: list[Command] = [
        MoveNode(name, (ids[1], ids[1]), child.id, node.id, 0, new.id, j)
        for j, child in enumerate(node.children)
    ]
    if not moves:
        return split, caret
    return Compound(name, tuple(ids), [split, *moves]), caret


def backspace_at_start(draft: Draft, ref: BlockRef) -> Edit | None:
    """Backspace at the start of a block: a clause (or an empty article) merges into the text
    before it, its clauses keeping their level; elsewhere the caret steps back."""
    segments_of(draft, ref)  # a block of this draft
    listed = blocks(draft)
    i = next((i for i, b in enumerate(listed) if b.ref == ref), None)
    if i is None or i == 0:
        return None
    if ref.kind == "cell":
        return None  # a table's cells never merge (nor does the caret leave the cell)
    prev = listed[i - 1]
    back = Pos(prev.ref, len(prev.text))
    if ref.kind == "part_title":
        part = _part(draft, ref.owner)
        body_part = any(p is part for p in draft.parts)
        if part.title or part.body or not body_part or draft.parts.index(part) == 0:
            return Edit(None, back)  # (an annex's parts never merge)
        return Edit(_merge_part(draft, part), back)
    if ref.kind not in ("heading", "body"):
        return Edit(None, back)
    node = _node(draft, ref.owner)
    depth = _depth(draft, node.id)
    first_block = "heading" if has_heading_block(node, depth) else "body"
    if ref.kind != first_block or node.heading:
        return Edit(None, back)  # a text after its heading, or a heading with words in it
    if prev.ref.kind in (*TABLE_KINDS, *GRID_KINDS):  # after a table: the text before it
        holder = table_holder(draft, prev.ref.owner)
        shown = {b.ref: b for b in listed} if holder is not None else {}
        before_table = shown.get(BlockRef("body", holder)) or shown.get(BlockRef("heading", holder))
        if before_table is not None and joinable(draft, before_table.ref, ref):
            prev = before_table  # its tables stay in order, the merged clause's after them
            back = Pos(prev.ref, len(prev.text))
    if prev.ref.kind not in ("heading", "body") or not joinable(draft, prev.ref, ref):
        return _drop_empty_first(draft, node, back)
    last = i
    if has_body_block(node, depth) and ref.kind == "heading":
        last = i + 1  # an empty heading and its text go together
    into_body = prev.ref.kind == "heading"  # into the text of the node above, not its title
    if into_body:
        owner = _node(draft, prev.ref.owner)
        back = Pos(BlockRef("body", owner.id), len(block_text(owner.body)))
        joined = [*owner.body, *node.body]
    else:
        joined = [*prev.segments, *node.body]
    gone = [b.ref for b in listed[i : last + 1]]
    command = _delete_blocks(draft, prev.ref, gone, joined, into_body)
    command.name = step_name("merge", block_text(node.body))
    return Edit(command, _settle(draft, command, back))


def _drop_empty_first(draft: Draft, node: Node, back: Pos) -> Edit:
    """The first article of a part merges into nothing: an empty one goes (not the last)."""
    empty = not node.heading and not node.body and not node.children and not node.tables
    if not empty or sum(1 for _ in draft.nodes()) < 2:
        return Edit(None, back)
    return Edit(delete_node(draft, node.id), back)


def _merge_part(draft: Draft, part: Part) -> ReplaceParts:
    """An untitled part without text of its own joins the part before it."""
    i = draft.parts.index(part)
    before = draft.parts[i - 1]
    joined = Part(before.id, before.title, before.restart_numbering, before.body, [],
                  before.start)  # fmt: skip
    joined.articles = [*before.articles, *part.articles]
    ids = (draft.next_id, draft.next_id)
    return ReplaceParts(step_name("merge_parts"), ids, i - 1, [before, part], [joined])


# -- structure keys ---------------------------------------------------------------------------


def _node_ref(draft: Draft, ref: BlockRef) -> Node | None:
    return _node(draft, ref.owner) if ref.kind in ("heading", "body") else None


def demote(draft: Draft, ref: BlockRef, offset: int = 0) -> Edit | None:
    """Tab: the node becomes the last clause of the one before it; in an article's text,
    that text (with the tables after it) becomes the article's clause 1. None for a first
    article or clause."""
    node = _node_ref(draft, ref)
    if node is None:
        return None
    depth = _depth(draft, node.id)
    if ref.kind == "body" and has_heading_block(node, depth):
        with allocating(draft) as ids:
            clause = Node(draft.new_id(), body=list(node.body), tables=list(node.tables))
        name = step_name("body_to_clause")
        same = (ids[0], ids[0])
        steps: list[Command] = [SetBody(name, same, node.id, list(node.body), [])]
        if node.tables:
            steps.append(SetTables(name, same, node.id, list(node.tables), []))
        steps.append(insert_nodes(draft, node.id, 0, [clause], [], tuple(ids), ""))
        caret = Pos(BlockRef("body", clause.id), offset)
        return Edit(Compound(name, tuple(ids), steps), caret)
    _, container, index = draft.find(node.id)
    if index == 0:
        return None
    before = container[index - 1]
    command = move_node(draft, node.id, before.id, len(before.children))
    command.name = step_name("demote", node.heading or block_text(node.body))
    return Edit(command, _settle(draft, command, Pos(ref, offset)))


def promote(draft: Draft, ref: BlockRef, offset: int = 0) -> Edit | None:
    """Shift+Tab: a clause becomes the sibling after its parent (a top-level clause an
    article); the clauses after it become its own, as in Word. None for an article."""
    node = _node_ref(draft, ref)
    if node is None or _depth(draft, node.id) == 1:
        return None
    parent_id = draft.parent_id(node.id)
    parent = _node(draft, parent_id)
    index = next(i for i, c in enumerate(parent.children) if c.id == node.id)
    grand_id = draft.parent_id(parent_id)
    parent_index = draft.find(parent_id)[2]
    name = step_name("promote", node.heading or block_text(node.body))
    ids = (draft.next_id, draft.next_id)
    steps: list[Command] = [
        MoveNode(name, ids, node.id, parent_id, index, grand_id, parent_index + 1)
    ]
    for j, sibling in enumerate(parent.children[index + 1 :]):
        steps.append(
            MoveNode(name, ids, sibling.id, parent_id, index, node.id, len(node.children) + j)
        )
    command = steps[0] if len(steps) == 1 else Compound(name, ids, steps)
    return Edit(command, _settle(draft, command, Pos(ref, offset)))


def new_article(draft: Draft, pos: Pos) -> Edit:
    """Ctrl+Enter: an empty article after the one the caret is in (first in its part when
    the caret is in a part's title or text, first of all before the articles)."""
    part_id, index = _article_slot(draft, pos.ref)

    def build(d: Draft) -> Command:
        target = part_id if part_id is not None else d.parts[0].id
        command = insert_empty(d, target, index)
        command.name = step_name("new_article")
        return command

    command = in_a_part(draft, build)
    inserted = command if isinstance(command, InsertNodes) else command.steps[-1]
    return Edit(command, Pos(BlockRef("heading", inserted.nodes[0].id), 0))


def _article_slot(draft: Draft, ref: BlockRef) -> tuple[int | None, int]:
    """Where a new article goes for a caret in ``ref``: (part id, index); None: the first.
    In a table, as in the text of the article holding it; in an annex, first among the
    annex's own articles, or after the last article of the body when it has none."""
    if ref.kind in TABLE_KINDS:
        holder = table_holder(draft, ref.owner)
        if holder is not None:
            ref = BlockRef("body", holder)
    if ref.kind in ("annex_title", "annex_body"):
        annex = draft.passage(ref.owner)
        if annex is not None and annex.parts:
            return annex.parts[0].id, 0
        ref = BlockRef("signed", ref.owner)
    if ref.kind in ("heading", "body"):
        _node(draft, ref.owner)
        for part in draft.all_parts():
            for i, article in enumerate(part.articles):
                if any(n.id == ref.owner for n in article.walk()):
                    return part.id, i + 1
    if ref.kind in ("part_title", "part_body"):
        return _part(draft, ref.owner).id, 0
    if ref.kind in ("signature", "signed") and draft.parts:
        return draft.parts[-1].id, len(draft.parts[-1].articles)
    return None, 0


def table_holder(draft: Draft, table_id: int) -> int | None:
    """The id of the article or clause a table stands in (None: a passage's table)."""
    for part in draft.all_parts():
        for article in part.articles:
            for node in article.walk():
                if any(t.id == table_id for t in node.tables):
                    return node.id
    return None


def move(draft: Draft, ref: BlockRef, delta: int, offset: int = 0) -> Edit | None:
    """Alt+Up / Alt+Down: the article or clause the caret is in swaps with its neighbour."""
    node = _node_ref(draft, ref)
    if node is None or delta == 0:
        return None
    _, container, index = draft.find(node.id)
    target = index + delta
    if not 0 <= target < len(container):
        return None
    parent_id = draft.parent_id(node.id)
    command = move_node(draft, node.id, parent_id, target + 1 if delta > 0 else target)
    return Edit(command, Pos(ref, offset))


# -- paste ------------------------------------------------------------------------------------


def paste(
    draft: Draft, pos: Pos, payload: bytes | str, origin: str = "", segment: bool = True
) -> Edit | None:
    """Paste the app's own clipboard data (articles and clauses with their fields and
    references: after the clause the caret is in) or plain text: lines written 第X条 / 1.1
    become articles and clauses (``segment``), other text goes in at the caret, its blanks
    becoming fields. EditError for clipboard data that cannot be read."""
    segments_of(draft, pos.ref)
    if isinstance(payload, bytes):
        return _paste_nodes(
            draft, pos, lambda d, parent, i: paste_nodes(d, payload, parent, i, origin)
        )
    text = typed(payload)
    if not text:
        return None
    if segment and "\n" in text.strip() and region(pos.ref, annex_regions(draft)) == BODY:
        edit = _paste_outline(draft, pos, text)
        if edit is not None:
            return edit
    return _paste_text(draft, pos, text)


def paste_within(draft: Draft, pos: Pos, payload: bytes, origin: str = "") -> Edit:
    """Paste part of a text copied by the app (``clipboard.copy_inline``) at ``pos``: its
    blanks stay blanks of their fields, its references references (as words in a title or
    a heading). EditError for clipboard data that cannot be read."""
    old = segments_of(draft, pos.ref)
    size = _check_offset(old, pos)
    with allocating(draft) as ids:
        pasted, new_fields = paste_inline(draft, payload, origin)
    if pos.ref.kind not in SEGMENT_KINDS:
        return _insert(draft, pos, pasted, step_name("paste"))
    new = normalised([*cut(old, 0, pos.offset), *pasted, *cut(old, pos.offset, size)])
    command = segments_command(step_name("paste"), ids, pos.ref, old, new, new_fields)
    return Edit(command, Pos(pos.ref, pos.offset + len(block_text(pasted))))


def move_text(draft: Draft, start: Pos, end: Pos, to: Pos, copy_only: bool = False) -> Edit | None:
    """Text selected within one block, dragged to ``to``: moved as one step (copied when
    ``copy_only``), blanks and references with it. None when it would land inside itself."""
    if start.ref != end.ref:
        raise EditError(
            Msg("只能拖动一段内的文字", "only text within one paragraph can be dragged")
        )
    if start.offset > end.offset:
        start, end = end, start
    moved = cut(segments_of(draft, start.ref), start.offset, end.offset)
    segments_of(draft, to.ref)
    if not moved:
        return None
    if copy_only:
        return _insert(draft, to, moved, step_name("paste"))
    if to.ref == start.ref and start.offset <= to.offset <= end.offset:
        return None
    drop = delete_range(draft, start, end)
    if drop is None:  # not editable
        return None
    if to.ref == start.ref and to.offset > end.offset:
        to = Pos(to.ref, to.offset - (end.offset - start.offset))
    drop.command.apply(draft)
    try:
        insert = _insert(draft, to, moved, step_name("move_text"))
    finally:
        drop.command.revert(draft)
    steps = [drop.command, insert.command]
    return Edit(
        Compound(insert.command.name, (drop.command.ids[0], insert.command.ids[1]), steps),
        insert.caret,
    )


def _insert(draft: Draft, pos: Pos, segments: list[Segment], name: Msg) -> Edit:
    """``segments`` put in at ``pos`` (flattened in a one-line text), as one command."""
    old = segments_of(draft, pos.ref)
    size = _check_offset(old, pos)
    if pos.ref.kind not in SEGMENT_KINDS:
        segments = [" ".join(flat(draft, segments).split("\n"))]
    new = [*cut(old, 0, pos.offset), *segments, *cut(old, pos.offset, size)]
    command = replace_text(draft, pos.ref, new, name)
    return Edit(command, Pos(pos.ref, pos.offset + len(block_text(segments))))


def _paste_text(draft: Draft, pos: Pos, text: str) -> Edit:
    old = segments_of(draft, pos.ref)
    size = _check_offset(old, pos)
    if pos.ref.kind not in SEGMENT_KINDS:
        text = " ".join(text.split("\n"))
        new = [*cut(old, 0, pos.offset), text, *cut(old, pos.offset, size)]
        return Edit(
            replace_text(draft, pos.ref, new, step_name("paste")),
            Pos(pos.ref, pos.offset + len(text)),
        )
    owner = 0 if pos.ref.kind in ("preamble", *OUTSIDE_KINDS) else pos.ref.owner
    with allocating(draft) as ids:
        entered = enter_text(draft, text, current_resolver(draft, owner))
    new = normalised([*cut(old, 0, pos.offset), *entered.segments, *cut(old, pos.offset, size)])
    command = segments_command(step_name("paste"), ids, pos.ref, old, new, entered.new_fields)
    caret = Pos(pos.ref, pos.offset + len(block_text(entered.segments)))
    return Edit(command, caret)


def _paste_outline(draft: Draft, pos: Pos, text: str) -> Edit | None:
    """Text holding 第X条 (or 1.1) lines, segmented by clause_db; None when it has none."""
    from clause_db.segment import parse_text  # the segmenter loads only when pasting

    from .importer import draft_from_document

    documents = parse_text(text).documents
    if documents and any(p.articles for p in documents[0].parts):
        pasted = draft_from_document(documents[0], text, PASTE_SOURCE)
        nodes = [a.id for p in pasted.parts for a in p.articles]
    else:  # clauses only (1.1 / （一） lines): read them as the clauses of an article
        wrapped = CLAUSES_ONLY + text
        documents = parse_text(wrapped).documents
        articles = [a for p in documents[0].parts for a in p.articles] if documents else []
        if len(articles) != 1 or not articles[0].clauses or articles[0].text.value.strip():
            return None
        pasted = draft_from_document(documents[0], wrapped, PASTE_SOURCE)
        nodes = [c.id for c in pasted.parts[0].articles[0].children]
    data = copy_nodes(pasted, nodes, origin="")

    def build(d: Draft, parent: int, index: int) -> InsertNodes:
        return paste_nodes(d, data, parent, index, "text")

    lead = "\n".join(t for t in (pasted.title, flat(pasted, pasted.preamble)) if t.strip())
    if not lead.strip():
        return _paste_nodes(draft, pos, build)
    text = _paste_text(draft, pos, lead)  # the lines before the first article, at the caret
    text.command.apply(draft)
    try:
        nodes = _paste_nodes(draft, text.caret, build)
    finally:
        text.command.revert(draft)
    ids = (text.command.ids[0], nodes.command.ids[1])
    return Edit(Compound(step_name("paste"), ids, [text.command, nodes.command]), nodes.caret)


def _paste_nodes(draft: Draft, pos: Pos, build: Callable[[Draft, int, int], InsertNodes]) -> Edit:
    ref = pos.ref
    if ref.kind in OUTSIDE_KINDS or ref.kind == "annex_title":
        raise EditError(
            Msg(
                "条款不能粘贴到表格、封面、签署栏或附件文字中：请粘贴到条款处",
                "clauses cannot be pasted into a table, the cover, the signature block or an"
                " annex's text: paste them at a clause",
            )
        )
    if ref.kind in ("heading", "body"):
        node = _node(draft, ref.owner)
        parent_id = draft.parent_id(node.id)
        index = draft.find(node.id)[2]
        if not node.heading and not node.body and not node.children and not node.tables:
            command: Command = _instead_of(draft, node, lambda d: build(d, parent_id, index))
        else:
            if not _starts_node(draft, pos):
                index += 1  # after the clause the caret is in; before it from its very start
            command = build(draft, parent_id, index)
    else:
        part_id, index = _article_slot(draft, ref)
        command = in_a_part(
            draft, lambda d: build(d, part_id if part_id is not None else d.parts[0].id, index)
        )
    command.name = step_name("paste")
    inserted = command if isinstance(command, InsertNodes) else command.steps[-1]
    top = inserted.nodes[0]
    return Edit(command, _settle(draft, command, Pos(BlockRef("heading", top.id), 0)))


def _instead_of(draft: Draft, empty: Node, build: Callable[[Draft], Command]) -> Command:
    """What is pasted into an empty clause takes its place (as Word pastes into an empty
    paragraph): Cut then Paste of a whole article puts it back as it was, ids and all."""
    drop = delete_node(draft, empty.id)
    drop.apply(draft)
    try:
        insert = build(draft)
    finally:
        drop.revert(draft)
    return Compound(insert.name, (drop.ids[0], insert.ids[1]), [drop, insert])


def fill_field(draft: Draft, field_id: int, value: str | None, at: Pos | None = None) -> Edit:
    """Typing into a chip: the field's value, everywhere it occurs (None or "" clears it);
    the caret stays at ``at``."""
    command = set_field_value(draft, field_id, value)
    return Edit(command, at or first_caret(draft))


def toggle_box(draft: Draft, field_id: int, at: Pos | None = None) -> Edit:
    """A click or Space on a tick box: ticked ("1") or not (None), each time a step of its
    own (two clicks are two steps, not one that cancels out)."""
    field = draft.fields.get(field_id)
    if field is None:
        raise EditError(f"no field {field_id} in the draft")
    edit = fill_field(draft, field_id, None if field.value else "1", at)
    edit.command.name = step_name("untick" if field.value else "tick", field.label)
    edit.command.alone = True
    return edit


def delete_nodes(draft: Draft, node_ids: list[int]) -> Edit | None:
    """Whole articles or clauses go (Cut from the outline or the context menu), one step;
    the caret goes to where the first of them was. None when none of them is in the draft."""
    chosen = topmost(draft, node_ids)
    if not chosen:
        return None
    listed = blocks(draft)
    owners = {n.id for top in chosen for n in top.walk()}
    first = next(
        i
        for i, b in enumerate(listed)
        if b.ref.owner in owners and b.ref.kind in ("heading", "body")
    )
    steps: list[Command] = []
    for node in chosen:  # each built against the draft the ones before it leave
        step = delete_node(draft, node.id)
        step.apply(draft)
        steps.append(step)
    for step in reversed(steps):
        step.revert(draft)
    name = steps[0].name if len(steps) == 1 else step_name("delete_range")
    command = steps[0] if len(steps) == 1 else Compound(name, steps[0].ids, steps)
    prev = listed[first - 1]
    return Edit(command, _settle(draft, command, Pos(prev.ref, len(prev.text))))


# -- parties ----------------------------------------------------------------------------------


def add_party(draft: Draft, role: str = "") -> Edit:
    """A new party after the others: 丙方 after 甲方 and 乙方 (Party C after Party B)."""
    parties = copy.deepcopy(draft.parties)
    parties.append(Party(role or _next_role(draft.parties)))
    command = set_parties(draft, parties)
    command.name = step_name("add_party")
    return _party_edit(draft, command, len(parties) - 1)


def remove_party(draft: Draft, index: int) -> Edit:
    if not 0 <= index < len(draft.parties):
        raise EditError(f"no party {index + 1} in the draft")
    parties = copy.deepcopy(draft.parties)
    del parties[index]
    command = set_parties(draft, parties)
    command.name = step_name("remove_party")
    return _party_edit(draft, command, max(0, index - 1))


def set_party_role(draft: Draft, index: int, role: str) -> Edit:
    if not 0 <= index < len(draft.parties) or not role.strip():
        raise EditError(
            Msg("当事人需要一个称谓：甲方、乙方", "a party needs a role: Party A, Party B")
        )
    parties = copy.deepcopy(draft.parties)
    parties[index].role = role.strip()
    command = set_parties(draft, parties)
    command.name = step_name("party_role")
    return _party_edit(draft, command, index)


def _party_edit(draft: Draft, command: Command, index: int) -> Edit:
    """The caret on the party's name; in the preamble when it names the parties itself
    (then no party lines are shown, as the export prints none)."""
    caret = _settle(draft, command, Pos(BlockRef("party_name", index), 0))
    if caret.ref.kind != "party_name":
        caret = Pos(BlockRef("preamble", 0), 0)
    return Edit(command, caret)


def _next_role(parties: list[Party]) -> str:
    taken = {p.role for p in parties}
    english = any(p.role.startswith("Party ") for p in parties)
    for letter in _ROLES["en" if english else "zh"]:
        role = f"Party {letter}" if english else f"{letter}方"
        if role not in taken:
            return role
    return f"Party {len(parties) + 1}" if english else f"第{len(parties) + 1}方"
