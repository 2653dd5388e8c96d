"""What the C104 parts share: the first form used sets the article's choice."""
from __future__ import annotations

from typing import Iterable

from ..base import Context, Finding
from ..findings import accepted, writes

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


def counted(ctx: Context, occ: list[Occurrence], in_quotes: bool = False) -> list[Occurrence]:
    """The occurrences that speak for the article's own style: not a form the newsroom's
    vocabulary accepts and, unless ``in_quotes``, not inside a quotation (a statement keeps
    its own abbreviations: CNN writes "US", the statements it quotes "U.S."). Spelling and
    hyphens inside a quotation are the newsroom's transcription, so they count."""
    quotes = ctx.facts.quotes
    text = ctx.article.text
    return [o for o in occ if (in_quotes or not quotes.contains(o[0], o[1]))
            and not accepted(ctx, text[o[0]:o[1]])]
