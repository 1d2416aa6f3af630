"""Tables flattened into text, rebuilt as :class:`graph.records.Table` blocks.

A table copied out of a Word file, a PDF or a web page loses its grid: its cells come one per
line (blank lines between cells, empty cells missing or blank), or a row on one line with ``|``
or tab separators (which :func:`graph.structure.lines.split_lines` already splits into cells). This
module only rebuilds the grid — the header row (found by its column names, with
:func:`graph.tables.column_kind` and :func:`graph.tables.is_header`), the rows (from their
序号, or where text is followed by the units it assigns), each cell put under the column that
accepts what it holds — and hands the block to the one table reader, :mod:`graph.tables`.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import NamedTuple

from graph import units as U
from graph.measures import is_measure_unit
from graph.records import Cell, SourceText, Table
from graph.structure import tables as T
from graph.structure.lines import DATE_CN, PRINTED_ON, STOP_LINE, Line, match_heading

#: Which cell kinds (:func:`graph.tables.cell_kind`) each column role accepts.
ACCEPTS = {"name": {"text", "short"}, "text": {"text", "short"}, "note": {"text", "short", "deadline"},
           "deadline": {"deadline"}, "lead": {"units"}, "cooperating": {"units"}, "responsible": {"units"},
           "ignore": {"short"}, "assessor": {"units"}, "progress": {"short", "number", "text"}, "count": {"short", "text", "number"}, "category": {"short"}, "place": {"short", "units"}, "number": {"number"},
           "measure": {"short", "measure"},
           "baseline": {"number", "short"}, "target": {"number", "short"}}

HEADER_MAX_CELLS = 10


PIPE_END = re.compile(r"\s*[|｜]+$")


def cell_lines(lines: list) -> list:
    """The lines read as table cells: a cell copied from a web table keeps the ``|`` that closed
    it (``序号 |``, ``区住建局 |``) and an empty or merged cell is left as pipes alone (``||||``);
    those pipes are dropped (b03 南昌新建区, b04 洋县 copies). Copies that print the pipe before
    each cell instead are read by :func:`leading_pipe_cells`. Other lines are as they are; the
    list keeps the lines' indexes and offsets."""
    if leading_pipes(lines):
        return leading_pipe_cells(lines)
    if not any(ln.text.endswith(("|", "｜")) for ln in lines):
        return lines
    out = []
    for ln in lines:
        if ln.text.endswith(("|", "｜")):
            text = PIPE_END.sub("", ln.text)
            out.append(Line(ln.index, ln.start, ln.start + len(text), text, ln.folded[:len(text)]))
        else:
            out.append(ln)
    return out


PIPES_ONLY = re.compile(r"^[|｜]+$")
LEADING_PIPE = re.compile(r"^[|｜]\s*(?=\S)")


def leading_pipes(lines: list) -> bool:
    """Whether the copy prints the pipe before each cell (``| 目标任务``), a pipe alone ending each row."""
    opened = sum(1 for ln in lines if LEADING_PIPE.match(ln.text))
    closed = sum(1 for ln in lines if ln.text.endswith(("|", "｜")) and len(ln.text) > 1)
    return opened >= 3 and closed == 0 and any(PIPES_ONLY.match(ln.text) for ln in lines)


def leading_pipe_cells(lines: list) -> list:
    """The cells of a web table copied with the pipe before each cell: ``| X`` is the cell X; the
    first cell of a row has no pipe, and a short cell broken over lines (a name printed a few
    characters per line in a narrow merged cell: ``市政`` ``府办`` ``公厅``) is one cell, read as
    one name by :mod:`graph.units`. Pipes alone become blank lines: they end the rows (:func:`pipe_row_ends`).

    Family: tables of web pages rendered to text with the cell separator first (v01 长沙, whose
    lead cells span rows); other lines are as they are."""
    out: list = []
    k = 0
    while k < len(lines):
        ln = lines[k]
        m = LEADING_PIPE.match(ln.text)
        if PIPES_ONLY.match(ln.text):
            out.append(Line(ln.index, ln.start, ln.start, "", ""))
            k += 1
            continue
        if m:
            text = ln.text[m.end():]
            out.append(Line(ln.index, ln.end - len(text), ln.end, text, ln.folded[m.end():]))
            k += 1
            continue
        run = k
        while run < len(lines) and 0 < len(lines[run].text) <= U.FRAGMENT_MAX \
                and not PIPES_ONLY.match(lines[run].text):
            run += 1
        ends_in_cell = run < len(lines) and LEADING_PIPE.match(lines[run].text)
        if run - k >= 2 and ends_in_cell and (k == 0 or PIPES_ONLY.match(lines[k - 1].text)):
            part = lines[k:run]
            out.append(Line(ln.index, ln.start, part[-1].end, "\n".join(p.text for p in part),
                            "\n".join(p.folded for p in part)))
            out.extend(Line(p.index, p.end, p.end, "", "") for p in part[1:])
            k = run
            continue
        out.append(ln)
        k += 1
    return out


def pipe_row_ends(lines: list, text: str = "") -> frozenset[int]:
    """Indexes of the lines that end a row of a web table copied cell by cell: a line of pipes
    alone (``||||``, one pipe for each cell the row lacks) after a cell closed by its own pipe
    (b03 新建区 ``区城投 |`` then ``|``; s06 吴江 ``★区工信局、统计局`` ``|`` then ``||``), or
    any pipe alone when the copy prints pipes before the cells (:func:`leading_pipes`); in a
    table copied a row per line (``text``: the document, see :func:`line_row_ends`), the last
    cell of each row."""
    if leading_pipes(lines):
        return frozenset(ln.index for ln in lines if PIPES_ONLY.match(ln.text))
    ends = set(line_row_ends(lines, text)) if "|" in text or "｜" in text else set()
    for k in range(1, len(lines)):
        cell, above = lines[k].text.strip(), lines[k - 1].text.strip()
        closed = above.endswith(("|", "｜")) or (text and CLOSING_PIPE_AFTER.match(text, lines[k - 1].end))
        if PIPES_ONLY.match(cell) and closed and (len(cell) > 1 or len(above) > 1):
            ends.add(lines[k].index)
    return frozenset(ends)


CLOSING_PIPE_AFTER = re.compile(r"[ \t\u3000]*[|｜]")   # the pipe that closed a cell, left out of its line


