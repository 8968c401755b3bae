"""Reading tables from text lines: titles recognised as data, rows, 尾差 not taken for a fault."""

from __future__ import annotations

import re
from dataclasses import replace
from decimal import Decimal
from pathlib import Path

from app.core.records import Budget
from app.inspect import tablerules
from app.inspect.outcome import Outcome
from app.inspect.pdfread import Document, Page
from app.inspect.tabletext import TableText, find_tables, parse
from app.inspect.templates import SHANXI, TEMPLATES, recognise, title_of
from app.profiles.shanxi.tables import build_tables

D = Decimal


def test_shanxi_titles_are_the_profiles_own(sample: Budget) -> None:
    built = [re.sub(r"^\d{4}年", "", t.title) for t in build_tables(sample)]
    assert list(SHANXI.titles) == built
    assert [(t.profile, t.kind) for t in TEMPLATES] == [
        ("shanxi", ""), ("shanghai", "部门"), ("shanghai", "单位")]


def test_a_title_line_but_not_a_contents_line() -> None:
    assert title_of("2026年预算收支总表", SHANXI) == "1"
    assert title_of("2026年财政拨款安排\"三公\"经费支出预算表", SHANXI) == "10"
    assert title_of("2025年项目支出预算表(上年结转)", SHANXI) == "13"
    assert title_of("表一 2026年预算收支总表 ........ 4", SHANXI) is None
    assert title_of("预算收支总表说明", SHANXI) is None


def test_one_line_asked_of_each_template_gets_that_templates_key() -> None:
    """A line's loose form is kept between calls; the key still comes from the template asked."""
    department, unit = TEMPLATES[1], TEMPLATES[2]
    line = "2026 年 部门财务收支预算总表"
    assert [title_of(line, t) for t in (department, unit, department)] == ["finance", None, "finance"]
    assert title_of("单位财务收支预算总表", unit) == "finance"
    assert title_of("单位财务收支预算总表", department) is None
    assert title_of("表2 预算收入总表", SHANXI) == "2"
    assert title_of("2026年财政拨款安排(三公)经费支出预算表", SHANXI) is None


def test_two_tables_of_one_title_give_the_first_key() -> None:
    twice = replace(SHANXI, titles=("预算收支总表", "预算收支总表（说明）", "预算收支总表",
                                    *SHANXI.titles[3:]))
    assert title_of("预算收支总表", twice) == "1"
    assert title_of("预算收支总表(说明)", twice) == "2"
    assert title_of("预算收支总表", SHANXI) == "1"
    assert title_of("预算收入总表", twice) is None


def test_a_row_is_its_label_code_and_amounts() -> None:
    row = parse(3, "2060199 其他科学技术管理事务支出 3584.16 1,200.00")
    assert row is not None
    assert (row.code, row.label) == ("2060199", "其他科学技术管理事务支出")
    assert row.amounts == (D("3584.16"), D("1200.00"))
    assert parse(3, "科目编码 科目名称 合计 1 2 3") is None


def document(*pages: list[str]) -> Document:
    return Document(Path("x.pdf"), tuple(Page(i, tuple(lines)) for i, lines in enumerate(pages, 1)))


def test_rounding_differences_are_not_faults_but_a_cent_more_is() -> None:
    lines = ["2026年预算支出总表", "合计 1174.80 1174.80", "206 科学技术支出 1174.80 1174.80",
             "20601 科学技术管理事务 587.41 587.41", "20602 基础研究 587.40 587.40"]
    out = Outcome(Path("x.pdf"))
    tablerules.subtotals(find_tables(document(lines), SHANXI), SHANXI.layout, out)
    assert out.findings == []  # 587.41 + 587.40 = 1174.81: 尾差
    lines[3] = "20601 科学技术管理事务 587.43 587.43"
    tablerules.subtotals(find_tables(document(lines), SHANXI), SHANXI.layout, out)
    assert [(f.page, f.check) for f in out.findings] == [(1, "subtotals")]


