"""The language server: documents in, diagnostics, hovers and code actions out.

Each open document is checked on open and save at once, and on change 300 ms after
the last keystroke (``DEBOUNCE``). Checks run in worker threads (``WORKERS``), at most
one per document: a slow document holds one worker and never the others' turn. A new
version withdraws the check of the old one (``lintnews.Cancelled`` at its next
checkpoint), and a result for a version that is no longer current is never published.
"""
from __future__ import annotations

import asyncio
import sys
import threading
import traceback
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from lsprotocol import types as lsp
from pygls.lsp.server import LanguageServer

import lintnews

from . import convert
from .checker import Checker, Target, target

DEBOUNCE = 0.3  # seconds after the last change
WORKERS = 2
CONFIG_GLOBS = ("**/lintnews.toml", "**/.lintnews.toml", "**/pyproject.toml", "**/*.yml", "**/*.yaml")


@dataclass
class OpenDocument:
    """An open document: its latest text, and what was last published for it."""

    uri: str
    text: str
    version: int | None
    language_id: str | None
    timer: asyncio.TimerHandle | None = None
    running: asyncio.Future | None = None
    running_version: int | None = None
    cancel: threading.Event | None = None
    again: bool = False  # a newer version came while a check ran
    shown: tuple = ()  # (Document, [(lintnews.Diagnostic, lsp.Diagnostic)], version) last published