def find_header(lines: list, start: int) -> tuple[int, int, list[str]] | None:
    """The next header row of a flattened table (cells one per line) at or after ``start``:
    (first line, last line, column roles)."""
    i = start
    while i < len(lines):
        cells, j = [], i  # each cell: the positions of its one or two lines
        while j < len(lines) and (not lines[j].text or T.column_kind(lines[j].text)
                                  or broken_header_end(lines, j) is not None):
            if lines[j].text:
                cells.append(header_cell(lines, j))
                j = cells[-1][-1]
            j += 1
            if len(cells) >= HEADER_MAX_CELLS:
                break
        names = [header_text([lines[p] for p in c]) for c in cells]
        kinds = [T.column_kind(n) for n in names]
        # a table's title line may read like a header cell (主要指标): the header starts after it
        while len(kinds) > 2 and kinds[0] in kinds[1:] and kinds[0] in ("name", "text"):
            kinds.pop(0)
            cells.pop(0)
            names.pop(0)
        group_cells = first_row_group_cells(kinds, lines, j)
        if group_cells:
            del cells[-group_cells:], names[-group_cells:], kinds[-group_cells:]
        if T.is_header(T.settle_kinds(kinds, names), names):  # 牵头单位 | 目标任务 | 责任单位: 目标任务 is the task
            return cells[0][0], cells[-1][-1], kinds
        i = max(j, i + 1)
    return None


def first_row_group_cells(kinds: list, lines: list, after: int) -> int:
    """How many of the header's last cells are the first row's cells before its 序号.

    Family: tables whose 序号 is not their first column (分类 | 序号 | 事项 | 责任单位 | 牵头单位),
    copied one cell per line; the first row's group cell, merged down its rows, comes between the
    header and the row's number, and when it reads like a column name (``发展目标``) it would be
    taken for one more header cell. The number of cells before 序号 in the header is the number of
    such cells, when the line after them numbers a row and the header left keeps two columns after its 序号.
    """
    before = kinds.index("number") if "number" in kinds else 0
    if not before or after >= len(lines) or not T.ROW_NUMBER.match(lines[after].folded):
        return 0
    after_number = len(kinds) - before - (before + 1)   # the header's columns after 序号, the row's cells left out
    return before if after_number >= 2 else 0


def header_cell(lines: list, j: int, last: int | None = None) -> list[int]:
    """The positions of the header cell that starts at line ``j``: ``[j]``, or ``[j, k]`` for a cell
    broken over two lines (:func:`broken_header_end`) that ends at ``k`` (no later than ``last``)."""
    end = broken_header_end(lines, j)
    return [j] if end is None or (last is not None and end > last) else [j, end]


#: the second line of a header cell broken over two lines: 市政府 / 分管领导 (f02 广州), 责任 / 领导 and
#: 责任 / 科室 (j06 泗洲头), 第二季度 / 完成情况 (j06)
HEADER_TAILS = frozenset({"领导", "分管领导", "科室", "单位", "部门", "完成情况"})
HEADER_HEADS = frozenset({"责任", "牵头", "配合", "协同", "分管", "主要"})  # words that never head a column alone
HEAD_ENDINGS = tuple(sorted(HEADER_HEADS))


def broken_header_end(lines: list, j: int) -> int | None:
    """The line that ends a header cell printed over two lines from line ``j`` (``市政府`` then
    ``分管领导``), or None: the first line is no header word or only a role's first word, the
    second one of :data:`HEADER_TAILS`, and the two read as a column header."""
    first = lines[j].text.replace(" ", "")
    k = next((k for k in range(j + 1, min(j + 3, len(lines))) if lines[k].text), None)
    if k is None or len(first) > 6 or lines[k].text.replace(" ", "") not in HEADER_TAILS:
        return None
    if T.column_kind(first) is not None and first not in HEADER_HEADS:
        return None
    return k if T.column_kind(first + lines[k].text.replace(" ", "")) else None


def header_text(cell: list) -> str:
    """The words of a header cell printed on one or two lines."""
    return "".join(ln.text.replace(" ", "") for ln in cell) if len(cell) > 1 else cell[0].text


def header_groups(lines: list, h0: int, h1: int) -> list[list]:
    """The header's cells between lines ``h0`` and ``h1``, a cell broken over two lines as one."""
    cells, j = [], h0
    while j <= h1:
        if lines[j].text:
            positions = header_cell(lines, j, h1)
            cells.append([lines[p] for p in positions])
            j = positions[-1]
        j += 1
    return cells


HEADER_WINDOW = 14  # lines: a header row (cells one per line, blanks between) fits in these


def starts_table(lines: list, index: int) -> bool:
    """True when the header row of a flattened table starts at line ``index``."""
    if not T.column_kind(lines[index].text):
        return False
    found = find_header(lines[index: index + HEADER_WINDOW], 0)
    return bool(found) and found[0] == 0


def caption(lines: list, h0: int) -> tuple[str, ...]:
    """The table's caption printed on a line above its header (``附件:…任务分解表``), as a section."""
    title_line = next((lines[k] for k in range(h0 - 1, max(-1, h0 - 5), -1)
                       if lines[k].text and not re.match(r"[((注]", lines[k].folded)), None)
    return (title_line.text,) if title_line and not STOP_LINE.match(title_line.text) \
        and len(title_line.text) < 60 else ()


class Row(NamedTuple):
    """A row of a flattened table: its 序号 line (or None), its cell lines, the section lines above it."""

    number: object
    cells: list
    section: tuple
    sub_item: bool = False  # a numbered sub-item split off a row: its name is the row's


def recover_table(source: SourceText, lines: list, start: int,
                  row_ends: frozenset[int] = frozenset()) -> tuple[Table | None, T.Header | None, int]:
    """The next flattened table at or after line ``start`` as a Table block (kind ``text``), its
    header, and the line after it; (None, None, len(lines)) when there is none. ``row_ends``: the
    lines that end a row (:func:`pipe_row_ends`), when the copy marks them."""
    found = find_header(lines, start)
    if not found:
        return None, None, len(lines)
    h0, h1, kinds = found
    piped = any(i in row_ends for i in range(lines[h1].index, lines[h1].index + 4))
    unnamed = unnamed_header_cells(source.text, lines, h0) if piped else 0
    kinds = [T.column_kind(ln.text) or "category" for ln in lines[h0 - unnamed:h0]] + list(kinds)
    h0 -= unnamed
    groups = header_groups(lines, h0, h1)
    kinds = T.settle_kinds(kinds, [header_text(c) for c in groups])
    columns = [k for k in kinds if k != "number"]
    body, breaks, end = table_body(lines, h1 + 1, row_ends if piped else frozenset(), source.text if piped else "")
    if piped:
        rows = piped_rows(body, breaks, source.text)
        if rows and second_header_row(rows[0]):
            rows = rows[1:]
    elif any(T.ROW_NUMBER.match(ln.folded) for ln, _ in body[: 3 * len(columns) + 3]):
        rows = numbered_rows(body, 3 if "target" in columns else 1, len(columns))
    else:
        rows = cycled_rows(body)
    rows = [sub for row in rows for sub in split_sub_items(row)]
    header_cells = [Cell(header_text(c), c[0].start, c[-1].end) for c in groups]
    grid, last = grid_of(rows, kinds, header_cells, lines[h1].end, piped)
    header = T.Header(0, 1, tuple(kinds), tuple(c.text for c in header_cells))
    return Table(rows=tuple(grid), start=lines[h0].start, end=last, kind="text"), header, end


