"""Names and terms: one person, organisation or term written two ways.

- ``name-variant`` (C101): a name one small edit from another name in the
  article (Rogozin/Rogozine), or differing only by spacing, hyphen or case
  (TimeWarner/Time Warner).
- ``second-reference`` (C102): a later reference that does not fit the first
  (a given name where the family name comes first, a bare surname before the
  full name, a surname two people share).
- ``acronym`` (C103): an acronym never spelled out, spelled out twice or two
  ways, or spelled out only after its first use.
- ``term-variant`` (C104): the word lists of ``variants`` plus automatic
  checks (Moon/moon, anti-piracy/antipiracy, FooFighters/Foo Fighters,
  organise/organize).
"""
from __future__ import annotations

import re
from collections import defaultdict
from typing import Any, Iterable

from rapidfuzz.distance import OSA, Levenshtein

from ..facts.names import _PARTICLES
from .base import Context, Finding, Kind
from .generic import VariantsKind

_NER = frozenset({"tagger", "attribute_ruler", "parser", "ner"})
_NAME_ENTS = {"PERSON", "ORG", "NORP", "GPE", "FAC", "PRODUCT", "WORK_OF_ART", "EVENT", "LOC", "LAW"}


# Titles that make a complete reference on their own (peers, royalty, clergy).
_STYLES = {"lord", "lady", "baroness", "baron", "king", "queen", "prince", "princess", "pope", "sir",
           "dame", "archbishop", "cardinal", "sheikh", "emperor", "duke", "duchess", "earl"}


_DETS_LOWER = {"the", "a", "an", "this", "that", "its", "their", "our", "'s", "’s"}


def _q(text: str) -> str:
    return "'" + re.sub(r"\s+", " ", text) + "'"


def _in_headline(ctx: Context, i: int) -> bool:
    h = ctx.article.headline
    return bool(h and h[0] <= i < h[1])


# ---------------------------------------------------------------------------
# Spacing, hyphen and case variants of capitalised names (shared by C101, C104)

def spacing_groups(ctx: Context) -> list[tuple[list[tuple[int, int, str]], bool]]:
    """Groups of differently spaced/hyphenated/cased writings of one capitalised name.

    Each group is (occurrences in text order as (start, end, text), is_name) where
    ``is_name`` says a PERSON or ORG entity covers one of them (C101 reports
    those; C104 the others).
    """
    cached = ctx.facts._cache.get("_spacing_groups")
    if cached is not None:
        return cached
    doc = ctx.doc
    dtext = ctx.article.text  # == doc.text, which spaCy rebuilds on every access
    body = ctx.article.body_start()
    occ: dict[str, dict[tuple[int, int], str]] = defaultdict(dict)

    def cap(t: Any) -> bool:  # "The" opening a sentence is not part of a name
        return t.text[:1].isupper() and any(ch.isalpha() for ch in t.text) and not t.is_stop

    toks = [t for t in doc if t.idx >= body]
    i = 0
    while i < len(toks):
        if not cap(toks[i]):
            i += 1
            continue
        run = [toks[i]]
        j = i + 1
        while j < len(toks):
            prev = run[-1]
            t = toks[j]
            if t.text in ("-",) and not prev.whitespace_ and j + 1 < len(toks) and cap(toks[j + 1]) \
                    and not t.whitespace_:
                run.extend([t, toks[j + 1]])
                j += 2
                continue
            if cap(t) and prev.whitespace_ == " " and t.i == prev.i + 1:
                run.append(t)
                j += 1
                continue
            break
        words = [t for t in run if t.text != "-"]
        for a in range(len(words)):
            for b in range(a + 1, min(len(words), a + 4) + 1):
                s, e = words[a].idx, words[b - 1].idx + len(words[b - 1].text)
                surface = dtext[s:e]
                if b - a == 1 and not re.search(r"[a-z][A-Z]|-", surface):
                    continue  # a plain single word has no spacing to vary
                if surface.isupper():
                    continue  # "BBC NEWS" shouting, acronyms
                key = re.sub(r"[\s\-]", "", surface).lower()
                if len(key) >= 6:
                    occ[key][(s, e)] = surface
        i = j
    groups = []
    for key, spans in occ.items():
        forms = {v for v in spans.values()}
        if len(forms) < 2:
            continue
        items = sorted((s, e, t) for (s, e), t in spans.items())
        # a shorter span inside a longer one of the same key is the same writing
        items = [it for it in items if not any(o != it and o[0] <= it[0] and it[1] <= o[1] for o in items)]
        if len({t for _, _, t in items}) < 2:
            continue
        is_name = any(doc.char_span(s, e, alignment_mode="expand") is not None and
                      any(t.ent_type_ in ("PERSON", "ORG") for t in doc.char_span(s, e, alignment_mode="expand"))
                      for s, e, _ in items)
        groups.append((items, is_name))
    ctx.facts._cache["_spacing_groups"] = groups
    return groups


