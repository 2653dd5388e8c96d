"""C104 part: a compound written hyphenated and closed (anti-piracy/antipiracy), or
closed and as two words (website/web site)."""
from __future__ import annotations

import re
from collections import defaultdict
from typing import Iterable

from ..base import Context, Finding
from .common import counted, first_form_sets, leftmost

# Function words whose joined forms are other words ("any one"/"anyone", "some times", "all ready").
_SPLIT_SKIP = {"any", "some", "every", "all", "may", "who", "what", "with", "out", "for", "one", "how",
               "where", "when", "there", "here", "her", "his", "him", "them", "your", "our", "not",
               "can", "cannot", "the", "and", "nothing", "thing", "self", "ever", "over", "under",
               "body", "time", "times", "ward", "wards", "way", "ways", "ever"}
_COMPOUND_SKIP_PREFIX = {"re", "un", "de", "pre", "in"}  # re-sign/resign, re-cover/recover



def compounds(ctx: Context) -> Iterable[Finding]:
    """A compound hyphenated and closed (anti-piracy/antipiracy): the first form sets the choice."""
    text = ctx.article.text
    body = ctx.article.body_start()
    rest = text[body:]
    # every hyphenated pair and every plain word, found once (an article may hold
    # thousands of compounds): the forms of each compound are looked up, not searched
    hyphened = list(re.finditer(r"(?<![\w-])([A-Za-z]{2,})-([A-Za-z]{2,})(?![\w-])", rest))
    by_parts: dict[tuple[str, str], list[tuple[int, int, str]]] = defaultdict(list)
    for m in hyphened:
        by_parts[(m.group(1).lower(), m.group(2).lower())].append(
            (body + m.start(), body + m.end(), m.group(0).lower()))
    words: dict[str, list[tuple[int, int, str]]] = defaultdict(list)
    for m in re.finditer(r"(?<![\w-])[A-Za-z]{4,}(?![\w-])", rest):
        words[m.group(0).lower()].append((body + m.start(), body + m.end(), m.group(0).lower()))
    seen_keys = set()
    for m in hyphened:
        a, b = m.group(1), m.group(2)
        if a.lower() in _COMPOUND_SKIP_PREFIX:
            continue
        key = (a + b).lower()
        if key in seen_keys:
            continue
        seen_keys.add(key)
        occ = counted(ctx, leftmost(by_parts[(a.lower(), b.lower())] + words.get(key, [])), True)
        if _name_and_word(ctx, occ):
            continue
        yield from first_form_sets(ctx, occ, "")


def split_compounds(ctx: Context) -> Iterable[Finding]:
    """A closed compound also written as two words (website/web site, broadband/broad band)."""
    text = ctx.article.text
    body = ctx.article.body_start()
    words = re.findall(r"(?<![\w'’-])[a-z]{6,}(?![\w'’-])", text[body:])
    joined = set(words)
    if not joined:
        return
    # the written forms of each compound, collected in one pass each (not one search
    # of the text per compound: an article may hold thousands)
    single: dict[str, list[tuple[int, int, str]]] = defaultdict(list)
    for m in re.finditer(r"(?<![\w'’-])[a-z]{6,}(?![\w'’-])", text[body:]):
        single[m.group(0)].append((body + m.start(), body + m.end(), m.group(0)))
    pairs: dict[tuple[str, str], list[tuple[int, int, str]]] = defaultdict(list)
    order: list[tuple[str, str]] = []
    for m in re.finditer(r"(?<![\w'’-])(?=([a-z]{3,}) ([a-z]{3,})(?![\w'’-]))", text[body:]):
        a, b = m.group(1), m.group(2)
        if a + b not in joined or a in _SPLIT_SKIP or b in _SPLIT_SKIP:
            continue
        if (a, b) not in pairs:
            order.append((a, b))
        pairs[(a, b)].append((body + m.start(), body + m.start() + len(a) + 1 + len(b), f"{a} {b}"))
    seen = set()
    for a, b in order:
        key = a + b
        if key in seen:
            continue
        seen.add(key)
        occ = leftmost(pairs[(a, b)] + single[key])
        occ = counted(ctx, [o for o in occ if " " not in o[2] or _noun_pair(ctx, o[0], o[1])], True)
        yield from first_form_sets(ctx, occ, "")


