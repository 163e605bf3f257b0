"""Contract text -> Outline: documents, parts, articles, clauses, with nothing dropped.

The text may be clean (one heading per line) or scraped (everything on one line, headings
glued to their text, a table of contents that repeats every heading, several contracts in
one file each ending with 全文完, site boilerplate around). The steps:

1. site boilerplate at the very start and end of the file is skipped (reported);
2. the file is cut into documents at 全文完 / END OF DOCUMENT markers;
3. in each document: title (and any cover text before it), table of contents (skipped, but
   its headings are used to split glued headings from text), then the body;
4. the body's numbering markers are accepted or rejected as headings by where they stand
   (line start, cross-reference words around them) and by the sequence they form; the
   accepted ones cut the text into nested nodes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from itertools import pairwise

from clause_db.headings import clean, heading_end
from clause_db.markdown import MarkdownLayout, prepare, restore
from clause_db.markers import (
    ARTICLE_KINDS,
    ITEM_KINDS,
    PART_KINDS,
    Marker,
    find_markers,
    looks_like_number_in_sentence,
    looks_like_reference,
)
from clause_db.model import (
    Annex,
    Article,
    Clause,
    Document,
    Gap,
    Outline,
    Part,
    Piece,
    Skipped,
)
from clause_db.page_blocks import (
    TITLE_SEPARATORS,
    annex_heading,
    annex_starts,
    annex_title,
    annexes_start,
    own_annex_heading,
    signature_opener,
    signature_tail,
    sole_annex_start,
    title_page_end,
)
from clause_db.page_blocks import lines as _lines
from clause_db.page_furniture import find_page_furniture
from clause_db.placeholders import find_placeholders
from clause_db.review_hints import NO_HINTS, SplitHints

_BOILERPLATE_LINE = re.compile(
    r"_第\d+页\s*$|^已阅读|继续免费阅读|^下载本文档|^版权说明|^文档简介\s*$|^温馨提示\s*$|本站|人人文库|"
    r"^评论\s*$|^\d+/\d+\s*$|^提交评论\s*$|^相关(?:资源|搜索|文档)|^猜你喜欢"
)
_BOILERPLATE_HEADER = re.compile(
    r"^\s*(?:温馨提示|评论|提交评论|相关资源|相关搜索|相关文档|猜你喜欢)\s*$"
)
_END_MARKER = re.compile(r"全文完[。.]?|(?i:end of document)\.?")
# A table of contents entry: a heading, dotted leaders, a page number.
_TOC_ENTRY = re.compile(r"^[^\n]*?(?:\.{4,}|…{2,}|·{4,})[ \t]*\d{1,4}[ \t]*$", re.M)
_TOC_MARKER = re.compile(
    r"本合同目录一览|目[ \t\u3000]*录|(?i:table of contents)|^\s*CONTENTS\s*$", re.M
)
# What a Chinese title ends with, Simplified or Traditional (合約, 協議書).
_CN_TITLE_WORDS = (
    "合同书?|合同書|合[约約]书?|合約書|[协協][议議]书?|協議書|契[约約]|章程|[协協]定|备忘录|備忘錄"
)
_CN_TITLE_TAIL = re.compile(
    r"(?:(?:19|20)\d{2}年度?)?[\u4e00-\u9fff（）()《》·、]{1,40}"
    rf"(?:{_CN_TITLE_WORDS})(?P<seq>\d{{1,2}})?[ \t\u3000]*$"
)
_TITLE_LINE = re.compile(
    rf"[\u4e00-\u9fffA-Za-z0-9（）()《》·、 \t\-—]{{0,60}}(?:{_CN_TITLE_WORDS}|法典?)"
    r"(?:[（(][^）)\n]{1,12}[）)])?"
    r"|[A-Z][A-Za-z0-9 ,.&'’()-]{0,80}?"
    r"\b(?:AGREEMENT|Agreement|CONTRACT|Contract|TERMS|Terms|NDA)\b"
)
_MAX_TITLE_LINE = 80
_H1 = re.compile(r"[ \t]{0,3}#[ \t]+\S")  # a Markdown level-1 heading
_DOTTED_LINE = re.compile(r"^[ \t]*\d{1,3}[.．]\d{1,3}", re.M)
_LABELLED = re.compile(r"^[^:：]{1,12}[:：]")  # 合同编号：…, Contract No.: …
_SEQ_SUFFIX = re.compile(r"(?<=[合同协協议議书書约約程定录錄])\d{1,2}$")
_MAX_JUMP = 20  # more articles than this missing in a row is no gap but another numbering
_CJK_BEFORE = re.compile(r"[\u4e00-\u9fff\u3000-\u303f\uff00-\uffef]$")
_GLUE_BEFORE_ITEM = re.compile(r"[:：;；。!！?？\n][ \t\u3000]*$")


@dataclass
class _Node:
    """A node while the tree is being built: its marker and where it ends."""

    marker: Marker | None  # None for an implicit part
    start: int
    label_end: int
    level: str  # part | article | clause
    end: int = -1
    children: list[_Node] = field(default_factory=list)


def parse_text(
    text: str, encoding: str = "utf-8", markdown: bool = False, hints: SplitHints = NO_HINTS
) -> Outline:
    """Understand contract text; every character ends up in exactly one piece or skipped span.

    ``markdown``: the text is Markdown; its markup is skipped and its lists read as lists.
    ``hints``: a lawyer's corrections of an earlier split (``clause_db.review_hints``).
    """
    if markdown:
        layout = hints.layout(prepare(text))
        return hints.settle(restore(_parse(layout.masked, encoding, layout, hints), layout))
    furniture = hints.layout(find_page_furniture(text))
    if furniture.holes:
        return hints.settle(restore(_parse(furniture.masked, encoding, None, hints), furniture))
    return _parse(text, encoding, None, hints)


def _parse(text: str, encoding: str, layout: MarkdownLayout | None, hints: SplitHints) -> Outline:
    outline = Outline(text=text, encoding=encoding)
    core_start, core_end = _strip_site_boilerplate(text, outline.skipped)
    for start, end, marker in _document_regions(text, core_start, core_end):
        if not text[start:end].strip():
            if end > start:
                outline.skipped.append(Skipped("blank", (start, end), text[start:end]))
        else:
            outline.documents.append(_parse_document(text, start, end, layout, hints))
        if marker:
            target = outline.documents[-1].skipped if outline.documents else outline.skipped
            target.append(Skipped("end of document marker", marker, text[marker[0] : marker[1]]))
    return outline


# -- file level ---------------------------------------------------------------------------


def _strip_site_boilerplate(text: str, skipped: list[Skipped]) -> tuple[int, int]:
    """Skip the web page's chrome: matching lines at the head, a footer block at the tail."""
    lines = _lines(text, 0, len(text))
    head = 0
    for s, e in lines:
        line = text[s:e]
        if line.strip() and not _BOILERPLATE_LINE.search(line.strip()):
            break
        head = e
    if head and text[:head].strip():
        skipped.append(Skipped("boilerplate", (0, head), text[:head]))
    else:
        head = 0
    tail = len(text)
    footer_start = None
    for s, e in reversed(lines):
        if s < head:
            break
        line = text[s:e].strip()
        if len(line) > 300:
            break
        if _BOILERPLATE_HEADER.match(line):
            footer_start = s
    if footer_start is not None:
        tail = footer_start
        skipped.append(Skipped("boilerplate", (tail, len(text)), text[tail:]))
    return head, tail


