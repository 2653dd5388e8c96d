"""Output formats: one module each, all rendering a list of Diagnostics to a string."""
from __future__ import annotations

import importlib
from dataclasses import dataclass, field
from typing import Any

from ..diagnostics import Diagnostic

FORMATS = ("concise", "full", "json", "jsonl", "sarif", "github", "gitlab", "html")


@dataclass
class ReportContext:
    """What a format may need besides the diagnostics."""

    rules: list[Any] = field(default_factory=list)       # registry.Rule objects
    sources: dict[str, str] = field(default_factory=dict)  # path -> source text (for `full`)
    color: bool = False
    version: str = ""
    files_checked: int = 0
    width: int = 0  # `full`: cells per line; 0 = the terminal's (report.full.terminal_width)


def render(fmt: str, diags: list[Diagnostic], ctx: ReportContext) -> str:
    """Render diagnostics in one of FORMATS."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r} (one of {', '.join(FORMATS)})")
    module = importlib.import_module(f"{__name__}.{fmt}")
    return module.render(diags, ctx)
