"""What a reader raises when a file cannot be read as a plan, and how an exception is worded for it.

In: a reader's failure (or a library's exception). Out: :class:`IngestError` with a one-line message.
"""
from __future__ import annotations

import re

_UNPRINTABLE_RE = re.compile(r"[\x00-\x1f\x7f-\x9f\ufffd]")


class IngestError(Exception):
    """A file that cannot be read as a plan; the message says why."""


def short_reason(exc: BaseException) -> str:
    """An exception as a few words for a one-line message."""
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else ""
    text = _UNPRINTABLE_RE.sub("?", text)
    text = text[:60] + ("…" if len(text) > 60 else "")
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__


OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"   # the binary Office formats (.doc, .xls) start so


def check_office_zip(data: bytes, app: str, old: str, new: str) -> None:
    """Refuse bytes that are no Office Open XML file (a zip archive): the binary format it replaced
    (``old``), or anything else, with a message naming the ``app`` and the suffix to save as."""
    if data[:8] == OLE_MAGIC:
        raise IngestError(f"old {app} {old} format (not {new}); save it as {new}")
    if not data.startswith(b"PK"):
        article = "an" if app[0] in "AEIOU" else "a"
        raise IngestError(f"not {article} {app} {new} file (not a zip archive)")
