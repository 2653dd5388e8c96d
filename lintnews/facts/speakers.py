"""Who said each direct quotation (``facts.speakers``).

Built on ``facts.quotes`` (the quotation spans, per paragraph, surviving unbalanced
marks) and the parse's named entities. Attribution forms, in order of trust:

- after the quote: '"...," said John Kerry.', '"...," Mr Leigh said.',
  '"...," John Bourn told the BBC.', '"...," he added.', '"...," said HMV manager Clive Smith.'
- before it: 'Janet Jackson said: "..."', 'immigration minister Des Browne said: "..."'
- none: a later quotation in the same paragraph continues the previous speaker.

A pronoun ("he added") is resolved to the speaker of the previous quotation nearby,
else to the nearest person named before it. Descriptions without a name ("a Premier
League spokesman") are kept as the speaker's text with no name key.
"""
from __future__ import annotations

import bisect
import itertools
import re
from dataclasses import dataclass, field
from typing import Any

from ..lexicon import SPEAKER_TITLES, SPEECH_LEMMAS, SPEECH_VERBS, alternation
from .claims import entity_key, is_alias
from .speakers_parse import ParseReader, Speaker, beside_quote

SPEECH = alternation(SPEECH_VERBS)
_TITLE = alternation(SPEAKER_TITLES)  # "Mr", "Dr"...: kept with the name
_CAP = r"[A-Z][\w'\u2019.&-]*"
_NAME_RUN = re.compile(rf"{_CAP}(?:\s+(?:(?:de|van|von|da|di|del|le|la|al|bin|of)\s+)?{_CAP})*")
_PRONOUNS = {"he", "she", "they", "it", "i", "we"}
_AFTER_VERB_FIRST = re.compile(rf"^\s*[,\u2014\u2013-]?\s*(?:{SPEECH}|according\s+to)\s+([^.,;:!?\"\u201c\u201d]{{1,80}})")
_AFTER_SUBJ_FIRST = re.compile(
    rf"^\s*[,\u2014\u2013-]?\s*([^.,;:!?\"\u201c\u201d]{{1,60}}?)\s+(?:also\s+|later\s+|then\s+)?{SPEECH}\b")
# '"...," Maria Lopez, the group's chairman, said.'
_AFTER_APPOSITIVE = re.compile(
    rf"^\s*[,\u2014\u2013-]?\s*((?:{_TITLE}\.?\s+)?{_CAP}(?:\s+{_CAP}){{0,3}})"
    rf"\s*,\s*[^\"\u201c\u201d.;!?]{{1,80}}?,\s*(?:also\s+|later\s+)?{SPEECH}\b")
_BEFORE = re.compile(rf"([^.;!?\"\u201c\u201d]{{1,80}}?)\s+(?:also\s+|later\s+|then\s+)?{SPEECH}"
                     r"(?:\s+(?:the\s+)?(?:[A-Z][\w'\u2019]*|reporters|journalists|MPs|me|us|him|her|them)"
                     r"(?:\s+[A-Z][\w'\u2019]*)*)?(?:\s+that)?\s*[:,]?\s*$")
WORD = re.compile(r"[\w']+")
_DETERMINERS = {"a", "an", "the", "his", "her", "its", "their", "our", "one", "another", "this", "that"}
_NOT_NAMES = {"the", "a", "an", "and", "but", "but the", "and the", "it", "this", "that", "then", "he", "she",
              "they", "we", "i", "in", "on", "at", "as", "when", "after", "before", "speaking", "asked",
              "so", "thus", "yet", "or"}
_RELATIVE_END = re.compile(r"\s+(?:that|which|who)$")
_PREPOSITION = re.compile(r"\s(?:in|of|at|on|for|with|by|from|into|to|against|after|before|over)\s")
_TITLE_RUN = re.compile(rf"^{alternation(SPEAKER_TITLES + ('Prof', 'Professor'))}\.?$")


@dataclass
class Attribution:
    """A quotation and its speaker (``speaker`` None when none was found)."""

    start: int                 # the quotation, marks included
    end: int
    text: str                  # inside the marks
    words: list[str]
    paragraph: tuple[int, int]
    speaker: str | None = None
    key: str | None = None     # normalised name; None for a description or an unknown
    how: str = ""              # after / before / pronoun / continued