def line_row_ends(lines: list, text: str) -> list[int]:
    """Indexes of the last cells of the rows of a web table copied a row per line with pipes
    between its cells (``教育民生 | 做好… | 学生处,各高等学校 |``), which the lines hold one
    cell each (graph.structure.lines): a cell is a row's last when a line break follows it and
    another cell of its line precedes it.

    Family: tables of pages saved as text, a row per line, where a cell merged over rows is
    printed only in its first row and the rows under it are short (o22 山东教育厅 ``推进义务教育…
    | 基教处,各市教育(教体)局 | |``, n21 新昌 ``2021.8 | 城投集团 | ||``; a row of one cell closed by
    its pipe, b42 台山 ``2.做好…主动公开工作。 |``): knowing where each row ends lets the short rows
    take the merged cells from the row above."""
    ends, lone = [], []
    for k in range(len(lines)):
        after = text[lines[k].end:lines[k + 1].start if k + 1 < len(lines) else len(text)]
        if "\n" not in after and k + 1 < len(lines):
            continue
        if k and same_printed_row(text, lines[k - 1], lines[k]):
            ends.append(lines[k].index)
        elif LONE_PIPED_CELL.match(after):
            lone.append(lines[k].index)
    # lone cells end rows only where most rows are printed a row per line (not a cell per line)
    return sorted(ends + lone) if len(ends) > len(lone) else ends


#: what follows a cell printed alone on its line and closed by a pipe (``2.做好…归集整理和主动公开工作。 |``,
#: b42 台山: a short row under cells merged over it) or by the pipes of its empty cells (``一、主要预期目标 | |||``,
#: i41 芜湖: a section row)
LONE_PIPED_CELL = re.compile(r"[ \t\u3000]*(?:[|｜][ \t\u3000]*)+\n")


def same_printed_row(text: str, left, right) -> bool:
    """Whether two cell lines were printed on one line, a pipe between them."""
    between = text[left.end:right.start]
    return "\n" not in between and ("|" in between or "｜" in between)


def unnamed_header_cells(text: str, lines: list, h0: int) -> int:
    """How many cells precede line ``h0`` on its printed line, in a header copied a row per line:
    the header's leading cells, which :func:`find_header` may have left out as naming no role
    (``工作要点 | 具体要求 | 任务分工``, o22 山东教育厅: a column grouping the rows) or as a title
    (``项目名称 | 工作任务 | …``, n21 新昌)."""
    n = h0
    while n > 0 and lines[n - 1].text and same_printed_row(text, lines[n - 1], lines[n]):
        n -= 1
    return h0 - n


def table_body(lines: list, first: int, row_ends: frozenset[int],
               text: str = "") -> tuple[list[tuple[object, tuple]], set[int], int]:
    """The cell lines of a table from line ``first`` on, each with the section lines above it;
    the body positions where a row marked by pipes starts; and the line after the table (the
    next table, the page's footer or signature, or a numbered paragraph of prose — not a cell
    printed on one line with the next, ``text`` given: ``一、做好财政信息公开。 | 1.积极推进… |``)."""
    body: list[tuple[object, tuple]] = []
    breaks: set[int] = set()
    section: list = []
    for k in range(first, len(lines)):
        ln = lines[k]
        if not ln.text:
            if ln.index in row_ends:
                breaks.add(len(body))
            continue
        if starts_table(lines, k) or STOP_LINE.match(ln.text) or PRINTED_ON.search(ln.text) or signs_off(lines, k) \
                or PAGE_PANEL.match(ln.text):
            return body, breaks, k
        h = match_heading(ln)
        if h and h.style in ("cn", "pcn", "chapter", "article") and (len(ln.text) > 50 or "。" in ln.text) \
                and not numbers_a_row(lines, k + 1) and not item_with_units_below(lines, k + 1) \
                and not (text and k + 1 < len(lines) and same_printed_row(text, ln, lines[k + 1])):
            return body, breaks, k
        if h and h.style in ("cn", "pcn", "chapter") and not row_ends:  # a section heading between rows
            styles = [match_heading(s).style for s in section]
            if h.style in styles:
                del section[styles.index(h.style):]
            section.append(ln)
            continue
        body.append((ln, tuple(section)))
        if ln.index in row_ends:   # a row copied on one line ends with this cell
            breaks.add(len(body))
    return body, breaks, len(lines)


#: the fields of a government page's information panel (索引号: | … | 成文日期: …), printed after the
#: document on some sites (e13 招远): the table has ended
PAGE_PANEL = re.compile(r"^(?:索引号|索引號|发布机构|發佈機構|成文日期|发文机关|主题分类|主題分類)\s*[::]")


def item_with_units_below(lines: list, k: int) -> bool:
    """True when the first line with text from ``k`` on is a numbered item (``1.加大…``) and a cell of
    units follows it within two cells: a section row of a table whose task column holds sentences
    (``(一)加强涉及市场主体的信息公开。`` over ``1.…`` | ``局道路运输处、…`` | ``市交通管理总站、…``, b41
    广州 交通运输局), not a paragraph of prose after the table."""
    cells = [ln for ln in lines[k:k + 8] if ln.text][:3]
    if not cells or not ((h := match_heading(cells[0])) and h.style in ("num", "pnum")):
        return False
    return any(T.cell_kind(ln.text) == "units" for ln in cells[1:])


def numbers_a_row(lines: list, k: int) -> bool:
    """True when the first line with text from ``k`` on is a row's bare 序号 (``1``): a long section
    row of a table (``一、主要经济社会发展指标、发改、财政…工作目标(牵头领导:…)``, then ``1``) rather
    than a paragraph of prose after it. Family: tables copied a cell per line whose section rows
    name the fields and leaders they group."""
    nxt = next((ln for ln in lines[k:k + 3] if ln.text), None)
    return nxt is not None and bool(T.ROW_NUMBER.match(nxt.folded))


