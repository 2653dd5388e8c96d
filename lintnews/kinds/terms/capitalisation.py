"""C104 part: a word written capitalised as a proper noun and in lower case (Moon/moon,
the Government/government), and a one-word name lowered where it stands alone
(Labour/labour)."""
from __future__ import annotations

from collections import defaultdict
from typing import Any, Iterable

from ...facts.names import sentence_initial
from ...lexicon import DETERMINERS, SAME_THING
from ..base import Context, Finding
from ..findings import quoted
from .common import first_form_sets


def capitalisation(ctx: Context) -> Iterable[Finding]:
    """A common word capitalised as a proper noun after "the" (the Moon) and written in lower
    case elsewhere: the first form sets the choice."""
    doc = ctx.doc
    body = ctx.article.body_start()
    ent_of = {i: e for e in doc.ents for i in range(e.start, e.end)}
    caps: dict[str, list[tuple[int, int, str]]] = defaultdict(list)
    lows: dict[str, list[tuple[int, int, str]]] = defaultdict(list)
    for t in doc:
        if t.idx < body or not t.is_alpha or len(t.text) < 3:
            continue
        if t.text.islower() and (t.pos_ == "NOUN" or t.text in SAME_THING and t.pos_ == "PROPN"):
            lows[t.text].append((t.idx, t.idx + len(t.text), t.text))
        elif t.text[0].isupper() and t.text[1:].islower() and not sentence_initial(t):
            prev = doc[t.i - 1]
            nxt = doc[t.i + 1] if t.i + 1 < len(doc) else None
            if t.lower_ not in SAME_THING and (
                    prev.lower_ not in ("the", "a", "an", "this", "its", "their", "our", "that")
                    or prev.text[:1].isupper() and prev.i != 0 and not sentence_initial(prev)):
                continue  # "the Government": a common noun written as a proper one
            if nxt is not None and nxt.text[:1].isupper() and t.whitespace_:
                continue  # part of a longer name ("the Moon Treaty")
            if nxt is not None and nxt.lower_ in ("and", "of", "&", "for") and t.i + 2 < len(doc) \
                    and doc[t.i + 2].text[:1].isupper():
                continue  # "the Standards and Privileges Committee"
            ent = ent_of.get(t.i)
            if t.dep_ == "compound" or (ent is not None and
                                        sum(1 for x in ent if x.lower_ not in DETERMINERS) > 1):
                continue  # a name used as a modifier ("the Skulls program") or inside a title
            caps[t.text.lower()].append((t.idx, t.idx + len(t.text), t.text))
    for low, cs in caps.items():
        ls = lows.get(low)
        if not ls:
            continue
        if ls[0][0] < cs[0][0] and len(cs) > len(ls):
            continue  # "a bank" first, then "the Bank" throughout: a specific institution
        yield from first_form_sets(ctx, cs + ls, " (capitalised as a proper noun there, lower case here)"
                                    if cs[0][0] < ls[0][0] else " (lower case there, capitalised here)")


def lowered_names(ctx: Context) -> Iterable[Finding]:
    """A one-word name (Labour, Parliament) written in lower case where it stands alone as a name.

    The lower-case word must be bare (no article, adjective, possessive or
    compound: "cheap labour", "the Iraqi parliament" are common nouns) and
    the capitalised form must be an entity used at least twice mid-sentence
    and more often than the lower-case one.
    """
    from ...facts.names import sentence_initial

    doc = ctx.doc
    body = ctx.article.body_start()
    caps: dict[str, list[Any]] = defaultdict(list)
    lows: dict[str, list[Any]] = defaultdict(list)
    for t in doc:
        if t.idx < body or not t.is_alpha or len(t.text) < 4:
            continue
        if t.text[0].isupper() and t.text[1:].islower() and (t.ent_type_ or not sentence_initial(t)):
            caps[t.lower_].append(t)
        elif t.text.islower() and t.pos_ in ("NOUN", "PROPN") and t.dep_ not in ("compound", "amod") \
                and not (t.i > 0 and doc[t.i - 1].lower_ in DETERMINERS) and \
                not any(ch.dep_ in ("det", "amod", "poss", "compound", "nummod") for ch in t.children):
            lows[t.text].append(t)
    for low, ls in lows.items():
        cs = caps.get(low)
        if not cs or len(cs) < 2 or len(cs) <= len(ls) or low in SAME_THING:
            continue
        alone = [c for c in cs if c.ent_type_ in ("ORG", "NORP", "GPE", "PERSON") and _single_word_ent(c)]
        if len(alone) < 2 or any(not _single_word_ent(c) for c in cs):
            continue  # "the London Marathon", "Golden Globe Awards": part of a longer name
        if any(c.i > 0 and doc[c.i - 1].lower_ in DETERMINERS for c in cs):
            continue  # "the Commission": a common noun capitalised, handled above
        for t in ls:
            ref = cs[0]
            yield Finding(t.idx, t.idx + len(t.text),
                          f"{quoted(t.text)} here, but line {ctx.article.line_of(ref.idx)} writes the name "
                          f"{quoted(ref.text)} (lower case here)",
                          related=[(ref.idx, ref.idx + len(ref.text), f"written {quoted(ref.text)} here")])


def _single_word_ent(t: Any) -> bool:
    """Token t stands alone: no capitalised word beside it (not "Golden Globe Awards")."""
    doc = t.doc
    prev = doc[t.i - 1] if t.i else None
    nxt = doc[t.i + 1] if t.i + 1 < len(doc) else None
    if prev is not None and prev.lower_ in ("of", "for", "and", "on", "&", "de") and t.i > 1 \
            and doc[t.i - 2].text[:1].isupper() and doc[t.i - 2].ent_type_ not in ("DATE", "TIME") \
            and not doc[t.i - 2].is_sent_start:
        return False  # "National Council for Adoption"
    return not (prev is not None and prev.text[:1].isupper() and prev.is_alpha and not prev.is_sent_start
                and "\n" not in prev.whitespace_) and \
        not (nxt is not None and nxt.text[:1].isupper() and nxt.is_alpha and t.whitespace_ == " ")
