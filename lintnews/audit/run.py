"""The Dask side of an audit: a cluster (local by default), partitions streamed to it with
a bounded number in flight, each finished one written as soon as it comes back.

Memory stays bounded whatever the archive size: the client holds at most
``2 x worker threads`` partitions (their text) at a time, and the results of one.
"""
from __future__ import annotations

import contextlib
import logging
import os
import sys
import tempfile
import time
from typing import Any, Callable, Iterable, Iterator

from ..config import Config
from .sources import Partition
from .store import AuditError, PartStore
from .work import check_partition, check_record, error_rows

LOCAL_HOST = "127.0.0.1"  # the local cluster listens here only
# The workers' statistical profiler samples every thread 100 times a second: a cost on every
# article for a chart nobody opens unless they asked for the dashboard.
LOCAL_CONFIG = {"distributed.worker.profile.enabled": False}


def default_workers() -> int:
    """Worker processes for the local cluster: one per CPU, at most 4."""
    return max(1, min(os.cpu_count() or 1, 4))


@contextlib.contextmanager
def connect(scheduler: str | None, workers: int | None, dashboard: bool) -> Iterator[Any]:
    """A Dask client: to ``scheduler`` when given, else to a new local cluster of ``workers``
    processes of one thread each, listening on 127.0.0.1 only, its dashboard off unless asked."""
    import dask
    from distributed import Client, LocalCluster

    with contextlib.ExitStack() as stack:
        if scheduler:
            try:
                client = stack.enter_context(Client(scheduler, timeout="30s"))
            except (OSError, TimeoutError) as ex:
                raise AuditError(f"--scheduler {scheduler}: cannot connect: {ex}") from None
        else:
            scratch = stack.enter_context(tempfile.TemporaryDirectory(prefix="lintnews-dask-"))
            stack.enter_context(dask.config.set(LOCAL_CONFIG))  # the nannies hand it to their workers
            cluster = stack.enter_context(LocalCluster(
                n_workers=workers or default_workers(), threads_per_worker=1, processes=True,
                host=LOCAL_HOST, dashboard_address=f"{LOCAL_HOST}:8787" if dashboard else None,
                local_directory=scratch, silence_logs=logging.ERROR))
            client = stack.enter_context(Client(cluster))
        yield client


def dashboard_note(client: Any) -> str:
    """Where the dashboard is, or what it needs."""
    try:
        import bokeh  # noqa: F401  (Dask's dashboard is drawn with it)
    except ImportError:
        return "the Dask dashboard needs bokeh (pip install bokeh); running without it"
    return f"Dask dashboard: {client.dashboard_link}"


def prepare_workers(client: Any, config: Config) -> None:
    """Every worker (and any that joins later) loads the rules and the model once."""
    from .plugin import WarmUp

    try:
        client.wait_for_workers(1, timeout=120)
    except TimeoutError:
        raise AuditError("no Dask worker joined the scheduler within 120 s") from None
    client.register_plugin(WarmUp(config))


def run_partitions(client: Any, parts: Iterable[Partition], store: PartStore, config: Config,
                   advance: Callable[[int], None] | None = None) -> dict[str, int]:
    """Check every partition not finished yet; write each as it completes.

    Returns counts: partitions run and skipped, articles checked.
    """
    from distributed import as_completed

    threads = max(1, sum(client.nthreads().values()))
    limit = 2 * threads  # enough to keep every worker busy while one partition is written
    queue = as_completed()
    pending: dict[str, Partition] = {}
    stats = {"partitions_run": 0, "partitions_skipped": 0, "articles_checked": 0}
    run_id = f"{os.getpid()}-{time.monotonic_ns()}"

    def finish(future: Any) -> None:
        part = pending.pop(future.key)
        store.write(part.pid, _result(client, future, part, config))
        stats["partitions_run"] += 1
        stats["articles_checked"] += len(part.records)
        future.release()
        if advance:
            advance(len(part.records))

    for part in parts:
        if store.is_done(part.pid):
            stats["partitions_skipped"] += 1
            if advance:
                advance(len(part.records))
            continue
        future = client.submit(check_partition, part.records, config, key=f"lintnews-{run_id}-{part.pid}",
                               pure=False)
        pending[future.key] = part
        queue.add(future)
        while queue.count() >= limit:
            finish(next(queue))
    for future in queue:
        finish(future)
    return stats


def _result(client: Any, future: Any, part: Partition, config: Config) -> dict[str, list[dict]]:
    """A partition's rows; when its task failed (a worker died on it), each article is
    tried alone, one at a time (so that one cannot take another down with it), and the
    ones that fail again get an E002 row: the job goes on."""
    try:
        return future.result()
    except Exception as ex:
        why = f"{type(ex).__name__}: {ex}"
    out: dict[str, list[dict]] = {"findings": [], "articles": []}
    for rec in part.records:
        single = client.submit(check_record, rec, config, pure=False)
        try:
            rows, article = single.result()
        except Exception as ex:
            rows, article = error_rows(rec, f"the worker failed on this article ({type(ex).__name__}: {ex}; "
                                            f"its partition failed with {why})")
        single.release()
        out["findings"].extend(rows)
        out["articles"].append(article)
    return out


def peak_memory(client: Any) -> dict[str, float]:
    """Peak resident memory of each worker process so far, in MB."""
    try:
        return {addr: round(mb, 1) for addr, mb in client.run(_peak_rss_mb).items()}
    except Exception:  # a worker gone at the end: the audit is done anyway
        return {}


def _peak_rss_mb() -> float:
    import resource  # POSIX; elsewhere peak_memory() reports nothing

    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024
