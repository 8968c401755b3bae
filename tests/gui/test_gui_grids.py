"""Indicator grids as a user works them: right click → 插入行/删除行/复制/粘贴, Delete clearing a
row (never printed as a blank row), scroll positions reset when another project is shown."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from app.core.records import Budget, Period
from app.store import storage
from tests.gui.conftest import shown
from tests.gui.test_gui_identity import session as session  # the file fixture
from tests.helpers.pdfpages import open_pages
from tests.helpers.pdftext import page_texts


def right_click(qtbot: Any, grid: Any, row: int, column: int, item: str) -> None:
    """Right click a cell and click an item of the menu that opens."""
    from forms.qt import QApplication, QContextMenuEvent, Qt

    index = grid.model().index(row, column)
    grid.scrollTo(index)
    viewport = grid.viewport()
    pos = grid.visualRect(index).center()
    # the right button goes down; the window system then asks for the context menu there
    qtbot.mousePress(viewport, Qt.MouseButton.RightButton, pos=pos)
    QApplication.sendEvent(viewport, QContextMenuEvent(QContextMenuEvent.Reason.Mouse, pos,
                                                       viewport.mapToGlobal(pos)))
    qtbot.mouseRelease(viewport, Qt.MouseButton.RightButton, pos=pos)
    menu = grid.menu
    qtbot.waitUntil(menu.isVisible)
    action = next(a for a in menu.actions() if a.text() == item)
    assert action.isEnabled(), item
    qtbot.mouseClick(menu, Qt.MouseButton.LeftButton, pos=menu.actionGeometry(action).center())
    qtbot.waitUntil(lambda: not menu.isVisible())


@pytest.fixture
def step(qtbot: Any, session: Any) -> Iterator[Any]:
    from forms.steps.projects import ProjectsStep

    page = shown(qtbot, ProjectsStep(session))
    grid = page.panel.grid
    qtbot.mouseClick(grid.viewport(), _left(), pos=grid.visualRect(grid.model().index(0, 1)).center())
    page.editor.setCurrentIndex(2)
    yield page


def _left() -> Any:
    from forms.qt import Qt

    return Qt.MouseButton.LeftButton


def level3(model: Any) -> int:
    return next(c for c, f in enumerate(model.fields) if f.path == "level3")


def file_indicators(session: Any, period: Period) -> list[Any]:
    budget = storage.load(session.path)
    project = budget.projects[0]
    form = budget.form_of(project)
    return [i for i in form.indicators if i.period == period]


def test_right_click_inserts_and_deletes_one_indicator(qtbot: Any, session: Any, step: Any) -> None:
    grid = step.editor.grids[Period.IMPLEMENTATION]
    model = grid.model()
    before = list(model.records)
    assert step.editor.key == session.budget.projects[0].id and len(before) > 3
    right_click(qtbot, grid, 1, level3(model), "插入行")
    rows = file_indicators(session, Period.IMPLEMENTATION)
    assert len(rows) == len(before) + 1 and rows[2:] == before[1:] and rows[0] == before[0]
    # the new row joins the group of the row it was inserted above, empty
    assert (rows[1].level1, rows[1].level2, rows[1].level3, rows[1].value) == \
        (before[1].level1, before[1].level2, "", "")
    assert grid.currentIndex().row() == 1
    right_click(qtbot, grid, 1, level3(model), "删除行")
    assert file_indicators(session, Period.IMPLEMENTATION) == before
    right_click(qtbot, grid, 2, level3(model), "删除行")
    assert file_indicators(session, Period.IMPLEMENTATION) == before[:2] + before[3:]
    session.undo.undo()
    assert file_indicators(session, Period.IMPLEMENTATION) == before
    assert not session.failures


def test_copy_and_paste_from_the_menu(qtbot: Any, session: Any, step: Any) -> None:
    from forms.qt import QApplication

    grid = step.editor.grids[Period.ANNUAL]
    model = grid.model()
    column = level3(model)
    first = model.records[0].level3
    right_click(qtbot, grid, 0, column, "复制")
    assert QApplication.clipboard().text() == first
    right_click(qtbot, grid, 2, column, "粘贴")
    assert file_indicators(session, Period.ANNUAL)[2].level3 == first


def pdf_words(budget: Budget, path: Path) -> tuple[str, int]:
    """The text of the PDF (without blanks) and the count of horizontal rules of its form pages."""
    from reports.pdf import write_pdf

    write_pdf(budget, path)
    texts = page_texts(path)
    rules = 0
    with open_pages(path) as pages:  # the rules' geometry: only the form pages
        for page, text in zip(pages, texts, strict=True):
            if "绩效指标" in text:
                rules += sum(1 for e in page.edges if abs(e["top"] - e["bottom"]) < 0.5)
    return re.sub(r"\s", "", "".join(texts)), rules


def test_a_cleared_indicator_is_kept_in_the_file_but_never_printed(
        qtbot: Any, session: Any, step: Any, tmp_path: Path) -> None:
    from forms.qt import QItemSelectionModel, Qt

    grid = step.editor.grids[Period.IMPLEMENTATION]
    model = grid.model()
    gone = model.records[2]
    assert gone.level3 and gone.value
    # select the row's cells and press Delete, as in Excel
    grid.setFocus()
    grid.setCurrentIndex(model.index(2, 0))
    grid.selectionModel().select(model.index(2, 0), QItemSelectionModel.SelectionFlag.Rows
                                 | QItemSelectionModel.SelectionFlag.ClearAndSelect)
    qtbot.keyClick(grid, Qt.Key.Key_Delete)
    cleared = storage.load(session.path)
    row = file_indicators(session, Period.IMPLEMENTATION)[2]
    # decided: the row stays in the file (the grid shows it, typing fills it again)…
    assert (row.level1, row.level2, row.level3, row.value) == (gone.level1, gone.level2, "", "")
    # …and the PDF prints exactly what it prints with the row deleted
    right_click(qtbot, grid, 2, level3(model), "删除行")
    deleted = storage.load(session.path)
    only = cleared.targets.index(cleared.form_of(cleared.projects[0]))

    def one_form(b: Budget) -> Budget:
        return replace(b, targets=(b.targets[only],))

    text_cleared, rules_cleared = pdf_words(one_form(cleared), tmp_path / "cleared.pdf")
    text_deleted, rules_deleted = pdf_words(one_form(deleted), tmp_path / "deleted.pdf")
    # printed only where the other period still has it (the text is read in drawing order, so
    # each cell's text is whole)
    kept = sum(1 for i in one_form(cleared).targets[0].indicators if i.level3 == gone.level3)
    assert text_cleared.count(re.sub(r"\s", "", gone.level3)) == kept
    assert text_cleared == text_deleted and rules_cleared == rules_deleted > 0


def test_another_project_is_shown_from_its_top(qtbot: Any, session: Any, step: Any) -> None:
    from forms.qt import QApplication, QKeySequence

    step.resize(700, 560)
    editor = step.editor
    grid = editor.grids[Period.IMPLEMENTATION]
    model = grid.model()
    qtbot.waitUntil(lambda: grid.verticalScrollBar().maximum() > 0)
    grid.setCurrentIndex(model.index(model.rowCount() - 1, level3(model)))
    grid.scrollTo(grid.currentIndex())
    grid.horizontalScrollBar().setValue(grid.horizontalScrollBar().maximum())
    assert grid.verticalScrollBar().value() > 0
    editor.setCurrentIndex(1)
    texts = editor.texts.verticalScrollBar()
    qtbot.waitUntil(lambda: texts.maximum() > 0)
    texts.setValue(texts.maximum())
    # the user clicks the second project
    projects = step.panel.grid
    qtbot.mouseClick(projects.viewport(), _left(),
                     pos=projects.visualRect(projects.model().index(1, 1)).center())
    assert editor.key == session.budget.projects[1].id
    assert texts.value() == 0
    for g in editor.grids.values():
        assert g.verticalScrollBar().value() == 0 and g.horizontalScrollBar().value() == 0
        assert (g.currentIndex().row(), g.currentIndex().column()) == (0, 0)
    # a paste lands in the first cell, where the user sees it
    editor.setCurrentIndex(2)
    QApplication.clipboard().setText("产出指标\t数量指标\t新指标\t≥1项")
    grid.setFocus()
    qtbot.keySequence(grid, QKeySequence.StandardKey.Paste)
    budget = session.budget
    first = budget.form_of(budget.projects[1]).indicators[0]
    assert (first.level3, first.value) == ("新指标", "≥1项")
