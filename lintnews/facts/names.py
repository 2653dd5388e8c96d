"""People and organisations: entity clusters with all their mentions.

``facts.names`` (built once per article) offers:

- ``clusters``: list of :class:`Cluster`, in order of first mention. Each has
  ``key`` (normalised full name, lower case), ``label`` ("PERSON", "ORG" or
  "OTHER"), ``full`` (the first full mention as ``(start, end, text)``, or the
  first mention when the article never gives a longer form), ``surname`` (the
  family name: the last word, or the first for family-name-first names such as
  "Zhang Kejian"), ``given`` (the other words), ``family_first`` (bool) and
  ``mentions``: every ``(start, end, text)`` in text order — full name, surname
  alone, with titles stripped ("Mr Blair" -> "Blair", "space chief Zhang
  Kejian" -> "Zhang Kejian"), possessives stripped ("Rogozin's" -> "Rogozin").
  ``titled`` lists the mentions that carried a personal title.
- ``cluster_at(start, end)``: the cluster with a mention overlapping that text
  span, or None.
- ``cluster_for_text(text)``: the cluster a name string refers to ("Mr
  Parsons", "Parsons's", "Richard Parsons"), or None.
- ``people`` / ``orgs``: the clusters labelled PERSON / ORG.
- ``words``: every capitalised word of the body as :class:`Word` (start, end,
  text, sentence_initial, named: inside a name entity or tagged PROPN).
- ``word_forms``: text -> list of :class:`Word`, for spelling comparisons.

Label noise: spaCy's small model tags "the Moon" or "Roscosmos" as PERSON. A
cluster is a PERSON only if some mention is a multi-word name tagged PERSON or
carries a personal title; a single word always written after "the" is never a
person. Other single-word "PERSON" clusters become "OTHER".
"""
from __future__ import annotations

import bisect
import itertools
import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from ..lexicon import FAMILY_FIRST, GENDER_OF_TITLE, HONORIFICS, NAME_PARTICLES, TITLES
from .surnames import SurnameResolver, kinship_word

Mention = tuple[int, int, str]

NAME_LABELS = {"PERSON", "ORG", "NORP", "GPE", "FAC", "PRODUCT", "WORK_OF_ART", "EVENT", "LOC", "LAW"}

_DETS = {"the", "a", "an", "this", "that", "its", "their", "our"}
_POSSESSIVE = re.compile(r"(?:['’]s|['’])$")


@dataclass
class Word:
    """One capitalised word of the body."""

    start: int
    end: int
    text: str
    sentence_initial: bool
    named: bool           # inside a name entity or tagged as a proper noun
    ent_label: str = ""
    after_det: bool = False
    in_run: bool = False  # next to another capitalised word ("Time Warner")
    run: str = ""         # the other capitalised words around it ("Time" for "Warner")


@dataclass
class Cluster:
    """One person or organisation and all its mentions."""

    key: str
    label: str
    full: Mention
    surname: str
    given: str
    family_first: bool = False
    mentions: list[Mention] = field(default_factory=list)
    titled: list[Mention] = field(default_factory=list)
    votes: Counter = field(default_factory=Counter)
    titles: set[str] = field(default_factory=set)   # title words seen before it ("analyst", "mrs")
    kin: str = ""          # the kinship word it was introduced by ("wife", "son of"), if any
    suffix: str = ""       # a generational suffix ("Jr."): Donald Trump Jr. is not Donald Trump
    explicit: list[Mention] = field(default_factory=list)  # mentions that name it beyond doubt

    @property
    def gender(self) -> str:
        """"m" or "f" when its titles say so ("Mrs", "Lord"), else ""."""
        genders = {GENDER_OF_TITLE[t] for t in self.titles if t in GENDER_OF_TITLE}
        return genders.pop() if len(genders) == 1 else ""

    @property
    def has_full_name(self) -> bool:
        """True when the article gives more than one word of the name."""
        return len(self.full[2].split()) > 1

    def first_mention(self) -> Mention:
        return self.mentions[0]


