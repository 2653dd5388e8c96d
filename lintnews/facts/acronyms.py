"""Acronyms and where the article spells them out.

``facts.acronyms`` offers ``items``: acronym -> :class:`Acronym`, in order of
first use, each with ``uses`` (``(start, end)`` of every use in the body,
definitions excluded), ``definitions`` (:class:`Definition`: ``start``, ``end``,
``long_form``, ``parenthetical`` — "World Trade Organization (WTO)" or "WTO
(World Trade Organization)" — or a bare expansion somewhere in the text),
``known`` (in the built-in list of news-common acronyms or
``settings.known_acronyms``) and ``headline_uses``.

Candidates come from textacy's ``is_acronym``; textacy's
``acronyms_and_definitions`` contributes definitions found in a window around
each use, and a letter-by-letter match of capitalised word runs finds the
rest ("Memorandum of Understanding" for MoU).
"""
from __future__ import annotations

import re
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..lexicon import ORDINARY, is_ordinary

# Two letters are too often initials or a fragment for their frequency to mean a reader
# knows them ("JM", "CJ"): they must be commoner still.
ORDINARY_SHORT = 3.5

# Acronyms a news reader knows without a spelled-out form.
KNOWN_ACRONYMS = frozenset("""
US USA UK EU UN NATO NASA BBC ITV CNN ABC CBS NBC FBI CIA KGB MI5 MI6 GCHQ NHS GMT BST CET EST PST
CEO CFO COO CTO MP MPs MEP MSP AM QC PM TV PC PCs DVD DVDs CD CDs MP3 MP4 PDF GPS SMS MMS ID IT AI
AIDS HIV SARS BSE DNA RNA CV IQ VIP VAT GDP GNP IMF WTO OPEC OECD G7 G8 G20 FIFA UEFA IOC NFL NBA
NHL MLB WWE ATP WTA ICC IRA ETA PLO ANC NGO NGOs UNICEF UNESCO WHO UNHCR ASEAN APEC NAFTA OK TNT
USB LCD HD HDTV DAB MP3s PS2 PS3 PSP DS GSM 3G 4G 5G WiFi Wi-Fi ISP ISPs URL HTML HTTP WWW IBM
HP BP BT BA AOL EMI BMW VW GM AT&T UPS DHL IKEA RBS HSBC ING AXA UBS FTSE NYSE S&P Nasdaq NASDAQ
CBI TUC RSPCA NSPCC RAF SAS MoD FA RFU PGA BAFTA Bafta Oscars MTV EMI RCA HMV GCSE GCSEs SAT A-level
FTSE100 DJ DJs PR UFO LA NYC DC UAE USSR DPRK PhD MBA BSc MA BA MSc RN PC NI QPR CSKA PSV AC AEK
OBE MBE CBE KBE ASBO ASBOs CCTV MRSA MMR NUT NUS NUJ RMT ASLEF GMB TGWU AMICUS PCS BMA RCN
UKIP SNP SDLP DUP SF LibDem LibDems BNP SDP GOP CPI RPI OFT FSA DTI DfES DWP FCO HMRC ONS
LSE NYSE EADS NTL ABN AMRO LVMH IPO IPOs CAP SUV SUVs PIN RPG FPS MMORPG EA THQ SCEE SCEA IDC
AM FM MW GW KW MB GB TB KB MHz GHz RAM CPU CPUs GPU OS XP PDA PDAs VoIP P2P DRM API SIM
R&B ITV1 ITV2 ITV3 BBC1 BBC2 BBC3 BBC4 GMTV S4C C4 MSN MIT UCLA NYU LSE IAAF ASCII DIY TCP IP IPv4 IPv6
LOL AG SA NV SpA plc PLC Ltd LLC SME SMEs FTSE250 AIM FDA EPA SEC FCC FAA NSA DEA ATF NYPD LAPD
MOT MBA RAF RN USAF OAP OAPs WMD WMDs ISS ESA JAXA CERN MRI ICU A&E GP GPs NATO UNAMA IRS
KPMG PwC EY CBS FIA FIFA UCI IRB ECB ICC RFU WRU SRU IRFU GAA BHA PFA LTA AELTC USGA NCAA
""".split())

MAX_PREFIX = 4  # letters one word of an expansion may give ("CENTral COMmand")
_STOP = {"of", "and", "the", "for", "de", "du", "des", "d", "la", "le", "et", "&", "on", "in", "to",
         "at", "a", "an", "y", "del", "di", "und", "für", "van", "von"}
_ROMAN = re.compile(r"^[IVXLCDM]+$")
_WORD = re.compile(r"[A-Za-zÀ-ÿ]+(?:['’][A-Za-zÀ-ÿ]+)?|&")


