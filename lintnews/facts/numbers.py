"""Quantities: every number an article states, normalised and tied to what it counts.

A quantity is found by a regular expression over ``Article.text`` (digits or words,
currency before or after, a scale such as "bn" or "million", a percent sign) and is
then tied, through the spaCy parse, to the noun it counts ("two metatarsal bones" ->
"metatarsal bone"), to the verbs above that noun (its predicate) and to the
sentence's subject (its actor), so that two mentions of one quantity can be compared
and two different quantities never are.
"""
from __future__ import annotations

import bisect
import math
import re
from dataclasses import dataclass, field
from typing import Any

from ..lexicon import MONTHS, NUMBER_TENS, NUMBER_UNITS, WEEKDAYS

UNITS = {"ones": 1, **NUMBER_UNITS}
TENS = dict(NUMBER_TENS)
WORD_VALUES: dict[str, float] = {k: v for k, v in UNITS.items() if k != "ones"}
WORD_VALUES.update(TENS)
WORD_VALUES.update({"a dozen": 12, "dozen": 12, "a hundred": 100, "hundred": 100,
                    "a thousand": 1000, "a third": 1 / 3, "half": 0.5, "a half": 0.5,
                    "a quarter": 0.25, "two thirds": 2 / 3, "two-thirds": 2 / 3,
                    "three quarters": 0.75, "three-quarters": 0.75})

SCALES = {"bn": 1e9, "billion": 1e9, "bln": 1e9, "m": 1e6, "mn": 1e6, "million": 1e6, "mln": 1e6,
          "k": 1e3, "thousand": 1e3, "tn": 1e12, "trillion": 1e12}
CURRENCY_PREFIX = {"$": "USD", "us$": "USD", "£": "GBP", "€": "EUR", "¥": "JPY",
                   "a$": "AUD", "&#163;": "GBP", "&pound;": "GBP", "&#8364;": "EUR", "&euro;": "EUR", "c$": "CAD", "hk$": "HKD", "nz$": "NZD", "rs": "INR"}
CURRENCY_SUFFIX = {"rupees": "INR", "rupee": "INR", "euros": "EUR", "euro": "EUR",
                   "dollars": "USD", "dollar": "USD", "pounds": "GBP", "yen": "JPY",
                   "yuan": "CNY", "roubles": "RUB", "rubles": "RUB", "pence": "GBp", "p": "GBp",
                   "cents": "USc", "won": "KRW", "francs": "CHF", "kronor": "SEK",
                   "krona": "SEK", "kroner": "NOK",
                   # wire abbreviations ("750,000 dlrs", "10 mln stg", "15 cts")
                   "dlrs": "USD", "dlr": "USD", "stg": "GBP", "cts": "USc", "guilders": "NLG",
                   "lire": "ITL"}
HEDGES = ("about", "around", "almost", "nearly", "some", "roughly", "approximately",
          "more than", "less than", "fewer than", "over", "under", "up to", "at least",
          "at most", "just over", "just under", "close to", "as many as", "as much as",
          "an estimated", "estimated", "around about", "below", "above", "upwards of",
          "in excess of", "well over", "almost exactly", "circa", "c.", "only", "just")
_HEDGE_RE = re.compile(r"(?:^|[\s(])(" + "|".join(re.escape(h) for h in sorted(HEDGES, key=len, reverse=True))
                       + r")\s+$")
# hedges that still say the number is exact (only/just) do not widen the tolerance
LOOSE_HEDGES = tuple(h for h in HEDGES if h not in ("only", "just", "almost exactly"))

_DIGIT_WORDS = "|".join(w for w, n in NUMBER_UNITS.items() if n < 10)
_WORDNUM = (r"(?:two[- ]thirds|three[- ]quarters|(?:" + "|".join(NUMBER_TENS) + r")(?:[- ](?:" + _DIGIT_WORDS + r"))?|" + _DIGIT_WORDS + "|"
            + "|".join(w for w, n in NUMBER_UNITS.items() if n >= 10) + "|"
            r"a dozen|dozen|a hundred|hundred|a thousand|two[- ]thirds|three[- ]quarters|"
            r"a third|a quarter|a half|half)")
