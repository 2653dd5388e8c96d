"""C104 term-variant: one term written two ways in one article.

``TermVariantKind`` is the ``variants`` word lists (rules/terms.yml) plus automatic
checks, each a part of its own that reads alone and is switched by its option:

- ``capitalisation``: Moon/moon, the Government/government; Labour/labour
  (``capitalisation.py``);
- ``compounds``: anti-piracy/antipiracy, website/web site (``compounds.py``);
- ``spelling``: organise/organize (``spelling.py``);
- ``joined_names``: FooFighters/Foo Fighters, for names that are not people or
  organisations (those are C101's; ``facts.spacing``);
- ``abbreviations``: Mr/Mr., 5%/5 per cent (``abbreviations.py``).

A word-list finding wins over an automatic one on the same text; the automatic ones
are reported in text order, none overlapping another.
"""
from __future__ import annotations

import re
from typing import Callable, Iterable

from ..base import Context, Finding
from ..findings import spacing_findings
from ..generic import VariantsKind
from .abbreviations import abbreviations
from .capitalisation import capitalisation, lowered_names
from .compounds import compounds, split_compounds
from .spelling import spelling


def joined_names(ctx: Context) -> Iterable[Finding]:
    """A capitalised term (not a person's or organisation's name) spaced two ways."""
    return spacing_findings(ctx, False)


# (option, part) in the order their findings are merged: ties in position keep this order.
PARTS: tuple[tuple[str, Callable[[Context], Iterable[Finding]]], ...] = (
    ("capitalisation", capitalisation), ("compounds", compounds), ("spelling", spelling),
    ("joined_names", joined_names), ("capitalisation", lowered_names), ("abbreviations", abbreviations),
    ("compounds", split_compounds),
)


class TermVariantKind(VariantsKind):
    """``variants`` word lists plus automatic checks for terms written two ways."""

    defaults = {**VariantsKind.defaults, "capitalisation": True, "compounds": True, "spelling": True,
                "joined_names": True, "abbreviations": True}
    requires = frozenset({"tagger", "attribute_ruler", "parser", "ner"})

    def occurrences(self, ctx: Context) -> list[list[tuple[int, int, str]]]:
        """As ``variants``, but a set needs two of its forms in the text (a cheap substring test first)."""
        low = re.sub(r"\s+", " ", ctx.article.text.lower())
        keep = self.sets
        self.sets = [forms for forms in keep if sum(1 for f, _ in forms if f.lower() in low) >= 2]
        try:
            return super().occurrences(ctx)
        finally:
            self.sets = keep

    def check(self, ctx: Context) -> Iterable[Finding]:
        seen: set[tuple[int, int]] = set()
        for f in super().check(ctx):
            seen.add((f.start, f.end))
            yield f
        auto = [f for option, part in PARTS if self.options[option] for f in part(ctx)]
        for f in sorted(auto, key=lambda f: f.start):
            if any(s < f.end and f.start < e for s, e in seen):
                continue
            seen.add((f.start, f.end))
            yield f
