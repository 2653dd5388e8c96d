"""Names: facts.names clusters, facts.acronyms, rules C101-C103."""
from __future__ import annotations

import pytest

from lintnews.engine import Engine, RunOptions

from conftest import flagged_texts, lint

SEED = (
    "Russia and China to build Moon base\n\n"
    "The space agencies of Russia and China declared Tuesday that they had signed an agreement "
    "to operate a station orbiting the Moon. Russia considered whether to join NASA's Gateway "
    "program.\n\n"
    "According to Roscosmos, the station is a complex of research facilities in the orbit of the "
    "Moon. It will enable \"long-term autonomous activity with a human presence on the moon.\"\n\n"
    "The agreement, signed between China's space chief Zhang Kejian and Russia's space chief "
    "Dmitry Rogozin, is the latest step in Beijing's attempts to explore the Moon.\n\n"
    "China also met with CNES, France's space agency, on Tuesday, according to CNES. Beijing's "
    "Kejian and France's Jean-Yves Le Gall explored cooperation in relation to the Moon and Mars."
)


def _facts(text: str):
    """facts.* for ``text``, parsed with the full pipeline the engine uses."""
    from pathlib import Path

    from lintnews.facts import Facts
    from lintnews.kinds.base import Settings

    eng = Engine(RunOptions(isolated=True))
    cfg = eng.config_for(Path("t.txt"))
    art = eng.read("t.txt", cfg, text.encode())
    doc = eng.nlp(cfg)(art.text)
    return Facts(art, doc, Settings()), art


@pytest.fixture(scope="module")
def seed_facts():
    return _facts(SEED)


def _codes(diags, code):
    return [d for d in diags if d.code == code]


_flagged = flagged_texts


# -- facts.names ---------------------------------------------------------------

def test_seed_moon_and_roscosmos_are_not_people():
    diags = lint(SEED, "C101", "C102", "C103", "C104")
    assert not any("person" in d.message.lower() and ("Moon" in d.message or "Roscosmos" in d.message)
                   for d in diags)


def test_seed_findings():
    diags = lint(SEED, "C101", "C102", "C103", "C104")
    got = {(d.code, d.line, _flagged(SEED, [d])[0]) for d in diags}
    assert ("C102", 9, "Kejian") in got
    assert ("C104", 5, "moon") in got
    assert ("C103", 9, "CNES") in got
    assert not _codes(diags, "C101")
    moon = next(d for d in diags if d.code == "C104")
    assert "'Moon'" in moon.message and "line 3" in moon.message
    assert moon.related and moon.related[0].location.line == 3


def test_names_api(seed_facts):
    facts, art = seed_facts
    names = facts.names
    people = {c.full[2]: c for c in names.people}
    assert "Zhang Kejian" in people and "Dmitry Rogozin" in people
    zhang = people["Zhang Kejian"]
    assert zhang.family_first and zhang.surname == "Zhang" and zhang.given == "Kejian"
    assert [m[2] for m in zhang.mentions] == ["Zhang Kejian", "Kejian"]
    labels = {c.key: c.label for c in names.clusters}
    assert labels.get("moon") != "PERSON"
    assert labels.get("roscosmos") != "PERSON"
    assert names.cluster_for_text("Mr Rogozin's") is people["Dmitry Rogozin"]
    assert names.cluster_for_text("Dmitry Rogozin") is people["Dmitry Rogozin"]
    s = art.text.index("Dmitry Rogozin")
    assert names.cluster_at(s, s + 6) is people["Dmitry Rogozin"]
    assert names.cluster_for_text("Nobody Here") is None


def test_title_and_possessive_are_stripped():
    from lintnews.facts.names import normalise, strip_title

    assert normalise("Rogozin's") == "Rogozin"
    assert strip_title("the space chief Zhang Kejian".split()) == ["Zhang", "Kejian"]
    assert strip_title(["Mr", "Blair"]) == ["Blair"]


# -- C101 ------------------------------------------------------------------------

@pytest.mark.parametrize("text,flag,other", [
    ("Chief executive Richard Parsons said sales rose. Parsons expects more. Analysts told Mr Parson "
     "that the plan was sound.", "Parson", "Parsons"),
    ("Gloucester beat Bath on Saturday. Gloucester now lead the table. Fans of Golucester celebrated.",
     "Golucester", "Gloucester"),
    ("The Scottish Parliament met. The Parliament voted. Members of the Parrliament agreed.",
     "Parrliament", "Parliament"),
    # an initial in a line-up fits the given name ("K Morgaan" / "Kevin Morgan")
    ("Kevin Morgan takes over at full-back. Wales: G Thomas (capt); K Morgaan, T Shanklin.",
     "Morgaan", "Morgan"),
    # a letter replaced in a short surname used repeatedly
    ("Prime Minister Tony Blair spoke on Monday. Blair said the economy was strong. Aides to Blaer "
     "said he would campaign. Blair then left for Brussels.", "Blaer", "Blair"),
])
def test_name_variant_flags_the_rarer_form(text, flag, other):
    diags = _codes(lint(text, "C101"), "C101")
    assert _flagged(text, diags) == [flag]
    assert f"'{other}'" in diags[0].message and "line 1" in diags[0].message
    assert diags[0].related