_DIGITS = r"(?:\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"
QUANTITY_RE = re.compile(
    r"(?<![\w.,£$€¥])"
    r"(?P<cur>US\$|A\$|C\$|HK\$|NZ\$|\$|£|€|¥|&#163;|&pound;|&#8364;|&euro;|Rs\.? ?)?"
    r"(?P<num>" + _DIGITS + r"|(?i:" + _WORDNUM + r"))"
    r"(?:(?P<sc1>bn|mn|m|k|tn)\b|[ \u00a0-](?P<sc2>(?i:billion|million|thousand|trillion|mln|bln))\b)?"
    r"(?:(?P<pct>%| ?per ?cent\b| ?percent\b| pct\b)(?P<pts> percentage points?| points?)?"
    r"|(?P<pts2> percentage points?))?"
    r"(?: (?P<cur2>rupees|rupee|euros|euro|dollars|dollar|pounds|yen|yuan|roubles|rubles|pence|"
    r"cents|francs|kronor|krona|kroner|dlrs|dlr|stg|cts|guilders|lire)\b|(?P<pence>p)\b)?"
)
YEAR_RE = re.compile(r"\b(1[89]\d\d|20\d\d)\b")
GENERIC_NOUNS = {"year", "month", "week", "day", "hour", "minute", "second", "time", "season",
                 "decade", "century", "point", "per", "cent", "percent", "way", "thing",
                 "lot", "part", "bit", "half", "side", "end", "place", "round", "stage",
                 "one", "other", "inch", "mile", "metre", "kilometre", "foot", "yard", "game",
                 "match", "goal", "minutes", "term", "times", "night", "spot", "row", "leg"}
PERIOD_WORDS = re.compile(
    r"\b(?:(?:last|this|next|previous|the previous|the past|the last|a) (?:year|season|month|"
    r"quarter|week)|a year (?:earlier|ago|before)|(?:first|second|third|fourth|final) quarter|"
    r"(?:first|second) half|in (?:" + "|".join(MONTHS) + r"))\b"
    # a day named: "struck on Monday night" and "killed on Friday" are two events
    r"|\b(?:" + "|".join(WEEKDAYS) + r")\b", re.I)
# Words that make a figure a part of another, or another one ("the other four countries",
# "a further 63 years", "1,000 more troops"): not the same quantity as one without them.
QUALIFIERS = {"other", "remaining", "additional", "another", "further", "more", "extra",
              "first", "last", "next", "final", "latest", "new", "previous", "each", "per"}
_DETERMINER = {"the", "a", "an", "its", "their", "his", "her", "our", "all", "those", "these"}


