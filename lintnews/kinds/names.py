"""Names: one person or organisation written two ways, referred to badly, or an acronym unexplained.

- ``name-variant`` (C101): a name one small edit from another name in the
  article (Rogozin/Rogozine), or differing only by spacing, hyphen or case
  (TimeWarner/Time Warner).
- ``second-reference`` (C102): a later reference that does not fit the first
  (a given name where the family name comes first, a bare surname before the
  full name, a surname two people share).
- ``acronym`` (C103): an acronym never spelled out, spelled out twice or two
  ways, or spelled out only after its first use.
"""
from __future__ import annotations

import re
from collections import defaultdict
from typing import Any, Iterable

from rapidfuzz.distance import OSA, Levenshtein

from ..facts.names import sentence_initial
from ..lexicon import FAMILY_FIRST, GENERATION_WORDS, NAME_PARTICLES, STYLES, TITLES, is_ordinary, zipf
from .base import Context, Finding, Kind
from .findings import accepted, quoted, rejected_findings, spacing_findings, writes

_NER = frozenset({"tagger", "attribute_ruler", "parser", "ner"})
# Zipf frequency at which a word is attested in use (a surname like Marsch is about 1.6; a
# misspelling 0).
ATTESTED = 1.0
_NAME_ENTS = {"PERSON", "ORG", "NORP", "GPE", "FAC", "PRODUCT", "WORK_OF_ART", "EVENT", "LOC", "LAW"}


def _in_headline(ctx: Context, i: int) -> bool:
    h = ctx.article.headline
    return bool(h and h[0] <= i < h[1])


# ---------------------------------------------------------------------------
# C101

class NameVariantKind(Kind):
    """A name spelled two ways: one small edit apart, or spaced/hyphenated/cased differently."""

    defaults = {"min_length": 4, "substitution_min_length": 7, "max_variant_count": 2, "spacing": True}
    requires = _NER

    def check(self, ctx: Context) -> Iterable[Finding]:
        yield from rejected_findings(ctx, True)
        if self.options["spacing"]:
            yield from spacing_findings(ctx, True)
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
        if _word_forms_differ(a, b, forms, full_clusters, self.options["substitution_min_length"]):
            return []
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
        if sus.lower() != other.lower() and _both_words(sus, other, forms):
            return []
        if accepted(ctx, sus):
            return []  # the newsroom's vocabulary says this spelling is right
        ref = forms[other][0]
        return [writes(art, (w.start, w.end, w.text), (ref.start, ref.end, ref.text),
                       " (one letter apart)" if w.text.lower() != ref.text.lower() else " (different case)")
                for w in forms[sus]]

def _both_words(sus: str, other: str, forms: dict) -> bool:
    """Two words a reader knows, not one misspelt: the suspect is itself an ordinary word or
    a common name ("While"/"White", "Capitol"/"Capital", "Williams"/"William"), or a name
    in use one letter from a word the article uses as a word, not a name ("Marsch" beside
    the month "March"). Misspellings are words no one writes (Rogozine, Persley, Ramdan):
    wordfreq has never seen them."""
    if is_ordinary(sus):
        return True
    as_word = not any(w.ent_label in ("PERSON", "ORG") for w in forms[other])
    return as_word and is_ordinary(other) and zipf(sus) >= ATTESTED


