#!/usr/bin/env python3
"""Rebuild benchmarks/heldout/mutated/ and labels.jsonl from clean/ and the mutation list below.

Every mutation is written out by hand: which clean article, which exact text is replaced by what,
which rule(s) should catch it. Spans, line numbers and file names are computed here, so fixing a
label means editing its entry and re-running this script (then check_labels.py).

Standard library only. Usage: python benchmarks/heldout/make_heldout.py
"""
from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent

# Default accept/tolerate per mutation type (the dev sets' conventions, extended to the new types).
DEFAULTS = {
    "weekday-date": (["weekday-date"], ["date-conflict"]),
    "date-conflict": (["date-conflict"], ["weekday-date", "conflicting-accounts"]),
    "percent-change": (["percent-change"], ["numeric-conflict"]),
    "age-conflict": (["age-conflict"], ["numeric-conflict"]),
    "numeric-conflict": (["numeric-conflict"], ["redundant-sentence", "conflicting-accounts"]),
    "headline-mismatch": (["headline-mismatch"], ["numeric-conflict"]),
    "name-variant": (["name-variant"], ["second-reference", "term-variant"]),
    "count-mismatch": (["count-mismatch"], []),
    "conflicting-accounts": (["conflicting-accounts"], ["redundant-sentence", "numeric-conflict"]),
    "quote-conflict": (["quote-conflict"], ["redundant-sentence", "unattributed-quote"]),
    "redundant-sentence": (["redundant-sentence"], ["quote-conflict", "conflicting-accounts"]),
    "article-agreement": (["article-agreement"], []),
    "repeated-word": (["repeated-word"], []),
    "unbalanced-quotes": (["unbalanced-quotes"], ["unattributed-quote", "style-mix"]),
    "missing-space": (["spacing"], []),
    "spacing": (["spacing"], ["style-mix"]),
    "style-mix": (["style-mix"], ["spacing", "term-variant"]),
    "less-fewer": (["less-fewer"], []),
    "term-variant": (["term-variant"], ["style-mix"]),
    "second-reference": (["second-reference"], ["name-variant"]),
    "invisible-character": (["invisible-character"],
                            ["name-variant", "term-variant", "spacing", "repeated-word"]),
    "broken-phrase": (["broken-phrase"], ["repeated-word", "article-agreement"]),
}


@dataclass
class E:
    """Replace the one occurrence of `old` in the clean text with `new`; `span` (part of `new`,
    default all of it) is the text a finding should point at."""
    old: str
    new: str
    span: str | None = None
    role: str = "changed"


def ins(anchor: str, sentence: str) -> E:
    """Append a sentence after `anchor` (the end of a sentence) in the same paragraph."""
    return E(anchor, anchor + " " + sentence, sentence, "inserted")


def para(anchor: str, text: str) -> E:
    """Add a new paragraph after the paragraph that ends with `anchor`."""
    return E(anchor, anchor + "\n\n" + text, text, "inserted")


@dataclass
class M:
    type: str
    source: str              # e.g. "bbc/012.txt"; the clean file is clean/bbc-012.txt
    edits: list
    detail: str
    variant: dict
    orig: list = field(default_factory=list)   # text already in the article that the finding relates to
    accept: list | None = None
    tolerate: list | None = None