def _spacing_findings(ctx: Context, want_names: bool) -> Iterable[Finding]:
    art = ctx.article
    for items, is_name in spacing_groups(ctx):
        if is_name != want_names:
            continue
        counts: dict[str, int] = defaultdict(int)
        for _, _, t in items:
            counts[t] += 1
        first = items[0]
        # the first form sets the choice unless a later form is clearly the usual one
        main = max(counts, key=lambda t: (counts[t], -next(i for i, it in enumerate(items) if it[2] == t)))
        ref = next(it for it in items if it[2] == main)
        if counts[main] == counts[first[2]]:
            ref = first
        for s, e, t in items:
            if t == ref[2]:
                continue
            yield Finding(s, e, f"{_q(t)} here, but line {art.line_of(ref[0])} writes {_q(ref[2])}",
                          related=[(ref[0], ref[1], f"written {_q(ref[2])} here")])


# ---------------------------------------------------------------------------
# C101

class NameVariantKind(Kind):
    """A name spelled two ways: one small edit apart, or spaced/hyphenated/cased differently."""

    defaults = {"min_length": 4, "substitution_min_length": 7, "max_variant_count": 2, "spacing": True}
    requires = _NER

    def check(self, ctx: Context) -> Iterable[Finding]:
        if self.options["spacing"]:
            yield from _spacing_findings(ctx, True)
        yield from self._edits(ctx)

    def _edits(self, ctx: Context) -> Iterable[Finding]:
        names = ctx.facts.names
        art = ctx.article
        text = art.text
        lower_words = set(re.findall(r"(?<![\w'’])[a-z][\w'’]*", text))
        forms = {f: ws for f, ws in names.word_forms.items()
                 if len(f) >= self.options["min_length"] and re.fullmatch(r"[A-Za-zÀ-ÿ'’]+", f)
                 and not f.isupper()}
        named = {f for f, ws in forms.items() if any(w.named and (not w.sentence_initial or w.ent_label)
                                                      for w in ws)}
        full_clusters = _FullNames([c for c in names.clusters if c.has_full_name])
        for a, b in _one_edit_pairs(forms):
            ctx.budget.check()
            if a not in named and b not in named or OSA.distance(a, b, score_cutoff=1) > 1:
                continue
            f = self._pair(ctx, a, b, forms, named, lower_words, full_clusters)
            if f:
                yield from f

    def _pair(self, ctx: Context, a: str, b: str, forms: dict, named: set, lower_words: set,
              full_clusters: "_FullNames") -> list[Finding]:
        art = ctx.article
        short, long_ = sorted((a, b), key=len)
        if len(short) != len(long_):
            extra = long_[len(short):] if long_.startswith(short) else ""
            if extra in ("s", "n", "i", "y") and long_.startswith(short):
                # Americans/American, Russian/Russia, Germany/German: inflections, not misspellings -
                # unless the longer one is a person's surname (Parsons/Parson)
                if not (extra == "s" and long_ in full_clusters.surnames and short not in
                        full_clusters.key_words
                        and not any(w.ent_label in ("NORP", "GPE") for w in forms[short])):
                    return []
        elif a[:-1] == b[:-1] and a[-1] in "aeiouy" and b[-1] in "aeiouy":
            return []  # Argentina/Argentine, Germany/Germane: endings, not typos
        elif a.lower() != b.lower() and Levenshtein.distance(a, b) == 1 \
                and len(short) < self.options["substitution_min_length"]:
            # one letter replaced by another in a short word: Iran/Iraq, Bush/Rush are
            # different names; only a one-off beside a name used repeatedly counts
            ca, cb = len(forms[a]), len(forms[b])
            one, many = (forms[a], forms[b]) if ca < cb else (forms[b], forms[a])
            runs = {w.run for w in many}
            places = ("GPE", "NORP", "LOC")
            if len(short) < 5 or min(ca, cb) > 1 or max(ca, cb) < 2 or \
                    any(w.run and w.run not in runs for w in one) or \
                    any(w.ent_label in places for w in one) and any(w.ent_label in places for w in many):
                return []
            if max(ca, cb) < 3 and not any(w.ent_label in ("PERSON", "ORG") for w in many):
                return []  # a name used twice must at least be tagged as one
        # two words of one name ("Lian Chia Liang")
        if full_clusters.one_name(a, b):
            return []
        # parts of different longer names ("Get Back" / "Jack Black", "Lian Chia Liang" / "China")
        ra = {w.run for w in forms[a]}
        rb = {w.run for w in forms[b]}
        if "" not in ra and "" not in rb and not ra & rb and not _initials_fit(ra, rb):
            return []
        for x, y in ((a, b), (b, a)):
            if all(w.run and w.ent_label == "PERSON" for w in forms[x]) and \
                    all(w.ent_label in ("GPE", "NORP", "LOC") for w in forms[y]):
                return []
        # two named things, each with its own full name: Smith/Smyth
        ca, cb = full_clusters.holding(a), full_clusters.holding(b)
        if ca and cb and not set(map(id, ca)) & set(map(id, cb)):
            rest_a = {tuple(w for w in c.full[2].split() if w != a) for c in ca}
            rest_b = {tuple(w for w in c.full[2].split() if w != b) for c in cb}
            if not rest_a & rest_b and not _initials_fit({" ".join(r) for r in rest_a}, {" ".join(r) for r in rest_b}):
                return []
        wa, wb = forms[a], forms[b]
        # the rarer form is the suspect; on a tie the later one
        if len(wa) != len(wb):
            sus, other = (a, b) if len(wa) < len(wb) else (b, a)
        else:
            sus, other = (a, b) if wa[0].start > wb[0].start else (b, a)
        if len(forms[sus]) > self.options["max_variant_count"]:
            return []
        sus_runs = {w.run for w in forms[sus]}
        other_runs = {w.run for w in forms[other]}
        if "" not in sus_runs and other_runs == {""} and \
                all(w.ent_label in ("WORK_OF_ART", "EVENT", "LAW") for w in forms[sus]):
            return []  # "Chocolate Factory" beside the film "Chocolat": another title, not a typo
        if sus.lower() in lower_words and sus.lower() != other.lower():
            return []  # an ordinary word ("Change" starting a sentence, "change" elsewhere)
        ref = forms[other][0]
        out = []
        for w in forms[sus]:
            msg = (f"{_q(w.text)} here, but line {art.line_of(ref.start)} writes {_q(ref.text)}"
                   + (" (one letter apart)" if w.text.lower() != ref.text.lower() else " (different case)"))
            out.append(Finding(w.start, w.end, msg, related=[(ref.start, ref.end, f"written {_q(ref.text)} here")]))
        return out