def grid_of(rows: list[Row], kinds: list[str], header_cells: list[Cell], last: int,
            piped: bool) -> tuple[list[tuple[Cell, ...]], int]:
    """The table's grid: the header row, then each row's cells put under their columns (a section
    heading as a row of its own); and the offset where the table's last cell ends."""
    width = len(kinds)
    columns = [k for k in kinds if k != "number"]
    positions = [p for p, k in enumerate(kinds) if k != "number"]  # grid position of each column
    number_at = kinds.index("number") if "number" in kinds else -1
    # 类别 | 序号 | …: a group's name is printed before the row's number, never among its cells
    after_number = sum(1 for p in positions if p < number_at) if "category" in kinds[:max(number_at, 0)] else 0
    grid: list[tuple[Cell, ...]] = [tuple(header_cells)]
    shown: tuple = ()
    text_at = 0  # the column of the task's text in the last row (a piped row lacking cells starts there)
    for number_line, cells, row_section, sub_item in rows:
        common = next((i for i, (a, b) in enumerate(zip(shown, row_section)) if a is not b),
                      min(len(shown), len(row_section)))
        grid.extend((Cell(ln.text, ln.start, ln.end),) * width for ln in row_section[common:])
        shown = row_section
        # cells merged from the row above: a row without its number that fills fewer cells than the columns
        spanned = piped and number_line is None and len(grid) > 1 and len(merge_continuations(cells)) < len(columns)
        start_at = text_at if spanned else (after_number if number_line is not None else 0)
        placed = align(merge_continuations(cells), columns[start_at:], skip_name=sub_item, items_are_text=piped)
        placed = {j + start_at: groups for j, groups in placed.items()}
        first = number_line.start if number_line is not None else (cells[0].start if cells else last)
        row = [Cell("", first, first)] * width
        if spanned and len(set(grid[-1])) > 1:   # not from a section row
            row[:positions[start_at]] = grid[-1][:positions[start_at]]
        if number_at >= 0 and number_line is not None:
            row[number_at] = Cell(number_line.text, number_line.start, number_line.end)
        for j, groups in placed.items():
            groups = item_below_heading(groups, grid, width)
            row[positions[j]] = Cell(" ".join(cell_text(g) for g in groups), groups[0][0].start,
                                     groups[-1][-1].end)
        text_at = next((j for j in sorted(placed, reverse=True) if columns[j] in ("text", "name")), text_at)
        grid.append(tuple(row))
        last = max([last] + [ln.end for ln in cells])
    return grid, last


def item_below_heading(groups: list[list], grid: list, width: int) -> list[list]:
    """A text cell holding a heading and the first item under it (``(一)“打通断头路”攻坚专项行动``
    then ``1.文化中心北路``, b03 新建区): the heading becomes a section row of the grid, the item
    stays the row's text."""
    if len(groups) < 2 or not SUB_ITEM.match(groups[-1][0].folded):
        return groups
    h = match_heading(groups[0][0])
    if not h or h.style not in ("cn", "pcn"):
        return groups
    heading = groups[0][0]
    grid.append((Cell(heading.text, heading.start, heading.end),) * width)
    return groups[1:]


def piped_rows(body: list, breaks: set[int], text: str = "") -> list[Row]:
    """Rows of a table copied cell by cell with pipes (:func:`pipe_row_ends`): a row runs to the next
    line of pipes; a row of one heading (``一、2024年全区…主要预期目标``, or one closed by its empty
    cells in the document ``text``) is the section of the rows below; a row opening with its 序号
    (``1``, ``一``, ``(1)``) keeps it as its number."""
    rows: list[Row] = []
    section: tuple = ()
    cuts = sorted({0, len(body)} | breaks)
    for a, b in zip(cuts, cuts[1:]):
        cells = [ln for ln, _ in body[a:b]]
        if not cells:
            continue
        h = match_heading(cells[0])
        if len(cells) == 1 and h and (h.style in ("cn", "chapter") and "。" not in cells[0].text
                                      or h.style in ("cn", "pcn") and text and CLOSED_BY_EMPTY_CELLS.match(text, cells[0].end)):
            section = (cells[0],)   # 一、…; (一)…。 | ||| (i41 芜湖): a heading row of the table
            continue
        groups = group_cells(cells)
        if groups:
            section, cells = tuple(cells[:groups]), cells[groups:]   # printed in their first row only
        numbered = T.ROW_NUMBER.match(cells[0].folded) or CN_ROW_NUMBER.match(cells[0].folded) \
            or PAREN_ROW_NUMBER.match(cells[0].folded)
        rows.append(Row(cells[0] if numbered else None, cells[1:] if numbered else cells, section))
    return rows


CN_ROW_NUMBER = re.compile(r"^[一二三四五六七八九十]{1,3}$")
CLOSED_BY_EMPTY_CELLS = re.compile(r"[ \t\u3000]*[|｜][ \t\u3000]*[|｜]")   # a cell followed by its row's empty cells
PAREN_ROW_NUMBER = re.compile(r"^\(\d{1,3}\)$")   # ``(1) | 地区生产总值增长6%以上。 | …`` (i41 芜湖): a pipe row's 序号


def second_header_row(row: Row) -> bool:
    """Whether the first piped row under a header is the header's second level: no number, short
    cells naming columns, no units (k05 宁海 ``投資 | 工程主要形象進度 | 完成 投資 | % | …`` under
    ``總投資 | … | 項目建設階段(1-12月份)``)."""
    kinds = [T.cell_kind(ln.text) for ln in row.cells]
    return row.number is None and len(row.cells) > 1 and "units" not in kinds and "text" not in kinds \
        and any(T.column_kind(ln.text) for ln in row.cells)


def group_cells(cells: list) -> int:
    """How many cells open a row as its groups: a ``一、…`` heading, then any ``(一)…`` headings,
    before the row's number or numbered item (:func:`opens_item`); 0 when the row opens otherwise.
    l22 荆州: ``一、以公开助力经济平稳健康发展。 | (一)加强涉及市场主体的信息公开。 | 1 | 进一步…``."""
    h = match_heading(cells[0]) if cells else None
    if not h or h.style != "cn":
        return 0
    for j in range(1, len(cells) - 1):
        if opens_item(cells[j]):
            return j
        inner = match_heading(cells[j])
        if not inner or inner.style != "pcn":
            return 0
    return 0


def opens_item(cell) -> bool:
    """Whether a cell is a row's 序号 or starts with an item number (``1``, ``1.积极推进…``).

    Family: pipe rows whose first cell is a group merged over the rows below it, printed in the
    group's first row only, before the row's number (e03 肇庆 ``一、继续提高底线民生保障水平 | 1 |
    …``) or numbered item (q21 江门 ``一、做好财政信息公开。 | 1.积极推进本中心预算… |``): the
    group is the section of its rows."""
    h = match_heading(cell)
    return bool(T.ROW_NUMBER.match(cell.folded)) or bool(h and h.style in ("num", "pnum"))


def signs_off(lines: list, k: int) -> bool:
    """True at the page's signature: a date alone on its line, or the issuer just above it."""
    if is_date_line(lines[k].text):
        return True
    if len(lines[k].text) > 30:
        return False
    nxt = next((ln for ln in lines[k + 1:k + 4] if ln.text), None)
    return nxt is not None and is_date_line(nxt.text)


