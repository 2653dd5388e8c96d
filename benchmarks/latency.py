#!/usr/bin/env python3
"""Wall-clock latency of what a user waits for.

    python benchmarks/latency.py [--repeat N] [--skip-jobs] [--skip-server] [--imports]

1. single file, no cache: one ~600-word article, interpreter start and model load
   included (the pre-commit case; target at most 1.5 s), with where the time goes;
2. ``--jobs 1`` vs ``--jobs 2`` over 300 articles, no cache (target: 1.7x);
3. a warm-cache re-run over the same 300 articles (target < 1.5 s, no spaCy import);
4. the language server: the time from ``didChange`` to ``publishDiagnostics`` for a
   ~600-word article once warm, without the 300 ms debounce (target at most 300 ms), and
   its memory after 50 documents.

The machine's load (``os.getloadavg``) is printed first and last: on a shared machine
every figure depends on it.
"""
from __future__ import annotations

import argparse
import os
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))
sys.path.insert(0, str(ROOT / "tests" / "server"))  # the tests' LSP client

DEBOUNCE = 0.3  # lintnews.server.app.DEBOUNCE


CPU: list[float] = []  # CPU seconds (user + system) of each run(): what it costs an idle core


def run(args: list[str], cwd: Path) -> float:
    """Wall seconds of ``lintnews ARGS``; its CPU seconds are appended to CPU."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t = time.perf_counter()
    subprocess.run([sys.executable, "-m", "lintnews", *args], cwd=cwd, stdout=subprocess.DEVNULL,
                   stderr=subprocess.DEVNULL)
    wall = time.perf_counter() - t
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    CPU.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
    return wall


def load() -> str:
    return "load average %.2f %.2f %.2f (%d CPUs)" % (*os.getloadavg(), os.cpu_count() or 1)


def corpus_files() -> list[Path]:
    evals = Path(os.environ.get("LINTNEWS_EVAL_DIR") or ROOT.parent / "shared" / "eval")
    clean = evals / "dev" / "clean"
    if clean.is_dir():
        return [p for p in sorted(clean.iterdir()) if p.suffix == ".txt"]
    from throughput import generated_corpus

    return sorted(generated_corpus().iterdir())


def near_600_words(corpus: list[Path]) -> Path:
    return min(corpus, key=lambda p: abs(len(p.read_text(encoding="utf-8").split()) - 600))


def import_times(cwd: Path) -> dict[str, float]:
    """Seconds spent importing each top-level package during a cold check (-X importtime)."""
    proc = subprocess.run([sys.executable, "-X", "importtime", "-m", "lintnews", "check", "--isolated",
                           "--no-cache", "article.txt"], cwd=cwd, capture_output=True, text=True)
    totals: dict[str, float] = {}
    for line in proc.stderr.splitlines():
        m = re.match(r"import time:\s+(\d+) \|\s+(\d+) \|( +)(\S+)", line)
        if m and len(m.group(3)) == 1:  # a top-level import: its cumulative time
            root = m.group(4).split(".")[0]
            totals[root] = totals.get(root, 0.0) + int(m.group(2)) / 1e6
    return dict(sorted(totals.items(), key=lambda kv: -kv[1]))


def cold_breakdown(cwd: Path) -> str:
    """Where a cold check's time goes: interpreter, imports, model load, the check."""
    code = ("import time; t0 = time.perf_counter()\n"
            "import lintnews, lintnews.cli, spacy; t1 = time.perf_counter()\n"
            "from lintnews import nlp; m = nlp.load(nlp.resolve_model()); t2 = time.perf_counter()\n"
            "lintnews.lint_text(open('article.txt').read(), path='article.txt', config=lintnews.Config())\n"
            "t3 = time.perf_counter()\n"
            "print(f'{t1 - t0:.2f} {t2 - t1:.2f} {t3 - t2:.2f}')\n")
    bare = min(_wall([sys.executable, "-c", "pass"], cwd) for _ in range(3))
    out = subprocess.run([sys.executable, "-c", code], cwd=cwd, capture_output=True, text=True).stdout.split()
    return (f"interpreter start {bare:.2f}s, imports (lintnews, CLI, spaCy) {out[0]}s, model load {out[1]}s, "
            f"first check (rules' own imports, rules, parse) {out[2]}s")


