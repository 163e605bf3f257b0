"""A lock file beside an open draft, so two windows never edit the same file unaware.

Opening ``NAME.contract`` for editing writes ``.~lock.NAME.contract#`` next to it (the
naming LibreOffice uses, so file managers and .gitignore templates already hide it): JSON
with the pid, host, user and time of the holder and a random token that tells two windows
of one process apart. Closing the draft removes it. A lock whose pid is no longer running
on this host is stale (the program crashed) and is taken over; a lock from another host
cannot be checked and counts as held. The window asks the user what to do about a held
lock; the command line refuses to change a draft that is open in a window.

No Qt here: the window and the command line share this logic.
"""

from __future__ import annotations

import contextlib
import getpass
import json
import os
import secrets
import socket
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from .files import DraftFileError

if TYPE_CHECKING:
    from collections.abc import Iterator

_MAX_LOCK_BYTES = 4096  # a lock is a few hundred bytes; anything bigger is not ours


@dataclass(frozen=True)
class LockOwner:
    """Who holds a lock: enough for a person to recognise the other window."""

    pid: int
    host: str
    user: str
    since: datetime
    token: str = ""

    def describe(self) -> str:
        """``user on host (process pid) since 2026-12-06 09:30``, in local time."""
        if not self.host:
            return "another program (its lock file cannot be read)"
        when = self.since.astimezone().strftime("%Y-%m-%d %H:%M")
        who = f"{self.user} on {self.host}" if self.user else self.host
        return f"{who} (process {self.pid}) since {when}"


class DraftLockedError(DraftFileError):
    """The draft is open in another window or program; ``owner`` says which."""

    def __init__(self, path: Path, owner: LockOwner) -> None:
        super().__init__(
            f"{path} is open in another window ({owner.describe()}); close it there first."
        )
        self.path = path
        self.owner = owner


def lock_path(draft_path: Path) -> Path:
    """The lock file of ``draft_path``: ``.~lock.NAME#`` in the same folder."""
    real = Path(os.path.realpath(draft_path))  # a symlink and its target share one lock
    return real.with_name(f".~lock.{real.name}#")


class DraftLock:
    """A held lock on one draft file; ``release`` (or leaving the ``with``) removes it."""

    def __init__(self, draft_path: Path, owner: LockOwner) -> None:
        self.draft_path = draft_path
        self.path = lock_path(draft_path)
        self.owner = owner

    @classmethod
    def acquire(cls, draft_path: Path) -> DraftLock:
        """Lock ``draft_path`` for this window; DraftLockedError if another holds it.

        A stale lock (its process is gone from this host) is taken over. A folder where no
        lock can be written (read-only media) opens without one: nobody can save there.
        """
        draft_path = Path(draft_path)
        owner = _this_process()
        target = lock_path(draft_path)
        for _attempt in range(2):
            if _create(target, owner):
                return cls(draft_path, owner)
            holder = read_lock(draft_path)
            if holder is not None and not is_stale(holder):
                raise DraftLockedError(draft_path, holder)
            if read_lock(draft_path) == holder:  # not taken over meanwhile by another window
                with contextlib.suppress(OSError):  # or removed by it
                    target.unlink()
        holder = read_lock(draft_path)
        if holder is not None:
            raise DraftLockedError(draft_path, holder)
        return cls(draft_path, owner)  # unwritable folder: nothing to hold

    def is_held(self) -> bool:
        """True while the lock file on disk is still this one (nobody removed or took it)."""
        holder = read_lock(self.draft_path)
        return holder is not None and holder.token == self.owner.token

    def release(self) -> None:
        """Remove the lock file if it is still ours; never raises."""
        if self.is_held():
            with contextlib.suppress(OSError):
                self.path.unlink()

    def __enter__(self) -> DraftLock:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.release()


@contextlib.contextmanager
def locked_for_change(draft_path: Path) -> Iterator[None]:
    """Hold the draft's lock for a short read-modify-write (the command line's edits)."""
    with DraftLock.acquire(draft_path):
        yield


