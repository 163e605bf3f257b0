"""The benchmark still runs: its build and query functions on 2,000 clauses (no timings)."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

import bench_search


def test_benchmark_functions_run(tmp_path: Path) -> None:
    corpus = bench_search.make_corpus(2000)
    lib, seconds = bench_search.build(tmp_path / "bench.sqlite", corpus)
    assert lib.stats()["clauses"] == 2000 and seconds > 0
    queries = bench_search.query_sets(lib)
    assert set(queries) == {"cn1", "cn2", "cn3", "cn6", "en_word"}
    assert all(len(q) == 6 for q in queries["cn6"])
    for name, batch in queries.items():
        result = bench_search.measure(lib, batch, runs=len(batch), like_runs=2)
        assert set(result) >= {"p50_ms", "p95_ms", "like_p95_ms", "speedup_p95"}, name
    assert lib.search(queries["cn6"][0]), "a phrase copied from the library is found"
    lib.close()
