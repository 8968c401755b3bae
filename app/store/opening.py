"""Opening a budget file: the connection, the true cause of SQLite's failures, and the check
that a file is ours (kind, a version that exists, exactly that version's tables, no triggers or
views) before anything is read from it."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from app.core.errors import UserError
from app.store import schema

KIND = schema.KIND
BUSY_TIMEOUT = 5.0  # seconds to wait for another program's write to end


class BudgetFileError(UserError):
    """A budget file that cannot be opened or written; the message is for the user."""


# SQLite's words for a cause outside the file (the disk, the folder, another program) and ours
AROUND = (("disk is full", "磁盘已满"), ("readonly", "文件或其所在的文件夹只读"),
          ("read-only", "文件或其所在的文件夹只读"),
          ("locked", "文件正被其他程序锁定（请关闭正在使用它的程序后重试）"),
          ("busy", "文件正被其他程序锁定（请关闭正在使用它的程序后重试）"),
          ("unable to open", "无法打开（文件夹不可写，或文件不可读）"), ("disk I/O", "读写磁盘出错"))
# and for what is wrong with the file itself
WITHIN = (("not a database", "文件内容不是预算文件的格式"), ("malformed", "文件内容已损坏"),
          ("corrupt", "文件内容已损坏"), ("no such", "文件缺少应有的表或列，已损坏"))


def sqlite_reason(exc: sqlite3.Error) -> str:
    """The true cause of a failed SQLite operation, in plain Chinese (never SQLite's English:
    "file is not a database", "database disk image is malformed"…)."""
    text = str(exc)
    for english, chinese in AROUND + WITHIN:
        if english in text:
            return chinese
    return "文件无法按预算文件读写，可能已损坏"


def refused(exc: sqlite3.Error, path: Path) -> BudgetFileError:
    """Why path could not be opened or its first tables read, in Chinese: the disk, the folder
    or another program; not a SQLite file at all (a script, a workbook); or a damaged file."""
    if any(english in str(exc) for english, _ in AROUND):
        return BudgetFileError(f"无法打开“{path.name}”：{sqlite_reason(exc)}。")
    if "not a database" in str(exc):
        return BudgetFileError(f"“{path.name}”不是预算文件（它的内容不是预算文件的格式），"
                               "未打开也未改动。")
    return BudgetFileError(f"“{path.name}”不是预算文件，或文件已损坏（{sqlite_reason(exc)}），"
                           "未打开也未改动。")


def connect(path: Path, readonly: bool = False) -> sqlite3.Connection:
    if readonly:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, timeout=BUSY_TIMEOUT)
    else:
        conn = sqlite3.connect(str(path), timeout=BUSY_TIMEOUT)
        try:
            conn.execute("PRAGMA synchronous=FULL")  # fails first on a file that is not SQLite's
        except sqlite3.Error:
            conn.close()
            raise
    conn.row_factory = sqlite3.Row
    return conn


def version_of(conn: sqlite3.Connection, path: Path) -> int:
    """The schema version of an opened file, after checking it holds our tables and nothing
    else; BudgetFileError when it is not a budget file, or not one this program can read."""
    try:
        objects = [(r[0], r[1]) for r in conn.execute("SELECT type, name FROM sqlite_master")]
        if ("table", "meta") not in objects:
            raise BudgetFileError(f"“{path.name}”不是预算文件（缺少文件信息）。")
        meta = {r[0]: r[1] for r in conn.execute("SELECT key, value FROM meta")}
    except sqlite3.DatabaseError as exc:
        raise refused(exc, path) from None
    if meta.get("kind") != KIND:
        raise BudgetFileError(f"“{path.name}”不是本程序的预算文件。")
    try:
        version = int(str(meta.get("schema_version", "")).strip())
    except ValueError:
        raise BudgetFileError(f"“{path.name}”的文件版本无法识别，文件可能已损坏。") from None
    if version > schema.latest():
        raise BudgetFileError(
            f"“{path.name}”由更新版本的预算公开编制助手（{meta.get('app_version', '?')}）保存，"
            "请升级本程序后再打开。")
    if version not in schema.VERSIONS:
        known = "1" if schema.latest() == 1 else f"1 到 {schema.latest()}"
        raise BudgetFileError(f"“{path.name}”的文件版本 {version} 不存在（本程序的文件版本为 "
                              f"{known}），文件已损坏或被其他程序改过，未打开也未改动。")
    foreign = sorted(f"{'触发器' if kind == 'trigger' else '视图'}“{name}”"
                     for kind, name in objects if kind in ("trigger", "view"))
    expected = schema.tables_of(version)
    found = {n: tuple(r[1] for r in conn.execute(f'PRAGMA table_info("{n}")'))
             for kind, n in objects if kind == "table" and not n.startswith("sqlite_")}
    foreign += sorted(f"表“{n}”" for n in found if n not in expected)
    if foreign:
        raise BudgetFileError(f"“{path.name}”含有不属于预算文件的内容（{'、'.join(foreign[:5])}），"
                              "可能已被其他程序改过；为安全起见不打开。")
    broken = [n for n, cols in expected.items() if found.get(n) != cols]
    if broken:
        raise BudgetFileError(f"“{path.name}”已损坏：“{broken[0]}”表的结构与文件版本 {version} 不符。")
    return version


@contextmanager
def opened(path: Path, readonly: bool) -> Iterator[tuple[sqlite3.Connection, int]]:
    """An open connection to path and the file's version; errors as BudgetFileError."""
    if path.is_dir():  # (a folder given where the file was meant: `check .`)
        raise BudgetFileError(f"“{path}”是文件夹，不是预算文件；请给出要打开的 .budget 文件。")
    if not path.is_file():
        raise BudgetFileError(f"找不到文件“{path}”。")
    try:
        conn = connect(path, readonly)
    except sqlite3.DatabaseError as exc:
        raise refused(exc, path) from None
    try:
        yield conn, version_of(conn, path)
    finally:
        conn.close()