@dataclass
class Quantity:
    """One stated quantity.

    ``value`` is normalised (scale applied); ``unit`` is "%", "pts", a currency
    code, or "" for a plain count; ``half_unit`` is half the last written digit,
    scaled (the rounding the writer allows); ``noun`` is the counted noun phrase
    as lemmas ("metatarsal bone"), ``head`` its head lemma.
    """

    start: int
    end: int
    text: str
    value: float
    unit: str
    half_unit: float
    is_word: bool
    hedge: str | None = None
    noun: str | None = None
    head: str | None = None
    noun_end: int | None = None
    sent: int = -1
    predicates: frozenset[str] = frozenset()
    subject: str | None = None
    periods: frozenset[str] = frozenset()
    before: str = ""   # the word just before (from/to/at/by...)
    kind: str = "number"  # number, year, ordinal, date, score, age, time, compound
    qualifiers: frozenset[str] = frozenset()  # "other", "further", "each" ... (see QUALIFIERS)
    owner: str | None = None  # whose or what it is a count of: "stakes in [Acme]", "[Acme's] 500 staff"
    verb: str | None = None  # the verb the counted noun is the subject or object of ("[seven countries] were thinking")

    @property
    def approx(self) -> bool:
        """True when a hedge says the number is not exact."""
        return self.hedge is not None and self.hedge in LOOSE_HEDGES

    def compatible(self, other: "Quantity", slack: float = 0.0) -> bool:
        """Could both be the same true value, given rounding and hedges?"""
        lo1, hi1 = self.interval(slack)
        lo2, hi2 = other.interval(slack)
        return lo1 < hi2 and lo2 < hi1 or self.value == other.value

    def interval(self, slack: float = 0.0) -> tuple[float, float]:
        """The range of true values the written number allows."""
        v, h = self.value, self.half_unit
        lo, hi = v - h, v + h
        hedge = self.hedge or ""
        if hedge in ("more than", "over", "at least", "above", "upwards of", "in excess of",
                     "well over", "just over"):
            hi = math.inf
        elif hedge in ("less than", "fewer than", "under", "up to", "at most", "below",
                       "just under", "as many as", "as much as"):
            lo = -math.inf if hedge not in ("as many as", "as much as") else lo
            lo = min(lo, 0)
        elif hedge in ("nearly", "almost", "close to"):
            lo = v * 0.85
        elif self.approx:
            lo, hi = v * 0.85 - h, v * 1.15 + h
        return lo - abs(v) * slack, hi + abs(v) * slack


@dataclass
class Numbers:
    """All quantities of an article, in text order."""

    quantities: list[Quantity] = field(default_factory=list)
    years: list[int] = field(default_factory=list)

    def in_range(self, start: int, end: int) -> list[Quantity]:
        return [q for q in self.quantities if start <= q.start and q.end <= end]


def word_value(s: str) -> float | None:
    """'twenty-five' -> 25, 'a third' -> 1/3; None when not a number word."""
    s = s.lower().replace("\u00a0", " ").strip()
    if s in WORD_VALUES:
        return WORD_VALUES[s]
    parts = re.split(r"[- ]", s)
    if len(parts) == 2 and parts[0] in TENS and parts[1] in UNITS:
        return TENS[parts[0]] + UNITS[parts[1]]
    return None


def parse_match(m: re.Match) -> tuple[float, str, float, bool] | None:
    """(value, unit, half_unit, is_word) of a QUANTITY_RE match."""
    num = m.group("num")
    is_word = not num[0].isdigit()
    if is_word:
        v = word_value(num)
        if v is None:
            return None
        half = 0.5 if v >= 1 else 0.0
    else:
        clean = num.replace(",", "")
        v = float(clean)
        decimals = len(clean.split(".")[1]) if "." in clean else 0
        half = 0.5 * 10 ** -decimals
    scale_word = (m.group("sc1") or m.group("sc2") or "").lower()
    scale = SCALES.get(scale_word, 1.0)
    v *= scale
    half *= scale
    unit = ""
    if m.group("pct"):
        unit = "pts" if m.group("pts") else "%"
    elif m.group("pts2"):
        unit = "pts"
    cur = (m.group("cur") or "").lower().strip().rstrip(".")
    if cur:
        unit = CURRENCY_PREFIX.get(cur, cur.upper())
    elif m.group("cur2"):
        unit = CURRENCY_SUFFIX.get(m.group("cur2").lower(), m.group("cur2"))
    elif m.group("pence"):
        unit = "GBp"
    return v, unit, half, is_word


def _hedge_before(text: str, start: int) -> tuple[str | None, str]:
    """The hedge right before ``start`` ('nearly', 'more than'...) and the previous word."""
    before = text[max(0, start - 30):start].lower()
    m = _HEDGE_RE.search(before)
    hedge = m.group(1) if m else None
    words = re.findall(r"[a-z]+", before)
    return hedge, (words[-1] if words else "")


