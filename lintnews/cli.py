"""The command line (typer): thin, it parses flags and calls the public API (``lintnews``).

Exit codes: 0 nothing at or above fail-on, 1 findings, 2 usage/config/internal error.
"""
from __future__ import annotations

import datetime as _dt
import os
import sys
from collections import Counter
from functools import lru_cache
from pathlib import Path
from types import SimpleNamespace
from typing import List, Optional

import typer

from . import __version__

app = typer.Typer(add_completion=False, pretty_exceptions_enable=False, no_args_is_help=True, rich_markup_mode=None,
                  help="lintnews: a discrepancy and consistency linter for news text.",
                  context_settings={"help_option_names": ["-h", "--help"]})


def _die(message: str, code: int = 2) -> None:
    typer.echo(f"lintnews: error: {message}", err=True)
    raise typer.Exit(code)


def _split(values: Optional[List[str]]) -> Optional[tuple[str, ...]]:
    if values is None:
        return None
    return tuple(v.strip() for item in values for v in item.split(",") if v.strip())


def _version(value: bool) -> None:
    if value:
        typer.echo(f"lintnews {__version__}")
        raise typer.Exit(0)


@app.callback()
def _root(version: bool = typer.Option(False, "--version", "-V", callback=_version, is_eager=True,
                                       help="Show the version and exit.")) -> None:
    """lintnews: a discrepancy and consistency linter for news text."""


def _overrides(select, ignore, extend_select, fail_on, headline, model) -> dict:
    from .config import HEADLINE_MODES
    from .diagnostics import Severity

    o: dict = {"select": _split(select), "ignore": _split(ignore), "extend_select": _split(extend_select)}
    if fail_on is not None:
        try:
            o["fail_on"] = Severity.parse(fail_on)
        except ValueError as ex:
            _die(f"--fail-on: {ex}")
    if headline is not None:
        if headline not in HEADLINE_MODES:
            _die(f"--headline must be one of {', '.join(HEADLINE_MODES)}")
        o["headline"] = headline
    if model is not None:
        o["model"] = model
    return o


@app.command()
def check(
    paths: Optional[List[str]] = typer.Argument(None, metavar="PATH", hidden=True),  # in the docstring
    fmt: Optional[str] = typer.Option(None, "--format", "-f", metavar="FORMAT",
                                      help="concise, full, json, jsonl, sarif, github, gitlab or html "
                                           "(default: full on a terminal, else concise)."),
    select: Optional[List[str]] = typer.Option(None, metavar="CODES",
                                               help="Only these rules (codes, prefixes or names; commas "
                                                    "or repeated)."),
    ignore: Optional[List[str]] = typer.Option(None, metavar="CODES", help="Skip these rules."),
    extend_select: Optional[List[str]] = typer.Option(None, metavar="CODES", help="Add rules to the selection."),
    fail_on: Optional[str] = typer.Option(None, metavar="SEVERITY",
                                          help="info, warning or error: the lowest that fails the run "
                                               "(default warning)."),
    exit_zero: bool = typer.Option(False, "--exit-zero", help="Exit 0 even with findings."),
    output_file: Optional[Path] = typer.Option(None, "--output-file", "-o", metavar="FILE",
                                               help="Write the report here."),
    statistics: bool = typer.Option(False, "--statistics", help="Print counts per rule instead."),
    stdin_filename: Optional[str] = typer.Option(None, metavar="PATH",
                                                 help="Name (and format) for text read from stdin."),
    config: Optional[Path] = typer.Option(None, "--config", metavar="FILE", help="Use this config file only."),
    isolated: bool = typer.Option(False, "--isolated", help="Ignore every config file."),
    diff_base: Optional[str] = typer.Option(None, "--diff-base", metavar="REF",
                                            help="Report only findings on lines changed since git revision "
                                                 "REF ('-': the staged changes)."),
    force_exclude: bool = typer.Option(False, "--force-exclude",
                                       help="Skip files named outright that include/exclude leave out "
                                            "(for pre-commit)."),
    baseline: Optional[Path] = typer.Option(None, metavar="FILE", help="Hide findings recorded in this baseline."),
    write_baseline: Optional[Path] = typer.Option(None, metavar="FILE",
                                                  help="Record current findings as the baseline."),
    fix: bool = typer.Option(False, "--fix", help="Apply safe fixes in place ('-': fixed text on stdout)."),
    diff: bool = typer.Option(False, "--diff", help="Print the fixes as a diff; change nothing."),
    unsafe_fixes: bool = typer.Option(False, "--unsafe-fixes", help="Also apply fixes marked unsafe."),
    date: Optional[str] = typer.Option(None, metavar="YYYY-MM-DD",
                                       help="Publication date for articles without one."),
    headline: Optional[str] = typer.Option(None, metavar="MODE", help="auto, first-line or none."),
    model: Optional[str] = typer.Option(None, metavar="PACKAGE", help="spaCy model package to use."),
    jobs: Optional[int] = typer.Option(None, "--jobs", "-j", metavar="N", help="Worker processes (0 = CPU count)."),
    no_cache: bool = typer.Option(False, "--no-cache", help="Do not read or write the result cache."),
    cache_dir: Optional[Path] = typer.Option(None, "--cache-dir", metavar="DIR",
                                             help="Cache folder (default .lintnews_cache)."),
    color: Optional[bool] = typer.Option(None, "--color/--no-color", help="Colour (default: on a terminal)."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="Print the findings only: no summary, no notes."),
) -> None:
    """Check articles and report discrepancies.

    PATH: files or folders to check ('-': read standard input); default: the current folder.
    """
    _check(SimpleNamespace(**locals()))


