"""Excel habits that used to damage the budget: pasting names, deleting with a selection.

Driven as a user would: the clipboard filled and Ctrl+V sent, keys typed, buttons clicked.
"""

from __future__ import annotations

from typing import Any

import pytest

from app.profiles.shanxi.tables import build_tables
from tests.gui.conftest import shown
from tests.gui.test_gui_flow import type_cell


@pytest.fixture
def session(session: Any) -> Any:
    """The shared session, keeping every failure it reports in session.failures."""
    session.failures = []
    session.failed.connect(session.failures.append)
    return session


def paste(qtbot: Any, grid: Any, row: int, column: int, text: str) -> None:
    from forms.qt import QApplication, QKeySequence

    QApplication.clipboard().setText(text)
    grid.setFocus()
    grid.setCurrentIndex(grid.model().index(row, column))
    qtbot.keySequence(grid, QKeySequence.StandardKey.Paste)


def column(page: Any, label: str) -> int:
    return next(c for c, f in enumerate(page.panel.model.fields) if f.label == label)


def test_pasted_project_name_and_unit_keep_the_target_form(qtbot: Any, session: Any) -> None:
    from forms.steps.projects import ProjectsStep

    page = shown(qtbot, ProjectsStep(session))
    before = session.budget
    project = before.projects[0]
    form = before.form_of(project)
    assert form is not None and form.indicators
    paste(qtbot, page.panel.grid, 0, column(page, "项目名称"), "改过名的项目\n")
    paste(qtbot, page.panel.grid, 0, column(page, "单位"), "晋城市科学技术研究院\n")
    after = session.budget
    moved = after.projects[0]
    assert (moved.unit, moved.name, moved.id) == ("108002", "改过名的项目", project.id)
    kept = after.target("108002", "改过名的项目")
    assert kept is not None and kept.indicators == form.indicators
    assert (kept.unit, kept.project) == ("108002", "改过名的项目")  # the form's copy follows
    assert len(after.targets) == len(before.targets)
    assert page.editor.key == project.id and page.editor.title.text() == "改过名的项目"
    session.undo.undo()
    session.undo.undo()
    assert session.budget == before


def test_pasted_unit_names_are_the_units_and_table_11_is_unchanged(qtbot: Any, session: Any) -> None:
    from forms.steps.money import BasicEconomicStep

    page = shown(qtbot, BasicEconomicStep(session))
    before = session.budget
    names = {u.code: u.name for u in before.units}
    # the 单位 column as a spreadsheet holds it: names, one a line
    text = "".join(f"{names[line.unit]}\n" for line in before.basic_economic)
    # first make every row another unit's, then paste the names back over all of them
    type_cell(qtbot, page.panel.grid, 0, column(page, "单位"), "晋城市科学技术研究院")
    assert session.budget.basic_economic[0].unit == "108002"
    paste(qtbot, page.panel.grid, 0, column(page, "单位"), text)
    assert not session.failures
    assert [line.unit for line in session.budget.basic_economic] == \
        [line.unit for line in before.basic_economic]
    assert build_tables(session.budget)[10] == build_tables(before)[10]
    assert build_tables(before)[10].rows  # table 11 has unit rows to compare


def test_unknown_unit_names_are_refused_in_the_cell(qtbot: Any, session: Any) -> None:
    from forms.steps.money import BasicFunctionStep

    page = shown(qtbot, BasicFunctionStep(session))
    before = session.budget
    type_cell(qtbot, page.panel.grid, 0, column(page, "单位"), "某市统计局")
    assert session.failures[-1] == "第1行 单位：单位“某市统计局”不在“单位”表中"
    paste(qtbot, page.panel.grid, 1, column(page, "单位"), "某市统计局\n")
    assert session.failures[-1].endswith("第2行 单位：单位“某市统计局”不在“单位”表中")
    assert session.budget == before


def button(page: Any, text: str) -> Any:
    from forms.qt import QPushButton

    return next(b for b in page.findChildren(QPushButton) if b.text() == text and b.isVisible())


