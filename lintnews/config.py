"""Settings from ``[tool.lintnews]`` / ``lintnews.toml`` / ``.lintnews.toml`` and flags.

Config files are found by walking up from each checked file; the nearest wins
(``project_config(folder)``). A Config can also be built in code, with the same keys
as the TOML table: ``Config.from_dict({"select": ["C2"], "rules": {"long-sentence":
{"max-words": 40}}})``, or ``Config(select=["C2"], rules={...})``. Unknown keys and bad
values raise ConfigError naming the file (or the code) and the key.
"""
from __future__ import annotations

import fnmatch
import os
import sys
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path
from typing import Any

from .diagnostics import Severity
from .vocabulary import Vocabulary, VocabularyError, read_vocabulary

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

CONFIG_FILES = (".lintnews.toml", "lintnews.toml", "pyproject.toml")
HEADLINE_MODES = ("auto", "first-line", "none")
# Bounds for max-article-size: below 1,000 characters a section is not an article; above
# 5,000,000 spaCy refuses the text (E088).
ARTICLE_SIZE_RANGE = (1_000, 5_000_000)


class ConfigError(Exception):
    """A configuration problem; exit code 2."""


@dataclass(frozen=True)
class Config:
    """Effective settings for one file."""

    select: tuple[str, ...] | None = None
    ignore: tuple[str, ...] = ()
    extend_select: tuple[str, ...] = ()
    per_file_ignores: tuple[tuple[str, tuple[str, ...]], ...] = ()
    severity: tuple[tuple[str, Severity], ...] = ()
    fail_on: Severity = Severity.WARNING
    rules: tuple[tuple[str, tuple[tuple[str, Any], ...]], ...] = ()
    rule_dirs: tuple[Path, ...] = ()
    include: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    model: str | None = None
    known_acronyms: tuple[str, ...] = ()
    vocabulary: Vocabulary | None = None  # the newsroom's accepted and rejected forms
    headline: str = "auto"
    cache_dir: Path | None = None
    jobs: int | None = None
    max_article_size: int = 100_000  # characters of prose; longer articles are checked in sections
    time_budget: float = 20.0        # seconds per article; 0 = no limit
    root: Path = field(default_factory=Path.cwd)
    source: Path | None = None
    # rule options as the user spelt them (max_words -> "max-words"), for messages only
    spellings: tuple[tuple[str, str], ...] = field(default=(), compare=False, repr=False)

    def __post_init__(self) -> None:
        # Built in code, the table-shaped fields may be given as the TOML gives them (lists,
        # dicts, strings): validate and normalise them exactly as a config file's.
        given = {f: getattr(self, f) for f in _TABLE_SHAPED
                 if isinstance(getattr(self, f), (list, dict, str))}
        if given:
            where = f"{self.source}" if self.source else "Config(...)"
            table = {k.replace("_", "-"): v for k, v in given.items()}
            for attr, value in parse_table(table, where, resolved(self.root)).items():
                if attr != "spellings" or not self.spellings:
                    object.__setattr__(self, attr, value)

    @classmethod
    def from_dict(cls, table: dict[str, Any], root: Path | None = None) -> "Config":
        """A Config from the keys of a ``[tool.lintnews]`` table (``"max-article-size"`` or
        ``"max_article_size"``), validated as a config file is; ``root`` anchors
        ``rule-dirs``, ``cache-dir`` and ``per-file-ignores`` (default: the current folder).

        >>> Config.from_dict({"select": ["W1"], "rules": {"long-sentence": {"max-words": 40}}}).select
        ('W1',)
        """
        if not isinstance(table, dict):
            raise ConfigError("Config.from_dict: expected a dict of [tool.lintnews] keys")
        base = resolved(root or Path.cwd())
        return cls(root=base, **parse_table(table, "Config.from_dict", base))

    @classmethod
    def from_file(cls, path: Path) -> "Config":
        """The Config in one file (lintnews.toml, .lintnews.toml or pyproject.toml);
        ConfigError when it cannot be read or holds no ``[tool.lintnews]`` table."""
        cfg = read_file(Path(path))
        if cfg is None:
            raise ConfigError(f"{path}: no [tool.lintnews] table")
        return cfg

    def options_for(self, code: str, name: str) -> dict[str, Any]:
        """Rule options from ``[tool.lintnews.rules.<name or code>]``."""
        out: dict[str, Any] = {}
        for key, opts in self.rules:
            if key in (code, name):
                out.update(dict(opts))
        return out

    def option_tables_for(self, code: str, name: str) -> list[str]:
        """The keys of the ``[rules.<key>]`` tables that set options of this rule, as written."""
        return [key for key, _ in self.rules if key in (code, name)]

    def spelt(self, option: str) -> str:
        """A rule option's name as the user wrote it (``max_words`` -> ``max-words``)."""
        return dict(self.spellings).get(option, option)

    def severity_for(self, code: str, name: str) -> Severity | None:
        for key, sev in self.severity:
            if key in (code, name):
                return sev
        return None

    def ignores_for(self, path: Path) -> tuple[str, ...]:
        """Selectors ignored for ``path`` through per-file-ignores."""
        try:
            rel = resolved(path).relative_to(resolved(self.root)).as_posix()
        except ValueError:
            rel = path.as_posix()
        out: list[str] = []
        for pattern, codes in self.per_file_ignores:
            if fnmatch.fnmatch(rel, pattern) or fnmatch.fnmatch(path.name, pattern) \
                    or fnmatch.fnmatch(rel, pattern.rstrip("/") + "/*"):
                out.extend(codes)
        return tuple(out)


