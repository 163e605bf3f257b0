"""Articles, clauses and sources as text: what drags into other programs and the views show.

The library stores label, heading and text apart; contracts print them as
``5.1 保密内容：双方……``, so that is how they are joined again.
"""

from __future__ import annotations

import re
from collections import Counter
from typing import TYPE_CHECKING

from clause_db.language import has_han

if TYPE_CHECKING:
    from collections.abc import Iterator

    from clause_db.rows import ArticleRow, ClauseRow
    from clause_db.store import ClauseLibrary

_ENDS_WITH_PUNCT = re.compile(r"[:：。.;；,，、!！?？]$")


def joined(label: str, heading: str, text: str) -> str:
    """``label heading：text`` with the colon a Chinese or English contract would use."""
    head = " ".join(p for p in (label, heading) if p)
    if not (heading and text):
        return " ".join(p for p in (head, text) if p)
    if _ENDS_WITH_PUNCT.search(heading):
        return f"{head}{text}" if has_han(heading) else f"{head} {text}"
    return f"{head}：{text}" if has_han(heading) else f"{head}: {text}"


def walk(clauses: list[ClauseRow], depth: int = 0) -> Iterator[tuple[int, ClauseRow]]:
    """Every clause with its nesting depth, in document order."""
    for c in clauses:
        yield depth, c
        yield from walk(c.children, depth + 1)


def find_clause(clauses: list[ClauseRow], clause_id: int) -> ClauseRow | None:
    return next((c for _, c in walk(clauses) if c.id == clause_id), None)


def article_lines(article: ArticleRow, clauses: list[ClauseRow]) -> list[str]:
    heading = " ".join(p for p in (article.label, article.heading) if p)
    lines = [heading] if heading else []
    if article.text:
        lines.append(article.text)
    lines += [joined(c.label, c.heading, c.text) for _, c in walk(clauses)]
    return lines


def article_plain_text(library: ClauseLibrary, article_id: int) -> str:
    article = library.article(article_id)
    if article is None:
        return ""
    return "\n".join(article_lines(article, library.clauses_of(article_id)))


def clause_plain_text(library: ClauseLibrary, clause_id: int) -> str:
    """The clause with its sub-clauses, which belong to it when it is copied elsewhere."""
    row = library.clause(clause_id)
    if row is None:
        return ""
    clause = find_clause(library.clauses_of(row.article_id), clause_id) or row
    return "\n".join(joined(c.label, c.heading, c.text) for _, c in walk([clause]))


def source_names(library: ClauseLibrary) -> dict[int, str]:
    """Source titles, numbered where one file held several contracts of the same title."""
    sources = library.sources_list()
    titles = [s.title or s.name for s in sources]
    repeats = Counter(titles)
    return {
        s.id: f"{t} #{s.document_index + 1}" if repeats[t] > 1 else t
        for s, t in zip(sources, titles, strict=True)
    }
