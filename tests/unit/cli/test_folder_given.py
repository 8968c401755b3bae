"""A folder given where a budget file is meant gets a plain message naming it as a folder:
`check .` said "“”已损坏或含有超出范围的数据…PosixPath('.') has an empty name", `check DIR`
said the folder could not be found, and `sample DIR` offered --force, which could not help."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from app.cli.main import main


@pytest.mark.parametrize("words", [
    ["check", "{dir}"], ["check", "."], ["pdf", "{dir}", "-o", "{dir}/o.pdf"],
    ["export", ".", "-o", "t.xlsx"], ["tables", "{dir}"],
])
def test_a_folder_as_the_budget_file_is_named_a_folder(
        words: list[str], tmp_path: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    assert main([w.format(dir=tmp_path) for w in words]) == 2
    err = capsys.readouterr().err
    assert "是文件夹，不是预算文件" in err and "PosixPath" not in err and "找不到" not in err
    assert os.listdir(tmp_path) == []


@pytest.mark.parametrize("words", [["sample", "{dir}"], ["sample", "{dir}", "--force"],
                                   ["import-tables", "t.xlsx", "-o", "{dir}"]])
def test_a_folder_as_the_new_file_is_named_a_folder(
        words: list[str], tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "keep.txt").write_text("x")
    assert main([w.format(dir=tmp_path) for w in words]) == 2
    err = capsys.readouterr().err
    assert "是一个文件夹，请给出文件名" in err and "--force" not in err
    assert os.listdir(tmp_path) == ["keep.txt"]


@pytest.mark.parametrize("words", [["template", "-o", "."], ["template", "-o", "{dir}"]])
def test_a_folder_as_the_workbook_is_named_a_folder(
        words: list[str], tmp_path: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    assert main([w.format(dir=tmp_path) for w in words]) == 2
    assert "是一个文件夹，请给出文件名（以 .xlsx 结尾）" in capsys.readouterr().err
