"""The library file: import, browse, topics, migrations, refusing files it must not touch."""

import os
import sqlite3
from pathlib import Path

import pytest
from outline_factory import make_outline
from sqlite_utils import Database

from clause_db import library_file, schema
from clause_db.errors import LibraryError
from clause_db.paths import default_library_path
from clause_db.schema import MIGRATIONS
from clause_db.store import ClauseLibrary

OUTLINE = make_outline(
    {
        "客服外包服务协议": {
            "第一部分：基本条款": [
                (
                    "保密条款",
                    "双方应当对【客户数据】保密。",
                    [
                        "乙方不得泄露商业秘密。",
                        ("违约", "违约方应赔偿____损失。", ["赔偿包括律师费。"]),
                    ],
                ),
                ("服务费用与支付", "甲方按月支付【服务费用】。"),
            ],
            "第二部分：第三方介入后的修正": [
                ("第三方介入的违约责任", "", ["第三方违约的，由乙方先行赔付。"]),
                "附则",
            ],
        },
        "Service Agreement": [
            ("Confidentiality", "Each party shall keep Confidential Information secret."),
        ],
    }
)


@pytest.fixture
def lib(tmp_path: Path) -> ClauseLibrary:
    library = ClauseLibrary(tmp_path / "lib.sqlite")
    yield library
    library.close()


def test_import_and_stats(lib: ClauseLibrary) -> None:
    ids = lib.import_outline(OUTLINE, "协议.txt")
    assert len(ids) == 2
    assert lib.stats() == {
        "sources": 2,
        "articles": 5,
        "clauses": 4,
        "topics": 4,
        "placeholders": 3,
    }
    sources = lib.sources_list()
    assert [(s.name, s.title, s.lang, s.article_count) for s in sources] == [
        ("协议 (1)", "客服外包服务协议", "zh", 4),
        ("协议 (2)", "Service Agreement", "en", 1),
    ]
    articles = lib.articles_in_source(ids[0])
    assert [(a.part_index, a.part_title, a.heading) for a in articles] == [
        (0, "第一部分：基本条款", "保密条款"),
        (0, "第一部分：基本条款", "服务费用与支付"),
        (1, "第二部分：第三方介入后的修正", "第三方介入的违约责任"),
        (1, "第二部分：第三方介入后的修正", "附则"),
    ]
    assert articles[0].label == "第一条" and articles[0].number == 1 and articles[0].tags == []


def test_clauses_nest_and_single_lookups(lib: ClauseLibrary) -> None:
    lib.import_outline(OUTLINE, "协议.txt")
    first = lib.articles_in_source(1)[0]
    top = lib.clauses_of(first.id)
    assert [c.label for c in top] == ["1.1", "1.2"]
    assert [c.text for c in top[1].children] == ["赔偿包括律师费。"]
    child = top[1].children[0]
    assert lib.clause(child.id).parent_id == top[1].id
    assert lib.article(first.id).heading == "保密条款"
    assert lib.article(999) is None and lib.clause(999) is None


def test_topics_group_variants_and_explain(lib: ClauseLibrary) -> None:
    lib.import_outline(OUTLINE, "协议.txt")
    topics = {t.name: t for t in lib.topics()}
    assert topics["保密"].article_count == 2  # 保密条款 and Confidentiality
    headings = {a.heading for a in lib.articles_in_topic(topics["保密"].id)}
    assert headings == {"保密条款", "Confidentiality"}
    breach = lib.articles_in_topic(topics["违约责任"].id)[0]
    assert lib.topic_explanation(breach.id) == "标题“第三方介入的违约责任”含“违约” → 违约责任"


def test_set_article_topic(lib: ClauseLibrary) -> None:
    lib.import_outline(OUTLINE, "协议.txt")
    topics = {t.name: t.id for t in lib.topics()}
    article = lib.articles_in_topic(topics["附则"])[0]
    lib.set_article_topic(article.id, topics["保密"])
    assert lib.article(article.id).topic_id == topics["保密"]
    assert lib.topic_explanation(article.id) == "用户手动归入“保密”"
    assert "附则" not in {t.name for t in lib.topics()}
    with pytest.raises(LibraryError):
        lib.set_article_topic(article.id, 999)
    with pytest.raises(LibraryError):
        lib.set_article_topic(999, topics["保密"])


