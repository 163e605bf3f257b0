"""``contract-editor check FILE [--json] [--lang zh|en]`` (issue 14): one JSON object with
every finding's kind, severity, message, place as the draft numbers it and fix, exit code 0
whatever it finds; a file it cannot read is one line on stderr and exit code 2."""

from __future__ import annotations

import json
import subprocess
import sys
from typing import TYPE_CHECKING

from app.cli import draft_of_file, main_cli
from app.model import ops
from app.model.checks import run_checks
from app.model.checks.fixes import ignore
from app.model.files import save_draft
from app.word.export import ExportOptions, export_draft
from tests.conftest import CORPUS

if TYPE_CHECKING:
    from pathlib import Path

KEYS = ["kind", "severity", "message", "article", "clause", "fix"]
CONTRACT = """服务合同

第一条 服务内容
1.1 乙方为甲方提供客服服务,每天8小时。
1.2 服务期限为一年。
第二条 费用
甲方应按月支付服务费用。
"""


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main_cli(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def findings_of(out: str) -> list[dict]:
    data = json.loads(out)
    assert list(data) == ["findings"]
    for f in data["findings"]:
        assert list(f) == KEYS
        assert f["severity"] in ("error", "warning", "info")
        assert all(isinstance(f[k], str) for k in ("kind", "message"))
    return data["findings"]


def typography(findings: list[dict]) -> list[dict]:
    return [f for f in findings if f["kind"] == "half_width_punct"]


def test_a_text_file_in_its_language_and_in_english(tmp_path: Path, capsys) -> None:
    source = tmp_path / "服务合同.txt"
    source.write_text(CONTRACT, encoding="utf-8")
    code, out, err = run(capsys, "check", str(source), "--json")
    assert code == 0 and err == ""
    assert typography(findings_of(out)) == [
        {"kind": "half_width_punct", "severity": "info",
         "message": "第一条 1.1的中文语句中有1处半角标点（,），如“服服务,每天8”",
         "article": "第一条", "clause": "1.1",
         "fix": "改为全角标点（1处）"}
    ]  # fmt: skip
    code, out, _ = run(capsys, "check", str(source), "--json", "--lang", "en")
    assert code == 0
    [found] = typography(findings_of(out))
    assert found["message"] == (
        "第一条 1.1: 1 half-width punctuation mark (,) in Chinese text, as in “服服务,每天8”"
    )
    assert found["fix"] == "Use full-width punctuation (1)"
    every = findings_of(out)
    assert len(every) == len(run_checks(draft_of_file(source)))


def test_a_word_file_gives_the_places_as_numbered(tmp_path: Path, capsys) -> None:
    source = tmp_path / "服务合同.txt"
    source.write_text(CONTRACT.replace("一年。", "一年;到期后续签。"), encoding="utf-8")
    word = tmp_path / "服务合同.docx"
    export_draft(draft_of_file(source), word, ExportOptions())
    code, out, _ = run(capsys, "check", str(word), "--json")
    assert code == 0
    found = typography(findings_of(out))
    assert [(f["article"], f["clause"], f["fix"]) for f in found] == [
        ("第一条", "1.1", "改为全角标点（1处）"), ("第一条", "1.2", "改为全角标点（1处）")
    ]  # fmt: skip


def test_a_draft_leaves_out_what_the_lawyer_ignored_and_says_how_many(
    tmp_path: Path, capsys
) -> None:
    source = tmp_path / "服务合同.txt"
    source.write_text(CONTRACT, encoding="utf-8")
    draft = draft_of_file(source)
    [punct] = [f for f in run_checks(draft) if f.kind == "half_width_punct"]
    ops.History(draft).push(ignore(draft, punct, "客户原文"))
    path = tmp_path / "服务合同.contract"
    save_draft(path, draft)
    code, out, err = run(capsys, "check", str(path), "--json")
    assert code == 0
    assert not typography(findings_of(out))
    assert err.strip() == "contract-editor: note: 1 ignored finding(s) left out"


def test_the_readable_list_names_severity_place_and_message(tmp_path: Path, capsys) -> None:
    source = tmp_path / "服务合同.txt"
    source.write_text(CONTRACT, encoding="utf-8")
    code, out, _ = run(capsys, "check", str(source))
    assert code == 0
    lines = out.splitlines()
    assert "info    第一条 1.1  第一条 1.1的中文语句中有1处半角标点（,），如“服服务,每天8”" in lines
    assert lines[-1] == f"{len(lines) - 1} finding(s)"


def test_an_english_contract_speaks_english(capsys) -> None:
    code, out, _ = run(capsys, "check", str(CORPUS / "en_commonpaper_mutual_nda.md"), "--json")
    assert code == 0
    found = findings_of(out)
    assert found and all(f["message"].isascii() or "“" in f["message"] for f in found)
    assert not [f for f in found if f["kind"] in ("half_width_punct", "stray_space")]


def test_unreadable_input_is_one_line_and_exit_code_2(tmp_path: Path, capsys) -> None:
    broken = tmp_path / "坏.docx"
    broken.write_bytes(b"not a zip")
    for path in (tmp_path / "missing.txt", broken):
        code, out, err = run(capsys, "check", str(path), "--json")
        assert code == 2 and out == ""
        assert len(err.strip().splitlines()) == 1 and "Traceback" not in err


def test_the_installed_command_runs_headless(tmp_path: Path) -> None:
    source = tmp_path / "c.txt"
    source.write_text(CONTRACT, encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "app.main", "check", str(source), "--json"],
        capture_output=True, text=True, encoding="utf-8", timeout=120,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert typography(findings_of(done.stdout))[0]["clause"] == "1.1"
