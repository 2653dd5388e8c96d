"""Builders for the findings many kinds make: one thing written or told two ways.

Every conflict points at this side, names the line of the other side and relates
it, so that each message reads the same wherever it is built.
"""
from __future__ import annotations

import re
from collections import defaultdict
from typing import Iterable

from ..article import Article
from .base import Context, Finding

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


def spacing_findings(ctx: Context, want_names: bool) -> Iterable[Finding]:
    """A name written with other spacing, hyphens or case than its usual form: C101 for
    people and organisations (``want_names``), C104 for the other capitalised terms. Of
    findings one inside another ("Save America" in "Save America Act"), the longest."""
    art = ctx.article
    found: list[Finding] = []
    for items, is_name in ctx.facts.spacing:
        if is_name != want_names:
            continue
        counts: dict[str, int] = defaultdict(int)
        for _, _, t in items:
            counts[t] += 1
        first = items[0]
        # the first form sets the choice unless a later form is clearly the usual one
        main = max(counts, key=lambda t: (counts[t], -next(i for i, it in enumerate(items) if it[2] == t)))
        ref = next(it for it in items if it[2] == main)
        if counts[main] == counts[first[2]]:
            ref = first
        for s, e, t in items:
            if t != ref[2] and not accepted(ctx, t):
                found.append(writes(art, (s, e, t), ref))
    for f in found:
        if not any(o is not f and o.start <= f.start and f.end <= o.end and o.end - o.start > f.end - f.start
                   for o in found):
            yield f


def accepted(ctx: Context, form: str) -> bool:
    """Whether the newsroom's vocabulary accepts ``form`` exactly as written."""
    vocab = getattr(ctx.settings, "vocabulary", None)
    return vocab is not None and vocab.accepts(form)


def rejected_findings(ctx: Context, want_names: bool) -> Iterable[Finding]:
    """Every use of a form the newsroom's vocabulary rejects: capitalised ones (names) for
    C101 (``want_names``), the others for C104. The right form, when the file gives one, is
    offered as a fix (never safe inside a quotation; C101 and C104 offer no safe fixes)."""
    vocab = getattr(ctx.settings, "vocabulary", None)
    if vocab is None or not vocab.reject:
        return
    text = ctx.article.text
    quotes = ctx.facts.quotes
    for wrong, right in vocab.reject:
        if wrong[:1].isupper() != want_names:
            continue
        rx = re.compile(r"(?<![\w-])" + r"\s+".join(re.escape(w) for w in wrong.split()) + r"(?![\w-])")
        for m in rx.finditer(text):
            advice = f"; write {quoted(right)}" if right else ""
            f = Finding(m.start(), m.end(), f"{quoted(m.group(0))} is a form the newsroom's vocabulary "
                                            f"rejects ({vocab.where(wrong)}){advice}")
            if right:
                f.fix, f.fix_message = [(m.start(), m.end(), right)], f"write {quoted(right)}"
                f.fix_safe = not quotes.contains(m.start(), m.end())
            yield f