HUMAN_FORMATS = ("concise", "full")  # the formats a summary line follows


def _check(a: SimpleNamespace) -> None:
    """The work of ``check``, with its flags in ``a``; exits with the run's exit code."""
    api = lintnews_api()
    fmt = _format(a.fmt, a.output_file)
    paths = _paths(a)
    settings = _settings(a)
    try:
        cfg = api.effective_config(config=settings["config"], overrides=settings["overrides"])
        _require_rules(cfg)
        _require_paths(paths)
        names = _discover(paths, settings, a.force_exclude, a.quiet)
        if not names:
            raise typer.Exit(0)
        stdin = sys.stdin.buffer.read() if "-" in names else None
        results = _results(names, stdin, settings, a)
        diags = _apply_baselines([d for r in results for d in r.diagnostics], a.baseline, a.write_baseline)
        text = _report(fmt, diags, results, cfg, a.statistics, a.color, a.output_file)
    except (api.ConfigError, api.ModelError) as ex:
        _die(str(ex))
    _emit(text, results, stdin, a)
    if fmt in HUMAN_FORMATS and not (a.quiet or a.statistics):
        stdout_free = not a.diff and not (a.fix and stdin is not None)  # else stdout holds a diff or text
        _summarise(diags, results, a, to_stdout=sys.stdout.isatty() and stdout_free)
    failing = any(d.severity >= cfg.fail_on for d in diags)
    raise typer.Exit(0 if a.exit_zero or not failing else 1)


def lintnews_api():
    """The public API (``lintnews/__init__.py``): all the command line checks through."""
    import lintnews

    return lintnews


def _format(fmt: Optional[str], output_file: Optional[Path]) -> str:
    from .report import FORMATS

    fmt = fmt or ("full" if sys.stdout.isatty() and not output_file else "concise")
    if fmt not in FORMATS:
        _die(f"--format must be one of {', '.join(FORMATS)}, not {fmt!r}")
    return fmt


def _paths(a: SimpleNamespace) -> List[str]:
    """The paths to check (default .); usage errors for what cannot work together or is not there."""
    paths = a.paths or ["."]
    if paths.count("-") and len(paths) > 1:
        _die("'-' (stdin) cannot be combined with other paths")
    if a.diff_base is not None and (a.fix or a.diff):
        _die("--diff-base cannot be combined with --fix or --diff: fixes apply to whole files")
    return paths


def _require_paths(paths: List[str]) -> None:
    """A path that is not there at all is a usage error (exit 2); one that is there but cannot
    be read (no permission, a broken link) gets its E001 in the report."""
    def missing(p: str) -> bool:
        try:
            os.lstat(p)
        except (FileNotFoundError, NotADirectoryError):
            return True
        except OSError:  # there, but not ours to look at
            return False
        return False

    gone = [p for p in paths if p != "-" and missing(p)]
    if gone:
        _die(f"no such file or directory: {', '.join(gone)}")


def _settings(a: SimpleNamespace) -> dict:
    """What every API call of the run shares: config, flag overrides, date, stdin's name."""
    overrides = _overrides(a.select, a.ignore, a.extend_select, a.fail_on, a.headline, a.model)
    if a.cache_dir is not None:
        overrides["cache_dir"] = a.cache_dir.resolve()
    return dict(config=_fixed_config(a.config, a.isolated), overrides=overrides, date=_date(a.date),
                stdin_filename=a.stdin_filename)


