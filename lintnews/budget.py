"""A per-article time budget: no input may hang a run.

The engine gives each article ``time-budget`` seconds for its rules (and, for an
article checked in sections, its parse). On POSIX, in the main thread, a rule that
runs past the deadline is interrupted by ``SIGALRM``; elsewhere (a language server's
worker thread, Windows) the budget is cooperative: the engine checks it between
rules and sections, and the kinds with long loops call :meth:`Budget.check`.
spaCy's C code cannot be interrupted either way, which is why its input is bounded
(long punctuation runs shortened, long articles parsed in pieces).

A caller may also withdraw a check (``cancellable``: the language server does when a
newer version of a document arrives): every checkpoint then raises ``Cancelled``.
"""
from __future__ import annotations

import math
import signal
import threading
import time
from contextlib import contextmanager
from typing import Any, Iterator


class BudgetExceeded(BaseException):
    """The article's time ran out. A BaseException, so that no ``except Exception`` in a
    kind swallows it on its way back to the engine."""


class Cancelled(BaseException):
    """The caller withdrew the check. A BaseException, like BudgetExceeded, and not one of
    them: the engine reports neither a rule error nor a budget overrun, it just stops."""


_THREAD = threading.local()  # the cancel event of the check running in this thread


@contextmanager
def cancellable(event: threading.Event | None) -> Iterator[None]:
    """Checks run in this thread inside the block stop at their next checkpoint (between
    rules and parse pieces, and in the rules' long loops) once ``event`` is set."""
    previous = getattr(_THREAD, "event", None)
    _THREAD.event = event
    try:
        yield
    finally:
        _THREAD.event = previous


def _cancelled() -> bool:
    event = getattr(_THREAD, "event", None)
    return event is not None and event.is_set()


class Budget:
    """A deadline ``seconds`` from now; ``None`` or 0 means no limit."""

    def __init__(self, seconds: float | None = None) -> None:
        self.seconds = seconds if seconds and math.isfinite(seconds) else None
        self.deadline = None if self.seconds is None else time.monotonic() + self.seconds
        self._armed = False

    def remaining(self) -> float:
        """Seconds left (infinite without a limit)."""
        return float("inf") if self.deadline is None else self.deadline - time.monotonic()

    def expired(self) -> bool:
        return self.deadline is not None and time.monotonic() >= self.deadline

    def check(self) -> None:
        """A cooperative checkpoint: raise BudgetExceeded once the time is up (Cancelled
        once the caller withdrew the check)."""
        if _cancelled():
            raise Cancelled()
        if self.deadline is not None and time.monotonic() >= self.deadline:
            raise BudgetExceeded()

    @contextmanager
    def armed(self) -> Iterator[None]:
        """Run the block under the deadline: interrupted by SIGALRM where the platform and
        thread allow it, else only through the block's own :meth:`check` calls."""
        self.check()
        if self.deadline is None or not _can_signal():
            yield
            return
        previous = signal.signal(signal.SIGALRM, self._on_alarm)
        self._armed = True
        started = time.monotonic()
        # a timer someone else set (a test runner's timeout, say) is put back afterwards
        other = signal.setitimer(signal.ITIMER_REAL, max(self.remaining(), 0.001))
        try:
            yield
        finally:
            try:
                self._disarm(previous, other, started)
            except BudgetExceeded:  # the alarm fired between the block's end and the disarm
                self._disarm(previous, other, started)
                raise

    def _disarm(self, previous: Any, other: tuple[float, float], started: float) -> None:
        self._armed = False
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous if previous is not None else signal.SIG_DFL)
        if other[0] > 0:
            left = other[0] - (time.monotonic() - started)
            signal.setitimer(signal.ITIMER_REAL, max(left, 0.001), other[1])

    def _on_alarm(self, signum: int, frame: Any) -> None:
        if self._armed:
            raise BudgetExceeded()


def _can_signal() -> bool:
    """SIGALRM interrupts only the main thread, and only where setitimer exists (POSIX)."""
    return hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()
