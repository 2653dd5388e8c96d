"""Applying edits and writing files without ever losing text.

Edits are in code-point offsets of the decoded source. Overlapping or touching
edits are never combined: the first (in file order) wins and the rest wait for
the next pass (the pass loop, which keeps only fixes that add no error-level
finding, is ``engine.fixing``). Files are written atomically (temp file + rename in the same
directory) with their encoding, BOM and line endings kept, and only over the very
bytes that were read; read-only files and folders are left alone.

What a fix may edit at all (verbatim prose only) is decided where a finding
becomes a Diagnostic: ``engine.pipeline.fix_edits``.
"""
from __future__ import annotations

import codecs
import difflib
import hashlib
import os
import tempfile
from pathlib import Path

from .diagnostics import Diagnostic, Edit, Fix

def select_fixes(diags: list[Diagnostic], unsafe: bool = False) -> list[Fix]:
    """The fixes of one pass: none overlaps or touches another; in file order."""
    fixes = [d.fix for d in diags if d.fix and (d.fix.safe or unsafe)]
    chosen: list[Fix] = []
    taken: list[tuple[int, int]] = []
    for fix in sorted(fixes, key=lambda f: min(e.start for e in f.edits)):
        spans = [(e.start, e.end) for e in fix.edits]
        if any(s <= te and ts <= e for s, e in spans for ts, te in taken):
            continue  # overlaps or touches an edit already taken
        chosen.append(fix)
        taken.extend(spans)
    return chosen


def select_edits(diags: list[Diagnostic], unsafe: bool = False) -> list[Edit]:
    """Non-overlapping, non-adjacent edits from the fixable diagnostics, in file order."""
    return edits_of(select_fixes(diags, unsafe))


def edits_of(fixes: list[Fix]) -> list[Edit]:
    """The edits of ``fixes``, in file order."""
    return sorted((e for f in fixes for e in f.edits), key=lambda e: e.start)


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
    """``text`` as bytes in the file's own encoding, byte order and BOM."""
    if encoding in ("utf-16", "utf-16-le", "utf-16-be"):
        order = "utf-16-be" if encoding == "utf-16-be" else "utf-16-le"
        mark = codecs.BOM_UTF16_BE if order == "utf-16-be" else codecs.BOM_UTF16_LE
        return mark + text.encode(order)
    data = text.encode(encoding)
    return (codecs.BOM_UTF8 + data) if bom else data


class NotWritten(Exception):
    """A fixed file that was left as it is; the message says why."""


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def check_writable(path: Path) -> None:
    """Raise NotWritten for a read-only file or directory.

    The mode bits count even for root (who may write anything): a file made
    read-only (mode 444) is one its owner does not want changed.
    """
    folder = path.parent
    if not os.access(path, os.W_OK) or not path.stat().st_mode & 0o222:
        raise NotWritten("the file is read-only")
    if not os.access(folder, os.W_OK | os.X_OK) or not folder.stat().st_mode & 0o222:
        raise NotWritten("its directory is read-only (the fixed file is written beside it, then renamed)")


def write_atomic(path: Path, data: bytes, expect: str | None = None) -> None:
    """Write via a temp file in the same directory, then rename over the original.

    With ``expect`` (the sha256 of the bytes that were read), the file is replaced
    only if it still holds them, checked just before the rename: an edit made
    while lintnews ran is never overwritten (NotWritten). A symbolic link is
    followed, so the link stays and its target is fixed.
    """
    path = Path(os.path.realpath(path))
    mode = path.stat().st_mode & 0o7777 if path.exists() else None
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".lintnews-tmp", dir=str(path.parent))
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        if mode is not None:
            os.chmod(tmp, mode)
        if expect is not None and _digest(path) != expect:
            raise NotWritten("it changed after it was read (run lintnews again)")
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise


def write_fixed(path: Path, data: bytes, expect: str) -> None:
    """Replace ``path`` by its fixed ``data``, or raise NotWritten saying why not.

    Never when the file is read-only, sits in a read-only directory or changed
    since it was read (``expect``: sha256 of the bytes read); any OS error on the
    way is reported the same way, so that one file never stops the run.
    """
    try:
        path = Path(os.path.realpath(path))
        check_writable(path)
        write_atomic(path, data, expect or None)
    except OSError as ex:
        raise NotWritten(f"cannot write it: {ex.strerror or ex}") from None


def unified_diff(path: str, before: str, after: str) -> str:
    """``before`` -> ``after`` as a unified diff of ``a/path`` and ``b/path``."""
    return "".join(difflib.unified_diff(before.splitlines(keepends=True), after.splitlines(keepends=True),
                                        fromfile=f"a/{path}", tofile=f"b/{path}"))
