"""Typography: half-width punctuation in Chinese, mixed-width digits, stray spaces.

What a reviewing partner marks in a Chinese text that was typed on an English keyboard or
scraped from a web page: ``甲方,乙方`` (a half-width comma between Chinese characters),
``第１2条`` (digits of two widths), ``合同 约定`` (a space between two Chinese characters).
Each rule reads the characters only and keeps away from what must not change: numbers
(1,000 / 12:30), URLs and e-mail addresses, English sentences and their quotes, list
labels like (a) and (1), 《》 titles written with Latin letters, the deliberate spacing of a
cover title (合  同), a signature block, a table or a label aligned by spaces (地  址：),
and every blank and reference (a fix edits the plain text around them only).

One finding per text and kind, with the count (a scraped contract has hundreds of commas:
one line each would bury the rest of the list), and its fix corrects the whole text.
``normalise_typography`` gathers every correction of the draft as one fix, previewed and
applied as one undo step.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any, NamedTuple

from clause_db.language import text_language
from clause_db.messages import Msg

from .context import Context, Places, read_texts
from .finding import INFO, Finding, Fix, TextEdit

if TYPE_CHECKING:
    from collections.abc import Iterator, Sequence

    from ..doc_blocks import BlockRef
    from ..draft import Draft
    from .context import Text

KINDS = ("half_width_punct", "mixed_width_digits", "stray_space")

_HAN_RANGES = "\u3007\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_HAN = re.compile(f"[{_HAN_RANGES}]")
# Punctuation only Chinese text uses: a half-width mark next to one is in Chinese too.
_WIDE_PUNCT = frozenset("，。、；：？！（）《》【】「」『』〔〕〈〉")
# Looked through for the characters around a mark: spaces, quotes (English and Chinese
# texts share curly quotes) and blanks written as underscores.
_NEUTRAL = frozenset(" \u00a0\u3000\t_\"'“”‘’")
_FULL_WIDTH = {",": "，", ":": "：", ";": "；", "?": "？", "!": "！", "(": "（", ")": "）"}
_MARKS = re.compile(r"[,:;?!]")
_BRACKETS = re.compile(r"[()（）]")
_CANDIDATES = re.compile(r"[,:;?!()]")
_DIGITS = "0123456789"
_WIDE_DIGITS = "０１２３４５６７８９"
_NARROWED = str.maketrans(_WIDE_DIGITS + "．", _DIGITS + ".")
_WIDENED = str.maketrans(_DIGITS, _WIDE_DIGITS)
_WIDE_DIGIT = re.compile("[０-９]")
_WIDE_LATIN = re.compile(r"[Ａ-Ｚａ-ｚ]")
_NUMBER = re.compile(r"[0-9０-９](?:[0-9０-９]|[.,．](?=[0-9０-９]))*")
# Never touched: web and e-mail addresses, a 《》 title written with Latin letters.
_UNTOUCHED = re.compile(
    r"(?:https?://|www\.)[!-~]+"
    r"|[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+"
    r"|《[^《》]*[A-Za-z][^《》]*》"
)
_SENTENCE = re.compile(r"[^。！？!?\n]+")
_LATIN = re.compile(r"[A-Za-z]")
_QUOTED = re.compile(r"\"[^\"]*\"|“[^“”]*”|‘[^‘’]*’")

# Spaces: blocks laid out by spaces on purpose (a cover title 合  同, a signature block,
# tables, titles, an address) are not read for stray spaces.
_SPACED_ON_PURPOSE = frozenset(
    ("cover", "title", "signed", "signature", "cell", "cell_pad", "part_title", "annex_title",
     "party_address")
)  # fmt: skip
_SPACE = re.compile(r"(?<![ \u00a0])[ \u00a0](?![ \u00a0])")  # two or more: layout
# After the space, a field's label (甲方：张三 乙方：李四): the space parts two fields.
_NEXT_LABEL = re.compile(r"[^\s，。；：、,;:]{1,8}[：:]")
_BEFORE_SPACE = _WIDE_PUNCT - frozenset("：）》」』】〕〉")  # 地址： 北京 is a label's spacing
_AFTER_SPACE = frozenset("，。、；：？！）》」』】〕〉")
# A space before a unit stands for a number to fill in: 于 年 月 日, 人民币 元, 第 条.
_UNITS = frozenset("年月日时分天元个份条页次倍%％")
# Words of Chinese characters separated by spaces; when each word is one character
# (地  址：, 甲 方：) it is a label aligned with the others on purpose.
_SPACED_WORDS = re.compile(f"[{_HAN_RANGES}]+(?:[ \u00a0\u3000]+[{_HAN_RANGES}]+)+")
_LABEL_CHARACTERS = 6  # 法 定 代 表 人: longer runs spaced out are a scrape's, to correct
_SENTENCE_PUNCT = re.compile(r"[，。；：、？！,;:?!]")
# A line's leading label or date and the space after it: 第一条 定义, 2007年6月29日 第十届.
_LEADING_LABEL = re.compile(
    r"(?:^|(?<=\n))[ \u3000]*(?:第[0-9一二三四五六七八九十百千〇零两]+[条章节部分编款项篇]"
    r"|附件[0-9一二三四五六七八九十]*|[0-9]{4}年[0-9]{1,2}月[0-9]{1,2}日"
    r"|[一二三四五六七八九十0-9]+、|[（(][一二三四五六七八九十0-9]+[）)])"
    r"(?=[ \u00a0]+)"
)


class _Read(NamedTuple):
    """What one text holds, by its characters: the corrections of each kind as
    (start, end, new) in the reading text, and its digits of each width. (A named tuple:
    made for nearly every text, in a third of a frozen dataclass's time.)"""

    punct: tuple[tuple[int, int, str], ...] = ()
    spaces: tuple[tuple[int, int, str], ...] = ()
    numbers: tuple[tuple[int, int, str, bool], ...] = ()  # (start, end, text, mixed widths)
    narrow: int = 0
    wide: int = 0


def _is_chinese(c: str | None) -> bool:
    return c is not None and (c in _WIDE_PUNCT or _HAN.match(c) is not None)


def _is_latin_or_digit(c: str | None) -> bool:
    """A Latin letter or a digit of either width (so a digit's width never decides)."""
    return c is not None and (c.isascii() and c.isalnum() or c in _WIDE_DIGITS)


def _read(text: Text) -> _Read | None:
    """What the text holds for these checks; None when nothing (``Context.each``)."""
    s = text.text
    if s.isascii():  # English: only its digits count (how the draft writes them)
        narrow = sum(map(s.count, _DIGITS))
        return _Read(narrow=narrow) if narrow else None
    marks = _CANDIDATES.search(s) is not None
    spaced = text.ref.kind not in _SPACED_ON_PURPOSE and (" " in s or "\u00a0" in s)
    untouched = _untouched(s) if marks or spaced else set()
    fixed = _punct_fixed(s, untouched) if marks else s
    punct = tuple((i, i + 1, fixed[i]) for i in _candidates(s) if fixed[i] != s[i]) if marks else ()
    spaces = _stray_spaces(fixed, untouched) if spaced else ()  # as the marks will be
    if not _WIDE_DIGIT.search(s):  # the usual case: every digit half-width, none to mark
        narrow = sum(map(s.count, _DIGITS))
        if not (punct or spaces or narrow):
            return None
        return _Read(punct, spaces, (), narrow, 0)
    narrow = wide = 0
    numbers = []
    for m in _NUMBER.finditer(s):
        run = m.group()
        if run.isascii():  # digits and separators (1,000.5)
            n_wide, n_narrow = 0, len(run) - run.count(",") - run.count(".")
        else:
            n_wide = sum(c in _WIDE_DIGITS for c in run)
            n_narrow = sum(c in _DIGITS for c in run)
        narrow, wide = narrow + n_narrow, wide + n_wide
        near = s[max(m.start() - 4, 0) : m.end() + 4] if n_wide else ""
        if n_wide and not _WIDE_LATIN.search(near):  # ＧＢ／Ｔ ２２２３９ is written whole
            numbers.append((m.start(), m.end(), run, bool(n_narrow)))
    if not (punct or spaces or numbers or narrow):
        return None
    return _Read(punct, spaces, tuple(numbers), narrow, wide)


# -- half-width punctuation -------------------------------------------------------------------


def _candidates(s: str) -> list[int]:
    """Where a half-width mark stands: the only places a correction can be."""
    return [m.start() for m in _CANDIDATES.finditer(s)]


def _punct_fixed(s: str, untouched: set[int]) -> str:
    """The text with each half-width mark of a Chinese sentence made full-width: the pairs
    of brackets first, then the marks, until nothing more changes (a bracket made
    full-width makes the colon after it Chinese: 甲方(盖章): ). Each change makes the
    text anew, one character for one (a list of a text's characters cost more: a text has
    a few marks to change, and each character of a list is an object)."""
    chars = s
    for a, b in _bracket_pairs(s, untouched):
        for i in (a, b):
            if chars[i] in _FULL_WIDTH:
                chars = chars[:i] + _FULL_WIDTH[chars[i]] + chars[i + 1 :]
    marks = [m.start() for m in _MARKS.finditer(s) if m.start() not in untouched]
    changed = True
    while changed and marks:
        changed = False
        for i in marks:
            if chars[i] in _FULL_WIDTH and _mark_is_chinese(chars, i):
                chars = chars[:i] + _FULL_WIDTH[chars[i]] + chars[i + 1 :]
                changed = True
        marks = [i for i in marks if chars[i] in _FULL_WIDTH]
    return chars


def _untouched(s: str) -> set[int]:
    """Offsets never changed: addresses, Latin 《》 titles, and sentences in English (the
    words outside their quotes are English)."""
    out: set[int] = set()
    if not _LATIN.search(s):  # each of them has Latin letters
        return out
    for m in _UNTOUCHED.finditer(s):
        out.update(range(m.start(), m.end()))
    for m in _SENTENCE.finditer(s):
        words = _QUOTED.sub("", m.group())  # as "北京某公司, 甲方" in an English sentence
        if _LATIN.search(words) and text_language(words) != "zh":
            out.update(range(m.start(), m.end()))
    return out


def _bracket_pairs(s: str, untouched: set[int]) -> Iterator[tuple[int, int]]:
    """Each pair of round brackets (either width) with a half-width one, to make full-width:
    around Chinese words -- (以下简称“甲方”), not (a) nor Party A (甲方) -- or paired with a
    full-width one (（旅游费用-扣除部分))."""
    opened: list[int] = []
    for m in _BRACKETS.finditer(s):
        i, c = m.start(), m.group()
        if i in untouched:
            continue
        if c in "(（":
            opened.append(i)
        elif c in ")）" and opened:
            a = opened.pop()
            if "(" not in (s[a], c) and ")" not in (s[a], c):
                continue
            mixed = s[a] == "（" or c == "）"
            if mixed or (_HAN.search(s, a + 1, i) and not _LATIN.match(_left(s, a) or "")):
                yield a, i


def _left(s: str, i: int) -> str | None:
    """The nearest character before ``i`` that is not a space, a quote or an underscore."""
    for j in range(i - 1, -1, -1):
        if s[j] not in _NEUTRAL:
            return s[j]
    return None


def _right(s: str, i: int) -> str | None:
    for j in range(i + 1, len(s)):
        if s[j] not in _NEUTRAL:
            return s[j]
    return None


def _mark_is_chinese(chars: str, i: int) -> bool:
    """Whether the half-width , : ; ? ! at ``i`` stands in a Chinese sentence."""
    c = chars[i]
    before = chars[i - 1] if i else ""
    after = chars[i + 1] if i + 1 < len(chars) else ""
    if _is_number_char(before) and _is_number_char(after):
        return False  # 1,000 / 12:30 / 1:2
    left, right = _left(chars, i), _right(chars, i)
    if c in "?!":  # ?? or 甲?乙 is a character the scrape lost, not a question
        return (
            _is_chinese(left)
            and not _HAN.match(after or " ")
            and before not in ("?", "!")
            and after not in ("?", "!")
        )
    if _is_chinese(left):
        # 北京公司, a company ...: an English sentence's comma after a Chinese name
        return not (c in ",;" and after in (" ", "\u00a0") and _LATIN.match(right or ""))
    if _is_chinese(right) and _is_number_char(before):  # 附件1:服务内容, not Article 1:
        j = i - 1
        while j > 0 and _is_number_char(chars[j - 1]):
            j -= 1
        return j > 0 and _is_chinese(chars[j - 1])
    return _is_chinese(right) and not _is_latin_or_digit(left)


def _is_number_char(c: str) -> bool:
    return c != "" and (c in _DIGITS or c in _WIDE_DIGITS)


# -- stray spaces ----------------------------------------------------------------------------


def _stray_spaces(s: str, untouched: set[int]) -> tuple[tuple[int, int, str], ...]:
    """Spaces inside Chinese text (合同 约定, 通讯 、饮料): one, between Chinese characters,
    or between one and the punctuation it leans on; not a label's alignment, a blank spaced
    out for a number (于 年 月 日), the space after a leading label or before the next
    field's (甲方：张三 乙方：李四), nor the columns of a line laid out as a table."""
    if " " not in s and "\u00a0" not in s:
        return ()
    kept: set[int] = set()
    for m in _SPACED_WORDS.finditer(s):
        words = m.group().split()
        if len(words) <= _LABEL_CHARACTERS and all(len(w) == 1 for w in words):
            kept.update(range(m.start(), m.end()))
    for m in _LEADING_LABEL.finditer(s):
        kept.add(m.end())
    out: list[tuple[int, int, str]] = []
    line_start, in_line = 0, 0
    for m in _SPACE.finditer(s):
        a, b = m.start(), m.end()
        if s.rfind("\n", 0, a) + 1 != line_start:  # a new line: judge the one before
            out = out if in_line < 2 or _punctuated(s, line_start) else out[:-in_line]
            line_start, in_line = s.rfind("\n", 0, a) + 1, 0
        if a == 0 or b == len(s) or a in kept or a in untouched:
            continue
        before, after = s[a - 1], s[b]
        if after in _UNITS or _NEXT_LABEL.match(s, b):
            continue
        han_before, han_after = _HAN.match(before), _HAN.match(after)
        if (
            (han_before and han_after)
            or (han_before and after in _AFTER_SPACE)
            or (before in _BEFORE_SPACE and han_after)
        ):
            out.append((a, b, ""))
            in_line += 1
    out = out if in_line < 2 or _punctuated(s, line_start) else out[:-in_line]
    return tuple(out)


def _punctuated(s: str, start: int) -> bool:
    """Whether the line from ``start`` has a sentence's punctuation (else, with spaces
    between its words, it is a table's row or a list of names laid out by spaces)."""
    end = s.find("\n", start)
    return _SENTENCE_PUNCT.search(s, start, end if end >= 0 else len(s)) is not None


# -- findings --------------------------------------------------------------------------------


def _reads(ctx: Context) -> tuple[list[tuple[Text, _Read]], bool]:
    """The texts with something for these checks, what they hold, and whether the draft
    writes its digits half-width (most do; a draft written all full-width is left so)."""
    reads = ctx.each("typography", _read)
    narrow = sum(r.narrow for _, r in reads)
    wide = sum(r.wide for _, r in reads)
    return [(t, r) for t, r in reads if r.punct or r.spaces or r.numbers], narrow >= wide


def _corrections(
    text: Text, r: _Read, digits_narrow: bool
) -> Iterator[tuple[str, Sequence[tuple[int, int, str]]]]:
    """(kind, corrections in the reading text) for each kind to correct in the text;
    corrections touching a blank or a reference are left out (their values are not ours)."""
    numbers = [
        (a, b, run.translate(_NARROWED) if digits_narrow else run.translate(_WIDENED))
        for a, b, run, mixed in r.numbers
        if digits_narrow or mixed
    ]
    for kind, found in (
        ("half_width_punct", r.punct),
        ("mixed_width_digits", numbers),
        ("stray_space", r.spaces),
    ):
        if text.objects:
            found = [e for e in found if not text.in_object(e[0], e[1])]
        if found:
            yield kind, found


def _edits(text: Text, found: Sequence[tuple[int, int, str]]) -> tuple[TextEdit, ...]:
    out = []
    for a, b, new in found:
        offset, length = text.span(a, b)
        out.append(TextEdit(text.ref, offset, length, text.text[a:b], new))
    return tuple(out)


class _PlainTextFix(Fix):
    """The fix of a text with no blank or reference (its reading offsets are its block's),
    its edits made when first asked for: a scraped draft has a finding in nearly every
    text and few fixes are ever applied. Equal to the ``Fix`` of the same label and edits.
    It keeps the text's characters, not the ``Text`` (whose kept findings hold this fix)."""

    def __init__(self, label: Msg, ref: BlockRef, s: str, found: Sequence[tuple[int, int, str]]):
        object.__setattr__(self, "label", label)
        object.__setattr__(self, "_pending", (ref, s, found))

    def __getattr__(self, name: str) -> Any:
        if name != "edits":
            raise AttributeError(name)
        ref, s, found = self.__dict__["_pending"]
        edits = tuple(TextEdit(ref, a, b - a, s[a:b], new) for a, b, new in found)
        object.__setattr__(self, "edits", edits)
        return edits

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Fix) and (self.label, self.edits) == (other.label, other.edits)

    def __hash__(self) -> int:
        return hash((self.label, self.edits))


