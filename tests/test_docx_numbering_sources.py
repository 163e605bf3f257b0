"""Word numbers that live outside ``document.xml``: in paragraph styles, behind numbering-style
links, in start and restart overrides; and the one empty paragraph Word does not number.

Each test writes a small .docx from XML strings (all written here, no third-party text) and reads
it back through the real package reader, so styles.xml and numbering.xml are found the way a file
from Word is read. The expected numbers follow ECMA-376 Part 1, 17.9 (numbering) and 17.7
(styles), with Word's documented deviations (MS-OI29500: a level restarts after any higher level).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from app.word import read_docx_outline, read_docx_text
from tests.test_docx_import import W_NS, articles, lvl, tree, write_zip

if TYPE_CHECKING:
    from pathlib import Path

_CT = "application/vnd.openxmlformats-officedocument.wordprocessingml"
CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" '
    'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    f'<Override PartName="/word/document.xml" ContentType="{_CT}.document.main+xml"/>'
    f'<Override PartName="/word/styles.xml" ContentType="{_CT}.styles+xml"/>'
    f'<Override PartName="/word/numbering.xml" ContentType="{_CT}.numbering+xml"/></Types>'
)
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
ROOT_RELS = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    f'<Relationship Id="rId1" Target="word/document.xml" Type="{_REL}/officeDocument"/>'
    "</Relationships>"
)
DOCUMENT_RELS = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    f'<Relationship Id="rId1" Target="styles.xml" Type="{_REL}/styles"/>'
    f'<Relationship Id="rId2" Target="numbering.xml" Type="{_REL}/numbering"/>'
    "</Relationships>"
)


def write_numbered_docx(path: Path, body: str, styles: str, numbering: str) -> Path:
    """A package with its own styles.xml and numbering.xml, related as Word relates them."""
    return write_zip(
        path,
        {
            "[Content_Types].xml": CONTENT_TYPES,
            "_rels/.rels": ROOT_RELS,
            "word/_rels/document.xml.rels": DOCUMENT_RELS,
            "word/document.xml": (
                f'<?xml version="1.0"?><w:document xmlns:w="{W_NS}"><w:body>{body}'
                "</w:body></w:document>"
            ),
            "word/styles.xml": (
                f'<?xml version="1.0"?><w:styles xmlns:w="{W_NS}">{styles}</w:styles>'
            ),
            "word/numbering.xml": (
                f'<?xml version="1.0"?><w:numbering xmlns:w="{W_NS}">{numbering}</w:numbering>'
            ),
        },
    )


def p(text: str, style: str | None = None, num: tuple[str | None, int | None] | None = None) -> str:
    """A paragraph: its style, its own ``w:numPr`` (numId, ilvl; either may be left out)."""
    ppr = f'<w:pStyle w:val="{style}"/>' if style else ""
    if num is not None:
        num_id, ilvl = num
        ilvl_xml = "" if ilvl is None else f'<w:ilvl w:val="{ilvl}"/>'
        num_xml = "" if num_id is None else f'<w:numId w:val="{num_id}"/>'
        ppr += f"<w:numPr>{ilvl_xml}{num_xml}</w:numPr>"
    return f"<w:p><w:pPr>{ppr}</w:pPr><w:r><w:t>{text}</w:t></w:r></w:p>"


def style(style_id: str, based_on: str | None = None, num_pr: str = "", kind: str = "paragraph"):
    based = f'<w:basedOn w:val="{based_on}"/>' if based_on else ""
    ppr = f"<w:pPr><w:numPr>{num_pr}</w:numPr></w:pPr>" if num_pr else ""
    return f'<w:style w:type="{kind}" w:styleId="{style_id}">{based}{ppr}</w:style>'


NORMAL = '<w:style w:type="paragraph" w:default="1" w:styleId="Normal"/>'


def lines(path: Path) -> list[str]:
    return read_docx_text(path).text.splitlines()


# -- (1) numbers that come only from paragraph styles -----------------------------------------

HEADING_LIST = (
    '<w:abstractNum w:abstractNumId="0">'
    + lvl(0, "decimal", "%1.", '<w:pStyle w:val="Heading1"/>')
    + lvl(1, "decimal", "%1.%2", '<w:pStyle w:val="Heading2"/>')
    + lvl(2, "lowerLetter", "(%3)", '<w:pStyle w:val="Heading3"/>')
    + lvl(3, "lowerRoman", "(%4)", '<w:pStyle w:val="Heading4"/>')
    + '</w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>'
)
HEADING_STYLES = (
    NORMAL
    # Word's own way: Heading 1 names the list only; its level comes from lvl/pStyle.
    + style("Heading1", "Normal", '<w:numId w:val="1"/>')
    # A level without a list: the list is inherited from the style it is based on.
    + style("Heading2", "Heading1", '<w:ilvl w:val="1"/>')
    + style("Heading3", "Normal", '<w:numId w:val="1"/>')
    + style("Heading4", "Normal", '<w:ilvl w:val="3"/><w:numId w:val="1"/>')
    # House styles derived from the headings: numbered at their base style's level.
    + style("ClauseHeading", "Heading2")
    + style("ItemHeading", "Heading3")
    # A derived style that switches numbering off.
    + style("UnnumberedHeading", "Heading1", '<w:numId w:val="0"/>')
)


def test_heading_styles_number_paragraphs_that_carry_no_numbering(tmp_path):
    body = "".join(
        (
            p("Services Agreement"),
            p("Definitions", "Heading1"),
            p("Terms", "Heading2"),
            p("Interpretation", "ClauseHeading"),
            p("Headings", "Heading3"),
            p("Plurals", "ItemHeading"),
            p("Gender", "Heading4"),
            p("Background", "UnnumberedHeading"),
            p("Payment", "Heading1"),
            p("Fees", "ClauseHeading"),
            p("General", "Heading1"),
        )
    )
    path = write_numbered_docx(tmp_path / "headings.docx", body, HEADING_STYLES, HEADING_LIST)
    assert lines(path) == [
        "Services Agreement",
        "1. Definitions",
        "1.1 Terms",
        "1.2 Interpretation",
        "(a) Headings",
        "(b) Plurals",
        "(i) Gender",
        "Background",
        "2. Payment",
        "2.1 Fees",
        "3. General",
    ]
    outline, _ = read_docx_outline(path)
    assert [a.number for a in articles(outline)] == [1, 2, 3]
    assert [c.label.value for c in articles(outline)[0].clauses] == ["1.1", "1.2"]


# -- (2) numStyleLink chains ------------------------------------------------------------------

LINKED_LISTS = (
    # The list's definition, owned by the numbering style LegalList ...
    '<w:abstractNum w:abstractNumId="10"><w:styleLink w:val="LegalList"/>'
    + lvl(0, "decimal", "%1.")
    + lvl(1, "decimal", "%1.%2")
    + "</w:abstractNum>"
    # ... used through a link to it, and through a link to a style that links again.
    '<w:abstractNum w:abstractNumId="11"><w:numStyleLink w:val="LegalList"/></w:abstractNum>'
    '<w:abstractNum w:abstractNumId="12"><w:numStyleLink w:val="LegalAlias"/></w:abstractNum>'
    # Links that go nowhere: to a missing style, and round in a circle.
    '<w:abstractNum w:abstractNumId="13"><w:numStyleLink w:val="Missing"/></w:abstractNum>'
    '<w:abstractNum w:abstractNumId="14"><w:numStyleLink w:val="Loop"/></w:abstractNum>'
    '<w:num w:numId="10"><w:abstractNumId w:val="10"/></w:num>'
    '<w:num w:numId="11"><w:abstractNumId w:val="11"/></w:num>'
    '<w:num w:numId="12"><w:abstractNumId w:val="12"/></w:num>'
    '<w:num w:numId="13"><w:abstractNumId w:val="13"/></w:num>'
    '<w:num w:numId="14"><w:abstractNumId w:val="14"/></w:num>'
)
LINK_STYLES = (
    NORMAL
    + style("LegalList", num_pr='<w:numId w:val="10"/>', kind="numbering")
    + style("LegalAlias", num_pr='<w:numId w:val="11"/>', kind="numbering")
    + style("Loop", num_pr='<w:numId w:val="14"/>', kind="numbering")
)


def test_lists_linked_through_numbering_styles_share_one_count(tmp_path):
    body = "".join(
        (
            p("Scope", num=("11", 0)),
            p("Services", num=("11", 1)),
            p("Fees", num=("12", 0)),  # two links away: the same list, so it continues
            p("Invoices", num=("10", 1)),  # the definition itself: continues as well
            p("Late payment", num=("12", 1)),
            p("Dangling link", num=("13", 0)),
            p("Circular link", num=("14", 0)),
            p("Term", num=("11", 0)),
        )
    )
    path = write_numbered_docx(tmp_path / "linked.docx", body, LINK_STYLES, LINKED_LISTS)
    assert lines(path) == [
        "1. Scope",
        "1.1 Services",
        "2. Fees",
        "2.1 Invoices",
        "2.2 Late payment",
        "Dangling link",
        "Circular link",
        "3. Term",
    ]


# -- (3) start values, start overrides and restarts -------------------------------------------

AMENDMENT_LIST = (
    '<w:abstractNum w:abstractNumId="0">'
    + lvl(0, "decimal", "Article %1", start=5)
    + lvl(1, "decimal", "%1.%2")
    + lvl(2, "lowerLetter", "(%3)", start=3)
    + "</w:abstractNum>"
    '<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>'
    # Word's "Restart at 1": a new instance whose top level starts over.
    '<w:num w:numId="2"><w:abstractNumId w:val="0"/>'
    '<w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride></w:num>'
    # "Set numbering value" on clauses: they begin at 4, and begin there again when restarted.
    '<w:num w:numId="3"><w:abstractNumId w:val="0"/>'
    '<w:lvlOverride w:ilvl="1"><w:startOverride w:val="4"/></w:lvlOverride></w:num>'
)


def test_start_values_overrides_and_restarts_after_a_higher_level(tmp_path):
    body = "".join(
        (
            p("Amendments", num=("1", 0)),
            p("Price", num=("1", 1)),
            p("Delivery", num=("1", 1)),
            p("by road", num=("1", 2)),
            p("by rail", num=("1", 2)),
            p("Payment", num=("1", 1)),
            p("in cash", num=("1", 2)),  # restarted by 5.3: back to its w:start
            p("Effect", num=("1", 0)),
            p("Entire agreement", num=("1", 1)),  # restarted by Article 6
            p("Annex terms", num=("2", 0)),  # startOverride: the list starts over
            p("Scope", num=("2", 1)),
            p("Continued scope", num=("3", 1)),  # its own override: 1.4
            p("More", num=("3", 1)),
            p("Closing", num=("1", 0)),  # the instances share one count
            p("Notices", num=("3", 1)),  # restarted under Article 2: the override again
        )
    )
    path = write_numbered_docx(tmp_path / "restarts.docx", body, NORMAL, AMENDMENT_LIST)
    assert lines(path) == [
        "Article 5 Amendments",
        "5.1 Price",
        "5.2 Delivery",
        "(c) by road",
        "(d) by rail",
        "5.3 Payment",
        "(c) in cash",
        "Article 6 Effect",
        "6.1 Entire agreement",
        "Article 1 Annex terms",
        "1.1 Scope",
        "1.4 Continued scope",
        "1.5 More",
        "Article 2 Closing",
        "2.4 Notices",
    ]


# -- (4) a paragraph that only carries a section break ----------------------------------------

SECTION_BREAK = (
    '<w:p><w:pPr><w:pStyle w:val="Heading1"/><w:sectPr><w:type w:val="nextPage"/>'
    "</w:sectPr></w:pPr></w:p>"
)
EMPTY_NUMBERED_SECTION_BREAK = (
    '<w:p><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr>'
    '<w:sectPr/></w:pPr><w:bookmarkStart w:id="9" w:name="_GoBack"/>'
    '<w:bookmarkEnd w:id="9"/></w:p>'
)


def cross_reference(before: str, bookmark: str, shown: str, after: str) -> str:
    """A REF field to a heading's number, as Word writes it: the result is the number it saw."""
    return (
        f'<w:p><w:r><w:t xml:space="preserve">{before}</w:t></w:r>'
        '<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
        f'<w:r><w:instrText xml:space="preserve"> REF {bookmark} \\r \\h </w:instrText></w:r>'
        '<w:r><w:fldChar w:fldCharType="separate"/></w:r>'
        f'<w:r><w:t>{shown}</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r>'
        f'<w:r><w:t xml:space="preserve">{after}</w:t></w:r></w:p>'
    )


