"""The wheel ships the rules and works outside the source tree."""
from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.slow
def test_installed_wheel_has_rules_and_runs(tmp_path):
    wheels = tmp_path / "wheels"
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "-w", str(wheels), str(ROOT)],
                   check=True, cwd=tmp_path)
    wheel = next(wheels.glob("lintnews-*.whl"))
    names = zipfile.ZipFile(wheel).namelist()
    shipped = {Path(n).name for n in names if n.startswith("lintnews/rules/")}
    assert {p.name for p in (ROOT / "rules").glob("*.yml")} <= shipped
    target = tmp_path / "site"
    subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--target", str(target),
                    str(wheel)], check=True)
    env = {**os.environ, "PYTHONPATH": str(target)}
    work = tmp_path / "work"
    work.mkdir()
    probe = subprocess.run([sys.executable, "-c", "import lintnews, sys; print(lintnews.__file__)"],
                           cwd=work, env=env, capture_output=True, text=True, check=True)
    assert probe.stdout.strip().startswith(str(target)), "the test must exercise the installed copy"
    rules = subprocess.run([sys.executable, "-m", "lintnews", "rules"], cwd=work, env=env,
                           capture_output=True, text=True)
    assert rules.returncode == 0, rules.stderr
    for p in (ROOT / "rules").glob("*.yml"):
        import yaml

        for entry in yaml.safe_load(p.read_text(encoding="utf-8")) or []:
            assert entry["code"] in rules.stdout
    article = work / "a.txt"
    article.write_text("She sent an e-mail on Monday. A second email followed.\n", encoding="utf-8")
    run = subprocess.run([sys.executable, "-m", "lintnews", "check", "--isolated", "--select", "C104",
                          "a.txt"], cwd=work, env=env, capture_output=True, text=True)
    assert run.returncode == 1, run.stderr
    assert "a.txt:1:" in run.stdout and "C104" in run.stdout
