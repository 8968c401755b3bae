"""The report of a table import: what was taken, what could not be read, where tables disagree."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from app.core.money import round_wan


@dataclass(frozen=True)
class Placed:
    """Words that differ with where the report is read: on the command line, or in the window
    (which runs 审核 in step 9, asks the projects' kind once after reading, and takes no --year)."""

    command: str
    window: str


class Worded(str):
    """A line of the report, its value worded for the command line; `window`, for the window.
    Made of plain text and `Placed` words, each phrase written once: Worded("…已标为推测；",
    KIND_CHOICE, "。")."""

    window: str

    def __new__(cls, *parts: str | Placed) -> Worded:
        line = super().__new__(cls, "".join(p.command if isinstance(p, Placed) else p
                                            for p in parts))
        line.window = "".join(p.window if isinstance(p, Placed) else p for p in parts)
        return line


def wording(line: str, window: bool) -> str:
    """line as it reads in the window (window) or on the command line."""
    return line.window if window and isinstance(line, Worded) else str(line)


CHECK = Placed("审核（budget-desk check）", "审核（第9步）")
KIND_CHOICE = Placed("可在命令中用 --project-kind 统一指定，或在窗口中逐项确认",
                     "可在第5步勾选“只看推测”逐项确认（“确认推测”），或重新导入时统一选择项目类别")


def kinds_guessed(count: int) -> Worded:
    """The report's line for count projects whose kind only their names suggest."""
    return Worded(f"项目类别：表中没有，{count} 个项目按名称推定（名称含“运转”“运行”“日常”的为"
                  "“其他运转类”，其余为“特定目标类”），已标为推测；", KIND_CHOICE, "。")


YEAR_CHOICE = Placed("请在命令中用 --year 指定", "请在表题中写明预算年度后再导入")

SECTIONS: tuple[tuple[str, str], ...] = (
    ("fatal", "无法导入"),
    ("unreadable", "读不出的地方"),
    ("disagreements", "各表之间不一致的地方"),
    ("differences", "导入后重建的表与原表不同的数字"),
    ("assumptions", "表中没有、由程序推定的内容（请确认）"),
    ("to_fill", Worded(CHECK, "将报告的内容：还需要您填写或核对的")),
)


def wan_figure(amount: Decimal) -> str:
    """An amount in 元 as the tables print it: 万元 with two decimals."""
    return f"{round_wan(amount):.2f}"


def figure_in(amount: Decimal, scale: Decimal) -> str:
    """An amount in 元 quoted in the unit of the table it was read from (scale 10000: 万元,
    with two decimals as such tables print it; 1: 元, as the cell holds it), the unit named:
    "137.44 万元", "1374379.51 元"."""
    if scale == 1:
        return f"{amount:.2f} 元"
    return f"{wan_figure(amount)} 万元"


@dataclass
class Report:
    """What the import did, each part as plain Chinese lines.

    Attributes:
      taken: per table key, in the template's order, what was taken from it (a missing table
        says so).
      fatal: why nothing could be imported (then there is no budget).
      unreadable: cells that could not be read, with sheet and cell.
      disagreements: figures of different tables (or of one table) that should agree and do not.
      differences: figures of the rebuilt tables that differ from the workbook's.
      assumptions: what the tables cannot say and the program decided (units, kinds, codes).
      to_fill: what the user must still enter.
      count: how many tables the template has.
    """

    taken: dict[str, list[str]] = field(default_factory=dict)
    fatal: list[str] = field(default_factory=list)
    unreadable: list[str] = field(default_factory=list)
    disagreements: list[str] = field(default_factory=list)
    differences: list[str] = field(default_factory=list)
    assumptions: list[str] = field(default_factory=list)
    to_fill: list[str] = field(default_factory=list)
    count: int = 0

    def take(self, key: str, line: str) -> None:
        self.taken.setdefault(key, []).append(line)

    @property
    def ok(self) -> bool:
        """Whether a budget could be made (no fatal problem)."""
        return not self.fatal

    def text(self, window: bool = False) -> str:
        """The whole report as plain text, section by section, worded for the command line or,
        with window, for the window (`Worded`)."""
        parts: list[str] = []
        if self.taken:
            lines = ["【从各表读取的内容】"]
            for key in self.taken:
                lines += [f"  {wording(line, window)}" for line in self.taken[key]]
            parts.append("\n".join(lines))
        for name, heading in SECTIONS:
            items: list[str] = getattr(self, name)
            if items:
                parts.append("\n".join([f"【{wording(heading, window)}】",
                                        *(f"  {i}. {wording(line, window)}"
                                          for i, line in enumerate(items, 1))]))
        if not self.fatal and not self.disagreements and not self.differences:
            parts.append(f"【核对结果】\n  用导入的数据重建的 {self.count} 张表与原表逐数一致。")
        return "\n\n".join(parts)
