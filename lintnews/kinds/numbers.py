"""Numbers, ages and counts that disagree with each other or with their own arithmetic.

- ``numeric-conflict`` (C202): one quantity of one thing, for one actor and period, given two values
- ``age-conflict`` (C203): one person given two ages, or an age that contradicts a birth year
- ``percent-change`` (C204): a stated % change that the figures beside it do not produce
- ``count-mismatch`` (C205): "the three firms - A, B, C and D -"
- ``headline-mismatch`` (C206): a headline figure that the body contradicts
"""
from __future__ import annotations

import re
from dataclasses import replace
from typing import Any, Iterable

from ..facts.numbers import Quantity, fmt_value, word_value
from ..lexicon import NUMBER_UNITS, is_ordinary
from .base import Context, Finding, Kind

_PARSE = frozenset({"tagger", "attribute_ruler", "lemmatizer", "parser"})
_PARSE_NER = _PARSE | {"ner"}


def _line(ctx: Context, i: int) -> int:
    return ctx.article.line_of(i)


# ----------------------------------------------------------------------------------------------
# C202 numeric-conflict
# ----------------------------------------------------------------------------------------------

# change and comparison words: a sentence that compares two values of one thing
_COMPARE = re.compile(r"\b(?:compared|than|previous|previously|earlier|ago|originally|"
                      r"initially|average|"
                      r"would|could|might|plan|plans|planned|target|forecast|expected)\b", re.I)


# a sentence that states a change compares two values of one thing: never a restatement
_CHANGE = re.compile(r"\b(?:(?:up|down|rose|fell|risen|fallen|increased|decreased|dropped|climbed)\s+"
                     r"(?:\w+\s+)?from|compared\s+(?:with|to)|a\s+year\s+(?:earlier|ago|before)|"
                     r"revised\s+(?:up|down|upwards?|downwards?|higher|lower)|"
                     r"than\s+(?:the\s+)?(?:previous|last|a\s+year)|previous\s+(?:year|season|record)|"
                     r"(?:last|previous)\s+year's)\b", re.I)


class NumericConflictKind(Kind):
    """The same quantity of the same thing given two different values."""

    defaults = {"max_distance_paragraphs": 40}
    requires = _PARSE_NER

    def check(self, ctx: Context) -> Iterable[Finding]:
        text = ctx.article.text
        body = ctx.article.body_start()
        cands = [q for q in ctx.facts.numbers.quantities
                 if q.kind == "number" and q.noun and q.head not in _GENERIC and q.start >= body
                 and q.unit in ("",) and q.predicates and q.value >= 2]
        sentences = _Sentences(text, list(ctx.doc.sents))
        # only quantities of one head noun can conflict: index them (reading order kept)
        by_head: dict[str | None, list[Quantity]] = {}
        by_noun: dict[str | None, list[Quantity]] = {}
        for q in cands:
            by_noun.setdefault(q.noun, []).append(q)
        reported: set[int] = set()
        for later in cands:
            ctx.budget.check()
            earlier = by_head.setdefault(later.head, [])
            for first in earlier[:MAX_EARLIER]:
                shared = _conflict(first, later, by_noun[first.noun], sentences)
                if shared is None or later.start in reported:
                    continue
                reported.add(later.start)
                end = later.noun_end or later.end
                fend = first.noun_end or first.end
                yield Finding(
                    later.start, end,
                    f"says '{text[later.start:end]}' here, but line {_line(ctx, first.start)} says "
                    f"'{text[first.start:fend]}'" + (f" ({'/'.join(sorted(shared))})" if shared else ""),
                    related=[(first.start, fend, f"first given as '{text[first.start:fend]}' here")])
            earlier.append(later)


def _conflict(first: Quantity, later: Quantity, same_noun: list[Quantity],
              sentences: "_Sentences") -> frozenset[str] | None:
    """The predicates two quantities of one head noun share when they conflict, else None."""
    if first.sent == later.sent:
        return None
    # "26 unforced errors" restated as "39 errors": the bare head of the same noun
    shortened = first.noun != later.noun and first.head == later.head and \
        (first.noun == first.head or later.noun == later.head)
    if first.noun != later.noun and not shortened:
        return None
    if first.value == later.value or first.compatible(later):
        return None
    # what is counted and whose: "the other four countries" is not "20 countries", nor are
    # "stakes in Acme" "stakes in Bolt"
    if first.qualifiers != later.qualifiers or (first.owner and later.owner and first.owner != later.owner):
        return None
    if (first.hedge or later.hedge) and not _hedge_ok(first, later):
        return None
    shared = (first.predicates & later.predicates) - _WEAK_PREDICATES
    if first.verb and first.verb == later.verb:
        # the counted things are themselves the ones who think or say: a weak verb is weak
        # only as a frame ("officials said 20 people died"), not as the figure's own verb
        shared |= {first.verb}
    if shortened and not shared - {"have", "get", "do", "take", "give", "go"}:
        return None
    if not shared and not (" " in first.noun and first.subject and
                           first.subject == later.subject and first.subject != "PRON"):
        return None  # a specific noun ("metatarsal bones") for one named actor needs no shared verb
    if first.subject and later.subject and first.subject != later.subject and \
            "PRON" not in (first.subject, later.subject):
        return None
    if first.periods and later.periods and not (first.periods & later.periods):
        return None
    (cmp1, chg1), (cmp2, chg2) = sentences.compares(first.sent), sentences.compares(later.sent)
    if cmp1 and cmp2 or chg1 or chg2 or _other_same_noun(same_noun, first, later):
        return None
    return shared


class _Sentences:
    """Whether each sentence compares two values or states a change, worked out once
    (pairs of quantities ask about the same sentences again and again)."""

    def __init__(self, text: str, sents: list) -> None:
        self.text, self.sents = text, sents
        self._flags: dict[int, tuple[bool, bool]] = {}

    def compares(self, si: int) -> tuple[bool, bool]:
        if si not in self._flags:
            s = self.sents[si] if 0 <= si < len(self.sents) else None
            st = self.text[s.start_char:s.end_char] if s is not None else ""
            self._flags[si] = (bool(_COMPARE.search(st)), bool(_CHANGE.search(st)))
        return self._flags[si]


# A quantity is compared with at most this many earlier ones of its noun (a long article's
# tables); over both evaluation corpora an article had at most 109 quantities in all.
MAX_EARLIER = 200
# C204 pairs each percentage with each figure of its sentence; a sentence had at most 18
# figures over both evaluation corpora, a table pasted as one line has thousands.
MAX_SENTENCE_QUANTITIES = 100
# units of time and measure: "three years", "two points" are durations and scores, not counts
_GENERIC = {"year", "month", "week", "day", "hour", "minute", "second", "time", "season", "decade",
            "century", "point", "thing", "lot", "part", "bit", "side", "end", "place",
            "one", "other", "inch", "mile", "metre", "kilometre", "foot", "yard", "goal", "term",
            "night", "mph", "km", "kg", "pound", "tonne", "ton", "per", "cent", "percent",
            "stroke", "lap", "shot", "run", "set", "over", "innings", "wicket", "hole", "round"}
