"""Articles made by recombining the paragraphs of seeds/ (or of any folder of articles), for
the audit tests and benchmarks/audit.py. Deterministic for a given seed; nothing is committed."""
from __future__ import annotations

import random
import re
from pathlib import Path

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
_FRONT_MATTER = re.compile(r"\A---\n.*?\n---\n", re.S)
_FENCE = re.compile(r"```.*?```", re.S)
_TAG = re.compile(r"<[^>]+>")


def paragraphs(folder: Path = SEEDS) -> list[str]:
    """The prose paragraphs of the articles in ``folder`` (Markdown and HTML stripped roughly)."""
    out = []
    for p in sorted(folder.iterdir()):
        if p.suffix not in (".txt", ".md", ".html"):
            continue
        text = p.read_text(encoding="utf-8", errors="replace")
        if p.suffix == ".md":
            text = _FENCE.sub("", _FRONT_MATTER.sub("", text))
        elif p.suffix == ".html":
            text = _TAG.sub("\n", text)
        out += [" ".join(b.split()) for b in re.split(r"\n\s*\n|\n", text) if len(b.split()) >= 12]
    return out


def articles(n: int, seed: int = 16, folder: Path = SEEDS, per_article: tuple[int, int] = (4, 8)) -> list[dict]:
    """``n`` articles: {"id", "headline", "text", "section", "date"}, each a headline and a
    random choice of paragraphs."""
    rng = random.Random(seed)
    pool = paragraphs(folder)
    sections = ["business", "politics", "science", "world", "sport"]
    out = []
    for i in range(n):
        paras = rng.sample(pool, min(len(pool), rng.randint(*per_article)))
        out.append({"id": f"gen-{i:05d}", "headline": f"Report number {i} on the day's news",
                    "text": "\n\n".join(paras) + "\n", "section": sections[i % len(sections)],
                    "date": f"20{10 + i % 12:02d}-{1 + i % 12:02d}-{1 + i % 28:02d}"})
    return out
