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
# a PDF's page breaks, page numbers and running headers (``clause_db.page_furniture``),
# a table of contents between the parties and the recitals of a preamble, and what a lawyer
# skipped when reviewing the split (``clause_db.review_hints``).
REVIEW_SKIP = "skipped on review"
HOLE_REASONS = (
    "markup",
    "front matter",
    "summary table",
    "page furniture",
    "table of contents",
    REVIEW_SKIP,
)


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
    # tick boxes only: the boxes offered together share ``group`` (the offset where the
    # group's first box starts); ``ticked`` for one written ticked (☑, ■, [x])
    group: int | None = None
    ticked: bool = False

    def to_json(self) -> dict:
        out = {"label": self.label, "kind": self.kind, "span": list(self.span), "name": self.name}
        if self.kind == "checkbox":
            out |= {"group": self.group, "ticked": self.ticked}
        return out


@dataclass
class Piece:
    """One innermost piece of the outline: its cleaned value and the span it covers."""

    value: str
    span: Span


@dataclass
class TableCell:
    """One cell of a table read from a Word file: its text and where it lies in the text."""

    text: str
    span: Span
    colspan: int = 1
    rowspan: int = 1
    bold: bool = False  # every run of its text bold in the source (not in the JSON)

    def to_json(self) -> dict:
        out: dict = {"text": self.text, "span": list(self.span)}
        if self.colspan > 1:
            out["colspan"] = self.colspan
        if self.rowspan > 1:
            out["rowspan"] = self.rowspan
        return out


@dataclass
class Table:
    """A table inside a node's text: rows of cells. Its span lies inside the text piece of
    the node that holds it, so the pieces still tile the source; the cells are a finer view."""

    span: Span
    rows: list[list[TableCell]] = field(default_factory=list)
    borders: bool = True  # drawn with lines in the source (not in the JSON: a list of rows)
    # How the source laid it out (not in the JSON either): its grid columns' widths in twips
    # (empty: not known), the table centred between the margins.
    widths: list[int] = field(default_factory=list)
    centred: bool = False

    def to_json(self) -> list:
        return [[c.to_json() for c in row] for row in self.rows]


def _tables_json(tables: list[Table]) -> list:
    return [t.to_json() for t in tables]


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
    tables: list[Table] = field(default_factory=list)

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
            "tables": _tables_json(self.tables),
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
    tables: list[Table] = field(default_factory=list)

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
            "tables": _tables_json(self.tables),
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
class Annex:
    """An annex after the body (附件1, 附表, Exhibit A, Schedule 1, Appendix): its own
    sequence, never clauses of the last article. It has articles of its own (``parts``) or
    only ``text``."""

    label: Piece  # 附件1, Exhibit A, as written
    title: Piece  # 数据提供项目验收单示例
    text: Piece  # its text before its first article (all of it when it has none)
    span: Span
    parts: list[Part] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)

    def pieces(self) -> Iterator[Piece]:
        yield self.label
        yield self.title
        yield self.text
        for p in self.parts:
            yield from p.pieces()

    def to_json(self) -> dict:
        return {
            "label": self.label.value,
            "title": self.title.value,
            "text": self.text.value,
            "span": list(self.span),
            "label_span": list(self.label.span),
            "title_span": list(self.title.span),
            "text_span": list(self.text.span),
            "tables": _tables_json(self.tables),
            "parts": [p.to_json() for p in self.parts],
        }


def _passage_json(piece: Piece | None, tables: list[Table]) -> dict | None:
    if piece is None:
        return None
    return {"text": piece.value, "span": list(piece.span), "tables": _tables_json(tables)}


@dataclass
class Document:
    title: str
    title_piece: Piece
    preamble: Piece  # text between the title and the first part/article (parties, recitals)
    span: Span
    parts: list[Part] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    # the cover page: the text before the title and the title page's lines after it (编号,
    # parties, date); when it has both, its span runs across the title, which is a hole in it
    cover: Piece | None = None
    signature: Piece | None = None  # the source's own signature block after the last article
    annexes: list[Annex] = field(default_factory=list)
    preamble_tables: list[Table] = field(default_factory=list)  # the parties' details in cells
    cover_tables: list[Table] = field(default_factory=list)
    signature_tables: list[Table] = field(default_factory=list)

    def pieces(self) -> Iterator[Piece]:
        if self.cover is not None:
            yield self.cover
        yield self.title_piece
        yield self.preamble
        for p in self.parts:
            yield from p.pieces()
        if self.signature is not None:
            yield self.signature
        for a in self.annexes:
            yield from a.pieces()

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
            "preamble_tables": _tables_json(self.preamble_tables),
            "parts": [p.to_json() for p in self.parts],
            "cover": _passage_json(self.cover, self.cover_tables),
            "signature": _passage_json(self.signature, self.signature_tables),
            "annexes": [a.to_json() for a in self.annexes],
            "skipped": [s.to_json() for s in self.skipped],
        }


@dataclass
class Outline:
    text: str
    documents: list[Document] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    encoding: str = "utf-8"
    # what a reader kept beside the text (a Word file's tracked changes and comments, as
    # app.model.markup.Markup; markers in ``text`` say where): for the importer, not the JSON
    markup: object | None = None

    def covered_spans(self) -> list[Span]:
        """Every span the outline accounts for: innermost pieces and skipped text, sorted.

        Markup skipped inside a piece (an HTML tag in a heading) is a hole: the piece's span
        counts without it.
        """
        skipped = [*self.skipped, *(s for d in self.documents for s in d.skipped)]
        holes = sorted(s.span for s in skipped if s.reason in HOLE_REASONS)
        spans = [s.span for s in skipped if s.reason not in HOLE_REASONS]
        spans.extend(p.span for d in self.documents for p in d.pieces() if p is not d.cover)
        out = list(holes)
        for span in spans:
            out.extend(span_without_holes(span, holes))
        for d in self.documents:  # the title lies inside a cover that runs on after it
            if d.cover is not None:
                out.extend(span_without_holes(d.cover.span, sorted([*holes, d.title_piece.span])))
        return sorted(s for s in out if s[0] < s[1])

    def to_json(self) -> dict:
        return {
            "encoding": self.encoding,
            "documents": [d.to_json() for d in self.documents],
            "skipped": [s.to_json() for s in self.skipped],
        }
