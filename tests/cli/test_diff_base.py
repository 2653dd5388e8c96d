"""--diff-base REF: the whole article is read, but only findings on lines changed since REF
(or staged, with `-`) are reported, in every input format, in a scratch git repository."""
from __future__ import annotations

import io
import json
import shutil
import subprocess
from pathlib import Path

import docx
import pytest

from lintnews.engine.changes import compare_lines, from_git_lines

from conftest import REPO, project, run_cli, write

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
SEEDS = REPO / "seeds"
ENV = {"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.com", "GIT_COMMITTER_NAME": "t",
       "GIT_COMMITTER_EMAIL": "t@example.com", "GIT_CONFIG_GLOBAL": "/dev/null", "GIT_CONFIG_NOSYSTEM": "1"}


def git(repo: Path, *args: str) -> str:
    import os

    proc = subprocess.run(["git", *args], cwd=repo, capture_output=True, text=True, env={**os.environ, **ENV},
                          timeout=60)
    assert proc.returncode == 0, proc.stderr
    return proc.stdout


def new_repo(root: Path, files: dict[str, bytes | str]) -> Path:
    """A repository with ``files`` committed."""
    root.mkdir(parents=True, exist_ok=True)
    git(root, "init", "-q")
    for name, content in files.items():
        write(root / name, content)
    if files:
        git(root, "add", "-A")
        git(root, "commit", "-q", "-m", "articles as published")
    return root


def findings(*args: str, cwd: Path, rc: int | None = None) -> list[dict]:
    p = run_cli("check", "-f", "json", "--no-cache", *args, cwd=cwd)
    assert p.returncode in ((0, 1) if rc is None else (rc,)), p.stderr
    return json.loads(p.stdout)


def touches(d: dict, lines: set[int]) -> bool:
    spans = [(d["line"], d["end_line"])] + [(r["line"], r["end_line"]) for r in d["related"]]
    return any(n in lines for a, b in spans for n in range(a, b + 1))


def key(d: dict) -> tuple:
    return d["line"], d["column"], d["code"], d["message"]


def replace_line(path: Path, number: int, old: str, new: str) -> None:
    lines = path.read_text(encoding="utf-8").split("\n")
    assert old in lines[number - 1]
    lines[number - 1] = lines[number - 1].replace(old, new, 1)
    path.write_text("\n".join(lines), encoding="utf-8")


# -- must be true -------------------------------------------------------------------------------
def test_one_changed_paragraph_gives_only_its_findings_and_its_conflict(tmp_path):
    repo = new_repo(tmp_path / "desk", {"story.txt": (SEEDS / "orbital-partners.txt").read_text()})
    replace_line(repo / "story.txt", 6, "according to an agency spokesperson",
                 "according to an agency official")
    everything = findings("--isolated", "story.txt", cwd=repo)
    assert len(everything) >= 10 and len({d["line"] for d in everything}) >= 5
    changed = findings("--isolated", "--diff-base", "HEAD", "story.txt", cwd=repo)
    assert [key(d) for d in changed] == [key(d) for d in everything if touches(d, {6})]
    # the conflict between the changed paragraph and an unchanged one is kept, with its other side
    [conflict] = [d for d in changed if d["code"] == "C201"]
    assert conflict["line"] == 6 and [r["line"] for r in conflict["related"]] == [5]
    assert all(d["line"] == 6 for d in changed)
    unchanged = findings("--isolated", "--diff-base", "HEAD", "story.txt", cwd=new_repo(tmp_path / "clean", {
        "story.txt": (SEEDS / "orbital-partners.txt").read_text()}), rc=0)
    assert unchanged == []


def test_a_conflict_reported_on_an_unchanged_line_is_kept_when_its_other_side_changed(tmp_path):
    text = (SEEDS / "orbital-partners.txt").read_text()
    repo = new_repo(tmp_path, {"story.txt": text})
    replace_line(repo / "story.txt", 5, "supply a laboratory module", "supply a science laboratory module")
    changed = findings("--isolated", "--diff-base", "HEAD", "story.txt", cwd=repo)
    # C201 sits on line 6 (unchanged); its related location is the edited line 5
    assert [(d["code"], d["line"]) for d in changed if d["code"] == "C201"] == [("C201", 6)]
    assert all(touches(d, {5}) for d in changed)


# -- every input format -------------------------------------------------------------------------
@pytest.mark.parametrize("seed", ["harbour-foods.md", "council-budget.html"])
def test_markdown_and_html(tmp_path, seed):
    repo = new_repo(tmp_path, {seed: (SEEDS / seed).read_text()})
    line = findings("--isolated", seed, cwd=repo)[-1]["line"]  # the line of the last finding gets a trailing space
    lines = (repo / seed).read_text(encoding="utf-8").split("\n")
    lines[line - 1] += " "
    (repo / seed).write_text("\n".join(lines), encoding="utf-8")
    everything = findings("--isolated", seed, cwd=repo)
    changed = findings("--isolated", "--diff-base", "HEAD", seed, cwd=repo)
    assert changed and len(changed) < len(everything)
    assert [key(d) for d in changed] == [key(d) for d in everything if touches(d, {line})]


