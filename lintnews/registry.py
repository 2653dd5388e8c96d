"""Rules as data: loading and validating rules/*.yml, finding kinds.

Loading rules never imports spaCy or a kind's module: ``lintnews rules`` and
``lintnews explain`` stay instant. Kinds are imported when a check first runs.
"""
from __future__ import annotations

import os
import re
import sys
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import metadata
from pathlib import Path
from typing import Any

import yaml

from .diagnostics import Severity

CODE_RE = re.compile(r"^[A-Z][0-9]{3}$")
NAME_RE = re.compile(r"^[a-z][a-z0-9]*(-[a-z0-9]+)*$")
REQUIRED = ("code", "name", "kind", "severity", "summary")
ALLOWED = set(REQUIRED) | {"explain", "options", "examples", "quotes", "fixable", "enabled"}


class RuleError(Exception):
    """A rule file or entry that cannot be used; the message names file and entry."""


@dataclass
class Rule:
    """One rule: a kind with options, a code, a name and documentation."""

    code: str
    name: str
    kind: str
    severity: Severity
    summary: str
    explain: str = ""
    options: dict[str, Any] = field(default_factory=dict)
    examples: dict[str, list[str]] = field(default_factory=dict)
    quotes: bool = True      # False: never fires inside direct quotations (style rules)
    enabled: bool = True     # False: off unless selected explicitly
    fixable: bool = False
    source: str = ""         # file it came from

    @property
    def family(self) -> str:
        return self.code[:2]


# -- kinds -----------------------------------------------------------------------------
KINDS_DIR = Path(__file__).resolve().parent / "kinds"
# A built-in kind is a top-level class named <Name>Kind in a module under lintnews/kinds/;
# its kind name is <Name> in kebab-case (TermVariantKind -> term-variant). Read from the
# source text, so that loading rules imports no kind (and no spaCy).
_KIND_CLASS = re.compile(r"^class ([A-Z][A-Za-z0-9]*)Kind\b", re.M)
_KIND_CACHE: dict[str, type] = {}


def kind_name(class_name: str) -> str:
    """``TermVariantKind`` -> ``term-variant``."""
    base = class_name[:-len("Kind")] if class_name.endswith("Kind") else class_name
    return re.sub(r"(?<!^)(?=[A-Z])", "-", base).lower()


@lru_cache(maxsize=1)
def builtin_kinds() -> dict[str, str]:
    """Every built-in kind name -> "module:Class", found in lintnews/kinds/ without importing it."""
    found: dict[str, str] = {}
    for path in sorted(KINDS_DIR.rglob("*.py")):
        rel = path.relative_to(KINDS_DIR.parent.parent).with_suffix("")
        module = ".".join(rel.parts[:-1] if rel.name == "__init__" else rel.parts)
        for m in _KIND_CLASS.finditer(path.read_text(encoding="utf-8")):
            name = kind_name(m.group(1))
            if name in found:
                raise RuleError(f"kind {name!r} is defined twice: {found[name]} and {module}")
            found[name] = f"{module}:{m.group(1)}Kind"
    return found


def kind_names() -> dict[str, str]:
    """Every known kind name -> "module:Class" (built-ins, then entry points)."""
    names = dict(builtin_kinds())
    for name, value in _plugin_kinds(tuple(sys.path)):
        names.setdefault(name, value)
    return names


@lru_cache(maxsize=4)
def _plugin_kinds(search_path: tuple[str, ...]) -> tuple[tuple[str, str], ...]:
    """The ``lintnews.kinds`` entry points, read once per ``sys.path``: scanning the
    installed distributions costs some 10 ms, and every kind of a run asks."""
    try:
        return tuple((ep.name, ep.value) for ep in metadata.entry_points(group="lintnews.kinds"))
    except Exception:  # a broken plug-in must not break the built-ins
        return ()


def load_kind(name: str) -> type:
    """Import the class that implements a kind."""
    if name not in _KIND_CACHE:
        target = kind_names().get(name)
        if target is None:
            raise RuleError(f"unknown kind {name!r}")
        module_name, _, attr = target.partition(":")
        import importlib

        module = importlib.import_module(module_name)
        _KIND_CACHE[name] = getattr(module, attr)
    return _KIND_CACHE[name]


# -- rule files ---------------------------------------------------------------------------
class _StrictLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # libyaml: 10x faster
    """SafeLoader that refuses duplicate keys (PyYAML silently keeps the last one)."""

    def construct_mapping(self, node, deep=False):  # type: ignore[override]
        seen = set()
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=True)
            if isinstance(key, (str, int, float, bool)) and key in seen:
                raise yaml.constructor.ConstructorError(
                    None, None, f"duplicate key {key!r}", key_node.start_mark)
            seen.add(key) if isinstance(key, (str, int, float, bool)) else None
        return super().construct_mapping(node, deep)


def builtin_rules_dir() -> Path:
    """rules/ inside the installed wheel, else the source tree's."""
    here = Path(__file__).resolve().parent
    for candidate in (here / "rules", here.parent / "rules"):
        if candidate.is_dir():
            return candidate
    raise RuleError(f"the built-in rules directory is missing (looked in {here / 'rules'})")


