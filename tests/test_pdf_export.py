"""PDF and print (issue 13 item 5): ``export -o X.pdf``, File › Export PDF, the print preview.

The PDFs are read back with poppler (pdftotext, pdfinfo, pdffonts, pdftoppm): the text a
lawyer would search or copy, the pages, the fonts embedded, the highlighted blanks' colour.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from typing import TYPE_CHECKING

import pytest

from app.main import main
from app.pdf.to_unicode import ideographs_not_radicals
from tests.conftest import CORPUS

if TYPE_CHECKING:
    from pathlib import Path

DATA_PROVISION = CORPUS / "zh_gf2025_2615_data_provision_contract.docx"
POPPLER = all(shutil.which(t) for t in ("pdftotext", "pdfinfo", "pdffonts", "pdftoppm"))
needs_poppler = pytest.mark.skipif(not POPPLER, reason="poppler-utils not installed")
# In one process there is one Qt application: pytest-qt's (a QApplication) comes first, or the
# command's own windowless one would be the one the window tests find.
pytestmark = pytest.mark.usefixtures("qapp")


def _text(pdf: Path, page: int | None = None) -> str:
    pages = ["-f", str(page), "-l", str(page)] if page else []
    return subprocess.run(["pdftotext", "-layout", *pages, str(pdf), "-"], capture_output=True,
                          text=True, check=True).stdout  # fmt: skip


def _pages(pdf: Path) -> int:
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True)
    return int(next(x for x in info.stdout.splitlines() if x.startswith("Pages:")).split()[1])


def _yellow_pixels(pdf: Path, page: int, tmp_path: Path) -> int:
    """Pixels of the page (at 20 dpi) in the highlight's yellow."""
    stem = tmp_path / f"page{page}"
    subprocess.run(["pdftoppm", "-r", "20", "-f", str(page), "-l", str(page), "-singlefile",
                    str(pdf), str(stem)], check=True)  # fmt: skip
    data = stem.with_suffix(".ppm").read_bytes()
    header_end = 0
    for _ in range(3):  # P6, width height, maxval
        header_end = data.index(b"\n", header_end) + 1
    pixels = data[header_end:]
    return sum(
        1 for i in range(0, len(pixels) - 2, 3)
        if pixels[i] > 200 and pixels[i + 1] > 200 and pixels[i + 2] < 120
    )  # fmt: skip


def _export(source: Path, out: Path, *extra: str) -> int:
    return main(["export", str(source), "-o", str(out), *extra])


@needs_poppler
def test_data_provision_contract_as_pdf(tmp_path: Path) -> None:
    out = tmp_path / "合同.pdf"
    assert _export(DATA_PROVISION, out) == 0
    pages = _pages(out)
    assert pages > 5
    text = _text(out)
    assert "数据提供合同" in text and "甲方（接收方）" in text  # 方, not the radical ⽅
    assert not any(0x2E80 <= ord(c) <= 0x2FDF for c in text)
    compact = "".join(text.split())
    assert f"第1页共{pages}页" in compact and f"第{pages}页共{pages}页" in compact
    cover = _text(out, 1)
    assert "数据提供合同" in cover and "第一条" not in cover  # the cover on its own page
    firsts = [_text(out, p).split()[0] for p in range(2, pages + 1)]
    assert "附件1" in firsts and "附件2" in firsts  # each annex starts a page
    fonts = subprocess.run(["pdffonts", str(out)], capture_output=True, text=True).stdout
    rows = fonts.splitlines()[2:]
    assert rows and all(row.split()[-5] == "yes" for row in rows)  # every font embedded
    assert any("CJK" in row or "Song" in row or "Sim" in row for row in rows)
    assert _yellow_pixels(out, 1, tmp_path) > 0  # unfilled blanks highlighted

    clean = tmp_path / "clean.pdf"
    assert _export(DATA_PROVISION, clean, "--no-highlight") == 0
    assert _yellow_pixels(clean, 1, tmp_path) == 0
    assert "".join(_text(clean).split()) == compact  # the same text, only not marked


