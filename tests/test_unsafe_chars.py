"""Terminal controls and bidi controls are defused; every other character is left alone."""

from __future__ import annotations

import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from clause_db.unsafe_chars import (
    BIDI_CONTROLS,
    bidi_controls_in,
    for_terminal,
    json_for_terminal,
    strip_bidi_controls,
)


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("甲方\x1b]0;pwned\x07乙方", "甲方乙方"),  # OSC ended by BEL: the window title
        ("甲方\x1b]8;;http://evil\x1b\\链接\x1b]8;;\x1b\\", "甲方链接"),  # OSC ended by ST
        ("清屏\x1b[2J\x1b[H\x1b[1;31m红\x1b[0m", "清屏红"),  # CSI
        ("\x9b2J八位\x9d0;title\x9c", "八位"),  # 8-bit CSI and OSC
        ("\x1bP1$r\x1b\\DCS", "DCS"),  # device control string
        ("金额\x1b]0;never ended", "金额0;never ended"),  # unfinished: ESC goes, text stays
        ("1000\r9000\b\b\x7f", "10009000"),  # carriage return, backspace, DEL
        ("甲方\u202e不承担\u2066x\u2069", "甲方不承担x"),  # bidi controls
        ("第一条\t标的\n\u200f\u3000（一）€", "第一条\t标的\n\u200f\u3000（一）€"),  # kept
    ],
)
def test_for_terminal_removes_what_acts_on_the_terminal(text: str, shown: str) -> None:
    assert for_terminal(text) == shown


@given(st.text())
def test_for_terminal_output_has_no_control_but_tab_and_newline(text: str) -> None:
    shown = for_terminal(text)
    assert not [c for c in shown if (ord(c) < 0x20 and c not in "\t\n") or 0x7F <= ord(c) < 0xA0]
    assert not set(shown) & set(BIDI_CONTROLS)


@given(st.text())
def test_json_for_terminal_is_lossless_and_escapes_what_acts_on_the_terminal(text: str) -> None:
    dumped = json_for_terminal({"text": text})
    assert json.loads(dumped) == {"text": text}
    assert not [c for c in dumped if ord(c) < 0x20 and c != "\n" or 0x7F <= ord(c) < 0xA0]
    assert not set(dumped) & set(BIDI_CONTROLS + "\u2028\u2029")


def test_bidi_controls_are_named_once_each_and_stripped() -> None:
    text = "乙方\u202e付款\u202c，甲方\u202e\u2067收款\u2069"
    assert bidi_controls_in(text) == ["U+202E", "U+202C", "U+2067", "U+2069"]
    assert strip_bidi_controls(text) == "乙方付款，甲方收款"
    assert bidi_controls_in("\u200f\u200e\u061c") == []  # marks: kept, see the module
