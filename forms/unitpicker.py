"""The unit picker of the steps with per-unit facts: 本部门 or one unit, and fields that follow it.

A step puts a `UnitPicker` above its fields and binds them with `picked(...)`: while 本部门 is
chosen a field shows and edits the department's fact, while a unit is chosen that unit's own
fact (Texts.units, for its 单位预算公开). A pending edit is written to the fact it was typed
for before the choice changes. `unit_place` and `open_place` open the place a finding of a unit's
document names (step 9), with that unit chosen.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from decimal import Decimal

from app.compute.unitdoc import UNIT_KIND, find_unit, unit_budget
from app.core.errors import UserError
from app.core.findings import Location
from app.core.records import Budget, ThreePublicItem, UnitText
from app.edits.editing import YUAN, money_text, parse
from app.edits.unitfacts import UNIT_FIELD, cars_of, set_unit_fact, unit_fact
from forms.qt import QComboBox, QHBoxLayout, QLabel, QSignalBlocker, QWidget, Signal
from forms.session import Session
from forms.steps.base import Get, LineField, Put, StepPage, TextField, single
from forms.types import field_type

DEPARTMENT = ""  # the picker's code for 本部门
QUANTITIES = ("office_area",)  # not money: never shown in 万元


class UnitPicker(QWidget):
    """编辑对象: 本部门 or a unit of the file (by code); `chosen` says which after a change."""

    leaving = Signal()  # before the choice changes: pending edits are written now
    chosen = Signal(str)  # the unit's code, "" for 本部门

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self._code = DEPARTMENT
        self._held = False  # while a unit's place is opened: 本部门 is not chosen meanwhile
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(QLabel("编辑对象："))
        self.combo = QComboBox()
        self.combo.setAccessibleName("编辑对象")
        self.combo.setMinimumContentsLength(16)
        layout.addWidget(self.combo)
        self.note = QLabel()
        self.note.setStyleSheet("color: #555;")
        layout.addWidget(self.note, 1)
        self.combo.currentIndexChanged.connect(self._changed)
        session.changed.connect(self.reload)
        self.reload()

    def code(self) -> str:
        """The chosen unit's code; "" for 本部门."""
        return self._code

    def document(self) -> Budget:
        """The budget of the document being edited: the department's, or the chosen unit's own."""
        budget = self.session.budget
        if self._code and budget.unit(self._code) is not None:
            return unit_budget(budget, self._code)
        return budget

    def unit_name(self) -> str:
        unit = self.session.budget.unit(self._code) if self._code else None
        return unit.name if unit is not None else ""

    def reload(self) -> None:
        """List 本部门 and the file's units (after units are added, renamed or removed)."""
        own = "本单位" if self.session.budget.settings.kind == UNIT_KIND else "本部门"
        entries = [(own, DEPARTMENT)] + [(f"{u.code} {u.name}", u.code)
                                             for u in self.session.budget.units]
        current = [(self.combo.itemText(i), self.combo.itemData(i)) for i in range(self.combo.count())]
        if current != entries:
            blocker = QSignalBlocker(self.combo)
            self.combo.clear()
            for text, code in entries:
                self.combo.addItem(text, code)
            del blocker
        codes = [code for _, code in entries]
        if self._code not in codes:  # the unit was removed: back to the department
            self.choose(DEPARTMENT)
        else:
            blocker = QSignalBlocker(self.combo)
            self.combo.setCurrentIndex(codes.index(self._code))
            del blocker
        self.show_note()

    def choose(self, code: str) -> None:
        """Choose 本部门 ("") or the unit with this code (or name)."""
        if self._held and not code:
            return
        if code:
            try:
                code = find_unit(self.session.budget, code).code
            except UserError:
                return
        index = self.combo.findData(code)
        if index >= 0 and index != self.combo.currentIndex():
            self.combo.setCurrentIndex(index)  # → _changed
        elif code != self._code:
            self._switch(code)

    @contextmanager
    def holding(self, code: str) -> Iterator[None]:
        """Choose the unit with code and keep it chosen inside the block: a step's show_place
        chooses 本部门 for the department's places, not for a place inside this unit's document."""
        self.choose(code)
        self._held = bool(code)
        try:
            yield
        finally:
            self._held = False

    def _changed(self, index: int) -> None:
        code = self.combo.itemData(index)
        self._switch(code if isinstance(code, str) else DEPARTMENT)

    def _switch(self, code: str) -> None:
        if code == self._code:
            return
        self.leaving.emit()
        self._code = code
        self.show_note()
        self.chosen.emit(code)

    def show_note(self) -> None:
        whole = ("填写本单位的数" if self.session.budget.settings.kind == UNIT_KIND
                 else "填写部门的数（应为各单位之和）")
        self.note.setText(whole if not self._code else
                          f"填写单位“{self.unit_name()}”自己的数和文字，用于该单位的单位预算公开")


def picked(path: str, label: str, session: Session, picker: UnitPicker) -> tuple[Get, Put]:
    """get/put of the department's field path while 本部门 is chosen, of the chosen unit's same
    fact otherwise (app.edits.unitfacts.UNIT_FIELD); a field without a unit fact: the department's."""
    department_get, department_put = single(path, label, session)
    name = UNIT_FIELD.get(path)
    if name is None:
        return department_get, department_put
    unit_get, unit_put = fact(name, label, session, picker)

    def get(budget: Budget) -> str:
        return unit_get(budget) if picker.code() else department_get(budget)

    def put(budget: Budget, text: str) -> Budget:
        return unit_put(budget, text) if picker.code() else department_put(budget, text)

    return get, put


