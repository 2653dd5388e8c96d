"""The GitHub Action (action.yml) and the GitLab CI template (ci/gitlab-lintnews.yml).

actionlint checks a sample workflow that uses the action as `uses: ./` (it reads and
validates action.yml's metadata and the inputs the workflow passes). The action's shell
steps then run for real with bash, as the runner would run them: `${{ }}` expressions
replaced by test values, the GITHUB_* variables set, GITHUB_ENV carried from step to step,
in a scratch newsroom repository. The GitLab template's script runs the same way.
"""
from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from conftest import REPO, write

ACTION = yaml.safe_load((REPO / "action.yml").read_text(encoding="utf-8"))
GITLAB = yaml.safe_load((REPO / "ci" / "gitlab-lintnews.yml").read_text(encoding="utf-8"))
EXPR = re.compile(r"\$\{\{\s*(.*?)\s*\}\}")
SAMPLE_WORKFLOW = """\
name: lintnews
on: [push, pull_request]
jobs:
  lintnews:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
        with:
          fetch-depth: 0
      - uses: ./
        with:
          paths: articles/ drafts/
          fail-on: error
          args: --select W1,C2
"""


def actionlint() -> str | None:
    """The actionlint binary the test extras install (next to this Python), else on PATH."""
    here = Path(sys.executable).parent / "actionlint"
    return str(here) if here.exists() else shutil.which("actionlint")


def run_actionlint(root: Path, workflow: str) -> subprocess.CompletedProcess:
    binary = actionlint()
    if binary is None:
        pytest.skip("actionlint is not installed (pip install '.[test]')")
    (root / ".github" / "workflows").mkdir(parents=True, exist_ok=True)
    shutil.copy(REPO / "action.yml", root / "action.yml")
    (root / ".github" / "workflows" / "lintnews.yml").write_text(workflow)
    subprocess.run(["git", "init", "-q"], cwd=root, check=True)
    return subprocess.run([binary, "-no-color", ".github/workflows/lintnews.yml"], cwd=root,
                          capture_output=True, text=True, timeout=120)


# -- static checks --------------------------------------------------------------------------
def test_actionlint_accepts_a_workflow_that_uses_the_action(tmp_path):
    p = run_actionlint(tmp_path, SAMPLE_WORKFLOW)
    assert p.returncode == 0, p.stdout + p.stderr


def test_actionlint_reads_the_actions_inputs(tmp_path):
    """A misspelt input is reported against action.yml's list: actionlint really read it."""
    p = run_actionlint(tmp_path, SAMPLE_WORKFLOW.replace("fail-on:", "fail_on:"))
    assert p.returncode == 1 and 'input "fail_on" is not defined in action "lintnews"' in p.stdout, p.stdout
    for name in ("paths", "format", "fail-on", "diff-base", "args"):
        assert f'"{name}"' in p.stdout


def test_the_action_is_composite_and_passes_inputs_through_the_environment():
    assert ACTION["runs"]["using"] == "composite"
    assert ACTION["inputs"]["format"]["default"] == "github"
    assert ACTION["inputs"]["diff-base"]["default"] == "${{ github.event.pull_request.base.sha }}"
    for step in ACTION["runs"]["steps"]:
        assert step["shell"] == "bash"
        # an input pasted into the script is a script injection (a path named `$(rm -rf ~)`)
        assert not EXPR.search(step["run"]), step["name"]


def test_the_gitlab_template_has_what_gitlab_needs():
    job = GITLAB["lintnews"]
    assert isinstance(job["script"], list) and job["image"].startswith("python:")
    report = job["artifacts"]["reports"]["codequality"]
    assert job["artifacts"]["when"] == "always"  # the report is kept when findings fail the job
    gitlab_runs = [x for x in job["script"] if "--format gitlab" in x]
    assert len(gitlab_runs) == 1 and f"--output-file {report}" in gitlab_runs[0]
    assert set(job["variables"]) >= {"LINTNEWS_PACKAGE", "LINTNEWS_PATHS", "LINTNEWS_FAIL_ON"}


