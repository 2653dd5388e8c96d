"""HTML: the visible text of the body; ``<h1>`` (else ``<title>``) is the headline.

Built on the standard library's tolerant HTMLParser, with character references
left unconverted so that each text run keeps its exact source position. Scripts,
styles, templates and attributes are not prose.

Google Docs' export (File > Download > Web page) marks the Title style as
``<p class="... title">``: the first of it and ``<h1>`` is the headline. Its comments
and footnotes are ``[a]``/``[1]`` links (``id="cmnt_ref1"``, ``"ftnt_ref1"``) in the text
and blocks at the end that open with ``<a id="cmnt1">``: neither is prose, as in .docx.
"""
from __future__ import annotations

import datetime as _dt
import html
import re
from html.parser import HTMLParser

from ..article import Article, TextBuilder, find_directives

BLOCK = {"p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "blockquote", "br",
         "section", "article", "header", "footer", "aside", "main", "nav", "table", "tr", "td",
         "th", "dd", "dt", "dl", "figure", "figcaption", "pre", "hr", "title", "body", "head",
         "html", "form", "address", "caption", "summary", "details"}
HIDDEN = {"script", "style", "template", "noscript", "svg", "math", "iframe", "object", "code",
          "head"}
_NOTE_REF = re.compile(r"(?:cmnt|ftnt)_ref\d+$")  # Google Docs: a comment's or footnote's marker
_NOTE = re.compile(r"(?:cmnt|ftnt)\d+$")          # ... and the block at the end that holds it
VOID = {"br", "hr", "img", "meta", "link", "input", "area", "base", "col", "embed", "source",
        "track", "wbr", "param"}


class _Extractor(HTMLParser):
    def __init__(self, source: str, skip_title: bool = False) -> None:
        super().__init__(convert_charrefs=False)
        self.skip_title = skip_title
        self.source = source
        self.starts = [0] + [m.end() for m in re.finditer("\n", source)]
        self.tb = TextBuilder()
        self.paragraphs: list[tuple[int, int]] = []
        self.para_start: int | None = None
        self.hidden: list[str] = []
        self.in_title = False
        self.title_span: tuple[int, int] | None = None
        self.h1_span: tuple[int, int] | None = None
        self.in_h1 = False
        self.styled_title: tuple[int, int] | None = None  # Google Docs' Title style
        self.styled_from: int | None = None  # paragraphs before it, while inside it
        self.date: _dt.date | None = None

    def _abs(self) -> int:
        line, col = self.getpos()
        return self.starts[line - 1] + col

    def _break(self) -> None:
        if self.para_start is not None and len(self.tb) > self.para_start:
            self.paragraphs.append((self.para_start, len(self.tb)))
        self.para_start = None

    def _emit(self, piece: str, offsets: list[int]) -> None:
        if self.para_start is None:
            if not piece.strip():
                return
            if len(self.tb):
                self.tb.synthetic("\n\n", max(offsets[0] - 1, 0))
            self.para_start = len(self.tb)
        self.tb.add_mapped(piece, offsets)

    def handle_starttag(self, tag, attrs):
        tag = tag.lower()
        if tag == "meta":
            a = dict(attrs)
            if (a.get("property") or a.get("name") or "").lower() in (
                    "article:published_time", "date", "dc.date", "pubdate"):
                m = re.match(r"(\d{4})-(\d{2})-(\d{2})", a.get("content") or "")
                if m:
                    try:
                        self.date = _dt.date(*map(int, m.groups()))
                    except ValueError:
                        pass
        if tag == "title":
            if self.skip_title:
                self.hidden.append(tag)
                return
            self._break()
            self.in_title = True
            return
        if tag in HIDDEN and tag != "head" and tag not in VOID:
            self.hidden.append(tag)
            return
        if tag == "a" and _NOTE_REF.match(dict(attrs).get("id") or ""):
            self.hidden.append("a")  # "[a]", "[1]": a marker, not prose
            return
        if tag == "a" and _NOTE.match(dict(attrs).get("id") or "") and "div" not in self.hidden:
            self._break()
            self.hidden.append("div")  # the comment or footnote, to the end of its block
            return
        if tag in BLOCK:
            self._break()
        if tag == "h1" and self.h1_span is None:
            self.in_h1 = True
        if tag == "p" and self.styled_title is None and "title" in (dict(attrs).get("class") or "").split():
            self.styled_from = len(self.paragraphs)

    def handle_startendtag(self, tag, attrs):
        if tag.lower() in BLOCK:
            self._break()

    def handle_endtag(self, tag):
        tag = tag.lower()
        if tag == "title" and not (self.hidden and self.hidden[-1] == "title"):
            self._break()
            if self.paragraphs and self.in_title:
                self.title_span = self.paragraphs[-1]
            self.in_title = False
            return
        if self.hidden and tag == self.hidden[-1]:
            self.hidden.pop()
            return
        if tag in BLOCK:
            self._break()
            if tag == "p" and self.styled_from is not None:
                if len(self.paragraphs) > self.styled_from:
                    self.styled_title = self.paragraphs[-1]
                self.styled_from = None
            if tag == "h1" and self.in_h1:
                self.in_h1 = False
                if self.paragraphs:
                    self.h1_span = self.paragraphs[-1]

    def handle_data(self, data):
        if self.hidden or not data:
            return
        start = self._abs()
        offsets = list(range(start, start + len(data)))
        if "\r" in data:  # the text never holds a CR (as in the other adapters)
            # CRLF keeps its LF; a lone CR (old Mac files) becomes an LF standing at its place
            keep = [(o, "\n" if c == "\r" else c) for i, (o, c) in enumerate(zip(offsets, data))
                    if not (c == "\r" and data[i + 1:i + 2] == "\n")]
            offsets = [o for o, _ in keep]
            data = "".join(c for _, c in keep)
            if not data:
                return
        self._emit(data, offsets)

    def _ref(self, raw: str) -> None:
        if self.hidden:
            return
        start = self._abs()
        ch = html.unescape(raw)
        if ch == raw:
            return
        self._emit(ch, [start] * len(ch))

    def handle_entityref(self, name):
        self._ref(f"&{name};")

    def handle_charref(self, name):
        self._ref(f"&#{name};")


def _extract(source: str, skip_title: bool = False) -> _Extractor:
    ex = _Extractor(source, skip_title)
    ex.feed(source)
    ex.close()
    ex._break()
    return ex


def build(path: str, source: str, options) -> Article:
    """HTML source -> Article (visible body text; the h1, else the title, as headline)."""
    ex = _extract(source)
    if (ex.h1_span or ex.styled_title) and ex.title_span:
        # <title> repeats the <h1> (or is page chrome, a document's name): keep it out of the prose
        ex = _extract(source, skip_title=True)
    text, offsets = ex.tb.build()
    paragraphs = ex.paragraphs
    headline = None
    if options.headline != "none":
        own = [s for s in (ex.h1_span, ex.styled_title) if s]
        headline = min(own) if own else ex.title_span
        if options.headline == "first-line" and paragraphs:
            headline = paragraphs[0]
    return Article(path=path, source=source, text=text, offsets=offsets, fmt="html",
                   paragraphs=paragraphs, headline=headline,
                   title=text[slice(*headline)] if headline else None, date=ex.date,
                   directives=find_directives(path, source))
