"""The publication PDF: title, 目录, the four parts and the target forms, written atomically."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from reportlab.lib.enums import TA_CENTER
from reportlab.platypus import CondPageBreak, Flowable, NextPageTemplate, PageBreak, Paragraph, Spacer

from app.core.errors import Cancelled
from app.core.numerals import chinese
from app.core.records import Budget, TargetForm
from app.profiles.shanxi.narrative import (
    Section,
    document_title,
    glossary,
    overview,
    part_titles,
    sections,
)
from app.profiles.shanxi.tables import build_tables
from app.store.atomic import WriteError, replacing
from reports.charts import chart_drawing
from reports.fonts import FontChoice, FontError, Fonts, check_coverage, load_fonts
from reports.pdf_doc import PORTRAIT, Anchor, DisclosureDoc, Styles, TocLine, frame_height, frame_width
from reports.pdf_forms import department_form, department_title, target_form
from reports.pdf_para import Setting
from reports.pdf_tables import table_flowables
from reports.pdf_text import Recorder, esc

__all__ = ["Cancelled", "FontChoice", "FontError", "PdfWriteError", "write_pdf"]

Progress = Callable[[int, int], None]


class PdfWriteError(WriteError):
    """The PDF could not be written where asked; the message says why, in plain Chinese."""


class Marked(Paragraph):  # type: ignore[misc]
    """A heading that is also a link destination, an outline entry and a 目录 page."""

    def __init__(self, text: str, style: object, key: str, title: str, level: int) -> None:
        super().__init__(esc(text), style)
        self.key, self.title, self.level = key, title, level

    def draw(self) -> None:
        canv = self.canv
        canv.bookmarkHorizontal(self.key, 0, self.height)
        canv.addOutlineEntry(self.title, self.key, self.level, closed=self.level >= 1)
        doc = getattr(canv, "_doctemplate", None)
        if isinstance(doc, DisclosureDoc):
            doc.anchor_pages[self.key] = doc.logical_page(canv.getPageNumber())
        super().draw()


class Story:
    """Builds the flowables, the 目录 entries and the record of every string drawn."""

    def __init__(self, budget: Budget, fonts: Fonts) -> None:
        self.budget, self.fonts = budget, fonts
        self.styles = Styles(fonts)
        self.rec = Recorder()
        self.flow: list[Flowable] = []
        self.toc: list[tuple[str, str, int]] = []
        self.figures = 0

    def marked(self, text: str, style: object, key: str, level: int, toc: bool = True,
               place: str = "") -> Marked:
        self.rec.heading(place or text, text)
        if toc:
            self.toc.append((key, text, level))
        return Marked(text, style, key, text, level)

    def paragraphs(self, place: str, texts: tuple[str, ...] | list[str]) -> None:
        for n, text in enumerate(texts, start=1):
            self.rec.body(f"{place} 第{n}段", text)
            self.flow.append(Setting(text, self.styles.body))

    def page(self, template: str = "portrait") -> None:
        self.flow += [NextPageTemplate(template), PageBreak()]

    def title_page(self) -> None:
        dept = self.budget.department
        s = self.styles
        self.rec.heading("封面", dept.name)
        self.rec.heading("封面", document_title(self.budget))
        self.flow += [
            Spacer(0, 190),
            Paragraph(esc(dept.name), s.style("cover-name", hei=True, size=26, leading=38, align=TA_CENTER)),
            Spacer(0, 36),
            Paragraph(esc(document_title(self.budget)),
                      s.style("cover-title", hei=True, size=30, leading=44, align=TA_CENTER)),
        ]

    def part(self, index: int, key: str) -> None:
        title = part_titles(self.budget)[index]
        self.flow.append(self.marked(title, self.styles.part, key, 0))

    def section(self, prefix: str, section: Section, in_toc: bool) -> None:
        style = self.styles.section if section.level == 1 else self.styles.subsection
        self.flow.append(self.marked(section.heading, style, f"{prefix}{section.key}", section.level,
                                     toc=in_toc))
        self.paragraphs(section.heading, section.paragraphs)
        chosen = self.budget.settings.chart_sections
        if section.chart is not None and section.chart.parts and (not chosen or section.key in chosen):
            self.figures += 1
            self.flow += [Spacer(0, 4), chart_drawing(section.chart, frame_width(PORTRAIT), self.fonts.song,
                                                      self.fonts.hei, self.rec, self.figures),
                          Spacer(0, 8)]

    def part_one(self) -> None:
        self.page()
        self.part(0, "part1")
        for s in overview(self.budget):
            self.section("p1-", s, True)

    def part_two(self) -> None:
        for i, table in enumerate(build_tables(self.budget)):
            page, items = table_flowables(table, self.styles, self.rec)
            self.page("portrait" if page == PORTRAIT else "landscape")
            if i == 0:
                self.part(1, "part2")
            label = f"表{chinese(table.number)} {table.title}"
            self.toc.append((f"t{table.number}", label, 1))
            caption = items[0]
            items[0] = Marked(table.caption, caption.style, f"t{table.number}", label, 1)
            self.flow += items

    def part_three(self) -> None:
        self.page()
        self.part(2, "part3")
        for s in sections(self.budget):
            self.section("p3-", s, s.level == 1 or s.key.startswith("12."))
            if s.forms_follow:
                self.forms()

    def forms(self) -> None:
        budget = self.budget
        found = False
        if budget.department_form is not None:
            self.flow.append(CondPageBreak(frame_height(PORTRAIT) * 0.6))
            title = department_title(budget)
            if budget.settings.form_labels:
                self.flow.append(self.marked(f"附件：{title}", self.styles.subsection,
                                             "form-dept", 2, toc=False))
            else:
                self.flow.append(Anchor("form-dept", title, 2))
            self.flow += department_form(budget, budget.department_form, self.styles, self.rec)
            found = True
        for n, form in enumerate(ordered_targets(budget), start=1):
            # a form follows the one before on its page when its top and first group fit there
            heading: Flowable
            if budget.settings.form_labels:
                heading = self.marked(f"附件{n}：{form.project}", self.styles.subsection,
                                      f"form-{n}", 2, toc=False, place=f"绩效目标表{n}")
            else:  # no 附件 line: the bookmark only
                heading = Anchor(f"form-{n}", form.project, 2)
            if not found:
                self.flow.append(CondPageBreak(frame_height(PORTRAIT) * 0.3))
            else:
                self.flow.append(Spacer(0, 10))
            self.flow += target_form(budget, form, self.styles, self.rec, n, [heading])
            found = True
        if found:
            self.page()

    def part_four(self) -> None:
        self.page()
        self.part(3, "part4")
        self.paragraphs("名词解释", glossary(self.budget))

    def contents(self) -> list[Flowable]:
        """The 目录 page(s): one line per entry, numbers filled in after the build."""
        s = self.styles
        self.rec.heading("目录", "目  录")
        lines: list[Flowable] = [Paragraph("目  录", s.style("toc-title", hei=True, size=20, leading=30,
                                                            align=TA_CENTER, after=12))]
        for key, text, level in self.toc:
            font = self.fonts.hei if level == 0 else self.fonts.song
            lines.append(TocLine(key, text, level, font, 12 if level == 0 else 11))
        return lines


def ordered_targets(budget: Budget) -> list[TargetForm]:
    """Target forms in the user's order (settings.form_order) first, then in table 12's order
    (unit, then project), then any others as entered."""
    chosen = {(o.unit, o.project): i for i, o in enumerate(budget.settings.form_order)}
    order = {(p.unit, p.name): i for i, p in enumerate(budget.projects)}
    units = {u.code: i for i, u in enumerate(budget.units)}
    return sorted(budget.targets, key=lambda t: (chosen.get((t.unit, t.project), len(chosen)),
                                                 units.get(t.unit, len(units)),
                                                 order.get((t.unit, t.project), len(order))))


def build_story(budget: Budget, fonts: Fonts) -> tuple[list[Flowable], list[str], Recorder]:
    """All flowables in order, the 目录 keys, and every string drawn (for the font check)."""
    story = Story(budget, fonts)
    story.part_one()
    story.part_two()
    story.part_three()
    story.part_four()
    body = story.flow
    story.flow = []
    story.title_page()
    story.page("front")
    front = [*story.flow, *story.contents()]
    return [*front, *body], [key for key, _, _ in story.toc], story.rec


def write_pdf(budget: Budget, out: Path, *, draft: bool = False, fonts: FontChoice | None = None,
              progress: Progress | None = None, cancelled: Callable[[], bool] | None = None) -> None:
    """Write the disclosure to out: all of it or, on any failure, nothing (out left as it was).

    Raises FontError (characters the fonts lack, each with its place), PdfWriteError (the target
    cannot be written) or Cancelled (cancelled() became true).
    """
    out = Path(out)
    loaded = load_fonts(fonts)
    flowables, toc_keys, rec = build_story(budget, loaded)
    check_coverage(loaded, rec.bodies, rec.headings)
    total = len(flowables)
    done = 0

    def step() -> None:
        nonlocal done
        done += 1
        if cancelled is not None and cancelled():
            raise Cancelled("已取消生成 PDF。")
        if progress is not None:
            progress(min(done, total), total)

    dept = budget.department
    try:
        with replacing(out) as temp, temp.open("wb") as stream:
            doc = DisclosureDoc(stream, fonts=loaded, draft=draft, after_flowable=step,
                                title=f"{dept.name}{document_title(budget)}{'（草稿）' if draft else ''}",
                                author=dept.name)
            doc.toc_keys = toc_keys
            doc._doSave = 0
            doc.build(flowables)
            doc.fill_toc()
            doc.canv.save()
    except WriteError as exc:
        raise PdfWriteError(str(exc)) from exc
    if progress is not None:
        progress(total, total)
