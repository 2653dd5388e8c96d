#!/usr/bin/env python3
"""Check the held-out set: labels point at the right text and each mutated doc is its clean source
with exactly the labelled change. Also sanity-checks that the clean articles are clean.

Usage: python benchmarks/heldout/check_labels.py [--against OTHER_CORPUS_DIR ...]

--against: also report the longest run of words shared with any article of another corpus (e.g. the
dev sets), to show that no article was copied. Standard library only; exit 1 on any problem.
"""
from __future__ import annotations

import argparse
import calendar
import json
import re
import sys
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
FIELDS = ("doc", "source", "type", "lines", "accept", "tolerate", "detail", "variant", "spans")
ROLES = {"original", "changed", "inserted"}
MIN_PER_TYPE = 6
# Characters a clean article must not contain (the invisible-character mutations inject them).
INVISIBLE = re.compile("[\u0000-\u0009\u000b-\u001f\u007f\u00ad\u200b-\u200f\u2028-\u202e\u2060-\u2064\ufeff]")
MONTHS = {m: i for i, m in enumerate(calendar.month_name) if m}
MONTHS.update({"Jan.": 1, "Feb.": 2, "Aug.": 8, "Sept.": 9, "Oct.": 10, "Nov.": 11, "Dec.": 12})
DAYS = "|".join(calendar.day_name)
MONTH_RE = "|".join(re.escape(m) for m in sorted(MONTHS, key=len, reverse=True))
REPEAT = re.compile(r"\b(\w+) \1\b", re.I)
DATED = [  # weekday + date + year, day-first and month-first
    re.compile(rf"\b({DAYS}),? (\d{{1,2}})(?:st|nd|rd|th)? ({MONTH_RE}),? (\d{{4}})\b"),
    re.compile(rf"\b({DAYS}),? ({MONTH_RE}) (\d{{1,2}}),? (\d{{4}})\b"),
]


def problems_in_label(n: int, lab: dict, mut_dir: Path, clean_dir: Path) -> list[str]:
    where = f"labels.jsonl:{n}"
    missing = [f for f in FIELDS if f not in lab]
    if missing:
        return [f"{where}: missing {missing}"]
    out = []
    doc = HERE / lab["doc"]
    src = clean_dir / lab["source"].replace("/", "-")
    if not doc.is_file() or doc.parent != mut_dir:
        return [f"{where}: no mutated file {lab['doc']}"]
    if not src.is_file():
        return [f"{where}: no clean source {src.name}"]
    mut = doc.read_text(encoding="utf-8")
    clean = src.read_text(encoding="utf-8")
    lines = mut.split("\n")
    if not lab["accept"] or not all(isinstance(r, str) and r for r in lab["accept"]):
        out.append(f"{where}: empty accept")
    if not lab["lines"] or any(not 1 <= ln <= len(lines) for ln in lab["lines"]):
        out.append(f"{where}: lines {lab['lines']} out of range")
    hull = None
    for s in lab["spans"]:
        if s.get("role") not in ROLES:
            out.append(f"{where}: bad span role {s.get('role')!r}")
            continue
        ln, c, e = s["line"], s["column"], s["end_column"]
        got = lines[ln - 1][c - 1:e - 1] if 1 <= ln <= len(lines) else None
        if got != s["text"]:
            out.append(f"{where}: span {s['text']!r} not at {ln}:{c}-{e} (found {got!r})")
        if ln not in lab["lines"]:
            out.append(f"{where}: span line {ln} not in lines {lab['lines']}")
        if s["role"] != "original":
            a = sum(len(x) + 1 for x in lines[:ln - 1]) + c - 1
            b = a + len(s["text"])
            hull = (a, b) if hull is None else (min(hull[0], a), max(hull[1], b))
    if hull is None:
        out.append(f"{where}: no changed or inserted span")
    elif not differs_only_inside(clean, mut, *hull):
        out.append(f"{where}: {lab['doc']} differs from {src.name} outside the labelled change")
    return out


def differs_only_inside(clean: str, mut: str, a: int, b: int) -> bool:
    """True when `mut` is `clean` with something different only in [a, b) of `mut` (widened over
    the whitespace that separates an inserted sentence or paragraph)."""
    if clean == mut:
        return False
    while a > 0 and mut[a - 1] in " \n":
        a -= 1
    while b < len(mut) and mut[b] in " \n":
        b += 1
    head, tail = mut[:a], mut[b:]
    return clean.startswith(head) and clean.endswith(tail) and len(head) + len(tail) <= len(clean)


