"""Step 10's layout options kept in the file: charts per section, the forms' order, 主管部门及代码,
the 部门整体 form's title and official rows."""

from __future__ import annotations

from dataclasses import replace

from app.core.identity import form_option, option_matches, option_of
from app.core.records import Budget, Settings, TargetForm
from forms.qt import (
    QCheckBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QShowEvent,
    QSignalBlocker,
    QVBoxLayout,
    QWidget,
)
from forms.session import Session

# the sections of 第三部分 that can carry a chart (app.compute.figures.Figures.charts)
CHART_SECTIONS = (("2", "收入预算构成"), ("3", "基本支出与项目支出"),
                  ("5.2", "一般公共预算支出结构"), ("7", "“三公”经费分布"))


def ordered(budget: Budget) -> list[TargetForm]:
    """The forms in the order the PDF prints them (reports.pdf, loaded when first needed)."""
    from reports.pdf import ordered_targets

    return ordered_targets(budget)


def with_settings(budget: Budget, **changes: object) -> Budget:
    settings: Settings = replace(budget.settings, **changes)  # type: ignore[arg-type]
    return replace(budget, settings=settings)


def department_of(budget: Budget, form: TargetForm) -> str:
    """The form's own 主管部门及代码 ("" for the department's)."""
    option = option_of(budget.settings.forms, form)
    return option.department if option is not None else ""


class PdfOptions(QGroupBox):
    """Charts chosen per section; the 绩效目标表 order (上移/下移); the chosen form's 主管部门及代码.
    Each change is one undoable edit of the file's settings."""

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__("版式", parent)
        self.session = session
        row = QHBoxLayout(self)
        row.setContentsMargins(6, 4, 6, 4)
        charts = QVBoxLayout()
        charts.addWidget(QLabel("绘制图表的小节："))
        self.chart_boxes: dict[str, QCheckBox] = {}
        for key, title in CHART_SECTIONS:
            box = QCheckBox(title)
            box.setObjectName(f"chart-{key}")
            box.toggled.connect(lambda on, k=key: self.set_section(k, on))
            self.chart_boxes[key] = box
            charts.addWidget(box)
        charts.addStretch(1)
        row.addLayout(charts)
        self.forms = QListWidget()
        self.forms.setObjectName("formOrder")
        self.forms.setMaximumHeight(120)
        self.forms.currentRowChanged.connect(self.show_department)
        order = QVBoxLayout()
        order.addWidget(QLabel("绩效目标表顺序："))
        order.addWidget(self.forms)
        row.addLayout(order, 3)
        moves = QVBoxLayout()
        moves.addStretch(1)
        self.up = QPushButton("上移")
        self.down = QPushButton("下移")
        self.reset = QPushButton("按项目表顺序")
        self.up.clicked.connect(lambda: self.move_form(-1))
        self.down.clicked.connect(lambda: self.move_form(1))
        self.reset.clicked.connect(self.reset_order)
        for button in (self.up, self.down, self.reset):
            moves.addWidget(button)
        row.addLayout(moves)
        dept = QVBoxLayout()
        dept.addWidget(QLabel("所选表的主管部门及代码："))
        self.department = QLineEdit()
        self.department.setObjectName("formDepartment")
        self.department.setToolTip("留空即用部门的“编码-名称”；有的部门在此印单位编码")
        self.department.editingFinished.connect(self.set_department)
        dept.addWidget(self.department)
        dept.addWidget(QLabel("部门整体支出绩效目标表标题："))
        self.dept_title = QLineEdit()
        self.dept_title.setObjectName("departmentFormTitle")
        self.dept_title.setPlaceholderText("部门整体支出绩效目标申报表")
        self.dept_title.editingFinished.connect(self.set_dept_title)
        dept.addWidget(self.dept_title)
        self.official = QCheckBox("按官方表式（含社会保险基金预算资金，人数带“人”）")
        self.official.toggled.connect(self.set_official)
        dept.addWidget(self.official)
        dept.addStretch(1)
        row.addLayout(dept, 2)
        self.shown: list[TargetForm] = []
        session.changed.connect(self.refresh)

    def showEvent(self, event: QShowEvent) -> None:
        self.refresh()
        super().showEvent(event)

    def refresh(self) -> None:
        budget = self.session.budget
        settings = budget.settings
        for key, box in self.chart_boxes.items():
            blocker = QSignalBlocker(box)
            box.setChecked(not settings.chart_sections or key in settings.chart_sections)
            box.setEnabled(settings.charts)
            del blocker
        blocker = QSignalBlocker(self.official)
        self.official.setChecked(settings.department_form_official)
        del blocker
        if not self.dept_title.hasFocus():
            self.dept_title.setText(settings.department_form_title)
        if not self.isVisible():
            return  # the order needs the PDF's module: computed when the step is shown
        self.shown = ordered(budget)
        current = max(self.forms.currentRow(), 0)
        blocker = QSignalBlocker(self.forms)
        self.forms.clear()
        for n, form in enumerate(self.shown, start=1):
            unit = budget.unit(form.unit)
            self.forms.addItem(f"{n}. {form.project}（{unit.name if unit else form.unit}）")
        self.forms.setCurrentRow(min(current, len(self.shown) - 1))
        del blocker
        self.show_department(self.forms.currentRow())

    def show_department(self, row: int) -> None:
        form = self.shown[row] if 0 <= row < len(self.shown) else None
        self.department.setEnabled(form is not None)
        dept = self.session.budget.department
        # as the form prints it when left blank; no lone "-" while the code is not entered
        self.department.setPlaceholderText("-".join(p for p in (dept.code, dept.name) if p))
        if not self.department.hasFocus():
            self.department.setText(department_of(self.session.budget, form) if form else "")

    # edits

    def set_section(self, key: str, on: bool) -> None:
        budget = self.session.budget
        chosen = [k for k, box in self.chart_boxes.items() if box.isChecked()]
        if not chosen:  # no section left: no charts at all
            after = with_settings(budget, charts=False, chart_sections=())
        else:
            every = len(chosen) == len(self.chart_boxes)
            after = with_settings(budget, chart_sections=() if every else tuple(chosen))
        self.session.apply(f"{'绘制' if on else '不绘制'}图表", after)

    def set_dept_title(self) -> None:
        text = self.dept_title.text().strip()
        budget = self.session.budget
        if text != budget.settings.department_form_title:
            self.session.apply("修改部门整体表标题", with_settings(budget, department_form_title=text))

    def set_official(self, on: bool) -> None:
        self.session.apply("部门整体表表式",
                           with_settings(self.session.budget, department_form_official=on))

    def move_form(self, step: int) -> None:
        row = self.forms.currentRow()
        target = row + step
        if not 0 <= row < len(self.shown) or not 0 <= target < len(self.shown):
            return
        forms = list(self.shown)
        forms[row], forms[target] = forms[target], forms[row]
        order = tuple(form_option(f) for f in forms)
        self.forms.setCurrentRow(target)
        self.session.apply("调整绩效目标表顺序", with_settings(self.session.budget, form_order=order))

    def reset_order(self) -> None:
        self.session.apply("绩效目标表按项目表顺序", with_settings(self.session.budget, form_order=()))

    def set_department(self) -> None:
        row = self.forms.currentRow()
        if not 0 <= row < len(self.shown):
            return
        form = self.shown[row]
        budget = self.session.budget
        text = self.department.text().strip()
        if text == department_of(budget, form):
            return
        others = tuple(o for o in budget.settings.forms if not option_matches(o, form))
        kept = (*others, form_option(form, text)) if text else others
        self.session.apply("修改主管部门及代码", with_settings(budget, forms=kept))
