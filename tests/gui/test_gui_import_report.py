"""导入Excel from the 13 tables, as the window shows its report: what was guessed and what is left
to do in sight (not 13 lines of what each table held), and a report that says what the file
holds after the user chose the projects' kind."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from app.compute.tabledef import Table
from app.core.records import ProjectKind
from tests.helpers.table_workbook import write_workbook

pytestmark = pytest.mark.gui


def test_report_after_choosing_the_kind(qtbot: QtBot, make_window: Callable[..., Any],
                                        sample_tables: tuple[Table, ...], tmp_path: Path,
                                        monkeypatch: pytest.MonkeyPatch) -> None:
    import forms.main_window as main_window
    from forms.importing import ImportRunner
    from forms.qt import QInputDialog, QMessageBox

    window = make_window(settings=True, told=True)
    boxes: list[tuple[QMessageBox.Icon, str, str]] = []
    monkeypatch.setattr(QMessageBox, "exec",
                        lambda box: boxes.append((box.icon(), box.text(), box.detailedText())))
    monkeypatch.setattr(QInputDialog, "getItem", lambda *a, **k: ("其他运转类", True))
    window.ask_new_path = lambda budget: str(tmp_path / "new.budget")
    path = write_workbook(sample_tables, tmp_path / "t.xlsx")
    window.importer = ImportRunner(window, path, main_window.import_excel, window.imported)
    qtbot.waitUntil(lambda: bool(boxes or window.told), timeout=60_000)
    budget = window.session.budget
    assert {p.kind for p in budget.projects} == {ProjectKind.OPERATING}
    assert not [g for g in budget.settings.guesses if g.startswith("projects/") and g.endswith("/kind")]
    assert window.told == [] and len(boxes) == 1
    icon, text, whole = boxes[0]
    assert icon == QMessageBox.Icon.Information  # it worked: no warning sign
    # the report is the one of the file: no kind guessed by name, its count of guesses true
    assert "按名称推定" not in whole
    assert f"共涉及 {len(budget.settings.guesses)} 处" in whole
    # the message itself shows each part, the guesses and the to-do list among them
    assert "【表中没有、由程序推定的内容（请确认）】" in text
    assert "【审核（第9步）将报告的内容" in text  # the window runs 审核 in step 9
    assert "【核对结果】" in text
    assert len(text.splitlines()) < 25


def test_summary_keeps_each_part_and_counts_the_rest() -> None:
    from forms.main_window import report_summary

    report = "\n".join(["【从各表读取的内容】", *(f"  表{n}：{n} 行。" for n in range(1, 14)),
                        "", "【表中没有、由程序推定的内容（请确认）】",
                        *(f"  {n}. 推定{n}" for n in range(1, 6)),
                        "", "【核对结果】", "  13 张表与原表逐数一致。"])
    assert report_summary(report).splitlines() == [
        "【从各表读取的内容】", "  表1：1 行。", "  表2：2 行。", "  表3：3 行。",
        "  ……（共 13 条，见“显示详细信息”）",
        "【表中没有、由程序推定的内容（请确认）】", "  1. 推定1", "  2. 推定2", "  3. 推定3",
        "  ……（共 5 条，见“显示详细信息”）",
        "【核对结果】", "  13 张表与原表逐数一致。"]
    # a line as long as the kinds of 100 units is cut (the whole stays under 显示详细信息)
    units = "  1. 单位性质：" + "；".join(f"第{n}单位：事业" for n in range(1, 101)) + "。"
    short = report_summary("\n".join(["【表中没有、由程序推定的内容（请确认）】", units]))
    assert short.splitlines()[1] == units[:360] + "……（全文见“显示详细信息”）"
