#!/usr/bin/env python3
"""Stress: time and peak memory of one run over a hostile input, per case.

    python benchmarks/stress.py [CASE ...] [--timeout S] [--keep DIR] [--check-args ARGS]
                                [--config 'time-budget = 0']

Cases (generated here, never stored in the repository):

- ``prose``     1 MB of news-like prose in one .txt article
- ``repeat``    1 MB of one real-sized article pasted again and again (every sentence
                has hundreds of twins: the all-pairs case for C201/C207/C208)
- ``table``     a 1 MB Markdown table (no table extension: one paragraph, one "sentence")
- ``amp``       1 MB of ``&amp;`` in one HTML paragraph (one run of punctuation)
- ``brackets``  20 KB of nested ``[...]`` in Markdown
- ``names``     1 MB of made-up capitalised words (C101/C102 compare names)
- ``tickers``   1 MB naming thousands of ticker symbols (C103 looks for expansions)
- ``blob``      1 MB without a space (W202 inspects every junction)

Each case runs ``lintnews check --isolated --no-cache --format json`` in a fresh
subprocess; its peak RSS comes from the child's own rusage (``os.wait4``). Target:
every case at most 30 s and 1 GB on the project's 2-core machine.
"""
from __future__ import annotations

import argparse
import json
import os
import random
import shlex
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MB = 1_000_000
TARGET_S, TARGET_MB = 30.0, 1024.0

_FIRST = ["Anna", "Tomasz", "Grace", "Peter", "Li", "Amira", "John", "Helen", "Marco", "Sofia",
          "David", "Fatima", "Kwame", "Ingrid", "Carlos", "Yuki", "Oliver", "Priya"]
_LAST = ["Nowak", "Okafor", "Campbell", "Smith", "Wei", "Haddad", "Murray", "Lindqvist",
         "Rossi", "Garcia", "Mensah", "Tanaka", "Patel", "Brennan", "Walsh", "Kowalski"]
_ORGS = ["the council", "Harbour Foods", "the ministry", "Northern Rail", "the union",
         "Orbital Partners", "the hospital trust", "the regulator", "City Bank", "the club"]
_PLACES = ["Glasgow", "Leeds", "Cardiff", "Lagos", "Krakow", "Osaka", "Lyon", "Accra",
           "Belfast", "Porto", "Dundee", "Bristol"]
_VERBS = ["announced", "rejected", "approved", "proposed", "delayed", "criticised", "defended",
          "unveiled", "cancelled", "welcomed"]
_THINGS = ["a new bridge", "the budget", "a pay offer", "the merger", "plans for a stadium",
           "a tax on sugar", "the timetable", "a review of safety", "new housing", "the contract"]
_DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
_MONTHS = ["January", "March", "May", "June", "September", "October", "November"]


_SYLLABLES = ["ka", "ro", "mi", "tan", "vel", "dor", "si", "bru", "lek", "fa", "no", "zar",
              "pe", "gul", "ha", "tor", "wen", "ib", "sa", "mun"]


def _surname(rng: random.Random) -> str:
    """A made-up surname: a long archive names thousands of different people."""
    return "".join(rng.choice(_SYLLABLES) for _ in range(rng.randint(2, 3))).capitalize()


def _sentence(rng: random.Random) -> str:
    name = f"{rng.choice(_FIRST)} {rng.choice(_LAST) if rng.random() < 0.3 else _surname(rng)}"
    n = rng.randint(2, 950)
    forms = [
        f"{name}, {rng.randint(21, 80)}, said {rng.choice(_ORGS)} had {rng.choice(_VERBS)} "
        f"{rng.choice(_THINGS)} in {rng.choice(_PLACES)} on {rng.choice(_DAYS)}.",
        f"{rng.choice(_ORGS).capitalize()} {rng.choice(_VERBS)} {rng.choice(_THINGS)} after "
        f"{n} people signed a petition, according to officials.",
        f"\"We will not accept {rng.choice(_THINGS)},\" said {name}, who leads the campaign "
        f"in {rng.choice(_PLACES)}.",
        f"Profits rose {rng.randint(2, 40)}% to \u00a3{n}m in the year to "
        f"{rng.choice(_MONTHS)} {rng.randint(1990, 2023)}, the company said.",
        f"The plan, first proposed by {name} in {rng.randint(1990, 2023)}, would cost about "
        f"${rng.randint(2, 90)}bn over {rng.randint(2, 12)} years.",
        f"Critics say {rng.choice(_THINGS)} will do little for the {n} families who live near "
        f"the site in {rng.choice(_PLACES)}.",
    ]
    return rng.choice(forms)


