"""Metadata, headings, tasks and annex tables of a plan: the ``structure`` stage.

:func:`parse_plan` reads a :class:`graph.records.SourceText` and returns a
:class:`graph.records.Plan`: the plan's metadata, and every candidate task — each
numbered item of the body (with its section path and the units it names) and each
row of an annex table (rebuilt from cells flattened one per line).
"""
from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache

from graph import regions
from graph import tables as T
from graph import units as U
from graph.records import Plan, PlanMeta, SourceText, Task, UnitMention

CN_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}

# Heading styles, in no fixed order: the nesting is learned from the order they appear in.
HEADING_STYLES: tuple[tuple[str, re.Pattern], ...] = (
    ("chapter", re.compile(r"第([一二三四五六七八九十百零〇]+)(?:章|部分|篇|编)\s*")),
    ("article", re.compile(r"第([一二三四五六七八九十百零〇]+)条\s*")),
    ("cn", re.compile(r"([一二三四五六七八九十百]+)\s*[、.．]\s*")),
    ("pcn", re.compile(r"\(([一二三四五六七八九十百]+)\)\s*[、.．]?\s*")),
    ("dec", re.compile(r"(\d{1,2}[.．]\d{1,2})(?![.．]?\d)\s*")),  # 1.1 推进5G网络建设: outline numbers
    ("num", re.compile(r"(\d{1,3})\s*(?:[.．、。](?!\d)|\)(?!\d))\s*")),
    ("pnum", re.compile(r"\((\d{1,3})\)\s*[、.．]?\s*")),
    ("circ", re.compile(r"([①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳])\s*")),
)
STYLE_RANK = {"chapter": 0, "article": 1, "cn": 2, "pcn": 3, "num": 4, "dec": 4.5, "pnum": 5, "circ": 6}
PLAN_WORDS = ("方案", "计划", "要点", "意见", "规划", "细则", "办法", "纲要", "清单", "举措", "措施", "安排")
STOP_LINE = re.compile(r"^(抄送|抄报|打印本页|关闭窗口|附件\s*\d*[::]?|附表\s*\d*[::]?|相关链接|相关文件|相关阅读|"
                       r"相关稿件|扫一扫|分享到|【打印|【关闭|\[打印|\[关闭)")
DOC_NUMBER_YEAR = re.compile(r"[\[〔［【(（]\s*(?:19|20)\d{2}\s*[\]〕］】)）]\s*第?\s*\d{1,4}\s*号")
DOC_NUMBER = re.compile(r"([\u4e00-\u9fa5]{1,12}" + DOC_NUMBER_YEAR.pattern + ")")
ISSUER_CODE = re.compile(r"[\u4e00-\u9fa5]{1,12}$")
CITED_TITLE = re.compile(r"《([^《》]{4,80})》")
DATE_CN = re.compile(r"((?:19|20)\d{2})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日")
DATE_ISO = re.compile(r"((?:19|20)\d{2})\s*-\s*(\d{1,2})\s*-\s*(\d{1,2})")
PERIOD = re.compile(r"((?:19|20)\d{2})\s*(?:年)?\s*[-—–~至到]+\s*((?:19|20)\d{2})\s*年?")
REGION = re.compile(r"([\u4e00-\u9fa5]{2,6}?(?:自治县|自治州|自治区|特区|新区|县|区|市|旗|盟|省))")
REGION_HEAD_LINES, REGION_TAIL_LINES = 20, 6  # lines read for the region when the title and issuer lack it
NO_TASKS = "no tasks found"
PRINTED_ON = re.compile(DATE_CN.pattern + r"\s*印发$")
LINE_END = re.compile(r"[。;.\s]*(\n|$)")


@dataclass(slots=True)
class Line:
    """A line of the source text with its offsets (``text`` is stripped)."""

    index: int
    start: int
    end: int
    text: str     # stripped, as printed
    folded: str   # stripped, punctuation folded


@dataclass(frozen=True)
class Heading:
    """A numbered heading (possibly with its body on the same line)."""

    style: str
    number: str      # as printed, without trailing punctuation: 一, (一), 1, (1), ①
    value: int
    title: str
    marker_end: int  # offset in the line's text where the title starts


@dataclass
class Item:
    """A numbered item of the body: its heading, own lines and children."""

    heading: Heading
    line: Line
    level: int
    path: tuple[int, ...]
    section: tuple[str, ...]
    body: list[Line] = field(default_factory=list)
    children: int = 0