def _word_forms_differ(a: str, b: str, forms: dict, full_clusters: "_FullNames",
                       substitution_min_length: int) -> bool:
    """Whether ``a`` and ``b`` are other words rather than one misspelt: an inflection
    (American/Americans), another ending (Argentina/Argentine), or a short name with one
    letter replaced (Iran/Iraq)."""
    short, long_ = sorted((a, b), key=len)
    if len(short) != len(long_):
        extra = long_[len(short):] if long_.startswith(short) else ""
        if extra in ("s", "n", "i", "y") and long_.startswith(short):
            # Americans/American, Russian/Russia, Germany/German: inflections, not misspellings -
            # unless the longer one is a person's surname (Parsons/Parson)
            if not (extra == "s" and long_ in full_clusters.surnames and short not in
                    full_clusters.key_words
                    and not any(w.ent_label in ("NORP", "GPE") for w in forms[short])):
                return True
    elif a[:-1] == b[:-1] and a[-1] in "aeiouy" and b[-1] in "aeiouy":
        return True  # Argentina/Argentine, Germany/Germane: endings, not typos
    elif a.lower() != b.lower() and Levenshtein.distance(a, b) == 1 \
            and len(short) < substitution_min_length:
        # one letter replaced by another in a short word: Iran/Iraq, Bush/Rush are
        # different names; only a one-off beside a name used repeatedly counts
        ca, cb = len(forms[a]), len(forms[b])
        one, many = (forms[a], forms[b]) if ca < cb else (forms[b], forms[a])
        runs = {w.run for w in many}
        places = ("GPE", "NORP", "LOC")
        if len(short) < 5 or min(ca, cb) > 1 or max(ca, cb) < 2 or \
                any(w.run and w.run not in runs for w in one) or \
                any(w.ent_label in places for w in one) and any(w.ent_label in places for w in many):
            return True
        if max(ca, cb) < 3 and not any(w.ent_label in ("PERSON", "ORG") for w in many):
            return True  # a name used twice must at least be tagged as one
    return False


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
    """Later references that do not fit the first: family-name order, bare or shared surnames.

    Quotations are the speaker's words and are not read.
    """

    defaults = {"family_first": True, "bare_before_full": True, "shared_surname": True}
    requires = _NER

    def check(self, ctx: Context) -> Iterable[Finding]:
        people = [c for c in ctx.facts.names.clusters if c.label == "PERSON" and c.has_full_name]
        quotes = ctx.facts.quotes
        found: list[Finding] = []
        if self.options["family_first"]:
            found += self._family_first(ctx, people)
        if self.options["bare_before_full"]:
            found += self._bare_before_full(ctx, people)
        if self.options["shared_surname"]:
            found += self._shared_surname(ctx)
        for f in found:
            if not quotes.contains(f.start, f.end):
                yield f

    def _family_first(self, ctx: Context, people: list[Any]) -> Iterable[Finding]:
        """The given name alone where the family name comes first ("Kejian" for Zhang Kejian)."""
        art = ctx.article
        text = art.text
        for c in people:
            if not c.family_first:
                continue
            given = c.given
            if " " in given or len(given) < 2 or given.lower() in FAMILY_FIRST:
                continue  # "Yoon Heo": both are family names, so the order is anyone's guess
            fs = c.full[0]
            for m in re.finditer(r"(?<![\w'’-])" + re.escape(given) + r"(?![\w-])", text):
                if m.start() <= fs or _in_headline(ctx, m.start()):
                    continue
                before = text[max(0, m.start() - len(c.surname) - 1):m.start()].strip()
                if before.endswith(c.surname):
                    continue  # "Zhang Kejian" again
                yield Finding(m.start(), m.end(),
                              f"{quoted(given)} here: {c.full[2]} (line {art.line_of(fs)}) puts the family "
                              f"name first, so the second reference is {quoted(c.surname)}",
                              related=[(c.full[0], c.full[1], f"full name {quoted(c.full[2])} here")])

    def _bare_before_full(self, ctx: Context, people: list[Any]) -> Iterable[Finding]:
        """A bare surname before the full name is given."""
        art = ctx.article
        text = art.text
        body = art.body_start()
        adjectives = {e.text.lower() for e in ctx.doc.ents if e.label_ in ("NORP", "GPE", "LOC")}
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
                if pw and pw[-1].lower() in STYLES:
                    continue  # "Lord Roberts", "Queen Elizabeth": a complete reference
                if re.search(r"(?<![\w-])" + re.escape(t.lower()) + r"(?![\w-])", text) or \
                        any(x.lower() in adjectives for x in c.given.split()):
                    continue  # "the league", "American Idol": not a person's name
                if self._modifier(ctx, s, e) or self._given_name_of_earlier(people, t, s) \
                        or _in_name_list(text, s, e):
                    continue
                yield Finding(s, e, f"{quoted(t)} appears here before the full name {quoted(c.full[2])} "
                                    f"(line {art.line_of(fs)})",
                              related=[(c.full[0], c.full[1], f"full name {quoted(c.full[2])} given here")])

    def _shared_surname(self, ctx: Context) -> Iterable[Finding]:
        """A surname two people share, used alone where the context does not say which."""
        art = ctx.article
        text = art.text
        names = ctx.facts.names
        for sur, cs in names.surnames.groups.items():
            if not any(g.lower() not in NAME_PARTICLES for c in cs for g in c.given.split()):
                continue  # "De Marigny": a surname, not a second person
            explicit = [(s, e) for c in cs for s, e, _ in c.explicit]
            flagged_in: set[Any] = set()
            word = cs[0].surname.split()[-1]
            for m in re.finditer(r"(?<![\w'’-])" + re.escape(word) + r"(?![\w-])", text):
                if _in_headline(ctx, m.start()) or any(s <= m.start() < e for s, e in explicit):
                    continue
                if self._after_name(ctx, m.start()):
                    continue  # part of another name ("Gordon Brown")
                before = text[max(0, m.start() - 20):m.start()].split()
                r = names.surnames.resolve(word, m.start(), before[-1] if before else "")
                para = art.paragraph_of(m.start())
                if not r.ambiguous or para in flagged_in:
                    continue
                flagged_in.add(para)  # one finding a paragraph: the first unclear reference
                names_ = " and ".join(f"{c.full[2]} (line {art.line_of(c.full[0])})" for c in r.candidates)
                yield Finding(m.start(), m.end(), f"{quoted(word)} alone could be {names_}",
                              related=[(c.full[0], c.full[1], f"{quoted(c.full[2])} here") for c in r.candidates])

    @staticmethod
    def _after_name(ctx: Context, start: int) -> bool:
        """Is the word at ``start`` preceded by a capitalised word that is not a title?"""
        span = ctx.doc.char_span(start, start + 1, alignment_mode="expand")
        if span is None or span.start == 0:
            return False
        prev = ctx.doc[span.start - 1]
        return bool(prev.text[:1].isupper() and prev.is_alpha and not sentence_initial(prev)
                    and prev.lower_.rstrip(".") not in TITLES and prev.lower_ not in GENERATION_WORDS
                    and prev.ent_type_ not in ("DATE", "TIME"))

    @staticmethod
    def _modifier(ctx: Context, s: int, e: int) -> bool:
        """The name modifies a noun ("the Trump administration"): no reference to the person."""
        span = ctx.doc.char_span(s, e, alignment_mode="expand")
        if span is None:
            return False
        tok = span[-1]
        return tok.dep_ == "compound" and tok.head.i > tok.i and tok.head.text.islower()

    @staticmethod
    def _given_name_of_earlier(people: list[Any], word: str, start: int) -> bool:
        """"Colt" after "Colt Gray": the given name of someone already introduced."""
        return any(c.full[0] < start and word in c.given.split() for c in people)

    @staticmethod
    def _tagged_person(ctx: Context, s: int, e: int) -> bool:
        span = ctx.doc.char_span(s, e, alignment_mode="expand")
        return span is not None and all(t.ent_type_ == "PERSON" for t in span)


