"""Parties: names that disagree across the parties block, the text and the signature, and
roles the text gives to a party the contract does not have.

A name is taken where the contract says whose it is: a labelled line (甲方（接收方）：某公司,
甲方（盖章）：某公司, the parties block), an English preamble's ``Acme, Inc. ("Client")``,
the company names of the signature block. An unfilled name (a blank, ____) is no mismatch.
In the articles, a company name close to a party's but not equal (深圳某某科技有限公司 for
深圳市某某科技有限公司) is a mismatch too. Each text is read once (``Context.each``).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, replace
from difflib import SequenceMatcher
from typing import TYPE_CHECKING

from clause_db.messages import Msg
from clause_db.placeholders import find_placeholders

from ..doc_blocks import TABLE_KINDS
from ..draft import Blank
from .context import NODE_KINDS
from .finding import WARNING, Finding, Fix, TextEdit

if TYPE_CHECKING:
    from collections.abc import Iterator

    from .context import Context, Text

KINDS = ("party_name_mismatch", "party_role_unknown")

_ZH_ROLES = (
    r"[甲乙丙丁戊]方|委托方|受托方|出卖人|买受人|出租[方人]|承租[方人]|发包[方人]|承包[方人]"
    r"|贷款人|借款人|保证人|保证方|担保方|担保人|监理方|见证方|转让方|受让方|许可方|被许可方"
    r"|买方|卖方|供方|需方"
    # the roles model contracts give their parties instead of 甲方/乙方
    r"|委托人|受托人|出借人|旅游者|出境社|组团社|用人单位|劳动者|服务方|采购方|供应方|销售方"
    r"|投资方|合作方|许可人|被许可人|转让人|受让人|抵押人|抵押权人|出质人|质权人"
    r"|Party [A-E]"
)
_SUFFIX = (
    r"Inc\.?|Incorporated|LLC|L\.L\.C\.|Ltd\.?|Limited|Corporation|Corp\.?|Company|Co\.|GmbH"
    r"|plc|PLC|LLP|L\.P\.|LP|S\.A\.|AG|N\.V\.|B\.V\."
)
_SEAL = "(?:盖章|签章|签字|公章|签名)"
# 甲方（接收方）：某公司 / 甲方（盖章）：某公司 / 甲方：{{签署_甲方}}（盖章）, one a line.
# (Markdown may embolden the role and the name: **甲方**：**某公司**)
_ZH_LABELLED = re.compile(
    rf"(?:^|(?<=[\s　])|(?<=^\*\*)|(?<=[\s　]\*\*))(?P<role>{_ZH_ROLES})"
    rf"(?:[（(](?!{_SEAL})(?P<alias>[^）)\n]{{1,10}})[）)])?"
    rf"(?:[（(]{_SEAL}[^）)\n]{{0,6}}[）)]|{_SEAL})?(?:\*\*)?[ \t　]*[:：][ \t　]*(?:\*\*)?"
    # the name ends before its seal, its （以下简称“X”）, two spaces, a comma, the next role
    rf"(?P<name>[^\n：:]*?)(?=\*\*|[（(]{_SEAL}|[（(](?:以下|下文|下称|简称)"
    rf"|[ \t　]{{2,}}|[；;，。\n]"
    rf"|,(?![ \t]*(?:{_SUFFIX}))|$"
    rf"|[ \t　]+(?:{_ZH_ROLES})[^:：\n]{{0,12}}[:：])",
    re.MULTILINE,
)
_EN_NAMED = re.compile(
    # a Markdown preamble's **Acme Ltd**, ("Client"): its emphasis is no part of the name
    rf"(?P<name>(?:[A-Z][\w&'.-]*,?[ \t]+){{0,6}}?(?:{_SUFFIX}))(?![\w])(?:\*\*?|__?)?[,.]?[ \t]*"
    r"(?:,?[ \t]*an?[ \t][^()\"“\n]{0,80}?,?[ \t]*)?"
    r"\((?:the[ \t]+|hereinafter(?:[ \t]+(?:referred[ \t]+to[ \t]+as|called))?[ \t]+)?"
    r"[\"“](?P<role>[A-Z][\w ]{0,30})[\"”]\)"
)
_EN_COMPANY = re.compile(
    rf"(?<![\w])(?:[A-Z][\w&'.-]*,?[ \t]+){{0,5}}?(?:{_SUFFIX.upper()}|{_SUFFIX})(?![\w])"
)
_LEGAL_FORM = re.compile(rf"(?<![\w])(?:{_SUFFIX})(?![\w])", re.IGNORECASE)  # before looking
_ZH_COMPANY = re.compile(r"[\u4e00-\u9fff（）()]{2,30}?(?:有限责任公司|股份有限公司|有限公司|公司)")
_ORDINAL_ROLE = re.compile(r"[甲乙丙丁戊]方|\bParty [A-E]\b")
# The roles checked when used: the ordinal ones, and a guarantor or supervisor the text gives
# duties or rights (担保方应…) -- one who signs nothing is bound by nothing.
_ROLE_WORD = re.compile(r"[甲乙丙丁戊]方|\bParty [A-E]\b|担保方|担保人|保证方|保证人|监理方|见证方")
_NAMED_DUTY = re.compile(r"应|须|必须|有权|承诺|保证|负责|同意|承担")
_ORDINALS = ("甲方", "乙方", "丙方", "丁方", "戊方")
_EN_ORDINAL = re.compile(r"\bParty [A-E]\b")
_NAMED_CUE = re.compile(r"担保|保证|监理|见证")  # before looking for a named role's duties
_DEFINITION_CUE = re.compile(r"简称|称为|称|指|名称|[:：]|hereinafter|referred to as|means")
# A role the text itself introduces: （以下简称“丙方”）, “丙方”指, 丙方是指, 丙方：某公司.
_DEFINED_BEFORE = re.compile(r"(?:简称|称为|以下称|下称|hereinafter|referred to as)[ \t]*[\"“「]?$")
_DEFINED_AFTER = re.compile(
    r"[\"”」][ \t]*(?:指|是指|系指|means)"
    r"|[ \t]*(?:是指|系指|名称|[（(][^）)]{1,10}[）)][ \t]*[:：]|[:：])"
)
# Ordinal roles listed by their first characters: 甲、乙、丙三方各执一份.
_LISTED_ROLES = re.compile(r"(?:[甲乙丙丁戊][、和及与]){1,4}[甲乙丙丁戊](?=[二三四五两]?方)")
# The roles English contracts give their parties, and one given a duty (the Contractor
# shall …): capitalised after "the", where a role word used generically is lower case.
_EN_ROLE_WORDS = (
    "Contractor|Subcontractor|Consultant|Client|Customer|Supplier|Vendor|Buyer|Seller"
    "|Purchaser|Licensor|Licensee|Lessor|Lessee|Landlord|Tenant|Employer|Employee"
    "|Provider|Service Provider|Distributor|Reseller|Lender|Borrower|Guarantor|Agent"
    "|Manufacturer|Owner|Developer|Publisher|Author|Contractee"
)
_EN_ROLE = re.compile(rf"(?<![\w\"“])(?:{_EN_ROLE_WORDS})(?![\w\"”])")
_EN_ROLE_DUTY = re.compile(
    rf"\b[Tt]he (?P<role>{_EN_ROLE_WORDS})(?=[ \t]+(?:shall|will|must|may|agrees|undertakes)\b)"
)
_EN_ROLE_DEFINED = re.compile(rf"[\"“](?P<role>{_EN_ROLE_WORDS})[\"”]")
_ENTITY_WORDS = re.compile(
    r"\b(?:incorporated|inc|corporation|corp|limited|ltd|company|co|llc|plc)\b", re.IGNORECASE
)


@dataclass(frozen=True)
class Named:
    """A party's name as a text gives it: its role ("" when unsaid) and its span."""

    role: str
    start: int
    end: int


