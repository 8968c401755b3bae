"""Replacing what a file holds: asked first in Chinese, the old file kept as a timestamped backup."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from app.core.records import Budget
from app.edits.compare import summary
from app.store import storage
from forms.qt import QMessageBox, QWidget

REPLACE, INTO_OPEN, AS_NEW = "替换", "导入到当前文件", "另存为新文件"


def stamp() -> str:
    """The backups' time stamp, as the command line writes it (20261201-083000)."""
    return dt.datetime.now().strftime("%Y%m%d-%H%M%S")


def is_budget_file(path: Path) -> bool:
    """Whether path holds a budget file this program can read."""
    try:
        storage.load(path)
    except (storage.BudgetFileError, OSError):
        return False
    return True


def keep_backup(path: Path, keep: int | None = None) -> Path:
    """An atomic copy of the budget file path beside it (path.<stamp>.bak), returned; only the
    newest keep backups stay (keep: the file's own Settings.backups_kept unless given)."""
    kept = keep if keep is not None else storage.load(path).settings.backups_kept
    return storage.backup(path, stamp(), kept)


def ask_replace(parent: QWidget, path: Path) -> bool:
    """Whether the user lets the file at path be replaced (替换/取消; 取消 is the default)."""
    budget_file = is_budget_file(path)
    what = "预算文件" if budget_file else "文件"
    kept = "原文件将先备份（文件名后加时间和 .bak），可从备份恢复。" if budget_file else \
        "原文件将被覆盖。"
    box = QMessageBox(QMessageBox.Icon.Warning, "替换文件",
                      f"“{path.name}”已存在，是一个{what}。\n要用新的内容替换它吗？\n{kept}",
                      parent=parent)
    yes = box.addButton(REPLACE, QMessageBox.ButtonRole.DestructiveRole)
    no = box.addButton("取消", QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(no)
    box.exec()
    return box.clickedButton() is yes


def ask_import_into(parent: QWidget, before: Budget, after: Budget, name: str) -> str:
    """Where an import goes while a file is open: INTO_OPEN (after the change summary),
    AS_NEW, or "" (取消)."""
    box = QMessageBox(QMessageBox.Icon.Question, "导入 Excel",
                      f"已读取“{name}”。导入到当前文件将作如下改变（按数据工作簿的表）：\n\n"
                      f"{summary(before, after)}\n\n当前文件会先备份，导入后可用“撤销”恢复。",
                      parent=parent)
    into = box.addButton(INTO_OPEN, QMessageBox.ButtonRole.AcceptRole)
    new = box.addButton(AS_NEW, QMessageBox.ButtonRole.ActionRole)
    box.addButton("取消", QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(new)
    box.exec()
    clicked = box.clickedButton()
    return INTO_OPEN if clicked is into else AS_NEW if clicked is new else ""