def cn_to_int(s: str) -> int:
    """Chinese numeral (up to 999) → int: ``十一`` → 11, ``二十三`` → 23."""
    if s.isdigit():
        return int(s)
    total, current = 0, 0
    for ch in s:
        if ch in CN_DIGITS:
            current = CN_DIGITS[ch]
        elif ch == "十":
            total += (current or 1) * 10
            current = 0
        elif ch == "百":
            total += (current or 1) * 100
            current = 0
    return total + current


SPACE_CHARS = " \t\u00a0\u3000\ufeff"
CELL_SEPARATOR = re.compile(r"\s*[|｜\t]\s*")


def split_lines(text: str, folded: str | None = None) -> list[Line]:
    """The lines of ``text`` (``folded``: the same text folded, if at hand) with offsets; blank
    lines are kept (empty ``text``).

    A table row pasted on one line with ``|`` or tab separators (``1|任务|县发改局``) becomes
    one line per cell, as tables are everywhere else.
    """
    lines: list[Line] = []
    folded = U.fold(text) if folded is None else folded  # one character for one: a line's folded text is a slice of it
    pos = 0
    cells_possible = "|" in text or "｜" in text or "\t" in text
    for raw in physical_lines(text):
        if not cells_possible or ("|" not in raw and "｜" not in raw and "\t" not in raw):
            # the usual line, one cell: kept apart from the cells below (sending every line through
            # row_cells costs ~2 % of extraction's instructions, measured)
            stripped = raw.strip(SPACE_CHARS)
            if not stripped:
                start = pos + len(raw)
            else:
                start = pos if stripped[0] == raw[0] else pos + raw.index(stripped)
            end = start + len(stripped)
            lines.append(Line(len(lines), start, end, stripped, folded[start:end]))
            pos += len(raw) + (text[pos + len(raw):pos + len(raw) + 1] == "\n")
            continue
        for a, b in row_cells(raw):
            cell = raw[a:b]
            stripped = cell.strip(SPACE_CHARS)
            start = pos + a + len(cell) - len(cell.lstrip(SPACE_CHARS))
            end = start + len(stripped)
            lines.append(Line(len(lines), start, end, stripped, folded[start:end]))
        pos += len(raw) + (text[pos + len(raw):pos + len(raw) + 1] == "\n")
    return lines


LONG_LINE = 1000  # characters: a line this long holds a whole document or section
ITEM_AFTER_SENTENCE = re.compile(r"(?<=[。;；!！?？)）])\s*(?=(?:[一二三四五六七八九十]{1,3}、|\d{1,2}[.．、](?!\d)"
                                 r"|第[一二三四五六七八九十]{1,3}[章条]))"
                                 r"|(?<=[\u4e00-\u9fa5。;；)）])\s*(?=[(（][一二三四五六七八九十]{1,3}[)）])")


def run_on_items(raw: str) -> list[str]:
    """A line that starts with a numbered item, cut before the items that follow it on the line.

    Family: page excerpts and reposts that run a list's items together
    (``(一)地区生产总值增长11%左右。(省发改委负责)(二)公共财政收入…``, ``1.…。(牵头单位:…)2.…``):
    the next number of the same style, after a sentence end or a closing bracket, starts a line.
    """
    folded = U.fold(raw.strip(SPACE_CHARS))
    if len(folded) < 2 or not HEADING_START.match(folded):
        return [raw]
    h = _heading_of(raw.strip(SPACE_CHARS), folded)
    if h is None or h.style not in RUN_ON_MARKERS:
        return [raw]
    pieces, start, value = [], 0, h.value
    while (m := _next_item(h.style, value + 1).search(raw, start + 1)) is not None:
        pieces.append(raw[start:m.end()])
        start, value = m.end(), value + 1
    pieces.append(raw[start:])
    return pieces


RUN_ON_MARKERS = {"cn": "{n}[、.．]", "pcn": "[(（]{n}[)）]", "num": r"{n}[.．、](?!\d)", "pnum": "[(（]{n}[)）]"}


@lru_cache(maxsize=512)
def _next_item(style: str, value: int) -> re.Pattern:
    """Where item ``value`` of ``style`` starts inside a line: after a sentence end or a bracket."""
    n = str(value) if style in ("num", "pnum") else int_to_cn(value)
    return re.compile(r"(?<=[。;；!！?？)）\]］】])\s*(?=" + RUN_ON_MARKERS[style].format(n=n) + ")")


def int_to_cn(n: int) -> str:
    """1 → 一, 12 → 十二, 20 → 二十, 35 → 三十五 (up to 99)."""
    digits = "零一二三四五六七八九"
    tens, ones = divmod(n, 10)
    return (("" if tens == 1 else digits[tens]) + "十" if tens else "") + (digits[ones] if ones else "")


