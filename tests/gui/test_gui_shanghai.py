"""The template chosen at 新建 and shown in the title; a Shanghai file's own facts and texts in the window."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from app.core.identity import with_ids
from app.profiles.registry import SHANGHAI
from app.store import storage
from tests.gui.test_gui_flow import keys, type_cell

pytestmark = pytest.mark.gui
SHOTS = os.environ.get("BUDGET_DESK_SHOTS")  # a folder: the test saves what it drove there


@pytest.fixture
def window(make_window: Callable[..., Any], tmp_path: Path) -> Iterator[Any]:
    main = make_window(size=(1366, 768), settings=True, font=True)
    yield main


def shot(widget: Any, name: str) -> None:
    if SHOTS:
        widget.grab().save(str(Path(SHOTS) / f"{name}.png"))


def test_new_file_takes_the_template_chosen_with_the_keyboard(window: Any, qtbot: Any,
                                                               tmp_path: Path) -> None:
    from forms.qt import Qt
    from forms.start import NewDialog

    dialog = NewDialog(2026, window)
    dialog.show()
    assert dialog.profile.currentData() == "shanxi"  # the default, first in the list
    dialog.profile.setFocus()
    qtbot.keyClick(dialog.profile, Qt.Key.Key_Down)
    assert dialog.profile.currentData() == "shanghai"
    keys(qtbot, dialog.name, "上海市普陀区测试局")
    keys(qtbot, dialog.code, "901")
    keys(qtbot, dialog.units, "901001 上海市普陀区测试局 行政")
    shot(dialog, "new-dialog-shanghai")
    budget, errors = dialog.budget()
    assert budget is not None and not errors
    assert budget.settings.profile == "shanghai"
    dialog.close()
    assert window.create_file(budget, tmp_path / "测试局.budget")
    assert storage.load(tmp_path / "测试局.budget").settings.profile == "shanghai"
    qtbot.waitUntil(lambda: "上海市（9张表）部门预算" in window.windowTitle())
    assert window.editor.go(8).shanghai is not None


def test_shanxi_file_says_so_and_has_no_shanghai_tab(window: Any, qtbot: Any, sample: Any,
                                                     tmp_path: Path) -> None:
    path = tmp_path / "jc.budget"
    storage.save(sample, path)
    assert window.open_path(path)
    qtbot.waitUntil(lambda: "山西省（13张表）部门预算" in window.windowTitle())
    step = window.editor.go(8)
    assert step.shanghai is None
    text = step.preview.text()
    assert "一、本部门职责" in text and "本部门无其他专项资金管理办法相关情况" in text  # Shanxi's
    assert "其他相关情况说明" not in text


def test_shanghai_file_shows_and_edits_its_own_facts(window: Any, qtbot: Any,
                                                     tmp_path: Path) -> None:
    from forms.qt import QApplication

    sample = with_ids(SHANGHAI.sample())
    path = tmp_path / "putuo.budget"
    storage.save(sample, path)
    assert window.open_path(path)
    session = window.session
    step = window.editor.go(8)
    QApplication.processEvents()
    text = step.preview.text()
    # the printed text is Shanghai's: 编制说明 with 主要用于, 其他相关情况说明, no Shanxi heading
    assert "其他相关情况说明" in text and "五、国有资产占有使用情况" in text
    assert sample.texts.function_uses[0].use in text
    assert "第三部分" not in text
    panel = step.shanghai
    assert panel is not None
    step.tabs.setCurrentWidget(panel)
    shot(window, "shanghai-step8-facts")
    # a single fact: typed and left with Tab
    region = panel.fields["department.region"]
    assert region.text() == "上海市普陀区"
    region.setFocus()
    region.selectAll()
    keys(qtbot, region, "上海市静安区")
    region.clearFocus()
    QApplication.processEvents()
    assert session.budget.department.region == "上海市静安区"
    assert storage.load(path).department.region == "上海市静安区"
    reason = panel.fields["texts.three_public_reasons.abroad"]
    reason.setFocus()
    reason.selectAll()
    keys(qtbot, reason, "无出国计划")
    reason.clearFocus()
    QApplication.processEvents()
    assert session.budget.texts.three_public_reasons.abroad == "无出国计划"
    qtbot.waitUntil(lambda: "主要原因是无出国计划" in step.preview.text())
    # 主要用于: the first row's use typed into its grid
    panel.setCurrentWidget(panel.widget(1))
    shot(window, "shanghai-step8-uses")
    grid = panel.uses.grid
    type_cell(qtbot, grid, 0, 1, "机关日常运转")
    assert session.budget.texts.function_uses[0].use == "机关日常运转"
    assert session.budget.texts.function_uses[1:] == sample.texts.function_uses[1:]
    # 车辆: a category's count
    panel.setCurrentWidget(panel.widget(2))
    type_cell(qtbot, panel.fleet.grid, 4, 1, "3")
    assert session.budget.assets.fleet[4].held == 3
    # 项目经费情况说明: a part's text changed, a new part added for a project in the blank row
    panel.setCurrentWidget(panel.widget(3))
    shot(window, "shanghai-step8-notes")
    notes = panel.notes.grid
    parts = len(sample.texts.project_notes[0].parts)
    type_cell(qtbot, notes, 0, 2, "新的项目概述")
    assert session.budget.texts.project_notes[0].parts[0].text == "新的项目概述"
    total = notes.model().rowCount() - 1  # the blank row
    type_cell(qtbot, notes, total, 0, sample.texts.project_notes[0].project)
    note = session.budget.texts.project_notes[0]
    assert len(note.parts) == parts + 1
    window.undo()  # the new part goes; the changed text stays
    assert session.budget.texts.project_notes[0].parts[0].text == "新的项目概述"
    assert len(session.budget.texts.project_notes[0].parts) == parts
    assert "上海市（9张表）部门预算" in window.windowTitle()


def test_start_page_opens_the_shanghai_sample(window: Any, qtbot: Any, tmp_path: Path,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    from forms.qt import QFileDialog, Qt

    shot(window, "start-page")
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *a, **k: str(tmp_path))
    qtbot.mouseClick(window.start.buttons["sample-shanghai"], Qt.MouseButton.LeftButton)
    path = tmp_path / "示例-上海市普陀区文化和旅游局2026.budget"
    qtbot.waitUntil(lambda: window.session is not None)
    assert window.session.path == path.resolve()
    assert storage.load(path) == with_ids(SHANGHAI.sample())
    qtbot.waitUntil(lambda: "上海市（9张表）部门预算" in window.windowTitle())
    assert window.editor.go(8).shanghai is not None
    assert len(window.session.budget.units) == 5


def test_economic_line_cost_kind_is_chosen_and_cleared_in_step_4(window: Any, qtbot: Any,
                                                                 tmp_path: Path) -> None:
    from app.core.records import CostKind
    from forms.qt import QApplication, Qt

    path = tmp_path / "putuo.budget"
    storage.save(with_ids(SHANGHAI.sample()), path)
    assert window.open_path(path)
    grid = window.editor.go(4).panel.grid
    column = next(c for c, f in enumerate(grid.model().fields) if f.path == "cost")
    assert window.session.budget.basic_economic[0].cost is None
    type_cell(qtbot, grid, 0, column, "公用经费")
    assert window.session.budget.basic_economic[0].cost == CostKind.PUBLIC
    grid.setCurrentIndex(grid.model().index(0, column))
    qtbot.keyClick(grid, Qt.Key.Key_Delete)
    QApplication.processEvents()
    assert window.session.budget.basic_economic[0].cost is None  # blank: by its 类 again
