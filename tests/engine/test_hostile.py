"""No input ends or hangs a run: every hostile file, folder or cache entry becomes an E001
(or E002) on that path, and the other files' findings are still reported."""
from __future__ import annotations

import errno
import json
import os
import shutil
import socket
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from lintnews import sources
from lintnews.config import find_config
from lintnews.engine import Engine, RunOptions, filter_baseline

from conftest import TEST_RULES, project, write

# a normal article: its findings must survive whatever sits beside it
GOOD = "Budget agreed\n\nShe sent an e-mail on Monday. A second email and a |marked| word followed.\n"
GOOD_FINDINGS = [(3, 40, "X101", "'email' here, but the article first writes 'e-mail' (line 3)"),
                 (3, 53, "X901", "flagged «marked»")]
# the same article with old-Mac line endings: the findings must be on line 3, not line 1
LONE_CR = GOOD.replace("\n", "\r").replace("|marked|", "|cr|")
BROKEN_RULE = """\
- code: X398
  name: bad-pattern
  kind: pattern
  severity: warning
  summary: spaCy rejects this pattern, so it fails on every file.
  options: {patterns: [[{NOT_AN_ATTR: "x"}]], requires: []}
"""
# a root that keeps DAC overrides reads through chmod 000; without them it gets EACCES too
NO_DAC = ["setpriv", "--inh-caps=-all", "--bounding-set=-dac_override,-dac_read_search"]


def run(*args: str, cwd: Path, wrap: list[str] | None = None) -> subprocess.CompletedProcess:
    """The CLI in a subprocess, under ``wrap`` (privileges dropped) when given; never hangs."""
    env = {**os.environ, "NO_COLOR": "1"}
    env.pop("LINTNEWS_DEBUG", None)
    return subprocess.run([*(wrap or []), sys.executable, "-m", "lintnews", *args], cwd=cwd, env=env,
                          capture_output=True, encoding="utf-8", errors="surrogateescape", timeout=240)


def permission_wrapper(probe_dir: Path) -> list[str] | None:
    """How to run so that chmod 000 denies access: as is for a normal user; as root, under
    setpriv without the DAC capabilities; None when neither works (those cases are skipped)."""
    secret = write(probe_dir / "probe" / "secret.txt", "x")
    secret.chmod(0)
    try:
        wrap = [] if os.geteuid() != 0 else NO_DAC
        if wrap and not shutil.which(wrap[0]):
            return None
        code = f"import sys\ntry:\n    open({str(secret)!r})\nexcept PermissionError:\n    sys.exit(7)\n"
        try:
            p = subprocess.run([*wrap, sys.executable, "-c", code], capture_output=True, timeout=60)
        except OSError:
            return None
        return wrap if p.returncode == 7 else None
    finally:
        secret.chmod(0o644)
        shutil.rmtree(probe_dir / "probe")


def by_path(stdout: str) -> dict[str, list[tuple]]:
    """path -> [(line, column, code, message)] from a JSON report."""
    out: dict[str, list[tuple]] = {}
    for d in json.loads(stdout):
        out.setdefault(d["path"], []).append((d["line"], d["column"], d["code"], d["message"]))
    return out