@lru_cache(maxsize=4)
def _rules_in(rule_dirs: tuple) -> list:
    """Every rule known with these rule-dirs, loaded once a run (the check and its report)."""
    from .registry import load_rules

    return load_rules(rule_dirs)


def _require_rules(cfg) -> None:
    """A selection that leaves no rule on is a mistake: say so (exit 2). A selector that
    names no rule at all is left to the check, which names it."""
    from .config import is_selected, matches
    from .internal import internal_rules
    from .registry import RuleError

    try:
        rules = _rules_in(tuple(cfg.rule_dirs))
    except RuleError as ex:
        _die(str(ex))
    known = [(r.code, r.name) for r in rules] + internal_rules()
    selectors = list(cfg.select or ()) + list(cfg.ignore) + list(cfg.extend_select)
    if any(is_selected(cfg, r.code, r.name, r.enabled) for r in rules) \
            or any(not any(matches(s, c, n) for c, n in known) for s in selectors) \
            or any(matches(s, c, n) for s in cfg.select or () for c, n in internal_rules()):
        return  # something runs (--select E001 looks for unreadable files only), or a typo
    _die("no rule is selected: select and ignore (flags or configuration) leave nothing to check; "
         "`lintnews rules` shows what is on")


def _discover(paths: List[str], settings: dict, force_exclude: bool, quiet: bool) -> List[str]:
    """The files to check; says so when a folder, or everything given, leaves nothing."""
    api = lintnews_api()
    names: List[str] = []
    seen: set = set()
    skipped = 0
    for p in paths:
        found = api.discover([p], config=settings["config"], overrides=settings["overrides"],
                             force_exclude=force_exclude)
        if not found and os.path.isdir(p) and not quiet:
            typer.echo(f"lintnews: nothing to check in {p}: no file there that include, exclude "
                       f"and .gitignore leave in", err=True)
        skipped += not found and not os.path.isdir(p)
        for f in found:
            if os.path.normpath(f) not in seen:
                seen.add(os.path.normpath(f))
                names.append(f)
    if not names and skipped and not quiet:
        typer.echo(f"lintnews: nothing to check: the {skipped} file(s) given are left out by "
                   f"include/exclude (--force-exclude)", err=True)
    return names


def _date(date: Optional[str]) -> Optional[_dt.date]:
    if not date:
        return None
    try:
        return _dt.date.fromisoformat(date)
    except ValueError:
        _die(f"--date must be YYYY-MM-DD, not {date!r}")


def _fixed_config(config: Optional[Path], isolated: bool):
    """--config FILE or --isolated: one config for every file (None: the files' own)."""
    from .config import Config, ConfigError

    if config:
        try:
            return Config.from_file(config)
        except ConfigError as ex:
            _die(str(ex))
    return Config() if isolated else None


def _results(names: List[str], stdin: Optional[bytes], settings: dict, a: SimpleNamespace) -> list:
    """Every file's result through the API: checked, or fixed (--fix writes, --diff prints)."""
    api = lintnews_api()
    with _progress(len(names)) as advance:
        if not (a.fix or a.diff):
            return list(api.check_paths(names, cache=not a.no_cache, jobs=a.jobs, stdin=stdin,
                                        diff_base=a.diff_base, progress=advance, **settings))
        out = []
        for r in api.fix_paths(names, write=a.fix and not a.diff, unsafe=a.unsafe_fixes, stdin=stdin,
                               progress=advance, **settings):
            if a.diff:
                sys.stdout.write(r.unified_diff())
            if r.not_written:
                typer.echo(f"lintnews: {r.path}: not fixed: {r.not_written}", err=True)
            out.append(r)
        return out


def _apply_baselines(diags: list, baseline: Optional[Path], write_baseline: Optional[Path]) -> list:
    """--write-baseline records every current finding (so that `--baseline B --write-baseline B`
    keeps them); --baseline hides the findings it accepts."""
    api = lintnews_api()
    accepted = api.read_baseline(baseline) if baseline else None  # read before it is rewritten
    if write_baseline:
        api.write_baseline(write_baseline, diags)
    return accepted.filter(diags) if accepted is not None else diags


