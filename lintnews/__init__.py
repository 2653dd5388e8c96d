"""lintnews: a discrepancy and consistency linter for news text.

The public API. The command line, and any editor server or archive worker, call
only these; they stay import-light (``import lintnews`` loads neither spaCy nor
the command line: the engine is imported on the first call)::

    import lintnews

    for d in lintnews.lint_text("He waited a hour.", config=lintnews.Config()):
        print(d.line, d.column, d.code, d.message)

    cfg = lintnews.Config(select=["W1"], rules={"long-sentence": {"max-words": 40}})
    for d in lintnews.lint_paths(["drafts/"], config=cfg):
        print(d.path, d.line, d.code)

    fixed = lintnews.fix_text("He said the the plan worked.", config=lintnews.Config())

``config=None`` (the default) means what the command line does: each file gets
the config file that governs it (``lintnews.toml``, ``.lintnews.toml`` or
``pyproject.toml``, found by walking up from its folder). A ``Config`` passed in
is used for every file instead. Configuration problems raise ``ConfigError``; a
missing spaCy model raises ``ModelError``.

A long-lived caller (the language server) keeps what it loaded between calls: the
model, the rules, the config files. ``config_stamp(folder)`` tells it cheaply whether
the files that decide a folder's config changed on disk, and ``reload()`` forgets
them; ``lint_text(..., cancel=event)`` lets it withdraw a check (``Cancelled``).
"""
from __future__ import annotations

import datetime as _dt
import os
import threading
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Iterable, Iterator

from .budget import Cancelled
from .config import Config, ConfigError
from .diagnostics import Diagnostic, Severity

if TYPE_CHECKING:
    from .engine import Engine, FileResult
    from .engine.baseline import Baseline
    from .registry import Rule
    from .examples import ExampleResult

try:
    from importlib.metadata import PackageNotFoundError, version

    __version__ = version("lintnews")
except Exception:  # running from a source tree that is not installed
    __version__ = "0.1.0"

__all__ = ["Config", "ConfigError", "Diagnostic", "Severity", "ModelError", "Cancelled", "lint_text",
           "lint_texts", "lint_paths", "fix_text", "check_paths", "fix_paths", "discover", "effective_config", "rules",
           "config_stamp", "reload", "read_baseline", "write_baseline", "check_rule_examples", "TEXT_FORMATS",
           "__version__"]

# The formats ``lint_text(format=...)`` accepts (the format of a path's suffix otherwise).
TEXT_FORMATS = ("text", "markdown", "html")

_ENGINES: dict[str, "Engine"] = {}  # engines kept for repeated calls (loaded rules and kinds)
_MAX_ENGINES = 8
_ENGINES_LOCK = threading.Lock()  # the language server calls from several threads


def __getattr__(name: str) -> Any:
    if name == "ModelError":  # from nlp.py, which imports spaCy only when a model is loaded
        from .nlp import ModelError

        return ModelError
    raise AttributeError(f"module 'lintnews' has no attribute {name!r}")


def _engine(config: Config | None = None, overrides: dict[str, Any] | None = None,
            date: _dt.date | None = None, **options: Any) -> "Engine":
    """An engine for these settings, built once and reused (an editor lints on every keystroke)."""
    from .engine import Engine, RunOptions

    opts = RunOptions(overrides=dict(overrides or {}), config=config, date=date, **options)
    key = repr(opts)
    with _ENGINES_LOCK:
        engine = _ENGINES.pop(key, None) or Engine(opts)
        _ENGINES[key] = engine  # most recently used last
        while len(_ENGINES) > _MAX_ENGINES:
            del _ENGINES[next(iter(_ENGINES))]
    return engine


