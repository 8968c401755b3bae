"""`budget-desk check` and `budget-desk accept` on real budget files: output and exit codes."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from app.cli.main import main
from app.core.records import Budget
from app.store import storage
from tests.helpers import forkrun
from tests.helpers.edit import put
from tests.helpers.paths import ROOT

# 晋城市科学技术发展中心 (事业) with a 502 line: a 错误 a province's rule might allow
WRONG_PLACE = "basic_economic/17/gov"


@pytest.fixture
def wrong(sample: Budget, tmp_path: Path) -> Path:
    assert sample.basic_economic[17].unit == "108003" and sample.basic_economic[17].dept == "30201"
    path = tmp_path / "wrong.budget"
    storage.save(put(sample, "basic_economic.17.gov", "50201"), path)
    return path


def test_sample_passes(sample: Budget, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "s.budget"
    storage.save(sample, path)
    assert main(["check", str(path)]) == 0
    out = capsys.readouterr().out
    # 27 for the department's document, 8 for its units' (the sample publishes them, issue 19:
    # 3 target-form footers, 3 office areas and 2 procurements of 0 to confirm)
    assert "错误 0 项，已接受的错误 0 项，提示 35 项。" in out
    assert "【提示】35 项" in out and "【错误】" not in out
    assert out.count("单位“晋城市科学技术研究院”的单位预算公开") == 3
    assert "可以生成公开文件" in out


def test_errors_exit_1_with_their_place(wrong: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", str(wrong)]) == 1
    out = capsys.readouterr().out
    assert "【错误】1 项" in out
    assert "基本支出（经济分类） 第18行「晋城市科学技术发展中心 30201/50201」 政府预算支出经济分类" in out
    assert f"检查：unit-kind（机关运行经费只属行政和参公单位）  位置：{WRONG_PLACE}" in out
    assert out.index("【错误】") < out.index("【提示】")


def test_unreadable_files_exit_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    junk = tmp_path / "junk.budget"
    junk.write_bytes(b"not a budget file at all")
    assert main(["check", str(junk)]) == 2
    assert main(["check", str(tmp_path / "missing.budget")]) == 2
    assert "budget-desk:" in capsys.readouterr().err


def test_accept_with_reason_unblocks(wrong: Path, capsys: pytest.CaptureFixture[str]) -> None:
    reason = "本省规定事业单位公用经费按机关口径编报"
    assert main(["accept", str(wrong), "unit-kind", WRONG_PLACE, "--reason", reason]) == 0
    [kept] = storage.load(wrong).acceptances
    assert (kept.check, kept.location, kept.reason) == ("unit-kind", WRONG_PLACE, reason)
    capsys.readouterr()
    assert main(["check", str(wrong)]) == 0
    out = capsys.readouterr().out
    assert "【已接受的错误】1 项" in out and f"接受理由：{reason}" in out
    assert main(["accept", str(wrong), "--list"]) == 0
    listed = capsys.readouterr().out
    assert "已接受的错误 1 项" in listed and reason in listed and "502 机关商品和服务支出" in listed
    assert main(["accept", str(wrong), "unit-kind", WRONG_PLACE, "--withdraw"]) == 0
    assert storage.load(wrong).acceptances == ()
    assert main(["check", str(wrong)]) == 1


def test_accept_refuses_what_it_cannot_keep(wrong: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["accept", str(wrong), "unit-kind", WRONG_PLACE]) == 2
    assert "--reason" in capsys.readouterr().err
    assert main(["accept", str(wrong), "unit-kind", "basic_economic/0/gov", "--reason", "x"]) == 2
    assert "当前没有" in capsys.readouterr().err
    assert main(["accept", str(wrong), "periods", "targets/1/indicators.15.level3",
                 "--reason", "x"]) == 2
    assert "提示" in capsys.readouterr().err
    assert storage.load(wrong).acceptances == ()


def test_stale_acceptances_are_listed(wrong: Path, sample: Budget,
                                      capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["accept", str(wrong), "unit-kind", WRONG_PLACE, "--reason", "本省口径"]) == 0
    fixed = put(storage.load(wrong), "basic_economic.17.gov", "50502")
    storage.save(fixed, wrong)
    capsys.readouterr()
    assert main(["check", str(wrong)]) == 0
    assert "现已不存在" in capsys.readouterr().out
    assert main(["accept", str(wrong), "--list"]) == 0
    assert "（这项错误现已不存在）" in capsys.readouterr().out


def test_python_m_app_cli_reports_plainly(wrong: Path) -> None:
    """Run as `python -m app.cli`: a user's mistake is one line on stderr and exit 2, no traceback."""
    run = subprocess.run(
        [sys.executable, "-m", "app.cli", "accept", str(wrong), "unit-kind", "x//", "--reason", "r"],
        capture_output=True, text=True, cwd=ROOT, check=False)
    assert run.returncode == 2
    assert run.stderr.startswith("budget-desk: 当前没有检查“unit-kind”") and "Traceback" not in run.stderr
    # its exit status in a process of its own (forked: the interpreter's start is the run's above)
    check = forkrun.run(["check", str(wrong)], cwd=ROOT)
    assert check.returncode == 1 and "【错误】1 项" in check.stdout
