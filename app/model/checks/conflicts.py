"""Conflicts: a court and arbitration, two courts, two governing laws.

Each text of the articles is read once (``Context.each``) for the sentences that choose a
forum or a law; the draft is then judged as a whole, pointing at the second choice. What is
offered to choose from is no choice yet: the model contracts' 按照以下第__种方式解决：
（1）…仲裁；（2）…起诉 and their ☐ boxes (a ticked ☑ one is chosen), 选择其一, either … or.
A court for interim measures or to enforce an award does not compete with arbitration.
Chinese law voids an agreement that allows both (可以仲裁，也可以起诉: 或裁或诉), so a
sentence that leaves both open is reported too.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from clause_db.messages import Msg
from clause_db.numerals import cn_to_int

from ..doc_blocks import TABLE_KINDS
from ..draft import TICKED, UNTICKED
from .finding import WARNING, Finding
from .topics import is_statute

if TYPE_CHECKING:
    from collections.abc import Iterator

    from .context import Context, Text

KINDS = ("court_and_arbitration", "two_courts", "two_governing_laws")

COURT, ARBITRATION, BOTH, LAW = "court", "arbitration", "both", "law"
_READ = frozenset(("body", *TABLE_KINDS))  # the articles' texts and their tables' cells

# A sentence, or one tick box's alternative: ☑提交仲裁 ☐向法院起诉 are two choices.
_SENTENCE = re.compile(
    rf"[{TICKED}{UNTICKED}]?(?:[^。；;\n.!?{TICKED}{UNTICKED}]|[.!?](?![ \t]+[A-Z\"“]))+"
    r"[。；;\n.!?]?|[。；;\n]"
)  # an English sentence ends at ". The", not at "Inc. (" or "U.S."
_ZH_COURT = re.compile(
    r"(?:向|由|提交(?:至|给)?|交由|提请|递交)(?P<name>[^。；;，,、：:（(]{0,30}?)(?:人民)?法院"
    r"[^。；;]{0,12}?(?:提起诉讼|起诉|诉讼|管辖|解决|审理|提起(?!上诉|抗诉|再审))"
)
_EN_COURT = re.compile(
    r"(?:jurisdiction of|submit(?:s|ted)? to|(?:bring|brought|commenced?|instituted?|filed?"
    r"|litigated?|resolved|adjudicated|heard|tried)\b[^.;]{0,40}?\b(?:in|before)) the "
    r"(?P<name>(?:(?!jurisdiction |of )[\w-]+ ){0,4}?courts?(?: located| sitting)?"
    r"(?: (?:in|of|for) (?:the )?[A-Z]\w*(?:,? (?:and |of )?[A-Z]\w*)*)?)"
)
# The courts of England and Wales shall have exclusive jurisdiction: the court as subject.
_EN_COURT_HAS = re.compile(
    r"\b[Tt]he (?P<name>(?:(?!jurisdiction |of )[\w-]+ ){0,4}?courts?"
    r"(?: (?:in|of|for) (?:the )?[A-Z]\w*(?:,? (?:and |of )?[A-Z]\w*)*)?)"
    r" (?:shall|will|are to) have (?:the )?(?:sole and )?(?:exclusive )?jurisdiction"
)
_ZH_ARBITRATION = re.compile(
    r"(?:提交|提请|申请|交由|向)[^。；;]{0,40}?仲裁(?:委员会|院|中心|机构)?[^。；;]{0,20}?仲裁"
    r"|(?:提交|提请|交由)[^。；;]{0,30}?仲裁(?:委员会|院|中心|机构)"
)
_EN_ARBITRATION = re.compile(
    r"\b(?:settled|resolved|determined|referred|submitted)\b[^.;]{0,120}?"
    r"\b(?:arbitration|arbitral|arbitrator)",
    re.IGNORECASE,
)
# 仲裁或诉讼, 提交有管辖权的人民法院或仲裁机构, 可以申请仲裁，也可以向人民法院起诉.
_ZH_EITHER = re.compile(
    r"仲裁(?:机构)?或(?:者)?(?:向[^。；;]{0,20}?)?(?:诉讼|起诉|法院)"
    r"|(?:诉讼|起诉|法院)或(?:者)?(?:提交[^。；;]{0,20}?)?仲裁"
    r"|仲裁[^。；;]{0,30}?也可(?:以)?[^。；;]{0,20}?(?:起诉|诉讼)"
    r"|(?:起诉|诉讼)[^。；;]{0,30}?也可(?:以)?[^。；;]{0,20}?仲裁"
)
_AUXILIARY = re.compile(
    r"保全|强制执行|申请执行|撤销仲裁|撤销裁决|执行|临时措施|禁令|不服|仲裁协议的?效力|"
    r"\b(?:interim|injunctive|injunction|enforce|enforcement|set aside|provisional|"
    r"equitable relief|specific performance|compel arbitration|judgment (?:up)?on the award)",
    re.IGNORECASE,
)
# Words that offer forums to choose from rather than choose one.
_OFFERED = re.compile(
    r"第\s*(?:_+|\{\{[^}]*\}\}|【[^】]*】|\s)\s*种|选择其一|任选其一|二选一|择一|以下(?:任)?一种|"
    r"以下方式之一|下列方式之一|\beither (?!party|of )|select one|choose one|"
    r"one of the following|" + UNTICKED,
    re.IGNORECASE,
)
# The lawyer's pick among them: 按下列第2种方式, 选择第（二）种 (a filled 第__种 reads so).
_PICKED = re.compile(r"第\s*[（(]?\s*(?P<n>[0-9０-９]{1,2}|[一二三四五六七八九十])\s*[)）]?\s*种")
# An alternative's own number where it starts: （1）, (二), 2., 2、
_ITEM = re.compile(
    r"(?:^|(?<=[\s：:；;。]))(?:[（(]\s*(?P<a>[0-9０-９]{1,2}|[一二三四五六七八九十])\s*[)）]"
    r"|(?P<b>[0-9０-９]{1,2})[.、．](?![0-9])|(?P<c>[一二三四五六七八九十])、)"
)
_DESCRIBED = re.compile(r"包括|例如|诸如")  # 包括协商、调解、仲裁或诉讼等: ways, not a choice
# 受…法律管辖并依其解释 / 管辖和解释: what else the law does, said after what it does first
_AND_MORE = r"(?:[并和及且][^。；;，,]{0,12})?"
_ZH_LAW = re.compile(
    r"(?:本合同|本协议|合同|协议)[^。；;]{0,40}?(?:适用|受)(?!本|其|该|各|相关|有关)(?P<name>[^。；;，,、的]{2,20}?)"
    rf"(?:的)?(?:法律|法)(?:(?:管辖|约束){_AND_MORE})?(?:[。；;，,]|$)"
)
_JURISDICTION = (
    r"中华人民共和国|中国|香港(?:特别行政区)?|澳门(?:特别行政区)?|台湾(?:地区)?|新加坡|日本|瑞士"
    r"|澳大利亚|加拿大|意大利|俄罗斯|荷兰|瑞典|印度|西班牙|英格兰(?:和威尔士)?|纽约州?"
    r"|开曼群岛|英属维尔京群岛|百慕大|[\u4e00-\u9fff]{1,6}?(?:国|州)"
)
# 涉及数据跨境传输的部分适用新加坡法律: a part of the contract under a named country's law;
# 受香港特别行政区法律管辖 / 依照香港法律解释 / 争议适用澳门法律解决 name one as well (依照 and
# its kin only with what the law does to the contract: 根据中国法律成立的公司 chooses nothing).
_ZH_LAW_NAMED = re.compile(
    rf"(?:(?P<applies>适用|受)|依照|依据|按照|根据)(?!本|其|该|各)(?P<name>{_JURISDICTION})(?:的)?"
    r"(?:有关|相关|现行)?(?:法律|法)(?P<does>(?:进行)?(?:管辖|约束|解释|执行)"
    rf"{_AND_MORE}|解决|处理)?(?:[。；;，,]|$)"
)
_ZH_LAW_VERB = re.compile(r"适用|受|依照|依据|按照|根据")
_EN_LAW = re.compile(
    r"(?:governed by(?:,? and (?:shall be )?(?:construed|interpreted) in accordance with,?)?"
    # interpreted / construed alone says which law as well
    r"|(?<!governed by and )(?<!governed by, and )(?:construed|interpreted)"
    r"(?: and (?:construed|interpreted|enforced))? (?:in accordance with|under)) "
    r"the (?:internal )?laws? of (?:the )?(?P<name>[A-Z][\w'-]*(?: (?:of |and )?[A-Z][\w'-]*)*)"
)
# governed by German law: a law named by its country's adjective (as its country, ``_key``)
_ADJECTIVES = {
    "english": "England", "scottish": "Scotland", "scots": "Scotland", "german": "Germany",
    "french": "France", "swiss": "Switzerland", "dutch": "Netherlands", "irish": "Ireland",
    "italian": "Italy", "spanish": "Spain", "swedish": "Sweden", "austrian": "Austria",
    "belgian": "Belgium", "japanese": "Japan", "chinese": "PRC", "singaporean": "Singapore",
    "australian": "Australia", "canadian": "Canada", "indian": "India", "korean": "Korea",
    "californian": "California",
}  # fmt: skip
_EN_LAW_ADJECTIVE = re.compile(
    r"governed by(?:,? and (?:shall be )?(?:construed|interpreted) in accordance with,?)? "
    r"(?:the )?(?P<name>English|Scottish|Scots|German|French|Swiss|Dutch|Irish|Italian|Spanish"
    r"|Swedish|Austrian|Belgian|Japanese|Chinese|PRC|Singapore(?:an)?|Australian|Canadian|Indian"
    r"|Korean|Hong Kong|New York|Delaware|Californian?|Luxembourg|Ontario) law\b"
)
_PRC = re.compile(r"^(?:中华人民共和国|中国|中国大陆|我国|PRC|People'?s Republic of China"
                  r"|China)(?:大陆)?(?:地区|境内)?$", re.IGNORECASE)  # fmt: skip
# Words around a law's name that do not change which law it is: 中华人民共和国有关法律.
_LAW_WORDS = re.compile(r"有关|相关|现行|现有|适用|的")
# What a law's name leaves out without naming another: 中华人民共和国（不含港澳台地区）.
_EXCLUDING = re.compile(
    r"[（(][^）)]*(?:不含|不包括|除外|除|excluding|exclusive of|other than)[^）)]*[）)]", re.I
)
# A country's law that goes with any of its states' (federal law and California law).
_FEDERAL = re.compile(r"United States|\bU\.?S\.?\b|[Ff]ederal(?! Republic)")
# Statutory labour arbitration comes before the courts by law: no choice between them.
_LABOUR_ARBITRATION = re.compile(r"劳动(?:人事)?争议")
_GENERIC_COURT = re.compile(
    r"有管辖权|有权管辖|\b(?:competent|appropriate|such|said|those|these|any)\b", re.IGNORECASE
)


# Words without which a text chooses no forum or law and offers none: most texts are passed
# over by this one search.
_ABOUT_FORUMS = re.compile(
    rf"(?=[法仲诉起管适种选任择方第{UNTICKED}CcAaLlEeSsOoGg])"  # one test a character: most fail it
    rf"(?:法院|仲裁|诉讼|起诉|管辖|适用.{{0,20}}法|法律(?:进行)?(?:约束|解释|处理|解决)|种方式|选择其一|任选|选一|择一|方式之一|{UNTICKED}"
    rf"|{_PICKED.pattern}"
    r"|[Cc]ourts?\b|COURTS?\b|[Aa]rbitra|ARBITRA|[Ll]aws? of|LAWS? OF|[Gg]overned by|[Ee]ither"
    r"|[Ss]elect one"
    r"|[Cc]hoose one|[Oo]ne of the following)"
)


@dataclass(frozen=True)
class Choice:
    """A sentence choosing a forum (court, arbitration, both) or a law, and which one."""

    kind: str
    start: int
    end: int
    name: str  # the court or the law as named, normalised ("" for arbitration)
    offered: bool  # one of several offered to choose from, not chosen


def _name(raw: str) -> str:
    """A court or law as named, without blanks' brackets and spare spaces."""
    return re.sub(r"\s+", " ", re.sub(r"[{}【】\[\]]", "", raw)).strip()


