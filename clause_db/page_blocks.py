"""What stands around a contract's numbered body: its cover page, its signature block, its annexes.

Found by the lines they are made of, for the classes of layout real contracts use:

* a **cover page**: the lines before the title (编号：…, an instruction page), and the title
  page's own lines after it (（GF-2025-2615）, 甲方（接收方）：…, 签订日期：…; "between … and …",
  "Dated …") when the real parties block or preamble follows -- a party named twice, or an
  English sentence after the cover's short lines;
* a **signature block**: a signature-page note (（下接签署页）, 以下为本合同签署页，无正文,
  [Signature page follows]), IN WITNESS WHEREOF, a seal line (甲方（盖章）：,
  旅游者代表签字（盖章）：, 甲方：____（盖章）) or a ``By: … Name: …`` line with the party
  names above it;
* **annexes**: 附件1 / 附件一 / 附表2 / 附录 / Exhibit A / Schedule 1 / Appendix / Annex headings
  after the body, from the last heading numbered 1 that has text of its own (a list of the
  annexes inside the last article -- 附件1：报价单 / 附件2：服务标准 -- stays there).

``clause_db.segment`` uses these line positions to cut the document; nothing here builds the
outline. The export asks the same questions of a draft's lines to lay the pages out again
(:func:`cover_group`, :func:`signature_page_note`).
"""

from __future__ import annotations

import re

# -- lines ----------------------------------------------------------------------------------


