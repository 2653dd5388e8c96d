"""The generic kinds a newsroom writes its house style with: phrase, pattern, variants, regex."""
from __future__ import annotations

from pathlib import Path

import pytest

from lintnews.config import ConfigError
from lintnews.engine import Engine, RunOptions

from conftest import project, write

RULES = """\
- code: X301
  name: house-phrase
  kind: phrase
  severity: warning
  summary: House style phrases.
  quotes: false
  fixable: true
  options:
    phrases: {"utilise": "use", "in order to": "to", "at this point in time": "now"}
    fix: true
- code: X302
  name: banned-word
  kind: phrase
  severity: warning
  summary: A list without replacements.
  options:
    phrases: [synergy, "going forward"]
    message: "'{match}' is banned"
- code: X303
  name: passive-said
  kind: pattern
  severity: info
  summary: A token pattern.
  options:
    patterns: [[{LOWER: "it"}, {LOWER: "was"}, {LOWER: "said"}]]
    requires: []
    message: "'{match}': who said it?"
- code: X304
  name: spelling-choice
  kind: variants
  severity: warning
  summary: One spelling per article.
  options:
    sets: [[judgement, judgment], {forms: [Web site, website], ignore_case: true}]
    fix: true
- code: X305
  name: number-words
  kind: regex
  severity: info
  summary: A regex with a group and a replacement.
  options:
    pattern: '\\b(\\d+) per cent\\b'
    group: 0
    ignore_case: true
    replacement: '\\1%'
    message: "write '{match}' as a percentage"
"""


@pytest.fixture
def run(tmp_path):
    project(tmp_path, rules=RULES)

    def lint(text: str, *select: str, name: str = "a.txt"):
        eng = Engine(RunOptions(config_file=tmp_path / "lintnews.toml", overrides={"select": select}))
        [res] = eng.run([str(write(tmp_path / name, text))])
        return res.diagnostics
    return lint


def test_phrase_with_replacements_and_fix(run):
    diags = run("We utilise tools In Order To win, at this point in time.\n", "X301")
    assert [(d.text, d.message) for d in diags] == [
        ("utilise", "'utilise': prefer 'use'"), ("In Order To", "'In Order To': prefer 'to'"),
        ("at this point in time", "'at this point in time': prefer 'now'")]
    assert diags[0].fix is not None and diags[0].fix.safe
    assert [(e.start, e.end, e.text) for e in diags[0].fix.edits] == [(3, 10, "use")]


def test_phrase_list_and_quotes_false(run):
    assert [d.text for d in run("Synergy matters going forward.\n", "X302")] == ["Synergy", "going forward"]
    # quotes: false keeps X301 out of direct quotations; X302 reads them
    text = '"We utilise synergy," she said. They utilise it.\n'
    assert [(d.code, d.column) for d in run(text, "X301", "X302")] == [("X302", 13), ("X301", 38)]


def test_phrase_does_not_match_inside_words(run):
    assert run("The synergyst and reutilised parts.\n", "X301", "X302") == []


def test_pattern(run):
    diags = run("It was said that prices rose. It was, said one man, fine.\n", "X303")
    assert [(d.text, d.message) for d in diags] == [("It was said", "'It was said': who said it?")]


def test_variants_first_form_wins_with_related_and_fix(run):
    text = "The judgment came.\n\nA second judgement, a Web site and a website.\n"
    diags = run(text, "X304")
    assert [(d.text, d.line) for d in diags] == [("judgement", 3), ("website", 3)]
    assert diags[0].message == "'judgement' here, but the article first writes 'judgment' (line 1)"
    assert [(r.location.line, r.location.column, r.location.end_column) for r in diags[0].related] == [(1, 5, 13)]
    assert [e.text for e in diags[1].fix.edits] == ["Web site"]
    assert run("One judgment, two judgments.\n", "X304") == []


def test_regex_group_replacement_and_case(run):
    diags = run("Rates rose 5 per cent, then 12 PER CENT.\n", "X305")
    assert [(d.text, d.fix.edits[0].text) for d in diags] == [("5 per cent", "5%"), ("12 PER CENT", "12%")]