def _document_regions(text: str, start: int, end: int):
    """(start, end, end-marker span or None) for each document, split at 全文完."""
    pos = start
    for m in _END_MARKER.finditer(text, start, end):
        yield pos, m.start(), (m.start(), m.end())
        pos = m.end()
    yield pos, end, None


# -- document level -----------------------------------------------------------------------


def _parse_document(
    text: str, s: int, e: int, layout: MarkdownLayout | None, hints: SplitHints
) -> Document:
    markers = find_markers(text, s, e)
    if layout:
        markers = layout.markers(text, markers)
    markers = hints.markers(markers, s, e)
    line_mode = _is_line_mode(text, markers)
    scheme = _article_scheme(text, markers, line_mode, s)
    structural = [
        m
        for m in markers
        if (m.kind in PART_KINDS or m.kind == scheme)
        and (m.line_start or not (line_mode or looks_like_reference(text, m, s)))
    ]
    head = _instruction_list_end(text, s, structural, line_mode)
    structural = [m for m in structural if m.start >= head]
    first_struct = structural[0].start if structural else e
    found = _find_toc(text, head, first_struct, markers)
    toc, body_start = found if found else (None, -1)
    front_end = toc[0] if toc else first_struct
    title_start, title_end = _find_title(text, head, front_end, line_mode, layout is not None)
    cover_end = title_end
    if line_mode and title_end > title_start:
        cover_end = title_page_end(text, title_end, front_end)
    body_start = body_start if toc else cover_end
    known = _toc_headings(text, toc, markers) if toc else {}
    body_markers = [m for m in markers if m.start >= body_start]
    tree = (text, body_start, line_mode, scheme, bool(toc), hints)
    signature, annexes, forced = _closing_starts(tree, e, body_markers)
    body_markers = [m for m in body_markers if m.start < signature]
    root = _build_tree(text, body_start, signature, body_markers, *tree[2:])
    if toc and not root and body_start < signature:
        root = [_Node(None, body_start, body_start, "part", end=signature)]  # no headings

    first_body = root[0].start if root else signature
    preamble_end = toc[0] if toc else first_body
    preamble = Piece(text[cover_end:preamble_end].strip(), (cover_end, preamble_end))
    if toc and toc[1] < body_start:  # recitals after the table: the table is a hole in it
        parts = (text[cover_end : toc[0]].strip(), text[toc[1] : body_start].strip())
        preamble = Piece("\n\n".join(p for p in parts if p), (cover_end, body_start))
    title_piece = Piece(_clean_title(text[title_start:title_end]), (title_start, title_end))
    doc = Document(title=title_piece.value, title_piece=title_piece, preamble=preamble, span=(s, e))
    if line_mode:
        _set_cover(doc, text, s, cover_end)
    elif title_start > s:  # text scraped onto one line: a web page's scraps, not a page
        doc.skipped.append(Skipped("cover page", (s, title_start), text[s:title_start]))
    if toc:
        doc.skipped.append(Skipped("table of contents", toc, text[toc[0] : toc[1]]))
    if signature < annexes:
        doc.signature = Piece(text[signature:annexes].strip(), (signature, annexes))
    doc.parts = [_to_part(text, n, known, line_mode) for n in root]
    _set_depths(doc.parts)
    _report_gaps(doc.parts)
    starts = sorted({*_annex_starts(text, annexes, e), *forced})
    doc.annexes = [
        _to_annex(text, start, end, known, hints) for start, end in pairwise([*starts, e])
    ]
    if hints.fields:
        _mark_fields(doc, text, hints)
    return doc


