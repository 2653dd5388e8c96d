"""Dashes used as punctuation, and how each is set: spaced (" — ", " – ", " - ", " -- ")
or closed up between words ("word—word", "word--word").

A closed en dash joins a range or a compound ("1990–95", "Hungarian–American") and a
closed hyphen a compound: neither is a dash here. A dash between two numbers is a range
or a score ("9 - 5"), a wire dateline's dash ("BUDAPEST, March 2 - ") the wire's
convention: neither is counted. C105 compares the styles; W202 reads them to choose how
to space a dash spaced on one side only.
"""
from __future__ import annotations

import re
from typing import TYPE_CHECKING, NamedTuple

from ..lexicon import MONTH_ABBREVIATIONS, MONTHS

if TYPE_CHECKING:
    from . import Facts

_MONTH = "|".join(MONTHS + MONTH_ABBREVIATIONS)
_SPACED = re.compile(r"(?<=\S)[ \t]+(—|–|--|-)[ \t]+(?=\S)")
_CLOSED = re.compile(r"(?<=[A-Za-z0-9)’”])(—|--)(?=[A-Za-z0-9(“‘])")
# The place (and date, and agency) of a wire dateline before its dash: "LONDON (Reuters) - ",
# "BUDAPEST, March 2 - ", "c LONDON, April 9 -" (old copy keeps a routing letter).
_DATELINE = re.compile(rf"\s*(?:[a-z]\s+)?[A-Z][A-Z .'\-]+,?\s*(?:(?:{_MONTH})\.?\s+\d{{1,2}}\s*)?"
                       r"(?:\([\w ]+\)\s*)?$")
NAMES = {"—": "em dash", "–": "en dash", "--": "double hyphen", "-": "hyphen"}


class Dash(NamedTuple):
    """One dash used as punctuation: its span (with its spaces), the dash, whether spaced."""

    start: int
    end: int
    dash: str
    spaced: bool

    @property
    def typed(self) -> bool:
        """A dash typed on a keyboard (a spaced hyphen, a double hyphen), not typeset."""
        return self.dash in ("-", "--")


def dashes(text: str) -> list[Dash]:
    """Every dash used as punctuation in ``text``, in text order."""
    out = []
    for m in _SPACED.finditer(text):
        if text[m.start() - 1].isdigit() and text[m.end()].isdigit():
            continue
        line_start = text.rfind("\n", 0, m.start()) + 1
        if _DATELINE.match(text, line_start, m.start(1)):
            continue
        out.append(Dash(m.start(), m.end(), m.group(1), True))
    out += [Dash(m.start(), m.end(), m.group(1), False) for m in _CLOSED.finditer(text)
            if not (text[m.start() - 1].isdigit() and text[m.end()].isdigit())]
    return sorted(out)


def build(facts: "Facts") -> list[Dash]:
    """The article's dashes; one whose spaces come from around markup the reader does not
    see as prose (a tag, an image) is no dash of the copy's."""
    art = facts.article
    return [d for d in dashes(art.text) if art.contiguous(d.start, d.end)]
