"""C201 part: a retelling that puts another common noun in the same place ("offered Russia
an astronaut seat" retold as "offered Russia a cargo module").

A replaced stretch of words is a swap of detail only when the parse says it fills the same
role of the same word on both sides (the object of the aligned verb, the object of the
aligned preposition) and the two heads are not compatible: an elaboration ("a seat" / "an
astronaut seat"), a part named by a compound ("boat" / "lifeboat"), a word the other
sentence uses elsewhere, or a general word that may name the other's kind ("the man" / "the
fisherman") is not a conflict. There is no thesaurus in the small model, so a synonym is
caught only as a general word; the role and the word-for-word rest keep the rest precise.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ...facts.claims import LIGHT_NOUNS, Mention, Sentence, Unit
from ...lexicon import SPEECH_LEMMAS, zipf

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

# Nouns this common (Zipf scale: "man" 5.8, "company" 5.6, "deal" 5.3; "seat" 4.8, "airlock"
# 2.6) are general enough to name the other noun's kind, or a person by an epithet.
GENERAL_NOUN_ZIPF = 5.3
# Roles in which a noun is a detail of the act: who did it, to what, where (a preposition's
# object); not a modifier's or an adverbial's.
_TIME = {"DATE", "TIME"}
_ROLES = {"dobj", "pobj", "attr", "dative", "oprd", "nsubjpass", "nsubj"}


def noun_head(doc: "Doc", units: list[Unit]) -> "Token | None":
    """The common noun heading the words ``units`` (its syntactic head lies outside them),
    or None when they hold a name, a number or no noun."""
    if not units or any(u.ent is not None or u.pos == "NUM" for u in units):
        return None
    toks = [doc.char_span(u.start, u.end, alignment_mode="expand") for u in units]
    toks = [s.root for s in toks if s is not None]
    inside = {t.i for t in toks}
    heads = [t for t in toks if t.pos_ == "NOUN" and t.head.i not in inside and t.dep_ != "compound"]
    return heads[0] if len(heads) == 1 else None


def noun_swap(doc: "Doc", a: Sentence, b: Sentence, au: list[Unit], bu: list[Unit],
              aligned: dict[int, int]) -> tuple[Unit, Unit] | None:
    """(old, new) when ``bu`` replaces ``au`` with a noun in the same role that does not
    fit the earlier one; None for an elaboration, a part, a general word or another role."""
    tb = noun_head(doc, bu)
    if tb is None:
        return modifier_swap(doc, a, b, au, bu, aligned)
    if tb.dep_ not in _ROLES:
        return None
    ta = _same_role(doc, au, tb, aligned)
    if ta is None or not _incompatible(ta, tb, a, b) or _refers_back(ta, tb):
        return None
    return _as_unit(doc, ta, a), _as_unit(doc, tb, b)


def _same_role(doc: "Doc", au: list[Unit], tb: "Token", aligned: dict[int, int]) -> "Token | None":
    """The noun of ``au`` filling ``tb``'s role: the same relation to the word aligned with
    tb's head; failing that, to a word of the same lemma ("for three years for fraud" /
    "for bribery"), or to a preposition on the same aligned word ("broke out in the
    basement" / "on the roof"). Dates and times are never the detail swapped."""
    nouns = []
    for u in au:
        span = doc.char_span(u.start, u.end, alignment_mode="expand")
        t = span.root if span is not None else None
        if t is not None and t.pos_ == "NOUN" and t.dep_ == tb.dep_ and not u.time and t.ent_type_ not in _TIME:
            nouns.append(t)
    hb = tb.head
    for test in (lambda h: h.idx == aligned.get(hb.idx),
                 lambda h: h.lemma_ == hb.lemma_,
                 lambda h: h.pos_ == hb.pos_ == "ADP" and h.head.idx == aligned.get(hb.head.idx, -1)):
        found = [t for t in nouns if test(t.head)]
        if len(found) == 1:
            return found[0]
    return None


def _refers_back(ta: "Token", tb: "Token") -> bool:
    """"a dog" retold as "the animal", "for fraud" as "for the offence": a definite phrase
    for one introduced with "a" or bare names the same thing by its kind, not another."""
    bare = _det(ta) in ("a", "an") or _det(ta) == "" and not any(c.dep_ == "poss" for c in ta.children)
    return bare and _det(tb) in ("the", "this", "that", "these", "those")


def _det(t: "Token") -> str:
    return next((c.lower_ for c in t.children if c.dep_ == "det"), "")


def modifier_swap(doc: "Doc", a: Sentence, b: Sentence, au: list[Unit], bu: list[Unit],
                  aligned: dict[int, int]) -> tuple[Unit, Unit] | None:
    """(old, new) noun phrases when one word modifying the same noun was replaced ("its
    engine factory" / "its paint factory", "a violent clash" / "a peaceful clash")."""
    ma, mb = _modifier(doc, au), _modifier(doc, bu)
    if ma is None or mb is None or ma.dep_ != mb.dep_ or aligned.get(mb.head.idx) != ma.head.idx:
        return None
    if ma.pos_ != mb.pos_ or mb.head.dep_ not in _ROLES or not _incompatible(ma, mb, a, b):
        return None
    return _as_unit(doc, ma.head, a), _as_unit(doc, mb.head, b)


def _modifier(doc: "Doc", units: list[Unit]) -> "Token | None":
    """The one content word of ``units``, when it modifies a noun outside them."""
    content = [u for u in units if u.content]
    if len(content) != 1 or content[0].ent is not None or len(units) > 2:
        return None
    span = doc.char_span(content[0].start, content[0].end, alignment_mode="expand")
    t = span.root if span is not None else None
    if t is None or t.dep_ not in ("amod", "compound") or t.pos_ not in ("ADJ", "NOUN"):
        return None
    return t if t.head.pos_ == "NOUN" else None


def phrases_clash(doc: "Doc", xa: Mention, xb: Mention, a: Sentence, b: Sentence) -> bool:
    """Whether two common noun phrases filling the same role of the same act ("thieves
    stole a statue" / "a painting was stolen by thieves") cannot name the same thing."""
    sa = doc.char_span(xa.start, xa.end, alignment_mode="expand")
    sb = doc.char_span(xb.start, xb.end, alignment_mode="expand")
    if sa is None or sb is None or sa.root.pos_ != "NOUN" or sb.root.pos_ != "NOUN":
        return False
    if any(t.like_num or t.ent_type_ for t in (*sa, *sb)):
        return False
    return _incompatible(sa.root, sb.root, a, b) and not _refers_back(sa.root, sb.root)


def _incompatible(ta: "Token", tb: "Token", a: Sentence, b: Sentence) -> bool:
    """Whether two head nouns in the same role cannot name the same thing."""
    la, lb = ta.lemma_.lower(), tb.lemma_.lower()
    if la == lb or not la.isalpha() or not lb.isalpha():
        return False
    if la in LIGHT_NOUNS or lb in LIGHT_NOUNS or max(zipf(la), zipf(lb)) >= GENERAL_NOUN_ZIPF:
        return False
    # one names a kind or part of the other ("boat" / "lifeboat"), or the other sentence
    # uses the word elsewhere ("an astronaut seat" / "an astronaut"): elaboration
    if la in lb or lb in la:
        return False
    return not any(u.key == la for u in b.units) and not any(u.key == lb for u in a.units)


def _as_unit(doc: "Doc", tok: "Token", s: Sentence) -> Unit:
    """The noun phrase headed by ``tok`` (its determiner and modifiers), as one detail."""
    start = max(tok.left_edge.idx, s.start)
    end = tok.idx + len(tok.text)
    text = doc.text[start:end]
    m = Mention(start, end, text, frozenset({tok.lemma_.lower()}), "NOUN", "")
    return Unit(tok.lemma_.lower(), start, end, True, m)


def wrapper_units(doc: "Doc", s: Sentence, quotes: Any) -> set[int]:
    """Starts of the units of a reporting frame around the sentence's claim: "Detectives
    say [the thieves stole ...]", "[...], officials said": not new detail of the act. A
    quoted claim is a speaker's words, not the writer's retelling: no frame then."""
    span = doc.char_span(s.start, s.end, alignment_mode="expand")
    if span is None:
        return set()
    root = span.root
    if root.lemma_.lower() not in SPEECH_LEMMAS:
        return set()
    claim = [c for c in root.children if c.dep_ == "ccomp"]
    if len(claim) != 1 or any(quotes is not None and quotes.contains(t.idx, t.idx + 1) for t in claim[0].subtree):
        return set()
    inner = {t.idx for t in claim[0].subtree}
    return {u.start for u in s.units if u.start not in inner}


# Modals that make a claim a possibility: "may have bought dollars in Europe" does not
# contradict "bought dollars in Tokyo".
_HEDGES = {"may", "might", "could"}


def hedged_differently(doc: "Doc", a: Sentence, b: Sentence, aligned: dict[int, int]) -> bool:
    """Whether an act both sentences tell is hedged ("may", "might", "could") on one side only."""
    a_frames = {doc[f.verb].idx: f for f in a.frames}
    for fb in b.frames:
        fa = a_frames.get(aligned.get(doc[fb.verb].idx, -1))
        if fa is not None and (fa.modal in _HEDGES) != (fb.modal in _HEDGES):
            return True
    return False
