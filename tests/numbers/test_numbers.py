"""Numbers, ages and counts: C202-C206 on real-looking copy, and what must stay quiet."""
from __future__ import annotations

import pytest

from lintnews.facts.numbers import QUANTITY_RE, parse_match, word_value
from tests.conftest import lint


def codes(text: str, code: str, **kw) -> list:
    return [d for d in lint(text, code, **kw) if d.code == code]


# -- quantities -------------------------------------------------------------------------------

@pytest.mark.parametrize("written,value,unit", [
    ("$3.36bn", 3.36e9, "USD"), ("£600m", 6e8, "GBP"), ("464,000", 464000, ""),
    ("2.5 million", 2.5e6, ""), ("76%", 76, "%"), ("16.4bn rupees", 16.4e9, "INR"),
    ("nine", 9, ""), ("twenty-five", 25, ""), ("3 per cent", 3, "%"),
    ("0.4 percentage points", 0.4, "pts"), ("250p", 250, "GBp"),
])
def test_quantity_parsing_normalises_scale_and_currency(written, value, unit):
    m = QUANTITY_RE.search(written)
    assert m and m.group(0) == written
    v, u, _, _ = parse_match(m)
    assert v == pytest.approx(value) and u == unit


def test_word_values():
    assert word_value("a third") == pytest.approx(1 / 3)
    assert word_value("forty-two") == 42
    assert word_value("banana") is None


# -- C202 numeric-conflict --------------------------------------------------------------------

def test_numeric_conflict_same_noun_same_verb():
    text = ("The company has two manufacturing sites in County Durham.\n\n"
            "Staff were told on Monday.\n\nThe company has four manufacturing sites.")
    found = codes(text, "C202")
    assert len(found) == 1
    assert "four manufacturing sites" in found[0].message and "line 1" in found[0].message
    assert found[0].related


@pytest.mark.parametrize("text", [
    # rounding and hedges
    "The network has 464,000 subscribers.\n\nThe network has nearly 500,000 subscribers.",
    "The network has 464,000 subscribers.\n\nThe network has more than 400,000 subscribers.",
    # different actors
    "Chelsea have won three titles.\n\nArsenal have won 13 titles.",
    # different years
    "The firm sold 1,000 cars in 2003.\n\nThe firm sold 1,400 cars in 2004.",
    # different things counted
    "Police arrested five men.\n\nPolice arrested two women.",
    # a comparison is not a restatement
    "The firm employs 300 people.\n\nThe firm employs 350 people, up from 300 a year ago.",
])
def test_numeric_conflict_quiet(text):
    assert codes(text, "C202") == []


# -- C203 age-conflict ------------------------------------------------------------------------

def test_age_conflict_apposition_and_title():
    text = ("Linux founder Linus Torvalds, 42, led an attack on software patents.\n\n"
            "Speaking in California Mr Torvalds, 37, said patents were a problem.")
    found = codes(text, "C203")
    assert len(found) == 1
    assert found[0].text == "Mr Torvalds, 37"
    assert "42" in found[0].message and "37" in found[0].message


def test_age_conflict_unnamed_refers_to_the_subject():
    text = ("Former Blackburn boss Roy Hodgson, aged 58, says the league should change. Hodgson "
            "was speaking in Milan. Hodgson has managed in Italy.\n\n"
            "Defender John Terry agreed.\n\nThe 64-year-old told BBC Sport he was happy.")
    found = codes(text, "C203")
    assert [d.text for d in found] == ["The 64-year-old"]


def test_age_two_people_one_surname_are_kept_apart():
    text = ("Striker John Smith, 25, scored twice.\n\n"
            "His father, Peter Smith, 55, watched from the stands.")
    assert codes(text, "C203") == []


def test_age_against_birth_year_needs_a_date():
    text = "Novelist Jane Byrne, 40, was born in 1950 in Dublin."
    assert codes(text, "C203") == []
    found = codes(text, "C203", date="2005-03-01")
    assert found and "1950" in found[0].message


