"""Defined terms as a contract writes them, read from one text at a time.

Chinese: （以下简称“平台”）, （以下称用人单位）, （下称“X”）, 本合同所称X是指…, “X”指…,
“X”是指…, a glossary line X：指… / “X”：… (only in a 定义 / 释义 article), 甲方（接收方）.
English: "X" means…, (the "X"), (hereinafter "X"), ("X") after a name, X means… at the start
of a line. Quotes may be curly or straight, 「」 or 『』; a term in Markdown bold (“**MNDA**”)
is the term.

What is read here depends on the characters only (the checks keep it per text): where each
definition is, what it says the term stands for, and the quoted words that look like a term
used as one (for a term used but never defined). ``use_pattern`` finds the uses of a set of
terms: in Chinese a term is a substring, in English a whole word (a plural "s" allowed), the
longest term first, and never inside the full name an abbreviation was defined for.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field, replace

INLINE, MEANS, PARTY = "inline", "means", "party"  # how a term is defined

_QUOTED = re.compile(
    r"“(?P<a>[^“”\n]{1,60}?)”|\"(?P<b>[^\"\n]{1,60}?)\"|「(?P<c>[^「」\n]{1,60}?)」"
    r"|『(?P<d>[^『』\n]{1,60}?)』"
)
_TITLED = re.compile(r"《(?P<a>[^《》\n]{1,30})》")
_CJK = r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_CJK_RUN = re.compile(rf"[{_CJK}]+")
_SENTENCE_PUNCT = set('。；;！？!?，：:\n、（）()《》“”"「」')
_WORD = r"A-Za-z0-9_"

# (…) holding only quoted terms, words that join them and names: ("Tripath"), (the
# "Agreement"), ("Licensee", and together with Licensor, the "Parties"),
# （以下合称“双方”，单称“一方”）
_PAREN = re.compile(r"[（(](?P<in>[^（）()\n]{1,200})[）)]")
_JOINERS = re.compile(
    r"(?i)\b(?:the|a|an|each|both|any|collectively|together|jointly|individually|separately|"
    r"respectively|hereinafter|hereafter|herein|referred|to|as|called|known|and|or|also|"
    r"sometimes|with|as\s+applicable)\b|\b[A-Z][\w&.-]*"
    r"|以下|下文|下|简称|簡稱|合称|合稱|统称|統稱|单称|單稱|分别|分別|各自|称为|稱為|称|稱|为|為|或|及|和"
    r"|[,;:，、；：\s]"
)
_UNQUOTED_INLINE = re.compile(
    rf"^\s*(?:以下|下文|下)(?:简称|簡稱|称|稱|统称|統稱|合称|合稱)(?:为|為)?[:：]?\s*"
    rf"(?P<t>[{_CJK}A-Za-z0-9]{{2,12}})\s*$"
)
_CN_HEREINAFTER = re.compile(
    r"(?:以下|下文)(?:简称|簡稱|称|稱|统称|統稱|合称|合稱)(?:为|為)?\s*[:：]?\s*$"
)
_EN_HEREINAFTER = re.compile(
    r"(?i)\b(?:hereinafter|hereafter)(?:\s+(?:referred\s+to|called|known))?(?:\s+as)?"
    r"(?:\s+the)?\s*$"
)
_MEANS_AFTER = re.compile(
    r"\s*(?:[，,]\s*)?(?:一词|一語|一语)?\s*"
    r"(?:是指|系指|係指|特指|意指|指(?![定派示导導令引挥揮明标標向南])|"
    r"(?i:means|mean|shall\s+mean|shall\s+have\s+the\s+meaning|has\s+the\s+meaning|"
    r"have\s+the\s+meaning|refers\s+to|shall\s+refer\s+to)\b)"
)
_SO_CALLED = re.compile(
    rf"所(?:称|稱)(?:的)?\s*(?P<t>[{_CJK}A-Za-z0-9]{{1,15}}?)\s*[，,]?\s*(?:是指|系指|係指|特指|指)"
)
_ITEM = r"(?:[（(]?[0-9一二三四五六七八九十a-z]{1,3}[)）.、．]\s*)?"
# At the start of a line: X，指… / X是指… anywhere; X：… / X指… in a glossary article only.
_LINE_MEANS = re.compile(
    rf"(?m)^\s*{_ITEM}(?P<t>[{_CJK}A-Za-z0-9]{{2,15}}?)\s*"
    rf"(?:[，,]\s*(?:是指|系指|係指|特指|指(?![定派示导導令引挥揮明标標向南]))|是指|系指|係指)"
)
_LINE_GLOSSARY = re.compile(
    rf"(?m)^\s*{_ITEM}(?P<t>[{_CJK}A-Za-z0-9]{{2,15}}?)\s*"
    rf"(?:[：:][ \t]*(?=\S)|指(?![定派示导導令引挥揮明标標向南]))"
)
# What leads a term at the start of a line and is no part of it: 本合同所称的…, 前款规定的…,
# and a heading run into its text (第三方定义第三方是指…).
_LEAD = re.compile(
    r"^(?:(?:本|前|上|该)(?:合同|协议|協議|合约|合約|条款|條款|条|條|款|法|附件)?(?:中)?"
    r"(?:所述|所称|所稱|所指|规定|規定|约定|約定|项下|項下)的?|(?:上述|前述)的?|.{1,12}?(?:定义|定義|释义|釋義))"
)
# A glossary clause headed by its term whose text says what it means: 服务期限 / 指自…
MEANING_LEAD = re.compile(r"\s*(?:是指|系指|係指|特指|指|(?:means|shall mean)\b)")
_COLON_MEANS = re.compile(r"\s*(?:是指|系指|係指|特指|指)")
_LINE_QUOTED_COLON = re.compile(r"\s*[：:]")
_LINE_START = re.compile(rf"\s*{_ITEM}")
_EN_LINE_MEANS = re.compile(
    r"(?m)^\s*(?P<t>[A-Z][\w-]*(?: [A-Z][\w-]*){0,4})\s+(?:means|shall mean)\b"
)
_PARTY_ALIAS = re.compile(
    rf"(?P<role>[甲乙丙丁戊己]方)[（(](?P<t>[{_CJK}]{{1,5}}(?:方|人|者|商|单位|單位))[）)]"
)
# What each pattern needs to find anything: most texts define nothing, and a search for a
# character is much faster than a pattern that fails at every place.
_HAS_QUOTE = re.compile(r"[“\"「『]").search
_HAS_PAREN = re.compile(r"[（(]").search
_HAS_SO_CALLED = re.compile(r"所[称稱]").search
_HAS_MEANS_CN = re.compile(r"指").search
_HAS_MEANS_EN = re.compile(r"mean").search
_HAS_GLOSSARY = re.compile(r"[：:指]").search
_HAS_ALIAS = re.compile(r"方[（(]").search
_NOT_ALIAS = re.compile(r"[盖蓋章签簽印字名]")
GLOSSARY_HEADING = re.compile(
    r"定义|定義|释义|釋義|术语|術語|用语|用語|词语|詞語|含义|含義"
    r"|(?i:definition|interpretation|glossary|defined\s+terms)"
)

# Quoted words that are no term: what precedes or follows says so (a marking, a list of
# wordings, a quotation of speech).
_CN_NOT_TERM_BEFORE = re.compile(
    r"(?:称|稱|称为|简称|簡稱|所谓|所謂|即|标注|標注|标明|標明|注明|註明|写明|寫明|标有|標有|印有|盖有|"
    r"加盖|显示|輸入|输入|回复|回覆|答复|表示|说明|說明|声明|聲明|注有|书写|書寫|载明|載明|使用|"
    r"出现|出現|带有|帶有|冠以|冠名|称之为|叫做|叫作|曰|道|说|說|问|問)\s*[:：]?\s*$"
)
_CN_NOT_TERM_AFTER = re.compile(
    r"^\s*(?:字样|字樣|二字|两字|兩字|三字|四字|字|一词|一詞|一语|一語|等字|等词|等詞|等用语|等用語|"
    r"等不|等字眼|等表述|标识|標識|标志|標誌|标记|標記|按钮|按鈕|选项|選項|栏|欄|字段|项|項|之类|之類|"
    r"的字样|的字樣|的表述|的说法|的說法|[：:]"
    # a name that qualifies a noun: “先到先得”原则, “双十一”期间, “淘宝”平台
    r"|原则|原則|模式|机制|機制|政策|活动|活動|期间|期間|精神|理念|口号|口號|标语|標語|品牌|商标|商標"
    r"|称号|稱號|平台|平臺|商城|店铺|店鋪|网站|網站|软件|軟體|系统|系統|产品|產品|牌|方式|形式"
    # the quote introduces a word with what it is (“质量保证期”为一年): a definition in passing
    r"|为|為|是|即)"
)
_EN_NOT_TERM_BEFORE = re.compile(
    r"(?i)\b(?:marked|mark|labell?ed|label|entitled|titled|title|called|named|captioned|"
    r"stamped|words?|term|terms|phrase|legend|heading|designated|as|the\s+word)\s*[:,]?\s*$"
)
_VERSION_AFTER = re.compile(r"\s*[Vv]?\d+(?:\.\d+)+|\s*[Vv]\d")
_DEFINING_BEFORE = re.compile(r"是指|系指|係指|特指|(?<![定派示导導令])指|\bmeans?\b")
# “X”（定义见附件一）, "X" (as defined in the Cover Page): defined elsewhere, said so
_DEFINED_ELSEWHERE = re.compile(
    r"\s*[（(]\s*(?:其?(?:定义|定義|含义|含義)\S{0,2})?(?:见|見|详见|詳見|参见|參見)"
    r"|\s*[,(]?\s*(?:as\s+)?defined\b"
)
# “蓉城智游”线上平台（以下简称“合作平台”）: a quoted name, the words of its noun phrase and
# the abbreviation it goes by -- the long form of a defined term, not a term undefined
_NAMED_AFTER = re.compile(
    rf"[{_CJK}A-Za-z0-9]{{0,8}}\s*[（(]\s*(?:以下|下文)(?:简称|簡稱|称|稱|统称|統稱|合称|合稱)"
    r"|[ \w-]{0,30}?\s*\(\s*(?:hereinafter\b|hereafter\b|the\s+\")",
    re.IGNORECASE,
)
_LIST_GAP = re.compile(r"^\s*(?:[,、，/；;]|\bor\b|\band\b|或|和|及|与|與)*\s*$")
_SMALL_WORDS = frozenset({"of", "and", "the", "for", "to", "in", "on", "a", "an", "or", "by",
                          "with", "&", "at", "under", "de"})  # fmt: skip
_CN_PARTICLE_END = set("的了吗呢吧啊么嘛呀哦")


@dataclass(frozen=True)
class Definition:
    """One place a term is defined: ``start``/``end`` the term's characters in the text."""

    term: str
    start: int
    end: int
    form: str  # INLINE (applies from here on), MEANS (applies everywhere), PARTY (an alias)
    meaning: str  # what the term stands for: the full name, or the definition's words
    antecedent: str = ""  # the full name an INLINE abbreviation or alias stands for
    glossary_only: bool = False  # X：… / X指…: a definition only in a glossary article


