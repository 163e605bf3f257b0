"""Deciding on the other side's proposals (see :mod:`app.model.markup`): each accept or
reject is an edit of the block holding the proposal, one undo step; "all" is one step.
Accepting an insertion or rejecting a deletion leaves its text as plain text; the other two
remove it. A draft with proposals pending is not exported clean (:func:`pending_message`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from clause_db.messages import Msg

from .commands import Command, Compound
from .doc_blocks import blocks
from .draft import Proposal
from .editing import Edit, EditError, Pos, normalised, replace_text, segments_of

if TYPE_CHECKING:
    from .doc_blocks import Block
    from .draft import Draft, Segment


def proposals(draft: Draft) -> list[tuple[Block, Proposal]]:
    """Every pending proposal in reading order, with the block that holds it."""
    return [(b, s) for b in blocks(draft) for s in b.segments if isinstance(s, Proposal)]


def decide(draft: Draft, proposal: Proposal, accept: bool) -> Command:
    """The one step that accepts (or rejects) ``proposal``."""
    for block, seg in proposals(draft):
        if seg is proposal:
            return _decided(draft, block, {id(proposal)}, accept, _name(accept, 1))
    raise EditError(Msg("该修订已不在合同中", "that change is not in the draft any more"))


def decide_all(draft: Draft, accept: bool) -> Command | None:
    """One step that accepts (or rejects) every pending proposal; None when there are none."""
    pending = proposals(draft)
    if not pending:
        return None
    wanted = {id(p) for _, p in pending}
    seen: dict = {}
    for block, _ in pending:
        seen.setdefault(block.ref, block)
    steps = [_decided(draft, b, wanted, accept, _name(accept, 1)) for b in seen.values()]
    ids = (draft.next_id, draft.next_id)
    return Compound(_name(accept, len(pending)), ids, steps)


def _decided(draft: Draft, block: Block, which: set[int], accept: bool, name: Msg) -> Command:
    new: list[Segment] = []
    for seg in block.segments:
        if isinstance(seg, Proposal) and id(seg) in which:
            keep = (seg.kind == "ins") == accept
            if keep and seg.text:
                new.append(seg.text)
        else:
            new.append(seg)
    return replace_text(draft, block.ref, normalised(new), name)


def _name(accept: bool, count: int) -> Msg:
    if count == 1:
        return Msg("接受修订", "accept change") if accept else Msg("拒绝修订", "reject change")
    if accept:
        return Msg("接受全部修订（{0} 处）", "accept all changes ({0})", count)
    return Msg("拒绝全部修订（{0} 处）", "reject all changes ({0})", count)


def pending_message(draft: Draft) -> Msg | None:
    """Why the draft cannot be exported clean yet (None when no proposal is pending)."""
    count = len(proposals(draft))
    if not count:
        return None
    return Msg(
        "合同中还有 {0} 处对方修订未处理：请先逐一或全部接受/拒绝，再导出。",
        "the draft still holds {0} change(s) of the other side: accept or reject them "
        "(one by one or all) before exporting.",
        count,
    )


def proposal_near(draft: Draft, pos: Pos) -> Proposal | None:
    """The proposal at the caret (just after or before it), else the next one in its block,
    else the block's first: what Accept/Reject change at the caret decides."""
    found: list[tuple[int, Proposal]] = []
    at = 0
    for seg in segments_of(draft, pos.ref):
        if isinstance(seg, Proposal):
            found.append((at, seg))
        at += len(seg) if isinstance(seg, str) else 1
    for offset, proposal in found:
        if offset in (pos.offset, pos.offset - 1):
            return proposal
    after = [p for offset, p in found if offset >= pos.offset]
    return (after or [p for _, p in found] or [None])[0]


def decide_at(draft: Draft, pos: Pos, accept: bool) -> Edit:
    """Accept (or reject) the proposal at the caret; EditError when its block holds none."""
    proposal = proposal_near(draft, pos)
    if proposal is None:
        raise EditError(Msg("光标处没有对方修订", "there is no change of the other side here"))
    return Edit(decide(draft, proposal, accept), pos)


def decide_every(draft: Draft, accept: bool) -> Command:
    """Like :func:`decide_all`, EditError when there is nothing to decide."""
    command = decide_all(draft, accept)
    if command is None:
        raise EditError(Msg("合同中没有待处理的对方修订", "the draft holds no change to decide"))
    return command