def hostile_folder(root: Path) -> dict[str, str]:
    """Every kind of bad input beside news/good.txt; returns path -> the E001 message expected."""
    news = root / "news"
    write(news / "good.txt", GOOD)
    write(news / "old-mac.txt", LONE_CR.encode())
    expected = {
        "news/binary.txt": "binary file (a NUL byte at byte offset 5)",
        "news/late-nul.md": "binary file (a NUL byte at byte offset 10000)",
        "news/latin1.txt": "invalid UTF-8: byte 0xe9 at byte offset 3",
        "news/empty.txt": "empty file: nothing to check",
    }
    write(news / "binary.txt", b"\x89PNG\r\x00\x00\x01 not text")
    write(news / "late-nul.md", b"a" * 10000 + b"\x00 more prose\n")
    write(news / "latin1.txt", b"caf\xe9 society.\n")
    write(news / "empty.txt", b"")
    os.symlink("self-loop.txt", news / "self-loop.txt")
    os.symlink("loop-b.md", news / "loop-a.md")
    os.symlink("loop-a.md", news / "loop-b.md")
    os.symlink(news / "nowhere", news / "broken-link.txt")
    expected.update({"news/self-loop.txt": "cannot read file: ", "news/loop-a.md": "cannot read file: ",
                     "news/loop-b.md": "cannot read file: ",
                     "news/broken-link.txt": "broken symbolic link (its target does not exist)"})
    if hasattr(os, "mkfifo"):
        os.mkfifo(news / "pipe.txt")  # reading it would wait for a writer forever
        expected["news/pipe.txt"] = "not a regular file (a named pipe); not read"
    if os.path.exists("/dev/zero"):
        os.symlink("/dev/zero", news / "zeros.txt")  # reading it would never end
        expected["news/zeros.txt"] = "not a regular file (a character device); not read"
    if hasattr(socket, "AF_UNIX") and len(str(news / "sock.txt")) < 100:
        s = socket.socket(socket.AF_UNIX)
        s.bind(str(news / "sock.txt"))
        s.close()
        expected["news/sock.txt"] = "not a regular file (a socket); not read"
    # a broken rule in one sub-folder's config: E002 there, the file's other findings kept
    write(root / "broken-rules" / "broken.yml", BROKEN_RULE)
    write(news / "house" / "lintnews.toml", 'rule-dirs = ["../../rules", "../../broken-rules"]\n'
                                            'select = ["X1", "X9", "X398"]\n')
    write(news / "house" / "story.txt", GOOD)
    return expected


def corrupt_cache(cache: Path) -> int:
    """Damage every entry, each in another way: valid JSON of the wrong shape, wrong field types."""
    shapes = ['[1, 2, 3]', '42', '"a string"', 'null', '{"format": 1, "diagnostics": {}}',
              '{"format": 1, "diagnostics": [{"path": "x", "line": "3", "column": 1}]}',
              '{"format": 1, "diagnostics": [{"path": "x", "line": 1, "column": 1, "end_line": 1, '
              '"end_column": 2, "code": 5, "rule": "r", "severity": "warning", "message": "m"}]}',
              '{"format": 1, "diagnostics": [{"path": "x", "line": 1, "column": 1, "end_line": 1, '
              '"end_column": 2, "code": "X", "rule": "r", "severity": "loud", "message": "m"}]}',
              '{"format": 1, "diagnostics": [7]}', '{"format": 1, "diagnostics": "[]"}', '[' * 100000]
    entries = sorted(cache.rglob("*.json"))
    for i, e in enumerate(entries):
        e.write_text(shapes[i % len(shapes)], encoding="utf-8")
    return len(entries)


