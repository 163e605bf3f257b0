"""The library survives crashes, refuses files that are not ours untouched, is never written
to when damaged, lets a second writer wait, and opens read-only without creating files."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from outline_factory import make_outline

from app.cli import EXIT_USER_ERROR, main_cli
from clause_db import library_file
from clause_db.errors import LibraryDamagedError, LibraryError
from clause_db.library_file import APPLICATION_ID, sidecar
from clause_db.reader import read_outline
from clause_db.schema import register_functions
from clause_db.store import ClauseLibrary
from resources import SEED_FILES

ROOT = Path(__file__).resolve().parent.parent
PAGE = 4096
OUTLINE = make_outline(
    {"保密协议": [("保密条款", "双方应当对【蓝鲸数据】保密。", ["违约方赔偿律师费。"])]}
)


def folder_state(folder: Path) -> dict[str, tuple[bytes, int]]:
    """Every file in ``folder`` with its bytes and modification time."""
    return {p.name: (p.read_bytes(), p.stat().st_mtime_ns) for p in sorted(folder.iterdir())}


def integrity(path: Path) -> list[tuple[str]]:
    conn = sqlite3.connect(path)
    try:
        return conn.execute("PRAGMA integrity_check").fetchall()
    finally:
        conn.close()


def run_python(code: str, *args: str, drop_root_powers: bool = False) -> None:
    """``code`` in a child process at the project's root; with ``drop_root_powers`` a root
    child loses the power to ignore permission bits, as any other user is bound by them."""
    command = [sys.executable, "-c", code, *args]
    if drop_root_powers and os.geteuid() == 0:
        command = ["setpriv", "--bounding-set", "-dac_override,-dac_read_search", "--", *command]
    subprocess.run(command, cwd=ROOT, check=True, timeout=120)


# -- a crash leaves committed imports in the log ---------------------------------------------

CRASH_DURING_IMPORT = """
import os, sys
from pathlib import Path
from clause_db.reader import read_outline
from clause_db.schema import register_functions
from clause_db.store import ClauseLibrary
library = ClauseLibrary(sys.argv[1])
library.conn.execute("PRAGMA wal_autocheckpoint = 0")  # every page stays in the -wal file
library.import_outline(read_outline(Path(sys.argv[2])), "imported before the crash.txt")
os._exit(0)  # killed: no close, no checkpoint
"""


def test_an_import_committed_before_a_crash_is_there_after_it(
    library_path: Path, tmp_path: Path
) -> None:
    before = ClauseLibrary(library_path, read_only=True)
    sources = before.stats()["sources"]
    before.close()
    contract = tmp_path / "contract.txt"
    contract.write_text("第一条 保密\n乙方应当保守蓝鲸项目。\n第二条 违约\n违约方赔偿损失。\n")
    run_python(CRASH_DURING_IMPORT, str(library_path), str(contract))
    assert sidecar(library_path, "-wal").stat().st_size > 0, "the import is only in the log"
    with ClauseLibrary(library_path) as library:
        assert library.stats()["sources"] == sources + 1
        assert [h.heading for h in library.search("蓝鲸项目")] == ["保密"]
    assert integrity(library_path) == [("ok",)]


def test_a_library_whose_checkpoint_stopped_halfway_opens_whole(
    library_path: Path, tmp_path: Path
) -> None:
    """A full disk during the checkpoint after an import: the main file holds half the new
    pages (unreadable alone), the log holds all of them; SQLite's replay makes it whole."""
    old = library_path.read_bytes()
    library = ClauseLibrary(library_path)
    library.conn.execute("PRAGMA wal_autocheckpoint = 0")
    for seed in SEED_FILES:  # an import that changes most pages
        library.import_outline(read_outline(seed), f"again {seed.name}")
    library.import_outline(OUTLINE, "保密协议.txt")
    crashed = tmp_path / "crashed"
    crashed.mkdir()
    for suffix in ("-wal", "-shm"):
        shutil.copy(sidecar(library_path, suffix), crashed / f"lib.sqlite{suffix}")
    library.conn.execute("PRAGMA wal_checkpoint(FULL)")
    new = library_path.read_bytes()
    library.close()
    half = len(old) // PAGE // 2 * PAGE
    (crashed / "lib.sqlite").write_bytes(new[:half] + old[half:])
    with ClauseLibrary(crashed / "lib.sqlite") as library:
        assert [h.heading for h in library.search("蓝鲸数据")] == ["保密条款"]
        assert library.stats()["sources"] == 13
    assert integrity(crashed / "lib.sqlite") == [("ok",)]


