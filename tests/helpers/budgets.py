"""Hypothesis strategies for whole, valid budgets: every record kind, every field."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from functools import lru_cache
from typing import Any

from hypothesis import strategies as st

from app.core.catalog import DEPT, FUNCTION, load_catalog
from app.core.identity import with_ids
from app.core.records import (
    VEHICLE_KINDS,
    Acceptance,
    Assets,
    BasicByEconomic,
    BasicByFunction,
    Budget,
    CatalogEntry,
    Department,
    DepartmentForm,
    FormFunds,
    GlossaryEntry,
    Income,
    Indicator,
    LastYear,
    Performance,
    Period,
    Procurement,
    Project,
    ProjectKind,
    Revenue,
    Settings,
    Source,
    Split,
    TargetForm,
    Task,
    Texts,
    ThreePublic,
    ThreePublicItem,
    Unit,
    UnitKind,
    Vehicles,
)

# The characters of names and texts: these (a formula's first signs, quotes, spaces, full-width
# punctuation, digits, letters) and the CJK block U+4E00–U+4E60, as one `characters` strategy, not
# a one_of of two: hypothesis then draws a whole run as one choice instead of one strategy per
# character (about half of test_excel_roundtrip's CPU was drawing text; issue 21). A text is runs
# of those and runs of line breaks, spaces and tabs, about as often as before (a character in two
# was one of them), at most 40 characters.
SPECIAL = "预算单位项目科技局中心=+-@'\" ,.（）【】“”_x0123456789abcXYZ"
CHARS = st.characters(min_codepoint=0x4E00, max_codepoint=0x4E60, include_characters=SPECIAL)
names = st.text(CHARS, min_size=1, max_size=12).map(str.strip).filter(bool)
optional_names = st.one_of(st.just(""), names)
texts = st.lists(st.one_of(st.text(CHARS, min_size=1, max_size=8),
                           st.text(st.sampled_from("\n \t"), min_size=1, max_size=3)),
                 max_size=10).map(lambda runs: "".join(runs)[:40])
money = st.integers(0, 10**12).map(lambda cents: Decimal(cents) / 100)
optional_money = st.one_of(st.none(), money)
counts = st.integers(0, 100_000)
_CODES = st.from_regex(r"[0-9]{6}", fullmatch=True)


# The strategies that depend on nothing drawn are made once: hypothesis validates each new
# strategy object and works out whether it can be empty, which for the dozens made afresh in
# every budget was a fifth of drawing it (issue 21). The draws, and so the examples, are the same.
_SPLITS = st.builds(Split, money, money, money, money, money)
_FUNDS = st.builds(FormFunds, optional_money, optional_money, optional_money, optional_money,
                   optional_money)
dates = st.one_of(st.just(""), st.dates(dt.date(2000, 1, 1), dt.date(2100, 12, 31)).map(dt.date.isoformat))
indicators = st.builds(Indicator, st.sampled_from(Period), names, names, optional_names,
                       optional_names)
_YEARS = st.integers(2020, 2030)
_EXTRA_FUNCTIONS = st.lists(st.integers(0, 99), max_size=2, unique=True)
_EXTRA_DEPTS = st.lists(st.builds(CatalogEntry, st.just(DEPT), st.sampled_from(["30198", "30298"]),
                                  names), max_size=1)
_UNIT_NAMES = st.lists(names, min_size=1, max_size=4, unique=True)
_UNIT_KINDS = st.sampled_from(UnitKind)
_SOURCES = st.sampled_from(Source)
_PROJECT_KINDS = st.sampled_from(ProjectKind)
_INDICATOR_LISTS = st.lists(indicators, max_size=4)
_DEPARTMENT_FORMS = st.one_of(st.none(), st.builds(
    DepartmentForm, counts, counts, counts, counts, counts, counts, texts, texts, _SPLITS,
    money, money, st.lists(st.builds(Task, texts.filter(str.strip), texts)).map(tuple), texts,
    st.lists(indicators, max_size=3).map(tuple)))
_REVENUES = st.lists(st.builds(Revenue, _SOURCES, names, names, money), max_size=2)
_THREE_PUBLIC = st.lists(st.builds(ThreePublic, st.sampled_from(ThreePublicItem), _SOURCES, money),
                         max_size=3)
_LAST_YEAR = st.builds(LastYear, *(optional_money for _ in range(7)))
_PROCUREMENT = st.builds(Procurement, money, money, money)
_VEHICLES = st.lists(st.builds(Vehicles, st.sampled_from(VEHICLE_KINDS), counts, counts), max_size=8)
_GLOSSARY = st.lists(st.builds(GlossaryEntry, names, texts), max_size=3)
_OPTIONAL_COUNTS = st.one_of(st.none(), counts)
_ACCEPTANCES = st.lists(st.builds(Acceptance, names, optional_names, texts), max_size=2)


@lru_cache(maxsize=256)
def _sampled(values: tuple[str, ...]) -> st.SearchStrategy[str]:
    """st.sampled_from(values), one object per tuple of values."""
    return st.sampled_from(values)


@lru_cache(maxsize=256)
def _per_unit(codes: tuple[str, ...], functions: tuple[str, ...], depts: tuple[str, ...],
              govs: tuple[str, ...]) -> tuple[st.SearchStrategy[Any], ...]:
    """The strategies of the records that name a unit and a code: project keys, basic spending
    by function and by economic class."""
    unit = _sampled(codes)
    return (st.lists(st.tuples(unit, names), max_size=5, unique=True),
            st.lists(st.builds(BasicByFunction, unit, _sampled(functions), _SOURCES, money),
                     max_size=6),
            st.lists(st.builds(BasicByEconomic, unit, _sampled(depts), _sampled(govs), _SOURCES,
                               money), max_size=6))


@st.composite
def budgets(draw: st.DrawFn) -> Budget:
    """A budget whose references all hold: units exist, codes are in the catalog, projects
    are unique, target forms belong to projects."""
    year = draw(_YEARS)
    catalog = load_catalog(year)
    extra_functions = draw(_EXTRA_FUNCTIONS)
    entries = [CatalogEntry(FUNCTION, f"20699{n:02d}", draw(names)) for n in extra_functions]
    entries += draw(_EXTRA_DEPTS)
    functions = tuple(sorted({c for c in catalog.function if len(c) == 7}
                             | {e.code for e in entries if e.kind == FUNCTION}))
    depts = tuple(sorted({c for c in catalog.dept if len(c) == 5} | {e.code for e in entries
                                                                     if e.kind == DEPT}))
    govs = tuple(sorted(c for c in catalog.gov if len(c) == 5))

    unit_names = draw(_UNIT_NAMES)
    codes = draw(st.lists(_CODES, min_size=len(unit_names), max_size=len(unit_names), unique=True))
    units = tuple(Unit(c, n, draw(_UNIT_KINDS)) for c, n in zip(codes, unit_names, strict=True))
    keys, by_function, by_economic = _per_unit(tuple(codes), functions, depts, govs)

    project_keys = draw(keys)
    projects = tuple(Project(u, n, draw(_sampled(functions)), draw(_PROJECT_KINDS),
                             draw(_SPLITS), draw(_SPLITS)) for u, n in project_keys)
    with_forms = draw(st.lists(st.sampled_from(project_keys), unique=True)) if project_keys else []
    targets = tuple(
        TargetForm(u, n, draw(optional_names), draw(optional_names), draw(_FUNDS), draw(_FUNDS),
                   *(draw(texts) for _ in range(7)), tuple(draw(_INDICATOR_LISTS)),
                   *(draw(optional_names) for _ in range(3)), draw(dates))
        for u, n in with_forms)
    department_form = draw(_DEPARTMENT_FORMS)
    return with_ids(Budget(
        department=Department(draw(names), draw(names), year),
        units=units,
        income=Income(draw(_SPLITS), draw(_SPLITS)),
        basic_function=tuple(draw(by_function)),
        basic_economic=tuple(draw(by_economic)),
        projects=projects,
        revenues=tuple(draw(_REVENUES)),
        three_public=tuple(draw(_THREE_PUBLIC)),
        last_year=draw(_LAST_YEAR),
        procurement=draw(_PROCUREMENT),
        assets=Assets(tuple(draw(_VEHICLES)), draw(money), draw(counts), draw(counts)),
        texts=Texts(*(draw(texts) for _ in range(7)), tuple(draw(_GLOSSARY)), draw(texts)),
        performance=Performance(draw(st.booleans()), draw(_OPTIONAL_COUNTS), draw(counts),
                                draw(money)),
        targets=targets,
        department_form=department_form,
        acceptances=tuple(draw(_ACCEPTANCES)),
        catalog_entries=tuple(entries),
        settings=Settings(draw(st.booleans())),
    ))
