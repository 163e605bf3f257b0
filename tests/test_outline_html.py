"""``contract-editor outline FILE --html OUT.html``: the structure beside the source text."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

import pytest

from app.cli import main_cli
from app.readers import read_any

FIXTURES = Path(__file__).parent / "fixtures"
CORPUS = FIXTURES / "corpus"


class _Page(HTMLParser):
    """What a browser would show in the source pane, and the page's links and marks."""

    def __init__(self, page: str) -> None:
        super().__init__(convert_charrefs=True)
        self.source: list[str] = []
        self.depth = 0  # open elements inside <div id="source">, 0 outside it
        self.classes: list[str | None] = []
        self.marked: dict[str, list[str]] = {}  # class -> texts of its spans
        self.titles: dict[str, set[str]] = {}  # class -> hover texts
        self.hrefs: list[str] = []
        self.ids: dict[str, int] = {}  # anchor -> offset in the source text
        self.tags: list[str] = []
        self.feed(page)
        self.close()

    def handle_starttag(self, tag: str, attrs: list) -> None:
        attr = dict(attrs)
        self.tags.append(tag)
        if tag == "a" and attr.get("href"):
            self.hrefs.append(attr["href"])
        if self.depth:
            self.depth += 1
            self.classes.append(attr.get("class"))
            if attr.get("id"):
                self.ids[attr["id"]] = len("".join(self.source))
            if attr.get("class"):
                self.titles.setdefault(attr["class"], set()).add(attr.get("title", ""))
        elif tag == "div" and attr.get("id") == "source":
            self.depth = 1

    def handle_endtag(self, tag: str) -> None:
        if self.depth:
            self.depth -= 1
            if self.classes:
                self.classes.pop()

    def handle_data(self, data: str) -> None:
        if self.depth:
            self.source.append(data)
            if self.classes and self.classes[-1]:
                self.marked.setdefault(self.classes[-1], []).append(data)


def _page(tmp_path: Path, source: Path) -> tuple[str, str]:
    out = tmp_path / "view.html"
    assert main_cli(["outline", str(source), "--html", str(out)]) == 0
    return out.read_text(encoding="utf-8"), read_any(source).text


@pytest.mark.parametrize(
    "name",
    [
        "corpus/zh_gf2025_2615_data_provision_contract.docx",
        "corpus/zh_law_labor_contract_law_2012.md",
        "corpus/zh_gf2014_2402_outbound_group_tour_contract.txt",
        "corpus/en_cuad_etelos_distributor_agreement.txt",
        "markdown/html_tags.md",
        "markdown/front_matter_summary.md",
    ],
)
def test_every_character_of_the_source_appears_once_in_order(tmp_path: Path, name: str) -> None:
    page, text = _page(tmp_path, FIXTURES / name)
    assert "".join(_Page(page).source) == text


def test_a_script_in_the_contract_shows_as_text_and_never_runs(tmp_path: Path) -> None:
    hostile = (
        "</title><script>alert('title')</script> Agreement\n\n"
        '1. Scope <img src=x onerror=alert(1)>\nThe "Provider" & <b>Customer</b> agree.\n\n'
        "2. Fees </div><script>alert(2)</script>\nCustomer pays ____ within 30 days.\n"
    )
    source = tmp_path / "hostile.txt"
    source.write_text(hostile, encoding="utf-8")
    page, text = _page(tmp_path, source)
    parsed = _Page(page)
    assert "".join(parsed.source) == text
    assert "script" not in parsed.tags and "img" not in parsed.tags and "b" not in parsed.tags
    assert "<script" not in page.lower()
    assert "default-src 'none'" in page  # and the browser is told to run nothing


def test_side_outline_links_to_each_article_label(tmp_path: Path) -> None:
    page, text = _page(tmp_path, CORPUS / "zh_law_labor_contract_law_2012.md")
    parsed = _Page(page)
    targets = [h.removeprefix("#") for h in parsed.hrefs]
    assert targets and set(targets) <= set(parsed.ids)
    starts = [text[parsed.ids[t] :] for t in targets]
    for n in ("第一条", "第三十九条", "第九十八条"):
        assert sum(1 for s in starts if s.startswith(n)) == 1, n


