"""Assertions shared by the outline tests."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from clause_db.model import Outline


def assert_lossless(outline: Outline) -> None:
    """Every character lies in exactly one innermost piece or skipped span."""
    spans = outline.covered_spans()
    pos = 0
    for start, end in spans:
        assert start == pos, (
            f"characters {pos}..{start} are in no piece: {outline.text[pos:start]!r}"
        )
        assert end > start
        pos = end
    assert pos == len(outline.text), f"the tail from {pos} is in no piece"
