"""The same subject twice in a part, and subjects a commercial contract usually has.

Articles are filed under a topic the way the library files them (``clause_db.topics``), but
a check must be surer than a filing: two articles are one subject only when both headings
say nothing but that subject (保密条款 / 保密义务 share 保密), never because a heading also
names something else (知识产权与商业秘密 is not 保密要求, 旅游者的违约责任 is not
出境社的违约责任) nor from the words of a text. A subject is missing only when no heading
names it and no text of the draft speaks of it.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from typing import TYPE_CHECKING

from clause_db.messages import Msg
from clause_db.topics import RULES, assign_topic

from ..draft import Node, plain
from ..text import text_and_rows
from .finding import WARNING, Finding

if TYPE_CHECKING:
    from collections.abc import Iterator

    from clause_db.topics import Topic

    from ..draft import Draft
    from .context import Context, Text

KINDS = ("duplicate_topic", "missing_topic")

# Topics a commercial contract is expected to cover; a draft lacking one is worth a look.
ESSENTIAL_TOPICS = ("dispute_resolution", "force_majeure", "confidentiality", "breach")
# Contracts whose subject is a thing or money rather than information: a lease, a loan, a
# sale, a labour or a tour contract do not need a confidentiality article (the model
# contracts for them have none); their title says which kind they are.
_NO_SECRETS = re.compile(
    r"租赁|租房|借款|借贷|贷款|买卖|劳动|劳务|雇佣|旅游|旅行|房屋|车辆|保证|担保|抵押|质押|赠与"
    r"|\b(?:lease|tenancy|rental|loan|facility|credit|employment|sale of goods|guarantee"
    r"|mortgage)\b",
    re.IGNORECASE,
)
# ... unless the title names information or a service too (软件租赁, 劳务外包, data licence).
_SECRETS = re.compile(
    r"服务|技术|外包|数据|保密|开发|许可|咨询|软件|信息|平台|授权|研发"
    r"|\b(?:services?|technolog\w*|software|saas|outsourc\w*|data|confidential\w*|"
    r"non-?disclosure|nda|licen[cs]\w*|develop\w*|consult\w*)\b",
    re.IGNORECASE,
)


_TITLE_LINE = 40


def _title_line(draft: Draft) -> str:
    """The preamble's first line when it is short enough to be the title the reader did not
    take apart (EQUIPMENT LEASE above an English preamble)."""
    first = plain(draft.preamble).strip().split("\n", 1)[0].strip()
    return first if len(first) <= _TITLE_LINE else ""


def essential_topics(draft: Draft) -> tuple[str, ...]:
    """The topics this draft is expected to cover: confidentiality only when its title does
    not say it is a lease, loan, sale, labour or tour contract (and names no service or
    information besides)."""
    title = draft.title or _title_line(draft)
    if _NO_SECRETS.search(title) and not _SECRETS.search(title):
        return tuple(k for k in ESSENTIAL_TOPICS if k != "confidentiality")
    return ESSENTIAL_TOPICS


# Topics that say little about the subject (附则, 其他约定; 第三方… headings of an amendment
# part): several articles of one of them are normal, not a duplicate.
GENERIC_TOPICS = frozenset({"miscellaneous", "third_party", "untitled"})
_TOPICS = {t.key: t for t in RULES}
# Words a heading adds to its subject without narrowing it: 保密条款, 违约责任, 合同的解除,
# 争议解决 / 争议的处理 / 争议解决办法 (how the subject is dealt with is the subject).
_FILLER = re.compile(
    r"条款|约定|事项|事宜|规定|要求|义务|责任|条件|措施|安排|问题|合同|协议|本|的|与|和|及|以及|、|"
    r"处理|解决|办法|"
    r"\b(?:clause|clauses|provisions?|obligations?|terms?|of|and|the|this|agreement|"
    r"matters|requirements?)\b|[\W_\d]+"
)
_STATUTE_TITLE = re.compile(
    r"(?:法|法典|条例|規定|规定|办法|\bAct|\bCode)\s*(?:[（(][^）)]{0,20}[）)])?\s*$"
)  # 中华人民共和国劳动合同法, 中华人民共和国民法典（节选）


def topic_text(node: Node) -> str:
    """The text a node's topic is read from, as the library reads an imported article's: its
    own text with its tables' rows (a fee schedule says 费用), else its first clause's."""
    own = text_and_rows(node.body, node.tables, plain)
    return own or next((text_and_rows(c.body, c.tables, plain) for c in node.children), "")


def article_topic(article: Node) -> str:
    """The topic key of an article, as the library would file it (heading, else text)."""
    return assign_topic(article.heading, topic_text(article)).key


@dataclass(frozen=True)
class HeadingTopic:
    """What a heading says about its subject: the topic, the topic's words in it, and
    whether it says nothing else (then two such headings sharing a word are one subject)."""

    key: str
    words: frozenset[str]
    pure: bool


_EN_WORDS = {
    t.key: [(w, re.compile(rf"\b{re.escape(w)}\b", re.IGNORECASE)) for w in t.en] for t in RULES
}


def _topic_words(topic: Topic, value: str) -> set[str]:
    found = {k for k in topic.zh if k in value}
    found |= {w for w, pattern in _EN_WORDS[topic.key] if pattern.search(value)}
    return found


def heading_topic(text: Text) -> HeadingTopic | None:
    """The topic a heading names (None: not a heading, no rule matched it, or a generic
    one)."""
    heading = text.text.strip()
    if text.ref.kind != "heading" or not heading:
        return None
    key = assign_topic(heading).key
    topic = _TOPICS.get(key)
    if topic is None or key in GENERIC_TOPICS:
        return None
    words = _topic_words(topic, heading)
    rest = heading
    for word in sorted(words, key=lambda w: (-len(w), w)):
        rest = re.sub(re.escape(word), " ", rest, flags=re.IGNORECASE)
    rest = _FILLER.sub("", rest.casefold())
    return HeadingTopic(key, frozenset(w.casefold() for w in words), not rest)


# Words that settle where disputes go without naming them (the courts located in …).
_FORUM = re.compile(r"法院|管辖|\b(?:courts?|jurisdiction)\b", re.IGNORECASE)
_FEW_ARTICLES = 5  # an excerpt of a few articles is not expected to cover every subject


_SPOKEN_OF = 2  # mentions that make a subject covered without a heading of its own


def _mentions(text: Text) -> tuple[tuple[str, int], ...]:
    """How often a text names each essential topic: a clause that settles it names it again
    (因不可抗力不能履行的，根据不可抗力的影响免除责任); one passing mention (a right to
    terminate for force majeure) is no article on it."""
    counts = []
    for key in ESSENTIAL_TOPICS:
        topic = _TOPICS[key]
        n = sum(text.text.count(k) for k in topic.zh)
        n += sum(len(pattern.findall(text.text)) for _, pattern in _EN_WORDS[key])
        if key == "dispute_resolution":
            n += len(_FORUM.findall(text.text))
        if n:
            counts.append((key, n))
    return tuple(counts)


def check(ctx: Context) -> Iterator[Finding]:
    """Duplicates are looked for per part: the seed contracts' second part amends the first
    (第三方介入后的修正) and restates its confidentiality and breach articles on purpose."""
    draft = ctx.draft
    seen: set[str] = set()
    headings = {t.ref.owner: topic for t, topic in ctx.each("heading_topic", heading_topic)}
    for part in draft.parts:
        title = part.title if len(draft.parts) > 1 else ""
        yield from _duplicates(ctx, headings, part.articles, title, seen)
    if sum(len(part.articles) for part in draft.parts) >= _FEW_ARTICLES:
        yield from _missing(ctx, seen)


def _duplicates(
    ctx: Context,
    headings: dict[int, HeadingTopic],
    articles: list[Node],
    title: str,
    seen: set[str],
) -> Iterator[Finding]:
    """Articles of one part whose headings say only one subject, sharing its word; ``seen``
    gathers the topics the headings name."""
    by_word: dict[tuple[str, str], list[Node]] = defaultdict(list)
    for article in articles:
        found = headings.get(article.id)
        if found is not None:
            seen.add(found.key)
        if found is not None and found.pure:
            for word in sorted(found.words):  # a set's order changes from run to run
                by_word[(found.key, word)].append(article)
    told: list[set[int]] = []
    for (key, word), group in by_word.items():
        ids = {a.id for a in group}
        if len(group) < 2 or any(ids <= done for done in told):
            continue
        told.append(ids)
        topic = _TOPICS[key]
        names = [ctx.places.labels.get(a.id, "") for a in group]
        headings = [a.heading.strip() for a in group]
        where_zh, where_en = (f"{title}：", f"{title}: ") if title else ("", "")
        yield Finding(
            "duplicate_topic", WARNING,
            Msg("{0}{1}都是“{2}”条款，请确认是否重复",
                "{3}{4} all cover {5}: check they do not overlap",
                where_zh, "、".join(names), topic.name_zh, where_en, ", ".join(names),
                topic.name_en),
            ref=ctx.node_ref(group[1].id), subject=f"{key}:{word}",
            why=Msg("标题{0}都只讲“{1}”", "the headings {2} each say only “{1}”",
                    "、".join(f"“{h}”" for h in headings), word,
                    ", ".join(f"“{h}”" for h in headings)),
        )  # fmt: skip


def is_statute(draft: Draft) -> bool:
    """A statute (中华人民共和国劳动合同法, … Act) rather than a contract: no parties, so no
    subject a contract must cover, and courts and arbitration as procedures it sets up."""
    return bool(_STATUTE_TITLE.search(draft.title))


def _why_missing(topic: Topic, mentions: int) -> Msg:
    zh, en = "”“".join(topic.zh), "”, “".join(topic.en)
    if not mentions:
        return Msg("没有条款标题或正文提到“{0}”", "no heading or text mentions “{1}”", zh, en)
    return Msg(
        "没有条款标题提到“{0}”，正文只顺带提到一次",
        "no heading names “{1}”; the text mentions it only once in passing",
        zh,
        en,
    )


def _missing(ctx: Context, seen: set[str]) -> Iterator[Finding]:
    """``seen``: the topics the articles' headings name; only when one is missing are the
    clauses' headings and every text read for it."""
    essential = essential_topics(ctx.draft)
    if is_statute(ctx.draft) or seen.issuperset(essential):
        return
    counts: dict[str, int] = dict.fromkeys(ESSENTIAL_TOPICS, 0)
    seen.update(topic.key for _, topic in ctx.each("heading_topic", heading_topic))
    for _, mentions in ctx.each("topic_mentions", _mentions):
        for key, n in mentions:
            counts[key] += n
    for key in essential:
        if key not in seen and counts[key] < _SPOKEN_OF:
            topic = _TOPICS[key]
            yield Finding(
                "missing_topic", WARNING,
                Msg("缺少“{0}”条款（商业合同通常应有）",
                    "No {1} article (a commercial contract usually has one)",
                    topic.name_zh, topic.name_en),
                subject=key,
                why=_why_missing(topic, counts[key]),
            )  # fmt: skip
