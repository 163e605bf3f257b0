"""What one text says about dates and periods: dates that cannot exist, a range whose end
is before its start, and each period (三十日内, within thirty (30) days) with the act it
is for, so ``dates`` can compare one act's periods across the draft.

Pure reading of characters (kept per text by ``Context.memo``); offsets are into the text
as read (``Text.text``).
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass, replace
from datetime import date
from typing import TYPE_CHECKING

from clause_db.number_words import (
    ENGLISH_NUMBER_WORDS,
    NUMBER_BLANK,
    ascii_digits,
    english_number,
)
from clause_db.numerals import cn_to_int

if TYPE_CHECKING:
    from collections.abc import Iterator

_CN_YEAR_DIGITS = {c: str(i) for i, c in enumerate("〇一二三四五六七八九")} | {"零": "0", "○": "0"}
_CN = "零〇一二两三四五六七八九十"
_MONTHS = {
    m.lower(): i
    for i, names in enumerate(
        [(), ("January", "Jan"), ("February", "Feb"), ("March", "Mar"), ("April", "Apr"),
         ("May",), ("June", "Jun"), ("July", "Jul"), ("August", "Aug"),
         ("September", "Sep", "Sept"), ("October", "Oct"), ("November", "Nov"),
         ("December", "Dec")]
    )
    for m in names
}  # fmt: skip
_MONTH = r"(?P<mon>(?:January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?)"  # noqa: E501
# (it tries its forms only where one can start: a digit, a Chinese numeral, a month's name)
DATE = re.compile(
    rf"(?=[\d〇○零一二三四五六七八九十JFMASOND])(?:(?P<y>(?<!\d)\d{{4}}|[〇○零一二三四五六七八九]{{4}})\s*年\s*(?P<m>\d{{1,2}}|[{_CN}]{{1,3}})\s*月"
    rf"(?:\s*(?P<d>\d{{1,2}}|[{_CN}]{{1,3}})\s*[日号])?"
    rf"|(?<![\d年个{_CN}])(?P<m2>\d{{1,2}}|十[一二]?|[一二三四五六七八九])\s*月\s*"
    rf"(?P<d2>\d{{1,2}}|[一二三]?十[一二三四五六七八九]?|[一二三四五六七八九])\s*[日号]"
    r"|(?<![A-Za-z\d.\-/])(?P<y3>(?:19|20|21)\d\d)(?P<sep>[-/.])(?P<m3>\d{1,2})(?P=sep)"
    r"(?P<d3>\d{1,2})(?![\d.\-/])"
    rf"|(?<!\d)(?P<d4>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:day\s+of\s+)?{_MONTH.replace('mon', 'mon4')}"
    r",?\s+(?P<y4>(?:19|20|21)\d\d)(?!\d)"
    rf"|{_MONTH}\s+(?P<d5>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y5>(?:19|20|21)\d\d)(?!\d))"
)
# between the two dates of a range: 至, 起至, 到, —, to, until, through, and ending on
_RANGE = re.compile(
    r"\s*(?:[（(]含[)）])?\s*(?:起|开始)?[，,\s]*(?:至|到|起至|止于|—{1,2}|–|-|~|～)\s*"
    r"|\s*(?:to|until|till|through|and(?:\s+(?:end|expir|terminat)(?:s|es|ing)\s+on)?)\s+",
    re.IGNORECASE,
)
_ENGLISH_MONTH = re.compile(r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)")
_ISO = re.compile(r"\d{4}[-/.]\d")
_ENGLISH_UNIT = re.compile(r"(?=[dmwh])\b(?:day|month|week|hour)", re.I)
_STARTS = re.compile(
    r"(?:开始|起始|出发|生效|起租|入住|开工|装运|发运|起运)(?:日期|时间|日)"
    r"|(?:start|starting|commencement|departure)\s+(?:date|time)"
    r"|\b(?:commences?|begins?|starts?)\s+on\b",
    re.I,
)
_ENDS = re.compile(
    r"(?:结束|终止|截止|到期|届满|返回|返程|失效|退租|离店|竣工|完工|运抵|到货)(?:日期|时间|日)|"
    r"(?:end|ending|expiry|expiration|termination|return)\s+(?:date|time)"
    r"|\b(?:expires?|ends?)\s+on\b",
    re.I,
)
# An end said after its date: 于2025年5月18日前将货物运抵到达地 (the arrival's deadline).
_ENDS_AFTER = re.compile(r"\s*(?:之前|以前|前)[^，,。；;]{0,10}?(?:运抵|竣工|完工|返回)")

# 年 only as a term of years still to fill (____年): not a date's year (____年__月__日)
_UNIT = (
    r"(?P<unit>个工作日|个自然日|个日历日|工作日|自然日|日历日|日|天|个月|周|小时"
    r"|年(?!度|\s*(?:[\d_＿【{\[]|[一二三四五六七八九十〇零]{1,3}\s*月)))"
)
_NUMBER_ZH = rf"(?P<num>\d+|[{_CN}百]+)(?:\s*[（(]\s*(?P<num2>\d+|[{_CN}百]+)\s*[)）])?"
PERIOD_ZH = re.compile(
    rf"(?=[\d{_CN}百_＿【{{\[Xx×])(?<![\d{_CN}第年月.])(?:{_NUMBER_ZH}|(?P<blank>{NUMBER_BLANK}))\s*{_UNIT}(?P<within>内|以内|之内)?"
)
_EN_WORD = "|".join(sorted(ENGLISH_NUMBER_WORDS, key=len, reverse=True))
PERIOD_EN = re.compile(
    rf"(?:\b(?P<words>(?:{_EN_WORD})(?:[\s\-]+(?:{_EN_WORD}))*)\s*\(\s*(?P<num2>\d+)\s*\)"
    rf"|\b(?P<num>\d+)|\b(?P<words1>(?:{_EN_WORD})(?:[\s\-]+(?:{_EN_WORD}))*)"
    r"|(?P<blank>_{2,}|\[[●•\s]*\])"
    r")\s*(?P<unit>(?:business|working|calendar)\s+days?|days?|months?|weeks?|hours?)\b",
    re.IGNORECASE,
)
_EN_UNITS = {"day": "日", "days": "日", "month": "个月", "months": "个月", "week": "周",
             "weeks": "周", "hour": "小时", "hours": "小时"}  # fmt: skip
_ZH_UNITS = {"天": "日", "个自然日": "日", "自然日": "日", "个日历日": "日", "日历日": "日",
             "工作日": "个工作日"}  # fmt: skip
# words that say little about which act a period is for, left out of its key
_FILLER = re.compile(
    r"[甲乙丙丁]方|双方|各方|任何一方|应当|应|须|需|必须|将|可以|可|未|在|于|自|从|向|的|之|"
    r"起|后|以后|之后|内|以内|之内|前|个|日|天|工作|自然|[\s，,、：:“”\"（）()]"
)
_EN_FILLER = re.compile(r"\b(?:the|a|an|shall|will|must|may|of|its|their|party|parties)\b|[\s,]+")
_SEGMENT = re.compile(r"[，,；;。：:\n]")


@dataclass(frozen=True)
class BadDate:
    start: int
    end: int
    shown: str
    days: int  # how many days its month has (0: there is no such month)


@dataclass(frozen=True)
class Period:
    """A period as written: its number (None when it is a blank), unit, how the number is
    written (digits, words, both), and the act it is for (its key; "" when unclear)."""

    start: int
    end: int
    value: int | None
    unit: str
    script: str  # digits | words | both
    key: str
    mismatch: bool  # thirty (45) days: the two numbers disagree
    event: str = ""  # what it runs from (到货|收到发票), when its key is read from Chinese
    # the document a payment runs from (发票, 付款申请单): one payment term wherever it is said,
    # unless the sentence names which instalment it is (预付款…, 尾款…)
    document: str = ""


@dataclass(frozen=True)
class DateFacts:
    impossible: tuple[BadDate, ...] = ()
    reversed_ranges: tuple[tuple[int, int, str], ...] = ()  # (start, end, as written)
    periods: tuple[Period, ...] = ()
    # the dates labelled as a start or an end (开工日期, expires on): (label, start, end, date);
    # "lead" for a date the text opens with unlabelled (its clause heading may say which)
    labelled: tuple[tuple[str, int, int, date], ...] = ()
    names: str | None = None  # start / end: the text is only such a label (a clause heading)


NOTHING = DateFacts()


def read_dates(text: str) -> DateFacts:
    s = ascii_digits(text)
    if not re.search(r"[\d年月日天day_【{\[]", s, re.I):
        return NOTHING
    impossible: list[BadDate] = []
    dates: list[tuple[int, int, date]] = []
    for m in _dates(s):
        y, mo, d = _parts(m)
        if mo is None:
            continue
        days = _days_if_impossible(y, mo, d)
        if days is not None:
            impossible.append(BadDate(m.start(), m.end(), text[m.start() : m.end()], days))
        elif y is not None and d is not None:
            dates.append((m.start(), m.end(), date(y, mo, d)))
    impossible += _impossible_slash_dates(s, text)
    periods = _periods(s, text)
    labelled = [(label, *d) for d in dates if (label := _label(s, d[0], d[1]))]
    reversed_ranges = _reversed(s, text, dates, labelled)
    if dates and not s[: dates[0][0]].strip() and not labelled[:1]:
        labelled.insert(0, ("lead", *dates[0]))
    names = _names(s) if not dates and len(s) <= _LABEL_LENGTH else None
    if not (impossible or periods or reversed_ranges or labelled or names):
        return NOTHING
    return DateFacts(
        tuple(impossible), tuple(reversed_ranges), tuple(periods), tuple(labelled), names
    )


_LABEL_LENGTH = 16


def _names(s: str) -> str | None:
    """start / end when the whole text is a date's label (计划开工日期, Expiry Date:)."""
    s = s.strip().rstrip(":：")
    for label, pattern in (("start", _STARTS), ("end", _ENDS)):
        if any(m.end() == len(s) for m in pattern.finditer(s)):
            return label
    return None


