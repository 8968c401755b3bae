"""The command line: sample, tables, and one-line errors with a non-zero exit."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from app.cli.main import main
from tests.helpers import forkrun
from tests.helpers.reference import reference_tables


def run(*args: str) -> subprocess.CompletedProcess[str]:
    """`python -m app.cli ARGS` in a process of its own, forked from the preloaded server: the
    one-line errors are the command's, not the interpreter's start (which the test below and
    test_cli_failures's each-command test run for real)."""
    return forkrun.run(args)


def test_sample_then_tables_prints_all_13(tmp_path: Path) -> None:
    path = tmp_path / "s.budget"
    assert main(["sample", str(path)]) == 0
    out = subprocess.run([sys.executable, "-m", "app.cli", "tables", str(path)],
                         capture_output=True, text=True, check=False)
    assert out.returncode == 0, out.stderr
    for n in range(1, 14):
        assert f"预算公开表{n}\n" in out.stdout + "\n"
    lines = out.stdout.splitlines()
    # every reference row with figures appears as one line with its figures in order
    for rows in reference_tables().values():
        for row in rows:
            figures = [c for c in row if c and c[0].isdigit() and "." in c]
            label = next((c for c in row if c and not c[0].isdigit()), "")
            if not figures or not label:
                continue
            assert any(label in line and _in_order(line, figures) for line in lines), row


def _in_order(line: str, figures: list[str]) -> bool:
    position = 0
    for figure in figures:
        position = line.find(figure, position)
        if position < 0:
            return False
        position += len(figure)
    return True


def test_single_table(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "s.budget"
    assert main(["sample", str(path)]) == 0
    capsys.readouterr()
    assert main(["tables", str(path), "--table", "11"]) == 0
    out = capsys.readouterr().out
    assert "预算公开表11" in out and "预算公开表10" not in out
    assert "部门合计" in out and "44.06" in out


@pytest.mark.parametrize("args, message", [
    (["tables", "/no/such/file.budget"], "找不到文件"),
    (["tables"], "参数错误"),
    (["frobnicate"], "参数错误"),
    (["tables", "{sample}", "--table", "14"], "1 到 13"),
    (["tables", "{junk}"], "不是预算文件"),
    (["sample", "{sample}"], "已存在"),
])
def test_errors_are_one_line_with_nonzero_exit(tmp_path: Path, args: list[str],
                                               message: str) -> None:
    sample = tmp_path / "s.budget"
    junk = tmp_path / "junk.budget"
    junk.write_text("not a budget", encoding="utf-8")
    assert main(["sample", str(sample)]) == 0  # in-process: only the failing command's own is tested
    out = run(*[a.format(sample=sample, junk=junk) for a in args])
    assert out.returncode != 0
    assert message in out.stderr
    assert len(out.stderr.strip().splitlines()) == 1, out.stderr