def test_fields_and_skipped_pieces_are_marked_with_their_reason(tmp_path: Path) -> None:
    source = CORPUS / "zh_gf2025_2615_data_provision_contract.docx"
    page, text = _page(tmp_path, source)
    parsed = _Page(page)
    outline = read_any(source)
    (document,) = outline.documents
    annex_articles = [a for x in document.annexes for part in x.parts for a in part.articles]
    placeholders = [
        text[p.span[0] : p.span[1]]
        for a in [*document.iter_articles(), *annex_articles]  # 附件2's articles have fields
        for node in (a, *a.iter_clauses())
        for p in node.placeholders
    ]
    assert placeholders and "".join(parsed.marked["field"]) == "".join(placeholders)
    assert "skipped" not in parsed.titles  # its cover, signature page and annexes are kept
    assert parsed.marked["article label"][0].startswith("第一条")


def test_outline_html_refuses_to_overwrite_its_own_input(tmp_path: Path, capsys) -> None:
    source = tmp_path / "contract.html"
    source.write_text("<!DOCTYPE html>\n1. Scope\nThe services.\n", encoding="utf-8")
    before = source.read_bytes()
    assert main_cli(["outline", str(source), "--html", str(source)]) == 2
    assert source.read_bytes() == before
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "is the input file itself" in err


def test_outline_html_refuses_to_replace_a_file_that_is_not_html(tmp_path: Path, capsys) -> None:
    notes = tmp_path / "notes.html"  # named .html, but a lawyer's notes: judged by content
    notes.write_text("Call the client about clause 4.\n", encoding="utf-8")
    assert main_cli(["outline", str(CORPUS / "zh_heading_spaces_service_contract.txt"),
                     "--html", str(notes)]) == 2  # fmt: skip
    assert notes.read_text(encoding="utf-8") == "Call the client about clause 4.\n"
    assert "is not an HTML page" in capsys.readouterr().err


def test_outline_html_replaces_an_earlier_page(tmp_path: Path) -> None:
    out = tmp_path / "view.html"
    out.write_text("\ufeff  <!doctype HTML><p>old view</p>", encoding="utf-8")
    source = CORPUS / "zh_heading_spaces_service_contract.txt"
    assert main_cli(["outline", str(source), "--html", str(out)]) == 0
    assert "old view" not in out.read_text(encoding="utf-8")
    assert "".join(_Page(out.read_text(encoding="utf-8")).source) == read_any(source).text


def test_outline_html_into_a_missing_folder_is_one_line(tmp_path: Path, capsys) -> None:
    out = tmp_path / "no such folder" / "view.html"
    source = CORPUS / "zh_heading_spaces_service_contract.txt"
    assert main_cli(["outline", str(source), "--html", str(out)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "cannot write the page" in err


def test_cover_signature_annexes_and_tables_have_their_own_colours(tmp_path: Path) -> None:
    source = CORPUS / "zh_gf2025_2615_data_provision_contract.docx"
    page, text = _page(tmp_path, source)
    parsed = _Page(page)
    (document,) = read_any(source).documents
    cover = "".join(parsed.marked["cover"])
    assert cover.startswith("编号") and document.title not in cover  # the title is its own
    assert "".join(parsed.marked["signature"]).startswith("（下接签署页）")
    assert [t for t in parsed.marked["annex label"] if t.startswith("附件")] == ["附件1", "附件2"]
    assert parsed.marked["table"]  # the parties table, the fee and quality tables
    starts = [text[parsed.ids[h.removeprefix("#")] :] for h in parsed.hrefs]
    assert any(s.startswith("编号") for s in starts)  # [cover page] in the side outline
    assert any(s.startswith("（下接签署页）") for s in starts)  # [signature block]
