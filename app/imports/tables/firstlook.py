"""The table import's first look at the file it is given, before any reader (openpyxl, numpy,
the solver) is loaded: a missing file or one that is neither .xlsx nor .xls is said at once."""

from __future__ import annotations

from pathlib import Path

XLS_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # the old binary format (and encrypted workbooks)
ZIP_MAGIC = b"PK\x03\x04"  # .xlsx


def problem(path: Path) -> str | None:
    """What stops the import before any reading, in the import's words; None for a file that
    starts like a workbook (its reader then says what else is wrong)."""
    try:
        with open(path, "rb") as handle:
            magic = handle.read(8)
    except FileNotFoundError:
        return f"找不到文件“{path}”。"
    except IsADirectoryError:
        return f"“{path}”是文件夹，不是 Excel 工作簿。"
    except PermissionError:
        return f"无法打开“{path.name}”：没有读取它的权限。"
    except OSError as exc:
        return f"无法打开“{path.name}”：{exc.strerror or exc}。"
    if magic == XLS_MAGIC or magic.startswith(ZIP_MAGIC):
        return None
    return f"“{path.name}”不是 Excel 工作簿（.xlsx 或 .xls）。"
