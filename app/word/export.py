"""A draft -> a Word contract a lawyer can send: A4, Chinese fonts, numbered articles, blanks.

Articles are Word's own ``Heading 1`` (navigation pane, TOC), clauses numbered as the draft
numbers them. Numbers are typed into the text by default ("literal"): identical in Word, WPS
and LibreOffice, and kept by copy-paste and text extraction. ``numbering="word"`` uses one
Word list linked to the article and clause styles instead, so a lawyer inserting an article
in Word gets the rest renumbered -- but LibreOffice 7.x ignores legal numbering and shows 1.1 as
一.1, and a part that restarts its articles needs a list instance of its own.

The source's cover page (imported) comes first on a page of its own, laid out as the source
laid it out -- the title on it when it held the title, and then not again on the next page;
its own signature block replaces the generated one (never both) and starts a page where its
signature-page note says so; each annex starts on a new page, its label on a line of its own
and its title centred under it, its articles (a style of their own, under the annex in the
navigation pane) numbered inside it.

Field values are written in; unfilled blanks stay as written (____ or 【名称】), highlighted;
tick boxes are written ☐ or ☑ in the text's own font, never highlighted.
Tables are Word tables (``app.word.tables``), after their node's text, before its clauses.
Bidi override, embedding and isolate controls are left out of every text written.
The file is written atomically: a failed export leaves any previous file untouched.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from docx import Document
from docx.enum.text import WD_BREAK, WD_COLOR_INDEX
from docx.shared import Pt

from app.model.draft import (
    Blank,
    Draft,
    Node,
    Party,
    Passage,
    Ref,
    Segment,
    Table,
    blank_shows,
    plain,
)
from app.model.files import DraftFileError, write_atomically
from app.model.importer import parties_named_in
from app.model.numbering import item_style, labels, number_paths
from app.model.printed import UNFILLED_PARTY as _EMPTY
from app.model.printed import WORDS as _WORDS
from app.model.printed import draft_language, label_style
from app.model.proposals import pending_message
from app.model.text import ref_text
from app.word import ooxml
from app.word.cover_page import CoverLine, space_before, split_at_title, title_page
from app.word.docx_styles import (
    CHINESE,
    ENGLISH,
    MAX_LEVELS,
    Styles,
    Typography,
    clause_indent,
    list_levels,
    setup_document,
)
from app.word.tables import spacing, text_lines, write_table
from clause_db.page_blocks import signature_page_note
from clause_db.unsafe_chars import strip_bidi_controls

if TYPE_CHECKING:
    from docx.document import Document as WordDocument
    from docx.styles.style import ParagraphStyle
    from docx.text.paragraph import Paragraph

NUMBERING_MODES = ("literal", "word")


@dataclass(frozen=True)
class ExportOptions:
    """How to export. ``language`` None decides from the draft; ``typography`` None takes
    the language's (宋体 小四 for Chinese, Times New Roman 12 pt for English)."""

    numbering: str = "literal"
    toc: bool = False
    highlight: bool = True
    language: str | None = None  # "zh" | "en"
    typography: Typography | None = None
    author: str = ""


def _doc_text(text: str) -> str:
    """Text as the document gets it: what XML can hold, and no bidi controls -- an invisible
    U+202E in a field value would show the rest of its clause backwards in Word and in a PDF
    made from it (the checks name the field; ``clause_db.unsafe_chars`` says which go)."""
    return strip_bidi_controls(ooxml.xml_text(text))


def _line_text(pieces: list[tuple[str, bool]]) -> str:
    return "".join(text for text, _ in pieces)


def unfilled_fields(draft: Draft) -> list[str]:
    """The names (or labels) of fields with blanks in the text and no value, in reading order."""
    seen: dict[int, str] = {}
    for body in draft.bodies():
        for seg in body:
            if isinstance(seg, Blank) and seg.field_id not in seen:
                field = draft.fields.get(seg.field_id)
                if field is not None and field.unfilled():
                    seen[seg.field_id] = field.name or field.label
    return list(seen.values())


