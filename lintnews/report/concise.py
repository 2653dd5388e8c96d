"""``path:line:col: CODE message`` (pre-commit, pipes)."""
from __future__ import annotations


def render(diags, ctx) -> str:
    return "".join(f"{d.path}:{d.line}:{d.column}: {d.code} {d.message}\n" for d in diags)