Use = tuple[int, int, int]  # start, end, index of the name in ``use_pattern``


@dataclass(frozen=True)
class TermFacts:
    """What one text says about terms: its definitions and the quoted words that look like
    terms used as such (start, end, word); its uses of a set of terms are found on demand
    and kept for that set (``uses``)."""

    text: str
    definitions: tuple[Definition, ...] = ()
    quoted: tuple[tuple[int, int, str], ...] = ()
    _uses: dict[str, tuple[tuple[Use, ...], tuple[Use, ...]]] = field(
        default_factory=dict, compare=False, repr=False
    )

    def uses(self, pattern: UsePattern) -> tuple[tuple[Use, ...], tuple[Use, ...]]:
        """Every use of the pattern's terms outside this text's own definitions and the
        full names they abbreviate, and the first use of each term (what the checks need);
        kept for the last pattern asked."""
        found = self._uses.get(pattern.key)
        if found is None:
            defined = {d.start for d in self.definitions if not d.glossary_only}
            every = [u for u in uses_in(self.text, pattern.terms) if u[0] not in defined]
            names = uses_in(self.text, pattern.masks) if pattern.masks and every else ()
            if names:
                every = [
                    u
                    for u in every
                    if not any(s <= u[0] and u[1] <= e and u[2] in pattern.hides[j]
                               for s, e, j in names)
                ]  # fmt: skip
            firsts: dict[int, Use] = {}
            for u in every:
                firsts.setdefault(u[2], u)
            found = (tuple(every), tuple(firsts.values()))
            self._uses.clear()
            self._uses[pattern.key] = found
        return found


