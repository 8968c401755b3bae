"""An import's guess marks (settings.guesses, "projects/3/kind") stay on the values they mark
when rows are sorted, inserted or deleted, and when next year's file keeps some projects: a
trial sorting the projects by name took a file's marks from 118 to 30 (every project mark
dropped, the guessed kinds no longer shown as guesses)."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from app.core.records import Budget, Indicator, Period, Project
from app.edits.carryover import carry_over
from app.edits.editing import (
    blank,
    confirm,
    delete_rows,
    indicators,
    insert_rows,
    sort_rows,
    top,
)
from tests.conftest import load_sample

SAMPLE = load_sample()
OTHERS = ("units/1/kind", "basic_function/2/unit")  # marks of other lists: never touched


def marked(budget: Budget, guesses: tuple[str, ...]) -> Budget:
    return replace(budget, settings=replace(budget.settings, guesses=guesses))


def project_marks(budget: Budget) -> dict[str, set[str]]:
    """project id → the fields of it marked as guessed."""
    found: dict[str, set[str]] = {}
    for g in budget.settings.guesses:
        form, row, field = g.split("/", 2)
        if form == "projects":
            found.setdefault(budget.projects[int(row)].id, set()).add(field)
    return found


def with_marks(rows: list[int]) -> Budget:
    """The sample with the kind (and, for even rows, the function) of rows marked."""
    guesses = [*OTHERS]
    for r in rows:
        guesses.append(f"projects/{r}/kind")
        if r % 2 == 0:
            guesses.append(f"projects/{r}/function")
    return marked(SAMPLE, tuple(guesses))


def test_sorting_projects_keeps_each_projects_marks() -> None:
    budget = with_marks(list(range(len(SAMPLE.projects))))
    before = project_marks(budget)
    assert len(budget.settings.guesses) == 2 + 13 + 7
    for descending in (False, True):
        after = sort_rows(budget, top("projects"), lambda p: p.name, descending)
        assert [p.name for p in after.projects] != [p.name for p in budget.projects]
        assert len(after.settings.guesses) == len(budget.settings.guesses)  # was 2 (all gone)
        assert project_marks(after) == before
        assert set(OTHERS) <= set(after.settings.guesses)


@given(st.lists(st.integers(0, 12), unique=True), st.integers(0, 13), st.integers(1, 3))
def test_inserted_rows_shift_the_marks_after_them(rows: list[int], at: int, count: int) -> None:
    budget = with_marks(rows)
    after = insert_rows(budget, top("projects"), at, [blank(Project)] * count)
    assert project_marks(after) == project_marks(budget)
    new = after.projects[at:at + count]
    assert all(p.id not in project_marks(after) for p in new)


@given(st.lists(st.integers(0, 12), unique=True), st.lists(st.integers(0, 12), unique=True))
def test_deleted_rows_take_their_marks_and_the_rest_move_up(rows: list[int],
                                                            gone: list[int]) -> None:
    budget = with_marks(rows)
    after = delete_rows(budget, top("projects"), gone)
    left = {SAMPLE.projects[i].id for i in gone}
    assert project_marks(after) == {k: v for k, v in project_marks(budget).items()
                                    if k not in left}
    assert set(OTHERS) <= set(after.settings.guesses)


def test_units_and_basic_lines_keep_their_marks_too() -> None:
    units = marked(SAMPLE, ("units/0/kind", "units/2/code", "projects/1/kind"))
    after = insert_rows(units, top("units"), 1, [blank(type(SAMPLE.units[0]))])
    assert after.settings.guesses == ("units/0/kind", "units/3/code", "projects/1/kind")
    after = delete_rows(units, top("units"), [0])
    assert after.settings.guesses == ("units/1/code", "projects/1/kind")
    lines = marked(SAMPLE, tuple(f"basic_function/{i}/unit" for i in range(3)))
    after = sort_rows(lines, top("basic_function"), lambda b: b.amount, True)
    moved = {after.basic_function[int(g.split("/")[1])] for g in after.settings.guesses}
    assert moved == set(SAMPLE.basic_function[:3])


def test_undo_gives_back_values_and_marks_together() -> None:
    """An edit is a new budget: the one before it (what undo restores) has the old marks."""
    budget = with_marks([0, 5])
    after = sort_rows(budget, top("projects"), lambda p: p.name)
    assert budget.settings.guesses == with_marks([0, 5]).settings.guesses
    again = sort_rows(after, top("projects"), lambda p: p.name)  # sorted already: no change
    assert again.settings.guesses == after.settings.guesses
    # a mark confirmed after the sort is the moved one, on the same project
    row = next(i for i, p in enumerate(after.projects) if p.id == SAMPLE.projects[5].id)
    assert project_marks(confirm(after, f"projects/{row}/kind")) == {
        SAMPLE.projects[0].id: {"kind", "function"}}


def test_a_view_sharing_its_form_drops_its_marks_as_before() -> None:
    """A project's indicators are listed under "targets" with other projects' rows: the marks
    under that form cannot be followed row by row, so they go (as they always did)."""
    budget = marked(SAMPLE, ("targets/0/name", "projects/0/kind"))
    coll = indicators(SAMPLE.projects[0].id, Period.ANNUAL)
    after = insert_rows(budget, coll, 0, [blank(Indicator)])
    assert after.settings.guesses == ("projects/0/kind",)


def test_next_years_file_keeps_the_marks_of_the_projects_it_keeps() -> None:
    kept = [1, 4, 9]
    budget = with_marks(list(range(len(SAMPLE.projects))))
    budget = marked(budget, (*budget.settings.guesses, "basic_economic/0/unit"))
    after = carry_over(budget, kept)
    ids = {p.id for p in after.projects}
    want: dict[str, Any] = {k: v for k, v in project_marks(budget).items() if k in ids}
    assert want and project_marks(after) == want
    assert "units/1/kind" in after.settings.guesses
    # this year's 基本支出 lines are entered anew: last year's marks on them would be wrong
    assert not any(g.startswith("basic_") for g in after.settings.guesses)
