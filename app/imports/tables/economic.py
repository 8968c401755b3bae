"""基本支出 by economic pair, from table 6 (部门 and 政府 economic classes by name) and, for
the 502 pairs, the units of the 机关运行经费 table (11): a part of the Shanxi mapping
(`mapping.Mapper`)."""

from __future__ import annotations

from decimal import Decimal

from app.core.catalog import DEPT, GOV, Catalog
from app.core.money import ZERO
from app.core.records import BasicByEconomic, Source, Unit
from app.imports.tables.locate import SourceTable
from app.imports.tables.report import Report, figure_in
from app.imports.tables.sheet import Money, norm
from app.imports.tables.units import SOURCE_KEYS, coded
from app.profiles.shanxi import imports as sx

GOV_CLASSES = {"301": ("501", "505"), "302": ("502", "505"), "303": ("509",),
               "310": ("503", "506"), "309": ("503", "506")}
DEFAULT_GOV = {"301": "50199", "302": "50299", "303": "50999"}
OPERATING = "502"


def yuan(m: Money | None) -> Decimal:
    return m.yuan if m else ZERO


class EconomicMapping:
    """The economic pairs of the tables t, with the catalog to name them and the report to
    write what is assumed into."""

    t: dict[str, SourceTable]
    report: Report
    catalog: Catalog

    @staticmethod
    def name(key: str) -> str:
        """The table as messages name it (表N)."""
        return sx.name(key)

    def economic_code(self, name: str, kind: str, within: tuple[str, ...]) -> list[str]:
        table = self.catalog.table(kind)
        wanted = norm(name)
        hits = [c for c, n in table.items() if len(c) == 5 and norm(n) == wanted]
        preferred = [c for c in hits if c.startswith(within)]
        return preferred or hits

    def basic_economic(self, units: list[Unit]) -> list[BasicByEconomic]:
        t6 = self.t.get(sx.ECONOMIC)
        if t6 is None:
            return []
        pairs: list[tuple[str, str, Decimal]] = []
        cls = ""
        for r in t6.rows:
            dept_name, gov_name = t6.text(r, "dept"), t6.text(r, "gov")
            total = t6.money(r, "total")
            if norm(dept_name) in ("合计", "总计") or not dept_name:
                continue
            if not gov_name:
                hits = [c for c, n in self.catalog.dept.items() if len(c) == 3 and norm(n) == norm(dept_name)]
                cls = hits[0] if hits else ""
                if not hits:
                    self.report.unreadable.append(
                        f"{self.name(sx.ECONOMIC)} {t6.place(r, 'dept')}：经济分类“{dept_name}”"
                        "不在科目表中，认不出它是哪一类。")
                continue
            if total is None or not total.yuan:
                continue
            dept = self.economic_code(dept_name, DEPT, (cls,) if cls else ())
            gov = self.economic_code(gov_name, GOV, GOV_CLASSES.get(cls or (dept or ["000"])[0][:3], ()))
            if not dept:
                code = f"{cls or '302'}99"
                self.report.unreadable.append(
                    f"{self.name(sx.ECONOMIC)} {t6.place(r, 'dept')}：部门经济分类“{dept_name}”不在科目表中，"
                    f"金额 {figure_in(total.yuan, t6.scale)} 暂记入 {code}"
                    f"（{self.catalog.name(code, DEPT)}），"
                    "请导入当年完整科目表后重新导入，或手工改正。")
                dept = [code]
            if not gov:
                code = DEFAULT_GOV.get(dept[0][:3], "50299")
                self.report.unreadable.append(
                    f"{self.name(sx.ECONOMIC)} {t6.place(r, 'gov')}：政府经济分类“{gov_name}”不在科目表中，"
                    f"暂记入 {code}（{self.catalog.name(code, GOV)}），请核对。")
                gov = [code]
            personnel = dept[0][:3] in ("301", "303")
            other = t6.money(r, "public" if personnel else "personnel")
            if other is not None and other.yuan:
                self.report.disagreements.append(
                    f"{self.name(sx.ECONOMIC)} {t6.place(r, 'total')}：“{dept_name}”应全部计入"
                    f"{'人员经费' if personnel else '公用经费'}，表中却在另一栏有 "
                    f"{figure_in(other.yuan, t6.scale)}。")
            pairs.append((dept[0], gov[0], total.yuan))
        return self.place_economic(units, pairs)

    def place_economic(self, units: list[Unit], pairs: list[tuple[str, str, Decimal]]
                       ) -> list[BasicByEconomic]:
        """502xx pairs to the units of the 机关运行经费 table (in its order), everything else on
        the own unit."""
        own = units[0]
        found: list[BasicByEconomic] = []
        t11 = self.t.get(sx.OFFICE)
        quotas: list[tuple[Unit, Decimal]] = []
        if t11 is not None:
            by_name = {u.name: u for u in units}
            for r in t11.rows[1:]:
                unit = by_name.get(coded(t11.text(r, "unit"))[1], own)
                quotas.append((unit, yuan(t11.money(r, "general"))))
                for src in (Source.FUND, Source.CAPITAL):
                    extra = yuan(t11.money(r, SOURCE_KEYS[src]))
                    if extra:
                        found.append(BasicByEconomic(unit.code, "30299", "50299", src, extra))
                        self.report.assumptions.append(
                            f"{self.name(sx.OFFICE)}中“{unit.name}”的{src.value}机关运行经费 "
                            f"{figure_in(extra, t11.scale)} "
                            "没有经济分类，按“其他商品和服务支出”记入。")
        operating = [p for p in pairs if p[1].startswith(OPERATING)]
        for dept, gov, value in pairs:
            if not gov.startswith(OPERATING):
                found.append(BasicByEconomic(own.code, dept, gov, Source.GENERAL, value))
        spread = len({u.code for u, _ in quotas}) > 1
        for dept, gov, value in operating:
            left = value
            while left > 0 and quotas:
                unit, quota = quotas[0]
                take = min(left, quota)
                if take > 0:
                    found.append(BasicByEconomic(unit.code, dept, gov, Source.GENERAL, take))
                    left -= take
                if quota - take <= 0 and len(quotas) > 1:
                    quotas.pop(0)
                else:
                    quotas[0] = (unit, quota - take)
                    if left > 0:
                        break
            if left > 0:
                found.append(BasicByEconomic(own.code, dept, gov, Source.GENERAL, left))
        if spread:
            self.report.assumptions.append(
                f"{self.name(sx.ECONOMIC)}中“办公经费”等 502 类科目已按{self.name(sx.OFFICE)}"
                "各单位的机关运行经费依次分给各单位，请核对。")
        if pairs:
            self.report.assumptions.append(
                f"经济分类按单位的划分：表中没有，除机关运行经费外已全部记在本级单位“{own.name}”。")
        return found