MUTATIONS: list[M] = [
    # ------------------------------------------------------------------ weekday-date
    M("weekday-date", "bbc/012.txt", [E("closes on Friday 28 March", "closes on Friday 26 March", "Friday 26 March")],
      "'Friday 28 March' -> 'Friday 26 March'; the school year named is 2025, and 26 March was a Wednesday "
      "in 2025 (Tuesday in 2024, Thursday in 2026)", {"format": "bbc-nocomma", "change": "day", "year": "elsewhere"}),
    M("weekday-date", "oldwire/008.txt", [E("on Wednesday, January 28,", "on Friday, January 28,", "Friday, January 28")],
      "'Wednesday, January 28' -> 'Friday, January 28'; 28 January 1987 was a Wednesday (Tuesday in 1986, "
      "Thursday in 1988)", {"format": "oldwire-comma", "change": "weekday", "year": "elsewhere"}),
    M("weekday-date", "wire/001.txt", [E("set sentencing for Jan. 16, 2025.", "set sentencing for Wednesday, Jan. 16, 2025.",
                                         "Wednesday, Jan. 16, 2025")],
      "weekday added to 'Jan. 16, 2025': 16 January 2025 was a Thursday, not a Wednesday",
      {"format": "ap-abbrev-month-year", "change": "weekday-added"}),
    M("weekday-date", "wire/010.txt", [E("by half a percentage point on Wednesday,", "by half a percentage point on Friday,", "Friday")],
      "dateline 'March 19' with 'on Wednesday' -> 'on Friday'; the article's year is 2025 (projections for "
      "2026), and 19 March was a Wednesday in 2025 (Tuesday 2024, Thursday 2026)",
      {"format": "reuters-dateline", "change": "weekday"}, orig=["WASHINGTON, March 19"]),
    M("weekday-date", "bbc/001.txt", [E("Extra opening on Monday 18th March 2024", "Extra opening on Tuesday 18th March 2024",
                                        "Tuesday 18th March 2024")],
      "'Monday 18th March 2024' -> 'Tuesday 18th March 2024' inside a quoted notice: 18 March 2024 was a Monday",
      {"format": "ordinal-in-quote", "change": "weekday"}),
    M("weekday-date", "web/003.txt", [E("the morning of Wednesday, January 17.", "the morning of Wednesday, January 16.",
                                        "Wednesday, January 16")],
      "end of a date range 'Wednesday, January 17' -> 'Wednesday, January 16'; the article says January 2024, "
      "and 16 January 2024 was a Tuesday", {"format": "us-range-end", "change": "day", "year": "elsewhere"}),
    M("weekday-date", "oldwire/002.txt", [E("on Friday, October 31,", "on Friday, October 29,", "Friday, October 29")],
      "'Friday, October 31' -> 'Friday, October 29'; for the 1986/87 season 29 October was a Wednesday in 1986 "
      "and a Thursday in 1987", {"format": "oldwire-comma", "change": "day", "year": "season"}),

    # ------------------------------------------------------------------ date-conflict
    M("date-conflict", "wire/001.txt", [E("after Vance's Jan. 16 hearing.", "after Vance's Jan. 26 hearing.", "Jan. 26")],
      "Vance's sentencing is set for 'Jan. 16, 2025' (line 19) but later called 'Vance's Jan. 26 hearing'",
      {"format": "ap-abbrev", "relation": "possessive-restatement"}, orig=["Jan. 16, 2025"]),
    M("date-conflict", "oldwire/003.txt", [E("The council's April 16 meeting", "The council's April 23 meeting", "April 23")],
      "the council's next meeting is 'on April 16' and then 'The council's April 23 meeting'",
      {"format": "oldwire-no-year", "relation": "possessive-restatement"}, orig=["next meeting, on April 16"]),
    M("date-conflict", "wire/008.txt", [E("since the Jan. 5 discovery", "since the Jan. 8 discovery", "Jan. 8")],
      "the crack 'was discovered Jan. 5' but later 'since the Jan. 8 discovery'",
      {"format": "ap-abbrev", "relation": "attributive-noun"}, orig=["discovered Jan. 5"]),
    M("date-conflict", "bbc/008.txt", [E("the last passenger service in May 1968.", "the last passenger service in May 1966.",
                                         "May 1966")],
      "the line closed 'in 1968' (lines 3 and 23, and '56 years' in the headline) but the last passenger "
      "service is dated 'May 1966'", {"format": "month-year", "relation": "year-changed"},
      orig=["since it closed in 1968"]),
    M("date-conflict", "web/005.txt", [E("a Wisconsin dairy barn in March is", "a Wisconsin dairy barn in April is", "in April")],
      "the meteorite fell 'on the night of March 9' (line 5) but the opening says it hit the barn 'in April'",
      {"format": "month-only-vs-date", "relation": "month-changed"}, orig=["on the night of March 9"]),
    M("date-conflict", "web/007.txt", [E("some time after 2 a.m., disabled", "some time after 2 a.m. Saturday, disabled",
                                         "2 a.m. Saturday")],
      "the break-in happened 'early Sunday' (line 3) but the burglars cut in 'after 2 a.m. Saturday'",
      {"format": "weekday-only", "relation": "weekday-added"}, orig=["early Sunday"]),
    M("date-conflict", "oldwire/006.txt", [E("could be lifted before April 17 if", "could be lifted before April 7 if", "April 7")],
      "the tariffs 'take effect on April 17' (line 5) but 'could be lifted before April 7'",
      {"format": "oldwire-no-year", "relation": "deadline-restated"}, orig=["take effect on April 17"]),

    # ------------------------------------------------------------------ percent-change
    M("percent-change", "bbc/005.txt", [E("down 18.4% from £50.5m", "down 13.4% from £50.5m", "down 13.4% from £50.5m")],
      "£50.5m -> £41.2m is a fall of 18.4%, not 13.4% ('profits of £41.2m ..., down X% from £Y')",
      {"template": "of-X-down-from", "error": "digit"}, orig=["£41.2m"]),
    M("percent-change", "wire/002.txt", [E("rose $4.12, or 7.8 percent, to $56.94", "rose $4.12, or 5.8 percent, to $56.94")],
      "a $4.12 rise to $56.94 (from $52.82) is 7.8%, not 5.8% ('rose $A, or N percent, to $B')",
      {"template": "abs-change-or-pct-to", "error": "digit"}),
    M("percent-change", "oldwire/001.txt", [E("an increase of 20 pct.", "an increase of 12 pct.", "an increase of 12 pct")],
      "backlog 264 -> 318 mln dlrs is +20.5%, not 12 pct ('up from Y ..., an increase of N pct')",
      {"template": "up-from-increase-of", "error": "digits"}, orig=["318 mln dlrs"]),
    M("percent-change", "oldwire/005.txt", [E("a premium of about 29 pct to that price",
                                               "a premium of about 24 pct to that price")],
      "38 dlrs against a close of 29-3/8 is a premium of 29.4%, not 24 pct (fractional price)",
      {"template": "premium-fraction-price", "error": "digit"}, orig=["29-3/8"]),
    M("percent-change", "oldwire/002.txt", [E("about 190,000 tonnes, down from 219,000 tonnes last season,",
                                               "about 190,000 tonnes, 23 pct down on last season's 219,000 tonnes,",
                                               "190,000 tonnes, 23 pct down on last season's 219,000 tonnes")],
      "219,000 -> 190,000 tonnes is a fall of 13.2%, not 23 pct ('X, N pct down on last season's Y')",
      {"template": "pct-down-on-possessive", "error": "offset"}),
    M("percent-change", "web/006.txt", [E("up 7% from $2.7 billion the year before",
                                           "17% more than the $2.7 billion it took in the year before")],
      "$2.7 billion -> $2.9 billion is +7.4%, not 17% ('X, N% more than the Y it took in')",
      {"template": "pct-more-than", "error": "offset"}, orig=["$2.9 billion"]),
    M("percent-change", "bbc/005.txt", [E("fell by almost a fifth last year", "fell by almost a third last year", "almost a third")],
      "profits fell from £50.5m to £41.2m (18.4%, line 5), which is almost a fifth, not 'almost a third'",
      {"template": "fraction-word", "error": "fraction"}, orig=["down 18.4% from £50.5m"]),

    # ------------------------------------------------------------------ age-conflict
    M("age-conflict", "bbc/006.txt", [E("The retired teacher, who is 71,", "The retired teacher, who is 77,", "who is 77")],
      "Margaret Okafor is 71 (line 17) and then 'The retired teacher, who is 77' (descriptor, no name)",
      {"first": "comma", "second": "who-is-descriptor"}, orig=["Margaret Okafor, 71,"]),
    M("age-conflict", "wire/012.txt", [E("Ingrid Halvorsen, who died in 2019 at the age of 94,",
                                          "Ingrid Halvorsen, who was born in 1931 and died in 2019 at the age of 94,",
                                          "who was born in 1931 and died in 2019 at the age of 94")],
      "born in 1931 and died in 2019 makes 87 or 88, not 'at the age of 94'",
      {"first": "birth-year", "second": "died-at-age"}),
    M("age-conflict", "wire/003.txt", [E("he left a changeup up to Ortega in the sixth", "he left a changeup up to the 24-year-old Ortega in the sixth",
                                         "the 24-year-old Ortega")],
      "'Ortega, 26,' (line 5) and later 'the 24-year-old Ortega'",
      {"first": "comma", "second": "attributive-with-name"}, orig=["Ortega, 26,"]),
    M("age-conflict", "bbc/008.txt", [E("Walter Cudmore, 88,", "Walter Cudmore, 78,")],
      "Walter Cudmore is given as 78, but he says he was 32 on the last train in 1968, 56 years ago, "
      "which makes him 88", {"first": "comma", "second": "quoted-age-then"}, orig=["I was 32"]),
    M("age-conflict", "wire/011.txt", [E("Park told reporters at the party's headquarters", "Park, who turned 65 last month, told reporters at the party's headquarters",
                                         "Park, who turned 65 last month,")],
      "'Park, 61,' (line 5) and then 'Park, who turned 65 last month'",
      {"first": "comma", "second": "turned-n"}, orig=["Park, 61,"]),
    M("age-conflict", "wire/009.txt", [E("Tyler Haskins of Glendale", "Tyler Haskins, 32, of Glendale", "Tyler Haskins, 32,")],
      "'A 23-year-old man was charged' (line 3) is then named as 'Tyler Haskins, 32,'",
      {"first": "indefinite-descriptor", "second": "comma"}, orig=["A 23-year-old man"]),

    # ------------------------------------------------------------------ numeric-conflict
    M("numeric-conflict", "bbc/008.txt", [E("relaying 11 miles of track", "relaying 13 miles of track", "13 miles")],
      "'The 11-mile line' (line 7) but 'relaying 13 miles of track' for the whole line",
      {"form": "hyphenated-modifier-vs-plural"}, orig=["11-mile line"]),
    M("numeric-conflict", "web/005.txt", [E("1.7 pounds (770 grams)", "1.7 pounds (570 grams)", "570 grams")],
      "1.7 pounds is about 770 grams; the conversion in brackets says 570 grams",
      {"form": "unit-conversion"}, orig=["1.7 pounds"]),
    M("numeric-conflict", "oldwire/004.txt", [E("cut output by 7.25 pct to 15.8 mln bpd", "cut output by 7.25 pct to 15.3 mln bpd", "15.3 mln bpd")],
      "the ceiling is '15.8 mln bpd' (line 3) and then output was cut 'to 15.3 mln bpd' for the same half-year",
      {"form": "decimal-mln-restated"}, orig=["ceiling of 15.8 mln bpd"]),
    M("numeric-conflict", "bbc/004.txt", [E("The highest gust, 83mph,", "The highest gust, 88mph,", "88mph")],
      "gusts 'of up to 83mph' (line 3, and the headline) but 'The highest gust, 88mph'",
      {"form": "superlative-appositive"}, orig=["gusts of up to 83mph"]),
    M("numeric-conflict", "bbc/010.txt", [E("to match the £1.9m asking price", "to match the £1.6m asking price", "£1.6m")],
      "the gallery raised £1.9m to buy it (line 3) but the asking price is given as £1.6m",
      {"form": "attributive-money"}, orig=["has raised £1.9m"]),
    M("numeric-conflict", "web/002.txt", [E("“Forty minutes doesn’t sound like a lot.", "“Thirty minutes doesn’t sound like a lot.",
                                            "Thirty minutes")],
      "the gain is '40 minutes' (line 3) but the lead author's quote says 'Thirty minutes'",
      {"form": "word-in-quote-vs-digits"}, orig=["40 minutes more per night"]),

    # ------------------------------------------------------------------ headline-mismatch
    M("headline-mismatch", "bbc/003.txt", [E("Okonkwo double sends", "Okonkwo hat-trick sends", "hat-trick")],
      "headline 'Okonkwo hat-trick' but the body says he 'scored twice'",
      {"variant": "feat-word"}, orig=["scored twice"]),
    M("headline-mismatch", "bbc/011.txt", [E("Three jailed over £250,000 van tool thefts", "Three jailed over £2.5m van tool thefts", "£2.5m")],
      "headline '£2.5m' (scale) but the body says 'more than £250,000'",
      {"variant": "scale"}, orig=["more than £250,000"]),
    M("headline-mismatch", "web/006.txt", [E("1,800 jobs, about 12% of its workforce", "1,800 jobs, about a fifth of its workforce",
                                            "about a fifth")],
      "headline 'about a fifth of its workforce' but the body says 'roughly 12%' (1,800 of 15,000)",
      {"variant": "fraction-word"}, orig=["roughly 12%"]),
    M("headline-mismatch", "oldwire/007.txt", [E("WINTER WHEAT CROP DOWN 9 PCT", "WINTER WHEAT CROP DOWN 19 PCT", "19 PCT")],
      "all-caps headline 'DOWN 19 PCT' but the body says 'down 9 pct'",
      {"variant": "caps-digit-added"}, orig=["down 9 pct"]),
    M("headline-mismatch", "web/004.txt", [E("Maya Torres postpones five", "Elena Torres postpones five", "Elena Torres")],
      "headline names 'Elena Torres' (the singer's mother, line 17) as the one postponing; the body says Maya Torres",
      {"variant": "name-relative"}, orig=["Singer-songwriter Maya Torres"]),
    M("headline-mismatch", "bbc/007.txt", [E("Migrating birds arriving 11 days earlier", "Migrating birds arriving two weeks earlier",
                                             "two weeks")],
      "headline 'two weeks earlier' but the body says 'an average of 11 days earlier'",
      {"variant": "unit-rescale"}, orig=["11 days earlier"]),
    M("headline-mismatch", "wire/009.txt", [E("crossing guard outside Phoenix school", "crossing guard outside Tucson school", "Tucson")],
      "headline places the school in Tucson; the dateline and body say Phoenix",
      {"variant": "place-name"}, orig=["PHOENIX"]),

    # ------------------------------------------------------------------ name-variant
    M("name-variant", "bbc/005.txt", [E("Ms Harrowgate's father", "Ms Harrogate's father", "Harrogate")],
      "person surname 'Harrowgate' written 'Harrogate' (a real town) in a possessive",
      {"variant": "real-word", "entity": "person surname", "context": "possessive"}, orig=["Fiona Harrowgate"]),
    M("name-variant", "wire/003.txt", [E("Lindqvist, who had won", "Lindquist, who had won", "Lindquist")],
      "person surname 'Lindqvist' written in the commoner spelling 'Lindquist'",
      {"variant": "common-spelling", "entity": "person surname"}, orig=["Jake Lindqvist"]),
    M("name-variant", "wire/011.txt", [E("through the roof,\" Cho said.", "through the roof,\" Jo said.", "Jo")],
      "Korean surname 'Cho' romanized 'Jo' at the second reference",
      {"variant": "romanization", "entity": "person surname"}, orig=["Cho Han-gyeol"]),
    M("name-variant", "bbc/004.txt", [E("\"Sian was already up", "\"Siân was already up", "Siân")],
      "given name 'Sian' written 'Siân' (with a circumflex) inside a quote",
      {"variant": "diacritic", "entity": "person given name"}, orig=["Gareth and Sian Roberts"]),
    M("name-variant", "wire/008.txt", [E("SkyPlains said that since", "Sky Plains said that since", "Sky Plains")],
      "organisation 'SkyPlains' split into 'Sky Plains' at one mention",
      {"variant": "split-camel", "entity": "organisation"}, orig=["SkyPlains Airlines"],
      accept=["name-variant", "term-variant"]),
    M("name-variant", "wire/012.txt", [E("Halvorsen said backstage", "Halverson said backstage", "Halverson")],
      "person surname 'Halvorsen' written 'Halverson' (-sen/-son and vowel) at one mention",
      {"variant": "suffix-son-sen", "entity": "person surname"}, orig=["Clare Halvorsen"]),
    M("name-variant", "wire/001.txt", [E("had not known of Pruitt's role", "had not known of Pruett's role", "Pruett")],
      "person surname 'Pruitt' written 'Pruett' in a possessive",
      {"variant": "vowel-swap", "entity": "person surname", "context": "possessive"}, orig=["Darnell Pruitt"]),

    # ------------------------------------------------------------------ count-mismatch
    M("count-mismatch", "bbc/003.txt", [E("the other three semi-finalists", "the other two semi-finalists")],
      "'Castlebrook, Selby Vale and Fenwick Rovers, the other two semi-finalists': list of 3 before a total of 2",
      {"template": "list-then-appositive-total"}, orig=["Castlebrook, Selby Vale and Fenwick Rovers"]),
    M("count-mismatch", "oldwire/004.txt", [E("were the four members that exceeded", "were the three members that exceeded",
                                              "the three members")],
      "'Iraq, the United Arab Emirates, Kuwait and Qatar were the three members': 4 listed before a total of 3",
      {"template": "list-then-predicate-total"}, orig=["Iraq, the United Arab Emirates, Kuwait and Qatar"]),
    M("count-mismatch", "wire/012.txt", [E("Halvorsen beat four other finalists.", "Halvorsen beat five other finalists.",
                                           "five other finalists")],
      "'beat five other finalists.' and the next sentence lists four, separated by semicolons",
      {"template": "next-sentence-semicolons"}, orig=["Marcus Odum"]),
    M("count-mismatch", "bbc/005.txt", [E("at five sites: Bradford", "at six sites: Bradford", "six sites")],
      "'six sites: Bradford, Selby, Malton, Driffield and Thirsk' lists 5",
      {"template": "colon"}),
    M("count-mismatch", "oldwire/008.txt", [E("is building two ferries for a Norwegian operator and a survey ship",
                                              "is building four ships: two ferries for a Norwegian operator and a survey ship",
                                              "four ships: two ferries for a Norwegian operator and a survey ship")],
      "'four ships: two ferries ... and a survey ship' adds up to 3",
      {"template": "subtotals"}),
    M("count-mismatch", "wire/002.txt", [E("its first locations in Maine, Vermont and New Hampshire", "its first locations in both Maine, Vermont and New Hampshire",
                                           "both Maine, Vermont and New Hampshire")],
      "'both Maine, Vermont and New Hampshire': 'both' before three items",
      {"template": "both-three-items"}),
    M("count-mismatch", "oldwire/002.txt", [E("now ranks third after the Ivory Coast and Brazil",
                                              "now ranks fourth after the Ivory Coast and Brazil")],
      "'ranks fourth after the Ivory Coast and Brazil': two named ahead means third",
      {"template": "ordinal-rank-after-list"}),

    # ------------------------------------------------------------------ conflicting-accounts
    M("conflicting-accounts", "wire/009.txt",
      [ins("Haskins is also charged with driving on a suspended license.",
           "The damaged pickup was found by officers behind a friend's home in west Phoenix, Ibarra said.")],
      "line 5 says the truck was behind 'a relative's home'; retold later in the passive as 'behind a friend's home'",
      {"swap": "common-noun", "paraphrase": "passive"}, orig=["parked behind a relative's home in west Phoenix"]),
    M("conflicting-accounts", "web/007.txt",
      [ins("possibly posing as visitors.",
           "The pair got in by cutting through a skylight before disabling the alarm panel, Keel said.")],
      "line 5 says the burglars 'cut through a rear door'; retold later as 'cutting through a skylight'",
      {"swap": "noun-phrase", "paraphrase": "reordered-attrib-end"}, orig=["cut through a rear door"]),
    M("conflicting-accounts", "bbc/002.txt",
      [ins("was selling her car to repay more.",
           "It was the son of one resident who first spotted the cash machine withdrawals, the court heard.")],
      "line 11 says 'the daughter of one resident' noticed the withdrawals; retold later (cleft) as 'the son of one resident'",
      {"swap": "kinship-noun", "paraphrase": "cleft"}, orig=["the daughter of one resident noticed withdrawals"]),
    M("conflicting-accounts", "wire/004.txt",
      [ins("would raise premiums by less than 0.5 percent.",
           "The bill's sponsor, Sen. Mark DeWitt, said he expected a close vote in the House.")],
      "line 5 says the measure was 'sponsored by Sen. Laura Chen'; later 'The bill's sponsor, Sen. Mark DeWitt'",
      {"swap": "person", "paraphrase": "appositive-role"}, orig=["sponsored by Sen. Laura Chen"]),
    M("conflicting-accounts", "bbc/004.txt",
      [para("that nobody had been hurt.",
            "The couple, whose cottage was hit by a falling telegraph pole, are staying with relatives in Llanrwst.")],
      "line 13 says a tree came down across their cottage; a later paragraph says it 'was hit by a falling telegraph pole'",
      {"swap": "common-noun", "paraphrase": "relative-clause"}, orig=["a tree came down across the front of their cottage"]),
    M("conflicting-accounts", "oldwire/006.txt",
      [ins("as it had promised under the agreement signed last July.",
           "According to the Commerce Department, Japan has kept selling chips below cost in third countries.")],
      "line 7 gives the below-cost claim to the U.S. Trade Representative's office; retold as 'According to the "
      "Commerce Department'", {"swap": "organisation", "paraphrase": "according-to"},
      orig=["A spokesman for the U.S. Trade Representative's office said Japan had continued to sell computer chips"]),
    M("conflicting-accounts", "wire/006.txt",
      [ins("provides corals with less food.",
           "The surviving corals had taken on a heat-tolerant bacterium called Durusdinium, Akana said.")],
      "the same sentence's paragraph calls Durusdinium 'a type of algae'; retold as 'a heat-tolerant bacterium'",
      {"swap": "common-noun-category", "paraphrase": "attrib-end"}, orig=["a type of algae called Durusdinium"]),

    # ------------------------------------------------------------------ quote-conflict
    M("quote-conflict", "bbc/002.txt",
      [ins("to avoid drawing attention\", he said.",
           "In Mr Hayes's words, Pritchard had committed \"a gross breach of trust against people who could not protect themselves\".")],
      "the judge's words on line 19 are also given 'In Mr Hayes's words' (the prosecutor) on line 9",
      {"template": "in-x-words"}, orig=["\"a gross breach of trust against people who could not protect themselves\""]),
    M("quote-conflict", "web/003.txt",
      [para("“So you bought generators and left them in a parking lot,” Ortiz replied.",
            "Ortiz later tweeted: “Four hours of testimony and not one apology.”")],
      "Caldwell's post on X (line 13) is quoted again as something Ortiz 'tweeted'",
      {"template": "tweeted"}, orig=["“Four hours of testimony and not one apology."]),
    M("quote-conflict", "web/006.txt",
      [ins("I closed the biggest deal on my team last quarter.”",
           "Reyes later wrote on LinkedIn: “These are talented people, and this is not a reflection of their work.”")],
      "Ashby's memo line (line 7) is attributed to Reyes with 'wrote on LinkedIn:'",
      {"template": "wrote-colon"}, orig=["“These are talented people, and this is not a reflection of their work,”"]),
    M("quote-conflict", "wire/004.txt",
      [ins("would raise premiums by less than 0.5 percent.",
           "\"There's no such thing as a free insulin pen,\" the Ann Arbor Democrat said.")],
      "DeWitt's quote (line 11) is attributed by title to 'the Ann Arbor Democrat' (Chen)",
      {"template": "descriptor-title"}, orig=["\"There's no such thing as a free insulin pen,\""]),
    M("quote-conflict", "bbc/012.txt",
      [para("but keep both buildings open.",
            "Mr Dimmock was blunt. \"Nobody goes into local government wanting to close a village school.\"")],
      "Councillor Oduya's words (line 11) are given to Mr Dimmock, named in the sentence before the quote",
      {"template": "speaker-in-previous-sentence"}, orig=["\"Nobody goes into local government wanting to close a village school,\""]),
    M("quote-conflict", "oldwire/006.txt",
      [ins("if Japan showed \"clear evidence\" that it was complying with the pact.",
           "\"We have given them every chance,\" the spokesman repeated.")],
      "the spokesman's quote on line 9 ('every opportunity') is repeated with different words ('every chance')",
      {"template": "reworded-repeat"}, orig=["\"We have given them every opportunity,\""]),
    M("quote-conflict", "bbc/010.txt",
      [para("borrowed from collections in Scotland and London.",
            "\"The most important Scottish painting by a woman to come on to the market in my lifetime.\" That was how "
            "Dame Catriona described the portrait at the unveiling.")],
      "Prof Reid's words (line 19) are given to Dame Catriona, named in the sentence after the quote",
      {"template": "speaker-in-next-sentence"},
      orig=["\"the most important Scottish painting by a woman to come on to the market in my lifetime\""]),

    # ------------------------------------------------------------------ redundant-sentence
    M("redundant-sentence", "bbc/006.txt",
      [ins("The average across England was 19.5%.", "The figure had fallen to 910 by the end of March.")],
      "line 5 'By the end of March, the figure had fallen to 910.' repeated with the adverbial moved to the end",
      {"edit": "move-adverbial"}, orig=["By the end of March, the figure had fallen to 910."]),
    M("redundant-sentence", "wire/007.txt",
      [ins("including 600 to adults.", "Seven people have also been hospitalized.")],
      "line 5 'Seven people have been hospitalized.' repeated with 'also' added",
      {"edit": "add-also"}, orig=["Seven people have been hospitalized."]),
    M("redundant-sentence", "oldwire/004.txt",
      [ins("\"The real decision is in June.\"",
           "Iraq, which does not recognise its OPEC quota, was estimated to have pumped 1.9 million bpd, sources said.")],
      "line 7 repeated at the end with 'mln' spelled 'million' and 'the sources' -> 'sources'",
      {"edit": "abbrev-expand"}, tolerate=["quote-conflict", "conflicting-accounts", "term-variant", "style-mix"],
      orig=["Iraq, which does not recognise its OPEC quota, was estimated to have pumped 1.9 mln bpd, the sources said."]),
    M("redundant-sentence", "bbc/012.txt",
      [ins("\"We are opposed to losing the only thing in this village that isn't a church or a postbox,\" she said.",
           "Governors have asked the council to consider a federation, in which the two schools would share a head "
           "teacher but keep both buildings open, Mr Dimmock said.")],
      "line 19 repeated later with the attribution moved to the end and the tense changed",
      {"edit": "attribution-moved-tense"},
      orig=["in which the two schools would share a head teacher but keep both buildings open."]),
    M("redundant-sentence", "bbc/010.txt",
      [ins("It turns out she was right.\"",
           "The painting was rediscovered in 2021 in the attic of a house in Surrey, where it had been wrapped in a "
           "blanket and labeled \"not valuable\".")],
      "line 5 repeated later with 'labelled' spelled 'labeled' and the title dropped",
      {"edit": "spelling-variant"}, tolerate=["quote-conflict", "conflicting-accounts", "term-variant"],
      orig=["was rediscovered in 2021 in the attic of a house in Surrey, where it had been wrapped in a blanket and labelled \"not valuable\"."]),
    M("redundant-sentence", "web/001.txt",
      [ins("without paying a fee.", "The FAA has said there is “no indication” of a cyberattack.")],
      "line 9 'The FAA said there was “no indication” of a cyberattack.' repeated in the present perfect",
      {"edit": "tense-shift"}, orig=["The FAA said there was “no indication” of a cyberattack."]),
    M("redundant-sentence", "oldwire/007.txt",
      [ins("\"Oklahoma in particular.\"", "However, analysts had expected a crop of about 1.45 billion bushels.")],
      "line 9 'Analysts had expected a crop of about 1.45 billion bushels.' repeated in the same paragraph with 'However,'",
      {"edit": "connective-prefix"}, orig=["Analysts had expected a crop of about 1.45 billion bushels."]),

    # ------------------------------------------------------------------ article-agreement
    M("article-agreement", "wire/007.txt", [E("you have about a 90 percent chance", "you have about an 90 percent chance", "an 90")],
      "'a 90 percent' -> 'an 90 percent' (ninety: consonant sound)", {"variant": "number-digits"}),
    M("article-agreement", "wire/005.txt", [E("a shelter at a high school", "a shelter at an high school", "an high")],
      "'a high school' -> 'an high school' (sounded h)", {"variant": "h-sounded"}),
    M("article-agreement", "web/002.txt", [E("at least an hour before", "at least a hour before", "a hour")],
      "'an hour' -> 'a hour' (silent h)", {"variant": "h-silent"}),
    M("article-agreement", "wire/003.txt", [E("Jalen Price added an RBI single", "Jalen Price added a RBI single", "a RBI")],
      "'an RBI' -> 'a RBI' (initialism read 'ar')", {"variant": "initialism"}),
    M("article-agreement", "bbc/004.txt", [E("but a yellow warning for rain", "but an yellow warning for rain", "an yellow")],
      "'a yellow warning' -> 'an yellow warning' (y-glide)", {"variant": "y-glide"}),
    M("article-agreement", "oldwire/008.txt", [E("will stage a one-day strike", "will stage an one-day strike", "an one-day")],
      "'a one-day strike' -> 'an one-day strike' (one: w sound)", {"variant": "one-w-sound"}),

    # ------------------------------------------------------------------ repeated-word
    M("repeated-word", "bbc/007.txt", [E("The study, published in the Journal", "The the study, published in the Journal", "The the")],
      "'The study' -> 'The the study' (the repeat differs in case)", {"variant": "case-differs"}),
    M("repeated-word", "web/008.txt", [E("celebrate with “a very big bowl", "celebrate with “with a very big bowl", "with “with")],
      "'with “a' -> 'with “with a' (repeat across an opening quotation mark)", {"variant": "across-quote-mark"}),
    M("repeated-word", "wire/008.txt", [E("had probably been growing", "had has probably been growing", "had has")],
      "'had probably been' -> 'had has probably been' (doubled auxiliary)", {"variant": "aux-pair"},
      tolerate=["broken-phrase"]),
    M("repeated-word", "wire/006.txt", [E("less than 1 percent of the ocean floor", "less than 1 percent of the of the ocean floor",
                                          "of the of the")],
      "'of the ocean' -> 'of the of the ocean' (repeated two-word phrase)", {"variant": "bigram"}),
    M("repeated-word", "wire/007.txt", [E("the Kansas Department of Health", "the Kansas Kansas Department of Health", "Kansas Kansas")],
      "'Kansas Department' -> 'Kansas Kansas Department' (repeated proper noun)", {"variant": "proper-noun"}),
    M("repeated-word", "oldwire/007.txt", [E("forecast to harvest 354 mln bushels", "forecast to harvest 354 354 mln bushels", "354 354")],
      "'354 mln' -> '354 354 mln' (repeated number)", {"variant": "number"}),

    # ------------------------------------------------------------------ unbalanced-quotes
    M("unbalanced-quotes", "web/003.txt", [E("‘You had one job’", "‘You had one job", "‘You had one job")],
      "headline: dropped the closing single curly quote of '‘You had one job’'", {"variant": "headline-single-close"}),
    M("unbalanced-quotes", "bbc/010.txt", [E("'somewhere in England',\" Mr Kerr", "'somewhere in England,\" Mr Kerr",
                                             "'somewhere in England,\"")],
      "dropped the closing single quote of a quote nested in a quote", {"variant": "nested-single"}),
    M("unbalanced-quotes", "bbc/001.txt", [E("\"every penny and every deadline\".", "\"every penny and every deadline.",
                                             "\"every penny and every deadline.")],
      "dropped the closing quote at the end of a sentence and paragraph", {"variant": "sentence-end-close"}),
    M("unbalanced-quotes", "wire/001.txt", [E("\"We are disappointed, but this is not over,\" Sato said",
                                              "We are disappointed, but this is not over,\" Sato said",
                                              "We are disappointed, but this is not over,\"")],
      "dropped the opening quote at the start of a paragraph", {"variant": "opening-dropped"}),
    M("unbalanced-quotes", "web/004.txt", [E("with the caption “My brave girl.”", "with the caption “My brave girl.",
                                             "“My brave girl.")],
      "dropped the closing curly quote at the end of a paragraph", {"variant": "curly-paragraph-end"}),
    M("unbalanced-quotes", "wire/003.txt", [E("Bell (12-5) allowed", "Bell (12-5 allowed", "(12-5 allowed")],
      "dropped the closing parenthesis of a pitcher's record", {"variant": "paren-close"}),
    M("unbalanced-quotes", "wire/012.txt", [E("for \"Gulf\"; Ana", "for \"Gulf; Ana", "\"Gulf; Ana")],
      "dropped the closing quote of a title in a semicolon list", {"variant": "title-in-list"}),

    # ------------------------------------------------------------------ missing-space
    M("missing-space", "bbc/004.txt", [E("had fallen to 11,500. Most", "had fallen to 11,500.Most", "11,500.Most")],
      "removed the space in '11,500. Most' -> '11,500.Most'", {"variant": "after-number"}),
    M("missing-space", "wire/004.txt", [E("sponsored by Sen. Laura Chen", "sponsored by Sen.Laura Chen", "Sen.Laura")],
      "removed the space after an abbreviation: 'Sen. Laura' -> 'Sen.Laura'", {"variant": "after-abbreviation"}),
    M("missing-space", "web/008.txt", [E("Wang said. “Today he cried", "Wang said.“Today he cried", "said.“Today")],
      "removed the space before an opening curly quote: 'said. “Today' -> 'said.“Today'", {"variant": "before-opening-curly"}),
    M("missing-space", "web/002.txt", [E("were a war,” said Kari", "were a war,”said Kari", "war,”said")],
      "removed the space after a closing curly quote: 'war,” said' -> 'war,”said'", {"variant": "after-closing-curly"}),
    M("missing-space", "wire/010.txt", [E("gaining 0.8%, while the yield", "gaining 0.8%,while the yield", "0.8%,while")],
      "removed the space after a comma following a percentage: '0.8%, while' -> '0.8%,while'", {"variant": "after-comma"}),
    M("missing-space", "bbc/002.txt", [E("Commission (CQC) said", "Commission (CQC)said", "(CQC)said")],
      "removed the space after a closing parenthesis: '(CQC) said' -> '(CQC)said'", {"variant": "after-paren"}),

    # ------------------------------------------------------------------ spacing
    M("spacing", "bbc/010.txt", [E("and they did - in fivers", "and they did -in fivers", "did -in")],
      "spaced hyphen-dash lost its right-hand space: 'did - in' -> 'did -in'", {"variant": "dash-left-only"}),
    M("spacing", "web/001.txt", [E("cancellations – about 830", "cancellations– about 830", "cancellations– about")],
      "en dash lost its left-hand space: 'cancellations – about' -> 'cancellations– about'", {"variant": "endash-right-only"}),
    M("spacing", "wire/001.txt", [E("COLUMBUS, Ohio — A federal jury", "COLUMBUS, Ohio —A federal jury", "Ohio —A")],
      "dateline em dash spaced on the left only: 'Ohio — A' -> 'Ohio —A'", {"variant": "emdash-dateline"}),
    M("spacing", "wire/005.txt", [E("homes in Lyons, Pinewood Springs", "homes in Lyons , Pinewood Springs", "Lyons ,")],
      "space before a comma: 'Lyons, Pinewood' -> 'Lyons , Pinewood'", {"variant": "space-before-comma"}),
    M("spacing", "bbc/003.txt", [E("a crowd of 4,812 at Brook Park.", "a crowd of 4,812 at Brook Park .", "Park .")],
      "space before a full stop: 'Brook Park.' -> 'Brook Park .'", {"variant": "space-before-period"}),
    M("spacing", "oldwire/005.txt", [E("for 38 dlrs a share in cash", "for 38 dlrs  a share in cash", "dlrs  a")],
      "doubled space between words: 'dlrs a' -> 'dlrs  a'", {"variant": "double-space"}),
    M("spacing", "oldwire/001.txt", [E("CLEVELAND, March 4 - Halstead", "CLEVELAND, March 4 -Halstead", "4 -Halstead")],
      "dateline hyphen spaced on the left only: '4 - Halstead' -> '4 -Halstead'", {"variant": "hyphen-dateline"}),

    # ------------------------------------------------------------------ style-mix
    M("style-mix", "web/001.txt", [E("leaving Sunday – the day after", "leaving Sunday–the day after", "Sunday–the")],
      "one dash closed up ('Sunday–the') in an article whose other dashes are spaced ('cancellations – about 830 –')",
      {"variant": "dash-unspaced-once"}, orig=["cancellations – about 830 – were"]),
    M("style-mix", "wire/001.txt", [E("\"the number looks OK now.\"", "\"the number looks OK now\".", "now\".")],
      "full stop outside the closing quote ('now\".') in an article that puts it inside elsewhere ('money.\"')",
      {"variant": "period-outside-once"}, orig=["taxpayer money.\""]),
    M("style-mix", "bbc/002.txt", [E("\"buried her head in the sand\".", "\"buried her head in the sand.\"", "sand.\"")],
      "full stop inside a partial quote ('sand.\"') where the article otherwise puts it outside ('completely\".')",
      {"variant": "period-inside-once-bbc"}, orig=["\"trusted that woman completely\"."]),
    M("style-mix", "web/007.txt", [E("“This was planned. They knew exactly which cases to go to,” she said.",
                                     "\"This was planned. They knew exactly which cases to go to,\" she said.",
                                     "\"This was planned. They knew exactly which cases to go to,\"")],
      "one quotation in straight quotes in an article that otherwise uses curly quotes",
      {"variant": "straight-in-curly"}, orig=["“Some of these coins have been in the collection since 1952."]),
    M("style-mix", "web/004.txt", [E("I’m sad, but her voice", "I'm sad, but her voice", "I'm")],
      "one straight apostrophe ('I'm') in an article that otherwise uses curly apostrophes ('I’ve', 'it’s')",
      {"variant": "straight-apostrophe"}, orig=["I’ve been singing"]),
    M("style-mix", "bbc/009.txt", [E("the Liberal Democrats six, independents three", "the Liberal Democrats 6, independents three",
                                     "Liberal Democrats 6")],
      "'six' written '6' in a sentence (and article) that spells out one to nine ('three', 'two')",
      {"variant": "digit-word-small-numbers"}, orig=["independents three and the Greens now two"]),
    M("style-mix", "wire/008.txt", [E("since the Jan. 5 discovery", "since the 5 January discovery", "5 January")],
      "one date written day-month ('5 January') in an article that writes 'Jan. 5' and 'Jan. 31'",
      {"variant": "date-format-dm-in-us"}, orig=["discovered Jan. 5"], tolerate=["date-conflict", "spacing"]),

    # ------------------------------------------------------------------ less-fewer
    M("less-fewer", "wire/010.txt", [E("94,000 jobs, the fewest in seven months", "94,000 jobs, the least in seven months",
                                       "the least")],
      "'the fewest in seven months' -> 'the least' (superlative after a count of jobs)", {"variant": "superlative-least"}),
    M("less-fewer", "bbc/001.txt", [E("many councils were cutting opening hours", "many councils were offering less and less opening hours",
                                      "offering less and less opening hours")],
      "'cutting opening hours' -> 'offering less and less opening hours'", {"variant": "less-and-less"}),
    M("less-fewer", "bbc/006.txt", [E("\"We simply did not have enough hours in the day,\"", "\"We simply had less hours in the day than we needed,\"")],
      "in a quote: 'had less hours in the day than we needed'", {"variant": "in-quote"}),
    M("less-fewer", "bbc/012.txt", [E("the number of children in the area has fallen by 22% in ten years",
                                      "there are 22% less children in the area than ten years ago")],
      "'less children' (irregular plural, after a percentage)", {"variant": "irregular-plural"}),
    M("less-fewer", "oldwire/001.txt", [E("had cut its workforce by 900 to 6,100 since mid-1985",
                                          "now had 6,100 workers, 900 less employees than in mid-1985")],
      "'900 less employees' (number before less and a plural)", {"variant": "number-less-plural"}),
    M("less-fewer", "bbc/008.txt", [E("and every two hours on Sundays.", "and every two hours on Sundays. Less trains will run in the evenings.",
                                      "Less trains will run in the evenings.", "inserted")],
      "inserted 'Less trains will run in the evenings.' (sentence-initial 'Less')", {"variant": "sentence-initial"}),

    # ------------------------------------------------------------------ term-variant
    M("term-variant", "wire/010.txt", [E("\"A half-point move buys", "\"A half point move buys", "half point")],
      "'half-point' -> 'half point' (the article otherwise writes 'half-point')", {"variant": "compound-unhyphenated"},
      orig=["The half-point cut"]),
    M("term-variant", "wire/006.txt", [E("been through repeated heat waves since 2014", "been through repeated heatwaves since 2014",
                                         "heatwaves")],
      "'heat waves' -> 'heatwaves' (the article otherwise writes 'heat wave')", {"variant": "open-to-closed"},
      orig=["a record marine heat wave"]),
    M("term-variant", "wire/002.txt", [E("rose 6.4 percent.", "rose 6.4%.", "6.4%")],
      "'6.4 percent' -> '6.4%' (the article otherwise writes 'percent')", {"variant": "percent-word-to-sign"},
      orig=["grew 14 percent"]),
    M("term-variant", "wire/007.txt", [E("Measles was declared eliminated in the U.S. in 2000", "Measles was declared eliminated in the US in 2000", "US")],
      "'U.S.' -> 'US' (the article otherwise writes 'U.S.')", {"variant": "us-undotted"}, orig=["The U.S. has recorded"]),
    M("term-variant", "web/005.txt", [E("slightly older than Earth itself", "slightly older than earth itself", "earth")],
      "'Earth' -> 'earth' (the planet; the article otherwise writes 'Earth')", {"variant": "capitalisation-proper"},
      orig=["recovered on Earth"]),
    M("term-variant", "web/001.txt", [E("had been canceled and about 4,600 delayed", "had been cancelled and about 4,600 delayed", "cancelled")],
      "'canceled' -> 'cancelled' (the article otherwise writes 'canceled')", {"variant": "us-uk-spelling"},
      orig=["flights canceled after"]),
    M("term-variant", "bbc/003.txt", [E("reach the semi-finals of the FA Trophy", "reach the semifinals of the FA Trophy", "semifinals")],
      "'semi-finals' -> 'semifinals' (the article otherwise writes 'semi-final')", {"variant": "prefix-closed"},
      orig=["Trophy semi-finals"]),

    # ------------------------------------------------------------------ second-reference
    M("second-reference", "bbc/007.txt", [E("Dr Liu said old handwritten", "Dr Yang said old handwritten", "Dr Yang")],
      "'Dr Liu Yang' (family name first) referred to as 'Dr Yang' (title with the given name)",
      {"variant": "given-name-honorific", "culture": "chinese"}, orig=["Dr Liu Yang"]),
    M("second-reference", "wire/011.txt", [E("Park told reporters at the party's headquarters", "Seo-yeon told reporters at the party's headquarters",
                                             "Seo-yeon")],
      "'Park Seo-yeon' (family name first) referred to by her given name 'Seo-yeon'",
      {"variant": "given-name-bare", "culture": "korean"}, orig=["Park Seo-yeon"]),
    M("second-reference", "web/008.txt", [E("“He never cries,” Wang said.", "“He never cries,” Lixin said.", "Lixin")],
      "'Wang Lixin' (family name first) referred to by her given name 'Lixin' in a paragraph about her father",
      {"variant": "given-name-bare", "culture": "chinese"}, orig=["Wang Lixin of China"]),
    M("second-reference", "bbc/011.txt", [E("Liam Garvey was jailed for four years", "Garvey was jailed for four years", "Garvey")],
      "bare 'Garvey' where two brothers (Liam and Connor Garvey) share the surname",
      {"variant": "shared-surname-siblings"}, orig=["Connor Garvey"]),
    M("second-reference", "web/006.txt", [E("CEO Martin Ashby said in a memo", "Ashby said in a memo", "Ashby")],
      "bare surname 'Ashby' with no full name anywhere (only his sister 'Claire Ashby' is named in full)",
      {"variant": "bare-surname-never-introduced"}),
    M("second-reference", "wire/005.txt", [E("No deaths were reported.", "No deaths were reported, Orozco said.", "reported, Orozco said")],
      "bare surname 'Orozco' three paragraphs before 'Fire Chief Dan Orozco' is introduced",
      {"variant": "surname-before-full-name"}, orig=["Fire Chief Dan Orozco"]),
    M("second-reference", "bbc/004.txt", [E("Mrs Roberts said the couple", "Roberts said the couple", "Roberts")],
      "bare 'Roberts' where a married couple (Gareth and Sian Roberts) share the surname",
      {"variant": "shared-surname-spouses"}, orig=["Gareth and Sian Roberts"]),

    # ------------------------------------------------------------------ invisible-character
    M("invisible-character", "bbc/009.txt",
      [E("council seat in Ashcombe for the first time", "council seat in Ash\u200bcombe for the first time", "Ash\u200bcombe")],
      "zero-width space (U+200B) inside the word 'Ashcombe'", {"char": "U+200B", "position": "inside-word"}),
    M("invisible-character", "wire/002.txt", [E("that strips out the effect", "that strips out\u200d the effect", "out\u200d the")],
      "zero-width joiner (U+200D) between two words", {"char": "U+200D", "position": "between-words"}),
    M("invisible-character", "oldwire/003.txt", [E("Bundesbank council member Karl-Heinz Brauer", "Bundes\u00adbank council member Karl-Heinz Brauer",
                                                    "Bundes\u00adbank")],
      "soft hyphen (U+00AD) inside 'Bundesbank'", {"char": "U+00AD", "position": "inside-word"}),
    M("invisible-character", "web/007.txt", [E("a cordless angle grinder", "a cordless angle\u0008 grinder", "angle\u0008")],
      "stray control character (U+0008 backspace) after a word", {"char": "U+0008", "position": "after-word"}),
    M("invisible-character", "wire/009.txt", [E("Tyler Haskins of Glendale", "Tyler Haskins of Glen\ufeffdale", "Glen\ufeffdale")],
      "byte-order mark (U+FEFF) in the middle of the word 'Glendale'", {"char": "U+FEFF", "position": "inside-word"}),
    M("invisible-character", "bbc/012.txt", [E("open in September 2025 on the Westford site", "open in September 2025 on the \ufeffWestford site",
                                                "the \ufeffWestford")],
      "byte-order mark (U+FEFF) between two words", {"char": "U+FEFF", "position": "between-words"}),
    M("invisible-character", "oldwire/005.txt", [E("Grantham Foods Corp said it offered", "Grantham Foods Corp said\u200e it offered",
                                                    "said\u200e")],
      "left-to-right mark (U+200E) after a word", {"char": "U+200E", "position": "after-word"}),

    # ------------------------------------------------------------------ broken-phrase
    M("broken-phrase", "bbc/007.txt", [E("a study of more than 400,000 records", "a study of than 400,000 records", "of than")],
      "'of more than' -> 'of than' (comparative dropped)", {"variant": "dropped-comparative"}),
    M("broken-phrase", "wire/008.txt", [E("flights could be canceled this week", "flights could canceled this week", "could canceled")],
      "'could be canceled' -> 'could canceled' (modal before a past participle)", {"variant": "modal-participle"}),
    M("broken-phrase", "web/002.txt", [E("who were asked to hand their phones", "who were the asked to hand their phones", "were the asked")],
      "'were asked' -> 'were the asked' (determiner left between two verbs)", {"variant": "determiner-between-verbs"}),
    M("broken-phrase", "wire/004.txt", [E("is expected to take up the bill", "is expected take up the bill", "expected take")],
      "'expected to take' -> 'expected take' ('to' dropped)", {"variant": "dropped-to"}),
    M("broken-phrase", "bbc/003.txt", [E("in front of a crowd of 4,812", "in front a crowd of 4,812", "in front a crowd")],
      "'in front of a crowd' -> 'in front a crowd' (preposition dropped)", {"variant": "dropped-preposition"}),
    M("broken-phrase", "wire/011.txt", [E("since it lost 11 of 17", "since it was lost 11 of 17", "it was lost 11")],
      "'since it lost 11 of 17' -> 'since it was lost 11 of 17' (auxiliary left over from a rewrite)",
      {"variant": "leftover-auxiliary"}),
    M("broken-phrase", "web/005.txt", [E("about the size of a softball", "about the size of the a softball", "the a softball")],
      "'of a softball' -> 'of the a softball' (two determiners)", {"variant": "double-determiner"}),
]