def _report(fmt: str, diags: list, results: list, cfg, statistics: bool, color: Optional[bool],
            output_file: Optional[Path]) -> str:
    """The report text: counts per rule (--statistics), else ``fmt``."""
    from .registry import RuleError
    from .report import ReportContext, render

    if statistics:
        counts = Counter((d.code, d.rule) for d in diags)
        return "".join(f"{n:>5}  {c:<5} {name}\n" for (c, name), n in
                       sorted(counts.items(), key=lambda x: (-x[1], x[0])))
    try:
        rules = _rules_in(tuple(cfg.rule_dirs))
    except RuleError as ex:
        _die(str(ex))
    ctx = ReportContext(rules=rules, sources={r.path: r.source_text() for r in results
                                              if r.source_text() is not None},
                        color=(color if color is not None else (sys.stdout.isatty() and not output_file
                                                                and "NO_COLOR" not in os.environ)),
                        version=__version__, files_checked=len(results))
    return render(fmt, diags, ctx)


def _emit(text: str, results: list, stdin: Optional[bytes], a: SimpleNamespace) -> None:
    """The report to --output-file or stdout. With --diff stdout holds the diff alone; with
    --fix on stdin it holds the fixed text, and the report goes to stderr."""
    stdin_fix = a.fix and not a.diff and stdin is not None
    if stdin_fix:  # the text as it came when nothing could be fixed (unreadable, a Word file)
        fixed = results[0].fixed_bytes() if results else None
        sys.stdout.buffer.write(stdin if fixed is None else fixed)
        sys.stdout.flush()
    if a.output_file:
        _write_output(text, a.output_file)
    elif stdin_fix:
        sys.stderr.write(text)
    elif not a.diff:
        _write_output(text, None)


def _summarise(diags: list, results: list, a: SimpleNamespace, to_stdout: bool) -> None:
    """The closing line(s): to stdout on a terminal, else to stderr (pipes get findings only)."""
    from .report import summary

    if a.diff:
        lines = [summary.fixed(results, written=False)]
    else:
        lines = [summary.fixed(results, written=True)] if a.fix else []
        lines.append(summary.found(diags, unsafe=a.unsafe_fixes, after_fix=a.fix))
    typer.echo("\n".join(lines), err=not to_stdout)


def _write_output(text: str, output_file: Optional[Path]) -> None:
    if output_file:
        try:
            output_file.write_text(text, encoding="utf-8", errors="surrogateescape")  # paths as on disk
        except OSError as ex:
            _die(f"--output-file {output_file}: {ex.strerror or ex}")
    else:
        sys.stdout.write(text)
        sys.stdout.flush()


class _progress:
    """A progress bar on stderr for runs over more than a handful of files, on a terminal only."""

    def __init__(self, total: int) -> None:
        self.total = total
        self.bar = None

    def __enter__(self):
        if self.total > 5 and sys.stderr.isatty():
            from rich.console import Console
            from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeRemainingColumn

            self.bar = Progress("checking", BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(),
                                console=Console(stderr=True), transient=True)
            self.bar.start()
            self.task = self.bar.add_task("check", total=self.total)
            return lambda n: self.bar.advance(self.task, n)
        return None

    def __exit__(self, *exc) -> None:
        if self.bar is not None:
            self.bar.stop()


@app.command("check-rules")
def check_rules(
    dirs: Optional[List[Path]] = typer.Argument(None, metavar="DIR", hidden=True),  # in the docstring
    config: Optional[Path] = typer.Option(None, "--config", metavar="FILE", help="Take rule-dirs from this file."),
) -> None:
    """Test house rules: every bad example must flag exactly its [[...]] text, every good one nothing.

    DIR: folders of YAML rules; default: the rule-dirs of the configuration.
    """
    from .config import Config, project_config

    api = lintnews_api()
    try:
        dirs = dirs or list((Config.from_file(config) if config else project_config()).rule_dirs)
        if not dirs:
            _die("name a folder of rules (no rule-dirs in the configuration)")
        results = api.check_rule_examples(dirs)
    except (api.ConfigError, api.ModelError) as ex:
        _die(str(ex))
    where = ", ".join(str(d) for d in dirs)
    if not results:
        _die(f"no rule with examples in {where}: nothing to test")
    failed = [r for r in results if not r.ok]
    n_rules = len({r.rule.code for r in results})
    for r in failed:
        typer.echo(r.describe())
    if failed:
        codes = ", ".join(sorted({r.rule.code for r in failed}))
        typer.echo(f"{len(failed)} of {len(results)} examples failed (rules {codes}).")
        raise typer.Exit(1)
    typer.echo(f"All {len(results)} examples of {n_rules} rule{'s' if n_rules > 1 else ''} in {where} passed.")


