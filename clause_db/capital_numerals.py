"""Chinese financial numerals (大写金额): 人民币壹万贰仟元整, 壹仟零伍拾元伍角.

Contracts state an amount twice, in figures and in 大写, so that neither can be altered
alone; the 大写 is written by fixed rules (中国人民银行《支付结算办法》附件一): 零 where a
digit 0 stands between two others (only one 零 for a run of them; it may be left out
where the zeros end a 万 or 亿 group and the next digit is a 仟, or where the units digit
is 0 before 角), 壹拾 never bare 拾, 整 (正) after 元 and never after 分. Amounts are
counted in 分 (hundredths) so no float rounding enters.

``write_capital`` writes a figure the way Chinese finance writes it; ``read_capital``
tells a well-formed 大写 (exactly one value) from a malformed one and says which values
the writer may have meant (none when the text cannot be read, two for 壹仟伍元, which is
1005 written without its 零 or 1500 said as one says 一千五).
"""

from __future__ import annotations

import functools
import itertools
from dataclasses import dataclass

CAPITAL_DIGITS = "零壹贰叁肆伍陆柒捌玖"
MAX_FEN = 10**14  # up to 9999亿 with 角分
# characters a 大写 amount is written with (ordinary numerals are read too, to say that
# they are the wrong ones); 圆 and 正 are older forms of 元 and 整
CAPITAL_CHARS = frozenset(CAPITAL_DIGITS + "拾佰仟万亿元圆角分整正")
_DIGIT_VALUES = {c: i for i, c in enumerate(CAPITAL_DIGITS)} | {
    c: i for i, c in enumerate("〇一二三四五六七八九")
} | {"两": 2, "貳": 2, "陸": 6, "參": 3, "叁": 3}  # fmt: skip
_UNITS = {"拾": 10, "佰": 100, "仟": 1000, "十": 10, "百": 100, "千": 1000}
_GROUP_UNITS = {"万": 10**4, "萬": 10**4, "亿": 10**8, "億": 10**8}
_SAME = str.maketrans({"圆": "元", "正": "整"})


def _fen_digits(fen: int) -> tuple[int, int, int]:
    """(yuan, jiao, fen) of an amount in 分."""
    yuan, rest = divmod(fen, 100)
    return yuan, rest // 10, rest % 10


def _yuan_pieces(yuan: int) -> list[str | None]:
    """The integer part as pieces; None marks a 零 that may be written or left out."""
    digits = [int(d) for d in reversed(str(yuan))]  # digits[p]: the digit at place 10**p
    places = [p for p, d in enumerate(digits) if d]
    out: list[str | None] = []
    for i, p in enumerate(reversed(places)):
        higher = places[len(places) - i] if i else None  # the previous nonzero place
        if higher is not None and higher - p > 1:
            # zeros in between: optional only when they all end the group above and the
            # digit is that group's 仟 (壹拾万柒仟 / 壹拾万零柒仟)
            out.append(None if p % 4 == 3 and higher - p <= 4 else "零")
        out.append(CAPITAL_DIGITS[digits[p]] + ("", "拾", "佰", "仟")[p % 4])
        group_end = p % 4 == 0 or all(not digits[q] for q in range(p - p % 4, p))
        if p >= 4 and group_end:
            out.append("亿" if p >= 8 else "万")
    return out


@functools.lru_cache(maxsize=1024)
def capital_forms(fen: int) -> frozenset[str]:
    """Every well-formed 大写 of ``fen`` 分 (with 元 and 整; 圆 and 正 are read as them)."""
    if not 0 <= fen < MAX_FEN:
        raise ValueError(f"{fen} 分 is outside 0..{MAX_FEN - 1}")
    yuan, jiao, fen_ = _fen_digits(fen)
    pieces = _yuan_pieces(yuan)
    choices = [("零", "") if p is None else (p,) for p in pieces]
    integers = {"".join(c) for c in itertools.product(*choices)}
    if yuan == 0:
        integers = {"零"} if not (jiao or fen_) else {""}
    tails: set[str] = set()
    if not jiao and not fen_:
        tails = {"元整", "元"}
    elif not fen_:
        tails = {f"元{CAPITAL_DIGITS[jiao]}角{e}" for e in ("", "整")}
        if yuan % 10 == 0 and yuan:
            tails |= {f"元零{CAPITAL_DIGITS[jiao]}角{e}" for e in ("", "整")}
    elif not jiao:
        tails = {f"元零{CAPITAL_DIGITS[fen_]}分"}
    else:
        tails = {f"元{CAPITAL_DIGITS[jiao]}角{CAPITAL_DIGITS[fen_]}分"}
        if yuan % 10 == 0 and yuan:
            tails.add(f"元零{CAPITAL_DIGITS[jiao]}角{CAPITAL_DIGITS[fen_]}分")
    if yuan == 0 and (jiao or fen_):  # 伍角, 伍分: no 元 before them
        tails = {t.removeprefix("元").removeprefix("零") for t in tails}
    return frozenset(i + t for i in integers for t in tails)