def _set_cover(doc: Document, text: str, s: int, cover_end: int) -> None:
    """The cover page: the text before the title, and the title page's lines after it up to
    the parties block (the title is then a hole in the cover, see docs/outline-format.md)."""
    title_start, title_end = doc.title_piece.span
    before, after = text[s:title_start].strip(), text[title_end:cover_end].strip()
    if not (before or after):
        if title_start > s:
            doc.skipped.append(Skipped("blank", (s, title_start), text[s:title_start]))
        return
    if not before and title_start > s:
        doc.skipped.append(Skipped("blank", (s, title_start), text[s:title_start]))
    start = s if before else title_end
    end = cover_end if after else title_start
    doc.cover = Piece("\n".join(x for x in (before, after) if x), (start, end))


def _instruction_list_end(text: str, s: int, structural: list[Marker], line_mode: bool) -> int:
    """Where the contract starts after a page of instructions numbered like its articles
    (How to set up an agreement: 1. Review … 6. Send …), or ``s``.

    Such a list comes before any title, and a title line follows it before the numbering
    starts again at 1: the list and everything up to that title are the cover.
    """
    if not (line_mode and structural) or structural[0].value != 1:
        return s
    first = structural[0]
    if _find_title(text, s, first.start, line_mode)[1] > s:
        return s
    again = next(
        (m for m in structural[1:] if m.kind == first.kind and m.value == 1 and m.line_start),
        None,
    )
    if again is None:
        return s
    for ls, le in _lines(text, first.start, again.start):
        bare = text[ls:le].strip().strip("#*").strip()
        if len(bare) <= _MAX_TITLE_LINE and _TITLE_LINE.fullmatch(bare):
            # steps of an instruction, not articles with clauses of their own (1.1, 1.2)
            return s if _DOTTED_LINE.search(text, first.start, ls) else ls
    return s