class LintnewsServer(LanguageServer):
    """pygls server holding the open documents and the checker."""

    def __init__(self) -> None:
        # Full sync: each change sends the whole text (a news article is a few KB). pygls
        # applies incremental changes by its own line split, which also breaks at \u2028,
        # \x0c and the like where LSP does not: positions after one would go wrong.
        super().__init__("lintnews", lintnews.__version__,
                         text_document_sync_kind=lsp.TextDocumentSyncKind.Full)
        self.docs: dict[str, OpenDocument] = {}
        self.checker = Checker()
        self.pool = ThreadPoolExecutor(WORKERS, thread_name_prefix="lintnews-check")
        self.root = Path.cwd()
        self.shut_down = False  # the client asked for shutdown (exit status 0, not 1)

    # -- scheduling -----------------------------------------------------------------------
    def schedule(self, doc: OpenDocument, delay: float) -> None:
        """Check ``doc`` after ``delay`` seconds (a later call restarts the wait); the
        running check of an older version is withdrawn now."""
        if doc.timer is not None:
            doc.timer.cancel()
        if doc.cancel is not None and doc.running_version != doc.version:
            doc.cancel.set()
        loop = asyncio.get_running_loop()
        doc.timer = loop.call_later(delay, lambda: loop.create_task(self.run_check(doc)))

    async def run_check(self, doc: OpenDocument) -> None:
        """Check the document's current version in a worker and publish the result."""
        doc.timer = None
        if doc.running is not None:  # one check per document: go again when it ends
            doc.again = True
            return
        version, text = doc.version, doc.text
        doc.cancel = cancel = threading.Event()
        doc.running_version = version
        where = target(doc.uri, doc.language_id, self.root)
        doc.running = asyncio.get_running_loop().run_in_executor(self.pool, self._check, text, where, doc.uri,
                                                                    cancel)
        try:
            shown = await doc.running
        except (lintnews.Cancelled, RuntimeError):  # withdrawn, or the pool is shut down
            shown = None
        finally:
            doc.running = None
        if self.docs.get(doc.uri) is doc and shown is not None and doc.version == version and not cancel.is_set():
            self.publish(doc, shown, version)
        if doc.again and self.docs.get(doc.uri) is doc:
            doc.again = False
            self.schedule(doc, 0)

    def _check(self, text: str, where: Target, uri: str, cancel: threading.Event) -> tuple:
        """In a worker: (Document, [(lintnews diagnostic or None, LSP diagnostic)])."""
        shown = convert.Document(text, self.workspace.position_encoding or lsp.PositionEncodingKind.Utf16)
        if not text.strip():  # a new, empty buffer: nothing to say yet (the CLI's E001 is noise here)
            return shown, []
        try:
            found = self.checker.check(text, where, cancel)
        except (lintnews.ConfigError, lintnews.ModelError) as ex:  # the CLI's exit 2
            return shown, [(None, convert.config_problem(str(ex)))]
        except lintnews.Cancelled:
            raise
        except Exception as ex:  # never take the server down: say so where the user looks
            traceback.print_exc(file=sys.stderr)
            return shown, [(None, convert.config_problem(f"internal error: {type(ex).__name__}: {ex}"))]
        return shown, [(d, convert.to_lsp(d, shown, uri)) for d in found]

    def publish(self, doc: OpenDocument, shown: tuple, version: int | None) -> None:
        """Send the diagnostics, and keep them for the code actions and hovers that follow."""
        document, pairs = shown
        doc.shown = (document, pairs, version)
        self.text_document_publish_diagnostics(lsp.PublishDiagnosticsParams(
            uri=doc.uri, version=version, diagnostics=[d for _, d in pairs]))

    def recheck_all(self) -> None:
        """Config or rule files changed: read them again and check every open document."""
        self.checker.forget()
        for doc in self.docs.values():
            self.schedule(doc, 0)

    def shutdown(self) -> None:
        """The connection ended (pygls calls this): do not wait for the thread that reads
        stdin, which may never return."""
        if self._thread_pool is not None:
            self._thread_pool.shutdown(wait=False, cancel_futures=True)
            self._thread_pool = None
        super().shutdown()

    def stop(self) -> None:
        """Withdraw every running check and let no new one start."""
        self.shut_down = True
        for doc in self.docs.values():
            if doc.timer is not None:
                doc.timer.cancel()
            if doc.cancel is not None:
                doc.cancel.set()
        self.pool.shutdown(wait=False, cancel_futures=True)

    # -- requests -------------------------------------------------------------------------
    def code_actions(self, params: lsp.CodeActionParams) -> list[lsp.CodeAction]:
        doc = self.docs.get(params.text_document.uri)
        if doc is None or not doc.shown:
            return []
        document, pairs, version = doc.shown
        caps = self.client_capabilities.workspace
        versioned = bool(caps and caps.workspace_edit and caps.workspace_edit.document_changes)
        fmt = target(doc.uri, doc.language_id, self.root).fmt
        actions: list[lsp.CodeAction] = []
        for d, shown in pairs:
            if d is None or not convert.overlaps(shown.range, params.range):
                continue
            fix = convert.fix_action(d, shown, document, doc.uri, version, versioned)
            actions += [fix] if fix is not None else []
            if not d.code.startswith("E"):  # an internal code is not silenced in the text
                actions.append(convert.disable_action(d, shown, document, doc.uri, version, versioned, fmt))
        only = params.context.only
        return [a for a in actions if not only or any(str(a.kind).startswith(str(k)) for k in only)]

    def hover(self, params: lsp.HoverParams) -> lsp.Hover | None:
        doc = self.docs.get(params.text_document.uri)
        if doc is None or not doc.shown:
            return None
        at = lsp.Range(start=params.position, end=params.position)
        hits = [(d, s) for d, s in doc.shown[1] if d is not None and convert.overlaps(s.range, at)]
        if not hits:
            return None
        folder = target(doc.uri, doc.language_id, self.root).path.parent
        text = "\n\n---\n\n".join(convert.hover_text(d, self.checker.rule(d.code, folder)) for d, _ in hits)
        return lsp.Hover(contents=lsp.MarkupContent(kind=lsp.MarkupKind.Markdown, value=text),
                         range=hits[0][1].range)


def create() -> LintnewsServer:
    """The server with its handlers."""
    server = LintnewsServer()
    _lifecycle(server)
    _documents(server)
    _requests(server)
    return server


