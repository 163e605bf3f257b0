"""The review benchmark still runs: a 30-article round compared and redlined (no timings)."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

import bench_review


def test_review_benchmark_finds_the_moves_and_the_rewordings() -> None:
    old = bench_review.make_draft(30)
    new = bench_review.second_round(old, changed=0.1, moved=3)
    assert bench_review.plain_text(old) != bench_review.plain_text(new)
    result = bench_review.run(articles=30, runs=1)
    assert set(result) >= {"compare_s", "difflib_s", "redline_s", "changes", "met"}
    assert result["changes"]["moved"] >= 1 and result["changes"]["changed"] >= 1
    assert "redline export" in bench_review.report(result)
