"""Say what happened: concise and full end with a summary (stdout on a terminal, stderr in a
pipe), --fix says what it changed, --diff prints only the diff, --fix on stdin prints the fixed
text, --quiet drops the summary, machine formats never get prose on stdout."""
from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from lintnews.diagnostics import Diagnostic, Edit, Fix, Severity
from lintnews.report import summary

from conftest import read_pty, run_cli, write

SELECT = ("--isolated", "--select", "W101,W102,C104")
# two safe fixes (a/an, doubled word), one finding with no fix (C104)
SLIPS = "He waited a hour. She said the the plan worked.\n"
TERMS = "She sent an e-mail. A second email followed.\n"
CLEAN = "She sent an email. A second email followed.\n"


def on_a_terminal(args: list[str], cwd) -> tuple[str, str, int]:
    """Run the CLI with stdout on a pseudo-terminal: (stdout, stderr, exit code)."""
    pty = pytest.importorskip("pty")
    master, slave = pty.openpty()
    env = {k: v for k, v in os.environ.items() if k != "LINTNEWS_DEBUG"}
    env["NO_COLOR"] = "1"
    proc = subprocess.run([sys.executable, "-m", "lintnews", *args], cwd=cwd, stdout=slave,
                          stderr=subprocess.PIPE, env=env, timeout=120)
    os.close(slave)
    out = read_pty(master).decode("utf-8", "replace").replace("\r\n", "\n")
    return out, proc.stderr.decode("utf-8", "replace"), proc.returncode


def test_the_summary_goes_to_stderr_in_a_pipe_and_stdout_on_a_terminal(tmp_path):
    write(tmp_path / "a.txt", SLIPS)
    write(tmp_path / "b.txt", TERMS)
    write(tmp_path / "c.txt", CLEAN)
    piped = run_cli("check", *SELECT, "a.txt", "b.txt", "c.txt", cwd=tmp_path)
    assert piped.returncode == 1
    assert [line.split(":")[0] for line in piped.stdout.splitlines()] == ["a.txt", "a.txt", "b.txt"]
    assert piped.stderr == "Found 3 problems in 2 files (2 fixable with --fix).\n"
    out, err, rc = on_a_terminal(["check", *SELECT, "--format", "concise", "a.txt", "b.txt"], tmp_path)
    assert rc == 1 and err == ""
    assert out.splitlines()[-1] == "Found 3 problems in 2 files (2 fixable with --fix)."
    full, _, _ = on_a_terminal(["check", *SELECT, "c.txt"], tmp_path)  # full: the default on a terminal
    assert full == "All checks passed.\n"
    clean = run_cli("check", *SELECT, "c.txt", cwd=tmp_path)
    assert (clean.returncode, clean.stdout, clean.stderr) == (0, "", "All checks passed.\n")


@pytest.mark.parametrize("fmt", ["json", "jsonl", "sarif", "github", "gitlab"])
def test_machine_formats_get_no_prose(tmp_path, fmt):
    write(tmp_path / "a.txt", SLIPS)
    p = run_cli("check", *SELECT, "--format", fmt, "a.txt", cwd=tmp_path)
    assert p.returncode == 1 and p.stderr == ""
    assert "Found" not in p.stdout and "fixable" not in p.stdout


def test_quiet_drops_the_summary_and_keeps_the_findings(tmp_path):
    write(tmp_path / "a.txt", SLIPS)
    p = run_cli("check", *SELECT, "--quiet", "a.txt", cwd=tmp_path)
    assert p.returncode == 1 and p.stderr == "" and len(p.stdout.splitlines()) == 2
    out, err, _ = on_a_terminal(["check", *SELECT, "-q", "-f", "concise", "a.txt"], tmp_path)
    assert "Found" not in out and len(out.splitlines()) == 2


