"""The table import follows the profile: its titles by key, its count, recognised by the titles."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from app.compute.tabledef import Table
from app.core.money import round_wan
from app.imports.tables.importer import import_tables
from app.imports.tables.locate import layout, title_key
from app.profiles.registry import PROFILES, SHANGHAI, SHANXI, Profile
from reports.excel_data import save
from reports.excel_tables import tables_workbook
from tests.helpers.sample_import import exported_import
from tests.helpers.table_workbook import Layout, write_workbook

IMPORTABLE = [p for p in PROFILES if p.imports is not None]


def workbook(tables: tuple[Table, ...], path: Path) -> Path:
    save(tables_workbook(tables), path)
    return path


@pytest.mark.parametrize("p", IMPORTABLE, ids=lambda p: p.id)
def test_the_spec_is_keyed_by_the_profiles_table_keys(p: Profile) -> None:
    lay = layout(p.id)
    assert p.imports is not None
    assert lay.keys == p.table_keys() == p.imports.keys
    assert p.imports.count == len(p.titles(2026))
    assert set(p.imports.priority) == set(p.imports.keys)


@pytest.mark.parametrize("p", IMPORTABLE, ids=lambda p: p.id)
def test_each_title_names_its_own_table_and_no_other_profiles(p: Profile) -> None:
    lay = layout(p.id)
    for kind in p.kinds:
        for key, title in zip(lay.keys, p.titles(2026, kind), strict=True):
            assert title_key(title, lay) in (key, "")
    for other in IMPORTABLE:
        if other is not p:
            assert all(title_key(t, lay) is None for t in other.titles(2026))


def test_a_shanxi_workbook_is_recognised_as_shanxi() -> None:
    result = exported_import()  # the sample's exported workbook, shared with test_table_import
    assert result.budget is not None
    assert (result.budget.settings.profile, result.budget.settings.kind) == ("shanxi", "部门")
    assert list(result.report.taken) == list(SHANXI.table_keys())
    assert "重建的 13 张表与原表逐数一致" in result.report.text()


def test_a_shanghai_unit_document_is_recognised_and_rebuilds(tmp_path: Path) -> None:
    assert SHANGHAI.sample is not None
    sample = SHANGHAI.sample()
    unit_tables = SHANGHAI.tables(sample, "单位")
    assert unit_tables[1].title == "2026年单位收入预算总表"
    result = import_tables(workbook(unit_tables, tmp_path / "u.xlsx"))
    assert result.budget is not None, result.report.text()
    assert (result.budget.settings.profile, result.budget.settings.kind) == ("shanghai", "单位")
    rebuilt = SHANGHAI.tables(result.budget, "单位")
    assert [t.texts() for t in rebuilt] == [t.texts() for t in unit_tables]


def test_a_missing_shanghai_table_is_said_and_the_rest_imported(tmp_path: Path) -> None:
    assert SHANGHAI.sample is not None
    tables = SHANGHAI.tables(SHANGHAI.sample(), "部门")
    result = import_tables(workbook(tables[:-1], tmp_path / "m.xlsx"))
    assert result.budget is not None, result.report.text()
    assert result.report.taken["three-public"] == ["表9：工作簿中没有找到，按无数据处理。"]
    rebuilt = SHANGHAI.tables(result.budget, "部门")
    assert [t.texts() for t in rebuilt[:8]] == [t.texts() for t in tables[:8]]


SHANGHAI_LAYOUTS = {
    "one table per sheet": Layout(unit="元"),
    "all on one sheet": Layout(unit="元", per_sheet=False),
    "flat one-line headers": Layout(unit="元", header="flat"),
    "three-line headers": Layout(unit="元", header="three"),
    "figures as text": Layout(unit="元", figures="text"),
    "titles without year": Layout(unit="元", title="bare"),
    "everything at once": Layout(unit="元", per_sheet=False, header="three", figures="text",
                                 spacers=True, shuffle=3, title="bare", wrap=True),
}


@pytest.mark.parametrize("layout", SHANGHAI_LAYOUTS.values(), ids=SHANGHAI_LAYOUTS.keys())
def test_shanghai_layouts_give_back_the_tables(layout: Layout, tmp_path: Path) -> None:
    assert SHANGHAI.sample is not None
    tables = SHANGHAI.tables(SHANGHAI.sample(), "部门")
    # Shanghai's headers carry no year: a workbook whose titles lack it needs --year
    year = 2026 if layout.title == "bare" else None
    result = import_tables(write_workbook(tables, tmp_path / "t.xlsx", layout), year=year)
    assert result.budget is not None, result.report.text()
    report = result.report
    assert (report.unreadable, report.disagreements, report.differences) == ([], [], [])
    assert result.budget.settings.profile == "shanghai"
    rebuilt = SHANGHAI.tables(result.budget, "部门")
    assert [t.texts() for t in rebuilt] == [t.texts() for t in tables]


def test_shanghai_tables_given_in_wan_rebuild_every_wan_figure(tmp_path: Path) -> None:
    assert SHANGHAI.sample is not None
    tables = SHANGHAI.tables(SHANGHAI.sample(), "部门")
    result = import_tables(write_workbook(tables, tmp_path / "w.xlsx", Layout(unit="万元")))
    assert result.budget is not None, result.report.text()
    report = result.report
    assert (report.unreadable, report.disagreements, report.differences) == ([], [], [])
    rebuilt = SHANGHAI.tables(result.budget, "部门")
    total = Decimal(rebuilt[0].texts()[-1][1].replace(",", ""))
    assert round_wan(total) == Decimal("27807.61")  # in 元 now, within the 万元 figure's rounding


def test_a_year_other_than_the_titles_is_refused_and_the_same_one_taken(tmp_path: Path) -> None:
    """--year is for titles without a year: given another year than the titles', it relabelled a
    2026 budget as 2025 without a word (and took 1800); now it is refused, naming both, and the
    titles' own year given again is taken."""
    assert SHANGHAI.sample is not None
    path = write_workbook(SHANGHAI.tables(SHANGHAI.sample(), "部门"), tmp_path / "t.xlsx",
                          Layout(unit="元"))
    refused = import_tables(path, year=2025)
    assert refused.budget is None
    assert refused.report.fatal == ["表题中的预算年度是 2026 年，与指定的 --year 2025 不同；表题有年度时"
                                    "以表题为准，请去掉 --year 或改为 2026。"]
    same = import_tables(path, year=2026)
    assert same.budget is not None and same.budget.department.year == 2026
