"""C105 style-mix: two typographic conventions in one article.

Each family is reported once per article at the first mark of the minority
style (the other style's first use is the related location): straight and
curly double quotes; digits and words for the same small number ("nine
countries" and "9 countries"); day-month and month-day dates ("4 March" and
"March 4"); dashes set two ways (spaced and closed em dashes, typed hyphens
and typeset dashes); a full stop or comma inside the closing mark of a quoted
phrase in one place and outside it in another.
"""
from __future__ import annotations

import re
from typing import Iterable

from ..facts.dashes import NAMES as DASH_NAMES
from ..facts.quotes import CLOSE_CURLY, OPEN_CURLY, STRAIGHT, direction, is_inch_mark
from ..lexicon import MONTH_ABBREVIATIONS, MONTHS as LEXICON_MONTHS
from .base import Context, Finding, Kind

MONTHS = "|".join(LEXICON_MONTHS + MONTH_ABBREVIATIONS)
_DAY_MONTH = re.compile(rf"(?<![\w£$€.,])(\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?({MONTHS})\b(?!-)")
_MONTH_DAY = re.compile(rf"\b({MONTHS})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?\b(?![\d,.]\d|\s*(?:%|per|bn|m\b))")
# The place of a wire dateline, in capitals, before its date: "LONDON, ", "NEW YORK (Reuters) - "
# (old wire copy may keep a one-letter routing code before it: "c LONDON, April 9 -")
_DATELINE_PLACE = re.compile(r"\s*(?:[a-z]\s+)?[A-Z][A-Z .'\-]+,?\s*(?:\([\w ]+\)\s*)?[,\-\u2013\u2014]?\s*$")
NUMBER_WORDS = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9}
_WORD_NUM = re.compile(r"\b(two|three|four|five|six|seven|eight|nine)\s+([a-z]+s)\b", re.I)
_DIGIT_NUM = re.compile(r"(?<![\w£$€.,:/-])([2-9])\s+([a-z]+s)\b")
# Nouns that go with digits in any style (scores, measures, ages, money).
_DIGIT_NOUNS = {"points", "goals", "runs", "wickets", "sets", "games", "holes", "shots", "strokes",
                "pounds", "dollars", "euros", "pence", "cents", "percent", "years", "months", "weeks",
                "days", "hours", "minutes", "seconds", "miles", "metres", "meters", "kilometres",
                "feet", "inches", "kilos", "tonnes", "degrees", "seats", "votes", "laps", "rounds"}


