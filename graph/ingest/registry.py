"""Which reader reads which file: a format name per suffix, a reader function per format.

In: a file name. Out: its format (``txt``/``html``/``mhtml``/``docx``/``doc``/``pdf``/``xlsx``) and the function that turns the
file's bytes into a :class:`graph.ingest.layout.ReaderOutput`. A new format is one module with a
``read_…(data: bytes) -> ReaderOutput`` function and one :func:`register` call here.
"""
from __future__ import annotations

from pathlib import Path
from typing import Callable

from graph.ingest.doc import read_doc97
from graph.ingest.docx import read_docx
from graph.ingest.html import read_html
from graph.ingest.layout import ReaderOutput
from graph.ingest.mhtml import read_mhtml
from graph.ingest.pdf import read_pdf
from graph.ingest.txt import read_txt
from graph.ingest.xlsx import read_xlsx

Reader = Callable[[bytes], ReaderOutput]

#: Format name → its reader.
READERS: dict[str, Reader] = {}
#: File suffix (lower case, with the dot) → format name.
SUFFIXES: dict[str, str] = {}

#: What to do with formats plankg does not read, by suffix.
UNSUPPORTED_ADVICE = {
    ".rtf": "save it as .docx",
    ".odt": "save it as .docx",
    ".ofd": "OFD: export it to PDF",
    ".xls": "old Excel format: save it as .xlsx",
    ".et": "WPS spreadsheet: save it as .xlsx",
}


def register(fmt: str, reader: Reader, suffixes: tuple[str, ...]) -> None:
    """Read files with these suffixes as ``fmt``, with ``reader``."""
    READERS[fmt] = reader
    for suffix in suffixes:
        SUFFIXES[suffix] = fmt


register("txt", read_txt, (".txt", ".text", ".md"))
register("html", read_html, (".html", ".htm", ".shtml", ".xhtml"))
register("mhtml", read_mhtml, (".mhtml", ".mht"))   # a page saved as one file (Chrome, Edge, IE)
register("docx", read_docx, (".docx",))
register("doc", read_doc97, (".doc", ".wps"))  # WPS writes .wps in the Word 97 format
register("pdf", read_pdf, (".pdf",))
register("xlsx", read_xlsx, (".xlsx",))

SUPPORTED_SUFFIXES = frozenset(SUFFIXES)


def format_of(path: str | Path) -> str:
    """The format plankg reads a file as (``txt``/``html``/``mhtml``/``docx``/``doc``/``pdf``/``xlsx``), or ``""``."""
    return SUFFIXES.get(Path(path).suffix.lower(), "")
