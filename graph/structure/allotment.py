"""Allotment tables flattened into text, rebuilt as :class:`graph.records.Table` blocks.

A plan that allots its targets to the governments below it prints a table with one row per
county or city and one column per target (``设区市 | 补充耕地面积 | 土地整理规模`` / ``福州市 | 1.27 |
3.5``), the measure of every figure in a line above it (``单位:万亩``, ``金额单位:万美元``). Copied to
text, the rows come one per line with their cells separated by spaces (``万州区 1900 300``) or one
cell per line between pipes. Each row is a task of that government (responsible) with one target
per column; a totals row (``合 计``) is a task with targets and no unit.
"""
from __future__ import annotations

import re
from typing import NamedTuple

from graph import units as U
from graph.records import Cell, SourceText, Table
from graph.structure import tables as T

REGION_NAME = re.compile(r"[\u4e00-\u9fff]{1,8}(?:自治县|自治旗|市|县|区|旗|州|盟)")
TOTAL_NAME = re.compile(r"合计|总计|小计|全省|全市|全区|合計|總計")
FIGURE = re.compile(r"\d+(?:\.\d+)?")
MEASURE_LINE = re.compile(r"(?:金额|计量|金額|計量)?(?:单位|單位):\s*(\S{1,6})")
HEADER_WORD_MAX = 16
MIN_ROWS = 3
TOKENS_AHEAD = 600


class Token(NamedTuple):
    """A word of the table (a cell, or a row's cell where spaces separate them) and its line."""

    text: str
    start: int
    end: int
    line: int


def line_tokens(line) -> list[Token]:
    """The words of one line: the whole line when it is a totals cell (``合 计``), else split at spaces."""
    text = line.text
    if TOTAL_NAME.fullmatch(text.replace(" ", "")):
        return [Token(text, line.start, line.end, line.index)]
    return [Token(m.group(), line.start + m.start(), line.start + m.end(), line.index)
            for m in re.finditer(r"\S+", text)]


def tokens_from(lines: list, i: int) -> list[Token]:
    """The words of lines ``i`` on (as many as a table can hold), blank and pipe lines passed over."""
    out: list[Token] = []
    for ln in lines[i:]:
        out.extend(line_tokens(ln))
        if len(out) >= TOKENS_AHEAD:
            break
    return out


def is_region_column(word: str) -> bool:
    """A header word naming the column of governments (``设区市``, ``县(市、区)``, ``责任单位``)."""
    return U.fold(word) in U.shapes().allotment_columns or T.column_kind(word) == "responsible"


def row_name(word: str) -> bool:
    return bool(REGION_NAME.fullmatch(word) or TOTAL_NAME.fullmatch(word.replace(" ", "")))


class Allotment(NamedTuple):
    """An allotment table as read from its words: header words, rows of words, the measure."""

    header: list[Token]
    rows: list[list[Token]]
    measure: Cell | None
    after: int   # the line after the table


def read_allotment(lines: list, i: int) -> Allotment | None:
    """The allotment table whose header starts line ``i``, or None: a region column's header word,
    one to eight target names, then at least three rows of a government's name and one figure per
    target."""
    first = line_tokens(lines[i])
    if not first or not is_region_column(first[0].text):
        return None
    words = tokens_from(lines, i)
    k = 1
    while k < len(words) and k <= 8 and not row_name(words[k].text) and not FIGURE.fullmatch(words[k].text):
        if len(words[k].text) > HEADER_WORD_MAX or T.column_kind(words[k].text) in (*T.UNIT_COLUMNS, "deadline", "number"):
            return None
        k += 1
    width = k
    if width < 2:
        return None
    rows: list[list[Token]] = []
    while k + width <= len(words) and row_name(words[k].text) \
            and all(FIGURE.fullmatch(w.text) for w in words[k + 1:k + width]):
        rows.append(words[k:k + width])
        k += width
    if sum(1 for r in rows if REGION_NAME.fullmatch(r[0].text)) < MIN_ROWS:
        return None
    return Allotment(header=words[:width], rows=rows, measure=measure_above(lines, i), after=rows[-1][-1].line + 1)


def measure_above(lines: list, i: int) -> Cell | None:
    """The measure printed in a line just above the header (``单位:万亩``), as a cell."""
    for ln in lines[max(0, i - 3):i][::-1]:
        folded = U.fold(ln.text)
        lead = len(folded) - len(folded.lstrip())
        m = MEASURE_LINE.fullmatch(folded.strip())
        if m:
            a, b = lead + m.start(1), lead + m.end(1)
            return Cell(ln.text[a:b], ln.start + a, ln.start + b)
    return None


def allotment_table(source: SourceText, found: Allotment) -> tuple[Table, T.Header]:
    """The table block and header of an allotment table: the government's cell read twice, as the
    row's name and as its unit column (it names the row and carries it), the target columns, and
    the measure as one cell shared by every row, as a merged cell would be."""
    cell = lambda t: Cell(t.text, t.start, t.end)  # noqa: E731
    measure = found.measure or Cell("", found.header[0].start, found.header[0].start)
    head = cell(found.header[0])
    grid = [(head, cell(found.header[0]), *[cell(t) for t in found.header[1:]], Cell("单位", measure.start, measure.start))]
    for row in found.rows:
        name = cell(row[0])
        unit = cell(row[0]) if REGION_NAME.fullmatch(row[0].text) else Cell("", name.start, name.start)
        grid.append((name, unit, *[cell(t) for t in row[1:]], measure))
    kinds = ("name", "responsible", *["target"] * (len(found.header) - 1), "measure")
    header = T.Header(0, 1, kinds, tuple(c.text for c in grid[0]))
    return Table(rows=tuple(grid), start=head.start, end=found.rows[-1][-1].end, kind="text"), header
