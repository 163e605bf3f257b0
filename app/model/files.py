"""Saving and opening `.contract` files without ever losing the lawyer's document.

A save never writes into the user's file: the new bytes go to a temporary file in the same
folder, are flushed to disk, and then atomically replace the file, so at every instant the
real name holds either the complete old version or the complete new one — a crash, a kill
or a full disk in the middle leaves the old file as it was. The previous version is kept
as ``NAME.contract.bak`` (a hard link, or a copy where links are not supported, made
before the replace so the real name is never moved away).

Each save and each open returns the SHA-256 of the bytes written or read, so the window
can tell, before saving, whether someone changed the file outside the app since
(``file_digest``).

A save killed midway can leave a ``.NAME.contract.tmp-…`` file behind. Nothing reads
them; the next save in that folder removes those older than a minute (younger ones may
belong to a save running right now in another window).
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import os
import secrets
import shutil
import stat
import time
from pathlib import Path
from typing import TYPE_CHECKING

from clause_db.errors import ClauseDbError
from clause_db.messages import Msg

from .fileformat import DraftFormatError, dumps, loads

if TYPE_CHECKING:
    from .draft import Draft

# Far beyond any contract (the six-contract seed is 300 KB as drafts); a bigger file is not
# a draft, and reading it whole would only freeze the app.
MAX_DRAFT_BYTES = 200 * 1024 * 1024
STALE_TEMP_SECONDS = 60.0

_WINDOWS_SHARING_VIOLATIONS = (32, 33)  # ERROR_SHARING_VIOLATION, ERROR_LOCK_VIOLATION
_DISK_FULL = (errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC))  # EDQUOT: over quota


class DraftFileError(ClauseDbError):
    """A draft file cannot be saved or opened; the message says which file and why."""


def _cannot_open(path: Path, reason: object) -> DraftFileError:
    return DraftFileError(Msg("无法打开 {0}：{1}。", "{0} cannot be opened: {1}.", path, reason))


def _cannot_write(path: Path, reason: object) -> DraftFileError:
    return DraftFileError(Msg("无法写入 {0}：{1}。", "{0} cannot be written: {1}.", path, reason))


def save_draft(path: Path, draft: Draft, saved_from: Path | None = None) -> str:
    """Write ``draft`` to ``path`` atomically, keeping the previous version as ``.bak`` and
    every version in the history (app.model.versions); the SHA-256 of what was written.
    ``saved_from``: the draft's file before a Save As (a new history names it)."""
    data = dumps(draft)
    replaced = _with_history(Path(path))
    write_atomically(Path(path), data, keep_backup=True)
    from .versions import record_version  # it writes through this module; loaded once saved

    with contextlib.suppress(DraftFileError):  # the draft is saved: a full disk costs a version
        record_version(Path(path), data, replaced=replaced, saved_from=saved_from)
    return hashlib.sha256(data).hexdigest()


def history_path(draft_path: Path) -> Path:
    """``NAME.contract.versions`` beside the draft: its versions (app.model.versions); a
    symlink's target keeps them."""
    real = Path(os.path.realpath(draft_path))
    return real.with_name(real.name + ".versions")


def _with_history(path: Path) -> bytes | None:
    """The draft's bytes before a save replaces them, when it has a version history to
    compare them with (a file changed outside the app is kept as a version too)."""
    try:
        if history_path(path).is_file() and path.stat().st_size <= MAX_DRAFT_BYTES:
            return path.read_bytes()
    except OSError:
        pass
    return None


def load_draft(path: Path) -> Draft:
    """The draft in ``path``; DraftFileError naming the file for anything that goes wrong."""
    return read_draft(path)[0]


def file_digest(path: Path) -> str | None:
    """The SHA-256 of the file's current content; None if it is gone or cannot be read."""
    digest = hashlib.sha256()
    try:
        with Path(path).open("rb") as handle:
            while chunk := handle.read(1 << 20):
                digest.update(chunk)
    except OSError:
        return None
    return digest.hexdigest()


def read_draft(path: Path) -> tuple[Draft, str]:
    """The draft in ``path`` and the SHA-256 of the bytes it was read from."""
    path = Path(path)
    try:
        if path.is_dir():  # Windows reports reading a folder as "permission denied"
            raise _cannot_open(
                path, Msg("这是文件夹，不是草稿文件", "it is a folder, not a draft file")
            )
        size = path.stat().st_size
        if size > MAX_DRAFT_BYTES:
            raise _cannot_open(path, Msg(
                "文件大小 {0:.0f} MB，远超草稿的上限（{1} MB）",
                "at {0:.0f} MB it is far too big to be a draft (the limit is {1} MB)",
                size / 1e6,
                MAX_DRAFT_BYTES // 1024 // 1024,
            ))  # fmt: skip
        data = path.read_bytes()
    except FileNotFoundError:
        raise _cannot_open(path, Msg("文件不存在", "the file does not exist")) from None
    except PermissionError as exc:
        raise _cannot_open(path, _permission_reason(exc)) from None
    except OSError as exc:
        raise _cannot_open(path, _reason(exc)) from None
    try:
        return loads(data), hashlib.sha256(data).hexdigest()
    except DraftFormatError as exc:
        why = exc.message
        if not isinstance(why, Msg):  # a detail of a damaged structure: English only
            why = Msg("文件已损坏，或不是本程序的合同草稿", "{0}", why)
        raise _cannot_open(path, why) from None
    except ValueError as exc:  # e.g. a number too long for Python to convert
        raise _cannot_open(path, _damaged(exc)) from None


