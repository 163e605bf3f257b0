"""The other side's markup: their tracked changes kept as proposals, their comments kept.

A Word reader cannot hand proposals through the segmenter (it reads text), so it writes one
marker character where each change stands (:func:`marker`, a plane-15 private-use character
no contract holds) and keeps the change itself in :class:`Markup`. Once the draft is built,
:func:`place_markup` turns each marker back into its ``Proposal`` segment; a marker the
segmenter moved into a heading goes to the start of that node's text, and one it left out
lands at the end of the preamble: nothing of their text is dropped or taken silently.

Deciding on them is :mod:`app.model.proposals`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from .draft import Comment, Draft, Node, Proposal, Segment, node_texts, table_bodies

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator

_FIRST = 0xF0000  # changes: plane 15
_COMMENTS = 0x100000  # comments: plane 16, a start and an end marker each
MARKERS = re.compile(f"[{chr(_FIRST)}-{chr(0x10FFFD)}]")


def marker(index: int) -> str:
    """The character that stands for change ``index`` in the text handed to the segmenter."""
    return chr(_FIRST + index)


def comment_marker(index: int, end: bool) -> str:
    """The character where comment ``index``'s range starts (or ends) in the text."""
    return chr(_COMMENTS + 2 * index + end)


@dataclass
class Markup:
    """What a reader kept beside the text: changes by marker index, comments by marker."""

    proposals: list[Proposal] = field(default_factory=list)
    comments: list[Comment] = field(default_factory=list)
    comment_ids: dict[str, int] = field(default_factory=dict)  # Word's w:id -> comment index
    merged: set[int] = field(default_factory=set)  # changes now part of a whole paragraph's
    nodes: set[int] = field(default_factory=set)  # paragraphs of whole articles or clauses
    # where such a node starts: its mark and its first line
    starts: dict[int, tuple[Proposal, str]] = field(default_factory=dict)
    # (start, kind, which whole node) of each line of them
    lines: list[tuple[int, str, int]] = field(default_factory=list)

    def add(self, proposal: Proposal) -> str:
        self.proposals.append(proposal)
        return marker(len(self.proposals) - 1)

    def add_node(self, proposal: Proposal) -> str:
        """The marker of a paragraph of a whole article or clause they proposed."""
        self.nodes.add(len(self.proposals))
        return self.add(proposal)

    def merge(self, indices: list[int], whole: Proposal) -> str:
        """One proposal for a whole paragraph: ``whole`` followed by the text of the changes
        ``indices`` of its kind (a paragraph they deleted is one deletion to reject)."""
        whole.text += "".join(
            self.proposals[i].text for i in indices if self.proposals[i].kind == whole.kind
        )
        self.merged.update(indices)
        return self.add(whole)


def place_markup(draft: Draft, markup: Markup | None) -> int:
    """Put each proposal where its marker is and each comment beside its text (the draft's
    ``comments``); returns how many proposals had to go to the end of the preamble."""
    if markup is None:
        return 0
    placed: set[int] = set()
    for part in draft.all_parts():
        for article in part.articles:
            for node in article.walk():
                _mark_paragraphs(node, markup, placed)
                if MARKERS.search(node.heading):
                    found = [m.group() for m in MARKERS.finditer(node.heading)]
                    node.heading = MARKERS.sub("", node.heading)
                    node.body[:0] = found
    _place_comments(draft, markup)
    for body in draft.bodies():
        body[:] = _split(body, markup, placed)
    strays = [
        p for i, p in enumerate(markup.proposals) if i not in placed and i not in markup.merged
    ]
    draft.preamble.extend(strays)
    draft.title = MARKERS.sub("", draft.title)
    for party in draft.parties:
        party.name, party.address = MARKERS.sub("", party.name), MARKERS.sub("", party.address)
    for _, node in draft.nodes():
        if node.provenance is not None:  # as taken: their text without their changes
            taken = node.provenance
            taken.taken_text = MARKERS.sub("", taken.taken_text)
            taken.taken_heading = MARKERS.sub("", taken.taken_heading)
    return len(strays)


def mark_proposed(nodes: Iterable[tuple[Node, int]], markup: Markup | None) -> None:
    """Mark each node (given with where its text starts) that starts where a whole article
    or clause they inserted or deleted starts. One the segmenter did not take for a node
    (a clause they deleted, numbered as before, under an article renumbered) is a line of
    the text that holds it: that line becomes one proposal, not silently text."""
    if markup is None:
        return
    lines: dict[str, Proposal] = {}
    holders: list[Node] = []
    for node, start in nodes:
        holders.append(node)
        if start in markup.starts:
            node.proposed = markup.starts[start][0]
    taken = {id(n.proposed) for n in holders if n.proposed is not None}
    for proposal, line in markup.starts.values():
        if id(proposal) not in taken:
            lines[line] = proposal
    if not lines:
        return
    for node in holders:
        for body in node_texts(node):
            body[:] = [s for seg in body for s in _lines_as_proposals(seg, lines)]


