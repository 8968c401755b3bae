"""The province templates (profiles): one line each in PROFILES; `profile(id)` finds one.

A profile says what a document of its template holds: its tables (built from a budget for a
document kind), the outline (title page, 目录, parts in order), its texts by content key, the
table titles an inspector recognises a published document by, and its bundled sample.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import cache
from typing import TYPE_CHECKING, Any

from app.compute.tabledef import Table
from app.core.errors import UserError
from app.core.numerals import chinese
from app.core.records import Budget, Department, GlossaryEntry
from app.profiles.importspec import ImportSpec
from app.profiles.inputs import TextInputs
from app.profiles.outline import CONTENTS, PART, TABLE, TITLE_PAGE, Entry
from app.profiles.shanghai import checknames as shanghai_checks
from app.profiles.shanghai.imports import SPEC as SHANGHAI_IMPORT
from app.profiles.shanghai.inputs import INPUTS as SHANGHAI_INPUTS
from app.profiles.shanxi import NAME as SHANXI_NAME
from app.profiles.shanxi.imports import SPEC as SHANXI_IMPORT
from app.profiles.shanxi.inputs import INPUTS as SHANXI_INPUTS

if TYPE_CHECKING:
    from app.core.findings import Finding

DEPARTMENT_KIND = "部门"
UNIT_KIND = "单位"

Tables = Callable[[Budget, str], tuple[Table, ...]]
Outline = Callable[[Budget, str], tuple[Entry, ...]]
Texts = Callable[[Budget, str], dict[str, Sequence[Any]]]


@dataclass(frozen=True)
class Profile:
    """One province's template.

    Attributes:
      id: stable id stored in a budget file ("shanxi", "shanghai"). name: 名称 shown to users.
      kinds: the document kinds it has (部门, 单位), the first the default.
      tables: (budget, kind) → the tables in order. outline: (budget, kind) → the outline.
      texts: (budget, kind) → sections (objects with key, heading, paragraphs, level) by the
        content key a part of the outline names. sample: the bundled sample budget, if any.
      checks: the template's own 审核 checks (budget → findings), with check_titles their
        names in words; skipped_checks: the ids of general checks that do not apply to it.
      imports: what `import-tables` needs to find and read its tables in a workbook (None: the
        template's tables cannot be imported).
      inputs: what the window's step 8 offers: the own-words inputs labelled by where this
        template prints them, the section-template and target-form tabs (app.profiles.inputs).
    """

    id: str
    name: str
    kinds: tuple[str, ...]
    tables: Tables
    outline: Outline
    texts: Texts
    sample: Callable[[], Budget] | None = None
    checks: tuple[Callable[[Budget], list[Finding]], ...] = ()
    check_titles: Mapping[str, str] = field(default_factory=dict)
    skipped_checks: frozenset[str] = frozenset()
    imports: ImportSpec | None = None
    inputs: TextInputs = field(default_factory=lambda: TextInputs(()))

    def titles(self, year: int, kind: str = "") -> tuple[str, ...]:
        """The table titles in order, as an inspector finds them in a published document."""
        empty = Budget(Department("", "", year))
        return tuple(t.title for t in self.tables(empty, kind or self.kinds[0]))

    def table_keys(self) -> tuple[str, ...]:
        """The tables' stable keys in order (their numbers where a table has no key)."""
        empty = Budget(Department("", "", 2026))
        return tuple(t.key or str(t.number) for t in self.tables(empty, self.kinds[0]))


def _of_kind(budget: Budget, kind: str) -> Budget:
    """budget as a document of kind (a unit's document is worded by its settings' kind)."""
    if budget.settings.kind == kind:
        return budget
    return replace(budget, settings=replace(budget.settings, kind=kind))


def _shanxi_tables(budget: Budget, kind: str) -> tuple[Table, ...]:
    from app.profiles.shanxi.tables import build_tables

    return build_tables(_of_kind(budget, kind))


def _shanxi_outline(budget: Budget, kind: str) -> tuple[Entry, ...]:
    from app.profiles.shanxi.narrative import document_title, part_titles

    budget = _of_kind(budget, kind)
    titles = part_titles(budget)
    d = budget.department
    tables = _shanxi_tables(budget, kind)
    return (
        Entry(TITLE_PAGE, d.name, lines=(d.name, document_title(budget))),
        Entry(CONTENTS, "目录"),
        Entry(PART, titles[0], "overview"),
        Entry(PART, titles[1], "tables"),
        *(Entry(TABLE, f"表{chinese(t.number)} {t.title}", level=2, key=str(t.number))
          for t in tables),
        Entry(PART, titles[2], "explanation"),
        Entry(PART, titles[3], "glossary"),
    )


def _shanxi_texts(budget: Budget, kind: str) -> dict[str, Sequence[Any]]:
    from app.profiles.shanxi import narrative

    budget = _of_kind(budget, kind)
    return {
        "overview": narrative.overview(budget),
        "explanation": narrative.sections(budget),
        "glossary": [narrative.Section("4", "名词解释", tuple(narrative.glossary(budget)))],
    }


def _shanxi_sample() -> Budget:
    from app.profiles.shanxi.sample import load_sample

    return load_sample()


def _shanghai_check(name: str) -> Callable[[Budget], list[Finding]]:
    """The Shanghai check of this name, its module loaded when it first runs (a command that
    only prints or writes the tables needs no checks)."""

    def check(budget: Budget) -> list[Finding]:
        from app.profiles.shanghai import checks

        found: list[Finding] = getattr(checks, name)(budget)
        return found

    check.__name__ = check.__qualname__ = name
    return check


def _shanghai_tables(budget: Budget, kind: str) -> tuple[Table, ...]:
    from app.profiles.shanghai.tables import build_tables

    return build_tables(budget, kind)


def _shanghai_outline(budget: Budget, kind: str) -> tuple[Entry, ...]:
    from app.profiles.shanghai.document import outline

    return outline(budget, kind)


def _shanghai_texts(budget: Budget, kind: str) -> dict[str, Sequence[Any]]:
    from app.profiles.shanghai.document import texts

    return texts(budget, kind)


def _shanghai_sample() -> Budget:
    from app.profiles.shanghai.sample import load_sample

    return load_sample()


SHANXI = Profile("shanxi", SHANXI_NAME, (DEPARTMENT_KIND, UNIT_KIND), _shanxi_tables,
                 _shanxi_outline, _shanxi_texts, _shanxi_sample, imports=SHANXI_IMPORT,
                 inputs=SHANXI_INPUTS)
SHANGHAI = Profile("shanghai", "上海市（9张表）", (DEPARTMENT_KIND, UNIT_KIND), _shanghai_tables,
                   _shanghai_outline, _shanghai_texts, _shanghai_sample,
                   tuple(_shanghai_check(n) for n in shanghai_checks.NAMES), shanghai_checks.TITLES,
                   shanghai_checks.SKIPPED,
                   imports=SHANGHAI_IMPORT, inputs=SHANGHAI_INPUTS)

# every profile, one line each; the first is the default of a file that names none
PROFILES: tuple[Profile, ...] = (
    SHANXI,
    SHANGHAI,
)

DEFAULT = PROFILES[0].id


class UnknownProfile(UserError):
    """A profile id that no profile has."""


def profile(profile_id: str, profiles: Sequence[Profile] | None = None) -> Profile:
    """The profile with this id (among PROFILES as they are now); a UserError listing the known
    ids otherwise."""
    profiles = PROFILES if profiles is None else profiles
    for p in profiles:
        if p.id == profile_id:
            return p
    known = "、".join(p.id for p in profiles)
    raise UnknownProfile(f"没有模板“{profile_id}”：可用的模板是 {known}。")


@cache
def standard_glossary(profile_id: str = DEFAULT) -> tuple[GlossaryEntry, ...]:
    """The 名词解释 of the profile's template (基本支出, 项目支出, “三公”经费…), as its bundled
    sample has it (none when it has no sample): what a new file, an import and the empty data
    workbook start with."""
    sample = profile(profile_id).sample
    return sample().texts.glossary if sample is not None else ()


def profile_of(budget: Budget) -> tuple[Profile, str]:
    """The file's profile and document kind (its kind if the profile has it, else the first)."""
    found = profile(budget.settings.profile)
    kind = budget.settings.kind if budget.settings.kind in found.kinds else found.kinds[0]
    return found, kind


def recognise(titles: Sequence[str],
              profiles: Sequence[Profile] | None = None) -> tuple[Profile, str] | None:
    """(profile, document kind) whose table titles all appear among titles, or None.

    Titles are compared by their words, whatever the year (spaces, punctuation, quotes and a
    leading "2026年" ignored), as finance bureaus' checkers do; the template with the most
    tables wins (a template is not mistaken for a part of a larger one).
    """
    profiles = PROFILES if profiles is None else profiles
    found = {words_only(t) for t in titles}
    best: tuple[Profile, str] | None = None
    size = 0
    for p in profiles:
        for kind in p.kinds:
            wanted = [words_only(t) for t in p.titles(2000, kind)]
            if all(w in found for w in wanted) and len(wanted) > size:
                best, size = (p, kind), len(wanted)
    return best


def words_only(title: str) -> str:
    """A title's words: no leading year, spaces, punctuation or quotes."""
    text = re.sub(r"^\s*\d{4}\s*年", "", title)
    return "".join(c for c in text if c.isalnum())
