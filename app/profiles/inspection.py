"""What an inspector reads and checks in a template's published tables, declared by table key.

Each profile declares one Layout (app/profiles/<id>/inspection.py); `budget-desk inspect` runs
the rules it names on the tables it finds by title. Nothing in the inspector knows a table by
its number: the roles below name the tables by their keys (Profile.table_keys()).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

# how a template prints amounts: 万元 with two decimals, or 元 (integers, or two decimals)
WAN = "wan"
YUAN = "yuan"

# Ref columns of a table whose rows are its sources then 上年结转 (Layout.carry_split)
THIS_YEAR = -1
CARRIED = -2


@dataclass(frozen=True)
class Ref:
    """A printed figure: table key, row label ("" the table's first row; on a two-sided table a
    label of either side), and the column among the row's amounts."""

    key: str
    label: str = ""
    column: int = 0


@dataclass(frozen=True)
class Identity:
    """The sum of left's figures equals right's (a table against another, or within one)."""

    left: tuple[Ref, ...]
    right: Ref
    words: str


@dataclass(frozen=True)
class LabelSum:
    """On a two-sided table (or by row label on another), target = the sum of parts. A part
    "*items" is every income label not in Layout.totals, "*classes" every expenditure one."""

    key: str
    target: str
    parts: tuple[str, ...]


@dataclass(frozen=True)
class Layout:
    """The rules of a template's tables.

    Attributes:
      amounts: WAN or YUAN (how money cells print; a table's own 单位： line decides its rounding).
      parts: tables whose every row is 合计 followed by its parts.
      trees: tables of classification codes whose 类/款/项 add up, and 合计 = Σ 类.
      sided: tables with income on the left and expenditure on the right.
      carry_split: a table whose rows are this year's sources then 上年结转 beside them.
      groups: tables whose first row is the total, then each unit row followed by its projects;
        units_only: the same with unit rows only.
      economic_groups: a table of economic 类 rows (…支出, …补助) each followed by its 款 rows.
      label_sums: sums of labelled rows or items (the summary's totals, "三公" rows).
      column_sums: (key, target column, part columns) for every row of the table.
      totals: the labels of a two-sided table that are totals, not items or classes.
      summary: the two-sided table whose figures the text and the other tables are compared with.
      identities: figures equal across tables; classes: (function table, two-sided table) whose
        类 rows are the same.
      funds: what an empty table's note must name (its own fund).
      figures: the figures the text states, by name; text: (name, pattern with one number
        group, figure name); text_unit: how the text prints them (万元).
      projects: the table whose rows are the projects (their names and money), "" if none.
    """

    amounts: str = WAN
    parts: tuple[str, ...] = ()
    trees: tuple[str, ...] = ()
    sided: tuple[str, ...] = ()
    carry_split: str = ""
    groups: tuple[str, ...] = ()
    units_only: tuple[str, ...] = ()
    economic_groups: str = ""
    label_sums: tuple[LabelSum, ...] = ()
    column_sums: tuple[tuple[str, int, tuple[int, ...]], ...] = ()
    totals: tuple[str, ...] = ()
    summary: str = ""
    identities: tuple[Identity, ...] = ()
    classes: tuple[tuple[str, str], ...] = ()
    funds: Mapping[str, str] = field(default_factory=dict)
    figures: Mapping[str, Ref] = field(default_factory=dict)
    text: tuple[tuple[str, str, str], ...] = ()
    projects: str = ""
