"""Rules as data: YAML validation with messages naming file and entry, plug-in kinds and
rules through entry points, a repository's rule-dirs, and rules that fail at run time."""
from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from lintnews.engine import Engine, RunOptions
from lintnews.registry import RuleError, find_rule, load_file, load_rules

from conftest import REGEX_RULE, project, run_cli, write

GOOD = """\
- code: X201
  name: house-term
  kind: phrase
  severity: warning
  summary: A house-style term.
  options: {phrases: {utilise: use}}
"""


def rule_file(tmp_path: Path, text: str) -> Path:
    return write(tmp_path / "rules" / "house.yml", text)


def test_a_good_file_loads(tmp_path):
    [r] = load_file(rule_file(tmp_path, GOOD))
    assert (r.code, r.name, r.kind, str(r.severity), r.options) == (
        "X201", "house-term", "phrase", "warning", {"phrases": {"utilise": "use"}})
    rules = load_rules([tmp_path / "rules"])
    assert find_rule(rules, "x201") is find_rule(rules, "house-term") is not None
    assert find_rule(rules, "C104") is not None  # the built-ins are still there


@pytest.mark.parametrize("text,expected", [
    (GOOD.replace("  kind: phrase\n", ""), "house.yml: entry 1 (X201): missing kind"),
    (GOOD.replace("  summary: A house-style term.\n", "") , "entry 1 (X201): missing summary"),
    (GOOD.replace("kind: phrase", "kind: no-such-kind"), "entry 1 (X201): unknown kind 'no-such-kind'"),
    (GOOD.replace("severity: warning", "severity: fatal"), "entry 1 (X201): unknown severity 'fatal'"),
    (GOOD.replace("code: X201", "code: x-201"), "code 'x-201' must be a capital letter and three digits"),
    (GOOD.replace("name: house-term", "name: House Term"), "name 'House Term' must be kebab-case"),
    (GOOD + "  colour: red\n", "entry 1 (X201): unknown key(s) colour"),
    (GOOD + "  quotes: sometimes\n", "entry 1 (X201): quotes must be true or false"),
    (GOOD + "  examples: {bad: ['no marks here']}\n", "must mark the flagged span with [[...]]"),
    (GOOD + "  options: [1, 2]\n", "house.yml:7: invalid YAML: duplicate key 'options'"),
    (GOOD + "- just a string\n", "house.yml: entry 2: expected a mapping"),
    ("code: X201\nname: x\n", "house.yml: a rule file is a YAML list of rules"),
    ("- code: X201\n  name: [unclosed\n", "house.yml:3: invalid YAML"),
    (GOOD + GOOD.replace("name: house-term", "name: other-term"),
     "rule X201 other-term: 'X201' is already used by X201 house-term"),
    (GOOD.replace("code: X201", "code: C104"), "'C104' is already used by C104 term-variant"),
    (GOOD.replace("name: house-term", "name: redundancy"), "'redundancy' is already used by W305 redundancy"),
])
def test_bad_rule_files_name_the_file_and_entry(tmp_path, text, expected):
    path = rule_file(tmp_path, text)
    with pytest.raises(RuleError) as ex:
        load_rules([tmp_path / "rules"])
    assert str(path) in str(ex.value)
    assert expected in str(ex.value)


def test_bad_rule_file_through_the_cli_is_exit_2_with_the_file_named(tmp_path):
    project(tmp_path, rules=GOOD.replace("severity: warning", "severity: loud"))
    write(tmp_path / "a.txt", "We utilise it.\n")
    p = run_cli("check", "a.txt", cwd=tmp_path)
    assert p.returncode == 2
    assert "rules/test.yml: entry 1 (X201): unknown severity 'loud'" in p.stderr
    assert "Traceback" not in p.stderr
    missing = run_cli("check", "a.txt", cwd=write(tmp_path / "sub" / "lintnews.toml",
                                                  'rule-dirs = ["nowhere"]\n').parent)
    assert missing.returncode == 2 and "lintnews.toml: 'rule-dirs': " in missing.stderr and "nowhere is not a directory" in missing.stderr


