"""Cross-references written inside sentences: 本合同第八条, 第四条、第五条, 第8.3条, 本条第2款,
第四十条第一项 (item （一） of 第四十条, as statutes and 劳动合同 write it), Section 4.2, Article 7.

Each mention says what it points at (an article by number, a clause by dotted number, the
n-th clause of the current article, an annex by the number of its label: 见附件二, Exhibit A)
and in which form it was written, so that it can be written again, in the same form, with
the target's new number.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from clause_db.numerals import cn_to_int, int_to_cn, int_to_roman, roman_to_int

_CN = r"[零〇一二两兩三四五六七八九十百千]+"
# An annex as written in its heading or in a sentence: 附件1, 附件一, 附表2, Exhibit A,
# Schedule 1, Annex II. Its word and its numerals make the label style of the sequence.
ANNEX_LABEL = (
    r"(?P<xw>附件|附表|附录|附錄)[ \t]*(?P<xn>[一二三四五六七八九十]+|\d+)"
    r"|(?<![A-Za-z])(?P<xe>Exhibit|EXHIBIT|Schedule|SCHEDULE|Annex|ANNEX|Appendix|APPENDIX"
    r"|Attachment|ATTACHMENT)[ \t]+(?P<xen>\d+\b(?![.．]\d)|[A-Z]\b|[IVX]+\b)"
)
_ANNEX_LABEL = re.compile(ANNEX_LABEL)
# Every form opens with one of the characters of the lookahead: the engine tries the
# alternatives only there (a sixth of the time over a contract's texts).
_PATTERN = re.compile(
    r"(?=[第附SsCcAaE])(?:"
    rf"(?P<kuan>(?<=本[条條])第[ \t]*(?P<kn>{_CN}|\d+)[ \t]*款)"
    rf"|(?P<cn_item>第[ \t]*(?P<ia>{_CN}|\d+)[ \t]*[条條][ \t]*第[ \t]*(?P<ii>{_CN}|\d+)[ \t]*项)"
    r"|(?P<cn_clause>第[ \t]*(?P<cp>\d+(?:[.．]\d+)+)[ \t]*[条條])"
    rf"|(?P<cn_article>第[ \t]*(?P<an>{_CN}|\d+)[ \t]*[条條])"
    r"|(?<![A-Za-z])(?P<en_section>(?P<sw>Section|section|SECTION|Subsection|subsection"
    r"|Clause|clause)[ \t]+(?P<sp>\d+(?:\.\d+)*)\b)"
    r"|(?<![A-Za-z])(?P<en_article>(?P<aw>Article|ARTICLE|article)[ \t]+(?P<ea>\d+|[IVXLC]+)\b)"
    rf"|(?P<annex>{ANNEX_LABEL}))"
)
# An English reference is written again with its own word and numerals (Subsection 18.1,
# section 19, ARTICLE III): form "en:<word>" or "en:<word>:roman". The fixed forms below
# (en_section…) are those of drafts saved before.
_EN_FORM = re.compile(r"en:(?P<word>[A-Za-z]+)(?P<roman>:roman)?")
# 《劳动法》第三十九条, 劳动法第三十九条: another instrument's article, not ours (本法 is ours).
_OTHER_INSTRUMENT = re.compile(
    r"(?:》|(?<!本)(?:法|条例|條例|规定|規定|办法|辦法|细则|細則|公约|公約))[ \t]*$"
)
# A Chinese form ending in this was written with 條 (Traditional) and is written again so.
_TRAD = "_trad"


@dataclass(frozen=True)
class Mention:
    """A reference as written: its span, what it points at, and the form to write it in."""

    start: int
    end: int
    target: str  # "article" | "clause" | "kuan" | "item"
    # (8,) for 第八条, (8, 3) for 第8.3条, (2,) for 本条第2款, (40, 1) for 第四十条第一项
    number: tuple[int, ...]
    # cn_article | cn_article_digits | cn_clause | kuan | kuan_cn | cn_item | cn_item_digits
    # | en:<word>[:roman] | annex:<word>:<digits|cn|alpha|roman>
    form: str


def find_references(text: str) -> list[Mention]:
    """Every cross-reference in ``text`` that points inside the same document."""
    found = []
    for m in _PATTERN.finditer(text):
        if _OTHER_INSTRUMENT.search(text, max(0, m.start() - 8), m.start()):
            continue
        mention = _mention(m)
        if mention:
            found.append(mention)
    return found


def _mention(m: re.Match[str]) -> Mention | None:
    kind = m.lastgroup  # the outer group: it closes after the number inside it
    if kind == "annex":
        found = annex_label_style(m.group(0))
        return found and Mention(m.start(), m.end(), "annex", (found[2],), found_form(found))
    if kind == "kuan":
        raw = m.group("kn")
        n = cn_to_int(raw)
        return n and Mention(
            m.start(), m.end(), "kuan", (n,), "kuan" if raw.isdigit() else "kuan_cn"
        )
    trad = _TRAD if "條" in m.group(0) else ""
    if kind == "cn_item":
        article, item = cn_to_int(m.group("ia")), cn_to_int(m.group("ii"))
        form = ("cn_item_digits" if m.group("ia").isdigit() else "cn_item") + trad
        return article and item and Mention(m.start(), m.end(), "item", (article, item), form)
    if kind == "cn_clause":
        path = tuple(int(x) for x in re.split(r"[.．]", m.group("cp")))
        return Mention(m.start(), m.end(), "clause", path, "cn_clause" + trad)
    if kind == "cn_article":
        raw = m.group("an")
        n = cn_to_int(raw)
        form = ("cn_article_digits" if raw.isdigit() else "cn_article") + trad
        return n and Mention(m.start(), m.end(), "article", (n,), form)
    if kind == "en_section":
        path = tuple(int(x) for x in m.group("sp").split("."))
        target = "article" if len(path) == 1 else "clause"
        return Mention(m.start(), m.end(), target, path, f"en:{m.group('sw')}")
    raw = m.group("ea")
    n = int(raw) if raw.isdigit() else roman_to_int(raw)
    form = f"en:{m.group('aw')}" + ("" if raw.isdigit() else ":roman")
    return n and Mention(m.start(), m.end(), "article", (n,), form)


def annex_label_style(label: str) -> tuple[str, str, int] | None:
    """(word, numerals, number) of an annex label: 附件二 -> ("附件", "cn", 2), Exhibit B ->
    ("Exhibit", "alpha", 2), Schedule 1 -> ("Schedule", "digits", 1); None for no such label."""
    m = _ANNEX_LABEL.fullmatch(label.strip())
    if m is None:
        return None
    if m["xw"]:
        raw = m["xn"]
        return (
            m["xw"],
            "digits" if raw.isdigit() else "cn",
            int(raw) if raw.isdigit() else (cn_to_int(raw) or 0),
        )
    raw = m["xen"]
    if raw.isdigit():
        return m["xe"], "digits", int(raw)
    if len(raw) == 1 and raw not in "IVX":
        return m["xe"], "alpha", ord(raw) - ord("A") + 1
    return m["xe"], "roman", roman_to_int(raw) or 0


def found_form(style: tuple[str, str, int]) -> str:
    """The reference form of an annex label's style: annex:<word>:<numerals>."""
    return f"annex:{style[0]}:{style[1]}"