def _wall(cmd: list[str], cwd: Path) -> float:
    t = time.perf_counter()
    subprocess.run(cmd, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - t


def cold_check(work: Path, single: Path, repeat: int, imports: bool) -> None:
    shutil.copy(single, work / "article.txt")
    words = len((work / "article.txt").read_text(encoding="utf-8").split())
    run(["check", "--isolated", "--no-cache", "article.txt"], work)  # writes .pyc files, fills the OS cache
    CPU.clear()
    times = [run(["check", "--isolated", "--no-cache", "article.txt"], work) for _ in range(repeat)]
    print(f"single file ({words} words), no cache: median {statistics.median(times):.2f}s "
          f"(runs: {', '.join(f'{t:.2f}' for t in times)}; target at most 1.5s); CPU time "
          f"median {statistics.median(CPU):.2f}s (the wall time on an idle core)")
    print(f"  where it goes: {cold_breakdown(work)}")
    if imports:
        top = list(import_times(work).items())[:8]
        print("  -X importtime, top-level packages: " + ", ".join(f"{k} {v:.2f}s" for k, v in top))


def jobs_and_cache(work: Path, corpus: list[Path], repeat: int) -> None:
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
    warm = [run(["check", "--isolated", "articles"], work) for _ in range(repeat)]
    print(f"300 articles, warm cache: median {statistics.median(warm):.2f}s (target < 1.5s)")


def edited(text: str, k: int) -> str:
    """The text with one word changed in paragraph ``k`` (a new text each time: no cache hit)."""
    paras = text.split("\n\n") if "\n\n" in text else text.split("\n")
    i = k % len(paras)
    paras[i] = paras[i].replace(" the ", f" the {'very ' * (k // len(paras) + 1)}", 1)
    return ("\n\n" if "\n\n" in text else "\n").join(paras)


def server_latency(work: Path, single: Path, corpus: list[Path], repeat: int) -> None:
    from lsp_client import Client

    (work / ".git").mkdir(exist_ok=True)
    client = Client(work)
    client.initialize()
    text = single.read_text(encoding="utf-8")
    uri = (work / "live.txt").as_uri()
    t = time.monotonic()
    client.open(uri, text)
    client.diagnostics(uri, version=1)
    print(f"server: first diagnostics {time.monotonic() - t:.2f}s after didOpen (model load included)")
    version, changed, saved = 1, [], []
    cpu_before = cpu_seconds(client.proc.pid)
    for k in range(max(repeat, 10) * 2):
        version += 1
        sent = client.change(uri, edited(text, k), version)
        if k % 2:  # didSave right after: checked at once, no debounce
            client.notify("textDocument/didSave", {"textDocument": {"uri": uri}})
            saved.append(client.diagnostics(uri, version=version)["_at"] - sent)
        else:
            changed.append(client.diagnostics(uri, version=version)["_at"] - sent - DEBOUNCE)
        time.sleep(0.05)
    cpu_each = (cpu_seconds(client.proc.pid) - cpu_before) / (len(changed) + len(saved))
    version += 1
    sent = client.change(uri, text, version)  # back to a text seen before: the cache
    hit = client.diagnostics(uri, version=version)["_at"] - sent - DEBOUNCE
    words = len(text.split())
    print(f"server, {words}-word article, warm: didChange -> publishDiagnostics minus the 300 ms debounce: "
          f"median {statistics.median(changed) * 1000:.0f} ms, max {max(changed) * 1000:.0f} ms; "
          f"didChange + didSave (no debounce): median {statistics.median(saved) * 1000:.0f} ms, "
          f"max {max(saved) * 1000:.0f} ms; server CPU time per check {cpu_each * 1000:.0f} ms (the latency on "
          f"an idle core); unchanged text (cache) {hit * 1000:.0f} ms (target at most 300 ms)")
    server_memory(client, work, corpus)
    client.close()


def server_memory(client, work: Path, corpus: list[Path]) -> None:
    before = rss_mb(client.proc.pid)
    t = time.monotonic()
    for i in range(50):
        uri = (work / f"doc{i:02d}.txt").as_uri()
        client.open(uri, corpus[i % len(corpus)].read_text(encoding="utf-8") + f"\n\nDocument {i}.\n")
    for i in range(50):
        client.diagnostics((work / f"doc{i:02d}.txt").as_uri(), version=1, timeout=600)
    print(f"server memory: {before:.0f} MB with one document, {rss_mb(client.proc.pid):.0f} MB after 50 more "
          f"(checked in {time.monotonic() - t:.1f}s)")


def cpu_seconds(pid: int) -> float:
    """User + system CPU seconds of a process so far (Linux /proc; 0 elsewhere)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def rss_mb(pid: int) -> float:
    """Resident memory of a process (Linux /proc; 0 elsewhere)."""
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return 0.0
    return int(re.search(r"VmRSS:\s+(\d+)", status).group(1)) / 1024


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--skip-jobs", action="store_true", help="skip the 300-article runs")
    ap.add_argument("--skip-server", action="store_true", help="skip the language server")
    ap.add_argument("--imports", action="store_true", help="break the cold check's imports down")
    args = ap.parse_args()
    print(load())
    if os.environ.pop("PYTHONDONTWRITEBYTECODE", None):  # every run would compile lintnews from source
        print("(PYTHONDONTWRITEBYTECODE was set: unset here, as for an installed lintnews, whose .pyc "
              "files pip writes)")
    work = Path(tempfile.mkdtemp(prefix="lintnews-latency-"))
    corpus = corpus_files()
    single = near_600_words(corpus)
    cold_check(work, single, args.repeat, args.imports)
    if not args.skip_jobs:
        jobs_and_cache(work, corpus, args.repeat)
    if not args.skip_server:
        server_latency(work, single, corpus, args.repeat)
    print(load())
    shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
