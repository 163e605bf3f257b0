"""Find and replace in a draft, over the texts the centre shows (``doc_blocks``).

Matches live in the editable blocks' texts (title, parties, preamble, part titles and texts,
headings, article and clause texts), optionally in field values (a value shows in its
chip, so a hit there is the chip: one character of the block). A Blank or a Ref is one
U+FFFC in a block's text and text never matches across one: the search runs on each stretch
of plain text between them, so a replacement never swallows a field or a reference.

Replace All is one command (one undo step): ``ReplaceTexts``, which sets the node texts and
headings after one walk of the draft and holds the existing commands for the other texts
(SetText for the title, a party or a part title, SetBody for the preamble or a part's text,
SetFieldValue for a value). Replacements are plain text: what the lawyer types in the
replace box is inserted as it is, never read as a blank or a reference.
"""

from __future__ import annotations

import re
import signal
import threading
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass
from typing import TYPE_CHECKING

from clause_db.messages import Msg

from .commands import (
    TEXT_KINDS,
    ReplaceTexts,
    SetBody,
    SetFieldValue,
    SetHeading,
    SetOutside,
    SetText,
    outside_segments,
    text_value,
)
from .doc_blocks import OBJECT, blocks
from .draft import Blank
from .editing import OUTSIDE_KINDS, Edit, Pos, normalised
from .ops import _short
from .text import clean_text

if TYPE_CHECKING:
    from collections.abc import Iterator
    from contextlib import AbstractContextManager

    from .commands import Command
    from .doc_blocks import Block, BlockRef
    from .draft import Draft, Segment

# A letter or digit of a word for "whole word" (English): CJK has no word boundaries, so a
# Chinese character next to a hit does not stop ``Party`` in ``Party甲方`` being whole.
_WORD_CHAR = r"[^\W\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff]"
REGEX_SECONDS = 2.0  # a regular expression that runs longer is stopped (see _time_limit)
_SINGLE_LINE = ("title", "party_name", "party_address", "part_title", "annex_title", "heading")


# The undo step names, in Chinese as every model step name (and in English, ready for the
# window's other language).
STEP_NAMES = {
    "replace": ("替换“{0}”", "Replace “{0}”"),
    "replace_all": ("全部替换“{0}”为“{1}”", "Replace all “{0}” with “{1}”"),
}


def _step_name(key: str, *texts: str) -> Msg:
    return Msg(*STEP_NAMES[key], *(_short(t) for t in texts))


class FindError(ValueError):
    """A query or replacement that cannot be used; ``kind`` says which, for the window's
    own words: "pattern" (an invalid regular expression), "replacement" (a group it lacks),
    "stale" (the hit is no longer there), "slow" (a regular expression that ran too long)."""

    def __init__(self, message: str, kind: str) -> None:
        super().__init__(message)
        self.kind = kind


@dataclass(frozen=True)
class FindOptions:
    case_sensitive: bool = False
    whole_word: bool = False
    regex: bool = False
    field_values: bool = False  # search the values shown in filled blanks too


@dataclass(frozen=True)
class Match:
    """A hit: ``length`` characters of a block's text at ``pos``. A hit in a field's value is
    its chip (length 1) with ``field_id`` and where in the value it is."""

    pos: Pos
    length: int
    text: str  # the matched characters
    field_id: int | None = None
    value_offset: int = 0


def compile_query(query: str, options: FindOptions) -> re.Pattern[str]:
    """The query as a pattern; FindError (one line) for an invalid regular expression."""
    core = query if options.regex else re.escape(query)
    if options.whole_word:
        core = rf"(?<!{_WORD_CHAR})(?:{core})(?!{_WORD_CHAR})"
    flags = 0 if options.case_sensitive else re.IGNORECASE
    try:
        return re.compile(core, flags)
    except re.error as e:
        raise FindError(f"invalid regular expression: {e}", "pattern") from None
    except (RecursionError, OverflowError):
        raise FindError("invalid regular expression: too large", "pattern") from None


