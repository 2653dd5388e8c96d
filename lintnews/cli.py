"""The command line (typer): thin, it parses flags and calls the public API (``lintnews``).

Exit codes: 0 nothing at or above fail-on, 1 findings, 2 usage/config/internal error.
"""
from __future__ import annotations

import datetime as _dt
import os
import sys
from collections import Counter
from pathlib import Path
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
    paths: Optional[List[str]] = typer.Argument(None, help="Files or directories ('-' for stdin); default: ."),
    fmt: Optional[str] = typer.Option(None, "--format", "-f",
                                      help="concise, full, json, jsonl, sarif, github, gitlab or html "
                                           "(default: full on a terminal, else concise)."),
    select: Optional[List[str]] = typer.Option(None, help="Only these rules (codes, prefixes or names)."),
    ignore: Optional[List[str]] = typer.Option(None, help="Skip these rules."),
    extend_select: Optional[List[str]] = typer.Option(None, help="Add rules to the selection."),
    fail_on: Optional[str] = typer.Option(None, help="Lowest severity that fails the run (default warning)."),
    exit_zero: bool = typer.Option(False, "--exit-zero", help="Exit 0 even with findings."),
    output_file: Optional[Path] = typer.Option(None, "--output-file", "-o", help="Write the report here."),
    statistics: bool = typer.Option(False, "--statistics", help="Print counts per rule instead."),
    stdin_filename: Optional[str] = typer.Option(None, help="Name (and format) for text read from stdin."),
    config: Optional[Path] = typer.Option(None, "--config", help="Use this config file only."),
    isolated: bool = typer.Option(False, "--isolated", help="Ignore every config file."),
    baseline: Optional[Path] = typer.Option(None, help="Hide findings recorded in this baseline."),
    write_baseline: Optional[Path] = typer.Option(None, help="Record current findings as the baseline."),
    fix: bool = typer.Option(False, "--fix", help="Apply safe fixes in place."),
    diff: bool = typer.Option(False, "--diff", help="Show the fixes as a diff; change nothing."),
    unsafe_fixes: bool = typer.Option(False, "--unsafe-fixes", help="Also apply fixes marked unsafe."),
    date: Optional[str] = typer.Option(None, help="Publication date (YYYY-MM-DD) for articles without one."),
    headline: Optional[str] = typer.Option(None, help="auto, first-line or none."),
    model: Optional[str] = typer.Option(None, help="spaCy model package to use."),
    jobs: Optional[int] = typer.Option(None, "--jobs", "-j", help="Worker processes (0 = CPU count)."),
    no_cache: bool = typer.Option(False, "--no-cache", help="Do not read or write the result cache."),
    cache_dir: Optional[Path] = typer.Option(None, "--cache-dir", help="Cache folder (default .lintnews_cache)."),
    color: Optional[bool] = typer.Option(None, "--color/--no-color", help="Colour (default: on a terminal)."),
) -> None:
    """Check articles and report discrepancies."""
    from .report import FORMATS

    api = lintnews_api()

    fmt = fmt or ("full" if sys.stdout.isatty() and not output_file else "concise")
    if fmt not in FORMATS:
        _die(f"--format must be one of {', '.join(FORMATS)}, not {fmt!r}")
    paths = paths or ["."]
    if paths.count("-") and len(paths) > 1:
        _die("'-' (stdin) cannot be combined with other paths")
    overrides = _overrides(select, ignore, extend_select, fail_on, headline, model)
    if cache_dir is not None:
        overrides["cache_dir"] = cache_dir.resolve()
    settings = dict(config=_fixed_config(config, isolated), overrides=overrides, date=_date(date),
                    stdin_filename=stdin_filename)
    try:
        results = _results(paths, settings, fix, diff, unsafe_fixes, not no_cache, jobs)
        diags = _apply_baselines([d for r in results for d in r.diagnostics], baseline, write_baseline)
        cfg = api.effective_config(config=settings["config"], overrides=overrides)
        text = _report(fmt, diags, results, cfg, statistics, color, output_file)
    except (api.ConfigError, api.ModelError) as ex:
        _die(str(ex))
    _write_output(text, output_file)
    failing = any(d.severity >= cfg.fail_on for d in diags)
    raise typer.Exit(0 if exit_zero or not failing else 1)


