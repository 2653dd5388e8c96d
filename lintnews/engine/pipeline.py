"""One article through the rules: read -> parse -> kinds -> locate -> suppress.

Readable files are parsed in batches (``nlp.pipe``); a long article is parsed in
pieces and, over ``max-article-size``, checked in sections. Every article has a
time budget (``budget.Budget``): a rule that runs out costs its findings and the
rules after it, with one E002 saying so; the run goes on.
"""
from __future__ import annotations

import traceback
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterator

from ..article import Article
from ..budget import Budget, BudgetExceeded
from ..config import Config
from ..diagnostics import Diagnostic, Edit, Fix, Related
from ..internal import internal_diagnostic, internal_rules
from ..registry import Rule
from .model import ActiveRule, FileResult
from .suppression import apply_suppressions

if TYPE_CHECKING:
    from . import Engine

# spaCy's memory grows with the text parsed at once (about 15 KB a token: 100,000
# characters of prose take some 400 MB). An article over PARSE_PIECE characters is parsed
# alone, in paragraph-aligned pieces of at most that size (the time budget is checked
# between pieces: spaCy itself cannot be interrupted); shorter ones are parsed together,
# at most BATCH_CHARS characters at a time.
PARSE_PIECE = 20_000
BATCH_CHARS = 100_000

_Pending = tuple[str, Config, Article, list[ActiveRule]]


def check_files(engine: "Engine", names: list[str], stdin_data: bytes | None = None,
                batch_size: int = 32) -> Iterator[FileResult]:
    """Yield one FileResult per file, in the order given.

    A file that cannot be read yields its E001 result in its place; readable
    files are parsed in batches (``nlp.pipe``) and never held back by a bad one.
    """
    pending: list[_Pending | FileResult] = []
    pending_chars = 0  # the parse's memory grows with the text parsed together
    for name in names:
        display = (engine.options.stdin_filename or "-") if name == "-" else name
        path = Path(display)
        cfg = engine.config_for(path)
        active = engine.active_rules(cfg, path)
        art = engine.read(display, cfg, stdin_data if name == "-" else None)
        if isinstance(art, Diagnostic):
            pending.append(FileResult(display, [art] if engine.internal_enabled(cfg, "E001", path) else []))
        else:
            pending.append((display, cfg, art, active))
            pending_chars += len(art.text)
        if len(pending) >= batch_size or pending_chars >= BATCH_CHARS:
            yield from _flush(engine, pending)
            pending, pending_chars = [], 0
    yield from _flush(engine, pending)


def _flush(engine: "Engine", pending: list[_Pending | FileResult]) -> Iterator[FileResult]:
    """The results of ``pending`` in order: unreadable files as they are, the rest checked."""
    batch = [p for p in pending if not isinstance(p, FileResult)]
    done = iter(run_batch(engine, batch)) if batch else iter(())
    for p in pending:
        yield p if isinstance(p, FileResult) else next(done)


def run_batch(engine: "Engine", batch: list[_Pending]) -> Iterator[FileResult]:
    """Check read articles: one nlp.pipe per (model, pipes) group (nearly always one group);
    a long article is left out of it and parsed in pieces, section by section."""
    from ..nlp import parse

    groups: dict[tuple[int, frozenset[str]], list[int]] = {}
    nlps = {}
    for i, (_, cfg, art, active) in enumerate(batch):
        if _in_pieces(art, cfg):
            continue
        nlp = engine.nlp(cfg) if active else None
        key = (id(nlp), _requires(active))
        nlps[key] = nlp
        groups.setdefault(key, []).append(i)
    docs: dict[int, Any] = {}
    for key, idx in groups.items():
        nlp = nlps[key]
        if nlp is None:
            continue
        for i, doc in zip(idx, parse(nlp, [batch[i][2].text for i in idx], key[1])):
            docs[i] = doc
    for i, (display, cfg, art, active) in enumerate(batch):
        if _in_pieces(art, cfg):
            yield FileResult(display, lint_sections(engine, art, active, cfg), art)
        else:
            yield FileResult(display, lint_article(engine, art, docs.get(i), active, cfg), art)


def lint_article(engine: "Engine", art: Article, doc: Any, active: list[ActiveRule],
                 cfg: Config) -> list[Diagnostic]:
    """Run every active rule over one parsed article, within its time budget."""
    diags, _ = check_rules(engine, art, doc, active, cfg, Budget(cfg.time_budget), _Scope())
    return finish(engine, art, diags, active, cfg)


