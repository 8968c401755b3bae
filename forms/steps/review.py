"""Step 9 审核: the findings of the checks; a double-click opens the place concerned."""

from __future__ import annotations

from app.checks import Severity
from forms.models.findings import FindingsModel
from forms.qt import QAbstractItemView, QLabel, QModelIndex, QShowEvent, QTableView, QWidget, Signal
from forms.session import Session
from forms.steps.base import StepPage


class ReviewStep(StepPage):
    """Every finding at once, errors first; double-click (or Enter) to go to the place."""

    go = Signal(str, object, object)  # form, row, field

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(session, "9 审核",
                         "以下为发布前的审核结果。“错误”须改正后才能生成正式文件，“提示”供参考。"
                         "双击一行（或按回车）转到对应的表单、行和栏目。", parent)
        self.count = QLabel()
        self.body.addWidget(self.count)
        self.model = FindingsModel(session, self, follow=False)
        self.view = QTableView()
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setWordWrap(False)
        self.view.verticalHeader().setDefaultSectionSize(24)
        self.view.horizontalHeader().setStretchLastSection(True)
        for column, width in enumerate((80, 190, 220)):
            self.view.setColumnWidth(column, width)
        self.view.doubleClicked.connect(self.open)
        self.view.activated.connect(self.open)
        self.body.addWidget(self.view, 1)
        self.refresh()

    def showEvent(self, event: QShowEvent) -> None:
        self.refresh()

    def refresh(self) -> None:
        if not self.isVisible():
            return  # the checks run when the step is shown
        self.model.refresh()
        found = self.session.findings
        errors = sum(1 for f in found if f.severity == Severity.ERROR)
        if not found:
            self.count.setText("审核通过：没有错误，也没有提示。")
        else:
            self.count.setText(f"错误 {errors} 条，提示 {len(found) - errors} 条。")

    def open(self, index: QModelIndex) -> None:
        if index.isValid():
            location = self.model.finding(index.row()).location
            self.go.emit(location.form, location.row, location.field)
