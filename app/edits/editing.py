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
from decimal import ROUND_HALF_UP, Decimal
from enum import Enum
from functools import cache
from typing import Any

from app.core import fields
from app.core.declarations import Decl
from app.core.fields import (
    BOOL,
    Context,
    FieldError,
    FieldType,
    Int,
    Money,
    Text,
    of_enum,
)
from app.core.identity import linked, new_form, with_ids
from app.core.money import CENT, WAN, ZERO
from app.core.records import Budget, Indicator, Period, TargetForm

YUAN = fields.YUAN
WAN_YUAN = fields.WAN_YUAN
EditError = FieldError  # text that cannot become the value of a field (message and place)


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
    if name == "projects":  # new projects get ids; forms follow their project by id
        return Collection(name, record, lambda b: b.projects,
                          lambda b, rows: linked(with_ids(replace(b, projects=tuple(rows)))))
    return Collection(
        name, record, lambda b: tuple(getattr(b, name)), lambda b, rows: set_single(b, name, rows)
    )


def target_index(budget: Budget, project_id: str) -> int | None:
    """The index of the target form of the project with this id in budget.targets."""
    return next((i for i, t in enumerate(budget.targets) if t.project_id == project_id), None)


def form_for(budget: Budget, project_id: str) -> TargetForm:
    """The target form of the project with this id, or a new empty one."""
    project = budget.project(project_id)
    found = budget.form_of(project) if project is not None else None
    if found is not None:
        return found
    if project is None:
        return TargetForm("", "", project_id=project_id)
    return new_form(project, budget.department)


def indicators(project_id: str, period: Period) -> Collection:
    """The indicators of one period of a project's target form (created when first written)."""

    def get(budget: Budget) -> tuple[Any, ...]:
        project = budget.project(project_id)
        form = budget.form_of(project) if project is not None else None
        return () if form is None else tuple(i for i in form.indicators if i.period == period)

    def put(budget: Budget, rows: tuple[Any, ...]) -> Budget:
        form = form_for(budget, project_id)
        others = tuple(i for i in form.indicators if i.period != period)
        fixed = tuple(replace(r, period=period) for r in rows)
        ordered = (*others, *fixed) if period == Period.ANNUAL else (*fixed, *others)
        return put_target(budget, replace(form, indicators=ordered))

    return Collection("targets", Indicator, get, put)


def put_target(budget: Budget, form: TargetForm) -> Budget:
    """budget with form replacing the target form of its project (or added)."""
    index = target_index(budget, form.project_id)
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
    kind: FieldType
    if base is Decimal:
        kind = Money(optional=optional)
    elif base is int:
        kind = Int(optional=optional)
    elif base is bool:
        kind = BOOL
    elif isinstance(base, type) and issubclass(base, Enum):
        kind = of_enum(base)
    else:
        kind = Text(multiline=True)
    return typed(text, Decl("", label, kind), Context(money_unit=unit), label)


def typed(text: str, decl: Decl, ctx: Context, place: str) -> Any:
    """The value of text typed or pasted into decl's field; FieldError at place otherwise."""
    try:
        return decl.parse(text, ctx)
    except FieldError as exc:
        raise FieldError(exc.message, place) from None


def parse_money(text: str, label: str, unit: str = YUAN) -> Decimal:
    """An amount in 元 from text typed in 元 or 万元 (the Money field type's rules)."""
    return typing.cast(Decimal, parse(text, Decimal, label, unit))


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

    Renaming a project (or moving it to another unit) keeps its target form: the form
    follows the project's id (see `app.core.identity`).
    """
    rows = list(coll.get(budget))
    rows[row] = set_path(rows[row], path, value)
    return confirm(coll.put(budget, tuple(rows)), f"{coll.key}/{row}/{path}")


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


@cache
def _lists() -> frozenset[str]:
    """The names of the Budget's own lists (units, projects, basic_function…)."""
    hints = typing.get_type_hints(Budget)
    return frozenset(n for n, tp in hints.items() if typing.get_origin(tp) is tuple)


