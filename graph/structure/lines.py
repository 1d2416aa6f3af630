"""Text → lines, and each line's numbered heading.

In: a document's text. Out: :class:`Line` records (offsets into the text, the printed and the
folded text), a document printed on one line or items run together cut at their numbers
(:func:`physical_lines`), table rows split at ``|`` and tabs (:func:`row_cells`), and the numbered
heading a line opens with (:func:`match_heading`: ``一、``, ``(一)``, ``1.``, ``1.1``, ``(1)``, ``①``, ``第一章``).
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from graph import units as U
from graph.structure import run_together


CN_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}

# Heading styles, in no fixed order: the nesting is learned from the order they appear in.
HEADING_STYLES: tuple[tuple[str, re.Pattern], ...] = (
    ("chapter", re.compile(r"第([一二三四五六七八九十百零〇]+)(?:章|部分|篇|编)\s*")),
    ("article", re.compile(r"第([一二三四五六七八九十百零〇]+)条\s*")),
    ("cn", re.compile(r"([一二三四五六七八九十百]+)\s*[、.．]\s*")),
    ("pcn", re.compile(r"\(([一二三四五六七八九十百]+)\)\s*[、.．]?\s*")),
    ("dec", re.compile(r"(\d{1,2}[.．]\d{1,2})(?![.．]?\d)\s*")),  # 1.1 推进5G网络建设: outline numbers
    # 2.6.1县救灾办:…, the third level of an emergency plan's outline (m11 铜梁 预案, k13 a city's 公共卫生 预案)
    ("dec3", re.compile(r"(\d{1,2}[.．]\d{1,2}[.．]\d{1,2})(?![.．]?\d)\s*")),
    # 2.2022年至2024年扩大…: a year right after the item's number (l83 忻州 2022, f72 昆明 2009 ``1.2009年底前,完成…``)
    ("num", re.compile(r"(\d{1,3})\s*(?:[.．、。](?!\d)|[.．](?=(?:19|20)\d{2}\s*年)|\)(?!\d))\s*")),
    # ⑴…⒇, the single characters Word prints for (1)…(20) (Unicode reads them so: NFKC), are this style too
    ("pnum", re.compile(r"(?:\((\d{1,3})\)|([⑴⑵⑶⑷⑸⑹⑺⑻⑼⑽⑾⑿⒀⒁⒂⒃⒄⒅⒆⒇]))\s*[、.．]?\s*")),
    ("circ", re.compile(r"([①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳])\s*")),
)
STYLE_RANK = {"chapter": 0, "article": 1, "cn": 2, "pcn": 3, "unit": 3.5, "duty": 3.5, "num": 4, "dec": 4.5, "dec3": 4.7, "pnum": 5, "circ": 6}
PLAN_WORDS = ("方案", "计划", "要点", "意见", "规划", "细则", "办法", "纲要", "清单", "举措", "措施", "安排", "分解", "分解表", "分工")
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
CONTENTS_LINE = re.compile(r"^目\s*录$")   # the caption of a table of contents
CONTENTS_LINES_MAX = 200   # lines from the top where a table of contents may stand
CONTENTS_ENTRY_MAX = 40   # characters of an entry of a table of contents (a heading, perhaps with its page)
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
CLOSING_PIPE = re.compile(r"\s*[|｜]\s*$")   # the pipe that closes the one cell of a line


#: an indent of ideographic spaces that a mirror site's wrong encoding printed as question marks
#: (``??(一)提升線上服務友好度。``, g22 普陀 on a 繁體 mirror): read as the indent it was
GARBLED_INDENT = ("??", "？？")


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
            if stripped.startswith(GARBLED_INDENT):
                stripped = stripped.lstrip("?？").lstrip(SPACE_CHARS)
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


LONG_LINE = 400  # characters: a line this long holds a whole document, a section or a page excerpt (~700 characters)
ITEM_AFTER_SENTENCE = re.compile(r"(?<=[。;；!！?？)）])\s*(?=(?:[一二三四五六七八九十]{1,3}、|\d{1,2}[.．、](?!\d)"
                                 r"|第[一二三四五六七八九十]{1,3}[章条]|[(（]\d{1,2}[)）](?=[\u4e00-\u9fa5])))"
                                 r"|(?<=[\u4e00-\u9fa5。;；)）])\s*(?=[(（][一二三四五六七八九十]{1,3}[)）])"
                                 # a line break turned into a space: a heading after a word and a space
                                 r"|(?<=[\u4e00-\u9fa5)）\]】〕:：])[ \u3000]+(?=(?:[一二三四五六七八九十]{1,3}、|\d{1,2}[.．、](?!\d)"
                                 r"|[(（][一二三四五六七八九十]{1,3}[)）])[\u4e00-\u9fa5“])")


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
    one line): a heading (``一、``, ``1.``, ``(1)``, ``第一条``) that follows a sentence end or a closing
    bracket (i23 池州 ``…(市工商质监局牵头负责)(2)完善…``), or a ``(一)``
    that follows a heading's words, starts a line of its own; so does a heading after a word and a
    space, where a Word or PDF file shown as text turned its line breaks into spaces (o01 海盐
    ``…重点工作 1.全县…``, q02 内蒙古 ``(一)增强粮食综合生产能力 1.实施…``) or after a colon and a space
    (v22 山西 ``…负责以下工作: (一)省监察委员会牵头的工作``). Lines of an ordinary length
    are never cut. The pieces join back to ``text`` with the line breaks between them.
    """
    table = None   # a run-together table the line before ended inside
    for raw in text.split("\n"):
        if ("序号" in raw or table) and (found := run_together.table_pieces(raw, table)) is not None:
            pieces, table = found
            yield from pieces
            continue
        table = None if raw.strip() else table
        if len(raw) < LONG_LINE:
            yield from run_on_items(raw)
            continue
        if len(WIDE_GAP.findall(raw)) >= WIDE_GAPS_MIN:
            yield from wide_gap_pieces(raw)
            continue
        start = 0
        for m in ITEM_AFTER_SENTENCE.finditer(raw):
            if m.end() > start:
                yield raw[start:m.end()]
                start = m.end()
        yield raw[start:]