class Names:
    """The clusters of one article; see the module docstring for the API."""

    def __init__(self, clusters: list[Cluster], words: list[Word],
                 surnames: "SurnameResolver | None" = None) -> None:
        self.clusters = clusters
        self.words = words
        self.surnames = surnames if surnames is not None else SurnameResolver(clusters, [])
        self.word_forms: dict[str, list[Word]] = {}
        for w in words:
            self.word_forms.setdefault(w.text, []).append(w)
        self._by_word: dict[str, Cluster] = {}
        for c in clusters:
            self._by_word.setdefault(c.key, c)
        for c in clusters:
            if c.has_full_name:
                self._by_word.setdefault(c.surname.lower(), c)
        # every mention, sorted by start, for position look-ups
        self._spans = sorted((s, e, i) for i, c in enumerate(clusters) for s, e, _ in c.mentions)
        self._starts = [sp[0] for sp in self._spans]
        self._reach = list(itertools.accumulate((sp[1] for sp in self._spans), max))

    @property
    def people(self) -> list[Cluster]:
        return [c for c in self.clusters if c.label == "PERSON"]

    @property
    def orgs(self) -> list[Cluster]:
        return [c for c in self.clusters if c.label == "ORG"]

    def cluster_at(self, start: int, end: int) -> Cluster | None:
        """The cluster with a mention overlapping text ``[start, end)`` (the first such
        mention in text order)."""
        i = bisect.bisect_left(self._starts, end) - 1
        best = None
        while i >= 0 and self._reach[i] > start:
            s, e, ci = self._spans[i]
            if s < end and start < e:
                best = self.clusters[ci]
            i -= 1
        return best

    def cluster_for_text(self, text: str) -> Cluster | None:
        """The cluster a name string refers to, titles and possessives ignored (a bare
        surname two people share: the first of them; ``refer`` reads the context)."""
        words = strip_title(normalise(text).split())
        if not words:
            return None
        key = " ".join(words).lower()
        if key in self._by_word:
            return self._by_word[key]
        for c in self.clusters:  # a full name whose surname and given name fit
            if c.has_full_name and len(words) > 1 and words[-1].lower() == c.surname.lower() \
                    and words[0].lower() in c.given.lower().split():
                return c
        return None

    def refer(self, text: str, start: int | None = None) -> Cluster | None:
        """Who the name ``text`` written at ``start`` refers to, the way a reader resolves
        it: the cluster of the mention there; else a full name's cluster; else, for a bare
        surname two people share, the one the context points to (None when it cannot tell)."""
        if start is not None:
            c = self.cluster_at(start, start + max(1, len(text)))
            if c is not None:
                return c
        words = strip_title(normalise(text).split())
        if start is not None and len(words) == 1 and self.surnames.shared(words[0]):
            title = text[:text.rfind(words[0])].split()
            return self.surnames.resolve(words[0], start, title[-1] if title else "").cluster
        return self.cluster_for_text(text)

    def key_for(self, text: str, start: int | None = None) -> str | None:
        """The key of the person or organisation ``text`` (at ``start``) refers to, or None."""
        c = self.refer(text, start)
        return c.key if c is not None else None

    def person_key(self, text: str, start: int | None = None) -> str | None:
        """Where a name's surname belongs to two or more people of the article, the key of
        the one ``text`` at ``start`` means (None when the context cannot tell); None for
        any other name, whose surname alone already says who it is."""
        words = strip_title(normalise(text).split())
        if not words or not self.surnames.shared(words[-1]):
            return None
        c = self.refer(text, start)
        return c.key if c is not None and c.label == "PERSON" else None


def normalise(text: str) -> str:
    """Collapse spaces, drop a possessive and quote marks around a name."""
    text = re.sub(r"\s+", " ", text.strip().strip("\"“”‘’'"))
    return _POSSESSIVE.sub("", text).strip()


def strip_title(words: list[str]) -> list[str]:
    """Drop leading determiners and personal titles ("the space chief Zhang" -> ["Zhang"])."""
    i = 0
    while i < len(words) - 1 and (words[i].lower().rstrip(".") in TITLES or words[i].lower() in _DETS
                                  or words[i].lower() in ("space", "foreign", "prime", "interior",
                                                          "finance", "defence", "health")):
        i += 1
    return words[i:]


def _is_cap(text: str) -> bool:
    return bool(text) and text[0].isupper() and any(ch.islower() for ch in text)


def sentence_initial(tok: Any) -> bool:
    """First word of its sentence, quotation or paragraph (its capital says nothing)."""
    if tok.is_sent_start or tok.i == 0:
        return True
    prev = tok.doc[tok.i - 1]
    if "\n" in prev.text or prev.is_space:
        return True
    if prev.is_quote or prev.text in ("(", "-", "–", "—", ":"):
        # after an opening quote or a colon: initial if the quote itself opens the sentence
        return prev.is_sent_start is True or prev.text == ":" or prev.i == 0 \
            or doc_text_before_is_end(tok.doc, prev.i)
    return False


