"""A finding's fix, and ignoring a finding, as commands: each one undo step.

A fix is a list of text edits made where the check found them (``Fix``); it is applied
through the same replacement as Replace All (``find.replace_each``), so a fix that touches
many texts (a renamed term, the typography of the whole draft) is one step too.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from clause_db.messages import Msg

from ..commands import SetIgnored
from ..doc_blocks import blocks
from ..editing import Edit, Pos
from ..find import FindError, Match, replace_each

if TYPE_CHECKING:
    from ..draft import Draft
    from .finding import Finding, Fix


def fix_command(draft: Draft, fix: Fix) -> Edit:
    """The fix as one command (and the caret after its last edit); FindError ("stale") when
    the text it was found in has changed since."""
    shown = {b.ref: b for b in blocks(draft)}
    pairs: list[tuple[Match, str]] = []
    for e in fix.edits:
        block = shown.get(e.ref)
        if e.field_id is not None:
            value = (draft.fields[e.field_id].value or "") if e.field_id in draft.fields else ""
            here = value[e.offset : e.offset + e.length]
            match = Match(Pos(e.ref, 0), 1, e.old, e.field_id, e.offset)
        else:
            here = block.text[e.offset : e.offset + e.length] if block is not None else None
            match = Match(Pos(e.ref, e.offset), e.length, e.old)
        if block is None or here != e.old:
            raise FindError("the text changed since it was checked: check again", "stale")
        pairs.append((match, e.new))
    pairs.sort(key=lambda p: (p[0].pos.ref.kind, p[0].pos.ref.owner, p[0].pos.offset))
    return replace_each(draft, pairs, fix.label, shown)


def ignore(draft: Draft, finding: Finding, reason: str | None) -> SetIgnored:
    """Mark the finding ignored with the lawyer's reason (None: heed it again)."""
    key = finding.key
    name = (
        Msg("忽略检查结果“{0}”", "Ignore the finding “{0}”", finding.message)
        if reason is not None
        else Msg("恢复检查结果“{0}”", "Heed the finding “{0}” again", finding.message)
    )
    ids = (draft.next_id, draft.next_id)
    return SetIgnored(name, ids, key, draft.ignored.get(key), reason)
