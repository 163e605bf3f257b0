"""The raw WordprocessingML the export needs where python-docx has no API, all in one place.

python-docx models neither East Asian fonts (``w:rFonts/@w:eastAsia``), nor numbering
definitions, nor fields (PAGE, NUMPAGES, TOC), nor indents in character units
(``w:firstLineChars``), nor the settings Word reads on open (``w:updateFields``,
``w:themeFontLang``). Everything written here is plain ECMA-376; element order follows the
schema, because Word refuses a file whose children are out of order where LibreOffice would
not complain (``_insert`` keeps it).
"""

from __future__ import annotations

import re
import secrets
from dataclasses import dataclass
from typing import TYPE_CHECKING

from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.text.paragraph import Paragraph

from app.model.text import clean_text

if TYPE_CHECKING:
    from docx.blkcntnr import BlockItemContainer
    from docx.document import Document
    from docx.styles.style import ParagraphStyle
    from docx.table import _Row
    from lxml import etree

_STYLES_WITH_EFFECTS = "http://schemas.microsoft.com/office/2007/relationships/stylesWithEffects"
_THEME_FONTS = ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme")
# Children of w:settings that come after w:updateFields in the schema's sequence.
_AFTER_UPDATE_FIELDS = (
    "w:hdrShapeDefaults", "w:footnotePr", "w:endnotePr", "w:compat", "w:docVars", "w:rsids",
    "m:mathPr", "w:attachedSchema", "w:themeFontLang", "w:clrSchemeMapping",
    "w:doNotIncludeSubdocsInStats", "w:doNotAutoCompressPictures", "w:forceUpgrade",
    "w:captions", "w:readModeInkLockDown", "w:smartTagType", "w:schemaLibrary",
    "w:shapeDefaults", "w:doNotEmbedSmartTags", "w:decimalSymbol", "w:listSeparator",
)  # fmt: skip
# What pPr children may follow w:ind (so a new w:ind goes before them).
_AFTER_IND = (
    "w:contextualSpacing", "w:mirrorIndents", "w:suppressOverlap", "w:jc", "w:textDirection",
    "w:textAlignment", "w:textboxTightWrap", "w:outlineLvl", "w:divId", "w:cnfStyle",
    "w:rPr", "w:sectPr", "w:pPrChange",
)  # fmt: skip
_AFTER_OUTLINE_LVL = ("w:divId", "w:cnfStyle", "w:rPr", "w:sectPr", "w:pPrChange")
_AFTER_CANT_SPLIT = (
    "w:trHeight", "w:tblHeader", "w:tblCellSpacing", "w:jc", "w:hidden", "w:ins", "w:del",
    "w:trPrChange",
)  # fmt: skip
_AFTER_NUM_PR = (
    "w:suppressLineNumbers", "w:pBdr", "w:shd", "w:tabs", "w:suppressAutoHyphens", "w:kinsoku",
    "w:wordWrap", "w:overflowPunct", "w:topLinePunct", "w:autoSpaceDE", "w:autoSpaceDN",
    "w:bidi", "w:adjustRightInd", "w:snapToGrid", "w:spacing", "w:ind", *_AFTER_IND,
)  # fmt: skip

# XML 1.0 cannot hold C0 controls (but tab, newline) nor U+FFFE/U+FFFF; a pasted vertical tab
# or form feed is Word's own line/page break, so those become line breaks.
_LINE_BREAK = re.compile("\r\n|[\r\x0b\x0c\x85\u2028\u2029]")
_NOT_XML = re.compile("[\x00-\x08\x0e-\x1f\ufffe\uffff]")


def xml_text(text: str) -> str:
    """``text`` as a document can hold it: breaks as ``\\n``, other controls dropped."""
    return _NOT_XML.sub("", _LINE_BREAK.sub("\n", clean_text(text)))


# -- fonts and languages ------------------------------------------------------------------------


def set_fonts(rpr: etree._Element, latin: str, east_asian: str) -> None:
    """Name Latin and East Asian fonts explicitly on a ``w:rPr``; theme fonts would win."""
    fonts = rpr.get_or_add_rFonts()
    for name in _THEME_FONTS:
        fonts.attrib.pop(qn(name), None)
    for name, value in (("w:ascii", latin), ("w:hAnsi", latin), ("w:cs", latin),
                        ("w:eastAsia", east_asian)):  # fmt: skip
        fonts.set(qn(name), value)


def defaults_rpr(styles: etree._Element) -> etree._Element:
    """The document-wide run properties (``w:docDefaults/w:rPrDefault/w:rPr``)."""
    rpr = styles.find(f"{qn('w:docDefaults')}/{qn('w:rPrDefault')}/{qn('w:rPr')}")
    if rpr is None:
        raise ValueError("the template has no w:docDefaults run properties")
    return rpr


def drop_theme_fonts(styles: etree._Element) -> None:
    """Remove every theme font reference in styles.xml, so no style falls back to the theme
    (python-docx's template maps East Asian theme text to a Japanese font)."""
    for fonts in styles.iter(qn("w:rFonts")):
        for name in _THEME_FONTS:
            fonts.attrib.pop(qn(name), None)
        if not fonts.attrib:
            fonts.getparent().remove(fonts)


