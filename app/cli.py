"""Headless commands: ``contract-editor outline|library|draft|export|compare|check ...``.

Every failure a user can cause (a missing file, a broken library) ends as one line on stderr
and a non-zero exit code, never a traceback.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from app import __version__
from app.draft_cli import add_draft_parser, run_draft
from app.model.checks import active, run_checks
from app.model.compare import compare_drafts
from app.model.compare_summary import summary
from app.model.files import load_draft
from app.model.importer import draft_from_document
from app.model.outline_html import outline_html
from app.model.overwrite import (
    refuse_own_input,
    refuse_unless_html_page,
    refuse_unless_pdf,
    refuse_unless_word_document,
)
from app.model.printed import draft_language
from app.model.source_compare import as_taken
from app.model.split_review import remembered_hints
from app.readers import note_to_stderr, read_any
from app.versions_cli import add_versions_parser, run_versions
from app.word.export import NUMBERING_MODES, ExportOptions, export_draft, unfilled_fields
from app.word.redline import default_author, export_redline
from clause_db.bundled import open_library
from clause_db.errors import ClauseDbError, InputError
from clause_db.fulltext import HIGHLIGHT_END, HIGHLIGHT_START
from clause_db.language import quoted_title
from clause_db.messages import Msg
from clause_db.paths import data_dir
from clause_db.unsafe_chars import for_terminal, json_for_terminal

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

    from app.model.checks import Finding
    from app.model.draft import Draft
    from clause_db.model import Outline
    from clause_db.review_hints import SplitHints
    from clause_db.rows import SearchHit
    from clause_db.store import ClauseLibrary


class PdfWriter(Protocol):
    """Writes a draft as a PDF (``app.pdf.writer.write_pdf``): Qt's, so ``app.main`` hands
    it to the commands, which may not load Qt themselves."""

    def __call__(self, draft: Draft, path: Path, highlight: bool = True) -> None: ...


EXIT_USER_ERROR = 2
EXIT_INTERNAL_ERROR = 3
_LISTED_FIELDS = 20  # a form with 188 blanks should not flood the terminal


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="contract-editor",
        description="Offline contract editor for lawyers (合同编辑器). "
        "Without a command it opens the editor window: contract-editor [--db PATH] "
        "[FILE.contract|FILE.txt|FILE.docx ...].",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument("--db", metavar="PATH", help="clause library file (default: user data dir)")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    outline = commands.add_parser("outline", help="show the structure of a contract file")
    outline.add_argument("file", metavar="FILE")
    outline.add_argument("--json", action="store_true", help="print one JSON object")
    outline.add_argument(
        "--html", metavar="OUT.html", help="write the structure beside the text as one HTML page"
    )

    library = commands.add_parser("library", help="work with the clause library")
    library_commands = library.add_subparsers(dest="library_command", metavar="ACTION")
    library_commands.required = True
    imp = library_commands.add_parser("import", help="import contract files into the library")
    imp.add_argument("files", nargs="+", metavar="FILE")
    search = library_commands.add_parser("search", help="full-text search of the library")
    search.add_argument("query", metavar="QUERY")
    search.add_argument("--limit", type=int, default=20)
    search.add_argument("--json", action="store_true")
    stats = library_commands.add_parser("stats", help="counts of what the library holds")
    stats.add_argument("--json", action="store_true")
    for sub in (imp, search, stats):
        sub.add_argument("--db", metavar="PATH", default=argparse.SUPPRESS, help="library file")
    add_draft_parser(commands)
    add_versions_parser(commands)

    export = commands.add_parser("export", help="write a draft or contract as a Word document "
                                 "(OUT.docx) or a PDF (OUT.pdf)")  # fmt: skip
    export.add_argument("input", metavar="IN", help="a .contract draft, or a contract file "
                        "(.txt, .md, .docx: its first contract)")  # fmt: skip
    export.add_argument("-o", "--output", required=True, metavar="OUT.docx|OUT.pdf")
    export.add_argument("--toc", action="store_true", help="a table of contents Word fills in")
    export.add_argument("--no-highlight", action="store_true",
                        help="do not highlight unfilled blanks (a clean copy)")  # fmt: skip
    export.add_argument("--numbering", choices=NUMBERING_MODES, default="literal",
                        help="numbers typed into the text (default), or Word's own")  # fmt: skip

    compare = commands.add_parser("compare", help="what changed from one version to another")
    compare.add_argument("old", metavar="OLD", help="the earlier version: a .contract draft, "
                         "or a contract file (.txt, .md, .docx)")  # fmt: skip
    compare.add_argument("new", metavar="NEW", nargs="?",
                         help="the later version, the same kinds")  # fmt: skip
    compare.add_argument("--sources", action="store_true",
                         help="compare OLD's articles with the library articles or file "
                         "they were taken from (no NEW)")  # fmt: skip
    compare.add_argument("--json", action="store_true", help="print one JSON object")
    compare.add_argument("-o", "--output", metavar="REDLINE.docx",
                         help="write NEW as a Word document with OLD's differences as tracked "
                         "changes")  # fmt: skip
    compare.add_argument("--author", metavar="NAME",
                         help="who the changes are from (default: your login name)")  # fmt: skip

    check = commands.add_parser("check", help="proofread a draft or contract: what a reviewer "
                                "would stop at, with its place")  # fmt: skip
    check.add_argument("file", metavar="FILE", help="a .contract draft, or a contract file "
                       "(.txt, .md, .docx: its first contract)")  # fmt: skip
    check.add_argument("--json", action="store_true", help="print one JSON object")
    check.add_argument("--lang", choices=("zh", "en"),
                       help="the language of the messages (default: the contract's)")  # fmt: skip
    return parser


def run(args: argparse.Namespace) -> int:
    """Run a parsed headless command; returns the exit code."""
    if args.command == "outline":
        return _outline(args)
    if args.command == "draft":
        return run_draft(args)
    if args.command == "export":
        return _export(args)
    if args.command == "compare":
        return _compare(args)
    if args.command == "versions":
        return run_versions(args)
    if args.command == "check":
        return _check(args)
    library = open_library(args.db)
    try:
        if args.library_command == "import":
            return _import(library, args.files)
        if args.library_command == "search":
            return _search(library, args.query, args.limit, args.json)
        return _stats(library, args.json)
    finally:
        library.close()


def main_cli(argv: Sequence[str], write_pdf: PdfWriter | None = None) -> int:
    """Parse and run a headless command, turning user errors into one line on stderr;
    ``write_pdf`` makes ``export -o X.pdf`` possible (given by ``app.main``)."""
    parser = build_parser()
    args = parser.parse_args(argv)
    args.write_pdf = write_pdf
    try:
        return run(args)
    except ClauseDbError as exc:
        print(f"contract-editor: error: {for_terminal(str(exc))}", file=sys.stderr)
        return EXIT_USER_ERROR
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0
    except Exception as exc:
        message = for_terminal(f"{type(exc).__name__}: {exc}")
        print(f"contract-editor: internal error: {message}", file=sys.stderr)
        return EXIT_INTERNAL_ERROR


def _outline(args: argparse.Namespace) -> int:
    source = Path(args.file)
    if args.html:  # refused before reading, so nothing is done for nothing
        refuse_own_input(Path(args.html), source)
        refuse_unless_html_page(Path(args.html))
    outline = read_any(source, note_to_stderr, _remembered(source))
    if args.html:
        _write_html(outline, source, Path(args.html), quiet=args.json)
        if not args.json:
            return 0
    if args.json:
        _print_json(outline.to_json())
    else:
        print(for_terminal(render_outline(outline)))
    return 0


def _remembered(source: Path) -> SplitHints:
    """The corrections a lawyer made to this file's split in the window (by its content)."""
    return remembered_hints(data_dir(), source, note_to_stderr)