@dataclass
class Speakers:
    """Every quotation with its speaker, in reading order."""

    attributions: list[Attribution] = field(default_factory=list)


def norm_words(text: str) -> list[str]:
    """Lowercase words of a quotation, curly apostrophes straightened."""
    return WORD.findall(text.replace("\u2019", "'").replace("\u2018", "'").lower())


def same_speaker(a: Attribution, b: Attribution) -> bool:
    """Whether two attributions name the same speaker (aliases allowed: 'Mr Leigh', 'Edward Leigh')."""
    if a.key and b.key:
        return is_alias(a.key, b.key)
    if a.speaker and b.speaker:
        return a.speaker.lower() == b.speaker.lower()
    return False


def _name_in(phrase: str) -> tuple[str | None, str | None]:
    """The speaker's display text and name key from the phrase that names them; (None, None)
    when the phrase names nobody ("and", "it was then")."""
    phrase = phrase.strip()
    low = phrase.lower()
    if low in _PRONOUNS:
        return phrase, None
    if low in _NOT_NAMES:
        return None, None          # "So said ...": a function word names nobody
    words = phrase.split()
    if not words or len(words) > 8:
        return None, None
    if words[0].lower() not in _DETERMINERS and not any(w[:1].isupper() for w in words):
        return None, None
    words = phrase.split()
    if not words:
        return phrase, None
    if words[0].lower() in _DETERMINERS and words[-1].islower():
        return phrase, None        # "a Premier League spokesman", "the mayor": a description
    head = re.split(r"\s+of\s+", phrase, maxsplit=1)[0].split()
    if " of " in phrase and head[0].lower() in _DETERMINERS and all(w.islower() for w in head):
        return phrase, None        # "the appointee of President Clinton": described by someone else
    runs = [m.group(0) for m in _NAME_RUN.finditer(phrase)]
    runs = [r for r in runs if not _TITLE_RUN.match(r) and r.lower() not in _NOT_NAMES] or []
    if runs:
        name = runs[-1].rstrip(".")
        # keep a title glued to the name ("Mr Leigh")
        m = re.search(rf"({_TITLE}\.?\s+)?{re.escape(name)}", phrase)
        display = m.group(0) if m else name
        return display, entity_key(name)
    return phrase, None


def _antecedent(persons: list[tuple], starts: list[int], at: int) -> tuple | None:
    """The person a pronoun before ``at`` most likely means: the nearest one named as a
    subject among the last few ("Keys said she was excited, describing Charles as ..." -> Keys)."""
    i = bisect.bisect_left(starts, at) - 1
    near = persons[max(0, i - 3):i + 1][::-1]
    for e in near:
        if len(e) > 4 and e[4]:
            return e
    return near[0] if near else None


# A quotation in single marks: opened after a space, colon or line start, closed by a mark
# that follows the quotation's own punctuation ("'We will win,' she said."), so that
# apostrophes ("don't", "the players' union") never pair up.
_SINGLE = re.compile(r"(?:(?<=^)|(?<=[\s:(\u2014]))['\u2018]([A-Z][^'\u2018\u2019\n\"\u201c\u201d]*?"
                     r"(?:['\u2019][a-z][^'\u2018\u2019\n\"\u201c\u201d]*?)*[,.!?])['\u2019](?=[\s,.;:)]|$)",
                     re.M)


def _single_quotes(text: str, quotes: Any) -> list[Any]:
    """Quotations in single marks that lie outside every double-marked one (house styles
    that quote speech in single marks); kept only when an attribution is found."""
    from .quotes import Quote

    out = []
    starts = [q.start for q in quotes.quotes]  # sorted; with the furthest end reached so far
    reach = list(itertools.accumulate((q.end for q in quotes.quotes), max))
    breaks = [m.start() for m in re.finditer("(?=\n\n)", text)]  # paragraph breaks, found once
    for m in _SINGLE.finditer(text):
        k = bisect.bisect_right(starts, m.start()) - 1  # inside a double-marked quotation?
        if len(m.group(1).split()) < 3 or quotes.contains(m.start(), m.end()) or \
                k >= 0 and reach[k] > m.start():
            continue
        b = bisect.bisect_right(breaks, m.start() - 2) - 1
        ps = breaks[b] + 2 if b >= 0 else 0
        b = bisect.bisect_left(breaks, m.end())
        pe = breaks[b] if b < len(breaks) else len(text)
        out.append(Quote(m.start(), m.end(), True, (ps, pe)))
    return out


