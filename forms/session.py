"""The open file: the current Budget, its undo stack, the lock, and a save after every edit."""

from __future__ import annotations

from pathlib import Path

from app.checks.registry import Finding, run_checks
from app.core.errors import UserError
from app.core.identity import with_ids
from app.core.records import Budget
from app.edits.editing import YUAN
from app.store import storage
from forms.qt import QLockFile, QObject, QSettings, QUndoCommand, QUndoStack, Signal

_OPEN: set[str] = set()  # files open in this process


class FileInUseError(UserError):
    """The file is open in another window or another copy of the program."""


def lock_path(path: Path) -> Path:
    return path.with_name(f".{path.name}.lock")


def money_unit() -> str:
    """The user's choice of amounts typed and shown in 元 or 万元."""
    value = QSettings().value("money_unit", YUAN)
    return value if isinstance(value, str) else YUAN


class Edit(QUndoCommand):
    """One edit: the budget before and after; typing in one field merges into one edit."""

    def __init__(self, session: Session, label: str, before: Budget, after: Budget,
                 merge: str = "") -> None:
        super().__init__(label)
        self.session = session
        self.before = before
        self.after = after
        self.merge = merge

    def redo(self) -> None:
        self.session.replace(self.after)

    def undo(self) -> None:
        self.session.replace(self.before)

    def id(self) -> int:
        return 1 if self.merge else -1

    def mergeWith(self, other: QUndoCommand) -> bool:
        if isinstance(other, Edit) and other.merge == self.merge:
            self.after = other.after
            return True
        return False


class Session(QObject):
    """One budget file open for editing; every change is written to the file at once."""

    changed = Signal()
    failed = Signal(str)  # a message for the user (an edit refused, a save that failed)

    def __init__(self, budget: Budget, path: Path, lock: QLockFile | None = None) -> None:
        super().__init__()
        self.budget = with_ids(budget)  # a file older than project ids gets them when edited
        self.path = path
        self.lock = lock
        self.unit = money_unit()
        self.undo = QUndoStack(self)
        self._findings: list[Finding] | None = None
        self._saved: Budget | None = budget  # what the file holds; None when unknown

    @classmethod
    def open(cls, path: Path | str) -> Session:
        """The file at path, locked; FileInUseError or BudgetFileError when it cannot be."""
        path = Path(path).resolve()
        lock = acquire(path)
        try:
            budget = storage.load(path)
        except Exception:
            release(path, lock)
            raise
        return cls(budget, path, lock)

    @classmethod
    def create(cls, budget: Budget, path: Path | str) -> Session:
        """A new file at path holding budget (an existing file is replaced)."""
        path = Path(path).resolve()
        lock = acquire(path)
        try:
            if path.exists():
                path.unlink()
            storage.save(budget, path)
        except Exception:
            release(path, lock)
            raise
        return cls(budget, path, lock)

    def apply(self, label: str, budget: Budget, merge: str = "") -> None:
        """Make budget the current one as an undoable edit named label."""
        if budget == self.budget:
            return
        self.undo.push(Edit(self, label, self.budget, budget, merge))

    def replace(self, budget: Budget) -> None:
        """Set the budget, write it to the file and tell the views."""
        self.budget = budget
        self._findings = None
        try:
            storage.save(budget, self.path, previous=self._saved)
            self._saved = budget
        except (storage.BudgetFileError, OSError) as exc:
            self._saved = None  # write everything next time
            self.failed.emit(f"保存失败：{exc}")
        self.changed.emit()

    @property
    def findings(self) -> list[Finding]:
        """The findings of the checks on the current budget (computed once per change)."""
        if self._findings is None:
            self._findings = run_checks(self.budget)
        return self._findings

    def set_unit(self, unit: str) -> None:
        self.unit = unit
        QSettings().setValue("money_unit", unit)
        self.changed.emit()

    def close(self) -> None:
        release(self.path, self.lock)
        self.lock = None


def acquire(path: Path) -> QLockFile:
    """A lock on path, or FileInUseError when another window or program holds it."""
    key = str(path)
    lock = QLockFile(str(lock_path(path)))
    lock.setStaleLockTime(0)
    if key in _OPEN or not lock.tryLock(0):
        raise FileInUseError(f"“{path.name}”正在被另一个窗口或另一个预算公开编制助手使用，"
                             "请先在那里关闭它。")
    _OPEN.add(key)
    return lock


def release(path: Path, lock: QLockFile | None) -> None:
    _OPEN.discard(str(path))
    if lock is not None:
        lock.unlock()
