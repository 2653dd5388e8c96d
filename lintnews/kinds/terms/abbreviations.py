"""C104 part: title abbreviations with and without a full stop (Mr/Mr., Dr/Dr.), and
a percentage written two ways (5%/5 per cent)."""
from __future__ import annotations

import re
from typing import Iterable

from ...lexicon import TITLE_ABBREVIATIONS
from ..base import Context, Finding
from ..findings import quoted
from .common import counted, first_form_sets

_TITLE_ABBR = re.compile(r"(?<![\w.])(" + "|".join(TITLE_ABBREVIATIONS) + r")(\.?)(?= [A-Z])")
_PERCENT = re.compile(r"\d(\s?%|\s+per\s+cent\b|\s+percent\b|\s+pc\b)")



def abbreviations(ctx: Context) -> Iterable[Finding]:
    """Title abbreviations with and without a full stop (Mr/Mr., Dr/Dr.), and 5%/5 per cent.

    The dot is one house-style choice for all titles, so "Mr Blair ... Dr. Fox" counts.
    """
    text = ctx.article.text
    body = ctx.article.body_start()
    titles = [(body + m.start(), body + m.end(), "with a full stop" if m.group(2) else "without a full stop")
              for m in _TITLE_ABBR.finditer(text[body:])]
    for f in first_form_sets(ctx, counted(ctx, titles), ""):
        t = text[f.start:f.end]
        other = text[f.related[0][0]:f.related[0][1]]
        f.message = (f"{quoted(t)} here, but line {ctx.article.line_of(f.related[0][0])} writes "
                     f"{quoted(other)} (title abbreviations {'without' if '.' in t else 'with'} a full stop)")
        f.related = [(f.related[0][0], f.related[0][1], f"written {quoted(other)} here")]
        yield f
    pct = []
    for m in _PERCENT.finditer(text[body:]):
        form = re.sub(r"\s+", " ", m.group(1).strip().lower())
        pct.append((body + m.end(1) - len(m.group(1).lstrip()), body + m.end(1), form))
    yield from first_form_sets(ctx, counted(ctx, pct), "")