def test_a_read_only_open_after_a_crash_reads_the_log_and_writes_nothing(
    library_path: Path, tmp_path: Path
) -> None:
    library = ClauseLibrary(library_path)
    library.conn.execute("PRAGMA wal_autocheckpoint = 0")
    library.import_outline(OUTLINE, "保密协议.txt")
    crashed = tmp_path / "crashed"
    crashed.mkdir()
    for suffix in ("", "-wal", "-shm"):
        shutil.copy(sidecar(library_path, suffix), crashed / f"lib.sqlite{suffix}")
    library.close()
    before = folder_state(crashed)
    with ClauseLibrary(crashed / "lib.sqlite", read_only=True) as library:
        assert library.read_only and [h.heading for h in library.search("蓝鲸数据")] == ["保密条款"]
    assert folder_state(crashed) == before


# -- application_id: ours, and nobody else's ----------------------------------------------------


def test_a_new_library_carries_its_application_id_in_the_main_file(tmp_path: Path) -> None:
    path = tmp_path / "lib.sqlite"
    ClauseLibrary(path).close()
    assert int.from_bytes(path.read_bytes()[68:72], "big") == APPLICATION_ID == 0x434C4442


def test_a_library_from_before_the_application_id_gets_it_when_opened_writable(
    library_path: Path,
) -> None:
    conn = sqlite3.connect(library_path)
    conn.execute("PRAGMA application_id = 0")
    conn.close()
    before = library_path.read_bytes()
    with ClauseLibrary(library_path, read_only=True) as library:  # known by its migrations
        assert library.stats()["sources"] == 6
    assert library_path.read_bytes() == before, "a read-only open changes nothing"
    with ClauseLibrary(library_path) as library:
        assert library.conn.execute("PRAGMA application_id").fetchone() == (APPLICATION_ID,)
    assert int.from_bytes(library_path.read_bytes()[68:72], "big") == APPLICATION_ID


def _notes_app_db(path: Path) -> None:
    """Another program's database: its own table, a rollback journal, no application_id."""
    conn = sqlite3.connect(path)
    conn.executescript("CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT);")
    conn.execute("INSERT INTO notes (body) VALUES ('会议纪要')")
    conn.commit()
    conn.close()


def _app_with_its_own_id(path: Path) -> None:
    _notes_app_db(path)
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA application_id = 1196444237")  # a GeoPackage's 'GPKG'
    conn.close()


def _sqlite_utils_app(path: Path) -> None:
    """Another sqlite-utils program: migrations of its own, in the table ours use."""
    from sqlite_utils import Database, Migrations

    theirs = Migrations("invoices")

    @theirs()
    def m001_invoices(db: Database) -> None:
        db.executescript("CREATE TABLE invoices (id INTEGER PRIMARY KEY, total REAL);")

    db = Database(path)
    theirs.apply(db)
    db.conn.close()


def _wal_app_after_a_crash(path: Path) -> None:
    """Another program in WAL mode that crashed: its last rows only in its -wal file."""
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA wal_autocheckpoint = 0")
    conn.execute("CREATE TABLE photos (id INTEGER PRIMARY KEY, name TEXT)")
    conn.execute("INSERT INTO photos (name) VALUES ('a.jpg')")
    conn.commit()
    crashed = path.with_name("crashed")
    crashed.mkdir()
    for suffix in ("", "-wal", "-shm"):
        shutil.copy(sidecar(path, suffix), crashed / f"{path.name}{suffix}")
    conn.close()
    for suffix in ("", "-wal", "-shm"):
        os.replace(crashed / f"{path.name}{suffix}", sidecar(path, suffix))
    crashed.rmdir()


CRASH_MID_TRANSACTION = """
import os, sqlite3, sys
conn = sqlite3.connect(sys.argv[1])
conn.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)")
conn.executemany("INSERT INTO notes (body) VALUES (?)", [("x" * 500,)] * 200)
conn.commit()
conn.execute("PRAGMA cache_size = 2")  # the update spills into the file before its commit
conn.execute("UPDATE notes SET body = 'y' || body")
os._exit(0)
"""


def _app_with_a_hot_journal(path: Path) -> None:
    """Another program killed mid-transaction: opening it normally would roll it back."""
    run_python(CRASH_MID_TRANSACTION, str(path))
    assert sidecar(path, "-journal").exists()