def find_all(
    draft: Draft,
    query: str,
    options: FindOptions = FindOptions(),
    scope: tuple[Pos, Pos] | None = None,
) -> list[Match]:
    """Every hit of ``query`` in reading order, within ``scope`` (a selection) if given."""
    if not query:
        return []
    pattern = compile_query(query, options)
    shown = blocks(draft)
    first, last, lo, hi = _bounds(shown, scope)
    out: list[Match] = []
    with _limited(options):
        for i in range(first, last + 1):
            block = shown[i]
            if not block.editable:
                continue
            start = lo if i == first else 0
            end = hi if i == last else None
            out.extend(_block_matches(draft, block, pattern, options, start, end))
    return out


def spans(matches: list[Match]) -> list[tuple[Pos, int]]:
    """(position, length) of each hit, as the view highlights them."""
    return [(m.pos, m.length) for m in matches]


def replace_one(
    draft: Draft, match: Match, query: str, replacement: str, options: FindOptions = FindOptions()
) -> Edit:
    """Replace one hit; FindError if the text there no longer matches (it changed since)."""
    pattern = compile_query(query, options)
    shown = {b.ref: b for b in blocks(draft) if b.editable}
    block = shown.get(match.pos.ref)
    offset = match.pos.offset
    with _limited(options):
        hits = [] if block is None else _block_matches(draft, block, pattern, options, offset, None)
        if match not in hits:
            raise FindError("the text changed since it was found: find again", "stale")
        name = _step_name("replace", match.text)
        return _replace(draft, [match], pattern, options, replacement, name)


def replace_all(
    draft: Draft,
    query: str,
    replacement: str,
    options: FindOptions = FindOptions(),
    scope: tuple[Pos, Pos] | None = None,
) -> Edit | None:
    """Replace every hit (in ``scope`` if given) as one step; None when nothing matches."""
    return replace_matches(
        draft, find_all(draft, query, options, scope), query, replacement, options
    )


def replace_matches(
    draft: Draft,
    matches: list[Match],
    query: str,
    replacement: str,
    options: FindOptions = FindOptions(),
) -> Edit | None:
    """Replace All of the hits ``find_all`` just gave for ``query`` (the draft unchanged
    since) as one step; None for no hits."""
    if not matches:
        return None
    pattern = compile_query(query, options)
    name = _step_name("replace_all", query, replacement)
    with _limited(options):
        return _replace(draft, matches, pattern, options, replacement, name)


# -- finding ----------------------------------------------------------------------------------


def _limited(options: FindOptions) -> AbstractContextManager[None]:
    """A time limit for a regular expression (a plain query is found in linear time)."""
    return _time_limit(REGEX_SECONDS) if options.regex else nullcontext()


@contextmanager
def _time_limit(seconds: float) -> Iterator[None]:
    """Stop a regular expression that runs away -- (.+)+x on one long line would take
    hours and freeze the window with unsaved work -- with FindError("slow"): Python's
    matching checks for signals, so SIGALRM interrupts it. No limit where there is no
    SIGALRM (Windows) or off the main thread (signals reach only the main thread)."""
    if (
        not hasattr(signal, "setitimer")
        or threading.current_thread() is not threading.main_thread()
    ):
        yield
        return

    def stop(_signum: int, _frame: object) -> None:
        raise FindError("the regular expression takes too long", "slow")

    previous = signal.signal(signal.SIGALRM, stop)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def _bounds(shown: list[Block], scope: tuple[Pos, Pos] | None) -> tuple[int, int, int, int | None]:
    """First and last block index and the offsets in them that a search covers."""
    if scope is None:
        return 0, len(shown) - 1, 0, None
    order = {b.ref: i for i, b in enumerate(shown)}
    a, b = scope
    if a.ref not in order or b.ref not in order:
        return 0, -1, 0, None  # a selection of something no longer shown: nothing
    start, end = sorted([(order[a.ref], a.offset), (order[b.ref], b.offset)])
    return start[0], end[0], start[1], end[1]


def _runs(segments: list[Segment]) -> Iterator[tuple[int, int]]:
    """(start, end) of each stretch of plain text between Blanks and Refs."""
    pos, start = 0, 0
    for seg in segments:
        if isinstance(seg, str):
            pos += len(seg)
            continue
        if pos > start:
            yield start, pos
        pos += 1
        start = pos
    if pos > start:
        yield start, pos


