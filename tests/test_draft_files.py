"""Saving and opening `.contract` files: real files, real failures, and real kills."""

from __future__ import annotations

import copy
import errno
import os
import random
import subprocess
import sys
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.model import files, ops
from app.model.draft import Draft
from app.model.fileformat import dumps
from app.model.fileformat import loads as load_draft_bytes
from app.model.files import DraftFileError, load_draft, save_draft
from app.model.importer import draft_from_document
from app.model.versions import list_versions, version_bytes
from clause_db.reader import read_outline
from resources import SEED_FILES

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def seed_drafts() -> list[Draft]:
    outline = read_outline(SEED_FILES[0])
    return [draft_from_document(d, outline.text, SEED_FILES[0].name) for d in outline.documents]


@pytest.fixture
def draft(seed_drafts) -> Draft:
    return copy.deepcopy(seed_drafts[0])


def retitled(draft: Draft, title: str) -> Draft:
    other = copy.deepcopy(draft)
    other.title = title
    return other


def folder_names(folder: Path) -> set[str]:
    """The files in ``folder``, but the drafts' version histories (tests/test_versions.py)."""
    return {p.name for p in folder.iterdir() if not p.name.endswith(".contract.versions")}


def assert_one_sentence(exc: pytest.ExceptionInfo, path: Path, *words: str) -> None:
    message = str(exc.value)
    assert "\n" not in message and "Traceback" not in message
    assert str(path) in message
    for word in words:
        assert word in message, message


# -- saving -----------------------------------------------------------------------------------


@pytest.mark.parametrize("index", range(6))
def test_each_seed_contract_round_trips(tmp_path, seed_drafts, index):
    path = tmp_path / f"contract {index}.contract"
    save_draft(path, seed_drafts[index])
    assert load_draft(path) == seed_drafts[index]
    assert folder_names(tmp_path) == {path.name}  # a first save has nothing to back up


def test_bak_holds_the_previous_version(tmp_path, draft):
    path = tmp_path / "a.contract"
    first, second, third = (retitled(draft, t) for t in ("one", "two", "three"))
    save_draft(path, first)
    save_draft(path, second)
    assert load_draft(path) == second
    assert load_draft(tmp_path / "a.contract.bak") == first
    save_draft(path, third)
    assert load_draft(tmp_path / "a.contract.bak") == second
    assert folder_names(tmp_path) == {"a.contract", "a.contract.bak"}


def test_a_bak_left_as_a_second_name_of_the_file_is_handled(tmp_path, draft):
    # A save killed between making the .bak and replacing the file leaves both names on
    # one file; renaming onto the same file is a no-op on POSIX and must not leave litter.
    path = tmp_path / "a.contract"
    backup = tmp_path / "a.contract.bak"
    save_draft(path, draft)
    os.link(path, backup)
    save_draft(path, retitled(draft, "new"))
    assert folder_names(tmp_path) == {"a.contract", "a.contract.bak"}
    assert load_draft(backup) == draft
    assert load_draft(path).title == "new"


@pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")
def test_a_private_file_stays_private(tmp_path, draft):
    path = tmp_path / "a.contract"
    save_draft(path, draft)
    path.chmod(0o600)
    save_draft(path, retitled(draft, "new"))
    assert path.stat().st_mode & 0o777 == 0o600


@pytest.mark.skipif(os.name != "posix", reason="symlinks need privileges on Windows")
def test_saving_through_a_symlink_updates_its_target(tmp_path, draft):
    target = tmp_path / "real.contract"
    link = tmp_path / "link.contract"
    save_draft(target, draft)
    link.symlink_to(target)
    save_draft(link, retitled(draft, "new"))
    assert link.is_symlink()
    assert load_draft(target).title == "new"


def _failing(real, exc: OSError, when=lambda *args: True):
    def fake(*args, **kwargs):
        if when(*args):
            raise exc
        return real(*args, **kwargs)

    return fake


@pytest.mark.parametrize("step", ["write", "fsync", "link", "replace"])
def test_a_full_disk_at_any_step_leaves_the_old_file_whole(tmp_path, draft, monkeypatch, step):
    path = tmp_path / "a.contract"
    save_draft(path, draft)
    save_draft(path, draft)  # so there is a .bak too
    before = {name: (tmp_path / name).read_bytes() for name in folder_names(tmp_path)}
    full = OSError(errno.ENOSPC, "No space left on device")
    monkeypatch.setattr(os, step, _failing(getattr(os, step), full))
    with pytest.raises(DraftFileError) as exc:
        save_draft(path, retitled(draft, "new"))
    monkeypatch.undo()
    assert_one_sentence(exc, path, "the disk is full")
    assert {name: (tmp_path / name).read_bytes() for name in folder_names(tmp_path)} == before