def _write_html(outline: Outline, source: Path, output: Path, *, quiet: bool) -> None:
    """Write the page; say where unless stdout carries the JSON object alone."""
    try:
        output.write_text(outline_html(outline, source.name), encoding="utf-8")
    except OSError as exc:
        raise InputError(f"{output}: cannot write the page: {exc.strerror or exc}") from None
    if not quiet:
        articles = sum(len(list(d.iter_articles())) for d in outline.documents)
        print(for_terminal(f"{output}: {articles} article(s) beside the text of {source.name}"))


def _export(args: argparse.Namespace) -> int:
    source, output = Path(args.input), Path(args.output)
    refuse_own_input(output, source)  # `export d.contract -o d.contract` would lose the draft
    pdf = output.suffix.lower() == ".pdf"
    if pdf and getattr(args, "write_pdf", None) is None:
        raise InputError(Msg("此处无法导出 PDF：请用 contract-editor 命令。",
                             "PDF export is not available here: use the contract-editor "
                             "command."))  # fmt: skip
    (refuse_unless_pdf if pdf else refuse_unless_word_document)(output)
    draft = draft_of_file(source)
    unfilled = unfilled_fields(draft)
    if unfilled:  # said before writing, so the lawyer knows what the copy still lacks
        count = f"{len(unfilled)} field{'s' if len(unfilled) > 1 else ''} unfilled"
        names = ", ".join(unfilled[:_LISTED_FIELDS])
        more = len(unfilled) - _LISTED_FIELDS
        note_to_stderr(f"{count}: {names}" + (f" and {more} more" if more > 0 else ""))
    if pdf:
        args.write_pdf(draft, output, highlight=not args.no_highlight)
    else:
        options = ExportOptions(args.numbering, toc=args.toc, highlight=not args.no_highlight)
        export_draft(draft, output, options)
    articles = sum(len(p.articles) for p in draft.parts)
    print(for_terminal(f"{output}: {quoted_title(draft.title)}, {articles} article(s)"))
    return 0