def _empty_schema_db(path: Path) -> None:
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA user_version = 7")  # a database with a header and nothing else
    conn.close()


OTHER_PROGRAMS = {
    "notes app": _notes_app_db,
    "GeoPackage id": _app_with_its_own_id,
    "sqlite-utils app": _sqlite_utils_app,
    "WAL app after a crash": _wal_app_after_a_crash,
    "app with a hot journal": _app_with_a_hot_journal,
    "empty schema": _empty_schema_db,
}


@pytest.fixture(params=OTHER_PROGRAMS.values(), ids=OTHER_PROGRAMS.keys())
def other_db(request, tmp_path: Path) -> Path:
    folder = tmp_path / "theirs"
    folder.mkdir()
    path = folder / "other.sqlite"
    request.param(path)
    return path


def test_another_programs_sqlite_file_is_refused_untouched(other_db: Path) -> None:
    before = folder_state(other_db.parent)
    for read_only in (False, True):
        with pytest.raises(LibraryError, match="not a clause library"):
            ClauseLibrary(other_db, read_only=read_only)
        assert folder_state(other_db.parent) == before


@pytest.mark.parametrize(
    "command",
    [["library", "stats"], ["library", "search", "保密"], ["library", "import", "IN"]],
    ids=["stats", "search", "import"],
)
def test_the_cli_refuses_another_programs_sqlite_file_untouched(
    other_db: Path, command: list[str], tmp_path: Path, capsys
) -> None:
    contract = tmp_path / "contract.txt"
    contract.write_text("第一条 保密\n乙方应当保守蓝鲸项目。\n")
    before = folder_state(other_db.parent)
    argv = [str(contract) if a == "IN" else a for a in command]
    assert main_cli([*argv, "--db", str(other_db)]) == EXIT_USER_ERROR
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "not a clause library" in err and "internal" not in err
    assert folder_state(other_db.parent) == before


# -- a damaged library: one clear message, never written -----------------------------------------


