"""Every rule's YAML examples are tests: bad flags exactly its [[span]], good flags nothing
(through lintnews.examples, the code `lintnews check-rules` runs for house rules)."""
from __future__ import annotations

import pytest

from conftest import lint
from lintnews.examples import check_example
from lintnews.registry import load_rules

RULES = load_rules()
BAD = [(r, i, ex) for r in RULES for i, ex in enumerate(r.examples.get("bad", []))]
GOOD = [(r, i, ex) for r in RULES for i, ex in enumerate(r.examples.get("good", []))]


def lint_rule(text: str, rule) -> list:
    return lint(text, rule.code)


@pytest.mark.parametrize("rule", RULES, ids=lambda r: f"{r.code}-{r.name}")
def test_every_rule_has_two_examples_of_each(rule):
    assert len(rule.examples.get("bad", [])) >= 2, f"{rule.code} needs two bad examples"
    assert len(rule.examples.get("good", [])) >= 2, f"{rule.code} needs two good examples"


@pytest.mark.parametrize("rule,i,example", BAD, ids=lambda x: getattr(x, "code", str(x))[:20])
def test_bad_example_flags_exactly_its_span(rule, i, example):
    result = check_example(rule, "bad", i, example, lint_rule)
    assert result.ok, result.describe()


@pytest.mark.parametrize("rule,i,example", GOOD, ids=lambda x: getattr(x, "code", str(x))[:20])
def test_good_example_flags_nothing(rule, i, example):
    result = check_example(rule, "good", i, example, lint_rule)
    assert result.ok, result.describe()
