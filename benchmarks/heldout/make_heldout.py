#!/usr/bin/env python3
"""Rebuild benchmarks/heldout/mutated/ and labels.jsonl from clean/ and mutations.jsonl.

Every mutation is written out by hand in mutations.jsonl, one a line: which clean article, which
exact text is replaced by what, which rule(s) should catch it. Spans, line numbers and file names
are computed here, so fixing a label means editing its line and re-running this script (then
check_labels.py).

Standard library only. Usage: python benchmarks/heldout/make_heldout.py
"""
from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent

# Default accept/tolerate per mutation type (the dev sets' conventions, extended to the new types).
DEFAULTS = {
    "weekday-date": (["weekday-date"], ["date-conflict"]),
    "date-conflict": (["date-conflict"], ["weekday-date", "conflicting-accounts"]),
    "percent-change": (["percent-change"], ["numeric-conflict"]),
    "age-conflict": (["age-conflict"], ["numeric-conflict"]),
    "numeric-conflict": (["numeric-conflict"], ["redundant-sentence", "conflicting-accounts"]),
    "headline-mismatch": (["headline-mismatch"], ["numeric-conflict"]),
    "name-variant": (["name-variant"], ["second-reference", "term-variant"]),
    "count-mismatch": (["count-mismatch"], []),
    "conflicting-accounts": (["conflicting-accounts"], ["redundant-sentence", "numeric-conflict"]),
    "quote-conflict": (["quote-conflict"], ["redundant-sentence", "unattributed-quote"]),
    "redundant-sentence": (["redundant-sentence"], ["quote-conflict", "conflicting-accounts"]),
    "article-agreement": (["article-agreement"], []),
    "repeated-word": (["repeated-word"], []),
    "unbalanced-quotes": (["unbalanced-quotes"], ["unattributed-quote", "style-mix"]),
    "missing-space": (["spacing"], []),
    "spacing": (["spacing"], ["style-mix"]),
    "style-mix": (["style-mix"], ["spacing", "term-variant"]),
    "less-fewer": (["less-fewer"], []),
    "term-variant": (["term-variant"], ["style-mix"]),
    "second-reference": (["second-reference"], ["name-variant"]),
    "invisible-character": (["invisible-character"],
                            ["name-variant", "term-variant", "spacing", "repeated-word"]),
    "broken-phrase": (["broken-phrase"], ["repeated-word", "article-agreement"]),
}


@dataclass
class E:
    """Replace the one occurrence of `old` in the clean text with `new`; `span` (part of `new`,
    default all of it) is the text a finding should point at."""
    old: str
    new: str
    span: str | None = None
    role: str = "changed"


@dataclass
class M:
    type: str
    source: str              # e.g. "bbc/012.txt"; the clean file is clean/bbc-012.txt
    edits: list
    detail: str
    variant: dict
    orig: list = field(default_factory=list)   # text already in the article that the finding relates to
    accept: list | None = None
    tolerate: list | None = None


def load_mutations(path: Path = HERE / "mutations.jsonl") -> list[M]:
    """The mutations, one JSON object a line: type, source, edits (old, new, and optionally
    span and role: "inserted" for a sentence or paragraph added after an anchor), detail,
    variant, and optionally orig, accept, tolerate."""
    out = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        o = json.loads(line)
        try:
            o["edits"] = [E(**e) for e in o["edits"]]
            out.append(M(**o))
        except TypeError as ex:
            raise SystemExit(f"{path.name}:{n}: {ex}") from None
    return out


def line_col(text: str, offset: int) -> tuple[int, int]:
    """1-based line and column (code points) of `offset` in `text`, lines split on '\\n' only."""
    line = text.count("\n", 0, offset) + 1
    col = offset - (text.rfind("\n", 0, offset) + 1) + 1
    return line, col


def apply(clean: str, m: M) -> tuple[str, list]:
    """The mutated text and its changed/inserted spans (absolute offsets)."""
    text, spans = clean, []
    for e in m.edits:
        n = text.count(e.old)
        if n != 1:
            raise SystemExit(f"{m.type} {m.source}: {e.old!r} occurs {n} times (need exactly 1)")
        at = text.index(e.old)
        text = text[:at] + e.new + text[at + len(e.old):]
        span = e.new if e.span is None else e.span
        k = e.new.find(span)
        if k < 0:
            raise SystemExit(f"{m.type} {m.source}: span {span!r} not in {e.new!r}")
        spans.append((at + k, at + k + len(span), span, e.role))
    return text, spans


def find_orig(text: str, needle: str, exclude: list, m: M) -> int:
    """Offset of the one occurrence of `needle` outside the changed spans."""
    hits, start = [], 0
    while (i := text.find(needle, start)) >= 0:
        if not any(i < b and i + len(needle) > a for a, b, _, _ in exclude):
            hits.append(i)
        start = i + 1
    if len(hits) != 1:
        raise SystemExit(f"{m.type} {m.source}: original {needle!r} found {len(hits)} times outside the change")
    return hits[0]


def build() -> None:
    mutations = load_mutations()
    clean_dir, mut_dir = HERE / "clean", HERE / "mutated"
    mut_dir.mkdir(exist_ok=True)
    for old in mut_dir.glob("m-*.txt"):
        old.unlink()
    labels, seen = [], set()
    for m in mutations:
        clean = (clean_dir / m.source.replace("/", "-")).read_text(encoding="utf-8")
        text, spans = apply(clean, m)
        key = f"{m.source}|{m.type}|{m.detail}"
        doc = "m-" + hashlib.sha1(key.encode("utf-8")).hexdigest()[:10] + ".txt"
        assert doc not in seen, doc
        seen.add(doc)
        (mut_dir / doc).write_text(text, encoding="utf-8", newline="\n")
        out_spans = []
        for a, b, s, role in spans:
            ln, col = line_col(text, a)
            out_spans.append({"line": ln, "column": col, "end_column": col + len(s), "text": s, "role": role})
        for needle in m.orig:
            a = find_orig(text, needle, spans, m)
            ln, col = line_col(text, a)
            out_spans.append({"line": ln, "column": col, "end_column": col + len(needle), "text": needle,
                              "role": "original"})
        accept, tolerate = DEFAULTS[m.type]
        labels.append({
            "doc": f"mutated/{doc}", "source": m.source, "type": m.type,
            "lines": sorted({s["line"] for s in out_spans}),
            "accept": m.accept or accept, "tolerate": m.tolerate if m.tolerate is not None else tolerate,
            "detail": m.detail, "variant": m.variant, "unseen_in_dev": True,
            "spans": sorted(out_spans, key=lambda s: (s["line"], s["column"])),
        })
    labels.sort(key=lambda l: l["doc"])
    with open(HERE / "labels.jsonl", "w", encoding="utf-8", newline="\n") as f:
        for l in labels:
            f.write(json.dumps(l, ensure_ascii=False) + "\n")
    print(f"{len(labels)} mutated docs from {len({m.source for m in mutations})} of "
          f"{len(list(clean_dir.glob('*.txt')))} clean articles")


if __name__ == "__main__":
    build()
