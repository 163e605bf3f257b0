"""The shape of the text: numbering the source skipped or repeated, references to the
article itself or to an annex that is not there, empty articles, headings without text."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING

from clause_db.messages import Msg
from clause_db.numerals import cn_to_int, int_to_cn, int_to_roman, roman_to_int
from clause_db.references import ANNEX_LABEL, annex_label_style

from ..draft import Ref
from .finding import ERROR, INFO, WARNING, Finding

if TYPE_CHECKING:
    from collections.abc import Iterator

    from ..draft import Node, Part
    from .context import Context, Text

KINDS = (
    "numbering_gap",
    "numbering_repeat",
    "self_reference",
    "annex_missing",
    "empty_article",
    "heading_without_text",
)

_WRITTEN_NUMBER = re.compile(r"[0-9]+|[〇零一二两三四五六七八九十百千]+|\b[IVXLC]+\b")


@lru_cache(
    maxsize=4096
)  # the articles' written numbers are read again at every run: a few hundred labels
def _written_number(written: str) -> tuple[int, re.Match[str]] | None:
    m = _WRITTEN_NUMBER.search(written)
    if m is None:
        return None
    n = roman_to_int(m.group()) if m.group()[0] in "IVXLC" else cn_to_int(m.group())
    return (n, m) if n else None


def _relabel(written: str, m: re.Match[str], n: int) -> str:
    """``written`` with its number replaced by n, in the same script: 第五条 -> 第六条,
    ARTICLE IV -> ARTICLE V."""
    raw = m.group()
    number = str(n) if raw.isdigit() else int_to_roman(n) if raw[0] in "IVXLC" else int_to_cn(n)
    return written[: m.start()] + number + written[m.end() :]


def check(ctx: Context) -> Iterator[Finding]:
    for part in ctx.draft.all_parts():
        yield from _numbering(ctx, part)
        yield from _empty(ctx, part)
    said: set[int] = set()  # the annexes reported missing, once each
    for text, mentions in ctx.each("annex_mentions", _annex_mentions):
        yield from _missing_annexes(ctx, text, mentions, said)
    for text, _ in ctx.each("bound_references", _has_refs):
        yield from ctx.kept("self_reference", text, lambda t: _self_references(ctx, t))


def _has_refs(text: Text) -> bool:
    return any(isinstance(seg, Ref) for _, _, seg in text.objects)


def _as_imported(article: Node) -> tuple[str, str] | None:
    """(source, number as written) of an article imported from a file; None for one taken
    from the library or typed: those are numbered by the draft, never by a source."""
    prov = article.provenance
    if prov is None or prov.library_article_id is not None or not prov.written_label:
        return None
    return prov.source, prov.written_label


def _numbering(ctx: Context, part: Part) -> Iterator[Finding]:
    """Numbers the source skipped (第五条 then 第八条) or wrote twice (第五条, 第五条), judged
    only between neighbours imported from the same source: the draft is renumbered, so this
    is worth knowing when comparing with the original or references written to it. After a
    repeat, the number it should have had is not reported skipped (第五条, 第五条, 第七条)."""
    previous: tuple[str, int, re.Match[str], str] | None = None
    repeated = False
    for article in part.articles:
        imported = _as_imported(article)
        found = _written_number(imported[1]) if imported else None
        if imported and found and previous and previous[0] == imported[0]:
            _, n0, m0, w0 = previous
            written = imported[1]
            if found[0] - n0 > 1 and not (repeated and found[0] - n0 == 2):
                yield _gap(ctx, article, w0, m0, n0, found[0], written)
            elif found[0] == n0:
                yield _repeat(ctx, article, written)
            repeated = found[0] == n0
        else:
            repeated = False
        previous = (imported[0], found[0], found[1], imported[1]) if imported and found else None
        yield from ctx.of_article("clause_repeats", article, lambda a: (*_clause_repeats(ctx, a),))


def _clause_repeats(ctx: Context, node: Node) -> Iterator[Finding]:
    """A clause number the source wrote twice in a row (3.2, 3.2) among one node's clauses,
    both imported from the same source (the draft numbers its clauses itself)."""
    previous = None
    for child in node.children:
        imported = _as_imported(child)
        if imported is not None and imported == previous:
            yield _repeat(ctx, child, imported[1])
        previous = imported
        if child.children:
            yield from _clause_repeats(ctx, child)


def _repeat(ctx: Context, node: Node, written: str) -> Finding:
    return Finding(
        "numbering_repeat", WARNING,
        Msg("原文两次编为{0}（本稿已重新编号），请确认是否重复或漏改编号",
            "The source wrote the number {0} twice (the draft is renumbered): "
            "check for a duplicate or a missed renumbering", written),
        ref=ctx.node_ref(node.id), subject=written,
    )  # fmt: skip


def _gap(
    ctx: Context, article: Node, w0: str, m0: re.Match[str], n0: int, n: int, written: str
) -> Finding:
    first, last = _relabel(w0, m0, n0 + 1), _relabel(w0, m0, n - 1)
    if n - n0 == 2:
        zh = en = first
    elif n - n0 == 3:
        zh, en = f"{first}、{last}", f"{first} and {last}"
    else:
        zh, en = f"{first}至{last}", f"{first} to {last}"
    return Finding(
        "numbering_gap", INFO,
        Msg("原文在{0}之后跳过了{1}（本稿已重新编号）",
            "The source skipped {2} after {0} (the draft is renumbered)", w0, zh, en),
        ref=ctx.node_ref(article.id), subject=written,
    )  # fmt: skip


def _has_text(node: Node) -> bool:
    return bool(node.tables) or any(not isinstance(s, str) or s.strip() for s in node.body)


# A heading that says the article is left out on purpose: （已删除）, [Reserved].
_RESERVED = re.compile(
    r"删除|保留|从略|此条空白|\b(?:reserved|intentionally|omitted|deleted|not used)\b", re.I
)
_NOT_A_HEADING = re.compile(r"[。；;☐☑□■_]|[，,].*[，,]")
_HEADING_LENGTH = 20
_HEADING_WORDS = 6
_CJK = re.compile(r"[\u4e00-\u9fff]")


def _reads_as_heading(heading: str) -> bool:
    """A short title (服务人员要求), not a line of text the source left unpunctuated (☑提交
    仲裁委员会仲裁 ☐向法院起诉): only a title announces text that should follow. An English
    title is counted in words (Termination for Convenience), a Chinese one in characters."""
    if _NOT_A_HEADING.search(heading):
        return False
    if _CJK.search(heading):
        return len(heading) <= _HEADING_LENGTH
    return len(heading) <= _TITLE_LENGTH and len(heading.split()) <= _HEADING_WORDS


def _empty(ctx: Context, part: Part) -> Iterator[Finding]:
    """An article with a heading and nothing under it; a clause heading with no text (each
    article's kept until one of its texts changes)."""
    for article in part.articles:
        yield from ctx.of_article("empty", article, lambda a: tuple(_empty_article(ctx, a)))


def _empty_article(ctx: Context, article: Node) -> Iterator[Finding]:
    labels = ctx.places.labels
    empty = not article.children and not _has_text(article)
    if article.heading.strip() and empty and not _RESERVED.search(article.heading):
        yield Finding(
            "empty_article", WARNING,
            Msg("{0}“{1}”只有标题，没有内容", "{0} “{1}” has a heading and no text",
                labels.get(article.id, ""), article.heading),
            ref=ctx.node_ref(article.id), subject=article.heading,
        )  # fmt: skip
    for node in article.walk():
        if node is article or node.children:
            continue
        heading = _heading_alone(node)
        if heading and _reads_as_heading(heading) and not _RESERVED.search(heading):
            yield Finding(
                "heading_without_text", INFO,
                Msg("{0}“{1}”只有标题，其下没有内容",
                    "{0} “{1}” is a heading with no text under it",
                    labels.get(node.id, ""), heading),
                ref=ctx.node_ref(node.id), subject=heading,
            )  # fmt: skip


_TITLE_LENGTH = 60
# A clause whose only text is a title (1.3 Insurance.): the source's heading, text missing.
_EN_TITLE = re.compile(r"[A-Z][\w'&-]*(?: (?:of|and|or|the|to|for|in|&|[A-Z][\w'&-]*)){0,5}[.:]?")

# 4.2 Service credits: -- a title in sentence case stands alone before its colon as well,
# but not the words that open a list (The Supplier shall:, Fees include the following:).
_EN_COLON_TITLE = re.compile(r"[A-Z][\w'&-]*(?: [\w'&-]+){0,5}:")
_EN_OPENS_LIST = re.compile(
    r"\b(?:shall|will|must|may|can|should|is|are|be|means|includ\w*|following|follows|that"
    r"|which|to|as|by|agrees?|undertakes?|warrants?|acknowledges?|confirms?|provides?|has|have"
    r"|e\.g|i\.e|namely|where|if|unless|except)$|\b(?:shall|will|must|may)\b",
    re.IGNORECASE,
)
# 6.3 诉讼时效： -- a Chinese clause whose only text is its title and a colon.
_ZH_TITLE = re.compile(r"([\u4e00-\u9fff（）()、]{2,20})[ \t]*[:：]")
_INTRODUCES = re.compile(r"如下|下列|以下|如次")  # 付款方式如下： -- what follows is its text


def _heading_alone(node: Node) -> str:
    """The heading of a clause that has nothing under it ("" when it has text): its heading,
    or a title standing alone as its text."""
    if node.tables:
        return ""
    if node.heading.strip():
        return "" if _has_text(node) else node.heading
    body = node.body[0] if len(node.body) == 1 else None
    if isinstance(body, str) and len(body) <= _TITLE_LENGTH:  # a text is longer: no regex
        title = body.strip()
        if _EN_TITLE.fullmatch(title):
            return title
        if _EN_COLON_TITLE.fullmatch(title) and not _EN_OPENS_LIST.search(title[:-1]):
            return title
        zh = _ZH_TITLE.fullmatch(title)
        return title if zh and not _INTRODUCES.search(zh[1]) else ""
    return ""


_PART_OF = re.compile(
    r"[ \t]*(?:第[一二三四五六七八九十\d]+[款项項]|[（(][a-z\divx一二三四五六七八九十]+[)）]|\.\d)"
)
_THIS = re.compile(r"(?:\bthis|本)[ \t]*$", re.IGNORECASE)  # this Section 5, within 5.4


def _self_references(ctx: Context, text: Text) -> Iterator[Finding]:
    """A reference from an article (or clause) to itself or to the article it is in: 第三条
    saying 见本合同第三条 means another article was meant (本条, "this Section 5" is how one
    says itself)."""
    refs = [(s, e, seg) for s, e, seg in text.objects if isinstance(seg, Ref)]
    if not refs:
        return
    places = ctx.places
    node, article = places.node_of(text.ref), places.article_of(text.ref)
    if node is None or article is None:
        return
    for start, end, seg in refs:
        if seg.target not in (node.id, article.id) or _THIS.search(text.text, 0, start):
            continue
        if seg.target == article.id and _PART_OF.match(text.text, end):
            continue  # 第三条第一款 from 3.3: another part of the article
        shown = text.text[start:end]
        yield Finding(
            "self_reference", WARNING,
            Msg("{0}引用了自身（“{1}”），请确认是否应引用其他条款",
                "{0} refers to itself (“{1}”): check whether another article was meant",
                Msg(*places.where(text.ref)), shown),
            **ctx.locate(text, start, end), subject=shown,
        )  # fmt: skip


# Exhibit C to the Credit Agreement: another document's annex.
_OF_ANOTHER = re.compile(r"\s+(?:to|of)\s+(?:the|that|such)\s+[A-Z]")
_ANNEX_WORD = re.compile(
    r"(?=[EeSsAa])(?:Exhibit|EXHIBIT|Schedule|SCHEDULE|Annex|ANNEX|Appendix|APPENDIX|Attachment|ATTACHMENT)"
)
_ANNEX = re.compile(ANNEX_LABEL)  # 附件三, Exhibit C: as the references module reads them
_LISTED = re.compile(r"[ \t]*[:：]")  # 附件一：服务清单 -- a list of annexes names them


def _annex_mentions(text: Text) -> list[tuple[int, int, int]]:
    """(start, end, number) of annexes named in plain text (见附件三): a mention bound to an
    annex is an object and is renumbered with it; an entry of a list of annexes (附件一：…)
    names an annex rather than sending the reader to it. (Whether a mention is a bound
    reference is told by the check: the characters do not say.)"""
    if "附" not in text.text and not _ANNEX_WORD.search(text.text):
        return []
    t = text.text
    found = []
    for m in _ANNEX.finditer(t):
        style = annex_label_style(m.group())
        other = t.endswith("》", 0, m.start()) or _OF_ANOTHER.match(t, m.end())
        if style and not other and not _LISTED.match(t, m.end()):
            found.append((m.start(), m.end(), style[2]))
    return found


def _missing_annexes(
    ctx: Context, text: Text, mentions: list[tuple[int, int, int]], said: set[int]
) -> Iterator[Finding]:
    """见附件三 with two annexes attached is an error; 见附件一 with none attached may mean it
    is still to attach: a warning, once per annex named."""
    count = len(ctx.draft.annexes)
    for start, end, n in mentions:
        if n <= count or n in said or text.in_object(start, end):
            continue
        said.add(n)
        shown = text.text[start:end]
        if count:
            message = Msg("引用了“{0}”，但本合同只有{1}个附件",
                          "“{0}” is referred to, but the draft has {1} annex{2}",
                          shown, count, "es" if count > 1 else "")  # fmt: skip
        else:
            message = Msg(
                "引用了“{0}”，但本合同没有附件",
                "“{0}” is referred to, but the draft has no annexes",
                shown,
            )
        yield Finding(
            "annex_missing", ERROR if count else WARNING, message,
            **ctx.locate(text, start, end), subject=shown,
        )  # fmt: skip
