"""Direct quotations: where they are, per paragraph, surviving unbalanced marks.

Double quotation marks only (straight and curly): news copy uses single marks for
quotes inside quotes and in headlines, where they collide with apostrophes.
A straight mark's direction is read from its neighbours; where that is unclear
it closes an open quotation and otherwise opens one.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from typing import Any

from ..lexicon import SPEECH_NOUNS, SPEECH_VERBS, alternation

OPEN_CURLY, CLOSE_CURLY, STRAIGHT = "\u201c", "\u201d", '"'
MARKS = {OPEN_CURLY, CLOSE_CURLY, STRAIGHT, "\u201e", "\u00ab", "\u00bb"}
OPENERS = {OPEN_CURLY, "\u201e", "\u00ab"}
CLOSERS = {CLOSE_CURLY, "\u00bb"}
# Two single curly marks written for one double mark (‘‘like this’’, a typesetting habit
# some American copy keeps): read as one opening or closing double mark, two characters wide.
DOUBLED = {"\u2018\u2018": "open", "\u2019\u2019": "close"}
_BEFORE_OPEN = set(" \t\n([{\u2014\u2013-/:") | {""}
_AFTER_CLOSE = set(" \t\n)]}.,;:!?\u2014\u2013-/") | {""}


@dataclass
class Quote:
    """One quotation: ``start``/``end`` include the marks; ``closed`` False when it runs on."""

    start: int
    end: int
    closed: bool
    paragraph: tuple[int, int]
    speaker: Any = None  # filled by attribution (facts.quotes users may set it)
    open_width: int = 1   # 2 for a doubled mark (‘‘ or ’’)
    close_width: int = 1

    @property
    def inner(self) -> tuple[int, int]:
        return self.start + self.open_width, self.end - self.close_width if self.closed else self.end


@dataclass
class Quotes:
    """All direct quotations of an article, and the marks that were never matched."""

    quotes: list[Quote] = field(default_factory=list)
    unmatched: list[int] = field(default_factory=list)      # text offsets of stray marks
    continued: list[int] = field(default_factory=list)      # run-on openers (news convention)
    straight: list[int] = field(default_factory=list)       # offsets of straight marks
    curly: list[int] = field(default_factory=list)          # offsets of curly marks

    def __post_init__(self) -> None:
        self._starts = [q.start for q in self.quotes]
        self.opens_at = {q.start for q in self.quotes}             # offsets of opening marks
        self.closes_at = {q.end for q in self.quotes if q.closed}  # offsets just past closing marks

    def containing(self, start: int, end: int) -> Quote | None:
        """The quotation whose inside holds ``[start, end)``, if any."""
        i = bisect.bisect_right(self._starts, start) - 1
        if i >= 0:
            q = self.quotes[i]
            if q.start < start and end <= q.end:
                return q
        return None

    def contains(self, start: int, end: int) -> bool:
        return self.containing(start, end) is not None


def mark_width(text: str, i: int) -> int:
    """How many characters the quotation mark at ``i`` spans: 2 for ‘‘ and ’’, else 1."""
    return 2 if text[i:i + 2] in DOUBLED else 1


def at_junction(text: str, i: int) -> bool:
    """A straight mark glued between a clause's closing punctuation and the next word
    ('Moon."According', 'said,"We'): the missing space is the problem there, and which
    side of it the mark belongs to cannot be read (spacing reports it)."""
    return text[i:i + 1] == STRAIGHT and 0 < i < len(text) - 1 and text[i - 1] in ".!?," \
        and text[i + 1].isalpha()


def direction(text: str, i: int) -> str:
    """'open', 'close' or '?' for the straight mark at ``i``."""
    before = text[i - 1] if i > 0 else ""
    after = text[i + 1] if i + 1 < len(text) else ""
    if before in _BEFORE_OPEN and after not in _AFTER_CLOSE - {"-"}:
        return "open"
    if after in _AFTER_CLOSE and before not in _BEFORE_OPEN:
        return "close"
    return "?"


_SPEECH = alternation(v for v in SPEECH_VERBS if v not in SPEECH_NOUNS)
# An attribution that the quotation's closing mark should have come before:
# '..., he said', '..., said Mr Smith', '! the group added'.
_ATTRIBUTION_INSIDE = re.compile(
    r"[.!?]\s+(?!(?:I|We|You|They|It|He|She|But|And|So|Then|This|That)\b)(?:[A-Z][\w'’.-]*\s+){1,4}"
    r"(?:said|told|added)\b(?!\s*:)"
    r"|[,!?]\s+(?:he|she|they)\s+[a-z]+ed[.,]"
    r"|[,!?]\s+(?:(?:he|she|they|it|we|I)\s+|(?:(?=[\w'’.-]*[A-Z])[\w'’.-]+\s+){1,4}"
    r"|(?:the|a|an|his|her|its|their)\s+(?:[\w-]+\s+){0,4})?(?:" + _SPEECH + r"|quoted|cited)\b"
    r"|,\s+according to\b|\bas saying\b"
    # a titled speaker: '. Riggs spokesman Mark Hendrix said', ', National Bureau chief Li Deshui told'
    r"|[.!?,]\s+(?!(?:I|We|You|They|It|He|She|But|And|So|Then|This|That|The)\b)[A-Z][\w'’.-]*\s+"
    r"(?:[\w'’.-]+\s+){0,5}[A-Z][\w'’.-]*\s+(?:said|told|added|says)\b(?!\s*:)")
_SENTENCE_END_BEFORE = re.compile(r"[.!?…][\"”’')]?\s+$")


def is_inch_mark(text: str, i: int) -> bool:
    """A straight mark after a digit that is not followed by punctuation: 5'10", a 12" record."""
    if i == 0 or not text[i - 1].isdigit():
        return False
    after = text[i + 1] if i + 1 < len(text) else ""
    return after not in ",.;:!?)"


