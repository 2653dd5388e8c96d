"""A vocabulary the newsroom owns: names, terms and acronyms that are always right, and
forms that are always wrong (like Vale's accept and reject lists).

The file is named in config (``vocabulary = "styles/vocab.txt"``) and holds one entry a
line, matched exactly, case included::

    # names, terms and acronyms written this way are never flagged
    Zhang Kejian
    Medi-Cal
    CNES
    a SQL
    Walla Walla
    # a leading ! marks a form that is always wrong; "-> form" gives the right one
    !Gadaffi -> Gaddafi
    !web site -> website

Blank lines and lines starting with ``#`` are ignored. An accepted all-capitals entry
is a known acronym (C103); an accepted name or term is never a variant (C101, C104);
an accepted "a"/"an" phrase is never an a/an error (W101) and an accepted doubled word
never a repeat (W102). A rejected form is reported wherever it appears (C101 for a
capitalised name, C104 for any other term). Problems are ``VocabularyError`` naming the
file and line.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

SUGGEST = "->"
MAX_ENTRY = 200  # characters: an entry is a name or a term, never a paragraph


class VocabularyError(ValueError):
    """A vocabulary file that cannot be read or has a bad line."""


@dataclass(frozen=True)
class Vocabulary:
    """The accepted and rejected forms of one vocabulary file (its content is part of the
    cache key: ``repr`` shows the entries, never where the file lives)."""

    accept: tuple[str, ...] = ()
    reject: tuple[tuple[str, str], ...] = ()  # (wrong form, right form or "")
    source: str = field(default="", compare=False, repr=False)
    lines: tuple[tuple[str, int], ...] = field(default=(), compare=False, repr=False)

    @cached_property
    def _accepted(self) -> frozenset[str]:
        return frozenset(self.accept)

    @cached_property
    def _lowered(self) -> frozenset[str]:
        return frozenset(a.lower() for a in self.accept)

    @cached_property
    def _line(self) -> dict[str, int]:
        return dict(self.lines)

    def accepts(self, form: str) -> bool:
        """Whether ``form`` (exactly as written) is an accepted entry."""
        return re.sub(r"\s+", " ", form.strip()) in self._accepted

    def accepts_phrase(self, text: str) -> bool:
        """Whether ``text`` is an accepted entry, case ignored ("A SQL" for "a SQL")."""
        return re.sub(r"\s+", " ", text.strip()).lower() in self._lowered

    @cached_property
    def acronyms(self) -> frozenset[str]:
        """The accepted entries written in capitals ("CNES", "NATO"): known acronyms."""
        return frozenset(a for a in self.accept if re.fullmatch(r"[A-Z][A-Z0-9&]*[A-Z0-9]s?", a))

    def line_of(self, entry: str) -> int:
        """The line of the file that holds ``entry`` (0 when unknown)."""
        return self._line.get(entry, 0)

    def where(self, entry: str) -> str:
        """"styles/vocab.txt line 4" for messages."""
        return f"{self.source} line {self.line_of(entry)}" if self.source else "the vocabulary"


def read_vocabulary(path: Path, shown: str | None = None) -> Vocabulary:
    """Parse and validate the vocabulary file at ``path`` (``shown``: its name in messages)."""
    name = shown or str(path)
    try:
        raw = Path(path).read_bytes()
    except OSError as ex:
        raise VocabularyError(f"{name}: cannot read the vocabulary: {ex.strerror or ex}") from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as ex:
        raise VocabularyError(f"{name}: not UTF-8 (byte {ex.start})") from None
    return parse_vocabulary(text, name)


def parse_vocabulary(text: str, name: str = "vocabulary") -> Vocabulary:
    """The Vocabulary in ``text``; VocabularyError "name:line: why" for a bad line."""
    accept: dict[str, int] = {}
    reject: dict[str, tuple[str, int]] = {}
    for n, line in enumerate(text.splitlines(), 1):
        entry = line.strip()
        if not entry or entry.startswith("#"):
            continue
        where = f"{name}:{n}"
        if re.search(r"[\x00-\x08\x0b-\x1f\x7f]", entry):
            raise VocabularyError(f"{where}: control character in the entry")
        if len(entry) > MAX_ENTRY:
            raise VocabularyError(f"{where}: entry longer than {MAX_ENTRY} characters")
        if entry.startswith("!"):
            wrong, _, right = (p.strip() for p in entry[1:].partition(SUGGEST))
            if not wrong:
                raise VocabularyError(f"{where}: '!' with no form after it")
            if SUGGEST in entry and not right:
                raise VocabularyError(f"{where}: '{SUGGEST}' with no form after it")
            reject[_one_space(wrong)] = (_one_space(right), n)
        else:
            if SUGGEST in entry:
                raise VocabularyError(f"{where}: '{SUGGEST}' follows only a rejected form "
                                      f"(start the line with '!')")
            accept.setdefault(_one_space(entry), n)
    for form, (_, n) in reject.items():
        if form in accept:
            raise VocabularyError(f"{name}:{n}: '{form}' is also accepted on line {accept[form]}")
    lines = tuple(sorted({**accept, **{f: n for f, (_, n) in reject.items()}}.items()))
    return Vocabulary(tuple(sorted(accept)), tuple(sorted((f, r) for f, (r, _) in reject.items())),
                      name, lines)


def _one_space(s: str) -> str:
    return re.sub(r"\s+", " ", s)
