"""Every rule's YAML examples are tests: bad flags exactly its [[span]], good flags nothing."""
from __future__ import annotations

import pytest

from conftest import lint, offset_of, strip_marks
from lintnews.registry import load_rules

RULES = load_rules()
BAD = [(r, i, ex) for r in RULES for i, ex in enumerate(r.examples.get("bad", []))]
GOOD = [(r, i, ex) for r in RULES for i, ex in enumerate(r.examples.get("good", []))]


@pytest.mark.parametrize("rule", RULES, ids=lambda r: f"{r.code}-{r.name}")
def test_every_rule_has_two_examples_of_each(rule):
    assert len(rule.examples.get("bad", [])) >= 2, f"{rule.code} needs two bad examples"
    assert len(rule.examples.get("good", [])) >= 2, f"{rule.code} needs two good examples"


@pytest.mark.parametrize("rule,i,example", BAD, ids=lambda x: getattr(x, "code", str(x))[:20])
def test_bad_example_flags_exactly_its_span(rule, i, example):
    text, spans = strip_marks(example)
    diags = [d for d in lint(text, rule.code) if d.code == rule.code]
    flagged = sorted((offset_of(text, d.line, d.column), offset_of(text, d.end_line, d.end_column))
                     for d in diags)
    assert flagged == sorted(spans), (
        f"{rule.code} on {text!r}: flagged {[text[s:e] for s, e in flagged]}, "
        f"expected {[text[s:e] for s, e in spans]}; messages: {[d.message for d in diags]}")


@pytest.mark.parametrize("rule,i,example", GOOD, ids=lambda x: getattr(x, "code", str(x))[:20])
def test_good_example_flags_nothing(rule, i, example):
    diags = [d for d in lint(example, rule.code) if d.code == rule.code]
    assert not diags, f"{rule.code} flagged {[(d.text, d.message) for d in diags]} in {example!r}"
