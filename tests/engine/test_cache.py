"""The result cache: hits skip spaCy entirely, changes invalidate, damage is survived."""
from __future__ import annotations

import json
import subprocess
import sys

from conftest import project, read_pty, run_cli, write

PROBE = ("import sys, runpy; sys.argv = ['lintnews'] + sys.argv[1:]\n"
         "try:\n    runpy.run_module('lintnews', run_name='__main__')\n"
         "except SystemExit:\n    pass\n"
         "sys.stderr.write('SPACY=%s' % ('spacy' in sys.modules))\n")


def probe(cwd, *args):
    """Run the CLI in-process of a fresh interpreter and report whether spaCy was imported."""
    p = subprocess.run([sys.executable, "-c", PROBE, *args], cwd=cwd, capture_output=True, text=True)
    return p.stdout, "SPACY=True" in p.stderr


def articles(root, n=6):
    for i in range(n):
        write(root / "docs" / f"a{i}.txt", f"Story {i}\n\nShe sent an e-mail. Then an email, and a |mark{i}|.\n")


def test_second_run_uses_the_cache_and_never_imports_spacy(tmp_path):
    project(tmp_path, "select = ['X101', 'X901']\n")
    articles(tmp_path)
    first, used_spacy = probe(tmp_path, "check", "--jobs", "1", "docs")
    assert used_spacy and "X101" in first and "X901" in first
    second, used_spacy_again = probe(tmp_path, "check", "docs")
    assert second == first
    assert not used_spacy_again
    cache = tmp_path / ".lintnews_cache"
    assert (cache / ".gitignore").read_text().strip().endswith("*")
    assert len(list(cache.rglob("*.json"))) == 6


def test_no_cache_writes_nothing(tmp_path):
    project(tmp_path, "select = ['X101']\n")
    articles(tmp_path, 2)
    run_cli("check", "--no-cache", "docs", cwd=tmp_path)
    assert not (tmp_path / ".lintnews_cache").exists()


def test_changing_a_rule_option_or_rule_file_invalidates(tmp_path):
    project(tmp_path, "select = ['X901']\n")
    articles(tmp_path, 2)
    before = run_cli("check", "docs", cwd=tmp_path).stdout
    assert "flagged «mark0»" in before
    rules = tmp_path / "rules" / "test.yml"
    rules.write_text(rules.read_text().replace("flagged «{match}»", "marked «{match}»"))
    after = run_cli("check", "docs", cwd=tmp_path).stdout
    assert "marked «mark0»" in after and "flagged" not in after
    # a rule option in the config file
    cfg = tmp_path / "lintnews.toml"
    cfg.write_text(cfg.read_text() + "[rules.marked-word]\nmessage = 'option «{match}»'\n")
    again = run_cli("check", "docs", cwd=tmp_path).stdout
    assert "option «mark0»" in again


def test_changing_the_file_invalidates(tmp_path):
    project(tmp_path, "select = ['X901']\n")
    articles(tmp_path, 1)
    assert "mark0" in run_cli("check", "docs", cwd=tmp_path).stdout
    write(tmp_path / "docs" / "a0.txt", "Story\n\nNothing marked here.\n")
    res = run_cli("check", "docs", cwd=tmp_path)
    assert res.returncode == 0 and res.stdout == ""


def test_corrupt_entries_are_ignored_and_rewritten(tmp_path):
    project(tmp_path, "select = ['X901']\n")
    articles(tmp_path, 3)
    good = run_cli("check", "docs", cwd=tmp_path).stdout
    entries = sorted((tmp_path / ".lintnews_cache").rglob("*.json"))
    entries[0].write_text('{"format": 1, "diagnostics": [')       # half-written
    entries[1].write_bytes(b"\x00\xff garbage")                      # not even text
    res = run_cli("check", "docs", cwd=tmp_path)
    assert res.stdout == good and res.returncode == 1
    for e in entries:
        json.loads(e.read_text(encoding="utf-8"))  # rewritten whole


