"""`budget-desk --self-test`: passes on a complete copy, and any broken step makes it fail."""

from __future__ import annotations

import argparse
import dataclasses
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from app.cli import selftest
from app.core.records import Budget
from tests.helpers.paths import ROOT


def run(capsys: pytest.CaptureFixture[str]) -> tuple[int, list[str]]:
    code = selftest.run(argparse.Namespace(self_test=True))
    return code, capsys.readouterr().out.splitlines()


def upto(name: str) -> int:
    """The number of steps up to and including the named one (a test of one step's failure
    runs the steps it needs, not those after it)."""
    return [n for n, _ in selftest.STEPS].index(name) + 1


def step_lines(lines: list[str]) -> dict[str, str]:
    """Step name → its mark (✓ or ✗), from the report."""
    marks = {}
    for line in lines:
        for name, _ in selftest.STEPS:
            if line[2:].startswith(name + "（"):
                marks[name] = line[0]
    return marks


def changed(budget: Budget) -> Budget:
    """The budget with its first project's first amount raised by 10,000 元 (1 万元)."""
    project = budget.projects[0]
    amounts = project.amounts
    first = dataclasses.fields(amounts)[0].name
    amounts = dataclasses.replace(amounts, **{first: getattr(amounts, first) + 10000})
    return dataclasses.replace(budget, projects=(dataclasses.replace(project, amounts=amounts),
                                                 *budget.projects[1:]))


@pytest.fixture(scope="module")
def command_line() -> subprocess.CompletedProcess[str]:
    """`python -m app.cli --self-test` run once for the two tests that read its report: the
    complete copy's run is the command line's own (issue 21: the same steps were run in this
    process too, for the same report)."""
    return subprocess.run([sys.executable, "-m", "app.cli", "--self-test"], cwd=ROOT,
                          capture_output=True, text=True, encoding="utf-8")


def test_every_step_passes_on_a_complete_copy(command_line: subprocess.CompletedProcess[str]) -> None:
    code, lines = command_line.returncode, command_line.stdout.splitlines()
    marks = step_lines(lines)
    assert marks == {name: "✓" for name, _ in selftest.STEPS}, "\n".join(lines)
    assert code == 0
    assert lines[-1].startswith("自检通过")


def test_the_command_line_runs_it(command_line: subprocess.CompletedProcess[str]) -> None:
    out = command_line
    assert out.returncode == 0, out.stdout + out.stderr
    assert out.stdout.count("✓") == len(selftest.STEPS)
    assert "生成并读回 PDF" in out.stdout


def test_a_missing_module_fails_its_step_and_the_rest_still_run(
        capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "reports.pdf", None)  # import raises ModuleNotFoundError
    code, lines = run(capsys)
    marks = step_lines(lines)
    assert code == 1
    assert marks["生成并读回 PDF"] == "✗"
    assert marks["生成并读回公开表 Excel"] == "✓"
    assert "reports.pdf" in next(line for line in lines if "生成并读回 PDF" in line)
    assert lines[-1] == f"自检未通过：1 / {len(selftest.STEPS)} 步失败。"


def test_a_file_read_back_wrong_fails(
        capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    from app.store import storage

    load = storage.load
    monkeypatch.setattr(storage, "load", lambda path: changed(load(path)))
    monkeypatch.setattr(selftest, "STEPS", selftest.STEPS[:3])
    code, lines = run(capsys)
    marks = step_lines(lines)
    assert code == 1
    assert marks == {"写出示例预算文件": "✓", "读回预算文件": "✗", "生成公开表": "✗"}
    assert "预算公开表12" in next(line for line in lines if "生成公开表" in line)


def test_a_pdf_with_a_wrong_figure_fails(
        capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    import reports.pdf

    write_pdf = reports.pdf.write_pdf

    def wrong(budget: Budget, out: Path, **options: Any) -> None:
        write_pdf(changed(budget), out, **options)

    monkeypatch.setattr(reports.pdf, "write_pdf", wrong)
    # the steps up to the PDF's (those after it are test_a_missing_module's "the rest still run")
    monkeypatch.setattr(selftest, "STEPS", selftest.STEPS[:upto("生成并读回 PDF")])
    code, lines = run(capsys)
    line = next(line for line in lines if "生成并读回 PDF" in line)
    assert code == 1
    assert line.startswith("✗") and "找不到这些行" in line


def test_a_workbook_missing_a_table_fails(
        capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    import reports.excel_tables

    tables_workbook = reports.excel_tables.tables_workbook
    monkeypatch.setattr(reports.excel_tables, "tables_workbook", lambda tables: tables_workbook(tables[:-1]))
    monkeypatch.setattr(selftest, "STEPS", [s for s in selftest.STEPS[:upto("生成并读回公开表 Excel")]
                                            if "PDF" not in s[0]])
    code, lines = run(capsys)
    line = next(line for line in lines if "公开表 Excel" in line)
    assert code == 1
    assert line.startswith("✗") and "预算公开表13" in line


def test_no_registered_checks_fails(
        capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    from app.checks import registry as checks

    monkeypatch.setattr(checks, "CHECKS", [])
    monkeypatch.setattr(selftest, "STEPS", selftest.STEPS[:4])
    code, lines = run(capsys)
    assert code == 1
    assert step_lines(lines)["审核"] == "✗"


def test_an_unforeseen_error_is_reported_with_its_place(
        capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(ctx: selftest.Context) -> str:
        raise KeyError("表")

    monkeypatch.setattr(selftest, "STEPS", [("坏步骤", broken), *selftest.STEPS[:1]])
    code, lines = run(capsys)
    assert code == 1
    assert lines[1].startswith("✗ 坏步骤") and "KeyError" in lines[1] and "test_selftest.py:" in lines[1]
    assert lines[2].startswith("✓ 写出示例预算文件")


def test_no_tables_to_compare_fails_the_steps_that_compare(
        capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    import app.profiles.shanxi.tables

    monkeypatch.setattr(app.profiles.shanxi.tables, "build_tables", lambda budget, catalog=None: ())
    monkeypatch.setattr(selftest, "STEPS", selftest.STEPS[:upto("生成并读回公开表 Excel")])
    code, lines = run(capsys)
    marks = step_lines(lines)
    assert code == 1
    assert marks["生成公开表"] == marks["生成并读回 PDF"] == marks["生成并读回公开表 Excel"] == "✗"
    assert "没有可对照的公开表" in next(line for line in lines if "生成并读回 PDF" in line)
