"""The unit codes the import numbers 001, 002… and the first unit's kind (taken as 行政) are
guesses, as its report says: they are marked, so the window shows them and 只看推测 finds them
(before, only the kinds of the units after the first were marked)."""

from __future__ import annotations

from dataclasses import replace

from app.core.records import Unit, UnitKind
from app.edits.editing import set_cell, top
from app.imports.tables.mapped import unit_guesses
from tests.conftest import load_sample
from tests.helpers.sample_import import sample_import


def test_the_imported_units_codes_and_kinds_are_marked() -> None:
    result = sample_import()
    budget = result.budget
    assert budget is not None and len(budget.units) > 1
    guesses = budget.settings.guesses
    assert "单位编码：表中没有，已暂编为 001、002……" in result.report.text()
    assert [u.code for u in budget.units][:2] == ["001", "002"]
    for i in range(len(budget.units)):
        assert f"units/{i}/code" in guesses
        assert f"units/{i}/kind" in guesses
    assert f"共涉及 {len(guesses)} 处" in result.report.text()
    # typing the unit's real code clears that mark only
    edited = set_cell(budget, top("units"), 0, "code", "108001")
    assert "units/0/code" not in edited.settings.guesses
    assert "units/0/kind" in edited.settings.guesses and "units/1/code" in edited.settings.guesses


def test_one_unit_alone_has_its_code_and_kind_marked() -> None:
    budget = replace(load_sample(), units=(Unit("001", "某部门", UnitKind.ADMIN),))
    assert unit_guesses(budget) == ["units/0/code", "units/0/kind"]