def read_lock(draft_path: Path) -> LockOwner | None:
    """The holder of ``draft_path``'s lock, or None when there is no lock.

    A lock file that cannot be read or understood (being written right now, or damaged)
    counts as held by an unknown process of this host, so that it is checked like others.
    """
    path = lock_path(draft_path)
    try:
        with path.open("rb") as handle:
            data = handle.read(_MAX_LOCK_BYTES)
        mtime = datetime.fromtimestamp(path.stat().st_mtime, UTC)
    except FileNotFoundError:
        return None
    except OSError:
        return LockOwner(0, "", "", datetime.now(UTC))
    try:
        meta = json.loads(data)
        return LockOwner(
            pid=int(meta["pid"]),
            host=str(meta["host"]),
            user=str(meta.get("user", "")),
            since=_aware(datetime.fromisoformat(meta["since"])),
            token=str(meta.get("token", "")),
        )
    except (ValueError, KeyError, TypeError, OverflowError):
        return LockOwner(0, socket.gethostname(), "", mtime)


def is_stale(owner: LockOwner) -> bool:
    """A lock left by a process that no longer runs on this host (a crash, a kill)."""
    if owner.host != socket.gethostname():
        return False  # another computer: its processes cannot be checked from here
    if owner.pid <= 0:
        return True  # unreadable lock of this host: no live process wrote it completely
    return not _pid_alive(owner.pid)


def _this_process() -> LockOwner:
    try:
        user = getpass.getuser()
    except (OSError, KeyError, ImportError):  # no login name (containers, services)
        user = ""
    return LockOwner(
        pid=os.getpid(),
        host=socket.gethostname(),
        user=user,
        since=datetime.now(UTC).replace(microsecond=0),
        token=secrets.token_hex(8),
    )


def _create(target: Path, owner: LockOwner) -> bool:
    """Write the lock file if none exists; False if one does. Created whole or not at all:
    the content goes to a temporary file first, then gets the lock's name by a hard link,
    which fails if the name exists. Where links are refused, O_EXCL creates it."""
    data = json.dumps(
        {
            "pid": owner.pid,
            "host": owner.host,
            "user": owner.user,
            "since": owner.since.isoformat(),
            "token": owner.token,
            "app": "contract-editor",
        },
        ensure_ascii=False,
    ).encode("utf-8")
    temp = target.with_name(f"{target.name}.{owner.token}.tmp")
    try:
        temp.write_bytes(data)
    except OSError:
        return _create_exclusive(target, data)
    try:
        os.link(temp, target)
        return True
    except FileExistsError:
        return False
    except OSError:
        return _create_exclusive(target, data)
    finally:
        with contextlib.suppress(OSError):
            temp.unlink()


def _create_exclusive(target: Path, data: bytes) -> bool:
    try:
        fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0))
    except FileExistsError:
        return False
    except OSError:
        return True  # the folder takes no lock (read-only): there is nothing to protect
    try:
        os.write(fd, data)
    finally:
        os.close(fd)
    return True


def _pid_alive(pid: int) -> bool:
    if os.name == "nt":  # os.kill(pid, 0) would terminate the process on Windows
        return _windows_pid_alive(pid)
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # running, as another user
    except OSError:
        return True  # cannot tell: keep the lock
    return True


def _windows_pid_alive(pid: int) -> bool:
    import ctypes

    kernel32 = ctypes.WinDLL("kernel32", use_last_error=True)  # type: ignore[attr-defined]
    process_query_limited_information = 0x1000
    still_active = 259
    handle = kernel32.OpenProcess(process_query_limited_information, False, pid)
    if not handle:
        return ctypes.get_last_error() == 5  # ERROR_ACCESS_DENIED: exists, not ours
    try:
        code = ctypes.c_ulong()
        if not kernel32.GetExitCodeProcess(handle, ctypes.byref(code)):
            return True
        return code.value == still_active
    finally:
        kernel32.CloseHandle(handle)


def _aware(moment: datetime) -> datetime:
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)