def has_cjk(text: str) -> bool:
    return bool(_CJK_RUN.search(text))


def _clean(text: str, start: int, end: int) -> tuple[int, int]:
    """The term inside a quote, without spaces and Markdown emphasis (**MNDA**)."""
    while start < end and text[start] in " \t*_":
        start += 1
    while end > start and text[end - 1] in " \t*_":
        end -= 1
    return start, end


def term_like(term: str) -> bool:
    """Whether the words can be a term: short, no sentence punctuation, some letters."""
    if not 1 <= len(term) <= 40 or any(c in _SENTENCE_PUNCT for c in term):
        return False
    if not re.search(rf"[A-Za-z{_CJK}]", term):
        return False
    return has_cjk(term) or len(term.split()) <= 6


def _quoted_spans(text: str) -> list[tuple[int, int, int, int]]:
    """(open, close end, term start, term end) of each quoted stretch."""
    out = []
    for m in _QUOTED.finditer(text):
        group = next(g for g in "abcd" if m.group(g) is not None)
        start, end = _clean(text, m.start(group), m.end(group))
        if start < end:
            out.append((m.start(), m.end(), start, end))
    return out


def _antecedent(text: str, at: int) -> str:
    """The name just before ``at`` that an abbreviation defined there stands for:
    北京某某科技有限公司（以下简称“某某”）, Tripath Technology, Inc. ("Tripath")."""
    before = text[max(0, at - 80) : at].rstrip(" ，,")
    named = re.search(r"[《“]([^《》“”]{1,40})[》”]$", before)
    if named:  # 《旅游行程单》（以下简称《行程单》）
        return named.group(1)
    cut = max(before.rfind(c) for c in '\n;:；：“”"（）()《》。')
    before = before[cut + 1 :]
    if has_cjk(before):
        cut = max(before.rfind(c) for c in "，,、")
        return before[cut + 1 :].strip().lstrip("与和及由同向")
    m = re.search(
        r"((?:[A-Z0-9][\w&'.-]*,?\s+(?:(?:of|and|&|the|de|for)\s+)*)*[A-Z0-9][\w&'.-]*,?)\s*$",
        before,
    )
    return m.group(1).rstrip(",").strip() if m else ""


