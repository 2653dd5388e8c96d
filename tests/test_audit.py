"""lintnews audit end to end: findings equal `check` on the same texts, resuming after a
kill, bad articles and broken rules recorded, the report's numbers, safe defaults."""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import REPO, project, run_cli, write
from generated import articles as generated_articles

pq = pytest.importorskip("pyarrow.parquet")
pytest.importorskip("distributed")

SEEDS = REPO / "seeds"


def jsonl(path: Path, rows: list[dict]) -> Path:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    return path


def findings(out: Path) -> list[dict]:
    return pq.read_table(out / "findings.parquet").to_pylist()


def key(path: str, d: dict) -> tuple:
    related = tuple((r["line"], r["column"], r["end_line"], r["end_column"], r["message"]) for r in d["related"])
    return (os.path.basename(path), d["line"], d["column"], d["end_line"], d["end_column"], d["code"],
            d["message"], related)


def test_audit_on_two_workers_finds_what_check_finds(tmp_path):
    """The seeds and 50 generated articles, as JSONL, on a local cluster of 2 worker processes."""
    rows, files = [], tmp_path / "files"
    for p in sorted(SEEDS.iterdir()):
        if p.suffix in (".txt", ".md", ".html"):
            rows.append({"id": p.name, "text": p.read_text(encoding="utf-8"), "format": p.suffix[1:]})
            write(files / p.name, p.read_bytes())
    for k, a in enumerate(generated_articles(50)):
        if k % 2:  # Markdown, its date in its front matter
            text = f"---\ntitle: {a['headline']}\ndate: {a['date']}\n---\n\n{a['text']}"
            rows.append({"id": a["id"], "text": text, "format": "markdown", "section": a["section"]})
            write(files / f"{a['id']}.md", text)
        else:  # plain text, its headline in a column: linted as the article's first line
            rows.append({"id": a["id"], "headline": a["headline"], "text": a["text"], "section": a["section"]})
            write(files / f"{a['id']}.txt", f"{a['headline']}\n\n{a['text']}")
    dump = jsonl(tmp_path / "dump.jsonl", rows)
    out = tmp_path / "out"
    res = run_cli("audit", str(dump), "--out", str(out), "--workers", "2", "--batch-size", "8", "--isolated",
                  cwd=tmp_path, timeout=600)
    assert res.returncode == 0, res.stderr
    checked = run_cli("check", "--isolated", "--no-cache", "--format", "json", "--exit-zero", str(files),
                      cwd=tmp_path, timeout=600)
    assert checked.returncode == 0, checked.stderr
    want = sorted(key(d["path"], d) for d in json.loads(checked.stdout))
    got = sorted(key(d["path"], d) for d in findings(out))
    assert len(want) > 100 and {k[5] for k in want} >= {"C201", "W101", "C203"}
    assert got == want
    summary = json.loads((out / "summary.json").read_text())
    assert summary["articles"] == len(rows) == 54 and summary["findings"] == len(want)
    assert summary["run"]["workers"] == 2 and summary["run"]["partitions_run"] == 7
    arts = pq.read_table(out / "articles.parquet").to_pylist()
    assert sorted(a["article_id"] for a in arts) == sorted(r["id"] for r in rows)
    assert not any(a["failed"] for a in arts)


CHEAP = ("--select", "W101,W102,W202,X901", "--config")  # no parse: workers start fast


def small_project(tmp_path: Path, n: int) -> tuple[Path, Path]:
    """A config with the test regex rule, and a JSONL of ``n`` short articles, each with three
    findings: a/an, a doubled word and a |mark|."""
    project(tmp_path)
    rows = [{"id": f"a{i:03d}", "text": f"Story {i} has a |mark| and an the the slip.\n\nIt is {i} words.\n"}
            for i in range(n)]
    return tmp_path / "lintnews.toml", jsonl(tmp_path / "dump.jsonl", rows)


