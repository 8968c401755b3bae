"""审核: the checks before publication. Each check returns findings as data; none raises.

A check is a small function `check_x(budget) -> list[Finding]` in one of the `checks_*`
modules, registered in CHECKS below. 错误 block publication unless the user accepted them
(an Acceptance with a reason, kept in the file); 提示 never block.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Sequence

from app.checks import balance, completeness, consistency, department, inspectors, kindwords, targets, wording
from app.core import findings
from app.core.findings import Finding, Location, Severity, open_errors
from app.core.records import Acceptance, Budget

__all__ = [
    "CHECKS",
    "TITLES",
    "Check",
    "Finding",
    "Location",
    "Severity",
    "acceptance_for",
    "accepted",
    "blocking",
    "run_checks",
]

Check = Callable[[Budget], list[Finding]]

CHECKS: list[Check] = [
    # balance
    balance.check_income,
    balance.check_basic,
    balance.check_target_funds,
    balance.check_function_codes,
    balance.check_economic_codes,
    balance.check_catalog_year,
    balance.check_references,
    # consistency
    consistency.check_unit_kinds,
    consistency.check_three_public,
    consistency.check_last_year,
    consistency.check_procurement,
    consistency.check_assets,
    consistency.check_performance,
    # completeness
    completeness.check_department,
    completeness.check_texts,
    completeness.check_filled,
    completeness.check_target_presence,
    completeness.check_target_texts,
    department.check_department_form,
    # targets
    targets.check_indicator_rows,
    targets.check_indicator_groups,
    targets.check_indicator_values,
    targets.check_periods,
    # wording of 第三部分
    wording.check_template_fields,
    wording.check_required,
    wording.check_change_reasons,
    wording.check_typed_figures,
    # inspectors (the target forms' 年度 money against table 12 is balance.check_target_funds)
    inspectors.check_ascii_punctuation,
    inspectors.check_width_mixing,
    inspectors.check_repeated_words,
    inspectors.check_placeholders,
    inspectors.check_other_years,
    inspectors.check_percent_sign,
    inspectors.check_zero_change,
    inspectors.check_absent_funds,
    inspectors.check_procurement_sme,
    inspectors.check_assets_text,
    kindwords.check_kind_wording,
]


# the check names findings carry (and acceptances keep), in words
TITLES = {
    "income-balance": "收入与支出按来源相等",
    "basic-balance": "基本支出功能分类与经济分类相等",
    "target-funds": "绩效目标表资金与项目支出表一致",
    "function-code": "功能科目为项级且在科目表中",
    "economic-code": "经济分类为款级且部门/政府分类对应",
    "catalog-year": "科目表的年度",
    "references": "单位、项目与金额有效",
    "unit-kind": "机关运行经费只属行政和参公单位",
    "three-public": "“三公”经费",
    "last-year": "上年数与增减原因",
    "reason-texts": "“三公”经费与机关运行经费的增减原因",
    "procurement": "政府采购",
    "assets": "国有资产",
    "office-area": "办公用房面积",
    "performance": "绩效管理情况的数字",
    "department": "部门信息",
    "units": "单位",
    "texts": "文字说明与名词解释",
    "target-presence": "每个项目有绩效目标表",
    "target-texts": "绩效目标表的文字",
    "department-form": "部门整体绩效目标表",
    "indicator-rows": "三级指标与指标值成对",
    "indicator-groups": "指标齐全（数量、质量、时效、成本、效益、满意度）",
    "indicator-values": "指标值的方向、单位与成本上限",
    "periods": "年度指标与实施期指标一致",
    "template-fields": "文字模板的写法与字段",
    "wording-required": "说明写出规定的内容",
    "change-reason": "较大增减有原因",
    "typed-figure": "文字模板中的数字与报表关联",
    **inspectors.TITLES,
    **kindwords.TITLES,
}


def run_checks(budget: Budget, extra: Sequence[Check] = (),
               skipped: Collection[str] = frozenset()) -> list[Finding]:
    """Every finding of every registered check, in check order, then of the extra checks (a
    template's own); findings of the checks named in skipped (a template's exceptions) left out.

    The file's template decides extra and skipped: app.profiles.review.review(budget) is the
    call that knows it, and the one the commands and the window use."""
    found = [finding for check in (*CHECKS, *extra) for finding in check(budget)]
    return [f for f in found if f.check not in skipped] if skipped else found


def acceptance_for(budget: Budget, finding: Finding) -> Acceptance | None:
    """The user's acceptance of this finding (check and place), or None."""
    return findings.acceptance_for(budget.acceptances, finding)


def accepted(budget: Budget, finding: Finding) -> bool:
    """Whether the user accepted this 错误 (with a reason kept in the file)."""
    return acceptance_for(budget, finding) is not None


def blocking(budget: Budget, found: list[Finding] | None = None) -> list[Finding]:
    """The 错误 that block publication: not accepted by the user."""
    found = run_checks(budget) if found is None else found
    return open_errors(budget.acceptances, found)
