"""The sentences of the reference's 第三部分 by section heading, and the figures they state."""

from __future__ import annotations

import re
from decimal import Decimal
from functools import cache

from tests.helpers.reference import reference_text

NUMBER = re.compile(r"\d[\d,]*(?:\.\d+)?")
PART_THREE = "第三部分 2026年度部门预算情况说明"
FORMS_START = "（项目绩效目标表公开情况见附件）"
RESUME = "十一、国有资产占有使用情况"
END = "第四部分 名词解释"
HEADING = re.compile(r"^(?:[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）|\d、)")


def figures(text: str) -> list[Decimal]:
    """Every number stated in text, as a value ("1,174.8" and "1174.80" are equal)."""
    return [Decimal(n.replace(",", "")) for n in NUMBER.findall(text)]


@cache
def reference_sections() -> dict[str, list[str]]:
    """Heading → its sentences, for the reference's 第三部分 (target forms left out)."""
    lines = [line.strip() for line in reference_text().splitlines()]
    start = lines.index(PART_THREE) + 1
    result: dict[str, list[str]] = {}
    current = ""
    skipping = False
    for line in lines[start:]:
        if line == END:
            break
        if skipping:
            if line == RESUME:
                skipping = False
            else:
                continue
        if not line:
            continue
        if HEADING.match(line) and len(line) < 30 and "。" not in line:
            current = line
            result[current] = []
            continue
        result[current].append(line)
        if line == FORMS_START:
            skipping = True
    return result
