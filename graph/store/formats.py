"""Query results as text: an aligned table for a terminal (CJK-aware), CSV, TSV or JSON.

In: ``Results`` and a format name (one of ``FORMATS``). Out: the text, ending with a newline;
``QueryError`` for an unknown format.
"""
from __future__ import annotations

import csv
import io
import json
import unicodedata

from graph.store.errors import QueryError
from graph.store.terms import Results

FORMATS = ("table", "csv", "tsv", "json")


def format_results(results: Results, fmt: str) -> str:
    """Results as ``table`` (aligned, CJK-aware), ``csv``, ``tsv`` or ``json`` (row objects)."""
    if fmt == "csv":
        return _delimited(results, ",")
    if fmt == "tsv":
        return _delimited(results, "\t")
    if fmt == "json":
        rows = [{v: (t.to_python() if t is not None else None) for v, t in zip(results.variables, row)}
                for row in results.rows]
        return json.dumps(rows, ensure_ascii=False, indent=1) + "\n"
    if fmt == "table":
        return _table(results)
    raise QueryError(f"unknown format '{fmt}' (use one of {', '.join(FORMATS)})")


def _delimited(results: Results, delimiter: str) -> str:
    buffer = io.StringIO()
    if delimiter == ",":
        writer = csv.writer(buffer, lineterminator="\r\n")
        writer.writerow(results.variables)
        writer.writerows([t.value if t is not None else "" for t in row] for row in results.rows)
        return buffer.getvalue()
    escape = str.maketrans({"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"})
    lines = ["\t".join(results.variables)]
    lines += ["\t".join((t.value if t is not None else "").translate(escape) for t in row) for row in results.rows]
    return "\n".join(lines) + "\n"


TABLE_CELL_WIDTH = 60


def display_width(text: str) -> int:
    """Columns the text takes in a terminal (wide and full-width characters count 2)."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 0 if unicodedata.combining(c) else 1
               for c in text)


def _fit(text: str, width: int) -> str:
    text = " ".join(text.split())
    if display_width(text) <= width:
        return text
    out, used = [], 0
    for char in text:
        w = display_width(char)
        if used + w > width - 1:
            break
        out.append(char)
        used += w
    return "".join(out) + "…"


def _pad(text: str, width: int) -> str:
    return text + " " * (width - display_width(text))


def _table(results: Results) -> str:
    header = list(results.variables)
    body = [[_fit(t.value if t is not None else "", TABLE_CELL_WIDTH) for t in row] for row in results.rows]
    widths = [max([display_width(h)] + [display_width(r[i]) for r in body]) for i, h in enumerate(header)]
    lines = ["  ".join(_pad(h, w) for h, w in zip(header, widths)).rstrip(),
             "  ".join("-" * w for w in widths)]
    lines += ["  ".join(_pad(c, w) for c, w in zip(row, widths)).rstrip() for row in body]
    lines.append(f"({len(body)} row{'s' if len(body) != 1 else ''})")
    return "\n".join(lines) + "\n"