class _FullNames:
    """The clusters with a full name, indexed by their words (pairs of forms ask which
    names hold a word, and a long article has thousands of names)."""

    def __init__(self, clusters: list[Any]) -> None:
        self.surnames = {c.surname for c in clusters if c.label == "PERSON"}
        self.key_words = {w for c in clusters for w in c.key.split()}
        self._full: dict[str, list[Any]] = defaultdict(list)  # a word of the full name -> clusters
        self._any: dict[str, list[Any]] = defaultdict(list)   # ... or of the key, titled
        for c in clusters:
            full = set(c.full[2].split())
            for w in full:
                self._full[w].append(c)
            for w in full | set(c.key.title().split()):
                self._any[w].append(c)

    def one_name(self, a: str, b: str) -> bool:
        """Whether one full name holds both words ("Lian Chia Liang")."""
        with_a = {id(c) for c in self._full.get(a, ())}
        return any(id(c) in with_a for c in self._full.get(b, ()))

    def holding(self, word: str) -> list[Any]:
        """The clusters whose full name or key has ``word``."""
        return self._any.get(word, [])


def _one_edit_pairs(words: Iterable[str]) -> list[tuple[str, str]]:
    """Every pair (a, b), a < b, that one insertion, deletion, substitution or swap of
    neighbours may turn into each other, in sorted order: such words share themselves
    or one of their one-letter deletions, so an index of those finds them without
    comparing every pair (a long article has thousands of names)."""
    index: dict[str, set[str]] = defaultdict(set)
    for w in words:
        index[w].add(w)
        for i in range(len(w)):
            index[w[:i] + w[i + 1:]].add(w)
    pairs = {(a, b) for group in index.values() if len(group) > 1
             for a in group for b in group if a < b}
    return sorted(pairs)


