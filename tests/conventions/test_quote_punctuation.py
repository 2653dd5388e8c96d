"""C105: a full stop or comma inside a quoted phrase's closing mark here, outside it there."""
from __future__ import annotations

import pytest

from conftest import lint


def c105(text: str) -> list:
    return [d for d in lint(text, "C105") if d.code == "C105"]


def test_the_minority_placement_is_flagged_once_with_the_other_related():
    text = ('He called it "a fraud". She called it "a joke", and they said "a sham".\n\n'
            'Later he called it "a disgrace." Then "a farce."')
    (d,) = c105(text)
    assert d.text == '."' and d.line == 3 and "2 to 3" not in d.message and "3 to 2" in d.message
    assert d.related[0].location.line == 1


@pytest.mark.parametrize("text", [
    # a whole quoted sentence keeps its full stop inside in British style too
    'He said: "We will win." She called it "a disgrace".',
    # a quotation that goes on after the attribution is one sentence, not a phrase
    '"We will win," he said, "and we will fight." She called it "a joke".',
    # a longer quotation may be a whole clause of the source
    'The court found "extreme mental, physical and emotional pain and suffering." He called it "a sham".',
    # question and exclamation marks go where the sense puts them
    'Fans chanted "out, out!" and called the owner "a disgrace".',
])
def test_what_is_not_the_same_construction_passes(text):
    assert c105(text) == []
