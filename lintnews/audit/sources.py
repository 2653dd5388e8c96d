"""Archive sources for an audit: folders (as ``check`` reads them), JSON Lines, CSV and
Parquet files, each optionally gzip-compressed, read as a stream of partitions.

A partition is at most ``batch_size`` articles of one source; its id (source number,
batch number) is the same on every run over the same sources with the same options,
which is what lets a run resume. Nothing here raises for bad input: an unreadable
source or record becomes a Record with ``error`` set, reported as E001.
"""
from __future__ import annotations

import csv
import datetime as _dt
import gzip
import hashlib
import html
import io
import json
import os
import re
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator

from .. import sources as file_sources

FIELDS = ("id", "text", "headline", "date", "section", "url", "format")
# Column names tried, in order, when no --*-col option names one (fits common dumps:
# news-please, CC-News, Hugging Face news sets, CMS exports).
DEFAULT_COLUMNS = {
    "id": ("id", "article_id", "doc_id", "uuid", "guid", "url"),
    "text": ("text", "body", "content", "maintext", "article", "story"),
    "headline": ("headline", "title"),
    "date": ("date", "published", "published_at", "date_publish", "publish_date", "pub_date", "datetime"),
    "section": ("section", "category", "desk", "topic"),
    "url": ("url", "link", "source_url"),
    "format": ("format",),
}
FORMAT_NAMES = {"text": "text", "txt": "text", "plain": "text", "markdown": "markdown", "md": "markdown",
                "html": "html", "htm": "html", "xhtml": "html"}
SUFFIX = {"text": ".txt", "markdown": ".md", "html": ".html"}
TABLE_KINDS = {".jsonl": "jsonl", ".ndjson": "jsonl", ".csv": "csv", ".tsv": "csv",
               ".parquet": "parquet", ".pq": "parquet"}
# A partition ends at batch_size articles or at this many characters of text, whichever
# comes first: what a worker is sent (and the client holds) stays small for long articles.
PARTITION_CHARS = 2_000_000
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
_ISO_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})")


@dataclass(frozen=True)
class Columns:
    """Which column holds each field (None: the first of DEFAULT_COLUMNS present)."""

    id: str | None = None
    text: str | None = None
    headline: str | None = None
    date: str | None = None
    section: str | None = None
    url: str | None = None
    format: str | None = None
    default_format: str = "text"  # for rows without a format column

    def pick(self, names: Iterable[str]) -> dict[str, str | None]:
        """Field -> column name in a source with these column names (text may be missing)."""
        by_lower = {n.lower(): n for n in names}
        out: dict[str, str | None] = {}
        for f in FIELDS:
            given = getattr(self, f)
            if given is not None:
                out[f] = given if given in by_lower.values() else by_lower.get(given.lower())
            else:
                out[f] = next((by_lower[c] for c in DEFAULT_COLUMNS[f] if c in by_lower), None)
        if out["id"] is not None and out["id"] == out["text"]:
            out["id"] = None
        return out


@dataclass
class Record:
    """One article as read from a source; ``text`` is the document that is linted."""

    source: str
    row: int                      # 1-based: record number in a table, file number in a folder
    id: str
    path: str                     # the name it is linted under: its suffix picks the format
    text: str | None
    error: str | None = None      # why it could not be read (E001), when text is None
    error_at: tuple[int, int] = (1, 1)
    headline: str | None = None
    date: _dt.date | None = None
    section: str | None = None
    url: str | None = None


@dataclass
class Partition:
    pid: str                      # "SSSS-BBBBBB": source number, batch number
    records: list[Record]


@dataclass
class Source:
    """One SOURCE argument, planned: its kind and (for folders) the files it holds."""

    index: int
    name: str
    kind: str                     # dir, file, jsonl, csv, parquet, missing
    files: list[str] = field(default_factory=list)

    def fingerprint(self) -> str:
        """Changes when the source's content may have changed (then a run cannot resume)."""
        h = hashlib.sha256(f"{self.kind}\0{os.path.abspath(self.name)}".encode("utf-8", "surrogateescape"))
        for f in self.files or [self.name]:
            try:
                st = os.stat(f)
                h.update(f"\0{f}\0{st.st_size}\0{st.st_mtime_ns}".encode("utf-8", "surrogateescape"))
            except OSError:
                h.update(f"\0{f}\0-".encode("utf-8", "surrogateescape"))
        return h.hexdigest()


