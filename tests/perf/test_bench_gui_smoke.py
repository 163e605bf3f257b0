"""The window benchmark still runs: each measurement on a 2,000-clause library and a
12-article draft (no timings asserted)."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

import bench_gui


def test_gui_benchmark_functions_run(qapp, tmp_path: Path) -> None:
    library = bench_gui.build_library(tmp_path, 2000)
    assert bench_gui.first_paint_seconds("bare", library, tmp_path / "home") > 0
    assert bench_gui.first_paint_seconds("app", library, tmp_path / "home") > 0
    assert bench_gui.keystrokes(("违约金",)) == ["违", "违约", "违约金"]
    draft = bench_gui.save_big_draft(tmp_path, 12)
    window = bench_gui.open_window(library)
    try:
        typed = bench_gui.keystroke_latencies(window, ("保密", "co"))
        assert [t for t, _ in typed] == ["保", "保密", "c", "co"]
        seconds, rows = bench_gui.time_open(window, draft)
        assert seconds > 0 and rows > 12
        drops = bench_gui.drop_latencies(window, bench_gui.clause_ids(library, 2), article_row=3)
        assert len(drops) == 2
        assert not window.tabs.current_document().is_modified(), "every drop was undone"
    finally:
        bench_gui.close_window(window)


def test_gui_report_reads_a_result() -> None:
    result = {
        "library_clauses": 10, "library_build_s": 0.1, "draft_articles": 1, "draft_rows": 3,
        "startup": {"app_s": 1.0, "bare_s": 0.5, "ratio": 2.0, "app_runs": [1.0],
                    "bare_runs": [0.5]},
        "keystroke_ms": {"worst": 9.0, "p95": 8.0, "median": 5.0, "worst_text": "c", "count": 1},
        "keystrokes": [["c", 9.0]], "open_1000_s": 0.5, "drop_ms": {"median": 3.0, "worst": 4.0},
        "targets": bench_gui.TARGETS, "met": False,
    }  # fmt: skip
    assert "start-up ratio" in bench_gui.report(result)