def _key(name: str) -> str:
    """A court or law as compared: its place (the State of California = California; the
    federal or state courts located in New York = the courts of New York)."""
    name = _LAW_WORDS.sub("", re.sub(r"住所地|所在地", "所在地", _EXCLUDING.sub("", name)))
    name = re.sub(r"^.*?\bcourts?\b(?: located| sitting)?(?: (?:in|of|for))?", "", name)
    name = re.sub(r"\b(?:the|state|commonwealth|county|city|of)\b|[\W_]+", "", name, flags=re.I)
    return "PRC" if _PRC.match(name) else name.casefold()


def _same(a: str, b: str, *, law: bool = False) -> bool:
    """Whether two courts or laws as named are one: 中国 = 中华人民共和国 = PRC, the State of
    California = California, the courts of Delaware = the courts located in Wilmington,
    Delaware (one place within the other); federal law goes with a state's."""
    ka, kb = _key(a), _key(b)
    return ka in kb or kb in ka or law and bool(_FEDERAL.search(a) or _FEDERAL.search(b))


def choices(text: Text) -> tuple[tuple[Choice, ...], bool, int] | None:
    """The forum and law choices of a text, whether it offers forums to choose from (then
    the sentences after it in the article are alternatives) and which one the lawyer picked
    (按下列第2种方式解决: the second alternative counts, the others are offered; 0 when no
    number is filled in); None when it does none of these."""
    if text.ref.kind not in _READ or not _ABOUT_FORUMS.search(text.text):
        return None
    found: list[Choice] = []
    offers = False
    for m in _SENTENCE.finditer(text.text):
        sentence = m.group()
        offering = bool(_OFFERED.search(sentence))
        offers = offers or offering
        if _ABOUT_FORUMS.search(sentence):
            found += _sentence_choices(sentence, m.start(), offering and TICKED not in sentence)
    pick = _PICKED.search(text.text)
    picked = _number(pick["n"]) if pick else 0
    if picked:  # alternatives numbered in this very text: （1）提交…仲裁；（2）向…起诉
        found = [_as_picked(text.text, c, pick.end(), picked) for c in found]
    return (tuple(found), offers, picked) if found or offers or picked else None


