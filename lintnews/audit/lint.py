"""The one place where the audit lints an article.

Every article an audit checks, on whatever worker, goes through ``lint_article``.
Today it calls the engine directly; once the public API (``lintnews.lint_text``)
exists, the marked line below is the only one that changes.
"""
from __future__ import annotations

import dataclasses
import datetime as _dt
import threading
from pathlib import Path
from typing import Any

from ..config import Config
from ..diagnostics import Diagnostic

_ENGINES: dict[str, Any] = {}  # per worker process and settings: rules and model load once
_LOCK = threading.Lock()  # an engine holds one article's publication date at a time


def resolve_config(overrides: dict[str, Any], config_file: Path | None = None,
                   isolated: bool = False) -> Config:
    """The effective settings of an audit, resolved once where the command runs.

    Workers may run on machines that cannot see the config files, so they are
    sent this resolved Config. Raises ConfigError (a typo in a selector, a bad
    rule option) here rather than on every worker.
    """
    from ..engine import Engine, RunOptions

    engine = Engine(RunOptions(overrides=overrides, config_file=config_file, isolated=isolated))
    cfg = engine.config_for(Path.cwd() / "x")
    engine.active_rules(cfg)
    return cfg


def lint_article(text: str, path: str, config: Config, date: _dt.date | None = None) -> list[Diagnostic]:
    """Diagnostics for one article's text, linted as the file ``path`` (its suffix picks the
    format) with ``config``; ``date`` is its publication date when the source gives one."""
    # Merge with issue 11: `return lintnews.lint_text(text, path=path, config=config)`, with the
    # date carried by the config if the API has one there (e.g. dataclasses.replace(config, date=date)).
    engine = _engine(config)
    with _LOCK:
        engine.options.date = date  # not an engine per date: building one costs more than an article
        return engine.lint_text(text, path)


def warm(config: Config) -> None:
    """Load the rules and the model now (a worker does this once, as it starts)."""
    lint_article("Warm-up text.\n", "warm-up.txt", config)


def _engine(config: Config) -> Any:
    from ..engine import Engine, RunOptions

    key = repr(config)  # a Config may hold lists (rule options): not hashable
    engine = _ENGINES.get(key)
    if engine is None:
        # every field as an override over empty settings: exactly ``config``, no file read
        fields = {f.name: getattr(config, f.name) for f in dataclasses.fields(config)}
        engine = _ENGINES[key] = Engine(RunOptions(overrides=fields, isolated=True))
    return engine
