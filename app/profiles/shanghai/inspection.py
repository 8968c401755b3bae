"""The Shanghai template's tables as an inspector checks them, by the tables' keys (元 tables)."""

from __future__ import annotations

from app.profiles.inspection import YUAN, Identity, LabelSum, Layout, Ref

_NUM = r"(-?\d[\d,]*(?:\.\d+)?)"
_FUNCTION = ("income", "spending", "general", "fund", "capital")
_FISCAL = ("一般公共预算", "政府性基金预算", "国有资本经营预算")

LAYOUT = Layout(
    amounts=YUAN,
    parts=(*_FUNCTION, "economic"),
    trees=(*_FUNCTION, "economic"),
    sided=("finance", "fiscal"),
    summary="finance",
    totals=("收入总计", "支出总计"),
    label_sums=(
        LabelSum("finance", "收入总计", ("财政拨款收入", "事业收入", "事业单位经营收入", "其他收入")),
        LabelSum("finance", "财政拨款收入", _FISCAL),
        LabelSum("finance", "支出总计", ("*classes",)),
        LabelSum("finance", "支出总计", ("收入总计",)),
        LabelSum("fiscal", "收入总计", _FISCAL),
        LabelSum("fiscal", "支出总计", ("*classes",)),
        LabelSum("fiscal", "支出总计", ("收入总计",)),
    ),
    # "三公" and 机关运行经费: 合计, 因公出国（境）, 公务接待, 公务用车小计, 购置, 运行, 机关运行经费
    column_sums=(("three-public", 0, (1, 2, 3)), ("three-public", 3, (4, 5))),
    identities=(
        Identity((Ref("income", "合计"),), Ref("finance", "收入总计"),
                 "收入预算总表合计与财务收支预算总表收入总计"),
        Identity((Ref("spending", "合计"),), Ref("finance", "支出总计"),
                 "支出预算总表合计与财务收支预算总表支出总计"),
        Identity((Ref("fiscal", "收入总计"),), Ref("finance", "财政拨款收入"),
                 "财政拨款收支预算总表收入总计与财务收支预算总表财政拨款收入"),
        Identity((Ref("general", "合计"),), Ref("fiscal", "一般公共预算"),
                 "一般公共预算支出功能分类预算表合计与财政拨款收支预算总表一般公共预算"),
        Identity((Ref("economic", "合计"),), Ref("general", "合计", 1),
                 "经济分类预算表合计与一般公共预算基本支出"),
    ),
    classes=(("spending", "finance"),),
    funds={"fund": "政府性基金", "capital": "国有资本经营"},
    figures={
        "一般公共预算支出": Ref("general", "合计"), "三公经费": Ref("three-public", "", 0),
        "机关运行经费": Ref("three-public", "", 6),
    },
    text=(
        ("收入预算", rf"收入预算\s*{_NUM}\s*万元", "收入总计"),
        ("财政拨款收入", rf"其中[:：]财政拨款收入\s*{_NUM}\s*万元", "财政拨款收入"),
        ("支出预算", rf"(?<!拨款)支出预算\s*{_NUM}\s*万元，其中", "支出总计"),
        ("一般公共预算拨款支出预算", rf"一般公共预算拨款支出预算\s*{_NUM}\s*万元", "一般公共预算支出"),
        ("“三公”经费", rf"“三公”经费预算数为\s*{_NUM}\s*万元", "三公经费"),
        ("机关运行经费", rf"机关运行经费预算为\s*{_NUM}\s*万元", "机关运行经费"),
    ),
)