def export_draft(draft: Draft, path: Path, options: ExportOptions | None = None) -> list[str]:
    """Write the draft as a Word document at ``path`` (atomically); the unfilled fields.

    DraftFileError (one sentence) when the file cannot be written: a read-only folder, a
    file open in Word on Windows, a full disk, or the other side's changes still pending
    (their proposals are decided before the draft goes out clean).
    """
    pending = pending_message(draft)
    if pending is not None:
        raise DraftFileError(pending)
    data = render_docx(draft, options)
    write_atomically(Path(path), data)
    return unfilled_fields(draft)


def render_docx(draft: Draft, options: ExportOptions | None = None) -> bytes:
    """The .docx bytes of the draft."""
    out = io.BytesIO()
    word_document(draft, options).save(out)
    return out.getvalue()


def word_document(
    draft: Draft, options: ExportOptions | None = None, writer: type[_Writer] | None = None
) -> WordDocument:
    """The draft as a python-docx document, written by ``writer`` (the redline's subclass
    notes which paragraphs each article and clause wrote)."""
    options = options or ExportOptions()
    if options.numbering not in NUMBERING_MODES:
        raise ValueError(f"numbering must be one of {NUMBERING_MODES}, not {options.numbering!r}")
    language = options.language or draft_language(draft)
    typo = options.typography or (ENGLISH if language == "en" else CHINESE)
    doc = Document()
    styles = setup_document(doc, typo, "en-US")
    (writer or _Writer)(doc, draft, options, language, styles, typo).write()
    _core_properties(doc, draft.title, options.author, language)
    return doc


class _WordList:
    """Word's automatic numbering: one list definition linked to the article and clause
    styles, and one instance per part that restarts its articles at 第一条."""

    def __init__(self, doc: WordDocument, numbering: str, styles: Styles, typo: Typography) -> None:
        self._numbering = doc.part.numbering_part.element
        levels = list_levels(numbering, styles, typo)
        self._abstract = ooxml.add_abstract_num(self._numbering, levels, styles.char_twips)
        self.num_id = ooxml.add_num(self._numbering, self._abstract, restart=False)
        for ilvl, style in enumerate((styles.article, styles.clause, styles.item)):
            ooxml.set_num_pr(style.element.get_or_add_pPr(), self.num_id, ilvl)
        self._used = False

    def start_part(self, restart: bool, start: int) -> None:
        if restart and (self._used or start != 1):
            self.num_id = ooxml.add_num(self._numbering, self._abstract, restart=True, start=start)

    def number(self, paragraph: Paragraph, depth: int) -> None:
        """Number the paragraph at ``depth`` (1 = article) in the current part's list."""
        self._used = True
        ooxml.number_paragraph(paragraph, self.num_id, depth - 1)


