"""Between lintnews and the Language Server Protocol: positions, diagnostics, code actions.

lintnews gives 1-based lines and columns counted in code points (end exclusive), and fix
edits as code-point offsets into the source. LSP counts 0-based lines and columns in the
position encoding agreed at start-up: UTF-16 code units unless the client offers UTF-32
or UTF-8. A character outside the Basic Multilingual Plane (an emoji, 😀) is one code
point, two UTF-16 units and four UTF-8 bytes, so every column is converted, never copied.
Both count lines the same way: a line ends at \\n, \\r\\n or a lone \\r.
"""
from __future__ import annotations

import bisect
import re
from typing import Any

from lsprotocol import types as lsp

import lintnews

LINE_BREAK = re.compile(r"\r\n?|\n")  # LSP's line breaks, and lintnews's
SEVERITY = {lintnews.Severity.ERROR: lsp.DiagnosticSeverity.Error,
            lintnews.Severity.WARNING: lsp.DiagnosticSeverity.Warning,
            lintnews.Severity.INFO: lsp.DiagnosticSeverity.Information}
DIRECTIVE = "<!-- lintnews-disable-next-line {code} -- reason -->"


def units(text: str, encoding: str) -> int:
    """The length of ``text`` in the encoding's units."""
    if encoding == lsp.PositionEncodingKind.Utf32:
        return len(text)
    if encoding == lsp.PositionEncodingKind.Utf8:
        return len(text.encode("utf-8", "surrogatepass"))
    return len(text) + sum(1 for ch in text if ord(ch) > 0xFFFF)  # astral: a surrogate pair


class Document:
    """One version of a document's text, with the map between lintnews's positions and LSP's.

    lintnews reads the text past a leading byte-order mark, so its line-1 columns and its
    offsets start one code point later than the editor's.
    """

    def __init__(self, text: str, encoding: str = lsp.PositionEncodingKind.Utf16) -> None:
        self.text = text
        self.encoding = encoding
        self.bom = 1 if text.startswith("\ufeff") else 0
        self.starts = [0] + [m.end() for m in LINE_BREAK.finditer(text)]
        self.newline = "\r\n" if "\r\n" in text else "\r" if "\r" in text and "\n" not in text else "\n"

    def line(self, index: int) -> str:
        """Line ``index`` (0-based) without its line break; "" past the end."""
        if not 0 <= index < len(self.starts):
            return ""
        end = self.starts[index + 1] if index + 1 < len(self.starts) else len(self.text)
        return self.text[self.starts[index]:end].rstrip("\r\n")

    def _at(self, index: int, column: int) -> lsp.Position:
        """The LSP position of code point ``column`` (0-based) of line ``index``."""
        index = min(max(index, 0), len(self.starts) - 1)
        text = self.line(index)
        return lsp.Position(line=index, character=units(text[:max(column, 0)], self.encoding))

    def position(self, line: int, column: int) -> lsp.Position:
        """A lintnews (line, column), 1-based in code points, as an LSP position."""
        return self._at(line - 1, column - 1 + (self.bom if line == 1 else 0))

    def position_of(self, offset: int) -> lsp.Position:
        """A lintnews source offset (a fix edit's) as an LSP position."""
        at = offset + self.bom
        index = bisect.bisect_right(self.starts, at) - 1
        return self._at(index, at - self.starts[index])

    def range(self, line: int, column: int, end_line: int, end_column: int) -> lsp.Range:
        return lsp.Range(start=self.position(line, column), end=self.position(end_line, end_column))

    def offset(self, pos: lsp.Position) -> int:
        """The code-point offset into ``text`` of an LSP position (clamped to its line)."""
        index = min(max(pos.line, 0), len(self.starts) - 1)
        count = 0
        for k, ch in enumerate(self.line(index)):
            count += units(ch, self.encoding)
            if count > pos.character:
                return self.starts[index] + k
        return self.starts[index] + len(self.line(index))


def to_lsp(d: lintnews.Diagnostic, doc: Document, uri: str) -> lsp.Diagnostic:
    """One lintnews diagnostic for the editor: code, severity, exact range, the other side.

    No ``codeDescription``: LSP requires a URL there, and lintnews's rules have no page
    of their own (the rule's ``explain`` text is the hover over the range instead).
    ``data`` carries the rule's name, which clients show nowhere else.
    """
    related = [lsp.DiagnosticRelatedInformation(
        location=lsp.Location(uri=uri, range=doc.range(r.location.line, r.location.column,
                                                       r.location.end_line, r.location.end_column)),
        message=r.message) for r in d.related]
    return lsp.Diagnostic(
        range=doc.range(d.line, d.column, d.end_line, d.end_column), message=d.message,
        severity=SEVERITY[d.severity], code=d.code, source="lintnews",
        related_information=related or None,
        tags=[lsp.DiagnosticTag.Unnecessary] if d.code == "E003" else None,  # shown faded
        data={"rule": d.rule, "fixable": d.fix is not None})