def set_languages(styles: etree._Element, settings: etree._Element, latin: str) -> None:
    """Tag East Asian text zh-CN everywhere (the template says ja-JP / en-US)."""
    rpr = defaults_rpr(styles)
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        rpr.append(lang)
    lang.set(qn("w:val"), latin)
    for lang in styles.iter(qn("w:lang")):
        lang.set(qn("w:eastAsia"), "zh-CN")
    theme_lang = settings.find(qn("w:themeFontLang"))
    if theme_lang is not None:
        theme_lang.set(qn("w:eastAsia"), "zh-CN")


def drop_color(rpr: etree._Element) -> None:
    """Remove a style's (theme) colour: contract headings are black."""
    for color in rpr.findall(qn("w:color")):
        rpr.remove(color)


# -- paragraph properties python-docx does not model ----------------------------------------


def new_paragraph(container: BlockItemContainer, style: ParagraphStyle) -> Paragraph:
    """A paragraph in ``style`` at the end of ``container`` (a table cell)."""
    paragraph = container.add_paragraph()
    set_style(paragraph, style)
    return paragraph


class BodyEnd:
    """Adds paragraphs at the end of the document body, before its section properties.

    python-docx's ``Document.add_paragraph`` looks for ``w:sectPr`` among all the body's
    children for every paragraph it adds, which makes a long contract quadratic; the
    position is found once here.
    """

    def __init__(self, document: Document) -> None:
        self._body = document._body
        self._sect_pr = document.element.body.find(qn("w:sectPr"))
        if self._sect_pr is None:
            raise ValueError("the template's body has no w:sectPr")

    def paragraph(self, style: ParagraphStyle) -> Paragraph:
        p = OxmlElement("w:p")
        self._sect_pr.addprevious(p)
        paragraph = Paragraph(p, self._body)
        set_style(paragraph, style)
        return paragraph

    @property
    def story(self) -> object:
        """The body, as the parent python-docx wants for a paragraph made elsewhere."""
        return self._body

    def block(self, element: etree._Element) -> None:
        """Add a block built elsewhere (a ``w:tbl``) at the end of the body."""
        self._sect_pr.addprevious(element)


def set_style(paragraph: Paragraph, style: ParagraphStyle) -> None:
    """python-docx's ``paragraph.style = ...`` first looks for the default paragraph style
    among all ~170 template styles, every time: 3 ms a paragraph, 9 s for a 1,000-article
    contract. Setting the style id directly does the same in microseconds."""
    paragraph._p.style = style.style_id


def _insert(parent: etree._Element, child: etree._Element, successors: tuple[str, ...]) -> None:
    """Insert ``child`` before the first child named in ``successors`` (schema order), in
    one pass over the children (python-docx's ``insert_element_before`` makes one per name)."""
    later = {qn(tag) for tag in successors}
    following = next((el for el in parent if el.tag in later), None)
    if following is None:
        parent.append(child)
    else:
        following.addprevious(child)


