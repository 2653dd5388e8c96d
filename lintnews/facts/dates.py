"""Dates: explicit dates (with their weekday when one is written) and relative dates.

Forms read: "Tuesday, 4 March 2004", "Tuesday 4 March", "Tuesday, March 4, 2004",
"Tue., Mar. 4", "Tuesday, Sept 4th", "Tuesday the 4th of March", "Tuesday night, March 4",
"Tuesday (4 March)", "4 March 2004", "March 4", and relative expressions
("last year", "on Tuesday", "next month", "yesterday").
"""
from __future__ import annotations

import bisect
from collections import Counter
import datetime as _dt
import math
import re
from dataclasses import dataclass, field
from typing import Any

from ..lexicon import MONTH_NUMBERS, MONTHS, WEEKDAYS

_WEEKDAY = "|".join(WEEKDAYS)
_MONTH = "|".join(MONTHS)
_WD = rf"(?P<wd>{_WEEKDAY}|Mon|Tues?|Wed|Thu(?:rs?)?|Fri|Sat|Sun)\.?"
_MON = rf"(?:{_MONTH}|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.?"
_DAY = r"(?:[1-9]|[12]\d|3[01])(?:st|nd|rd|th)?"
_YEAR = r"(?:1[89]\d\d|20\d\d)"
DATE_RE = re.compile(
    # "Tuesday night, March 5": a part of the day may stand between the weekday and the date
    r"(?:\b" + _WD + r"(?:\s+(?:morning|afternoon|evening|night))?(?:,\s*(?:the\s+)?|\s+(?:the\s+)?|\s*\(\s*))?"
    r"(?:(?P<d1>" + _DAY + r")(?:\s+of)?\s+(?P<m1>" + _MON + r")(?:,?\s+(?P<y1>" + _YEAR + r"))?"
    r"|\b(?P<m2>" + _MON + r")\s+(?P<d2>" + _DAY + r")\b(?:,?\s+(?P<y2>" + _YEAR + r"))?)"
    r"(?P<close>\s*\))?"
)
RELATIVE_RE = re.compile(
    r"\b(?:(?:last|next|this|earlier this|later this)\s+(?:year|month|week|weekend|season|"
    r"spring|summer|autumn|winter|" + _MONTH + "|" + _WEEKDAY + r")|"
    r"yesterday|tomorrow|today|tonight|"
    r"(?:on|since|until|by|from)\s+(?:" + _WEEKDAY + r")"
    r"(?!\s*,?\s*(?:\(?\s*\d|" + _MONTH + r")))\b", re.I)
# a weekday written after the date: "4 March 2004, a Tuesday," / "4 March 2004 (Tuesday)"
TRAILING_WD_RE = re.compile(r"(?:,\s*(?:which\s+was\s+|which\s+is\s+)?an?\s+|\s*\(\s*)"
                            r"(?P<wd>" + _WEEKDAY + r")\b"
                            r"(?P<close>\s*\))?")
# "Tuesday 4/3/2004", "Tuesday, 04.03.2004": read day-first and month-first
NUMERIC_WD_RE = re.compile(r"\b(?P<wd>" + _WEEKDAY + r"),?\s+"
                           r"(?:the\s+)?(?P<a>\d{1,2})[/.](?P<b>\d{1,2})[/.](?P<y>" + _YEAR + r")\b")
DATELINE_RE = re.compile(r"^\s*(?:\w+\s+){0,3}\d{1,2}\s+" + _MON + r"\s+" + _YEAR + r"\b|"
                         r"^\s*(?:Published|Updated|Last updated)[:\s]", re.M)


@dataclass
class DateMention:
    """One explicit date; ``year`` is None when the text gives none."""

    start: int
    end: int
    text: str
    day: int
    month: int
    year: int | None
    weekday: int | None       # 0 = Monday, as written
    weekday_text: str | None
    sent: int = -1


@dataclass
class Dates:
    """Explicit and relative dates of an article, and the years it mentions."""

    explicit: list[DateMention] = field(default_factory=list)
    relative: list[tuple[int, int, str]] = field(default_factory=list)
    years: list[int] = field(default_factory=list)
    has_dateline: bool = False
    year_at: list[tuple[int, int]] = field(default_factory=list)   # (offset, year)
    para_starts: list[int] = field(default_factory=list)

    def candidate_years(self, anchor: _dt.date | None, mention: DateMention) -> list[int]:
        """The years a date without a year can be in.

        With the article's date: the occurrence of that day and month nearest to it.
        Without: each year the article mentions within two paragraphs of the date
        (else any year it mentions twice), and the year after each (news reports
        the recent past and the coming months).
        """
        if mention.year:
            return [mention.year]
        if anchor is not None:
            best = None
            for y in (anchor.year - 1, anchor.year, anchor.year + 1):
                try:
                    d = _dt.date(y, mention.month, mention.day)
                except ValueError:
                    continue
                if best is None or abs((d - anchor).days) < abs((best - anchor).days):
                    best = d
            return [best.year] if best else []
        # the years written in the paragraphs p - 2 .. p + 2 (p: the mention's), found by
        # offset in ``year_at`` (in text order) rather than by testing every year
        p, starts = self._para(mention.start), self.para_starts
        lo = starts[p - 3] if p >= 3 else -1
        hi = starts[p + 2] if p + 2 < len(starts) else math.inf
        first = bisect.bisect_left(self.year_at, (lo, -1))
        last = bisect.bisect_left(self.year_at, (hi, -1))
        near = [y for _, y in self.year_at[first:last]]
        if not near:
            counts = Counter(self.years)
            near = [y for y, n in counts.items() if n >= 2]
        return sorted({c for y in near for c in (y, y + 1)})

    def _para(self, i: int) -> int:
        return bisect.bisect_right(self.para_starts, i)


