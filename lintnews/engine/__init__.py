"""The engine: files in, diagnostics out. Nothing here prints.

``Engine`` holds what a run shares (the rules, the configuration per folder, the
model) and ties the modules together, each with one job:

- ``discovery``: which files a run checks (.gitignore, include, exclude);
- ``schedule``: the result cache and worker processes, results in order;
- ``pipeline``: one article through the rules (read, parse, kinds, locate), with its
  time budget;
- ``suppression``: in-text directives and E003;
- ``baseline``: accepted findings recorded in a file;
- ``fixing``: the fix loop and writing fixed files back.

Callers outside the package use the public API in ``lintnews/__init__.py``.
"""
from __future__ import annotations

import datetime as _dt
from pathlib import Path
from typing import Any, Iterable, Iterator

from .. import sources
from ..article import Article, shorten_runs
from ..config import Config, ConfigError, is_selected, matches, project_config, with_overrides
from ..diagnostics import Diagnostic
from ..internal import INTERNAL_CODES, internal_rules
from ..registry import Rule, RuleError, load_kind, load_rules
from . import discovery, pipeline, schedule
from .baseline import filter_baseline, read_baseline, write_baseline
from .model import ActiveRule, BrokenKind, FileResult, RunOptions

__all__ = ["Engine", "RunOptions", "FileResult", "ActiveRule",
           "filter_baseline", "read_baseline", "write_baseline"]


