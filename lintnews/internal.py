"""The internal codes (E001-E003): the one table that sources, engine, ``rules`` and
``explain`` read, and the helper that builds their diagnostics.

They are not YAML rules: no kind produces them, ``select`` never turns them off
(an unreadable file or a broken rule must never pass silently), only ``ignore``.
"""
from __future__ import annotations

from dataclasses import dataclass

from .diagnostics import Diagnostic, Severity


@dataclass(frozen=True)
class InternalCode:
    """One internal code, documented like a rule."""

    code: str
    name: str
    severity: Severity
    summary: str  # one line, as `lintnews rules` and SARIF show a rule's
    explain: str  # more, shown by `lintnews explain`


INTERNAL_CODES: dict[str, InternalCode] = {c.code: c for c in (
    InternalCode("E001", "unreadable", Severity.ERROR,
                 "A file that cannot be read, decoded or parsed (no permission, a symbolic-link loop, "
                 "not a regular file, binary, invalid UTF-8), or a folder that cannot be listed.",
                 "The run goes on with the other files. The message says what is wrong (for invalid "
                 "UTF-8, the byte offset). An empty file, or one with no prose in it (an empty "
                 "draft), is reported at info level: it never fails a run. Silence it with "
                 "ignore = [\"E001\"] or per-file-ignores."),
    InternalCode("E002", "rule-error", Severity.ERROR,
                 "A rule raised an error on this file, or the file's time budget ran out.",
                 "The message names the rule (or the parse) and what was skipped; the findings made "
                 "before it are kept and the run goes on. For the time budget, raise `time-budget` "
                 "(or set it to 0)."),
    InternalCode("E003", "unused-suppression", Severity.WARNING,
                 "A lintnews-disable directive that suppresses nothing.",
                 "Remove the directive, or correct the rule it names. A directive for a rule that "
                 "did not run on this file (not selected here) is not reported."),
)}


def internal_diagnostic(code: str, path: str, message: str, line: int = 1, column: int = 1,
                        end_line: int | None = None, end_column: int | None = None,
                        text: str = "", severity: Severity | None = None) -> Diagnostic:
    """A Diagnostic for internal ``code`` at (line, column); an empty range unless the end is
    given; the code's severity unless ``severity`` says otherwise (an empty file is info)."""
    c = INTERNAL_CODES[code]
    return Diagnostic(path=path, line=line, column=column,
                      end_line=line if end_line is None else end_line,
                      end_column=column if end_column is None else end_column,
                      code=c.code, rule=c.name, severity=c.severity if severity is None else severity,
                      message=message, text=text)


def internal_rules() -> list[tuple[str, str]]:
    """(code, name) of every internal code, for selector and directive checks."""
    return [(c.code, c.name) for c in INTERNAL_CODES.values()]