def _garbage_in_the_middle(path: Path) -> None:
    with path.open("r+b") as f:
        f.seek(10 * PAGE)
        f.write(b"\xde\xad\xbe\xef" * (3 * PAGE // 4))


def _truncated(path: Path) -> None:
    with path.open("r+b") as f:
        f.truncate(path.stat().st_size // 2)


def _zeroed_schema_page(path: Path) -> None:
    with path.open("r+b") as f:
        f.seek(100)  # page 1 after the header: the table of tables
        f.write(bytes(PAGE - 100))


DAMAGE = {"garbage pages": _garbage_in_the_middle, "truncated": _truncated}
DAMAGE_ALL = {**DAMAGE, "zeroed schema page": _zeroed_schema_page}


@pytest.fixture(params=DAMAGE_ALL.values(), ids=DAMAGE_ALL.keys())
def damaged(request, library_path: Path) -> Path:
    request.param(library_path)
    return library_path


def test_a_damaged_library_refuses_to_open_with_one_clear_error(damaged: Path) -> None:
    before = folder_state(damaged.parent)
    for read_only in (False, True):
        with pytest.raises(LibraryDamagedError, match="is damaged") as caught:
            ClauseLibrary(damaged, read_only=read_only)
        assert caught.value.path == damaged and "\n" not in str(caught.value)
    assert folder_state(damaged.parent) == before


@pytest.mark.parametrize(
    "command",
    [["library", "stats"], ["library", "search", "保密"], ["library", "import", "IN"]],
    ids=["stats", "search", "import"],
)
def test_the_cli_says_a_damaged_library_is_damaged_and_leaves_it(
    damaged: Path, command: list[str], tmp_path: Path, capsys
) -> None:
    contract = tmp_path / "contract.txt"
    contract.write_text("第一条 保密\n乙方应当保守蓝鲸项目。\n")
    before = folder_state(damaged.parent)
    argv = [str(contract) if a == "IN" else a for a in command]
    assert main_cli([*argv, "--db", str(damaged)]) == EXIT_USER_ERROR
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "is damaged" in err and "internal" not in err
    assert folder_state(damaged.parent) == before


@pytest.fixture
def big_library(monkeypatch: pytest.MonkeyPatch) -> None:
    """Libraries too big to check at every open: checked before their first write."""
    monkeypatch.setattr("clause_db.store.CHECK_AT_OPEN_BYTES", 0)


def test_a_big_damaged_library_is_never_written_to(big_library, library_path: Path) -> None:
    _garbage_in_the_middle(library_path)
    before = folder_state(library_path.parent)
    with ClauseLibrary(library_path) as library:  # opens: the damage is not where it looks
        for write in (
            lambda: library.import_outline(OUTLINE, "保密协议.txt"),
            lambda: library.delete_source(1),
            lambda: library.set_article_topic(1, 1),
        ):
            with pytest.raises(LibraryDamagedError, match="is damaged"):
                write()
    after = folder_state(library_path.parent)
    assert after[library_path.name] == before[library_path.name]


def test_every_read_of_a_damaged_page_raises_the_damage_error(
    big_library, library_path: Path
) -> None:
    _garbage_in_the_middle(library_path)
    with ClauseLibrary(library_path) as library:
        reads = {
            "stats": library.stats,
            "search": lambda: [library.search(q) for q in ("保密", "违约", "服务费用", "的")],
            "browse": lambda: [
                library.clauses_of(a.id)
                for t in library.topics()
                for a in library.articles_in_topic(t.id)
            ],
        }
        failed = []
        for name, read in reads.items():
            try:
                read()
            except LibraryDamagedError:
                failed.append(name)
        assert failed, "garbage in pages 10-12 is met by some read"


# -- the window: an offer to rebuild --------------------------------------------------------------


def _answer_rebuild(monkeypatch: pytest.MonkeyPatch, answer) -> list[str]:
    from PySide6.QtWidgets import QMessageBox

    asked: list[str] = []

    def exec_(box: QMessageBox) -> int:
        asked.append(f"{box.text()}\n{box.informativeText()}\n{box.detailedText()}")
        return answer

    monkeypatch.setattr(QMessageBox, "exec", exec_)
    monkeypatch.setattr(QMessageBox, "critical", lambda *a: asked.append(a[2]))
    return asked


def _launch_and_close(db: str | None) -> tuple[int, list]:
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from app.ui import launch as launch_module
    from app.ui.main_window import MainWindow

    app = QApplication.instance()
    seen: list[dict[str, int]] = []

    def close_window() -> None:
        for w in app.topLevelWidgets():
            if isinstance(w, MainWindow) and w.isVisible():
                seen.append(w.library.stats())
                w.close()

    timers = []
    for ms, action in ((100, close_window), (5000, app.quit)):  # app.quit: never hang
        timer = QTimer()
        timer.setSingleShot(True)
        timer.timeout.connect(action)
        timer.start(ms)
        timers.append(timer)
    try:
        return launch_module.launch(db, []), seen
    finally:  # a launch that never reached the event loop leaves no timer to a later test
        for timer in timers:
            timer.stop()


def test_the_window_offers_to_rebuild_a_damaged_library_and_keeps_the_old_one(
    qtbot, monkeypatch: pytest.MonkeyPatch, seed_template: Path
) -> None:
    from PySide6.QtWidgets import QMessageBox

    from clause_db.paths import default_library_path

    path = default_library_path()
    path.parent.mkdir(parents=True)
    shutil.copy(seed_template, path)
    _garbage_in_the_middle(path)
    damaged_bytes = path.read_bytes()
    asked = _answer_rebuild(monkeypatch, QMessageBox.StandardButton.Yes)
    code, seen = _launch_and_close(None)
    assert code == 0 and len(asked) == 1
    assert "is damaged" in asked[0] and "bundled contracts" in asked[0]
    (aside,) = [p for p in path.parent.iterdir() if ".damaged-" in p.name]
    assert aside.name in asked[0], "the offer says where the damaged file is kept"
    assert aside.read_bytes() == damaged_bytes
    assert seen == [ClauseLibrary(seed_template, read_only=True).stats()]
    assert integrity(path) == [("ok",)]


def test_declining_the_rebuild_leaves_the_damaged_library_as_it_was(
    qtbot, monkeypatch: pytest.MonkeyPatch, library_path: Path
) -> None:
    from PySide6.QtWidgets import QMessageBox

    from app.ui.launch import EXIT_USER_ERROR as WINDOW_USER_ERROR

    _truncated(library_path)
    before = folder_state(library_path.parent)
    asked = _answer_rebuild(monkeypatch, QMessageBox.StandardButton.No)
    code, seen = _launch_and_close(str(library_path))
    assert code == WINDOW_USER_ERROR and seen == []
    assert len(asked) == 1 and "empty library" in asked[0], "one message, no second box"
    assert folder_state(library_path.parent) == before


def test_a_named_damaged_library_is_rebuilt_empty(
    qtbot, monkeypatch: pytest.MonkeyPatch, library_path: Path
) -> None:
    from PySide6.QtWidgets import QMessageBox

    _zeroed_schema_page(library_path)
    _answer_rebuild(monkeypatch, QMessageBox.StandardButton.Yes)
    code, seen = _launch_and_close(str(library_path))
    assert code == 0 and seen and seen[0]["sources"] == 0
    assert len([p for p in library_path.parent.iterdir() if ".damaged-" in p.name]) == 1


# -- a second writer waits ------------------------------------------------------------------------


def test_a_second_import_waits_for_the_first_writer_instead_of_failing(
    library_path: Path,
) -> None:
    holding = threading.Event()
    release = threading.Event()

    def first_writer() -> None:
        conn = sqlite3.connect(library_path, isolation_level=None)
        conn.execute("BEGIN IMMEDIATE")
        conn.execute("INSERT INTO topics (key, name_zh, name_en) VALUES ('x', '其他', 'Other')")
        holding.set()
        release.wait(timeout=30)
        conn.execute("COMMIT")
        conn.close()

    writer = threading.Thread(target=first_writer)
    writer.start()
    holding.wait(timeout=30)
    with ClauseLibrary(library_path) as library:
        threading.Timer(0.3, release.set).start()  # the first commits while the second waits
        library.import_outline(OUTLINE, "保密协议.txt")
        assert library.stats()["sources"] == 7
        assert library.conn.execute("SELECT 1 FROM topics WHERE key = 'x'").fetchone()
    writer.join()


def test_imports_from_two_processes_at_once_all_arrive(library_path: Path, tmp_path: Path) -> None:
    contract = tmp_path / "contract.txt"
    contract.write_text("第一条 保密\n乙方应当保守蓝鲸项目。\n第二条 违约\n违约方赔偿损失。\n")
    code = (
        "import sys\nfrom app.cli import main_cli\n"
        "for _ in range(5):\n"
        "    assert main_cli(['library', 'import', sys.argv[2], '--db', sys.argv[1]]) == 0\n"
    )
    command = [sys.executable, "-c", code, str(library_path), str(contract)]
    children = [subprocess.Popen(command, cwd=ROOT, stdout=subprocess.DEVNULL) for _ in range(2)]
    assert [child.wait(timeout=120) for child in children] == [0, 0]
    with ClauseLibrary(library_path) as library:
        assert library.stats()["sources"] == 6 + 10
    assert integrity(library_path) == [("ok",)]


# -- read-only libraries create no files ----------------------------------------------------------


def test_a_read_only_open_creates_no_file_beside_the_library(library_path: Path) -> None:
    before = folder_state(library_path.parent)
    with ClauseLibrary(library_path, read_only=True) as library:
        assert library.read_only and len(library.search("保密")) > 0
        assert sorted(p.name for p in library_path.parent.iterdir()) == ["lib.sqlite"]
    assert folder_state(library_path.parent) == before


def test_a_read_only_open_of_a_log_without_its_index_says_so(
    library_path: Path, tmp_path: Path
) -> None:
    library = ClauseLibrary(library_path)
    library.conn.execute("PRAGMA wal_autocheckpoint = 0")
    library.import_outline(OUTLINE, "保密协议.txt")
    copied = tmp_path / "copied"
    copied.mkdir()
    for suffix in ("", "-wal"):  # a copy that left the -shm file behind
        shutil.copy(sidecar(library_path, suffix), copied / f"lib.sqlite{suffix}")
    library.close()
    before = folder_state(copied)
    with pytest.raises(LibraryError, match="only opening it with write access can recover"):
        ClauseLibrary(copied / "lib.sqlite", read_only=True)
    assert folder_state(copied) == before
    with ClauseLibrary(copied / "lib.sqlite") as library:  # a writable open recovers it
        assert [h.heading for h in library.search("蓝鲸数据")] == ["保密条款"]


OPEN_IN_A_READ_ONLY_FOLDER = """
import sys
from clause_db.store import ClauseLibrary
with ClauseLibrary(sys.argv[1]) as library:
    assert library.read_only, "the folder cannot be written"
    assert [h.heading for h in library.search("蓝鲸数据")] == ["保密条款"]
"""


@pytest.mark.parametrize("after_a_crash", [False, True], ids=["closed", "after a crash"])
def test_a_library_in_a_read_only_folder_opens_without_creating_files(
    library_path: Path, tmp_path: Path, after_a_crash: bool
) -> None:
    if os.geteuid() == 0 and shutil.which("setpriv") is None:
        pytest.skip("root ignores permission bits, and setpriv is not there to drop that")
    library = ClauseLibrary(library_path)
    library.conn.execute("PRAGMA wal_autocheckpoint = 0")
    library.import_outline(OUTLINE, "保密协议.txt")
    folder = tmp_path / "shared"
    folder.mkdir()
    for suffix in ("", "-wal", "-shm") if after_a_crash else ("",):
        if not after_a_crash:
            library.close()
        shutil.copy(sidecar(library_path, suffix), folder / f"lib.sqlite{suffix}")
    if after_a_crash:
        library.close()
    for p in folder.iterdir():
        p.chmod(0o444)
    folder.chmod(0o555)
    before = folder_state(folder)
    try:
        run_python(OPEN_IN_A_READ_ONLY_FOLDER, str(folder / "lib.sqlite"), drop_root_powers=True)
        assert folder_state(folder) == before
    finally:
        folder.chmod(0o755)


def test_the_store_checks_pages_at_open_only_below_its_size_limit(
    library_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    checked: list[Path] = []
    real = library_file.check_pages
    monkeypatch.setattr(
        "clause_db.store.check_pages", lambda conn, path: checked.append(path) or real(conn, path)
    )
    ClauseLibrary(library_path).close()
    assert checked == [library_path]
    monkeypatch.setattr("clause_db.store.CHECK_AT_OPEN_BYTES", library_path.stat().st_size - 1)
    with ClauseLibrary(library_path) as library:
        assert checked == [library_path], "a big library is not read whole to open it"
        library.import_outline(OUTLINE, "保密协议.txt")
        library.delete_source(7)
    assert checked == [library_path] * 2, "checked once, before its first write"


def test_rows_left_without_their_article_are_no_internal_error(library_path: Path) -> None:
    """Rows deleted behind the library's back (foreign keys off): clauses whose article is
    gone are still in the index and lead nowhere, so search skips them; a clause whose
    parent clause is gone is browsed at the top of its article."""
    nested = make_outline(
        {"保密协议": [("保密条款", "", [("违约", "违约方应赔偿损失。", ["赔偿包括蓝鲸律师费。"])])]}
    )
    with ClauseLibrary(library_path) as library:
        library.import_outline(nested, "保密协议.txt")
        (hit,) = library.search("蓝鲸律师费")
        sub = library.clause(hit.id)
    conn = sqlite3.connect(library_path)
    register_functions(conn)  # the index's triggers call it
    conn.execute("DELETE FROM clauses WHERE id = ?", (sub.parent_id,))
    conn.commit()
    with ClauseLibrary(library_path) as library:
        assert [c.id for c in library.clauses_of(hit.article_id)] == [sub.id]
    conn.execute("DELETE FROM articles WHERE id = ?", (hit.article_id,))
    conn.commit()
    conn.close()
    with ClauseLibrary(library_path) as library:
        assert library.search("蓝鲸律师费") == []


def test_a_damaged_library_that_cannot_be_moved_gets_the_message_alone(
    qtbot, monkeypatch: pytest.MonkeyPatch, library_path: Path
) -> None:
    _garbage_in_the_middle(library_path)
    before = folder_state(library_path.parent)
    real_access = os.access  # simulated: root may write any folder
    monkeypatch.setattr(
        "app.ui.launch.os.access",
        lambda p, mode: mode != os.W_OK and real_access(p, mode),
    )
    asked = _answer_rebuild(monkeypatch, None)
    code, seen = _launch_and_close(str(library_path))
    assert code != 0 and seen == []
    assert len(asked) == 1 and "is damaged" in asked[0] and "\n" not in asked[0]
    assert folder_state(library_path.parent) == before


def test_a_rebuild_that_cannot_move_the_log_puts_the_library_back(
    library_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Never a library without its log, nor a log alone: if moving the -wal fails, the
    main file already moved comes back, and nothing new is made."""
    from clause_db import bundled

    library = ClauseLibrary(library_path)
    library.conn.execute("PRAGMA wal_autocheckpoint = 0")
    library.import_outline(OUTLINE, "保密协议.txt")
    crashed = library_path.parent / "crashed"
    crashed.mkdir()
    for suffix in ("", "-wal", "-shm"):
        shutil.copy(sidecar(library_path, suffix), crashed / f"lib.sqlite{suffix}")
    library.close()
    path = crashed / "lib.sqlite"
    before = folder_state(crashed)
    real_replace = os.replace

    def replace(src, dst) -> None:
        if str(src).endswith("-wal"):
            raise OSError(28, "No space left on device")
        real_replace(src, dst)

    monkeypatch.setattr(bundled.os, "replace", replace)
    with pytest.raises(LibraryError, match="Cannot move the damaged library"):
        bundled.rebuild_library(path, bundled.set_aside_path(path), seeded=True)
    monkeypatch.undo()
    assert folder_state(crashed) == before
    with ClauseLibrary(path) as library:
        assert [h.heading for h in library.search("蓝鲸数据")] == ["保密条款"]


@pytest.mark.parametrize("kind", ["device", "pipe"])
def test_a_device_or_a_pipe_is_refused_without_reading_or_writing(
    kind: str, tmp_path: Path, capsys
) -> None:
    """--db /dev/null once left /dev/null-journal behind; a named pipe hung the command."""
    if kind == "device":
        path = Path(os.devnull)
    else:
        path = tmp_path / "pipe"
        os.mkfifo(path)
    before = sorted(p.name for p in path.parent.iterdir())
    assert main_cli(["library", "stats", "--db", str(path)]) == EXIT_USER_ERROR
    assert "not a regular file" in capsys.readouterr().err
    with pytest.raises(LibraryError, match="not a regular file"):
        ClauseLibrary(path, read_only=True)
    assert sorted(p.name for p in path.parent.iterdir()) == before


def test_a_writer_that_never_finishes_gets_a_clear_busy_message(
    library_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(library_file, "BUSY_TIMEOUT_S", 0.2)
    holder = sqlite3.connect(library_path, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    try:
        with ClauseLibrary(library_path) as library:
            with pytest.raises(LibraryError, match="is busy: another program kept writing"):
                library.import_outline(OUTLINE, "保密协议.txt")
            assert library.stats()["sources"] == 6
    finally:
        holder.execute("ROLLBACK")
        holder.close()


def test_a_library_whose_path_looks_like_a_uri_opens_read_only(
    library_path: Path, tmp_path: Path
) -> None:
    """Read-only opens go through a file: URI; ?, #, % and spaces in names stay names."""
    folder = tmp_path / "合同 a?b#c%20d"
    folder.mkdir()
    path = folder / "库?mode=rwc#x.sqlite"
    shutil.copy(library_path, path)
    before = folder_state(folder)
    with ClauseLibrary(path, read_only=True) as library:
        assert library.stats()["sources"] == 6
    assert folder_state(folder) == before


def test_a_search_that_meets_damage_says_so_once_in_the_window(
    qtbot, big_library, library_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A big library is not checked whole at start: its search index's damaged pages are
    met by the first search, which says so in one box, not one per keystroke."""
    from PySide6.QtWidgets import QMessageBox

    from app.ui.main_window import MainWindow

    with library_path.open("r+b") as f:  # the last pages: the search index's, built last
        f.seek(-3 * PAGE, os.SEEK_END)
        f.write(b"\xde\xad\xbe\xef" * (3 * PAGE // 4))
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text: shown.append(text))
    window = MainWindow(library_path)
    qtbot.addWidget(window)
    panel = window.library_panel
    for query in ("保密", "保密条款"):
        panel.search_box.setText(query)
        panel.run_search()
        assert panel.hits_model.hit_count() == 0
    assert len(shown) == 1 and "is damaged" in shown[0]


def test_a_big_library_damaged_where_the_window_starts_reading_is_offered_a_rebuild(
    qtbot, big_library, monkeypatch: pytest.MonkeyPatch, library_path: Path
) -> None:
    from PySide6.QtWidgets import QMessageBox

    _garbage_in_the_middle(library_path)  # the tables' pages: the counts meet them
    asked = _answer_rebuild(monkeypatch, QMessageBox.StandardButton.Yes)
    code, seen = _launch_and_close(str(library_path))
    assert code == 0 and len(asked) == 1 and "is damaged" in asked[0]
    assert seen and seen[0]["sources"] == 0
