"""设置 → 保留的备份数: typed in a small dialog, kept in the file (撤销 takes it back), and the
window's backups are pruned to it."""

from __future__ import annotations

import itertools
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from app.store import storage
from tests.gui.test_gui_flow import keys

pytestmark = pytest.mark.gui


@pytest.fixture
def window(make_window: Callable[..., Any]) -> Any:
    return make_window(size=(1366, 768), settings=True, font=True)


def answer(qtbot: Any, typed: str, ok: bool = True) -> None:
    """When the dialog opens: select the count, type typed, press Enter (or Escape)."""
    from forms.backups import BackupsDialog
    from forms.qt import QApplication, Qt, QTimer

    def fill() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, BackupsDialog):
            QTimer.singleShot(20, fill)
            return
        dialog.count.setFocus()
        dialog.count.selectAll()
        keys(qtbot, dialog.count, typed)
        qtbot.keyClick(dialog.count, Qt.Key.Key_Return if ok else Qt.Key.Key_Escape)

    QTimer.singleShot(0, fill)


def test_backups_kept_is_set_in_the_settings_menu_and_undone(
        window: Any, qtbot: Any, sample: Any, tmp_path: Path) -> None:
    assert not window.backups_action.isEnabled()  # a setting of a file: none is open
    path = tmp_path / "jc.budget"
    storage.save(sample, path)
    assert window.open_path(path)
    assert window.backups_action.isEnabled()
    assert window.backups_action.text() == "保留的备份数…"
    assert window.backups_action in window.menuBar().actions()[3].menu().actions()  # 设置
    answer(qtbot, "3")
    window.backups_action.trigger()
    assert window.session.budget.settings.backups_kept == 3
    qtbot.waitUntil(lambda: storage.load(path).settings.backups_kept == 3)
    answer(qtbot, "7", ok=False)  # 取消 changes nothing
    window.backups_action.trigger()
    assert window.session.budget.settings.backups_kept == 3
    window.session.undo.undo()
    assert window.session.budget.settings.backups_kept == 20
    window.close_file()
    assert not window.backups_action.isEnabled()


def test_the_window_keeps_only_that_many_backups(window: Any, qtbot: Any, sample: Any,
                                                 tmp_path: Path, monkeypatch: Any) -> None:
    from forms import replacing

    seconds = itertools.count()
    monkeypatch.setattr(replacing, "stamp", lambda: f"20261201-0800{next(seconds):02d}")
    path = tmp_path / "jc.budget"
    storage.save(sample, path)
    assert window.open_path(path)
    answer(qtbot, "2")
    window.backups_action.trigger()
    for _ in range(4):  # 导入 Excel into the open file: a backup each time
        window.import_into_open(window.session.budget, "")
    kept = storage.backups(path)
    assert [p.name for p in kept] == ["jc.budget.20261201-080003.bak", "jc.budget.20261201-080002.bak"]
    window.close_file()
    # a new file replacing this one: the replaced file's own count (2) applies
    monkeypatch.setattr("forms.main_window.ask_replace", lambda parent, p: True)
    assert window.create_file(sample, path)
    assert len(storage.backups(path)) == 2 and storage.backups(path)[0].name.endswith("080004.bak")