def write_atomically(path: Path, data: bytes, *, keep_backup: bool = False) -> None:
    """Replace ``path`` by ``data`` so that it is always either complete old or complete new.

    Shared by saves and autosaves so both get the same guarantees; DraftFileError on failure,
    with the temporary files removed and ``path`` untouched.
    """
    if path.is_symlink():  # save through the link, as editors do, rather than replace it
        path = Path(os.path.realpath(path))
    folder = path.parent
    _check_target(path)
    _remove_stale_temps(path)
    temp = folder / f".{path.name}.tmp-{os.getpid()}-{secrets.token_hex(4)}"
    backup_temp = temp.with_name(temp.name + "-bak")
    stage = "create"
    try:
        _write_synced(temp, data, _existing_mode(path))
        if keep_backup and path.exists():
            stage = "backup"
            _link_or_copy(path, backup_temp)
            os.replace(backup_temp, path.with_name(path.name + ".bak"))
            # If a killed save left the .bak as a second name of the file itself, POSIX
            # rename "succeeds" without removing backup_temp.
            backup_temp.unlink(missing_ok=True)
        stage = "replace"
        os.replace(temp, path)
    except OSError as exc:
        for leftover in (temp, backup_temp):
            with contextlib.suppress(OSError):  # else a later save removes it once stale
                leftover.unlink(missing_ok=True)
        raise _cannot_write(path, _save_reason(path, stage, exc)) from None
    _sync_folder(folder)


def _check_target(path: Path) -> None:
    """Refuse early, with a precise reason, what the OS would refuse vaguely or not at all."""
    if path.is_dir():
        raise _cannot_write(path, Msg("这是一个文件夹", "it is a folder"))
    if not path.parent.is_dir():
        raise _cannot_write(path, _no_folder(path.parent))
    mode = _existing_mode(path)
    if mode is not None and not mode & stat.S_IWUSR:
        # On POSIX replacing a read-only file would succeed; honour the user's intent.
        raise _cannot_write(path, Msg("文件是只读的", "the file is read-only"))


def _existing_mode(path: Path) -> int | None:
    try:
        return path.stat().st_mode & 0o777
    except OSError:
        return None


def _write_synced(temp: Path, data: bytes, mode: int | None) -> None:
    """Write and fsync ``temp``, with the old file's permissions so a private file stays so."""
    fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o666)
    try:
        if mode is not None and os.name == "posix":
            os.fchmod(fd, mode)
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view) :]
        os.fsync(fd)
    finally:
        os.close(fd)


def _link_or_copy(source: Path, target: Path) -> None:
    """A second name for ``source``'s current content; copy where hard links are refused."""
    try:
        os.link(source, target)
    except OSError as exc:
        if exc.errno in (*_DISK_FULL, errno.EROFS):
            raise
        shutil.copy2(source, target)  # FAT, some network shares, sandboxed folders


def _sync_folder(folder: Path) -> None:
    """Make the rename itself durable; not supported (nor needed) on Windows."""
    if os.name != "posix":
        return
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass  # some file systems refuse to sync a folder; the file itself is already synced
    finally:
        os.close(fd)


def _remove_stale_temps(path: Path) -> None:
    """Delete temporary files of killed saves of this file, if older than a minute."""
    prefix = f".{path.name}.tmp-"
    deadline = time.time() - STALE_TEMP_SECONDS
    try:
        entries = list(os.scandir(path.parent))
    except OSError:
        return
    for entry in entries:
        if not entry.name.startswith(prefix):
            continue
        try:
            if entry.stat(follow_symlinks=False).st_mtime < deadline:
                os.unlink(entry.path)
        except OSError:
            pass  # gone already, or not ours to delete: it does no harm


_READ_ONLY_FOLDER = Msg("文件夹是只读的", "the folder is read-only")


def _save_reason(path: Path, stage: str, exc: OSError) -> Msg | str:
    if exc.errno in _DISK_FULL:
        return Msg(
            "磁盘已满，请释放空间后再保存", "the disk is full; free some space and save again"
        )
    if exc.errno == errno.EROFS:
        return _READ_ONLY_FOLDER
    if isinstance(exc, PermissionError):
        if getattr(exc, "winerror", None) in _WINDOWS_SHARING_VIOLATIONS:
            return Msg(
                "它已在其他程序中打开，请在那里关闭后再保存",
                "it is open in another program; close it there and save again",
            )
        if stage == "backup":
            return Msg(
                "其备份 {0}.bak 是只读的，或已在其他程序中打开",
                "its backup {0}.bak is read-only or open in another program",
                path.name,
            )
        if stage != "create" and os.name == "nt":
            return Msg(
                "它是只读的，或已在其他程序中打开", "it is read-only or open in another program"
            )
        return _READ_ONLY_FOLDER
    if isinstance(exc, FileNotFoundError):
        return _no_folder(path.parent)
    return _reason(exc)


def _no_folder(folder: Path) -> Msg:
    return Msg("文件夹 {0} 不存在", "the folder {0} does not exist", folder)


def _damaged(detail: object) -> Msg:
    return Msg("文件已损坏（{0}）", "the file is damaged ({0})", detail)


def _permission_reason(exc: PermissionError) -> Msg:
    if getattr(exc, "winerror", None) in _WINDOWS_SHARING_VIOLATIONS:
        return Msg("它被其他程序锁定", "it is locked by another program")
    return Msg("您没有读取它的权限", "you do not have permission to read it")


def _reason(exc: OSError) -> Msg | str:
    """Why the system refused; its own words (English from Python) when it is no common case."""
    if exc.errno == errno.ENAMETOOLONG:
        return Msg("文件名过长", "the name is too long")
    return (exc.strerror or str(exc)).rstrip(".").lower() or Msg(
        "系统拒绝了操作", "the system refused"
    )