def _initials_fit(ra: set, rb: set) -> bool:
    """An initial on one side fits a given name on the other ("K Morgaan" / "Kevin Morgan")."""
    def initial(r: str) -> str:
        return r[0] if re.fullmatch(r"[A-Z]\.?", r) else ""
    for x, y in ((ra, rb), (rb, ra)):
        if any(initial(r) and any(o[:1] == initial(r) and len(o) > 2 for o in y) for r in x):
            return True
    return False


# ---------------------------------------------------------------------------
# C102

class SecondReferenceKind(Kind):
    """Later references that do not fit the first: family-name order, bare or shared surnames."""

    defaults = {"family_first": True, "bare_before_full": True, "shared_surname": True}
    requires = _NER

    def check(self, ctx: Context) -> Iterable[Finding]:
        names = ctx.facts.names
        art = ctx.article
        text = art.text
        body = art.body_start()
        people = [c for c in names.clusters if c.label == "PERSON" and c.has_full_name]
        # 1. given name alone where the family name comes first
        if self.options["family_first"]:
            for c in people:
                if not c.family_first:
                    continue
                given = c.given
                if " " in given or len(given) < 2:
                    continue
                fs = c.full[0]
                for m in re.finditer(r"(?<![\w'’-])" + re.escape(given) + r"(?![\w-])", text):
                    if m.start() <= fs or _in_headline(ctx, m.start()):
                        continue
                    before = text[max(0, m.start() - len(c.surname) - 1):m.start()].strip()
                    if before.endswith(c.surname):
                        continue  # "Zhang Kejian" again
                    yield Finding(m.start(), m.end(),
                                  f"{_q(given)} here: {c.full[2]} (line {art.line_of(fs)}) puts the family "
                                  f"name first, so the second reference is {_q(c.surname)}",
                                  related=[(c.full[0], c.full[1], f"full name {_q(c.full[2])} here")])
        # 2. a bare surname before the full name
        adjectives = {e.text.lower() for e in ctx.doc.ents if e.label_ in ("NORP", "GPE", "LOC")}
        if self.options["bare_before_full"]:
            for c in people:
                fs = c.full[0]
                sur = c.surname
                for s, e, t in c.mentions:
                    if s >= fs or " " in t.strip() or t != sur.split()[-1]:
                        continue
                    if _in_headline(ctx, s) or s < body:
                        continue
                    if (s, e, t) not in c.titled and not self._tagged_person(ctx, s, e):
                        continue
                    pw = text[max(0, s - 12):s].split()
                    if pw and pw[-1].lower() in _STYLES:
                        continue  # "Lord Roberts", "Queen Elizabeth": a complete reference
                    if re.search(r"(?<![\w-])" + re.escape(t.lower()) + r"(?![\w-])", text) or \
                            any(x.lower() in adjectives for x in c.given.split()):
                        continue  # "the league", "American Idol": not a person's name
                    yield Finding(s, e, f"{_q(t)} appears here before the full name {_q(c.full[2])} "
                                        f"(line {art.line_of(fs)})",
                                  related=[(c.full[0], c.full[1], f"full name {_q(c.full[2])} given here")])
        # 3. a surname two people share, used alone
        if self.options["shared_surname"]:
            by_sur: dict[str, list[Any]] = defaultdict(list)
            for c in people:
                if not [g for g in c.given.split() if g.lower() not in _PARTICLES]:
                    continue  # "De Marigny": a surname, not a second person
                by_sur[c.surname.split()[-1]].append(c)
            for sur, cs in by_sur.items():
                if len(cs) < 2:
                    continue
                second = sorted(cs, key=lambda c: c.full[0])[1]
                fulls = {(c.full[0], c.full[1]) for c in cs}
                for m in re.finditer(r"(?<![\w'’-])" + re.escape(sur) + r"(?![\w-])", text):
                    if m.start() <= second.full[0] or _in_headline(ctx, m.start()):
                        continue
                    if any(fs <= m.start() < fe for fs, fe in fulls):
                        continue
                    if any(c.full[2] in text[max(0, m.start() - 40):m.end()] and
                           text[max(0, m.start() - 40):m.end()].endswith(c.full[2]) for c in cs):
                        continue
                    prev = text[max(0, m.start() - 30):m.start()].split()
                    if self._after_name(ctx, m.start()):
                        continue  # part of another name ("Gordon Brown")
                    if prev and prev[-1].rstrip(".").lower() in ("mr", "mrs", "ms", "miss") and \
                            len({self._title_of(ctx, c) for c in cs}) == len(cs):
                        continue  # Mr/Mrs tell them apart
                    names_ = " and ".join(f"{c.full[2]} (line {art.line_of(c.full[0])})" for c in cs)
                    yield Finding(m.start(), m.end(), f"{_q(sur)} alone could be {names_}",
                                  related=[(c.full[0], c.full[1], f"{_q(c.full[2])} here") for c in cs])

    @staticmethod
    def _after_name(ctx: Context, start: int) -> bool:
        """Is the word at ``start`` preceded by a capitalised word that is not a title?"""
        from ..facts.names import HONORIFICS, _sentence_initial

        span = ctx.doc.char_span(start, start + 1, alignment_mode="expand")
        if span is None or span.start == 0:
            return False
        prev = ctx.doc[span.start - 1]
        return bool(prev.text[:1].isupper() and prev.is_alpha and not _sentence_initial(prev)
                    and prev.lower_.rstrip(".") not in HONORIFICS and prev.ent_type_ not in ("DATE", "TIME"))

    @staticmethod
    def _tagged_person(ctx: Context, s: int, e: int) -> bool:
        span = ctx.doc.char_span(s, e, alignment_mode="expand")
        return span is not None and all(t.ent_type_ == "PERSON" for t in span)

    @staticmethod
    def _title_of(ctx: Context, c: Any) -> str:
        for s, _, _ in c.mentions:
            prev = ctx.article.text[max(0, s - 6):s].split()
            if prev and prev[-1].rstrip(".").lower() in ("mr", "mrs", "ms", "miss"):
                return prev[-1].rstrip(".").lower()
        return ""