# -- C204 percent-change ----------------------------------------------------------------------

@pytest.mark.parametrize("text,shown", [
    ("Profits rose 12% to £150m from £120m.", "(+25.0%)"),
    ("Profits were £150m, up 12% on last year's £120m.", "(+25.0%)"),
    ("Revenue dropped to $3.2bn from $4bn, a decline of 5%.", "(-20.0%)"),
    ("Sales fell 10% to 1.2 million units from 1.5 million.", "(-20.0%)"),
    ("The jobless rate rose to 5.2% from 4.8%, an increase of 3 percentage points.", "+0.4"),
    ("Sales rose to £150m, an increase of 40% on the £120m of 2003.", "(+25.0%)"),
    ("Strong sales lifted profits 40% to £150m from £120m.", "(+25.0%)"),
    ("Pre-tax profits of £150m were 40% up on the previous year's £120m.", "(+25.0%)"),
    ("Revenues went up 40% to £150m (2003: £120m).", "(+25.0%)"),
    ("Operating profit reached £150m, 40% more than the £120m made a year ago.", "(+25.0%)"),
    ("Losses narrowed 15% to £90m from £120m.", "(-25.0%)"),
    ("Sales of 600,000 units were 35% ahead of last year's 480,000.", "(+25.0%)"),
])
def test_percent_change_shows_the_arithmetic(text, shown):
    found = codes(text, "C204")
    assert len(found) == 1 and shown in found[0].message


@pytest.mark.parametrize("text", [
    "Profits rose 25% to £150m from £120m.",
    "Profits rose almost 30% to £150m from £120m.",
    "Viewing figures were down 20% at 728,000, compared with 912,000 a year earlier.",
    "The jobless rate rose to 5.2% from 4.8%, an increase of 0.4 percentage points.",
    "Turnout ranged from 69% in Kensington down to 10% in Bristol and 8% in Nottingham.",
    "Sales rose to £150m, an increase of 25% on the £120m of 2003.",
    "Pre-tax profits of £150m were 25% up on the previous year's £120m.",
    "Revenues went up 25% to £150m (2003: £120m).",
])
def test_percent_change_quiet(text):
    assert codes(text, "C204") == []


# -- C205 count-mismatch ----------------------------------------------------------------------

@pytest.mark.parametrize("text,listed", [
    ("Four men - John Smith, Peter Jones and Ali Khan - were arrested.", 3),
    ("Police named the three suspects: John Smith, Peter Jones, Ali Khan and Bob Lee.", 4),
    ("Two countries, Afghanistan, Iraq and Portugal, have yet to respond.", 3),
    ("The three winners: Alan Smith, Mary Jones, Peter Brown and Sue White were named on Monday.", 4),
    ("The panel has three members, namely Alan Smith, Mary Jones, Peter Brown and Sue White.", 4),
    ("The four-member team - Alan Smith, Mary Jones and Peter Brown - will lead the talks.", 3),
    ("The pair, Alan Smith, Mary Jones and Peter Brown, were arrested.", 3),
    ("Both Alan Smith, Mary Jones and Peter Brown were arrested.", 3),
    ("The firm's three directors are Alan Smith, Mary Jones, Peter Brown and Sue White.", 4),
])
def test_count_mismatch(text, listed):
    found = codes(text, "C205")
    assert len(found) == 1 and f"lists {listed}" in found[0].message


@pytest.mark.parametrize("text", [
    "Three countries, including Israel and Syria, are affected.",
    "Two men, aged 20 and 25, were arrested.",
    "The three - Smith, Jones and Khan - were released.",
    "Over the past three years, Smith and Jones have won everything.",
    "Five nations - such as France and Italy - objected.",
    "The deal would be lucrative for both Farrell and Wigan, Lindsay said.",
    "The three winners: Alan Smith, Mary Jones and Peter Brown were named on Monday.",
    "The three biggest are Tesco, Asda and Sainsbury's, with Morrisons fourth.",
    "The four-man crew, all from Leeds, were rescued.",
])
def test_count_mismatch_quiet(text):
    assert codes(text, "C205") == []


