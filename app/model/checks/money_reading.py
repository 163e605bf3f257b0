"""What one text says about money: each amount in figures with the 大写 (or English words)
written beside it, each percentage with its words, the currencies named, the instalments
of a payment schedule and a total they make up.

Everything here reads characters only (no place, no draft), so ``amounts`` keeps it per
text through ``Context.memo``. Offsets are into the text as read (``Text.text``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from decimal import Decimal, InvalidOperation
from operator import itemgetter

from clause_db.capital_numerals import CAPITAL_DIGITS
from clause_db.number_words import (
    ENGLISH_NUMBER_WORDS,
    NUMBER_BLANK,
    ascii_digits,
    chinese_number,
    english_number,
)
from clause_db.numerals import cn_to_int

# currency as written before or after a figure -> ISO code (None: 元 alone says no currency)
CURRENCIES = {
    "人民币": "CNY", "RMB": "CNY", "CNY": "CNY", "¥": "CNY", "￥": "CNY",
    "美元": "USD", "美金": "USD", "USD": "USD", "US$": "USD", "$": "USD",
    "港币": "HKD", "港元": "HKD", "HKD": "HKD", "HK$": "HKD",
    "欧元": "EUR", "EUR": "EUR", "€": "EUR", "英镑": "GBP", "GBP": "GBP", "£": "GBP",
    "日元": "JPY", "日圆": "JPY", "JPY": "JPY",
    "新台币": "TWD", "新台幣": "TWD", "NTD": "TWD", "NT$": "TWD", "TWD": "TWD",
    "澳元": "AUD", "AUD": "AUD", "加元": "CAD", "CAD": "CAD", "新加坡元": "SGD", "SGD": "SGD",
    "韩元": "KRW", "KRW": "KRW", "₩": "KRW", "won": "KRW", "瑞士法郎": "CHF", "CHF": "CHF",
    "澳门元": "MOP", "澳门币": "MOP", "MOP": "MOP", "INR": "INR", "₹": "INR", "NZD": "NZD",
    "元": None, "圆": None, "块": None,
}  # fmt: skip
# a figure in dollars without saying whose: the dollars the contract names, else US dollars
DOLLAR = "$"
# 元 alone: the contract's own yuan -- 人民币, unless it names 新台币 or 港元 (``amounts``)
YUAN = "元"
_BY_LENGTH = sorted(CURRENCIES, key=len, reverse=True)
_CUR = "|".join(re.escape(c) for c in _BY_LENGTH if c not in ("元", "圆", "块"))
_POST = (
    "美元|美金|港币|港元|欧元|英镑|日元|日圆|新台币|新台幣|澳元|加元|新加坡元|韩元|瑞士法郎|澳门元|"
    r"澳门币|人民币|元|圆|USD|RMB|CNY|EUR|HKD|GBP|JPY|KRW|CHF|won\b"
)
_NUM = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_MAGNITUDES = {"万": 10**4, "亿": 10**8, "千": 10**3, "百万": 10**6, "千万": 10**7,
               "thousand": 10**3, "million": 10**6, "billion": 10**9}  # fmt: skip
# a figure: a currency before it or after it (万元, 美元, 元); figures without one are no amount
FIGURE = re.compile(
    # (fast: one test a place)
    rf"(?=[\dRCUHNEGJASKIM¥￥$€£₩₹人美港欧英日新澳加韩瑞])(?<![A-Za-z0-9.])"
    rf"(?:(?P<pre>{_CUR})\s*)?(?P<num>{_NUM})(?![\d.])"
    r"\s*(?P<mag>百万|千万|万|亿|千|million\b|billion\b|thousand\b)?"
    rf"\s*(?P<post>{_POST})?",
)
_CAP_CHARS = "零壹贰叁肆伍陆柒捌玖拾佰仟万亿元圆角分整正〇"
_PLAIN_CHARS = "一二三四五六七八九十百千两"
# a 大写 of another currency names it where 元 would stand: 伍佰美元整
_FOREIGN = "美元|港元|港币|欧元|英镑|日元|澳元|加元"
_FOREIGN_UNIT = re.compile(_FOREIGN)
_CAP_DIGIT = re.compile(f"[{CAPITAL_DIGITS[1:]}]")
# a 大写 after its label may be written (wrongly) with ordinary numerals: 大写：一万元整
_LABEL = r"(?:大写(?:金额)?|金额大写)\s*[）)]?\s*[：:为]?\s*"
_CAPITAL_AFTER = re.compile(
    rf"\s*(?:[（(]\s*(?P<lab1>{_LABEL})?|[，,；;]?\s*[（(]?(?P<lab2>{_LABEL}))"
    rf"(?:人民币|RMB|{_FOREIGN})?\s*"
    rf"(?P<cap>[{_CAP_CHARS}{_PLAIN_CHARS}]+(?:[ \u3000]+[{_CAP_CHARS}]+)*(?:{_FOREIGN}[整正]?)?)"
)
# an ordinary numeral slipped into a 大写 (叁仟伍百元整, 贰万一仟元) is read with it when 元
# follows: the run then holds a capital digit and a unit (checked where it is read)
_SLIPPED = rf"[{_PLAIN_CHARS}](?=[{_CAP_CHARS}{_PLAIN_CHARS}]*[元圆])"
_CAPITAL = re.compile(
    rf"(?=[大金人R{_CAP_CHARS}{_PLAIN_CHARS}])(?:{_LABEL})?(?:人民币|RMB|{_FOREIGN})?\s*"
    rf"(?P<cap>(?:[{_CAP_CHARS}]|{_SLIPPED})+(?:[ \u3000]+[{_CAP_CHARS}]+)*(?:{_FOREIGN}[整正]?)?)"
)
_FIGURE_AFTER = re.compile(
    rf"\s*[（(]\s*(?:小写(?:金额)?\s*[：:为]?\s*)?(?:(?P<pre>{_CUR})\s*)?(?P<num>{_NUM})"
    r"\s*(?P<mag>百万|千万|万|亿)?\s*(?:元|圆)?\s*[)）]"
)
_EN_WORD = "|".join(sorted(ENGLISH_NUMBER_WORDS, key=len, reverse=True))
_EN_NUMBER = rf"\b(?:{_EN_WORD})\b(?:(?:\s+and\s+|[\s\-]+)(?:{_EN_WORD})\b)*"
_EN_CURRENCY = (
    r"(?:\s+(?:U\.?S\.?|United\s+States|Hong\s+Kong|Singapore|Australian|Canadian))?"
    r"\s+(?:dollars?|euros?|pounds?(?:\s+sterling)?|yuan|renminbi|RMB)"
)
_EN_CENTS = r"(?:\s+and\s+(?:(?P<c1>\d{1,2})/100|(?P<c2>" + _EN_NUMBER + r")\s*cents?))?"
_EN_WORDS = re.compile(
    rf"(?P<words>{_EN_NUMBER})(?P<cur>{_EN_CURRENCY})?{_EN_CENTS}", re.IGNORECASE
)
_EN_FIGURE = re.compile(
    rf"(?P<pre>USD|US\$|RMB|CNY|EUR|GBP|HKD|HK\$|\$|€|£)\s*(?P<num>{_NUM})"
    r"(?:\s*(?P<mag>million|billion|thousand)\b)?",
    re.IGNORECASE,
)
_EN_OPEN = re.compile(r"\s*\(\s*(?:in\s+words\s*:?\s*)?", re.IGNORECASE)

# a letter an English word can match (ignoring case: also İ ı ſ K): a text without one has
# no English words to look for (the Chinese texts, most of them)
_LATIN = re.compile("[A-Za-z\u0130\u0131\u017f\u212a]")
_ENGLISH = re.compile(r"(?=[depyr])(?:dollar|euro|pound|yuan|renminbi|RMB)", re.I)
_ENGLISH_PERCENT = re.compile(r"per\s*-?cent", re.I)
PERCENT = re.compile(r"(?=\d)(?<![\d.])(?P<num>\d+(?:\.\d+)?)\s*%")
_PERCENT_ZH = re.compile(r"百分之(?P<zh>[零〇一二两三四五六七八九十百点壹贰叁肆伍陆柒捌玖拾佰]+)")
_PERCENT_EN = re.compile(rf"(?P<en>{_EN_NUMBER})\s*(?:percent|per\s+cent|per-cent)\b", re.I)
_BLANK = re.compile(NUMBER_BLANK)
_BLANK_SHARE = re.compile(rf"(?:{NUMBER_BLANK})\s*%")

CONVERSION = re.compile(
    r"(?=[汇兑折约相ec])"
    r"(?:汇率|兑换|折算|折合|约合|相当于|equivalent|exchange\s+rate|conversion\s+rate|convert)",
    re.I,
)


@dataclass(frozen=True)
class Figure:
    start: int
    end: int
    value: Decimal  # in the currency's unit (yuan, dollars)
    currency: str | None  # ISO code, None for 元 alone


@dataclass(frozen=True)
class AmountInWords:
    """A figure and the 大写 or English words written with it (``figure`` None: a 大写 with
    no figure beside it, read for its form only)."""

    figure: Figure | None
    start: int  # the 大写 (without 人民币) or the words
    end: int
    words: str
    english: bool
    labelled: bool  # said to be the 大写 (大写：…), or written with capital digits


@dataclass(frozen=True)
class PercentInWords:
    start: int
    end: int
    figure: Decimal
    words: Decimal
    shown: str  # as written, for the message


@dataclass(frozen=True)
class Instalment:
    """A payment of a schedule: its share (percent) or amount, and how it is marked."""

    start: int
    end: int
    marker: str | None  # first | middle | final | None (a payment of the total, unmarked)
    percent: Decimal | None
    amount: Figure | None
    unfilled: bool  # its number is a blank still to fill
    ordinal: int | None = None  # 第二笔: 2 (首期: 1)
    of_total: bool = False  # says what it is a share of: 费用总额的30%
    rest: bool = False  # says it is what is left (剩余的30%, the balance of 30%)


@dataclass(frozen=True)
class MoneyFacts:
    amounts: tuple[AmountInWords, ...] = ()
    percents: tuple[PercentInWords, ...] = ()
    currencies: tuple[tuple[str, int, int], ...] = ()  # (code or YUAN, start, end) of each
    converts: bool = False  # says how one currency converts into another
    instalments: tuple[Instalment, ...] = ()
    totals: tuple[Figure, ...] = ()  # a total stated: 合同总价为…元
    parts: frozenset[int] = frozenset()  # 分三期 / in three instalments: how many payments


NOTHING = MoneyFacts()
_MONEY_WORDS = re.compile(
    r"(?=[\d壹贰叁肆伍陆柒捌玖%百p大])(?:[\d壹贰叁肆伍陆柒捌玖%]|百分之|percent|per cent|大写)",
    re.I,
)


def _money_stated(text: str) -> MoneyFacts:
    """What ``text`` states in figures and words: amounts, percentages, schedules."""
    s = ascii_digits(text)
    if not _MONEY_WORDS.search(s):
        return NOTHING
    figures = [f for f in (_figure(m) for m in FIGURE.finditer(s)) if f is not None]
    amounts = _amounts_in_words(s, figures)
    currencies = tuple(
        (DOLLAR if s[f.start] == "$" else f.currency or YUAN, f.start, f.end) for f in figures
    )
    percents = _percents(s)
    instalments, totals, parts = _schedule(s, figures)
    if not (amounts or currencies or percents or instalments or totals):
        return NOTHING
    return MoneyFacts(
        tuple(amounts), tuple(percents), currencies, bool(CONVERSION.search(s)),
        tuple(instalments), tuple(totals), frozenset(parts),
    )  # fmt: skip


# the currency a contract says it pays in, with no figure: paid in United States dollars,
# 以人民币结算, 结算货币为美元
_NAMED = {
    "united states dollars": "USD", "u.s. dollars": "USD", "us dollars": "USD",
    "hong kong dollars": "HKD", "canadian dollars": "CAD", "australian dollars": "AUD",
    "singapore dollars": "SGD", "euros": "EUR", "euro": "EUR", "pounds sterling": "GBP",
    "renminbi": "CNY", "rmb": "CNY", "chinese yuan": "CNY", "japanese yen": "JPY",
    "korean won": "KRW", "swiss francs": "CHF",
    "人民币": "CNY", "美元": "USD", "港币": "HKD", "港元": "HKD", "欧元": "EUR", "日元": "JPY",
    "英镑": "GBP", "韩元": "KRW", "澳元": "AUD", "加元": "CAD", "新台币": "TWD",
}  # fmt: skip
_NAMED_EN = re.compile(
    r"\bin\s+(?P<cur>(?:United\s+States|U\.S\.|US|Hong\s+Kong|Canadian|Australian|"
    r"Singapore)\s+dollars|euros?|pounds\s+sterling|Renminbi|RMB|Chinese\s+yuan|Japanese\s+yen|"
    r"Korean\s+won|Swiss\s+francs)\b",
    re.I,
)
_NAMED_ZH = re.compile(
    r"(?:以|(?:结算|计价|支付|付款)(?:货币|币种)\s*[为是：:]?\s*)"
    r"(?P<cur>人民币|美元|港币|港元|欧元|日元|英镑|韩元|澳元|加元|新台币)"
    r"(?=[为作]?(?:结算|计价|支付|付款|报价|计算|[，,。；;]|$))"
)


def read_money(text: str) -> MoneyFacts:
    """Every fact about money ``text`` states, with the currencies it names without a
    figure (paid in United States dollars, 以人民币结算)."""
    facts = _money_stated(text)
    named = _named_currencies(text)
    if not named:
        return facts
    return replace(facts, currencies=tuple(sorted((*facts.currencies, *named), key=itemgetter(1))))


def introduces_schedule(heading: str) -> bool:
    """Whether a clause heading introduces the schedule its text lists (工程款按以下比例分期
    支付 / Fees are payable as follows)."""
    said = heading.rstrip(" ：:") + "："
    return any(m.end() == len(said) for m in _AS_FOLLOWS.finditer(said)) or any(
        said[m.end() :] in ("：", "支付：", "付款：") for m in _PARTS.finditer(said)
    )  # 加盟费分三期支付：


def read_listed(text: str) -> MoneyFacts | None:
    """``read_money`` of a text that a heading introduces as a schedule: the shares it lists
    from its start are the payments (None when it lists fewer than two)."""
    facts = read_money(text)
    s = ascii_digits(text)
    figures = [f for f in (_figure(m) for m in FIGURE.finditer(s)) if f is not None]
    listed, end = _listed(s, 0, 0, figures)
    if not listed:
        return None
    later = tuple(i for i in facts.instalments if i.start >= end)
    return replace(facts, instalments=(*listed, *later))


def _named_currencies(s: str) -> list[tuple[str, int, int]]:
    """The currencies ``s`` says amounts are stated or paid in (no figure needed)."""
    out = []
    if "in" in s:
        out += [(_NAMED[" ".join(m["cur"].lower().split())], m.start("cur"), m.end("cur"))
                for m in _NAMED_EN.finditer(s)]  # fmt: skip
    if "以" in s or "币" in s:
        out += [(_NAMED[m["cur"]], m.start("cur"), m.end("cur")) for m in _NAMED_ZH.finditer(s)]
    return out


def _decimal(num: str, mag: str | None) -> Decimal | None:
    try:
        value = Decimal(num.replace(",", ""))
    except InvalidOperation:
        return None
    return value * _MAGNITUDES[mag.lower()] if mag else value


def _figure(m: re.Match[str]) -> Figure | None:
    pre, post = m.group("pre"), m.group("post")
    if not pre and not post:
        return None
    value = _decimal(m.group("num"), m.group("mag"))
    if value is None:
        return None
    currency = CURRENCIES.get(pre or "") or CURRENCIES.get(post or "")
    end = m.end("post") if post else m.end("mag") if m.group("mag") else m.end("num")
    return Figure(m.start(), end, value, currency)


def _amounts_in_words(s: str, figures: list[Figure]) -> list[AmountInWords]:
    out: list[AmountInWords] = []
    taken: list[tuple[int, int]] = []
    for f in figures:
        after = f.end + (1 if s[f.end : f.end + 1] == "整" else 0)
        m = _CAPITAL_AFTER.match(s, after)
        if m and (_CAP_DIGIT.search(m.group("cap")) or m.group("lab1") or m.group("lab2")):
            cap = m.group("cap")
            labelled = bool(m.group("lab1") or m.group("lab2") or _CAP_DIGIT.search(cap))
            out.append(AmountInWords(f, m.start("cap"), m.end("cap"), cap, False, labelled))
            taken.append((f.start, m.end()))
            continue
        m = _EN_OPEN.match(s, f.end)
        if m and (w := _EN_WORDS.match(s, m.end())) and _is_en_figure(s, f):
            out.append(AmountInWords(f, w.start(), w.end(), w.group(), True, True))
            taken.append((f.start, w.end()))
    # a 大写 first, its figure after it in brackets (one with a capital digit: none without)
    for m in _CAPITAL.finditer(s) if _CAP_DIGIT.search(s) else ():
        cap, start = m.group("cap"), m.start("cap")
        if not _CAP_DIGIT.search(cap) or any(a <= start < b for a, b in taken):
            continue
        fig = _FIGURE_AFTER.match(s, m.end())
        figure = None
        if fig:
            value = _decimal(fig.group("num"), fig.group("mag"))
            pre = fig.group("pre")
            figure = Figure(fig.start("num"), fig.end("num"), value, CURRENCIES.get(pre or ""))
        elif not re.search("[元圆角分]", cap):
            continue  # 壹 in a name, 叁拾 as a count: no amount
        out.append(AmountInWords(figure, start, m.end("cap"), cap, False, True))
        taken.append((start, m.end()))
    english = _LATIN.search(s) is not None and _ENGLISH.search(s) is not None
    for m in _EN_WORDS.finditer(s) if english else ():  # Twelve Thousand Dollars (USD 12,000)
        if any(a <= m.start() < b for a, b in taken) or not m.group("cur"):
            continue
        bracket = _EN_OPEN.match(s, m.end())
        fig = _EN_FIGURE.match(s, bracket.end()) if bracket else None
        if fig and s[fig.end() :].lstrip().startswith(")"):
            value = _decimal(fig.group("num"), fig.group("mag"))
            if value is not None:
                figure = Figure(fig.start(), fig.end(), value, CURRENCIES.get(fig.group("pre")))
                out.append(AmountInWords(figure, m.start(), m.end(), m.group(), True, True))
    return out


def _is_en_figure(s: str, f: Figure) -> bool:
    """A figure written the English way (USD 12,000, $12,000), which English words follow."""
    return bool(_EN_FIGURE.match(s, f.start))


def english_amount(words: str) -> Decimal | None:
    """``Twelve Thousand US Dollars and 50/100`` in dollars; None when unreadable."""
    m = _EN_WORDS.fullmatch(words.strip())
    if not m:
        return None
    whole = english_number(m.group("words"))
    if whole is None:
        return None
    cents: int | None = 0
    if m.group("c1"):
        cents = int(m.group("c1"))
    elif m.group("c2"):
        cents = english_number(m.group("c2"))
    if cents is None or cents >= 100:
        return None
    return Decimal(whole) + Decimal(cents) / 100


_OPEN = re.compile(r"\s*[（(]\s*")
_CLOSE = re.compile(r"\s*[)）]")
_PERCENT_AFTER = re.compile(r"\s*[（(]\s*(\d+(?:\.\d+)?)\s*%\s*[)）]")


def _percents(s: str) -> list[PercentInWords]:
    out = []
    for m in PERCENT.finditer(s) if "%" in s else ():
        after = _OPEN.match(s, m.end())
        if after:
            words = _percent_words(s, after.end())
            close = _CLOSE.match(s, words[1]) if words is not None else None
            if words is not None and close:
                shown = s[m.start() : close.end()]
                figure = Decimal(m.group("num"))
                out.append(PercentInWords(m.start(), close.end(), figure, words[0], shown))
    english = _LATIN.search(s) and _ENGLISH_PERCENT.search(s)
    for pattern in (_PERCENT_ZH, _PERCENT_EN) if english else (_PERCENT_ZH,):
        for m in pattern.finditer(s):
            value = _percent_value(m)
            fig = _PERCENT_AFTER.match(s, m.end())
            if value is not None and fig:
                shown = s[m.start() : fig.end()]
                out.append(
                    PercentInWords(m.start(), fig.end(), Decimal(fig.group(1)), value, shown)
                )
    return out


def _percent_words(s: str, at: int) -> tuple[Decimal, int] | None:
    for pattern in (_PERCENT_ZH, _PERCENT_EN):
        m = pattern.match(s, at)
        if m:
            value = _percent_value(m)
            return (value, m.end()) if value is not None else None
    return None


def _percent_value(m: re.Match[str]) -> Decimal | None:
    if m.re is _PERCENT_ZH:
        return chinese_number(m.group("zh"))
    value = english_number(m.group("en"))
    return Decimal(value) if value is not None else None


# -- payment schedules --------------------------------------------------------------------

_FIRST = r"首期|首付|首笔|第[一1]期|第[一1]笔|第[一1]次|预付款|预付|first\s+(?:instal(?:l)?ment|payment)|initial\s+payment|advance\s+payment|down\s+payment"  # noqa: E501
_FINAL = r"尾款|余款|尾期|剩余(?:款项|价款|费用|合同款|部分)?|最后一期|最后一笔|末期|质保金|质量保证金|final\s+(?:instal(?:l)?ment|payment)|last\s+(?:instal(?:l)?ment|payment)|(?:the\s+)?balance|remaining"  # noqa: E501
_MIDDLE = r"第[一二三四五六七八九十0-9]+(?:期|笔|次)|(?<![分共])[二三四五六七八九]期|进度款|到货款|验收款|中期款|(?:second|third|fourth|fifth)\s+(?:instal(?:l)?ment|payment)"  # noqa: E501
# (each pattern here opens with a lookahead of the characters its words start with: the
# engine tries the words only there, a fraction of the time over a contract's texts)
MARKER = re.compile(
    r"(?=[首第预尾余剩最末质二三四五六七八九进到验中fiadltbrs])"
    rf"(?:(?P<first>{_FIRST})|(?P<final>{_FINAL})|(?P<middle>{_MIDDLE}))",
    re.I,
)
# a final payment said to be what is left: the payments before it are the whole schedule
_REST = re.compile(r"剩余|余款|余下|(?:the\s+)?balance|remaining|the\s+rest", re.I)
# a marker named after its share (30%作为预付款, 10% as the retention): the share is before it
_NAMED_AFTER = re.compile(r"(?:作为|用作|\bas\s+(?:an?\s+|the\s+)?)$", re.I)
# paid up to a cumulative share (累计支付至95%): the shares do not add up
_CUMULATIVE = re.compile(r"累计|累积|[付到达]至|cumulative|up\s+to|aggregate", re.I)
_PARTS = re.compile(
    r"(?=[分i])分(?P<zh>[二三四五六七八九两2-9])(?:期|笔|次)|in\s+(?P<en>two|three|four|five|six|[2-6])"
    r"(?:\s*\(\s*\d\s*\))?\s+(?:equal\s+)?(?:instal(?:l)?ments|payments)",
    re.I,
)
# a schedule listed after words that introduce it, not a count (按以下比例分期支付：…, payable
# as follows: …): the shares listed to the sentence's end are its payments, the last the final
_AS_FOLLOWS = re.compile(
    r"(?:分期|按(?:以下|下列|如下)[^，,。；;：:\n]{0,8})(?:支付|付款)[^，,。；;：:\n]{0,12}[：:]"
    r"|\b(?:payable|paid|pay|invoiced)\b[^.;:\n]{0,40}?\b(?:as follows|in\s+instal(?:l)?ments)\s*:"
    # or without the words (payable 50% on signature, 30% on go-live and 20% on acceptance):
    # the share comes right after the verb and says when it is paid
    r"|\b(?:payable|paid|pay|invoiced)\s+(?=\d{1,3}(?:\.\d+)?\s?%\s+(?:of\s+(?:the\s+)?(?:\w+\s+){1,3})?"
    r"(?:on|upon|at|within|after|before|with|when|following|prior\s+to)\b)",
    re.I,
)
_PAYS = re.compile(r"支付|付款|付清|结清|\bpa(?:y|id|yable)\b", re.I)
_PAID = re.compile(r"(?<!交)付|\bpa(?:y|id|yable)\b", re.I)  # 付货款的20% (交付: delivers)
_TOTAL = re.compile(
    r"(?=[总合共价ct])(?:总价|总额|总金额|合同金额|合同价款|合同价格|总计|合计|共计|价款总|"
    r"contract\s+price|total\s+(?:fee|price|amount|consideration))",
    re.I,
)
# what a percentage of the total also is, and is no instalment: a penalty, interest, a deduction
_NOT_PAYMENT = re.compile(
    r"违约金|逾期|滞纳|利息|罚|赔偿|税率|税额|税款|折扣|扣除|退还|上浮|下浮|保函|履约保证金|"
    r"penalt|interest|\blate\b|\btax\b|discount|refund|withh",
    re.I,
)
_STOPS = re.compile(r"[。；;\n]")


def _schedule(s: str, figures: list[Figure]) -> tuple[list[Instalment], list[Figure], list[int]]:
    """The instalments, the totals stated and the number of payments said (分三期)."""
    parts = []
    instalments: list[Instalment] = []
    lists: list[tuple[int, int]] = []  # where payments are listed after their count
    for m in _PARTS.finditer(s) if "分" in s or _LATIN.search(s) else ():
        n = m.group("zh") or m.group("en")
        parts.append(_SMALL.get(n.lower(), 0) if not n.isdigit() else int(n))
        listed, end = _listed(s, m.end(), parts[-1], figures)
        if listed:
            instalments += listed
            lists.append((m.start(), end))
    introduced = "付" in s or "follows" in s or "ments:" in s or "%" in s
    for m in _AS_FOLLOWS.finditer(s) if introduced else ():
        if not any(a <= m.start() < b for a, b in lists):
            listed, end = _listed(s, m.end(), 0, figures)
            if listed:
                instalments += listed
                lists.append((m.start(), end))
    if not instalments and not MARKER.search(s) and not _TOTAL.search(s):
        return [], [], parts
    totals: list[Figure] = []
    start = 0
    for stop in [*(m.start() for m in _STOPS.finditer(s)), len(s)]:
        # of a sentence with a listed schedule, what is said around it (合同总价为…，)
        low = start
        for a, b in lists:
            if a <= stop and b >= start:
                if a > low:
                    _sentence(s, low, a, figures, instalments, totals)
                low = max(low, b)
        if stop + 1 > low:
            _sentence(s, low, stop + 1, figures, instalments, totals)
        start = stop + 1
    instalments.sort(key=lambda i: i.start)
    return instalments, totals, parts


# a listed schedule runs to the end of its sentence (its payments may be split by ；)
_LIST_END = re.compile(r"[。\n]|\.(?:\s|$)")
_PIECE_STOPS = re.compile(r"[，,；;、：:]")
_AND = re.compile(r"\s+(?:and|or)\s*$|及$|和$", re.I)


def _listed(s: str, at: int, n: int, figures: list[Figure]) -> tuple[list[Instalment], int]:
    """Payments counted rather than marked (分三期支付：签约后支付30%，发货后支付40%，验收
    后支付20% / in three instalments: 30% with the order, 40% on shipment and 20% …): when
    exactly ``n`` shares (else amounts) follow the count, they are its ``n`` payments, the
    last the final one. None when the list marks its payments (首期…尾款: read as marked),
    has a blank, or names another number of them; and where the list ends. ``n`` 0: a list
    introduced (按以下比例支付：): as many shares as it lists, marked or not, two at least."""
    stop = _LIST_END.search(s, at)
    end = stop.start() if stop else len(s)
    rests = list(MARKER.finditer(s, at, end))  # only "the balance of 30%" may be marked
    # ... and the first payment (分三期支付：首期支付50%，开业时支付30%，…): read after the shares
    firsts = [m for m in rests if m["first"]]
    rests = [m for m in rests if not m["first"]]
    if not n:
        rests = [m for m in rests if _REST.match(m.group())]
    if n == 1 or not all(_REST.match(m.group()) for m in rests) or _BLANK_SHARE.search(s, at, end):
        return [], end
    values: list[tuple[int, int, Decimal | None, Figure | None]] = [
        (m.start(), m.end(), Decimal(m.group("num")), None) for m in PERCENT.finditer(s, at, end)
    ]
    for m in _PERCENT_ZH.finditer(s, at, end):
        if (value := chinese_number(m.group("zh"))) is not None:
            values.append((m.start(), m.end(), value, None))
    if not values and n:
        values = [(f.start, f.end, None, f) for f in figures if at <= f.start and f.end <= end]
    values.sort(key=lambda v: v[0])
    if firsts and (len(values) < 2 or any(m.start() > values[1][0] for m in firsts)):
        return [], end  # a first payment marked later is another schedule's
    leads = bool(values) and not re.search(r"\w", s[at : values[0][0]])  # : 30% with the order
    pieces = []
    high = at
    for i, (a, b, share, amount) in enumerate(values):
        said = max((m.end() for m in _PIECE_STOPS.finditer(s, high, a)), default=high)
        high = values[i + 1][0] if i + 1 < len(values) else end
        after = _PIECE_STOPS.search(s, b, high)
        high = after.start() if after else high
        tail = _AND.search(s, b, high)
        if not _NOT_PAYMENT.search(s, said, high):  # interest at 5%: no payment
            pieces.append((a if leads else said, tail.start() if tail else high, share, amount, b))
    if len(pieces) != (n or max(len(pieces), 2)) or any(m.start() < pieces[-2][4] for m in rests):
        return [], end  # a rest marker is the last's only
    kinds = ["first", *["middle"] * (len(pieces) - 2), "final"]
    return [
        Instalment(a, b, kind, share, amount, False, i + 1, rest=bool(rests) and i == n - 1)
        for i, (kind, (a, b, share, amount, _)) in enumerate(zip(kinds, pieces, strict=True))
    ], end


_SMALL = {"二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9,
          "two": 2, "three": 3, "four": 4, "five": 5, "six": 6}  # fmt: skip


def _sentence(
    s: str, a: int, b: int, figures: list[Figure], out: list[Instalment], totals: list[Figure]
) -> None:
    """The instalments of one sentence: each marker takes the share or amount after it, up
    to the next marker; a payment of a share of the total with no marker is one too."""
    sentence = s[a:b]
    markers = list(MARKER.finditer(sentence))
    if markers:  # 第一笔 in {{第一笔百分比}} names a blank, it starts no instalment
        blanks = [(m.start(), m.end()) for m in _BLANK.finditer(sentence)]
        markers = [m for m in markers if not any(x <= m.start() < y for x, y in blanks)]
    if not markers:
        if _TOTAL.search(sentence) and not _NOT_PAYMENT.search(sentence):
            if _PAYS.search(sentence) and (share := _share(sentence)) is not None:
                value, unfilled, at = share
                out.append(Instalment(a + at, b, None, value, None, unfilled))
            elif not PERCENT.search(sentence):
                totals.extend(f for f in figures if a <= f.start < b)
        return
    begins = _piece_starts(sentence, markers)
    if "first" not in {m.lastgroup for m, _ in begins} and begins[-1][0].lastgroup == "final":
        _unmarked(sentence, a, begins[0][1], out)  # 签约时支付60%，…支付剩余的30%
    for i, (m, begin) in enumerate(begins):
        end = begins[i + 1][1] if i + 1 < len(begins) else len(sentence)
        piece = sentence[begin:end]
        if _NOT_PAYMENT.search(piece):
            continue
        kind = m.lastgroup
        rest = kind == "final" and _REST.match(m.group()) is not None
        share = _share(piece)
        if rest and m.group() not in ("剩余", "余下") and sentence.startswith("的", m.end()):
            share = None, False, 0  # 剩余款项的90%: a share of the rest, not of the whole
        amount = next((f for f in figures if a + begin <= f.start < a + end), None)
        if share is None and amount is None:
            # a blank still to fill, or an instalment whose share the sentence does not say
            # (进度款按月支付): either way the schedule cannot be added up
            blank = _BLANK.search(piece)
            unfilled = bool(blank and re.match(r"\s*(?:%|元|万元|个)", piece[blank.end() :]))
            out.append(Instalment(a + begin, a + end, kind, None, None, unfilled, rest=rest))
            continue
        value, unfilled = (share[0], share[1]) if share else (None, False)
        ordinal = _ordinal(m.group())
        of_total = bool(_TOTAL.search(piece))
        out.append(
            Instalment(a + begin, a + end, kind, value, amount, unfilled, ordinal, of_total, rest)
        )


def _piece_starts(sentence: str, markers: list[re.Match[str]]) -> list[tuple[re.Match[str], int]]:
    """Each marker with where its payment starts: at the marker, or for one named after its
    share (合同总价的30%作为预付款) where its clause starts. A marker that only names the
    payment the marker before it in the same clause said (剩余的10%作为质保金) is left out."""
    out: list[tuple[re.Match[str], int]] = []
    low = 0
    for m in markers:
        if not _NAMED_AFTER.search(sentence, 0, m.start()):
            out.append((m, m.start()))
        else:
            stops = _PIECE_STOPS.finditer(sentence, low, m.start())
            stop = max((x.end() for x in stops), default=-1)
            if stop >= 0 or not out:
                out.append((m, max(stop, low)))
        low = m.end()
    return out


def _unmarked(sentence: str, a: int, end: int, out: list[Instalment]) -> None:
    """The payments of shares a sentence lists before the marked last one (签约时支付旅游
    费用的60%，出发前7日支付剩余的30% / pay 30% upon signing, 60% on delivery and the
    balance …): a clause that pays a share, and each share listed after it, is one. A
    share before any payment (70%用于人员费用) leaves the sum unknown."""
    low, paying = 0, False
    for stop in [*(m.start() for m in _PIECE_STOPS.finditer(sentence, 0, end)), end]:
        piece = sentence[low:stop]
        share = _share(piece)
        if share is not None and not _NOT_PAYMENT.search(piece):
            paying = paying or _PAID.search(piece) is not None
            value = share[0] if paying else None
            out.append(Instalment(a + low + share[2], a + stop, None, value, None, share[1]))
        low = stop + 1


def _ordinal(marker: str) -> int | None:
    """The number of an instalment said by its marker: 首期 1, 第三笔 3, second payment 2."""
    m = re.match(r"第(.+?)[期笔次]|([二三四五六七八九])期", marker)
    if m:
        return _number_of(m.group(1) or m.group(2))
    word = marker.split()[0].lower()
    return 1 if marker[0] == "首" else _ORDINAL_WORDS.get(word)


def _number_of(text: str) -> int | None:
    return int(text) if text.isdigit() else cn_to_int(text)


_ORDINAL_WORDS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5}


def _share(piece: str) -> tuple[Decimal | None, bool, int] | None:
    """The percentage a piece of a sentence gives (30%, 百分之三十), or a blank before %."""
    m = PERCENT.search(piece)
    if m and _CUMULATIVE.search(piece, 0, m.start()):
        return None, False, m.start()  # 累计支付至总价的95%: no share of its own to add up
    blank = _BLANK_SHARE.search(piece)
    if blank and (m is None or blank.start() < m.start()):
        return None, True, blank.start()
    if m:
        return Decimal(m.group("num")), False, m.start()
    zh = _PERCENT_ZH.search(piece)
    if zh and (value := chinese_number(zh.group("zh"))) is not None:
        return value, False, zh.start()
    return None


def as_yuan(words: str) -> tuple[str, bool]:
    """A 大写 read with 元 for the currency it names (伍佰美元整 -> 伍佰元整) and without the
    spaces typed into a form's blank, and whether it named another currency (then a fix,
    which writes 元, would change the currency)."""
    plain = _FOREIGN_UNIT.sub("元", "".join(words.split()))
    return plain, _FOREIGN_UNIT.search(words) is not None
