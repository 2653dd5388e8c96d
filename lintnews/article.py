"""Article: the plain text given to spaCy, and the map back to source positions.

Every input format is reduced to one ``Article``: ``text`` is what the NLP sees,
``offsets[i]`` is the source code-point offset of ``text[i]``. Characters a source
adapter inserts (paragraph breaks between HTML blocks, say) map to the source
position they stand for, so a span that contains only real text maps to exactly
that text in the source.
"""
from __future__ import annotations

import bisect
import copy
import html
import datetime as _dt
import re
from array import array
from dataclasses import dataclass, field, replace

from .diagnostics import Location

CHARREF_RE = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
# Line breaks as editors and the LSP count them: \n, \r\n and a lone \r (not \f, \u2028 ...).
LINE_BREAK = re.compile(r"\r\n?|\n")
MARKUP = ("html", "markdown")  # formats whose source holds character references (&eacute;)


def line_starts(source: str) -> list[int]:
    """Offsets where each line of ``source`` starts (the first is 0)."""
    return [0] + [m.end() for m in LINE_BREAK.finditer(source)]


def split_lines(source: str) -> list[str]:
    """The lines of ``source`` without their line breaks (a final break ends the last line)."""
    lines = LINE_BREAK.split(source)
    return lines[:-1] if lines and lines[-1] == "" else lines


# What a Markdown backslash can escape (CommonMark: ASCII punctuation).
_MD_ESCAPABLE = frozenset("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~")
# spaCy's tokenizer is quadratic in the length of a run of punctuation ("[[[[", "&&&&"):
# a longer run keeps only its first and last MAX_RUN // 2 characters in ``text``.
MAX_RUN = 32
DIRECTIVE_RE = re.compile(
    r"<!--\s*lintnews-(disable-next-line|disable|enable)\b([^>]*?)(?:--\s*(?P<reason>[^>]*?))?\s*-->"
)


@dataclass
class Directive:
    """A suppression comment found in the source."""

    action: str            # "disable", "enable" or "disable-next-line"
    codes: tuple[str, ...]  # empty = every rule
    reason: str
    line: int              # 1-based source line of the comment
    location: Location
    used: bool = False


class TextBuilder:
    """Accumulates plain text while recording where each character came from."""

    def __init__(self) -> None:
        self._parts: list[str] = []
        self._offsets = array("l")
        self._len = 0

    def add(self, piece: str, source_start: int) -> None:
        """Append ``piece``, which is verbatim source text starting at ``source_start``."""
        self._parts.append(piece)
        self._offsets.extend(range(source_start, source_start + len(piece)))
        self._len += len(piece)

    def add_mapped(self, piece: str, source_offsets: list[int]) -> None:
        """Append ``piece`` whose characters come from the given source offsets."""
        assert len(piece) == len(source_offsets)
        self._parts.append(piece)
        self._offsets.extend(source_offsets)
        self._len += len(piece)

    def synthetic(self, piece: str, source_at: int) -> None:
        """Append characters that stand for source position ``source_at`` (separators)."""
        self._parts.append(piece)
        self._offsets.extend([source_at] * len(piece))
        self._len += len(piece)

    def __len__(self) -> int:
        return self._len

    @property
    def last(self) -> str:
        for p in reversed(self._parts):
            if p:
                return p[-1]
        return ""

    def build(self) -> tuple[str, array]:
        return "".join(self._parts), self._offsets


