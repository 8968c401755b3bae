"""绩效目标表 as the official forms: 项目支出绩效目标表 (实施期 and 年度 side by side) and the
部门整体支出绩效目标申报表; long texts wrap inside their cells, headers repeat on every page."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from itertools import zip_longest

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_LEFT
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, Paragraph, Spacer, TableStyle
from reportlab.platypus import Table as RLTable

from app.core.declarations import FUND_FORM_LABELS, FUND_TOTALS, TARGET_FORM
from app.core.money import wan_text, yuan_text
from app.core.records import Budget, DepartmentForm, FormFunds, Indicator, Period, TargetForm
from reports.pdf_doc import PORTRAIT, Styles, frame_width
from reports.pdf_text import Recorder, esc

SIZE = 8.5
PAD = 3.0
WIDTHS = (66.0, 44.0, 50.0, 82.0, 56.0, 50.0, 82.0, 56.0)  # scaled to the frame
LONG = 1400  # characters of one text row: about 30 lines, well under a page
RUN = 8  # longest merged run of indicator cells, so a form can break between groups
GRID = colors.Color(0.2, 0.2, 0.2)
HEAD_FILL = colors.Color(0.92, 0.92, 0.92)
FUND_LABELS = (f"其中：{FUND_FORM_LABELS[0]}", *FUND_FORM_LABELS[1:])
IMPLEMENTATION, ANNUAL = FUND_TOTALS
PROJECT, ATTRIBUTE, PERIOD = TARGET_FORM.project[1], *TARGET_FORM.header


def widths(room: float) -> list[float]:
    scale = room / sum(WIDTHS)
    return [w * scale for w in WIDTHS]


@dataclass(frozen=True)
class Text:
    """A cell's text and style, set as a plain string when it fits on one line (much faster to
    lay out than a paragraph), else as a wrapping paragraph."""

    text: str
    style: ParagraphStyle


Cell = Text | str


class Cells:
    """Cell factory for one form, recording every text with its place."""

    def __init__(self, styles: Styles, rec: Recorder, place: str) -> None:
        self.rec, self.place = rec, place
        self.font = styles.fonts.song
        self.left = styles.style("form-left", size=SIZE, leading=SIZE * 1.35, align=TA_LEFT)
        self.center = styles.style("form-center", size=SIZE, leading=SIZE * 1.35, align=TA_CENTER)
        self.head = styles.style("form-head", hei=True, size=SIZE, leading=SIZE * 1.35, align=TA_CENTER)

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
               font: str, repeat: int) -> RLTable:
    """The reportlab table: short texts as strings (aligned and set per cell), long ones wrapped."""
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
            room = sum(col_widths[c:int(last) + 1]) - 2 * PAD - 1  # type: ignore[call-overload]
            style = cell.style
            if "\n" not in cell.text and stringWidth(cell.text, style.fontName, style.fontSize) <= room:
                line.append(cell.text)
                if style.fontName != font:
                    extra.append(("FONT", (c, r), (c, r), style.fontName, style.fontSize))
                if style.alignment == TA_CENTER:
                    extra.append(("ALIGN", (c, r), (c, r), "CENTER"))
            else:
                line.append(Paragraph(esc(cell.text), style))
        data.append(line)
    t = RLTable(data, colWidths=col_widths, repeatRows=repeat)
    t.setStyle(base_style(font, [*commands, *extra]))
    return t


def base_style(font: str, extra: Sequence[tuple[object, ...]] = ()) -> TableStyle:
    return TableStyle([
        ("FONT", (0, 0), (-1, -1), font, SIZE),
        ("GRID", (0, 0), (-1, -1), 0.5, GRID),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("LEFTPADDING", (0, 0), (-1, -1), PAD), ("RIGHTPADDING", (0, 0), (-1, -1), PAD),
        ("TOPPADDING", (0, 0), (-1, -1), 2.5), ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
        *extra,
    ])


def form_title(title: str, year: int, styles: Styles, rec: Recorder, place: str) -> list[Flowable]:
    rec.heading(place, title)
    rec.body(place, f"（{year}年度）")
    return [
        Paragraph(esc(title), styles.style("form-title", hei=True, size=14, leading=20, align=TA_CENTER)),
        Paragraph(esc(f"（{year}年度）"), styles.style("form-year", size=10.5, leading=16, align=TA_CENTER,
                                                     after=4)),
    ]


def money(value: Decimal | None) -> str:
    return yuan_text(value)


def funds_rows(form: TargetForm, c: Cells) -> list[list[Cell]]:
    def parts(f: FormFunds) -> list[Decimal | None]:
        return [f.central, f.province, f.local, f.self_raised, f.other]

    rows: list[list[Cell]] = [[
        c.label("项目资金（元）"), c.label(f"{IMPLEMENTATION}："), "", "",
        c.text(money(form.implementation.total), IMPLEMENTATION, True),
        c.label(f"{ANNUAL}："), "", c.text(money(form.annual.total), ANNUAL, True)]]
    for label, a, b in zip(FUND_LABELS, parts(form.implementation), parts(form.annual), strict=True):
        rows.append(["", c.label(label), "", "", c.text(money(a), f"实施期{label}", True),
                     c.label(label), "", c.text(money(b), f"年度{label}", True)])
    return rows


def target_top(budget: Budget, form: TargetForm, c: Cells, room: float) -> RLTable:
    """The form's upper part: names, money, the texts and the 总体目标."""
    unit = budget.unit(form.unit)
    dept = budget.department
    rows: list[list[Cell]] = [
        [c.label(PROJECT.label), c.text(form.project, PROJECT.label), "", "", "", "", "", ""],
        [c.label("主管部门及代码"), c.text(f"{dept.code}-{dept.name}", "主管部门及代码"), "", "",
         c.label("实施单位"), c.text(unit.name if unit else form.unit, "实施单位"), "", ""],
        [c.label(ATTRIBUTE.label), c.text(form.attribute, ATTRIBUTE.label), "", "",
         c.label(PERIOD.label), c.text(form.period, PERIOD.label), "", ""],
        *funds_rows(form, c),
    ]
    for label, value in ((d.label, str(getattr(form, d.path))) for d in TARGET_FORM.texts[:5]):
        for i, piece in enumerate(pieces(value, LONG)):
            name = c.label(label if i == 0 else "（续）")
            rows.append([name, c.text(piece, label), "", "", "", "", "", ""])
    texts_end = len(rows)
    goal = len(rows)
    rows.append([c.label("总体目标"), c.label("实施期目标"), "", "", "", c.label("年度目标"), "", ""])
    goals = list(zip_longest(pieces(form.goal_implementation, LONG // 2),
                             pieces(form.goal_annual, LONG // 2), fillvalue=""))
    for impl, annual in goals:
        rows.append(["", c.text(impl, "实施期目标"), "", "", "", c.text(annual, "年度目标"), "", ""])
    spans: list[tuple[object, ...]] = [
        ("SPAN", (1, 0), (7, 0)), ("SPAN", (1, 1), (3, 1)), ("SPAN", (5, 1), (7, 1)),
        ("SPAN", (1, 2), (3, 2)), ("SPAN", (5, 2), (7, 2)), ("SPAN", (0, 3), (0, 8)),
        ("SPAN", (0, goal), (0, goal + len(goals))),
        ("SPAN", (1, goal), (4, goal)), ("SPAN", (5, goal), (7, goal)),
        ("BACKGROUND", (1, goal), (-1, goal), HEAD_FILL),
    ]
    for r in range(goal + 1, goal + 1 + len(goals)):
        spans += [("SPAN", (1, r), (4, r)), ("SPAN", (5, r), (7, r))]
    for r in range(3, 9):
        spans += [("SPAN", (1, r), (3, r)), ("SPAN", (5, r), (6, r))]
    for r in range(9, texts_end):
        spans.append(("SPAN", (1, r), (7, r)))
    return form_table(rows, spans, widths(room), c.font, 1)


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
    """(一级, 二级, 实施期 indicator, 年度 indicator) rows, grouped in order of first appearance."""
    groups: dict[tuple[str, str], tuple[list[Indicator], list[Indicator]]] = {}
    for ind in indicators:
        impl, annual = groups.setdefault((ind.level1, ind.level2), ([], []))
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


def runs(values: Sequence[str], start: int) -> list[tuple[int, int]]:
    """(first, last) table rows of equal neighbouring values, no run longer than RUN."""
    found: list[tuple[int, int]] = []
    i = 0
    while i < len(values):
        j = i
        while j + 1 < len(values) and values[j + 1] == values[i] and j + 1 - i < RUN:
            j += 1
        found.append((start + i, start + j))
        i = j + 1
    return found


def target_indicators(form: TargetForm, c: Cells, room: float) -> RLTable:
    """The indicators of both periods side by side, with the header repeated on each page."""
    rows: list[list[Cell]] = [
        [c.heading("绩效指标"), c.heading("一级指标"), c.heading("实施期指标"), "", "",
         c.heading("年度指标"), "", ""],
        ["", "", c.heading("二级指标"), c.heading("三级指标"), c.heading("指标值"),
         c.heading("二级指标"), c.heading("三级指标"), c.heading("指标值")],
    ]
    body = indicator_rows(form.indicators)
    commands: list[tuple[object, ...]] = [
        ("SPAN", (0, 0), (0, 1)), ("SPAN", (1, 0), (1, 1)), ("SPAN", (2, 0), (4, 0)),
        ("SPAN", (5, 0), (7, 0)), ("BACKGROUND", (0, 0), (-1, 1), HEAD_FILL),
    ]
    for n, (level1, level2, impl, annual) in enumerate(body, start=1):
        rows.append([
            "", c.text(level1, "一级指标", True), c.text(level2, "二级指标", True),
            c.text(impl.level3 if impl else "", f"实施期第{n}项三级指标"),
            c.text(impl.value if impl else "", f"实施期第{n}项指标值", True),
            c.text(level2, "二级指标", True),
            c.text(annual.level3 if annual else "", f"年度第{n}项三级指标"),
            c.text(annual.value if annual else "", f"年度第{n}项指标值", True)])
    keys1 = [b[0] for b in body]
    keys2 = [f"{b[0]}\t{b[1]}" for b in body]
    for col, keys in ((1, keys1), (2, keys2), (5, keys2)):
        for first, last in runs(keys, 2):
            if last > first:
                commands.append(("SPAN", (col, first), (col, last)))
                for r in range(first + 1, last + 1):
                    rows[r][col] = ""
    end = len(rows)
    rows.append([c.text(f"负责人：{form.manager}", "负责人"), "", c.text(f"经办人：{form.handler}", "经办人"),
                 "", c.text(f"联系电话：{form.phone}", "联系电话"), "",
                 c.text(f"填报日期：{form.filled}", "填报日期"), ""])
    commands += [("SPAN", (0, end), (1, end)), ("SPAN", (2, end), (3, end)),
                 ("SPAN", (4, end), (5, end)), ("SPAN", (6, end), (7, end)),
                 # the footer never starts a page alone with a row or two of indicators
                 ("NOSPLIT", (0, max(2, end - 3)), (-1, end))]
    after: list[tuple[object, ...]] = []
    if end > 2:  # 绩效指标 column: one cell on each page, whatever the rows beside it
        after = [("LINEBELOW", (0, 2), (0, end - 2), 0.5, colors.white),
                 ("LINEBEFORE", (1, 2), (1, end - 1), 0.5, GRID),
                 ("BOX", (0, 0), (-1, -1), 0.5, GRID)]  # each page's part closed at its bottom
    return form_table(rows, [*commands, *after], widths(room), c.font, 2)


def target_form(budget: Budget, form: TargetForm, styles: Styles, rec: Recorder,
                number: int) -> list[Flowable]:
    """One 项目支出绩效目标表."""
    place = f"绩效目标表{number}（{form.project}）"
    c = Cells(styles, rec, place)
    room = frame_width(PORTRAIT)
    return [
        *form_title(budget.texts.form_title.strip() or "项目支出绩效目标表", budget.department.year,
                    styles, rec, place),
        target_top(budget, form, c, room),
        target_indicators(form, c, room),
    ]


def halves(row: int) -> list[tuple[object, ...]]:
    """Spans making a 4-column row two cells wide."""
    return [("SPAN", (0, row), (1, row)), ("SPAN", (2, row), (3, row))]


def department_form(budget: Budget, form: DepartmentForm, styles: Styles, rec: Recorder) -> list[Flowable]:
    """部门整体支出绩效目标申报表."""
    place = "部门整体支出绩效目标申报表"
    c = Cells(styles, rec, place)
    room = frame_width(PORTRAIT)
    w = [room * f for f in (0.2, 0.3, 0.2, 0.3)]
    rows: list[list[Cell]] = [
        [c.label("部门名称"), c.text(budget.department.name, "部门名称"), "", ""],
        [c.heading("部门基本信息"), "", "", ""],
        [c.label("内设职能部门数"), c.text(str(form.divisions), "内设职能部门数", True),
         c.label("所属预算单位数"), c.text(str(form.units), "所属预算单位数", True)],
        [c.label("核定的人员编制数"), c.text(str(form.staff_quota), "核定的人员编制数", True),
         c.label("实际在职人员总数"), c.text(str(form.staff_actual), "实际在职人员总数", True)],
        [c.label("其中：在编人员"), c.text(str(form.staff_in_quota), "在编人员", True),
         c.label("其他人员"), c.text(str(form.staff_other), "其他人员", True)],
        [c.label("部门职责"), c.text(form.duties, "部门职责"), "", ""],
        [c.label("部门战略目标"), c.text(form.strategy, "部门战略目标"), "", ""],
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
    uses = [("基本支出", form.basic), ("项目支出", form.projects), ("", None), ("", None), ("", None),
            ("合计", form.basic + form.projects)]
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
    for n, ind in enumerate(form.indicators, start=1):
        rows.append([c.text(ind.level1, f"第{n}项一级指标", True),
                     c.text(ind.level2, f"第{n}项二级指标", True),
                     c.text(ind.level3, f"第{n}项三级指标"), c.text(ind.value, f"第{n}项指标值", True)])
    spans += [("BACKGROUND", (0, r), (-1, r), HEAD_FILL) for r in heads]
    t = form_table(rows, spans, w, c.font, 1)
    return [*form_title("部门整体支出绩效目标申报表", budget.department.year, styles, rec, place),
            Spacer(0, 2), t]
