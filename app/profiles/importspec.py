"""What the table import needs of a profile: its tables' titles by key, and how it trusts them.

The import (`app.imports.tables`) finds a profile's tables in a workbook by these titles and
reads their columns from the profile's own table definitions; nothing there names a table by
its number or assumes how many tables a template has.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field


@dataclass(frozen=True)
class SharedTitle:
    """A title two tables may both carry (项目支出预算表 without 本年/上年): the headers tell them
    apart; the table whose headers have word is first, else first unless it was already found."""

    core: str
    first: str
    second: str
    word: str


@dataclass(frozen=True)
class ImportSpec:
    """A profile's tables as a workbook holds them.

    Attributes:
      titles: table key → the words a title ends with (after the year), one or more variants
        (the 部门 and the 单位 document's), in the profile's table order.
      priority: the keys in the order their figures are trusted when two tables print the same
        amount differently (the first wins).
      origin: kind of amount ("income", "projects"…) → the keys of the tables it is read from,
        whose rounding it carries.
      captions: whether a caption "预算公开表N" (N the table's place) may stand above a title.
      shared: titles that more than one table carries. tails: words a title may end with after
        its core ("(不含上年结转)").
      mapper: which mapping of figures onto a budget's facts the import uses (its id).
    """

    titles: Mapping[str, tuple[str, ...]]
    priority: tuple[str, ...]
    origin: Mapping[str, tuple[str, ...]]
    mapper: str
    captions: bool = False
    shared: tuple[SharedTitle, ...] = ()
    tails: tuple[str, ...] = field(default=())

    @property
    def keys(self) -> tuple[str, ...]:
        """The table keys in the profile's order."""
        return tuple(self.titles)

    @property
    def count(self) -> int:
        """How many tables the template has."""
        return len(self.titles)
