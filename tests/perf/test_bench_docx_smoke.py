"""The Word export benchmark still runs: every measurement on a 20-article draft (no timings)."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

import bench_docx
import bench_draft


def test_docx_benchmark_report_and_json() -> None:
    result = bench_docx.run(articles=20, runs=1)
    assert set(result) >= {"export_literal_s", "import_literal_s", "export_word_s",
                           "import_word_s", "pandoc_s", "targets", "met"}  # fmt: skip
    assert "export (numbers typed)" in bench_docx.report(result)


def test_markdown_has_every_article() -> None:
    text = bench_docx.markdown(bench_draft.make_draft(5))
    assert text.count("\n## ") == 5
