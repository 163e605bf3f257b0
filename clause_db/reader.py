"""One door for every contract file a user brings: decode it, then understand it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from clause_db.errors import InputError
from clause_db.markdown import MARKDOWN_SUFFIXES
from clause_db.messages import Msg
from clause_db.review_hints import NO_HINTS, SplitHints
from clause_db.segment import parse_text
from clause_db.tables import attach_tables, pipe_tables
from clause_db.textio import read_text_file

if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path

    from clause_db.model import Outline

# Far beyond any contract (the 98-article labour law is 35 KB); understanding takes ~1 s/MB.
MAX_TEXT_CHARS = 16 * 1024 * 1024


def read_outline(
    path: Path, on_note: Callable[[Msg], None] | None = None, hints: SplitHints = NO_HINTS
) -> Outline:
    """The outline of a contract file (plain text or Markdown, in any common encoding);
    ``hints``: a lawyer's corrections of its split (``clause_db.review_hints``).

    Bytes no encoding could read are kept as U+FFFD and told to ``on_note`` (how many, where
    the first one is), so that a lawyer never works on a silently damaged text.
    """
    if path.suffix.lower() == ".docx":
        raise InputError(f"{path}: Word (.docx) import is not available in this version.")
    text, encoding, undecodable = read_text_file(path)
    if len(text) > MAX_TEXT_CHARS:
        raise InputError(
            f"{path} holds {len(text) / 1e6:.0f} million characters, too many for one contract "
            f"file (the limit is {MAX_TEXT_CHARS // 1024 // 1024} million); split it into files "
            "of a few contracts each."
        )
    if undecodable is not None and on_note is not None:
        on_note(Msg("{0}：{1}", "{0}: {1}", path, undecodable.message))
    markdown = path.suffix.lower() in MARKDOWN_SUFFIXES
    outline = parse_text(text, encoding, markdown=markdown, hints=hints)
    if markdown:  # its pipe tables in the body are tables of their nodes, as Word's are
        attach_tables(outline, pipe_tables(outline.text))
    return outline
