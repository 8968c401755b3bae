"""A user's way through the steps, with keys and clicks, from a new file to the PDF."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from decimal import Decimal
from itertools import groupby
from pathlib import Path
from typing import Any

import pytest

from app.core.records import Period
from app.profiles.shanxi.tables import build_tables
from app.store import storage
from tests.helpers.pdftext import page_texts

pytestmark = pytest.mark.gui


@pytest.fixture
def window(make_window: Callable[..., Any], tmp_path: Path) -> Iterator[Any]:
    main = make_window(size=(1366, 768), settings=True, font=True)
    yield main


def keys(qtbot: Any, widget: Any, text: str) -> None:
    """Type text: ASCII as key clicks, Chinese as an input method commits it."""
    from forms.qt import QApplication, QInputMethodEvent

    for ascii_run, chars in groupby(text, key=str.isascii):
        run = "".join(chars)
        if ascii_run:
            qtbot.keyClicks(widget, run)
        else:
            event = QInputMethodEvent()
            event.setCommitString(run)
            QApplication.sendEvent(widget, event)


def type_cell(qtbot: Any, grid: Any, row: int, column: int, text: str) -> None:
    """Go to a cell, open it with F2 as a user would, type, and press Enter."""
    from forms.qt import QApplication, QComboBox, Qt, QWidget

    grid.setFocus()
    grid.setCurrentIndex(grid.model().index(row, column))
    qtbot.keyClick(grid, Qt.Key.Key_F2)
    editors = [w for w in grid.viewport().children() if isinstance(w, QWidget) and w.isVisible()]
    assert grid.state() == grid.State.EditingState and editors, f"no editor at {row},{column}"
    editor = editors[-1]
    if isinstance(editor, QComboBox):
        editor.setCurrentIndex(editor.findText(text, Qt.MatchFlag.MatchContains))
    else:
        editor.selectAll()
        keys(qtbot, editor, text)
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    QApplication.processEvents()  # the delegate commits on the next turn of the event loop
    if grid.state() == grid.State.EditingState:  # the first Enter chose from the code picker
        qtbot.keyClick(editor, Qt.Key.Key_Return)
        QApplication.processEvents()
    assert grid.state() != grid.State.EditingState


def test_new_file_to_pdf(window: Any, qtbot: Any, tmp_path: Path) -> None:
    from forms.qt import QApplication, Qt
    from forms.start import NewDialog
    from forms.steps.publish import PublishStep
    from forms.steps.target import TargetEditor

    # 新建: the dialog typed with the keyboard
    dialog = NewDialog(2026, window)
    keys(qtbot, dialog.name, "测试市统计局")
    keys(qtbot, dialog.code, "901")
    keys(qtbot, dialog.units, "901001 测试市统计局 行政")
    budget, errors = dialog.budget()
    assert budget is not None and not errors
    path = tmp_path / "统计局.budget"
    assert window.create_file(budget, path)
    editor = window.editor
    session = window.session

    # 1 units: a second unit typed into the blank row; Enter moves down as in Excel
    units = editor.go(1).units.grid
    type_cell(qtbot, units, 1, 0, "901002")
    assert units.currentIndex().row() == 2
    type_cell(qtbot, units, 1, 1, "测试市统计调查中心")
    type_cell(qtbot, units, 1, 2, "事业")
    assert [u.name for u in session.budget.units] == ["测试市统计局", "测试市统计调查中心"]

    # 2 income
    income = editor.go(2).grid
    type_cell(qtbot, income, 0, 0, "1,000,000")
    qtbot.waitUntil(lambda: "尚未安排" in window.figures.text())

    # 3 and 4: 基本支出 by function (the code picker takes the code) and by economic pair
    basic = editor.go(3).panel.grid
    type_cell(qtbot, basic, 0, 1, "2060101 行政运行")
    type_cell(qtbot, basic, 0, 4, "600000")
    economic = editor.go(4).panel.grid
    type_cell(qtbot, economic, 0, 1, "30101")
    type_cell(qtbot, economic, 0, 3, "50101")
    type_cell(qtbot, economic, 0, 6, "600000")
    line = session.budget.basic_economic[0]
    assert (line.unit, line.dept, line.gov, line.amount) == ("901001", "30101", "50101", Decimal("600000.00"))

    # 5 one project and its target form
    step5 = editor.go(5)
    grid = step5.panel.grid
    type_cell(qtbot, grid, 0, 1, "统计信息化建设")
    type_cell(qtbot, grid, 0, 2, "2060199")
    type_cell(qtbot, grid, 0, 5, "400000")
    grid.setCurrentIndex(grid.model().index(0, 1))
    form_editor: TargetEditor = step5.editor
    project = editor.session.budget.projects[0]
    assert (project.unit, project.name) == ("901001", "统计信息化建设")
    assert form_editor.key == project.id != ""
    type_cell(qtbot, form_editor.funds_grid, 1, 2, "400000")
    assert "一致" in form_editor.check.text()
    form_editor.setCurrentIndex(2)
    standard = next(b for b in form_editor.findChildren(type(window.start.buttons["new"]))
                if b.text().startswith("填入标准"))
    qtbot.mouseClick(standard, Qt.MouseButton.LeftButton)
    implementation = form_editor.grids[Period.IMPLEMENTATION]
    type_cell(qtbot, implementation, 0, 2, "系统建设数量")
    type_cell(qtbot, implementation, 0, 3, "≥1套")
    target = session.budget.target("901001", "统计信息化建设")
    assert target is not None and target.annual.local == Decimal("400000.00")
    assert target.indicators[0].value == "≥1套" and target.indicators[0].period == Period.IMPLEMENTATION

    # 8 texts, saved when the field is left
    texts = editor.go(8)
    duties = texts.fields["duties"]
    duties.setFocus()
    keys(qtbot, duties, "负责全市统计工作。")
    texts.fields["organization"].setFocus()
    qtbot.waitUntil(lambda: session.budget.texts.duties == "负责全市统计工作。")
    assert "负责全市统计工作。" in texts.preview.text()

    # undo and redo across steps
    session.undo.undo()
    assert session.budget.texts.duties == ""
    session.undo.redo()
    assert session.budget.texts.duties == "负责全市统计工作。"
    qtbot.waitUntil(lambda: "收支平衡" in window.figures.text())
    qtbot.waitUntil(lambda: "错误" in window.counts.text(), timeout=20000)  # checked in the background

    # every edit is already in the file
    saved = storage.load(path)
    assert saved == session.budget
    tables = build_tables(saved)
    assert tables[0].rows  # 收支总表 built from what was typed
    texts_12 = [cell for row in tables[11].texts() for cell in row]
    assert "统计信息化建设" in texts_12 and "40.00" in texts_12

    # 9 the findings open their place on double-click
    review = editor.go(9)
    if review.model.rowCount():
        index = review.model.index(0, 0)
        review.open(index)
        assert editor.navigator.currentRow() != 8 or review.model.finding(0).location.form == ""

    # 10 the PDF, written off the interface thread
    publish = editor.go(10)
    assert isinstance(publish, PublishStep)
    out = tmp_path / "统计局.pdf"
    job = publish.write_pdf(out, draft=True)
    assert job is not None
    with qtbot.waitSignal(job.done, timeout=120_000):
        pass
    qtbot.waitUntil(lambda: publish.job is None)
    QApplication.processEvents()
    text = "\n".join(page_texts(out))
    assert "测试市统计局" in text
    assert "统计信息化建设" in text
    assert "100.00" in text  # 收入总计 1,000,000 元 printed in 万元
    assert "负责全市统计工作。" in text


def test_file_in_use_is_refused(window: Any, tmp_path: Path, sample: Any) -> None:
    from forms.session import FileInUseError, Session

    path = tmp_path / "样例.budget"
    assert window.create_file(sample, path)
    with pytest.raises(FileInUseError, match="正在被"):
        Session.open(path)
    told: list[str] = []
    window.tell = lambda title, text: told.append(text)
    assert not window.open_path(tmp_path / "没有.budget")
    assert "找不到" in told[0]
