"""Leftovers: template markers outside fields, 见上文/见下文 without a target."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Iterator

    from .context import Context
    from .finding import Finding

KINDS: tuple[str, ...] = ()


def check(ctx: Context) -> Iterator[Finding]:
    return iter(())
