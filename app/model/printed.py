"""What a contract prints besides its text: party and signature lines, in its language.

Shared by the Word export and the centre document, so the screen shows what Word prints.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import chain
from typing import TYPE_CHECKING

from clause_db.language import SAMPLE, text_language

from .draft import plain

if TYPE_CHECKING:
    from .draft import Draft


@dataclass(frozen=True)
class Words:
    """The fixed texts of one language."""

    party: str
    address: str
    seal: str
    representative: str
    date: str
    page: tuple[str, str, str]  # before PAGE, between PAGE and NUMPAGES, after
    toc_title: str
    toc_hint: str
    heading_sep: str  # between a clause's heading and its text
    default_roles: tuple[str, str]


UNFILLED_PARTY = "________________"  # a party's unfilled name or address, as printed

WORDS = {
    "zh": Words("{role}：", "地址：", "{role}（盖章）：", "法定代表人或授权代表：",
                "日期：　　　　年　　月　　日", ("第 ", " 页 共 ", " 页"), "目　录",
                "（右键单击此处，选择“更新域”，即生成目录。）",
                "：", ("甲方", "乙方")),
    "en": Words("{role}: ", "Address: ", "{role} (seal):", "Authorized representative:",
                "Date:", ("Page ", " of ", ""), "Contents",
                "(Right-click here and choose Update Field to build the table of contents.)",
                ". ", ("Party A", "Party B")),
}  # fmt: skip


def draft_language(draft: Draft) -> str:
    """ "en" for English numbering or English text (``clause_db.language``), else "zh"."""
    if draft.numbering.startswith("english"):
        return "en"
    return text_language(_opening(draft))


def _opening(draft: Draft) -> str:
    """The title, the texts, then the headings, as far as the language sample reaches: the
    centre asks on every keystroke, and the whole text of a long contract is megabytes."""
    texts = chain(
        [draft.title],
        (plain(body) for body in draft.bodies()),
        (node.heading for _, node in draft.nodes()),
    )
    out: list[str] = []
    size = 0
    for text in texts:
        out.append(text)
        size += len(text)
        if size >= SAMPLE:
            break
    return "".join(out)


def label_style(draft: Draft, language: str) -> str:
    """The draft's numbering style, except that English text gets Article 1 / 1.1 / (a)
    instead of 第一条 or 一、 (a new draft starts "chinese", whatever the lawyer writes in it)."""
    if language == "en" and draft.numbering.startswith("chinese"):
        return "english"
    return draft.numbering
