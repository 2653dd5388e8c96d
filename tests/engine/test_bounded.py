"""Cost bounded in the input's size: long punctuation runs shortened with exact positions,
long articles checked in sections, a per-article time budget that ends in E002."""
from __future__ import annotations

import random
import signal
import textwrap
import threading
import time

import pytest

from lintnews import sources
from lintnews.article import MAX_RUN, shorten_runs
from lintnews.config import ConfigError, parse_table
from lintnews.engine import Engine, RunOptions
from lintnews.kinds.base import Finding, Kind
from lintnews.kinds.names import _one_edit_pairs

from conftest import project, source_range, write


def engine(**overrides) -> Engine:
    return Engine(RunOptions(isolated=True, overrides=overrides))


def located(diags, source: str) -> list[tuple[str, str]]:
    """(code, the source text each diagnostic points at), checked against its own text."""
    out = []
    for d in diags:
        flagged = source_range(source, d.line, d.column, d.end_line, d.end_column)
        assert flagged == d.text, (d.code, d.message)
        out.append((d.code, flagged))
    return out


# -- punctuation runs ------------------------------------------------------------------------
def test_a_long_run_keeps_its_ends_and_its_exact_positions():
    source = "Title\n\nA " + "[" * 5000 + " b " + "&" * 40 + " and a apple.\n"
    art = shorten_runs(sources.load("a.txt", data=source.encode()))
    assert art.text.count("[") == MAX_RUN and art.text.count("&") == MAX_RUN
    for i, ch in enumerate(art.text):  # every kept character maps to itself in the source
        assert ch == "\n" or source[art.offsets[i]] == ch
    assert [art.text[s:e] for s, e in art.paragraphs] == ["Title", art.text[7:].rstrip("\n")]
    start = art.text.index("[")
    assert art.source_text(start, start + MAX_RUN) == "[" * 5000  # the whole run, not its ends


def test_entities_in_html_shrink_but_findings_point_at_the_source():
    source = "<html><body><p>" + "&amp;" * 20_000 + " and a apple.</p></body></html>\n"
    eng = engine(select=("W101",))
    art = eng.read("a.html", eng.config_for(__import__("pathlib").Path("a.html")), source.encode())
    assert len(art.text) < 100
    run = art.text.index("&")
    assert art.source_text(run, run + MAX_RUN) == "&amp;" * 20_000
    assert located(eng.lint_text(source, "a.html"), source) == [("W101", "a apple")]


def test_unmatched_brackets_in_a_long_run_point_at_brackets():
    source = "Title\n\nIt " + "(" * 300 + " was so.\n"
    diags = engine(select=("W201",)).lint_text(source)
    assert diags and all(flagged == "(" for _, flagged in located(diags, source))


# -- sections ---------------------------------------------------------------------------------
PARAGRAPH = "Paragraph {i} has a apple and the the word, said Mr Smith on Monday."


def article(n: int) -> str:
    return "Headline here\n\n" + "\n\n".join(PARAGRAPH.format(i=i) for i in range(n)) + "\n"


def test_split_points_cut_at_paragraphs_and_never_exceed_the_size():
    art = sources.load("a.txt", data=article(40).encode())
    spans = art.split_points(1000)
    assert spans[0][0] == 0 and spans[-1][1] == len(art.text) and len(spans) > 2
    assert all(b - a <= 1000 for a, b in spans)
    assert all(b == c for (_, b), (c, _) in zip(spans, spans[1:]))  # nothing lost, nothing twice
    starts = {s for s, _ in art.paragraphs}
    assert all(b in starts for _, b in spans[:-1])
    one = sources.load("b.txt", data=("word " * 3000 + "\n").encode())  # one paragraph, no breaks
    assert all(b - a <= 1000 and one.text[b - 1] == " " for a, b in one.split_points(1000)[:-1])