def _name_and_word(ctx: Context, occ: list[tuple[int, int, str]]) -> bool:
    """One form always capitalised mid-sentence, the other never: a name and a word
    ("Medi-Cal", the California programme, beside "medical")."""
    from ...facts.names import sentence_initial

    text = ctx.article.text
    caps: dict[str, set[bool]] = defaultdict(set)
    for s, e, form in occ:
        span = ctx.doc.char_span(s, e, alignment_mode="expand")
        if span is not None and not sentence_initial(span[0]):
            caps[form].add(text[s:s + 1].isupper())
    return len(caps) > 1 and {frozenset(v) for v in caps.values()} == {frozenset({True}), frozenset({False})}


def _noun_pair(ctx: Context, s: int, e: int) -> bool:
    """Two words that read as one noun ("web site"), not a noun and a verb ("the net work")."""
    span = ctx.doc.char_span(s, e, alignment_mode="expand")
    return span is not None and len(span) == 2 and span[0].pos_ in ("NOUN", "PROPN") \
        and span[0].dep_ == "compound" and span[1].pos_ in ("NOUN", "PROPN") \
        and not any(c.dep_ == "conj" for c in span[1].children)  # "home buying and selling"


def open_compounds(ctx: Context) -> Iterable[Finding]:
    """A compound hyphenated and written as two words (half-point/half point), compared only
    where both do the same job: both modify a noun ("a half-point cut", "a half point cut")
    or both are a noun ("a half-point", "a half point"). "A well-known man" beside "he is well
    known" and "a follow-up" beside "to follow up" are each form in its right place."""
    text = ctx.article.text
    body = ctx.article.body_start()
    rest = text[body:]
    hyphened: dict[tuple[str, str], list[tuple[int, int, str]]] = defaultdict(list)
    for m in re.finditer(r"(?<![\w-])([a-z]{2,})-([a-z]{2,})(?![\w-])", rest):
        if m.group(1) not in _COMPOUND_SKIP_PREFIX:
            hyphened[(m.group(1), m.group(2))].append((body + m.start(), body + m.end(), m.group(0)))
    if not hyphened:
        return
    spaced: dict[tuple[str, str], list[tuple[int, int, str]]] = defaultdict(list)
    for m in re.finditer(r"(?<![\w'’-])(?=([a-z]{2,}) ([a-z]{2,})(?![\w'’-]))", rest):
        key = (m.group(1), m.group(2))
        if key in hyphened:
            s = body + m.start()
            spaced[key].append((s, s + len(key[0]) + 1 + len(key[1]), f"{key[0]} {key[1]}"))
    for key in sorted(spaced, key=lambda k: min(o[0] for o in hyphened[k] + spaced[k])):
        by_job: dict[str, list[tuple[int, int, str]]] = defaultdict(list)
        for occ in counted(ctx, leftmost(hyphened[key] + spaced[key]), True):
            job = _job(ctx, occ[0], occ[1])
            if job is not None:
                by_job[job].append(occ)
        found = sorted((f for occ in by_job.values() for f in first_form_sets(ctx, occ, "")), key=lambda f: f.start)
        yield from found[:1]  # one compound written two ways is one problem


def _job(ctx: Context, s: int, e: int) -> str | None:
    """'modifier' when the compound at ``[s, e)`` modifies a noun after it, 'noun' when it is a
    noun phrase's head, None otherwise (a verb and its particle, a predicate, a parse that
    does not hold the two words together)."""
    span = ctx.doc.char_span(s, e, alignment_mode="expand")
    if span is None:
        return None
    words = [t for t in span if t.text != "-"]
    if len(words) != 2 or any(t.pos_ in ("VERB", "AUX") for t in words):
        return None
    first, last = words
    if first.head.i not in (last.i, last.head.i):
        return None  # the first word belongs to something else: the two words are no compound
    if last.head.i > last.i and last.dep_ in ("compound", "amod", "nmod") and \
            (last.head.pos_ in ("NOUN", "PROPN") or last.head.dep_ in _NOUN_JOBS):
        return "modifier"  # (the tagger may call the noun a verb: "a half point cut")
    if last.pos_ == "NOUN" and last.dep_ in _NOUN_JOBS:
        return "noun"
    return None


# What a noun phrase's head does in its clause.
_NOUN_JOBS = frozenset({"nsubj", "nsubjpass", "dobj", "pobj", "attr", "appos", "conj", "ROOT", "dative"})