def _closing_starts(tree: tuple, e: int, markers: list[Marker]) -> tuple[int, int, list[int]]:
    """Where the signature block and the annexes after the body begin (``e`` for none), and
    the line starts where a lawyer said an annex starts (``SplitHints.annexes``).

    The annexes are looked for after the first article (a numbering in them must not pass
    for the body's), the signature block after the last article's heading before them, else
    as a block of seal and detail lines closing the body. An annex the lawyer started after
    the first article's heading ends the body (or the signature block) there.
    """
    text, body_start, line_mode, scheme, toc, hints = tree

    def articles(end: int) -> list[_Node]:
        inside = [m for m in markers if m.start < end]
        return [
            a for p in _build_tree(text, body_start, end, inside, *tree[2:]) for a in p.children
        ]

    found = articles(e)
    annexes = e
    if line_mode and found:
        annexes = annexes_start(text, _line_end(text, found[0].start, e), e)
        if annexes < e and _body_goes_on(articles(annexes), markers, annexes, scheme):
            annexes = e
    after = found[0].start if found else body_start
    lines_at = (text.rfind("\n", 0, at) + 1 for at in hints.annexes)  # an annex starts a line
    forced = sorted({ls for ls in lines_at if after < ls < e})
    annexes = min([annexes, *forced])
    last = articles(annexes)[-1:] if annexes < e else found[-1:]
    signature = annexes
    if line_mode and last:
        signature = signature_opener(text, _line_end(text, last[0].start, annexes), annexes)
    if signature == annexes:
        signature = signature_tail(text, body_start, annexes)
    if line_mode and annexes == e and signature < e:  # 附件：清单 after the signatures
        annexes = sole_annex_start(text, _line_end(text, signature, e), e)
    return signature, annexes, forced


def _line_end(text: str, pos: int, e: int) -> int:
    nl = text.find("\n", pos, e)
    return e if nl < 0 else nl + 1


def _body_goes_on(body: list[_Node], markers: list[Marker], at: int, scheme: str | None) -> bool:
    """Whether the body's article numbering carries on after ``at`` (so what stands there is
    a heading in the body, not the annexes)."""
    if not body or body[-1].marker is None or body[-1].marker.value is None:
        return False
    nxt = body[-1].marker.value + 1
    return any(
        m.start >= at and m.kind == scheme and m.line_start and m.value == nxt for m in markers
    )


def _annex_starts(text: str, annexes: int, e: int) -> list[int]:
    """Each annex's first line: numbered headings, or the one unnumbered annex."""
    if annexes == e:
        return []
    return annex_starts(text, annexes, e) or [annexes]


def _to_annex(text: str, start: int, end: int, known: dict, hints: SplitHints) -> Annex:
    """One annex: its label and title, its text, and its own articles when it has numbered
    headings (一、适用范围 / 二、…, 1. …) or a lawyer placed them, numbered inside the annex.
    An annex a lawyer started where no annex heading stands is headed by its first line."""
    m = annex_heading(text, start, _line_end(text, start, end), sole=True)
    if m is not None:
        title_start, title_end = annex_title(text, m, end)
        label = Piece(m.group("label"), (start, title_start))
    else:
        title_start, title_end = own_annex_heading(text, start, end)
        label = Piece(text[start:title_start].strip(), (start, title_start))
    title = Piece(
        clean(text[title_start:title_end]).strip(TITLE_SEPARATORS), (title_start, title_end)
    )
    found = [mk for mk in find_markers(text, title_end, end) if mk.line_start]
    markers = hints.markers(found, title_end, end)
    scheme = _annex_scheme(markers)
    placed = any(title_end <= at < end for at in hints.levels)
    tree = (True, scheme, False, hints)
    root = _build_tree(text, title_end, end, markers, *tree) if scheme or placed else []
    text_end = root[0].start if root else end
    annex = Annex(
        label=label,
        title=title,
        text=Piece(text[title_end:text_end].strip(), (title_end, text_end)),
        span=(start, end),
    )
    annex.parts = [_to_part(text, n, {}, True) for n in root]
    _set_depths(annex.parts)
    return annex


_ANNEX_ARTICLE_KINDS = ("cn_article", "en_article", "en_section", "cn_dun", "arabic")


