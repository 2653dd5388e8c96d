"""--fix: safe fixes never corrupt text, converge, and keep the file's bytes conventions."""
from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import engine_for
from lintnews import fixes
from lintnews.engine import fixing
from lintnews.diagnostics import Edit

FIXABLE = ("W101", "W102", "W202", "C105")
AUX = {"is", "are", "was", "were", "has", "have", "had", "does", "did", "do", "will", "would",
       "can", "could", "should", "may", "might", "must", "shall", "am"}


def fix_text(text: str, max_passes: int = fixing.MAX_PASSES) -> tuple[str, int]:
    """Apply safe fixes pass by pass, as the CLI does; returns (text, passes used)."""
    engine = engine_for(FIXABLE)
    for n in range(max_passes + 1):
        diags = engine.lint_text(text)
        edits = fixes.select_edits(diags)
        if not edits:
            return text, n
        text = fixes.apply_edits(text, edits)
    return text, max_passes + 1


def skeleton(text: str) -> list[str]:
    """The words a safe fix may not change: articles, auxiliaries and doubles removed."""
    words = [w.lower() for w in re.findall(r"[A-Za-z0-9]+", text)]
    words = [w for w in words if w not in ("a", "an") and w not in AUX]
    out: list[str] = []
    for w in words:
        if not out or out[-1] != w:
            out.append(w)
    return out


# Fragments full of the errors the fixable rules repair, glued by spaces, newlines,
# doubled spaces and missing spaces.
FRAGMENTS = ["a hour", "an university", "An key", "a apple", "an car", "the the", "the the the",
             "added added", "had has", "at at", "a a", "an an hour", "Moon.", '"Quote."',
             "policies.President", 'him."The', "“curly”", '"straight"', "word ,", "word .",
             "an MP", "a 18-year-old", 'a "International', "It", "was", "said", "(a)", "9 a.m."]
GLUE = [" ", "  ", "", "\n", " \n", ". ", ", "]


@st.composite
def texts(draw) -> str:
    parts = draw(st.lists(st.sampled_from(FRAGMENTS), min_size=1, max_size=14))
    glue = draw(st.lists(st.sampled_from(GLUE), min_size=len(parts), max_size=len(parts)))
    return "".join(p + g for p, g in zip(parts, glue)).strip() + "\n"


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(texts())
def test_fixes_converge_and_keep_every_content_word(text):
    fixed, passes = fix_text(text)
    assert passes <= fixing.MAX_PASSES, f"fixes did not converge on {text!r}"
    assert skeleton(fixed) == skeleton(text), f"{text!r} -> {fixed!r} lost or changed words"
    again, n = fix_text(fixed)
    assert n == 0 and again == fixed, "a second --fix pass changed the text"


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet="ab \n", min_size=0, max_size=30),
       st.lists(st.tuples(st.integers(0, 30), st.integers(0, 4), st.sampled_from(["", " ", "X"])),
                max_size=6))
def test_select_edits_never_overlaps_or_touches(source, raw):
    from lintnews.diagnostics import Diagnostic, Fix, Severity

    diags = []
    for start, length, repl in raw:
        start = min(start, len(source))
        end = min(start + length, len(source))
        diags.append(Diagnostic(path="x", line=1, column=1, end_line=1, end_column=1, code="W102",
                                rule="r", severity=Severity.ERROR, message="m",
                                fix=Fix("f", (Edit(start, end, repl),), safe=True)))
    edits = fixes.select_edits(diags)
    for a, b in zip(edits, edits[1:]):
        assert a.end < b.start, f"edits {a} and {b} overlap or touch"
    out = fixes.apply_edits(source, edits)  # never raises on what select_edits chose
    assert isinstance(out, str)


def test_apply_edits_rejects_overlap():
    with pytest.raises(ValueError):
        fixes.apply_edits("abcdef", [Edit(0, 3, "x"), Edit(2, 4, "y")])


