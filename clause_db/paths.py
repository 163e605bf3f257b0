"""Where the user's data lives when the user did not say.

``CONTRACT_EDITOR_DATA_DIR`` moves the whole data folder (portable installs, tests);
``CONTRACT_EDITOR_DB`` moves just the library file.
"""

from __future__ import annotations

import os
from pathlib import Path

from platformdirs import user_data_dir

APP_NAME = "contract-editor"
ENV_VAR = "CONTRACT_EDITOR_DB"
DATA_DIR_ENV_VAR = "CONTRACT_EDITOR_DATA_DIR"


def data_dir() -> Path:
    """The per-user folder for the library and autosaves."""
    override = os.environ.get(DATA_DIR_ENV_VAR, "").strip()
    if override:
        return Path(override).expanduser()
    return Path(user_data_dir(APP_NAME, appauthor=False))


def default_library_path() -> Path:
    """The per-user library file; ``CONTRACT_EDITOR_DB`` overrides it."""
    override = os.environ.get(ENV_VAR, "").strip()
    if override:
        return Path(override).expanduser()
    return data_dir() / "library.sqlite"
