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
    case elsewhere: the first form sets the choice.

    Not the article's own choice, so not compared: a word inside a quotation (a court's
    "the Court", a statement's "the Administration"), unless it names one thing wherever it
    stands (the moon) or follows "a"/"an" (no proper noun does); a word inside a longer name
    ("Coach of the Year", "We Continue the Change"); the short form of a name the article
    gives in full ("the Bank" after "the Bank of England"); a title before a name
    ("President Trump" beside "the president")."""
    doc = ctx.doc
    body = ctx.article.body_start()
    quotes = ctx.facts.quotes
    ent_of = {i: e for e in doc.ents for i in range(e.start, e.end)}
    named_words = _words_of_longer_names(doc)
    caps: dict[str, list[tuple[int, int, str]]] = defaultdict(list)
    lows: dict[str, list[tuple[int, int, str]]] = defaultdict(list)
    for t in doc:
        if t.idx < body or not t.is_alpha or len(t.text) < 3:
            continue
        quoted_here = t.lower_ not in SAME_THING and quotes.contains(t.idx, t.idx + len(t.text))
        if t.text.islower() and (t.pos_ == "NOUN" or t.text in SAME_THING and t.pos_ == "PROPN"):
            if not quoted_here and not _title_of_name(t):
                lows[t.text].append((t.idx, t.idx + len(t.text), t.text))
        elif t.text[0].isupper() and t.text[1:].islower() and not sentence_initial(t):
            if _proper_use(t, ent_of, named_words, quoted_here):
                caps[t.text.lower()].append((t.idx, t.idx + len(t.text), t.text))
    for low, cs in caps.items():
        ls = lows.get(low)
        if not ls:
            continue
        if ls[0][0] < cs[0][0] and len(cs) > len(ls):
            continue  # "a bank" first, then "the Bank" throughout: a specific institution
        yield from first_form_sets(ctx, cs + ls, " (capitalised as a proper noun there, lower case here)"
                                    if cs[0][0] < ls[0][0] else " (lower case there, capitalised here)")


def _proper_use(t: Any, ent_of: dict, named_words: set[str], quoted_here: bool) -> bool:
    """Whether the capitalised word ``t`` is a common noun the article itself writes as a
    proper one ("the Government"), as opposed to part of a name, a title or a quotation."""
    doc = t.doc
    prev = doc[t.i - 1]
    nxt = doc[t.i + 1] if t.i + 1 < len(doc) else None
    indefinite = prev.lower_ in ("a", "an")
    if quoted_here and not indefinite:
        return False  # the speaker's or the document's capitals
    if t.lower_ not in SAME_THING and (
            prev.lower_ not in ("the", "a", "an", "this", "its", "their", "our", "that")
            or prev.text[:1].isupper() and prev.i != 0 and not sentence_initial(prev)):
        return False  # only "the Government" says common noun written as a proper one
    if nxt is not None and nxt.text[:1].isupper() and t.whitespace_:
        return False  # part of a longer name ("the Moon Treaty")
    after = doc[t.i + 2:t.i + 4]
    if nxt is not None and nxt.lower_ in ("and", "of", "&", "for") and len(after) and \
            (after[0].text[:1].isupper() or len(after) > 1 and after[0].lower_ == "the" and after[1].text[:1].isupper()):
        return False  # "the Standards and Privileges Committee", "a Constitution for the European Union"
    if t.i >= 2 and _name_before(doc, t.i - 2):
        return False  # "Coach of the Year", "We Continue the Change": inside a longer name
    if not indefinite and t.lower_ not in SAME_THING and t.lower_ in named_words:
        return False  # "the Bank" for the Bank of England, "the Strait" for the Strait of Hormuz
    if _title_of_name(t):
        return False
    ent = ent_of.get(t.i)
    return not (t.dep_ == "compound" or (ent is not None and
                                         sum(1 for x in ent if x.lower_ not in DETERMINERS) > 1))


def _name_before(doc: Any, j: int) -> bool:
    """A capitalised word (not opening its sentence) at ``j``, or at ``j - 1`` before "of",
    "for", "and": the determiner after it sits inside a name."""
    if doc[j].lower_ in ("of", "for", "and", "&", "in", "on") and j > 0:
        j -= 1
    tok = doc[j]
    return tok.text[:1].isupper() and tok.is_alpha and not sentence_initial(tok) and tok.whitespace_ == " "


def _title_of_name(t: Any) -> bool:
    """A word right before a person's name ("President Trump", "press secretary Jane Doe"):
    titles there follow their own capitalisation rule."""
    doc = t.doc
    nxt = doc[t.i + 1] if t.i + 1 < len(doc) else None
    if nxt is None or not nxt.text[:1].isupper():
        return False
    return nxt.ent_type_ == "PERSON" and nxt.ent_iob_ == "B" or \
        nxt.pos_ == "PROPN" and t.i + 2 < len(doc) and doc[t.i + 2].pos_ == "PROPN" and doc[t.i + 2].text[:1].isupper()


def _words_of_longer_names(doc: Any) -> set[str]:
    """Lower-case words of the article's multi-word names ("bank" from "Bank of England")."""
    out: set[str] = set()
    for e in doc.ents:
        if e.label_ in ("ORG", "FAC", "GPE", "LOC", "LAW", "EVENT", "WORK_OF_ART", "NORP") and len(e) > 1:
            out.update(x.lower_ for x in e if x.text[:1].isupper() and x.lower_ not in DETERMINERS)
    return out


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
