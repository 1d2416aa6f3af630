"""One Excel workbook of the built graph: assignments, indicators and units with their loads.

Each sheet is the answer of a library query (``queries/``), header row frozen and filtered,
numbers as numbers. The file is written atomically and is the same bytes for the same graph
(fixed document dates and zip entry times).
"""
from __future__ import annotations

import datetime
import io
import re
import zipfile
from pathlib import Path

from graph.files import write_atomically
from graph.store import QuerySource, Results, read_query, resolve_query

SHEETS = (("assignments", "assignments"), ("indicators", "indicators"), ("units", "lead-load"))
FIXED_TIME = datetime.datetime(2000, 1, 1)
STAMP = FIXED_TIME.strftime("%Y-%m-%dT%H:%M:%SZ")
MAX_WIDTH = 60


def workbook_bytes(source: QuerySource) -> tuple[bytes, dict[str, int]]:
    """The workbook of ``SHEETS`` answered by ``source``, and the rows of each sheet."""
    from openpyxl import Workbook

    book = Workbook()
    book.remove(book.active)
    counts = {}
    for sheet_name, query_name in SHEETS:
        results = source.run(read_query(resolve_query(query_name)))
        fill_sheet(book.create_sheet(sheet_name), results)
        counts[sheet_name] = len(results.rows)
    book.properties.creator = "plankg"
    book.properties.created = book.properties.modified = FIXED_TIME
    buffer = io.BytesIO()
    book.save(buffer)
    return fixed_zip_times(buffer.getvalue()), counts


def fill_sheet(sheet, results: Results) -> None:
    """Header row (frozen, with a filter) and one row per result, numbers typed; columns sized to their text."""
    sheet.append(list(results.variables))
    for row in results.rows:
        sheet.append([term.to_python() if term is not None else None for term in row])
    sheet.freeze_panes = "A2"
    if results.variables:
        sheet.auto_filter.ref = sheet.dimensions
    for column in sheet.columns:
        longest = max((len(str(cell.value)) for cell in column if cell.value is not None), default=4)
        sheet.column_dimensions[column[0].column_letter].width = min(MAX_WIDTH, longest + 2)


def fixed_zip_times(data: bytes) -> bytes:
    """The same zip with every entry and the document's dates set to ``FIXED_TIME``, so the file does not
    depend on when it was written."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=FIXED_TIME.timetuple()[:6])
            fixed.compress_type = zipfile.ZIP_DEFLATED
            content = src.read(info.filename)
            if info.filename == "docProps/core.xml":   # openpyxl stamps the time of saving
                content = re.sub(rb"(<dcterms:modified[^>]*>)[^<]*", rb"\g<1>" + STAMP.encode(), content)
            dst.writestr(fixed, content)
    return out.getvalue()


def write_workbook(source: QuerySource, path: Path) -> dict[str, int]:
    """Write the workbook to ``path`` (atomically); the rows written per sheet."""
    data, counts = workbook_bytes(source)
    write_atomically(Path(path), data)
    return counts
