"""The budget file: round trip, wrong files, newer versions and migrations."""

from __future__ import annotations

import sqlite3
from dataclasses import replace
from decimal import Decimal
from pathlib import Path

import pytest
import sqlite_utils
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.core.records import Budget, GlossaryEntry, Texts
from app.store import storage
from app.store.storage import BudgetFileError


def test_sample_round_trips(tmp_path: Path, sample: Budget) -> None:
    path = tmp_path / "s.budget"
    storage.save(sample, path)
    assert storage.load(path) == sample
    changed = replace(sample, texts=replace(sample.texts, other="改过的说明"))
    storage.save(changed, path)
    assert storage.load(path) == changed


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=st.text(max_size=40), amount=st.decimals(min_value=0, max_value=10**10, places=2,
                                                       allow_nan=False, allow_infinity=False))
def test_any_text_and_amount_round_trip(tmp_path: Path, sample: Budget, text: str,
                                        amount: Decimal) -> None:
    """Texts that look like JSON, quotes, newlines; amounts to the 分."""
    path = tmp_path / "p.budget"
    path.unlink(missing_ok=True)
    budget = replace(
        sample,
        texts=Texts(duties=text, glossary=(GlossaryEntry(text, "[" + text),)),
        projects=(replace(sample.projects[0], name=text or "x",
                          amounts=replace(sample.projects[0].amounts, general=amount)),),
    )
    storage.save(budget, path)
    assert storage.load(path) == budget


def test_not_a_budget_file_is_refused_and_left_alone(tmp_path: Path, sample: Budget) -> None:
    path = tmp_path / "notes.budget"
    path.write_bytes(b"this is a text file, not a database")
    before = path.read_bytes()
    with pytest.raises(BudgetFileError, match="不是预算文件"):
        storage.load(path)
    with pytest.raises(BudgetFileError):
        storage.save(sample, path)
    assert path.read_bytes() == before


def test_other_sqlite_database_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "other.db"
    sqlite_utils.Database(path).table("people").insert({"name": "x"})
    with pytest.raises(BudgetFileError, match="不是预算文件"):
        storage.load(path)


def test_damaged_file_gives_clear_error(tmp_path: Path, sample: Budget) -> None:
    path = tmp_path / "d.budget"
    storage.save(sample, path)
    data = bytearray(path.read_bytes())
    data[100:4000] = b"\x00" * 3900
    path.write_bytes(bytes(data))
    with pytest.raises(BudgetFileError):
        storage.load(path)


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(BudgetFileError, match="找不到文件"):
        storage.load(tmp_path / "nope.budget")


def test_newer_version_is_refused_unchanged(tmp_path: Path, sample: Budget) -> None:
    path = tmp_path / "n.budget"
    storage.save(sample, path)
    db = sqlite_utils.Database(path)
    db.table("meta").upsert({"key": "schema_version", "value": "99"}, pk="key")
    db.conn.close()
    before = path.read_bytes()
    with pytest.raises(BudgetFileError, match="更新版本"):
        storage.load(path)
    with pytest.raises(BudgetFileError, match="更新版本"):
        storage.save(sample, path)
    assert path.read_bytes() == before


def test_failed_save_keeps_the_previous_content(tmp_path: Path, sample: Budget,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "t.budget"
    storage.save(sample, path)

    def broken(conn: sqlite3.Connection, budget: Budget) -> None:
        conn.execute("DELETE FROM facts")
        conn.execute("DELETE FROM projects")
        raise sqlite3.OperationalError("disk I/O error")

    monkeypatch.setattr(storage, "_write", broken)
    with pytest.raises(BudgetFileError, match="文件保持原样"):
        storage.save(replace(sample, projects=()), path)
    monkeypatch.undo()
    assert storage.load(path) == sample


def test_saving_only_the_changes_gives_the_same_file_content(tmp_path: Path,
                                                             sample: Budget) -> None:
    path = tmp_path / "inc.budget"
    storage.save(sample, path)
    edits = [
        replace(sample, projects=(replace(sample.projects[0], name="改名项目"),
                                  *sample.projects[1:])),
        replace(sample, texts=replace(sample.texts, duties="新的职责")),
        replace(sample, units=sample.units[:2]),
        replace(sample, targets=(*sample.targets, replace(sample.targets[0], project="新增"))),
    ]
    previous = sample
    for budget in edits:
        storage.save(budget, path, previous=previous)
        assert storage.load(path) == budget
        previous = budget


def test_backups_are_pruned_to_the_number_the_file_keeps(tmp_path: Path, sample: Budget) -> None:
    from app.store import storage as store

    path = tmp_path / "b.budget"
    store.save(sample, path)
    (tmp_path / "b.budget.v1.bak").write_bytes(b"migration backup")  # never pruned
    made = [store.backup(path, f"20261201-0800{i:02d}", keep=3) for i in range(5)]
    assert store.backups(path) == list(reversed(made[-3:]))
    assert not made[0].exists() and made[-1].exists()
    assert (tmp_path / "b.budget.v1.bak").exists()
    assert store.load(made[-1]) == store.load(path)


def test_two_backups_within_one_second_are_both_kept(tmp_path: Path, sample: Budget) -> None:
    # two imports onto the same file within a second: the second backup overwrote the first,
    # and the file as it was before both was gone
    from app.store import storage as store

    path = tmp_path / "b.budget"
    store.save(sample, path)
    first = store.backup(path, "20261205-002656", keep=20)
    changed = replace(sample, texts=replace(sample.texts, duties="改过的职责"))
    store.save(changed, path)
    second = store.backup(path, "20261205-002656", keep=20)
    third = store.backup(path, "20261205-002656", keep=20)
    assert first != second != third and first.exists() and second.name.endswith("-2.bak")
    assert store.load(first) == sample and store.load(second) == changed
    later = store.backup(path, "20261205-002657", keep=20)
    assert store.backups(path) == [later, third, second, first]  # newest first
    assert store.backups(path)[:2] == [later, third]
    store.prune_backups(path, 2)
    assert later.exists() and third.exists() and not second.exists() and not first.exists()