_MEANING_START = re.compile(r"\s*(?:是指|系指|係指|指)?")
_MEANING_CHARS = 300  # of a definition's words kept to compare two definitions


def _meaning_after(text: str, at: int) -> str:
    """The words of a definition after 指 / means, to its sentence's end."""
    at = _MEANING_START.match(text, at).end()
    window = text[at : at + _MEANING_CHARS]
    stops = [i for i in (window.find(c) for c in "。；;\n") if i >= 0]
    return " ".join(window[: min(stops) if stops else len(window)].split())


def read_terms(text: str) -> TermFacts:
    """The definitions of one text and the quoted words in it that look like terms."""
    found: dict[tuple[int, int], Definition] = {}
    taken: set[int] = set()  # the characters of the terms found: one definition each
    # each pattern only where the characters it needs are (most texts define nothing)
    quotes = _quoted_spans(text) if _HAS_QUOTE(text) else []
    starts = [q[0] for q in quotes]
    parens = list(_PAREN.finditer(text)) if _HAS_PAREN(text) else []

    def add(d: Definition, unquoted: bool = False) -> None:
        lead = _LEAD.match(d.term) if unquoted else None
        if lead and lead.end() < len(d.term) - 1:  # 本合同所述的客服外包服务 / 第三方定义第三方
            d = replace(d, term=d.term[lead.end() :], start=d.start + lead.end())
        if term_like(d.term) and taken.isdisjoint(range(d.start, d.end)):
            found[(d.start, d.end)] = d
            taken.update(range(d.start, d.end))

    for m in parens:
        inner_start, inner = m.start("in"), m.group("in")
        first, last = bisect_right(starts, m.start()), bisect_left(starts, m.end())
        inside = [q for q in quotes[first:last] if q[1] < m.end()]
        if not inside:
            titled = [t for t in _TITLED.finditer(inner)]
            unquoted = _UNQUOTED_INLINE.match(inner)
            if unquoted:
                s, e = inner_start + unquoted.start("t"), inner_start + unquoted.end("t")
                inside_names = [(s, e)]
            elif titled and _CN_HEREINAFTER.search(inner[: titled[0].start()]):
                t = titled[0]
                inside_names = [(inner_start + t.start("a"), inner_start + t.end("a"))]
            else:
                continue
        else:
            rest = inner
            for q in reversed(inside):
                a, b = q[0] - inner_start, q[1] - inner_start
                rest = rest[:a] + " " + rest[b:]
            if _JOINERS.sub("", rest):
                continue  # other words: an aside that merely quotes something
            inside_names = [(q[2], q[3]) for q in inside]
        name = _antecedent(text, m.start())
        for s, e in inside_names:
            add(Definition(text[s:e], s, e, INLINE, name, name))
    for q0, q1, s, e in quotes:
        before = text[max(0, q0 - 30) : q0]
        if _CN_HEREINAFTER.search(before) or _EN_HEREINAFTER.search(before):
            lead = before.rfind("以下") if "以下" in before else before.rfind("下文")
            if lead < 0:
                lead = before.lower().rfind("herea" if "herea" in before.lower() else "herein")
            name = _antecedent(text, max(0, q0 - 30) + max(lead, 0))
            add(Definition(text[s:e], s, e, INLINE, name, name))
            continue
        means = _MEANS_AFTER.match(text, q1)
        colon = _LINE_QUOTED_COLON.match(text, q1)
        if means:
            add(Definition(text[s:e], s, e, MEANS, _meaning_after(text, means.end())))
        elif colon and _LINE_START.fullmatch(text, text.rfind("\n", 0, q0) + 1, q0):
            says = not _COLON_MEANS.match(text, colon.end())  # “X”：指… defines anywhere
            add(Definition(text[s:e], s, e, MEANS, _meaning_after(text, colon.end()), "", says))
    for m in _SO_CALLED.finditer(text) if _HAS_SO_CALLED(text) else ():
        add(
            Definition(m.group("t"), m.start("t"), m.end("t"), MEANS, _meaning_after(text, m.end()))
        )
    for pattern, glossary_only, needs in ((_LINE_MEANS, False, _HAS_MEANS_CN),
                                          (_EN_LINE_MEANS, False, _HAS_MEANS_EN),
                                          (_LINE_GLOSSARY, True, _HAS_GLOSSARY)):  # fmt: skip
        for m in pattern.finditer(text) if needs(text) else ():
            if any(q[0] <= m.start("t") < q[1] for q in quotes):
                continue
            only = glossary_only and not _COLON_MEANS.match(text, m.end())  # X：指…
            add(Definition(m.group("t"), m.start("t"), m.end("t"), MEANS,
                           _meaning_after(text, m.end()), "", only), unquoted=True)  # fmt: skip
    for m in _PARTY_ALIAS.finditer(text) if _HAS_ALIAS(text) else ():
        if not _NOT_ALIAS.search(m.group("t")):
            add(Definition(m.group("t"), m.start("t"), m.end("t"), PARTY, m.group("role"),
                           m.group("role")))  # fmt: skip
    definitions = tuple(sorted(found.values(), key=lambda d: d.start))
    return TermFacts(text, definitions, _quoted_terms(text, quotes, found, parens))


