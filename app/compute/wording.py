"""The sections of 第三部分 (Shanxi template) and their default wording as templates.

Each section has a stable key ("7", "5.2"), its 段落 name as the heading's numbers print
("七", "五（二）", "十1"), its heading, its level and its default template. A file keeps only
the templates the department changed (Texts.templates); `template_of` gives the one in force.
The defaults reproduce the province's wording exactly (tests/unit/profiles/test_narrative.py).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from app.core.records import Budget, SectionTemplate

SUBJECT = "{年度}年度{部门}"
AS_OF = "截至{上年}年12月31日，{部门}"


@dataclass(frozen=True)
class SectionDef:
    """One section: key, 段落 name, heading, level (1 for 一、…, 2 for its parts), default."""

    key: str
    number: str
    heading: str
    level: int
    default: str


def _three_public() -> str:
    items = "；".join(f"{item}{{三公.{item}}}，{{三公.{item}.比上年}}"
                     for item in ("因公出国（境）费", "公务接待费", "公务用车购置及运行费"))
    return ("[{?三公|三公.上年}本部门{年度}年“三公”经费财政拨款预算{三公}，{三公.比上年}[，{三公.原因}]。\n"
            f"其中：{items}（其中：公务用车购置费{{三公.公务用车购置费}}，"
            "公务用车运行维护费{三公.公务用车运行维护费}）。|本部门无“三公”经费预算。]")


def _projects() -> str:
    def by_kind(prefix: str, word: str) -> str:
        return "；".join(f"{k}项目{{{prefix}.{k}.个数}}个，涉及{word}{{{prefix}.{k}.金额}}"
                        for k in ("其他运转类", "特定目标类"))

    return ("{年度}年{部门}纳入绩效目标管理的二级项目{项目.个数}个，共计金额{项目.金额}。"
            f"其中：{by_kind('项目', '金额')}。公开项目绩效目标{{公开项目.个数}}个，涉及项目金额"
            "{公开项目.金额}，占部门（单位）项目支出总额的{公开项目.占比}。"
            f"其中：{by_kind('公开项目', '项目金额')}。\n"
            "[{?绩效目标表.个数}（项目绩效目标表公开情况见附件）]")


SECTIONS: tuple[SectionDef, ...] = (
    SectionDef("1", "一", "一、部门预算收支数据变动情况及原因", 1,
               SUBJECT + "预算收入总计{收入总计}，其中：本年收入{本年收入合计}，上年结转{上年结转}，"
               "{收入总计.比上年}[，{收入总计.原因}]；本年部门预算支出总计{支出总计}，其中：本年预算安排"
               "{本年预算安排}，上年结转{上年结转安排}，{支出总计.比上年}[，{支出总计.原因}]。"),
    SectionDef("2", "二", "二、收入预算情况说明", 1, SUBJECT + "预算收入{收入总计}，主要包括{收入}。"),
    SectionDef("3", "三", "三、支出预算情况说明", 1, SUBJECT + "支出预算{支出总计}，其中：{支出}。"),
    SectionDef("4", "四", "四、财政拨款收支预算总体情况说明", 1,
               SUBJECT + "财政拨款收支总预算{财政拨款收支总计}。其中：{财政拨款.按来源}。\n"
               "其中：当年拨款收入{财政拨款当年收入}，上年结转收入{财政拨款上年结转}。"
               "[支出包括：{财政拨款.按类}。|无财政拨款支出。]"),
    SectionDef("5", "五", "五、一般公共预算支出情况说明", 1, ""),
    SectionDef("5.1", "五（一）", "（一）一般公共预算当年支出规模变化情况", 2,
               SUBJECT + "一般公共预算当年支出{一般公共预算当年支出}，{一般公共预算当年支出.比上年}。"),
    SectionDef("5.2", "五（二）", "（二）一般公共预算当年支出结构情况", 2,
               SUBJECT + "[{?一般公共预算.按类}一般公共预算当年支出{一般公共预算当年支出}，主要用于以下方面："
               "{一般公共预算.按类}。|无一般公共预算当年支出。]"),
    SectionDef("6", "六", "六、一般公共预算基本支出情况说明", 1,
               SUBJECT + "一般公共预算安排基本支出{一般公共预算基本支出}，其中：\n"
               "人员经费{人员经费}[，主要包括：{人员经费.科目}等]；\n"
               "公用经费{公用经费}[，主要包括：{公用经费.科目}等]。"),
    SectionDef("7", "七", "七、“三公”经费增减变动原因说明", 1, _three_public()),
    SectionDef("8", "八", "八、机关运行经费增减变动原因说明", 1,
               "本部门{年度}年机关运行经费财政拨款预算{机关运行经费}，"
               "{机关运行经费.比上年:比{上年}年预算}[，{机关运行经费.原因}]。"),
    SectionDef("9", "九", "九、政府采购情况", 1,
               "{年度}年{部门}政府采购预算总额{政府采购}。其中：政府采购货物预算{政府采购.货物}、"
               "政府采购工程预算{政府采购.工程}、政府采购服务预算{政府采购.服务}。"),
    SectionDef("10", "十", "十、绩效管理情况", 1, ""),
    SectionDef("10.1", "十1", "1、整体绩效目标", 2,
               "[{?编报部门整体绩效目标}{年度}年编报部门整体支出绩效目标，涉及部门预算资金{本年收入合计}，"
               "其中基本支出{本年基本支出}，项目支出{本年项目支出}；|{年度}年未编报部门整体支出绩效目标。]"
               "机关及下属预算单位{机关及下属预算单位数}个，其中{单位整体绩效目标.单位数}个单位（包括机关）"
               "编报了单位整体绩效目标，涉及资金{单位整体绩效目标.金额}。"),
    SectionDef("10.2", "十2", "2、项目绩效目标", 2, _projects()),
    SectionDef("11", "十一", "十一、国有资产占有使用情况", 1, ""),
    SectionDef("11.1", "十一1", "1、车辆情况：", 2,
               AS_OF + "共有公务用车编制{公务用车.编制}辆，实有{公务用车.实有}辆"
                       "[，其中：{公务用车.按类型}。|。]"),
    SectionDef("11.2", "十一2", "2、房屋情况：", 2, AS_OF + "使用的办公用房建筑总面积{办公用房面积}平方米。"),
    SectionDef("11.3", "十一3", "3、其他国有资产占有使用情况：", 2,
               AS_OF + "占有使用价值50万元（原值）以上的通用设备{通用设备.50万元以上}台（套）；"
               "{部门}占有使用价值100万元（原值）以上的通用设备{通用设备.100万元以上}台（套）。"),
    SectionDef("12", "十二", "十二、其他说明", 1, ""),
    SectionDef("12.1", "十二（一）", "（一）政府购买服务指导性目录", 2, "[{政府购买服务指导性目录}|无。]"),
    SectionDef("12.2", "十二（二）", "（二）其他", 2, "[{其他说明}|无。]"),
)

BY_KEY = {s.key: s for s in SECTIONS}
BY_NUMBER = {s.number: s for s in SECTIONS}


def section_def(name: str) -> SectionDef | None:
    """The section called name: its 段落 ("七", "五（二）") or its key ("7", "5.2")."""
    name = name.strip().replace("(", "（").replace(")", "）")
    return BY_NUMBER.get(name) or BY_KEY.get(name)


def stored(budget: Budget, key: str) -> str:
    """The template the file keeps for the section (key), "" when it keeps none."""
    return next((t.template for t in budget.texts.templates if section_def(t.section) is BY_KEY[key]), "")


def template_of(budget: Budget, key: str) -> str:
    """The template in force for a section: the file's own, or the default when blank; in a
    unit's document (kind 单位) the same in 本单位 wording."""
    chosen = stored(budget, key) if stored(budget, key).strip() else BY_KEY[key].default
    if budget.settings.kind != UNIT_KIND:
        return chosen
    if not stored(budget, key).strip() and key in UNIT_DEFAULTS:
        return UNIT_DEFAULTS[key]
    return unit_words(chosen)


