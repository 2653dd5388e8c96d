"""Which lines changed since a git revision (``--diff-base``), from git itself.

``base`` is a revision (``HEAD``, ``origin/main``, a commit SHA) compared with the
working tree, or ``-``: the changes staged for the next commit (the index against
HEAD, as ``git diff --cached`` shows them; under pre-commit, which stashes what is not
staged, the working tree is the index).

- A file git did not know at ``base`` (added since, or untracked) has every line changed.
- A renamed file is compared with its old name, as git's rename detection pairs them.
- Text formats take git's own diff (``--unified=0``): its added and changed lines.
- A Word file's lines are its paragraphs: the paragraph texts of ``base``'s version are
  compared with today's, and a paragraph whose text differs counts as changed.
- Text read from standard input is compared with ``base``'s version of its file name.

A finding is kept when its span or one of its related locations (the other side of a
conflict) lies on a changed line; a file's E001/E002 when the file has any change.
The whole article is always read and checked: only the report is narrowed.
"""
from __future__ import annotations

import dataclasses
import difflib
import os
import re
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

from .. import sources
from ..article import line_starts, split_lines
from ..config import ConfigError
from ..diagnostics import Diagnostic
from .model import FileResult

STAGED = "-"
_HUNK = re.compile(rb"^@@ -\d+(?:,\d+)? \+(\d+)(?:,(\d+))? @@")
_CHUNK = 200  # paths per `git diff` call (command lines have a length limit)
_FILE_LEVEL = ("E001", "E002")  # about the whole file: kept when the file changed at all


@dataclass(frozen=True)
class FileChange:
    """How one file differs from ``base``: ``lines`` are the changed line numbers (git's
    count), None when the whole file is new; ``old`` its repository path at ``base``."""

    repo: Path
    rel: str
    status: str  # A (added), M (modified), R (renamed), "" (unchanged), ? (untracked)
    old: str | None = None
    lines: frozenset[int] | None = frozenset()


def _git(repo: Path | str, *args: str, check: bool = True) -> subprocess.CompletedProcess:
    """Run git in ``repo`` with settings that make its output plain and paths literal."""
    cmd = ["git", "-c", "core.quotePath=false", "--literal-pathspecs", *args]
    try:
        proc = subprocess.run(cmd, cwd=repo, capture_output=True, stdin=subprocess.DEVNULL)
    except FileNotFoundError:
        raise ConfigError("--diff-base needs git, and git was not found") from None
    if check and proc.returncode:
        err = proc.stderr.decode("utf-8", "replace").strip()
        raise ConfigError(f"--diff-base: git {args[0]} failed in {repo}: {err}")
    return proc


