#!/usr/bin/env python3
"""Throughput: raw ``nlp.pipe`` against a full lintnews run over the same articles.

    python benchmarks/throughput.py [DIR] [--select CODES] [--repeat N]

DIR defaults to ../shared/eval/dev/clean when it exists, else a corpus generated
here. Both runs use the same model, pipes and batch size, in one process; the
model is loaded before timing starts. Prints words/s, docs/s, peak RSS and the
ratio lintnews/nlp.pipe (target: at most 1.15).
"""
from __future__ import annotations

import argparse
import random
import resource
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from lintnews import nlp as nlp_mod  # noqa: E402
from lintnews import sources  # noqa: E402
from lintnews.engine import Engine, RunOptions  # noqa: E402


def generated_corpus(n: int = 300) -> Path:
    """Articles assembled from the seed sentences, so the benchmark runs anywhere."""
    rng = random.Random(7)
    sentences = []
    for p in (ROOT / "seeds").glob("*.txt"):
        sentences += [s.strip() + "." for s in p.read_text(encoding="utf-8").split(". ") if len(s) > 30]
    out = Path(tempfile.mkdtemp(prefix="lintnews-bench-"))
    for i in range(n):
        paras = ["\n".join(rng.sample(sentences, min(3, len(sentences)))) for _ in range(6)]
        (out / f"a{i:04d}.txt").write_text(f"Headline number {i}\n\n" + "\n\n".join(paras) + "\n")
    return out


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("dir", nargs="?", type=Path)
    ap.add_argument("--select", help="rule selection for the lintnews run (default: every default rule)")
    ap.add_argument("--repeat", type=int, default=1, help="time each side N times, keep the best")
    args = ap.parse_args()
    corpus = args.dir or ROOT.parent / "shared" / "eval" / "dev" / "clean"
    if not corpus.is_dir():
        corpus = generated_corpus()
    files = sorted(str(p) for p in corpus.iterdir() if p.suffix in (".txt", ".md", ".html"))
    articles = [a for a in (sources.load(f) for f in files) if hasattr(a, "offsets")]
    texts = [a.text for a in articles]
    words = sum(len(t.split()) for t in texts)
    nlp = nlp_mod.load(nlp_mod.resolve_model())
    list(nlp.pipe(texts[:2]))  # warm up

    def raw() -> None:
        for _ in nlp.pipe(texts, batch_size=32):
            pass

    overrides = {"select": tuple(args.select.split(","))} if args.select else {}
    engine = Engine(RunOptions(overrides=overrides, isolated=True, cache=False, jobs=1))
    engine.run(files[:2])  # warm up: kinds imported, matchers built

    def lint() -> None:
        engine.run(files)

    def best(fn) -> float:
        times = []
        for _ in range(args.repeat):
            t = time.perf_counter()
            fn()
            times.append(time.perf_counter() - t)
        return min(times)

    t_raw = best(raw)
    t_lint = best(lint)
    print(f"corpus: {corpus} ({len(texts)} docs, {words} words); model {nlp.meta.get('name')}")
    print(f"nlp.pipe  : {t_raw:7.2f}s  {words / t_raw:9.0f} words/s  {len(texts) / t_raw:7.1f} docs/s")
    print(f"lintnews  : {t_lint:7.2f}s  {words / t_lint:9.0f} words/s  {len(texts) / t_lint:7.1f} docs/s"
          f"  ({args.select or 'all default rules'})")
    print(f"ratio lintnews / nlp.pipe = {t_lint / t_raw:.3f}  (target <= 1.15)")
    print(f"peak RSS: {peak_rss_mb():.0f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