def _compare(args: argparse.Namespace) -> int:
    if (args.new is None) != args.sources:
        raise InputError("compare takes OLD and NEW, or one draft with --sources.")
    old, new = Path(args.old), Path(args.new or args.old)
    output = Path(args.output) if args.output else None
    if output is not None:  # refused before reading, so nothing is done for nothing
        refuse_own_input(output, old, new)
        refuse_unless_word_document(output)
    new_draft = draft_of_file(new)
    old_draft = as_taken(new_draft) if args.sources else draft_of_file(old)
    if output is None:
        comparison = compare_drafts(old_draft, new_draft)
    else:
        author = default_author() if args.author is None else args.author
        comparison = export_redline(old_draft, new_draft, output, author)
    if args.json:
        _print_json(comparison.to_json())
    else:
        print(for_terminal(summary(comparison.changes)))
        if output is not None:
            against = "its sources" if args.sources else old.name
            print(for_terminal(f"{output}: redline of {new.name} against {against}"))
    return 0


def _check(args: argparse.Namespace) -> int:
    """The findings, the most serious first; exit code 0 whatever they are (the findings are
    the answer, not a failure). Findings the lawyer ignored in the draft are left out."""
    draft = draft_of_file(Path(args.file))
    found = run_checks(draft)
    shown = active(found)
    chinese = (args.lang or draft_language(draft)) == "zh"
    if args.json:
        _print_json({"findings": [finding_json(f, chinese) for f in shown]})
    else:
        for f in shown:
            where = f.place or "-"
            print(for_terminal(f"{f.severity:<7} {where}  {f.message.text(chinese)}"))
        print(f"{len(shown)} finding(s)" if shown else "no findings")
    ignored = len(found) - len(shown)
    if ignored:
        note_to_stderr(f"{ignored} ignored finding(s) left out")
    return 0


def finding_json(finding: Finding, chinese: bool) -> dict[str, str | None]:
    """A finding as ``check --json`` prints it; ``fix`` is what its fix does, or null."""
    fix = finding.fix.label.text(chinese) if finding.fix is not None else None
    return {
        "kind": finding.kind,
        "severity": finding.severity,
        "message": finding.message.text(chinese),
        "article": finding.article,
        "clause": finding.clause,
        "fix": fix,
    }