def normalised(name: str) -> str:
    """A name folded for comparing: width, case, punctuation; Inc. = Incorporated. Words
    stay apart (HARBORLIGHT is not Harbor Light); spaces beside Chinese characters go."""
    name = unicodedata.normalize("NFKC", name).casefold()
    name = re.sub(r"\bincorporated\b", "inc", name)
    name = re.sub(r"\bcorporation\b", "corp", name)
    name = re.sub(r"\blimited\b", "ltd", name)
    name = re.sub(r"[\W_]+", " ", name).strip()
    return _SPACE_BY_CJK.sub("", name)


_SPACE_BY_CJK = re.compile(r"(?<=[\u4e00-\u9fff]) | (?=[\u4e00-\u9fff])")


def _labelled(text: Text) -> tuple[Named, ...]:
    """Names a text outside the articles gives with their roles: the parties block's (its
    text is the name of the party it is shown for: ``Named.role`` "" here, the check knows
    whose), labelled lines, an English preamble's."""
    kind = text.ref.kind
    if kind in NODE_KINDS:
        return ()
    if kind == "party_name":
        return (Named("", 0, len(text.text)),) if text.text.strip() else ()
    found = []
    for m in _ZH_LABELLED.finditer(text.text):
        start, end = m.span("name")
        raw = m["name"]
        end -= len(raw) - len(raw.rstrip())
        start += len(raw) - len(raw.lstrip())
        if end - start >= 2:
            found.append(Named(m["role"], start, end))
            if m["alias"]:
                found.append(Named(m["alias"], start, end))
    for m in _EN_NAMED.finditer(text.text):
        start, end = m.span("name")
        lead = re.match(r"(?:.*\b(?:between|and|by|with|among)\s+)", m["name"])
        start += lead.end() if lead else 0
        found.append(Named(m["role"], start, end))
    return tuple(found)