def _number(written: str) -> int:
    """An alternative's number as written: 2, ２, 二."""
    return int(written) if written.isdigit() else cn_to_int(written) or 0


def _as_picked(text: str, choice: Choice, after: int, picked: int) -> Choice:
    """A choice after the pick in its text, offered unless its alternative is the one picked
    (the last alternative number before it says which it is in)."""
    if choice.start < after:
        return choice
    items = list(_ITEM.finditer(text, after, choice.start))
    if not items:
        return choice
    last = items[-1]
    n = _number(last["a"] or last["b"] or last["c"])
    return choice if n == picked else replace(choice, offered=True)


def _alternative(ctx: Context, offer: Text, text: Text) -> int | None:
    """Which alternative ``text`` is after the text offering them: its number among the
    offering clause's children (7 offers, 7.2 is the second), or counted from the offering
    clause among its siblings (7.1 offers, 7.3 is the second); None when neither."""
    places = ctx.places
    a, b = places.node_of(offer.ref), places.node_of(text.ref)
    if a is None or b is None:
        return None
    pa, pb = places.paths.get(a.id, ()), places.paths.get(b.id, ())
    if pa and len(pb) > len(pa) and pb[: len(pa)] == pa:
        return pb[len(pa)]
    if pa and len(pb) == len(pa) and pb[:-1] == pa[:-1] and pb[-1] > pa[-1]:
        return pb[-1] - pa[-1]
    return None