def line_col(text: str, offset: int) -> tuple[int, int]:
    """1-based line and column (code points) of `offset` in `text`, lines split on '\\n' only."""
    line = text.count("\n", 0, offset) + 1
    col = offset - (text.rfind("\n", 0, offset) + 1) + 1
    return line, col


def apply(clean: str, m: M) -> tuple[str, list]:
    """The mutated text and its changed/inserted spans (absolute offsets)."""
    text, spans = clean, []
    for e in m.edits:
        n = text.count(e.old)
        if n != 1:
            raise SystemExit(f"{m.type} {m.source}: {e.old!r} occurs {n} times (need exactly 1)")
        at = text.index(e.old)
        text = text[:at] + e.new + text[at + len(e.old):]
        span = e.new if e.span is None else e.span
        k = e.new.find(span)
        if k < 0:
            raise SystemExit(f"{m.type} {m.source}: span {span!r} not in {e.new!r}")
        spans.append((at + k, at + k + len(span), span, e.role))
    return text, spans


def find_orig(text: str, needle: str, exclude: list, m: M) -> int:
    """Offset of the one occurrence of `needle` outside the changed spans."""
    hits, start = [], 0
    while (i := text.find(needle, start)) >= 0:
        if not any(i < b and i + len(needle) > a for a, b, _, _ in exclude):
            hits.append(i)
        start = i + 1
    if len(hits) != 1:
        raise SystemExit(f"{m.type} {m.source}: original {needle!r} found {len(hits)} times outside the change")
    return hits[0]


