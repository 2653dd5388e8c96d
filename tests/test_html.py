"""HTML outputs: `check --format html` highlights exactly the flagged text and links the
sides of a conflict; the audit report and that page show hostile text as text; lintnews
and `check` work without the audit's optional dependencies."""
from __future__ import annotations

import json
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest

from conftest import REPO, run_cli, source_range, write

SEED = REPO / "seeds" / "orbital-partners.txt"


class Page(HTMLParser):
    """Every element and attribute of a page, its ids and in-page links, and the text of its
    first <pre> with the offsets where ids start and where note references sit."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict]] = []
        self.ids: set[str] = set()
        self.text: list[str] = []  # all text, as a reader sees it
        self.pre: list[str] = []
        self.in_pre = self.pre_done = self.in_ref = False
        self.id_at: dict[str, int] = {}
        self.ref_at: dict[str, int] = {}
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        self.tags.append((tag, a))
        if "id" in a:
            self.ids.add(a["id"])
        if tag == "pre" and not self.pre_done:
            self.in_pre = True
        if self.in_pre:
            pos = len("".join(self.pre))
            if "id" in a:
                self.id_at[a["id"]] = pos
            if tag == "a" and "ref" in a.get("class", ""):
                self.ref_at[a["href"][1:]] = pos
                self.in_ref = True

    def handle_endtag(self, tag):
        if tag == "pre" and self.in_pre:
            self.in_pre, self.pre_done = False, True
        if tag == "a":
            self.in_ref = False

    def handle_data(self, data):
        self.text.append(data)
        if self.in_pre and not self.in_ref:
            self.pre.append(data)


def test_findings_are_highlighted_exactly_where_they_are(tmp_path):
    out = run_cli("check", "--isolated", "--format", "html", str(SEED), cwd=tmp_path)
    assert out.returncode == 1, out.stderr
    diags = json.loads(run_cli("check", "--isolated", "--format", "json", str(SEED), cwd=tmp_path).stdout)
    page = Page(out.stdout)
    source = SEED.read_text(encoding="utf-8")
    assert "".join(page.pre) == source  # the article, every character, nothing added
    assert len(diags) > 5
    for i, d in enumerate(sorted(diags, key=lambda d: (d["line"], d["column"], d["code"], d["message"]))):
        start = page.id_at[f"a0-f{i}"]
        end = page.ref_at[f"a0-n{i}"]  # the note's number follows the flagged text
        assert source[start:end] == source_range(source, d["line"], d["column"], d["end_line"], d["end_column"])
        for j, r in enumerate(d["related"]):
            at = page.id_at[f"a0-f{i}-o{j}"]
            want = source_range(source, r["line"], r["column"], r["end_line"], r["end_column"])
            assert source[at:at + len(want)] == want
    links = [a["href"][1:] for t, a in page.tags if t == "a" and a.get("href", "").startswith("#")]
    assert links and all(link in page.ids for link in links)  # every in-page link has its target
    c201 = next(i for i, d in enumerate(sorted(diags, key=lambda d: (d["line"], d["column"], d["code"],
                                                                      d["message"]))) if d["code"] == "C201")
    assert f"a0-f{c201}-o0" in links  # the note links to the other side


HTTPS_URL = 'https://example.org/"><script>alert(8)</script>'


def hostile_inputs(tmp_path: Path) -> tuple[Path, Path, Path]:
    """A JSONL and a folder whose ids, headlines, texts, sections, URLs and file names are attacks."""
    rows = [
        {"id": '<script>alert("id")</script>"><img src=x onerror=alert(1)>',
         "headline": '"><img src=x onerror=alert(2)><script>alert("headline")</script>',
         "text": 'It was a an <script>alert("text")</script> and "><img src=x onerror=alert(3)> the the end.\n',
         "section": '<svg onload=alert(4)>', "date": "2024-01-02", "url": "javascript:alert(5)"},
        {"id": "second", "text": "<p onclick=alert(6)>a an</p><script>alert(7)</script>\n", "format": "html",
         "url": HTTPS_URL},
    ]
    dump = tmp_path / "dump.jsonl"
    dump.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    folder = tmp_path / "drafts"
    evil = write(folder / '"><img src=x onerror=alert(9)>.txt',
                 "<script>alert(10)</script> a an error in the the text.\n")
    return dump, folder, evil


BAD_TAGS = {"script", "img", "iframe", "object", "embed", "link", "base", "form", "input", "meta-refresh",
            "video", "audio", "source", "image", "use", "foreignobject"}


def assert_inert(html: str, *shown: str) -> None:
    """No element or attribute came from the data; the attacks show as text."""
    page = Page(html)
    assert not [t for t, _ in page.tags if t in BAD_TAGS]
    assert not [(t, k) for t, a in page.tags for k in a if k.startswith("on")]
    assert not [a for t, a in page.tags if "src" in a or "srcset" in a]
    hrefs = {a["href"] for t, a in page.tags if "href" in a and not a["href"].startswith("#")}
    assert hrefs <= {HTTPS_URL}  # javascript: never becomes a link; an https URL stays one attribute
    text = "".join(page.text)
    for s in shown:
        assert s in text, s
    metas = [a for t, a in page.tags if t == "meta" and a.get("http-equiv") == "Content-Security-Policy"]
    assert metas and "default-src 'none'" in metas[0]["content"] and "script-src" not in metas[0]["content"]


def test_audit_report_shows_hostile_text_as_text(tmp_path):
    pytest.importorskip("distributed")
    pytest.importorskip("pyarrow")
    dump, folder, evil = hostile_inputs(tmp_path)
    out = tmp_path / "out"
    res = run_cli("audit", str(dump), str(folder), "--out", str(out), "--workers", "1",
                  "--select", "W101,W102", "--isolated", cwd=tmp_path)
    assert res.returncode == 0, res.stderr
    html = (out / "report.html").read_text(encoding="utf-8")
    assert_inert(html, '<script>alert("id")</script>"><img src=x onerror=alert(1)>',
                 '"><img src=x onerror=alert(2)><script>alert("headline")</script>',
                 '<script>alert("text")</script>', "<svg onload=alert(4)>", evil.name,
                 "<script>alert(10)</script>")


def test_check_html_shows_hostile_text_as_text(tmp_path):
    _, _, evil = hostile_inputs(tmp_path)
    res = run_cli("check", "--isolated", "--format", "html", str(evil), cwd=tmp_path)
    assert res.returncode == 1, res.stderr
    assert_inert(res.stdout, evil.name, "<script>alert(10)</script>")
    assert "<mark" in res.stdout


BLOCKER = """
import sys
class Blocker:
    def find_spec(self, name, path=None, target=None):
        if name.split(".")[0] in ("dask", "distributed", "pyarrow"):
            raise ModuleNotFoundError(f"No module named {name!r}", name=name)
sys.meta_path.insert(0, Blocker())
sys.argv = ["lintnews", *sys.argv[1:]]
from lintnews.cli import main
try:
    main()
finally:
    assert not any(m.split(".")[0] in ("dask", "distributed", "pyarrow") for m in sys.modules)
"""


def test_lintnews_works_without_dask_and_pyarrow(tmp_path):
    import subprocess

    def run(*args):
        return subprocess.run([sys.executable, "-c", BLOCKER, *args], cwd=tmp_path, capture_output=True,
                              text=True, timeout=300)

    res = run("check", "--isolated", "--format", "html", str(SEED))
    assert res.returncode == 1 and '<pre class="article">' in res.stdout, res.stderr
    res = run("audit", str(SEED), "--out", str(tmp_path / "out"))
    assert res.returncode == 2
    assert 'pip install "dask[distributed]>=2024.1" "pyarrow>=14"' in res.stderr and "dask[distributed] and pyarrow" in res.stderr
    assert not (tmp_path / "out").exists()
