"""`--format full` on a terminal: every line fits the width, every caret is under its text.

News paragraphs are single lines of 300-450 characters; the report shows a window of
each around the flagged text. These tests read the report back as a person would: for
every finding (and every related location) the characters above the carets must be the
flagged text, the characters left of them the text before it, at widths 40, 80 and 120,
with tabs, wide characters and spans longer than the window.
"""
from __future__ import annotations

import os
import re
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest

from lintnews.diagnostics import Diagnostic, Location, Related, Severity
from lintnews.engine import Engine, RunOptions
from lintnews.report import ReportContext, render

from conftest import REPO, project, read_pty, run_cli, write

WIDTHS = (40, 80, 120)
SEED = REPO / "seeds" / "orbital-partners.txt"


# -- reading the report back, independently of report/full.py ----------------------------
def shown(ch: str) -> str:
    if ch == "\t":
        return " "
    if unicodedata.category(ch) in ("Cc", "Cf", "Zl", "Zp", "Cs"):
        return "\\x%02x" % ord(ch) if ord(ch) < 0x100 else "\\u%04x" % ord(ch)
    return ch


def cells(s: str) -> int:
    """Cells as a terminal shows them (rich's measure: graphemes, wide characters)."""
    from rich.cells import cell_len

    return cell_len(s)


def disp(s: str) -> str:
    return "".join(shown(c) for c in s)


def split_at_cells(s: str, n: int) -> tuple[str, str]:
    """``s`` cut where ``n`` cells have been used (never inside a character)."""
    for i in range(len(s) + 1):
        used = cells(s[:i])
        if used >= n and (i == len(s) or cells(s[:i + 1]) > used):  # marks stay with their character
            assert used == n, (s, n)
            return s[:i], s[i:]
    raise AssertionError(f"{s!r} is narrower than {n} cells")


SNIPPET = re.compile(r"^  ( *)(\d+) \| (.*)$")


def snippets(block: list[str]) -> list[tuple[int, str, str]]:
    """(line number, shown excerpt, caret line after the gutter) for each excerpt in a block."""
    out = []
    for k, line in enumerate(block):
        m = SNIPPET.match(line)
        if m and k + 1 < len(block):
            gutter = len(m.group(1)) + len(m.group(2))
            caret = block[k + 1]
            head = "  " + " " * gutter + " | "
            assert caret.startswith(head), (line, caret)
            out.append((int(m.group(2)), m.group(3), caret[len(head):]))
    return out


def check_excerpt(source_line: str, loc: Location, excerpt: str, caret: str) -> None:
    """The carets sit under exactly the flagged text, the text left of them is the source's."""
    m = re.match(r"^( *)(\^+)(?: (.*))?$", caret)
    assert m, caret
    offset, carets, label = len(m.group(1)), len(m.group(2)), m.group(3)
    s = loc.column - 1
    e = loc.end_column - 1 if loc.end_line == loc.line else len(source_line)
    before, rest = split_at_cells(excerpt, offset)
    under, _ = split_at_cells(rest, carets)
    whole = disp(source_line)
    assert before.lstrip("…") == before or excerpt.startswith("…")
    left = before[1:] if before.startswith("…") and not whole.startswith("…") else before
    if left == before:
        assert disp(source_line[:s]) == before, (before, source_line[:s])
    else:
        assert disp(source_line[:s]).endswith(left), (left, source_line[:s])
    flagged = disp(source_line[s:e]) if e > s else disp(source_line[s:s + 1]) or " "
    if label:
        assert label.startswith("…") and flagged.startswith(under) and under, (under, flagged, label)
        if loc.end_line > loc.line:
            assert label == f"… (to line {loc.end_line})" or label == "…"
        elif label != "…":
            assert label == f"… ({e - s} characters)"
    else:
        assert under == flagged or (e == s and under in (flagged[:1], "")), (under, flagged)


def check_report(out: str, diags: list[Diagnostic], sources: dict[str, str], cols: int) -> int:
    """Every line fits ``cols``; every excerpt lines up. Returns how many excerpts were checked."""
    for line in out.splitlines():
        assert cells(line) <= cols, f"{cells(line)} > {cols}: {line!r}"
    blocks = [b.splitlines() for b in out.split("\n\n") if b.strip()]
    assert len(blocks) == len(diags)
    checked = 0
    for block, d in zip(blocks, diags):
        assert f"{d.path}:{d.line}:{d.column}".replace(" ", "") in "".join(x.strip() for x in block), \
            "the header gives the true line and column"
        lines = re.split(r"\r\n?|\n", sources[d.path])
        locs = [x for x in [d.location] + [r.location for r in d.related] if x.line <= len(lines)]
        found = snippets(block)
        assert [n for n, _, _ in found] == [x.line for x in locs]
        for loc, (_, excerpt, caret) in zip(locs, found):
            check_excerpt(lines[loc.line - 1], loc, excerpt, caret)
            checked += 1
    return checked


