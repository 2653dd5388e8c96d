"""One JSON object per line."""
from __future__ import annotations

import json


def render(diags, ctx) -> str:
    return "".join(json.dumps(d.as_dict(), ensure_ascii=False) + "\n" for d in diags)
