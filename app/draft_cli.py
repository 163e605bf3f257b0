"""``contract-editor draft new|show|fill|move|delete``: drafts from the command line.

Every command that changes a draft saves it the way the app does (atomically, keeping
``NAME.contract.bak``), holding the draft's lock meanwhile: a draft open in a window is
refused, so the window never saves over an edit it has not seen. ``new`` never writes over
its source, nor over a file that is not a draft; it replaces an existing draft that differs
only with ``--force`` and keeps the replaced one as ``.bak`` (an identical one is left
alone, so replacing twice cannot push the lawyer's filled draft out of the ``.bak``).
"""

from __future__ import annotations

import hashlib
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from clause_db.errors import InputError
from clause_db.language import quoted_title
from clause_db.paths import data_dir
from clause_db.unsafe_chars import for_terminal, json_for_terminal

from .model import ops
from .model.draft_lock import locked_for_change
from .model.fileformat import dumps
from .model.files import load_draft, save_draft
from .model.importer import draft_from_document
from .model.numbering import number_paths
from .model.overwrite import (
    OverwriteRefusedError,
    existing_draft,
    filled_summary,
    refuse_own_input,
)
from .model.split_review import mark_fields, remembered_hints
from .model.view import show
from .readers import note_to_stderr, read_any

if TYPE_CHECKING:
    import argparse

    from .model.draft import Draft


class DraftCommandError(InputError):
    """A draft command asked for something the draft does not have."""


def add_draft_parser(commands: argparse._SubParsersAction) -> None:
    draft = commands.add_parser("draft", help="create, show and edit contract drafts")
    actions = draft.add_subparsers(dest="draft_command", metavar="ACTION")
    actions.required = True

    new = actions.add_parser("new", help="a draft from a contract file")
    new.add_argument("--from", dest="source", required=True, metavar="FILE")
    new.add_argument("--document", type=int, default=1, metavar="N",
                     help="which contract of a file holding several (1-based)")  # fmt: skip
    new.add_argument("-o", "--output", required=True, metavar="X.contract")
    new.add_argument("--force", action="store_true",
                     help="replace an existing draft (it is kept as X.contract.bak)")  # fmt: skip

    shown = actions.add_parser("show", help="the draft with numbers and field values")
    shown.add_argument("path", metavar="X.contract")
    shown.add_argument("--json", action="store_true")

    fill = actions.add_parser("fill", help="fill fields: NAME=VALUE (an empty VALUE clears)")
    fill.add_argument("path", metavar="X.contract")
    fill.add_argument("assignments", nargs="+", metavar="NAME=VALUE")

    move = actions.add_parser("move", help="move an article to another position")
    move.add_argument("path", metavar="X.contract")
    move.add_argument("--article", type=int, required=True, metavar="N")
    move.add_argument("--to", type=int, required=True, metavar="M")
    move.add_argument("--part", type=int, default=1, metavar="P")

    delete = actions.add_parser("delete", help="delete an article")
    delete.add_argument("path", metavar="X.contract")
    delete.add_argument("--article", type=int, required=True, metavar="N")
    delete.add_argument("--part", type=int, default=1, metavar="P")


def run_draft(args: argparse.Namespace) -> int:
    if args.draft_command == "new":
        return _new(Path(args.source), args.document, Path(args.output), force=args.force)
    path = Path(args.path)
    if args.draft_command == "show":
        _print_show(load_draft(path), args.json)
        return 0
    with locked_for_change(path):
        return _change(args, path)


def _change(args: argparse.Namespace, path: Path) -> int:
    """fill, move or delete: read, change and save the draft (its lock held by the caller)."""
    draft = load_draft(path)
    history = ops.History(draft)
    if args.draft_command == "fill":
        for assignment in args.assignments:
            name, value = _assignment(assignment)
            for field_id in _fields_named(draft, name):
                history.push(ops.set_field_value(draft, field_id, value), merge=False)
    elif args.draft_command == "move":
        articles = _part(draft, args.part).articles
        index = _article_index(draft, args.part, args.article)
        target = _article_index(draft, args.part, args.to, "--to")
        to_index = target if target < index else target + 1
        part_id = draft.parts[args.part - 1].id
        history.push(ops.move_node(draft, articles[index].id, part_id, to_index))
    else:
        index = _article_index(draft, args.part, args.article)
        history.push(ops.delete_node(draft, _part(draft, args.part).articles[index].id))
    save_draft(path, draft)
    for command in history.done:
        print(for_terminal(command.name.zh))  # the step names as ever
    return 0


def _new(source: Path, document: int, output: Path, *, force: bool) -> int:
    refuse_own_input(output, source)
    hints = remembered_hints(data_dir(), source, note_to_stderr)  # the window's review
    outline = read_any(source, note_to_stderr, hints, keep_changes=True)
    count = len(outline.documents)
    if not 1 <= document <= count:
        raise DraftCommandError(
            f"{source} holds {count} contract(s); there is no contract number {document}."
        )
    name = source.name if count == 1 else f"{source.name} #{document}"
    draft = draft_from_document(outline.documents[document - 1], outline.text, name, outline.markup)
    mark_fields(draft, outline.documents[document - 1], outline.text, hints)
    with locked_for_change(output):
        _replace_draft(output, draft, force=force)
    articles = sum(len(p.articles) for p in draft.parts)
    title = quoted_title(draft.title)
    print(for_terminal(f"{output}: {title}, {len(draft.parts)} part(s), {articles} article(s)"))
    return 0