# Fields whose code form may be written as in TOML (normalised by Config.__post_init__).
_TABLE_SHAPED = ("select", "ignore", "extend_select", "include", "exclude", "known_acronyms",
                 "per_file_ignores", "severity", "rules", "fail_on", "vocabulary")


def _str_list(where: str, key: str, value: Any) -> tuple[str, ...]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ConfigError(f"{where}: '{key}' must be a list of strings")
    return tuple(value)


def _codes(where: str, key: str, value: Any) -> tuple[str, ...]:
    """Rule selectors: a list of strings, each of which may hold several separated by
    commas (``"W101,C203"``, as the command line takes them)."""
    return tuple(c.strip() for item in _str_list(where, key, value) for c in item.split(",") if c.strip())


def parse_table(table: dict[str, Any], where: str, root: Path) -> dict[str, Any]:
    """Validate a ``[tool.lintnews]`` table into Config keyword arguments."""
    out: dict[str, Any] = {}
    for raw_key, value in table.items():
        key = raw_key.replace("_", "-")
        parsed = _selection_value(key, raw_key, value, where)
        if parsed is _UNKNOWN:
            parsed = _setting_value(key, raw_key, value, where, root)
        if parsed is _UNKNOWN:
            raise ConfigError(f"{where}: unknown key '{raw_key}' (known: select, ignore, extend-select, "
                              f"per-file-ignores, severity, fail-on, rules, rule-dirs, include, exclude, "
                              f"model, known-acronyms, vocabulary, headline, cache-dir, jobs, "
                              f"max-article-size, time-budget)")
        out[key.replace("-", "_")] = parsed
    if isinstance(table.get("rules"), dict):  # option names as written, for messages
        out["spellings"] = tuple((ok.replace("-", "_"), ok) for v in table["rules"].values() for ok in v)
    return out


_UNKNOWN = object()


def _selection_value(key: str, raw_key: str, value: Any, where: str) -> Any:
    """Selectors, severities and rule options, validated; _UNKNOWN for any other key."""
    if key in ("select", "ignore", "extend-select"):
        return _codes(where, raw_key, value)
    elif key in ("include", "exclude", "known-acronyms"):
        return _str_list(where, raw_key, value)
    elif key == "per-file-ignores":
        if not isinstance(value, dict):
            raise ConfigError(f"{where}: 'per-file-ignores' must be a table of glob = [codes]")
        return tuple((g, _codes(where, f"per-file-ignores.{g}", v)) for g, v in value.items())
    elif key == "severity":
        if not isinstance(value, dict):
            raise ConfigError(f"{where}: 'severity' must be a table of rule = severity")
        try:
            return tuple((k, Severity.parse(v)) for k, v in value.items())
        except ValueError as ex:
            raise ConfigError(f"{where}: 'severity': {ex}") from None
    elif key == "fail-on":
        try:
            return Severity.parse(value)
        except ValueError as ex:
            raise ConfigError(f"{where}: 'fail-on': {ex}") from None
    elif key == "rules":
        if not isinstance(value, dict) or not all(isinstance(v, dict) for v in value.values()):
            raise ConfigError(f"{where}: 'rules' must be a table of [rules.<name>] tables")
        return tuple((k, tuple((ok.replace("-", "_"), ov) for ok, ov in v.items()))
                     for k, v in value.items())
    return _UNKNOWN


def _setting_value(key: str, raw_key: str, value: Any, where: str, root: Path) -> Any:
    """The other settings, validated; _UNKNOWN for a key that is none of them."""
    if key == "rule-dirs":
        dirs = tuple(resolved(root / d) for d in _str_list(where, raw_key, value))
        for d in dirs:
            if not os.path.isdir(d):
                raise ConfigError(f"{where}: 'rule-dirs': {d} is not a directory")
        return dirs
    elif key == "model":
        if not isinstance(value, str) or not value:
            raise ConfigError(f"{where}: 'model' must be a package name")
        return value
    elif key == "vocabulary":
        if not isinstance(value, str) or not value:
            raise ConfigError(f"{where}: 'vocabulary' must be the path of a vocabulary file")
        try:
            return read_vocabulary(resolved(root / value), value)
        except VocabularyError as ex:
            raise ConfigError(f"{where}: 'vocabulary': {ex}") from None
    elif key == "headline":
        if value not in HEADLINE_MODES:
            raise ConfigError(f"{where}: 'headline' must be one of {', '.join(HEADLINE_MODES)}, "
                              f"not {value!r}")
        return value
    elif key == "cache-dir":
        if not isinstance(value, str):
            raise ConfigError(f"{where}: 'cache-dir' must be a path")
        return resolved(root / value)
    elif key == "jobs":
        if not isinstance(value, int) or isinstance(value, bool) or value < 0:
            raise ConfigError(f"{where}: 'jobs' must be a whole number >= 0 (0 = CPU count)")
        return value
    elif key == "max-article-size":
        lo, hi = ARTICLE_SIZE_RANGE
        if not isinstance(value, int) or isinstance(value, bool) or not lo <= value <= hi:
            raise ConfigError(f"{where}: 'max-article-size' must be a whole number of characters "
                              f"from {lo:,} to {hi:,}, not {value!r}")
        return value
    elif key == "time-budget":
        if not isinstance(value, (int, float)) or isinstance(value, bool) or not value >= 0:
            raise ConfigError(f"{where}: 'time-budget' must be a number of seconds >= 0 "
                              f"(0 = no limit), not {value!r}")
        return float(value)
    return _UNKNOWN