@pytest.mark.parametrize("text,listed,said", [
    # the list first, its total after a comma, a dash, a colon or "were"
    ("Oslo, Bergen and Tromso, the two ports on the route, were closed.", 3, "the two ports"),
    ("Fiji, Samoa, Tonga and Nauru - three islands in all - signed.", 4, "three islands"),
    ("Kenya, Ghana and Mali: the four states that voted no.", 3, "the four states"),
    ("Acme, Bolt and Crane were the two bidders left.", 3, "the two bidders"),
    # semicolons, "named ... as", a colon closing the clause, the next sentence
    ("The trust runs five museums: the Tate; the Baltic; the Lowry.", 3, "five museums"),
    ("Police named the four men as Ian Roe, Sam Dee and Tom Fry.", 3, "the four men"),
    ("Two firms bid for the licence: Acme, Bolt and Crane.", 3, "Two firms"),
    ("The council has six wards. They are Eastgate, Northgate and Westgate.", 3, "six wards"),
    ("Five bidders came forward. They were Acme, Bolt and Crane.", 3, "Five bidders"),
])
def test_count_mismatch_in_any_order(text, listed, said):
    found = codes(text, "C205")
    assert len(found) == 1 and f"lists {listed}" in found[0].message and said in found[0].message


@pytest.mark.parametrize("text", [
    "Oslo, Bergen and Tromso, the three ports on the route, were closed.",
    "Yesterday, Oslo and Bergen, the two ports on the route, were closed.",
    "The trust runs three museums: the Tate; the Baltic; and the Lowry.",
    "Police named the three men as Ian Roe, Sam Dee and Tom Fry.",
    "Two people were hurt: a man and a woman.",
    "Police arrested two men on Friday and said Ian Roe, Sam Dee and Tom Fry were wanted.",
    "The two sides met on Friday: Roe said talks went well.",
    "The council has six wards. They are all in the east.",
])
def test_count_mismatch_in_any_order_quiet(text):
    assert codes(text, "C205") == []


@pytest.mark.parametrize("text,listed", [
    ("The fund covers four areas: health, education and policing.", 3),
    ("Rice, maize and cassava - two staples in all - ran short.", 3),
    ("Police seized two items: a knife, a rifle and a mask.", 3),
])
def test_count_mismatch_common_nouns(text, listed):
    found = codes(text, "C205")
    assert len(found) == 1 and f"lists {listed}" in found[0].message


@pytest.mark.parametrize("text", [
    "The fund covers three areas: health, education and policing.",
    "He has three goals: to win the league and to stay fit.",
    "Rice, maize and cassava - three staples - ran short.",
    "Rice, maize and cassava, two staples of the region, ran short.",
])
def test_count_mismatch_common_nouns_quiet(text):
    assert codes(text, "C205") == []


def test_count_mismatch_list_first_points_at_list_and_count():
    text = "Acme, Bolt and Crane were the two bidders left."
    found = codes(text, "C205")
    assert [d.text for d in found] == ["Acme, Bolt and Crane were the two bidders"]


# -- C206 headline-mismatch -------------------------------------------------------------------

def test_headline_transposed_digits():
    text = "Bank holds interest rate at 4.57%\n\nThe Bank of England has left rates on hold at 4.75%, and inflation is 5%."
    found = codes(text, "C206")
    assert len(found) == 1 and found[0].line == 1 and "4.75%" in found[0].message


@pytest.mark.parametrize("text", [
    "Mexican workers send $16bn home\n\nMexican labourers in the US sent a record $16.6bn home.",
    "Japan bank loses $5bn\n\nThe bank said it had lost $5.2bn in the year to March.",
    "Oil back above $50\n\nOil prices rose above $50 a barrel, before closing at $49.80.",
])
def test_headline_rounding_is_fine(text):
    assert codes(text, "C206") == []


