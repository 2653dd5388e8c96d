"""Claims and quotations: two accounts of one event, one quotation two ways, a repeat.

- ``conflicting-accounts`` (C201): a later sentence retells an earlier one (same actors and
  predicate, or largely the same words) but changes a key detail: what was offered, who did
  it, to whom, where.
- ``quote-conflict`` (C207): the same words attributed to two speakers, or one speaker's
  quotation given twice with different words.
- ``redundant-sentence`` (C208): a sentence that repeats an earlier one almost word for word.
"""
from __future__ import annotations

import re
from difflib import SequenceMatcher
from typing import Any, Iterable

from ..facts.claims import LIGHT_NOUNS, Claims, Frame, Mention, Sentence, Unit, is_alias
from .base import Context, Finding, Kind

_NLP = frozenset({"tagger", "attribute_ruler", "lemmatizer", "parser", "ner"})
_SWAP_LABELS = {"PERSON", "ORG", "GPE", "LOC", "FAC", "NORP"}
# Caps for long articles, far above a news article (over both evaluation corpora: at
# most 34 quotations in an article, 124 words in one).
MAX_QUOTES = 200         # a quotation is compared with at most this many earlier ones
MAX_QUOTE_WORDS = 500    # longer quotations are matched exactly, never fuzzily
# predicate groups too common to pair sentences on ("he said", "it is")
_WEAK_GROUPS = {"say", "be", "have", "do", "get", "make", "go", "take", "come", "see", "know",
                "think", "want", "become", "seem", "include", "use", "expect", "tell", "add"}


def _clip(text: str, n: int = 60) -> str:
    """``text`` on one line, at most ``n`` characters, in quotation marks."""
    text = " ".join(text.split()).strip('"\u201c\u201d ')
    text = text if len(text) <= n else text[:n - 1].rstrip() + "\u2026"
    return f"\u2018{text}\u2019"


def _sentence_span(ctx: Context, s: Sentence) -> tuple[int, int]:
    """The sentence without surrounding whitespace."""
    text = ctx.article.text
    start, end = s.start, s.end
    while end > start and text[end - 1].isspace():
        end -= 1
    while start < end and text[start].isspace():
        start += 1
    return start, end


def _is_time(units: list[Unit]) -> bool:
    """All of ``units`` belong to a date or time expression, and one is a content word."""
    return bool(units) and all(u.time for u in units) and any(u.content for u in units)


def _time_prefix(units: list[Unit]) -> list[Unit]:
    """The date or time units ``units`` begins with (what follows was dropped in a retelling)."""
    out = []
    for u in units:
        if not u.time:
            break
        out.append(u)
    return out


def _as_name(units: list[Unit], i: int, j: int, ctx: Context) -> Unit:
    """Units ``i:j`` widened to their whole date expression, shown as one detail."""
    while i > 0 and units[i - 1].time:
        i -= 1
    while j < len(units) and units[j].time:
        j += 1
    start, end = units[i].start, units[j - 1].end
    text = ctx.article.text[start:end]
    m = Mention(start, end, text, frozenset(), "DATE", text.lower())
    return Unit("@" + text.lower(), start, end, True, m)


def _names(units: list[Unit]) -> list[Unit]:
    """The names among ``units``, adjacent ones joined: the model sometimes tags only the
    surname of "Tomasz Nowak" and leaves the given name an untagged proper noun."""
    out: list[Unit] = []
    prev_adjacent = False
    for u in units:
        if u.ent is None:
            prev_adjacent = False
            continue
        if out and prev_adjacent:
            last = out[-1]
            label = last.ent.label if last.ent.label != "PROPN" else u.ent.label
            text = f"{last.ent.text} {u.ent.text}"
            m = Mention(last.start, u.end, text, last.ent.nouns | u.ent.nouns, label,
                        f"{last.ent.key} {u.ent.key}".strip())
            out[-1] = Unit("@" + m.key, last.start, u.end, True, m)
        else:
            out.append(u)
        prev_adjacent = True
    return out


def _only_names(units: list[Unit]) -> bool:
    """Every content word of ``units`` is part of a name (a name replaced, nothing else)."""
    return all(u.ent is not None for u in units if u.content)


def _labels_compatible(a: str, b: str) -> bool:
    """Whether two names in the same place of two tellings may be a swap. The small model
    often calls a firm a GPE or a club a PERSON, so any two names are compatible except a
    person against a place and a nationality or group (NORP) against a name; an untagged
    proper noun goes with any."""
    if a == b or "PROPN" in (a, b):
        return True
    places = {"GPE", "LOC", "FAC"}
    if "PERSON" in (a, b) and (a in places or b in places):
        return False
    return "NORP" not in (a, b)


