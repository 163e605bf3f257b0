"""The outline of contract text: document -> part -> article -> clause (clauses nest).

Every node keeps the spans (``[start, end)`` offsets into the decoded source text) of its
innermost pieces -- label, heading, text -- so that, together with the skipped spans
(table of contents, boilerplate), they tile the source exactly: nothing is dropped.
The string values are the pieces as a reader wants them (stripped of the punctuation and
whitespace that glue them together); the spans keep every character.
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Iterator

Span = tuple[int, int]
# Skipped reasons for what may lie inside a piece: Markdown markup (``clause_db.markdown``)
# a PDF's page breaks, page numbers and running headers (``clause_db.page_furniture``), and
# a table of contents between the parties and the recitals of a preamble.
HOLE_REASONS = ("markup", "front matter", "summary table", "page furniture", "table of contents")


def span_without_holes(span: Span, holes: list[Span]) -> list[Span]:
    """``span`` without the (sorted) holes that overlap it."""
    i = bisect_left(holes, (span[0] - 1, span[0] - 1))
    while i > 0 and holes[i - 1][1] > span[0]:
        i -= 1
    out, pos = [], span[0]
    while i < len(holes) and holes[i][0] < span[1]:
        hs, he = holes[i]
        if he > pos:
            out.append((pos, max(pos, hs)))
            pos = max(pos, he)
        i += 1
    out.append((pos, span[1]))
    return [s for s in out if s[1] > s[0]]


def _piece_spans(node: Part | Article | Clause) -> dict[str, list[int]]:
    """The spans of a node's innermost pieces, so a reader of the JSON can check losslessness."""
    return {
        "label_span": list(node.label.span),
        "heading_span": list(node.heading.span),
        "text_span": list(node.text.span),
    }


@dataclass
class Placeholder:
    """A blank a lawyer fills: ``____``, ``【服务费用】``, ``[Party]``, ``{{name}}``, ``□`` ..."""

    kind: (
        str  # underscore | bracket_named | bracket_empty | square | template | checkbox | stand_in
    )
    span: Span
    label: str
    name: str | None = None  # the name written inside the blank, if any

    def to_json(self) -> dict:
        return {"label": self.label, "kind": self.kind, "span": list(self.span), "name": self.name}


@dataclass
class Piece:
    """One innermost piece of the outline: its cleaned value and the span it covers."""

    value: str
    span: Span


@dataclass
class Clause:
    number: str  # as written, normalised: "1.1", "8.3.1", "一", "1", "a", "i"
    label: Piece  # as written: "1.1", "（一）", "(a)"
    heading: Piece
    text: Piece
    span: Span
    kind: (
        str  # dotted | paren_cn | cn_dun | arabic | paren_num | paren_alpha | paren_roman | circled
    )
    clauses: list[Clause] = field(default_factory=list)
    placeholders: list[Placeholder] = field(default_factory=list)

    def pieces(self) -> Iterator[Piece]:
        yield self.label
        yield self.heading
        yield self.text
        for c in self.clauses:
            yield from c.pieces()

    def to_json(self) -> dict:
        return {
            "number": self.number,
            "label": self.label.value,
            "heading": self.heading.value,
            "text": self.text.value,
            "span": list(self.span),
            **_piece_spans(self),
            "kind": self.kind,
            "placeholders": [p.to_json() for p in self.placeholders],
            "clauses": [c.to_json() for c in self.clauses],
        }