def doc_text_before_is_end(doc: Any, i: int) -> bool:
    """True when token i follows a sentence end or a line break."""
    j = i - 1
    if j >= 0 and doc[j].is_space:
        return True
    return j < 0 or doc[j].text in (".", "!", "?") or "\n" in doc[j].whitespace_


def _run_around(doc: Any, i: int) -> str:
    """The capitalised words next to token i, without it ("Get" for "Back" in "Get Back")."""
    out = []
    j = i - 1
    while j >= 0 and _is_cap(doc[j].text) and doc[j].whitespace_ and not sentence_initial(doc[j + 1]):
        if doc[j].lower_.rstrip(".") in HONORIFICS or doc[j].lower_ in _DETS or \
                (sentence_initial(doc[j]) and not doc[j].ent_type_):
            break  # "Mr Crosby", "The Skulls program": not part of the name
        out.insert(0, doc[j].text)
        j -= 1
    j = i + 1
    while j < len(doc) and _is_cap(doc[j].text) and doc[j - 1].whitespace_:
        out.append(doc[j].text)
        j += 1
    return " ".join(out)


def _title_before(doc: Any, i: int) -> bool:
    """An honorific ("Mr", "President", "Sir") right before token i."""
    j = i - 1
    return j >= 0 and doc[j].lower_.rstrip(".") in HONORIFICS


def build(facts: Any) -> Names:
    """Collect capitalised words and cluster the people and organisations."""
    doc, art = facts.doc, facts.article
    dtext = art.text  # == doc.text, which spaCy rebuilds on every access
    body = art.body_start()
    words = _words(doc, body)
    # Mentions: entities (any name label) with titles and possessives stripped.
    raw = [m for m in (_mention(doc, dtext, ent) for ent in doc.ents
                       if ent.label_ in ("PERSON", "ORG", "NORP", "GPE", "FAC", "PRODUCT")
                       and ent.start_char >= body) if m is not None]
    clusters: list[Cluster] = []
    by_key: dict[str, Cluster] = {}
    attach = _Attacher(clusters)
    # Multi-word mentions first: they define the clusters single words attach to.
    for mention in sorted(raw, key=lambda r: (-len(r.words), r.start)):
        _add_mention(mention, dtext, clusters, by_key, attach)
    _given_name_mentions(clusters, words)
    for c in clusters:
        c.mentions.sort()
        c.label = _label(c)
        longer = [m for m in c.mentions if len(m[2].split()) > 1]
        c.full = longer[0] if longer else c.mentions[0] if c.mentions else c.full
        c.explicit = longer + [m for m in c.mentions if c.family_first and m[2] == c.given]
        if c.label == "PERSON" and longer:
            c.kin = next((k for k in (kinship_word(doc, s, e) for s, e, _ in longer) if k), "")
    clusters.sort(key=lambda c: c.mentions[0][0] if c.mentions else 0)
    surnames = SurnameResolver([c for c in clusters if c.label == "PERSON"], art.paragraphs)
    _rehome_bare_surnames(clusters, surnames, dtext)
    return Names(clusters, words, surnames)


def _given_name_mentions(clusters: list[Cluster], words: list[Word]) -> None:
    """Bare given names of family-name-first people ("Kejian" after "Zhang Kejian")."""
    words_by_text: dict[str, list[Word]] = {}
    for w in words:
        words_by_text.setdefault(w.text, []).append(w)
    for c in clusters:
        if c.family_first and c.has_full_name:
            for w in words_by_text.get(c.given, ()):
                if not any(m[0] <= w.start < m[1] for m in c.mentions):
                    c.mentions.append((w.start, w.end, w.text))


def _rehome_bare_surnames(clusters: list[Cluster], surnames: SurnameResolver, dtext: str) -> None:
    """Give each bare surname two people share to the one the context points to; one the
    context leaves open belongs to neither."""
    for word, group in surnames.groups.items():
        bare: list[Mention] = []
        for c in group:
            keep = []
            for m in c.mentions:
                (bare if m[2].lower() == word else keep).append(m)
            c.mentions = keep
        for m in bare:
            before = dtext[max(0, m[0] - 20):m[0]].split()
            r = surnames.resolve(word, m[0], before[-1] if before else "")
            if r.cluster is not None:
                r.cluster.mentions.append(m)
        for c in group:
            c.mentions.sort()