def test_one_folder_of_hostile_inputs_never_ends_the_run(tmp_path):
    project(tmp_path, 'select = ["X1", "X9"]\n', rules=TEST_RULES)
    expected = hostile_folder(tmp_path)
    wrap = permission_wrapper(tmp_path)
    locked = tmp_path / "news" / "locked"
    if wrap is not None:  # a folder nobody may enter, a file nobody may read, an unreadable .gitignore
        write(locked / "inside.txt", GOOD)
        write(tmp_path / "news" / "secret.txt", GOOD).chmod(0)
        write(tmp_path / "news" / ".gitignore", "ignored.txt\n").chmod(0)
        write(tmp_path / "news" / "pyproject.toml", "[tool.lintnews]\n").chmod(0)  # not ours to read
        locked.chmod(0)
        expected.update({"news/locked": "cannot read directory: Permission denied",
                         "news/locked/inside.txt": "cannot read file: Permission denied",
                         "news/secret.txt": "cannot read file: Permission denied"})
    try:
        args = ["check", "-f", "json", "news"] + (["news/locked/inside.txt"] if wrap is not None else [])
        first = run(*args, cwd=tmp_path, wrap=wrap)
        assert first.returncode == 1, first.stderr
        assert "Traceback" not in first.stderr and "internal error" not in first.stderr
        found = by_path(first.stdout)
        assert found.pop("news/good.txt") == GOOD_FINDINGS
        assert [x[:3] for x in found.pop("news/old-mac.txt")] == [(3, 40, "X101"), (3, 53, "X901")]
        house = found.pop("news/house/story.txt")
        assert [x[2] for x in house] == ["E002", "X101", "X901"], house
        assert "rule X398 bad-pattern failed on this file" in house[0][3]
        for path, message in expected.items():
            [(line, _, code, text)] = found.pop(path)
            assert (line, code) == (1, "E001") and text.startswith(message), (path, text)
        assert not found, found  # nothing else, and nothing reported twice

        # damaged cache entries of every shape are recomputed, never fatal
        assert corrupt_cache(tmp_path / ".lintnews_cache") >= 5
        second = run(*args, cwd=tmp_path, wrap=wrap)
        assert (second.returncode, second.stdout) == (1, first.stdout), second.stderr
        for e in (tmp_path / ".lintnews_cache").rglob("*.json"):
            assert json.loads(e.read_text(encoding="utf-8"))["format"] == 1  # rewritten whole
    finally:
        if locked.exists():
            locked.chmod(0o755)


