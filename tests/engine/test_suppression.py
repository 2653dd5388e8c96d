"""Suppression comments in every format, unused ones reported (E003), and baselines keyed on
path, code and flagged text (never the line)."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from lintnews.engine import Engine, RunOptions

from conftest import project, run_cli, write


def check(root: Path, name: str, text: str, *select: str) -> list[tuple[str, int]]:
    project(root)
    eng = Engine(RunOptions(config_file=root / "lintnews.toml", overrides={"select": select or ("X",)}))
    [res] = eng.run([str(write(root / name, text))])
    return [(d.code, d.line) for d in res.diagnostics]


TXT = """\
One |a| here.

<!-- lintnews-disable X901 -- quoting the style guide -->
Two |b| here.

Three |c| here.
<!-- lintnews-enable X901 -->

Four |d| here.
<!-- lintnews-disable-next-line marked-word -->
Five |e| here.
Six |f| here.
"""


@pytest.mark.parametrize("name,wrap", [
    ("a.txt", lambda s: s),
    ("a.md", lambda s: s),
    ("a.html", lambda s: "<html><body>\n" + "\n".join(
        line if line.startswith("<!--") or not line.strip() else f"<p>{line}</p>" for line in s.splitlines())
        + "\n</body></html>\n"),
])
def test_disable_enable_and_next_line_in_every_format(tmp_path, name, wrap):
    got = check(tmp_path, name, wrap(TXT), "X901")
    offset = 1 if name == "a.html" else 0
    assert got == [("X901", 1 + offset), ("X901", 9 + offset), ("X901", 12 + offset)]


def test_disable_without_codes_covers_every_rule_until_enabled(tmp_path):
    text = ("An e-mail, |a|.\n\n<!-- lintnews-disable -->\nAn email, a free gift, |b|.\n\n"
            "<!-- lintnews-enable -->\nAnother email, |c|.\n")
    assert check(tmp_path, "a.md", text) == [("X901", 1), ("X101", 7), ("X901", 7)]


def test_prefix_and_several_codes(tmp_path):
    text = ("An e-mail.\n\n<!-- lintnews-disable-next-line X1, X901 -- legal wording -->\n"
            "An email, a free gift, |b|.\n\nLast email.\n")
    assert check(tmp_path, "a.md", text) == [("X101", 6)]


def test_inline_directive_in_txt_is_not_a_directive(tmp_path):
    text = "One |a| here. <!-- lintnews-disable-next-line X901 -->\nTwo |b| here.\n"
    assert check(tmp_path, "a.txt", text, "X901") == [("X901", 1), ("X901", 2)]
    # in Markdown and HTML an inline comment is a comment
    assert check(tmp_path, "a.md", text, "X901") == [("X901", 1)]


def test_unused_directive_is_reported(tmp_path):
    text = ("Clean text.\n\n<!-- lintnews-disable-next-line X901 -- no longer needed -->\nStill clean.\n\n"
            "<!-- lintnews-disable gift -->\nNo gifts here.\n")
    project(tmp_path)
    eng = Engine(RunOptions(config_file=tmp_path / "lintnews.toml", overrides={"select": ("X",)}))
    [res] = eng.run([str(write(tmp_path / "a.md", text))])
    assert [(d.code, d.line, d.column, d.end_column) for d in res.diagnostics] == [
        ("E003", 3, 1, 61), ("E003", 6, 1, 31)]
    assert res.diagnostics[0].message == "lintnews-disable-next-line for X901 suppresses nothing; remove it"
    assert res.diagnostics[1].text == "<!-- lintnews-disable gift -->"
    # a directive for a rule that did not run is not "unused"
    assert check(tmp_path, "a.md", text, "X101") == []
    # nor when E003 is ignored
    eng2 = Engine(RunOptions(config_file=tmp_path / "lintnews.toml", overrides={"select": ("X",),
                                                                               "ignore": ("E003",)}))
    assert eng2.run([str(tmp_path / "a.md")])[0].diagnostics == []


def test_directive_naming_no_rule_is_reported(tmp_path):
    text = "An e-mail.\n\n<!-- lintnews-disable-next-line X9O1 -->\nAn email.\n"
    assert check(tmp_path, "a.md", text, "X101") == [("E003", 3), ("X101", 4)]


# -- baselines -------------------------------------------------------------------------------------
ARTICLE = "An e-mail came.\n\nThen an email, a free gift.\n"


def codes_of(stdout: str) -> list[str]:
    return [line.split()[1] for line in stdout.splitlines()]


def test_baseline_hides_known_findings_and_survives_edits_elsewhere(tmp_path):
    project(tmp_path, 'select = ["X1"]\nfail-on = "info"\n')
    write(tmp_path / "news" / "a.md", ARTICLE)
    base = tmp_path / "baseline.json"
    first = run_cli("check", "--write-baseline", str(base), "news", cwd=tmp_path)
    assert first.returncode == 1 and codes_of(first.stdout) == ["X101", "X102"]
    entries = json.loads(base.read_text())["entries"]
    assert [(e["path"], e["code"], e["count"]) for e in entries] == [("news/a.md", "X101", 1),
                                                                     ("news/a.md", "X102", 1)]
    assert all("line" not in e for e in entries)
    quiet = run_cli("check", "--baseline", str(base), "news", cwd=tmp_path)
    assert (quiet.returncode, quiet.stdout) == (0, "")
    # edits elsewhere move the findings to other lines: still accepted
    write(tmp_path / "news" / "a.md", "# A new headline\n\nA new paragraph.\n\n" + ARTICLE)
    assert run_cli("check", "--baseline", str(base), "news", cwd=tmp_path).stdout == ""
    # from another folder, the same baseline still applies (paths are relative to it)
    sub = run_cli("check", "--baseline", str(base), "a.md", cwd=tmp_path / "news")
    assert sub.stdout == ""
    # a new finding is reported; the accepted ones stay hidden
    write(tmp_path / "news" / "a.md", ARTICLE + "\nA second email.\n")
    new = run_cli("check", "--baseline", str(base), "news", cwd=tmp_path)
    assert new.returncode == 1 and codes_of(new.stdout) == ["X101"]


def test_a_fixed_finding_drops_out_of_a_rewritten_baseline(tmp_path):
    project(tmp_path, 'select = ["X1"]\n')
    write(tmp_path / "a.md", ARTICLE)
    base = tmp_path / "baseline.json"
    run_cli("check", "--write-baseline", str(base), "a.md", cwd=tmp_path)
    write(tmp_path / "a.md", ARTICLE.replace("a free gift", "a gift"))
    again = run_cli("check", "--baseline", str(base), "--write-baseline", str(base), "a.md", cwd=tmp_path)
    assert again.returncode == 0
    assert [e["code"] for e in json.loads(base.read_text())["entries"]] == ["X101"]
    # rewriting with the baseline applied keeps what is still there
    run_cli("check", "--baseline", str(base), "--write-baseline", str(base), "a.md", cwd=tmp_path)
    assert [e["code"] for e in json.loads(base.read_text())["entries"]] == ["X101"]


def test_baseline_counts_repeats_of_the_same_text(tmp_path):
    project(tmp_path, 'select = ["X101"]\n')
    write(tmp_path / "a.txt", "An e-mail, an email.\n")
    base = tmp_path / "b.json"
    run_cli("check", "--write-baseline", str(base), "a.txt", cwd=tmp_path)
    write(tmp_path / "a.txt", "An e-mail, an email, another email.\n")
    p = run_cli("check", "--baseline", str(base), "a.txt", cwd=tmp_path)
    assert p.returncode == 1 and p.stdout.startswith("a.txt:1:30: X101")


def test_bad_baseline_is_a_clear_error(tmp_path):
    project(tmp_path)
    write(tmp_path / "a.txt", "Fine.\n")
    missing = run_cli("check", "--baseline", "nope.json", "a.txt", cwd=tmp_path)
    assert missing.returncode == 2 and "nope.json: baseline file not found" in missing.stderr
    write(tmp_path / "junk.json", "[1, 2")
    junk = run_cli("check", "--baseline", "junk.json", "a.txt", cwd=tmp_path)
    assert junk.returncode == 2 and "junk.json: not a lintnews baseline" in junk.stderr