@needs_poppler
def test_seed_draft_as_pdf(draft_path: Path, tmp_path: Path) -> None:
    out = tmp_path / "seed.pdf"
    assert _export(draft_path, out) == 0
    text = _text(out)
    assert _pages(out) > 1
    assert "第一条" in text and "甲方" in text
    assert f"第1页共{_pages(out)}页" in "".join(text.split())


def test_pdf_export_never_replaces_another_kind_of_file(draft_path: Path, tmp_path: Path,
                                                        capsys) -> None:  # fmt: skip
    notes = tmp_path / "notes.pdf"
    notes.write_text("my notes", encoding="utf-8")
    assert _export(draft_path, notes) == 2
    assert notes.read_text(encoding="utf-8") == "my notes"
    assert "PDF" in capsys.readouterr().err


def test_pdf_needs_the_hook_app_main_gives(draft_path: Path, tmp_path: Path, capsys) -> None:
    from app.cli import main_cli

    assert main_cli(["export", str(draft_path), "-o", str(tmp_path / "x.pdf")]) == 2
    assert not (tmp_path / "x.pdf").exists()


def test_radicals_in_to_unicode_maps_become_ideographs() -> None:
    cmap = (b"begincmap\n1 beginbfchar\n<2F45> <2F45>\nendbfchar\n2 beginbfrange\n"
            b"<2F00> <2F00> <2F00>\n<0001> <0003> [<2F45> <0041> <2EDA>]\n"
            b"endbfrange\nendcmap")  # fmt: skip
    fixed = ideographs_not_radicals(b"%PDF-1.4\n" + cmap)
    assert len(fixed) == len(cmap) + 9  # no offset moves
    assert b"<2F45> <65B9>" in fixed  # the glyph id stays, its text is 方
    assert b"<2F00> <2F00> <4E00>" in fixed
    assert b"[<65B9> <0041> <9875>]" in fixed  # 方 A 页


def test_the_printer_loads_no_widgets() -> None:
    code = "import sys, app.pdf.writer; print('PySide6.QtWidgets' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout  # fmt: skip
    assert out.strip() == "False"


def test_print_preview_opens_and_redraws(qtbot, window, draft_path: Path) -> None:
    assert window.print_preview() is None  # no draft, nothing to print
    window.open_path(draft_path)
    preview = window.print_preview()
    qtbot.addWidget(preview)
    preview.show()
    qtbot.waitUntil(lambda: preview.pages > 1)
    pages = preview.pages
    preview.pages = 0
    preview.highlight.setChecked(False)  # the clean copy: laid out again, the same pages
    qtbot.waitUntil(lambda: preview.pages == pages)
    preview.close()


@needs_poppler
def test_export_pdf_from_the_window(window, draft_path: Path, tmp_path: Path, monkeypatch):
    from PySide6.QtWidgets import QDialog, QFileDialog, QMessageBox

    from app.ui.print_dialogs import PdfDialog

    window.open_path(draft_path)
    target = tmp_path / "out"
    monkeypatch.setattr(PdfDialog, "exec", lambda self: QDialog.DialogCode.Accepted)
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    assert window.export_pdf() == target.with_suffix(".pdf")
    assert "第一条" in _text(target.with_suffix(".pdf"))


def test_printed_tables_keep_the_source_column_proportions_and_spans() -> None:
    from app.model.draft import Cell, Draft, Node, Part, Table
    from app.word.print_html import PrintOptions, draft_html

    table = Table(1, [[Cell(["名称"], colspan=2), Cell(["金额"])],
                      [Cell(["甲"]), Cell(["乙"]), Cell(["丙"], rowspan=2)],
                      [Cell(["丁"]), Cell(["戊"]), Cell([], covered=True)]],
                  widths=[1000, 1000, 2000])  # fmt: skip
    draft = Draft(title="表", parts=[Part(2, articles=[Node(1, heading="费用", tables=[table])])])
    page = draft_html(draft, PrintOptions(px_per_pt=2.0))
    assert '<td width="50.0%" colspan="2">名称</td><td width="50.0%">金额</td>' in page
    first = page[page.index("<table") : page.index("</table>")]
    assert '<td width="50.0%" rowspan="2">丙</td>' in first and first.count("<td") == 7
    assert "第一条 费用" in page
