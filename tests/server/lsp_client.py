"""A minimal LSP client for the tests: `lintnews server` in a subprocess, JSON-RPC over its
stdin/stdout with Content-Length framing, as an editor speaks it."""
from __future__ import annotations

import json
import os
import queue
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any


class Client:
    """Starts the server; ``request`` waits for the answer, notifications are queued."""

    def __init__(self, cwd: Path, capabilities: dict | None = None, env: dict | None = None) -> None:
        self.proc = subprocess.Popen([sys.executable, "-m", "lintnews", "server"], cwd=cwd,
                                     stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                     env={**os.environ, **(env or {})})
        self.inbox: queue.Queue = queue.Queue()
        self.answers: dict[int, Any] = {}
        self.next_id = 0
        self.stderr: list[bytes] = []
        threading.Thread(target=self._read, daemon=True).start()
        threading.Thread(target=lambda: self.stderr.extend(self.proc.stderr), daemon=True).start()
        self.capabilities = capabilities if capabilities is not None else {
            "workspace": {"workspaceEdit": {"documentChanges": True}},
            "textDocument": {"publishDiagnostics": {"relatedInformation": True, "versionSupport": True}},
        }
        self.root = cwd

    # -- framing ---------------------------------------------------------------------------
    def _read(self) -> None:
        out = self.proc.stdout
        while True:
            headers = {}
            while True:
                line = out.readline()
                if not line:
                    self.inbox.put(None)
                    return
                if line in (b"\r\n", b"\n"):
                    break
                name, _, value = line.decode("ascii").partition(":")
                headers[name.strip().lower()] = value.strip()
            body = out.read(int(headers["content-length"]))
            message = json.loads(body.decode("utf-8"))
            message["_at"] = time.monotonic()
            if "id" in message and "method" not in message:
                self.answers[message["id"]] = message
            elif "id" in message:  # a request from the server (registerCapability): say yes
                self.send({"jsonrpc": "2.0", "id": message["id"], "result": None})
                self.inbox.put(message)
            else:
                self.inbox.put(message)

    def send(self, message: dict) -> None:
        body = json.dumps(message).encode("utf-8")
        self.proc.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        self.proc.stdin.flush()

    def notify(self, method: str, params: Any) -> None:
        self.send({"jsonrpc": "2.0", "method": method, "params": params})

    def request(self, method: str, params: Any, timeout: float = 60) -> Any:
        self.next_id += 1
        rid = self.next_id
        self.send({"jsonrpc": "2.0", "id": rid, "method": method, "params": params})
        deadline = time.monotonic() + timeout
        while rid not in self.answers:
            if time.monotonic() > deadline or self.proc.poll() is not None:
                raise AssertionError(f"no answer to {method}; stderr: {self.err()}")
            time.sleep(0.005)
        answer = self.answers.pop(rid)
        assert "error" not in answer, answer
        return answer["result"]

    def err(self) -> str:
        return b"".join(self.stderr).decode("utf-8", "replace")

    # -- LSP -------------------------------------------------------------------------------
    def initialize(self) -> dict:
        result = self.request("initialize", {"processId": os.getpid(), "rootUri": self.root.as_uri(),
                                             "capabilities": self.capabilities})
        self.notify("initialized", {})
        return result

    def open(self, uri: str, text: str, language: str = "plaintext", version: int = 1) -> None:
        self.notify("textDocument/didOpen", {"textDocument": {"uri": uri, "languageId": language,
                                                              "version": version, "text": text}})

    def change(self, uri: str, text: str, version: int) -> float:
        """Send the whole new text; the time it was sent."""
        self.notify("textDocument/didChange", {"textDocument": {"uri": uri, "version": version},
                                               "contentChanges": [{"text": text}]})
        return time.monotonic()

    def diagnostics(self, uri: str, version: int | None = None, timeout: float = 120) -> dict:
        """The next publishDiagnostics for ``uri`` (for ``version``, when given); earlier ones
        for other versions are dropped, those for other documents kept for later."""
        deadline = time.monotonic() + timeout
        kept = []
        try:
            while True:
                left = deadline - time.monotonic()
                if left <= 0:
                    raise AssertionError(f"no diagnostics for {uri} v{version}; stderr: {self.err()}")
                try:
                    msg = self.inbox.get(timeout=left)
                except queue.Empty:
                    continue
                if msg is None:
                    raise AssertionError(f"the server ended; stderr: {self.err()}")
                if msg.get("method") != "textDocument/publishDiagnostics" or msg["params"]["uri"] != uri:
                    kept.append(msg)
                    continue
                if version is None or msg["params"].get("version") == version:
                    return msg
        finally:
            for m in kept:
                self.inbox.put(m)

    def published(self, uri: str, wait: float) -> list[dict]:
        """Every publishDiagnostics for ``uri`` within ``wait`` seconds."""
        end, out, kept = time.monotonic() + wait, [], []
        while time.monotonic() < end:
            try:
                msg = self.inbox.get(timeout=max(0.0, end - time.monotonic()))
            except queue.Empty:
                break
            if msg and msg.get("method") == "textDocument/publishDiagnostics" and msg["params"]["uri"] == uri:
                out.append(msg)
            elif msg:
                kept.append(msg)
        for m in kept:
            self.inbox.put(m)
        return out

    def close(self) -> int:
        """shutdown, exit: the server's exit status."""
        if self.proc.poll() is None:
            self.request("shutdown", None)
            self.notify("exit", None)
            self.proc.stdin.close()
        return self.proc.wait(30)


def apply_edits(text: str, edits: list[dict]) -> str:
    """Apply LSP TextEdits (UTF-16 positions) to ``text``, as an editor would."""
    starts = [0]
    for i, ch in enumerate(text):
        if ch == "\n" or ch == "\r" and text[i + 1:i + 2] != "\n":
            starts.append(i + 1)

    def offset(pos: dict) -> int:
        start = starts[pos["line"]]
        units = 0
        k = start
        while units < pos["character"] and k < len(text) and text[k] not in "\r\n":
            units += 2 if ord(text[k]) > 0xFFFF else 1
            k += 1
        return k

    for e in sorted(edits, key=lambda e: (e["range"]["start"]["line"], e["range"]["start"]["character"]),
                    reverse=True):
        s, t = offset(e["range"]["start"]), offset(e["range"]["end"])
        text = text[:s] + e["newText"] + text[t:]
    return text


def edits_of(action: dict) -> list[dict]:
    """The TextEdits of a code action's WorkspaceEdit (documentChanges or changes)."""
    edit = action["edit"]
    if "documentChanges" in edit:
        return [e for change in edit["documentChanges"] for e in change["edits"]]
    return [e for edits in edit["changes"].values() for e in edits]