@dataclass
class Article:
    """One article, ready for the rules."""

    path: str
    source: str
    text: str
    offsets: array
    fmt: str = "text"
    paragraphs: list[tuple[int, int]] = field(default_factory=list)  # text spans
    headline: tuple[int, int] | None = None
    title: str | None = None
    date: _dt.date | None = None
    directives: list[Directive] = field(default_factory=list)
    newline: str = "\n"
    encoding: str = "utf-8"
    bom: bool = False
    digest: str = ""  # sha256 of the bytes as read: --fix writes only over those
    editable: bool = True  # False: no fix is ever offered (.docx: lintnews never writes it)

    def __post_init__(self) -> None:
        self._line_starts = line_starts(self.source)

    # -- positions -------------------------------------------------------
    def source_offset(self, text_index: int) -> int:
        """Source offset of a text index (``len(text)`` maps past the last character)."""
        if text_index < len(self.offsets):
            return self.offsets[text_index]
        return self.offsets[-1] + 1 if len(self.offsets) else 0

    def source_span(self, start: int, end: int) -> tuple[int, int]:
        """Source ``[start, end)`` for text ``[start, end)``."""
        if end <= start:
            s = self.source_offset(start)
            return s, s
        s, e = self.offsets[start], self.offsets[end - 1] + 1
        if self.fmt in MARKUP and self.source[e - 1:e] == "&":
            # the last character came from a character reference (&eacute;): cover all of it
            m = CHARREF_RE.match(self.source, e - 1)
            if m and html.unescape(m.group(0)) != m.group(0):
                e = m.end()
        return s, e

    def line_col(self, source_offset: int) -> tuple[int, int]:
        """1-based (line, column) of a source offset."""
        li = bisect.bisect_right(self._line_starts, source_offset) - 1
        return li + 1, source_offset - self._line_starts[li] + 1

    def line_text(self, line: int) -> str:
        """A source line without its line ending."""
        start = self._line_starts[line - 1]
        end = self._line_starts[line] if line < len(self._line_starts) else len(self.source)
        return self.source[start:end].rstrip("\r\n")

    def source_index(self, line: int, column: int) -> int:
        """Source offset of a 1-based (line, column)."""
        return self._line_starts[line - 1] + column - 1

    @property
    def line_count(self) -> int:
        return len(self._line_starts)

    def location(self, start: int, end: int) -> Location:
        """The source Location of text ``[start, end)``."""
        s, e = self.source_span(start, end)
        line, col = self.line_col(s)
        if e > s:  # never end a range past a line break (\n, \r\n or \r)
            tail = self.source[max(s, e - 2):e]
            e -= 2 if tail == "\r\n" else 1 if tail[-1:] in ("\n", "\r") else 0
        end_line, end_col = self.line_col(e) if e > s else (line, col)
        return Location(self.path, line, col, end_line, end_col)

    def line_of(self, text_index: int) -> int:
        """1-based source line of a text index."""
        return self.line_col(self.source_offset(text_index))[0]

    def source_text(self, start: int, end: int) -> str:
        s, e = self.source_span(start, end)
        return self.source[s:e]

    # -- what is really in the source (junctions, verbatim spans) ------------------------
    def _unit(self, i: int) -> tuple[int, int, bool] | None:
        """(start, end, verbatim) of the source that ``text[i]`` stands for.

        A CRLF is one unit with the ``\\n`` it became; a character reference
        (``&eacute;``) or a Markdown backslash escape is a unit that is not a
        verbatim copy. None for a character the adapter made up (separators).
        """
        o, ch, src = self.offsets[i], self.text[i], self.source
        if ch == "\n":
            if src.startswith("\r\n", o):
                return o, o + 2, True
            if src.startswith("\n", o):
                return (o - 1, o + 1, True) if o and src[o - 1] == "\r" else (o, o + 1, True)
            return None
        if self.fmt in MARKUP and src.startswith("&", o):
            m = CHARREF_RE.match(src, o)
            if m and html.unescape(m.group(0)) != m.group(0):
                return (o, m.end(), False) if i == 0 or self.offsets[i - 1] != o else None
        if self.fmt == "markdown" and o and src[o - 1] == "\\" and ch in _MD_ESCAPABLE and src[o] == ch:
            return o - 1, o + 1, False
        if src[o:o + 1] != ch:
            return None
        return o, o + 1, True

    def adjacent(self, i: int) -> bool:
        """True when ``text[i-1]`` and ``text[i]`` are neighbours in the source.

        False where something that is not prose (an image, a code span, a comment,
        a tag, a directive line) was dropped between them, or where either was
        made up: such a junction exists only in the extracted text.
        """
        if i <= 0 or i >= len(self.text):
            return True
        a, b = self._unit(i - 1), self._unit(i)
        return a is not None and b is not None and a[1] == b[0]

    def contiguous(self, start: int, end: int) -> bool:
        """True when every junction inside text ``[start, end)`` is in the source."""
        return all(self.adjacent(i) for i in range(start + 1, end))

    def verbatim(self, start: int, end: int) -> tuple[int, int] | None:
        """The source span of which text ``[start, end)`` is an exact copy, else None.

        Exact: contiguous, and no character reference, escape or made-up
        character in it. A fix may only ever replace such a span.
        """
        if end <= start:
            return None
        units = [self._unit(i) for i in range(start, end)]
        if any(u is None or not u[2] for u in units):
            return None
        if any(a[1] != b[0] for a, b in zip(units, units[1:])):
            return None
        return units[0][0], units[-1][1]

    def _whole_units(self, start: int, end: int) -> tuple[int, int] | None:
        """The source span that text ``[start, end)`` stands for when it is made of whole,
        contiguous source units (verbatim text, character references, escapes), else None."""
        units = [self._unit(i) for i in range(start, end)]
        if any(u is None for u in units) or any(a[1] != b[0] for a, b in zip(units, units[1:])):
            return None
        return units[0][0], units[-1][1]

    def edit_span(self, start: int, end: int, deletion: bool = False) -> tuple[int, int] | None:
        """Source span for an edit of text ``[start, end)``, or None when that is not safe.

        Safe means: the span is verbatim and both its edges are real junctions,
        so that what the rule saw around it is what stands there in the source;
        a line or paragraph break next to it will do ("# a hour": the heading's
        markup is not beside the word in the text, but the break stands for it).
        An insertion (``start == end``) needs its junction to be real. A
        ``deletion`` may also remove whole character references and escapes
        (``&shy;``, ``&#8203;``): deleting all of one deletes exactly its character.
        """
        if not self.editable:
            return None
        text = self.text
        if end > start:
            if not (self.adjacent(start) or text[start - 1] == "\n"):
                return None
            if not (self.adjacent(end) or text[end] == "\n"):
                return None
            return self._whole_units(start, end) if deletion else self.verbatim(start, end)
        if not self.adjacent(start):
            return None
        if start < len(self.text):
            u = self._unit(start)
            return (u[0], u[0]) if u else None
        u = self._unit(start - 1) if start else None
        return (u[1], u[1]) if u else None

    # -- structure ---------------------------------------------------------
    def paragraph_of(self, text_index: int) -> tuple[int, int] | None:
        """The paragraph span containing a text index."""
        starts = [p[0] for p in self.paragraphs]
        i = bisect.bisect_right(starts, text_index) - 1
        if i >= 0 and self.paragraphs[i][0] <= text_index < self.paragraphs[i][1]:
            return self.paragraphs[i]
        return None

    def body_start(self) -> int:
        """Text index where the body starts (after the headline, if any)."""
        if self.headline and self.paragraphs and self.paragraphs[0] == self.headline:
            return self.paragraphs[1][0] if len(self.paragraphs) > 1 else len(self.text)
        return 0

    # -- bounding the work -------------------------------------------------
    def section(self, start: int, end: int) -> "Article":
        """Text ``[start, end)`` as an article of its own, over the same source.

        Offsets are a slice of this article's, so every finding in the section maps to
        the same source text; paragraphs are clipped to the section, and the headline
        stays only where the section holds it. Directives stay whole: suppression is
        applied once, over the whole article.
        """
        sub = copy.copy(self)  # shares the source and its line index
        sub.text = self.text[start:end]
        sub.offsets = self.offsets[start:end]
        sub.paragraphs = [(max(s, start) - start, min(e, end) - start)
                          for s, e in self.paragraphs if s < end and e > start]
        h = self.headline
        sub.headline = (h[0] - start, h[1] - start) if h and start <= h[0] and h[1] <= end else None
        return sub

    def split_points(self, size: int) -> list[tuple[int, int]]:
        """``text`` cut into spans of at most ``size`` characters, at paragraph starts where
        possible, else after a line break, a sentence or a space (a hard cut only in a
        ``size``-long run without spaces)."""
        starts = [s for s, _ in self.paragraphs]
        spans: list[tuple[int, int]] = []
        pos, n = 0, len(self.text)
        while n - pos > size:
            limit = pos + size
            i = bisect.bisect_right(starts, limit) - 1
            cut = starts[i] if i >= 0 and starts[i] > pos else _soft_cut(self.text, pos, limit)
            spans.append((pos, cut))
            pos = cut
        spans.append((pos, n))
        return spans