class StyleMixKind(Kind):
    """Straight and curly quotes, digits and words for one number, two date formats, dashes
    set two ways, punctuation inside and outside a quoted phrase's closing mark."""

    defaults = {"quotes": True, "numbers": True, "dates": True, "dashes": True, "typed_dashes": False,
                "quote_punctuation": True, "min_ratio": 2.0}
    requires = frozenset()

    def check(self, ctx: Context) -> Iterable[Finding]:
        if self.options["quotes"]:
            yield from self._quotes(ctx)
        if self.options["numbers"]:
            yield from self._numbers(ctx)
        if self.options["dates"]:
            yield from self._dates(ctx)
        if self.options["dashes"]:
            yield from _dashes(ctx, self.options["typed_dashes"])
        if self.options["quote_punctuation"]:
            yield from _quote_punctuation(ctx)

    # -- quotes --------------------------------------------------------------------------
    def _quotes(self, ctx: Context) -> Iterable[Finding]:
        q = ctx.facts.quotes
        text = ctx.article.text
        straight = list(q.straight)
        curly = [i for i in q.curly if text[i] in (OPEN_CURLY, CLOSE_CURLY)]
        if not straight or not curly:
            return
        if len(curly) < len(straight) or (len(curly) == len(straight) and curly[0] > straight[0]):
            minority, majority, style = curly, straight, "straight"
        else:
            minority, majority, style = straight, curly, "curly"
        first, other = minority[0], majority[0]
        kind = "curly" if style == "straight" else "straight"
        msg = (f"{kind} quotation mark {text[first]} here, but the article mostly uses {style} ones "
               f"({len(majority)} to {len(minority)}; first on line {ctx.article.line_of(other)})")
        f = Finding(first, first + 1, msg,
                    related=[(other, other + 1, f"{style} quotation mark {text[other]} here")])
        if len(majority) >= self.options["min_ratio"] * len(minority):
            opens = {qt.start for qt in q.quotes}
            closes = {qt.end - 1 for qt in q.quotes if qt.closed}
            paired = closes | {qt.start for qt in q.quotes if qt.closed}
            edits = [(i, i + 1, self._convert(text, opens, closes, i, style)) for i in minority]
            if all(r != text[i] for i, _, r in edits):  # every mark's direction is known
                f.fix = edits
                f.fix_message = f"use {style} quotation marks throughout"
                # a straight mark's direction is read from its neighbours: where they would
                # read it the other way ('the“ word'), the fix would unbalance the quotes
                # (typing marks straight is always safe: it needs no direction)
                f.fix_safe = style == "straight" or all(
                    direction(text, i) == ("open" if r == OPEN_CURLY else "close")
                    and not is_inch_mark(text, i) for i, _, r in edits)
                # a mark that pairs with nothing is W201's or W202's problem: restyling it
                # there would only move the finding ('him."The' to 'him.“The')
                f.fix_safe = f.fix_safe and all(i in paired for i in minority)
        yield f

    @staticmethod
    def _convert(text: str, opens: set[int], closes: set[int], i: int, style: str) -> str:
        """The mark at ``i`` in ``style`` (``opens``/``closes``: where quotations open and
        close); unchanged when its direction is unknown."""
        if style == "straight":
            return STRAIGHT
        if i in opens:
            return OPEN_CURLY
        if i in closes:
            return CLOSE_CURLY
        return text[i]

    # -- small numbers -----------------------------------------------------------------------
    def _numbers(self, ctx: Context) -> Iterable[Finding]:
        text = ctx.article.text
        quotes = ctx.facts.quotes
        words: dict[tuple[int, str], tuple[int, int]] = {}
        for m in _WORD_NUM.finditer(text):
            if quotes.contains(m.start(), m.end()):
                continue
            key = (NUMBER_WORDS[m.group(1).lower()], m.group(2).lower())
            words.setdefault(key, (m.start(), m.end()))
        if not words:
            return
        for m in _DIGIT_NUM.finditer(text):
            noun = m.group(2).lower()
            key = (int(m.group(1)), noun)
            if key not in words or noun in _DIGIT_NOUNS or quotes.contains(m.start(), m.end()):
                continue
            ws, we = words.pop(key)
            yield Finding(m.start(), m.end(),
                          f"'{m.group()}' in digits, but line {ctx.article.line_of(ws)} writes "
                          f"'{text[ws:we]}' in words",
                          related=[(ws, we, f"'{text[ws:we]}' in words here")])

    # -- dates -------------------------------------------------------------------------------
    def _dates(self, ctx: Context) -> Iterable[Finding]:
        text = ctx.article.text
        quotes = ctx.facts.quotes

        def keep(m: re.Match) -> bool:
            # a dateline ("LONDON, April 9 -") follows the wire's convention, not the copy's
            line_start = text.rfind("\n", 0, m.start()) + 1
            return not quotes.contains(m.start(), m.end()) and not _DATELINE_PLACE.match(text, line_start, m.start())

        dm = [m for m in _DAY_MONTH.finditer(text) if keep(m) and 1 <= int(m.group(1)) <= 31]
        md = [m for m in _MONTH_DAY.finditer(text) if keep(m) and 1 <= int(m.group(2)) <= 31]
        if not dm or not md:
            return
        if len(md) < len(dm) or (len(md) == len(dm) and md[0].start() > dm[0].start()):
            minority, majority, names = md, dm, ("month-day", "day-month")
        else:
            minority, majority, names = dm, md, ("day-month", "month-day")
        first, other = minority[0], majority[0]
        yield Finding(first.start(), first.end(),
                      f"'{first.group()}' is written {names[0]}, but the article writes dates "
                      f"{names[1]} ('{other.group()}', line {ctx.article.line_of(other.start())})",
                      related=[(other.start(), other.end(), f"'{other.group()}' written {names[1]} here")])


# -- dashes --------------------------------------------------------------------------------
def _dashes(ctx: Context, typed_too: bool) -> Iterable[Finding]:
    """Em and en dashes spaced and closed up ("plan — which", "deal—signed"), and with
    ``typed_too`` typed dashes too (a spaced hyphen, a double hyphen: typewriter habits), each
    beside typeset ones and spaced two ways, outside quotations: once per article, since one
    mix of dashes is one problem."""
    quotes = ctx.facts.quotes  # a quoted statement keeps its own punctuation
    found = [d for d in ctx.facts.dashes if not quotes.contains(d.start, d.end)]
    spacing = [(d, "a spaced dash" if d.spaced else "a closed-up dash") for d in found
               if d.dash != "-" and (typed_too or not d.typed)]
    typed = [(d, "a typed dash" if d.typed else "a typeset dash") for d in found]
    for group in (spacing, typed) if typed_too else (spacing,):
        f = _minority(ctx, group)
        if f is not None:
            yield f
            return


