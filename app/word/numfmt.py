"""Counters -> the digits Word shows for a numbering level's ``w:numFmt``.

Only the formats contracts use are spelled out; any other format falls back to Arabic digits,
which keeps the number readable (and segmentable) rather than dropping it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from clause_db.numerals import CN_DIGITS, int_to_cn

if TYPE_CHECKING:
    from collections.abc import Callable

_ROMAN = (
    (1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"),
    (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i"),
)  # fmt: skip
# Beyond these Word itself gives up; a hostile w:start must not make megabyte-long labels.
_MAX_ROMAN = 3999
_MAX_LETTER = 780  # zzz...z, thirty letters long
_HEAVENLY_STEMS = "甲乙丙丁戊己庚辛壬癸"
_EARTHLY_BRANCHES = "子丑寅卯辰巳午未申酉戌亥"
_LEGAL = str.maketrans(CN_DIGITS, "零壹贰叁肆伍陆柒捌玖")
_LEGAL_UNITS = str.maketrans("十百千", "拾佰仟")
_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
_PARENTHESIZED = "⑴⑵⑶⑷⑸⑹⑺⑻⑼⑽⑾⑿⒀⒁⒂⒃⒄⒅⒆⒇"
_FULL_STOP = "⒈⒉⒊⒋⒌⒍⒎⒏⒐⒑⒒⒓⒔⒕⒖⒗⒘⒙⒚⒛"
_FULL_WIDTH = str.maketrans("0123456789", "０１２３４５６７８９")


def _roman(n: int) -> str:
    if n > _MAX_ROMAN:
        return str(n)
    out = ""
    for value, letters in _ROMAN:
        count, n = divmod(n, value)
        out += letters * count
    return out


def _letter(n: int) -> str:
    """Word's letters: a..z, then aa..zz, aaa.. (the letter repeats; it is not base 26)."""
    if n > _MAX_LETTER:
        return str(n)
    return chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1)


def _chinese(n: int) -> str:
    """一, 十一, 一百零一; beyond 9999 (never a clause number) digit by digit."""
    return int_to_cn(n) if n <= 9999 else _digits_cn(n)


def _digits_cn(n: int) -> str:
    return "".join(CN_DIGITS[int(d)] for d in str(n))


def _legal(n: int) -> str:
    """壹, 壹拾壹, 壹佰零壹: the anti-fraud numerals of amounts (no short 十 form here)."""
    plain = _chinese(n)
    if plain.startswith("十"):
        plain = "一" + plain
    return plain.translate(_LEGAL).translate(_LEGAL_UNITS)


def _cyclic(symbols: str) -> Callable[[int], str]:
    return lambda n: symbols[(n - 1) % len(symbols)]


def _enclosed(symbols: str) -> Callable[[int], str]:
    return lambda n: symbols[n - 1] if n <= len(symbols) else str(n)


_FORMATS: dict[str, Callable[[int], str]] = {
    "decimal": str,
    "decimalZero": lambda n: f"{n:02d}",
    "decimalFullWidth": lambda n: str(n).translate(_FULL_WIDTH),
    "decimalFullWidth2": lambda n: str(n).translate(_FULL_WIDTH),
    "decimalHalfWidth": str,
    "decimalEnclosedCircle": _enclosed(_CIRCLED),
    "decimalEnclosedCircleChinese": _enclosed(_CIRCLED),
    "decimalEnclosedParen": _enclosed(_PARENTHESIZED),
    "decimalEnclosedFullstop": _enclosed(_FULL_STOP),
    "lowerRoman": _roman,
    "upperRoman": lambda n: _roman(n).upper(),
    "lowerLetter": _letter,
    "upperLetter": lambda n: _letter(n).upper(),
    "chineseCounting": _chinese,
    "chineseCountingThousand": _chinese,
    "japaneseCounting": _chinese,
    "taiwaneseCounting": _chinese,
    "chineseLegalSimplified": _legal,
    "ideographDigital": _digits_cn,
    "taiwaneseDigital": _digits_cn,
    "ideographTraditional": _cyclic(_HEAVENLY_STEMS),
    "ideographZodiac": _cyclic(_EARTHLY_BRANCHES),
    "none": lambda n: "",
}


def format_number(n: int, num_fmt: str) -> str:
    """``n`` written in ``num_fmt``; Arabic digits for unknown formats and non-positive counters."""
    if n <= 0 and num_fmt != "none":
        return str(n)  # Word allows w:start="0"; no numeral system above writes zero
    return _FORMATS.get(num_fmt, str)(n)
