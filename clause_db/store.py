"""The clause library: one SQLite file of imported contracts, browsable by topic and searchable.

Opening refuses anything that is not a library (a folder, another kind of file, another
program's SQLite database) before writing a byte (see ``library_file``). A damaged library
is never written to: its pages are checked before the first write, and every read that
meets damage ends in one ``LibraryDamagedError``. A library we may not write (read-only file
or folder, or ``read_only=True``) still opens for browsing and search, creating no file;
every write then raises ``LibraryError``. A second writer waits for the first.
"""

from __future__ import annotations

import functools
import json
import os
import sqlite3
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Concatenate, ParamSpec, TypeVar

from .errors import LibraryError
from .language import text_language
from .library_file import (
    APPLICATION_ID,
    CHECK_AT_OPEN_BYTES,
    MIGRATION_SET,
    check_library_file,
    check_pages,
    connect,
    failure,
    library_size,
    sidecar,
)
from .messages import Msg
from .rows import ArticleRow, ClauseRow, SearchHit, SourceRow, TopicRow

if TYPE_CHECKING:  # what an import reads; browsing a library (the window's start) does not
    from collections.abc import Callable, Iterator

    from .model import Article, Clause, Outline

MIGRATION_NAMES = ("m001_initial", "m002_words_index")  # schema.MIGRATIONS, in order


def _pending_migrations(conn: sqlite3.Connection) -> bool:
    """Whether the schema is older than this version's (read without loading sqlite-utils)."""
    try:
        rows = conn.execute(
            "SELECT name FROM _sqlite_migrations WHERE migration_set = ?", (MIGRATION_SET,)
        ).fetchall()
    except sqlite3.OperationalError:  # no migrations table: a new library
        return True
    return not set(MIGRATION_NAMES) <= {name for (name,) in rows}


_P = ParamSpec("_P")
_T = TypeVar("_T")


def _reads(
    method: Callable[Concatenate[ClauseLibrary, _P], _T],
) -> Callable[Concatenate[ClauseLibrary, _P], _T]:
    """A read that meets a damaged page (or any SQLite failure) ends in one LibraryError."""

    @functools.wraps(method)
    def read(self: ClauseLibrary, *args: _P.args, **kwargs: _P.kwargs) -> _T:
        try:
            return method(self, *args, **kwargs)
        except sqlite3.Error as e:
            raise failure(self.path, "read", e) from e

    return read


