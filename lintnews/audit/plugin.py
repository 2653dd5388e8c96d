"""The worker plugin: each Dask worker process loads the rules and the spaCy model once,
as it joins, instead of on its first article (imported only where Dask is installed)."""
from __future__ import annotations

from distributed.diagnostics.plugin import WorkerPlugin

from ..config import Config


class WarmUp(WorkerPlugin):
    """Runs ``lint.warm`` in every worker, present and future."""

    name = "lintnews-warm-up"

    def __init__(self, config: Config) -> None:
        self.config = config

    def setup(self, worker) -> None:
        from .lint import warm

        warm(self.config)
