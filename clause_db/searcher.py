"""Run a library search: match terms with the index or LIKE, rank, and turn rows into hits.

Ranking: rows whose heading holds every term come first (shortest heading first), then
the rest by bm25 (heading weighted 5:1 over text). bm25 costs about a microsecond per
matching row, so for very common terms (费 in a fifth of 100k clauses) ranking every match
would blow the 20 ms budget: bm25 ranks at most the ``RANK_WINDOW`` (or ``limit``, if
larger) newest matches. Below that many matches the ranking is exact. For several terms,
an article whose terms are spread over different clauses is a hit too, after the pieces
that hold every term themselves.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .fulltext import INDEX, Term, fts_expression, like_pattern, parse_terms, snippet
from .rows import SearchHit

if TYPE_CHECKING:
    import sqlite3

RANK_WINDOW = 300
BM25 = f"bm25({INDEX}, 5.0, 1.0)"
_TIER = {"heading": 2000.0, "body": 1000.0, "spread": 0.0}

_HEADING_OF = (  # the heading of the index's current row
    f"CASE WHEN {INDEX}.rowid & 1 THEN (SELECT heading FROM articles WHERE id = {INDEX}.rowid >> 1)"
    f" ELSE (SELECT heading FROM clauses WHERE id = {INDEX}.rowid >> 1) END"
)
Row = tuple[int, float]  # (search rowid, bm25 score: lower is better)


def _heading_matches(conn: sqlite3.Connection, terms: list[Term], limit: int) -> list[Row]:
    """Rows whose heading holds every term, shortest heading first.

    The index's heading column answers indexed terms: LIKE on headings cannot say "at a
    word start", and the column filter costs no more than scanning every heading.
    """
    expr = fts_expression(terms, column="heading")
    likes = [t for t in terms if t.kind == "like"]
    where = "".join(" AND heading LIKE ? ESCAPE '\\'" for _ in likes)
    patterns = [like_pattern(t.text) for t in likes]
    if expr is None:
        return conn.execute(
            f"SELECT id * 2 + 1, length(heading) FROM articles WHERE heading <> ''{where}"
            f" UNION ALL SELECT id * 2, length(heading) FROM clauses WHERE heading <> ''{where}"
            " ORDER BY 2, 1 DESC LIMIT ?",
            [*patterns, *patterns, limit],
        ).fetchall()
    return conn.execute(
        f"SELECT rid, length(heading) FROM (SELECT {INDEX}.rowid AS rid, {_HEADING_OF} AS heading"
        f" FROM {INDEX} WHERE {INDEX} MATCH ?) WHERE 1{where} ORDER BY 2, 1 DESC LIMIT ?",
        [expr, *patterns, limit],
    ).fetchall()


def _matches(conn: sqlite3.Connection, terms: list[Term], window: int) -> list[Row]:
    """Search rows holding every term (heading or text), the newest ``window`` (-1: all)."""
    expr = fts_expression(terms)
    params: list[object] = [] if expr is None else [expr]
    where = [] if expr is None else [f"{INDEX} MATCH ?"]
    for t in terms:
        if t.kind == "like":
            params += [like_pattern(t.text)] * 2
            where.append(
                f"{'+rowid' if expr else 'rid'} IN (SELECT rid FROM search_docs"
                " WHERE heading LIKE ? ESCAPE '\\' OR body LIKE ? ESCAPE '\\')"
            )
    sql = f"SELECT rowid, {BM25} FROM {INDEX}" if expr else "SELECT rid, 0.0 FROM search_docs"
    sql += " WHERE " + " AND ".join(where) + f" ORDER BY {'rowid' if expr else 'rid'} DESC"
    return conn.execute(sql + f" LIMIT {int(window)}", params).fetchall()


def _article_of(conn: sqlite3.Connection, rids: list[int]) -> dict[int, int]:
    """Article id of each search row (an article row is its own article)."""
    out = {r: r >> 1 for r in rids if r & 1}
    clause_ids = [r >> 1 for r in rids if not r & 1]
    for i in range(0, len(clause_ids), 500):
        chunk = clause_ids[i : i + 500]
        sql = f"SELECT id, article_id FROM clauses WHERE id IN ({','.join('?' * len(chunk))})"
        out.update((c * 2, a) for c, a in conn.execute(sql, chunk))
    return out


def _spread(conn: sqlite3.Connection, terms: list[Term], direct_articles: set[int]) -> list[int]:
    """Articles holding every term only across pieces (no single piece holds them all)."""
    found: set[int] | None = None
    for t in terms:
        rows = _matches(conn, [t], window=-1)
        articles = set(_article_of(conn, [r for r, _ in rows]).values())
        found = articles if found is None else found & articles
        if not found:
            return []
    return sorted(found - direct_articles, reverse=True)


def _full_text(conn: sqlite3.Connection, article_id: int) -> tuple[str, ...]:
    """An article's heading, text and clause headings/texts: what article-level search sees."""
    row = conn.execute("SELECT heading, text FROM articles WHERE id = ?", (article_id,)).fetchone()
    parts = [row[0], row[1]]
    for h, t in conn.execute(
        "SELECT heading, text FROM clauses WHERE article_id = ? ORDER BY id", (article_id,)
    ):
        parts += [h, t]
    return tuple(p for p in parts if p)


