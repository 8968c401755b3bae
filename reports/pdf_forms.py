"""绩效目标表 as the official forms: 项目支出绩效目标表 (实施期 and 年度 side by side) and the
部门整体支出绩效目标申报表; long texts wrap inside their cells, headers repeat on every page."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from decimal import Decimal
from itertools import zip_longest

from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, Spacer

from app.compute.wording import worded
from app.core.declarations import FUND_FORM_LABELS, FUND_TOTALS, INDICATORS, TARGET_FORM
from app.core.identity import option_of
from app.core.money import wan_text, yuan_text
from app.core.records import Budget, DepartmentForm, FormFunds, Indicator, Period, TargetForm
from reports.pdf_cells import CellTable
from reports.pdf_doc import PORTRAIT, Para, Styles, frame_height, frame_width
from reports.pdf_grid import FREE, GRID, HEAD_FILL, INSIDE, NEVER, Cell, Grid, Row, Text
from reports.pdf_grid import PAD as GRID_PAD
from reports.pdf_para import Setting
from reports.pdf_text import Recorder, esc

SIZE = 9.0
PAD = GRID_PAD
LONG = 1400  # characters of one text row: about 30 lines, well under a page
FUND_LABELS = (f"其中：{FUND_FORM_LABELS[0]}", *FUND_FORM_LABELS[1:])
_IMPL, _ANNUAL = FUND_TOTALS
_TEXTS = {d.path: d.label for d in TARGET_FORM.texts}
_FOOT = {d.path: d.label for d in TARGET_FORM.footer}
_LEVELS = {d.path: d.label for d in INDICATORS}
# every label the target form prints, in one place: the declared ones from app.core.declarations
# (the same words as the editor and the workbook), the rest the form's own headings
L = {
    "name": TARGET_FORM.project[1].label, "dept": "主管部门及代码", "unit": "实施单位",
    "attribute": TARGET_FORM.header[0].label, "period": TARGET_FORM.header[1].label,
    "funds": "项目资金（元）", "impl_total": f"{_IMPL}：", "annual_total": f"{_ANNUAL}：",
    "overview": _TEXTS["overview"], "basis": _TEXTS["basis"], "necessity": _TEXTS["necessity"],
    "measures": _TEXTS["measures"], "plan": _TEXTS["plan"],
    "goal": "总体目标", "goal_impl": "实施期目标", "goal_annual": "年度目标",
    "indicators": "绩效指标", "level1": _LEVELS["level1"], "impl": "实施期指标", "annual": "年度指标",
    "level2": _LEVELS["level2"], "level3": _LEVELS["level3"], "value": _LEVELS["value"],
    "manager": f"{_FOOT['manager']}：", "handler": f"{_FOOT['handler']}：",
    "phone": f"{_FOOT['phone']}：", "filled": f"{_FOOT['filled']}：",
}
LABEL_CHARS = 7  # a label of up to this many characters is never broken


class Cells:
    """Cell factory for one form, recording every text with its place."""

    def __init__(self, styles: Styles, rec: Recorder, place: str) -> None:
        self.rec, self.place = rec, place
        self.font = styles.fonts.song
        self.hei = styles.fonts.hei
        self.left = styles.style("form-left", size=SIZE, leading=SIZE * 1.16, align=TA_JUSTIFY)
        self.center = styles.style("form-center", size=SIZE, leading=SIZE * 1.16, align=TA_CENTER)
        self.head = styles.style("form-head", hei=True, size=SIZE, leading=SIZE * 1.16, align=TA_CENTER)

    def text(self, value: str, field: str, centered: bool = False) -> Cell:
        if not value:
            return ""
        self.rec.body(f"{self.place} {field}", value)
        return Text(value, self.center if centered else self.left)

    def label(self, value: str) -> Cell:
        self.rec.body(f"{self.place} {value}", value)
        return Text(value, self.center)

    def heading(self, value: str) -> Cell:
        self.rec.heading(f"{self.place} 表头", value)
        return Text(value, self.head)


def form_table(rows: list[list[Cell]], commands: list[tuple[object, ...]], col_widths: list[float],
               font: str, repeat: int) -> CellTable:
    """A reportlab table: short texts as strings, long ones set by reports.linebreak."""
    spans = {(cmd[1][0], cmd[1][1]): cmd[2][0] for cmd in commands if cmd[0] == "SPAN"}  # type: ignore[index]
    extra: list[tuple[object, ...]] = []
    data: list[list[object]] = []
    for r, row in enumerate(rows):
        line: list[object] = []
        for c, cell in enumerate(row):
            if isinstance(cell, str):
                line.append(cell)
                continue
            last = spans.get((c, r), c)
            room = sum(col_widths[c:int(last) + 1]) - 2 * PAD  # type: ignore[call-overload]
            style = cell.style
            if "\n" not in cell.text and stringWidth(cell.text, style.fontName, style.fontSize) <= room:
                line.append(cell.text)
                if style.fontName != font:
                    extra.append(("FONT", (c, r), (c, r), style.fontName, style.fontSize))
                if style.alignment == TA_CENTER:
                    extra.append(("ALIGN", (c, r), (c, r), "CENTER"))
            else:
                line.append(Setting(cell.text, style))
        data.append(line)
    return CellTable(data, col_widths, base_style(font, [*commands, *extra]), repeat=repeat)


def base_style(font: str, extra: Sequence[tuple[object, ...]] = ()) -> list[tuple[object, ...]]:
    return [
        ("FONT", (0, 0), (-1, -1), font, SIZE),
        ("GRID", (0, 0), (-1, -1), 0.5, GRID),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("LEFTPADDING", (0, 0), (-1, -1), PAD), ("RIGHTPADDING", (0, 0), (-1, -1), PAD),
        ("TOPPADDING", (0, 0), (-1, -1), 2.0), ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5),
        *extra,
    ]


def form_title(title: str, year: int, styles: Styles, rec: Recorder, place: str) -> list[Flowable]:
    rec.heading(place, title)
    rec.body(place, f"（{year}年度）")
    return [
        Para(esc(title), styles.style("form-title", hei=True, size=14, leading=20, align=TA_CENTER)),
        Para(esc(f"（{year}年度）"), styles.style("form-year", size=10.5, leading=16, align=TA_CENTER,
                                                     after=4)),
    ]


def money(value: Decimal | None) -> str:
    return yuan_text(value)


def label_width(texts: Iterable[str], font: str, least: str = "") -> float:
    """Room for the longest of texts up to LABEL_CHARS characters, padding included."""
    need = max((stringWidth(t, font, SIZE) for t in [*texts, least] if len(t) <= LABEL_CHARS),
               default=0.0)
    return need + 2 * PAD + 1


def form_widths(form: TargetForm, room: float, font: str, hei: str) -> list[float]:
    """Column widths from the form's content: 绩效指标 | 一级 | 二级 三级 值 | 二级 三级 值; the
    top labels span the first two columns; the rest goes to the two 三级 columns."""
    inds = form.indicators
    w0 = label_width([L["indicators"]], hei)
    w1 = max(label_width([i.level1 for i in inds], font, L["level1"]),
             label_width([L["dept"], L["funds"], L["necessity"]], font) - w0)
    w2 = label_width([i.level2 for i in inds], font, L["level2"])
    amounts = [money(v) for f in (form.implementation, form.annual)
               for v in (f.total, f.central, f.province, f.local, f.self_raised, f.other)]
    values = [i.value for i in inds if stringWidth(i.value, font, SIZE) <= 64]
    w4 = max([stringWidth(t, font, SIZE) + 2 * PAD + 1 for t in [*amounts, *values]]
             + [label_width([], font, L["value"]), 48.0])
    w3 = (room - w0 - w1 - 2 * w2 - 2 * w4) / 2
    if w3 < 60:  # narrow page: the 二级 columns give way first
        w2 = max(w2 - (60 - w3), 40.0)
        w3 = (room - w0 - w1 - 2 * w2 - 2 * w4) / 2
    return [w0, w1, w2, w3, w4, w2, w3, w4]


def funds_rows(form: TargetForm, c: Cells) -> list[Row]:
    def parts(f: FormFunds) -> list[Decimal | None]:
        return [f.central, f.province, f.local, f.self_raised, f.other]

    label = c.label(L["funds"])
    rows = [Row([label, "", c.label(L["impl_total"]), "",
                 c.text(money(form.implementation.total), L["impl_total"], True),
                 c.label(L["annual_total"]), "", c.text(money(form.annual.total), L["annual_total"], True)],
                [(0, 1), (2, 3), (5, 6)], {0: "funds"}, NEVER, "top")]
    for name, a, b in zip(FUND_LABELS, parts(form.implementation), parts(form.annual), strict=True):
        rows.append(Row([label, "", c.label(name), "", c.text(money(a), f"实施期{name}", True),
                         c.label(name), "", c.text(money(b), f"年度{name}", True)],
                        [(0, 1), (2, 3), (5, 6)], {0: "funds"}, NEVER, "top"))
    return rows


def department_line(budget: Budget, form: TargetForm) -> str:
    """主管部门及代码 as printed: the form's own (settings.forms), else the department's (code-
    name, the name alone while the code is empty: a lone "-" before it looked like a slip)."""
    option = option_of(budget.settings.forms, form)
    if option is not None and option.department.strip():
        return option.department.strip()
    dept = budget.department
    return "-".join(part for part in (dept.code.strip(), dept.name) if part)


def target_top(budget: Budget, form: TargetForm, c: Cells) -> list[Row]:
    """The form's upper part: names, money, the texts and the 总体目标."""
    unit = budget.unit(form.unit)
    pair = [(0, 1), (2, 3), (5, 7)]
    rows: list[Row] = [
        Row([c.label(L["name"]), "", c.text(form.project, L["name"]), "", "", "", "", ""],
            [(0, 1), (2, 7)], section="top", head=True),
        Row([c.label(L["dept"]), "", c.text(department_line(budget, form), L["dept"]), "",
             c.label(L["unit"]), c.text(unit.name if unit else form.unit, L["unit"]), "", ""],
            pair, brk=NEVER, section="top"),
        Row([c.label(L["attribute"]), "", c.text(form.attribute, L["attribute"]), "",
             c.label(L["period"]), c.text(form.period, L["period"]), "", ""], pair, brk=NEVER,
            section="top"),
        *funds_rows(form, c),
    ]
    for key, value in (("overview", form.overview), ("basis", form.basis),
                       ("necessity", form.necessity), ("measures", form.measures),
                       ("plan", form.plan)):
        label = c.label(L[key])
        for i, piece in enumerate(pieces(value, LONG)):
            rows.append(Row([label, "", c.text(piece, L[key]), "", "", "", "", ""],
                            [(0, 1), (2, 7)], {0: key}, FREE if i == 0 else INSIDE, "top"))
    goal = c.label(L["goal"])
    rows.append(Row([goal, "", c.label(L["goal_impl"]), "", "", c.label(L["goal_annual"]), "", ""],
                    [(0, 1), (2, 4), (5, 7)], {0: "goal"}, FREE, "top"))
    goals = list(zip_longest(pieces(form.goal_implementation, LONG // 2),
                             pieces(form.goal_annual, LONG // 2), fillvalue=""))
    for i, (impl, annual) in enumerate(goals):
        rows.append(Row([goal, "", c.text(impl, L["goal_impl"]), "", "", c.text(annual, L["goal_annual"]),
                         "", ""], [(0, 1), (2, 4), (5, 7)], {0: "goal"}, NEVER if i == 0 else INSIDE,
                        "top"))
    return rows


def pieces(text: str, size: int) -> list[str]:
    """A long text cut into pieces of about size characters (at line ends when it can), so no
    table row is taller than a page; [""] for an empty text."""
    if len(text) <= size:
        return [text]
    found: list[str] = []
    rest = text
    while len(rest) > size:
        cut = rest.rfind("\n", size // 2, size)
        cut = cut + 1 if cut > 0 else size
        found.append(rest[:cut].rstrip("\n"))
        rest = rest[cut:]
    return [*found, rest] if rest else found


IndicatorRow = tuple[str, str, Indicator | None, Indicator | None]


def indicator_rows(indicators: Sequence[Indicator]) -> list[IndicatorRow]:
    """(一级, 二级, 实施期 indicator, 年度 indicator) rows, grouped in order of first appearance.

    A blank indicator (no 三级指标, no 指标值: a cleared or newly inserted row) is never printed
    as a row of its own; a group that has nothing else keeps one row with its labels, as the
    official form shows 经济效益 with nothing under it; a row without any label is dropped."""
    groups: dict[tuple[str, str], tuple[list[Indicator], list[Indicator]]] = {}
    for ind in indicators:
        key = (ind.level1.strip(), ind.level2.strip())
        if blank_indicator(ind) and not any(key):
            continue
        impl, annual = groups.setdefault(key, ([], []))
        if not blank_indicator(ind):
            (impl if ind.period == Period.IMPLEMENTATION else annual).append(ind)
    by_level1: dict[str, list[tuple[str, str]]] = {}
    for key in groups:
        by_level1.setdefault(key[0], []).append(key)
    rows: list[IndicatorRow] = []
    for keys in by_level1.values():
        for key in keys:
            impl, annual = groups[key]
            for i in range(max(len(impl), len(annual), 1)):
                rows.append((key[0], key[1], impl[i] if i < len(impl) else None,
                             annual[i] if i < len(annual) else None))
    return rows


def blank_indicator(ind: Indicator) -> bool:
    """Whether an indicator says nothing: no 三级指标 and no 指标值."""
    return not ind.level3.strip() and not ind.value.strip()


def target_indicators(form: TargetForm, c: Cells) -> list[Row]:
    """The indicators of both periods side by side: 一级 and 二级 cells merge over their rows."""
    h = c.heading
    label = h(L["indicators"])
    rows: list[Row] = [
        Row([label, h(L["level1"]), h(L["impl"]), "", "", h(L["annual"]), "", ""],
            [(2, 4), (5, 7)], {0: "ind", 1: "head1"}, NEVER, "ind", head=True, fill=1),
        Row([label, h(L["level1"]), h(L["level2"]), h(L["level3"]), h(L["value"]),
             h(L["level2"]), h(L["level3"]), h(L["value"])],
            [], {0: "ind", 1: "head1"}, NEVER, "ind", head=True, fill=1),
    ]
    body = indicator_rows(form.indicators)
    first_group = body[0][:2] if body else None
    previous: tuple[str, str] | None = None
    for n, (level1, level2, impl, annual) in enumerate(body, start=1):
        key2 = f"{level1}\t{level2}"
        group = (level1, level2)
        # the header (and the form's top) stays with the first group
        brk = NEVER if group == first_group else FREE if group != previous else INSIDE
        previous = group
        rows.append(Row([
            label, c.text(level1, L["level1"], True), c.text(level2, L["level2"], True),
            c.text(impl.level3 if impl else "", f"实施期第{n}项三级指标"),
            c.text(impl.value if impl else "", f"实施期第{n}项指标值", True),
            c.text(level2, L["level2"], True),
            c.text(annual.level3 if annual else "", f"年度第{n}项三级指标"),
            c.text(annual.value if annual else "", f"年度第{n}项指标值", True)],
            [], {0: "ind", 1: f"1:{level1}", 2: f"2:{key2}", 5: f"5:{key2}"}, brk, "ind"))
    rows.append(Row([c.text(f"{L['manager']}{form.manager}", "负责人"), "",
                     c.text(f"{L['handler']}{form.handler}", "经办人"), "",
                     c.text(f"{L['phone']}{form.phone}", "联系电话"), "",
                     c.text(f"{L['filled']}{form.filled}", "填报日期"), ""],
                    [(0, 1), (2, 3), (4, 5), (6, 7)], {}, NEVER, "ind"))
    return rows


def target_form(budget: Budget, form: TargetForm, styles: Styles, rec: Recorder, number: int,
                heading: Sequence[Flowable] = ()) -> list[Flowable]:
    """One 项目支出绩效目标表, as one grid that breaks between its groups."""
    place = f"绩效目标表{number}（{form.project}）"
    c = Cells(styles, rec, place)
    room = frame_width(PORTRAIT)
    title = [*heading, *form_title(budget.texts.form_title.strip() or "项目支出绩效目标表",
                                   budget.department.year, styles, rec, place)]
    rows = [*target_top(budget, form, c), *target_indicators(form, c)]
    grid = Grid(rows, form_widths(form, room, c.font, c.hei), c.font, SIZE, title,
                frame_height(PORTRAIT))
    keep_block(grid, room)
    return [grid]


def block_end(rows: Sequence[Row]) -> int:
    """The index of the first row after the form's header block and its first indicator group
    (len(rows) when nothing follows them)."""
    return next((k for k, r in enumerate(rows) if r.section == "ind" and not r.head and r.brk != NEVER),
                len(rows))


TEXT_KEYS = ("overview", "basis", "necessity", "measures", "plan", "goal")


def keep_block(grid: Grid, room: float) -> None:
    """No page break inside the form's header block (名称 … 总体目标) or between it and the first
    indicator group when, with the title, they fit on one page: the form then starts where they
    fit. A block taller than a page breaks inside its texts, its last part with the first group
    (the indicator header and first group never break from the top); below other content it
    starts only where its names, money and first text fit, never as a strip of names alone."""
    end = block_end(grid.rows)
    height = grid.title_height(room) + sum(grid.row_heights(room)[:end])
    tall = height > grid.page_height - 1
    for row in grid.rows[1:end]:
        if tall and row.merge.get(0) in TEXT_KEYS and row.brk != NEVER:
            row.brk = NEVER  # the first text row with its break: kept with the names
            break
        row.brk = NEVER


def halves(row: int) -> list[tuple[object, ...]]:
    """Spans making a 4-column row two cells wide."""
    return [("SPAN", (0, row), (1, row)), ("SPAN", (2, row), (3, row))]


def department_title(budget: Budget) -> str:
    return budget.settings.department_form_title.strip() or worded(budget, "部门整体支出绩效目标申报表")


def department_form(budget: Budget, form: DepartmentForm, styles: Styles, rec: Recorder) -> list[Flowable]:
    """部门整体支出绩效目标申报表 (with settings.department_form_official, the official form's
    rows: 社会保险基金预算资金 among the sources, staff counts in 人)."""
    place = department_title(budget)
    official = budget.settings.department_form_official
    people = "人" if official else ""
    c = Cells(styles, rec, place)
    say = {label: worded(budget, label) for label in ("部门名称", "部门基本信息", "部门职责", "部门战略目标")}
    room = frame_width(PORTRAIT)
    w = [room * f for f in (0.2, 0.3, 0.2, 0.3)]
    rows: list[list[Cell]] = [
        [c.label(say["部门名称"]), c.text(budget.department.name, say["部门名称"]), "", ""],
        [c.heading(say["部门基本信息"]), "", "", ""],
        [c.label("内设职能部门数"), c.text(str(form.divisions), "内设职能部门数", True),
         c.label("所属预算单位数"), c.text(str(form.units), "所属预算单位数", True)],
        [c.label("核定的人员编制数"), c.text(f"{form.staff_quota}{people}", "核定的人员编制数", True),
         c.label("实际在职人员总数"), c.text(f"{form.staff_actual}{people}", "实际在职人员总数", True)],
        [c.label("其中：在编人员"), c.text(f"{form.staff_in_quota}{people}", "在编人员", True),
         c.label("其他人员"), c.text(f"{form.staff_other}{people}", "其他人员", True)],
        [c.label(say["部门职责"]), c.text(form.duties, say["部门职责"]), "", ""],
        [c.label(say["部门战略目标"]), c.text(form.strategy, say["部门战略目标"]), "", ""],
        [c.heading("年度预算情况（万元）"), "", "", ""],
        [c.heading("资金来源"), c.heading("金额"), c.heading("资金投向"), c.heading("金额")],
    ]
    spans: list[tuple[object, ...]] = [("SPAN", (1, 0), (3, 0)), ("SPAN", (0, 1), (3, 1)),
                                       ("SPAN", (1, 5), (3, 5)), ("SPAN", (1, 6), (3, 6)),
                                       ("SPAN", (0, 7), (3, 7))]
    heads = [1, 7, 8]
    split = form.budget
    sources = [("一般公共预算", split.general), ("政府性基金预算", split.fund),
               ("国有资本经营预算", split.capital), ("财政专户管理资金", split.special),
               ("单位资金", split.unit), ("合计", split.total)]
    uses: list[tuple[str, Decimal | None]] = [("基本支出", form.basic), ("项目支出", form.projects),
                                              ("", None), ("", None), ("", None),
                                              ("合计", form.basic + form.projects)]
    if official:  # the official form lists it, though the department's budget has none
        sources.insert(3, ("社会保险基金预算资金", Decimal(0)))
        uses.insert(2, ("", None))
    for (s_label, s_amount), (u_label, u_amount) in zip(sources, uses, strict=True):
        rows.append([c.label(s_label), c.text(wan_text(s_amount), s_label, True),
                     c.label(u_label) if u_label else "",
                     c.text(wan_text(u_amount), u_label, True) if u_amount is not None else ""])
    heads.append(len(rows))
    rows.append([c.heading("年度重点任务"), "", "", ""])
    spans.append(("SPAN", (0, len(rows) - 1), (3, len(rows) - 1)))
    heads.append(len(rows))
    rows.append([c.heading("核心职能"), "", c.heading("重点任务"), ""])
    spans += halves(len(rows) - 1)
    for n, task in enumerate(form.tasks, start=1):
        rows.append([c.text(task.function, f"第{n}项核心职能"), "",
                     c.text(task.task, f"第{n}项重点任务"), ""])
        spans += halves(len(rows) - 1)
    rows.append([c.label("年度绩效目标"), c.text(form.goal, "年度绩效目标"), "", ""])
    spans.append(("SPAN", (1, len(rows) - 1), (3, len(rows) - 1)))
    heads.append(len(rows))
    rows.append([c.heading("一级指标"), c.heading("二级指标"), c.heading("三级指标"), c.heading("指标值")])
    shown = [i for i in form.indicators if not blank_indicator(i) or i.level1.strip() or i.level2.strip()]
    for n, ind in enumerate(shown, start=1):
        rows.append([c.text(ind.level1, f"第{n}项一级指标", True),
                     c.text(ind.level2, f"第{n}项二级指标", True),
                     c.text(ind.level3, f"第{n}项三级指标"), c.text(ind.value, f"第{n}项指标值", True)])
    spans += [("BACKGROUND", (0, r), (-1, r), HEAD_FILL) for r in heads]
    t = form_table(rows, spans, w, c.font, 1)
    return [*form_title(place, budget.department.year, styles, rec, place),
            Spacer(0, 2), t]
