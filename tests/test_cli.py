"""The headless commands, run the way users and other checks run them."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from app.cli import main_cli
from clause_db import store
from clause_db.model import HOLE_REASONS, span_without_holes
from resources import SEED_FILES
from tests.conftest import CORPUS


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main_cli(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def assert_one_clear_line(code: int, err: str, *words: str) -> None:
    assert code != 0
    assert "Traceback" not in err
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    for word in words:
        assert word in lines[0]


def test_outline_json_shape_on_the_seed(capsys):
    code, out, _ = run(capsys, "outline", str(SEED_FILES[0]), "--json")
    assert code == 0
    data = json.loads(out)
    assert len(data["documents"]) == 6
    assert [s["reason"] for s in data["skipped"]] == ["boilerplate", "boilerplate"]
    first = data["documents"][0]
    assert first["title"] == "2024年度电商客服外包服务协议"
    # scraped onto one line: the text before the title is a web page's scraps, not a cover
    assert [s["reason"] for s in first["skipped"]][:2] == ["cover page", "table of contents"]
    assert first["cover"] is None
    article = first["parts"][0]["articles"][0]
    assert {"number", "label", "heading", "text", "span", "clauses"} <= article.keys()
    assert (article["number"], article["label"], article["heading"]) == (
        1,
        "第一条",
        "合同主体及定义",
    )
    clause = article["clauses"][0]
    assert {"number", "heading", "text", "span", "placeholders", "clauses"} <= clause.keys()
    assert clause["number"] == "1.1"
    assert clause["placeholders"][0]["label"] == "甲方名称"
    text = SEED_FILES[0].read_text(encoding="utf-8")
    start, end = article["span"]
    assert text[start:end].startswith("第一条合同主体及定义1.1")


def test_outline_reads_gb18030(capsys, tmp_path):
    path = tmp_path / "gbk.txt"
    path.write_bytes(
        "采购合同\n第一条 标的\n甲方向乙方采购设备。\n第二条 价款\n人民币____元。\n".encode(
            "gb18030"
        )
    )
    code, out, _ = run(capsys, "outline", str(path), "--json")
    assert code == 0
    data = json.loads(out)
    assert data["encoding"] == "gb18030"
    heads = [a["heading"] for a in data["documents"][0]["parts"][0]["articles"]]
    assert heads == ["标的", "价款"]


def test_outline_of_invalid_utf8_does_not_crash(capsys, tmp_path):
    path = tmp_path / "broken.txt"
    path.write_bytes(
        "第一条 标的\n".encode() + b"\xff\xfe\xfa bad \x80\n" + "第二条 价款\n".encode()
    )
    code, out, _ = run(capsys, "outline", str(path), "--json")
    assert code == 0
    assert len(json.loads(out)["documents"][0]["parts"][0]["articles"]) == 2


@pytest.mark.parametrize(
    ("content", "words"),
    [
        (b"", ["empty"]),
        (b"\x00\x01\x02\x03binary\x00" * 50, ["text"]),
        (b"\x89PNG\r\n\x1a\n" + b"\x00" * 100, ["PNG"]),
    ],
)
def test_outline_refuses_what_is_not_text(capsys, tmp_path, content, words):
    path = tmp_path / "input.txt"
    path.write_bytes(content)
    code, _, err = run(capsys, "outline", str(path), "--json")
    assert_one_clear_line(code, err, str(path), *words)


def test_outline_of_a_missing_file(capsys, tmp_path):
    code, _, err = run(capsys, "outline", str(tmp_path / "nope.txt"))
    assert_one_clear_line(code, err, "does not exist")


def test_outline_refuses_a_fifty_megabyte_file_clearly(capsys, tmp_path):
    path = tmp_path / "huge.txt"
    line = "第一条 甲方应按时支付服务费用。\n".encode()
    path.write_bytes(line * (50 * 1024 * 1024 // len(line)))
    code, _, err = run(capsys, "outline", str(path))
    assert_one_clear_line(code, err, "too many for one contract")


def test_library_import_stats_and_search(capsys, tmp_path):
    db = str(tmp_path / "lib.sqlite")
    code, out, _ = run(capsys, "library", "import", str(SEED_FILES[0]), "--db", db)
    assert code == 0 and "6 document(s)" in out
    code, out, _ = run(
        capsys,
        "library",
        "import",
        str(CORPUS / "en_cuad_etelos_distributor_agreement.txt"),
        "--db",
        db,
    )
    assert code == 0
    code, out, _ = run(capsys, "library", "stats", "--db", db, "--json")
    stats = json.loads(out)
    assert stats["sources"] == 7
    assert stats["articles"] == 141 + 21
    assert set(stats) >= {"sources", "articles", "clauses", "topics", "placeholders"}
    for query in ("费", "保密", "不可抗力", "confidential"):
        code, out, _ = run(capsys, "library", "search", query, "--db", db, "--json", "--limit", "5")
        hits = json.loads(out)["hits"]
        assert code == 0 and hits, query
        assert all(query.lower() in (h["text"] + h["heading"]).lower() for h in hits)


def test_a_failed_import_writes_nothing(capsys, tmp_path):
    db = str(tmp_path / "lib.sqlite")
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    code, _, err = run(capsys, "library", "import", str(SEED_FILES[0]), str(empty), "--db", db)
    assert_one_clear_line(code, err, "empty")
    code, out, _ = run(capsys, "library", "stats", "--db", db, "--json")
    assert (
        json.loads(out)["sources"] == 6
    )  # the first file went in whole; the broken one not at all


def test_a_library_that_is_not_sqlite(capsys, tmp_path):
    db = tmp_path / "notes.sqlite"
    db.write_text("these are my notes, not a database\n" * 100)
    before = db.read_bytes()
    code, _, err = run(capsys, "library", "stats", "--db", str(db))
    assert_one_clear_line(code, err, str(db))
    assert db.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.sqlite"]


def test_a_read_only_library_can_be_searched_but_not_written(capsys, tmp_path, monkeypatch):
    db = tmp_path / "lib.sqlite"
    assert run(capsys, "library", "import", str(SEED_FILES[0]), "--db", str(db))[0] == 0
    before = db.read_bytes()
    # Simulated: the tests may run as root, for whom chmod 444 denies nothing.
    monkeypatch.setattr(store.os, "access", lambda path, mode: mode != os.W_OK)
    code, out, _ = run(capsys, "library", "search", "保密", "--db", str(db), "--json")
    assert code == 0 and json.loads(out)["hits"]
    code, _, err = run(capsys, "library", "import", str(SEED_FILES[0]), "--db", str(db))
    assert_one_clear_line(code, err, "read-only")
    assert db.read_bytes() == before


def test_the_installed_command_runs_and_reports_its_version(tmp_path):
    exe = shutil.which("contract-editor", path=str(Path(sys.executable).parent))
    assert exe, "the contract-editor script is installed with the project"
    done = subprocess.run([exe, "--version"], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0 and done.stdout.startswith("contract-editor ")
    env = {**os.environ, "CONTRACT_EDITOR_DB": str(tmp_path / "default.sqlite")}
    done = subprocess.run(
        [exe, "library", "stats", "--json"], capture_output=True, text=True, timeout=120, env=env
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["sources"] == 6  # the default library starts with the seed
    done = subprocess.run(
        [exe, "outline", str(tmp_path / "missing.txt")], capture_output=True, text=True
    )
    assert done.returncode == 2 and "Traceback" not in done.stderr


def _leaf_spans(node: dict) -> list[list[int]]:
    spans = [node[k] for k in ("label_span", "heading_span", "text_span")]
    for child in node.get("articles", []) + node.get("clauses", []):
        spans += _leaf_spans(child)
    return spans


@pytest.mark.parametrize(
    "path",
    [
        SEED_FILES[0],
        CORPUS / "zh_law_labor_contract_law_2012.md",
        CORPUS.parent / "markdown" / "html_tags.md",
        CORPUS.parent / "markdown" / "front_matter_summary.md",
        CORPUS.parent / "pdftext" / "en_msa_pdf_text_toc_headers_footers.txt",
        CORPUS / "en_cuad_etelos_distributor_agreement.txt",
    ],
    ids=["seed", "law", "markdown tags", "markdown front matter", "pdf text", "sec filing"],
)
def test_outline_json_spans_tile_the_text(capsys, path):
    code, out, _ = run(capsys, "outline", str(path), "--json")
    data = json.loads(out)
    skipped = data["skipped"] + [s for doc in data["documents"] for s in doc["skipped"]]
    holes = sorted(tuple(s["span"]) for s in skipped if s["reason"] in HOLE_REASONS)
    spans = [s["span"] for s in skipped if s["reason"] not in HOLE_REASONS]
    covers = []
    for doc in data["documents"]:
        spans += [doc["title_span"], doc["preamble_span"]]
        for part in doc["parts"]:
            spans += _leaf_spans(part)
        if doc["signature"]:
            spans.append(doc["signature"]["span"])
        for annex in doc["annexes"]:
            spans += [annex[k] for k in ("label_span", "title_span", "text_span")]
            for part in annex["parts"]:
                spans += _leaf_spans(part)
        if doc["cover"]:  # the title is a hole in a cover that runs on after it
            in_cover = sorted([*holes, tuple(doc["title_span"])])
            covers += span_without_holes(tuple(doc["cover"]["span"]), in_cover)
    spans = [*holes, *(piece for span in spans for piece in span_without_holes(tuple(span), holes))]
    spans += covers
    pos = 0
    for start, end in sorted(s for s in spans if s[0] < s[1]):
        assert start == pos
        pos = end
    assert pos == len(path.read_text(encoding="utf-8"))
