"""Qt's own dialogs speak Chinese, and file dialogs open where the user's file is."""

from __future__ import annotations

from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from forms.app import application
from forms.folders import in_folder, remember, start_folder
from forms.qt import QDialogButtonBox, QMessageBox, QSettings

pytestmark = pytest.mark.gui


def test_standard_buttons_are_chinese(qtbot: QtBot) -> None:
    application()
    box = QMessageBox(QMessageBox.Icon.Question, "标题", "要替换吗？",
                      QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No
                      | QMessageBox.StandardButton.Cancel)
    qtbot.addWidget(box)
    texts = {box.button(b).text().replace("&", "") for b in (
        QMessageBox.StandardButton.Yes, QMessageBox.StandardButton.No,
        QMessageBox.StandardButton.Cancel)}
    assert all(any("\u4e00" <= ch <= "\u9fff" for ch in t) for t in texts), texts
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                               | QDialogButtonBox.StandardButton.Cancel)
    qtbot.addWidget(buttons)
    ok = buttons.button(QDialogButtonBox.StandardButton.Ok).text().replace("&", "")
    assert "确定" in ok, ok


def test_file_dialogs_start_in_the_open_files_folder(tmp_path: Path) -> None:
    application()
    QSettings().remove("last_folder")
    budget = tmp_path / "某局" / "某局2026.budget"
    budget.parent.mkdir()
    assert start_folder(budget) == str(budget.parent)
    assert in_folder("新.pdf", budget) == str(budget.parent / "新.pdf")
    other = tmp_path / "别处"
    other.mkdir()
    remember(str(other / "x.xlsx"))
    assert start_folder() == str(other)
    QSettings().remove("last_folder")