@pytest.mark.parametrize("text,flagged", [
    ("Four million visit the fair\n\nOrganisers said 6,000,000 people visited the fair this year.", "Four million"),
    ("Insurer pays out \u20ac3.4bn\n\nThe insurer paid out \u20ac2,900 million to customers.", "\u20ac3.4bn"),
    ("Half of nurses plan to quit\n\nA poll found 38% of nurses planned to quit within a year.", "Half"),
    ("Three-quarters of voters back ban\n\nA poll found 55% of voters backed the ban on Monday.", "Three-quarters"),
    ("Eight hurt as tram derails\n\nSix people were injured when a tram derailed in Leeds, police said.", "Eight"),
    ("Police arrest 14 after match\n\nOfficers arrested 41 people after the match on Saturday.", "14"),
    ("Fifty thousand rally in Rome\n\nPolice said 15,000 people rallied in Rome on Saturday.", "Fifty thousand"),
    ("Poet Ana Ruiz dies at 80\n\nThe poet Ana Ruiz has died at her home in Seville. She was 88.", "80"),
])
def test_headline_in_words_and_at_another_scale(text, flagged):
    assert [d.text for d in codes(text, "C206")] == [flagged]


@pytest.mark.parametrize("text", [
    "Four million visit the fair\n\nOrganisers said 4,000,000 people visited the fair this year.",
    "Insurer pays out \u20ac3.4bn\n\nThe insurer paid out \u20ac3,400 million to customers.",
    "Half of nurses plan to quit\n\nA poll found 51% of nurses planned to quit within a year.",
    "Half of nurses plan to quit\n\nA poll found 51% of nurses planned to quit; 20% of doctors did.",
    "Poet Ana Ruiz dies at 88\n\nThe poet Ana Ruiz has died at her home in Seville. She was 88.",
    "Oil tops $90 for the first time this year\n\nOil topped $92 a barrel for the first time this year on Monday.",
    "Rates at highest in more than 3 months\n\nRates rose. The yield hovered near its highest level in nearly two months.",
])
def test_headline_in_words_and_at_another_scale_quiet(text):
    assert codes(text, "C206") == []


def test_headline_restated_by_the_lead_outweighs_other_figures():
    text = ("Bread tops $3 a loaf for the first time\n\nThe average loaf rose to $4.10, topping $4 a loaf "
            "for the first time, the bakers' federation said.\n\nA year ago a loaf cost $2.95.")
    assert [d.text for d in codes(text, "C206")] == ["$3"]


@pytest.mark.parametrize("text", [
    # the figures of another clause are not this change's
    "Exports rose 8.1% in January to $5.2bn, while imports fell to $4bn from $4.3bn.",
    "Profits rose 30% to £150m, while sales were £1.2bn, from £1bn.",
    "The number of visitors grew from 1.2 million in 2003 to 1.5 million last year, an increase of 25%.",
])
def test_percent_change_clauses_quiet(text):
    assert codes(text, "C204") == []


def test_count_mismatch_descriptors_before_names():
    text = ("The band's four members - singer Chris Martin, guitarist Jonny Buckland and "
            "drummer Will Champion - were there.")
    found = codes(text, "C205")
    assert len(found) == 1 and "lists 3" in found[0].message


def test_numeric_conflict_specific_noun_same_actor_other_verb():
    text = ("Chelsea winger Arjen Robben has broken two metatarsal bones in his foot.\n\n"
            "Robben now has three metatarsal bones in plaster.")
    found = codes(text, "C202")
    assert len(found) == 1 and "three metatarsal bones" in found[0].message


def test_count_mismatch_without_a_lead_word_after_a_verb():
    text = "The group would open four new smokehouses - in Oban, Mallaig and Ullapool - next year."
    found = codes(text, "C205")
    assert len(found) == 1 and "lists 3: Oban, Mallaig, Ullapool" in found[0].message


