"""Wording checks: a/an by sound (W101), doubled words (W102), less/fewer (W103), broken
phrases (W104), quotation marks and brackets never closed (W201), spacing (W202), invisible
characters (W203).

These read the text itself (regexes over ``Article.text``); only less/fewer and
broken phrases need the tagger. All positions are ``Article.text`` offsets.
"""
from __future__ import annotations

import bisect
import re
from typing import Iterable

from ..facts.acronyms import KNOWN_ACRONYMS
from ..facts.quotes import CLOSERS, DOUBLED, MARKS, OPENERS, STRAIGHT, at_junction, direction, mark_width, \
    stray_single_marks
from .base import Context, Finding, Kind

# ---------------------------------------------------------------------------------------
# W101 a/an by sound
# ---------------------------------------------------------------------------------------

# Letters whose names start with a vowel sound: "an F", "an MP", "an SUV".
VOWEL_LETTERS = set("AEFHILMNORSX")
# Words spelt with a consonant whose first sound is a vowel (silent h).
_SILENT_H = re.compile(r"^(hour|honest|honou?r|heir)", re.I)
# Words spelt with a vowel whose first sound is a consonant ("you", "w").
_YOU_SOUND = re.compile(
    r"^(?:eu|ewe|uk(?:r|$)|ug(?:and)|ubiq|ufo|unan|uni(?!n|m|den|d$)|unid(?=ir)|us(?:a|e|u)|ut(?:e|i|o)"
    r"|ur(?:a|e|i|o|u)|uv(?:ul)|utah|ukulele|one(?:$|-|self|-off)|once$|ouija)", re.I)
# Acronyms said as words, not letters (their first sound is the word's).
WORD_ACRONYMS = {
    "NASA": False, "NATO": False, "UNESCO": False, "UNICEF": False, "UEFA": False, "FIFA": False,
    "NAFTA": False, "SARS": False, "MERS": False, "AIDS": True, "ASEAN": True, "OPEC": True,
    "OFCOM": True, "OFSTED": True, "OFWAT": True, "FTSE": False, "LIBOR": False, "SIM": False,
    "RAM": False, "ROM": False, "NIMBY": False, "ISA": True, "ISIS": True, "IKEA": True,
    "UCAS": False, "MOMA": False, "LASER": False, "RADAR": False, "SCUBA": False, "SWAT": False,
    "ACAS": True, "FEMA": False, "NICE": False, "SATS": False, "SAT": False, "MOBO": False,
    "BAFTA": False, "OSCE": True, "OECD": True, "ECOWAS": True, "INTERPOL": True, "EFTA": True,
}
# Acronyms said as letters although they could be read as a word ("an SUV").
LETTER_ACRONYMS = {"HIV", "LED", "FOI", "MOU", "SEO", "NEC", "MOD", "SUV", "MEP", "MOT", "MSP", "MLA", "NUS", "SAS", "HMV", "LSE", "FAQ", "MIT",
                   "NEC", "RAF", "RAC", "SEC", "FA", "MI", "MA", "MP", "MPs", "MEPs", "SUVs"}
# US state codes said either as letters or as the state's name ("a NJ residence" is read
# "a New Jersey residence"; "an NJ" by letters): the first sound is uncertain. Only those
# whose letter and name start with different sounds; MA and MI stay letters ("an MA", "MI5").
STATE_CODES = {"FL", "HI", "LA", "ME", "MD", "MN", "MS", "MO", "MT", "NE", "NV", "NH", "NJ",
               "NM", "NY", "NC", "ND", "RI", "SC", "SD"}
# Latin and foreign phrases where "a"/"an" is not the English article.
_FOREIGN_NEXT = {"priori", "posteriori", "fortiori", "la", "cappella", "capella", "der", "die", "den",
                 "dem", "das", "deux", "trois"}
# Words no article stands before: "A and P", "options a or b" name a letter.
_NOT_AFTER_ARTICLE = {"and", "or", "nor", "but", "of", "to", "in", "on", "at", "by", "for", "with", "from",
                      "is", "was", "are", "were", "will", "would", "has", "had"}
# Words where "an" before a sounded h is an accepted British usage: never flag either way.
_H_EITHER = re.compile(r"^(histor|hotel|habitual|hypothe|heroic|horrific|herb|hilarious)", re.I)

_ARTICLE = re.compile(
    r"(?<![\w.\-&/])(?<!\w['’])(a|an|A|An)(?![\w'’.\-&/)\]:])"   # the article, not a.m., a-ha, (a)
    r"(?P<gap>[ \t]*\n?[ \t]*(?:[\"“‘'(\[—–\-][ \t]*){0,3})"  # quotes, brackets, dashes between
    r"(?P<word>[$£€¥]?\w+(?:['’]\w+)*(?:[-.]\w+)*)")


def _number_sound(digits: str) -> str | None:
    """'vowel' or 'consonant' for how a numeral is read aloud (8 eight, 11 eleven, 18 eighteen)."""
    d = digits.replace(",", "")
    if not d.isdigit():
        return None
    if d[0] == "8":
        return "vowel"
    if "," in digits:
        lead = digits.split(",")[0]
    elif len(d) == 4:  # years and hundreds: 1800s "eighteen hundreds"
        lead = d[:2]
    else:
        lead = d[: (len(d) % 3) or 3]
    return "vowel" if lead in ("11", "18") else "consonant"


def _letters_sound(word: str) -> str:
    return "vowel" if word[:1].upper() in VOWEL_LETTERS else "consonant"


def _word_sound(word: str) -> str:
    low = word.lower()
    if _SILENT_H.match(low):
        return "vowel"
    if _YOU_SOUND.match(low):
        return "consonant"
    return "vowel" if low[:1] in "aeiou" else "consonant"


def sound_of(word: str) -> str | None:
    """'vowel', 'consonant' or None (cannot tell) for the first sound of ``word``."""
    w = word.lstrip("$£€¥")
    currency = w != word
    if not w:
        return None
    m = re.match(r"[0-9,]+", w)
    if m:
        return _number_sound(m.group().rstrip(","))
    if currency:
        return None
    head = re.split(r"[-.'’]", w)[0]
    lead = re.match(r"[A-Z]{2,}(?=\d)", head)
    if lead:  # MI5, G20-style codes: said as letters
        return _acronym_sound(lead.group())
    if not head.isalpha() or not head[0].isascii():
        return None  # "ÉTat", "Über", "Ωmega": no rule here for how they start
    if _H_EITHER.match(head):
        return None
    if len(head) == 1:
        # a lone letter: "an X-ray", "an F1 car", "a U-turn", "an e-mail"
        if len(w) > 1 and w[1] in "-0123456789" or head.isupper() and len(w) == 1:
            if head in "aAI" and len(w) == 1:
                return None
            return _letters_sound(head)
        return None
    if head in STATE_CODES:
        return None
    if head.isupper() or (head[0].islower() and any(c.isupper() for c in head[1:2])):
        return _acronym_sound(head)
    if head[0].isupper() and head[1].isupper():  # MSc, MPs: said as letters
        return _acronym_sound(re.match(r"[A-Z]+", head).group())
    if head[0].isupper() and not head[1:].islower() and len(head) <= 4:
        return _letters_sound(head)  # MoD, DfT, DfES: abbreviations said as letters
    if any(c.isupper() for c in head[1:]) and head[0].isupper() and not head[1:].islower():
        # CamelCase brand (YouTube) reads as a word; mixed acronyms (MPs) as letters
        if head.rstrip("s").isupper():
            return _acronym_sound(head.rstrip("s"))
        return _word_sound(head)
    return _word_sound(head)


