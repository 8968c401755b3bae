"""Hypothesis strategies for whole, valid budgets: every record kind, every field."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

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


def splits() -> st.SearchStrategy[Split]:
    return st.builds(Split, money, money, money, money, money)


def funds() -> st.SearchStrategy[FormFunds]:
    return st.builds(FormFunds, optional_money, optional_money, optional_money, optional_money,
                     optional_money)


dates = st.one_of(st.just(""), st.dates(dt.date(2000, 1, 1), dt.date(2100, 12, 31)).map(dt.date.isoformat))
indicators = st.builds(Indicator, st.sampled_from(Period), names, names, optional_names,
                       optional_names)


@st.composite
def budgets(draw: st.DrawFn) -> Budget:
    """A budget whose references all hold: units exist, codes are in the catalog, projects
    are unique, target forms belong to projects."""
    year = draw(st.integers(2020, 2030))
    catalog = load_catalog(year)
    extra_functions = draw(st.lists(st.integers(0, 99), max_size=2, unique=True))
    entries = [CatalogEntry(FUNCTION, f"20699{n:02d}", draw(names)) for n in extra_functions]
    entries += draw(st.lists(st.builds(CatalogEntry, st.just(DEPT),
                                       st.sampled_from(["30198", "30298"]), names), max_size=1))
    functions = sorted({c for c in catalog.function if len(c) == 7} | {e.code for e in entries
                                                                       if e.kind == FUNCTION})
    depts = sorted({c for c in catalog.dept if len(c) == 5} | {e.code for e in entries
                                                               if e.kind == DEPT})
    govs = sorted(c for c in catalog.gov if len(c) == 5)

    unit_names = draw(st.lists(names, min_size=1, max_size=4, unique=True))
    codes = draw(st.lists(st.from_regex(r"[0-9]{6}", fullmatch=True), min_size=len(unit_names),
                          max_size=len(unit_names), unique=True))
    units = tuple(Unit(c, n, draw(st.sampled_from(UnitKind)))
                  for c, n in zip(codes, unit_names, strict=True))
    unit = st.sampled_from(codes)
    source = st.sampled_from(Source)

    project_keys = draw(st.lists(st.tuples(unit, names), max_size=5, unique=True))
    projects = tuple(Project(u, n, draw(st.sampled_from(functions)), draw(st.sampled_from(ProjectKind)),
                             draw(splits()), draw(splits())) for u, n in project_keys)
    with_forms = draw(st.lists(st.sampled_from(project_keys), unique=True)) if project_keys else []
    targets = tuple(
        TargetForm(u, n, draw(optional_names), draw(optional_names), draw(funds()), draw(funds()),
                   *(draw(texts) for _ in range(7)), tuple(draw(st.lists(indicators, max_size=4))),
                   *(draw(optional_names) for _ in range(3)), draw(dates))
        for u, n in with_forms)
    department_form = draw(st.one_of(st.none(), st.builds(
        DepartmentForm, counts, counts, counts, counts, counts, counts, texts, texts, splits(),
        money, money, st.lists(st.builds(Task, texts.filter(str.strip), texts)).map(tuple), texts,
        st.lists(indicators, max_size=3).map(tuple))))
    return with_ids(Budget(
        department=Department(draw(names), draw(names), year),
        units=units,
        income=Income(draw(splits()), draw(splits())),
        basic_function=tuple(draw(st.lists(st.builds(
            BasicByFunction, unit, st.sampled_from(functions), source, money), max_size=6))),
        basic_economic=tuple(draw(st.lists(st.builds(
            BasicByEconomic, unit, st.sampled_from(depts), st.sampled_from(govs), source, money),
            max_size=6))),
        projects=projects,
        revenues=tuple(draw(st.lists(st.builds(Revenue, source, names, names, money), max_size=2))),
        three_public=tuple(draw(st.lists(st.builds(
            ThreePublic, st.sampled_from(ThreePublicItem), source, money), max_size=3))),
        last_year=draw(st.builds(LastYear, *(optional_money for _ in range(7)))),
        procurement=draw(st.builds(Procurement, money, money, money)),
        assets=Assets(tuple(draw(st.lists(st.builds(
            Vehicles, st.sampled_from(VEHICLE_KINDS), counts, counts), max_size=8))),
            draw(money), draw(counts), draw(counts)),
        texts=Texts(*(draw(texts) for _ in range(7)),
                    tuple(draw(st.lists(st.builds(GlossaryEntry, names, texts), max_size=3))),
                    draw(texts)),
        performance=Performance(draw(st.booleans()), draw(st.one_of(st.none(), counts)),
                                draw(counts), draw(money)),
        targets=targets,
        department_form=department_form,
        acceptances=tuple(draw(st.lists(st.builds(Acceptance, names, optional_names, texts),
                                        max_size=2))),
        catalog_entries=tuple(entries),
        settings=Settings(draw(st.booleans())),
    ))
