"""导入Excel off the interface thread: a progress dialog with 取消 while the workbook is read."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from app.core.records import Budget
from forms.qt import QObject, QProgressDialog, Qt, QWidget
from forms.worker import IsCancelled, Job, Progress

Imported = Callable[[Budget | None, str], None]
Reader = Callable[[Path, Progress, IsCancelled], tuple[Budget | None, str]]


class ImportRunner(QObject):
    """Reads path with reader in a Job; calls on_done(budget, report) on the interface thread,
    or nothing when the user cancelled."""

    def __init__(self, parent: QWidget, path: Path, reader: Reader, on_done: Imported) -> None:
        super().__init__(parent)
        self.path, self.reader, self.on_done = path, reader, on_done
        self.result: tuple[Budget | None, str] = (None, "")
        self.dialog = QProgressDialog(f"正在导入“{path.name}”…", "取消", 0, 100, parent)
        self.dialog.setWindowTitle("导入 Excel")
        self.dialog.setWindowModality(Qt.WindowModality.WindowModal)
        self.dialog.setMinimumDuration(300)
        self.dialog.setAutoClose(False)
        self.dialog.setAutoReset(False)
        self.job = Job(self.work)
        # bound methods of objects of the interface thread: the outcome is handled there
        self.job.progress.connect(self.dialog.setValue)
        self.job.done.connect(self.finished)
        self.job.failed.connect(self.failed)
        self.job.stopped.connect(self.stopped)
        self.dialog.canceled.connect(self.cancel)
        self.cancelled = False
        self.job.start()

    def work(self, progress: Progress, cancelled: IsCancelled) -> str:
        self.result = self.reader(self.path, progress, cancelled)
        return ""

    def cancel(self) -> None:
        self.cancelled = True
        self.job.cancel()

    def finished(self, _: str) -> None:
        self.close()
        self.on_done(*self.result)

    def failed(self, text: str) -> None:
        self.close()
        self.on_done(None, text)

    def stopped(self) -> None:
        self.close()

    def close(self) -> None:
        self.job.wait()
        self.dialog.close()
