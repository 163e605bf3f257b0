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

from app.model.draft import Comment
from app.model.markup import MARKERS, Markup, marker
from app.word.body import BodyText, Revisions
from app.word.numbering import NumberingResolver
from app.word.package import open_docx
from app.word.xml import W, attr
from clause_db.errors import InputError
from clause_db.messages import Msg
from clause_db.reader import MAX_TEXT_CHARS
from clause_db.review_hints import NO_HINTS, SplitHints
from clause_db.segment import parse_text
from clause_db.tables import CELL_SEPARATOR, attach_tables

if TYPE_CHECKING:
    from pathlib import Path

    from lxml import etree

    from clause_db.model import Outline, Table

_ENCODING = "utf-8"  # what Word writes its XML in; reported like a text file's encoding


@dataclass(frozen=True)
class DocxText:
    """The document as plain text (lines joined by "\\n") and what the reading noted."""

    text: str
    notes: tuple[Msg, ...]  # in both languages: the window shows its own
    tables: tuple[Table, ...] = ()  # the body's tables, spans into ``text``
    markup: Markup | None = None  # their tracked changes and comments, marked in ``text``


def read_docx_text(
    path: Path, keep_changes: bool = False, refuse: frozenset[int] = frozenset()
) -> DocxText:
    """The visible text of the Word document at ``path``; InputError for unreadable files.

    ``keep_changes``: their tracked changes and comments are kept (``markup``, markers in
    the text) for a draft to decide on; else the text reads as after Word's "Accept all".
    ``refuse``: whole articles they inserted or deleted (by their order) to read as
    paragraphs, not as articles (see :func:`_misread`)."""
    parts = open_docx(path)
    markup = read_comments(parts.comments) if keep_changes else None
    numbering = NumberingResolver(parts.numbering, parts.styles)
    walker = BodyText(numbering, parts.styles, markup, refuse)
    lines = walker.lines(parts.blocks)
    notes = _notes(walker.revisions) if markup is None else _kept_notes(walker.revisions, markup)
    return DocxText("\n".join(lines), notes, tuple(walker.tables), markup)


def read_docx_outline(
    path: Path, hints: SplitHints = NO_HINTS, keep_changes: bool = False
) -> tuple[Outline, tuple[Msg, ...]]:
    """The outline of the Word contract at ``path`` and the notes on how it was read;
    ``hints``: a lawyer's corrections of its split; ``keep_changes``: see read_docx_text."""
    docx = read_docx_text(path, keep_changes)
    if len(docx.text) > MAX_TEXT_CHARS:
        raise InputError(
            f"{path} holds {len(docx.text) / 1e6:.0f} million characters, too many for one "
            f"contract file (the limit is {MAX_TEXT_CHARS // 1024 // 1024} million)."
        )
    outline = parse_text(docx.text, _ENCODING, hints=hints)
    refused: frozenset[int] = frozenset()
    for _ in range(_REREADS):  # their whole articles the segmenter did not take as such
        misread = _misread(outline, docx.text, docx.markup)
        if not misread:
            break
        refused |= misread
        docx = read_docx_text(path, keep_changes, refused)
        outline = parse_text(docx.text, _ENCODING, hints=hints)
    # a table no text piece holds whole (one whose rows the segmenter took for headings)
    # stays what it is in the text: rows
    attach_tables(outline, list(docx.tables))
    outline.markup = docx.markup
    return outline, docx.notes


_REREADS = 4


def _misread(outline: Outline, text: str, markup: Markup | None) -> frozenset[int]:
    """The whole articles and clauses they inserted or deleted (by their order) that did
    not come out as one node of their own: their first line starts no article or clause,
    or that node's own text holds lines that are neither theirs nor all changes of the same
    kind. Those are read again as paragraphs: nothing of theirs is taken silently."""
    if markup is None or not markup.starts:
        return frozenset()
    lines = {start: kind for start, kind, _ in markup.lines}
    heads = {start: head for start, _, head in markup.lines if start in markup.starts}
    bad = set(heads.values())
    for doc in outline.documents:
        annexed = (a for annex in doc.annexes for p in annex.parts for a in p.articles)
        for article in (*doc.iter_articles(), *annexed):
            for node in (article, *article.iter_clauses()):
                head = heads.get(node.span[0])
                end = node.clauses[0].span[0] if node.clauses else node.span[1]
                if head is not None and _theirs(text, node.span[0], end, lines, markup):
                    bad.discard(head)
    return frozenset(bad)


def _theirs(text: str, start: int, end: int, lines: dict[int, str], markup: Markup) -> bool:
    """Whether every line of ``text[start:end]`` is a line of the whole node starting at
    ``start`` (of its kind), or a row all of whose text is changes of that kind."""
    kind, at = lines[start], start
    for line in text[start:end].split("\n"):
        if line.strip() and lines.get(at) != kind and not _all_changes(line, markup, kind):
            return False
        at += len(line) + 1
    return True


def _all_changes(line: str, markup: Markup, kind: str) -> bool:
    first = ord(marker(0))
    found = [ord(c) - first for c in line if MARKERS.match(c)]
    changes = [markup.proposals[i] for i in found if 0 <= i < len(markup.proposals)]
    rest = MARKERS.sub("", line).replace(CELL_SEPARATOR, "").strip()
    return not rest and bool(changes) and all(p.kind == kind for p in changes)


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


def _kept_notes(revisions: Revisions, markup: Markup) -> tuple[Msg, ...]:
    notes = []
    if markup.proposals:
        n = len(markup.proposals) - len(markup.merged) - revisions.renumbered
        notes.append(Msg(
            "对方的 {0} 处修订已保留为待接受/拒绝的修订",
            "{0} tracked change(s) of the other side kept to accept or reject",
            n,
        ))  # fmt: skip
    if revisions.renumbered:
        notes.append(Msg(
            "{0} 处对方对条款编号的修改已按顺序自动编号（编号随结构而定）",
            "{0} change(s) of written numbers taken: numbers follow the order of the articles",
            revisions.renumbered,
        ))  # fmt: skip
    if markup.comments:
        n = len(markup.comments)
        notes.append(Msg("已保留 {0} 条批注", _count(n, "comment", "kept"), n))
    elif revisions.comment_ids:
        n = len(revisions.comment_ids)
        notes.append(Msg("已删去 {0} 条批注", _count(n, "comment", "dropped"), n))
    return tuple(notes)


def read_comments(part: etree._Element | None) -> Markup:
    """The comments of word/comments.xml (author, date, text), indexed by Word's ids."""
    markup = Markup()
    if part is None:
        return markup
    for comment in part.iter(f"{W}comment"):
        paragraphs = ["".join(t.text or "" for t in p.iter(f"{W}t")) for p in comment.iter(f"{W}p")]
        markup.comment_ids[attr(comment, "id") or ""] = len(markup.comments)
        markup.comments.append(Comment(
            attr(comment, "author") or "", attr(comment, "date") or "", "\n".join(paragraphs)
        ))  # fmt: skip
    return markup


def _count(n: int, noun: str, verb: str) -> str:
    return f"{n} {noun}{'' if n == 1 else 's'} {verb}"