_WEAK_PREDICATES = {"say", "tell", "be", "accord", "report", "confirm", "claim", "believe",
                    "think", "state", "suggest", "show", "reveal", "announce", "expect"}


def _hedge_ok(a: Quantity, b: Quantity) -> bool:
    """A hedged figure is compared only when it misses the other figure by far: "some 750 farms"
    against "500 farms", "more than 40,000 websites" against "24,000" (the hedge's own range,
    which ``compatible`` applies, already lets "more than 23,000" stand beside 34,500)."""
    lo = min(a.value, b.value)
    return lo > 0 and max(a.value, b.value) / lo >= 1.25


def _other_same_noun(same_noun: list[Quantity], a: Quantity, b: Quantity) -> bool:
    """Three or more values of one noun, for one actor and verb, are a series, not a conflict.
    ``same_noun`` holds the candidates whose noun is ``a``'s."""
    shared = (a.predicates & b.predicates) - _WEAK_PREDICATES
    values = set()
    for q in same_noun:
        if (not shared or q.predicates & shared) and \
                (not q.subject or q.subject == "PRON" or q.subject in (a.subject, b.subject, None)):
            values.add(q.value)
            if len(values) > 2:
                return True
    return False


# ----------------------------------------------------------------------------------------------
# C203 age-conflict
# ----------------------------------------------------------------------------------------------

class AgeConflictKind(Kind):
    """One person given two ages, or an age that does not fit a stated birth year."""

    defaults: dict = {}
    requires = _PARSE_NER

    def check(self, ctx: Context) -> Iterable[Finding]:
        ages = ctx.facts.ages
        text = ctx.article.text
        first_of: dict[str, object] = {}
        for a in ages.mentions:
            if a.person is None:
                continue
            prev = first_of.get(a.person)
            if prev is None:
                first_of[a.person] = a
                continue
            if prev.given and a.given and prev.given != a.given and a.named:  # type: ignore[attr-defined]
                continue  # two people who share a surname
            if prev.age != a.age:  # type: ignore[attr-defined]
                who = (prev.name_text or a.person.title())  # type: ignore[attr-defined]
                here = text[a.start:a.end]
                there = text[prev.start:prev.end]  # type: ignore[attr-defined]
                yield Finding(
                    a.start, a.end,
                    f"gives {who} as {a.age} here ('{here}'), but line {_line(ctx, prev.start)} "  # type: ignore[attr-defined]
                    f"says {prev.age} ('{there}')",  # type: ignore[attr-defined]
                    related=[(prev.start, prev.end, f"{who} is {prev.age} here")])  # type: ignore[attr-defined]
        date = ctx.settings.date
        if date is None:
            return
        for bs, be, person, year in ages.births:
            for a in ages.mentions:
                if a.person != person:
                    continue
                possible = (date.year - year - 1, date.year - year)
                if a.age not in possible:
                    yield Finding(
                        a.start, a.end,
                        f"gives {person.title()} as {a.age}, but born in {year} makes them "
                        f"{possible[0]} or {possible[1]} on {date.isoformat()}",
                        related=[(bs, be, f"born in {year}")])


# ----------------------------------------------------------------------------------------------
# C204 percent-change
# ----------------------------------------------------------------------------------------------

_UP = re.compile(r"\b(?:up|rose|rise|rises|rising|risen|jump(?:ed|s)?|climb(?:ed|s)?|gr[eo]w(?:n|s)?|"
                 r"increase[ds]?|gain(?:ed|s)?|surg(?:ed|e|es)|soar(?:ed|s)?|higher|boost(?:ed)?|"
                 r"rocket(?:ed)?|leap(?:t|ed)?|grow(?:th)?|improv(?:ed|ement)|advance[ds]?|"
                 r"swell(?:ed)?|doubl(?:ed|e)|lift(?:ed|s|ing)?|push(?:ed)?\s+up|hike[ds]?|raised?|more|ahead)\b", re.I)
_DOWN = re.compile(r"\b(?:down|fell|fall|falls|falling|fallen|drop(?:ped|s)?|declin(?:ed|e|es)|"
                   r"slump(?:ed|s)?|decrease[ds]?|cut|lower|lost|loss|slid|slide|tumbl(?:ed|e)|"
                   r"plung(?:ed|e)|dipp?(?:ed)?|dip|shrank|shrunk|shrink|sank|sink|slip(?:ped)?|"
                   r"plummet(?:ed)?|reduc(?:ed|tion)|contract(?:ed|ion)|eas(?:ed|e)|narrow(?:ed|s)?|less|behind)\b", re.I)
# another clause with figures of its own: "..., while", "; ", ", and that inflation would ..."
_CLAUSE_BREAK = re.compile(r"\b(?:while|whereas|but|although|though|meanwhile|and\s+that)\b|;|\.\s", re.I)
_BASE_BEFORE = re.compile(r"(?:compared\s+(?:with|to)|against|versus|vs\.?|on|over|than)\s+(?:the\s+|(?:the\s+)?"
                          r"(?:last|previous|prior|same)\s+(?:year|period|quarter|month|season)'s\s+|"
                          r"a\s+year\s+(?:earlier|ago)\s+of\s+)?\W*$|\b(?:last|previous)\s+year's\s+$|"
                          r"\(\s*(?:1[89]|20)\d\d\s*:\s*$", re.I)
_BASE_AFTER = re.compile(r"^\W*(?:a|the|one)\s+year\s+(?:earlier|ago|before)|^\W*(?:in|for)\s+(?:the\s+)?"
                         r"(?:previous|prior|same)\b|^\W*(?:last|the previous)\s+year", re.I)


class PercentChangeKind(Kind):
    """"rose 12% to £150m from £120m": the percentage must match the figures."""

    defaults = {"tolerance_points": 1.0}
    requires = frozenset({"parser"})

    def check(self, ctx: Context) -> Iterable[Finding]:
        numbers = ctx.facts.numbers
        text = ctx.article.text
        by_sent: dict[int, list[Quantity]] = {}
        for q in numbers.quantities:
            by_sent.setdefault(q.sent, []).append(q)
        for qs in by_sent.values():
            pcts = [q for q in qs if q.unit in ("%", "pts") and q.kind == "number"]
            if not pcts or len(qs) > MAX_SENTENCE_QUANTITIES:
                continue  # a "sentence" of hundreds of figures is a table: no change is stated
            for p in pcts:
                f = self._check_one(text, p, qs)
                if f is not None:
                    yield f

    def _check_one(self, text: str, p: Quantity, qs: list[Quantity]) -> Finding | None:
        """The finding for percentage ``p`` when the figures beside it (from ``qs``) disagree."""
        figures = _change_figures(text, p, qs)
        if figures is None:
            return None
        old, new = figures
        sign = _stated_sign(text, p, old, new)
        if sign is None:
            return None
        a, b = new.value, old.value
        if old.unit == "%" and new.unit == "%":
            # a change in a rate: percentage points are a difference, per cent may be either
            points = a - b
            slack = p.half_unit + new.half_unit + old.half_unit + 1e-9
            if p.approx:
                slack += max(0.2, 0.1 * p.value)
            if abs(abs(points) - p.value) <= slack:
                return None
            if p.unit == "pts":
                return Finding(p.start, p.end,
                               f"{p.text} does not match {old.text} -> {new.text} "
                               f"({points:+.2g} percentage points)",
                               related=[(old.start, old.end, "from this figure"),
                                        (new.start, new.end, "to this figure")])
        if p.unit == "pts":
            return None
        hi_a, lo_a = a + new.half_unit, a - new.half_unit
        hi_b, lo_b = b + old.half_unit, max(b - old.half_unit, 1e-12)
        cmin = (lo_a - hi_b) / hi_b * 100
        cmax = (hi_a - lo_b) / lo_b * 100
        change = (a - b) / b * 100
        tol = self.options["tolerance_points"] + p.half_unit
        pv = p.value
        if p.approx or new.approx or old.approx:
            tol += max(1.5, 0.1 * pv)
        if re.search(r"\b(?:more than|over|at least|almost|nearly|about|around|some|roughly)\s+$",
                     text[max(0, p.start - 15):p.start], re.I):
            tol += max(1.5, 0.1 * pv)
        stated = [sign * pv] if sign else [pv, -pv]
        for sp in stated:
            if cmin - tol <= sp <= cmax + tol:
                return None
        direction = "rise" if sign > 0 else "fall" if sign < 0 else "change"
        msg = (f"{p.text} does not match {old.text} -> {new.text} ({change:+.1f}%)")
        if sign and (change > 0) != (sign > 0) and abs(change) > tol:
            msg += f": the figures show a {'rise' if change > 0 else 'fall'}, the text a {direction}"
        return Finding(p.start, p.end, msg,
                       related=[(old.start, old.end, "from this figure"),
                                (new.start, new.end, "to this figure")])


