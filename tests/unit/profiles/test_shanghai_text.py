"""Every figure of the reference's 编制说明 and 其他相关情况说明 is in the generated text."""

from __future__ import annotations

import re
from dataclasses import replace
from decimal import Decimal

import pytest

from app.core.records import Budget
from app.profiles.shanghai import narrative, other
from app.profiles.shanghai.document import outline, texts, title_lines
from app.profiles.shanghai.sample import load_sample
from app.profiles.shanghai.words import check_kind
from tests.helpers.putuo import compact, pages, text_of

NUMBER = re.compile(r"\d[\d,]*(?:\.\d+)?")


def figures(text: str) -> list[Decimal]:
    return [Decimal(n.replace(",", "")) for n in NUMBER.findall(text)]


@pytest.fixture(scope="module")
def budget() -> Budget:
    return load_sample()


def joined(sections: list[narrative.Section]) -> str:
    return "\n".join(p for s in sections for p in (s.heading, *s.paragraphs))


def test_explanation_states_every_reference_figure(budget: Budget) -> None:
    mine = joined([narrative.explanation(budget)])
    reference = text_of(7, 8)
    missing = [f for f in figures(reference) if f not in set(figures(mine))]
    assert not missing


def test_one_paragraph_per_function_item_in_the_reference_order(budget: Budget) -> None:
    paragraphs = narrative.explanation(budget).paragraphs
    items = [p for p in paragraphs if re.match(r"^\d+\.“", p)]
    reference = re.findall(r"”([\d,]+\.\d\d)万元", text_of(7, 8).replace("＂", "”"))
    assert [figures(p.split("”")[1])[0] for p in items] == [Decimal(r.replace(",", ""))
                                                           for r in reference]
    assert len(items) == 23
    assert items[0] == ("1.“文化旅游体育与传媒支出(类)文化和旅游(款)行政运行(项)”465.46万元，"
                        "主要用于维持局本部日常运转发生的人员和公用支出。")


def test_explanation_words_are_the_references_without_its_slips(budget: Budget) -> None:
    mine = narrative.explanation(budget).paragraphs
    assert mine[0] == ("2026年，上海市普陀区文化和旅游局收入预算27,807.61万元，其中：财政拨款收入"
                       "27,807.61万元，比2025年预算增加27.45万元；事业收入0万元；事业单位经营收入"
                       "0万元；其他收入0万元。")
    assert "政府性基金拨款支出预算0万元，与2025年预算持平；" in mine[1]
    assert mine[2] == "财政拨款收入支出增加的主要原因是基本支出增加。"
    text = "".join(mine)
    assert "增加增加" not in text and "增加持平" not in text


def test_other_sections_state_every_reference_figure(budget: Budget) -> None:
    mine = joined(other.other_sections(budget))
    reference = "\n".join(pages()[26])
    missing = [f for f in figures(reference) if f not in set(figures(mine))]
    assert not missing
    for sentence in ("2026年上海市普陀区文化和旅游局下属1家机关和1家参公事业单位财政拨款的机关运行"
                     "经费预算为182.65万元。",
                     "（三）公务接待费2.11万元，与2025年预算持平，主要原因是厉行节约，严格按照规定"
                     "执行“三公”经费。"):
        assert sentence in mine


def test_reference_paragraphs_reappear_word_for_word(budget: Budget) -> None:
    """The reference's paragraphs of 其他相关情况说明, its lines joined, as the text says them
    (amounts with thousands separators, the 。 after 2.11万元 a comma)."""
    mine = compact(joined(other.other_sections(budget))).replace(",", "")
    reference = compact("".join(pages()[26][2:])).replace("2.11万元。", "2.11万元，")
    for paragraph in re.split(r"(?=[一二三四五]、|（[一二三]）)", reference):
        body = re.sub(r"^[一二三四五]、[^。]*?(?=\d{4}年|按照|截至)", "", paragraph)
        assert body.replace(",", "") in mine, body


def test_changes_are_worded_by_their_sign(budget: Budget) -> None:
    less = replace(budget, last_year=replace(budget.last_year, fiscal=Decimal("300000000"),
                                             reception=Decimal("10000")))
    text = joined([narrative.explanation(less), *other.other_sections(less)])
    assert "比2025年预算减少2,192.39万元" in text
    assert "公务接待费2.11万元，比2025年预算增加1.11万元" in text
    assert "财政拨款收入支出减少的主要原因是基本支出增加。" in text
    unknown = replace(budget, last_year=replace(budget.last_year, fund=None))
    assert "2025年预算数未填列" in narrative.explanation(unknown).paragraphs[1]