def _words(doc: Any, body: int) -> list[Word]:
    """Every capitalised word of the body, with what the name checks ask of it."""
    words: list[Word] = []
    for tok in doc:
        if tok.idx < body or not _is_cap(tok.text) or not any(ch.isalpha() for ch in tok.text):
            continue
        prev = doc[tok.i - 1] if tok.i else None
        nxt = doc[tok.i + 1] if tok.i + 1 < len(doc) else None
        in_run = bool((prev is not None and _is_cap(prev.text) and prev.whitespace_ and not sentence_initial(tok))
                      or (nxt is not None and _is_cap(nxt.text) and tok.whitespace_))
        text = _POSSESSIVE.sub("", tok.text) or tok.text
        words.append(Word(tok.idx, tok.idx + len(text), text, sentence_initial(tok),
                          tok.ent_type_ in NAME_LABELS or tok.tag_ in ("NNP", "NNPS"),
                          tok.ent_type_, bool(prev is not None and prev.lower_ in _DETS), in_run,
                          _run_around(doc, tok.i) if in_run else ""))
    return words


_SUFFIXES = {"jr", "jr.", "sr", "sr.", "ii", "iii", "iv"}


@dataclass
class _RawMention:
    """An entity as a name mention, titles and possessives stripped."""

    start: int
    end: int
    words: list[str]
    label: str
    titled: bool          # an honorific before it ("Mr", "President")
    after_det: bool       # "the Moon"
    titles: tuple[str, ...] = ()  # every title word before it, lower case ("analyst", "mrs")


def _mention(doc: Any, dtext: str, ent: Any) -> _RawMention | None:
    """An entity as a name mention: titles, determiners and possessives stripped."""
    toks = list(ent)
    titled = _title_before(doc, ent.start)
    titles = [doc[ent.start - 1].lower_.rstrip(".")] if ent.start and \
        doc[ent.start - 1].lower_.rstrip(".") in TITLES else []
    while toks and (toks[0].lower_.rstrip(".") in TITLES and ent.label_ == "PERSON" or toks[0].lower_ in _DETS
                    or not _is_cap(toks[0].text) and not toks[0].is_upper):
        titled = titled or toks[0].lower_.rstrip(".") in HONORIFICS
        if toks[0].lower_.rstrip(".") in TITLES:
            titles.append(toks[0].lower_.rstrip("."))
        toks = toks[1:]
    while toks and (toks[-1].tag_ == "POS" or toks[-1].is_punct):
        toks = toks[:-1]
    for k in range(len(toks) - 1, 0, -1):  # "Tanzania Mr Brown": the name starts after the title
        if toks[k - 1].lower_.rstrip(".") in HONORIFICS and toks[k - 1].text[:1].isupper() \
                and ent.label_ == "PERSON":
            titles.append(toks[k - 1].lower_.rstrip("."))
            toks, titled = toks[k:], True
            break
    quote = max((k for k, t in enumerate(toks) if t.is_quote), default=-1)
    toks = toks[quote + 1:]  # 'X. "James Hundley': the name starts after the quotation mark
    if not toks:
        return None
    s, e = toks[0].idx, toks[-1].idx + len(toks[-1].text)
    text = normalise(dtext[s:e])
    e = s + len(text) if dtext[s:s + len(text)] == text else e
    after_det = toks[0].i > 0 and doc[toks[0].i - 1].lower_ in _DETS
    return _RawMention(s, e, text.split(), ent.label_, titled, after_det, tuple(t for t in titles if t))


def _split_name(ws: list[str], label: str) -> tuple[str, str, bool, str]:
    """(surname, given names, family name first, suffix) of a name's words."""
    suffix = ""
    if len(ws) > 2 and ws[-1].lower().rstrip(",") in _SUFFIXES:
        suffix, ws = ws[-1], [w.rstrip(",") for w in ws[:-1]]
    fam = len(ws) in (2, 3) and ws[0].lower() in FAMILY_FIRST and label == "PERSON"
    cut = 1 if fam else len(ws) - 1
    if not fam and len(ws) > 2 and ws[-2].lower() in NAME_PARTICLES:
        cut -= 1  # "Jean-Yves Le Gall": the surname is "Le Gall"
    surname = " ".join(ws[:cut] if fam else ws[cut:])
    given = " ".join(ws[cut:] if fam else ws[:cut])
    return surname, given, fam, suffix


