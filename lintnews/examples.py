"""A rule's YAML examples are its tests: every ``bad`` example must flag exactly the text
marked ``[[...]]`` and nothing else, every ``good`` example nothing.

The one implementation behind ``lintnews check-rules`` (house rules) and the test suite
(built-in rules). It does not lint by itself: the caller passes ``lint(text, rule)``,
which checks ``text`` with that rule alone (the public API's ``lint_text`` does).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Callable, Iterable

from .article import line_starts
from .diagnostics import Diagnostic
from .registry import Rule

SPAN = re.compile(r"\[\[(.*?)\]\]", re.S)
Lint = Callable[[str, Rule], list[Diagnostic]]


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


def mark_spans(marked: str, opening: str, closing: str) -> str:
    """An example with its ``[[...]]`` markers shown another way (``«`` and ``»``, or a
    terminal's underline on and off)."""
    return SPAN.sub(lambda m: f"{opening}{m.group(1)}{closing}", marked)


@dataclass
class ExampleResult:
    """One example checked: what it should flag, what the rule flagged instead."""

    rule: Rule
    kind: str  # "bad" or "good"
    index: int  # 0-based, in the rule's list
    example: str
    expected: list[str] = field(default_factory=list)  # the marked texts
    found: list[tuple[str, str]] = field(default_factory=list)  # (flagged text, message)
    errors: list[str] = field(default_factory=list)  # E002: the rule failed on it
    ok: bool = True

    def describe(self) -> str:
        """What failed, in a line or two: which example, what was expected, what was found."""
        where = f"{self.rule.source}: {self.rule.code} {self.rule.name}: {self.kind} example {self.index + 1}"
        expected = ", ".join(repr(t) for t in self.expected) or "nothing"
        found = ", ".join(f"{t!r} ({m})" for t, m in self.found) or "nothing"
        out = f"{where}: {self.example!r}\n    expected {expected}; found {found}"
        return out + "".join(f"\n    rule error: {e}" for e in self.errors)


def _offset(starts: list[int], line: int, column: int) -> int:
    return starts[min(line, len(starts)) - 1] + column - 1


def check_example(rule: Rule, kind: str, index: int, example: str, lint: Lint) -> ExampleResult:
    """Lint one example with ``rule`` alone and compare what it flags with its marks."""
    text, spans = strip_marks(example) if kind == "bad" else (example, [])
    diags = lint(text, rule)
    starts = line_starts(text)
    mine = [d for d in diags if d.code == rule.code]
    flagged = sorted((_offset(starts, d.line, d.column), _offset(starts, d.end_line, d.end_column), d.message)
                     for d in mine)
    errors = [d.message for d in diags if d.code == "E002"]
    ok = [(s, e) for s, e, _ in flagged] == sorted(spans) and not errors
    return ExampleResult(rule, kind, index, example, expected=[text[s:e] for s, e in sorted(spans)],
                         found=[(text[s:e], m) for s, e, m in flagged], errors=errors, ok=ok)


def check_rules(rules: Iterable[Rule], lint: Lint) -> list[ExampleResult]:
    """Every example of every rule, bad ones first, in the rules' order."""
    return [check_example(r, kind, i, ex, lint) for r in rules for kind in ("bad", "good")
            for i, ex in enumerate(r.examples.get(kind, []))]