@pytest.mark.parametrize("text", [
    "John Smith and Mary Smyth lead the campaign. Smith spoke first, then Smyth.",
    "Iran and Iraq signed the pact. Iran said it was pleased and Iraq agreed.",
    "Iran signed the pact. Iran said it was pleased, Iran's allies agreed and Iraq followed.",
    "She starred with Juliette Binoche in Chocolat. Her next film was the remake of Charlie and the "
    "Chocolate Factory.",
    "Germany's exports rose. German firms sold more abroad.",
    "Russia signed. Russian officials were pleased and Russia's allies followed.",
    "Lian Chia Liang, economist at a bank in China, said growth would slow.",
    # an ordinary word or common name one letter from a name (wordfreq knows them)
    "Talks were held at the White House. While officials met, the Capitol stayed shut.",
    "Prince William arrived. Historian Kate Williams said the visit mattered.",
    # a surname in use one letter from a word the article uses as a word
    "In March, coach Jesse Marsch said the team would improve by March.",
])
def test_name_variant_leaves_distinct_names_alone(text):
    assert not _codes(lint(text, "C101"), "C101")


def test_a_misspelling_is_a_word_no_one_writes():
    text = "Muslims marked Ramadan this week. Imams hope the spirit of Ramdan brings people back."
    assert _flagged(text, _codes(lint(text, "C101"), "C101")) == ["Ramdan"]


def test_nested_spacing_variants_report_once():
    text = ("The SAVE America Act passed the House. Senators may pass the Save America Act soon, "
            "aides to the SAVE America Act's sponsor said.")
    assert _flagged(text, _codes(lint(text, "C101", "C104"), "C101") + _codes(lint(text, "C104"), "C104")) \
        == ["Save America Act"]


def test_parts_of_different_longer_names_are_not_spelling_variants():
    text = ("Garden City Fire Rescue said on Facebook that it was working with Pooler Fire-Rescue "
            "and the Savannah Fire Department.")
    assert not [d for d in lint(text, "C101", "C104") if d.code in ("C101", "C104")]


def test_a_firm_of_surnames_is_no_bare_surname():
    text = ("The company will merge into a firm formed by Welsh, Carson, Anderson and Stowe. "
            "Partner Patrick Carson said the deal was fair.")
    assert not _codes(lint(text, "C102"), "C102")


def test_joined_name_is_a_name_variant():
    text = "Media giant Time Warner reported profits. Analysts said TimeWarner had done well."
    diags = _codes(lint(text, "C101"), "C101")
    assert _flagged(text, diags) == ["TimeWarner"]
    assert "'Time Warner'" in diags[0].message


# -- C102 ------------------------------------------------------------------------

def test_given_name_for_family_first_name():
    text = "Premier Wen Jiabao visited Paris. Jiabao said trade would grow. Wen Jiabao then left."
    diags = _codes(lint(text, "C102"), "C102")
    assert _flagged(text, diags) == ["Jiabao"]
    assert "'Wen'" in diags[0].message


@pytest.mark.parametrize("text", [
    "Lee Evans starred in the show. Evans said he loved it.",
    "Lord Roberts of Conwy spoke. Later Sion Aubrey Roberts was named in court.",
    "Chinese leader Hu Jintao arrived. Hu said the talks went well.",
    # two family names: the order is anyone's guess
    "Officer Yoon Heo stopped the car. Heo said the driver ran.",
    # a name that modifies a noun, and the given name of someone already introduced
    "Critics of the Trump administration spoke. Later President Donald Trump replied.",
    "Colt Gray was arrested. Colt had texted his father. His father, Colin Gray, was charged.",
    # the speaker's words
    'Critics spoke. "Colbert was cancelled," Bedoya said. Stephen Colbert declined to comment.',
])
def test_second_reference_quiet_cases(text):
    assert not _codes(lint(text, "C102"), "C102")


def test_shared_surname_alone():
    text = ("Tony Blair met Cherie Blair's advisers on Monday. "
            "On Tuesday Blair said nothing about it.")
    diags = _codes(lint(text, "C102"), "C102")
    assert _flagged(text, diags) == ["Blair"]
    assert len(diags[0].related) == 2


