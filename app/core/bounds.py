"""What a budget can hold: the bounds every reader applies (the data workbook, the budget file,
the window), each a small function raising BoundsError with a plain Chinese message.

- amounts: |x| < 10^15 元 (a thousand trillion; no budget comes near), at most two decimals;
- counts: whole numbers from 0 to 10^7 (units, staff, vehicles, equipment);
- years: whole, 2000 to 2100;
- texts: at most 20,000 characters per field, and no lone surrogates (half a character that
  cannot be written to a file or a PDF).
"""

from __future__ import annotations

import re
from decimal import Decimal

MAX_AMOUNT = Decimal(10) ** 15
MAX_COUNT = 10**7
MAX_WHOLE = 10**9  # any whole number stored in a budget file
YEARS = (2000, 2100)
MAX_TEXT = 20_000


class BoundsError(ValueError):
    """A value outside what a budget can hold; str() is the message for the user."""


def amount(value: Decimal) -> Decimal:
    """value when it is a plausible amount in 元; BoundsError otherwise."""
    if not value.is_finite() or abs(value) >= MAX_AMOUNT:
        raise BoundsError(f"金额“{value}”超出范围（应小于 10¹⁵ 元，即一千万亿元）")
    return value


def count(value: int) -> int:
    """value when it is a plausible count (0 to 10^7)."""
    if isinstance(value, bool) or not isinstance(value, int):
        raise BoundsError(f"“{value}”不是整数")
    if not 0 <= value <= MAX_COUNT:
        raise BoundsError(f"“{_short(value)}”超出范围（应为 0 到 {MAX_COUNT:,} 之间的整数）")
    return value


def whole(value: object) -> int:
    """A whole number stored in a file: an int (not a bool, not 2026.7), |x| <= 10^9."""
    if isinstance(value, bool) or not isinstance(value, int):
        raise BoundsError(f"“{_short(value)}”不是整数")
    if abs(value) > MAX_WHOLE:
        raise BoundsError(f"整数“{_short(value)}”超出范围")
    return value


def year(value: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not YEARS[0] <= value <= YEARS[1]:
        raise BoundsError(f"“{_short(value)}”不是预算年度，应为如 2026 的年份")
    return value


def flag(value: object) -> bool:
    """A yes/no stored in a file: true or false only (never the text "no")."""
    if not isinstance(value, bool):
        raise BoundsError(f"“{_short(value)}”不是“是/否”（应为 true 或 false）")
    return value


def text(value: str) -> str:
    """value when it can be stored and printed: at most MAX_TEXT characters, no half characters."""
    if len(value) > MAX_TEXT:
        raise BoundsError(f"文字过长：{len(value):,} 个字符，每项最多 {MAX_TEXT:,} 个字符")
    half = None if value.isascii() else _HALF.search(value)
    if half is not None:
        raise BoundsError(f"文字中第 {half.start() + 1} 个字符是无效字符（残缺的 Unicode 代理项），"
                          "请删除后重新输入")
    return value


# a half of a surrogate pair: found by the regex engine, not a loop over every character (every
# save checks each text of the file, issue 21)
_HALF = re.compile("[\ud800-\udfff]")


def code(value: str) -> str:
    """A unit's own code: letters, digits and hyphens, 1 to 30 of them, and not a number
    written with an exponent ("1e-300", a cell Excel turned into a tiny number)."""
    if not re.fullmatch(r"[0-9A-Za-z-]{1,30}", value) or re.fullmatch(
            r"[-+]?\d*\.?\d+[eE][-+]?\d+", value):
        raise BoundsError(f"单位编码“{_short(value)}”应由数字或字母组成（最多 30 位）")
    return value


def _short(value: object) -> str:
    shown = repr(value) if not isinstance(value, str | int) else str(value)
    return shown if len(shown) <= 30 else f"{shown[:12]}……（共 {len(shown)} 位）"
