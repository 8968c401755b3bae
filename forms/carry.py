"""从上年文件新建: what goes into the new year's file, what stays behind and why, and a choice."""

from __future__ import annotations

from app.core.records import Budget
from app.edits.carryover import dropped
from forms.qt import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    Qt,
    QVBoxLayout,
    QWidget,
)


def summary(previous: Budget) -> str:
    """What carry_over keeps, in words."""
    left = len(dropped(previous))
    kept = len(previous.projects) - left
    return (f"将从 {previous.department.year} 年的文件带到 {previous.department.year + 1} 年："
            f"{len(previous.units)} 个单位、{kept} 个延续项目及其绩效目标表（金额待填）、"
            f"部门职责与机构设置、名词解释等文字，上年数取自 {previous.department.year} 年的预算。")


class CarryDialog(QDialog):
    """Lists the projects left behind with their reasons; ticked ones are carried too."""

    def __init__(self, previous: Budget, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("从上年文件新建")
        self.resize(640, 420)
        layout = QVBoxLayout(self)
        text = QLabel(summary(previous))
        text.setWordWrap(True)
        layout.addWidget(text)
        self.list = QListWidget()
        left = dropped(previous)
        if left:
            note = QLabel(f"以下 {len(left)} 个项目不会带过去（原因见每行）；如仍要带上，请勾选：")
            note.setWordWrap(True)
            layout.addWidget(note)
            for index, reason in left:
                project = previous.projects[index]
                unit = previous.unit(project.unit)
                item = QListWidgetItem(f"{project.name}（{unit.name if unit else project.unit}）：{reason}")
                item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                item.setCheckState(Qt.CheckState.Unchecked)
                item.setData(Qt.ItemDataRole.UserRole, index)
                self.list.addItem(item)
            layout.addWidget(self.list)
        else:
            layout.addWidget(QLabel("上年的项目全部延续，都会带过去。"))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def chosen(self) -> set[int]:
        """The indexes of the left-behind projects the user ticked."""
        return {int(self.list.item(i).data(Qt.ItemDataRole.UserRole)) for i in range(self.list.count())
                if self.list.item(i).checkState() == Qt.CheckState.Checked}
