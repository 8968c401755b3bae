"""Every item model of the forms, through pytest-qt's model tester, on the sample."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

from app.core.records import Period, Source
from app.edits.editing import top

pytestmark = pytest.mark.gui


def test_record_models(qtmodeltester: Any, session: Any) -> None:
    from app.edits.editing import indicators
    from forms.models.records import RecordModel
    from forms.steps.money import BASIC_ECONOMIC_FIELDS, BASIC_FUNCTION_FIELDS
    from forms.steps.others import THREE_PUBLIC_FIELDS, VEHICLE_FIELDS, VEHICLES
    from forms.steps.projects import PROJECT_FIELDS
    from forms.steps.target import INDICATOR_FIELDS
    from forms.steps.units import UNIT_FIELDS

    first = session.budget.projects[0]
    for coll, fields in ((top("units"), UNIT_FIELDS), (top("basic_function"), BASIC_FUNCTION_FIELDS),
                         (top("basic_economic"), BASIC_ECONOMIC_FIELDS), (top("projects"), PROJECT_FIELDS),
                         (top("three_public"), THREE_PUBLIC_FIELDS), (VEHICLES, VEHICLE_FIELDS),
                         (indicators(first.id, Period.ANNUAL), INDICATOR_FIELDS)):
        model = RecordModel(session, coll, fields)
        qtmodeltester.check(model, force_py=True)
        assert model.rowCount() == len(coll.get(session.budget)) + 1


def test_record_model_edits_rows_and_follows_undo(qtmodeltester: Any, session: Any) -> None:
    from forms.models.records import RecordModel
    from forms.qt import Qt
    from forms.steps.money import BASIC_FUNCTION_FIELDS

    model = RecordModel(session, top("basic_function"), BASIC_FUNCTION_FIELDS)
    qtmodeltester.check(model, force_py=True)
    count = len(session.budget.basic_function)
    amount = model.index(0, 4)
    before = session.budget.basic_function[0].amount
    assert model.data(amount) == f"{before:,.2f}"
    assert model.setData(amount, "1,000.5")
    assert session.budget.basic_function[0].amount == Decimal("1000.50")
    assert model.data(amount) == "1,000.50"
    assert model.setData(model.index(count, 1), "2060101")  # the blank row makes a new record
    assert len(session.budget.basic_function) == count + 1
    assert model.rowCount() == count + 2
    assert not model.setData(amount, "一千")
    session.undo.undo()
    assert len(session.budget.basic_function) == count
    session.undo.undo()
    assert session.budget.basic_function[0].amount == before
    session.undo.redo()
    assert session.budget.basic_function[0].amount == Decimal("1000.50")
    session.set_unit("万元")
    assert model.data(amount) == "0.10"
    assert model.data(amount, Qt.ItemDataRole.EditRole) == "0.10005"


def test_fixed_and_findings_models(qtmodeltester: Any, session: Any) -> None:
    from forms.models.findings import FindingsModel
    from forms.models.fixed import FixedModel
    from forms.steps.money import INCOME_COLUMNS, income_value, income_write

    rows = [s.value for s in Source] + ["合计"]
    income = FixedModel(session, rows, INCOME_COLUMNS, income_value, income_write,
                        lambda row, col: row < 5 and col in (0, 2))
    qtmodeltester.check(income, force_py=True)
    general = session.budget.income.this_year.general
    assert income.data(income.index(0, 0)) == f"{general:,.2f}"
    assert income.data(income.index(5, 4)) == "0.00"  # the sample is balanced
    assert income.setData(income.index(0, 0), str(general + 100))
    assert income.data(income.index(5, 4)) == "100.00"
    assert not income.flags(income.index(5, 0)) & income.flags(income.index(0, 0)).ItemIsEditable
    findings = FindingsModel(session)
    qtmodeltester.check(findings, force_py=True)
    assert findings.rowCount() == len(session.findings)
    assert any("一般公共预算" in f.message or f.location.form == "income" for f in findings.findings)
