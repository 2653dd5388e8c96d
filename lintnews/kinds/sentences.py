"""Sentence-level style: long sentences (W301), repeated openers (W302), vague attribution (W303),
quotations with no speaker (W304)."""
from __future__ import annotations

import bisect
import re
from typing import Iterable

from .base import Context, Finding, Kind, OptionError

_PARSE = frozenset({"tagger", "attribute_ruler", "lemmatizer", "parser"})


def _words(span) -> int:
    """Words in a span: tokens with a letter or digit (punctuation does not count)."""
    return sum(1 for t in span if any(c.isalnum() for c in t.text))


class LongSentenceKind(Kind):
    """A sentence longer than ``max_words`` words."""

    defaults = {"max_words": 45}
    requires = _PARSE

    def setup(self) -> None:
        if self.options["max_words"] < 5:
            raise OptionError(f"rule {self.rule.code}: option 'max_words' must be at least 5")

    def check(self, ctx: Context) -> Iterable[Finding]:
        limit = self.options["max_words"]
        for sent in ctx.doc.sents:
            n = _words(sent)
            if n > limit:
                text = sent.text.rstrip()
                yield Finding(sent.start_char, sent.start_char + len(text),
                              f"this sentence has {n} words (more than {limit}); consider splitting it")


# Openers made of these words are how English sentences start anyway ("The firm", "He said").
_COMMON = {"the", "a", "an", "he", "she", "it", "they", "we", "i", "you", "this", "that", "these",
           "those", "his", "her", "its", "their", "our", "my", "there", "mr", "ms", "mrs", "dr",
           "but", "and", "or", "so", "in", "on", "at", "of", "for", "as", "if", "when", "some",
           "many", "most", "one", "two", "last", "is", "was", "has", "had", "will", "would"}


MAX_SHOWN = 10  # other sentences named (as related locations) in one W302 finding


class RepeatedOpenerKind(Kind):
    """Many sentences that open with the same words ("According to ...")."""

    defaults = {"words": 2, "min_count": 3}
    requires = _PARSE

    def setup(self) -> None:
        if self.options["words"] < 1 or self.options["min_count"] < 2:
            raise OptionError(f"rule {self.rule.code}: 'words' must be >= 1 and 'min_count' >= 2")

    def check(self, ctx: Context) -> Iterable[Finding]:
        n, need = self.options["words"], self.options["min_count"]
        seen: dict[tuple[str, ...], list[tuple[int, int, str]]] = {}  # opener -> its places
        for sent in ctx.doc.sents:
            toks = [t for t in sent if not t.is_punct and not t.is_space][:n]
            if len(toks) < n or not all(t.is_alpha for t in toks):
                continue
            if all(t.lower_ in _COMMON for t in toks) or toks[0].lower_ in _COMMON \
                    or toks[0].pos_ == "PROPN" or (n > 1 and toks[1].pos_ == "PROPN"):
                continue  # "The company", "Mr Smith", "Tony Blair": normal ways to start
            key = tuple(t.lower_ for t in toks)
            start, end = toks[0].idx, toks[-1].idx + len(toks[-1].text)
            seen.setdefault(key, []).append((start, end, ctx.article.text[start:end]))
        found = [self._finding(ctx, places, need) for places in seen.values() if len(places) >= need]
        yield from sorted(found, key=lambda f: f.start)

    @staticmethod
    def _finding(ctx: Context, places: list[tuple[int, int, str]], need: int) -> Finding:
        """One finding per opener, at the sentence that makes it one too many; the
        others are its related locations (the first MAX_SHOWN of them)."""
        start, end, phrase = places[need - 1]
        others = [p for p in places if p[0] != start]
        shown = others[:MAX_SHOWN]
        more = len(others) - len(shown)
        lines = ", ".join(str(ctx.article.line_of(s)) for s, _, _ in shown) + \
            (f" and {more} more" if more else "")
        related = [(s, e, f"'{t}' opens a sentence here too") for s, e, t in shown]
        return Finding(start, end, f"'{phrase}' opens {len(places)} sentences (also on lines {lines}); "
                                   f"vary the openings", related=related)


