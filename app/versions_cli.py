"""``contract-editor versions FILE``: the versions a draft's saves kept (app.model.versions).

``versions FILE [--json]`` lists them; ``--restore N -o OUT`` writes version N as a draft of
its own (never over an existing file: the draft itself is restored in the window, as an
undoable step); ``--note N TEXT`` labels a version ("sent to 乙方 12-03"), holding the
draft's lock like every command that changes it.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

from clause_db.messages import Msg
from clause_db.unsafe_chars import for_terminal, json_for_terminal

from .model.draft_lock import locked_for_change
from .model.files import save_draft
from .model.overwrite import OverwriteRefusedError, refuse_own_input
from .model.versions import list_versions, set_note, version_draft

if TYPE_CHECKING:
    import argparse


def add_versions_parser(commands: argparse._SubParsersAction) -> None:
    versions = commands.add_parser("versions", help="the versions kept by a draft's saves")
    versions.add_argument("path", metavar="X.contract")
    versions.add_argument("--json", action="store_true", help="print one JSON object")
    versions.add_argument("--restore", type=int, metavar="N",
                          help="write version N as a new draft (with -o)")  # fmt: skip
    versions.add_argument("-o", "--output", metavar="OUT.contract")
    versions.add_argument("--note", nargs=2, metavar=("N", "TEXT"),
                          help="give version N a note (an empty TEXT removes it)")  # fmt: skip


def run_versions(args: argparse.Namespace) -> int:
    path = Path(args.path)
    if not path.is_file():
        raise OverwriteRefusedError(Msg("{0} 不存在。", "{0} does not exist.", path))
    if args.restore is not None:
        if not args.output:
            raise OverwriteRefusedError("--restore N needs -o OUT.contract: where to write it.")
        return _restore(path, args.restore, Path(args.output))
    if args.note:
        number, note = args.note
        if not number.isdigit():
            raise OverwriteRefusedError(f"--note N TEXT: {number!r} is not a version number.")
        with locked_for_change(path):
            set_note(path, int(number), note)
    versions = list_versions(path)
    if args.json:
        data = {"versions": [v.to_json() for v in versions]}
        sys.stdout.write(json_for_terminal(data) + "\n")
        return 0
    if not versions:
        print(for_terminal(f"{path}: no versions kept yet (each save keeps one)"))
    for v in versions:
        when = v.saved.astimezone().strftime("%Y-%m-%d %H:%M")
        line = f"{v.number:>4}  {when}  +{v.added} -{v.removed}  {v.size} bytes"
        print(for_terminal(f"{line}  {v.note}" if v.note else line))
    return 0


def _restore(path: Path, number: int, output: Path) -> int:
    refuse_own_input(output, path)
    draft = version_draft(path, number)
    with locked_for_change(output):
        if output.exists():
            raise OverwriteRefusedError(Msg(
                "{0} 已存在：请另选输出文件。", "{0} already exists; choose another output file.",
                output,
            ))  # fmt: skip
        save_draft(output, draft)
    print(for_terminal(f"{output}: version {number} of {path.name}"))
    return 0
