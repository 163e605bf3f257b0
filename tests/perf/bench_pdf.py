"""PDF benchmark: a 1,000-article draft to PDF, with LibreOffice converting our .docx to PDF
as the baseline.

    uv run python tests/perf/bench_pdf.py [articles]

Measures (a) ``render_pdf`` of the draft (laid out by Qt, fonts embedded, footer drawn),
(b) ``soffice --convert-to pdf`` of the same draft exported to .docx (its start-up included:
that is what a user waits for), and prints the ratio. Last line: one JSON object with the
numbers and whether the target holds (PDF <= 3 s).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
sys.path.insert(0, str(Path(__file__).resolve().parent))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from bench_docx import timed
from bench_draft import make_draft

from app.pdf.writer import gui_application, render_pdf
from app.word.export import export_draft

TARGET_S = 3.0


def libreoffice_seconds(docx: Path, folder: Path) -> float | None:
    """Seconds for LibreOffice to convert the .docx to PDF (one run); None without it."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        return None
    profile = (folder / "lo-profile").as_uri()  # its own profile: no clash with a running one
    command = [soffice, f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf",
               "--outdir", str(folder), str(docx)]  # fmt: skip
    start = time.perf_counter()
    subprocess.run(command, check=True, capture_output=True, timeout=600)
    return round(time.perf_counter() - start, 3)


def run(articles: int = 1000, runs: int = 3, baseline: bool = True) -> dict:
    """Time the PDF of a draft of ``articles`` articles; the baseline when asked and present."""
    gui_application()
    draft = make_draft(articles)
    pdf = render_pdf(draft)
    pdf_s = timed(lambda: render_pdf(draft), runs)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        docx = folder / "contract.docx"
        export_draft(draft, docx)
        lo_s = libreoffice_seconds(docx, folder) if baseline else None
    return {
        "articles": articles,
        "pdf_s": pdf_s,
        "pdf_bytes": len(pdf),
        "libreoffice_s": lo_s,
        "ratio": round(lo_s / pdf_s, 1) if lo_s and pdf_s else None,
        "target_s": TARGET_S,
        "met": pdf_s <= TARGET_S,
    }


def report(result: dict) -> str:
    lo = result["libreoffice_s"]
    lines = [
        f"articles                        {result['articles']}",
        f"PDF (Qt, ours)                  {result['pdf_s']:.3f} s  ({result['pdf_bytes']:,} bytes)",
        f"LibreOffice .docx -> PDF        {'n/a' if lo is None else f'{lo:.3f} s'}",
        f"LibreOffice / ours              {result['ratio'] or 'n/a'}",
        f"target PDF <= {TARGET_S} s: {'met' if result['met'] else 'NOT met'}",
    ]
    return "\n".join(lines)


if __name__ == "__main__":
    result = run(int(sys.argv[1]) if len(sys.argv) > 1 else 1000)
    print(report(result))
    print(json.dumps(result))