@dataclass
class Definition:
    """A place where the article spells an acronym out."""

    start: int
    end: int
    long_form: str
    parenthetical: bool
    loose: bool = False  # "Jalisco New Generation Cartel (CJNG)": explained, letters in another order


@dataclass
class Acronym:
    """One acronym, its uses and its definitions."""

    text: str
    known: bool
    uses: list[tuple[int, int]] = field(default_factory=list)
    headline_uses: list[tuple[int, int]] = field(default_factory=list)
    definitions: list[Definition] = field(default_factory=list)
    ent_labels: list[str] = field(default_factory=list)
    in_name: bool = False  # some use is part of a longer proper name ("SSL International")
    named: bool = False    # introduced as a name: "a gene known as OTOF", "to be renamed CFX"
    modifiers: int = 0     # uses that only name a kind of thing: "VAX systems", "the VAX 8250"

    @property
    def letters(self) -> str:
        return acronym_letters(self.text)


@dataclass
class Acronyms:
    """All acronyms of one article."""

    items: dict[str, Acronym]

    def get(self, text: str) -> Acronym | None:
        return self.items.get(text)


def acronym_letters(text: str) -> str:
    """The letters an expansion must supply ("MoU" -> "mou", "MPs" -> "mp")."""
    if len(text) > 2 and text.endswith("s") and text[:-1].isupper():
        text = text[:-1]
    return "".join(ch for ch in text if ch.isalnum()).lower()


def _start_letters(word: str) -> set[str]:
    """The first letters of the acronyms whose expansion may start with ``word`` (a cheap
    test before ``matches_expansion``): its initial, after a French elision or not; a word
    that elides to a small word may be skipped, so it fits any ("")."""
    low = word.lower()
    elided = re.sub(r"^[dl]['’]", "", low) or low
    return {""} if elided in _STOP else {elided[:1], low[:1]}


def matches_expansion(letters: str, words: list[str]) -> bool:
    """Do the words' initials spell ``letters``? Small words may be skipped or used.

    The first and last words must carry a letter; hyphenated words give one
    initial per part ("Russian-American" -> r, a) or one for the whole; a word may
    give its first few letters ("Central Command" -> cent, com).
    """
    if not words or words[0].lower() in _STOP or words[-1].lower() in _STOP:
        return False

    def go(i: int, j: int) -> bool:
        if j == len(letters):
            return i == len(words)
        if i == len(words):
            return False
        w = words[i]
        low = re.sub(r"^[dl]['’]", "", w.lower()) or w.lower()  # French elision: d'Etudes
        if low in _STOP and go(i + 1, j):
            return True
        parts = [p for p in low.split("-") if p]
        caps = re.findall(r"[A-Z]", w)
        if len(parts) == 1 and len(caps) > 1 and w[:1].isupper() and not w.isupper():
            parts = [c.lower() for c in caps]  # EverQuest -> e, q
        if len(parts) > 1:
            k = j
            ok = True
            for p in parts:
                if k < len(letters) and p[0] == letters[k]:
                    k += 1
                else:
                    ok = False
                    break
            if ok and go(i + 1, k):
                return True
        # one initial, or the first letters of the word ("Central Command" for CENTCOM, "USA
        # Track & Field" for USATF, "UK Internet Forum" for UKIF)
        for k in range(min(len(low), len(letters) - j, MAX_PREFIX), 0, -1):
            if low[:k] == letters[j:j + k] and go(i + 1, j + k):
                return True
        return False

    return go(0, 0)


def _expansion_before(text: str, end: int, letters: str) -> tuple[int, str] | None:
    """A run of words ending at ``end`` whose initials spell ``letters`` (lower case allowed:
    "corporate social responsibility (CSR)"); one word only if it is hyphenated or
    CamelCase ("EverQuest (EQ)")."""
    words = [(m.start(), m.group(0)) for m in _WORD.finditer(text, max(0, end - 200), end)]
    for n in range(1, min(len(words), 3 * len(letters) + 2) + 1):
        cand = words[-n:]
        if not cand or text[cand[-1][0] + len(cand[-1][1]):end].strip():
            continue
        if re.search(r"[.;:!?()\n]", text[cand[0][0]:end]):
            continue
        w0 = cand[0][1]
        if n == 1 and "-" not in text[cand[0][0]:end] and not re.search(r"[a-z][A-Z]", w0):
            continue
        if matches_expansion(letters, [w for _, w in cand]):
            return cand[0][0], text[cand[0][0]:end]
    return None


