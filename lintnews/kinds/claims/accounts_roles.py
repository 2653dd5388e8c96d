"""C201 part: a retelling in other words (another order or voice) with the agent or
patient of the same verb named differently ("Y was appointed by X" after "Z appointed Y")."""
from __future__ import annotations

from typing import Any

from ...facts.claims import Mention, Sentence, is_alias
from ..base import Context, Finding
from ..findings import says
from .accounts_nouns import phrases_clash
from .common import WEAK_GROUPS, clip, labels_compatible

_PRONOUNS = ("he", "she", "it", "they", "him", "her", "them")


def role_swapped(ctx: Context, a: Sentence, b: Sentence, options: dict[str, Any]) -> Finding | None:
    """``b`` retells ``a`` in another order or voice ("Y was appointed by X", "X, the
    coach, called up Y", "In 2004, X ...") with the agent or patient of the same verb
    named differently. ``b``'s words must nearly all be ``a``'s, whatever their order."""
    names_a = [m for m in a.ents if m.key]
    if not _retells(a, b, names_a, options):
        return None
    for fb in b.frames:
        if fb.group in WEAK_GROUPS:
            continue
        for fa in a.frames:
            if fa.lemma != fb.lemma:
                continue
            for role, other in (("agents", "patients"), ("patients", "agents")):
                # the other role must be filled alike on both sides: the same act
                oa, ob = getattr(fa, other), getattr(fb, other)
                if not oa or not ob or not any(_same_filler(x, y) for x in oa for y in ob):
                    continue
                f = _swapped_filler(ctx, a, b, names_a, getattr(fa, role), getattr(fb, role))
                if f is not None:
                    return f
    return None


def _retells(a: Sentence, b: Sentence, names_a: list[Mention], options: dict[str, Any]) -> bool:
    """Whether ``b``'s content words are nearly all ``a``'s, with at most one new name."""
    new_words = matched = 0
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
    if new_words > options["max_new_words"]:
        return False   # another story: decided before comparing any names
    for u in names_b:
        # a name kept from the earlier sentence counts; a new one may be the swap
        matched += any(is_alias(e.key, u.ent.key) for e in names_a if u.ent.key)
    # one name of the retelling is new (the swap); two new names tell another story
    new_names = {e.key for e in b.ents if e.key and not any(is_alias(x.key, e.key) for x in names_a)}
    if len(new_names) > 1:
        return False
    return not (new_words > options["max_new_words"] or matched < options["min_matched"] or
                matched / max(1, matched + new_words) < options["min_coverage"])


def _swapped_filler(ctx: Context, a: Sentence, b: Sentence, names_a: list[Mention],
                    ra: list[Mention], rb: list[Mention]) -> Finding | None:
    """A filler ``y`` of ``b``'s role new to ``a``, where ``a`` had ``x``, now gone: a
    name, or a common noun phrase that cannot name the same thing."""
    for y in rb:
        if not y.key:
            x = next((x for x in ra if not x.key and phrases_clash(ctx.doc, x, y, a, b)), None)
            if x is not None:
                line = ctx.article.line_of(x.start)
                return says(ctx.article, (y.start, y.end, y.text), (x.start, x.end, x.text),
                            f"this sentence retells line {line}: {clip(ctx.article.text[a.start:a.end])}")
            continue
        if any(is_alias(e.key, y.key) for e in names_a) or \
                any(is_alias(y.key, x.key) for x in ra if x.key):
            continue
        for x in ra:
            if not x.key or not labels_compatible(x.label, y.label):
                continue
            # the old name gone from the retelling: replaced, not joined
            if any(is_alias(x.key, e.key) for e in b.ents if e.key) or x.key in b.content:
                continue
            # a resolved pronoun on either side is not a swap of names
            if ctx.article.text[y.start:y.end].lower() in _PRONOUNS:
                continue
            line = ctx.article.line_of(x.start)
            return says(ctx.article, (y.start, y.end, y.text), (x.start, x.end, x.text),
                        f"this sentence retells line {line}: {clip(ctx.article.text[a.start:a.end])}")
    return None


def _same_filler(x: Mention, y: Mention) -> bool:
    """Two role fillers naming the same thing: alias names, or a shared common noun."""
    if x.key and y.key:
        return is_alias(x.key, y.key)
    # "$778.2m" has no common noun: the same words then
    return bool(x.nouns & y.nouns) or x.text.lower().rstrip(".") == y.text.lower().rstrip(".")
