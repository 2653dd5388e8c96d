"""Shared helpers: lint a string with chosen rules, in-process."""
from __future__ import annotations

import datetime as _dt
import re
from functools import lru_cache

import pytest

from lintnews.engine import Engine, RunOptions

SPAN = re.compile(r"\[\[(.*?)\]\]", re.S)


@lru_cache(maxsize=64)
def engine_for(select: tuple[str, ...], date: str | None = None, options: tuple = ()) -> Engine:
    """An engine that ignores config files and runs only ``select``."""
    overrides = {"select": select}
    if options:
        from lintnews.config import Config  # rule options as [tool.lintnews.rules.X]

        overrides["rules"] = options
    return Engine(RunOptions(overrides=overrides, isolated=True,
                             date=_dt.date.fromisoformat(date) if date else None))


def lint(text: str, *select: str, name: str = "example.txt", date: str | None = None,
         options: tuple = ()) -> list:
    """Diagnostics for ``text`` from the selected rules only."""
    return engine_for(tuple(select), date, options).lint_text(text, name)


def strip_marks(marked: str) -> tuple[str, list[tuple[int, int]]]:
    """'a [[b]] c' -> ('a b c', [(2, 3)]): the text and the spans to flag (text offsets)."""
    spans, out, pos = [], [], 0
    for m in SPAN.finditer(marked):
        out.append(marked[pos:m.start()])
        start = sum(len(x) for x in out)
        out.append(m.group(1))
        spans.append((start, start + len(m.group(1))))
        pos = m.end()
    out.append(marked[pos:])
    return "".join(out), spans


def offset_of(text: str, line: int, column: int) -> int:
    """Text offset of a 1-based (line, column)."""
    lines = text.split("\n")
    return sum(len(x) + 1 for x in lines[:line - 1]) + column - 1


@pytest.fixture
def lint_fn():
    return lint
