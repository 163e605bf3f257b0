"""Import benchmark: is the top-level article sequence of every real contract exactly right?

    uv run python tests/perf/bench_import.py [runs]

Runs the outline (``read_any``, what ``contract-editor outline FILE --json`` prints) over every
file of ``../shared/corpus/`` (skipped with a note where that folder is absent) and the fixtures
in ``tests/fixtures/``. Per file it checks the top level against EXPECTED below:

* ``sequence``: one document whose top-level articles are exactly the expected count, with the
  expected first and last labels (whitespace inside labels ignored: 第　一　条 is 第一条);
* ``clean``: nothing else at the top level -- no second document, and none of the file's
  ``outside`` lines (an annex heading, a signature block) swallowed into an article.

It prints the time per 100 KB (median of ``runs``), next to a baseline measured in the same run:
reading the file's raw text without any structure (decoding the bytes; for .docx, unzipping
document.xml). Last line: one JSON object with every row and the totals.
"""

from __future__ import annotations

import json
import re
import statistics
import sys
import time
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from app.readers import read_any

if TYPE_CHECKING:
    from collections.abc import Callable

    from clause_db.model import Outline

ROOT = Path(__file__).resolve().parents[2]
# ``../shared/corpus`` beside the repository, or beside the folder holding this worktree.
SHARED_CORPUS = next(
    (p / "shared" / "corpus" for p in ROOT.parents if (p / "shared" / "corpus").is_dir()),
    ROOT.parent / "shared" / "corpus",
)
FIXTURES = ROOT / "tests" / "fixtures"
SUFFIXES = {".txt", ".md", ".docx"}
# Notes about the files, not contracts; and contracts made wrong on purpose for the review of
# the split (tests/fixtures/review/README.md), which no importer can get right alone.
NOT_CONTRACTS = {"README.md", "SOURCES.md", "split_review.txt", "signed_with_annex.txt"}


@dataclass(frozen=True)
class Expected:
    """The right top level of one file: article count, first and last label, and lines
    (matched at a line start) that must not lie inside any article."""

    count: int
    first: str
    last: str
    outside: tuple[str, ...] = ()


