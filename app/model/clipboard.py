"""Articles and clauses on the clipboard: copied or cut from a draft, pasted into any draft.

The nodes travel whole (heading, text, clauses, provenance) with the fields their blanks
use, as JSON in the ``.contract`` file's own node format, plus their text with numbers for
other programs. Pasting is one ``InsertNodes``:

- ids: fresh ones, except when nodes come back into the draft they were cut from and their
  ids are free again: then references elsewhere that pointed at them (dangling since the
  cut) follow them again, and Cut then Paste is a move.
- fields: back in their own draft a blank keeps its field (and value); elsewhere a named
  field joins the draft's field of that name, any other comes as a new field, value and all.
- references between the pasted nodes follow the copies; one to a node outside them stays
  bound in its own draft, and in another draft keeps the text it read as a dangling
  reference, which the checks list.

Part of one text travels the same way (``copy_inline``/``paste_inline``): its blanks come
back as blanks of their fields (by the same rules), its references as references.

``origin`` is an id of the open draft (the window gives each one its own) that tells a
paste into the same draft from a paste into another.
"""

from __future__ import annotations

import copy
import json
from typing import TYPE_CHECKING

from clause_db.messages import Msg

from .draft import Blank, Draft, Field, Node, Ref, node_texts
from .fileformat import DraftFormatError, _node_out, _Reader, _segments_out
from .numbering import labels, number_paths
from .ops import EditError, _describe, allocating, insert_nodes, several
from .text import ref_text, render_body, text_and_rows

if TYPE_CHECKING:
    from .commands import InsertNodes
    from .draft import Segment

FORMAT = "contract-editor/nodes"
INLINE_FORMAT = "contract-editor/inline"  # part of one text: words, blanks, references
VERSION = 1
NOWHERE = 0  # the target of a reference whose node is in another draft: no node has id 0


def topmost(draft: Draft, node_ids: list[int]) -> list[Node]:
    """The chosen nodes in reading order, without those inside another chosen one."""
    chosen = set(node_ids)
    found: list[Node] = []
    inside: set[int] = set()
    for _, node in draft.nodes():
        if node.id in chosen and node.id not in inside:
            found.append(node)
            inside.update(n.id for n in node.walk())
    return found


def copy_nodes(draft: Draft, node_ids: list[int], origin: str) -> bytes:
    """The chosen nodes and the fields their blanks use, for ``paste_nodes``."""
    paths = number_paths(draft)
    nodes = copy.deepcopy(topmost(draft, node_ids))
    field_ids: list[int] = []
    for top in nodes:
        for node in top.walk():
            for seg in (s for body in node_texts(node) for s in body):
                if isinstance(seg, Ref):
                    seg.last = ref_text(seg, paths)  # what it reads now, should it dangle
                elif isinstance(seg, Blank) and seg.field_id not in field_ids:
                    field_ids.append(seg.field_id)
    fields = [draft.fields[i] for i in field_ids if i in draft.fields]
    payload = {
        "format": FORMAT,
        "version": VERSION,
        "origin": origin,
        "nodes": [_node_out(n) for n in nodes],
        "fields": [_field_out(f) for f in fields],
    }
    return json.dumps(payload, ensure_ascii=False).encode("utf-8")


def plain_text(draft: Draft, node_ids: list[int]) -> str:
    """The chosen nodes as a lawyer would paste them elsewhere: numbered, values filled in."""
    paths = number_paths(draft)
    numbers = labels(draft, paths=paths)
    blocks = []
    for top in topmost(draft, node_ids):
        lines = []
        for node in top.walk():
            number = numbers[node.id]
            body = text_and_rows(node.body, node.tables, lambda b: render_body(b, paths, draft))
            if len(paths[node.id]) == 1:  # an article: its heading on a line of its own
                lines.append(" ".join(x for x in (number, node.heading) if x))
                lines.extend([body] if body else [])
            else:
                lines.append(" ".join(x for x in (number, node.heading, body) if x))
        blocks.append("\n".join(lines))
    return "\n\n".join(blocks)


def origin_of(data: bytes) -> str | None:
    """The draft the nodes were copied from (None if ``data`` is not ours)."""
    try:
        obj = json.loads(data)
    except (ValueError, RecursionError):
        return None
    origin = obj.get("origin") if isinstance(obj, dict) else None
    return origin if isinstance(origin, str) else None


def paste_nodes(draft: Draft, data: bytes, parent_id: int, index: int, origin: str) -> InsertNodes:
    """Insert the nodes of ``data`` at ``index`` of ``parent_id``'s list, as one command.

    EditError for clipboard data this version cannot read (damaged, or from a newer app).
    """
    nodes, fields = _read(data)
    home = origin_of(data) == origin
    in_use = {n.id for _, n in draft.nodes()} | {p.id for p in draft.parts} | set(draft.fields)
    new_fields: list[Field] = []
    with allocating(draft) as ids:
        first_free = draft.next_id
        node_ids: dict[int, int] = {}
        for top in nodes:
            for node in top.walk():
                back = home and node.id not in in_use and node.id < first_free
                node_ids[node.id] = node.id if back else draft.new_id()
                in_use.add(node_ids[node.id])
                for table in node.tables:  # a pasted copy's tables are tables of their own
                    table.id = draft.new_id()
        field_ids = _field_ids(draft, fields, home, new_fields)
    for top in nodes:
        for node in top.walk():
            node.id = node_ids[node.id]
            for seg in (s for body in node_texts(node) for s in body):
                if isinstance(seg, Blank):
                    seg.field_id = field_ids[seg.field_id]
                elif isinstance(seg, Ref):
                    seg.target = _retarget(seg.target, node_ids, home)
    what = several(_describe(nodes[0]), len(nodes))
    return insert_nodes(draft, parent_id, index, nodes, new_fields, tuple(ids), what)


