"""The start page (新建, 从上年文件新建, 导入Excel, 打开示例, recent files) and the 新建 dialog."""

from __future__ import annotations

from pathlib import Path

from app.core.records import Budget, Department, Settings, Unit, UnitKind
from app.profiles.registry import DEPARTMENT_KIND, PROFILES, UNIT_KIND, profile
from forms.qt import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QSettings,
    QSignalBlocker,
    QSpinBox,
    Qt,
    QVBoxLayout,
    QWidget,
    Signal,
)

RECENT = "recent_files"
RECENT_LIMIT = 10


def recent_files() -> list[str]:
    value = QSettings().value(RECENT, [])
    files: list[object] = [value] if isinstance(value, str) else \
        list(value) if isinstance(value, list | tuple) else []
    return [str(f) for f in files if f]


def remember(path: Path) -> None:
    files = [str(path)] + [f for f in recent_files() if f != str(path)]
    QSettings().setValue(RECENT, files[:RECENT_LIMIT])


class StartPage(QWidget):
    """What to do first: a new file, last year's file, an Excel import, the sample, a recent file."""

    new_requested = Signal()
    carry_requested = Signal()
    import_requested = Signal()
    sample_requested = Signal()
    profile_sample_requested = Signal(str)  # another template's bundled sample, by profile id
    open_requested = Signal(str)  # "" asks for a file

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        outer = QHBoxLayout(self)
        outer.addStretch(1)
        column = QVBoxLayout()
        outer.addLayout(column, 3)
        outer.addStretch(1)
        title = QLabel("预算公开编制助手")
        title.setStyleSheet("font-size: 24pt; font-weight: bold;")
        column.addStretch(1)
        column.addWidget(title)
        intro = QLabel("从空白文件、上年的文件或预算系统导出的 Excel 开始，逐步填写，"
                       "审核后生成部门预算公开 PDF 和 Excel。")
        intro.setWordWrap(True)
        column.addWidget(intro)
        self.buttons: dict[str, QPushButton] = {}
        for key, text, note, signal in (
            ("new", "新建…",
             "选择公开模板（山西省、上海市…）和部门或单位预算公开，填写名称、年度和单位，从空白开始",
             self.new_requested),
            ("carry", "从上年文件新建…", "沿用单位、文字、延续项目及绩效目标，上年数取自上年文件",
             self.carry_requested),
            ("import", "导入 Excel…", "预算系统导出的数据表，或全套公开表", self.import_requested),
            ("sample", "打开示例", "晋城市科学技术局 2026 年部门预算", self.sample_requested),
            ("sample-shanghai", "打开上海示例",
             "上海市普陀区文化和旅游局 2026 年部门预算（上海市模板，9张表）", None),
        ):
            row = QHBoxLayout()
            button = QPushButton(text)
            button.setMinimumSize(180, 40)
            if signal is None:
                button.clicked.connect(lambda: self.profile_sample_requested.emit("shanghai"))
            else:
                button.clicked.connect(signal.emit)
            row.addWidget(button)
            label = QLabel(note)
            label.setStyleSheet("color: #555;")
            row.addWidget(label, 1)
            column.addLayout(row)
            self.buttons[key] = button
        open_button = QPushButton("打开文件…")
        open_button.setMinimumSize(180, 40)
        open_button.clicked.connect(lambda: self.open_requested.emit(""))
        self.buttons["open"] = open_button
        column.addWidget(open_button, 0, Qt.AlignmentFlag.AlignLeft)
        column.addWidget(QLabel("最近打开的文件（双击或回车打开）："))
        self.recent = QListWidget()
        self.recent.setMaximumHeight(200)
        self.recent.itemActivated.connect(self._activated)
        column.addWidget(self.recent)
        column.addStretch(2)
        self.refresh()

    def refresh(self) -> None:
        self.recent.clear()
        for name in recent_files():
            item = QListWidgetItem(f"{Path(name).name}    —    {Path(name).parent}")
            item.setData(Qt.ItemDataRole.UserRole, name)
            self.recent.addItem(item)
        if not self.recent.count():
            self.recent.addItem("（还没有）")

    def _activated(self, item: QListWidgetItem) -> None:
        name = item.data(Qt.ItemDataRole.UserRole)
        if isinstance(name, str) and name:
            self.open_requested.emit(name)


KINDS = {kind.value: kind for kind in UnitKind}


def parse_units(text: str) -> tuple[list[Unit], list[str]]:
    """Units typed one a line as "编码 名称 性质"; the problems, each naming its line."""
    units: list[Unit] = []
    errors: list[str] = []
    for number, line in enumerate(text.splitlines(), start=1):
        parts = line.split()
        if not parts:
            continue
        kind = UnitKind.INSTITUTION
        if len(parts) >= 3 and parts[-1] in KINDS:
            kind = KINDS[parts.pop()]
        if len(parts) < 2:
            errors.append(f"第{number}行：请写成“单位编码 单位名称 性质”，如 108001 某某局 行政")
            continue
        units.append(Unit(parts[0], " ".join(parts[1:]), kind))
    return units, errors


