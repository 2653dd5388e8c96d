"""``lintnews audit``: check an archive on Dask and report on it.

    sources.py  folders, JSON Lines, CSV, Parquet (gzip too) -> partitions of records
    lint.py     the one function that lints an article (the public API's entry point)
    work.py     what a worker does with a partition: findings and article rows
    run.py      the Dask cluster and the streamed, bounded run
    store.py    part files, completion markers, the combined Parquet files
    report.py   summary.json and report.html (charts.py draws the bars)

Dask and pyarrow are optional (the ``audit`` extra, ``pip install ".[audit]"``): nothing here imports
them until an audit runs.
"""
from __future__ import annotations

import datetime as _dt
import hashlib
import importlib
import json
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, Callable

from .sources import Columns
from .store import AuditError

INSTALL_HINT = ('install them with: pip install "dask[distributed]>=2024.1" "pyarrow>=14" (the `audit` '
                'extra: pip install ".[audit]" in a checkout of lintnews)')
NEEDED = (("distributed", "dask[distributed]"), ("pyarrow", "pyarrow"))


class MissingDependency(AuditError):
    """Dask or pyarrow is not installed."""


@dataclass
class AuditOptions:
    """What ``lintnews audit`` was asked to do."""

    sources: list[str]
    out: Path
    columns: Columns = field(default_factory=Columns)
    batch_size: int = 100
    scheduler: str | None = None
    workers: int | None = None
    dashboard: bool = False
    force: bool = False
    overrides: dict[str, Any] = field(default_factory=dict)
    config_file: Path | None = None
    isolated: bool = False


def require() -> None:
    """Raise MissingDependency, saying how to install, when Dask or pyarrow is missing."""
    missing = []
    for module, package in NEEDED:
        try:
            importlib.import_module(module)
        except ImportError:
            missing.append(package)
    if missing:
        raise MissingDependency(f"lintnews audit needs {' and '.join(missing)}: {INSTALL_HINT}")


def run_audit(options: AuditOptions, progress: Callable[[int | None], Any] | None = None,
              version: str = "", notify: Callable[[str], None] | None = None) -> dict[str, Any]:
    """Run an audit into ``options.out``; returns the summary (also in summary.json).

    ``progress(total)`` makes a progress display: called with how many articles each
    finished (or skipped) partition held, then closed. Raises AuditError (or
    ConfigError, ModelError) for what stops a run. ``notify`` is told where the
    dashboard is, when there is one.
    """
    require()
    from ..engine import Engine, RunOptions
    from . import run as dask_run
    from .lint import resolve_config
    from .sources import partitions, plan
    from .store import PartStore

    if options.batch_size < 1:
        raise AuditError("--batch-size must be at least 1")
    if options.workers is not None and (options.workers < 1 or options.scheduler):
        raise AuditError("--workers must be at least 1" if options.workers < 1 else
                         "--workers sets the local cluster's size; with --scheduler, the cluster's workers are used")
    config = resolve_config(options.overrides, options.config_file, options.isolated)
    walker = Engine(RunOptions(overrides=options.overrides, config_file=options.config_file,
                               isolated=options.isolated))
    planned = plan(options.sources, lambda d: walker.discover([d]))
    store = PartStore(options.out)
    manifest = _manifest(options, planned, config, version)
    store.prepare(manifest, options.force)
    started = time.monotonic()
    with dask_run.connect(options.scheduler, options.workers, options.dashboard) as client:
        if options.dashboard and notify:
            notify(dask_run.dashboard_note(client))
        dask_run.prepare_workers(client, config)
        total = sum(len(s.files) for s in planned) if all(s.kind in ("dir", "file") for s in planned) else None
        advance = progress(total) if progress else None
        try:
            stats = dask_run.run_partitions(client, partitions(planned, options.columns, options.batch_size),
                                            store, config, advance)
        finally:
            if advance is not None:
                advance.close()
        memory = dask_run.peak_memory(client)
        workers = len(client.nthreads())
        dashboard = client.dashboard_link if options.dashboard else None
    run = {**stats, "sources": options.sources, "batch_size": options.batch_size, "workers": workers,
           "cluster": options.scheduler or "local (127.0.0.1)", "dashboard": dashboard,
           "peak_memory_mb": memory, "elapsed_s": round(time.monotonic() - started, 2),
           "rules": _rules_label(options.overrides), "lintnews": version,
           "finished": _dt.datetime.now().astimezone().isoformat(timespec="seconds")}
    return finish(store, run, version)


def finish(store: Any, run: dict[str, Any], version: str) -> dict[str, Any]:
    """Combine the parts into findings.parquet and articles.parquet, and write
    summary.json and report.html from them."""
    from .report import Aggregate, write_report

    agg = Aggregate()
    store.combine(agg.add)
    summary = agg.summary(run)
    tmp = store.out / ".tmp-summary.json"
    tmp.write_text(json.dumps(summary, indent=2, ensure_ascii=False, default=str) + "\n", encoding="utf-8")
    tmp.replace(store.out / "summary.json")
    write_report(store.out / "report.html", summary, agg.examples, version)
    return summary


def _manifest(options: AuditOptions, planned: list, config: Any, version: str) -> dict[str, Any]:
    """What decides the partitions and their findings: a run resumes only when it matches."""
    decided = {"sources": [s.fingerprint() for s in planned], "columns": asdict(options.columns),
               "batch_size": options.batch_size, "config": repr(config), "lintnews": version}
    digest = hashlib.sha256(json.dumps(decided, sort_keys=True, default=str).encode()).hexdigest()
    return {"fingerprint": digest, "sources": options.sources, "columns": asdict(options.columns),
            "batch_size": options.batch_size, "lintnews": version}


def _rules_label(overrides: dict[str, Any]) -> str:
    parts = [f"--{k.replace('_', '-')} {','.join(v)}" for k, v in overrides.items()
             if k in ("select", "ignore", "extend_select") and v]
    return " ".join(parts) or "the configured selection"
