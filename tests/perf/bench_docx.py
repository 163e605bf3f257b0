"""Word export benchmark: a 1,000-article draft to .docx and back, with pandoc as the peer.

    uv run python tests/perf/bench_docx.py [articles]

Measures (a) ``export_draft`` of the draft (numbers typed, the default; and Word's own
numbering), (b) reading that file back with ``read_any`` (the app's .docx import, numbers
resolved from numbering.xml for the Word-numbered file), (c) pandoc converting the same
contract, written as Markdown, to .docx -- the baseline of a mature converter doing the same
job. Prints a table, then as its last line one JSON object with the numbers and whether the
targets hold (export <= 2 s, import <= 3 s, both for the default export).
"""

from __future__ import annotations

import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from functools import partial
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from typing import TYPE_CHECKING

from bench_draft import bench_main, make_draft

from app.model.view import show
from app.readers import read_any
from app.word.export import ExportOptions, export_draft

if TYPE_CHECKING:
    from collections.abc import Callable

    from app.model.draft import Draft

TARGETS = {"export_s": 2.0, "import_s": 3.0}


def timed(action: Callable[[], object], runs: int) -> float:
    """Median seconds of ``runs`` calls of ``action``."""
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        samples.append(time.perf_counter() - start)
    return round(statistics.median(samples), 3)


def markdown(draft: Draft) -> str:
    """The contract as Markdown, the way pandoc users would write it: numbers typed."""
    data = show(draft)
    lines = [f"# {data['title']}", ""]

    def clause(node: dict) -> None:
        heading = f"**{node['heading']}**：" if node["heading"] else ""
        lines.extend([f"{node['label']} {heading}{node['text']}", ""])
        for child in node["clauses"]:
            clause(child)

    for part in data["parts"]:
        for article in part["articles"]:
            lines.extend([f"## {article['label']} {article['heading']}", ""])
            for child in article["clauses"]:
                clause(child)
    return "\n".join(lines)


def pandoc_seconds(draft: Draft, folder: Path, runs: int) -> float | None:
    """Median seconds for pandoc to turn the Markdown into .docx; None without pandoc."""
    pandoc = shutil.which("pandoc")
    if pandoc is None:
        return None
    source = folder / "contract.md"
    source.write_text(markdown(draft), encoding="utf-8")
    command = [pandoc, str(source), "-o", str(folder / "pandoc.docx")]
    return timed(lambda: subprocess.run(command, check=True), runs)


def run(articles: int = 1000, runs: int = 3) -> dict:
    """Every measurement on a fresh ``articles``-article draft; the JSON the script prints."""
    draft = make_draft(articles)
    result: dict = {"articles": articles, "nodes": sum(1 for _ in draft.nodes())}
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        for mode in ("literal", "word"):
            path = folder / f"{mode}.docx"
            options = ExportOptions(numbering=mode)
            result[f"export_{mode}_s"] = timed(partial(export_draft, draft, path, options), runs)
            result[f"import_{mode}_s"] = timed(partial(read_any, path), runs)
            outline = read_any(path)
            found = sum(1 for _ in outline.documents[0].iter_articles())
            assert found == articles, f"{mode}: {found} articles read back"
            result[f"bytes_{mode}"] = path.stat().st_size
        result["pandoc_s"] = pandoc_seconds(draft, folder, runs)
    pandoc = result["pandoc_s"]
    result["export_vs_pandoc"] = round(result["export_literal_s"] / pandoc, 2) if pandoc else None
    result["note"] = None if pandoc else "pandoc not installed: no baseline"
    result["targets"] = TARGETS
    result["met"] = (
        result["export_literal_s"] <= TARGETS["export_s"]
        and result["import_literal_s"] <= TARGETS["import_s"]
    )
    return result


def report(result: dict) -> str:
    """A readable table of ``result`` against the targets."""
    t = result["targets"]
    pandoc = result["pandoc_s"]
    rows = [
        ("export (numbers typed)", f"{result['export_literal_s']:.3f} s", f"<= {t['export_s']} s"),
        ("import of that export", f"{result['import_literal_s']:.3f} s", f"<= {t['import_s']} s"),
        ("export (Word numbering)", f"{result['export_word_s']:.3f} s", "(no target)"),
        ("import (numbering resolved)", f"{result['import_word_s']:.3f} s", "(no target)"),
        ("pandoc Markdown -> .docx", f"{pandoc:.3f} s" if pandoc else "n/a", "(baseline)"),
    ]
    head = f"{result['articles']} articles, {result['nodes']} nodes"
    if pandoc:
        head += f"; our export takes {result['export_vs_pandoc']}x pandoc's time"
    lines = [head, f"{'measure':<32}{'median':>12}{'target':>14}"]
    lines += [f"{a:<32}{b:>12}{c:>14}" for a, b, c in rows]
    lines.append("targets met" if result["met"] else "TARGETS MISSED")
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(bench_main(sys.argv, run, report))