def prose(size: int = MB) -> tuple[str, str]:
    """News-like paragraphs of varied sentences, ``size`` characters in all."""
    rng = random.Random(10)
    paras, total = ["Council backs new plan for the harbour"], 0
    while total < size:
        p = " ".join(_sentence(rng) for _ in range(rng.randint(2, 5)))
        paras.append(p)
        total += len(p) + 2
    return "prose.txt", "\n\n".join(paras) + "\n"


def repeat(size: int = MB) -> tuple[str, str]:
    """One ~5 KB article pasted until the file is ``size`` characters long."""
    rng = random.Random(11)
    article = "\n\n".join(" ".join(_sentence(rng) for _ in range(4)) for _ in range(8))
    copies = size // (len(article) + 2) + 1
    return "repeat.txt", "Harbour plan\n\n" + "\n\n".join([article] * copies) + "\n"


def table(size: int = MB) -> tuple[str, str]:
    """A Markdown pipe table of ``size`` characters (CommonMark reads it as one paragraph)."""
    rng = random.Random(12)
    rows = ["# Results by region", "", "| Region | Year | Sales | Change | Manager |",
            "|---|---|---|---|---|"]
    total = sum(len(r) + 1 for r in rows)
    while total < size:
        r = (f"| {rng.choice(_PLACES)} | {rng.randint(1990, 2023)} | {rng.randint(1, 99999):,} | "
             f"{rng.randint(-40, 40)}% | {rng.choice(_FIRST)} {rng.choice(_LAST)} |")
        rows.append(r)
        total += len(r) + 1
    return "table.md", "\n".join(rows) + "\n"


