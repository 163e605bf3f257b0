"""Leftovers: template markers outside fields, 见上文/见下文 without a target.

The importer turns most blanks into fields (``Text.objects``, checked as unfilled); what a
template leaves as text -- XXX, XX银行XX支行, 【】, {{…}}, [●], [insert …], [Note to draft …],
____, TBD -- is looked for in the stretches between them; so are 见上文 / "set out above"
that name no article. Each text is read once (``Context.each``), its findings kept
with it (``Context.kept``)."""

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
    r"(?=[Xx×Ｘ＊〇○【{\[［_＿Tt此])"  # one test a character: most are none of these
    r"(?:(?<![A-Za-z])(?<!Article )(?<!Section )(?<!ARTICLE )(?<!SECTION )(?<!Chapter )"
    r"(?:X{3,}|x{3,})(?![A-Za-z])"  # XXX公司, not the roman numeral of Article XXX
    r"|(?<![A-Za-z])XX(?=[年月日号市省区县公])|(?<=[年月])XX(?![A-Za-z])"  # XX年XX月XX日
    # XX银行XX支行, 身份证号xx: a name's part left to fill beside Chinese (never a roman
    # numeral, a size XXL or a model XX-200, which stand among Latin letters and digits)
    r"|(?<![A-Za-z0-9])(?:XX|xx)(?=[\u4e00-\u9fff])|(?<=[\u4e00-\u9fff])(?:XX|xx)(?![\w\-])"
    # a value left as XX after its label: 联系人：XX, Tel: XX, company number XX
    r"|(?:(?<=[：:])|(?<=[：:] )|(?<=number )|(?<=No\. ))(?:XX|xx)(?![\w\-])"
    r"|^(?:XX|xx)(?=[。；，]|$)"  # the whole value under a heading (联系人：|XX。)
    r"|[×Ｘ＊]{2,}|〇〇〇|○○○"
    r"|【[\s　…·●•_＿.]*】"  # 【】, 【…】 (a 【标题】 with words is emphasis)
    r"|［[\s　…·●•_＿.]*］"  # ［●］, ［ ］: the full-width square brackets
    r"|\{\{[^{}\n]{0,40}\}\}"
    r"|\[(?:[\s●•…_.]*|[\s●•…_.]*(?:to )?insert\b[^\]\n]{0,300}|TB[DC](?:[:：\s][^\]\n]{0,200})?"
    r"|to be (?:confirmed|determined|agreed)"
    r"[^\]\n]{0,40})\]"
    r"|\[(?:note to (?:draft|drafter|client|[A-Z]\w*)|NTD|drafting note|draft(?:er)?'?s? note)"
    r"\b[^\]\n]{0,400}(?:\]|$)"  # [Note to draft: …], [NTD: …] (its heading alone, too)
    r"|_{3,}|＿{2,}"
    r"|(?<![A-Za-z])TB[DC](?![A-Za-z])"
    r"|此处(?:填写|插入|注明))",
    re.IGNORECASE,
)
_CJK = re.compile(r"[\u4e00-\u9fff]")
_VAGUE = re.compile(
    r"(?=[详参见如上saprmdnib])(?:(?:详|参)?见上文|(?:详|参)?见下文|如上(?:文)?所述|上文所述|如下文所述"
    r"|\bsee (?:above|below)\b|\bas (?:stated|mentioned|noted) (?:above|below)\b"
    r"|\bas described above\b"
    r"|\b(?:set (?:out|forth)|provided(?: for)?|referred to|mentioned|described|specified"
    r"|stated|noted|indicated) above\b"
    # below: what points ahead to another provision (set out below, described below most
    # often introduce the list that follows)
    r"|\b(?:provided(?: for)?|referred to|mentioned) below\b(?![ \t]*[:：])"
    r"|\b(?:above|below)[- ]mentioned\b)",
    re.IGNORECASE,
)
# What follows a vague phrase when it does say where: 见上文第三条, see above in Section 2.
_TARGET = re.compile(
    r"[^。；;.\n]{0,8}?(?:第[^条款項项]{1,8}[条款項项]|附件|Section|Article|Clause|Exhibit|Schedule)",
    re.IGNORECASE,
)


# Markers joined so are one blank: XX年XX月XX日, XX银行XX支行, XX市XX区.
_JOINED = re.compile(r"[年月日号/.\- ]?|[\u4e00-\u9fff]{1,4}")


