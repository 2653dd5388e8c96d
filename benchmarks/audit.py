#!/usr/bin/env python3
"""The audit on Dask: 2 workers against 1, and against `check --jobs 2` on the same articles.

    python benchmarks/audit.py [--articles 2000] [--corpus DIR] [--batch-size 100]

Articles are made by recombining the paragraphs of DIR (default shared/eval/dev/clean
beside the project when it exists, else seeds/), written once as a JSONL dump (for the audit) and as files
(for check); nothing is kept. Each run is a fresh `lintnews` process, timed from start to
exit (cluster start, model loads, report included); the 2-worker audit and check run
--repeat times, interleaved, and the best of each counts. Prints wall times, the speed-up
(target at least 1.7x), the audit's overhead against check (target at most 10%), each
worker's peak memory, and the machine's load average before and after.
"""
from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from generated import articles  # noqa: E402


def timed(args: list[str], cwd: Path) -> tuple[float, float]:
    """(wall seconds, CPU seconds of the process and every process it started)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    res = subprocess.run([sys.executable, "-m", "lintnews", *args], cwd=cwd, stdout=subprocess.DEVNULL,
                         stderr=subprocess.PIPE, text=True)
    elapsed = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    print(f"  lintnews {args[0]} {' '.join(a for a in args[1:] if a.startswith('--w') or a.isdigit())}: "
          f"{elapsed:.1f} s; load average now {os.getloadavg()[0]:.2f}", file=sys.stderr, flush=True)
    if res.returncode not in (0, 1):
        sys.exit(f"lintnews {' '.join(args)} failed ({res.returncode}):\n{res.stderr}")
    return elapsed, (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)


def corpus(n: int, folder: Path, work: Path) -> tuple[Path, Path, int]:
    rows = articles(n, seed=2000, folder=folder)
    dump = work / "dump.jsonl"
    files = work / "files"
    files.mkdir()
    words = 0
    with dump.open("w", encoding="utf-8") as fh:
        for r in rows:
            # no date: a .txt file for check carries none, and a dated article is checked for
            # more (weekdays against dates, relative dates): the two must do the same work
            fh.write(json.dumps({"id": r["id"], "headline": r["headline"], "text": r["text"],
                                 "section": r["section"]}) + "\n")
            (files / f"{r['id']}.txt").write_text(f"{r['headline']}\n\n{r['text']}", encoding="utf-8")
            words += len(r["text"].split())
    return dump, files, words


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--articles", type=int, default=2000)
    ap.add_argument("--corpus", type=Path, default=None)
    ap.add_argument("--batch-size", type=int, default=100)
    ap.add_argument("--repeat", type=int, default=2, help="runs of audit (2 workers) and check, interleaved")
    args = ap.parse_args()
    # the evaluation set beside the project (or beside the worktrees), else the seeds
    candidates = [ROOT.parent / "shared", ROOT.parent.parent / "shared"]
    folder = args.corpus or next((c / "eval" / "dev" / "clean" for c in candidates
                                  if (c / "eval" / "dev" / "clean").is_dir()), ROOT / "seeds")
    load_before = os.getloadavg()
    with tempfile.TemporaryDirectory(prefix="lintnews-bench-audit-") as tmp:
        work = Path(tmp)
        dump, files, words = corpus(args.articles, folder, work)
        common = ["--isolated", "--batch-size", str(args.batch_size)]
        (t1, c1) = timed(["audit", str(dump), "--out", str(work / "w1"), "--workers", "1", *common], work)
        runs: dict[str, list[tuple[float, float]]] = {"audit": [], "check": []}
        for _ in range(args.repeat):  # interleaved, best of each: the machine's load comes and goes
            runs["check"].append(timed(["check", "--isolated", "--no-cache", "--jobs", "2", "--format", "jsonl",
                                        str(files)], work))
            runs["audit"].append(timed(["audit", str(dump), "--out", str(work / "w2"), "--workers", "2",
                                        "--force", *common], work))
        (t2, c2), (tc, cc) = min(runs["audit"]), min(runs["check"])
        s1 = json.loads((work / "w1" / "summary.json").read_text())
        s2 = json.loads((work / "w2" / "summary.json").read_text())
    load_after = os.getloadavg()
    print(f"corpus: {args.articles} articles ({words:,} words) from paragraphs of {folder}")
    print(f"machine: {os.cpu_count()} CPUs; load average before {load_before[0]:.2f} {load_before[1]:.2f} "
          f"{load_before[2]:.2f}, after {load_after[0]:.2f} {load_after[1]:.2f} {load_after[2]:.2f}")
    print(f"audit, 1 worker : {t1:7.1f} s wall, {c1:7.1f} s CPU  ({args.articles / t1:5.1f} articles/s, "
          f"{s1['findings']:,} findings)")
    print(f"audit, 2 workers: {t2:7.1f} s wall, {c2:7.1f} s CPU  ({args.articles / t2:5.1f} articles/s, "
          f"{s2['findings']:,} findings)")
    print(f"check --jobs 2  : {tc:7.1f} s wall, {cc:7.1f} s CPU  ({args.articles / tc:5.1f} articles/s)")
    print("every run (wall, CPU): " + "; ".join(f"{k} " + ", ".join(f"({w:.1f}, {c:.1f})" for w, c in v)
                                                  for k, v in runs.items()))
    print(f"speed-up 2 workers / 1: {t1 / t2:.2f}x wall (target >= 1.7x); CPU 2 workers / 1: {c2 / c1:.2f}")
    print(f"audit overhead vs check --jobs 2: {(t2 / tc - 1) * 100:+.1f}% wall, {(c2 / cc - 1) * 100:+.1f}% CPU "
          f"(target <= 10%)")
    for label, s in (("1 worker", s1), ("2 workers", s2)):
        mem = ", ".join(f"{v:.0f} MB" for v in s["run"]["peak_memory_mb"].values())
        print(f"peak memory per worker ({label}): {mem}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
