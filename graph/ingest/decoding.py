"""Bytes of a text file or web page in, text out: encoding detection and line-end cleanup.

:func:`decode_bytes` takes the raw bytes (and the charset a page declares) and returns a
:class:`Decoded` (text, encoding used, warnings); bytes that are not text raise
:class:`IngestError`.
"""
from __future__ import annotations

import codecs
import re
from dataclasses import dataclass, replace

from graph.ingest.errors import IngestError

#: Declared charsets that GB18030 extends: pages that say ``gb2312`` often hold GBK/GB18030.
GB_FAMILY = {"gb2312", "gb_2312", "gb_2312-80", "gbk", "x-gbk", "cp936", "euc-cn", "csgb2312", "gb18030", "ms936"}

# Characters that do not occur in text: C0 controls other than tab/newlines, DEL,
# the replacement character and private-use code points.
_NOT_TEXT_RE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffd\ue000-\uf8ff]")
_NOT_TEXT_MAX_SHARE = 0.01


@dataclass(frozen=True)
class Decoded:
    """Text decoded from bytes, with the encoding used and any warnings."""

    text: str
    encoding: str
    warnings: tuple[str, ...] = ()


def _looks_like_text(text: str) -> bool:
    """True unless the text holds control or private-use characters in numbers."""
    if not text:
        return True
    bad = len(_NOT_TEXT_RE.findall(text))
    return bad <= max(2, len(text) * _NOT_TEXT_MAX_SHARE)


def _canonical_encoding(name: str) -> str:
    """Python's codec name for a declared charset; GB2312/GBK are read as GB18030."""
    name = name.strip().lower()
    if name in GB_FAMILY:
        return "gb18030"
    try:
        return codecs.lookup(name).name
    except LookupError:
        return ""


def _decode_dropping_cut_tail(data: bytes, encoding: str) -> Decoded | None:
    """Decode strictly; if only the last character is cut off, drop it and warn."""
    try:
        return Decoded(text=data.decode(encoding), encoding=encoding)
    except UnicodeDecodeError as exc:
        if exc.end < len(data) or len(data) - exc.start > 4:
            return None
        try:
            text = data[: exc.start].decode(encoding)
        except UnicodeDecodeError:
            return None
        dropped = len(data) - exc.start
        return Decoded(text=text, encoding=encoding,
                       warnings=(f"file ends in the middle of a character; dropped the last {dropped} byte(s)",))


def decode_bytes(data: bytes, declared: str = "") -> Decoded:
    """Decode the bytes of a text file or web page.

    Order: a byte-order mark; UTF-8; the declared charset (GB2312/GBK read as
    GB18030); GB18030; then charset detection. Raises :class:`IngestError` when the
    bytes are not text. Item numbers a mirror site garbled (:func:`repair_shifted_numbers`) are mended.
    """
    decoded = _decode_bytes(data, declared)
    if SHIFTED_NUMBER.search(decoded.text) is None:
        return decoded
    return replace(decoded, text=repair_shifted_numbers(decoded.text))


#: GBK lead byte of each Chinese numeral (一 D2BB, 二 B6FE …): no two share one.
NUMERAL_OF_LEAD_BYTE = {c.encode("gbk")[0]: c for c in "一二三四五六七八九十"}
SHIFTED_NUMBER = re.compile(r"\?。(.)")
SHIFTED_RUN_MAX = 12   # characters before an ASCII one brings the bytes back in step


def _gbk(ch: str) -> bytes:
    try:
        return ch.encode("gbk")
    except UnicodeEncodeError:
        return b""


def repair_shifted_numbers(text: str) -> str:
    """``(一)紧扣指标任务`` for ``?。ㄒ唬┚o扣指标任务``: a heading's number and first words that a mirror site
    decoded one byte out of step (the full-width space before ``(一)`` lost its first byte, so ``。`` ``ㄒ`` ``唬``
    ``┚`` pair the bytes of ``(`` ``一`` ``)`` and the next character wrongly), read in step again up to the first
    ASCII character, where the bytes fall back in step.

    Family: 繁體 mirror copies with pinyin glosses of official pages (d61 江苏 2006, k01 广州 2006, e51 韶關,
    e52 閔行, k52 郑州 2007): the numeral comes from the second byte of the character after ``。`` (``ㄒ`` is A8 D2,
    D2 the lead byte of 一), the words from the bytes after the ``)`` (the character led by A9)."""
    out: list[str] = []
    pos = 0
    for m in SHIFTED_NUMBER.finditer(text):
        pair = _gbk(m.group(1))
        if m.start() < pos or len(pair) != 2 or pair[0] != 0xA8 or pair[1] not in NUMERAL_OF_LEAD_BYTE:
            continue
        close = next((k for k in range(m.end(), min(len(text), m.end() + 3)) if _gbk(text[k])[:1] == b"\xa9"), None)
        if close is None:
            continue
        ascii_at = next((k for k in range(close, min(len(text), close + SHIFTED_RUN_MAX)) if text[k].isascii()), None)
        words, end = "", close + 1
        if ascii_at is not None:
            try:
                words, end = b"".join(_gbk(c) for c in text[close:ascii_at + 1])[1:].decode("gbk"), ascii_at + 1
            except UnicodeDecodeError:
                pass
        out += [text[pos:m.start()], f"({NUMERAL_OF_LEAD_BYTE[pair[1]]})", words]
        pos = end
    out.append(text[pos:])
    return "".join(out)


def _decode_bytes(data: bytes, declared: str = "") -> Decoded:
    """:func:`decode_bytes` before its repairs."""
    for bom, encoding in ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be")):
        if data.startswith(bom):
            decoded = _decode_dropping_cut_tail(data[len(bom):], encoding)
            if decoded is None:
                raise IngestError(f"not valid {encoding.upper()} text despite its byte-order mark")
            return decoded
    if b"\x00" in data[:65536]:
        raise IngestError("binary data, not text")
    tried: list[str] = []
    declared_codec = _canonical_encoding(declared) if declared else ""
    # valid UTF-8 beyond ASCII is almost never another encoding by chance, so it goes first
    for encoding in ("utf-8", declared_codec, "gb18030"):
        if not encoding or encoding in tried:
            continue
        tried.append(encoding)
        decoded = _decode_dropping_cut_tail(data, encoding)
        if decoded is not None and _looks_like_text(decoded.text):
            if declared_codec and encoding != declared_codec and not data.isascii():
                note = f"declared charset '{declared}' does not match the bytes; read as {encoding}"
                decoded = Decoded(text=decoded.text, encoding=decoded.encoding, warnings=decoded.warnings + (note,))
            return decoded
    return _detect(data)


def _detect(data: bytes) -> Decoded:
    """Decode with charset detection, the last resort."""
    from charset_normalizer import from_bytes

    best = from_bytes(data[: 1024 * 1024]).best()
    if best is not None:
        encoding = _canonical_encoding(best.encoding) or best.encoding
        decoded = _decode_dropping_cut_tail(data, encoding)
        if decoded is not None and _looks_like_text(decoded.text):
            return decoded
    raise IngestError("binary data or unknown text encoding (tried UTF-8, GB18030 and detection)")


def decode_text(data: bytes) -> tuple[str, str]:
    """Decode bytes of a text file: ``(text, encoding)``; see :func:`decode_bytes`."""
    decoded = decode_bytes(data)
    return decoded.text, decoded.encoding


def normalise_newlines(text: str) -> str:
    """Unify line ends and drop characters that only break lines apart."""
    return text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n").replace("\u3000", " ")
