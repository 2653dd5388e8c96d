"""The command line through a real subprocess: exit codes, stdin, output file, statistics,
and the promise that --help, rules and explain never import spaCy."""
from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from conftest import REPO, project, read_pty, run_cli, write

BAD = "She sent an e-mail on Monday. A second email followed.\n"
CLEAN = "She sent an email on Monday. A second email followed.\n"


@pytest.mark.parametrize("args", [["--help"], ["rules"], ["explain", "X101"], ["explain", "email-variant"],
                                  ["explain", "E001"], ["rules", "-f", "json"], ["check", "--help"]])
def test_help_rules_and_explain_never_import_spacy(args, tmp_path):
    project(tmp_path)  # rules from a rule-dir are listed and explained without spaCy too
    code = (
        "import sys\n"
        "from lintnews.cli import app\n"
        f"sys.argv = ['lintnews', *{args!r}]\n"
        "try:\n"
        "    app()\n"
        "except SystemExit as ex:\n"
        "    assert not ex.code, ex.code\n"
        "heavy = sorted(m for m in sys.modules if m.split('.')[0] in ('spacy', 'thinc', 'textacy', 'torch'))\n"
        "assert not heavy, heavy\n"
        "print('LIGHT')\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, capture_output=True, text=True,
                          timeout=60)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.rstrip().endswith("LIGHT")


