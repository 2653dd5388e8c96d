"""summary.json and report.html, from the finished parts, one part in memory at a time.

Rates are findings per 1,000 words of prose (as the format's reader sees it), so
that long and short articles, sections and months compare fairly.
"""
from __future__ import annotations

import datetime as _dt
import heapq
from collections import Counter
from pathlib import Path
from typing import Any

from .charts import Bar, Chart, hbars, vbars

EXAMPLES_PER_RULE = 3
TOP_ARTICLES = 25
CHART_SECTIONS = 20
SEVERITY_ORDER = {"error": 0, "warning": 1, "info": 2}


class Aggregate:
    """Running totals over the parts: by rule, section and month, the top articles and a
    few examples of each rule (from different articles)."""

    def __init__(self) -> None:
        self.totals: Counter = Counter()
        self.by_severity: Counter = Counter()
        self.rules: dict[str, dict[str, Any]] = {}
        self.sections: dict[str, Counter] = {}
        self.months: dict[str, Counter] = {}
        self.undated: Counter = Counter()
        self.top: list[tuple] = []  # a min-heap of (findings, errors, -order, row)
        self.examples: dict[str, list[dict[str, Any]]] = {}
        self._seen = 0

    def add(self, findings: Any, articles: Any) -> None:
        """Count one part's tables (pyarrow Tables with the store's schemas)."""
        self._add_findings(findings)
        for row in articles.to_pylist():
            self._add_article(row)

    def _add_findings(self, findings: Any) -> None:
        cols = findings.select(["source", "article_id", "code", "rule", "severity"]).to_pydict()
        wanted: list[int] = []
        pending: Counter = Counter()
        per_rule_articles: set[tuple[str, str, str]] = set()
        for i, (src, aid, code, rule, sev) in enumerate(zip(*cols.values())):
            r = self.rules.setdefault(code, {"code": code, "rule": rule, "severity": sev, "findings": 0,
                                             "articles": 0})
            r["findings"] += 1
            self.by_severity[sev] += 1
            if (src, aid, code) not in per_rule_articles:  # an article is never split across parts
                per_rule_articles.add((src, aid, code))
                r["articles"] += 1
                if len(self.examples.setdefault(code, [])) + pending[code] < EXAMPLES_PER_RULE:
                    wanted.append(i)
                    pending[code] += 1
        for row in findings.take(wanted).to_pylist() if wanted else []:
            self.examples[row["code"]].append(row)

    def _add_article(self, row: dict[str, Any]) -> None:
        n, words = row["findings"], row["words"]
        self.totals.update(articles=1, words=words, findings=n, failed=int(row["failed"]))
        section = row["section"] or "(no section)"
        self.sections.setdefault(section, Counter()).update(articles=1, words=words, findings=n)
        month = row["date"].strftime("%Y-%m") if row["date"] else None
        bucket = self.months.setdefault(month, Counter()) if month else self.undated
        bucket.update(articles=1, words=words, findings=n)
        self._seen += 1
        item = (n, row["errors"], -self._seen, row)
        if len(self.top) < TOP_ARTICLES:
            heapq.heappush(self.top, item)
        elif item[:3] > self.top[0][:3]:
            heapq.heapreplace(self.top, item)

    def summary(self, run: dict[str, Any]) -> dict[str, Any]:
        """Everything summary.json holds (``run``: how the run went)."""
        words = self.totals["words"]
        rules = sorted(({**r, "per_1000_words": rate(r["findings"], words)} for r in self.rules.values()),
                       key=lambda r: (-r["findings"], r["code"]))
        return {
            "articles": self.totals["articles"], "words": words, "findings": self.totals["findings"],
            "failed_articles": self.totals["failed"], "per_1000_words": rate(self.totals["findings"], words),
            "by_severity": {s: self.by_severity[s] for s in SEVERITY_ORDER},
            "rules": rules,
            "sections": sorted((_group("section", k, c) for k, c in self.sections.items()),
                               key=lambda g: (-g["words"], g["section"])),
            "months": [_group("month", k, self.months[k]) for k in sorted(self.months)],
            "undated": _group("month", None, self.undated),
            "top_articles": [_article(item[3]) for item in sorted(self.top, reverse=True)],
            "run": run,
        }