def physical_lines(text: str) -> Iterator[str]:
    """The lines of ``text``, a document printed on one line cut before each numbered heading.

    Family: crawled policy texts and reposts that lost their line breaks (the whole document on
    one line): a heading (``一、``, ``1.``, ``第一条``) that follows a sentence end, or a ``(一)``
    that follows a heading's words, starts a line of its own. Lines of an ordinary length are never cut. The pieces join back to ``text``
    with the line breaks between them.
    """
    for raw in text.split("\n"):
        if len(raw) < LONG_LINE:
            yield from run_on_items(raw)
            continue
        start = 0
        for m in ITEM_AFTER_SENTENCE.finditer(raw):
            if m.end() > start:
                yield raw[start:m.end()]
                start = m.end()
        yield raw[start:]


def row_cells(raw: str) -> list[tuple[int, int]]:
    """Spans of the cells of a line: the whole line, or its ``|``/tab-separated cells."""
    if ("|" not in raw and "｜" not in raw and "\t" not in raw) or len(CELL_SEPARATOR.findall(raw.strip(SPACE_CHARS))) < 2:
        return [(0, len(raw))]
    spans, start = [], 0
    for m in CELL_SEPARATOR.finditer(raw):
        if raw[start:m.start()].strip(SPACE_CHARS):
            spans.append((start, m.start()))
        start = m.end()
    if raw[start:].strip(SPACE_CHARS):
        spans.append((start, len(raw)))
    return spans or [(0, len(raw))]


KEY_MARKERS = "★☆▲△◆◇■□●*"
HEADING_START = re.compile(r"[" + re.escape(KEY_MARKERS) + r" ]*(?:第|[一二三四五六七八九十百]|\(|\d|[①-⑳])")


def match_heading(line: Line) -> Heading | None:
    """The numbered heading that starts ``line`` (after a key-task marker such as ``★``), if any."""
    if len(line.folded) < 2 or not HEADING_START.match(line.folded):
        return None  # most lines: no need to look further (nor to remember them)
    return _heading_of(line.text, line.folded)


@lru_cache(maxsize=65536)
def _heading_of(text: str, folded: str) -> Heading | None:
    """The heading at the start of a line's printed and folded text (which ``HEADING_START`` matches)."""
    t = folded
    line = Line(0, 0, 0, text, folded)
    skip = len(t) - len(t.lstrip(KEY_MARKERS + " "))
    for style, rx in HEADING_STYLES:
        m = rx.match(t, skip)
        if not m or m.end() >= len(t):
            continue
        rest = line.text[m.end():]
        if style == "num" and NUMBER_UNIT.match(rest) or style == "dec" and not DEC_TITLE_START.match(rest):
            continue
        number = line.text[skip: m.end()].strip().rstrip("、.．。").strip()
        value = CIRCLED.index(m.group(1)) + 1 if style == "circ" else cn_to_int(re.split("[.．]", m.group(1))[-1])
        return Heading(style, number, value, heading_title(rest), m.end())
    return None


CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
# after an outline number (1.1 推进…) a title starts with a word, not a measure (1.5万亩, 3.5%以内)
DEC_TITLE_START = re.compile(r"\s*(?![万亿千百个倍元米吨亩人次家座所条件项台辆户年月日号公])[\u4e00-\u9fa5“\"《]")
NUMBER_UNIT = re.compile(r"\s*[%万亿个年月日号]")  # 1.5万…, 3个…: a number, not a heading


def heading_title(rest: str) -> str:
    """The title part of a heading line: up to the first full stop (or a short clause)."""
    t = rest.strip()
    m = TITLE_END.search(t, 1)
    if m:
        t = t[: m.start()]
    if len(t) > 60:
        m = TITLE_CLAUSE_END.search(U.fold(t), 1)
        t = t[: m.start() if m else 60]
    return t.strip().rstrip(":").strip()


TITLE_END = re.compile(r"[。!?！？]")
TITLE_CLAUSE_END = re.compile(r"[,;:]")


# ---------------------------------------------------------------- metadata