def is_date_line(text: str) -> bool:
    """A date alone on its line (``2023年5月6日``)."""
    return "日" in text and DATE_CN.fullmatch(text.replace(" ", "")) is not None


def numbered_rows(body: list, min_cells: int = 1, width: int = 0) -> list[Row]:
    """Rows that start at their 序号: 1, 2, 3 …; any number for the first row (an excerpt of a long
    table: 80, 81 …, i05 南陵; 24, 25 … below header cells the header missed, m05 崇川); a higher
    number right after the row above closed with its units or filled its ``width`` columns, units
    among them (the rows of one department picked from a longer table: 3, 68, 69 …, i07 谯城;
    145, 249 with a 落实情况 cell after the units, d23 淮南). A row holds ``min_cells`` cells before
    the next may start."""
    rows: list[Row] = []
    expected = 1
    for k, (ln, section) in enumerate(body):
        if T.ROW_NUMBER.match(ln.folded) and (int(ln.folded) in (expected, expected + 1) or not rows
                                              or int(ln.folded) > expected and closed(rows[-1], width)) \
                and (not rows or len(rows[-1][1]) >= min_cells) and row_starts_here(body, k, rows):
            expected = int(ln.folded) + 1
            rows.append(Row(ln, [], section))
        elif rows:
            rows[-1][1].append(ln)
    return rows


def ends_with_units(row: Row) -> bool:
    """Whether a row's last cell so far lists units (its unit column closes the row)."""
    return bool(row.cells) and T.cell_kind(row.cells[-1].text) == "units"


def closed(row: Row, width: int) -> bool:
    """Whether a row is complete: its last cell lists units, or it fills all ``width`` columns and
    one of its cells lists units."""
    return ends_with_units(row) or (0 < width <= len(row.cells)
                                    and any(T.cell_kind(c.text) == "units" for c in row.cells))


SUB_ITEM = re.compile(r"^(?:\d{1,2}[.．、](?!\d)|[(（]\d{1,2}[)）])")


def split_sub_items(row: Row) -> list[Row]:
    """A row whose task cell holds numbered sub-items, each followed by units of its own, as one
    row per sub-item, when most items have units of their own (吴江: 主要预期目标 | 1.地区生产总值… | ★区发改委 | 2.一般公共预算… | ★区财政局;
    新建区: 项目 (一)… | 1.文化中心北路 | 区城投 | 2.乐业路 | 区城管局). The first sub-row keeps the
    row's number and the cells before its first item; the others are titled by their item. Where
    only text stands before the first item, it is a name cell merged over the sub-rows (钟楼区
    目标名称 | 工作标准: 四大功能区建设 | (1)老城复兴… | 住建局 | (2)…): the group's section, and the first
    sub-row is titled by its item too. Sibling items (1. 2.) with units only after the last share
    that units cell: one task."""
    number_line, cells, section, _ = row
    kinds = [T.cell_kind(ln.text) for ln in cells]
    # the row's first cell numbered is the row's own number (n21 新昌 ``4.农贸市场综合提升项目 | …``)
    items = [i for i, ln in enumerate(cells) if i and SUB_ITEM.match(ln.folded) and kinds[i] != "units"]
    if len(items) < 2:
        return [row]
    bounds = items[1:] + [len(cells)]
    with_units = ["units" in kinds[a:b] for a, b in zip(items, bounds)]
    one_list = len({cells[i].folded[0] == "(" for i in items}) == 1   # 1. 2. …, not 1. then (1)
    if 2 * sum(with_units) < len(items) or (one_list and not any(with_units[:-1])):
        return [row]  # the items share one units cell (h07: 1.新建城市书房 | 2.乡镇… | 王丽 | 市文广旅局): one task
    if all(kinds[i] in ("text", "short") for i in range(items[0])):
        group = section + tuple(cells[:items[0]])  # a merged cell naming the items, not the first item
        return [Row(number_line if a == items[0] else None, cells[a:b], group, sub_item=True)
                for a, b in zip(items, bounds)]
    return [Row(number_line, cells[:items[1]], section)] + [Row(None, cells[a:b], section, sub_item=True)
                                                            for a, b in zip(items[1:], bounds[1:])]


def row_starts_here(body: list, k: int, rows: list[Row]) -> bool:
    """Whether the number at ``k`` starts a row: it does unless another number follows it, or
    units follow it while the current row has none yet (then it is a cell, e.g. 计划投资 9)."""
    following = T.cell_kind(body[k + 1][0].text) if k + 1 < len(body) else ""
    if following == "number":
        return False
    if following == "units" and rows and not any(T.cell_kind(c.text) == "units" for c in rows[-1][1]):
        return False
    return True


def cycled_rows(body: list) -> list[Row]:
    """Rows of a table without 序号: a row starts where text is followed by the units it assigns."""
    kinds = [T.cell_kind(ln.text) for ln, _ in body] + ["", ""]
    textual = ("text", "short")

    def row_start(i: int) -> bool:
        return kinds[i] in textual and (kinds[i + 1] == "units"
                                        or (kinds[i + 1] in textual and kinds[i + 2] == "units")
                                        or SUB_ITEM.match(body[i][0].folded) is not None)  # 2、区级财政收入增长率

    rows: list[Row] = []
    has_units = False
    for i, (ln, section) in enumerate(body):
        if not rows or (has_units and row_start(i)):
            rows.append(Row(None, [], section))
            has_units = False
        rows[-1][1].append(ln)
        has_units = has_units or kinds[i] == "units"
    return rows


def merge_continuations(cells: list) -> list[list]:
    """Group lines into cells: a line continues the previous one after ``、``/``,``, and a name that
    reads as a unit only weakly (``文化馆``, ``图书馆``) continues a cell of units above it (a unit
    cell printed one name per line, n06 略阳); in a row whose cells are printed apart, a line printed right
    below another continues its cell (:func:`printed_apart`)."""
    groups: list[list] = []
    apart = printed_apart(cells)
    for ln in cells:
        if groups and (groups[-1][-1].folded.endswith(("、", ",")) or ln.folded.startswith(("、", ","))
                       or weak_unit_below_units(groups[-1], ln) or broken_name(groups[-1][-1], ln)
                       or apart and ln.index == groups[-1][-1].index + 1):
            groups[-1].append(ln)
        else:
            groups.append([ln])
    return groups


def printed_apart(cells: list) -> bool:
    """Whether a row's cells are printed a blank line apart: most of its lines, at least two, stand after a
    blank line, so lines printed right below each other are one cell wrapped (``上海猗翔企业管理`` / ``有限公司``).

    Family: tables flattened one cell per paragraph whose narrow cells wrap over lines (e67 嘉定 2026 重大工程
    ``区经委`` / blank / ``上海猗翔企业管理`` / ``有限公司``, a48 2025; b36 虹口 2018 生活垃圾 and f38 杨浦 2025 排水, whose
    unit cells wrap after a name)."""
    gaps = [b.index - a.index for a, b in zip(cells, cells[1:])]
    apart = sum(1 for g in gaps if g > 1)
    return apart >= 2 and apart > len(gaps) - apart


