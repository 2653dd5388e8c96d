"""report.html and the `check --format html` page in headless Chromium: they render, the
charts are drawn, the style sheet applies, and no request leaves the file.

"No request leaves the file" is measured, not inferred: the page is opened through the
DevTools protocol (--remote-debugging-pipe), which reports every request the page itself
makes (Network.requestWillBeSent, even one a Content-Security-Policy then blocks) and every
console or security message (Log.entryAdded). The browser's own background traffic is not
the page's and is not counted. Two control pages prove the probe sees what it should: one
that loads an image and a style sheet from another host, one whose CSP blocks an image.
Host names never resolve (--host-resolver-rules), so nothing could leave the machine anyway.

Debian's `chromium` package; .ci/run installs it. Skipped, saying so, where it is missing.
"""
from __future__ import annotations

import base64
import json
import os
import select
import shutil
import subprocess
import time
from pathlib import Path

import pytest

from conftest import REPO, run_cli
from generated import articles as generated_articles

FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--host-resolver-rules=MAP * ~NOTFOUND", "--remote-debugging-pipe"]


def chromium() -> str:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        exe = shutil.which(name)
        if exe:
            return exe
    pytest.skip("headless Chromium is not installed (apt-get install -y chromium; .ci/run does this)")


class Browser:
    """Chromium driven over the DevTools protocol on a pipe (fd 3: commands in, fd 4: out)."""

    def __init__(self, profile: Path) -> None:
        import fcntl  # POSIX only, like the pipe it serves

        cmd_r, cmd_w = os.pipe()
        ev_r, ev_w = os.pipe()
        high = [fcntl.fcntl(cmd_r, fcntl.F_DUPFD, 10), fcntl.fcntl(ev_w, fcntl.F_DUPFD, 10)]

        def child() -> None:
            os.dup2(high[0], 3)
            os.dup2(high[1], 4)

        self.proc = subprocess.Popen([chromium(), *FLAGS, f"--user-data-dir={profile}", "about:blank"],
                                     pass_fds=(3, 4, *high), preexec_fn=child,
                                     stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        for fd in (cmd_r, ev_w, *high):
            os.close(fd)
        self.w, self.r = cmd_w, ev_r
        self.buf, self.messages, self.n = b"", [], 0

    def _read(self, timeout: float) -> None:
        if select.select([self.r], [], [], max(0.0, timeout))[0]:
            chunk = os.read(self.r, 1 << 20)
            if not chunk:
                raise RuntimeError("the browser closed its pipe")
            self.buf += chunk
            while b"\0" in self.buf:
                raw, self.buf = self.buf.split(b"\0", 1)
                self.messages.append(json.loads(raw))

    def wait(self, pred, timeout: float = 60) -> dict:
        end, seen = time.monotonic() + timeout, 0
        while True:
            for m in self.messages[seen:]:
                if pred(m):
                    return m
            seen = len(self.messages)
            if time.monotonic() > end:
                raise TimeoutError("no answer from the browser")
            self._read(end - time.monotonic())

    def send(self, method: str, params: dict | None = None, session: str | None = None) -> dict:
        self.n += 1
        n = self.n
        msg = {"id": n, "method": method, "params": params or {}, **({"sessionId": session} if session else {})}
        os.write(self.w, json.dumps(msg).encode() + b"\0")
        answer = self.wait(lambda m: m.get("id") == n)
        assert "error" not in answer, answer
        return answer["result"]

    def open(self, path: Path) -> tuple[str, list[dict]]:
        """Load a file in a new tab; (session, the tab's events until 0.5 s after load)."""
        target = self.send("Target.createTarget", {"url": "about:blank"})["targetId"]
        s = self.send("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
        for domain in ("Network", "Page", "Log", "Runtime"):
            self.send(f"{domain}.enable", session=s)
        self.send("Emulation.setDeviceMetricsOverride",
                  {"width": 1280, "height": 1600, "deviceScaleFactor": 1, "mobile": False}, s)
        start = len(self.messages)
        self.send("Page.navigate", {"url": path.resolve().as_uri()}, s)
        self.wait(lambda m: m.get("method") == "Page.loadEventFired" and m.get("sessionId") == s)
        end = time.monotonic() + 0.5
        while time.monotonic() < end:
            self._read(end - time.monotonic())
        return s, [m for m in self.messages[start:] if m.get("sessionId") == s and "method" in m]

    def js(self, session: str, expression: str):
        res = self.send("Runtime.evaluate", {"expression": expression, "returnByValue": True}, session)
        assert "exceptionDetails" not in res, res
        return res["result"].get("value")

    def screenshot(self, session: str) -> bytes:
        return base64.b64decode(self.send("Page.captureScreenshot", {"format": "png"}, session)["data"])

    def close(self) -> None:
        try:
            self.send("Browser.close")
            self.proc.wait(timeout=15)
        except Exception:
            self.proc.kill()


@pytest.fixture
def browser(tmp_path):
    chromium()
    b = Browser(tmp_path / "profile")
    yield b
    b.close()


def requests_and_messages(events: list[dict]) -> tuple[list[str], list[str]]:
    urls = [m["params"]["request"]["url"] for m in events if m["method"] == "Network.requestWillBeSent"]
    logs = [m["params"]["entry"]["text"] for m in events if m["method"] == "Log.entryAdded"]
    return urls, logs


def test_the_probe_sees_a_page_that_reaches_out(browser, tmp_path):
    loads = tmp_path / "loads.html"
    loads.write_text('<!DOCTYPE html><img src="http://lintnews-control.test/p.png">'
                     '<link rel="stylesheet" href="https://lintnews-control.test/x.css"><p>control</p>')
    urls, _ = requests_and_messages(browser.open(loads)[1])
    assert {"http://lintnews-control.test/p.png", "https://lintnews-control.test/x.css"} <= set(urls)
    blocked = tmp_path / "blocked.html"
    blocked.write_text("<!DOCTYPE html><meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'\">"
                       '<img src="http://lintnews-control.test/p.png"><p>control</p>')
    _, logs = requests_and_messages(browser.open(blocked)[1])
    assert any("Content Security Policy" in text for text in logs)


def audit_report(tmp_path: Path) -> Path:
    pytest.importorskip("distributed")
    pytest.importorskip("pyarrow")
    rows = [{k: a[k] for k in ("id", "headline", "text", "section", "date")} for a in generated_articles(12, 9)]
    dump = tmp_path / "dump.jsonl"
    dump.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    res = run_cli("audit", str(dump), "--out", str(tmp_path / "out"), "--workers", "1",
                  "--select", "W,C105", "--isolated", cwd=tmp_path, timeout=600)
    assert res.returncode == 0, res.stderr
    return tmp_path / "out" / "report.html"


def assert_self_contained(page: Path, events: list[dict]) -> None:
    urls, logs = requests_and_messages(events)
    assert urls == [page.resolve().as_uri()], urls  # the file itself, nothing else
    assert logs == []  # no CSP violation, no failed load, no error


def test_the_audit_report_renders_with_its_charts_and_fetches_nothing(browser, tmp_path):
    report = audit_report(tmp_path)
    empty = tmp_path / "empty.html"
    empty.write_text("<!DOCTYPE html><title>empty</title>")
    blank = browser.screenshot(browser.open(empty)[0])
    s, events = browser.open(report)
    assert_self_contained(report, events)
    assert browser.js(s, "document.title") == "lintnews audit"
    assert browser.js(s, "document.scripts.length") == 0
    charts = browser.js(s, """[...document.querySelectorAll('svg.chart-svg')].map(svg => ({
        id: svg.closest('figure').id, w: svg.getBoundingClientRect().width,
        bars: [...svg.querySelectorAll('rect')].filter(r => r.getBoundingClientRect().width > 0).length}))""")
    assert {c["id"] for c in charts} == {"chart-rules", "chart-sections", "chart-months"}
    assert all(c["w"] > 300 and c["bars"] >= 2 for c in charts), charts
    # the inline style sheet applies (the CSP allows it): error bars are red, marks are tinted
    assert browser.js(s, "getComputedStyle(document.querySelector('.bar.error rect')).fill") == "rgb(198, 40, 40)"
    assert browser.js(s, "getComputedStyle(document.querySelector('mark.error')).backgroundColor") \
        == "rgb(253, 226, 225)"
    assert len(browser.screenshot(s)) > 5 * len(blank)  # drawn, not a blank page


def test_the_check_html_page_renders_and_fetches_nothing(browser, tmp_path):
    res = run_cli("check", "--isolated", "--format", "html", "--output-file", str(tmp_path / "check.html"),
                  str(REPO / "seeds" / "orbital-partners.txt"), cwd=tmp_path)
    assert res.returncode == 1, res.stderr
    page = tmp_path / "check.html"
    s, events = browser.open(page)
    assert_self_contained(page, events)
    assert browser.js(s, "document.scripts.length") == 0
    assert browser.js(s, "document.querySelectorAll('pre.article mark').length") > 10
    assert browser.js(s, "getComputedStyle(document.querySelector('mark.warning')).backgroundColor") \
        == "rgb(255, 241, 204)"
    # a note links to the other side of its conflict, and that anchor is on the page
    target = browser.js(s, "[...document.querySelectorAll('ol.notes a')].map(a => a.hash)"
                           ".filter(h => h.includes('-o'))[0]")
    assert target and browser.js(s, f"!!document.getElementById({json.dumps(target[1:])})")
