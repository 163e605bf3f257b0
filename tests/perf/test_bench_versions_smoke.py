"""The version-history benchmark still runs: 20 articles saved 6 times (no timings)."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

import bench_versions


def test_versions_benchmark_runs_and_reports_the_ratio() -> None:
    result = bench_versions.run(articles=20, saves=6)
    assert result["versions"] == 6
    assert 0 < result["ratio"] < 3 and result["under_3x"]