def lines(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The lines of ``text[start:end]`` as spans, each with its line break."""
    out, pos = [], start
    while pos < end:
        nl = text.find("\n", pos, end)
        stop = end if nl < 0 else nl + 1
        out.append((pos, stop))
        pos = stop
    return out


MAX_BLOCK_LINE = 80  # a signature-page note, an annex heading or a cover line is one short line
# What may open such a line: spaces, and in Markdown a heading's #s or bold stars.
_LEAD = r"[ \t\u3000]*(?:#{1,6}[ \t]+|>[ \t]*|\*\*|__){0,3}[ \t\u3000]*"

# -- signature block ------------------------------------------------------------------------

_ROLE = (
    r"(?:[甲乙丙丁戊]方|(?i:party [a-e])|出卖人|买受人|委托方|受托方|委托人|受托人|出租人|承租人"
    r"|发包人|承包人|贷款人|借款人|供方|需方|卖方|买方|转让方|受让方|许可方|被许可方|旅游者|出境社|组团社)"
)
SIGNATURE_LINE = re.compile(
    rf"{_LEAD}{_ROLE}[ \t\u3000]*"
    r"[（(](?:[盖蓋]章|[签簽]章|[签簽]字|[签簽]名|(?i:seal|signature))"
)
SIGNATURE_DETAIL = re.compile(
    r"[ \t\u3000]*(?:日期|[签簽][订訂]日期|法定代表人|授[权權]代表|委[托託]代理人|[签簽]字|[签簽]名"
    r"|地址|[电電][话話]|"
    r"(?i:date|by|name|title|authori[sz]ed))[^\n]{0,40}[:：]"
)
SIGNATURE_TAIL_LINES = 12  # a closing block found from the end is the last few lines
SIGNATURE_PAGE = re.compile(  # a note, not a sentence that mentions the signature page
    rf"{_LEAD}(?:"
    r"(?:[（(\[【]|以下|本[页頁]|此[页頁]|下接)[^\n]{0,40}[签簽][署字][页頁]"
    r"|[（(\[【]?(?:以下|本[页頁]|此[页頁])[无無]正文"
    r"|[(\[]?(?i:signature pages? follows?|signature page))"
)
# Lines that open a signature block wherever they stand after the last article's heading.
_SIGNATURE_OPENER = re.compile(
    rf"{_LEAD}(?:"
    r"(?i:in witness whereof|in witness thereof|executed as a deed|signed for and on behalf"
    r"|signed by\b[^\n]{0,80}\bon behalf of)"
    r"|[签簽]署[页頁][ \t\u3000]*$"  # 签署页 as the page's heading
    # 旅游者代表签字（盖章）：, 甲方（盖章）：, 乙方（签字）
    r"|[\u4e00-\u9fff]{1,10}(?:[（(](?:[盖蓋]章|[签簽]章|[签簽]字|[签簽]名|公章)[^）)\n]{0,6}[）)]"
    r"|[签簽]字[（(][盖蓋]章[）)]|[盖蓋]章)[ \t\u3000]*[:：]"
    # 甲方：{{签署_甲方}}（盖章）, 甲方：____（盖章）
    rf"|{_ROLE}[^\n:：]{{0,8}}[:：][^\n。；;]{{0,40}}[（(](?:[盖蓋]章|[签簽]字|[签簽]章)"
    r")"
)
_BY_LINE = re.compile(r"(?:^|[ \t|])By:[ \t]*(?:_|/s/|\S)")
_BY_DETAIL = re.compile(r"\b(?:Name|Title|Its|Date):")
_SENTENCE_END = re.compile(r"[;:,。；：，]\s*$|\b[a-z]{3,}\b.*\.\s*$")  # not ACME INC.
_MARKER_START = re.compile(
    r"[ \t\u3000]*(?:\d+(?:[.．]\d+)*[.．、)]?[ \t\u3000]|[（(][\w]{1,4}[）)]|第\S{1,8}[条條章]"
    r"|[一二三四五六七八九十]+、|(?i:article|section)[ \t])"
)


_NOTE_FOLLOWS = re.compile(r"下接|下转|下轉|见下[页頁]|見下[页頁]|(?i:follows?\b)")
_NOTE_NAMES_PAGE = re.compile(r"[签簽][署字][页頁]|本[页頁]|此[页頁]|(?i:signature page)")
_SIGNATURE_HEADING = re.compile(
    rf"{_LEAD}(?:[签簽][署字][页頁]|(?i:signature pages?))[ \t\u3000]*$"
)


def signature_page_note(line: str) -> str | None:
    """What a signature-page note says of the page: "follows" when it ends the body's last
    page (（以下无正文，下接签署页）, [Signature page follows]) -- the signature page starts
    after it; "page" when it heads the signature page (以下为本合同签署页，无正文,
    （本页无正文，为…签署页）, 签署页) -- it starts there; None for any other line
    (（以下无正文） alone says neither)."""
    if not (SIGNATURE_PAGE.match(line) or _SIGNATURE_HEADING.match(line)):
        return None
    if _NOTE_FOLLOWS.search(line):
        return "follows"
    return "page" if _NOTE_NAMES_PAGE.search(line) else None


def signature_opener(text: str, after: int, end: int) -> int:
    """Where a signature block opens in ``text[after:end]`` (the lines after the last article's
    heading), or ``end``: the first signature-page note, IN WITNESS line or seal line, or a
    ``By:`` line together with the short party-name lines just above it."""
    spans = lines(text, after, end)
    for i, (ls, le) in enumerate(spans):
        line = text[ls:le]
        if len(line.strip()) > 4 * MAX_BLOCK_LINE:
            continue
        if SIGNATURE_PAGE.match(line) and len(line.strip()) <= MAX_BLOCK_LINE:
            return ls
        if _SIGNATURE_OPENER.match(line) and "。" not in line.rstrip()[:-1]:
            return ls
        if _BY_LINE.search(line) and (_BY_DETAIL.search(line) or _next_has_detail(text, spans, i)):
            return _names_above(text, spans, i)
    return end


def _next_has_detail(text: str, spans: list[tuple[int, int]], i: int) -> bool:
    following = [text[s:e] for s, e in spans[i + 1 : i + 4]]
    return any(_BY_DETAIL.search(line) for line in following)


def _names_above(text: str, spans: list[tuple[int, int]], i: int) -> int:
    """The start of the party-name lines (ACME INC., [Client Name]) above a ``By:`` line."""
    start = spans[i][0]
    for ls, le in reversed(spans[:i]):
        line = text[ls:le].strip()
        if not line:
            continue
        if len(line) > 60 or _SENTENCE_END.search(line) or _MARKER_START.match(line):
            break
        start = ls
    return start


def signature_tail(text: str, s: int, e: int) -> int:
    """Where a closing block of seal and detail lines (甲方（盖章）：… 日期：…) that ends the
    text begins, or ``e`` when the text does not end with one."""
    start = e
    for ls, le in reversed(lines(text, s, e)[-SIGNATURE_TAIL_LINES:]):
        line = text[ls:le]
        if SIGNATURE_LINE.match(line):
            start = ls
        elif line.strip() and not SIGNATURE_DETAIL.match(line):
            break
    return start


# -- annexes --------------------------------------------------------------------------------

ANNEX_HEADING = re.compile(
    rf"{_LEAD}(?P<label>"
    r"(?:附件|附表|附录|附錄)[ \t\u3000]*(?P<cn>[一二三四五六七八九十]+|\d+)"
    r"|(?i:annex|schedule|exhibit|appendix|attachment)[ \t]+(?P<en>\d+|[A-Z]|[IVX]+))"
    r"(?=[ \t\u3000:：、.．\-–—*]|$)",
    re.M,
)
TITLE_SEPARATORS = " \t\u3000:：、.．-–—*_"
_MAX_ANNEX_TITLE = 40
_NOT_A_TITLE = re.compile(r"[。；;，,!?！？|]|^\s*(?:\d|[（(]|[一二三四五六七八九十]+、|第)")


# One annex without a number (附件：数据清单, 附件 alone on its line): an annex only after the
# signature block, where nothing else can be meant.
_SOLE_ANNEX = re.compile(
    rf"{_LEAD}(?P<label>附件|附表|附录|附錄|(?i:annex|schedule|exhibit|appendix))"
    r"(?=[ \t\u3000*_]*(?:[:：][^\n]{0,40})?[ \t\u3000]*$)",
    re.M,
)


def sole_annex_start(text: str, signature: int, e: int) -> int:
    """Where an unnumbered annex after the signature block begins, or ``e``."""
    for ls, le in lines(text, signature, e):
        if _SOLE_ANNEX.match(text, ls, le) and _has_own_text(text, le, e):
            return ls
    return e


def annex_number(m: re.Match) -> int:
    """1 for 附件1, 附件一, Annex A, Schedule I, Exhibit 1; 0 for any other number."""
    value = m.group("cn") or m.group("en")
    return 1 if value in ("1", "一", "A", "a", "I") else 0


def annex_heading(text: str, ls: int, le: int, sole: bool = False) -> re.Match | None:
    """The annex heading that line ``text[ls:le]`` is, if it is one (a short line);
    ``sole``: also one without a number (附件：数据清单), found by ``sole_annex_start``."""
    if len(text[ls:le].strip()) > MAX_BLOCK_LINE:
        return None
    m = ANNEX_HEADING.match(text, ls, le) or (_SOLE_ANNEX.match(text, ls, le) if sole else None)
    return None if m is None or _is_sentence(text[m.end("label") : le]) else m


def _is_sentence(rest: str) -> bool:
    """Schedule 1 sets out the fees. / 附件1 为本合同不可分割的部分。: a sentence, no heading."""
    rest = rest.strip().lstrip(TITLE_SEPARATORS)
    if not rest:
        return False
    lower_start = rest[0].islower()
    long_period = rest.endswith(".") and len(rest.split()) > 4
    return lower_start or long_period or rest.endswith(("。", "；", ";", "，", ","))


def _has_own_text(text: str, heading_end: int, e: int) -> bool:
    """Whether a line other than another annex heading follows an annex heading."""
    for ls, le in lines(text, heading_end, e):
        if text[ls:le].strip():
            return not ANNEX_HEADING.match(text, ls, le)
    return False


def annexes_start(text: str, after: int, e: int) -> int:
    """Where the annexes after ``after`` begin: the last heading numbered 1 (附件1, 附件一,
    Exhibit A) that has text of its own, so a list of the annexes in the last article stays
    there -- the last of each word's, and the first of those (附件一 … 附表1, Exhibit A …
    Schedule 1 are one run of annexes); ``e`` when there are none."""
    last_one: dict[str, int] = {}
    for ls, le in lines(text, after, e):
        m = annex_heading(text, ls, le)
        if m and annex_number(m) == 1 and _has_own_text(text, le, e):
            word = re.sub(r"[\s\d一二三四五六七八九十]+|\b[A-Z]$|\b[IVX]+$", "", m.group("label"))
            last_one[word.lower()] = ls
    return min(last_one.values(), default=e)


def annex_starts(text: str, start: int, e: int) -> list[int]:
    """The line starts of the annex headings from ``start`` (an annex heading) on."""
    return [ls for ls, le in lines(text, start, e) if annex_heading(text, ls, le)]


def annex_title(text: str, m: re.Match, end: int) -> tuple[int, int]:
    """The span of an annex's title: the rest of its heading line (附件2 验收单), else the
    next line when it is a short title (附件1 / 数据提供项目验收单示例); empty after the label."""
    label_end = m.end("label")
    line_end = text.find("\n", label_end, end)
    line_end = end if line_end < 0 else line_end
    if text[label_end:line_end].strip(TITLE_SEPARATORS):
        return label_end, line_end
    for ls, le in lines(text, line_end, end):
        line = text[ls:le].strip()
        if not line:
            continue
        if len(line) <= _MAX_ANNEX_TITLE and not _NOT_A_TITLE.search(line):
            return label_end, ls + len(text[ls:le].rstrip("\n"))
        break
    return label_end, label_end


# Where the label of a line a lawyer made an annex heading ends: a colon, a tab, a dash.
_OWN_LABEL_END = re.compile(r"[ \t]*[:：]|\t|\u3000|[ \t]+[-–—]+[ \t]|——")
_MAX_OWN_LABEL = 16


def own_annex_heading(text: str, start: int, end: int) -> tuple[int, int]:
    """Where the label and the title end on the line at ``start``, which a lawyer said starts
    an annex though it reads as no annex heading (``start`` both times: no such piece).

    The words before a colon or a dash are its label (Rider A: Additional Terms, 附：报价单),
    the rest of a short line its title (Price List: all title); a paragraph or a sentence
    starts the annex's text under no heading.
    """
    nl = text.find("\n", start, end)
    line_end = end if nl < 0 else nl
    line = text[start:line_end]
    if not line.strip() or len(line.strip()) > MAX_BLOCK_LINE or _is_sentence(line):
        return start, start
    m = _OWN_LABEL_END.search(text, start, line_end)
    labelled = m and 0 < len(text[start : m.start()].strip()) <= _MAX_OWN_LABEL
    if labelled and text[m.end() : line_end].strip(TITLE_SEPARATORS):
        return m.start(), line_end
    return start, line_end


# -- cover page -----------------------------------------------------------------------------

_COVER_ROLE_LINE = re.compile(rf"[ \t\u3000]*(?P<role>{_ROLE})[^:：\n]{{0,12}}[:：]")
_COVER_DETAIL = re.compile(
    r"[ \t\u3000]*(?:[（(]?GF[-－—‐]\d{4}[-－—‐]\d{4}[）)]?[ \t\u3000]*$"
    r"|(?:合同|协议)?编号|[签簽][订訂约約署]日期|[签簽][订訂约約署]地点|[签簽][订訂约約署]时间"
    r"|项目名称|日期[:：]|地点[:：])"
)
_EN_COVER_OPENER = re.compile(
    r"[ \t]*(?:(?i:between|by and between|among|by and among)[ \t]*:?[ \t]*$|(?i:dated)\b)"
)
_EN_BODY_START = re.compile(
    r"[ \t]*(?:THIS\b|This\b|(?i:parties|recitals|whereas|background)\b[ \t]*:?[ \t]*$)"
)


_COVER_PARTIES = re.compile(
    rf"{_COVER_ROLE_LINE.pattern}|[ \t]*(?i:between|by and between|among|by and among)\b"
)
_COVER_DATE = re.compile(
    r"[ \t\u3000]*(?:[签簽][订訂约約署](?:日期|地点|地點|时间|時間)"
    r"|日期[:：]|地点[:：]|(?i:dated)\b)"
)


def cover_group(line: str) -> str:
    """Which group of a title page's lines ``line`` opens, to set it apart from the lines
    above: "parties" (甲方（接收方）：…, between), "date" (签订日期：…, 签订地点：…, Dated …),
    or "" (a line that stays with the one above: （GF-2025-2615）, a party's name, and)."""
    if _COVER_PARTIES.match(line):
        return "parties"
    return "date" if _COVER_DATE.match(line) else ""


def title_page_end(text: str, title_end: int, stop: int) -> int:
    """Where the title page's own lines after the title end (the real parties block or
    preamble starts there), or ``title_end`` when the title page has no such lines."""
    spans = [(ls, le) for ls, le in lines(text, title_end, stop) if text[ls:le].strip()]
    if not spans:
        return title_end
    first = text[slice(*spans[0])]
    if _EN_COVER_OPENER.match(first):
        for ls, le in spans[1:]:
            line = text[ls:le].strip()
            if _EN_BODY_START.match(line) or len(line) > MAX_BLOCK_LINE:
                return ls
        return title_end
    roles: set[str] = set()
    for ls, le in spans:
        line = text[ls:le]
        role = _COVER_ROLE_LINE.match(line)
        if role and role.group("role") in roles:
            return ls if roles else title_end  # the role named again: the parties block
        if role:
            roles.add(role.group("role"))
        elif not (_COVER_DETAIL.match(line) and len(line.strip()) <= MAX_BLOCK_LINE):
            return title_end
    return title_end
