"""Claim frames: who did what to what, per sentence and clause (``facts.claims``).

Each sentence becomes a ``Sentence`` (its lemma sequence, content lemmas, named
entities) holding one ``Frame`` per clause: actors (subject entities or noun
phrases, a pronoun resolved to the nearest compatible entity before it), the
predicate lemma and its synonym group (ask/request, offer/propose,
reject/refuse/"deem impractical", say/state/announce ...), objects and
complements as noun phrases with their content nouns, negation, modality, and the
places, times and numbers attached to the clause.

Sentences are indexed by content lemma so that pairing (``candidates``) looks only
at sentences sharing vocabulary, never at every pair of a long article.
"""
from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING, Any, Iterator

from ..lexicon import HONORIFICS

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

# Light synonym grouping of predicates: lemma -> group name.
_GROUPS: dict[str, tuple[str, ...]] = {
    "ask": ("ask", "request", "urge", "invite", "call"),
    "offer": ("offer", "propose", "suggest"),
    "reject": ("reject", "refuse", "decline", "rebuff", "dismiss", "turn"),
    "say": ("say", "state", "announce", "tell", "add", "claim", "insist", "declare", "report",
            "explain", "note", "confirm", "comment", "argue", "warn", "describe"),
    "help": ("help", "assist", "aid", "support"),
    "build": ("build", "construct", "develop", "create", "design"),
    "buy": ("buy", "purchase", "acquire"),
    "sell": ("sell",),
    "agree": ("agree", "accept", "approve"),
    "provide": ("provide", "supply", "give", "contribute"),
    "win": ("win", "beat", "defeat"),
    "meet": ("meet",),
    "sign": ("sign",),
    "kill": ("kill",),
    "arrest": ("arrest", "detain"),
    "abduct": ("abduct", "kidnap", "seize"),
    "sue": ("sue",),
    "appoint": ("appoint", "name", "nominate"),
}
PREDICATE_GROUP: dict[str, str] = {lem: g for g, lems in _GROUPS.items() for lem in lems}

# Verbs whose clausal complement carries the claim ("determined that X was impractical").
_JUDGE_VERBS = {"determine", "deem", "find", "consider", "judge", "decide", "conclude", "rule",
                "say", "declare", "believe", "think", "feel", "call"}
_REJECT_ADJ = {"unreasonable", "impractical", "unacceptable", "unfeasible", "infeasible",
               "unworkable", "unrealistic", "impossible", "inappropriate", "unviable",
               "unnecessary", "pointless", "untenable"}
# Nouns that name a proposal rather than its substance: "the offer of X" is about X.
LIGHT_NOUNS = {"offer", "proposal", "plan", "idea", "request", "suggestion", "prospect",
               "possibility", "option", "bid", "deal", "attempt", "way", "kind", "sort", "part",
               "lot", "number", "amount", "thing", "issue", "matter", "case", "fact", "time",
               "year", "day", "people", "one"}
NAME_LABELS = {"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC"}
# Caps that keep pairing linear in a long article (a table, an archive pasted whole), each
# far above a news article: over both evaluation corpora a sentence had at most 38
# candidates and 72 units, and no lemma was in more than 39 sentences.
MAX_CANDIDATES = 100   # sentences compared with one sentence, the most shared first
MAX_POSTINGS = 250     # a lemma in more sentences than this says nothing about pairing
MAX_PAIR_UNITS = 200   # a longer "sentence" (a table, a list) is never compared word by word
MAX_ALIAS_CHARS = 200  # names longer than this are compared exactly, not fuzzily
_PRONOUN_LABELS = {"he": {"PERSON"}, "she": {"PERSON"}, "him": {"PERSON"}, "her": {"PERSON"},
                   "it": {"ORG", "GPE"}, "they": {"ORG", "GPE", "NORP", "PERSON"},
                   "them": {"ORG", "GPE", "NORP", "PERSON"}}
# words stripped from the front of a name's key: honorifics, and job words that stand before names
_TITLES = HONORIFICS | {"the", "prime", "st", "mr.", "mrs.", "ms.", "dr.", "coach", "referee", "actor",
                        "actress", "manager", "chief", "deputy", "secretary", "top", "seed"}
