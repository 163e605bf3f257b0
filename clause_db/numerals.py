"""Chinese and Roman numerals as they appear in contract numbering (第十一条, ARTICLE IV)."""

from __future__ import annotations

import functools

CN_DIGITS = "〇一二三四五六七八九"
_DIGIT_VALUES = {c: i for i, c in enumerate(CN_DIGITS)} | {"零": 0, "两": 2, "兩": 2}
_UNIT_VALUES = {"十": 10, "百": 100, "千": 1000}
_ROMAN_VALUES = {"i": 1, "v": 5, "x": 10, "l": 50, "c": 100, "d": 500, "m": 1000}


def cn_to_int(text: str) -> int | None:
    """Read 一 .. 九千九百九十九 (十一, 一百零一, 两百) or Arabic digits; None if unreadable."""
    if text.isdigit():
        return int(text)
    total, digit = 0, None
    for ch in text:
        if ch in _DIGIT_VALUES:
            if digit is not None and digit != 0 and _DIGIT_VALUES[ch] != 0:
                return None  # two digits in a row (一二) is not a numeral
            digit = _DIGIT_VALUES[ch]
        elif ch in _UNIT_VALUES:
            unit = _UNIT_VALUES[ch]
            total += (1 if digit is None else digit) * unit
            digit = None
        else:
            return None
    total += digit or 0
    return total if total > 0 else None


@functools.lru_cache(
    maxsize=4096
)  # numbering asks for the same few hundred numbers again and again
def int_to_cn(n: int) -> str:
    """Write n (0..9999) the way Word's chineseCounting does: 十二, 一百一十, 一百零一."""
    if not 0 <= n <= 9999:
        raise ValueError(f"{n} is outside 0..9999")
    if n < 10:
        return CN_DIGITS[n]
    out = ""
    for value, unit in ((1000, "千"), (100, "百"), (10, "十")):
        d, n = divmod(n, value)
        if d:
            out += ("" if (value == 10 and d == 1 and not out) else CN_DIGITS[d]) + unit
        elif out and n and not out.endswith("零"):
            out += "零"
    return out + (CN_DIGITS[n] if n else "")


def roman_to_int(text: str) -> int | None:
    """Read a Roman numeral (IV, xii); None if it is not one."""
    values = [_ROMAN_VALUES.get(c) for c in text.lower()]
    if not values or None in values:
        return None
    total = 0
    for i, v in enumerate(values):
        total += -v if i + 1 < len(values) and values[i + 1] > v else v
    return total


def int_to_roman(n: int) -> str:
    """``n`` in Roman numerals, upper case: 4 -> IV, 1999 -> MCMXCIX."""
    out = ""
    for value, letters in ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"),
                           (90, "XC"), (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"),
                           (4, "IV"), (1, "I")):  # fmt: skip
        count, n = divmod(n, value)
        out += letters * count
    return out
