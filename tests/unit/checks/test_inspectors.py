"""The inspectors' rules: each triggered by a text or a budget, and silent where it is right."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

import pytest

from app.checks import inspectors, textrules
from app.checks.registry import CHECKS, TITLES, Severity, run_checks
from app.core.records import Budget, Procurement, Vehicles
from tests.helpers.edit import put, resolve

D = Decimal


def checks(hits: list[textrules.Hit]) -> list[str]:
    return [h.check for h in hits]


# --- the wording rules on plain text --------------------------------------------------------


def test_ascii_commas_in_chinese_text_are_errors() -> None:
    text = "1.物业管理和保安保洁服务通过政府采购,每年10月签订服务合同;按季度支付:3次"
    hits = textrules.ascii_punctuation(text)
    assert [text[h.offset] for h in hits] == [",", ";", ":"]
    assert {h.severity for h in hits} == {Severity.ERROR}
    assert "“，”" in hits[0].message and "采购,每年" in hits[0].message


@pytest.mark.parametrize("text", [
    "支出3,562.56万元，占74.80%。", "指标值≥95%，12月31日前（2026-12-31）完成。",
    "大麻环锭纺18Nm纱，ISO 9001, GB/T 19001认证。", "会议10:30开始。", "1.物业管理；2.消防维保。",
])
def test_digits_codes_dates_and_english_are_not_ascii_faults(text: str) -> None:
    assert textrules.ascii_punctuation(text) == []


def test_full_width_digits_and_half_closed_brackets_are_hints() -> None:
    hits = textrules.width_mixing("完成２０２６年任务（试行)。")
    assert checks(hits) == ["width-mixing", "width-mixing"]
    assert {h.severity for h in hits} == {Severity.HINT}
    assert textrules.width_mixing("完成2026年任务（试行）和(试行)。") == []


def test_repeated_words_but_not_reduplication() -> None:
    hits = textrules.repeated_words("本部门预算预算收入，的的确确，完成的的任务。")
    assert [h.offset for h in hits] == [3, 17]
    assert {h.severity for h in hits} == {Severity.ERROR}
    for text in ("常常开展，人人参与，看看效果", "研究研究，一步一步推进", "促进普及及发展",
                 "达到目的的手段"):
        assert textrules.repeated_words(text) == [], text


@pytest.mark.parametrize("text", ["由XX科负责", "共××家", "待填写", "（请填写项目概况）",
                                  "比上年增加（减少）5万元", "收支增加持平", "比上年增长(下降)3%"])
def test_template_residue(text: str) -> None:
    [hit] = textrules.placeholders(text)
    assert hit.severity == Severity.ERROR


def test_no_residue_in_real_words() -> None:
    assert textrules.placeholders("XXL型号，Xbox，比上年增加5万元，增长3.00%") == []


def test_other_years_except_citations_dates_and_ranges() -> None:
    text = ("2026年预算较2025年增加。根据《2021年工作要点》(晋市办发【2022】5号)和晋办〔2021〕3号，"
            "2014年10月开工，2021-2026年规划，2024年部门预算公开。")
    [hit] = textrules.other_years(text, 2026)
    assert text[hit.offset:hit.offset + 4] == "2024" and hit.severity == Severity.HINT


def test_percentages_need_their_sign() -> None:
    [hit] = textrules.percentages("一般公共预算3,562.56万元，占74.80；项目支出占25.20%。")
    assert hit.severity == Severity.ERROR and "74.80" in hit.message
    assert textrules.percentages("增长65.85%，占25.20%，下降2个百分点，增长1.5倍，增加5家") == []


def test_zero_changes() -> None:
    assert checks(textrules.zero_changes("比上年增加0万元。")) == ["zero-change"]
    assert checks(textrules.zero_changes("上年为0万元，本年10.00万元，增长100.00%。")) == ["zero-change"]
    assert textrules.zero_changes("比上年增加10.50万元，增长5.00%；上年结转1,200.00万元，增长3.00%") == []


# --- the checks of the file ---------------------------------------------------------------


def test_sample_has_no_inspector_errors(sample: Budget) -> None:
    found = [f for f in run_checks(sample) if f.check in inspectors.TITLES]
    assert [f for f in found if f.severity == Severity.ERROR] == []
    # the sample's own texts name 2024 prizes: a hint, not a fault
    assert {f.check for f in found} == {"other-years"}


def test_registered_with_titles() -> None:
    names = {"ascii-punctuation", "width-mixing", "repeated-words", "placeholders", "other-years",
             "percent-sign", "zero-change", "absent-funds", "procurement-sme", "assets-text"}
    assert names <= set(TITLES)
    assert inspectors.check_ascii_punctuation in CHECKS and inspectors.check_assets_text in CHECKS


def test_ascii_comma_in_a_target_form_is_found_with_its_place(sample: Budget) -> None:
    broken = put(sample, "targets.3.plan", "通过政府采购,每年10月签订服务合同。")
    [found] = inspectors.check_ascii_punctuation(broken)
    assert found.severity == Severity.ERROR and found.location.key == "targets/3/plan"
    resolve(broken, found)


@pytest.mark.parametrize(("check", "path", "text"), [
    (inspectors.check_repeated_words, "texts.duties", "负责全市预算预算管理。"),
    (inspectors.check_placeholders, "texts.other", "本部门XX专项资金。"),
    (inspectors.check_percent_sign, "texts.reason_total", "项目经费占部门支出的30.5。"),
    (inspectors.check_zero_change, "texts.reason_operating", "比上年增加0万元。"),
    (inspectors.check_width_mixing, "texts.organization", "设有５个科室。"),
    (inspectors.check_other_years, "texts.duties", "完成2023年部门预算公开。"),
])
def test_each_wording_check_on_a_text_of_the_file(sample: Budget, check: inspectors.Check, path: str,
                                                  text: str) -> None:
    assert check(sample) == [] or all(f.severity == Severity.HINT for f in check(sample))
    before = len(check(sample))
    found = check(put(sample, path, text))
    assert len(found) == before + 1
    assert any(f.location.field == path.split(".", 1)[1] for f in found)


def test_a_fund_said_absent_that_is_there(sample: Budget) -> None:
    assert inspectors.check_absent_funds(sample) == []
    said = put(sample, "texts.other", "本部门无政府性基金预算收入。")
    assert inspectors.check_absent_funds(said) == []
    funded = put(said, "projects.0.amounts.fund", D("10000.00"))
    [found] = inspectors.check_absent_funds(funded)
    assert found.severity == Severity.ERROR and "政府性基金预算" in found.message


def test_sme_share_not_above_the_procurement_total(sample: Budget) -> None:
    assert inspectors.check_procurement_sme(sample) == []
    total = sample.procurement.total
    fair = replace(sample, procurement=replace(sample.procurement, sme_reserved=total))
    assert inspectors.check_procurement_sme(fair) == []
    over = replace(sample, procurement=replace(sample.procurement, sme_reserved=total + D("0.01")))
    [found] = inspectors.check_procurement_sme(over)
    assert found.severity == Severity.ERROR and found.location.key == "procurement//sme_reserved"
    assert Procurement().sme_reserved == 0


def test_cars_and_equipment_in_the_text_against_the_assets(sample: Budget) -> None:
    said = put(sample, "texts.other", "本部门实有公务用车2辆，单价50万元以上通用设备1台。")
    found = inspectors.check_assets_text(said)
    assert {f.check for f in found} == {"assets-text"} and len(found) == 2
    cars = tuple(replace(v, quota=2, actual=2) if v.kind == "执法执勤用车" else v
                 for v in sample.assets.vehicles)
    right = replace(said, assets=replace(sample.assets, vehicles=cars, equipment_50=1))
    assert inspectors.check_assets_text(right) == []
    assert isinstance(cars[0], Vehicles)
