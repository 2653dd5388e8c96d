"""W104 broken-phrase: a word dropped or left over, read from the tagger."""
from __future__ import annotations

import pytest

from conftest import lint


def w104(text: str) -> list[str]:
    return [d.text for d in lint(text, "W104") if d.code == "W104"]


def test_one_finding_per_slip_and_no_fix():
    diags = [d for d in lint("The delay could also led to costs. Fines of than $1m followed.", "W104")]
    assert [d.text for d in diags] == ["could also led", "of than"]
    assert all(d.fix is None for d in diags)
    assert "could have led" in diags[0].message and "could lead" in diags[0].message


@pytest.mark.parametrize("text", [
    "Brian May said the band would tour. Will told reporters he agreed.",  # names, not modals
    "They had the added advantage of a strong pound.",                   # a participle before a noun
    "It cost more than $1m, rather than the £2m other than that expected.",
    "Queen's May performed, and the will of the people was clear.",
])
def test_look_alikes_pass(text):
    assert w104(text) == []
