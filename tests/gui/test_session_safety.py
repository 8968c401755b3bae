"""The open file is safe: replaced by rename only, one lock every writer honours (through hard
links, symlinks and replaces), a full disk named as such and survived, undo memory bounded."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from app.cli.main import main
from app.core.records import Budget
from app.store import schema, storage
from app.store.lock import FileInUseError, LockFolderError
from tests.helpers.disk import fill, read_only, tiny_disk


@pytest.fixture
def Session(qapp: Any) -> Any:
    from forms.session import Session

    return Session


def test_create_over_an_existing_file_never_deletes_it_first(tmp_path: Path, sample: Budget,
                                                             Session: Any,
                                                             monkeypatch: pytest.MonkeyPatch
                                                             ) -> None:
    path = tmp_path / "old.budget"
    storage.save(replace(sample, projects=()), path)
    old = path.read_bytes()
    seen: list[bytes] = []
    write = storage._transaction

    def watching(conn: sqlite3.Connection, budget: Budget, previous: Budget | None = None) -> None:
        seen.append(path.read_bytes())  # while the new content is being written
        write(conn, budget, previous)

    monkeypatch.setattr(storage, "_transaction", watching)
    session = Session.create(sample, path)
    assert seen == [old]
    assert storage.load(path) == sample
    session.close()


def test_a_command_refuses_to_write_a_file_a_window_holds(tmp_path: Path, sample: Budget,
                                                          Session: Any,
                                                          capsys: pytest.CaptureFixture[str]
                                                          ) -> None:
    path = tmp_path / "held.budget"
    data = tmp_path / "d.xlsx"
    storage.save(sample, path)
    assert main(["export", str(path), "--data", "-o", str(data)]) == 0
    session = Session.create(replace(sample, projects=sample.projects[:2]), path)  # new inode
    before = path.read_bytes()
    capsys.readouterr()
    assert main(["import", str(data), "-o", str(path)]) == 2
    assert "窗口" in capsys.readouterr().err
    assert main(["sample", str(path), "--force"]) == 2
    assert main(["accept", str(path), "x", "y", "--reason", "r"]) != 0
    assert path.read_bytes() == before
    session.apply("改名", replace(session.budget, texts=replace(session.budget.texts, duties="新")))
    assert storage.load(path).texts.duties == "新"  # the window's edit went to the file it shows
    session.close()
    assert main(["import", str(data), "-o", str(path)]) == 0  # closed: the command may write


def test_another_process_is_refused_too(tmp_path: Path, sample: Budget, Session: Any) -> None:
    path = tmp_path / "p.budget"
    session = Session.create(sample, path)
    done = subprocess.run([sys.executable, "-m", "app.cli", "sample", str(path), "--force"],
                          capture_output=True, text=True, check=False)
    assert done.returncode == 2
    assert f"进程 {os.getpid()}" in done.stderr and "Traceback" not in done.stderr
    session.close()


def test_the_lock_sees_through_hard_links_and_symlinks(tmp_path: Path, sample: Budget,
                                                       Session: Any) -> None:
    path = tmp_path / "a.budget"
    storage.save(sample, path)
    hard = tmp_path / "sub"
    hard.mkdir()
    os.link(path, hard / "b.budget")
    (tmp_path / "c.budget").symlink_to(path)
    session = Session.open(hard / "b.budget")
    for other in (path, tmp_path / "c.budget", hard / "b.budget"):
        with pytest.raises(FileInUseError, match="正在被"):
            Session.open(other)
        with pytest.raises(FileInUseError):
            storage.save(replace(sample, projects=()), other)
    session.close()
    Session.open(path).close()


def test_an_unwritable_lock_folder_is_called_that(tmp_path: Path, sample: Budget, Session: Any,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "l.budget"
    storage.save(sample, path)
    monkeypatch.setenv("BUDGET_DESK_LOCKS", str(path / "locks"))  # under a file: cannot be made
    with pytest.raises(LockFolderError, match="锁文件夹") as caught:
        Session.open(path)
    assert "正在被" not in str(caught.value)


def test_a_read_only_folder_is_called_that(sample: Budget, Session: Any) -> None:
    with tiny_disk(1024) as disk:
        path = disk / "r.budget"
        storage.save(sample, path)
        read_only(disk)
        try:
            with pytest.raises(storage.BudgetFileError, match="只读") as caught:
                Session.open(path)
            assert "正在被" not in str(caught.value)
            assert storage.load(path) == sample  # reading still works
        finally:
            read_only(disk, on=False)


def test_a_file_another_program_locks_is_not_called_damaged(tmp_path: Path, sample: Budget,
                                                            monkeypatch: pytest.MonkeyPatch
                                                            ) -> None:
    from app.store import opening

    path = tmp_path / "x.budget"
    storage.save(sample, path)
    other = sqlite3.connect(path, isolation_level=None)
    other.execute("BEGIN EXCLUSIVE")
    monkeypatch.setattr(opening, "BUSY_TIMEOUT", 0.1)
    try:
        with pytest.raises(storage.BudgetFileError, match="锁定") as caught:
            storage.load(path)
        assert "不是预算文件" not in str(caught.value)
    finally:
        other.execute("ROLLBACK")
        other.close()


def test_a_full_disk_is_named_and_later_edits_work(sample: Budget, Session: Any) -> None:
    with tiny_disk(700) as disk:
        path = disk / "f.budget"
        session = Session.create(sample, path)
        told: list[str] = []
        session.failed.connect(told.append)
        filler = fill(disk)
        first = replace(sample, projects=sample.projects[:1])
        session.apply("删除项目", first)
        assert told and "磁盘已满" in told[-1]
        assert "rollback" not in " ".join(told)
        session.apply("改名", replace(first, texts=replace(first.texts, duties="一")))
        assert "rollback" not in " ".join(told)
        assert storage.load(path) == sample  # nothing half-written
        filler.unlink()
        latest = replace(first, texts=replace(first.texts, duties="二"))
        told.clear()
        session.apply("改名", latest)
        assert told == []
        assert storage.load(path) == latest
        session.close()


def test_opening_an_older_file_for_editing_keeps_the_lock_on_the_migrated_file(
        tmp_path: Path, sample: Budget, Session: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "m.budget"
    storage.save(sample, path)
    latest = schema.latest()
    monkeypatch.setitem(schema.VERSIONS, latest + 1, (schema.AddColumn("facts", "note"),))
    inode = path.stat().st_ino
    session = Session.open(path)
    assert path.stat().st_ino != inode  # migrated beside and renamed over
    assert (tmp_path / f"m.budget.v{latest}.bak").exists()
    with pytest.raises(FileInUseError):
        storage.save(sample, path)
    session.close()


def test_the_undo_stack_is_bounded(tmp_path: Path, sample: Budget, Session: Any) -> None:
    session = Session.create(sample, tmp_path / "u.budget")
    assert session.undo.undoLimit() == 1000
    session.close()


def test_a_window_does_not_write_into_a_file_replaced_behind_its_back(
        tmp_path: Path, sample: Budget, Session: Any) -> None:
    path = tmp_path / "w.budget"
    session = Session.create(sample, path)
    other = tmp_path / "other.budget"
    storage.save(replace(sample, projects=()), other)
    os.replace(other, path)  # another program (a file manager, a copy) put a file there
    told: list[str] = []
    session.failed.connect(told.append)
    session.apply("改名", replace(sample, texts=replace(sample.texts, duties="窗口的修改")))
    assert told and "替换" in told[-1]
    assert storage.load(path).projects == ()  # the other file is left as it was
    session.close()
