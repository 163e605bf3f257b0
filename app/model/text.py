"""Text entering the draft: blanks become field occurrences, references get bound.

Used for imported text and for every edit, so a blank typed by the lawyer becomes a field
and a reference typed as 第八条 follows its article from then on.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from clause_db.references import Mention, find_references, write_reference
from clause_db.tables import CELL_SEPARATOR

from .draft import TICKED_VALUE, Blank, Draft, Field, Ref, Segment, Table, blank_shows, plain

_LONE_SURROGATE = re.compile("[\ud800-\udfff]")

# Finds the node a mention points at, or None when nothing in the draft matches it.
Resolver = Callable[[Mention], int | None]


@dataclass
class EnteredText:
    """Segments for a text, the fields it needs created, and references nothing matched."""

    segments: list[Segment]
    new_fields: list[Field] = field(default_factory=list)
    unresolved: list[str] = field(default_factory=list)


def clean_text(text: str) -> str:
    """Text as a file can hold it: a lone surrogate (from a broken paste) becomes U+FFFD."""
    return _LONE_SURROGATE.sub("\ufffd", text)


def enter_text(
    draft: Draft,
    text: str,
    resolve: Resolver,
    pending: dict[str, Field] | None = None,
    previous: list[Segment] = (),
    heading: str = "",
) -> EnteredText:
    """Turn ``text`` into segments. ``pending`` holds named fields created earlier in the same
    operation (an import creates 【通知期限】 once, however often it occurs). ``previous`` is
    the text being replaced: its anonymous blanks keep their fields (and values), in order.
    ``heading`` is read for the labels of blanks that open the text (甲方名称：____)."""
    pending = {} if pending is None else pending
    text = clean_text(text)
    result = EnteredText([])
    reusable = [
        s
        for s in previous
        if isinstance(s, Blank)
        and s.field_id in draft.fields
        and draft.fields[s.field_id].name is None
    ]
    pieces: list[tuple[int, int, Segment]] = []
    boxes: list[tuple[int, Field]] = []  # (group as found in this text, its box's field)
    context = f"{clean_text(heading)}：" if heading.strip() else ""
    from clause_db.placeholders import find_placeholders  # its patterns compile on first use

    for p in find_placeholders(context + text):
        if p.span[0] < len(context):
            continue  # a blank in the heading itself is not part of this text
        p.span = (p.span[0] - len(context), p.span[1] - len(context))
        blank = text[p.span[0] : p.span[1]]
        existing = (draft.field_named(p.name) or pending.get(p.name)) if p.name else None
        if existing is None and not p.name:
            same = next((s for s in reusable if s.blank == blank), None)
            if same is not None:
                reusable.remove(same)
                existing = draft.fields[same.field_id]
        if existing is None:
            existing = Field(draft.new_id(), label=p.label, name=p.name)
            if p.kind == "checkbox":
                existing.kind = "checkbox"
                existing.value = TICKED_VALUE if p.ticked else None
            result.new_fields.append(existing)
            if p.name:
                pending[p.name] = existing
        if existing.kind == "checkbox" and p.group is not None:
            boxes.append((p.group, existing))
        pieces.append((p.span[0], p.span[1], Blank(existing.id, blank)))
    _join_groups(draft, boxes, result.new_fields)
    taken = [(s, e) for s, e, _ in pieces]
    for m in find_references(text):
        if any(s < m.end and m.start < e for s, e in taken):
            continue
        target = resolve(m)
        if target is None:
            if m.target != "annex":  # an annex attached apart (附件三) is no error
                result.unresolved.append(text[m.start : m.end])
        else:
            pieces.append((m.start, m.end, Ref(target, m.form, text[m.start : m.end])))
    pos = 0
    for start, end, seg in sorted(pieces, key=lambda p: p[0]):
        if start > pos:
            result.segments.append(text[pos:start])
        result.segments.append(seg)
        pos = end
    if pos < len(text):
        result.segments.append(text[pos:])
    return result


def _join_groups(draft: Draft, boxes: list[tuple[int, Field]], new: list[Field]) -> None:
    """Give the new tick boxes the draft group of the boxes offered with them: the group one
    of those already has (a box typed beside others joins theirs), else a new one. Fields
    already in the draft keep theirs: entering text changes no existing field."""
    groups: dict[int, int] = {}
    for found, box in boxes:
        if box.group is not None and box not in new:
            groups.setdefault(found, box.group)
    for found, box in boxes:
        if box in new and box.group is None:
            box.group = groups.setdefault(found, draft.new_id())


def ref_text(ref: Ref, paths: dict[int, tuple[int, ...]]) -> str:
    """What a reference reads now: its target's current number, or its last text if gone."""
    path = paths.get(ref.target)
    if path is None:
        return ref.last
    return write_reference(ref.form, path[-1:] if ref.form.startswith("kuan") else path)


def render_body(body: list[Segment], paths: dict[int, tuple[int, ...]], draft: Draft) -> str:
    """The text as the reader sees it: values in the blanks, references renumbered."""
    out = []
    for seg in body:
        if isinstance(seg, str):
            out.append(seg)
        elif isinstance(seg, Blank):
            out.append(blank_shows(draft, seg))
        elif isinstance(seg, Ref):
            out.append(ref_text(seg, paths))
        else:  # a pending proposal reads as if accepted
            out.append(plain([seg]))
    return "".join(out)


def text_and_rows(
    body: list[Segment], tables: list[Table], render: Callable[[list[Segment]], str]
) -> str:
    """A node's text with its tables as rows of text (non-empty cells joined by " | "), the
    way the text read from a Word file holds them: for the library, which keeps text, a
    plain-text copy, and comparing a node with the text it was taken from."""
    lines = [render(body)]
    for table in tables:
        for row in table.rows:
            cells = (render(c.body) for c in row if not c.covered)
            lines.append(CELL_SEPARATOR.join(c for c in cells if c))
        lines.append(render(table.after))
    return "\n".join(line for line in lines if line)


def editable_text(body: list[Segment], paths: dict[int, tuple[int, ...]]) -> str:
    """The text a lawyer edits: blanks as written (so they stay fields), references as now."""
    return "".join(ref_text(s, paths) if isinstance(s, Ref) else plain([s]) for s in body)
