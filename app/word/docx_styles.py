"""How an exported contract looks: fonts, sizes, spacing, page, styles and list levels.

Everything is put on *styles* (not on each run), so a lawyer who changes 正文 in Word changes
the whole contract, and Word and WPS agree on the fonts: East Asian and Latin fonts are named
separately on docDefaults and on every style we use, and no style is left pointing at the
template's theme fonts (which would win over explicit names and map to a Japanese font).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from docx.enum.section import WD_ORIENT
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.shared import Cm, Pt

from app.model.number_forms import form_at, is_style
from app.word import ooxml

if TYPE_CHECKING:
    from docx.document import Document
    from docx.styles.style import ParagraphStyle

TWO_CHARS = 200  # Word's character units: "首行缩进 2 字符"


@dataclass(frozen=True)
class Typography:
    """Fonts and sizes (points) of one look; ``first_line_chars`` is the body's indent."""

    latin_font: str
    east_asian_font: str
    heading_latin_font: str
    heading_east_asian_font: str
    body_pt: float
    title_pt: float
    part_pt: float
    footer_pt: float
    line_spacing: float
    space_after_pt: float
    first_line_chars: int


# Chinese contract convention: 宋体 小四 body, 黑体 二号 title, 1.5 lines, 2-character indent.
CHINESE = Typography("Times New Roman", "宋体", "Times New Roman", "黑体",
                     body_pt=12, title_pt=22, part_pt=14, footer_pt=10.5,
                     line_spacing=1.5, space_after_pt=0, first_line_chars=TWO_CHARS)  # fmt: skip
# English: Times New Roman throughout, block paragraphs separated by space, no indent.
ENGLISH = Typography("Times New Roman", "宋体", "Times New Roman", "宋体",
                     body_pt=12, title_pt=16, part_pt=13, footer_pt=10,
                     line_spacing=1.15, space_after_pt=6, first_line_chars=0)  # fmt: skip


@dataclass(frozen=True)
class Styles:
    """The paragraph styles the writer uses (python-docx style objects)."""

    title: ParagraphStyle
    centred: ParagraphStyle  # the TOC's own title: centred, not in the navigation pane
    part: ParagraphStyle
    article: ParagraphStyle  # Word's own Heading 1: navigation pane and TOC
    clause: ParagraphStyle
    item: ParagraphStyle
    body: ParagraphStyle
    plain: ParagraphStyle  # parties and signature lines: no indent
    char_twips: int  # one body character, for indents in twips
    cover: ParagraphStyle  # a cover page's lines: centred, a size above the body
    annex_label: ParagraphStyle  # 附件1 on its own line
    annex_title: ParagraphStyle  # the annex's title under it: centred, in the navigation pane
    annex_article: ParagraphStyle  # an annex's own articles: one level under its title


def char_twips(typo: Typography) -> int:
    return round(typo.body_pt * 20)


def clause_indent(depth: int, typo: Typography) -> tuple[int, int]:
    """(left, first line) in character units for a node at ``depth`` (1 = article): clauses
    open with the body's first-line indent, items step in by two characters per level."""
    if depth == 1:
        return 0, 0
    return TWO_CHARS * (depth - 2), typo.first_line_chars