# -- the steps, run ---------------------------------------------------------------------------
def newsroom(root: Path) -> str:
    """A small editorial repository with two commits; returns the first commit's SHA."""
    git = ["git", "-c", "user.name=Desk", "-c", "user.email=desk@example.org"]
    subprocess.run(["git", "init", "-q", str(root)], check=True)
    write(root / "articles" / "clean.md", "# Library hours\n\nThe library opens at nine on weekdays.\n")
    write(root / "articles" / "ferry.txt", "Ferry fares\n\nThe ferry will sail twice a day from May.\n")
    subprocess.run([*git, "add", "-A"], cwd=root, check=True)
    subprocess.run([*git, "commit", "-qm", "first"], cwd=root, check=True)
    base = subprocess.run(["git", "rev-parse", "HEAD"], cwd=root, capture_output=True, text=True).stdout.strip()
    write(root / "articles" / "ferry.txt", "Ferry fares\n\nThe ferry will sail twice a day from May, "
                                           "giving islanders a hourly link at peak times.\n")
    subprocess.run([*git, "commit", "-qam", "second"], cwd=root, check=True)
    return base


def substitute(text: str, values: dict[str, str]) -> str:
    """Replace each ${{ expression }} as the runner would (inputs' defaults resolved too)."""
    return EXPR.sub(lambda m: substitute(values.get(m.group(1), ""), values), text)


def run_steps(steps: list[dict], workspace: Path, values: dict[str, str], github_env: Path,
              runner_temp: Path) -> list[subprocess.CompletedProcess]:
    """Run each step's script with bash as GitHub does (-eo pipefail), GITHUB_ENV applied
    between steps; returns each step's result (text stdout/stderr)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GITHUB_", "INPUT_", "LINTNEWS"))}
    env.update({"GITHUB_ACTIONS": "true", "CI": "true", "GITHUB_WORKSPACE": str(workspace),
                "GITHUB_ACTION_PATH": str(REPO), "GITHUB_ENV": str(github_env),
                "GITHUB_EVENT_NAME": "pull_request", "GITHUB_REPOSITORY": "desk/newsroom",
                "RUNNER_TEMP": str(runner_temp), "NO_COLOR": "1"})
    results = []
    for step in steps:
        for line in github_env.read_text().splitlines() if github_env.exists() else []:
            name, _, value = line.partition("=")
            env[name] = value
        step_env = {k: substitute(str(v), values) for k, v in step.get("env", {}).items()}
        script = runner_temp / "step.sh"
        script.write_text(substitute(step["run"], values))
        p = subprocess.run(["bash", "--noprofile", "--norc", "-eo", "pipefail", str(script)],
                           cwd=workspace, env={**env, **step_env}, capture_output=True, text=True, timeout=900)
        results.append(p)
        if p.returncode:
            break
    return results


@pytest.fixture(scope="module")
def installed(tmp_path_factory):
    """The action's install step, run once: (workspace, base SHA, GITHUB_ENV file, runner temp)."""
    root = tmp_path_factory.mktemp("action")
    workspace, runner_temp = root / "newsroom", root / "runner"
    runner_temp.mkdir()
    base = newsroom(workspace)
    github_env = root / "github_env"
    values = {"github.action_path": str(REPO), "inputs.python": sys.executable}
    [p] = run_steps(ACTION["runs"]["steps"][:1], workspace, values, github_env, runner_temp)
    assert p.returncode == 0, p.stdout + p.stderr
    assert github_env.read_text().startswith("LINTNEWS=")
    return workspace, base, github_env, runner_temp