def _annex_scheme(markers: list[Marker]) -> str | None:
    """An annex's articles: the outermost numbering that heads two lines or more (一、 above
    1. in a standard's annex), the first such kind to appear."""
    for m in markers:
        heads = m.kind in _ANNEX_ARTICLE_KINDS and not m.path and m.value == 1
        if heads and sum(1 for o in markers if o.kind == m.kind and not o.path) >= 2:
            return m.kind
    return None


def _is_line_mode(text: str, markers: list[Marker]) -> bool:
    """Clean text starts its headings on new lines; scraped Chinese text glues them mid-line.

    Only markers glued to Chinese text count against line mode: an English sentence is full
    of numbers (3.5 million, Section 4.2) that never start a heading.
    """
    at_start = sum(1 for m in markers if m.line_start)
    glued = sum(
        1
        for m in markers
        if not m.line_start
        and m.kind in ("cn_part", "cn_chapter", "cn_article", "dotted")
        and _CJK_BEFORE.search(text, max(0, m.start - 1), m.start)
        and not looks_like_reference(text, m, 0)
    )
    return at_start >= 1 and at_start >= glued


def _find_toc(
    text: str, s: int, first_struct: int, markers: list[Marker]
) -> tuple[tuple[int, int], int] | None:
    """The table of contents and where the body starts (where its first entry repeats).

    Its marker (目录, TABLE OF CONTENTS) may be missing when its entries have dotted leaders
    and page numbers (``ARTICLE 1 DEFINITIONS ..... 3``). When such entries are followed by
    text before the body (recitals), the table ends after its last entry.
    """
    m = _TOC_MARKER.search(text, s, max(first_struct, s) + 1)
    if m:
        start, after = m.start(), m.end()
    else:
        line_end = text.find("\n", first_struct)
        leader = _TOC_ENTRY.search(text, s, line_end if line_end >= 0 else len(text))
        if not leader:
            return None
        start = after = leader.start()
    entries = [mk for mk in markers if mk.start >= after and mk.kind in PART_KINDS + ARTICLE_KINDS]
    if not entries:
        return None
    first = entries[0]
    for mk in entries[1:]:
        same = mk.kind == first.kind and mk.value == first.value
        if same or (mk.kind in PART_KINDS and first.kind not in PART_KINDS):
            last = None
            for last in _TOC_ENTRY.finditer(text, after, mk.start):  # noqa: B007
                pass
            if last and text[last.end() : mk.start].strip():
                return (start, last.end() + 1), mk.start
            return (start, mk.start), mk.start
    return None


def _toc_headings(text: str, toc: tuple[int, int], markers: list[Marker]) -> dict:
    """Headings the table of contents gives, by ("article", n) and ("clause", "1.1")."""
    toc_markers = [m for m in markers if toc[0] <= m.start < toc[1]]
    known: dict = {}
    for m, nxt in zip(toc_markers, [*toc_markers[1:], None], strict=True):
        end = nxt.start if nxt else toc[1]
        heading = clean(text[m.label_end : end])
        if not heading or len(heading) > 40:
            continue
        if m.kind in ARTICLE_KINDS:
            known[("article", m.value)] = heading
        elif m.kind == "dotted":
            known[("clause", m.number)] = heading
    return known


def _find_title(
    text: str, s: int, stop: int, line_mode: bool, markdown: bool = False
) -> tuple[int, int]:
    """The title's span; an empty span at ``s`` when the document has none we can see.
    In Markdown the level-1 heading (``# SaaS Order Form``) is the title whatever its words."""
    if line_mode or "\n" in text[s:stop].strip():
        for ls, le in _lines(text, s, stop)[:12]:
            line = text[ls:le]
            bare = line.strip().strip("#*").strip()
            # 合同编号：… is a field, not the title 合同
            m = _TITLE_LINE.match(bare) if bare and not _LABELLED.search(bare) else None
            if not m and markdown and bare and _H1.match(line) and not _LABELLED.search(bare):
                m = re.match(r".+", bare)
            if m and m.end() <= _MAX_TITLE_LINE and (m.end() == len(bare) or line_mode):
                ls, line = _last_repeat(text, ls, stop, line)
                begin = ls + line.index(bare[0])
                decorated = ls if not text[ls:begin].strip(" \t\u3000#*") else begin
                return decorated, begin + m.end()
        return s, s
    m = _CN_TITLE_TAIL.search(text, s, stop)
    if m:
        return m.start(), m.end()
    return s, s


