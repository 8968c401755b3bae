"""Sorting, inserting and deleting rows in a grid keeps an import's guess marks (推测) on the
values they mark: sorting the projects by 项目名称 dropped every project mark (a trial: 118
marks → 30), so the guessed kinds no longer showed as guesses nor under 只看推测."""

from __future__ import annotations

from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from app.core.records import Budget
from tests.helpers.guessgrid import guess_grid

pytestmark = pytest.mark.gui


def test_sorting_the_projects_grid_keeps_the_marks_on_the_same_projects(
        qtbot: QtBot, sample: Budget, tmp_path: Path) -> None:
    from forms.steps.projects import PROJECT_FIELDS

    marks = ("projects/0/kind", "projects/4/kind", "projects/4/function", "projects/11/kind",
             "units/1/kind")
    with guess_grid(qtbot, sample, tmp_path, "projects", PROJECT_FIELDS, marks) as g:
        session, model, panel = g.session, g.model, g.panel
        kind, name = g.column("kind"), g.column("name")
        ids = [sample.projects[i].id for i in (0, 4, 11)]

        def marked_ids() -> list[str]:
            return [model.records[r].id for r in range(len(model.records)) if g.marked(r, kind)]

        def shown_ids() -> set[str]:
            return {model.records[r].id for r in range(len(model.records))
                    if not panel.grid.isRowHidden(r)}

        assert sorted(marked_ids()) == sorted(ids)
        panel.guesses_only.setChecked(True)
        panel.grid.setCurrentIndex(model.index(0, name))
        panel.grid.sort_current()  # as the 排序 action does: by 项目名称
        names = [p.name for p in session.budget.projects]
        assert names == sorted(names) and names != [p.name for p in sample.projects]
        assert len(session.budget.settings.guesses) == len(marks)  # was 1: units/1/kind
        assert sorted(marked_ids()) == sorted(ids)
        assert shown_ids() == set(ids)  # 只看推测 shows the same three projects
        row = next(r for r, p in enumerate(model.records) if p.id == ids[1])
        assert g.marked(row, g.column("function"))
        # an insert above shifts them, a delete takes its row's marks along
        panel.guesses_only.setChecked(False)
        panel.grid.setCurrentIndex(model.index(0, name))
        panel.grid.insert_row()
        assert sorted(marked_ids()) == sorted(ids)
        gone = next(r for r, p in enumerate(model.records) if p.id == ids[0])
        model.remove([gone])
        assert sorted(marked_ids()) == sorted(ids[1:])
        # undo brings values and marks back together, step by step; redo again
        session.undo.undo()
        assert sorted(marked_ids()) == sorted(ids)
        session.undo.undo()
        session.undo.undo()
        assert session.budget.settings.guesses == marks
        assert [p.name for p in session.budget.projects] == [p.name for p in sample.projects]
        session.undo.redo()
        assert sorted(marked_ids()) == sorted(ids)
        assert [p.name for p in session.budget.projects] == names


def test_the_units_guessed_codes_and_kinds_show_and_filter(qtbot: QtBot, sample: Budget,
                                                           tmp_path: Path) -> None:
    """The import marks every unit's code (暂编 001…) and kind: the units grid shows them."""
    from forms.steps.units import UNIT_FIELDS

    marks = ("units/0/code", "units/0/kind", "units/2/code")
    with guess_grid(qtbot, sample, tmp_path, "units", UNIT_FIELDS, marks) as g:
        code, kind = g.column("code"), g.column("kind")
        assert g.marked(0, code) and g.marked(0, kind) and not g.marked(1, code)
        g.panel.guesses_only.setChecked(True)
        assert [r for r in range(len(sample.units)) if not g.panel.grid.isRowHidden(r)] == [0, 2]
        assert g.model.setData(g.model.index(2, code), "108009")
        assert g.session.budget.settings.guesses == ("units/0/code", "units/0/kind")


def test_the_amounts_an_import_moved_show_as_guesses(qtbot: QtBot, tmp_path: Path) -> None:
    """A project amount moved for the tables' 尾差 (not a multiple of 100 元 from 万元 tables)
    shows the guess style in the projects grid and 只看推测 keeps its row; the project's other
    amounts, as printed, do not."""
    from app.imports.tables.importer import import_tables
    from app.profiles.shanxi.tables import build_tables
    from forms.steps.projects import PROJECT_FIELDS
    from tests.helpers.synthetic import generate
    from tests.helpers.table_workbook import write_workbook

    result = import_tables(write_workbook(build_tables(generate(10, 60, seed=1)),
                                          tmp_path / "t.xlsx"))
    budget = result.budget
    assert budget is not None
    marks = budget.settings.guesses
    with guess_grid(qtbot, budget, tmp_path, "projects", PROJECT_FIELDS, marks) as g:
        shown = []
        for row, p in enumerate(g.model.records):
            for part in ("amounts", "carryover"):
                for field in ("general", "fund", "capital", "special", "unit"):
                    amount = getattr(getattr(p, part), field)
                    if amount:
                        assert g.marked(row, g.column(f"{part}.{field}")) == bool(amount % 100)
                        shown.append(bool(amount % 100))
        assert any(shown) and not all(shown)
        g.panel.guesses_only.setChecked(True)
        rows = {r for r in range(len(g.model.records)) if not g.panel.grid.isRowHidden(r)}
        moved = {r for r, p in enumerate(g.model.records)
                 if any(getattr(getattr(p, part), f) % 100 for part in ("amounts", "carryover")
                        for f in ("general", "fund", "capital", "special", "unit"))}
        assert moved <= rows
