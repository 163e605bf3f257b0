"""What a lawyer should look at before sending a draft out: a list of checks, never edits.

Each check says what is wrong in Chinese and English and where (a node to jump to, a field
to fill). The checks only read the draft, so the inspector can re-run them after any edit;
on a 1,000-article draft one run walks the text a few times and stays well under 100 ms.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass

from clause_db.numerals import cn_to_int, int_to_cn
from clause_db.topics import RULES, assign_topic
from clause_db.unsafe_chars import bidi_controls_in

from .draft import Blank, Draft, Field, Node, node_texts, plain
from .numbering import labels, number_paths
from .text import text_and_rows
from .view import references

ERROR, WARNING, INFO = "error", "warning", "info"

# Topics a commercial contract is expected to cover; a draft lacking one is worth a look.
ESSENTIAL_TOPICS = ("dispute_resolution", "force_majeure", "confidentiality", "breach")
# Topics that say little about the subject (附则, 其他约定; 第三方… headings of an amendment
# part): several articles of one of them are normal, not a duplicate.
GENERIC_TOPICS = frozenset({"miscellaneous", "third_party", "untitled"})
_OWN_HEADING = "heading:"  # assign_topic's key for a heading no rule matched
_TOPIC_NAMES = {t.key: (t.name_zh, t.name_en) for t in RULES}
_WRITTEN_NUMBER = re.compile(r"[0-9]+|[〇零一二两三四五六七八九十百千]+")


@dataclass(frozen=True)
class Check:
    kind: str  # unfilled | no_choice | dangling | unresolved | bidi_control | duplicate_topic
    #            | missing_topic | numbering_gap
    severity: str  # error | warning | info
    message_zh: str
    message_en: str
    node_id: int | None = None
    field_id: int | None = None


def run_checks(draft: Draft) -> list[Check]:
    """Every check of the draft, the most serious kinds first."""
    paths = _Places(draft)
    return [
        *_reference_checks(draft, paths),
        *_bidi_controls(draft, paths),
        *_unfilled_fields(draft),
        *_unchosen_groups(draft),
        *_topic_checks(draft, paths),
        *_numbering_gaps(draft),
    ]


class _Places:
    """Readable names of where things are: 第三条, 前言, a part's title."""

    def __init__(self, draft: Draft) -> None:
        self.draft = draft
        self.paths = number_paths(draft)
        self.parts = {p.id: p for p in draft.all_parts()}
        self.labels = labels(draft, paths=self.paths)
        self.passages = {a.id: (self.labels[a.id],) * 2 for a in draft.annexes}
        if draft.cover is not None:
            self.passages[draft.cover.id] = ("封面", "the cover page")
        if draft.signature is not None:
            self.passages[draft.signature.id] = ("签署部分", "the signature block")

    def node_label(self, node_id: int) -> str:
        return self.labels[node_id]

    def owner(self, owner_id: int) -> tuple[str, str]:
        """(zh, en) names of a text's owner: the preamble (0), a part's intro or a node."""
        if owner_id == 0:
            return "前言", "the preamble"
        if owner_id in self.passages:
            return self.passages[owner_id]
        part = self.parts.get(owner_id)
        if part is not None:
            title = part.title or "未命名部分"
            return f"{title}的引言", f"the introduction of {part.title or 'an untitled part'}"
        return (self.node_label(owner_id),) * 2

    def node_or_none(self, owner_id: int) -> int | None:
        return owner_id if owner_id in self.paths and owner_id not in self.passages else None


# -- references -----------------------------------------------------------------------------


def _reference_checks(draft: Draft, places: _Places) -> list[Check]:
    out = []
    for ref in references(draft, places.paths):
        if ref["status"] == "ok":
            continue
        zh, en = places.owner(ref["in"])
        text = ref["text"]
        if ref["status"] == "dangling":
            out.append(Check(
                "dangling", ERROR,
                f"{zh}中的引用“{text}”指向的条款已被删除",
                f"In {en}, the reference “{text}” points at an article or clause that was deleted",
                places.node_or_none(ref["in"]),
            ))  # fmt: skip
        else:
            out.append(Check(
                "unresolved", WARNING,
                f"{zh}中的“{text}”未对应任何条款",
                f"In {en}, “{text}” matches no article or clause of the draft",
                places.node_or_none(ref["in"]),
            ))  # fmt: skip
    return out