# Keyed by file name: ../shared/corpus/ and tests/fixtures/corpus/ hold the same files.
EXPECTED: dict[str, Expected] = {
    # The statute as published: 8 chapters, 第一条..第九十八条 (corpus README: "98 articles in
    # 8 chapters").
    "zh_law_labor_contract_law_2012.md": Expected(98, "第一条", "第九十八条"),
    # The model text: 第一章..第七章, 第一条..第二十八条 (corpus README); the signature block
    # after 第二十八条 (旅游者代表签字...) is not part of that article.
    "zh_gf2014_2402_outbound_group_tour_contract.txt": Expected(
        28, "第一条", "第二十八条", ("旅游者代表签字",)
    ),
    # The model text: 第一条..第十六条, then 附件1 and 附件2 (read in the file), which are annexes.
    "zh_gf2025_2615_data_provision_contract.docx": Expected(
        16, "第一条", "第十六条", ("附件1", "附件2")
    ),
    # CUAD Etelos: 21 sections (corpus README); the signature block starts TRIPATH CORPORATION.
    "en_cuad_etelos_distributor_agreement.txt": Expected(21, "1.", "21.", ("TRIPATH CORPORATION",)),
    # Common Paper Mutual NDA Standard Terms: 11 sections (corpus README).
    "en_commonpaper_mutual_nda.md": Expected(11, "1.", "11."),
    # Common Paper Independent Contractor Agreement: Standard Terms 1 Services & Restrictions ..
    # 10 Definitions (read in the document); the 6-step instruction list on page 1 is not part
    # of the contract (corpus README: "a separate instruction list on page 1").
    "en_commonpaper_independent_contractor_agreement.docx": Expected(10, "1.", "10."),
    # docxfix legal list: two top-level items 1. and 2., with 1.1. and 2.1.1. under them (read).
    "en_docxfix_legal_list.docx": Expected(2, "1.", "2."),
    # Civil Code excerpts (SOURCES.md and the files): 第四百六十三条..第四百七十条, and
    # 第二百零九条, 第二百一十条, 第二百二十四条 (an omission inside the excerpt).
    "zh_civil_code_book3_contracts_excerpt.txt": Expected(8, "第四百六十三条", "第四百七十条"),
    "zh_civil_code_book2_sections_excerpt.txt": Expected(3, "第二百零九条", "第二百二十四条"),
    # Written for the tests (SOURCES.md): four articles, spaces inside the first two labels.
    "zh_heading_spaces_service_contract.txt": Expected(4, "第一条", "第四条"),
    # Written for the tests (read in the file): 第一條..第五條, then annexes 附件一 and 附件二.
    "zh_tw_software_licence_contract_big5.txt": Expected(
        5, "第一條", "第五條", ("附件一　授權軟體清單", "附件二　費用明細")
    ),
    # Markdown fixtures (read in the files): numbered sections; lettered ## A. / B. / C.
    # sections are the articles; lazy 1. 1. 1. 1. counts 4 articles.
    "front_matter_summary.md": Expected(3, "1.", "3."),
    "html_tags.md": Expected(2, "1.", "2."),
    "lazy_numbering.md": Expected(4, "1.", "1."),
    "lettered_sections.md": Expected(3, "A.", "C."),
    "nested_lists.md": Expected(3, "1.", "3."),
    # Written for the tests (SOURCES.md): a pipe table in a list item, a summary table before
    "pipe_tables.md": Expected(2, "第一条", "第二条"),
    # ARTICLE I..ARTICLE VI, then IN WITNESS WHEREOF and signatures (read in the file).
    "en_services_agreement_articles.txt": Expected(
        6, "ARTICLE I", "ARTICLE VI", ("IN WITNESS WHEREOF",)
    ),
    # Article 1..Article 6 after a dotted contents list; page headers and footers (read in
    # the file, tests/fixtures/pdftext/).
    "en_msa_pdf_text_toc_headers_footers.txt": Expected(6, "Article 1.", "Article 6."),
    # Cover pages, signature blocks and annexes (tests/fixtures/structure/, read in the files):
    # 第一条..第三条 after a GF cover, then a signature page and 附件一, 附件二, 附表1.
    "zh_gf_cover_signature_annexes.txt": Expected(
        3,
        "第一条",
        "第三条",
        ("（以下无正文，下接签署页）", "甲方（盖章）", "附件一", "附件二", "附表1"),
    ),
    # 1. .. 3. after an English cover, then IN WITNESS, Exhibit A, Exhibit B (its own 1. 2.),
    # Schedule 1.
    "en_cover_witness_exhibits.txt": Expected(
        3, "1.", "3.", ("IN WITNESS WHEREOF", "Exhibit A", "Exhibit B", "Schedule 1")
    ),
    # 第一条..第三条; the list of annexes stays in 第二条, the closing seal lines do not.
    "zh_annex_list_in_last_article.txt": Expected(3, "第一条", "第三条", ("甲方（盖章）",)),
    # The typography checks' labelled set (tests/fixtures/checks/typo_*.labels.json says
    # where each came from; read in the files).
    "typo_zh_tour_contract.txt": Expected(4, "第一条", "第四条"),
    "typo_zh_data_provision.txt": Expected(5, "第一条", "第五条"),
    "typo_zh_seed_service.txt": Expected(8, "第一条", "第八条"),
    "typo_zh_clean_lookalikes.txt": Expected(6, "第一条", "第六条"),
    "typo_en_services.txt": Expected(4, "1.", "4."),
}


def contract_files() -> tuple[list[Path], list[str]]:
    """Every contract file to measure, and notes about folders that are absent (not the
    checks' labelled passages in tests/fixtures/checks/ and the held-out checks_holdout*/ sets:
    they are judged by their labels)."""
    notes: list[str] = []
    # those folders hold passages with planted errors for the checks, not contracts
    fixtures = (p for p in FIXTURES.rglob("*") if p.is_dir() and not p.name.startswith("checks"))
    folders = [SHARED_CORPUS, *sorted(fixtures), FIXTURES]
    files: list[Path] = []
    for folder in folders:
        if not folder.is_dir():
            notes.append(f"{folder}: absent, skipped")
            continue
        files.extend(
            p
            for p in sorted(folder.iterdir())
            if p.is_file() and p.suffix.lower() in SUFFIXES and p.name not in NOT_CONTRACTS
        )
    return files, notes


def _squeeze(label: str) -> str:
    return "".join(label.split())


def judge(outline: Outline, expected: Expected | None) -> dict:
    """Whether the top level is exactly right (``sequence``) with nothing else (``clean``)."""
    articles = [a for d in outline.documents for a in d.iter_articles()]
    labels = [_squeeze(a.label.value) for a in articles]
    row: dict = {
        "documents": len(outline.documents),
        "articles": len(articles),
        "first": labels[0] if labels else None,
        "last": labels[-1] if labels else None,
    }
    if expected is None:
        return {**row, "expected": None, "sequence": None, "clean": None}
    sequence = (
        len(outline.documents) == 1
        and len(labels) == expected.count
        and labels[:1] == [_squeeze(expected.first)]
        and labels[-1:] == [_squeeze(expected.last)]
    )
    swallowed = [line for line in expected.outside if _inside_article(outline, articles, line)]
    return {
        **row,
        "expected": f"{expected.count}: {expected.first} - {expected.last}",
        "sequence": sequence,
        "clean": sequence and not swallowed,
        "swallowed": swallowed,
    }


