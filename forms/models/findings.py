"""The findings of the checks as a table: severity, place, message."""

from __future__ import annotations

from typing import Any

from app.checks.registry import Finding, Severity, accepted
from app.edits.steps import step_at
from forms.qt import ROOT, AnyIndex, QAbstractTableModel, QBrush, QColor, QObject, Qt
from forms.session import Session

COLUMNS = ("类别", "步骤", "位置", "说明")
ERROR_BRUSH = QBrush(QColor("#b00020"))
HINT_BRUSH = QBrush(QColor("#8a6d00"))


class FindingsModel(QAbstractTableModel):
    """The current findings of the session's budget, errors first."""

    def __init__(self, session: Session, parent: QObject | None = None, follow: bool = True) -> None:
        super().__init__(parent)
        self.session = session
        self.findings: list[Finding] = []
        if follow:
            self.refresh()
            session.changed.connect(self.refresh)

    def refresh(self) -> None:
        """The current budget's findings (computed now if the background checks lack them)."""
        self.show(self.session.findings)

    def show(self, found: list[Finding], ordered: bool = False) -> None:
        """Show found (errors put first unless already ordered so)."""
        self.beginResetModel()
        self.findings = found if ordered else sorted(found, key=lambda f: f.severity != Severity.ERROR)
        self.endResetModel()

    def rowCount(self, parent: AnyIndex = ROOT) -> int:
        return 0 if parent.isValid() else len(self.findings)

    def columnCount(self, parent: AnyIndex = ROOT) -> int:
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return COLUMNS[section]
        return None

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        finding = self.findings[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            step = step_at(finding.location.form, finding.location.field)
            severity = finding.severity.value
            if accepted(self.session.budget, finding):
                severity += "（已说明）"
            return (severity, f"{step.number} {step.title}" if step else "",
                    finding.location.label, finding.message)[index.column()]
        if role == Qt.ItemDataRole.ForegroundRole and index.column() == 0:
            return ERROR_BRUSH if finding.severity == Severity.ERROR else HINT_BRUSH
        if role == Qt.ItemDataRole.ToolTipRole:
            return finding.message
        return None

    def finding(self, row: int) -> Finding:
        return self.findings[row]
