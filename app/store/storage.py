"""The budget file: one SQLite file per department and year, read and written through sqlite-utils.

Layout: a `meta` table (kind, schema_version, app_version) and one table per kind of fact,
frozen per version in `app.store.schema`. Reading never writes: an older file is migrated in
memory. Only opening for editing (`open_for_edit`, or saving into an older file) migrates it on
disk, after an atomic backup, by building the migrated copy beside it and renaming it over.
Every save runs in one transaction and honours the file's lock (`app.store.lock`); a file from
a newer version, of a version that never existed, with triggers, views or tables not ours, a
damaged file or one that is not a budget file gives a clear error and is left as it is.
"""

from __future__ import annotations

import dataclasses
import functools
import glob
import json
import os
import re
import shutil
import sqlite3
import tempfile
import typing
from dataclasses import fields
from decimal import Decimal
from pathlib import Path
from typing import Any

from app import __version__
from app.core import bounds
from app.core.errors import os_message
from app.core.records import (
    Acceptance,
    Assets,
    BasicByEconomic,
    BasicByFunction,
    Budget,
    CatalogEntry,
    Department,
    DepartmentForm,
    Income,
    LastYear,
    Performance,
    Procurement,
    Project,
    Revenue,
    Settings,
    TargetForm,
    Texts,
    ThreePublic,
    Unit,
)
from app.core.serial import from_json, to_json
from app.store import schema
from app.store.atomic import WriteError, copy_atomic, replacing
from app.store.lock import FileLock, holding
from app.store.opening import BudgetFileError as BudgetFileError
from app.store.opening import connect as _connect
from app.store.opening import opened as _opened
from app.store.opening import sqlite_reason

KIND = schema.KIND
SCHEMA_VERSION = schema.latest()  # of this program; the code asks schema.latest()
EXTENSION = ".budget"

# fact tables holding a list of records, in file order (a `position` column keeps it)
LISTS: dict[str, type] = {
    "units": Unit,
    "basic_function": BasicByFunction,
    "basic_economic": BasicByEconomic,
    "projects": Project,
    "revenues": Revenue,
    "three_public": ThreePublic,
    "targets": TargetForm,
    "acceptances": Acceptance,
    "catalog_entries": CatalogEntry,
}
# single records, stored as JSON under their name in `facts`
SINGLES: dict[str, type] = {
    "department": Department,
    "income": Income,
    "last_year": LastYear,
    "procurement": Procurement,
    "assets": Assets,
    "texts": Texts,
    "performance": Performance,
    "settings": Settings,
}


def _encode(value: Any) -> Any:
    data = to_json(value)
    return json.dumps(data, ensure_ascii=False) if isinstance(data, dict | list) else data


def _row(record: Any, position: int) -> dict[str, Any]:
    row = {"position": position}
    row.update({f.name: _encode(getattr(record, f.name)) for f in fields(record)})
    return row


@functools.cache
def _structured(record: type) -> frozenset[str]:
    """The fields of record stored as JSON text (nested records and tuples)."""
    hints = typing.get_type_hints(record)
    return frozenset(name for name, tp in hints.items()
                     if typing.get_origin(tp) is tuple or dataclasses.is_dataclass(tp))


def _decode_row(record: type, row: dict[str, Any], table: str) -> Any:
    nested = _structured(record)
    data: dict[str, Any] = {}
    for f in fields(record):
        value = row.get(f.name)
        if f.name in nested and isinstance(value, str):
            value = json.loads(value)
        if value is not None:
            data[f.name] = value
    try:
        return from_json(record, data)
    except ValueError as exc:
        raise ValueError(f"“{table}”表第 {int(row.get('position') or 0) + 1} 行的{exc}") from None


def _read_file(path: Path, readonly: bool = True) -> Budget:
    with _opened(path, readonly) as (conn, version):
        if version == schema.latest():
            return _read(conn)
        memory = sqlite3.connect(":memory:")  # an older file: migrated here, not on disk
        memory.row_factory = sqlite3.Row
        try:
            conn.backup(memory)
            with memory:
                schema.migrate(memory, version)
            return _read(memory)
        finally:
            memory.close()


