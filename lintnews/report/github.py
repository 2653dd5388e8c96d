"""GitHub Actions workflow commands, most severe first, ending with a summary.

GitHub shows at most 10 annotations of each level per step, so errors go first
and the summary line says how many there were in all.
"""
from __future__ import annotations

from collections import Counter

from ..diagnostics import Severity

LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def _esc_data(s: str) -> str:
    return s.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _esc_prop(s: str) -> str:
    return _esc_data(s).replace(":", "%3A").replace(",", "%2C")


def render(diags, ctx) -> str:
    ordered = sorted(diags, key=lambda d: (-int(d.severity), d.path, d.line, d.column))
    out = []
    for d in ordered:
        msg = d.message
        if d.related:
            msg += "".join(f"\n{r.location.path}:{r.location.line}:{r.location.column}: {r.message}"
                           for r in d.related)
        props = (f"file={_esc_prop(d.path)},line={d.line},col={d.column},endLine={d.end_line},"
                 f"endColumn={d.end_column},title={_esc_prop(f'{d.code} {d.rule}')}")
        out.append(f"::{LEVEL[d.severity]} {props}::{_esc_data(msg)}")
    counts = Counter(d.severity for d in diags)
    summary = (f"lintnews: {len(diags)} finding(s) in {ctx.files_checked} file(s): "
               f"{counts[Severity.ERROR]} error(s), {counts[Severity.WARNING]} warning(s), "
               f"{counts[Severity.INFO]} info")
    if len(diags) > 10:
        summary += " (GitHub shows at most 10 annotations per level; see the job log for all)"
    out.append(summary)
    return "\n".join(out) + "\n"
