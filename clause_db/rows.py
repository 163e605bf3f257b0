"""What the library hands out: plain rows for the browse tree and search results.

Named tuples, not dataclasses: the window reads these before it first shows, and a
dataclass costs several times as much to define.
"""

from __future__ import annotations

from typing import NamedTuple


class TopicRow(NamedTuple):
    id: int
    name: str  # Chinese name first: the library is Chinese-first
    article_count: int
    name_en: str = ""  # for the English UI; a topic named after a heading has it as both


class SourceRow(NamedTuple):
    id: int
    name: str
    file_name: str
    imported_at: str  # ISO 8601, UTC
    document_index: int  # which document of the imported file
    title: str
    lang: str  # "zh" | "en"
    article_count: int


class ArticleRow(NamedTuple):
    """An article without its clauses: enough to show it as a tree node or open it."""

    id: int
    source_id: int
    source_title: str
    part_index: int
    part_title: str | None
    position: int
    number: int | None
    label: str
    heading: str
    text: str
    topic_id: int | None
    tags: list[str]


class ClauseRow(NamedTuple):
    """A clause; ``children`` (its sub-clauses) is filled in by whoever builds the tree."""

    id: int
    article_id: int
    parent_id: int | None
    position: int
    number: str
    label: str
    heading: str
    text: str
    kind: str
    children: list[ClauseRow]


class SearchHit(NamedTuple):
    """One result: the smallest piece holding every term (a clause, or an article).

    ``rank`` is higher for better hits; results come sorted by it.
    """

    kind: str  # "article" | "clause"
    id: int
    article_id: int
    source_title: str
    label: str
    heading: str
    snippet: str
    rank: float
