"""部门 wording in a 单位 document and the reverse: the rule on a text and the check of a file."""

from __future__ import annotations

from dataclasses import replace

from app.checks import registry
from app.checks.kindwords import check_kind_wording, kind_wording
from app.core.findings import Severity
from app.core.records import Budget, UnitText
from app.profiles.shanghai.sample import load_sample as shanghai_sample


def test_department_words_in_a_unit_document_are_errors() -> None:
    hits = kind_wording("本部门2026年收入预算571.14万元。部门名称：晋城市科学技术研究院", "单位")
    assert [(h.check, h.severity, "本单位" in h.message or "单位名称" in h.message) for h in hits] == [
        ("kind-wording", Severity.ERROR, True), ("kind-wording", Severity.ERROR, True)]
    assert "应为“本单位”" in hits[0].message


def test_unit_words_in_a_department_document_are_errors() -> None:
    hits = kind_wording("本单位职责是组织实施科技计划。", "部门")
    assert [(h.offset, h.length) for h in hits] == [(0, 3)]
    assert "应为“本部门”" in hits[0].message


def test_words_shared_by_both_documents_pass() -> None:
    assert kind_wording("主管部门及代码：108；财政部门批复；部门预算支出经济分类科目；"
                        "2026年单位一般公共预算基本支出部门预算经济分类预算表", "单位") == []
    assert kind_wording("本部门下属预算单位3家，所属单位预算公开另行发布；预算单位名称：研究院；"
                        "3个单位编报了单位整体绩效目标", "部门") == []


def test_the_samples_pass(sample: Budget) -> None:
    assert check_kind_wording(sample) == []  # its unit documents included (unit_documents on)
    assert sample.settings.unit_documents
    assert check_kind_wording(shanghai_sample()) == []


def test_a_departments_text_in_unit_words_is_found_at_its_place(sample: Budget) -> None:
    budget = replace(sample, texts=replace(sample.texts, duties="本单位职责是组织实施科技计划。"))
    found = check_kind_wording(budget)
    assert [(f.location.form, f.location.field) for f in found] == [("texts", "duties")]


def test_a_units_own_text_in_department_words_is_found_for_that_unit(sample: Budget) -> None:
    code = sample.units[1].code
    units = (*(t for t in sample.texts.units if t.unit != code), UnitText(code, duties="本部门负责科研。"))
    budget = replace(sample, texts=replace(sample.texts, units=units))
    found = check_kind_wording(budget)
    assert [(f.location.form, f.location.field) for f in found] == [("texts.units", "duties")]
    assert sample.units[1].name in found[0].message
    # without unit documents the unit's texts are printed nowhere: nothing to find
    quiet = replace(budget, settings=replace(budget.settings, unit_documents=False))
    assert check_kind_wording(quiet) == []


def test_a_unit_document_reprinting_the_departments_words_is_found() -> None:
    budget = shanghai_sample()
    uses = tuple(replace(u, use="全部门开展对外文化交流项目") if u.function == "2070110" else u
                 for u in budget.texts.function_uses)
    budget = replace(budget, texts=replace(budget.texts, function_uses=uses),
                     settings=replace(budget.settings, unit_documents=True))
    found = [f for f in check_kind_wording(budget) if "全部门" in f.message]
    # printed so in the document of each unit that spends on 2070110 (and nowhere else)
    assert found and all(f.location.field == "function_uses" and "2070110" in f.location.label
                         for f in found)
    assert all("单位预算公开" in f.message for f in found)


def test_the_check_is_registered() -> None:
    assert check_kind_wording in registry.CHECKS
    assert "kind-wording" in registry.TITLES


def test_a_units_document_words_the_departments_main_uses_for_a_unit() -> None:
    """The sample's 主要用于 say 本部门; each unit's document prints them as 本单位, so the
    Shanghai sample with unit documents on has no wording finding, and a real one is reported
    once, in its own words (not reworded by the per-unit review)."""
    from app.compute.unitdoc import unit_budget
    from app.profiles.review import review

    budget = shanghai_sample()
    budget = replace(budget, settings=replace(budget.settings, unit_documents=True))
    assert any("本部门" in u.use for u in budget.texts.function_uses)
    for unit in budget.units:
        own = unit_budget(budget, unit.code)
        assert not any("本部门" in u.use for u in own.texts.function_uses)
    assert [f for f in review(budget) if f.check == "kind-wording"] == []
    wrong = replace(budget, texts=replace(budget.texts, duties=budget.texts.duties + "本单位负责。"))
    found = [f for f in review(wrong) if f.check == "kind-wording"]
    assert len(found) == 1 and "“本单位”，应为“本部门”" in found[0].message
