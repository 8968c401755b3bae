"""The budget file: one SQLite file per department and year, read and written through sqlite-utils.

Layout: a `meta` table (kind, schema_version, app_version) and one table per kind of fact.
Every save runs in one transaction; a file from a newer version, a damaged file or one that
is not a budget file gives a clear error and is left as it is. Older files are copied to a
backup before their numbered migrations run.
"""

from __future__ import annotations

import dataclasses
import functools
import json
import shutil
import sqlite3
import typing
from collections.abc import Callable
from dataclasses import fields
from pathlib import Path
from typing import Any

import sqlite_utils

from app import __version__
from app.core.errors import UserError
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
from app.store.atomic import replacing

KIND = "budget-desk"
SCHEMA_VERSION = 1
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


class BudgetFileError(UserError):
    """A budget file that cannot be opened or written; the message is for the user."""


def _v1(db: sqlite_utils.Database) -> None:
    db.table("facts").create({"name": str, "data": str}, pk="name", if_not_exists=True)
    for table, record in LISTS.items():
        columns: dict[str, Any] = {"position": int}
        columns.update({f.name: str for f in fields(record)})
        db.table(table).create(columns, pk="position", if_not_exists=True)


MIGRATIONS: dict[int, Callable[[sqlite_utils.Database], None]] = {1: _v1}


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


def _decode_row(record: type, row: dict[str, Any]) -> Any:
    nested = _structured(record)
    data: dict[str, Any] = {}
    for f in fields(record):
        value = row.get(f.name)
        if f.name in nested and isinstance(value, str):
            value = json.loads(value)
        if value is not None:
            data[f.name] = value
    return from_json(record, data)


def _connect(path: Path) -> sqlite_utils.Database:
    conn = sqlite3.connect(str(path), timeout=5)
    conn.execute("PRAGMA synchronous=FULL")
    return sqlite_utils.Database(conn)


def _version(db: sqlite_utils.Database, path: Path) -> int:
    """The schema version of an opened file; BudgetFileError when it is not a budget file."""
    try:
        if "meta" not in db.table_names():
            raise BudgetFileError(f"“{path.name}”不是预算文件（缺少文件信息）。")
        meta = {r["key"]: r["value"] for r in db.table("meta").rows}
    except sqlite3.DatabaseError as exc:
        raise BudgetFileError(f"“{path.name}”不是预算文件，或文件已损坏（{exc}）。") from None
    if meta.get("kind") != KIND:
        raise BudgetFileError(f"“{path.name}”不是本程序的预算文件。")
    try:
        version = int(meta.get("schema_version", ""))
    except ValueError:
        raise BudgetFileError(f"“{path.name}”的文件版本无法识别，文件可能已损坏。") from None
    if version > SCHEMA_VERSION:
        raise BudgetFileError(
            f"“{path.name}”由更新版本的预算公开编制助手（{meta.get('app_version', '?')}）保存，"
            "请升级本程序后再打开。")
    return version


def _migrate(db: sqlite_utils.Database, path: Path, version: int) -> None:
    backup = path.with_name(f"{path.name}.v{version}.bak")
    shutil.copy2(path, backup)
    with db.conn:
        for step in range(version + 1, SCHEMA_VERSION + 1):
            MIGRATIONS[step](db)
        _write_meta(db)


def _write_meta(db: sqlite_utils.Database) -> None:
    db.table("meta").upsert_all(
        [
            {"key": "kind", "value": KIND},
            {"key": "schema_version", "value": str(SCHEMA_VERSION)},
            {"key": "app_version", "value": __version__},
        ],
        pk="key",
    )


def load(path: Path | str) -> Budget:
    """The budget stored in path; BudgetFileError with a plain message when that fails."""
    path = Path(path)
    if not path.is_file():
        raise BudgetFileError(f"找不到文件“{path}”。")
    try:
        db = _connect(path)
    except sqlite3.DatabaseError:
        raise BudgetFileError(f"“{path.name}”不是预算文件，或文件已损坏。") from None
    try:
        version = _version(db, path)
        if version < SCHEMA_VERSION:
            _migrate(db, path, version)
        return _read(db)
    except BudgetFileError:
        raise
    except (sqlite3.DatabaseError, ValueError, KeyError, TypeError) as exc:
        raise BudgetFileError(f"“{path.name}”已损坏，无法读取：{exc}") from None
    finally:
        db.conn.close()


def _read(db: sqlite_utils.Database) -> Budget:
    singles: dict[str, Any] = {}
    for row in db.table("facts").rows:
        if row["name"] in SINGLES:
            singles[row["name"]] = from_json(SINGLES[row["name"]], json.loads(row["data"]))
        elif row["name"] == "department_form":
            data = json.loads(row["data"])
            singles["department_form"] = None if data is None else from_json(DepartmentForm, data)
    if "department" not in singles:
        raise BudgetFileError("预算文件中没有部门信息，文件已损坏。")
    lists: dict[str, Any] = {
        table: tuple(_decode_row(record, r) for r in db.table(table).rows_where(order_by="position"))
        for table, record in LISTS.items()
    }
    return Budget(**singles, **lists)


def save(budget: Budget, path: Path | str, previous: Budget | None = None) -> None:
    """Write budget to path: all of it or nothing.

    A new file is built beside the target and renamed into place; an existing one is
    rewritten in one SQLite transaction (rolled back on any failure, and by SQLite's journal
    after a crash or power cut). previous, when given, must be what the file holds now: then
    only the facts and rows that differ are written, which keeps saving after each edit fast.
    """
    path = Path(path)
    if not path.exists():
        _create(budget, path)
        return
    try:
        db = _connect(path)
    except sqlite3.DatabaseError:
        raise BudgetFileError(f"“{path.name}”不是预算文件，或文件已损坏，未写入。") from None
    try:
        version = _version(db, path)
        if version < SCHEMA_VERSION:
            _migrate(db, path, version)
        _transaction(db.conn, budget, None if version < SCHEMA_VERSION else previous)
    except sqlite3.DatabaseError as exc:
        raise BudgetFileError(f"保存“{path.name}”失败，文件保持原样：{exc}") from None
    finally:
        db.conn.close()


def replace_file(budget: Budget, path: Path | str) -> None:
    """Write budget as a whole new file at path, whatever is there now (a budget file or not).

    The new file is built beside the old one and renamed over it: until the rename the old file
    is there, whole, and after it the new one.
    """
    _create(budget, Path(path))


def _create(budget: Budget, path: Path) -> None:
    try:
        with replacing(path) as temp:
            db = _connect(temp)
            try:
                _v1(db)
                _write_meta(db)
                _transaction(db.conn, budget)
            finally:
                db.conn.close()
    except (OSError, sqlite3.DatabaseError) as exc:
        raise BudgetFileError(f"无法写入“{path}”：{exc}") from None


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