def _dates(s: str) -> Iterator[re.Match[str]]:
    """DATE's matches, asked only of texts that can hold one (most say no month)."""
    if "月" in s or _ENGLISH_MONTH.search(s) or _ISO.search(s):
        yield from DATE.finditer(s)


# 6/30/98, 30/6/1998: month and day in either order (US m/d, elsewhere d/m), read alone
SLASH_DATE = re.compile(
    r"(?<![A-Za-z\d_/.\-])(?P<a>\d{1,2})/(?P<b>\d{1,2})/(?P<y>\d{4}|\d{2})(?![A-Za-z\d_/]|\.\d)"
)


def _impossible_slash_dates(s: str, text: str) -> list[BadDate]:
    """6/31/98: a date whatever the order of month and day (June 31st, or day 6 of month
    31), that exists in neither. Three numbers that cannot be a month and a day either way
    (30/40/30, a split of shares) are no date; 4/6/2024 is a date, whichever it means."""
    if "/" not in s:
        return []
    out = []
    for m in SLASH_DATE.finditer(s):
        a, b, y = int(m.group("a")), int(m.group("b")), m.group("y")
        year = int(y) if len(y) == 4 else 2000 + int(y)  # 98: 1998 and 2098 leap alike
        readings = [(mo, d) for mo, d in ((a, b), (b, a)) if 1 <= mo <= 12 and 1 <= d <= 31]
        if not readings or not 1900 <= year < 2200:
            continue
        lasts = [_days_if_impossible(year, mo, d) for mo, d in readings]
        if all(last is not None for last in lasts):
            shown = text[m.start() : m.end()]
            out.append(BadDate(m.start(), m.end(), shown, lasts[0]))  # type: ignore[arg-type]
    return out