class ConflictingAccountsKind(Kind):
    """Two sentences telling one event with a different key detail (C201)."""

    defaults = {
        "min_shared": 2,          # content lemmas two sentences must share to be compared
        "min_coverage": 0.8,      # share of the retelling's words found in the earlier sentence
        "min_matched": 2,         # content words matched besides the swapped name
        "min_jaccard": 0.5,       # content overlap that makes one shared act a restatement
        "max_new_words": 1,       # content words of the retelling not in the earlier sentence
    }
    requires = _NLP

    def check(self, ctx: Context) -> Iterable[Finding]:
        claims: Claims = ctx.facts.claims
        reported: set[int] = set()
        for s in claims.sentences:
            ctx.budget.check()
            if s.in_quote:
                continue
            for j, _shared in claims.candidates(s.index, self.options["min_shared"]):
                earlier = claims.sentences[j]
                if earlier.in_quote:
                    continue
                # a retelling shares most of its words with the original: skip the alignment
                # for pairs that cannot reach the coverage (cheap on long articles)
                f = None
                if _shared >= self.options["min_coverage"] * 0.75 * (len(s.content) - 1):
                    f = self.swap(ctx, earlier, s)
                f = f or self.frames(ctx, earlier, s) or self.roles(ctx, earlier, s)
                if f is not None and s.index not in reported:
                    reported.add(s.index)
                    yield f
                    break

    # -- a retelling with one name swapped -------------------------------------------------
    def swap(self, ctx: Context, a: Sentence, b: Sentence) -> Finding | None:
        """``b`` retells ``a`` (its words are mostly a's, in order) with one name replaced."""
        ka, kb = a.lemmas, b.lemmas
        sm = SequenceMatcher(None, ka, kb, autojunk=False)
        matched = inserted = 0
        acts = False              # a shared verb: the same act, not just a list of the same names
        aligned: dict[int, int] = {}   # b unit start -> a unit start, for equal units
        swaps: list[tuple[Unit, Unit]] = []
        # a copula with its complement is an act too ("X was the show's first winner")
        verbs = {ctx.doc[f.verb].idx for f in b.frames}
        opcodes = sm.get_opcodes()
        # the sentence word for word but one name: any two names conflict, whatever labels
        # the model gave them ("China" retold as "Lyon", tagged a person)
        one_change = sum(op != "equal" for op, *_ in opcodes) == 1
        for op, i1, i2, j1, j2 in opcodes:
            bu, au = b.units[j1:j2], a.units[i1:i2]
            if op == "equal":
                matched += sum(u.content for u in bu)
                acts = acts or any(u.pos == "VERB" or u.start in verbs for u in bu)
                aligned.update((x.start, y.start) for x, y in zip(bu, au))
            elif op == "insert":
                inserted += sum(u.content for u in bu)
            elif op == "replace" and _is_time(bu) and _is_time(_time_prefix(au)):
                # "on Monday" retold "on Tuesday": the same event at another time
                n = len(_time_prefix(au))
                swaps.append((_as_name(a.units, i1, i1 + n, ctx), _as_name(b.units, j1, j2, ctx)))
            elif op == "replace":
                ea, eb = _names(au), _names(bu)
                inserted += sum(u.content and u.ent is None for u in bu)
                if ea and any(u.pos == "PRON" for u in bu):
                    return None   # "she" where the earlier sentence names someone: who is she?
                if len(eb) > 1 or (eb and not ea):
                    inserted += len(eb)
                elif eb:
                    # the retelling drops what followed, so the replaced name is the first
                    # compatible one on the earlier side
                    y = eb[0]
                    same = [x for x in ea if _labels_compatible(x.ent.label, y.ent.label)
                            or one_change and len(ea) == 1 and _only_names(au) and _only_names(bu)
                            and "NORP" not in (x.ent.label, y.ent.label)]
                    if any(is_alias(x.ent.key, y.ent.key) for x in ea):
                        matched += 1
                    elif same:
                        swaps.append((same[0], y))
                    else:
                        inserted += 1
        # a long sentence retold word for word but one name needs no verb to be one claim
        acts = acts or one_change and matched >= 5
        if len(swaps) > 1 or inserted > self.options["max_new_words"] or not acts:
            return None
        total = sum(u.content for u in b.units) - len(swaps)
        if matched < self.options["min_matched"] or total <= 0 or matched / total < self.options["min_coverage"]:
            return None
        if not swaps:
            if matched > self.options["min_matched"]:
                return self.negation(ctx, a, b, aligned)
            return None
        old, new = swaps[0]
        # the new name must not already be in the earlier sentence (a list, not a swap)
        if any(is_alias(e.key, new.ent.key) for e in a.ents):
            return None
        # a quotation given to someone else is quote-conflict's to report
        if any(q.key and b.start <= q.start < b.end and is_alias(q.key, new.ent.key)
               for q in ctx.facts.speakers.attributions):
            return None
        line = ctx.article.line_of(old.start)
        return Finding(
            new.start, new.end,
            f"says '{new.ent.text}' here, but line {line} says '{old.ent.text}' "
            f"(this sentence retells line {line}: {_clip(ctx.article.text[a.start:a.end])})",
            related=[(old.start, old.end, f"'{old.ent.text}' here")])

    def negation(self, ctx: Context, a: Sentence, b: Sentence, aligned: dict[int, int]) -> Finding | None:
        """``b`` retells ``a`` but denies what ``a`` asserts, or the reverse: the same verb,
        aligned word for word, with a negation on one side only."""
        doc = ctx.doc
        a_frames = {doc[f.verb].idx: f for f in a.frames}
        for fb in b.frames:
            fa = a_frames.get(aligned.get(doc[fb.verb].idx, -1))
            if fa is not None:
                if fa.negated != fb.negated:
                    ta, tb = _verb_phrase(ctx, fa), _verb_phrase(ctx, fb)
                    line = ctx.article.line_of(ta[0])
                    return Finding(
                        tb[0], tb[1],
                        f"says '{tb[2]}' here, but line {line} says '{ta[2]}' "
                        f"(this sentence retells line {line}: {_clip(ctx.article.text[a.start:a.end])})",
                        related=[(ta[0], ta[1], f"'{ta[2]}' here")])
        return None

    # -- a retelling in other words with one role swapped ----------------------------------
    def roles(self, ctx: Context, a: Sentence, b: Sentence) -> Finding | None:
        """``b`` retells ``a`` in another order or voice ("Y was appointed by X", "X, the
        coach, called up Y", "In 2004, X ...") with the agent or patient of the same verb
        named differently. ``b``'s words must nearly all be ``a``'s, whatever their order."""
        names_a = [m for m in a.ents if m.key]
        new_words = 0
        matched = 0
        names_b = []
        for u in b.units:
            if not u.content:
                continue
            if u.ent is not None:
                names_b.append(u)
            elif u.key in a.content:
                matched += 1
            else:
                new_words += 1
        if new_words > self.options["max_new_words"]:
            return None   # another story: decided before comparing any names
        for u in names_b:
            # a name kept from the earlier sentence counts; a new one may be the swap
            matched += any(is_alias(e.key, u.ent.key) for e in names_a if u.ent.key)
        # one name of the retelling is new (the swap); two new names tell another story
        new_names = {e.key for e in b.ents if e.key and not any(is_alias(x.key, e.key) for x in names_a)}
        if len(new_names) > 1:
            return None
        if new_words > self.options["max_new_words"] or matched < self.options["min_matched"] or \
                matched / max(1, matched + new_words) < self.options["min_coverage"]:
            return None
        for fb in b.frames:
            if fb.group in _WEAK_GROUPS:
                continue
            for fa in a.frames:
                if fa.lemma != fb.lemma:
                    continue
                for role, other in (("agents", "patients"), ("patients", "agents")):
                    ra, rb = getattr(fa, role), getattr(fb, role)
                    oa, ob = getattr(fa, other), getattr(fb, other)
                    # the other role must be filled alike on both sides: the same act
                    if not oa or not ob or not any(_same_filler(x, y) for x in oa for y in ob):
                        continue
                    for y in rb:
                        if not y.key or any(is_alias(e.key, y.key) for e in names_a) or \
                                any(is_alias(y.key, x.key) for x in ra if x.key):
                            continue
                        for x in ra:
                            if not x.key or not _labels_compatible(x.label, y.label):
                                continue
                            # the old name gone from the retelling: replaced, not joined
                            if any(is_alias(x.key, e.key) for e in b.ents if e.key) or \
                                    x.key in b.content:
                                continue
                            # a resolved pronoun on either side is not a swap of names
                            if ctx.article.text[y.start:y.end].lower() in ("he", "she", "it", "they", "him", "her", "them"):
                                continue
                            line = ctx.article.line_of(x.start)
                            return Finding(
                                y.start, y.end,
                                f"says '{y.text}' here, but line {line} says '{x.text}' "
                                f"(this sentence retells line {line}: {_clip(ctx.article.text[a.start:a.end])})",
                                related=[(x.start, x.end, f"'{x.text}' here")])
        return None

    # -- the same act with a different object ----------------------------------------------
    def frames(self, ctx: Context, a: Sentence, b: Sentence) -> Finding | None:
        """``b`` restates ``a``'s acts (same actors, same predicate groups) but one object differs."""
        # one shared act is common ("Baikal paid X", later "Baikal paid a deposit"); a
        # restatement repeats two acts of named actors, or one with most of the words
        pairs = [(fa, fb) for fb in b.frames for fa in a.frames
                 if fa.group not in _WEAK_GROUPS and _same_act(fa, fb)]
        if not pairs:
            return None
        jac = len(a.content & b.content) / max(1, len(a.content | b.content))
        acts = len({fb.verb for _, fb in pairs})
        if acts < 2 and jac < self.options["min_jaccard"]:
            return None
        for fa, fb in pairs:
            xa, xb = _key_nouns(fa), _key_nouns(fb)
            if not xa or not xb or xa & xb or _related_nouns(xa, xb):
                continue
            ta, tb = _detail(ctx, fa, xa), _detail(ctx, fb, xb)
            if ta is None or tb is None:
                continue
            line = ctx.article.line_of(ta[0])
            acts = []
            for g in (min((p[1] for p in pairs), key=lambda g: g.verb), fb):
                act = f"{g.actors[0].text} {ctx.doc[g.verb].text} ..."
                if act not in acts:
                    acts.append(act)
            return Finding(
                tb[0], tb[1],
                f"says '{tb[2]}' here, but line {line} says '{ta[2]}' "
                f"(this sentence restates line {line}: {'; '.join(acts)})",
                related=[(ta[0], ta[1], f"'{ta[2]}' here")])
        return None


