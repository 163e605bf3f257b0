"""Text extracted from PDFs and filings: page furniture found before segmenting.

A PDF's text carries what the printed page carries around the contract: form feeds, page
numbers (``Page 2``, ``Page 2 of 9``, ``- 3 -``), a running header or footer repeated on
every page ("CONFIDENTIAL — Master Services Agreement"), and a page number glued to the end
of a page's last line. None of it is the contract, and a page break may fall in the middle
of a clause sentence. :func:`find_page_furniture` finds it and blanks it out (same length,
newlines kept) so the segmenter never sees it; ``clause_db.markdown.restore`` then reports
each run as a skipped ``page furniture`` span -- a hole in the piece it interrupts -- and
recomputes the values without it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from clause_db.model import Skipped

PAGE_FURNITURE = "page furniture"

_PAGE_NUMBER = re.compile(
    r"[ \t]*(?:(?i:page)[ \t]+\d{1,4}(?:[ \t]+(?i:of)[ \t]+\d{1,4})?|[-–—][ \t]*\d{1,4}[ \t]*[-–—])"
    r"[ \t]*"
)
_BARE_NUMBER = re.compile(r"[ \t]*\d{1,4}[ \t]*")  # furniture only next to a form feed
_GLUED_NUMBER = re.compile(r"[ \t]{2,}(?P<n>\d{1,4})[ \t]*$")  # "...the parties.     4"
_MAX_HEADER = 80  # a running header or footer is one short line
_MIN_REPEATS = 3


@dataclass
class PageFurniture:
    """The source, the text with the furniture blanked out, and the furniture's spans."""

    source: str
    masked: str
    holes: list[Skipped] = field(default_factory=list)


def _lines(text: str) -> list[tuple[int, int]]:
    """Lines split at ``\\n``; a form feed is a line of its own."""
    out, pos = [], 0
    for m in re.finditer(r"[\n\f]", text):
        if m.start() > pos or not (pos and text[pos - 1] == "\f"):
            out.append((pos, m.start()))
        if m.group() == "\f":
            out.append((m.start(), m.end()))
        pos = m.end()
    if pos < len(text):
        out.append((pos, len(text)))
    return out


def find_page_furniture(text: str) -> PageFurniture:
    """Page breaks, page numbers and running headers; none when the text has no page breaks."""
    lines = _lines(text)
    kinds: list[str] = []  # "ff", "number", "blank", "text" per line
    for s, e in lines:
        line = text[s:e]
        if line == "\f":
            kinds.append("ff")
        elif _PAGE_NUMBER.fullmatch(line):
            kinds.append("number")
        elif not line.strip():
            kinds.append("blank")
        else:
            kinds.append("text")
    breaks = {i for i, k in enumerate(kinds) if k in ("ff", "number")}
    if not breaks:
        return PageFurniture(text, text)
    furniture = set(breaks)
    prev, nxt = _nearest_text(kinds, set())
    for i in breaks:  # a bare page number next to a form feed
        for j in (prev[i], nxt[i]):
            if (
                j is not None
                and _BARE_NUMBER.fullmatch(text[slice(*lines[j])])
                and (kinds[i] == "ff" or _beside_ff(kinds, j))
            ):
                furniture.add(j)
    prev, nxt = _nearest_text(kinds, furniture)
    edges: dict[str, set[int]] = {}  # the first and last text line of each page, by text
    # The file's last line is a page's bottom edge; its first line is not counted (it may be
    # the title the running header repeats).
    last = prev[-1] if lines and kinds[-1] != "text" else len(lines) - 1
    if last is not None and last >= 0:
        edges.setdefault(text[slice(*lines[last])].strip(), set()).add(last)
    for i in furniture:
        for j in (prev[i], nxt[i]):
            if j is not None:
                edges.setdefault(text[slice(*lines[j])].strip(), set()).add(j)
    headers = set()
    for line, at in edges.items():
        if line and len(line) <= _MAX_HEADER and len(at) >= _MIN_REPEATS:
            furniture.update(at)
            headers.add(line)
    for j, (ls, le) in enumerate(lines):  # the same header at a page break with no number
        if j not in furniture and _between_gaps(kinds, j) and text[ls:le].strip() in headers:
            furniture.add(j)
    prev, _ = _nearest_text(kinds, furniture)
    glued = []
    for i in sorted(breaks):
        j = prev[i]
        if j is not None and j not in furniture:
            g = _GLUED_NUMBER.search(text, lines[j][0], lines[j][1])
            if g:
                glued.append((g.start(), lines[j][1]))
    return _mask(text, lines, kinds, furniture, glued)


def _nearest_text(kinds: list[str], skip: set[int]) -> tuple[list, list]:
    """For each line, the nearest text line before and after it, over blank lines and ``skip``."""
    n = len(kinds)
    prev: list[int | None] = [None] * n
    nxt: list[int | None] = [None] * n
    last = None
    for i in range(n):
        prev[i] = last
        if kinds[i] not in ("blank", "ff") and i not in skip:
            last = i
    last = None
    for i in range(n - 1, -1, -1):
        nxt[i] = last
        if kinds[i] not in ("blank", "ff") and i not in skip:
            last = i
    return prev, nxt


def _between_gaps(kinds: list[str], j: int) -> bool:
    """Line ``j`` follows two blank lines (a page's bottom margin) and precedes a blank line."""
    before = j >= 2 and kinds[j - 1] == kinds[j - 2] == "blank"
    return before and (j + 1 == len(kinds) or kinds[j + 1] == "blank")


def _beside_ff(kinds: list[str], j: int) -> bool:
    return any(0 <= k < len(kinds) and kinds[k] == "ff" for k in (j - 1, j + 1))


def _mask(
    text: str, lines: list[tuple[int, int]], kinds: list[str], furniture: set[int], glued: list
) -> PageFurniture:
    """Blank each run of furniture with the blank lines around it; keep one line break."""
    runs: list[tuple[int, int]] = list(glued)
    i = 0
    while i < len(lines):
        if i not in furniture:
            i += 1
            continue
        first = i
        while first > 0 and kinds[first - 1] in ("blank", "ff"):
            first -= 1
        last = i
        while last + 1 < len(lines) and (
            last + 1 in furniture or kinds[last + 1] in ("blank", "ff")
        ):
            last += 1
        start = lines[first][0]
        end = lines[last + 1][0] if last + 1 < len(lines) else len(text)
        if first == 0:
            start = 0  # the line break that ends the text before stays in the text
        runs.append((start, end))
        i = last + 1
    runs = _merge(runs)
    chars = list(text)
    holes = []
    for s, e in runs:
        for k in range(s, e):
            if chars[k] != "\n":
                chars[k] = " "
        holes.append(Skipped(PAGE_FURNITURE, (s, e), text[s:e]))
    return PageFurniture(text, "".join(chars), holes)


def _merge(runs: list[tuple[int, int]]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for s, e in sorted(runs):
        if out and s <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], e))
        else:
            out.append((s, e))
    return [r for r in out if r[1] > r[0]]