def _acronym_sound(head: str) -> str | None:
    up = head.upper()
    if head[0].islower():  # eBay, iPhone, mRNA: the first letter is said as a letter
        return _letters_sound(head[0])
    if up in WORD_ACRONYMS:
        return "vowel" if WORD_ACRONYMS[up] else "consonant"

    if up in LETTER_ACRONYMS or up.rstrip("S") in LETTER_ACRONYMS:
        return _letters_sound(up)
    letters = _letters_sound(up)
    vowels = sum(c in "AEIOU" for c in up)
    pronounceable = vowels > 0 and not re.search(r"[^AEIOUY]{3}", up) and len(up) >= 3 \
        and not re.match(r"^[^AEIOUY]{2}", up)
    if not pronounceable:
        return letters
    as_word = "consonant" if up[0] == "U" else _word_sound(up)
    return letters if as_word == letters else None


class ArticleAgreementKind(Kind):
    """'a' before a vowel sound or 'an' before a consonant sound."""

    defaults = {"exceptions": []}
    literal = True  # "an `ls` command" is not "an command"

    def setup(self) -> None:
        self.exceptions = {str(x).lower() for x in self.options["exceptions"]}

    def check(self, ctx: Context) -> Iterable[Finding]:
        text = ctx.article.text
        vocab = ctx.settings.vocabulary
        for m in _ARTICLE.finditer(text):
            art, word = m.group(1), m.group("word")
            if "\n\n" in m.group("gap"):
                continue
            if word.lower() in _FOREIGN_NEXT or word.lower() in self.exceptions:
                continue
            if vocab is not None and vocab.accepts_phrase(f"{art} {word}"):
                continue  # the newsroom's vocabulary accepts "an historic"
            if word.lower() in _NOT_AFTER_ARTICLE:
                continue  # a letter, not the article: "A and P is similarly optimistic"
            if art == "A" and not _sentence_initial(text, m.start()):
                continue  # "plan A", "Group A": a letter, not the article
            sound = sound_of(word)
            if sound is None:
                continue
            want = "an" if sound == "vowel" else "a"
            if art.lower() == want:
                continue
            fixed = want.capitalize() if art[0].isupper() else want
            start, end = m.start(1), m.end("word")
            first = re.split(r"[-.'’]", word.lstrip("$£€¥"))[0] or word
            why = f"'{first}' starts with a {sound} sound"
            rest = text[m.end(1):end].replace("\n", " ")
            yield Finding(start, end, f"'{art}{rest}' should be '{fixed}{rest}': {why}",
                          fix=[(m.start(1), m.end(1), fixed)], fix_message=f"write '{fixed}'")


def _sentence_initial(text: str, i: int) -> bool:
    """True when the character at ``i`` starts a sentence, paragraph or quotation."""
    j = i - 1
    while j >= 0 and text[j] in " \t":
        j -= 1
    if j < 0 or text[j] == "\n":
        return True
    if text[j] in "\"“‘'([—–-:":
        return True
    return text[j] in ".!?" or (text[j] in "\"”’)" and j > 0 and text[j - 1] in ".!?")


# ---------------------------------------------------------------------------------------
# W102 repeated words
# ---------------------------------------------------------------------------------------

# The second word may carry a possessive ("the firm firm's") or start a compound ("six six-cylinder");
# a first word glued to a full stop after a letter ends an abbreviation ("U.S.A A key").
_WORD_PAIR = re.compile(r"(?<![\w'’\-])(?<!\b[A-Za-z]\.)([A-Za-z]+)((?:[ \t]+\n?|\n)[ \t]*)([A-Za-z]+)(?!\w|['’][a-rt-z])")
_THAT_THAT_ERROR = re.compile(r"\s+(?:the|a|an|his|her|its|their|this|these|those|he|she|it|they|we|i|you"
                              r"|our|my|your|there)\b", re.I)
# A two-word phrase typed twice: "in the in the", "said that said that".
_PHRASE_PAIR = re.compile(r"(?<![\w'’\-])([A-Za-z]+)([ \t]+\n?|\n)[ \t]*([A-Za-z]+)((?:[ \t]+\n?|\n)[ \t]*)"
                          r"([A-Za-z]+)(?:[ \t]+\n?|\n)[ \t]*([A-Za-z]+)(?!\w|['’][a-rt-z])")
_X_AND_X = {"more", "less", "again", "over", "on", "round", "around", "through", "time", "out"}
_HAD_HAD_ERROR = re.compile(r"\s+(?:been|\w+ed)\b", re.I)
# Doubles that are grammatical or idiomatic.
_LEGIT_DOUBLES = {"had had", "that that", "bye bye", "her her", "ha ha", "tut tut",
                  "chop chop", "knock knock", "so so", "night night",
                  "pom pom", "tom tom", "yo yo", "ga ga", "boo boo", "choo choo", "mahi mahi",
                  "very very", "really really", "far far", "blah blah", "yada yada", "bla bla",
                  "bling bling", "do do"}
# Said twice for emphasis, then punctuated: "Wait wait!", "go go go," ("wait wait to" is a slip).
_EXCLAIMED = {"never never", "wait wait", "go go", "yes yes", "now now", "there there"}
FUNCTION_WORDS = {"the", "a", "an", "and", "or", "but", "of", "in", "on", "at", "to", "for", "with",
                  "by", "from", "it", "he", "she", "they", "we", "is", "was", "are", "were", "this",
                  "that", "as", "if", "when", "has", "have", "had", "will", "would"}
FINITE = {"is", "are", "was", "were", "has", "have", "had", "does", "did", "do", "am"}
MODAL = {"will", "would", "can", "could", "shall", "should", "may", "might", "must"}
_BASE_AFTER = {"have", "do", "be"}


def _aux_clash(a: str, b: str) -> bool:
    """Two auxiliaries in a row that cannot both belong ("had has", "is was", "will would")."""
    if a not in FINITE | MODAL or b not in FINITE | MODAL or a == b:
        return False
    if a in MODAL and b in _BASE_AFTER:
        return False           # "could have", "will do"
    if a in {"do", "does", "did"} and b in {"have", "do"}:
        return False           # emphatic "did have"
    if a in {"do", "does", "did"} and b in {"is", "was"}:
        return False           # pseudo-clefts: "what he did was", "all we do is"
    if a in {"have", "has", "had"} and b == "had":
        return False           # "has had"
    if b in {"do", "have"} and a in {"am", "is", "are", "was", "were"}:
        return False           # "what they are do..." rare, but "those who were have" reads on
    if a in MODAL and b in MODAL:
        return True
    return a in FINITE and b in (FINITE | MODAL)