# A character or word every marker or vague phrase has: most texts are passed over by this.
_MAYBE = re.compile(
    r"(?=[Xx×Ｘ＊〇○【{\[［_＿t此上下如ab])"  # one test a character: most fail it
    r"(?:[Xx×Ｘ＊〇○【{\[［_＿]|TB|此处|上文|下文|如上|above|below)",
    re.IGNORECASE,
)


def _quoted(text: str, start: int, end: int) -> bool:
    """Whether text[start:end] stands in a short quotation: “以××为准” is an example."""
    opened = text.rfind("“", max(0, start - 20), start)
    closed = text.find("”", end, end + 20)
    return opened >= 0 and closed >= 0 and "”" not in text[opened:start]


def _beside_cjk(text: str, start: int, end: int) -> bool:
    return bool(start and _CJK.match(text, start - 1) or _CJK.match(text, end))


def _markers(text: str) -> list[tuple[int, int]]:
    found: list[tuple[int, int]] = []
    for m in _MARKER.finditer(text):
        word = m.group()
        if _quoted(text, m.start(), m.end()):
            continue
        if word.lower().startswith("tb") and not word.isupper():
            continue  # tbd in running text is rare; TBD is the marker
        if word[:1] in "Xx" and not word.isupper() and not _beside_cjk(text, *m.span()):
            continue  # xxx lower case: an abbreviation, not a marker (xx银行 is one)
        if found and _JOINED.fullmatch(text, found[-1][1], m.start()):
            found[-1] = (found[-1][0], m.end())  # XX年XX月XX日 is one date to fill
        else:
            found.append((m.start(), m.end()))
    return found


# A target named just before: the fee under Section 4.2 as set out above.
_TARGET_BEFORE = re.compile(
    r"(?:第[^条款項项]{1,8}[条款項项]|\b(?:Section|Article|Clause|Exhibit|Schedule)s?[ \t]+"
    r"[\w.()]+)[^。；;.\n]{0,12}$",
    re.IGNORECASE,
)


# The rest of the contract as a whole: subject to the terms and conditions set forth below.
_WHOLE = re.compile(r"\b(?:terms|conditions|provisions)[ \t]+$", re.IGNORECASE)


def _vague(text: str) -> list[tuple[int, int]]:
    return [
        m.span()
        for m in _VAGUE.finditer(text)
        if not _TARGET.match(text, m.end())
        and not _TARGET_BEFORE.search(text, max(0, m.start() - 30), m.start())
        and not _WHOLE.search(text, max(0, m.start() - 30), m.start())
    ]


def leftovers(text: Text) -> tuple[tuple[str, int, int], ...]:
    """(kind, start, end) of each marker and vague reference in a text's characters (a
    blank that shows as written, 【】 or ____, is told apart by the check, not here)."""
    if not _MAYBE.search(text.text):
        return ()
    found = [("template_marker", s, e) for s, e in _markers(text.text)]
    found += [("vague_reference", s, e) for s, e in _vague(text.text)]
    return tuple(found)


_MESSAGES = {
    "template_marker": (
        "{0}中留有模板标记“{1}”，请填写或删除",
        "The template marker “{1}” is left in {2}: fill it in or delete it",
    ),
    "vague_reference": (
        "{0}中的“{1}”未指明所指条款，请写明具体条款",
        "In {2}, “{1}” does not say which article it means: name it",
    ),
}


def check(ctx: Context) -> Iterator[Finding]:
    for text, found in ctx.each("leftovers", leftovers):
        yield from ctx.kept("leftovers", text, lambda t, f=found: _findings(ctx, t, f))


def _findings(
    ctx: Context, text: Text, found: tuple[tuple[str, int, int], ...]
) -> Iterator[Finding]:
    where = ctx.places.where(text.ref)
    for kind, start, end in found:
        if text.in_object(start, end) or (
            kind == "vague_reference" and text.in_object(end, end + 10)
        ):
            continue  # a blank to fill, or a reference bound right after 见上文
        shown = text.text[start:end]
        zh, en = _MESSAGES[kind]
        yield Finding(
            kind, WARNING, Msg(zh, en, Msg(*where), shown, where[1]),
            **ctx.locate(text, start, end), subject=shown,
        )  # fmt: skip
