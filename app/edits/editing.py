"""Pure edits of a Budget: set a field or a cell, insert, delete, paste and sort rows.

Every function returns a new Budget (records are immutable), so an undo stack only has to
keep the budget before and after each edit. Text typed by the user is turned into values by
`parse`, which raises EditError with a plain Chinese message naming the field.
"""

from __future__ import annotations

import dataclasses
import typing
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from enum import Enum
from functools import cache
from typing import Any

from app.core.errors import UserError
from app.core.money import CENT, WAN, ZERO, MoneyError, yuan
from app.core.records import Budget, Indicator, Period, TargetForm

YUAN = "元"
WAN_YUAN = "万元"


class EditError(UserError, ValueError):
    """Text that cannot become the value of a field; the message is for the user."""


@dataclass(frozen=True)
class Collection:
    """A list of records inside a budget: how to read it and how to put a new one back.

    Attributes: key (the step form name used by checks' Location.form), record (the type of
    its rows), get and put.
    """

    key: str
    record: type
    get: Callable[[Budget], tuple[Any, ...]]
    put: Callable[[Budget, tuple[Any, ...]], Budget]


@cache
def top(name: str) -> Collection:
    """One of the Budget's own lists (units, projects, basic_function…)."""
    hints = typing.get_type_hints(Budget)
    record = typing.get_args(hints[name])[0]
    return Collection(
        name, record, lambda b: tuple(getattr(b, name)), lambda b, rows: set_single(b, name, rows)
    )


def target_index(budget: Budget, unit: str, project: str) -> int | None:
    """The index of the target form of the project (unit, name) in budget.targets."""
    return next((i for i, t in enumerate(budget.targets) if t.unit == unit and t.project == project),
                None)


def indicators(unit: str, project: str, period: Period) -> Collection:
    """The indicators of one period of a project's target form (created when first written)."""

    def get(budget: Budget) -> tuple[Any, ...]:
        form = budget.target(unit, project)
        return () if form is None else tuple(i for i in form.indicators if i.period == period)

    def put(budget: Budget, rows: tuple[Any, ...]) -> Budget:
        form = budget.target(unit, project) or TargetForm(unit, project)
        others = tuple(i for i in form.indicators if i.period != period)
        fixed = tuple(replace(r, period=period) for r in rows)
        ordered = (*others, *fixed) if period == Period.ANNUAL else (*fixed, *others)
        return put_target(budget, replace(form, indicators=ordered))

    return Collection("targets", Indicator, get, put)


def put_target(budget: Budget, form: TargetForm) -> Budget:
    """budget with form replacing the target form of its project (or added)."""
    index = target_index(budget, form.unit, form.project)
    targets = list(budget.targets)
    if index is None:
        targets.append(form)
    else:
        targets[index] = form
    return replace(budget, targets=tuple(targets))


def field_type(record: type, path: str) -> Any:
    """The declared type of a dotted field path ("amounts.general") of a record type."""
    tp: Any = record
    for name in path.split("."):
        tp = typing.get_type_hints(tp)[name]
    return tp


def get_path(record: Any, path: str) -> Any:
    value = record
    for name in path.split("."):
        value = getattr(value, name)
    return value


def set_path(record: Any, path: str, value: Any) -> Any:
    """record with the dotted field path set to value (nested records replaced on the way)."""
    name, _, rest = path.partition(".")
    if rest:
        return replace(record, **{name: set_path(getattr(record, name), rest, value)})
    return replace(record, **{name: value})


def _optional(tp: Any) -> tuple[Any, bool]:
    args = typing.get_args(tp)
    if type(None) in args:
        rest = [a for a in args if a is not type(None)]
        return rest[0], True
    return tp, False


def parse(text: str, tp: Any, label: str, unit: str = YUAN) -> Any:
    """The value of type tp typed as text; money in unit (元 or 万元). EditError names label."""
    base, optional = _optional(tp)
    text = text.strip()
    if optional and text == "":
        return None
    if base is Decimal:
        return parse_money(text, label, unit)
    if base is int:
        try:
            return int(text.replace(",", "") or "0")
        except ValueError:
            raise EditError(f"{label}：“{text}”不是整数。") from None
    if base is bool:
        return text in ("是", "1", "true", "True", "✓")
    if isinstance(base, type) and issubclass(base, Enum):
        for member in base:
            if text in (member.value, member.name):
                return member
        choices = "、".join(str(m.value) for m in base)
        raise EditError(f"{label}：“{text}”不是可选值（{choices}）。")
    return text


def parse_money(text: str, label: str, unit: str = YUAN) -> Decimal:
    """An amount in 元 from text typed in 元 or 万元 (万元 kept to the 分: six decimals)."""
    clean = text.replace(",", "").replace("，", "").replace(" ", "")
    for suffix in ("万元", "元"):
        if clean.endswith(suffix):
            unit = WAN_YUAN if suffix == "万元" else YUAN
            clean = clean[: -len(suffix)]
    if clean in ("", "-"):
        return ZERO
    try:
        amount = Decimal(clean)
    except InvalidOperation:
        raise EditError(f"{label}：“{text}”不是金额。") from None
    if unit == WAN_YUAN:
        amount *= WAN
    try:
        return yuan(amount)
    except MoneyError:
        where = "万元以下只到六位小数（分）" if unit == WAN_YUAN else "元以下只到分"
        raise EditError(f"{label}：金额“{text}”的小数太多（{where}）。") from None


