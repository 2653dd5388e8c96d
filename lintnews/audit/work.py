"""What a worker does with one partition: lint each article, and turn its findings into
rows of findings.parquet and articles.parquet.

Nothing here fails on an article: an unreadable one is an E001 row, and an error that
escapes the engine is an E002 row for that article alone.
"""
from __future__ import annotations

import datetime as _dt
import re
from typing import Any

from ..article import line_starts
from ..config import Config
from ..diagnostics import Diagnostic, Severity
from ..report.spans import excerpt
from ..sources import ReadOptions, parse, unreadable
from .lint import lint_article, lint_articles
from .sources import Record

WORD = re.compile(r"\w+(?:['’.-]\w+)*")
FAILED = ("E001", "E002")
# Articles parsed in one nlp.pipe: a batch's parsed documents are held at once, so this
# bounds a worker's memory (100 at a time took a worker from 235 MB to 573 MB).
PARSE_BATCH = 32


def check_partition(records: list[Record], config: Config) -> dict[str, list[dict[str, Any]]]:
    """Rows for every article of a partition: {"findings": [...], "articles": [...]}."""
    findings: list[dict[str, Any]] = []
    articles: list[dict[str, Any]] = []
    readable = [rec for rec in records if rec.text is not None]
    linted: dict[int, list[Diagnostic]] = {}
    for k in range(0, len(readable), PARSE_BATCH):  # parsed together, as check parses files
        chunk = readable[k:k + PARSE_BATCH]
        try:
            linted.update(zip(map(id, chunk), lint_articles([(r.text, r.path, r.date) for r in chunk], config)))
        except Exception:  # something escaped the engine: these one at a time, so only its own fails
            pass
    for rec in records:
        rows, article = check_record(rec, config, linted.get(id(rec)))
        findings.extend(rows)
        articles.append(article)
    return {"findings": findings, "articles": articles}


def check_record(rec: Record, config: Config,
                 diags: list[Diagnostic] | None = None) -> tuple[list[dict[str, Any]], dict[str, Any]]:
    """One article's finding rows and its articles.parquet row (``diags``: its findings,
    when the partition's batch already has them)."""
    if rec.text is None:
        return _rows(rec, [unreadable(rec.path, rec.error or "cannot be read", *rec.error_at)])
    if diags is None:
        try:
            diags = lint_article(rec.text, rec.path, config, rec.date)
        except Exception as ex:  # never the job: this article gets an E002 and the rest go on
            diags = [_internal_error(rec.path, f"{type(ex).__name__}: {ex}")]
    return _rows(rec, diags, *_article_info(rec, config))


def error_rows(rec: Record, why: str) -> tuple[list[dict[str, Any]], dict[str, Any]]:
    """The rows of an article that could not be checked at all: one E002 saying why."""
    return _rows(rec, [_internal_error(rec.path, why)])


def _rows(rec: Record, diags: list[Diagnostic], words: int = 0, title: str | None = None,
          own_date: _dt.date | None = None) -> tuple[list[dict[str, Any]], dict[str, Any]]:
    date = rec.date or own_date
    starts = line_starts(rec.text) if rec.text else [0]
    rows = [finding_row(rec, d, starts, date) for d in diags]
    by_sev = {s: sum(1 for d in diags if d.severity == s) for s in Severity}
    article = {
        "source": rec.source, "row": rec.row, "article_id": rec.id, "path": rec.path,
        "headline": rec.headline or title, "date": date, "section": rec.section, "url": rec.url,
        "words": words, "findings": len(diags), "errors": by_sev[Severity.ERROR],
        "warnings": by_sev[Severity.WARNING], "infos": by_sev[Severity.INFO],
        "failed": any(d.code in FAILED for d in diags),
    }
    return [_utf8(r) for r in rows], _utf8(article)


def finding_row(rec: Record, d: Diagnostic, starts: list[int], date: _dt.date | None) -> dict[str, Any]:
    """A findings.parquet row: the diagnostic, its article's date and section, and the
    flagged text in context (and the first other side's) for the report."""
    source = rec.text or ""
    before, flagged, after = excerpt(source, starts, d.location) if source else ("", d.text, "")
    other = next((r for r in d.related if r.location.path == d.path), None)
    o_before, o_flagged, o_after = excerpt(source, starts, other.location) if other and source \
        else (None, None, None)
    return {
        "source": rec.source, "article_id": rec.id, "path": d.path,
        "line": d.line, "column": d.column, "end_line": d.end_line, "end_column": d.end_column,
        "code": d.code, "rule": d.rule, "severity": str(d.severity), "message": d.message,
        "text": d.text, "related": [r.as_dict() for r in d.related],
        "fix": d.fix.as_dict() if d.fix else None, "date": date, "section": rec.section,
        "before": before, "flagged": flagged, "after": after,
        "other_message": other.message if other else None, "other_line": other.location.line if other else None,
        "other_before": o_before, "other_flagged": o_flagged, "other_after": o_after,
    }


def _article_info(rec: Record, config: Config) -> tuple[int, str | None, _dt.date | None]:
    """(words of prose, the article's own headline, its own date) as the format's reader sees them."""
    try:
        art = parse(rec.path, (rec.text or "").encode("utf-8"), ReadOptions(headline=config.headline))
    except Exception:  # unreadable as its format: its E001 is among the findings already
        return len(WORD.findall(rec.text or "")), None, None
    return len(WORD.findall(art.text)), art.title, art.date


def _internal_error(path: str, why: str) -> Diagnostic:
    return Diagnostic(path=path, line=1, column=1, end_line=1, end_column=1, code="E002", rule="rule-error",
                      severity=Severity.ERROR, message=f"checking this article failed: {why}")


def _utf8(value: Any) -> Any:
    """``value`` with every string storable as UTF-8 (a file name's undecodable bytes, kept
    by Python as lone surrogates, become '?')."""
    if isinstance(value, str):
        try:
            value.encode("utf-8")
            return value
        except UnicodeEncodeError:
            return value.encode("utf-8", "replace").decode("utf-8")
    if isinstance(value, dict):
        return {k: _utf8(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_utf8(v) for v in value]
    return value
