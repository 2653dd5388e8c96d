"""Word (.docx), read with python-docx: one paragraph a line.

Positions: the line is the paragraph's number (the body's paragraphs from the top,
empty ones included; the paragraphs of tables are not counted) and the column is the
character in that paragraph's text, both 1-based. The Article's ``source`` is exactly
that: the paragraphs' texts joined by line breaks, so every report (and ``full``'s
excerpts) counts in it. A soft line break inside a paragraph (Shift+Enter) is one
character of the paragraph; in the source it is U+2028 so that it does not start a line.

A paragraph's text is what Word shows: text, tabs and soft breaks of its runs, those in
hyperlinks, fields' results, content controls and tracked insertions included; tracked
deletions, field codes, text boxes, comments, footnotes, headers and tables are not prose.
The Title style, else the first Heading 1, else a heading that opens the document, is the
headline. A paragraph that holds only a suppression directive
(``<!-- lintnews-disable-next-line W101 -->``) is a directive, as a line of its own in .txt.

The file is binary: it never goes through the text decoder. Before python-docx unpacks
it, the archive's declared sizes are checked (zipfile never unpacks more than a member
declares), so a zip bomb is refused rather than filling memory.
"""
from __future__ import annotations

import io
import re
import zipfile
import zlib

from ..article import Article, TextBuilder, find_directives
from . import InputError

MAX_MEMBERS = 10_000
MAX_DOCUMENT_XML = 16 * 2**20    # word/document.xml: a 300-page report is about 5 MB
MAX_XML_TOTAL = 48 * 2**20       # every XML part python-docx may parse
MAX_UNPACKED = 256 * 2**20       # everything, pictures included
SOFT_BREAK = "\u2028"            # a line break inside a paragraph, as it stands in ``source``
_HEADING = re.compile(r"heading [1-9]$", re.I)
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
_NOT_SHOWN = (f"{_W}del", f"{_W}moveFrom", f"{_W}txbxContent", f"{_MC}Fallback", f"{_W}p")


def _check_archive(data: bytes) -> None:
    """InputError for a file that is not a zip archive, or one that would unpack too much."""
    try:
        infos = zipfile.ZipFile(io.BytesIO(data)).infolist()
    except (zipfile.BadZipFile, ValueError, OSError):
        raise InputError("not a Word document: a .docx file is a zip archive and this one is not "
                         "(damaged, or another format renamed .docx); save it again as .docx") from None
    if len(infos) > MAX_MEMBERS:
        raise InputError(f"not read: the archive holds {len(infos):,} files (at most {MAX_MEMBERS:,})")
    xml = [i for i in infos if i.filename.endswith((".xml", ".rels"))]
    doc = next((i for i in xml if i.filename == "word/document.xml"), None)
    for what, size, limit in (
            ("word/document.xml", doc.file_size if doc else 0, MAX_DOCUMENT_XML),
            ("its XML parts", sum(i.file_size for i in xml), MAX_XML_TOTAL),
            ("the archive", sum(i.file_size for i in infos), MAX_UNPACKED)):
        if size > limit:
            raise InputError(f"not read: {what} would unpack to {size:,} bytes, over the limit of "
                             f"{limit:,} (a damaged file or a zip bomb)")


def _open(data: bytes):
    """The python-docx Document; InputError (with what is wrong) when it cannot be read."""
    _check_archive(data)
    import docx
    from docx.opc.exceptions import PackageNotFoundError
    from lxml import etree

    try:
        return docx.Document(io.BytesIO(data))
    except KeyError as ex:
        raise InputError(f"not a Word document: a part is missing from the archive ({ex})") from None
    except etree.XMLSyntaxError as ex:
        raise InputError(f"damaged Word document: broken XML inside ({ex})") from None
    except (ValueError, PackageNotFoundError, zipfile.BadZipFile, zlib.error, EOFError) as ex:
        raise InputError(f"not a Word document ({ex})") from None
    except Exception as ex:  # anything else python-docx raises on a damaged file: this file only
        raise InputError(f"damaged Word document ({type(ex).__name__}: {ex})") from None