def build_speakers(text: str, quotes: Any, ents: list[tuple], doc: Any = None) -> Speakers:
    """Attribute each quotation; ``ents`` are (start, end, label, text, is_subject) of named
    entities; ``doc`` (the parse, when there is one) reads the attributions the plain
    layouts miss."""
    out = Speakers()
    singles = _single_quotes(text, quotes)
    single_ids = {id(q) for q in singles}
    all_quotes = sorted(list(quotes.quotes) + singles, key=lambda q: q.start)
    people = _People(ents)
    reader = ParseReader(doc, quotes) if doc is not None else None
    prev: Attribution | None = None
    for q in all_quotes:
        inner_s, inner_e = q.inner
        inner = text[inner_s:inner_e]
        a = Attribution(q.start, q.end, inner, norm_words(inner), q.paragraph)
        phrase = _phrase(text, q, a)
        if phrase is not None:
            _name_speaker(a, phrase, prev, people, q)
        if a.speaker is None and reader is not None:
            _parsed_speaker(a, reader.speaker(q), "parse", prev, people, q)
        if a.speaker is None and prev is not None and prev.paragraph == q.paragraph and prev.speaker:
            a.speaker, a.key, a.how = prev.speaker, prev.key, "continued"
        if a.speaker is None and reader is not None:
            _parsed_speaker(a, reader.around(q), "neighbour", prev, people, q)
        if reader is not None and a.speaker and not a.key and a.how != "pronoun":
            _titled_speaker(a, reader, q)
        if id(q) in single_ids and a.how not in ("after", "before", "pronoun", "parse"):
            continue   # single marks without an attribution may be a title or a scare quote
        q.speaker = a.speaker
        out.attributions.append(a)
        prev = a
    return out


class _People:
    """The article's named people: who a pronoun may stand for."""

    def __init__(self, ents: list[tuple]) -> None:
        self.persons = [e for e in ents if e[2] == "PERSON"]
        self.starts = [e[0] for e in self.persons]
        self.keys = {entity_key(e[3]) for e in self.persons}
        self._named: dict[str, bool] = {}  # speaker key -> may name a person of the article

    def is_person(self, key: str) -> bool:
        if key not in self._named:
            self._named[key] = key in self.keys or any(is_alias(key, k) for k in self.keys)
        return self._named[key]

    def antecedent(self, at: int) -> tuple | None:
        return _antecedent(self.persons, self.starts, at)


def _phrase(text: str, q: Any, a: Attribution) -> str | None:
    """The words naming the speaker, after the quotation or before it (``a.how`` says where)."""
    ps, pe = q.paragraph
    after = text[q.end:min(pe, q.end + 120)] if q.closed else ""
    before = text[max(ps, q.start - 120):q.start]
    phrase = None
    m = _AFTER_VERB_FIRST.match(after)
    if m:
        phrase, a.how = m.group(1), "after"
        # "said the BBC's" / "told reporters": the verb's object is not the speaker
        if phrase.split()[0].lower() in ("reporters", "journalists", "him", "her", "them", "us", "me"):
            phrase = None
    if phrase is None:
        m = _AFTER_APPOSITIVE.match(after)
        if m:
            phrase, a.how = m.group(1), "after"
    if phrase is None:
        m = _AFTER_SUBJ_FIRST.match(after)
        if m and len(m.group(1).split()) <= 7:
            phrase, a.how = m.group(1), "after"
    if phrase is None:
        m = _BEFORE.search(before)
        if m:
            phrase, a.how = m.group(1), "before"
            # keep the last clause's words only ("When the changes ..., minister X said:")
            phrase = " ".join(re.split(r"[,;]\s*", phrase)[-1].split()[-7:])
            if _RELATIVE_END.search(phrase):
                # "tearing into the Department of Defense in a ruling that warned": the
                # relative pronoun stands for the noun just before it (the ruling)
                phrase = re.split(_PREPOSITION, _RELATIVE_END.sub("", phrase))[-1]
                phrase = re.split(r"\s(?=(?:a|an|the|his|her|its|their)\s)", phrase)[-1]
    return phrase