def test_sections_find_the_same_local_findings_in_the_same_places():
    text = article(40)
    whole = engine(select=("W101", "W102")).lint_text(text)
    parts = engine(select=("W101", "W102"), max_article_size=1000).lint_text(text)
    assert len(whole) == 80
    assert located(parts, text) == located(whole, text)


def test_suppressions_span_sections_and_unused_ones_are_reported_once():
    body = "\n\n".join(PARAGRAPH.format(i=i) for i in range(30))
    text = ("# Headline\n\n<!-- lintnews-disable W102 -->\n\n" + body +
            "\n\n<!-- lintnews-enable W102 -->\n\n<!-- lintnews-disable C208 -->\n\nThe the end.\n")
    diags = engine(select=("W102", "C208"), max_article_size=1000).lint_text(text, "a.md")
    codes = [(d.code, d.line) for d in diags]
    assert [c for c in codes if c[0] == "W102"] == [("W102", text[:text.index("The the end")].count("\n") + 1)]
    assert [c for c, _ in codes].count("E003") == 1


def test_no_parse_is_longer_than_a_section():
    """spaCy refuses a text over nlp.max_length (E088): sections keep every parse below it."""
    eng = engine(select=("W101",), max_article_size=1000)
    nlp = eng.nlp(eng.config_for(__import__("pathlib").Path("a.txt")))
    saved = nlp.max_length
    nlp.max_length = 2000
    try:
        diags = eng.lint_text(article(60))
    finally:
        nlp.max_length = saved
    assert [d.code for d in diags] == ["W101"] * 60


# -- time budget ----------------------------------------------------------------------------
class SlowKind(Kind):
    """Takes ``seconds``; checks the budget as it goes when ``cooperative``; hides every
    exception from its work when ``swallow`` (the budget must still stop it)."""

    defaults = {"seconds": 5.0, "cooperative": False, "swallow": False}

    def check(self, ctx):
        end = time.monotonic() + self.options["seconds"]
        while time.monotonic() < end:
            try:
                if self.options["cooperative"]:
                    ctx.budget.check()
                time.sleep(0.01)
            except Exception:
                if not self.options["swallow"]:
                    raise
        yield Finding(0, 1, "finished")


SLOW_RULES = """\
- code: X301
  name: slow-rule
  kind: slow
  severity: warning
  summary: Slow on purpose.
  options: {{seconds: {seconds}, cooperative: {cooperative}, swallow: {swallow}}}
- code: X302
  name: after-slow
  kind: regex
  severity: warning
  summary: Runs after the slow rule.
  options: {{pattern: 'zzz', message: 'zzz'}}
"""


def slow_engine(tmp_path, monkeypatch, budget: float, seconds: float = 5.0, cooperative: bool = False,
                swallow: bool = False) -> Engine:
    from lintnews import registry

    monkeypatch.setitem(registry.builtin_kinds(), "slow", "test_bounded:SlowKind")
    project(tmp_path, f"time-budget = {budget}\n", SLOW_RULES.format(
        seconds=seconds, cooperative=str(cooperative).lower(), swallow=str(swallow).lower()))
    return Engine(RunOptions(config_file=tmp_path / "lintnews.toml", overrides={"select": ("X3",)}))


def test_a_rule_past_the_budget_is_interrupted_and_named(tmp_path, monkeypatch):
    eng = slow_engine(tmp_path, monkeypatch, budget=0.3, swallow=True)
    t = time.monotonic()
    diags = eng.lint_text("A text.\n")
    assert time.monotonic() - t < 3
    [d] = diags
    assert d.code == "E002" and "ran out in rule X301 slow-rule" in d.message
    assert "skipped: the rest of its findings and rule X302" in d.message
    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)
    assert signal.getsignal(signal.SIGALRM) == signal.SIG_DFL


