"""The commands follow the file's template: sample, tables and check for Shanghai's profile."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.cli.main import main
from app.profiles.registry import SHANGHAI
from app.store import storage


def test_the_shanghai_sample_prints_its_9_tables_and_checks_clean(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "putuo.budget"
    assert main(["sample", "--profile", "shanghai", str(path)]) == 0
    assert storage.load(path).settings.profile == "shanghai"
    capsys.readouterr()
    assert main(["tables", str(path)]) == 0
    out = capsys.readouterr().out
    for title in SHANGHAI.titles(2026):
        assert title in out
    assert "预算公开表" not in out  # no Shanxi caption
    assert main(["tables", str(path), "--table", "9"]) == 0
    assert "182.65" in capsys.readouterr().out  # 机关运行经费, in 万元
    assert main(["check", str(path)]) == 0, capsys.readouterr().out
    assert "错误 0 项" in capsys.readouterr().out


def test_an_unknown_profile_is_one_chinese_line(tmp_path: Path,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["sample", "--profile", "beijing", str(tmp_path / "x.budget")]) == 2
    err = capsys.readouterr().err
    assert "没有模板“beijing”" in err and "Traceback" not in err
    assert not (tmp_path / "x.budget").exists()


def test_template_profile_and_data_round_trip_on_the_command_line(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """template --profile gives Shanghai's workbook; export --data → import gives the file back."""
    import openpyxl

    blank = tmp_path / "t.xlsx"
    assert main(["template", "-o", str(blank), "--year", "2026", "--profile", "shanghai"]) == 0
    assert "上海市" in capsys.readouterr().out
    assert "项目经费情况说明" in openpyxl.load_workbook(blank).sheetnames
    assert main(["template", "-o", str(blank), "--profile", "beijing"]) == 2
    assert "没有模板“beijing”" in capsys.readouterr().err
    path, data, back = tmp_path / "putuo.budget", tmp_path / "d.xlsx", tmp_path / "back.budget"
    assert main(["sample", "--profile", "shanghai", str(path)]) == 0
    assert main(["export", str(path), "--data", "-o", str(data)]) == 0
    assert main(["import", str(data), "-o", str(back)]) == 0
    from app.core.identity import with_ids

    assert storage.load(back) == with_ids(storage.load(path))  # the import gives projects ids
    capsys.readouterr()
    assert main(["tables", str(back)]) == 0
    assert "2026年部门“三公”经费和机关运行经费预算表" in capsys.readouterr().out