def find_title(lines: list[Line]) -> tuple[str, int, int]:
    """The plan's title and the line indexes it spans (not the covering notice's title)."""
    cited = ""
    for ln in lines[:80]:
        t = ln.folded.replace(" ", "")
        m = re.search(r"关于印发(?:《(.+?)》|(.+?))的?(?:通知|的通知)$", t) or re.search(r"(?:现将|^)《(.+?)》(?:已经|印发|予以|经)", t)
        if m:
            cited = next(g for g in m.groups() if g)
            break
    # a standalone line (or run of short lines) that reads as the plan's title
    for i, ln in enumerate(lines):
        t = ln.folded.replace(" ", "")
        if not t or len(t) > 80 or "。" in t:
            continue
        if cited and t and cited.startswith(t) and len(t) >= min(8, len(cited)):
            j, acc = i, t
            while acc != cited and j + 1 < len(lines):
                nxt = next((k for k in range(j + 1, min(j + 4, len(lines))) if lines[k].folded.strip()), None)
                if nxt is None or not cited.startswith(acc + lines[nxt].folded.replace(" ", "")):
                    break
                j, acc = nxt, acc + lines[nxt].folded.replace(" ", "")
            if acc == cited and not re.search(r"关于印发|通知$|^附件", t):
                return restore_title(cited, lines[i:j + 1]), i, j
    first_heading = next((ln.index for ln in lines if match_heading(ln) and match_heading(ln).style in ("cn", "chapter")), len(lines))
    for i in range(first_heading - 1, -1, -1):
        t = lines[i].folded.replace(" ", "")
        if t and len(t) <= 80 and "。" not in t and (t.endswith(PLAN_WORDS) or re.search(r"(方案|计划|要点|意见|规划)\(?\d{4}", t)) \
                and not re.search(r"关于印发|通知$|^附件|^根据|^为", t):
            j = i
            while j + 1 < len(lines) and re.fullmatch(r"\((?:19|20)\d{2}.{0,8}\)", lines[j + 1].folded.replace(" ", "")):
                j += 1
            start = i
            while start - 1 >= 0 and lines[start - 1].folded and len(lines[start - 1].folded) <= 30 \
                    and not STOP_LINE.match(lines[start - 1].folded) \
                    and "。" not in lines[start - 1].folded and not re.search(r"[::]|通知|日$|^\d", lines[start - 1].folded) \
                    and not lines[start - 1].folded.endswith(PLAN_WORDS):
                start -= 1
                if i - start >= 2:
                    break
            return "".join(l.text.replace(" ", "") for l in lines[start:j + 1]), start, j
    if cited:
        return cited, -1, -1
    return "", -1, -1


def restore_title(folded: str, span: list[Line]) -> str:
    """The printed form of a title found in folded, space-free text."""
    printed = "".join(l.text.replace(" ", "").replace("\u00a0", "") for l in span)
    return printed if len(printed) == len(folded) else folded


DOC_NUMBER_LABEL = re.compile(r"(?:文号|文件编号|发文字号|发文编号)\s*[::|]?\s*\|?\s*(\S+?〔?\S*号)")
SIGNATURE_DATE = re.compile(r"^[ \t\u00a0]*(?:.{2,40}?[ \t\u00a0]*)??((?:19|20)\d{2})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日"
                            r"(?:[ \t\u00a0]*印发)?[ \t\u00a0]*$", re.M)
WRITTEN_DATE = re.compile(r"成文日期[^\n]*?\n?[^\n]*?(?:" + DATE_ISO.pattern + "|" + DATE_CN.pattern + ")")
PUBLISHED_DATE = re.compile(r"(?:发文时间|发布日期|公布日期|发布时间)[^\n]*?(?:" + DATE_ISO.pattern + "|" + DATE_CN.pattern + ")")


def find_doc_number(text: str) -> str:
    """The plan's own document number (``德政办发〔2023〕18号``), not one it cites."""
    m = DOC_NUMBER_LABEL.search(text)
    if m and DOC_NUMBER.search(m.group(1)):
        return DOC_NUMBER.search(m.group(1)).group(1).replace(" ", "")
    for start, number in doc_numbers(text):
        before = text[max(0, start - 2): start]
        if "》" in before or before[-1:] in ("(", "("):
            continue
        return number
    return ""


def doc_numbers(text: str) -> Iterator[tuple[int, str]]:
    """Document numbers (``德政办发〔2023〕18号``) in ``text`` with their offsets: the bracketed
    year is found first, then the issuer's code before it."""
    for m in DOC_NUMBER_YEAR.finditer(text):
        code = ISSUER_CODE.search(text, max(0, m.start() - 12), m.start())
        if code:
            yield code.start(), (code.group(0) + m.group(0)).replace(" ", "")


def signature_line(text: str, lines: list[Line]) -> int:
    """Index of the signature date line (``2023年4月10日`` alone on its line, or after the issuer), or -1."""
    for m in SIGNATURE_DATE.finditer(text):
        line = next((ln.index for ln in lines if ln.start <= m.start(1) <= ln.end), -1)
        if line < 0:
            continue
        printed = lines[line].text.replace(" ", "")
        if DATE_CN.fullmatch(printed) or printed.endswith("印发"):
            return line
    return -1