def write_capital(fen: int) -> str:
    """``fen`` 分 in 大写 as Chinese finance writes it: 壹万贰仟元整, 壹拾万柒仟元伍角,
    壹仟零伍拾元零伍分 (without 人民币, which the text around it says or not)."""
    if not 0 <= fen < MAX_FEN:
        raise ValueError(f"{fen} 分 is outside 0..{MAX_FEN - 1}")
    yuan, jiao, fen_ = _fen_digits(fen)
    integer = "".join(p for p in _yuan_pieces(yuan) if p is not None) if yuan else ""
    if not jiao and not fen_:
        return (integer or "零") + "元整"
    tail = (f"{CAPITAL_DIGITS[jiao]}角" if jiao else "零" if integer else "") + (
        f"{CAPITAL_DIGITS[fen_]}分" if fen_ else ""
    )
    return f"{integer}元{tail}" if integer else tail


@dataclass(frozen=True)
class CapitalReading:
    """What a 大写 says: ``values`` the amounts (in 分) it can mean -- exactly one when
    ``well_formed`` --, none when it cannot be read as an amount at all."""

    values: frozenset[int]
    well_formed: bool

    @property
    def value(self) -> int | None:
        """The one amount meant, or None when it is unreadable or ambiguous."""
        return next(iter(self.values)) if len(self.values) == 1 else None


def read_capital(text: str) -> CapitalReading:
    """Read a 大写 amount (人民币 and spaces around it are skipped)."""
    core = text.strip().removeprefix("人民币").strip().translate(_SAME)
    values = _lenient_values(core)
    well = len(values) == 1 and core in capital_forms(next(iter(values)))
    return CapitalReading(values, well)


def _lenient_values(text: str) -> frozenset[int]:
    """The amounts a 大写 may mean, reading it as a person would despite slips."""
    integer, sep, rest = text.partition("元")
    if not sep:  # 伍角, 伍角伍分 or an integer with no 元 at all
        if "角" in text or "分" in text:
            integer, rest = "", text
        else:
            rest = ""
    fraction = _fraction(rest.removesuffix("整"))
    if fraction is None:
        return frozenset()
    if not integer and not sep:
        return frozenset({fraction}) if fraction else frozenset()
    yuans = _integer_values(integer)
    return frozenset(y * 100 + fraction for y in yuans if y * 100 + fraction < MAX_FEN)


def _fraction(text: str) -> int | None:
    """角 and 分 in 分: 伍角, 零伍分, 伍角叁分; None when it is not that."""
    text = text.removeprefix("零")
    out = 0
    for unit, scale in (("角", 10), ("分", 1)):
        if len(text) >= 2 and text[1] == unit and text[0] in _DIGIT_VALUES:
            out += _DIGIT_VALUES[text[0]] * scale
            text = text[2:]
    return out if not text else None


def _integer_values(text: str) -> frozenset[int]:
    """The integer amounts ``text`` may mean; two when a last digit without its unit
    follows a 佰, 仟, 万 or 亿 (壹仟伍: 1005 with its 零 forgotten, or 1500 as 一千五 is
    said), none when it is no numeral (壹贰, 佰, 壹拾壹佰)."""
    total = 0  # the 亿 and 万 groups read
    section = 0  # the group being read
    last = 0  # the place of the last unit read (0: none yet in this group)
    scale = 0  # the last group unit read
    digit: int | None = None
    zero = False  # a 零 since the last unit
    for ch in text:
        if ch in _DIGIT_VALUES:
            d = _DIGIT_VALUES[ch]
            if digit:
                return frozenset()  # 壹贰, 壹零: a digit after a digit
            zero = zero or d == 0
            digit = d
        elif ch in _UNITS:
            unit = _UNITS[ch]
            if (last and unit >= last) or digit == 0 or (digit is None and unit != 10):
                return frozenset()  # 佰 after 拾, 零拾, a bare 佰
            section += (1 if digit is None else digit) * unit
            last, digit, zero = unit, None, False
        elif ch in _GROUP_UNITS:
            unit = _GROUP_UNITS[ch]
            group = section + (digit or 0)
            if not group or (scale and unit >= scale):
                return frozenset()  # 亿万, 万 then 亿
            total += group * unit
            section, last, scale, digit, zero = 0, 0, unit, None, False
        else:
            return frozenset()
    if digit and not zero and (last > 10 or (not last and scale and not section)):
        said = digit * (last or scale) // 10  # 壹仟伍 said as 一千五: 1500
        return frozenset({total + section + digit, total + section + said})
    if not text or (digit is None and not section and not total):
        return frozenset({0}) if text == "零" else frozenset()
    return frozenset({total + section + (digit or 0)})
