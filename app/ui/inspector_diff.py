"""Changes as rich text, the way the Clause tab and the swap warning show them."""

from __future__ import annotations

import html

DELETED_STYLE = "color:#b00020;text-decoration:line-through"
INSERTED_STYLE = "color:#1b7f2a;text-decoration:underline"


def esc(text: str) -> str:
    """Plain text as rich text, line breaks kept."""
    return html.escape(text).replace("\n", "<br>")


def diff_html(runs: list[tuple[str, str]]) -> str:
    """(op, text) runs as rich text: deletions struck out in red, insertions underlined green."""
    out = []
    for op, text in runs:
        if op == "-":
            out.append(f'<span style="{DELETED_STYLE}">{esc(text)}</span>')
        elif op == "+":
            out.append(f'<span style="{INSERTED_STYLE}">{esc(text)}</span>')
        else:
            out.append(esc(text))
    return "".join(out)
