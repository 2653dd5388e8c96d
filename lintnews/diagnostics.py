"""Diagnostics: what every rule reports and every output format prints.

Positions are 1-based; columns count Unicode code points of the source line and
the end column is exclusive, so ``line[column-1:end_column-1]`` is the flagged text.
"""
from __future__ import annotations

import enum
import hashlib
from collections import Counter
from dataclasses import dataclass, field
from typing import Any


class Severity(enum.IntEnum):
    """Ordered so that ``severity >= Severity.WARNING`` reads naturally."""

    INFO = 0
    WARNING = 1
    ERROR = 2

    @classmethod
    def parse(cls, value: str | Severity) -> Severity:
        """``"warning"`` -> ``Severity.WARNING``; raises ValueError on anything else."""
        if isinstance(value, Severity):
            return value
        try:
            return cls[str(value).strip().upper()]
        except KeyError:
            raise ValueError(f"unknown severity {value!r} (expected info, warning or error)") from None

    def __str__(self) -> str:
        return self.name.lower()


@dataclass(frozen=True)
class Location:
    """A range of source text."""

    path: str
    line: int
    column: int
    end_line: int
    end_column: int

    def as_dict(self) -> dict[str, Any]:
        return {"path": self.path, "line": self.line, "column": self.column,
                "end_line": self.end_line, "end_column": self.end_column}


@dataclass(frozen=True)
class Related:
    """The other side of a discrepancy, with what it says there."""

    location: Location
    message: str

    def as_dict(self) -> dict[str, Any]:
        return {**self.location.as_dict(), "message": self.message}


@dataclass(frozen=True)
class Edit:
    """Replace source characters ``[start, end)`` (code-point offsets into the file) by ``text``."""

    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Fix:
    """One or more edits that together repair a finding."""

    message: str
    edits: tuple[Edit, ...]
    safe: bool = True

    def as_dict(self) -> dict[str, Any]:
        return {"message": self.message, "safe": self.safe,
                "edits": [{"start": e.start, "end": e.end, "text": e.text} for e in self.edits]}


@dataclass
class Diagnostic:
    """One finding, fully located in its source file."""

    path: str
    line: int
    column: int
    end_line: int
    end_column: int
    code: str
    rule: str
    severity: Severity
    message: str
    related: list[Related] = field(default_factory=list)
    fix: Fix | None = None
    text: str = ""  # the flagged source text (for baselines and fingerprints)

    @property
    def location(self) -> Location:
        return Location(self.path, self.line, self.column, self.end_line, self.end_column)

    def sort_key(self) -> tuple:
        return (self.path, self.line, self.column, self.code, self.message)

    def text_hash(self) -> str:
        """A short hash of the flagged text: stable when other lines move."""
        return hashlib.sha1(self.text.encode("utf-8")).hexdigest()[:16]

    def fingerprint(self, occurrence: int = 0) -> str:
        """Unique per finding, free of line numbers (GitLab and SARIF partial fingerprints)."""
        raw = "\0".join([self.path, self.code, self.text, self.message_no_lines(), str(occurrence)])
        return hashlib.sha256(raw.encode("utf-8", "surrogateescape")).hexdigest()  # any file name

    def message_no_lines(self) -> str:
        import re

        return re.sub(r"\bline \d+", "line #", self.message)

    def as_dict(self) -> dict[str, Any]:
        return {
            "path": self.path, "line": self.line, "column": self.column,
            "end_line": self.end_line, "end_column": self.end_column,
            "code": self.code, "rule": self.rule, "severity": str(self.severity),
            "message": self.message,
            "related": [r.as_dict() for r in self.related],
            "fix": self.fix.as_dict() if self.fix else None,
        }


def fingerprints(diags: list[Diagnostic]) -> list[str]:
    """A fingerprint for each diagnostic, unique in the list though free of line numbers:
    identical findings (same path, code, text and message) are told apart by their order."""
    seen: Counter = Counter()
    out = []
    for d in diags:
        base = (d.path, d.code, d.text, d.message_no_lines())
        out.append(d.fingerprint(seen[base]))
        seen[base] += 1
    return out