def test_unnamed_age_skips_a_place_ner_took_for_a_person():
    text = ("Chief executive Moira Grant, 52, said the group would open smokehouses in Oban and "
            "Mallaig.\n\nThe 54-year-old said exports were strong.")
    found = codes(text, "C203")
    assert [d.text for d in found] == ["The 54-year-old"]


@pytest.mark.parametrize("later,flagged", [
    ("At 52, Parsons said the plant would grow.", "At 52, Parsons"),
    ("Aged 52, Parsons has no plans to retire.", "Aged 52, Parsons"),
    ("Parsons is 52 and said the plant would grow.", "Parsons is 52"),
    ("Mr Parsons, a 52-year-old former miner, said the plant would grow.",
     "Mr Parsons, a 52-year-old"),
    ("Parsons, who turned 52 in May, said the plant would grow.", "Parsons, who turned 52"),
    ("Parsons, aged just 52, said the plant would grow.", "Parsons, aged just 52"),
])
def test_age_conflict_more_forms(later, flagged):
    text = "Tom Parsons, 56, runs the factory in Leeds.\n\n" + later
    assert [d.text for d in codes(text, "C203")] == [flagged]


def test_age_forms_that_are_not_the_persons_age_now():
    # a past age, and "the N-year-old" after a comma that closes another phrase
    assert codes("Tom Parsons, 56, runs the factory.\n\nParsons was 22 when he joined.", "C203") == []
    assert codes("Tom Parsons, 56, runs the factory.\n\nAfter meeting Parsons, the 30-year-old "
                 "actor Jim Bell said he was happy.", "C203") == []


@pytest.mark.parametrize("text,flagged", [
    ("Five dead in Leeds fire\n\nSix people died in the fire in Leeds on Monday, police said.", "Five"),
    ("Five dead in Leeds fire\n\nThe fire killed six people in Leeds on Monday, police said.", "Five"),
    ("Three killed in Leeds crash\n\nFour people were killed in a crash in Leeds on Monday.", "Three"),
    # a sum the first paragraphs give otherwise, however far from the headline's
    ("Air China in $4bn London listing\n\nThe airline is to list in London.\n\n"
     "Air China plans to raise $1bn (£514m) from the flotation.", "$4bn"),
    ("&#163;2.8m fine for Viacom\n\nViacom has paid £1.8m to end the investigation.", "&#163;2.8m"),
    ("Firm loses £5m\n\nThe company said it had lost £5bn in the year.", "£5m"),
])
def test_headline_casualties_and_lead_sums(text, flagged):
    assert [d.text for d in codes(text, "C206")] == [flagged]


@pytest.mark.parametrize("text", [
    "Five dead in Leeds fire\n\nFive people died and six were hurt in the fire in Leeds, police said.",
    "Three killed in Leeds crash\n\nThree people were killed and 40 injured in the crash.",
    "Air China in $4bn listing\n\nAir China plans to raise $1bn now and $4bn in all.",
    "Air China in $4bn listing\n\nThe airline is to list in London.\n\nIt has a first tranche."
    "\n\nIt will raise $1bn in the first tranche.",
])
def test_headline_casualties_and_lead_sums_quiet(text):
    assert codes(text, "C206") == []


@pytest.mark.parametrize("text,flagged", [
    # a shortened restatement: the bare head of the same noun, the same verb
    ("The American made 26 unforced errors in the match.\n\nIn all, 15 errors were made.", "15 errors"),
    # a verb that modifies the counted noun ("people arrested") is its predicate
    ("Police arrested 12 people after the match in Leeds.\n\nThere were 15 people arrested, police said.",
     "15 people"),
    # a hedged figure far outside the other's range
    ("The worm hit more than 40,000 websites within a day.\n\nIn all, 24,000 websites were hit.",
     "24,000 websites"),
])
def test_numeric_conflict_restated_differently(text, flagged):
    assert [d.text for d in codes(text, "C202")] == [flagged]


