"""Word 97–2003 files (.doc, and .wps saved in that format) in, :class:`ReaderOutput` out.

Paragraphs and tables in document order, from :mod:`graph.ingest.word97`; a cell merged with
the one above it (a vertical merge) gives that cell's value to its row, and a row of one cell in
a wider table (a heading over the table's width) spans the row, as in Word files.
"""
from __future__ import annotations

from graph.ingest.errors import IngestError
from graph.ingest.layout import Covered, GridCell, Item, ReaderOutput, Row, assemble, clean_cell, clean_line
from graph.ingest.word97 import DocCell, Word97Error, read_doc


def read_doc97(data: bytes) -> ReaderOutput:
    """The text and tables of a Word 97–2003 file."""
    if data.startswith(b"PK"):
        raise IngestError("a Word .docx file named .doc: rename it to .docx")
    try:
        blocks = read_doc(data)
    except Word97Error as exc:
        raise IngestError(f"cannot read the Word 97–2003 file ({exc})") from None
    except (IndexError, KeyError, ValueError) as exc:  # a damaged piece table or property page
        raise IngestError(f"damaged Word 97–2003 file ({type(exc).__name__})") from None
    items: list[Item] = []
    for block in blocks:
        if isinstance(block, str):
            items.extend(clean_line(line) for line in block.split("\n"))
        elif block:
            items.append(("doc", _grid(block)))
    text, tables = assemble(items)
    if not text.strip():
        raise IngestError("no text in the Word 97–2003 file")
    return ReaderOutput(text=text, encoding="", warnings=(), tables=tables)


def _grid(rows: list[list[DocCell]]) -> tuple[Row, ...]:
    """A table's rows on its grid: merged cells as :class:`Covered` positions."""
    width = max(len(r) for r in rows)
    out: list[Row] = []
    for r, row in enumerate(rows):
        cells: list[GridCell] = []
        for c, cell in enumerate(row):
            above = r > 0 and c < len(rows[r - 1])
            cells.append(Covered(r - 1, c) if cell.merged_above and above else clean_cell(cell.text))
        if len(row) == 1 and width > 1:
            cells.extend(Covered(r, 0) for _ in range(width - 1))  # one cell over the table's width
        out.append(tuple(cells))
    return tuple(out)