# A quotation of at most this many words is a slogan, chant or cry more often than speech.
CHANT_WORDS = 6


def _chant(text: str, q) -> bool:
    """Whether quotation ``q`` is short enough to be a slogan or chant, where a doubled
    word is the point ("Free free Palestine")."""
    s, e = q.inner
    return len(text[s:e].split()) <= CHANT_WORDS


class RepeatedWordKind(Kind):
    """A word typed twice ("the the"), or two clashing auxiliaries ("had has")."""

    defaults = {"allow": []}
    literal = True

    def setup(self) -> None:
        self.allow = _LEGIT_DOUBLES | {str(x).lower() for x in self.options["allow"]}

    def check(self, ctx: Context) -> Iterable[Finding]:
        vocab = ctx.settings.vocabulary
        for f in self._repeats(ctx):
            if vocab is None or not vocab.accepts_phrase(ctx.article.text[f.start:f.end]):
                yield f  # the newsroom's vocabulary accepts "Walla Walla"

    def _repeats(self, ctx: Context) -> Iterable[Finding]:
        text = ctx.article.text
        quotes = ctx.facts.quotes
        pos = 0
        while True:
            m = _WORD_PAIR.search(text, pos)
            if not m:
                break
            pos = m.start(3)  # overlapping pairs: "the the the" gives two findings
            a, gap, b = m.group(1), m.group(2), m.group(3)
            la, lb = a.lower(), b.lower()
            pair = f"{la} {lb}"
            after = text[m.end(3):m.end(3) + 20]
            if pair == "that that" and _THAT_THAT_ERROR.match(after):
                pass  # "said that that the plan": the second 'that' has nothing to do
            elif pair == "had had" and _HAD_HAD_ERROR.match(after):
                pass  # "had had been": one 'had' too many
            elif pair in self.allow:
                continue
            elif pair == "no no" and re.search(r"\b(?:a|the|big|real)\s+$", text[max(0, m.start() - 6):m.start()], re.I):
                continue  # "a no no": a noun
            elif pair in (_EXCLAIMED | {"no no"}) and (re.match(r"[\s]*(?:[^\w\s]|" + re.escape(la) + r"\b)", after, re.I)
                                         or _sentence_initial(text, m.start(1))):
                continue
            initial = _sentence_initial(text, m.start(1))
            q = quotes.containing(m.start(1), m.end(3))
            safe = q is None  # "Free free Palestine," they chanted
            if q is not None and la == lb and la not in FUNCTION_WORDS and _chant(text, q):
                continue  # a slogan or chant quoted: "Free free Palestine", "Go go go"
            if la == lb:
                if len(a) == 1 and la not in ("a", "i"):
                    continue  # initials ("G G Bulloch"), list letters
                if b[0].isupper():
                    # a capitalised repeat is a name or title ("Bafana Bafana", "Please Please Me",
                    # "Koh Phi Phi") far more often than a slip; "The The plan" at a sentence start
                    # is a slip, but even then the band exists: no safe fix
                    if not (initial and a[0].isupper() and la in FUNCTION_WORDS):
                        continue
                    safe = False
                msg = f"'{a}' is repeated: '{a} {b}'"
            elif b.islower() and _aux_clash(la, lb):
                msg = f"two auxiliaries in a row: '{a} {b}'; keep one"
                safe = False  # which of the two was meant is a guess
            else:
                continue
            s, e = m.start(1), m.end(3)
            yield Finding(s, e, msg, fix=[(m.end(1), m.end(3), "")],
                          fix_message=f"delete the second '{b}'", fix_safe=safe)
        yield from self._phrases(text, quotes)

    def _phrases(self, text: str, quotes) -> Iterable[Finding]:
        """Two words typed twice ("in the in the"); "more and more and more" is a figure of speech."""
        pos = 0
        while True:
            m = _PHRASE_PAIR.search(text, pos)
            if not m:
                break
            pos = m.start(3)
            w1, w2, w3, w4 = (m.group(i).lower() for i in (1, 3, 5, 6))
            if w1 != w3 or w2 != w4 or w1 == w2 or "\n\n" in m.group(0):
                continue
            prev = re.search(r"([A-Za-z]+)\s*$", text[max(0, m.start() - 30):m.start()])
            if prev is not None and prev.group(1).lower() == w2:
                continue  # "lie upon lie upon lie", "day after day after day": a chain for emphasis
            if w1 in ("and", "or") and (w2 in _X_AND_X or w2.endswith("er")):
                continue  # "and more and more", "or more or less": 'X and X' idioms
            if m.group(5)[0].isupper() and m.group(1)[0].isupper() and not _sentence_initial(text, m.start(1)):
                continue  # a name said twice: "New York, New York" without the comma
            nxt = _NEXT_WORD.match(text, m.end())
            if nxt and nxt.group(1).lower() == w1:
                continue  # "more and more and more"
            if f"{w1} {w2}" in self.allow:
                continue
            phrase = f"{m.group(1)} {m.group(3)}"
            yield Finding(m.start(1), m.end(6), f"'{phrase}' is repeated: '{phrase} {m.group(5)} {m.group(6)}'",
                          fix=[(m.end(3), m.end(6), "")], fix_message=f"delete the second '{phrase}'",
                          fix_safe=not quotes.contains(m.start(1), m.end(6)))
            pos = m.end(6)


# ---------------------------------------------------------------------------------------
# W103 less/fewer
# ---------------------------------------------------------------------------------------

# Plurals that are mass nouns or singular in use ("less data", "less news").
_MASS_PLURALS = {"data", "media", "news", "means", "series", "species", "politics", "economics",
                 "physics", "mathematics", "athletics", "ethics", "odds", "thanks", "earnings",
                 "proceeds", "funds", "savings", "emissions", "resources", "headquarters",
                 "whereabouts", "goods", "clothes", "pains", "lengths", "terms", "grounds",
                 "regards", "likes", "respects", "wages", "taxes", "damages", "winnings",
                 "arms", "riches", "surroundings", "outskirts", "mumps", "measles", "diabetes",
                 "graphics", "logistics", "statistics", "dynamics", "analytics", "electronics",
                 "metrics", "demographics", "aesthetics", "genetics", "tactics", "gymnastics",
                 "pyjamas", "pajamas", "premises", "species", "bucks", "cents", "pence", "dollars",
                 "pounds", "euros", "yen", "miles", "kilometres", "kilometers", "metres", "meters",
                 "hours", "minutes", "seconds", "days", "weeks", "months", "years", "degrees",
                 "percent", "calories", "kilos", "kilograms", "litres", "liters", "gallons",
                 "tonnes", "tons", "feet", "inches", "acres"}
# Singular in form, but counted people: "fewer staff", not "less staff".
_COUNTED_COLLECTIVES = {"staff", "personnel", "people", "folk", "cattle", "police", "troops"}
_LET_ALONE = {"much", "still", "no", "nothing", "none", "or", "even"}


