"""Pasting over an import's guesses (推测) takes their marks off, as typing over them does: the
user who pastes a column of 项目类别 from Excel has set those values."""

from __future__ import annotations

from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from app.core.records import Budget, ProjectKind
from tests.helpers.guessgrid import guess_grid

pytestmark = pytest.mark.gui


def test_pasted_cells_lose_their_guess_marks(qtbot: QtBot, sample: Budget,
                                             tmp_path: Path) -> None:
    from forms.steps.projects import PROJECT_FIELDS

    marks = ("projects/0/kind", "projects/1/kind", "projects/2/kind", "projects/3/kind",
             "projects/1/function")
    with guess_grid(qtbot, sample, tmp_path, "projects", PROJECT_FIELDS, marks) as g:
        session, model, kind = g.session, g.model, g.column("kind")
        # rows 2 and 3 pasted with a kind; row 1 with a kind nobody has: that cell is refused
        # and keeps its mark, as does the 功能科目 guess of row 1 the paste did not reach
        errors = model.paste_text(1, kind, [["不是类别"], ["其他运转类"], ["特定目标类"]])
        assert len(errors) == 1 and "第2行" in errors[0]
        budget = session.budget
        assert budget.projects[2].kind == ProjectKind.OPERATING
        assert budget.projects[3].kind == ProjectKind.TARGETED
        assert budget.settings.guesses == ("projects/0/kind", "projects/1/kind",
                                           "projects/1/function")
        assert not g.marked(2, kind) and g.marked(1, kind)
        # one edit: undo brings values and marks back together
        session.undo.undo()
        assert session.budget.settings.guesses == marks