def _classify(text: str, m: re.Match, value: float, unit: str, is_word: bool) -> str:
    """Tell counts and amounts from years, ordinals, dates, scores, ages and times."""
    s, e = m.start(), m.end()
    after = text[e:e + 12]
    before = text[max(0, s - 12):s]
    num = m.group("num")
    if re.match(r"-?(?:year|month|week|day)s?-old", after, re.I) or \
            re.match(r"\s+years?\s+old", after, re.I):
        return "age"
    if unit:
        return "number"
    if re.match(r"(?:st|nd|rd|th)\b", after):
        return "ordinal"
    if re.match(r"[-\u2013/:.]\d", after) or re.search(r"\d[-\u2013/:]$", before):
        return "score" if re.match(r"[-\u2013]\d", after) else "time"
    if not is_word and re.fullmatch(r"(1[89]\d\d|20\d\d)", num):
        return "year"
    months = r"\b(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\b\.?"
    if re.match(r"\s+" + months, after) or re.search(months + r"[ \t]+$", before):
        return "date"
    if re.match(r"-[A-Za-z]", after):   # "two-goal", "five-year"
        return "compound"
    if re.search(r"\b(?:No|no|number|Number|page|Page|Article|article|Section|section|"
                 r"Chapter|chapter|Channel|Division|division|Formula|Grade|grade|"
                 r"Level|level|Class|class|round|Round|room|Room|Flight|flight)\.?\s+$", before):
        return "label"
    return "number"


def _sentence_starts(doc: Any) -> tuple[list[int], list[tuple[int, int]]]:
    try:
        sents = [(s.start_char, s.end_char) for s in doc.sents]
    except ValueError:  # no parser: one sentence per paragraph is the best we can do
        sents = [(0, doc[-1].idx + len(doc[-1].text_with_ws) if len(doc) else 0)]
    return [s for s, _ in sents], sents


def _noun_of(doc: Any, end_char: int) -> tuple[str | None, str | None, int | None, Any]:
    """The noun phrase a quantity counts: the run of modifiers and nouns right after it."""
    # doc.text is rebuilt token by token on every access: use the last token's end
    doc_end = doc[-1].idx + len(doc[-1].text_with_ws) if len(doc) else 0
    span = doc.char_span(end_char, doc_end, alignment_mode="expand")
    if span is None or not len(span):
        return None, None, None, None
    if span[0].idx < end_char:  # the quantity's own token runs past it ("5m"): skip it
        span = span[1:]
    run = []
    for t in span[:5]:
        if t.is_punct or t.is_space:
            break
        if t.pos_ in ("ADJ", "NOUN") or (t.pos_ == "VERB" and t.tag_ in ("VBG", "VBN")) or \
                (t.pos_ == "PROPN" and not run):
            run.append(t)
            continue
        break
    # the head is the last noun of the run; stop at a noun followed by a non-noun
    head_i = None
    for k, t in enumerate(run):
        if t.pos_ in ("NOUN", "PROPN"):
            head_i = k
    if head_i is None:
        return None, None, None, None
    run = run[:head_i + 1]
    head = run[-1]
    # modifiers as written ("manufacturing"), the head as its lemma ("sites" -> "site")
    key = " ".join([t.lower_ for t in run[:-1]] + [head.lemma_.lower()])
    return key, head.lemma_.lower(), head.idx + len(head.text), head


_REPORTING = {"say", "tell", "add", "report", "claim", "believe", "think", "confirm", "state",
              "announce", "reveal", "show", "suggest", "expect", "be", "accord"}


# A verb joined to its head by these shares the head's subject ("Russia launched attacks,
# firing 1,000 drones": Russia fired them).
_SHARES_SUBJECT = {"advcl", "xcomp", "conj"}


