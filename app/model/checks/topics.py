"""The same subject twice in a part, and subjects a commercial contract usually has.

Articles are filed under a topic the way the library files them (``clause_db.topics``),
each article's kept until its words change (``Context.of_article``).
"""

from __future__ import annotations

from collections import defaultdict
from typing import TYPE_CHECKING

from clause_db.messages import Msg
from clause_db.topics import RULES, assign_topic

from ..draft import Node, plain
from ..text import text_and_rows
from .finding import WARNING, Finding

if TYPE_CHECKING:
    from collections.abc import Iterator

    from .context import Context

KINDS = ("duplicate_topic", "missing_topic")

# Topics a commercial contract is expected to cover; a draft lacking one is worth a look.
ESSENTIAL_TOPICS = ("dispute_resolution", "force_majeure", "confidentiality", "breach")
# Topics that say little about the subject (附则, 其他约定; 第三方… headings of an amendment
# part): several articles of one of them are normal, not a duplicate.
GENERIC_TOPICS = frozenset({"miscellaneous", "third_party", "untitled"})
_OWN_HEADING = "heading:"  # assign_topic's key for a heading no rule matched
_TOPIC_NAMES = {t.key: (t.name_zh, t.name_en) for t in RULES}


def topic_text(node: Node) -> str:
    """The text a node's topic is read from, as the library reads an imported article's: its
    own text with its tables' rows (a fee schedule says 费用), else its first clause's."""
    own = text_and_rows(node.body, node.tables, plain)
    return own or next((text_and_rows(c.body, c.tables, plain) for c in node.children), "")


def article_topic(article: Node) -> str:
    """The topic key of an article, as the library would file it (heading, else text)."""
    return assign_topic(article.heading, topic_text(article)).key


def _clause_topics(article: Node) -> set[str]:
    """The topics of an article's clauses that have headings of their own: a contract may
    settle disputes in 21.7 Arbitration of its General article."""
    return {
        assign_topic(node.heading, text_and_rows(node.body, node.tables, plain)).key
        for node in article.walk()
        if node is not article and node.heading
    }


def check(ctx: Context) -> Iterator[Finding]:
    """Duplicates are looked for per part: the seed contracts' second part amends the first
    (第三方介入后的修正) and restates its confidentiality and breach articles on purpose."""
    draft = ctx.draft
    seen: set[str] = set()
    for part in draft.parts:
        by_topic: dict[str, list[Node]] = defaultdict(list)
        for article in part.articles:
            key = ctx.of_article("topic", article, article_topic)
            seen.add(key)
            if not key.startswith(_OWN_HEADING) and key not in GENERIC_TOPICS:
                by_topic[key].append(article)
        for key, articles in by_topic.items():
            if len(articles) < 2:
                continue
            zh_name, en_name = _TOPIC_NAMES[key]
            names = [ctx.places.labels[a.id] for a in articles]
            titled = len(draft.parts) > 1 and part.title
            where_zh, where_en = (f"{part.title}：", f"{part.title}: ") if titled else ("", "")
            yield Finding(
                "duplicate_topic", WARNING,
                Msg("{0}{1}都是“{2}”条款，请确认是否重复",
                    "{3}{4} all cover {5}: check they do not overlap",
                    where_zh, "、".join(names), zh_name, where_en, ", ".join(names), en_name),
                ref=ctx.node_ref(articles[1].id), subject=key,
            )  # fmt: skip
    if any(part.articles for part in draft.parts):
        if not seen.issuperset(ESSENTIAL_TOPICS):  # only then: ~30 us a headed clause
            seen.update(
                *(
                    ctx.of_article("clause_topics", a, _clause_topics)
                    for part in draft.parts
                    for a in part.articles
                )
            )
        for key in ESSENTIAL_TOPICS:
            if key not in seen:
                zh_name, en_name = _TOPIC_NAMES[key]
                yield Finding(
                    "missing_topic", WARNING,
                    Msg("缺少“{0}”条款（商业合同通常应有）",
                        "No {1} article (a commercial contract usually has one)", zh_name, en_name),
                    subject=key,
                )  # fmt: skip
