"""Mutations of the sample at every place (and at random ones): each is caught by some check.

A mutation is one change a hurried user could make: change one amount that is entered twice
(a spending line, an economic line, a project's money, the income, a target form's 年度资金),
delete one indicator, blank one text the document needs, cut a digit off a code or the unit
off an 指标值. "Caught" means a finding appears that the sample does not have; amounts must
give a 错误. Figures entered once (last year's, 政府采购) have nothing to be checked against,
and deleting one of two indicators of the same name in a period leaves the name in place, so
those are not mutations here.

Each mutation is reviewed by the registered families of checks that are about its kind (the
amounts' and codes' by the balance and consistency checks, an indicator's by the target
forms' checks, a blank by the completeness checks and those of its record): the wording and
inspectors' checks lay out the whole text, cost five sixths of a review and catch none of
these mutations alone. A broken check of a family still fails the test: some mutation is
then caught by no check.
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from functools import cache
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from app.checks.registry import CHECKS, TITLES, Check, Severity
from app.checks.targets import placeholder, quantity, timely
from app.core.records import Budget
from app.profiles.shanxi.sample import load_sample
from tests.helpers.edit import drop, get, put

Mutation = tuple[str, Budget]


@cache
def base() -> Budget:
    return load_sample()


# the registered checks' modules (app.checks.<family>) that review each kind of mutation
FAMILIES = {
    "amount": ("balance", "consistency"),
    "code": ("balance", "consistency"),
    "delete": ("targets",),
    "unit": ("targets",),
    "blank": ("balance", "consistency", "completeness", "department"),
    "blank-form": ("completeness", "targets"),  # a blank in a target form
}


@cache
def checks_about(kind: str) -> tuple[Check, ...]:
    """The registered checks of the families that review this kind of mutation."""
    modules = {f"app.checks.{family}" for family in FAMILIES[kind]}
    chosen = tuple(check for check in CHECKS if check.__module__ in modules)
    assert {check.__module__ for check in chosen} == modules, kind
    return chosen


def review(budget: Budget, kind: str) -> list[tuple[str, Severity, str]]:
    found = [finding for check in checks_about(kind) for finding in check(budget)]
    assert all(f.check in TITLES for f in found)
    return [(f.check, f.severity, f.message) for f in found]


@cache
def base_findings(kind: str) -> frozenset[tuple[str, Severity, str]]:
    return frozenset(review(base(), kind))


def new_findings(budget: Budget, kind: str) -> list[tuple[str, Severity, str]]:
    known = base_findings(kind)
    return [f for f in review(budget, kind) if f not in known]


SOURCES = ("general", "fund", "capital", "special", "unit")


def amount_places(b: Budget) -> list[str]:
    """Every amount that another figure must agree with."""
    places = [f"basic_function.{i}.amount" for i in range(len(b.basic_function))]
    places += [f"basic_economic.{i}.amount" for i in range(len(b.basic_economic))]
    for i, p in enumerate(b.projects):
        places += [f"projects.{i}.amounts.{s}" for s in SOURCES]
        places += [f"projects.{i}.carryover.{s}" for s in SOURCES if p.carryover.total]
    places += [f"income.{part}.{s}" for part in ("this_year", "carryover") for s in SOURCES]
    places += [f"targets.{i}.annual.local" for i in range(len(b.targets))]
    return places


def changed_amounts(b: Budget, delta: Decimal) -> Iterator[Mutation]:
    for place in amount_places(b):
        value = get(b, place) or Decimal("0.00")
        yield f"{place} {value} → {value + delta}", put(b, place, value + delta)


def unique_indicators(b: Budget) -> Iterator[tuple[int, int]]:
    """(form, indicator) of every indicator but placeholders and rows whose name repeats."""
    for i, form in enumerate(b.targets):
        for j, ind in enumerate(form.indicators):
            twins = [x for x in form.indicators if (x.period, x.level3) == (ind.period, ind.level3)]
            if not placeholder(ind) and len(twins) == 1:
                yield i, j


def deleted_indicators(b: Budget) -> Iterator[Mutation]:
    for i, j in unique_indicators(b):
        ind = b.targets[i].indicators[j]
        yield f"delete {b.targets[i].project} {ind}", drop(b, f"targets.{i}.indicators.{j}")


TEXTS = ("duties", "organization", "reason_total", "reason_operating", "services_catalog", "other")
FORM_TEXTS = ("overview", "basis", "necessity", "measures", "plan", "goal_implementation",
              "goal_annual", "attribute", "period")


def text_places(b: Budget) -> list[str]:
    places = [f"texts.{t}" for t in TEXTS]
    for k in range(len(b.texts.glossary)):
        places += [f"texts.glossary.{k}.term", f"texts.glossary.{k}.definition"]
    places += ["department.name", "department.code"]
    places += [f"units.{k}.name" for k in range(len(b.units))]
    places += [f"projects.{k}.name" for k in range(len(b.projects))]
    for i, form in enumerate(b.targets):
        places += [f"targets.{i}.{t}" for t in FORM_TEXTS]
        for j, ind in enumerate(form.indicators):
            if not placeholder(ind):
                places += [f"targets.{i}.indicators.{j}.level3", f"targets.{i}.indicators.{j}.value"]
    return [p for p in places if str(get(b, p)).strip()]


def blank_kind(place: str) -> str:
    return "blank-form" if place.startswith("targets.") else "blank"


def blanked_texts(b: Budget) -> Iterator[tuple[str, Budget, str]]:
    for place in text_places(b):
        yield f"blank {place}", put(b, place, ""), blank_kind(place)


def broken_codes(b: Budget) -> Iterator[Mutation]:
    places = [f"basic_function.{i}.function" for i in range(len(b.basic_function))]
    places += [f"projects.{i}.function" for i in range(len(b.projects))]
    places += [f"basic_economic.{i}.{f}" for i in range(len(b.basic_economic)) for f in ("dept", "gov")]
    for place in places:
        code = get(b, place)
        yield f"cut {place} {code}", put(b, place, code[:-1])


def unitless_values(b: Budget) -> Iterator[Mutation]:
    for i, form in enumerate(b.targets):
        for j, ind in enumerate(form.indicators):
            q = quantity(ind.value)
            if q is not None and q.unit and not timely(ind):
                place = f"targets.{i}.indicators.{j}.value"
                yield f"unitless {place} {ind.value}", put(b, place, f"{q.direction}{q.number}")


def test_every_amount_change_gives_an_error() -> None:
    b = base()
    missed = []
    count = 0
    for delta in (Decimal("0.01"), Decimal("1.00"), Decimal("-10000.00")):
        for name, mutated in changed_amounts(b, delta):
            count += 1
            if not any(sev == Severity.ERROR for _, sev, _ in new_findings(mutated, "amount")):
                missed.append(name)
    assert count > 300
    assert missed == []


def test_every_deleted_indicator_is_noticed() -> None:
    mutations = list(deleted_indicators(base()))
    assert len(mutations) > 250
    assert [name for name, mutated in mutations if not new_findings(mutated, "delete")] == []


def test_every_blanked_text_is_noticed() -> None:
    mutations = list(blanked_texts(base()))
    assert len(mutations) > 600
    assert [name for name, mutated, kind in mutations if not new_findings(mutated, kind)] == []


def test_every_broken_code_and_unitless_value_is_an_error() -> None:
    mutations = [*((name, mutated, "code") for name, mutated in broken_codes(base())),
                 *((name, mutated, "unit") for name, mutated in unitless_values(base()))]
    assert len(mutations) > 100
    missed = [name for name, mutated, kind in mutations
              if not any(sev == Severity.ERROR for _, sev, _ in new_findings(mutated, kind))]
    assert missed == []


@cache
def choices(kind: str) -> tuple[Any, ...]:
    """What a random mutation of this kind picks from, worked out once for the sample."""
    b = base()
    if kind == "amount":
        return tuple(amount_places(b))
    if kind == "delete":
        return tuple(unique_indicators(b))
    if kind == "blank":
        return tuple(text_places(b))
    return tuple(broken_codes(b) if kind == "code" else unitless_values(b))


@cache
def chooser(kind: str) -> st.SearchStrategy[Any]:
    """st.sampled_from(choices(kind)), made once: hypothesis labels a new sampled_from by
    hashing every choice, and a code's or a unit's choices hold whole budgets (most of this
    test's time when made on each draw)."""
    return st.sampled_from(choices(kind))


@settings(max_examples=200, deadline=None)
@given(st.data())
def test_random_mutations_are_caught(data: st.DataObject) -> None:
    """One mutation of a random kind at a random place, amounts changed by a random sum.

    (Two mutations can cancel out: the same indicator deleted from both periods, or the same
    sum added to a spending line, its economic line and the income.)
    """
    b = base()
    kind = data.draw(st.sampled_from(["amount", "delete", "blank", "code", "unit"]), label="kind")
    if kind == "amount":
        place = data.draw(chooser(kind), label="place")
        cents = data.draw(st.integers(-10**9, 10**9).filter(bool), label="cents")
        b = put(b, place, (get(b, place) or Decimal(0)) + Decimal(cents) / 100)
    elif kind == "delete":
        i, j = data.draw(chooser(kind), label="indicator")
        b = drop(b, f"targets.{i}.indicators.{j}")
    elif kind == "blank":
        place = data.draw(chooser(kind), label="place")
        b = put(b, place, "")
        kind = blank_kind(place)
    else:
        _, b = data.draw(chooser(kind), label="mutation")
    found = new_findings(b, kind)
    assert found, "a mutation went unnoticed"
    if kind in ("amount", "code", "unit"):
        assert any(sev == Severity.ERROR for _, sev, _ in found)
