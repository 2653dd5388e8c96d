"""Terms: rule C104 term-variant (word lists and the automatic parts)."""
from __future__ import annotations

import pytest

from conftest import flagged_texts, lint


def _codes(diags, code):
    return [d for d in diags if d.code == code]


_flagged = flagged_texts


# -- C104 ------------------------------------------------------------------------

@pytest.mark.parametrize("text,flag", [
    ("The government said taxes would fall. Critics said the Government was wrong.", "Government"),
    ("Fans bought anti-piracy kits. The antipiracy drive failed.", "antipiracy"),
    ("The co-star said filming was hard. Her costar agreed.", "costar"),
    ("Ministers want to legalise the drug. Others refuse to legalize it.", "legalize"),
    ("The US team won. The U.S. coach was pleased.", "U.S."),
    ("Mr Blair met Mrs Thatcher. Later Mr. Blair left.", "Mr."),
    ("Labour said taxes would rise. Tony Blair said Labour would win. Later, labour said it would act.",
     "labour"),
    ("Prices rose 5% in May. Wages rose 3 per cent.", "per cent"),
    ("The police keep a database of names. The data base holds a million entries.", "data base"),
])
def test_term_variant_automatic(text, flag):
    diags = _codes(lint(text, "C104"), "C104")
    assert _flagged(text, diags) == [flag]
    assert diags[0].related and diags[0].related[0].location.line == 1


def test_joined_name_reported_once():
    """Joined names belong to C101 when tagged as a person or organisation, else to C104."""
    text = "The Foo Fighters played on Friday. The FooFighters then flew home."
    diags = [d for d in lint(text, "C101", "C104") if d.code in ("C101", "C104")]
    assert _flagged(text, diags) == ["FooFighters"]


@pytest.mark.parametrize("text", [
    "Government ministers met on Monday. The government said it would act.",   # sentence-initial
    "Labour Plans Big Tax Cut\n\nThe plans were unveiled by the party on Monday.",  # headline
    "The Skulls program spread. Police found skulls in the cellar.",           # a name as modifier
    "He took a bank loan. The Bank raised rates. The Bank said inflation was low.",
    "The Standards and Privileges Committee met. Its standards are high.",
    "Open standards make the net work for everyone. The network grew.",          # noun + verb
    "Mr Blair met Dr Reid. Prices rose 5%, then 3%.",
    "Tony Blair said Labour would win. Critics of Labour disagreed. The cost of cheap labour rose.",
    "The National Council for Adoption met. Officials at the Council for Adoption said adoption is hard.",
])
def test_term_variant_quiet_cases(text):
    assert not _codes(lint(text, "C104"), "C104")


@pytest.mark.parametrize("text", [
    # capitals inside a quotation are the speaker's or the document's
    'The administration denied it. "The Administration has provided no evidence," the report said.',
    'The court ruled. "The Court cannot conclude this opinion," the judge wrote.',
    # a word inside a longer name, the short form of a name given in full, a title before a name
    "He was runner-up for Coach of the Year. He had coached one year.",
    "The Bank of England held rates. The Bank must wait, a bank analyst said.",
    "President Donald Trump spoke. Critics of the president disagreed.",
    # headlines and quoted statements abbreviate their own way
    "US forces leave Syria\n\nThe U.S. military said the move was planned.",
    'CNN said the US would act. "The U.S. will respond," a spokesman said.',
    # a name beside a word; a name keeps its own spelling; a noun is not a modifier
    "Millions rely on Medi-Cal. Fraud in medical billing rose.",
    "One survey from 21 Research Centre found support. The party was at the center of it.",
    "The long-term plan failed. Israel will hold the zone for the long term.",
    "Rates could reignite home buying and selling ahead of the spring homebuying season.",
])
def test_term_variant_conventions_that_are_not_variants(text):
    assert not _codes(lint(text, "C104"), "C104"), text


@pytest.mark.parametrize("text,flag", [
    # "a"/"an" before a capital is never a proper noun, even in a quotation
    ('The government cut pay. "For a Government that lectures everyone," he said, "this is rich."',
     "Government"),
    # spelling and hyphens in a quotation are the newsroom's transcription
    ('The non-invasive test worked. "The impressive noninvasive control is new," she said.', "noninvasive"),
    # the body still keeps one style
    ("US forces leave\n\nThe US team won. The U.S. coach was pleased.", "U.S."),
])
def test_term_variant_still_found(text, flag):
    assert _flagged(text, _codes(lint(text, "C104"), "C104")) == [flag]
