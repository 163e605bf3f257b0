"""The exported cover page, annex headings and signature page look like the source's.

Every export is read back with python-docx: where each line stands (its style, its
alignment, a page break before it), that the title is written once, which style an annex's
articles have. The data provision contract (corpus) is the GF cover page with the title inside
it; tests/fixtures/structure/ has the English cover page that opens with the title.
"""

from __future__ import annotations

import io
import json

import docx
import pytest
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from hypothesis import given, settings
from hypothesis import strategies as st

from app.model import fileformat
from app.model.draft import Blank, Cell, Draft, Passage, Table, plain
from app.model.importer import draft_from_document
from app.readers import read_any
from app.word.cover_page import CoverLine, space_before, split_at_title
from app.word.docx_styles import CHINESE
from app.word.export import ExportOptions, render_docx
from clause_db.page_blocks import cover_group, signature_page_note
from clause_db.segment import parse_text
from tests.conftest import CORPUS, FIXTURES
from tests.outline_checks import assert_lossless

DATA_PROVISION = CORPUS / "zh_gf2025_2615_data_provision_contract.docx"
EN = FIXTURES / "structure" / "en_cover_witness_exhibits.txt"
CENTRE = WD_ALIGN_PARAGRAPH.CENTER


def draft_of_text(text: str) -> Draft:
    outline = parse_text(text)
    assert_lossless(outline)
    return draft_from_document(outline.documents[0], outline.text, "x.txt")


def draft_of_file(path) -> Draft:
    outline = read_any(path)
    return draft_from_document(outline.documents[0], outline.text, path.name)


def exported(draft: Draft, options: ExportOptions | None = None):
    return docx.Document(io.BytesIO(render_docx(draft, options)))


def alignment(p):
    """The paragraph's alignment, its own or its style's (up the chain of base styles)."""
    if p.paragraph_format.alignment is not None:
        return p.paragraph_format.alignment
    style = p.style
    while style is not None and style.paragraph_format.alignment is None:
        style = style.base_style
    return style.paragraph_format.alignment if style is not None else None


def bold(p) -> bool:
    style = p.style
    while style is not None and style.font.bold is None:
        style = style.base_style
    return bool(style is not None and style.font.bold)


def outline_level(style) -> int | None:
    while style is not None:
        ppr = style.element.pPr
        level = ppr.find(qn("w:outlineLvl")) if ppr is not None else None
        if level is not None:
            return int(level.get(qn("w:val")))
        style = style.base_style
    return None


def breaks(document) -> list[str]:
    return [p.text for p in document.paragraphs if p.paragraph_format.page_break_before]


@pytest.fixture(scope="module")
def data_provision():
    draft = draft_of_file(DATA_PROVISION)
    return draft, exported(draft)


# -- the GF cover page: the title inside it --------------------------------------------------


def test_the_gf_cover_page_is_laid_out_as_the_source_with_the_title_on_it(data_provision):
    draft, document = data_provision
    assert draft.cover.title_at == 1  # 编号：… above the title, the title page's lines below
    paragraphs = document.paragraphs
    cover = [p for p in paragraphs[:6]]
    assert [p.text for p in cover] == [
        "编号：{{合同编号}}",
        "数据提供合同",
        "（GF-2025-2615）",
        "甲方（接收方）：{{封面_甲方名称}}",
        "乙方（提供方）：{{封面_乙方名称}}",
        "签订日期：{{签订年}}年{{签订月}}月{{签订日}}日",
    ]
    assert alignment(cover[0]) != CENTRE  # the number at the top left, as the source has it
    assert cover[1].style.name == "Contract Title" and alignment(cover[1]) == CENTRE
    assert all(alignment(p) == CENTRE for p in cover[2:])
    down = [p.paragraph_format.space_before for p in cover]
    assert down[1] > 0 and down[3] > 0 and down[5] > 0  # the title, the parties, the date lower
    assert not down[2] and not down[4]  # the GF number under the title, 乙方 under 甲方
    # page 2 is the parties block: the title is not written again at its top
    assert paragraphs[6].paragraph_format.page_break_before
    assert paragraphs[6].text.startswith("甲方（接收方）：{{甲方名称}}")
    assert [p.text for p in paragraphs].count("数据提供合同") == 1


