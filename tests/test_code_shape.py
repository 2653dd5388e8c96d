"""The shape of the code, kept true by tests: short functions, each rule family in one
place, no private names imported across modules, the README's rules table in step."""
from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from lintnews.registry import builtin_kinds, load_rules

from conftest import REPO, run_cli

MAX_FUNCTION_LINES = 60
SOURCE_DIRS = ("lintnews", "benchmarks")
# kinds/ modules that are not a family: the base class, the shared finding builders,
# the generic kinds any family may use
SHARED_KIND_MODULES = {"__init__", "base", "findings", "generic"}


def _sources() -> list[Path]:
    return sorted(p for d in SOURCE_DIRS for p in (REPO / d).rglob("*.py"))


def long_functions(paths: list[Path], limit: int = MAX_FUNCTION_LINES) -> list[str]:
    """'path:line name (n lines)' for every function or method longer than ``limit`` lines."""
    out = []
    for p in paths:
        for node in ast.walk(ast.parse(p.read_text(encoding="utf-8"))):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                n = node.end_lineno - node.lineno + 1
                if n > limit:
                    out.append(f"{p.parent.name}/{p.name}:{node.lineno} {node.name} ({n} lines)")
    return out


def test_the_checker_finds_a_long_function(tmp_path):
    body = "\n".join(f"        x{i} = {i}" for i in range(MAX_FUNCTION_LINES))
    f = tmp_path / "m.py"
    f.write_text(f"def short():\n    return 1\n\n\nclass C:\n    def long(self):\n{body}\n", encoding="utf-8")
    assert long_functions([f]) == [f"{tmp_path.name}/m.py:6 long (61 lines)"]


def test_no_function_over_60_lines_outside_tests():
    assert long_functions(_sources()) == []


def test_no_private_name_is_imported_across_modules():
    bad = []
    for p in _sources():
        for node in ast.walk(ast.parse(p.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and (node.module or "").split(".")[0] != "__future__":
                bad += [f"{p.relative_to(REPO)}:{node.lineno} {a.name}" for a in node.names
                        if a.name.startswith("_") and not a.name.startswith("__")]
    assert bad == []


def test_the_cli_goes_through_the_public_api():
    """cli.py imports the API (lintnews), config, registry, report, the internal codes
    table and the front ends beside it (server, audit, which call the API themselves);
    never the engine, sources, kinds, facts or nlp."""
    allowed = {"lintnews", "config", "registry", "report", "internal", "diagnostics", "server", "audit"}
    tree = ast.parse((REPO / "lintnews" / "cli.py").read_text(encoding="utf-8"))
    used = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.level:
            used.add((node.module or "lintnews").split(".")[0])
        elif isinstance(node, ast.Import):
            used |= {a.name.split(".")[0] for a in node.names if a.name.startswith("lintnews")}
    assert used <= allowed, sorted(used - allowed)


def test_the_server_goes_through_the_public_api():
    """lintnews/server/ imports ``lintnews`` (the API) and its own modules, nothing else of lintnews."""
    used = set()
    for p in (REPO / "lintnews" / "server").glob("*.py"):
        for node in ast.walk(ast.parse(p.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.level:
                used.add(("." * node.level) + (node.module or ""))
            elif isinstance(node, ast.ImportFrom) and (node.module or "").startswith("lintnews"):
                used.add(node.module)
            elif isinstance(node, ast.Import):
                used |= {a.name for a in node.names if a.name.startswith("lintnews")}
    assert "lintnews" in used
    assert used <= {"lintnews", ".", ".app", ".checker", ".convert"}, sorted(used)


def _family_of(module: str) -> str:
    """lintnews.kinds.claims.accounts -> claims."""
    return module.split(".")[2]


@pytest.mark.parametrize("rule", load_rules([REPO / "rules" / "optional"]), ids=lambda r: r.code)
def test_each_builtin_rule_lives_with_its_family(rule):
    """rules/<family>.yml, its kinds in lintnews/kinds/<family>(.py|/) or generic, its tests in tests/<family>/."""
    family = Path(rule.source).stem
    module = builtin_kinds()[rule.kind].partition(":")[0]
    assert _family_of(module) in (family, "generic"), f"{rule.code}: kind {rule.kind} lives in {module}"
    assert (REPO / "tests" / family).is_dir()


def test_every_kind_module_belongs_to_a_family():
    families = {p.stem for p in (REPO / "rules").rglob("*.yml")}
    kinds = REPO / "lintnews" / "kinds"
    top = {p.stem for p in kinds.glob("*.py")} | {p.name for p in kinds.iterdir() if p.is_dir()
                                                  and p.name != "__pycache__"}
    assert top - SHARED_KIND_MODULES <= families, sorted(top - SHARED_KIND_MODULES - families)


def test_kinds_are_found_by_name_without_a_table():
    import importlib

    for name, target in builtin_kinds().items():
        module, _, cls = target.partition(":")
        assert re.sub(r"(?<!^)(?=[A-Z])", "-", cls[:-len("Kind")]).lower() == name
        assert getattr(importlib.import_module(module), cls).__name__ == cls


def test_readme_rules_table_matches_the_registry():
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    m = re.search(r"<!-- rules-table -->\n(.*?)<!-- /rules-table -->", readme, re.S)
    assert m, "README.md has no <!-- rules-table --> block"
    proc = run_cli("rules", "--format", "markdown", cwd=REPO)
    assert proc.returncode == 0, proc.stderr
    assert m.group(1) == proc.stdout, "README's rules table is stale: paste `lintnews rules --format markdown`"
