"""The newsroom's vocabulary file: parsing, validation naming file and line, its place in
the config and the cache key, and what the rules make of it."""
from __future__ import annotations

from pathlib import Path

import pytest

from lintnews.cache import config_fingerprint
from lintnews.config import Config, ConfigError
from lintnews.engine import Engine, RunOptions
from lintnews.vocabulary import VocabularyError, parse_vocabulary, read_vocabulary

from conftest import run_cli, write


def test_accepted_rejected_comments_and_suggestions():
    v = parse_vocabulary("# house names\n\nZhang Kejian\nCNES\na  SQL\n!Gadaffi -> Gaddafi\n!web site\n",
                         "vocab.txt")
    assert v.accept == ("CNES", "Zhang Kejian", "a SQL")
    assert v.reject == (("Gadaffi", "Gaddafi"), ("web site", ""))
    assert v.accepts("CNES") and not v.accepts("cnes")          # exact, case included
    assert v.accepts_phrase("A SQL")                       # phrases: case ignored
    assert v.acronyms == frozenset({"CNES"})
    assert v.where("Gadaffi") == "vocab.txt line 6"


@pytest.mark.parametrize("text,line,why", [
    ("CNES\n!\n", 2, "'!' with no form after it"),
    ("!Gadaffi ->\n", 1, "'->' with no form after it"),
    ("Gaddafi -> Gadaffi\n", 1, "'->' follows only a rejected form"),
    ("CNES\n# x\n!CNES\n", 3, "'CNES' is also accepted on line 1"),
    ("bad\x07entry\n", 1, "control character"),
    ("x" * 201 + "\n", 1, "longer than 200 characters"),
])
def test_bad_lines_name_file_and_line(text, line, why):
    with pytest.raises(VocabularyError) as ex:
        parse_vocabulary(text, "styles/vocab.txt")
    assert str(ex.value).startswith(f"styles/vocab.txt:{line}: ") and why in str(ex.value)


def test_unreadable_and_non_utf8_files(tmp_path):
    with pytest.raises(VocabularyError, match="cannot read"):
        read_vocabulary(tmp_path / "missing.txt", "missing.txt")
    bad = tmp_path / "latin1.txt"
    bad.write_bytes(b"caf\xe9\n")
    with pytest.raises(VocabularyError, match=r"latin1.txt: not UTF-8 \(byte 3\)"):
        read_vocabulary(bad, "latin1.txt")


def test_config_reads_the_file_relative_to_itself(tmp_path):
    write(tmp_path / "styles" / "vocab.txt", "CNES\n!Gadaffi -> Gaddafi\n")
    cfg = Config.from_dict({"vocabulary": "styles/vocab.txt"}, root=tmp_path)
    assert cfg.vocabulary is not None and cfg.vocabulary.accepts("CNES")
    with pytest.raises(ConfigError, match="'vocabulary' must be the path"):
        Config.from_dict({"vocabulary": 3}, root=tmp_path)


def test_a_bad_vocabulary_is_a_config_error_naming_both_files(tmp_path):
    (tmp_path / ".git").mkdir()
    write(tmp_path / "styles" / "vocab.txt", "CNES\nGaddafi -> Gadaffi\n")
    cfg = write(tmp_path / "lintnews.toml", 'vocabulary = "styles/vocab.txt"\n')
    write(tmp_path / "a.txt", "An e-mail.\n")
    p = run_cli("check", "a.txt", cwd=tmp_path)
    assert p.returncode == 2 and "Traceback" not in p.stderr
    assert str(cfg) in p.stderr and "'vocabulary': styles/vocab.txt:2: '->' follows only" in p.stderr


def test_the_vocabulary_content_is_part_of_the_cache_key(tmp_path):
    vocab = write(tmp_path / "vocab.txt", "CNES\n")
    one = config_fingerprint(Config.from_dict({"vocabulary": "vocab.txt"}, root=tmp_path))
    again = config_fingerprint(Config.from_dict({"vocabulary": "vocab.txt"}, root=tmp_path))
    vocab.write_text("CNES\nESA\n", encoding="utf-8")
    edited = config_fingerprint(Config.from_dict({"vocabulary": "vocab.txt"}, root=tmp_path))
    assert one == again != edited


def _lint(tmp_path: Path, vocab: str, text: str, *select: str) -> list:
    write(tmp_path / "vocab.txt", vocab)
    cfg = Config.from_dict({"vocabulary": "vocab.txt", "select": list(select)}, root=tmp_path)
    return Engine(RunOptions(config=cfg, isolated=True)).lint_text(text, "a.txt")


def test_accepted_forms_silence_the_rules_that_ask_about_words(tmp_path):
    acronym = "China met CNES on Tuesday. According to CNES, the talks went well."
    assert [d.code for d in _lint(tmp_path, "# none\n", acronym, "C103")] == ["C103"]
    assert _lint(tmp_path, "CNES\n", acronym, "C103") == []
    term = "Fans bought anti-piracy kits. The antipiracy drive failed."
    assert [d.text for d in _lint(tmp_path, "# none\n", term, "C104")] == ["antipiracy"]
    assert _lint(tmp_path, "antipiracy\n", term, "C104") == []
    article = "It runs on a SQL database."
    assert [d.code for d in _lint(tmp_path, "# none\n", article, "W101")] == ["W101"]
    assert _lint(tmp_path, "a SQL\n", article, "W101") == []


def test_rejected_forms_are_reported_with_the_right_form_as_a_fix(tmp_path):
    text = 'Colonel Gadaffi spoke. "Gadaffi is right," a fan said. Fans sent an e-mail.'
    diags = _lint(tmp_path, "!Gadaffi -> Gaddafi\n!e-mail -> email\n", text, "C101", "C104")
    got = [(d.code, d.text, d.fix.edits[0].text if d.fix else None) for d in diags]
    assert got == [("C101", "Gadaffi", "Gaddafi"), ("C101", "Gadaffi", "Gaddafi"), ("C104", "e-mail", "email")]
    assert "vocab.txt line 1" in diags[0].message
    assert not any(d.fix.safe for d in diags)  # a name or term replaced: only with --unsafe-fixes
