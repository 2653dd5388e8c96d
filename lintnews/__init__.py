"""lintnews: a discrepancy and consistency linter for news text."""
from __future__ import annotations

try:
    from importlib.metadata import PackageNotFoundError, version

    __version__ = version("lintnews")
except Exception:  # running from a source tree that is not installed
    __version__ = "0.1.0"
