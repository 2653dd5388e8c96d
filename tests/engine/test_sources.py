"""Input adapters: what is prose, what is not, and the map from every text character back
to its source position; bad inputs become one E001 each."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lintnews import sources
from lintnews.article import Article
from lintnews.diagnostics import Diagnostic
from lintnews.engine import Engine, RunOptions
from lintnews.sources import ReadOptions, format_for

from conftest import project, write


def engine(root: Path, *select: str, **options) -> Engine:
    """An engine over the test rules (X101 e-mail/email variants, X102 'free gift')."""
    project(root)
    return Engine(RunOptions(config_file=root / "lintnews.toml", overrides={"select": select}, **options))


def load(name: str, text: str | bytes, **opts) -> Article:
    data = text.encode("utf-8") if isinstance(text, str) else text
    art = sources.load(name, ReadOptions(**opts), data=data)
    assert isinstance(art, Article), getattr(art, "message", art)
    return art


def assert_faithful(art: Article) -> None:
    """Every character of the text is the source character it maps to, except the
    separators an adapter inserts and characters decoded from references."""
    for i, ch in enumerate(art.text):
        src = art.source[art.offsets[i]]
        if ch == src:
            continue
        assert ch.isspace() or src == "&", (i, ch, src, art.text[max(0, i - 10):i + 10])


def prose(art: Article) -> str:
    return " ".join(art.text.split())


# -- plain text ------------------------------------------------------------------------------
def test_text_headline_paragraphs_and_crlf():
    src = "Moon base plans\r\n\r\nNASA said on Monday it would go.\r\nIt did.\r\n\r\nA second paragraph.\r\n"
    art = load("a.txt", src)
    assert art.title == "Moon base plans"
    assert [art.text[s:e] for s, e in art.paragraphs] == [
        "Moon base plans", "NASA said on Monday it would go.\nIt did.", "A second paragraph."]
    assert "\r" not in art.text
    assert art.location(art.text.index("It did"), art.text.index("It did") + 6).as_dict()["line"] == 4
    assert art.newline == "\r\n"
    assert_faithful(art)


def test_text_first_line_is_not_a_headline_when_it_is_a_sentence():
    art = load("a.txt", "The council met on Monday and agreed the budget.\n\nIt was late.\n")
    assert art.headline is None
    assert load("a.txt", "Budget agreed\n\nIt was late.\n", headline="none").headline is None
    assert load("a.txt", "The council met.\n\nIt was late.\n", headline="first-line").title == "The council met."


def test_text_bom_is_dropped_and_remembered():
    art = load("a.txt", b"\xef\xbb\xbfCaf\xc3\xa9 opens.\n")
    assert art.text == "Café opens." and art.bom and art.source.startswith("Café")


# -- Markdown ---------------------------------------------------------------------------------
MD = """\
---
title: "Lunar station: the “plan”"
date: 2024-03-04
tags: [space]
---

# The heading *with* emphasis

