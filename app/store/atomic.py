"""Writing a file all at once: a temporary file beside the target, fsync, then one rename.

Whatever a user asks us to write (a budget file, a backup, a PDF, a workbook) either appears
complete or not at all: the old file stays whole until the new one is on disk (never deleted
first), and a failure names its true cause (a full disk, a read-only folder, a file another
program holds open). A writer killed mid-way leaves its hidden temporary file behind; the next
write of the same target removes it (`sweep_leftovers`).
"""

from __future__ import annotations

import os
import shutil
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from app.core.errors import UserError, os_message


class WriteError(UserError, OSError):
    """The target could not be written; the message is for the user."""


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def fsync_file(path: Path) -> None:
    """Flush path's content to the disk (no-op for a path that is not there)."""
    if not path.exists():
        return
    mode = os.O_RDWR | getattr(os, "O_BINARY", 0) if os.name == "nt" else os.O_RDONLY
    fd = os.open(path, mode)  # Windows' fsync (_commit) needs a handle open for writing
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def fsync_folder(folder: Path) -> None:
    """Flush a folder's entries (the rename) where the system allows it (not on Windows)."""
    if os.name == "nt":
        return
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


STALE_AFTER = 3600.0  # seconds: a temporary file this old whose writer we cannot ask is left over


def temp_prefix(path: Path) -> str:
    """The start of our temporary files' names for path: hidden, and saying whose they are."""
    return f".{path.name}.{os.getpid()}-"


def _alive(pid: int) -> bool | None:
    """Whether process pid runs (None where the system cannot say without harm)."""
    if os.name == "nt":
        return None  # os.kill would end the process on Windows
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True  # someone else's process
    return True


def sweep_leftovers(path: Path, now: float | None = None) -> list[Path]:
    """Remove the temporary files that a killed or cut-off writer of path left beside it
    (`.NAME.PID-xxxx.tmp`): those whose process has ended, or, where that cannot be known
    (Windows, names from before the PID was in them), that are older than an hour. The files
    removed; a file that cannot be removed is left for the next time."""
    folder = path.parent if str(path.parent) else Path(".")
    start, mine = f".{path.name}.", temp_prefix(path)
    now = time.time() if now is None else now
    removed: list[Path] = []
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return removed
    for entry in entries:
        name = entry.name
        if not (name.startswith(start) and name.endswith(".tmp")) or name.startswith(mine):
            continue
        head = name[len(start):].split("-", 1)[0]
        alive = _alive(int(head)) if head.isdigit() and "-" in name[len(start):] else None
        try:
            stale = alive is False or (alive is None and now - entry.stat().st_mtime > STALE_AFTER)
            if stale and entry.is_file(follow_symlinks=False):
                os.unlink(entry.path)
                removed.append(Path(entry.path))
        except OSError:
            continue
    return removed


def write_failed(exc: OSError, path: Path) -> WriteError:
    """The user's message for a failed write of path."""
    kept = "，原文件保持原样。" if path.exists() else "。"
    return WriteError(f"无法写入{os_message(exc, path)[:-1]}{kept}")


@contextmanager
def replacing(path: Path | str) -> Iterator[Path]:
    """Yield a fresh temporary path beside path (not yet existing); when the block succeeds it
    is flushed to disk and renamed over path; when it fails it is removed and path is left as
    it was."""
    path = Path(path)
    if path.is_dir():
        raise WriteError(f"“{path}”是一个文件夹，请给出文件名。")
    folder = path.parent if str(path.parent) else Path(".")
    try:
        sweep_leftovers(path)
        handle, name = tempfile.mkstemp(prefix=temp_prefix(path), suffix=".tmp", dir=folder)
    except OSError as exc:
        raise WriteError(f"无法在文件夹中写入文件：{os_message(exc, folder)}"
                         "请换一个保存位置。") from exc
    os.close(handle)
    temp = Path(name)
    temp.unlink()
    try:
        try:
            yield temp
        except WriteError:
            raise
        except OSError as exc:
            raise write_failed(exc, path) from exc
        try:
            if temp.exists():
                os.chmod(temp, 0o666 & ~_umask())
            fsync_file(temp)
        except OSError as exc:
            raise write_failed(exc, path) from exc
        _replace(temp, path)
        fsync_folder(folder)
    finally:
        temp.unlink(missing_ok=True)


def write_atomic(path: Path | str, write: Callable[[Path], None]) -> None:
    """Call write(temp) and move temp over path at once."""
    with replacing(path) as temp:
        write(temp)


def copy_atomic(source: Path, target: Path) -> None:
    """A whole copy of source at target (a backup): never a truncated one, even on a full disk."""
    try:
        with replacing(target) as temp:
            shutil.copy2(source, temp)
    except WriteError:
        raise
    except OSError as exc:
        raise WriteError(f"无法写入备份{os_message(exc, target)[:-1]}，原文件保持原样。") from exc


def _replace(temp: Path, path: Path) -> None:
    try:
        os.replace(temp, path)
    except PermissionError as exc:
        raise WriteError(
            f"无法写入“{path}”：该文件可能正被其他程序（如 PDF 阅读器或 Excel）打开，或为只读。"
            "请关闭该文件后重试，或另存为其他文件名。") from exc
    except OSError as exc:
        raise write_failed(exc, path) from exc