def fact(name: str, label: str, session: Session, picker: UnitPicker) -> tuple[Get, Put]:
    """get/put of the chosen unit's UnitText field name (a fact only units have a field for)."""
    tp = field_type(UnitText, name)
    unit = YUAN if name in QUANTITIES else None

    def get(budget: Budget) -> str:
        value = unit_fact(budget, picker.code(), name)
        if isinstance(value, Decimal):
            shown = unit or session.unit
            return money_text(value, shown, edit=shown != YUAN)
        return "" if value is None else str(value)

    def put(budget: Budget, text: str) -> Budget:
        return set_unit_fact(budget, picker.code(), name, parse(text, tp, label, unit or session.unit))

    return get, put


def bind(picker: UnitPicker, fields: list[LineField] | list[TextField]) -> None:
    """Fields write what was typed before the picker changes, then show the new choice's fact
    (even the field with the focus: what it shows is what it will write)."""
    for edit in fields:
        picker.leaving.connect(edit.commit)
        picker.chosen.connect(_shower(edit))


def _shower(edit: LineField | TextField) -> Callable[[str], None]:
    def show(_code: str) -> None:
        text = edit.get(edit.session.budget)
        if isinstance(edit, LineField):
            edit.setText(text)
        elif edit.toPlainText() != text:
            edit.timer.stop()
            edit.blockSignals(True)
            edit.setPlainText(text)
            edit.blockSignals(False)

    return show


# opening the place a finding of a unit's document names (Location "units", row, "document.…")

ROWS = ("basic_function", "basic_economic", "projects", "targets")  # the department's rows, filtered
THREE_PUBLIC_FACT = {ThreePublicItem.ABROAD: "abroad", ThreePublicItem.RECEPTION: "reception",
                     ThreePublicItem.VEHICLE_PURCHASE: "vehicle_purchase",
                     ThreePublicItem.VEHICLE_RUNNING: "vehicle_running"}
DOCUMENT = "document."


@dataclass(frozen=True)
class Place:
    """Where to open a finding: the unit to choose in the step's picker ("" for 本部门), and
    the form, row and field of the department's file that hold the fact."""

    code: str
    form: str
    row: int | None
    field: str | None


def unit_place(budget: Budget, location: Location) -> Place | None:
    """The place in the file of what a finding of a unit's document names
    (app.profiles.units.unit_findings: form "units", the unit's row, field "document.<the
    place's key in the unit's document>"); None for any other finding.

    A unit's own fact (its 职责, 上年数, "三公", 政府采购, 国有资产, cars) opens with the unit
    chosen; its lines, projects and target forms at their rows among the department's; what the
    unit's document takes from the department (other texts, the income) the department's fact.
    """
    key = location.field or ""
    if location.form != "units" or location.row is None or not key.startswith(DOCUMENT):
        return None
    if not 0 <= location.row < len(budget.units):
        return None
    code = budget.units[location.row].code
    form, _, rest = key[len(DOCUMENT):].partition("/")
    row_text, _, field_text = rest.partition("/")
    row = int(row_text) if row_text.isdigit() else None
    field = field_text or None
    if form in ("department", "units"):
        return Place(code, "units", location.row, None)
    try:
        document = unit_budget(budget, code)
    except UserError:
        return None
    if form in ROWS:
        return Place(code, form, _department_row(getattr(budget, form), getattr(document, form), row),
                     field)
    if form == "three_public":  # the unit's four amounts, one row per item it has
        rows = document.three_public
        if row is not None and 0 <= row < len(rows):
            return Place(code, form, None, THREE_PUBLIC_FACT.get(rows[row].item))
        return Place(code, form, None, None)
    if form == "assets" and field and field.startswith("vehicles."):
        return _car_place(budget, document, code, field)
    if f"{form}.{field}" in UNIT_FIELD or (form == "texts" and field
                                           and field.startswith("three_public_reasons.")):
        return Place(code, form, row, field)  # the unit's own fact (or Shanghai's "三公" reason)
    return Place(DEPARTMENT, form, row, field)  # the department's, worded for the unit


def _department_row(whole: Sequence[object], own: Sequence[object], row: int | None) -> int | None:
    """The index among the department's rows of the unit document's row (the same record)."""
    if row is None or not 0 <= row < len(own):
        return row
    record = own[row]
    return next((i for i, r in enumerate(whole) if r is record), row)


def _car_place(budget: Budget, document: Budget, code: str, field: str) -> Place:
    """A unit's 公务用车 row (its document lists every kind) as the unit's car grid lists them."""
    parts = field.split(".")
    index = int(parts[1]) if len(parts) > 1 and parts[1].isdigit() else None
    cars = document.assets.vehicles
    if index is None or not 0 <= index < len(cars):
        return Place(code, "assets", None, None)
    kinds = [v.kind for v in cars_of(budget, code)]
    kind = cars[index].kind
    return Place(code, "assets", kinds.index(kind) if kind in kinds else None,
                 ".".join(parts[2:]) or None)


def open_place(page: StepPage, place: Place) -> None:
    """Show place on its step's page, with its unit chosen in the page's picker."""
    picker = getattr(page, "picker", None)
    if not place.code or not isinstance(picker, UnitPicker):
        page.show_place(place.form, place.row, place.field)
        return
    with picker.holding(place.code):
        page.show_place(place.form, place.row, place.field)
    own = getattr(page, "unit_fields", {})  # step 6's fields of a unit's own "三公" amounts
    if place.form == "three_public" and isinstance(own, dict) and place.field in own:
        own[place.field].setFocus()
