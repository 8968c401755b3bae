"""Checks on wording: unknown fields, figures typed by hand, what sections must state, reasons."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

from app.checks import wording
from app.checks.registry import CHECKS, run_checks
from app.compute.wording import with_template
from app.core.findings import Finding, Severity
from app.core.money import yuan
from app.core.records import Budget, SectionTemplate, Settings, Source, ThreePublic, ThreePublicItem


def worded(budget: Budget, key: str, template: str) -> Budget:
    return replace(budget, texts=replace(budget.texts, templates=with_template(budget, key, template)))


def of(budget: Budget, check: str) -> list[Finding]:
    return [f for f in run_checks(budget) if f.check == check]


def test_registered_and_the_sample_is_clean(sample: Budget) -> None:
    assert wording.check_template_fields in CHECKS and wording.check_typed_figures in CHECKS
    for name in ("template-fields", "wording-required", "change-reason", "typed-figure"):
        assert of(sample, name) == [], name


def test_unknown_field_is_an_error_naming_field_and_section(sample: Budget) -> None:
    (found,) = of(worded(sample, "9", "政府采购{政府采购总额}。{政府采购.货物}{政府采购.工程}{政府采购.服务"
                                      "}"),
                  "template-fields")
    assert found.severity == Severity.ERROR
    assert "{政府采购总额}" in found.message and "“九”" in found.message
    assert found.location.field == "templates.九"


def test_a_form_on_a_figure_without_last_year_and_a_broken_template_are_errors(sample: Budget) -> None:
    (form,) = of(worded(sample, "2", "收入{收入}{收入.比上年}"), "template-fields")
    assert "不能用“.比上年”" in form.message
    (broken,) = of(worded(sample, "2", "收入{收入"), "template-fields")
    assert "缺少“}”" in broken.message and "“二”" in broken.message
    (unknown,) = of(replace(sample, texts=replace(sample.texts, templates=(SectionTemplate("十三", "x"),))),
                    "template-fields")
    assert "十三" in unknown.message


def test_a_figure_typed_by_hand_is_flagged(sample: Budget) -> None:
    budget = worded(sample, "9", "{年度}年政府采购预算总额122.78万元，其中货物{政府采购.货物}、"
                                 "工程{政府采购.工程}、"
                                 "服务123.45万元{政府采购.服务}（第2项），截至12月31日。{政府采购}")
    found = of(budget, "typed-figure")
    assert [f.severity for f in found] == [Severity.HINT]
    assert "数字未与报表关联" in found[0].message and "123.45" in found[0].message
    assert "122.78" not in found[0].message  # equals a field's value: not typed


def test_leaving_out_the_three_public_explanation_is_an_error(sample: Budget) -> None:
    (found,) = of(worded(sample, "7", "本部门{年度}年“三公”经费预算{三公}。"), "wording-required")
    assert found.severity == Severity.ERROR
    assert "“三公”经费的增减" in found.message and "“三公”经费增减的原因" in found.message
    assert "公务用车运行维护费" in found.message
    assert of(worded(sample, "9", "政府采购{政府采购}。"), "wording-required")[0].message.endswith(
        "政府采购货物预算、政府采购工程预算、政府采购服务预算。")
    assert of(worded(sample, "11.2", "无。"), "wording-required")
    assert of(worded(sample, "8", "本部门机关运行经费{机关运行经费}。"), "wording-required")


def with_three_public(sample: Budget, now: str, before: str | None, reason: str = "") -> Budget:
    return replace(sample,
                   three_public=(ThreePublic(ThreePublicItem.RECEPTION, Source.GENERAL, yuan(now)),),
                   last_year=replace(sample.last_year, reception=None if before is None else yuan(before)),
                   texts=replace(sample.texts, reason_three_public=reason))


def test_a_change_of_ten_percent_or_from_zero_needs_a_reason(sample: Budget) -> None:
    (found,) = of(with_three_public(sample, "50000", "40000", "。"), "change-reason")
    assert found.severity == Severity.ERROR and "三公" in found.message and "25.00%" in found.message
    assert found.location.field == "reason_three_public"
    assert of(with_three_public(sample, "50000", "40000", "主要原因是接待任务增加"), "change-reason") == []
    assert of(with_three_public(sample, "42000", "40000", "。"), "change-reason") == []  # 5% < 10%
    stricter = replace(with_three_public(sample, "42000", "40000", "。"),
                       settings=Settings(reason_threshold=Decimal("5")))
    assert of(stricter, "change-reason")
    assert "从0增加" in of(with_three_public(sample, "50000", "0", "。"), "change-reason")[0].message


def test_an_empty_reason_is_told_once(sample: Budget) -> None:
    """A reason left empty is reason-texts' (and last-year's) finding for any change; the
    change-reason check told it again at the same place, so the officer read it twice."""
    budget = with_three_public(sample, "50000", "40000")
    at = [f for f in run_checks(budget) if f.location.field == "reason_three_public"]
    assert [f.check for f in at] == ["reason-texts"]
    total = replace(sample, last_year=replace(sample.last_year, total=sample.last_year.total // 2),
                    texts=replace(sample.texts, reason_total=""))
    at = [f for f in run_checks(total) if f.location.field == "reason_total"]
    assert [f.check for f in at] == ["last-year"]


def test_a_reason_left_out_of_the_template_is_missing_too(sample: Budget) -> None:
    budget = with_three_public(sample, "50000", "40000", "主要原因是接待任务增加")
    template = ("本部门“三公”经费{三公}，{三公.比上年}。{三公.公务用车购置费}{三公.公务用车运行维护费}"
                "{原因.收支总计}")
    found = of(worded(budget, "7", template), "change-reason")
    assert found and "模板没有写出原因" in found[0].message and found[0].location.field == "templates.七"
