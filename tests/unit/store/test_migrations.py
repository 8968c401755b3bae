"""Versions frozen per release: the latest equals what the records need, an old file opens after
the records grew a field, reading never writes, versions that never existed are refused."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, fields
from pathlib import Path

import pytest

from app.core.records import Budget, Unit
from app.store import schema, storage
from app.store.schema import AddColumn
from app.store.storage import BudgetFileError


def test_latest_version_is_what_the_records_need() -> None:
    needed = {"meta": ("key", "value"), "facts": ("name", "data")}
    needed.update({table: ("position", *(f.name for f in fields(record)))
                   for table, record in storage.LISTS.items()})
    assert schema.tables_of(schema.latest()) == needed
    assert schema.latest() == storage.SCHEMA_VERSION


def test_version_1_is_written_out_literally_and_a_new_file_has_the_latest_tables(
        tmp_path: Path, sample: Budget) -> None:
    conn = sqlite3.connect(":memory:")
    schema.migrate(conn, 0, 1)
    made = [r[0] for r in conn.execute("SELECT sql FROM sqlite_master WHERE sql IS NOT NULL")]
    conn.close()
    assert made == list(schema.V1)
    path = tmp_path / "new.budget"
    storage.save(sample, path)
    conn = sqlite3.connect(path)
    assert schema.columns(conn) == schema.tables_of(schema.latest())
    conn.close()
    assert _version(path) == str(schema.latest())


def as_version_1(path: Path) -> None:
    """Rewrite the latest-version file at path as the version-1 file it would have been."""
    v1 = schema.tables_of(1)
    conn = sqlite3.connect(path)
    for table, cols in v1.items():
        names = ", ".join(f'"{c}"' for c in cols)
        conn.execute(f'CREATE TABLE "old_{table}" AS SELECT {names} FROM "{table}"')
        conn.execute(f'DROP TABLE "{table}"')
    for statement in schema.V1:
        conn.execute(statement)
    for table in v1:
        conn.execute(f'INSERT INTO "{table}" SELECT * FROM "old_{table}"')
        conn.execute(f'DROP TABLE "old_{table}"')
    conn.execute("UPDATE meta SET value = '1' WHERE key = 'schema_version'")
    conn.commit()
    conn.execute("VACUUM")
    conn.close()


def test_a_version_1_file_opens_with_project_ids_and_its_forms_linked(
        tmp_path: Path, sample: Budget) -> None:
    path = tmp_path / "v1.budget"
    storage.save(sample, path)
    as_version_1(path)
    before = path.read_bytes()
    budget = storage.load(path)
    assert path.read_bytes() == before  # read through the migration in memory
    assert [p.id for p in budget.projects] == [str(i + 1) for i in range(len(sample.projects))]
    by_id = {p.id: p for p in budget.projects}
    assert budget.targets and all(
        (by_id[t.project_id].unit, by_id[t.project_id].name) == (t.unit, t.project)
        for t in budget.targets)
    assert budget == sample


@dataclass(frozen=True)
class GrownUnit(Unit):
    """Unit as it might be in a later version: one more field."""

    note: str = "（无）"


@pytest.fixture
def grown(monkeypatch: pytest.MonkeyPatch) -> None:
    """The next version adds units.note; the records have grown the field."""
    monkeypatch.setitem(schema.VERSIONS, LATEST + 1, (AddColumn("units", "note", "旧文件"),))
    monkeypatch.setitem(storage.LISTS, "units", GrownUnit)


LATEST = schema.latest()


def _version(path: Path) -> str:
    conn = sqlite3.connect(path)
    try:
        return str(conn.execute("SELECT value FROM meta WHERE key='schema_version'").fetchone()[0])
    finally:
        conn.close()


def test_reading_a_version_1_file_after_the_records_grew_migrates_in_memory_only(
        tmp_path: Path, sample: Budget, grown: None) -> None:
    path = tmp_path / "v1.budget"
    storage.replace_file(sample, path)
    conn = sqlite3.connect(path)  # written as the next version now: make it the file it was
    conn.execute("CREATE TABLE u AS SELECT position, code, name, kind FROM units")
    conn.execute("DROP TABLE units")
    conn.executescript(schema.V1[1] + "; INSERT INTO units SELECT * FROM u; DROP TABLE u;"
                       f"UPDATE meta SET value='{LATEST}' WHERE key='schema_version'")
    conn.commit()
    conn.close()
    before = path.read_bytes()
    budget = storage.load(path)
    assert [u.note for u in budget.units] == ["旧文件"] * len(sample.units)
    assert [u.name for u in budget.units] == [u.name for u in sample.units]
    assert budget.projects == sample.projects
    assert path.read_bytes() == before  # reading never writes
    assert not list(tmp_path.glob("*.bak"))

    edited = storage.open_for_edit(path)  # opening for editing: backup, then migrate on disk
    assert edited == budget
    assert (tmp_path / f"v1.budget.v{LATEST}.bak").read_bytes() == before
    assert _version(path) == str(LATEST + 1)
    storage.save(edited, path)
    assert storage.load(path) == edited
    assert len(list(tmp_path.glob("*.bak"))) == 1  # migrated once


def test_saving_into_an_older_file_migrates_it_after_a_backup(tmp_path: Path, sample: Budget,
                                                              monkeypatch: pytest.MonkeyPatch
                                                              ) -> None:
    path = tmp_path / "o.budget"
    storage.save(sample, path)
    original = path.read_bytes()
    monkeypatch.setitem(schema.VERSIONS, LATEST + 1, (AddColumn("facts", "note"),))
    storage.save(sample, path)
    assert (tmp_path / f"o.budget.v{LATEST}.bak").read_bytes() == original
    assert _version(path) == str(LATEST + 1)
    assert storage.load(path) == sample


@pytest.mark.parametrize("version", ["0", "-1", "99", "1.5", "abc", ""])
def test_versions_that_never_existed_are_refused_byte_for_byte_unchanged(
        tmp_path: Path, sample: Budget, version: str) -> None:
    path = tmp_path / "bad.budget"
    storage.save(sample, path)
    conn = sqlite3.connect(path)
    conn.execute("UPDATE meta SET value = ? WHERE key = 'schema_version'", (version,))
    conn.commit()
    conn.close()
    before = path.read_bytes()
    for attempt in (storage.load, storage.open_for_edit, lambda p: storage.save(sample, p)):
        with pytest.raises(BudgetFileError, match="版本"):
            attempt(path)
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bad.budget"]


@pytest.mark.parametrize("hostile", [
    "CREATE TRIGGER wipe AFTER UPDATE ON facts BEGIN DELETE FROM projects; END",
    "CREATE VIEW v AS SELECT * FROM projects",
    "CREATE TABLE extra (x TEXT)",
])
def test_files_with_what_is_not_ours_are_refused(tmp_path: Path, sample: Budget,
                                                 hostile: str) -> None:
    path = tmp_path / "h.budget"
    storage.save(sample, path)
    conn = sqlite3.connect(path)
    conn.execute(hostile)
    conn.commit()
    conn.close()
    before = path.read_bytes()
    with pytest.raises(BudgetFileError, match="不属于预算文件"):
        storage.load(path)
    with pytest.raises(BudgetFileError, match="不属于预算文件"):  # the edit does not "succeed"
        storage.save(sample, path, previous=sample)
    assert path.read_bytes() == before


def test_a_units_view_instead_of_the_table_is_refused(tmp_path: Path, sample: Budget) -> None:
    path = tmp_path / "v.budget"
    storage.save(sample, path)
    conn = sqlite3.connect(path)
    conn.executescript("DROP TABLE units; CREATE VIEW units AS SELECT 1 AS position")
    conn.close()
    with pytest.raises(BudgetFileError, match="视图"):
        storage.load(path)