def lint_text(text: str, *, path: "str | os.PathLike[str]" = "-", config: Config | None = None,
              date: _dt.date | None = None, format: str | None = None,
              cancel: "threading.Event | None" = None) -> list[Diagnostic]:
    """Check ``text`` as if it were the file ``path``; the diagnostics, sorted.

    ``path`` picks the input format by its suffix (``.md``, ``.html``, else plain
    text), the config (when ``config`` is None) and the path the diagnostics name.
    ``format`` (one of ``TEXT_FORMATS``) overrides the suffix: an editor knows a
    document's language when its name says nothing. ``date`` is the publication date
    for an article that gives none. Once ``cancel`` (a ``threading.Event``) is set, the
    check stops at its next checkpoint (between rules, in their long loops) and raises
    ``Cancelled``. Text that cannot be an article (empty, binary, a lone surrogate) gets
    an E001 diagnostic, as a file would.

    >>> [d.code for d in lint_text("He waited a hour.", config=Config(select=["W101"]))]
    ['W101']
    """
    from .budget import cancellable

    if format is not None and format not in TEXT_FORMATS:
        raise ValueError(f"format must be one of {', '.join(TEXT_FORMATS)}, not {format!r}")
    with cancellable(cancel):
        return _engine(config).lint_text(text, os.fspath(path), format, date)


def lint_texts(items: "Iterable[tuple[str, str | os.PathLike[str]]]", *, config: Config | None = None,
               dates: "Iterable[_dt.date | None] | None" = None,
               format: str | None = None) -> list[list[Diagnostic]]:
    """``lint_text`` for many ``(text, path)`` pairs at once: one list of diagnostics per
    pair, in order. The texts are parsed together (spaCy's ``nlp.pipe``), which an archive
    audit needs: about a third faster than one call per text. ``dates`` gives each text's
    publication date (None where it has none).

    >>> [[d.code for d in ds] for ds in lint_texts([("A hour.", "a.txt"), ("Fine.", "b.txt")],
    ...                                             config=Config(select=["W101"]))]
    [['W101'], []]
    """
    if format is not None and format not in TEXT_FORMATS:
        raise ValueError(f"format must be one of {', '.join(TEXT_FORMATS)}, not {format!r}")
    pairs = [(text, os.fspath(path)) for text, path in items]
    when = list(dates) if dates is not None else [None] * len(pairs)
    if len(when) != len(pairs):
        raise ValueError("dates must give one date (or None) per text")
    return _engine(config).lint_texts([(t, p, d) for (t, p), d in zip(pairs, when)], format)


def fix_text(text: str, *, path: "str | os.PathLike[str]" = "-", config: Config | None = None,
             unsafe: bool = False, date: _dt.date | None = None) -> str:
    """``text`` with its fixes applied, as ``lintnews check --fix`` would write it.

    Only safe fixes unless ``unsafe``; a fix never edits anything but the flagged
    prose, and a pass that would add an error-level finding keeps only the fixes
    that add none. Text that cannot be read (empty, binary) comes back unchanged.

    >>> fix_text("He waited a hour.", config=Config(select=["W101"]))
    'He waited an hour.'
    """
    from .engine.fixing import fix_source

    engine = _engine(config, date=date)
    name = os.fspath(path)
    first = engine.recheck(name, text.encode("utf-8", "surrogatepass"))
    if first.article is None:
        return text
    art = first.article
    fixed, _, _ = fix_source(art.source, first,
                             lambda t: engine.recheck(name, t.encode("utf-8", "surrogatepass")), unsafe)
    return text[:len(text) - len(art.source)] + fixed if text.endswith(art.source) else fixed


def lint_paths(paths: Iterable["str | os.PathLike[str]"], *, config: Config | None = None,
               date: _dt.date | None = None, cache: bool = False, jobs: int | None = None,
               diff_base: str | None = None,
               on_file: Callable[["FileResult"], None] | None = None) -> Iterator[Diagnostic]:
    """The diagnostics of files and folders, yielded file by file in the order found.

    Folders are walked (``include``/``exclude`` and .gitignore honoured); a file that
    cannot be read gets an E001 and the others go on. ``cache`` reads and writes the
    result cache (``.lintnews_cache`` or ``cache-dir``); ``jobs`` worker processes
    (default: the CPU count from 16 files on). ``on_file(result)`` is called with
    each file's result (path, diagnostics, source text) before its diagnostics are yielded.
    ``diff_base`` (a git revision, or ``"-"`` for the staged changes) keeps only the
    findings on lines changed since then (see ``check_paths``).

    >>> for d in lint_paths(["drafts/"], config=Config(select=["C2"])):  # doctest: +SKIP
    ...     print(d.path, d.line, d.code, d.message)
    """
    for res in check_paths(paths, config=config, date=date, cache=cache, jobs=jobs, diff_base=diff_base):
        if on_file is not None:
            on_file(res)
        yield from res.diagnostics


