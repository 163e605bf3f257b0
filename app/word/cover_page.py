"""A cover page laid out the way a source lays one out, and where a signature page starts.

A GF model contract's cover page has its number at the top left (编号：…), the title large and
centred a third of the way down, the GF number under it, the parties lower down and the
signing date near the foot of the page -- spread by empty lines in the source, which the
reader drops. Here the draft's cover lines are cut where the title stood (``Passage.title_at``)
and spread again with space before the title and before each group of the title page's lines
(the parties, the date: ``clause_db.page_blocks.cover_group``), so the page is filled and not
overfilled (the space shrinks as the lines grow).
"""

from __future__ import annotations

import math
import unicodedata
from dataclasses import dataclass
from typing import TYPE_CHECKING

from clause_db.page_blocks import cover_group

if TYPE_CHECKING:
    from app.model.draft import Segment
    from app.word.docx_styles import Typography

TEXT_HEIGHT_PT = (29.7 - 2 * 2.54) / 2.54 * 72  # A4 less its margins (docx_styles._page_setup)
TEXT_WIDTH_PT = (21 - 2 * 3.18) / 2.54 * 72
_FILLED = 0.88  # the share of the page the cover may fill: a line more must not push it over
_TITLE_DOWN = 0.24  # of the page: the space above the title
_GROUP_DOWN = 0.18  # of the page: the space above the parties, above the date
_LINE_HEIGHT = 1.3  # a line's height per point of font size and per line of spacing


def split_at_title(body: list[Segment], title_at: int) -> tuple[list[Segment], list[Segment]]:
    """``body`` cut after its first ``title_at`` lines that hold text: the cover's lines above
    the title, and those below it (blank lines do not count: the reader drops them anyway)."""
    if title_at <= 0:
        return [], body
    seen, has_text = 0, False
    for i, seg in enumerate(body):
        if isinstance(seg, str):
            pos = 0
            while (nl := seg.find("\n", pos)) >= 0:
                has_text = has_text or bool(seg[pos:nl].strip())
                if has_text:
                    seen, has_text = seen + 1, False
                    if seen == title_at:
                        return [*body[:i], seg[:nl]], [seg[nl + 1 :], *body[i + 1 :]]
                pos = nl + 1
            has_text = has_text or bool(seg[pos:].strip())
        else:
            has_text = True
    return body, []  # the title below all of them


@dataclass(frozen=True)
class CoverLine:
    """One line of the cover page: its text (to measure) and where it stands -- "above" the
    title, the "title", or "below" it on the title page."""

    text: str
    place: str


def space_before(lines: list[CoverLine], typo: Typography) -> list[float]:
    """The space (points) before each line: before the title (from the lines above it, or
    from the top of the page), before the first line of the parties and of the date below it;
    shrunk together so that all of it fits on one page."""
    gaps: list[float] = []
    groups: set[str] = set()
    for line in lines:
        gap = 0.0
        if line.place == "title":
            gap = _TITLE_DOWN
        elif line.place == "below":
            group = cover_group(line.text)
            if group and group not in groups:  # （GF-2025-2615） stays under the title
                groups.add(group)
                gap = _GROUP_DOWN
        gaps.append(gap * TEXT_HEIGHT_PT)
    used = sum(_height(line, typo) for line in lines)
    room = _FILLED * TEXT_HEIGHT_PT - used
    wanted = sum(gaps)
    scale = max(0.0, min(1.0, room / wanted)) if wanted else 0.0
    return [gap * scale for gap in gaps]


def title_page(lines: list[CoverLine], typo: Typography) -> bool:
    """Whether a cover's lines are a title page's -- names, numbers, a date, each on one
    line, to centre -- and not a page of text (an instruction page: sentences that wrap,
    set flush left as the source set them)."""
    return all(_rows(line.text, typo.part_pt) == 1 for line in lines if line.place != "title")


def _rows(text: str, size: float) -> int:
    """About how many rows ``text`` takes at ``size`` points, wrapped at the text's width."""
    wide = sum(1.0 if unicodedata.east_asian_width(c) in "WF" else 0.55 for c in text)
    return max(1, math.ceil(wide * size / TEXT_WIDTH_PT))


def _height(line: CoverLine, typo: Typography) -> float:
    """About how tall the line is set (points)."""
    size = typo.title_pt if line.place == "title" else typo.part_pt
    extra = typo.title_pt / 2 if line.place == "title" else typo.space_after_pt
    return _rows(line.text, size) * size * typo.line_spacing * _LINE_HEIGHT + extra