def problems_in_clean(path: Path) -> list[str]:
    text = path.read_text(encoding="utf-8")
    name, out = path.name, []
    lines = text.split("\n")
    if not text.endswith("\n") or text.endswith("\n\n"):
        out.append(f"{name}: must end with exactly one newline")
    lines = lines[:-1]
    if len(lines) < 3 or lines[1] != "" or any((ln == "") != (i % 2 == 1) for i, ln in enumerate(lines)):
        out.append(f"{name}: expected headline, blank line, then paragraphs separated by single blank lines")
    words = len(text.split())
    if not 250 <= words <= 700:
        out.append(f"{name}: {words} words (want 250-700)")
    if INVISIBLE.search(text):
        out.append(f"{name}: invisible or control character")
    for pat, why in (("  ", "double space"), (" ,", "space before comma"), (" .", "space before full stop"),
                     (" \n", "trailing space")):
        if pat in text:
            out.append(f"{name}: {why}")
    for i, ln in enumerate(lines, 1):
        if ln.count('"') % 2 or ln.count("“") != ln.count("”") or ln.count("(") != ln.count(")"):
            out.append(f"{name}:{i}: unbalanced quotes or brackets")
        rep = REPEAT.search(ln)
        if rep and rep.group(0).lower() not in ("that that", "had had"):
            out.append(f"{name}:{i}: repeated word {rep.group(0)!r}")
        for pat in DATED:
            for m in pat.finditer(ln):
                day_name, *rest = m.groups()
                if rest[0].isdigit():
                    d, mon, y = int(rest[0]), MONTHS[rest[1]], int(rest[2])
                else:
                    mon, d, y = MONTHS[rest[0]], int(rest[1]), int(rest[2])
                if calendar.day_name[calendar.weekday(y, mon, d)] != day_name:
                    out.append(f"{name}:{i}: {m.group(0)!r} is not a {day_name}")
    return out


def shared_run(a: list[str], b_index: set, n: int) -> bool:
    return any(tuple(a[i:i + n]) in b_index for i in range(len(a) - n + 1))


def copy_check(clean_dir: Path, others: list[Path], n: int = 12) -> list[str]:
    """Articles sharing a run of `n` words with an article of another corpus."""
    grams = set()
    for d in others:
        for f in d.rglob("*.txt"):
            w = f.read_text(encoding="utf-8", errors="replace").lower().split()
            grams.update(tuple(w[i:i + n]) for i in range(len(w) - n + 1))
    return [f"{f.name}: shares a {n}-word run with {', '.join(map(str, others))}"
            for f in sorted(clean_dir.glob("*.txt"))
            if shared_run(f.read_text(encoding="utf-8").lower().split(), grams, n)]


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--against", type=Path, nargs="*", default=[], help="corpus dirs to check for copied text")
    args = ap.parse_args(argv)
    clean_dir, mut_dir = HERE / "clean", HERE / "mutated"
    problems = []
    for f in sorted(clean_dir.glob("*.txt")):
        problems += problems_in_clean(f)
    labels = []
    for n, raw in enumerate((HERE / "labels.jsonl").read_text(encoding="utf-8").splitlines(), 1):
        if raw.strip():
            lab = json.loads(raw)
            labels.append(lab)
            problems += problems_in_label(n, lab, mut_dir, clean_dir)
    docs = Counter(Path(l["doc"]).name for l in labels)
    problems += [f"{d}: {k} labels" for d, k in docs.items() if k > 1]
    problems += [f"{f.name}: no label" for f in sorted(mut_dir.glob("*.txt")) if f.name not in docs]
    types = Counter(l["type"] for l in labels)
    problems += [f"type {t}: only {k} mutations" for t, k in types.items() if k < MIN_PER_TYPE]
    variants = Counter((l["type"], json.dumps(l["variant"], sort_keys=True)) for l in labels)
    problems += [f"type {t}: variant {v} used {k} times" for (t, v), k in variants.items() if k > 1]
    others = [d for d in args.against if d.is_dir()]
    if others:
        problems += copy_check(clean_dir, others)
    for p in problems:
        print(p)
    print(f"{len(list(clean_dir.glob('*.txt')))} clean articles, {len(labels)} mutated docs, "
          f"{len(types)} types: " + ", ".join(f"{t} {k}" for t, k in sorted(types.items())))
    print("OK" if not problems else f"{len(problems)} problem(s)")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
