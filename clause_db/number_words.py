"""Numbers written in words, as contracts repeat a figure: thirty (30) days, 百分之三十（30%）,
Twelve Thousand US Dollars (USD 12,000). Reading them lets a check compare the two."""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from .numerals import cn_to_int

_ONES = [
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
]
_TENS = ["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
ENGLISH_VALUES = {w: i for i, w in enumerate(_ONES)} | {w: 20 + 10 * i for i, w in enumerate(_TENS)}
ENGLISH_SCALES = {"thousand": 10**3, "million": 10**6, "billion": 10**9}
ENGLISH_NUMBER_WORDS = frozenset([*ENGLISH_VALUES, *ENGLISH_SCALES, "hundred"])
_CAPITAL_TO_PLAIN = str.maketrans("壹贰叁肆伍陆柒捌玖拾佰仟貳參", "一二三四五六七八九十百千二三")
_CN_DIGITS = {c: str(i) for i, c in enumerate("零一二三四五六七八九")} | {"〇": "0", "两": "2"}


def english_number(text: str) -> int | None:
    """``twenty-five``, ``one hundred and five``, ``Twelve Thousand`` as an int; None when
    the words are not one number (``five six``, ``thousand`` alone is 1000)."""
    words = [w for w in re.split(r"[\s\-]+", text.lower().strip()) if w and w != "and"]
    if not words:
        return None
    total, group, last = 0, 0, None  # last: what the previous word was, to refuse "five six"
    previous_scale = 10**12
    for w in words:
        if w in ENGLISH_VALUES:
            v = ENGLISH_VALUES[w]
            if last == "ones" or (last == "tens" and (v >= 10 or v == 0)):
                return None
            group += v
            last = "tens" if v >= 20 else "ones"
        elif w == "hundred":
            if last not in ("ones",) or group % 100 >= 10 or group >= 100:
                return None
            group *= 100
            last = "hundred"
        elif w in ENGLISH_SCALES:
            scale = ENGLISH_SCALES[w]
            if not group or scale >= previous_scale:
                return None  # "thousand million", "thousand" alone
            total += group * scale
            group, last, previous_scale = 0, "scale", scale
        else:
            return None
    return total + group


def chinese_number(text: str) -> Decimal | None:
    """三十, 一百, 零点五, 叁拾 (大写 too), 十二点五 as a number; None when it is not one."""
    text = text.translate(_CAPITAL_TO_PLAIN)
    whole, _, decimals = text.partition("点")
    if whole in ("零", "〇"):
        value = 0
    else:
        value = cn_to_int(whole)
        if value is None:
            return None
    if not decimals:
        return Decimal(value)
    digits = "".join(_CN_DIGITS.get(c, "x") for c in decimals)
    try:
        return Decimal(f"{value}.{digits}")
    except InvalidOperation:
        return None


# a blank where a number is still to be written: ____, 【】, {{天数}}, [●], XXX
NUMBER_BLANK = r"[_＿]{2,}|【[^】\n]*】|\{\{[^}\n]*\}\}|\[[●•\s]*\]|[Xx×]{2,}"

_FULL_WIDTH = re.compile("[０-９％．＄]")
_TO_ASCII = str.maketrans("０１２３４５６７８９％．＄", "0123456789%.$")


def ascii_digits(text: str) -> str:
    """``text`` with full-width digits and signs (３０％) as ASCII, one character for one so
    offsets hold; the text itself when it has none (the usual case, and cheap)."""
    return text.translate(_TO_ASCII) if _FULL_WIDTH.search(text) else text