def rate(findings: int, words: int) -> float | None:
    """Findings per 1,000 words (None without words)."""
    return round(findings * 1000 / words, 3) if words else None


def _group(key: str, value: str | None, c: Counter) -> dict[str, Any]:
    return {key: value, "articles": c["articles"], "words": c["words"], "findings": c["findings"],
            "per_1000_words": rate(c["findings"], c["words"])}


def _article(row: dict[str, Any]) -> dict[str, Any]:
    keep = ("source", "article_id", "path", "headline", "section", "date", "url", "words", "findings",
            "errors", "warnings", "infos", "failed")
    return {k: (row[k].isoformat() if isinstance(row[k], _dt.date) else row[k]) for k in keep}


def charts(summary: dict[str, Any]) -> dict[str, Chart | None]:
    """The report's charts: per 1,000 words by rule, by section and by month."""
    by_rule = hbars("rules", "Findings per 1,000 words, by rule", [
        Bar(f"{r['code']} {r['rule']}", r["per_1000_words"] or 0, _num(r["per_1000_words"]),
            f"{r['code']} {r['rule']} ({r['severity']}): {r['findings']:,} findings in {r['articles']:,} "
            f"articles, {_num(r['per_1000_words'])} per 1,000 words", r["severity"])
        for r in sorted(summary["rules"], key=lambda r: (-(r["per_1000_words"] or 0), r["code"]))])
    sections = [s for s in summary["sections"] if s["words"]][:CHART_SECTIONS]
    by_section = hbars("sections", "Findings per 1,000 words, by section", [
        Bar(s["section"], s["per_1000_words"] or 0, _num(s["per_1000_words"]),
            f"{s['section']}: {s['findings']:,} findings in {s['articles']:,} articles "
            f"({s['words']:,} words)") for s in sections]) if len(sections) > 1 else None
    months = summary["months"]
    top = max((m["per_1000_words"] or 0 for m in months), default=0)
    by_month = vbars("months", "Findings per 1,000 words, by month", [
        Bar(m["month"], m["per_1000_words"] or 0, _num(m["per_1000_words"]),
            f"{m['month']}: {m['findings']:,} findings in {m['articles']:,} articles "
            f"({m['words']:,} words), {_num(m['per_1000_words'])} per 1,000 words") for m in months],
        _num(top)) if months else None
    return {"rules": by_rule if summary["rules"] else None, "sections": by_section, "months": by_month}


def write_report(path: Path, summary: dict[str, Any], examples: dict[str, list[dict[str, Any]]],
                 version: str) -> None:
    """report.html: one self-contained page (inline CSS and SVG; no script, nothing fetched)."""
    from ..report.html import environment

    rules = sorted(summary["rules"], key=lambda r: (SEVERITY_ORDER.get(r["severity"], 3), r["code"]))
    html = environment().get_template("audit.html.j2").render(
        title="lintnews audit", version=version, generated=summary["run"].get("finished", ""),
        s=summary, charts=charts(summary), rules=rules, examples=examples, safe_url=safe_url)
    tmp = path.with_name(f".tmp-{path.name}")
    tmp.write_text(html, encoding="utf-8")
    tmp.replace(path)


def safe_url(url: str | None) -> str | None:
    """A URL fit for a link: http(s) only (never javascript:, data: or file:)."""
    if url and url.strip().lower().startswith(("http://", "https://")) and not any(c.isspace() for c in url):
        return url.strip()
    return None


def _num(value: float | None) -> str:
    return "n/a" if value is None else f"{value:,.2f}"