def weekday_index(name: str) -> int | None:
    """0 for Monday ... 6 for Sunday, from a full or abbreviated name."""
    n = name.lower().rstrip(".")[:3]
    for i, w in enumerate(WEEKDAYS):
        if w.lower()[:3] == n:
            return i
    return None


def build(facts: Any) -> Dates:
    """Every explicit and relative date of the article."""
    text: str = facts.article.text
    out = Dates()
    out.year_at = [(m.start(), int(m.group(1))) for m in re.finditer(r"\b(" + _YEAR + r")\b", text)]
    out.years = [y for _, y in out.year_at]
    out.para_starts = [s for s, _ in facts.article.paragraphs]
    for m in DATE_RE.finditer(text):
        d = _explicit(text, m)
        if d is not None:
            out.explicit.append(d)
    for m in NUMERIC_WD_RE.finditer(text):
        wd = weekday_index(m.group("wd"))
        a, b, y = int(m.group("a")), int(m.group("b")), int(m.group("y"))
        readings = []
        for day, month in ((a, b), (b, a)):
            try:
                readings.append((day, month, _dt.date(y, month, day).weekday()))
            except ValueError:
                continue
        # flagged only when the weekday fits neither reading (the day-first one is reported)
        if readings and all(w != wd for _, _, w in readings):
            day, month, _ = readings[0]
            out.explicit.append(DateMention(m.start(), m.end(), m.group(0), day, month, y, wd,
                                            m.group("wd")))
    for m in RELATIVE_RE.finditer(text):
        if re.match(r"\s+programme|\s+show", text[m.end():m.end() + 12], re.I) or (
                m.group(0)[0].isupper() and m.start() > 0 and text[m.start() - 2:m.start()].strip()
                not in ("", ".", "!", "?", '"', "\u201c")):
            continue  # BBC Radio 4's Today programme, a show's name
        out.relative.append((m.start(), m.end(), m.group(0)))
    head = text[:300]
    out.has_dateline = bool(DATELINE_RE.search(head))
    return out


def _explicit(text: str, m: "re.Match[str]") -> DateMention | None:
    """A DATE_RE match as a date (with its weekday, before or after it), or None when it
    is not one ("may 5", the 31st of February)."""
    day_s = m.group("d1") or m.group("d2")
    mon_s = m.group("m1") or m.group("m2")
    year_s = m.group("y1") or m.group("y2")
    if not day_s or not mon_s:
        return None
    mon_key = mon_s.lower().rstrip(".")
    month = MONTH_NUMBERS.get(mon_key)
    if month is None:
        return None
    if mon_key == "may" and not m.group("wd") and not year_s and m.group("m2"):
        return None  # "may 5" is usually the verb
    day = int(re.match(r"\d+", day_s).group(0))
    wd_s = m.group("wd")
    wd = weekday_index(wd_s) if wd_s else None
    # the abbreviated weekday forms are too ambiguous without a comma or parenthesis
    if wd_s and len(wd_s.rstrip(".")) <= 4 and wd_s not in ("Mon", "Tue", "Wed", "Thu", "Fri",
                                                              "Sat", "Sun", "Tues", "Thur", "Thurs"):
        wd = None
    date_at = m.start("d1") if m.group("d1") else m.start("m2")
    has_paren = wd_s is not None and "(" in text[m.start():date_at]
    if has_paren and not m.group("close"):
        wd, wd_s = None, None   # "Tuesday (4 ..." never closed: not a weekday-date
    end = m.end() if has_paren and wd_s else m.end() - len(m.group("close") or "")
    if text[end - 1:end] == "." and not has_paren:
        end -= 1  # "4 Mar." at a sentence end: the full stop is not the date's
    start = m.start() if wd_s else date_at
    if not wd_s:
        t = TRAILING_WD_RE.match(text, end)
        # "(Tuesday" must close; ", a Tuesday" must end the phrase ("a Tuesday night" is not it)
        if t and ("(" not in t.group(0) or t.group("close")) and (
                "(" in t.group(0) or re.match(r"\s*[,.;)]", text[t.end():t.end() + 2])):
            wd_s = t.group("wd")
            wd = weekday_index(wd_s)
            end = t.end()
    try:
        _dt.date(int(year_s) if year_s else 2004, month, day)
    except ValueError:
        return None
    return DateMention(start, end, text[start:end], day, month, int(year_s) if year_s else None, wd, wd_s)
