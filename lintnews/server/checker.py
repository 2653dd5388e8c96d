"""Checking an open document through the public API, in a worker thread.

What stays loaded between checks is the API's (the model, the rules, each folder's
config); this module adds a result cache keyed on the document's text, path, format and
the stamp of its config files, and notices when those files change on disk.
"""
from __future__ import annotations

import hashlib
import threading
from collections import OrderedDict
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlparse

from pygls.uris import to_fs_path

import lintnews

# languageId -> lintnews format (anything else: by the file's suffix, else plain text)
LANGUAGES = {"markdown": "markdown", "html": "html", "plaintext": "text", "text": "text"}
SUFFIXES = {".md": "markdown", ".markdown": "markdown", ".mdown": "markdown",
            ".html": "html", ".htm": "html", ".xhtml": "html", ".txt": "text", ".text": "text"}
CACHE_SIZE = 256  # results kept (a news article's are a few KB)


@dataclass(frozen=True)
class Target:
    """Where a document is checked as: the path (config, per-file-ignores) and format."""

    path: Path
    fmt: str


def target(uri: str, language_id: str | None, root: Path) -> Target:
    """The path and format for a document. A ``file:`` document is its own path; an
    unsaved one (``untitled:``) is checked as a file in the workspace's root, so that it
    gets the root's config."""
    parsed = urlparse(uri)
    if parsed.scheme == "file":
        path = Path(to_fs_path(uri) or unquote(parsed.path))
    else:
        name = unquote(parsed.path or parsed.netloc or "untitled").replace("/", "_")
        path = root / name
    fmt = LANGUAGES.get(language_id or "") or SUFFIXES.get(path.suffix.lower(), "text")
    return Target(path, fmt)


class Checker:
    """Checks documents (thread-safe): results cached, config changes noticed."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._results: OrderedDict[tuple, list[lintnews.Diagnostic]] = OrderedDict()
        self._stamps: dict[Path, tuple] = {}
        self.hits = self.misses = 0

    def check(self, text: str, where: Target, cancel: threading.Event | None = None) -> list[lintnews.Diagnostic]:
        """The document's diagnostics; raises ConfigError, ModelError or Cancelled."""
        folder = where.path.parent
        stamp = self.stamp(folder)
        digest = hashlib.sha256(text.encode("utf-8", "surrogatepass")).digest()
        key = (str(where.path), where.fmt, digest, stamp)
        with self._lock:
            hit = self._results.get(key)
            if hit is not None:
                self._results.move_to_end(key)
                self.hits += 1
                return hit
            self.misses += 1
        found = lintnews.lint_text(text, path=where.path, format=where.fmt, cancel=cancel)
        with self._lock:
            self._results[key] = found
            while len(self._results) > CACHE_SIZE:
                self._results.popitem(last=False)
        return found

    def stamp(self, folder: Path) -> tuple:
        """The folder's config stamp; when it changed since the last check there, the API
        forgets every config and rule file it read (they are read again on demand)."""
        stamp = lintnews.config_stamp(folder)
        with self._lock:
            before = self._stamps.get(folder)
            if before is not None and before != stamp:
                lintnews.reload()
                self._stamps.clear()
                self._results.clear()
            self._stamps[folder] = stamp
        return stamp

    def forget(self) -> None:
        """Config files changed (the client says so): read them again."""
        with self._lock:
            lintnews.reload()
            self._stamps.clear()
            self._results.clear()

    def rule(self, code: str, folder: Path):
        """The rule ``code`` as files in ``folder`` see it (for hovers), or None."""
        try:
            return next((r for r in lintnews.rules(folder) if r.code == code), None)
        except lintnews.ConfigError:
            return None
