"""Deciding on the other side's proposals (see :mod:`app.model.markup`): each accept or
reject is an edit of the block holding the proposal, one undo step; "all" is one step.
Accepting an insertion or rejecting a deletion leaves its text as plain text; the other two
remove it. A draft with proposals pending is not exported clean (:func:`pending_message`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from clause_db.messages import Msg

from .clipboard import topmost
from .commands import Command, Compound, SetProposed
from .doc_blocks import blocks
from .draft import Proposal
from .editing import Edit, EditError, Pos, normalised, replace_text, segments_of
from .ops import delete_node

if TYPE_CHECKING:
    from .doc_blocks import Block
    from .draft import Draft, Node, Segment


def proposals(draft: Draft) -> list[tuple[Block, Proposal]]:
    """Every pending proposal in reading order, with the block that holds it."""
    return [(b, s) for b in blocks(draft) for s in b.segments if isinstance(s, Proposal)]


def proposed_nodes(draft: Draft) -> list[Node]:
    """Every whole article or clause the other side inserted or deleted, in reading order."""
    return [n for _, n in draft.nodes() if n.proposed is not None]


def pending_count(draft: Draft) -> int:
    """How many decisions the draft waits for: changes in the text and whole nodes."""
    return len(proposals(draft)) + len(proposed_nodes(draft))


def decide(draft: Draft, proposal: Proposal, accept: bool) -> Command:
    """The one step that accepts (or rejects) ``proposal``."""
    for block, seg in proposals(draft):
        if seg is proposal:
            return _decided(draft, block, {id(proposal)}, accept, _name(accept, 1))
    for node in proposed_nodes(draft):
        if node.proposed is proposal:
            return _node_steps(draft, [node], accept, _name(accept, 1))
    raise EditError(Msg("该修订已不在合同中", "that change is not in the draft any more"))


def decide_all(draft: Draft, accept: bool) -> Command | None:
    """One step that accepts (or rejects) every pending proposal; None when there are none."""
    pending = proposals(draft)
    nodes = proposed_nodes(draft)
    if not pending and not nodes:
        return None
    wanted = {id(p) for _, p in pending}
    seen: dict = {}
    for block, _ in pending:
        seen.setdefault(block.ref, block)
    steps = [_decided(draft, b, wanted, accept, _name(accept, 1)) for b in seen.values()]
    name = _name(accept, len(pending) + len(nodes))
    if nodes:  # after the texts' steps: removing a node takes its texts with it
        for step in steps:
            step.apply(draft)
        try:
            steps.append(_node_steps(draft, nodes, accept, name))
        finally:
            for step in reversed(steps[: len(seen)]):
                step.revert(draft)
    ids = (draft.next_id, draft.next_id)
    return Compound(name, ids, steps)


def _node_steps(draft: Draft, nodes: list[Node], accept: bool, name: Msg) -> Command:
    """Keep (unmark) or remove each of ``nodes`` as ``accept`` says for its kind."""
    steps: list[Command] = []
    ids = (draft.next_id, draft.next_id)
    gone = [n.id for n in nodes if (n.proposed is not None and n.proposed.kind == "ins") != accept]
    for node in nodes:
        if node.id not in gone:
            steps.append(SetProposed(name, ids, node.id, node.proposed, None))
    for step in steps:
        step.apply(draft)
    try:
        for top in topmost(draft, gone):
            step = delete_node(draft, top.id)
            step.apply(draft)
            steps.append(step)
    finally:
        for step in reversed(steps):
            step.revert(draft)
    return steps[0] if len(steps) == 1 else Compound(name, ids, steps)


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
    count = pending_count(draft)
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
    if after or found:
        return (after or [p for _, p in found])[0]
    return _proposed_around(draft, pos.ref.owner)


def _proposed_around(draft: Draft, owner: int) -> Proposal | None:
    """The mark of the proposed article or clause that holds the node ``owner``, if any."""
    node_ids = {n.id for _, n in draft.nodes()}
    while owner in node_ids:
        node = draft.node(owner)
        if node.proposed is not None:
            return node.proposed
        owner = draft.parent_id(owner)
    return None


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