# -- fields ---------------------------------------------------------------------------------


def field_nodes(draft: Draft) -> dict[int, list[int]]:
    """Each field's nodes in reading order (once per blank), for jumping to its occurrences."""
    where: dict[int, list[int]] = defaultdict(list)
    for _, node in draft.nodes():
        for seg in (s for body in node_texts(node) for s in body):
            if isinstance(seg, Blank):
                where[seg.field_id].append(node.id)
    return where


def _unfilled_fields(draft: Draft) -> list[Check]:
    counts = draft.occurrences()
    where = field_nodes(draft)
    out = []
    for f in draft.fields.values():
        if not f.unfilled() or not counts.get(f.id):
            continue
        name = f.name or f.label
        nodes = where.get(f.id)
        out.append(Check(
            "unfilled", WARNING,
            f"“{name}”尚未填写（{counts[f.id]}处）",
            f"“{name}” is not filled in ({counts[f.id]} place{'s' if counts[f.id] > 1 else ''})",
            nodes[0] if nodes else None, f.id,
        ))  # fmt: skip
    return out


def _unchosen_groups(draft: Draft) -> list[Check]:
    """A group of tick boxes with none ticked, once per group, as a gentle note: leaving
    every alternative unticked is sometimes the answer, so it is no unfilled field."""
    counts = draft.occurrences()
    where = field_nodes(draft)
    groups: dict[int, list[Field]] = defaultdict(list)
    for f in draft.fields.values():
        if f.kind == "checkbox" and f.group is not None and counts.get(f.id):
            groups[f.group].append(f)
    out = []
    for boxes in groups.values():
        if any(f.value for f in boxes):
            continue
        options = " / ".join(f.name or f.label for f in boxes)
        nodes = where.get(boxes[0].id)
        out.append(Check(
            "no_choice", INFO,
            f"未勾选任何选项：{options}",
            f"No option ticked: {options}",
            nodes[0] if nodes else None, boxes[0].id,
        ))  # fmt: skip
    return out


# -- hidden text direction ------------------------------------------------------------------

_BIDI_ZH = "含有隐藏的文字方向控制字符（{0}），其后的文字会倒序显示；导出 Word 时将删除"
_BIDI_EN = (
    "holds hidden text-direction characters ({0}) that show the text after them reversed; "
    "the Word export leaves them out"
)


def _bidi_controls(draft: Draft, places: _Places) -> list[Check]:
    """Bidi overrides (U+202E...) hidden in a field value or the text: the window shows the
    text after one backwards, so what the lawyer reads is not what it says. The export drops
    them (``app.word.export``); the check says where they were, the field or the clause."""
    found: list[tuple[str, str, list[str], int | None, int | None]] = []  # zh, en, codes, ids
    counts = draft.occurrences()
    where = field_nodes(draft)
    for f in draft.fields.values():
        codes = bidi_controls_in(f.value or "")
        if codes and counts.get(f.id):
            name, nodes = f.name or f.label, where.get(f.id)
            found.append((f"“{name}”的填写内容", f"the value of “{name}”", codes,
                          nodes[0] if nodes else None, f.id))  # fmt: skip
    parties = "".join(p.role + p.name + p.address for p in draft.parties)
    texts = [("标题", "the title", None, draft.title), ("当事人信息", "the parties", None, parties),
             (*places.owner(0), None,
              text_and_rows(draft.preamble, draft.preamble_tables, plain))]  # fmt: skip
    texts += [(*places.owner(p.id), None, p.title + plain(p.body)) for p in draft.parts]
    texts += [(*places.owner(n.id), n.id, n.heading + text_and_rows(n.body, n.tables, plain))
              for _, n in draft.nodes()]  # fmt: skip
    for zh, en, node_id, text in texts:
        codes = bidi_controls_in(text)
        if codes:
            found.append((zh, en, codes, node_id, None))
    return [
        Check("bidi_control", WARNING, zh + _BIDI_ZH.format("、".join(codes)),
              f"{en[0].upper()}{en[1:]} {_BIDI_EN.format(', '.join(codes))}", node_id, field_id)
        for zh, en, codes, node_id, field_id in found
    ]  # fmt: skip


