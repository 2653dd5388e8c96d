"""W202 for a dash or hyphen spaced on one side only."""
from __future__ import annotations

import lintnews
from conftest import lint


def w202(text: str) -> list:
    return [d for d in lint(text, "W202") if d.code == "W202"]


def fixed(text: str, unsafe: bool = False) -> str:
    return lintnews.fix_text(text, config=lintnews.Config(select=["W202"]), unsafe=unsafe)


def test_the_fix_follows_the_articles_other_dashes():
    assert fixed("The plan — the first — failed. He made a bid— though.") == \
        "The plan — the first — failed. He made a bid — though."
    assert fixed("The deal—signed—held. He made a bid— though.") == "The deal—signed—held. He made a bid—though."
    assert fixed("Officials left Canada —adding that talks would resume.") == \
        "Officials left Canada —adding that talks would resume."  # no other dash: a guess
    assert fixed("Officials left Canada —adding that talks would resume.", unsafe=True) == \
        "Officials left Canada — adding that talks would resume."


def test_a_lopsided_hyphen_has_no_fix_and_suspended_hyphens_pass():
    (d,) = w202("A thinly -veiled attack on medium- and long-term loans, and full-time and -part-time staff.")
    assert d.text == " -" and d.fix is None
