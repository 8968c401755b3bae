"""设置 → 保留的备份数: how many timestamped backups (FILE.<time>.bak) of the open file are kept."""

from __future__ import annotations

from dataclasses import replace

from app.core.records import Budget
from forms.qt import QDialog, QDialogButtonBox, QLabel, QSpinBox, QVBoxLayout, QWidget

MOST = 999


def with_backups_kept(budget: Budget, count: int) -> Budget:
    return replace(budget, settings=replace(budget.settings, backups_kept=count))


class BackupsDialog(QDialog):
    """The number of backups kept, typed or stepped; 确定 keeps it in the file."""

    def __init__(self, kept: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("保留的备份数")
        layout = QVBoxLayout(self)
        note = QLabel("导入 Excel 替换本文件的内容、或新文件替换它之前，会先把它备份为"
                      "“文件名.时间.bak”。只保留最新的若干份，更早的自动删除。")
        note.setWordWrap(True)
        layout.addWidget(note)
        self.count = QSpinBox()
        self.count.setRange(1, MOST)
        self.count.setValue(min(max(kept, 1), MOST))
        self.count.setSuffix(" 份")
        self.count.setAccessibleName("保留的备份数")
        layout.addWidget(self.count)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(420, 160)
