"""A save cut off by kill -9 leaves a journal beside the file: reading rolls back a copy (the
file is not written), and a file replaced over it never gets the stale journal applied."""

from __future__ import annotations

import subprocess
import sys
from dataclasses import replace
from pathlib import Path

from app.core.records import Budget
from app.store import storage

CUT_OFF = """
import os, signal, sqlite3, sys
conn = sqlite3.connect(sys.argv[1], isolation_level=None)
conn.execute("PRAGMA cache_size=1")  # pages spill into the file before the commit
conn.execute("BEGIN IMMEDIATE")
conn.execute("DELETE FROM projects")
conn.execute("UPDATE facts SET data = '{}' WHERE name = 'texts'")
os.kill(os.getpid(), signal.SIGKILL)
"""


def cut_off(path: Path) -> Path:
    subprocess.run([sys.executable, "-c", CUT_OFF, str(path)], check=False)
    journal = path.with_name(path.name + "-journal")
    assert journal.exists()
    return journal


def test_reading_a_cut_off_save_gives_the_state_before_and_writes_nothing(
        tmp_path: Path, sample: Budget) -> None:
    path = tmp_path / "c.budget"
    storage.save(sample, path)
    journal = cut_off(path)
    before = path.read_bytes(), journal.read_bytes()
    assert storage.load(path) == sample
    assert (path.read_bytes(), journal.read_bytes()) == before


def test_a_file_replaced_over_a_cut_off_save_keeps_its_own_content(tmp_path: Path,
                                                                   sample: Budget) -> None:
    path = tmp_path / "r.budget"
    storage.save(sample, path)
    cut_off(path)
    new = replace(sample, projects=sample.projects[:2])
    storage.replace_file(new, path)
    assert not path.with_name(path.name + "-journal").exists()
    storage.save(replace(new, texts=replace(new.texts, duties="再改")), path, previous=new)
    assert storage.load(path).projects == new.projects


def test_a_backup_of_a_cut_off_save_is_the_state_before(tmp_path: Path, sample: Budget) -> None:
    path = tmp_path / "b.budget"
    storage.save(sample, path)
    cut_off(path)
    assert storage.load(storage.backup(path, "t")) == sample