def test_concurrent_runs_share_the_cache_safely(tmp_path):
    project(tmp_path, "select = ['X101', 'X901']\n")
    articles(tmp_path, 8)
    cmd = [sys.executable, "-m", "lintnews", "check", "--jobs", "1", "docs"]
    procs = [subprocess.Popen(cmd, cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
             for _ in range(3)]
    outs = [p.communicate(timeout=300)[0] for p in procs]
    assert outs[0] == outs[1] == outs[2] and "X901" in outs[0]
    for e in (tmp_path / ".lintnews_cache").rglob("*.json"):
        json.loads(e.read_text(encoding="utf-8"))
    assert not list((tmp_path / ".lintnews_cache").rglob("*.tmp"))
    assert run_cli("check", "docs", cwd=tmp_path).stdout == outs[0]


def test_progress_bar_only_on_a_terminal(tmp_path):
    import os
    import pty

    project(tmp_path, "select = ['X901']\n")
    articles(tmp_path, 8)
    piped = run_cli("check", "--no-cache", "docs", cwd=tmp_path)
    assert "checking" not in piped.stderr and piped.stderr == "Found 8 problems in 8 files.\n"  # no bar
    master, slave = pty.openpty()
    env = {**os.environ, "COLUMNS": "100", "TERM": "xterm"}
    proc = subprocess.Popen([sys.executable, "-m", "lintnews", "check", "--no-cache", "docs"], cwd=tmp_path,
                            stdout=subprocess.PIPE, stderr=slave, env=env)
    os.close(slave)
    out, _ = proc.communicate(timeout=300)
    seen = read_pty(master)
    assert b"checking" in seen, seen[:200]
    assert b"checking" not in out and b"X901" in out  # the report itself stays clean


def test_entries_of_the_wrong_shape_are_misses_never_errors(tmp_path):
    import os

    from lintnews.cache import Cache
    from lintnews.diagnostics import Diagnostic, Severity

    cache = Cache(tmp_path / "c")
    good = Diagnostic("a.txt", 1, 2, 1, 5, "X901", "marked-word", Severity.WARNING, "m", text="abc")
    cache.put("ab" + "0" * 62, [good])
    assert cache.get("ab" + "0" * 62) == [good]
    entry = next((tmp_path / "c").rglob("*.json"))
    fields = json.loads(entry.read_text(encoding="utf-8"))["diagnostics"][0]
    for bad in ([1, 2], 3, "text", None, {"format": 1}, {"format": 1, "diagnostics": "x"},
                {"format": 1, "diagnostics": [None]}, {"format": 1, "diagnostics": [{**fields, "line": "1"}]},
                {"format": 1, "diagnostics": [{**fields, "line": True}]},
                {"format": 1, "diagnostics": [{**fields, "column": 0}]},
                {"format": 1, "diagnostics": [{**fields, "severity": "loud"}]},
                {"format": 1, "diagnostics": [{**fields, "related": {}}]},
                {"format": 1, "diagnostics": [{**fields, "related": [{"path": "a"}]}]},
                {"format": 1, "diagnostics": [{**fields, "fix": {"message": "m", "safe": True,
                                                                  "edits": [[0, "1", "x"]]}}]},
                {"format": 1, "diagnostics": [{**fields, "fix": [1]}]}):
        entry.write_text(json.dumps(bad), encoding="utf-8")
        assert cache.get("ab" + "0" * 62) is None, bad
    entry.write_text("[" * 200_000, encoding="utf-8")  # deeper than the JSON parser recurses
    assert cache.get("ab" + "0" * 62) is None
    if hasattr(os, "mkfifo"):  # never read: it would wait for a writer forever
        entry.unlink()
        os.mkfifo(entry)
        assert cache.get("ab" + "0" * 62) is None
        cache.put("ab" + "0" * 62, [good])
        assert cache.get("ab" + "0" * 62) == [good]
