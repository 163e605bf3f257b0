"""The library the app ships with: the seed contracts, installed on first run.

The install builds the library in a temporary file beside its final place and renames it
when complete, so an interrupted first run never leaves a half-filled library behind.
A damaged library is rebuilt the same way, once set aside under a name of its own (never
deleted: what SQLite can still read of it is the lawyer's).
"""

from __future__ import annotations

import contextlib
import os
from datetime import datetime
from pathlib import Path

from clause_db.errors import LibraryError
from clause_db.library_file import sidecar
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


_LIBRARY_FILES = ("", "-wal", "-shm")  # a library with its log: they move together


def set_aside_path(path: Path) -> Path:
    """Where the damaged library ``path`` is kept: beside it, dated, over no other file."""
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    for n in range(1, 1000):
        name = f"{path.stem}.damaged-{stamp}{f'-{n}' if n > 1 else ''}{path.suffix}"
        aside = path.with_name(name)
        if not any(sidecar(aside, s).exists() for s in _LIBRARY_FILES):
            return aside
    raise LibraryError(f"Cannot find a free name beside {path} to keep the damaged library.")


def rebuild_library(path: Path, aside: Path, *, seeded: bool) -> None:
    """Move the damaged library ``path`` (closed everywhere) with its log to ``aside`` and
    make a fresh one at ``path``: the bundled seed contracts when ``seeded`` (the user's own
    library), else empty, as a new library the user names starts."""
    moved: list[str] = []
    try:
        for suffix in _LIBRARY_FILES:
            if sidecar(path, suffix).exists():
                os.replace(sidecar(path, suffix), sidecar(aside, suffix))
                moved.append(suffix)
    except OSError as exc:
        for suffix in reversed(moved):  # never a library without its log, nor a log alone
            os.replace(sidecar(aside, suffix), sidecar(path, suffix))
        raise LibraryError(
            f"Cannot move the damaged library {path} aside: {exc.strerror}."
        ) from None
    if seeded:
        install_seed_library(path)
    else:
        ClauseLibrary(path).close()
