"""Snapshot cases: small articles beside each rule family, with their findings checked in.

``tests/<family>/cases/<name>.txt`` (or ``.md``, ``.html``) is checked with the rules of
``rules/<family>.yml`` only (plus ``tests/<family>/cases/rules/*.yml`` where a family has
none of its own, as ``generic``); ``<name>.expected`` beside it holds one line per
finding, ``line:col CODE message``. A change in findings shows as a diff of these files
in review. After a deliberate change, rewrite them with
``LINTNEWS_UPDATE_SNAPSHOTS=1 python -m pytest tests/test_snapshots.py`` and read the diff.
"""
from __future__ import annotations

import os
from pathlib import Path

import pytest

import lintnews
from lintnews.registry import load_file

from conftest import REPO

TESTS = REPO / "tests"
SUFFIXES = (".txt", ".md", ".html")
CASES = sorted(p for p in TESTS.glob("*/cases/*") if p.suffix in SUFFIXES)
UPDATE = os.environ.get("LINTNEWS_UPDATE_SNAPSHOTS") == "1"


def family_config(family: str) -> lintnews.Config:
    """The rules of one family only: its YAML, or the test rules in its cases/rules/."""
    own = [REPO / "rules" / f"{family}.yml", REPO / "rules" / "optional" / f"{family}.yml"]
    local = TESTS / family / "cases" / "rules"
    files = [p for p in own if p.is_file()] + (sorted(local.glob("*.yml")) if local.is_dir() else [])
    codes = [r.code for f in files for r in load_file(f)]
    assert codes, f"no rules for family {family!r}"
    return lintnews.Config(select=tuple(codes), rule_dirs=(local,) if local.is_dir() else ())


def render(case: Path) -> str:
    """The case's findings, one line each: ``line:col CODE message``."""
    family = case.parent.parent.name
    text = case.read_bytes().decode("utf-8")
    diags = lintnews.lint_text(text, path=case.name, config=family_config(family))
    return "".join(f"{d.line}:{d.column} {d.code} {d.message}\n" for d in diags)


def test_every_family_has_cases():
    families = {p.stem for p in (REPO / "rules").glob("*.yml")} | {"generic"}
    with_cases = {p.parent.parent.name for p in CASES}
    assert families <= with_cases, f"families without snapshot cases: {sorted(families - with_cases)}"


@pytest.mark.parametrize("case", CASES, ids=[f"{p.parent.parent.name}/{p.name}" for p in CASES])
def test_snapshot(case: Path):
    expected_file = case.with_suffix(".expected")
    got = render(case)
    if UPDATE:
        expected_file.write_text(got, encoding="utf-8")
    assert expected_file.is_file(), f"{expected_file} is missing: run with LINTNEWS_UPDATE_SNAPSHOTS=1"
    assert got == expected_file.read_text(encoding="utf-8")
