"""End to end: every article in seeds/ gives exactly the (rule, line) pairs in its .expected file."""
from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from lintnews.engine import Engine, RunOptions

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
ARTICLES = sorted(p for p in SEEDS.iterdir() if p.suffix in (".txt", ".md", ".html", ".docx"))


def expected(path: Path) -> Counter:
    """Lines of 'CODE LINE' (and # comments) from the article's .expected file."""
    out: Counter = Counter()
    for raw in path.with_suffix(path.suffix + ".expected").read_text(encoding="utf-8").splitlines():
        line = raw.split("#", 1)[0].strip()
        if line:
            code, ln = line.split()
            out[(code, int(ln))] += 1
    return out


def test_there_are_at_least_three_seed_articles():
    assert len(ARTICLES) >= 3
    for p in ARTICLES:
        assert p.with_suffix(p.suffix + ".expected").is_file(), f"{p.name} has no .expected file"


@pytest.mark.parametrize("path", ARTICLES, ids=lambda p: p.name)
def test_seed_findings_match_exactly(path):
    engine = Engine(RunOptions(isolated=True))
    diags = engine.run([str(path)])[0].diagnostics
    got = Counter((d.code, d.line) for d in diags)
    want = expected(path)
    missing = want - got
    extra = got - want
    detail = "\n".join(f"  {d.code} {d.line}: {d.message}" for d in diags if (d.code, d.line) in extra)
    assert not missing and not extra, f"missing {sorted(missing)}; unexpected {sorted(extra)}:\n{detail}"