def _number(text: str | None) -> int | None:
    if not text:
        return None
    if text.isdigit():
        return int(text)
    return 0 if text in ("零", "〇") else cn_to_int(text)


def _parts(m: re.Match[str]) -> tuple[int | None, int | None, int | None]:
    g = m.groupdict()
    if g["y"]:
        y = g["y"]
        year = int(y) if y.isdigit() else int("".join(_CN_YEAR_DIGITS.get(c, "x") for c in y))
        return year, _number(g["m"]), _number(g["d"])
    if g["m2"]:
        return None, _number(g["m2"]), _number(g["d2"])
    if g["y3"]:
        return int(g["y3"]), int(g["m3"]), int(g["d3"])
    mon = (g["mon4"] or g["mon"]).rstrip(".").lower()
    return int(g["y4"] or g["y5"]), _MONTHS[mon], int(g["d4"] or g["d5"])


def _days_if_impossible(year: int | None, month: int, day: int | None) -> int | None:
    """None for a date that exists; else the days its month has (0: no such month)."""
    if not 1 <= month <= 12:
        return 0
    if day is None or (year is not None and not 1 <= year <= 9999):
        return None
    if year is None:  # 2月29日 without a year may be in a leap year
        last = 29 if month == 2 else calendar.monthrange(2001, month)[1]
    else:
        last = calendar.monthrange(year, month)[1]
    return None if 1 <= day <= last else last


