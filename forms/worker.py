"""Long work (writing the PDF, the Excel files) run off the interface thread, with cancel."""

from __future__ import annotations

import threading
from collections.abc import Callable

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
