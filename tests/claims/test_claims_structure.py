"""C201 and C207 read from the parse, not from wordings: a common noun swapped in the same
role of a retelling (and the elaborations that are not swaps), and speakers named in a
relative clause, a neighbouring sentence, "in X's words", by a title, or by any verb of
saying or writing."""
from __future__ import annotations

import pytest

from lintnews.facts import Facts
from lintnews.facts.claims import is_alias
from lintnews.nlp import load, resolve_model
from lintnews.sources import parse as parse_article

from conftest import flagged_texts, lint


def _flagged(diags, text):
    """(line, flagged text) of each diagnostic."""
    return list(zip((d.line for d in diags), flagged_texts(text, diags)))


def _story(first: str, later: str) -> str:
    return f"{first}\n\nThe story went on in between.\n\n{later}"


# -- C201: a common noun in another's place -----------------------------------------------------

@pytest.mark.parametrize("first,later,old,new", [
    ("NASA offered Russia an astronaut seat on the new lunar outpost, officials said on Monday.",
     "NASA offered Russia a cargo module on the outpost.", "an astronaut seat", "a cargo module"),
    ("The club bought a training ground from the council for an undisclosed sum.",
     "The club bought a hotel from the council.", "a training ground", "a hotel"),
    ("A bronze statue was stolen from the museum's garden during the night.",
     "A painting was stolen from the museum's garden.", "A bronze statue", "A painting"),
    ("The young director won the audience award at the festival for her debut feature.",
     "The director won the jury prize at the festival.", "the audience award", "the jury prize"),
    ("The carmaker will close its engine factory in the north of the country next year.",
     "The carmaker will close its paint factory next year.", "its engine factory", "its paint factory"),
    ("A court in Paris jailed the former mayor for three years for fraud.",
     "A court in Paris jailed the former mayor for bribery.", "fraud", "bribery"),
    ("Residents fled the tower block after a fire broke out in the basement.",
     "Residents fled the tower block after a fire broke out on the roof.", "the basement", "the roof"),
])
def test_common_noun_swapped_in_a_retelling(first, later, old, new):
    text = _story(first, later)
    diags = lint(text, "C201")
    assert _flagged(diags, text) == [(5, new)]
    assert f"'{old}'" in diags[0].message and diags[0].related[0].location.line == 1


@pytest.mark.parametrize("later", [
    "NASA offered Russia a seat on the outpost.",                          # less specific
    "NASA offered Russia an astronaut on the outpost.",                    # a word of the original
    "NASA offered Russia a place on the outpost.",                         # a general word
    "NASA offered Russia an astronaut seat and a cargo module on the outpost.",  # added, not swapped
    "NASA may have offered Russia a cargo module on the outpost.",         # a possibility
    "NASA offered Russia the module on the outpost.",                      # "the" refers back
    "NASA offered Russia the vehicle on the outpost.",
])
def test_elaborations_and_hedges_are_not_swaps(later):
    text = _story("NASA offered Russia an astronaut seat on the new lunar outpost.", later)
    assert lint(text, "C201") == []


@pytest.mark.parametrize("later,flag", [
    ("Angry farmers marched to the embassy.", "Angry farmers"),
    ("The farmers marched to the embassy.", None),            # "the" may refer back
    ("Angry teaching unions marched to the embassy.", "Angry teaching unions"),
    ("Angry students marched to the embassy.", None),         # elaboration
    ("Angry people marched to the embassy.", None),           # a general word
])
def test_a_subject_swapped_in_a_retelling(later, flag):
    text = _story("Angry students marched to the embassy on Friday after the vote.", later)
    got = _flagged(lint(text, "C201"), text)
    assert got == ([(5, flag)] if flag else [])


def test_a_reporting_frame_is_not_new_detail():
    text = _story("Thieves stole a bronze statue from the museum's garden during the night.",
                  "Detectives say the thieves stole a painting from the museum's garden.")
    assert _flagged(lint(text, "C201"), text) == [(5, "a painting")]


def test_quoted_claims_keep_their_frame():
    # two speakers' words: the quotation is theirs, "Blanche said" is not a frame to drop
    text = ("\u201cYou don\u2019t believe ice cream is a coded word for something else,\u201d Miller asked.\n\n"
            "\u201cI\u2019m not saying ice cream is never a coded word for something else,\u201d Blanche said.")
    assert lint(text, "C201") == []


# -- C207: speakers from the parse ---------------------------------------------------------------

