"""A draft's articles as an Outline, so the lawyer can save them into the clause library.

The library stores outlines (what it imports from files); a selection of a draft becomes a
one-document outline whose text is the articles as rendered, with their computed numbers
(and their tables as rows of text).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from clause_db.model import Article, Clause, Document, Outline, Part, Piece
from clause_db.placeholders import find_placeholders

from .numbering import labels, number_paths
from .text import render_body, text_and_rows

if TYPE_CHECKING:
    from .draft import Draft, Node


class OutlineText:
    """Appends pieces to the outline's text and gives each its span."""

    def __init__(self) -> None:
        self.chunks: list[str] = []
        self.size = 0

    def piece(self, value: str) -> Piece:
        start = self.size
        self.chunks.append(value + "\n")
        self.size += len(value) + 1
        return Piece(value, (start, start + len(value)))


def outline_of_nodes(draft: Draft, node_ids: list[int]) -> Outline:
    """The selected articles (a selected clause counts as an article of its own)."""
    paths = number_paths(draft)
    numbers = labels(draft, paths=paths)
    chosen = [n for _, n in draft.nodes() if n.id in set(node_ids)]
    # a node inside another chosen node travels with it
    inner = {c.id for n in chosen for c in n.walk() if c is not n}
    chosen = [n for n in chosen if n.id not in inner]
    if not chosen:
        return Outline("")
    out = OutlineText()
    title = out.piece(draft.title)
    preamble = out.piece("")
    part_start = out.size
    part = Part(None, out.piece(""), out.piece(""), out.piece(""), (part_start, part_start))
    render = _renderer(paths, draft)
    for node in chosen:
        start = out.size
        label_piece = out.piece(numbers[node.id])
        heading = out.piece(node.heading)
        text = out.piece(text_and_rows(node.body, node.tables, render))
        article = Article(paths[node.id][0] if len(paths[node.id]) == 1 else None,
                          label_piece, heading, text, (start, 0))  # fmt: skip
        article.clauses = [_clause(out, c, paths, numbers, draft) for c in node.children]
        article.span = (start, out.size)
        part.articles.append(article)
    part.span = (part_start, out.size)
    document = Document(draft.title, title, preamble, (0, out.size), [part])
    outline = Outline("".join(out.chunks), [document])
    for a in part.articles:
        a.placeholders = find_placeholders(outline.text, a.heading.span[0], a.text.span[1])
        for c in a.iter_clauses():
            c.placeholders = find_placeholders(outline.text, c.heading.span[0], c.text.span[1])
    return outline


def _renderer(paths, draft: Draft):
    return lambda body: render_body(body, paths, draft)


def _clause(out: OutlineText, node: Node, paths, numbers: dict[int, str], draft: Draft) -> Clause:
    start = out.size
    number = ".".join(map(str, paths[node.id]))
    label_piece = out.piece(numbers[node.id])
    heading = out.piece(node.heading)
    text = out.piece(text_and_rows(node.body, node.tables, _renderer(paths, draft)))
    clause = Clause(number, label_piece, heading, text, (start, 0), "dotted")
    clause.clauses = [_clause(out, c, paths, numbers, draft) for c in node.children]
    clause.span = (start, out.size)
    return clause