def _verb_phrase(ctx: Context, f: Frame) -> tuple[int, int, str]:
    """The verb with its auxiliaries and negation: 'did not attend', 'attended'."""
    verb = ctx.doc[f.verb]
    left = min([c.i for c in verb.lefts if c.dep_ in ("aux", "auxpass", "neg")] + [verb.i])
    right = max([c.i for c in verb.rights if c.dep_ == "neg"] + [verb.i])
    span = ctx.doc[left:right + 1]
    return span.start_char, span.end_char, span.text


def _same_act(fa: Frame, fb: Frame) -> bool:
    if fa.group != fb.group or not fa.actors or not fb.actors:
        return False
    # only named actors make two clauses one act ("I play ..." twice is not)
    ka = [m.key for m in fa.actors if m.key]
    kb = [m.key for m in fb.actors if m.key]
    return any(is_alias(x, y) for x in ka for y in kb)


def _same_filler(x: Mention, y: Mention) -> bool:
    """Two role fillers naming the same thing: alias names, or a shared common noun."""
    if x.key and y.key:
        return is_alias(x.key, y.key)
    # "$778.2m" has no common noun: the same words then
    return bool(x.nouns & y.nouns) or x.text.lower().rstrip(".") == y.text.lower().rstrip(".")


def _key_nouns(f: Frame) -> set[str]:
    """The common nouns that carry an object's substance (not 'offer', not names)."""
    out: set[str] = set()
    for m in f.objects:
        if m.key:
            continue
        out |= {n for n in m.nouns if n not in LIGHT_NOUNS}
    return out


