"""A deletion across articles, clauses and parts: which nodes go, and where the rest lands.

Word keeps every paragraph's level when the paragraphs around it are deleted; here a node
that stays goes under the nearest node before it one level up (or steps up to a level that
exists), and a part whose title was deleted joins the part before it. The parts touched are
rebuilt as new objects (nodes that stay keep their ids, so references stay bound); the old
ones are never changed, so undo puts them back exactly (``ReplaceParts``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from .commands import ReplaceParts
from .doc_blocks import BlockRef, has_body_block, has_heading_block
from .draft import Node, Part, Ref
from .numbering import number_paths
from .text import ref_text

if TYPE_CHECKING:
    from collections.abc import Iterable

    from .draft import Draft, Segment, Table


@dataclass
class _Line:
    """A node while a part is rebuilt: its place in reading order and its depth."""

    node: Node
    depth: int
    heading: str
    body: list[Segment]
    removed: bool = False


@dataclass
class _PartMark:
    part: Part
    title: str
    body: list[Segment]
    merged: bool = False  # joins the part before it


@dataclass
class _Whole:
    """An article outside the deletion: kept as it is, the same object."""

    node: Node


def regroup(
    draft: Draft,
    first: BlockRef,
    gone: set[BlockRef],
    joined: list[Segment],
    joined_text: str,
    into_body: bool,
    name: str,
    annex: int = 0,
) -> ReplaceParts:
    """The parts from the first to the last one touched, rebuilt without the blocks ``gone``:
    block ``first`` holds ``joined`` (``joined_text`` where it is one line of text; with
    ``into_body`` the text of the node whose heading ``first`` is); a node all of whose
    blocks went is removed, and its clauses that stay keep their level. ``annex``: the id of
    the annex whose own articles the blocks are (0: the body's)."""
    parts = draft.passage(annex).parts if annex else draft.parts
    touched_nodes = {r.owner for r in [first, *gone] if r.kind in ("heading", "body")}
    part_of = {p.id: i for i, p in enumerate(parts)}
    node_part: dict[int, int] = {}
    for i, part in enumerate(parts):
        for article in part.articles:
            for node in article.walk():
                node_part[node.id] = i
    spots = [
        part_of[r.owner] if r.kind.startswith("part_") else node_part[r.owner]
        for r in [first, *gone]
        if r.kind.startswith("part_") or r.kind in ("heading", "body")
    ]
    front = not (first.kind.startswith("part_") or first.kind in ("heading", "body"))
    p0, p1 = 0 if front else min(spots), max(spots)  # the title and parties precede every part
    entries: list[_PartMark | _Line | _Whole] = []
    lines: dict[int, _Line] = {}
    for pi in range(p0, p1 + 1):
        part = parts[pi]
        mark = _PartMark(part, part.title, list(part.body))
        entries.append(mark)
        if BlockRef("part_title", part.id) in gone:
            body_gone = not part.body or BlockRef("part_body", part.id) in gone
            mark.merged = pi > 0 and body_gone
            mark.title = ""
        if BlockRef("part_body", part.id) in gone:
            mark.body = []
        for article in part.articles:
            if not any(n.id in touched_nodes for n in article.walk()):
                entries.append(_Whole(article))
                continue
            for node, depth in _walk_depths(article, 1):
                line = _Line(node, depth, node.heading, list(node.body))
                lines[node.id] = line
                entries.append(line)
                heading_gone = BlockRef("heading", node.id) in gone
                body_gone = BlockRef("body", node.id) in gone
                if heading_gone:
                    line.heading = ""
                if body_gone:
                    line.body = []
                own = [heading_gone] if has_heading_block(node, depth) else []
                own += [body_gone] if has_body_block(node, depth) else []
                line.removed = bool(own) and all(own)
    if first.kind == "part_title":
        _mark_of(entries, first.owner).title = joined_text
    elif first.kind == "part_body":
        _mark_of(entries, first.owner).body = joined
    elif first.kind == "heading" and not into_body:
        lines[first.owner].heading = joined_text
    elif first.kind in ("heading", "body"):
        lines[first.owner].body = joined
    new_parts = _assemble(entries)
    removed = {line.node.id for line in lines.values() if line.removed}
    paths = number_paths(draft)
    dangling = [
        (seg, seg.last, ref_text(seg, paths))
        for body in draft.bodies()
        for seg in body
        if isinstance(seg, Ref) and seg.target in removed
    ]
    ids = (draft.next_id, draft.next_id)
    old = parts[p0 : p1 + 1]
    edited = {BlockRef("body", first.owner) if into_body else first}
    return ReplaceParts(name, ids, p0, old, new_parts, dangling, edited, annex)


def _mark_of(entries: list, part_id: int) -> _PartMark:
    return next(e for e in entries if isinstance(e, _PartMark) and e.part.id == part_id)


def _walk_depths(node: Node, depth: int) -> Iterable[tuple[Node, int]]:
    yield node, depth
    for child in node.children:
        yield from _walk_depths(child, depth + 1)


def _assemble(entries: list) -> list[Part]:
    """New parts from the entries: each line under the nearest line before it one level up
    (a line deeper than that steps up to it), kept articles as they are.

    A line keeps its tables. The tables of a line that goes (its text was deleted, its
    tables were not) stay where they stood in reading order: after the text of the line
    rebuilt just before them, else before the text of the next one in their part -- or, in
    the last resort, with the last line rebuilt."""
    parts: list[Part] = []
    stack: list[Node] = []
    last: Node | None = None  # the line just before, when tables can follow it
    pending: list[Table] = []  # tables of gone lines waiting for the next line
    built: list[Node] = []
    for entry in entries:
        if isinstance(entry, _PartMark):
            if not entry.merged or not parts:
                old = entry.part
                parts.append(
                    Part(old.id, entry.title, old.restart_numbering, entry.body, [], old.start)
                )
                stack = []
            last = None
        elif isinstance(entry, _Whole):
            parts[-1].articles.append(entry.node)
            stack = []  # nothing is ever put into a kept article: it is shared with undo
            last = None
        elif entry.removed:
            (last.tables if last is not None else pending).extend(entry.node.tables)
        else:
            old = entry.node
            node = Node(old.id, entry.heading, entry.body, [], old.provenance,
                        numbering=old.numbering)  # fmt: skip
            node.tables, pending = [*pending, *old.tables], []
            depth = min(entry.depth, len(stack) + 1)
            del stack[depth - 1 :]
            (stack[-1].children if stack else parts[-1].articles).append(node)
            stack.append(node)
            built.append(node)
            last = node
    if pending and built:
        built[-1].tables.extend(pending)
    return parts
