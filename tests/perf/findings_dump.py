"""Every field of every finding, for a change that must not change what the checks find.

    uv run python tests/perf/findings_dump.py OUT.json   (before and after; then cmp them)

Reads each labelled fixture (tests/fixtures/checks*/), each seed contract and corpus file
(../shared, when present) as the CLI opens them, and the checks benchmark's draft at 200
articles, from scratch and again through a kept engine; writes kind, severity, message and
why (zh, en), place (ref, offset, length, field, article, clause, node), subject, ignored
and the fix (label and edits) of each finding, in the engine's order. A speed-up of the
checks is one only when the two files are identical: nothing is kept as a snapshot.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_checks import checked_draft

from app.cli import draft_of_file
from app.model.checks import CheckEngine, run_checks

ROOT = Path(__file__).resolve().parents[2]
SHARED = ROOT.parent / "shared"  # the seed contracts and the corpus, beside the checkout


def _msg(m) -> list[str] | None:
    return None if m is None else [m.zh, m.en]


def row(f) -> list:
    """A finding's every field, as JSON."""
    fix = None
    if f.fix is not None:
        edits = [[e.ref.kind, e.ref.owner, e.ref.index, e.offset, e.length, e.old, e.new,
                  e.field_id] for e in f.fix.edits]  # fmt: skip
        fix = [_msg(f.fix.label), edits]
    ref = None if f.ref is None else [f.ref.kind, f.ref.owner, f.ref.index]
    return [f.kind, f.severity, _msg(f.message), ref, f.offset, f.length, f.field_id, fix,
            f.subject, _msg(f.why), f.ignored, f.node_id, f.article, f.clause]  # fmt: skip


def sources() -> list[Path]:
    fixtures = [p for p in ROOT.glob("tests/fixtures/checks*/*") if not p.name.endswith(".json")]
    shared = [*SHARED.glob("seed/*"), *SHARED.glob("corpus/*")]
    return sorted(fixtures) + sorted(p for p in shared if p.name != "README.md")


def _name(path: Path) -> str:
    """The source's name, the same from any checkout."""
    return str(path.relative_to(ROOT if path.is_relative_to(ROOT) else SHARED))


def dump() -> dict[str, list | str]:
    out: dict[str, list | str] = {}
    for path in sources():
        try:
            draft = draft_of_file(path, lambda _: None)
        except Exception as e:  # a file the CLI refuses: its refusal, compared too
            out[_name(path)] = repr(e)
            continue
        out[_name(path)] = [row(f) for f in run_checks(draft)]
    draft = checked_draft(200)
    out["bench 200"] = [row(f) for f in run_checks(draft)]
    engine = CheckEngine()
    engine.run(draft)
    out["bench 200, kept engine"] = [row(f) for f in engine.run(draft)]
    return out


def main(argv: list[str]) -> int:
    found = dump()
    Path(argv[1]).write_text(json.dumps(found, ensure_ascii=False, indent=0), encoding="utf-8")
    print(f"{len(found)} sources, {sum(len(v) for v in found.values() if isinstance(v, list))}"
          " findings")  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