_NEG = {"not", "n't", "never", "no"}
_NEG_SUBJECTS = {"nobody", "nothing", "none", "no-one", "noone", "neither"}
_CONTENT_POS = {"NOUN", "PROPN", "VERB", "ADJ", "NUM", "ADV"}


@dataclass
class Mention:
    """A noun phrase filling a slot: text offsets, display text, content nouns, entity key."""

    start: int
    end: int
    text: str
    nouns: frozenset[str] = frozenset()   # lemmas of its common nouns
    label: str = ""           # entity label when the phrase is (headed by) a named entity
    key: str = ""             # normalised entity name ("" for common noun phrases)


@dataclass
class Frame:
    """One clause: actors, predicate, objects, negation, modality, attached details."""

    sent: int
    verb: int                 # token index of the predicate
    lemma: str
    group: str
    actors: list[Mention] = field(default_factory=list)
    objects: list[Mention] = field(default_factory=list)
    negated: bool = False
    modal: str = ""
    places: list[Mention] = field(default_factory=list)
    times: list[str] = field(default_factory=list)
    numbers: list[str] = field(default_factory=list)
    # semantic roles, the same in active and passive voice ("Y was appointed by X" has
    # agent X, patient Y); an untagged proper noun counts as a name here
    agents: list[Mention] = field(default_factory=list)
    patients: list[Mention] = field(default_factory=list)


@dataclass
class Unit:
    """One comparable unit of a sentence: a lemma, or a whole named entity."""

    key: str                  # lemma, or "@" + entity key
    start: int
    end: int
    content: bool
    ent: Mention | None = None
    pos: str = ""             # coarse part of speech ("" for an entity)
    time: bool = False        # part of a DATE or TIME expression ("Tuesday", "19 October")


@dataclass
class Sentence:
    """A sentence with what pairing needs."""

    index: int
    start: int
    end: int
    units: list[Unit]
    content: frozenset[str]
    ents: list[Mention]
    frames: list[Frame] = field(default_factory=list)
    in_quote: bool = False

    @property
    def lemmas(self) -> list[str]:
        return [u.key for u in self.units]


@dataclass
class Claims:
    """All sentences and frames of an article, indexed by content lemma and predicate group."""

    sentences: list[Sentence]
    by_lemma: dict[str, list[int]]
    by_group: dict[str, list[Frame]]

    def candidates(self, i: int, min_shared: int = 2, before: bool = True) -> list[tuple[int, int]]:
        """Sentences (earlier ones when ``before``) sharing at least ``min_shared`` content
        lemmas with sentence ``i``, as (index, shared count), most shared first.

        Bounded for long articles: at most MAX_CANDIDATES, lemmas in over MAX_POSTINGS
        sentences not counted, sentences over MAX_PAIR_UNITS never paired.
        """
        sents = self.sentences
        if len(sents[i].units) > MAX_PAIR_UNITS:
            return []
        counts: Counter[int] = Counter()
        for lem in sents[i].content:
            postings = self.by_lemma.get(lem, ())
            if len(postings) > MAX_POSTINGS:
                continue
            for j in postings:
                if (j < i) if before else (j != i):
                    counts[j] += 1
        return [(j, n) for j, n in counts.most_common()
                if n >= min_shared and len(sents[j].units) <= MAX_PAIR_UNITS][:MAX_CANDIDATES]


def entity_key(text: str) -> str:
    """A comparable form of a name: lowercase, no titles, no possessive, no punctuation."""
    t = re.sub(r"[\u2019']s\b", "", text.lower())
    words = [w for w in re.findall(r"[\w&-]+", t)]
    while len(words) > 1 and words[0] in _TITLES:
        words.pop(0)
    return " ".join(words)


def is_alias(a: str, b: str) -> bool:
    """Whether two entity keys may name the same thing (subset of words, initials, spelling)."""
    if not a or not b:
        return False
    if a == b:
        return True
    return _alias(a, b)