def find_issue_date(text: str, lines: list[Line], signed: int) -> str:
    """ISO issue date: the 成文日期 field, else the signature date, else a published date."""
    m = WRITTEN_DATE.search(text)
    if m:
        return iso_of_groups(m.groups())
    if signed >= 0:
        return iso_of_groups(DATE_CN.search(lines[signed].text.replace(" ", "")).groups())
    m = PUBLISHED_DATE.search(text, 0, lines[min(29, len(lines) - 1)].end if lines else 0)
    return iso_of_groups(m.groups()) if m else ""


def iso_of_groups(groups: tuple) -> str:
    """ISO date from the first three non-empty groups of a match."""
    y, mo, d = (int(g) for g in [g for g in groups if g][:3])
    return f"{y:04d}-{mo:02d}-{d:02d}"


def find_issuer(lines: list[Line], date_line: int) -> str:
    """The issuing body: the signature above the date line, else a labelled field."""
    if date_line > 0:
        for ln in reversed(lines[max(0, date_line - 8): date_line]):
            t = ln.text.strip()
            if not t or re.fullmatch(r"[((].*代章[))]", t):
                continue
            if len(t) <= 40 and U.unit_shape(U.fold(t)) == 2:
                return t
            break
    for ln in lines[:40]:
        m = re.search(r"(?:发布机构|发文机关|信息来源|发布单位|来源)\s*[::]\s*\|?\s*([^|\s]+)", ln.text)
        if m and U.unit_shape(U.fold(m.group(1))):
            return m.group(1)
    return ""


def find_period(title: str, text: str, issued: str) -> tuple[int | None, int | None]:
    """The plan period: ``(2023—2027年)`` in the title, else its year, else the years it targets."""
    t = U.fold(title)
    m = PERIOD.search(t)
    if m:
        return int(m.group(1)), int(m.group(2))
    m = re.search(r"((?:19|20)\d{2})\s*年", t)
    if m:
        return int(m.group(1)), int(m.group(1))
    targets = [int(y) for y in re.findall(r"到\s*((?:19|20)\d{2})\s*年", text)]
    start = int(issued[:4]) if issued else (min(targets) if targets else None)
    end = max(targets) if targets else start
    if start and end and end < start:
        end = start
    return start, end


def find_region(title: str, issuer: str, head: str = "", tail: str = "") -> tuple[str, str]:
    """The plan's region and the division above it (:mod:`graph.regions`), from its title, its
    issuer, then its first lines (covering notice, page furniture) and its last (signature);
    a name the gazetteer does not know, printed at the start of the title or issuer, as printed."""
    if regions.is_national(issuer, title):
        return "", ""
    info = regions.find_region((title, issuer, head, tail), most_specific_from=2)
    if info:
        return info.name, info.parent
    for text in (title, re.sub(r"^中共", "", issuer)):
        m = REGION.match(text)
        if m:
            return m.group(1), ""
    return "", ""


def find_references(text: str, own_title: str, own_number: str = "") -> tuple[str, ...]:
    """Titles (``《…》``) and document numbers the plan cites, in order, without repeats."""
    own = own_title.replace(" ", "")
    skip = {own_number}
    seen: list[str] = []
    found = [(m.start(), m.group(1).replace(" ", "")) for m in CITED_TITLE.finditer(text)]
    for start, ref in sorted(found + list(doc_numbers(text))):
        if ref and ref != own and ref not in seen and ref not in skip:
            seen.append(ref)
    return tuple(seen)


# ---------------------------------------------------------------- body items

def parse_items(lines: list[Line], start: int, stop: int) -> list[Item]:
    """Numbered items of the body between two line indexes, with section paths."""
    items: list[Item] = []
    styles: list[str] = []
    stack: list[Item] = []
    for ln in lines[start:stop]:
        h = match_heading(ln)
        if h is None:
            if stack and ln.text:
                stack[-1].body.append(ln)
            continue
        if h.style in styles:
            level = styles.index(h.style)
            del styles[level + 1:]
        else:
            # a new style nests below the current one, unless it ranks above a style in use
            # (二、 after items numbered 1. 2. starts a new section, it is not inside item 2)
            level = next((i for i, st in enumerate(styles) if STYLE_RANK[st] > STYLE_RANK[h.style]), len(stack))
            level = min(level, len(stack))
            styles[level:] = [h.style]
        del stack[level:]
        path = tuple(it.heading.value for it in stack) + (h.value,)
        section = tuple(f"{it.heading.number}{'、' if it.heading.style == 'cn' else ''}{it.heading.title}" for it in stack)
        item = Item(h, ln, level, path, section)
        if stack:
            stack[-1].children += 1
        stack.append(item)
        items.append(item)
    return items


