"""What the claims kinds share: the pipes they read, clipped excerpts, sentence spans."""
from __future__ import annotations

from ...facts.claims import Sentence
from ..base import Context

NLP_PIPES = frozenset({"tagger", "attribute_ruler", "lemmatizer", "parser", "ner"})
# predicate groups too common to pair sentences on ("he said", "it is")
WEAK_GROUPS = {"say", "be", "have", "do", "get", "make", "go", "take", "come", "see", "know",
               "think", "want", "become", "seem", "include", "use", "expect", "tell", "add"}


def clip(text: str, n: int = 60) -> str:
    """``text`` on one line, at most ``n`` characters, in quotation marks."""
    text = " ".join(text.split()).strip('"\u201c\u201d ')
    text = text if len(text) <= n else text[:n - 1].rstrip() + "\u2026"
    return f"\u2018{text}\u2019"


def sentence_span(ctx: Context, s: Sentence) -> tuple[int, int]:
    """The sentence without surrounding whitespace."""
    text = ctx.article.text
    start, end = s.start, s.end
    while end > start and text[end - 1].isspace():
        end -= 1
    while start < end and text[start].isspace():
        start += 1
    return start, end


def labels_compatible(a: str, b: str) -> bool:
    """Whether two names in the same place of two tellings may be a swap. The small model
    often calls a firm a GPE or a club a PERSON, so any two names are compatible except a
    person against a place and a nationality or group (NORP) against a name; an untagged
    proper noun goes with any."""
    if a == b or "PROPN" in (a, b):
        return True
    places = {"GPE", "LOC", "FAC"}
    if "PERSON" in (a, b) and (a in places or b in places):
        return False
    return "NORP" not in (a, b)
