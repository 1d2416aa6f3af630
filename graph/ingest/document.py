"""A plan file's path in, a :class:`graph.records.SourceText` out: the file checked (type, size,
emptiness), read by the reader its suffix names, and its text, tables and warnings returned."""
from __future__ import annotations

import hashlib
import os
from pathlib import Path

from graph.ingest.errors import IngestError
from graph.ingest.registry import READERS, UNSUPPORTED_ADVICE, format_of
from graph.records import SourceText

#: Files larger than this are refused unless ``max_bytes`` (or the environment
#: variable ``PLANKG_MAX_BYTES``) says otherwise.
DEFAULT_MAX_BYTES = 50 * 1024 * 1024
MAX_BYTES_ENV = "PLANKG_MAX_BYTES"


def max_bytes_limit(max_bytes: int | None = None) -> int:
    """The size limit in force: the argument, else ``PLANKG_MAX_BYTES``, else the default."""
    if max_bytes is not None:
        return max_bytes
    env = os.environ.get(MAX_BYTES_ENV, "").strip()
    return int(env) if env.isdigit() else DEFAULT_MAX_BYTES


def _megabytes(n: int) -> str:
    return f"{n / (1024 * 1024):.0f} MB" if n >= 1024 * 1024 else f"{n} bytes"


def _read_bytes(p: Path, limit: int) -> bytes:
    """The file's bytes; a folder, an unreadable, too large or empty file raises :class:`IngestError`."""
    try:
        if p.is_dir():
            raise IngestError("is a folder, not a file")
        size = p.stat().st_size
        if size > limit:
            raise IngestError(f"file too large ({_megabytes(size)}; the limit is {_megabytes(limit)})")
        with p.open("rb") as handle:
            data = handle.read(limit + 1)
    except OSError as exc:
        raise IngestError(f"cannot read file: {exc.strerror or exc}") from None
    if len(data) > limit:
        raise IngestError(f"file too large (over {_megabytes(limit)})")
    if not data.strip():
        raise IngestError("empty file")
    return data


def read_document(path: str | Path, *, max_bytes: int | None = None) -> SourceText:
    """Read one plan file into a :class:`SourceText`.

    Raises :class:`IngestError` for files that cannot be read: unknown type,
    larger than ``max_bytes`` (see :func:`max_bytes_limit`), empty, binary,
    broken or without text.
    """
    p = Path(path)
    fmt = format_of(p)
    if not fmt:
        suffix = p.suffix.lower() or "(none)"
        advice = UNSUPPORTED_ADVICE.get(suffix, "plankg reads .txt, .html, .mhtml, .docx, .doc, .pdf, .xlsx")
        raise IngestError(f"unsupported file type '{suffix}' ({advice})")
    data = _read_bytes(p, max_bytes_limit(max_bytes))
    read = READERS[fmt](data)
    if not read.text.strip():
        raise IngestError("no text in the file")
    return SourceText(path=str(path), name=p.name, sha256=hashlib.sha256(data).hexdigest(), text=read.text,
                      format=fmt, encoding=read.encoding, tables=read.tables, warnings=tuple(read.warnings))
