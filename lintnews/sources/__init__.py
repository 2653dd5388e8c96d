"""Reading inputs: decoding bytes, then one adapter per format -> Article.

``load(path)`` never raises for a bad file: it returns an E001 Diagnostic instead,
so one unreadable article never stops the run.
"""
from __future__ import annotations

import codecs
import os
import re
import stat
import hashlib
from dataclasses import dataclass
from pathlib import Path

from ..article import Article
from ..diagnostics import Diagnostic, Severity
from ..internal import internal_diagnostic

_LINE_BREAK_BYTES = re.compile(rb"\r\n?|\n")  # as article.LINE_BREAK counts lines
FORMATS = {".txt": "text", ".text": "text", ".md": "markdown", ".markdown": "markdown",
           ".mdown": "markdown", ".html": "html", ".htm": "html", ".xhtml": "html", ".docx": "docx"}


@dataclass
class ReadOptions:
    """What the adapters need from the configuration."""

    headline: str = "auto"  # auto | first-line | none


class InputError(Exception):
    """A file that cannot be turned into an Article; the message is shown as E001."""

    def __init__(self, message: str, line: int = 1, column: int = 1, severity: Severity | None = None) -> None:
        super().__init__(message)
        self.line, self.column, self.severity = line, column, severity


def format_for(path: str) -> str:
    """The adapter name for a path (plain text for anything unknown)."""
    return FORMATS.get(Path(path).suffix.lower(), "text")


def unreadable(path: str, message: str, line: int = 1, column: int = 1,
               severity: Severity | None = None) -> Diagnostic:
    """The E001 diagnostic for a file that cannot be read."""
    return internal_diagnostic("E001", path, message, line, column, severity=severity)


def decode(data: bytes) -> tuple[str, str, bool]:
    """(text, encoding, had_bom); raises InputError for binary or undecodable bytes."""
    if data.startswith(codecs.BOM_UTF8):
        data, enc, bom = data[3:], "utf-8", True
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError as ex:
            raise InputError(f"invalid UTF-16 at byte {ex.start}") from None
        if "\x00" in text:
            raise InputError("binary file (a NUL character in UTF-16 text); not an article")
        # keep the byte order: --fix writes the file back as it came
        return text, "utf-16-le" if data.startswith(codecs.BOM_UTF16_LE) else "utf-16-be", True
    else:
        enc, bom = "utf-8", False
    nul = data.find(b"\x00")  # anywhere, not just near the start: text never holds a NUL
    if nul != -1:
        raise InputError(f"binary file (a NUL byte at byte offset {nul}); not an article")
    try:
        return data.decode("utf-8"), enc, bom
    except UnicodeDecodeError as ex:
        breaks = list(_LINE_BREAK_BYTES.finditer(data, 0, ex.start))
        line = len(breaks) + 1
        line_start = breaks[-1].end() if breaks else 0
        col = len(data[line_start:ex.start].decode("utf-8", "replace")) + 1
        raise InputError(
            f"invalid UTF-8: byte 0x{data[ex.start]:02x} at byte offset {ex.start} "
            f"(line {line}, byte {ex.start - line_start + 1} of the line) cannot be decoded; "
            f"save the file as UTF-8", line, col) from None


def decode_lenient(data: bytes, path: str | None = None) -> str:
    """Best-effort text for display (reports of cached results); never raises."""
    if path is not None and format_for(path) == "docx":  # what a .docx's positions count in
        from .docx import display_text

        return display_text(data)
    try:
        return decode(data)[0]
    except InputError:
        return data.decode("utf-8", "replace")


def parse(path: str, data: bytes, options: ReadOptions | None = None, fmt: str | None = None) -> Article:
    """Bytes -> Article; raises InputError."""
    options = options or ReadOptions()
    fmt = fmt or format_for(path)
    if fmt == "docx":  # binary: never through the text decoder
        from .docx import build as build_docx

        article = build_docx(path, data, options)
        encoding, bom = "docx", False
    else:
        source, encoding, bom = decode(data)
        if not source.strip():
            raise InputError("empty file: nothing to check", severity=Severity.INFO)
        if fmt == "markdown":
            from .markdown import build
        elif fmt == "html":
            from .html import build
        else:
            from .text import build
        article = build(path, source, options)
    article.encoding, article.bom = encoding, bom
    article.digest = hashlib.sha256(data).hexdigest()
    source = article.source
    article.newline = "\r\n" if "\r\n" in source else "\r" if "\r" in source and "\n" not in source else "\n"
    if not article.text.strip():
        raise InputError(f"no prose found in this {fmt} file: nothing to check", severity=Severity.INFO)
    return article


def load(path: str, options: ReadOptions | None = None, data: bytes | None = None,
         fmt: str | None = None) -> Article | Diagnostic:
    """Read and parse one file (or the given bytes); an E001 Diagnostic when that fails."""
    try:
        if data is None:
            data = read_bytes(path)
        return parse(path, data, options, fmt)
    except InputError as ex:
        return unreadable(path, str(ex), ex.line, ex.column, ex.severity)
    except OSError as ex:
        return unreadable(path, f"cannot read file: {ex.strerror or ex}")
    except RecursionError:
        return unreadable(path, "cannot parse file: nesting too deep")


_KINDS = ((stat.S_ISFIFO, "a named pipe"), (stat.S_ISCHR, "a character device"),
          (stat.S_ISBLK, "a block device"), (stat.S_ISSOCK, "a socket"))


def _not_regular(mode: int) -> str:
    what = next((name for test, name in _KINDS if test(mode)), "a special file")
    return f"not a regular file ({what}); not read"


def read_bytes(path: str) -> bytes:
    """A file's bytes; InputError (or OSError) for anything that is not a readable regular file.

    FIFOs, devices and sockets are never read: reading them can block forever
    or never end. The file is opened without blocking and checked again once
    open, so one swapped in after the first check is refused too.
    """
    try:
        st = os.stat(path)
    except FileNotFoundError:
        if os.path.lexists(path):
            raise InputError("broken symbolic link (its target does not exist)") from None
        raise InputError("no such file or directory") from None
    if stat.S_ISDIR(st.st_mode):
        try:
            os.scandir(path).close()
        except OSError as ex:
            raise InputError(f"cannot read directory: {ex.strerror or ex}") from None
        raise InputError("is a directory")
    if not stat.S_ISREG(st.st_mode):
        raise InputError(_not_regular(st.st_mode))
    flags = os.O_RDONLY
    for name in ("O_NONBLOCK", "O_NOCTTY", "O_BINARY"):  # those this system has
        flags |= getattr(os, name, 0)
    fd = os.open(path, flags)
    with os.fdopen(fd, "rb") as fh:  # closes fd, whatever happens next
        mode = os.fstat(fd).st_mode
        if not stat.S_ISREG(mode):
            raise InputError(_not_regular(mode))
        return fh.read()