def broken_name(line, below) -> bool:
    """Whether ``line`` is the start of a unit name that ``below`` completes: a name broken over the
    lines of a narrow cell copied a line per cell (``市生态`` / ``环境局``, ``市农业`` / ``农村局``, f01 六安)."""
    head = line.folded.replace(" ", "")
    return len(head) <= U.FRAGMENT_MAX and head[:1] in NAME_START and U.unit_shape(head) == 0 \
        and U.unit_shape(head + below.folded.replace(" ", "")) == 2


NAME_START = frozenset("省市州盟区县旗镇乡")


def weak_unit_below_units(group: list, line) -> bool:
    """Whether ``line`` is one weakly shaped unit name (``图书馆``, not a list cut after ``、区``) under
    a cell that lists units."""
    return U.unit_shape(line.text) == 1 and not LIST_SEPARATOR.search(line.folded) \
        and T.cell_kind(cell_text(group)) == "units"


LIST_SEPARATOR = re.compile(r"[、,;]")


def project_named_like_a_unit(kinds: list[str], columns: list[str], cells: list[list]) -> list[str]:
    """The kinds of a row's cells, a task named like a unit read as the task's words.

    Family: project lists whose task names end like units (…数字贸易中心, 现代化美丽城镇, 一批中小学校):
    the row's first cell under a name column, when more units follow (l01 嵊泗); or the row's first
    cell read as units but followed by the task's text, under a header whose name and text columns
    both come before its units (a32 金东 2024 ``事项分类 | 事项名称 | 项目内容 | 牵头单位``:
    ``新(改、扩)建一批中小学校`` then ``实施新(改、扩)建中小学校5家。``)."""
    if columns and columns[0] == "name" and kinds[:1] == ["units"] \
            and (kinds.count("units") > 1 or any(U.unit_shape(cell_text(c)) for c in cells[1:])):
        return ["text"] + kinds[1:]
    first_unit = next((k for k, c in enumerate(columns) if c in T.UNIT_COLUMNS), len(columns))
    if not ("name" in columns[:first_unit] and "text" in columns[:first_unit]):
        return kinds   # 项目 | 责任单位 | 建设内容 (a31 江北): the unit cell comes before the text
    at = next((i for i, k in enumerate(kinds) if k not in ("short", "number")), None)
    if at is not None and kinds[at] == "units" and at + 1 < len(kinds) and kinds[at + 1] == "text" \
            and "units" in kinds[at + 2:]:
        return kinds[:at] + ["text"] + kinds[at + 1:]
    return kinds


def cell_text(cell: list) -> str:
    """The text of a cell printed on one or more lines: a line printed right below one that is no unit's whole
    name goes on its words (``上海猗翔企业管理`` / ``有限公司``), other lines are kept apart by a space."""
    text = cell[0].text
    for above, ln in zip(cell, cell[1:]):
        wrapped = ln.index == above.index + 1 and U.unit_shape(above.folded.strip()) != 2
        text += ("" if wrapped else " ") + ln.text
    return text


def align(cells: list[list], columns: list[str], skip_name: bool = False,
          items_are_text: bool = False) -> dict[int, list[list]]:
    """Put a row's cells under its columns (indexes into ``columns``) by what they hold, in order.

    Serves flattened tables whose empty cells left no line: a cell goes to the first column at
    or after the last one filled that accepts its kind; a cell with no column left continues
    the last column of its kind (a cell printed over several lines). A unit of measure goes to the
    单位 column only (l01 嵊泗: rows that leave a merged cell out start further left).
    """
    kinds = [T.cell_kind(cell_text(cell)) for cell in cells]
    if items_are_text:  # 1.乐业路: a numbered item is the task's text, however short
        kinds = ["text" if k == "short" and SUB_ITEM.match(c[0].folded) else k for k, c in zip(kinds, cells)]
        if any(c in T.UNIT_COLUMNS for c in columns):   # a weakly shaped unit after the row's text: 办公室
            kinds = ["units" if k == "short" and i and {"text", "deadline"} & set(kinds[:i]) and U.unit_shape(U.fold(cell_text(c)))
                     else k for i, (k, c) in enumerate(zip(kinds, cells))]   # (q21 江门, l21 池州)
    if "measure" in columns:  # 万亩, %, 万元/人 go under 单位, however far left the row's cells start
        kinds = ["measure" if k == "short" and is_measure_unit(cell_text(c)) else k for k, c in zip(kinds, cells)]
    kinds = project_named_like_a_unit(kinds, columns, cells)
    text_cells = sum(1 for k in kinds if k in ("text", "short"))
    first_text = next((i for i, k in enumerate(kinds) if k in ("text", "short")), None)
    skip_name = skip_name or ("name" in columns and "text" in columns and text_cells == 1
                              and not T.looks_like_name(cell_text(cells[first_text])))
    assigned: dict[int, list[list]] = {}
    ptr, last_text, last_units = 0, None, None
    for cell, kind in zip(cells, kinds):
        j = None  # the first column from ptr on that accepts this kind of cell
        numbered = SUB_ITEM.match(cell[0].folded) is not None
        for k in range(ptr, len(columns)):
            if kind in ACCEPTS.get(columns[k], ()) and not (skip_name and columns[k] == "name") \
                    and not (numbered and columns[k] in ("progress", "category")):  # 1.乐业路 is a task, never progress or a group
                j = k
                break
        if j is None:
            if kind in ("text", "short") and last_text is not None:
                assigned[last_text].append(cell)
            elif kind == "units" and last_units is not None:
                assigned[last_units].append(cell)
            continue
        assigned.setdefault(j, []).append(cell)
        if columns[j] in ("name", "text", "progress", "note"):
            last_text = j  # a text cell past the last column continues the last column of text (its 2nd paragraph)
        if columns[j] in T.UNIT_COLUMNS or columns[j] == "assessor":
            last_units = j  # a units cell past the last column continues the units column before it
        ptr = j + 1
    return assigned



# ---------------------------------------------------------------- rows printed on one line

TOKEN = re.compile(r"\S+")
SPACED_LETTER = re.compile(r"[\u4e00-\u9fa5]")          # one character of a word typeset letter-spaced
SPACED_WORD = re.compile(r"[\u4e00-\u9fa5](?: [\u4e00-\u9fa5])*")  # the letters of such a word so far
SPACE_HEADER_CELL_MAX = 8  # characters of a header word, after the period it may open with
PERIOD_PREFIX = re.compile(r"^\d{4,5}年(?:\d{1,2}(?:-\d{1,2})?月份?)?")  # 2023年10-12月份进展情况


