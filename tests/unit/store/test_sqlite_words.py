"""SQLite's reasons are put in Chinese where they arise (opening: `sqlite_reason`, `version_of`),
so a load or a save opens the file once, as before the look-first check that opened it twice;
a file that is not a budget is still left exactly as it was."""

from __future__ import annotations

import re
import sqlite3
from pathlib import Path
from typing import Any

import pytest

from app.core.records import Budget
from app.store import opening, storage
from app.store.storage import BudgetFileError

ENGLISH = re.compile(r"[A-Za-z]{3,}")


def connects(monkeypatch: pytest.MonkeyPatch, path: Path) -> list[str]:
    """The connections SQLite is asked to open to path, from now on."""
    seen: list[str] = []
    real = sqlite3.connect

    def counting(database: Any, *args: Any, **kwargs: Any) -> sqlite3.Connection:
        if path.name in str(database) and not str(database).endswith("-journal"):
            seen.append(str(database))
        return real(database, *args, **kwargs)

    monkeypatch.setattr(sqlite3, "connect", counting)
    return seen


def test_a_load_and_a_save_open_the_file_once(tmp_path: Path, sample: Budget,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "x.budget"
    storage.save(sample, path)
    seen = connects(monkeypatch, path)
    assert storage.load(path) == sample
    assert len(seen) == 1, seen
    seen.clear()
    storage.save(sample, path, previous=sample)
    assert len(seen) == 1, seen


@pytest.mark.parametrize("english", ["file is not a database", "database disk image is malformed",
                                     "no such table: facts", "some reason SQLite gives"])
def test_sqlite_reason_is_chinese(english: str) -> None:
    reason = opening.sqlite_reason(sqlite3.DatabaseError(english))
    assert reason and not ENGLISH.findall(reason), reason


def test_version_of_a_script_says_it_in_chinese(tmp_path: Path) -> None:
    script = tmp_path / "some.py"
    script.write_text("print('hello')\n", encoding="utf-8")
    conn = opening.connect(script, readonly=True)
    try:
        with pytest.raises(BudgetFileError) as caught:
            opening.version_of(conn, script)
    finally:
        conn.close()
    message = str(caught.value).replace(script.name, "")
    assert "不是预算文件" in message and "未打开也未改动" in message
    assert not ENGLISH.findall(message), message


def test_a_file_that_is_not_a_budget_is_left_as_it_was(tmp_path: Path, sample: Budget) -> None:
    script = tmp_path / "some.py"
    script.write_text("print('hello')\n", encoding="utf-8")
    before = script.read_bytes()
    for attempt in (lambda: storage.load(script), lambda: storage.open_for_edit(script),
                    lambda: storage.save(sample, script)):
        with pytest.raises(BudgetFileError) as caught:
            attempt()
        assert "“some.py”不是预算文件" in str(caught.value)
        assert script.read_bytes() == before
        assert sorted(p.name for p in tmp_path.iterdir()) == ["some.py"]