_ANNEX_FORM = re.compile(r"annex:(?P<word>[^:]+):(?P<numerals>digits|cn|alpha|roman)")


def write_annex_label(word: str, numerals: str, n: int) -> str:
    """The label of the n-th annex in a sequence written with ``word`` and ``numerals``."""
    if numerals == "cn":
        number = int_to_cn(n)
    elif numerals == "alpha":
        number = chr(ord("A") + n - 1) if 0 < n <= 26 else str(n)
    elif numerals == "roman":
        number = int_to_roman(n)
    else:
        number = str(n)
    return f"{word}{number}" if re.match(r"[\u4e00-\u9fff]", word) else f"{word} {number}"


def _dotted(path: tuple[int, ...]) -> str:
    return ".".join(map(str, path))


_WRITERS = {
    "cn_article": lambda path: f"第{int_to_cn(path[0])}条",
    "cn_article_digits": lambda path: f"第{path[0]}条",
    "cn_clause": lambda path: (
        f"第{_dotted(path)}条" if len(path) > 1 else f"第{int_to_cn(path[0])}条"
    ),
    "cn_item": lambda path: f"第{int_to_cn(path[0])}条第{int_to_cn(path[-1])}项",
    "cn_item_digits": lambda path: f"第{path[0]}条第{path[-1]}项",
    "kuan": lambda path: f"第{path[-1]}款",
    "kuan_cn": lambda path: f"第{int_to_cn(path[-1])}款",
    "en_section": lambda path: f"Section {_dotted(path)}",
    "en_clause": lambda path: f"Clause {_dotted(path)}",
    "en_article": lambda path: f"Article {path[0]}",
}


def is_reference_form(form: str) -> bool:
    """Whether ``form`` (as a draft file stores it) is one ``write_reference`` writes."""
    if _ANNEX_FORM.fullmatch(form):
        return True
    base = form.removesuffix(_TRAD)
    if base != form:
        return base.startswith("cn_") and base in _WRITERS
    return form in _WRITERS or _EN_FORM.fullmatch(form) is not None


def write_reference(form: str, path: tuple[int, ...]) -> str:
    """The reference in ``form`` to the node now at ``path`` (ordinals from the article down)."""
    if m := _ANNEX_FORM.fullmatch(form):
        return write_annex_label(m["word"], m["numerals"], path[0])
    if m := _EN_FORM.fullmatch(form):
        number = int_to_roman(path[0]) if m["roman"] else _dotted(path)
        return f"{m['word']} {number}"
    if form.endswith(_TRAD):
        return _WRITERS[form.removesuffix(_TRAD)](path).replace("条", "條")
    return _WRITERS[form](path)