def _inside_article(outline: Outline, articles: list, line: str) -> bool:
    """True if ``line`` (at a line start) lies inside an article's span."""
    match = re.search(rf"(?m)^[ \t]*{re.escape(line)}", outline.text)
    if match is None:
        return False
    at = match.start() + len(match.group()) - len(line)
    return any(a.span[0] <= at < a.span[1] for a in articles)


def _shown(path: Path) -> str:
    """The file as ``shared/corpus/x`` or ``tests/fixtures/x``."""
    for base in (ROOT, SHARED_CORPUS.parent.parent):
        if base in path.parents:
            return path.relative_to(base).as_posix()
    return str(path)


def raw_text(path: Path) -> str:
    """The baseline: the file's text with no structure at all."""
    if path.suffix.lower() == ".docx":
        with zipfile.ZipFile(path) as package:
            return package.read("word/document.xml").decode("utf-8")
    return path.read_bytes().decode("utf-8", errors="replace")


def timed(action: Callable[[], object], runs: int) -> float:
    """Median seconds of ``runs`` calls of ``action``."""
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        samples.append(time.perf_counter() - start)
    return statistics.median(samples)


def measure(path: Path, runs: int) -> dict:
    """One row: the verdict and the seconds per 100 KB of outline and of the baseline."""
    notes: list[str] = []
    outline = read_any(path, notes.append)
    per_100kb = 100_000 / max(path.stat().st_size, 1)
    seconds = timed(lambda: read_any(path, notes.append), runs)
    baseline = timed(lambda: raw_text(path), runs)
    return {
        "file": _shown(path),
        "bytes": path.stat().st_size,
        **judge(outline, EXPECTED.get(path.name)),
        "ms_per_100kb": round(seconds * per_100kb * 1000, 2),
        "baseline_ms_per_100kb": round(baseline * per_100kb * 1000, 3),
    }


def run(runs: int = 3, files: list[Path] | None = None) -> dict:
    """Measure every file (or the given ones) and total the verdicts."""
    notes: list[str] = []
    if files is None:
        files, notes = contract_files()
    rows = [measure(p, runs) for p in files]
    judged = [r for r in rows if r["sequence"] is not None]
    total_bytes = sum(r["bytes"] for r in rows)
    total_ms = sum(r["ms_per_100kb"] * r["bytes"] / 100_000 for r in rows)
    return {
        "rows": rows,
        "notes": notes,
        "files": len(rows),
        "judged": len(judged),
        "sequence_right": sum(1 for r in judged if r["sequence"]),
        "clean": sum(1 for r in judged if r["clean"]),
        "ms_per_100kb": round(total_ms * 100_000 / max(total_bytes, 1), 2),
    }


def _mark(value: bool | None) -> str:
    return {True: "yes", False: "NO", None: "-"}[value]


def report(result: dict) -> str:
    """A table a person can read: one line per file, then the totals."""
    lines = [*result["notes"]]
    lines.append(f"{'file':58} {'found':>5} {'expected':28} seq  clean ms/100KB  baseline")
    for r in result["rows"]:
        found = f"{r['articles']}" + (f"/{r['documents']}d" if r["documents"] != 1 else "")
        extra = f"  swallowed: {', '.join(r['swallowed'])}" if r.get("swallowed") else ""
        lines.append(
            f"{r['file'][-58:]:58} {found:>5} {r['expected'] or '(no expectation)':28} "
            f"{_mark(r['sequence']):4} {_mark(r['clean']):5} {r['ms_per_100kb']:8.2f} "
            f"{r['baseline_ms_per_100kb']:9.3f}{extra}"
        )
    lines.append(
        f"total: {result['files']} files, {result['judged']} with an expectation: "
        f"sequence right in {result['sequence_right']}, nothing else at the top level in "
        f"{result['clean']}; {result['ms_per_100kb']} ms per 100 KB overall"
    )
    return "\n".join(lines)


def main() -> None:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 3
    result = run(runs)
    print(report(result))
    print(json.dumps({k: v for k, v in result.items()}, ensure_ascii=False))


if __name__ == "__main__":
    main()