@pytest.mark.parametrize("before,after", [
    ("He waited a hour.\n", "He waited an hour.\n"),
    ("An key witness spoke.\n", "A key witness spoke.\n"),
    ("He said the the plan worked.\n", "He said the plan worked.\n"),
    ("He said \"it orbits the Moon.\"According to them, it is big.\n",
     "He said \"it orbits the Moon.\" According to them, it is big.\n"),
    # a straight mark that opens a quotation: the space goes before it
    ("He sat on the carpet.\"It's over,\" he said.\n", "He sat on the carpet. \"It's over,\" he said.\n"),
    ('"Prices were higher,"he said.\n', '"Prices were higher," he said.\n'),
    ('He said,"We will win."\n', 'He said, "We will win."\n'),
    # which way an unpaired straight mark faces is a guess: no safe fix
    ("It orbits the Moon.\"According to them, it is big.\n", "It orbits the Moon.\"According to them, it is big.\n"),
    ("The plan  was approved , he said.\n", "The plan was approved, he said.\n"),
    ("He said the the the plan worked.\n", "He said the plan worked.\n"),
])
def test_fix_examples(before, after):
    assert fix_text(before)[0] == after


# --- through a real subprocess ----------------------------------------------------------------

def run_cli(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "lintnews", "check", "--isolated", "--no-cache",
                           "--select", ",".join(FIXABLE), *args],
                          cwd=cwd, capture_output=True, text=True, timeout=120)


@pytest.fixture(scope="module")
def fixed_files(tmp_path_factory):
    """One CLI run over files in several encodings; returns (dir, originals)."""
    d = tmp_path_factory.mktemp("fix")
    originals = {
        "crlf.txt": "Headline here\r\n\r\nHe waited a hour for the the bus.\r\nIt came at 9 a.m.\r\n".encode(),
        "bom.txt": b"\xef\xbb\xbf" + "An key witness spoke.\n\nShe said  no.\n".encode(),
        "clean.txt": b"Nothing to fix here at all.\n",
        "be16.txt": "He waited a hour.\n".encode("utf-16-be").join([b"\xfe\xff", b""]),
        "le16.txt": "He waited a hour.\n".encode("utf-16-le").join([b"\xff\xfe", b""]),
        "bad.txt": b"He waited a hour \xff\xfe here.\n",
    }
    for name, data in originals.items():
        (d / name).write_bytes(data)
    os.chmod(d / "crlf.txt", 0o640)
    proc = run_cli("--fix", "--exit-zero", ".", cwd=d)
    assert proc.returncode == 0, proc.stderr
    return d, originals, proc


def test_fix_keeps_crlf(fixed_files):
    d, _, _ = fixed_files
    data = (d / "crlf.txt").read_bytes()
    assert data == b"Headline here\r\n\r\nHe waited an hour for the bus.\r\nIt came at 9 a.m.\r\n"
    assert (os.stat(d / "crlf.txt").st_mode & 0o777) == 0o640


def test_fix_keeps_bom(fixed_files):
    d, _, _ = fixed_files
    assert (d / "bom.txt").read_bytes() == b"\xef\xbb\xbf" + b"A key witness spoke.\n\nShe said no.\n"


def test_fix_keeps_utf16_byte_order(fixed_files):
    d, _, _ = fixed_files
    assert (d / "be16.txt").read_bytes() == b"\xfe\xff" + "He waited an hour.\n".encode("utf-16-be")
    assert (d / "le16.txt").read_bytes() == b"\xff\xfe" + "He waited an hour.\n".encode("utf-16-le")


def test_fix_never_touches_unreadable_or_clean_files(fixed_files):
    d, originals, proc = fixed_files
    assert (d / "bad.txt").read_bytes() == originals["bad.txt"]
    assert (d / "clean.txt").read_bytes() == originals["clean.txt"]
    assert "E001" in proc.stdout
    assert not [p for p in d.iterdir() if "lintnews-tmp" in p.name], "a temp file was left behind"


def test_second_fix_changes_nothing(fixed_files):
    d, _, _ = fixed_files
    before = {p.name: p.read_bytes() for p in d.iterdir()}
    mtimes = {p.name: p.stat().st_mtime_ns for p in d.iterdir()}
    run_cli("--fix", "--exit-zero", ".", cwd=d)
    assert {p.name: p.read_bytes() for p in d.iterdir()} == before
    assert {p.name: p.stat().st_mtime_ns for p in d.iterdir()} == mtimes