@app.command()
def audit(
    sources: List[str] = typer.Argument(..., help="Folders, or JSON Lines, CSV or Parquet files (.gz too)."),
    out: Path = typer.Option(..., "--out", "-o", help="Folder for findings.parquet, articles.parquet, "
                                                        "summary.json and report.html."),
    scheduler: Optional[str] = typer.Option(None, help="An existing Dask scheduler (tcp://host:port); "
                                                        "default: a local cluster on 127.0.0.1."),
    workers: Optional[int] = typer.Option(None, help="Worker processes of the local cluster "
                                                     "(default: CPU count, at most 4)."),
    dashboard: bool = typer.Option(False, "--dashboard", help="Serve the local cluster's Dask dashboard "
                                                               "on 127.0.0.1 (needs bokeh)."),
    force: bool = typer.Option(False, "--force", help="Start over: forget finished partitions."),
    batch_size: int = typer.Option(100, help="Articles per partition (a unit of work and of resuming)."),
    id_col: Optional[str] = typer.Option(None, help="Column of the article id (default: id, article_id, "
                                                     "uuid, url...; else FILE:ROW)."),
    text_col: Optional[str] = typer.Option(None, help="Column of the text (default: text, body, content...)."),
    headline_col: Optional[str] = typer.Option(None, help="Column of the headline (default: headline, title)."),
    date_col: Optional[str] = typer.Option(None, help="Column of the date (default: date, published...)."),
    section_col: Optional[str] = typer.Option(None, help="Column of the section (default: section, category)."),
    url_col: Optional[str] = typer.Option(None, help="Column of the URL (default: url, link)."),
    format_col: Optional[str] = typer.Option(None, help="Column of each text's format (default: format)."),
    input_format: str = typer.Option("text", help="Format of texts without a format column: "
                                                  "text, markdown or html."),
    select: Optional[List[str]] = typer.Option(None, help="Only these rules (codes, prefixes or names)."),
    ignore: Optional[List[str]] = typer.Option(None, help="Skip these rules."),
    extend_select: Optional[List[str]] = typer.Option(None, help="Add rules to the selection."),
    config: Optional[Path] = typer.Option(None, "--config", help="Use this config file only."),
    isolated: bool = typer.Option(False, "--isolated", help="Ignore every config file."),
    headline: Optional[str] = typer.Option(None, help="auto, first-line or none."),
    model: Optional[str] = typer.Option(None, help="spaCy model package to use."),
) -> None:
    """Audit an archive on Dask: findings as Parquet, a summary and an HTML report."""
    from .audit import AuditError, AuditOptions, Columns, run_audit
    from .audit.sources import FORMAT_NAMES

    api = lintnews_api()

    if input_format.lower() not in FORMAT_NAMES:
        _die(f"--input-format must be text, markdown or html, not {input_format!r}")
    columns = Columns(id=id_col, text=text_col, headline=headline_col, date=date_col, section=section_col,
                      url=url_col, format=format_col, default_format=input_format.lower())
    options = AuditOptions(sources=sources, out=out, columns=columns, batch_size=batch_size,
                           scheduler=scheduler, workers=workers, dashboard=dashboard, force=force,
                           overrides=_overrides(select, ignore, extend_select, None, headline, model),
                           config_file=config, isolated=isolated)
    try:
        summary = run_audit(options, progress=_AuditProgress if sys.stderr.isatty() else None,
                            version=__version__, notify=lambda msg: typer.echo(f"lintnews: {msg}", err=True))
    except (AuditError, api.ConfigError, api.ModelError) as ex:
        _die(str(ex))
    typer.echo(f"lintnews audit: {summary['articles']:,} articles ({summary['failed_articles']:,} not fully "
               f"checked), {summary['findings']:,} findings, "
               f"{summary['per_1000_words'] or 0:.2f} per 1,000 words\nreport: {out / 'report.html'}")


class _AuditProgress:
    """The audit's progress bar on stderr (articles done; the total when it is known)."""

    def __init__(self, total: Optional[int]) -> None:
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeElapsedColumn

        self.bar = Progress("auditing", BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                            console=Console(stderr=True), transient=True)
        self.task = self.bar.add_task("audit", total=total)
        self.bar.start()

    def __call__(self, n: int) -> None:
        self.bar.advance(self.task, n)

    def close(self) -> None:
        self.bar.stop()