# -- articles ------------------------------------------------------------------------------
def long_paragraph_article() -> str:
    """Single-line paragraphs of 300-450 characters, with tabs, CJK and emoji, slips at the
    start, the middle and the end of lines, a span longer than any window, and a hard-wrapped
    paragraph whose long sentence runs over several lines."""
    paras = [
        "Harbour plans",
        "|The| council said on Monday that it had approved an university campus on the old "
        "quay, a plan that had been debated for more than a decade by residents, traders and "
        "the the port authority, which had argued that the site should stay open for ships "
        "and for the fishing fleet that still lands its catch there every morning before the "
        "market opens at |dawn|.",
        "The campus\twill cost £40m, the council said,\tand it will open in 2027 with room for "
        "3,000 students; the 東京 design studio that drew it, known in Japan as 東京建築設計事務所, "
        "said the |東京建築| plan keeps the old crane 🏗️ and the fish market 🐟 beside a new "
        "square where a email kiosk and a café will stand next to the ferry terminal and its "
        "car park.",
        "Critics said the plan |" + "ignored the needs of the fleet, which has used the quay "
        "for two hundred years and which will now have to move to a smaller berth further "
        "along the coast, where the water is shallower and the larger boats cannot land at "
        "low tide without waiting for the water to rise, which costs them the early fish market"
        + "| and most of their buyers, they said.",
        "The council will hold a public meeting on the plans next month, and a final vote is "
        "expected in the spring; if it passes, building work on the quay would begin in the "
        "summer and the first students would arrive two years later, the council's planning "
        "chief said in a statement that also promised a new berth for the fleet.😀😀😀|end|",
    ]
    wrapped = ("This last paragraph is wrapped by hand across lines, and its first sentence goes on\n"
               "and on with clause after clause about the harbour and the fleet and the campus and\n"
               "the market and the ferry and the square and the crane and the council and the\n"
               "residents until it is far longer than the long-sentence rule allows for one.")
    return "\n\n".join(paras + [wrapped]) + "\n"


def run_engine(root: Path, files: dict[str, str], config: str) -> tuple[list[Diagnostic], dict[str, str]]:
    project(root, config)
    for name, text in files.items():
        write(root / name, text.encode("utf-8"))
    cwd = os.getcwd()
    os.chdir(root)
    try:
        results = Engine(RunOptions(config_file=root / "lintnews.toml")).run(list(files))
    finally:
        os.chdir(cwd)
    return [d for r in results for d in r.diagnostics], {r.path: r.article.source for r in results}


@pytest.fixture(scope="module")
def seed_run():
    results = Engine(RunOptions(isolated=True)).run([str(SEED)])
    return results[0].diagnostics, {str(SEED): results[0].article.source}


@pytest.fixture(scope="module")
def long_run(tmp_path_factory):
    root = tmp_path_factory.mktemp("long")
    return run_engine(root, {"long.txt": long_paragraph_article()},
                      'extend-select = ["ALL"]\n[rules.long-sentence]\nmax-words = 30\n')


@pytest.mark.parametrize("cols", WIDTHS)
def test_seed_article_fits_and_every_caret_is_under_its_text(seed_run, cols):
    diags, sources = seed_run
    assert len(diags) >= 10
    out = render("full", diags, ReportContext(sources=sources, width=cols))
    assert check_report(out, diags, sources, cols) >= len(diags)


@pytest.mark.parametrize("cols", WIDTHS)
def test_long_paragraphs_fit_and_every_caret_is_under_its_text(long_run, cols):
    diags, sources = long_run
    codes = {d.code for d in diags}
    assert {"X901", "W101", "W102", "W301"} <= codes, codes
    assert any(d.end_line > d.line for d in diags), "a span over several lines is shown too"
    assert any(len(d.text) > 300 for d in diags), "a span longer than any window"
    out = render("full", diags, ReportContext(sources=sources, width=cols))
    assert check_report(out, diags, sources, cols) >= len(diags)
    if cols <= 80:
        assert "… (" in out and " characters)" in out  # the long span says how long it is
        assert max(len(line) for line in out.splitlines() if "^" in line) <= cols


def test_a_long_span_underlines_its_first_words_only(long_run):
    diags, sources = long_run
    d = next(x for x in diags if x.code == "X901" and len(x.text) > 300)
    out = render("full", [d], ReportContext(sources=sources, width=80))
    caret = next(line for line in out.splitlines() if "^" in line)
    assert caret.count("^") < 80 and caret.endswith(f"… ({len(d.text)} characters)")
    excerpt = next(line for line in out.splitlines() if re.match(r"^  \d+ \| ", line))
    under = excerpt[caret.index("^"):caret.rindex("^") + 1]
    assert d.text.startswith(under) and d.text[len(under)] == " ", "ends at a word's end"