def lint_sections(engine: "Engine", art: Article, active: list[ActiveRule], cfg: Config) -> list[Diagnostic]:
    """A long article: parsed in pieces, and over ``max-article-size`` checked in sections.

    Sections end at paragraph breaks where possible; each is parsed in pieces of at
    most PARSE_PIECE characters and checked like an article (consistency rules compare
    within a section), all under one time budget. Findings keep their exact positions
    (a section's offsets are a slice of the article's); suppressions and E003 are
    applied once, over the whole article.
    """
    budget = Budget(cfg.time_budget)
    spans = art.split_points(cfg.max_article_size)
    diags: list[Diagnostic] = []
    scope = _Scope()
    for k, (start, end) in enumerate(spans):
        sec = art.section(start, end) if len(spans) > 1 else art
        scope.where, scope.rest = _section_labels(art, spans, k)
        try:
            doc = _parse_in_pieces(engine, sec, active, cfg, budget)
        except BudgetExceeded:
            if engine.internal_enabled(cfg, "E002", Path(art.path)):
                unchecked = f"{_lines(art, start, len(art.text))} not checked"
                diags.append(_budget_error(art, cfg, None, [], _Scope(scope.where, unchecked)))
            break
        more, finished = check_rules(engine, sec, doc, active, cfg, budget, scope)
        diags.extend(more)
        if not finished:
            break
    return finish(engine, art, diags, active, cfg)


def _parse_in_pieces(engine: "Engine", art: Article, active: list[ActiveRule], cfg: Config,
                     budget: Budget) -> Any:
    """One Doc for the article, parsed in pieces of at most PARSE_PIECE characters."""
    if not active:
        return None
    from ..nlp import parse_pieces

    budget.check()
    texts = [art.text[s:e] for s, e in art.split_points(PARSE_PIECE)]
    return parse_pieces(engine.nlp(cfg), texts, _requires(active), budget.check)


def check_rules(engine: "Engine", art: Article, doc: Any, active: list[ActiveRule], cfg: Config,
                budget: Budget, scope: "_Scope") -> tuple[list[Diagnostic], bool]:
    """Every active rule over one article or section: (diagnostics, finished in time).

    A rule that raises costs its own findings (E002); a rule still running when the
    budget runs out costs its findings and every rule after it (one E002 saying so).
    """
    from ..facts import Facts
    from ..kinds.base import Context, Settings

    settings = Settings(known_acronyms=frozenset(cfg.known_acronyms),
                        date=engine.options.date or art.date, vocabulary=cfg.vocabulary)
    facts = Facts(art, doc, settings)
    ctx = Context(art, doc, facts, settings, budget)
    report = engine.internal_enabled(cfg, "E002", Path(art.path))
    diags: list[Diagnostic] = []
    for k, a in enumerate(active):
        try:
            with budget.armed():
                _collect(ctx, a, diags)
        except BudgetExceeded:
            if report:
                diags.append(_budget_error(art, cfg, a.rule, active[k + 1:], scope, lost=True))
            return diags, False
        except Exception as ex:  # a broken rule costs the rest of its findings, never the run
            if report and a.rule.code not in scope.failed:
                diags.append(_rule_error(art.path, a.rule, ex))
                scope.failed.add(a.rule.code)
            continue
        if budget.expired() and (k + 1 < len(active) or scope.rest):
            # the rule finished past the deadline (no signal here): its findings stand
            if report:
                diags.append(_budget_error(art, cfg, a.rule, active[k + 1:], scope, lost=False))
            return diags, False
    return diags, True


def _collect(ctx: Any, a: ActiveRule, diags: list[Diagnostic]) -> None:
    """One rule's findings as Diagnostics, appended as they are yielded (a later error
    keeps these); none inside quotations for rules that say so, none over junctions
    that exist only in the extracted text for literal checks."""
    art = ctx.article
    quotes = None if a.rule.quotes else ctx.facts.quotes
    literal = getattr(a.kind, "literal", False)
    for f in a.kind.check(ctx):
        if quotes is not None and quotes.contains(f.start, f.end):
            continue
        if literal and not art.contiguous(f.start, f.end):
            continue  # a junction made by dropping non-prose: not in the source
        diags.append(to_diagnostic(art, a, f))


def finish(engine: "Engine", art: Article, diags: list[Diagnostic], active: list[ActiveRule],
           cfg: Config) -> list[Diagnostic]:
    """Suppressions (and unused ones, E003) over the whole article, then sorted."""
    known = [(r.code, r.name) for r in engine.rules_for(cfg)] + internal_rules()
    diags = apply_suppressions(art, diags, engine.internal_enabled(cfg, "E003", Path(art.path)),
                               active=[(a.rule.code, a.rule.name) for a in active], known=known)
    diags.sort(key=Diagnostic.sort_key)
    return diags