def _companies(text: Text) -> tuple[tuple[int, int], ...]:
    """Company names written in a text: 某某科技有限公司, ACME CORPORATION."""
    spans = [m.span() for m in _ZH_COMPANY.finditer(text.text)] if "公司" in text.text else []
    if _LEGAL_FORM.search(text.text):
        spans += [m.span() for m in _EN_COMPANY.finditer(text.text)]
    return tuple(spans)


def _roles(text: Text) -> tuple[frozenset[str], frozenset[str]] | None:
    """The roles a text introduces and those it uses (甲方, Party C, 担保方应…); None for
    neither. Most texts say 甲方 and 乙方 and introduce nothing: a substring test each."""
    t = text.text
    used = {r for r in _ORDINALS if r in t}
    if "Party " in t:
        used.update(m.group() for m in _EN_ORDINAL.finditer(t))
    if "方" in t:
        used.update(c + "方" for m in _LISTED_ROLES.finditer(t) for c in m.group()[::2])
    english = set()
    if "he " in t:
        used.update(m["role"] for m in _EN_ROLE_DUTY.finditer(t))
        english = {m["role"] for m in _EN_ROLE_DEFINED.finditer(t)}
    named = _NAMED_CUE.search(t)
    if named:
        used.update(m.group() for m in _ROLE_WORD.finditer(t) if _NAMED_DUTY.match(t, m.end()))
    if not used and not named and not english:
        return None
    defined = english
    if _DEFINITION_CUE.search(t):
        for m in _ROLE_WORD.finditer(t):
            a, b = m.span()
            if _DEFINED_BEFORE.search(t, max(0, a - 16), a) or _DEFINED_AFTER.match(t, b):
                defined.add(m.group())
    return (frozenset(defined), frozenset(used)) if defined or used else None


def _first_use(text: Text, role: str) -> tuple[int, int] | None:
    """Where a text first uses a role outside a blank (担保方 where it is given a duty, the
    丙 of 甲、乙、丙三方, the Contractor given a duty)."""
    for m in _ROLE_WORD.finditer(text.text):
        duty = _ORDINAL_ROLE.fullmatch(role) or _NAMED_DUTY.match(text.text, m.end())
        if m.group() == role and duty and not text.in_object(*m.span()):
            return m.span()
    for m in _LISTED_ROLES.finditer(text.text) if role in _ORDINALS else ():
        at = m.group().find(role[0])
        if at >= 0 and not text.in_object(m.start() + at, m.start() + at + 1):
            return m.start() + at, m.start() + at + 1
    for m in _EN_ROLE_DUTY.finditer(text.text):
        if m["role"] == role and not text.in_object(*m.span("role")):
            return m.span("role")
    return None


def _unfilled(ctx: Context, text: Text, start: int, end: int) -> bool:
    """Whether a name is still a blank: an unfilled field or a blank written as text."""
    for s, e, seg in text.objects:
        if s < end and start < e and isinstance(seg, Blank):
            field = ctx.draft.fields.get(seg.field_id)
            if field is None or field.unfilled():
                return True
    return bool(find_placeholders(text.text[start:end]))


def check(ctx: Context) -> Iterator[Finding]:
    places = ctx.places
    names: list[tuple[Text, Named]] = []
    known: set[str] = set()
    for party in ctx.draft.parties:
        if party.name or party.address:
            known.add(party.role)
    for text, given in ctx.each("party_names", _labelled):
        if text.ref.kind in TABLE_KINDS and places.article_of(text.ref):
            continue  # a table in an article: its 甲方： lines are not the parties'
        for named in given:
            if text.ref.kind == "party_name":  # the parties block: the party shown there
                named = replace(named, role=ctx.draft.parties[text.ref.owner].role)
            known.add(named.role)
            if not _unfilled(ctx, text, named.start, named.end):
                names.append((text, named))
    uses: list[tuple[Text, frozenset[str]]] = []
    for text, (defined, used) in ctx.each("party_roles", _roles):
        known |= defined
        if used:
            uses.append((text, used))
    yield from _mismatches(ctx, names)
    yield from _unknown_roles(ctx, known, uses)


