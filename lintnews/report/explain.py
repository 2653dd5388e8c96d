"""``lintnews explain``: a rule's documentation as text, its examples with the flagged
text shown (underlined on a terminal, between « and » elsewhere; never raw ``[[ ]]``)."""
from __future__ import annotations

from typing import Any

from ..examples import mark_spans

UNDERLINE, NO_UNDERLINE = "\x1b[4;1m", "\x1b[0m"


def render_rule(r: Any, styled: bool = False) -> str:
    """The text ``lintnews explain`` prints for rule ``r``; ``styled``: underline the flagged
    text with terminal codes (else « »)."""
    opening, closing = (UNDERLINE, NO_UNDERLINE) if styled else ("«", "»")
    lines = [f"{r.code} {r.name} ({r.severity}, kind: {r.kind})", "", r.summary]
    if r.explain:
        lines += ["", r.explain]
    if r.options:
        simple = {k: v for k, v in r.options.items() if not isinstance(v, (list, dict)) or len(str(v)) < 80}
        if simple:
            lines += ["", "Options:"] + [f"  {k} = {v!r}" for k, v in simple.items()]
    for label, key in (("Flagged", "bad"), ("Not flagged", "good")):
        if r.examples.get(key):
            lines += ["", f"{label}{' (the flagged text between « »)' if key == 'bad' and not styled else ''}:"]
            lines += ["  " + mark_spans(x, opening, closing).replace("\n", "\n  ") for x in r.examples[key]]
    lines += ["", f"Silence it: <!-- lintnews-disable-next-line {r.code} -- reason --> or "
                  f"ignore = [\"{r.code}\"] in [tool.lintnews]."]
    return "\n".join(lines)
