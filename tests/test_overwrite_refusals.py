"""No command overwrites a user's file silently: an export never lands on its own input or on
a file of another kind, ``draft new`` never on its source, and an existing draft is replaced
only with ``--force``, the replaced one kept as ``.bak`` — twice in a row included."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from app.cli import main_cli
from app.model.draft_lock import DraftLock
from app.model.files import load_draft
from resources import SEED_FILES

FILLED = "星河科技有限公司"


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main_cli([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


def assert_refused(code: int, err: str, *words: str) -> None:
    assert code == 2
    assert err.count("\n") == 1 and err.startswith("contract-editor: error: "), err
    for word in words:
        assert word in err, err


@pytest.fixture
def source(tmp_path: Path) -> Path:
    path = tmp_path / "src.txt"
    shutil.copyfile(SEED_FILES[0], path)
    return path


@pytest.fixture
def filled(capsys, tmp_path: Path, source: Path) -> Path:
    """A draft the lawyer has filled in: the work that must never be lost."""
    path = tmp_path / "d.contract"
    assert run(capsys, "draft", "new", "--from", source, "-o", path)[0] == 0
    code, _, err = run(capsys, "draft", "fill", path, f"甲方名称={FILLED}")
    assert code == 0, err
    return path


def fingerprint(path: Path) -> bytes:
    return path.read_bytes()


# -- export ----------------------------------------------------------------------------------


def test_export_refuses_to_overwrite_its_own_input(capsys, filled):
    before = fingerprint(filled)
    code, _, err = run(capsys, "export", filled, "-o", filled)
    assert_refused(code, err, "input file itself")
    assert fingerprint(filled) == before


@pytest.mark.parametrize("spelling", ["./{name}", "sub/../{name}", "link.docx", "hard.docx"])
def test_export_refuses_its_input_under_another_spelling(capsys, filled, monkeypatch, spelling):
    monkeypatch.chdir(filled.parent)
    (filled.parent / "sub").mkdir()
    os.symlink(filled.name, filled.parent / "link.docx")
    os.link(filled, filled.parent / "hard.docx")  # a second name of the same file
    before = fingerprint(filled)
    code, _, err = run(capsys, "export", filled, "-o", spelling.format(name=filled.name))
    assert_refused(code, err, "input file itself")
    assert fingerprint(filled) == before


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("other.contract", None),  # another draft
        ("notes.txt", "律师的笔记".encode()),  # a text file
        ("fake.docx", b"not a zip at all"),  # named .docx, but it is not one
        ("book.docx", None),  # a zip, but not a Word document (built below)
    ],
)
def test_export_refuses_to_replace_a_file_of_another_kind(capsys, filled, tmp_path, name, content):
    target = tmp_path / name
    if name == "other.contract":
        shutil.copyfile(filled, target)
    elif name == "book.docx":
        with zipfile.ZipFile(target, "w") as package:
            package.writestr("xl/workbook.xml", "<workbook/>")
    else:
        target.write_bytes(content)
    before = fingerprint(target)
    code, _, err = run(capsys, "export", filled, "-o", target)
    assert_refused(code, err, str(target), "not a Word document")
    assert fingerprint(target) == before


def test_export_replaces_an_earlier_export(capsys, filled, tmp_path):
    target = tmp_path / "out.docx"
    assert run(capsys, "export", filled, "-o", target)[0] == 0
    first = fingerprint(target)
    assert run(capsys, "draft", "fill", filled, "乙方名称=云帆客服有限公司")[0] == 0
    code, _, err = run(capsys, "export", filled, "-o", target)
    assert code == 0, err
    assert fingerprint(target) != first
    assert zipfile.is_zipfile(target)


def test_export_of_a_word_file_refuses_to_write_over_it(capsys, filled, tmp_path):
    word = tmp_path / "客户原件.docx"
    assert run(capsys, "export", filled, "-o", word)[0] == 0
    before = fingerprint(word)
    code, _, err = run(capsys, "export", word, "-o", word)
    assert_refused(code, err, "input file itself")
    assert fingerprint(word) == before


# -- draft new -------------------------------------------------------------------------------


def test_draft_new_refuses_to_write_over_its_source(capsys, source):
    before = fingerprint(source)
    code, _, err = run(capsys, "draft", "new", "--from", source, "-o", source)
    assert_refused(code, err, "input file itself")
    assert fingerprint(source) == before


def test_draft_new_refuses_to_replace_a_filled_draft_without_force(capsys, filled, source):
    before = fingerprint(filled)
    for _ in range(2):  # the "twice"
        code, _, err = run(capsys, "draft", "new", "--from", source, "-o", filled)
        assert_refused(code, err, "--force", "1 of ", "fields filled")
    assert fingerprint(filled) == before


def test_draft_new_forced_twice_keeps_the_filled_draft_in_bak(capsys, filled, source):
    bak = filled.with_name(filled.name + ".bak")
    code, _, err = run(capsys, "draft", "new", "--from", source, "-o", filled, "--force")
    assert code == 0
    assert "kept as d.contract.bak" in err
    code, _, err = run(capsys, "draft", "new", "--from", source, "-o", filled, "--force")
    assert code == 0
    assert "already holds this draft" in err  # nothing replaced: the .bak is left alone
    values = {f.value for f in load_draft(bak).fields.values()}
    assert FILLED in values
    assert FILLED not in {f.value for f in load_draft(filled).fields.values()}


def test_draft_new_refuses_to_replace_a_file_that_is_not_a_draft(capsys, tmp_path, source):
    notes = tmp_path / "notes.contract"
    notes.write_text("我的笔记，不是草稿", encoding="utf-8")
    for extra in ((), ("--force",)):
        code, _, err = run(capsys, "draft", "new", "--from", source, "-o", notes, *extra)
        assert_refused(code, err, "not a contract draft")
    assert notes.read_text(encoding="utf-8") == "我的笔记，不是草稿"


# -- drafts open in a window -----------------------------------------------------------------


@pytest.mark.parametrize(
    "argv",
    [
        ("draft", "fill", "{path}", "乙方名称=云帆"),
        ("draft", "move", "{path}", "--article", "2", "--to", "1"),
        ("draft", "delete", "{path}", "--article", "1"),
        ("draft", "new", "--from", "{source}", "-o", "{path}", "--force"),
    ],
)
def test_commands_refuse_a_draft_open_in_a_window(capsys, filled, source, argv):
    before = fingerprint(filled)
    with DraftLock.acquire(filled):  # what an open window holds
        args = [a.format(path=filled, source=source) for a in argv]
        code, _, err = run(capsys, *args)
        assert_refused(code, err, "open in another window", "close it there first")
    assert fingerprint(filled) == before
    code, _, err = run(capsys, *args)  # closed: now it works
    assert code == 0, err


def test_another_process_is_refused_while_a_window_holds_the_draft(filled):
    exe = shutil.which("contract-editor", path=str(Path(sys.executable).parent))
    assert exe, "the contract-editor script is installed with the project"
    before = fingerprint(filled)
    with DraftLock.acquire(filled):  # this process plays the window
        done = subprocess.run(
            [exe, "draft", "fill", str(filled), "乙方名称=云帆"],
            capture_output=True,
            text=True,
            timeout=120,
        )
    assert_refused(done.returncode, done.stderr, "open in another window", f"process {os.getpid()}")
    assert fingerprint(filled) == before
