"""Numbering markers (第一条, 1.1, （一）, ARTICLE I, (a)) in contract text, and which are headings.

Finding the markers is easy; the work is in rejecting the ones that are not headings: cross
references inside sentences (按照本合同第八条的规定, Section 4.2 above) and numbers inside
sentences (1.5倍, 3.5 million). Markers here are only candidates; ``outline_builder`` decides
with the help of the sequence they form.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from clause_db.numerals import cn_to_int, roman_to_int

CN_NUM = r"[零〇一二两兩三四五六七八九十百千]+|\d+"
# Spaces typeset inside and after headings: 第　一　条 (U+3000), 第一条\u2002定义 (EN space).
SP = r"[ \t\u3000\u2000-\u200a]"

# Kinds by level. Parts group articles; articles hold clauses; clauses nest.
PART_KINDS = ("cn_part", "cn_chapter", "cn_section", "en_part")
ARTICLE_KINDS = ("cn_article", "en_article", "en_section")  # plus 1. / 一、 when nothing else
ITEM_KINDS = ("paren_cn", "cn_dun", "arabic", "paren_num", "paren_alpha", "paren_roman", "circled")

# A marker may start a line after markdown or bullet decoration.
_LINE_PREFIX = re.compile(rf"{SP}*(?:[#>]+[ \t]*|\*\*|[-•][ \t]+)?")
_SEP = rf"{SP}*[:：]?{SP}*"
_LABEL_GLUE = " \t\u3000:：*" + "".join(map(chr, range(0x2000, 0x200B)))  # around a label

_PATTERNS: list[tuple[str, re.Pattern[str], bool]] = [
    # (kind, pattern, must start a line)
    # Simplified and Traditional: 编/編, 分编 (a statute's sub-book), 节/節, 条/條.
    ("cn_part", re.compile(rf"第{SP}*(?P<n>{CN_NUM}){SP}*部分{_SEP}"), False),
    ("cn_chapter", re.compile(rf"第{SP}*(?P<n>{CN_NUM}){SP}*(?:章|分?[编編]){_SEP}"), False),
    ("cn_section", re.compile(rf"第{SP}*(?P<n>{CN_NUM}){SP}*[节節]{_SEP}"), False),
    ("cn_article", re.compile(rf"第{SP}*(?P<n>{CN_NUM}){SP}*[条條](?:\*\*)?{_SEP}"), False),
    (
        "en_part",
        re.compile(r"(?:PART|Part|CHAPTER|Chapter)[ \t]+(?P<n>[A-Z]|[IVXLC]+|\d+)\b[.:]?[ \t]*"),
        True,
    ),
    (
        "en_article",
        re.compile(r"(?:ARTICLE|Article)[ \t]+(?P<n>\d+|[IVXLC]+)\b[.:]?[ \t]*"),
        True,
    ),
    (
        "en_section",
        re.compile(r"(?:SECTION|Section|§)[ \t]*(?P<n>\d+(?:\.\d+)*)\b\.?[ \t]*"),
        True,
    ),
    (
        "dotted",
        re.compile(r"(?<!\d)(?<!\d[.．])(?P<n>\d{1,3}(?:[.．]\d{1,3})+)(?![\d])[.．]?[ \t\u3000]*"),
        False,
    ),
    ("paren_cn", re.compile(r"[（(](?P<n>[一二三四五六七八九十]{1,3})[）)][ \t\u3000]*"), False),
    (
        "cn_dun",
        re.compile(r"(?<![一二三四五六七八九十])(?P<n>[一二三四五六七八九十]{1,3})、[ \t\u3000]*"),
        False,
    ),
    (
        "arabic",
        re.compile(r"(?<!\d)(?<!\d[.．])(?P<n>\d{1,3})[.．、](?![\d.．])[ \t\u3000]*"),
        False,
    ),
    ("paren_num", re.compile(r"[（(](?P<n>\d{1,2})[）)][ \t\u3000]*"), False),
    ("paren_alpha", re.compile(r"[（(](?P<n>[a-zA-Z])[）)][ \t\u3000]*"), True),
    ("paren_roman", re.compile(r"[（(](?P<n>[ivxIVX]{1,5})[）)][ \t\u3000]*"), True),
    ("circled", re.compile(r"(?P<n>[①-⑳])[ \t\u3000]*"), False),
]

# Words before a 第X条 that make it a reference, not a heading: 按照本合同第八条, 第四条、第五条.
_REF_BEFORE = re.compile(
    r"(?:(?:本|该|該|原|主|此|上述|前述|(?:按照|依照|根据|根據|依据|依據|参照|參照|参见|參見|详见|詳見"
    r"|违反|違反|遵守|适用|適用|见|見|依|按|照)(?:本|该|該)?)"
    r"(?:合同|协议|協議|合约|合約|法|条例|條例|规定|規定|章|条|條|款)?"
    r"|及|和|与|與|或|、|至|即|经|經|由|对|對|于|於|之|除|第)[ \t\u3000]*$"
)
# Words after one: 第八条的规定, 第四条、第五条, 第三条第二款, 第8条约定.
_REF_AFTER = re.compile(
    r"^(?:的|之|、|及|和|与|與|或|至|到|规定|規定|约定|約定|所(?:述|列|称|稱|指|规定|規定|约定|約定)"
    r"|[项項]下|第[一二三四五六七八九十\d]+[款项項条條]|款|[项項]|"
    r"[,，。；;）)]|[ \t]*\d)"
)
# What follows a number inside a sentence: 1.5倍, 3.5 million, 2.5万元, 10%.
_UNIT_AFTER = re.compile(
    r"^(?:[%％‰倍元万亿米吨克]|小时|个月|个工作日|工作日|公里|平方|分钟|秒钟?|"
    r"天(?!气)|年(?![度龄])|周(?!期)|次(?![日序])|日(?![期常])|月(?!份)|"
    r"[ \t]*(?:million|billion|thousand|percent|per\b|times|%|x\b|days?|months?|years?|hours?|"
    r"kg|km|m\b|cm|mm|USD|RMB|CNY|dollars?|yuan|above|below|hereof|herein|of\b))",
    re.IGNORECASE,
)
_REF_WORD_BEFORE = re.compile(r"(?:第|Section|section|Article|article|Clause|clause|§)[ \t]*$")


@dataclass
class Marker:
    """A numbering marker that may start a part, an article or a clause."""

    kind: str
    start: int  # where the marker's label starts (line decoration included)
    label_end: int  # after the label and the separators that glue it to its heading
    label: str  # the label as written, without decoration and separators
    value: int | None  # the number it carries (1 for 第一条, (a), (i), ①)
    path: tuple[int, ...] = ()  # dotted numbers: 8.3.1 -> (8, 3, 1)
    line_start: bool = False

    @property
    def number(self) -> str:
        """The clause number as a reader writes it: 8.3.1, 一, 1, a, i."""
        if self.path:
            return ".".join(map(str, self.path))
        return self.label.strip("（()）、.．:： \t\u3000")


def _value(kind: str, raw: str) -> tuple[int | None, tuple[int, ...]]:
    if kind in ("dotted", "en_section") and re.search(r"[.．]", raw):
        path = tuple(int(x) for x in re.split(r"[.．]", raw))
        return path[0], path
    if kind == "circled":
        return ord(raw) - ord("①") + 1, ()
    if kind == "paren_alpha":
        return ord(raw.lower()) - ord("a") + 1, ()
    if kind in ("paren_roman",):
        return roman_to_int(raw), ()
    if kind in ("en_part", "en_article") and not raw.isdigit():
        if len(raw) == 1 and raw not in "IVXLC":
            return ord(raw) - ord("A") + 1, ()
        return roman_to_int(raw), ()
    return cn_to_int(raw), ()


def is_line_start(text: str, pos: int) -> bool:
    line_begin = text.rfind("\n", 0, pos) + 1
    return bool(_LINE_PREFIX.fullmatch(text, line_begin, pos))


def _line_prefix_start(text: str, pos: int) -> int:
    """Where the decoration before a line-starting marker begins (so ``## `` joins the label)."""
    return text.rfind("\n", 0, pos) + 1


def find_markers(text: str, start: int, end: int) -> list[Marker]:
    """Every candidate marker in text[start:end], in order; overlapping candidates are all kept."""
    found: list[Marker] = []
    for kind, pattern, needs_line_start in _PATTERNS:
        for m in pattern.finditer(text, start, end):
            pos = m.start()
            line_start = is_line_start(text, pos)
            if needs_line_start and not line_start:
                continue
            raw = m.group("n")
            value, path = _value(kind, raw)
            if value is None:
                continue
            label = m.group(0).strip(_LABEL_GLUE)
            found.append(
                Marker(
                    kind=kind,
                    start=_line_prefix_start(text, pos) if line_start else pos,
                    label_end=m.end(),
                    label=label,
                    value=value,
                    path=path,
                    line_start=line_start,
                )
            )
    found.sort(key=lambda mk: (mk.start, -(mk.label_end - mk.start)))
    return found


def looks_like_reference(text: str, marker: Marker, region_start: int) -> bool:
    """True when a 第X条 / 第X部分 marker sits inside a sentence as a cross-reference."""
    if marker.line_start:
        after = text[marker.label_end : marker.label_end + 8]
        return bool(_REF_AFTER.match(after)) and not _heading_follows(text, marker)
    before = text[max(region_start, marker.start - 6) : marker.start]
    if _REF_BEFORE.search(before):
        return True
    after = text[marker.label_end : marker.label_end + 4]
    raw_after = text[marker.start : marker.start + 40]
    if re.match(r"第[^条條部章节節编編]{1,8}[条條部分章节節编編]{1,2}[:：]", raw_after):
        return False  # 第一条: heading
    return bool(_REF_AFTER.match(after))


def _heading_follows(text: str, marker: Marker) -> bool:
    return text[marker.start : marker.label_end].rstrip().endswith((":", "："))


def looks_like_number_in_sentence(text: str, marker: Marker) -> bool:
    """True for 1.5倍, 3.5 million, 第8.3条, Section 4.2 above: numbers that are not headings."""
    if marker.kind == "en_section":  # "Section 4.2 above applies": a heading is not lowercase
        return bool(re.match(r"[ \t]*[a-z]", text[marker.label_end : marker.label_end + 2]))
    if marker.line_start:
        return False
    after = text[marker.start + len(marker.label) : marker.start + len(marker.label) + 12]
    if _UNIT_AFTER.match(after):
        return True
    return bool(_REF_WORD_BEFORE.search(text[max(0, marker.start - 9) : marker.start]))
