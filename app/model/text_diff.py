"""The difference between two texts as a lawyer marks it: Chinese by character, English by word.

Chinese has no spaces between words, so every CJK character is a unit of its own; a Latin
word (with its digits, inner apostrophes, hyphens and points: ``don't``, ``non-exclusive``,
``3.5``) is one unit, so ``pay`` -> ``paid`` is one word replaced, not ``y`` -> ``id``.
Units are diffed with Google's diff-match-patch (Myers' algorithm with a speed-up for
common prefixes, suffixes and halves) after mapping each distinct unit to one character, as
its line mode does for lines; then ``diff_cleanupSemantic`` folds the small equalities an
exact diff leaves inside a rewritten passage (one shared 的 or "the" between two changes)
into the change, so a reworded sentence reads as one deletion and one insertion instead of
a comb of one-character islands. difflib has no such clean-up, and its ``SequenceMatcher``
is not a minimal diff (it looks for the longest block first), which shows on long clauses.
"""

from __future__ import annotations

import re

from diff_match_patch import diff_match_patch

EQUAL, DELETE, INSERT = "=", "-", "+"
Op = tuple[str, str]  # (EQUAL | DELETE | INSERT, text)

_CJK = "\u2e80-\u9fff\uf900-\ufaff\U00020000-\U0003ffff"
_WORD = rf"[^\W_{_CJK}]+"  # letters and digits, but not 汉字: each of those is a unit
_UNITS = re.compile(rf"{_WORD}(?:['’.\-]{_WORD})*|\s+|.", re.DOTALL)
_OPS = {0: EQUAL, -1: DELETE, 1: INSERT}
_FIRST_CODE = 0xE000  # units are coded from the private use area up (above the surrogates)


def units(text: str) -> list[str]:
    """The text cut into the units a change is measured in: each Chinese character, each
    word, each run of spaces, each other character."""
    return _UNITS.findall(text)


def text_diff(old: str, new: str) -> list[Op]:
    """The operations turning ``old`` into ``new`` (equal runs, deletions, insertions), in
    reading order; joining the EQUAL and DELETE texts gives ``old``, EQUAL and INSERT ``new``."""
    if old == new:
        return [(EQUAL, old)] if old else []
    codes: dict[str, str] = {}
    table: list[str] = []

    def encode(text: str) -> str:
        out = []
        for unit in units(text):
            code = codes.get(unit)
            if code is None:
                code = chr(_FIRST_CODE + len(table))
                codes[unit] = code
                table.append(unit)
            out.append(code)
        return "".join(out)

    dmp = diff_match_patch()
    dmp.Diff_Timeout = 0.5  # a pathological pair gives a coarser diff, never a stall
    coded = dmp.diff_main(encode(old), encode(new), False)
    decoded = [(op, "".join(table[ord(c) - _FIRST_CODE] for c in text)) for op, text in coded]
    dmp.diff_cleanupSemantic(decoded)
    return [(_OPS[op], text) for op, text in decoded if text]
