"""What the library hands out: plain rows for the browse tree and search results."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import NamedTuple


class TopicRow(NamedTuple):
    id: int
    name: str  # Chinese name first: the library is Chinese-first
    article_count: int


@dataclass(frozen=True)
class SourceRow:
    id: int
    name: str
    file_name: str
    imported_at: str  # ISO 8601, UTC
    document_index: int  # which document of the imported file
    title: str
    lang: str  # "zh" | "en"
    article_count: int


@dataclass(frozen=True)
class ArticleRow:
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


@dataclass
class ClauseRow:
    id: int
    article_id: int
    parent_id: int | None
    position: int
    number: str
    label: str
    heading: str
    text: str
    kind: str
    children: list[ClauseRow] = field(default_factory=list)


@dataclass(frozen=True)
class SearchHit:
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