def lintnews_api():
    """The public API (``lintnews/__init__.py``): all the command line checks through."""
    import lintnews

    return lintnews


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


def _results(paths: List[str], settings: dict, fix: bool, diff: bool, unsafe: bool, cache: bool,
             jobs: Optional[int]) -> list:
    """Every file's result through the API: checked, or fixed (--fix writes, --diff shows)."""
    api = lintnews_api()
    names = api.discover(paths, config=settings["config"], overrides=settings["overrides"])
    stdin = sys.stdin.buffer.read() if "-" in names else None
    with _progress(len(names)) as advance:
        if not (fix or diff):
            return list(api.check_paths(names, cache=cache, jobs=jobs, stdin=stdin, progress=advance,
                                        **settings))
        out = []
        for r in api.fix_paths(names, write=fix and not diff, unsafe=unsafe, stdin=stdin,
                               progress=advance, **settings):
            if diff:
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
    from .registry import RuleError, load_rules
    from .report import ReportContext, render

    if statistics:
        counts = Counter((d.code, d.rule) for d in diags)
        return "".join(f"{n:>5}  {c:<5} {name}\n" for (c, name), n in
                       sorted(counts.items(), key=lambda x: (-x[1], x[0])))
    try:
        rules = load_rules(cfg.rule_dirs)
    except RuleError as ex:
        _die(str(ex))
    ctx = ReportContext(rules=rules, sources={r.path: r.source_text() for r in results
                                              if r.source_text() is not None},
                        color=(color if color is not None else (sys.stdout.isatty() and not output_file
                                                                and "NO_COLOR" not in os.environ)),
                        version=__version__, files_checked=len(results))
    return render(fmt, diags, ctx)


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
    from .config import ConfigError
    from .nlp import ModelError

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
    except (AuditError, ConfigError, ModelError) as ex:
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
    select: Optional[List[str]] = typer.Option(None, help="Show the effect of this selection."),
    ignore: Optional[List[str]] = typer.Option(None, help="Show the effect of ignoring these."),
    extend_select: Optional[List[str]] = typer.Option(None, help="Show the effect of adding these."),
    config: Optional[Path] = typer.Option(None, "--config", help="Use this config file."),
    fmt: str = typer.Option("table", "--format", "-f", help="table, json or markdown."),
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
def explain(rule: str = typer.Argument(..., help="A rule code (C201) or name (conflicting-accounts).")) -> None:
    """Explain one rule: what it checks, why, how to fix or silence it, with examples."""
    from .config import ConfigError, project_config
    from .internal import INTERNAL_CODES
    from .registry import RuleError, find_rule, load_rules

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
    lines = [f"{r.code} {r.name} ({r.severity}, kind: {r.kind})", "", r.summary]
    if r.explain:
        lines += ["", r.explain]
    if r.options:
        simple = {k: v for k, v in r.options.items() if not isinstance(v, (list, dict)) or len(str(v)) < 80}
        if simple:
            lines += ["", "Options:"] + [f"  {k} = {v!r}" for k, v in simple.items()]
    for label, key in (("Flagged", "bad"), ("Not flagged", "good")):
        if r.examples.get(key):
            lines += ["", f"{label}:"] + [f"  {x}" for x in r.examples[key]]
    lines += ["", f"Silence it: <!-- lintnews-disable-next-line {r.code} -- reason --> or "
                  f"ignore = [\"{r.code}\"] in [tool.lintnews]."]
    typer.echo("\n".join(lines))


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
