"""Wording rules (W101-W103, W201, W202), and a seed-like article across families."""
from __future__ import annotations

import pytest

from conftest import lint
from lintnews.facts.quotes import scan
from lintnews.kinds.wording import sound_of


def flagged(text: str, code: str, **kw) -> list[str]:
    return [d.text for d in lint(text, code, **kw) if d.code == code]


# --- W101 article-agreement ------------------------------------------------------------------

@pytest.mark.parametrize("word,sound", [
    ("hour", "vowel"), ("honest", "vowel"), ("heir", "vowel"), ("university", "consonant"),
    ("unanimous", "consonant"), ("uninsured", "vowel"), ("unusual", "vowel"), ("one-off", "consonant"),
    ("once-great", "consonant"), ("European", "consonant"), ("usual", "consonant"), ("urgent", "vowel"),
    ("MP", "vowel"), ("FBI", "vowel"), ("US", "consonant"), ("SUV", "vowel"), ("NHS", "vowel"),
    ("NASA", "consonant"), ("UN", "consonant"), ("MoD", "vowel"), ("MSc", "vowel"), ("iPod", "vowel"),
    ("18-year-old", "vowel"), ("11-year-old", "vowel"), ("1950s", "consonant"), ("8%", "vowel"),
    ("80", "vowel"), ("800m", "vowel"), ("18th-century", "vowel"), ("110", "consonant"),
    ("Uruguay", "consonant"), ("Utah", "consonant"), ("MI5", "vowel"), ("urgent", "vowel"),
    ("X-ray", "vowel"), ("U-turn", "consonant"), ("e-mail", "vowel"), ("£8m", "vowel"),
])
def test_sound_of(word, sound):
    assert sound_of(word) == sound


@pytest.mark.parametrize("word", ["historic", "hotel", "NATOx", "A", "$5"])
def test_sound_of_unsure_is_none_or_skipped(word):
    # uncertain words must never produce a finding either way
    assert not flagged(f"It was a {word} thing.", "W101") or not flagged(f"It was an {word} thing.", "W101")


@pytest.mark.parametrize("word", ["ÉTat", "Éclair", "élite", "Über", "ÜBER", "Ωmega", "İstanbul", "٣rd"])
def test_sound_of_a_non_ascii_start_is_unknown(word):
    # "a ÉTat" once raised and cost the file every other W101 finding
    assert sound_of(word) is None


def test_non_ascii_capitals_never_cost_the_other_findings():
    diags = lint("It was a ÉTat thing, an Über ride and a apple. An élite unit had a honest view.", "W101")
    assert [(d.code, d.text) for d in diags] == [("W101", "a apple"), ("W101", "a honest")]


def test_article_agreement_sees_through_quotes_brackets_and_dashes():
    assert flagged('They will operate a "International Station".', "W101") == ['a "International']
    assert flagged("It was a (honest) mistake.", "W101") == ["a (honest"]
    assert flagged("He praised an 'unique' deal.", "W101") == ["an 'unique"]


def test_article_agreement_keeps_capital_in_fix():
    d = [d for d in lint("An key witness spoke.", "W101")][0]
    assert d.fix.edits[0].text == "A" and d.fix.safe


@pytest.mark.parametrize("text", [
    "Plan A and Plan B failed.", "The meeting starts at 9 a.m. tomorrow.", "Vitamin A is key.",
    "He studied a priori reasoning.", "Frankfurt an der Oder is a city.", "It was an historic day.",
    "(a) the first item", "She met an MP, a US senator and a one-off guest.",
    "A and P is similarly optimistic.", "Choose a or b, then a and c.",
])
def test_article_agreement_good(text):
    assert flagged(text, "W101") == []


# --- W102 repeated-word ----------------------------------------------------------------------

def test_repeated_word_across_line_break_and_in_quotes():
    assert flagged("He said the\nthe plan failed.", "W102") == ["the\nthe"]
    assert flagged('"It was was a mistake," he said.', "W102") == ["was was"]