def _loose_before(text: str, end: int, letters: str) -> tuple[int, str] | None:
    """The phrase a parenthesised acronym follows when its letters come in another order or
    language ("Jalisco New Generation Cartel (CJNG)", "Brazilian Democratic Movement Party
    (PMDB)"): at least two words of the clause, whose initials hold half the letters or more."""
    m = re.search(r"[^.;:!?()\n,\"“”]{3,150}$", text[max(0, end - 150):end])
    if m is None:
        return None
    words = [(max(0, end - 150) + w.start(), w.group(0)) for w in _WORD.finditer(m.group(0))]
    while words and words[0][1].lower() in _STOP | {"a", "an", "its", "their", "his", "her"}:
        words = words[1:]
    words = words[-8:]
    if len(words) < 2:
        return None
    initials = {w[:1].lower() for _, w in words}
    if sum(ch in initials for ch in letters) * 2 < len(letters):
        return None
    return words[0][0], text[words[0][0]:end].strip()


def _textacy_definitions(doc: Any) -> dict[str, str]:
    """textacy's acronym definitions; an empty dict if textacy cannot run here."""
    try:
        import numpy as np

        if "NaN" not in np.__dict__:  # textacy 0.13 still says np.NaN, gone in NumPy 2
            np.NaN = np.nan
        return textacy_acros().acronyms_and_definitions(doc)
    except Exception:  # an optional helper: the letter matcher below still works
        return {}


_ACROS: list[Any] = []
_ACROS_LOCK = threading.Lock()  # the server checks documents in several threads


def textacy_acros() -> Any:
    """textacy's ``extract.acros`` module, loaded on its own.

    ``import textacy.extract.acros`` runs textacy's package ``__init__``, which imports its
    whole toolkit (corpus, language identification, keyterms: scikit-learn, SciPy,
    NetworkX): about 2 s of a cold check, where ``acros`` itself needs only NumPy, spaCy
    and two small textacy modules. So the module is loaded under stand-in parent packages,
    which are then taken out of ``sys.modules`` again: a later ``import textacy`` (a
    plug-in's) gets the real package. Falls back to the plain import if that fails.
    """
    with _ACROS_LOCK:
        if not _ACROS:
            _ACROS.append(_load_alone("textacy.extract.acros"))
        return _ACROS[0]


def _load_alone(name: str) -> Any:
    """Import module ``name`` without running its parent packages' ``__init__``."""
    import importlib
    import importlib.util
    import sys
    import types

    top, *parts = name.split(".")
    spec = importlib.util.find_spec(top) if top not in sys.modules else None
    if spec is None or not spec.submodule_search_locations:  # imported for real already
        return importlib.import_module(name)
    before = set(sys.modules)
    try:
        for i in range(len(parts)):  # stand-ins for textacy and textacy.extract
            stub = types.ModuleType(".".join([top, *parts[:i]]))
            stub.__path__ = [str(Path(spec.submodule_search_locations[0], *parts[:i]))]
            sys.modules[stub.__name__] = stub
        return importlib.import_module(name)
    except Exception:
        pass
    finally:
        for mod in set(sys.modules) - before:
            if mod == top or mod.startswith(top + "."):
                del sys.modules[mod]
    return importlib.import_module(name)  # the plain import, textacy's __init__ and all


# Bare expansions ("the China National Space Administration ... CNSA") are searched for the
# first MAX_SEARCHED acronyms of an article only: the search is per acronym, and a table of
# tickers holds thousands (a news article had at most 15 over both evaluation corpora).
MAX_SEARCHED = 100
_PAREN_AFTER = re.compile(r"\s*\(([^()]{3,120})\)")


class _Runs:
    """Runs of capitalised words that may spell out an acronym of some length, as
    (offset, word) lists, with the places an expansion of each first letter may start.
    Found once per length, not once per acronym: a long article or a table may hold
    hundreds of acronyms."""

    def __init__(self, text: str, n_letters: int) -> None:
        # at least two words: one word may give several letters ("Central Command": CENTCOM)
        pattern = (r"(?<![\w-])[A-Z][\w'’-]*(?:\s+(?:[A-Z][\w'’-]*|of|and|for|the|de|du|des|d['’]|"
                   r"la|le|on|&)){%d,%d}" % (1, 3 * n_letters))
        self.runs = [[(w.start() + m.start(), w.group(0)) for w in _WORD.finditer(m.group(0))]
                     for m in re.finditer(pattern, text)]
        self.starts: dict[str, list[tuple[int, int]]] = {}  # letter ("" = any) -> (run, word)
        for r, run in enumerate(self.runs):
            for i, (_, w) in enumerate(run):
                for letter in _start_letters(w):
                    self.starts.setdefault(letter, []).append((r, i))

    def starting(self, letter: str) -> list[tuple[int, int]]:
        """(run, word) positions, in text order, where an expansion of ``letter`` may start."""
        return sorted(set(self.starts.get(letter, [])) | set(self.starts.get("", [])))