def test_duties_organization_glossary_are_the_reference(budget: Budget) -> None:
    for section, page in ((narrative.duties(budget), 4), (narrative.organization(budget), 5),
                          (narrative.glossary(budget), 6)):
        assert compact("".join((section.heading, *section.paragraphs))) == compact(
            "".join(pages()[page]))


def test_project_note_is_the_reference(budget: Budget) -> None:
    sections = narrative.project_notes(budget)
    assert sections[0].heading == "真如海心剧院精装修工程项目经费情况说明"
    assert compact(joined(sections)) == compact("".join(pages()[27]))


def test_outline_is_the_references_contents(budget: Budget) -> None:
    entries = outline(budget)
    assert title_lines(budget) == tuple(pages()[1])
    assert [compact(e.title) for e in entries[2:]] == [
        compact(line.rstrip("…")) for line in pages()[2][1:]]
    assert set(texts(budget)) >= {e.content for e in entries if e.content and e.content != "tables"}


def test_unit_document_words(budget: Budget) -> None:
    from app.profiles.shanghai.tables import build_tables

    tables = build_tables(budget, "单位")
    assert tables[8].title == "2026年单位“三公”经费和机关运行经费预算表"
    assert tables[0].department_line.startswith("编制单位：")
    assert tables[5].all_notes() == ("注：本单位2026年无政府性基金预算财政拨款安排的预算，故本表为空表。",)
    titles = [e.title for e in outline(budget, "单位")]
    assert "一、单位主要职能" in titles and "四、单位预算编制说明" in titles
    assert "七、项目经费情况说明" not in titles
    assert title_lines(budget, "单位")[1] == "预算单位：上海市普陀区文化和旅游局"
    assert narrative.explanation(budget, "单位").heading == "2026年单位预算编制说明"
    # 四、绩效目标设置情况: the unit did the work itself, not "本单位5个预算单位"
    unit_targets = other.targets(budget, check_kind("单位")).paragraphs[0]
    assert "，本单位开展了2026年项目预算绩效目标编报工作" in unit_targets and "个预算单位" not in unit_targets
    assert "本部门5个预算单位开展了" in other.targets(budget, check_kind("部门")).paragraphs[0]


def test_shanghai_checks(budget: Budget) -> None:
    from app.core.records import IncomeKinds, Split
    from app.profiles.registry import profile

    shanghai = profile("shanghai")
    assert [f for check in shanghai.checks for f in check(budget)] == []
    assert "texts" in shanghai.skipped_checks
    wrong = replace(budget, income=replace(budget.income, this_year=Split(general=Decimal(5)),
                                           kinds=IncomeKinds(other=Decimal(1))))
    assert [f.check for f in shanghai.checks[0](wrong)] == ["income-kinds"]
    bare = replace(budget, texts=replace(budget.texts, function_uses=budget.texts.function_uses[1:]))
    found = shanghai.checks[1](bare)
    assert len(found) == 1 and "2070101" in found[0].message
    blank = replace(budget, texts=replace(budget.texts, duties=""))
    assert "“一、部门主要职能”不能为空" in shanghai.checks[1](blank)[0].message
    unit = replace(blank, settings=replace(blank.settings, kind="单位"))
    assert "“一、单位主要职能”不能为空" in shanghai.checks[1](unit)[0].message  # its heading
    assert set(shanghai.check_titles) == {"income-kinds", "sh-texts", "sh-reasons", "sh-carryover"}
    # 上年结转 entered is not published by this template: said (a 提示), at its source
    carried = replace(budget, income=replace(budget.income, carryover=Split(fund=Decimal(50000))))
    found = shanghai.checks[3](carried)
    assert [(f.check, f.severity.value, f.location.field) for f in found] == [
        ("sh-carryover", "提示", "carryover.fund")]
    assert "上年结转5.00万元（50,000.00元）不列入上海模板的公开表" in found[0].message
    assert {"reason-texts", "change-reason"} <= shanghai.skipped_checks
    # a "三公" item changed without its reason: a 错误 at that reason; once given, none
    last = replace(budget.last_year, abroad=Decimal(1))
    changed = replace(budget, last_year=last, texts=replace(
        budget.texts, three_public_reasons=replace(budget.texts.three_public_reasons, abroad="")))
    found = shanghai.checks[2](changed)
    assert [(f.severity.value, f.location.field if f.location else None) for f in found] == [
        ("提示", "three_public_reasons.total"), ("错误", "three_public_reasons.abroad")]
    assert "因公出国（境）费0.00元，与上年1.00元不同" in found[1].message
    given = replace(changed, texts=replace(changed.texts, three_public_reasons=replace(
        changed.texts.three_public_reasons, abroad="因出访计划取消。", total="因出访计划取消。")))
    assert shanghai.checks[2](given) == []