def test_a_read_only_folder_is_named_as_such(tmp_path, draft, monkeypatch):
    # Tests may run as root, who can write anywhere: simulate the refusal.
    path = tmp_path / "a.contract"
    save_draft(path, draft)
    denied = PermissionError(errno.EACCES, "Permission denied")
    monkeypatch.setattr(os, "open", _failing(os.open, denied, lambda p, *a: ".tmp-" in str(p)))
    with pytest.raises(DraftFileError) as exc:
        save_draft(path, retitled(draft, "new"))
    monkeypatch.undo()
    assert_one_sentence(exc, path, "cannot be written: the folder is read-only")
    assert load_draft(path) == draft
    assert folder_names(tmp_path) == {"a.contract"}


def test_a_read_only_file_is_not_replaced(tmp_path, draft):
    path = tmp_path / "a.contract"
    save_draft(path, draft)
    path.chmod(0o444)
    with pytest.raises(DraftFileError) as exc:
        save_draft(path, retitled(draft, "new"))
    assert_one_sentence(exc, path, "the file is read-only")
    assert load_draft(path) == draft
    assert folder_names(tmp_path) == {"a.contract"}


def test_a_file_locked_by_another_program_is_named_as_such(tmp_path, draft, monkeypatch):
    path = tmp_path / "a.contract"
    save_draft(path, draft)
    locked = PermissionError(errno.EACCES, "The process cannot access the file")
    locked.winerror = 32  # what Windows reports while Word or a backup tool holds the file
    monkeypatch.setattr(os, "replace", _failing(os.replace, locked))
    with pytest.raises(DraftFileError) as exc:
        save_draft(path, retitled(draft, "new"))
    monkeypatch.undo()
    assert_one_sentence(exc, path, "open in another program")
    assert load_draft(path) == draft


def test_a_folder_or_a_missing_folder_is_refused_clearly(tmp_path, draft):
    with pytest.raises(DraftFileError) as exc:
        save_draft(tmp_path, draft)
    assert_one_sentence(exc, tmp_path, "it is a folder")
    missing = tmp_path / "no such folder" / "a.contract"
    with pytest.raises(DraftFileError) as exc:
        save_draft(missing, draft)
    assert_one_sentence(exc, missing, "does not exist")


def test_stale_temp_files_are_cleaned_by_the_next_save(tmp_path, draft):
    path = tmp_path / "a.contract"
    old = tmp_path / ".a.contract.tmp-123-deadbeef"
    fresh = tmp_path / ".a.contract.tmp-456-cafebabe"  # maybe another window saving now
    other = tmp_path / ".b.contract.tmp-123-deadbeef"
    for leftover in (old, fresh, other):
        leftover.write_bytes(b'{"format": "contract-ed')
    an_hour_ago = time.time() - 3600
    for leftover in (old, other):
        os.utime(leftover, (an_hour_ago, an_hour_ago))
    save_draft(path, draft)
    assert folder_names(tmp_path) == {"a.contract", fresh.name, other.name}


# -- opening ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("content", "words"),
    [
        (b"", "not valid JSON"),
        (b'{"format": "contract-editor/draft", "version": 1, "title": "x', "not valid JSON"),
        (b'{"format": "contract-editor/draft", "version": 7}', "newer version of the app"),
        (b'{"name": "my-package", "version": "1.0.0"}', "not a contract draft"),
        (b"[1, 2, 3]", "not a contract draft"),
        (b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4, "not UTF-8"),  # a picture
        (b"PK\x03\x04\x14\x00\x06\x00\x08\x00\x00\x00!\x00", "damaged"),  # a .docx
        ('{"title": "合同"}'.encode("gb18030"), "not UTF-8"),
        (b'{"format": "contract-editor/draft", "version": ' + b"1" * 5000 + b"}", "damaged"),
    ],
    ids=["empty", "truncated", "newer", "other-json", "list", "png", "docx", "gbk", "long-int"],
)
def test_a_bad_file_gets_one_clear_sentence(tmp_path, content, words):
    path = tmp_path / "bad.contract"
    path.write_bytes(content)
    with pytest.raises(DraftFileError) as exc:
        load_draft(path)
    assert_one_sentence(exc, path, "cannot be opened", words)


def test_a_truncated_real_draft_is_refused(tmp_path, draft):
    path = tmp_path / "a.contract"
    path.write_bytes(dumps(draft)[:-100])
    with pytest.raises(DraftFileError) as exc:
        load_draft(path)
    assert_one_sentence(exc, path, "damaged")


def test_missing_folder_and_unreadable_files_are_named(tmp_path, monkeypatch):
    missing = tmp_path / "gone.contract"
    with pytest.raises(DraftFileError) as exc:
        load_draft(missing)
    assert_one_sentence(exc, missing, "does not exist")
    with pytest.raises(DraftFileError) as exc:
        load_draft(tmp_path)
    assert_one_sentence(exc, tmp_path, "it is a folder")
    path = tmp_path / "secret.contract"
    path.write_bytes(b"{}")
    denied = PermissionError(errno.EACCES, "Permission denied")
    monkeypatch.setattr(Path, "read_bytes", _failing(Path.read_bytes, denied))
    with pytest.raises(DraftFileError) as exc:
        load_draft(path)
    assert_one_sentence(exc, path, "permission")


