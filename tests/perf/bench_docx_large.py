"""Large .docx benchmark: ``outline`` of a ~96 MB (uncompressed document.xml) Word contract.

    uv run python tests/perf/bench_docx_large.py [megabytes]

Writes a Word package inside every import limit (many paragraphs, Word-numbered articles and
clauses, tables, a tracked insertion now and then), then measures, each in a fresh process so
that the peak resident memory (``ru_maxrss``) is that of one job alone:

* ``outline``: the CLI's ``outline`` command in-process (``main_cli``), stdout discarded;
* ``baseline``: only unzipping ``word/document.xml`` and parsing it into one lxml tree -- the
  least any reader that builds the whole tree pays (the old import did this twice over).

Prints a table, then as its last line one JSON object with the numbers and whether the targets
hold (outline <= 15 s and <= 500 MB).
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

TARGETS = {"outline_s": 15.0, "outline_mb": 500.0}
W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_WML = "application/vnd.openxmlformats-officedocument.wordprocessingml"

CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" '
    'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    f'<Override PartName="/word/document.xml" ContentType="{_WML}.document.main+xml"/>'
    f'<Override PartName="/word/numbering.xml" ContentType="{_WML}.numbering+xml"/>'
    f'<Override PartName="/word/styles.xml" ContentType="{_WML}.styles+xml"/></Types>'
)
ROOT_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    f'<Relationship Id="rId1" Type="{_REL}/officeDocument" Target="word/document.xml"/>'
    "</Relationships>"
)
DOCUMENT_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    f'<Relationship Id="rId1" Type="{_REL}/numbering" Target="numbering.xml"/>'
    f'<Relationship Id="rId2" Type="{_REL}/styles" Target="styles.xml"/></Relationships>'
)
NUMBERING = (
    f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:numbering xmlns:w="{W_NS}">'
    '<w:abstractNum w:abstractNumId="0">'
    '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/>'
    '<w:lvlText w:val="第%1条"/><w:pStyle w:val="Article"/></w:lvl>'
    '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:isLgl/>'
    '<w:lvlText w:val="%1.%2"/></w:lvl></w:abstractNum>'
    '<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num></w:numbering>'
)
STYLES = (
    f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:styles xmlns:w="{W_NS}">'
    '<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/>'
    '</w:style><w:style w:type="paragraph" w:styleId="Article"><w:name w:val="Article"/>'
    '<w:basedOn w:val="Normal"/><w:pPr><w:numPr><w:numId w:val="1"/></w:numPr></w:pPr>'
    "</w:style></w:styles>"
)
_WORDS = [
    "甲方",
    "乙方",
    "服务",
    "费用",
    "保密",
    "信息",
    "合同",
    "本协议",
    "约定",
    "违约",
    "责任",
    "赔偿",
    "通知",
    "期限",
    "终止",
    "解除",
    "争议",
    "仲裁",
    "人民币",
    "支付",
    "发票",
    "验收",
    "交付",
    "知识产权",
    "数据",
    "安全",
    "个人信息",
    "the",
    "Party",
    "shall",
    "provide",
    "Services",
    "within",
    "days",
    "after",
    "receipt",
    "of",
    "notice",
    "fees",
    "payable",
    "confidential",
    "agreement",
]
_RPR = (
    '<w:rPr><w:rFonts w:ascii="Times New Roman" w:eastAsia="宋体" w:hAnsi="Times New Roman"/>'
    '<w:sz w:val="24"/><w:szCs w:val="24"/><w:lang w:val="en-US" w:eastAsia="zh-CN"/></w:rPr>'
)
_PPR = (
    '<w:spacing w:line="360" w:lineRule="auto"/><w:ind w:firstLineChars="200"/><w:jc w:val="both"/>'
)
_CELL = '<w:tc><w:tcPr><w:tcW w:w="3000" w:type="dxa"/></w:tcPr><w:p>{}</w:p></w:tc>'


def _run(text: str, rng: random.Random) -> str:
    rsid = f"{rng.getrandbits(32):08X}"
    return f'<w:r w:rsidR="{rsid}">{_RPR}<w:t xml:space="preserve">{text}</w:t></w:r>'


def _runs(rng: random.Random, words: int) -> str:
    """A sentence the way Word stores edited text: short runs, spell-check marks between."""
    out = []
    for start in range(0, words, 4):
        text = "".join(rng.choice(_WORDS) for _ in range(min(4, words - start)))
        out.append(_run(text, rng))
        if rng.random() < 0.3:
            out.append('<w:proofErr w:type="spellStart"/><w:proofErr w:type="spellEnd"/>')
    out.append(_run("。", rng))
    return "".join(out)


def _article(i: int, rng: random.Random) -> str:
    """One article: a Word-numbered heading, clauses numbered by w:numPr, plain paragraphs,
    a table every tenth article and a tracked insertion every seventh."""
    parts = [
        f'<w:p><w:pPr><w:pStyle w:val="Article"/></w:pPr><w:bookmarkStart w:id="{i}" '
        f'w:name="_Toc{i}"/>{_run(f"条款标题{i}", rng)}<w:bookmarkEnd w:id="{i}"/></w:p>'
    ]
    for _ in range(4):
        parts.append(
            '<w:p><w:pPr><w:numPr><w:ilvl w:val="1"/><w:numId w:val="1"/></w:numPr>'
            f"{_PPR}</w:pPr>{_runs(rng, 24)}</w:p>"
        )
        parts.append(f"<w:p><w:pPr>{_PPR}</w:pPr>{_runs(rng, 16)}</w:p>")
    if i % 7 == 0:
        inserted = _run("新增内容。", rng)
        parts.append(f'<w:p><w:ins w:id="{i}" w:author="律师">{inserted}</w:ins></w:p>')
    if i % 10 == 0:
        cells = "".join(_CELL.format(_run(w, rng)) for w in ("项目", "金额", "备注"))
        parts.append(f"<w:tbl><w:tblPr/>{f'<w:tr>{cells}</w:tr>' * 3}</w:tbl>")
    return "".join(parts)


def make_large_docx(path: Path, megabytes: float = 96.0, seed: int = 1) -> int:
    """Write the package; the number of articles. ``megabytes`` is document.xml's size."""
    rng = random.Random(seed)
    target = int(megabytes * 1024 * 1024)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        archive.writestr("[Content_Types].xml", CONTENT_TYPES)
        archive.writestr("_rels/.rels", ROOT_RELS)
        archive.writestr("word/_rels/document.xml.rels", DOCUMENT_RELS)
        archive.writestr("word/numbering.xml", NUMBERING)
        archive.writestr("word/styles.xml", STYLES)
        with archive.open("word/document.xml", "w", force_zip64=True) as member:
            head = f'<?xml version="1.0"?><w:document xmlns:w="{W_NS}"><w:body>'
            tail = '<w:sectPr><w:pgSz w:w="11906" w:h="16838"/></w:sectPr></w:body></w:document>'
            written = member.write(head.encode())
            articles = 0
            while written < target - len(tail):
                articles += 1
                written += member.write(_article(articles, rng).encode())
            member.write(tail.encode())
    return articles


