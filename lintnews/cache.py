"""Per-file result cache: an unchanged file costs a hash, and never loads spaCy.

Entries are keyed by the file's bytes, its displayed path, the lintnews version
(and code), the rule files and the effective configuration. Each entry is one
JSON file written atomically (temp file + rename), so concurrent runs never see
half an entry; an entry that does not parse is ignored and rewritten.
"""
from __future__ import annotations

import hashlib
import json
import os
import stat
import tempfile
from dataclasses import fields
from functools import lru_cache
from pathlib import Path
from typing import Any

from .diagnostics import Diagnostic, Edit, Fix, Location, Related, Severity

FORMAT = 1
DEFAULT_DIR = ".lintnews_cache"


@lru_cache(maxsize=1)
def code_fingerprint() -> str:
    """The version plus size and mtime of every module: a changed kind invalidates entries."""
    from . import __version__

    h = hashlib.sha256(f"{FORMAT}:{__version__}".encode())
    root = Path(__file__).resolve().parent
    for p in sorted(root.rglob("*.py")):
        st = p.stat()
        h.update(f"{p.relative_to(root)}:{st.st_size}:{st.st_mtime_ns}".encode())
    return h.hexdigest()


def rules_fingerprint(rule_dirs: tuple[Path, ...]) -> str:
    """A hash of every rule file's contents (built-in and the config's rule-dirs)."""
    from .registry import builtin_rules_dir

    h = hashlib.sha256()
    for d in (builtin_rules_dir(), *rule_dirs):
        d = Path(d)
        if not d.is_dir():
            continue
        for p in sorted(list(d.glob("*.yml")) + list(d.glob("*.yaml"))):
            if not os.path.isfile(p):  # never a FIFO; loading the rules reports it
                continue
            h.update(p.name.encode("utf-8", "surrogateescape"))
            h.update(p.read_bytes())
    return h.hexdigest()


def config_fingerprint(cfg: Any, extra: Any = None) -> str:
    """A hash of the settings that change results (not where the config file lives)."""
    values = {f.name: getattr(cfg, f.name) for f in fields(cfg) if f.name not in ("root", "source", "jobs",
                                                                                  "cache_dir")}
    if cfg.per_file_ignores:
        values["root"] = cfg.root  # globs are relative to the config's folder
    return hashlib.sha256(repr((sorted(values.items(), key=lambda kv: kv[0]), extra)).encode()).hexdigest()


class Cache:
    """A directory of JSON entries."""

    def __init__(self, directory: Path) -> None:
        self.dir = Path(directory)
        self.hits = self.misses = 0

    def key(self, display_path: str, data: bytes, settings_key: str) -> str:
        h = hashlib.sha256()
        # a file name need not be UTF-8: its undecodable bytes come back as they were
        path = display_path.encode("utf-8", "surrogateescape")
        for part in (code_fingerprint().encode(), settings_key.encode(), path, data):
            h.update(len(part).to_bytes(8, "little"))
            h.update(part)
        return h.hexdigest()

    def _path(self, key: str) -> Path:
        return self.dir / key[:2] / f"{key}.json"

    def get(self, key: str) -> list[Diagnostic] | None:
        """The cached diagnostics, or None (a miss) when absent, old or damaged in any way."""
        path = self._path(key)
        try:
            if not stat.S_ISREG(os.stat(path).st_mode):  # a FIFO would hang the read
                raise ValueError("not a regular file")
            raw = json.loads(path.read_text(encoding="utf-8", errors="surrogateescape"))
            if not isinstance(raw, dict) or raw.get("format") != FORMAT:
                raise ValueError("old format or not an entry")
            items = raw["diagnostics"]
            if not isinstance(items, list):
                raise ValueError("'diagnostics' is not a list")
            diags = [from_dict(d) for d in items]
        except FileNotFoundError:
            self.misses += 1
            return None
        except (OSError, ValueError, KeyError, TypeError, AttributeError, RecursionError):
            self.misses += 1  # corrupt, half-written by a crashed run, or edited: recompute
            return None
        self.hits += 1
        return diags

    def put(self, key: str, diags: list[Diagnostic]) -> None:
        target = self._path(key)
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            gi = self.dir / ".gitignore"
            if not gi.exists():
                gi.write_text("# created by lintnews\n*\n", encoding="utf-8")
            payload = json.dumps({"format": FORMAT, "diagnostics": [to_dict(d) for d in diags]},
                                 ensure_ascii=False)
            fd, tmp = tempfile.mkstemp(dir=str(target.parent), suffix=".tmp")
            with os.fdopen(fd, "w", encoding="utf-8", errors="surrogateescape") as fh:  # any file name
                fh.write(payload)
            os.replace(tmp, target)
        except (OSError, ValueError):
            pass  # a read-only or full disk only costs the cache


def to_dict(d: Diagnostic) -> dict[str, Any]:
    out = d.as_dict()
    out["text"] = d.text
    if d.fix:
        out["fix"] = {"message": d.fix.message, "safe": d.fix.safe,
                      "edits": [[e.start, e.end, e.text] for e in d.fix.edits]}
    return out


def _get(o: Any, key: str, typ: type, default: Any = ..., least: int = 0) -> Any:
    """``o[key]`` checked to be a ``typ`` (ints at least ``least``); ValueError when it is not."""
    if not isinstance(o, dict):
        raise ValueError("not an object")
    v = o.get(key, default)
    if v is ...:
        raise KeyError(key)
    if not isinstance(v, typ) or typ is int and (isinstance(v, bool) or v < least):
        raise ValueError(f"{key!r} has the wrong type or value: {v!r}")
    return v


def _location(o: Any) -> Location:
    return Location(_get(o, "path", str), *(_get(o, k, int, least=1)
                                            for k in ("line", "column", "end_line", "end_column")))


def _edit(e: Any) -> Edit:
    if not (isinstance(e, list) and len(e) == 3):
        raise ValueError(f"not an edit: {e!r}")
    o = dict(zip(("start", "end", "text"), e))
    return Edit(_get(o, "start", int), _get(o, "end", int), _get(o, "text", str))


def from_dict(o: Any) -> Diagnostic:
    """A Diagnostic from a cache entry; ValueError/KeyError for anything of the wrong shape."""
    fix = None
    if _get(o, "fix", (dict, type(None)), None):
        f = o["fix"]
        fix = Fix(_get(f, "message", str), tuple(_edit(e) for e in _get(f, "edits", list)),
                  _get(f, "safe", bool))
    related = [Related(_location(r), _get(r, "message", str)) for r in _get(o, "related", list, [])]
    loc = _location(o)
    return Diagnostic(path=loc.path, line=loc.line, column=loc.column, end_line=loc.end_line,
                      end_column=loc.end_column, code=_get(o, "code", str), rule=_get(o, "rule", str),
                      severity=Severity.parse(_get(o, "severity", str)), message=_get(o, "message", str),
                      related=related, fix=fix, text=_get(o, "text", str, ""))
