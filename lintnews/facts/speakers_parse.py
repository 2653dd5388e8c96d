"""Who speaks, read from the parse (``facts.speakers`` uses this where the attribution is
not one of the plain layouts it reads from the words around the marks).

The speaker is the subject of a verb of saying or writing outside the quotation ("Maria
Santos tweeted: ...", "..., inspector Joan Miles wrote"), or of any verb right beside the
quotation ("..., the secretary repeated"); the noun a relative pronoun stands for ("Peter
Hale, who said ..."); the object of "according to"; the owner of the words ("in Tom
Ellis's words", "in the words of Tom Ellis", "those were the words of David Lowe"). A
quotation that is a sentence of its own takes its speaker from the sentence just before
or after it in the paragraph. A description ("the transport secretary") is the person
the article named with that title ("Transport Secretary Lucy Grant").
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ..lexicon import SPEECH_LEMMAS

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

# How many tokens from a quotation mark a verb may stand and still introduce or close it.
NEXT_TO_QUOTE = 4
_SUBJECTS = ("nsubj", "nsubjpass")
_DEMONSTRATIVES = {"this", "that", "these", "those"}
_RELATIVE = {"who", "that", "which", "whom"}
_NAME_LABELS = {"PERSON", "ORG", "GPE", "NORP"}
# The most words a title before a name holds ("Deputy Transport Secretary Lucy Grant").
_MAX_TITLE_WORDS = 4
# How a quoted clause hangs on the verb that reports it ("said [it was over]").
_SIGNED = re.compile(r"[ \t]*[\u2014\u2013-][ \t]*")
_CLAUSAL = {"ccomp", "parataxis", "xcomp", "advcl", "conj", "dep", "acomp"}


@dataclass
class Speaker:
    """A speaker read from the parse: the words shown, and the name they hold (if any)."""

    text: str
    name: str | None      # the named entity's text; None for a description or a pronoun
    pronoun: bool = False


def beside_quote(sent: "Span", tok: "Token", quotes: Any) -> bool:
    """Whether ``tok`` stands within a few tokens after a quotation's close or before its open."""
    doc = tok.doc
    for k in range(max(sent.start, tok.i - NEXT_TO_QUOTE), min(sent.end, tok.i + NEXT_TO_QUOTE + 1)):
        t = doc[k]
        if (k < tok.i and t.idx + len(t.text) in quotes.closes_at) or (k > tok.i and t.idx in quotes.opens_at):
            return True
    return False


