"""C104 part: one word in British and American spelling (organise/organize)."""
from __future__ import annotations

import re
from collections import defaultdict
from typing import Iterable

from ..base import Context, Finding
from .common import counted, first_form_sets

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



def spelling(ctx: Context) -> Iterable[Finding]:
    """A word in its British and its American spelling: the first form sets the choice."""
    text = ctx.article.text
    body = ctx.article.body_start()
    words: dict[str, list[tuple[int, int, str]]] = defaultdict(list)
    for m in re.finditer(r"(?<![\w'’-])[A-Za-z]+(?![\w-])", text[body:]):
        w = m.group(0)
        if w.isupper() and len(w) > 1 or w[0].isupper() and _mid_sentence(text, body + m.start()):
            continue  # an acronym; a name keeps its own spelling ("21 Research Centre", "Pearl Harbor")
        words[w.lower()].append((body + m.start(), body + m.end(), w.lower()))
    for w in list(words):
        for rx, rep in _SPELLING:
            if rx.match(w):
                us = rx.sub(rep, w)
                if us != w and us in words:
                    yield from first_form_sets(ctx, counted(ctx, words[w] + words[us], True),
                                               " (British and American spelling)")


def _mid_sentence(text: str, i: int) -> bool:
    """A capital at ``i`` that no sentence, line or quotation start explains."""
    before = text[max(0, i - 3):i].rstrip(" ")
    return bool(before) and before[-1] not in ".!?\n\"“‘'(:—–-"