def test_diff_shows_but_does_not_write(tmp_path):
    f = tmp_path / "a.txt"
    f.write_bytes(b"He waited a hour.\n")
    proc = run_cli("--diff", "--exit-zero", "a.txt", cwd=tmp_path)
    assert "-He waited a hour." in proc.stdout and "+He waited an hour." in proc.stdout
    assert f.read_bytes() == b"He waited a hour.\n"


# --- races and permissions ------------------------------------------------------------------

def test_fix_skips_a_file_changed_after_it_was_read(tmp_path, capsys, monkeypatch):
    from lintnews.engine import Engine, RunOptions

    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.txt").write_bytes(b"He said the the plan worked.\n")
    (tmp_path / "b.txt").write_bytes(b"He waited a hour.\n")
    engine = Engine(RunOptions(overrides={"select": FIXABLE}, isolated=True))
    results = engine.run(["a.txt", "b.txt"])
    (tmp_path / "a.txt").write_bytes(b"Someone else wrote the the this.\n")  # edited meanwhile
    out = list(fixing.fix_results(engine, results, write=True))
    assert (tmp_path / "a.txt").read_bytes() == b"Someone else wrote the the this.\n"
    assert (tmp_path / "b.txt").read_bytes() == b"He waited an hour.\n"  # the others are still fixed
    assert out[0].not_written == "it changed after it was read (run lintnews again)"
    assert out[1].not_written is None
    assert [r.path for r in out] == ["a.txt", "b.txt"] and out[0].diagnostics  # its findings stay
    assert not [p for p in tmp_path.iterdir() if "lintnews-tmp" in p.name]


def test_write_atomic_refuses_changed_file_and_leaves_no_temp(tmp_path):
    import hashlib

    f = tmp_path / "a.txt"
    f.write_bytes(b"old\n")
    digest = hashlib.sha256(b"old\n").hexdigest()
    f.write_bytes(b"new\n")
    with pytest.raises(fixes.NotWritten):
        fixes.write_atomic(f, b"fixed\n", expect=digest)
    assert f.read_bytes() == b"new\n" and os.listdir(tmp_path) == ["a.txt"]
    fixes.write_atomic(f, b"fixed\n", expect=hashlib.sha256(b"new\n").hexdigest())
    assert f.read_bytes() == b"fixed\n"


def test_fix_leaves_read_only_files_and_folders_and_goes_on(tmp_path):
    slip = b"He said the the plan worked.\n"
    for name in ("ok.txt", "locked.txt", "ro/inner.txt"):
        (tmp_path / name).parent.mkdir(exist_ok=True)
        (tmp_path / name).write_bytes(slip)
    os.chmod(tmp_path / "locked.txt", 0o444)
    os.chmod(tmp_path / "ro", 0o555)
    try:
        proc = run_cli("--fix", ".", cwd=tmp_path)
        assert (tmp_path / "locked.txt").read_bytes() == slip
        assert (tmp_path / "ro" / "inner.txt").read_bytes() == slip
        assert (tmp_path / "ok.txt").read_bytes() == b"He said the plan worked.\n"
    finally:
        os.chmod(tmp_path / "ro", 0o755)
    assert proc.returncode == 1, proc.stderr  # the unfixed findings are still reported
    assert "locked.txt: not fixed: the file is read-only" in proc.stderr
    assert "inner.txt: not fixed: its directory is read-only" in proc.stderr
    assert "Traceback" not in proc.stderr and "internal error" not in proc.stderr
    assert "locked.txt" in proc.stdout and "inner.txt" in proc.stdout and "ok.txt" not in proc.stdout


def test_fix_writes_through_a_symlink(tmp_path):
    (tmp_path / "real.txt").write_bytes(b"He waited a hour.\n")
    (tmp_path / "link.txt").symlink_to("real.txt")
    run_cli("--fix", "--exit-zero", "link.txt", cwd=tmp_path)
    assert (tmp_path / "link.txt").is_symlink()
    assert (tmp_path / "real.txt").read_bytes() == b"He waited an hour.\n"


# --- junctions that exist only in the extracted text ------------------------------------------

def lint_as(text: str, name: str) -> list:
    return engine_for(FIXABLE).lint_text(text, name)


