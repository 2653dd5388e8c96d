"""Audit sources: JSONL, CSV and Parquet (gzip too), column options, bad records as E001
records, folders as `check` reads them, and partition ids that stay the same across runs."""
from __future__ import annotations

import datetime as _dt
import gzip
import json
import os

import pytest

from conftest import write
from lintnews.audit.sources import Columns, compose, partitions, plan
from lintnews.engine import Engine, RunOptions


def records(*names, columns=Columns(), batch_size=100):
    walker = Engine(RunOptions(isolated=True))
    parts = list(partitions(plan([str(n) for n in names], lambda d: walker.discover([d])), columns, batch_size))
    return [r for p in parts for r in p.records], parts


def test_jsonl_with_the_common_column_names(tmp_path):
    rows = [{"article_id": 7, "title": "Rates held", "body": "The bank held rates.", "published_at":
             "2024-05-06T09:00:00Z", "category": "Business", "link": "https://example.org/7"},
            {"id": "b.md", "text": "# Head\n\nBody.", "date": "not a date"}]
    p = write(tmp_path / "dump.jsonl", "".join(json.dumps(r) + "\n" for r in rows))
    [a, b], _ = records(p)
    assert (a.id, a.path, a.headline, a.date, a.section, a.url) == (
        "7", "7.txt", "Rates held", _dt.date(2024, 5, 6), "Business", "https://example.org/7")
    assert a.text == "Rates held\n\nThe bank held rates."  # the headline is the article's first line
    assert (b.id, b.path, b.text, b.date, b.headline) == ("b.md", "b.md.txt", "# Head\n\nBody.", None, None)


def test_column_options_and_formats(tmp_path):
    rows = [{"key": "x1", "story": "<p>Body</p>", "hed": "A <b> headline", "kind": "html", "id": "ignored"},
            {"key": "x2", "story": "Body text.", "hed": "Head", "kind": "md"}]
    p = write(tmp_path / "d.jsonl", "".join(json.dumps(r) + "\n" for r in rows))
    cols = Columns(id="key", text="story", headline="hed", format="kind")
    [a, b], _ = records(p, columns=cols)
    assert (a.path, a.text) == ("x1.html", "<h1>A &lt;b&gt; headline</h1>\n<p>Body</p>")
    assert (b.path, b.text) == ("x2.md", "# Head\n\nBody text.")
    [c, _], _ = records(p, columns=Columns(id="key", text="story", default_format="markdown"))
    assert c.path == "x1.md" and c.headline is None  # 'hed' is not a default headline column


def test_compose_leaves_a_text_that_already_starts_with_its_headline():
    assert compose("Head\n\nBody.", "Head", "text") == "Head\n\nBody."
    assert compose("Body.", None, "html") == "Body."


def test_gzip_csv_tsv_and_a_bom(tmp_path):
    csv_text = '\ufeffid,text,section\n1,"A text, with a comma\nand a line break.",World\n2,Second.,\n'
    gz = tmp_path / "d.csv.gz"
    gz.write_bytes(gzip.compress(csv_text.encode("utf-8")))
    tsv = write(tmp_path / "d.tsv", "id\ttext\n9\tTab separated.\n")
    recs, _ = records(gz, tsv)
    assert [(r.id, r.text, r.section) for r in recs] == [
        ("1", "A text, with a comma\nand a line break.", "World"), ("2", "Second.", None),
        ("9", "Tab separated.", None)]
    gzl = tmp_path / "x.jsonl.gz"  # gzip is found by its bytes, not its name
    gzl.write_bytes(gzip.compress(b'{"id": "g", "text": "Zipped."}\n'))
    assert [r.text for r in records(gzl)[0]] == ["Zipped."]


def test_parquet_plain_and_gzipped(tmp_path):
    pa = pytest.importorskip("pyarrow")
    import pyarrow.parquet as pq

    table = pa.table({"id": [1, 2], "text": ["One.", "Two."], "date": [_dt.date(2020, 1, 2), None],
                      "published": [_dt.datetime(2021, 1, 1), _dt.datetime(2021, 2, 2)]})
    pq.write_table(table, tmp_path / "a.parquet", compression="gzip")
    (tmp_path / "b.parquet.gz").write_bytes(gzip.compress((tmp_path / "a.parquet").read_bytes()))
    for name in ("a.parquet", "b.parquet.gz"):
        recs, _ = records(tmp_path / name)
        assert [(r.id, r.text, r.date) for r in recs] == [("1", "One.", _dt.date(2020, 1, 2)), ("2", "Two.", None)]