def _related_nouns(xa: set[str], xb: set[str]) -> bool:
    """One noun names a kind of the other ('module' / 'airlock module' share a word)."""
    return any(x in y or y in x for x in xa for y in xb)


def _detail(ctx: Context, f: Frame, nouns: set[str]) -> tuple[int, int, str] | None:
    """The noun chunk showing the key noun of ``f``'s objects."""
    doc = ctx.doc
    for m in f.objects:
        span = doc.char_span(m.start, m.end, alignment_mode="expand")
        if span is None:
            continue
        # the substance comes last: "the offer for the club to pay for [a new roof]"
        for chunk in reversed(list(span.noun_chunks)):
            if chunk.root.lemma_.lower() in nouns:
                return chunk.start_char, chunk.end_char, chunk.text
    return None


class RedundantSentenceKind(Kind):
    """A sentence that repeats an earlier one almost word for word (C208)."""

    defaults = {"min_ratio": 0.8, "min_words": 6, "min_contained": 0.95}
    requires = frozenset({"tagger", "attribute_ruler", "lemmatizer", "parser", "ner"})

    def check(self, ctx: Context) -> Iterable[Finding]:
        claims: Claims = ctx.facts.claims
        min_words = self.options["min_words"]
        for s in claims.sentences:
            ctx.budget.check()
            if len(s.units) < min_words:
                continue
            for j, shared in claims.candidates(s.index, 3):
                a = claims.sentences[j]
                if len(a.units) < min_words or shared < 0.6 * min(len(a.content), len(s.content)):
                    continue
                sm = SequenceMatcher(None, a.lemmas, s.lemmas, autojunk=False)
                shorter = min(len(a.units), len(s.units))
                if shorter < 2 * min_words and sm.real_quick_ratio() < self.options["min_ratio"]:
                    continue   # too different in length to be a repeat, too short to be inside
                ratio = sm.ratio() if sm.quick_ratio() >= self.options["min_ratio"] else 0.0
                how = "repeats" if ratio >= 0.999 else "nearly repeats"
                if ratio < self.options["min_ratio"] and shorter >= 2 * min_words and \
                        _reordered(a.lemmas, s.lemmas) and not (a.in_quote or s.in_quote):
                    # "With 5% growth forecast, the economy is enjoying ..." retold with its
                    # phrases moved: the same words in the same runs, another order
                    ratio, how = 1.0, "repeats, in another order,"
                if ratio < self.options["min_ratio"]:
                    # one sentence inside the other: the parser joined a repeat to its neighbour
                    # (quotations excepted: a lede quoting part of a remark is normal)
                    same = sum(b.size for b in sm.get_matching_blocks())
                    if shorter < 2 * min_words or same / shorter < self.options["min_contained"] \
                            or a.in_quote or s.in_quote or _quoted(ctx, a) or _quoted(ctx, s):
                        continue
                    how = "repeats, within a longer sentence,"
                if not _other_speaker(ctx, a, s):
                    start, end = _sentence_span(ctx, s)
                    astart, aend = _sentence_span(ctx, a)
                    line = ctx.article.line_of(astart)
                    yield Finding(start, end,
                                  f"{how} line {line}: {_clip(ctx.article.text[astart:aend])}",
                                  related=[(astart, aend, "first said here")])
                    break


