"""Find the blanks a lawyer fills in contract text, and name each one as a lawyer reads it.

Spans are ``[start, end)`` offsets into the text given, so a blank can be highlighted or
replaced in place. Labels are what a form field beside the blank would say: the name
written in the blank, else the words before it (``甲方名称:____`` -> ``甲方名称``) with the
unit after it (``有效期限为____年`` -> ``有效期限（年）``).
"""

from __future__ import annotations

import re

from clause_db.model import Placeholder

_CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_LATIN = "A-Za-z0-9\uff10-\uff19\uff21-\uff3a\uff41-\uff5a_"  # incl. full-width letters/digits
_NAME = rf"[A-Za-z_{_CJK}][\w.\-]{{0,39}}"
_CHECKBOXES = "□☐"
_TICKED = "☑■"  # a box written ticked; ■ only beside other boxes (alone it is a bullet)
_BOXES = _CHECKBOXES + _TICKED
_CJK_RE = re.compile(f"[{_CJK}\u3000-\u303f\uff01-\uff5e]")  # hanzi or CJK punctuation

_BLANK = re.compile(
    rf"(?P<template>\{{\{{\s*(?P<tbox>[{_BOXES}])?\s*(?P<t2>{_NAME})\s*\}}\}}"
    rf"|\{{\s*(?P<t1>{_NAME})\s*\}})"
    r"|(?P<bracket>【(?P<b>[^【】\n]{0,40})】)"
    r"|(?P<task>\[(?P<tick>[ xX])\])"  # - [ ] / - [x] at a line's start: a box to tick
    r"|(?P<square>\[(?P<sq>[^\[\]\n]{1,60})\](?!\())"  # not a markdown link [text](url)
    r"|(?P<underscore>[_＿]{2,})"
    rf"|(?P<checkbox>[{_BOXES}])"
    rf"|(?P<stand_in>(?<![{_LATIN}])[Xx×Ｘｘ]{{3,}}(?![{_LATIN}]))"
)
_ANONYMOUS = re.compile(r"[\s●•·…_＿.]*|[Xx]+")  # [●], [ ], [...], [X] name nothing
_NOT_BLANK_SQUARE = re.compile(  # citations [1], [2-4] and drafting notes
    r"\s*\d+(?:\s*[-–,，]\s*\d+)*\s*|(?i:.*\b(?:reserved|intentionally|signature page)\b.*)"
)
_ROMAN_BEFORE = re.compile(r"(?i)\b(?:article|section|chapter|part|schedule|clause)\s*$")

# Where a lawyer's reading of "the words before the blank" stops.
_STOP = re.compile(r"[，,。；;：:、！!？?\n\r\t（）()\[\]【】「」『』“”\"《》□☐☑■]")
_COLONS = ":："
_NUMBERING = re.compile(
    r"^\s*(?:\d+(?:\.\d+)*[.、)）]?|[（(][一二三四五六七八九十\d]+[)）]"
    r"|[一二三四五六七八九十]+、|第[一二三四五六七八九十百零\d]+条)\s*"
)
_CURRENCY = re.compile(r"(人民币|美元|港币|港元|欧元|日元|RMB|CNY|USD|US\$|HK\$|EUR|\$)\s*$")
# longest first: 合计 goes whole, not as 计 leaving 合
_CJK_FILLER = (
    "不超过",
    "不少于",
    "不低于",
    "合计",
    "总计",
    "共计",
    *"为是应在于至的共计约即按由达需须将每第等",
)
_EN_FILLER = frozenset(
    ("the", "a", "an", "of", "is", "are", "be", "to", "at", "on", "in", "for", "by", "as")
    + ("shall", "will", "and", "or", "with", "from", "within")
)
_UNIT = re.compile(
    r"\s*(元/(?:月|年|日|天|小时|次)|万元|美元|元|个工作日|工作日|个月|小时|分钟|年|月|日|天|周"
    r"|时(?![间期候效限])|人(?![民员])|夜|份"
    r"|[%％]|(?i:(?:business |working |calendar )?days?|years?|months?|hours?|weeks?"
    r"|percent|dollars?)(?![A-Za-z]))"
)
_ORG = re.compile(
    r"\s*(仲裁委员会|人民法院|法院|股份有限公司|有限责任公司|有限公司|公司|银行|律师事务所|省|市|区|县"
    r"|(?i:limited|ltd|inc|llc)\b)"
)
_WITHIN = ("内", "以内", "后", "以后", "之内", "之后")
_CJK_GAP = re.compile(f"(?<=[{_CJK}])\\s+(?=[{_CJK}])")
_PARTY = re.compile(r"[甲乙丙丁]方|(?i:party [a-d]\b ?)")
_SENTENCE_END = re.compile(r"[。；;\n]")
_LIST_ITEM = re.compile(r"[ \t]*(?:[-*+][ \t]+|\d+[.)][ \t]*)?")
_OPTION = re.compile(r"[ \t]+\S")
_OPTION_END = re.compile(rf"{_STOP.pattern}|[_＿{{【|]")  # 其他____ or a cell: the option ends
_MAX_CJK, _MAX_WORDS, _REACH = 12, 5, 80


