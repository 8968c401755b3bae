"""Step 8 of the Shanxi template: the own words of 第一部分 and 第三部分 and where each prints."""

from __future__ import annotations

from app.profiles.inputs import TextInput, TextInputs

INPUTS = TextInputs(
    inputs=(
        TextInput("duties", "本部门职责", unit=True, tall=True),
        TextInput("organization", "机构设置情况", unit=True, tall=True),
        TextInput("reason_total", "收支总计增减原因（第一节）", unit=True),
        TextInput("reason_three_public", "“三公”经费增减原因（第七节）", unit=True),
        TextInput("reason_operating", "机关运行经费增减原因（第八节）", unit=True),
        TextInput("services_catalog", "政府购买服务指导性目录（第十二节）"),
        TextInput("other", "其他说明（第十二节）"),
        TextInput("form_title", "绩效目标表标题（如“××市市级预算部门(单位)项目支出绩效目标表”，"
                                "空则为“项目支出绩效目标表”）"),
    ),
    printed="将印出的说明（第一部分、第三部分）",
    note=("左侧填写本部门自己的文字（每段一行）；右侧是 PDF 将印出的说明，数字由报表自动生成、"
          "不可修改，增减原因和其他说明可在左侧修改。第三部分各段的写法在“第三部分 文字模板”中修改。"),
    templates="第三部分 文字模板",
    forms=True,
    charts=True,
)