def _fix(text: Text, label: Msg, found: Sequence[tuple[int, int, str]]) -> Fix:
    if text.objects:
        return Fix(label, _edits(text, found))
    return _PlainTextFix(label, text.ref, text.text, found)


# kind: (message, fix label), each (zh, en); the message's {0} the place, {1} the count,
# {2} what it quotes, {3} the English plural, {4} the first one with its neighbours
_MESSAGES = {
    "half_width_punct": (
        ("{0}的中文语句中有{1}处半角标点（{2}），如“{4}”",
         "{0}: {1} half-width punctuation mark{3} ({2}) in Chinese text, as in “{4}”"),
        ("改为全角标点（{0}处）", "Use full-width punctuation ({0})"),
    ),
    "mixed_width_digits": (
        ("{0}中有{1}处数字的全角、半角与全文不一致（{2}）",
         "{0}: {1} number{3} with digits of another width than the rest of the draft ({2})"),
        ("统一数字宽度（{0}处）", "Make the digits one width ({0})"),
    ),
    "stray_space": (
        ("{0}的中文之间有{1}处多余空格（{2}）", "{0}: {1} stray space{3} in Chinese text ({2})"),
        ("删除多余空格（{0}处）", "Delete the stray spaces ({0})"),
    ),
}  # fmt: skip