def load(path: Path | str) -> Budget:
    """The budget stored in path, read without writing anything (an older file is migrated in
    memory); BudgetFileError with a plain message when that fails."""
    path = Path(path)
    if not path.name:  # "." or "/": no name to put "-journal" after
        return _read_file(path)
    try:
        journal = path.with_name(path.name + "-journal")
        if not journal.exists() or not path.is_file():
            return _read_file(path)
        # a save is under way or was cut off (kill, power cut): SQLite rolls its journal back
        # on opening, which would write; a copy of both is rolled back instead, giving the
        # state before that save, and the file itself is left as it is
        with tempfile.TemporaryDirectory(prefix="budget-desk-read-") as folder:
            copy = Path(folder) / path.name
            shutil.copyfile(journal, Path(folder) / journal.name)
            shutil.copyfile(path, copy)
            return _read_file(copy, readonly=False)
    except BudgetFileError:
        raise
    except sqlite3.DatabaseError as exc:
        raise BudgetFileError(f"“{path.name}”无法读取：{sqlite_reason(exc)}。") from None
    except FileNotFoundError:
        return _read_file(path)  # the journal went away meanwhile: the save was complete
    except (ValueError, KeyError, TypeError, ArithmeticError) as exc:
        raise BudgetFileError(f"“{path.name}”已损坏或含有超出范围的数据，无法读取：{exc}") from None


def writable(path: Path) -> None:
    """BudgetFileError unless path and its folder can be written (an edit is saved at once)."""
    folder = path.parent
    if not os.access(folder, os.W_OK):
        raise BudgetFileError(f"“{path.name}”所在的文件夹“{folder}”只读，修改无法保存。"
                              "请把文件复制到可写的文件夹后再打开。")
    if not os.access(path, os.W_OK):
        raise BudgetFileError(f"“{path.name}”是只读文件，修改无法保存。请取消其只读属性，"
                              "或复制一份后再打开。")


def open_for_edit(path: Path | str, lock: FileLock | None = None) -> Budget:
    """The budget in path, ready to be edited and saved: an older file is first backed up and
    migrated on disk (the caller holds lock, or a command's lock is taken meanwhile)."""
    path = Path(path)
    budget = load(path)
    writable(path)
    with holding(path, lock) as held:
        with _opened(path, readonly=False) as (conn, version):  # rolls back a cut-off save
            conn.execute("SELECT count(*) FROM meta").fetchone()
        if version < schema.latest():
            _migrate_on_disk(path, version, held)
    return budget


def _migrate_on_disk(path: Path, version: int, held: FileLock) -> None:
    """Back path up (atomically) and replace it by its migrated copy, built beside it."""
    _settle(path)
    copy_atomic(path, path.with_name(f"{path.name}.v{version}.bak"))
    try:
        with replacing(path) as temp:
            copy_atomic(path, temp)
            conn = _connect(temp)
            try:
                conn.isolation_level = None
                conn.execute("BEGIN IMMEDIATE")
                schema.migrate(conn, version)
                _write_meta(conn)
                conn.execute("COMMIT")
            finally:
                conn.close()
            held.add(temp, shown=path)
    except sqlite3.DatabaseError as exc:
        raise BudgetFileError(f"无法更新“{path.name}”的文件版本：{sqlite_reason(exc)}，"
                              "原文件保持原样。") from None
    finally:
        held.keep_only(path)


def _write_meta(conn: sqlite3.Connection) -> None:
    conn.executemany(
        "INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)",
        [("kind", KIND), ("schema_version", str(schema.latest())), ("app_version", __version__)])


def _read(conn: sqlite3.Connection) -> Budget:
    singles: dict[str, Any] = {}
    for name, data in conn.execute("SELECT name, data FROM facts"):
        try:
            if name in SINGLES:
                singles[name] = from_json(SINGLES[name], json.loads(data))
            elif name == "department_form":
                value = json.loads(data)
                singles[name] = None if value is None else from_json(DepartmentForm, value)
        except ValueError as exc:
            raise ValueError(f"{name} 的{exc}") from None
    if "department" not in singles:
        raise BudgetFileError("预算文件中没有部门信息，文件已损坏。")
    lists: dict[str, Any] = {
        table: tuple(_decode_row(record, dict(r), table) for r in
                     conn.execute(f'SELECT * FROM "{table}" ORDER BY position'))
        for table, record in LISTS.items()
    }
    return Budget(**singles, **lists)