def _reversed(
    s: str,
    text: str,
    dates: list[tuple[int, int, date]],
    labelled: list[tuple[str, int, int, date]],
) -> list[tuple[int, int, str]]:
    """Ranges whose end is before their start: 自2025年1月1日起至2024年12月31日止, and a
    start date and an end date labelled as such in one text."""
    out = []
    for (a0, a1, first), (b0, b1, second) in zip(dates, dates[1:], strict=False):
        if second < first and _RANGE.fullmatch(s, a1, b0):
            out.append((a0, b1, text[a0:b1]))
    # 出发时间 … 返回时间, start … end date
    starts = [d[1:] for d in labelled if d[0] == "start"]
    ends = [d[1:] for d in labelled if d[0] == "end"]
    if len(starts) == 1 and len(ends) == 1 and ends[0][2] < starts[0][2]:
        a, b = sorted((starts[0], ends[0]))
        if not any(a[0] <= r[0] < b[1] for r in out):
            out.append((a[0], b[1], text[a[0] : b[1]]))
    return out


def _label(s: str, at: int, after: int) -> str | None:
    """start or end: what the label ending just before a date (the nearest) says it is, or
    the act said right after it (2025年5月18日前…运抵: an end)."""
    found, end = None, at - 12
    for label, pattern in (("start", _STARTS), ("end", _ENDS)):
        for m in pattern.finditer(s, max(0, at - 30), at):
            if m.end() >= end:
                found, end = label, m.end()
    return found or ("end" if _ENDS_AFTER.match(s, after) else None)


