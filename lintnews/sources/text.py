"""Plain text: paragraphs separated by blank lines, or one paragraph per line."""
from __future__ import annotations

import re

from ..article import LINE_BREAK, Article, TextBuilder, directive_spans, find_directives

TERMINAL = re.compile(r"""[.!?:;"'\u201d\u2019)\]]\s*$""")


def _lines(source: str) -> list[tuple[int, str]]:
    """(offset, line text without line ending) for every source line."""
    out, pos = [], 0
    for m in LINE_BREAK.finditer(source):  # \n, \r\n, \r: as Article counts lines
        out.append((pos, source[pos:m.start()]))
        pos = m.end()
    if pos < len(source):
        out.append((pos, source[pos:]))
    return out


def _blocks(lines: list[tuple[int, str]]) -> list[list[tuple[int, str]]]:
    blocks: list[list[tuple[int, str]]] = [[]]
    for off, line in lines:
        if line.strip():
            blocks[-1].append((off, line))
        elif blocks[-1]:
            blocks.append([])
    return [b for b in blocks if b]


def _split_block(block: list[tuple[int, str]]) -> list[list[tuple[int, str]]]:
    """One paragraph per line when lines are whole paragraphs, else the block."""
    if len(block) > 1 and all(TERMINAL.search(l) for _, l in block[:-1]) \
            and max(len(l) for _, l in block) > 100:
        return [[line] for line in block]
    return [block]


def is_headline(line: str) -> bool:
    """Short, and not a sentence (no final full stop)."""
    words = line.split()
    return 0 < len(words) <= 20 and not line.rstrip().endswith((".", ",", ";", ":"))


def build(path: str, source: str, options) -> Article:
    directives = find_directives(path, source, own_line_only=True)
    skip = directive_spans(source)
    lines = [(o, l) for o, l in _lines(source)
             if not any(s <= o and o + len(l) <= e for s, e in skip if l.strip())]
    blocks = _blocks(lines)
    paragraphs_src = [p for b in blocks for p in _split_block(b)]
    tb = TextBuilder()
    paragraphs: list[tuple[int, int]] = []
    for k, para in enumerate(paragraphs_src):
        if k:
            prev_off, prev_line = paragraphs_src[k - 1][-1]
            tb.synthetic("\n\n", prev_off + len(prev_line))
        start = len(tb)
        for j, (off, line) in enumerate(para):
            if j:
                p_off, p_line = para[j - 1]
                tb.add("\n", p_off + len(p_line)) if source[p_off + len(p_line)] == "\n" \
                    else tb.synthetic("\n", p_off + len(p_line))
            tb.add(line, off)
        paragraphs.append((start, len(tb)))
    text, offsets = tb.build()
    headline = None
    if paragraphs_src and options.headline != "none":
        first = paragraphs_src[0]
        followed_by_blank = len(blocks) > 1 and blocks[0] == first
        if options.headline == "first-line" or (
                len(first) == 1 and followed_by_blank and len(paragraphs_src) > 1
                and is_headline(first[0][1])):
            headline = paragraphs[0]
    return Article(path=path, source=source, text=text, offsets=offsets, fmt="text",
                   paragraphs=paragraphs, headline=headline,
                   title=text[headline[0]:headline[1]] if headline else None,
                   directives=directives)