def test_off_the_main_thread_the_budget_is_cooperative(tmp_path, monkeypatch):
    cooperative = slow_engine(tmp_path / "a", monkeypatch, budget=0.3, cooperative=True)
    late = slow_engine(tmp_path / "b", monkeypatch, budget=0.3, seconds=0.6)
    out: dict = {}

    def work() -> None:
        t = time.monotonic()
        out["cooperative"] = cooperative.lint_text("A text.\n"), time.monotonic() - t
        out["late"] = late.lint_text("A text.\n")

    thread = threading.Thread(target=work)
    thread.start()
    thread.join(30)
    diags, elapsed = out["cooperative"]
    assert elapsed < 3 and [d.code for d in diags] == ["E002"]
    # a rule that never checks finishes late: its findings stand, the rules after it do not run
    e002, x301 = out["late"]
    assert (e002.code, x301.code) == ("E002", "X301")
    assert "ran out in rule X301" in e002.message and "skipped: rule X302" in e002.message


def test_time_budget_zero_means_no_limit(tmp_path, monkeypatch):
    eng = slow_engine(tmp_path, monkeypatch, budget=0, seconds=0.3)
    assert [d.code for d in eng.lint_text("A text.\n")] == ["X301"]


@pytest.mark.parametrize("table,message", [
    ({"max-article-size": 10}, "'max-article-size' must be a whole number of characters from 1,000"),
    ({"max-article-size": "big"}, "'max-article-size' must be a whole number"),
    ({"max-article-size": 10_000_000}, "to 5,000,000"),
    ({"time-budget": -1}, "'time-budget' must be a number of seconds >= 0"),
    ({"time-budget": True}, "'time-budget' must be a number"),
])
def test_bad_limits_name_the_key(tmp_path, table, message):
    with pytest.raises(ConfigError, match=message):
        parse_table(table, "lintnews.toml", tmp_path)


def test_limits_are_read_from_the_config(tmp_path):
    write(tmp_path / "lintnews.toml", "max-article-size = 50000\ntime-budget = 2.5\n")
    cfg = Engine(RunOptions(config_file=tmp_path / "lintnews.toml")).config_for(tmp_path / "a.txt")
    assert (cfg.max_article_size, cfg.time_budget) == (50_000, 2.5)


# -- indexes instead of all pairs -------------------------------------------------------------
def test_one_edit_pairs_are_every_pair_one_edit_apart():
    from rapidfuzz.distance import OSA

    rng = random.Random(5)
    words = {"".join(rng.choice("abAB") for _ in range(rng.randint(3, 6))) for _ in range(300)}
    brute = sorted((a, b) for a in words for b in words
                   if a < b and abs(len(a) - len(b)) <= 1 and OSA.distance(a, b) <= 1)
    found = [p for p in _one_edit_pairs(words) if OSA.distance(*p) <= 1]
    assert found == brute and brute


def test_a_timer_set_by_someone_else_is_put_back(tmp_path, monkeypatch):
    eng = slow_engine(tmp_path, monkeypatch, budget=0.2, seconds=0.1)
    fired = []
    previous = signal.signal(signal.SIGALRM, lambda *_: fired.append(True))
    signal.setitimer(signal.ITIMER_REAL, 5)
    try:
        eng.lint_text("A text.\n")
        left = signal.getitimer(signal.ITIMER_REAL)[0]
        assert 3 < left < 5 and not fired  # still running, less the time the check took
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def test_a_withdrawn_check_stops_at_its_next_checkpoint(tmp_path, monkeypatch):
    from lintnews.budget import Cancelled, cancellable

    eng = slow_engine(tmp_path, monkeypatch, budget=0, seconds=20, cooperative=True)  # no time limit
    cancel, out = threading.Event(), {}

    def work() -> None:
        t = time.monotonic()
        try:
            with cancellable(cancel):
                out["result"] = eng.lint_text("A text.\n")
        except Cancelled:
            out["cancelled"] = time.monotonic() - t

    thread = threading.Thread(target=work)
    thread.start()
    time.sleep(0.3)
    cancel.set()
    thread.join(30)
    assert "result" not in out and out["cancelled"] < 3
