"""Writing a file all at once: a temporary file beside the target, fsync, then one rename.

Whatever a user asks us to write (a budget file, a backup, a PDF, a workbook) either appears
complete or not at all: the old file stays whole until the new one is on disk (never deleted
first), and a failure names its true cause (a full disk, a read-only folder, a file another
program holds open).
"""

from __future__ import annotations

import os
import shutil
import tempfile
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
        handle, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
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