def runs_on(text: str, open_at: int, end: int, partial_ok: bool = True) -> bool:
    """Could the unclosed quotation at ``open_at`` be a paragraph-long one that runs on?

    A run-on quotation is speech: it starts with a capital (or follows a colon) and
    holds no attribution ("..., he said") that its closing mark should have preceded.
    A scare quote ("very bad ...) never runs on.
    """
    inner = text[open_at + 1:end]
    first = inner.lstrip()[:1]
    before = text[max(0, open_at - 3):open_at].rstrip()
    if not (first.isupper() or first.isdigit() or first in "…." or before.endswith(":")):
        # a partial quotation may run on too, but only a clause-long one ending a sentence;
        # a dropped scare quote ("very bad ...) is a few words
        if not partial_ok or len(inner.split()) < 8 or not re.search(r"[.!?][\"”’']?\s*$", inner):
            return False
    return not _ATTRIBUTION_INSIDE.search(inner)


SINGLE_MARKS = {"'", "\u2018", "\u2019"}
# What an apostrophe stands for at a word's start: rock 'n' roll, 'em, 'til, the '90s, '24
_ELISION = re.compile(r"['\u2018\u2019](?:n['\u2019]|n\b|em\b|til\b|tis\b|twas\b|cause\b|bout\b|\d\ds?\b)", re.I)
_BEFORE_SINGLE_OPEN = set(" \t\n([{\u2014\u2013-/:\"\u201c") | {""}