def _child(job: str, path: Path) -> dict:
    """Run one job in this (fresh) process: its seconds and peak resident megabytes."""
    start = time.perf_counter()
    if job == "outline":
        from app.cli import main_cli

        with contextlib.redirect_stdout(io.StringIO()):
            code = main_cli(["outline", str(path)])
        assert code == 0, f"outline exited {code}"
    else:
        from lxml import etree

        with zipfile.ZipFile(path) as archive:
            etree.fromstring(archive.read("word/document.xml"), etree.XMLParser(huge_tree=True))
    seconds = time.perf_counter() - start
    return {"s": round(seconds, 2), "mb": round(_peak_mb(), 1)}


def _peak_mb() -> float:
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / 1024 / 1024 if sys.platform == "darwin" else peak / 1024  # bytes on macOS


def measure(job: str, path: Path) -> dict:
    """``job`` in a fresh interpreter, so that ru_maxrss is its peak and no other's."""
    out = subprocess.run(
        [sys.executable, __file__, "--child", job, str(path)],
        check=True,
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONHASHSEED": "0"},
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def run(megabytes: float = 96.0) -> dict:
    with tempfile.TemporaryDirectory() as name:
        path = Path(name) / "large.docx"
        articles = make_large_docx(path, megabytes)
        with zipfile.ZipFile(path) as archive:
            info = archive.getinfo("word/document.xml")
        result: dict = {
            "articles": articles,
            "document_xml_mb": round(info.file_size / 1024 / 1024, 1),
            "docx_mb": round(path.stat().st_size / 1024 / 1024, 1),
            "baseline": measure("baseline", path),
            "outline": measure("outline", path),
        }
    result["targets"] = TARGETS
    result["met"] = (
        result["outline"]["s"] <= TARGETS["outline_s"]
        and result["outline"]["mb"] <= TARGETS["outline_mb"]
    )
    return result


def report(result: dict) -> str:
    base, out, t = result["baseline"], result["outline"], result["targets"]
    lines = [
        f"{result['articles']} articles; document.xml {result['document_xml_mb']} MB, "
        f".docx {result['docx_mb']} MB",
        f"{'measure':<44}{'seconds':>9}{'peak MB':>10}",
        f"{'baseline: unzip + lxml tree of document.xml':<44}{base['s']:>9.2f}{base['mb']:>10.0f}",
        f"{'outline (in-process, the CLI command)':<44}{out['s']:>9.2f}{out['mb']:>10.0f}",
        f"targets: <= {t['outline_s']} s, <= {t['outline_mb']} MB: "
        + ("met" if result["met"] else "MISSED"),
    ]
    return "\n".join(lines)


def main(argv: list[str]) -> int:
    if len(argv) == 4 and argv[1] == "--child":
        print(json.dumps(_child(argv[2], Path(argv[3]))))
        return 0
    result = run(float(argv[1]) if len(argv) > 1 else 96.0)
    print(report(result))
    print(json.dumps(result, ensure_ascii=False))
    return 0 if result["met"] else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv))
