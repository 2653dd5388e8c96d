"""Capitalised names written with different spacing, hyphens or case in one article
(TimeWarner / Time Warner, Foo-Fighters / Foo Fighters): shared by C101 (names) and
C104 (other terms)."""
from __future__ import annotations

import re
from collections import defaultdict
from typing import Any, Iterator, NamedTuple

Occurrence = tuple[int, int, str]  # (start, end, text)


class SpacingGroup(NamedTuple):
    """The writings of one name in text order; ``is_name`` when a PERSON or ORG entity
    covers one of them (C101 reports those, C104 the others)."""

    items: list[Occurrence]
    is_name: bool


def build(facts: Any) -> list[SpacingGroup]:
    """Groups of differently spaced/hyphenated/cased writings of one capitalised name."""
    doc = facts.doc
    text = facts.article.text  # == doc.text, which spaCy rebuilds on every access
    toks = [t for t in doc if t.idx >= facts.article.body_start()]
    occ: dict[str, dict[tuple[int, int], str]] = defaultdict(dict)
    context: dict[tuple[int, int], str] = {}  # the other words of the run around a span
    for run in _capitalised_runs(toks):
        words = [t for t in run if t.text != "-"]
        for a in range(len(words)):
            for b in range(a + 1, min(len(words), a + 4) + 1):
                s, e = words[a].idx, words[b - 1].idx + len(words[b - 1].text)
                surface = text[s:e]
                if b - a == 1 and not re.search(r"[a-z][A-Z]|-", surface):
                    continue  # a plain single word has no spacing to vary
                if surface.isupper():
                    continue  # "BBC NEWS" shouting, acronyms
                key = re.sub(r"[\s\-]", "", surface).lower()
                if len(key) >= 6:
                    occ[key][(s, e)] = surface
                    context[(s, e)] = " ".join(t.text for t in words[:a] + words[b:])
    return [g for g in (_group(doc, spans, context) for spans in occ.values()) if g is not None]


def _cap(t: Any) -> bool:
    """A capitalised word that may be part of a name ("The" opening a sentence is not)."""
    return t.text[:1].isupper() and any(ch.isalpha() for ch in t.text) and not t.is_stop


def _capitalised_runs(toks: list[Any]) -> Iterator[list[Any]]:
    """Runs of capitalised words joined by one space or a bare hyphen ("Foo-Fighters")."""
    i = 0
    while i < len(toks):
        if not _cap(toks[i]):
            i += 1
            continue
        run = [toks[i]]
        j = i + 1
        while j < len(toks):
            prev, t = run[-1], toks[j]
            if t.text in ("-",) and not prev.whitespace_ and j + 1 < len(toks) and _cap(toks[j + 1]) \
                    and not t.whitespace_:
                run.extend([t, toks[j + 1]])
                j += 2
                continue
            if _cap(t) and prev.whitespace_ == " " and t.i == prev.i + 1:
                run.append(t)
                j += 1
                continue
            break
        yield run
        i = j


def _group(doc: Any, spans: dict[tuple[int, int], str], context: dict[tuple[int, int], str]) -> SpacingGroup | None:
    """The writings of one key as a group, or None when they are all written alike or are
    parts of different longer names ("Garden City Fire Rescue", "Pooler Fire-Rescue")."""
    if len(set(spans.values())) < 2:
        return None
    items = sorted((s, e, t) for (s, e), t in spans.items())
    # a shorter span inside a longer one of the same key is the same writing
    items = [it for it in items if not any(o != it and o[0] <= it[0] and it[1] <= o[1] for o in items)]
    if len({t for _, _, t in items}) < 2:
        return None
    contexts: dict[str, set[str]] = defaultdict(set)
    for s, e, t in items:
        contexts[t].add(context.get((s, e), ""))
    if "" not in set.union(*contexts.values()) and \
            not any(contexts[x] & contexts[y] for x in contexts for y in contexts if x < y):
        return None
    is_name = any(doc.char_span(s, e, alignment_mode="expand") is not None and
                  any(t.ent_type_ in ("PERSON", "ORG") for t in doc.char_span(s, e, alignment_mode="expand"))
                  for s, e, _ in items)
    return SpacingGroup(items, is_name)