def test_repeated_word_triple_gives_two_findings():
    assert flagged("He saw the the the car.", "W102") == ["the the", "the the"]


@pytest.mark.parametrize("text,bad", [
    ("The firm had has paid.", ["had has"]), ("It is was true.", ["is was"]),
    ("He will would go.", ["will would"]), ("Sales online online rose.", ["online online"]),
    ("Blair had had been trying.", ["had had"]), ("He said that that the plan worked.", ["that that"]),
    ("They stopped making six six-cylinder engines.", ["six six"]),
    ("He said that that it worked.", ["that that"]), ("The The plan worked.", ["The The"]),
    ("He left in the in the morning.", ["in the in the"]), ("In the in the end, he won.", ["In the in the"]),
    ("Shares rose\nrose again.", ["rose\nrose"]), ("We will not wait wait to the end.", ["wait wait"]),
    ("He made no no secret of it.", ["no no"]),
    ("Stores such as one as one-day sales.", ["as one as one"]),
    ("Use firewalls and software and software updates.", ["and software and software"]),
])
def test_repeated_word_bad(text, bad):
    assert flagged(text, "W102") == bad


@pytest.mark.parametrize("text", [
    "They had had enough.", "He said that that was wrong.", "The firm has had a bad year.",
    "What he did was wrong.", "All we do is win.", "It could have been worse.", "Bye bye, he said.",
    "Duran Duran played.", "It was very, very good.", "It is. Is it over?",
    "He did have a point.", "The question is Will he go?", "Coach G G Bulloch left.",
    "And more and more people came.", "It grew more and more and more.", "It was more or less over or not.",
    '"Wait wait!" he said.', "Go go go, they shouted.", "It was a no no for him.", '"No no," he said.', "It got worse and worse and worse.",
    # a capitalised repeat is a name or a title far more often than a slip
    "Fans sang Spend Spend Spend all night.", "Bafana Bafana lost.", "They flew to Koh Phi Phi.",
    "They played Please Please Me again.", "He sang Sha La La.", "Sony Sony said it would.",
    "He attacked Mr Blair Blair's words.", "It closed at 0900 GMT GMT.",
])
def test_repeated_word_good(text):
    assert flagged(text, "W102") == []


@pytest.mark.parametrize("text,safe", [
    ("He said the the plan worked.", True), ("In the in the end, he won.", True),
    ('"It was was a mistake," he said.', False),        # in a quotation: may be meant
    ('They chanted "in the in the" for hours.', False),
    ("The The plan worked.", False),                     # a band, even at a sentence start
    ("The firm had has paid.", False),                   # which auxiliary was meant is a guess
])
def test_repeated_word_fix_safety(text, safe):
    diags = [d for d in lint(text, "W102") if d.code == "W102"]
    assert len(diags) == 1 and diags[0].fix is not None and diags[0].fix.safe is safe


# --- W103 less-fewer -------------------------------------------------------------------------

@pytest.mark.parametrize("text,bad", [
    ("Some fear there will be less visitors this year.", ["less visitors"]),
    ("The shop had less customers than before.", ["less customers"]),
    ("Less votes were cast in the north.", ["Less votes"]),
    ("Firms now employ less staff than before.", ["less staff"]),
    ("There are less and less jobs in the town.", ["less jobs"]),
])
def test_less_fewer_bad(text, bad):
    assert flagged(text, "W103") == bad


@pytest.mark.parametrize("text", [
    "They spent less money and less time on it.", "The trip was less than 10 miles.",
    "Less data was lost.", "It was no less dramatic.", "The less said the better.",
    "They cannot afford food, much less cars.", "There was less sports coverage.",
    "The firm reported fewer customers.", "The club has less than ten people.",
    "The less staff-heavy model won.",
])
def test_less_fewer_good(text):
    assert flagged(text, "W103") == []


