"""The checks benchmark still runs: a 40-article draft checked and updated (no timings)."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

import bench_checks


def test_checks_benchmark_runs_on_a_small_draft() -> None:
    result = bench_checks.run(articles=40, runs=1, edits=3)
    assert set(result) >= {"full_ms", "update_ms", "blocks_ms", "regex_pass_ms", "met"}
    assert result["findings"] > 0 and result["texts"] > 40
    assert set(result["per_checker_ms"]) == {"full", "update"}
    assert "topics" in result["per_checker_ms"]["update"]
    assert "update after one clause edit" in bench_checks.report(result)
