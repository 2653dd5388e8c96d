"""``--format html``: each article's text with its findings highlighted in place, a hover
title and a numbered note for each, and links between a conflict's two sides.

The page is one file that loads nothing and runs nothing (a Content-Security-Policy says
so to the browser too); every piece of article text, message and file name is escaped
by the template engine. The templates and the style sheet are shared with the audit report.
"""
from __future__ import annotations

import datetime as _dt
from collections import Counter
from pathlib import Path
from typing import Any

from ..article import line_starts
from ..diagnostics import Diagnostic, Severity
from . import spans

TEMPLATES = Path(__file__).with_name("templates")


def environment() -> Any:
    """The Jinja environment of every HTML output: autoescaped, undefined names are errors."""
    import jinja2

    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(TEMPLATES)), autoescape=True,
                             undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True)
    env.filters["plural"] = plural
    return env


def plural(n: int, noun: str) -> str:
    """'1 finding', '2,345 findings'."""
    return f"{n:,} {noun}{'' if n == 1 else 's'}"


def render(diags: list[Diagnostic], ctx: Any) -> str:
    by_path: dict[str, list[Diagnostic]] = {}
    for path in ctx.sources:
        by_path.setdefault(path, [])
    for d in diags:
        by_path.setdefault(d.path, []).append(d)
    files = [file_view(k, path, ctx.sources.get(path), ds) for k, (path, ds) in enumerate(by_path.items())]
    counts = Counter(d.severity for d in diags)
    return environment().get_template("check.html.j2").render(
        title="lintnews findings", version=ctx.version, generated=_now(), files=files, total=len(diags),
        counts=[(str(s), counts[s]) for s in sorted(counts, reverse=True)])


def file_view(k: int, path: str, source: str | None, diags: list[Diagnostic]) -> dict[str, Any]:
    """What the template needs for one file: its segments (None without a source) and notes."""
    diags = sorted(diags, key=Diagnostic.sort_key)
    notes = [_note(i, d, path) for i, d in enumerate(diags)]
    view: dict[str, Any] = {"anchor": f"a{k}", "path": path, "notes": notes, "segments": None}
    if source is None:
        return view
    starts = line_starts(source)
    ranges = []
    for i, d in enumerate(diags):
        ranges.append((*spans.span(source, starts, d.location), i, -1))
        for j, r in enumerate(d.related):
            if r.location.path == path:
                ranges.append((*spans.span(source, starts, r.location), i, j))
    view["segments"] = [_segment(s, diags) for s in spans.segments(source, ranges)]
    return view


def _note(i: int, d: Diagnostic, path: str) -> dict[str, Any]:
    others = [{"where": f"line {r.location.line}:{r.location.column}" if r.location.path == path
               else f"{r.location.path}:{r.location.line}:{r.location.column}",
               "anchor": spans.anchor_id(i, j) if r.location.path == path else None, "message": r.message}
              for j, r in enumerate(d.related)]
    return {"d": d, "severity": str(d.severity), "anchor": spans.anchor_id(i), "others": others,
            "title": f"{d.code} {d.rule} ({d.severity}): {d.message}"}


def _segment(s: spans.Segment, diags: list[Diagnostic]) -> dict[str, Any]:
    """A segment's class (its most severe finding, else 'other') and hover title."""
    cls, title = "", ""
    if s.findings:
        worst = max((diags[f] for f in s.findings), key=lambda d: int(d.severity))
        cls = str(worst.severity)
        title = "\n".join(f"{diags[f].code} ({diags[f].severity}): {diags[f].message}" for f in s.findings)
    elif s.others:
        cls = "other"
        title = "\n".join(f"the other side of {diags[f].code}: {diags[f].related[j].message}"
                          for f, j in s.others)
    return {"text": s.text, "cls": cls, "title": title, "anchors": s.anchors, "notes": s.notes}


def _now() -> str:
    return _dt.datetime.now().astimezone().strftime("%Y-%m-%d %H:%M %Z").strip()
