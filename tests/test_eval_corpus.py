"""The evaluation corpora as a regression test: every article of ../shared/eval/ (dev and
dev-wire, clean and mutated) is checked without a crash and without running out of its
time budget (E002). Slow: a few minutes per set. Skipped where the corpora are absent;
``LINTNEWS_EVAL_DIR`` points at them from elsewhere (a git worktree, say)."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
EVAL = Path(os.environ.get("LINTNEWS_EVAL_DIR") or ROOT.parent / "shared" / "eval")


@pytest.mark.slow
@pytest.mark.parametrize("subset", ["dev/clean", "dev/mutated", "dev-wire/clean", "dev-wire/mutated"])
def test_every_article_is_checked_in_time(subset):
    folder = EVAL / subset
    if not folder.is_dir():
        pytest.skip(f"no evaluation corpus at {folder}")
    run = subprocess.run([sys.executable, "-m", "lintnews", "check", "--isolated", "--no-cache",
                          "--format", "json", "."], cwd=folder, capture_output=True, text=True,
                         timeout=3600)
    assert run.returncode in (0, 1), run.stderr[-3000:]
    assert "Traceback" not in run.stderr, run.stderr[-3000:]
    diags = json.loads(run.stdout)
    assert diags, "no findings at all: the corpus was not checked"
    failed = [f"{d['path']}: {d['message']}" for d in diags if d["code"] == "E002"]
    assert not failed, "\n".join(failed[:20])
