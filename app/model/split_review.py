"""Reviewing a recovered split before it goes in: corrections at a place, remembered per file.

Why: the segmenter guesses the outline of a file nobody here has seen; the lawyer who reviews
it knows better. This module turns the review dialog's actions at the caret or selection
into :class:`~clause_db.review_hints.Correction` data, keeps them per source file by content
hash (sha256 of the file's bytes) in a JSON store in a folder the caller chooses, and applies
a lawyer's marked fields to the draft made from the corrected outline. Qt-free: the dialog
(``app.ui.split_review``) only translates clicks into these calls.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from typing import TYPE_CHECKING

from clause_db.messages import Msg
from clause_db.review_hints import KEEPABLE, Correction, SplitHints, marked_label

from .draft import Blank, Field
from .files import write_atomically

if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path

    from clause_db.model import Article, Clause, Document, Outline, Piece, Span

    from .draft import Draft, Segment

STORE_NAME = "split-corrections.json"
_VERSION = 1


def content_hash(path: Path) -> str:
    """The key of a file's corrections: the same bytes get the same corrections."""
    digest = hashlib.sha256()
    with path.open("rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


class CorrectionStore:
    """Corrections by content hash, in ``folder``/split-corrections.json.

    A damaged store is ignored (and replaced by the next save) with a note in ``notes``:
    losing remembered corrections must never stop an import.
    """

    def __init__(self, folder: Path) -> None:
        self.path = folder / STORE_NAME
        self.notes: list[Msg] = []
        self._files: dict[str, dict] = self._load()

    def _load(self) -> dict[str, dict]:
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return {}
        except (OSError, ValueError) as exc:
            return self._damaged(exc)
        files = data.get("files") if isinstance(data, dict) else None
        if not isinstance(files, dict) or not all(isinstance(v, dict) for v in files.values()):
            return self._damaged("no file list")
        return files

    def _damaged(self, why: object) -> dict[str, dict]:
        self.notes.append(
            Msg(
                "记住的拆分更正无法读取（{0}：{1}），本次不套用。",
                "The remembered split corrections could not be read ({0}: {1}); none applied.",
                self.path,
                why,
            )
        )
        return {}

    def corrections(self, key: str) -> list[Correction]:
        """The corrections remembered for the file with hash ``key`` (damaged ones dropped)."""
        entry = self._files.get(key, {})
        out = []
        for item in entry.get("corrections", []) if isinstance(entry, dict) else []:
            try:
                out.append(Correction.from_json(item))
            except ValueError:
                continue
        return out

    def hints(self, key: str) -> SplitHints:
        return SplitHints.of(self.corrections(key))

    def remember(self, key: str, name: str, corrections: list[Correction]) -> None:
        """Keep ``corrections`` for the file with hash ``key`` (none: forget it), atomically.

        Raises ClauseDbError (DraftFileError) when the folder cannot be written."""
        if corrections:
            self._files[key] = {"name": name, "corrections": [c.to_json() for c in corrections]}
        elif self._files.pop(key, None) is None:
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)
        data = {"version": _VERSION, "files": self._files}
        text = json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True)
        write_atomically(self.path, text.encode("utf-8"))


def remembered_hints(folder: Path, path: Path, on_note: Callable[[Msg], None]) -> SplitHints:
    """The corrections a lawyer made to the split of a file with the bytes of ``path``, for
    a reader that shows no review (the CLI); what is applied, or why nothing, is told."""
    store = CorrectionStore(folder)
    for note in store.notes:
        on_note(note)
    try:
        corrections = store.corrections(content_hash(path))
    except OSError:
        return SplitHints()  # reading the file says why it cannot be read
    if corrections:
        on_note(
            Msg(
                "{0}：套用了记住的 {1} 处拆分更正",
                "{0}: {1} remembered split correction(s) applied",
                path,
                len(corrections),
            )
        )
    return SplitHints.of(corrections)


# -- corrections at the caret -------------------------------------------------------------


@dataclass(frozen=True)
class Heading:
    """An article (level 0) or clause (level 1, 2, ...) of the outline, where it stands."""

    level: int
    span: Span
    label: str
    title: str


def headings(outline: Outline) -> list[Heading]:
    """Every article and clause, in source order."""
    out: list[Heading] = []

    def walk(node: Article | Clause, level: int) -> None:
        out.append(Heading(level, node.span, node.label.value, node.heading.value))
        for child in node.clauses:
            walk(child, level + 1)

    for doc in outline.documents:
        for article in doc.iter_articles():
            walk(article, 0)
    return out


def heading_at(outline: Outline, pos: int) -> Heading | None:
    """The innermost article or clause holding position ``pos``."""
    inside = [h for h in headings(outline) if h.span[0] <= pos < h.span[1]]
    return inside[-1] if inside else None


def line_start(text: str, pos: int) -> int:
    return text.rfind("\n", 0, pos) + 1


