"""Word drafts (.docx): one paragraph a line, exact positions, bad files as E001, no --fix."""
from __future__ import annotations

import importlib.util
import io
import zipfile
from pathlib import Path

import docx
import pytest

from lintnews import sources
from lintnews.diagnostics import Diagnostic
from lintnews.engine import Engine, RunOptions
from lintnews.sources import docx as docx_source

from conftest import REPO, project, run_cli, write

SEED = REPO / "seeds" / "island-ferry.docx"


def make_docx(*paragraphs: tuple[str, str | None], table: str | None = None) -> bytes:
    """A .docx of (text, style) paragraphs; '\\n' in a text is a soft line break (Shift+Enter)."""
    d = docx.Document()
    for text, style in paragraphs:
        p = d.add_paragraph(style=style)
        for k, piece in enumerate(text.split("\n")):
            if k:
                p.add_run().add_break()
            p.add_run(piece)
        if table is not None and text == paragraphs[0][0]:
            d.add_table(rows=1, cols=1).cell(0, 0).text = table
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


def builder():
    spec = importlib.util.spec_from_file_location("make_docx", REPO / "seeds" / "make_docx.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def lint_docx(data: bytes, name: str = "draft.docx", tmp: Path | None = None) -> list[Diagnostic]:
    return Engine(RunOptions(isolated=True)).recheck(name, data).diagnostics


def paragraph_texts(data: bytes) -> list[str]:
    """python-docx's own text of each body paragraph (soft breaks as U+2028, as in lintnews)."""
    return [p.text.replace("\n", "\u2028") for p in docx.Document(io.BytesIO(data)).paragraphs]


# -- the seed --------------------------------------------------------------------------------
def test_the_checked_in_seed_is_what_the_script_builds(tmp_path):
    built = builder().build(tmp_path / "seed.docx").read_bytes()
    assert docx_source.read_paragraphs(built) == docx_source.read_paragraphs(SEED.read_bytes())


def test_every_seed_finding_points_at_its_text_in_the_paragraph():
    data = SEED.read_bytes()
    texts = paragraph_texts(data)
    ours = [t for t, _ in docx_source.read_paragraphs(data)]
    # python-docx's paragraph.text leaves out tracked insertions; everywhere else it is ours
    tracked = 8
    assert [t for k, t in enumerate(ours) if k != tracked] == [t for k, t in enumerate(texts) if k != tracked]
    assert ours[tracked] == "Fares will stay at at £14 for adults, the operator said."
    diags = Engine(RunOptions(isolated=True)).run([str(SEED)])[0].diagnostics
    assert len(diags) == 6
    for d in diags:
        for loc in [d.location] + [r.location for r in d.related]:
            assert loc.line == loc.end_line
            assert ours[loc.line - 1][loc.column - 1:loc.end_column - 1] or d.code == "C303"
        assert ours[d.line - 1][d.column - 1:d.end_column - 1] == d.text
    flagged = {(d.code, d.line): d.text for d in diags}
    assert flagged[("W101", 4)] == "a hourly" and flagged[("W102", 9)] == "at at"
    assert flagged[("C301", 8)] == "Thursday, 4 March 2005"
    assert not any(d.fix for d in diags), "no fix is offered for a file lintnews never writes"


def test_soft_breaks_tabs_and_columns():
    data = make_docx(("Headline", "Title"), ("First line of the paragraph.\n\tThen an university.", None))
    [d] = [x for x in lint_docx(data) if x.code == "W101"]
    text = "First line of the paragraph.\u2028\tThen an university."
    assert (d.line, d.column, d.end_column) == (2, text.index("an university") + 1,
                                                 text.index("an university") + 14)
    assert d.text == "an university" and paragraph_texts(data)[1] == text


def test_tables_are_not_prose_and_not_lines():
    data = make_docx(("Budget agreed", "Title"), ("The council agreed the budget.", None),
                     ("It will spend an university grant.", None), table="a error the the")
    diags = lint_docx(data)
    assert [(d.code, d.line) for d in diags] == [("W101", 3)]


@pytest.mark.parametrize("paras, title", [
    ([("Draft notes", None), ("Ferry fares rise", "Title"), ("Fares rise today.", None)], "Ferry fares rise"),
    ([("Ferry fares rise", "Heading 1"), ("Fares rise today.", None)], "Ferry fares rise"),
    ([("Ferry fares rise", "Heading 2"), ("Fares rise today.", None)], "Ferry fares rise"),
    ([("Fares rise today.", None), ("Background", "Heading 2"), ("More text.", None)], None),
    ([("Intro.", None), ("Background", "Heading 2"), ("Ferry fares rise", "Heading 1")], "Ferry fares rise"),
])
def test_headline_is_the_title_style_else_the_first_heading(paras, title):
    art = sources.load("a.docx", data=make_docx(*paras))
    assert art.title == title
    if title:
        assert art.text[slice(*art.headline)] == title


def test_a_directive_is_a_paragraph_of_its_own():
    data = make_docx(("Kiosk", "Title"),
                     ("<!-- lintnews-disable-next-line W101 -->", None),
                     ("Tickets at a Unst Ferries kiosk.", None),
                     ("And a Unst Ferries van.", None),
                     ("Not a directive: <!-- lintnews-disable W101 --> here.", None))
    diags = lint_docx(data)
    assert [(d.code, d.line) for d in diags if d.code == "W101"] == [("W101", 4)]
    assert not [d for d in diags if d.code == "E003"]


# -- bad files -------------------------------------------------------------------------------
def zip_of(members: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in members.items():
            z.writestr(name, data)
    return buf.getvalue()


@pytest.mark.parametrize("data, words", [
    (b"This is plain text saved with the wrong name.\n", "zip archive"),
    (b"\x00\x01\x02 binary junk", "zip archive"),
    (b"", "zip archive"),
    (zip_of({"hello.txt": b"hi"}), "not a Word document"),
    (zip_of({"[Content_Types].xml": b"<Types", "word/document.xml": b"<w:document"}), "Word document"),
    (make_docx(("Text.", None))[:2000], "zip archive"),  # cut short in transfer
])
def test_a_bad_docx_is_an_e001_with_a_clear_message(data, words):
    [d] = lint_docx(data)
    assert d.code == "E001" and words in d.message, d.message


def test_a_spreadsheet_renamed_docx_is_refused():
    xlsx = zip_of({
        "[Content_Types].xml": b'<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/'
                               b'package/2006/content-types"><Override PartName="/xl/workbook.xml" '
                               b'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.'
                               b'sheet.main+xml"/></Types>',
        "_rels/.rels": b'<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/'
                       b'package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.'
                       b'openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
                       b'Target="xl/workbook.xml"/></Relationships>',
        "xl/workbook.xml": b"<workbook/>"})
    [d] = lint_docx(xlsx)
    assert d.code == "E001" and "not a Word file" in d.message


def test_a_zip_bomb_is_refused_before_it_is_unpacked():
    import tracemalloc

    bomb = zip_of({"word/document.xml": b" " * (17 * 2**20)})  # 17 MiB of spaces: 17 KB packed
    assert len(bomb) < 100_000
    tracemalloc.start()
    art = sources.load("bomb.docx", data=bomb)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert isinstance(art, Diagnostic) and art.code == "E001" and "zip bomb" in art.message
    assert peak < 4 * 2**20, peak


def test_the_other_limits(monkeypatch):
    data = make_docx(("Title", "Title"), ("Text.", None))
    monkeypatch.setattr(docx_source, "MAX_UNPACKED", 1000)
    assert "the archive would unpack" in lint_docx(data)[0].message
    monkeypatch.setattr(docx_source, "MAX_UNPACKED", 2**30)
    monkeypatch.setattr(docx_source, "MAX_MEMBERS", 3)
    assert "holds" in lint_docx(data)[0].message


def test_a_docx_with_no_prose_is_an_e001():
    [d] = lint_docx(make_docx(("", None), ("   ", None), table="only a table"))
    assert d.code == "E001" and "no prose" in d.message


# -- through the command line ------------------------------------------------------------------
def test_fix_refuses_a_docx_and_fixes_the_others(tmp_path):
    project(tmp_path, 'select = ["W101"]\n')
    doc = write(tmp_path / "draft.docx", make_docx(("Hall", "Title"), ("They built an hall in a hour.", None)))
    txt = write(tmp_path / "notes.txt", "They built an hall in a hour.\n")
    before = doc.read_bytes()
    p = run_cli("check", "--fix", "--no-cache", "draft.docx", "notes.txt", cwd=tmp_path)
    assert "draft.docx: not fixed: lintnews does not change Word files" in p.stderr
    assert doc.read_bytes() == before
    assert txt.read_text() == "They built a hall in an hour.\n"
    assert p.returncode == 1 and "draft.docx:2:12: W101" in p.stdout, p.stdout


def test_directories_stdin_and_cached_reports(tmp_path):
    project(tmp_path, 'select = ["W101"]\n')
    data = make_docx(("Hall", "Title"), ("They built an hall.", None))
    write(tmp_path / "drafts" / "draft.docx", data)
    p = run_cli("check", "--no-cache", "drafts", cwd=tmp_path)
    assert p.stdout == "drafts/draft.docx:2:12: W101 'an hall' should be 'a hall': 'hall' starts with a consonant sound\n"
    p = run_cli("check", "--no-cache", "-", "--stdin-filename", "x.docx", cwd=tmp_path, input=data)
    assert p.stdout.startswith("x.docx:2:12: W101"), p.stdout + p.stderr
    for _ in range(2):  # the second report comes from the cache: the excerpt is still the paragraph
        p = run_cli("check", "-f", "full", "--cache-dir", str(tmp_path / "c"), "drafts", cwd=tmp_path)
        assert "2 | They built an hall." in p.stdout, p.stdout
