"""W203 invisible-character: what is flagged, where, and that --fix removes exactly that
in every text format (plain text, Markdown, HTML with character references)."""
from __future__ import annotations

import pytest

import lintnews
from conftest import lint, source_range


def w203(text: str, name: str = "a.txt") -> list:
    return [d for d in lint(text, "W203", name=name) if d.code == "W203"]


def fixed(text: str, name: str, unsafe: bool = False) -> str:
    return lintnews.fix_text(text, path=name, config=lintnews.Config(select=["W203"]), unsafe=unsafe)


def removed_only_at(original: str, result: str, spans: list[str]) -> bool:
    """Whether ``result`` is ``original`` with exactly the given source texts removed, in order."""
    pos, out = 0, []
    for piece in spans:
        at = original.index(piece, pos)
        out.append(original[pos:at])
        pos = at + len(piece)
    return "".join(out) + original[pos:] == result


@pytest.mark.parametrize("text", [
    "The runner covered 10\u00a0km in 31 minutes.",
    "A gap of 3\u202fmm was enough.",
    "The family posted 👨\u200d👩\u200d👧 on Monday.",
    "The banner read می\u200cخواهم in Persian.",
    "Line one.\tTabbed.\r\nLine two.",
])
def test_legitimate_characters_are_left_alone(text):
    assert w203(text) == []


def test_a_run_is_one_finding_and_its_position_is_the_run():
    source = "The minister\u200b\u00ad\u200b resigned.\n"
    (d,) = w203(source)
    assert source_range(source, d.line, d.column, d.end_line, d.end_column) == "\u200b\u00ad\u200b"
    assert "3 invisible characters" in d.message and "'minister'" in d.message


def test_text_fix_removes_only_the_characters():
    source = "The Pres\u200bident said the com\u00adpany\ufeff would pay.\n"
    assert fixed(source, "a.txt") == "The President said the company would pay.\n"


def test_markdown_fix_removes_exactly_the_flagged_spans():
    source = ("---\ntitle: A re\u200bport\n---\n\n# The Pres\u200bident speaks\n\n"
              "He said the com&shy;pany, *not* the coun\u00adcil, would pay `x\u200by`.\n\n"
              "A [li\u2060nk](http://example.com/a\u200bb) and &#8203;more.\n")
    diags = w203(source, "a.md")
    flagged = [source_range(source, d.line, d.column, d.end_line, d.end_column) for d in diags]
    # the code span and the link target are not prose: their characters are not reported
    assert flagged == ["\u200b", "\u200b", "&shy;", "\u00ad", "\u2060", "&#8203;"]
    assert removed_only_at(source, fixed(source, "a.md"), flagged)


def test_html_fix_removes_whole_character_references():
    source = ("<html><head><title>T</title></head><body><h1>Pres&#x200B;ident</h1>"
              "<p title=\"a\u200bb\">The com&shy;pany and the coun\u00adcil&#8203;&#8203; agreed.</p>"
              "<script>var a = '\u200b';</script></body></html>\n")
    diags = w203(source, "a.html")
    flagged = [source_range(source, d.line, d.column, d.end_line, d.end_column) for d in diags]
    assert flagged == ["&#x200B;", "&shy;", "\u00ad", "&#8203;&#8203;"]
    assert removed_only_at(source, fixed(source, "a.html"), flagged)


def test_a_guess_is_an_unsafe_fix():
    source = "He didn\x92t know, and police said\x0bno one was hurt.\n"
    assert fixed(source, "a.txt") == source  # both replacements are guesses
    assert fixed(source, "a.txt", unsafe=True) == "He didn’t know, and police said no one was hurt.\n"


def test_a_control_character_beside_a_space_is_removed_safely():
    assert fixed("The jury\x07 retired.\n", "a.txt") == "The jury retired.\n"