def _shown_runs(p) -> list:
    """The runs of paragraph element ``p`` that Word shows, in document order."""
    out = []
    for r in p.iter(f"{_W}r"):
        node, shown = r.getparent(), True
        while node is not None and node is not p:
            if node.tag in _NOT_SHOWN:
                shown = False
                break
            node = node.getparent()
        if shown:
            out.append(r)
    return out


def paragraph_text(p) -> str:
    """What Word shows of one paragraph (python-docx's run text: text, tabs, breaks)."""
    text = "".join(r.text for r in _shown_runs(p))
    return text.replace("\r\n", SOFT_BREAK).replace("\r", SOFT_BREAK).replace("\n", SOFT_BREAK)


def _body_paragraphs(container) -> list:
    """Paragraph elements of the body in order: inside content controls and custom XML
    too, never inside tables."""
    out = []
    for child in container.iterchildren():
        if child.tag == f"{_W}p":
            out.append(child)
        elif child.tag in (f"{_W}sdt", f"{_W}customXml", f"{_W}sdtContent"):
            out.extend(_body_paragraphs(child))
    return out


def read_paragraphs(data: bytes) -> list[tuple[str, str]]:
    """(text, paragraph style name) for every body paragraph; raises InputError."""
    from docx.enum.style import WD_STYLE_TYPE

    document = _open(data)
    try:
        names = {s.style_id: s.name for s in document.styles}
        default = document.styles.default(WD_STYLE_TYPE.PARAGRAPH)
        default_name = default.name if default is not None else "Normal"
        return [(paragraph_text(p), names.get(p.style, p.style) if p.style else default_name)
                for p in _body_paragraphs(document.element.body)]
    except Exception as ex:  # untrusted XML that python-docx's classes trip on: this file only
        raise InputError(f"damaged Word document ({type(ex).__name__}: {ex})") from None


def display_text(data: bytes) -> str:
    """The source that positions count in (paragraphs, one a line); "" when unreadable."""
    try:
        return "\n".join(t for t, _ in read_paragraphs(data))
    except InputError:
        return ""


def _headline(paras: list[tuple[str, str]], mode: str) -> int | None:
    """Index of the headline paragraph: Title style, else the first Heading 1, else a heading
    that opens the document ("first-line": the first paragraph with text)."""
    filled = [i for i, (t, _) in enumerate(paras) if t.strip()]
    if mode == "none" or not filled:
        return None
    if mode == "first-line":
        return filled[0]
    styles = [(i, (paras[i][1] or "").strip().lower()) for i in filled]
    for wanted in (lambda s: s == "title", lambda s: s == "heading 1"):
        found = next((i for i, s in styles if wanted(s)), None)
        if found is not None:
            return found
    return filled[0] if _HEADING.match(styles[0][1]) else None


def build(path: str, data: bytes, options) -> Article:
    """.docx bytes -> Article (one paragraph a line); raises InputError."""
    paras = read_paragraphs(data)
    source = "\n".join(t for t, _ in paras)
    directives = find_directives(path, source, own_line_only=True)
    directive_lines = {d.line for d in directives}
    head = _headline(paras, options.headline)
    tb, spans, headline = TextBuilder(), [], None
    offset = 0
    for k, (text, _) in enumerate(paras):
        if text.strip() and k + 1 not in directive_lines:
            if spans:
                tb.synthetic("\n\n", offset - 1)  # stands for the break before this paragraph
            start = len(tb)
            tb.add_mapped(text.replace(SOFT_BREAK, "\n"), list(range(offset, offset + len(text))))
            spans.append((start, len(tb)))
            if k == head:
                headline = spans[-1]
        offset += len(text) + 1
    plain, offsets = tb.build()
    return Article(path=path, source=source, text=plain, offsets=offsets, fmt="docx",
                   paragraphs=spans, headline=headline,
                   title=plain[headline[0]:headline[1]] if headline else None,
                   directives=directives, editable=False)
