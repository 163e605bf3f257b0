"""The library the app ships with: the seed contracts, installed on first run.

The install builds the library in a temporary file beside its final place and renames it
when complete, so an interrupted first run never leaves a half-filled library behind.
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

from clause_db.errors import LibraryError
from clause_db.paths import default_library_path
from clause_db.reader import read_outline
from clause_db.store import ClauseLibrary
from resources import SEED_FILES


def library_path(db: str | os.PathLike[str] | None = None) -> Path:
    """The library file to use: ``db``, or the user's own library, seeded on first use.

    A library the user names explicitly is used as it is (a new file starts empty).
    """
    if db is not None:
        return Path(db)
    path = default_library_path()
    if not path.exists():
        install_seed_library(path)
    return path


def open_library(db: str | os.PathLike[str] | None = None) -> ClauseLibrary:
    """Open the library ``library_path(db)`` names."""
    return ClauseLibrary(library_path(db))


def install_seed_library(path: Path) -> None:
    """Create the library at ``path`` holding the bundled seed contracts, atomically."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise LibraryError(
            f"Cannot create the library folder {path.parent}: {exc.strerror}."
        ) from None
    temporary = path.with_name(f"{path.name}.installing-{os.getpid()}")
    try:
        library = ClauseLibrary(temporary)
        try:
            for seed in SEED_FILES:
                library.import_outline(read_outline(seed), seed.name)
        finally:
            library.close()
        os.replace(temporary, path)
    except OSError as exc:
        raise LibraryError(
            f"Cannot install the bundled library at {path}: {exc.strerror}."
        ) from None
    finally:
        for leftover in (
            temporary,
            *(Path(f"{temporary}{s}") for s in ("-wal", "-shm", "-journal")),
        ):
            with contextlib.suppress(FileNotFoundError):
                leftover.unlink()
