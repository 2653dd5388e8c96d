"""C201 part: a retelling, word for word but one name (or one date), that names someone
else; and a retelling that denies what the original asserts (a negation flipped)."""
from __future__ import annotations

from dataclasses import dataclass, field
from difflib import SequenceMatcher
from typing import Any

from ...facts.claims import Frame, Mention, Sentence, Unit, is_alias
from ..base import Context, Finding
from ..findings import says
from .accounts_nouns import hedged_differently, noun_swap, wrapper_units
from .common import clip, labels_compatible


@dataclass
class _Alignment:
    """How a retelling's words line up with the original's."""

    matched: int = 0      # content words equal on both sides
    inserted: int = 0     # content words only the retelling has
    acts: bool = False    # a shared verb: the same act, not just a list of the same names
    aligned: dict[int, int] = field(default_factory=dict)  # b unit start -> a unit start (equal units)
    swaps: list[tuple[Unit, Unit]] = field(default_factory=list)  # (old, new) names, dates or nouns
    wrapper: set[int] = field(default_factory=set)  # b units of a reporting frame ("police said")
    nameless: list[tuple[list[Unit], list[Unit]]] = field(default_factory=list)  # replaced, no names
    absorbed: int = 0     # content words of swapped noun phrases beyond their heads ("paint shop")


def name_swapped(ctx: Context, a: Sentence, b: Sentence, options: dict[str, Any]) -> Finding | None:
    """``b`` retells ``a`` (its words are mostly a's, in order) with one name replaced, or
    with a negation flipped when nothing was replaced."""
    al = _align(ctx, a, b)
    if al is None or len(al.swaps) > 1 or al.inserted > options["max_new_words"] or not al.acts:
        return None
    total = sum(u.content for u in b.units if u.start not in al.wrapper) - len(al.swaps) - al.absorbed
    if al.matched < options["min_matched"] or total <= 0 or al.matched / total < options["min_coverage"]:
        return None
    if not al.swaps:
        if al.matched > options["min_matched"]:
            return negation(ctx, a, b, al.aligned)
        return None
    if _pronoun_actors(a, b) or hedged_differently(ctx.doc, a, b, al.aligned):
        return None
    old, new = al.swaps[0]
    # the new name must not already be in the earlier sentence (a list, not a swap)
    if any(is_alias(e.key, new.ent.key) for e in a.ents):
        return None
    # a quotation given to someone else is quote-conflict's to report
    if any(q.key and q.start < b.end and q.end > b.start and is_alias(q.key, new.ent.key)
           for q in ctx.facts.speakers.attributions):
        return None
    line = ctx.article.line_of(old.start)
    return says(ctx.article, (new.start, new.end, new.ent.text), (old.start, old.end, old.ent.text),
                f"this sentence retells line {line}: {clip(ctx.article.text[a.start:a.end])}")


def _align(ctx: Context, a: Sentence, b: Sentence) -> _Alignment | None:
    """Walk the word-level diff of ``a`` and ``b``; None when ``b`` puts a pronoun where
    ``a`` names someone (who is "she"?)."""
    al = _Alignment(wrapper=wrapper_units(ctx.doc, b, ctx.facts.quotes))
    # a copula with its complement is an act too ("X was the show's first winner")
    verbs = {ctx.doc[f.verb].idx for f in b.frames}
    opcodes = SequenceMatcher(None, a.lemmas, b.lemmas, autojunk=False).get_opcodes()
    # the sentence word for word but one name: any two names conflict, whatever labels
    # the model gave them ("China" retold as "Lyon", tagged a person)
    one_change = sum(op != "equal" for op, *_ in opcodes) == 1
    text = ctx.article.text
    for op, i1, i2, j1, j2 in opcodes:
        bu, au = [u for u in b.units[j1:j2] if u.start not in al.wrapper], a.units[i1:i2]
        if op == "replace" and _same_words(text, au, bu):
            op = "equal"   # the tagger read one word two ways ("Firefighters" as a name once)
        if op == "equal":
            al.matched += sum(u.content for u in bu)
            al.acts = al.acts or any(u.pos == "VERB" or u.start in verbs for u in bu)
            al.aligned.update((x.start, y.start) for x, y in zip(bu, au))
        elif op == "insert":
            al.inserted += sum(u.content for u in bu)
        elif op == "replace" and _is_time(bu) and _is_time(_time_prefix(au)):
            # "on Monday" retold "on Tuesday": the same event at another time
            n = len(_time_prefix(au))
            al.swaps.append((_as_name(a.units, i1, i1 + n, ctx), _as_name(b.units, j1, j2, ctx)))
        elif op == "replace" and not _replaced(al, au, bu, one_change):
            return None
        elif op == "replace" and not _names(au) and not _names(bu):
            al.nameless.append((au, bu))
    # a common noun in the place of another, in the same role: a swap of detail, not new words
    for au, bu in al.nameless:
        swap = noun_swap(ctx.doc, a, b, au, bu, al.aligned)
        if swap is not None:
            # the new phrase is the detail, modifiers and all: not words added to the story
            new = swap[1]
            n = sum(u.content for u in bu if new.start <= u.start < new.end)
            al.swaps.append(swap)
            al.inserted -= n
            al.absorbed += n - 1
    # a long sentence retold word for word but one name needs no verb to be one claim
    al.acts = al.acts or one_change and al.matched >= 5
    return al


