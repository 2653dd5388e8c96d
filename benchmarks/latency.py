#!/usr/bin/env python3
"""Wall-clock latency of the command a user runs.

    python benchmarks/latency.py [--repeat N]

1. single file, no cache: one ~600-word article, interpreter start and model load
   included (the pre-commit case; target < 2.5 s);
2. ``--jobs 1`` vs ``--jobs 2`` over 300 articles, no cache (target: 1.7x);
3. a warm-cache re-run over the same 300 articles (target < 1.5 s, no spaCy import).
"""
from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))


def run(args: list[str], cwd: Path) -> float:
    t = time.perf_counter()
    subprocess.run([sys.executable, "-m", "lintnews", *args], cwd=cwd, stdout=subprocess.DEVNULL,
                   stderr=subprocess.DEVNULL)
    return time.perf_counter() - t


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--skip-jobs", action="store_true", help="skip the 300-article runs")
    args = ap.parse_args()
    work = Path(tempfile.mkdtemp(prefix="lintnews-latency-"))
    clean = ROOT.parent / "shared" / "eval" / "dev" / "clean"
    if clean.is_dir():
        corpus = [p for p in sorted(clean.iterdir()) if p.suffix == ".txt"]
    else:
        from throughput import generated_corpus

        corpus = sorted(generated_corpus().iterdir())
    # one article of about 600 words
    single = min(corpus, key=lambda p: abs(len(p.read_text(encoding="utf-8").split()) - 600))
    shutil.copy(single, work / "article.txt")
    words = len((work / "article.txt").read_text(encoding="utf-8").split())
    times = [run(["check", "--isolated", "--no-cache", "article.txt"], work) for _ in range(args.repeat)]
    print(f"single file ({words} words), no cache: median {statistics.median(times):.2f}s "
          f"(runs: {', '.join(f'{t:.2f}' for t in times)}; target < 2.5s)")
    if args.skip_jobs:
        return 0
    arts = work / "articles"
    arts.mkdir()
    for i in range(300):
        src = corpus[i % len(corpus)]
        (arts / f"{i:03d}-{src.name}").write_bytes(src.read_bytes())
    t1 = run(["check", "--isolated", "--no-cache", "--jobs", "1", "articles"], work)
    t2 = run(["check", "--isolated", "--no-cache", "--jobs", "2", "articles"], work)
    print(f"300 articles, no cache: --jobs 1 {t1:.2f}s, --jobs 2 {t2:.2f}s, speed-up {t1 / t2:.2f}x "
          f"(target 1.7x)")
    run(["check", "--isolated", "articles"], work)  # fill the cache
    warm = [run(["check", "--isolated", "articles"], work) for _ in range(args.repeat)]
    print(f"300 articles, warm cache: median {statistics.median(warm):.2f}s (target < 1.5s)")
    shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
