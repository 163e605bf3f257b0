"""The large .docx benchmark still runs: both jobs on a 1 MB document.xml (no timings)."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

import bench_docx_large


def test_large_docx_benchmark_report_and_json() -> None:
    result = bench_docx_large.run(megabytes=1)
    assert result["document_xml_mb"] >= 1 and result["articles"] > 50
    assert set(result["outline"]) == set(result["baseline"]) == {"s", "mb"}
    assert "outline (in-process" in bench_docx_large.report(result)