def _reordered(a: list[str], b: list[str]) -> bool:
    """Whether ``b`` is ``a`` with its phrases moved: nearly the same bag of words, and
    nearly every run of three words of the shorter one found in the other."""
    from collections import Counter

    ca, cb = Counter(a), Counter(b)
    if 2 * sum((ca & cb).values()) / (len(a) + len(b)) < 0.9:
        return False
    short, long_ = (a, b) if len(a) <= len(b) else (b, a)
    grams = {tuple(long_[i:i + 3]) for i in range(len(long_) - 2)}
    own = [tuple(short[i:i + 3]) for i in range(len(short) - 2)]
    return sum(g in grams for g in own) >= 0.75 * len(own)


def _quoted(ctx: Context, s: Sentence) -> bool:
    """Whether the sentence holds a direct quotation."""
    return any(s.start <= q.start < s.end for q in ctx.facts.quotes.quotes)


def _other_speaker(ctx: Context, a: Sentence, b: Sentence) -> bool:
    """Both sentences quote someone, and not the same person: quote-conflict's finding."""
    from ..facts.speakers import same_speaker

    atts = ctx.facts.speakers.attributions

    def speaker(s: Sentence) -> Any:
        return next((q for q in atts if s.start <= q.start < s.end or q.start <= s.start < q.end), None)

    qa, qb = speaker(a), speaker(b)
    return bool(qa and qb and qb.speaker and not same_speaker(qa, qb))