def _mismatches(ctx: Context, names: list[tuple[Text, Named]]) -> Iterator[Finding]:
    first: dict[str, tuple[Text, Named]] = {}
    canonical: dict[str, str] = {}  # normalised -> as written
    told: set[str] = set()
    for text, named in names:
        shown = text.text[named.start : named.end]
        canonical.setdefault(normalised(shown), shown)
        seen = first.setdefault(named.role, (text, named))
        was = seen[0].text[seen[1].start : seen[1].end]
        if normalised(was) != normalised(shown) and normalised(shown) not in told:
            told.add(normalised(shown))
            yield _mismatch(ctx, text, named.start, named.end, named.role, was, shown, True)
    if not canonical:
        return
    # company names elsewhere: the signature block's, and those in the articles
    for text, companies in ctx.each("company_names", _companies):
        for start, end in companies:
            shown = text.text[start:end]
            key = normalised(shown)
            if key in canonical or key in told or text.in_object(start, end):
                continue
            loose = ctx.places.article_of(text.ref) is None  # the signature block's
            close = _close(shown, key, canonical, loose)
            if close is not None:
                told.add(key)
                (a, b), sure = close[1], close[2]
                yield _mismatch(ctx, text, start + a, start + b, "", close[0], shown[a:b], sure)


def _close(
    shown: str, key: str, canonical: dict[str, str], loose: bool
) -> tuple[str, tuple[int, int], bool] | None:
    """The party name ``shown`` is a variant of (深圳某某 for 深圳市某某), with the stretch of
    ``shown`` that is the variant and whether it surely is (a fix may write the name); None
    when it holds one of them or is another company.
    ``loose`` (the signature block, where each party signs once): a company whose first word
    is a party's (TRIPATH CORPORATION for Tripath Technology, Inc.) is that party's too."""
    if any(c in key for c in canonical):
        return None
    for c, written in canonical.items():
        # the end of ``shown`` as long as the name: 甲方深圳某某科技有限公司 reads 深圳某某…
        lengths = range(max(4, len(written) - 3), min(len(shown), len(written) + 3) + 1)
        tails = [shown[len(shown) - n :] for n in lengths]
        scored = [(SequenceMatcher(None, normalised(t), c).ratio(), t) for t in tails]
        ratio, tail = max(scored, default=(0.0, ""))
        if ratio >= 0.85:
            return written, (len(shown) - len(tail), len(shown)), True
        start = _trade_name_at(shown, written)
        if start is not None:
            return written, (start, len(shown)), True
        first = _first_word(shown)
        if loose and first and _ENTITY_WORDS.search(shown) and first == _first_word(written):
            return written, (0, len(shown)), False
    return None


_CN_SUFFIX = re.compile(r"(?:集团)?(?:股份有限公司|有限责任公司|有限公司|公司)$")
# A place before the trade name: 深圳市, 广东省深圳市, 北京, 江苏.
_CN_REGION = re.compile(
    r"^(?:[\u4e00-\u9fff]{1,4}?[省市区县]){1,3}"
    r"|^(?:北京|上海|天津|重庆|江苏|浙江|广东|山东|河南|河北|湖南|湖北|四川|福建|安徽|江西|辽宁"
    r"|吉林|黑龙江|陕西|山西|云南|贵州|广西|海南|甘肃|青海|宁夏|新疆|西藏|内蒙古|深圳|广州"
    r"|杭州|南京|苏州|成都|武汉|西安|厦门|青岛|宁波|大连|无锡|合肥|长沙|郑州|济南|沈阳)"
)
# What a company does, after its trade name: 星河数据科技 -> 星河.
_CN_TRADE = re.compile(
    r"(?:科技|信息|技术|服务|数据|网络|贸易|商贸|机械|制造|电子|商务|咨询|管理|发展|实业|投资"
    r"|建设|工程|文化|传媒|外包|客户|客服|软件|智能|物流|供应链|电器|医药|生物|能源|环保|教育"
    r"|餐饮|酒店|旅游|国际|控股|集团)+$"
)
_TRADE_AT_LEAST = 2