def amp(size: int = MB) -> tuple[str, str]:
    """One HTML paragraph of ``&amp;`` entities: a run of punctuation ``size`` // 5 long."""
    return "amp.html", ("<html><head><title>Entities</title></head><body><p>"
                        + "&amp;" * (size // 5) + "</p></body></html>\n")


def brackets(size: int = 20_000) -> tuple[str, str]:
    """Nested square brackets, ``size`` characters, in Markdown (link syntax to parse)."""
    half = size // 2
    return "brackets.md", "Brackets\n\n" + "[" * half + "]" * half + "\n"


def names(size: int = MB) -> tuple[str, str]:
    """Sentences of made-up capitalised words: tens of thousands of different "names"."""
    rng = random.Random(13)

    def cap() -> str:
        return rng.choice("ABCDEFGHKLMNPRSTW") + "".join(rng.choice("aeioulnrst") for _ in range(rng.randint(3, 7)))

    out, total = ["Who met whom", ""], 0
    while total < size:
        para = " ".join(f"{cap()} {cap()} met {cap()} in {cap()}." for _ in range(5))
        out.append(para + "\n")
        total += len(para) + 2
    return "names.txt", "\n".join(out)


def tickers(size: int = MB) -> tuple[str, str]:
    """Market reports naming thousands of different ticker symbols (acronyms to spell out)."""
    rng = random.Random(14)
    out, total = ["Markets today", ""], 0
    while total < size:
        tick = "".join(rng.choice("ABCDEFGHIJKLMNOPQRSTUVWXYZ") for _ in range(rng.randint(3, 4)))
        para = f"{tick} rose {rng.randint(1, 9)} points, the Acme Bank Company said on Monday."
        out.append(para + "\n")
        total += len(para) + 2
    return "tickers.txt", "\n".join(out)


def blob(size: int = MB) -> tuple[str, str]:
    """One paragraph with no spaces at all ("end.Next" junctions everywhere)."""
    return "blob.txt", "Pasted\n\n" + "word.Next" * (size // 9) + "\n"


CASES = {"prose": prose, "repeat": repeat, "table": table, "amp": amp, "brackets": brackets,
         "names": names, "tickers": tickers, "blob": blob}


def _rss_mb(pid: int) -> float:
    """Current resident memory of a process (Linux; 0 where /proc is missing)."""
    try:
        with open(f"/proc/{pid}/statm") as fh:
            return int(fh.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20
    except (OSError, ValueError, IndexError):
        return 0.0


def run_case(path: Path, timeout: float, max_mb: float, extra: list[str],
             config: str | None = None) -> dict:
    """Run lintnews on ``path`` in a fresh process; wall time, peak RSS, codes found.

    The case is killed past ``timeout`` seconds or ``max_mb`` of memory (this machine is shared).
    """
    settings = ["--isolated"]
    if config is not None:  # these settings alone, from a config file beside the input
        (path.parent / "stress.toml").write_text(config + "\n", encoding="utf-8")
        settings = ["--config", "stress.toml"]
    cmd = [sys.executable, "-m", "lintnews", "check", *settings, "--no-cache", "--format", "json",
           *extra, path.name]
    out = path.with_suffix(path.suffix + ".json")
    t0 = time.perf_counter()
    err_path = path.with_suffix(path.suffix + ".stderr")
    with open(out, "wb") as fh, open(err_path, "wb") as err_fh:
        proc = subprocess.Popen(cmd, cwd=path.parent, stdout=fh, stderr=err_fh, start_new_session=True)
        killed = False
        while True:
            pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
            if pid:
                break
            if time.perf_counter() - t0 > timeout or _rss_mb(proc.pid) > max_mb:
                os.killpg(proc.pid, signal.SIGKILL)
                killed = True
                pid, status, usage = os.wait4(proc.pid, 0)
                break
            time.sleep(0.05)
    wall = time.perf_counter() - t0
    rc = os.waitstatus_to_exitcode(status)
    err = err_path.read_text(encoding="utf-8", errors="replace")
    codes: Counter[str] = Counter()
    notes = []
    try:
        for d in json.loads(out.read_text(encoding="utf-8") or "[]"):
            codes[d["code"]] += 1
            if d["code"] in ("E001", "E002"):
                notes.append(f"{d['code']}: {d['message']}")
    except ValueError:
        notes.append("no JSON output: " + " | ".join(err.strip().splitlines()[-2:]))
    # ru_maxrss is in KiB on Linux, bytes on macOS
    rss_mb = usage.ru_maxrss / (1024 * 1024 if sys.platform == "darwin" else 1024)
    return {"wall_s": wall, "rss_mb": rss_mb, "rc": rc, "killed": killed,
            "codes": dict(codes), "notes": notes}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("cases", nargs="*", metavar="CASE",
                    help=f"which cases ({', '.join(CASES)}; default: all)")
    ap.add_argument("--timeout", type=float, default=300, help="kill a case after S seconds")
    ap.add_argument("--max-mb", type=float, default=8000, help="kill a case above this RSS")
    ap.add_argument("--keep", type=Path, help="write the inputs and outputs here and keep them")
    ap.add_argument("--check-args", default="", help="more `check` arguments, e.g. '--select W101'")
    ap.add_argument("--config", help="settings instead of the defaults, e.g. 'time-budget = 0'")
    args = ap.parse_args()
    unknown = [c for c in args.cases if c not in CASES]
    if unknown:
        ap.error(f"unknown case {', '.join(unknown)} (cases: {', '.join(CASES)})")
    extra = shlex.split(args.check_args)
    work = args.keep or Path(tempfile.mkdtemp(prefix="lintnews-stress-"))
    work.mkdir(parents=True, exist_ok=True)
    failed = 0
    try:
        for name in args.cases or list(CASES):
            filename, text = CASES[name]()
            path = work / filename
            path.write_text(text, encoding="utf-8")
            r = run_case(path, args.timeout, args.max_mb, extra, args.config)
            ok = not r["killed"] and r["wall_s"] <= TARGET_S and r["rss_mb"] <= TARGET_MB \
                and r["rc"] in (0, 1)
            failed += not ok
            state = f"rc {r['rc']}"
            if r["killed"]:
                state = "KILLED (" + ("memory" if r["rss_mb"] > args.max_mb else "time") + ")"
            codes = ", ".join(f"{c} x{n}" for c, n in sorted(r["codes"].items())) or "no findings"
            print(f"{name:9} {len(text) / MB:5.2f} MB  {r['wall_s']:7.1f} s  {r['rss_mb']:7.0f} MB  "
                  f"{state}  {'ok' if ok else 'OVER TARGET'}  [{codes}]", flush=True)
            for note in r["notes"]:
                print(f"{'':10}{note[:200]}", flush=True)
    finally:
        if args.keep is None:
            shutil.rmtree(work, ignore_errors=True)
    print(f"target: each case at most {TARGET_S:.0f} s and {TARGET_MB:.0f} MB peak RSS")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
