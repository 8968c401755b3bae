"""The profile registry: one line per profile, lookup, title recognition, a toy third profile."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from app.cli.main import main
from app.compute.tabledef import Column, ColumnKind, HeaderCell, Row, RowKind, Table
from app.core.errors import UserError
from app.core.records import Budget, Department
from app.profiles.outline import CONTENTS, PART, TITLE_PAGE, Entry
from app.profiles.registry import PROFILES, Profile, profile, profile_of, recognise
from app.profiles.shanxi.sample import load_sample as shanxi_sample
from app.profiles.shanxi.tables import build_tables as shanxi_tables
from app.store import storage


def toy_tables(budget: Budget, kind: str) -> tuple[Table, ...]:
    """Two tables: income this year, and the number of units."""
    year, name = budget.department.year, budget.department.name
    one = Table(1, f"{year}年玩具收入表", name, (Column("item", ColumnKind.TEXT),
                                                 Column("amount", ColumnKind.MONEY)),
                (HeaderCell("项目", 0, 0), HeaderCell("金额", 0, 1)),
                (Row(("收入合计", budget.income.this_year.total), RowKind.TOTAL),), key="income")
    two = Table(2, f"{year}年玩具单位表", name, (Column("unit", ColumnKind.TEXT),),
                (HeaderCell("单位", 0, 0),), tuple(Row((u.name,)) for u in budget.units),
                key="units", empty=not budget.units)
    return one, two


def toy_outline(budget: Budget, kind: str) -> tuple[Entry, ...]:
    return (Entry(TITLE_PAGE, budget.department.name, lines=(budget.department.name,)),
            Entry(CONTENTS, "目录"), Entry(PART, "一、报表", "tables"))


def toy_texts(budget: Budget, kind: str) -> dict[str, Sequence[Any]]:
    return {}


TOY = Profile("toy", "玩具省（2张表）", ("部门",), toy_tables, toy_outline, toy_texts)


def test_a_third_profile_registers_with_one_line() -> None:
    profiles = (*PROFILES, TOY)  # the one line
    assert profile("toy", profiles) is TOY
    assert TOY.titles(2026) == ("2026年玩具收入表", "2026年玩具单位表")
    assert TOY.table_keys() == ("income", "units")
    assert recognise(["2027年 玩具收入表", "2027年玩具单位表"], profiles) == (TOY, "部门")
    assert recognise(["2027年玩具收入表"], profiles) is None
    budget = Budget(Department("玩具局", "1", 2026))
    assert [t.texts() for t in TOY.tables(budget, "部门")] == [[["收入合计", ""]], []]
    assert TOY.tables(shanxi_sample(), "部门")[0].texts() == [["收入合计", "3562.56"]]
    assert Decimal("35625601") == shanxi_sample().income.this_year.total


def test_ids_names_kinds() -> None:
    assert [(p.id, p.kinds) for p in PROFILES] == [("shanxi", ("部门", "单位")),
                                                   ("shanghai", ("部门", "单位"))]
    assert profile("shanghai").name.startswith("上海")
    with pytest.raises(UserError, match="shanxi、shanghai"):
        profile("beijing")


def test_shanxi_profile_is_todays_tables() -> None:
    budget = shanxi_sample()
    mine = profile("shanxi").tables(budget, "部门")
    assert [t.texts() for t in mine] == [t.texts() for t in shanxi_tables(budget)]
    assert len(profile("shanxi").titles(2026)) == len(mine)
    assert profile("shanxi").sample is not None


def test_each_profile_recognises_its_own_titles() -> None:
    for p in PROFILES:
        for kind in p.kinds:
            # a Shanxi unit's tables have the department's titles: found as the first kind
            same = p.titles(2024, kind) == p.titles(2024, p.kinds[0])
            assert recognise(p.titles(2024, kind)) == (p, p.kinds[0] if same else kind)
    shanghai = list(profile("shanghai").titles(2026))
    assert recognise(shanghai[:-1]) is None
    assert recognise([t.replace("“", "\"").replace("”", "\"") for t in shanghai]) == (
        profile("shanghai"), "部门")


def test_every_profile_has_an_outline_whose_contents_it_provides() -> None:
    for p in PROFILES:
        assert p.sample is not None
        budget = p.sample()
        entries = p.outline(budget, p.kinds[0])
        assert [e.kind for e in entries[:2]] == [TITLE_PAGE, CONTENTS]
        wanted = {e.content for e in entries if e.kind == PART and e.content != "tables"}
        assert wanted <= set(p.texts(budget, p.kinds[0]))
        assert sum(1 for e in entries if e.kind == "table") == len(p.tables(budget, p.kinds[0]))


def test_profiles_command(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["profiles"]) == 0
    assert capsys.readouterr().out.splitlines() == [
        "shanxi\t山西省（13张表）\t部门、单位", "shanghai\t上海市（9张表）\t部门、单位"]


def test_a_file_names_its_profile() -> None:
    assert profile_of(shanxi_sample()) == (profile("shanxi"), "部门")
    shanghai = profile("shanghai").sample()  # type: ignore[misc]
    assert profile_of(shanghai) == (profile("shanghai"), "部门")
    unit = replace(shanghai, settings=replace(shanghai.settings, kind="单位"))
    assert profile_of(unit)[1] == "单位"
    odd = replace(shanxi_sample(), settings=replace(shanxi_sample().settings, kind="街道"))
    assert profile_of(odd) == (profile("shanxi"), "部门")
    unit = replace(shanxi_sample(), settings=replace(shanxi_sample().settings, kind="单位"))
    assert profile_of(unit) == (profile("shanxi"), "单位")  # a unit's document (issue 19)


def test_shanghai_sample_survives_a_budget_file(tmp_path: Path) -> None:
    budget = profile("shanghai").sample()  # type: ignore[misc]
    path = tmp_path / "putuo.budget"
    storage.replace_file(budget, path)
    assert storage.load(path) == budget


def test_the_shanghai_profile_declares_its_checks_without_loading_them() -> None:
    """The profile's checks are its checks module's, in order, each loaded when it first runs."""
    import subprocess
    import sys

    from app.profiles.registry import profile
    from app.profiles.shanghai import checks

    declared = profile("shanghai")
    assert [c.__name__ for c in declared.checks] == [c.__name__ for c in checks.CHECKS]
    assert declared.check_titles == checks.TITLES and declared.skipped_checks == checks.SKIPPED
    code = ("import sys\nimport app.profiles.registry\n"
            "print('app.profiles.shanghai.checks' in sys.modules, 'app.checks.places' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["False", "False"]