@lru_cache(maxsize=1 << 16)
def _alias(a: str, b: str) -> bool:
    """is_alias for two different keys (cached: pairing asks about the same names often)."""
    wa, wb = a.split(), b.split()
    sa, sb = set(wa), set(wb)
    if sa <= sb or sb <= sa:
        return True
    # acronym: "ioc" vs "international olympic committee"
    for short, long_ in ((a, wb), (b, wa)):
        if " " not in short and len(short) >= 2 and short == "".join(w[0] for w in long_ if w not in {"of", "the", "and", "for"}):
            return True
    # one surname, at most one given name ("mr robinson", "minister john prescott" / "mr
    # prescott"): last words equal; two different given names are two people (Tony and
    # Cherie Blair)
    if wa[-1] == wb[-1] and len(wa[-1]) > 2:
        ga = {w for w in wa[:-1] if w not in _TITLES}
        gb = {w for w in wb[:-1] if w not in _TITLES}
        if not ga or not gb or ga & gb:
            return True
    if len(a) > MAX_ALIAS_CHARS or len(b) > MAX_ALIAS_CHARS:
        return False
    from difflib import SequenceMatcher

    return SequenceMatcher(None, a, b).ratio() >= 0.85


def _span_mention(span: "Span", label: str = "") -> Mention:
    nouns = frozenset(t.lemma_.lower() for t in span if t.pos_ == "NOUN")
    return Mention(span.start_char, span.end_char, span.text, nouns, label,
                   entity_key(span.text) if label else "")


def _ent_of(tok: "Token", ent_map: "dict[int, Span] | None" = None) -> "Span | None":
    """The named entity holding ``tok`` (``ent_map``: token index -> entity, built once,
    because ``doc.ents`` is rebuilt on every access)."""
    if tok.ent_type_ not in NAME_LABELS:
        return None
    if ent_map is not None:
        return ent_map.get(tok.i)
    for e in tok.doc.ents:
        if e.start <= tok.i < e.end:
            return e
    return None


def _phrase(tok: "Token") -> "Span":
    """The noun phrase headed by ``tok``: its subtree without trailing clauses and punctuation."""
    doc = tok.doc
    left = tok.left_edge.i
    right = tok.i
    for child in tok.rights:
        if child.dep_ in ("relcl", "acl", "appos", "punct", "cc", "conj", "advcl"):
            break
        right = child.right_edge.i
    while right > left and doc[right].is_punct:
        right -= 1
    while left < right and (doc[left].is_punct or doc[left].dep_ == "mark"):
        left += 1
    return doc[left:right + 1]


def _mention(tok: "Token", ent_map: "dict[int, Span] | None" = None) -> Mention:
    ent = _ent_of(tok, ent_map)
    if ent is not None:
        return _span_mention(ent, ent.label_)
    return _span_mention(_phrase(tok))


