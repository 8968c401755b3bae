"""No grid of any step cuts off a column's heading (the target form's 市县（区）财政资金（元） was
shown as "（区）财政资金（")."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from app.edits.steps import STEPS
from app.store import storage

pytestmark = pytest.mark.gui


def test_every_heading_is_shown_whole(make_window: Callable[..., Any], sample: Any,
                                      tmp_path: Path) -> None:
    from forms.grid import Grid
    from forms.qt import QApplication, Qt

    window = make_window(font=True)
    storage.save(sample, tmp_path / "s.budget")
    assert window.open_path(tmp_path / "s.budget")
    cut: list[tuple[int, str]] = []
    grids = 0
    for step in STEPS:
        page = window.editor.go(step.number)
        QApplication.processEvents()
        for grid in page.findChildren(Grid):
            grids += 1
            header = grid.horizontalHeader()
            metrics = header.fontMetrics()
            for column in range(grid.model().columnCount() - 1):  # the last one stretches
                heading = str(grid.model().headerData(column, Qt.Orientation.Horizontal) or "")
                if grid.columnWidth(column) < metrics.horizontalAdvance(heading) + 8:
                    cut.append((step.number, heading))
    assert grids >= 8  # the steps' grids were all looked at
    assert not cut, cut
