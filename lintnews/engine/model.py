"""What the engine's modules pass each other: run options, active rules, per-file results."""
from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterator

from ..article import Article
from ..config import Config
from ..diagnostics import Diagnostic, Severity
from ..registry import Rule


@dataclass
class RunOptions:
    """What the caller asks for, on top of (or instead of) the config files."""

    overrides: dict[str, Any] = field(default_factory=dict)  # Config fields, as flags give them
    config: Config | None = None  # used for every file instead of the config files found
    config_file: Path | None = None  # read once and used for every file (--config)
    date: _dt.date | None = None
    stdin_filename: str | None = None
    cache: bool = False  # the CLI turns it on; the API and tests do not write caches by default
    jobs: int | None = None
    isolated: bool = False  # ignore every config file (tests, --isolated)
    force_exclude: bool = False  # include/exclude apply to files named outright too


@dataclass
class ActiveRule:
    """A rule that runs here: its kind built with its options, its effective severity."""

    rule: Rule
    kind: Any
    severity: Severity


@dataclass
class FileResult:
    """Everything found in one file.

    ``source`` is the decoded source when there is no Article (cache hits, results
    from worker processes). After ``--fix``/``--diff``, ``original`` and ``fixed``
    hold the text before and after, ``fixes_applied`` how many fixes that took, and
    ``not_written`` says why a fixed file was left as it was.
    """

    path: str
    diagnostics: list[Diagnostic]
    article: Article | None = None
    source: str | None = None
    original: str | None = None
    fixed: str | None = None
    not_written: str | None = None
    from_stdin: bool = False  # read from standard input: never written back
    fixes_applied: int = 0  # after --fix/--diff: the fixes that made ``fixed``

    def unified_diff(self) -> str:
        """The fixes as a unified diff (``a/path`` -> ``b/path``); empty when nothing changed."""
        if self.fixed is None or self.original is None or self.fixed == self.original:
            return ""
        from ..fixes import unified_diff

        return unified_diff(self.path, self.original, self.fixed)

    def fixed_bytes(self) -> bytes | None:
        """The fixed text encoded as the input was (encoding, BOM); None when not fixed."""
        if self.fixed is None or self.article is None:
            return None
        from ..fixes import encode

        return encode(self.fixed, self.article.encoding, self.article.bom)

    def source_text(self) -> str | None:
        """The source the diagnostics point into (for reports), if known."""
        return self.article.source if self.article is not None else self.source


class BrokenKind:
    """Stands in for a kind that cannot be imported: every check reports why (E002)."""

    requires: frozenset[str] = frozenset()

    def __init__(self, why: str) -> None:
        self.why = why

    def check(self, ctx: Any) -> Iterator[Any]:
        raise ImportError(self.why)