def table_kind(name: str) -> str | None:
    """jsonl, csv or parquet for a file name (a .gz suffix is looked through), else None."""
    p = Path(name)
    suffix = p.suffix.lower()
    if suffix == ".gz":
        suffix = Path(p.stem).suffix.lower()
    return TABLE_KINDS.get(suffix)


def plan(names: list[str], discover: Callable[[str], list[str]]) -> list[Source]:
    """Each SOURCE as a Source; folders are listed now (``discover``: as ``check`` walks them)."""
    out = []
    for i, name in enumerate(names):
        if os.path.isdir(name):
            out.append(Source(i, name, "dir", discover(name)))
        elif not os.path.lexists(name):
            out.append(Source(i, name, "missing"))
        else:
            out.append(Source(i, name, table_kind(name) or "file", [name] if not table_kind(name) else []))
    return out


def partitions(planned: list[Source], columns: Columns, batch_size: int) -> Iterator[Partition]:
    """Every source's records, ``batch_size`` at a time (fewer when they hold more than
    PARTITION_CHARS characters), in a stable order."""
    for src in planned:
        batch: list[Record] = []
        n = chars = 0
        for rec in _records(src, columns):
            batch.append(rec)
            chars += len(rec.text or "")
            if len(batch) >= batch_size or chars >= PARTITION_CHARS:
                yield Partition(f"{src.index:04d}-{n:06d}", batch)
                batch, n, chars = [], n + 1, 0
        if batch:
            yield Partition(f"{src.index:04d}-{n:06d}", batch)


def _records(src: Source, columns: Columns) -> Iterator[Record]:
    if src.kind in ("dir", "file"):
        for k, name in enumerate(src.files, 1):
            yield read_file(src.name, k, name)
        return
    if src.kind == "missing":
        yield _bad(src.name, 1, src.name, "no such file or directory")
        return
    reader = {"jsonl": _jsonl, "csv": _csv, "parquet": _parquet}[src.kind]
    try:
        yield from reader(src.name, columns)
    except (OSError, EOFError, gzip.BadGzipFile, UnicodeDecodeError, csv.Error, ValueError) as ex:
        # the source broke part-way (truncated gzip, bad bytes): what was read stands
        yield _bad(src.name, 0, src.name, f"cannot read the rest of this {src.kind} file: {_why(ex)}")


def read_file(source: str, row: int, name: str) -> Record:
    """An article file, decoded as ``check`` decodes it (its E001 when it cannot be)."""
    try:
        text = file_sources.decode(file_sources.read_bytes(name))[0]
    except file_sources.InputError as ex:
        return _bad(source, row, name, str(ex), (ex.line, ex.column))
    except OSError as ex:
        return _bad(source, row, name, f"cannot read file: {ex.strerror or ex}")
    return Record(source, row, name, name, text)


def _bad(source: str, row: int, ident: str, why: str, at: tuple[int, int] = (1, 1)) -> Record:
    return Record(source, row, ident, _clean(ident), None, error=why, error_at=at)


def _why(ex: BaseException) -> str:
    return getattr(ex, "strerror", None) or str(ex) or type(ex).__name__


def _open_binary(name: str) -> io.BufferedIOBase:
    """The file's bytes, decompressed when it is gzip (by its magic number, not its name)."""
    if _is_gzip(name):
        return gzip.open(name, "rb")  # type: ignore[return-value]
    return open(name, "rb")


def _is_gzip(name: str) -> bool:
    with open(name, "rb") as fh:
        return fh.read(2) == b"\x1f\x8b"


def _jsonl(name: str, columns: Columns) -> Iterator[Record]:
    base = Path(name).name
    with _open_binary(name) as fh:
        for line_no, raw in enumerate(fh, 1):
            if not raw.strip():
                continue
            try:
                obj = json.loads(raw)
            except UnicodeDecodeError as ex:
                yield _bad(name, line_no, f"{base}:{line_no}", f"line {line_no}: invalid UTF-8: {ex.reason}")
                continue
            except ValueError as ex:
                yield _bad(name, line_no, f"{base}:{line_no}", f"line {line_no}: invalid JSON: {ex}")
                continue
            if not isinstance(obj, dict):
                yield _bad(name, line_no, f"{base}:{line_no}",
                           f"line {line_no}: a JSON {type(obj).__name__}, not an object")
                continue
            yield make_record(name, line_no, obj, columns.pick(obj.keys()), columns)


