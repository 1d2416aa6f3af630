"""Document text put into Markdown reports: HTML in it is shown as text, never run or rendered."""
from __future__ import annotations

import html


def text(value: object) -> str:
    """Text from a document for a Markdown line: ``<``, ``>`` and ``&`` escaped, on one line."""
    return html.escape(str(value), quote=False).replace("\r", " ").replace("\n", " ")


def cell(value: object) -> str:
    """Text from a document for a Markdown table cell (``|`` escaped too)."""
    return text(value).replace("|", "\\|")