def test_a_huge_file_is_refused_before_reading(tmp_path, monkeypatch):
    monkeypatch.setattr(files, "MAX_DRAFT_BYTES", 1000)
    path = tmp_path / "huge.contract"
    path.write_bytes(b" " * 2000)
    with pytest.raises(DraftFileError) as exc:
        load_draft(path)
    assert_one_sentence(exc, path, "too big")


@pytest.fixture(scope="module")
def small_file(seed_drafts) -> bytes:
    """A few articles with blanks and references: mutations hit structure, not just prose."""
    draft = copy.deepcopy(seed_drafts[0])
    draft.parts = draft.parts[:2]
    for part in draft.parts:
        part.articles = part.articles[:3]
    return dumps(draft)


_edits = st.one_of(
    st.tuples(st.just("truncate"), st.integers(0, 10**6), st.just(b"")),
    st.tuples(st.just("replace"), st.integers(0, 10**6), st.binary(min_size=1, max_size=8)),
    st.tuples(st.just("insert"), st.integers(0, 10**6), st.binary(min_size=1, max_size=8)),
    st.tuples(st.just("delete"), st.integers(0, 10**6), st.binary(min_size=1, max_size=40)),
)


def _mutate(data: bytes, edits) -> bytes:
    for kind, at, payload in edits:
        at = at % (len(data) + 1)
        if kind == "truncate":
            data = data[:at]
        elif kind == "replace":
            data = data[:at] + payload + data[at + len(payload) :]
        elif kind == "insert":
            data = data[:at] + payload + data[at:]
        else:
            data = data[:at] + data[at + len(payload) :]
    return data


@settings(
    max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(edits=st.lists(_edits, min_size=1, max_size=4))
def test_a_mutated_file_opens_or_fails_with_draft_file_error(tmp_path, small_file, edits):
    path = tmp_path / "mutated.contract"
    path.write_bytes(_mutate(small_file, edits))
    try:
        assert isinstance(load_draft(path), Draft)
    except DraftFileError as exc:
        assert "\n" not in str(exc)


# -- the kill test ----------------------------------------------------------------------------

_CHILD = """
import sys
from pathlib import Path
from app.model.files import load_draft, save_draft

path = Path(sys.argv[1])
draft = load_draft(path)
base, _, count = draft.title.rpartition(" #")
count = int(count)
print("saving", flush=True)
while True:
    count += 1
    draft.title = f"{base} #{count}"
    save_draft(path, draft)
"""


def test_killing_a_save_at_random_moments_never_loses_the_file(tmp_path, draft):
    """A child saves new versions in a tight loop; we kill it 40 times at random moments.

    After every kill the file opens and is a complete version no older than before.
    Temp files of killed saves may stay behind; they are cleaned once a minute old.
    """
    path = tmp_path / "killed.contract"
    save_draft(path, retitled(draft, "Kill test #0"))
    seed = random.randrange(2**32)
    rng = random.Random(seed)
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")]),
    }
    last = 0
    for kill in range(40):
        child = subprocess.Popen(
            [sys.executable, "-c", _CHILD, str(path)],
            cwd=ROOT,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        try:
            assert child.stdout.readline() == b"saving\n", child.stderr.read().decode()
            time.sleep(rng.uniform(0, 0.05))
        finally:
            child.kill()
            child.communicate()
        context = f"kill {kill}, random seed {seed}"
        loaded = load_draft(path)  # raises if missing or damaged
        base, _, count = loaded.title.rpartition(" #")
        assert base == "Kill test", context
        assert int(count) >= last, context
        last = int(count)
        assert loaded == retitled(draft, loaded.title), context
        newest = list_versions(path)[-1].number  # the history survives every kill, readable
        assert load_draft_bytes(version_bytes(path, newest)).title.startswith("Kill test #")
        backup = path.with_name(path.name + ".bak")
        if backup.exists():
            assert load_draft(backup).title.startswith("Kill test #"), context
    assert last > 0, "the child never finished a save: the test proved nothing"

    leftovers = folder_names(tmp_path) - {path.name, path.name + ".bak"}
    assert all(name.startswith(f".{path.name}.tmp-") for name in leftovers), leftovers
    an_hour_ago = time.time() - 3600
    for name in leftovers:
        os.utime(tmp_path / name, (an_hour_ago, an_hour_ago))
    save_draft(path, draft)
    assert folder_names(tmp_path) == {path.name, path.name + ".bak"}


def test_pasted_text_a_file_cannot_hold_is_cleaned_on_entry(tmp_path, draft):
    history = ops.History(draft)
    node = draft.parts[0].articles[0]
    history.push(ops.set_text(draft, node.id, "broken \ud800 paste\x0b with a tab\t"))
    history.push(ops.set_heading(draft, node.id, "标题\udfff"))
    history.push(ops.set_title(draft, "合同\ud83d"))
    save_draft(tmp_path / "x.contract", draft)
    loaded = load_draft(tmp_path / "x.contract")
    assert loaded == draft
    assert "\ufffd" in loaded.parts[0].articles[0].heading
