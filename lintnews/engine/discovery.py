"""Which files a run checks: given files as they are, folders walked with .gitignore,
``include`` and ``exclude`` honoured."""
from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Callable, Iterable

import pathspec

from .. import sources
from ..config import Config, ConfigError, resolved

DEFAULT_INCLUDE = ("*.md", "*.markdown", "*.txt", "*.html", "*.htm", "*.docx")
DEFAULT_EXCLUDE = (".git", ".hg", ".svn", ".venv", "venv", "node_modules", "__pycache__",
                   ".lintnews_cache", ".tox", "build", "dist")


def discover(paths: Iterable[str], config_in: Callable[[Path], Config],
             force_exclude: bool = False) -> list[str]:
    """Files to check: given files as they are; directories walked, .gitignore honoured.

    ``config_in(folder)`` is the config for a folder (its include/exclude). Never
    raises for a bad path: a missing, unreadable or special file, a symbolic-link
    loop or a folder that cannot be listed is returned like a file, and reading it
    later gives its E001. ``force_exclude``: a file named outright is left out too
    when its config's ``include``/``exclude`` leave it out (as ruff's force-exclude;
    what pre-commit passes is named outright).
    """
    out: list[str] = []
    seen: set[str] = set()
    for p in paths:
        if p == "-":
            out.append(p)
            continue
        path = Path(p)
        # isdir is False, not an error, for loops and folders we cannot enter
        if os.path.isdir(path):
            found = walk(path, config_in(path))
        else:
            found = [] if force_exclude and excluded(path, config_in(path.parent)) else [p]
        for f in found:
            key = os.path.normpath(f)
            if key not in seen:
                seen.add(key)
                out.append(f)
    return out


def excluded(path: Path, cfg: Config) -> bool:
    """Whether ``cfg``'s include/exclude (and the default excludes) leave out the file ``path``,
    matched relative to the config file's folder (or by its name, outside that folder)."""
    include, exclude = _specs(cfg)
    try:
        rel = resolved(path).relative_to(resolved(cfg.root)).as_posix()
    except ValueError:
        rel = path.name
    return not (include.match_file(rel) or include.match_file(path.name)) \
        or exclude.match_file(rel) or exclude.match_file(path.name)


def _specs(cfg: Config) -> tuple[pathspec.PathSpec, pathspec.PathSpec]:
    """(include, exclude) of ``cfg`` as PathSpecs, defaults added; ConfigError for a bad pattern."""
    try:
        return _spec(cfg.include or DEFAULT_INCLUDE), _spec(list(DEFAULT_EXCLUDE) + list(cfg.exclude))
    except (ValueError, re.error) as ex:
        raise ConfigError(f"{cfg.source or 'settings'}: 'include'/'exclude': {ex}") from None


def walk(root: Path, cfg: Config) -> list[str]:
    """The files under ``root`` that ``cfg`` includes and no exclude or .gitignore leaves out,
    depth first and sorted, like os.walk; a folder that cannot be listed is returned as is."""
    include, exclude = _specs(cfg)
    ignores = _gitignores_above(root)
    root_real = resolved(root)
    found: list[str] = []
    stack = [root]  # a stack, so any depth of folders is fine
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