WIDE_GAP = re.compile(r"(?<=\S)[ \u00a0\u3000]{3,}(?=\S)")   # three or more spaces between two words
WIDE_GAPS_MIN = 5   # gaps that make a long line a page's blocks joined with wide gaps


def wide_gap_pieces(raw: str) -> Iterator[str]:
    """A long line whose blocks a page joined with wide gaps, cut at each gap: the gap stays at the
    end of the piece before it, so the pieces join back to ``raw``.

    Family: page text whose paragraphs and table cells were joined on one line, three or more spaces
    apart (g31 重庆 2025 ``…通知   渝府办发〔2025〕27号   …   序号   2025年度工作任务   责任单位   一、…``):
    each block is a line, a table's cells one per line. One real document of this layout was found.
    """
    start = 0
    for m in WIDE_GAP.finditer(raw):
        yield raw[start:m.end()]
        start = m.end()
    yield raw[start:]


def row_cells(raw: str) -> list[tuple[int, int]]:
    """Spans of the cells of a line: the whole line, or its ``|``/tab-separated cells (a cell
    closed by its pipe, ``2.做好…工作。 |``, without the pipe)."""
    if "|" not in raw and "｜" not in raw and "\t" not in raw:
        return [(0, len(raw))]
    separators = CELL_SEPARATOR.findall(raw.strip(SPACE_CHARS))
    if len(separators) < 2:
        closing = CLOSING_PIPE.search(raw)
        return [(0, closing.start())] if len(separators) == 1 and closing and closing.start() else [(0, len(raw))]
    spans, start = [], 0
    for m in CELL_SEPARATOR.finditer(raw):
        if raw[start:m.start()].strip(SPACE_CHARS):
            spans.append((start, m.start()))
        start = m.end()
    if raw[start:].strip(SPACE_CHARS):
        spans.append((start, len(raw)))
    return spans or [(0, len(raw))]


KEY_MARKERS = "★☆▲△◆◇■□●*"
HEADING_START = re.compile(r"[" + re.escape(KEY_MARKERS) + r" ]*(?:第|[一二三四五六七八九十百]|\(|\d|[①-⒇])")


def contents_end(lines: list[Line]) -> int:
    """The line where a table of contents (``目录`` over the headings it lists) ends: its first entry printed
    again, where the body starts; 0 when the document has none, or its first entry is never printed again.

    Family: plans printed with their contents, whose entries read as headings without text and may list the
    annexes (``附件:成员单位职责分工``) that would end the body (g34 嘉定 2025 人员转移安置 预案 ``1.总则`` … ``9.3预案实施``,
    a57 虹口 2025 危险化学品 预案 ``1 总则`` … ``附件``)."""
    caption = next((ln.index for ln in lines[:CONTENTS_LINES_MAX] if CONTENTS_LINE.match(ln.folded.strip())), None)
    if caption is None:
        return 0
    first = next((ln for ln in lines[caption + 1:] if ln.text.strip()), None)
    if first is None:
        return 0
    entry = "".join(first.folded.split())
    again = next((ln.index for ln in lines[first.index + 1:] if "".join(ln.folded.split()) == entry), 0)
    listed = lines[first.index:again]
    return again if all(len(ln.folded.strip()) <= CONTENTS_ENTRY_MAX for ln in listed) else 0   # entries, no prose


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
        if style == "num" and t[m.end() - 1] != "、" and NUMBER_UNIT.match(rest) \
                or style in ("dec", "dec3") and not DEC_TITLE_START.match(rest):  # 2、万元地区生产总值能耗… is item 2
            continue
        number = line.text[skip: m.end()].strip().rstrip("、.．﹒。").strip()
        if style == "circ" or m.lastindex == 2:
            value = (CIRCLED if style == "circ" else PARENTHESIZED).index(m.group(m.lastindex)) + 1
        else:
            value = cn_to_int(re.split("[.．]", m.group(1))[-1])
        return Heading(style, number, value, heading_title(rest), m.end())
    return None


CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
PARENTHESIZED = "⑴⑵⑶⑷⑸⑹⑺⑻⑼⑽⑾⑿⒀⒁⒂⒃⒄⒅⒆⒇"
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
    return t.strip().rstrip(":：;；").strip()


TITLE_END = re.compile(r"[。!?！？]")
TITLE_CLAUSE_END = re.compile(r"[,;:]")