def test_failed_import_writes_nothing(lib: ClauseLibrary, monkeypatch) -> None:
    lib.import_outline(OUTLINE, "first.txt")
    before = lib.stats()

    def boom(*args: object) -> None:
        raise sqlite3.OperationalError("disk full (injected)")

    monkeypatch.setattr(schema, "index_new_rows", boom)
    with pytest.raises(LibraryError, match="injected"):
        lib.import_outline(OUTLINE, "second.txt")
    assert lib.stats() == before
    assert len(lib.search("律师费")) == 1


def test_delete_source_cascades(lib: ClauseLibrary) -> None:
    first, second = lib.import_outline(OUTLINE, "协议.txt")
    lib.delete_source(first)
    assert lib.stats() == {
        "sources": 1,
        "articles": 1,
        "clauses": 0,
        "topics": 4,
        "placeholders": 0,
    }
    assert lib.search("律师费") == [] and lib.search("赔") == []
    assert [h.article_id for h in lib.search("secret")] == [lib.articles_in_source(second)[0].id]


def test_migrations_recorded_and_reopen_is_idempotent(tmp_path: Path) -> None:
    path = tmp_path / "lib.sqlite"
    with ClauseLibrary(path) as lib:
        assert lib.schema_version == ["m001_initial", "m002_words_index"]
        lib.import_outline(OUTLINE, "协议.txt")
    with ClauseLibrary(path) as lib:
        assert lib.schema_version == ["m001_initial", "m002_words_index"]
        assert lib.stats()["articles"] == 5
        assert lib.db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert lib.db.execute("PRAGMA foreign_keys").fetchone()[0] == 1


def test_index_follows_updates_and_deletes(lib: ClauseLibrary) -> None:
    lib.import_outline(OUTLINE, "协议.txt")
    (hit,) = lib.search("律师费")
    with lib.db.conn:
        lib.db.execute("UPDATE clauses SET text = 'Fees include counsel.' WHERE id = ?", [hit.id])
    assert lib.search("律师费") == [] and lib.search("律师") == []
    assert [h.id for h in lib.search("counsel")] == [hit.id]
    with lib.db.conn:
        lib.db.execute("DELETE FROM clauses WHERE id = ?", [hit.id])
    assert lib.search("counsel") == [] and lib.search("fees") == []
    rows = lib.db.execute("SELECT count(*) FROM words_fts WHERE words_fts MATCH 'fees'")
    assert rows.fetchone() == (0,)  # gone from the index, not only filtered out


def test_library_from_before_m002_is_reindexed(tmp_path: Path) -> None:
    """m001 used to create chars_fts and tri_fts with triggers; m002 replaces them."""
    path = tmp_path / "old.sqlite"
    db = Database(path)
    MIGRATIONS.apply(db, stop_before="m002_words_index")
    db.executescript(
        "CREATE VIRTUAL TABLE chars_fts USING fts5(heading, body, content='');"
        "CREATE VIRTUAL TABLE tri_fts USING fts5(heading, body, content='', tokenize='trigram');"
        "CREATE TRIGGER clauses_ad AFTER DELETE ON clauses BEGIN"
        " INSERT INTO chars_fts(chars_fts, rowid, heading, body)"
        " VALUES ('delete', old.id * 2, han_tokens(old.heading), han_tokens(old.text)); END;"
    )
    db.conn.close()
    with ClauseLibrary(path) as lib:  # applies m002 to the empty library, then imports
        lib.import_outline(OUTLINE, "协议.txt")
    with ClauseLibrary(path) as lib:
        assert lib.schema_version == ["m001_initial", "m002_words_index"]
        assert not lib.db["chars_fts"].exists() and not lib.db["tri_fts"].exists()
        assert len(lib.search("律师费")) == 1 and len(lib.search("confidential")) == 1
        lib.delete_source(1)  # the old trigger, calling a function that is gone, is gone too
        assert lib.search("律师费") == []


def test_m002_indexes_rows_already_there(tmp_path: Path) -> None:
    path = tmp_path / "lib.sqlite"
    with ClauseLibrary(path) as lib:
        lib.import_outline(OUTLINE, "协议.txt")
        lib.db.executescript(
            "DROP TABLE words_fts; DELETE FROM _sqlite_migrations WHERE name = 'm002_words_index';"
        )
    with ClauseLibrary(path) as lib:
        assert lib.fts and len(lib.search("律师费")) == 1 and len(lib.search("secret")) == 1