def item_units(text: str, offset: int, first_is_lead: bool, marks: str = "*",
               folded: str | None = None) -> tuple[list[UnitMention], int, int]:
    """Units named in an item's text (``folded``: the same text folded, if at hand): labelled
    lists, bracketed lists, role verbs."""
    folded = U.fold(text) if folded is None else folded
    found = U.mentions_from_labels(text, offset, first_is_lead, marks, folded)
    covered = [(m.start, m.end) for m in found]
    for a, b in bracket_groups(folded):
        inner = U.list_before_note(folded[a + 1: b])
        if ":" in inner or any(a <= s - offset < b or s <= offset + a < e for s, e in covered):
            continue
        before = folded[:a].rstrip(" ")
        sentence_start = not before or before[-1] in "。;!?\n"
        line_end = LINE_END.match(folded, b + 1) is not None
        if not (sentence_start or line_end):
            continue
        if U.is_unit_list(inner):
            found.extend(U.mentions_from_list(inner, offset + a + 1, first_is_lead=first_is_lead, lead_marks=marks))
            covered.append((offset + a, offset + b + 1))
    for m in U.mentions_from_prose(text, offset, folded, first_is_lead):
        if not any(s <= m.start < e for s, e in covered):
            found.append(m)
    found.sort(key=lambda m: m.start)
    unique: list[UnitMention] = []
    seen: set[tuple[str, str]] = set()
    for m in found:
        if (m.name, m.role) not in seen:
            seen.add((m.name, m.role))
            unique.append(m)
    if not unique:
        return [], -1, -1
    return unique, min(m.start for m in unique), max(m.end for m in unique)


BRACKET = re.compile(r"[()]")


def bracket_groups(text: str) -> list[tuple[int, int]]:
    """Outermost ``(…)`` groups of a folded text as (open, close) indexes."""
    groups, depth, open_at = [], 0, -1
    for m in BRACKET.finditer(text):
        if m.group() == "(":
            if depth == 0:
                open_at = m.start()
            depth += 1
        elif depth:
            depth -= 1
            if depth == 0:
                groups.append((open_at, m.start()))
    return groups


def body_tasks(source: SourceText, lines: list[Line], start: int, stop: int, first_is_lead: bool,
               marks: str = "*", keys: set[str] | None = None, folded: str | None = None) -> list[Task]:
    """Candidate tasks of the body: every item with text of its own, with the units it names
    (``folded``: the source text folded, if at hand)."""
    folded = U.fold(source.text) if folded is None else folded
    items = parse_items(lines, start, stop)
    first = items[0].line.index if items else stop
    # a goal paragraph before the first heading (总体目标:…, 到2025年,…) is an item of its own
    goals = [ln for ln in lines[start:first] if GOAL_PARAGRAPH.match(ln.folded)]
    for n, ln in enumerate(reversed(goals)):
        title = heading_title(ln.text.split(":")[0].split("：")[0]) if ":" in ln.folded[:8] else heading_title(ln.text)
        items.insert(0, Item(Heading("preamble", "", 0, title, 0), ln, 0, (0, len(goals) - n), (), []))
    found = []
    for it in items:
        begin, end = it.line.start, (it.body[-1] if it.body else it.line).end
        text = source.text[begin:end]
        after_number = begin + it.heading.marker_end  # (一)省监察厅牵头: the number is no part of a name
        mentions, us, ue = item_units(source.text[after_number:end], after_number, first_is_lead, marks,
                                      folded[after_number:end])
        found.append([it, text, mentions, us, ue])
    share_group_units(source.text, found)
    tasks: list[Task] = []
    keys = set() if keys is None else keys
    for it, text, mentions, us, ue in found:
        # a heading with nothing after its title is a section's name, unless it is a sentence
        # (静安: (一)实现全年区级一般公共预算收入同比增长1%。)
        has_text = len(it.line.text) > it.heading.marker_end + len(it.heading.title) + 1 or it.body \
            or it.line.text.endswith("。")
        if not mentions and not has_text:
            continue
        title = it.heading.title
        if it.body and not it.children and SECTION_LEAD.match(title):
            title = heading_title(it.body[0].text)  # (二)省审计厅牵头的工作 / 全面加强审计工作。
        key = "b" + "-".join(map(str, it.path))
        while key in keys:
            key += "x"
        keys.add(key)
        m = DEADLINE_LABEL.search(folded, it.line.start, it.line.start + len(text))
        tasks.append(Task(key=key, source="body", number=it.heading.number, title=title,
                          section=it.section, text=text, start=it.line.start, end=it.line.start + len(text),
                          units=tuple(mentions), deadline=m.group(1).strip() if m else "",
                          units_text=source.text[us:ue] if us >= 0 else "", units_start=us, units_end=ue))
    return tasks