def read_file(path: Path) -> Config | None:
    """The Config in one file, or None for a pyproject.toml without [tool.lintnews]."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as ex:
        raise ConfigError(f"{path}: invalid TOML: {ex}") from None
    except (OSError, UnicodeDecodeError) as ex:
        raise ConfigError(f"{path}: cannot read: {ex}") from None
    if path.name == "pyproject.toml":
        table = data.get("tool", {}).get("lintnews")
        if table is None:
            return None
        where = f"{path}: [tool.lintnews]"
    else:
        table = data.get("tool", {}).get("lintnews", data) if "tool" in data else data
        where = str(path)
    if not isinstance(table, dict):
        raise ConfigError(f"{where}: expected a table")
    root = resolved(path.parent)
    return Config(root=root, source=path, **parse_table(table, where, root))


def project_config(directory: Path | None = None) -> Config:
    """The config that governs the files in ``directory`` (default: the current folder):
    the nearest config file at or above it, else the defaults."""
    return find_config(directory if directory is not None else Path.cwd())


@lru_cache(maxsize=256)
def find_config(directory: Path) -> Config:
    """The nearest config at or above ``directory`` (defaults when there is none)."""
    d = resolved(directory)
    for folder in (d, *d.parents):
        for name in CONFIG_FILES:
            p = folder / name
            if os.path.isfile(p):  # not in a folder we cannot enter, never a FIFO
                if name == "pyproject.toml" and not _readable(p):
                    continue  # most are not ours: one we may not read is not a reason to stop
                cfg = read_file(p)
                if cfg is not None:
                    return cfg
        if os.path.exists(folder / ".git"):  # a repository's root ends the search
            break
    return Config(root=resolved(Path.cwd()))


def config_candidates(directory: Path) -> list[Path]:
    """Every path ``find_config`` looks at for files in ``directory``, nearest first: the
    config file names in each folder up to the repository's root, and each ``.git``."""
    d = resolved(directory)
    out: list[Path] = []
    for folder in (d, *d.parents):
        out += [folder / name for name in CONFIG_FILES] + [folder / ".git"]
        if os.path.exists(folder / ".git"):
            break
    return out


def _readable(path: Path) -> bool:
    try:
        with open(path, "rb"):
            return True
    except OSError:
        return False


def resolved(path: Path) -> Path:
    """``path.resolve()`` that survives symbolic-link loops and folders it cannot enter:
    then the absolute path as written (the file itself is reported unreadable later)."""
    try:
        return path.resolve()
    except (OSError, RuntimeError):  # RuntimeError: "Symlink loop" before Python 3.13
        return Path(os.path.abspath(path))


def with_overrides(cfg: Config, overrides: dict[str, Any]) -> Config:
    """Command-line flags win over the file; ``--select`` replaces, the rest extend."""
    changes: dict[str, Any] = {}
    for key, value in overrides.items():
        if value is None:
            continue
        if key in ("ignore", "extend_select", "exclude", "known_acronyms"):
            changes[key] = tuple(getattr(cfg, key)) + tuple(value)
        else:
            changes[key] = value
    return replace(cfg, **changes)


def matches(selector: str, code: str, name: str) -> int:
    """How specifically ``selector`` names the rule: 0 = not at all; a name is most specific."""
    s = selector.strip()
    if not s:
        return 0
    if s.lower() == name:
        return 10
    if s.upper() == "ALL":
        return 1
    if code.startswith(s.upper()):
        return 1 + len(s)
    return 0


def is_selected(cfg: Config, code: str, name: str, enabled_by_default: bool,
                extra_ignores: tuple[str, ...] = ()) -> bool:
    """ruff-like selection: the most specific selector wins, ignore wins ties."""
    best_on = max([matches(s, code, name) for s in (cfg.select or ())] +
                  [matches(s, code, name) for s in cfg.extend_select] + [0])
    if cfg.select is None and enabled_by_default:
        best_on = max(best_on, 1)
    if not enabled_by_default and best_on < 5:  # off-by-default rules need their code or name
        return False
    best_off = max([matches(s, code, name) for s in cfg.ignore + extra_ignores] + [0])
    return best_on > 0 and best_on > best_off