def _csv(name: str, columns: Columns) -> Iterator[Record]:
    csv.field_size_limit(2**31 - 1)  # an article is one field: far over csv's 128 KB default
    delimiter = "\t" if ".tsv" in Path(name).name.lower() else ","
    with io.TextIOWrapper(_open_binary(name), encoding="utf-8-sig", newline="") as fh:
        reader = csv.DictReader(fh, delimiter=delimiter)
        picked = columns.pick(reader.fieldnames or [])
        if picked["text"] is None:
            yield _no_text_column(name, columns, reader.fieldnames or [])
            return
        for row_no, row in enumerate(reader, 1):
            yield make_record(name, row_no, row, picked, columns)


def _parquet(name: str, columns: Columns) -> Iterator[Record]:
    import pyarrow.parquet as pq

    spool = None
    if _is_gzip(name):  # gzip around a Parquet file: spool it to disk
        spool = tempfile.NamedTemporaryFile(prefix="lintnews-", suffix=".parquet")
        with gzip.open(name, "rb") as src:
            shutil.copyfileobj(src, spool)
        spool.flush()
    try:
        pf = pq.ParquetFile(spool.name if spool else name)
        picked = columns.pick(pf.schema_arrow.names)
        if picked["text"] is None:
            yield _no_text_column(name, columns, pf.schema_arrow.names)
            return
        wanted = sorted({c for c in picked.values() if c is not None})
        row_no = 0
        for batch in pf.iter_batches(batch_size=256, columns=wanted):
            for row in batch.to_pylist():
                row_no += 1
                yield make_record(name, row_no, row, picked, columns)
    finally:
        if spool is not None:
            spool.close()


def _no_text_column(name: str, columns: Columns, names: list[str]) -> Record:
    wanted = f"'{columns.text}'" if columns.text else "one of " + ", ".join(DEFAULT_COLUMNS["text"])
    return _bad(name, 0, name, f"no text column: expected {wanted} (columns: {', '.join(names) or 'none'}); "
                               f"name it with --text-col")


def make_record(source: str, row: int, obj: dict[str, Any], picked: dict[str, str | None],
                columns: Columns) -> Record:
    """One table row as a Record: the document to lint is the text with its headline."""
    def get(f: str) -> Any:
        col = picked[f]
        return None if col is None else obj.get(col)

    raw_id = get("id")
    ident = str(raw_id) if raw_id not in (None, "") else f"{Path(source).name}:{row}"
    fmt_value = get("format")
    fmt = FORMAT_NAMES.get(str(fmt_value or columns.default_format).strip().lower())
    if fmt is None:
        return _bad(source, row, ident, f"record {row}: unknown format {fmt_value!r} "
                                        f"(text, markdown or html)")
    path = _clean(ident) if file_sources.format_for(ident) == fmt and Path(ident).suffix else \
        _clean(ident) + SUFFIX[fmt]
    text = get("text")
    if not isinstance(text, str):
        col = picked["text"] or columns.text or "text"
        why = f"no '{col}' column" if picked["text"] is None else \
            f"'{col}' is {'empty' if text is None else 'not a string'}"
        return Record(source, row, ident, path, None, error=f"record {row}: {why}")
    headline = _str(get("headline"))
    return Record(source, row, ident, path, compose(text, headline, fmt), headline=headline,
                  date=parse_date(get("date")), section=_str(get("section")), url=_str(get("url")))


def compose(text: str, headline: str | None, fmt: str) -> str:
    """The article as a file of its format would hold it: the headline where that format
    keeps one (a first line, a Markdown ``#`` heading, an HTML ``<h1>``), unless the text
    already starts with it."""
    if not headline or text.lstrip()[:len(headline)] == headline:
        return text
    if fmt == "markdown":
        return f"# {headline}\n\n{text}"
    if fmt == "html":
        return f"<h1>{html.escape(headline, quote=False)}</h1>\n{text}"
    return f"{headline}\n\n{text}"


def parse_date(value: Any) -> _dt.date | None:
    """A date from a date, a datetime or a string starting YYYY-MM-DD; None otherwise."""
    if isinstance(value, _dt.datetime):
        return value.date()
    if isinstance(value, _dt.date):
        return value
    if isinstance(value, str):
        m = _ISO_DATE.match(value.strip())
        if m:
            try:
                return _dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
            except ValueError:
                return None
    return None


def _str(value: Any) -> str | None:
    if value is None:
        return None
    s = " ".join(str(value).split())  # one line: a headline or a section never spans two
    return s or None


def _clean(name: str) -> str:
    """A name fit for ``path:line:col``: control characters (a newline in an id) as '?'."""
    return _CONTROL.sub("?", name)