def money_text(amount: Decimal | None, unit: str = YUAN, *, edit: bool = False) -> str:
    """An amount in 元 for the screen: with separators, or plain exact text for editing."""
    if amount is None:
        return ""
    if unit == WAN_YUAN:
        value = amount / WAN
        if edit:
            return _plain(value)
        return f"{value.quantize(CENT, rounding=ROUND_HALF_UP):,.2f}"
    return _plain(amount) if edit else f"{amount:,.2f}"


def _plain(value: Decimal) -> str:
    return f"{value.normalize():f}"


def set_single(budget: Budget, path: str, value: Any) -> Budget:
    """budget with the dotted path ("income.this_year.general", "texts.duties") set to value."""
    return typing.cast(Budget, set_path(budget, path, value))


def set_cell(budget: Budget, coll: Collection, row: int, path: str, value: Any) -> Budget:
    """budget with field path of the row-th record of coll set to value.

    Renaming a project (or moving it to another unit) moves its target form with it.
    """
    rows = list(coll.get(budget))
    old = rows[row]
    rows[row] = set_path(old, path, value)
    result = confirm(coll.put(budget, tuple(rows)), f"{coll.key}/{row}/{path}")
    if coll.key == "projects" and path in ("unit", "name"):
        index = target_index(result, old.unit, old.name)
        if index is not None:
            new = rows[row]
            moved = replace(result.targets[index], unit=new.unit, project=new.name)
            targets = list(result.targets)
            targets[index] = moved
            result = replace(result, targets=tuple(targets))
    return result


def confirm(budget: Budget, key: str) -> Budget:
    """budget with the place key (form/row/field) no longer marked as a guess."""
    guesses = budget.settings.guesses
    if key not in guesses:
        return budget
    return replace(budget, settings=replace(budget.settings,
                                            guesses=tuple(g for g in guesses if g != key)))


def unmark_rows(budget: Budget, coll: Collection) -> Budget:
    """budget without the guess marks of coll's rows (their row numbers no longer hold)."""
    guesses = budget.settings.guesses
    kept = tuple(g for g in guesses if not g.startswith(f"{coll.key}/"))
    if kept == guesses:
        return budget
    return replace(budget, settings=replace(budget.settings, guesses=kept))


def insert_rows(budget: Budget, coll: Collection, at: int, records: Sequence[Any]) -> Budget:
    rows = list(coll.get(budget))
    rows[at:at] = records
    return unmark_rows(coll.put(budget, tuple(rows)), coll)


def delete_rows(budget: Budget, coll: Collection, indexes: Sequence[int]) -> Budget:
    """budget without the given rows of coll (a deleted project takes its target form along)."""
    rows = coll.get(budget)
    gone = set(indexes)
    result = unmark_rows(coll.put(budget, tuple(r for i, r in enumerate(rows) if i not in gone)),
                         coll)
    if coll.key == "projects":
        names = {(rows[i].unit, rows[i].name) for i in gone}
        kept = tuple(t for t in result.targets if (t.unit, t.project) not in names)
        result = replace(result, targets=kept)
    return result


def sort_rows(budget: Budget, coll: Collection, key: Callable[[Any], Any],
              descending: bool = False) -> Budget:
    """budget with coll's records reordered by key (a stable sort, as Excel does)."""
    return unmark_rows(
        coll.put(budget, tuple(sorted(coll.get(budget), key=key, reverse=descending))), coll)


def blank(record: type) -> Any:
    """A new empty record of type record, every required field given an empty value."""
    values: dict[str, Any] = {}
    hints = typing.get_type_hints(record)
    for f in dataclasses.fields(record):
        if f.default is not dataclasses.MISSING or f.default_factory is not dataclasses.MISSING:
            continue
        tp, _ = _optional(hints[f.name])
        if tp is Decimal:
            values[f.name] = ZERO
        elif tp is int:
            values[f.name] = 0
        elif isinstance(tp, type) and issubclass(tp, Enum):
            values[f.name] = next(iter(tp))
        else:
            values[f.name] = ""
    return record(**values)


def paste(budget: Budget, coll: Collection, row: int, paths: Sequence[str | None],
          block: Sequence[Sequence[str]], labels: Sequence[str], unit: str = YUAN,
          ) -> tuple[Budget, list[str]]:
    """budget with a block of text (rows × columns, as copied from Excel) pasted at row.

    paths are the field paths of the columns from the pasted one on (None: not editable,
    skipped). Rows past the end are added. Every cell that cannot be read is reported, at
    once, by its place; the others are pasted.
    """
    errors: list[str] = []
    rows = list(coll.get(budget))
    for r, values in enumerate(block):
        index = row + r
        if index >= len(rows):
            rows.append(blank(coll.record))
        record = rows[index]
        for c, text in enumerate(values):
            if c >= len(paths) or paths[c] is None:
                continue
            path = typing.cast(str, paths[c])
            label = f"第{index + 1}行 {labels[c]}"
            try:
                value = parse(text, field_type(coll.record, path), label, unit)
            except EditError as exc:
                errors.append(str(exc))
                continue
            record = set_path(record, path, value)
        rows[index] = record
    return coll.put(budget, tuple(rows)), errors


def split_block(text: str) -> list[list[str]]:
    """Tab-separated lines copied from Excel as rows of cells (a trailing newline dropped)."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    return [line.split("\t") for line in lines]