def test_word_paragraphs_whose_text_changed(tmp_path):
    repo = new_repo(tmp_path, {"ferry.docx": (SEEDS / "island-ferry.docx").read_bytes()})
    d = docx.Document(str(repo / "ferry.docx"))
    para = d.paragraphs[7]  # paragraph 8: the weekday that does not fit its date
    para.runs[-1].text += " Islanders were not surprised."
    buf = io.BytesIO()
    d.save(buf)
    (repo / "ferry.docx").write_bytes(buf.getvalue())
    everything = findings("--isolated", "ferry.docx", cwd=repo)
    changed = findings("--isolated", "--diff-base", "HEAD", "ferry.docx", cwd=repo)
    assert [d["code"] for d in changed] == ["C301"]
    assert [key(d) for d in changed] == [key(d) for d in everything if touches(d, {8})]


# -- git's view: renames, new files, spaces, staged changes --------------------------------------
def test_renamed_new_and_oddly_named_files(tmp_path):
    project(tmp_path, 'select = ["X101"]\n')
    body = "".join(f"Line {i}: she sent an e-mail, then an email.\n" for i in range(1, 11))
    repo = new_repo(tmp_path, {"old name.txt": body, 'quote "d".txt': body})
    git(repo, "mv", "old name.txt", "new name.txt")
    replace_line(repo / "new name.txt", 4, "Line 4", "Line four")
    replace_line(repo / 'quote "d".txt', 7, "Line 7", "Line seven")
    write(repo / "fresh.txt", body)  # untracked: new since HEAD, changed throughout
    got = findings("--diff-base", "HEAD", "new name.txt", 'quote "d".txt', "fresh.txt", cwd=repo)
    lines = sorted((d["path"], d["line"]) for d in got)
    assert lines == sorted([("new name.txt", 4), ('quote "d".txt', 7)] + [("fresh.txt", i) for i in range(1, 11)])


def test_staged_changes_with_a_dash(tmp_path):
    project(tmp_path, 'select = ["X101"]\n')
    body = "".join(f"Line {i}: she sent an e-mail, then an email.\n" for i in range(1, 6))
    repo = new_repo(tmp_path, {"a.txt": body})
    replace_line(repo / "a.txt", 2, "Line 2", "Line two")
    assert findings("--diff-base", "-", "a.txt", cwd=repo, rc=0) == []  # not staged yet
    git(repo, "add", "a.txt")
    assert [d["line"] for d in findings("--diff-base", "-", "a.txt", cwd=repo)] == [2]
    first = new_repo(tmp_path / "first", {})  # no commit yet: everything staged is new
    write(first / "b.txt", body)
    git(first, "add", "b.txt")
    assert {d["line"] for d in findings("--diff-base", "-", "b.txt", cwd=first)} == {1, 2, 3, 4, 5}


def test_stdin_is_compared_with_the_file_at_base(tmp_path):
    project(tmp_path, 'select = ["X101"]\n')
    body = "".join(f"Line {i}: she sent an e-mail, then an email.\n" for i in range(1, 6))
    repo = new_repo(tmp_path, {"a.txt": body})
    edited = body.replace("Line 3", "Line three")
    p = run_cli("check", "-f", "json", "--diff-base", "HEAD", "-", "--stdin-filename", "a.txt",
                input=edited, cwd=repo)
    assert [d["line"] for d in json.loads(p.stdout)] == [3], p.stderr
    nameless = run_cli("check", "--diff-base", "HEAD", "-", input=edited, cwd=repo)
    assert nameless.returncode == 2 and "--stdin-filename" in nameless.stderr


# -- usage errors -----------------------------------------------------------------------------
def test_outside_a_repository_an_unknown_revision_and_fix_are_usage_errors(tmp_path):
    outside = write(tmp_path / "loose" / "a.txt", "He waited a hour.\n")
    p = run_cli("check", "--isolated", "--diff-base", "HEAD", str(outside), cwd=tmp_path / "loose")
    assert p.returncode == 2 and p.stdout == ""
    assert f"{outside} is not in a git repository" in p.stderr
    repo = new_repo(tmp_path / "repo", {"a.txt": "He waited a hour.\n"})
    for ref in ("no-such-branch", "--output=x"):
        bad = run_cli("check", "--isolated", f"--diff-base={ref}", "a.txt", cwd=repo)
        assert bad.returncode == 2 and f"{ref!r} is not a revision" in bad.stderr, bad.stderr
    assert not (repo / "x").exists()  # never passed to git as an option
    fix = run_cli("check", "--isolated", "--diff-base", "HEAD", "--fix", "a.txt", cwd=repo)
    assert fix.returncode == 2 and "--diff-base cannot be combined with --fix" in fix.stderr


# -- the pieces ---------------------------------------------------------------------------------
def test_compare_lines_marks_changed_and_inserted_lines():
    assert compare_lines(["a", "b", "c"], ["a", "B", "c"]) == {2}
    assert compare_lines(["a", "c"], ["a", "b", "c", "d"]) == {2, 4}
    assert compare_lines(["a", "b", "c"], ["a", "c"]) == frozenset()  # a deletion changes no line left


def test_git_line_numbers_are_renumbered_where_a_lone_cr_ends_a_line():
    source = "one\rtwo\nthree\nfour\r\nfive"
    # git sees lines 'one\rtwo', 'three', 'four\r', 'five'; lintnews one, two, three, four, five
    assert from_git_lines(source, frozenset({1})) == {1, 2}
    assert from_git_lines(source, frozenset({3, 4})) == {4, 5}
    assert from_git_lines("a\nb\r\nc", frozenset({2})) == {2}
