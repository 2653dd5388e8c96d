"""The public API (lintnews/__init__.py): what the CLI, an editor server and archive workers call."""
from __future__ import annotations

import subprocess
import sys

import pytest

import lintnews
from lintnews import Config, ConfigError

from conftest import write

W1 = Config(select=["W1"])


def test_lint_text_finds_and_locates():
    diags = lintnews.lint_text("He waited a hour.\n\nThe the cat sat.", config=W1)
    assert [(d.line, d.column, d.code, d.text) for d in diags] == [(1, 11, "W101", "a hour"),
                                                                   (3, 1, "W102", "The the")]


def test_lint_text_path_picks_the_format_and_names_the_file():
    text = "<p>He waited a hour.</p><script>var x = 'a hour';</script>"
    [d] = lintnews.lint_text(text, path="story.html", config=W1)
    assert (d.path, d.column, d.text) == ("story.html", 14, "a hour")
    as_text = lintnews.lint_text(text, path="story.txt", config=W1)
    assert [x.column for x in as_text] == [14, 42]  # as plain text the script is prose too
    assert lintnews.lint_text("", config=W1)[0].code == "E001"


def test_lint_text_date_anchors_relative_dates():
    text = "The council met on Tuesday.\n"
    undated = lintnews.lint_text(text, config=Config(select=["C303"]))
    dated = lintnews.lint_text(text, config=Config(select=["C303"]), date=__import__("datetime").date(2024, 3, 1))
    assert [d.code for d in undated] == ["C303"] and dated == []


def test_lint_texts_equals_lint_text_one_by_one_in_order():
    import datetime

    items = [("<p>He waited a hour.</p>", "a.html"), ("", "empty.txt"), ("The council met on Tuesday.\n", "b.txt"),
             ("The the cat sat.", "c.md")]
    dates = [None, None, datetime.date(2024, 3, 1), None]
    cfg = Config(select=["W1", "C303"])
    one_by_one = [lintnews.lint_text(t, path=p, config=cfg, date=d) for (t, p), d in zip(items, dates)]
    together = lintnews.lint_texts(items, config=cfg, dates=dates)
    assert together == one_by_one
    assert [[d.code for d in ds] for ds in together] == [["W101"], ["E001"], [], ["W102"]]
    with pytest.raises(ValueError):
        lintnews.lint_texts(items, config=cfg, dates=dates[:1])


def test_fix_text_applies_safe_fixes_only():
    assert lintnews.fix_text("He waited a hour.", config=W1) == "He waited an hour."
    assert lintnews.fix_text("He said the the plan worked.", config=W1) == "He said the plan worked."
    unsafe = '"It was was a mistake," he said. He said the the plan worked.'
    assert lintnews.fix_text(unsafe, config=W1) == '"It was was a mistake," he said. He said the plan worked.'
    assert lintnews.fix_text(unsafe, config=W1, unsafe=True) == '"It was a mistake," he said. He said the plan worked.'
    assert lintnews.fix_text("\ufeffHe waited a hour.", config=W1) == "\ufeffHe waited an hour."


def test_lint_paths_yields_file_by_file(tmp_path):
    write(tmp_path / "a.txt", "He waited a hour.\n")
    write(tmp_path / "b.md", "Fine text here.\n")
    write(tmp_path / "c.txt", b"bin\x00ary")
    seen = []
    gen = lintnews.lint_paths([tmp_path], config=W1, on_file=lambda r: seen.append(r.path))
    first = next(gen)
    assert first.code == "W101" and len(seen) == 1  # a generator: the first file before the rest
    rest = list(gen)
    assert [d.code for d in rest] == ["E001"]
    assert [p.rsplit("/", 1)[1] for p in seen] == ["a.txt", "b.md", "c.txt"]


def test_config_in_code_is_validated_like_a_file():
    cfg = Config(select="C2", rules={"long-sentence": {"max-words": 40}}, severity={"W301": "error"})
    assert cfg.select == ("C2",) and cfg.rules == (("long-sentence", (("max_words", 40),)),)
    assert cfg == Config.from_dict({"select": ["C2"], "rules": {"long-sentence": {"max_words": 40}},
                                    "severity": {"W301": "error"}}, root=cfg.root)
    with pytest.raises(ConfigError, match="'headline' must be one of"):
        Config.from_dict({"headline": "sometimes"})
    with pytest.raises(ConfigError, match="unknown key 'selekt'"):
        Config.from_dict({"selekt": ["C2"]})
    with pytest.raises(ConfigError, match="'fail-on'"):
        Config(fail_on="loud")


def test_rule_options_from_code_reach_the_rule():
    text = "One two three four five six seven eight nine ten eleven twelve."
    assert lintnews.lint_text(text, config=Config(select=["W301"])) == []
    long_ = lintnews.lint_text(text, config=Config(select=["W301"], rules={"long-sentence": {"max-words": 5}}))
    assert [d.code for d in long_] == ["W301"]


def test_config_none_uses_the_files_config(tmp_path, monkeypatch):
    write(tmp_path / "lintnews.toml", 'select = ["W102"]\n')
    (tmp_path / ".git").mkdir()
    text = "He waited a hour. The the end."
    assert [d.code for d in lintnews.lint_text(text, path=tmp_path / "a.txt")] == ["W102"]
    monkeypatch.chdir(tmp_path)
    assert [d.code for d in lintnews.lint_text(text)] == ["W102"]  # "-": the current folder's
    assert lintnews.effective_config().select == ("W102",)


def test_import_is_light():
    code = ("import sys, lintnews; lintnews.Config(select=['W1']); "
            "print(sorted(m for m in ('spacy', 'typer', 'textacy', 'lintnews.engine') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_baseline_round_trip(tmp_path):
    write(tmp_path / "a.txt", "He waited a hour.\n")
    diags = list(lintnews.lint_paths([tmp_path / "a.txt"], config=W1))
    base = tmp_path / "base.json"
    lintnews.write_baseline(base, diags)
    assert lintnews.read_baseline(base).filter(diags) == []
    with pytest.raises(ConfigError, match="baseline file not found"):
        lintnews.read_baseline(tmp_path / "missing.json")


def test_facts_are_typed_attributes_and_plugins_may_add_their_own(tmp_path, monkeypatch):
    import sys

    from lintnews.facts import Facts

    assert "dates" in Facts.dates.__doc__.lower() and Facts.spacing.name == "spacing"
    import lintnews.facts as facts_pkg

    write(tmp_path / "counted.py", "def build(facts):\n    return len(facts.article)\n")
    monkeypatch.setattr(facts_pkg, "__path__", [*facts_pkg.__path__, str(tmp_path)])
    sys.modules.pop("lintnews.facts.counted", None)
    facts = Facts("four", None)
    assert facts.counted == 4 and facts.get("counted") == 4  # a plug-in's fact module, built once
    with pytest.raises(AttributeError, match="no fact family 'nothing'"):
        facts.nothing