@app.command()
def rules(
    select: Optional[List[str]] = typer.Option(None, metavar="CODES", help="Show the effect of this selection."),
    ignore: Optional[List[str]] = typer.Option(None, metavar="CODES", help="Show the effect of ignoring these."),
    extend_select: Optional[List[str]] = typer.Option(None, metavar="CODES", help="Show the effect of adding these."),
    config: Optional[Path] = typer.Option(None, "--config", metavar="FILE", help="Use this config file."),
    fmt: str = typer.Option("table", "--format", "-f", metavar="FORMAT", help="table, json or markdown."),
) -> None:
    """List every rule: code, name, kind, default severity, and whether it is enabled."""
    import json

    from .config import Config, ConfigError, is_selected, project_config, with_overrides
    from .registry import RuleError, load_rules

    try:
        cfg = Config.from_file(config) if config else project_config()
        cfg = with_overrides(cfg, _overrides(select, ignore, extend_select, None, None, None))
        all_rules = load_rules(cfg.rule_dirs)
    except (ConfigError, RuleError) as ex:
        _die(str(ex))
    def severity(r) -> str:
        override = cfg.severity_for(r.code, r.name)
        return str(r.severity if override is None else override)

    rows = [(r.code, r.name, r.kind, severity(r),
             "yes" if is_selected(cfg, r.code, r.name, r.enabled) else "no", r.summary) for r in all_rules]
    if fmt == "json":
        typer.echo(json.dumps([dict(zip(("code", "name", "kind", "severity", "enabled", "summary"), r))
                               for r in rows], indent=2))
    elif fmt == "markdown":
        typer.echo("| Code | Name | Kind | Severity | Summary |\n|---|---|---|---|---|")
        for c, n, k, s, _, summ in rows:
            typer.echo(f"| {c} | `{n}` | {k} | {s} | {summ} |")
    else:
        w = max(len(r[1]) for r in rows)
        wk = max(len(r[2]) for r in rows)
        typer.echo(f"{'code':<5} {'name':<{w}} {'kind':<{wk}} {'severity':<8} enabled")
        for c, n, k, s, e, _ in rows:
            typer.echo(f"{c:<5} {n:<{w}} {k:<{wk}} {s:<8} {e}")


@app.command()
def explain(rule: str = typer.Argument(..., metavar="RULE", hidden=True)) -> None:  # in the docstring
    """Explain one rule: what it checks, why, how to fix or silence it, with examples.

    RULE: a rule code (C201) or name (conflicting-accounts).
    """
    from .config import ConfigError, project_config
    from .internal import INTERNAL_CODES
    from .registry import RuleError, find_rule, load_rules
    from .report.explain import render_rule

    internal = INTERNAL_CODES.get(rule.strip().upper())
    if internal is not None:
        typer.echo(f"{internal.code} {internal.name} ({internal.severity}, internal)\n\n"
                   f"{internal.summary}\n\n{internal.explain}")
        return
    try:
        all_rules = load_rules(project_config().rule_dirs)
    except (ConfigError, RuleError) as ex:
        _die(str(ex))
    r = find_rule(all_rules, rule)
    if r is None:
        _die(f"no rule {rule!r} (see `lintnews rules`)")
    typer.echo(render_rule(r, styled=sys.stdout.isatty() and "NO_COLOR" not in os.environ))


@app.command()
def server() -> None:
    """Run the language server for editors (LSP over stdin/stdout; see the README)."""
    from .server import main as serve

    raise typer.Exit(serve())


def main() -> None:
    """Console-script entry point."""
    try:
        app()
    except KeyboardInterrupt:
        sys.stderr.write("lintnews: interrupted\n")
        sys.exit(130)
    except SystemExit:
        raise
    except Exception as ex:  # an internal error: say so, exit 2, never a bare traceback
        import traceback

        sys.stderr.write(f"lintnews: internal error: {type(ex).__name__}: {ex}\n")
        if os.environ.get("LINTNEWS_DEBUG"):
            traceback.print_exc()
        else:
            sys.stderr.write("(set LINTNEWS_DEBUG=1 for the traceback; please report it)\n")
        sys.exit(2)


if __name__ == "__main__":  # pragma: no cover
    main()
