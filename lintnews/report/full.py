"""rustc/ruff-style: the source line with a caret underline, then the related lines."""
from __future__ import annotations

import unicodedata

from ..article import split_lines
from ..diagnostics import Severity

COLORS = {Severity.ERROR: "\x1b[1;31m", Severity.WARNING: "\x1b[1;33m", Severity.INFO: "\x1b[1;36m"}
BOLD, BLUE, RESET = "\x1b[1m", "\x1b[1;34m", "\x1b[0m"


def _lines(source: str | None) -> list[str]:
    return split_lines(source) if source else []  # \n, \r\n, \r: as diagnostics count lines


def _cells(s: str) -> int:
    """Terminal cells taken by ``s``: wide (CJK, emoji) characters take two, marks none."""
    return sum(0 if unicodedata.combining(c) else 2 if unicodedata.east_asian_width(c) in "WF" else 1
               for c in s)


def _snippet(lines, line, col, end_line, end_col, color, paint, label="", width=0):
    if not (1 <= line <= len(lines)):
        return []
    text = lines[line - 1].replace("\t", " ")
    width = max(width, len(str(line)))
    stop = end_col if end_line == line else len(text) + 1
    carets = "^" * max(1, _cells(text[col - 1:stop - 1]))
    gutter = paint(BLUE, f"{line:>{width}} |")
    pad = paint(BLUE, " " * width + " |")
    return [f"{gutter} {text}",
            f"{pad} {' ' * _cells(text[:col - 1])}{paint(color, carets)}{(' ' + label) if label else ''}"]


def render(diags, ctx) -> str:
    def paint(code: str, s: str) -> str:
        return f"{code}{s}{RESET}" if ctx.color else s

    out = []
    cache: dict[str, list[str]] = {}
    for d in diags:
        lines = cache.setdefault(d.path, _lines(ctx.sources.get(d.path)))
        sev = paint(COLORS[d.severity], f"{d.severity}[{d.code}]")
        out.append(f"{sev}: {paint(BOLD, d.message)} ({d.rule})")
        out.append(f"  {paint(BLUE, '-->')} {d.path}:{d.line}:{d.column}")
        width = max([len(str(d.line))] + [len(str(r.location.line)) for r in d.related])
        out.extend("  " + s for s in _snippet(lines, d.line, d.column, d.end_line, d.end_column,
                                               COLORS[d.severity], paint, width=width))
        for r in d.related:
            loc = r.location
            rl = cache.setdefault(loc.path, _lines(ctx.sources.get(loc.path)))
            out.append(f"  {paint(BLUE, '::')} {loc.path}:{loc.line}:{loc.column}: {r.message}")
            out.extend("  " + s for s in _snippet(rl, loc.line, loc.column, loc.end_line, loc.end_column,
                                                   BLUE, paint, width=width))
        if d.fix:
            out.append(f"  {paint(BLUE, '=')} fix: {d.fix.message}" + ("" if d.fix.safe else " (unsafe)"))
        out.append("")
    return "\n".join(out) + ("\n" if out else "")
