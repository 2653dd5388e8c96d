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


MAX_SHOWN = 10  # earlier sentences named in one W302 finding


class RepeatedOpenerKind(Kind):
    """Many sentences that open with the same words ("According to ...")."""

    defaults = {"words": 2, "min_count": 3}
    requires = _PARSE

    def setup(self) -> None:
        if self.options["words"] < 1 or self.options["min_count"] < 2:
            raise OptionError(f"rule {self.rule.code}: 'words' must be >= 1 and 'min_count' >= 2")

    def check(self, ctx: Context) -> Iterable[Finding]:
        n, need = self.options["words"], self.options["min_count"]
        seen: dict[tuple[str, ...], list[tuple[int, int, str]]] = {}
        for sent in ctx.doc.sents:
            toks = [t for t in sent if not t.is_punct and not t.is_space][:n]
            if len(toks) < n or not all(t.is_alpha for t in toks):
                continue
            if all(t.lower_ in _COMMON for t in toks) or toks[0].lower_ in _COMMON \
                    or toks[0].pos_ == "PROPN" or (n > 1 and toks[1].pos_ == "PROPN"):
                continue  # "The company", "Mr Smith", "Tony Blair": normal ways to start
            key = tuple(t.lower_ for t in toks)
            start, end = toks[0].idx, toks[-1].idx + len(toks[-1].text)
            earlier = seen.setdefault(key, [])
            earlier.append((start, end, ctx.article.text[start:end]))
            if len(earlier) >= need:
                phrase = ctx.article.text[start:end]
                # the first MAX_SHOWN others: every finding listing all the others would
                # make the output grow with the square of a long article
                shown = earlier[:-1][:MAX_SHOWN]
                more = len(earlier) - 1 - len(shown)
                lines = ", ".join(str(ctx.article.line_of(s)) for s, _, _ in shown) + \
                    (f" and {more} more" if more else "")
                related = [(s, e, f"'{t}' opens a sentence here too") for s, e, t in shown]
                yield Finding(start, end,
                              f"'{phrase}' opens {len(earlier)} sentences so far (also on lines {lines}); "
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

SPEECH_VERBS = {"say", "tell", "add", "claim", "explain", "insist", "argue", "warn", "state", "ask",
                "write", "note", "continue", "declare", "announce", "reply", "respond", "answer",
                "admit", "acknowledge", "comment", "suggest", "stress", "emphasise", "emphasize",
                "believe", "think", "describe", "call", "quote", "conclude", "recall", "predict",
                "agree", "complain", "joke", "confirm", "deny", "maintain", "urge", "remark",
                "observe", "point", "put", "tweet", "post", "reckon", "concede", "caution",
                "boast", "vow", "laugh", "smile", "sigh", "shrug", "pledge", "promise", "exclaim", "shout", "whisper", "report"}


class UnattributedQuoteKind(Kind):
    """A full-sentence quotation with no speaker in its sentence or the ones beside it."""

    defaults = {"min_words": 5}
    requires = frozenset({"tagger", "attribute_ruler", "lemmatizer", "parser", "ner"})

    def check(self, ctx: Context) -> Iterable[Finding]:
        text, doc = ctx.article.text, ctx.doc
        sents = list(doc.sents)
        starts = [s.start_char for s in sents]
        attributed = [_has_speaker(s) for s in sents]
        prev_ok: tuple[int, bool] | None = None  # (sentence index, attributed) of the last quotation
        for q in ctx.facts.quotes.quotes:
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
                    or not re.search(r"[.!?,…]['’]?$", inner):
                continue  # a phrase, title or scare quote, not a statement
            yield Finding(q.start, q.end, f"no speaker for the quotation \"{' '.join(inner.split()[:6])}...\" "
                          f"in its sentence or the ones beside it")


def _has_speaker(sent) -> bool:
    """True when the sentence has a speech verb with a subject, or names a speaker."""
    for tok in sent:
        if tok.lemma_.lower() in SPEECH_VERBS and tok.pos_ in ("VERB", "AUX"):
            if any(c.dep_ in ("nsubj", "nsubjpass", "agent") for c in tok.children):
                return True
        if tok.lower_ in ("according",):
            return True
    return False
