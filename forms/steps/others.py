"""Steps 6 and 7: "三公"经费, 机关运行经费 and last year's figures; 政府采购 and 国有资产."""

from __future__ import annotations

from app.compute import economic
from app.core import declarations
from app.core.money import ZERO
from app.core.records import Budget, ThreePublicItem, Vehicles
from app.edits.editing import Collection, money_text, set_single, top
from app.edits.unitfacts import unit_cars, unit_fact
from forms.models.records import RecordModel, columns
from forms.qt import QFormLayout, QGroupBox, QHBoxLayout, QLabel, QWidget
from forms.session import Session
from forms.steps.base import GridPanel, LineField, StepPage
from forms.unitpicker import UnitPicker, bind, fact, picked

THREE_PUBLIC_FIELDS = columns(declarations.THREE_PUBLIC, {"item": 170, "source": 130, "amount": 140})
LAST_YEAR = (
    ("total", "上年收支总计"), ("general", "上年一般公共预算当年支出"),
    ("operating", "上年机关运行经费"), ("abroad", "上年因公出国（境）费"),
    ("reception", "上年公务接待费"), ("vehicle_purchase", "上年公务用车购置费"),
    ("vehicle_running", "上年公务用车运行维护费"),
)
UNIT_THREE_PUBLIC = (("abroad", "因公出国（境）费"), ("reception", "公务接待费"),
                     ("vehicle_purchase", "公务用车购置费"), ("vehicle_running", "公务用车运行维护费"))
PROCUREMENT = (("goods", "政府采购货物"), ("works", "政府采购工程"), ("services", "政府采购服务"))
VEHICLES = Collection(
    "assets", Vehicles,
    lambda b: b.assets.vehicles,
    lambda b, rows: set_single(b, "assets.vehicles", rows),
)
VEHICLE_FIELDS = columns(declarations.VEHICLES, {"kind": 170, "quota": 110, "actual": 110})


def three_public_total(budget: Budget) -> str:
    return money_text(sum((t.amount for t in budget.three_public), ZERO))


class ThreePublicStep(StepPage):
    """"三公"经费 by item and source, 机关运行经费 as computed, and last year's figures."""

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(session, "6 “三公”经费、机关运行经费与上年数",
                         "“三公”经费按项目和资金来源填写（公务用车购置及运行费由购置费与运行维护费相加）。"
                         "机关运行经费由第4步自动算出。上年数用于说明中的增减比较，未填的不作比较。", parent)
        self.picker = UnitPicker(session)
        self.body.addWidget(self.picker)
        row = QHBoxLayout()
        self.panel = GridPanel(RecordModel(session, top("three_public"), THREE_PUBLIC_FIELDS, self),
                               self.summary)
        self.grid_box = QGroupBox("本年“三公”经费")
        QHBoxLayout(self.grid_box).addWidget(self.panel)
        row.addWidget(self.grid_box, 3)
        self.unit_box = QGroupBox("本单位本年“三公”经费（一般公共预算财政拨款）")
        unit_form = QFormLayout(self.unit_box)
        self.unit_fields: dict[str, LineField] = {}
        for name, label in UNIT_THREE_PUBLIC:
            edit = LineField(session, label, *fact(name, label, session, self.picker))
            unit_form.addRow(label + "：", edit)
            self.unit_fields[name] = edit
        self.unit_box.hide()
        row.addWidget(self.unit_box, 3)
        last = QGroupBox("上年数（元或万元，按设置）")
        form = QFormLayout(last)
        self.fields: dict[str, LineField] = {}
        for name, label in LAST_YEAR:
            edit = LineField(session, label, *picked(f"last_year.{name}", label, session, self.picker))
            edit.setPlaceholderText("未填")
            form.addRow(label + "：", edit)
            self.fields[name] = edit
        self.operating = QLabel()
        self.operating.setWordWrap(True)
        form.addRow("本年机关运行经费：", self.operating)
        row.addWidget(last, 2)
        self.body.addLayout(row, 1)
        bind(self.picker, [*self.fields.values(), *self.unit_fields.values()])
        self.picker.chosen.connect(self.show_chosen)
        self.refresh()

    def show_chosen(self, code: str) -> None:
        """The department's grid for 本部门; a unit's four amounts for a unit."""
        if code:
            self.grid_box.hide()
            self.unit_box.show()
        else:
            self.unit_box.hide()
            self.grid_box.show()
        self.refresh()

    def summary(self) -> str:
        budget, unit = self.session.budget, self.session.unit
        amounts = {item: sum((t.amount for t in budget.three_public if t.item == item), ZERO)
                   for item in ThreePublicItem}
        vehicles = amounts[ThreePublicItem.VEHICLE_PURCHASE] + amounts[ThreePublicItem.VEHICLE_RUNNING]
        total = sum(amounts.values(), ZERO)
        return (f"“三公”经费合计 {money_text(total, unit)} {unit}；其中公务用车购置及运行费 "
                f"{money_text(vehicles, unit)}")

    def refresh(self) -> None:
        unit = self.session.unit
        amount = economic.operating(self.picker.document())
        self.operating.setText(f"{money_text(amount, unit)} {unit}"
                               "（行政、参公单位财政拨款的 502 科目，第4步自动汇总）")

    def show_place(self, form: str, row: int | None, field: str | None) -> None:
        self.picker.choose("")  # a finding names the department's fact
        if form == "last_year" and field in self.fields:
            self.fields[field].setFocus()
        else:
            self.panel.show_row(row, field)