@dataclass
class Article:
    number: int | None  # 第十一条 -> 11; None when the label carries no number we can read
    label: Piece  # "第十一条", "Article 1", "Section 2", "1."
    heading: Piece
    text: Piece  # the article's text before its first clause
    span: Span
    clauses: list[Clause] = field(default_factory=list)
    placeholders: list[Placeholder] = field(default_factory=list)

    def pieces(self) -> Iterator[Piece]:
        yield self.label
        yield self.heading
        yield self.text
        for c in self.clauses:
            yield from c.pieces()

    def iter_clauses(self) -> Iterator[Clause]:
        stack = list(reversed(self.clauses))
        while stack:
            c = stack.pop()
            yield c
            stack.extend(reversed(c.clauses))

    def to_json(self) -> dict:
        return {
            "number": self.number,
            "label": self.label.value,
            "heading": self.heading.value,
            "text": self.text.value,
            "span": list(self.span),
            **_piece_spans(self),
            "placeholders": [p.to_json() for p in self.placeholders],
            "clauses": [c.to_json() for c in self.clauses],
        }


@dataclass
class Skipped:
    reason: str  # "table of contents", "boilerplate", "cover page", ...
    span: Span
    text: str

    def to_json(self) -> dict:
        return {"reason": self.reason, "text": self.text, "span": list(self.span)}


@dataclass
class Gap:
    """Article numbers that jump (第五条 then 第八条): reported, never renumbered."""

    after: int | None
    before: int
    missing: list[int]

    def to_json(self) -> dict:
        return {"after": self.after, "before": self.before, "missing": self.missing}


@dataclass
class Part:
    title: (
        str | None
    )  # "第二部分:第三方介入后的修正" -> "第三方介入后的修正"; None for an implicit part
    label: Piece  # "第二部分", empty for an implicit part
    heading: Piece
    text: Piece  # text of the part before its first article
    span: Span
    articles: list[Article] = field(default_factory=list)
    gaps: list[Gap] = field(default_factory=list)
    depth: int = 0  # part headings above it: 第三编 0, 第一分编 1, 第一章 2, 第一节 3

    def pieces(self) -> Iterator[Piece]:
        yield self.label
        yield self.heading
        yield self.text
        for a in self.articles:
            yield from a.pieces()

    def to_json(self) -> dict:
        return {
            "title": self.title,
            "label": self.label.value,
            "heading": self.heading.value,
            "text": self.text.value,
            "span": list(self.span),
            **_piece_spans(self),
            "depth": self.depth,
            "gaps": [g.to_json() for g in self.gaps],
            "articles": [a.to_json() for a in self.articles],
        }


@dataclass
class Document:
    title: str
    title_piece: Piece
    preamble: Piece  # text between the title and the first part/article (parties, recitals)
    span: Span
    parts: list[Part] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)

    def pieces(self) -> Iterator[Piece]:
        yield self.title_piece
        yield self.preamble
        for p in self.parts:
            yield from p.pieces()

    def iter_articles(self) -> Iterator[Article]:
        for p in self.parts:
            yield from p.articles

    def to_json(self) -> dict:
        return {
            "title": self.title,
            "span": list(self.span),
            "title_span": list(self.title_piece.span),
            "preamble": self.preamble.value,
            "preamble_span": list(self.preamble.span),
            "parts": [p.to_json() for p in self.parts],
            "skipped": [s.to_json() for s in self.skipped],
        }


@dataclass
class Outline:
    text: str
    documents: list[Document] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    encoding: str = "utf-8"

    def covered_spans(self) -> list[Span]:
        """Every span the outline accounts for: innermost pieces and skipped text, sorted.

        Markup skipped inside a piece (an HTML tag in a heading) is a hole: the piece's span
        counts without it.
        """
        skipped = [*self.skipped, *(s for d in self.documents for s in d.skipped)]
        holes = sorted(s.span for s in skipped if s.reason in HOLE_REASONS)
        spans = [s.span for s in skipped if s.reason not in HOLE_REASONS]
        spans.extend(p.span for d in self.documents for p in d.pieces())
        out = list(holes)
        for span in spans:
            out.extend(span_without_holes(span, holes))
        return sorted(s for s in out if s[0] < s[1])

    def to_json(self) -> dict:
        return {
            "encoding": self.encoding,
            "documents": [d.to_json() for d in self.documents],
            "skipped": [s.to_json() for s in self.skipped],
        }