@pytest.mark.parametrize("text", [
    # a relative introduced as such: the bare surname stays with the principal
    "Tony Blair met his wife Cherie Blair's advisers on Monday. On Tuesday Blair said nothing about it.",
    "Chase Elliott led late. He is the son of Hall of Famer Bill Elliott.\n\nThen Elliott crashed.",
    # the only one named nearby
    "Ann Hine runs a fund.\n\nA second analyst, Tom Hine, disagreed. Hine said prices would fall.",
    # a title that fits one of them, and words that keep them apart
    "Analyst Ann Hine and trader Tom Hine spoke. Analyst Hine said prices would fall.",
    "Mr Tony Blair and Mrs Cherie Blair arrived. Mrs Blair spoke first.",
    "Ali Khamenei died in March. His son Mojtaba Khamenei succeeded him. The elder Khamenei had ruled since 1989.",
    # quotations are the speaker's words
    'Tony Blair met Cherie Blair on Monday. "Blair is wrong," a rival said.',
])
def test_shared_surname_resolved_from_context(text):
    assert not _codes(lint(text, "C102"), "C102")


def test_shared_surname_one_finding_a_paragraph():
    text = "Rahim Aziz and Tofig Aziz were held. Aziz said Aziz was beaten."
    assert _flagged(text, _codes(lint(text, "C102"), "C102")) == ["Aziz"]


# -- C103 ------------------------------------------------------------------------

def test_acronym_spelled_out_two_ways():
    text = ("The World Trade Organization (WTO) met in Geneva. Later the World Tariff Office (WTO) ruled "
            "on the case.")
    diags = _codes(lint(text, "C103"), "C103")
    assert len(diags) == 1 and "World Tariff Office" in diags[0].message


def test_acronym_unexplained_still_reported():
    text = "The QMV rules changed. Critics of QMV said the QMV vote was unfair."
    assert _flagged(text, _codes(lint(text, "C103"), "C103")) == ["QMV"]


def test_acronym_quiet_cases():
    for text in [
        "EverQuest (EQ) is a game. Fans say EQ is addictive.",
        "The Centre National d'Etudes Spatiales (CNES) met. CNES said so.",
        "Shares in SSL International rose. SSL makes Durex. SSL fell later.",
        "NASA, the BBC, the UN and the EU met the US team. NASA said so.",
        "The Memorandum of Understanding was signed. The MoU runs for five years. The MoU ends then.",
        "The WRAZ-TV Fox affiliate dropped the show. WRAZ-TV aired a film instead.",   # call sign
        "Made by the UPN TV network, the show ends. Fans asked UPN to keep it.",         # network name
    ]:
        assert not _codes(lint(text, "C103"), "C103"), text


@pytest.mark.parametrize("text", [
    # explained in brackets, in another order or language, or from the first letters of words
    "Oseguera led the Jalisco New Generation Cartel (CJNG). CJNG grew fast. CJNG is feared.",
    "Reports of unidentified aerial phenomena (UAP) rose. UAP files were released. UAP sightings fell.",
    "The US Central Command said the strike worked. CENTCOM gave no details. CENTCOM will say more.",
    "Born won the USA Track & Field (USATF) title. USATF said so. USATF will meet again.",
    # known to readers (wordfreq), a shouted word, a dateline, initials, a broadcaster
    "He pleaded not guilty to DUI charges. The DUI arrest came after a crash.",
    'Trump said: "The show is the worst, EVER! EVER!"',
    "NEW YORK, April 7 - The dollar opened lower. Dealers in New York said so.",
    "Peter Pan creator JM Barrie died in 1937. JM Barrie was Scottish.",
    "The whale moved, CNN affiliate RTL reported. RTL said rescuers were near.",
    # introduced as a name, or only ever naming a kind of thing (a product, model, format)
    "Babies are born with mutations in a gene known as OTOF. Therapies target OTOF.",
    "Digital added three VAX systems. The VAX 8250 replaces older models.",
])
def test_acronym_quiet_on_wire_copy(text):
    assert not _codes(lint(text, "C103"), "C103"), text


def test_headline_uses_do_not_count_towards_min_uses():
    text = "WBD shares fall\n\nProfits fell, according to WBD."
    assert not _codes(lint(text, "C103"), "C103")


def test_known_acronyms_from_config_silence_c103():
    text = "China met CNES on Tuesday. According to CNES, the talks went well."
    assert _codes(lint(text, "C103"), "C103")
    eng = Engine(RunOptions(overrides={"select": ("C103",), "known_acronyms": ("CNES",)}, isolated=True))
    assert not _codes(eng.lint_text(text, "x.txt"), "C103")


def test_textacy_runs_under_numpy2():
    from lintnews.facts.acronyms import matches_expansion

    assert matches_expansion("mou", ["Memorandum", "of", "Understanding"])
    assert not matches_expansion("wto", ["the", "World", "Trade", "Organization"])