def config_problem(message: str) -> lsp.Diagnostic:
    """A configuration or model problem (the command line's exit 2), shown at the top."""
    start = lsp.Position(line=0, character=0)
    return lsp.Diagnostic(range=lsp.Range(start=start, end=start), message=f"lintnews: {message}",
                          severity=lsp.DiagnosticSeverity.Error, source="lintnews")


def workspace_edit(uri: str, version: int | None, edits: list[lsp.TextEdit],
                   versioned: bool) -> lsp.WorkspaceEdit:
    """Edits of one document; tied to its version where the client allows it (a client
    then refuses them once the text has moved on)."""
    if versioned:
        doc_id = lsp.OptionalVersionedTextDocumentIdentifier(uri=uri, version=version)
        return lsp.WorkspaceEdit(document_changes=[lsp.TextDocumentEdit(text_document=doc_id, edits=edits)])
    return lsp.WorkspaceEdit(changes={uri: edits})


def fix_action(d: lintnews.Diagnostic, shown: lsp.Diagnostic, doc: Document, uri: str,
               version: int | None, versioned: bool) -> lsp.CodeAction | None:
    """The rule's own fix as a quick fix (preferred when it is safe), or None."""
    if d.fix is None:
        return None
    edits = [lsp.TextEdit(range=lsp.Range(start=doc.position_of(e.start), end=doc.position_of(e.end)),
                          new_text=e.text) for e in d.fix.edits]
    title = f"{d.fix.message} ({d.code})" + ("" if d.fix.safe else " (unsafe: check the result)")
    return lsp.CodeAction(title=title, kind=lsp.CodeActionKind.QuickFix, diagnostics=[shown],
                          is_preferred=d.fix.safe, edit=workspace_edit(uri, version, edits, versioned))


def disable_action(d: lintnews.Diagnostic, shown: lsp.Diagnostic, doc: Document, uri: str,
                   version: int | None, versioned: bool, fmt: str) -> lsp.CodeAction:
    """Insert ``<!-- lintnews-disable-next-line CODE -- reason -->`` before the flagged line.

    On a line of its own above it, indented like it (plain text accepts nothing else, and
    HTML runs the lines of a paragraph together anyway). In Markdown, when the line above is
    text of the same paragraph, the comment goes at that line's end instead: a comment line
    inside a Markdown paragraph would cut it in two, and so change the sentences every
    rule reads.
    """
    index = shown.range.start.line
    directive = DIRECTIVE.format(code=d.code)
    above = doc.line(index - 1) if index > 0 else ""
    if fmt == "markdown" and _paragraph_text(above) and not MD_BLOCK_START.match(doc.line(index)):
        at = lsp.Position(line=index - 1, character=units(above, doc.encoding))
        new_text = f" {directive}"
    else:
        line = doc.line(index)[doc.bom if index == 0 else 0:]
        indent = line[:len(line) - len(line.lstrip(" \t"))]
        after_bom = units(doc.text[:doc.bom], doc.encoding) if index == 0 else 0  # the BOM stays first
        at = lsp.Position(line=index, character=after_bom)
        new_text = f"{indent}{directive}{doc.newline}"
    edit = lsp.TextEdit(range=lsp.Range(start=at, end=at), new_text=new_text)
    return lsp.CodeAction(title=f"Disable {d.code} for this line (lintnews-disable-next-line)",
                          kind=lsp.CodeActionKind.QuickFix, diagnostics=[shown],
                          edit=workspace_edit(uri, version, [edit], versioned))


# Markdown lines that start or are a block of their own (a list item, quotation, heading,
# fence, rule, table row, HTML): text appended there would change the block, not just add
# a comment to a paragraph.
MD_BLOCK_START = re.compile(r"\s*([-+*]\s|\d{1,9}[.)]\s|>|#{1,6}(\s|$)|```|~~~|<|\|)")
MD_BLOCK_LINE = re.compile(r"\s*([-=*_]\s*){3,}$|.*\|\s*$")


def _paragraph_text(line: str) -> bool:
    """Whether a Markdown line is plain paragraph text (appending to it keeps its block)."""
    return bool(line.strip()) and not MD_BLOCK_START.match(line) and not MD_BLOCK_LINE.match(line) \
        and not line.startswith("    ")


def hover_text(d: lintnews.Diagnostic, rule: Any | None) -> str:
    """Markdown for a hover over a flagged range: the finding, then the rule's explain text."""
    parts = [f"**{d.code}** `{d.rule}` ({d.severity}): {d.message}"]
    if rule is not None:
        parts += [rule.summary, rule.explain.strip()] if rule.explain else [rule.summary]
    parts.append(f"Silence it: `{DIRECTIVE.format(code=d.code)}` on the line above, "
                 f"or `ignore = [\"{d.code}\"]` in `[tool.lintnews]`.")
    return "\n\n".join(p for p in parts if p)


def overlaps(a: lsp.Range, b: lsp.Range) -> bool:
    """Whether two ranges touch (an empty range at a diagnostic's edge counts)."""
    def key(p: lsp.Position) -> tuple[int, int]:
        return (p.line, p.character)

    return key(a.start) <= key(b.end) and key(b.start) <= key(a.end)
