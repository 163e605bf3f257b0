"""Version history benchmark: a 1,000-article draft saved 200 times with random small edits.

    uv run python tests/perf/bench_versions.py [articles] [saves]

Prints the draft's size, the history's size and their ratio (the issue's bound: under 3x),
the time of a save with its version (median and slowest) and of reading the oldest and the
newest version back, then as its last line one JSON object with those numbers.
Not part of the default test run (it takes about a minute).
"""

from __future__ import annotations

import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_draft import make_draft, random_edits

from app.model.fileformat import dumps
from app.model.files import save_draft
from app.model.versions import history_path, list_versions, version_bytes


def run(articles: int = 1000, saves: int = 200) -> dict:
    draft = make_draft(articles)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "bench.contract"
        times = []
        seed = 0
        while len(times) < saves:
            seed += 1
            if times:
                random_edits(draft, 3, seed=seed)
            start = time.perf_counter()
            save_draft(path, draft)
            times.append(time.perf_counter() - start)
        count = len(list_versions(path))
        start = time.perf_counter()
        version_bytes(path, 1)
        oldest = time.perf_counter() - start
        start = time.perf_counter()
        assert version_bytes(path, count) == dumps(draft)
        newest = time.perf_counter() - start
        draft_size, history_size = path.stat().st_size, history_path(path).stat().st_size
    return {
        "articles": articles,
        "saves": saves,
        "versions": count,
        "draft_bytes": draft_size,
        "history_bytes": history_size,
        "ratio": round(history_size / draft_size, 3),
        "save_median_ms": round(statistics.median(times) * 1000, 1),
        "save_max_ms": round(max(times) * 1000, 1),
        "read_oldest_ms": round(oldest * 1000, 1),
        "read_newest_ms": round(newest * 1000, 1),
        "under_3x": history_size < 3 * draft_size,
    }


if __name__ == "__main__":
    args = [int(a) for a in sys.argv[1:3]]
    result = run(*args)
    for key, value in result.items():
        print(f"{key:>16}: {value}")
    print(json.dumps(result))
