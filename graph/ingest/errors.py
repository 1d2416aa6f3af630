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