def find_placeholders(text: str, start: int = 0, end: int | None = None) -> list[Placeholder]:
    """The blanks in ``text[start:end]``, sorted, non-overlapping, spans absolute in ``text``."""
    start = max(0, start)
    seg = text[start : len(text) if end is None else max(start, end)]
    found: list[Placeholder] = []
    prev_end, prev_base = 0, ""
    pos = 0
    while m := _BLANK.search(seg, pos):
        kind, name = _classify(m, seg)
        if kind is None:
            pos = m.start() + 1  # not a blank: something inside it still may be
            continue
        s, e = m.span()
        if name:
            label = base = name
        elif kind == "checkbox":
            after = "" if _option_before(seg, s, e) else _words_after(seg, e)
            label = base = after or _label(seg, prev_end, s, e, prev_base)[0]
        else:
            label, base = _label(seg, prev_end, s, e, prev_base)
            label = _with_party(label, found, seg, start, s)
        ticked = kind == "checkbox" and _box(m) in _TICKED
        found.append(Placeholder(kind, (start + s, start + e), label, name, ticked=ticked))
        prev_end, prev_base, pos = e, base, e
    return _group_boxes(seg, start, found)


def _box(m: re.Match[str]) -> str:
    """The box a checkbox match shows: ☐ or ☑ for ``[ ]`` / ``[x]``, else as written."""
    if m["task"]:
        return "☐" if m["tick"] == " " else "☑"
    return m["tbox"] or m["checkbox"] or ""


def _group_boxes(seg: str, start: int, found: list[Placeholder]) -> list[Placeholder]:
    """Tick boxes offered together share a group: the boxes of one line, and of a run of
    lines whose boxes open the line or follow the same words (证件类型：☐A ☐B; □A / □B /
    □C a line each; table rows ``数据 | ☐A``). A group of bare ■ only is a list's bullets,
    not boxes: those are dropped."""
    groups: dict[int, list[Placeholder]] = {}
    key, line_end, lead = -1, -1, ""
    for p in found:
        if p.kind != "checkbox":
            continue
        s = p.span[0] - start
        if s >= line_end:  # the first box of a line
            line_start = seg.rfind("\n", 0, s) + 1
            words = _NUMBERING.sub("", seg[line_start:s]).strip(" \t-*+•·")
            joins = line_end >= 0 and not seg[line_end:line_start].strip()
            if not (joins and words in ("", lead)):
                key = p.span[0]
            lead = words
            newline = seg.find("\n", s)
            line_end = len(seg) if newline < 0 else newline
        p.group = key
        groups.setdefault(key, []).append(p)
    bullets = {
        id(p)
        for members in groups.values()
        if all(seg[p.span[0] - start] == "■" for p in members)
        for p in members
    }
    return [p for p in found if id(p) not in bullets]


def _with_party(label: str, found: list[Placeholder], seg: str, start: int, s: int) -> str:
    """地址 after 甲方名称 in one sentence is 甲方地址: the party carries over to its details."""
    if not found or _PARTY.match(label):
        return label
    previous = found[-1]
    party = _PARTY.match(previous.label)
    between = seg[previous.span[1] - start : s]
    if party and not _SENTENCE_END.search(between):
        role = party.group(0).strip()
        return f"{role} {label}" if role.isascii() else role + label
    return label


def _classify(m: re.Match[str], seg: str) -> tuple[str | None, str | None]:
    """(kind, name) of a match, or (None, None) when it only looks like a blank."""
    if m["template"]:  # {{☐name}}: a box to tick, named in the template
        return "checkbox" if m["tbox"] else "template", m["t2"] or m["t1"]
    if m["bracket"]:
        inner = m["b"]
        return (
            ("bracket_empty", None)
            if _ANONYMOUS.fullmatch(inner)
            else ("bracket_named", inner.strip())
        )
    if m["square"]:
        inner = m["sq"]
        if _NOT_BLANK_SQUARE.fullmatch(inner):
            return None, None
        return "square", None if _ANONYMOUS.fullmatch(inner) else inner.strip()
    if m["underscore"]:
        width = sum(2 if c == "＿" else 1 for c in m["underscore"])
        return ("underscore", None) if width >= 3 else (None, None)
    if m["checkbox"]:
        return "checkbox", None
    if m["task"]:  # a box only where a list item opens; elsewhere [ ] / [X] is a blank
        if seg.startswith("(", m.end()):
            return None, None  # a markdown link [x](url)
        line = seg[seg.rfind("\n", 0, m.start()) + 1 : m.start()]
        opens = _LIST_ITEM.fullmatch(line) and _OPTION.match(seg, m.end())
        return ("checkbox", None) if opens else ("square", None)
    before = seg[max(0, m.start() - 20) : m.start()]
    roman = _ROMAN_BEFORE.search(before) or (
        m[0] == "xxx" and before.endswith("(") and seg.startswith(")", m.end())
    )
    return (None, None) if roman else ("stand_in", None)