def test_table2_row_with_carryover_beside_its_sources() -> None:
    table = TableText(2, 1, (), (), "2")
    row = parse(1, "206 科学技术支出 3196.76 3196.76 1200.00")
    assert row is not None and tablerules.split_carried(row, table) == (D("3196.76"), D("1200.00"))
    only = parse(1, "20602 基础研究 1200.00")
    assert only is not None and tablerules.split_carried(only, table) == (D(0), D("1200.00"))
    wrong = parse(1, "206 科学技术支出 3196.76 3100.00 1200.00")
    assert wrong is not None and tablerules.split_carried(wrong, table) is None


def test_recognition_needs_half_the_titles() -> None:
    few = document(["2026年预算收支总表"], ["2026年预算收入总表"])
    assert recognise(few) == (None, 0)
    many = document(*[[f"2026年{t}"] for t in SHANXI.titles[:7]])
    template, found = recognise(many)
    assert template is SHANXI and found == 7


def test_an_empty_table_note_naming_another_fund() -> None:
    table = TableText(9, 4, (), ((4, "注：本部门无政府性基金预算收入，本表为空"),), "9")
    out = Outcome(Path("x.pdf"))
    tablerules.empty_notes({"9": table}, SHANXI.layout, out)
    assert [(f.page, f.check) for f in out.findings] == [(4, "empty-notes")]
    right = TableText(9, 4, (), ((4, "注：本部门无国有资本经营预算收支，本表为空"),), "9")
    out = Outcome(Path("x.pdf"))
    tablerules.empty_notes({"9": right}, SHANXI.layout, out)
    assert out.findings == []


def test_yuan_rows_with_spaced_codes_and_integer_amounts() -> None:
    from app.inspect.tabletext import YUAN_AMOUNT

    row = parse(9, "207 01 01 行政运行 4,654,597 4,614,597 40,000", YUAN_AMOUNT)
    assert row is not None
    assert (row.code, row.label, row.amounts) == ("2070101", "行政运行", (D(4654597), D(4614597), D(40000)))
    sided = parse(8, "1. 一般公共预算 278,076,101 二、社会保障和就业支出 16,682,825", YUAN_AMOUNT)
    assert sided is not None and sided.amounts == (D(278076101), D(16682825)) and sided.code == ""
    assert parse(8, "三、事业单位经营收入", YUAN_AMOUNT) is None
    assert parse(8, "2026年部门收入预算总表 编制部门：x 单位：元", YUAN_AMOUNT) is None


def test_yuan_tables_allow_a_yuan_of_rounding_per_part_but_not_more() -> None:
    from app.inspect.templates import TEMPLATES

    shanghai = next(t for t in TEMPLATES if t.profile == "shanghai" and t.kind == "部门")
    lines = ["2026年部门支出预算总表", "编制部门：x 单位：元", "207 文化旅游体育与传媒支出 1,001 1,001",
             "207 01 文化和旅游 500 500", "207 99 其他文化旅游体育与传媒支出 500 500", "合计 1,001 1,001"]
    tables = find_tables(document(lines), shanghai)
    assert tables["spending"].unit == "元"
    out = Outcome(Path("x.pdf"))
    tablerules.subtotals(tables, shanghai.layout, out)
    assert out.findings == []  # 500 + 500 = 1,000 against 1,001: each part rounded to the 元
    lines[3] = "207 01 文化和旅游 498 498"
    tablerules.subtotals(find_tables(document(lines), shanghai), shanghai.layout, out)
    assert [(f.page, f.check) for f in out.findings] == [(1, "subtotals")]


def test_every_key_a_layout_names_is_a_table_of_its_profile() -> None:
    from app.inspect.templates import TEMPLATES

    for template in TEMPLATES:
        layout = template.layout
        named = {*layout.parts, *layout.trees, *layout.sided, *layout.groups, *layout.units_only,
                 *layout.funds, *(r.key for r in layout.label_sums), *(c[0] for c in layout.column_sums),
                 *(r.key for i in layout.identities for r in (*i.left, i.right)),
                 *(k for pair in layout.classes for k in pair), *(r.key for r in layout.figures.values())}
        singles = (layout.carry_split, layout.economic_groups, layout.summary, layout.projects)
        named |= {k for k in singles if k}
        assert named <= set(template.keys), (template.profile, named - set(template.keys))
