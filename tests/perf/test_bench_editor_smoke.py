"""The editor benchmark still runs, on a 12-article draft (no timings asserted)."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

import bench_editor


def test_editor_benchmark_runs_and_reports(qapp, monkeypatch) -> None:
    for var in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME",
                "CONTRACT_EDITOR_DATA_DIR"):  # fmt: skip
        monkeypatch.setenv(var, "")  # run() points them at its own folder; restored after
    monkeypatch.setattr(bench_editor, "KEYS_PER_PLACE", 3)
    monkeypatch.setattr(bench_editor, "SPLITS", 2)
    result = bench_editor.run(12)
    assert result["blocks"] > 12 and result["find_hits"] > 0 and result["replaced"] > 0
    assert len(result["keystroke_ms"]) == 3
    assert "keystroke->repaint" in bench_editor.report(result)