def _change_figures(text: str, p: Quantity, qs: list[Quantity]) -> tuple[Quantity, Quantity] | None:
    """(old, new): the figures a percentage change ``p`` is between, in its own clause."""
    if p.before in ("from", "to", "at", "and", "with", "between", "or", "than", "nor"):
        return None  # a level in a range or list ("from 69% ... to 10%"), not the change
    amounts = [q for q in qs if q is not p and q.kind in ("number", "weak") and q.unit != "pts"
               and not _DURATION.match(text, q.end)  # "in the first nine months": a period, not a level
               and not (q.unit == "%" and p.unit == "%" and q.before not in ("to", "from", "at"))]
    old = new = None
    unmarked = []
    for q in amounts:
        after = text[q.end:q.end + 40]
        if _CLAUSE_BREAK.search(text[min(p.end, q.end):max(p.start, q.start)]):
            continue  # "..., while imports fell to $4bn from $4.3bn": another clause's figures
        if q.before != "to" and (q.before == "from" or _BASE_AFTER.search(after) or _BASE_BEFORE.search(
                text[max(0, q.start - 40):q.start])):
            old = old or q
        elif q.before in ("to", "at", "of") and q.start > p.end - 200:
            if q.before == "of" and not re.search(r"\b(?:total|figure|level|high|low|record)\s+of\s+$",
                                                  text[max(0, q.start - 20):q.start]):
                if q.start < p.start:  # "profits of £150m were 30% up on ...": the level before the %
                    unmarked.append(q)
                continue
            new = new or q
        else:
            unmarked.append(q)
    if new is None and old is not None:
        # "Profits were £150m, up 12% from £120m": the one other figure of that unit
        same = [q for q in unmarked if q.unit == old.unit and q.start < old.start]
        if len(same) == 1 and len([q for q in amounts if q.unit == old.unit]) == 2:
            new = same[0]
    if old is None or new is None or old.unit != new.unit or old.value <= 0:
        return None
    # the % must sit in the same stretch as the figures (one clause, not a list of results)
    lo_i, hi_i = min(old.start, new.start, p.start), max(old.end, new.end, p.end)
    if hi_i - lo_i > 220 or ";" in text[lo_i:hi_i]:
        return None
    return old, new


_DURATION = re.compile(r"[\s-]+(?:years?|months?|weeks?|days?|hours?|quarters?|decades?|centuries)\b", re.I)


def _stated_sign(text: str, p: Quantity, old: Quantity, new: Quantity) -> int | None:
    """+1 for a rise, -1 for a fall, 0 when the words say both; None when they say neither."""
    window = text[max(0, p.start - 60):p.end + 25]
    ctx_before = text[max(0, min(p.start, old.start, new.start) - 80):p.start]
    sign = 0
    near = text[max(0, p.start - 40):p.start] + " " + text[p.end:p.end + 15]
    ups, downs = list(_UP.finditer(near)), list(_DOWN.finditer(near))
    if ups and not downs:
        sign = 1
    elif downs and not ups:
        sign = -1
    elif not ups and not downs:
        ups2, downs2 = _UP.search(ctx_before + window), _DOWN.search(ctx_before + window)
        if not ups2 and not downs2:
            return None
        sign = 1 if ups2 and not downs2 else -1 if downs2 and not ups2 else 0
    return sign


# ----------------------------------------------------------------------------------------------
# C205 count-mismatch
# ----------------------------------------------------------------------------------------------

_COUNT_WORD = "(?:" + "|".join(w for w, n in NUMBER_UNITS.items() if 2 <= n <= 12) + r"|both|\d{1,2})"
_LEAD = r"(?P<lead>\b(?:[Tt]he|[Aa]ll|[Tt]hese|[Tt]hose|[Aa]ll\s+the|[Oo]nly|[Tt]he\s+[\w-]+(?:'s|\u2019s)|[A-Z][\w-]*(?:'s|\u2019s)|[Hh]is|[Hh]er|[Ii]ts|[Tt]heir)\s+|(?<=^)|(?<=[.!?]\s)|(?<=\n)|(?<=\s))"
_COLLECTIVE = {"pair": 2, "duo": 2, "trio": 3, "quartet": 4, "quintet": 5}
COUNT_RE = re.compile(
    _LEAD + r"(?P<n>(?i:" + _COUNT_WORD + r"|pair|duo|trio|quartet|quintet))\b"
    # "the four-member team", "a three-man panel": a compound count before a singular noun
    r"(?P<comp>-(?:member|man|woman|strong|person|nation|country|party|company|firm|player)\b)?"
    r"(?P<noun>(?:\s+[a-z][\w'-]*){0,3})"
    r"\s*(?P<open>\s[-\u2013\u2014]\s|[\u2013\u2014]\s?(?=[A-Z])|\(|:\s|,\s+namely\s+|,\s|\s(?:are|were)\s+(?=[A-Z])"
    # "named the five men as A, B and C"; "six members. They are A, B and C" (the next sentence)
    r"|\sas\s+(?=[A-Z])|\.\s+(?:They|These|Those)\s+(?:are|were)\s+(?=[A-Z]))")
BOTH_RE = re.compile(r"\b[Bb]oth\s+(?=[A-Z])")
# a plural noun of up to three words, the first plural ending it: "countries", "main parties"
_PLURAL_NOUN = r"(?P<noun>(?:[a-z][\w'-]*\s+){0,2}?(?:[a-z][\w'-]*s|[a-z]*(?:people|men|women|children|police)))\b"
# "Leeds, York and Hull, the two cities": a list, then its count after a comma, dash, colon or "are"
LIST_COUNT_RE = re.compile(
    r"(?P<conn>,\s+|\s+-\s+|\s*[\u2013\u2014]\s*|:\s+|\s+(?:are|were)\s+)"
    r"(?P<lead>(?:the|all|all the|these|those)\s+)?(?P<n>(?i:" + _COUNT_WORD + r"))\s+" + _PLURAL_NOUN)