def _speakers(text: str) -> list[tuple[str | None, str | None]]:
    art = parse_article("t.txt", text.encode())
    facts = Facts(art, load(resolve_model())(art.text))
    return [(a.speaker, a.key) for a in facts.speakers.attributions]


@pytest.mark.parametrize("text,speaker", [
    ('Local firms were led by Peter Hale, who said "the port will be busy" at a meeting.', "peter hale"),
    ('Maria Santos tweeted: "This is a victory for every family."', "maria santos"),
    ('"The school has turned itself around," inspector Joan Miles wrote in the report.', "joan miles"),
    ('In the words of Tom Ellis, "We cannot keep borrowing."', "tom ellis"),
    ('"We cannot keep borrowing," in Tom Ellis\'s words.', "tom ellis"),
    ('Mayor Tom Brady was quoted as saying "we will reopen the bridge".', "tom brady"),
    ('Mayor Tom Brady, speaking at a meeting on Friday, said: "We will reopen the bridge."', "tom brady"),
    ('David Lowe spoke to reporters at the scene. "We have never seen flooding like it."', "david lowe"),
    ('"We have never seen flooding like it." Those were the words of David Lowe.', "david lowe"),
    ('"We have never seen flooding like it." So said David Lowe, the local MP.', "david lowe"),
    ('"Prices will keep rising." \u2014 Ben Cole, Vantex.', "ben cole"),
    ('Trader Ben Cole wrote in a blog post: "Prices will keep rising."', "ben cole"),
    ('"Prices will keep rising" was the message from Ben Cole.', "ben cole"),
])
def test_speaker_read_from_the_parse(text, speaker):
    key = _speakers(text)[0][1]
    assert key and is_alias(key, speaker)


def test_a_title_stands_for_the_person_it_was_given_to():
    text = ('Transport Secretary Lucy Grant said: "The unions must talk."\n\n'
            'Commuters faced delays.\n\n"The unions must talk," the transport secretary repeated.')
    (_, first), (shown, later) = _speakers(text)
    assert shown == "the transport secretary" and later == "lucy grant" and is_alias(first, later)


@pytest.mark.parametrize("text", [
    'Lebanon called for talks on "permanent arrangements for security" with Israel.',   # under a noun
    'The caller said on "The Morning Show" last Friday that she was angry.',            # a title
    'However, "The Morning Show," which airs across the country, believes it.',         # its subject
    'The countries begin "direct negotiations under international sponsorship" soon.',  # an object
])
def test_quoted_words_that_nobody_is_reported_saying(text):
    assert _speakers(text)[0] == (None, None)


def test_a_fragment_woven_into_a_sentence_is_not_a_second_attribution():
    text = ('"You can invite whoever you want to the White House, but it must be inclusive," '
            'Stitt said.\n\nThe row went on.\n\nStitt told reporters that he told Trump the '
            'president was free to "invite whoever you want to the White House," but no more.')
    assert lint(text, "C207") == []


def test_the_writers_sentence_retold_inside_a_quotation():
    text = ("Sen. Thom Tillis, a Republican, raised concerns about the nominee on the Senate floor "
            "in early March.\n\nThe White House did not reply.\n\n"
            "\u201cWe heard them. Sen. Corey Lewandowski raised concerns about the nominee on the "
            "Senate floor in early March. We will answer,\u201d Vance said.")
    assert _flagged(lint(text, "C201"), text) == [(5, "Corey Lewandowski")]


def test_a_requoted_remark_over_two_sentences_is_left_to_quote_conflict():
    text = ('"I am tired of hearing excuses from managers. That argument must be taken away from '
            'business," Gephardt said.\n\nThe bill stalled.\n\n"I am tired of hearing excuses from '
            'managers. That argument must be taken away from business," Byrd said.')
    assert lint(text, "C201") == []
    assert [d.line for d in lint(text, "C207")] == [5]


def test_one_word_tagged_two_ways_still_aligns():
    # "Firefighters" opens the first sentence as an untagged name, the second as a noun
    text = _story("Firefighters rescued a dog from the frozen lake near the village on Sunday.",
                  "Firefighters rescued a horse from the frozen lake.")
    assert _flagged(lint(text, "C201"), text) == [(5, "a horse")]


@pytest.mark.parametrize("later,flag", [
    ("A painting was stolen from the museum's garden by thieves.", "A painting"),
    ("The statue was stolen from the museum's garden by thieves.", None),   # the same thing
])
def test_a_common_noun_swapped_in_another_voice(later, flag):
    text = _story("Thieves stole a bronze statue from the museum's garden during the night.", later)
    assert _flagged(lint(text, "C201"), text) == ([(5, flag)] if flag else [])