def _block_matches(
    draft: Draft,
    block: Block,
    pattern: re.Pattern[str],
    options: FindOptions,
    lo: int,
    hi: int | None,
) -> Iterator[Match]:
    """Hits in one block's text between offsets ``lo`` and ``hi``, and in its chips' values."""
    text = block.text
    hi = len(text) if hi is None else min(hi, len(text))
    chips = _chips(draft, block, pattern) if options.field_values else {}
    for start, end in _runs(block.segments):
        for offset, field_id, values in chips.pop(start - 1, ()):  # the chip before this run
            yield from _value_matches(block.ref, offset, field_id, values, lo, hi)
        for m in pattern.finditer(text, max(start, lo), min(end, hi)):
            if m.end() > m.start():
                yield Match(Pos(block.ref, m.start()), m.end() - m.start(), m.group())
    for entries in chips.values():  # chips followed by no text, in order
        for offset, field_id, values in entries:
            yield from _value_matches(block.ref, offset, field_id, values, lo, hi)


def _chips(
    draft: Draft, block: Block, pattern: re.Pattern[str]
) -> dict[int, list[tuple[int, int, list[re.Match[str]]]]]:
    """Filled blanks whose value matches, by their offset: (offset, field id, hits)."""
    found: dict[int, list[tuple[int, int, list[re.Match[str]]]]] = {}
    pos = 0
    for seg in block.segments:
        if isinstance(seg, Blank):
            field = draft.fields.get(seg.field_id)
            if field is not None and field.value and field.kind != "checkbox":  # "1": no text
                hits = [m for m in pattern.finditer(field.value) if m.end() > m.start()]
                if hits:
                    found.setdefault(pos, []).append((pos, seg.field_id, hits))
        pos += len(seg) if isinstance(seg, str) else 1
    return found


def _value_matches(
    ref: BlockRef, offset: int, field_id: int, hits: list[re.Match[str]], lo: int, hi: int
) -> Iterator[Match]:
    if lo <= offset and offset + 1 <= hi:
        for m in hits:
            yield Match(Pos(ref, offset), 1, m.group(), field_id, m.start())


# -- replacing --------------------------------------------------------------------------------


def _replace(
    draft: Draft,
    matches: list[Match],
    pattern: re.Pattern[str],
    options: FindOptions,
    replacement: str,
    name: Msg,
) -> Edit:
    """One command replacing ``matches`` (hits found by ``pattern``), and the caret after the
    last replaced text."""
    shown = {b.ref: b for b in blocks(draft)}
    texts: dict[BlockRef, str] = {}
    pairs: list[tuple[Match, str]] = []
    for m in matches:
        if m.field_id is None:
            text = texts.get(m.pos.ref) or texts.setdefault(m.pos.ref, shown[m.pos.ref].text)
            end = text.find(OBJECT, m.pos.offset)
            run = (m.pos.offset, len(text) if end < 0 else end)
            pairs.append((m, _expand(pattern, options, text, run, m.length, replacement)))
        else:
            value = draft.fields[m.field_id].value or ""
            run = (m.value_offset, len(value))
            pairs.append((m, _expand(pattern, options, value, run, len(m.text), replacement)))
    return replace_each(draft, pairs, name, shown)


