"""The file's tables, frozen per version: version 1 written out literally, each later version a
list of explicit steps. A new field of a list record is one line in VERSIONS, e.g.

    2: (AddColumn("projects", "note", ""),),

and SCHEMA_VERSION follows the last key. Nothing here looks at today's records: what a version
means never changes, so last year's files keep opening (a test compares the latest version with
the tables the records need).
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from functools import cache

KIND = "budget-desk"

# version 1, exactly as the first released program created it (sqlite-utils' own DDL)
V1 = (
    'CREATE TABLE "facts" (\n   "name" TEXT PRIMARY KEY,\n   "data" TEXT\n)',
    'CREATE TABLE "units" (\n   "position" INTEGER PRIMARY KEY,\n   "code" TEXT,\n'
    '   "name" TEXT,\n   "kind" TEXT\n)',
    'CREATE TABLE "basic_function" (\n   "position" INTEGER PRIMARY KEY,\n   "unit" TEXT,\n'
    '   "function" TEXT,\n   "source" TEXT,\n   "amount" TEXT\n)',
    'CREATE TABLE "basic_economic" (\n   "position" INTEGER PRIMARY KEY,\n   "unit" TEXT,\n'
    '   "dept" TEXT,\n   "gov" TEXT,\n   "source" TEXT,\n   "amount" TEXT\n)',
    'CREATE TABLE "projects" (\n   "position" INTEGER PRIMARY KEY,\n   "unit" TEXT,\n'
    '   "name" TEXT,\n   "function" TEXT,\n   "kind" TEXT,\n   "amounts" TEXT,\n'
    '   "carryover" TEXT\n)',
    'CREATE TABLE "revenues" (\n   "position" INTEGER PRIMARY KEY,\n   "source" TEXT,\n'
    '   "code" TEXT,\n   "name" TEXT,\n   "amount" TEXT\n)',
    'CREATE TABLE "three_public" (\n   "position" INTEGER PRIMARY KEY,\n   "item" TEXT,\n'
    '   "source" TEXT,\n   "amount" TEXT\n)',
    'CREATE TABLE "targets" (\n   "position" INTEGER PRIMARY KEY,\n   "unit" TEXT,\n'
    '   "project" TEXT,\n   "attribute" TEXT,\n   "period" TEXT,\n   "implementation" TEXT,\n'
    '   "annual" TEXT,\n   "overview" TEXT,\n   "basis" TEXT,\n   "necessity" TEXT,\n'
    '   "measures" TEXT,\n   "plan" TEXT,\n   "goal_implementation" TEXT,\n'
    '   "goal_annual" TEXT,\n   "indicators" TEXT,\n   "manager" TEXT,\n   "handler" TEXT,\n'
    '   "phone" TEXT,\n   "filled" TEXT\n)',
    'CREATE TABLE "acceptances" (\n   "position" INTEGER PRIMARY KEY,\n   "check" TEXT,\n'
    '   "location" TEXT,\n   "reason" TEXT\n)',
    'CREATE TABLE "catalog_entries" (\n   "position" INTEGER PRIMARY KEY,\n   "kind" TEXT,\n'
    '   "code" TEXT,\n   "name" TEXT\n)',
    'CREATE TABLE "meta" (\n   "key" TEXT PRIMARY KEY,\n   "value" TEXT\n)',
)


@dataclass(frozen=True)
class Create:
    """Run literal DDL statements (a version's new tables)."""

    statements: tuple[str, ...]

    def apply(self, conn: sqlite3.Connection) -> None:
        for statement in self.statements:
            conn.execute(statement)


@dataclass(frozen=True)
class AddColumn:
    """A new text column of a list table; existing rows get default (None: NULL, i.e. the
    record's own default when read)."""

    table: str
    column: str
    default: str | None = None

    def apply(self, conn: sqlite3.Connection) -> None:
        conn.execute(f'ALTER TABLE "{self.table}" ADD COLUMN "{self.column}" TEXT')
        if self.default is not None:
            conn.execute(f'UPDATE "{self.table}" SET "{self.column}" = ?', (self.default,))


@dataclass(frozen=True)
class Sql:
    """Statements that fill new columns from what the file already holds, written out literally."""

    statements: tuple[str, ...]

    def apply(self, conn: sqlite3.Connection) -> None:
        for statement in self.statements:
            conn.execute(statement)


Step = Create | AddColumn | Sql

# every version ever released and how to get to it from the one before; never edit a
# released entry, add the next one
VERSIONS: dict[int, tuple[Step, ...]] = {
    1: (Create(V1),),
    # stable identities (a target form follows its project through renaming and moving), and
    # the cost kind of an economic line that a template counts otherwise (Shanghai's 303 lines)
    2: (
        AddColumn("basic_economic", "cost"),
        AddColumn("projects", "id", ""),
        AddColumn("targets", "project_id", ""),
        # projects are numbered "1", "2", … in file order (app.core.identity.with_ids does the
        # same in memory), and each form is linked to the first project of its unit and name
        Sql((
            'UPDATE "projects" SET "id" = CAST("position" + 1 AS TEXT)',
            'UPDATE "targets" SET "project_id" = COALESCE((SELECT p."id" FROM "projects" p'
            ' WHERE p."unit" = "targets"."unit" AND p."name" = "targets"."project"'
            ' ORDER BY p."position" LIMIT 1), \'\')',
        )),
    ),
}


def latest() -> int:
    return max(VERSIONS)


def migrate(conn: sqlite3.Connection, start: int, end: int | None = None) -> None:
    """Apply the steps after version start up to end (the latest), inside the caller's
    transaction."""
    for version in range(start + 1, (latest() if end is None else end) + 1):
        for step in VERSIONS[version]:
            step.apply(conn)


def columns(conn: sqlite3.Connection) -> dict[str, tuple[str, ...]]:
    """Table → its columns, in order, of an open database (our own tables only)."""
    names = [r[0] for r in conn.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")]
    return {n: tuple(r[1] for r in conn.execute(f'PRAGMA table_info("{n}")')) for n in names}


def tables_of(version: int) -> dict[str, tuple[str, ...]]:
    """The tables and columns of a file of version, built in memory from the frozen steps."""
    return dict(_tables_of(tuple(VERSIONS[v] for v in range(1, version + 1))))


@cache  # once per run, not per open: keyed by the steps themselves, not their version numbers
def _tables_of(steps: tuple[tuple[Step, ...], ...]) -> dict[str, tuple[str, ...]]:
    conn = sqlite3.connect(":memory:")
    try:
        for version in steps:
            for step in version:
                step.apply(conn)
        return columns(conn)
    finally:
        conn.close()