def test_bad_option_names_the_rule_file(tmp_path):
    project(tmp_path, rules=GOOD.replace("{phrases: {utilise: use}}", "{phrases: {utilise: use}, colour: 1}"))
    eng = Engine(RunOptions(config_file=tmp_path / "lintnews.toml"))
    from lintnews.config import ConfigError

    with pytest.raises(ConfigError) as ex:
        eng.active_rules(eng.config_for(tmp_path / "a.txt"))
    assert "test.yml" in str(ex.value) and "unknown option 'colour'" in str(ex.value)


def test_rule_dirs_add_a_repositorys_own_rules(tmp_path):
    project(tmp_path, rules=GOOD)
    write(tmp_path / "a.txt", "We will utilise the hall.\n")
    p = run_cli("check", "a.txt", cwd=tmp_path)
    assert p.returncode == 1, p.stderr
    assert p.stdout == "a.txt:1:9: X201 'utilise': prefer 'use'\n"
    listing = run_cli("rules", cwd=tmp_path)
    assert "X201  house-term" in listing.stdout


PLUGIN_KIND = '''
from lintnews.kinds.base import Finding, Kind


class ShoutKind(Kind):
    """Flags words in capitals."""

    defaults = {"min_length": 4}

    def check(self, ctx):
        import re

        for m in re.finditer(r"\\b[A-Z]{%d,}\\b" % self.options["min_length"], ctx.article.text):
            yield Finding(m.start(), m.end(), f"'{m.group()}' is shouting")


class BoomKind(Kind):
    def check(self, ctx):
        raise RuntimeError("plug-in bug")
'''

PLUGIN_RULES = """\
- code: P101
  name: shouting
  kind: shout
  severity: warning
  summary: Words in capitals.
- code: P102
  name: boom
  kind: boom
  severity: warning
  summary: Always fails.
"""


def fake_distribution(root: Path) -> Path:
    """A plug-in 'installed' on a path: a module, its YAML and a dist-info with entry points."""
    write(root / "lnplug" / "__init__.py", "")
    write(root / "lnplug" / "kinds.py", PLUGIN_KIND)
    write(root / "lnplug" / "rules" / "plug.yml", PLUGIN_RULES)
    write(root / "lnplug-1.0.dist-info" / "METADATA", "Metadata-Version: 2.1\nName: lnplug\nVersion: 1.0\n")
    write(root / "lnplug-1.0.dist-info" / "entry_points.txt",
          "[lintnews.kinds]\nshout = lnplug.kinds:ShoutKind\nboom = lnplug.kinds:BoomKind\n\n"
          "[lintnews.rules]\nlnplug = lnplug:rules\n")
    return root


def test_plugin_kinds_and_rules_through_entry_points(tmp_path):
    site = fake_distribution(tmp_path / "site")
    work = tmp_path / "work"
    write(work / "a.txt", "The MINISTER said it was FINE.\n")
    env = {"PYTHONPATH": os.pathsep.join([str(site), os.environ.get("PYTHONPATH", "")])}
    p = run_cli("check", "--isolated", "--select", "P1", "a.txt", cwd=work, env=env)
    assert p.returncode == 1, p.stderr
    assert p.stdout.splitlines() == [
        "a.txt:1:1: E002 rule P102 boom failed on this file: RuntimeError: plug-in bug (kinds.py:19); "
        "its findings are missing",
        "a.txt:1:5: P101 'MINISTER' is shouting",
        "a.txt:1:26: P101 'FINE' is shouting",
    ]
    listing = run_cli("rules", cwd=work, env=env)
    assert "P101  shouting" in listing.stdout and "shout" in listing.stdout
    without = run_cli("check", "--isolated", "--select", "P1", "a.txt", cwd=work)
    assert without.returncode == 2 and "'P1' matches no rule" in without.stderr