def test_the_cover_page_fits_on_one_page_however_many_lines_it_has():
    lines = [CoverLine("编号：____", "above"), CoverLine("服务合同", "title")]
    lines += [CoverLine("甲方：____", "below"), CoverLine("签订日期：____", "below")]
    roomy = space_before(lines, CHINESE)
    assert roomy[1] > 100 and roomy[2] > 50 and roomy[3] > 50
    crowded = lines + [CoverLine("注：" + "本页所列各项均须如实填写。" * 6, "below")] * 12
    assert sum(space_before(crowded, CHINESE)) == 0  # no room left: no space added
    half = lines + [CoverLine("乙方：____", "below")] * 8
    assert 0 < sum(space_before(half, CHINESE)) < sum(roomy)


# -- covers without the title inside ---------------------------------------------------------


def test_an_english_cover_page_that_opens_with_the_title_keeps_it_there_once():
    draft = draft_of_file(EN)
    assert draft.cover.title_at == 0
    document = exported(draft)
    paragraphs = document.paragraphs
    texts = [p.text for p in paragraphs]
    assert texts[:6] == [
        "SUPPLY AGREEMENT",
        "between",
        "NORTHWIND TRADING LIMITED",
        "and",
        "CONTOSO SUPPLIES LLC",
        "Dated ____________ 2025",
    ]
    assert paragraphs[0].style.name == "Contract Title"
    assert paragraphs[0].paragraph_format.space_before  # a third of the way down the page
    assert all(alignment(p) == CENTRE for p in paragraphs[1:6])
    assert paragraphs[1].paragraph_format.space_before  # between, lower
    assert paragraphs[5].paragraph_format.space_before  # Dated, lower still
    assert texts[6].startswith("THIS SUPPLY AGREEMENT") and breaks(document)[0] == texts[6]
    assert texts.count("SUPPLY AGREEMENT") == 1
    # IN WITNESS WHEREOF with no signature-page note: no page of its own (nothing says so)
    witness = next(p for p in paragraphs if p.text.startswith("IN WITNESS WHEREOF"))
    assert not witness.paragraph_format.page_break_before


def test_a_cover_before_the_title_keeps_its_page_centred_and_the_title_follows():
    draft = draft_of_text(
        "How to use this form\n1. Fill in the names.\n2. Delete this page.\n"
        "Consulting Agreement\nThis Agreement is made between the parties.\n"
        "1. Services\nThe consultant advises.\n2. Fees\nHourly.\n3. Term\nOne year.\n"
    )
    assert draft.cover.title_at is None
    document = exported(draft)
    paragraphs = document.paragraphs
    assert [p.text for p in paragraphs[:3]] == [
        "How to use this form",
        "1. Fill in the names.",
        "2. Delete this page.",
    ]
    assert all(alignment(p) == CENTRE and p.style.name == "Contract Cover" for p in paragraphs[:3])
    assert paragraphs[3].text == "Consulting Agreement"
    assert paragraphs[3].style.name == "Contract Title"
    assert breaks(document)[0] == "Consulting Agreement"
    assert [p.text for p in paragraphs].count("Consulting Agreement") == 1


def test_a_cover_page_of_text_before_the_title_stays_flush_left():
    long = "Review each variable and fill in your details, then send the agreement for review."
    draft = draft_of_text(
        f"How to use this form\n1. {long}\n2. Delete this page.\n"
        "Consulting Agreement\nThis Agreement is made between the parties.\n"
        "1. Services\nThe consultant advises.\n2. Fees\nHourly.\n3. Term\nOne year.\n"
    )
    paragraphs = exported(draft).paragraphs
    assert paragraphs[1].text == f"1. {long}"
    assert all(p.style.name == "Contract Plain" for p in paragraphs[:3])  # as the source set them
    assert all(alignment(p) != CENTRE for p in paragraphs[:3])


def test_a_title_written_on_the_cover_page_too_is_not_written_a_third_time():
    draft = draft_of_text(
        "SERVICES AGREEMENT\n(1) ACME LIMITED\n(2) BETA LIMITED\n\n"
        "SERVICES AGREEMENT\nTHIS AGREEMENT is dated ____.\n"
        "1. Services\nThe Supplier provides support.\n2. Fees\nMonthly.\n"
    )
    document = exported(draft)
    paragraphs = document.paragraphs
    texts = [p.text for p in paragraphs]
    assert texts[:3] == ["SERVICES AGREEMENT", "(1) ACME LIMITED", "(2) BETA LIMITED"]
    assert paragraphs[0].style.name == "Contract Title"
    assert paragraphs[0].paragraph_format.space_before  # lower on its page
    assert all(alignment(p) == CENTRE for p in paragraphs[1:3])
    assert texts.count("SERVICES AGREEMENT") == 1
    assert breaks(document)[0] == "THIS AGREEMENT is dated ____."