def _periods(s: str, text: str) -> list[Period]:
    out = []
    for m in PERIOD_ZH.finditer(s):
        blank = m.group("blank")
        if (blank is None and m.group("unit") == "年") or (blank and not _is_period(s, m)):
            continue
        unit = _ZH_UNITS.get(m.group("unit"), m.group("unit"))
        value, other = _number(m.group("num")), _number(m.group("num2"))
        if blank is None and (value is None or (m.group("num2") and other is None)):
            continue
        num = m.group("num") or ""
        script = "both" if m.group("num2") else "digits" if num.isdigit() else "words"
        if blank is None and not m.group("within") and not _is_period(s, m):
            continue
        key, event = ("", "") if _offered(s, m.start()) else _key_zh(s, m.start(), m.end())
        mismatch = other is not None and other != value
        document = _paid_after(s, m.start(), key)
        out.append(Period(m.start(), m.end(), value, unit, script, key, mismatch, event, document))
    for m in PERIOD_EN.finditer(s) if _ENGLISH_UNIT.search(s) else ():
        before = s[max(0, m.start() - 30) : m.start()].lower()
        if not re.search(r"(?:within|than|least|after|prior\s+to|before|of|for|upon)\s*$", before):
            continue
        if m.group("blank"):
            value, other, script = None, None, "digits"
        elif m.group("num2"):
            value, other, script = english_number(m.group("words")), int(m.group("num2")), "both"
        elif m.group("num"):
            value, other, script = int(m.group("num")), None, "digits"
        else:
            value, other, script = english_number(m.group("words1")), None, "words"
        if value is None and not m.group("blank"):
            continue
        unit_words = m.group("unit").lower().split()
        unit = ("个工作日" if unit_words[0] in ("business", "working") else
                _EN_UNITS.get(unit_words[-1], unit_words[-1]))  # fmt: skip
        key = "" if _offered(s, m.start()) else _key_en(s, m.start(), m.end())
        mismatch = other is not None and value is not None and other != value
        out.append(Period(m.start(), m.end(), value, unit, script, key, mismatch))
    return _written_two_ways(s, out)


_DOCUMENT = re.compile(r"(发票|付款申请单?|结算申请单?|付款通知|账单)$")
_PAY = re.compile(r"支付|付款|付清")
# what tells one payment from another in its sentence: an instalment, a deposit, a fee named
_WHICH_PAYMENT = re.compile(
    r"首期|首付|预付|尾款|余款|质保金|保证金|定金|押金|第[一二三四五六七八九十\d]+[期笔次]"
)


def _paid_after(s: str, start: int, key: str) -> str:
    """The document a payment term runs from (收到发票后30日内支付: 发票), "" when the period
    is no such term or its sentence says which of several payments it is."""
    event, _, act = key.partition("|")
    document = _DOCUMENT.search(event)
    if document is None or not _PAY.search(act):
        return ""
    a = max((m.end() for m in _SENTENCE.finditer(s, 0, start)), default=0)
    after = _SENTENCE.search(s, start)
    return "" if _WHICH_PAYMENT.search(s, a, after.start() if after else len(s)) else document[1]


def _written_two_ways(s: str, periods: list[Period]) -> list[Period]:
    """One clause that writes a period in words and again in figures (三十日内调整…；未在
    30日内调整的 / 终止前30天…；未提前三十天通知的) speaks of one period of one obligation,
    however differently the words around each say the act: the later takes the earlier's
    act, so ``dates`` compares them. Not a period offered as a choice, nor one bound the
    other way (30日以上…三十日以内: two cases, each compared with its own act elsewhere)."""
    out = list(periods)
    for i, p in enumerate(out):
        if p.value is None or p.script == "both" or _offered(s, p.start):
            continue
        for j, q in enumerate(out[:i]):
            if (
                (q.value, q.unit) == (p.value, p.unit)
                and {q.script, p.script} == _TWO_WAYS
                and _bound(s, q) == _bound(s, p)
            ):
                key = q.key or f"{q.value}{q.unit}|{s}"
                out[i], out[j] = replace(p, key=key), replace(q, key=key)
                break
    return out


_TWO_WAYS = {"digits", "words"}
_BOUND = re.compile(r"\s*(以上|以下|以外|以后|之后|后|以前|之前|前)")


def _bound(s: str, p: Period) -> str:
    """Which side of the period the clause means: 内 (within), 以上, 后 … or nothing said."""
    if s[p.end - 1] == "内":
        return "内"
    m = _BOUND.match(s, p.end)
    return m.group(1) if m else ""


def _offered(s: str, at: int) -> bool:
    """Whether the sentence around ``at`` offers tick-box alternatives (☐验收后10日内 ☐验收后
    30日内): two periods for one act there are a choice, not a slip."""
    a = max((m.end() for m in _SENTENCE.finditer(s, 0, at)), default=0)
    after = _SENTENCE.search(s, at)
    return _BOXES.search(s, a, after.start() if after else len(s)) is not None


