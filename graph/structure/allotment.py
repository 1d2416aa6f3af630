"""Allotment tables flattened into text, rebuilt as :class:`graph.records.Table` blocks.

A plan that allots its targets to the governments below it prints a table with one row per
county, town or city and one column per figure (``设区市 | 补充耕地面积 | 土地整理规模`` / ``福州市 | 1.27 |
3.5``), the measure of every figure in a line above it (``单位:万亩``, ``面积:万亩``) or in the header
(``降幅目标(%)``). Copied to text, a row comes on one line with its cells separated by spaces
(``万州区 1900 300``), or one cell per line (between pipes, or split from a pipe row; an empty
cell left out). Each row is a task of the government it names (responsible) with one target per
target column; a totals row (``合 计``, ``全市``) is a task with targets and no unit. Where some
columns name a target (``2023年小麦任务面积``) and others do not (``可种植面积``), only the former hold
targets.
"""
from __future__ import annotations

import re
from typing import NamedTuple

from graph import units as U
from graph.measures import is_measure_unit
from graph.records import Cell, SourceText, Table
from graph.structure import tables as T

REGION_NAME = re.compile(r"[\u4e00-\u9fff]{1,8}(?:自治县|自治旗|市|县|区|旗|州|盟|乡|镇|街道)")
FIGURE = re.compile(r"\d+(?:\.\d+)?")
SPACED_ROW = re.compile(r"(\S+)((?:\s+\d+(?:\.\d+)?)+)")   # 万州区 1900 300: a row on one line
MEASURE_LINE = re.compile(r"[^\s:]{0,6}:\s*(\S{1,8})")     # 单位:万亩 · 金额单位:万美元 · 面积:万亩
TARGET_WORDS = re.compile(r"目标|任务|指标|计划")
NAME_MAX = 16
HEADER_WORD_MAX = 24
MIN_ROWS = 3
CELLS_AHEAD = 400


def is_region_column(word: str) -> bool:
    """A header cell naming the column of governments (``设区市``, ``乡镇(农场)``, ``责任单位``)."""
    return U.fold(word) in U.shapes().allotment_columns or T.column_kind(word) == "responsible"


def cells_from(lines: list, i: int) -> list[Cell]:
    """The cells of lines ``i`` on, one per line, a row printed on one line split at its spaces
    (``万州区 1900 300``, and a header ``责任单位 外贸出口目标 实到外资目标`` whose first word names the
    column of governments); blank lines passed over."""
    out: list[Cell] = []
    for ln in lines[i:]:
        text = ln.text
        spaced = SPACED_ROW.fullmatch(text)
        words = list(re.finditer(r"\S+", text))
        if spaced and REGION_NAME.fullmatch(spaced.group(1)) or ln.index == lines[i].index and len(words) > 1 \
                and is_region_column(words[0].group()):
            out.extend(Cell(m.group(), ln.start + m.start(), ln.start + m.end()) for m in words)
        elif text.strip():
            out.append(Cell(text, ln.start, ln.end))
        if len(out) >= CELLS_AHEAD:
            break
    return out


def is_row_name(cell: Cell) -> bool:
    """A cell that can name a row: short words, no figure alone, no sentence."""
    text = U.fold(cell.text)
    return len(text) <= NAME_MAX and not FIGURE.fullmatch(text) and not re.search(r"[。;,、]", text)


class Allotment(NamedTuple):
    """An allotment table as read: its header cells, its rows (name and figures), the measure above it."""

    header: list[Cell]
    rows: list[list[Cell]]
    measure: Cell | None
    end: int   # offset where the table ends


def read_allotment(lines: list, i: int) -> Allotment | None:
    """The allotment table whose header starts on line ``i``, or None: a column of governments'
    header cell, one to eight header cells of figures, then at least three rows of a
    government's name followed by its figures."""
    if not lines[i].text or not is_region_column(re.split(r"\s+", lines[i].text.strip())[0]):
        return None
    cells = cells_from(lines, i)
    k = 1
    while k < min(len(cells), 10) and is_header_cell(cells[k]) \
            and not (k + 1 < len(cells) and FIGURE.fullmatch(cells[k + 1].text)):   # a row's name, then its figures
        k += 1
    header = cells[:k]
    if len(header) < 2:
        return None
    rows: list[list[Cell]] = []
    while k < len(cells) and is_row_name(cells[k]):
        j = k + 1
        while j < len(cells) and j - k < len(header) and FIGURE.fullmatch(cells[j].text):
            j += 1
        if j == k + 1:
            break
        rows.append(cells[k:j])
        k = j
    if sum(1 for r in rows if not is_total(r[0])) < MIN_ROWS:
        return None
    return Allotment(header=header, rows=rows, measure=measure_above(lines, i), end=rows[-1][-1].end)


def is_header_cell(cell: Cell) -> bool:
    """A header cell of a column of figures: a short name, neither a figure nor a column of units."""
    return len(cell.text) <= HEADER_WORD_MAX and not FIGURE.fullmatch(cell.text) and not is_total(cell) \
        and T.column_kind(cell.text) not in ("lead", "cooperating", "number", "deadline")


def is_total(cell: Cell) -> bool:
    return T.TOTALS_CELL.fullmatch(U.fold(cell.text).strip()) is not None


def measure_above(lines: list, i: int) -> Cell | None:
    """The measure printed in a line just above the header (``单位:万亩``), as a cell."""
    for ln in lines[max(0, i - 3):i][::-1]:
        folded = U.fold(ln.text)
        lead = len(folded) - len(folded.lstrip())
        m = MEASURE_LINE.fullmatch(folded.strip())
        if m and is_measure_unit(m.group(1)):
            a, b = lead + m.start(1), lead + m.end(1)
            return Cell(ln.text[a:b], ln.start + a, ln.start + b)
    return None


def target_columns(header: list[Cell]) -> list[bool]:
    """Which columns after the name hold targets: those whose header names a target when some do
    (``2023年小麦任务面积`` beside ``可种植面积``), else every column of figures; never a 备注 column."""
    words = [U.fold(c.text) for c in header[1:]]
    kinds = [T.column_kind(w) for w in words]
    named = [bool(TARGET_WORDS.search(w)) for w in words]
    return [k not in ("note", "progress", "baseline") and (n or not any(named)) for k, n in zip(kinds, named)]


def allotment_table(source: SourceText, found: Allotment) -> tuple[Table, T.Header]:
    """The table block and header of an allotment table: the government's cell read twice, as the
    row's name and as its column of governments (it names the row and carries it: one unit per
    cell, its name as printed), the target columns, and the measure as one cell shared by every
    row, as a merged cell would be."""
    targets = [p for p, t in enumerate(target_columns(found.header), start=1) if t]
    head = found.header[0]
    measure = found.measure or Cell("", head.start, head.start)
    empty = Cell("", head.start, head.start)
    grid = [(head, Cell(head.text, head.start, head.end), *[found.header[p] for p in targets], empty)]
    for row in found.rows:
        name = row[0]
        unit = empty if is_total(name) else Cell(name.text, name.start, name.end)
        figures = [row[p] if p < len(row) else Cell("", name.end, name.end) for p in targets]
        grid.append((name, unit, *figures, measure))
    kinds = ("name", "government", *["target"] * len(targets), "measure")
    header = T.Header(0, 1, kinds, tuple(c.text for c in grid[0]))
    return Table(rows=tuple(grid), start=head.start, end=found.end, kind="text"), header