# "Three firms bid for the work: A, B and C": a count, its clause, then a colon and the list;
# or the list in the next sentence ("Three firms bid. They were A, B and C.")
COLON_LATER_RE = re.compile(
    _LEAD + r"(?P<n>(?i:" + _COUNT_WORD + r"))\s+" + _PLURAL_NOUN +
    r"(?P<mid>[^:.;!?\"\u201c\u201d\d]{1,80}?)(?::\s+|\.\s+(?:They|These|Those)\s+(?:are|were)\s+)(?=[A-Z])")
# the verbs after which "as" introduces names: "named the five men as ...", "identified them as"
_NAMING = re.compile(r"\b(?:named|identified|listed|names|identifies|lists|name|identify)\b[^.;:]{0,40}$")


def trim_tail(listed: str) -> str:
    """Cut a list where the sentence goes on: "A, B and C were fined" -> "A, B and C"."""
    prev = None
    closed = False  # "and" seen: "A, B and C, are ...": a comma and a lowercase word end it
    for w in re.finditer(r"\S+", listed):
        word = w.group(0)
        if prev is not None and prev[:1].isupper() and (not prev.endswith(",") or closed) and \
                word[:1].islower() and word.strip(",") not in _LOWER_OK:
            listed = listed[:w.start()]
            break
        closed = closed or word in ("and", "or", "&")
        prev = word
    return re.sub(r"(?:\s*,|\s+and|\s+or|\s+&)+\s*$", "", listed.rstrip())


# a dash that opens or closes a list: spaced, or an unspaced em or en dash ("nations—A, B—are")
_DASH = r"\s[-\u2013\u2014]\s|\s?[\u2013\u2014]\s?"
_LIST_STOP = {"-": _DASH, "\u2013": _DASH, "\u2014": _DASH, "(": r"\)", ":": r"[.;]", ",": r","}
_NOT_FULL = re.compile(r"\b(?:including|include|includes|such as|among|among them|like|"
                       r"notably|especially|e\.g\.|etc|others|other|and more|for example|"
                       r"for instance|mainly|mostly|led by|each|every)\b", re.I)
_LOWER_OK = {"of", "the", "de", "la", "le", "van", "von", "der", "du", "des", "del", "da", "di",
             "al", "bin", "on", "upon", "for", "in", "&", "y", "e", "el", "St", "and"}
_TIME_NOUNS = re.compile(r"\b(?:years?|months?|weeks?|days?|hours?|minutes?|seconds?|seasons?|"
                         r"decades?|times?|goals?|points?|games?|matches|rounds?|sets?|"
                         r"per|cent|percent|o'clock|am|pm)\b", re.I)


def split_items(s: str) -> list[str] | None:
    """Items of a written list "A, B, C and D"; None when it is not a list of names."""
    s = s.strip().rstrip(",")
    parts = [x.strip() for x in re.split(r",\s*(?:and\s+|or\s+)?|\s+and\s+|\s+or\s+|\s+&\s+", s)]
    parts = [x for x in parts if x]
    # "Rivera, 60, and Nuhfer, 51": an age after a name is said of that name, not listed
    parts = [x for k, x in enumerate(parts) if not (k and re.fullmatch(r"\d{1,3}", x) and parts[k - 1][:1].isalpha())]
    if len(parts) < 2:
        return None
    for item in parts:
        words = item.split()
        if not words or len(words) > 6:
            return None
        if not (words[0][:1].isupper() or words[0][:1].isdigit()) and words[0] != "the":
            # "singer Chris Martin": up to three lowercase words describing a name
            k = next((i for i, w in enumerate(words) if w[:1].isupper()), None)
            if k is None or k > 3 or any(not w.isalpha() for w in words[:k]):
                return None
            words = words[k:]
        for w in words:
            if not (w[:1].isupper() or w[:1].isdigit() or w in _LOWER_OK or w == "the"):
                return None
    return parts


class CountMismatchKind(Kind):
    """A stated count that disagrees with the items listed with it."""

    defaults: dict = {}
    requires = _PARSE_NER  # the tagger and NER tell a sentence's first word from a listed name

    def check(self, ctx: Context) -> Iterable[Finding]:
        text = ctx.article.text
        # each layout of a count and its list: its pattern, and the reader that checks a match
        layouts = ((COUNT_RE, lambda para, m, ps: self._one(para, m, ps, ctx.doc)),
                   (COLON_LATER_RE, self._colon_later),
                   (LIST_COUNT_RE, lambda para, m, ps: self._list_first(para, m, ps, ctx.doc)),
                   (BOTH_RE, self._both))
        for ps, pe in ctx.article.paragraphs:
            para = text[ps:pe]
            for pattern, read in layouts:
                for m in pattern.finditer(para):
                    f = read(para, m, ps)
                    if f is not None:
                        yield f

    def _both(self, para: str, m: re.Match, offset: int) -> Finding | None:
        """"Both A, B and C were arrested": "both" names two."""
        rest = para[m.end():]
        stop = re.search(r"[.;:!?](?:\s|$)|\s[-\u2013\u2014(]|$", rest)
        listed = trim_tail(rest[:stop.start()])
        k = listed.find(" and ")
        if k >= 0 and "," in listed[k:]:  # "both Farrell and Wigan, Lindsay said": the list ended
            listed = listed[:k + listed[k:].index(",")]
        if " and " not in listed or len(listed) > 200:
            return None
        items = split_items(listed)
        if items is None or len(items) <= 2:
            return None
        start = offset + m.start()
        return Finding(start, offset + m.end() + len(listed),
                       f"says 'both' but lists {len(items)}: {', '.join(items)}")

    def _one(self, para: str, m: re.Match, offset: int, doc: Any) -> Finding | None:
        """A count phrase ``m`` ("the three firms - ...") against the items listed after it."""
        counted = _count_and_opener(para, m)
        if counted is None:
            return None
        n, key = counted
        rest = para[m.end():]
        if key == ":":
            semi = _semicolon_list(rest)  # "four regions: Kent; Surrey; Essex."
            if semi is not None:
                return _count_finding(m, offset, n, semi[0], m.end() + semi[1])
        stop = re.search(_LIST_STOP[key] if key != "," else r",(?=\s+[a-z])", rest)
        if key == ":":
            stop = re.search(r"[.;](?:\s|$)|$", rest)
        if stop is None:
            return None
        listed = rest[:stop.start()]
        if key == ":":
            listed = trim_tail(listed)
        listed_len = len(listed.rstrip())
        if key == "," and not re.match(r",\s+[a-z]", rest[stop.start():stop.start() + 30]):
            return None  # the list must close with a comma and the sentence go on
        if not listed.strip() or len(listed) > 200 or _NOT_FULL.search(listed):
            return None
        # "four new smokehouses - in Oban, Mallaig and Ullapool -": the places are the list
        listed = re.sub(r"^\s*(?:in|at|from|to|on|namely|for)\s+(?=[A-Z])", "", listed)
        if not listed.strip():
            return None
        if key in "-\u2013\u2014(" and re.match(r"\s*\d", listed):
            return None
        items = split_items(listed)
        if items is None and key == ":" and m.group("open").startswith(":"):
            # "three areas: health, education and policing." (to the sentence end)
            raw = rest[:stop.start()].rstrip()
            items = common_items(doc, offset + m.end(), raw)
            listed_len = len(raw)
        if items is None or (key == "," and len(items) < 2):
            return None
        end = m.end() + stop.start() + len(stop.group(0).rstrip())
        if key == ",":
            end = m.end() + stop.start()
        elif key == ":":
            end = m.end() + listed_len
        return _count_finding(m, offset, n, items, end)

    def _colon_later(self, para: str, m: re.Match, offset: int) -> Finding | None:
        """"Three firms bid for the work: Acme, Bolt, Crane and Delta.": the subject's count
        against the list after a colon that closes its clause."""
        n = _plain_count(m.group("n"), m.group("noun"))
        sentence = re.split(r"[.!?]\s+", para[:m.start("n")])[-1]
        if n is None or len(m.group("mid").split()) > 8 or re.search(r"\d|\b(?:" + _COUNT_WORD + r")\b", sentence):
            return None  # the sentence's first count, and its clause short
        rest = para[m.end():]
        semi = _semicolon_list(rest)
        if semi is not None:
            return _count_finding(m, offset, n, semi[0], m.end() + semi[1])
        stop = re.search(r"[.;!?](?:\s|$)|$", rest)
        listed = trim_tail(rest[:stop.start()])
        if not listed or len(listed) > 200 or _NOT_FULL.search(listed):
            return None
        items = split_items(listed)
        if items is None or any(i[:1].isdigit() for i in items):
            return None
        return _count_finding(m, offset, n, items, m.end() + len(listed))

    def _list_first(self, para: str, m: re.Match, offset: int, doc: Any) -> Finding | None:
        """"Leeds, York and Hull, the two cities named": a list, then the count that sums it up."""
        n = _plain_count(m.group("n"), m.group("noun"))
        if n is None:
            return None
        found = list_before(para[:m.start()])
        names = found is not None
        if found is None and _IN_ALL.match(para, m.end()):
            # "Dairy, poultry and beef farmers - four sectors in all": the whole clause is the list
            found = _common_list_before(para[:m.start()], offset, doc)
        if found is None:
            return None
        start, items = found
        if names and not _names_a_thing(doc, offset + start):
            items = items[1:]  # "Yesterday, Leeds and Hull, ...": a sentence's first word
            start = para.index(items[0], start) if len(items) >= 2 else start
        if len(items) < 2 or len(items) == n:
            return None
        said = f"{m.group('lead') or ''}{m.group('n')} {m.group('noun')}".strip()
        return Finding(offset + start, offset + m.end("noun"),
                       f"lists {len(items)}: {', '.join(items)}, but says '{said}'")


