"""What the window offers for a template: step 8's (文字说明) own-words inputs, each labelled by
where the template prints it, the preview's title, the section-template tab; whether the template
prints target forms and charts (step 8's 部门整体 tab, step 10's layout options)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class TextInput:
    """One of the department's own texts (a field of Texts) that the template prints.

    Attributes: field: the Texts field ("duties"). label: in 部门 wording, naming where the
    template prints it ("收支总计增减原因（第三部分一）"); a 单位 document shows it in 单位 words.
    unit: each unit has its own (its 单位预算公开's), else the unit documents reprint the
    department's. tall: a tall box (several paragraphs) rather than a short one.
    """

    field: str
    label: str
    unit: bool = False
    tall: bool = False


@dataclass(frozen=True)
class TextInputs:
    """Step 8 of a template.

    Attributes:
      inputs: the own-words inputs in the order the document prints them.
      printed: the title of the box showing the text as it prints ("将印出的说明（…）").
      note: the line under the step's title (in 部门 wording).
      templates: the title of the tab of the template's section templates; "" when the
        template words no sections by templates (the tab is not shown).
      forms: the template prints the target forms (step 8's 部门整体 form tab, step 10's
        附件N, form order, 主管部门 and 部门整体 title are shown).
      charts: the template draws charts in its text (step 10's chart options are shown).
      targets: where a template that prints no target forms uses them (shown in step 5 above
        the form's editor); "" when it prints them.
    """

    inputs: tuple[TextInput, ...]
    printed: str = "将印出的说明"
    note: str = ("左侧填写本部门自己的文字（每段一行）；右侧是 PDF 将印出的说明，数字由报表自动生成、"
                 "不可修改。")
    templates: str = ""
    forms: bool = False
    charts: bool = False
    targets: str = ""