def _quoted_terms(
    text: str,
    quotes: list[tuple[int, int, int, int]],
    defined: dict[tuple[int, int], Definition],
    parens: list[re.Match[str]],
) -> tuple[tuple[int, int, str], ...]:
    """Quoted words that read as a term used as one: “服务标准” / the "Purchase Price" in
    running text; not a quotation, a marking (标注“保密”字样, marked "Confidential"), a list
    of wordings (“豪华”、“仅供参考”) or an ALL-CAPS phrase ("AS IS")."""
    out = []
    paren_starts = [p.start() for p in parens]
    for i, (q0, q1, s, e) in enumerate(quotes):
        if (s, e) in defined:
            continue
        listed = (i > 0 and _LIST_GAP.match(text[quotes[i - 1][1] : q0])) or (
            i + 1 < len(quotes) and _LIST_GAP.match(text[q1 : quotes[i + 1][0]])
        )
        around = bisect_left(paren_starts, q0) - 1  # parentheses never nest (_PAREN)
        if listed or (around >= 0 and q1 < parens[around].end()):
            continue
        word = text[s:e]
        before, after = text[max(0, q0 - 12) : q0], text[q1 : q1 + 8]
        if _VERSION_AFTER.match(after) or _DEFINING_BEFORE.search(_sentence_before(text, q0)):
            continue  # a product's name (“某系统”V3.0), a name in a definition's words
        if _DEFINED_ELSEWHERE.match(text, q1) or _NAMED_AFTER.match(text, q1):
            continue
        if has_cjk(word):
            ok = (
                2 <= len(word) <= 10
                and _CJK_RUN.fullmatch(word) is not None
                and word[-1] not in _CN_PARTICLE_END
                and not _CN_NOT_TERM_BEFORE.search(before)
                and not _CN_NOT_TERM_AFTER.match(after)
                and not _MEANS_AFTER.match(text, q1)
            )
        else:
            ok = (
                _title_case(word)
                and not _EN_NOT_TERM_BEFORE.search(text[max(0, q0 - 20) : q0])
                and not _MEANS_AFTER.match(text, q1)
            )
        if ok:
            out.append((s, e, word))
    return tuple(out)