def trade_name(name: str) -> str:
    """A Chinese company's trade name: its name without the place, what it does and its
    form (深圳市星河数据科技有限公司 -> 星河), "" when there is none to tell."""
    core = _CN_SUFFIX.sub("", name)
    core = _CN_REGION.sub("", core)
    trade = _CN_TRADE.sub("", core)
    return trade if len(trade) >= _TRADE_AT_LEAST else ""


def _trade_name_at(shown: str, written: str) -> int | None:
    """Where a variant of the party ``written`` begins in the company name ``shown`` that
    carries its trade name (江苏恒力机械公司 for 江苏恒力机械制造有限公司); None when it
    does not, or names a branch or an affiliate by place (星河数据科技（香港）有限公司)."""
    trade = trade_name(written)
    at = shown.find(trade) if trade else -1
    if at < 0 or re.search(r"[（(]", shown[at:]):
        return None
    region = _CN_REGION.match(written)
    start = next(
        (
            at - len(p)
            for p in _places(region.group() if region else "")
            if p and shown.endswith(p, 0, at)
        ),
        at,
    )
    # the same trade name, not one that begins like it (星河湾物业 is not 星河)
    return start if trade_name(shown[start:]) == trade else None


def _places(region: str) -> list[str]:
    """A region as a name may write it: 深圳市, 深圳."""
    return sorted({region, region.rstrip("省市区县")}, key=len, reverse=True)


def _first_word(written: str) -> str | None:
    word = re.match(r"[A-Za-z]+", written.strip())
    return word.group().casefold() if word else None


def _mismatch(
    ctx: Context, text: Text, start: int, end: int, role: str, was: str, shown: str, sure: bool
) -> Finding:
    """The finding, with a fix that writes the name as the parties block has it when the
    variant is surely that party's and stands in the text or inside one filled blank."""
    where = ctx.places.where(text.ref)
    edit = _rewrite(ctx, text, start, end, was) if sure else None
    fix = Fix(Msg("改为“{0}”", "Change to “{0}”", was), (edit,)) if edit else None
    of_zh, of_en = (
        (f"{role}名称", f"the name of {role}") if role else ("当事人名称", "a party's name")
    )
    return Finding(
        "party_name_mismatch", WARNING,
        Msg("{0}的{1}写作“{2}”，与“{3}”不一致",
            "In {4}, {5} reads “{2}”, not “{3}” as elsewhere",
            where[0], of_zh, shown, was, where[1], of_en),
        **ctx.locate(text, start, end), subject=shown, fix=fix,
    )  # fmt: skip


def _rewrite(ctx: Context, text: Text, start: int, end: int, new: str) -> TextEdit | None:
    """The edit writing ``new`` over the reading stretch start..end: in the block's text when
    no blank or reference is in it, in the value of the one filled blank holding it."""
    for s, e, seg in text.objects:
        if s < end and start < e:
            if not (isinstance(seg, Blank) and s <= start and end <= e):
                return None
            value = ctx.draft.fields[seg.field_id].value or ""
            return TextEdit(text.ref, start - s, end - start, value[start - s : end - s], new,
                            seg.field_id)  # fmt: skip
    offset, length = text.span(start, end)
    return TextEdit(text.ref, offset, length, text.text[start:end], new)


def _unknown_roles(
    ctx: Context, known: set[str], uses: list[tuple[Text, frozenset[str]]]
) -> Iterator[Finding]:
    """甲方…戊方 / Party A…E used in the text (``uses``) when the contract has no such party
    (only judged when it names its parties by those roles at all)."""
    ordinal = any(_ORDINAL_ROLE.fullmatch(r) for r in known)
    english = any(_EN_ROLE.fullmatch(r) for r in known)  # parties named Client, Consultant
    if not ordinal and not english:
        return
    first: dict[str, tuple[Text, int, int]] = {}
    for text, used in uses:
        for role in used:
            if role in known or role in first:
                continue
            if not (ordinal if _ROLE_WORD.fullmatch(role) else english):
                continue
            span = _first_use(text, role)
            if span is not None:
                first[role] = (text, *span)
    for role, (text, start, end) in first.items():
        where = ctx.places.where(text.ref)
        yield Finding(
            "party_role_unknown", WARNING,
            Msg("{0}提到“{1}”，但本合同的当事人中没有{1}",
                "{2} mentions “{1}”, but the contract has no such party", where[0], role,
                where[1][:1].upper() + where[1][1:]),
            **ctx.locate(text, start, end), subject=role,
        )  # fmt: skip
