"""Work run off the interface thread: long jobs (the PDF, the Excel files) with cancel, and
the latest-only computation of the checks."""

from __future__ import annotations

import queue
import threading
from collections.abc import Callable
from typing import Any

from app.core.errors import Cancelled
from forms.qt import QObject, QThread, Signal

Progress = Callable[..., None]
IsCancelled = Callable[[], bool]
Work = Callable[[Progress, IsCancelled], str]


class Job(QObject):
    """Runs work(progress, cancelled) in a thread; reports progress 0–100 and the outcome."""

    progress = Signal(int)
    done = Signal(str)  # the message for the user
    failed = Signal(str)
    stopped = Signal()  # cancelled by the user

    def __init__(self, work: Work) -> None:
        super().__init__()
        self.work = work
        self.cancel_event = threading.Event()
        self.runner = QThread()
        self.moveToThread(self.runner)
        self.runner.started.connect(self.run)

    def start(self) -> None:
        self.runner.start()

    def cancel(self) -> None:
        self.cancel_event.set()

    def report(self, *args: object) -> None:
        """Accepts progress(done, total) or progress(fraction)."""
        if len(args) >= 2 and isinstance(args[0], int | float) and isinstance(args[1], int | float):
            value = 100 * args[0] / args[1] if args[1] else 0
        elif args and isinstance(args[0], int | float):
            value = args[0] * 100 if args[0] <= 1 else args[0]
        else:
            return
        self.progress.emit(int(max(0, min(100, value))))

    def run(self) -> None:
        try:
            message = self.work(self.report, self.cancel_event.is_set)
        except Exception as exc:  # the work's failure is shown to the user, never lost
            if self.cancel_event.is_set() or isinstance(exc, Cancelled):
                self.stopped.emit()
            else:
                self.failed.emit(str(exc) or type(exc).__name__)
        else:
            if self.cancel_event.is_set():
                self.stopped.emit()
            else:
                self.done.emit(message)
        finally:
            self.runner.quit()

    def wait(self) -> None:
        self.runner.wait()


Compute = Callable[[Any], Any]
_NOTHING = object()


class Latest(QObject):
    """compute(value) run in one background thread for the latest value asked for: a value
    asked while another is computed waits (only the newest), and a result whose value has been
    overtaken by a newer request is dropped, never shown. Results arrive on the interface thread.

    The thread is a daemon: quitting the application never waits for a computation."""

    ready = Signal(object, object)  # value, compute(value)
    failed = Signal(str)
    _done = Signal(object, object, bool)  # from the worker: value, result, whether it failed

    def __init__(self, compute: Compute, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.compute = compute
        self._done.connect(self._finished)  # emitted in the worker, run on this object's thread
        self.inbox: queue.SimpleQueue[object] = queue.SimpleQueue()
        self.busy = False
        self.waiting: object = _NOTHING
        self.running: object = _NOTHING  # the value being computed
        self.stopped = False
        self.worker = threading.Thread(target=self._loop, name="budget-desk-checks", daemon=True)
        self.worker.start()

    def _loop(self) -> None:
        while True:
            value = self.inbox.get()
            if value is _NOTHING or self.stopped:
                return
            try:
                result, failed = self.compute(value), False
            except Exception as exc:  # shown to the user as a line, never a traceback
                result, failed = str(exc) or type(exc).__name__, True
            if self.stopped:
                return
            try:
                self._done.emit(value, result, failed)
            except RuntimeError:  # the window's object is gone: nobody to tell
                return

    def request(self, value: object) -> None:
        """Compute value as soon as the thread is free (a value waiting is replaced)."""
        if self.stopped:
            return
        if self.busy:
            # the value being computed asked again (a step shown, a button pressed while the
            # checks run): its result is the one wanted, not a second run of the same
            self.waiting = _NOTHING if value is self.running else value
            return
        self.busy = True
        self.running = value
        self.inbox.put(value)

    def pending(self) -> bool:
        return self.busy

    def _finished(self, value: object, result: object, failed: bool) -> None:
        self.busy = False
        self.running = _NOTHING
        if self.stopped:
            return
        if self.waiting is not _NOTHING:  # asked again while this ran: this result is stale
            value, self.waiting = self.waiting, _NOTHING
            self.request(value)
            return
        if failed:
            self.failed.emit(str(result))
        else:
            self.ready.emit(value, result)

    def stop(self, wait: bool = True) -> None:
        """No further results; the thread ends once the value being computed is done (waited
        for, or left to end by itself: closing a file need not wait for its checks)."""
        self.stopped = True
        self.waiting = _NOTHING
        self.inbox.put(_NOTHING)
        if wait:
            self.worker.join()