def _minority(ctx: Context, group: list) -> Finding | None:
    """The finding at the first dash of the less-used style in ``group``, or None."""
    styles: dict[str, list] = {}
    for d, style in group:
        styles.setdefault(style, []).append(d)
    if len(styles) != 2:
        return None
    (a, da), (b, db) = styles.items()  # a: the style used first
    (mname, mins), (oname, majs) = ((b, db), (a, da)) if len(db) <= len(da) else ((a, da), (b, db))
    (ms, me, mdash, _), (os_, oe, _, _) = mins[0], majs[0]
    text = ctx.article.text
    how = f"mostly writes {oname} ({len(majs)} to {len(mins)}" if len(majs) > len(mins) \
        else f"writes {oname} first ({len(majs)} each"
    return Finding(ms, me, f"{mname} ({DASH_NAMES[mdash]}: '{_context(text, ms, me)}') here, but the "
                   f"article {how}; '{_context(text, os_, oe)}' on line {ctx.article.line_of(os_)})",
                   related=[(os_, oe, f"{oname} here")])


def _context(text: str, start: int, end: int) -> str:
    """A dash with the word on each side: 'plan — which'."""
    a = re.search(r"[^\s—–-]{0,12}$", text[max(0, start - 12):start]).group()
    b = re.match(r"[^\s—–-]{0,12}", text[end:end + 12]).group()
    return a + text[start:end] + b


# -- full stops and commas inside or outside a quoted phrase ------------------------------------
# A quoted phrase: at most this many words, starting in lower case after a word, no sentence
# punctuation of its own ("called it “a fraud”."). Where such a phrase's full stop or comma goes
# is a house choice (American style inside, British outside); a whole quoted sentence keeps it
# inside in both, and a longer quotation may be one, so neither is compared.
PHRASE_WORDS = 6
_PHRASE = re.compile(r"[a-z][^.!?;:]*[^.!?;:\s]$|[a-z][^.!?;:]*[^.!?;:\s][.,]$")


def _quote_punctuation(ctx: Context) -> Iterable[Finding]:
    """Quoted phrases whose full stop or comma is inside the closing mark in one place and
    outside it in another: once per article, at the first of the less-used placement."""
    text = ctx.article.text
    placed: dict[str, list[tuple[int, int]]] = {"inside": [], "outside": []}
    for q in ctx.facts.quotes.quotes:
        where = _placement(text, q)
        if where is not None and ctx.article.contiguous(*where[1]):  # not '"a fraud"*.'
            placed[where[0]].append(where[1])
    ins, outs = placed["inside"], placed["outside"]
    if not ins or not outs:
        return
    (mname, mins), (oname, majs) = (("inside", ins), ("outside", outs)) if len(ins) < len(outs) or \
        (len(ins) == len(outs) and ins[0] > outs[0]) else (("outside", outs), ("inside", ins))
    (ms, me), (os_, oe) = mins[0], majs[0]
    mark = "full stop" if "." in text[ms:me] else "comma"
    yield Finding(ms, me, f"the {mark} is {mname} the closing quotation mark of a quoted phrase here "
                  f"('{_tail(text, ms, me)}'), but the article puts them {oname} elsewhere "
                  f"('{_tail(text, os_, oe)}', line {ctx.article.line_of(os_)}; {len(majs)} to {len(mins)})",
                  related=[(os_, oe, f"{oname} the closing mark here")])


def _placement(text: str, q) -> tuple[str, tuple[int, int]] | None:
    """('inside' or 'outside', the span of punctuation and mark) for a quoted phrase, else None."""
    if not q.closed or q.start < 2 or not text[q.start - 1].isspace() or not text[q.start - 2].isalpha():
        return None
    s, e = q.inner
    inner = text[s:e]
    if len(inner.split()) > PHRASE_WORDS or not _PHRASE.match(inner):
        return None
    after = text[q.end:q.end + 2]
    if inner[-1] in ".," and (after[:1].isspace() or not after):
        return "inside", (e - 1, q.end)
    if inner[-1] not in ".," and after[:1] in (".", ",") and after != "..":
        return "outside", (e, q.end + 1)
    return None


def _tail(text: str, start: int, end: int) -> str:
    """The end of a quoted phrase with its mark and punctuation: 'a fraud”.'."""
    return re.search(r"\S{0,15}$", text[max(0, start - 15):start]).group() + text[start:end]