class ClauseLibrary:
    """The clause library stored in one SQLite file."""

    def __init__(self, path: str | Path, *, read_only: bool = False) -> None:
        self.path = Path(path)
        self._checked = False  # whether quick_check has passed on this connection
        exists = self.path.exists()
        if exists:
            empty = check_library_file(self.path)
            folder_ok = os.access(self.path.parent, os.W_OK)
            writable = not read_only and os.access(self.path, os.W_OK) and folder_ok
            if empty and not writable:
                raise LibraryError(Msg(
                    "条款库“{0}”是空的。", "The clause library “{0}” is empty.", self.path
                ))  # fmt: skip
        elif read_only:
            raise LibraryError(Msg(
                "“{0}”处没有条款库。", "There is no clause library at “{0}”.", self.path
            ))  # fmt: skip
        else:
            try:
                self.path.parent.mkdir(parents=True, exist_ok=True)
            except OSError as e:
                raise LibraryError(Msg(
                    "无法在“{0}”中创建条款库：{1}。",
                    "Cannot create the clause library in “{0}”: {1}.",
                    self.path.parent,
                    e.strerror,
                )) from e  # fmt: skip
            empty = writable = True
        self.read_only = not writable
        try:
            conn = connect(self.path, writable)
        except sqlite3.Error as e:
            raise failure(self.path, "open", e) from e
        try:
            self._setup(conn, empty)
        except (sqlite3.Error, LibraryError) as e:
            conn.close()
            if not exists:
                for suffix in ("", "-wal", "-shm", "-journal"):
                    sidecar(self.path, suffix).unlink(missing_ok=True)
            if isinstance(e, LibraryError):
                raise
            raise failure(self.path, "open", e) from e

    def _setup(self, conn: sqlite3.Connection, empty: bool) -> None:
        """Pragmas, then (on a library we may write) the id and migrations it lacks, written
        only once every page has been checked; a damaged library is said to be damaged
        rather than old."""
        self.conn = conn
        conn.execute("PRAGMA foreign_keys = ON")
        app_id = conn.execute("PRAGMA application_id").fetchone()[0]
        pending = _pending_migrations(conn)
        writes = pending
        if not self.read_only:
            wal = conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
            writes = pending or app_id != APPLICATION_ID or not wal
        if not empty and (writes or library_size(self.path) <= CHECK_AT_OPEN_BYTES):
            self.check()
        if self.read_only:
            if pending:
                raise LibraryError(Msg(
                    "条款库“{0}”需要升级，但无法写入。",
                    "The clause library “{0}” needs upgrading but cannot be written.",
                    self.path,
                ))  # fmt: skip
            return
        if app_id != APPLICATION_ID:  # on a new file, first: it is how a library is known
            conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA synchronous = NORMAL")
        if pending:
            from .schema import MIGRATIONS

            MIGRATIONS.apply(self.db)

    def check(self) -> None:
        """Raise LibraryDamagedError unless every page is sound; checked once per open."""
        if not self._checked:
            check_pages(self.conn, self.path)
            self._checked = True

    @functools.cached_property
    def db(self):
        """sqlite-utils over the connection, with the SQL functions the search index's
        triggers call, for writes and migrations only: importing them costs a tenth of a
        second, which opening the window for browsing need not pay."""
        from sqlite_utils import Database

        from .schema import register_functions

        register_functions(self.conn)
        return Database(self.conn)

    @functools.cached_property
    def fts(self) -> bool:
        """Whether the library has its search index (not where SQLite lacks FTS5: there
        search falls back on LIKE)."""
        from .fulltext import INDEX

        sql = "SELECT 1 FROM sqlite_master WHERE name = ?"
        return self.conn.execute(sql, (INDEX,)).fetchone() is not None

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> ClauseLibrary:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    @_reads
    def schema_version(self) -> list[str]:
        """Names of the applied migrations, oldest first."""
        from .schema import MIGRATIONS

        return [m.name for m in MIGRATIONS.applied(self.db)]

    @contextmanager
    def _writing(self) -> Iterator[sqlite3.Connection]:
        """One transaction; any failure rolls it all back and reaches the user as LibraryError."""
        if self.read_only:
            raise LibraryError(Msg(
                "条款库“{0}”是只读的。", "The clause library “{0}” is read-only.", self.path
            ))  # fmt: skip
        self.check()
        conn = self.db.conn
        try:
            conn.execute("BEGIN IMMEDIATE")  # waits for another writer, then reads its rows
            try:
                yield conn
                conn.commit()
            except BaseException:
                conn.rollback()
                raise
        except sqlite3.Error as e:
            raise failure(self.path, "write", e) from e

    # ---- import -------------------------------------------------------------------------

    def import_outline(self, outline: Outline, file_name: str) -> list[int]:
        """Store every document of ``outline`` as a source; all or nothing. Returns source ids."""
        from datetime import UTC, datetime

        stem = Path(file_name).stem
        now = datetime.now(UTC).isoformat(timespec="seconds")
        source_ids = []
        with self._writing() as conn:
            first_ids = {
                t: conn.execute(f"SELECT coalesce(max(id), 0) + 1 FROM {t}").fetchone()[0]
                for t in ("articles", "clauses")
            }
            next_id = dict(first_ids)
            articles: list[tuple] = []
            clauses: list[tuple] = []
            placeholders: list[tuple] = []
            for d_index, doc in enumerate(outline.documents):
                name = stem if len(outline.documents) == 1 else f"{stem} ({d_index + 1})"
                lang = text_language(outline.text[doc.span[0] : doc.span[1]])
                cur = conn.execute(
                    "INSERT INTO sources (name, file_name, imported_at, document_index, title,"
                    " lang) VALUES (?, ?, ?, ?, ?, ?)",
                    (name, file_name, now, d_index, doc.title, lang),
                )
                source_id = cur.lastrowid
                source_ids.append(source_id)
                for p_index, part in enumerate(doc.parts):
                    for position, article in enumerate(part.articles):
                        a_id = next_id["articles"]
                        next_id["articles"] += 1
                        topic_id, reason = self._topic_for(conn, article)
                        articles.append(
                            (
                                a_id,
                                source_id,
                                p_index,
                                part.title,
                                position,
                                article.number,
                                article.label.value,
                                article.heading.value,
                                article.text.value,
                                topic_id,
                                reason,
                            )
                        )
                        for ph in article.placeholders:
                            placeholders.append((a_id, None, ph))
                        self._flatten(article.clauses, a_id, None, next_id, clauses, placeholders)
            conn.executemany(
                "INSERT INTO articles (id, source_id, part_index, part_title, position, number,"
                " label, heading, text, topic_id, topic_reason) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
                articles,
            )
            conn.executemany("INSERT INTO clauses VALUES (?,?,?,?,?,?,?,?,?)", clauses)
            conn.executemany(
                "INSERT INTO placeholders (article_id, clause_id, kind, label, name)"
                " VALUES (?,?,?,?,?)",
                [(a, c, ph.kind, ph.label, ph.name) for a, c, ph in placeholders],
            )
            if self.fts:
                from .schema import index_new_rows

                index_new_rows(conn, first_ids)
        return source_ids

    @staticmethod
    def _flatten(
        items: list[Clause],
        article_id: int,
        parent_id: int | None,
        next_id: dict[str, int],
        clauses: list[tuple],
        placeholders: list[tuple],
    ) -> None:
        """Give nested clauses their ids up front, so one executemany stores them all."""
        for position, c in enumerate(items):
            c_id = next_id["clauses"]
            next_id["clauses"] += 1
            clauses.append(
                (
                    c_id,
                    article_id,
                    parent_id,
                    position,
                    c.number,
                    c.label.value,
                    c.heading.value,
                    c.text.value,
                    c.kind,
                )
            )
            placeholders.extend((article_id, c_id, ph) for ph in c.placeholders)
            ClauseLibrary._flatten(c.clauses, article_id, c_id, next_id, clauses, placeholders)

    @staticmethod
    def _topic_for(conn: sqlite3.Connection, article: Article) -> tuple[int, str]:
        """The id of the article's topic (created on first use) and why it was chosen."""
        text = article.text.value or next((c.text.value for c in article.iter_clauses()), "")
        from .topics import assign_topic  # its rules compile when a first import needs them

        match = assign_topic(article.heading.value, text)
        conn.execute(
            "INSERT INTO topics (key, name_zh, name_en) VALUES (?, ?, ?)"
            " ON CONFLICT (key) DO NOTHING",
            (match.key, match.name_zh, match.name_en),
        )
        row = conn.execute("SELECT id FROM topics WHERE key = ?", (match.key,)).fetchone()
        return row[0], match.explanation

    def delete_source(self, source_id: int) -> None:
        """Remove a source with its articles, clauses, placeholders and search rows."""
        with self._writing() as conn:
            conn.execute("DELETE FROM sources WHERE id = ?", (source_id,))

    # ---- counts and browsing ------------------------------------------------------------

    @_reads
    def stats(self) -> dict[str, int]:
        tables = ("sources", "articles", "clauses", "topics", "placeholders")
        return {t: self.conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in tables}

    @_reads
    def topics(self) -> list[TopicRow]:
        """Topics that hold at least one article, by Chinese name."""
        rows = self.conn.execute(
            "SELECT t.id, t.name_zh, count(*), t.name_en"
            " FROM topics t JOIN articles a ON a.topic_id = t.id"
            " GROUP BY t.id ORDER BY t.name_zh"
        )
        return [TopicRow(*r) for r in rows]

    _ARTICLE_SELECT = (
        "SELECT a.id, a.source_id, s.title, a.part_index, a.part_title, a.position, a.number,"
        " a.label, a.heading, a.text, a.topic_id, a.tags"
        " FROM articles a JOIN sources s ON s.id = a.source_id"
    )

    @staticmethod
    def _article_row(r: tuple) -> ArticleRow:
        return ArticleRow(*r[:-1], tags=json.loads(r[-1]))

    @_reads
    def articles_in_topic(self, topic_id: int) -> list[ArticleRow]:
        rows = self.conn.execute(
            self._ARTICLE_SELECT + " WHERE a.topic_id = ? ORDER BY a.source_id, a.part_index,"
            " a.position",
            (topic_id,),
        )
        return [self._article_row(r) for r in rows]

    @_reads
    def sources_list(self) -> list[SourceRow]:
        rows = self.conn.execute(
            "SELECT s.id, s.name, s.file_name, s.imported_at, s.document_index, s.title, s.lang,"
            " (SELECT count(*) FROM articles a WHERE a.source_id = s.id) FROM sources s"
            " ORDER BY s.id"
        )
        return [SourceRow(*r) for r in rows]

    @_reads
    def articles_in_source(self, source_id: int) -> list[ArticleRow]:
        """The source's articles in document order; part_index/part_title say where parts start."""
        rows = self.conn.execute(
            self._ARTICLE_SELECT + " WHERE a.source_id = ? ORDER BY a.part_index, a.position",
            (source_id,),
        )
        return [self._article_row(r) for r in rows]

    @_reads
    def article(self, article_id: int) -> ArticleRow | None:
        row = self.conn.execute(self._ARTICLE_SELECT + " WHERE a.id = ?", (article_id,)).fetchone()
        return self._article_row(row) if row else None

    _CLAUSE_SELECT = (
        "SELECT id, article_id, parent_id, position, number, label, heading, text, kind"
        " FROM clauses"
    )

    @_reads
    def clauses_of(self, article_id: int) -> list[ClauseRow]:
        """The article's top-level clauses, each with its sub-clauses in ``children``."""
        rows = [
            ClauseRow(*r, [])
            for r in self.conn.execute(
                self._CLAUSE_SELECT + " WHERE article_id = ? ORDER BY position", (article_id,)
            )
        ]
        by_id = {c.id: c for c in rows}
        top = []
        for c in sorted(rows, key=lambda c: c.position):
            parent = by_id.get(c.parent_id)  # None: top-level, or its parent is gone
            (parent.children if parent else top).append(c)
        return top

    @_reads
    def clause(self, clause_id: int) -> ClauseRow | None:
        row = self.conn.execute(self._CLAUSE_SELECT + " WHERE id = ?", (clause_id,)).fetchone()
        return ClauseRow(*row, []) if row else None

    # ---- topics -------------------------------------------------------------------------

    def set_article_topic(self, article_id: int, topic_id: int) -> None:
        """Move an article to another topic; the explanation records that a person chose it."""
        with self._writing() as conn:
            row = conn.execute("SELECT name_zh FROM topics WHERE id = ?", (topic_id,)).fetchone()
            if row is None:
                raise LibraryError(Msg(
                    "条款库中没有编号为 {0} 的主题。",
                    "There is no topic {0} in the clause library.",
                    topic_id,
                ))  # fmt: skip
            cur = conn.execute(
                "UPDATE articles SET topic_id = ?, topic_reason = ? WHERE id = ?",
                (topic_id, f"用户手动归入“{row[0]}”", article_id),
            )
            if cur.rowcount == 0:
                raise LibraryError(f"There is no article {article_id} in the clause library.")

    @_reads
    def topic_explanation(self, article_id: int) -> str:
        row = self.conn.execute(
            "SELECT topic_reason FROM articles WHERE id = ?", (article_id,)
        ).fetchone()
        return row[0] if row else ""

    # ---- search -------------------------------------------------------------------------

    @_reads
    def search(self, query: str, limit: int = 50) -> list[SearchHit]:
        """Ranked hits for every space-separated term of ``query`` (ANDed)."""
        from . import searcher  # the search modules load with the first search

        return searcher.run(self.conn, self.fts, query, limit)

    def warm_up(self) -> list[SearchHit]:
        """Read the index pages a first search needs, while nobody is waiting for it."""
        return self.search("的", limit=5)  # one common term: cheap, and it touches the index
