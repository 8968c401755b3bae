"""Writing a file all at once: a temporary file beside the target, then one rename.

Whatever a user asks us to write (a budget file, a PDF, a workbook) either appears complete
or not at all, and a target that another program holds open gives a clear message.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from app.core.errors import UserError


class WriteError(UserError, OSError):
    """The target could not be written; the message is for the user."""


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


@contextmanager
def replacing(path: Path | str) -> Iterator[Path]:
    """Yield a fresh temporary path beside path (not yet existing); when the block succeeds it
    replaces path, when it fails it is removed and path is left as it was."""
    path = Path(path)
    if path.is_dir():
        raise WriteError(f"“{path}”是一个文件夹，请给出文件名。")
    folder = path.parent if str(path.parent) else Path(".")
    try:
        handle, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise WriteError(f"无法在文件夹“{folder}”中写入文件（{exc.strerror}），"
                         "请换一个保存位置。") from exc
    os.close(handle)
    temp = Path(name)
    temp.unlink()
    try:
        yield temp
        if temp.exists():
            os.chmod(temp, 0o666 & ~_umask())
        _replace(temp, path)
    finally:
        temp.unlink(missing_ok=True)


def write_atomic(path: Path | str, write: Callable[[Path], None]) -> None:
    """Call write(temp) and move temp over path at once."""
    with replacing(path) as temp:
        write(temp)


def _replace(temp: Path, path: Path) -> None:
    try:
        os.replace(temp, path)
    except PermissionError as exc:
        raise WriteError(
            f"无法写入“{path}”：该文件可能正被其他程序（如 PDF 阅读器或 Excel）打开，或为只读。"
            "请关闭该文件后重试，或另存为其他文件名。") from exc
    except OSError as exc:
        raise WriteError(f"无法写入“{path}”（{exc.strerror}）。") from exc