def _rows_by_id(conn: sqlite3.Connection, select: str, ids: list[int]) -> dict[int, tuple]:
    """``select`` (its first column the id, ending in ``WHERE <id column>``) for many ids at
    once: one query per 500 ids, not one per hit."""
    out: dict[int, tuple] = {}
    unique = list(dict.fromkeys(ids))
    for i in range(0, len(unique), 500):
        chunk = unique[i : i + 500]
        sql = f"{select} IN ({','.join('?' * len(chunk))})"
        out.update((row[0], row[1:]) for row in conn.execute(sql, chunk))
    return out


def _hits(
    conn: sqlite3.Connection, ranked: list[tuple[int, float]], spread: set[int], terms: list[Term]
) -> list[SearchHit]:
    """Turn (search rowid, rank) pairs into hits, snippets computed for these rows only."""
    patterns = [t.pattern() for t in terms]
    is_article = [rid in spread or rid & 1 for rid, _ in ranked]
    articles = _rows_by_id(
        conn,
        "SELECT a.id, a.label, a.heading, a.text, s.title FROM articles a"
        " JOIN sources s ON s.id = a.source_id WHERE a.id",
        [rid >> 1 for (rid, _), art in zip(ranked, is_article, strict=True) if art],
    )
    clauses = _rows_by_id(
        conn,
        "SELECT c.id, c.article_id, c.label, c.heading, c.text, s.title FROM clauses c"
        " JOIN articles a ON a.id = c.article_id JOIN sources s ON s.id = a.source_id"
        " WHERE c.id",
        [rid >> 1 for (rid, _), art in zip(ranked, is_article, strict=True) if not art],
    )
    hits = []
    for (rid, rank), art in zip(ranked, is_article, strict=True):
        row = (articles if art else clauses).get(rid >> 1)
        if row is None:  # the index names a row that is gone (or lost its article): no hit
            continue
        if art:
            a_id = rid >> 1
            label, heading, text, title = row
            if rid in spread:
                text = " ".join(_full_text(conn, a_id))
            kind, hit_id = "article", a_id
        else:
            hit_id = rid >> 1
            a_id, label, heading, text, title = row
            kind = "clause"
        shown = text if any(p.search(text) for p in patterns) else heading
        hits.append(
            SearchHit(kind, hit_id, a_id, title, label, heading, snippet(shown, patterns), rank)
        )
    return hits


def run(conn: sqlite3.Connection, fts: bool, query: str, limit: int) -> list[SearchHit]:
    """Search the library behind ``conn``; ``fts`` says whether it has the search index."""
    terms = parse_terms(query, fts)
    if not terms or limit <= 0:
        return []
    ranked = [(rid, _TIER["heading"] - size) for rid, size in _heading_matches(conn, terms, limit)]
    seen = {rid for rid, _ in ranked}
    body = _matches(conn, terms, window=max(RANK_WINDOW, limit))
    for rid, score in sorted(body, key=lambda r: (r[1], -r[0])):
        if len(ranked) >= limit:
            break
        if rid not in seen:
            ranked.append((rid, _TIER["body"] - score))
    spread_rids: set[int] = set()
    if len(terms) > 1 and len(ranked) < limit:
        direct = _matches(conn, terms, window=-1)
        direct_articles = set(_article_of(conn, [r for r, _ in direct]).values())
        for a_id in _spread(conn, terms, direct_articles)[: limit - len(ranked)]:
            spread_rids.add(a_id * 2 + 1)
            ranked.append((a_id * 2 + 1, _TIER["spread"]))
    return _hits(conn, ranked, spread_rids, terms)
