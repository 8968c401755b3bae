"""One lock per budget file, honoured by every writer (the window and each command).

The lock is an operating-system lock (flock on Linux and macOS, LockFileEx through msvcrt on
Windows) on a small lock file in a per-user lock folder, named by the file's identity
(st_dev, st_ino): two names of one file (a hard link, a symlink) share a lock, and a holder
that replaces its file by rename takes the new file's identity before the rename and drops the
old one after (`FileLock.add` / `FileLock.keep_only`). The system releases the lock when the
holder ends, even by kill -9, so no lock is ever left stale.
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

from app.core.errors import UserError, os_message

Identity = tuple[int, int]
INFO_AT = 16  # holder details are written after the locked first byte


class FileInUseError(UserError):
    """The file is open in a window, or being written by a command, of this program."""


class LockFolderError(UserError):
    """The lock cannot be made at all (the lock folder is not writable)."""


def lock_folder() -> Path:
    """Where the lock files live: one folder per user (BUDGET_DESK_LOCKS overrides it)."""
    chosen = os.environ.get("BUDGET_DESK_LOCKS")
    if chosen:
        return Path(chosen)
    if os.name == "nt":
        base = os.environ.get("LOCALAPPDATA") or tempfile.gettempdir()
        return Path(base) / "BudgetDesk" / "locks"
    runtime = os.environ.get("XDG_RUNTIME_DIR")
    if runtime and os.path.isdir(runtime):
        return Path(runtime) / "budget-desk-locks"
    return Path(tempfile.gettempdir()) / f"budget-desk-locks-{os.getuid()}"


def identity(path: Path) -> Identity | None:
    """(st_dev, st_ino) of the file path names (through symlinks); None when it is not there."""
    try:
        st = os.stat(path)
    except OSError:
        return None
    return st.st_dev, st.st_ino


def _lock_fd(fd: int) -> bool:
    """Take the OS lock on fd without waiting; False when someone else has it."""
    if sys.platform == "win32":
        import msvcrt

        os.lseek(fd, 0, os.SEEK_SET)
        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)  # LockFileEx on the first byte
        except OSError:
            return False
        return True
    else:
        import fcntl

        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return False
        return True


def _unlock_fd(fd: int) -> None:
    if sys.platform == "win32":
        import msvcrt

        os.lseek(fd, 0, os.SEEK_SET)
        with suppress(OSError):
            msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)
    os.close(fd)  # closing releases flock


def _holder(lock: Path) -> str:
    """Who holds lock, as written by them: "窗口（进程 N）" or ""."""
    try:
        with open(lock, "rb") as handle:
            handle.seek(INFO_AT)
            info = json.loads(handle.read(4096).decode("utf-8"))
        what = "窗口" if info.get("what") == "window" else "命令"
        return f"{what}（进程 {int(info['pid'])}）"
    except (OSError, ValueError, KeyError, TypeError):
        return ""


class FileLock:
    """The locks one holder has: usually one file's identity, two while it replaces the file."""

    def __init__(self, what: str = "window") -> None:
        self.what = what
        self._held: dict[Identity, tuple[int, Path]] = {}

    def covers(self, path: Path) -> bool:
        ident = identity(path)
        return ident is not None and ident in self._held

    def add(self, path: Path, shown: Path | None = None) -> None:
        """Lock the file now at path (shown: the name to use in a message)."""
        ident = identity(path)
        if ident is None or ident in self._held:
            return
        self._held[ident] = _take(ident, shown or path, self.what)

    def keep_only(self, path: Path) -> None:
        """Release every lock but that of the file now at path (after replacing it)."""
        keep = identity(path)
        for ident in [i for i in self._held if i != keep]:
            _release(*self._held.pop(ident))

    def release(self) -> None:
        for fd, lock in self._held.values():
            _release(fd, lock)
        self._held.clear()


def _take(ident: Identity, path: Path, what: str) -> tuple[int, Path]:
    folder = lock_folder()
    lock = folder / f"{ident[0]}-{ident[1]}.lock"
    for _ in range(20):
        try:
            folder.mkdir(parents=True, exist_ok=True)
            fd = os.open(lock, os.O_RDWR | os.O_CREAT | getattr(os, "O_BINARY", 0), 0o600)
        except OSError as exc:
            raise LockFolderError(
                f"无法为“{path.name}”建立文件锁：锁文件夹{os_message(exc, folder)[:-1]}。"
                "请检查该文件夹的权限（或设置环境变量 BUDGET_DESK_LOCKS 指向可写的文件夹）。"
            ) from None
        if not _lock_fd(fd):
            os.close(fd)
            holder = _holder(lock)
            where = f"预算公开编制助手的{holder}" if holder else "另一个预算公开编制助手"
            raise FileInUseError(f"“{path.name}”正在被{where}使用，请先在那里关闭它"
                                 "（或等它写完）再打开或写入。")
        if os.name != "nt" and not _same_file(fd, lock):
            os.close(fd)  # the lock file was removed by its last holder meanwhile: again
            continue
        info = json.dumps({"pid": os.getpid(), "what": what, "path": str(path)},
                          ensure_ascii=False).encode("utf-8")
        try:
            os.lseek(fd, INFO_AT, os.SEEK_SET)
            os.write(fd, info)
            os.ftruncate(fd, INFO_AT + len(info))
        except OSError:
            pass  # the details are only for the message
        return fd, lock
    raise FileInUseError(f"“{path.name}”的文件锁无法取得，请稍后再试。")


def _same_file(fd: int, lock: Path) -> bool:
    try:
        a, b = os.fstat(fd), os.stat(lock)
    except OSError:
        return False
    return (a.st_dev, a.st_ino) == (b.st_dev, b.st_ino)


def _release(fd: int, lock: Path) -> None:
    if os.name != "nt":
        with suppress(OSError):
            lock.unlink()  # while still held: a newcomer that opened it retries
    _unlock_fd(fd)


def take(path: Path, what: str = "window") -> FileLock:
    """A lock on the file at path (nothing to lock when it does not exist yet)."""
    held = FileLock(what)
    held.add(path)
    return held


@contextmanager
def holding(path: Path, held: FileLock | None = None) -> Iterator[FileLock]:
    """The caller's lock when it covers path, else a command's lock for the duration."""
    if held is not None:
        yield held
        return
    mine = take(path, "command")
    try:
        yield mine
    finally:
        mine.release()
