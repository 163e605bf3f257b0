"""Build ``Outline`` objects from a compact description, for tests that need contract structure.

    make_outline({
        "客服外包服务协议": [                       # document title -> its articles
            ("保密条款", "双方应当保密。", [          # (heading, text, clauses)
                "乙方不得泄露【客户数据】。",          # a clause: its text
                ("违约", "违约方应赔偿。", [...]),     # or (heading, text, sub-clauses)
            ]),
            "附则",                                    # an article with a heading only
        ],
    })

A document may instead map part titles to article lists: ``{"协议": {"第一部分": [...]}}``.
Spans are real offsets into the generated ``Outline.text``; ``【名称】`` and ``____`` in texts
become placeholders.
"""

from __future__ import annotations

import re

from app.model.library_export import OutlineText
from clause_db.model import Article, Clause, Document, Outline, Part, Piece, Placeholder

_BLANK = re.compile(r"【([^】]*)】|_{3,}")
CN_DIGITS = "零一二三四五六七八九十"


class _Writer(OutlineText):
    """The app's outline text builder, plus blanks found the simple way tests need."""

    def placeholders(self, piece: Piece) -> list[Placeholder]:
        out = []
        for m in _BLANK.finditer(piece.value):
            span = (piece.span[0] + m.start(), piece.span[0] + m.end())
            if m.group(1) is None:
                out.append(Placeholder("underscore", span, m.group(0)))
            else:
                kind = "bracket_named" if m.group(1) else "bracket_empty"
                out.append(Placeholder(kind, span, m.group(0), m.group(1) or None))
        return out


def _cn_number(n: int) -> str:
    if n <= 10:
        return CN_DIGITS[n]
    tens, ones = divmod(n, 10)
    return (CN_DIGITS[tens] if tens > 1 else "") + "十" + (CN_DIGITS[ones] if ones else "")


def _as_tuple(spec: object) -> tuple:
    return spec if isinstance(spec, tuple) else (spec,)


def _clause(w: _Writer, spec: object, number: str) -> Clause:
    """``text`` | ``(text, sub-clauses)`` | ``(heading, text, sub-clauses)``."""
    parts = _as_tuple(spec)
    heading, text, children = {1: ("", parts[0], []), 2: ("", *parts)}.get(len(parts), parts)
    start = w.size
    label = w.piece(number)
    head = w.piece(heading)
    body = w.piece(text)
    clause = Clause(
        number,
        label,
        head,
        body,
        (start, start),
        "dotted",
        placeholders=w.placeholders(head) + w.placeholders(body),
    )
    clause.clauses = [_clause(w, c, f"{number}.{i}") for i, c in enumerate(children, 1)]
    clause.span = (start, w.size)
    return clause


def _article(w: _Writer, spec: object, number: int) -> Article:
    """``heading`` | ``(heading, text)`` | ``(heading, text, clauses)``."""
    parts = _as_tuple(spec)
    heading = parts[0]
    text = parts[1] if len(parts) > 1 else ""
    clauses = parts[2] if len(parts) > 2 else []
    start = w.size
    label = w.piece(f"第{_cn_number(number)}条")
    head = w.piece(heading)
    body = w.piece(text)
    article = Article(
        number,
        label,
        head,
        body,
        (start, start),
        placeholders=w.placeholders(head) + w.placeholders(body),
    )
    article.clauses = [_clause(w, c, f"{number}.{i}") for i, c in enumerate(clauses, 1)]
    article.span = (start, w.size)
    return article


def make_outline(spec: dict[str, list | dict[str | None, list]]) -> Outline:
    """An outline with one document per key of ``spec`` (see the module docstring)."""
    w = _Writer()
    documents = []
    for title, body in spec.items():
        start = w.size
        title_piece = w.piece(title)
        preamble = w.piece("")
        parts_spec = body if isinstance(body, dict) else {None: body}
        parts = []
        number = 0
        for part_title, articles in parts_spec.items():
            p_start = w.size
            label = w.piece(part_title or "")
            part = Part(part_title, label, w.piece(""), w.piece(""), (p_start, p_start))
            for a in articles:
                number += 1
                part.articles.append(_article(w, a, number))
            part.span = (p_start, w.size)
            parts.append(part)
        documents.append(Document(title, title_piece, preamble, (start, w.size), parts))
    return Outline("".join(w.chunks), documents)
