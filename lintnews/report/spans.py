"""Source positions for the HTML outputs: (line, column) to offsets, excerpts, and the
source cut into segments at every finding's edges (for highlighting in place).

Lines end at ``\\n``, ``\\r\\n`` or a lone ``\\r`` and columns count code points, as
every diagnostic counts them; a position past the end is clamped to it.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from ..article import line_starts

EXCERPT_CHARS = 90      # context on each side of a flagged text
FLAGGED_CHARS = 300     # a longer flagged text is shown as its start and end


def offset(source: str, starts: list[int], line: int, column: int) -> int:
    """The offset of a 1-based (line, column) in ``source``, clamped to its line and the text."""
    if line < 1:
        return 0
    if line > len(starts):
        return len(source)
    start = starts[line - 1]
    end = starts[line] if line < len(starts) else len(source)
    while end > start and source[end - 1] in "\r\n":
        end -= 1
    return min(start + max(column, 1) - 1, end)


def span(source: str, starts: list[int], loc) -> tuple[int, int]:
    """(start, end) offsets of a Location-like object (line, column, end_line, end_column)."""
    a = offset(source, starts, loc.line, loc.column)
    b = offset(source, starts, loc.end_line, loc.end_column)
    return a, max(a, b)


def excerpt(source: str, starts: list[int], loc, width: int = EXCERPT_CHARS) -> tuple[str, str, str]:
    """(before, flagged, after): the flagged text with up to ``width`` characters of its
    lines on each side, cut at a space; '…' marks a cut."""
    a, b = span(source, starts, loc)
    line_start = starts[loc.line - 1] if 1 <= loc.line <= len(starts) else a
    line_end = _line_end(source, starts, loc.end_line, b)
    before = source[max(line_start, a - width):a]
    if a - width > line_start:
        before = "…" + before[before.find(" ") + 1:] if " " in before else "…" + before
    after = source[b:min(line_end, b + width)]
    if b + width < line_end:
        after = (after[:after.rfind(" ")] if " " in after else after) + "…"
    flagged = source[a:b]
    if len(flagged) > FLAGGED_CHARS:
        half = FLAGGED_CHARS // 2
        flagged = flagged[:half] + " … " + flagged[-half:]
    return before, flagged, after


def _line_end(source: str, starts: list[int], line: int, fallback: int) -> int:
    if not 1 <= line <= len(starts):
        return fallback
    end = starts[line] if line < len(starts) else len(source)
    while end > fallback and source[end - 1] in "\r\n":
        end -= 1
    return end


@dataclass
class Segment:
    """A stretch of source covered by the same findings and other sides."""

    text: str
    findings: list[int] = field(default_factory=list)          # finding numbers covering it
    others: list[tuple[int, int]] = field(default_factory=list)  # (finding, related) covering it
    anchors: list[str] = field(default_factory=list)           # ids of ranges that start here
    notes: list[int] = field(default_factory=list)             # findings that end just before it


def segments(source: str, ranges: list[tuple[int, int, int, int]]) -> list[Segment]:
    """Cut ``source`` at the edges of ``ranges`` = (start, end, finding, related), where
    related is -1 for the finding itself and k for its k-th other side.

    Each segment says which findings and other sides cover it, which ranges start at
    it (anchors) and which findings end just before it (their note marks go there).
    """
    cuts = sorted({0, len(source)} | {r[0] for r in ranges} | {r[1] for r in ranges})
    starts_at: dict[int, list[tuple[int, int]]] = {}
    ends_at: dict[int, list[int]] = {}
    for s, e, f, k in ranges:
        starts_at.setdefault(s, []).append((f, k))
        if k < 0:
            ends_at.setdefault(e, []).append(f)
    out: list[Segment] = []
    for a, b in zip(cuts, cuts[1:] + [None]):  # the last cut gives an empty segment: anchors at the end
        seg = Segment(source[a:b] if b is not None else "")
        seg.anchors = [anchor_id(f, k) for f, k in sorted(starts_at.get(a, []))]
        seg.notes = sorted(ends_at.get(a, []))
        if b is not None:
            for s, e, f, k in ranges:
                if s <= a and b <= e and s < e:
                    (seg.findings.append(f) if k < 0 else seg.others.append((f, k)))
        if seg.text or seg.anchors or seg.notes:
            out.append(seg)
    return out


def anchor_id(finding: int, related: int = -1) -> str:
    """The in-page id of a finding (related -1) or of one of its other sides."""
    return f"f{finding}" if related < 0 else f"f{finding}-o{related}"
