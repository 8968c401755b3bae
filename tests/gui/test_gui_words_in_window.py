"""Words of the window that did not fit where they were shown: a money unit over a list without
money, a lone "-" for a department code not entered, an import report sending window users to
the command line."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from app.compute.tabledef import Table
from app.core.records import Budget
from app.imports.tables.report import CHECK, KIND_CHOICE
from tests.gui.conftest import shown
from tests.helpers.sample_import import sample_import
from tests.helpers.table_workbook import write_workbook

pytestmark = pytest.mark.gui


def test_the_units_list_names_no_money_unit(qtbot: QtBot, session: Any) -> None:
    from forms.steps.projects import ProjectsStep
    from forms.steps.units import UnitsStep

    units = shown(qtbot, UnitsStep(session))
    units.units.update_totals()
    assert "金额单位" not in units.units.hint.text()
    assert "在＊行输入即新增" in units.units.hint.text()
    projects = shown(qtbot, ProjectsStep(session))
    projects.panel.update_totals()
    assert f"金额单位：{session.unit}" in projects.panel.hint.text()  # money there: its unit


def test_the_form_department_placeholder_without_a_code(qtbot: QtBot, session: Any) -> None:
    from forms.steps.pdf_options import PdfOptions

    budget: Budget = session.budget
    session.apply("代码清空", replace(budget, department=replace(budget.department, code="")))
    options = shown(qtbot, PdfOptions(session))
    options.show_department(0)
    assert options.department.placeholderText() == budget.department.name
    session.undo.undo()
    options.show_department(0)
    assert options.department.placeholderText() == f"{budget.department.code}-{budget.department.name}"


def test_the_windows_import_report_speaks_of_the_window(
        qtbot: QtBot, make_window: Callable[..., Any], sample_tables: tuple[Table, ...],
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import forms.main_window as main_window
    from forms.importing import ImportRunner
    from forms.qt import QInputDialog, QMessageBox

    window = make_window(settings=True, told=True)
    boxes: list[tuple[str, str]] = []
    monkeypatch.setattr(QMessageBox, "exec",
                        lambda box: boxes.append((box.text(), box.detailedText())))
    # the kinds left as guesses: the report's line on them is the one worded per place
    monkeypatch.setattr(QInputDialog, "getItem", lambda *a, **k: (a[3][0], True))
    window.ask_new_path = lambda budget: str(tmp_path / "new.budget")
    path = write_workbook(sample_tables, tmp_path / "t.xlsx")
    window.importer = ImportRunner(window, path, main_window.import_excel, window.imported)
    qtbot.waitUntil(lambda: bool(boxes or window.told), timeout=60_000)
    assert window.told == [] and len(boxes) == 1
    text, whole = boxes[0]
    assert "按名称推定" in whole
    assert "--project-kind" not in whole and "budget-desk check" not in whole
    assert "第5步勾选“只看推测”逐项确认" in whole and "【审核（第9步）将报告的内容" in text


def test_the_command_keeps_its_words_and_the_window_has_its_own() -> None:
    report = sample_import().report
    command, window = report.text(), report.text(window=True)
    for placed in (CHECK, KIND_CHOICE):  # each phrase written once, in report.py
        assert placed.command in command and placed.window not in command
        assert placed.window in window and placed.command not in window
