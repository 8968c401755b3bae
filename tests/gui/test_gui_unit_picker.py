"""The unit picker (issue 19): on steps 6, 7 and 8 choosing a unit shows and edits that unit's
own facts; 本部门 the department's. Driven with keys and clicks; the file is read back."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

from app.compute.unitdoc import unit_text
from app.core.records import Budget
from app.store import storage
from tests.gui.conftest import shown
from tests.gui.test_gui_flow import keys, type_cell


def pick(qtbot: Any, picker: Any, text: str) -> None:
    """Choose an entry of the picker with the keyboard, as a user would."""
    from forms.qt import Qt

    combo = picker.combo
    combo.setFocus()
    target = combo.findText(text, Qt.MatchFlag.MatchContains)
    assert target >= 0, text
    while combo.currentIndex() != target:
        qtbot.keyClick(combo, Qt.Key.Key_Down if combo.currentIndex() < target else Qt.Key.Key_Up)


def retype(qtbot: Any, edit: Any, text: str) -> None:
    from forms.qt import Qt

    edit.setFocus()
    edit.selectAll()
    qtbot.keyClick(edit, Qt.Key.Key_Delete)
    keys(qtbot, edit, text)
    qtbot.keyClick(edit, Qt.Key.Key_Return)


def test_last_year_and_three_public_per_unit(qtbot: Any, session: Any, sample: Budget) -> None:
    from forms.steps.others import ThreePublicStep

    page = shown(qtbot, ThreePublicStep(session))
    total = page.fields["total"]
    department_total = total.text()
    pick(qtbot, page.picker, "晋城市科学技术研究院")
    assert total.text() == "5,600,000.00"  # the unit's own 上年收支总计
    assert page.unit_box.isVisible() and not page.grid_box.isVisible()
    retype(qtbot, total, "5700000")
    retype(qtbot, page.unit_fields["reception"], "12000")
    pick(qtbot, page.picker, "本部门")
    assert total.text() == department_total and page.grid_box.isVisible()
    saved = storage.load(session.path)
    assert unit_text(saved, "108002").last_total == Decimal("5700000.00")
    assert unit_text(saved, "108002").reception == Decimal("12000.00")
    assert saved.last_year == sample.last_year  # the department's untouched


def test_assets_and_procurement_per_unit(qtbot: Any, session: Any, sample: Budget) -> None:
    from forms.steps.others import AssetsStep

    page = shown(qtbot, AssetsStep(session))
    pick(qtbot, page.picker, "108003")
    area = page.fields["assets.office_area"]
    assert area.text() == "0.00"
    retype(qtbot, area, "150.5")
    retype(qtbot, page.fields["procurement.goods"], "8000")
    assert page.procurement.text().startswith("8,000.00")
    grid = page.vehicles.grid
    kinds = [grid.model().index(r, 0).data() for r in range(grid.model().rowCount())]
    row = kinds.index("事业单位业务用车")
    type_cell(qtbot, grid, row, 2, "2")  # 实有数
    saved = storage.load(session.path)
    mine = unit_text(saved, "108003")
    assert (mine.office_area, mine.goods) == (Decimal("150.50"), Decimal("8000.00"))
    assert [(v.unit, v.kind, v.actual) for v in saved.texts.unit_vehicles if v.actual] == [
        ("108003", "事业单位业务用车", 2)]
    assert saved.assets == sample.assets and saved.procurement == sample.procurement
    pick(qtbot, page.picker, "本部门")
    assert area.text() == "480.00"
    pick(qtbot, page.picker, "108003")
    page.show_place("assets", None, "office_area")  # a finding names the department's figure
    assert page.picker.code() == "" and area.text() == "480.00" and area.hasFocus()
    assert all(grid.model().index(r, 2).data() in ("0", "", None)
               for r in range(grid.model().rowCount()))


def test_texts_per_unit_and_the_units_document_previewed(qtbot: Any, session: Any) -> None:
    from forms.qt import Qt
    from forms.steps.texts import TextsStep

    page = shown(qtbot, TextsStep(session))
    duties = page.fields["duties"]
    department = duties.toPlainText()
    pick(qtbot, page.picker, "晋城市科学技术发展中心")
    assert duties.toPlainText() == unit_text(session.budget, "108003").duties != department
    assert duties.placeholderText() == "本单位职责"  # an emptied field says whose text it is
    assert not page.fields["services_catalog"].isEnabled() and page.fields["reason_total"].isEnabled()
    duties.setFocus()
    qtbot.keyClick(duties, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
    keys(qtbot, duties, "新增职责一项。")
    pick(qtbot, page.picker, "本部门")  # the pending edit is written to the unit, not the department
    assert duties.toPlainText() == department and duties.placeholderText() == "本部门职责"
    saved = storage.load(session.path)
    assert unit_text(saved, "108003").duties.endswith("新增职责一项。")
    assert saved.texts.duties == department
    pick(qtbot, page.picker, "晋城市科学技术发展中心")
    preview = page.preview.text()
    assert "本单位" in preview and "本部门" not in preview and "新增职责一项。" in preview


def test_a_shanghai_units_cars_by_category_in_step_8(qtbot: Any, tmp_path: Path) -> None:
    """Shanghai's 车辆 tab follows the picker: a unit's own counts (the department's categories,
    none yet), typed into the grid and read back from the file; the facts units share with the
    department are not edited while a unit is chosen."""
    from app.profiles.registry import SHANGHAI
    from forms.session import Session
    from forms.steps.texts import TextsStep

    sample = SHANGHAI.sample()
    opened = Session.create(sample, tmp_path / "putuo.budget")
    try:
        page = shown(qtbot, TextsStep(opened))
        panel = page.shanghai
        assert panel is not None
        page.tabs.setCurrentWidget(panel)
        panel.setCurrentIndex(2)  # 车辆
        grid = panel.fleet.grid
        pick(qtbot, page.picker, "文化馆")
        kinds = [grid.model().index(r, 0).data() for r in range(grid.model().rowCount())]
        assert kinds == [*(f.kind for f in sample.assets.fleet), None]  # then the row to add
        assert all(grid.model().index(r, 1).data() in ("0", "", None) for r in range(len(kinds)))
        assert panel.fleet_box.title().startswith("本单位的车辆")
        assert not panel.widget(1).isEnabled() and panel.widget(2).isEnabled()
        type_cell(qtbot, grid, kinds.index("其他用车"), 1, "2")  # 共有
        saved = storage.load(opened.path)
        assert [(f.unit, f.kind, f.held) for f in saved.texts.unit_fleets if f.held] == [
            ("101004", "其他用车", 2)]
        assert saved.assets == sample.assets
        # its own "三公" reasons on the first tab; the 封面 and the figures stay the department's
        panel.setCurrentIndex(0)
        reason = panel.fields["texts.three_public_reasons.reception"]
        assert reason.isEnabled() and reason.toPlainText() == ""
        assert not panel.fields["department.region"].isEnabled()
        keys(qtbot, reason, "因文化活动接待增加。")
        page.fields["duties"].setFocus()
        qtbot.waitUntil(lambda: bool(opened.budget.texts.unit_reasons))
        saved = storage.load(opened.path)
        assert [(r.unit, r.reception) for r in saved.texts.unit_reasons] == [
            ("101004", "因文化活动接待增加。")]
        assert saved.texts.three_public_reasons == sample.texts.three_public_reasons
        pick(qtbot, page.picker, "本部门")
        assert grid.model().index(kinds.index("其他用车"), 1).data() == "4"
        assert reason.toPlainText() == sample.texts.three_public_reasons.reception
        assert panel.widget(0).isEnabled() and panel.fields["department.region"].isEnabled()
    finally:
        opened.close()
