"""Shared helpers: lint a string with chosen rules, in-process."""
from __future__ import annotations

import datetime as _dt
import re
from functools import lru_cache

import pytest

from lintnews.engine import Engine, RunOptions
from lintnews.examples import SPAN, strip_marks  # noqa: F401  (one implementation, for tests too)


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


def flagged_texts(text: str, diags) -> list[str]:
    """The text each (single-line) diagnostic flags, read back from its line of ``text``."""
    lines = text.split("\n")
    return [lines[d.line - 1][d.column - 1:d.end_column - 1] for d in diags]


def offset_of(text: str, line: int, column: int) -> int:
    """Text offset of a 1-based (line, column)."""
    lines = text.split("\n")
    return sum(len(x) + 1 for x in lines[:line - 1]) + column - 1


@pytest.fixture
def lint_fn():
    return lint


# -- helpers for the engine/CLI tests (additive) ------------------------------------------
import os as _os
import subprocess as _subprocess
import sys as _sys
import textwrap as _textwrap
from pathlib import Path as _Path

REPO = _Path(__file__).resolve().parent.parent


def run_cli(*args: str, cwd=None, input: str | bytes | None = None, env: dict | None = None,
            timeout: float = 180) -> _subprocess.CompletedProcess:
    """Run ``python -m lintnews ARGS`` in a real subprocess; text stdout/stderr."""
    full_env = {**_os.environ, "NO_COLOR": "1", **(env or {})}
    full_env.pop("LINTNEWS_DEBUG", None)
    data = input.encode("utf-8") if isinstance(input, str) else input
    proc = _subprocess.run([_sys.executable, "-m", "lintnews", *args], cwd=cwd, input=data,
                           capture_output=True, env=full_env, timeout=timeout)
    return _subprocess.CompletedProcess(proc.args, proc.returncode,
                                        proc.stdout.decode("utf-8", "replace"),
                                        proc.stderr.decode("utf-8", "replace"))


def write(path: _Path, text: str | bytes) -> _Path:
    """Write a file (dedented text, or bytes as they are), creating its folder."""
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(_textwrap.dedent(text), encoding="utf-8", newline="")
    return path


REGEX_RULE = """\
- code: X901
  name: marked-word
  kind: regex
  severity: warning
  summary: Flags every word written between pipes, for tests.
  options:
    pattern: '\\|([^|\\n]+)\\|'
    group: 1
    message: "flagged «{match}»"
"""


def source_range(source: str, line: int, column: int, end_line: int, end_column: int) -> str:
    """The source text between 1-based (line, column) and (end_line, end_column), exclusive."""
    # line breaks as editors count them: \n, \r\n and a lone \r
    starts = [0] + [m.end() for m in re.finditer(r"\r\n?|\n", source)]

    def off(ln: int, col: int) -> int:
        return starts[ln - 1] + col - 1
    return source[off(line, column):off(end_line, end_column)]


# Rules of the generic kinds, for tests that must not depend on the built-in rules' wording.
TEST_RULES = """\
- code: X101
  name: email-variant
  kind: variants
  severity: warning
  summary: e-mail and email in one article.
  options:
    sets: [[e-mail, email]]
    message: "'{match}' here, but the article first writes '{first}' (line {line})"
- code: X102
  name: gift
  kind: phrase
  severity: info
  summary: A redundant gift.
  options:
    phrases: {free gift: gift}
    replacement_message: "'{match}' is redundant: '{replacement}' says the same"
""" + REGEX_RULE


def project(root: _Path, config: str = "", rules: str = TEST_RULES) -> _Path:
    """A folder with lintnews.toml (``rule-dirs = ["rules"]`` plus ``config``) and test rules."""
    write(root / "rules" / "test.yml", rules)
    write(root / "lintnews.toml", 'rule-dirs = ["rules"]\n' + _textwrap.dedent(config))
    return root


def read_pty(master: int) -> bytes:
    """Everything written to a pseudo-terminal until its other end closes; closes ``master``."""
    out = b""
    while True:
        try:
            chunk = _os.read(master, 65536)
        except OSError:  # EIO once the child side is closed
            break
        if not chunk:
            break
        out += chunk
    _os.close(master)
    return out
