"""The line a human report (``concise``, ``full``) ends with: what was found, what is
fixable, what ``--fix`` changed. Machine formats never get one."""
from __future__ import annotations

from typing import Any, Iterable


def plural(n: int, word: str) -> str:
    """``1 problem``, ``2 problems``."""
    return f"{n} {word}{'' if n == 1 else 's'}"


def found(diags: list[Any], unsafe: bool = False, after_fix: bool = False) -> str:
    """``Found 7 problems in 3 files (4 fixable with --fix, 2 more with --unsafe-fixes).``,
    or ``All checks passed.``; after ``--fix`` only what ``--unsafe-fixes`` would add."""
    if not diags:
        return "All checks passed."
    files = len({d.path for d in diags})
    safe = sum(1 for d in diags if d.fix and d.fix.safe)
    risky = sum(1 for d in diags if d.fix and not d.fix.safe)
    if unsafe:  # --unsafe-fixes is already given: --fix would apply them all
        safe, risky = safe + risky, 0
    notes = []
    if safe and not after_fix:
        notes.append(f"{safe} fixable with --fix")
    if risky:
        notes.append(f"{risky} more with --unsafe-fixes" if notes else
                     f"{risky} fixable with {'' if after_fix else '--fix '}--unsafe-fixes")
    note = f" ({', '.join(notes)})" if notes else ""
    return f"Found {plural(len(diags), 'problem')} in {plural(files, 'file')}{note}."


def fixed(results: Iterable[Any], written: bool) -> str:
    """``Fixed 4 problems in 2 files.`` (``--fix``) or ``Would fix ...`` (``--diff``)."""
    done = [r for r in results if r.fixes_applied and not r.not_written]
    n = sum(r.fixes_applied for r in done)
    if not n:
        return "Nothing to fix."
    return f"{'Fixed' if written else 'Would fix'} {plural(n, 'problem')} in {plural(len(done), 'file')}."
