"""The fix loop: safe fixes applied pass by pass, never making an article worse, and
written back only over the very bytes that were read.

What a fix may edit at all (verbatim prose only) is decided where a finding becomes
a Diagnostic (``pipeline.fix_edits``); applying edits and writing files atomically
is ``lintnews.fixes``.
"""
from __future__ import annotations

import dataclasses
from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Iterable, Iterator

from .. import fixes
from ..diagnostics import Diagnostic, Fix, Severity
from .model import FileResult

if TYPE_CHECKING:
    from . import Engine

# Each pass applies only edits that neither overlap nor touch; "the the the the" needs
# one pass per extra word. Enough passes that a second --fix finds nothing left.
MAX_PASSES = 10


def fix_source(source: str, result: Any, recheck: Callable[[str], Any],
               unsafe: bool = False) -> tuple[str, Any, int]:
    """Fix ``source`` pass by pass until nothing is left (at most MAX_PASSES).

    ``result`` is its lint result (``.article``, ``.diagnostics``); ``recheck(text)``
    lints new text. A pass whose fixes would make the text unreadable or add an
    error-level finding is redone one fix at a time, keeping only fixes that do
    neither: fixing never makes an article worse. Returns (text, its result, the
    number of fixes applied).
    """
    current, res, applied = source, result, 0
    for _ in range(MAX_PASSES):
        chosen = fixes.select_fixes(res.diagnostics, unsafe)
        if not chosen:
            break
        text = fixes.apply_edits(current, fixes.edits_of(chosen))
        new = recheck(text)
        if _worse(res, new):
            text, new, chosen = _one_by_one(current, res, chosen, recheck)
            if new is None:
                break  # every fix left would make it worse
        current, res, applied = text, new, applied + len(chosen)
    return current, res, applied


def _one_by_one(current: str, res: Any, chosen: list[Fix],
                recheck: Callable[[str], Any]) -> tuple[str, Any, list[Fix]]:
    """The pass redone fix by fix, keeping those that make nothing worse: (text, its result,
    the fixes kept), with None for the result when no fix could be kept."""
    kept: list[Fix] = []
    text, new = current, None
    for fix in chosen:  # edits of one pass never overlap: any subset applies
        trial = fixes.apply_edits(current, fixes.edits_of(kept + [fix]))
        checked = recheck(trial)
        if not _worse(res, checked):
            kept.append(fix)
            text, new = trial, checked
    return text, new, kept


def _errors(diags: list[Diagnostic]) -> Counter:
    return Counter(d.code for d in diags if d.severity >= Severity.ERROR)


def _worse(before: Any, after: Any) -> bool:
    """True when ``after`` cannot be read or has an error-level finding ``before`` had not."""
    if after.article is None:
        return True
    old, new = _errors(before.diagnostics), _errors(after.diagnostics)
    return any(n > old[code] for code, n in new.items())


def fix_results(engine: "Engine", results: Iterable[FileResult], write: bool,
                unsafe: bool = False) -> Iterator[FileResult]:
    """Each result with its fixes worked out (``original``, ``fixed``, ``fixes_applied``).

    ``write``: fixed files are written back, and the result is the fixed text's
    (a file that cannot or must not be written keeps its findings, and
    ``not_written`` says why). Otherwise nothing is written and the findings are
    the original's (``--diff``). Standard input is fixed in memory, never written
    (its result is the fixed text's when ``write``); unreadable files pass through.
    """
    for res in results:
        art = res.article
        if art is None:
            yield res
            continue
        if not art.editable:  # a Word file: lintnews reads it, never writes it
            why = ("lintnews does not change Word files; make the changes in Word "
                   "(line = paragraph, column = character)") if res.diagnostics else None
            yield dataclasses.replace(res, not_written=why)
            continue
        original = art.source
        current, current_res, applied = fix_source(
            original, res, lambda text: engine.recheck(art.path, fixes.encode(text, art.encoding, art.bom)),
            unsafe)
        out = current_res if write else res
        if write and current != original and not res.from_stdin:
            try:
                fixes.write_fixed(Path(art.path), fixes.encode(current, art.encoding, art.bom), art.digest)
            except fixes.NotWritten as ex:  # say why, keep its findings, go on with the others
                out, applied = dataclasses.replace(res, not_written=str(ex)), 0
        yield dataclasses.replace(out, original=original, fixed=current, fixes_applied=applied,
                                  from_stdin=res.from_stdin)
