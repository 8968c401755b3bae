"""Chinese ordinal numerals for row labels and section headings (一、二、… 三十)."""

from __future__ import annotations

DIGITS = "零一二三四五六七八九"


def chinese(n: int) -> str:
    """1 → 一, 10 → 十, 12 → 十二, 20 → 二十, 30 → 三十 (1 ≤ n ≤ 99)."""
    if not 1 <= n <= 99:
        raise ValueError(n)
    tens, ones = divmod(n, 10)
    head = "" if tens == 0 else ("十" if tens == 1 else DIGITS[tens] + "十")
    return head + (DIGITS[ones] if ones else "")
