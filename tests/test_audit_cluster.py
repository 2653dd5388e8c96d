"""Slow: `lintnews audit --scheduler` against a cluster started the way users start one,
`dask scheduler` and two `dask worker` processes (on 127.0.0.1)."""
from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import run_cli
from generated import articles as generated_articles

pq = pytest.importorskip("pyarrow.parquet")
pytest.importorskip("distributed")

pytestmark = pytest.mark.slow


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def dask_cli() -> list[str]:
    exe = shutil.which("dask", path=str(Path(sys.executable).parent)) or shutil.which("dask")
    if exe is None:
        pytest.skip("the `dask` command is not installed")
    return [exe]


def wait_for_workers(address: str, n: int, timeout: float = 120) -> None:
    from distributed import Client

    with Client(address, timeout="30s") as client:
        client.wait_for_workers(n, timeout=timeout)


def test_audit_runs_on_an_existing_cluster(tmp_path):
    port = free_port()
    address = f"tcp://127.0.0.1:{port}"
    env = dict(os.environ)
    procs = [subprocess.Popen([*dask_cli(), "scheduler", "--host", "127.0.0.1", "--port", str(port),
                               "--no-dashboard"], cwd=tmp_path, env=env,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)]
    try:
        time.sleep(1)
        for k in range(2):
            procs.append(subprocess.Popen([*dask_cli(), "worker", address, "--host", "127.0.0.1",
                                           "--nthreads", "1", "--nworkers", "1", "--no-dashboard",
                                           "--name", f"w{k}", "--local-directory", str(tmp_path / f"w{k}")],
                                          cwd=tmp_path, env=env, stdout=subprocess.DEVNULL,
                                          stderr=subprocess.DEVNULL))
        wait_for_workers(address, 2)
        rows = [{"id": a["id"], "headline": a["headline"], "text": a["text"], "section": a["section"],
                 "date": a["date"]} for a in generated_articles(12, seed=5)]
        dump = tmp_path / "dump.jsonl"
        dump.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
        out = tmp_path / "out"
        res = run_cli("audit", str(dump), "--out", str(out), "--scheduler", address, "--batch-size", "2",
                      "--isolated", cwd=tmp_path, timeout=600)
        assert res.returncode == 0, res.stderr
        summary = json.loads((out / "summary.json").read_text())
        assert summary["articles"] == 12 and summary["run"]["workers"] == 2
        assert summary["run"]["cluster"] == address and len(summary["run"]["peak_memory_mb"]) == 2
        assert summary["run"]["partitions_run"] == 6 and summary["findings"] > 0
        ids = sorted(a["article_id"] for a in pq.read_table(out / "articles.parquet").to_pylist())
        assert ids == sorted(r["id"] for r in rows)
        assert (out / "report.html").stat().st_size > 10_000
    finally:
        for p in reversed(procs):
            p.terminate()
        for p in procs:
            try:
                p.wait(timeout=30)
            except subprocess.TimeoutExpired:
                p.kill()