_VAGUE = re.compile(
    r"\b(?:(?:some|many|others|critics|experts|observers|analysts|commentators|insiders|people|sources"
    r"|officials|scientists|campaigners|opponents|supporters|economists)\s+"
    r"(?:say|said|claim|claimed|believe|believed|argue|argued|suggest|suggested|fear|feared|think|thought"
    r"|warn|warned|insist|insisted|contend)"
    r"|it\s+(?:is|was|has\s+been|had\s+been)\s+(?:widely\s+)?(?:believed|thought|said|claimed|understood"
    r"|feared|alleged|rumoured|rumored|reported|suggested|argued)"
    r"|(?:is|are|was|were)\s+(?:widely\s+)?(?:believed|thought|said|rumoured|rumored)\s+to)\b", re.I)


class VagueAttributionKind(Kind):
    """'some say', 'critics claim', 'it is believed' with no named person near."""

    defaults = {"window": 1}
    requires = _PARSE | {"ner"}

    def check(self, ctx: Context) -> Iterable[Finding]:
        doc = ctx.doc
        sents = list(doc.sents)
        named = sorted(e.start for e in doc.ents if e.label_ in ("PERSON", "ORG"))  # once: Span.ents scans the doc
        people = [bisect.bisect_left(named, s.start) < len(named) and named[bisect.bisect_left(named, s.start)] < s.end
                  for s in sents]
        w = self.options["window"]
        for i, sent in enumerate(sents):
            for m in _VAGUE.finditer(sent.text):
                if any(people[max(0, i - w):i + w + 1]) and not m.group().lower().startswith("it"):
                    continue  # "critics say" next to a named critic is attributed
                if people[i]:
                    continue
                s = sent.start_char + m.start()
                yield Finding(s, sent.start_char + m.end(),
                              f"'{m.group()}': who? Name the source or say why it cannot be named")


# ---------------------------------------------------------------------------------------
# W304 unattributed quote
# ---------------------------------------------------------------------------------------

class UnattributedQuoteKind(Kind):
    """A full-sentence quotation with no speaker in its sentence or the ones beside it."""

    defaults = {"min_words": 5}
    requires = frozenset({"tagger", "attribute_ruler", "lemmatizer", "parser", "ner"})

    def check(self, ctx: Context) -> Iterable[Finding]:
        from ..facts.speakers import attributes

        text, doc = ctx.article.text, ctx.doc
        quotes = ctx.facts.quotes
        sents = list(doc.sents)
        starts = [s.start_char for s in sents]
        attributed = [attributes(s, quotes) for s in sents]
        prev_ok: tuple[int, bool] | None = None  # (sentence index, attributed) of the last quotation
        for q in quotes.quotes:
            s, e = q.inner
            inner = text[s:e].strip()
            i = bisect.bisect_right(starts, q.start) - 1
            j = bisect.bisect_right(starts, max(q.start, q.end - 1)) - 1
            lo, hi = max(0, i - 1), min(len(sents) - 1, j + 1)
            ok = any(attributed[k] for k in range(lo, hi + 1)) \
                or bool(re.search(r":\s*$", text[max(0, q.start - 3):q.start]))  # 'Smith: "..."'
            # the speaker of a quotation carries on to the next one two sentences away or less
            if not ok and prev_ok is not None and prev_ok[1] and i - prev_ok[0] <= 2:
                ok = True
            prev_ok = (j, ok)
            if ok or not q.closed:
                continue
            if len(inner.split()) < self.options["min_words"] or not inner[:1].isupper() \
                    or not re.search(r"[.!?,…]['’]?$", inner) or _title(inner):
                continue  # a phrase, title or scare quote, not a statement
            yield Finding(q.start, q.end, f"no speaker for the quotation \"{' '.join(inner.split()[:6])}...\" "
                          f"in its sentence or the ones beside it")


# Small words a title leaves in lower case ("The Immortal Life of Henrietta Lacks").
_TITLE_SMALL = {"a", "an", "the", "of", "and", "or", "in", "on", "at", "to", "for", "by", "with", "from"}


def _title(inner: str) -> bool:
    """Whether a quotation is a title or a name ("Bunny Hop Stage, courtesy of YouTube"):
    nearly all its words capitalised, as statements never are."""
    words = [w for w in re.findall(r"[^\W\d_][\w'’-]*", inner) if w.lower() not in _TITLE_SMALL]
    return len(words) >= 2 and sum(w[0].isupper() for w in words) >= 0.7 * len(words)