def _lines_as_proposals(seg: Segment, lines: dict[str, Proposal]) -> list[Segment]:
    """``seg`` with each of ``lines`` in it (a whole line of it) as its proposal."""
    for line, proposal in list(lines.items()):
        if not isinstance(seg, str):
            break
        at = seg.find(line)
        end = at + len(line)
        if at < 0 or (at and seg[at - 1] != "\n") or (end < len(seg) and seg[end] != "\n"):
            continue
        del lines[line]
        before = seg[: at - 1] if at else ""
        change = Proposal(proposal.kind, "\n" * bool(at) + line, proposal.author, proposal.date)
        return [s for s in (before, change, *_lines_as_proposals(seg[end:], lines)) if s != ""]
    return [seg]


def _mark_paragraphs(node: Node, markup: Markup, placed: set[int]) -> None:
    """A paragraph of a whole article or clause they proposed (its marker) is text of
    ``node`` when the node is proposed alike, else a proposal of its own (a paragraph they
    inserted or deleted inside a node that stays)."""
    for body in node_texts(node):
        out: list[Segment] = []
        for seg in body:
            if isinstance(seg, str) and any(ord(c) - _FIRST in markup.nodes for c in seg):
                out.extend(_lines_of(seg, node, markup, placed))
            else:
                out.append(seg)
        body[:] = [s for s in out if s != ""]


def _lines_of(text: str, node: Node, markup: Markup, placed: set[int]) -> list[Segment]:
    """``text`` with each line holding a node marker: part of ``node`` when it is proposed
    alike, else that line as one proposal."""
    out: list[Segment] = []
    for line in text.split("\n"):
        found = [m for m in MARKERS.finditer(line) if ord(m.group()) - _FIRST in markup.nodes]
        for m in found:
            placed.add(ord(m.group()) - _FIRST)
        if not found:
            out.append(line)
            continue
        whole = markup.proposals[ord(found[0].group()) - _FIRST]
        if node.proposed is not None and node.proposed.kind == whole.kind:
            out.append("".join(c for c in line if ord(c) - _FIRST not in markup.nodes))
        else:
            out.append(Proposal(whole.kind, "\n" + MARKERS.sub("", line), whole.author, whole.date))
    joined: list[Segment] = []
    for i, seg in enumerate(out):  # the lines again: a proposal's text holds its newline
        if i and isinstance(seg, str):
            joined.append("\n")
        joined.append(seg)
    return joined


def _place_comments(draft: Draft, markup: Markup) -> None:
    starts: dict[int, tuple[int, list[Segment], int]] = {}  # comment -> owner, body, where
    for owner, body in _owned_bodies(draft):
        text = "".join(s if isinstance(s, str) else "" for s in body)
        for m in MARKERS.finditer(text):
            code = ord(m.group()) - _COMMENTS
            if code < 0 or code // 2 >= len(markup.comments):
                continue
            comment = markup.comments[code // 2]
            if code % 2 == 0:
                comment.owner = owner
                starts[code // 2] = (owner, body, m.end())
            elif code // 2 in starts and starts[code // 2][1] is body:
                quote = MARKERS.sub("", text[starts[code // 2][2] : m.start()])
                comment.quote = quote.strip()
        body[:] = [MARKERS.sub(_keep_changes, s) if isinstance(s, str) else s for s in body]
        body[:] = [s for s in body if s != ""]
    draft.comments.extend(markup.comments)


def _keep_changes(m: re.Match) -> str:
    return m.group() if ord(m.group()) < _COMMENTS else ""


def _owned_bodies(draft: Draft) -> Iterator[tuple[int, list[Segment]]]:
    """Every text with the id of what holds it (a node, part, passage, table's holder; 0
    for the preamble and its tables)."""
    yield 0, draft.preamble
    for table in draft.preamble_tables:
        yield from ((0, b) for b in table_bodies(table))
    for passage in (draft.cover, draft.signature, *draft.annexes):
        if passage is not None:
            yield passage.id, passage.body
            for table in passage.tables:
                yield from ((passage.id, b) for b in table_bodies(table))
    for part in draft.all_parts():
        yield part.id, part.body
        for article in part.articles:
            for node in article.walk():
                yield from ((node.id, b) for b in node_texts(node))


def _split(body: list[Segment], markup: Markup, placed: set[int]) -> list[Segment]:
    out: list[Segment] = []
    for seg in body:
        if not isinstance(seg, str) or not MARKERS.search(seg):
            out.append(seg)
            continue
        at = 0
        for m in MARKERS.finditer(seg):
            if m.start() > at:
                out.append(seg[at : m.start()])
            index = ord(m.group()) - _FIRST
            if index in markup.nodes:  # a whole article's marker the segmenter left out
                placed.add(index)
            elif index < len(markup.proposals) and index not in placed:
                placed.add(index)
                out.append(markup.proposals[index])
            at = m.end()
        if at < len(seg):
            out.append(seg[at:])
    return out
