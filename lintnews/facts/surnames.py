"""Who a bare surname means when two people in the article share it (part of ``facts.names``).

A reader resolves "Good" after "Renee Good" and "her wife, Becca Good" from context, and
so does :class:`SurnameResolver`:

1. a title before the surname that fits one of them ("Mrs Blair", "Analyst Hine"); a
   word like "the elder" keeps them apart without saying which;
2. of those named in full (or by given name) in this paragraph or the one before and not
   introduced as someone's relative, the only one, or the one named last when the others
   were named in an earlier paragraph;
3. with none named nearby (or only relatives), the principal: the first introduced who is
   not a relative.

When two are named nearby and neither is only a relative, the reference is ambiguous:
that is what C102 reports.
"""
from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ..lexicon import GENDER_OF_TITLE, GENERATION_WORDS, KINSHIP, TITLES

if TYPE_CHECKING:
    from .names import Cluster

# How far before a full name a kinship word may stand ("the son of NASCAR Hall of Famer
# Bill Elliott": six tokens) and after it (", his wife,").
KIN_BEFORE = 7
KIN_AFTER = 4


@dataclass
class Resolution:
    """The cluster a bare surname refers to; when the context cannot tell, ``cluster`` is
    None and ``candidates`` holds the people it may mean (empty when the text itself
    keeps them apart, as "the elder Khamenei" does)."""

    cluster: "Cluster | None"
    candidates: list["Cluster"] = field(default_factory=list)

    @property
    def ambiguous(self) -> bool:
        return self.cluster is None and len(self.candidates) > 1


class SurnameResolver:
    """Resolves bare surnames shared by two or more people of one article."""

    def __init__(self, people: list["Cluster"], paragraphs: list[tuple[int, int]]) -> None:
        groups: dict[str, list["Cluster"]] = {}
        for c in people:
            if c.has_full_name and c.explicit:
                groups.setdefault(c.surname.split()[-1].lower(), []).append(c)
        self.groups = {k: sorted(v, key=lambda c: c.explicit[0][0]) for k, v in groups.items() if len(v) > 1}
        # per group: (start, cluster index) of every explicit mention, in text order
        self._named = {k: sorted((s, i) for i, c in enumerate(v) for s, _, _ in c.explicit)
                       for k, v in self.groups.items()}
        self._paragraphs = [p[0] for p in paragraphs]

    def shared(self, word: str) -> bool:
        """Whether two or more people of the article have the surname ``word``."""
        return word.lower() in self.groups

    def group(self, word: str) -> list["Cluster"]:
        """The people with the surname ``word``, in order of introduction."""
        return self.groups.get(word.lower(), [])

    def resolve(self, word: str, start: int, title: str = "") -> Resolution:
        """Who the bare surname ``word`` at ``start`` refers to (``title``: the word before it)."""
        group = self.group(word)
        named = self._named.get(word.lower(), [])
        introduced = sorted({i for s, i in named if s < start})
        cands = [group[i] for i in introduced]
        if len(cands) < 2:
            return Resolution(cands[0] if cands else (group[0] if group else None))
        t = title.lower().rstrip(".")
        if t in GENERATION_WORDS:
            return Resolution(None)  # "the elder Khamenei": the text tells them apart
        by_title = self._by_title(cands, t)
        if by_title is not None:
            return Resolution(by_title)
        window = self._window_start(start)
        lo = bisect.bisect_left(named, (window, -1))
        hi = bisect.bisect_left(named, (start, -1))
        last: dict[int, int] = {}  # cluster index -> its last explicit mention in reach
        for s, i in named[lo:hi]:
            last[i] = s
        near = [group[i] for i in sorted(last)]
        near_main = sorted((i for i in last if not group[i].kin), key=lambda i: -last[i])
        if len(near_main) == 1 or len(near_main) > 1 and \
                self._paragraph(last[near_main[0]]) > self._paragraph(last[near_main[1]]):
            return Resolution(group[near_main[0]])  # the only one, or the latest named in a later paragraph
        if len(near_main) > 1:
            return Resolution(None, [group[i] for i in sorted(near_main)])
        # no one but relatives named nearby: the principal, unless relatives alone share the name
        main = [c for c in cands if not c.kin]
        if main:
            return Resolution(main[0])
        return Resolution(near[0]) if len(near) == 1 else Resolution(None, near or cands)

    @staticmethod
    def _by_title(cands: list["Cluster"], t: str) -> "Cluster | None":
        """The one candidate a title fits: by gender ("Mrs"), or a title seen before it."""
        if t in GENDER_OF_TITLE:
            fit = [c for c in cands if c.gender == GENDER_OF_TITLE[t]]
            return fit[0] if len(fit) == 1 else None
        if t in TITLES:
            fit = [c for c in cands if t in c.titles]
            return fit[0] if len(fit) == 1 else None
        return None

    def _paragraph(self, i: int) -> int:
        return bisect.bisect_right(self._paragraphs, i) - 1

    def _window_start(self, start: int) -> int:
        """The start of the paragraph before the one holding ``start``."""
        k = bisect.bisect_right(self._paragraphs, start) - 1
        return self._paragraphs[max(0, k - 1)] if k >= 0 else 0


def kinship_word(doc: Any, start: int, end: int) -> str:
    """The kinship word that introduces the name at ``[start, end)`` as someone's relative
    ("his wife, Becca Good", "the son of ... Bill Elliott", "Becca Good, Renee's wife"), or "".

    Before the name the word may stand a few tokens back, but not behind another person's
    name ("first lady Melania Trump, Vice President JD Vance": Vance is no one's relative);
    after it, only as an apposition that names no one else (", his wife," not ", first lady
    Melania Trump")."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return ""
    for j in range(span.start - 1, max(-1, span.start - 1 - KIN_BEFORE), -1):
        tok = doc[j]
        if tok.text in (".", ";", "!", "?", "and") or tok.is_space or tok.ent_type_ == "PERSON":
            break
        word = _kin_at(doc, j)
        if word:
            return word
    if span.end < len(doc) and doc[span.end].text == ",":
        for j in range(span.end + 1, min(len(doc), span.end + 1 + KIN_AFTER)):
            if doc[j].is_punct and doc[j].text != "'s" or doc[j].lower_ in ("whose", "who", "and"):
                break  # "Rahim Yagublu, whose father, Tofig Yagublu": the father is Tofig
            word = _kin_at(doc, j)
            k = j + len(word.split())
            k += k < len(doc) and doc[k].text == ","
            if word and (k >= len(doc) or doc[k].ent_type_ != "PERSON"):
                return word
    return ""


def _kin_at(doc: Any, j: int) -> str:
    """The kinship word or phrase ("first lady") starting at token ``j``, or ""."""
    low = doc[j].lower_
    if j + 1 < len(doc) and f"{low} {doc[j + 1].lower_}" in KINSHIP:
        return f"{low} {doc[j + 1].lower_}"
    return low if low in KINSHIP else ""
