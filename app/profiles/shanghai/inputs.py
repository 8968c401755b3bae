"""Step 8 of the Shanghai template: the own words its parts print (the rest of its facts are in
the 上海模板的内容 tab: 主要用于, the "三公" reasons, 车辆, 项目经费情况说明)."""

from __future__ import annotations

from app.profiles.inputs import TextInput, TextInputs

INPUTS = TextInputs(
    inputs=(
        TextInput("duties", "本部门主要职能", unit=True, tall=True),
        TextInput("organization", "本部门机构设置", unit=True, tall=True),
        TextInput("reason_total", "财政拨款收支增减原因（印在部门预算编制说明中）", unit=True),
    ),
    note=("左侧填写本部门自己的文字（每段一行）；右侧是 PDF 将印出的说明，数字由报表自动生成、"
          "不可修改。“三公”经费的增减原因、各“项”的主要用于、车辆和项目经费情况说明在“上海模板的内容”中填写。"),
    targets=("本文件的模板不印项目支出绩效目标表：有绩效目标表的项目计入说明“四、绩效目标设置情况”的"
             "项目个数和项目预算资金，目标表的内容只供审核，不印出。"),
)