def test_a_file_name_that_is_not_utf8_in_every_format(tmp_path):
    project(tmp_path, 'select = ["X1"]\n')
    try:
        with open(os.path.join(os.fsencode(tmp_path), b"caf\xe9.txt"), "wb") as fh:
            fh.write(b"An e-mail, then an email.\n")
    except (OSError, UnicodeError):
        pytest.skip("this file system wants UTF-8 names")
    name = os.fsdecode(b"caf\xe9.txt")
    first = run("check", "-f", "json", ".", cwd=tmp_path)  # fills the cache
    assert first.returncode == 1 and json.loads(first.stdout)[0]["path"] == name, first.stderr
    for fmt in ("concise", "full", "json", "jsonl", "sarif", "github", "gitlab"):
        p = run("check", "-f", fmt, ".", cwd=tmp_path)  # from the cache
        assert p.returncode == 1 and "X101" in p.stdout, (fmt, p.stderr)
    sarif = json.loads(run("check", "-f", "sarif", "--no-cache", ".", cwd=tmp_path).stdout)
    uri = sarif["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
    assert uri == "caf%E9.txt"
    out = run("check", "-f", "json", "-o", "report.json", ".", cwd=tmp_path)
    assert out.returncode == 1 and b"caf\xe9.txt" in (tmp_path / "report.json").read_bytes()


# -- discovery and configuration lookup, in-process ---------------------------------------------
def test_discovery_and_config_lookup_survive_symlink_loops(tmp_path, monkeypatch):
    project(tmp_path, 'select = ["X1"]\nper-file-ignores = {"skip/*" = ["X101"]}\n')
    news = tmp_path / "news"
    write(news / "a.txt", "An e-mail, an email.\n")
    os.symlink("loop", news / "loop")
    os.symlink("dir-b", news / "dir-a")
    os.symlink("dir-a", news / "dir-b")
    os.symlink("loop.txt", news / "loop.txt")
    monkeypatch.chdir(tmp_path)
    eng = Engine(RunOptions())
    names = eng.discover(["news", "news/loop/inner.txt", "news/dir-a"])
    assert names == ["news/a.txt", "news/loop.txt", "news/loop/inner.txt", "news/dir-a"]
    assert find_config(news / "loop").source.resolve() == (tmp_path / "lintnews.toml").resolve()
    results = eng.run(names)
    assert [[d.code for d in r.diagnostics] for r in results] == [["X101"], ["E001"], ["E001"], ["E001"]]
    assert {r.diagnostics[0].message for r in results[1:]} == {
        f"cannot read file: {os.strerror(errno.ELOOP)}"}
    from collections import Counter

    diags = [d for r in results for d in r.diagnostics]
    assert filter_baseline(diags, Counter(), root=tmp_path) == diags  # baseline paths resolve too


def test_folders_nested_deeper_than_the_recursion_limit(tmp_path, monkeypatch):
    # os.walk recursed once per level (before Python 3.12): a deep tree raised RecursionError.
    # The limit is lowered rather than the tree made 1,000 deep, which shutil.rmtree (and so
    # pytest's own clean-up of old temporary folders) could not remove.
    monkeypatch.chdir(tmp_path)
    deep = Path("news", *["a"] * 300)
    deep.mkdir(parents=True)
    write(deep / "story.txt", "Text.\n")
    write(Path("news") / "top.txt", "Text.\n")
    eng = Engine(RunOptions(isolated=True))
    frame, depth = sys._getframe(), 0
    while frame is not None:
        frame, depth = frame.f_back, depth + 1
    old = sys.getrecursionlimit()
    sys.setrecursionlimit(depth + 150)  # less than the tree is deep
    try:
        with pytest.raises(RecursionError):
            list(os.walk("news"))
        names = eng.discover(["news"])
    finally:
        sys.setrecursionlimit(old)
    assert names == ["news/top.txt", str(deep / "story.txt")]


def test_bad_gitignore_patterns_are_skipped_and_the_rest_honoured(tmp_path, monkeypatch):
    write(tmp_path / ".git" / "HEAD", "ref: refs/heads/main\n")
    write(tmp_path / "news" / ".gitignore", "!\n[z-a].txt\ndraft*.txt\nsub\\\n")
    for name in ("a.txt", "draft1.txt", "[z-a].txt"):
        write(tmp_path / "news" / name, "Text.\n")
    monkeypatch.chdir(tmp_path)
    assert Engine(RunOptions(isolated=True)).discover(["news"]) == ["news/[z-a].txt", "news/a.txt"]


def _deny_under(monkeypatch, locked: Path, gitignore: Path) -> None:
    """EACCES for everything under ``locked`` and for reading ``gitignore``, whoever runs the test."""
    real_scandir, real_stat, real_open = os.scandir, os.stat, os.open

    def denied(p) -> bool:
        return os.path.abspath(os.fspath(p)).startswith(str(locked) + os.sep)

    def scandir(p="."):
        if os.path.abspath(os.fspath(p)) == str(locked):
            raise PermissionError(13, "Permission denied", os.fspath(p))
        return real_scandir(p)

    def fake_stat(p, *a, **k):
        if isinstance(p, (str, bytes, os.PathLike)) and denied(p):
            raise PermissionError(13, "Permission denied", os.fspath(p))
        return real_stat(p, *a, **k)

    def fake_open(p, *a, **k):
        if os.path.abspath(os.fspath(p)) == str(gitignore) or denied(p):
            raise PermissionError(13, "Permission denied", os.fspath(p))
        return real_open(p, *a, **k)

    monkeypatch.setattr(os, "scandir", scandir)
    monkeypatch.setattr(os, "stat", fake_stat)
    monkeypatch.setattr(os, "open", fake_open)


def test_permission_errors_are_e001_on_the_path(tmp_path, monkeypatch):
    project(tmp_path, 'select = ["X1"]\n')
    news = tmp_path / "news"
    write(news / "a.txt", "An e-mail, an email.\n")
    write(news / "locked" / "inner.txt", "An e-mail, an email.\n")
    write(news / "locked" / "lintnews.toml", "this is not toml\n")  # never seen: cannot be read
    gi = write(news / ".gitignore", "a.txt\n")
    monkeypatch.chdir(tmp_path)
    _deny_under(monkeypatch, news / "locked", gi)
    eng = Engine(RunOptions())
    names = eng.discover(["news", "news/locked/inner.txt"])
    assert names == ["news/a.txt", "news/locked", "news/locked/inner.txt"]  # .gitignore unreadable
    results = eng.run(names)
    assert [[(d.code, d.message) for d in r.diagnostics] for r in results] == [
        [("X101", "'email' here, but the article first writes 'e-mail' (line 1)")],
        [("E001", "cannot read directory: Permission denied")],
        [("E001", "cannot read file: Permission denied")]]


@pytest.fixture
def no_hang():
    """Fail, rather than hang the suite, if reading a FIFO blocks (POSIX only)."""
    import signal

    if not hasattr(signal, "SIGALRM"):
        yield
        return

    def expire(*_):
        raise TimeoutError("blocked reading a special file")

    old = signal.signal(signal.SIGALRM, expire)
    signal.alarm(30)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, old)