def _field_ids(
    draft: Draft, fields: list[Field], home: bool, new_fields: list[Field]
) -> dict[int, int]:
    """Which field of ``draft`` each copied field becomes (new ones go to ``new_fields``):
    its own back home, the draft's field of that name, or a new one, value and all."""
    field_ids: dict[int, int] = {}
    groups: dict[int, int] = {}  # a copied group of tick boxes -> its group here
    for f in fields:
        own = draft.fields.get(f.id) if home else None
        named = f.name and (
            draft.field_named(f.name) or next((n for n in new_fields if n.name == f.name), None)
        )
        kept = own or named
        if not kept:
            kept = Field(draft.new_id(), label=f.label, name=f.name, value=f.value, kind=f.kind)
            if f.group is not None:
                kept.group = f.group if home else groups.setdefault(f.group, draft.new_id())
            new_fields.append(kept)
        field_ids[f.id] = kept.id
    return field_ids


def copy_inline(draft: Draft, segments: list[Segment], origin: str) -> bytes:
    """Part of one text (its blanks and references, not only their words), for
    ``paste_inline``: a chip cut and pasted comes back as a blank of the same field."""
    paths = number_paths(draft)
    segments = copy.deepcopy(segments)
    field_ids: list[int] = []
    for seg in segments:
        if isinstance(seg, Ref):
            seg.last = ref_text(seg, paths)
        elif isinstance(seg, Blank) and seg.field_id not in field_ids:
            field_ids.append(seg.field_id)
    payload = {
        "format": INLINE_FORMAT,
        "version": VERSION,
        "origin": origin,
        "segments": _segments_out(segments),
        "fields": [_field_out(draft.fields[i]) for i in field_ids if i in draft.fields],
    }
    return json.dumps(payload, ensure_ascii=False).encode("utf-8")


def paste_inline(draft: Draft, data: bytes, origin: str) -> tuple[list[Segment], list[Field]]:
    """The segments of ``copy_inline`` data for ``draft`` and the fields it must add; takes
    ids (call it inside ``allocating``). EditError for data this version cannot read."""
    obj = _payload(data, INLINE_FORMAT)
    reader = _Reader()
    try:
        segments = reader.segments(obj.get("segments"))
        fields = [reader.field(f) for f in _list(obj, "fields")]
    except (DraftFormatError, RecursionError) as exc:
        raise EditError(_damaged(exc)) from None
    if set(reader.blank_fields) - {f.id for f in fields}:
        raise EditError(_damaged(Msg("空格缺少字段", "blanks without fields")))
    home = origin_of(data) == origin
    new_fields: list[Field] = []
    field_ids = _field_ids(draft, fields, home, new_fields)
    for seg in segments:
        if isinstance(seg, Blank):
            seg.field_id = field_ids[seg.field_id]
        elif isinstance(seg, Ref):
            seg.target = _retarget(seg.target, {}, home)
    return segments, new_fields


def _field_out(f: Field) -> dict:
    return {"id": f.id, "label": f.label, "name": f.name, "value": f.value, "kind": f.kind,
            "group": f.group}  # fmt: skip


def _retarget(target: int, node_ids: dict[int, int], home: bool) -> int:
    if target in node_ids:
        return node_ids[target]  # a node pasted along: its copy
    if home:
        return target  # bound as before (or dangling as before) in its own draft
    return NOWHERE


def _read(data: bytes) -> tuple[list[Node], list[Field]]:
    obj = _payload(data, FORMAT)
    reader = _Reader()
    try:
        nodes = [reader.node(n) for n in _list(obj, "nodes")]
        fields = [reader.field(f) for f in _list(obj, "fields")]
    except (DraftFormatError, RecursionError) as exc:
        raise EditError(_damaged(exc)) from None
    if not nodes:
        raise EditError(Msg("剪贴板上没有条款", "the clipboard holds no articles"))
    if set(reader.blank_fields) - {f.id for f in fields}:
        raise EditError(_damaged(Msg("空格缺少字段", "blanks without fields")))
    return nodes, fields


def _payload(data: bytes, form: str) -> dict:
    """The clipboard data as an object of format ``form``, or EditError."""
    unreadable = Msg(
        "剪贴板上没有本版本能读取的条款", "the clipboard holds no articles this version can read"
    )
    try:
        obj = json.loads(data)
    except (ValueError, RecursionError):
        raise EditError(unreadable) from None
    if not (isinstance(obj, dict) and obj.get("format") == form):
        raise EditError(unreadable)
    version = obj.get("version")
    if not isinstance(version, int) or not 1 <= version <= VERSION:
        raise EditError(Msg(
            "剪贴板上的条款来自更新版本的程序",
            "the articles on the clipboard come from a newer version of the app",
        ))  # fmt: skip
    return obj


def _damaged(why: object) -> Msg:
    """Damaged clipboard data; ``why`` is the file format's own (English) reason or a Msg."""
    return Msg("剪贴板上的条款已损坏：{0}", "the articles on the clipboard are damaged: {0}", why)


def _list(obj: dict, key: str) -> list:
    value = obj.get(key)
    if not isinstance(value, list):
        raise DraftFormatError(f"{key} is not a list")
    return value
