"""Autosave with a fake clock: when it writes, what it leaves after a crash, how it fails."""

from __future__ import annotations

import errno
import json
import os
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING

import pytest

from app.model.autosave import Autosaver, recoverable
from app.model.draft import Draft
from app.model.files import DraftFileError, load_draft
from app.model.importer import draft_from_document
from clause_db.paths import data_dir
from clause_db.reader import read_outline
from resources import SEED_FILES

if TYPE_CHECKING:
    from pathlib import Path


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def folder(tmp_path) -> Path:
    return tmp_path / "autosave"


@pytest.fixture(scope="module")
def seed_draft() -> Draft:
    outline = read_outline(SEED_FILES[0])
    return draft_from_document(outline.documents[0], outline.text, SEED_FILES[0].name)


def make(folder: Path, clock: FakeClock, key: str = "k1", source: Path | None = None):
    return Autosaver(key, source, folder=folder, clock=clock)


def test_nothing_is_written_without_changes(folder, clock):
    saver = make(folder, clock)
    for _ in range(5):
        clock.now += 60
        assert not saver.maybe_save(Draft(title="untouched"))
    assert not folder.exists()


def test_at_most_one_write_per_interval_while_changes_keep_coming(folder, clock):
    saver = make(folder, clock)
    writes = []
    for second in range(100):  # a change every second, the GUI timer ticking as often
        saver.changed()
        draft = Draft(title=f"edit {second}")
        if saver.maybe_save(draft):
            writes.append(second)
            assert load_draft(saver.path) == draft
        clock.now += 1
    assert writes == [0, 30, 60, 90]  # the first change at once, then one per interval


def test_a_change_after_a_quiet_spell_is_written_at_the_next_tick(folder, clock):
    saver = make(folder, clock)
    saver.changed()
    assert saver.maybe_save(Draft(title="one"))
    clock.now += 300
    assert not saver.maybe_save(Draft(title="one"))  # nothing new
    saver.changed()
    assert saver.maybe_save(Draft(title="two"))


def test_the_default_folder_is_in_the_user_data_dir(clock):
    saver = Autosaver("k1", None, clock=clock)
    saver.changed()
    assert saver.maybe_save(Draft(title="x"))
    assert saver.path == data_dir() / "autosave" / "k1.contract"
    assert [r.key for r in recoverable()] == ["k1"]


@pytest.mark.parametrize("finish", ["saved", "close"])
def test_saving_or_closing_removes_the_autosave(folder, clock, finish):
    saver = make(folder, clock)
    saver.changed()
    assert saver.maybe_save(Draft(title="x"))
    saver.changed()
    getattr(saver, finish)()
    assert list(folder.iterdir()) == []
    clock.now += 60
    assert not saver.maybe_save(Draft(title="x"))  # nothing pending any more
    assert recoverable(folder) == []


def test_a_crash_leaves_a_recovery_that_loads_the_draft(folder, clock, seed_draft, tmp_path):
    source = tmp_path / "客户合同.contract"
    saver = make(folder, clock, source=source)
    saver.changed()
    assert saver.maybe_save(seed_draft)
    del saver  # the app died: no close()

    [found] = recoverable(folder)
    assert found.key == "k1"
    assert found.source_path == source
    assert found.title == seed_draft.title
    assert found.problem is None
    assert abs(datetime.now(UTC) - found.saved_at) < timedelta(minutes=1)
    assert found.load() == seed_draft
    found.discard()
    assert list(folder.iterdir()) == []
    assert recoverable(folder) == []


def test_an_unsaved_new_draft_and_save_as_are_recorded(folder, clock, tmp_path):
    saver = make(folder, clock)
    saver.changed()
    saver.maybe_save(Draft(title="new"))
    assert recoverable(folder)[0].source_path is None
    saver.saved(tmp_path / "named.contract")  # Save As
    saver.changed()
    clock.now += 30
    assert saver.maybe_save(Draft(title="new"))
    assert recoverable(folder)[0].source_path == tmp_path / "named.contract"


def test_recoveries_are_listed_newest_first(folder, clock):
    for key in ("older", "newer"):
        saver = make(folder, clock, key=key)
        saver.changed()
        saver.maybe_save(Draft(title=key))
    sidecar = folder / "older.json"
    meta = json.loads(sidecar.read_bytes())
    meta["saved_at"] = "2020-01-01T00:00:00+00:00"
    sidecar.write_text(json.dumps(meta), encoding="utf-8")
    assert [r.key for r in recoverable(folder)] == ["newer", "older"]


def test_a_damaged_autosave_is_listed_with_its_problem(folder, clock):
    saver = make(folder, clock)
    saver.changed()
    saver.maybe_save(Draft(title="lost"))
    saver.path.write_bytes(b'{"format": "contract-editor/dra')
    [found] = recoverable(folder)
    assert found.title == "lost"  # from the sidecar
    assert "damaged" in found.problem.en and "损坏" in found.problem.zh
    with pytest.raises(DraftFileError):
        found.load()
    found.discard()
    assert list(folder.iterdir()) == []


def test_a_missing_or_damaged_sidecar_still_offers_the_draft(folder, clock):
    for key, sidecar in (("nosidecar", None), ("junk", b"\x00\xff not json")):
        saver = make(folder, clock, key=key)
        saver.changed()
        saver.maybe_save(Draft(title=f"title {key}"))
        if sidecar is None:
            (folder / f"{key}.json").unlink()
        else:
            (folder / f"{key}.json").write_bytes(sidecar)
    found = {r.key: r for r in recoverable(folder)}
    assert set(found) == {"nosidecar", "junk"}
    for key, recovery in found.items():
        assert recovery.title == f"title {key}"  # from the draft itself
        assert recovery.source_path is None
        assert recovery.problem is None


def test_strays_in_the_folder_are_ignored(folder):
    folder.mkdir()
    (folder / "orphan.json").write_text("{}", encoding="utf-8")  # its draft was removed
    (folder / ".k1.contract.tmp-1-ab").write_bytes(b"{")  # a killed write
    (folder / "not a key!.contract").write_bytes(b"{")
    assert recoverable(folder) == []
    assert recoverable(folder / "never created") == []


def test_a_read_only_folder_never_interrupts_the_lawyer(folder, clock, monkeypatch):
    saver = make(folder, clock)
    saver.changed()
    real_open = os.open

    def read_only(path, *args, **kwargs):
        if ".tmp-" in str(path):
            raise PermissionError(errno.EACCES, "Permission denied")
        return real_open(path, *args, **kwargs)

    monkeypatch.setattr(os, "open", read_only)
    assert not saver.maybe_save(Draft(title="x"))  # no exception
    assert "read-only" in saver.last_error
    clock.now += 5
    assert not saver.maybe_save(Draft(title="x"))  # retried an interval later, not every tick
    monkeypatch.undo()
    clock.now += 30
    assert saver.maybe_save(Draft(title="x"))  # still pending, written once the disk allows
    assert saver.last_error is None


def test_a_folder_that_cannot_be_created_never_raises(tmp_path, clock):
    blocker = tmp_path / "blocker"
    blocker.write_text("a file where the folder should be", encoding="utf-8")
    saver = make(blocker / "autosave", clock)
    saver.changed()
    assert not saver.maybe_save(Draft(title="x"))
    assert saver.last_error
    assert recoverable(blocker / "autosave") == []


def test_keys_must_be_safe_file_names(folder):
    for key in ("", "../evil", "a.b", "x" * 65):
        with pytest.raises(ValueError):
            Autosaver(key, None, folder=folder)