def _names_a_thing(doc, at: int) -> bool:
    """Whether the word at ``at`` is a name, or may be one: a sentence's first word is
    capitalised whatever it is, so there the tagger decides ("Yesterday" is no name)."""
    if doc is None or not len(doc):
        return True
    span = doc.char_span(at, at + 1, alignment_mode="expand")
    if span is None or not len(span):
        return True
    tok = span[0]
    if not tok.is_sent_start or tok.pos_ == "PROPN" or tok.ent_type_ in _NAMED:
        return True
    return tok.pos_ not in _NEVER_NAMES and not tok.ent_type_ and not is_ordinary(tok.lower_, 4.0)


_NAMED = {"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "PRODUCT", "EVENT", "WORK_OF_ART"}
_NEVER_NAMES = {"ADV", "ADP", "DET", "CCONJ", "SCONJ", "PRON", "INTJ", "PART", "AUX"}


def _count_finding(m: re.Match, offset: int, n: int, items: list[str], end: int) -> Finding | None:
    """The finding for count phrase ``m`` over ``items`` (the list ending at ``end`` in the
    paragraph), or None when the count is right."""
    if len(items) == n:
        return None
    start = offset + m.start("n")
    if m.group("lead") and m.group("lead").strip():
        start = offset + m.start("lead")
    comp = m.groupdict().get("comp") or ""
    shown = m.group("noun").strip()
    said = f"{m.group('lead') or ''}{m.group('n')}{comp}{(' ' + shown) if shown else ''}".strip()
    return Finding(start, offset + end, f"says '{said}' but lists {len(items)}: {', '.join(items)}")


def _plain_count(n_text: str, noun: str) -> int | None:
    """The number a count word and its plural noun state ("three countries"), else None."""
    n = int(n_text) if n_text.isdigit() else word_value(n_text)
    noun = noun.strip()
    if not n or n < 2 or not noun or _TIME_NOUNS.search(noun) or noun in _NOT_PLURAL:
        return None
    if not re.search(r"s\b|people|men|women|children|police", noun.split()[-1]):
        return None
    return int(n)


def list_before(before: str) -> tuple[int, list[str]] | None:
    """(start, items) of the list of names that ends ``before`` ("... visited France, Spain
    and Italy"): names joined by commas with "and"/"or" before the last; None when there is none."""
    clause = re.split(r"[.!?;:(\"\u201c\u201d]\s+|\s-\s|\s?[\u2013\u2014]\s?|\n", before)[-1]
    base = len(before) - len(clause)
    parts = re.split(r"(\s*,\s*(?:(?:and|or)\s+)?|\s+(?:and|or|&)\s+)", clause)
    pieces, seps = parts[::2], parts[1::2]
    if len(pieces) < 2 or not re.search(r"\b(?:and|or)\b|&", seps[-1]) or \
            any(re.search(r"\b(?:and|or)\b|&", x) for x in seps[:-1]):
        return None
    items: list[str] = []
    start = None
    end = len(clause)
    for k in range(len(pieces) - 1, -1, -1):
        piece_end = end
        end -= len(pieces[k]) + (len(seps[k - 1]) if k else 0)
        item = pieces[k].strip()
        name = _name_run(item)
        if name is None:
            break
        items.insert(0, name)
        at = pieces[k].rfind(name)
        start = base + piece_end - len(pieces[k]) + (at if at >= 0 else len(pieces[k]) - len(pieces[k].lstrip()))
        if name != item:
            break  # "visited France": the list starts at the name
    if len(items) < 2 or start is None:
        return None
    return start, items


# a count that says it sums up what came before: "four sectors in all", "three in total"
_IN_ALL = re.compile(r"\s+(?:in\s+all|in\s+total|altogether|between\s+them)\b")
_LIST_SPLIT = re.compile(r"\s*,\s*(?:(?:and|or)\s+)?|\s+(?:and|or)\s+")


def common_items(doc: Any, at: int, listed: str) -> list[str] | None:
    """The items of a list of common nouns ("health, education and policing") written at
    offset ``at``: each one to three words the tagger reads as nouns, adjectives or
    determiners, "and"/"or" before the last; None for anything else (a clause, a verb)."""
    seps = _LIST_SPLIT.findall(listed)
    items = _LIST_SPLIT.split(listed)
    if len(items) < 2 or not re.search(r"\b(?:and|or)\b", seps[-1]) or len(listed) > 150 or \
            any(re.search(r"\b(?:and|or)\b", x) for x in seps[:-1]):
        return None
    span = doc.char_span(at, at + len(listed), alignment_mode="expand") if doc is not None else None
    if span is None or not all(1 <= len(x.split()) <= 3 for x in items):
        return None
    for t in span:
        if not (t.is_punct or t.lower_ in ("and", "or") or t.pos_ in ("NOUN", "ADJ", "PROPN", "DET")):
            return None
    return [x.strip() for x in items]


def _common_list_before(before: str, offset: int, doc: Any) -> tuple[int, list[str]] | None:
    """(start, items) of a clause that is all a list of common nouns, ending ``before``."""
    clause = re.split(r"[.!?;:(\"\u201c\u201d]\s+|\n", before)[-1]
    lead = len(clause) - len(clause.lstrip())
    start = len(before) - len(clause) + lead
    items = common_items(doc, offset + start, clause.strip())
    return (start, items) if items else None


def _name_run(item: str) -> str | None:
    """``item`` as a listed name ("Sri Lanka", "Sainsbury's"), or the name that ends it
    ("visited France" -> "France", "In Leeds" -> "Leeds"); None when it ends in no name."""
    words = item.split()
    if not words or len(words) > 8:
        return None
    k = len(words)
    while k > 0 and (words[k - 1][:1].isupper() or (words[k - 1] in _LOWER_OK and k < len(words))):
        k -= 1
    while k < len(words) and (words[k] in _LOWER_OK or words[k].lower() in _FUNCTION_WORDS):
        k += 1
    run = words[k:]
    if not run or len(run) > 5 or not run[0][:1].isupper():
        return None
    return " ".join(run)


# capitalised at a sentence start, never a name
_FUNCTION_WORDS = {"the", "a", "an", "in", "at", "on", "for", "from", "to", "by", "with", "and", "but",
                   "both", "all", "only", "while", "when", "after", "before", "as", "of", "its", "their",
                   "his", "her", "our", "this", "these", "those", "then", "now", "so", "yet", "if"}


# words ending in "s" that are not plural nouns
_NOT_PLURAL = {"is", "was", "has", "does", "this", "us", "its", "as", "plus", "less", "yes", "his",
               "thus", "whereas", "across", "towards", "besides", "perhaps"}


def _semicolon_list(rest: str) -> tuple[list[str], int] | None:
    """(items, end) of a list separated by semicolons that runs to its sentence end
    ("Kent; Surrey; and Essex."), or None."""
    stop = re.search(r"[.!?](?:\s|$)|$", rest)
    seg = rest[:stop.start()]
    if seg.count(";") < 1 or len(seg) > 300:
        return None
    parts = [re.sub(r"^\s*(?:and|or)\s+", "", x).strip() for x in seg.split(";")]
    if any(not re.match(r"(?:the\s+)?[A-Z]", x) or len(x.split()) > 12 for x in parts) or _NOT_FULL.search(seg):
        return None
    return parts, len(seg.rstrip())


def _count_and_opener(para: str, m: re.Match) -> tuple[int, str] | None:
    """(the count, the list opener: '-', '(', ':' or ',') of a count phrase that counts a
    plural noun; None for anything else ("three-way", "two years")."""
    n_text = m.group("n")
    collective = _COLLECTIVE.get(n_text.lower())
    n = 2 if n_text.lower() == "both" else collective if collective else \
        int(n_text) if n_text.isdigit() else word_value(n_text)
    if not n or n < 2:
        return None
    noun = m.group("noun").strip()
    opener = m.group("open").strip() or m.group("open")
    key = opener[0] if opener else ","
    sentence_list = "namely" in opener or opener in ("are", "were", "as") or opener.startswith(".")
    if opener == "as" and not _NAMING.search(para[:m.start("n")]):
        return None  # "as" lists only after a verb of naming ("named the five men as ...")
    if opener.startswith(".") and not noun:
        return None
    if sentence_list:
        # "three members, namely A, B and C", "the three directors are A, B and C": to the sentence end
        if opener in ("are", "were") and not (noun and (m.group("lead") or "").strip()):
            return None
        key = ":"
    if collective:
        noun = noun or n_text
    if m.group("comp") and key == ",":
        return None
    if key in ",:":
        # "Three countries, Israel and Syria, are ...": a noun, and "the"/"all" or a sentence start
        before = para[:m.start("n")].rstrip()
        lead_ok = bool((m.group("lead") or "").strip()) or not before or \
            before.endswith((".", "!", "?", '"', "\u201c"))
        if not noun or (key == "," and not lead_ok):
            return None
    if noun and _TIME_NOUNS.search(noun):
        return None
    if noun and not collective and not m.group("comp") and \
            not re.search(r"s\b|people|men|women|children|police", noun.split()[-1]):
        return None  # "three-way", "two main": the counted noun must be plural
    return n, key


# ----------------------------------------------------------------------------------------------
# C206 headline-mismatch
# ----------------------------------------------------------------------------------------------

class HeadlineMismatchKind(Kind):
    """A headline figure that the body gives differently for the same thing."""

    defaults = {"rounding": 0.0}
    requires = _PARSE_NER  # ages are tied to people by name

    def check(self, ctx: Context) -> Iterable[Finding]:
        art = ctx.article
        if not art.headline:
            return
        head_q, body_q = _headline_and_body(ctx)
        lead_end = art.paragraphs[min(len(art.paragraphs) - 1, 2 if art.headline[0] == art.paragraphs[0][0] else 1)][1]
        for h in head_q:
            # a headline's casualty word may be tagged as the counted noun ("Eight hurt")
            group = _casualty(art.text, h, art.headline) if not h.unit and (
                not h.noun or _CASUALTY_WORD.fullmatch(h.noun)) else None
            if group:
                # "Five dead in fire" over "six people died": counts of people that the same verb follows
                same = [q for q in body_q if not q.unit and (q.head in _PEOPLE or not q.noun)
                        and _casualty(art.text, q) == group]
            else:
                same = [q for q in body_q if _same_kind(h, q)]
            # "a further 63 years", "the other four" are other quantities than the headline's;
            # a period ("highest in more than 3 months") is the same one only under the same verb
            same = [q for q in same if not q.qualifiers - h.qualifiers and (
                h.head not in _PERIODS or (h.predicates & q.predicates) - _WEAK_PREDICATES)]
            lead = _lead_restatement(ctx, h, same, lead_end, self.options["rounding"]) \
                if h.unit and not h.hedge else None
            if lead is None and _confirmed(h, body_q, self.options["rounding"]) or not same:
                continue
            if h.hedge:  # "above $42" over "above $50": compare with the body's same hedge
                hedged = [q for q in same if q.hedge == h.hedge]
                if hedged:
                    same = hedged
                    h = _unhedged(h)
            if lead is None and any(_rounds_to(h, q, self.options["rounding"]) for q in same):
                continue
            near = lead if lead is not None else _near_figures(h, same, lead_end)
            if not near:
                continue
            # the body figure most like the headline's: swapped digits first, then the closest
            q = min(near, key=lambda b: (not _transposed(h, b), abs(b.value - h.value) / abs(b.value)))
            yield Finding(h.start, h.end,
                          f"headline says '{h.text}', but line {art.line_of(q.start)} says '{q.text}'",
                          related=[(q.start, q.end, f"the body gives '{q.text}' here")])
        yield from _death_age(art)
        yield from _headline_age(ctx, lead_end)


# The age at death, the one age a death story gives once: "dies at 34", "Kerr, 80, dies",
# "died aged 81", "died at the age of 81", and "... died on Saturday. She was 43."
_HEAD_DEATH_AGE = re.compile(r"\b(?:dies|died|dead)\s+(?:at|aged)\s+(?P<age>\d{1,3})\b|,\s*(?P<age2>\d{1,3}),\s+(?:dies|dead)\b")
_BODY_DEATH_AGE = re.compile(r"\b(?:died|dies|dead)\b[^.!?\n]{0,80}?\b(?:at|aged)\s+(?:the\s+age\s+of\s+)?(?P<age>\d{1,3})\b"
                             r"|\b(?:died|dies)\b[^.!?\n]{0,160}[.!?]\s+(?:He|She)\s+was\s+(?P<age2>\d{1,3})\s*[.,;]")


# "Man, 80, jailed over fraud": one person's age in the headline
_HEAD_AGE = re.compile(r"\b[A-Z][\w'\u2019-]*,\s+(?P<age>\d{1,3}),\s")


def _headline_age(ctx: Context, lead_end: int) -> Iterable[Finding]:
    """A headline's one age ("Man, 80, jailed") that the lead gives as its one other age
    ("The 81-year-old was jailed")."""
    art = ctx.article
    hs, he = art.headline
    found = list(_HEAD_AGE.finditer(art.text, hs, he))
    if len(found) != 1:
        return
    h = found[0]
    lead = [a for a in ctx.facts.ages.mentions if art.body_start() <= a.start < lead_end]
    ages = {a.age for a in lead}
    if len(ages) != 1 or int(h.group("age")) in ages:
        return
    a = lead[0]
    yield Finding(h.start("age"), h.end("age"),
                  f"headline gives the age as {h.group('age')}, but line {art.line_of(a.start)} says "
                  f"{a.age} ('{art.text[a.start:a.end]}')", related=[(a.start, a.end, "the body's age")])


def _death_age(art) -> Iterable[Finding]:
    """A headline's age at death that the body gives as another age at death."""
    hs, he = art.headline
    h = _HEAD_DEATH_AGE.search(art.text, hs, he)
    if h is None:
        return
    key = "age" if h.group("age") else "age2"
    said = int(h.group(key))
    body = [(b, "age" if b.group("age") else "age2") for b in _BODY_DEATH_AGE.finditer(art.text, art.body_start())]
    if not body or any(int(b.group(k)) == said for b, k in body):
        return
    b, k = body[0]
    yield Finding(h.start(key), h.end(key),
                  f"headline gives the age at death as {said}, but line {art.line_of(b.start(k))} says {b.group(k)}",
                  related=[(b.start(k), b.end(k), "the body's age at death")])


_PERIODS = {"year", "month", "week", "day", "hour", "minute", "decade", "century", "season", "quarter"}


def _headline_and_body(ctx: Context) -> tuple[list[Quantity], list[Quantity]]:
    """The headline's figures and the body's that may restate them; a share in words
    ("half of staff", "a third of shops") is read as the percentage it is on both sides."""
    art, numbers = ctx.article, ctx.facts.numbers
    hs, he = art.headline
    body = art.body_start()
    shares = {id(q): _share(ctx.doc, art.text, q) for q in numbers.quantities}
    in_head = [shares[id(q)] or q for q in numbers.quantities if hs <= q.start and q.end <= he]
    head_q = [q for q in in_head if q.kind == "share" or
              q.kind == "number" and (q.unit or q.noun or not q.is_word)]
    head_q += [q for q in in_head if q not in head_q
               and q.kind in ("number", "weak") and not q.unit and _casualty(art.text, q, art.headline)]
    # a headline's verbs are often tagged as nouns ("Ten thousand march"): its words are its acts
    acts = frozenset(t.lemma_.lower() for t in ctx.doc.char_span(hs, he, alignment_mode="expand") or ()
                     if t.pos_ in ("VERB", "NOUN", "ADJ"))
    head_q = [replace(q, predicates=q.predicates | acts) for q in head_q]
    body_q = [shares[id(q)] or q for q in numbers.quantities
              if q.start >= body and (q.kind in ("number", "weak") or shares[id(q)])]
    return head_q, body_q


# A share in words, as a percentage: "half of staff" is 50% of them, give or take the
# rounding a writer allows a fraction (a third is 30-36%).
_SHARES = {"half": 50.0, "a half": 50.0, "a third": 100 / 3, "one third": 100 / 3, "a quarter": 25.0,
           "one quarter": 25.0, "two thirds": 200 / 3, "two-thirds": 200 / 3, "three quarters": 75.0,
           "three-quarters": 75.0}
SHARE_ROUNDING = 4.0


def _share(doc: Any, text: str, q: Quantity) -> Quantity | None:
    """``q`` as a share of something ("half of staff", "30% of shops") with the thing it
    is a share of as its noun, or None when it is no share."""
    pct = _SHARES.get(q.text.lower()) if q.is_word and not q.unit else None
    if pct is None and q.unit != "%":
        return None
    span = doc.char_span(q.start, q.end, alignment_mode="expand")
    nxt = doc[span.end] if span is not None and span.end < len(doc) else None
    if nxt is None or nxt.lower_ != "of":
        return None
    objs = [c for c in nxt.children if c.dep_ == "pobj"]
    if not objs:
        return None
    of = objs[0].lemma_.lower()
    if pct is None:
        return replace(q, kind="share", noun=of, head=of)
    return replace(q, kind="share", value=pct, unit="%", half_unit=SHARE_ROUNDING, noun=of, head=of)


def _lead_restatement(ctx: Context, h: Quantity, same: list[Quantity], lead_end: int,
                      rounding: float) -> list[Quantity] | None:
    """The lead's figures of headline figure ``h``'s unit when the lead sentence restates the
    headline (three or more of its words: "US gas prices hit $3 per gallon for first time since
    2022" over "... paying for gas to $4.02, topping the $4 per gallon mark for the first time
    since 2022") and none of them rounds to it (nor crosses it: "hits $100" over $101.50);
    [] when one does, None when no lead sentence restates the headline."""
    doc = ctx.doc
    hs, he = ctx.article.headline
    words = _content_lemmas(doc.char_span(hs, he, alignment_mode="expand"))
    best, best_n = None, 2
    for q in same:
        if q.start >= lead_end:
            continue
        span = doc.char_span(q.start, q.end, alignment_mode="expand")
        sent = span.sent if span is not None else None
        n = len(words & _content_lemmas(sent)) if sent is not None else 0
        if n > best_n:
            best, best_n = sent, n
    if best is None:
        return None
    mine = [q for q in same if best.start_char <= q.start < best.end_char]
    crosses = _CROSSING.search(ctx.article.text, hs, he)
    if any(_rounds_to(h, q, rounding) or crosses and h.value and 0.95 <= q.value / h.value <= 1.05
           for q in mine):
        return []
    return mine


# a headline figure as a mark crossed: "Oil hits $100" over "$101.50", "Dow tops 30,000"
_CROSSING = re.compile(r"\b(?:hits?|tops?|topping|pass(?:es)?|break(?:s)?|cross(?:es)?|above|over|under|below|"
                       r"exceeds?|reach(?:es)?|surpass(?:es)?|past|beyond|nears?|dips?)\b", re.I)


def _content_lemmas(span: Any) -> set[str]:
    """The lemmas of a span's nouns, verbs, names and adjectives, figures and dates left out."""
    if span is None:
        return set()
    return {t.lemma_.lower() for t in span if t.pos_ in ("NOUN", "VERB", "PROPN", "ADJ")
            and not t.like_num and t.lemma_.lower() not in _WEAK_PREDICATES and len(t) > 2}


def _near_figures(h: Quantity, same: list[Quantity], lead_end: int) -> list[Quantity]:
    """The body figures that restate headline figure ``h`` with another value."""
    near = [q for q in same if _near(h, q)]
    if not near and h.unit and not h.approx:
        # the first two paragraphs restate a headline sum or rate: "$4bn" over a first paragraph's "$1bn"
        # (same unit and scale, nothing in the body rounds to the headline's figure)
        near = [q for q in same if q.start < lead_end and _scale(q) == _scale(h)
                and 0.1 <= h.value / q.value <= 10][:1] if all(q.value for q in same) else []
    if not near and not h.unit:
        # "Ten thousand march" over "4,000 people marched": the lead's one count of the same act
        acts = [q for q in same if q.start < lead_end and (h.predicates & q.predicates) - _WEAK_PREDICATES]
        near = acts if len(acts) == 1 and acts[0].value and 0.1 <= h.value / acts[0].value <= 10 else []
    return near


_PEOPLE = {"people", "person", "man", "woman", "child", "passenger", "soldier", "worker", "civilian",
           "student", "miner", "tourist", "fan", "pupil", "resident", "member", "suspect", "officer",
           "British", "briton", "villager", "protester", "climber", "crew", "sailor", "troop"}
_CASUALTY = {"death": r"dead|die[sd]?|dying|killed|kill|killing|perish(?:ed)?|lost their lives|death toll",
             "injury": r"injur(?:ed|ies|y)|hurt|wounded",
             "arrest": r"arrest(?:ed|s)?|held|detained|charged|jailed",
             "missing": r"missing", "rescue": r"rescued|saved|freed"}


_CASUALTY_WORD = re.compile("|".join(_CASUALTY.values()))


def _casualty(text: str, q: Quantity, headline: tuple[int, int] | None = None) -> str | None:
    """Which casualty verb follows a count of people ("five dead", "six people were killed"),
    or comes before one ("killed six people"; in a headline, "Police arrest 12 after riot")."""
    after = text[q.end:q.end + 40]
    if headline and headline[0] <= q.start < headline[1] and re.match(r"\s*(?:$|\n|[,:;]|(?:after|in|as|over|at|on|near)\b)", after):
        after = " people" + after  # a headline leaves out the people counted
    for name, words in _CASUALTY.items():
        if re.match(r"(?:\s+(?:[a-z]+\s+){0,2}?(?:people|persons?|men|women|children|[a-z]+s))?"
                    r"(?:\s+(?:are|were|have|had|been|being|feared|now|reported|confirmed|are feared)){0,2}"
                    r"\s+(?:" + words + r")\b", after):
            return name
        # "the fire killed six people", "police arrested at least four men"
        if re.search(r"\b(?:" + words + r")\s+(?:(?:at least|some|about|around|nearly|more than|"
                     r"another|a further)\s+)?$", text[max(0, q.start - 40):q.start]) and \
                re.match(r"\s+(?:[a-z]+\s+)?(?:people|persons?|men|women|children|[a-z]+s)\b", after):
            return name
    return None


def _confirmed(h: Quantity, body: list[Quantity], slack: float) -> bool:
    """The body states the headline's figure itself ("Three Black women" over "expand the
    number ... to three"; "over $2 million each" over "$2,299,998.85 each"): of the same
    unit, counting the same thing or nothing named."""
    plain = _unhedged(h) if h.hedge else h
    return any(q.unit == h.unit and (q.head == h.head or not q.noun) and not q.qualifiers
               and _rounds_to(plain, q, slack) for q in body)


def _same_kind(h: Quantity, q: Quantity) -> bool:
    if h.unit != q.unit:
        return False
    if "share" in (h.kind, q.kind):  # "half of staff", "30% of shops": a share of the same thing
        return h.kind == q.kind and h.head == q.head
    if h.unit:
        return True
    # plain counts: the same counted noun, or large counts (staff/jobs: nouns vary, figures rarely)
    if h.head and q.head and h.head == q.head:
        return True
    return h.value >= 100 and q.value >= 100 and (h.value >= 1000 or not h.is_word) and \
        (q.value >= 1000 or not q.is_word)


def _rounds_to(h: Quantity, q: Quantity, slack: float) -> bool:
    """A headline rounds the body's figure to its own precision: '£5bn' for £5.2bn.

    The body's own rounding and hedges do not count ('about $5.4bn' is not
    '$5.7bn'); a hedge in the headline ('nearly £6bn', 'over 400') does.
    """
    if h.hedge and h.approx and q.hedge != h.hedge:  # "above $42" vs "above $50": compare figures
        lo, hi = h.interval()
        if lo <= q.value <= hi:
            return True
    tol = h.half_unit * 1.0001 + abs(h.value) * slack
    # headlines also truncate: "$16bn" over $16.6bn
    if q.half_unit < h.half_unit:
        return -tol <= q.value - h.value < 2 * h.half_unit  # "two million" never truncates 3,000,000
    return abs(q.value - h.value) <= tol


def _unhedged(q: Quantity) -> Quantity:
    return replace(q, hedge=None)


def _digits(q: Quantity) -> str:
    return re.sub(r"\D", "", re.sub(r"^[^\d]*", "", q.text).split(" ")[0])


def _transposed(h: Quantity, q: Quantity) -> bool:
    a, b = _digits(h), _digits(q)
    return len(a) == len(b) > 1 and a != b and sorted(a) == sorted(b)


def _scale(q: Quantity) -> str:
    """The scale word of a written figure: 'bn', 'm', '' ..."""
    m = re.search(r"\d[\s-]?(bn|billion|bln|m|mn|mln|million|k|thousand|tn|trillion)\b", q.text)
    return {"billion": "bn", "bln": "bn", "million": "m", "mn": "m", "mln": "m", "thousand": "k",
            "trillion": "tn"}.get(
        m.group(1), m.group(1)) if m else ""


def _near(h: Quantity, q: Quantity) -> bool:
    """Different but close enough to be the same figure mistyped or changed."""
    if _transposed(h, q):
        return True
    if _digits(h) == _digits(q) and _scale(h) != _scale(q):
        return True  # "£5m" over "£5bn": the scale changed
    if not h.value or not q.value:
        return False
    ratio = h.value / q.value
    return 0.5 <= ratio <= 2.0
