"""The publication PDF in the file's profile: title page, 目录, its parts, written atomically."""

from __future__ import annotations

import gc
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Protocol

from reportlab.lib.enums import TA_CENTER
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import CondPageBreak, Flowable, NextPageTemplate, PageBreak, Spacer

from app.compute.tabledef import Table
from app.core.errors import Cancelled, UserError
from app.core.identity import option_matches
from app.core.records import Budget, TargetForm
from app.profiles.outline import CONTENTS, PART, TABLE, TITLE_PAGE, Entry
from app.profiles.registry import profile_of
from app.store.atomic import WriteError, replacing
from reports import subsetcache
from reports.fonts import FontChoice, FontError, Fonts, check_coverage, load_fonts
from reports.pdf_doc import PORTRAIT, Anchor, DisclosureDoc, Para, Styles, TocLine, frame_height, frame_width
from reports.pdf_forms import department_form, department_title, target_form
from reports.pdf_para import Setting
from reports.pdf_save import PageStreams, Window, synced_meanwhile, tables_read_once
from reports.pdf_tables import table_flowables
from reports.pdf_text import Recorder, esc

__all__ = ["Cancelled", "FontChoice", "FontError", "PageStreams", "PdfReadBackError", "PdfWriteError",
           "Window", "synced_meanwhile", "tables_read_once", "write_pdf"]

Progress = Callable[[int, int], None]


class Section(Protocol):
    """A profile's text section (chart and forms_follow are read when it has them)."""

    @property
    def key(self) -> str: ...
    @property
    def heading(self) -> str: ...
    @property
    def paragraphs(self) -> tuple[str, ...]: ...
    @property
    def level(self) -> int: ...


class PdfWriteError(WriteError):
    """The PDF could not be written where asked; the message says why, in plain Chinese."""


