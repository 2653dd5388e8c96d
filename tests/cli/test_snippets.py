"""The README's snippets work when copied: YAML and TOML parse, every `lintnews` command
line uses subcommands and flags that exist, hook ids exist, nothing installs a package
that is not on the index, and every placeholder is called out for replacement.

The same checks run over the command lines in action.yml, ci/gitlab-lintnews.yml and
.pre-commit-hooks.yaml.
"""
from __future__ import annotations

import re
import shlex
import subprocess
import sys

import pytest
import typer
import yaml
from typer.main import get_command

from lintnews.cli import app

from conftest import REPO

import json

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

README = (REPO / "README.md").read_text(encoding="utf-8")
BLOCK = re.compile(r"^```(\w*)\n(.*?)^```", re.S | re.M)
OPERATORS = {"&&", "||", "|", ";", "&", "(", ")"}
PLACEHOLDER = re.compile(r"<(?:org|group|commit)>")
try:  # newer typer vendors click as typer._click; older ones use click itself
    _click = typer._click
except AttributeError:  # pragma: no cover
    import click as _click
UsageError, Exit = _click.exceptions.UsageError, (typer.Exit, getattr(_click.exceptions, "Exit", typer.Exit))


def blocks(lang: str) -> list[str]:
    return [body for lg, body in BLOCK.findall(README) if lg == lang]


def simple_commands(line: str) -> list[list[str]]:
    """The simple commands of a shell line (split at &&, |, ; ...), comments dropped."""
    lexer = shlex.shlex(line, posix=True, punctuation_chars=True)
    lexer.whitespace_split, lexer.commenters = True, "#"
    out: list[list[str]] = [[]]
    for tok in lexer:
        if tok in OPERATORS:
            out.append([])
        else:
            out[-1].append(tok)
    return [c for c in out if c]


def is_lintnews(word: str) -> bool:
    return word == "lintnews" or word.endswith("/bin/lintnews") or word in ("$LINTNEWS", "python -m lintnews")


def check_lintnews_args(args: list[str]) -> None:
    """Parse ``lintnews ARGS`` as the CLI would, without running it: click raises
    UsageError for an unknown subcommand, an unknown flag or a missing value."""
    group = get_command(app)
    try:
        with group.make_context("lintnews", list(args)) as ctx:
            # the subcommand and its arguments (click 8.2 renamed protected_args)
            rest = list(getattr(ctx, "_protected_args", None) or getattr(ctx, "protected_args", [])) + ctx.args
            if not rest:
                return
            name, cmd, sub_args = group.resolve_command(ctx, rest)
            with cmd.make_context(name, sub_args, parent=ctx):
                pass
    except Exit:  # --help, --version
        return


def commands_in(value) -> list[str]:
    """Shell lines in YAML data: run/script/entry values, recursively."""
    out: list[str] = []
    if isinstance(value, dict):
        for k, v in value.items():
            if k in ("run", "script", "entry", "before_script") and isinstance(v, (str, list)):
                out += [x for item in (v if isinstance(v, list) else [v]) for x in str(item).splitlines()]
            else:
                out += commands_in(v)
    elif isinstance(value, list):
        for v in value:
            out += commands_in(v)
    return out


def all_command_lines() -> list[tuple[str, str]]:
    """(where, line) for every shell line in the README's sh and YAML blocks and the CI files."""
    lines = [("README sh", x) for b in blocks("sh") for x in b.splitlines() if x.strip()]
    for b in blocks("yaml"):
        lines += [("README yaml", x) for x in commands_in(yaml.safe_load(b))]
    for name in ("ci/gitlab-lintnews.yml", ".pre-commit-hooks.yaml"):
        lines += [(name, x) for x in commands_in(yaml.safe_load((REPO / name).read_text()))]
    return lines


# -- the checker itself can fail ------------------------------------------------------------
@pytest.mark.parametrize("bad", ["lintnews chek a.md", "lintnews check --formatt full a.md",
                                 "lintnews check a.md --format", "lintnews rules --fix"])
def test_the_command_checker_rejects_what_does_not_exist(bad):
    [cmd] = simple_commands(bad)
    with pytest.raises(UsageError):
        check_lintnews_args(cmd[1:])


# -- the README ---------------------------------------------------------------------------
def test_yaml_and_toml_snippets_parse():
    assert len(blocks("yaml")) >= 6 and blocks("toml")
    for b in blocks("yaml"):
        assert yaml.safe_load(b) is not None
    for b in blocks("toml"):
        tomllib.loads(b)


def test_every_lintnews_command_line_exists():
    checked = 0
    for where, line in all_command_lines():
        for cmd in simple_commands(line):
            if is_lintnews(cmd[0]):
                try:
                    check_lintnews_args(cmd[1:])
                except UsageError as ex:
                    pytest.fail(f"{where}: {line!r}: {ex.format_message()}")
                checked += 1
    assert checked >= 15, checked


