"""``contract-editor [--db PATH] [FILE...]`` opens the window; a command word runs headless."""

from __future__ import annotations

import pytest

from app import main as entry


@pytest.mark.parametrize(
    ("argv", "files"),
    [
        ([], []),
        (["x.contract"], ["x.contract"]),
        (["--db", "lib.sqlite", "a.txt", "b.docx"], ["a.txt", "b.docx"]),
        (["library", "stats"], None),
        (["--db", "outline", "draft", "show", "x.contract"], None),
        (["--version"], None),
    ],
)
def test_window_or_command(argv, files):
    assert entry._gui_files(argv) == files


def test_files_reach_the_window(monkeypatch):
    seen = {}
    monkeypatch.setattr(
        "app.ui.launch.launch", lambda db, argv, files: seen.update(db=db, files=files) or 0
    )
    assert entry.main(["--db", "lib.sqlite", "x.contract"]) == 0
    assert seen == {"db": "lib.sqlite", "files": ["x.contract"]}
