"""第三部分 generated from the data: the reference's figures, one amount style, shares, changes."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import replace
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from app.core.money import yuan
from app.core.records import Budget, Income, LastYear, Settings, Source, Split, ThreePublic, ThreePublicItem
from app.profiles.shanxi.narrative import Section, change, glossary, overview, sections
from tests.helpers.reference_text import figures, reference_sections

AMOUNT = re.compile(r"(\d[\d,]*(?:\.\d+)?)万元(?!（原值）)")  # thresholds are wording, not amounts
SHARE = re.compile(r"占(\d+\.\d{2})%")


def by_heading(budget: Budget) -> dict[str, Section]:
    return {s.heading: s for s in sections(budget)}


def test_every_reference_figure_is_stated_in_its_section(sample: Budget) -> None:
    ours = by_heading(sample)
    for heading, sentences in reference_sections().items():
        assert heading in ours, heading
        want = Counter(figures(" ".join(sentences)))
        have = Counter(figures(" ".join(ours[heading].paragraphs)))
        assert not want - have, (heading, want - have)


def test_reference_wording_kept(sample: Budget) -> None:
    text = "\n".join(p for s in sections(sample) for p in s.paragraphs)
    for phrase in ("比上年增加1,891.03万元，增长65.85%，主要原因是上年结转项目经费增加",
                   "一般公共预算拨款收入3,562.56万元，占74.80%",
                   "上年结转1,200.00万元，占25.20%",
                   "基本支出1,174.80万元，占24.67%；项目支出3,587.76万元，占75.33%",
                   "比2025年预算减少5.79万元，下降11.61%，原因一是人员变动",
                   "本部门无“三公”经费预算。",
                   "政府采购服务预算122.28万元",
                   "其他运转类项目5个，涉及金额54.16万元；特定目标类项目7个，涉及金额2,333.60万元",
                   "截至2025年12月31日，晋城市科学技术局使用的办公用房建筑总面积480平方米。"):
        assert phrase in text, phrase


def test_one_amount_style(sample: Budget) -> None:
    """Every amount in 万元 has thousands separators and two decimals (zero is 0)."""
    for s in sections(sample):
        for paragraph in s.paragraphs:
            for found in AMOUNT.findall(paragraph):
                assert found == "0" or re.fullmatch(r"\d{1,3}(,\d{3})*\.\d{2}", found), (s.heading, found)


def test_shares_of_one_whole_add_to_100(sample: Budget) -> None:
    ours = by_heading(sample)
    for heading in ("二、收入预算情况说明", "三、支出预算情况说明", "（二）一般公共预算当年支出结构情况"):
        shares = [Decimal(x) for x in SHARE.findall(" ".join(ours[heading].paragraphs))]
        assert sum(shares) == Decimal("100.00"), heading


@settings(max_examples=60, deadline=None)
@given(st.lists(st.integers(min_value=0, max_value=10**10), min_size=6, max_size=6))
def test_income_shares_add_to_100_for_any_amounts(sample: Budget, cents: list[int]) -> None:
    this_year = Split(*(yuan(Decimal(c) / 100) for c in cents[:5]))
    carry = Split(general=yuan(Decimal(cents[5]) / 100))
    budget = replace(sample, income=Income(this_year, carry))
    text = " ".join(by_heading(budget)["二、收入预算情况说明"].paragraphs)
    shares = [Decimal(x) for x in SHARE.findall(text)]
    assert len(shares) == 6
    assert sum(shares) == (Decimal("100.00") if sum(cents) else Decimal("0.00"))


def test_change_worded_by_sign_and_never_divides_by_zero() -> None:
    assert change(Decimal("150"), Decimal("100")).startswith("比上年增加")
    assert "增长50.00%" in change(Decimal("1500000"), Decimal("1000000"))
    assert change(Decimal("500000"), Decimal("1000000")) == "比上年减少50.00万元，下降50.00%"
    assert "上年为0" in change(Decimal("100"), Decimal("0"))
    assert change(Decimal("0"), Decimal("0")) == "比上年持平"
    assert "无法与上年比较" in change(Decimal("100"), None)


def test_missing_last_year_said_in_words(sample: Budget) -> None:
    budget = replace(sample, last_year=LastYear())
    ours = by_heading(budget)
    first = ours["一、部门预算收支数据变动情况及原因"].paragraphs[0]
    assert "无法与上年比较" in first and "%" not in first
    assert "主要原因是" not in first  # no reason without a change to explain
    assert "无法与上年比较" in ours["八、机关运行经费增减变动原因说明"].paragraphs[0]


def test_three_public_with_money_states_items_and_changes(sample: Budget) -> None:
    budget = replace(
        sample,
        three_public=(ThreePublic(ThreePublicItem.RECEPTION, Source.GENERAL, yuan("30000")),
                      ThreePublic(ThreePublicItem.VEHICLE_RUNNING, Source.GENERAL, yuan("50000"))),
        last_year=replace(sample.last_year, reception=yuan("40000"), vehicle_running=yuan("50000")),
        texts=replace(sample.texts, reason_three_public="主要原因是压减公务接待"))
    text = " ".join(by_heading(budget)["七、“三公”经费增减变动原因说明"].paragraphs)
    assert "“三公”经费财政拨款预算8.00万元，比上年减少1.00万元，下降11.11%，主要原因是压减公务接待。" in text
    assert "公务接待费3.00万元，比上年减少1.00万元，下降25.00%" in text
    assert "公务用车运行维护费5.00万元" in text


def test_charts_follow_the_setting(sample: Budget) -> None:
    assert all(s.chart is None for s in sections(sample))
    charted = sections(replace(sample, settings=Settings(charts=True)))
    chart = next(s.chart for s in charted if s.key == "2")
    assert chart is not None
    assert sum(p.share for p in chart.parts) == Decimal("100.00")
    assert [p.label for p in chart.parts] == ["一般公共预算拨款收入", "上年结转"]


def test_forms_follow_section_ten_and_parts_one_and_four(sample: Budget) -> None:
    follows = [s.key for s in sections(sample) if s.forms_follow]
    assert follows == ["10.2"]
    assert [s.heading for s in overview(sample)] == ["一、本部门职责", "二、机构设置情况"]
    assert overview(sample)[0].paragraphs[0].startswith("(一) 拟订全市创新驱动发展战略")
    assert glossary(sample)[0].startswith("一、基本支出：指为保障机构正常运转、完成日常工作任务")
