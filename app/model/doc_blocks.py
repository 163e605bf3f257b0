"""The draft as the centre shows it: a flat list of blocks, in reading order.

One block per paragraph the Word export prints (title, parties, preamble, part titles and
texts, headings and texts of articles and clauses, the signature block), plus the empty
places a lawyer types into (an empty title, preamble or article text). Labels (第一条, 1.1,
甲方：) are computed here and painted by the view before the text, never stored in it.

Offsets in a block count characters of ``block_text``: a Blank or a Ref is one character.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from .draft import Party, plain
from .importer import parties_named_in
from .numbering import labels, number_paths
from .printed import WORDS, draft_language, label_style

if TYPE_CHECKING:
    from collections.abc import Iterable

    from .draft import Draft, Node, Segment

OBJECT = "\ufffc"  # a Blank or a Ref in a block's text: one character, as in the QTextDocument

KINDS = (
    "title",
    "party_name",
    "party_address",
    "preamble",
    "part_title",
    "part_body",
    "heading",
    "body",
    "signature",
)


@dataclass(frozen=True)
class BlockRef:
    """Which text of the draft a block shows; stable across renumbering and moves."""

    kind: str
    owner: int  # node id (heading/body), part id (part_*), party index (party_*, signature)


@dataclass
class Block:
    ref: BlockRef
    segments: list[Segment]  # str | Blank | Ref; a "\n" inside a str is a line break
    label: str  # painted before the text, never part of it
    level: int  # nesting depth for the indent: article 0, clause 1, ...
    editable: bool = True  # the signature block is generated from the parties

    @property
    def text(self) -> str:
        return block_text(self.segments)


def block_text(segments: Iterable[Segment]) -> str:
    """The block's characters: strings as they are, each Blank or Ref as one U+FFFC."""
    return "".join(s if isinstance(s, str) else OBJECT for s in segments)


def text_segments(text: str) -> list[Segment]:
    """A one-string text as segments: none when empty."""
    return [text] if text else []


def names_parties(preamble: list[Segment]) -> bool:
    """Whether the preamble names the parties itself (then the export prints no 甲方：… lines)."""
    return bool(parties_named_in(plain(preamble)))


def has_heading_block(node: Node, depth: int) -> bool:
    """An article always shows its heading line (the place for its title); a clause only when
    it has a heading."""
    return depth == 1 or bool(node.heading)


def has_body_block(node: Node, depth: int) -> bool:
    """A text line when there is text, when there is no heading line to carry the number, or
    when the node has no clauses (the place to type its text)."""
    return bool(node.body) or not has_heading_block(node, depth) or not node.children


def signature_parties(draft: Draft, language: str) -> list[Party]:
    """The parties the signature block has a column for (甲方/乙方 when none are named)."""
    return draft.parties or [Party(role) for role in WORDS[language].default_roles]


def blocks(draft: Draft) -> list[Block]:
    """Every block of the draft in reading order, labels in the style the export prints."""
    language = draft_language(draft)
    words = WORDS[language]
    style = label_style(draft, language)
    paths = number_paths(draft)
    numbers = labels(draft, style, paths)
    out = [Block(BlockRef("title", 0), text_segments(draft.title), "", 0)]
    if not names_parties(draft.preamble):
        for i, party in enumerate(draft.parties):
            role = party.role
            out.append(
                Block(
                    BlockRef("party_name", i),
                    text_segments(party.name),
                    words.party.format(role=role),
                    0,
                )
            )
            out.append(
                Block(BlockRef("party_address", i), text_segments(party.address), words.address, 0)
            )
    out.append(Block(BlockRef("preamble", 0), list(draft.preamble), "", 0))
    many_parts = len(draft.parts) > 1
    for part in draft.parts:
        if many_parts or part.title:
            out.append(Block(BlockRef("part_title", part.id), text_segments(part.title), "", 0))
        if part.body:
            out.append(Block(BlockRef("part_body", part.id), list(part.body), "", 0))
        for article in part.articles:
            _node_blocks(article, 1, numbers, out)
    for i, party in enumerate(signature_parties(draft, language)):
        lines = [
            words.seal.format(role=party.role) + party.name,
            "",
            words.representative,
            "",
            words.date,
        ]
        out.append(Block(BlockRef("signature", i), ["\n".join(lines)], "", 0, editable=False))
    return out


def _node_blocks(node: Node, depth: int, numbers: dict[int, str], out: list[Block]) -> None:
    number = numbers[node.id]
    heading = has_heading_block(node, depth)
    if heading:
        out.append(
            Block(BlockRef("heading", node.id), text_segments(node.heading), number, depth - 1)
        )
    if has_body_block(node, depth):
        out.append(
            Block(BlockRef("body", node.id), list(node.body), "" if heading else number, depth - 1)
        )
    for child in node.children:
        _node_blocks(child, depth + 1, numbers, out)