def _same_person(c: Cluster, surname: str, given: str, suffix: str) -> bool:
    """"John Sauer" and "D. John Sauer", "Bill Clinton" and "William J. Clinton"? The same
    surname and suffix, and one's given names (initials aside) among the other's."""
    if c.surname.lower() != surname.lower() or c.suffix.lower() != suffix.lower() or not given:
        return False
    mine = {g.lower().rstrip(".") for g in c.given.split() if len(g.rstrip(".")) > 1}
    theirs = {g.lower().rstrip(".") for g in given.split() if len(g.rstrip(".")) > 1}
    return bool(mine and theirs) and (mine <= theirs or theirs <= mine)


def _add_mention(m: _RawMention, dtext: str, clusters: list[Cluster], by_key: dict[str, Cluster],
                 attach: "_Attacher") -> None:
    """Add a mention to its cluster (by key, a fuller form of one name, or a single word to a
    longer name), or start one."""
    ws, label = m.words, m.label
    key = " ".join(ws).lower()
    c = by_key.get(key)
    if c is None and len(ws) == 1:
        c = attach.find(ws[0], label)
    if c is None:
        surname, given, fam, suffix = _split_name(ws, label)
        if len(ws) > 1 and label == "PERSON":
            c = next((o for o in attach.with_surname(surname) if _same_person(o, surname, given, suffix)), None)
        if c is None:
            c = Cluster(key, "OTHER", (m.start, m.end, dtext[m.start:m.end]), surname, given, fam, suffix=suffix)
            clusters.append(c)
        by_key[key] = c
    here = (m.start, m.end, dtext[m.start:m.end])
    c.mentions.append(here)
    c.titles.update(m.titles)
    if m.titled:
        c.titled.append(here)
    weight = 2 if len(ws) > 1 else 1
    c.votes["ANY"] += 1
    if label == "PERSON" and m.after_det and len(ws) == 1 and not m.titled:
        c.votes["THE"] += 1  # "the Moon": a thing, whatever the tagger says
    else:
        c.votes[label] += weight
    if m.titled:
        c.votes["TITLE"] += 1


class _Attacher:
    """The multi-word cluster a single word belongs to, found through indexes of the
    clusters' words (a long article has thousands of names; ``clusters`` only grows).

    A surname ("Rogozin"), the given name of a family-name-first person
    ("Kejian"), or the first or last word of an organisation ("Domecq" for
    Allied Domecq) unless the word is itself a place or nationality: the first
    cluster, in creation order, that fits.
    """

    def __init__(self, clusters: list[Cluster]) -> None:
        self.clusters = clusters
        self.seen = 0
        self.by_name: dict[str, int] = {}           # surname (last word) or given name -> first cluster
        self.by_end_word: dict[str, list[int]] = {}  # first or last word of the key -> clusters
        self.by_surname: dict[str, list[int]] = {}   # full surname -> clusters

    def _index(self) -> None:
        for pos in range(self.seen, len(self.clusters)):
            c = self.clusters[pos]
            if not c.has_full_name:
                continue
            self.by_surname.setdefault(c.surname.lower(), []).append(pos)
            self.by_name.setdefault(c.surname.lower().split()[-1], pos)
            if c.family_first:
                self.by_name.setdefault(c.given.lower(), pos)
            parts = [p.lower() for p in c.key.split()]
            for w in {parts[0], parts[-1]}:
                self.by_end_word.setdefault(w, []).append(pos)
        self.seen = len(self.clusters)

    def with_surname(self, surname: str) -> list[Cluster]:
        """The clusters with a full name and this surname, in creation order."""
        self._index()
        return [self.clusters[pos] for pos in self.by_surname.get(surname.lower(), ())]

    def find(self, word: str, label: str) -> Cluster | None:
        self._index()
        low = word.lower()
        best = self.by_name.get(low, len(self.clusters))
        if label not in ("GPE", "NORP"):
            for pos in self.by_end_word.get(low, ()):  # the label is read now: votes change it
                if pos >= best:
                    break
                if _label(self.clusters[pos]) == "ORG":
                    best = pos
                    break
        return self.clusters[best] if best < len(self.clusters) else None


def _label(c: Cluster) -> str:
    """PERSON only with a multi-word PERSON mention or a title; never 'the X'."""
    v = c.votes
    person = v["PERSON"]
    if v["TITLE"]:
        return "PERSON"
    if person and c.has_full_name and person > v["ORG"] + v["GPE"] + v["NORP"] + v["FAC"] + v["PRODUCT"]:
        return "PERSON"
    others = {k: n for k, n in v.items() if k in ("ORG", "FAC", "PRODUCT")}
    if others and max(others.values()) >= v["GPE"] + v["NORP"]:
        return "ORG"
    return "OTHER"