def predicate_frame(tok: Any) -> tuple[frozenset[str], str | None]:
    """Verb lemmas above ``tok`` (its predicate) and the nearest verb's subject (its actor);
    a verb with no subject of its own borrows the subject of the verb it hangs from."""
    preds: set[str] = set()
    subject = None
    looking = True  # still looking for the actor
    # "15 people arrested", "jobs to be cut": a verb that modifies the counted noun is its predicate
    modifying = {c.lemma_.lower() for c in tok.children if c.dep_ in ("acl", "relcl")
                 and c.pos_ == "VERB" and c.i > tok.i and c.tag_ in ("VBN", "VB")}
    t = tok
    seen = 0
    while t is not None and seen < 12:
        seen += 1
        if t.pos_ in ("VERB", "AUX") and t.dep_ != "aux":
            preds.add(t.lemma_.lower())
            if looking:
                subject = _actor(t, tok)
                looking = subject is None and t.dep_ in _SHARES_SUBJECT
        if t.head is t:
            break
        t = t.head
    return frozenset(preds | modifying), subject


def _governing_verb(noun: Any) -> str | None:
    """The lemma of the verb whose subject or object ``noun`` is, if it is one."""
    if noun.dep_ in ("nsubj", "nsubjpass", "dobj") and noun.head.pos_ in ("VERB", "AUX"):
        return noun.head.lemma_.lower()
    return None


def _actor(verb: Any, tok: Any) -> str | None:
    """The subject (or passive agent) of ``verb``, unless ``tok`` is inside it."""
    for c in verb.children:
        if c.dep_ in ("nsubj", "nsubjpass") and not (tok in c.subtree):
            return _subject_key(c)
        if c.dep_ == "agent":  # "were arrested by police"
            objs = [g for g in c.children if g.dep_ == "pobj"]
            if objs:
                return _subject_key(objs[0])
    return None


def qualifiers_of(text: str, start: int, noun: str | None) -> frozenset[str]:
    """The QUALIFIERS before a figure ("the other four", "a further 63") or among the words
    of its noun ("four other defendants")."""
    words = re.findall(r"[A-Za-z]+", text[max(0, start - 40):start].lower())
    found = set()
    for w in reversed(words[-3:]):
        if w in QUALIFIERS:
            found.add(w)
        elif w not in _DETERMINER:
            break
    if noun:
        found |= set(noun.split()) & QUALIFIERS
    return frozenset(found)


_OWNER_PREPS = ("in", "at", "of", "for")


def owner_of(head: Any) -> str | None:
    """Whose, or what of, a counted noun is: its possessor ("Acme's 500 staff"), the
    object of "in"/"at"/"of"/"for" after it ("stakes in Acme", "seats in the Senate"),
    or a name its verb places it with ("owns 12 stores in Leeds")."""
    for c in head.children:
        if c.dep_ == "poss" and c.pos_ in ("PROPN", "NOUN"):
            return _subject_key(c)
        if c.dep_ == "prep" and c.lower_ in _OWNER_PREPS and c.i > head.i:
            objs = [g for g in c.children if g.dep_ == "pobj" and g.pos_ in ("PROPN", "NOUN")]
            if objs:
                return f"{c.lower_} {_subject_key(objs[0])}"
    verb = head.head
    if head.dep_ in ("dobj", "nsubj", "nsubjpass") and verb.pos_ in ("VERB", "AUX"):
        for c in verb.children:
            if c.dep_ == "prep" and c.lower_ in _OWNER_PREPS and c.i > head.i:
                objs = [g for g in c.children if g.dep_ == "pobj" and g.ent_type_ in _NAMED_PLACES]
                if objs:
                    return f"{c.lower_} {_subject_key(objs[0])}"
    return None


# Names a verb's "in"/"at" may tie a count to (a month or a year is a period instead).
_NAMED_PLACES = {"GPE", "LOC", "ORG", "FAC", "PERSON", "NORP"}


def _subject_key(tok: Any) -> str:
    if tok.pos_ == "PRON":
        return "PRON"
    if tok.ent_type_:  # the entity's last word, found from the IOB tags (doc.ents is rebuilt per call)
        doc, end = tok.doc, tok.i + 1
        while end < len(doc) and doc[end].ent_iob_ == "I":
            end += 1
        return doc[end - 1].text.lower()
    return tok.lemma_.lower()


