"""Scheduling a run: the result cache first, then the files left over ``jobs`` worker
processes, results yielded in the order given."""
from __future__ import annotations

import dataclasses
import os
from typing import TYPE_CHECKING, Any, Callable, Iterator

from .. import sources
from ..config import Config
from .model import FileResult, RunOptions
from .pipeline import check_files

if TYPE_CHECKING:
    from . import Engine

Progress = Callable[[int], None]


def jobs(engine: "Engine", n_files: int = 1 << 30) -> int:
    """Worker processes: --jobs, else the config's ``jobs``; 0 means one per CPU.

    Unset, it is the CPU count once there are enough files to pay for each
    worker loading the model (about 8 per worker), else 1.
    """
    n = engine.options.jobs
    if n is None:
        n = engine.config_in().jobs
    cpus = os.cpu_count() or 1
    if n is None:
        n = cpus if n_files >= 16 else 1
    elif n == 0:
        n = cpus
    return max(1, min(n, n_files // 4 if n > 1 else 1))


def result_cache(engine: "Engine") -> Any:
    """The result cache, or None when disabled (one per engine)."""
    if not engine.options.cache:
        return None
    if engine._cache is None:
        from ..cache import DEFAULT_DIR, Cache
        from pathlib import Path

        engine._cache = Cache(engine.config_in().cache_dir or Path.cwd() / DEFAULT_DIR)
    return engine._cache


def settings_key(engine: "Engine", cfg: Config) -> str:
    """What, besides the file, decides its findings: rules, config, --date."""
    keys = engine._settings_keys
    if cfg not in keys:
        from ..cache import config_fingerprint, rules_fingerprint

        engine.check_selectors(cfg, engine.rules_for(cfg))  # a typo is an error even on a cache hit
        keys[cfg] = rules_fingerprint(cfg.rule_dirs) + config_fingerprint(cfg, engine.options.date)
    return keys[cfg]


def run(engine: "Engine", names: list[str], stdin_data: bytes | None = None,
        progress: Progress | None = None) -> Iterator[FileResult]:
    """Check every file, yielding results in the order given as they become ready.

    Unchanged files come from the cache (no parse, no spaCy import); the rest are
    checked over ``jobs()`` processes. ``progress(n)`` is called as files finish.
    """
    from pathlib import Path

    ready: dict[int, FileResult] = {}
    cache = result_cache(engine)
    keys: dict[int, str] = {}
    todo: list[int] = []
    for i, name in enumerate(names):
        if cache is None or name == "-":
            todo.append(i)
            continue
        try:
            data = sources.read_bytes(name)  # never a FIFO or a device
        except (OSError, sources.InputError):
            todo.append(i)  # checked below, where it gets its E001
            continue
        key = cache.key(name, data, settings_key(engine, engine.config_for(Path(name))))
        hit = cache.get(key)
        if hit is None:
            keys[i] = key
            todo.append(i)
        else:
            ready[i] = FileResult(name, hit, source=sources.decode_lenient(data, name))
            if progress:
                progress(1)
    next_i = 0
    for i, res in zip(todo, _compute(engine, [names[i] for i in todo], stdin_data, progress)):
        ready[i] = dataclasses.replace(res, from_stdin=True) if names[i] == "-" else res
        if i in keys and not any(d.code == "E002" for d in res.diagnostics):
            cache.put(keys[i], res.diagnostics)
        while next_i in ready:
            yield ready.pop(next_i)
            next_i += 1
    while next_i < len(names):  # the cache hits after the last file checked
        yield ready.pop(next_i)
        next_i += 1


def _compute(engine: "Engine", names: list[str], stdin_data: bytes | None,
             progress: Progress | None) -> Iterator[FileResult]:
    n = jobs(engine, len(names))
    if n < 2 or "-" in names:
        for r in check_files(engine, names, stdin_data):
            if progress:
                progress(1)
            yield r
        return
    import concurrent.futures as cf
    import multiprocessing

    size = max(1, min(16, len(names) // (n * 4)))  # small chunks: even load, live progress
    chunks = [names[i:i + size] for i in range(0, len(names), size)]
    try:
        ctx = multiprocessing.get_context("fork" if os.name == "posix" else "spawn")
        with cf.ProcessPoolExecutor(n, mp_context=ctx) as pool:
            for part in pool.map(_run_chunk, [(engine.options, c) for c in chunks]):
                for r in part:
                    if progress:
                        progress(1)
                    yield r
    except (OSError, cf.process.BrokenProcessPool):  # no processes here: do it in one
        yield from check_files(engine, names, stdin_data)


_WORKER: dict[str, Any] = {}


def _run_chunk(args: tuple[RunOptions, list[str]]) -> list[FileResult]:
    """A worker process: check some files with this process's engine (built once)."""
    from . import Engine

    options, names = args
    engine = _WORKER.get(repr(options))
    if engine is None:
        engine = _WORKER[repr(options)] = Engine(options)
    out = []
    for r in check_files(engine, names):
        if r.article is not None:  # the source is all a report needs: keep the pickle small
            r.source, r.article = r.article.source, None
        out.append(r)
    return out