# ---------------------------------------------------------------------------
# C103

class AcronymKind(Kind):
    """Acronyms never spelled out, spelled out twice or two ways, or only after first use."""

    defaults = {"known": [], "min_uses": 2, "unexplained": True, "twice": True, "late": True}
    requires = _NER

    def check(self, ctx: Context) -> Iterable[Finding]:
        art = ctx.article
        extra = set(self.options["known"])
        for key, a in ctx.facts.acronyms.items.items():
            if not a.uses and not a.definitions:
                continue
            paren = [d for d in a.definitions if d.parenthetical]
            first = a.uses[0] if a.uses else (len(art.text), len(art.text))
            if not a.definitions and not a.known and key not in extra and self.options["unexplained"]:
                persons = sum(1 for x in a.ent_labels if x == "PERSON")
                if len(a.uses) + len(a.headline_uses) >= self.options["min_uses"] and not a.in_name \
                        and persons * 2 <= len(a.ent_labels) and not _broadcaster(art.text, a.uses):
                    yield Finding(first[0], first[1],
                                  f"{_q(key)} is never spelled out (used {len(a.uses)} "
                                  f"time{'s' if len(a.uses) != 1 else ''})")
                continue
            if self.options["twice"] and len(paren) > 1:
                d0 = paren[0]
                for d in paren[1:]:
                    same = _norm(d.long_form) == _norm(d0.long_form)
                    how = "again" if same else f"as {_q(d.long_form)}"
                    yield Finding(d.start, d.end,
                                  f"{_q(key)} is spelled out {how} here, but line {art.line_of(d0.start)} "
                                  f"already spells it out as {_q(d0.long_form)}",
                                  related=[(d0.start, d0.end, f"first spelled out as {_q(d0.long_form)} here")])
            if self.options["late"] and paren and first[0] < paren[0].start and \
                    not any(d.start <= first[0] for d in a.definitions):
                d0 = paren[0]
                yield Finding(first[0], first[1],
                              f"{_q(key)} is used here but only spelled out later, on line "
                              f"{art.line_of(d0.start)} ({_q(d0.long_form)})",
                              related=[(d0.start, d0.end, f"spelled out as {_q(d0.long_form)} here")])


_BROADCAST = re.compile(r"(?:-(?:TV|FM|AM|DT)\b|\s+(?:TV\s+|television\s+|radio\s+)?"
                        r"(?:network|channel|station|affiliate)s?\b)")