@pytest.mark.parametrize("name,text", [
    ("a.md", "The ![chart](c.png) shows a rise.\n"),
    ("a.md", "It is the function `parse_date`. It works.\n"),
    ("a.md", "Run an `ls` command now.\n"),
    ("a.md", "He said the <!-- lintnews-disable W102 --> the plan.\n"),
    ("a.md", "See <http://example.com/> for the the details.\n".replace("the the", "the")),
    ("a.md", "It ended.<br>Then it began.\n"),
    ("a.html", '<p>He said the <img src="x.png"> the plan.</p>\n'),
    ("a.html", "<p>It ended.<code>x</code>Then it began.</p>\n"),
    ("a.txt", "He said the\n<!-- lintnews-disable-next-line W202 -->\nthe plan.\n"),
])
def test_no_finding_over_a_dropped_element(name, text):
    assert [d for d in lint_as(text, name) if d.code != "E003"] == []


def test_a_real_double_space_next_to_a_dropped_element_is_still_found():
    diags = lint_as("The  `x` shows a rise.\n", "a.md")
    assert [(d.code, d.text) for d in diags] == [("W202", "  ")]


@pytest.mark.parametrize("name,before,after", [
    ("a.md", "He said the\r\nthe plan.\r\n", "He said the plan.\r\n"),  # never a lone CR
    ("a.md", "# a hour ago `code`\n", "# an hour ago `code`\n"),         # a heading's first word
    ("a.md", "Sales rose.Then **they** fell.\n", "Sales rose. Then **they** fell.\n"),
    ("a.html", "<p>Caf&eacute; , he said.Then left.</p>\n", "<p>Caf&eacute;, he said. Then left.</p>\n"),
])
def test_fixes_in_markup(name, before, after):
    assert fix_file(before, name) == after


def test_no_fix_over_a_character_reference():
    # the space between the words is a reference: the finding stands, the fix would edit markup
    diags = [d for d in lint_as("He said the&#32;the plan.\n", "a.md") if d.code == "W102"]
    assert len(diags) == 1 and diags[0].fix is None


def fix_file(text: str, name: str) -> str:
    engine = engine_for(FIXABLE)
    for _ in range(fixing.MAX_PASSES):
        edits = fixes.select_edits(engine.lint_text(text, name))
        if not edits:
            break
        text = fixes.apply_edits(text, edits)
    return text


def test_article_junctions_and_verbatim_spans():
    from lintnews import sources

    art = sources.parse("a.md", "A *b* `c` d&amp;e\r\nf\n".encode())
    assert art.text == "A b  d&e\nf"
    assert art.adjacent(1) and not art.adjacent(2)      # "A " real; " b" across the '*'
    assert not art.adjacent(4)                          # the code span was dropped
    assert art.verbatim(0, 2) == (0, 2)
    assert art.verbatim(5, 8) is None                   # '&' stands for '&amp;'
    assert art.contiguous(5, 8)                         # but nothing was dropped inside
    s = art.text.index("\n")
    assert art.verbatim(s - 1, s + 2) == (16, 20)       # 'e\r\nf': CRLF is one unit
    assert art.edit_span(s, s + 2) == (17, 20)          # deleting the break takes its CR too


def test_a_pass_that_would_add_an_error_keeps_only_the_harmless_fixes():
    from types import SimpleNamespace as NS

    from lintnews.diagnostics import Diagnostic, Fix, Severity

    def diag(code, start, end, text, severity=Severity.ERROR):
        fix = Fix("f", (Edit(start, end, text),)) if text is not None else None
        return Diagnostic(path="x", line=1, column=1, end_line=1, end_column=1, code=code, rule="r",
                          severity=severity, message="m", fix=fix)

    def recheck(text):  # a stand-in linter: 'X' is an error, 'aa' a fixable one
        found = [diag("E9", i, i + 1, None) for i, c in enumerate(text) if c == "X"]
        found += [diag("W1", i, i + 2, "a") for i in range(len(text) - 1) if text[i:i + 2] == "aa"]
        return NS(article=object(), diagnostics=found)

    source = "aa b aa c"
    first = recheck(source)
    first.diagnostics.append(diag("W2", 3, 3, "X"))  # a fix that would add an error
    text, res, _ = fixing.fix_source(source, first, recheck)
    assert text == "a b a c" and not res.diagnostics