def to_diagnostic(art: Article, active: ActiveRule, f: Any) -> Diagnostic:
    """A kind's Finding (text offsets) -> a located Diagnostic."""
    loc = art.location(f.start, f.end)
    related = [Related(art.location(s, e), m) for s, e, m in f.related]
    edits = fix_edits(art, f)
    fix = None
    if edits:
        fix = Fix(f.fix_message or "apply fix", edits,
                  safe=active.rule.fixable and getattr(f, "fix_safe", True))
    s, e = art.source_span(f.start, f.end)
    return Diagnostic(path=art.path, line=loc.line, column=loc.column, end_line=loc.end_line,
                      end_column=loc.end_column, code=active.rule.code, rule=active.rule.name,
                      severity=active.severity, message=f.message, related=related, fix=fix,
                      text=art.source[s:e])


def fix_edits(art: Article, f: Any) -> tuple[Edit, ...] | None:
    """A finding's fix as source Edits, or None: the whole fix is dropped (the finding
    stays) unless every edit is safe to make in the source.

    Safe: the edited text is a verbatim copy of the source (no character reference,
    escape or dropped element inside it) and its edges are real junctions
    (``Article.edit_span``; a fix that deletes exactly the flagged text may remove whole
    character references); and an edit inside or next to the finding's span
    needs that span contiguous too, since the rule decided on all of it.
    """
    if not f.fix:
        return None
    edits = []
    for s, e, t in f.fix:
        if f.start <= e and s <= f.end and not art.contiguous(f.start, f.end):
            return None
        # deleting exactly the flagged text may remove whole character references (W203's &shy;)
        span = art.edit_span(s, e, deletion=not t and (s, e) == (f.start, f.end))
        if span is None:
            return None
        edits.append(Edit(span[0], span[1], t))
    return tuple(edits)


def _in_pieces(art: Article, cfg: Config) -> bool:
    """Whether an article is parsed in pieces (and, over max-article-size, checked in sections)."""
    return len(art.text) > min(PARSE_PIECE, cfg.max_article_size)


@dataclass
class _Scope:
    """Where in the article a check runs, for E002 messages: ``where`` names the section,
    ``rest`` what lies after it; ``failed`` the rules already reported as broken."""

    where: str = ""
    rest: str = ""
    failed: set[str] = field(default_factory=set)


def _section_labels(art: Article, spans: list[tuple[int, int]], k: int) -> tuple[str, str]:
    """For E002 messages: where section ``k`` is, and what follows it."""
    if len(spans) < 2:
        return "", ""
    start, end = spans[k]
    where = f" on {_lines(art, start, end)} (section {k + 1} of {len(spans)})"
    rest = f"{_lines(art, end, len(art.text))} not checked" if k + 1 < len(spans) else ""
    return where, rest


def _lines(art: Article, start: int, end: int) -> str:
    """'lines 4-9' (or 'line 4') for text ``[start, end)``."""
    first, last = art.line_of(start), art.line_of(max(start, end - 1))
    return f"line {first}" if first == last else f"lines {first}-{last}"


def _requires(active: list[ActiveRule]) -> frozenset[str]:
    """The spaCy pipes the active rules need."""
    return frozenset().union(*[a.kind.requires for a in active]) if active else frozenset()


def _budget_error(art: Article, cfg: Config, rule: Rule | None, skipped: list[ActiveRule],
                  scope: _Scope, lost: bool = False) -> Diagnostic:
    """E002 for an article whose time budget ran out: what ran out, and what was skipped."""
    if rule is not None:
        what = f"in rule {rule.code} {rule.name}{scope.where}"
    else:  # the parse: "while parsing lines 47-67 (section 3 of 4)", or the whole article
        what = f"while parsing{scope.where.replace(' on ', ' ', 1) or ' the article'}"
    missing = ["the rest of its findings"] if lost else []
    if skipped:
        codes = [a.rule.code for a in skipped]
        shown = ", ".join(codes[:8]) + (f" and {len(codes) - 8} more" if len(codes) > 8 else "")
        missing.append(f"rule{'s' if len(codes) > 1 else ''} {shown}")
    message = f"time budget of {cfg.time_budget:g} s for this article ran out {what}"
    if missing:
        message += f"; skipped: {' and '.join(missing)}" + (" there" if scope.where else "")
    if scope.rest:
        message += f"; {scope.rest}"
    message += "; raise `time-budget` (or set it to 0) to check it all"
    return internal_diagnostic("E002", art.path, message)


def _rule_error(path: str, rule: Rule, ex: BaseException) -> Diagnostic:
    """E002 for a rule that raised: which rule, what, and where in the code."""
    tb = traceback.extract_tb(ex.__traceback__)
    where = f" ({Path(tb[-1].filename).name}:{tb[-1].lineno})" if tb else ""
    return internal_diagnostic("E002", path, f"rule {rule.code} {rule.name} failed on this file: "
                                             f"{type(ex).__name__}: {ex}{where}; its findings are missing")
