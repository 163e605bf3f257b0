"""Numbers are computed from the structure, never typed: 第十一条, 1.1, （一）, Article 3, (a).

``number_paths`` walks the draft once and gives every node its path of ordinals (article 8,
clause 3 of it -> (8, 3)); a style turns a path into the label shown.
"""

from __future__ import annotations

import re
from collections import Counter
from typing import TYPE_CHECKING

from clause_db.numerals import int_to_cn, int_to_roman

if TYPE_CHECKING:  # annotations only: the window's menu reads STYLE_NAMES before any draft
    from collections.abc import Iterable

    from .draft import Draft, Node, Part

CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
STYLE_NAMES = {
    "chinese": ("中文（第一条 / 1.1 / 1.1.1）", "Chinese (第一条 / 1.1 / 1.1.1)"),
    "chinese_list": ("中文列表（一、/（一）/ 1.）", "Chinese list (一、/ （一） / 1.)"),
    "chinese_items": ("中文条项（第一条 / 1. / （1））", "Chinese items (第一条 / 1. / （1）)"),
    "chinese_law": ("中文法条（第一条 / （一）/ 1.）", "Chinese statute (第一条 / （一） / 1.)"),
    "english": ("英文（Article 1 / 1.1 / (a)）", "English (Article 1 / 1.1 / (a))"),
    "english_roman": (
        "英文罗马数字（ARTICLE I / Section 1.1 / (a)）",
        "English, Roman (ARTICLE I / Section 1.1 / (a))",
    ),
    "decimal": ("数字（1. / 1.1 / 1.1.1）", "Decimal (1. / 1.1 / 1.1.1)"),
}


# How an article label as written shows its style: 第十一条, 一、, Article 1 / Section 2, 1.
# Patterns, compiled on first use (re caches them): the window imports this module early.
_WRITTEN_STYLES = (
    ("chinese", r"第\S+条$"),
    ("chinese_list", r"[一二三四五六七八九十百零〇]+[、.．]?$"),
    ("english_roman", r"(?i:article)\s+[IVXLC]+$"),  # before english, which takes any Article
    ("english", r"(?i:article|section|clause)\b"),
    ("decimal", r"\d+[.．]?$"),
)


# Under 第一条, how the first level of items is written picks the Chinese style: 1.1 (chinese),
# 1. (chinese_items, the GF model contracts), （一） (chinese_law, statutes and 劳动合同).
_WRITTEN_ITEMS = (
    ("chinese", r"\d+[.．]\d+"),
    ("chinese_items", r"\d+[.．]?$"),
    ("chinese_law", r"[（(][一二三四五六七八九十百零〇]+[）)]$"),
)


def written_style(
    article_labels: Iterable[str], language: str, item_labels: Iterable[str] = ()
) -> str:
    """The style most of ``article_labels`` are written in, so an imported contract keeps
    the look its author gave it (an English contract numbered 1., 2. does not turn into
    第一条); with no label to go by, Chinese or English by the contract's ``language``.
    Articles written 第一条 take their items' style from ``item_labels`` (the labels of the
    articles' first-level items), so a GF contract's 1. / （1） is not renumbered 1.1."""
    votes = _votes(article_labels, _WRITTEN_STYLES)
    if not votes:
        return "english" if language == "en" else "chinese"
    style = votes.most_common(1)[0][0]
    if style == "chinese" and (items := _votes(item_labels, _WRITTEN_ITEMS)):
        return items.most_common(1)[0][0]
    return style


def _votes(labels: Iterable[str], patterns: tuple[tuple[str, str], ...]) -> Counter[str]:
    votes = Counter(
        next((style for style, pattern in patterns if re.match(pattern, text.strip())), None)
        for text in labels
    )
    votes.pop(None, None)
    return votes


def number_paths(draft: Draft) -> dict[int, tuple[int, ...]]:
    """Every node's ordinals, articles numbered per part or running on across parts; each
    annex its place in the annexes (so 见附件二 follows it), its articles numbered inside it."""
    paths: dict[int, tuple[int, ...]] = {}
    _number_parts(draft.parts, paths)
    for i, annex in enumerate(draft.annexes, 1):
        paths[annex.id] = (i,)
        _number_parts(annex.parts, paths)
    return paths


def _number_parts(parts: list[Part], paths: dict[int, tuple[int, ...]]) -> None:
    count = 0
    for part in parts:
        if part.restart_numbering:
            count = 0
        for article in part.articles:
            count += 1
            _assign(article, (count,), paths)


def _assign(node: Node, path: tuple[int, ...], paths: dict[int, tuple[int, ...]]) -> None:
    paths[node.id] = path
    for i, child in enumerate(node.children, 1):
        _assign(child, (*path, i), paths)


def alpha(n: int) -> str:
    """a..z, then aa, ab … (as Word's lowerLetter continues)."""
    out = ""
    while n > 0:
        n, r = divmod(n - 1, 26)
        out = chr(ord("a") + r) + out
    return out


def cn(n: int) -> str:
    return int_to_cn(n) if n <= 9999 else str(n)


# The Chinese styles whose every level has its own form (deeper levels: ①, then 21)).
_CHINESE_FORMS = {
    "chinese_list": lambda n: (f"{cn(n)}、", f"（{cn(n)}）", f"{n}.", f"（{n}）"),
    "chinese_items": lambda n: (f"第{cn(n)}条", f"{n}.", f"（{n}）"),
    "chinese_law": lambda n: (f"第{cn(n)}条", f"（{cn(n)}）", f"{n}.", f"（{n}）"),
}


def label(path: tuple[int, ...], style: str) -> str:
    """The label of the node at ``path`` in ``style``."""
    depth, last = len(path), path[-1]
    dotted = ".".join(map(str, path))
    if style == "chinese":
        return f"第{cn(last)}条" if depth == 1 else dotted
    if style in _CHINESE_FORMS:
        forms = _CHINESE_FORMS[style](last)
        if depth <= len(forms):
            return forms[depth - 1]
        return CIRCLED[last - 1] if last <= len(CIRCLED) else f"{last})"
    if style == "english":
        if depth == 1:
            return f"Article {last}"
        if depth == 2:
            return dotted
        return f"({alpha(last)})" if depth == 3 else f"({int_to_roman(last).lower()})"
    if style == "english_roman":
        if depth == 1:
            return f"ARTICLE {int_to_roman(last)}"
        if depth == 2:
            return f"Section {dotted}"
        return f"({alpha(last)})" if depth == 3 else f"({int_to_roman(last).lower()})"
    if style == "decimal":
        return f"{last}." if depth == 1 else dotted
    raise ValueError(f"unknown numbering style {style!r}")


def annex_labels(draft: Draft) -> dict[int, str]:
    """Each annex's label from its place in the sequence, in the style the source wrote the
    sequence in (附件1, 附件2 / 附件一 / Exhibit A, Exhibit B); annexes of another word (附表)
    count on their own. A label that is no such label (附件) stays as written."""
    from clause_db.references import annex_label_style, write_annex_label  # compiles patterns

    out: dict[int, str] = {}
    numerals: dict[str, str] = {}
    counts: Counter[str] = Counter()
    for annex in draft.annexes:
        style = annex_label_style(annex.label)
        if style is None:
            out[annex.id] = annex.label
            continue
        word = style[0]
        numerals.setdefault(word, style[1])
        counts[word] += 1
        out[annex.id] = write_annex_label(word, numerals[word], counts[word])
    return out


def labels(draft: Draft) -> dict[int, str]:
    """Every node's label in the draft's style."""
    return {nid: label(path, draft.numbering) for nid, path in number_paths(draft).items()}
