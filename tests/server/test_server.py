"""`lintnews server` driven as an editor drives it: a subprocess spoken to in JSON-RPC over
stdin/stdout. Diagnostics with exact UTF-16 ranges and related information, edits that
make findings go away, quick fixes and directives applied to the text, debounce,
config files re-read, one slow document never holding up another, a clean exit."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time

import pytest

import lintnews
from conftest import REGEX_RULE, REPO, project, write
from lsp_client import Client, apply_edits, edits_of

SEED = (REPO / "seeds" / "orbital-partners.txt").read_text(encoding="utf-8")


def utf16(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def position_of(text: str, needle: str, nth: int = 0) -> dict:
    """The LSP position (UTF-16) where ``needle`` starts in ``text``."""
    at = -1
    for _ in range(nth + 1):
        at = text.index(needle, at + 1)
    before = text[:at]
    line = before.count("\n")
    return {"line": line, "character": utf16(before[before.rfind("\n") + 1:])}


def span(text: str, needle: str, nth: int = 0) -> dict:
    start = position_of(text, needle, nth)
    return {"start": start, "end": {"line": start["line"], "character": start["character"] + utf16(needle)}}


def by_code(message: dict, code: str) -> list[dict]:
    return [d for d in message["params"]["diagnostics"] if d.get("code") == code]


@pytest.fixture(scope="module")
def workspace(tmp_path_factory):
    root = tmp_path_factory.mktemp("workspace")
    (root / ".git").mkdir()  # the config search stops here
    shutil.copy(REPO / "seeds" / "orbital-partners.txt", root / "orbital-partners.txt")
    return root


@pytest.fixture(scope="module")
def server(workspace):
    client = Client(workspace)
    client.initialize()
    yield client
    assert client.close() == 0, client.err()


def open_doc(server, workspace, name: str, text: str, language: str = "plaintext") -> str:
    uri = (workspace / name).as_uri()
    server.open(uri, text, language)
    return uri


def test_the_seed_gets_c201_with_the_other_side_and_exact_ranges(server, workspace):
    uri = (workspace / "orbital-partners.txt").as_uri()
    server.open(uri, SEED)
    message = server.diagnostics(uri, version=1)
    [c201] = by_code(message, "C201")
    assert c201["range"] == span(SEED, "a tracking antenna")
    assert c201["severity"] == 2 and c201["source"] == "lintnews"
    [other] = c201["relatedInformation"]
    assert other["location"] == {"uri": uri, "range": span(SEED, "a laboratory module")}
    assert other["location"]["range"]["start"]["line"] == 4  # line 5 of the article
    [w101] = by_code(message, "W101")
    assert w101["range"] == span(SEED, 'a "Orbital') and w101["severity"] == 1
    assert w101["data"] == {"rule": "article-agreement", "fixable": True}
    # the editor's change fixes it: W101 goes, the rest stays
    fixed = SEED.replace('a "Orbital', 'an "Orbital')
    server.change(uri, fixed, 2)
    after = server.diagnostics(uri, version=2)
    assert not by_code(after, "W101")
    assert by_code(after, "C201")[0]["range"] == span(fixed, "a tracking antenna")


def test_a_quick_fix_is_a_workspace_edit_that_fixes_the_text(server, workspace):
    uri = open_doc(server, workspace, "fix.txt", SEED)
    [w101] = by_code(server.diagnostics(uri, version=1), "W101")
    actions = server.request("textDocument/codeAction", {
        "textDocument": {"uri": uri}, "range": w101["range"], "context": {"diagnostics": [w101]}})
    [fix] = [a for a in actions if a.get("isPreferred")]
    assert fix["kind"] == "quickfix" and "W101" in fix["title"]
    assert fix["edit"]["documentChanges"][0]["textDocument"] == {"uri": uri, "version": 1}
    fixed = apply_edits(SEED, edits_of(fix))
    assert fixed == SEED.replace('a "Orbital', 'an "Orbital')
    server.change(uri, fixed, 2)
    assert not by_code(server.diagnostics(uri, version=2), "W101")


def test_the_disable_next_line_action_inserts_a_directive_that_silences_the_line(server, workspace):
    uri = open_doc(server, workspace, "silence.txt", SEED)
    first = server.diagnostics(uri, version=1)
    [w101] = by_code(first, "W101")
    actions = server.request("textDocument/codeAction", {
        "textDocument": {"uri": uri}, "range": w101["range"], "context": {"diagnostics": [w101]}})
    [disable] = [a for a in actions if "lintnews-disable-next-line" in a["title"]]
    silenced = apply_edits(SEED, edits_of(disable))
    assert silenced == "<!-- lintnews-disable-next-line W101 -- reason -->\n" + SEED
    server.change(uri, silenced, 2)
    after = server.diagnostics(uri, version=2)
    assert not by_code(after, "W101") and not by_code(after, "E003")
    assert by_code(after, "C201")[0]["range"]["start"]["line"] == by_code(first, "C201")[0]["range"]["start"]["line"] + 1


def test_a_markdown_directive_never_splits_a_paragraph(server, workspace):
    text = "# Launch\n\nThe agencies met on the\nplan for a \"Orbital Platform\" today.\n"
    uri = open_doc(server, workspace, "wrapped.md", text, "markdown")
    [w101] = by_code(server.diagnostics(uri, version=1), "W101")
    actions = server.request("textDocument/codeAction", {
        "textDocument": {"uri": uri}, "range": w101["range"], "context": {"diagnostics": []}})
    [disable] = [a for a in actions if "disable" in a["title"]]
    silenced = apply_edits(text, edits_of(disable))
    assert silenced == text.replace("on the\n", "on the <!-- lintnews-disable-next-line W101 -- reason -->\n")
    server.change(uri, silenced, 2)
    assert by_code(server.diagnostics(uri, version=2), "W101") == []


def test_positions_count_utf16_units_past_emoji_and_astral_characters(server, workspace):
    text = "Stars 🚀🚀 and 𝔘 rose.\n\nShe waited a hour for the 😀 bus.\n"
    uri = open_doc(server, workspace, "emoji.txt", text)
    [w101] = by_code(server.diagnostics(uri, version=1), "W101")
    assert w101["range"] == span(text, "a hour")
    assert w101["range"]["start"]["character"] == len("She waited ")  # nothing astral before it
    text2 = "🚀 She waited a hour. 😀\n"
    server.change(uri, text2, 2)
    [w101] = by_code(server.diagnostics(uri, version=2), "W101")
    assert w101["range"]["start"] == {"line": 0, "character": 2 + len(" She waited ")}
    actions = server.request("textDocument/codeAction", {
        "textDocument": {"uri": uri}, "range": w101["range"], "context": {"diagnostics": []}})
    [fix] = [a for a in actions if a.get("isPreferred")]
    assert apply_edits(text2, edits_of(fix)) == "🚀 She waited an hour. 😀\n"


def test_changes_are_debounced_and_only_the_last_version_is_published(server, workspace):
    uri = open_doc(server, workspace, "typing.txt", "He waited a hour.\n")
    server.diagnostics(uri, version=1)
    versions = ["He waited a hour. T\n", "He waited a hour. Th\n", "He waited a hour. The bus came.\n"]
    sent = [server.change(uri, text, v) for v, text in enumerate(versions, start=2)]
    published = server.published(uri, wait=4.0)
    assert [m["params"]["version"] for m in published] == [4]
    assert published[0]["_at"] - sent[-1] >= 0.3  # 300 ms after the last keystroke, not before


def test_markdown_and_html_by_language_id_and_unsaved_documents(server):
    md = "---\ntitle: Launch\n---\n\nThe `a hour` code. She waited a hour.\n"
    server.open("untitled:Untitled-1", md, "markdown")
    [w101] = by_code(server.diagnostics("untitled:Untitled-1", version=1), "W101")
    assert w101["range"] == span(md, "a hour", nth=1)
    html = "<html><body><script>var a = 'a hour';</script>\n<p>She waited a hour.</p></body></html>\n"
    server.open("untitled:Untitled-2", html, "html")
    [w101] = by_code(server.diagnostics("untitled:Untitled-2", version=1), "W101")
    assert w101["range"] == span(html, "a hour", nth=1)


def test_empty_and_binary_documents_get_a_diagnostic_or_none_never_a_crash(server):
    server.open("untitled:empty", "", "plaintext")
    assert server.diagnostics("untitled:empty", version=1)["params"]["diagnostics"] == []
    server.open("untitled:binary", "abc\x00def", "plaintext")
    [e001] = server.diagnostics("untitled:binary", version=1)["params"]["diagnostics"]
    assert e001["code"] == "E001" and "binary" in e001["message"]
    server.open("untitled:surrogate", "He waited a hour.\ud800", "plaintext")
    [e001] = server.diagnostics("untitled:surrogate", version=1)["params"]["diagnostics"]
    assert e001["code"] == "E001"
    assert server.proc.poll() is None


def test_the_hover_shows_the_rule_explain_text(server, workspace):
    uri = open_doc(server, workspace, "hover.txt", SEED)
    [c201] = by_code(server.diagnostics(uri, version=1), "C201")
    hover = server.request("textDocument/hover", {"textDocument": {"uri": uri},
                                                  "position": c201["range"]["start"]})
    [rule] = [r for r in lintnews.rules() if r.code == "C201"]
    value = hover["contents"]["value"]
    assert hover["contents"]["kind"] == "markdown" and "`conflicting-accounts`" in value
    assert rule.explain.strip()[:200] in value


def test_a_rule_dir_file_is_read_again_when_it_changes(server, workspace):
    folder = workspace / "house"
    project(folder)  # rule-dirs = ["rules"] with X901: words between pipes
    uri = (folder / "story.txt").as_uri()
    server.open(uri, "The |draft| is here.\n")
    [x901] = by_code(server.diagnostics(uri, version=1), "X901")
    assert x901["message"] == "flagged «draft»"
    write(folder / "rules" / "test.yml", REGEX_RULE.replace("flagged", "marked"))
    later = time.time() + 5
    os.utime(folder / "rules" / "test.yml", (later, later))
    server.notify("textDocument/didSave", {"textDocument": {"uri": uri}})
    [x901] = by_code(server.diagnostics(uri), "X901")
    assert x901["message"] == "marked «draft»"


def test_config_files_are_read_again_when_they_change(server, workspace):
    folder = workspace / "desk"
    write(folder / "lintnews.toml", 'ignore = ["W101"]\n')
    uri = (folder / "story.txt").as_uri()
    server.open(uri, "He waited a hour.\n")
    assert by_code(server.diagnostics(uri, version=1), "W101") == []
    write(folder / "lintnews.toml", 'ignore = ["W102"]\n')
    later = time.time() + 5
    os.utime(folder / "lintnews.toml", (later, later))
    server.notify("textDocument/didSave", {"textDocument": {"uri": uri}})  # no watcher: mtimes
    assert len(by_code(server.diagnostics(uri), "W101")) == 1
    write(folder / "lintnews.toml", 'select = ["C"]\n')
    os.utime(folder / "lintnews.toml", (later + 5, later + 5))
    server.notify("workspace/didChangeWatchedFiles", {"changes": [
        {"uri": (folder / "lintnews.toml").as_uri(), "type": 2}]})
    assert by_code(server.diagnostics(uri), "W101") == []
    write(folder / "lintnews.toml", 'select = [\n')  # broken: said in the document, no crash
    os.utime(folder / "lintnews.toml", (later + 10, later + 10))
    server.notify("textDocument/didSave", {"textDocument": {"uri": uri}})
    [problem] = server.diagnostics(uri)["params"]["diagnostics"]
    assert "invalid TOML" in problem["message"] and problem["severity"] == 1


def test_a_slow_document_never_holds_up_another(server, workspace):
    long_text = "\n\n".join(f"Paragraph {i}: the council said on Monday that {i} new ferries would "
                            f"sail by spring, and a harbour master agreed with it." for i in range(1200))
    opened = time.monotonic()
    big = open_doc(server, workspace, "long.txt", long_text)
    time.sleep(0.2)  # the long one is running
    small = open_doc(server, workspace, "short.txt", "He waited a hour.\n")
    got_small = server.diagnostics(small, version=1)
    got_big = server.diagnostics(big, version=1, timeout=180)
    assert got_small["_at"] < got_big["_at"]
    assert by_code(got_small, "W101")
    # a new version withdraws the running check of the old one: no waiting for it to end
    full_run = got_big["_at"] - opened
    again = open_doc(server, workspace, "long-again.txt", long_text)
    time.sleep(1.0)
    changed = server.change(again, "He waited a hour.\n", 2)
    got = server.diagnostics(again, version=2, timeout=180)
    assert got["_at"] - changed < full_run / 3, (got["_at"] - changed, full_run)
    assert server.published(again, wait=0.5) == []  # and the old version's result never comes


def test_shutdown_and_exit_end_the_process_with_status_0(tmp_path):
    client = Client(tmp_path)
    client.initialize()
    assert client.close() == 0
    rude = Client(tmp_path)
    rude.initialize()
    rude.notify("exit", None)  # no shutdown first: LSP says status 1
    assert rude.proc.wait(30) == 1


def test_without_pygls_the_server_says_how_to_install_it(tmp_path):
    code = ("import sys\n"
            "class Block:\n"
            "    def find_spec(self, name, path=None, target=None):\n"
            "        if name.split('.')[0] in ('pygls', 'lsprotocol'):\n"
            "            raise ImportError('No module named ' + name)\n"
            "sys.meta_path.insert(0, Block())\n"
            "from lintnews.cli import main\n"
            "sys.argv = ['lintnews', 'server']\n"
            "main()\n")
    proc = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, capture_output=True, text=True,
                          timeout=60, stdin=subprocess.DEVNULL)
    assert proc.returncode == 2
    assert 'pip install "pygls>=2,<3" lsprotocol' in proc.stderr and ".[server]" in proc.stderr
