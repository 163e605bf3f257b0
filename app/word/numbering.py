"""The visible numbers of Word's automatic numbering (``w:numPr``), counted the way Word counts.

Contracts drafted in Word rarely type their numbers: ``第一条`` or ``1.1`` live in
``numbering.xml`` and the text itself starts with the heading. Without the numbers the text
segmenter sees no structure, so we replay Word's counters in document order:

* a paragraph is numbered by its own ``w:numPr``, each part it leaves out (list, level) taken
  from the nearest style along ``w:basedOn`` that has it, a missing level from the ``w:lvl``
  tied to the style by ``w:pStyle``; ``numId`` 0 switches numbering off;
* ``w:num`` -> ``w:abstractNum`` (following ``w:numStyleLink``); ``w:lvlOverride`` may replace a
  level or restart it (``w:startOverride``, applied at the first paragraph of that ``w:num``
  and again whenever a higher level restarts the level);
* counters live per abstract list, so ``w:num``s sharing one continue each other (as in Word);
  using level *k* restarts deeper levels, unless their ``w:lvlRestart`` says otherwise;
* ``w:lvlText`` ("第%1条", "%1.%2.") is filled with each level's counter in that level's
  ``w:numFmt``; ``w:isLgl`` forces Arabic digits for the higher levels.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from app.word.numfmt import format_number
from app.word.xml import W, attr, int_attr, is_on

if TYPE_CHECKING:
    from lxml import etree

_MAX_LEVELS = 9
_LEVEL_RANGE = range(_MAX_LEVELS)
_MAX_LINKS = 8  # numStyleLink / basedOn chains are short; a cycle must not hang us
_SUFFIX = {"tab": " ", "space": " ", "nothing": ""}
_BULLET = "•"
_PLACEHOLDER = re.compile(r"%([1-9])")


@dataclass(frozen=True)
class _Level:
    start: int
    num_fmt: str
    text: str | None  # w:lvlText; None when the level has none (Word shows no number)
    is_lgl: bool
    restart: int | None  # w:lvlRestart: None = after any higher level, 0 = never
    suffix: str
    style: str | None  # w:pStyle: the paragraph style this level belongs to


@dataclass
class _Counters:
    """The running counters of one abstract list."""

    values: list[int | None] = field(default_factory=lambda: [None] * _MAX_LEVELS)
    started_nums: set[tuple[str, int]] = field(default_factory=set)


class NumberingResolver:
    """Turns numbered paragraphs, fed in document order, into the labels Word displays."""

    def __init__(self, numbering: etree._Element | None, styles: etree._Element | None) -> None:
        self._nums = {attr(n, "numId"): n for n in _children(numbering, "num")}
        self._abstracts = {attr(a, "abstractNumId"): a for a in _children(numbering, "abstractNum")}
        self._styles = {attr(s, "styleId"): s for s in _children(styles, "style")}
        self._default_style = next(
            (
                attr(s, "styleId")
                for s in self._styles.values()
                if attr(s, "type") == "paragraph" and attr(s, "default") in ("1", "true", "on")
            ),
            None,
        )
        self._counters: dict[str, _Counters] = {}
        self._level_cache: dict[tuple[str, str], dict[int, _Level]] = {}

    def label(self, p: etree._Element) -> str | None:
        """The number (with its suffix) Word shows before paragraph ``p``; advances counters.

        None for an unnumbered paragraph. Call exactly once per visible paragraph, in order.
        """
        num_id, ilvl, styles = self._num_pr(p)
        if num_id in (None, "0") or num_id not in self._nums:
            return None
        abstract_id = self._abstract_id(num_id)
        if abstract_id is None:
            return None
        levels = self._levels(num_id, abstract_id)
        if ilvl is None:
            ilvl = _level_of_style(levels, styles)
        level = levels.get(ilvl)
        if level is None:
            return None
        self._advance(num_id, abstract_id, ilvl, levels)
        return self._render(ilvl, levels, self._counters[abstract_id].values)

    # -- which list and level ---------------------------------------------------------------

    def _num_pr(self, p: etree._Element) -> tuple[str | None, int | None, list[str]]:
        """(numId, ilvl, the paragraph's style and those it is based on): direct ``w:numPr``
        first, each gap filled from the nearest style in the ``w:basedOn`` chain that has it
        (Heading 2 may name only its level and take the list from Heading 1)."""
        style = attr(p.find(f"{W}pPr/{W}pStyle"), "val") or self._default_style
        direct = p.find(f"{W}pPr/{W}numPr")
        num_id = attr(_find(direct, "numId"), "val")
        ilvl = int_attr(_find(direct, "ilvl"), "val")
        chain: list[str] = []
        while style in self._styles and style not in chain and len(chain) < _MAX_LINKS:
            chain.append(style)
            inherited = self._styles[style].find(f"{W}pPr/{W}numPr")
            num_id = num_id or attr(_find(inherited, "numId"), "val")
            if ilvl is None:
                ilvl = int_attr(_find(inherited, "ilvl"), "val")
            style = attr(self._styles[style].find(f"{W}basedOn"), "val")
        return num_id, ilvl, chain

    def _abstract_id(self, num_id: str) -> str | None:
        """The abstract list behind ``num_id``, following ``w:numStyleLink`` indirections."""
        abstract_id = attr(self._nums[num_id].find(f"{W}abstractNumId"), "val")
        for _ in range(_MAX_LINKS):
            abstract = self._abstracts.get(abstract_id)
            if abstract is None:
                return None
            link = attr(abstract.find(f"{W}numStyleLink"), "val")
            if link is None:
                return abstract_id
            style = self._styles.get(link)
            style_num = attr(_find(style, f"pPr/{W}numPr/{W}numId"), "val")
            if style_num not in self._nums:
                return None
            abstract_id = attr(self._nums[style_num].find(f"{W}abstractNumId"), "val")
        return None

    def _levels(self, num_id: str, abstract_id: str) -> dict[int, _Level]:
        """The levels of ``num_id``, its overrides applied; read once per list (a long contract
        numbers tens of thousands of paragraphs from a handful of lists)."""
        key = (num_id, abstract_id)
        if key not in self._level_cache:
            self._level_cache[key] = self._read_levels(num_id, abstract_id)
        return self._level_cache[key]

    def _read_levels(self, num_id: str, abstract_id: str) -> dict[int, _Level]:
        levels = {
            ilvl: _level(lvl)
            for lvl in self._abstracts[abstract_id].findall(f"{W}lvl")
            if (ilvl := int_attr(lvl, "ilvl")) in _LEVEL_RANGE
        }
        for override in self._nums[num_id].findall(f"{W}lvlOverride"):
            ilvl = int_attr(override, "ilvl")
            replacement = override.find(f"{W}lvl")
            if ilvl in _LEVEL_RANGE and replacement is not None:
                levels[ilvl] = _level(replacement)
        return levels

    # -- counting ---------------------------------------------------------------------------

    def _advance(self, num_id: str, abstract_id: str, ilvl: int, levels: dict[int, _Level]) -> None:
        counters = self._counters.setdefault(abstract_id, _Counters())
        values = counters.values
        start_override = self._start_override(num_id, ilvl)
        first_in_num = (num_id, ilvl) not in counters.started_nums
        if values[ilvl] is None or (start_override is not None and first_in_num):
            # ECMA-376 17.9.27: the override is where the level begins in this w:num, at its
            # first paragraph and each time a higher level restarts it.
            values[ilvl] = levels[ilvl].start if start_override is None else start_override
        else:
            values[ilvl] += 1
        counters.started_nums.add((num_id, ilvl))
        for deeper in range(ilvl + 1, _MAX_LEVELS):
            level = levels.get(deeper)
            restart = level.restart if level else None
            if restart is None or (restart != 0 and ilvl < restart):
                values[deeper] = None

    def _start_override(self, num_id: str, ilvl: int) -> int | None:
        for override in self._nums[num_id].findall(f"{W}lvlOverride"):
            if int_attr(override, "ilvl") == ilvl:
                return int_attr(override.find(f"{W}startOverride"), "val")
        return None

    @staticmethod
    def _render(ilvl: int, levels: dict[int, _Level], values: list[int | None]) -> str:
        level = levels[ilvl]
        if level.text is None:
            return ""
        if level.num_fmt == "bullet":
            return _bullet(level.text) + level.suffix

        def number(m: re.Match[str]) -> str:
            k = int(m.group(1)) - 1
            ref = levels.get(k)
            value = values[k] if values[k] is not None else (ref.start if ref else 1)
            legal = level.is_lgl and k < ilvl
            return format_number(value, "decimal" if legal or ref is None else ref.num_fmt)

        out = _PLACEHOLDER.sub(number, level.text)
        return out + level.suffix if out else ""


def _find(el: etree._Element | None, path: str) -> etree._Element | None:
    return None if el is None else el.find(f"{W}{path}")


def _children(root: etree._Element | None, name: str) -> list[etree._Element]:
    return [] if root is None else root.findall(f"{W}{name}")


def _level(lvl: etree._Element) -> _Level:
    text = lvl.find(f"{W}lvlText")
    start = int_attr(lvl.find(f"{W}start"), "val")
    return _Level(
        start=0 if start is None else start,  # the schema default; Word writes w:start anyway
        num_fmt=attr(lvl.find(f"{W}numFmt"), "val") or "decimal",
        text=None if text is None else (attr(text, "val") or ""),
        is_lgl=is_on(lvl.find(f"{W}isLgl")),
        restart=int_attr(lvl.find(f"{W}lvlRestart"), "val"),
        suffix=_SUFFIX.get(attr(lvl.find(f"{W}suff"), "val") or "tab", " "),
        style=attr(lvl.find(f"{W}pStyle"), "val"),
    )


def _level_of_style(levels: dict[int, _Level], styles: list[str]) -> int:
    """The level a style is tied to by ``w:lvl/w:pStyle`` (the nearest style in the chain
    first), else 0 as the schema says for a missing ``w:ilvl``."""
    for style in styles:
        for ilvl, level in levels.items():
            if level.style == style:
                return ilvl
    return 0


def _bullet(glyph: str) -> str:
    """Symbol-font bullets are private-use code points (U+F0B7): show a real bullet instead."""
    if not glyph or any(0xE000 <= ord(c) <= 0xF8FF for c in glyph):
        return _BULLET
    return glyph
