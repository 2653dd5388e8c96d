"""What the C104 parts share: the first form used sets the article's choice."""
from __future__ import annotations

from typing import Iterable

from ..base import Context, Finding
from ..findings import writes

Occurrence = tuple[int, int, str]  # (start, end, the form as compared)


def first_form_sets(ctx: Context, occ: list[Occurrence], why: str) -> Iterable[Finding]:
    """The first form sets the choice; every later other form is flagged."""
    occ = sorted(occ)
    if len({o[2] for o in occ}) < 2:
        return
    first = occ[0]
    for s, e, t in occ:
        if t != first[2]:
            yield writes(ctx.article, (s, e, t), first, why, related="first written")


def leftmost(occurrences: list[Occurrence]) -> list[Occurrence]:
    """The occurrences a left-to-right regex search would find: in text order, none
    starting inside the one before."""
    out: list[Occurrence] = []
    for occ in sorted(occurrences):
        if not out or occ[0] >= out[-1][1]:
            out.append(occ)
    return out