def _in_name_list(text: str, s: int, e: int) -> bool:
    """One of a list of bare capitalised names, as a firm's name is ("Welsh, Carson, Anderson
    and Stowe"): not a reference to a person."""
    return bool(re.search(r"[A-Z][\w'’-]*,\s*$", text[max(0, s - 40):s])
                and re.match(r"\s*(?:,|and\b|&)\s*[A-Z]", text[e:e + 40]))


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
            paren = [d for d in a.definitions if d.parenthetical and not d.loose]
            first = a.uses[0] if a.uses else (len(art.text), len(art.text))
            if not a.definitions and not a.known and key not in extra and self.options["unexplained"]:
                persons = sum(1 for x in a.ent_labels if x == "PERSON")
                if len(a.uses) >= self.options["min_uses"] and not a.in_name and not a.named \
                        and a.modifiers < len(a.uses) \
                        and persons * 2 <= len(a.ent_labels) and not _broadcaster(art.text, a.uses):
                    yield Finding(first[0], first[1],
                                  f"{quoted(key)} is never spelled out (used {len(a.uses)} "
                                  f"time{'s' if len(a.uses) != 1 else ''})")
                continue
            if self.options["twice"] and len(paren) > 1:
                d0 = paren[0]
                for d in paren[1:]:
                    same = _norm(d.long_form) == _norm(d0.long_form)
                    how = "again" if same else f"as {quoted(d.long_form)}"
                    yield Finding(d.start, d.end,
                                  f"{quoted(key)} is spelled out {how} here, but line {art.line_of(d0.start)} "
                                  f"already spells it out as {quoted(d0.long_form)}",
                                  related=[(d0.start, d0.end, f"first spelled out as {quoted(d0.long_form)} here")])
            if self.options["late"] and paren and first[0] < paren[0].start and \
                    not any(d.start <= first[0] for d in a.definitions):
                d0 = paren[0]
                yield Finding(first[0], first[1],
                              f"{quoted(key)} is used here but only spelled out later, on line "
                              f"{art.line_of(d0.start)} ({quoted(d0.long_form)})",
                              related=[(d0.start, d0.end, f"spelled out as {quoted(d0.long_form)} here")])


_BROADCAST = re.compile(r"(?:-(?:TV|FM|AM|DT)\b|\s+(?:TV\s+|television\s+|radio\s+)?"
                        r"(?:network|channel|station|affiliate)s?\b)")


def _broadcaster(text: str, uses: list[tuple[int, int]]) -> bool:
    """A call sign or network name (WRAZ-TV, "the UPN network"): the letters are the name."""
    return any(_BROADCAST.match(text, e) for _, e in uses)


def _norm(s: str) -> str:
    return re.sub(r"[^a-z]", "", s.lower())
