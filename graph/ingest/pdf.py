"""PDF files in, :class:`ReaderOutput` out.

pdfplumber gives each page's ruled tables and its text lines outside them, in reading order (a
page with no ruled table is searched for tables printed without rules, :mod:`.pdf_columns`);
page numbers in the margins are dropped, lines that reach the right margin are joined into
paragraphs, a table continued on the next page (same columns) is one table, and a merged cell
is found by geometry. A scanned PDF (no text layer) or a protected one raises :class:`IngestError`.
"""
from __future__ import annotations

import io
import logging
import re
import warnings as pywarnings

from graph.ingest.errors import IngestError, short_reason
from graph.ingest.pdf_columns import unruled_tables
from graph.ingest.layout import (
    CJK_GAP_RE, DROP_ZERO_WIDTH, Covered, GridCell, Item, Ragged, ReaderOutput, Row, assemble, clean_line, table_warnings,
)

_PAGE_NUMBER_RE = re.compile(r"^[\-—–－_\s]*(第\s*)?\d{1,4}(\s*页)?(\s*/\s*(共\s*)?\d{1,4}\s*页?)?[\-—–－_\s]*$")
_HEADING_START_RE = re.compile(r"^\s*([一二三四五六七八九十]+[、.．]|[(（][一二三四五六七八九十\d]+[)）]|\d+[.．、]|第[一二三四五六七八九十\d]+[章节条部分])")
_LATIN_WRAP_RE = re.compile(r"(?<=[A-Za-z])[ \t]*\n[ \t]*(?=[A-Za-z])")
_SENTENCE_END = "。；;：:！!？?）)"


def _cell_join(text: str | None) -> str:
    """A PDF table cell: wrapped lines joined (no space between CJK), on one line."""
    if not text:
        return ""
    text = _LATIN_WRAP_RE.sub(" ", text).replace("\n", "")
    return clean_line(CJK_GAP_RE.sub("", DROP_ZERO_WIDTH(text)))


def _pdf_table_rows(table) -> tuple[Row, ...]:
    """Rows of a ruled PDF table on its grid: a position with no cell of its own is
    :class:`Covered` by the merged cell drawn over it (found by geometry), else empty."""
    values = table.extract()
    rows = table.rows
    origin: dict[tuple, tuple[int, int]] = {}
    col_x: dict[int, tuple[float, float]] = {}
    for r, row in enumerate(rows):
        for c, bbox in enumerate(row.cells):
            if bbox is not None:
                origin.setdefault(tuple(bbox), (r, c))
                if c not in col_x or bbox[2] - bbox[0] < col_x[c][1] - col_x[c][0]:
                    col_x[c] = (bbox[0], bbox[2])
    grid: list[tuple[GridCell, ...]] = []
    for r, (row, texts) in enumerate(zip(rows, values)):
        out: list[GridCell] = []
        for c, (bbox, text) in enumerate(zip(row.cells, texts)):
            if bbox is not None or c not in col_x:
                out.append(_cell_join(text))
                continue
            x, y = (col_x[c][0] + col_x[c][1]) / 2, (row.bbox[1] + row.bbox[3]) / 2
            over = next((origin[tuple(b)] for b in table.cells if b[0] <= x <= b[2] and b[1] <= y <= b[3]
                         and tuple(b) in origin), None)
            out.append(Covered(*over) if over and over != (r, c) else "")
        grid.append(tuple(out))
    return tuple(grid)


def _pdf_lines(page, bboxes) -> list[dict]:
    """Text lines of a page outside its tables, with geometry."""
    def outside(obj) -> bool:
        if obj.get("object_type") != "char":
            return True
        x, y = (obj["x0"] + obj["x1"]) / 2, (obj["top"] + obj["bottom"]) / 2
        return not any(b[0] <= x <= b[2] and b[1] <= y <= b[3] for b in bboxes)

    view = page.filter(outside) if bboxes else page
    lines = []
    for line in view.extract_text_lines(x_tolerance=1.5, y_tolerance=3, return_chars=True):
        text = clean_line(CJK_GAP_RE.sub("", line["text"]))
        if not text:
            continue
        visible = [c for c in line["chars"] if c["text"].strip()]
        x0 = visible[0]["x0"] if visible else line["x0"]
        size = max((c["x1"] - c["x0"] for c in visible), default=10.0)
        lines.append({"text": text, "x0": x0, "x1": line["x1"], "top": line["top"], "size": size})
    return lines


def _is_page_number(line: dict, width: float, height: float) -> bool:
    """A page number in the top or bottom margin: ``- 3 -``, ``第3页``, or a bare number off the left edge."""
    text = line["text"]
    if not _PAGE_NUMBER_RE.match(text):
        return False
    if 0.1 * height < line["top"] < 0.88 * height:
        return False
    if not text.strip().isdigit():
        return True
    centre = (line["x0"] + line["x1"]) / 2
    return abs(centre - width / 2) < 0.1 * width or line["x0"] > 0.6 * width


def _join_pdf_lines(lines: list[dict]) -> list[str]:
    """Rebuild paragraphs: a line that reaches the right margin continues on the next."""
    if not lines:
        return []
    widths = sorted(l["x1"] for l in lines if len(l["text"]) >= 8) or sorted(l["x1"] for l in lines)
    margin = widths[int(0.9 * (len(widths) - 1))]
    left = min(l["x0"] for l in lines)
    out: list[str] = []
    current = ""
    for i, line in enumerate(lines):
        current = f"{current}{line['text']}" if current else line["text"]
        nxt = lines[i + 1] if i + 1 < len(lines) else None
        full = line["x1"] >= margin - 1.5 * line["size"]
        continues = (
            nxt is not None
            and full
            and nxt["x0"] <= left + 0.8 * nxt["size"]
            and not (line["text"][-1] in _SENTENCE_END and _HEADING_START_RE.match(nxt["text"]))
        )
        if not continues:
            out.append(current)
            current = ""
    return out


