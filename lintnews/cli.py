"""The command line (typer): thin, it parses flags and calls the engine.

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
    from .config import ConfigError
    from .engine import Engine, RunOptions, filter_baseline, read_baseline
    from .engine import write_baseline as save_baseline
    from .report import FORMATS, ReportContext, render

    fmt = fmt or ("full" if sys.stdout.isatty() and not output_file else "concise")
    if fmt not in FORMATS:
        _die(f"--format must be one of {', '.join(FORMATS)}, not {fmt!r}")
    the_date = None
    if date:
        try:
            the_date = _dt.date.fromisoformat(date)
        except ValueError:
            _die(f"--date must be YYYY-MM-DD, not {date!r}")
    paths = paths or ["."]
    if paths.count("-") and len(paths) > 1:
        _die("'-' (stdin) cannot be combined with other paths")
    overrides = _overrides(select, ignore, extend_select, fail_on, headline, model)
    if cache_dir is not None:
        overrides["cache_dir"] = cache_dir.resolve()
    fixing = fix or diff  # fixes need the parsed article: no cache, one process
    opts = RunOptions(overrides=overrides, config_file=config, date=the_date, stdin_filename=stdin_filename,
                      baseline=baseline, cache=not (no_cache or fixing), jobs=1 if fixing else jobs,
                      isolated=isolated)
    from .nlp import ModelError

    try:
        engine = Engine(opts)
        names = engine.discover(paths)  # a missing path becomes an E001 for that path
        stdin_data = sys.stdin.buffer.read() if "-" in names else None
        with _progress(len(names)) as advance:
            results = engine.run(names, stdin_data, progress=advance)
        if fix or diff:
            results = _fix(engine, results, write=fix and not diff, unsafe=unsafe_fixes, show_diff=diff)
        diags = [d for r in results for d in r.diagnostics]
        accepted = read_baseline(baseline) if baseline else None
        if write_baseline:  # every current finding, so that `--baseline B --write-baseline B` keeps them
            save_baseline(write_baseline, diags)
        if accepted is not None:
            diags = filter_baseline(diags, accepted, root=baseline.parent)
        fail_on_sev = engine.config_for(Path.cwd() / "x").fail_on
        rules = engine.rules_for(engine.config_for(Path.cwd() / "x"))
    except ConfigError as ex:
        _die(str(ex))
    except ModelError as ex:
        _die(str(ex))
    ctx = ReportContext(rules=rules, sources={r.path: r.source_text() for r in results if r.source_text() is not None},
                        color=(color if color is not None else (sys.stdout.isatty() and not output_file
                                                                and "NO_COLOR" not in os.environ)),
                        version=__version__, files_checked=len(results))
    if statistics:
        counts = Counter((d.code, d.rule) for d in diags)
        text = "".join(f"{n:>5}  {c:<5} {name}\n" for (c, name), n in
                       sorted(counts.items(), key=lambda x: (-x[1], x[0])))
    else:
        text = render(fmt, diags, ctx)
    if output_file:
        try:
            output_file.write_text(text, encoding="utf-8", errors="surrogateescape")  # paths as on disk
        except OSError as ex:
            _die(f"--output-file {output_file}: {ex.strerror or ex}")
    else:
        sys.stdout.write(text)
        sys.stdout.flush()
    failing = any(d.severity >= fail_on_sev for d in diags)
    raise typer.Exit(0 if exit_zero or not failing else 1)


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


def _fix(engine, results, write: bool, unsafe: bool, show_diff: bool):
    """Apply fixes (fixes.fix_source) and write them, or print them as a diff; a file that
    cannot or must not be written is reported on stderr and keeps its findings."""
    from . import fixes

    out = []
    for res in results:
        art = res.article
        if art is None or art.path == (engine.options.stdin_filename or "-") and not Path(art.path).is_file():
            out.append(res)
            continue
        original = art.source
        current, current_res = fixes.fix_source(
            original, res, lambda text: engine.recheck(art.path, fixes.encode(text, art.encoding, art.bom)),
            unsafe)
        if current != original:
            if show_diff:
                sys.stdout.write(fixes.unified_diff(art.path, original, current))
            if write:
                try:
                    fixes.write_fixed(Path(art.path), fixes.encode(current, art.encoding, art.bom), art.digest)
                except fixes.NotWritten as ex:  # say why, keep its findings, go on with the others
                    typer.echo(f"lintnews: {art.path}: not fixed: {ex}", err=True)
                    out.append(res)
                    continue
                out.append(current_res)
                continue
        out.append(res if show_diff else current_res)
    return out


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

    from .config import ConfigError, find_config, is_selected, read_file, with_overrides
    from .registry import RuleError, load_rules

    try:
        cfg = read_file(config) if config else find_config(Path.cwd())
        if cfg is None:
            _die(f"{config}: no [tool.lintnews] table")
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
    from .config import ConfigError, find_config
    from .engine import INTERNAL
    from .registry import RuleError, find_rule, load_rules

    if rule.upper() in INTERNAL:
        name, sev, text = INTERNAL[rule.upper()]
        typer.echo(f"{rule.upper()} {name} ({sev}, internal)\n\n{text}")
        return
    try:
        all_rules = load_rules(find_config(Path.cwd()).rule_dirs)
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