def draft_of_file(source: Path, note: Callable[[Msg | str], None] = note_to_stderr) -> Draft:
    """A .contract draft as saved, or the first contract of a text or Word file (what it
    notes on the way -- undecodable bytes, tracked changes -- goes to ``note``)."""
    if source.suffix.lower() == ".contract":
        return load_draft(source)
    outline = read_any(source, note)
    if not outline.documents:
        raise InputError(f"{source} holds no contract.")
    return draft_from_document(outline.documents[0], outline.text, source.name)


def _import(library: ClauseLibrary, files: list[str]) -> int:
    for name in files:
        outline = read_any(Path(name), note_to_stderr, _remembered(Path(name)))
        ids = library.import_outline(outline, Path(name).name)
        articles = sum(len(list(d.iter_articles())) for d in outline.documents)
        print(for_terminal(f"{name}: {len(ids)} document(s), {articles} article(s) imported"))
    return 0


def _search(library: ClauseLibrary, query: str, limit: int, as_json: bool) -> int:
    hits = library.search(query, limit=limit)
    if as_json:
        _print_json({"query": query, "hits": [_hit_json(hit) for hit in hits]})
        return 0
    for hit in hits:
        where = " ".join(x for x in (hit.source_title, hit.label, hit.heading) if x)
        print(for_terminal(f"{where}\n    {hit.snippet}"))
    if not hits:
        print("no matches")
    return 0


def _hit_json(hit: SearchHit) -> dict:
    plain = hit.snippet.replace(HIGHLIGHT_START, "").replace(HIGHLIGHT_END, "")
    return {**hit._asdict(), "text": plain, "highlight": [HIGHLIGHT_START, HIGHLIGHT_END]}


def _stats(library: ClauseLibrary, as_json: bool) -> int:
    stats = library.stats()
    if as_json:
        _print_json(stats)
    else:
        for key, value in stats.items():
            print(f"{key}: {value}")
    return 0


def _print_json(obj: object) -> None:
    sys.stdout.write(json_for_terminal(obj))
    sys.stdout.write("\n")


def render_outline(outline: Outline) -> str:
    """The outline as an indented tree a person can read in a terminal."""
    lines: list[str] = []
    for s in outline.skipped:
        lines.append(f"[skipped: {s.reason}, {s.span[1] - s.span[0]} characters]")
    for d in outline.documents:
        lines.append(quoted_title(d.title) if d.title else "(untitled)")
        for s in d.skipped:
            lines.append(f"  [skipped: {s.reason}, {s.span[1] - s.span[0]} characters]")
        if d.cover is not None:
            lines.append(f"  [cover page, {len(d.cover.value)} characters]")
        _render_parts(d.parts, "  ", lines)
        if d.signature is not None:
            lines.append(f"  [signature block, {len(d.signature.value)} characters]")
        for annex in d.annexes:
            lines.append(f"  {annex.label.value} {annex.title.value}".rstrip())
            _render_parts(annex.parts, "    ", lines)
    return "\n".join(lines)


def _render_parts(parts: list, indent: str, lines: list[str]) -> None:
    for p in parts:
        lines.append(f"{indent}{p.title or '(body)'}")
        for gap in p.gaps:
            lines.append(f"{indent}  [numbering jumps: {gap.missing} missing]")
        for a in p.articles:
            lines.append(f"{indent}  {a.label.value} {a.heading.value}".rstrip())
            for c in a.iter_clauses():
                depth = _clause_depth(a, c)
                lines.append(f"{indent}  {'  ' * depth}{c.label.value} {c.heading.value}".rstrip())


def _clause_depth(article, clause) -> int:
    def walk(children, depth):
        for c in children:
            if c is clause:
                return depth
            found = walk(c.clauses, depth + 1)
            if found:
                return found
        return 0

    return walk(article.clauses, 1)
