"""One door for every contract file a user brings: decode it, then understand it."""

from __future__ import annotations

from pathlib import Path

from clause_db.errors import InputError
from clause_db.model import Outline
from clause_db.segment import parse_text
from clause_db.textio import read_text_file

TEXT_SUFFIXES = {".txt", ".md", ".markdown", ".text", ""}


def read_outline(path: Path) -> Outline:
    """The outline of a contract file (plain text or Markdown, in any common encoding)."""
    if path.suffix.lower() == ".docx":
        raise InputError(f"{path}: Word (.docx) import is not available in this version.")
    text, encoding = read_text_file(path)
    return parse_text(text, encoding)