def _sentence_choices(sentence: str, a: int, offered: bool) -> list[Choice]:
    """The choices of one sentence starting at ``a``: each pattern only where its words
    are (法院 for a court, 仲裁 for arbitration, governed for an English law)."""
    found: list[Choice] = []
    auxiliary = _AUXILIARY.search(sentence)
    arbitration = "仲裁" in sentence
    either = arbitration and not _DESCRIBED.search(sentence) and _ZH_EITHER.search(sentence)
    if either and not auxiliary:
        found.append(Choice(BOTH, a + either.start(), a + either.end(), "", offered))
    courts = [_ZH_COURT] if "法院" in sentence else []
    courts += [_EN_COURT, _EN_COURT_HAS] if "ourt" in sentence else []
    for pattern in courts if not auxiliary else ():
        for c in pattern.finditer(sentence):
            found.append(Choice(COURT, a + c.start(), a + c.end(), _name(c["name"]), offered))
    if not either and not _LABOUR_ARBITRATION.search(sentence):
        c = (_ZH_ARBITRATION.search(sentence) if arbitration else None) or (
            _EN_ARBITRATION.search(sentence) if "rbitra" in sentence else None
        )
        if c:
            found.append(Choice(ARBITRATION, a + c.start(), a + c.end(), "", offered))
    laws = []
    if _ZH_LAW_VERB.search(sentence):
        laws = list(_ZH_LAW.finditer(sentence)) or [
            c for c in _ZH_LAW_NAMED.finditer(sentence) if c["applies"] or c["does"]
        ]
    if "governed" in sentence or "construed" in sentence or "interpreted" in sentence:
        laws += _EN_LAW.finditer(sentence)
        laws += _EN_LAW_ADJECTIVE.finditer(sentence) if " law" in sentence else ()
    for c in laws:
        if not re.search(r"冲突|conflicts? of laws?", c.group(), re.IGNORECASE):
            name = _name(c["name"])
            name = _ADJECTIVES.get(name.casefold(), name)
            found.append(Choice(LAW, a + c.start(), a + c.end(), name, offered))
    return found