def build() -> None:
    clean_dir, mut_dir = HERE / "clean", HERE / "mutated"
    mut_dir.mkdir(exist_ok=True)
    for old in mut_dir.glob("m-*.txt"):
        old.unlink()
    labels, seen = [], set()
    for m in MUTATIONS:
        clean = (clean_dir / m.source.replace("/", "-")).read_text(encoding="utf-8")
        text, spans = apply(clean, m)
        key = f"{m.source}|{m.type}|{m.detail}"
        doc = "m-" + hashlib.sha1(key.encode("utf-8")).hexdigest()[:10] + ".txt"
        assert doc not in seen, doc
        seen.add(doc)
        (mut_dir / doc).write_text(text, encoding="utf-8", newline="\n")
        out_spans = []
        for a, b, s, role in spans:
            ln, col = line_col(text, a)
            out_spans.append({"line": ln, "column": col, "end_column": col + len(s), "text": s, "role": role})
        for needle in m.orig:
            a = find_orig(text, needle, spans, m)
            ln, col = line_col(text, a)
            out_spans.append({"line": ln, "column": col, "end_column": col + len(needle), "text": needle,
                              "role": "original"})
        accept, tolerate = DEFAULTS[m.type]
        labels.append({
            "doc": f"mutated/{doc}", "source": m.source, "type": m.type,
            "lines": sorted({s["line"] for s in out_spans}),
            "accept": m.accept or accept, "tolerate": m.tolerate if m.tolerate is not None else tolerate,
            "detail": m.detail, "variant": m.variant, "unseen_in_dev": True,
            "spans": sorted(out_spans, key=lambda s: (s["line"], s["column"])),
        })
    labels.sort(key=lambda l: l["doc"])
    with open(HERE / "labels.jsonl", "w", encoding="utf-8", newline="\n") as f:
        for l in labels:
            f.write(json.dumps(l, ensure_ascii=False) + "\n")
    print(f"{len(labels)} mutated docs from {len({m.source for m in MUTATIONS})} of "
          f"{len(list(clean_dir.glob('*.txt')))} clean articles")


if __name__ == "__main__":
    build()