class Changes:
    """The changed lines of the files of one run, against one ``base``."""

    def __init__(self, base: str, stdin_filename: str | None = None) -> None:
        if not base or not base.strip():
            raise ConfigError("--diff-base needs a git revision (or - for the staged changes)")
        self.base = base
        self.stdin_filename = stdin_filename
        self.files: dict[str, FileChange] = {}
        self._commits: dict[Path, str | None] = {}
        self._tops: dict[str, Path] = {}

    # -- finding the repository and the revision ------------------------------------------
    def _toplevel(self, name: str) -> tuple[Path, str]:
        """(repository root, the file's path in it); ConfigError outside a repository."""
        folder = os.path.dirname(os.path.abspath(name))
        while folder and not os.path.isdir(folder):  # a missing file: ask its nearest folder
            folder = os.path.dirname(folder)
        if folder not in self._tops:
            proc = _git(folder, "rev-parse", "--show-toplevel", check=False)
            if proc.returncode:
                raise ConfigError(f"--diff-base: {name} is not in a git repository "
                                  f"(--diff-base compares with git's history)")
            self._tops[folder] = Path(os.fsdecode(proc.stdout.rstrip(b"\n")))
        top = self._tops[folder]
        real = os.path.join(os.path.realpath(os.path.dirname(os.path.abspath(name))), os.path.basename(name))
        return top, Path(os.path.relpath(real, os.path.realpath(top))).as_posix()

    def _commit(self, repo: Path) -> str | None:
        """The commit ``base`` names in ``repo`` (None for staged changes on a branch with no
        commit yet); ConfigError naming it when there is none."""
        if repo not in self._commits:
            ref = "HEAD" if self.base == STAGED else self.base
            proc = _git(repo, "rev-parse", "--verify", "--quiet", "--end-of-options", f"{ref}^{{commit}}",
                        check=False)
            if proc.returncode == 0:
                self._commits[repo] = proc.stdout.decode().strip()
            elif self.base == STAGED and _git(repo, "rev-parse", "--verify", "--quiet", "HEAD",
                                              check=False).returncode:
                self._commits[repo] = None  # the first commit: everything staged is new
            else:
                raise ConfigError(f"--diff-base: {self.base!r} is not a revision in {repo} "
                                  f"(a branch, tag or commit; in CI, fetch the history: fetch-depth: 0)")
        return self._commits[repo]

    def _diff_args(self, repo: Path) -> list[str]:
        commit = self._commit(repo)
        if self.base == STAGED:  # an unborn branch: git diff --cached compares with nothing
            return ["diff", "--cached"] + ([commit] if commit else [])
        return ["diff", str(commit)]

    # -- reading the changes ------------------------------------------------------------
    def prepare(self, names: Iterable[str]) -> None:
        """Work out the changes of ``names`` (as given to the run; ``-`` is stdin), one
        repository at a time; ConfigError outside a repository or for an unknown ``base``."""
        by_repo: dict[Path, dict[str, str]] = {}
        for name in names:
            shown = (self.stdin_filename or "") if name == "-" else name
            if name == "-" and not shown:
                raise ConfigError("--diff-base with standard input needs --stdin-filename "
                                  "(the file's path in the repository)")
            repo, rel = self._toplevel(shown)
            self._commit(repo)
            by_repo.setdefault(repo, {})[shown] = rel
        for repo, files in by_repo.items():
            found = self._repo_changes(repo, sorted(set(files.values())))
            for shown, rel in files.items():
                self.files[shown] = found[rel]

    def _repo_changes(self, repo: Path, rels: list[str]) -> dict[str, FileChange]:
        """Each of ``rels``'s FileChange in one repository: status from one whole-repository
        ``--name-status`` (renames need both names), lines from one diff of those changed."""
        common = ["--no-color", "--no-ext-diff", "--no-textconv", "--no-relative", "--ignore-submodules",
                  "--find-renames", "--src-prefix=a/", "--dst-prefix=b/"]
        out = _git(repo, *self._diff_args(repo), *common, "--name-status", "-z", "--").stdout
        status = _name_status(out)
        known = self._known_at_base(repo, [r for r in rels if r not in status])
        changes: dict[str, FileChange] = {}
        for rel in rels:
            st, old = status.get(rel, ("" if rel in known else "?", rel))
            lines = None if st in ("A", "?") else frozenset()
            changes[rel] = FileChange(repo, rel, st, old if st in ("M", "R", "") else None, lines)
        text = [c for c in changes.values() if c.status in ("M", "R") and sources.format_for(c.rel) != "docx"]
        for k in range(0, len(text), _CHUNK):
            part = text[k:k + _CHUNK]
            paths = sorted({p for c in part for p in (c.rel, c.old) if p})
            hunks = _hunks(_git(repo, *self._diff_args(repo), *common, "--unified=0", "--", *paths).stdout)
            for c in part:
                changes[c.rel] = dataclasses.replace(c, lines=frozenset(hunks.get(c.rel, ())))
        return changes

    def _known_at_base(self, repo: Path, rels: list[str]) -> set[str]:
        """Those of ``rels`` that git has at ``base`` (in its commit; staged: in the index)."""
        known: set[str] = set()
        commit = self._commit(repo)
        for k in range(0, len(rels), _CHUNK):
            part = rels[k:k + _CHUNK]
            if self.base == STAGED:
                out = _git(repo, "ls-files", "-z", "--", *part).stdout
            elif commit:
                out = _git(repo, "ls-tree", "-r", "-z", "--name-only", "--full-tree", commit, "--", *part).stdout
            else:
                out = b""
            known |= {os.fsdecode(p) for p in out.split(b"\0") if p}
        return known

    def _base_text(self, change: FileChange) -> bytes | None:
        """The file's bytes at ``base`` (staged: HEAD's, which the index is compared with)."""
        commit = self._commit(change.repo)
        if not commit or not change.old:
            return None
        proc = _git(change.repo, "cat-file", "blob", f"{commit}:{change.old}", check=False)
        return proc.stdout if proc.returncode == 0 else None

    # -- narrowing the results -----------------------------------------------------------
    def lines_for(self, path: str, source: str | None, from_stdin: bool = False) -> frozenset[int] | None:
        """The changed lines of ``path`` in lintnews's numbering (None: every line)."""
        change = self.files.get(path)
        if change is None or change.lines is None:
            return None
        docx = sources.format_for(path) == "docx"
        if not (from_stdin or docx):
            return from_git_lines(source or "", change.lines)
        if change.status == "" and not from_stdin:
            return frozenset()
        old = self._base_text(change)
        if old is None:  # not in base's commit (staged as new, or no commit yet)
            return None
        if docx:  # a paragraph a line; their texts compared
            return compare_lines(sources.decode_lenient(old, path).split("\n"), (source or "").split("\n"))
        return compare_lines(split_lines(sources.decode_lenient(old)), split_lines(source or ""))

    def filter(self, result: FileResult) -> FileResult:
        """``result`` with only the findings on changed lines."""
        lines = self.lines_for(result.path, result.source_text(), result.from_stdin)
        if lines is None:
            return result
        kept = [d for d in result.diagnostics if on_lines(d, lines)]
        return dataclasses.replace(result, diagnostics=kept)