class LessFewerKind(Kind):
    """'less' before a plural count noun ("less games" for "fewer games")."""

    defaults = {"mass_plurals": []}
    requires = frozenset({"tagger", "attribute_ruler", "lemmatizer", "parser"})

    def setup(self) -> None:
        self.mass = _MASS_PLURALS | {str(x).lower() for x in self.options["mass_plurals"]}

    def check(self, ctx: Context) -> Iterable[Finding]:
        doc = ctx.doc
        for tok in doc:
            if tok.lower_ != "less" or tok.i + 1 >= len(doc):
                continue
            nxt = doc[tok.i + 1]
            counted = nxt.tag_ == "NNS" or (nxt.lower_ in _COUNTED_COLLECTIVES and nxt.pos_ in ("NOUN", "PROPN"))
            if not counted or nxt.lower_ in self.mass:
                continue
            prev = doc[tok.i - 1] if tok.i > 0 else None
            if prev is not None and (prev.lower_ in _LET_ALONE or prev.like_num or prev.tag_ in ("CD",)):
                continue  # "much less", "no less", "or less", "10 less"
            after = doc[nxt.i + 1] if nxt.i + 1 < len(doc) else None
            if after is not None and after.pos_ in ("NOUN", "PROPN") and nxt.dep_ == "compound":
                continue  # "less sports coverage": 'less' goes with 'coverage'
            if after is not None and after.lower_ == "than" and prev is not None and prev.lower_ == "no":
                continue
            if not nxt.text.isalpha() or nxt.text[0].isupper():
                continue
            if not nxt.whitespace_ and after is not None and after.text in ("-", "–"):
                continue  # "less staff-heavy": the noun starts a compound adjective
            yield Finding(tok.idx, nxt.idx + len(nxt.text),
                          f"'less {nxt.text}': '{nxt.text}' can be counted, so write 'fewer {nxt.text}'")


# ---------------------------------------------------------------------------------------
# W202 spacing
# ---------------------------------------------------------------------------------------

# a sentence end glued to the next sentence: after a word, a number, a closing mark or bracket
# ('policies.President', 'in 2022.US crude', 'said."The', 'Travel.“It', 'won.”“It', 'U.S.Officials')
_NO_SPACE = re.compile(r"((?:(?<=[a-z0-9%)\]\"”’'])[.!?]|(?<=[A-Z])[!?]|(?<=[A-Z]{2})\.(?=[\"“‘]?[A-Z][a-z]{2})"
                       r"|(?<=\.[A-Z])\.(?=[\"“‘]?[A-Z][a-z]))"
                       r"[\"”’')]?[“‘]?)"
                       r"([A-Z](?=[a-z])|[AI](?=[\s'’])|[A-Z](?=[A-Z]+[\s,;:]))")
_NO_SPACE_CLAUSE = re.compile(r"((?:(?<=[A-Za-z]{2})|(?<=\d[a-z])|(?<=\w\))|(?<=[a-z]['’]))"
                              r"(?:[,;:](?=[A-Za-z]{2}|[aAI]\s)|,(?=\d))|(?<=\d),(?=[a-z]{2}))")
# a closing parenthesis glued to the next word: "(worth $5m)was"; "(s)he", "(un)happy" are one word
_BRACKET_PREFIXES = {"non", "pre", "dis", "mis", "sub", "over", "under", "anti", "post", "semi", "inter", "self"}
_PAREN_GLUE = re.compile(r"(?<=[\w.%!?'’\"”])\)(?=[A-Za-z]{2})")
# a double quotation mark glued to the next word after a comma: 'higher,"he said', 'said,"We'
_QUOTE_GLUE = re.compile(r"(?<=[A-Za-z0-9])(,|[.!?](?=[\"”][a-z]))([\"”“])(?=[A-Za-z])")
_DOUBLE_SPACE = re.compile(r"(?<=\S)[ \u00a0]{2,}(?=\S)")
_SPACE_BEFORE = re.compile(r"(?<=[\w\"”’)%])[ \t\u00a0]+(?=[,.](?![.\w])|;(?=\s|$)|:(?=[ \t]+[A-Za-z]))")
_MARK_NAMES = {",": "comma", ".": "full stop", ";": "semicolon", ":": "colon", "?": "question mark",
               "!": "exclamation mark"}
# a web or e-mail address; a domain's ending is in lower case ("in 2022.US crude" is no address)
_URLISH = re.compile(r"((?i:https?://|www\.)|@|\.(com|org|net|co|uk|gov|edu|io|tv|info|biz|ac|eu|us|fm|ly|me)"
                     r"\b|(?i:\.(js|py|exe|html?|php|asp|net))\b)")
_CHUNK = re.compile(r"\S+")
# an abbreviation of single letters and full stops, its last stop to come: "U.S", "p.m", "e.g"
_LETTERS_AND_STOPS = re.compile(r"(?<![\w.])(?:[A-Za-z]\.)+[A-Za-z]$")


_NEXT_WORD = re.compile(r"\s+([A-Za-z]+)")


def _around(text: str, start: int, end: int) -> str:
    """The junction with the word on each side: 'policies.President'."""
    a = re.search(r"[^\s]{0,15}$", text[max(0, start - 15):start]).group()
    b = re.match(r"[^\s]{0,15}", text[end:end + 15]).group()
    return a + text[start:end] + b


def _source_runs(article, start: int, end: int) -> list[tuple[int, int]]:
    """The runs of two or more characters in text ``[start, end)`` that are contiguous
    in the source: "a  `x` b" has a real double space, "The ![c](c.png) shows" none."""
    runs, s = [], start
    for i in range(start + 1, end + 1):
        if i == end or not article.adjacent(i):
            if i - s >= 2:
                runs.append((s, i))
            s = i
    return runs



