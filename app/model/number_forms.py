"""The look of each level of numbers, so a contract keeps the mix its source wrote.

A form is named by its own sample: ``第一条``, ``1.``, ``（1）``, ``(a)``, ``Section 1.01``.
Each named numbering style is a list of forms, one a level (``chinese_items`` is 第一条 /
1. / （1））, deeper levels taking its tail. Sources mix them freely (1. / （1） under 1.,
Article 1 / 1.), so where no named style has the mix the source wrote, the draft keeps a
style of its own, written as its forms: ``forms:1. / （1）``.
"""

from __future__ import annotations

import re
from collections import Counter
from typing import TYPE_CHECKING

from clause_db.numerals import int_to_cn, int_to_roman

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable

CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
CUSTOM = "forms:"
_SEP = " / "


def alpha(n: int) -> str:
    """a..z, then aa, ab … (as Word's lowerLetter continues)."""
    out = ""
    while n > 0:
        n, r = divmod(n - 1, 26)
        out = chr(ord("a") + r) + out
    return out


def cn(n: int) -> str:
    return int_to_cn(n) if n <= 9999 else str(n)


def _dotted(path: tuple[int, ...]) -> str:
    return ".".join(map(str, path))


def _circled(n: int) -> str:
    return CIRCLED[n - 1] if n <= len(CIRCLED) else f"{n})"


# form -> (the label at a path, a pattern for a label written so). Order matters for reading:
# the first pattern a written label matches names its form.
FORMS: dict[str, tuple[Callable[[tuple[int, ...]], str], str]] = {
    "第一条": (lambda p: f"第{cn(p[-1])}条", r"第[〇零一二两三四五六七八九十百千\d]+条$"),
    "第一條": (lambda p: f"第{cn(p[-1])}條", r"第[〇零一二兩三四五六七八九十百千\d]+條$"),
    "Section 1.01": (
        lambda p: f"Section {_dotted(p[:-1])}.{p[-1]:02d}",
        r"(?i:section)\s*\d+(?:[.．]\d+)*[.．]0\d[.．]?$",
    ),
    "Section 1.1": (lambda p: f"Section {_dotted(p)}", r"(?i:section)\s*\d+(?:[.．]\d+)+[.．]?$"),
    "ARTICLE I": (lambda p: f"ARTICLE {int_to_roman(p[-1])}", r"(?i:article)\s+[IVXLC]+[.:．]?$"),
    "Article 1": (lambda p: f"Article {p[-1]}", r"(?i:article|section|clause)\s*\d+[.:．]?$"),
    "一、": (lambda p: f"{cn(p[-1])}、", r"[〇零一二三四五六七八九十百]+[、．.]$"),
    "1.1.": (lambda p: f"{_dotted(p)}.", r"\d+(?:[.．]\d+)+[.．]$"),
    "1.1": (_dotted, r"\d+(?:[.．]\d+)+$"),
    "1、": (lambda p: f"{p[-1]}、", r"\d+、$"),
    "1.": (lambda p: f"{p[-1]}.", r"\d+[.．]?$"),
    "（一）": (lambda p: f"（{cn(p[-1])}）", r"[（(][〇零一二三四五六七八九十百]+[）)]$"),
    "（1）": (lambda p: f"（{p[-1]}）", r"（\d+）$"),
    "(1)": (lambda p: f"({p[-1]})", r"\(\d+\)$"),
    "1)": (lambda p: f"{p[-1]})", r"\d+[)）]$"),
    "(i)": (lambda p: f"({int_to_roman(p[-1]).lower()})", r"[(（][ivx]+[)）]$"),
    "(a)": (lambda p: f"({alpha(p[-1])})", r"[(（][a-z][)）]$"),
    "①": (lambda p: _circled(p[-1]), f"[{CIRCLED}]$"),
}
_DOTTED = ("1.1", "1.1.", "Section 1.1", "Section 1.01")  # these go on at any depth
_CHINESE_FORMS = ("第一条", "第一條", "一、", "1、", "（一）", "（1）")

