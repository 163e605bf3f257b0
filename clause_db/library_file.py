"""What a clause library file is, and how to open one without harming it or anything else.

A library carries SQLite's ``application_id`` (``APPLICATION_ID``); libraries made before
it was set are known by their ``clause_db`` migrations and get it on their first writable
open. Any other file, SQLite or not, is refused before a byte is written: the header is read
as plain bytes, and where that cannot tell, a connection that cannot write looks inside
(``immutable`` when there is no write-ahead log, else ``mode=ro`` with ``readonly_shm``), so
no journal, -wal or -shm file appears and no log is checkpointed into the file.

A library is never judged by its main file alone: after a crash, or a full disk during the
checkpoint that follows an import, committed pages live only in its -wal file and the main
file by itself may look damaged. Writable opens let SQLite replay the log; read-only ones
read it through the -shm file already there, without writing either.
"""

from __future__ import annotations

import sqlite3
from typing import TYPE_CHECKING

from .errors import LibraryDamagedError, LibraryError
from .messages import Msg

if TYPE_CHECKING:
    from pathlib import Path

APPLICATION_ID = 0x434C4442  # "CLDB": PRAGMA application_id of every clause library
SQLITE_HEADER = b"SQLite format 3\x00"
MIGRATION_SET = "clause_db"  # schema.MIGRATIONS' name
BUSY_TIMEOUT_S = 10.0  # a second writer (another import, another window) waits this long
# Checking every page (PRAGMA quick_check) costs ~0.6 ms per MB: done at every open up to
# this size (the bundled library is 0.35 MB), and before the first write above it, so a
# big library does not slow the window's start (68 ms for 120 MB against a 150 ms start).
CHECK_AT_OPEN_BYTES = 16 * 2**20

_HEADER_BYTES = 100
_DAMAGE_CODES = (sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB)


def sidecar(path: Path, suffix: str) -> Path:
    """The file SQLite keeps beside ``path``: ``-wal``, ``-shm`` or ``-journal``."""
    return path.with_name(path.name + suffix)


def check_library_file(path: Path) -> bool:
    """Refuse ``path`` unless it is a clause library, writing nothing; True if it is empty
    (a library yet to be made)."""
    if path.is_dir():
        raise LibraryError(Msg(
            "“{0}”是文件夹，不是条款库文件。", "“{0}” is a folder, not a clause library file.", path
        ))  # fmt: skip
    if not path.is_file():  # a device or a pipe: reading it could block or write elsewhere
        raise LibraryError(Msg(
            "“{0}”不是条款库（不是普通文件）。",
            "“{0}” is not a clause library (not a regular file).",
            path,
        ))  # fmt: skip
    try:
        with path.open("rb") as f:
            header = f.read(_HEADER_BYTES)
    except OSError as e:
        raise LibraryError(Msg(
            "无法读取条款库“{0}”：{1}。",
            "Cannot read the clause library “{0}”: {1}.",
            path,
            e.strerror,
        )) from e  # fmt: skip
    if not header and not sidecar(path, "-wal").exists():
        return True
    if header and not header.startswith(SQLITE_HEADER):
        raise LibraryError(Msg(
            "“{0}”不是条款库（不是 SQLite 数据库）。",
            "“{0}” is not a clause library (not an SQLite database).",
            path,
        ))  # fmt: skip
    if header and not _sane_header(header):
        raise LibraryError(Msg(
            "“{0}”已损坏：无法读取其 SQLite 文件头。",
            "“{0}” is damaged: its SQLite header cannot be read.",
            path,
        ))  # fmt: skip
    app_id = int.from_bytes(header[68:72], "big") if header else 0
    if app_id == APPLICATION_ID:
        return False
    if app_id:
        raise _foreign(path)
    _identify_by_contents(path)
    return False


def _sane_header(header: bytes) -> bool:
    """Whether the 100-byte header reads as SQLite's (sqlite.org/fileformat.html, 1.3)."""
    page_size = int.from_bytes(header[16:18], "big")
    return (
        len(header) == _HEADER_BYTES
        and (page_size == 1 or (512 <= page_size <= 32768 and page_size & (page_size - 1) == 0))
        and header[18] in (1, 2)
        and header[19] in (1, 2)
        and header[21:24] == b"\x40\x20\x20"
    )


def _foreign(path: Path) -> LibraryError:
    return LibraryError(Msg(
        "“{0}”不是条款库（是其他程序的 SQLite 数据库）；未做任何改动。",
        "“{0}” is not a clause library (an SQLite database of another program); "
        "it was left untouched.",
        path,
    ))  # fmt: skip


