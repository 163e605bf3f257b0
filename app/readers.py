"""One door for every contract file the app opens: Word documents and text files alike.

``clause_db`` reads text and must not depend on the app, so the choice between the Word
reader (``app.word``) and the text reader lives here. Word files are recognised by their
extension or, for a file saved without one, by the zip signature every .docx starts with.
Reading a file can produce notes (a Word file's tracked changes accepted and comments dropped,
a text file's undecodable bytes); they go to ``on_note``, prefixed with the file name -- the
CLI prints them on stderr so that stdout keeps only the outline or JSON, the window shows them
in its status bar.
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

from clause_db.messages import Msg
from clause_db.unsafe_chars import for_terminal

if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path

    from clause_db.model import Outline
    from clause_db.review_hints import SplitHints

_ZIP_MAGIC = b"PK\x03\x04"


def read_any(
    path: Path,
    on_note: Callable[[Msg], None] | None = None,
    hints: SplitHints | None = None,
    keep_changes: bool = False,
) -> Outline:
    """The outline of a contract file (.docx, plain text or Markdown); InputError if unusable.
    ``hints``: a lawyer's corrections of its split (``clause_db.review_hints``);
    ``keep_changes``: a Word file's tracked changes and comments kept for a draft to decide
    on (``outline.markup``), not accepted."""
    from clause_db.review_hints import NO_HINTS

    hints = NO_HINTS if hints is None else hints
    if not _is_word(path):
        from clause_db.reader import read_outline  # the segmenter: not needed to start the window

        return read_outline(path, on_note, hints)
    from app.word import read_docx_outline  # python-docx and lxml: only for Word files

    outline, notes = read_docx_outline(path, hints, keep_changes)
    for note in notes:
        if on_note is not None:
            on_note(Msg("{0}：{1}", "{0}: {1}", path, note))
    return outline


def note_to_stderr(note: Msg | str) -> None:
    """Show an import note the way the CLI shows its messages (a file name or a quoted piece of
    the document may hold terminal escape sequences: they are removed). In English."""
    print(f"contract-editor: note: {for_terminal(str(note))}", file=sys.stderr)


def _is_word(path: Path) -> bool:
    if path.suffix.lower() == ".docx":
        return True
    if path.suffix:
        return False
    try:
        with path.open("rb") as f:
            return f.read(len(_ZIP_MAGIC)) == _ZIP_MAGIC
    except OSError:
        return False  # the text reader reports the missing or unreadable file
