"""The recovered structure beside the source text, as one self-contained HTML page.

Why: before a split goes into the library a lawyer must see what the importer made of the
file -- which text became which article, clause or field, and what was skipped and why.
The page shows every character of the source exactly once, in order, each inside a coloured
span for the innermost piece it belongs to, with an outline on the side linking to the spans.
A contract is hostile input: every character from it is escaped, and the page allows no
script and loads nothing (a Content-Security-Policy says so to the browser too).
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape
from typing import TYPE_CHECKING

from clause_db.model import HOLE_REASONS

if TYPE_CHECKING:
    from clause_db.model import Article, Clause, Document, Outline, Part, Piece

# Innermost wins where spans nest: a field inside a clause's text, markup inside a heading.
_FIELD, _HOLE, _TABLE, _PIECE, _SKIPPED = 5, 4, 3, 2, 1

# The background of each kind of piece; the review dialog (app.ui.split_review) uses them too.
COLOURS = {
    "title": "#e8e8ff",
    "preamble": "#f3f3f3",
    "cover": "#dcefe9",
    "signature": "#efe4d6",
    "part": "#ffe9c7",
    "article": "#d9f0ff",
    "clause": "#e4f7e0",
    "annex": "#f6dcf2",
    "table": "#dfe3f7",
    "field": "#ffd54f",
    "skipped": "#eeeeee",
}
_CLASS_STYLE = "".join(f".{css}{{background:{colour}}}" for css, colour in COLOURS.items())
_STYLE = (
    """