def _last_repeat(text: str, ls: int, stop: int, line: str) -> tuple[int, str]:
    """The title line written again before the body (the cover page's title, then the first
    page's): the last time, so the cover page before it is the cover."""
    for s2, e2 in _lines(text, ls + len(line), stop):
        if text[s2:e2].strip() == line.strip():
            ls, line = s2, text[s2:e2]
    return ls, line


def _clean_title(raw: str) -> str:
    """2024年度电商客服外包服务协议1 -> without the page's sequence number."""
    return _SEQ_SUFFIX.sub("", clean(raw))


# -- body: accepting markers and building the tree ----------------------------------------


def _article_scheme(text: str, markers: list[Marker], line_mode: bool, s: int) -> str | None:
    """Which kind of marker numbers the articles of this document."""

    def count(kind: str, **kw) -> int:
        return sum(
            1
            for m in markers
            if m.kind == kind
            and (m.line_start or not line_mode)
            and all(getattr(m, k) == v for k, v in kw.items())
        )

    if any(
        m.kind == "cn_article"
        and (m.line_start or not (line_mode or looks_like_reference(text, m, s)))
        for m in markers
    ):
        return "cn_article"
    if count("en_article"):
        return "en_article"
    if count("en_section", path=()) >= 2:
        return "en_section"
    if sum(1 for m in markers if m.kind == "arabic" and m.line_start) >= 2:
        return "arabic"
    if sum(1 for m in markers if m.kind == "cn_dun" and m.line_start) >= 2:
        return "cn_dun"
    return None


