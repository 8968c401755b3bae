"""`import-tables --force` over a budget file keeps the file it replaces as a backup (as `import`
does): an officer who imports the tables again over the file of an afternoon's typing can
still get it back."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from app.cli.main import main
from app.profiles.shanxi.sample import load_sample
from app.store import storage
from tests.helpers.sample_import import sample_workbook


def test_forced_import_backs_up_the_file_it_replaces(tmp_path: Path,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "科技局.budget"
    sample = load_sample()
    typed = replace(sample, department=replace(sample.department, name="打字一下午的部门"))
    storage.save(typed, path)
    assert main(["import-tables", str(sample_workbook()), "-o", str(path), "--force"]) == 0
    (backup,) = storage.backups(path)
    assert storage.load(backup).department.name == "打字一下午的部门"
    assert storage.load(path).department.name != "打字一下午的部门"
    assert f"原预算文件已备份为：{backup}" in capsys.readouterr().out


def test_a_new_file_has_no_backup(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "new.budget"
    assert main(["import-tables", str(sample_workbook()), "-o", str(path)]) == 0
    assert storage.backups(path) == []
    assert "备份" not in capsys.readouterr().out
