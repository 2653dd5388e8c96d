"""The one place where the audit lints an article.

Every article an audit checks, on whatever worker, goes through ``lint_articles`` (a
partition at once) or ``lint_article``: the public API's ``lintnews.lint_texts`` and
``lintnews.lint_text``, so an audit finds what ``check`` finds.
"""
from __future__ import annotations

import datetime as _dt
from pathlib import Path
from typing import Any

from ..config import Config
from ..diagnostics import Diagnostic


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
    import lintnews

    # the API keeps one engine per config (rules and model load once per worker); the
    # date goes with the call, so an archive's many dates share it
    return lintnews.lint_text(text, path=path, config=config, date=date)


def lint_articles(items: list[tuple[str, str, _dt.date | None]], config: Config) -> list[list[Diagnostic]]:
    """``lint_article`` for many ``(text, path, date)`` at once, parsed together."""
    import lintnews

    return lintnews.lint_texts([(t, p) for t, p, _ in items], config=config, dates=[d for _, _, d in items])


def warm(config: Config) -> None:
    """Load the rules and the model now (a worker does this once, as it starts)."""
    lint_article("Warm-up text.\n", "warm-up.txt", config)

