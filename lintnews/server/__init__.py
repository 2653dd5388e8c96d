"""``lintnews server``: a Language Server Protocol server over stdin/stdout.

Editors start it and send it the documents they show (Markdown, plain text, HTML); it
answers with diagnostics as they are typed, hovers with each rule's documentation, and
code actions (a rule's fix, a ``lintnews-disable-next-line`` directive). It calls only
the public API (``lintnews``): ``app`` holds the protocol side, ``checker`` the checks
and their cache, ``convert`` the mapping of positions and diagnostics. It needs pygls
and lsprotocol (the ``server`` extra).
"""
from __future__ import annotations

import os
import sys

INSTALL = ('`lintnews server` needs pygls and lsprotocol, which are not installed here; install '
           'them with: pip install "pygls>=2,<3" lsprotocol (the `server` extra: pip install ".[server]" '
           'in a checkout of lintnews)')


def main() -> int:
    """Serve over stdin/stdout until the client says exit; the exit status."""
    try:
        import lsprotocol  # noqa: F401
        import pygls  # noqa: F401
    except ImportError as ex:
        sys.stderr.write(f"lintnews: error: {INSTALL} ({ex})\n")
        return 2
    from .app import create

    protocol_out = _claim_stdout()
    server = create()
    server.start_io(sys.stdin.buffer, protocol_out)
    # LSP: exit status 0 after shutdown, 1 for an exit without one. Leave at once: a
    # thread may still be blocked reading stdin, or finishing a withdrawn check.
    sys.stderr.flush()
    os._exit(0 if server.shut_down else 1)


def _claim_stdout():
    """Standard output for the protocol alone: whatever else writes to it (a library's
    print, a C extension) goes to standard error, where it cannot corrupt a message."""
    sys.stdout.flush()
    out = os.fdopen(os.dup(sys.stdout.fileno()), "wb")
    os.dup2(sys.stderr.fileno(), sys.stdout.fileno())
    sys.stdout = sys.stderr
    return out