def test_an_empty_paragraph_carrying_a_section_break_takes_no_number(tmp_path):
    body = "".join(
        (
            p("Services", "Heading1"),
            p("Fees", "Heading1"),
            SECTION_BREAK,  # landscape fee table follows in Word; the heading style runs on
            p("Term", "Heading1"),
            cross_reference("Either party may end this agreement under clause ", "_Ref1", "3", "."),
            EMPTY_NUMBERED_SECTION_BREAK,
            p("Notices", "Heading1"),
            cross_reference("Notices under clause ", "_Ref2", "4", " are in writing."),
            p("Numbered text", "Heading1"),
        )
    )
    body += (  # a section break in a paragraph with text: the text keeps its number
        '<w:p><w:pPr><w:pStyle w:val="Heading1"/><w:sectPr/></w:pPr>'
        "<w:r><w:t>Signatures</w:t></w:r></w:p>"
    )
    path = write_numbered_docx(tmp_path / "sections.docx", body, HEADING_STYLES, HEADING_LIST)
    assert lines(path) == [
        "1. Services",
        "2. Fees",
        "3. Term",
        "Either party may end this agreement under clause 3.",
        "4. Notices",
        "Notices under clause 4 are in writing.",
        "5. Numbered text",
        "6. Signatures",
    ]
    outline, _ = read_docx_outline(path)
    found = articles(outline)
    assert [a.number for a in found] == [1, 2, 3, 4, 5, 6]
    assert [t for a in found[:2] for t in tree(a)] == [("1.", []), ("2.", [])]


