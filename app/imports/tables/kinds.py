"""A project's kind (其他运转类 / 特定目标类) as far as table 12's rows and the names say it."""

from __future__ import annotations

from app.core.records import ProjectKind
from app.imports.tables.sheet import norm

# a row of table 12 or 13 that heads the projects of one kind (a sub-total, not a project)
KIND_HEADINGS = {"其他运转类": ProjectKind.OPERATING, "其他运转类项目": ProjectKind.OPERATING,
                 "运转类项目": ProjectKind.OPERATING, "特定目标类": ProjectKind.TARGETED,
                 "特定目标类项目": ProjectKind.TARGETED}


def kind_heading(name: str) -> ProjectKind | None:
    """The kind a row heads when its name is a heading such as “一、其他运转类项目”."""
    return KIND_HEADINGS.get(norm(name).strip("（）()：:0123456789一二三四、. "))


def named_kind(name: str) -> ProjectKind | None:
    """The kind a project's name states (“……（其他运转类）”), or None."""
    if "特定目标类" in name:
        return ProjectKind.TARGETED
    if "其他运转类" in name:
        return ProjectKind.OPERATING
    return None


RUNNING_WORDS = ("运转", "运行", "日常", "其他运转类")


def guessed_kind(name: str) -> ProjectKind:
    """A project's kind as far as its name says it (运转/运行/日常: 其他运转类)."""
    if "特定目标类" in name:
        return ProjectKind.TARGETED
    if any(w in name for w in RUNNING_WORDS):
        return ProjectKind.OPERATING
    return ProjectKind.TARGETED