# -- topics ---------------------------------------------------------------------------------


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


def _topic_checks(draft: Draft, places: _Places) -> list[Check]:
    """The same topic twice within a part, and essential topics missing from the draft.

    Duplicates are looked for per part: the seed contracts' second part amends the first
    (第三方介入后的修正) and restates its confidentiality and breach articles on purpose.
    """
    out = []
    seen: set[str] = set()
    for part in draft.parts:
        by_topic: dict[str, list[Node]] = defaultdict(list)
        for article in part.articles:
            key = article_topic(article)
            seen.add(key)
            if not key.startswith(_OWN_HEADING) and key not in GENERIC_TOPICS:
                by_topic[key].append(article)
        for key, articles in by_topic.items():
            if len(articles) < 2:
                continue
            zh_name, en_name = _TOPIC_NAMES[key]
            labels = [places.node_label(a.id) for a in articles]
            titled = len(draft.parts) > 1 and part.title
            where_zh, where_en = (f"{part.title}：", f"{part.title}: ") if titled else ("", "")
            out.append(Check(
                "duplicate_topic", WARNING,
                f"{where_zh}{'、'.join(labels)}都是“{zh_name}”条款，请确认是否重复",
                f"{where_en}{', '.join(labels)} all cover {en_name}: check they do not overlap",
                articles[1].id,
            ))  # fmt: skip
    if any(part.articles for part in draft.parts):
        if not seen.issuperset(ESSENTIAL_TOPICS):  # only then: ~30 us a headed clause
            seen.update(*(_clause_topics(a) for part in draft.parts for a in part.articles))
        for key in ESSENTIAL_TOPICS:
            if key not in seen:
                zh_name, en_name = _TOPIC_NAMES[key]
                out.append(Check(
                    "missing_topic", WARNING,
                    f"缺少“{zh_name}”条款（商业合同通常应有）",
                    f"No {en_name} article (a commercial contract usually has one)",
                ))  # fmt: skip
    return out


# -- numbering as written -------------------------------------------------------------------


def _written_number(written: str) -> tuple[int, re.Match[str]] | None:
    m = _WRITTEN_NUMBER.search(written)
    n = cn_to_int(m.group()) if m else None
    return (n, m) if n else None


def _relabel(written: str, m: re.Match[str], n: int) -> str:
    """``written`` with its number replaced by n, in the same script: 第五条 -> 第六条."""
    number = str(n) if m.group().isdigit() else int_to_cn(n)
    return written[: m.start()] + number + written[m.end() :]


def _numbering_gaps(draft: Draft) -> list[Check]:
    """Articles the source skipped (第五条 then 第八条): the draft is renumbered, so this is
    only worth knowing when comparing with the original or with references written to it."""
    out = []
    for part in draft.parts:
        previous: tuple[int, re.Match[str], str] | None = None
        for article in part.articles:
            written = article.provenance.written_label if article.provenance else ""
            found = _written_number(written)
            if found and previous and found[0] - previous[0] > 1:
                n0, m0, w0 = previous
                first, last = _relabel(w0, m0, n0 + 1), _relabel(w0, m0, found[0] - 1)
                if found[0] - n0 == 2:
                    zh = en = first
                elif found[0] - n0 == 3:
                    zh, en = f"{first}、{last}", f"{first} and {last}"
                else:
                    zh, en = f"{first}至{last}", f"{first} to {last}"
                out.append(Check(
                    "numbering_gap", INFO,
                    f"原文在{w0}之后跳过了{zh}（本稿已重新编号）",
                    f"The source skipped {en} after {w0} (the draft is renumbered)",
                    article.id,
                ))  # fmt: skip
            previous = (*found, written) if found else None
    return out
