"""HTML: the visible text of the body; ``<h1>`` (else ``<title>``) is the headline.

Built on the standard library's tolerant HTMLParser, with character references
left unconverted so that each text run keeps its exact source position. Scripts,
styles, templates and attributes are not prose.
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
        if tag in BLOCK:
            self._break()
        if tag == "h1" and self.h1_span is None:
            self.in_h1 = True

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
    if ex.h1_span and ex.title_span:
        # <title> repeats the <h1> (or is page chrome): keep it out of the prose
        ex = _extract(source, skip_title=True)
    text, offsets = ex.tb.build()
    paragraphs = ex.paragraphs
    headline = None
    if options.headline != "none":
        headline = ex.h1_span or ex.title_span
        if options.headline == "first-line" and paragraphs:
            headline = paragraphs[0]
    return Article(path=path, source=source, text=text, offsets=offsets, fmt="html",
                   paragraphs=paragraphs, headline=headline,
                   title=text[slice(*headline)] if headline else None, date=ex.date,
                   directives=find_directives(path, source))