class Marked(Para):  # type: ignore[misc]
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
    """Builds the flowables, the 目录 entries and the record of every string drawn, walking the
    profile's outline: title page, 目录, then each part (its tables, or its text sections)."""

    def __init__(self, budget: Budget, fonts: Fonts) -> None:
        self.budget, self.fonts = budget, fonts
        self.profile, self.kind = profile_of(budget)
        self.outline = self.profile.outline(budget, self.kind)
        self.styles = Styles(fonts)
        self.rec = Recorder()
        self.flow: list[Flowable] = []
        self.toc: list[tuple[str, str, int]] = []
        self.figures = 0
        self.parts = 0
        self.tables: list[Table] = []
        self.texts: list[str] = []  # every paragraph of text, in order (for the read-back)

    def marked(self, text: str, style: object, key: str, level: int, toc: bool = True,
               place: str = "", toc_text: str = "") -> Marked:
        self.rec.heading(place or text, text)
        if toc:
            self.toc.append((key, toc_text or text, level))
        return Marked(text, style, key, toc_text or text, level)

    def paragraphs(self, place: str, texts: tuple[str, ...] | list[str]) -> None:
        for n, text in enumerate(texts, start=1):
            self.rec.body(f"{place} 第{n}段", text)
            self.texts.append(text)
            self.flow.append(Setting(text, self.styles.body))

    def page(self, template: str = "portrait") -> None:
        self.flow += [NextPageTemplate(template), PageBreak()]

    def title_page(self, lines: tuple[str, ...]) -> None:
        """The title page's lines, centred: the first at 26 pt, the others at 30 pt (each smaller
        if it would not fit on one line)."""
        s = self.styles
        self.flow.append(Spacer(0, 190))
        for i, line in enumerate(lines):
            self.rec.heading("封面", line)
            size = 26.0 if i == 0 else 30.0
            room = frame_width(PORTRAIT)
            while size > 16 and stringWidth(line, self.fonts.hei, size) > room:
                size -= 1
            if i:
                self.flow.append(Spacer(0, 36))
            self.flow.append(Para(esc(line), s.style(
                "cover-name" if i == 0 else "cover-title", hei=True, size=size,
                leading=size * (38 / 26 if i == 0 else 44 / 30), align=TA_CENTER)))

    def part(self, entry: Entry) -> str:
        self.parts += 1
        key = f"part{self.parts}"
        self.flow.append(self.marked(entry.title, self.styles.part, key, 0))
        return key

    def section(self, prefix: str, section: Section, in_toc: bool, shift: int = 0) -> None:
        level = max(1, section.level - shift)
        style = self.styles.section if level == 1 else self.styles.subsection
        self.flow.append(self.marked(section.heading, style, f"{prefix}{section.key}", level,
                                     toc=in_toc))
        self.section_body(section)

    def section_body(self, section: Section) -> None:
        self.paragraphs(section.heading, section.paragraphs)
        chosen = self.budget.settings.chart_sections
        chart = getattr(section, "chart", None)
        if chart is not None and chart.parts and (not chosen or section.key in chosen):
            from reports.charts import chart_drawing  # reportlab's graphics, only with charts

            self.figures += 1
            self.flow += [Spacer(0, 4), chart_drawing(chart, frame_width(PORTRAIT), self.fonts.song,
                                                      self.fonts.hei, self.rec, self.figures),
                          Spacer(0, 8)]
        if getattr(section, "forms_follow", False):
            self.forms()

    def body(self) -> None:
        """Every part of the outline after the 目录, in order."""
        texts = self.profile.texts(self.budget, self.kind)
        for i, entry in enumerate(self.outline):
            if entry.kind != PART:
                continue
            if entry.content == "tables":
                lines = [e for e in self.outline[i + 1:] if e.kind == TABLE]
                self.table_part(entry, lines)
            else:
                self.text_part(entry, list(texts.get(entry.content, ())))

    def table_part(self, entry: Entry, lines: list[Entry]) -> None:
        """The profile's tables, each on its own page; the part heading on the first one."""
        labels = {e.key: e.title for e in lines}
        for i, table in enumerate(self.profile.tables(self.budget, self.kind)):
            self.tables.append(table)
            name = table.key or str(table.number)
            page, items = table_flowables(table, self.styles, self.rec)
            self.page("portrait" if page == PORTRAIT else "landscape")
            if i == 0:
                self.part(entry)
            label = labels.get(name, table.title)
            key = f"t{name}"
            self.toc.append((key, label, 1))
            first = table.caption or table.title
            items[0] = Marked(first, items[0].style, key, label, 1)
            self.flow += items

    def text_part(self, entry: Entry, parts: list[Section]) -> None:
        """A part of text: its heading, then its sections. A first section keyed as the part's
        content stands for the part (its heading printed, the part's title in the 目录); a section
        headed as the part's title ends prints its paragraphs only."""
        self.page()
        start = shift = 0
        if parts and parts[0].key == entry.content:
            self.parts += 1
            key = f"part{self.parts}"
            self.flow.append(self.marked(parts[0].heading, self.styles.part, key, 0,
                                         toc_text=entry.title))
            self.section_body(parts[0])
            start, shift = 1, parts[0].level
        else:
            key = self.part(entry)
        prefix = f"p{self.parts}-"
        for s in parts[start:]:
            if s.heading and entry.title.endswith(s.heading):
                self.section_body(s)
                continue
            self.section(prefix, s, listed(s) and s.level > shift, shift)

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
        if found:  # the text goes on below the last form where a few lines of it fit
            self.flow += [Spacer(0, 14), CondPageBreak(frame_height(PORTRAIT) * 0.2)]

    def contents(self) -> list[Flowable]:
        """The 目录 page(s): one line per entry, numbers filled in after the build."""
        s = self.styles
        self.rec.heading("目录", "目  录")
        lines: list[Flowable] = [Para("目  录", s.style("toc-title", hei=True, size=20, leading=30,
                                                            align=TA_CENTER, after=12))]
        for key, text, level in self.toc:
            font = self.fonts.hei if level == 0 else self.fonts.song
            lines.append(TocLine(key, text, level, font, 12 if level == 0 else 11))
        return lines


def ordered_targets(budget: Budget) -> list[TargetForm]:
    """Target forms in the user's order (settings.form_order, by project id) first, then in table 12's order
    (unit, then project), then any others as entered."""
    chosen = budget.settings.form_order

    def place(form: TargetForm) -> int:
        return next((i for i, o in enumerate(chosen) if option_matches(o, form)), len(chosen))

    order = {(p.unit, p.name): i for i, p in enumerate(budget.projects)}
    units = {u.code: i for i, u in enumerate(budget.units)}
    return sorted(budget.targets, key=lambda t: (place(t),
                                                 units.get(t.unit, len(units)),
                                                 order.get((t.unit, t.project), len(order))))


def listed(section: Section) -> bool:
    """Whether a section has a 目录 line: every first-level one, and the parts of Shanxi's
    十二、其他说明 (a section may say so itself with an in_toc attribute)."""
    return section.level == 1 or bool(getattr(section, "in_toc", section.key.startswith("12.")))