def _replace_draft(output: Path, draft: Draft, *, force: bool) -> None:
    """Write a new draft at ``output``; an existing one only if forced, kept as ``.bak``."""
    existing = existing_draft(output)
    if existing is None:
        save_draft(output, draft)
        return
    old, old_digest = existing
    if old_digest == hashlib.sha256(dumps(draft)).hexdigest():
        note_to_stderr(f"{output} already holds this draft; it is left as it is")
        return
    if not force:
        raise OverwriteRefusedError(
            f"{output} already holds a draft ({filled_summary(old)}); "
            "add --force to replace it (it is then kept as .bak)."
        )
    save_draft(output, draft)
    note_to_stderr(f"the draft that was in {output} is kept as {output.name}.bak")


def _print_show(draft: Draft, as_json: bool) -> None:
    data = show(draft)
    if as_json:
        sys.stdout.write(json_for_terminal(data) + "\n")
        return
    if data["cover"]:
        print(for_terminal(data["cover"]["text"]) + "\n")
    print(for_terminal(quoted_title(data["title"])))
    _print_parts(data["parts"])
    if data["signature"]:
        print(for_terminal(f"\n{data['signature']['text']}"))
    for annex in data["annexes"]:
        print(for_terminal(f"\n{annex['label']} {annex['title']}".rstrip()))
        if annex["text"]:
            print(for_terminal(annex["text"]))
        _print_parts(annex["parts"])
    texts = [f for f in data["fields"] if f["kind"] != "checkbox"]
    boxes = [f for f in data["fields"] if f["kind"] == "checkbox"]
    unfilled = [f for f in texts if f["value"] is None]
    line = f"\n— {len(texts)} field(s), {len(unfilled)} unfilled"
    if boxes:  # an unticked box is an answer, not a field left to fill
        groups = {f["group"] for f in boxes}
        ticked = sum(1 for f in boxes if f["value"])
        line += f"; {len(boxes)} tick box(es) in {len(groups)} group(s), {ticked} ticked"
    print(line)


def _print_parts(parts: list[dict]) -> None:
    for part in parts:
        if part["title"]:
            print(for_terminal(f"\n{part['title']}"))
        for article in part["articles"]:
            print(for_terminal(f"\n{article['label']} {article['heading']}".rstrip()))
            if article["text"]:
                print(for_terminal(article["text"]))
            _print_tables(article["tables"], 0)
            _print_clauses(article["clauses"], 1)


def _print_clauses(clauses: list[dict], depth: int) -> None:
    for clause in clauses:
        line = f"{'  ' * depth}{clause['label']} {clause['heading']} {clause['text']}".rstrip()
        print(for_terminal(line))
        _print_tables(clause["tables"], depth + 1)
        _print_clauses(clause["clauses"], depth + 1)


def _print_tables(tables: list, depth: int) -> None:
    """A table's rows a line each, cells between bars (a reader of the terminal sees a grid)."""
    for table in tables:
        for row in table:
            cells = " | ".join(cell["text"] for cell in row)
            print(for_terminal(f"{'  ' * depth}| {cells} |"))


def _assignment(text: str) -> tuple[str, str | None]:
    if "=" not in text:
        raise DraftCommandError(f"“{text}” is not NAME=VALUE.")
    name, value = text.split("=", 1)
    return name.strip(), value or None


def _fields_named(draft: Draft, name: str) -> list[int]:
    """A named field (【通知期限】), else every blank labelled so (甲方名称), else #ID."""
    counts = draft.occurrences()
    live = [f for f in draft.fields.values() if counts.get(f.id)]
    named = [f.id for f in live if f.name == name]
    labelled = [f.id for f in live if f.name is None and f.label == name]
    by_id = [f.id for f in live if name.startswith("#") and name[1:] == str(f.id)]
    found = named or labelled or by_id
    if not found:
        known = sorted({f.name or f.label for f in live})
        raise DraftCommandError(f"the draft has no field “{name}”; its fields: {'、'.join(known)}.")
    return found


def _part(draft: Draft, number: int):
    if not 1 <= number <= len(draft.parts):
        raise DraftCommandError(
            f"the draft has {len(draft.parts)} part(s); there is no part {number}."
        )
    return draft.parts[number - 1]


def _shown_numbers(draft: Draft, part: int) -> list[int]:
    """The numbers the part's articles show (a part may continue the previous part's)."""
    paths = number_paths(draft)
    return [paths[a.id][0] for a in _part(draft, part).articles]


def _article_index(draft: Draft, part: int, number: int, option: str = "--article") -> int:
    """The list position of the article shown as ``number`` in ``part``."""
    shown = _shown_numbers(draft, part)
    if number not in shown:
        span = f"{shown[0]}..{shown[-1]}" if shown else "none"
        if option == "--to":
            raise DraftCommandError(f"--to {number} is outside the part's articles ({span}).")
        raise DraftCommandError(f"part {part} has no article {number} (its articles: {span}).")
    return shown.index(number)
