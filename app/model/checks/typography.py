"""Typography: half-width punctuation in Chinese, mixed-width digits, stray spaces."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Iterator

    from ..draft import Draft
    from .context import Context
    from .finding import Finding, Fix

KINDS: tuple[str, ...] = ()


def check(ctx: Context) -> Iterator[Finding]:
    return iter(())


def normalise_typography(draft: Draft) -> Fix | None:
    """Every typography correction of the draft as one fix (previewed, one undo step);
    None when there is nothing to correct."""
    return None