def _line_span(text: str, pos: int) -> Span:
    end = text.find("\n", pos)
    return line_start(text, pos), len(text) if end < 0 else end + 1


def split_here(outline: Outline, pos: int, level: int | None = None) -> Correction:
    """A new heading at the start of ``pos``'s line: at ``level``, else at the level of the
    piece the caret is in (an article in an article's text, a clause in a clause's)."""
    if level is None:
        here = heading_at(outline, pos)
        level = here.level if here else 0
    return Correction("split", line_start(outline.text, pos), level=level)


def merge_here(outline: Outline, pos: int) -> Correction | None:
    """The heading of the piece at ``pos`` is no heading: its text joins the piece before."""
    here = heading_at(outline, pos)
    return Correction("merge", here.span[0]) if here else None


def relevel_here(outline: Outline, pos: int, step: int) -> Correction | None:
    """Promote (``step`` -1: clause -> its parent's level, clause 1.1 -> article) or demote
    (+1: article -> clause of the article before, clause -> sub-clause)."""
    here = heading_at(outline, pos)
    if here is None or here.level + step < 0:
        return None
    kind = "promote" if step < 0 else "demote"
    return Correction(kind, here.span[0], level=here.level + step)


def skip_here(outline: Outline, span: Span, reason: str) -> Correction:
    """Skip the selection (or the caret's line when nothing is selected)."""
    start, end = span if span[1] > span[0] else _line_span(outline.text, span[0])
    return Correction("skip", start, end, reason=reason)


def keep_here(outline: Outline, pos: int) -> Correction | None:
    """Keep as text the skipped span at ``pos`` (markup, page furniture, a lawyer's skip);
    None where nothing is skipped or what is cannot be kept (``KEEPABLE``)."""
    for skipped in _all_skipped(outline):
        if skipped.span[0] <= pos < skipped.span[1] and skipped.reason in KEEPABLE:
            return Correction("keep", *skipped.span)
    return None


def annex_here(outline: Outline, pos: int) -> Correction:
    return Correction("annex", line_start(outline.text, pos))


def field_here(outline: Outline, span: Span) -> Correction | None:
    """The selection, without the spaces around it, is a blank to fill."""
    raw = outline.text[span[0] : span[1]]
    if not raw.strip():
        return None
    start = span[0] + len(raw) - len(raw.lstrip())
    return Correction("field", start, span[0] + len(raw.rstrip()))


def _all_skipped(outline: Outline):
    yield from outline.skipped
    for doc in outline.documents:
        yield from doc.skipped


# -- the draft ----------------------------------------------------------------------------


def mark_fields(draft: Draft, doc: Document, text: str, hints: SplitHints) -> None:
    """The spans a lawyer marked as blanks become fields of the draft made from ``doc``.

    The draft was built from ``doc`` in order (``app.model.importer``): its preamble, cover,
    signature block, annexes, parts' texts and nodes match the outline's pieces one to one.
    A span is found in its node's body by the same occurrence of the same text in the piece.
    """
    if not hints.fields:
        return
    pairs: list[tuple[Piece, list[Segment]]] = [(doc.preamble, draft.preamble)]
    for piece, passage in ((doc.cover, draft.cover), (doc.signature, draft.signature)):
        if piece is not None and passage is not None:
            pairs.append((piece, passage.body))
    for annex, passage in zip(doc.annexes, draft.annexes, strict=False):
        pairs.append((annex.text, passage.body))

    def walk(origin: Article | Clause, node) -> None:
        pairs.append((origin.text, node.body))
        for child_origin, child in zip(origin.clauses, node.children, strict=False):
            walk(child_origin, child)

    outline_parts = [*doc.parts, *(p for a in doc.annexes for p in a.parts)]
    for outline_part, part in zip(outline_parts, draft.all_parts(), strict=False):
        pairs.append((outline_part.text, part.body))
        for origin, node in zip(outline_part.articles, part.articles, strict=False):
            walk(origin, node)
    for start, end in sorted(hints.fields):
        for piece, body in pairs:
            if piece.span[0] <= start and end <= piece.span[1]:
                blank = text[start:end]
                nth = text.count(blank, piece.span[0], start)
                _make_blank(draft, body, blank, nth, marked_label(text, (start, end)))
                break


def _make_blank(draft: Draft, body: list[Segment], blank: str, nth: int, label: str) -> None:
    """Turn the ``nth`` occurrence of ``blank`` in ``body``'s plain text into a field."""
    seen = 0
    for i, seg in enumerate(body):
        if not isinstance(seg, str):
            continue
        pos = seg.find(blank)
        while pos >= 0 and seen < nth:
            seen += 1
            pos = seg.find(blank, pos + 1)
        if pos >= 0:
            field_ = Field(draft.new_id(), label=label)
            draft.fields[field_.id] = field_
            pieces = [seg[:pos], Blank(field_.id, blank), seg[pos + len(blank) :]]
            body[i : i + 1] = [p for p in pieces if p != ""]
            return
