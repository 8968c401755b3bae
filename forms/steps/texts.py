"""Step 8 文字说明: the text the PDF will print, section by section, beside the inputs it needs."""

from __future__ import annotations

import html

from app.compute.wording import unit_words, worded
from app.core.declarations import GLOSSARY
from app.core.records import Budget, GlossaryEntry
from app.edits.editing import Collection, set_single
from app.profiles.inputs import TextInputs
from app.profiles.registry import SHANXI, profile_of
from app.profiles.shanxi.narrative import Section, overview, sections
from forms.models.records import RecordModel, columns
from forms.qt import (
    QFormLayout,
    QGroupBox,
    QLabel,
    QScrollArea,
    QShowEvent,
    QSplitter,
    Qt,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)
from forms.session import Session
from forms.steps.base import GridPanel, StepPage, TextField
from forms.steps.department import DepartmentPanel
from forms.steps.shanghai import ShanghaiPanel, has_facts
from forms.steps.wording import TemplatesPanel
from forms.unitpicker import UnitPicker, bind, picked


def inputs_of(budget: Budget) -> TextInputs:
    """Step 8 as the file's template declares it (app/profiles/<id>/inputs.py)."""
    return profile_of(budget)[0].inputs


GLOSSARY_LIST = Collection("texts", GlossaryEntry, lambda b: b.texts.glossary,
                           lambda b, rows: set_single(b, "texts.glossary", tuple(rows)))


def section_html(section: Section) -> str:
    size = "13pt" if section.level == 1 else "11pt"
    body = "".join(f"<p style='text-indent:2em; margin:2px 0'>{html.escape(p)}</p>"
                   for p in section.paragraphs)
    heading = html.escape(section.heading)
    return f"<p style='font-size:{size}; font-weight:bold; margin:8px 0 2px'>{heading}</p>{body}"


def printed(budget: Budget) -> list[str]:
    """The text parts of the file's own template as the PDF prints them, in outline order
    (Shanxi: 第一部分 and 第三部分)."""
    template, kind = profile_of(budget)
    if template.id == SHANXI.id:
        return [section_html(s) for s in (*overview(budget), *sections(budget))]
    texts = template.texts(budget, kind)
    keys = [e.content for e in template.outline(budget, kind) if e.content in texts]
    return [section_html(s) for key in keys for s in texts[key]]


class TextsStep(StepPage):
    """Inputs on the left; on the right the printed text, recomputed after every edit."""

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        budget = session.budget
        self.declared = inputs_of(budget)
        super().__init__(session, "8 文字说明", worded(budget, self.declared.note), parent)
        self.picker = UnitPicker(session)  # a unit's 职责, 机构设置 and reasons: its own document's
        split = QSplitter(Qt.Orientation.Horizontal)
        inputs = QScrollArea()
        inputs.setWidgetResizable(True)
        inner = QWidget()
        form = self.form = QFormLayout(inner)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapAllRows)
        self.fields: dict[str, TextField] = {}
        self.labels = {i.field: i.label for i in self.declared.inputs}
        self.own = {i.field for i in self.declared.inputs if i.unit}
        for declared in self.declared.inputs:
            name, label = declared.field, worded(budget, declared.label)
            edit = TextField(session, label, *picked(f"texts.{name}", label, session, self.picker))
            edit.setMinimumHeight(90 if declared.tall else 60)
            edit.setPlaceholderText(label)
            edit.setAccessibleName(label)
            form.addRow(label + "：", edit)
            self.fields[name] = edit
        inputs.setWidget(inner)
        split.addWidget(inputs)
        box = QGroupBox(self.declared.printed)
        self.preview = QLabel()
        self.preview.setWordWrap(True)
        self.preview.setTextFormat(Qt.TextFormat.RichText)
        self.preview.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.preview.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.preview)
        QVBoxLayout(box).addWidget(scroll)
        split.addWidget(box)
        split.setSizes([380, 620])
        self.body.addWidget(self.picker)
        self.tabs = QTabWidget()
        self.tabs.addTab(split, worded(budget, "本部门文字与说明"))
        self.templates: TemplatesPanel | None = None
        if self.declared.templates:  # the template words its sections by templates
            self.templates = TemplatesPanel(session)
            self.tabs.addTab(self.templates, self.declared.templates)
        self.glossary = GridPanel(RecordModel(session, GLOSSARY_LIST,
                                              columns(GLOSSARY, {"term": 200, "definition": 700}), self))
        self.glossary.grid.setWordWrap(True)  # a long definition shows whole, on more lines
        session.changed.connect(self.glossary.grid.resizeRowsToContents)
        self.glossary.grid.resizeRowsToContents()
        self.tabs.addTab(self.glossary, "名词解释")
        self.department: DepartmentPanel | None = None
        if self.declared.forms or budget.department_form is not None:  # printed, or in the file
            self.department = DepartmentPanel(session)
            self.tabs.addTab(self.department, worded(budget, "部门整体支出绩效目标表"))
        self.shanghai: ShanghaiPanel | None = None
        if has_facts(budget):  # the facts only the file's template prints
            self.shanghai = ShanghaiPanel(session, self.picker)
            self.tabs.addTab(self.shanghai, "上海模板的内容")
        self.body.addWidget(self.tabs, 1)
        bind(self.picker, list(self.fields.values()))
        self.picker.chosen.connect(self.show_chosen)
        self.refresh()

    def show_chosen(self, code: str) -> None:
        """A unit has its own 职责, 机构设置 and reasons; the other texts are the department's
        (a unit's document words them for the unit), so they are not edited for a unit."""
        for name, edit in self.fields.items():
            words = worded(self.session.budget, self.labels[name])
            shown = unit_words(words) if code else words
            label = self.form.labelForField(edit)
            if isinstance(label, QLabel):
                label.setText(shown + "：")
            edit.setPlaceholderText(shown)
            edit.setAccessibleName(shown)
            edit.setEnabled(not code or name in self.own)
            edit.setToolTip("" if not code or name in self.own else
                            "各单位的单位预算公开沿用部门的这段文字（“本部门”改为“本单位”），请选“本部门”修改")
        if self.shanghai is not None:
            self.shanghai.show_unit(code)
        self.refresh()

    def refresh(self) -> None:
        if not self.isVisible() and self.preview.text():
            return
        budget = self.picker.document()
        try:
            parts = printed(budget)
        except (ArithmeticError, KeyError, ValueError) as exc:
            parts.append(f"<p style='color:#b00020'>说明暂时无法生成：{html.escape(str(exc))}</p>")
            parts = [section_html(s) for s in overview(budget)]
        self.preview.setText("".join(parts))

    def showEvent(self, event: QShowEvent) -> None:
        self.refresh()

    def show_place(self, form: str, row: int | None, field: str | None) -> None:
        self.picker.choose("")  # a finding names the department's fact
        if self.templates is not None and field and field.startswith("templates"):
            self.tabs.setCurrentWidget(self.templates)
            self.templates.show_section(field.partition(".")[2])
            return
        if field and field.startswith("glossary"):
            self.tabs.setCurrentWidget(self.glossary)
            return
        if self.shanghai is not None and field and self.shanghai.show_place(f"{form}.{field}", row):
            self.tabs.setCurrentWidget(self.shanghai)
            return
        self.tabs.setCurrentIndex(0)
        edit = self.fields.get(field or "") or next(iter(self.fields.values()), None)
        if edit is not None:
            edit.setFocus()
