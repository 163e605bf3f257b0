"""The PDF benchmark still runs: a 10-article draft, no LibreOffice, no timings."""

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))

import bench_pdf


@pytest.mark.usefixtures("qapp")
def test_pdf_benchmark_report_and_json() -> None:
    result = bench_pdf.run(articles=10, runs=1, baseline=False)
    assert result["pdf_bytes"] > 1000 and result["libreoffice_s"] is None
    assert "PDF (Qt, ours)" in bench_pdf.report(result)