class _Layout:
    """Where the spaces, line breaks and word ends of a text are, found once: the checks
    ask about the chunk around each junction, and one long run without spaces (a URL
    list, a pasted blob) holds thousands of junctions."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.spaces = [m.start() for m in re.finditer(r"\s", text)]
        self.newlines = [m.start() for m in re.finditer("\n", text)]
        self.breaks = [m.start() for m in re.finditer(r"[^\w.]", text)]  # ends of [\w.] runs
        self.dots = [m.start() for m in re.finditer(r"\.", text)]
        self._chunks: dict[tuple[int, int], tuple[bool, bool]] = {}
        self._table_lines: dict[int, bool] = {}

    def chunk(self, i: int) -> tuple[bool, bool]:
        """(URL-like, holds a '/') for the whitespace-free chunk around ``i``."""
        k = bisect.bisect_left(self.spaces, i)
        s = self.spaces[k - 1] + 1 if k else 0
        e = self.spaces[k] if k < len(self.spaces) else len(self.text)
        if (s, e) not in self._chunks:
            chunk = self.text[s:e]
            self._chunks[(s, e)] = (bool(_URLISH.search(chunk)), "/" in chunk)
        return self._chunks[(s, e)]

    def word_before(self, i: int) -> tuple[int, bool]:
        """(length, holds a '.') of the run of word characters and dots ending at ``i``."""
        k = bisect.bisect_left(self.breaks, i)
        s = self.breaks[k - 1] + 1 if k else 0
        d = bisect.bisect_left(self.dots, s)
        return i - s, d < len(self.dots) and self.dots[d] < i

    def in_table_line(self, i: int) -> bool:
        """Whether the line holding ``i`` is a table row (aligned with spaces)."""
        k = bisect.bisect_left(self.newlines, i)
        start = self.newlines[k - 1] + 1 if k else 0
        if start not in self._table_lines:
            end = self.newlines[k] if k < len(self.newlines) else len(self.text)
            line = self.text[start:end]
            self._table_lines[start] = line.lstrip().startswith("|") or " | " in line or "\t" in line
        return self._table_lines[start]


class SpacingKind(Kind):
    """No space after sentence punctuation, doubled spaces, a space before , or ."""

    defaults = {"double_spaces": True, "space_before": True, "missing_space": True, "dashes": True}
    literal = True

    def check(self, ctx: Context) -> Iterable[Finding]:
        text = ctx.article.text
        layout = _Layout(text)
        if self.options["dashes"]:
            yield from _lopsided_dashes(text, ctx.facts.dashes, layout)
        if self.options["missing_space"]:
            seen: set[int] = set()
            stray = set(ctx.facts.quotes.unmatched)
            for f in self._missing(text, ctx.facts.quotes, layout):
                if f.start not in seen:  # one junction, one finding
                    seen.add(f.start)
                    q = ctx.facts.quotes.containing(f.start, f.end)
                    if q is not None and not q.closed:
                        f.fix_safe = False  # whether it runs on is read from its words ('why? He said')
                    if any(i in stray and at_junction(text, i) for i in range(f.start, f.end)):
                        # W201 leaves this mark to us: say what else is wrong with it
                        f.message += "; the quotation mark there has no partner in its paragraph"
                        f.fix_safe = False
                    yield f
        # HTML collapses runs of spaces when it is shown: they are not the reader's problem
        if self.options["double_spaces"] and ctx.article.fmt != "html":
            for m in _DOUBLE_SPACE.finditer(text):
                if layout.in_table_line(m.start()):
                    continue  # table rows and columns are aligned with spaces
                for s, e in _source_runs(ctx.article, m.start(), m.end()):
                    yield Finding(s, e, f"{e - s} spaces in a row; one is enough",
                                  fix=[(s, e, " ")], fix_message="use one space")
        if self.options["space_before"]:
            for m in _SPACE_BEFORE.finditer(text):
                mark = text[m.end()]
                if mark == "." and text[m.end():m.end() + 3] == "...":
                    continue
                name = _MARK_NAMES[mark]
                yield Finding(m.start(), m.end() + 1, f"a space before the {name}",
                              fix=[(m.start(), m.end(), "")], fix_message="remove the space")

    @staticmethod
    def _side(text: str, quotes, i: int) -> str | None:
        """'close' or 'open' for the quotation mark at ``i``; None when that is not sure.

        A curly mark says it; a straight one is sure only where the quotations fact
        paired it: inserting the space on the wrong side would unbalance the quotes.
        """
        if text[i] in "”’')":
            return "close"
        if text[i] in "“‘":
            return "open"
        for q in quotes.quotes:
            if q.closed and q.end - 1 == i:
                return "close"
            if q.closed and q.start == i:
                return "open"
        return None

    def _missing(self, text: str, quotes, layout: _Layout) -> Iterable[Finding]:
        quote_starts = {q.start for q in quotes.quotes}  # a straight mark opening a quotation
        for m in _NO_SPACE_CLAUSE.finditer(text):
            if any(layout.chunk(m.start())):
                continue
            yield Finding(m.start(), m.end() + 1,
                          f"no space after '{m.group(1)}' in '{_around(text, m.start(), m.end())}'",
                          fix=[(m.end(), m.end(), " ")], fix_message="insert a space")
        for m in _PAREN_GLUE.finditer(text):
            opener = text.rfind("(", max(0, m.start() - 200), m.start())
            inside = text[opener + 1:m.start()] if opener != -1 else ""
            if opener == -1 or "\n" in inside or layout.chunk(m.start())[0] \
                    or (" " not in inside and (len(inside) <= 2 or inside.lower() in _BRACKET_PREFIXES)):
                continue  # "(s)he", "(re)elected": a bracketed prefix, not a clause
            yield Finding(m.start(), m.end() + 1,
                          f"no space after ')' in '{_around(text, m.start(), m.end())}'",
                          fix=[(m.end(), m.end(), " ")], fix_message="insert a space")
        for m in _QUOTE_GLUE.finditer(text):
            if layout.chunk(m.start())[0]:
                continue
            at = m.start(2)
            side = self._side(text, quotes, at)
            # unsure: guess from the scan (an unpaired opener stays an opener); an unsafe fix
            closing = side == "close" or (side is None and at not in quote_starts)
            where = m.end() if closing else at
            yield Finding(m.start(), m.end() + 1,
                          f"no space {'after' if closing else 'before'} the quotation mark in "
                          f"'{_around(text, m.start(), m.end())}'",
                          fix=[(where, where, " ")], fix_message="insert a space", fix_safe=side is not None)
        for m in _NO_SPACE.finditer(text):
            punct = m.group(1)
            if layout.chunk(m.start(1))[0]:
                continue
            # the word before: an abbreviation or initials (U.S.A, J.K) is not a sentence end
            if text[m.start(1) - 1].isalnum():
                length, dotted = layout.word_before(m.start(1))
                # (one letter is an initial, "J.Smith"; one digit ends a date, "on May 3.Without");
                # but a word after letters and full stops starts a sentence ("the U.S.Officials")
                initial = punct[0] == "." and length <= 1 and not text[m.start(1) - 1].isdigit()
                if initial or (dotted and not _sentence_after_stops(text, m.start(1), m.start(2))):
                    continue
            # 'carpet."It's': the space goes after a closing mark but before an opening one
            side = self._side(text, quotes, m.end(1) - 1) if punct[-1] in "\"”’')“‘" else "close"
            where = m.end(1) - 1 if side == "open" else m.start(2)
            yield Finding(m.start(1), m.end(2),
                          f"no space after '{punct[:-1] if side == 'open' else punct}' in "
                          f"'{_around(text, m.start(1), m.end(2))}'",
                          fix=[(where, where, " ")], fix_message="insert a space", fix_safe=side is not None)


# A dash spaced on one side only: "bid— though", "Canada —adding" (between two words).
_LOPSIDED_DASH = re.compile(r"(?<=[A-Za-z])(?:(—|–|--)[ \t]+|[ \t]+(—|–|--))(?=[A-Za-z])")
# A hyphen so spaced is a dash or a compound with a stray space ("style -and price",
# "thinly -veiled", "Sydney- nullified"); not a suspended hyphen ("mid- and long-term",
# "first- or second-degree", "pre- to post-war") nor its mirror ("full-time and -part").
_LOPSIDED_HYPHEN = re.compile(r"(?<=[A-Za-z]{2})-[ \t]+(?=[A-Za-z])|(?<=[A-Za-z])[ \t]+-(?=[A-Za-z]{2})")
_SUSPENDED = re.compile(r"(?:(?:and|or|nor|to|than|versus|vs|through|but not)\b|&)", re.I)
_SUSPENDED_BEFORE = re.compile(r"(?:\b(?:and|or|nor|to|than|versus|vs|through)|&)[ \t]*$", re.I)


def _lopsided_dashes(text: str, dashes, layout: "_Layout") -> Iterable[Finding]:
    """A dash or hyphen with a space on one side only. The fix spaces a dash as the
    article's other dashes are set (both sides, or neither); a hyphen has no fix, since
    whether it was a dash or part of a compound is a guess."""
    spaced = sum(1 for d in dashes if d.spaced and not d.typed)
    closed = sum(1 for d in dashes if not d.spaced and not d.typed)
    for m in _LOPSIDED_DASH.finditer(text):
        dash = m.group(1) or m.group(2)
        glued_left = m.group(1) is not None
        d0 = m.start() if glued_left else m.end() - len(dash)
        if closed > spaced:
            fix, how = (d0 + len(dash), m.end(), "") if glued_left else (m.start(), d0, ""), "close it up"
        else:
            at = d0 if glued_left else m.end()
            fix, how = (at, at, " "), "space it on both sides"
        side = "after it but not before" if glued_left else "before it but not after"
        yield Finding(m.start(), m.end(), f"the {_DASH_WORDS[dash]} in '{_around(text, m.start(), m.end())}' "
                      f"has a space {side}", fix=[fix], fix_message=how,
                      fix_safe=spaced != closed)
    for m in _LOPSIDED_HYPHEN.finditer(text):
        glued_left = text[m.start()] == "-"
        if layout.chunk(m.start())[0] or (glued_left and _SUSPENDED.match(text, m.end())) \
                or (not glued_left and _SUSPENDED_BEFORE.search(text, max(0, m.start() - 12), m.start())):
            continue
        side = "after it but not before" if glued_left else "before it but not after"
        yield Finding(m.start(), m.end(), f"the hyphen in '{_around(text, m.start(), m.end())}' has a space "
                      f"{side}: a dash spaced on both sides, or a compound with no space?")


_DASH_WORDS = {"—": "em dash", "–": "en dash", "--": "double hyphen"}


def _sentence_after_stops(text: str, stop: int, word: int) -> bool:
    """Whether the capitalised word at ``word``, glued to the full stop at ``stop`` that ends
    an abbreviation of letters and stops, starts a sentence: after a lower-case abbreviation
    ("p.m.The", "e.g.The") or a known one ("the U.S.Officials") any word does; after initials
    ("J.K.Rowling", "D.C.It") only a word no name is (a pronoun, article or conjunction)."""
    abbr = _LETTERS_AND_STOPS.search(text, max(0, stop - 12), stop)
    nxt = _GLUED_WORD.match(text, word)
    if abbr is None or nxt is None:
        return False
    letters = abbr.group().replace(".", "")
    return letters.islower() or letters in KNOWN_ACRONYMS or nxt.group().lower() in _SENTENCE_OPENERS


_GLUED_WORD = re.compile(r"[A-Z][a-z]+\b")
# Words that open a sentence and are never a name (after initials: "D.C.It", not "J.K.Rowling").
_SENTENCE_OPENERS = FUNCTION_WORDS | {"his", "her", "their", "its", "there", "these", "those", "i", "you",
                                     "after", "before", "when", "while", "but", "however", "yet", "so"}


# ---------------------------------------------------------------------------------------
# W201 unbalanced quotation marks and brackets
# ---------------------------------------------------------------------------------------

PAIRS = {"(": ")", "[": "]"}
CLOSING = {v: k for k, v in PAIRS.items()}
# "a)" "1)" "iv)" list markers and ":)" smileys are not brackets.
_LIST_MARKER = re.compile(r"(?:^|(?<=[\s(]))(?:[a-zA-Z]|\d{1,2}|[ivx]{1,4})\)")
_SMILEY = re.compile(r"[:;]-?[()\[\]]")


def unmatched_brackets(text: str, start: int, end: int) -> list[int]:
    """Offsets of parentheses and square brackets in ``text[start:end]`` without a partner."""
    markers = {m.end() - 1 for m in _LIST_MARKER.finditer(text, start, end)}
    skip: set[int] = set()
    for m in _SMILEY.finditer(text, start, end):
        skip.update(range(m.start(), m.end()))
    stack: list[int] = []
    open_count = {ch: 0 for ch in PAIRS}  # openers of each kind on the stack, kept in step
    bad: list[int] = []
    for i in range(start, end):
        ch = text[i]
        if i in skip:
            continue
        if ch in PAIRS:
            stack.append(i)
            open_count[ch] += 1
        elif ch in CLOSING:
            if i in markers and not open_count["("]:
                continue  # "a)" "2)" list markers close nothing
            if open_count[CLOSING[ch]]:
                while text[stack[-1]] != CLOSING[ch]:  # the inner opener was never closed
                    bad.append(stack.pop())
                    open_count[text[bad[-1]]] -= 1
                stack.pop()
                open_count[CLOSING[ch]] -= 1
            else:
                bad.append(i)
    return sorted(bad + stack)


class UnbalancedQuotesKind(Kind):
    """A double quotation mark, parenthesis or bracket without a partner in its paragraph."""

    defaults = {"brackets": True}

    def check(self, ctx: Context) -> Iterable[Finding]:
        yield from _stray_marks(ctx.article, ctx.facts.quotes)
        yield from _single_marks(ctx.article, ctx.facts.quotes)
        if not self.options["brackets"]:
            return
        text = ctx.article.text
        for ps, pe in ctx.article.paragraphs:
            for i in unmatched_brackets(text, ps, pe):
                ch = text[i]
                if ch in PAIRS:
                    msg = f"'{ch}' is never closed with '{PAIRS[ch]}' in its paragraph"
                else:
                    msg = f"'{ch}' closes a '{CLOSING[ch]}' that was never opened in its paragraph"
                yield Finding(i, i + 1, msg)


def _stray_marks(art, quotes) -> Iterable[Finding]:
    """One finding per problem with the quotation marks: a mark glued into a missing space
    is spacing's (W202); a quotation nested in double marks, or one that runs into a later
    paragraph without being opened again, leaves two stray marks that are one problem."""
    text = art.text
    stray = [i for i in quotes.unmatched if not at_junction(text, i)]
    done: set[int] = set()
    for k, i in enumerate(stray):
        if i in done:
            continue
        opens = _opens(text, i)
        nxt = stray[k + 1] if k + 1 < len(stray) else None
        if opens and nxt is not None and not _opens(text, nxt):
            f = _one_problem(art, quotes, i, nxt)
            if f is not None:
                done.add(nxt)
                yield f
                continue
        yield _stray(text, i, opens)


def _single_marks(art, quotes) -> Iterable[Finding]:
    """Single quotation marks without a partner: in the headline ('Hope for talks), and in the
    paragraphs of copy that quotes in single marks throughout (no double marks, two or more
    quotations in single marks)."""
    text = art.text
    spans = [(art.headline, "the headline", None)] if art.headline else []
    body = art.body_start()
    if not quotes.straight and not quotes.curly and len(_SINGLE_PAIR.findall(text, body)) >= 2:
        paras = [p for p in art.paragraphs if p[0] >= body]
        spans += [(p, "its paragraph", paras[k + 1][0] if k + 1 < len(paras) else None)
                  for k, p in enumerate(paras)]
    for (start, end), where, nxt in spans:
        stray = stray_single_marks(text, start, end)
        for i, opens in stray:
            if opens and (i, opens) == stray[-1] and nxt is not None and text[nxt:nxt + 1] in "'\u2018":
                continue  # a quotation that runs on into the next paragraph, which opens it again
            if opens:
                yield Finding(i, i + 1, f"this {text[i]} opens a quotation that is never closed in {where}"
                              f" (\"{_snippet(text, i + 1)}...\")")
            else:
                yield Finding(i, i + 1, f"this {text[i]} closes a quotation that was never opened in {where}")


# a quotation in single marks: 'We will win,' or 'a disgrace'
_SINGLE_PAIR = re.compile(r"(?:^|(?<=[\s(\u2014\u2013:]))['\u2018][A-Za-z][^'\u2018\u2019\n]{0,300}?[a-z.,!?]['\u2019]"
                          r"(?=[\s.,;:!?)\u2014]|$)", re.M)


def _stray(text: str, i: int, opens: bool) -> Finding:
    """The finding for one stray quotation mark."""
    mark = text[i:i + mark_width(text, i)]
    if text[i] == STRAIGHT and i > 0 and text[i - 1].isalpha() and _APOSTROPHE_END.match(text, i + 1):
        word = _around_word(text, i)
        return Finding(i, i + 1, f"this {mark} sits inside the word '{word}': an apostrophe typed as a "
                                 f"quotation mark?")
    if opens:
        snippet = _snippet(text, i + len(mark))
        return Finding(i, i + len(mark), f"this {mark} opens a quotation that is never closed in its paragraph"
                       + (f" (\"{snippet}...\")" if snippet else ""))
    return Finding(i, i + len(mark), f"this {mark} closes a quotation that was never opened in its paragraph")


def _one_problem(art, quotes, opener: int, closer: int) -> Finding | None:
    """A stray opener and the stray closer after it as one problem, or None: a quotation
    whose inner quotation uses double marks too (the inner marks paired, the outer two
    left over), or one that runs on into a later paragraph that was never opened again."""
    text = art.text
    po, pc = art.paragraph_of(opener), art.paragraph_of(closer)
    if po is None or pc is None:
        return None
    between = [q for q in quotes.quotes if opener < q.start and q.end <= closer + 1]
    if po == pc and between:
        inner = between[0]
        shown = " ".join(text[inner.start:inner.end].split())
        return Finding(inner.start, inner.start + inner.open_width,
                       f"the quotation {shown} sits inside another quotation in the same double marks: "
                       f"use single marks inside",
                       related=[(opener, opener + mark_width(text, opener), "the outer quotation opens here"),
                                (closer, closer + mark_width(text, closer), "and closes here")])
    later = [p for p in art.paragraphs if po[0] < p[0] <= pc[0]]
    if po != pc and not between and 1 <= len(later) <= MAX_RUN_ON_PARAGRAPHS and \
            not any(text[p[0]:p[0] + 1] in MARKS for p in later):
        line = art.line_of(opener)
        mark = text[closer:closer + mark_width(text, closer)]
        return Finding(closer, closer + len(mark),
                       f"this {mark} closes the quotation opened on line {line}, but the paragraphs "
                       f"after that line do not open it again with a quotation mark",
                       related=[(opener, opener + mark_width(text, opener), "the quotation opens here")])
    return None


# A quotation left open runs on for at most this many paragraphs before its closing mark
# is taken for a stray one of its own.
MAX_RUN_ON_PARAGRAPHS = 3


# What follows an apostrophe inside a word: "world's", "don't", "they're", "we'll".
_APOSTROPHE_END = re.compile(r"(?:s|t|re|ve|ll|d|m)\b")


def _around_word(text: str, i: int) -> str:
    """The word a mark at ``i`` sits inside: 'world"s'."""
    a = re.search(r"\w*$", text[max(0, i - 20):i]).group()
    b = re.match(r"\w*", text[i + 1:i + 21]).group()
    return a + text[i] + b


def _opens(text: str, i: int) -> bool:
    """Whether the stray mark at ``i`` reads as an opening mark."""
    ch = text[i]
    if text[i:i + 2] in DOUBLED:
        return DOUBLED[text[i:i + 2]] == "open"
    if ch in OPENERS:
        return True
    if ch in CLOSERS:
        return False
    return direction(text, i) != "close"


def _snippet(text: str, start: int, words: int = 5) -> str:
    """The first few words after ``start`` on its line."""
    seg = text[start:start + 80].split("\n")[0]
    return " ".join(seg.split()[:words])


# ---------------------------------------------------------------------------------------
# W203 invisible characters
# ---------------------------------------------------------------------------------------

# Format characters that show as nothing: deleting one changes nothing a reader sees.
_FORMAT_NAMES = {"\u200b": "zero-width space", "\u200c": "zero-width non-joiner",
                 "\u200d": "zero-width joiner", "\u2060": "word joiner", "\u00ad": "soft hyphen",
                 "\ufeff": "byte-order mark"}
# Tab, line feed and carriage return are layout; every other C0 and C1 control is stray.
_INVISIBLE = re.compile("[\u200b\u200c\u200d\u2060\u00ad\ufeff\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]+")
_JOINERS = {"\u200c", "\u200d"}


def _joins_a_script(text: str, i: int) -> bool:
    """Whether the joiner at ``i`` stands beside a character of a script or emoji that uses
    joiners (Persian, Indic scripts, emoji sequences such as a family): there it is spelling."""
    for j in (i - 1, i + 1):
        if 0 <= j < len(text):
            c = text[j]
            if ord(c) >= 0x250 and not ("\u2000" <= c <= "\u206f") and not c.isspace():
                return True
    return False


def _cp1252(ch: str) -> str | None:
    """The Windows-1252 character a C1 control stands for when text was read as Latin-1
    (U+0092 for ’), or None."""
    if not "\x80" <= ch <= "\x9f":
        return None
    try:
        return bytes([ord(ch)]).decode("cp1252")
    except UnicodeDecodeError:
        return None


def _char_fix(text: str, i: int, start: int, end: int) -> tuple[str, bool, str]:
    """(replacement, safe, name) for the invisible character at ``i`` in the run ``[start, end)``."""
    ch = text[i]
    if ch in _FORMAT_NAMES:
        return "", True, _FORMAT_NAMES[ch]
    name = f"control character U+{ord(ch):04X}"
    meant = _cp1252(ch)
    if meant is not None:  # a Windows-1252 ’ or “ read as Latin-1: what was meant is a guess
        return meant, False, f"{name} (a Windows-1252 '{meant}' decoded as Latin-1?)"
    glued = 0 < start and end < len(text) and not text[start - 1].isspace() and not text[end].isspace()
    if glued and ch in "\x0b\x0c":  # a line or page break from a word processor
        return " ", False, name
    return "", not glued, name


class InvisibleCharacterKind(Kind):
    """Zero-width characters, soft hyphens, a byte-order mark inside the text, control characters."""

    literal = True

    def check(self, ctx: Context) -> Iterable[Finding]:
        text = ctx.article.text
        for m in _INVISIBLE.finditer(text):
            chars = [i for i in range(m.start(), m.end())
                     if not (text[i] in _JOINERS and _joins_a_script(text, i))]
            if not chars:
                continue
            yield from self._runs(text, chars)

    @staticmethod
    def _runs(text: str, chars: list[int]) -> Iterable[Finding]:
        """One finding per run of neighbouring invisible characters (one problem, one finding)."""
        runs: list[list[int]] = []
        for i in chars:
            if runs and runs[-1][-1] == i - 1:
                runs[-1].append(i)
            else:
                runs.append([i])
        for run in runs:
            s, e = run[0], run[-1] + 1
            parts = [_char_fix(text, i, s, e) for i in run]
            names = list(dict.fromkeys(p[2] for p in parts))
            what = names[0] if len(run) == 1 else f"{len(run)} invisible characters ({', '.join(names)})"
            where = _between(text, s, e)
            yield Finding(s, e, f"{'a ' if len(run) == 1 else ''}{what}"
                                f" {where}: invisible, but it breaks search, spelling checks and word counts",
                          fix=[(s, e, "".join(p[0] for p in parts))],
                          fix_message="remove it" if all(not p[0] for p in parts) else "replace it",
                          fix_safe=all(p[1] for p in parts))


def _between(text: str, start: int, end: int) -> str:
    """Where an invisible run stands: "between 'Pres' and 'ident'", "after 'said'"."""
    clean = _INVISIBLE.sub("", text[max(0, start - 15):start])
    a = re.search(r"\S{0,12}$", clean).group()
    b = re.match(r"\S{0,12}", _INVISIBLE.sub("", text[end:end + 15])).group()
    if a and b:
        return f"between '{a}' and '{b}'"
    return f"after '{a}'" if a else f"before '{b}'" if b else "on its own"


# ---------------------------------------------------------------------------------------
# W104 broken phrases
# ---------------------------------------------------------------------------------------

_MODALS = frozenset({"can", "could", "may", "might", "must", "shall", "should", "will", "would"})
# Finite auxiliaries that never follow an article: "the would", "a was" (unlike "the will",
# "a must", "the haves", "does" the deer, whose noun senses are ordinary).
_FINITE_AUX = frozenset({"is", "was", "are", "were", "has", "had", "would", "could", "should", "did"})
# Prepositions after which "than" has lost its comparative ("fines of than $1m").
_BEFORE_THAN = frozenset({"of", "to", "for", "at", "by", "from", "with", "on", "about"})
_COMPARATIVE_BEFORE = frozenset({"more", "less", "rather", "other", "fewer", "better", "worse", "sooner"})


class BrokenPhraseKind(Kind):
    """A word dropped or left over, so that the phrase no longer parses: a modal before a
    past form ("might represented"), "of than", an article before a finite verb ("the would")."""

    requires = frozenset({"tagger", "attribute_ruler", "lemmatizer"})
    literal = True

    def check(self, ctx: Context) -> Iterable[Finding]:
        doc = ctx.doc
        for tok in doc:
            found = _modal_past(doc, tok) or _lost_comparative(doc, tok) or _article_verb(doc, tok) \
                or _article_between_verbs(doc, tok)
            if found is not None:
                start, end, msg = found
                yield Finding(start, end, msg)


def _modal_past(doc, tok) -> tuple[int, int, str] | None:
    """A modal before a past tense or participle, an adverb or two between: "might represented"."""
    if tok.tag_ != "MD" or tok.text not in _MODALS:  # "May said": Brian May; "Will told": a Will
        return None
    j = tok.i + 1
    while j < len(doc) and j <= tok.i + 2 and doc[j].tag_ in ("RB", "RBR") and doc[j].lower_ != "not":
        j += 1
    if j >= len(doc) or doc[j].tag_ not in ("VBD", "VBN") or not doc[j].is_lower \
            or doc[j].lower_ == doc[j].lemma_ or not doc[j].text.isalpha():
        return None
    verb = doc[j]
    return tok.idx, verb.idx + len(verb), (f"'{doc[tok.i:j + 1].text}': a modal before a past form; "
                                           f"'have' dropped ('{tok.text} have {verb.text}'), or the wrong "
                                           f"form ('{tok.text} {verb.lemma_}')?")


def _lost_comparative(doc, tok) -> tuple[int, int, str] | None:
    """A preposition straight before "than": "fines of than $1m" has lost its "more"."""
    if tok.lower_ != "than" or tok.i == 0:
        return None
    prep = doc[tok.i - 1]
    if prep.lower_ not in _BEFORE_THAN or prep.whitespace_ == "" or \
            (prep.i > 0 and doc[prep.i - 1].lower_ in _COMPARATIVE_BEFORE):
        return None
    return prep.idx, tok.idx + len(tok), (f"'{prep.text} than': a comparative word dropped "
                                          f"('{prep.text} more than', '{prep.text} less than')?")


def _article_verb(doc, tok) -> tuple[int, int, str] | None:
    """An article straight before a finite auxiliary: "officials said the would expand"."""
    if tok.text not in ("the", "a", "an") or tok.i + 1 >= len(doc):
        return None
    nxt = doc[tok.i + 1]
    if nxt.text not in _FINITE_AUX or nxt.tag_ not in ("VBZ", "VBD", "VBP", "MD"):
        return None
    return tok.idx, nxt.idx + len(nxt), (f"'{tok.text} {nxt.text}': an article before a verb; a word "
                                         f"dropped after '{tok.text}' or '{tok.text}' left over?")


def _article_between_verbs(doc, tok) -> tuple[int, int, str] | None:
    """An article left between an auxiliary and its verb: "it would the expand", "had the agreed
    to"; not a participle that modifies a noun ("had the added advantage") nor a causative
    ("had the injured taken to hospital"). Read from the tags alone, which the parse never
    changes (the part of speech of "had" does)."""
    if tok.tag_ != "MD" and not (tok.lemma_ == "have" and tok.tag_ in ("VBD", "VBZ", "VBP")) or not tok.is_lower:
        return None
    if tok.i + 2 >= len(doc) or doc[tok.i + 1].text not in ("the", "a", "an"):
        return None
    verb = doc[tok.i + 2]
    after = doc[verb.i + 1] if verb.i + 1 < len(doc) else None
    if verb.tag_ not in ("VB", "VBN", "VBD") or not verb.is_lower or (after is not None and (
            after.tag_[:2] in ("NN", "JJ", "CD") or after.tag_ in ("VBN", "VBD"))):
        return None
    art = doc[tok.i + 1]
    return art.idx, verb.idx + len(verb), (f"'{tok.text} {art.text} {verb.text}': an article between two "
                                           f"verbs; '{art.text}' left over, or a noun dropped after it?")
