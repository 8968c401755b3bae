"""Which step a finding's place leads to: the record's step, or step 8 for Shanghai's own facts."""

from __future__ import annotations

from app.core.findings import Finding, Location, Severity
from app.edits.steps import STEPS, State, state, step_at
from app.profiles.registry import SHANGHAI


def test_shanghai_facts_lead_to_step_8_wherever_their_record_is() -> None:
    assert step_at("assets", "office_area") is STEPS[6]  # the record's step
    assert step_at("assets", None) is STEPS[6]
    assert step_at("assets", "fleet.held") is STEPS[7]  # Shanghai's 车辆 (上海模板的内容)
    assert step_at("assets", "fleet") is STEPS[7]
    assert step_at("income", "kinds.operating") is STEPS[7]
    assert step_at("income", "this_year.general") is STEPS[1]
    assert step_at("texts", "function_uses") is STEPS[7]
    assert step_at("assets", "fleetwood") is STEPS[6]  # a prefix of a name is not its path
    assert step_at("nowhere", None) is None


def test_a_shanghai_facts_error_marks_step_8_not_its_records_step() -> None:
    budget = SHANGHAI.sample()
    wrong = [Finding("unit-sums", Severity.ERROR, "…", Location("assets", 7, "fleet.held", "…"))]
    assert state(budget, STEPS[7], wrong) == State.ERROR
    assert state(budget, STEPS[6], wrong) != State.ERROR
