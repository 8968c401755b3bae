"""导入Excel runs the 13-table import off the interface thread, with progress and 取消."""

from __future__ import annotations

import time
from pathlib import Path

from pytestqt.qtbot import QtBot

from app.compute.tabledef import Table
from app.core.errors import Cancelled
from app.core.records import Budget
from forms.importing import ImportRunner
from forms.main_window import import_excel
from forms.qt import QWidget
from forms.worker import IsCancelled, Progress
from tests.helpers.guessgrid import guess_grid
from tests.helpers.table_workbook import write_workbook
from tests.helpers.xls_workbook import to_xls


def test_import_runs_in_a_worker_and_reports(qtbot: QtBot, sample_tables: tuple[Table, ...],
                                             tmp_path: Path) -> None:
    path = to_xls(write_workbook(sample_tables, tmp_path / "t.xlsx"), tmp_path / "t.xls")
    parent = QWidget()
    qtbot.addWidget(parent)
    got: list[tuple[Budget | None, str]] = []
    seen: list[int] = []
    runner = ImportRunner(parent, path, import_excel, lambda b, r: got.append((b, r)))
    runner.job.progress.connect(seen.append)
    qtbot.waitUntil(lambda: bool(got), timeout=60_000)
    budget, report = got[0]
    assert budget is not None and "从各表读取的内容" in report
    assert budget.settings.guesses
    assert seen and max(seen) == 100


def test_cancel_stops_the_import(qtbot: QtBot, tmp_path: Path) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    got: list[object] = []

    def slow(path: Path, progress: Progress, cancelled: IsCancelled) -> tuple[Budget | None, str]:
        while not cancelled():
            time.sleep(0.01)
        raise Cancelled("导入已取消。")

    runner = ImportRunner(parent, tmp_path / "x.xlsx", slow, lambda b, r: got.append(b))
    with qtbot.waitSignal(runner.job.stopped, timeout=10_000):
        runner.dialog.canceled.emit()  # as the 取消 button does
    assert got == []
    assert runner.cancelled


def test_guesses_are_shown_filtered_and_confirmed(qtbot: QtBot, sample: Budget,
                                                  tmp_path: Path) -> None:
    from forms.steps.projects import PROJECT_FIELDS

    marks = ("projects/1/kind", "projects/3/kind")
    with guess_grid(qtbot, sample, tmp_path, "projects", PROJECT_FIELDS, marks) as g:
        session, model, panel, kind = g.session, g.model, g.panel, g.column("kind")
        assert g.marked(1, kind) and not g.marked(0, kind)
        panel.guesses_only.setChecked(True)
        assert [r for r in range(len(sample.projects)) if not panel.grid.isRowHidden(r)] == [1, 3]
        model.confirm([model.index(1, kind)])
        assert session.budget.settings.guesses == ("projects/3/kind",)
        assert model.setData(model.index(3, kind), "其他运转类")
        assert session.budget.settings.guesses == ()
        assert not panel.confirm_button.isVisibleTo(panel)


def test_window_asks_the_project_kind_once(qtbot: QtBot, sample_tables: tuple[Table, ...],
                                           tmp_path: Path, monkeypatch: object) -> None:
    import pytest

    from app.core.records import ProjectKind
    from app.imports.tables.importer import import_tables
    from forms.main_window import MainWindow
    from forms.qt import QInputDialog

    assert isinstance(monkeypatch, pytest.MonkeyPatch)
    budget = import_tables(write_workbook(sample_tables, tmp_path / "t.xlsx")).budget
    assert budget is not None
    window = MainWindow()
    qtbot.addWidget(window)
    monkeypatch.setattr(QInputDialog, "getItem", lambda *a, **k: ("其他运转类", True))
    told = window.ask_project_kind(budget)
    assert {p.kind for p in told.projects} == {ProjectKind.OPERATING}
