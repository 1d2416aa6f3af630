"""Lines and table grids in, one text out: what every reader hands to :func:`assemble`.

A reader turns its file into :data:`Item` values — a line of text, or ``(kind, rows)`` for a
table whose rows are :data:`GridCell` values (a cell's text, or :class:`Covered` for a position
a merged cell spans). :func:`assemble` joins them into the text of a
:class:`graph.records.SourceText` (one paragraph or table cell per line) and its
:class:`graph.records.Table` blocks. Also here: the line and cell cleaning all readers share.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterable, NamedTuple, Sequence, Union

from graph.chars import CharMap
from graph.records import Cell, Table

CJK = "\u2e80-\u2fdf\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef"
CJK_WRAP_RE = re.compile(rf"(?<=[{CJK}])[ \t]*\n\s*(?=[{CJK}])")
CJK_GAP_RE = re.compile(rf"(?<=[{CJK}]) +(?=[{CJK}])")
_SPACES_RE = re.compile(r"[ \t\r\f\v\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
DROP_ZERO_WIDTH = CharMap(dict.fromkeys("\u200b\u200c\u200d\u2060\ufeff\u00ad", ""))


@dataclass(frozen=True)
class Covered:
    """A grid position covered by a merged cell: ``row``/``col`` of the cell that holds the value
    (in the rows as the reader built them). Flattened to an empty line in the text."""

    row: int
    col: int

    def __bool__(self) -> bool:  # no text of its own
        return False


GridCell = Union[str, Covered]
Row = tuple[GridCell, ...]
Item = Union[str, tuple[str, tuple[Row, ...]]]  # a line of text, or (table kind, the table's rows)


class Ragged(NamedTuple):
    """A table whose rows do not all have as many cells as the widest."""

    table: int        # the table's number in the document, from 1
    rows_short: int   # how many rows lack cells
    width: int        # cells of the widest row
    example: int      # the first short row's number, from 1


class ReaderOutput(NamedTuple):
    """What a format's reader returns: the text, the encoding it was decoded from ("" for
    containers such as Word and PDF), warnings about the file, and its tables."""

    text: str
    encoding: str
    warnings: tuple[str, ...]
    tables: tuple[Table, ...]


def clean_line(text: str) -> str:
    """One line of extracted text: zero-width characters gone, spaces collapsed, trimmed."""
    return _SPACES_RE.sub(" ", DROP_ZERO_WIDTH(text)).strip()


def clean_cell(text: str) -> str:
    """A table cell on one line: wrapped CJK lines joined, other line breaks become spaces."""
    text = CJK_WRAP_RE.sub("", DROP_ZERO_WIDTH(text))
    return clean_line(text.replace("\n", " "))


class _Text:
    """The text being assembled: lines joined by newlines, each line's offset known."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.offset = 0

    def put(self, line: str) -> int:
        """Append a line; return its start offset."""
        if self.parts:
            self.offset += 1  # the newline before this line
        start = self.offset
        self.parts.append(line)
        self.offset += len(line)
        return start


def _put_table(out: _Text, kind: str, raw_rows: tuple[Row, ...]) -> Table | None:
    """Write a table's cells one per line; return its Table block (None when no row has text)."""
    width = max((len(r) for r in raw_rows), default=0)
    cells: dict[tuple[int, int], Cell] = {}
    rows: list[tuple[Cell, ...]] = []
    start = -1
    for r, raw in enumerate(raw_rows):
        if not any(isinstance(c, str) and c for c in raw):
            continue
        row: list[Cell] = []
        for c, value in enumerate(tuple(raw) + ("",) * (width - len(raw))):
            text = value if isinstance(value, str) else ""
            at = out.put(text)
            start = at if start < 0 else start
            if isinstance(value, Covered) and (value.row, value.col) in cells:
                cell = cells[(value.row, value.col)]
            else:
                cell = Cell(text=text, start=at, end=at + len(text))
            cells[(r, c)] = cell
            row.append(cell)
        rows.append(tuple(row))
    return Table(rows=tuple(rows), start=start, end=out.offset, kind=kind) if rows else None


def assemble(items: Iterable[Item], keep_blank: bool = False) -> tuple[str, tuple[Table, ...]]:
    """Join lines and tables into one text, one line each, with the tables as :class:`Table` blocks.

    Empty lines are dropped (kept with ``keep_blank``: a plain text's own blank lines); a table is ``(kind, rows)``; its rows are padded to the table's
    width so every row has as many cells as the widest; empty cells stay as empty lines. A
    :class:`Covered` position is an empty line in the text and, in the Table, the Cell of the
    merged cell that covers it. Rows without text of their own are left out.
    """
    out = _Text()
    blocks: list[Table] = []
    for item in items:
        if isinstance(item, str):
            if item or keep_blank:
                out.put(item)
            continue
        table = _put_table(out, *item)
        if table is not None:
            blocks.append(table)
    return "\n".join(out.parts), tuple(blocks)


def table_warnings(ragged: Sequence[Ragged]) -> tuple[str, ...]:
    """One warning per ragged table: which rows have fewer cells than the widest."""
    return tuple(f"table {r.table}: {r.rows_short} row(s) with missing cells (expected {r.width}; "
                 f"e.g. row {r.example}), read as empty" for r in ragged)