def _lifecycle(server: LintnewsServer) -> None:
    """initialize (the workspace's root), initialized (watching config files), shutdown."""

    @server.feature(lsp.INITIALIZE)
    def initialize(ls: LintnewsServer, params: lsp.InitializeParams) -> None:
        folders = params.workspace_folders or []
        root = folders[0].uri if folders else params.root_uri
        where = target(root, None, ls.root) if root else None
        if where is not None and where.path.is_dir():
            ls.root = where.path

    @server.feature(lsp.INITIALIZED)
    async def initialized(ls: LintnewsServer, params: lsp.InitializedParams) -> None:
        caps = ls.client_capabilities.workspace
        watch = caps and caps.did_change_watched_files and caps.did_change_watched_files.dynamic_registration
        if watch:  # else: config files are still compared by size and time before each check
            options = lsp.DidChangeWatchedFilesRegistrationOptions(
                watchers=[lsp.FileSystemWatcher(glob_pattern=g) for g in CONFIG_GLOBS])
            await ls.client_register_capability_async(lsp.RegistrationParams(registrations=[lsp.Registration(
                id="lintnews-config", method=lsp.WORKSPACE_DID_CHANGE_WATCHED_FILES, register_options=options)]))

    @server.feature(lsp.SHUTDOWN)
    def shutdown(ls: LintnewsServer, params: None) -> None:
        ls.stop()


def _documents(server: LintnewsServer) -> None:
    """Documents opened, changed, saved, closed; config files changed."""

    @server.feature(lsp.TEXT_DOCUMENT_DID_OPEN)
    def did_open(ls: LintnewsServer, params: lsp.DidOpenTextDocumentParams) -> None:
        item = params.text_document
        doc = ls.docs[item.uri] = OpenDocument(item.uri, item.text, item.version, item.language_id)
        ls.schedule(doc, 0)

    @server.feature(lsp.TEXT_DOCUMENT_DID_CHANGE)
    def did_change(ls: LintnewsServer, params: lsp.DidChangeTextDocumentParams) -> None:
        doc = ls.docs.get(params.text_document.uri)
        if doc is None or not params.content_changes:
            return
        doc.text = params.content_changes[-1].text  # full sync: each change is the whole text
        doc.version = params.text_document.version
        ls.schedule(doc, DEBOUNCE)

    @server.feature(lsp.TEXT_DOCUMENT_DID_SAVE)
    def did_save(ls: LintnewsServer, params: lsp.DidSaveTextDocumentParams) -> None:
        doc = ls.docs.get(params.text_document.uri)
        if doc is not None:
            ls.schedule(doc, 0)  # unchanged text is a cache hit; changed config files are not

    @server.feature(lsp.TEXT_DOCUMENT_DID_CLOSE)
    def did_close(ls: LintnewsServer, params: lsp.DidCloseTextDocumentParams) -> None:
        doc = ls.docs.pop(params.text_document.uri, None)
        if doc is not None:
            if doc.timer is not None:
                doc.timer.cancel()
            if doc.cancel is not None:
                doc.cancel.set()
            ls.text_document_publish_diagnostics(lsp.PublishDiagnosticsParams(uri=doc.uri, diagnostics=[]))

    @server.feature(lsp.WORKSPACE_DID_CHANGE_WATCHED_FILES)
    def watched_files_changed(ls: LintnewsServer, params: lsp.DidChangeWatchedFilesParams) -> None:
        ls.recheck_all()


def _requests(server: LintnewsServer) -> None:
    """Code actions and hovers."""

    @server.feature(lsp.TEXT_DOCUMENT_CODE_ACTION, lsp.CodeActionOptions(
        code_action_kinds=[lsp.CodeActionKind.QuickFix]))
    def code_action(ls: LintnewsServer, params: lsp.CodeActionParams) -> list[lsp.CodeAction]:
        return ls.code_actions(params)

    @server.feature(lsp.TEXT_DOCUMENT_HOVER)
    def hover(ls: LintnewsServer, params: lsp.HoverParams) -> lsp.Hover | None:
        return ls.hover(params)