def test_without_fts5_search_falls_back_to_like(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(schema, "fts_supported", lambda: False)
    with ClauseLibrary(tmp_path / "lib.sqlite") as lib:
        lib.import_outline(OUTLINE, "协议.txt")
        assert not lib.fts and not lib.db["words_fts"].exists()
        assert len(lib.search("律师费")) == 1 and len(lib.search("赔")) == 3
        assert [h.heading for h in lib.search("confid")] == ["Confidentiality"]
        lib.delete_source(1)
        assert lib.search("律师费") == []


def test_not_a_database_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "notes.txt"
    path.write_text("甲方：某某公司\n", encoding="utf-8")
    with pytest.raises(LibraryError, match="not a clause library"):
        ClauseLibrary(path)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.txt"]
    assert path.read_text(encoding="utf-8") == "甲方：某某公司\n"


def test_corrupt_database_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "broken.sqlite"
    path.write_bytes(library_file.SQLITE_HEADER + b"\xff" * 5000)
    with pytest.raises(LibraryError, match="damaged"):
        ClauseLibrary(path)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["broken.sqlite"]


def test_directory_is_refused(tmp_path: Path) -> None:
    with pytest.raises(LibraryError, match="folder"):
        ClauseLibrary(tmp_path)


def test_uncreatable_location_is_refused(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(LibraryError, match="Cannot create"):
        ClauseLibrary(blocker / "lib.sqlite")
    with pytest.raises(LibraryError, match="Cannot create"):
        ClauseLibrary("/proc/no-such-dir/lib.sqlite")


def test_read_only_library_searches_but_refuses_writes(tmp_path: Path) -> None:
    path = tmp_path / "lib.sqlite"
    with ClauseLibrary(path) as lib:
        lib.import_outline(OUTLINE, "协议.txt")
    with ClauseLibrary(path, read_only=True) as lib:
        assert lib.read_only
        assert len(lib.search("律师费")) == 1
        with pytest.raises(LibraryError, match="read-only"):
            lib.import_outline(OUTLINE, "again.txt")
        with pytest.raises(LibraryError, match="read-only"):
            lib.delete_source(1)
    with pytest.raises(LibraryError, match="no clause library"):
        ClauseLibrary(tmp_path / "missing.sqlite", read_only=True)


def test_read_only_folder_opens_read_only(tmp_path: Path, monkeypatch) -> None:
    folder = tmp_path / "ro"
    folder.mkdir()
    with ClauseLibrary(folder / "lib.sqlite") as lib:
        lib.import_outline(OUTLINE, "协议.txt")
    before = (folder / "lib.sqlite").read_bytes()
    # Simulated, as the tests may run as root (for whom chmod 555 denies nothing): the
    # store asks os.access whether it may write, and the folder says no.
    real_access = os.access
    monkeypatch.setattr(
        "clause_db.store.os.access",
        lambda p, mode: False if mode == os.W_OK else real_access(p, mode),
    )
    with ClauseLibrary(folder / "lib.sqlite") as lib:
        assert lib.read_only and len(lib.search("律师费")) == 1
        with pytest.raises(LibraryError, match="read-only"):
            lib.import_outline(OUTLINE, "again.txt")
    assert (folder / "lib.sqlite").read_bytes() == before


def test_default_library_path(monkeypatch, tmp_path: Path) -> None:
    monkeypatch.setenv("CONTRACT_EDITOR_DB", str(tmp_path / "x.sqlite"))
    assert default_library_path() == tmp_path / "x.sqlite"
    monkeypatch.delenv("CONTRACT_EDITOR_DB")
    monkeypatch.delenv("CONTRACT_EDITOR_DATA_DIR")
    assert default_library_path().name == "library.sqlite"
    assert "contract-editor" in str(default_library_path())


def test_the_store_knows_every_migration_by_name() -> None:
    """The store checks for pending migrations without loading sqlite-utils: by these names."""
    from clause_db import store
    from clause_db.schema import MIGRATIONS

    assert MIGRATIONS.name == store.MIGRATION_SET
    assert tuple(m.name for m in MIGRATIONS._migrations) == store.MIGRATION_NAMES
