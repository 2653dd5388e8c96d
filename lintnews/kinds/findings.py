"""Builders for the findings many kinds make: one thing written or told two ways.

Every conflict points at this side, names the line of the other side and relates
it, so that each message reads the same wherever it is built.
"""
from __future__ import annotations

import re

from ..article import Article
from .base import Finding

Span = tuple[int, int, str]  # (start, end, text as shown)


def quoted(text: str) -> str:
    """``text`` in single quotation marks, its runs of whitespace made one space."""
    return "'" + re.sub(r"\s+", " ", text) + "'"


def says(art: Article, here: Span, there: Span, why: str) -> Finding:
    """"says 'X' here, but line N says 'Y' (why)": one account told two ways."""
    line = art.line_of(there[0])
    return Finding(here[0], here[1], f"says '{here[2]}' here, but line {line} says '{there[2]}' ({why})",
                   related=[(there[0], there[1], f"'{there[2]}' here")])


def writes(art: Article, here: Span, there: Span, note: str = "", related: str = "written") -> Finding:
    """"'X' here, but line N writes 'Y'{note}": one name or term written two ways."""
    return Finding(here[0], here[1],
                   f"{quoted(here[2])} here, but line {art.line_of(there[0])} writes {quoted(there[2])}{note}",
                   related=[(there[0], there[1], f"{related} {quoted(there[2])} here")])
