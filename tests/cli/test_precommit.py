"""The pre-commit hook, driven for real: pre-commit installs this checkout into its own
virtualenv (language: python) and refuses a commit with findings, accepts a clean one."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
import yaml

from conftest import REPO, project

pytestmark = pytest.mark.slow


def test_hook_definition():
    hooks = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    [hook] = [h for h in hooks if h["id"] == "lintnews"]
    assert hook["entry"].split()[:2] == ["lintnews", "check"]
    assert hook["language"] == "python"
    assert set(hook["types_or"]) == {"markdown", "text", "html"}
    import re

    files = re.compile(hook["files"])
    assert all(files.search(n) for n in ("a.md", "b/c.txt", "d.html", "e.htm"))
    assert not any(files.search(n) for n in ("a.py", "notes.mdx", "page.html.j2"))


def _git(cwd: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, timeout=60)


def _pre_commit() -> str:
    exe = shutil.which("pre-commit", path=str(Path(sys.executable).parent)) or shutil.which("pre-commit")
    if exe is None:
        pytest.skip("pre-commit is not installed")
    return exe


def _newsroom(tmp_path: Path, request, hook: str) -> tuple[Path, dict, str]:
    """A repository whose .pre-commit-config.yaml uses ``hook`` of this checkout's HEAD:
    (repository, environment for git and pre-commit, the pre-commit executable)."""
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    head = _git(REPO, "rev-parse", "HEAD")
    if head.returncode:
        pytest.skip("this checkout is not a git repository")
    # pre-commit builds its environment once per (repo, rev): keep it in pytest's cache so a
    # second run only pays for the hook itself
    cache = Path(request.config.cache.mkdir("pre-commit-home"))
    env = {**os.environ, "PRE_COMMIT_HOME": str(cache), "PRE_COMMIT_COLOR": "never",
           "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.com",
           "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.com"}
    env.pop("VIRTUAL_ENV", None)
    repo = tmp_path / "newsroom"
    repo.mkdir()
    assert _git(repo, "init", "-q").returncode == 0
    # `rev: HEAD sha` of this checkout: what is committed is what a user would get
    (repo / ".pre-commit-config.yaml").write_text(
        f"repos:\n- repo: {REPO}\n  rev: {head.stdout.strip()}\n  hooks:\n  - id: {hook}\n",
        encoding="utf-8")
    project(repo, 'select = ["X101"]\n')  # the newsroom's own rule, from its rule-dirs
    return repo, env, _pre_commit()


def _commit(repo: Path, env: dict, message: str, *extra: str) -> subprocess.CompletedProcess:
    _git(repo, "add", "-A")
    return subprocess.run(["git", "commit", *extra, "-m", message], cwd=repo, env=env, capture_output=True,
                          text=True, timeout=900)


def test_pre_commit_refuses_a_bad_commit_and_accepts_a_good_one(tmp_path, request):
    repo, env, pc = _newsroom(tmp_path, request, "lintnews")
    (repo / "notes.py").write_text("x = 'e-mail and email'\n", encoding="utf-8")  # not an article
    (repo / "README.md").write_text("Our e-mail and email desk.\n", encoding="utf-8")  # not an article
    # environments of earlier revisions (their temporary repositories are gone) are dropped
    subprocess.run([pc, "gc"], env=env, capture_output=True, timeout=120)
    start = time.perf_counter()
    inst = subprocess.run([pc, "install"], cwd=repo, env=env, capture_output=True, text=True, timeout=120)
    assert inst.returncode == 0, inst.stdout + inst.stderr

    (repo / "story.md").write_text("# Story\n\nShe sent an e-mail. A second email followed.\n", encoding="utf-8")
    refused = _commit(repo, env, "bad")
    elapsed = time.perf_counter() - start
    out = refused.stdout + refused.stderr
    assert refused.returncode != 0, out
    assert "story.md:3:30: X101 'email' here, but the article first writes 'e-mail' (line 3)" in out, out
    assert "notes.py" not in out and "README.md" not in out
    assert _git(repo, "rev-parse", "--verify", "HEAD").returncode != 0  # nothing was committed

    (repo / "story.md").write_text("# Story\n\nShe sent an email. A second email followed.\n", encoding="utf-8")
    accepted = _commit(repo, env, "good")
    assert accepted.returncode == 0, accepted.stdout + accepted.stderr
    assert "lintnews" in accepted.stdout + accepted.stderr and "Passed" in accepted.stdout + accepted.stderr
    assert _git(repo, "log", "--oneline").stdout.count("\n") == 1
    print(f"\npre-commit: environment + first (refused) commit took {elapsed:.1f}s")


def test_the_changed_lines_hook_reports_only_what_is_being_committed(tmp_path, request):
    repo, env, pc = _newsroom(tmp_path, request, "lintnews-changed")
    old = "# Story\n\nShe sent an e-mail. A second email followed.\n"  # an old finding on line 3
    (repo / "story.md").write_text(old, encoding="utf-8")
    assert _commit(repo, env, "the archive", "--no-verify").returncode == 0
    assert subprocess.run([pc, "install"], cwd=repo, env=env, capture_output=True, timeout=120).returncode == 0
    (repo / "story.md").write_text(old + "\nA third email came.\n", encoding="utf-8")
    (repo / "empty.md").write_text("", encoding="utf-8")  # an empty draft does not block a commit
    refused = _commit(repo, env, "a new paragraph")
    out = refused.stdout + refused.stderr
    assert refused.returncode != 0, out
    assert "story.md:5:9: X101" in out and "story.md:3:" not in out, out
    (repo / "story.md").write_text(old + "\nA third e-mail came.\n", encoding="utf-8")
    accepted = _commit(repo, env, "a new paragraph, in house style")
    assert accepted.returncode == 0, accepted.stdout + accepted.stderr  # line 3 is not being committed