_SENTENCE = re.compile(r"[。；;\n]|\.\s")
_BOXES = re.compile("[☐□■☑✓✔]")


def _is_period(s: str, m: re.Match[str]) -> bool:
    """A number of days said as a time limit: 内 after it, or 起/后/(提)前/逾期 before it."""
    if m.group("within"):
        return True
    before = s[max(0, m.start() - 8) : m.start()]
    if re.search(r"[年月]\s*$", before) or before.endswith("第"):
        return False  # 2024年【】月【】日, 第__日: a date, a place in a list
    return bool(_PERIOD_BEFORE.search(before))


# what says the number after it is a time limit: 起/后/前…, or a term said to be it (期限为)
_PERIOD_BEFORE = re.compile(
    r"(?:起|后|前|逾期|超过|满|不少于|不超过|不得超过|(?<!日)期限?\s*[为是：:]|为期)\s*$"
)


def _key_zh(s: str, start: int, end: int) -> tuple[str, str]:
    """The act a period is for, as the words around it in its clause say them without the
    parties and the filler: 验收合格|支付服务费 (empty when either side says nothing); and
    the event it runs from alone (验收合格; empty when unclear)."""
    a = max((m.end() for m in _SEGMENT.finditer(s, 0, start)), default=0)
    after = _SEGMENT.search(s, end)
    b = after.start() if after else len(s)
    event = _FILLER.sub("", s[a:start])
    if len(event) < 2 and a and s[a - 1] in "，,":  # 如满意度低于约定标准，乙方应在15日内…
        event = _FILLER.sub(
            "", s[max((m.end() for m in _SEGMENT.finditer(s, 0, a - 1)), default=0) : a]
        )
    act = _FILLER.sub("", s[end:b])
    said = _TERM_IS.search(event)
    if said and not act:  # 开具发票的期限为收到款项后5个工作日内: the act, then the event
        event, act = event[said.end() :], event[: said.start()]
    if not act and after:  # 收到发票后30日内，甲方向乙方支付服务费
        nxt = _SEGMENT.search(s, b + 1)
        act = _FILLER.sub("", s[b + 1 : nxt.start() if nxt else len(s)])
    event = "" if len(event) < 2 or re.search(r"\d|_|【|\{", event) else event[-8:]
    if not event or len(act) < 2 or re.search(r"\d|_|【|\{", act):
        return "", event
    if _ACCEPTS.fullmatch(act) or _OBJECTS.fullmatch(act) and _DEEMED_ACCEPTED.match(s, b):
        act = "验收"
    return f"{event}|{act[:10]}", event


_TERM_IS = re.compile(r"(?:期限|时限|期间)(?:为|是)")  # (the filler has taken 的 and 应)
# Acceptance said two ways: 十个工作日内组织验收 / 15个工作日内未提出书面异议的，视为验收
# 通过 -- one act (the time the buyer has to accept), whose periods must agree
_ACCEPTS = re.compile(r"(?:组织|进行|完成|办理)?验收(?:工作)?")
_OBJECTS = re.compile(r"(?:提出|提交)(?:书面)?异议")
_DEEMED_ACCEPTED = re.compile(r"[，,]\s*(?:即|则)?视为[^。；;，,]{0,12}验收(?:合格|通过)")


def _key_en(s: str, start: int, end: int) -> str:
    a = max((m.end() for m in re.finditer(r"[.;:\n]", s[:start])), default=0)
    after = re.search(r"[.;:\n,]", s[end:])
    b = end + after.start() if after else len(s)
    act = _EN_FILLER.sub(" ", s[a:start].lower()).split()
    event = _EN_FILLER.sub(" ", s[end:b].lower()).split()
    if act and act[-1] == "within":
        act = act[:-1]
    if len(act) < 2 or not event:
        return ""
    return f"{' '.join(act[-4:])}|{' '.join(event[:5])}"
