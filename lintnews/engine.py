"""The pipeline: files in, diagnostics out.

discover -> read (sources) -> pick rules per file (config) -> parse (nlp, only the
pipes the rules need, in batches) -> run each rule's kind -> locate, suppress,
baseline -> sorted diagnostics. Nothing here prints.
"""
from __future__ import annotations

import datetime as _dt
import os
import re
import traceback
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator

import pathspec

from . import sources
from .article import Article, Directive, shorten_runs
from .budget import Budget, BudgetExceeded
from .config import Config, ConfigError, find_config, is_selected, matches, resolved, with_overrides
from .diagnostics import Diagnostic, Edit, Fix, Related, Severity
from .registry import Rule, RuleError, load_kind, load_rules

INTERNAL = {
    "E001": ("unreadable", Severity.ERROR,
             "A file that cannot be read, decoded or parsed (no permission, a symbolic-link loop, "
             "not a regular file, binary, invalid UTF-8, empty), or a folder that cannot be listed."),
    "E002": ("rule-error", Severity.ERROR,
             "A rule raised an error on this file, or the file's time budget ran out."),
    "E003": ("unused-suppression", Severity.WARNING,
             "A lintnews-disable directive that suppresses nothing."),
}
DEFAULT_EXCLUDE = (".git", ".hg", ".svn", ".venv", "venv", "node_modules", "__pycache__",
                   ".lintnews_cache", ".tox", "build", "dist")


@dataclass
class RunOptions:
    """What the command line asks for, on top of the config files."""

    overrides: dict[str, Any] = field(default_factory=dict)  # Config fields from flags
    config_file: Path | None = None
    date: _dt.date | None = None
    stdin_filename: str | None = None
    baseline: Path | None = None
    cache: bool = False  # the CLI turns it on; the API and tests do not write caches
    jobs: int | None = None
    isolated: bool = False  # ignore every config file (tests, --isolated)


@dataclass
class ActiveRule:
    rule: Rule
    kind: Any
    severity: Severity


@dataclass
class FileResult:
    """Everything found in one file."""

    path: str
    diagnostics: list[Diagnostic]
    article: Article | None = None
    source: str | None = None  # the decoded source when there is no Article (cache hits)

    def source_text(self) -> str | None:
        return self.article.source if self.article is not None else self.source