def _shown(kind: str, text: Text, found: Sequence[tuple[int, int, str]]) -> str:
    """What the message quotes: the marks, the numbers, or the first spaced words."""
    s = text.text
    if kind == "half_width_punct":
        return " ".join(dict.fromkeys(s[a] for a, _, _ in found))  # as they come
    if kind == "mixed_width_digits":
        return "、".join(dict.fromkeys(s[a:b] for a, b, _ in found[:3]))
    return "、".join(f"{s[max(a - 2, 0) : a]}␣{s[b : b + 2]}" for a, b, _ in found[:2])


def check(ctx: Context) -> Iterator[Finding]:
    reads, digits_narrow = _reads(ctx)
    # A text's findings are kept with it (``kept``; the draft's digit width in the name):
    # after an edit only the edited text's are made again. A scraped contract has a
    # finding in nearly every text.
    name = f"typography:{digits_narrow}"
    for text, r in reads:
        yield from ctx.kept(name, text, lambda t, r=r: _findings(ctx, t, r, digits_narrow))


def _findings(ctx: Context, text: Text, r: _Read, digits_narrow: bool) -> Iterator[Finding]:
    place = ctx.places.place(text.ref)  # (node id, article, clause), kept per text
    node_id, article, clause = place if place is not None else (None, None, None)
    where = _place(ctx, text, article, clause)
    for kind, found in _corrections(text, r, digits_narrow):
        message, label = _MESSAGES[kind]
        count = len(found)
        plural = "s" if count > 1 else ""
        start, end, _ = found[0]
        first = text.text[max(start - 3, 0) : end + 3].replace("\n", " ")
        yield Finding(
            kind, INFO, Msg(*message, where, count, _shown(kind, text, found), plural, first),
            **ctx.locate(text, start, end), fix=_fix(text, Msg(*label, count), found),
            subject=str(text.ref.index),
            # placed here and kept with the rest (the engine places the others each run)
            node_id=node_id, article=article, clause=clause,
        )  # fmt: skip


def _place(ctx: Context, text: Text, article: str | None, clause: str | None) -> Msg:
    """Where, in a message: a clause with its article (第三条 1.: every article has a 1.)."""
    zh, en = ctx.places.where(text.ref)
    if clause is not None:  # a clause, not the article's own text
        zh, en = f"{article} {zh}", f"{article} {en}"
    return Msg(zh, en[:1].upper() + en[1:])  # it opens the English message


def normalise_typography(draft: Draft) -> Fix | None:
    """Every typography correction of the draft as one fix (previewed, one undo step);
    None when there is nothing to correct."""
    places = Places(draft)
    ctx = Context(draft, read_texts(draft, places), places)
    reads, digits_narrow = _reads(ctx)
    edits = [
        e
        for text, r in reads
        for _, found in _corrections(text, r, digits_narrow)
        for e in _edits(text, found)
    ]
    if not edits:
        return None
    label = Msg(
        "统一全文标点、数字与空格（{0}处）",
        "Normalise the punctuation, digits and spaces of the draft ({0})",
        len(edits),
    )
    return Fix(label, tuple(edits))
