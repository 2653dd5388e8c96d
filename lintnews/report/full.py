"""rustc/ruff-style: the flagged text with a caret underline, then the other side of a conflict.

News paragraphs are single lines of 300-450 characters, so each source line is shown
as a window around the flagged text that fits the terminal (elided with ``…`` at both
ends) and the carets go under the span only; a span too long for the window has its
first words underlined and its length given. Every output line fits ``width`` cells
(wide characters take two). The ``-->`` header always gives the true source line and
column: only the excerpt is windowed. Control and format characters (a binary file's
bytes, zero-width spaces) are shown escaped, never sent to the terminal.
"""
from __future__ import annotations

import os
import shutil
import sys
import unicodedata

from rich.cells import cell_len

from ..article import split_lines
from ..diagnostics import Severity

COLORS = {Severity.ERROR: "\x1b[1;31m", Severity.WARNING: "\x1b[1;33m", Severity.INFO: "\x1b[1;36m"}
BOLD, BLUE, RESET = "\x1b[1m", "\x1b[1;34m", "\x1b[0m"
DEFAULT_WIDTH = 100  # a CI log or a pipe has no width: wide enough for a window of ~90 characters
MIN_WIDTH = 40       # narrower than this, a window would show too little to recognise the text
ELLIPSIS = "…"
HIDDEN = frozenset(("Cc", "Cf", "Zl", "Zp", "Cs"))  # controls, format characters, separators


def terminal_width() -> int:
    """Columns to fit: the terminal's when stdout is one, else ``$COLUMNS``, else 100."""
    if sys.stdout.isatty():
        return shutil.get_terminal_size((DEFAULT_WIDTH, 24)).columns
    try:
        return int(os.environ["COLUMNS"])
    except (KeyError, ValueError):
        return DEFAULT_WIDTH


def shown(ch: str) -> str:
    """How one source character is displayed: a tab as a space, a control or invisible
    character escaped (``\\x00``, ``\\u200b``), anything else as itself."""
    if ch == "\t":
        return " "
    if unicodedata.category(ch) in HIDDEN:
        o = ord(ch)
        return f"\\x{o:02x}" if o < 0x100 else f"\\u{o:04x}" if o < 0x10000 else f"\\U{o:08x}"
    return ch


def widths(units: list[str]) -> list[int]:
    """Cells each displayed unit adds to the line, as rich measures text: wide characters
    take two, combining marks none, and an emoji's variation selector (U+FE0F) can widen
    the character before it, so each unit is measured with the one before it."""
    out, prev = [], ""
    for u in units:
        out.append(max(0, cell_len(prev + u) - cell_len(prev)) if prev else cell_len(u))
        prev = u
    return out


def _is_mark(unit: str) -> bool:
    return unicodedata.category(unit[0]) in ("Mn", "Me", "Mc")


def printable(s: str) -> str:
    """``s`` with every character as ``shown`` displays it."""
    return "".join(shown(c) for c in s)


def _window(w: list[int], s: int, e: int, avail: int, ctx: int,
            cut_left: bool, cut_right: bool) -> tuple[int, int]:
    """Units ``[a, b)`` to show so that they, and an ellipsis on each side that is cut,
    fit ``avail`` cells; ``a`` is at most ``ctx`` cells left of ``s``."""
    n = len(w)
    a, c = s, 0
    while a > 0 and c + w[a - 1] <= ctx:
        a -= 1
        c += w[a]
    used = 1 if (a > 0 or cut_left) else 0
    b = a
    while b < n and used + w[b] + (1 if (b + 1 < n or cut_right) else 0) <= avail:
        used += w[b]
        b += 1
    if b == n and not cut_right:  # the line's end is in view: spend what is left on the left
        while a > 0 and w[a - 1] <= avail - used + (1 if a == 1 and not cut_left else 0):
            a -= 1
            used += w[a] - (1 if a == 0 and not cut_left else 0)
    return a, b


def _underline(units: list[str], w: list[int], s: int, stop: int, cap: int) -> int:
    """Cells to underline from ``s``: all of ``[s, stop)`` if it fits ``cap``, else up to
    the end of the last whole word that does (at least one cell)."""
    total = word_end = 0
    for i in range(s, stop):
        if total + w[i] > cap:
            return max(1, word_end or total)
        if units[i] == " " and total:
            word_end = total
        total += w[i]
    return max(1, total)


