"""C208 redundant-sentence: a sentence that repeats an earlier one almost word for word
(or with its phrases moved, or inside a longer sentence)."""
from __future__ import annotations

from difflib import SequenceMatcher
from typing import Any, Iterable

from ...facts.claims import Claims, Sentence
from ..base import Context, Finding, Kind
from .common import NLP_PIPES, clip, sentence_span


class RedundantSentenceKind(Kind):
    """A sentence that repeats an earlier one almost word for word (C208)."""

    defaults = {"min_ratio": 0.8, "min_words": 6, "min_contained": 0.95}
    requires = NLP_PIPES

    def check(self, ctx: Context) -> Iterable[Finding]:
        claims: Claims = ctx.facts.claims
        min_words = self.options["min_words"]
        for s in claims.sentences:
            ctx.budget.check()
            if len(s.units) < min_words:
                continue
            for j, shared in claims.candidates(s.index, 3):
                a = claims.sentences[j]
                if len(a.units) < min_words or shared < 0.6 * min(len(a.content), len(s.content)):
                    continue
                sm = SequenceMatcher(None, a.lemmas, s.lemmas, autojunk=False)
                shorter = min(len(a.units), len(s.units))
                if shorter < 2 * min_words and sm.real_quick_ratio() < self.options["min_ratio"]:
                    continue   # too different in length to be a repeat, too short to be inside
                ratio = sm.ratio() if sm.quick_ratio() >= self.options["min_ratio"] else 0.0
                how = "repeats" if ratio >= 0.999 else "nearly repeats"
                if ratio < self.options["min_ratio"] and shorter >= 2 * min_words and \
                        _reordered(a.lemmas, s.lemmas) and not (a.in_quote or s.in_quote):
                    # "With 5% growth forecast, the economy is enjoying ..." retold with its
                    # phrases moved: the same words in the same runs, another order
                    ratio, how = 1.0, "repeats, in another order,"
                if ratio < self.options["min_ratio"]:
                    # one sentence inside the other: the parser joined a repeat to its neighbour
                    # (quotations excepted: a lede quoting part of a remark is normal)
                    same = sum(b.size for b in sm.get_matching_blocks())
                    if shorter < 2 * min_words or same / shorter < self.options["min_contained"] \
                            or a.in_quote or s.in_quote or _quoted(ctx, a) or _quoted(ctx, s):
                        continue
                    how = "repeats, within a longer sentence,"
                if how == "nearly repeats" and _other_facts(sm, a, s):
                    continue   # "The Dow dropped ..." / "The S&P 500 also dropped ...": another actor
                if not _other_speaker(ctx, a, s):
                    start, end = sentence_span(ctx, s)
                    astart, aend = sentence_span(ctx, a)
                    line = ctx.article.line_of(astart)
                    yield Finding(start, end,
                                  f"{how} line {line}: {clip(ctx.article.text[astart:aend])}",
                                  related=[(astart, aend, "first said here")])
                    break


def _other_facts(sm: SequenceMatcher, a: Sentence, b: Sentence) -> bool:
    """Whether ``b`` puts another name or another figure where ``a`` has one: the same words
    about someone else, or with other numbers, are a parallel or a conflict (other rules'
    findings), never a repeat."""
    from ...facts.claims import is_alias

    for op, i1, i2, j1, j2 in sm.get_opcodes():
        if op != "replace":
            continue
        na = [u.ent.key for u in a.units[i1:i2] if u.ent is not None and u.ent.key]
        nb = [u.ent.key for u in b.units[j1:j2] if u.ent is not None and u.ent.key]
        if na and nb and not any(is_alias(x, y) or _short_form(x, y) for x in na for y in nb):
            return True
        if any(u.pos == "NUM" for u in a.units[i1:i2]) and any(u.pos == "NUM" for u in b.units[j1:j2]):
            return True
    return False


def _short_form(a: str, b: str) -> bool:
    """One name may shorten the other ("Dems", "Liberal Democrats"): a word of each starts alike."""
    return any(x[:3] == y[:3] for x in a.split() for y in b.split() if len(x) >= 3 and len(y) >= 3)


def _reordered(a: list[str], b: list[str]) -> bool:
    """Whether ``b`` is ``a`` with its phrases moved: nearly the same bag of words, and
    nearly every run of three words of the shorter one found in the other."""
    from collections import Counter

    ca, cb = Counter(a), Counter(b)
    if 2 * sum((ca & cb).values()) / (len(a) + len(b)) < 0.9:
        return False
    short, long_ = (a, b) if len(a) <= len(b) else (b, a)
    grams = {tuple(long_[i:i + 3]) for i in range(len(long_) - 2)}
    own = [tuple(short[i:i + 3]) for i in range(len(short) - 2)]
    return sum(g in grams for g in own) >= 0.75 * len(own)


def _quoted(ctx: Context, s: Sentence) -> bool:
    """Whether the sentence holds a direct quotation."""
    return any(s.start <= q.start < s.end for q in ctx.facts.quotes.quotes)


def _other_speaker(ctx: Context, a: Sentence, b: Sentence) -> bool:
    """Both sentences quote someone, and not the same person: quote-conflict's finding."""
    from ...facts.speakers import same_speaker

    atts = ctx.facts.speakers.attributions

    def speaker(s: Sentence) -> Any:
        return next((q for q in atts if s.start <= q.start < s.end or q.start <= s.start < q.end), None)

    qa, qb = speaker(a), speaker(b)
    return bool(qa and qb and qb.speaker and not same_speaker(qa, qb))