def build(facts: Any) -> Numbers:
    """Every quantity of the article, tied to its noun, predicate, actor and period."""
    text: str = facts.article.text
    doc = facts.doc
    starts, sents = _sentence_starts(doc)
    out = Numbers(years=[int(y) for y in YEAR_RE.findall(text)])
    period_cache: dict[int, frozenset[str]] = {}
    for m in QUANTITY_RE.finditer(text):
        parsed = parse_match(m)
        if parsed is None:
            continue
        value, unit, half, is_word = parsed
        num = m.group("num")
        # a capitalised "One"/"May"-like word mid-sentence is a name, not a number
        if is_word and num[0].isupper() and m.start() > 0 and text[m.start() - 2:m.start()].strip() \
                not in ("", ".", '"', "\u201c", "-", "(") and not text[:m.start()].rstrip().endswith(
                    (".", "!", "?", ":", '"', "\u201c")):
            continue
        if is_word and num.lower() in ("one", "half", "a half") and not unit and \
                not (m.group("sc1") or m.group("sc2")):
            kind_hint = "weak"
        else:
            kind_hint = ""
        kind = _classify(text, m, value, unit, is_word)
        hedge, prev = _hedge_before(text, m.start())
        end = m.end()
        si = bisect.bisect_right(starts, m.start()) - 1
        q = Quantity(m.start(), end, text[m.start():end], value, unit, half, is_word,
                     hedge=hedge, sent=si, before=prev, kind=kind if not kind_hint else "weak"
                     if kind == "number" else kind)
        if q.kind in ("number", "weak") and doc is not None:
            noun, head, noun_end, head_tok = _noun_of(doc, end)
            if noun and not unit:
                q.noun, q.head, q.noun_end = noun, head, noun_end
            elif unit and noun:
                q.noun, q.head, q.noun_end = noun, head, noun_end
            anchor = head_tok
            if anchor is None:
                sp = doc.char_span(m.start(), end, alignment_mode="expand")
                anchor = sp[-1] if sp is not None and len(sp) else None
            if anchor is not None and "parser" in _pipes(doc):
                q.predicates, q.subject = predicate_frame(anchor)
                if head_tok is not None:
                    q.owner = owner_of(head_tok)
                    q.verb = _governing_verb(head_tok)
            q.qualifiers = qualifiers_of(text, m.start(), q.noun)
        if 0 <= si < len(sents):
            if si not in period_cache:
                s, e = sents[si]
                found = {y for y in YEAR_RE.findall(text[s:e])}
                found |= {p.lower() for p in PERIOD_WORDS.findall(text[s:e])}
                period_cache[si] = frozenset(found)
            q.periods = period_cache[si]
        out.quantities.append(q)
    return out


def _pipes(doc: Any) -> set[str]:
    """Which annotations the doc carries (the engine runs only the pipes rules need)."""
    have = set()
    if doc.has_annotation("DEP"):
        have.add("parser")
    if doc.has_annotation("ENT_IOB"):
        have.add("ner")
    return have


def fmt_value(value: float, unit: str) -> str:
    """A normalised value written back the way news copy writes it."""
    sym = {"USD": "$", "GBP": "£", "EUR": "€", "JPY": "¥"}.get(unit, "")
    if unit in ("%",):
        return f"{value:g}%"
    if unit == "pts":
        return f"{value:g} points"
    for scale, suffix in ((1e12, "tn"), (1e9, "bn"), (1e6, "m")):
        if abs(value) >= scale:
            s = f"{value / scale:.3f}".rstrip("0").rstrip(".")
            return f"{sym}{s}{suffix}" + ("" if sym or not unit else f" {unit}")
    s = f"{value:,.2f}".rstrip("0").rstrip(".")
    return f"{sym}{s}" + ("" if sym or not unit else f" {unit}")
