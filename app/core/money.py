"""Exact money: amounts in 元 as Decimal, 万元 display strings rounded half-up, shares."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from app.core.bounds import MAX_AMOUNT

ZERO = Decimal("0.00")
CENT = Decimal("0.01")
WAN = Decimal("10000")


class MoneyError(ValueError):
    """An amount that is not a valid sum of money in 元 (text, float, too many decimals)."""


class AmountRangeError(MoneyError):
    """An amount beyond what a budget can hold (|x| ≥ 10^15 元, `app.core.bounds`)."""


def yuan(value: object) -> Decimal:
    """An exact amount in 元 with at most two decimals, from str, int or Decimal (never float)."""
    if isinstance(value, (bool, float)):
        raise MoneyError(f"金额不能用浮点数表示：{value!r}")
    if isinstance(value, Decimal):
        amount = value
    elif isinstance(value, int):
        amount = Decimal(value)
    elif isinstance(value, str):
        text = value.strip().replace(",", "").replace("，", "")
        if text in ("", "-"):
            return ZERO
        try:
            amount = Decimal(text)
        except InvalidOperation:
            raise MoneyError(f"“{value}”不是金额") from None
    else:
        raise MoneyError(f"“{value!r}”不是金额")
    if not amount.is_finite():
        raise MoneyError(f"“{value}”不是金额")
    if abs(amount) >= MAX_AMOUNT:
        raise AmountRangeError(f"金额“{value}”超出范围（应小于 10¹⁵ 元，即一千万亿元）")
    if amount != amount.quantize(CENT):
        raise MoneyError(f"金额“{value}”超过两位小数（元以下只到分）")
    return amount.quantize(CENT)


def total(amounts: Iterable[Decimal]) -> Decimal:
    """The exact sum of amounts in 元."""
    return sum(amounts, ZERO)


def round_wan(amount: Decimal) -> Decimal:
    """An amount in 元 as 万元, rounded half-up to two decimals."""
    return (amount / WAN).quantize(CENT, rounding=ROUND_HALF_UP)


def wan(amount: Decimal | None, *, blank_zero: bool = True, separators: bool = False) -> str:
    """Display string in 万元 with two decimals; zero or None is blank in the tables."""
    if amount is None or (blank_zero and amount == 0):
        return ""
    rounded = round_wan(amount)
    return f"{rounded:,.2f}" if separators else f"{rounded:.2f}"


def wan_text(amount: Decimal) -> str:
    """An amount for the explanatory text: 万元, thousands separators, two decimals; zero as 0."""
    if amount == 0:
        return "0"
    return f"{round_wan(amount):,.2f}"


def yuan_text(amount: Decimal | None) -> str:
    """An amount in 元 as printed on target forms: thousands separators, no decimals if whole."""
    if amount is None:
        return ""
    if amount == amount.to_integral_value():
        return f"{amount:,.0f}"
    return f"{amount:,.2f}"


def percent(part: Decimal, whole: Decimal) -> Decimal | None:
    """part / whole as a percentage with two decimals, half-up; None when whole is zero."""
    if whole == 0:
        return None
    return (part * 100 / whole).quantize(CENT, rounding=ROUND_HALF_UP)


def shares(parts: Sequence[Decimal], whole: Decimal | None = None) -> list[Decimal]:
    """Percentages of one whole with two decimals that add up to exactly 100.00.

    Largest-remainder method: each share is floored to 0.01%, then the hundredths still
    missing go to the parts with the largest remainders. All zero when the whole is zero.
    """
    base = total(parts) if whole is None else whole
    if base == 0 or not parts:
        return [ZERO for _ in parts]
    exact = [p * 10000 / base for p in parts]  # in hundredths of a percent
    floors = [int(e // 1) for e in exact]
    missing = int((total(exact) - sum(floors)).to_integral_value(rounding=ROUND_HALF_UP))
    order = sorted(range(len(parts)), key=lambda i: (-(exact[i] - floors[i]), i))
    for i in order[:missing]:
        floors[i] += 1
    return [(Decimal(f) / 100).quantize(CENT) for f in floors]