def _parsed_speaker(a: Attribution, sp: Speaker | None, how: str, prev: Attribution | None,
                    people: _People, q: Any) -> None:
    """Give ``a`` the speaker read from the parse (``how``: "parse" in the quotation's own
    sentence, "neighbour" around it); a pronoun is resolved like one in a plain layout."""
    if sp is None:
        return
    if sp.pronoun:
        _name_speaker(a, sp.text, prev, people, q)
        a.how = how if a.speaker else ""
        return
    a.speaker, a.key, a.how = sp.text, (entity_key(sp.name) if sp.name else None), how


def _titled_speaker(a: Attribution, reader: ParseReader, q: Any) -> None:
    """A description ("the transport secretary") keyed as the person the article named
    with that title before ("Transport Secretary Lucy Grant")."""
    at = a.end if a.how == "after" else q.start
    for s in reader.sentences_of(max(0, q.start - 200), min(len(reader.doc.text), q.end + 200)):
        for tok in s:
            if tok.pos_ == "NOUN" and a.speaker.lower().endswith(tok.lower_) and \
                    abs(tok.idx - at) < 200 and not reader.quotes.contains(tok.idx, tok.idx + 1):
                name = reader.titled(tok)
                if name:
                    a.key = entity_key(name)
                    return


def _name_speaker(a: Attribution, phrase: str, prev: Attribution | None, people: _People, q: Any) -> None:
    """The speaker named in ``phrase``; for "he"/"she", the previous speaker if that is a
    person named in the text, else the nearest person named before."""
    a.speaker, a.key = _name_in(phrase)
    if a.speaker is None:
        a.how = ""
    elif a.speaker.lower() in _PRONOUNS:
        a.how = "pronoun"
        a.speaker, a.key = None, None
        if prev is not None and prev.key and prev.paragraph[0] >= q.paragraph[0] - 2000 and \
                people.is_person(prev.key):
            a.speaker, a.key = prev.speaker, prev.key
        else:
            e = people.antecedent(q.start)
            if e is not None:
                a.speaker, a.key = e[3], entity_key(e[3])


def build(facts: Any) -> Speakers:
    """The article's quotations with their speakers (facts.speakers); a speaker whose
    surname two people share is keyed by who they are (facts.names)."""
    ents = [(e.start_char, e.end_char, e.label_, e.text, e.root.dep_ in ("nsubj", "nsubjpass"))
            for e in facts.doc.ents]
    out = build_speakers(facts.article.text, facts.quotes, ents, facts.doc)
    key_by_entity(out, facts.article.text, facts.names)
    return out


def key_by_entity(speakers: Speakers, text: str, names: Any) -> None:
    """Key each speaker whose surname two people share by the one the article means there
    (facts.names): '"...," Mrs Blair said' is Cherie Blair, not Tony."""
    for a in speakers.attributions:
        if not a.key or not a.speaker:
            continue
        after = text.find(a.speaker, a.end, a.end + 160)
        at = after if after >= 0 else text.rfind(a.speaker, max(0, a.start - 160), a.start)
        a.key = names.person_key(a.speaker, at if at >= 0 else None) or a.key


# ---------------------------------------------------------------------------------------
# Whether a sentence attributes its quotation (W304), read from the parse
# ---------------------------------------------------------------------------------------

def attributes(sent: Any, quotes: Any) -> bool:
    """Whether a sentence says who speaks, read from its words outside quotations: a
    verb of saying in any position ('said one expert', '..., Amrakhly said' however
    the parser tags the name, 'saying ...', 'it said in a statement'), any verb with a
    speaker right beside a quotation ('..., Alsobrooks recounted', 'the brief asserts, "'),
    or 'according to'."""
    for tok in sent:
        if tok.pos_ not in ("VERB", "AUX") and tok.lower_ != "according":
            continue
        if quotes.contains(tok.idx, tok.idx + len(tok.text)):
            continue  # inside the quotation: the speaker's own words
        if tok.lower_ == "according" or tok.lemma_.lower() in SPEECH_LEMMAS:
            return True
        if beside_quote(sent, tok, quotes) and any(c.dep_ in ("nsubj", "nsubjpass") for c in tok.children):
            return True
    return False