@pytest.mark.parametrize("kind,options,expected", [
    ("phrase", "{phrases: {}}", "option 'phrases' must be a non-empty"),
    ("phrase", "{phrases: [a], attr: SHAPE}", "option 'attr' must be LOWER, ORTH, NORM or LEMMA"),
    ("phrase", "{phrases: [a], colour: red}", "unknown option 'colour'"),
    ("phrase", "{phrases: [a], fix: 'yes'}", "option 'fix' must be bool"),
    ("regex", "{pattern: '(unclosed'}", "invalid regex"),
    ("regex", "{}", "option 'pattern' is required"),
    ("variants", "{sets: [[only-one]]}", "each variant set needs two or more forms"),
    ("pattern", "{patterns: []}", "option 'patterns' must be a list"),
])
def test_bad_options_of_generic_kinds(tmp_path, kind, options, expected):
    rules = f"""\
- code: X399
  name: broken
  kind: {kind}
  severity: warning
  summary: Broken options.
  options: {options}
"""
    project(tmp_path, rules=rules)
    eng = Engine(RunOptions(config_file=tmp_path / "lintnews.toml", overrides={"select": ("X399",)}))
    with pytest.raises(ConfigError) as ex:
        eng.run([str(write(tmp_path / "a.txt", "Text.\n"))])
    assert expected in str(ex.value) and "test.yml" in str(ex.value)


@pytest.mark.parametrize("options,expected", [
    ("{pattern: '(a)b', group: 2}", "option 'group': the pattern has no group 2 (it has 1)"),
    ("{pattern: '(a)b', group: -1}", "option 'group': the pattern has no group -1"),
    ("{pattern: '(?P<word>a)b', group: wrod}", "option 'group': the pattern has no group named 'wrod' "
                                              "(named groups: word)"),
    ("{pattern: '(a)b', group: 1.5}", "option 'group' must be a group number or name"),
    ("{pattern: '(a)b', replacement: '\\2'}", "option 'replacement' '\\\\2': no such group"),
    ("{pattern: '(a)b', replacement: '\\g<word>'}", "option 'replacement'"),
    ("{pattern: '(a)b', replacement: '\\q'}", "bad escape"),
    ("{pattern: '(a)b', timeout: 0}", "option 'timeout' must be more than 0 seconds"),
])
def test_regex_groups_are_checked_when_the_rule_loads(tmp_path, options, expected):
    # a group the pattern lacks once passed validation and then failed on every file
    rules = f"""\
- code: X396
  name: bad-group
  kind: regex
  severity: warning
  summary: Names a group its pattern does not have.
  options: {options}
"""
    project(tmp_path, rules=rules)
    eng = Engine(RunOptions(config_file=tmp_path / "lintnews.toml", overrides={"select": ("X396",)}))
    with pytest.raises(ConfigError) as ex:
        eng.run([str(write(tmp_path / "a.txt", "Text ab.\n"))])
    assert expected in str(ex.value) and "X396 bad-group" in str(ex.value) and "test.yml" in str(ex.value)


def test_regex_group_by_name_and_number(tmp_path):
    rules = """\
- code: X395
  name: named-group
  kind: regex
  severity: warning
  summary: A named group and a template that uses it.
  options: {pattern: '(\\d+) (?P<unit>per cent)', group: unit, replacement: '\\g<unit>!', message: '{match}'}
"""
    project(tmp_path, rules=rules)
    eng = Engine(RunOptions(config_file=tmp_path / "lintnews.toml", overrides={"select": ("X395",)}))
    [res] = eng.run([str(write(tmp_path / "a.txt", "It rose 5 per cent.\n"))])
    assert [(d.text, d.fix.edits[0].text) for d in res.diagnostics] == [("per cent", "per cent!")]


def test_invalid_matcher_pattern_is_e002_naming_the_rule(tmp_path):
    rules = """\
- code: X398
  name: bad-pattern
  kind: pattern
  severity: warning
  summary: spaCy rejects this pattern.
  options: {patterns: [[{NOT_AN_ATTR: "x"}]], requires: []}
"""
    project(tmp_path, rules=rules)
    eng = Engine(RunOptions(config_file=tmp_path / "lintnews.toml", overrides={"select": ("X398",)}))
    [res] = eng.run([str(write(tmp_path / "a.txt", "Text.\n"))])
    assert [d.code for d in res.diagnostics] == ["E002"]
    assert "X398 bad-pattern" in res.diagnostics[0].message and "invalid Matcher pattern" in res.diagnostics[0].message


def test_kinds_need_no_parser_unless_asked(tmp_path):
    from lintnews.kinds.generic import PhraseKind, RegexKind, VariantsKind

    class R:
        code, name, kind, options = "X1", "x", "phrase", {}

    assert PhraseKind(R(), {"phrases": ["a b"]}).requires == frozenset()
    assert "lemmatizer" in PhraseKind(R(), {"phrases": ["a b"], "attr": "LEMMA"}).requires
    assert RegexKind(R(), {"pattern": "x"}).requires == frozenset()
    assert VariantsKind(R(), {"sets": [["a", "b"]]}).requires == frozenset()
    assert Path(__file__).is_file()