class _Builder:
    def __init__(self, doc: "Doc", quotes: Any = None, names: Any = None) -> None:
        self.doc = doc
        self.quotes = quotes
        self.names = names  # facts.names: who each name refers to
        self.last_ents: list[Mention] = []   # named entities seen so far, for pronouns
        self.ents = list(doc.ents)
        self.ent_map = {i: e for e in self.ents for i in range(e.start, e.end)}
        self.name_starts = {e.start: e for e in self.ents if e.label_ in NAME_LABELS}

    def resolve(self, tok: "Token") -> Mention | None:
        labels = _PRONOUN_LABELS.get(tok.lower_)
        if not labels:
            return None
        for m in reversed(self.last_ents[-30:]):
            if m.label in labels and m.end <= tok.idx:
                return Mention(tok.idx, tok.idx + len(tok.text), tok.text, m.nouns, m.label, m.key)
        return None

    def actor(self, tok: "Token") -> Mention:
        if tok.pos_ == "PRON":
            r = self.resolve(tok)
            if r is not None:
                return r
        return self.mention(tok)

    def mention(self, tok: "Token") -> Mention:
        return self.keyed(_mention(tok, self.ent_map))

    def keyed(self, m: Mention) -> Mention:
        """``m`` keyed by the person it refers to where two people share its surname
        (facts.names): Tony and Cherie Blair are two people, a bare "Blair" the one the
        context points to."""
        if self.names is not None and m.key and m.label == "PERSON":
            m.key = self.names.person_key(m.text, m.start) or m.key
        return m

    def role(self, tok: "Token") -> Mention:
        """A role filler: a resolved pronoun, a named entity, or a noun phrase; one headed
        by a proper noun the model left untagged is keyed as a name."""
        m = self.actor(tok)
        if not m.key and tok.pos_ == "PROPN":
            span = _phrase(tok)
            names = [t for t in span if t.pos_ == "PROPN"]
            if names:
                s = tok.doc[names[0].i:names[-1].i + 1]
                m = Mention(s.start_char, s.end_char, s.text, m.nouns, "PROPN", entity_key(s.text))
        return m

    def frames(self, sent: "Span", si: int) -> list[Frame]:
        out: list[Frame] = []
        for tok in sent:
            if tok.pos_ not in ("VERB", "AUX") or tok.dep_ in ("aux", "auxpass", "amod"):
                continue
            if tok.pos_ == "AUX" and not any(c.dep_ in ("acomp", "attr") for c in tok.children):
                continue
            out.append(self.frame(tok, si))
        return out

    def frame(self, verb: "Token", si: int) -> Frame:
        """The frame of one verb: its actors and roles, objects, places, times, negation, verdict."""
        lemma = verb.lemma_.lower()
        f = Frame(si, verb.i, lemma, PREDICATE_GROUP.get(lemma, lemma))
        self._subjects(f, verb)
        self._dependents(f, verb)
        self._verdict(f, verb, lemma)
        for c in verb.subtree:
            if c.like_num and c.ent_type_ not in ("DATE", "TIME"):
                f.numbers.append(c.text)
        return f

    def _subjects(self, f: Frame, verb: "Token") -> None:
        """The verb's actors (its subject, or the one it shares) and its agents or patients."""
        subj_holder = verb
        # a conjoined verb shares its head's subject; a controlled one ("asked Russia to
        # help") takes the head's object when it has one, else its subject
        while subj_holder is not None and not any(c.dep_ in ("nsubj", "nsubjpass", "csubj") for c in subj_holder.children):
            head = subj_holder.head
            if subj_holder.dep_ == "xcomp" and head is not subj_holder:
                obj = [c for c in head.children if c.dep_ == "dobj"]
                if obj:
                    f.actors.append(self.actor(obj[0]))
                    subj_holder = None
                    break
            subj_holder = head if subj_holder.dep_ in ("conj", "xcomp") and head is not subj_holder else None
        if subj_holder is not None:
            for c in subj_holder.children:
                if c.dep_ in ("nsubj", "nsubjpass") and subj_holder is verb:
                    roles = f.patients if c.dep_ == "nsubjpass" else f.agents
                    roles.append(self.role(c))
                    roles.extend(self.role(cc) for cc in c.conjuncts)
                if c.dep_ in ("nsubj", "nsubjpass"):
                    # "no fans will be allowed" denies as much as "fans will not be allowed"
                    if c.lower_ in _NEG_SUBJECTS or any(d.dep_ == "det" and d.lower_ == "no" for d in c.children):
                        f.negated = True
                    f.actors.append(self.actor(c))
                    f.actors.extend(self.actor(cc) for cc in c.conjuncts)

    def _dependents(self, f: Frame, verb: "Token") -> None:
        """Negation, modal, objects, agents, places and times from the verb's own dependents."""
        for c in verb.children:
            if c.dep_ == "neg" or c.lower_ in _NEG and c.dep_ in ("neg", "advmod", "det"):
                f.negated = True
            elif c.dep_ == "aux" and c.tag_ == "MD":
                f.modal = c.lower_
            elif c.dep_ in ("dobj", "attr", "oprd", "dative"):
                f.objects.append(self.mention(c))
                if c.dep_ == "dobj":
                    f.patients.append(self.role(c))
            elif c.dep_ == "agent":
                for p in c.children:
                    if p.dep_ == "pobj":
                        f.actors.append(self.actor(p))
                        f.agents.append(self.role(p))
            elif c.dep_ == "prep":
                for p in c.children:
                    if p.dep_ != "pobj":
                        continue
                    m = self.mention(p)
                    if p.ent_type_ in ("GPE", "LOC", "FAC") and c.lower_ in ("in", "at", "near", "from", "to", "outside", "inside"):
                        f.places.append(m)
                    elif p.ent_type_ in ("DATE", "TIME"):
                        f.times.append(p.text)
                    elif p.pos_ in ("NOUN", "PROPN"):
                        f.objects.append(m)
            elif c.dep_ == "npadvmod" and c.ent_type_ in ("DATE", "TIME"):
                f.times.append(c.text)

    def _verdict(self, f: Frame, verb: "Token", lemma: str) -> None:
        """A verb of judgement turns its clause into a verdict on the clause's subject."""
        # "determined that [providing an airlock] was impractical": a rejection of the subject
        if lemma in _JUDGE_VERBS:
            for c in verb.children:
                if c.dep_ != "ccomp":
                    continue
                adj = [a for a in c.children if a.dep_ in ("acomp", "oprd") and a.pos_ == "ADJ"]
                if adj:
                    # "too costly", "impractical": a rejection; any other verdict is a judgement
                    # of the thing named in the clause's subject
                    rejects = any(a.lower_ in _REJECT_ADJ or any(m.lower_ == "too" for m in a.children)
                                  for a in adj)
                    f.group = "reject" if rejects else "judge"
                    for s in c.children:
                        if s.dep_ in ("nsubj", "csubj", "nsubjpass"):
                            f.objects.append(_span_mention(self.doc[s.left_edge.i:s.right_edge.i + 1]))
        if lemma in ("deem", "consider", "find", "judge") and any(
                c.dep_ in ("oprd", "ccomp", "xcomp") and c.lower_ in _REJECT_ADJ for c in verb.subtree):
            f.group = "reject"

    def sentence(self, sent: "Span", si: int) -> Sentence:
        doc = self.doc
        units: list[Unit] = []
        ents: list[Mention] = []
        i = sent.start
        ent_at = self.name_starts
        while i < sent.end:
            tok = doc[i]
            if i in ent_at:
                e = ent_at[i]
                m = self.keyed(_span_mention(e, e.label_))
                ents.append(m)
                units.append(Unit("@" + m.key, e.start_char, e.end_char, True, m))
                i = e.end
                continue
            if tok.pos_ == "PROPN" and not tok.ent_type_:
                # a name the model did not tag (short sentences): a run of proper nouns
                j = i
                while j < sent.end and doc[j].pos_ == "PROPN" and not doc[j].ent_type_ and j not in ent_at:
                    j += 1
                span = doc[i:j]
                m = _span_mention(span, "PROPN")
                # keyed like a word, so a capitalised common noun ("Actor Bruce Willis")
                # still lines up with the same word in lower case
                units.append(Unit(m.key, span.start_char, span.end_char, True, m))
                i = j
                continue
            if not (tok.is_punct or tok.is_space):
                lem = tok.lemma_.lower() if tok.lemma_ else tok.lower_
                content = tok.pos_ in _CONTENT_POS and not tok.is_stop and (tok.is_alpha or tok.like_num)
                units.append(Unit(lem, tok.idx, tok.idx + len(tok.text), content, None, tok.pos_,
                                  tok.ent_type_ in ("DATE", "TIME")))
            i += 1
        content = frozenset(u.key for u in units if u.content)
        in_quote = bool(self.quotes and self.quotes.contains(sent.start_char, sent.end_char))
        s = Sentence(si, sent.start_char, sent.end_char, units, content, ents, in_quote=in_quote)
        s.frames = self.frames(sent, si)
        self.last_ents.extend(ents)
        return s


def build_claims(doc: "Doc", quotes: Any = None, names: Any = None) -> Claims:
    """Frames and indexes for a parsed document (needs parser, tagger, lemmatizer, ner);
    ``names`` (facts.names) keys each person and organisation by who it is."""
    b = _Builder(doc, quotes, names)
    sentences = [b.sentence(s, i) for i, s in enumerate(doc.sents)]
    by_lemma: dict[str, list[int]] = defaultdict(list)
    by_group: dict[str, list[Frame]] = defaultdict(list)
    for s in sentences:
        for lem in s.content:
            by_lemma[lem].append(s.index)
        for f in s.frames:
            by_group[f.group].append(f)
    return Claims(sentences, dict(by_lemma), dict(by_group))


def iter_frames(claims: Claims) -> Iterator[Frame]:
    """Every frame in reading order."""
    for s in claims.sentences:
        yield from s.frames


def build(facts: Any) -> Claims:
    """The article's claim frames (facts.claims)."""
    try:
        quotes = facts.quotes
    except AttributeError:
        quotes = None
    return build_claims(facts.doc, quotes, facts.names)
