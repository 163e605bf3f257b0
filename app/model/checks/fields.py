"""Blanks still to fill: one finding per field (not per occurrence), and tick-box groups
with no box ticked. An unticked box is an answer, never an unfilled field."""

from __future__ import annotations

from collections import defaultdict
from typing import TYPE_CHECKING

from clause_db.messages import Msg

from ..draft import Blank, Draft, Field, node_texts
from .dates import period_fields
from .finding import INFO, WARNING, Finding

if TYPE_CHECKING:
    from collections.abc import Iterator

    from .context import Context, Text

KINDS = ("unfilled", "no_choice")


def field_nodes(draft: Draft) -> dict[int, list[int]]:
    """Each field's nodes in reading order (once per blank), for jumping to its occurrences."""
    where: dict[int, list[int]] = defaultdict(list)
    for _, node in draft.nodes():
        for seg in (s for body in node_texts(node) for s in body):
            if isinstance(seg, Blank):
                where[seg.field_id].append(node.id)
    return where


def _first_blanks(ctx: Context) -> dict[int, tuple[Text, int, int, int]]:
    """Each field's first blank in reading order: (text, start, end, how many blanks)."""
    out: dict[int, tuple[Text, int, int, int]] = {}
    for text, _ in ctx.each("blanks", _has_blank):
        for start, end, seg in text.objects:
            if isinstance(seg, Blank):
                first = out.get(seg.field_id)
                if first is None:
                    out[seg.field_id] = (text, start, end, 1)
                else:
                    out[seg.field_id] = (*first[:3], first[3] + 1)
    return out


def _has_blank(text: Text) -> bool:
    return any(isinstance(seg, Blank) for _, _, seg in text.objects)


def check(ctx: Context) -> Iterator[Finding]:
    blanks = _first_blanks(ctx)
    fields = ctx.draft.fields
    periods = period_fields(ctx)  # said by ``dates`` as period_unfilled
    for field_id, (text, start, end, count) in blanks.items():
        f = fields.get(field_id)
        if f is None or not f.unfilled() or field_id in periods:
            continue
        name = f.name or f.label
        yield Finding(
            "unfilled", WARNING,
            Msg("“{0}”尚未填写（{1}处）", "“{0}” is not filled in ({1} place{2})",
                name, count, "s" if count > 1 else ""),
            **ctx.locate(text, start, end), field_id=field_id, subject=str(field_id),
        )  # fmt: skip
    groups: dict[int, list[Field]] = defaultdict(list)
    for field_id in blanks:
        f = fields.get(field_id)
        if f is not None and f.kind == "checkbox" and f.group is not None:
            groups[f.group].append(f)
    for boxes in groups.values():
        if any(f.value for f in boxes):
            continue
        options = " / ".join(f.name or f.label for f in boxes)
        text, start, end, _ = blanks[boxes[0].id]
        yield Finding(
            "no_choice", INFO,
            Msg("未勾选任何选项：{0}", "No option ticked: {0}", options),
            **ctx.locate(text, start, end), field_id=boxes[0].id, subject=str(boxes[0].group),
        )  # fmt: skip