def test_delete_with_an_indicator_selected_deletes_that_indicator(qtbot: Any, session: Any) -> None:
    from app.core.records import Period
    from forms.qt import QItemSelectionModel, Qt
    from forms.steps.projects import ProjectsStep

    page = shown(qtbot, ProjectsStep(session))
    project = session.budget.projects[0]
    form = session.budget.form_of(project)
    page.panel.grid.setCurrentIndex(page.model.index(0, 1))
    page.editor.setCurrentIndex(2)
    grid = page.editor.grids[Period.ANNUAL]
    annual = [i for i in form.indicators if i.period == Period.ANNUAL]
    qtbot.mouseClick(grid.viewport(), Qt.MouseButton.LeftButton,
                     pos=grid.visualRect(grid.model().index(1, 2)).center())
    grid.selectionModel().select(grid.model().index(1, 2),
                                 QItemSelectionModel.SelectionFlag.ClearAndSelect)
    qtbot.mouseClick(button(page, "删除所选行"), Qt.MouseButton.LeftButton)
    after = session.budget
    assert len(after.projects) == len(session.undo.command(0).before.projects)
    left = [i for i in after.form_of(after.projects[0]).indicators if i.period == Period.ANNUAL]
    assert left == annual[:1] + annual[2:]


def answer(qtbot: Any, choice: str, seen: list[str]) -> None:
    """When the question comes, read it and click choice."""
    from forms.qt import QApplication, QMessageBox, QTimer

    def click() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(20, click)
            return
        seen.append(box.text())
        next(b for b in box.buttons() if b.text() == choice).click()

    QTimer.singleShot(0, click)


def test_deleting_a_project_with_a_form_asks_first(qtbot: Any, session: Any) -> None:
    from forms.qt import Qt
    from forms.steps.projects import ProjectsStep

    page = shown(qtbot, ProjectsStep(session))
    before = session.budget
    project = before.projects[0]
    qtbot.mouseClick(page.panel.grid.viewport(), Qt.MouseButton.LeftButton,
                     pos=page.panel.grid.visualRect(page.model.index(0, 1)).center())
    seen: list[str] = []
    answer(qtbot, "取消", seen)
    qtbot.mouseClick(button(page, "删除所选行"), Qt.MouseButton.LeftButton)
    assert session.budget == before
    assert f"「{project.name}」" in seen[0] and "绩效目标表" in seen[0] and "绩效指标" in seen[0]
    answer(qtbot, "删除", seen)
    qtbot.mouseClick(button(page, "删除所选行"), Qt.MouseButton.LeftButton)
    assert session.budget.project(project.id) is None
    assert len(session.budget.targets) == len(before.targets) - 1
    session.undo.undo()
    assert session.budget == before
    # a project without a form goes without a question
    bare = next(i for i, p in enumerate(before.projects) if before.form_of(p) is None)
    page.panel.grid.setCurrentIndex(page.model.index(bare, 1))
    page.panel.grid.setFocus()
    qtbot.mouseClick(button(page, "删除所选行"), Qt.MouseButton.LeftButton)
    assert len(session.budget.projects) == len(before.projects) - 1
    assert len(seen) == 2


def test_after_a_delete_the_form_below_is_the_project_now_in_the_row(qtbot: Any,
                                                                    session: Any) -> None:
    """The deleted project's row is taken by the next one, which stays highlighted: its target
    form is shown (it was left blank, and clicking the highlighted row did nothing)."""
    from PySide6.QtCore import QPoint

    from forms.qt import Qt
    from forms.steps.projects import ProjectsStep

    page = shown(qtbot, ProjectsStep(session))
    grid, header = page.panel.grid, page.panel.grid.verticalHeader()
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton,  # the row's number
                     pos=QPoint(5, header.sectionViewportPosition(1) + header.sectionSize(1) // 2))
    gone = session.budget.projects[1]
    assert grid.selected_rows() == [1] and page.editor.key == gone.id
    answer(qtbot, "删除", [])
    qtbot.mouseClick(button(page, "删除所选行"), Qt.MouseButton.LeftButton)
    assert session.budget.project(gone.id) is None
    now = session.budget.projects[grid.currentIndex().row()]
    assert page.editor.key == now.id and page.editor.isEnabled()
