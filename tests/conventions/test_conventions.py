"""Conventions: C105 style-mix (quotation marks, digits and words, date formats)."""
from __future__ import annotations

from conftest import lint


def flagged(text: str, code: str, **kw) -> list[str]:
    return [d.text for d in lint(text, code, **kw) if d.code == code]


# --- C105 style-mix --------------------------------------------------------------------------

def test_style_mix_quotes_flags_minority_with_fix():
    text = 'He said "yes" and "no" and "maybe", then “perhaps”.'
    diags = [d for d in lint(text, "C105") if d.code == "C105"]
    assert [d.text for d in diags] == ["“"] and diags[0].related
    assert sorted(e.text for e in diags[0].fix.edits) == ['"', '"']


def test_style_mix_no_fix_when_no_clear_majority():
    diags = [d for d in lint('He said "yes" and then “no”.', "C105") if d.code == "C105"]
    assert len(diags) == 1 and diags[0].fix is None


def test_style_mix_dates_and_numbers():
    assert flagged("Talks began on 4 March. A deal came on March 9.", "C105") == ["March 9"]
    assert flagged("Nine countries signed. Later 9 countries ratified it.", "C105") == ["9 countries"]
    assert flagged("Nine countries signed, 12 firms joined and 9 points were scored in March 2005.", "C105") == []


def test_spacing_ignores_html_whitespace_and_markdown_tables():
    html = "<html><body><p>This is a\n      paragraph with  spaces.</p></body></html>"
    assert flagged(html, "W202", name="a.html") == []
    md = "Some text here.\n\n| a | b  |\n|---|----|\n| x  | y |\n"
    assert flagged(md, "W202", name="a.md") == []
    assert flagged("Some  text here.\n", "W202", name="a.md") == ["  "]


def test_style_mix_dates_leave_a_wire_dateline_alone():
    text = "LONDON, April 9 - Lex said it had bought the firm.\n\nThe deal closes on 10 April and 12 April."
    assert flagged(text, "C105") == []
    assert flagged(text.replace("LONDON, April 9 - ", "On April 9 "), "C105") == ["April 9"]