def check(ctx: Context) -> Iterator[Finding]:
    if is_statute(ctx.draft):
        return  # a statute names courts and arbitration as the procedures it sets up
    chosen: list[tuple[Text, Choice]] = []
    offering = None  # the article whose text offers forums to choose from
    offer: Text | None = None  # that text, and the alternative picked there (0: none)
    picked = 0
    for text, (found, offers, pick) in ctx.each("forum_choices", choices):
        article = ctx.places.article_of(text.ref)
        if article is None:
            continue
        offered = article is offering and TICKED not in text.text
        if offered and picked and offer is not None:
            offered = _alternative(ctx, offer, text) != picked
        for choice in found:
            if not choice.offered and not (offered and choice.kind != LAW):
                chosen.append((text, choice))
        if offers or pick:
            offering, offer, picked = article, text, pick
    yield from _forums(ctx, chosen)
    yield from _laws(ctx, [(t, c) for t, c in chosen if c.kind == LAW])


def _forums(ctx: Context, chosen: list[tuple[Text, Choice]]) -> Iterator[Finding]:
    courts = [(t, c) for t, c in chosen if c.kind in (COURT, BOTH)]
    arbitrations = [(t, c) for t, c in chosen if c.kind in (ARBITRATION, BOTH)]
    if courts and arbitrations:
        text, choice = max(courts[0], arbitrations[0], key=lambda tc: (tc[0].index, tc[1].start))
        shown = text.text[choice.start : choice.end]
        yield Finding(
            "court_and_arbitration", WARNING,
            Msg("争议解决既约定了法院诉讼又约定了仲裁（“{0}”）：或裁或诉的约定可能使仲裁约定无效",
                "Disputes go both to a court and to arbitration (“{0}”): an agreement allowing "
                "both may leave the arbitration agreement void", shown),
            **ctx.locate(text, choice.start, choice.end), subject=shown,
        )  # fmt: skip
    named = [(t, c) for t, c in courts if c.kind == COURT and c.name]
    named = [(t, c) for t, c in named if not _GENERIC_COURT.search(c.name)]
    first = named[0] if named else None
    for text, choice in named[1:]:
        if first is not None and not _same(choice.name, first[1].name):
            shown = text.text[choice.start : choice.end]
            yield Finding(
                "two_courts", WARNING,
                Msg("约定了两个不同的管辖法院：“{0}”与“{1}”", "Two different courts are chosen: "
                    "“{0}” and “{1}”", first[1].name, choice.name),
                **ctx.locate(text, choice.start, choice.end), subject=shown,
            )  # fmt: skip
            return


def _laws(ctx: Context, laws: list[tuple[Text, Choice]]) -> Iterator[Finding]:
    for text, choice in laws[1:]:
        if not _same(choice.name, laws[0][1].name, law=True):
            shown = text.text[choice.start : choice.end]
            yield Finding(
                "two_governing_laws", WARNING,
                Msg("约定了两种不同的适用法律：“{0}”与“{1}”",
                    "Two different governing laws are chosen: “{0}” and “{1}”",
                    laws[0][1].name, choice.name),
                **ctx.locate(text, choice.start, choice.end), subject=shown,
            )  # fmt: skip
            return
