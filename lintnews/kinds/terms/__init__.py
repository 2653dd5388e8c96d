"""C104 term-variant: one term written two ways in one article.

``TermVariantKind`` is the ``variants`` word lists (rules/terms.yml) plus automatic
checks, each a part of its own that reads alone and is switched by its option:

- ``capitalisation``: Moon/moon, the Government/government; Labour/labour
  (``capitalisation.py``);
- ``compounds``: anti-piracy/antipiracy, website/web site (``compounds.py``);
- ``open_compounds`` (off by default): half-point/half point where both do the same job
  (``compounds.py``);
- ``spelling``: organise/organize (``spelling.py``);
- ``joined_names``: FooFighters/Foo Fighters, for names that are not people or
  organisations (those are C101's; ``facts.spacing``);
- ``abbreviations``: Mr/Mr., 5%/5 per cent (``abbreviations.py``).

A form the newsroom's vocabulary rejects is reported first; an accepted one is never a
variant. A word-list finding wins over an automatic one on the same text; the automatic ones
are reported in text order, none overlapping another.
"""
from __future__ import annotations

import re
from typing import Callable, Iterable

from ..base import Context, Finding
from ..findings import accepted, rejected_findings, spacing_findings
from ..generic import VariantsKind
from .abbreviations import abbreviations
from .capitalisation import capitalisation, lowered_names
from .compounds import compounds, open_compounds, split_compounds
from .spelling import spelling


def rejected(ctx: Context) -> Iterable[Finding]:
    """A term the newsroom's vocabulary rejects ("!web site -> website")."""
    return rejected_findings(ctx, False)


def joined_names(ctx: Context) -> Iterable[Finding]:
    """A capitalised term (not a person's or organisation's name) spaced two ways."""
    return spacing_findings(ctx, False)


def _counts(ctx: Context, hit: tuple[int, int, str], forms: list[str]) -> bool:
    """Whether a use of a listed form counts: not in a quotation where the forms differ as
    abbreviations do (CNN writes "US", the statements it quotes "U.S."), not in the headline for
    forms that differ only by full stops, spaces or case (AP heads "US", its copy "U.S."),
    not a form the newsroom's vocabulary accepts, not an open compound used as a noun
    ("for the long term" beside "long-term plans"), and not a lower-case term capitalised
    as part of a name."""
    s, e, form = hit
    if accepted(ctx, ctx.article.text[s:e]):
        return False
    if ctx.facts.quotes.contains(s, e) and not _spelling_set(forms):
        return False
    h = ctx.article.headline
    if h and h[0] <= s < h[1] and len({re.sub(r"[.\s]", "", f).lower() for f in forms}) == 1:
        return False
    if " " in form and any(f.replace("-", " ") == form and "-" in f for f in forms):
        return _modifies_a_noun(ctx, s, e)
    written = ctx.article.text[s:e]
    if all(f.islower() for f in forms) and written[:1].isupper() and not _starts_sentence(ctx, s):
        return False  # a lower-case term capitalised mid-sentence is a name ("21 Research Centre")
    return True


def _starts_sentence(ctx: Context, s: int) -> bool:
    from ...facts.names import sentence_initial

    span = ctx.doc.char_span(s, s + 1, alignment_mode="expand")
    return span is None or sentence_initial(span[0])


def _spelling_set(forms: list[str]) -> bool:
    """Forms that differ in letters or hyphens (e-mail/email, colour/color): a quotation's
    spelling is the newsroom's transcription. Forms that differ only by full stops,
    spaces, case or a symbol (US/U.S., per cent/percent) are how a written statement
    abbreviates, kept as the statement wrote them."""
    return len({re.sub(r"[.\s]", "", f).lower() for f in forms}) > 1 and not any("%" in f for f in forms)


def _modifies_a_noun(ctx: Context, s: int, e: int) -> bool:
    """"long term" in "long term plans" (a modifier, hyphenated by house style), not in "for the
    long term" (a noun phrase, never hyphenated)."""
    span = ctx.doc.char_span(s, e, alignment_mode="expand")
    if span is None:
        return True
    last = span[-1]
    return last.dep_ in ("compound", "amod", "nmod") and last.head.i > last.i


# (option, part) in the order their findings are merged: ties in position keep this order.
PARTS: tuple[tuple[str, Callable[[Context], Iterable[Finding]]], ...] = (
    ("capitalisation", capitalisation), ("compounds", compounds), ("spelling", spelling),
    ("joined_names", joined_names), ("capitalisation", lowered_names), ("abbreviations", abbreviations),
    ("compounds", split_compounds), ("open_compounds", open_compounds),
)


class TermVariantKind(VariantsKind):
    """``variants`` word lists plus automatic checks for terms written two ways."""

    defaults = {**VariantsKind.defaults, "capitalisation": True, "compounds": True, "spelling": True,
                "joined_names": True, "abbreviations": True, "open_compounds": False}
    requires = frozenset({"tagger", "attribute_ruler", "parser", "ner"})

    def occurrences(self, ctx: Context) -> list[list[tuple[int, int, str]]]:
        """As ``variants``, but a set needs two of its forms in the text (a cheap substring
        test first), and some uses do not count (``_counts``)."""
        low = re.sub(r"\s+", " ", ctx.article.text.lower())
        keep = self.sets
        self.sets = [forms for forms in keep if sum(1 for f, _ in forms if f.lower() in low) >= 2]
        try:
            found = super().occurrences(ctx)
        finally:
            sets, self.sets = self.sets, keep
        return [[h for h in hits if _counts(ctx, h, [f for f, _ in forms])] for hits, forms in zip(found, sets)]
    def check(self, ctx: Context) -> Iterable[Finding]:
        seen: set[tuple[int, int]] = set()
        for f in rejected(ctx):
            seen.add((f.start, f.end))
            yield f
        for f in super().check(ctx):
            if any(s < f.end and f.start < e for s, e in seen):
                continue
            seen.add((f.start, f.end))
            yield f
        auto = [f for option, part in PARTS if self.options[option] for f in part(ctx)]
        for f in sorted(auto, key=lambda f: f.start):
            if any(s < f.end and f.start < e for s, e in seen):
                continue
            seen.add((f.start, f.end))
            yield f