def _same_words(text: str, au: list[Unit], bu: list[Unit]) -> bool:
    """Whether two runs of units are the same words as written, whatever their lemmas."""
    return len(au) == len(bu) and all(text[x.start:x.end].lower() == text[y.start:y.end].lower()
                                      for x, y in zip(au, bu))


def _replaced(al: _Alignment, au: list[Unit], bu: list[Unit], one_change: bool) -> bool:
    """Account for words ``au`` replaced by ``bu``: a swap of names, an alias, or new words.
    False when a pronoun replaces a name."""
    ea, eb = _names(au), _names(bu)
    al.inserted += sum(u.content and u.ent is None for u in bu)
    if ea and any(u.pos == "PRON" for u in bu):
        return False   # "she" where the earlier sentence names someone: who is she?
    if len(eb) > 1 or (eb and not ea):
        al.inserted += len(eb)
    elif eb:
        # the retelling drops what followed, so the replaced name is the first
        # compatible one on the earlier side
        y = eb[0]
        same = [x for x in ea if labels_compatible(x.ent.label, y.ent.label)
                or one_change and len(ea) == 1 and _only_names(au) and _only_names(bu)
                and "NORP" not in (x.ent.label, y.ent.label)]
        # the retelling drops what followed the name, never what came before it: "told a
        # cabinet meeting ... (Turkey)" retold as "told the U.S." swaps no name
        same = [x for x in same if not any(u.content and u.ent is None and u.start < x.start for u in au)]
        if any(is_alias(x.ent.key, y.ent.key) for x in ea):
            al.matched += 1
        elif same:
            al.swaps.append((same[0], y))
        else:
            al.inserted += 1
    return True


_PRONOUNS = {"he", "she", "it", "they", "we", "i", "you"}


def _pronoun_actors(a: Sentence, b: Sentence) -> bool:
    """Both sentences give the same act to a pronoun ("For the quarter it lost 6%" about
    the Dow, then about the S&P 500): the words match, but nothing says the actor is one;
    a pronoun's antecedent is a guess, too weak to call two figures a conflict."""
    for fb in b.frames:
        for fa in a.frames:
            if fa.lemma == fb.lemma and fa.actors and fb.actors and \
                    fa.actors[0].text.lower() in _PRONOUNS and fb.actors[0].text.lower() in _PRONOUNS:
                return True
    return False


def _asserted(tok: Any) -> bool:
    """A finite verb, or one with its auxiliary: "determined", "has not determined"; not
    "in determining" or "the plan proposed", which assert nothing that can be denied."""
    if tok.tag_ in ("VBD", "VBZ", "VBP", "MD"):
        return True
    return any(c.dep_ in ("aux", "auxpass") for c in tok.children)


def negation(ctx: Context, a: Sentence, b: Sentence, aligned: dict[int, int]) -> Finding | None:
    """``b`` retells ``a`` but denies what ``a`` asserts, or the reverse: the same verb,
    aligned word for word, with a negation on one side only."""
    doc = ctx.doc
    a_frames = {doc[f.verb].idx: f for f in a.frames}
    for fb in b.frames:
        fa = a_frames.get(aligned.get(doc[fb.verb].idx, -1))
        if fa is not None and fa.negated != fb.negated and _asserted(doc[fa.verb]) and _asserted(doc[fb.verb]):
            ta, tb = _verb_phrase(ctx, fa), _verb_phrase(ctx, fb)
            line = ctx.article.line_of(ta[0])
            return says(ctx.article, tb, ta, f"this sentence retells line {line}: "
                                             f"{clip(ctx.article.text[a.start:a.end])}")
    return None


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


def _verb_phrase(ctx: Context, f: Frame) -> tuple[int, int, str]:
    """The verb with its auxiliaries and negation: 'did not attend', 'attended'."""
    verb = ctx.doc[f.verb]
    left = min([c.i for c in verb.lefts if c.dep_ in ("aux", "auxpass", "neg")] + [verb.i])
    right = max([c.i for c in verb.rights if c.dep_ == "neg"] + [verb.i])
    span = ctx.doc[left:right + 1]
    return span.start_char, span.end_char, span.text