def test_special_files_are_never_opened(tmp_path, monkeypatch, no_hang):
    opened = []
    real_open = os.open
    monkeypatch.setattr(os, "open", lambda p, *a, **k: opened.append(p) or real_open(p, *a, **k))
    if hasattr(os, "mkfifo"):
        os.mkfifo(tmp_path / "pipe.txt")
        d = sources.load(str(tmp_path / "pipe.txt"))
        assert d.code == "E001" and d.message == "not a regular file (a named pipe); not read"
    if os.path.exists("/dev/null"):
        d = sources.load("/dev/null")
        assert d.code == "E001" and d.message == "not a regular file (a character device); not read"
    assert opened == []
    ok = write(tmp_path / "a.txt", "Fine prose.\n")
    assert sources.load(str(ok)).text == "Fine prose."
    assert opened == [str(ok)]


def test_a_file_swapped_for_a_fifo_after_the_check_is_refused(tmp_path, monkeypatch, no_hang):
    if not hasattr(os, "mkfifo"):
        pytest.skip("no FIFOs here")
    os.mkfifo(tmp_path / "pipe.txt")
    real_stat = os.stat
    regular = real_stat(write(tmp_path / "a.txt", "x"))
    monkeypatch.setattr(os, "stat", lambda p, *a, **k: regular)  # it looked regular a moment ago
    d = sources.load(str(tmp_path / "pipe.txt"))  # opened without blocking, then checked again
    assert d.code == "E001" and "a named pipe" in d.message


# -- a kind that fails part-way ---------------------------------------------------------------
class HalfwayKind:
    """Yields a finding for each '|x|' and fails at the first '|boom|'."""

    requires: frozenset = frozenset()

    def __init__(self, rule, options=None) -> None:
        self.rule = rule

    def check(self, ctx):
        import re

        from lintnews.kinds.base import Finding

        for m in re.finditer(r"\|(x|boom)\|", ctx.article.text):
            if m.group(1) == "boom":
                raise RuntimeError("half-way bug")
            yield Finding(m.start(), m.end(), "found x")


def test_a_kind_that_raises_part_way_keeps_what_it_found(tmp_path, monkeypatch):
    from lintnews import registry

    monkeypatch.setitem(registry.builtin_kinds(), "halfway", f"{__name__}:HalfwayKind")
    project(tmp_path, rules=TEST_RULES + """\
- code: X397
  name: halfway
  kind: halfway
  severity: warning
  summary: Fails after two findings.
""")
    eng = Engine(RunOptions(config_file=tmp_path / "lintnews.toml", overrides={"select": ("X397", "X901")}))
    f = write(tmp_path / "a.txt", "One |x| and two |x|, then |boom| and |x| never seen.\n")
    [res] = eng.run([str(f)])
    got = [(d.code, d.column) for d in res.diagnostics]
    assert [c for c in got if c[0] == "X397"] == [("X397", 5), ("X397", 17)]  # found before the error
    assert [c for c in got if c[0] == "E002"] == [("E002", 1)]
    assert len([c for c in got if c[0] == "X901"]) == 4  # the other rule lost nothing
    assert "rule X397 halfway failed on this file: RuntimeError: half-way bug" in res.diagnostics[0].message
