"""Step 1 部门与单位: the department's (or, in a 单位 file, the unit's) name, code and year, and its units."""

from __future__ import annotations

from app.compute.unitdoc import UNIT_KIND
from app.core import declarations
from app.edits.editing import top
from forms.models.records import RecordModel, columns
from forms.qt import QFormLayout, QGroupBox, QVBoxLayout, QWidget
from forms.session import Session
from forms.steps.base import GridPanel, LineField, StepPage, single

UNIT_FIELDS = columns(declarations.UNITS, {"code": 120, "name": 320, "kind": 110})


class UnitsStep(StepPage):
    """The department and the list of its units (本级 first)."""

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        unit = session.budget.settings.kind == UNIT_KIND  # a unit's own file: in its words
        note = ("填写单位名称、单位编码和预算年度，再逐行填写本单位及下属预算单位（本级在前）。" if unit else
                "填写部门名称、主管部门代码和预算年度，再逐行填写本部门所属预算单位（本级在前）。")
        super().__init__(session, "1 部门与单位",
                         note + "单位性质决定机关运行经费的口径：行政、参公单位计入，事业单位不计。",
                         parent)
        box = QGroupBox("单位" if unit else "部门")
        form = QFormLayout(box)
        self.fields: dict[str, LineField] = {}
        for path, label in (("department.name", "单位名称" if unit else "部门名称"),
                            ("department.code", "单位编码" if unit else "主管部门代码"),
                            ("department.year", "预算年度")):
            edit = LineField(session, label, *single(path, label, session))
            form.addRow(label + "：", edit)
            self.fields[path] = edit
        self.body.addWidget(box)
        units = QGroupBox("所属预算单位")
        inner = QVBoxLayout(units)
        self.units = GridPanel(RecordModel(session, top("units"), UNIT_FIELDS, self))
        inner.addWidget(self.units)
        self.body.addWidget(units, 1)

    def show_place(self, form: str, row: int | None, field: str | None) -> None:
        if form == "units":
            self.units.show_row(row, field)
        else:
            self.fields.get(f"department.{field}", self.fields["department.name"]).setFocus()
