"""Ages: every "Parsons, 56,", "aged 56", "the 56-year-old", "56-year-old Parsons",
tied to the person it describes, and birth years ("born in 1948").

Ages are keyed by surname (and given name when both mentions have one), and an unnamed
"the 59-year-old" is the most recent person mentioned before it; where two people share
the surname (a mother and daughter), each age is keyed by the one ``facts.names`` says
the name means there, so that they stay two people.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from ..lexicon import MONTHS, NUMBER_TENS, NUMBER_UNITS, SPEAKER_TITLES, WEEKDAYS, alternation
from .numbers import word_value

TITLES = alternation(SPEAKER_TITLES + ("Prof", "Professor", "Dame", "Rev", "President", "Judge")) + r"\.?"
_NAME_WORD = r"[A-Z][\w'\u2019-]*(?:-[A-Z][\w'\u2019]*)?"
_NAME = rf"(?:{TITLES}\s+)?{_NAME_WORD}(?:\s+(?:(?:de|van|von|der|da|di|del|bin|al|le)\s+)?{_NAME_WORD}){{0,3}}"
# an age in digits or words ("52", "fifty-two", "nine"): longer words first
_TENS = list(NUMBER_TENS)
_UNITS = [w for w, n in NUMBER_UNITS.items() if n < 10]
_TEENS = [w for w, n in NUMBER_UNITS.items() if n >= 10]
_AGE_NUM = rf"(?:\d{{1,3}}|(?:{'|'.join(_TENS)})(?:-(?:{'|'.join(_UNITS)}))?|{'|'.join(_TEENS + _UNITS[::-1])})"
APPOS_RE = re.compile(rf"(?P<name>{_NAME}),\s+(?P<aged>(?:aged|who\s+is|who\s+turn(?:s|ed)|now)"
                      rf"\s+(?:(?:just|only|now)\s+)?)?(?P<age>\d{{1,3}})"
                      rf"(?=\s*[,.;)]|\s+(?:and|is|was|has|had|who|said|says|in|on|this)\b)")
# "Parsons, a 52-year-old former miner,": the apposition names the age after the person
APPOS_YO_RE = re.compile(rf"(?P<name>{_NAME}),\s+an?\s+(?P<age>\d{{1,3}})[-\s]year[-\s]old\b")
# "At 52, Parsons ...", "at the age of 52, Parsons"
AT_RE = re.compile(rf"(?:^|(?<=[.!?\"\u201d]\s)|(?<=\n))(?:At|Aged)\s+(?:the\s+age\s+of\s+)?(?:just\s+|only\s+)?(?P<age>\d{{2}}),\s+(?P<name>{_NAME})")
# "Parsons is 52 and ...": present tense only ("was 52 when he ..." is another time)
IS_RE = re.compile(rf"(?P<name>{_NAME})\s+(?:is|is\s+now|turns)\s+(?:aged\s+)?(?P<age>\d{{2}})"
                   rf"(?:\s+years?\s+old)?(?=\s*[,.;]|\s+(?:and|but)\b)")
PAREN_RE = re.compile(rf"(?P<name>{_NAME})\s+\((?:aged\s+)?(?P<age>\d{{1,3}})\)")
AGED_RE = re.compile(rf"(?P<name>{_NAME})\s+aged\s+(?P<age>\d{{1,3}})\b")
YEAR_OLD_RE = re.compile(rf"\b(?P<the>[Tt]he\s+|[Aa]n?\s+)?(?P<age>(?i:{_AGE_NUM}))[-\s]year[-\s]old\b"
                         rf"(?P<rest>(?:\s+[a-z][\w-]*){{0,3}}?\s+(?P<name>{_NAME}))?")
DESCRIPTOR_RE = re.compile(r"\b[Tt]he\s+(?:[A-Z][\w'\u2019-]*\s+){0,3}(?:[a-z][\w-]*\s+)?[a-z][\w-]*,\s+"
                           r"(?:aged\s+)?(?P<age>\d{2}),")
BORN_RE = re.compile(r"\bborn\s+(?:in\s+|on\s+)?(?:(?:\d{1,2}\s+)?[A-Z][a-z]+\s+(?:\d{1,2},?\s+)?)?(?P<year>1[89]\d\d|20\d\d)\b")
NOT_NAMES = {*MONTHS, *WEEKDAYS, "The", "A", "An", "In", "On", "At",
             "He", "She", "They", "It", "But", "And", "By", "For", "Of", "To", "With", "After",
             "Before", "Since", "From", "Last", "This", "Next", "Aged", "Now", "Then", "Only",
             "About", "Around", "Some", "All", "Both", "Under", "Over", "Of"}


@dataclass
class Person:
    """A person as the article names them."""

    surname: str
    given: str | None
    mentions: list[tuple[int, int]] = field(default_factory=list)


@dataclass
class AgeMention:
    """One stated age; ``person`` is the key of the person it was tied to: facts.names's
    key where the name resolves to a person, else the surname (None if unknown)."""

    start: int
    end: int
    age: int
    form: str           # appos, paren, aged, year-old-name, the-year-old
    person: str | None
    given: str | None
    name_text: str | None
    named: bool         # the name is in the same phrase (not resolved from context)
    at: int | None = None  # where the name it was tied to stands in the text


@dataclass
class Ages:
    """All ages of an article and the people they were tied to."""

    mentions: list[AgeMention] = field(default_factory=list)
    births: list[tuple[int, int, str, int]] = field(default_factory=list)  # start, end, person, year
    persons: dict[str, Person] = field(default_factory=dict)  # by surname
    birth_at: list[int | None] = field(default_factory=list)  # where each birth's person is named


def split_name(name: str) -> tuple[str, str | None] | None:
    """(surname key, given name or None) of a written name; None when it is no name."""
    words = [w for w in re.split(r"\s+", name.strip()) if w]
    titled = [i for i, w in enumerate(words) if re.fullmatch(TITLES, w)]
    title = bool(titled)
    if title:  # "California Mr Torvalds": the name starts after the title
        words = words[titled[-1] + 1:]
    while words and words[0] in NOT_NAMES:
        words = words[1:]
    if not words:
        return None
    last = re.sub(r"(?:'s|\u2019s|'|\u2019)$", "", words[-1])
    if last in NOT_NAMES or not last[:1].isupper():
        return None
    given = words[-2] if len(words) > 1 and not title else None
    return last.lower(), given


def trim_name(name: str) -> str:
    """Drop what precedes a title and leading non-name words: 'California Mr Torvalds' -> 'Mr Torvalds'."""
    words = list(re.finditer(r"\S+", name))
    cut = 0
    for i, w in enumerate(words):
        if re.fullmatch(TITLES, w.group(0)):
            cut = i
    while cut < len(words) - 1 and words[cut].group(0) in NOT_NAMES:
        cut += 1
    return name[words[cut].start():] if words else name


def _person_mentions(doc: Any, text: str) -> list[tuple[int, int, str, str | None]]:
    """(start, end, surname, given) of each PERSON entity and each titled name."""
    out = []
    for ent in getattr(doc, "ents", ()):
        if ent.label_ == "PERSON":
            sn = split_name(ent.text)
            if sn:
                out.append((ent.start_char, ent.end_char, sn[0], sn[1]))
    for m in re.finditer(rf"\b{TITLES}\s+{_NAME_WORD}(?:\s+{_NAME_WORD})?", text):
        sn = split_name(m.group(0))
        if sn:
            out.append((m.start(), m.end(), sn[0], sn[1]))
    out.sort()
    return out


def _is_person_name(name: str, start: int, persons: list[tuple[int, int, str, str | None]],
                    known: set[str]) -> bool:
    """A name is a person when NER or a title says so here, or its surname is a known person."""
    sn = split_name(name)
    if not sn:
        return False
    end = start + len(name)
    if any(s < end and start < e for s, e, _, _ in persons):
        return True
    return sn[0] in known


def _lone_word(text: str, person: tuple[int, int, str, str | None]) -> bool:
    """A one-word name, without title, that the article never repeats."""
    s, e, surname, given = person
    if given or " " in text[s:e].strip():
        return False
    return len(re.findall(r"\b" + re.escape(surname) + r"\b", text, re.I)) <= 1


def _descriptive(doc: Any, start: int, end: int) -> bool:
    """Words between "56-year-old" and a name describe the person ("striker"), never a verb.

    "the 25-year-old shocked Pete Sampras": the age is not Sampras's.
    """
    if end <= start or doc is None:
        return True
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return True
    for t in span:
        if t.idx < start or t.idx >= end or t.is_space:
            continue
        if t.pos_ not in ("NOUN", "PROPN", "ADJ", "PUNCT") or t.lower_.endswith("ed"):
            return False  # a verb (even one tagged ADJ, "shocked"), preposition, adverb...
    return True


def build(facts: Any) -> Ages:
    """Ages tied to people, and birth years; an unnamed "the 59-year-old" is tied to the
    person it most likely means (``resolve_unnamed``)."""
    c = _Collector(facts.article.text, facts.doc)
    c.stated()
    c.year_olds()
    c.descriptors()
    c.births()
    c.out.mentions.sort(key=lambda a: a.start)
    resolve_unnamed(c.out, c.text)
    key_by_entity(c.out, facts.names, c.text)
    return c.out


def key_by_entity(ages: Ages, names: Any, text: str) -> None:
    """Where two people share a surname, key each age and birth year by the one the article
    means where the name stands (facts.names); every other key stays the surname."""
    def key(surname: str | None, name: str | None, at: int | None) -> str | None:
        if surname is None or at is None or not names.surnames.shared(surname):
            return surname
        c = names.refer(name or text[at:at + len(surname) + 40].split(",")[0], at)
        if c is None or c.label != "PERSON" or c.surname.split()[-1].lower() != surname:
            return surname
        return c.key

    for a in ages.mentions:
        a.person = key(a.person, a.name_text, a.at)
    ages.births = [(s, e, key(p, None, at) or p, y) for (s, e, p, y), at in zip(ages.births, ages.birth_at)]


class _Collector:
    """Builds an article's Ages: each pattern's matches added in turn, none overlapping."""

    def __init__(self, text: str, doc: Any) -> None:
        self.text, self.doc = text, doc
        self.persons = _person_mentions(doc, text)
        self.known = {p[2] for p in self.persons}
        self.person_texts = [e.text.split() for e in getattr(doc, "ents", ()) if e.label_ == "PERSON"]
        self.ner_persons = [(e.start_char, e.end_char, "", None) for e in getattr(doc, "ents", ())
                            if e.label_ == "PERSON"]
        self.out = Ages()
        for s, e, sur, given in self.persons:
            p = self.out.persons.setdefault(sur, Person(sur, given))
            p.mentions.append((s, e))
            if p.given is None and given:
                p.given = given
        self.taken: list[tuple[int, int]] = []

    def _trim(self, start: int, name: str, name_start: int) -> tuple[int, str, int]:
        """(start, name, name_start) with titles and words before the name cut off."""
        trimmed = trim_name(name)
        ents = [(s, e) for s, e, _, _ in self.ner_persons if s < name_start + len(name) and name_start < e]
        cut = len(name) - len(trimmed)
        titled = re.match(TITLES + r"\s", trimmed) is not None
        if ents and ents[0][0] > name_start + cut and not titled:  # "Actor John Smith": NER knows where it starts
            cut = ents[0][0] - name_start
        elif not ents and not titled:
            cut = len(name) - len(name.split()[-1])  # unknown to NER: the surname alone
        trimmed = name[cut:]
        if start == name_start:
            start += len(name) - len(trimmed)
        name_start += len(name) - len(trimmed)
        return start, trimmed, name_start

    def add(self, start: int, end: int, age: int, form: str, name: str | None, name_start: int) -> None:
        """One stated age, unless it overlaps one already taken or its name is not a person's."""
        if name is not None:
            start, name, name_start = self._trim(start, name, name_start)
        if any(s < end and start < e for s, e in self.taken) or not 0 < age < 120:
            return
        sur = given = None
        if name is not None:
            if not _is_person_name(name, name_start, self.persons, self.known):
                return
            sn = split_name(name)
            assert sn is not None
            sur, given = sn
        if given and not any(given in ent_text for ent_text in self.person_texts):
            given = None  # "Later Smith": only a name NER knows gives a given name
        self.taken.append((start, end))
        self.out.mentions.append(AgeMention(start, end, age, form, sur, given, name, name is not None,
                                            name_start if name is not None else None))

    def stated(self) -> None:
        """Ages stated beside a name: "Smith, 56,", "Smith (56)", "Smith, aged 56", "at 56"..."""
        text, add = self.text, self.add
        for m in APPOS_RE.finditer(text):
            add(m.start("name"), m.end("age"), int(m.group("age")), "aged" if m.group("aged") else "appos",
                m.group("name"), m.start("name"))
        for m in APPOS_YO_RE.finditer(text):
            add(m.start("name"), m.end(), int(m.group("age")), "appos", m.group("name"), m.start("name"))
        for m in AT_RE.finditer(text):
            add(m.start(), m.end("name"), int(m.group("age")), "aged", m.group("name"), m.start("name"))
        for m in IS_RE.finditer(text):
            add(m.start("name"), m.end("age"), int(m.group("age")), "aged", m.group("name"), m.start("name"))
        for m in PAREN_RE.finditer(text):
            add(m.start("name"), m.end(), int(m.group("age")), "paren", m.group("name"), m.start("name"))
        for m in AGED_RE.finditer(text):
            add(m.start("name"), m.end("age"), int(m.group("age")), "aged", m.group("name"), m.start("name"))

    def year_olds(self) -> None:
        """"the 56-year-old Jane Smith", and "the 59-year-old" alone (tied to the last person named)."""
        text = self.text
        for m in YEAR_OLD_RE.finditer(text):
            raw = m.group("age")
            age = int(raw) if raw.isdigit() else int(word_value(raw) or 0)
            if m.group("name") and split_name(m.group("name")) and \
                    _is_person_name(m.group("name"), m.start("name"), self.persons, self.known) and \
                    _descriptive(self.doc, m.start("rest"), m.start("name")):
                self.add(m.start("age"), m.end("name"), age, "year-old-name", m.group("name"), m.start("name"))
            elif m.group("the") and m.group("the").strip().lower() == "the":
                # "the 59-year-old": the most recent person named before it (a lone one-word
                # "person" mentioned once is more often a place NER got wrong: "Mallaig")
                before = [p for p in self.persons if p[1] <= m.start() and not _lone_word(text, p)]
                if not before:
                    continue
                end = m.start() + re.search(r"year[-\s]old", m.group(0), re.I).end()
                self.add(m.start(), end, age, "the-year-old", None, m.start())
                mention = self.out.mentions[-1] if self.out.mentions and \
                    self.out.mentions[-1].start == m.start() else None
                if mention is not None:
                    mention.person, mention.given, mention.at = before[-1][2], before[-1][3], before[-1][0]

    def descriptors(self) -> None:
        """"the Charlton boss, 42,": an unnamed reference, like "the 42-year-old"."""
        for m in DESCRIPTOR_RE.finditer(self.text):
            before = [p for p in self.persons if p[1] <= m.start() and not _lone_word(self.text, p)]
            if before and 16 <= int(m.group("age")) < 100:
                n_before = len(self.out.mentions)
                self.add(m.start(), m.end("age"), int(m.group("age")), "descriptor", None, m.start())
                if len(self.out.mentions) > n_before:
                    last = self.out.mentions[-1]
                    last.person, last.given, last.at = before[-1][2], before[-1][3], before[-1][0]

    def births(self) -> None:
        """"born in 1967" after a person named within 200 characters."""
        for m in BORN_RE.finditer(self.text):
            before = [p for p in self.persons if p[1] <= m.start() and m.start() - p[1] < 200]
            if before:
                self.out.births.append((m.start(), m.end(), before[-1][2], int(m.group("year"))))
                self.out.birth_at.append(before[-1][0])


def resolve_unnamed(ages: Ages, text: str) -> None:
    """Tie "the N-year-old" to the article's main subject when the nearest person is minor.

    The nearest person named before it wins, unless that person's age is never
    stated and the most mentioned person whose age is stated (the article's
    subject) is mentioned more often.
    """
    named = [a for a in ages.mentions if a.named and a.person]
    with_age = {a.person for a in named}
    if not with_age:
        return

    counts: dict[str, int] = {}

    def count(surname: str) -> int:  # each surname counted once: the text may be long
        if surname not in counts:
            counts[surname] = len(re.findall(r"\b" + re.escape(surname) + r"\b", text, re.I))
        return counts[surname]

    main = max(sorted(with_age), key=count)
    for a in ages.mentions:
        if a.named or a.person in with_age or a.person is None:
            continue
        if count(main) > count(a.person):
            a.person = main
            a.given = ages.persons[main].given if main in ages.persons else None
            a.at = next((n.at for n in named if n.person == main), a.at)