def _broadcaster(text: str, uses: list[tuple[int, int]]) -> bool:
    """A call sign or network name (WRAZ-TV, "the UPN network"): the letters are the name."""
    return any(_BROADCAST.match(text, e) for _, e in uses)


def _norm(s: str) -> str:
    return re.sub(r"[^a-z]", "", s.lower())


# ---------------------------------------------------------------------------
# C104

# British -> American spelling transforms; a pair counts only when both forms occur.
_SPELLING = [
    (re.compile(r"^(\w{3,})is(e|es|ed|ing|ation|ations|er|ers)$"), r"\1iz\2"),
    (re.compile(r"^(\w{2,})ys(e|es|ed|ing)$"), r"\1yz\2"),
    (re.compile(r"^(\w{3,})our(s|ed|ing|ite|ites|able|ably|er|ers|ful)?$"), r"\1or\2"),
    (re.compile(r"^(\w{2,}[^aeiou\W])re(s|d)?$"), r"\1er\2"),
    (re.compile(r"^(\w{3,}[ae])ll(ed|ing|er|ers)$"), r"\1l\2"),
    (re.compile(r"^(\w{3,})ogue(s)?$"), r"\1og\2"),
    (re.compile(r"^(\w+)ae(\w{3,})$"), r"\1e\2"),
    (re.compile(r"^(\w*)oe(\w{4,})$"), r"\1e\2"),
    (re.compile(r"^(def|off|pret)ence(s)?$"), r"\1ense\2"),
]
# Words whose capitalised and lower-case forms name the same thing wherever they stand.
_SAME_THING = {"moon", "earth", "sun", "mars", "venus", "jupiter", "saturn", "neptune", "uranus", "pluto",
               "internet", "web"}
_TITLE_ABBR = re.compile(r"(?<![\w.])(Mr|Mrs|Ms|Dr|Prof|Rev|Sgt|Gen|Col|Capt|Lt|Insp|Supt)(\.?)(?= [A-Z])")
_PERCENT = re.compile(r"\d(\s?%|\s+per\s+cent\b|\s+percent\b|\s+pc\b)")
# Function words whose joined forms are other words ("any one"/"anyone", "some times", "all ready").
_SPLIT_SKIP = {"any", "some", "every", "all", "may", "who", "what", "with", "out", "for", "one", "how",
               "where", "when", "there", "here", "her", "his", "him", "them", "your", "our", "not",
               "can", "cannot", "the", "and", "nothing", "thing", "self", "ever", "over", "under",
               "body", "time", "times", "ward", "wards", "way", "ways", "ever"}
_COMPOUND_SKIP_PREFIX = {"re", "un", "de", "pre", "in"}  # re-sign/resign, re-cover/recover


