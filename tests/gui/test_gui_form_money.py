"""Step 5: a project's target form starts with the project's money (no typing), and follows
the project's amounts while its money is not typed over."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal
from pathlib import Path
from typing import Any

from app.core.records import Budget, FormFunds
from tests.gui.conftest import shown
from tests.gui.test_gui_flow import type_cell


def column(page: Any, label: str) -> int:
    return next(c for c, f in enumerate(page.panel.model.fields) if f.label == label)


def test_a_projects_new_form_has_its_money_and_follows_it(
        qtbot: Any, qapp: Any, tmp_path: Path, sample: Budget) -> None:
    from forms.qt import QSettings
    from forms.session import Session
    from forms.steps.projects import ProjectsStep

    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path / "s"))
    session = Session.create(replace(sample, targets=()), tmp_path / "no-forms.budget")
    try:
        page = shown(qtbot, ProjectsStep(session))
        grid = page.panel.grid
        grid.setCurrentIndex(grid.model().index(0, 1))
        project = session.budget.projects[0]
        money = project.amounts.total
        assert money and page.editor.key == project.id
        editor = page.editor
        # shown before anything is typed: 年度 市县 the project's money, the check content
        assert editor.funds.data(editor.funds.index(1, 2)) == f"{money:,.2f}"
        assert editor.funds.data(editor.funds.index(0, 2)) == f"{money:,.2f}"
        assert "一致" in editor.check.text() and "不一致" not in editor.check.text()

        # the form is made by the first thing typed into it, with that money
        editor.setCurrentIndex(0)
        type_cell(qtbot, editor.funds_grid, 0, 5 - 1, "0")  # 实施期 其他 0: a form now exists
        form = session.budget.form_of(session.budget.projects[0])
        assert form is not None and form.annual == FormFunds(local=money)

        # the project's amount changed: the untouched 年度 money follows it
        type_cell(qtbot, grid, 0, column(page, "本年一般公共预算"), "300000")
        grid.setCurrentIndex(grid.model().index(0, 1))  # Enter went down a row: back
        form = session.budget.form_of(session.budget.projects[0])
        assert form is not None and form.annual == FormFunds(local=Decimal("300000.00"))
        assert "一致" in editor.check.text() and "不一致" not in editor.check.text()
        session.undo.undo()  # one edit: the project and its form together
        assert editor.key == session.budget.projects[0].id
        form = session.budget.form_of(session.budget.projects[0])
        assert form is not None and form.annual == FormFunds(local=money)

        # money typed into the form stays when the project's amount changes again
        type_cell(qtbot, editor.funds_grid, 1, 0, "1000")
        typed = session.budget.form_of(session.budget.projects[0])
        assert typed is not None and typed.annual.central == Decimal("1000.00")
        type_cell(qtbot, grid, 0, column(page, "本年一般公共预算"), "400000")
        grid.setCurrentIndex(grid.model().index(0, 1))
        kept = session.budget.form_of(session.budget.projects[0])
        assert kept is not None and kept.annual == typed.annual
        assert "不一致" in editor.check.text()
    finally:
        session.close()


def test_the_projects_grid_can_take_most_of_a_laptops_window(
        make_window: Any, tmp_path: Path, sample: Budget) -> None:
    """At 1366×768 the splitter under the projects' grid could go no further than 10 rows: the
    form's header fields held it. They scroll now; in the bundled font (what a user sees, and
    what makes this test the same alone or after others) the grid takes 14 rows and more."""
    from forms.qt import QScrollArea, QSplitter

    window = make_window(font=True)
    window.create_file(sample, tmp_path / "s.budget")
    page = window.editor.go(5)
    split = page.findChild(QSplitter)
    split.setSizes([10_000, 1])
    grid = page.panel.grid
    assert grid.height() >= 14 * grid.verticalHeader().defaultSectionSize()
    header = page.editor.widget(0)
    assert isinstance(header, QScrollArea) and header.widget().findChildren(type(page.editor.title))


def test_the_projects_grid_comes_first_and_keeps_where_it_was_dragged(
        make_window: Any, tmp_path: Path, sample: Budget, qtbot: Any) -> None:
    """Opened at 1366×768 the grid got an even share with the greyed form below (six rows);
    it now takes the larger part, and where the user drags the line is where the next window
    puts it."""
    from PySide6.QtCore import QPoint, Qt

    window = make_window(settings=True, font=True)
    window.create_file(sample, tmp_path / "s.budget")
    page = window.editor.go(5)
    qtbot.wait(10)
    grid = page.panel.grid
    rows = grid.verticalHeader().defaultSectionSize()
    assert grid.height() >= 8 * rows
    before = page.split.sizes()
    handle = page.split.handle(1)
    start = QPoint(handle.width() // 2, handle.height() // 2)
    qtbot.mousePress(handle, Qt.MouseButton.LeftButton, pos=start)
    qtbot.mouseMove(handle, start + QPoint(0, -100))
    qtbot.mouseRelease(handle, Qt.MouseButton.LeftButton, pos=start + QPoint(0, -100))
    dragged = page.split.sizes()
    assert before[0] - 110 <= dragged[0] <= before[0] - 90
    window.close()
    try:
        again = make_window(settings=True, font=True)
        again.open_path(tmp_path / "s.budget")
        other = again.editor.go(5)
        qtbot.wait(10)
        assert other.split.sizes() == dragged
    finally:  # the settings' path stays set for this process's later windows
        from forms.qt import QSettings
        from forms.steps.projects import SPLIT_KEY

        QSettings().remove(SPLIT_KEY)