def test_importtime_of_rules_listing_has_no_spacy(tmp_path):
    project(tmp_path)
    proc = subprocess.run([sys.executable, "-X", "importtime", "-m", "lintnews", "rules"],
                          cwd=tmp_path, capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
    imported = [line.rsplit("|", 1)[-1].strip() for line in proc.stderr.splitlines() if "|" in line]
    assert "lintnews.registry" in imported
    assert not [m for m in imported if m.split(".")[0] == "spacy"]
    assert "X101" in proc.stdout and "email-variant" in proc.stdout and "C104" in proc.stdout


def test_exit_codes_clean_findings_and_usage(tmp_path):
    project(tmp_path)
    write(tmp_path / "clean.txt", CLEAN)
    write(tmp_path / "bad.txt", BAD)
    ok = run_cli("check", "--select", "X101", "clean.txt", cwd=tmp_path)
    assert (ok.returncode, ok.stdout) == (0, ""), ok.stderr
    found = run_cli("check", "--select", "X101", "bad.txt", cwd=tmp_path)
    assert found.returncode == 1
    assert found.stdout == ("bad.txt:1:40: X101 'email' here, but the article first writes "
                            "'e-mail' (line 1)\n")
    usage = run_cli("check", "--isolated", "--format", "xml", "bad.txt", cwd=tmp_path)
    assert usage.returncode == 2 and "--format must be one of" in usage.stderr
    assert "Traceback" not in usage.stderr
    flag = run_cli("check", "--no-such-flag", "bad.txt", cwd=tmp_path)
    assert flag.returncode == 2
    typo = run_cli("check", "--isolated", "--select", "C10x4", "bad.txt", cwd=tmp_path)
    assert typo.returncode == 2 and "'C10x4' matches no rule" in typo.stderr


def test_exit_zero_and_fail_on(tmp_path):
    project(tmp_path)
    write(tmp_path / "bad.txt", BAD)
    z = run_cli("check", "--select", "X101", "--exit-zero", "bad.txt", cwd=tmp_path)
    assert z.returncode == 0 and "X101" in z.stdout
    # X101 is a warning: --fail-on error lets it pass, --fail-on info fails
    e = run_cli("check", "--select", "X101", "--fail-on", "error", "bad.txt", cwd=tmp_path)
    assert e.returncode == 0 and "X101" in e.stdout
    # X102 is info: it never fails a run at the default fail-on
    write(tmp_path / "gift.txt", "Every visitor received a free gift at the door.\n")
    i = run_cli("check", "--select", "X102", "gift.txt", cwd=tmp_path)
    assert i.returncode == 0 and "X102" in i.stdout
    i2 = run_cli("check", "--select", "X102", "--fail-on", "info", "gift.txt", cwd=tmp_path)
    assert i2.returncode == 1
    bad = run_cli("check", "--isolated", "--fail-on", "fatal", "gift.txt", cwd=tmp_path)
    assert bad.returncode == 2 and "--fail-on" in bad.stderr


def test_output_file_never_changes_the_exit_code(tmp_path):
    project(tmp_path)
    write(tmp_path / "bad.txt", BAD)
    out = tmp_path / "report.json"
    p = run_cli("check", "--select", "X101", "-f", "json", "--output-file", str(out), "bad.txt",
                cwd=tmp_path)
    assert p.returncode == 1 and p.stdout == ""
    data = json.loads(out.read_text(encoding="utf-8"))
    assert [d["code"] for d in data] == ["X101"]
    p0 = run_cli("check", "--select", "X101", "--exit-zero", "-o", str(out), "bad.txt",
                 cwd=tmp_path)
    assert p0.returncode == 0 and "X101" in out.read_text(encoding="utf-8")
    unwritable = run_cli("check", "--select", "X101", "-o", str(tmp_path / "no" / "dir" / "r.txt"),
                         "bad.txt", cwd=tmp_path)
    assert unwritable.returncode == 2 and "--output-file" in unwritable.stderr


def test_statistics(tmp_path):
    project(tmp_path)
    write(tmp_path / "a.txt", "An e-mail came. Then an email, and another email, and a free gift.\n")
    p = run_cli("check", "--select", "X101,X102", "--statistics", "a.txt", cwd=tmp_path)
    assert p.returncode == 1
    assert p.stdout.splitlines() == ["    2  X101  email-variant", "    1  X102  gift"]


def test_stdin_uses_the_adapter_of_stdin_filename(tmp_path):
    project(tmp_path)
    md = ("---\ntitle: e-mail news\n---\n\n"
          "```\nemail in code\n```\n\n"
          "The [email](http://e-mail.example/email) desk replied by email.\n")
    p = run_cli("check", "--select", "X101", "-", "--stdin-filename", "story.md",
                input=md, cwd=tmp_path)
    # the title sets 'e-mail'; the code block and the link target are not prose
    assert p.returncode == 1, p.stderr
    assert [line.split(": ")[0] for line in p.stdout.splitlines()] == ["story.md:9:6", "story.md:9:58"]
    plain = run_cli("check", "--select", "X101", "-", input=md, cwd=tmp_path)
    assert plain.stdout.splitlines()[0].startswith("-:6:1: X101")  # as text, the code block is prose
    html = run_cli("check", "--select", "X101", "-", "--stdin-filename", "page.html",
                   input='<p title="e-mail">An email.</p><script>e-mail</script>', cwd=tmp_path)
    assert (html.returncode, html.stdout) == (0, "")
    both = run_cli("check", "--isolated", "-", "a.txt", input="x", cwd=tmp_path)
    assert both.returncode == 2 and "stdin" in both.stderr


def test_bad_files_are_reported_and_the_run_goes_on(tmp_path):
    project(tmp_path)
    write(tmp_path / "a_bad.txt", b"Caf\xc3\xa9 e-mail.\nSecond \xff line.\n")
    write(tmp_path / "b_bin.txt", b"\x00\x01\x02PNG")
    write(tmp_path / "c_empty.md", "  \n\n\t\n")
    write(tmp_path / "d_ok.txt", BAD)
    (tmp_path / "dangling.txt").symlink_to(tmp_path / "gone.txt")
    p = run_cli("check", "--select", "X101", "a_bad.txt", "b_bin.txt", "c_empty.md",
                "dangling.txt", "d_ok.txt", cwd=tmp_path)
    assert p.returncode == 1, p.stderr
    lines = p.stdout.splitlines()
    assert lines[0] == ("a_bad.txt:2:8: E001 invalid UTF-8: byte 0xff at byte offset 21 (line 2, byte 8 "
                        "of the line) cannot be decoded; save the file as UTF-8")
    assert lines[1].startswith("b_bin.txt:1:1: E001 binary file")
    assert lines[2].startswith("c_empty.md:1:1: E001 empty file")
    assert lines[3] == "dangling.txt:1:1: E001 broken symbolic link (its target does not exist)"
    assert lines[4].startswith("d_ok.txt:1:40: X101")
    assert len(lines) == 5 and "Traceback" not in p.stderr


def test_a_missing_path_is_a_usage_error_and_nothing_runs(tmp_path):
    project(tmp_path)
    write(tmp_path / "d_ok.txt", BAD)
    p = run_cli("check", "--select", "X101", "d_ok.txt", "missing.txt", "gone/", cwd=tmp_path)
    assert (p.returncode, p.stdout) == (2, "")
    assert p.stderr == "lintnews: error: no such file or directory: missing.txt, gone/\n"


def test_an_empty_draft_is_info_and_never_fails_a_run(tmp_path):
    project(tmp_path)
    write(tmp_path / "empty.md", "  \n\n")
    write(tmp_path / "stub.md", "---\ntitle: \"\"\n---\n")  # front matter only: no prose
    p = run_cli("check", "--select", "X101", "-f", "json", "empty.md", "stub.md", cwd=tmp_path)
    assert p.returncode == 0, p.stdout + p.stderr
    found = [(d["path"], d["code"], d["severity"]) for d in json.loads(p.stdout)]
    assert found == [("empty.md", "E001", "info"), ("stub.md", "E001", "info")]
    binary = write(tmp_path / "bin.txt", b"\x00\x01")
    assert run_cli("check", "--select", "X101", str(binary), cwd=tmp_path).returncode == 1  # still an error


def test_directories_are_walked_and_gitignore_honoured(tmp_path):
    project(tmp_path)
    write(tmp_path / ".gitignore", "drafts/\n")
    write(tmp_path / "news" / "a.md", BAD)
    write(tmp_path / "news" / "b.html", "<p>" + BAD + "</p>")
    write(tmp_path / "news" / "notes.py", BAD)
    write(tmp_path / "drafts" / "c.txt", BAD)
    p = run_cli("check", "--select", "X101", ".", cwd=tmp_path)
    assert p.returncode == 1
    assert sorted(line.split(":")[0] for line in p.stdout.splitlines()) == ["news/a.md", "news/b.html"]


def test_version_and_internal_rules_explained(tmp_path):
    v = run_cli("--version", cwd=tmp_path)
    assert v.returncode == 0 and v.stdout.startswith("lintnews ")
    e = run_cli("explain", "E002", cwd=tmp_path)
    assert e.returncode == 0 and "rule-error" in e.stdout
    n = run_cli("explain", "Z999", cwd=tmp_path)
    assert n.returncode == 2 and "no rule 'Z999'" in n.stderr


def test_jobs_gives_the_same_report(tmp_path):
    project(tmp_path)
    for i in range(8):
        write(tmp_path / f"a{i}.txt", BAD if i % 2 else CLEAN)
    one = run_cli("check", "--select", "X101", "-f", "json", "--jobs", "1", ".", cwd=tmp_path)
    two = run_cli("check", "--select", "X101", "-f", "json", "--jobs", "2", ".", cwd=tmp_path)
    assert one.returncode == two.returncode == 1
    assert json.loads(one.stdout) == json.loads(two.stdout)
    assert len(json.loads(one.stdout)) == 4


def test_no_traceback_for_an_internal_error_without_debug(tmp_path):
    # a rule YAML that is valid for the registry but whose kind cannot be built
    write(tmp_path / "rules" / "x.yml", """\
        - code: X903
          name: broken-regex
          kind: regex
          severity: warning
          summary: A pattern that does not compile.
          options: {pattern: "(unclosed"}
        """)
    write(tmp_path / "lintnews.toml", 'rule-dirs = ["rules"]\n')
    write(tmp_path / "a.txt", CLEAN)
    p = run_cli("check", "a.txt", cwd=tmp_path)
    assert p.returncode == 2
    assert "x.yml" in p.stderr and "X903" in p.stderr and "invalid regex" in p.stderr
    assert "Traceback" not in p.stderr


def test_repository_checkout_is_what_runs():
    # the subprocess tests must exercise this checkout, not some other install
    proc = subprocess.run([sys.executable, "-c", "import lintnews, sys; print(lintnews.__file__)"],
                          capture_output=True, text=True, cwd=REPO)
    assert proc.stdout.strip().startswith(str(REPO))


def test_explain_shows_the_flagged_text_without_raw_markers(tmp_path):
    project(tmp_path)
    p = run_cli("explain", "X901", cwd=tmp_path)
    assert p.returncode == 0 and "[[" not in p.stdout and "]]" not in p.stdout
    builtin = run_cli("explain", "W101", cwd=tmp_path)
    assert "  She waited for «an university» place." in builtin.stdout.splitlines()
    assert "Flagged (the flagged text between « »):" in builtin.stdout
    import pty

    master, slave = pty.openpty()
    env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "LINTNEWS_DEBUG")}
    subprocess.run([sys.executable, "-m", "lintnews", "explain", "W101"], cwd=tmp_path, stdout=slave,
                   env=env, timeout=60)
    os.close(slave)
    shown = read_pty(master).decode("utf-8")
    assert "She waited for \x1b[4;1man university\x1b[0m place." in shown and "«" not in shown


def test_control_characters_never_reach_the_terminal(tmp_path):
    project(tmp_path, 'select = ["X901"]\n')
    name = "odd\x1b[2Jname.txt"
    write(tmp_path / name, "Text with |a\x1b[31mred\x07| word.\n")
    for fmt in ("concise", "full"):
        p = run_cli("check", "--no-color", "-f", fmt, name, cwd=tmp_path)
        assert p.returncode == 1 and "\x1b" not in p.stdout and "\x07" not in p.stdout, fmt
        assert "odd\\x1b[2Jname.txt:1:" in p.stdout and "a\\x1b[31mred\\x07" in p.stdout, p.stdout