def test_tabs_wide_characters_and_line_edges():
    """Windows placed by hand: a span next to wide characters at both edges of the window."""
    line = "前" * 30 + "\tflag\tme" + "後" * 30 + "|end"
    for span in ("flag\tme", "前前", "後後", "|end", "\t"):
        s = line.index(span) if span != "前前" else 0
        loc = Location("a.txt", 1, s + 1, 1, s + 1 + len(span))
        d = Diagnostic(path="a.txt", line=1, column=s + 1, end_line=1, end_column=s + 1 + len(span),
                       code="X1", rule="x", severity=Severity.WARNING, message="m", text=span)
        for cols in range(40, 130, 7):
            out = render("full", [d], ReportContext(sources={"a.txt": line + "\n"}, width=cols))
            assert check_report(out, [d], {"a.txt": line}, cols) == 1, (span, cols)


def test_a_point_at_the_end_of_a_line_and_related_lines_with_longer_numbers():
    src = "\n".join(f"Line {i} " + "x" * 150 for i in range(1, 13)) + "\n"
    lines = src.splitlines()
    d = Diagnostic(path="a.txt", line=3, column=len(lines[2]) + 1, end_line=3, end_column=len(lines[2]) + 1,
                   code="X1", rule="x", severity=Severity.ERROR, message="point",
                   related=[Related(Location("a.txt", 12, 1, 12, 5), "there")])
    for cols in WIDTHS:
        out = render("full", [d], ReportContext(sources={"a.txt": src}, width=cols))
        assert check_report(out, [d], {"a.txt": src}, cols) == 2
        assert "   3 | " in out and "  12 | " in out  # one gutter width for both


def test_control_characters_are_escaped_never_sent_to_the_terminal():
    src = "\x1b[2J\x00\x07bell\u200bzero\u2028sep " + "word " * 40 + "\n"
    d = Diagnostic(path="bin.txt", line=1, column=1, end_line=1, end_column=1, code="E001",
                   rule="unreadable", severity=Severity.ERROR,
                   message="binary file (a NUL byte at byte offset 4)\x1b[0m")
    w = Diagnostic(path="bin.txt", line=1, column=10, end_line=1, end_column=14, code="X1", rule="x",
                   severity=Severity.WARNING, message="m", text="zero")
    out = render("full", [d, w], ReportContext(sources={"bin.txt": src}, width=80))
    assert not re.search(r"[\x00-\x08\x0b-\x1f\x7f\u200b\u2028]", out), repr(out)
    assert "\\x1b[2J\\x00\\x07bell\\u200b" in out and "\\x1b[0m" in out
    assert check_report(out, [d, w], {"bin.txt": src}, 80) == 2


def test_a_binary_file_in_full_format_through_the_cli(tmp_path):
    project(tmp_path)
    write(tmp_path / "x.txt", b"\x1b[2J\x1b[31mred\x00\x07\x08 raw bytes\r\x1b]0;title\x07")
    for _ in range(2):  # the second run reads the result cache and shows the source line
        p = run_cli("check", "-f", "full", "--cache-dir", str(tmp_path / "c"), "x.txt", cwd=tmp_path)
        assert p.returncode == 1 and "E001" in p.stdout, p.stderr
        assert not re.search(r"[\x00-\x08\x0b-\x1f\x7f]", p.stdout), repr(p.stdout)
    assert "\\x1b[2J" in p.stdout and "\\x00" in p.stdout


def test_width_comes_from_columns_when_not_a_terminal(tmp_path):
    project(tmp_path, 'select = ["X901"]\n')
    write(tmp_path / "a.txt", "Some text " * 30 + "|flagged| " + "more text " * 30 + "\n")
    for cols, env in ((60, {"COLUMNS": "60"}), (100, {"COLUMNS": ""})):
        p = run_cli("check", "-f", "full", "--no-cache", "a.txt", cwd=tmp_path, env=env)
        lines = p.stdout.splitlines()
        assert max(cells(x) for x in lines) == cols, (cols, lines)


def test_width_is_the_terminals_on_a_terminal(tmp_path):
    pty = pytest.importorskip("pty")
    import fcntl
    import struct
    import termios

    project(tmp_path, 'select = ["X901"]\n')
    write(tmp_path / "a.txt", "Some text " * 30 + "|flagged| " + "more text " * 30 + "\n")
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 72, 0, 0))
    env = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "NO_COLOR")}
    proc = subprocess.run([sys.executable, "-m", "lintnews", "check", "--no-cache", "--no-color", "a.txt"],
                          cwd=tmp_path, stdout=slave, stderr=subprocess.PIPE, env=env, timeout=120)
    os.close(slave)
    text = read_pty(master).decode("utf-8", "replace").replace("\r\n", "\n")
    assert proc.returncode == 1, proc.stderr
    lines = text.splitlines()
    assert max(cells(x) for x in lines) == 72 and "^^^^^^^" in text, lines