ANNEX_LINE = re.compile(r"附件\s*\d*\s*$")
# a heading that only names who leads the items below it: 省编办牵头的工作, 县示范区管委会牵头工作(8项)
SECTION_LEAD = re.compile(r".{2,30}?(?:牵头|负责)的?工作(?:\(\d+项\))?$")
GOAL_PARAGRAPH = re.compile(r"(?:总体目标|工作目标|主要目标|发展目标|目标任务)\s*[:.]|到\s*(?:19|20)\d{2}\s*年(?:底|末)?\s*,")
DEADLINE_LABEL = re.compile(r"(?:完成时限|完成时间|时间节点|时限)\s*[::]\s*([^;;。)\n]{2,20})")


def share_group_units(text: str, found: list[list]) -> None:
    """Units printed once for a group of items go to every item of the group.

    Two layouts: a heading that names units and only groups its children
    (``(二)提升基层服务能力(责任单位:…)`` then 1., 2., 3.); and a block of label lines
    (``牵头单位:…`` ``配合单位:…``) after the last of several items none of which names units.
    """
    children: dict[int, list[int]] = {}
    for i, (it, *_rest) in enumerate(found):
        for j in range(i - 1, -1, -1):
            if found[j][0].level < it.level:
                children.setdefault(j, []).append(i)
                break
    for parent, kids in children.items():
        it, _, mentions, us, ue = found[parent]
        if mentions and not it.body and all(not found[k][2] for k in kids):
            for k in kids:
                found[k][2:5] = [list(mentions), us, ue]
            found[parent][2:5] = [[], -1, -1]
            continue
        last = found[kids[-1]]
        if len(kids) > 1 and last[2] and all(not found[k][2] for k in kids[:-1]) \
                and all(label_line_at(text, m.start) for m in last[2]):
            for k in kids[:-1]:
                found[k][2:5] = [list(last[2]), last[3], last[4]]
        if mentions and not it.body and all(m.role == "lead" for m in mentions):
            # (三)省编办牵头的工作 then 1., 2. with their partners: the heading names their lead
            for k in kids:
                if not any(m.role == "lead" for m in found[k][2]):
                    kid = found[k]
                    kid[2:5] = [list(mentions) + kid[2], us, max(ue, kid[4])]
            found[parent][2:5] = [[], -1, -1]


def label_line_at(text: str, offset: int) -> bool:
    """True when the unit at ``offset`` sits on a line that starts with a unit label (牵头单位: …)."""
    line_start = text.rfind("\n", 0, offset) + 1
    return U.shapes().label_re.match(U.fold(text[line_start:offset])) is not None


# ---------------------------------------------------------------- the plan

def lead_convention(tasks: list[Task], first_is_lead: bool) -> str:
    """How the document marks leads: column, star, first-listed, text or listed."""
    bases = {m.basis for t in tasks for m in t.units}
    roles = {m.role for t in tasks for m in t.units}
    if "column" in bases:
        return "column"
    if "star" in bases:
        return "star"
    if first_is_lead:
        return "first-listed"
    if "listed" in bases:
        return "listed"
    if "lead" in roles:
        return "text"
    return ""


def parse_plan(source: SourceText) -> Plan:
    """Metadata and candidate tasks of one plan document."""
    folded = U.fold(source.text)  # one character for one: offsets hold in both
    lines = split_lines(source.text, folded)
    title, t0, t1 = find_title(lines)
    first_heading = next((ln.index for ln in lines if match_heading(ln)), len(lines))
    # the body starts after the plan's title; a "title" found below the first heading
    # (an annex's caption, say) must not hide the items above it
    body_start = t1 + 1 if 0 <= t1 < first_heading else (first_heading if first_heading < len(lines) else 0)
    finder = TaskFinder(source, lines, folded)
    body_start = min(body_start, next((ln.index for ln in lines[:body_start] if finder.tables.starts_at(ln.index)),
                                      body_start))
    tasks = finder.tasks(body_start)
    if U.says_responsible_leads(source.text):
        tasks = [responsible_as_lead(t) for t in tasks]
    meta = plan_meta(source, lines, (title, t0, t1), body_start, lead_convention(tasks, finder.first_is_lead))
    warnings = () if tasks else (NO_TASKS,)
    unclosed = [t.number for t in tasks if t.source == "body" and unclosed_unit_bracket(folded[t.start:t.end])]
    if unclosed:
        warnings += (f"unclosed bracket in the unit list of task{'s' if len(unclosed) > 1 else ''} "
                     f"{', '.join(unclosed[:8])}{' …' if len(unclosed) > 8 else ''}",)
    return Plan(source=source, meta=meta, tasks=tuple(tasks), warnings=warnings)


