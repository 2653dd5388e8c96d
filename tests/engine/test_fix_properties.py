"""--fix is provably safe: fix invariants checked by property, in every input format.

Hypothesis writes documents that mix prose full of fixable slips with every
non-prose construct the format's adapter knows (code, images, autolinks, comments,
directives, tags, character references, escapes, CRLF line ends). Fixing them the
way the CLI does must:

- edit only prose: every edit replaces source text that is exactly the prose text
  the rule saw (no markup, reference or dropped element inside or under it);
- keep every non-prose element, byte for byte;
- never add an error-level finding;
- converge: a second run fixes nothing.

The fast profile runs in the normal test run; set LINTNEWS_FIX_EXAMPLES (say 2000)
for a long run (README, Development).
"""
from __future__ import annotations

import html
import os
from collections import Counter

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import engine_for
from lintnews import fixes
from lintnews.engine import fixing
from lintnews.diagnostics import Severity

EXAMPLES = int(os.environ.get("LINTNEWS_FIX_EXAMPLES", "100"))
PROFILE = settings(max_examples=EXAMPLES, deadline=None, derandomize="LINTNEWS_FIX_EXAMPLES" not in os.environ,
                   suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
# The fixable rules and every error-level rule that reads characters (cheap: no parser).
RULES = ("W101", "W102", "W201", "W202", "C105")

# Prose full of what the fixable rules repair, and of what they must leave alone.
PROSE = ["the the", "a hour", "an university", "An key", "had has", "at at", "Spend Spend Spend",
         "Bafana Bafana", "policies.President", 'carpet."It\'s over," he said', 'him."The',
         'said,"We', '"straight"', "“curly”", "word ,", "word .", "an MP", "a 18-year-old",
         "in the in the", "It", "was", "said", "(a)", "9 a.m.", "Moon.", "The", "shows", "plan",
         "function", "was was", "U.S.A", "e.g. this", '"', "“", "”", "'", "(", ")", "said:", "2004,but",
         "(worth $5m)was", '"Prices were higher,"he said', "Mr Blair Blair's", "why?The", "it's", "  "]
WORDY = [p for p in PROSE if any(c.isalpha() for c in p)]
GLUE = [" ", "  ", "", "\n", ". ", ", "]


def prose() -> st.SearchStrategy[str]:
    return st.sampled_from(PROSE)


# Non-prose constructs per format: (strategy of the construct, is it inline).
# Each carries a number so that a lost or duplicated one is seen.
def _md_inline(k: int) -> list[str]:
    return [f"`code_{k}`", f"![chart {k}](c{k}.png)", f"<http://example.com/{k}>", f"<!-- note {k} -->",
            "<!-- lintnews-disable-next-line W102 -->", "<br>", f"[link](http://u.example/{k})",
            "*the*", "\\*", "&eacute;", "&amp;", "&quot;", "**the**", f"[the](u{k}.md)", "<span>the</span>",
            "_a_", "&#39;", "\\\""]


def _html_inline(k: int) -> list[str]:
    return [f"<code>c{k} the the</code>", f'<img src="i{k}.png">', "<br>", f"<!-- n{k} -->",
            "<b>the</b>", f'<a href="u{k}">the</a>', "&eacute;", "&amp;", "&#39;", "&quot;",
            f"<script>var x{k} = 'the  the';</script>", "<i>", "</i>"]


@st.composite
def inline_mix(draw, constructs) -> tuple[str, list[str]]:
    """A run of prose and inline constructs; returns (text, constructs used)."""
    n = draw(st.integers(1, 8))
    out, used = [draw(st.sampled_from(WORDY)), draw(st.sampled_from(GLUE))], []
    for k in range(n):
        if draw(st.integers(0, 2)) == 0:
            c = draw(st.sampled_from(constructs(k)))
            used.append(c)
            out.append(c)
        else:
            out.append(draw(prose()))
        out.append(draw(st.sampled_from(GLUE)))
    return "".join(out).strip() or "It was", used


@st.composite
def txt_docs(draw) -> tuple[str, str, list[str]]:
    lines, used = [], []
    for _ in range(draw(st.integers(1, 6))):
        text, _ = draw(inline_mix(lambda k: [draw(prose())]))
        lines.append(text)
        kind = draw(st.integers(0, 4))
        if kind == 0:
            d = draw(st.sampled_from(["<!-- lintnews-disable-next-line W102 -->",
                                      "<!-- lintnews-disable W202 -->", "<!-- lintnews-enable W202 -->"]))
            lines.append(d)
            used.append(d)
        elif kind == 1:
            lines.append("")
    source = "\n".join(lines) + "\n"
    return "doc.txt", source, used


@st.composite
def md_docs(draw) -> tuple[str, str, list[str]]:
    blocks, used = [], []
    for b in range(draw(st.integers(1, 5))):
        text, u = draw(inline_mix(_md_inline))
        used += u
        shape = draw(st.sampled_from(["", "# ", "- ", "> ", "fence", "hard", "indent"]))
        if shape == "fence":
            code = f"```\nthe the  {b}\n```"
            blocks += [text, code]
            used.append(code)
        elif shape == "hard":
            blocks.append(text + "  \n" + draw(prose()))
        elif shape == "indent":
            blocks.append(text + "\n   " + draw(prose()))
        else:
            blocks.append(shape + text.replace("\n", "\n" + shape.strip() + " " if shape == "> " else "\n"))
    if draw(st.booleans()):  # front matter: its title is the headline
        front = f"---\ntitle: {draw(prose())}\ndate: 2024-03-01\n---"
        blocks.insert(0, front)
    return "doc.md", "\n\n".join(blocks) + "\n", used


@st.composite
def html_docs(draw) -> tuple[str, str, list[str]]:
    blocks, used = [], []
    for _ in range(draw(st.integers(1, 5))):
        text, u = draw(inline_mix(_html_inline))
        used += u
        tag = draw(st.sampled_from(["p", "h1", "li", "div"]))
        blocks.append(f"<{tag}>{text}</{tag}>")
    return "doc.html", "<html><body>\n" + "\n".join(blocks) + "\n</body></html>\n", used


def crlf(doc: tuple[str, str, list[str]], yes: bool) -> tuple[str, str, list[str]]:
    name, source, used = doc
    if not yes:
        return doc
    return name, source.replace("\n", "\r\n"), [u.replace("\n", "\r\n") for u in used]


def prose_of_span(art, start: int, end: int) -> str:
    """The extracted text whose characters come from source ``[start, end)``."""
    return "".join(ch for ch, o in zip(art.text, art.offsets) if start <= o < end)


def check_pass(res) -> None:
    """Every safe edit replaces exactly the prose the rule saw, and nothing else."""
    art = res.article
    for d in res.diagnostics:
        if not (d.fix and d.fix.safe):
            continue
        for e in d.fix.edits:
            src = art.source[e.start:e.end]
            assert src.replace("\r\n", "\n") == prose_of_span(art, e.start, e.end), (
                f"{d.code} edit {e} replaces {src!r}, which is not the prose the rule saw")
            if e.start == e.end:  # an insertion sits between two prose characters
                before = [o for o in art.offsets if o < e.start]
                after = [o for o in art.offsets if o >= e.start]
                last = art.source[before[-1] if before else 0:after[0] if after else len(art.source)]
                ref = last.startswith("&") and last.endswith(";") and html.unescape(last) != last
                gap = "" if ref else last[1:]  # the rest of a character reference (&quot;) is prose
                assert gap in ("", "\r"), f"{d.code} inserts {e.text!r} next to non-prose {gap!r}"


def fix_like_cli(name: str, source: str):
    """Fix pass by pass as ``lintnews check --fix`` does; returns (fixed, first result, last result)."""
    engine = engine_for(RULES)
    first = res = engine.recheck(name, source.encode("utf-8"))
    assert res.article is not None, res.diagnostics
    current = source
    for _ in range(fixing.MAX_PASSES):
        check_pass(res)
        edits = fixes.select_edits(res.diagnostics)
        if not edits:
            return current, first, res
        current = fixes.apply_edits(current, edits)
        res = engine.recheck(name, current.encode("utf-8"))
        assert res.article is not None, f"fixing made the file unreadable: {current!r}"
    raise AssertionError(f"fixes did not converge on {source!r}")


def errors(res) -> Counter:
    return Counter(d.code for d in res.diagnostics if d.severity >= Severity.ERROR)


def check_invariants(doc) -> None:
    name, source, used = doc
    fixed, first, last = fix_like_cli(name, source)
    for element in set(used):
        assert fixed.count(element) == source.count(element), f"{element!r} lost or damaged: {fixed!r}"
    assert fixed.count("\r") == fixed.count("\r\n"), f"a CRLF line ending was split: {fixed!r}"
    before, after = errors(first), errors(last)
    assert all(after[c] <= before[c] for c in after), f"fixing added errors: {before} -> {after}"
    assert not fixes.select_edits(last.diagnostics), "a second run would fix more"


@PROFILE
@given(txt_docs(), st.booleans())
def test_fix_invariants_text(doc, use_crlf):
    check_invariants(crlf(doc, use_crlf))


@PROFILE
@given(md_docs(), st.booleans())
def test_fix_invariants_markdown(doc, use_crlf):
    check_invariants(crlf(doc, use_crlf))


@PROFILE
@given(html_docs(), st.booleans())
def test_fix_invariants_html(doc, use_crlf):
    check_invariants(crlf(doc, use_crlf))
