"""The inspectors' wording rules on one piece of Chinese text: where each fault is, as data.

Each rule takes the text (and the budget year where it matters) and returns Hits: the offset
of the fault in the text, the rule's check name, its severity and a plain Chinese message.
The checks of a budget file (`inspectors`) and `budget-desk inspect` both apply them.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from app.core.findings import Severity

CJK = "\u3400-\u9fff"
_HAN = f"[{CJK}]"
# a closing Chinese quote or bracket counts as Chinese text on either side of a comma
_CHINESE_SIDE = f"[{CJK}“”‘’（）《》【】〔〕、。，；：]"


@dataclass(frozen=True)
class Hit:
    """One fault in a text: where (offset, length), which rule, how serious, in words."""

    offset: int
    length: int
    check: str
    severity: Severity
    message: str


def excerpt(text: str, offset: int, length: int = 1, around: int = 8) -> str:
    """The words around a fault, for a message: "…采购,每年10月…"."""
    start, end = max(0, offset - around), min(len(text), offset + length + around)
    return ("…" if start else "") + text[start:end].replace("\n", " ") + ("…" if end < len(text) else "")


# ---- ASCII punctuation and half-width / full-width mixing ---------------------------------
_ASCII_MARKS = {",": "，", ";": "；", ":": "：", "?": "？", "!": "！"}
# an ASCII mark with Chinese on one side; a digit-comma-digit (1,000) or a time 10:30 is not one
_ASCII_PUNCT = re.compile(
    rf"(?<={_CHINESE_SIDE})[,;:?!]|[,;:?!](?=\s*{_CHINESE_SIDE})|(?<={_HAN})\.(?=\s*(?:{_HAN}|$))")
_FULL_WIDTH_ALNUM = re.compile("[０-９Ａ-Ｚａ-ｚ]+")
_OPEN_CLOSE = re.compile(r"（[^（）()\n]*\)|\([^（）()\n]*）")


def ascii_punctuation(text: str) -> list[Hit]:
    """An ASCII , ; : ? ! (or a sentence-ending .) in Chinese text: the full-width mark is due.

    Not faults: 1,000 and 3.14 (between digits), 10:30, English names and codes ("18Nm", "ISO 9001"),
    "≥95%", dates "2026-12-31" — none has Chinese on either side of the mark.
    """
    hits = []
    for m in _ASCII_PUNCT.finditer(text):
        mark = m.group()
        if mark == "." and _is_list_number(text, m.start()):
            continue
        right = _ASCII_MARKS.get(mark, "。")
        hits.append(Hit(m.start(), 1, "ascii-punctuation", Severity.ERROR,
                        f"中文中用了半角标点“{mark}”，应为全角“{right}”：{excerpt(text, m.start())}"))
    return hits


def _is_list_number(text: str, dot: int) -> bool:
    """"1." before Chinese, as in "1.物业管理…": a list number, not a sentence end."""
    return False if dot == 0 else text[dot - 1].isdigit()


def width_mixing(text: str) -> list[Hit]:
    """Full-width digits or letters (２０２６, ＡＢ) and brackets opened in one width and closed in
    the other（…) — 提示: the document should keep one width."""
    hits = [Hit(m.start(), len(m.group()), "width-mixing", Severity.HINT,
                f"全角数字或字母“{m.group()}”，应与其他数字一样用半角：{excerpt(text, m.start())}")
            for m in _FULL_WIDTH_ALNUM.finditer(text)]
    hits += [Hit(m.start(), len(m.group()), "width-mixing", Severity.HINT,
                 f"括号一半全角一半半角：{excerpt(text, m.start(), len(m.group()))}")
             for m in _OPEN_CLOSE.finditer(text)]
    return hits


# ---- repeated words -----------------------------------------------------------------------
_REPEAT = re.compile(rf"({_HAN}{{2,6}})\1")
_DOUBLED_PARTICLE = re.compile("(的的|了了|和和)")
# ABAB verbs and words that are right twice
_RIGHT_TWICE = {"研究研究", "讨论讨论", "学习学习", "商量商量", "考虑考虑", "休息休息", "检查检查",
                "了解了解", "锻炼锻炼", "活动活动", "打扫打扫", "整理整理", "一个一个", "一批一批",
                "一年一年", "一步一步", "一点一点"}
# a doubled particle that is two words: 目的的, 了了解 (了 + 了解), 的的确
_PARTICLE_OK = ("的的确", "了了解", "了了之", "目的的")


def repeated_words(text: str) -> list[Hit]:
    """A word written twice ("预算预算", "的的"): 错误. Reduplication that is right is not a fault:
    "常常", "人人", "看看" (one character twice), "研究研究", "一步一步"."""
    hits = []
    for m in _REPEAT.finditer(text):
        word = m.group(1)
        if m.group() in _RIGHT_TWICE or len(set(word)) == 1:
            continue
        hits.append(Hit(m.start(), len(m.group()), "repeated-words", Severity.ERROR,
                        f"词语重复“{m.group()}”：{excerpt(text, m.start(), len(m.group()))}"))
    for m in _DOUBLED_PARTICLE.finditer(text):
        if any(text.startswith(ok, max(0, m.start() - k)) for ok in _PARTICLE_OK for k in (0, 1)):
            continue
        if any(h.offset <= m.start() < h.offset + h.length for h in hits):
            continue
        hits.append(Hit(m.start(), 2, "repeated-words", Severity.ERROR,
                        f"字重复“{m.group()}”：{excerpt(text, m.start(), 2)}"))
    return hits


# ---- placeholders and template residue ----------------------------------------------------
_PLACEHOLDER = re.compile(
    r"(?<![A-Za-z])(?:[XxＸｘ]{2,}|[×＊*○]{2,})(?![A-Za-z])"
    r"|待填写|请填写|待补充|此处填写|填写说明|[（(]\s*[）)]"
    r"|增加[（(]减少[）)]|减少[（(]增加[）)]|增长[（(]下降[）)]|下降[（(]增长[）)]|增加持平|增长持平"
    r"|增加[/／]减少|增长[/／]下降")


def placeholders(text: str) -> list[Hit]:
    """Template residue a reader must never see: XX, ××, 待填写, 请填写, "增加（减少）", "增加持平"."""
    return [Hit(m.start(), len(m.group()), "placeholders", Severity.ERROR,
                f"模板残留“{m.group()}”，请填写实际内容：{excerpt(text, m.start(), len(m.group()))}")
            for m in _PLACEHOLDER.finditer(text)]


# ---- years --------------------------------------------------------------------------------
_YEAR = re.compile(r"(?<!\d)((?:19|20)\d{2})(?=\s*年)(?!\s*年\s*\d{1,2}\s*月)")
_QUOTED = re.compile(r"《[^《》]*》|〔[^〔〕]*〕|【[^【】]*】|\[[^\[\]]*\]|[（(]\s*\d{4}\s*[）)]")


def other_years(text: str, year: int) -> list[Hit]:
    """A year in prose that is neither the budget year nor the year before (a copy of an old
    document?) — 提示. Not counted: cited documents 《…》, document numbers 〔2021〕【2024】, dates
    "2014年10月", ranges that reach this year ("2021-2026年")."""
    shielded = {i for m in _QUOTED.finditer(text) for i in range(m.start(), m.end())}
    hits = []
    for m in _YEAR.finditer(text):
        found = int(m.group(1))
        if found in (year, year - 1) or m.start() in shielded:
            continue
        before = text[max(0, m.start() - 6):m.start()]
        if re.search(r"\d{4}\s*[-－—~～至到]\s*$", before):  # the end of a range
            continue
        after = text[m.end():m.end() + 8]
        if re.match(rf"\s*[-－—~～至到]\s*(?:{year}|{year - 1}|{year + 1})", after):
            continue
        if re.match(r"\s*年\s*[-－—~～至到]", after):
            continue
        hits.append(Hit(m.start(), 4, "other-years", Severity.HINT,
                        f"文中出现{found}年（本年为{year}年）：{excerpt(text, m.start(), 5)}；"
                        f"如非引用或日期，可能是沿用往年文字"))
    return hits


# ---- percentages and changes --------------------------------------------------------------
_NUMBER = r"\d[\d,，]*(?:\.\d+)?"
_UNITS_AFTER = "%％‰万亿元个项人次辆台倍家名月日天年户套件条份平方米㎡"
_SHARE_NO_PERCENT = re.compile(
    rf"(?:占(?:[^。，；;,\d%]{{0,8}}?的)?|增长|下降|增幅为?|降幅为?|比重为?)\s*({_NUMBER})(?![\d.,{_UNITS_AFTER}])")
_RISE_ZERO = re.compile(r"(?:增加|增长|减少|下降)\s*(0(?:\.0+)?)\s*(万元|元|亿元|%|％)")


_ZERO_BASE = re.compile(rf"(?:上年(?!结转)|去年)[^。；;]{{0,12}}?为?\s*(?<![\d.,，])0(?:\.0+)?\s*万?元"
                        rf"[^。]{{0,30}}?(增长|下降)\s*({_NUMBER})\s*[%％]")


def percentages(text: str) -> list[Hit]:
    """"占74.80" or "增长65.85" without %: a share or a rate must carry its % — 错误."""
    hits = []
    for m in _SHARE_NO_PERCENT.finditer(text):
        tail = text[m.end(1):m.end(1) + 2]
        if tail.strip().startswith(("个百分点", "百分点", "成")):
            continue
        hits.append(Hit(m.start(1), len(m.group(1)), "percent-sign", Severity.ERROR,
                        f"百分比“{m.group(1)}”缺少%：{excerpt(text, m.start(), len(m.group()))}"))
    return hits


def zero_changes(text: str) -> list[Hit]:
    """"增加0万元" (an increase of nothing) and "增长X%" on a zero base ("上年0万元…增长") — 错误."""
    hits = [Hit(m.start(), len(m.group()), "zero-change", Severity.ERROR,
                f"增减额为零却写“{m.group()}”，应写“与上年持平”：{excerpt(text, m.start(), len(m.group()))}")
            for m in _RISE_ZERO.finditer(text)]
    for m in _ZERO_BASE.finditer(text):
        hits.append(Hit(m.start(1), len(m.group(1)), "zero-change", Severity.ERROR,
                        f"上年数为零，不能计算增减幅度：{excerpt(text, m.start(), len(m.group()))}"))
    return hits


Rule = Callable[[str], list[Hit]]

WORDING: tuple[Rule, ...] = (ascii_punctuation, width_mixing, repeated_words, placeholders,
                             percentages, zero_changes)


def all_hits(text: str, year: int) -> list[Hit]:
    """Every wording rule's hits in the text, in text order."""
    hits = [h for rule in WORDING for h in rule(text)] + other_years(text, year)
    return sorted(hits, key=lambda h: (h.offset, h.check))
