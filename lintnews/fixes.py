"""Applying fixes without ever losing text.

Edits are in code-point offsets of the decoded source. Overlapping or touching
edits are never combined: the first (in file order) wins and the rest wait for
the next pass. Files are written atomically (temp file + rename in the same
directory) with their encoding, BOM and line endings kept.
"""
from __future__ import annotations

import codecs
import difflib
import os
import tempfile
from pathlib import Path

from .diagnostics import Diagnostic, Edit

# Each pass applies only edits that neither overlap nor touch; "the the the the" needs
# one pass per extra word. Enough passes that a second --fix finds nothing left.
MAX_PASSES = 10


def select_edits(diags: list[Diagnostic], unsafe: bool = False) -> list[Edit]:
    """Non-overlapping, non-adjacent edits from the fixable diagnostics, in file order."""
    fixes = [d.fix for d in diags if d.fix and (d.fix.safe or unsafe)]
    chosen: list[Edit] = []
    taken: list[tuple[int, int]] = []
    for fix in sorted(fixes, key=lambda f: min(e.start for e in f.edits)):
        spans = [(e.start, e.end) for e in fix.edits]
        if any(s <= te and ts <= e for s, e in spans for ts, te in taken):
            continue  # overlaps or touches an edit already taken
        chosen.extend(fix.edits)
        taken.extend(spans)
    return sorted(chosen, key=lambda e: e.start)


def apply_edits(source: str, edits: list[Edit]) -> str:
    """Apply sorted, non-overlapping edits."""
    out, pos = [], 0
    for e in edits:
        if e.start < pos or e.end > len(source):
            raise ValueError(f"overlapping or out-of-range edit {e}")
        out.append(source[pos:e.start])
        out.append(e.text)
        pos = e.end
    out.append(source[pos:])
    return "".join(out)


def encode(text: str, encoding: str, bom: bool) -> bytes:
    if encoding == "utf-16":
        return text.encode("utf-16")  # writes its own BOM
    data = text.encode(encoding)
    return (codecs.BOM_UTF8 + data) if bom else data


def write_atomic(path: Path, data: bytes) -> None:
    """Write via a temp file in the same directory, then rename over the original."""
    mode = path.stat().st_mode & 0o7777 if path.exists() else None
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".lintnews-tmp", dir=str(path.parent))
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        if mode is not None:
            os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise


def unified_diff(path: str, before: str, after: str) -> str:
    return "".join(difflib.unified_diff(before.splitlines(keepends=True), after.splitlines(keepends=True),
                                        fromfile=f"a/{path}", tofile=f"b/{path}"))