# --- W201 unbalanced-quotes and the quotation fact ---------------------------------------------

def test_dropped_closing_scare_quote_reports_the_right_mark():
    text = 'Officials saw "some possibility of a deal and later spoke of "agreed" terms.'
    diags = [d for d in lint(text, "W201") if d.code == "W201"]
    assert [(d.column, d.text) for d in diags] == [(15, '"')]


def test_dropped_closing_quote_before_attribution_is_not_a_run_on():
    text = ('"It is above all a question of sovereignty, Reuters quoted an official as saying.'
            '\n\n"It is symbolic," he added.')
    assert flagged(text, "W201") == ['"']


def test_run_on_quotation_into_the_next_paragraph_is_allowed():
    text = 'He said: "We will stay and we will win.\n\n"And we will not give up," he added.'
    assert flagged(text, "W201") == []
    q = scan(text, [(0, 39), (41, len(text))])
    assert q.continued == [9] and q.unmatched == []


def test_dropped_closing_quote_before_a_titled_speaker_is_not_a_run_on():
    text = ('He said: "It shows the harm done. Bank spokesman Mark Hendrix said it was time to move on. '
            '"This lets us put it behind us," he said.')
    assert flagged(text, "W201") == ['"']
    assert lint(text, "W201")[0].column == text.index('"') + 1


def test_partial_quote_of_a_clause_may_run_on():
    text = 'He found no case "where anyone complained to the police about the conduct at all.\n\n"It was clear," he said.'
    assert flagged(text, "W201") == []


def test_scare_quote_never_runs_on():
    text = 'He called it "very bad.\n\n"We disagree," she said.'
    assert flagged(text, "W201") == ['"']


def test_inch_marks_and_apostrophes_are_not_quotes():
    text = "He is 5'10\" tall, owns a 12\" record and it's Jones' car."
    assert flagged(text, "W201") == []
    assert scan(text, [(0, len(text))]).straight == []


@pytest.mark.parametrize("text,bad", [
    ("The report (published on Monday was late.", ["("]),
    ("The report published on Monday) was late.", [")"]),
    ("Squad: Smith (Jones 64), Brown [sic (Green 70).", ["["]),
])
def test_brackets(text, bad):
    assert flagged(text, "W201") == bad


def test_list_markers_and_smileys_are_not_brackets():
    assert flagged("Choose a) tea or b) coffee :) today.", "W201") == []


# --- W202 spacing ----------------------------------------------------------------------------

@pytest.mark.parametrize("text,bad", [
    ('It orbits the Moon."According to them, it is big.', ['."A']),
    ("It changed the policies.President Bush spoke.", [".P"]),
    ("It rose in 2004.The firm grew.", [".T"]),
    ("He left.  Then she arrived.", ["  "]),
    ("The plan , he said , was fine .", [" ,", " ,", " ."]),
    ("He paid,the bill;then left.", [",t", ";t"]),
    ('"It is two times higher,"he said.', [',"h']), ('He said,"We will win."', [',"W']),
    ("It cost $18m (£9.5m).\"The deal is off,\" he said.", ['."T']),
    ("It leads the world.BBC reporters say so.", [".B"]), ("Bell,30, is fit.", [",3"]),
    ("He has a dream.I can see it.", [".I"]), ('It was over!"He left.', ['!"H']),
    ('"It was over!"said Jol.', ['!"s']), ("He called it 'fine.'The end.", [".'T"]),
    ("The deal (worth $5m)was signed.", [")w"]), ("He left the UK!Labour won.", ["!L"]),
    ("It was in the 1980s,but not now.", [",b"]), ("Why?The answer came.", ["?T"]),
    ("The Ministry of Defence (MoD),the army.", [",t"]), ("He left the UK.Labour won.", [".L"]),
    ("Profits rose in 2004,but fell.", [",b"]), ("It was called 'knocking',so they left.", [",s"]),
    ("It was something he (Kerr)looked at.", [")l"]), ("He left ; she stayed.", [" ;"]),
    ("He said : no.", [" :"]), ("The next race is on May 3.Without it, they wait.", [".W"]),
    ("He met J.K.Rowling in Washington D.C.It was late.", [".I"]),
])
def test_spacing_bad(text, bad):
    assert flagged(text, "W202") == bad