def stray_single_marks(text: str, start: int, end: int) -> list[tuple[int, bool]]:
    """(offset, opens) of each single quotation mark in ``text[start:end]`` (a headline, where
    British copy quotes in single marks: 'Hope' for talks) without a partner. Apostrophes are
    left out: inside a word (don't, O'Neil), before an elision (rock 'n' roll, the '90s), and
    after a plural's s (students' union) unless a quotation is open for it to close."""
    open_at: int | None = None
    stray: list[tuple[int, bool]] = []
    skip = -1
    for i in range(start, end):
        ch = text[i]
        if ch not in SINGLE_MARKS or i == skip:
            continue
        before = text[i - 1] if i > start else ""
        after = text[i + 1] if i + 1 < end else ""
        if before.isalnum() and after.isalnum():
            continue  # don't, O'Neil
        elision = _ELISION.match(text, i, end)
        if elision:
            if elision.group(0)[-1] in SINGLE_MARKS:
                skip = i + len(elision.group(0)) - 1  # the closing half of 'n'
            continue
        if ch != "\u2019" and before in _BEFORE_SINGLE_OPEN and after.isalnum():
            if open_at is not None:
                stray.append((open_at, True))
            open_at = i
        elif ch != "\u2018" and (before.isalnum() or before in ".,!?") and (not after or not after.isalnum()):
            if open_at is not None:
                open_at = None
            elif before not in "sSzZ":  # students' union: a plural's apostrophe
                stray.append((i, False))
    if open_at is not None:
        stray.append((open_at, True))
    return sorted(stray)


def scan(text: str, paragraphs: list[tuple[int, int]]) -> Quotes:
    """Pair quotation marks paragraph by paragraph."""
    out = Quotes()
    pending: list[tuple[int, tuple[int, int]]] = []  # unclosed openers at paragraph ends
    for pi, (ps, pe) in enumerate(paragraphs):
        open_at: int | None = None
        skip = -1  # the second half of a doubled mark
        for i in range(ps, pe):
            ch = text[i]
            doubled = DOUBLED.get(text[i:i + 2]) if i + 1 < pe else None
            if i == skip or (ch not in MARKS and doubled is None):
                continue
            if ch == STRAIGHT and is_inch_mark(text, i):
                continue
            (out.straight if ch == STRAIGHT else out.curly).append(i)
            if doubled is not None:
                kind, skip = doubled, i + 1
            elif ch in OPENERS:
                kind = "open"
            elif ch in CLOSERS:
                kind = "close"
            else:
                kind = direction(text, i)
                if kind == "?":
                    kind = "close" if open_at is not None else "open"
            if kind == "open":
                if open_at is not None:
                    if _SENTENCE_END_BEFORE.search(text[open_at:i]) and runs_on(text, open_at, i, partial_ok=False):
                        # a speech quotation re-opened after a full stop: the news
                        # convention for a quote that runs on (paragraphs merged on one line)
                        out.quotes.append(Quote(open_at, i, False, (ps, pe), open_width=mark_width(text, open_at)))
                        out.continued.append(open_at)
                    else:
                        out.unmatched.append(open_at)
                open_at = i
            else:
                if open_at is None:
                    out.unmatched.append(i)
                else:
                    w = mark_width(text, i)
                    out.quotes.append(Quote(open_at, i + w, True, (ps, pe), open_width=mark_width(text, open_at),
                                            close_width=w))
                    open_at = None
        if open_at is not None:
            out.quotes.append(Quote(open_at, pe, False, (ps, pe), open_width=mark_width(text, open_at)))
            pending.append((open_at, (ps, pe)))
            nxt = paragraphs[pi + 1] if pi + 1 < len(paragraphs) else None
            reopens = nxt and (text[nxt[0]:nxt[0] + 1] in (OPENERS | {STRAIGHT})
                               or DOUBLED.get(text[nxt[0]:nxt[0] + 2]) == "open")
            if reopens and runs_on(text, open_at, pe):
                out.continued.append(open_at)  # runs on into the next paragraph: allowed
            else:
                out.unmatched.append(open_at)
    out.quotes.sort(key=lambda q: q.start)
    out.unmatched.sort()
    out.__post_init__()
    return out


def build(facts: Any) -> Quotes:
    """The article's quotations (facts.quotes)."""
    art = facts.article
    return scan(art.text, art.paragraphs)