def save(budget: Budget, path: Path | str, previous: Budget | None = None,
         lock: FileLock | None = None) -> None:
    """Write budget to path: all of it or nothing.

    A new file is built beside the target and renamed into place; an existing one is
    rewritten in one SQLite transaction (rolled back on any failure, and by SQLite's journal
    after a crash or power cut), under the file's lock (lock, the caller's, or one taken for
    the write: a file a window holds is refused). An older file is first backed up and
    migrated. previous, when given, must be what the file holds now: then only the facts and
    rows that differ are written, which keeps saving after each edit fast.
    """
    path = Path(path)
    if not path.exists():
        replace_file(budget, path, lock)
        return
    _check(budget, previous)
    if lock is not None and not lock.covers(path):
        raise BudgetFileError(f"“{path.name}”已被其他程序替换或移走，修改未保存到其中。"
                              "请关闭后重新打开该文件。")
    with holding(path, lock) as held:
        try:
            with _opened(path, readonly=False) as (conn, version):
                if version == schema.latest():  # the usual case: one open per save
                    _transaction(conn, budget, previous)
                    return
            writable(path)
            _migrate_on_disk(path, version, held)
            with _opened(path, readonly=False) as (conn, _):
                _transaction(conn, budget, None)
        except sqlite3.DatabaseError as exc:
            raise BudgetFileError(f"保存“{path.name}”失败（{sqlite_reason(exc)}），文件保持原样。"
                                  ) from None


def replace_file(budget: Budget, path: Path | str, lock: FileLock | None = None) -> None:
    """Write budget as a whole new file at path, whatever is there now (a budget file or not).

    The new file is built beside the old one, flushed to disk and renamed over it: until the
    rename the old file is there, whole, and after it the new one. The lock of the old file is
    honoured (a file a window holds is refused unless lock is that window's); the holder's
    lock moves to the new file before the rename.
    """
    path = Path(path)
    _check(budget)
    with holding(path, lock) as held:
        _settle(path, replacing=True)
        try:
            with replacing(path) as temp:
                conn = _connect(temp)
                try:
                    schema.migrate(conn, 0)
                    _write_meta(conn)
                    conn.commit()
                    _transaction(conn, budget)
                finally:
                    conn.close()
                held.add(temp, shown=path)
        except sqlite3.DatabaseError as exc:
            raise BudgetFileError(f"无法写入“{path}”：{sqlite_reason(exc)}。") from None
        except WriteError:
            raise
        except OSError as exc:
            raise BudgetFileError(f"无法写入“{path}”：{exc}") from None
        finally:
            held.keep_only(path)


KEEP_BACKUPS = 20  # timestamped backups kept per file unless the file says otherwise


def backup(path: Path, stamp: str, keep: int = KEEP_BACKUPS) -> Path:
    """An atomic copy of path as `path.<stamp>.bak` (`path.<stamp>-2.bak`… when that second's is
    there), returned; of these timestamped backups only the newest keep stay (the migration
    backups `path.v<N>.bak` are never pruned)."""
    target = path.with_name(f"{path.name}.{stamp}.bak")
    n = 1
    while target.exists():  # two replacements within a second: the first backup is kept too
        n += 1
        target = path.with_name(f"{path.name}.{stamp}-{n}.bak")
    _settle(path)
    copy_atomic(path, target)
    prune_backups(path, keep)
    return target


def backups(path: Path) -> list[Path]:
    """The timestamped backups of path (`path.<YYYYmmdd-HHMMSS…>.bak`), newest first."""
    pattern = re.compile(re.escape(path.name) + r"\.(\d{8}-\d{6})(?:-(\d+)(?=\.bak))?([\w-]*)\.bak")
    found = [(p, m) for p in path.parent.glob(f"{glob.escape(path.name)}.*.bak")
             if (m := pattern.fullmatch(p.name))]
    # by the time, then the number of a second backup within the same second (…-2 after …)
    found.sort(key=lambda pm: (pm[1][1], int(pm[1][2] or 1), pm[1][3]), reverse=True)
    return [p for p, _ in found]


def prune_backups(path: Path, keep: int) -> list[Path]:
    """Remove all but the newest keep timestamped backups of path; the removed ones."""
    old = backups(path)[max(keep, 1):]
    for stale in old:
        stale.unlink(missing_ok=True)
    return old


