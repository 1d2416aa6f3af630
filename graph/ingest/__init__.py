"""Read a plan file into text: the ``ingest`` stage.

In: a file path (.txt, .html, .mhtml, .docx, .doc, .pdf, .xlsx). Out: a :class:`graph.records.SourceText` whose ``text``
holds one paragraph or table cell per line; later stages do not know the file format.
Tables read from Word, PDF and HTML files are also returned as :class:`graph.records.Table`
blocks: rows × cells on the table's grid, each cell with its text and its offsets in ``text``.
The text holds a table's cells one per line in row order (a merged cell once, the other
positions it covers as empty lines), so ``text[table.start:table.end]`` is the table flattened;
in the Table a merged cell is the same :class:`graph.records.Cell` in every row and column it spans.

Unreadable input raises :class:`IngestError` with a short message naming the problem; readable
input with a defect (a cut-off last character, a ragged table) comes back with
``SourceText.warnings``. See ``docs/formats.md``.

The modules: :mod:`~graph.ingest.document` (checks and dispatch), :mod:`~graph.ingest.registry`
(suffix → format → reader), one reader per format (:mod:`~graph.ingest.txt`,
:mod:`~graph.ingest.html`, :mod:`~graph.ingest.docx`, :mod:`~graph.ingest.pdf`),
:mod:`~graph.ingest.decoding` (bytes → text) and :mod:`~graph.ingest.layout` (lines and tables → one text).
"""
from __future__ import annotations

from graph.ingest.decoding import GB_FAMILY, Decoded, decode_bytes, decode_text, normalise_newlines
from graph.ingest.document import DEFAULT_MAX_BYTES, MAX_BYTES_ENV, max_bytes_limit, read_document
from graph.ingest.errors import IngestError
from graph.ingest.layout import Covered, ReaderOutput, assemble, clean_cell, clean_line
from graph.ingest.registry import READERS, SUFFIXES, SUPPORTED_SUFFIXES, UNSUPPORTED_ADVICE, format_of, register
from graph.ingest.txt import reflow_hard_wraps

__all__ = [
    "IngestError", "read_document", "format_of", "max_bytes_limit", "DEFAULT_MAX_BYTES", "MAX_BYTES_ENV",
    "Decoded", "decode_bytes", "decode_text", "normalise_newlines", "GB_FAMILY", "clean_line", "clean_cell",
    "Covered", "ReaderOutput", "assemble", "reflow_hard_wraps", "READERS", "SUFFIXES", "SUPPORTED_SUFFIXES",
    "UNSUPPORTED_ADVICE", "register",
]
