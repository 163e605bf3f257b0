"""The shape of the text: numbering the source skipped or repeated, references to the
article itself or to an annex that is not there, empty articles, headings without text."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from clause_db.messages import Msg
from clause_db.numerals import cn_to_int, int_to_cn

from .finding import INFO, Finding

if TYPE_CHECKING:
    from collections.abc import Iterator

    from .context import Context

KINDS = ("numbering_gap",)

_WRITTEN_NUMBER = re.compile(r"[0-9]+|[〇零一二两三四五六七八九十百千]+")


def _written_number(written: str) -> tuple[int, re.Match[str]] | None:
    m = _WRITTEN_NUMBER.search(written)
    n = cn_to_int(m.group()) if m else None
    return (n, m) if n else None


def _relabel(written: str, m: re.Match[str], n: int) -> str:
    """``written`` with its number replaced by n, in the same script: 第五条 -> 第六条."""
    number = str(n) if m.group().isdigit() else int_to_cn(n)
    return written[: m.start()] + number + written[m.end() :]


def check(ctx: Context) -> Iterator[Finding]:
    yield from _numbering_gaps(ctx)


def _numbering_gaps(ctx: Context) -> Iterator[Finding]:
    """Articles the source skipped (第五条 then 第八条): the draft is renumbered, so this is
    only worth knowing when comparing with the original or with references written to it."""
    for part in ctx.draft.parts:
        previous: tuple[int, re.Match[str], str] | None = None
        for article in part.articles:
            written = article.provenance.written_label if article.provenance else ""
            found = _written_number(written)
            if found and previous and found[0] - previous[0] > 1:
                n0, m0, w0 = previous
                first, last = _relabel(w0, m0, n0 + 1), _relabel(w0, m0, found[0] - 1)
                if found[0] - n0 == 2:
                    zh = en = first
                elif found[0] - n0 == 3:
                    zh, en = f"{first}、{last}", f"{first} and {last}"
                else:
                    zh, en = f"{first}至{last}", f"{first} to {last}"
                yield Finding(
                    "numbering_gap", INFO,
                    Msg("原文在{0}之后跳过了{1}（本稿已重新编号）",
                        "The source skipped {2} after {0} (the draft is renumbered)", w0, zh, en),
                    ref=ctx.node_ref(article.id), subject=written,
                )  # fmt: skip
            previous = (*found, written) if found else None