def _add_bare(text: str, letters: str, runs: _Runs, defs: list[Definition]) -> None:
    """Add to ``defs`` each run of capitalised words whose initials spell ``letters``."""
    for r, i in runs.starting(letters[0]):
        run = runs.runs[r]
        for j in range(i + 2, len(run) + 1):
            if not matches_expansion(letters, [w for _, w in run[i:j]]):
                continue
            s0 = run[i][0]
            e0 = run[j - 1][0] + len(run[j - 1][1])
            if not any(d.start <= s0 < d.end for d in defs):
                defs.append(Definition(s0, e0, text[s0:e0], False))


def _known_from_settings(settings: Any) -> frozenset[str]:
    """The config's known acronyms and the acronyms of its vocabulary."""
    known = set(getattr(settings, "known_acronyms", ()) or ())
    vocab = getattr(settings, "vocabulary", None)
    if vocab is not None:
        known |= vocab.acronyms
    return frozenset(known)


def build(facts: Any) -> Acronyms:
    """Find every acronym, its uses and definitions."""
    doc = facts.doc
    text = doc.text
    items = _acronyms(doc, facts.article, _known_from_settings(facts.settings))
    if not items:
        return Acronyms({})
    tx = _textacy_definitions(doc) if any(not a.known for a in items.values()) else {}
    runs_by_length: dict[int, _Runs] = {}
    searched = 0
    for key, a in items.items():
        letters = a.letters
        if len(letters) < 2:
            continue
        searched += 1
        defs = _definitions(text, a, runs_by_length if searched <= MAX_SEARCHED else None)
        long_tx = tx.get(key) or tx.get(key + "s") or ""
        if long_tx and not defs:
            i = text.find(long_tx)
            if i >= 0:
                defs.append(Definition(i, i + len(long_tx), long_tx, False))
        defs.sort(key=lambda d: d.start)
        a.definitions = defs
        # a use inside its own definition is not a use before the definition
        a.uses = [u for u in a.uses if not any(d.parenthetical and d.start <= u[0] < d.end for d in defs)]
    return Acronyms(dict(sorted(items.items(), key=lambda kv: (kv[1].uses or kv[1].headline_uses or [(0, 0)])[0])))


def _acronyms(doc: Any, art: Any, known_extra: frozenset[str]) -> dict[str, "Acronym"]:
    """Every acronym token, by its key (a plural "MPs" under "MP"), with its uses.

    Not acronyms: the words of an all-capitals headline or dateline ("NEW YORK, April 7 -"),
    initials before a surname ("JM Barrie"). Known: the built-in list, the config's, and
    any a reader has met in ordinary text (wordfreq: DUI, ESPN; and "EVER" shouted)."""
    is_acronym = textacy_acros().is_acronym

    head = art.headline
    shouted_head = bool(head) and not any(ch.islower() for ch in art.text[head[0]:head[1]])
    datelines = _datelines(art)
    items: dict[str, Acronym] = {}
    for tok in doc:
        t = tok.text
        if not is_acronym(t) or sum(ch.isupper() for ch in t) < 2 or not any(ch.isalpha() for ch in t):
            continue
        if _ROMAN.match(t) or "." in t or "/" in t or any(ch.isdigit() for ch in t):
            continue
        in_head = bool(head and head[0] <= tok.idx < head[1])
        if in_head and shouted_head or any(s <= tok.idx < e for s, e in datelines) or _initials(doc, tok):
            continue
        key = t[:-1] if len(t) > 2 and t.endswith("s") and t[:-1].isupper() else t
        a = items.get(key)
        if a is None:
            a = items[key] = Acronym(key, key in KNOWN_ACRONYMS or key in known_extra or t in known_extra
                                     or is_ordinary(key, ORDINARY if len(key) > 2 else ORDINARY_SHORT))
        span = (tok.idx, tok.idx + len(t))
        if in_head:
            a.headline_uses.append(span)
        else:
            a.uses.append(span)
            a.ent_labels.append(tok.ent_type_)
            a.in_name = a.in_name or _in_name(doc, tok)
            a.named = a.named or bool(_NAMED_AS.search(art.text, max(0, tok.idx - 16), tok.idx))
            a.modifiers += _modifier(doc, tok)
    return items