@pytest.mark.parametrize("title_at", [0, 1, 2, 9])
def test_the_title_stands_where_the_cover_says_and_once_wherever_that_is(title_at):
    cover = Passage(1, body=["编号：", Blank(2, "____"), "\n甲方：某公司"], title_at=title_at)
    draft = Draft(title="服务合同", cover=cover)
    texts = [p.text for p in exported(draft).paragraphs]
    lines = ["编号：____", "甲方：某公司"]
    at = min(title_at, 2)
    assert texts[:3] == [*lines[:at], "服务合同", *lines[at:]]
    assert texts.count("服务合同") == 1


def test_a_draft_without_a_cover_starts_with_its_title():
    draft = draft_of_text("服务合同\n甲方：某公司\n乙方：某厂\n第一条 服务\n乙方提供服务。\n")
    assert draft.cover is None
    document = exported(draft)
    assert document.paragraphs[0].text == "服务合同" and breaks(document) == []


# -- the cut where the title stood -----------------------------------------------------------


def test_split_at_title_counts_lines_with_text_and_blanks():
    body = ["编号：", Blank(1, "____"), "\n\n（GF-2099-0001）\n甲方：", Blank(2, "____")]
    assert split_at_title(body, 0) == ([], body)
    assert split_at_title(body, 1) == (
        ["编号：", Blank(1, "____"), ""],
        ["\n（GF-2099-0001）\n甲方：", Blank(2, "____")],
    )
    above, below = split_at_title(body, 2)
    assert plain(above).split() == ["编号：____", "（GF-2099-0001）"]
    assert plain(below) == "甲方：____"
    assert split_at_title(body, 3) == (body, []) == split_at_title(body, 9)


@settings(max_examples=60, deadline=None)
@given(
    st.lists(st.sampled_from(["甲方", "\n", "\n\n", "  ", "日期", Blank(7, "__")]), max_size=12),
    st.integers(0, 6),
)
def test_split_at_title_keeps_the_text_and_cuts_after_that_many_lines(body, count):
    above, below = split_at_title(body, count)
    text_above, text_below = plain(above), plain(below)
    assert plain(body) in (text_above + text_below, f"{text_above}\n{text_below}")
    lines_above = [line for line in text_above.split("\n") if line.strip()]
    total = [line for line in plain(body).split("\n") if line.strip()]
    assert len(lines_above) == min(count, len(total))


def test_a_draft_file_keeps_where_the_title_stands_on_the_cover():
    draft = draft_of_file(EN)
    again = fileformat.loads(fileformat.dumps(draft))
    assert again.cover.title_at == 0
    obj = json.loads(fileformat.dumps(draft))
    assert obj["cover"]["title_at"] == 0 and "title_at" not in obj["annexes"][0]
    del obj["cover"]["title_at"]  # an older draft: the title follows its cover
    assert fileformat.draft_from_json(obj).cover.title_at is None
    for bad in (-1, "1", True):
        obj["cover"]["title_at"] = bad
        with pytest.raises(fileformat.DraftFormatError):
            fileformat.draft_from_json(obj)


# -- the signature page ----------------------------------------------------------------------


def test_the_signature_page_starts_after_its_follows_note(data_provision):
    _, document = data_provision
    paragraphs = document.paragraphs
    texts = [p.text for p in paragraphs]
    note = texts.index("（下接签署页）")
    assert not paragraphs[note].paragraph_format.page_break_before  # at the body's page foot
    assert paragraphs[note + 1].text.startswith("以下为本合同签署页，无正文。")
    assert paragraphs[note + 1].paragraph_format.page_break_before