@pytest.mark.parametrize("text", [
    "Shares rose 2.5% in the U.S. market, e.g. at Amazon.com.",
    "Visit bbc.co.uk or www.example.org/News or mail info@example.com today.",
    "J.K. Rowling wrote it... Then she left.", "He has a Ph.D. in law.", "It is at 3.30pm.",
    "It runs on ASP.NET servers.", "Each (s)he and (un)happy friend(s) came.", "The (non)existent plan was (re)elected.", "The score was 2 : 1.", "He met J.K.Rowling in Washington D.C. It was late.", "It costs 1,000 at 10:30 via http://x.com/a,b.",
])
def test_spacing_good(text):
    assert flagged(text, "W202") == []


def test_spacing_fix_puts_the_space_on_the_right_side_of_a_quote():
    closing = [d for d in lint('"It is higher,"he said.', "W202")][0]
    opening = [d for d in lint('He said,"We will win."', "W202")][0]
    assert [(e.start, e.text) for e in closing.fix.edits] == [(15, " ")]
    assert [(e.start, e.text) for e in opening.fix.edits] == [(8, " ")]


def test_spacing_fix_inserts_one_space():
    d = [d for d in lint("It ended.The end came.", "W202")][0]
    assert [(e.start, e.end, e.text) for e in d.fix.edits] == [(9, 9, " ")]


SEED_LIKE = (
    'The agencies said they would operate a "International Research Base" near the Moon. '
    "Talks had gone on for months.\n"
    'According to the agency, the base is a complex of research facilities on the Moon."According '
    "to the announcement, it will allow experiments, including “the possibility of a human presence.\n"
    "Russia has been hesitant to join. According to the spokesperson, cooperation became a priority.\n"
    'According to a statement, the agreement covers design and "operation" of the station.\n'
)


def test_seed_like_article_gets_every_wording_finding():
    diags = lint(SEED_LIKE, "W101", "W201", "W202", "W302", "C105")
    got = {(d.code, d.line) for d in diags}
    assert ("W101", 1) in got and ("W201", 2) in got and ("W202", 2) in got
    assert any(c == "W302" for c, _ in got)
    c105 = [d for d in diags if d.code == "C105"]
    assert len(c105) == 1 and c105[0].text == "“"


# --- issue 12: one problem, one finding; quotation habits of other newsrooms ---------------------

def test_doubled_single_marks_close_a_quotation():
    text = "“The run was remarkable,’’ the director said. “It was a good year.’’"
    assert flagged(text, "W201") == []
    q = scan(text, [(0, len(text))])
    assert [text[s:e] for s, e in (x.inner for x in q.quotes)] == ["The run was remarkable,", "It was a good year."]


def test_glued_stray_mark_is_one_spacing_finding():
    text = "It orbits the Moon.\"According to the agency, it will be built."
    diags = lint(text, "W201", "W202")
    assert [(d.code, d.text) for d in diags] == [("W202", '."A')]
    assert "no partner" in diags[0].message and not diags[0].fix.safe


def test_nested_double_quotes_are_one_finding_at_the_inner_quotation():
    text = 'He wrote: "You lie; you say you "had stuff to do", you cancel dinner," he said.'
    diags = [d for d in lint(text, "W201") if d.code == "W201"]
    assert len(diags) == 1 and diags[0].column == text.index('"had') + 1
    assert len(diags[0].related) == 2