body{margin:0;font:15px/1.6 system-ui,"Noto Sans CJK SC","Microsoft YaHei",sans-serif}
main{display:grid;grid-template-columns:minmax(14em,22em) 1fr;height:100vh}
nav{overflow:auto;padding:0 1em;border-right:1px solid #ccc;background:#fafafa}
nav ul{list-style:none;padding-left:1em;margin:0}nav a{text-decoration:none;color:#124}
#source{overflow:auto;padding:1em 2em;white-space:pre-wrap;word-break:break-word}
.title{font-weight:bold}.label{font-weight:bold}.field{outline:1px solid #c79a00}
.skipped{color:#888;text-decoration:line-through}
.legend span{padding:0 .3em;margin-right:.3em}
"""
    + _CLASS_STYLE
)
_POLICY = "default-src 'none'; style-src 'unsafe-inline'"


@dataclass(frozen=True)
class Run:
    """A stretch of the source in one innermost piece: its classes and its hover text."""

    start: int
    end: int
    css: str  # "article label", "field", "skipped"; "" for text in no piece
    title: str


@dataclass(frozen=True)
class _Mark:
    """One coloured span of the source: where, how deep, its class and its hover text."""

    start: int
    end: int
    rank: int
    css: str
    title: str


class _Page:
    """Collects the marks, the anchors and the side outline of one outline."""

    def __init__(self) -> None:
        self.marks: list[_Mark] = []
        self.anchors: dict[int, list[str]] = {}
        self.nav: list[str] = []
        self._ids = 0

    def anchor(self, at: int, label: str) -> None:
        """A link in the side outline to position ``at`` of the source."""
        self._ids += 1
        name = f"n{self._ids}"
        self.anchors.setdefault(at, []).append(name)
        self.nav.append(f'<li><a href="#{name}">{escape(label) or "…"}</a>')

    def mark(self, piece_span: tuple[int, int], rank: int, css: str, title: str) -> None:
        if piece_span[1] > piece_span[0]:
            self.marks.append(_Mark(*piece_span, rank, css, title))

    def pieces(self, label: Piece, heading: Piece, text: Piece, css: str, what: str) -> None:
        self.mark(label.span, _PIECE, f"{css} label", what)
        self.mark(heading.span, _PIECE, f"{css} label", what)
        self.mark(text.span, _PIECE, css, what)


def _page(outline: Outline) -> _Page:
    page = _Page()
    for skipped in outline.skipped:
        _add_skipped(page, skipped.span, skipped.reason)
    for document in outline.documents:
        _add_document(page, document)
    return page


def coloured_runs(outline: Outline) -> list[Run]:
    """The source cut into runs, each in the innermost piece that holds it (the page's view)."""
    return [run for run in _runs(outline.text, _page(outline)) if isinstance(run, Run)]


def outline_html(outline: Outline, name: str) -> str:
    """The page for ``outline`` of the file called ``name``."""
    page = _page(outline)
    title = next((d.title for d in outline.documents if d.title), "") or name
    legend = "".join(
        f'<span class="{css}">{word}</span>'
        for css, word in (("cover", "cover"), ("part", "part"), ("article", "article"),
                          ("clause", "clause"), ("signature", "signature"), ("annex", "annex"),
                          ("table", "table"), ("field", "field"), ("skipped", "skipped"))
    )  # fmt: skip
    return (
        '<!DOCTYPE html>\n<html><head><meta charset="utf-8">'
        f'<meta http-equiv="Content-Security-Policy" content="{_POLICY}">'
        f"<title>{escape(title)} — {escape(name)}</title><style>{_STYLE}</style></head>\n"
        f'<body><main><nav><p class="legend">{legend}</p><h2>{escape(name)}</h2><ul>'
        + "\n".join(page.nav)
        + '</ul></nav>\n<div id="source">'
        + _source(outline.text, page)
        + "</div></main></body></html>\n"
    )


def _add_skipped(page: _Page, span: tuple[int, int], reason: str) -> None:
    hole = reason in HOLE_REASONS
    page.mark(span, _HOLE if hole else _SKIPPED, "skipped", f"skipped: {reason}")
    if not hole:  # markup holes are many and small; the outline lists what a lawyer checks
        page.anchor(span[0], f"[skipped: {reason}]")


def _add_document(page: _Page, document: Document) -> None:
    page.anchor(document.span[0], document.title or "(untitled)")
    page.mark(document.title_piece.span, _PIECE, "title", "title")
    page.mark(document.preamble.span, _PIECE, "preamble", "preamble")
    page.nav.append("<ul>")
    for skipped in document.skipped:
        _add_skipped(page, skipped.span, skipped.reason)
    own_pages = (document.cover, "cover", "page"), (document.signature, "signature", "block")
    for piece, css, what in own_pages:
        if piece is not None:  # the title inside the cover (a hole in it) starts later: it wins
            page.anchor(piece.span[0], f"[{css} {what}]")
            page.mark(piece.span, _PIECE, css, f"{css} {what}")
    for tables in (document.preamble_tables, document.cover_tables, document.signature_tables):
        _add_tables(page, tables)
    for part in document.parts:
        _add_part(page, part)
    for annex in document.annexes:
        name = f"{annex.label.value} {annex.title.value}".strip()
        page.anchor(annex.span[0], name)
        page.pieces(annex.label, annex.title, annex.text, "annex", f"annex {name}")
        _add_tables(page, annex.tables)
        page.nav.append("<ul>")
        for part in annex.parts:
            _add_part(page, part)
        page.nav.append("</ul>")
    page.nav.append("</ul>")


def _add_part(page: _Page, part: Part) -> None:
    if part.title is not None or part.label.value:
        page.anchor(part.span[0], f"{part.label.value} {part.heading.value}".strip())
        page.pieces(part.label, part.heading, part.text, "part", "part")
    else:  # an implicit part: its text (if any) is the body before the first article
        page.mark(part.text.span, _PIECE, "preamble", "text before the first article")
    page.nav.append("<ul>")
    for article in part.articles:
        _add_node(page, article, "article")
    page.nav.append("</ul>")


def _add_node(page: _Page, node: Article | Clause, kind: str) -> None:
    """An article or clause: its pieces, its fields, then its clauses nested in the outline."""
    name = f"{node.label.value} {node.heading.value}".strip()
    page.anchor(node.span[0], name)
    page.pieces(node.label, node.heading, node.text, kind, f"{kind} {name}")
    _add_tables(page, node.tables)
    _add_fields(page, node.placeholders)
    if node.clauses:
        page.nav.append("<ul>")
        for child in node.clauses:
            _add_node(page, child, "clause")
        page.nav.append("</ul>")


def _add_tables(page: _Page, tables: list) -> None:
    for table in tables:
        page.mark(table.span, _TABLE, "table", f"table of {len(table.rows)} rows")


def _add_fields(page: _Page, placeholders: list) -> None:
    for p in placeholders:
        page.mark(p.span, _FIELD, "field", f"field {p.label} ({p.kind})")


def _source(text: str, page: _Page) -> str:
    """The text cut at every mark and anchor boundary, each cut in the innermost mark's span."""
    out: list[str] = []
    for run in _runs(text, page):
        if isinstance(run, str):
            out.append(f'<span id="{run}"></span>')
            continue
        chunk = escape(text[run.start : run.end], quote=False)
        if not run.css:
            out.append(chunk)
        else:
            out.append(f'<span class="{run.css}" title="{escape(run.title)}">{chunk}</span>')
    return "".join(out)


def _runs(text: str, page: _Page) -> list[Run | str]:
    """The runs of the text, in order, with the anchors (their names) where they stand."""
    cuts = {0, len(text), *page.anchors}
    for m in page.marks:
        cuts.update((m.start, m.end))
    marks = sorted(page.marks, key=lambda m: (m.start, -m.end))
    out: list[Run | str] = []
    active: list[_Mark] = []
    next_mark = 0
    bounds = sorted(c for c in cuts if 0 <= c <= len(text))
    for at, end in zip(bounds, bounds[1:] + [None], strict=True):
        out.extend(page.anchors.get(at, ()))
        if end is None:
            break
        active = [m for m in active if m.end > at]
        while next_mark < len(marks) and marks[next_mark].start <= at:
            if marks[next_mark].end > at:
                active.append(marks[next_mark])
            next_mark += 1
        if not active:
            out.append(Run(at, end, "", ""))
            continue
        inner = max(active, key=lambda m: (m.rank, m.start, -m.end))
        out.append(Run(at, end, inner.css, inner.title))
    return out
