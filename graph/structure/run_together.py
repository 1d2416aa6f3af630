"""Tables whose cells a copy ran together on one line, cut back into one cell per piece.

Document-sharing sites (文库 copies of Word and PDF files) print a task table with nothing between
its cells: ``序号工作内容目标任务责任单位备注1将…。2021年2月底前,…达90%以上。市委宣传部、市城管委…2完善…``.
:func:`table_pieces` cuts such a line before the header, between the header's words, before each
row number and between a row's text and its units, so that the table is read as the copies that
print a cell per line are (:mod:`graph.structure.table_recovery`).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace

from graph import units as U

#: the header run: 序号 and the column words after it, up to the first row (1…) or section (一、)
HEADER = re.compile(r"序号((?:[\u4e00-\u9fa5]{0,10}?(?:单位|部门|任务|内容|措施|事项|名称|效果|目标|指标|时限|领导|责任人|备注)){2,8})"
                    r"(?=1[\u4e00-\u9fa5]|[一二三四五六七八九十]、)")
HEADER_WORD = re.compile(r"[\u4e00-\u9fa5]{0,10}?(?:单位|部门|任务|内容|措施|事项|名称|效果|目标|指标|时限|领导|责任人|备注)")
BARE_WORDS = ("任务", "内容", "目标", "措施")   # two such words make one (目标|任务 → 目标任务)
UNIT_COLUMN_END = ("单位", "部门")
SECTION = re.compile(r"[一二三四五六七八九十]{1,3}、")
PAGE_MARK = re.compile(r"—\d{1,3}—")   # a page number the copy kept between rows (—2—)
NOT_A_ROW_AFTER = "个万亿千百年月日元米吨亩人次家座所条件项台辆户倍%.．、,"
UNIT_START = "市县区省各州镇乡团"   # where a unit column's first name starts, after text that does not end a sentence


def header_words(run: str) -> list[str]:
    """The column words of a header run (``工作内容目标任务责任单位备注`` → 工作内容, 目标任务, 责任单位, 备注)."""
    words: list[str] = []
    for m in HEADER_WORD.finditer(run):
        if words and m.group() in BARE_WORDS and words[-1] in BARE_WORDS:
            words[-1] += m.group()
        else:
            words.append(m.group())
    return words


@dataclass(frozen=True)
class OpenTable:
    """A run-together table that the line ended inside: its unit columns and the next row's number."""

    unit_columns: int
    number: int


def _names_persons(word: str) -> bool:
    """Whether a column word names persons (分管领导, 责任人), by the table columns' data that ignore them."""
    persons = next(words for kind, words in U.shapes().table_columns if kind == "ignore")
    return any(p in word for p in persons)


def _word_ends(header: re.Match) -> list[int]:
    """Where each column word of a header run ends."""
    ends, at = [], header.start(1)
    for word in header_words(header.group(1)):
        at += len(word)
        ends.append(at)
    return ends


