"""The facts only Shanghai's template prints: 封面, 主要用于, "三公" reasons, 车辆, 项目经费情况说明.

Every field is one of `app.core.declarations` (SHANGHAI_FACTS, FUNCTION_USES, FLEET,
NOTE_PARTS), as the data workbook's Shanghai rows and sheets are.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from app.core.datasheet import SHANGHAI
from app.core.declarations import FLEET, FUNCTION_USES, NOTE_PARTS, SHANGHAI_FACTS
from app.core.fields import Cell
from app.core.records import Budget, Fleet, FunctionUse, NotePart, ProjectNote
from app.edits.editing import Collection, set_single
from app.edits.steps import SHANGHAI_LISTS
from app.edits.unitfacts import reasons_of, set_unit_reason, unit_fleet
from forms.models.records import RecordModel, columns
from forms.qt import QFormLayout, QGroupBox, QScrollArea, QTabWidget, QVBoxLayout, QWidget
from forms.session import Session
from forms.steps.base import Get, GridPanel, LineField, Put, TextField, single
from forms.unitpicker import UnitPicker, bind

FUNCTION_USE_LIST = Collection("texts", FunctionUse, lambda b: b.texts.function_uses,
                               lambda b, rows: set_single(b, "texts.function_uses", tuple(rows)))
FLEET_LIST = Collection("assets", Fleet, lambda b: b.assets.fleet,
                        lambda b, rows: set_single(b, "assets.fleet", tuple(rows)))


@dataclass(frozen=True)
class NoteRow:
    """One part of a 项目经费情况说明 as a grid row: the project's name, the heading, the text."""

    project: str = ""
    heading: str = ""
    text: str = ""


def note_rows(budget: Budget) -> tuple[NoteRow, ...]:
    return tuple(NoteRow(n.project, p.heading, p.text)
                 for n in budget.texts.project_notes for p in n.parts)


def with_note_rows(budget: Budget, rows: tuple[Any, ...]) -> Budget:
    """budget whose 项目经费情况说明 are rows, gathered by project in order of first row."""
    parts: dict[str, list[NotePart]] = {}
    for row in rows:
        parts.setdefault(row.project, []).append(NotePart(row.heading, row.text))
    notes = tuple(ProjectNote(project, tuple(found)) for project, found in parts.items())
    return set_single(budget, "texts.project_notes", notes)


NOTE_LIST = Collection("texts", NoteRow, note_rows, with_note_rows)
FLEET_TITLE = "国有资产占有使用情况中的车辆（按类别）"
REASONS_PATH = "texts.three_public_reasons."


def unit_reason(path: str, get: Get, put: Put, picker: UnitPicker) -> tuple[Get, Put]:
    """get/put of a "三公" reason: the department's while 本部门 is chosen, the chosen unit's own
    (Texts.unit_reasons) otherwise."""
    name = path[len(REASONS_PATH):]

    def unit_get(budget: Budget) -> str:
        return str(getattr(reasons_of(budget, picker.code()), name)) if picker.code() else get(budget)

    def unit_put(budget: Budget, text: str) -> Budget:
        return set_unit_reason(budget, picker.code(), name, text) if picker.code() else put(budget, text)

    return unit_get, unit_put


def has_facts(budget: Budget) -> bool:
    """Whether the file's template prints these facts (the workbook's Shanghai sheets)."""
    return budget.settings.profile in SHANGHAI


class ShanghaiPanel(QTabWidget):
    """A tab each: the single facts (封面, 收入, 上年数, 政府采购, 国有资产, "三公" reasons),
    主要用于 per function 项, 车辆 by category, 项目经费情况说明."""

    def __init__(self, session: Session, picker: UnitPicker | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        inner = QWidget()
        form = QFormLayout(inner)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        self.fields: dict[str, LineField | TextField] = {}
        self.own: list[TextField] = []  # a unit's own: its "三公" reasons, with the picker
        for d in SHANGHAI_FACTS:
            get, put = single(d.path, d.label, session)
            if picker is not None and d.path.startswith(REASONS_PATH):
                get, put = unit_reason(d.path, get, put, picker)
            edit: LineField | TextField
            if d.cell == Cell.TEXT:
                edit = TextField(session, d.label, get, put)
                edit.setMinimumHeight(50)
                edit.setMaximumHeight(90)
            else:
                edit = LineField(session, d.label, get, put)
                edit.setPlaceholderText(d.help or ("未填" if d.type.optional else ""))
            edit.setToolTip(d.help)
            form.addRow(d.label + "：", edit)
            self.fields[d.path] = edit
            if picker is not None and isinstance(edit, TextField) and d.path.startswith(REASONS_PATH):
                self.own.append(edit)
        if picker is not None:
            bind(picker, self.own)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(inner)
        self.addTab(scroll, "封面、上年数与“三公”原因")
        self.uses = GridPanel(RecordModel(session, FUNCTION_USE_LIST,
                                          columns(FUNCTION_USES, {"function": 260, "use": 600}), self))
        self.addTab(self.boxed("编制说明中各功能分类“项”的资金主要用于", self.uses), "主要用于")
        self.fleet = GridPanel(RecordModel(session, FLEET_LIST,
                                           columns(FLEET, {"kind": 200, "held": 100, "planned": 120}),
                                           self))
        self.fleet_box = self.boxed(FLEET_TITLE, self.fleet)
        self.addTab(self.fleet_box, "车辆")
        self.notes = GridPanel(RecordModel(session, NOTE_LIST,
                                           columns(NOTE_PARTS, {"project": 220, "heading": 120,
                                                                "text": 560}), self))
        self.notes.grid.setWordWrap(True)
        self.addTab(self.boxed("项目经费情况说明：一行一个小标题，同一项目的行依次排列", self.notes),
                    "项目经费情况说明")

    def show_unit(self, code: str) -> None:
        """With a unit chosen (step 8's 编辑对象): its own 车辆; the other facts are the
        department's (its document uses them), edited with 本部门 chosen."""
        self.fleet.model.set_collection(unit_fleet(code) if code else FLEET_LIST)
        self.fleet_box.setTitle(FLEET_TITLE if not code else
                                "本单位的车辆（按类别），用于该单位的单位预算公开；部门的数应为各单位之和")
        shared = "各单位的单位预算公开沿用部门的这些内容，请选“本部门”修改"
        for edit in self.fields.values():  # the 封面 and the figures are the department's
            edit.setEnabled(not code or edit in self.own)
            edit.setToolTip("" if not code or edit in self.own else shared)
        for index in (1, 3):
            page = self.widget(index)
            if page is not None:
                page.setEnabled(not code)
            self.setTabToolTip(index, "" if not code else shared)

    def boxed(self, title: str, widget: QWidget) -> QGroupBox:
        box = QGroupBox(title)
        QVBoxLayout(box).addWidget(widget)
        return box

    def show_place(self, path: str, row: int | None) -> bool:
        """Bring the field (a dotted path) or list row into view; whether it is here."""
        if path in self.fields:
            self.setCurrentIndex(0)
            self.fields[path].setFocus()
            return True
        panels = (self.uses, self.fleet, self.notes)  # tabs 1–3, in SHANGHAI_LISTS' order
        for index, (prefix, panel) in enumerate(zip(SHANGHAI_LISTS, panels, strict=True), start=1):
            if path.startswith(prefix):
                self.setCurrentIndex(index)
                panel.show_row(row, path[len(prefix) + 1:] or None)
                return True
        return False