def test_bad_records_are_e001_records_and_reading_goes_on(tmp_path):
    raw = (b'{"id": "ok1", "text": "Fine."}\n\n'
           b'{"id": broken\n'
           b'"a string"\n'
           b'{"id": "n", "text": 5}\n'
           b'{"id": "bad\xff", "text": "x"}\n'
           b'{"id": "ok2", "text": "Fine too."}\n')
    p = tmp_path / "d.jsonl"
    p.write_bytes(raw)
    recs, _ = records(p)
    assert [(r.id, r.text is None) for r in recs] == [
        ("ok1", False), ("d.jsonl:3", True), ("d.jsonl:4", True), ("n", True), ("d.jsonl:6", True),
        ("ok2", False)]
    assert "line 3: invalid JSON" in recs[1].error and "a JSON str, not an object" in recs[2].error
    assert recs[3].error == "record 5: 'text' is not a string" and "invalid UTF-8" in recs[4].error


def test_a_truncated_gzip_keeps_what_was_read_and_says_why(tmp_path):
    data = gzip.compress(b"".join(b'{"id": "%d", "text": "Article %d."}\n' % (i, i) for i in range(2000)))
    p = tmp_path / "cut.jsonl.gz"
    p.write_bytes(data[: len(data) // 2])
    recs, _ = records(p)
    assert len(recs) > 2 and all(r.text for r in recs[:-1])
    assert recs[-1].text is None and "cannot read the rest of this jsonl file" in recs[-1].error


def test_a_missing_source_and_a_csv_without_the_text_column(tmp_path):
    csv_file = write(tmp_path / "d.csv", "id,body_html\n1,x\n")
    [missing], _ = records(tmp_path / "nope.jsonl")
    assert missing.error == "no such file or directory"
    [row], _ = records(csv_file, columns=Columns(text="content"))  # one E001 for the file, not one a row
    assert row.error == "no text column: expected 'content' (columns: id, body_html); name it with --text-col"
    [row], _ = records(csv_file)
    assert row.error.startswith("no text column: expected one of text, body, content")


def test_folders_are_read_as_check_reads_them(tmp_path):
    write(tmp_path / "d" / "a.txt", "Text.\n")
    write(tmp_path / "d" / "b.md", "Markdown.\n")
    write(tmp_path / "d" / "skip.csv", "not an article\n")
    write(tmp_path / "d" / ".gitignore", "ignored.txt\n")
    write(tmp_path / "d" / "ignored.txt", "Ignored.\n")
    (tmp_path / "d" / "bad.txt").write_bytes(b"caf\xe9\n")
    recs, _ = records(tmp_path / "d")
    names = [os.path.basename(r.path) for r in recs]
    assert names == ["a.txt", "b.md", "bad.txt"]
    bad = recs[2]
    assert bad.text is None and bad.error.startswith("invalid UTF-8: byte 0xe9 at byte offset 3")
    assert bad.error_at == (1, 4)


def test_partition_ids_are_stable_and_per_source(tmp_path):
    a = write(tmp_path / "a.jsonl", "".join(json.dumps({"id": i, "text": "T."}) + "\n" for i in range(7)))
    write(tmp_path / "d" / "x.txt", "X.\n")
    _, first = records(a, tmp_path / "d", batch_size=3)
    _, again = records(a, tmp_path / "d", batch_size=3)
    assert [p.pid for p in first] == ["0000-000000", "0000-000001", "0000-000002", "0001-000000"]
    assert [(p.pid, [r.id for r in p.records]) for p in first] == \
        [(p.pid, [r.id for r in p.records]) for p in again]
    assert [len(p.records) for p in first] == [3, 3, 1, 1]


def test_a_partition_ends_early_when_its_articles_are_long(tmp_path, monkeypatch):
    from lintnews.audit import sources

    monkeypatch.setattr(sources, "PARTITION_CHARS", 25)
    a = write(tmp_path / "a.jsonl", "".join(json.dumps({"id": i, "text": "x" * n}) + "\n"
                                          for i, n in enumerate([10, 10, 10, 30, 1, 1])))
    _, parts = records(a, batch_size=3)
    assert [[r.id for r in p.records] for p in parts] == [["0", "1", "2"], ["3"], ["4", "5"]]


def test_a_changed_source_changes_its_fingerprint(tmp_path):
    a = write(tmp_path / "a.jsonl", '{"text": "One."}\n')
    write(tmp_path / "d" / "x.txt", "X.\n")
    fp = [s.fingerprint() for s in plan([str(a), str(tmp_path / "d")], lambda d: [str(tmp_path / "d" / "x.txt")])]
    a.write_text('{"text": "One, changed."}\n')
    (tmp_path / "d" / "x.txt").write_text("X, and more.\n")
    fp2 = [s.fingerprint() for s in plan([str(a), str(tmp_path / "d")], lambda d: [str(tmp_path / "d" / "x.txt")])]
    assert fp[0] != fp2[0] and fp[1] != fp2[1]