def _identify_by_contents(path: Path) -> None:
    """A file without our application_id in its main file's header: ours if the id is in
    its log, or if it holds our migrations (a library from before the id)."""
    try:
        probe = sqlite3.connect(_probe_uri(path), uri=True)
    except sqlite3.Error as e:
        raise LibraryError(
            Msg("无法读取“{0}”（{1}）。", "Cannot read “{0}” ({1}).", path, e)
        ) from e
    try:
        app_id = probe.execute("PRAGMA application_id").fetchone()[0]
        ours = app_id == APPLICATION_ID or (app_id == 0 and has_migrations(probe))
    except sqlite3.DatabaseError as e:
        raise LibraryError(Msg(
            "“{0}”已损坏或不是条款库（{1}）。",
            "“{0}” is damaged or not a clause library ({1}).",
            path,
            e,
        )) from e  # fmt: skip
    finally:
        probe.close()
    if not ours:
        raise _foreign(path)


def has_migrations(conn: sqlite3.Connection) -> bool:
    """Whether the database holds migrations of the clause library's schema."""
    try:
        sql = "SELECT 1 FROM _sqlite_migrations WHERE migration_set = ? LIMIT 1"
        return conn.execute(sql, (MIGRATION_SET,)).fetchone() is not None
    except sqlite3.OperationalError:  # no such table
        return False


def _probe_uri(path: Path) -> str:
    """A read that cannot write: through the log when its -shm is there, else the main
    file (a -wal without its -shm has no live connection, and refusing is harmless)."""
    uri = path.resolve().as_uri()
    if sidecar(path, "-wal").exists() and sidecar(path, "-shm").exists():
        return f"{uri}?mode=ro&readonly_shm=1"
    return f"{uri}?immutable=1"


def connect(path: Path, writable: bool) -> sqlite3.Connection:
    """A connection to the library ``path`` (checked by ``check_library_file``).

    Writable: an ordinary one, which replays the log, waiting ``BUSY_TIMEOUT_S`` for other
    writers. Read-only: one that creates no file. Without a -wal file the main file is the
    whole library and is read as immutable (``mode=ro`` alone would create -wal and -shm
    files), which assumes nobody writes it meanwhile (a read-only file or folder, or a
    library opened to read); with one, it is read through the existing -shm without
    writing that either.
    """
    if writable:
        return sqlite3.connect(path, timeout=BUSY_TIMEOUT_S)
    uri = path.resolve().as_uri()
    if not sidecar(path, "-wal").exists():
        return sqlite3.connect(f"{uri}?immutable=1", uri=True)
    if not sidecar(path, "-shm").exists():
        raise LibraryError(Msg(
            "条款库“{0}”的日志（{1}-wal）中有改动，只有以可写方式打开才能恢复。",
            "The clause library “{0}” has changes in its log ({1}-wal) that only "
            "opening it with write access can recover.",
            path,
            path.name,
        ))  # fmt: skip
    return sqlite3.connect(f"{uri}?mode=ro&readonly_shm=1", uri=True, timeout=BUSY_TIMEOUT_S)


def library_size(path: Path) -> int:
    """Bytes of the library with its log: what a full check reads."""
    return sum(p.stat().st_size for p in (path, sidecar(path, "-wal")) if p.exists())


def check_pages(conn: sqlite3.Connection, path: Path) -> None:
    """Raise LibraryDamagedError unless SQLite's quick_check finds every page sound."""
    try:
        found = [row[0] for row in conn.execute("PRAGMA quick_check(1)")]
    except sqlite3.Error as e:
        raise failure(path, "check", e) from e
    if found != ["ok"]:
        raise LibraryDamagedError(_damaged_message(path, " ".join(found)), path)


def failure(path: Path, action: str, e: sqlite3.Error) -> LibraryError:
    """The one-sentence LibraryError for an SQLite error while ``action``-ing the library."""
    code = (getattr(e, "sqlite_errorcode", None) or 0) & 0xFF
    if code in _DAMAGE_CODES:
        return LibraryDamagedError(_damaged_message(path, str(e)), path)
    if code == sqlite3.SQLITE_BUSY:
        return LibraryError(Msg(
            "条款库“{0}”正忙：另一个程序已连续写入 {1:.0f} 秒。请重试。",
            "The clause library “{0}” is busy: another program kept writing it for "
            "{1:.0f} seconds. Try again.",
            path,
            BUSY_TIMEOUT_S,
        ))  # fmt: skip
    verb = _ACTIONS.get(action, action)
    return LibraryError(Msg(
        "无法{1}条款库“{0}”（{2}）。", "Cannot {1} the clause library “{0}” ({2}).", path, verb, e
    ))  # fmt: skip


_ACTIONS = {
    "read": Msg("读取", "read"),
    "open": Msg("打开", "open"),
    "write": Msg("写入", "write"),
    "check": Msg("检查", "check"),
}


def _damaged_message(path: Path, detail: str) -> Msg:
    return Msg(
        "条款库“{0}”已损坏（{1}）；未做任何改动。",
        "The clause library “{0}” is damaged ({1}); it was not changed.",
        path,
        " ".join(detail.split()),
    )