def _page_items(page, items: list, carried=None):
    """Append a page's text lines and tables to ``items`` in reading order (top to bottom):
    ``("lines", [line dicts])`` for a run of lines, ``("table", rows)`` for a table. Returns the
    column gaps of a table printed without rules that runs on to the next page (else None);
    ``carried``: those of the previous page."""
    found = page.find_tables()
    tables = [(t.bbox, _pdf_table_rows(t)) for t in found]
    runs_on = None
    if not tables:  # a table printed without rules is found by its columns
        unruled, runs_on = unruled_tables(page, carried)
        tables = [(box, tuple(tuple(_cell_join(c) for c in row) for row in rows)) for box, rows in unruled]
    lines = _pdf_lines(page, [box for box, _rows in tables])
    if lines and _is_page_number(lines[-1], page.width, page.height):
        lines.pop()
    if lines and _is_page_number(lines[0], page.width, page.height):
        lines.pop(0)
    events: list[tuple[float, int, object]] = [(line["top"], 0, line) for line in lines]
    events += [(box[1], 1, rows) for box, rows in tables]
    events.sort(key=lambda e: (e[0], e[1]))
    for _top, kind, payload in events:
        if kind == 1:
            items.append(("table", payload))
        elif items and items[-1][0] == "lines":
            items[-1][1].append(payload)
        else:
            items.append(("lines", [payload]))
    return runs_on


def _read_pages(data: bytes) -> tuple[list, int]:
    """Every page's lines and tables (see :func:`_page_items`) and how many complaints pdfminer logged."""
    import pdfplumber

    items: list = []
    complaints = _PdfComplaints()
    try:
        with pywarnings.catch_warnings(), complaints:
            pywarnings.simplefilter("ignore")
            with pdfplumber.open(io.BytesIO(data)) as pdf:
                carried = None
                for page in pdf.pages:
                    carried = _page_items(page, items, carried)
    except IngestError:
        raise
    except Exception as exc:  # pdfminer raises many types on broken or encrypted files
        name = f"{type(exc).__name__} {exc.args!r} {type(exc.__cause__).__name__}"
        if "Password" in name or "Encrypt" in name:
            raise IngestError("the PDF is password-protected") from None
        raise IngestError(f"cannot read the PDF ({short_reason(exc)})") from None
    return items, complaints.count


def _merge_items(items: list) -> tuple[list[Item], list[tuple[Row, ...]]]:
    """Lines joined into paragraphs, and a table continued on the next page (same column count)
    joined to its start, a repeated header row dropped. Returns the items and the tables."""
    merged: list[Item] = []
    tables: list[tuple[Row, ...]] = []
    for kind, payload in items:
        if kind == "lines":
            merged.extend(_join_pdf_lines(payload))
            continue
        rows = payload
        previous = merged[-1][1] if merged and isinstance(merged[-1], tuple) else None
        if previous and rows and len(previous[0]) == len(rows[0]):
            drop = 1 if rows[0] == previous[0] else 0
            shift = len(previous) - drop
            rows = tuple(tuple(Covered(c.row + shift, c.col) if isinstance(c, Covered) else c for c in row)
                         for row in rows[drop:])
            merged[-1] = ("pdf", previous + rows)
            tables[-1] = merged[-1][1]
        else:
            merged.append(("pdf", rows))
            tables.append(rows)
    return merged, tables


def _ragged(tables: list[tuple[Row, ...]]) -> list[Ragged]:
    """The tables with rows shorter than their widest row."""
    out = []
    for n, rows in enumerate(tables, 1):
        width = max((len(r) for r in rows), default=0)
        short = [i + 1 for i, r in enumerate(rows) if len(r) < width]
        if short:
            out.append(Ragged(table=n, rows_short=len(short), width=width, example=short[0]))
    return out


def read_pdf(data: bytes) -> ReaderOutput:
    """The text and ruled tables of a PDF's text layer."""
    if not data.lstrip()[:5] == b"%PDF-":
        raise IngestError("not a PDF file (no %PDF header)")
    items, complaints = _read_pages(data)
    merged, tables = _merge_items(items)
    text, blocks = assemble(merged)
    if not text.strip():
        raise IngestError("the PDF has no text layer (a scanned image?)")
    damaged = ("the PDF is damaged; some text may be missing",) if complaints else ()
    return ReaderOutput(text=text, encoding="", warnings=damaged + table_warnings(_ragged(tables)), tables=blocks)


class _PdfComplaints(logging.Handler):
    """Collects pdfminer's log messages about a damaged file instead of printing them."""

    LOGGERS = ("pdfminer", "pdfplumber")

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.count = 0
        self._saved: list[tuple[logging.Logger, bool, int]] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.count += 1

    def __enter__(self) -> "_PdfComplaints":
        for name in self.LOGGERS:
            logger = logging.getLogger(name)
            self._saved.append((logger, logger.propagate, logger.level))
            logger.addHandler(self)
            logger.propagate = False
            if logger.level == logging.NOTSET or logger.level > logging.WARNING:
                logger.setLevel(logging.WARNING)
        return self

    def __exit__(self, *exc) -> None:
        for logger, propagate, level in self._saved:
            logger.removeHandler(self)
            logger.propagate = propagate
            logger.setLevel(level)
        self._saved.clear()

