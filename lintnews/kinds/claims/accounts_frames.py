"""C201 part: a restatement of the same acts (same named actors, same predicate groups)
with a different object ("offered an astronaut" retold as "providing an airlock")."""
from __future__ import annotations

from typing import Any

from ...facts.claims import LIGHT_NOUNS, Frame, Sentence, is_alias
from ..base import Context, Finding
from ..findings import says
from .common import WEAK_GROUPS


def other_object(ctx: Context, a: Sentence, b: Sentence, options: dict[str, Any]) -> Finding | None:
    """``b`` restates ``a``'s acts (same actors, same predicate groups) but one object differs."""
    # one shared act is common ("Baikal paid X", later "Baikal paid a deposit"); a
    # restatement repeats two acts of named actors, or one with most of the words
    pairs = [(fa, fb) for fb in b.frames for fa in a.frames
             if fa.group not in WEAK_GROUPS and _same_act(fa, fb)]
    if not pairs:
        return None
    jac = len(a.content & b.content) / max(1, len(a.content | b.content))
    if len({fb.verb for _, fb in pairs}) < 2 and jac < options["min_jaccard"]:
        return None
    for fa, fb in pairs:
        xa, xb = _key_nouns(fa), _key_nouns(fb)
        if not xa or not xb or xa & xb or _related_nouns(xa, xb):
            continue
        ta, tb = _detail(ctx, fa, xa), _detail(ctx, fb, xb)
        if ta is None or tb is None:
            continue
        acts: list[str] = []
        for g in (min((p[1] for p in pairs), key=lambda g: g.verb), fb):
            act = f"{g.actors[0].text} {ctx.doc[g.verb].text} ..."
            if act not in acts:
                acts.append(act)
        return says(ctx.article, tb, ta, f"this sentence restates line {ctx.article.line_of(ta[0])}: "
                                         f"{'; '.join(acts)}")
    return None


def _same_act(fa: Frame, fb: Frame) -> bool:
    if fa.group != fb.group or not fa.actors or not fb.actors:
        return False
    # only named actors make two clauses one act ("I play ..." twice is not)
    ka = [m.key for m in fa.actors if m.key]
    kb = [m.key for m in fb.actors if m.key]
    return any(is_alias(x, y) for x in ka for y in kb)


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
