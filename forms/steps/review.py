"""Step 9 审核: the findings of the checks; a double-click opens the place concerned."""

from __future__ import annotations

from dataclasses import replace

from app.checks.registry import Finding, Severity, acceptance_for
from app.core.records import Acceptance
from forms.models.findings import FindingsModel
from forms.qt import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QModelIndex,
    QPushButton,
    QShowEvent,
    QTableView,
    QWidget,
    Signal,
)
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
        self.view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)  # fast resets
        self.view.horizontalHeader().setStretchLastSection(True)
        for column, width in enumerate((80, 190, 220)):
            self.view.setColumnWidth(column, width)
        self.view.doubleClicked.connect(self.open)
        self.view.activated.connect(self.open)
        self.body.addWidget(self.view, 1)
        buttons = QHBoxLayout()
        self.accept_button = QPushButton("接受所选错误（须说明理由）…")
        self.accept_button.setToolTip("本省口径不同等原因：说明理由后该错误不再阻止发布，理由保存在文件中")
        self.accept_button.clicked.connect(self.accept_selected)
        self.withdraw_button = QPushButton("撤销接受")
        self.withdraw_button.clicked.connect(self.withdraw_selected)
        buttons.addWidget(self.accept_button)
        buttons.addWidget(self.withdraw_button)
        buttons.addStretch(1)
        self.body.addLayout(buttons)
        session.checked.connect(self.refresh)
        self.refresh()

    def showEvent(self, event: QShowEvent) -> None:
        self.refresh()

    def refresh(self) -> None:
        """The findings once the background checks have them; until then the last ones shown
        stay, marked as being checked again."""
        if not self.isVisible():
            return  # the checks run when the step is shown
        summary = self.session.known_summary
        if summary is None:
            self.count.setText("审核中…")
            self.session.check_later()
            return
        found = summary.findings
        self.model.show(summary.ordered, ordered=True)
        errors = summary.accepted + len(summary.unaccepted)
        if not found:
            self.count.setText("审核通过：没有错误，也没有提示。")
        else:
            self.count.setText(f"错误 {errors} 条，提示 {len(found) - errors} 条。")

    def open(self, index: QModelIndex) -> None:
        if index.isValid():
            location = self.model.finding(index.row()).location
            self.go.emit(location.form, location.row, location.field)

    def selected(self) -> Finding | None:
        rows = self.view.selectionModel().selectedRows()
        return self.model.finding(rows[0].row()) if rows else None

    def accept_selected(self) -> None:
        """Accept the selected 错误 with a reason the user writes; it then no longer blocks."""
        finding = self.selected()
        budget = self.session.budget
        if finding is None or finding.severity != Severity.ERROR:
            self.count.setText("请先选中一条“错误”（提示无须接受）。")
            return
        if acceptance_for(budget, finding) is not None:
            self.count.setText("这条错误已接受过；如要改理由，请先撤销接受。")
            return
        reason, ok = QInputDialog.getMultiLineText(
            self, "接受错误", f"{finding.message}\n\n请说明接受的理由（将保存在文件中，并随审核结果列出）：")
        if not ok or not reason.strip():
            return
        acceptance = Acceptance(finding.check, finding.location.key, reason.strip())
        self.session.apply("接受错误", replace(budget, acceptances=(*budget.acceptances,
                                                                    acceptance)))
        self.refresh()

    def withdraw_selected(self) -> None:
        finding = self.selected()
        budget = self.session.budget
        acceptance = acceptance_for(budget, finding) if finding is not None else None
        if acceptance is None:
            return
        kept = tuple(a for a in budget.acceptances if a is not acceptance)
        self.session.apply("撤销接受错误", replace(budget, acceptances=kept))
        self.refresh()
