"""A Word (.docx) contract -> the plain text the segmenter understands, plus import notes.

The text is what a reader of the document sees, one line per paragraph (see
:mod:`app.word.body` for tables and tracked changes), with Word's automatic numbers written
out (see :mod:`app.word.numbering`) so ``1.1`` or ``第一条`` stands at the start of its line as
if typed. Segmenting that text with :func:`clause_db.segment.parse_text` gives the same
``Outline`` (and the same JSON) as for a text file: every span refers to the joined text.

What the reading changed or left out is not part of the text; it is returned as *notes*
(one sentence each, e.g. "3 tracked insertions accepted") for the caller to show the user.

The document's tables stay in the text as rows (the segmenter reads them) and are also put
on the outline node whose text holds each (``clause_db.tables.attach_tables``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from app.word.body import BodyText, Revisions
from app.word.numbering import NumberingResolver
from app.word.package import open_docx
from clause_db.errors import InputError
from clause_db.messages import Msg
from clause_db.reader import MAX_TEXT_CHARS
from clause_db.review_hints import NO_HINTS, SplitHints
from clause_db.segment import parse_text
from clause_db.tables import attach_tables

if TYPE_CHECKING:
    from pathlib import Path

    from clause_db.model import Outline, Table

_ENCODING = "utf-8"  # what Word writes its XML in; reported like a text file's encoding


@dataclass(frozen=True)
class DocxText:
    """The document as plain text (lines joined by "\\n") and what the reading noted."""

    text: str
    notes: tuple[Msg, ...]  # in both languages: the window shows its own
    tables: tuple[Table, ...] = ()  # the body's tables, spans into ``text``


def read_docx_text(path: Path) -> DocxText:
    """The visible text of the Word document at ``path``; InputError for unreadable files."""
    parts = open_docx(path)
    walker = BodyText(NumberingResolver(parts.numbering, parts.styles), parts.styles)
    lines = walker.lines(parts.blocks)
    return DocxText("\n".join(lines), _notes(walker.revisions), tuple(walker.tables))


def read_docx_outline(path: Path, hints: SplitHints = NO_HINTS) -> tuple[Outline, tuple[Msg, ...]]:
    """The outline of the Word contract at ``path`` and the notes on how it was read;
    ``hints``: a lawyer's corrections of its split."""
    docx = read_docx_text(path)
    if len(docx.text) > MAX_TEXT_CHARS:
        raise InputError(
            f"{path} holds {len(docx.text) / 1e6:.0f} million characters, too many for one "
            f"contract file (the limit is {MAX_TEXT_CHARS // 1024 // 1024} million)."
        )
    outline = parse_text(docx.text, _ENCODING, hints=hints)
    # a table no text piece holds whole (one whose rows the segmenter took for headings)
    # stays what it is in the text: rows
    attach_tables(outline, list(docx.tables))
    return outline, docx.notes


def _notes(revisions: Revisions) -> tuple[Msg, ...]:
    notes = []
    changes = [
        (revisions.insertions, "已接受 {0} 处修订插入", "tracked insertion", "accepted"),
        (revisions.deletions, "已删去 {0} 处修订删除", "tracked deletion", "dropped"),
        (revisions.moves, "已应用 {0} 处修订移动", "tracked move", "applied"),
    ]
    done = [(n, zh, noun, verb) for n, zh, noun, verb in changes if n]
    if done:
        zh = "，".join(zh.format(n) for n, zh, _, _ in done)
        notes.append(Msg(zh, ", ".join(_count(n, noun, verb) for n, _, noun, verb in done)))
    if revisions.comment_ids:
        n = len(revisions.comment_ids)
        notes.append(Msg("已删去 {0} 条批注", _count(n, "comment", "dropped"), n))
    return tuple(notes)


def _count(n: int, noun: str, verb: str) -> str:
    return f"{n} {noun}{'' if n == 1 else 's'} {verb}"
