"""The core runs where Qt is absent: the library, the draft model, Word and every command.

import-linter (pyproject.toml) checks the imports as written; this runs them, in a fresh
interpreter where importing PySide6 fails, so an import hidden in a function body that only
runs on some path is caught too.
"""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

from resources import SEED_FILES

ROOT = Path(__file__).resolve().parent.parent

SCRIPT = textwrap.dedent(
    """
    import importlib, pkgutil, sys
    from pathlib import Path

    class NoQt:
        def find_spec(self, name, path=None, target=None):
            if name.split(".")[0] in ("PySide6", "shiboken6"):
                raise ImportError(f"{name} is absent in this test")
            return None

    sys.meta_path.insert(0, NoQt())
    import app.model, app.word, clause_db

    for package in (clause_db, app.model, app.word):
        for info in pkgutil.walk_packages(package.__path__, package.__name__ + "."):
            importlib.import_module(info.name)
    from app.cli import main_cli

    seed, out = Path(sys.argv[1]), Path(sys.argv[2])
    db = str(out / "lib.sqlite")
    steps = [
        ["outline", str(seed), "--json"],
        ["library", "import", str(seed), "--db", db],
        ["library", "search", "保密", "--db", db],
        ["draft", "new", "--from", str(seed), "-o", str(out / "d.contract")],
        ["draft", "show", str(out / "d.contract")],
        ["export", str(out / "d.contract"), "-o", str(out / "d.docx")],
        ["compare", str(seed), str(out / "d.contract"), "-o", str(out / "r.docx")],
    ]
    for argv in steps:
        code = main_cli(argv)
        assert code == 0, (argv, code)
    assert (out / "d.docx").stat().st_size > 0
    qt = sorted(m for m in sys.modules if m.split(".")[0] in ("PySide6", "shiboken6"))
    assert not qt, qt
    print("core ran without Qt")
    """
)


def test_the_core_and_every_command_run_with_pyside6_absent(tmp_path: Path) -> None:
    env = {**os.environ, "CONTRACT_EDITOR_DATA_DIR": str(tmp_path / "data")}
    env.pop("CONTRACT_EDITOR_DB", None)
    result = subprocess.run(
        [sys.executable, "-c", SCRIPT, str(SEED_FILES[0]), str(tmp_path)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert "core ran without Qt" in result.stdout


def test_the_import_layers_hold() -> None:
    """The same contracts CI checks, so a plain ``uv run pytest`` catches a broken layer too."""
    lint = Path(sys.executable).with_name("lint-imports")
    result = subprocess.run([str(lint)], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout[-3000:]
    assert "0 broken" in result.stdout
