"""Errors the user sees: each carries one clear sentence, shown without a traceback."""


class ClauseDbError(Exception):
    """Base of every error meant for the user rather than the developer."""


class InputError(ClauseDbError):
    """A file we were asked to read is not contract text we can use."""


class LibraryError(ClauseDbError):
    """The clause library file cannot be opened, created or written."""
