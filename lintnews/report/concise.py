"""``path:line:col: CODE message`` (pre-commit, pipes).

Control and invisible characters in a path or a message (a message quotes the article,
which may hold an escape character or a bidi override) are shown escaped, as ``full``
shows them: a report never sends them to the terminal.
"""
from __future__ import annotations

from .full import printable


def render(diags, ctx) -> str:
    return "".join(f"{printable(d.path)}:{d.line}:{d.column}: {d.code} {printable(d.message)}\n" for d in diags)
