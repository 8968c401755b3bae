"""The open file: the current Budget, its undo stack, the lock, a save after every edit, and
its checks run in the background."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from app.checks.registry import Finding, Severity
from app.core.errors import UserError
from app.core.findings import open_errors
from app.core.identity import followed, with_ids
from app.core.records import Budget
from app.edits.editing import YUAN
from app.edits.steps import step_at
from app.profiles.review import review
from app.store import storage
from app.store.lock import FileInUseError, FileLock, LockFolderError, take
from forms.qt import QObject, QSettings, QUndoCommand, QUndoStack, Signal
from forms.worker import Latest

__all__ = ["UNDO_LIMIT", "FileInUseError", "LockFolderError", "Session", "acquire", "release"]

UNDO_LIMIT = 1000  # edits kept for undo: memory stays flat over a long session
KNOWN = 8  # the findings of the last budgets checked, kept: 撤销 shows them again at once


@dataclass(frozen=True)
class Summary:
    """The checks of one budget, counted once (in the background) for the views: a step's mark,
    the status strip's counts and the review's rows need no pass over thousands of findings."""

    findings: list[Finding]  # as review gives them, in check order
    ordered: list[Finding]  # errors first, as step 9 lists them
    unaccepted: list[Finding]  # the 错误 not accepted: what blocks publication
    accepted: int  # 错误 accepted with a reason
    hints: int
    first: dict[int, Finding] = field(default_factory=dict)  # step → its first unaccepted 错误


def summarize(budget: Budget, findings: list[Finding]) -> Summary:
    """findings of budget, counted once."""
    errors = [f for f in findings if f.severity == Severity.ERROR]
    unaccepted = open_errors(budget.acceptances, errors)
    first: dict[int, Finding] = {}
    for finding in unaccepted:
        step = step_at(finding.location.form, finding.location.field)
        if step is not None:
            first.setdefault(step.number, finding)
    return Summary(findings, errors + [f for f in findings if f.severity != Severity.ERROR],
                   unaccepted, len(errors) - len(unaccepted), len(findings) - len(errors), first)


def checked(budget: Budget) -> Summary:
    """The checks of budget, as the window's background thread runs them."""
    return summarize(budget, review(budget))


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
    checked = Signal()  # the findings of the current budget are known (see known_findings)
    failed = Signal(str)  # a message for the user (an edit refused, a save that failed)
    # a code the catalog does not know was typed: (kind, code, retry the edit once it is named)
    unknown_code = Signal(str, str, object)

    def __init__(self, budget: Budget, path: Path, lock: FileLock | None = None) -> None:
        super().__init__()
        self.budget = with_ids(budget)  # a file older than project ids gets them when edited
        self.path = path
        self.lock = lock
        self.unit = money_unit()
        self.undo = QUndoStack(self)
        self.undo.setUndoLimit(UNDO_LIMIT)
        self._summary: Summary | None = None  # of the current budget, once known
        self._known: list[tuple[Budget, Summary]] = []  # newest last
        self._checks: Latest | None = None  # started on the first request
        self._saved: Budget | None = budget  # what the file holds; None when unknown

    @classmethod
    def open(cls, path: Path | str) -> Session:
        """The file at path, locked (an older version is backed up and migrated on disk);
        FileInUseError, LockFolderError or BudgetFileError when it cannot be."""
        path = Path(path).resolve()
        if not path.is_file():
            storage.load(path)  # the plain message for a missing file or a folder
        lock = acquire(path)
        try:
            budget = storage.open_for_edit(path, lock)
        except BaseException:
            release(path, lock)
            raise
        return cls(budget, path, lock)

    @classmethod
    def create(cls, budget: Budget, path: Path | str) -> Session:
        """A new file at path holding budget. An existing file is replaced by rename, never
        deleted first: until the new file is complete the old one is there, whole."""
        path = Path(path).resolve()
        lock = acquire(path)
        try:
            storage.replace_file(budget, path, lock)
        except BaseException:
            release(path, lock)
            raise
        return cls(budget, path, lock)

    def apply(self, label: str, budget: Budget, merge: str = "", follow: bool = True) -> None:
        """Make budget the current one as an undoable edit named label; with follow, each
        target form whose money is still its project's follows the edit's change of the
        project's amounts (`identity.followed`), in the same edit."""
        if follow:
            budget = followed(self.budget, budget)
        if budget == self.budget:
            return
        self.undo.push(Edit(self, label, self.budget, budget, merge))

    def replace(self, budget: Budget) -> None:
        """Set the budget, write it to the file and tell the views."""
        self.budget = budget
        self._summary = next((k for b, k in self._known if b is budget), None)
        try:
            storage.save(budget, self.path, previous=self._saved, lock=self.lock)
            self._saved = budget
        except (UserError, OSError) as exc:
            self._saved = None  # write everything next time
            self.failed.emit(f"保存失败：{exc}")
        self.changed.emit()

    @property
    def findings(self) -> list[Finding]:
        """The findings of the checks on the current budget (computed once per change), at
        once: on the interface thread when the background checks have not given them yet."""
        return self.summary.findings

    @property
    def summary(self) -> Summary:
        """The current budget's findings counted, computed now if not known yet."""
        if self._summary is None:
            self._keep(self.budget, summarize(self.budget, review(self.budget)))
        assert self._summary is not None
        return self._summary

    @property
    def known_findings(self) -> list[Finding] | None:
        """The current budget's findings if already computed, else None (see check_later)."""
        return None if self._summary is None else self._summary.findings

    @property
    def known_summary(self) -> Summary | None:
        return self._summary

    def check_later(self) -> None:
        """Run the checks on the current budget in the background; `checked` tells when they
        are known. An edit made meanwhile makes them run again on the newest budget: findings
        of a budget that is no longer the current one are never shown."""
        if self._summary is not None:
            self.checked.emit()
            return
        if self._checks is None:
            self._checks = Latest(checked)
            self._checks.ready.connect(self._checked)
            self._checks.failed.connect(lambda text: self.failed.emit(f"审核未能完成：{text}"))
        self._checks.request(self.budget)

    def checks_running(self) -> bool:
        return self._checks is not None and self._checks.pending()

    def _checked(self, budget: Budget, summary: Summary) -> None:
        if budget is not self.budget:
            return  # overtaken by an edit: the checks of the newest budget are asked for
        self._keep(budget, summary)
        self.checked.emit()

    def _keep(self, budget: Budget, summary: Summary) -> None:
        if budget is self.budget:
            self._summary = summary
        self._known = [*(k for k in self._known if k[0] is not budget), (budget, summary)][-KNOWN:]

    def set_unit(self, unit: str) -> None:
        self.unit = unit
        QSettings().setValue("money_unit", unit)
        self.changed.emit()

    def close(self) -> None:
        if self._checks is not None:
            self._checks.stop(wait=False)  # checks still running end by themselves, unseen
            self._checks = None
        release(self.path, self.lock)
        self.lock = None


def acquire(path: Path) -> FileLock:
    """The lock on path (through hard links and symlinks, by the file's identity), or
    FileInUseError when another window or a command holds it, LockFolderError when no lock
    can be made."""
    return take(path, "window")


def release(path: Path, lock: FileLock | None) -> None:
    if lock is not None:
        lock.release()