def _entry(path: Path, i: int, raw: Any, kinds: dict[str, str]) -> Rule:
    where = f"{path}: entry {i + 1}"
    if not isinstance(raw, dict):
        raise RuleError(f"{where}: expected a mapping with code, name, kind, severity, summary")
    if raw.get("code"):
        where += f" ({raw.get('code')})"
    missing = [k for k in REQUIRED if not raw.get(k)]
    if missing:
        raise RuleError(f"{where}: missing {', '.join(missing)}")
    unknown = sorted(set(raw) - ALLOWED)
    if unknown:
        raise RuleError(f"{where}: unknown key(s) {', '.join(unknown)} "
                        f"(allowed: {', '.join(sorted(ALLOWED))})")
    code, name = str(raw["code"]), str(raw["name"])
    if not CODE_RE.match(code):
        raise RuleError(f"{where}: code {code!r} must be a capital letter and three digits, e.g. X101")
    if not NAME_RE.match(name):
        raise RuleError(f"{where}: name {name!r} must be kebab-case, e.g. my-rule")
    if raw["kind"] not in kinds:
        raise RuleError(f"{where}: unknown kind {raw['kind']!r} (known: {', '.join(sorted(kinds))})")
    try:
        severity = Severity.parse(raw["severity"])
    except ValueError as ex:
        raise RuleError(f"{where}: {ex}") from None
    options = raw.get("options") or {}
    if not isinstance(options, dict):
        raise RuleError(f"{where}: options must be a mapping")
    examples = raw.get("examples") or {}
    if not isinstance(examples, dict) or set(examples) - {"bad", "good"}:
        raise RuleError(f"{where}: examples must be a mapping with 'bad' and 'good' lists")
    for key in ("bad", "good"):
        value = examples.get(key, [])
        if not isinstance(value, list) or not all(isinstance(x, str) for x in value):
            raise RuleError(f"{where}: examples.{key} must be a list of strings")
        for x in value if key == "bad" else []:
            if "[[" not in x or "]]" not in x:
                raise RuleError(f"{where}: bad example {x!r} must mark the flagged span with [[...]]")
    for key in ("quotes", "fixable", "enabled"):
        if key in raw and not isinstance(raw[key], bool):
            raise RuleError(f"{where}: {key} must be true or false")
    return Rule(code=code, name=name, kind=str(raw["kind"]), severity=severity,
                summary=str(raw["summary"]).strip(), explain=str(raw.get("explain") or "").strip(),
                options=options, examples={k: list(examples.get(k, [])) for k in ("bad", "good")},
                quotes=raw.get("quotes", True), fixable=raw.get("fixable", False),
                enabled=raw.get("enabled", True), source=str(path))


def load_file(path: Path, kinds: dict[str, str] | None = None) -> list[Rule]:
    """The rules of one YAML file; raises RuleError naming the file and entry."""
    kinds = kinds if kinds is not None else kind_names()
    if os.path.exists(path) and not os.path.isfile(path):  # a FIFO would hang the read
        raise RuleError(f"{path}: cannot read rule file: not a regular file")
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=_StrictLoader)  # noqa: S506
    except yaml.YAMLError as ex:
        mark = getattr(ex, "problem_mark", None)
        at = f":{mark.line + 1}" if mark else ""
        raise RuleError(f"{path}{at}: invalid YAML: {getattr(ex, 'problem', ex)}") from None
    except (OSError, UnicodeDecodeError) as ex:
        raise RuleError(f"{path}: cannot read rule file: {ex}") from None
    if data is None:
        return []
    if not isinstance(data, list):
        raise RuleError(f"{path}: a rule file is a YAML list of rules")
    return [_entry(path, i, raw, kinds) for i, raw in enumerate(data)]


def plugin_rule_dirs() -> list[Path]:
    """Rule folders that plug-ins ship, from the ``lintnews.rules`` entry-point group.

    An entry ``name = package`` or ``name = package:folder`` names a folder of YAML
    inside an installed package; the package is located, not imported.
    """
    import importlib.util

    out: list[Path] = []
    try:
        eps = list(metadata.entry_points(group="lintnews.rules"))
    except Exception:  # a broken distribution must not break the built-ins
        return out
    for ep in eps:
        module, _, sub = ep.value.partition(":")
        try:
            spec = importlib.util.find_spec(module.strip())
        except (ImportError, ValueError):
            spec = None
        if spec is None or not spec.submodule_search_locations:
            raise RuleError(f"plug-in rules {ep.name!r} ({ep.value}): package {module!r} not found")
        out.append(Path(list(spec.submodule_search_locations)[0]) / sub.strip().replace(".", "/"))
    return out


def load_rules(extra_dirs: list[Path] | tuple[Path, ...] = ()) -> list[Rule]:
    """Built-in rules, plug-ins' rules, then the YAML in ``extra_dirs`` (a repository's
    ``rule-dirs``); codes and names must be unique across all of them."""
    kinds = kind_names()
    rules: list[Rule] = []
    for d in [builtin_rules_dir(), *plugin_rule_dirs(), *extra_dirs]:
        d = Path(d)
        if not d.is_dir():
            raise RuleError(f"{d}: rule directory not found")
        for path in sorted(list(d.glob("*.yml")) + list(d.glob("*.yaml"))):
            rules.extend(load_file(path, kinds))
    seen: dict[str, Rule] = {}
    for r in rules:
        for key in (r.code, r.name):
            other = seen.get(key)
            if other is not None:
                raise RuleError(f"{r.source}: rule {r.code} {r.name}: {key!r} is already used by "
                                f"{other.code} {other.name} in {other.source}")
            seen[key] = r
    return sorted(rules, key=lambda r: r.code)


def find_rule(rules: list[Rule], key: str) -> Rule | None:
    """A rule by code (any case) or name."""
    k = key.strip()
    for r in rules:
        if r.code == k.upper() or r.name == k.lower():
            return r
    return None
