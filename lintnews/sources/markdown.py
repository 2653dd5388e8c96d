"""Markdown: prose from paragraphs, headings, list items and block quotes.

markdown-it-py gives the block structure and line maps; the text of each inline
token is aligned back to the source so every character keeps its position. Code
(fenced, indented, inline), HTML, link targets and autolinks are not prose.
"""
from __future__ import annotations

import datetime as _dt
import html
import re

from markdown_it import MarkdownIt
from mdit_py_plugins.front_matter import front_matter_plugin

from ..article import CHARREF_RE, Article, TextBuilder, find_directives

_NEWLINE = re.compile(r"\r\n?|\n")
_TOML_FENCE = re.compile(r"\+\+\+[ \t]*$")


def _toml_front_matter(state, start_line: int, end_line: int, silent: bool) -> bool:
    """TOML front matter (Hugo, Zola): ``+++`` lines around it, at the very start of the file.

    Left unclosed it is not front matter (as the YAML plugin does with ``---``).
    """
    def fence(line: int) -> bool:
        return state.sCount[line] == 0 and bool(
            _TOML_FENCE.match(state.src, state.bMarks[line], state.eMarks[line]))

    if start_line != 0 or not state.src.startswith("+++") or not fence(0):
        return False
    close = next((ln for ln in range(1, end_line) if fence(ln)), None)
    if close is None:
        return False
    if silent:
        return True
    token = state.push("front_matter", "", 0)
    token.hidden, token.block, token.markup = True, True, "+++"
    token.content = state.src[state.bMarks[1]:state.eMarks[close - 1]] if close > 1 else ""
    token.map = [0, close + 1]
    state.line = close + 1
    return True


_MD = MarkdownIt("commonmark").use(front_matter_plugin)
_MD.block.ruler.before("table", "toml_front_matter", _toml_front_matter,
                       {"alt": ["paragraph", "reference", "blockquote", "list"]})
# One line of YAML (title: x) or TOML (title = "x") front matter; a line ends at \n, \r\n or \r.
_TITLE = re.compile(r"""(?<![^\r\n])title[ \t]*[:=][ \t]*(?P<q>["']?)(?P<v>[^\r\n]*?)(?P=q)"""
                    r"""[ \t]*(?![^\r\n])""")
_DATE = re.compile(r"""(?<![^\r\n])date[ \t]*[:=][ \t]*["']?(\d{4})-(\d{2})-(\d{2})""")


def _line_starts(source: str) -> list[int]:
    starts = [0]
    for m in re.finditer(r"\r\n?|\n", source):  # markdown-it's own idea of a line break
        starts.append(m.end())
    starts.append(len(source) + 1)
    return starts


def _align(content: str, src: str, cur: int, limit: int) -> tuple[list[int], int]:
    """Source offsets for each character of ``content``, searching forward from ``cur``."""
    pos = src.find(content, cur, limit)
    if pos != -1:
        return list(range(pos, pos + len(content))), pos + len(content)
    offs = []
    for ch in content:  # escapes and entities: match character by character
        if src.startswith("\\", cur) and src.startswith(ch, cur + 1):  # backslash escape
            offs.append(cur + 1)
            cur += 2
            continue
        p = src.find(ch, cur, limit)
        amp = src.find("&", cur, limit if p == -1 else p)
        m = CHARREF_RE.match(src, amp) if amp != -1 else None
        if m and html.unescape(m.group(0)).startswith(ch):  # a character reference: &eacute;
            offs.append(amp)
            cur = m.end()
            continue
        if p == -1:
            offs.append(max(cur - 1, 0))
            continue
        offs.append(p)
        cur = p + 1
    return offs, cur


def _skip_link_target(src: str, cur: int, limit: int) -> int:
    """After a link's text: skip ``](target "title")`` or ``][ref]``."""
    if src.startswith("](", cur):
        depth, i = 0, cur + 1
        while i < limit:
            c = src[i]
            if c == "\\":
                i += 2
                continue
            if c == "(":
                depth += 1
            elif c == ")":
                depth -= 1
                if depth == 0:
                    return i + 1
            i += 1
        return cur
    if src.startswith("][", cur):
        end = src.find("]", cur + 2, limit)
        return end + 1 if end != -1 else cur
    if src.startswith("]", cur):
        return cur + 1
    return cur