def _settle(path: Path, replacing: bool = False) -> None:
    """Roll back a save that was cut off (its journal beside path) before path is copied or
    replaced: a journal left beside a file renamed over it would be "rolled back" into the new
    file the next time it is opened. When replacing and the old file cannot be rolled back (it
    is not a budget file), its journal goes."""
    journal = path.with_name(path.name + "-journal")
    if not journal.exists() or not path.is_file():
        return
    try:
        conn = _connect(path)
        try:
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        finally:
            conn.close()
    except sqlite3.DatabaseError:
        pass
    if replacing and journal.exists():
        try:
            journal.unlink()
        except OSError as exc:
            raise BudgetFileError(f"无法替换“{path.name}”：{os_message(exc, journal)}") from None


def _check(budget: Budget, previous: Budget | None = None) -> None:
    """BudgetFileError (nothing written) when what would be saved could not be read back."""
    for name in (*SINGLES, "department_form", *LISTS):
        value = getattr(budget, name)
        before = getattr(previous, name) if previous is not None else None
        if value is before:
            continue
        if name in LISTS and before is not None:  # only the records an edit made are new
            kept = {id(r) for r in before}
            value = [r for r in value if id(r) not in kept]
        try:
            _within(to_json(value))
        except bounds.BoundsError as exc:
            raise BudgetFileError(f"未保存：{exc}。") from None


def _within(data: Any) -> None:
    if isinstance(data, str):
        bounds.text(data)
    elif isinstance(data, dict):
        for v in data.values():
            _within(v)
    elif isinstance(data, list):
        for v in data:
            _within(v)
    elif isinstance(data, Decimal):
        bounds.amount(data)


def _transaction(conn: sqlite3.Connection, budget: Budget, previous: Budget | None = None) -> None:
    """Write the facts in one explicit transaction (sqlite-utils' own writes commit early)."""
    conn.isolation_level = None
    conn.execute("BEGIN IMMEDIATE")
    try:
        if previous is None:
            _write(conn, budget)
        else:
            _write_changes(conn, budget, previous)
        conn.execute("COMMIT")
    except BaseException:
        if conn.in_transaction:  # SQLite itself ends it on a full disk: do not mask the cause
            conn.execute("ROLLBACK")
        raise


def _insert(conn: sqlite3.Connection, table: str, rows: list[dict[str, Any]]) -> None:
    conn.execute(f"DELETE FROM [{table}]")
    if rows:
        columns = list(rows[0])
        names = ", ".join(f"[{c}]" for c in columns)
        marks = ", ".join("?" for _ in columns)
        conn.executemany(f"INSERT INTO [{table}] ({names}) VALUES ({marks})",
                         [tuple(r[c] for c in columns) for r in rows])


def _write(conn: sqlite3.Connection, budget: Budget) -> None:
    facts = [{"name": n, "data": json.dumps(to_json(getattr(budget, n)), ensure_ascii=False)}
             for n in (*SINGLES, "department_form")]
    _insert(conn, "facts", facts)
    for table in LISTS:
        _insert(conn, table, [_row(r, i) for i, r in enumerate(getattr(budget, table))])


def _write_changes(conn: sqlite3.Connection, budget: Budget, previous: Budget) -> None:
    """Write only what differs from previous (which the file holds)."""
    for name in (*SINGLES, "department_form"):
        value = getattr(budget, name)
        if value is not getattr(previous, name) and value != getattr(previous, name):
            conn.execute("UPDATE facts SET data = ? WHERE name = ?",
                         (json.dumps(to_json(value), ensure_ascii=False), name))
    for table in LISTS:
        new, old = getattr(budget, table), getattr(previous, table)
        if new is old:
            continue
        if len(new) != len(old):
            _insert(conn, table, [_row(r, i) for i, r in enumerate(new)])
            continue
        for i, (a, b) in enumerate(zip(new, old, strict=True)):
            if a is not b and a != b:
                row = _row(a, i)
                columns = [c for c in row if c != "position"]
                assignments = ", ".join(f"[{c}] = ?" for c in columns)
                conn.execute(f"UPDATE [{table}] SET {assignments} WHERE position = ?",
                             (*(row[c] for c in columns), i))