class ParseReader:
    """Speakers of quotations from one parsed article."""

    def __init__(self, doc: "Doc", quotes: Any) -> None:
        self.doc = doc
        self.quotes = quotes
        self.sents = list(doc.sents)
        self.starts = [s.start_char for s in self.sents]
        self.ent_of = {i: e for e in doc.ents if e.label_ in _NAME_LABELS for i in range(e.start, e.end)}
        self.titles = _titles(doc, self.ent_of)

    def _outside(self, tok: "Token") -> bool:
        return not self.quotes.contains(tok.idx, tok.idx + len(tok.text))

    def sentences_of(self, start: int, end: int) -> list["Span"]:
        """The sentences overlapping ``[start, end)``."""
        i = max(0, bisect.bisect_right(self.starts, start) - 1)
        out = []
        while i < len(self.sents) and self.sents[i].start_char < end:
            if self.sents[i].end_char > start:
                out.append(self.sents[i])
            i += 1
        return out

    def speaker(self, q: Any) -> Speaker | None:
        """The speaker of quotation ``q`` named in its own sentence(s)."""
        for s in self.sentences_of(q.start, q.end):
            sp = self.in_sentence(s, q)
            if sp is not None:
                return sp
        return None

    def around(self, q: Any) -> Speaker | None:
        """The speaker of quotation ``q`` named around it: a dash and a name after it, or
        the sentence just before or after a quotation that is a sentence of its own."""
        sents = self.sentences_of(q.start, q.end)
        if not sents:
            return None
        return self.signed(q) or self.neighbour(sents[0], sents[-1], q)

    def in_sentence(self, sent: "Span", q: Any, own: bool = True) -> Speaker | None:
        """The speaker named in ``sent`` outside its quotations, nearest ``q`` first; in
        a sentence after the quotation (not ``own``), the subject of any verb of saying."""
        found: list[tuple[int, Speaker]] = []
        for tok in sent:
            if not self._outside(tok):
                continue
            sp = self._from_token(sent, tok, q, own)
            if sp is not None:
                found.append((min(abs(tok.idx - q.start), abs(tok.idx - q.end)), sp))
        return min(found, key=lambda x: x[0])[1] if found else None

    def _from_token(self, sent: "Span", tok: "Token", q: Any, own: bool) -> Speaker | None:
        """The speaker ``tok`` points to: a verb's subject, "according to"'s object, the
        owner of "words"."""
        if tok.lower_ == "according":
            objs = [p for c in tok.children if c.lower_ == "to" for p in c.children if p.dep_ == "pobj"]
            return self.who(objs[0]) if objs else None
        if tok.pos_ == "NOUN" and (tok.lemma_.lower() == "word" or self._names_quote(tok, q)):
            owner = [c for c in tok.children if c.dep_ == "poss"] or \
                    [p for c in tok.children if c.lower_ in ("of", "from") for p in c.children if p.dep_ == "pobj"]
            return self.who(owner[0]) if owner else None
        if tok.pos_ not in ("VERB", "AUX"):
            return None
        if tok.lemma_.lower() in SPEECH_LEMMAS:
            if own and not self.hangs_on(sent, tok, q) and not self.speech_layout(tok, q):
                return None     # "called for talks on 'lasting peace'": the quote is not what was said
        elif not (own and self.speech_layout(tok, q)):
            return None
        subj = self.subject(tok)
        return self.who(subj) if subj is not None else None

    def _names_quote(self, noun: "Token", q: Any) -> bool:
        """Whether ``noun`` is what the quotation is said to be ('"..." was the message from
        X', '"..." That was the verdict of X'): the complement of a copula whose subject is
        the quotation or a demonstrative."""
        head = noun.head
        if noun.dep_ != "attr" or head.lemma_ != "be":
            return False
        subj = [c for c in head.children if c.dep_ in _SUBJECTS]
        if not subj:   # the parser often leaves a quoted subject unattached
            return q.closed and 0 <= head.idx - q.end <= 2
        return q.start <= subj[0].idx < q.end or subj[0].lower_ in _DEMONSTRATIVES

    def hangs_on(self, sent: "Span", verb: "Token", q: Any) -> bool:
        """Whether quotation ``q`` is what ``verb`` reports: the quotation's words
        reach the verb through clauses, never through a noun ("a definition of what it
        means to be 'subject to ...'") or as its subject ("'The Show' believes ...")."""
        inner = [t for t in sent if q.start < t.idx < q.end]
        ids = {t.i for t in inner}
        # the parser often makes the quotation the root and the attribution its clause
        if verb.head.i in ids and verb.dep_ in ("ccomp", "parataxis", "advcl"):
            return True
        return any(t.head.i not in ids and t.head.i != t.i and self._reaches(t, verb) for t in inner)

    def _reaches(self, tok: "Token", verb: "Token") -> bool:
        """Whether ``tok`` hangs on ``verb`` through clauses only: a quoted noun phrase (an
        object, a title, a subject) or anything under a noun or a preposition is not speech."""
        for _ in range(12):
            if tok.dep_ not in _CLAUSAL:
                return False
            tok = tok.head
            if tok.i == verb.i:
                return True
            if tok.pos_ not in ("VERB", "AUX", "ADJ") or tok.head.i == tok.i:
                return False
        return False

    def speech_layout(self, verb: "Token", q: Any) -> bool:
        """Any verb attributes a quotation it stands beside in the layout of speech: after
        a quotation that ends in punctuation ('"...," Alsobrooks recounted') or before one
        opened after a comma or colon ('the brief asserts: "...')."""
        text = self.doc.text
        subj = self.subject(verb)
        if q.closed and q.end <= verb.idx <= q.end + 60:
            # '"...," Alsobrooks recounted': the speaker between the quotation and the verb
            inner_end = q.inner[1]
            return text[inner_end - 1:inner_end] in ",.!?" and "," not in text[q.end:verb.idx] \
                and subj is not None and q.end <= subj.idx < verb.idx
        # 'the brief asserts: "...', 'who told them: "...'
        between = text[verb.idx + len(verb.text):q.start].strip()
        return verb.idx < q.start <= verb.idx + 60 and between[-1:] in (",", ":") and \
            len(between.split()) <= 3 and not any(t.pos_ == "VERB" for t in verb.rights
                                                    if verb.idx < t.idx < q.start)

    def subject(self, verb: "Token") -> "Token | None":
        """The verb's subject; for "who said" the noun the relative pronoun stands for; for
        "..., saying" or "and added" the subject of the verb it hangs on."""
        for _ in range(3):
            subj = [c for c in verb.children if c.dep_ in _SUBJECTS]
            if subj:
                s = subj[0]
                if s.lower_ in _RELATIVE and verb.dep_ == "relcl":
                    return verb.head
                return None if s.lower_ in _RELATIVE else s
            if verb.dep_ == "pcomp" and verb.head.dep_ == "prep":
                verb = verb.head    # "was quoted as saying": the subject of "quoted"
            elif verb.dep_ not in ("conj", "advcl", "xcomp") or verb.head.i == verb.i:
                return None
            verb = verb.head
        return None

    def who(self, tok: "Token") -> Speaker | None:
        """The speaker a noun phrase names: a pronoun, a name in it (the head's entity,
        an apposition's, a compound's), or a description."""
        if self.quotes.contains(tok.idx, tok.idx + len(tok.text)):
            return None   # "the Show, which airs ...": a title in marks is not a speaker
        if tok.pos_ == "PRON":
            return Speaker(tok.text, None, pronoun=True) if tok.lower_ in ("he", "she", "they") else None
        for t in [tok] + [c for c in tok.children if c.dep_ in ("appos", "compound")]:
            e = self.ent_of.get(t.i)
            if e is not None and e.label_ in ("PERSON", "ORG"):
                name = re.sub(r"[\u2019']s?$", "", e.text)
                return Speaker(name, name)
        if tok.pos_ == "PROPN":
            run = [t for t in tok.subtree if t.pos_ == "PROPN" and abs(t.i - tok.i) <= 3]
            return Speaker(" ".join(t.text for t in run), " ".join(t.text for t in run))
        if tok.pos_ != "NOUN":
            return None
        left = tok.left_edge.i
        desc = self.doc[left:tok.i + 1].text
        named = self.titled(tok)
        return Speaker(desc, named)

    def titled(self, head: "Token") -> str | None:
        """The person named earlier with the title ``head`` heads ("the transport
        secretary" after "Transport Secretary Lucy Grant"), the nearest before it."""
        words = {t.lower_ for t in head.lefts if t.pos_ in ("NOUN", "PROPN", "ADJ")} | {head.lower_}
        best = None
        for at, title, name in self.titles:
            if at >= head.idx:
                break
            if head.lower_ in title and words <= title:
                best = name
        return best

    def neighbour(self, first: "Span", last: "Span", q: Any) -> Speaker | None:
        """For a quotation that is a sentence of its own, a speaker named in the sentence
        just before it (any verb with a named subject) or just after it (a verb of saying)."""
        ps, pe = q.paragraph
        text = self.doc.text
        i = bisect.bisect_right(self.starts, first.start_char) - 1
        j = bisect.bisect_right(self.starts, last.start_char) - 1
        if text[first.start_char:q.start].strip() == "" and i > 0:
            prev = self.sents[i - 1]
            if prev.start_char >= ps and not self._quoted(prev):
                sp = self._named_subject(prev)
                if sp is not None:
                    return sp
        if text[q.end:last.end_char].strip(" .,!?\u201d\"") == "" and j + 1 < len(self.sents):
            nxt = self.sents[j + 1]
            if nxt.end_char <= pe and not self._quoted(nxt):
                sp = self.in_sentence(nxt, q, own=False)
                if sp is not None and sp.name:
                    return sp
        return None

    def signed(self, q: Any) -> Speaker | None:
        """A quotation signed with a dash and a person's name ('"..." — Ben Cole, Vantex')."""
        if not q.closed:
            return None
        m = _SIGNED.match(self.doc.text, q.end)
        if m is None:
            return None
        span = self.doc.char_span(m.end(), m.end() + 1, alignment_mode="expand")
        e = self.ent_of.get(span.start) if span is not None else None
        return Speaker(e.text, e.text) if e is not None and e.label_ == "PERSON" else None

    def _quoted(self, sent: "Span") -> bool:
        return any(sent.start_char <= o < sent.end_char for o in self.quotes.opens_at)

    def _named_subject(self, sent: "Span") -> Speaker | None:
        """A person named as the subject of the sentence's main verb."""
        root = sent.root
        subj = self.subject(root) if root.pos_ in ("VERB", "AUX") else None
        if subj is None:
            return None
        sp = self.who(subj)
        return sp if sp is not None and sp.name and self.ent_of.get(subj.i, None) is not None \
            and self.ent_of[subj.i].label_ == "PERSON" else None


def _titles(doc: "Doc", ent_of: dict) -> list[tuple[int, frozenset[str], str]]:
    """(offset, title words, name) for each person named with a title around the name."""
    out = []
    for e in doc.ents:
        if e.label_ != "PERSON":
            continue
        words: set[str] = set()
        # words inside the entity before the name proper, and the nouns just before it
        # the words just before the name ("Transport Secretary Lucy Grant", "union leader
        # Sam Reid"): read by position, since the parser often splits a title off its name
        k = e.start - 1
        while k >= max(0, e.start - _MAX_TITLE_WORDS) and doc[k].pos_ in ("NOUN", "PROPN", "ADJ") \
                and k not in ent_of:
            words.add(doc[k].lower_)
            k -= 1
        words |= {t.lower_ for t in e}
        for c in e.root.children:
            if c.dep_ == "appos" and c.i not in ent_of:
                words |= {t.lower_ for t in c.subtree if t.pos_ in ("NOUN", "PROPN", "ADJ")}
        if words:
            out.append((e.start_char, frozenset(words), e.text))
    return out