class _Writer:
    def __init__(self, doc: WordDocument, draft: Draft, options: ExportOptions, language: str,
                 styles: Styles, typo: Typography) -> None:  # fmt: skip
        self.doc = doc
        self.draft = draft
        self.options = options
        self.words = _WORDS[language]
        self.styles = styles
        self.typo = typo
        self.end = ooxml.BodyEnd(doc)
        self.paths = number_paths(draft)
        self.numbering = label_style(draft, language)
        self.labels = labels(draft, self.numbering, self.paths)
        word = options.numbering == "word"
        self.list = _WordList(doc, self.numbering, styles, typo) if word else None
        self.break_before_next = False
        self.in_annex = False  # an annex's articles are set in the annex article style

    def write(self) -> None:
        draft, styles = self.draft, self.styles
        on_cover = draft.cover is not None and self._cover(draft.cover)
        if draft.title.strip() and not on_cover:
            self._paragraph(styles.title).add_run(_doc_text(draft.title))
        if self.options.toc:
            self._toc()
        self._parties()
        self._body_text(draft.preamble)
        self._tables(draft.preamble_tables, (0, self.typo.first_line_chars))
        for part in draft.parts:
            if self.list:
                first = part is draft.parts[0]
                self.list.start_part(part.restart_numbering or first, part.start)
            if part.title.strip():
                self._paragraph(styles.part).add_run(_doc_text(part.title))
            self._body_text(part.body)
            for article in part.articles:
                self._node(article, 1)
        if draft.signature is not None:  # the source's own block instead of ours, never both
            self._signature_page(draft.signature)
        else:
            self._signatures()
        for annex in draft.annexes:
            self._annex(annex, self.labels[annex.id])
        self._footer()

    def _cover(self, cover: Passage) -> bool:
        """The source's cover page on a page of its own; whether the title is on it.

        A cover page that holds the title (``title_at``) is written as the source laid it
        out: the lines above the title as they stood (编号 top left), the title, the title
        page's lines centred below it, spread down the page (``app.word.cover_page``). Any
        other cover keeps its order, centred when its lines are a title page's (short), flush
        left when they are a page of text; a line of it that is the title is the title.
        """
        lines = self._cover_lines(cover)
        holds_title = any(line.place == "title" for line, _ in lines)
        spaces = space_before([line for line, _ in lines], self.typo) if holds_title else []
        if cover.title_at is not None:  # the source's own lines above its title stay left
            centred = {"below"}
        else:  # a title page centred, a page of text (instructions) flush left
            centred = {"above", "below"} if title_page([x for x, _ in lines], self.typo) else set()
        for i, (line, pieces) in enumerate(lines):
            if line.place == "title":
                style = self.styles.title
            else:
                style = self.styles.cover if line.place in centred else self.styles.plain
            p = self._paragraph(style)
            if spaces and spaces[i]:
                p.paragraph_format.space_before = Pt(round(spaces[i]))
            self._runs(p, pieces)
        self._tables(cover.tables, (0, 0))
        self.break_before_next = True
        return holds_title

    def _cover_lines(self, cover: Passage) -> list[tuple[CoverLine, list[tuple[str, bool]]]]:
        """The cover's lines with the title where it stands on the page, each with its pieces."""
        title = _doc_text(self.draft.title).strip()
        if cover.title_at is not None and title:
            above, below = split_at_title(cover.body, cover.title_at)
            return [
                *((CoverLine(_line_text(x), "above"), x) for x in self._lines(above)),
                (CoverLine(title, "title"), [(title, False)]),
                *((CoverLine(_line_text(x), "below"), x) for x in self._lines(below)),
            ]
        lines: list[tuple[CoverLine, list[tuple[str, bool]]]] = []
        place = "above"
        for pieces in self._lines(cover.body):
            text = _line_text(pieces)
            if place == "above" and title and text.split() == title.split():
                lines.append((CoverLine(text, "title"), pieces))  # written there, not again
                place = "below"
            else:
                lines.append((CoverLine(text, place), pieces))
        return lines

    def _lines(self, body: list[Segment]) -> list[list[tuple[str, bool]]]:
        """The lines of a text that hold any, as pieces (values and references rendered)."""
        return [x for x in text_lines(self._pieces(body)) if any(t.strip() for t, _ in x)]

    def _signature_page(self, signature: Passage) -> None:
        """The source's own signature block. A signature-page note starts the signature page
        where it says (（下接签署页） after itself, 以下为本合同签署页 with itself): the reader
        keeps no page breaks, the note is the evidence of one. Notes and sentences are set
        as the body's paragraphs, the seal and date lines flush left."""
        page_noted = False
        for pieces in self._lines(signature.body):
            text = _line_text(pieces)
            note = None if page_noted else signature_page_note(text)
            page_noted = page_noted or note is not None
            if note == "page":
                self.break_before_next = True
            sentence = note is not None or "。" in text or len(text.split()) > 8
            self._runs(self._paragraph(self.styles.body if sentence else self.styles.plain), pieces)
            if note == "follows":
                self.break_before_next = True
        self._tables(signature.tables, (0, 0))

    def _annex(self, annex: Passage, label_text: str) -> None:
        """An annex on a page of its own: its label on a line of its own, its title centred
        under it, its text and tables, then its articles numbered inside it in its own style
        (the annex article style: not the body's articles in the navigation pane)."""
        self.break_before_next = True
        if label_text.strip():
            self._paragraph(self.styles.annex_label).add_run(_doc_text(label_text))
        if annex.title.strip():
            self._paragraph(self.styles.annex_title).add_run(_doc_text(annex.title.strip()))
        self._passage(annex, self.styles.body)
        self.in_annex = True
        for part in annex.parts:
            if part.title.strip():
                self._paragraph(self.styles.part).add_run(_doc_text(part.title))
            self._body_text(part.body)
            for article in part.articles:
                self._node(article, 1, literal=True)
        self.in_annex = False

    def _passage(self, passage: Passage, style: ParagraphStyle) -> None:
        """The text of an annex, line by line, then its tables."""
        self._body_text(passage.body, style)
        first_line = self.typo.first_line_chars if style is self.styles.body else 0
        self._tables(passage.tables, (0, first_line))

    # -- blocks -----------------------------------------------------------------------------

    def _paragraph(self, style: ParagraphStyle) -> Paragraph:
        p = self.end.paragraph(style)
        if self.break_before_next:  # the first paragraph after a cover page, of an annex
            p.paragraph_format.page_break_before = True
            self.break_before_next = False
        return p

    def _toc(self) -> None:
        self._paragraph(self.styles.centred).add_run(self.words.toc_title)
        field = self._paragraph(self.styles.plain)
        ooxml.add_field(field, 'TOC \\o "1-1" \\h \\z \\u', self.words.toc_hint)
        field.add_run().add_break(WD_BREAK.PAGE)
        ooxml.ask_to_update_fields(self.doc.settings.element)

    def _parties(self) -> None:
        """甲方：… 地址：… for each party, unless the preamble names them itself."""
        if parties_named_in(plain(self.draft.preamble)):
            return
        for party in self.draft.parties:
            role = _doc_text(party.role)
            p = self._paragraph(self.styles.plain)
            p.add_run(self.words.party.format(role=role))
            self._value(p, party.name)
            p = self._paragraph(self.styles.plain)
            p.add_run(self.words.address)
            self._value(p, party.address)
        if self.draft.parties:
            self._paragraph(self.styles.plain)  # a blank line before the text

    def _value(self, p: Paragraph, value: str) -> None:
        if value.strip():
            p.add_run(_doc_text(value))
        else:
            self._blank(p, _EMPTY)

    def _body_text(self, body: list[Segment], style: ParagraphStyle | None = None) -> None:
        """Text outside the numbered nodes: one paragraph per line, with the body's indent
        (or in ``style``)."""
        for line in text_lines(self._pieces(body)):
            if any(text.strip() for text, _ in line):
                self._runs(self._paragraph(style or self.styles.body), line)

    def _tables(self, tables: list[Table], indent: tuple[int, int]) -> None:
        """Each table as a Word table, a gap, then the text after it as paragraphs. The text
        it follows is ``indent`` (left, first line; in characters/100) in: a table drawn with
        lines stands at its left edge, one without (lines of text laid out in cells) where
        its paragraphs start, so its text lines up with theirs."""
        for table in tables:
            if self.break_before_next:  # a page that starts with a table: an empty line first
                self._paragraph(self.styles.plain)
            chars = indent[0] + (0 if table.borders else indent[1])
            at = chars * self.styles.char_twips // 100
            write_table(self.end, table, self.styles.plain, self._pieces, self._runs, at)
            self._gap()
            self._body_text(table.after)

    def _gap(self) -> None:
        """An empty paragraph after a table: the text after it does not touch its last line
        (half a line, and the body's space between paragraphs), and two tables in a row stay
        two tables (Word joins tables with nothing between them)."""
        gap = self._paragraph(self.styles.plain)
        half_line = round(self.typo.body_pt * 10)
        gap._p.get_or_add_pPr().append(
            spacing(round(self.typo.space_after_pt * 20), half_line, "exact")
        )

    def _node(self, node: Node, depth: int, literal: bool = False) -> None:
        """An article or clause. ``literal``: typed numbers where the one Word list of the
        document cannot show them: an annex's articles (numbered inside it, in its style) and
        the clauses of an article whose clauses have a style of their own."""
        number = self.labels[node.id]
        heading = _doc_text(node.heading).strip()
        numbered_by_word = self.list is not None and depth <= MAX_LEVELS and not literal
        if depth == 1:
            p = self._paragraph(self.styles.annex_article if self.in_annex else self.styles.article)
            text = heading if numbered_by_word else f"{number} {heading}".strip()
            if text:
                p.add_run(text)
            if numbered_by_word:
                self.list.number(p, depth)
            elif self.list is not None:  # numId 0: no number of Word's on top of ours
                ooxml.number_paragraph(p, 0, 0)
            self._body_text(node.body)
        else:
            p = self._paragraph(self.styles.clause if depth == 2 else self.styles.item)
            if numbered_by_word:
                self.list.number(p, depth)
            else:
                if self.list is not None:  # the style's list numbering off: typed instead
                    ooxml.number_paragraph(p, 0, 0)
                p.add_run(f"{number} ")
                if depth > 3:  # the item style is depth 3's: (i) under (b) steps in further
                    indent = clause_indent(depth, self.typo)
                    ooxml.set_indent_chars(p._p.get_or_add_pPr(), *indent, self.styles.char_twips)
            pieces = self._pieces(node.body)
            if heading:
                has_text = any(text.strip() for text, _ in pieces)
                p.add_run(heading + (self.words.heading_sep if has_text else "")).bold = True
            self._runs(p, pieces)
        self._tables(node.tables, clause_indent(max(depth, 2), self.typo))
        if depth == 1 and not literal:
            literal = item_style(self.draft, node, self.numbering) != self.numbering
        for child in node.children:
            self._node(child, depth + 1, literal)

    def _pieces(self, body: list[Segment]) -> list[tuple[str, bool]]:
        """(text, is an unfilled blank) pieces of a text, values and references rendered."""
        out: list[tuple[str, bool]] = []
        for seg in body:
            if isinstance(seg, str):
                out.append((_doc_text(seg), False))
            elif isinstance(seg, Blank):
                field = self.draft.fields.get(seg.field_id)
                gap = field is not None and field.unfilled()  # highlighted; a box never is
                out.append((_doc_text(blank_shows(self.draft, seg)), gap))
            elif isinstance(seg, Ref):
                out.append((_doc_text(ref_text(seg, self.paths)), False))
            else:  # a proposal (a redline of a draft still holding some): as if accepted
                out.append((_doc_text(plain([seg])), False))
        return out

    def _runs(self, p: Paragraph, pieces: list[tuple[str, bool]]) -> None:
        """Adjacent plain pieces share one run: fewer runs, a faster export and reader."""
        pending = ""
        for text, is_blank in pieces:
            if is_blank:
                if pending:
                    p.add_run(pending)
                    pending = ""
                self._blank(p, text)
            else:
                pending += text
        if pending:
            p.add_run(pending)

    def _blank(self, p: Paragraph, text: str) -> None:
        run = p.add_run(text)
        if self.options.highlight:
            run.font.highlight_color = WD_COLOR_INDEX.YELLOW

    def _signatures(self) -> None:
        """One borderless column per party (three to a row): seal, representative, date."""
        parties = self.draft.parties or [Party(role) for role in self.words.default_roles]
        self._paragraph(self.styles.plain)
        per_row = min(3, len(parties))
        for start in range(0, len(parties), per_row):
            row = parties[start : start + per_row]
            table = self.doc.add_table(rows=1, cols=per_row)
            ooxml.keep_row_on_one_page(table.rows[0])
            for cell, party in zip(table.rows[0].cells, row, strict=False):
                seal = cell.paragraphs[0]  # a new cell holds one empty paragraph
                ooxml.set_style(seal, self.styles.plain)
                seal.add_run(self.words.seal.format(role=_doc_text(party.role)))
                if party.name.strip():
                    seal.add_run(_doc_text(party.name))
                for text in ("", self.words.representative, "", self.words.date):
                    line = ooxml.new_paragraph(cell, self.styles.plain)
                    if text:
                        line.add_run(text)

    def _footer(self) -> None:
        before, between, after = self.words.page
        for section in self.doc.sections:
            p = section.footer.paragraphs[0]
            p.add_run(before)
            ooxml.add_field(p, "PAGE", "1")
            p.add_run(between)
            ooxml.add_field(p, "NUMPAGES", "1")
            if after:
                p.add_run(after)


def _core_properties(doc: WordDocument, title: str, author: str, language: str) -> None:
    """Title from the draft, the author only if given, now as the date -- and nothing of the
    template's (python-docx's name, its 2013 date, its description)."""
    props = doc.core_properties
    now = datetime.now(UTC).replace(tzinfo=None, microsecond=0)
    props.title = _doc_text(title)[:255]
    props.author = _doc_text(author)[:255]
    for name in ("comments", "keywords", "subject", "category", "last_modified_by",
                 "content_status", "identifier", "version"):  # fmt: skip
        setattr(props, name, "")
    props.created = props.modified = now
    props.revision = 1
    props.language = "en-US" if language == "en" else "zh-CN"
