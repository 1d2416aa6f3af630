"""A saved web archive (.mhtml, .mht) in, its page read as a web page: the archive is a MIME message
(``multipart/related``) whose HTML part is the page, quoted-printable or base64 encoded, with the
page's resources (images, style sheets) as the other parts.

Browsers write these files when a page is saved as one file: Chrome and Edge (.mhtml, the page
re-serialised in UTF-8), Internet Explorer and the WPS/Office "web archive" (.mht, often in the
page's own GB2312 charset, declared on the part).
"""
from __future__ import annotations

import email
import email.policy
from email.message import Message

from graph.ingest.errors import IngestError
from graph.ingest.html import read_html
from graph.ingest.layout import ReaderOutput


def read_mhtml(data: bytes) -> ReaderOutput:
    """The text and data tables of the web page an archive holds (its first HTML part)."""
    if b"\x00" in data[:4096]:
        raise IngestError("not a web archive (binary data)")
    message = email.message_from_bytes(data, policy=email.policy.compat32)
    page = _html_part(message)
    if page is None:
        raise IngestError("web archive holds no HTML page")
    body = page.get_payload(decode=True)
    if not isinstance(body, bytes) or not body.strip():
        raise IngestError("web archive's HTML page is empty")
    return read_html(body, declared=page.get_content_charset() or "")


def _html_part(message: Message) -> Message | None:
    """The first part of type text/html (the archive's page), or None."""
    for part in message.walk():
        if part.get_content_type() == "text/html" and not part.is_multipart():
            return part
    return None
