"""Baselines: accepted findings recorded in a JSON file, keyed on path, code and a hash
of the flagged text (never the line, so edits elsewhere keep them)."""
from __future__ import annotations

import json
import os
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from ..config import ConfigError, resolved
from ..diagnostics import Diagnostic


def _baseline_path(path: str, root: Path | None) -> str:
    """A finding's path as the baseline records it: relative to the baseline's folder."""
    if root is not None and path != "-":
        try:
            return Path(os.path.relpath(resolved(Path(path)), resolved(root))).as_posix()
        except ValueError:  # another drive (Windows)
            pass
    return Path(path).as_posix()


def baseline_key(d: Diagnostic, root: Path | None = None) -> tuple[str, str, str]:
    """(path, code, hash of the flagged text): never the line, so edits elsewhere keep it."""
    return (_baseline_path(d.path, root), d.code, d.text_hash())


def write_baseline(path: Path, diags: list[Diagnostic]) -> None:
    """Record ``diags`` (internal errors excepted) as accepted findings."""
    counts = Counter(baseline_key(d, path.parent) for d in diags if d.code not in ("E001", "E002"))
    entries = [{"path": p, "code": c, "hash": h, "count": n} for (p, c, h), n in sorted(counts.items())]
    tmp = path.with_name(path.name + ".tmp")
    try:
        tmp.write_text(json.dumps({"version": 1, "entries": entries}, indent=2) + "\n", encoding="utf-8")
        os.replace(tmp, path)
    except OSError as ex:
        raise ConfigError(f"--write-baseline {path}: {ex.strerror or ex}") from None


def read_baseline(path: Path) -> Counter:
    """The accepted findings of a baseline file; ConfigError when it is missing or not one."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return Counter({(e["path"], e["code"], e["hash"]): int(e.get("count", 1)) for e in data["entries"]})
    except FileNotFoundError:
        raise ConfigError(f"{path}: baseline file not found (create it with --write-baseline)") from None
    except (OSError, ValueError, KeyError, TypeError) as ex:
        raise ConfigError(f"{path}: not a lintnews baseline ({ex})") from None


def filter_baseline(diags: list[Diagnostic], baseline: Counter, root: Path | None = None) -> list[Diagnostic]:
    """Drop findings the baseline accepts (each entry as many times as it was seen).

    ``root`` is the baseline file's folder, which its paths are relative to.
    """
    left = Counter(baseline)
    out = []
    for d in diags:
        k = baseline_key(d, root)
        if left[k] > 0:
            left[k] -= 1
            continue
        out.append(d)
    return out


@dataclass
class Baseline:
    """A baseline file's accepted findings."""

    path: Path
    accepted: Counter

    @classmethod
    def read(cls, path: Path) -> "Baseline":
        """Read ``path``; ConfigError when it is missing or not a baseline."""
        return cls(path, read_baseline(path))

    def filter(self, diags: list[Diagnostic]) -> list[Diagnostic]:
        """``diags`` less the findings this baseline accepts."""
        return filter_baseline(diags, self.accepted, root=self.path.parent)
