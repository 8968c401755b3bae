"""The types of the fields a user fills in: one parser, one display and one check per type.

The grid's cell editors, pasting from Excel and the data workbook's import all turn text into
values here, so they accept and refuse exactly the same input with the same Chinese message
(a `FieldError`). The place (a cell, a grid row) is added by the caller.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from enum import Enum
from typing import TypeVar

from app.core import bounds
from app.core.catalog import DEPT, FUNCTION, GOV, Catalog
from app.core.errors import UserError
from app.core.money import WAN, ZERO

YUAN = "元"
WAN_YUAN = "万元"
YES, NO = "是", "否"
CODE_NAMES = {FUNCTION: "功能分类科目", DEPT: "部门经济分类科目", GOV: "政府经济分类科目"}
LEVEL_NAMES = {7: "“项”（7位编码）", 5: "“款”（5位编码）"}


# what tables and officers write for nothing in an amount's cell: a dash of any width, a slash
NOTHING = frozenset({"", "-", "—", "–", "－", "--", "——", "/"})


class FieldError(UserError, ValueError):
    """Text that cannot become the value of a field; the message is for the user."""


class Cell(str, Enum):
    """How a value sits in a workbook cell (number format, drop-down list, width)."""

    TEXT = "text"  # any text, kept exactly (line breaks included)
    NAME = "name"  # one line of text, surrounding spaces dropped
    MONEY = "money"  # 元, at most two decimals, not negative; blank is 0
    MONEY_OPT = "money-optional"  # as MONEY, but blank stays blank (None)
    DECIMAL = "decimal"  # a quantity with at most two decimals (m²); blank is 0
    COUNT = "count"  # a whole number ≥ 0; blank is 0
    COUNT_OPT = "count-optional"  # as COUNT, but blank stays blank (None)
    YEAR = "year"  # a year such as 2026
    CHOICE = "choice"  # one of the field's options
    UNIT = "unit"  # a unit, by name (or code); stored as the unit's code
    FUNCTION = "function"  # 支出功能分类 项 (7 digits)
    DEPT = "economic-dept"  # 部门预算支出经济分类 款 (5 digits)
    GOV = "economic-gov"  # 政府预算支出经济分类 款 (5 digits)


@dataclass(frozen=True)
class Context:
    """What reading a value needs: the catalog, the units (name or code → code), and the unit
    plain amounts are in where the column says so (the grid in the user's 万元 display mode)."""

    catalog: Catalog | None = None
    units: Mapping[str, str] = field(default_factory=dict)
    money_unit: str = YUAN
    names: Mapping[str, str] = field(default_factory=dict)  # unit code → name, for showing


Options = tuple[tuple[str, object], ...]


class FieldType:
    """A kind of value: `parse` text (not blank) into a value, `show` a value as text."""

    cell = Cell.NAME
    optional = False  # blank stays blank (None)

    def parse(self, text: str, ctx: Context) -> object:
        raise NotImplementedError

    def empty(self) -> object:
        """The value of a blank cell of a field that is not required."""
        return None if self.optional else ""

    def show(self, value: object, ctx: Context) -> str:
        return "" if value is None else str(value)

    def validate(self, value: object, ctx: Context) -> None:
        """Raise FieldError when a stored value could not have been typed (round trip)."""
        if value is not None and value != self.empty():
            self.parse(self.show(value, ctx), ctx)


T = TypeVar("T")


def bounded(check: Callable[[T], T], value: T) -> T:
    """value passed through one of app.core.bounds' checks; a FieldError when outside."""
    try:
        return check(value)
    except bounds.BoundsError as exc:
        raise FieldError(str(exc)) from None


@dataclass(frozen=True)
class Text(FieldType):
    """Text; one line (surrounding spaces dropped) unless multiline; at most max characters."""

    max: int | None = None
    multiline: bool = False

    @property
    def cell(self) -> Cell:  # type: ignore[override]
        return Cell.TEXT if self.multiline else Cell.NAME

    def parse(self, text: str, ctx: Context) -> object:
        value = text if self.multiline else text.strip()
        if self.max is not None and len(value) > self.max:
            raise FieldError(f"“{value[:12]}…”超过 {self.max} 个字")
        return bounded(bounds.text, value)


def _plain_number(text: str) -> str:
    return text.strip().replace(",", "").replace("，", "").replace(" ", "")


_SEPARATED = re.compile(r"[-+]?\d{1,3}(?:[,，]\d{3})+(?:\.\d*)?")


def _grouped(text: str) -> bool:
    """Whether the thousands separators of an amount, if it has any, are where they belong:
    "1,234,567.89" yes; "1,2345" or "12,34.5" no (a slip, or a 万 grouping: not read as 12345)."""
    if "," not in text and "，" not in text:
        return True
    number = re.sub(r"^[¥￥]|(?:万元|万|元)$", "", text.strip().replace(" ", "")).strip()
    return _SEPARATED.fullmatch(number) is not None


@dataclass(frozen=True)
class Number(FieldType):
    """A quantity with at most two decimals, not below min (m²)."""

    min: Decimal | None = ZERO
    what: str = "数量"
    optional: bool = False

    @property
    def cell(self) -> Cell:  # type: ignore[override]
        return Cell.DECIMAL

    def empty(self) -> object:
        return None if self.optional else ZERO

    def number(self, clean: str, text: str, scale: Decimal = Decimal(1), places: int = 2) -> Decimal:
        if clean in NOTHING:
            return ZERO
        try:
            amount = Decimal(clean)
        except InvalidOperation:
            amount = Decimal("NaN")
        if not amount.is_finite():
            example = "（如 1,234.56 或 12.5万元）" if self.what == "金额" else ""
            raise FieldError(f"“{text.strip()}”不是{self.what}，请填写数字{example}")
        exponent = amount.normalize().as_tuple().exponent
        if isinstance(exponent, int) and -exponent > places:
            if scale == WAN:
                raise FieldError(f"{self.what}“{text.strip()}”超过六位小数（万元以下只到六位小数，即到分）")
            where = "（元以下只到分）" if self.what == "金额" else ""
            raise FieldError(f"{self.what}“{text.strip()}”超过两位小数{where}")
        if self.min is not None and amount < self.min:
            raise FieldError(f"{self.what}不能为负数（“{text.strip()}”）")
        if abs(amount * scale) >= bounds.MAX_AMOUNT:
            raise FieldError(f"{self.what}“{text.strip()[:30]}”超出范围（应小于 10¹⁵ 元，即一千万亿元）")
        return (amount * scale).quantize(Decimal("0.01"))

    def parse(self, text: str, ctx: Context) -> object:
        return self.number(_plain_number(text), text)

    def show(self, value: object, ctx: Context) -> str:
        return "" if value is None else f"{value:f}"


@dataclass(frozen=True)
class Money(Number):
    """An amount in 元 (Decimal): digits with thousands separators, a leading ¥ or ￥, a
    trailing 元; 万元 only with an explicit 万/万元 suffix, or where the column is in 万元
    (ctx.money_unit)."""

    what: str = "金额"

    @property
    def cell(self) -> Cell:  # type: ignore[override]
        return Cell.MONEY_OPT if self.optional else Cell.MONEY

    def parse(self, text: str, ctx: Context) -> object:
        clean = _plain_number(text)
        if clean[:1] in ("¥", "￥"):  # as amounts are written in documents: ￥1,234.00
            clean = clean[1:]
        unit = ctx.money_unit
        for suffix, meant in (("万元", WAN_YUAN), ("万", WAN_YUAN), ("元", YUAN)):
            if clean.endswith(suffix):
                clean, unit = clean[: -len(suffix)], meant
                break
        if not _grouped(text):
            raise FieldError(f"金额“{text.strip()[:30]}”的千分位逗号位置不对：逗号应每三位一个"
                             f"（如 12,345.60），请核对金额")
        if unit == WAN_YUAN:
            return self.number(clean, text, WAN, 6)
        return self.number(clean, text)

    def show(self, value: object, ctx: Context) -> str:
        return "" if value is None else f"{value:,.2f}"


@dataclass(frozen=True)
class Int(FieldType):
    """A whole number within [min, max]; what names it in messages."""

    min: int = 0
    max: int | None = None
    optional: bool = False
    what: str = ""

    @property
    def cell(self) -> Cell:  # type: ignore[override]
        if self.what == "预算年度":
            return Cell.YEAR
        return Cell.COUNT_OPT if self.optional else Cell.COUNT

    def empty(self) -> object:
        return None if self.optional else 0

    def parse(self, text: str, ctx: Context) -> object:
        clean = _plain_number(text)
        if re.fullmatch(r"\d+\.0*", clean):
            clean = clean.partition(".")[0]
        elif re.fullmatch(r"\d+(\.\d+)?[eE]\+?\d{1,3}", clean):  # 1e+29: a whole number Excel wrote so
            whole = Decimal(clean)
            if whole == whole.to_integral_value():
                clean = f"{whole:f}".partition(".")[0]
        if not re.fullmatch(r"-?\d+", clean) or int(clean) < self.min:
            if self.what:
                raise FieldError(f"“{text.strip()}”不是{self.what}，应为如 2026 的年份")
            raise FieldError(f"“{text.strip()}”不是不小于 {self.min} 的整数")
        if len(clean) > 12:  # a 301-digit count is not a count
            raise FieldError(f"“{text.strip()[:20]}…”超出范围（应为 0 到 {bounds.MAX_COUNT:,} 之间的整数）")
        value = int(clean)
        if self.what == "预算年度":
            return bounded(bounds.year, value)
        if self.max is None:
            bounded(bounds.count, value)
        if self.max is not None and value > self.max:
            if self.what:
                raise FieldError(f"“{text.strip()}”不是{self.what}，应为如 2026 的年份")
            raise FieldError(f"“{text.strip()}”大于 {self.max}")
        return value


@dataclass(frozen=True)
class Choice(FieldType):
    """One of a list of options, by its shown text; optional: a blank is None (no choice)."""

    options: Options = ()
    optional: bool = False

    @property
    def cell(self) -> Cell:  # type: ignore[override]
        return Cell.CHOICE

    @property
    def choices(self) -> tuple[str, ...]:
        return tuple(shown for shown, _ in self.options)

    def parse(self, text: str, ctx: Context) -> object:
        clean = text.strip()
        for shown, value in self.options:
            if clean == shown:
                return value
        # as officers write them: 行政单位, 特定目标, 一般公共预算拨款, 参照公务员法管理 (one
        # option only, never a guess between two)
        near = [value for shown, value in self.options if loose(shown) == loose(clean)]
        if len(near) == 1:
            return near[0]
        raise FieldError(f"“{clean}”不是可选的值，应为：{'、'.join(self.choices)}")

    def show(self, value: object, ctx: Context) -> str:
        return next((s for s, v in self.options if v == value), "" if value is None else str(value))


# words a choice is also written with, and what they stand for
ALIASES = {"参照公务员法管理": "参公", "参照公务员法管理单位": "参公", "参公管理": "参公"}
LOOSE_ENDINGS = ("单位", "类", "拨款", "收入", "预算", "目标")


def loose(text: str) -> str:
    """A choice's text as it is matched loosely: without spaces, its alias's, and without the
    endings officers add or leave off (单位, 类, 拨款, 收入, 预算, 目标: 年度目标)."""
    squeezed = text.replace(" ", "").replace("　", "")
    text = ALIASES.get(squeezed, squeezed)
    cut = True
    while cut:
        cut = False
        for ending in LOOSE_ENDINGS:
            if len(text) > len(ending) and text.endswith(ending):
                text, cut = text[: -len(ending)], True
    return text


def of_enum(kind: type[Enum]) -> Choice:
    """A choice of an enumeration's members by their values."""
    return Choice(tuple((e.value, e) for e in kind))


BOOL = Choice(((YES, True), (NO, False)))


# the bundled catalog holds the 类 and the codes the samples use, not the year's whole list
UNKNOWN_CODE = ("本程序自带的科目表只含部分科目：请导入当年的政府收支分类科目（窗口“文件 → 导入科目表”，"
                "或 budget-desk catalog 命令），或在“补充科目”中写明它的编码和名称")


@dataclass(frozen=True)
class Code(FieldType):
    """A classification code of kind with digits digits, written "2060101" or "2060101 行政运行";
    it must be in the year's catalog (or the file's 补充科目)."""

    kind: str = FUNCTION
    digits: int = 7

    @property
    def cell(self) -> Cell:  # type: ignore[override]
        return {FUNCTION: Cell.FUNCTION, DEPT: Cell.DEPT, GOV: Cell.GOV}[self.kind]

    def parse(self, text: str, ctx: Context) -> object:
        clean = text.strip()
        # the code first, its digits perhaps spaced ("206 01 99"), its name after it or not,
        # with or without a space ("2060199其他科学技术管理事务支出")
        match = re.match(r"(\d[\d \u3000]*)", clean)
        what = CODE_NAMES[self.kind]
        if not match:
            return self.by_name(clean, ctx)
        code = re.sub(r"\s", "", match.group(1))
        first = re.match(r"\d+", clean)
        if (first and len(first.group()) == self.digits and ctx.catalog is not None
                and first.group() in ctx.catalog.table(self.kind)):
            code = first.group()  # a known code, then a name that starts with digits
        if ctx.catalog is not None and code not in ctx.catalog.table(self.kind):
            raise FieldError(f"未知的{what}编码“{code}”：科目表中没有。{UNKNOWN_CODE}")
        if len(code) != self.digits:
            raise FieldError(f"{what}应选到{LEVEL_NAMES[self.digits]}，“{code}”不是")
        return code

    def by_name(self, name: str, ctx: Context) -> str:
        """The code whose name this is (a name alone, as officers write it), where only one code
        of the level has it; else a FieldError saying which codes have it, or that none does."""
        what = CODE_NAMES[self.kind]
        table = ctx.catalog.table(self.kind) if ctx.catalog is not None else {}
        codes = sorted(c for c, n in table.items() if n == name and len(c) == self.digits)
        if len(codes) == 1:
            return codes[0]
        if codes:
            listed = "、".join(codes[:4]) + ("等" if len(codes) > 4 else "")
            raise FieldError(f"“{name}”是 {len(codes)} 个{what}的名称（{listed}），请填写编码")
        raise FieldError(f"“{name}”不是{what}编码，请从下拉列表选择或填写编码")

    def show(self, value: object, ctx: Context) -> str:
        code = "" if value is None else str(value)
        name = ctx.catalog.table(self.kind).get(code, "") if ctx.catalog and code else ""
        return f"{code} {name}" if name else code


_QUOTES = str.maketrans({"“": '"', "”": '"', "„": '"', "‘": "'", "’": "'"})


def plain_name(text: str) -> str:
    """A name compared as the same however its brackets, quotes and spaces were typed."""
    return unicodedata.normalize("NFKC", text).translate(_QUOTES).replace(" ", "")


@dataclass(frozen=True)
class UnitRef(FieldType):
    """A unit of the file, by its 单位名称 or its 单位编码; stored as the code."""

    @property
    def cell(self) -> Cell:  # type: ignore[override]
        return Cell.UNIT

    def parse(self, text: str, ctx: Context) -> object:
        clean = text.strip()
        if clean in ctx.units:
            return ctx.units[clean]
        # the name as typed elsewhere: half- or full-width brackets, spaces (one unit only)
        near = {code for name, code in ctx.units.items() if plain_name(name) == plain_name(clean)}
        if len(near) == 1:
            return near.pop()
        raise FieldError(f"单位“{clean}”不在“单位”表中")

    def show(self, value: object, ctx: Context) -> str:
        code = "" if value is None else str(value)
        return ctx.names.get(code, code)


@dataclass(frozen=True)
class Lines(FieldType):
    """A list of short texts (keys, places), one a line (、 and ， also separate); a tuple."""

    @property
    def cell(self) -> Cell:  # type: ignore[override]
        return Cell.TEXT

    def empty(self) -> object:
        return ()

    def parse(self, text: str, ctx: Context) -> object:
        parts = (bounded(bounds.text, p.strip()) for p in re.split(r"[\n、，,]", text))
        return tuple(p for p in parts if p)

    def show(self, value: object, ctx: Context) -> str:
        return "\n".join(str(v) for v in value) if isinstance(value, tuple) else ""


DATE_FORMATS = (
    (r"(\d{4})-(\d{1,2})-(\d{1,2})", 3), (r"(\d{4})/(\d{1,2})/(\d{1,2})", 3),
    (r"(\d{4})\.(\d{1,2})\.(\d{1,2})", 3), (r"(\d{4})年(\d{1,2})月(\d{1,2})日", 3),
    (r"(\d{4})(\d{2})(\d{2})(?:\d{6})?", 3), (r"(\d{4})年(\d{1,2})月", 2),
    (r"(\d{4})-(\d{1,2})-(\d{1,2})[ T]\d{1,2}:\d{2}(?::\d{2})?", 3),
)


@dataclass(frozen=True)
class Date(FieldType):
    """A date as the user writes it (2026-01-15, 2026年1月15日, 20260115, the budget system's
    20260115093000, or 2026年1月); kept as written, refused when no such day exists."""

    def parse(self, text: str, ctx: Context) -> object:
        clean = text.strip()
        for pattern, parts in DATE_FORMATS:
            match = re.fullmatch(pattern, clean)
            if match:
                numbers = [int(g) for g in match.groups()[:parts]] + [1] * (3 - parts)
                try:
                    dt.date(*numbers)
                except ValueError:
                    break
                return clean
        raise FieldError(f"“{clean}”不是日期，请写作如 2026-01-15 或 2026年1月15日")


def unit_context(units: Mapping[str, str], catalog: Catalog | None = None,
                 money_unit: str = YUAN) -> Context:
    """A context from units code → name: each is found by its name and by its code."""
    lookup = {code: code for code in units}
    lookup.update({name: code for code, name in units.items() if name})
    return Context(catalog, lookup, money_unit, dict(units))