def header_tokens(text: str) -> list[tuple[int, int]]:
    """The spans of a header line's words, a role word and the word after it that a wide cell
    printed apart joined as one (``牵头  领导``, ``主体          责任单位``: d21 青阳, the header of a
    重点工作责任清单 进展情况汇总表 copied with its cells' line breaks as spaces), and a word
    typeset with a space between its characters one word (``序号 工 作 任 务 牵头负责部门``: i31, a
    国务院办公厅 分工 table as a law library reprints it)."""
    spans = [(m.start(), m.end()) for m in TOKEN.finditer(text)]
    joined: list[tuple[int, int]] = []
    for a, b in spans:
        if joined and SPACED_LETTER.fullmatch(text[a:b]) and text[joined[-1][1]:a] == " " \
                and SPACED_WORD.fullmatch(text[joined[-1][0]:joined[-1][1]]):
            joined[-1] = (joined[-1][0], b)   # 工 作 任 务: one word
            continue
        if joined and text[joined[-1][0]:joined[-1][1]] in HEADER_HEADS | {"主体"} and \
                (text[a:b] in HEADER_TAILS or T.column_kind(text[a:b]) in T.UNIT_COLUMNS):
            joined[-1] = (joined[-1][0], b)
        else:
            joined.append((a, b))
    return joined


def space_header(line) -> tuple[list[tuple[int, int]], list[str]] | None:
    """The header of a table whose rows are printed one per line, cells separated by spaces
    (``序号 名称 工作任务 牵头责任单位``), at the end of ``line``: the spans of its words in the line
    and their column roles; None when the line holds no such header."""
    text = line.text
    if text.count(" ") < 2:
        return None
    tokens = header_tokens(text)
    for s in range(0, len(tokens) - 2):
        words = [text[a:b].replace(" ", "") for a, b in tokens[s:]]
        if any(len(PERIOD_PREFIX.sub("", w)) > SPACE_HEADER_CELL_MAX for w in words):
            continue
        kinds = [T.column_kind(w) for w in words]
        if None not in kinds and T.is_header(kinds):
            return tokens[s:], T.settle_kinds(kinds, words)
    return None


class SpaceRow(NamedTuple):
    """The word spans of a row printed on one line: its number, the words before its units, its
    unit cells, and the words after them (the columns printed right of the units)."""

    number: tuple[int, int]
    middle: list[tuple[int, int]]
    units: list[tuple[int, int]]
    after: list[tuple[int, int]]


def space_row(line, units: int, after: int = 0) -> SpaceRow | None:
    """A row printed on one line: ``1 地区生产总值增长7%以上… 发改委 [进度…]``, for a header with
    ``units`` unit columns and ``after`` columns right of them. With none after, the unit cells
    are the row's last words from the first list of units on (a cell that reads as prose, such as
    ``各县(市、区)党委和人民政府,城乡一体化示范区``, still counts); with columns after, they are
    the first list of units after the row's own words and the lists of units right after it.
    None when the line does not start with a row number."""
    tokens = [(m.start(), m.end()) for m in TOKEN.finditer(line.text)]
    if len(tokens) < 2 or not T.ROW_NUMBER.match(line.text[tokens[0][0]:tokens[0][1]]):
        return None
    rest = tokens[1:]
    is_units = [units > 0 and T.cell_kind(line.text[a:b]) == "units" for a, b in rest]
    if not after:
        tail = len(rest) - units if units else len(rest)
        first = next((i for i in range(max(tail, 0), len(rest)) if is_units[i]), len(rest))
        return SpaceRow(number=tokens[0], middle=rest[:first], units=rest[first:], after=[])
    first = next((i for i in range(1, len(rest)) if is_units[i]), len(rest))
    stop = first
    while stop < len(rest) and stop - first < units and is_units[stop]:
        stop += 1
    return SpaceRow(number=tokens[0], middle=rest[:first], units=rest[first:stop], after=rest[stop:])


def space_table_at(lines: list, i: int) -> bool:
    """Whether a table printed one row per line (cells separated by spaces) has its header on
    line ``i``: the header, then a numbered row within the next lines (totals and section rows
    passed over)."""
    found = space_header_cells(lines, i) if lines[i].text else None
    if not found:
        return False
    cells, kinds, after = found
    units = sum(1 for k in kinds if k in T.UNIT_COLUMNS)
    following = [ln for ln in lines[after:after + 16] if ln.text and not total_row(ln) and not section_row(ln)][:6]
    return any(space_row(ln, units, len(SpaceLayout.of(kinds).after_at)) for ln in following)


def space_header_cells(lines: list, i: int) -> tuple[list[Cell], list[str], int] | None:
    """The header of a table printed one row per line on line ``i`` (:func:`space_header`, or a
    header whose cells wrap, :func:`wrapped_space_header`): its cells, their column roles and the
    line after it."""
    wrapped = wrapped_space_header(lines, i)
    found = space_header(lines[i]) if wrapped is None else None
    if found:
        line = lines[i]
        return [Cell(line.text[a:b], line.start + a, line.start + b) for a, b in found[0]], found[1], i + 1
    return wrapped


def wrapped_space_header(lines: list, i: int) -> tuple[list[Cell], list[str], int] | None:
    """A header printed one row per line whose cells wrap: line ``i`` ends in a role word that the
    next line completes (``序号 项目名称 2025年工作目标任务 2025年投资计划(万元) 责任`` / ``单位``), and a
    following line of header words names the columns right of it (``月度进展情况(1-3月) 投资完成情况
    备注``). Family: progress tables copied from a page whose header cells hold line breaks (n22
    万州 重点民生实事推进情况表); the cells keep their printed offsets."""
    line = lines[i]
    if not line.text.endswith(HEAD_ENDINGS) or line.text.count(" ") < 2:
        return None
    tokens = header_tokens(line.text)
    if len(tokens) < 3 or line.text[tokens[-1][0]:tokens[-1][1]] not in HEADER_HEADS:
        return None
    j = next((k for k in range(i + 1, min(i + 3, len(lines))) if lines[k].text), None)
    if j is None or lines[j].text not in HEADER_TAILS:
        return None
    a = tokens[-1][0]
    cells = [Cell(line.text[x:y], line.start + x, line.start + y) for x, y in tokens[:-1]]
    cells.append(Cell(line.text[a:] + lines[j].text, line.start + a, lines[j].end))
    after = j + 1
    k = next((n for n in range(j + 1, min(j + 3, len(lines))) if lines[n].text), None)
    if k is not None:
        more = [Cell(lines[k].text[x:y], lines[k].start + x, lines[k].start + y) for x, y in header_tokens(lines[k].text)]
        if len(more) > 1 and all(T.column_kind(c.text) for c in more):
            cells, after = cells + more, k + 1
    kinds = [T.column_kind(c.text) for c in cells]
    if None in kinds or not T.is_header(kinds):
        return None
    return cells, T.settle_kinds(kinds, [c.text for c in cells]), after


