"""Errors the user sees: each carries one clear sentence, shown without a traceback."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import os

    from .messages import Msg


class ClauseDbError(Exception):
    """Base of every error meant for the user rather than the developer.

    ``message`` is the sentence: a ``Msg`` (both languages: the window shows its own) or a
    text; ``str()`` is the English the command line prints.
    """

    def __init__(self, message: Msg | str = "") -> None:
        super().__init__(str(message))
        self.message = message


class InputError(ClauseDbError):
    """A file we were asked to read is not contract text we can use."""


class LibraryError(ClauseDbError):
    """The clause library file cannot be opened, created or written."""


class LibraryDamagedError(LibraryError):
    """The library file is ours but SQLite finds it damaged; it is never written to.

    ``path`` says which file, so the window can offer to set it aside and rebuild.
    """

    def __init__(self, message: Msg | str, path: os.PathLike[str] | str) -> None:
        super().__init__(message)
        self.path = Path(path)