def test_a_killed_run_resumes_with_only_the_rest(tmp_path):
    rows = [{"id": a["id"], "headline": a["headline"], "text": a["text"]} for a in generated_articles(30, seed=3)]
    dump = jsonl(tmp_path / "dump.jsonl", rows)
    out = tmp_path / "out"
    args = ["audit", str(dump), "--out", str(out), "--workers", "1", "--batch-size", "2", "--isolated"]
    proc = subprocess.Popen([sys.executable, "-m", "lintnews", *args], cwd=tmp_path, start_new_session=True,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 240
        while len(list((out / "parts").glob("*.done"))) < 4:
            assert proc.poll() is None and time.monotonic() < deadline, "the run ended before it was killed"
            time.sleep(0.02)
    finally:
        os.killpg(proc.pid, signal.SIGKILL)  # the client, its cluster and its workers, at once
        proc.wait()
    before = {p.name: p.stat().st_mtime_ns for p in (out / "parts").glob("*.done")}
    assert 4 <= len(before) < 15 and not (out / "findings.parquet").exists()
    res = run_cli(*args, cwd=tmp_path, timeout=300)
    assert res.returncode == 0, res.stderr
    run = json.loads((out / "summary.json").read_text())["run"]
    assert (run["partitions_skipped"], run["partitions_run"]) == (len(before), 15 - len(before))
    assert run["articles_checked"] == 30 - 2 * len(before)
    assert all((out / "parts" / name).stat().st_mtime_ns == t for name, t in before.items())
    arts = pq.read_table(out / "articles.parquet").to_pylist()
    assert sorted(a["article_id"] for a in arts) == sorted(r["id"] for r in rows)  # each once
    got = [(f["article_id"], f["line"], f["column"], f["code"], f["message"]) for f in findings(out)]
    assert len(got) == len(set(got)) == sum(a["findings"] for a in arts) > 30


def test_force_starts_over(tmp_path):
    config, dump = small_project(tmp_path, 4)
    out = tmp_path / "out"
    args = ["audit", str(dump), "--out", str(out), "--workers", "1", "--batch-size", "2", *CHEAP, str(config)]
    assert run_cli(*args, cwd=tmp_path).returncode == 0
    assert run_cli(*args, cwd=tmp_path).returncode == 0
    assert json.loads((out / "summary.json").read_text())["run"]["partitions_run"] == 0
    assert run_cli(*args, "--force", cwd=tmp_path).returncode == 0
    run = json.loads((out / "summary.json").read_text())["run"]
    assert (run["partitions_run"], run["partitions_skipped"]) == (2, 0)
    assert len(findings(out)) == 4 * 3  # a/an, the the, |mark|


def test_a_run_over_other_sources_does_not_mix_with_a_finished_one(tmp_path):
    config, dump = small_project(tmp_path, 4)
    out = tmp_path / "out"
    assert run_cli("audit", str(dump), "--out", str(out), "--workers", "1", *CHEAP, str(config),
                   cwd=tmp_path).returncode == 0
    other = jsonl(tmp_path / "other.jsonl", [{"id": "z", "text": "Another |text|.\n"}])
    res = run_cli("audit", str(other), "--out", str(out), "--workers", "1", *CHEAP, str(config), cwd=tmp_path)
    assert res.returncode == 2 and "--force" in res.stderr and "other sources" in res.stderr


BROKEN_RULE = """\
- code: X398
  name: bad-pattern
  kind: pattern
  severity: warning
  summary: spaCy rejects this pattern.
  options: {patterns: [[{NOT_AN_ATTR: "x"}]], requires: []}
"""


def test_bad_records_and_a_broken_rule_are_findings_and_the_job_goes_on(tmp_path):
    from conftest import TEST_RULES

    project(tmp_path, rules=TEST_RULES + BROKEN_RULE)
    dump = tmp_path / "dump.jsonl"
    dump.write_text(json.dumps({"id": "good", "text": "A |first| text.\n"}) + "\n"
                    + "{not json\n"
                    + json.dumps(["a", "list"]) + "\n"
                    + json.dumps({"id": "no-text", "body": None}) + "\n"
                    + json.dumps({"id": "odd", "text": "Text.", "format": "docx"}) + "\n"
                    + json.dumps({"id": "last", "text": "The |last| one.\n"}) + "\n", encoding="utf-8")
    out = tmp_path / "out"
    res = run_cli("audit", str(dump), "--out", str(out), "--workers", "1", "--select", "X901,X398",
                  "--config", str(tmp_path / "lintnews.toml"), cwd=tmp_path)
    assert res.returncode == 0, res.stderr
    by_article: dict[str, list] = {}
    for f in findings(out):
        by_article.setdefault(f["article_id"], []).append((f["code"], f["message"]))
    assert sorted(c for c, _ in by_article["good"]) == ["E002", "X901"]
    assert sorted(c for c, _ in by_article["last"]) == ["E002", "X901"]
    assert any("X398 bad-pattern" in m for c, m in by_article["good"] if c == "E002")
    assert by_article["dump.jsonl:2"] == [("E001", by_article["dump.jsonl:2"][0][1])]
    assert "line 2: invalid JSON" in by_article["dump.jsonl:2"][0][1]
    assert "line 3: a JSON list, not an object" in by_article["dump.jsonl:3"][0][1]
    assert by_article["no-text"] == [("E001", "record 4: 'body' is empty")]
    assert "unknown format 'docx'" in by_article["odd"][0][1]
    arts = {a["article_id"]: a for a in pq.read_table(out / "articles.parquet").to_pylist()}
    assert len(arts) == 6 and all(a["failed"] for a in arts.values())
    assert json.loads((out / "summary.json").read_text())["failed_articles"] == 6


def test_report_numbers_by_rule_section_and_month(tmp_path):
    project(tmp_path)
    filler = " ".join(["word"] * 97)
    rows = [  # 99 words each (97 + two marked words); |marks| are X901 findings
        {"id": "a", "text": f"{filler} |one| |two|\n", "section": "Politics", "date": "2021-03-04"},
        {"id": "b", "text": f"{filler} |one| two\n", "section": "Politics", "date": "2021-03-20T10:00:00Z"},
        {"id": "c", "text": f"{filler} one two\n", "section": "Sport", "date": "2021-04-01"},
        {"id": "d", "text": f"{filler} |one| |two|\n", "section": "Sport"},
    ]
    out = tmp_path / "out"
    res = run_cli("audit", str(jsonl(tmp_path / "d.jsonl", rows)), "--out", str(out), "--workers", "1",
                  "--select", "X901", "--config", str(tmp_path / "lintnews.toml"), cwd=tmp_path)
    assert res.returncode == 0, res.stderr
    s = json.loads((out / "summary.json").read_text())
    assert (s["articles"], s["words"], s["findings"]) == (4, 396, 5)
    assert s["rules"] == [{"code": "X901", "rule": "marked-word", "severity": "warning", "findings": 5,
                           "articles": 3, "per_1000_words": round(5000 / 396, 3)}]
    assert [(g["section"], g["articles"], g["findings"]) for g in s["sections"]] == \
        [("Politics", 2, 3), ("Sport", 2, 2)]
    assert [(g["month"], g["articles"], g["findings"], g["per_1000_words"]) for g in s["months"]] == \
        [("2021-03", 2, 3, round(3000 / 198, 3)), ("2021-04", 1, 0, 0.0)]
    assert (s["undated"]["articles"], s["undated"]["findings"]) == (1, 2)
    assert [a["article_id"] for a in s["top_articles"]] == ["a", "d", "b", "c"]
    html = (out / "report.html").read_text()
    assert "Politics" in html and "2021-03" in html and "15.15" in html  # 3 per 198 words
    ex = [f for f in findings(out) if f["article_id"] == "a"]
    assert [(f["before"][-6:], f["flagged"], f["after"]) for f in ex] == [("word |", "one", "| |two|"),
                                                                         ("|one| |"[-6:], "two", "|")]


def test_the_local_cluster_listens_on_loopback_only(tmp_path):
    psutil = pytest.importorskip("psutil")
    from lintnews.audit.run import connect

    with connect(None, 2, dashboard=False) as client:
        pids = {os.getpid(), *client.run(os.getpid).values()}
        assert len(pids) == 3  # two worker processes besides this one (the scheduler's)
        procs = [psutil.Process(p) for p in pids]
        procs += [c for p in list(procs) for c in p.children(recursive=True)]
        listening = [c.laddr for p in procs for c in p.net_connections("inet") if c.status == psutil.CONN_LISTEN]
        assert listening and {a.ip for a in listening} == {"127.0.0.1"}
        assert client.scheduler_info()["address"].startswith("tcp://127.0.0.1:")
        info = client.scheduler_info()
        assert all(w["nthreads"] == 1 for w in info["workers"].values())


# -- a worker that dies on an article -------------------------------------------------------
from lintnews.kinds.base import Kind  # noqa: E402

KILLER_RULE = """\
- code: X399
  name: worker-killer
  kind: killer
  severity: warning
  summary: Ends its process on a marked article, as a crash in native code would.
"""


class KillerKind(Kind):
    def check(self, ctx):
        if "KILL-THE-WORKER" in ctx.article.text:
            os._exit(1)
        return []


def test_an_article_that_kills_its_worker_is_an_e002_and_the_rest_are_checked(tmp_path, monkeypatch):
    import dask
    from distributed import Client, LocalCluster
    from distributed.diagnostics.plugin import WorkerPlugin

    from conftest import TEST_RULES
    from lintnews import registry
    from lintnews.audit import AuditOptions, run_audit

    class AddKiller(WorkerPlugin):  # the kind, in each worker process (spawned: no monkeypatch there)
        def setup(self, worker):
            from lintnews import registry

            registry.builtin_kinds()["killer"] = "test_audit:KillerKind"

    monkeypatch.setitem(registry.builtin_kinds(), "killer", "test_audit:KillerKind")
    project(tmp_path, rules=TEST_RULES + KILLER_RULE)
    rows = [{"id": f"a{i}", "text": f"Article {i} with a |mark|.\n"} for i in range(6)]
    rows[4]["text"] += "KILL-THE-WORKER\n"
    dump = jsonl(tmp_path / "dump.jsonl", rows)
    with dask.config.set({"distributed.scheduler.allowed-failures": 0}), \
            LocalCluster(n_workers=1, threads_per_worker=1, processes=True, host="127.0.0.1",
                         dashboard_address=None) as cluster, Client(cluster) as client:
        client.register_plugin(AddKiller())
        summary = run_audit(AuditOptions(sources=[str(dump)], out=tmp_path / "out", batch_size=3,
                                         scheduler=cluster.scheduler_address,
                                         overrides={"select": ("X901", "X399")},
                                         config_file=tmp_path / "lintnews.toml"))
    got = sorted((f["article_id"], f["code"]) for f in findings(tmp_path / "out"))
    assert got == sorted([(f"a{i}", "X901") for i in range(6) if i != 4] + [("a4", "E002")])
    [e002] = [f for f in findings(tmp_path / "out") if f["code"] == "E002"]
    assert "the worker failed on this article" in e002["message"]
    assert summary["articles"] == 6 and summary["failed_articles"] == 1


def test_the_date_column_is_the_articles_publication_date(tmp_path):
    rows = [{"id": "dated", "text": "The council met on Tuesday.\n", "date": "2024-03-05"},
            {"id": "undated", "text": "The council met on Tuesday.\n"}]
    out = tmp_path / "out"
    res = run_cli("audit", str(jsonl(tmp_path / "d.jsonl", rows)), "--out", str(out), "--workers", "1",
                  "--select", "C303", "--isolated", cwd=tmp_path)
    assert res.returncode == 0, res.stderr
    assert [(f["article_id"], f["code"]) for f in findings(out)] == [("undated", "C303")]
