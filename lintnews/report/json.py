"""A JSON array of diagnostic objects."""
from __future__ import annotations

import json


def render(diags, ctx) -> str:
    return json.dumps([d.as_dict() for d in diags], indent=2, ensure_ascii=False) + "\n"
