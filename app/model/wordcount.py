"""字数 as Microsoft Word counts it, for the draft as exported and for a selection.

Word's 字数 (Words) is 中文字符和朝鲜语单词 + 非中文单词: every East Asian character counts
one (汉字, kana, hangul, and the full-width punctuation ，。：；（）、《》 -- 全角符号算一个字),
and every run of other characters between spaces counts one (``Service``, ``2024``, ``1.1``,
``______``); half-width punctuation glued to a word adds nothing. So 第1条 is 3 and
``Hello 世界`` is 3. Word decides whether “ ” ‘ ’ — … · are East Asian by the font hint of
their run; here they count as East Asian when they touch an East Asian character (“保密” is
4, ``don’t`` stays one word). U+3000 (the ideographic space) is a space. Sources: Word's
statistics dialog (字数 = 中文字符和朝鲜语单词 + 非中文单词) and the character classes of
bebe3/office-wordcount, checked against Word case by case (validation_dataset.md there).

The draft's count is Word's count of the exported document (literal numbers, the export's
default): the title, the 甲方：/地址： lines, the preamble, part titles and texts, every
article and clause with its number (第一条 保密, 1.1 保密：text), values in filled blanks and
the blank as written in unfilled ones, references as they read now, and the signature
block. The page footer is not counted (Word never counts headers and footers).
A selection counts what it covers; a block's number counts when the selection covers the
block's start, so selecting everything counts what the draft does.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from .doc_blocks import BlockRef, blocks
from .draft import Blank, Ref, blank_shows, plain
from .numbering import number_paths
from .printed import WORDS, draft_language
from .text import ref_text

if TYPE_CHECKING:
    from collections.abc import Iterator

    from .doc_blocks import Block
    from .draft import Draft, Segment
    from .editing import Pos

# Word's East Asian characters (Unicode blocks, as office-wordcount lists them), U+3000 left out.
_ASIAN = (
    "\u1100-\u11ff\u2e80-\u2eff\u2f00-\u2fdf\u3001-\u303f\u3040-\u318f\u31a0-\u31bf"
    "\u31f0-\u4dbf\u4e00-\u9fff\ua960-\ua97f\uac00-\ud7ff\uf900-\ufaff\ufe10-\ufe1f"
    "\ufe30-\ufe4f\uff00-\uffef\U00016fe0-\U00016fff\U00020000-\U0003134f"
)
_AMBIGUOUS = "\u2018\u2019\u201c\u201d\u2014\u2026\u00b7"  # “ ” ‘ ’ — … ·
_ASIAN_CHARS = re.compile(f"[{_ASIAN}]+")
_OTHER_WORDS = re.compile(rf"[^\s{_ASIAN}]+")
_ASIAN_PUNCTUATION = re.compile(f"(?<=[{_ASIAN}])[{_AMBIGUOUS}]+|[{_AMBIGUOUS}]+(?=[{_ASIAN}])")
_EMPTY_PARTY_VALUE = "________________"  # what the export prints for a party not yet named


def count_words(text: str) -> int:
    """Word's 字数 of ``text``: East Asian characters plus the other words."""
    text = _ASIAN_PUNCTUATION.sub(lambda m: "\u3001" * len(m.group()), text)
    asian = sum(map(len, _ASIAN_CHARS.findall(text)))
    return asian + len(_OTHER_WORDS.findall(text))


def draft_words(draft: Draft) -> int:
    """Word's 字数 of the draft exported to Word."""
    return sum(map(count_words, _paragraphs(draft, blocks(draft), None, None)))


def selection_words(draft: Draft, start: Pos, end: Pos) -> int:
    """Word's 字数 of the text between ``start`` and ``end`` (in either order)."""
    shown = blocks(draft)
    order = {b.ref: i for i, b in enumerate(shown)}
    if start.ref not in order or end.ref not in order:
        return 0
    a, b = (order[start.ref], start.offset), (order[end.ref], end.offset)
    return sum(map(count_words, _paragraphs(draft, shown, min(a, b), max(a, b))))


def _paragraphs(
    draft: Draft,
    shown: list[Block],
    start: tuple[int, int] | None,
    end: tuple[int, int] | None,
) -> Iterator[str]:
    """The exported paragraphs' texts (or the selected parts of them): a block's label and
    rendered text; a clause's text runs on after its heading (1.1 保密：text) as exported."""
    paths = number_paths(draft)
    separator = WORDS[draft_language(draft)].heading_sep
    first, last = (0, len(shown) - 1) if start is None else (start[0], end[0])
    pending = ""
    for i in range(first, last + 1):
        block = shown[i]
        lo = start[1] if start is not None and i == first else 0
        hi = end[1] if end is not None and i == last else None
        text = _rendered(draft, block.segments, paths, lo, hi)
        if lo == 0 and hi != 0:  # the block's start is selected: its number and line too
            if not text and block.ref.kind in ("party_name", "party_address"):
                text = _EMPTY_PARTY_VALUE  # when the whole line is there to be counted
            text = f"{block.label} {text}" if block.label else text
        runs_on = (
            block.ref.kind == "body"
            and block.level > 0
            and i > first
            and shown[i - 1].ref == BlockRef("heading", block.ref.owner)
        )
        if runs_on and lo == 0 and text.strip():
            pending += separator + text
            continue
        yield pending
        pending = text
    yield pending


def _rendered(
    draft: Draft,
    segments: list[Segment],
    paths: dict[int, tuple[int, ...]],
    lo: int,
    hi: int | None,
) -> str:
    """What the export prints for the characters ``lo``..``hi`` of a block's text (a Blank or
    a Ref is one character there, its value or reference text here)."""
    out: list[str] = []
    pos = 0
    for seg in segments:
        size = len(seg) if isinstance(seg, str) else 1
        if hi is not None and pos >= hi:
            break
        if pos + size > lo:
            if isinstance(seg, str):
                out.append(seg[max(lo - pos, 0) : None if hi is None else hi - pos])
            elif isinstance(seg, Blank):
                out.append(blank_shows(draft, seg))
            elif isinstance(seg, Ref):
                out.append(ref_text(seg, paths))
            else:  # a proposal reads as if accepted
                out.append(plain([seg]))
        pos += size
    return "".join(out)
