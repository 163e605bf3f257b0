"""The import benchmark still runs and judges: one small fixture, one run (no timings)."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

import bench_import

FIXTURE = bench_import.FIXTURES / "corpus" / "zh_tw_software_licence_contract_big5.txt"


def test_import_benchmark_judges_a_fixture_with_its_expectation() -> None:
    result = bench_import.run(runs=1, files=[FIXTURE])
    (row,) = result["rows"]
    assert row["articles"] == 5 and row["sequence"] and row["clean"]
    assert result["sequence_right"] == result["clean"] == 1
    assert "nothing else at the top level in 1" in bench_import.report(result)


def test_an_annex_swallowed_into_the_last_article_is_not_clean(tmp_path: Path) -> None:
    text = FIXTURE.read_bytes().decode("cp950").replace("附件一　", "一　")
    copy = tmp_path / FIXTURE.name  # same name: the same expectation applies
    copy.write_bytes(text.encode("cp950"))
    (row,) = bench_import.run(runs=1, files=[copy])["rows"]
    assert row["sequence"] and not row["clean"]
    assert row["swallowed"] == ["附件二　費用明細"]


def test_every_fixture_has_an_expectation() -> None:
    files, _ = bench_import.contract_files()
    fixtures = [p for p in files if bench_import.FIXTURES in p.parents]
    assert fixtures and all(p.name in bench_import.EXPECTED for p in fixtures)