def excerpt(text: str, s: int, e: int, avail: int, continues: int = 0) -> tuple[str, int, int, str]:
    """A window of ``text`` around ``[s, e)`` (code-point indices) that fits ``avail`` cells.

    Returns (shown line, caret offset in cells, caret count, label): the label follows the
    carets when the span is longer than the window ("… (312 characters)") or goes on to
    line ``continues`` ("… (to line 9)"). Offset + carets + label fit ``avail`` too.
    """
    n = len(text)
    s, e = min(max(s, 0), n), min(max(e, s), n)
    # only a neighbourhood of the span can be shown: never measure a whole megabyte line
    lo, hi = max(0, s - 2 * avail), min(n, min(e, s + 2 * avail) + 2 * avail)
    units = [shown(c) for c in text[lo:hi]]
    w = widths(units)
    if s == n:  # a point at the end of the line: leave room for its caret
        units.append(" ")
        w.append(1)
    s, e = s - lo, e - lo
    span = sum(w[s:max(e, s + 1)])
    long = bool(continues) or span + 2 > avail
    ctx = min(8, avail // 8) if long else max(0, (avail - 2 - span) // 2)
    if lo == 0 and hi == n and sum(w) <= avail:
        a, b = 0, len(w)
    else:
        a, b = _window(w, s, e, avail, ctx, lo > 0, hi < n)
        while a < s and _is_mark(units[a]):  # never start on a mark cut from its character
            a += 1
    left, right = a > 0 or lo > 0, b < len(w) or hi < n
    line = (ELLIPSIS if left else "") + "".join(units[a:b]) + (ELLIPSIS if right else "")
    offset = (1 if left else 0) + sum(w[a:s])
    label = (f"{ELLIPSIS} (to line {continues})" if continues
             else f"{ELLIPSIS} ({e - s} characters)" if e > b else "")
    if not label:
        return line, offset, max(1, sum(w[s:e])), ""
    carets = _underline(units, w, s, min(e, b), avail - offset - 1 - cell_len(label))
    if offset + carets + 1 + cell_len(label) > avail:
        label = ELLIPSIS
    return line, offset, carets, label


def _wrap(text: str, width: int, indent: int) -> list[tuple[int, int]]:
    """Ranges of ``text`` (displayable) for lines of at most ``width`` cells, broken at
    spaces where possible; lines after the first are to be indented by ``indent``."""
    out, pos, n = [], 0, len(text)
    w = widths(list(text))
    while pos < n:
        room = width - (indent if out else 0)
        end, used, space = pos, 0, -1
        while end < n and used + w[end] <= room:
            if text[end] == " ":
                space = end
            used += w[end]
            end += 1
        if end < n and text[end] != " " and space > pos:
            end = space  # break at the last space that fits
        end = max(end, pos + 1)
        out.append((pos, end))
        pos = end
        while pos < n and text[pos] == " ":
            pos += 1
    return out or [(0, 0)]


def _styled_lines(parts: list[tuple[str, str | None]], width: int, indent: int, paint) -> list[str]:
    """Wrap text made of (text, style) parts and paint each line's runs."""
    text = "".join(printable(t) for t, _ in parts)
    styles: list[str | None] = [st for t, st in parts for _ in printable(t)]
    out = []
    for k, (a, b) in enumerate(_wrap(text, width, indent)):
        runs, i = [], a
        while i < b:
            j = i
            while j < b and styles[j] == styles[i]:
                j += 1
            runs.append(paint(styles[i], text[i:j]) if styles[i] else text[i:j])
            i = j
        out.append((" " * indent if k else "") + "".join(runs))
    return out


def _snippet(lines: list[str], loc, color: str, paint, gutter: int, width: int) -> list[str]:
    """The excerpt of ``loc``'s first line and its caret line, each within ``width``."""
    if not (1 <= loc.line <= len(lines)):
        return []
    text = lines[loc.line - 1]
    end = loc.end_column - 1 if loc.end_line == loc.line else len(text)
    avail = width - gutter - 5  # "  12 | "
    shown_line, offset, carets, label = excerpt(
        text, loc.column - 1, end, avail, continues=loc.end_line if loc.end_line > loc.line else 0)
    return [f"  {paint(BLUE, f'{loc.line:>{gutter}} |')} {shown_line}",
            f"  {paint(BLUE, ' ' * gutter + ' |')} {' ' * offset}{paint(color, '^' * carets)}"
            + (f" {label}" if label else "")]


def render(diags, ctx) -> str:
    def paint(code: str, s: str) -> str:
        return f"{code}{s}{RESET}" if ctx.color else s

    width = max(MIN_WIDTH, getattr(ctx, "width", 0) or terminal_width())
    out: list[str] = []
    cache: dict[str, list[str]] = {}

    def lines_of(path: str) -> list[str]:
        if path not in cache:  # \n, \r\n, \r: as diagnostics count lines
            source = ctx.sources.get(path)
            cache[path] = split_lines(source) if source else []
        return cache[path]

    for d in diags:
        out += _styled_lines([(f"{d.severity}[{d.code}]", COLORS[d.severity]), (": ", None),
                              (d.message, BOLD), (f" ({d.rule})", None)], width, 4, paint)
        out += _styled_lines([("  ", None), ("-->", BLUE), (f" {d.path}:{d.line}:{d.column}", None)],
                             width, 6, paint)
        gutter = max([len(str(d.line))] + [len(str(r.location.line)) for r in d.related])
        out += _snippet(lines_of(d.path), d.location, COLORS[d.severity], paint, gutter, width)
        for r in d.related:
            loc = r.location
            out += _styled_lines([("  ", None), ("::", BLUE),
                                  (f" {loc.path}:{loc.line}:{loc.column}: {r.message}", None)],
                                 width, 5, paint)
            out += _snippet(lines_of(loc.path), loc, BLUE, paint, gutter, width)
        if d.fix:
            out += _styled_lines([("  ", None), ("=", BLUE),
                                  (f" fix: {d.fix.message}" + ("" if d.fix.safe else " (unsafe)"), None)],
                                 width, 5, paint)
        out.append("")
    return "\n".join(out) + ("\n" if out else "")