def test_nothing_installs_lintnews_from_the_package_index():
    pip_installs = 0
    for where, line in all_command_lines():
        for cmd in simple_commands(line):
            if "install" in cmd and any(w.endswith("pip") for w in cmd[:cmd.index("install")]):
                pip_installs += 1
                targets = [w for w in cmd[cmd.index("install") + 1:] if not w.startswith("-")]
                # "lintnews[server]" asks the index too; "lintnews[server] @ git+..." does not
                named = [t for t in targets if t.split("[")[0].strip() == "lintnews" and "@" not in t]
                assert not named, f"{where}: {line!r}: lintnews is not on the index"
    assert pip_installs >= 3


def test_placeholders_are_called_out_and_nothing_else_is_made_up():
    for lang in ("yaml", "sh"):
        for b in blocks(lang):
            if PLACEHOLDER.search(b):
                assert "replace" in b, f"a snippet with a placeholder that does not say to replace it:\n{b}"
    assert "pypi.org" not in README and "rev: v0" not in README


def test_pre_commit_hooks_exist_and_rev_is_a_placeholder_or_real():
    ids = {h["id"] for h in yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text())}
    configs = [y for y in map(yaml.safe_load, blocks("yaml")) if isinstance(y, dict) and "repos" in y]
    assert len(configs) >= 2
    for cfg in configs:
        for repo in cfg["repos"]:
            if repo["repo"] == "local":
                assert all(h["entry"].split()[0] == "lintnews" for h in repo["hooks"])
                continue
            assert {h["id"] for h in repo["hooks"]} <= ids
            rev = str(repo["rev"])
            if not PLACEHOLDER.fullmatch(rev):  # a real tag or commit of this repository
                git = subprocess.run(["git", "rev-parse", "--verify", "--quiet", rev + "^{commit}"],
                                     cwd=REPO, capture_output=True)
                assert git.returncode == 0, f"rev {rev!r} is no tag or commit here"


def test_the_action_passes_only_flags_that_exist():
    action = yaml.safe_load((REPO / "action.yml").read_text())
    script = "\n".join(s["run"] for s in action["runs"]["steps"])
    [args] = re.findall(r"args=\((.*?)\)", script)
    check_lintnews_args(shlex.split(args.replace('"$INPUT_FORMAT"', "github")
                                    .replace('"$INPUT_FAIL_ON"', "warning")))


def test_sarif_information_uri_is_the_repository_url_of_pyproject():
    from lintnews.report import ReportContext, render
    import json

    urls = tomllib.loads((REPO / "pyproject.toml").read_text())["project"]["urls"]
    log = json.loads(render("sarif", [], ReportContext(version="0")))
    assert log["runs"][0]["tool"]["driver"]["informationUri"] == urls["Repository"]


# -- editor set-up (lintnews server) -------------------------------------------------------
def editor_commands() -> dict[str, list[str]]:
    """The command line each editor snippet starts the server with."""
    lua = blocks("lua")[0]
    helix = next(tomllib.loads(b) for b in blocks("toml") if "language-server" in b)
    vscode, sublime = (json.loads(b) for b in blocks("json"))
    elisp = blocks("elisp")[0]
    server = helix["language-server"]["lintnews"]
    return {
        "neovim": re.search(r"cmd = \{ (.*?) \}", lua).group(1).replace('"', "").split(", "),
        "helix": [server["command"], *server["args"]],
        "vscode": [vscode["glspc.server.command"], *vscode["glspc.server.commandArguments"]],
        "sublime": sublime["clients"]["lintnews"]["command"],
        "emacs": re.findall(r'"([^"]+)"', re.search(r"\. \((.*?)\)", elisp).group(1)),
    }


def test_every_editor_starts_lintnews_server():
    commands = editor_commands()
    assert commands.keys() == {"neovim", "helix", "vscode", "sublime", "emacs"}
    for editor, cmd in commands.items():
        assert cmd == ["lintnews", "server"], (editor, cmd)
        check_lintnews_args(cmd[1:])


def test_editor_snippets_parse():
    for b in blocks("json"):
        json.loads(b)
    for b in blocks("elisp"):  # balanced, and no quote left open
        depth = 0
        for ch in re.sub(r'"[^"]*"', "", b):
            depth += {"(": 1, ")": -1}.get(ch, 0)
            assert depth >= 0, b
        assert depth == 0 and b.count('"') % 2 == 0, b
    vscode = json.loads(blocks("json")[0])
    assert set(vscode["glspc.server.languageId"]) == {"markdown", "plaintext", "html"}


def test_the_neovim_snippet_runs_in_lua():
    """Run it with a stand-in ``vim`` table: it must configure and enable the server."""
    lupa = pytest.importorskip("lupa")
    lua = lupa.LuaRuntime(unpack_returned_tuples=True)
    lua.execute("configs, enabled = {}, {}\n"
                "vim = {lsp = {config = function(name, cfg) configs[name] = cfg end,\n"
                "              enable = function(name) table.insert(enabled, name) end}}")
    lua.execute(blocks("lua")[0])
    cfg = lua.globals().configs["lintnews"]
    assert list(cfg["cmd"].values()) == ["lintnews", "server"]
    assert set(cfg["filetypes"].values()) == {"markdown", "text", "html"}
    assert list(lua.globals().enabled.values()) == ["lintnews"]