def lint_step(installed, **inputs: str) -> subprocess.CompletedProcess:
    workspace, base, github_env, runner_temp = installed
    values = {f"inputs.{k}": v["default"] for k, v in ACTION["inputs"].items()}
    values.update({f"inputs.{k.replace('_', '-')}": v for k, v in inputs.items()})
    values["github.event.pull_request.base.sha"] = base
    [p] = run_steps(ACTION["runs"]["steps"][1:], workspace, values, github_env, runner_temp)
    return p


@pytest.mark.slow
def test_the_action_annotates_findings_and_fails_the_step(installed):
    p = lint_step(installed, diff_base="")
    assert p.returncode == 1, p.stderr
    lines = p.stdout.splitlines()
    assert any(re.match(r"::error file=articles/ferry\.txt,line=3,col=\d+,.*title=W101 article-agreement::", x)
               for x in lines), p.stdout
    assert lines[-1].startswith("lintnews: ") and "in 2 file(s)" in lines[-1]
    assert "::warning title=lintnews::" not in p.stdout


@pytest.mark.slow
def test_the_action_inputs(installed):
    clean = lint_step(installed, diff_base="", paths="articles/clean.md")
    assert clean.returncode == 0 and clean.stdout.endswith("0 finding(s) in 1 file(s): 0 error(s), 0 warning(s), 0 info\n")
    concise = lint_step(installed, diff_base="", format="concise", args="--select W102")
    assert concise.returncode == 0 and concise.stdout == ""
    lenient = lint_step(installed, diff_base="", fail_on="error", args="--ignore W101")
    assert lenient.returncode == 0, lenient.stdout
    missing = lint_step(installed, diff_base="", paths="articles/clean.md no/such.md")
    assert missing.returncode == 2 and "no such file or directory: no/such.md" in missing.stderr


@pytest.mark.slow
def test_the_action_passes_the_pull_requests_base(installed):
    """diff-base defaults to the PR's base commit; a lintnews without --diff-base says so."""
    p = lint_step(installed)
    has_diff_base = "--diff-base" in subprocess.run(
        [installed[2].read_text().strip().split("=", 1)[1], "check", "--help"],
        capture_output=True, text=True).stdout
    if has_diff_base:
        assert p.returncode == 1 and "title=W101" in p.stdout, p.stdout + p.stderr
        assert "::warning" not in p.stdout
    else:
        assert "::warning title=lintnews::this lintnews has no --diff-base" in p.stdout
        assert p.returncode == 1 and "title=W101" in p.stdout


@pytest.mark.slow
def test_the_gitlab_script_writes_a_code_quality_report(installed, tmp_path):
    workspace, _, github_env, _ = installed
    venv_bin = Path(github_env.read_text().strip().split("=", 1)[1]).parent
    job = GITLAB["lintnews"]
    env = {**os.environ, **job["variables"], "LINTNEWS_PACKAGE": "", "NO_COLOR": "1"}
    guard = subprocess.run(["bash", "-ec", job["script"][0]], env=env, capture_output=True, text=True)
    assert guard.returncode == 2 and "set LINTNEWS_PACKAGE" in guard.stdout
    # the rest, with the action's virtual environment standing in for the job's pip install
    lines = [x.replace("/tmp/lintnews-venv/bin", str(venv_bin)) for x in job["script"][1:]
             if not x.startswith("python -m venv") and "pip install" not in x]
    script = tmp_path / "job.sh"
    script.write_text("set -eo pipefail\n" + "\n".join(lines) + "\n")
    env.update({"LINTNEWS_PATHS": "articles/", "LINTNEWS_PACKAGE": "unused"})
    p = subprocess.run(["bash", str(script)], cwd=workspace, env=env, capture_output=True, text=True)
    assert p.returncode == 1 and "articles/ferry.txt:3:" in p.stdout, p.stdout + p.stderr
    report = json.loads((workspace / job["artifacts"]["reports"]["codequality"]).read_text())
    assert [r["check_name"] for r in report] == ["W101 article-agreement"]
    assert report[0]["location"]["path"] == "articles/ferry.txt"
