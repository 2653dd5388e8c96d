"""Google Docs' HTML export (File > Download > Web page): exact positions and the headline.

tests/fixtures/gdocs-export.html is written by hand as Google Docs writes it: the whole
document on one line, a class for every style, the Title style as <p class="title">,
the document's name in <title>, &nbsp; at run edges, links through google.com/url,
and comments and footnotes as [a]/[1] markers with their texts at the end.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from lintnews import sources
from lintnews.engine import Engine, RunOptions
from lintnews.report import ReportContext, render

from conftest import source_range
from test_full_format import check_report

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "gdocs-export.html"


@pytest.fixture(scope="module")
def result():
    return Engine(RunOptions(isolated=True)).run([str(FIXTURE)])[0]


def test_findings_are_exact_in_the_one_line_export(result):
    src = FIXTURE.read_text(encoding="utf-8")
    assert "\n" not in src
    flagged = {}
    for d in result.diagnostics:
        assert source_range(src, d.line, d.column, d.end_line, d.end_column) == d.text
        for r in d.related:
            loc = r.location
            assert source_range(src, loc.line, loc.column, loc.end_line, loc.end_column)
        flagged[d.code] = d.text
    assert flagged == {"C303": "on Monday", "W102": "the the", "C203": "the 63-year-old",
                       "W101": "an unique"}, flagged
    c203 = next(d for d in result.diagnostics if d.code == "C203")
    loc = c203.related[0].location
    assert source_range(src, loc.line, loc.column, loc.end_line, loc.end_column).startswith("Tom Ashby")


def test_headline_is_the_title_style_and_the_document_name_is_not_prose(result):
    art = result.article
    assert art.title == "Library to open on Sundays from June"
    assert art.text.startswith("Library to open on Sundays from June\n\nDraft for the weekend edition")
    assert "library-sundays-draft" not in art.text
    assert "said\xa0on Monday" in art.text  # the [a] marker dropped, the &nbsp; kept


def test_comments_and_footnotes_are_not_prose(result):
    text = result.article.text
    for gone in ("[a]", "[1]", "a error", "Checked with", "From the the council", ".c0{"):
        assert gone not in text, gone
    assert text.rstrip().endswith("Mr Ashby\xa0said.")


@pytest.mark.parametrize("body, head, title", [
    ('<h1 id="h.1"><span>Ferry fares rise</span></h1><p><span>Fares rise.</span></p>', True, "Ferry fares rise"),
    ('<p class="c1"><span>Fares rise.</span></p>', True, "draft-name"),  # nothing else: the name
    ('<p class="c2 title"><span>Fares up</span></p><h1><span>Background</span></h1><p>Text.</p>', True, "Fares up"),
    ('<h1><span>Fares up</span></h1><p class="title"><span>Later</span></p><p>Text.</p>', False, "Fares up"),
    ('<p class="c2 title"><span></span></p><p class="c1">Fares rise.</p>', False, None),
])
def test_headline_choices(body, head, title):
    name = "<title>draft-name</title>" if head else ""
    html = f'<html><head><meta content="text/html; charset=UTF-8" http-equiv="content-type">{name}' \
           f'<style type="text/css">.c1{{margin:0}}</style></head><body class="c4 doc-content">{body}</body></html>'
    art = sources.load("doc.html", data=html.encode())
    assert art.title == title
    if title and title != "draft-name":
        assert "draft-name" not in art.text


def test_full_format_windows_the_one_line_export(result):
    src = FIXTURE.read_text(encoding="utf-8")
    for cols in (40, 80, 120):
        out = render("full", result.diagnostics, ReportContext(sources={str(FIXTURE): src}, width=cols))
        assert check_report(out, result.diagnostics, {str(FIXTURE): src}, cols) >= 4