class AssetsStep(StepPage):
    """政府采购预算 and the 国有资产 at the end of last year."""

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(session, "7 政府采购与国有资产",
                         "政府采购预算按货物、工程、服务填写；国有资产填上年末的车辆、办公用房面积和大型设备数。",
                         parent)
        self.picker = UnitPicker(session)
        self.body.addWidget(self.picker)
        row = QHBoxLayout()
        left = QGroupBox("政府采购预算")
        form = QFormLayout(left)
        self.fields: dict[str, LineField] = {}
        for name, label in PROCUREMENT:
            edit = LineField(session, label,
                             *picked(f"procurement.{name}", label, session, self.picker))
            form.addRow(label + "：", edit)
            self.fields[f"procurement.{name}"] = edit
        self.procurement = QLabel()
        form.addRow("合计：", self.procurement)
        for path, label in (("assets.office_area", "办公用房面积（平方米）"),
                            ("assets.equipment_50", "单位价值50万元以上通用设备（台）"),
                            ("assets.equipment_100", "单位价值100万元以上通用设备（台）")):
            edit = LineField(session, label, *picked(path, label, session, self.picker))
            form.addRow(label + "：", edit)
            self.fields[path] = edit
        row.addWidget(left, 2)
        right = QGroupBox("公务用车（辆）")
        self.vehicles = GridPanel(RecordModel(session, VEHICLES, VEHICLE_FIELDS, self))
        QHBoxLayout(right).addWidget(self.vehicles)
        row.addWidget(right, 3)
        self.body.addLayout(row, 1)
        bind(self.picker, list(self.fields.values()))
        self.picker.chosen.connect(self.show_chosen)
        self.refresh()

    def show_chosen(self, code: str) -> None:
        """The department's cars for 本部门, the unit's own for a unit."""
        self.vehicles.model.set_collection(unit_cars(code) if code else VEHICLES)
        self.vehicles.update_totals()
        self.refresh()

    def refresh(self) -> None:
        unit, code, budget = self.session.unit, self.picker.code(), self.session.budget
        total = (sum((unit_fact(budget, code, n) for n, _ in PROCUREMENT), ZERO) if code
                 else budget.procurement.total)
        self.procurement.setText(f"{money_text(total, unit)} {unit}")

    def show_place(self, form: str, row: int | None, field: str | None) -> None:
        self.picker.choose("")  # a finding names the department's fact
        key = f"{form}.{field}"
        if key in self.fields:
            self.fields[key].setFocus()
        elif form == "assets":
            self.vehicles.show_row(row, field)
