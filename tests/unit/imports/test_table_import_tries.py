"""How often the import maps the tables again when the amounts cannot meet every figure with
the projects' 项 as first found (`importer.tries`): a small department gets up to twelve
orders of the packings, and an order that places every project as an earlier one did is not
fitted again; two tries in a row placing them as the one before end the tries (the searches'
fallback gives the same answer whatever the order: 6 s a try at 73 projects)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from app.imports.tables import importer
from app.profiles.shanxi.tables import build_tables
from tests.helpers.synthetic import generate
from tests.helpers.table_workbook import write_workbook
from tests.unit.imports.test_table_import_packing import in_functions


def counted(monkeypatch: pytest.MonkeyPatch, broken: int) -> tuple[list[int], list[int]]:
    """Counts of the mappings and fits of one import, every fit reporting `broken` figures."""
    maps, fits = [0], [0]
    mapper, fit = importer.MAPPERS["shanxi"], importer.fit

    def mapping(*args: Any) -> Any:
        maps[0] += 1
        return mapper(*args)

    def fitting(*args: Any) -> Any:
        fits[0] += 1
        budget, moved, _ = fit(*args)
        return budget, moved, broken

    monkeypatch.setitem(importer.MAPPERS, "shanxi", mapping)
    monkeypatch.setattr(importer, "fit", fitting)
    return maps, fits


def test_orders_that_place_the_projects_alike_are_not_fitted_again(
        monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    budget = in_functions(generate(units=3, projects=12, seed=1), 2)  # 项 the figures leave open
    path = write_workbook(build_tables(budget), tmp_path / "t.xlsx")
    maps, fits = counted(monkeypatch, broken=1)
    result = importer.import_tables(path)
    assert result.budget is not None
    assert fits[0] < maps[0] <= importer.MOST_TRIES  # some orders repeated an earlier one


def test_orders_that_all_place_the_projects_alike_end_the_tries(
        monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    budget = in_functions(generate(units=3, projects=12, seed=1), 2)
    path = write_workbook(build_tables(budget), tmp_path / "t.xlsx")
    maps, fits = counted(monkeypatch, broken=1)
    mapper = importer.MAPPERS["shanxi"]
    first: list[Any] = []

    def always_the_first(*args: Any) -> Any:  # as when every search falls back alike
        if not first:
            first.append(mapper(*args))
        else:
            mapper(*args)
        return first[0]

    monkeypatch.setitem(importer.MAPPERS, "shanxi", always_the_first)
    importer.import_tables(path)
    assert maps == [1 + importer.REPEATS] and fits == [1]


def test_a_department_that_comes_back_exact_is_mapped_once(
        monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    budget = in_functions(generate(units=3, projects=12, seed=1), 2)
    path = write_workbook(build_tables(budget), tmp_path / "t.xlsx")
    maps, fits = counted(monkeypatch, broken=0)
    importer.import_tables(path)
    assert maps == fits == [1]


def test_small_departments_get_more_tries_than_large_ones() -> None:
    assert importer.tries(93) == importer.MOST_TRIES > importer.tries(250) == importer.TRIES