class QuoteConflictKind(Kind):
    """One quotation given to two speakers, or one speaker quoted two ways (C207)."""

    defaults = {"min_words": 5, "min_ratio": 0.75}
    requires = _NLP

    def check(self, ctx: Context) -> Iterable[Finding]:
        from ..facts.speakers import same_speaker

        attributions = ctx.facts.speakers.attributions
        min_words = self.options["min_words"]
        seen: list[Any] = []
        words: _WordIndex | None = None
        for q in attributions:
            ctx.budget.check()
            if len(q.words) < min_words:
                continue
            related = False
            for p in seen[-MAX_QUOTES:]:
                rel = _quote_relation(p.words, q.words, self.options["min_ratio"])
                if rel is None:
                    continue
                related = True
                line = ctx.article.line_of(p.start)
                if rel == "same":
                    # a lede often quotes a fragment of a remark given in full later
                    fragment = not p.speaker and min(len(p.words), len(q.words)) < 2 * min_words
                    if q.speaker and not same_speaker(p, q) and not fragment:
                        who = f"to {p.speaker}" if p.speaker else "without a named speaker"
                        yield Finding(q.start, q.end,
                                      f"the same words are attributed to {q.speaker} here, "
                                      f"but line {line} gives them {who}",
                                      related=[(p.start, p.end, f"attributed {who} here")])
                        break
                elif q.speaker and p.speaker and same_speaker(p, q):
                    yield Finding(q.start, q.end,
                                  f"{q.speaker} is quoted here with different words than on "
                                  f"line {line}: {_clip(p.text)}",
                                  related=[(p.start, p.end, "the other version")])
                    break
            if not related and q.key:
                # the earlier copy may sit in a quotation whose marks do not pair up
                words = words or _WordIndex(ctx.article.text)
                f = self.broken(ctx, q, words, attributions)
                if f is not None:
                    yield f
            seen.append(q)

    def broken(self, ctx: Context, q: Any, words: "_WordIndex", attributions: list[Any]) -> Finding | None:
        """``q``'s words earlier in a paragraph with a stray quotation mark before them."""
        from ..facts.speakers import same_speaker

        hit = words.find(q.words, q.start)
        if hit is None:
            return None
        start, end = hit
        para = ctx.article.paragraph_of(start)
        quotes = ctx.facts.quotes
        if para is None or not any(para[0] <= u < start for u in quotes.unmatched):
            return None
        prior = [p for p in attributions if para[0] <= p.start < start and p.speaker]
        if prior and same_speaker(prior[-1], q):
            return None
        who = f"in {prior[-1].speaker}'s words" if prior else "without that attribution"
        line = ctx.article.line_of(start)
        return Finding(q.start, q.end,
                       f"the same words are attributed to {q.speaker} here, but line {line} "
                       f"quotes them {who}",
                       related=[(start, end, f"quoted {who} here")])


class _WordIndex:
    """The article's words, lowercased, with offsets: finds a word sequence before a point."""

    def __init__(self, text: str) -> None:
        from ..facts.speakers import WORD

        norm = text.replace("\u2019", "'").replace("\u2018", "'").lower()
        self.spans = [(m.start(), m.end()) for m in WORD.finditer(norm)]
        self.joined = ""
        self.at: list[int] = []   # joined-string offset of each word
        parts = []
        pos = 0
        for s, e in self.spans:
            self.at.append(pos)
            parts.append(norm[s:e])
            pos += e - s + 1
        self.joined = " ".join(parts) + " "

    def find(self, words: list[str], before: int) -> tuple[int, int] | None:
        """Text span of the first occurrence of ``words`` ending before offset ``before``."""
        import bisect

        k = self.joined.find(" ".join(words) + " ")
        while k >= 0:
            i = bisect.bisect_left(self.at, k)
            if i < len(self.at) and self.at[i] == k:
                s = self.spans[i][0]
                e = self.spans[i + len(words) - 1][1]
                if e <= before:
                    return s, e
                return None
            k = self.joined.find(" ".join(words) + " ", k + 1)
        return None


def _quote_relation(a: list[str], b: list[str], min_ratio: float) -> str | None:
    """'same' when one quotation's words contain the other's, 'variant' when they are close."""
    if not a or not b:
        return None
    short, long_ = (a, b) if len(a) <= len(b) else (b, a)
    if len(set(short) & set(long_)) < 0.6 * len(set(short)):
        return None                     # cheap test first: most pairs share few words
    ls, ll = " ".join(short), " ".join(long_)
    if re.search(r"(?:^| )" + re.escape(ls) + r"(?: |$)", ll):
        return "same"
    if len(short) / len(long_) < 0.6 or len(long_) > MAX_QUOTE_WORDS:
        return None
    ratio = SequenceMatcher(None, a, b, autojunk=False).ratio()
    return "variant" if ratio >= min_ratio else None