class _TreeBuilder:
    """Walks the candidate markers in order and keeps the ones that make a sound outline."""

    def __init__(
        self,
        text: str,
        start: int,
        end: int,
        line_mode: bool,
        scheme: str | None,
        toc: bool,
        hints: SplitHints,
    ):
        self.text, self.start, self.end, self.hints = text, start, end, hints
        self.toc = toc  # after a table of contents the body starts at once; else at 第一条
        self.line_mode, self.scheme = line_mode, scheme
        self.parts: list[_Node] = []
        self.article: _Node | None = None
        self.stack: list[_Node] = []  # open clauses, outermost first
        self.last_end = start

    def _close_clauses(self, depth: int, at: int) -> None:
        while len(self.stack) > depth:
            self.stack.pop().end = at

    def _close_article(self, at: int) -> None:
        self._close_clauses(0, at)
        if self.article:
            self.article.end = at
            self.article = None

    def _part(self, at: int) -> _Node:
        if not self.parts:
            start = self.start if self.toc else at
            self.parts.append(_Node(None, start, start, "part"))
        return self.parts[-1]

    def feed(self, m: Marker) -> None:
        if m.start < self.last_end:
            return
        level = self.hints.level_at(m.start)
        accepted = (
            self._forced(m, level)
            if level is not None
            else self._part_marker(m)
            if m.kind in PART_KINDS
            else self._article_marker(m)
            if m.kind == self.scheme
            else self._clause_marker(m)
        )
        if accepted:
            self.last_end = m.label_end

    def _forced(self, m: Marker, level: int) -> bool:
        """A heading a lawyer placed: an article (0) or a clause that deep, no questions."""
        if level == 0 or self.article is None:
            self._close_article(m.start)
            self.article = _Node(m, m.start, m.label_end, "article")
            self._part(m.start).children.append(self.article)
            return True
        return self._push(m, min(level - 1, len(self.stack)))

    def _standing(self, m: Marker) -> bool:
        """Could this marker start a heading where it stands?"""
        if self.line_mode:
            return m.line_start and not looks_like_reference(self.text, m, self.start)
        return not looks_like_reference(self.text, m, self.start)

    def _part_marker(self, m: Marker) -> bool:
        if not self._standing(m):
            return False
        self._close_article(m.start)
        if not self.parts and self.toc and m.start > self.start:
            self._part(m.start)  # text between the contents and the first part is a body too
        if self.parts:
            self.parts[-1].end = m.start
        self.parts.append(_Node(m, m.start, m.label_end, "part"))
        return True

    def _article_marker(self, m: Marker) -> bool:
        if not self._standing(m):
            return False
        part = self._part(m.start)
        prev = part.children[-1].marker.value if part.children else None
        colon = self.text[m.start : m.label_end].rstrip().endswith((":", "："))
        if prev is not None and m.value <= prev:
            if m.value == 1:  # numbering restarts: a new part, even without a heading
                self._close_article(m.start)
                part.end = m.start
                part = _Node(None, m.start, m.start, "part")
                self.parts.append(part)
            elif not (self.line_mode or colon):
                return False
        elif prev is not None and m.value > prev + _MAX_JUMP and not (self.line_mode or colon):
            return False
        self._close_article(m.start)
        self.article = _Node(m, m.start, m.label_end, "article")
        part.children.append(self.article)
        return True

    def _parent_children(self) -> list[_Node]:
        return self.stack[-1].children if self.stack else self.article.children

    def _push(self, m: Marker, depth: int) -> bool:
        self._close_clauses(depth, m.start)
        node = _Node(m, m.start, m.label_end, "clause")
        self._parent_children().append(node)
        self.stack.append(node)
        return True

    def _clause_marker(self, m: Marker) -> bool:
        if self.article is None or (self.line_mode and not m.line_start):
            return False
        if m.kind in ("dotted", "en_section") and m.path:
            return self._dotted(m)
        if m.kind in ITEM_KINDS:
            return self._item(m)
        return False

    def _dotted(self, m: Marker) -> bool:
        if looks_like_number_in_sentence(self.text, m):
            return False
        article_no = self.article.marker.value
        if article_no is not None and m.path[0] != article_no:
            return False
        depth = 0
        for i in range(len(self.stack) - 1, -1, -1):
            node = self.stack[i].marker
            if node.path and node.path == m.path[:-1]:
                depth = i + 1
                break
        siblings = self.stack[depth - 1].children if depth else self.article.children
        dotted = [c.marker.path for c in siblings if c.marker.path]
        if dotted and not self.line_mode and dotted[-1] >= m.path:
            return False
        orphan = len(m.path) > 2 and depth == 0 and not self.line_mode and dotted
        if orphan and dotted[-1][: len(m.path) - 1] > m.path[:-1]:
            return False  # 8.3.1 with no 8.3 open must still follow its article's clauses
        return self._push(m, depth)

    def _item(self, m: Marker) -> bool:
        if not self.line_mode and not (
            _GLUE_BEFORE_ITEM.search(self.text, max(0, m.start - 3), m.start)
            or m.start == self._innermost_label_end()
        ):
            return False
        if m.kind == "arabic" and looks_like_number_in_sentence(self.text, m):
            return False
        for i in range(len(self.stack) - 1, -1, -1):
            node = self.stack[i].marker
            if node.path:
                break
            if node.kind == m.kind:
                gap_ok = self.line_mode and m.kind in ("arabic", "paren_num")  # 1. 2. 4. happens
                ok = m.value == node.value + 1 or (gap_ok and m.value > node.value)
                return ok and self._push(m, i)
        if m.value != 1:
            return False
        if (
            m.kind == "paren_alpha"
            and m.label.strip("()（）").lower() == "i"
            and self._open("paren_roman")
        ):
            return False
        return self._push(m, len(self.stack))

    def _open(self, kind: str) -> bool:
        return any(n.marker.kind == kind for n in self.stack)

    def _innermost_label_end(self) -> int:
        node = self.stack[-1] if self.stack else self.article
        return node.label_end

    def finish(self) -> list[_Node]:
        self._close_article(self.end)
        if self.parts:
            self.parts[-1].end = self.end
        return self.parts


def _build_tree(
    text: str,
    s: int,
    e: int,
    markers: list[Marker],
    line_mode: bool,
    scheme: str | None,
    toc: bool,
    hints: SplitHints,
) -> list[_Node]:
    builder = _TreeBuilder(text, s, e, line_mode, scheme, toc, hints)
    for m in markers:
        builder.feed(m)
    parts = builder.finish()
    return [p for p in parts if p.end > p.start or p.children]


# -- tree -> model ------------------------------------------------------------------------


