"""Dates that contradict the calendar or each other, and relative dates with no anchor.

- ``weekday-date`` (C301): "Tuesday, 4 March 2004" - 4 March 2004 was a Thursday
- ``date-conflict`` (C302): one event dated two ways
- ``relative-date`` (C303): "last year" in an article with no date of its own
"""
from __future__ import annotations

import datetime as _dt
import re
from typing import Any, Iterable

from ..facts.dates import WEEKDAYS, DateMention
from ..lexicon import MONTHS
from .base import Context, Finding, Kind

def _fmt(d: DateMention, year: int) -> str:
    return f"{d.day} {MONTHS[d.month - 1]} {year}"


class WeekdayDateKind(Kind):
    """A weekday that does not fall on the date written beside it."""

    defaults: dict = {}
    requires = frozenset()

    def check(self, ctx: Context) -> Iterable[Finding]:
        dates = ctx.facts.dates
        anchor = ctx.settings.date
        agreed = None if anchor is not None else _agreed_year(dates)
        for d in dates.explicit:
            if d.weekday is None:
                continue
            years = [agreed] if agreed and not d.year else dates.candidate_years(anchor, d)
            if not years:
                continue
            actual = {}
            for y in years:
                try:
                    actual[y] = _dt.date(y, d.month, d.day).weekday()
                except ValueError:
                    continue
            if not actual or any(w == d.weekday for w in actual.values()):
                continue
            said = WEEKDAYS[d.weekday]
            if d.year:
                msg = f"{_fmt(d, d.year)} was a {WEEKDAYS[actual[d.year]]}, not a {said}"
            elif len(actual) == 1:
                y, w = next(iter(actual.items()))
                source = "article date" if anchor else "article's other weekday-dates" \
                    if agreed else "years the article mentions"
                msg = f"{_fmt(d, y)} was a {WEEKDAYS[w]}, not a {said} (year taken from the {source})"
            else:
                parts = [f"a {WEEKDAYS[w]} in {y}" for y, w in actual.items()]
                listed = ", ".join(parts[:-1]) + " and " + parts[-1]
                msg = (f"{d.day} {MONTHS[d.month - 1]} was {listed}, never a {said} "
                       f"(no year given; years from the article)")
            yield Finding(d.start, d.end, msg)


def _agreed_year(dates: Any) -> int | None:
    """The year in which two or more of the article's weekday-dates without a year fall on
    their weekdays ("Friday, February 27 ... Tuesday, March 3" are 2026's): the article's
    own year, better evidence than the years it mentions (often past ones)."""
    yearless = {(d.day, d.month, d.weekday) for d in dates.explicit if d.weekday is not None and not d.year}
    if len(yearless) < 2 or not dates.years:
        return None
    best, best_n = None, 1
    for y in range(min(dates.years), max(dates.years) + 3):
        n = 0
        for day, month, wd in yearless:
            try:
                n += _dt.date(y, month, day).weekday() == wd
            except ValueError:
                continue
        if n > best_n:
            best, best_n = y, n
    return best


# the year given to dates without one in an article that names none (a leap year: 29 February)
_ANY_YEAR = 2000


