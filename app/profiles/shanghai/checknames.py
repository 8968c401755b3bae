"""The Shanghai template's own checks by name, their titles and the general checks it skips:
what the profile declares without loading the checks (app.profiles.shanghai.checks)."""

from __future__ import annotations

# the checks of app.profiles.shanghai.checks, in order (its CHECKS; a test holds them equal)
NAMES = ("check_income_kinds", "check_texts", "check_reasons", "check_carryover")

TITLES = {"income-kinds": "事业收入、经营收入与其他收入", "sh-texts": "上海模板的文字说明",
          "sh-reasons": "“三公”经费各项的增减原因", "sh-carryover": "上年结转不列入公开文件"}

# the general checks that do not apply: "texts" asks for Shanxi's sections (机构设置 as text,
# 政府购买服务指导性目录, 其他); Shanghai computes 机构设置 and has no such sections.
# "target-presence": Shanghai's document states 绩效目标设置情况 in its text and prints no
# 项目支出绩效目标表, so a project without a form in the file is not a fault of the document.
# "reason-texts" and "change-reason" ask for Shanxi's 第三部分 reasons (三公 as one text,
# 机关运行经费, each section's change): Shanghai prints a reason per "三公" item (check_reasons
# in the checks) and states no change of 机关运行经费. "office-area": Shanghai prints no office area.
SKIPPED = frozenset({"texts", "target-presence", "reason-texts", "change-reason", "office-area"})
