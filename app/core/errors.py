"""The one kind of error a user sees: a plain Chinese message and, where known, the place.

Everything a user can cause or fix (a bad path, a full disk, a damaged file, a wrong cell) is
raised as a UserError or a subclass of it; the command line prints it as one line and the
window shows it in a dialog. Anything else is a defect of ours, reported as such.
"""

from __future__ import annotations

import errno


class UserError(Exception):
    """A problem the user can fix; `str()` is the message, `place` where it is (may be empty)."""

    def __init__(self, message: str, place: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.place = place

    def __str__(self) -> str:
        return f"{self.place}：{self.message}" if self.place else self.message


def os_message(exc: OSError, path: object = None) -> str:
    """The true cause of a failed file operation, in plain Chinese."""
    name = f"“{path or exc.filename or ''}”" if (path or exc.filename) else "文件"
    reasons = {
        errno.ENOSPC: "磁盘已满",
        errno.EDQUOT: "磁盘配额已用完",
        errno.EACCES: "没有权限（文件夹只读，或文件被设为只读）",
        errno.EPERM: "没有权限",
        errno.EROFS: "所在磁盘只读",
        errno.ENOENT: "文件或文件夹不存在",
        errno.ENOTDIR: "路径中有一项不是文件夹",
        errno.EISDIR: "这是一个文件夹，不是文件",
        errno.ENAMETOOLONG: "文件名太长",
        errno.EBUSY: "文件正被其他程序使用",
        errno.EIO: "读写磁盘出错",
    }
    reason = reasons.get(exc.errno or 0, exc.strerror or type(exc).__name__)
    return f"{name}：{reason}。"


def from_os_error(exc: OSError, path: object = None) -> UserError:
    return UserError(os_message(exc, path))


class Cancelled(Exception):
    """Long work (a PDF, an import) stopped because the user asked it to."""
