"""Soak checks of the Qt binding: signals and window edits in a loop must leave `True`'s count alone.

PySide6-Essentials 6.12.0 drops one reference to `True` on every `Signal.emit()`; on Python 3.11,
where `True` is not immortal, the interpreter aborts after a few thousand emits. These loops show
such a binding at once: run in a subprocess (`python -m forms.soak signals 20000`), an abort is a
non-zero exit, and a count that drifts is reported and exits 1.

    python -m forms.soak signals N     N emits of a bare signal under QCoreApplication
    python -m forms.soak edits N       N amount edits in the main window on a copy of the sample
"""

from __future__ import annotations

import argparse
import resource
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from forms.qt import QCoreApplication, QObject, Signal

# A healthy binding moves the count by a handful of references at most, whatever the loop's length.
TOLERANCE = 50


@dataclass(frozen=True)
class Soak:
    """What one loop did to the count of references to `True`, and the process's peak memory.

    Attributes:
        count: how many signals or edits were made.
        before, after: sys.getrefcount(True) before and after the loop.
        rss_mb: peak resident memory (MB) after each tenth of the loop.
    """

    count: int
    before: int
    after: int
    rss_mb: tuple[float, ...] = field(default=())

    @property
    def stable(self) -> bool:
        return abs(self.after - self.before) <= TOLERANCE

    def line(self) -> str:
        memory = " → ".join(f"{m:.0f}" for m in self.rss_mb)
        return (f"{self.count} 次：True 的引用数 {self.before} → {self.after}"
                f"（{'稳定' if self.stable else '漂移'}）" + (f"；内存峰值 MB {memory}" if memory else ""))


class _Emitter(QObject):
    changed = Signal()


def peak_rss_mb() -> float:
    """The process's peak resident memory in MB (Linux reports kB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def emit_signals(count: int) -> Soak:
    """count emits of a bare signal connected to one slot."""
    own = None
    if QCoreApplication.instance() is None:
        own = QCoreApplication([])  # ours for the run only: a window may need a QApplication later
    try:
        return _emit(count)
    finally:
        if own is not None:
            own.shutdown()


def _emit(count: int) -> Soak:
    emitter = _Emitter()
    received: list[int] = []
    emitter.changed.connect(lambda: received.append(1))
    before = sys.getrefcount(True)
    for _ in range(count):
        emitter.changed.emit()
    after = sys.getrefcount(True)
    if len(received) != count:
        raise RuntimeError(f"{count} 次发出，只收到 {len(received)} 次")
    return Soak(count, before, after)


def edit_window(count: int, folder: Path | None = None) -> Soak:
    """count edits of a project's amount in the main window on a copy of the sample, each saved."""
    from app.compute.memo import forget_all
    from app.edits.editing import set_cell, top
    from app.profiles.shanxi.sample import load_sample
    from app.store import storage
    from forms.app import application
    from forms.main_window import MainWindow
    from forms.qt import QApplication

    application()
    folder = folder or Path(tempfile.mkdtemp(prefix="budget-desk-soak-"))
    path = folder / "soak.budget"
    storage.save(load_sample(), path)
    window = MainWindow()
    window.show()
    window.open_path(path)
    session = window.session
    editor = window.editor
    if session is None or editor is None:
        raise RuntimeError("示例文件没有打开")
    editor.go(5)
    QApplication.processEvents()
    tenth = max(1, count // 10)
    memory: list[float] = []
    forget_all()  # the kept tables and lines hold bools too: bounded caches, not leaks
    before = sys.getrefcount(True)
    for i in range(count):
        after = set_cell(session.budget, top("projects"), 0, "amounts.general", Decimal(1000 + i))
        session.apply("soak", after)
        QApplication.processEvents()
        if (i + 1) % tenth == 0:
            memory.append(peak_rss_mb())
    forget_all()
    result = sys.getrefcount(True)
    window.close_file()
    window.close()
    return Soak(count, before, result, tuple(memory))


LOOPS: dict[str, Callable[[int], Soak]] = {"signals": emit_signals, "edits": edit_window}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m forms.soak")
    parser.add_argument("loop", choices=sorted(LOOPS))
    parser.add_argument("count", type=int)
    args = parser.parse_args(argv)
    soak = LOOPS[args.loop](args.count)
    print(soak.line())
    return 0 if soak.stable else 1


if __name__ == "__main__":
    sys.exit(main())