def setup_document(doc: Document, typo: Typography, latin_lang: str) -> Styles:
    """Page, languages and styles of a fresh python-docx document."""
    _page_setup(doc)
    ooxml.drop_template_leftovers(doc)
    styles_el = doc.styles.element
    ooxml.drop_theme_fonts(styles_el)
    ooxml.set_languages(styles_el, doc.settings.element, latin_lang)
    ooxml.keep_broken_lines_unstretched(doc.settings.element)
    defaults = ooxml.defaults_rpr(styles_el)
    ooxml.set_fonts(defaults, typo.latin_font, typo.east_asian_font)

    normal = doc.styles["Normal"]
    _fonts(normal, typo, heading=False, size=typo.body_pt)
    fmt = normal.paragraph_format
    fmt.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    fmt.line_spacing_rule = WD_LINE_SPACING.MULTIPLE
    fmt.line_spacing = typo.line_spacing
    fmt.space_before = Pt(0)
    fmt.space_after = Pt(typo.space_after_pt)

    twips = char_twips(typo)
    title = _style(doc, "Contract Title", typo, heading=True, size=typo.title_pt, bold=True)
    title.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    title.paragraph_format.space_after = Pt(typo.title_pt / 2)
    centred = _style(doc, "Contract Centred", typo, heading=True, size=typo.part_pt, bold=True)
    centred.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    centred.paragraph_format.space_before = Pt(typo.part_pt * 0.75)
    centred.paragraph_format.space_after = Pt(typo.part_pt / 2)
    centred.paragraph_format.keep_with_next = True
    part = _style(doc, "Contract Part", typo, heading=True, size=typo.part_pt, bold=True)
    part.base_style = centred
    ooxml.set_outline_level(part.element.get_or_add_pPr(), 0)

    article = doc.styles["Heading 1"]
    _fonts(article, typo, heading=True, size=typo.body_pt)
    ooxml.drop_color(article.element.get_or_add_rPr())
    article.font.bold = True
    article.font.italic = False
    afmt = article.paragraph_format
    afmt.space_before = Pt(typo.body_pt / 2)
    afmt.space_after = Pt(typo.space_after_pt)
    afmt.keep_with_next = True
    afmt.alignment = WD_ALIGN_PARAGRAPH.LEFT

    clause = _style(doc, "Contract Clause", typo, heading=False, size=typo.body_pt)
    ooxml.set_indent_chars(clause.element.get_or_add_pPr(), *clause_indent(2, typo), twips)
    item = _style(doc, "Contract Item", typo, heading=False, size=typo.body_pt)
    item.base_style = clause
    ooxml.set_indent_chars(item.element.get_or_add_pPr(), *clause_indent(3, typo), twips)
    body = _style(doc, "Contract Body", typo, heading=False, size=typo.body_pt)
    ooxml.set_indent_chars(body.element.get_or_add_pPr(), 0, typo.first_line_chars, twips)
    plain = _style(doc, "Contract Plain", typo, heading=False, size=typo.body_pt)
    plain.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.LEFT

    footer = doc.styles["Footer"]
    _fonts(footer, typo, heading=False, size=typo.footer_pt)
    footer.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    cover = _style(doc, "Contract Cover", typo, heading=False, size=typo.part_pt)
    cover.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    return Styles(title, centred, part, article, clause, item, body, plain, twips, cover,
                  *_annex_styles(doc, typo, part))  # fmt: skip


def _annex_styles(
    doc: Document, typo: Typography, part: ParagraphStyle
) -> tuple[ParagraphStyle, ParagraphStyle, ParagraphStyle]:
    """附件1 (bold, on its own line), the annex's title centred under it (a part heading:
    the navigation pane lists the annex), and its articles: bold like the body's, but one
    outline level under the annex's title instead of among the body's articles (Heading 1)."""
    label = _style(doc, "Annex Label", typo, heading=True, size=typo.body_pt, bold=True)
    label.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.LEFT
    label.paragraph_format.keep_with_next = True
    title = _style(doc, "Annex Title", typo, heading=True, size=typo.part_pt, bold=True)
    title.base_style = part
    title.paragraph_format.space_before = Pt(typo.body_pt / 2)
    article = _style(doc, "Annex Article", typo, heading=True, size=typo.body_pt, bold=True)
    fmt = article.paragraph_format
    fmt.alignment = WD_ALIGN_PARAGRAPH.LEFT
    fmt.space_before = Pt(typo.body_pt / 2)
    fmt.keep_with_next = True
    ooxml.set_outline_level(article.element.get_or_add_pPr(), 1)
    return label, title, article


def _style(doc: Document, name: str, typo: Typography, heading: bool, size: float,
           bold: bool = False) -> ParagraphStyle:  # fmt: skip
    style = doc.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
    style.base_style = doc.styles["Normal"]
    style.quick_style = True  # shown in Word's style gallery, for the lawyer to reuse
    _fonts(style, typo, heading, size)
    if bold:
        style.font.bold = True
    return style