def _sentence_before(text: str, at: int) -> str:
    """The sentence's words before ``at``."""
    window = text[max(0, at - _MEANING_CHARS) : at]
    return window[max(window.rfind(c) for c in "。；;！？!?\n") + 1 :]


def _title_case(word: str) -> bool:
    """ "Purchase Price", "Force Majeure Event": capitalised words, not ALL CAPS."""
    words = word.split()
    if not 1 <= len(words) <= 5 or not re.fullmatch(r"[A-Za-z][A-Za-z0-9 &'-]*", word):
        return False
    if word.upper() == word:
        return False
    return words[0][0].isupper() and all(w[0].isupper() or w.lower() in _SMALL_WORDS for w in words)


def _one(term: str) -> str:
    """The pattern of one term's uses."""
    core = re.escape(term)
    if has_cjk(term):
        return core
    if _any_case(term):
        core = f"(?i:{core})"
    return rf"(?<![{_WORD}]){core}(?=(?:s|es)?(?![{_WORD}]))"


@dataclass(frozen=True)
class UsePattern:
    """How the uses of a set of terms are found: ``terms`` (group g{i}: the i-th term, the
    longest tried first) and the full names abbreviations stand for (``masks``, group g{j}):
    a use of a term of ``hides[j]`` inside masks' j-th name is no use (某某 in 北京某某科技
    有限公司 when 某某 abbreviates that name)."""

    terms: re.Pattern[str]
    masks: re.Pattern[str] | None
    hides: tuple[frozenset[int], ...]
    key: str  # what a text keeps its uses under (a pattern's hash reads all its code)


def _alternatives(names: list[str]) -> re.Pattern[str]:
    """The names' patterns, the longest first, behind a lookahead of the characters they
    start with (in either case where a name is matched so): the engine tries the names
    only there, a fraction of the time over a contract's texts."""
    if not names:
        return re.compile(r"(?!)")
    order = sorted(range(len(names)), key=lambda i: -len(names[i]))
    starts = {n[0] for n in names if not _any_case(n)}
    either = {n[0] for n in names if _any_case(n)}
    opening = [f"[{re.escape(''.join(sorted(starts)))}]"] if starts else []
    opening += [f"(?i:[{re.escape(''.join(sorted(either)))}])"] if either else []
    alternatives = "|".join(f"(?P<g{i}>{_one(names[i])})" for i in order)
    return re.compile(f"(?={'|'.join(opening)})(?:{alternatives})")


def _any_case(term: str) -> bool:
    """Whether the term's uses are matched in any case (an English term in lower case)."""
    return not has_cjk(term) and term.lower() == term


def use_pattern(
    terms: tuple[str, ...], masks: dict[str, frozenset[int]] | None = None
) -> UsePattern:
    """The uses of ``terms``; ``masks``: each full name, and the indexes of the terms a use
    of which inside it is no use."""
    names = list(masks or {})
    found = _alternatives(list(terms))
    hiding = _alternatives(names) if names else None
    hides = tuple((masks or {})[n] for n in names)
    key = "\x1e".join([found.pattern, hiding.pattern if hiding else "", repr(hides)])
    return UsePattern(found, hiding, hides, key)


def uses_in(text: str, pattern: re.Pattern[str]) -> tuple[Use, ...]:
    """(start, end, index of the name) of each match of an alternation of names."""
    out = []
    for m in pattern.finditer(text):
        name = m.lastgroup
        if name is not None:
            out.append((m.start(), m.end(), int(name[1:])))
    return tuple(out)