def test_quotation_run_on_without_reopening_is_one_finding_at_its_close():
    text = 'He said: "What I am saying is that the role was wrong, like an\n\nagent provocateur\n\n' \
           'and perhaps interfering." The programme also heard from others.'
    diags = [d for d in lint(text, "W201") if d.code == "W201"]
    assert len(diags) == 1 and diags[0].line == 5 and "line 1" in diags[0].message


def test_straight_mark_inside_a_word_is_an_apostrophe():
    diags = lint('Saudi Arabia, the world"s largest exporter, cut output.', "W201")
    assert len(diags) == 1 and "apostrophe" in diags[0].message


@pytest.mark.parametrize("text", [
    'Crowds chanted "Free free Palestine," with some people in tears.',
    '"It is lie upon lie upon lie upon lie," he told the jury.',
    'They worked day after day after day.',
])
def test_repetition_for_emphasis_passes(text):
    assert flagged(text, "W102") == []


def test_doubled_word_in_a_long_quotation_is_still_a_slip():
    text = '"Spammers seem to have adapted their output output to reflect this," he said.'
    assert flagged(text, "W102") == ["output output"]


def test_state_codes_may_be_read_as_the_state():
    assert flagged("He was released on a bond secured by a NJ residence.", "W101") == []
    assert flagged("She has a MA in history.", "W101") == ["a MA"]


def test_a_mark_glued_to_a_word_is_not_always_an_apostrophe():
    diags = lint('He said"We will win the next one and the one after that, no doubt', "W201")
    assert len(diags) == 1 and "apostrophe" not in diags[0].message


# -- W201: single marks in headlines ------------------------------------------------------------

@pytest.mark.parametrize("headline,column", [
    ("'Hope for talks, says envoy", 1),
    ("Envoy sees 'hope for talks", 12),
    ("Hope' for talks, says envoy", 5),
    ("\u2018No deal without us, says union", 1),
    ("Students' union backs 'fair pay plan", 23),
])
def test_headline_single_mark_without_partner(headline, column):
    found = [d for d in lint(headline + "\n\nThe envoy spoke in Geneva on Monday.", "W201") if d.code == "W201"]
    assert [(d.line, d.column) for d in found] == [(1, column)] and "headline" in found[0].message


@pytest.mark.parametrize("headline", [
    "'Hope' for talks, says envoy",
    "Rock 'n' roll's '90s revival",
    "Students' union backs 'fair pay' plan",
    "\u2018No regrets,\u2019 says retiring judge",
    "Jones' 'brilliant' goal wins it",
    "Catch 'em all, says O'Neill",
])
def test_headline_apostrophes_are_not_quotation_marks(headline):
    assert [d for d in lint(headline + "\n\nThe envoy spoke in Geneva on Monday.", "W201") if d.code == "W201"] == []


_SINGLE_STYLE = ("Mine to close\n\nThe owner said: 'We had no choice.'\n\n"
                 "Unions called it 'a betrayal' of the miners' town.\n\n{}\n")


@pytest.mark.parametrize("last,column", [
    ("Miners said the pit was 'the heart of the valley.", 25),
    ("We will fight on,' the union said.", 18),
])
def test_single_mark_without_partner_in_copy_that_quotes_in_single_marks(last, column):
    found = [d for d in lint(_SINGLE_STYLE.format(last), "W201") if d.code == "W201"]
    assert [(d.line, d.column) for d in found] == [(7, column)]


@pytest.mark.parametrize("last", [
    "'We will fight on.\n\n'And we will win,' the union said.",   # runs on, opened again
    "It was rock 'n' roll, a '90s pit in the Joneses' valley.",
])
def test_single_marks_in_single_mark_copy_quiet(last):
    assert [d for d in lint(_SINGLE_STYLE.format(last), "W201") if d.code == "W201"] == []


def test_single_marks_in_body_left_alone_where_copy_quotes_in_double_marks():
    text = 'Mine to close\n\nThe owner said: "We had no choice."\n\nMiners said the pit was \'the heart of it.\n'
    assert [d for d in lint(text, "W201") if d.code == "W201"] == []