def _label(seg: str, prev_end: int, s: int, e: int, prev_base: str) -> tuple[str, str]:
    """(label, base) of an anonymous blank: base is the label without its unit."""
    cjk = _CJK_RE.search(seg, max(0, s - 30), e + 30) is not None
    lo = max(prev_end, s - _REACH)
    after_last = lo == prev_end and bool(prev_base)  # the last blank is within reach
    if after_last and (unit_before := _UNIT.match(seg, lo)) and unit_before.end() <= s:
        lo = unit_before.end()  # ____年____月: 年 is the last blank's, not this one's label
    chunk = seg[lo:s]
    cut = _last_stop(chunk)
    near = chunk[cut + 1 :]
    colon = ""
    if not near.strip() and cut >= 0 and chunk[cut] in _COLONS:
        head = chunk[:cut]
        colon = _clean(head[_last_stop(head) + 1 :], cjk)[0]
    words, currency = _clean(near, cjk)
    unit_m = _UNIT.match(seg, e)
    unit = unit_m[1] if unit_m else ""
    org = _ORG.match(seg, e)
    if after_last and cut < 0 and not words:
        base = prev_base  # ____年____月____日: one date, three blanks; 旅游者____等____人
    elif colon:
        base = colon
    elif org:
        base = f"{org[1]}名称" if cjk else "company name"
    else:
        within = unit_m is not None and seg.startswith(_WITHIN, unit_m.end())
        base = words or _category(unit, currency, cjk, within)
    if currency:
        unit = f"{currency}{unit}" if cjk else f"{currency} {unit}".strip()
    if not unit:
        return base, base
    return (f"{base}（{unit}）" if cjk else f"{base} ({unit})"), base


def _last_stop(chunk: str) -> int:
    """Index of the last stop character in ``chunk``, -1 if none."""
    last = -1
    for m in _STOP.finditer(chunk):
        last = m.start()
    return last


def _clean(words: str, cjk: bool) -> tuple[str, str]:
    """(label words, currency): numbering, filler and currency taken off, tail kept short."""
    words = _NUMBERING.sub("", words).strip()
    currency = ""
    if m := _CURRENCY.search(words):
        currency, words = m[1], words[: m.start()].strip()
    if cjk:
        words = _CJK_GAP.sub("", words)  # 住　　址 -> 住址: spaced out to fill a form's width
        while words.endswith(_CJK_FILLER):
            words = next(words[: -len(f)] for f in _CJK_FILLER if words.endswith(f)).strip()
        words = words.strip("0123456789 ")
        return words[-_MAX_CJK:], currency
    tokens = words.split()
    while tokens and tokens[-1] in _EN_FILLER:  # case-sensitive: "Party A" keeps its "A"
        tokens.pop()
    tokens = tokens[-_MAX_WORDS:]
    while tokens and tokens[0].lower() in _EN_FILLER:
        tokens.pop(0)
    return " ".join(tokens), currency


def _category(unit: str, currency: str, cjk: bool, within: bool) -> str:
    """What a blank holds when only its unit says so: 金额, 比例, 日期, 期限, or just 空白.
    ``within``: the unit is followed by 内/后 (____日内 is a period, ____日 a date)."""
    u = unit.lower()
    if currency or "元" in u or "dollar" in u:
        kind = ("金额", "amount")
    elif u in ("%", "％", "percent"):
        kind = ("比例", "percentage")
    elif u in ("年", "月", "日", "时") and not within:
        kind = ("日期", "date")
    elif u == "人":
        kind = ("人数", "number of people")
    elif u:
        kind = ("期限", "period")
    else:
        kind = ("空白", "blank")
    return kind[0] if cjk else kind[1]


def _option_before(seg: str, s: int, e: int) -> bool:
    """``同意□ 不同意□``: the box hugs the word before it and stands apart from the next."""
    hugs_before = s > 0 and not seg[s - 1].isspace() and not _STOP.match(seg, s - 1)
    apart_after = e == len(seg) or seg[e].isspace() or _STOP.match(seg, e) is not None
    return hugs_before and apart_after


def _words_after(seg: str, e: int) -> str:
    """A checkbox's option: the words after it, up to the next box or punctuation."""
    tail = seg[e : e + 40]
    stop = _OPTION_END.search(tail)
    words = (tail[: stop.start()] if stop else tail).strip()
    if _CJK_RE.search(words):
        return words[:_MAX_CJK]
    return " ".join(words.split()[:_MAX_WORDS])