# The capitalised words at the start of a paragraph that name where it was filed, before a
# comma and a date or a dash: "NEW YORK, April 7 -", "HONG KONG (Reuters) -".
_DATELINE = re.compile(r"[A-Z][A-Z .'’&-]{1,40}?(?=\s*(?:,\s*(?:[A-Z][a-z]{2,}\.?\s+)?\d|\(|[-–—]\s))")


def _datelines(art: Any) -> list[tuple[int, int]]:
    """Text spans of the all-capitals datelines opening paragraphs."""
    out = []
    for s, _ in art.paragraphs:
        m = _DATELINE.match(art.text, s)
        if m:
            out.append((m.start(), m.end()))
    return out


def _initials(doc: Any, tok: Any) -> bool:
    """"JM Barrie", "DJ Khaled": two or three capitals before a person's surname."""
    nxt = doc[tok.i + 1] if tok.i + 1 < len(doc) else None
    return bool(len(tok.text) <= 3 and nxt is not None and tok.whitespace_ and nxt.text[:1].isupper()
                and not nxt.is_upper and "PERSON" in (tok.ent_type_, nxt.ent_type_))


def _in_name(doc: Any, tok: Any) -> bool:
    """"SSL International", "JP Morgan", "PP-DB", "CNN affiliate WXIA": the acronym is part
    of a longer proper name, or the name of a broadcaster or agency (its letters are its name)."""
    nxt = doc[tok.i + 1] if tok.i + 1 < len(doc) else None
    prev = doc[tok.i - 1] if tok.i else None
    if prev is not None and prev.lower_ in _MEDIA_BEFORE:
        return True
    if nxt is not None and not tok.whitespace_ and nxt.text == "-" and tok.i + 2 < len(doc) \
            and doc[tok.i + 2].is_upper:
        return True  # "PP-DB": one part of a joined name
    return bool((nxt is not None and tok.whitespace_ and nxt.text[:1].isupper() and nxt.is_alpha
                 and not nxt.is_upper and nxt.ent_type_ == tok.ent_type_ != "") or
                (prev is not None and prev.whitespace_ and prev.text[:1].isupper() and prev.is_alpha
                 and not prev.is_upper and not prev.is_sent_start and prev.ent_type_ == tok.ent_type_ != ""))


# Words that introduce letters as a name: "a gene known as OTOF", "to be renamed CFX".
_NAMED_AS = re.compile(r"\b(?:known\s+as|called|named|renamed|dubbed|code-?named)\s+(?:the\s+)?$", re.I)


def _modifier(doc: Any, tok: Any) -> bool:
    """The acronym modifies the common noun or number after it ("VAX systems", "VAX 8250",
    "WMA format"): the name of a product, model or format."""
    nxt = doc[tok.i + 1] if tok.i + 1 < len(doc) else None
    if nxt is None or not tok.whitespace_:
        return False
    if nxt.like_num:
        return True
    return tok.dep_ in ("compound", "amod", "nmod") and tok.head.i > tok.i and tok.head.text.islower() \
        and tok.head.pos_ == "NOUN"


# Words before a broadcaster's, publisher's or agency's name: "CNN affiliate WXIA".
_MEDIA_BEFORE = {"affiliate", "broadcaster", "network", "channel", "station", "newspaper", "daily",
                 "tabloid", "magazine", "agency", "outlet", "radio", "television", "broadsheet"}


def _definitions(text: str, a: "Acronym", runs_by_length: dict[int, "_Runs"] | None) -> list["Definition"]:
    """Where the text spells ``a`` out: "Long Form (ACR)", "ACR (Long Form)", and (with
    ``runs_by_length``, for the first MAX_SEARCHED acronyms) a bare expansion anywhere."""
    letters = a.letters
    defs: list[Definition] = []
    for s, e in a.uses:
        if text[e:e + 1] == ")" and text[s - 1:s] == "(":
            end = s - 1 - (1 if text[s - 2:s - 1] == " " else 0)
            found = _expansion_before(text, end, letters)
            loose = found is None
            if loose:
                found = _loose_before(text, end, letters)
            if found:
                defs.append(Definition(found[0], e + 1, re.sub(r"['’]s?$", "", found[1].strip()), True, loose))
        m = _PAREN_AFTER.match(text, e)
        if m and matches_expansion(letters, _WORD.findall(m.group(1))):
            defs.append(Definition(s, m.end(), m.group(1).strip(), True))
    # A bare expansion anywhere ("the China National Space Administration ... CNSA")
    if runs_by_length is not None:
        if len(letters) not in runs_by_length:
            runs_by_length[len(letters)] = _Runs(text, len(letters))
        _add_bare(text, letters, runs_by_length[len(letters)], defs)
    return defs
