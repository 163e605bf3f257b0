"""The draft benchmark still runs: every measurement on a 30-article draft (no timings)."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

import bench_draft

from app.model import fileformat


def test_draft_benchmark_functions_run(tmp_path: Path) -> None:
    draft = bench_draft.make_draft(30)
    assert len(draft.parts[0].articles) == 30
    assert all(2 <= len(a.children) <= 4 for a in draft.parts[0].articles)
    original = fileformat.dumps(draft)
    assert len(bench_draft.insert_renumber(draft, runs=2)) == 2
    assert len(bench_draft.insert_renumber(draft, runs=2, full_view=True)) == 2
    saves, loads = bench_draft.save_load(draft, tmp_path, runs=2)
    assert len(saves) == len(loads) == 2
    history = bench_draft.random_edits(draft, 40)
    assert len(history.done) == 40
    assert bench_draft.undo_all(history) >= 0
    assert fileformat.dumps(draft) == original


def test_draft_benchmark_report_and_json() -> None:
    result = bench_draft.run(articles=20, runs=2, steps=20)
    assert set(result) >= {"articles", "insert_renumber_ms", "save_ms", "load_ms",
                           "undo_1000_s", "targets", "met"}  # fmt: skip
    assert "insert + renumber" in bench_draft.report(result)
