"""The lock beside an open draft: written on acquire, removed on release, held against a
second window (of this process or another), taken over when its process is gone."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
from datetime import UTC, datetime
from typing import TYPE_CHECKING

import pytest

from app.model.draft_lock import DraftLock, DraftLockedError, is_stale, lock_path, read_lock

if TYPE_CHECKING:
    from pathlib import Path


@pytest.fixture
def draft_file(tmp_path: Path) -> Path:
    path = tmp_path / "合同.contract"
    path.write_text("{}", encoding="utf-8")
    return path


def dead_pid() -> int:
    """The pid of a process that has just ended."""
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


def write_lock(draft: Path, **fields) -> None:
    meta = {"pid": os.getpid(), "host": socket.gethostname(), "user": "lawyer",
            "since": "2026-12-06T01:00:00+00:00", "token": "other"}  # fmt: skip
    meta.update(fields)
    lock_path(draft).write_text(json.dumps(meta), encoding="utf-8")


def test_the_lock_names_its_holder_and_goes_away_on_release(draft_file):
    lock = DraftLock.acquire(draft_file)
    path = draft_file.with_name(".~lock.合同.contract#")
    assert lock.path == path and path.is_file()
    meta = json.loads(path.read_text(encoding="utf-8"))
    assert meta["pid"] == os.getpid()
    assert meta["host"] == socket.gethostname()
    assert {"user", "since", "token"} <= meta.keys()
    assert datetime.fromisoformat(meta["since"]).tzinfo is not None
    lock.release()
    assert not path.exists()
    assert sorted(p.name for p in draft_file.parent.iterdir()) == ["合同.contract"]


def test_a_second_window_of_this_process_is_refused_with_the_holder(draft_file):
    with DraftLock.acquire(draft_file):
        with pytest.raises(DraftLockedError) as refused:
            DraftLock.acquire(draft_file)
        assert refused.value.owner.pid == os.getpid()
        message = str(refused.value)
        assert str(draft_file) in message and "open in another window" in message
        assert socket.gethostname() in message and "\n" not in message
    DraftLock.acquire(draft_file).release()  # free again once the first one closed


def test_a_live_lock_of_another_process_is_respected_and_kept(draft_file):
    write_lock(draft_file, pid=os.getppid())  # a process that is certainly running
    before = lock_path(draft_file).read_bytes()
    with pytest.raises(DraftLockedError) as refused:
        DraftLock.acquire(draft_file)
    assert "lawyer" in str(refused.value)
    assert lock_path(draft_file).read_bytes() == before


def test_a_stale_lock_of_a_crashed_process_is_taken_over(draft_file):
    write_lock(draft_file, pid=dead_pid())
    assert is_stale(read_lock(draft_file))
    lock = DraftLock.acquire(draft_file)
    assert read_lock(draft_file).token == lock.owner.token
    lock.release()
    assert not lock_path(draft_file).exists()


@pytest.mark.parametrize("content", ["", "{not json", '{"pid": "x"}', "\x00" * 10])
def test_a_damaged_lock_of_this_host_is_taken_over(draft_file, content):
    lock_path(draft_file).write_text(content, encoding="utf-8")
    with DraftLock.acquire(draft_file) as lock:
        assert lock.is_held()


def test_a_lock_from_another_computer_is_never_judged_stale(draft_file):
    write_lock(draft_file, pid=dead_pid(), host="律所-另一台电脑")
    with pytest.raises(DraftLockedError) as refused:
        DraftLock.acquire(draft_file)
    assert "律所-另一台电脑" in str(refused.value)


def test_release_leaves_a_lock_another_window_took_over(draft_file):
    lock = DraftLock.acquire(draft_file)
    write_lock(draft_file, token="someone-else")  # e.g. removed by hand, then reopened
    assert not lock.is_held()
    lock.release()
    assert read_lock(draft_file).token == "someone-else"


def test_a_symlink_and_its_target_share_one_lock(draft_file):
    link = draft_file.with_name("link.contract")
    link.symlink_to(draft_file.name)
    with DraftLock.acquire(draft_file), pytest.raises(DraftLockedError):
        DraftLock.acquire(link)


def test_an_unwritable_folder_opens_without_a_lock(draft_file, monkeypatch):
    def refuse(*_args, **_kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr("pathlib.Path.write_bytes", refuse)
    monkeypatch.setattr(os, "open", refuse)
    lock = DraftLock.acquire(draft_file)
    assert not lock.is_held() and not lock_path(draft_file).exists()
    lock.release()


def test_owner_description_is_in_local_time(draft_file):
    write_lock(
        draft_file, pid=os.getppid(), since=datetime(2026, 1, 2, 3, 4, tzinfo=UTC).isoformat()
    )
    owner = read_lock(draft_file)
    local = datetime(2026, 1, 2, 3, 4, tzinfo=UTC).astimezone().strftime("%Y-%m-%d %H:%M")
    assert owner.describe().endswith(f"since {local}")
    assert f"process {os.getppid()}" in owner.describe()


def test_a_lock_that_cannot_be_read_counts_as_held_and_says_so(draft_file):
    lock_path(draft_file).mkdir()  # hostile: a folder where the lock file goes
    with pytest.raises(DraftLockedError) as refused:
        DraftLock.acquire(draft_file)
    assert "its lock file cannot be read" in str(refused.value)
    assert lock_path(draft_file).is_dir()


def test_a_lock_symlinked_elsewhere_is_replaced_without_touching_its_target(draft_file, tmp_path):
    victim = tmp_path / "victim.txt"
    victim.write_text("别碰我", encoding="utf-8")
    lock_path(draft_file).symlink_to(victim)
    with DraftLock.acquire(draft_file) as lock:
        assert lock.is_held() and not lock_path(draft_file).is_symlink()
    assert victim.read_text(encoding="utf-8") == "别碰我"