TOTAL_ROW = re.compile(r"^(?:合计|总计|小计|合計|總計|小計)|^[\d.%\s]+$")


def total_row(line) -> bool:
    """A totals row (``合计 182852``) or a line of figures alone, printed between a header and its rows."""
    return bool(TOTAL_ROW.match(line.text))


def recover_space_table(source: SourceText, lines: list, i: int) -> tuple[Table, T.Header, int]:
    """The table whose header is on line ``i`` (:func:`space_table_at`) and whose rows follow one
    per line, as a Table block (kind ``text``), its header and the line after it.

    Serves tables copied out of a page with a row on each line (b02 常熟, b06 平顶山, v04 铜梁 with
    a progress column right of the units): where the words go is :class:`SpaceLayout`'s; a unit
    cell broken one unit per line, and the wrapped text of a column right of the units, continue
    the row above.
    """
    header_cells, kinds, first = space_header_cells(lines, i)
    layout = SpaceLayout.of(kinds)
    grid: list[list[Cell]] = [header_cells]
    end, last = len(lines), header_cells[-1].end
    for k in range(first, len(lines)):
        ln = lines[k]
        if not ln.text or total_row(ln):
            continue
        row = space_row(ln, len(layout.unit_at), len(layout.after_at))
        if row is None and len(grid) == 1 and k < first + 8 and not section_row(ln):
            continue   # the header's second level (完成额度 / (万元)) before the first row
        if row is not None:
            grid.append(layout.cells(ln, row))
        elif section_row(ln):
            grid.append([Cell(ln.text, ln.start, ln.end)] * len(kinds))
        elif len(grid) > 1 and not signs_off(lines, k) and layout.continues(grid[-1], ln):
            pass
        else:
            end = k
            break
        last = ln.end
    header = T.Header(0, 1, tuple(kinds), tuple(c.text for c in header_cells))
    return Table(rows=tuple(tuple(r) for r in grid), start=header_cells[0].start, end=last, kind="text"), header, end


def section_row(line) -> bool:
    """A section heading between the rows of a table printed one row per line (``二、重点工作``)."""
    h = match_heading(line)
    return bool(h and h.style in ("cn", "pcn", "chapter") and len(line.text) <= 50 and "。" not in line.text)


def joined(cell: Cell, line) -> Cell:
    """``cell`` continued on ``line`` (a cell broken over lines): its text with the line's, one
    line break between, as printed."""
    if not cell.text:
        return Cell(line.text, line.start, line.end)
    return Cell(cell.text + "\n" + line.text, cell.start, line.end)


LIST_SEPARATOR = re.compile("[、,;]")


@dataclass(frozen=True)
class SpaceLayout:
    """Where the words of a row printed on one line go, by the header's column roles."""

    width: int
    number_at: int
    unit_at: list[int]
    before_at: list[int]   # columns left of the units (the task's words)
    after_at: list[int]    # columns right of the units (progress, remarks, deadline)
    name_at: int | None

    @classmethod
    def of(cls, kinds: list[str]) -> "SpaceLayout":
        unit_at = [p for p, k in enumerate(kinds) if k in T.UNIT_COLUMNS]
        first_unit = unit_at[0] if unit_at else len(kinds)
        last_unit = unit_at[-1] if unit_at else len(kinds)
        other = [p for p, k in enumerate(kinds) if k not in T.UNIT_COLUMNS and k != "number"]
        before = [p for p in other if p < first_unit]
        name_at = next((p for p in before if kinds[p] == "name"), next((p for p in before if kinds[p] == "text"),
                                                                        before[0] if before else None))
        return cls(width=len(kinds), number_at=kinds.index("number") if "number" in kinds else -1,
                   unit_at=unit_at, before_at=before, after_at=[p for p in other if p > last_unit], name_at=name_at)

    def cells(self, line, row: SpaceRow) -> list[Cell]:
        """The row's cells: its number, its words before the units one per column when they are as
        many (else one cell under the task's name: a cell's own spaces cannot be told from the
        spaces between cells), its unit cells, and the words after them likewise."""
        cell = lambda a, b: Cell(line.text[a:b], line.start + a, line.start + b)  # noqa: E731
        cells = [Cell("", line.start, line.start)] * self.width
        if self.number_at >= 0:
            cells[self.number_at] = cell(*row.number)
        for columns, words in ((self.before_at, row.middle), (self.after_at, row.after)):
            if len(words) == len(columns):
                for p, (a, b) in zip(columns, words):
                    cells[p] = cell(a, b)
            elif words and columns:
                at = self.name_at if columns is self.before_at and self.name_at is not None else columns[0]
                cells[at] = cell(words[0][0], words[-1][1])
        for p, (a, b) in zip(self.unit_at, row.units):
            cells[p] = cell(a, b)
        return cells

    def continues(self, row: list[Cell], line) -> bool:
        """Whether ``line`` continues ``row`` (changing it): more units of its last unit cell
        (a unit cell broken one unit per line), the cell of a unit column its line left empty
        when the line lists several units (``2 一般公共预算收入增长5%左右。 区财政局`` / ``区税务局`` /
        ``区政府有关部门,各乡镇人民政府…``: a second lead, then the cooperating cell; d22 谯城, one
        real table of this layout found), that cell and the columns right of the units when the line
        opens with a unit and goes on in words (``县直有关单位 达到时序进度 加强…``: d21 青阳), or the
        text of a column right of the units."""
        filled = [p for p in self.unit_at if row[p].text]
        empty = [p for p in self.unit_at if filled and p > filled[-1] and not row[p].text]
        if empty and LIST_SEPARATOR.search(line.folded) and T.cell_kind(line.text) == "units":
            row[empty[0]] = joined(row[empty[0]], line)
            return True
        words = [m.span() for m in TOKEN.finditer(line.text)]
        if empty and self.after_at and len(words) > 1 and T.cell_kind(line.text[slice(*words[0])]) == "units":
            for k, (a, b) in enumerate(words):
                at = empty[0] if k == 0 else self.after_at[min(k - 1, len(self.after_at) - 1)]
                row[at] = joined(row[at], Line(line.index, line.start + a, line.start + b, line.text[a:b], line.folded[a:b]))
            return True
        if filled and not any(row[p].text for p in self.after_at) and T.cell_kind(line.text) == "units":
            row[filled[-1]] = joined(row[filled[-1]], line)
            return True
        if self.after_at and filled and match_heading(line) is None:
            row[self.after_at[-1]] = joined(row[self.after_at[-1]], line)
            return True
        return False
