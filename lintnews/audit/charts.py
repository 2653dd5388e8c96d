"""Bar charts as geometry for the report's inline SVG (drawn by templates/_macros.html.j2).

No plotting library: a chart is a list of bars with positions computed here; labels are
data and are escaped by the template like everything else.
"""
from __future__ import annotations

from dataclasses import dataclass, field

LABEL_CHARS = 36


@dataclass
class Bar:
    label: str
    value: float
    shown: str          # the value as printed beside the bar
    note: str           # hover title
    cls: str = ""
    x: float = 0
    y: float = 0
    w: float = 0
    h: float = 0
    text_y: float = 0


@dataclass
class Chart:
    ident: str
    title: str
    width: int
    height: int
    bars: list[Bar] = field(default_factory=list)
    label_width: int = 0
    left: int = 0
    top: int = 0
    base: int = 0
    max_shown: str = ""


def hbars(ident: str, title: str, bars: list[Bar], label_width: int = 260, area: int = 420) -> Chart:
    """Horizontal bars, one row each, longest value the full ``area`` wide."""
    row = 22
    top = max((b.value for b in bars), default=0) or 1
    for i, b in enumerate(bars):
        b.label = _short(b.label)
        b.x, b.y, b.h = label_width, 4 + i * row, row - 8
        b.w = round(b.value / top * area, 1)
        b.text_y = b.y + b.h - 3
    return Chart(ident, title, label_width + area + 80, 8 + row * len(bars), bars, label_width=label_width)


def vbars(ident: str, title: str, bars: list[Bar], max_shown: str, width: int = 760) -> Chart:
    """Vertical bars in order (months), with at most ~12 labels under the axis."""
    left, top_pad, base, height = 48, 12, 190, 214
    n = max(1, len(bars))
    slot = (width - left - 10) / n
    top = max((b.value for b in bars), default=0) or 1
    every = max(1, -(-n // 12))  # ceil(n / 12)
    for i, b in enumerate(bars):
        b.w = round(max(1.0, slot * 0.8), 1)
        b.x = round(left + i * slot + (slot - b.w) / 2, 1)
        b.h = round(b.value / top * (base - top_pad), 1)
        b.y = round(base - b.h, 1)
        if i % every:
            b.label = ""
    return Chart(ident, title, width, height, bars, left=left, top=top_pad, base=base, max_shown=max_shown)


def _short(label: str) -> str:
    return label if len(label) <= LABEL_CHARS else label[:LABEL_CHARS - 1] + "…"