def replace_each(
    draft: Draft,
    pairs: list[tuple[Match, str]],
    name: Msg,
    shown: dict[BlockRef, Block] | None = None,
) -> Edit:
    """One command putting each pair's new text in place of its hit (the hits lie in plain
    stretches of text, as ``find_all`` gives them, or in field values); the caret after the
    last. Replace All uses it, and so does a check's fix (``checks.fixes``)."""
    shown = {b.ref: b for b in blocks(draft)} if shown is None else shown
    in_text: dict[BlockRef, list[tuple[int, int, str]]] = {}
    in_values: dict[int, list[tuple[int, int, str]]] = {}
    for m, new in pairs:
        if m.field_id is None:
            in_text.setdefault(m.pos.ref, []).append((m.pos.offset, m.length, new))
        else:
            edits = in_values.setdefault(m.field_id, [])
            if (m.value_offset, len(m.text), new) not in edits:  # a value shows in every chip
                edits.append((m.value_offset, len(m.text), new))
    ids = (draft.next_id, draft.next_id)
    nodes = {node.id: node for _, node in draft.nodes()}  # draft.node() walks the draft
    bodies: list[tuple[int, list[Segment], list[Segment]]] = []
    headings: list[tuple[int, str, str]] = []
    others: list[Command] = []
    caret = pairs[-1][0].pos
    for ref, edits in in_text.items():
        block = shown[ref]
        segments = _replaced(block.segments, edits, single_line=ref.kind in _SINGLE_LINE)
        text = "".join(s for s in segments if isinstance(s, str))
        if ref.kind in ("body", "heading") and ref.owner not in nodes:  # an annex's article
            node = draft.node(ref.owner)
            if ref.kind == "body":
                others.append(SetBody(name, ids, ref.owner, list(node.body), segments))
            else:
                others.append(SetHeading(name, ids, ref.owner, node.heading, text))
        elif ref.kind == "body":
            bodies.append((ref.owner, list(nodes[ref.owner].body), segments))
        elif ref.kind == "heading":
            headings.append((ref.owner, nodes[ref.owner].heading, text))
        elif ref.kind in TEXT_KINDS:
            others.append(SetText(name, ids, ref.kind, ref.owner, text_value(draft, ref), text))
        elif ref.kind in OUTSIDE_KINDS:
            old = outside_segments(draft, ref)
            others.append(SetOutside(name, ids, ref, list(old), segments))
        else:
            old = draft.part(ref.owner).body if ref.kind == "part_body" else draft.preamble
            others.append(SetBody(name, ids, ref.owner, list(old), segments))
        if ref == caret.ref:
            caret = _caret_after(edits, caret)
    for field_id, edits in in_values.items():
        f = draft.fields[field_id]
        value = _apply_edits(f.value or "", edits)
        others.append(SetFieldValue(name, ids, field_id, f.value, value))
    return Edit(ReplaceTexts(name, ids, bodies, headings, others), caret)


def _expand(
    pattern: re.Pattern[str],
    options: FindOptions,
    text: str,
    run: tuple[int, int],
    length: int,
    template: str,
) -> str:
    """The replacement for the hit of ``length`` at the start of ``run`` (the stretch of text
    it was found in): as typed, or for a regular expression with \\1 and \\g<name> filled in;
    FindError for a template naming a group the pattern lacks."""
    if not options.regex:
        return clean_text(template)
    start, end = run
    m = pattern.match(text, start, end)
    if m is None or m.end() != start + length:
        m = pattern.match(text, start, start + length)
    try:
        return clean_text(m.expand(template) if m is not None else template)
    except (re.error, IndexError) as e:
        raise FindError(f"invalid replacement: {e}", "replacement") from None


def _apply_edits(text: str, edits: list[tuple[int, int, str]]) -> str:
    out, pos = [], 0
    for offset, length, new in sorted(edits):
        out.append(text[pos:offset])
        out.append(new)
        pos = offset + length
    out.append(text[pos:])
    return "".join(out)


def _replaced(
    segments: list[Segment], edits: list[tuple[int, int, str]], single_line: bool
) -> list[Segment]:
    """The segments with each (offset, length, new text) replaced; Blanks and Refs kept (the
    hits lie in plain stretches between them)."""
    out = normalised(segments)  # adjacent strings as one: a hit may span them
    pos = 0
    for i, seg in enumerate(out):
        if not isinstance(seg, str):
            pos += 1
            continue
        end = pos + len(seg)
        mine = [(o - pos, n, new) for o, n, new in edits if pos <= o and o + n <= end]
        text = _apply_edits(seg, mine)
        out[i] = text.replace("\n", " ") if single_line else text
        pos = end
    return normalised(out)


def _caret_after(edits: list[tuple[int, int, str]], last: Pos) -> Pos:
    """Just after the last replaced text, counted in the block's new text."""
    shift = 0
    for offset, length, new in sorted(edits):
        if offset == last.offset:
            return Pos(last.ref, offset + shift + len(new))
        shift += len(new) - length
    return last
