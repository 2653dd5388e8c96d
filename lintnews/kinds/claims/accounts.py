"""C201 conflicting-accounts: two sentences telling one event with a different key detail.

Each later sentence is paired with earlier ones that share content words
(``Claims.candidates``) and tried against three parts in turn; the first finding
for a sentence is its only one.
"""
from __future__ import annotations

import re
from typing import Iterable

from ...facts.claims import Claims, Sentence
from ..base import Context, Finding, Kind
from .accounts_frames import other_object
from .accounts_roles import role_swapped
from .accounts_swap import name_swapped
from .common import NLP_PIPES


class ConflictingAccountsKind(Kind):
    """Two sentences telling one event with a different key detail (C201)."""

    defaults = {
        "min_shared": 2,          # content lemmas two sentences must share to be compared
        "min_coverage": 0.8,      # share of the retelling's words found in the earlier sentence
        "min_matched": 2,         # content words matched besides the swapped name
        "min_jaccard": 0.5,       # content overlap that makes one shared act a restatement
        "max_new_words": 1,       # content words of the retelling not in the earlier sentence
    }
    requires = NLP_PIPES

    def check(self, ctx: Context) -> Iterable[Finding]:
        claims: Claims = ctx.facts.claims
        options = self.options
        reported: set[int] = set()
        for s in claims.sentences:
            ctx.budget.check()
            for j, shared in claims.candidates(s.index, options["min_shared"]):
                earlier = claims.sentences[j]
                if earlier.in_quote or another_instance(ctx.article.text, earlier, s):
                    continue
                # a retelling shares most of its words with the original: skip the alignment
                # for pairs that cannot reach the coverage (cheap on long articles); inside a
                # quotation only a word-for-word retelling of the writer's own sentence counts
                f = None
                if shared >= options["min_coverage"] * 0.75 * (len(s.content) - 1):
                    f = name_swapped(ctx, earlier, s, options)
                if not s.in_quote:
                    f = f or other_object(ctx, earlier, s, options) or role_swapped(ctx, earlier, s, options)
                if f is not None and s.index not in reported:
                    reported.add(s.index)
                    yield f
                    break


# "The S&P 500 also dropped ...", "He then left the class": the sentence tells of another
# instance or a later event, not the earlier one again.
_ANOTHER = re.compile(r"\b(?:also|again|then|later|afterwards|likewise|similarly|as well|too(?=\s*[,.;]))\b",
                      re.I)


def another_instance(text: str, a: Sentence, b: Sentence) -> bool:
    """Whether ``b`` marks itself as another instance or a later event than ``a`` tells."""
    return bool(_ANOTHER.search(text[b.start:b.end])) and not _ANOTHER.search(text[a.start:a.end])
