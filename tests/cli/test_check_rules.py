"""`lintnews check-rules DIR`: a house rule's examples are tests too (bad flags exactly its
[[span]], good flags nothing); a failure exits 1 saying what was found instead."""
from __future__ import annotations

from conftest import run_cli, write

RULES = """\
- code: H101
  name: house-ise
  kind: variants
  severity: warning
  summary: Our style is -ise.
  options: {sets: [{forms: [organise, organize], ignore_case: true}]}
  examples:
    bad: ["We organise. They [[organize]]."]
    good: ["We organise. They organise."]
- code: H102
  name: house-gift
  kind: phrase
  severity: info
  summary: No free gifts.
  options: {phrases: {free gift: gift}}
  examples:
    bad: ["Every visitor got a [[free gift]]."]
    good: ["Every visitor got a gift.", "It was free."]
"""


def test_all_examples_pass(tmp_path):
    write(tmp_path / "house" / "style.yml", RULES)
    p = run_cli("check-rules", "house", cwd=tmp_path)
    assert (p.returncode, p.stderr) == (0, ""), p.stdout + p.stderr
    assert p.stdout == "All 5 examples of 2 rules in house passed.\n"
    # without a folder: the rule-dirs of the configuration
    write(tmp_path / "lintnews.toml", 'rule-dirs = ["house"]\n')
    assert run_cli("check-rules", cwd=tmp_path).stdout == p.stdout.replace("in house", f"in {tmp_path / 'house'}")


def test_a_wrong_example_fails_and_says_what_was_found(tmp_path):
    wrong = (RULES.replace("They [[organize]].", "[[They]] organize.")  # marks the wrong text
             .replace('"It was free."', '"It was a free gift."'))  # a good example that is flagged
    rules = write(tmp_path / "house" / "style.yml", wrong)
    p = run_cli("check-rules", "house", cwd=tmp_path)
    assert p.returncode == 1, p.stdout + p.stderr
    lines = p.stdout.splitlines()
    assert lines[0] == f"{rules.resolve()}: H101 house-ise: bad example 1: 'We organise. [[They]] organize.'"
    assert lines[1].startswith("    expected 'They'; found 'organize' (")
    assert lines[2] == f"{rules.resolve()}: H102 house-gift: good example 2: 'It was a free gift.'"
    assert lines[3].startswith("    expected nothing; found 'free gift' (")
    assert lines[-1] == "2 of 5 examples failed (rules H101, H102)."


def test_rule_file_errors_exit_2_naming_file_and_entry(tmp_path):
    rules = write(tmp_path / "house" / "style.yml", RULES.replace("  summary: No free gifts.\n", ""))
    p = run_cli("check-rules", "house", cwd=tmp_path)
    assert p.returncode == 2 and p.stdout == ""
    assert p.stderr == f"lintnews: error: {rules.resolve()}: entry 2 (H102): missing summary\n"
    broken = write(tmp_path / "broken" / "x.yml", "- code: H1\n  name: [unclosed\n")
    b = run_cli("check-rules", "broken", cwd=tmp_path)
    assert b.returncode == 2 and f"{broken.resolve()}:" in b.stderr and "invalid YAML" in b.stderr
    missing = run_cli("check-rules", "nowhere", cwd=tmp_path)
    assert missing.returncode == 2 and "nowhere" in missing.stderr
    write(tmp_path / "empty" / "none.yml", "")
    empty = run_cli("check-rules", "empty", cwd=tmp_path)
    assert empty.returncode == 2 and "nothing to test" in empty.stderr
    unset = run_cli("check-rules", cwd=tmp_path)
    assert unset.returncode == 2 and "no rule-dirs" in unset.stderr
