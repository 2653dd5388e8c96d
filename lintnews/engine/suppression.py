"""In-text suppression: ``lintnews-disable``/``-enable``/``-disable-next-line`` directives,
and E003 for a directive that suppresses nothing or names no rule."""
from __future__ import annotations

from ..article import Article, Directive
from ..config import matches
from ..diagnostics import Diagnostic
from ..internal import internal_diagnostic


def apply_suppressions(art: Article, diags: list[Diagnostic], report_unused: bool,
                       active: list[tuple[str, str]] | None = None,
                       known: list[tuple[str, str]] | None = None) -> list[Diagnostic]:
    """Drop what disable/enable/disable-next-line directives cover; report unused ones (E003).

    ``active`` lists the (code, name) of the rules that ran: a directive for rules
    that did not run (deselected here) is not called unused. ``known`` lists every
    rule: a directive naming none of them is reported as a typo.
    """
    if not art.directives:
        return diags
    for dv in art.directives:
        dv.used = False
    lines_with_text = [i for i in range(1, art.line_count + 1) if art.line_text(i).strip()]
    kept = [d for d in diags if not _suppressed(art, d, lines_with_text)]
    if report_unused:
        kept.extend(_unused(art, active, known))
    return kept


def _suppressed(art: Article, d: Diagnostic, lines_with_text: list[int]) -> bool:
    """Whether a directive covers ``d`` (marking every directive that does as used)."""
    suppressed = False
    for dv in art.directives:
        if not _directive_covers(dv, d.code, d.rule):
            continue
        if dv.action == "disable-next-line":
            target = next((ln for ln in lines_with_text if ln > dv.location.end_line), None)
            hit = target is not None and d.line <= target <= d.end_line or d.line == target
        elif dv.action == "disable":
            end = _enable_line(art.directives, dv, d.code, d.rule)
            hit = dv.line < d.line < end or (dv.line == d.line and d.column > dv.location.end_column)
        else:
            continue
        if hit:
            dv.used = suppressed = True
    return suppressed


def _unused(art: Article, active: list[tuple[str, str]] | None,
            known: list[tuple[str, str]] | None) -> list[Diagnostic]:
    """E003 for each directive that suppressed nothing or names no known rule."""
    out = []
    for dv in art.directives:
        if dv.used:
            continue
        message = None
        unknown = [c for c in dv.codes if known is not None
                   and not any(matches(c, code, name) for code, name in known)]
        if unknown:
            message = (f"lintnews-{dv.action} names no rule: {', '.join(unknown)} "
                       f"(see `lintnews rules`)")
        elif dv.action == "enable":
            continue
        elif not dv.codes or active is None or any(
                matches(c, code, name) for c in dv.codes for code, name in active):
            what = " ".join(dv.codes) or "all rules"
            message = f"lintnews-{dv.action} for {what} suppresses nothing; remove it"
        if message is None:
            continue  # its rules did not run here: nothing to say
        loc = dv.location
        start = art.source_index(loc.line, loc.column)
        out.append(internal_diagnostic(
            "E003", art.path, message, loc.line, loc.column, loc.end_line, loc.end_column,
            text=art.source[start:art.source_index(loc.end_line, loc.end_column)]))
    return out


def _directive_covers(d: Directive, code: str, name: str) -> bool:
    return not d.codes or any(matches(c, code, name) for c in d.codes)


def _enable_line(directives: list[Directive], dv: Directive, code: str, name: str) -> int:
    for other in directives:
        if other.action == "enable" and other.line > dv.line and _directive_covers(other, code, name):
            return other.line
    return 10 ** 9