def on_lines(d: Diagnostic, lines: frozenset[int]) -> bool:
    """Whether ``d``'s span, or one of its related locations, touches one of ``lines``; a
    file-level internal error (E001, E002) when any line changed."""
    if d.code in _FILE_LEVEL:
        return bool(lines)
    spans = [(d.line, d.end_line)] + [(r.location.line, r.location.end_line) for r in d.related
                                      if r.location.path == d.path]
    return any(line in lines for a, b in spans for line in range(a, max(a, b) + 1))


def compare_lines(before: list[str], after: list[str]) -> frozenset[int]:
    """The lines of ``after`` (1-based) that are new or changed relative to ``before``."""
    matcher = difflib.SequenceMatcher(None, before, after, autojunk=False)
    return frozenset(j + 1 for tag, _, _, j1, j2 in matcher.get_opcodes() if tag in ("replace", "insert")
                     for j in range(j1, j2))


def from_git_lines(source: str, git_lines: frozenset[int]) -> frozenset[int]:
    """Git counts lines at ``\\n`` only; lintnews at a lone ``\\r`` too: renumber when they differ."""
    if not re.search(r"\r(?!\n)", source):
        return git_lines
    git_starts = [0] + [m.end() for m in re.finditer(r"\n", source)] + [len(source) + 1]
    ours = line_starts(source)
    out: set[int] = set()
    for g in git_lines:
        if g < len(git_starts):
            start, end = git_starts[g - 1], git_starts[g]
            first = _line_at(ours, start)
            last = _line_at(ours, max(start, end - 1))
            out.update(range(first, last + 1))
    return frozenset(out)


def _line_at(starts: list[int], offset: int) -> int:
    import bisect

    return bisect.bisect_right(starts, offset)


def _name_status(out: bytes) -> dict[str, tuple[str, str]]:
    """``--name-status -z`` -> {new path: (A|M|R, path at base)}; deletions are left out."""
    fields = out.split(b"\0")
    status: dict[str, tuple[str, str]] = {}
    i = 0
    while i < len(fields) and fields[i]:
        code = fields[i].decode()[:1]
        if code in ("R", "C"):
            old, new = os.fsdecode(fields[i + 1]), os.fsdecode(fields[i + 2])
            status[new] = ("R", old) if code == "R" else ("A", new)
            i += 3
            continue
        path = os.fsdecode(fields[i + 1])
        if code in ("A", "M", "T"):
            status[path] = ("A" if code == "A" else "M", path)
        i += 2
    return status


def _hunks(patch: bytes) -> dict[str, list[int]]:
    """A ``--unified=0`` patch -> {path: added or changed line numbers of the new file}."""
    out: dict[str, list[int]] = {}
    current: list[int] | None = None
    for line in patch.split(b"\n"):
        if line.startswith(b"+++ "):
            name = line[4:]
            current = None if name == b"/dev/null" else out.setdefault(_unquote(name)[2:], [])
        elif line.startswith(b"diff --git "):
            current = None
        elif current is not None and line.startswith(b"@@"):
            m = _HUNK.match(line)
            if m:
                start, count = int(m.group(1)), int(m.group(2) if m.group(2) is not None else 1)
                current.extend(range(start, start + count))
    return out


_ESCAPES = {b"a": 7, b"b": 8, b"t": 9, b"n": 10, b"v": 11, b"f": 12, b"r": 13, b'"': 34, b"\\": 92}


def _unquote(name: bytes) -> str:
    """A path as git writes it in a patch header: C-quoted when it holds a quote, a
    backslash or a control character, else as is (with a tab after it when it has a space)."""
    if not name.startswith(b'"'):
        return os.fsdecode(name[:-1] if name.endswith(b"\t") else name)
    body, out, i = name[1:name.rindex(b'"')], bytearray(), 0
    while i < len(body):
        c = body[i:i + 1]
        if c != b"\\":
            out += c
            i += 1
        elif body[i + 1:i + 2].isdigit():
            out.append(int(body[i + 1:i + 4], 8))
            i += 4
        else:
            out.append(_ESCAPES.get(body[i + 1:i + 2], body[i + 1]))
            i += 2
    return os.fsdecode(bytes(out))