class Engine:
    """Holds the rules and the per-directory configuration for a run."""

    def __init__(self, options: RunOptions | None = None) -> None:
        self.options = options or RunOptions()
        self._fixed_config: Config | None = None
        if self.options.config_file:
            from .config import read_file

            cfg = read_file(self.options.config_file)
            if cfg is None:
                raise ConfigError(f"{self.options.config_file}: no [tool.lintnews] table")
            self._fixed_config = cfg
        elif self.options.isolated:
            self._fixed_config = Config()
        self._rules: dict[tuple[Path, ...], list[Rule]] = {}
        self._active: dict[str, list[ActiveRule]] = {}
        self._nlp = None

    # -- configuration ----------------------------------------------------------------
    def config_for(self, path: Path) -> Config:
        base = self._fixed_config or find_config(path.parent if path.name else Path.cwd())
        return with_overrides(base, self.options.overrides)

    def rules_for(self, cfg: Config) -> list[Rule]:
        key = tuple(cfg.rule_dirs)
        if key not in self._rules:
            try:
                self._rules[key] = load_rules(key)
            except RuleError as ex:
                raise ConfigError(str(ex)) from None
        return self._rules[key]

    def check_selectors(self, cfg: Config, rules: list[Rule]) -> None:
        """A selector that names no rule is a typo: say so (exit 2)."""
        known = [(r.code, r.name) for r in rules] + [(c, n) for c, (n, _, _) in INTERNAL.items()]
        where = f"{cfg.source}: " if cfg.source else ""
        groups = [("select", cfg.select or ()), ("ignore", cfg.ignore),
                  ("extend-select", cfg.extend_select)]
        groups += [(f"per-file-ignores.{g}", codes) for g, codes in cfg.per_file_ignores]
        groups += [("severity", tuple(k for k, _ in cfg.severity)), ("rules", tuple(k for k, _ in cfg.rules))]
        for label, selectors in groups:
            for s in selectors:
                if not any(matches(s, c, n) for c, n in known):
                    raise ConfigError(f"{where}{label}: {s!r} matches no rule "
                                      f"(see `lintnews rules`)")

    def active_rules(self, cfg: Config, path: Path | None = None) -> list[ActiveRule]:
        """The rules that run on files under ``cfg``, with kinds built and options checked."""
        key = repr(cfg)  # rule options may hold lists: a Config is not always hashable
        if key not in self._active:
            rules = self.rules_for(cfg)
            self.check_selectors(cfg, rules)
            active = []
            for r in rules:
                if not is_selected(cfg, r.code, r.name, r.enabled):
                    continue
                try:
                    kind_cls = load_kind(r.kind)
                    options = {**r.options, **cfg.options_for(r.code, r.name)}
                    kind = kind_cls(r, options)
                except (RuleError, ValueError) as ex:
                    # name the file to edit: the config that set the options, else the rule's YAML
                    if cfg.source and cfg.options_for(r.code, r.name):
                        where = f"{cfg.source}: [rules.{r.name}]: "
                    else:
                        where = f"{r.source}: " if r.source else ""
                    raise ConfigError(f"{where}{ex}") from None
                except ImportError as ex:  # a missing plug-in: E002 on each file, the others run
                    kind = _BrokenKind(f"cannot import kind {r.kind!r} ({r.source}): {ex}")
                override = cfg.severity_for(r.code, r.name)
                active.append(ActiveRule(r, kind, r.severity if override is None else override))
            self._active[key] = active
        active = self._active[key]
        if path is not None:
            extra = cfg.ignores_for(path)
            if extra:
                return [a for a in active if is_selected(cfg, a.rule.code, a.rule.name, True, extra)]
        return active

    def internal_enabled(self, cfg: Config, code: str, path: Path | None = None) -> bool:
        """E001-E003 are reported whatever ``select`` says (an unreadable file or a broken
        rule must never pass silently); only ``ignore`` or per-file-ignores drop them."""
        extra = cfg.ignores_for(path) if path else ()
        name = INTERNAL[code][0]
        return not any(matches(s, code, name) for s in cfg.ignore + extra)

    # -- discovery ---------------------------------------------------------------------
    def discover(self, paths: Iterable[str]) -> list[str]:
        """Files to check: given files as they are; directories walked, .gitignore honoured.

        Never raises for a bad path: a missing, unreadable or special file, a
        symbolic-link loop or a folder that cannot be listed is returned like a
        file, and reading it later gives its E001.
        """
        out: list[str] = []
        seen: set[str] = set()
        for p in paths:
            if p == "-":
                out.append(p)
                continue
            path = Path(p)
            if os.path.isdir(path):  # False, not an error, for loops and folders we cannot enter
                found = self._walk(path)
            else:
                found = [p]
            for f in found:
                key = os.path.normpath(f)
                if key not in seen:
                    seen.add(key)
                    out.append(f)
        return out

    def _walk(self, root: Path) -> list[str]:
        cfg = self.config_for(root / "x")
        try:
            include = _spec(cfg.include or ["*.md", "*.markdown", "*.txt", "*.html", "*.htm", "*.docx"])
            exclude = _spec(list(DEFAULT_EXCLUDE) + list(cfg.exclude))
        except (ValueError, re.error) as ex:
            raise ConfigError(f"{cfg.source or 'settings'}: 'include'/'exclude': {ex}") from None
        ignores = _gitignores_above(root)
        root_real = resolved(root)
        found: list[str] = []
        stack = [root]  # depth first, sorted, like os.walk; a stack, so any depth of folders is fine
        while stack:
            d = stack.pop()
            listed = _list_dir(d)
            if listed is None:  # reported (E001 on the folder), never skipped silently
                found.append(str(d))
                continue
            dirnames, filenames = listed
            gi = d / ".gitignore"
            if os.path.isfile(gi) and resolved(d) != root_real:
                ignores.append((resolved(d), _gitignore(gi)))
            for name in filenames:
                f = d / name
                rel = f.relative_to(root).as_posix()
                if (include.match_file(rel) or include.match_file(name)) \
                        and not _ignored(f, False, root, exclude, ignores):
                    found.append(str(f))
            walk_into = [d / x for x in dirnames if not _ignored(d / x, True, root, exclude, ignores)]
            stack.extend(reversed(walk_into))
        return found

    # -- checking ---------------------------------------------------------------------
    def nlp(self, cfg: Config) -> Any:
        """The loaded spaCy pipeline for ``cfg`` (a bad configured model names its file)."""
        from . import nlp as nlp_mod

        try:
            model = nlp_mod.resolve_model(cfg.model)
            return nlp_mod.load(model)
        except nlp_mod.ModelError as ex:
            if cfg.model and cfg.source:
                raise ConfigError(f"{cfg.source}: 'model': {ex}") from None
            raise

    def read(self, name: str, cfg: Config, data: bytes | None = None) -> Article | Diagnostic:
        """The file as an Article (an E001 Diagnostic when it cannot be read), with long runs
        of punctuation shortened for the tokenizer (positions stay exact)."""
        art = sources.load(name, sources.ReadOptions(headline=cfg.headline), data=data)
        return art if isinstance(art, Diagnostic) else shorten_runs(art)

    def jobs(self, n_files: int = 1 << 30) -> int:
        """Worker processes: --jobs, else the config's ``jobs``; 0 means one per CPU.

        Unset, it is the CPU count once there are enough files to pay for each
        worker loading the model (about 8 per worker), else 1.
        """
        jobs = self.options.jobs
        if jobs is None:
            jobs = self.config_for(Path.cwd() / "x").jobs
        cpus = os.cpu_count() or 1
        if jobs is None:
            jobs = cpus if n_files >= 16 else 1
        elif jobs == 0:
            jobs = cpus
        return max(1, min(jobs, n_files // 4 if jobs > 1 else 1))

    # -- cache ------------------------------------------------------------------------
    def cache(self) -> Any:
        """The result cache, or None when disabled."""
        if not self.options.cache:
            return None
        if not hasattr(self, "_cache"):
            from .cache import DEFAULT_DIR, Cache

            cfg = self.config_for(Path.cwd() / "x")
            self._cache = Cache(cfg.cache_dir or Path.cwd() / DEFAULT_DIR)
        return self._cache

    def settings_key(self, cfg: Config) -> str:
        """What, besides the file, decides its findings: rules, config, --date."""
        keys = self.__dict__.setdefault("_settings_keys", {})
        if cfg not in keys:
            from .cache import config_fingerprint, rules_fingerprint

            self.check_selectors(cfg, self.rules_for(cfg))  # a typo is an error even on a cache hit
            keys[cfg] = rules_fingerprint(cfg.rule_dirs) + config_fingerprint(cfg, self.options.date)
        return keys[cfg]

    def run(self, names: list[str], stdin_data: bytes | None = None,
            progress: Callable[[int], None] | None = None) -> list[FileResult]:
        """Check every file; results in the order given.

        Unchanged files come from the cache (no parse, no spaCy import); the rest
        are checked over ``jobs()`` processes. ``progress(n)`` is called as files finish.
        """
        results: list[FileResult | None] = [None] * len(names)
        cache = self.cache()
        keys: dict[int, str] = {}
        todo: list[int] = []
        for i, name in enumerate(names):
            if cache is None or name == "-":
                todo.append(i)
                continue
            try:
                data = sources.read_bytes(name)  # never a FIFO or a device
            except (OSError, sources.InputError):
                todo.append(i)  # checked below, where it gets its E001
                continue
            key = cache.key(name, data, self.settings_key(self.config_for(Path(name))))
            hit = cache.get(key)
            if hit is None:
                keys[i] = key
                todo.append(i)
            else:
                results[i] = FileResult(name, hit, source=sources.decode_lenient(data, name))
                if progress:
                    progress(1)
        for i, res in zip(todo, self._compute([names[i] for i in todo], stdin_data, progress)):
            results[i] = res
            if i in keys and not any(d.code == "E002" for d in res.diagnostics):
                cache.put(keys[i], res.diagnostics)
        return [r for r in results if r is not None]

    def _compute(self, names: list[str], stdin_data: bytes | None,
                 progress: Callable[[int], None] | None) -> Iterator[FileResult]:
        jobs = self.jobs(len(names))
        if jobs < 2 or "-" in names:
            for r in self.check_files(names, stdin_data):
                if progress:
                    progress(1)
                yield r
            return
        import concurrent.futures as cf
        import multiprocessing

        size = max(1, min(16, len(names) // (jobs * 4)))  # small chunks: even load, live progress
        chunks = [names[i:i + size] for i in range(0, len(names), size)]
        try:
            ctx = multiprocessing.get_context("fork" if os.name == "posix" else "spawn")
            with cf.ProcessPoolExecutor(jobs, mp_context=ctx) as pool:
                for part in pool.map(_run_chunk, [(self.options, c) for c in chunks]):
                    for r in part:
                        if progress:
                            progress(1)
                        yield r
        except (OSError, cf.process.BrokenProcessPool):  # no processes here: do it in one
            yield from self.check_files(names, stdin_data)

    def recheck(self, name: str, data: bytes) -> FileResult:
        """Check new contents for a file (after fixes) without touching the disk."""
        path = Path(name)
        cfg = self.config_for(path)
        art = self.read(name, cfg, data)
        if isinstance(art, Diagnostic):
            return FileResult(name, [art])
        return next(self._run_batch([(name, cfg, art, self.active_rules(cfg, path))]))

    def lint_text(self, text: str, name: str = "example.txt") -> list[Diagnostic]:
        """Check a string as if it were the file ``name`` (tests, editors, the API)."""
        return self.recheck(name, text.encode("utf-8")).diagnostics

    def check_files(self, names: list[str], stdin_data: bytes | None = None,
                    batch_size: int = 32) -> Iterator[FileResult]:
        """Yield one FileResult per file, in the order given.

        A file that cannot be read yields its E001 result in its place; readable
        files are parsed in batches (``nlp.pipe``) and never held back by a bad one.
        """
        pending: list[tuple[str, Config, Article, list[ActiveRule]] | FileResult] = []
        pending_chars = 0  # the parse's memory grows with the text parsed together

        def flush() -> Iterator[FileResult]:
            nonlocal pending_chars
            batch = [p for p in pending if not isinstance(p, FileResult)]
            done = iter(self._run_batch(batch)) if batch else iter(())
            for p in pending:
                yield p if isinstance(p, FileResult) else next(done)
            pending.clear()
            pending_chars = 0

        for name in names:
            display = (self.options.stdin_filename or "-") if name == "-" else name
            path = Path(display)
            cfg = self.config_for(path)
            active = self.active_rules(cfg, path)
            art = self.read(display, cfg, stdin_data if name == "-" else None)
            if isinstance(art, Diagnostic):
                pending.append(FileResult(display, [art] if self.internal_enabled(cfg, "E001", path) else []))
            else:
                pending.append((display, cfg, art, active))
                pending_chars += len(art.text)
            if len(pending) >= batch_size or pending_chars >= BATCH_CHARS:
                yield from flush()
        yield from flush()

    def _run_batch(self, batch: list[tuple[str, Config, Article, list[ActiveRule]]]) -> Iterator[FileResult]:
        # One nlp.pipe per (model, pipes) group; nearly always one group. A long article is
        # left out: it is parsed in pieces, section by section (lint_sections).
        from .nlp import parse

        groups: dict[tuple[int, frozenset[str]], list[int]] = {}
        nlps = {}
        for i, (_, cfg, art, active) in enumerate(batch):
            if _in_pieces(art, cfg):
                continue
            nlp = self.nlp(cfg) if active else None
            key = (id(nlp), _requires(active))
            nlps[key] = nlp
            groups.setdefault(key, []).append(i)
        docs: dict[int, Any] = {}
        for key, idx in groups.items():
            nlp = nlps[key]
            if nlp is None:
                continue
            for i, doc in zip(idx, parse(nlp, [batch[i][2].text for i in idx], key[1])):
                docs[i] = doc
        for i, (display, cfg, art, active) in enumerate(batch):
            if _in_pieces(art, cfg):
                yield FileResult(display, self.lint_sections(art, active, cfg), art)
            else:
                yield FileResult(display, self.lint_article(art, docs.get(i), active, cfg), art)

    def lint_article(self, art: Article, doc: Any, active: list[ActiveRule], cfg: Config) -> list[Diagnostic]:
        """Run every active rule over one parsed article, within its time budget."""
        diags, _ = self._check_rules(art, doc, active, cfg, Budget(cfg.time_budget), _Scope())
        return self._finish(art, diags, active, cfg)

    def lint_sections(self, art: Article, active: list[ActiveRule], cfg: Config) -> list[Diagnostic]:
        """A long article: parsed in pieces, and over ``max-article-size`` checked in sections.

        Sections end at paragraph breaks where possible; each is parsed in pieces of at
        most PARSE_PIECE characters and checked like an article (consistency rules compare
        within a section), all under one time budget. Findings keep their exact positions
        (a section's offsets are a slice of the article's); suppressions and E003 are
        applied once, over the whole article.
        """
        budget = Budget(cfg.time_budget)
        spans = art.split_points(cfg.max_article_size)
        diags: list[Diagnostic] = []
        scope = _Scope()
        for k, (start, end) in enumerate(spans):
            sec = art.section(start, end) if len(spans) > 1 else art
            scope.where, scope.rest = _section_labels(art, spans, k)
            try:
                doc = self._parse_in_pieces(sec, active, cfg, budget)
            except BudgetExceeded:
                if self.internal_enabled(cfg, "E002", Path(art.path)):
                    unchecked = f"{_lines(art, start, len(art.text))} not checked"
                    diags.append(_budget_error(art, cfg, None, [], _Scope(scope.where, unchecked)))
                break
            more, finished = self._check_rules(sec, doc, active, cfg, budget, scope)
            diags.extend(more)
            if not finished:
                break
        return self._finish(art, diags, active, cfg)

    def _parse_in_pieces(self, art: Article, active: list[ActiveRule], cfg: Config, budget: Budget) -> Any:
        """One Doc for the article, parsed in pieces of at most PARSE_PIECE characters."""
        if not active:
            return None
        from .nlp import parse_pieces

        budget.check()
        texts = [art.text[s:e] for s, e in art.split_points(PARSE_PIECE)]
        return parse_pieces(self.nlp(cfg), texts, _requires(active), budget.check)

    def _check_rules(self, art: Article, doc: Any, active: list[ActiveRule], cfg: Config,
                     budget: Budget, scope: "_Scope") -> tuple[list[Diagnostic], bool]:
        """Every active rule over one article or section: (diagnostics, finished in time).

        A rule that raises costs its own findings (E002); a rule still running when the
        budget runs out costs its findings and every rule after it (one E002 saying so).
        """
        from .facts import Facts
        from .kinds.base import Context, Settings

        settings = Settings(known_acronyms=frozenset(cfg.known_acronyms),
                            date=self.options.date or art.date)
        facts = Facts(art, doc, settings)
        ctx = Context(art, doc, facts, settings, budget)
        report = self.internal_enabled(cfg, "E002", Path(art.path))
        diags: list[Diagnostic] = []
        for k, a in enumerate(active):
            try:
                quotes = None if a.rule.quotes else facts.quotes
                literal = getattr(a.kind, "literal", False)
                with budget.armed():
                    for f in a.kind.check(ctx):  # collected as yielded: a later error keeps these
                        if quotes is not None and quotes.contains(f.start, f.end):
                            continue
                        if literal and not art.contiguous(f.start, f.end):
                            continue  # a junction made by dropping non-prose: not in the source
                        diags.append(to_diagnostic(art, a, f))
            except BudgetExceeded:
                if report:
                    diags.append(_budget_error(art, cfg, a.rule, active[k + 1:], scope, lost=True))
                return diags, False
            except Exception as ex:  # a broken rule costs the rest of its findings, never the run
                if report and a.rule.code not in scope.failed:
                    diags.append(_rule_error(art.path, a.rule, ex))
                    scope.failed.add(a.rule.code)
                continue
            if budget.expired() and (k + 1 < len(active) or scope.rest):
                # the rule finished past the deadline (no signal here): its findings stand
                if report:
                    diags.append(_budget_error(art, cfg, a.rule, active[k + 1:], scope, lost=False))
                return diags, False
        return diags, True

    def _finish(self, art: Article, diags: list[Diagnostic], active: list[ActiveRule],
                cfg: Config) -> list[Diagnostic]:
        """Suppressions (and unused ones, E003) over the whole article, then sorted."""
        known = [(r.code, r.name) for r in self.rules_for(cfg)] + [(c, n) for c, (n, _, _) in INTERNAL.items()]
        diags = apply_suppressions(art, diags, self.internal_enabled(cfg, "E003", Path(art.path)),
                                   active=[(a.rule.code, a.rule.name) for a in active], known=known)
        diags.sort(key=Diagnostic.sort_key)
        return diags


# spaCy's memory grows with the text parsed at once (about 15 KB a token: 100,000
# characters of prose take some 400 MB). An article over PARSE_PIECE characters is parsed
# alone, in paragraph-aligned pieces of at most that size (the time budget is checked
# between pieces: spaCy itself cannot be interrupted); shorter ones are parsed together,
# at most BATCH_CHARS characters at a time.
PARSE_PIECE = 20_000
BATCH_CHARS = 100_000


def _in_pieces(art: Article, cfg: Config) -> bool:
    """Whether an article is parsed in pieces (and, over max-article-size, checked in sections)."""
    return len(art.text) > min(PARSE_PIECE, cfg.max_article_size)


@dataclass
class _Scope:
    """Where in the article a check runs, for E002 messages: ``where`` names the section,
    ``rest`` what lies after it; ``failed`` the rules already reported as broken."""

    where: str = ""
    rest: str = ""
    failed: set[str] = field(default_factory=set)


def _section_labels(art: Article, spans: list[tuple[int, int]], k: int) -> tuple[str, str]:
    """For E002 messages: where section ``k`` is, and what follows it."""
    if len(spans) < 2:
        return "", ""
    start, end = spans[k]
    where = f" on {_lines(art, start, end)} (section {k + 1} of {len(spans)})"
    rest = f"{_lines(art, end, len(art.text))} not checked" if k + 1 < len(spans) else ""
    return where, rest


def _lines(art: Article, start: int, end: int) -> str:
    """'lines 4-9' (or 'line 4') for text ``[start, end)``."""
    first, last = art.line_of(start), art.line_of(max(start, end - 1))
    return f"line {first}" if first == last else f"lines {first}-{last}"


def _requires(active: list[ActiveRule]) -> frozenset[str]:
    """The spaCy pipes the active rules need."""
    return frozenset().union(*[a.kind.requires for a in active]) if active else frozenset()


def _budget_error(art: Article, cfg: Config, rule: Rule | None, skipped: list[ActiveRule],
                  scope: _Scope, lost: bool = False) -> Diagnostic:
    """E002 for an article whose time budget ran out: what ran out, and what was skipped."""
    if rule is not None:
        what = f"in rule {rule.code} {rule.name}{scope.where}"
    else:  # the parse: "while parsing lines 47-67 (section 3 of 4)", or the whole article
        what = f"while parsing{scope.where.replace(' on ', ' ', 1) or ' the article'}"
    missing = ["the rest of its findings"] if lost else []
    if skipped:
        codes = [a.rule.code for a in skipped]
        shown = ", ".join(codes[:8]) + (f" and {len(codes) - 8} more" if len(codes) > 8 else "")
        missing.append(f"rule{'s' if len(codes) > 1 else ''} {shown}")
    message = f"time budget of {cfg.time_budget:g} s for this article ran out {what}"
    if missing:
        message += f"; skipped: {' and '.join(missing)}" + (" there" if scope.where else "")
    if scope.rest:
        message += f"; {scope.rest}"
    message += "; raise `time-budget` (or set it to 0) to check it all"
    return Diagnostic(path=art.path, line=1, column=1, end_line=1, end_column=1, code="E002",
                      rule="rule-error", severity=Severity.ERROR, message=message)


class _BrokenKind:
    """Stands in for a kind that cannot be imported: every check reports why (E002)."""

    requires: frozenset[str] = frozenset()

    def __init__(self, why: str) -> None:
        self.why = why

    def check(self, ctx: Any) -> Iterator[Any]:
        raise ImportError(self.why)


_WORKER: dict[str, Engine] = {}


def _run_chunk(args: tuple[RunOptions, list[str]]) -> list[FileResult]:
    """A worker process: check some files with this process's engine (built once)."""
    options, names = args
    engine = _WORKER.get(repr(options))
    if engine is None:
        engine = _WORKER[repr(options)] = Engine(options)
    out = []
    for r in engine.check_files(names):
        if r.article is not None:  # the source is all a report needs: keep the pickle small
            r.source, r.article = r.article.source, None
        out.append(r)
    return out


def _spec(lines: Iterable[str]) -> pathspec.PathSpec:
    """A gitignore-style PathSpec (pathspec >= 1.0 calls the style 'gitignore')."""
    lines = list(lines)
    try:
        return pathspec.PathSpec.from_lines("gitignore", lines)
    except (KeyError, LookupError):
        return pathspec.PathSpec.from_lines("gitwildmatch", lines)


def _gitignore(path: Path) -> pathspec.PathSpec:
    """The patterns of one .gitignore; unreadable, it ignores nothing, and a bad line is skipped."""
    try:
        lines = sources.read_bytes(str(path)).decode("utf-8", "replace").splitlines()
    except (OSError, sources.InputError):
        return _spec([])
    try:
        return _spec(lines)
    except (ValueError, re.error):  # a pattern pathspec rejects ("!", "[z-a]"): keep the others
        good = []
        for line in lines:
            try:
                _spec([line])
            except (ValueError, re.error):
                continue
            good.append(line)
        return _spec(good)


def _list_dir(d: Path) -> tuple[list[str], list[str]] | None:
    """(folders to walk into, other entries), each sorted; None when ``d`` cannot be listed.

    As os.walk without followlinks: a link to a folder is neither walked nor a file;
    an entry that cannot be stat'ed (a symbolic-link loop) counts as a file.
    """
    try:
        with os.scandir(d) as it:
            entries = list(it)
    except OSError:
        return None
    dirs, files = [], []
    for e in entries:
        try:
            is_dir, is_link = e.is_dir(), e.is_symlink()
        except OSError:
            is_dir = is_link = False
        if not is_dir:
            files.append(e.name)
        elif not is_link:
            dirs.append(e.name)
    return sorted(dirs), sorted(files)


def _gitignores_above(root: Path) -> list[tuple[Path, pathspec.PathSpec]]:
    """The .gitignore files in ``root`` and the folders above it, up to the repository's root."""
    out = []
    real = resolved(root)
    for folder in (real, *real.parents):
        gi = folder / ".gitignore"
        if os.path.isfile(gi):
            out.append((folder, _gitignore(gi)))
        if os.path.exists(folder / ".git"):
            break
    return out


def _ignored(p: Path, is_dir: bool, root: Path, exclude: pathspec.PathSpec,
             ignores: list[tuple[Path, pathspec.PathSpec]]) -> bool:
    """True when ``exclude`` or a .gitignore above ``p`` leaves it out."""
    slash = "/" if is_dir else ""
    if exclude.match_file(p.relative_to(root).as_posix() + slash) or exclude.match_file(p.name + slash):
        return True
    rp = resolved(p) if ignores else p
    for base, spec in ignores:
        try:
            rel = rp.relative_to(base).as_posix() + slash
        except ValueError:
            continue
        if spec.match_file(rel):
            return True
    return False


def _rule_error(path: str, rule: Rule, ex: BaseException) -> Diagnostic:
    tb = traceback.extract_tb(ex.__traceback__)
    where = f" ({Path(tb[-1].filename).name}:{tb[-1].lineno})" if tb else ""
    return Diagnostic(path=path, line=1, column=1, end_line=1, end_column=1, code="E002",
                      rule="rule-error", severity=Severity.ERROR,
                      message=f"rule {rule.code} {rule.name} failed on this file: "
                              f"{type(ex).__name__}: {ex}{where}; its findings are missing")


def to_diagnostic(art: Article, active: ActiveRule, f: Any) -> Diagnostic:
    """A kind's Finding (text offsets) -> a located Diagnostic."""
    loc = art.location(f.start, f.end)
    related = [Related(art.location(s, e), m) for s, e, m in f.related]
    edits = fix_edits(art, f)
    fix = None
    if edits:
        fix = Fix(f.fix_message or "apply fix", edits,
                  safe=active.rule.fixable and getattr(f, "fix_safe", True))
    s, e = art.source_span(f.start, f.end)
    return Diagnostic(path=art.path, line=loc.line, column=loc.column, end_line=loc.end_line,
                      end_column=loc.end_column, code=active.rule.code, rule=active.rule.name,
                      severity=active.severity, message=f.message, related=related, fix=fix,
                      text=art.source[s:e])


def fix_edits(art: Article, f: Any) -> tuple[Edit, ...] | None:
    """A finding's fix as source Edits, or None: the whole fix is dropped (the finding
    stays) unless every edit is safe to make in the source.

    Safe: the edited text is a verbatim copy of the source (no character reference,
    escape or dropped element inside it) and its edges are real junctions
    (``Article.edit_span``); and an edit inside or next to the finding's span
    needs that span contiguous too, since the rule decided on all of it.
    """
    if not f.fix:
        return None
    edits = []
    for s, e, t in f.fix:
        if f.start <= e and s <= f.end and not art.contiguous(f.start, f.end):
            return None
        span = art.edit_span(s, e)
        if span is None:
            return None
        edits.append(Edit(span[0], span[1], t))
    return tuple(edits)


def _directive_covers(d: Directive, code: str, name: str) -> bool:
    return not d.codes or any(matches(c, code, name) for c in d.codes)


def apply_suppressions(art: Article, diags: list[Diagnostic], report_unused: bool,
                       active: list[tuple[str, str]] | None = None,
                       known: list[tuple[str, str]] | None = None) -> list[Diagnostic]:
    """Drop what disable/enable/disable-next-line directives cover; report unused ones (E003).

    ``active`` lists the (code, name) of the rules that ran: a directive for rules
    that did not run (deselected here) is not called unused. ``known`` lists every
    rule: a directive naming none of them is reported as a typo.
    """
    if not art.directives:
        return diags
    for dv in art.directives:
        dv.used = False
    lines_with_text = [i for i in range(1, art.line_count + 1) if art.line_text(i).strip()]
    kept = []
    for d in diags:
        suppressed = False
        for dv in art.directives:
            if not _directive_covers(dv, d.code, d.rule):
                continue
            if dv.action == "disable-next-line":
                target = next((ln for ln in lines_with_text if ln > dv.location.end_line), None)
                hit = target is not None and d.line <= target <= d.end_line or d.line == target
            elif dv.action == "disable":
                end = _enable_line(art.directives, dv, d.code, d.rule)
                hit = dv.line < d.line < end or (dv.line == d.line and d.column > dv.location.end_column)
            else:
                continue
            if hit:
                dv.used = suppressed = True
        if not suppressed:
            kept.append(d)
    if report_unused:
        for dv in art.directives:
            if dv.used:
                continue
            message = None
            unknown = [c for c in dv.codes if known is not None
                       and not any(matches(c, code, name) for code, name in known)]
            if unknown:
                message = (f"lintnews-{dv.action} names no rule: {', '.join(unknown)} "
                           f"(see `lintnews rules`)")
            elif dv.action == "enable":
                continue
            elif not dv.codes or active is None or any(
                    matches(c, code, name) for c in dv.codes for code, name in active):
                what = " ".join(dv.codes) or "all rules"
                message = f"lintnews-{dv.action} for {what} suppresses nothing; remove it"
            if message is None:
                continue  # its rules did not run here: nothing to say
            loc = dv.location
            start = art.source_index(loc.line, loc.column)
            kept.append(Diagnostic(
                path=art.path, line=loc.line, column=loc.column, end_line=loc.end_line,
                end_column=loc.end_column, code="E003", rule="unused-suppression",
                severity=Severity.WARNING, message=message,
                text=art.source[start:art.source_index(loc.end_line, loc.end_column)]))
    return kept


def _enable_line(directives: list[Directive], dv: Directive, code: str, name: str) -> int:
    for other in directives:
        if other.action == "enable" and other.line > dv.line and _directive_covers(other, code, name):
            return other.line
    return 10 ** 9


# -- baselines -----------------------------------------------------------------------
def _baseline_path(path: str, root: Path | None) -> str:
    """A finding's path as the baseline records it: relative to the baseline's folder."""
    if root is not None and path != "-":
        try:
            return Path(os.path.relpath(resolved(Path(path)), resolved(root))).as_posix()
        except ValueError:  # another drive (Windows)
            pass
    return Path(path).as_posix()


def baseline_key(d: Diagnostic, root: Path | None = None) -> tuple[str, str, str]:
    """(path, code, hash of the flagged text): never the line, so edits elsewhere keep it."""
    return (_baseline_path(d.path, root), d.code, d.text_hash())


def write_baseline(path: Path, diags: list[Diagnostic]) -> None:
    """Record ``diags`` (internal errors excepted) as accepted findings."""
    import json

    counts = Counter(baseline_key(d, path.parent) for d in diags if d.code not in ("E001", "E002"))
    entries = [{"path": p, "code": c, "hash": h, "count": n} for (p, c, h), n in sorted(counts.items())]
    tmp = path.with_name(path.name + ".tmp")
    try:
        tmp.write_text(json.dumps({"version": 1, "entries": entries}, indent=2) + "\n", encoding="utf-8")
        os.replace(tmp, path)
    except OSError as ex:
        raise ConfigError(f"--write-baseline {path}: {ex.strerror or ex}") from None


def read_baseline(path: Path) -> Counter:
    import json

    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return Counter({(e["path"], e["code"], e["hash"]): int(e.get("count", 1)) for e in data["entries"]})
    except FileNotFoundError:
        raise ConfigError(f"{path}: baseline file not found (create it with --write-baseline)") from None
    except (OSError, ValueError, KeyError, TypeError) as ex:
        raise ConfigError(f"{path}: not a lintnews baseline ({ex})") from None


def filter_baseline(diags: list[Diagnostic], baseline: Counter, root: Path | None = None) -> list[Diagnostic]:
    """Drop findings the baseline accepts (each entry as many times as it was seen).

    ``root`` is the baseline file's folder, which its paths are relative to.
    """
    left = Counter(baseline)
    out = []
    for d in diags:
        k = baseline_key(d, root)
        if left[k] > 0:
            left[k] -= 1
            continue
        out.append(d)
    return out