def test_a_rule_that_raises_is_e002_and_the_others_still_run(tmp_path, monkeypatch):
    # on sys.path, the fake distribution's entry points are seen in-process too
    monkeypatch.syspath_prepend(str(fake_distribution(tmp_path / "site")))
    eng = Engine(RunOptions(isolated=True, overrides={"select": ("P1",)}))
    a = write(tmp_path / "a.txt", "He said NO.\n")
    b = write(tmp_path / "b.txt", b"\xff")
    c = write(tmp_path / "c.txt", "She said NEVER.\n")
    results = eng.run([str(a), str(b), str(c)])
    assert [[(d.code, d.line, d.column) for d in r.diagnostics] for r in results] == [
        [("E002", 1, 1)], [("E001", 1, 1)], [("E002", 1, 1), ("P101", 1, 10)]]
    assert "rule P102 boom failed" in results[0].diagnostics[0].message
    ignored = Engine(RunOptions(isolated=True, overrides={"select": ("P1",), "ignore": ("E002",)}))
    assert [d.code for d in ignored.run([str(c)])[0].diagnostics] == ["P101"]


def test_pathological_regex_is_e002_not_a_hang(tmp_path):
    slow = textwrap.dedent("""\
        - code: X904
          name: slow-regex
          kind: regex
          severity: warning
          summary: Catastrophic backtracking.
          options: {pattern: '(a|aa)+$', timeout: 0.2}
        """)
    project(tmp_path, rules=slow + REGEX_RULE)
    long = write(tmp_path / "long.txt", "a" * 50_000 + "b |x|\n")
    other = write(tmp_path / "other.txt", "A |marked| word.\n")
    eng = Engine(RunOptions(config_file=tmp_path / "lintnews.toml", overrides={"select": ("X9",)}))
    import time

    t = time.perf_counter()
    r1, r2 = eng.run([str(long), str(other)])
    assert time.perf_counter() - t < 20
    assert [d.code for d in r1.diagnostics] == ["E002", "X901"]
    assert "X904 slow-regex" in r1.diagnostics[0].message and "timed out after 0.2s" in r1.diagnostics[0].message
    assert [d.message for d in r2.diagnostics] == ["flagged «marked»"]


def test_missing_kind_module_is_e002_not_a_crash(tmp_path, monkeypatch):
    from lintnews import registry

    monkeypatch.setitem(registry.builtin_kinds(), "ghost", "lintnews_no_such_module:Ghost")
    project(tmp_path, rules=GOOD.replace("kind: phrase", "kind: ghost").replace(
        "  options: {phrases: {utilise: use}}\n", "") + REGEX_RULE)
    eng = Engine(RunOptions(config_file=tmp_path / "lintnews.toml", overrides={"select": ("X2", "X9")}))
    [res] = eng.run([str(write(tmp_path / "a.txt", "A |marked| word.\n"))])
    codes = [d.code for d in res.diagnostics]
    assert "X901" in codes and "E002" in codes
    assert "cannot import kind 'ghost'" in next(d.message for d in res.diagnostics if d.code == "E002")


def test_every_builtin_rule_is_documented():
    for r in load_rules():
        assert r.summary and r.explain, r.code
        assert r.kind, r.code


def test_a_fifo_among_the_rule_files_is_an_error_not_a_hang(tmp_path):
    if not hasattr(os, "mkfifo"):
        pytest.skip("no FIFOs here")
    project(tmp_path)
    os.mkfifo(tmp_path / "rules" / "pipe.yml")
    write(tmp_path / "a.txt", "An e-mail, an email.\n")
    p = run_cli("check", "a.txt", cwd=tmp_path, timeout=60)  # the FIFO would block a read forever
    assert p.returncode == 2 and "pipe.yml: cannot read rule file: not a regular file" in p.stderr
