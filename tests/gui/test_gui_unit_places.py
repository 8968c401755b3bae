"""Opening a finding of a unit's document (issue 19): step 9's double-click (or Enter) opens the
step of the place inside the unit's document with that unit chosen in the step's unit picker,
not step 1; the unit's lines and target forms at their rows among the department's."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import replace
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from app.core.findings import Location
from app.core.records import Budget, UnitVehicles
from app.edits.unitfacts import set_unit_fact

pytestmark = pytest.mark.gui

UNIT = "108002"  # 晋城市科学技术研究院, the sample's second unit (row 1)


@pytest.fixture
def budget(sample: Budget) -> Budget:
    """The sample with the second unit's own 公务接待费, 运行维护费 and one car kind."""
    changed = set_unit_fact(set_unit_fact(sample, UNIT, "reception", Decimal("5000.00")),
                            UNIT, "vehicle_running", Decimal("3000.00"))
    cars = (UnitVehicles(UNIT, "其他公务用车", 1, 1),)
    return replace(changed, texts=replace(changed.texts, unit_vehicles=cars))


@pytest.fixture
def window(make_window: Callable[..., Any], tmp_path: Path, budget: Budget) -> Iterator[Any]:
    main = make_window(size=(1300, 800))
    main.activateWindow()
    assert main.create_file(budget, tmp_path / "u.budget")
    yield main


def test_unit_places_in_the_department_file(budget: Budget) -> None:
    from forms.unitpicker import Place, unit_place

    def place(key: str) -> Place | None:
        return unit_place(budget, Location("units", 1, f"document.{key}"))

    assert place("assets//office_area") == Place(UNIT, "assets", None, "office_area")
    assert place("procurement//goods") == Place(UNIT, "procurement", None, "goods")
    assert place("texts//duties") == Place(UNIT, "texts", None, "duties")
    assert place("last_year//abroad") == Place(UNIT, "last_year", None, "abroad")
    # the unit's "三公" rows are its items with an amount: 公务接待费, then 运行维护费
    assert place("three_public/0/amount") == Place(UNIT, "three_public", None, "reception")
    assert place("three_public/1/amount") == Place(UNIT, "three_public", None, "vehicle_running")
    # its document lists every car kind (其他公务用车 the 7th); its grid only the row it has
    assert place("assets//vehicles.6.actual") == Place(UNIT, "assets", 0, "actual")
    # its projects and target forms: the department's rows holding them
    first = next(i for i, p in enumerate(budget.projects) if p.unit == UNIT)
    assert first > 0 and place("projects/1/name") == Place(UNIT, "projects", first + 1, "name")
    ids = {p.id for p in budget.projects if p.unit == UNIT}
    form = next(i for i, f in enumerate(budget.targets) if f.project_id in ids)
    assert place("targets/0/manager") == Place(UNIT, "targets", form, "manager")
    # what the unit's document takes from the department's: the department's fact
    assert place("texts//other") == Place("", "texts", None, "other")
    # Shanghai's "三公" reasons are each unit's own (Texts.unit_reasons)
    assert place("texts//three_public_reasons.reception") == Place(
        UNIT, "texts", None, "three_public_reasons.reception")
    assert place("units/0/name") == Place(UNIT, "units", 1, None)
    # not a unit document's finding
    assert unit_place(budget, Location("assets", None, "office_area")) is None
    assert unit_place(budget, Location("units", 1, "name")) is None
    assert unit_place(budget, Location("units", 9, "document.texts//duties")) is None


def finding_row(page: Any, key: str) -> int:
    """The row of step 9 listing the second unit's finding at key."""
    for row, f in enumerate(page.model.findings):
        if f.location.form == "units" and f.location.row == 1 and f.location.field == f"document.{key}":
            return row
    raise AssertionError(f"no finding at {key}: {[f.location for f in page.model.findings]}")


def double_click(qtbot: Any, view: Any, row: int) -> None:
    from forms.qt import Qt

    index = view.model().index(row, 0)
    view.scrollTo(index)
    spot = view.visualRect(index).center()
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=spot)  # as a hand does: a
    qtbot.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton, pos=spot)  # press, then the second