def check_paths(paths: Iterable["str | os.PathLike[str]"], *, config: Config | None = None,
                overrides: dict[str, Any] | None = None, date: _dt.date | None = None,
                cache: bool = False, jobs: int | None = None, stdin: bytes | None = None,
                stdin_filename: str | None = None, diff_base: str | None = None,
                progress: Callable[[int], None] | None = None) -> Iterator["FileResult"]:
    """Like ``lint_paths``, one ``FileResult`` per file (``.path``, ``.diagnostics``,
    ``.source_text()``): what a report that shows the source needs.

    ``overrides`` are Config fields applied on top of every file's config, as the
    command line's flags are (``{"select": ("C2",), "ignore": ("C208",)}``: ``select``
    replaces, the other selectors extend). The path ``-`` reads ``stdin`` (bytes),
    shown as ``stdin_filename``. ``progress(n)`` is called as files finish.

    ``diff_base``: only the findings on lines added or changed since that git revision
    (``"HEAD"``, ``"origin/main"``; ``"-"``: the changes staged for the next commit)
    are kept, those whose span or related location (the other side of a conflict)
    lies on such a line; every article is still read whole. Files new since then
    count as changed throughout. ``ConfigError`` (before anything is checked) outside
    a git repository or for a revision that does not exist.
    """
    engine = _engine(config, overrides, date, cache=cache, jobs=jobs, stdin_filename=stdin_filename)
    names = engine.discover([os.fspath(p) for p in paths])
    if diff_base is None:
        return engine.results(names, stdin, progress)
    from .engine.changes import Changes

    changes = Changes(diff_base, stdin_filename)
    changes.prepare(names)  # errors now, before any file is checked
    return (changes.filter(r) for r in engine.results(names, stdin, progress))


def fix_paths(paths: Iterable["str | os.PathLike[str]"], *, write: bool = True, unsafe: bool = False,
              config: Config | None = None, overrides: dict[str, Any] | None = None,
              date: _dt.date | None = None, stdin: bytes | None = None, stdin_filename: str | None = None,
              progress: Callable[[int], None] | None = None) -> Iterator["FileResult"]:
    """Fix files: each result has ``original`` and ``fixed`` text.

    With ``write`` the fixed files are written back (atomically, only over the
    bytes that were read, never a read-only file) and the result holds the fixed
    text's findings, or ``not_written`` saying why a file was left alone; without
    it nothing is written and the findings are the original's (a diff preview).
    Standard input is checked, never fixed. No cache, one process.
    """
    from .engine.fixing import fix_results

    engine = _engine(config, overrides, date, jobs=1, stdin_filename=stdin_filename)
    names = engine.discover([os.fspath(p) for p in paths])
    return fix_results(engine, engine.results(names, stdin, progress), write=write, unsafe=unsafe)


def discover(paths: Iterable["str | os.PathLike[str]"], *, config: Config | None = None,
             overrides: dict[str, Any] | None = None, force_exclude: bool = False) -> list[str]:
    """The files ``check_paths`` would check, in order: files as given, folders walked
    (``include``, ``exclude`` and .gitignore honoured). ``force_exclude``: files named
    outright are left out too when their config's ``include``/``exclude`` leave them out."""
    return _engine(config, overrides, force_exclude=force_exclude).discover([os.fspath(p) for p in paths])


