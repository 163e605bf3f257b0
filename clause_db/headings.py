"""Where a heading ends and its text begins, in text that often glues the two together.

``第二条服务内容2.1服务范围:乙方需…``: the article heading is 服务内容 (the clause follows), the
clause heading is 服务范围 (a colon follows). When the document has a table of contents, its
entries name the headings exactly (1.2协议期限本协议自…), and they win.
"""

from __future__ import annotations

import re

from .number_words import NUMBER_BLANK

_SENTENCE_PUNCT = re.compile(r"[。；;，,!?！？]")
_LINE_PUNCT = re.compile(
    r"[。；;，!?！？]|[.:：]\s*$"
)  # a short line with commas can head (English)
_COLON_HEADING = re.compile(r"[ \t\u3000]*([^:：，,。；;\n]{1,20})[:：][ \t\u3000]*")
_SMALL_WORDS = {"of", "and", "the", "to", "for", "in", "on", "or", "a", "an", "with", "by", "as"}
_EN_INLINE_HEADING = re.compile(
    r"[ \t]*(\*\*|__)?([A-Z][\w'’&/-]*(?:[ \t]+[\w'’&/-]+){0,7})(\*\*|__)?[.:][ \t]+"
)
_SEPARATORS = re.compile(r"[ \t\u3000]*[:：.．]?[ \t\u3000]*")
MAX_LINE_HEADING = 50
# Customer contact address: [●] -- a label too long to head its text and the blank to fill
# after it: a schedule's item to fill in, text and not a heading without text
_LABELLED_BLANK = re.compile(
    rf"[ \t\u3000*]*[^:：\n]{{1,60}}[:：][ \t\u3000]*(?:{NUMBER_BLANK}|\[[^\]\n]{{0,40}}\])"
    r"[ \t\u3000]*[.。;；]?\s*"
)


_DECORATION = re.compile(r"^[\s*#_]+|[\s*#_:：.．]+$")


def clean(value: str) -> str:
    """A piece as a reader wants it: no surrounding whitespace, markdown stars or glue colons."""
    return _DECORATION.sub("", value)


def _title_case_words(words: str) -> bool:
    tokens = words.split()
    return all(t[0].isupper() or t.lower() in _SMALL_WORDS or not t[0].isalpha() for t in tokens)


def _opens_a_bracket(words: str) -> bool:
    """Words that leave a bracket open (保证金5万元（大写：…）): the colon is inside a
    parenthesis of a sentence, never the end of a heading."""
    return words.count("（") + words.count("(") > words.count("）") + words.count(")")


def heading_end(text: str, a: int, b: int, known: str | None, line_mode: bool) -> int:
    """The end of the heading in text[a:b] (== a when there is none)."""
    seg = text[a:b]
    stripped = seg.lstrip(" \t\u3000*")
    lead = len(seg) - len(stripped)
    if known and stripped.startswith(known):
        end = a + lead + len(known)
        return _SEPARATORS.match(text, end, b).end()
    if not stripped.strip():
        return a
    m = _COLON_HEADING.match(text, a, b)
    ends_line = m and not text[m.end() : b].split("\n", 1)[0].strip()
    if (
        m
        and not m.group(1).strip().isdigit()
        and not (line_mode and ends_line)
        and not _opens_a_bracket(m.group(1))
    ):
        return m.end()  # 服务范围:乙方需… (a lead-in sentence ending its line is no heading)
    m = _EN_INLINE_HEADING.match(text, a, b)
    if m and _title_case_words(m.group(2)) and (m.group(1) or len(m.group(2).split()) <= 6):
        return m.end()
    if line_mode and "\n" not in seg.strip() and seg.rstrip().endswith((":", "：")):
        return (
            a  # a lead-in sentence (劳动合同应当具备以下条款：) introduces items, it heads nothing
        )
    first_line_end = seg.find("\n")
    if line_mode and first_line_end > 0:
        line = seg[:first_line_end]
        rest = seg[first_line_end:]
        if rest.strip() and len(line.strip()) <= MAX_LINE_HEADING and not _LINE_PUNCT.search(line):
            return a + first_line_end
    body = seg.strip()
    punct = _LINE_PUNCT if line_mode else _SENTENCE_PUNCT
    if len(body) <= 40 and not punct.search(body) and "\n" not in body:
        return a if _LABELLED_BLANK.fullmatch(text, a, b) else b
    return a