def set_indent_chars(ppr: etree._Element, left: int, first_line: int, char_twips: int) -> None:
    """Indent in Word's character units ("2 字符" = 200), which follow the font size; the
    absolute twips go along for readers that only know those."""
    ind = ppr.find(qn("w:ind"))
    if ind is None:
        ind = OxmlElement("w:ind")
        _insert(ppr, ind, _AFTER_IND)
    ind.attrib.clear()
    ind.set(qn("w:leftChars"), str(left))
    ind.set(qn("w:left"), str(left * char_twips // 100))
    ind.set(qn("w:firstLineChars"), str(first_line))
    ind.set(qn("w:firstLine"), str(first_line * char_twips // 100))


def set_outline_level(ppr: etree._Element, level: int) -> None:
    """Put a paragraph style in the navigation pane and TOC (\\u) at ``level`` (0 = top)."""
    outline = OxmlElement("w:outlineLvl")
    outline.set(qn("w:val"), str(level))
    _insert(ppr, outline, _AFTER_OUTLINE_LVL)


def set_num_pr(ppr: etree._Element, num_id: int, ilvl: int) -> None:
    """Number a paragraph (or a paragraph style) with list ``num_id`` at level ``ilvl``."""
    num_pr = OxmlElement("w:numPr")
    for tag, value in (("w:ilvl", ilvl), ("w:numId", num_id)):
        child = OxmlElement(tag)
        child.set(qn("w:val"), str(value))
        num_pr.append(child)
    _insert(ppr, num_pr, _AFTER_NUM_PR)


def keep_row_on_one_page(row: _Row) -> None:
    """A signature row split over two pages would separate a party from its seal line."""
    tr_pr = row._tr.get_or_add_trPr()
    _insert(tr_pr, OxmlElement("w:cantSplit"), _AFTER_CANT_SPLIT)


def number_paragraph(paragraph: Paragraph, num_id: int, ilvl: int) -> None:
    set_num_pr(paragraph._p.get_or_add_pPr(), num_id, ilvl)


# -- numbering ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Level:
    """One level of a list: ``text`` such as 第%1条 or %1.%2, in ``num_fmt``."""

    num_fmt: str
    text: str
    is_lgl: bool = False
    style_id: str | None = None
    left_chars: int = 0
    first_line_chars: int = 0


def add_abstract_num(numbering: etree._Element, levels: list[Level], char_twips: int) -> int:
    """Define a multilevel list; its id. A random ``w:nsid`` keeps Word from merging it with
    a list of another document when clauses are pasted between the two."""
    ids = [int(a.get(qn("w:abstractNumId"))) for a in numbering.findall(qn("w:abstractNum"))]
    abstract_id = max(ids, default=-1) + 1
    abstract = OxmlElement("w:abstractNum")
    abstract.set(qn("w:abstractNumId"), str(abstract_id))
    _child(abstract, "w:nsid", secrets.token_hex(4).upper())
    _child(abstract, "w:multiLevelType", "multilevel")
    for ilvl, level in enumerate(levels):
        lvl = OxmlElement("w:lvl")
        lvl.set(qn("w:ilvl"), str(ilvl))
        _child(lvl, "w:start", "1")
        _child(lvl, "w:numFmt", level.num_fmt)
        if level.style_id:
            _child(lvl, "w:pStyle", level.style_id)
        if level.is_lgl:
            lvl.append(OxmlElement("w:isLgl"))
        _child(lvl, "w:suff", "space")
        _child(lvl, "w:lvlText", level.text)
        _child(lvl, "w:lvlJc", "left")
        ppr = OxmlElement("w:pPr")
        lvl.append(ppr)
        set_indent_chars(ppr, level.left_chars, level.first_line_chars, char_twips)
        abstract.append(lvl)
    first_num = numbering.find(qn("w:num"))
    if first_num is None:
        numbering.append(abstract)
    else:
        first_num.addprevious(abstract)  # every w:abstractNum before any w:num
    return abstract_id


def add_num(numbering: etree._Element, abstract_id: int, restart: bool, start: int = 1) -> int:
    """An instance of the list; ``restart`` starts its top level at ``start`` again (a new
    part; an excerpt of a statute starts at 第四百六十三条)."""
    num_id = 1 + max((int(n.get(qn("w:numId"))) for n in numbering.findall(qn("w:num"))), default=0)
    num = OxmlElement("w:num")
    num.set(qn("w:numId"), str(num_id))
    _child(num, "w:abstractNumId", str(abstract_id))
    if restart:
        override = OxmlElement("w:lvlOverride")
        override.set(qn("w:ilvl"), "0")
        _child(override, "w:startOverride", str(start))
        num.append(override)
    numbering.append(num)
    return num_id


def _child(parent: etree._Element, tag: str, value: str) -> None:
    el = OxmlElement(tag)
    el.set(qn("w:val"), value)
    parent.append(el)


# -- fields and settings --------------------------------------------------------------------


def add_field(paragraph: Paragraph, instruction: str, shown: str) -> None:
    """A complex field (PAGE, NUMPAGES, TOC) showing ``shown`` until Word updates it."""
    for kind in ("begin", None, "separate"):
        run = paragraph.add_run()
        if kind is None:
            el = OxmlElement("w:instrText")
            el.set(qn("xml:space"), "preserve")
            el.text = f" {instruction} "
        else:
            el = OxmlElement("w:fldChar")
            el.set(qn("w:fldCharType"), kind)
        run._r.append(el)
    paragraph.add_run(shown)
    end = OxmlElement("w:fldChar")
    end.set(qn("w:fldCharType"), "end")
    paragraph.add_run()._r.append(end)


def ask_to_update_fields(settings: etree._Element) -> None:
    """Make Word offer to update fields on open, which fills the TOC."""
    update = OxmlElement("w:updateFields")
    update.set(qn("w:val"), "true")
    _insert(settings, update, _AFTER_UPDATE_FIELDS)


def keep_broken_lines_unstretched(settings: etree._Element) -> None:
    """A line ending in a line break (a ``\n`` of the draft's text) is not spread over the
    width of a justified paragraph (Word's "Don't expand character spaces on a line ending
    with SHIFT+RETURN"; LibreOffice reads it too)."""
    compat = settings.find(qn("w:compat"))
    if compat is None:
        raise ValueError("the template has no w:compat settings")
    # Every other option the template's w:compat holds comes later in the schema's sequence.
    compat.insert(0, OxmlElement("w:doNotExpandShiftReturn"))


# -- package parts --------------------------------------------------------------------------


def drop_template_leftovers(document: Document) -> None:
    """Drop the template's Word 2010 style copy (theme fonts again) and its thumbnail (a
    picture of an empty page that file browsers would show for the contract). Parts no
    relationship reaches are not saved."""
    for rels, reltype in ((document.part.rels, _STYLES_WITH_EFFECTS),
                          (document.part.package.rels, RT.THUMBNAIL)):  # fmt: skip
        for rel_id in [k for k, rel in rels.items() if rel.reltype == reltype]:
            del rels[rel_id]
