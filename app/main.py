"""Entry point of ``contract-editor``: headless commands, or the editor window without one."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Sequence
    from pathlib import Path

    from app.model.draft import Draft

COMMANDS = {"outline", "library", "draft", "export", "compare", "versions", "check"}


def _gui_files(argv: list[str]) -> list[str] | None:
    """The files to open when the arguments ask for the window, else None (a command)."""
    positional, skip = [], False
    for arg in argv:
        if skip:
            skip = False
        elif arg == "--db":
            skip = True
        elif not arg.startswith("-"):
            positional.append(arg)
    if positional and positional[0] in COMMANDS:
        return None
    if any(a in ("-h", "--help", "--version") for a in argv):
        return None
    return positional


def _write_pdf(draft: Draft, path: Path, highlight: bool = True) -> None:
    """``export -o X.pdf``: Qt's PDF writer, loaded only when a PDF is asked for."""
    from app.pdf.writer import write_pdf

    write_pdf(draft, path, highlight)


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv[:1] == ["--smoke-test"]:  # the installed or frozen app checks itself, then quits
        from app.smoke import run_smoke_test

        return run_smoke_test(argv[1:])
    files = _gui_files(argv)
    if files is None:
        from app.cli import main_cli  # the commands' imports would slow the window's start

        return main_cli(argv, _write_pdf)
    db = next((argv[i + 1] for i, a in enumerate(argv[:-1]) if a == "--db"), None)
    db = db or next((a.split("=", 1)[1] for a in argv if a.startswith("--db=")), None)
    from app.ui.launch import launch  # Qt is loaded only for the window

    return launch(db, [a for a in argv if a not in files], files)


if __name__ == "__main__":
    sys.exit(main())
