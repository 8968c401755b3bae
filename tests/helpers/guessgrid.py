"""A grid of the window over a budget with guess marks (推测), for the tests of how marks are
shown, filtered, confirmed and kept through edits."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from app.core.records import Budget

if TYPE_CHECKING:
    from pytestqt.qtbot import QtBot

    from forms.models.records import RecordModel
    from forms.session import Session
    from forms.steps.base import GridPanel


@dataclass
class GuessGrid:
    session: Session
    model: RecordModel
    panel: GridPanel
    fields: Sequence[Any]

    def column(self, path: str) -> int:
        """The grid's column of the field at path."""
        return next(c for c, f in enumerate(self.fields) if f.path == path)

    def marked(self, row: int, column: int) -> bool:
        """Whether the cell shows the guess style."""
        from forms.models.records import GUESS_BRUSH
        from forms.qt import Qt

        role = Qt.ItemDataRole.BackgroundRole
        return bool(self.model.data(self.model.index(row, column), role) == GUESS_BRUSH)


@contextmanager
def guess_grid(qtbot: QtBot, budget: Budget, tmp_path: Path, table: str, fields: Sequence[Any],
               marks: tuple[str, ...]) -> Iterator[GuessGrid]:
    """The grid of table (a list of the budget: "projects", "units") with the fields, over a
    file of budget with marks as its guesses; the session closed after."""
    from app.edits.editing import top
    from forms.models.records import RecordModel
    from forms.qt import QSettings
    from forms.session import Session
    from forms.steps.base import GridPanel

    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path / "s"))
    guessed = replace(budget, settings=replace(budget.settings, guesses=marks))
    session = Session.create(guessed, tmp_path / "g.budget")
    try:
        model = RecordModel(session, top(table), fields)
        panel = GridPanel(model)
        qtbot.addWidget(panel)
        yield GuessGrid(session, model, panel, fields)
    finally:
        session.close()
