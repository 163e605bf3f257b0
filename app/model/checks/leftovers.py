"""Leftovers: template markers outside fields, 见上文/见下文 without a target.

The importer turns most blanks into fields (``Text.objects``, checked as unfilled); what a
template leaves as text -- XXX, 【】, {{…}}, [●], [insert …], ____, TBD -- is looked for in
the stretches between them. Each text is read once (``Context.memo``)."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from clause_db.messages import Msg

from .finding import WARNING, Finding

if TYPE_CHECKING:
    from collections.abc import Iterator

    from .context import Context, Text

KINDS = ("template_marker", "vague_reference")

_MARKER = re.compile(
    r"(?<![A-Za-z])(?<!Article )(?<!Section )(?<!ARTICLE )(?<!SECTION )(?<!Chapter )"
    r"(?:X{3,}|x{3,})(?![A-Za-z])"  # XXX公司, not the roman numeral of Article XXX
    r"|(?<![A-Za-z])XX(?=[年月日号市省区县公])|(?<=[年月])XX(?![A-Za-z])"  # XX年XX月XX日
    r"|[×Ｘ＊]{2,}|〇〇〇|○○○"
    r"|【[\s　…·●•_＿.]*】"  # 【】, 【…】 (a 【标题】 with words is emphasis)
    r"|\{\{[^{}\n]{0,40}\}\}"
    r"|\[(?:[\s●•…_.]*|insert[^\]\n]{0,60}|TB[DC]|to be (?:confirmed|determined|agreed)"
    r"[^\]\n]{0,40})\]"
    r"|_{3,}|＿{2,}"
    r"|(?<![A-Za-z])TB[DC](?![A-Za-z])"
    r"|此处(?:填写|插入|注明)",
    re.IGNORECASE,
)
_CASED = re.compile(r"[A-Za-z]")  # markers found ignoring case must be upper case (TBD)
_VAGUE = re.compile(
    r"(?:详|参)?见上文|(?:详|参)?见下文|如上(?:文)?所述|上文所述|如下文所述"
    r"|\bsee (?:above|below)\b|\bas (?:stated|mentioned|noted) (?:above|below)\b"
    r"|\bas described above\b",
    re.IGNORECASE,
)
# What follows a vague phrase when it does say where: 见上文第三条, see above in Section 2.
_TARGET = re.compile(
    r"[^。；;.\n]{0,8}?(?:第[^条款項项]{1,8}[条款項项]|附件|Section|Article|Clause|Exhibit|Schedule)",
    re.IGNORECASE,
)


_JOINED = re.compile(r"[年月日号/.\- ]?")  # markers joined so are one blank: XX年XX月XX日


def _quoted(text: str, start: int, end: int) -> bool:
    """Whether text[start:end] stands in a short quotation: “以××为准” is an example."""
    opened = text.rfind("“", max(0, start - 20), start)
    closed = text.find("”", end, end + 20)
    return opened >= 0 and closed >= 0 and "”" not in text[opened:start]


def _markers(text: Text) -> list[tuple[int, int]]:
    found = []
    for m in _MARKER.finditer(text.text):
        word = m.group()
        if text.in_object(m.start(), m.end()) or _quoted(text.text, m.start(), m.end()):
            continue
        if word.lower().startswith("tb") and not word.isupper():
            continue  # tbd in running text is rare; TBD is the marker
        if word[:1] in "Xx" and _CASED.fullmatch(word[:1]) and not word.isupper():
            continue  # xxx lower case: an abbreviation, not a marker
        if found and _JOINED.fullmatch(text.text, found[-1][1], m.start()):
            found[-1] = (found[-1][0], m.end())  # XX年XX月XX日 is one date to fill
        else:
            found.append((m.start(), m.end()))
    return found


def _vague(text: Text) -> list[tuple[int, int]]:
    found = []
    for m in _VAGUE.finditer(text.text):
        if text.in_object(m.start(), m.end()):
            continue
        after = m.end()
        if _TARGET.match(text.text, after) or text.in_object(after, after + 10):
            continue
        found.append((m.start(), m.end()))
    return found


def check(ctx: Context) -> Iterator[Finding]:
    for text in ctx.texts:
        for start, end in ctx.memo("template_markers", text, _markers):
            shown = text.text[start:end]
            yield Finding(
                "template_marker", WARNING,
                Msg("{0}中留有模板标记“{1}”，请填写或删除",
                    "The template marker “{1}” is left in {2}: fill it in or delete it",
                    Msg(*ctx.places.where(text.ref)), shown, ctx.places.where(text.ref)[1]),
                **ctx.locate(text, start, end), subject=shown,
            )  # fmt: skip
        for start, end in ctx.memo("vague_references", text, _vague):
            shown = text.text[start:end]
            yield Finding(
                "vague_reference", WARNING,
                Msg("{0}中的“{1}”未指明所指条款，请写明具体条款",
                    "In {2}, “{1}” does not say which article it means: name it",
                    Msg(*ctx.places.where(text.ref)), shown, ctx.places.where(text.ref)[1]),
                **ctx.locate(text, start, end), subject=shown,
            )  # fmt: skip