def table_pieces(raw: str, open_table: OpenTable | None = None) -> tuple[list[str], OpenTable] | None:
    """``raw`` cut into the pieces of the table it runs together (the pieces join back to ``raw``),
    or None when it holds no run-together header.

    Family: task tables of Word or PDF files copied by document-sharing sites with their cells run
    together (p43 成都 2021 ``序号工作内容目标任务责任单位备注1将…``, u42 嘉兴 2006
    ``序号主要工作任务第一责任单位主要责任单位一、主要发展指标1地区生产总值…``): rows are found by their
    numbers in order, a row's units as the longest end of it that is a list of units; of two unit
    columns, the first holds the names before the first place where two names meet with nothing
    between them (``市发展改革委各县(市、区)政府、…`` → 市发展改革委 | 各县…; the u42 annotator reads
    ``市发展改革委市经贸委市规划建设局、…`` as two leads). A table with a leader's column is left as it
    is: the leader's name runs into the unit names (b01 钟楼 2021 ``…4580个。何海平教育局经开区…``)."""
    header = HEADER.search(raw) if "序号" in raw else None
    if header is not None:
        words = header_words(header.group(1))
        table = OpenTable(unit_columns=sum(w.endswith(UNIT_COLUMN_END) for w in words), number=1)
        if not table.unit_columns or any(_names_persons(w) for w in words):
            return None   # a leader's name runs into the unit names (b01 钟楼 ``…。何海平教育局经开区…``): left as it is
        cuts = [header.start(), header.start() + 2, *_word_ends(header)]
        start = header.end()
    elif open_table is not None:   # the next line of the copy (a page of it) goes on with the rows
        table, cuts, start = open_table, [], 0
    else:
        return None
    rows, number = _row_cuts(raw, start, table)
    if header is None and not rows:
        return None
    cuts = sorted(set(c for c in cuts + rows if 0 < c < len(raw)))
    return [raw[a:b] for a, b in zip([0, *cuts], [*cuts, len(raw)])], replace(table, number=number)


def _row_cuts(raw: str, start: int, table: OpenTable) -> tuple[list[int], int]:
    """Where the rows after ``start`` start (each row's number a piece), and their cells; with the
    number the next row would have."""
    number = table.number
    row = _next_row(raw, start, number)
    if row is None:
        return [], number
    cuts = [start]   # a section heading before the first row (一、主要发展指标1…) is a piece of its own
    while True:
        nxt = _next_row(raw, row + len(str(number)), number + 1)
        end = nxt if nxt is not None else len(raw)
        body = row + len(str(number))
        cuts += [row, body, *_cell_cuts(raw, body, end, table)]
        if nxt is None:
            return cuts, number + 1
        row, number = nxt, number + 1


def _next_row(raw: str, pos: int, number: int) -> int | None:
    """Where row ``number`` starts at or after ``pos``: its number, not part of a longer one, nor a
    figure's (2月, 12%), followed by the row's words."""
    pattern = re.compile(rf"(?<!\d){number}(?=[\u4e00-\u9fa5])")
    for m in pattern.finditer(raw, pos):
        if raw[m.end()] not in NOT_A_ROW_AFTER:
            return m.start()
    return None


def _cell_cuts(raw: str, start: int, end: int, table: OpenTable) -> list[int]:
    """The cuts inside one row ``raw[start:end]``: before a section heading or page number that
    closes it, between its text and its units, and between its unit columns."""
    cuts: list[int] = []
    for m in PAGE_MARK.finditer(raw, start, end):
        cuts.append(m.start())
        end = min(end, m.start())
    for m in SECTION.finditer(raw, start, end):   # after the row's units (统一、规范 is no section)
        if m.start() > start and _units_start(raw, start, m.start()) is not None:
            cuts.append(m.start())
            end = m.start()
            break
    units_at = _units_start(raw, start, end)
    if units_at is None:
        return cuts
    cuts.append(units_at)
    if table.unit_columns > 1:
        cuts += _second_column(raw, units_at, end)
    return cuts


def _units_start(raw: str, start: int, end: int) -> int | None:
    """Where the row's units begin: after its last full stop when what follows is units, else, in
    a row with no full stop, at the earliest name start from which all are units."""
    cell = raw[start:end]
    stop = cell.rfind("。")
    if stop >= 0:
        after = start + stop + 1
        if after < end and U.is_unit_list(raw[after:end]):
            return after
        return None
    for i, ch in enumerate(cell):
        if i and ch in UNIT_START and U.is_unit_list(cell[i:]):
            return start + i
    return None


def _second_column(raw: str, start: int, end: int) -> list[int]:
    """The cut before the second unit column: the first place where two names meet with nothing
    between them."""
    names = [r for r in U.split_raw(U.fold(raw[start:end]), start) if r.name]
    meets = [b.start for a, b in zip(names, names[1:]) if a.end == b.start]
    return meets[:1]