class DateConflictKind(Kind):
    """Two dates that cannot both be right: one weekday named for two nearby dates."""

    defaults = {"max_days": 6}
    requires = frozenset({"tagger", "attribute_ruler", "lemmatizer", "parser", "ner"})

    def check(self, ctx: Context) -> Iterable[Finding]:
        dates = ctx.facts.dates
        anchor = ctx.settings.date
        resolved: list[tuple[DateMention, _dt.date]] = []
        shared: list[tuple[DateMention, _dt.date]] = []  # and dates without a year, in one year
        for d in dates.explicit:
            years = dates.candidate_years(anchor, d)
            known = len(years) == 1
            years = years or ([] if d.year else [_ANY_YEAR])
            if not years or len(years) != 1 and d.year:
                continue
            try:
                day = _dt.date(years[0], d.month, d.day)
            except ValueError:
                continue
            shared.append((d, day))
            if known:
                resolved.append((d, day))
        text = ctx.article.text
        # which year yearless dates share does not change whether one event has two days; a
        # weekday that fits none of their years is C301's to report
        yield from self._same_event(ctx, shared)
        by_weekday: dict[int, list[tuple[DateMention, _dt.date]]] = {}  # earlier dates, in order
        for d2, day2 in resolved:
            earlier = by_weekday.setdefault(d2.weekday, []) if d2.weekday is not None else []
            for d1, day1 in earlier:
                if day1 == day2:
                    continue
                gap = abs((day2 - day1).days)
                if gap <= self.options["max_days"]:
                    # the same weekday cannot name two dates less than a week apart
                    yield Finding(
                        d2.start, d2.end,
                        f"'{text[d2.start:d2.end]}' and line {ctx.article.line_of(d1.start)}'s "
                        f"'{text[d1.start:d1.end]}' name the same {WEEKDAYS[d2.weekday]} "
                        f"{gap} day{'s' if gap != 1 else ''} apart",
                        related=[(d1.start, d1.end, "the other date")])
                    break
            earlier.append((d2, day2))

    def _same_event(self, ctx: Context, resolved: list) -> Iterable[Finding]:
        """"The vote on 4 March" ... "the vote, held on 6 March": one event, two dates.

        Two dates are one event's when each is introduced by "on", their sentences
        share the verb the date hangs from and the subject of that verb, and each
        sentence gives only that one date.
        """
        doc = ctx.doc
        if not doc.has_annotation("DEP"):
            return
        from ..facts.numbers import predicate_frame

        text = ctx.article.text
        per_sent: dict[int, list] = {}
        frames = []
        for d, day in resolved:
            if not re.search(r"\bon\s+$", text[max(0, d.start - 4):d.start]):
                continue
            span = doc.char_span(d.start, d.end, alignment_mode="expand")
            if span is None:
                continue
            tok = span.root
            sent = tok.sent.start
            per_sent.setdefault(sent, []).append(d)
            preds, subj = predicate_frame(tok)
            preds = preds - {"be", "say", "tell", "add", "have"}
            frames.append((d, day, sent, preds, subj))
        nouns: dict[int, set[str]] = {}
        by_subject: dict[str, list[tuple]] = {}  # earlier frames of one subject, in order
        for d2, day2, s2, p2, subj2 in frames:
            earlier = by_subject.setdefault(subj2, []) if subj2 and subj2 != "PRON" else []
            for d1, day1, s1, p1, subj1 in earlier:
                if s1 == s2 or (day1.month, day1.day) == (day2.month, day2.day) or \
                        len(per_sent[s1]) > 1 or len(per_sent[s2]) > 1:
                    continue
                shared = p1 & p2
                if not shared:
                    continue
                for d in (d1, d2):
                    if d.start not in nouns:
                        nouns[d.start] = _nouns(doc, d)
                n1, n2 = nouns[d1.start], nouns[d2.start]
                if not n1 or not n2 or len(n1 & n2) / len(n1 | n2) < 0.5:
                    continue  # "play Spain on 4 March", "play France on 10 March": two events
                yield Finding(
                    d2.start, d2.end,
                    f"dates '{' / '.join(sorted(shared))}' ({subj1}) to '{text[d2.start:d2.end]}' here, "
                    f"but line {ctx.article.line_of(d1.start)} says '{text[d1.start:d1.end]}'",
                    related=[(d1.start, d1.end, "the other date")])
                break
            earlier.append((d2, day2, s2, p2, subj2))


def _nouns(doc: Any, d: DateMention) -> set[str]:
    """Noun and name lemmas of a date's sentence, the date itself left out."""
    span = doc.char_span(d.start, d.end, alignment_mode="expand")
    if span is None:
        return set()
    return {t.lemma_.lower() for t in span.root.sent if t.pos_ in ("NOUN", "PROPN")
            and not (d.start <= t.idx < d.end) and t.ent_type_ not in ("DATE", "TIME")}


class RelativeDateKind(Kind):
    """"last year", "on Tuesday" where the article carries no date to anchor them."""

    defaults = {"report": "first"}
    requires = frozenset()

    def check(self, ctx: Context) -> Iterable[Finding]:
        if ctx.settings.date is not None:
            return
        dates = ctx.facts.dates
        if dates.has_dateline or not dates.relative:
            return
        rel = dates.relative
        items = rel if self.options["report"] == "all" else rel[:1]
        others = len(rel) - 1
        for s, e, t in items:
            more = f" ({others} more in the article)" if others and len(items) == 1 else ""
            yield Finding(s, e, f"'{t}' is relative, but the article has no date to anchor it"
                          f"{more}: add a dateline or front-matter date, or pass --date")

