"""Positions between lintnews (1-based lines, code-point columns) and LSP (0-based, in the
agreed encoding), and the code actions built from a diagnostic, without a server."""
from __future__ import annotations

import pytest
from lsprotocol import types as lsp

import lintnews
from lintnews.server import convert

from lsp_client import apply_edits

UTF8, UTF16, UTF32 = (lsp.PositionEncodingKind.Utf8, lsp.PositionEncodingKind.Utf16,
                      lsp.PositionEncodingKind.Utf32)


@pytest.mark.parametrize("encoding, expected", [(UTF16, 4), (UTF32, 3), (UTF8, 7)])
def test_an_astral_character_is_two_utf16_units_and_four_utf8_bytes(encoding, expected):
    assert convert.units("😀é!", encoding) == expected
    doc = convert.Document("x\n😀é!a hour", encoding)
    assert doc.position(2, 4) == lsp.Position(line=1, character=expected)  # column 4: the "a"
    assert doc.offset(doc.position(2, 4)) == len("x\n😀é!")


@pytest.mark.parametrize("newline", ["\n", "\r\n", "\r"])
def test_lines_end_at_every_line_break_lsp_knows(newline):
    text = newline.join(["one", "two 😀 a hour", "three"])
    doc = convert.Document(text)
    assert doc.line(1) == "two 😀 a hour" and doc.newline == newline
    start = text.index("a hour")
    assert doc.position_of(start) == lsp.Position(line=1, character=7)
    assert doc.position(2, 7) == lsp.Position(line=1, character=7)
    assert doc.offset(lsp.Position(line=1, character=7)) == start
    assert doc.offset(lsp.Position(line=1, character=99)) == text.index(newline + "three")


def test_a_byte_order_mark_shifts_line_one_and_offsets_but_nothing_else():
    text = "\ufeffShe waited a hour.\nHe waited a hour.\n"
    [first, second] = lintnews.lint_text(text, path="a.txt", config=lintnews.Config(select=["W101"]))
    doc = convert.Document(text)
    for d, line in ((first, 0), (second, 1)):
        rng = convert.to_lsp(d, doc, "file:///a.txt").range
        assert (rng.start.line, rng.end.character - rng.start.character) == (line, len("a hour"))
        assert doc.line(line)[rng.start.character:rng.end.character] == "a hour"
    fixed = apply_edits(text, [_edit(e) for e in convert.fix_action(
        first, convert.to_lsp(first, doc, "u"), doc, "u", 1, True).edit.document_changes[0].edits])
    assert fixed == "\ufeffShe waited an hour.\nHe waited a hour.\n"
    action = convert.disable_action(first, convert.to_lsp(first, doc, "u"), doc, "u", 1, False, "text")
    silenced = apply_edits(text, [_edit(e) for e in action.edit.changes["u"]])
    assert silenced.startswith("\ufeff<!-- lintnews-disable-next-line W101 -- reason -->\nShe waited")


def _edit(e: lsp.TextEdit) -> dict:
    pos = lambda p: {"line": p.line, "character": p.character}  # noqa: E731
    return {"range": {"start": pos(e.range.start), "end": pos(e.range.end)}, "newText": e.new_text}


def test_the_directive_keeps_the_indentation_and_the_documents_line_breaks():
    text = "Intro.\r\n\r\n    He waited a hour.\r\n"
    [d] = lintnews.lint_text(text, path="a.txt", config=lintnews.Config(select=["W101"]))
    doc = convert.Document(text)
    action = convert.disable_action(d, convert.to_lsp(d, doc, "u"), doc, "u", 3, True, "text")
    [edit] = action.edit.document_changes[0].edits
    assert edit.new_text == "    <!-- lintnews-disable-next-line W101 -- reason -->\r\n"
    assert action.edit.document_changes[0].text_document.version == 3
    assert lintnews.lint_text(apply_edits(text, [_edit(edit)]), path="a.txt",
                              config=lintnews.Config(select=["W101"])) == []


def test_severity_tags_and_no_code_description_without_a_real_url():
    text = "<!-- lintnews-disable-next-line W102 -->\nShe waited a hour.\n"
    diags = lintnews.lint_text(text, path="a.md", config=lintnews.Config(select=["W101", "W102"]))
    shown = {d.code: convert.to_lsp(d, convert.Document(text), "u") for d in diags}
    assert shown["W101"].severity == lsp.DiagnosticSeverity.Error
    assert shown["E003"].severity == lsp.DiagnosticSeverity.Warning
    assert shown["E003"].tags == [lsp.DiagnosticTag.Unnecessary]
    assert all(s.code_description is None for s in shown.values())


@pytest.mark.parametrize("above, inline", [
    ("The agencies met on the", True),    # the same paragraph: the directive goes at its end
    ("```", False),                       # a closing fence must stay bare
    ("# Launch", False), ("=====", False), ("---", False),  # a heading, a setext underline, a rule
    ("| a | b |", False), ("<!-- note -->", False),         # a table row, an HTML block
])
def test_a_markdown_directive_goes_inline_only_inside_a_paragraph(above, inline):
    before = "```\ncode\n" if above == "```" else "Intro.\n\n"
    text = f"{before}{above}\nplan for a \"Orbital Platform\" today.\n"
    [d] = lintnews.lint_text(text, path="a.md", config=lintnews.Config(select=["W101"]))
    doc = convert.Document(text)
    action = convert.disable_action(d, convert.to_lsp(d, doc, "u"), doc, "u", 1, False, "markdown")
    [edit] = action.edit.changes["u"]
    assert edit.new_text.startswith(" <!--") == inline
    silenced = apply_edits(text, [_edit(edit)])
    assert lintnews.lint_text(silenced, path="a.md", config=lintnews.Config(select=["W101", "E003"])) == []