def worded(budget: Budget, text: str) -> str:
    """text (in a department's words) as the file's document kind says it: 本单位, 单位整体… in a
    unit's document (单位预算公开)."""
    return unit_words(text) if budget.settings.kind == UNIT_KIND else text


def heading_of(budget: Budget, d: SectionDef) -> str:
    """A section's heading as the document prints it (单位 wording in a unit's document)."""
    return worded(budget, d.heading)


UNIT_KIND = "单位"
# the words of a department's document and what a unit's document says instead, in order
UNIT_WORDS = (("部门（单位）项目支出", "本单位项目支出"), ("本部门", "本单位"),
              ("部门预算", "单位预算"), ("部门整体", "单位整体"), ("部门名称", "单位名称"),
              ("部门基本信息", "单位基本信息"), ("部门职责", "单位职责"), ("部门战略目标", "单位战略目标"))
_FIELD = re.compile(r"(\{[^{}]*\})")
UNIT_DEFAULTS = {
    "10.1": "[{?编报部门整体绩效目标}{年度}年编报单位整体支出绩效目标，涉及单位预算资金{本年收入合计}，"
            "其中基本支出{本年基本支出}，项目支出{本年项目支出}。|{年度}年{部门}未编报单位整体支出绩效目标。]",
}


def unit_words(text: str) -> str:
    """text in a unit's words: 本单位, 单位预算 where a department's says 本部门, 部门预算; the
    names of fields in braces ({部门名称}, {?编报部门整体绩效目标}) are kept as they are."""
    parts = _FIELD.split(text)
    for k in range(0, len(parts), 2):  # the even parts are outside braces
        for department, unit in UNIT_WORDS:
            parts[k] = parts[k].replace(department, unit)
    return "".join(parts)


def with_template(budget: Budget, key: str, text: str) -> tuple[SectionTemplate, ...]:
    """The file's templates with this section's set to text (dropped when blank or the default)."""
    number = BY_KEY[key].number
    kept = [t for t in budget.texts.templates if section_def(t.section) is not BY_KEY[key]]
    if text.strip() and text != BY_KEY[key].default:
        kept.append(SectionTemplate(number, text))
    order = [s.number for s in SECTIONS]
    return tuple(sorted(kept, key=lambda t: order.index(t.section) if t.section in order else len(order)))
