"""The library schema, as migrations, so a library made by an older version can be upgraded.

The search index is contentless: it indexes text derived from the rows (see
``fulltext.py``), and hits are read back from the tables. Search rows live in one id space:
clause ``id`` -> ``2*id``, article ``id`` -> ``2*id+1`` (the article's own heading and text;
its clauses are rows of their own). Triggers keep the index in step with updates and
deletes, including the ones ON DELETE CASCADE makes when a source goes; a contentless
FTS5 table deletes a row only when given the values it indexed, so they pass
``index_text`` of the old values. Inserts are indexed by ``index_new_rows`` in one
statement per import instead: FTS5 flushes its pending terms at every statement's
savepoint, so a per-row insert trigger makes one index segment per row (3x slower).
"""

from __future__ import annotations

import sqlite3

from sqlite_utils import Database, Migrations

from .fulltext import INDEX, index_text

MIGRATIONS = Migrations("clause_db")  # library_file.MIGRATION_SET, store.MIGRATION_NAMES

TABLES = """
CREATE TABLE sources (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    file_name TEXT NOT NULL,
    imported_at TEXT NOT NULL,
    document_index INTEGER NOT NULL,
    title TEXT NOT NULL,
    lang TEXT NOT NULL
);
CREATE TABLE topics (
    id INTEGER PRIMARY KEY,
    key TEXT NOT NULL UNIQUE,
    name_zh TEXT NOT NULL,
    name_en TEXT NOT NULL
);
CREATE TABLE articles (
    id INTEGER PRIMARY KEY,
    source_id INTEGER NOT NULL REFERENCES sources(id) ON DELETE CASCADE,
    part_index INTEGER NOT NULL,
    part_title TEXT,
    position INTEGER NOT NULL,
    number INTEGER,
    label TEXT NOT NULL,
    heading TEXT NOT NULL,
    text TEXT NOT NULL,
    topic_id INTEGER REFERENCES topics(id) ON DELETE SET NULL,
    topic_reason TEXT NOT NULL DEFAULT '',
    tags TEXT NOT NULL DEFAULT '[]'
);
CREATE INDEX articles_by_source ON articles(source_id, part_index, position);
CREATE INDEX articles_by_topic ON articles(topic_id);
CREATE INDEX articles_by_heading ON articles(heading) WHERE heading <> '';
CREATE TABLE clauses (
    id INTEGER PRIMARY KEY,
    article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    parent_id INTEGER REFERENCES clauses(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    number TEXT NOT NULL,
    label TEXT NOT NULL,
    heading TEXT NOT NULL,
    text TEXT NOT NULL,
    kind TEXT NOT NULL
);
CREATE INDEX clauses_by_article ON clauses(article_id, position);
CREATE INDEX clauses_by_parent ON clauses(parent_id);
CREATE INDEX clauses_by_heading ON clauses(heading) WHERE heading <> '';
CREATE TABLE placeholders (
    id INTEGER PRIMARY KEY,
    article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    clause_id INTEGER REFERENCES clauses(id) ON DELETE CASCADE,
    kind TEXT NOT NULL,
    label TEXT NOT NULL,
    name TEXT
);
CREATE INDEX placeholders_by_article ON placeholders(article_id);
CREATE INDEX placeholders_by_clause ON placeholders(clause_id);
CREATE VIEW search_docs AS
    SELECT id * 2 AS rid, heading, text AS body FROM clauses
    UNION ALL
    SELECT id * 2 + 1, heading, text FROM articles;
"""

# Every import adds an index segment; FTS5 merges them once this many share a level.
# With the default, 4, postings are rewritten so often that building the 100k-clause
# benchmark from 1,000 imports took ~40% longer; queries over the extra segments measured
# no slower.
AUTOMERGE = 8
WORDS = f"""
CREATE VIRTUAL TABLE {INDEX} USING fts5(
    heading, body, content='', prefix='1', tokenize='unicode61 remove_diacritics 0'
);
INSERT INTO {INDEX}({INDEX}, rank) VALUES ('automerge', {AUTOMERGE});
"""
_OLD_INDEXES = ("chars_fts", "tri_fts")  # m001 made these before m002 replaced them

_ROWID = {"clauses": "{r}.id * 2", "articles": "{r}.id * 2 + 1"}
_COLUMNS = "index_text({r}.heading), index_text({r}.text)"  # what the index sees of a row


def register_functions(conn: sqlite3.Connection) -> None:
    """SQL functions the index statements call; every connection that writes needs them."""
    conn.create_function("index_text", 1, index_text, deterministic=True)


def fts_supported() -> bool:
    """Whether this SQLite can build the search index (FTS5 is a compile-time option)."""
    probe = sqlite3.connect(":memory:")
    try:
        probe.executescript(WORDS)
    except sqlite3.OperationalError:
        return False
    finally:
        probe.close()
    return True


def index_new_rows(conn: sqlite3.Connection, first_ids: dict[str, int]) -> None:
    """Index the articles and clauses whose ids are >= ``first_ids[table]``.

    One statement: FTS5 writes a segment at every statement's end, and each segment is
    merged again later, so one per import rather than one per table.
    """
    selects = " UNION ALL ".join(
        f"SELECT {rid.format(r='n')}, {_COLUMNS.format(r='n')} FROM {table} AS n WHERE n.id >= ?"
        for table, rid in _ROWID.items()
    )
    conn.execute(
        f"INSERT INTO {INDEX}(rowid, heading, body) {selects}",
        [first_ids[table] for table in _ROWID],
    )


def _triggers() -> str:
    """Triggers keeping the index in step with updates and deletes of articles and clauses."""
    out = []
    for table, rid in _ROWID.items():
        add = (
            f"INSERT INTO {INDEX}(rowid, heading, body)"
            f" VALUES ({rid.format(r='new')}, {_COLUMNS.format(r='new')});"
        )
        remove = (
            f"INSERT INTO {INDEX}({INDEX}, rowid, heading, body)"
            f" VALUES ('delete', {rid.format(r='old')}, {_COLUMNS.format(r='old')});"
        )
        out.append(
            f"CREATE TRIGGER {table}_ad AFTER DELETE ON {table} BEGIN {remove} END;\n"
            f"CREATE TRIGGER {table}_au AFTER UPDATE OF heading, text ON {table} "
            f"BEGIN {remove} {add} END;\n"
        )
    return "".join(out)


@MIGRATIONS()
def m001_initial(db: Database) -> None:
    """Tables and their indexes; the search index is m002's."""
    db.executescript(TABLES)


@MIGRATIONS()
def m002_words_index(db: Database) -> None:
    """The bigram-and-words search index, built from the rows already there.

    Libraries made before it have m001's two older FTS tables and their triggers: gone.
    Without FTS5 there is no index, and search falls back to LIKE.
    """
    drops = [f"DROP TRIGGER IF EXISTS {t}_{e};" for t in _ROWID for e in ("ad", "au")]
    drops += [f"DROP TABLE IF EXISTS {name};" for name in _OLD_INDEXES]
    db.executescript("".join(drops))
    if fts_supported():
        db.executescript(WORDS + _triggers())
        index_new_rows(db.conn, {table: 0 for table in _ROWID})
