"""Every test runs headless and never touches the real user's data, settings or library."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings

os.environ["QT_QPA_PLATFORM"] = "offscreen"

FIXTURES = Path(__file__).parent / "fixtures"
CORPUS = FIXTURES / "corpus"


@pytest.fixture(autouse=True)
def isolated_user_dirs(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch):
    """Point the data, config and cache dirs (and the library) at a fresh temporary home."""
    home = tmp_path_factory.mktemp("home")
    for var in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME"):
        monkeypatch.setenv(var, str(home / var.lower()))
    monkeypatch.setenv("CONTRACT_EDITOR_DATA_DIR", str(home / "data"))
    monkeypatch.delenv("CONTRACT_EDITOR_DB", raising=False)
    # Qt reads XDG_CONFIG_HOME for settings once per process: each test names its own folder
    QSettings.setPath(
        QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(home / "xdg_config_home")
    )
    # Opening or importing a file shows the review of its split, a modal dialog: only the
    # tests of that dialog (tests/test_ui_split_review.py) turn it on.
    from app.ui.settings import app_settings
    from app.ui.split_review import REVIEW_SETTING

    app_settings().setValue(REVIEW_SETTING, False)
    return home


@pytest.fixture(scope="session")
def seed_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The seed library, built once a run; tests take copies (building takes most of a second)."""
    from clause_db.bundled import install_seed_library

    path = tmp_path_factory.mktemp("seed") / "lib.sqlite"
    install_seed_library(path)
    return path


@pytest.fixture
def library_path(tmp_path: Path, seed_template: Path) -> Path:
    """A fresh copy of the seed library, the test's own to change."""
    path = tmp_path / "lib.sqlite"
    path.write_bytes(seed_template.read_bytes())
    return path


def make_window(qtbot, library_path: Path):
    """The real main window on ``library_path``, shown and active; closing it discards
    unsaved drafts instead of asking (a modal box would wait for ever)."""
    from PySide6.QtWidgets import QMessageBox

    from app.ui.main_window import MainWindow

    w = MainWindow(library_path)
    w.ask_save = lambda document: QMessageBox.StandardButton.Discard
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    w.activateWindow()
    qtbot.waitActive(w)
    return w


@pytest.fixture
def window(qtbot, library_path: Path):
    """``make_window`` on a fresh copy of the seed library."""
    return make_window(qtbot, library_path)


@pytest.fixture
def draft_path(tmp_path: Path) -> Path:
    """The third seed contract saved as a draft file (articles with clauses, fields, references)."""
    from app.model.files import save_draft
    from app.model.importer import draft_from_document
    from clause_db.reader import read_outline
    from resources import SEED_FILES

    outline = read_outline(SEED_FILES[0])
    path = tmp_path / "协议.contract"
    save_draft(path, draft_from_document(outline.documents[2], outline.text, "seed"))
    return path
