"""Numbers are computed from the structure, never typed: 第十一条, 1.1, （一）, Article 3, (a).

``number_paths`` walks the draft once and gives every node its path of ordinals (article 8,
clause 3 of it -> (8, 3)); a style turns a path into the label shown.
"""

from __future__ import annotations

import re
from collections import Counter
from typing import TYPE_CHECKING

from .number_forms import FORMS, NAMED, form_at, is_style, with_items

if TYPE_CHECKING:  # annotations only: the window's menu reads STYLE_NAMES before any draft
    from collections.abc import Iterable, Iterator

    from .draft import Draft, Node, Part

STYLE_NAMES = {
    "chinese": ("中文（第一条 / 1.1 / 1.1.1）", "Chinese (第一条 / 1.1 / 1.1.1)"),
    "chinese_list": ("中文列表（一、/（一）/ 1.）", "Chinese list (一、/ （一） / 1.)"),
    "chinese_items": ("中文条项（第一条 / 1. / （1））", "Chinese items (第一条 / 1. / （1）)"),
    "chinese_law": ("中文法条（第一条 / （一）/ 1.）", "Chinese statute (第一条 / （一） / 1.)"),
    "chinese_paren": ("中文括号（第一条 / （1）/ ①）", "Chinese brackets (第一条 / （1） / ①)"),
    "english": ("英文（Article 1 / 1.1 / (a)）", "English (Article 1 / 1.1 / (a))"),
    "english_roman": (
        "英文罗马数字（ARTICLE I / Section 1.1 / (a)）",
        "English, Roman (ARTICLE I / Section 1.1 / (a))",
    ),
    "english_sections": (
        "英文章节（ARTICLE I / Section 1.01 / (a)）",
        "English sections (ARTICLE I / Section 1.01 / (a))",
    ),
    "decimal": ("数字（1. / 1.1 / 1.1.1）", "Decimal (1. / 1.1 / 1.1.1)"),
    "decimal_alpha": ("数字与字母（1. / 1.1 / (a)）", "Decimal and letters (1. / 1.1 / (a))"),
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


def written_style(
    article_labels: Iterable[str],
    language: str,
    item_labels: Iterable[str] = (),
    deeper_labels: Iterable[str] = (),
) -> str:
    """The style most of ``article_labels`` are written in, so an imported contract keeps
    the look its author gave it (an English contract numbered 1., 2. does not turn into
    第一条); with no label to go by, Chinese or English by the contract's ``language``.
    The items keep theirs too: ``item_labels`` (the articles' first-level items) and
    ``deeper_labels`` (the level under them) pick the style with those articles whose items
    look as written (第一条 / 1. / （1）, ARTICLE I / Section 1.01, 1. / 1.1 / (a)), or one of
    the draft's own where no named style has the mix (1. / （1））."""
    article_labels = list(article_labels)
    votes = _votes(article_labels, _WRITTEN_STYLES)
    default = "english" if language == "en" else "chinese"  # nothing to go by (or 第一條)
    style = votes.most_common(1)[0][0] if votes else default
    levels = [list(item_labels), list(deeper_labels)]
    return with_items(style, levels, NAMED, article_labels)


def _votes(labels: Iterable[str], patterns: tuple[tuple[str, str], ...]) -> Counter[str]:
    votes = Counter(
        next((style for style, pattern in patterns if re.match(pattern, text.strip())), None)
        for text in labels
    )
    votes.pop(None, None)
    return votes


def first_numbers(draft: Draft) -> dict[int, int]:
    """The number of each part's first article: its ``start`` where it restarts the count (or
    is the first part of the body or of its annex), else the number after the part before's
    last. An annex's articles count on their own, from its first part's start."""
    firsts: dict[int, int] = {}
    _count_parts(draft.parts, firsts)
    for annex in draft.annexes:
        _count_parts(annex.parts, firsts)
    return firsts


def _count_parts(parts: list[Part], firsts: dict[int, int]) -> None:
    count = 0
    for i, part in enumerate(parts):
        if part.restart_numbering or i == 0:
            count = part.start - 1
        firsts[part.id] = count + 1
        count += len(part.articles)


def number_paths(draft: Draft) -> dict[int, tuple[int, ...]]:
    """Every node's ordinals, articles numbered per part or running on across parts; each
    annex its place in the annexes (so 见附件二 follows it), its articles numbered inside it."""
    paths: dict[int, tuple[int, ...]] = {}
    firsts = first_numbers(draft)
    _number_parts(draft.parts, firsts, paths)
    for i, annex in enumerate(draft.annexes, 1):
        paths[annex.id] = (i,)
        _number_parts(annex.parts, firsts, paths)
    return paths


def _number_parts(
    parts: list[Part], firsts: dict[int, int], paths: dict[int, tuple[int, ...]]
) -> None:
    for part in parts:
        for i, article in enumerate(part.articles):
            _assign(article, (firsts[part.id] + i,), paths)


def _assign(node: Node, path: tuple[int, ...], paths: dict[int, tuple[int, ...]]) -> None:
    paths[node.id] = path
    for i, child in enumerate(node.children, 1):
        _assign(child, (*path, i), paths)


def label(path: tuple[int, ...], style: str) -> str:
    """The label of the node at ``path`` in ``style`` (see ``number_forms``)."""
    if not is_style(style):
        raise ValueError(f"unknown numbering style {style!r}")
    return FORMS[form_at(style, len(path))][0](path)


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


def item_style(
    draft: Draft, article: Node, style: str | None = None, home: str | None = None
) -> str:
    """The style an article's clauses are numbered in: ``style`` (``home`` by default: the
    style its sequence is written in, the draft's or its annex's), or the article's own where
    the source gave it one and the sequence prints in its home style with articles written
    alike (第一条: a draft switched to Article 1 leaves it aside)."""
    home = home or draft.numbering
    style = style or home
    own = article.numbering
    if own is not None and style == home and label((1,), own) == label((1,), style):
        return own
    return style


def article_styles(draft: Draft, style: str | None = None) -> Iterator[tuple[Node, str, str]]:
    """Every article, the body's then each annex's, with the style of its own label and the
    style of its clauses: the body in ``style`` (the draft's by default), an annex's articles
    in the annex's own style where it has one (else as the body), each article's clauses in
    its own style where it has one."""
    outer = style or draft.numbering
    for part in draft.parts:
        for article in part.articles:
            yield article, outer, item_style(draft, article, outer)
    for annex in draft.annexes:
        home = annex.numbering or draft.numbering
        printed = annex.numbering or outer
        for part in annex.parts:
            for article in part.articles:
                yield article, printed, item_style(draft, article, printed, home)


def styles_at(draft: Draft, node_id: int) -> tuple[str, str]:
    """(the style the node's own label is in, the style of its clauses)."""
    for article, own, inner in article_styles(draft):
        if any(n.id == node_id for n in article.walk()):
            return (own if article.id == node_id else inner), inner
    return draft.numbering, draft.numbering


def labels(
    draft: Draft, style: str | None = None, paths: dict[int, tuple[int, ...]] | None = None
) -> dict[int, str]:
    """Every node's label in ``style`` (the draft's by default), each article's clauses in
    the article's own style where it has one, an annex's articles in the annex's style, and
    each annex its label in the sequence (附件2)."""
    paths = number_paths(draft) if paths is None else paths
    out: dict[int, str] = {}
    for article, own, inner in article_styles(draft, style):
        for node in article.walk():
            out[node.id] = label(paths[node.id], own if node is article else inner)
    if draft.annexes:
        out.update(annex_labels(draft))
    return out