A paragraph with [a link](https://example.com/hidden-target "hidden title") and `inline code`.
An <span class="hidden-attr">inline</span> tag and caf&eacute; and 5 \\* 3.

    indented code is hidden

```python
fenced code is hidden
```

<!-- an html comment is hidden -->
<div class="hidden-block">html block hidden</div>

> A quoted line.

- item one
- item two with ![alt hidden](pic.png) and <https://autolink.hidden>
"""


def test_markdown_prose_and_front_matter():
    art = load("a.md", MD)
    assert art.date == dt.date(2024, 3, 4)
    assert art.title == "Lunar station: the “plan”"
    assert art.text[slice(*art.headline)] == art.title
    text = prose(art)
    for hidden in ("hidden", "tags", "space", "python", "2024", "```", "<span", "&eacute;"):
        assert hidden not in text, hidden
    for shown in ("The heading with emphasis", "A paragraph with a link and .", "café", "5 * 3",
                  "A quoted line.", "item one", "item two with and"):
        assert shown in text, shown
    assert_faithful(art)


def test_markdown_positions_map_back():
    art = load("a.md", MD)
    i = art.text.index("café")
    loc = art.location(i, i + 4)
    line = art.line_text(loc.line)
    assert line[loc.column - 1:loc.end_column - 1] == "caf&eacute;"
    i = art.text.index("*")
    loc = art.location(i, i + 1)
    assert art.line_text(loc.line)[loc.column - 1] == "*"
    i = art.text.index("plan")
    loc = art.location(i, i + 4)
    assert (loc.line, art.line_text(2)[loc.column - 1:loc.end_column - 1]) == (2, "plan")


@pytest.mark.parametrize("newline", ["\n", "\r\n", "\r"])
def test_markdown_toml_front_matter(newline):
    src = ('+++\ntitle = "Lunar station: the plan"\ndate = 2024-03-04T09:00:00Z\ntags = ["space"]\n+++\n\n'
           "The body |starts| here.\n").replace("\n", newline)
    art = load("a.md", src)
    assert art.title == "Lunar station: the plan" and art.date == dt.date(2024, 3, 4)
    assert [art.text[s:e] for s, e in art.paragraphs] == ["Lunar station: the plan", "The body |starts| here."]
    i = art.text.index("plan")
    loc = art.location(i, i + 4)
    assert (loc.line, loc.column) == (2, 29)
    i = art.text.index("|starts|")
    assert (art.location(i, i + 1).line, art.location(i, i + 1).column) == (7, 10)


@pytest.mark.parametrize("src", ["+++\ntitle = 'x'\n\nNever closed, so prose.\n", "Text.\n\n+++\ntitle = 'x'\n+++\n"])
def test_markdown_plus_lines_that_are_not_front_matter_stay_prose(src):
    art = load("a.md", src)
    assert art.date is None and "+++" in art.text


def test_markdown_without_front_matter_uses_h1_as_headline():
    art = load("a.md", "# Budget agreed\n\nThe council met.\n")
    assert art.title == "Budget agreed" and art.date is None
    assert load("a.md", "Intro.\n\n# Later heading\n").headline is None


@pytest.mark.parametrize("broken", [
    "```\nnever closed fence\n", "[unclosed link(http://x", "<div>\n\nunclosed html", "---\ntitle: x\n",
    "> > > > " * 500 + "deep", "*" * 10000, "[" * 5000 + "]" * 5000, "| a | b |\n|---|\n| c |", "&#99999999; &bogus;",
])
def test_broken_markdown_never_crashes(broken):
    res = sources.load("a.md", data=(broken + "\nSome prose here.\n").encode())
    assert isinstance(res, (Article, Diagnostic))
    if isinstance(res, Article):
        assert_faithful(res)


# -- HTML -------------------------------------------------------------------------------------
HTML = """\
<!DOCTYPE html>
<html>
<head>
  <title>Page title</title>
  <meta property="article:published_time" content="2023-11-05T10:00:00Z">
  <style>p { content: "hidden style"; }</style>
  <script>var hidden = "script";</script>
</head>
<body>
  <nav><a href="/hidden-href" title="hidden-title">Home</a></nav>
  <h1 class="hidden-class">Budget &amp; plans agreed</h1>
  <p data-x="hidden-attr">The council met on <b>Monday</b>. Caf&eacute; owners&nbsp;came.</p>
  <!-- hidden comment -->
  <p>Second<br>line.</p>
  <template>hidden template</template>
</body>
</html>
"""


def test_html_visible_text_and_headline():
    art = load("a.html", HTML)
    assert art.title == "Budget & plans agreed"
    assert art.date == dt.date(2023, 11, 5)
    text = prose(art)
    assert "hidden" not in text and "Page title" not in text  # the h1 is the headline, not <title>
    assert "The council met on Monday. Café owners came." in text
    assert [art.text[s:e] for s, e in art.paragraphs][-2:] == ["Second", "line."]
    assert_faithful(art)
    i = art.text.index("Café")
    loc = art.location(i, i + 4)
    assert art.line_text(loc.line)[loc.column - 1:loc.end_column - 1] == "Caf&eacute;"


def test_html_title_is_the_headline_without_h1():
    art = load("a.html", "<html><head><title>Only title</title></head><body><p>Body.</p></body></html>")
    assert art.title == "Only title"
    assert load("a.html", "<p>Just a paragraph.</p>").headline is None


@pytest.mark.parametrize("broken", [
    "<p>unclosed <b>bold <i>italic", "</p></div></span>text", "<script>never closed", "<p a='1>x</p>",
    "<" * 1000, "<div>" * 3000 + "deep" + "</div>" * 3000, "&#xZZ; &; &#0; &#1114112;", "<!-- unclosed",
    "<![CDATA[ x ]]> <?php echo 1 ?>",
])
def test_broken_html_never_crashes(broken):
    res = sources.load("a.html", data=(broken + "<p>Some prose here.</p>").encode())
    assert isinstance(res, (Article, Diagnostic))
    if isinstance(res, Article):
        assert_faithful(res)


# -- formats and stdin -------------------------------------------------------------------------
def test_format_for():
    assert [format_for(n) for n in ("a.md", "B.MARKDOWN", "c.htm", "d.html", "e.txt", "f", "g.rst")] == \
        ["markdown", "markdown", "html", "html", "text", "text", "text"]


def test_engine_reads_stdin_with_the_adapter_of_its_name(tmp_path):
    md = b"```\ne-mail\n```\n\nAn email.\n"
    for name, expected in (("story.md", []), ("story.txt", ["X101"]), (None, ["X101"])):
        eng = engine(tmp_path, "X101", stdin_filename=name)
        [res] = eng.run(["-"], md)
        assert res.path == (name or "-")
        assert [d.code for d in res.diagnostics] == expected, name


# -- bad input ---------------------------------------------------------------------------------
@pytest.mark.parametrize("data,message,line,col", [
    (b"One line.\nTwo caf\xc3\xa9 \xe9t\xe9.\n", "invalid UTF-8: byte 0xe9 at byte offset 20 (line 2, byte 11 "
     "of the line) cannot be decoded; save the file as UTF-8", 2, 10),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary file (a NUL byte at byte offset 8); not an article", 1, 1),
    (b"Prose.\n" * 2000 + b"\x00", "binary file (a NUL byte at byte offset 14000); not an article", 1, 1),
    (b"One.\rTwo caf\xe9.\r", "invalid UTF-8: byte 0xe9 at byte offset 12 (line 2, byte 8 of the line) "
     "cannot be decoded; save the file as UTF-8", 2, 8),
    (b" \n\t\r\n  \n", "empty file: nothing to check", 1, 1),
    (b"", "empty file: nothing to check", 1, 1),
])
def test_bad_bytes_give_one_clear_e001(data, message, line, col):
    d = sources.load("x.txt", data=data)
    assert isinstance(d, Diagnostic)
    assert (d.code, d.message, d.line, d.column) == ("E001", message, line, col)


def test_markup_without_prose_is_e001():
    d = sources.load("x.md", data=b"```\nonly code\n```\n")
    assert isinstance(d, Diagnostic) and "no prose found in this markdown file" in d.message
    d = sources.load("x.html", data=b"<script>only()</script>")
    assert isinstance(d, Diagnostic) and d.code == "E001"


def test_unreadable_file_is_e001(tmp_path, monkeypatch):
    f = write(tmp_path / "a.txt", "Fine text.")

    def deny(*args):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(sources.os, "open", deny)
    d = sources.load(str(f))
    assert isinstance(d, Diagnostic) and d.message == "cannot read file: Permission denied"
    d = sources.load(str(tmp_path))
    assert isinstance(d, Diagnostic) and d.message == "is a directory"


def test_missing_and_dangling_paths_are_e001(tmp_path):
    assert sources.load(str(tmp_path / "gone.txt")).message == "no such file or directory"
    (tmp_path / "dangling.txt").symlink_to(tmp_path / "gone.txt")
    assert sources.load(str(tmp_path / "dangling.txt")).message == \
        "broken symbolic link (its target does not exist)"


def test_one_bad_file_does_not_stop_the_others(tmp_path):
    files = [write(tmp_path / "a.txt", b"\xff\xfe\xfd bad"), write(tmp_path / "b.md", "An e-mail, an email."),
             write(tmp_path / "c.html", b"\x00binary"), write(tmp_path / "d.html", "<p>An e-mail, an email.</p>")]
    eng = engine(tmp_path / "p", "X101")
    results = eng.run([str(f) for f in files])
    assert [r.path for r in results] == [str(f) for f in files]  # in the order given
    assert [[d.code for d in r.diagnostics] for r in results] == [["E001"], ["X101"], ["E001"], ["X101"]]


def test_huge_files_work(tmp_path):
    para = "The committee met on Monday and approved the plan, officials said. " * 20
    body = "\n\n".join([para] * 600)  # ~800 KB
    for name, src in (("big.txt", body + "\n\nAn e-mail came, then an email."),
                      ("big.md", body + "\n\nAn e-mail came, then an email."),
                      ("big.html", "<p>" + body.replace("\n\n", "</p><p>") + "</p><p>An e-mail came, then an email.</p>")):
        art = load(name, src)
        assert len(art.text) > 700_000
        assert len(art.paragraphs) >= 600
        i = art.text.rindex("email")
        loc = art.location(i, i + 5)
        assert art.line_text(loc.line)[loc.column - 1:loc.end_column - 1] == "email"
    eng = engine(tmp_path, "X101", "X102")
    [res] = eng.run([str(write(tmp_path / "big.txt", body + "\n\nAn e-mail came, then an email, a free gift."))])
    assert [d.code for d in res.diagnostics] == ["X101", "X102"]


# -- the position map, for any text ------------------------------------------------------------
alphabet = st.sampled_from(list("ab é東😀\t\r\n.,“”'\"-*_#>[]()<&;!"))


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet, min_size=1, max_size=200))
@pytest.mark.parametrize("name", ["a.txt", "a.md", "a.html"])
def test_every_text_character_maps_to_its_source(name, src):
    res = sources.load(name, data=src.encode("utf-8"))
    if isinstance(res, Diagnostic):
        assert res.code == "E001"
        return
    assert len(res.offsets) == len(res.text)
    assert all(0 <= o < len(res.source) for o in res.offsets)
    assert_faithful(res)
    for i, ch in enumerate(res.text):  # located ranges of single characters are that character
        if ch.isspace() or res.source[res.offsets[i]] != ch:
            continue
        loc = res.location(i, i + 1)
        assert loc.line == loc.end_line
        assert res.line_text(loc.line)[loc.column - 1:loc.end_column - 1] == ch


@pytest.mark.parametrize("name,src", [
    ("a.txt", "Head line\r\n\r\nOne\r\ntwo.\r\n\r\nThree.\r\n"),
    ("a.md", "# Head line\r\n\r\nOne\r\ntwo.\r\n\r\nThree.\r\n"),
    ("a.html", "<h1>Head line</h1>\r\n<p>One\r\ntwo.</p>\r\n<p>Three.</p>\r\n"),
])
@pytest.mark.parametrize("newline", ["\r\n", "\r"])
def test_crlf_never_reaches_the_text(name, src, newline):
    art = load(name, src.replace("\r\n", newline))  # CRLF, and a lone CR (old Mac files)
    assert "\r" not in art.text
    assert [art.text[s:e] for s, e in art.paragraphs] == ["Head line", "One\ntwo.", "Three."]
    assert art.title == "Head line"
    i = art.text.index("two")
    loc = art.location(i, i + 4)
    assert (loc.line, art.line_text(loc.line)[loc.column - 1:loc.end_column - 1]) == (
        4 if name != "a.html" else 3, "two.")
    assert art.line_count == 7 if name != "a.html" else 5
    assert art.newline == newline


def test_only_cr_and_lf_break_lines():
    """As in editors and the LSP: \\f, \\v, \\x85 and \\u2028 are characters on a line, not breaks."""
    art = load("a.txt", "One\u2028two\x0cthree\x85four.\rFive e-mail.\n")
    assert art.line_count == 3 and art.line_text(1) == "One\u2028two\x0cthree\x85four."
    i = art.text.index("e-mail")
    loc = art.location(i, i + 6)
    assert (loc.line, loc.column, loc.end_column) == (2, 6, 12)
    loc = art.location(0, art.text.index("four.") + 6)  # a range that ends on the break stops before it
    assert (loc.end_line, loc.end_column) == (1, 20)
