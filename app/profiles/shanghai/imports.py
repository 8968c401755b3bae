"""Shanghai's 9 tables as the table import finds them: their titles by key, 部门 and 单位."""

from __future__ import annotations

from app.profiles.importspec import ImportSpec
from app.profiles.shanghai.words import KINDS, TABLES

FINANCE, INCOME, SPENDING, FISCAL, GENERAL, FUND, CAPITAL, ECONOMIC, THREE_PUBLIC = (
    key for key, _ in TABLES)

SPEC = ImportSpec(
    titles={key: tuple(pattern.format(o=o) for o in KINDS) for key, pattern in TABLES},
    priority=(SPENDING, GENERAL, FUND, CAPITAL, ECONOMIC, INCOME, THREE_PUBLIC, FISCAL, FINANCE),
    origin={"income": (FINANCE,), "basic_function": (SPENDING,), "basic_economic": (ECONOMIC,),
            "projects": (SPENDING,), "revenues": (FINANCE,), "three_public": (THREE_PUBLIC,)},
    mapper="shanghai",
)
