"""Hook hygiene: what pre-commit passes obeys include/exclude (--force-exclude), a README is
not an article, nothing to check is said (exit 0), a selection of no rule is a usage error."""
from __future__ import annotations

import re

import yaml

from conftest import REPO, project, run_cli, write

BAD = "She sent an e-mail on Monday. A second email followed.\n"
README_LIKE = ["README.md", "docs/guide.md", "news/README.txt", "CHANGELOG.md", "LICENSE.txt", "CONTRIBUTING.md"]
ARTICLES = ["news/storm.md", "2024/readme-week.md", "history-of-the-pier.txt", "page.html"]


def hooks() -> dict:
    return {h["id"]: h for h in yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))}


def test_both_hooks_leave_out_readmes_and_docs_but_not_articles():
    assert set(hooks()) == {"lintnews", "lintnews-changed"}
    for hook in hooks().values():
        files, exclude = re.compile(hook["files"]), re.compile(hook["exclude"])
        passed = [n for n in README_LIKE + ARTICLES if files.search(n) and not exclude.search(n)]
        assert passed == ARTICLES, hook["id"]
        assert "--force-exclude" in hook["entry"].split()
    assert hooks()["lintnews-changed"]["entry"].split()[-2:] == ["--diff-base", "-"]


def test_force_exclude_skips_files_named_outright_that_the_config_excludes(tmp_path):
    project(tmp_path, 'select = ["X101"]\nexclude = ["README.md", "archive/"]\n')
    for name in ("README.md", "archive/old.md", "news/a.md"):
        write(tmp_path / name, BAD)
    named = ["README.md", "archive/old.md", "news/a.md"]
    plain = run_cli("check", *named, cwd=tmp_path)
    assert [line.split(":")[0] for line in plain.stdout.splitlines()] == named  # named: checked
    forced = run_cli("check", "--force-exclude", *named, cwd=tmp_path)
    assert [line.split(":")[0] for line in forced.stdout.splitlines()] == ["news/a.md"]
    nothing = run_cli("check", "--force-exclude", "README.md", "archive/old.md", cwd=tmp_path)
    assert (nothing.returncode, nothing.stdout) == (0, "")  # a commit of excluded files is not refused
    assert nothing.stderr == ("lintnews: nothing to check: the 2 file(s) given are left out by "
                              "include/exclude (--force-exclude)\n")


def test_a_folder_with_nothing_to_check_says_so_and_exits_0(tmp_path):
    project(tmp_path, 'select = ["X101"]\n')
    write(tmp_path / "empty" / "notes.py", BAD)
    p = run_cli("check", "empty", cwd=tmp_path)
    assert (p.returncode, p.stdout) == (0, "")
    assert p.stderr == ("lintnews: nothing to check in empty: no file there that include, exclude and "
                        ".gitignore leave in\n")
    write(tmp_path / "news" / "a.md", BAD)
    both = run_cli("check", "empty", "news", cwd=tmp_path)
    assert both.returncode == 1 and both.stdout.startswith("news/a.md:1:")
    assert both.stderr.startswith("lintnews: nothing to check in empty:")
    assert run_cli("check", "-q", "empty", cwd=tmp_path).stderr == ""


def test_a_selection_that_leaves_no_rule_is_a_usage_error(tmp_path):
    project(tmp_path)
    write(tmp_path / "a.md", BAD)
    p = run_cli("check", "--select", "X", "--ignore", "X", "a.md", cwd=tmp_path)
    assert (p.returncode, p.stdout) == (2, "")
    assert p.stderr.startswith("lintnews: error: no rule is selected: select and ignore")
    typo = run_cli("check", "--select", "X", "--ignore", "Q9", "a.md", cwd=tmp_path)
    assert typo.returncode == 2 and "'Q9' matches no rule" in typo.stderr  # the typo is named
    write(tmp_path / "bin.txt", b"\x00")
    unreadable_only = run_cli("check", "--select", "E001", "a.md", "bin.txt", cwd=tmp_path)
    assert unreadable_only.returncode == 1 and unreadable_only.stdout.startswith("bin.txt:1:1: E001")
