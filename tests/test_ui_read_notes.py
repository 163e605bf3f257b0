"""The window tells what reading a file could not keep (undecodable bytes), in its status
bar, when it opens the file as a draft and when it imports it into the library."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from app.ui.main_window import MainWindow

if TYPE_CHECKING:
    from pathlib import Path

# A GBK contract with two bytes no encoding can read at line 3 (of the text as read).
DAMAGED = (
    "补充协议\r\n第一条 标的\r\n甲方向".encode("gbk")
    + b"\xff\xff"
    + "乙方采购设备。\r\n第二条 保密\r\n双方应保密。\r\n".encode("gbk")
)


@pytest.fixture
def window(qtbot, library_path: Path) -> MainWindow:
    w = MainWindow(library_path)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    return w


@pytest.fixture
def damaged(tmp_path: Path) -> Path:
    path = tmp_path / "补充协议.txt"
    path.write_bytes(DAMAGED)
    return path


def test_opening_a_file_with_undecodable_bytes_says_so_in_the_status_bar(window, damaged):
    document = window.open_path(damaged)
    assert document is not None and window.tabs.count() == 1
    message = window.statusBar().currentMessage()
    assert f"{damaged}: 2 undecodable bytes replaced by U+FFFD" in message
    assert "line 3, column 4" in message
    assert "甲方向\ufffd\ufffd乙方采购设备。" in document.draft.parts[0].articles[0].body[0]


def test_a_clean_file_opens_without_a_note(window, tmp_path):
    path = tmp_path / "clean.txt"
    path.write_bytes(DAMAGED.replace(b"\xff\xff", b""))
    assert window.open_path(path) is not None
    assert window.statusBar().currentMessage() == ""


def test_importing_a_file_with_undecodable_bytes_says_so_in_the_status_bar(window, damaged):
    assert window.import_file_into_library(damaged)
    message = window.statusBar().currentMessage()
    assert message.startswith(f"Imported {damaged.name} ")
    assert "2 undecodable bytes" in message and "line 3, column 4" in message
