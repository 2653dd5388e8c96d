"""Sentence rules: W301 long-sentence, W302 repeated-opener, W303 vague-attribution,
W304 unattributed-quote."""
from __future__ import annotations

import pytest

from conftest import lint


def flagged(text: str, code: str, **kw) -> list[str]:
    return [d.text for d in lint(text, code, **kw) if d.code == code]


# --- W301-W304 -------------------------------------------------------------------------------

def test_long_sentence_counts_words_not_punctuation():
    text = ", ".join(["word"] * 46) + "."
    assert len(flagged(text, "W301")) == 1
    assert flagged(", ".join(["word"] * 45) + ".", "W301") == []


def test_repeated_opener_flags_third_and_names_earlier():
    text = ("According to police, the car was stolen. According to witnesses, it was red. "
            "According to the owner, it was blue.")
    diags = [d for d in lint(text, "W302") if d.code == "W302"]
    assert [d.text for d in diags] == ["According to"] and len(diags[0].related) == 2


def test_repeated_opener_ignores_ordinary_openers():
    text = "The firm grew. The firm hired staff. The firm said it would expand. He said so. He said no. He said yes."
    assert flagged(text, "W302") == []


def test_vague_attribution():
    assert flagged("Critics say the scheme will cost more.", "W303") == ["Critics say"]
    assert flagged("It is believed the minister will resign.", "W303") == ["It is believed"]
    assert flagged("Critics such as John Smith say the scheme will cost more.", "W303") == []


def test_style_rules_do_not_fire_inside_quotations():
    text = '"Critics say it will fail, but we will go on regardless," the minister said.'
    assert flagged(text, "W303") == []


def test_unattributed_quote():
    bad = 'The river rose.\n\n"This is the worst flood we have seen in fifty years." The street was empty.'
    assert len(flagged(bad, "W304")) == 1
    good = '"This is the worst flood we have seen in fifty years," the mayor said.'
    assert flagged(good, "W304") == []
    chained = ('"We lost the house," she said. "The water came in at night and took everything we had."')
    assert flagged(chained, "W304") == []


def test_repeated_opener_is_one_finding_per_opener():
    text = ("According to police, the car was stolen. According to witnesses, it was red. "
            "According to the owner, it was blue. According to the insurer, it was green.")
    diags = [d for d in lint(text, "W302") if d.code == "W302"]
    assert len(diags) == 1 and "4 sentences" in diags[0].message
    assert len(diags[0].related) == 3  # the earlier two and the later one


@pytest.mark.parametrize("text", [
    # the speaker after the quotation, inverted, however the parser tags the name
    '"We are keeping an elevated threat level and watching this," said one cyber expert focused on health.',
    '"If his security staff can attack protesters, it raises serious concerns about all of us," Amrakhly said.',
    # a statement as the source, a participle with its head's subject, any verb beside the quote
    'The firm shut the plant. "We regret the decision and we will appeal against it," it said in a statement.',
    'Crockett spoke of that time, saying "When I first got to Congress, I was not sure at all."',
    '"She asked me what she should be doing in this moment, and what to know," Alsobrooks recounted.',
    # titles and names in quotation marks are not statements
    'The sponsors had a "Bunny Hop Stage, courtesy of YouTube," at the Egg Roll this spring.',
])
def test_attributed_quotations(text):
    assert flagged(text, "W304") == []