@pytest.mark.parametrize("text", [
    "More than 23,000 people have been killed.\n\nOfficials said 34,500 people had been killed.",
    "The firm opened 12 new stores in Wales.\n\nThe firm has 40 stores in all.",
    "Scotland have lost 12 of their 14 games.\n\nWe were confident for those two first games.",
    "About 20 people were hurt in the crash.\n\nThe crash hurt 22 people.",
])
def test_numeric_conflict_restated_quiet(text):
    assert codes(text, "C202") == []


# -- issue 12: same unit is not same quantity ---------------------------------------------------

@pytest.mark.parametrize("written,value,unit", [
    ("750,000 dlrs", 750000, "USD"), ("660 mln francs", 6.6e8, "CHF"), ("2.5 pct", 2.5, "%"),
    ("10 mln stg", 1e7, "GBP"), ("$134-billion", 1.34e11, "USD"), ("1.8 bln", 1.8e9, ""),
])
def test_wire_units_and_hyphenated_scales(written, value, unit):
    m = QUANTITY_RE.search(written)
    assert m and m.group(0) == written
    v, u, _, _ = parse_match(m)
    assert v == pytest.approx(value) and u == unit


@pytest.mark.parametrize("text", [
    # a part of the total: "the other four"
    "The administration has sent migrants to 20 countries.\n\nIt sent only 51 people to the other four "
    "countries.",
    # two owners of one kind of thing
    "The party holds 30 seats in the Senate.\n\nThe party holds 209 seats in the Assembly.",
    "Acme owns 12 stores in Leeds.\n\nAcme owns 40 stores in London.",
    # the actor of a verb with no subject of its own is its head's ("firing" is Russia's)
    "Russia launched large attacks this week, firing 1,000 drones.\n\nUkraine launched 389 drones.",
    # two days, two events
    "The strike on Monday killed 11 people.\n\nThe strike on Friday killed three people.",
    # a revision states a change
    "The agency counted 130,000 jobs.\n\nThe estimate was revised down to 17,000 jobs.",
    # money in wire style is money, not a count of "dlrs"
    "Care agreed to pay 750,000 dlrs for the shares.\n\nCare agreed to pay 6,950,000 dlrs for the firm.",
])
def test_numeric_conflict_same_unit_other_quantity(text):
    assert codes(text, "C202") == []


def test_numeric_conflict_keeps_a_restatement_with_the_same_qualifier():
    text = "Four other defendants were arraigned on Monday.\n\nIn total, six other defendants were arraigned."
    assert len(codes(text, "C202")) == 1


@pytest.mark.parametrize("text", [
    # the body states the headline's figure, about something said differently elsewhere
    "Three Black women could serve at once\n\nOnly five Black women have served in history. Her win "
    "would expand the number serving at the same time to three.",
    "Tickets now reselling for over $2 million each\n\nThe tickets are sold for $2,299,998.85 each. That "
    "works out to over $9 million for all four.",
    # "a further 63 years" is not the headline's 50
    "Macao to keep its system for 50 years\n\nThe system will remain in force for a further 63 years.",
    # a scale joined by a hyphen
    "The $134-billion question\n\nBusinesses want $134 billion in tariffs refunded.",
])
def test_headline_mismatch_other_quantity_quiet(text):
    assert codes(text, "C206") == []


def test_count_mismatch_ages_after_names_are_not_items():
    assert codes("According to the indictment, both Rivera, 60, and Nuhfer, 51, acted as agents.", "C205") == []
    assert len(codes("Police said both Rivera, Nuhfer and Smith were held.", "C205")) == 1


def test_percent_change_another_complement_clause_quiet():
    text = ("The bank said growth would slow from 5.4% to 5.1%, and that inflation would rise 3.6% this "
            "year, up from 3% last year.")
    assert codes(text, "C204") == []


def test_percent_change_a_period_is_not_a_figure():
    text = ("The M3 money supply rose by 15.7 pct or 185.78 billion rupees in the first nine months, "
            "against 13.37 pct or 136.42 billion in the same period a year earlier.")
    assert codes(text, "C204") == []
