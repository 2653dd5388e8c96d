"""The vocabulary of news text, spelled out once: titles and honorifics, kinship words,
number words, months, weekdays, speech verbs, name particles, and how common a word is.

Facts and kinds import these instead of keeping lists of their own, so that a title
added here is a title to every rule. ``zipf`` answers "is this an ordinary word?" from
the ``wordfreq`` package's frequency data (shipped with it; no network).
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Iterable

# -- dates -----------------------------------------------------------------------------------

MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")
# month name or abbreviation (lower case) -> 1..12
MONTH_NUMBERS: dict[str, int] = {
    **{m.lower(): i for i, m in enumerate(MONTHS, 1)},
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9,
    "oct": 10, "nov": 11, "dec": 12,
}
MONTH_ABBREVIATIONS = ("Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec")
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")

# -- numbers ---------------------------------------------------------------------------------

# one..nineteen and the tens, as words
NUMBER_UNITS: dict[str, int] = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
}
NUMBER_TENS: dict[str, int] = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
                               "seventy": 70, "eighty": 80, "ninety": 90}

# -- speech ----------------------------------------------------------------------------------

# Verbs that attribute a quotation ("..., she said"), in the forms news text uses.
SPEECH_VERBS = (
    "said", "says", "say", "added", "adds", "told", "tells", "explained", "explains", "insisted",
    "insists", "declared", "stated", "states", "argued", "argues", "continued", "confirmed",
    "confirms", "warned", "warns", "claimed", "claims", "noted", "notes", "admitted", "admits",
    "remarked", "replied", "wrote", "writes", "announced", "observed", "recalled", "suggested",
    "asked", "stressed", "concluded", "complained", "conceded", "joked", "laughed", "revealed",
    "predicted", "urged", "commented", "responded", "answered", "believes", "thinks", "reckons",
    "acknowledged",
)
# Lemmas of verbs that report speech or writing ("said", "told", "wrote", "tweeted").
SPEECH_LEMMAS = frozenset({"say", "tell", "add", "claim", "explain", "insist", "argue", "warn", "state", "ask",
                 "write", "note", "continue", "declare", "announce", "reply", "respond", "answer",
                 "admit", "acknowledge", "comment", "suggest", "stress", "emphasise", "emphasize",
                 "believe", "think", "describe", "call", "quote", "conclude", "recall", "predict",
                 "agree", "complain", "joke", "confirm", "deny", "maintain", "urge", "remark",
                 "observe", "point", "put", "tweet", "post", "reckon", "concede", "caution",
                 "boast", "vow", "laugh", "smile", "sigh", "shrug", "pledge", "promise", "exclaim",
                 "shout", "whisper", "report", "recount", "assert", "testify", "quip", "counter"})
# Speech verbs that are also plural nouns ("the claims", "his notes"): a pattern that
# allows a noun phrase before the verb leaves them out.
SPEECH_NOUNS = frozenset({"say", "states", "claims", "notes", "warns", "admits", "confirms", "argues"})

# -- people ----------------------------------------------------------------------------------

# The titles a speaker's name may carry in an attribution ('"...," Mr Leigh said'), as written.
SPEAKER_TITLES = ("Mr", "Mrs", "Ms", "Miss", "Dr", "Sir", "Lord", "Lady")

# Courtesy titles: "Mr Blair", "Mrs Blair" (the only titles that alone tell two Blairs apart).
COURTESY_TITLES = frozenset({"mr", "mrs", "ms", "miss", "mx"})
# Titles that make a complete reference on their own (peers, royalty, clergy): "Lord Roberts".
STYLES = frozenset({"lord", "lady", "baroness", "baron", "king", "queen", "prince", "princess", "pope",
                    "sir", "dame", "archbishop", "cardinal", "sheikh", "emperor", "duke", "duchess", "earl"})
# Titles that make a name a person's whatever the tagger says ("market leader Diageo" does not).
HONORIFICS = COURTESY_TITLES | STYLES | frozenset({
    "dr", "prof", "professor", "president", "senator", "sen", "rep", "governor", "judge", "justice",
    "general", "gen", "colonel", "col", "captain", "capt", "rev", "reverend", "minister", "ambassador",
    "mayor", "inspector", "det", "sgt", "sergeant", "lieutenant", "commander", "admiral", "bishop",
    "rabbi", "imam", "chancellor", "premier", "mp"})
# Personal titles and job descriptors that may stand before a name ("striker Wayne Rooney").
TITLES = HONORIFICS | frozenset({
    "father", "sister", "brother", "secretary", "coach", "officer", "chief", "chairman",
    "chairwoman", "chair", "boss", "director", "executive", "manager", "striker", "midfielder",
    "defender", "goalkeeper", "star", "actor", "actress", "singer", "leader", "spokesman",
    "spokeswoman", "spokesperson", "deputy", "vice", "mep", "marshal", "superintendent", "constable",
    "count", "countess", "ayatollah", "dean", "founder", "chief executive", "head", "analyst",
    "economist", "attorney", "lawyer", "trooper", "agent", "sheriff", "commissioner", "speaker",
    "representative", "congressman", "congresswoman", "councilman", "councilwoman", "councillor"})
# The title abbreviations written with or without a full stop ("Mr"/"Mr."), as written.
TITLE_ABBREVIATIONS = ("Mr", "Mrs", "Ms", "Dr", "Prof", "Rev", "Sgt", "Gen", "Col", "Capt", "Lt", "Insp",
                       "Supt")
# Titles that say whether a person is a man or a woman.
GENDER_OF_TITLE: dict[str, str] = {
    **dict.fromkeys(("mr", "sir", "lord", "king", "prince", "baron", "duke", "earl", "emperor",
                     "count", "father", "brother", "sheikh", "congressman", "councilman",
                     "chairman", "spokesman"), "m"),
    **dict.fromkeys(("mrs", "ms", "miss", "dame", "lady", "queen", "princess", "baroness",
                     "duchess", "countess", "sister", "congresswoman", "councilwoman",
                     "chairwoman", "spokeswoman"), "f"),
}
# Words that introduce a relative of someone else ("his wife, Cherie Blair", "the son of
# Hall of Famer Bill Elliott"): a person introduced this way shares a surname by family.
KINSHIP = frozenset({
    "wife", "husband", "spouse", "partner", "widow", "widower", "son", "daughter", "child",
    "children", "mother", "father", "mom", "mum", "dad", "parent", "parents", "brother", "sister",
    "sibling", "twin", "uncle", "aunt", "nephew", "niece", "cousin", "grandson", "granddaughter",
    "grandfather", "grandmother", "grandchild", "stepson", "stepdaughter", "stepfather",
    "stepmother", "fiancé", "fiancée", "fiance", "fiancee", "girlfriend", "boyfriend", "relative",
    "first lady", "in-law", "married to",
})
# Words that tell two relatives apart before a bare surname ("the elder Khamenei").
GENERATION_WORDS = frozenset({"elder", "younger", "senior", "junior"})
# Particles inside a name ("Ludwig van Beethoven", "Osama bin Laden"): not given names.
NAME_PARTICLES = frozenset({"le", "la", "de", "del", "della", "di", "da", "du", "van", "von", "der",
                            "den", "ter", "bin", "ibn", "al", "el", "mac", "st", "dos", "das"})
# Family names written first (Chinese, Korean, Vietnamese). Names that are also common
# Western given names or English words (Lee, Kim, Park, Song, Young) are left out: "Lee
# Evans" is not Mr Lee.
FAMILY_FIRST = frozenset({
    # Chinese
    "zhang", "wang", "li", "liu", "chen", "yang", "huang", "zhao", "wu", "zhou", "xu", "sun",
    "zhu", "hu", "guo", "lin", "gao", "luo", "zheng", "liang", "xie", "tang", "feng", "deng",
    "cao", "peng", "zeng", "xiao", "tian", "dong", "pan", "yuan", "cai", "jiang", "du", "ye",
    "cheng", "wei", "su", "lu", "ding", "ren", "shen", "yao", "zhong", "jia", "qian", "qin",
    "xi", "wen", "bo", "hou", "meng", "xiong", "bai", "fang", "kong", "shi", "cui", "kang",
    "mao", "qiu", "qu", "lei", "yan", "duan", "hao", "shao", "zou", "xiang", "gong", "fu",
    "tao", "xue", "yin", "lai", "wan", "tan", "geng", "zhai", "niu", "rong", "mei", "jin",
    # Korean
    "choi", "jung", "jeong", "cho", "yoon", "yun", "jang", "lim", "shin", "kwon", "hwang",
    "ahn", "oh", "seo", "ko", "moon", "bae", "baek", "heo", "nam", "roh", "ban",
    # Vietnamese
    "nguyen", "tran", "pham", "hoang", "huynh", "phan", "vu", "vo", "dang", "bui", "ngo",
    "duong", "ly", "trinh", "dinh", "doan",
})

# -- common nouns ----------------------------------------------------------------------------

# Words before a noun that make it a common noun ("the Government", "its board").
DETERMINERS = frozenset({"the", "a", "an", "this", "that", "its", "their", "our", "'s", "’s"})
# Words whose capitalised and lower-case forms name the same thing wherever they stand.
SAME_THING = frozenset({"moon", "earth", "sun", "mars", "venus", "jupiter", "saturn", "neptune", "uranus",
                        "pluto", "internet", "web"})


def alternation(words: Iterable[str]) -> str:
    """A regex group matching any of ``words`` (longest first, so "Tues" wins over "Tue")."""
    return "(?:" + "|".join(re.escape(w) for w in sorted(set(words), key=lambda w: (-len(w), w))) + ")"


# -- how common a word is --------------------------------------------------------------------

# Zipf frequency (log10 of uses per billion words; "the" is about 7.7, "march" 5.3, a rare
# surname 1-2, a misspelling 0) at and above which a word is an ordinary one a reader knows.
ORDINARY = 3.0


@lru_cache(maxsize=1 << 16)
def zipf(word: str) -> float:
    """How common ``word`` is in English (wordfreq's Zipf scale, case ignored); 0 for a
    word it has never seen. wordfreq is imported on first use."""
    from wordfreq import zipf_frequency

    return zipf_frequency(word, "en")


def is_ordinary(word: str, threshold: float = ORDINARY) -> bool:
    """Whether ``word`` is a word (or name) every reader has met: Zipf at least ``threshold``."""
    return zipf(word) >= threshold
