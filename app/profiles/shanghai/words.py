"""The words that differ between Shanghai's 部门 document and its 单位 document."""

from __future__ import annotations

from dataclasses import dataclass

DEPARTMENT = "部门"
UNIT = "单位"
KINDS = (DEPARTMENT, UNIT)

# (key, title after "N年") of the 9 tables, in the template's order; "{o}" is 部门 or 单位
TABLES = (
    ("finance", "{o}财务收支预算总表"),
    ("income", "{o}收入预算总表"),
    ("spending", "{o}支出预算总表"),
    ("fiscal", "{o}财政拨款收支预算总表"),
    ("general", "{o}一般公共预算支出功能分类预算表"),
    ("fund", "{o}政府性基金预算支出功能分类预算表"),
    ("capital", "{o}国有资本经营预算支出功能分类预算表"),
    ("economic", "{o}一般公共预算基本支出部门预算经济分类预算表"),
    ("three-public", "{o}“三公”经费和机关运行经费预算表"),
)


@dataclass(frozen=True)
class Words:
    """The wording of one document kind: 部门 (the default) or 单位."""

    kind: str = DEPARTMENT

    @property
    def org(self) -> str:
        """部门 or 单位, as in "部门收入预算总表", "本部门"."""
        return UNIT if self.kind == UNIT else DEPARTMENT

    @property
    def label(self) -> str:
        """The label of the line above each table: 编制部门 or 编制单位."""
        return f"编制{self.org}"

    @property
    def owner(self) -> str:
        """The title page's label: 预算主管部门 or 预算单位."""
        return "预算单位" if self.kind == UNIT else "预算主管部门"

    def title(self, year: int, key: str) -> str:
        """The exact title of the table key, e.g. "2026年部门收入预算总表"."""
        pattern = dict(TABLES)[key]
        return f"{year}年{pattern.format(o=self.org)}"

    def titles(self, year: int) -> tuple[str, ...]:
        """The 9 titles in order."""
        return tuple(self.title(year, key) for key, _ in TABLES)

    def empty_note(self, year: int, fund: str) -> str:
        """The note of an empty fund table, e.g. 注：本部门2026年无政府性基金预算财政拨款安排的预算…"""
        return f"注：本{self.org}{year}年无{fund}财政拨款安排的预算，故本表为空表。"


def check_kind(kind: str) -> Words:
    """The wording of kind; any other kind is a programming error."""
    if kind not in KINDS:
        raise ValueError(f"unknown document kind {kind!r}")
    return Words(kind)