def _inline(tb: TextBuilder, token, src: str, cur: int, limit: int) -> None:
    skip_depth = 0  # inside an autolink or image: not prose
    for child in token.children or []:
        t = child.type
        if t == "link_open" and child.markup == "autolink":
            skip_depth += 1
            continue
        if t == "link_close" and skip_depth:
            skip_depth -= 1
            end = src.find(">", cur, limit)
            cur = end + 1 if end != -1 else cur
            continue
        if skip_depth:
            continue
        if t == "text" and child.content:
            offs, cur = _align(child.content, src, cur, limit)
            tb.add_mapped(child.content, offs)
        elif t in ("softbreak", "hardbreak"):
            nl = _NEWLINE.search(src, cur, limit)
            if nl is None:
                tb.synthetic("\n", cur)
            elif src[nl.end() - 1] == "\n":
                tb.add("\n", nl.end() - 1)
                cur = nl.end()
            else:  # a lone CR, which markdown-it reads as a line break
                tb.synthetic("\n", nl.start())
                cur = nl.end()
        elif t == "code_inline":
            p = src.find(child.content, cur, limit)
            cur = p + len(child.content) if p != -1 else cur
            end = src.find(child.markup, cur, limit)
            cur = end + len(child.markup) if end != -1 else cur
        elif t == "html_inline":
            p = src.find(child.content, cur, limit)
            cur = p + len(child.content) if p != -1 else cur
        elif t == "image":
            close = src.find("](", cur, limit)
            if close != -1:
                cur = _skip_link_target(src, close, limit)
        elif t == "link_close":
            close = src.find("]", cur, limit)
            if close != -1:
                cur = _skip_link_target(src, close, limit)


def build(path: str, source: str, options) -> Article:
    tokens = _MD.parse(source)
    starts = _line_starts(source)
    tb = TextBuilder()
    paragraphs: list[tuple[int, int]] = []
    headline = None
    title = date = None
    first_block = True
    for i, tok in enumerate(tokens):
        if tok.type == "front_matter" and tok.map:
            fm_start, fm_end = starts[tok.map[0]], starts[min(tok.map[1], len(starts) - 1)] - 1
            region = source[fm_start:fm_end]
            m = _TITLE.search(region)
            if m and m.group("v").strip() and options.headline != "none":
                s = fm_start + m.start("v")
                title = m.group("v")
                start = len(tb)
                tb.add(title, s)
                paragraphs.append((start, len(tb)))
                headline = paragraphs[-1]
            d = _DATE.search(region)
            if d:
                try:
                    date = _dt.date(int(d.group(1)), int(d.group(2)), int(d.group(3)))
                except ValueError:
                    date = None
            continue
        if tok.type != "inline" or not tok.map or not tok.content.strip():
            continue
        parent = tokens[i - 1] if i else None
        if parent is None or parent.type not in ("paragraph_open", "heading_open"):
            continue
        if len(tb):
            tb.synthetic("\n\n", max(starts[tok.map[0]] - 1, 0))
        limit = min(starts[min(tok.map[1], len(starts) - 1)], len(source))
        start = len(tb)
        _inline(tb, tok, source, starts[tok.map[0]], limit)
        if len(tb) > start:
            paragraphs.append((start, len(tb)))
            if (headline is None and first_block and parent.type == "heading_open"
                    and parent.tag == "h1" and options.headline != "none"):
                headline = paragraphs[-1]
            first_block = False
    text, offsets = tb.build()
    if headline is None and options.headline == "first-line" and paragraphs:
        headline = paragraphs[0]
    return Article(path=path, source=source, text=text, offsets=offsets, fmt="markdown",
                   paragraphs=paragraphs, headline=headline,
                   title=title if title else (text[headline[0]:headline[1]] if headline else None),
                   date=date, directives=find_directives(path, source))