class Engine:
    """Holds the rules and the per-directory configuration for a run."""

    def __init__(self, options: RunOptions | None = None) -> None:
        self.options = options or RunOptions()
        self._fixed_config: Config | None = self.options.config
        if self.options.config_file:
            self._fixed_config = Config.from_file(self.options.config_file)
        elif self.options.isolated and self._fixed_config is None:
            self._fixed_config = Config()
        self._rules: dict[tuple[Path, ...], list[Rule]] = {}
        self._active: dict[str, list[ActiveRule]] = {}
        self._settings_keys: dict[Config, str] = {}
        self._cache: Any = None

    # -- configuration ----------------------------------------------------------------
    def config_in(self, directory: Path | None = None) -> Config:
        """The effective config for files in ``directory`` (default: the current folder)."""
        base = self._fixed_config or project_config(directory)
        return with_overrides(base, self.options.overrides)

    def config_for(self, path: Path) -> Config:
        """The effective config for the file ``path``."""
        return self.config_in(path.parent if path.name else None)

    def rules_for(self, cfg: Config) -> list[Rule]:
        """Every rule known under ``cfg`` (built-ins, plug-ins, its rule-dirs)."""
        key = tuple(cfg.rule_dirs)
        if key not in self._rules:
            try:
                self._rules[key] = load_rules(key)
            except RuleError as ex:
                raise ConfigError(str(ex)) from None
        return self._rules[key]

    def check_selectors(self, cfg: Config, rules: list[Rule]) -> None:
        """A selector that names no rule is a typo: say so (exit 2)."""
        known = [(r.code, r.name) for r in rules] + internal_rules()
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
            self._active[key] = [self._activate(cfg, r) for r in rules
                                 if is_selected(cfg, r.code, r.name, r.enabled)]
        active = self._active[key]
        if path is not None:
            extra = cfg.ignores_for(path)
            if extra:
                return [a for a in active if is_selected(cfg, a.rule.code, a.rule.name, True, extra)]
        return active

    @staticmethod
    def _activate(cfg: Config, r: Rule) -> ActiveRule:
        """A selected rule with its kind built from its options and the config's."""
        user = cfg.options_for(r.code, r.name)
        try:
            kind_cls = load_kind(r.kind)
            _check_option_names(cfg, r, kind_cls, user)
            kind = kind_cls(r, {**r.options, **user})
        except (RuleError, ValueError) as ex:
            if not user:  # the rule's own options: name its YAML file
                raise ConfigError(f"{r.source + ': ' if r.source else ''}{ex}") from None
            message = str(ex)
            for option in user:  # the option as the user wrote it, not its internal name
                message = message.replace(repr(option), repr(cfg.spelt(option)))
            raise ConfigError(f"{_rules_table(cfg, r)}: {message}") from None
        except ImportError as ex:  # a missing plug-in: E002 on each file, the others run
            kind = BrokenKind(f"cannot import kind {r.kind!r} ({r.source}): {ex}")
        override = cfg.severity_for(r.code, r.name)
        return ActiveRule(r, kind, r.severity if override is None else override)

    def internal_enabled(self, cfg: Config, code: str, path: Path | None = None) -> bool:
        """E001-E003 are reported whatever ``select`` says (an unreadable file or a broken
        rule must never pass silently); only ``ignore`` or per-file-ignores drop them."""
        extra = cfg.ignores_for(path) if path else ()
        name = INTERNAL_CODES[code].name
        return not any(matches(s, code, name) for s in cfg.ignore + extra)

    # -- the run ----------------------------------------------------------------------
    def discover(self, paths: Iterable[str]) -> list[str]:
        """Files to check (see ``discovery.discover``)."""
        return discovery.discover(paths, self.config_in, self.options.force_exclude)

    def nlp(self, cfg: Config) -> Any:
        """The loaded spaCy pipeline for ``cfg`` (a bad configured model names its file)."""
        from .. import nlp as nlp_mod

        try:
            model = nlp_mod.resolve_model(cfg.model)
            return nlp_mod.load(model)
        except nlp_mod.ModelError as ex:
            if cfg.model and cfg.source:
                raise ConfigError(f"{cfg.source}: 'model': {ex}") from None
            raise

    def read(self, name: str, cfg: Config, data: bytes | None = None,
             fmt: str | None = None) -> Article | Diagnostic:
        """The file as an Article (an E001 Diagnostic when it cannot be read), with long runs
        of punctuation shortened for the tokenizer (positions stay exact). ``fmt`` overrides
        the format the name's suffix gives."""
        art = sources.load(name, sources.ReadOptions(headline=cfg.headline), data=data, fmt=fmt)
        return art if isinstance(art, Diagnostic) else shorten_runs(art)

    def jobs(self, n_files: int = 1 << 30) -> int:
        """Worker processes for ``n_files`` files (see ``schedule.jobs``)."""
        return schedule.jobs(self, n_files)

    def run(self, names: list[str], stdin_data: bytes | None = None,
            progress: schedule.Progress | None = None) -> list[FileResult]:
        """Check every file; results in the order given (see ``schedule.run``)."""
        return list(self.results(names, stdin_data, progress))

    def results(self, names: list[str], stdin_data: bytes | None = None,
                progress: schedule.Progress | None = None) -> Iterator[FileResult]:
        """Check every file, yielding results in the order given as they are ready."""
        return schedule.run(self, names, stdin_data, progress)

    def check_files(self, names: list[str], stdin_data: bytes | None = None) -> Iterator[FileResult]:
        """Check files in this process, no cache (see ``pipeline.check_files``)."""
        return pipeline.check_files(self, names, stdin_data)

    def recheck(self, name: str, data: bytes, fmt: str | None = None,
                date: _dt.date | None = None) -> FileResult:
        """Check new contents for a file (after fixes) without touching the disk; ``date``
        is the publication date when the text gives none."""
        path = Path(name)
        cfg = self.config_for(path)
        art = self.read(name, cfg, data, fmt)
        if isinstance(art, Diagnostic):
            return FileResult(name, [art])
        if date is not None and art.date is None:
            art.date = date  # per call, not per engine: one engine serves an archive's many dates
        return next(pipeline.run_batch(self, [(name, cfg, art, self.active_rules(cfg, path))]))

    def lint_text(self, text: str, name: str = "example.txt", fmt: str | None = None,
                  date: _dt.date | None = None) -> list[Diagnostic]:
        """Check a string as if it were the file ``name`` (a lone surrogate, which no file
        can hold, is an E001 as invalid UTF-8 would be)."""
        return self.recheck(name, text.encode("utf-8", "surrogatepass"), fmt, date).diagnostics

    def lint_texts(self, items: list[tuple[str, str, _dt.date | None]],
                   fmt: str | None = None) -> list[list[Diagnostic]]:
        """``lint_text`` for many ``(text, name, date)`` at once, in order: the articles
        are parsed in one ``nlp.pipe`` (a third faster than one call each)."""
        out: list[list[Diagnostic] | None] = [None] * len(items)
        batch, where = [], []
        for k, (text, name, date) in enumerate(items):
            cfg = self.config_for(Path(name))
            art = self.read(name, cfg, text.encode("utf-8", "surrogatepass"), fmt)
            if isinstance(art, Diagnostic):
                out[k] = [art]
                continue
            if date is not None and art.date is None:
                art.date = date
            batch.append((name, cfg, art, self.active_rules(cfg, Path(name))))
            where.append(k)
        for k, result in zip(where, pipeline.run_batch(self, batch)):
            out[k] = result.diagnostics
        return [d or [] for d in out]


def _rules_table(cfg: Config, r: Rule) -> str:
    """Where the user set a rule's options, as written: ``pyproject.toml: [tool.lintnews.rules.W301]``."""
    prefix = "tool.lintnews.rules" if cfg.source and cfg.source.name == "pyproject.toml" else "rules"
    tables = ", ".join(f"[{prefix}.{t}]" for t in cfg.option_tables_for(r.code, r.name))
    return f"{cfg.source or 'Config(rules=...)'}: {tables}"


def _check_option_names(cfg: Config, r: Rule, kind_cls: type, user: dict[str, Any]) -> None:
    """An option the kind does not take, named as the user wrote it, with the ones it takes
    in the user's style (``max-words`` when they write dashes)."""
    known = getattr(kind_cls, "defaults", None)
    unknown = [k for k in user if known is not None and k not in known]
    if not unknown:
        return
    dashes = "-" in "".join(cfg.spelt(k) for k in user)
    names = sorted(k.replace("_", "-") if dashes else k for k in known) or ["none"]
    raise ConfigError(f"{_rules_table(cfg, r)}: unknown option {cfg.spelt(unknown[0])!r} for rule "
                      f"{r.code} {r.name} (its options: {', '.join(names)})")