def _fonts(style: ParagraphStyle, typo: Typography, heading: bool, size: float) -> None:
    rpr = style.element.get_or_add_rPr()
    if heading:
        ooxml.set_fonts(rpr, typo.heading_latin_font, typo.heading_east_asian_font)
    else:
        ooxml.set_fonts(rpr, typo.latin_font, typo.east_asian_font)
    style.font.size = Pt(size)


def _page_setup(doc: Document) -> None:
    """A4 with Word's Chinese default margins (2.54 cm top/bottom, 3.18 cm left/right)."""
    for section in doc.sections:
        section.orientation = WD_ORIENT.PORTRAIT
        section.page_width, section.page_height = Cm(21), Cm(29.7)
        section.top_margin = section.bottom_margin = Cm(2.54)
        section.left_margin = section.right_margin = Cm(3.18)
        section.header_distance, section.footer_distance = Cm(1.5), Cm(1.75)


# -- Word's automatic numbering -------------------------------------------------------------

MAX_LEVELS = 9  # Word's lists have nine levels; deeper nodes get typed numbers


def list_levels(numbering: str, styles: Styles, typo: Typography) -> list[ooxml.Level]:
    """The nine list levels that show the same labels as ``app.model.numbering.label``."""
    out = []
    for ilvl in range(MAX_LEVELS):
        num_fmt, text, legal = _level_format(numbering, ilvl)
        left, first = clause_indent(ilvl + 1, typo)
        style = {0: styles.article, 1: styles.clause, 2: styles.item}.get(ilvl)
        out.append(ooxml.Level(num_fmt, text, legal, style.style_id if style else None,
                               left, first))  # fmt: skip
    return out


# Word's level for each form of app.model.number_forms: (numFmt, lvlText with {k} for the
# level's own counter and {dotted} for %1.%2…, whether it shows the higher levels' numbers).
_FORM_LEVELS = {
    "第一条": ("chineseCounting", "第{k}条", False),
    "第一條": ("chineseCounting", "第{k}條", False),
    "Section 1.01": ("decimalZero", "Section {dotted}", True),
    "Section 1.1": ("decimal", "Section {dotted}", True),
    "ARTICLE I": ("upperRoman", "ARTICLE {k}", False),
    "Article 1": ("decimal", "Article {k}", False),
    "一、": ("chineseCounting", "{k}、", False),
    "1.1.": ("decimal", "{dotted}.", True),
    "1.1": ("decimal", "{dotted}", True),
    "1、": ("decimal", "{k}、", False),
    "1.": ("decimal", "{k}.", False),
    "（一）": ("chineseCounting", "（{k}）", False),
    "（1）": ("decimal", "（{k}）", False),
    "(1)": ("decimal", "({k})", False),
    "1)": ("decimal", "{k})", False),
    "(i)": ("lowerRoman", "({k})", False),
    "(a)": ("lowerLetter", "({k})", False),
    "①": ("decimalEnclosedCircle", "{k}", False),
}


def _level_format(numbering: str, ilvl: int) -> tuple[str, str, bool]:
    """(numFmt, lvlText, isLgl) of level ``ilvl`` in a draft numbering style: isLgl only
    where a higher level of a dotted number is not in digits (第%1条 > %1.%2 reads 1.1)."""
    if not is_style(numbering):
        raise ValueError(f"unknown numbering style {numbering!r}")
    dotted = ".".join(f"%{k}" for k in range(1, ilvl + 2))
    num_fmt, text, dotted_form = _FORM_LEVELS[form_at(numbering, ilvl + 1)]
    higher = (_FORM_LEVELS[form_at(numbering, k)][0] for k in range(1, ilvl + 1))
    legal = dotted_form and any(fmt != "decimal" for fmt in higher)
    return num_fmt, text.format(k=f"%{ilvl + 1}", dotted=dotted), legal
