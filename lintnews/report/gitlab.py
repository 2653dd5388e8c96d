"""GitLab Code Quality JSON: fingerprints unique per finding, free of line numbers."""
from __future__ import annotations

import json
from collections import Counter

from ..diagnostics import Severity

LEVEL = {Severity.ERROR: "major", Severity.WARNING: "minor", Severity.INFO: "info"}


def render(diags, ctx) -> str:
    seen: Counter = Counter()
    out = []
    for d in diags:
        base = (d.path, d.code, d.text, d.message_no_lines())
        occurrence = seen[base]
        seen[base] += 1
        out.append({
            "description": f"{d.code} {d.message}",
            "check_name": f"{d.code} {d.rule}",
            "fingerprint": d.fingerprint(occurrence),
            "severity": LEVEL[d.severity],
            "location": {"path": d.path, "positions": {
                "begin": {"line": d.line, "column": d.column},
                "end": {"line": d.end_line, "column": d.end_column}}},
        })
    return json.dumps(out, indent=2, ensure_ascii=False) + "\n"