def current_step(window: Any) -> int:
    return int(window.editor.navigator.currentRow()) + 1


def test_double_click_opens_the_units_own_fact_with_the_unit_chosen(
        window: Any, qtbot: Any, budget: Budget) -> None:
    from forms.qt import QApplication, Qt

    review = window.editor.go(9)
    qtbot.waitUntil(lambda: review.model.rowCount() > 0, timeout=120_000)
    double_click(qtbot, review.view, finding_row(review, "assets//office_area"))
    assert current_step(window) == 7
    assets = window.editor.page(7)
    assert assets.picker.code() == UNIT and UNIT in assets.picker.combo.currentText()
    field = assets.fields["assets.office_area"]
    assert QApplication.focusWidget() is field
    assert field.text() == "0" or Decimal(field.text().replace(",", "")) == 0
    # back to step 9; Enter on the unit's 政府采购 finding
    window.editor.go(9)
    assets.picker.choose("")
    row = finding_row(review, "procurement//goods")
    review.view.setCurrentIndex(review.model.index(row, 0))
    review.view.setFocus()
    qtbot.keyClick(review.view, Qt.Key.Key_Return)
    assert current_step(window) == 7 and assets.picker.code() == UNIT
    assert QApplication.focusWidget() is assets.fields["procurement.goods"]
    # a target form of the unit: step 5 at the department's project that form belongs to
    window.editor.go(9)
    double_click(qtbot, review.view, finding_row(review, "targets/0/manager"))
    assert current_step(window) == 5
    projects = window.editor.page(5)
    chosen = projects.model.records[projects.panel.grid.currentIndex().row()]
    ids = {p.id for p in budget.projects if p.unit == UNIT}
    form = next(f for f in budget.targets if f.project_id in ids)  # the unit's first form
    assert chosen.unit == UNIT and chosen.id == form.project_id


def test_unit_places_of_steps_6_and_8(window: Any, qtbot: Any, budget: Budget) -> None:
    from forms.qt import QApplication

    editor = window.editor
    # the unit's second "三公" row of its document: its 公务用车运行维护费, in the unit's box
    editor.go_to("units", 1, "document.three_public/1/amount")
    assert current_step(window) == 6
    three = editor.page(6)
    assert three.picker.code() == UNIT and three.unit_box.isVisible() and not three.grid_box.isVisible()
    edit = three.unit_fields["vehicle_running"]
    assert QApplication.focusWidget() is edit and Decimal(edit.text().replace(",", "")) == 3000
    # its 上年数 (step 6 too), then its 职责 (step 8), each the unit's own
    three.picker.choose("")
    editor.go_to("units", 1, "document.last_year//abroad")
    assert three.picker.code() == UNIT and QApplication.focusWidget() is three.fields["abroad"]
    editor.go_to("units", 1, "document.texts//duties")
    assert current_step(window) == 8
    texts = editor.page(8)
    duties = texts.fields["duties"]
    assert texts.picker.code() == UNIT and QApplication.focusWidget() is duties
    assert duties.toPlainText().startswith("承担全市应用技术研究")
    # its car: the unit's car grid, at its one row
    editor.go_to("units", 1, "document.assets//vehicles.6.actual")
    assets = editor.page(7)
    assert assets.picker.code() == UNIT
    index = assets.vehicles.grid.currentIndex()
    assert index.row() == 0 and assets.vehicles.model.records[0].kind == "其他公务用车"
    # a text the unit's document takes from the department's: 本部门 chosen
    editor.go_to("units", 1, "document.texts//other")
    assert current_step(window) == 8 and texts.picker.code() == ""
    # a place of the unit's document no step edits: the unit's row in step 1
    editor.go_to("units", 1, "document.revenues/0/amount")
    assert current_step(window) == 1
    # a department's finding still opens the department's fact
    editor.go_to("assets", None, "office_area")
    assert current_step(window) == 7 and assets.picker.code() == ""
