"""C207 quote-conflict: the same words attributed to two speakers, or one speaker's
quotation given twice with different words."""
from __future__ import annotations

import re
from difflib import SequenceMatcher
from typing import Any, Iterable

from ..base import Context, Finding, Kind
from .common import NLP_PIPES, clip

# Caps for long articles, far above a news article (over both evaluation corpora: at
# most 34 quotations in an article, 124 words in one).
MAX_QUOTES = 200         # a quotation is compared with at most this many earlier ones
MAX_QUOTE_WORDS = 500    # longer quotations are matched exactly, never fuzzily


class QuoteConflictKind(Kind):
    """One quotation given to two speakers, or one speaker quoted two ways (C207)."""

    defaults = {"min_words": 5, "min_ratio": 0.75}
    requires = NLP_PIPES

    def check(self, ctx: Context) -> Iterable[Finding]:
        from ...facts.speakers import same_speaker

        attributions = ctx.facts.speakers.attributions
        min_words = self.options["min_words"]
        seen: list[Any] = []
        words: _WordIndex | None = None
        for q in attributions:
            ctx.budget.check()
            if len(q.words) < min_words:
                continue
            related = False
            for p in seen[-MAX_QUOTES:]:
                rel = _quote_relation(p.words, q.words, self.options["min_ratio"])
                if rel is None:
                    continue
                related = True
                line = ctx.article.line_of(p.start)
                if rel == "same":
                    # a lede often quotes a fragment of a remark given in full later
                    fragment = not p.speaker and min(len(p.words), len(q.words)) < 2 * min_words
                    # a part of a remark woven into a sentence of the writer's ("said he
                    # planned to 'file my retirement'"): whose words they are is read, not seen
                    shorter = p if len(p.words) < len(q.words) else q if len(q.words) < len(p.words) else None
                    fragment = fragment or shorter is not None and shorter.how in ("parse", "neighbour")
                    # two descriptions ("a ruling", "the judge's appointee") may be one speaker
                    named = bool(p.key or q.key)
                    if q.speaker and not same_speaker(p, q) and not fragment and named:
                        who = f"to {p.speaker}" if p.speaker else "without a named speaker"
                        yield Finding(q.start, q.end,
                                      f"the same words are attributed to {q.speaker} here, "
                                      f"but line {line} gives them {who}",
                                      related=[(p.start, p.end, f"attributed {who} here")])
                        break
                elif q.speaker and p.speaker and same_speaker(p, q):
                    yield Finding(q.start, q.end,
                                  f"{q.speaker} is quoted here with different words than on "
                                  f"line {line}: {clip(p.text)}",
                                  related=[(p.start, p.end, "the other version")])
                    break
            if not related and q.key:
                # the earlier copy may sit in a quotation whose marks do not pair up
                words = words or _WordIndex(ctx.article.text)
                f = self.broken(ctx, q, words, attributions)
                if f is not None:
                    yield f
            seen.append(q)

    def broken(self, ctx: Context, q: Any, words: "_WordIndex", attributions: list[Any]) -> Finding | None:
        """``q``'s words earlier in a paragraph with a stray quotation mark before them."""
        from ...facts.speakers import same_speaker

        hit = words.find(q.words, q.start)
        if hit is None:
            return None
        start, end = hit
        para = ctx.article.paragraph_of(start)
        quotes = ctx.facts.quotes
        if para is None or not any(para[0] <= u < start for u in quotes.unmatched):
            return None
        prior = [p for p in attributions if para[0] <= p.start < start and p.speaker]
        if prior and same_speaker(prior[-1], q):
            return None
        who = f"in {prior[-1].speaker}'s words" if prior else "without that attribution"
        line = ctx.article.line_of(start)
        return Finding(q.start, q.end,
                       f"the same words are attributed to {q.speaker} here, but line {line} "
                       f"quotes them {who}",
                       related=[(start, end, f"quoted {who} here")])


class _WordIndex:
    """The article's words, lowercased, with offsets: finds a word sequence before a point."""

    def __init__(self, text: str) -> None:
        from ...facts.speakers import WORD

        norm = text.replace("\u2019", "'").replace("\u2018", "'").lower()
        self.spans = [(m.start(), m.end()) for m in WORD.finditer(norm)]
        self.joined = ""
        self.at: list[int] = []   # joined-string offset of each word
        parts = []
        pos = 0
        for s, e in self.spans:
            self.at.append(pos)
            parts.append(norm[s:e])
            pos += e - s + 1
        self.joined = " ".join(parts) + " "

    def find(self, words: list[str], before: int) -> tuple[int, int] | None:
        """Text span of the first occurrence of ``words`` ending before offset ``before``."""
        import bisect

        k = self.joined.find(" ".join(words) + " ")
        while k >= 0:
            i = bisect.bisect_left(self.at, k)
            if i < len(self.at) and self.at[i] == k:
                s = self.spans[i][0]
                e = self.spans[i + len(words) - 1][1]
                if e <= before:
                    return s, e
                return None
            k = self.joined.find(" ".join(words) + " ", k + 1)
        return None


def _quote_relation(a: list[str], b: list[str], min_ratio: float) -> str | None:
    """'same' when one quotation's words contain the other's, 'variant' when they are close."""
    if not a or not b:
        return None
    short, long_ = (a, b) if len(a) <= len(b) else (b, a)
    if len(set(short) & set(long_)) < 0.6 * len(set(short)):
        return None                     # cheap test first: most pairs share few words
    ls, ll = " ".join(short), " ".join(long_)
    if re.search(r"(?:^| )" + re.escape(ls) + r"(?: |$)", ll):
        return "same"
    if len(short) / len(long_) < 0.6 or len(long_) > MAX_QUOTE_WORDS:
        return None
    ratio = SequenceMatcher(None, a, b, autojunk=False).ratio()
    return "variant" if ratio >= min_ratio else None