def build_story(budget: Budget, fonts: Fonts) -> tuple[list[Flowable], list[str], Story]:
    """All flowables in order, the 目录 keys, and the story (its record of every string drawn,
    for the font check; its tables and paragraphs, for the read-back)."""
    story = Story(budget, fonts)
    story.body()
    body = story.flow
    story.flow = []
    front: list[Flowable] = []
    for entry in story.outline:
        if entry.kind == TITLE_PAGE:
            story.title_page(entry.lines or (entry.title,))
            story.page("front")
            front += story.flow
            story.flow = []
        elif entry.kind == CONTENTS:
            front += story.contents()
    return [*front, *body], [key for key, _, _ in story.toc], story


Verify = Callable[[Path, Sequence[Table], Sequence[str]], Sequence[str]]
Expect = Callable[[Sequence[Table], Sequence[str]], None]


class PdfReadBackError(UserError):
    """The written PDF, read back, lacks rows or figures: a renderer fault; nothing was put in place."""

    def __init__(self, faults: Sequence[str]) -> None:
        listed = "\n".join(f"  {i}. {f}" for i, f in enumerate(faults[:20], start=1))
        more = f"\n  ……共 {len(faults)} 处" if len(faults) > 20 else ""
        super().__init__(f"生成的 PDF 读回核对未通过，有 {len(faults)} 处表格行或文字数字读不出来，"
                         f"文件没有写出（不能公开）：\n{listed}{more}\n"
                         "这是本程序排版的问题，不是您的数据有误；请换一种字体重试，或把预算文件发给开发者。")
        self.faults = tuple(faults)


def write_pdf(budget: Budget, out: Path, *, draft: bool = False, fonts: FontChoice | None = None,
              progress: Progress | None = None, cancelled: Callable[[], bool] | None = None,
              verify: Verify | None = None, expect: Expect | None = None) -> None:
    """Write the disclosure to out: all of it or, on any failure, nothing (out left as it was).

    verify(path, tables, paragraphs), if given, reads the written file back (before it is put in
    place) with the tables and text paragraphs as printed and returns what it lacks; anything
    returned is a PdfReadBackError and the file is not put in place. expect(tables, paragraphs),
    if given, is told them as soon as they are known, before the layout (the same objects verify
    is given later), so that a read-back beside the layout can take them in meanwhile.

    Raises FontError (characters the fonts lack, each with its place), PdfWriteError (the target
    cannot be written), PdfReadBackError or Cancelled (cancelled() became true).
    """
    # the layout makes about a million small objects and almost no cycles: the collector's passes
    # over them cost a tenth of its time (the cycles it leaves are collected after)
    enabled = gc.isenabled()
    gc.disable()
    try:
        _write(budget, out, draft=draft, fonts=fonts, progress=progress, cancelled=cancelled,
               verify=verify, expect=expect)
    finally:
        if enabled:
            gc.enable()


def _write(budget: Budget, out: Path, *, draft: bool, fonts: FontChoice | None,
           progress: Progress | None, cancelled: Callable[[], bool] | None,
           verify: Verify | None, expect: Expect | None) -> None:
    out = Path(out)
    loaded = load_fonts(fonts)
    flowables, toc_keys, story = build_story(budget, loaded)
    if expect is not None and verify is not None:
        expect(story.tables, story.texts)
    rec = story.rec
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
    cover = next((e.lines or (e.title,) for e in story.outline if e.kind == TITLE_PAGE), (dept.name,))
    title = f"{''.join(cover[:2])}{'（草稿）' if draft else ''}"  # the cover's words
    try:
        with replacing(out) as temp:
            with temp.open("wb") as stream:
                doc = DisclosureDoc(stream, fonts=loaded, draft=draft, after_flowable=step,
                                    title=title, author=dept.name)
                doc.toc_keys = toc_keys
                doc._doSave = 0
                streams = PageStreams()
                doc.page_shown = streams.shown
                try:
                    doc.build(flowables)
                    doc.fill_toc()
                    with tables_read_once(loaded), streams.used(doc.canv._doc, loaded, subsetcache.current()):
                        doc.canv.save()
                finally:
                    streams.stop()
            if verify is not None:
                with synced_meanwhile(temp):
                    faults = verify(temp, story.tables, story.texts)
                if faults:
                    raise PdfReadBackError(faults)
    except WriteError as exc:
        raise PdfWriteError(str(exc)) from exc
    if progress is not None:
        progress(total, total)