def moved_marks(budget: Budget, coll: Collection, where: Callable[[int], int | None]) -> Budget:
    """budget with the guess marks of coll's rows ("projects/3/kind") following their rows:
    where gives a row's new index from its old one (None: the row is gone, and its marks).

    Only a list the marks' form names alone (one of the Budget's own lists) can be followed;
    for a view sharing its form with others (the texts' lists, a project's indicators) the
    marks under that form are dropped, as their row numbers no longer hold."""
    if coll.key not in _lists() or coll is not top(coll.key):
        return unmark_rows(budget, coll)
    prefix = f"{coll.key}/"
    moved: list[str] = []
    for g in budget.settings.guesses:
        parts = g.split("/", 2)
        if not g.startswith(prefix) or len(parts) < 2 or not parts[1].isdigit():
            moved.append(g)
            continue
        new = where(int(parts[1]))
        if new is not None:
            moved.append("/".join((parts[0], str(new), *parts[2:])))
    guesses = tuple(moved)
    if guesses == budget.settings.guesses:
        return budget
    return replace(budget, settings=replace(budget.settings, guesses=guesses))


def insert_rows(budget: Budget, coll: Collection, at: int, records: Sequence[Any]) -> Budget:
    """budget with records inserted before coll's row at (the marks of the rows after shift)."""
    rows = list(coll.get(budget))
    at = min(max(at, 0), len(rows))
    rows[at:at] = records
    count = len(records)
    return moved_marks(coll.put(budget, tuple(rows)), coll,
                       lambda i: i if i < at else i + count)


def delete_rows(budget: Budget, coll: Collection, indexes: Sequence[int]) -> Budget:
    """budget without the given rows of coll (a deleted project takes its target form along,
    a deleted row its guess marks; the marks of the rows after move up)."""
    rows = coll.get(budget)
    gone = {i for i in indexes if 0 <= i < len(rows)}
    new: dict[int, int] = {}
    for i in range(len(rows)):
        if i not in gone:
            new[i] = len(new)
    result = moved_marks(coll.put(budget, tuple(r for i, r in enumerate(rows) if i not in gone)),
                         coll, new.get)
    if coll.key == "projects":
        forms = [budget.form_of(rows[i]) for i in gone]
        kept = tuple(t for t in result.targets if t not in forms)
        result = replace(result, targets=kept)
    return result


def sort_rows(budget: Budget, coll: Collection, key: Callable[[Any], Any],
              descending: bool = False) -> Budget:
    """budget with coll's records reordered by key (a stable sort, as Excel does); each row's
    guess marks go with it to its new place."""
    rows = coll.get(budget)
    order = sorted(range(len(rows)), key=lambda i: key(rows[i]), reverse=descending)
    new = {old: at for at, old in enumerate(order)}
    return moved_marks(coll.put(budget, tuple(rows[i] for i in order)), coll, new.get)


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


def paste(budget: Budget, coll: Collection, row: int, decls: Sequence[Decl | None],
          block: Sequence[Sequence[str]], ctx: Context) -> tuple[Budget, list[str]]:
    """budget with a block of text (rows × columns, as copied from Excel) pasted at row.

    decls are the fields of the columns from the pasted one on (None: not editable, skipped),
    read as typing them would read them. Rows past the end are added. Every cell that cannot
    be read is reported, at once, by its place; the others are pasted.
    """
    errors: list[str] = []
    rows = list(coll.get(budget))
    for r, values in enumerate(block):
        index = row + r
        if index >= len(rows):
            rows.append(blank(coll.record))
        record = rows[index]
        for c, text in enumerate(values):
            decl = decls[c] if c < len(decls) else None
            if decl is None:
                continue
            try:
                value = typed(text, decl, ctx, f"第{index + 1}行 {decl.label}")
            except FieldError as exc:
                errors.append(str(exc))
                continue
            record = set_path(record, decl.path, value)
        rows[index] = record
    return coll.put(budget, tuple(rows)), errors


def split_block(text: str) -> list[list[str]]:
    """Tab-separated lines copied from Excel as rows of cells (a trailing newline dropped)."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    return [line.split("\t") for line in lines]