# -- careless files -----------------------------------------------------------------------------


def test_style_cycles_and_bad_numbering_values_do_not_hang_or_number(tmp_path):
    styles = (
        NORMAL
        + style("Heading1", "Normal", '<w:numId w:val="1"/>')
        # basedOn going round in a circle, one of them numbered
        + style("LoopA", "LoopB")
        + style("LoopB", "LoopA", '<w:ilvl w:val="1"/><w:numId w:val="1"/>')
        + style("SelfBased", "SelfBased")
    )
    numbering = HEADING_LIST.replace(
        "</w:num>",
        "</w:num>"
        '<w:num w:numId="2"><w:abstractNumId w:val="0"/>'
        '<w:lvlOverride w:ilvl="0"><w:startOverride w:val="x"/></w:lvlOverride>'
        '<w:lvlOverride w:ilvl="99"><w:startOverride w:val="7"/></w:lvlOverride></w:num>',
    )
    body = "".join(
        (
            p("One", "Heading1"),
            p("Cycle", "LoopA"),
            p("Self", "SelfBased"),
            p("Bad override", num=("2", 0)),  # a start that is no number: ignored
            p("Level out of range", num=("1", 12)),
            p("Negative level", num=("1", -1)),
            p("Unknown list", num=("77", 0)),
        )
    )
    path = write_numbered_docx(tmp_path / "careless.docx", body, styles, numbering)
    assert lines(path) == [
        "1. One",
        "1.1 Cycle",
        "Self",
        "2. Bad override",
        "Level out of range",
        "Negative level",
        "Unknown list",
    ]