def effective_config(directory: "str | os.PathLike[str] | None" = None, *, config: Config | None = None,
                     overrides: dict[str, Any] | None = None) -> Config:
    """The config that applies to files in ``directory`` (default: the current folder),
    with ``overrides`` applied: ``config`` if given, else the config file found there."""
    return _engine(config, overrides).config_in(Path(directory) if directory is not None else None)


def rules(directory: "str | os.PathLike[str] | None" = None, *, config: Config | None = None) -> list["Rule"]:
    """Every rule files in ``directory`` may use (built-ins, plug-ins, the config's
    rule-dirs), selected or not, each with ``code``, ``name``, ``severity``, ``summary``,
    ``explain`` and ``examples``: what ``lintnews rules`` and ``explain`` show."""
    return _engine(config).rules_for(effective_config(directory, config=config))


def config_stamp(directory: "str | os.PathLike[str] | None" = None) -> tuple:
    """A cheap fingerprint (size and modification time) of the files that decide the config
    of files in ``directory``: every place a config file may be, up to the repository's
    root, and the rule files in the config's rule-dirs. Compare it between calls and call
    ``reload()`` when it changes; it costs a few ``stat`` calls, no reading."""
    from .config import config_candidates, find_config

    here = Path(directory) if directory is not None else Path.cwd()
    paths = config_candidates(here)
    try:
        for d in find_config(here).rule_dirs:
            paths += sorted(p for p in Path(d).iterdir() if p.suffix in (".yml", ".yaml"))
    except (ConfigError, OSError):  # a broken config: its files are in the stamp already
        pass
    return tuple(_stat(p) for p in paths)


def _stat(path: Path) -> tuple:
    try:
        st = path.stat()
        return (str(path), st.st_size, st.st_mtime_ns)
    except OSError:
        return (str(path),)


def reload() -> None:
    """Forget the config files and rule files read so far: later calls read them again
    (the loaded spaCy model is kept)."""
    from .config import find_config

    find_config.cache_clear()
    with _ENGINES_LOCK:
        _ENGINES.clear()


def read_baseline(baseline: "str | os.PathLike[str]") -> "Baseline":
    """The findings a baseline file accepts; ``.filter(diagnostics)`` drops them.

    >>> kept = read_baseline("lintnews-baseline.json").filter(diagnostics)  # doctest: +SKIP
    """
    from .engine.baseline import Baseline

    return Baseline.read(Path(baseline))


def write_baseline(baseline: "str | os.PathLike[str]", diagnostics: Iterable[Diagnostic]) -> None:
    """Record ``diagnostics`` (internal errors excepted) as accepted, in a baseline file."""
    from .engine.baseline import write_baseline as write

    write(Path(baseline), list(diagnostics))


def check_rule_examples(rule_dirs: Iterable["str | os.PathLike[str]"]) -> list["ExampleResult"]:
    """Run the examples of every YAML rule in ``rule_dirs`` (house rules): each ``bad``
    example must flag exactly its ``[[...]]`` text, each ``good`` one nothing. One result
    per example (``.ok``, ``.describe()``), rules in code order.

    The rules load with the built-ins and plug-ins (codes and names must stay unique);
    a rule file that cannot be used raises ``ConfigError`` naming the file and entry.

    >>> [r.describe() for r in check_rule_examples(["house-style"]) if not r.ok]  # doctest: +SKIP
    """
    from .examples import check_rules
    from .registry import RuleError, builtin_rules_dir, load_rules

    builtin = builtin_rules_dir().resolve()
    dirs = [Path(d).resolve() for d in rule_dirs]
    for d in dirs:
        if not d.is_dir():
            raise ConfigError(f"{d}: not a directory of rules")
    try:
        rules = load_rules([d for d in dirs if d != builtin])
    except RuleError as ex:
        raise ConfigError(str(ex)) from None
    extra = tuple(d for d in dirs if d != builtin)
    mine = [r for r in rules if Path(r.source).resolve().parent in dirs]

    def lint(text: str, rule) -> list[Diagnostic]:
        return lint_text(text, config=Config(select=(rule.code,), rule_dirs=extra))

    return check_rules(mine, lint)