def _leftmost(occurrences: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """The occurrences a left-to-right regex search would find: in text order, none
    starting inside the one before."""
    out: list[tuple[int, int, str]] = []
    for occ in sorted(occurrences):
        if not out or occ[0] >= out[-1][1]:
            out.append(occ)
    return out


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


class TermVariantKind(VariantsKind):
    """``variants`` word lists plus automatic checks for terms written two ways."""

    defaults = {**VariantsKind.defaults, "capitalisation": True, "compounds": True, "spelling": True,
                "joined_names": True, "abbreviations": True}
    requires = _NER

    def occurrences(self, ctx: Context) -> list[list[tuple[int, int, str]]]:
        """As ``variants``, but a set needs two of its forms in the text (a cheap substring test first)."""
        low = re.sub(r"\s+", " ", ctx.article.text.lower())
        keep = self.sets
        self.sets = [forms for forms in keep if sum(1 for f, _ in forms if f.lower() in low) >= 2]
        try:
            return super().occurrences(ctx)
        finally:
            self.sets = keep

    def check(self, ctx: Context) -> Iterable[Finding]:
        seen: set[tuple[int, int]] = set()
        for f in super().check(ctx):
            seen.add((f.start, f.end))
            yield f
        auto: list[Finding] = []
        if self.options["capitalisation"]:
            auto.extend(self._capitalisation(ctx))
        if self.options["compounds"]:
            auto.extend(self._compounds(ctx))
        if self.options["spelling"]:
            auto.extend(self._spelling(ctx))
        if self.options["joined_names"]:
            auto.extend(_spacing_findings(ctx, False))
        if self.options["capitalisation"]:
            auto.extend(self._lowered_names(ctx))
        if self.options["abbreviations"]:
            auto.extend(self._abbreviations(ctx))
        if self.options["compounds"]:
            auto.extend(self._split_compounds(ctx))
        for f in sorted(auto, key=lambda f: f.start):
            if any(s < f.end and f.start < e for s, e in seen):
                continue
            seen.add((f.start, f.end))
            yield f

    def _first_sets(self, ctx: Context, occ: list[tuple[int, int, str]], why: str) -> Iterable[Finding]:
        """The first form sets the choice; every later other form is flagged."""
        art = ctx.article
        occ = sorted(occ)
        if len({o[2] for o in occ}) < 2:
            return
        first = occ[0]
        for s, e, t in occ:
            if t == first[2]:
                continue
            yield Finding(s, e, f"{_q(t)} here, but line {art.line_of(first[0])} writes {_q(first[2])}{why}",
                          related=[(first[0], first[1], f"first written {_q(first[2])} here")])

    def _capitalisation(self, ctx: Context) -> Iterable[Finding]:
        doc = ctx.doc
        body = ctx.article.body_start()
        from ..facts.names import _sentence_initial

        ent_of = {i: e for e in doc.ents for i in range(e.start, e.end)}
        caps: dict[str, list[tuple[int, int, str]]] = defaultdict(list)
        lows: dict[str, list[tuple[int, int, str]]] = defaultdict(list)
        for t in doc:
            if t.idx < body or not t.is_alpha or len(t.text) < 3:
                continue
            if t.text.islower() and (t.pos_ == "NOUN" or t.text in _SAME_THING and t.pos_ == "PROPN"):
                lows[t.text].append((t.idx, t.idx + len(t.text), t.text))
            elif t.text[0].isupper() and t.text[1:].islower() and not _sentence_initial(t):
                prev = doc[t.i - 1]
                nxt = doc[t.i + 1] if t.i + 1 < len(doc) else None
                if t.lower_ not in _SAME_THING and (
                        prev.lower_ not in ("the", "a", "an", "this", "its", "their", "our", "that")
                        or prev.text[:1].isupper() and prev.i != 0 and not _sentence_initial(prev)):
                    continue  # "the Government": a common noun written as a proper one
                if nxt is not None and nxt.text[:1].isupper() and t.whitespace_:
                    continue  # part of a longer name ("the Moon Treaty")
                if nxt is not None and nxt.lower_ in ("and", "of", "&", "for") and t.i + 2 < len(doc) \
                        and doc[t.i + 2].text[:1].isupper():
                    continue  # "the Standards and Privileges Committee"
                ent = ent_of.get(t.i)
                if t.dep_ == "compound" or (ent is not None and
                                            sum(1 for x in ent if x.lower_ not in _DETS_LOWER) > 1):
                    continue  # a name used as a modifier ("the Skulls program") or inside a title
                caps[t.text.lower()].append((t.idx, t.idx + len(t.text), t.text))
        for low, cs in caps.items():
            ls = lows.get(low)
            if not ls:
                continue
            if ls[0][0] < cs[0][0] and len(cs) > len(ls):
                continue  # "a bank" first, then "the Bank" throughout: a specific institution
            yield from self._first_sets(ctx, cs + ls, " (capitalised as a proper noun there, lower case here)"
                                        if cs[0][0] < ls[0][0] else " (lower case there, capitalised here)")

    def _compounds(self, ctx: Context) -> Iterable[Finding]:
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
            occ = _leftmost(by_parts[(a.lower(), b.lower())] + words.get(key, []))
            yield from self._first_sets(ctx, occ, "")

    def _lowered_names(self, ctx: Context) -> Iterable[Finding]:
        """A one-word name (Labour, Parliament) written in lower case where it stands alone as a name.

        The lower-case word must be bare (no article, adjective, possessive or
        compound: "cheap labour", "the Iraqi parliament" are common nouns) and
        the capitalised form must be an entity used at least twice mid-sentence
        and more often than the lower-case one.
        """
        from ..facts.names import _sentence_initial

        doc = ctx.doc
        body = ctx.article.body_start()
        caps: dict[str, list[Any]] = defaultdict(list)
        lows: dict[str, list[Any]] = defaultdict(list)
        for t in doc:
            if t.idx < body or not t.is_alpha or len(t.text) < 4:
                continue
            if t.text[0].isupper() and t.text[1:].islower() and (t.ent_type_ or not _sentence_initial(t)):
                caps[t.lower_].append(t)
            elif t.text.islower() and t.pos_ in ("NOUN", "PROPN") and t.dep_ not in ("compound", "amod") \
                    and not (t.i > 0 and doc[t.i - 1].lower_ in _DETS_LOWER) and \
                    not any(ch.dep_ in ("det", "amod", "poss", "compound", "nummod") for ch in t.children):
                lows[t.text].append(t)
        for low, ls in lows.items():
            cs = caps.get(low)
            if not cs or len(cs) < 2 or len(cs) <= len(ls) or low in _SAME_THING:
                continue
            alone = [c for c in cs if c.ent_type_ in ("ORG", "NORP", "GPE", "PERSON") and _single_word_ent(c)]
            if len(alone) < 2 or any(not _single_word_ent(c) for c in cs):
                continue  # "the London Marathon", "Golden Globe Awards": part of a longer name
            if any(c.i > 0 and doc[c.i - 1].lower_ in _DETS_LOWER for c in cs):
                continue  # "the Commission": a common noun capitalised, handled above
            for t in ls:
                ref = cs[0]
                yield Finding(t.idx, t.idx + len(t.text),
                              f"{_q(t.text)} here, but line {ctx.article.line_of(ref.idx)} writes the name "
                              f"{_q(ref.text)} (lower case here)",
                              related=[(ref.idx, ref.idx + len(ref.text), f"written {_q(ref.text)} here")])

    def _abbreviations(self, ctx: Context) -> Iterable[Finding]:
        """Title abbreviations with and without a full stop (Mr/Mr., Dr/Dr.), and 5%/5 per cent.

        The dot is one house-style choice for all titles, so "Mr Blair ... Dr. Fox" counts.
        """
        text = ctx.article.text
        body = ctx.article.body_start()
        titles = [(body + m.start(), body + m.end(), "with a full stop" if m.group(2) else "without a full stop")
                  for m in _TITLE_ABBR.finditer(text[body:])]
        for f in self._first_sets(ctx, titles, ""):
            t = text[f.start:f.end]
            other = text[f.related[0][0]:f.related[0][1]]
            f.message = (f"{_q(t)} here, but line {ctx.article.line_of(f.related[0][0])} writes "
                         f"{_q(other)} (title abbreviations {'without' if '.' in t else 'with'} a full stop)")
            f.related = [(f.related[0][0], f.related[0][1], f"written {_q(other)} here")]
            yield f
        pct = []
        for m in _PERCENT.finditer(text[body:]):
            form = re.sub(r"\s+", " ", m.group(1).strip().lower())
            pct.append((body + m.end(1) - len(m.group(1).lstrip()), body + m.end(1), form))
        yield from self._first_sets(ctx, pct, "")

    def _split_compounds(self, ctx: Context) -> Iterable[Finding]:
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
            occ = _leftmost(pairs[(a, b)] + single[key])
            occ = [o for o in occ if " " not in o[2] or self._noun_pair(ctx, o[0], o[1])]
            yield from self._first_sets(ctx, occ, "")

    @staticmethod
    def _noun_pair(ctx: Context, s: int, e: int) -> bool:
        """Two words that read as one noun ("web site"), not a noun and a verb ("the net work")."""
        span = ctx.doc.char_span(s, e, alignment_mode="expand")
        return span is not None and len(span) == 2 and span[0].pos_ in ("NOUN", "PROPN") \
            and span[0].dep_ == "compound" and span[1].pos_ in ("NOUN", "PROPN")

    def _spelling(self, ctx: Context) -> Iterable[Finding]:
        text = ctx.article.text
        body = ctx.article.body_start()
        words: dict[str, list[tuple[int, int, str]]] = defaultdict(list)
        for m in re.finditer(r"(?<![\w'’-])[A-Za-z]+(?![\w-])", text[body:]):
            w = m.group(0)
            if w.isupper() and len(w) > 1:
                continue
            words[w.lower()].append((body + m.start(), body + m.end(), w.lower()))
        for w in list(words):
            for rx, rep in _SPELLING:
                if rx.match(w):
                    us = rx.sub(rep, w)
                    if us != w and us in words:
                        yield from self._first_sets(ctx, words[w] + words[us], " (British and American spelling)")