@pytest.mark.parametrize(
    ("lines", "starts"),
    [
        (["以下为本合同签署页，无正文。", "甲方（盖章）："], "以下为本合同签署页，无正文。"),
        (["（本页无正文，为《服务合同》之签署页）", "甲方（盖章）："], "（本页无正文"),
        (["[Signature page follows]", "IN WITNESS WHEREOF the parties have signed."], "IN WITNESS"),
        (["（以下无正文）", "甲方（盖章）："], None),  # says nothing of a page
        (["甲方（盖章）：", "日期："], None),
    ],
)
def test_a_signature_page_note_says_where_the_page_starts(lines, starts):
    draft = Draft(title="服务合同", signature=Passage(1, body=["\n".join(lines)]))
    found = breaks(exported(draft))
    assert found == ([] if starts is None else [next(x for x in lines if x.startswith(starts))])


def test_a_signature_page_that_opens_with_a_table_starts_before_it():
    table = Table(2, rows=[[Cell(["甲方（盖章）："]), Cell(["乙方（盖章）："])]])
    draft = Draft(title="服务合同", signature=Passage(1, body=["（下接签署页）"], tables=[table]))
    document = exported(draft)
    body = list(document.element.body)
    gap = next(i for i, el in enumerate(body) if el.tag == qn("w:tbl")) - 1
    ppr = body[gap].find(qn("w:pPr"))
    assert ppr is not None and ppr.find(qn("w:pageBreakBefore")) is not None
    assert len(document.tables) == 1  # the source's table, no generic block besides it


def test_signature_page_notes_and_cover_groups_by_class():
    assert signature_page_note("（以下无正文，下接签署页）") == "follows"
    assert signature_page_note("[Signature Page Follows]") == "follows"
    assert signature_page_note("签署页") == "page" == signature_page_note("Signature Page")
    assert signature_page_note("以下为本合同签署页，无正文。本合同签署于北京") == "page"
    assert signature_page_note("（以下无正文）") is None
    assert signature_page_note("各方应在签署页上签字。") is None  # a sentence, no note
    assert [cover_group(x) for x in ("甲方（委托方）：____", "between", "签订地点：北京")] == [
        "parties",
        "parties",
        "date",
    ]
    assert cover_group("Dated 1 May 2025") == "date" and cover_group("（GF-2099-0001）") == ""


# -- annexes ---------------------------------------------------------------------------------


def test_an_annex_heading_is_its_label_then_its_title_centred_both_bold(data_provision):
    _, document = data_provision
    paragraphs = document.paragraphs
    texts = [p.text for p in paragraphs]
    annexes = (("附件1", "数据提供项目验收单示例"), ("附件2", "数据交付质量标准要求示例"))
    for label, title in annexes:
        at = texts.index(label)
        heading, under = paragraphs[at], paragraphs[at + 1]
        assert heading.paragraph_format.page_break_before
        assert heading.style.name == "Annex Label" and alignment(heading) != CENTRE
        assert under.text == title and under.style.name == "Annex Title"
        assert alignment(under) == CENTRE and bold(heading) and bold(under)
        assert heading.style.paragraph_format.keep_with_next


def test_annex_articles_have_a_style_of_their_own_under_the_annex(data_provision):
    draft, document = data_provision
    paragraphs = document.paragraphs
    first_annex = [p.text for p in paragraphs].index("附件1")
    annex_articles = [p for p in paragraphs if p.style.name == "Annex Article"]
    assert [p.text for p in annex_articles] == [
        "一、 适用范围",
        "二、 质量维度及指标要求",
        "三、 质量保证期",
    ]
    assert all(paragraphs.index(p) > first_annex for p in annex_articles)
    headings = [p for p in paragraphs if p.style.style_id == "Heading1"]
    assert len(headings) == 16 == len(draft.parts[0].articles)  # the body's, none of the annexes'
    assert all(paragraphs.index(p) < first_annex for p in headings)
    styles = document.styles
    assert outline_level(styles["Heading 1"]) == 0 == outline_level(styles["Annex Title"])
    assert outline_level(styles["Annex Article"]) == 1  # under its annex in the navigation pane


def test_annex_articles_carry_no_word_list_in_word_numbering():
    draft = draft_of_file(DATA_PROVISION)
    document = exported(draft, ExportOptions(numbering="word"))
    style = document.styles["Annex Article"]
    assert style.element.pPr is None or style.element.pPr.find(qn("w:numPr")) is None
    articles = [p for p in document.paragraphs if p.style.name == "Annex Article"]
    assert articles and all(p.text.startswith(("一、", "二、", "三、")) for p in articles)