# a document kind in plain words (app.profiles.registry's kinds)
KIND_WORDS = {DEPARTMENT_KIND: "部门预算公开（主管部门，含所属单位）",
              UNIT_KIND: "单位预算公开（一个预算单位自己的）"}


class NewDialog(QDialog):
    """新建: the template (profile), the document's kind (部门 or 单位), the department (or unit),
    the year and the units, typed with the keyboard alone."""

    def __init__(self, year: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("新建预算文件")
        layout = QFormLayout(self)
        self.profile = QComboBox()
        for p in PROFILES:
            self.profile.addItem(f"{p.name}　{'、'.join(p.kinds)}预算", p.id)
        self.profile.setAccessibleName("公开模板")
        self.profile.setToolTip("部门预算公开的格式：所在省（市）财政部门规定的公开表和说明")
        self.kind = QComboBox()  # the document's kind: the first of the chosen template's, 部门
        self.kind.setAccessibleName("公开文件的类别")
        self.kind.setToolTip("部门预算公开：主管部门汇总本部门及所属单位；单位预算公开：一个预算单位自己的公开文件")
        self.name = QLineEdit()
        self.code = QLineEdit()
        self.year = QSpinBox()
        self.year.setRange(2000, 2100)
        self.year.setValue(year)
        self.units = QPlainTextEdit()
        self.units.setTabChangesFocus(True)
        layout.addRow("公开模板：", self.profile)
        layout.addRow("公开类别：", self.kind)
        layout.addRow("部门名称：", self.name)
        layout.addRow("主管部门代码：", self.code)
        layout.addRow("预算年度：", self.year)
        layout.addRow("所属单位：", self.units)
        self.form = layout
        self.profile.currentIndexChanged.connect(self.list_kinds)
        self.kind.currentIndexChanged.connect(self.word_labels)
        self.list_kinds()
        self.error = QLabel()
        self.error.setStyleSheet("color: #b00020;")
        self.error.setWordWrap(True)
        layout.addRow(self.error)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addRow(buttons)
        self.resize(560, 380)

    def budget(self) -> tuple[Budget | None, list[str]]:
        """The new budget, or None and every problem of what was typed."""
        errors = []
        if not self.name.text().strip():
            errors.append(f"请填写{self.chosen_kind()}名称。")
        units, unit_errors = parse_units(self.units.toPlainText())
        errors += unit_errors
        if errors:
            return None, errors
        department = Department(self.name.text().strip(), self.code.text().strip(), self.year.value())
        # a department's new file publishes its units' own documents too (单位预算公开, 财预〔2021〕29号);
        # a unit's file is that one document
        kind = self.chosen_kind()
        settings = Settings(unit_documents=kind != UNIT_KIND, profile=str(self.profile.currentData()),
                            kind=kind)
        return Budget(department, units=tuple(units), settings=settings), []

    def chosen_kind(self) -> str:
        kind = self.kind.currentData()
        return kind if isinstance(kind, str) else DEPARTMENT_KIND

    def list_kinds(self) -> None:
        """The chosen template's document kinds, in plain words; 部门 (the first) unless the
        kind chosen before is one of them too."""
        before = self.chosen_kind()
        kinds = profile(str(self.profile.currentData())).kinds
        blocker = QSignalBlocker(self.kind)
        self.kind.clear()
        for kind in kinds:
            self.kind.addItem(KIND_WORDS.get(kind, f"{kind}预算公开"), kind)
        self.kind.setCurrentIndex(kinds.index(before) if before in kinds else 0)
        del blocker
        self.word_labels()

    def word_labels(self) -> None:
        """The labels and examples of the fields in the chosen kind's words."""
        unit = self.chosen_kind() == UNIT_KIND
        for edit, words in ((self.name, ("部门名称：", "单位名称：")),
                            (self.code, ("主管部门代码：", "单位编码：")),
                            (self.units, ("所属单位：", "预算单位："))):
            label = self.form.labelForField(edit)
            if isinstance(label, QLabel):
                label.setText(words[unit])
        self.name.setPlaceholderText("如 晋城市科学技术局机关" if unit else "如 晋城市科学技术局")
        self.code.setPlaceholderText("如 108001" if unit else "如 108")
        self.units.setPlaceholderText(
            "每行一个单位：单位编码 单位名称 性质（行政/参公/事业）\n"
            + ("单位预算公开一般只有本单位一行，如：108001 晋城市科学技术局机关 行政" if unit
               else "如：108001 晋城市科学技术局 行政"))

    def accept(self) -> None:
        budget, errors = self.budget()
        if budget is None:
            self.error.setText("\n".join(errors))
            return
        super().accept()