# Each named style: its forms level by level, then the form of every deeper level.
NAMED = {
    "chinese": (("第一条",), "1.1"),
    "chinese_list": (("一、", "（一）", "1.", "（1）"), "①"),
    "chinese_items": (("第一条", "1.", "（1）"), "①"),
    "chinese_law": (("第一条", "（一）", "1.", "（1）"), "①"),
    "chinese_paren": (("第一条", "（1）"), "①"),
    "english": (("Article 1", "1.1", "(a)"), "(i)"),
    "english_roman": (("ARTICLE I", "Section 1.1", "(a)"), "(i)"),
    "english_sections": (("ARTICLE I", "Section 1.01", "(a)"), "(i)"),
    "decimal": (("1.",), "1.1"),
    "decimal_alpha": (("1.", "1.1", "(a)"), "(i)"),
}


def custom_forms(style: str) -> tuple[str, ...] | None:
    """The forms of a style of the draft's own (``forms:1. / （1）``), None for a named one
    or one that names a form we do not know."""
    if not style.startswith(CUSTOM):
        return None
    forms = tuple(style[len(CUSTOM) :].split(_SEP))
    return forms if forms and all(f in FORMS for f in forms) else None


def is_style(style: object) -> bool:
    return isinstance(style, str) and (style in NAMED or custom_forms(style) is not None)


def form_at(style: str, depth: int) -> str:
    """The form of level ``depth`` (1 = articles) in ``style``."""
    forms, tail = NAMED[style] if style in NAMED else _with_tail(custom_forms(style) or ())
    return forms[depth - 1] if depth <= len(forms) else tail


def _with_tail(forms: tuple[str, ...]) -> tuple[tuple[str, ...], str]:
    """A style of the draft's own goes on as its last form does where that runs on (1.1.1),
    else ① in a Chinese mix, (i) under (a), (a) otherwise."""
    last = forms[-1] if forms else "1."
    if last in _DOTTED:
        return forms, last
    if any(f in _CHINESE_FORMS for f in forms):
        return forms, "①"
    return forms, "(i)" if last == "(a)" else "(a)"


def written_form(labels: Iterable[str]) -> str | None:
    """The form most of ``labels`` are written in (None when none is readable)."""
    votes = Counter(
        next((form for form, (_, pattern) in FORMS.items() if re.match(pattern, text)), None)
        for text in (label.strip() for label in labels)
    )
    votes.pop(None, None)
    return votes.most_common(1)[0][0] if votes else None


def with_items(
    style: str, levels: list[list[str]], styles: Iterable[str], articles: Iterable[str] = ()
) -> str:
    """``style`` (from the articles' labels), or the style whose articles look as
    ``articles`` (第一條 in a Traditional text) and whose items look as ``levels`` (the
    written labels of level 2, 3 …) do: a named one of ``styles`` if one has the look,
    else one of the draft's own."""
    head = written_form(articles) or form_at(style, 1)
    seen = [written_form(labels) for labels in levels]
    if head == form_at(style, 1) and all(form is None for form in seen):
        return style

    def fits(candidate: str) -> bool:
        return form_at(candidate, 1) == head and all(
            form is None or form_at(candidate, depth) == form for depth, form in enumerate(seen, 2)
        )

    for candidate in (style, *styles):
        if fits(candidate):
            return candidate
    last = max((depth for depth, form in enumerate(seen, 2) if form is not None), default=2)
    forms = [head]
    forms += [seen[depth - 2] or form_at(style, depth) for depth in range(2, last + 1)]
    while len(forms) > 2 and forms[-1] == forms[-2] and forms[-1] in _DOTTED:
        forms.pop()  # 1.1. then 1.1.1.: one form that goes on
    return CUSTOM + _SEP.join(forms)
