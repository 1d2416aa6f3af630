"""Read a plan file into text: the ``ingest`` stage.

Every reader returns a :class:`graph.records.SourceText` whose ``text`` holds one
paragraph or table cell per line; later stages do not know the file format.
Unreadable input raises :class:`IngestError` with a message naming the problem.
"""
from __future__ import annotations

import hashlib
from pathlib import Path

from graph.records import SourceText

TEXT_SUFFIXES = {".txt", ".text", ".md"}
SUPPORTED_SUFFIXES = TEXT_SUFFIXES


class IngestError(Exception):
    """A file that cannot be read as a plan; the message says why."""


def decode_text(data: bytes) -> tuple[str, str]:
    """Decode bytes of a text file: UTF-8 (with or without BOM), else GB18030.

    Returns ``(text, encoding)``. Raises :class:`IngestError` on bytes that are
    not text in any of these encodings.
    """
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("gb18030"), "gb18030"
    except UnicodeDecodeError as exc:
        raise IngestError(f"not UTF-8 or GB18030 text (bad byte at offset {exc.start})") from None


def normalise_newlines(text: str) -> str:
    """Unify line ends and drop characters that only break lines apart."""
    return text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n").replace("\u3000", " ")


def read_document(path: str | Path) -> SourceText:
    """Read one plan file into a :class:`SourceText`."""
    p = Path(path)
    try:
        data = p.read_bytes()
    except OSError as exc:
        raise IngestError(f"cannot read file: {exc.strerror or exc}") from None
    suffix = p.suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        raise IngestError(f"unknown file type '{suffix or '(none)'}'")
    if not data.strip():
        raise IngestError("empty file")
    text, encoding = decode_text(data)
    return SourceText(
        path=str(path),
        name=p.name,
        sha256=hashlib.sha256(data).hexdigest(),
        text=normalise_newlines(text),
        format="txt",
        encoding=encoding,
    )
