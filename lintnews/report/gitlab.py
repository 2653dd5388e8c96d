"""GitLab Code Quality JSON: fingerprints unique per finding, free of line numbers."""
from __future__ import annotations

import json

from ..diagnostics import Severity, fingerprints

LEVEL = {Severity.ERROR: "major", Severity.WARNING: "minor", Severity.INFO: "info"}


def render(diags, ctx) -> str:
    out = []
    for d, fingerprint in zip(diags, fingerprints(diags)):
        out.append({
            "description": f"{d.code} {d.message}",
            "check_name": f"{d.code} {d.rule}",
            "fingerprint": fingerprint,
            "severity": LEVEL[d.severity],
            "location": {"path": d.path, "positions": {
                "begin": {"line": d.line, "column": d.column},
                "end": {"line": d.end_line, "column": d.end_column}}},
        })
    return json.dumps(out, indent=2, ensure_ascii=False) + "\n"