def _soft_cut(text: str, start: int, limit: int) -> int:
    """The last good place to cut ``text[start:limit]``: after a line break, a sentence end,
    a space; else ``limit``."""
    nl = text.rfind("\n", start + 1, limit)
    if nl != -1:
        return nl + 1
    ends = [m.end() for m in re.finditer(r"[.!?]\s", text[start + 1:limit])]
    if ends:
        return start + 1 + ends[-1]
    sp = max(text.rfind(" ", start + 1, limit), text.rfind("\t", start + 1, limit))
    return sp + 1 if sp != -1 else limit


def shorten_runs(article: Article, max_run: int = MAX_RUN) -> Article:
    """The article with each run of more than ``max_run`` punctuation characters cut to its
    first and last ``max_run // 2``, so that the tokenizer's work stays linear.

    Only ``text`` loses characters: ``offsets`` still give every kept character its exact
    source position, so a finding over a shortened run covers the whole run in the source.
    Paragraph and headline spans are moved to match.
    """
    text = article.text
    runs = [(m.start(), m.end()) for m in re.finditer(r"(?:[^\w\s]|_){%d,}" % (max_run + 1), text)]
    if not runs:
        return article
    head, tail = max_run // 2, max_run - max_run // 2
    keep: list[tuple[int, int]] = []
    pos = 0
    for s, e in runs:
        keep.append((pos, s + head))
        pos = e - tail
    keep.append((pos, len(text)))
    offsets = array(article.offsets.typecode)
    starts, new_at = [], []  # old start of each kept piece, and where it lands in the new text
    n = 0
    for a, b in keep:
        offsets.extend(article.offsets[a:b])
        starts.append(a)
        new_at.append(n)
        n += b - a

    def moved(i: int) -> int:
        k = bisect.bisect_right(starts, i) - 1
        a, b = keep[k]
        return new_at[k] + min(i, b) - a

    h = article.headline
    return replace(article, text="".join(text[a:b] for a, b in keep), offsets=offsets,
                   paragraphs=[(moved(s), moved(e)) for s, e in article.paragraphs],
                   headline=(moved(h[0]), moved(h[1])) if h else None)


def find_directives(article_path: str, source: str, own_line_only: bool = False) -> list[Directive]:
    """Suppression comments in ``source``; with ``own_line_only`` a directive must fill its line."""
    out: list[Directive] = []
    starts = line_starts(source)
    for m in DIRECTIVE_RE.finditer(source):
        li = bisect.bisect_right(starts, m.start()) - 1
        if own_line_only:
            line_end = LINE_BREAK.search(source, m.start())
            line = source[starts[li]: len(source) if line_end is None else line_end.start()]
            if line.strip() != m.group(0).strip():
                continue
        codes = tuple(c for c in re.split(r"[\s,]+", m.group(2).strip()) if c)
        end_li = bisect.bisect_right(starts, m.end() - 1) - 1
        loc = Location(article_path, li + 1, m.start() - starts[li] + 1,
                       end_li + 1, m.end() - starts[end_li] + 1)
        out.append(Directive(m.group(1), codes, (m.group("reason") or "").strip(), li + 1, loc))
    return out


def directive_spans(source: str) -> list[tuple[int, int]]:
    """Source spans of every suppression comment (they are not prose)."""
    return [(m.start(), m.end()) for m in DIRECTIVE_RE.finditer(source)]
