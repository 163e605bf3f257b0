"""What the command line reads and prints: damaged bytes are told, terminal controls never
reach the terminal, and JSON keeps every character (escaped)."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

from app.cli import main_cli

if TYPE_CHECKING:
    from pathlib import Path

    import pytest

# A contract that tries to act on the terminal of whoever prints it: retitle the window (OSC),
# clear the screen (CSI), colour a heading, an 8-bit CSI, a carriage return hiding the start of
# a line, and a right-to-left override.
HOSTILE = (
    "服务合同\n"
    "第一条 服务内容\n"
    "乙方向甲方提供客服服务。\x1b]0;pwned\x07本条款不得修改。\x1b[2J\n"
    "第二条 \x1b[31m费用\x1b[0m\n"
    "甲方每月支付服务费【服务费用】元。\x9b6n付款期限三十日。\r甲方\u202e不承担\n"
    "第三条 保密\n"
    "双方对在合作过程中知悉的对方商业秘密负有保密义务，未经对方书面同意不得向任何第三方披露，"
    "本条规定在合同终止后继续有效。\n"
    "第四条 争议解决\n"
    "因本合同引起的争议，双方应友好协商解决；协商不成的，任何一方可向甲方所在地人民法院起诉。\n"
)
UNSAFE = ("\x1b", "\x07", "\x9b", "\r", "\u202e")


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main_cli(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def hostile_file(tmp_path: Path) -> Path:
    path = tmp_path / "hostile.txt"
    path.write_bytes(HOSTILE.encode())  # written as bytes: CR kept as the file has it
    return path


def assert_safe(out: str) -> None:
    assert not [c for c in UNSAFE if c in out], repr(out)


def test_outline_prints_no_terminal_controls(capsys, tmp_path):
    code, out, _ = run(capsys, "outline", str(hostile_file(tmp_path)))
    assert code == 0
    assert_safe(out)
    assert "第二条 费用" in out


def test_library_search_prints_no_terminal_controls(capsys, tmp_path):
    db = str(tmp_path / "library.sqlite")
    assert run(capsys, "library", "import", str(hostile_file(tmp_path)), "--db", db)[0] == 0
    code, out, _ = run(capsys, "library", "search", "本条款", "--db", db)
    assert code == 0
    assert_safe(out)
    assert "提供客服服务。" in out and "pwned" not in out  # the OSC goes whole, title and all
    code, out, _ = run(capsys, "library", "search", "付款期限", "--db", db)
    assert_safe(out)
    assert "⟦付款期限⟧三十日" in out


def test_draft_show_prints_no_terminal_controls_and_json_keeps_them_escaped(capsys, tmp_path):
    draft = str(tmp_path / "d.contract")
    assert run(capsys, "draft", "new", "--from", str(hostile_file(tmp_path)), "-o", draft)[0] == 0
    assert run(capsys, "draft", "fill", draft, "服务费用=\x1b[8m1000\r9000")[0] == 0
    code, out, _ = run(capsys, "draft", "show", draft)
    assert code == 0
    assert_safe(out)
    assert "本条款不得修改。" in out and "甲方不承担" in out and "服务费10009000元" in out
    code, out, _ = run(capsys, "draft", "show", draft, "--json")
    assert code == 0
    assert_safe(out)
    first, second = json.loads(out)["parts"][0]["articles"][:2]  # lossless: escaped, not lost
    assert "\x1b]0;pwned\x07" in first["text"] and "\u202e不承担" in second["text"]
    assert "\x1b[8m1000\r9000" in second["text"]


def test_an_error_quoting_the_user_input_prints_no_terminal_controls(capsys, tmp_path):
    draft = str(tmp_path / "d.contract")
    run(capsys, "draft", "new", "--from", str(hostile_file(tmp_path)), "-o", draft)
    code, _, err = run(capsys, "draft", "fill", draft, "\x1b]0;pwned\x07名称=1")
    assert code == 2
    assert_safe(err)
    assert len(err.strip().splitlines()) == 1 and "no field “名称”" in err


def test_undecodable_bytes_are_one_note_on_stderr_and_the_command_succeeds(capsys, tmp_path):
    path = tmp_path / "damaged.txt"
    path.write_bytes("第一条 标的\r\n甲方向".encode() + b"\xff\xfe" + "乙方采购。\r\n".encode())
    for argv in (["outline", str(path)], ["library", "import", str(path)]):
        code, out, err = run(capsys, "--db", str(tmp_path / "lib.sqlite"), *argv)
        assert code == 0 and out
        assert err.splitlines() == [
            f"contract-editor: note: {path}: 2 undecodable bytes replaced by U+FFFD; "
            "the first at line 2, column 4 (byte 27 of the file)"
        ]


def test_big5_contract_outline_is_read_as_big5(capsys, tmp_path):
    path = tmp_path / "big5.txt"
    text = "採購合約\r\n一、標的\r\n甲方向乙方採購設備，價款新臺幣壹萬元整。\r\n二、交付\r\n"
    path.write_bytes(text.encode("big5"))
    code, out, err = run(capsys, "outline", str(path), "--json")
    assert (code, err) == (0, "")
    data = json.loads(out)
    assert data["encoding"] == "cp950"
    assert [a["heading"] for a in data["documents"][0]["parts"][0]["articles"]] == ["標的", "交付"]
    db = str(tmp_path / "library.sqlite")
    assert run(capsys, "library", "import", str(path), "--db", db)[0] == 0
    code, out, err = run(capsys, "library", "search", "新臺幣", "--db", db)
    assert (code, err) == (0, "") and "價款⟦新臺幣⟧壹萬元整" in out


def test_a_file_name_with_escape_sequences_is_printed_defused(capsys, tmp_path):
    """Notes and errors name the file: a name can carry ESC too (any byte but / and NUL)."""
    path = tmp_path / "合同\x1b]0;pwned\x07\x1b[2J.txt"
    path.write_bytes("第一条 标的\n甲方".encode() + b"\xff" + "乙方\n".encode())
    code, out, err = run(capsys, "outline", str(path))
    assert code == 0
    assert_safe(out + err)
    assert err.startswith("contract-editor: note: ") and "1 undecodable byte " in err
    code, out, err = run(capsys, "outline", str(tmp_path / "缺失\x1b[2J.txt"))
    assert code == 2
    assert_safe(err)
    assert err.count("\n") == 1 and "缺失.txt does not exist" in err
