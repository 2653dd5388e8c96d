"""W202: a sentence glued to the one before after a number, an abbreviation or a closing
mark, one finding per junction (W201 leaves a glued straight mark to W202)."""
from __future__ import annotations

import pytest

import lintnews
from conftest import lint


def codes(text: str) -> list[tuple[str, str]]:
    return [(d.code, d.text) for d in lint(text, "W202", "W201")]


@pytest.mark.parametrize("text,junction", [
    ("Output fell in 2022.US crude prices rose.", ".U"),
    ("It happened in the U.S.Officials said so.", ".O"),
    ("They left Travel.“It was fun,” he said.", ".“I"),
    ("“We won.”“It was great,” she added.", ".”“I"),
    ('It orbits the Moon."According to NASA, it is.', '."A'),
])
def test_one_junction_one_finding(text, junction):
    assert codes(text) == [("W202", junction)]


def test_the_space_goes_between_a_closing_and_an_opening_mark():
    fix = lintnews.fix_text("“We won.”“It was great,” she added. They left Travel.‘It was fun,’ he said.",
                            config=lintnews.Config(select=["W202"]))
    assert fix == "“We won.” “It was great,” she added. They left Travel. ‘It was fun,’ he said."


@pytest.mark.parametrize("text", [
    "Rates rose 3.5% and bbc.co.uk, Amazon.com and www.Example.Org reported it at 10.30.",
    "J.R.R. Tolkien's U.S.A. rights and version 2.0.1 sold in the U.S. on Monday.",
    "The U.S.-based firm met at 9 p.m. and the U.K.'s envoy left.",
])
def test_decimals_domains_initials_abbreviations_and_versions_pass(text):
    assert codes(text) == []