def _pieces(
    text: str, node: _Node, known: str | None, line_mode: bool
) -> tuple[Piece, Piece, Piece]:
    content_end = node.children[0].start if node.children else node.end
    h = heading_end(text, node.label_end, content_end, known, line_mode)
    label = Piece(node.marker.label if node.marker else "", (node.start, node.label_end))
    heading = Piece(clean(text[node.label_end : h]), (node.label_end, h))
    body = Piece(text[h:content_end].strip(), (h, content_end))
    return label, heading, body


def _to_part(text: str, node: _Node, known: dict, line_mode: bool) -> Part:
    label, heading, body = _pieces(text, node, None, line_mode)
    title = " ".join(x for x in (label.value, heading.value) if x) or None
    part = Part(title=title, label=label, heading=heading, text=body, span=(node.start, node.end))
    part.articles = [_to_article(text, a, known, line_mode) for a in node.children]
    return part


def _to_article(text: str, node: _Node, known: dict, line_mode: bool) -> Article:
    m = node.marker
    label, heading, body = _pieces(text, node, known.get(("article", m.value)), line_mode)
    article = Article(
        number=m.value, label=label, heading=heading, text=body, span=(node.start, node.end)
    )
    article.placeholders = find_placeholders(text, heading.span[0], body.span[1])
    article.clauses = [_to_clause(text, c, known, line_mode) for c in node.children]
    return article


def _to_clause(text: str, node: _Node, known: dict, line_mode: bool) -> Clause:
    m = node.marker
    label, heading, body = _pieces(text, node, known.get(("clause", m.number)), line_mode)
    clause = Clause(
        number=m.number,
        label=label,
        heading=heading,
        text=body,
        span=(node.start, node.end),
        kind="dotted" if m.path else m.kind,
    )
    clause.placeholders = find_placeholders(text, heading.span[0], body.span[1])
    clause.clauses = [_to_clause(text, c, known, line_mode) for c in node.children]
    return clause


def _mark_fields(doc: Document, text: str, hints: SplitHints) -> None:
    """The spans a lawyer marked as blanks become the fields of the node that holds them."""
    articles = [
        *doc.iter_articles(),
        *(a for x in doc.annexes for p in x.parts for a in p.articles),
    ]
    nodes: list[Article | Clause] = [*articles, *(c for a in articles for c in a.iter_clauses())]
    for node in nodes:
        span = (node.heading.span[0], node.text.span[1])
        node.placeholders = hints.placeholders(node.placeholders, text, span)


# Part headings from the outermost in: 部分 / PART, 编, 分编, 章 / CHAPTER, 节.
_PART_RANKS = (
    re.compile(r".*部分$|(?i:part)\b"),
    re.compile(r".*(?<!分)[编編]$"),
    re.compile(r".*分[编編]$"),
    re.compile(r".*章$|(?i:chapter)\b"),
    re.compile(r".*[节節]$"),
)


def _part_rank(label: str) -> int | None:
    return next((i for i, p in enumerate(_PART_RANKS) if p.match(label)), None)


def _set_depths(parts: list[Part]) -> None:
    """How deep each part heading sits among the kinds this document uses: in a statute
    第三编 > 第一分编 > 第一章 > 第一节 are 0, 1, 2, 3; a law in 章 and 节 has 0 and 1.
    Parts without such a heading (the implicit part, annexes) stay at 0."""
    ranks = [_part_rank(p.label.value) for p in parts]
    used = sorted({r for r in ranks if r is not None})
    for part, rank in zip(parts, ranks, strict=True):
        part.depth = 0 if rank is None else used.index(rank)


def _report_gaps(parts: list[Part]) -> None:
    """Numbers that jump (第五条 then 第八条), as written: reported, not renumbered.

    A part whose first article is not 第一条 continues the numbering of the part before it
    (statutes number 条 across chapters); a part starting at 1 restarts it (the seed's parts).
    A document whose first article is further from 1 than any plausible gap is an excerpt
    (a statute's book 3 begins at 第四百六十三条): its first article sets where the numbering
    starts and nothing before it is reported; a contract that begins at 第二条 lost 第一条.
    """
    prev, first = None, True
    for part in parts:
        numbers = [a.number for a in part.articles if a.number is not None]
        if numbers and numbers[0] == 1:
            prev = None
        for n in numbers:
            expected = n if first and n > _MAX_JUMP else 1 if prev is None else prev + 1
            first = False
            if n > expected:
                part.gaps.append(Gap(prev, n, list(range(expected, n))))
            prev = n
