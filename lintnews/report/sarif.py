"""SARIF 2.1.0 with rule metadata, help text and related locations."""
from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import quote

from ..diagnostics import Severity, fingerprints

LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}
SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"


def _uri(path: str) -> str:
    """A relative path as a percent-encoded URI reference; an absolute one as a file: URI."""
    p = Path(path)
    # errors: a file name that is not UTF-8 percent-encodes its raw bytes, as as_uri() does
    return quote(p.as_posix(), safe="/", errors="surrogateescape") if not p.is_absolute() else p.as_uri()


def information_uri() -> str | None:
    """The project's URL from the installed package's metadata ([project.urls] Repository,
    else Homepage, in pyproject.toml); None when there is none (the key is optional)."""
    try:
        from importlib.metadata import PackageNotFoundError, metadata

        urls = metadata("lintnews").get_all("Project-URL") or []
    except (PackageNotFoundError, OSError):
        return None
    found = dict(u.split(", ", 1) for u in urls if ", " in u)
    return found.get("Repository") or found.get("Homepage")


def _region(loc) -> dict:
    return {"startLine": loc.line, "startColumn": loc.column,
            "endLine": loc.end_line, "endColumn": loc.end_column}


def render(diags, ctx) -> str:
    from ..internal import INTERNAL_CODES

    rules = [{"code": r.code, "name": r.name, "summary": r.summary, "explain": r.explain,
              "severity": r.severity} for r in ctx.rules]
    rules += [{"code": c.code, "name": c.name, "summary": c.summary, "explain": c.summary,
               "severity": c.severity} for c in INTERNAL_CODES.values()]
    index = {r["code"]: i for i, r in enumerate(rules)}
    descriptors = [{
        "id": r["code"], "name": r["name"],
        "shortDescription": {"text": r["summary"]},
        "fullDescription": {"text": r["explain"] or r["summary"]},
        "help": {"text": r["explain"] or r["summary"],
                 "markdown": f"**{r['code']} {r['name']}**: {r['summary']}\n\n{r['explain']}"},
        "defaultConfiguration": {"level": LEVEL[r["severity"]]},
    } for r in rules]
    results = []
    for d, fingerprint in zip(diags, fingerprints(diags)):
        res = {
            "ruleId": d.code, "level": LEVEL[d.severity], "message": {"text": d.message},
            "locations": [{"physicalLocation": {"artifactLocation": {"uri": _uri(d.path)},
                                                "region": _region(d.location)}}],
            "partialFingerprints": {"lintnews/v1": fingerprint},
        }
        if d.code in index:
            res["ruleIndex"] = index[d.code]
        if d.related:
            res["relatedLocations"] = [{
                "id": i + 1,
                "physicalLocation": {"artifactLocation": {"uri": _uri(r.location.path)},
                                     "region": _region(r.location)},
                "message": {"text": r.message}} for i, r in enumerate(d.related)]
        if d.fix:
            res["fixes"] = [{"description": {"text": d.fix.message}, "artifactChanges": [{
                "artifactLocation": {"uri": _uri(d.path)},
                "replacements": [{"deletedRegion": {"charOffset": e.start, "charLength": e.end - e.start},
                                  "insertedContent": {"text": e.text}} for e in d.fix.edits]}]}]
        results.append(res)
    driver = {"name": "lintnews", "version": ctx.version, "rules": descriptors}
    uri = information_uri()
    if uri:
        driver["informationUri"] = uri
    log = {
        "$schema": SCHEMA, "version": "2.1.0",
        "runs": [{
            "tool": {"driver": driver},
            "columnKind": "unicodeCodePoints",
            "results": results,
        }],
    }
    return json.dumps(log, indent=2, ensure_ascii=False) + "\n"
