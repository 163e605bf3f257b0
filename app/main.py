"""Entry point of ``contract-editor``: headless commands, or the editor window without one."""

from __future__ import annotations

import sys
from collections.abc import Sequence

from app.cli import build_parser, main_cli


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    args, _ = build_parser().parse_known_args(argv)
    if args.command is None:
        from app.ui.launch import launch  # Qt is loaded only for the window

        return launch(args.db, argv)
    return main_cli(argv)


if __name__ == "__main__":
    sys.exit(main())