class TaskFinder:
    """The tasks of one document: numbered items of its body, rows of its tables, items of its annexes."""

    def __init__(self, source: SourceText, lines: list[Line], folded: str) -> None:
        self.source, self.lines, self.folded = source, lines, folded
        self.tables = T.DocumentTables(source, lines)
        self.first_is_lead = U.says_first_listed_leads(source.text)
        self.marks = U.lead_marks(source.text)
        self.keys: set[str] = set()

    def tasks(self, body_start: int) -> list[Task]:
        """Every task from ``body_start`` on: the body until an annex, a table or the page's footer,
        then each table or annex, and the numbered prose after a table (三、保障措施…)."""
        lines = self.lines
        body_stop = self._stop(body_start)
        tasks = self._items(body_start, body_stop)
        k, table_index = body_stop, 0
        while k < len(lines):
            found, nxt = self.tables.tasks_from(k, T.Reading(self.first_is_lead, self.marks), table_index)
            annex = next((ln.index for ln in lines[k:nxt] if ANNEX_LINE.match(ln.text)), None) if not found else None
            if annex is not None:  # an annex that lists numbered items, not a table (附件1 / 1.…)
                stop = self._stop(annex + 1)
                found, nxt = self._items(annex + 1, stop), stop
            tasks.extend(found)
            table_index += 1
            if found and nxt < len(lines) and match_heading(lines[nxt]) and not STOP_LINE.match(lines[nxt].text):
                stop = self._stop(nxt + 1)
                tasks.extend(self._items(nxt, stop))
                nxt = stop
            k = max(nxt, k + 1)
        return tasks

    def _stop(self, start: int) -> int:
        """The line where body text that starts at ``start`` ends: an annex, a table or the footer."""
        return next((ln.index for ln in self.lines[start:]
                     if STOP_LINE.match(ln.text) or self.tables.starts_at(ln.index)), len(self.lines))

    def _items(self, start: int, stop: int) -> list[Task]:
        return body_tasks(self.source, self.lines, start, stop, self.first_is_lead, self.marks, self.keys, self.folded)


def plan_meta(source: SourceText, lines: list[Line], title_at: tuple[str, int, int], body_start: int,
              convention: str | None) -> PlanMeta:
    """The plan's metadata: title, region, issuer, number, dates, period, references."""
    title, t0, t1 = title_at
    signed = signature_line(source.text, lines)
    issued = find_issue_date(source.text, lines, signed)
    issuer = find_issuer(lines, signed)
    period = find_period(title, source.text, issued)
    doc_number = find_doc_number(source.text)
    region, parent_region = find_region(title, issuer, "\n".join(ln.text for ln in lines[:REGION_HEAD_LINES]),
                                        "\n".join(ln.text for ln in lines[-REGION_TAIL_LINES:]))
    body = source.text[lines[body_start].start if body_start < len(lines) else 0:]
    return PlanMeta(title=title, region=region, parent_region=parent_region, issuer=issuer, doc_number=doc_number,
                    issued=issued, period_start=period[0], period_end=period[1], lead_convention=convention,
                    references=find_references(body, title, doc_number),
                    title_start=lines[t0].start if t0 >= 0 else -1, title_end=lines[t1].end if t1 >= 0 else -1)


def responsible_as_lead(task: Task) -> Task:
    """A task that names no lead, its responsible units leading: for documents that say so
    (:func:`graph.units.says_responsible_leads`)."""
    if any(m.role == "lead" for m in task.units):
        return task
    units = tuple(dataclasses.replace(m, role="lead") if m.role == "responsible" else m for m in task.units)
    return dataclasses.replace(task, units=units)


def unclosed_unit_bracket(text: str) -> bool:
    """True when a line opens a bracket before a unit label (``(责任单位:…``) and never closes it."""
    if "(" not in text and "（" not in text:
        return False
    for line in U.fold(text).split("\n"):
        for m in U.shapes().label_re.finditer(line):
            opened = line.rfind("(", 0, m.start())
            if opened >= 0 and not line[opened + 1:m.start()].strip() \
                    and line.count("(", opened) > line.count(")", opened):
                return True
    return False
