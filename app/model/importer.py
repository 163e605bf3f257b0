"""A draft from understood contract text (an Outline document), or nodes from the library.

Written numbers are stripped into the structure (and kept in the provenance); references
are bound by the numbers as written, so 第八条 after a gap (第五条, 第八条) still points at the
article written 第八条, whatever its new number. A table read from the source becomes a table
of its node (or of the preamble), no longer rows of text in its body (``import_tables``).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from clause_db.language import text_language
from clause_db.model import Annex, Article, Clause, Document
from clause_db.model import Part as OutlinePart
from clause_db.placeholders import find_placeholders
from clause_db.references import annex_label_style

from .draft import Draft, Field, Node, Part, Party, Passage, Provenance, plain
from .import_tables import body_and_tables
from .markup import Markup, mark_proposed, place_markup
from .number_forms import NAMED, with_items
from .numbering import written_style
from .text import enter_text, text_and_rows
from .tick_boxes import group_table_boxes

if TYPE_CHECKING:
    from clause_db.model import Piece
    from clause_db.model import Table as OutlineTable
    from clause_db.references import Mention

_PARTY_LINE = re.compile(  # Markdown may bullet the line and embolden the role (**甲方**：)
    r"^[ \t]*(?:[-*+][ \t]+)?(?:\*\*|__)?"
    r"(?P<role>[甲乙丙丁]方|Party [A-D]|委托方|受托方|出卖人|买受人)"
    r"[^:：\n]{0,12}[:：][ \t]*(?P<name>[^\n]*)$",
    re.MULTILINE,
)
_ROLE_IN_TEXT = re.compile(r"[甲乙丙]方")


def draft_from_document(
    doc: Document, text: str, source: str, markup: Markup | None = None
) -> Draft:
    """The draft of one contract of an outline: every part, article and clause, and the
    source's cover page, signature block and annexes (each annex's articles numbered inside
    it; 见附件二 bound to the annex written 附件二)."""
    labels = [a.label.value for a in doc.iter_articles()]
    items = [c.label.value for a in doc.iter_articles() for c in a.clauses]
    deeper = [d.label.value for a in doc.iter_articles() for c in a.clauses for d in c.clauses]
    language = text_language(text[doc.span[0] : doc.span[1]])
    numbering = written_style(labels, language, items, deeper)
    draft = Draft(title=doc.title, numbering=numbering)
    built: list[tuple[Node, Article | Clause, Part, Node]] = []  # node, origin, part, article
    by_written: dict[tuple[int, str, tuple[int, ...]], int] = {}

    def parts_of(outline_parts: list[OutlinePart], style: str) -> list[Part]:
        parts = []
        first = True  # no article met yet
        for outline_part in outline_parts:
            numbers = [a.number for a in outline_part.articles]
            part = Part(draft.new_id(), title=outline_part.title or "")
            # a part with no articles of its own (a chapter whose articles are in its
            # sections) must not restart the count its sections carry on
            part.restart_numbering = bool(numbers) and numbers[0] in (1, None)
            if first and numbers and _excerpt_start(outline_part):
                part.start, part.restart_numbering = numbers[0], True
            first = first and not numbers
            parts.append(part)
            for article in outline_part.articles:
                node = _skeleton(draft, article, source, part, None, built, by_written)
                node.numbering = _own_items_style(style, article)
                part.articles.append(node)
        return parts

    draft.parts = parts_of(doc.parts, numbering)
    for annex in doc.annexes:
        passage = Passage(draft.new_id(), label=annex.label.value, title=annex.title.value)
        passage.numbering = _annex_numbering(annex, language, numbering)
        passage.parts = parts_of(annex.parts, passage.numbering or numbering)
        draft.annexes.append(passage)
        style = annex_label_style(annex.label.value)
        if style is not None:  # 见附件二 binds to the annex written 附件二
            by_written.setdefault((0, "annex", (style[2],)), passage.id)
    pending: dict[str, Field] = {}
    new_fields: list[Field] = []

    def enter(raw: str, part: Part | None, article: Node | None, heading: str = ""):
        resolve = _written_resolver(by_written, part, article)
        entered = enter_text(draft, raw, resolve, pending, heading=heading)
        new_fields.extend(entered.new_fields)
        return entered.segments

    def passage_text(passage: Passage, piece: Piece, tables: list[OutlineTable]) -> None:
        passage.body, passage.tables = body_and_tables(
            draft, text, piece, tables, lambda raw, h: enter(raw, None, None, h)
        )

    if doc.cover is not None:
        draft.cover = Passage(draft.new_id())
        passage_text(draft.cover, doc.cover, doc.cover_tables)
        draft.cover.title_at = _title_at(doc, text)
    draft.preamble, draft.preamble_tables = body_and_tables(
        draft, text, doc.preamble, doc.preamble_tables, lambda raw, h: enter(raw, None, None, h)
    )
    outline_parts = [*doc.parts, *(p for a in doc.annexes for p in a.parts)]
    for outline_part, part in zip(outline_parts, draft.all_parts(), strict=True):
        part.body = enter(outline_part.text.value, part, None)
    if doc.signature is not None:
        draft.signature = Passage(draft.new_id())
        passage_text(draft.signature, doc.signature, doc.signature_tables)
    for annex, passage in zip(doc.annexes, draft.annexes, strict=True):
        passage_text(passage, annex.text, annex.tables)
    for node, origin, part, article in built:
        node.body, node.tables = body_and_tables(
            draft, text, origin.text, origin.tables,
            lambda raw, h, part=part, article=article: enter(raw, part, article, h),
            origin.heading.value,
        )  # fmt: skip
    for node, *_ in built:
        if node.tables:  # as taken: the rows read as the draft holds them, cell by cell
            node.provenance.taken_text = text_and_rows(node.body, node.tables, plain)
    for f in new_fields:
        draft.fields[f.id] = f
    draft.parties = _parties(doc.preamble.value, text[doc.span[0] : doc.span[1]])
    group_table_boxes(draft)
    mark_proposed(((node, origin.span[0]) for node, origin, *_ in built), markup)
    place_markup(draft, markup)
    return draft


def _title_at(doc: Document, text: str) -> int | None:
    """The number of the cover's lines above the title when the cover page holds it (the
    title is a hole in the cover, or heads it); None when the title follows the cover, or
    stands below a table of the cover (the cover's body is its text before its tables)."""
    start, end = doc.cover.span
    title_start, title_end = doc.title_piece.span
    if title_start >= end or text[title_end:start].strip() or title_end <= title_start:
        return None
    if any(t.span[0] < title_start for t in doc.cover_tables):
        return None
    return sum(1 for line in text[start:title_start].splitlines() if line.strip())


def _excerpt_start(part: OutlinePart) -> bool:
    """Whether the source starts its articles beyond 第一条 on purpose (an excerpt of a
    statute at 第四百六十三条): a first number above 1 the outline reports no gap before."""
    first = part.articles[0].number
    return first is not None and first > 1 and not any(g.after is None for g in part.gaps)


def _own_items_style(style: str, article: Article) -> str | None:
    """The style of an article's clauses where the source wrote them differently from the
    rest (GF-2014-2402 第二条 numbers its items （1） where the others use 1.)."""
    items = [c.label.value for c in article.clauses]
    deeper = [d.label.value for c in article.clauses for d in c.clauses]
    own = with_items(style, [items, deeper], NAMED)
    return own if own != style else None


def _skeleton(draft, origin, source, part, article, built, by_written) -> Node:
    """A node and its children with ids and headings; bodies are filled once all ids exist."""
    node = Node(draft.new_id(), heading=origin.heading.value)
    node.provenance = Provenance(
        source=source,
        written_label=origin.label.value,
        taken_heading=origin.heading.value,
        taken_text=origin.text.value,
    )
    article = article or node
    built.append((node, origin, part, article))
    if isinstance(origin, Article):
        if origin.number is not None:
            by_written[(part.id, "article", (origin.number,))] = node.id
    elif origin.kind == "dotted":
        path = tuple(int(x) for x in origin.number.split("."))
        by_written[(part.id, "clause", path)] = node.id
    for child in origin.clauses:
        node.children.append(_skeleton(draft, child, source, part, article, built, by_written))
    if isinstance(origin, Article) and origin.number is not None:  # 第四十条第一项: its items
        for i, child in enumerate(node.children, 1):
            by_written[(part.id, "item", (origin.number, i))] = child.id
    return node


def _written_resolver(by_written, part: Part | None, article: Node | None):
    def resolve(m: Mention) -> int | None:
        if m.target == "kuan":
            k = m.number[0]
            return (
                article.children[k - 1].id if article and 0 < k <= len(article.children) else None
            )
        in_part = by_written.get((part.id, m.target, m.number)) if part else None
        if in_part is not None:
            return in_part
        # the preamble's, or one to another part: a contract in chapters numbers its
        # articles through them (第四章 refers to 第十四条 of 第五章); the first part that has it
        return next(
            (v for (p, t, n), v in by_written.items() if (t, n) == (m.target, m.number)), None
        )

    return resolve


def parties_named_in(text: str) -> list[Party]:
    """The parties ``text`` names a line each (甲方（接收方）：某公司, Party A: Acme), each role
    once (a cover page names them again); a name that is, or holds, a blank still to fill
    (____, {{甲方名称}}, XXX有限公司) is left empty."""
    found: dict[str, Party] = {}
    for m in _PARTY_LINE.finditer(text):
        # **某公司**: the emphasis is no part of the name
        name = "" if find_placeholders(m.group("name")) else m.group("name").strip(" \t*_")
        role = m.group("role")
        if role not in found or name and not found[role].name:
            found[role] = Party(role, name)
    return list(found.values())


def _parties(preamble: str, document_text: str) -> list[Party]:
    """Parties named in the preamble (甲方：某公司), else the roles the text speaks of."""
    parties = parties_named_in(preamble)
    if parties:
        return parties
    roles = sorted(set(_ROLE_IN_TEXT.findall(document_text)), key=lambda r: "甲乙丙".index(r[0]))
    return [Party(role) for role in roles]


def _annex_numbering(annex: Annex, language: str, numbering: str) -> str:
    """The style an annex wrote its own articles in (一、适用范围 / 1. 数据规范性 is
    chinese_list), or "" when it is the draft's or the annex has no articles."""
    articles = [a for p in annex.parts for a in p.articles]
    if not articles:
        return ""
    labels = [a.label.value for a in articles]
    items = [c.label.value for a in articles for c in a.clauses]
    deeper = [d.label.value for a in articles for c in a.clauses for d in c.clauses]
    style = written_style(labels, language, items, deeper)
    return "" if style == numbering else style
