"""An Excel workbook (.xlsx) in, its sheets' task lists out: each visible sheet's title rows as
lines, its grid as a table (kind ``xlsx``), merged cells spanning their positions, and the notes
below the grid as lines.

Offices keep task lists (任务分解表, 责任清单, 台账) as spreadsheets: a title merged across the
sheet, a header row (序号 | 工作任务 | 牵头单位 | 配合单位 | 完成时限), a row per task, unit cells
merged over the tasks they share.
"""
from __future__ import annotations

import datetime as dt
import io

from graph.ingest.errors import IngestError, check_office_zip, short_reason
from graph.ingest.layout import Covered, GridCell, Item, ReaderOutput, assemble, clean_cell, clean_line


def read_xlsx(data: bytes) -> ReaderOutput:
    """The text and tables of an Excel workbook's visible sheets, in order."""
    check_office_zip(data, "Excel", ".xls", ".xlsx")
    import openpyxl

    try:
        workbook = openpyxl.load_workbook(io.BytesIO(data), data_only=True)
    except Exception as exc:  # openpyxl and zipfile raise many types on broken files
        raise IngestError(f"cannot open the Excel file ({short_reason(exc)})") from None
    items: list[Item] = []
    for sheet in workbook.worksheets:
        if sheet.sheet_state == "visible":
            items += _sheet_items(sheet)
    text, blocks = assemble(items)
    return ReaderOutput(text=text, encoding="", warnings=(), tables=blocks)


def _sheet_items(sheet) -> list[Item]:
    """A sheet's title rows, its grid (rows with two cells or more) and the rows after it."""
    grid = [[cell_text(c.value, c.number_format) for c in row] for row in sheet.iter_rows()]
    merged = {}   # (row, col) covered by a merged cell → the (row, col) that holds its value
    for rng in sheet.merged_cells.ranges:
        for r in range(rng.min_row - 1, rng.max_row):
            for c in range(rng.min_col - 1, rng.max_col):
                if (r, c) != (rng.min_row - 1, rng.min_col - 1):
                    merged[(r, c)] = (rng.min_row - 1, rng.min_col - 1)
    used = [c for c in range(max((len(r) for r in grid), default=0)) if any(c < len(r) and r[c] for r in grid)]
    wide = [i for i, row in enumerate(grid) if len({row[c] for c in used if c < len(row) and row[c]
                                                    and (i, c) not in merged}) >= 2]
    if not wide:
        return [line for row in grid for line in (clean_line(" ".join(v for v in row if v)),) if line]
    first, last = wide[0], wide[-1]
    items: list[Item] = [line for row in grid[:first] for line in (clean_line(" ".join(v for v in row if v)),) if line]
    rows: list[tuple[GridCell, ...]] = []
    for i in range(first, last + 1):
        cells: list[GridCell] = []
        for c in used:
            holder = merged.get((i, c))
            if holder is not None and holder[0] >= first and holder[1] in used:
                cells.append(Covered(holder[0] - first, used.index(holder[1])))
            else:
                cells.append(clean_cell(grid[i][c]) if c < len(grid[i]) else "")
        rows.append(tuple(cells))
    items.append(("xlsx", tuple(rows)))
    items += [line for row in grid[last + 1:] for line in (clean_line(" ".join(v for v in row if v)),) if line]
    return items


def cell_text(value, number_format: str = "General") -> str:
    """A cell's value as printed: numbers without a trailing ``.0``, a share in a percent format as
    89.5%, dates as 2024-05-14."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, (int, float)) and "%" in (number_format or ""):
        return f"{round(value * 100, 10):g}%"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat(sep=" ")
    return str(value)