def test_fix_says_what_it_changed(tmp_path):
    write(tmp_path / "a.txt", SLIPS)
    write(tmp_path / "b.txt", "The The plan worked. " + TERMS)
    write(tmp_path / "c.txt", CLEAN)
    p = run_cli("check", *SELECT, "--fix", "a.txt", "b.txt", "c.txt", cwd=tmp_path)
    assert (tmp_path / "a.txt").read_text() == "He waited an hour. She said the plan worked.\n"
    # "The The" at the start of a sentence is an unsafe fix; C104 has none
    assert p.stderr == "Fixed 2 problems in 1 file.\nFound 2 problems in 1 file (1 fixable with --unsafe-fixes).\n"
    assert p.stdout.splitlines()[0].startswith("b.txt:1:1: W102") and p.returncode == 1
    again = run_cli("check", *SELECT, "--fix", "--unsafe-fixes", "b.txt", cwd=tmp_path)
    assert again.stderr == "Fixed 1 problem in 1 file.\nFound 1 problem in 1 file.\n"


def test_diff_prints_only_the_diff(tmp_path):
    write(tmp_path / "a.txt", SLIPS)
    write(tmp_path / "b.txt", TERMS)
    p = run_cli("check", *SELECT, "--diff", "a.txt", "b.txt", cwd=tmp_path)
    assert p.stdout.startswith("--- a/a.txt\n+++ b/a.txt\n")
    assert [line[0] for line in p.stdout.splitlines()[2:]] == ["@", "-", "+"]  # the diff, nothing else
    assert p.stderr == "Would fix 2 problems in 1 file.\n"
    assert (tmp_path / "a.txt").read_text() == SLIPS  # nothing written
    none = run_cli("check", *SELECT, "--diff", "b.txt", cwd=tmp_path)
    assert (none.stdout, none.stderr) == ("", "Nothing to fix.\n")


def test_fix_on_stdin_writes_the_fixed_text_to_stdout(tmp_path):
    p = run_cli("check", *SELECT, "--fix", "-", input=SLIPS + TERMS, cwd=tmp_path)
    assert p.stdout == "He waited an hour. She said the plan worked.\n" + TERMS
    assert p.returncode == 1
    assert p.stderr.splitlines() == ["-:2:30: C104 'email' here, but the article first writes 'e-mail' (line 2)",
                                     "Fixed 2 problems in 1 file.", "Found 1 problem in 1 file."]
    md = run_cli("check", *SELECT, "--fix", "-", "--stdin-filename", "story.md", "-q",
                 input="# Storm\n\nHe waited a hour.\n\n```\nthe the\n```\n", cwd=tmp_path)
    assert md.stdout == "# Storm\n\nHe waited an hour.\n\n```\nthe the\n```\n"  # code is not prose
    assert md.stderr == "" and md.returncode == 0
    empty = run_cli("check", *SELECT, "--fix", "-", input="\n\n", cwd=tmp_path)
    assert empty.stdout == "\n\n" and empty.returncode == 0  # passed through as it came


def test_summary_wording():
    def diag(path: str, fix: Fix | None) -> Diagnostic:
        return Diagnostic(path, 1, 1, 1, 2, "W101", "article-agreement", Severity.ERROR, "m", fix=fix)

    safe, risky = Fix("f", (Edit(0, 1, "x"),)), Fix("f", (Edit(0, 1, "x"),), safe=False)
    assert summary.found([]) == "All checks passed."
    assert summary.found([diag("a", None)]) == "Found 1 problem in 1 file."
    assert summary.found([diag("a", safe), diag("b", risky), diag("b", None)]) == \
        "Found 3 problems in 2 files (1 fixable with --fix, 1 more with --unsafe-fixes)."
    assert summary.found([diag("a", risky)]) == "Found 1 problem in 1 file (1 fixable with --fix --unsafe-fixes)."
    assert summary.found([diag("a", safe), diag("a", risky)], unsafe=True) == \
        "Found 2 problems in 1 file (2 fixable with --fix)."
    assert summary.found([diag("a", safe), diag("a", risky)], after_fix=True) == \
        "Found 2 problems in 1 file (1 fixable with --unsafe-fixes)."
