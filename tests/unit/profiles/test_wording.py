"""第三部分 from templates: the defaults print today's text byte for byte; other wordings from
real documents, written as templates, print the expected sentences from the sample's figures."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from app.compute.wording import SECTIONS, template_of, with_template
from app.core.money import yuan
from app.core.records import Budget, Performance, SectionTemplate
from app.profiles.shanxi.narrative import sections

GOLDEN = Path(__file__).with_name("sample_part3.txt")  # written by the code before templates


def printed(budget: Budget) -> str:
    lines = []
    for s in sections(budget):
        lines.append(f"## {s.key} {s.heading}")
        lines += s.paragraphs
    return "\n".join(lines) + "\n"


def worded(budget: Budget, key: str, template: str) -> Budget:
    return replace(budget, texts=replace(budget.texts, templates=with_template(budget, key, template)))


def section(budget: Budget, key: str) -> tuple[str, ...]:
    return next(s.paragraphs for s in sections(budget) if s.key == key)


def test_the_sample_prints_identically_with_the_default_templates(sample: Budget) -> None:
    assert sample.texts.templates == ()
    assert printed(sample) == GOLDEN.read_text(encoding="utf-8")


def test_templates_stored_in_the_file_are_the_ones_printed(sample: Budget) -> None:
    written = tuple(SectionTemplate(d.number, d.default) for d in SECTIONS if d.default)
    budget = replace(sample, texts=replace(sample.texts, templates=written))
    assert all(template_of(budget, d.key) == d.default for d in SECTIONS)
    assert printed(budget) == GOLDEN.read_text(encoding="utf-8")
    blank = replace(sample, texts=replace(sample.texts, templates=(SectionTemplate("九", "  "),)))
    assert section(blank, "9") == section(sample, "9")  # a blank template is the default
    assert with_template(sample, "7", SECTIONS[8].default) == ()  # the default is not stored
    assert section(worded(sample, "9", "采购{政府采购}。"), "9") == ("采购122.78万元。",)


SEVEN = ("本部门{年度}年“三公”经费财政拨款预算{三公}，{三公.比上年:比{上年}年}[，{三公.原因}]。\n其中："
         + "；".join(f"{item}{{三公.{item}}}，{{三公.{item}.比上年额:与上年相比预算数}}"
                    for item in ("因公出国（境）费", "公务接待费", "公务用车购置费", "公务用车运行维护费"))
         + "。")


def test_section_seven_compares_with_2025_and_states_each_item_separately(sample: Budget) -> None:
    budget = replace(sample, last_year=replace(sample.last_year, vehicle_running=yuan("35000")),
                     texts=replace(sample.texts, reason_three_public="主要原因是公务用车改革。"))
    first, items = section(worded(budget, "7", SEVEN), "7")
    assert first == ("本部门2026年“三公”经费财政拨款预算0万元，比2025年减少3.50万元，下降100.00%，"
                     "主要原因是公务用车改革。")
    assert items == ("其中：因公出国（境）费0万元，与上年相比预算数持平；"
                     "公务接待费0万元，与上年相比预算数持平；"
                     "公务用车购置费0万元，与上年相比预算数持平；"
                     "公务用车运行维护费0万元，与上年相比预算数减少3.50万元。")
    assert "公务用车运行维护费0万元，与上年相比预算数减少3.50万元" in items


TEN = ("[{?编报部门整体绩效目标}{年度}年编报部门整体支出绩效目标，涉及部门预算资金{本年收入合计}；"
       "|{年度}年未编报部门整体支出绩效目标；]机关及下属预算单位{机关及下属预算单位数}个"
       "[，其中{单位整体绩效目标.单位数}个单位（包括机关）编报了单位整体绩效目标，涉及资金{单位整体绩效目标.金额}]。")


def test_section_ten_leaves_out_the_unit_sentence_when_no_unit_reported(sample: Budget) -> None:
    budget = worded(sample, "10.1", TEN)
    assert section(budget, "10.1") == ("2026年编报部门整体支出绩效目标，涉及部门预算资金3,562.56万元；机关"
                                       "及下属预算单位4个。",)
    reported = replace(budget, performance=replace(sample.performance, units_with_targets=2,
                                                   units_amount=yuan("1234500")))
    assert section(reported, "10.1")[0].endswith(
        "机关及下属预算单位4个，其中2个单位（包括机关）编报了单位整体绩效目标，涉及资金123.45万元。")
    none = replace(budget, performance=Performance(overall_reported=False))
    assert section(none, "10.1")[0].startswith("2026年未编报部门整体支出绩效目标；")


def test_sections_five_and_six_with_other_connecting_words(sample: Budget) -> None:
    budget = worded(sample, "5.2", "{部门}{年度}年一般公共预算当年支出{一般公共预算当年支出}，具体为："
                                   "{一般公共预算.按类}。其中科学技术支出占{一般公共预算.按类.科学技术支出.占比}。")
    budget = worded(budget, "6", "{年度}年度基本支出{一般公共预算基本支出}，由人员经费{人员经费}和公用经费"
                                 "{公用经费}组成。\n人员经费用于{人员经费.科目}；公用经费用于{公用经费.科目}。")
    (five,) = section(budget, "5.2")
    assert five.startswith("晋城市科学技术局2026年一般公共预算当年支出3,562.56万元，具体为：教育支出3.60万"
                           "元，占0.10%；")
    assert five.endswith("住房保障支出80.46万元，占2.26%。其中科学技术支出占89.73%。")
    first, second = section(budget, "6")
    assert first == "2026年度基本支出1,174.80万元，由人员经费1,059.67万元和公用经费115.13万元组成。"
    assert second.startswith("人员经费用于基本工资、津贴补贴") and "公用经费用于办公费、差旅费" in second


def test_a_template_that_does_not_parse_prints_as_written(sample: Budget) -> None:
    assert section(worded(sample, "9", "政府采购{政府采购"), "9") == ("政府采购{政府采购",)
