"""Read a plan file into text: the ``ingest`` stage.

Every reader returns a :class:`graph.records.SourceText` whose ``text`` holds one
paragraph or table cell per line; later stages do not know the file format.
Tables read from Word, PDF and HTML files are also returned as
:class:`graph.records.Table` blocks: rows × cells on the table's grid, each cell with its
text and its offsets in ``text``. The text holds a table's cells one per line in row order
(a merged cell once, the other positions it covers as empty lines), so
``text[table.start:table.end]`` is the table flattened; in the Table a merged cell is the
same :class:`graph.records.Cell` in every row and column it spans.

Unreadable input raises :class:`IngestError` with a short message naming the
problem; readable input with a defect (a cut-off last character, a ragged
table) comes back with ``SourceText.warnings``. See ``docs/formats.md``.
"""
from __future__ import annotations

import codecs
import hashlib
import io
import logging
import os
import re
import warnings as pywarnings
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Sequence, Union

from graph.chars import CharMap
from graph.records import Cell, SourceText, Table

TEXT_SUFFIXES = {".txt", ".text", ".md"}
HTML_SUFFIXES = {".html", ".htm", ".shtml", ".xhtml"}
DOCX_SUFFIXES = {".docx"}
PDF_SUFFIXES = {".pdf"}
SUPPORTED_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | DOCX_SUFFIXES | PDF_SUFFIXES

#: What to do with formats plankg does not read, by suffix.
UNSUPPORTED_ADVICE = {
    ".doc": "old Word format: save it as .docx",
    ".wps": "WPS format: save it as .docx",
    ".rtf": "save it as .docx",
    ".odt": "save it as .docx",
    ".ofd": "OFD: export it to PDF",
    ".xls": "spreadsheets are not read",
    ".xlsx": "spreadsheets are not read",
    ".et": "spreadsheets are not read",
    ".mht": "web archive: save the page as .html",
    ".mhtml": "web archive: save the page as .html",
}

#: Files larger than this are refused unless ``max_bytes`` (or the environment
#: variable ``PLANKG_MAX_BYTES``) says otherwise.
DEFAULT_MAX_BYTES = 50 * 1024 * 1024
MAX_BYTES_ENV = "PLANKG_MAX_BYTES"

#: Declared charsets that GB18030 extends: pages that say ``gb2312`` often hold GBK/GB18030.
GB_FAMILY = {"gb2312", "gb_2312", "gb_2312-80", "gbk", "x-gbk", "cp936", "euc-cn", "csgb2312", "gb18030", "ms936"}

# Characters that do not occur in text: C0 controls other than tab/newlines, DEL,
# the replacement character and private-use code points.
_NOT_TEXT_RE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffd\ue000-\uf8ff]")
_NOT_TEXT_MAX_SHARE = 0.01

_CJK = "\u2e80-\u2fdf\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef"
_CJK_WRAP_RE = re.compile(rf"(?<=[{_CJK}])[ \t]*\n\s*(?=[{_CJK}])")
_CJK_GAP_RE = re.compile(rf"(?<=[{_CJK}]) +(?=[{_CJK}])")
_SPACES_RE = re.compile(r"[ \t\r\f\v\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
DROP_ZERO_WIDTH = CharMap(dict.fromkeys("\u200b\u200c\u200d\u2060\ufeff\u00ad", ""))


class IngestError(Exception):
    """A file that cannot be read as a plan; the message says why."""


@dataclass(frozen=True)
class Covered:
    """A grid position covered by a merged cell: ``row``/``col`` of the cell that holds the value
    (in the rows as the reader built them). Flattened to an empty line in the text."""

    row: int
    col: int

    def __bool__(self) -> bool:  # no text of its own
        return False


GridCell = Union[str, Covered]
Row = tuple[GridCell, ...]
Item = Union[str, tuple[str, tuple[Row, ...]]]  # a line of text, or (table kind, the table's rows)


@dataclass(frozen=True)
class Decoded:
    """Text decoded from bytes, with the encoding used and any warnings."""

    text: str
    encoding: str
    warnings: tuple[str, ...] = ()


# --------------------------------------------------------------------------- text

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
        return Decoded(data.decode(encoding), encoding)
    except UnicodeDecodeError as exc:
        if exc.end < len(data) or len(data) - exc.start > 4:
            return None
        try:
            text = data[: exc.start].decode(encoding)
        except UnicodeDecodeError:
            return None
        dropped = len(data) - exc.start
        return Decoded(text, encoding, (f"file ends in the middle of a character; dropped the last {dropped} byte(s)",))


def decode_bytes(data: bytes, declared: str = "") -> Decoded:
    """Decode the bytes of a text file or web page.

    Order: a byte-order mark; UTF-8; the declared charset (GB2312/GBK read as
    GB18030); GB18030; then charset detection. Raises :class:`IngestError` when the
    bytes are not text.
    """
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
                decoded = Decoded(decoded.text, decoded.encoding, decoded.warnings + (note,))
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


def clean_line(text: str) -> str:
    """One line of extracted text: zero-width characters gone, spaces collapsed, trimmed."""
    return _SPACES_RE.sub(" ", DROP_ZERO_WIDTH(text)).strip()


def clean_cell(text: str) -> str:
    """A table cell on one line: wrapped CJK lines joined, other line breaks become spaces."""
    text = _CJK_WRAP_RE.sub("", DROP_ZERO_WIDTH(text))
    return clean_line(text.replace("\n", " "))


def _read_txt(data: bytes) -> tuple[str, str, tuple[str, ...], tuple[Table, ...]]:
    decoded = decode_bytes(data)
    return reflow_hard_wraps(normalise_newlines(decoded.text)), decoded.encoding, decoded.warnings, ()


PARAGRAPH_END = re.compile(r"[。;；!！?？:：)）”」》]\s*$")
STARTS_ITEM = re.compile(r"\s*(?:[一二三四五六七八九十]+、|[(（][一二三四五六七八九十\d]+[)）]|\d{1,3}[.．、](?!\d)|第[一二三四五六七八九十百]+[章条部节]|[①-⑳]|附件)")


def reflow_hard_wraps(text: str) -> str:
    """Join paragraphs that were broken at a fixed width (text saved from a PDF or a printout).

    Only when most long lines share one width; a line that fills the width and does not end
    a sentence continues on the next line. Text with one paragraph per line is left as is.
    """
    lines = text.split("\n")
    widths = Counter(width for width in map(len, map(str.rstrip, lines)) if width >= 16)
    if not widths:
        return text
    width, _ = widths.most_common(1)[0]
    near = sum(n for w, n in widths.items() if abs(w - width) <= 1)
    if near < 0.4 * sum(widths.values()) or near < 8:
        return text
    out: list[str] = []
    for line in lines:
        previous = out[-1].rstrip() if out else ""
        if out and len(previous) >= width - 1 and not PARAGRAPH_END.search(previous) \
                and line.strip() and not STARTS_ITEM.match(line):
            out[-1] = previous + line.strip()
        else:
            out.append(line)
    return "\n".join(out)


# ------------------------------------------------------------------ common layout

def assemble(items: Iterable[Item]) -> tuple[str, tuple[Table, ...]]:
    """Join lines and tables into one text, one line each, with the tables as :class:`Table` blocks.

    Empty lines are dropped; a table is ``(kind, rows)``; its rows are padded to the table's
    width so every row has as many cells as the widest; empty cells stay as empty lines. A
    :class:`Covered` position is an empty line in the text and, in the Table, the Cell of the
    merged cell that covers it. Rows without text of their own are left out.
    """
    parts: list[str] = []
    blocks: list[Table] = []
    offset = 0

    def put(line: str) -> int:
        nonlocal offset
        if parts:
            offset += 1  # the newline before this line
        start = offset
        parts.append(line)
        offset += len(line)
        return start

    for item in items:
        if isinstance(item, str):
            if item:
                put(item)
            continue
        kind, raw_rows = item
        width = max((len(r) for r in raw_rows), default=0)
        cells: dict[tuple[int, int], Cell] = {}
        rows: list[tuple[Cell, ...]] = []
        start = -1
        for r, raw in enumerate(raw_rows):
            if not any(isinstance(c, str) and c for c in raw):
                continue
            row: list[Cell] = []
            for c, value in enumerate(tuple(raw) + ("",) * (width - len(raw))):
                at = put(value if isinstance(value, str) else "")
                start = at if start < 0 else start
                if isinstance(value, Covered) and (value.row, value.col) in cells:
                    cell = cells[(value.row, value.col)]
                else:
                    cell = Cell(value if isinstance(value, str) else "", at, at + len(value) if isinstance(value, str) else at)
                cells[(r, c)] = cell
                row.append(cell)
            rows.append(tuple(row))
        if rows:
            blocks.append(Table(rows=tuple(rows), start=start, end=offset, kind=kind))
    return "\n".join(parts), tuple(blocks)


def _table_warnings(tables: Sequence[tuple[Row, ...]], ragged: Sequence[tuple[int, int, int, int]]) -> tuple[str, ...]:
    """One warning per ragged table: which rows have fewer cells than the widest."""
    out = []
    for table_no, rows_short, width, example in ragged:
        out.append(f"table {table_no}: {rows_short} row(s) with missing cells (expected {width}; e.g. row {example}), read as empty")
    return tuple(out)


# --------------------------------------------------------------------------- HTML

_META_CHARSET_RE = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_\-:.]+)""", re.I)
_XML_DECL_RE = re.compile(r"^\s*<\?xml[^>]*\?>", re.I)

_HTML_DROP_TAGS = {
    "script", "style", "noscript", "template", "iframe", "nav", "footer", "aside", "button",
    "select", "input", "textarea", "svg", "canvas", "object", "embed", "map", "head", "link", "meta",
}
_HTML_BLOCK_TAGS = {
    "p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "dl", "dt", "dd", "section",
    "article", "header", "main", "blockquote", "pre", "address", "center", "figure", "figcaption",
    "hr", "table", "tr", "td", "th", "caption", "tbody", "thead", "tfoot", "body", "html", "title",
}
#: class/id words that mark page furniture on government sites (word = split on space, - and _).
_HTML_FURNITURE_WORDS = {
    "nav", "navbar", "navigation", "menu", "menus", "breadcrumb", "breadcrumbs", "crumb", "crumbs",
    "bread", "footer", "foot", "sidebar", "side", "share", "sharing", "copyright", "banner", "topbar",
    "toolbar", "search", "login", "friendlink", "links", "position", "location", "dqwz", "weizhi",
    "bottom", "skip", "print", "qrcode", "ewm", "fxd", "bdshare", "related", "relevant", "pager",
    "gotop", "backtop", "dydy", "wzwz",
}
_HTML_HEADER_WORDS = {"header", "head", "top", "masthead"}
_HTML_CONTENT_WORDS = {"article", "title", "content", "detail", "text", "zoom", "main", "con", "body"}
_HTML_LAYOUT_BLOCKS = ("p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "section", "article")
_BREADCRUMB_RE = re.compile(r"^(您?(当前|现在)?的?(所在)?位置|当前位置)\s*[:：]")


def _class_words(el) -> set[str]:
    raw = f"{el.get('class') or ''} {el.get('id') or ''}".lower()
    return {w for w in re.split(r"[\s\-_]+", raw) if w}


def _is_furniture(el) -> bool:
    """Page furniture by tag, class/id words or inline hiding."""
    tag = el.tag if isinstance(el.tag, str) else ""
    if tag in _HTML_DROP_TAGS:
        return True
    style = (el.get("style") or "").replace(" ", "").lower()
    if "display:none" in style or "visibility:hidden" in style:
        return True
    words = _class_words(el)
    if words & _HTML_FURNITURE_WORDS and not words & {"content", "article", "zoom", "detail"}:
        return True
    if tag == "header" or words & _HTML_HEADER_WORDS:
        return not (words & _HTML_CONTENT_WORDS) and el.getparent() is not None and el.getparent().tag != "article"
    return False


def _link_heavy(el) -> bool:
    """A block that is mostly links (menus, link lists, breadcrumbs)."""
    text = re.sub(r"\s+", "", el.text_content())
    if not text:
        return False
    links = sum(len(re.sub(r"\s+", "", a.text_content())) for a in el.iter("a"))
    return links / len(text) > 0.5 and len(text) - links < 40


def _is_data_table(table) -> bool:
    """A table of data (rows and columns) rather than one that lays out a page."""
    if any(True for _ in table.iterdescendants("table")):
        return False
    rows = [tr for tr in table.iter("tr")]
    if len(rows) < 2 or max(len([c for c in tr if c.tag in ("td", "th")]) for tr in rows) < 2:
        return False
    for cell in table.iter("td", "th"):
        blocks = sum(1 for el in cell.iterdescendants(*_HTML_LAYOUT_BLOCKS) if el.text_content().strip())
        if blocks >= 4 or len(cell.text_content()) > 1500:
            return False  # a cell holding a whole article
    return True


def _html_cell_text(cell) -> str:
    lines: list[str] = []
    _html_lines(cell, lines)
    return clean_cell(" ".join(line for line in lines if line))


def _html_table_rows(table) -> tuple[tuple[Row, ...], list[int]]:
    """Rows of an HTML table on a grid: the positions a ``colspan``/``rowspan`` cell covers are
    :class:`Covered` by it. Returns rows and short-row numbers."""
    grid: list[list[GridCell]] = []
    pending: dict[tuple[int, int], Covered] = {}  # (row, col) covered by a rowspan from above
    for r, tr in enumerate(table.iter("tr")):
        row: list[GridCell] = []
        col = 0
        for cell in (c for c in tr if c.tag in ("td", "th")):
            while (r, col) in pending:
                row.append(pending.pop((r, col)))
                col += 1
            try:
                colspan = max(1, min(int(cell.get("colspan") or 1), 50))
                rowspan = max(1, min(int(cell.get("rowspan") or 1), 500))
            except ValueError:
                colspan = rowspan = 1
            row.append(_html_cell_text(cell))
            row.extend([Covered(r, col)] * (colspan - 1))
            for dr in range(1, rowspan):
                for dc in range(colspan):
                    pending[(r + dr, col + dc)] = Covered(r, col)
            col += colspan
        while (r, col) in pending:
            row.append(pending.pop((r, col)))
            col += 1
        grid.append(row)
    width = max((len(r) for r in grid), default=0)
    short = [i + 1 for i, r in enumerate(grid) if 0 < len(r) < width]
    return tuple(tuple(r) for r in grid), short


def _html_lines(el, out: list, tables: list | None = None, ragged: list | None = None) -> None:
    """Append the text of ``el`` to ``out``: one entry per block, a tuple of rows per data table."""
    buf: list[str] = []

    def flush() -> None:
        if buf:
            line = clean_line(_CJK_WRAP_RE.sub("", "".join(buf)).replace("\n", " "))
            buf.clear()
            if line:
                out.append(line)

    def walk(node) -> None:
        tag = node.tag if isinstance(node.tag, str) else ""
        if tag == "table" and tables is not None and _is_data_table(node):
            flush()
            rows, short = _html_table_rows(node)
            tables.append(rows)
            if short and ragged is not None:
                ragged.append((len(tables), len(short), max(len(r) for r in rows), short[0]))
            out.append(("html", rows))
            if node.tail:
                buf.append(node.tail)
            return
        block = tag in _HTML_BLOCK_TAGS
        if tag == "br":
            flush()
        elif block:
            flush()
        if tag and node.text:
            buf.append(node.text)
        for child in node:
            walk(child)
        if block:
            flush()
        if node.tail:
            buf.append(node.tail)

    if el.text:
        buf.append(el.text)
    for child in el:
        walk(child)
    flush()


def _read_html(data: bytes) -> tuple[str, str, tuple[str, ...], tuple[Table, ...]]:
    from lxml import html as lxml_html

    match = _META_CHARSET_RE.search(data[:8192])
    decoded = decode_bytes(data, match.group(1).decode("ascii", "replace") if match else "")
    source = _XML_DECL_RE.sub("", decoded.text)
    try:
        root = lxml_html.document_fromstring(source, parser=lxml_html.HTMLParser(remove_comments=True, remove_pis=True))
    except Exception as exc:  # lxml raises several types on unparsable markup
        raise IngestError(f"cannot parse the web page ({type(exc).__name__})") from None
    title_el = root.find(".//title")
    page_title = clean_line(title_el.text_content()) if title_el is not None else ""
    # "方案名_政策文件_某县人民政府" → the longest part, which is the document's own title
    page_title = max(re.split(r"\s*[_|｜]\s*|\s+[-—]\s+", page_title), key=len) if page_title else ""
    body = root.find("body")
    if body is None:
        body = root
    doomed = [el for el in body.iter() if isinstance(el.tag, str) and _is_furniture(el)]
    for el in doomed:
        if el.getparent() is not None:
            el.drop_tree()
    data_tables: dict = {}
    for el in list(body.iter("ul", "ol", "dl", "div", "table", "section", "td", "form")):
        if el.tag == "td":
            table = next(el.iterancestors("table"), None)
            if table is None:
                continue
            if table not in data_tables:
                data_tables[table] = _is_data_table(table)
            if data_tables[table]:
                continue  # a data table keeps every cell, so its columns stay in place
        if el.getparent() is not None and _link_heavy(el):
            el.drop_tree()
    items: list[Item] = []
    tables: list = []
    ragged: list = []
    _html_lines(body, items, tables, ragged)
    items = [i for i in items if not (isinstance(i, str) and _BREADCRUMB_RE.match(i))]
    if page_title and not any(isinstance(i, str) and page_title in i or isinstance(i, str) and i in page_title and len(i) > 8 for i in items):
        items.insert(0, page_title)
    text, blocks = assemble(items)
    return text, decoded.encoding, decoded.warnings + _table_warnings(tables, ragged), blocks


# --------------------------------------------------------------------------- Word

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"


_TXBX = f"{_W}txbxContent"


def _docx_paragraph_text(p) -> str:
    """Text of a ``w:p`` element: runs, tabs as spaces, line breaks as newlines. The text of a
    text box anchored in the paragraph is not the paragraph's: it is read as blocks of its own."""
    out: list[str] = []
    for node in p.iter(f"{_W}t", f"{_W}tab", f"{_W}br", f"{_W}cr", f"{_W}noBreakHyphen", f"{_W}sym"):
        if _inside(node, p, (_TXBX, _MC_FALLBACK)):
            continue  # a text box's text, or the same text box again for old readers
        tag = node.tag[len(_W):]
        if tag == "t":
            out.append(node.text or "")
        elif tag == "tab":
            out.append(" ")
        elif tag in ("br", "cr"):
            out.append("\n")
        elif tag == "noBreakHyphen":
            out.append("-")
    return "".join(out)


def _docx_numbering(document) -> "_DocxNumbering":
    try:
        numbering = document.part.numbering_part.element
    except (NotImplementedError, KeyError, AttributeError):
        numbering = None
    try:
        styles = document.styles.element
    except (NotImplementedError, KeyError, AttributeError):
        styles = None
    return _DocxNumbering(numbering, styles)


_CN_DIGITS = "零一二三四五六七八九"


def _chinese_number(n: int) -> str:
    """1 → 一, 12 → 十二, 25 → 二十五 (counting form used in list labels)."""
    if n <= 0:
        return str(n)
    if n < 10:
        return _CN_DIGITS[n]
    if n < 20:
        return "十" + (_CN_DIGITS[n % 10] if n % 10 else "")
    if n < 100:
        return _CN_DIGITS[n // 10] + "十" + (_CN_DIGITS[n % 10] if n % 10 else "")
    return str(n)


_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"


class _DocxNumbering:
    """Word's automatic list numbers (``一、``, ``(一)``, ``1.``), rendered as printed."""

    def __init__(self, numbering, styles=None) -> None:
        self.levels: dict[tuple[str, str], tuple[str, str, int]] = {}
        self.counters: dict[str, list[int]] = {}
        self.style_numbers: dict[str, tuple[str | None, str | None]] = {}
        if numbering is None:
            return
        if styles is not None:
            self._read_styles(styles)
        abstract: dict[str, dict[str, tuple[str, str, int]]] = {}
        for an in numbering.iter(f"{_W}abstractNum"):
            levels = {}
            for lvl in an.iter(f"{_W}lvl"):
                fmt = lvl.find(f"{_W}numFmt")
                txt = lvl.find(f"{_W}lvlText")
                start = lvl.find(f"{_W}start")
                levels[lvl.get(f"{_W}ilvl")] = (
                    fmt.get(f"{_W}val") if fmt is not None else "decimal",
                    txt.get(f"{_W}val") if txt is not None else "",
                    int(start.get(f"{_W}val")) if start is not None and (start.get(f"{_W}val") or "").isdigit() else 1,
                )
            abstract[an.get(f"{_W}abstractNumId")] = levels
        for num in numbering.iter(f"{_W}num"):
            ref = num.find(f"{_W}abstractNumId")
            if ref is None:
                continue
            for ilvl, spec in abstract.get(ref.get(f"{_W}val"), {}).items():
                self.levels[(num.get(f"{_W}numId"), ilvl)] = spec

    def _read_styles(self, styles) -> None:
        """Paragraph styles that number their paragraphs (``List Number`` …), through ``basedOn``."""
        own: dict[str, tuple[str | None, str | None]] = {}
        based: dict[str, str] = {}
        for style in styles.iter(f"{_W}style"):
            sid = style.get(f"{_W}styleId") or ""
            base = style.find(f"{_W}basedOn")
            if base is not None:
                based[sid] = base.get(f"{_W}val") or ""
            numpr = style.find(f"{_W}pPr/{_W}numPr")
            if numpr is not None:
                num_el, lvl_el = numpr.find(f"{_W}numId"), numpr.find(f"{_W}ilvl")
                own[sid] = (num_el.get(f"{_W}val") if num_el is not None else None,
                            lvl_el.get(f"{_W}val") if lvl_el is not None else None)
        for sid in set(own) | set(based):
            seen, cur = set(), sid
            while cur and cur not in own and cur not in seen:
                seen.add(cur)
                cur = based.get(cur, "")
            if cur in own:
                self.style_numbers[sid] = own[cur]

    @staticmethod
    def _format(fmt: str, n: int) -> str:
        if fmt in ("chineseCounting", "chineseCountingThousand", "chineseLegalSimplified", "ideographTraditional", "taiwaneseCounting"):
            return _chinese_number(n)
        if fmt == "decimalEnclosedCircle" or fmt == "decimalEnclosedCircleChinese":
            return _CIRCLED[n - 1] if 0 < n <= len(_CIRCLED) else str(n)
        if fmt in ("lowerLetter", "upperLetter"):
            letter = chr(ord("a") + (n - 1) % 26)
            return letter.upper() if fmt == "upperLetter" else letter
        if fmt == "bullet" or fmt == "none":
            return ""
        return str(n)

    def label(self, p) -> str:
        """The number Word would print before paragraph ``p``, or ``""``."""
        if not self.levels:
            return ""
        ppr = p.find(f"{_W}pPr")
        numpr = ppr.find(f"{_W}numPr") if ppr is not None else None
        style_el = ppr.find(f"{_W}pStyle") if ppr is not None else None
        from_style = self.style_numbers.get(style_el.get(f"{_W}val") or "") if style_el is not None else None
        if numpr is None and from_style is None:
            return ""
        num_el = numpr.find(f"{_W}numId") if numpr is not None else None
        lvl_el = numpr.find(f"{_W}ilvl") if numpr is not None else None
        num_id = num_el.get(f"{_W}val") if num_el is not None else (from_style or (None, None))[0]
        ilvl = lvl_el.get(f"{_W}val") if lvl_el is not None else ((from_style or (None, None))[1] or "0")
        spec = self.levels.get((num_id, ilvl))
        if not num_id or num_id == "0" or spec is None:
            return ""
        level = int(ilvl) if ilvl.isdigit() else 0
        counters = self.counters.setdefault(num_id, [0] * 9)
        if level >= 9:
            return ""
        counters[level] += 1
        for deeper in range(level + 1, 9):
            counters[deeper] = 0
        fmt, text, _start = spec
        if fmt == "bullet":
            return ""

        def value(k: int) -> str:
            kspec = self.levels.get((num_id, str(k)), ("decimal", "", 1))
            return self._format(kspec[0], counters[k] + kspec[2] - 1)

        return re.sub(r"%([1-9])", lambda m: value(int(m.group(1)) - 1), text)


def _docx_table_rows(tbl) -> tuple[tuple[Row, ...], list[int]]:
    """Rows of a ``w:tbl`` on its grid: the positions a merged cell covers (``gridSpan`` to the
    right, ``vMerge`` continuations below) are :class:`Covered` by it."""
    rows: list[list[GridCell]] = []
    for r, tr in enumerate(tbl.iterchildren(f"{_W}tr")):
        row: list[GridCell] = []
        trpr = tr.find(f"{_W}trPr")
        before = trpr.find(f"{_W}gridBefore") if trpr is not None else None
        if before is not None and (before.get(f"{_W}val") or "").isdigit():
            row.extend([""] * int(before.get(f"{_W}val")))
        for tc in tr.iterchildren(f"{_W}tc", f"{_W}sdt"):
            tcs = [tc] if tc.tag == f"{_W}tc" else list(tc.iter(f"{_W}tc"))
            for cell in tcs:
                tcpr = cell.find(f"{_W}tcPr")
                span, continued = 1, False
                if tcpr is not None:
                    gs = tcpr.find(f"{_W}gridSpan")
                    if gs is not None and (gs.get(f"{_W}val") or "").isdigit():
                        span = max(1, int(gs.get(f"{_W}val")))
                    vm = tcpr.find(f"{_W}vMerge")
                    continued = vm is not None and vm.get(f"{_W}val", "continue") == "continue"
                col = len(row)
                above = rows[r - 1][col] if continued and r and col < len(rows[r - 1]) else None
                if continued and above is not None:
                    value: GridCell = above if isinstance(above, Covered) else Covered(r - 1, col)
                elif continued:
                    value = ""
                else:
                    value = clean_cell(" ".join(_docx_paragraph_text(p).replace("\n", " ") for p in cell.iter(f"{_W}p")
                                                if not _inside(p, cell, (_MC_FALLBACK,))))
                row.append(value)
                origin = value if isinstance(value, Covered) else Covered(r, col)
                row.extend([origin] * (span - 1))
        rows.append(row)
    width = max((len(r) for r in rows), default=0)
    short = [i + 1 for i, r in enumerate(rows) if len(r) < width]
    return tuple(tuple(r) for r in rows), short


def _read_docx(data: bytes) -> tuple[str, str, tuple[str, ...], tuple[Table, ...]]:
    if data[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1":
        raise IngestError("old Word .doc format (not .docx); save it as .docx")
    if not data.startswith(b"PK"):
        raise IngestError("not a Word .docx file (not a zip archive)")
    import docx

    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as exc:  # python-docx and zipfile raise many types on broken files
        raise IngestError(f"cannot open the Word file ({_short_reason(exc)})") from None
    numbering = _docx_numbering(document)
    items: list[Item] = []
    tables: list = []
    ragged: list = []
    _docx_blocks(document.element.body, numbering, items, tables, ragged)
    text, blocks = assemble(items)
    return text, "", _table_warnings(tables, ragged), blocks


def _docx_blocks(container, numbering, items: list, tables: list, ragged: list) -> None:
    """Paragraphs and tables of a body, a text box or a layout table's cell, in document order.

    A table laid out as a frame (every row one cell) is read as its content, so a table nested
    in it is a table; a text box anchored in a paragraph (``w:txbxContent``) is read after the
    paragraph, its tables as tables.
    """
    for el in container.iterchildren(f"{_W}p", f"{_W}tbl", f"{_W}sdt"):
        if el.tag == f"{_W}sdt":
            content = el.find(f"{_W}sdtContent")
            if content is not None:
                _docx_blocks(content, numbering, items, tables, ragged)
        elif el.tag == f"{_W}tbl":
            rows_el = list(el.iterchildren(f"{_W}tr"))
            if rows_el and all(len(list(tr.iterchildren(f"{_W}tc"))) == 1 for tr in rows_el) \
                    and any(t is not el for t in el.iter(f"{_W}tbl")):
                for tr in rows_el:
                    for tc in tr.iterchildren(f"{_W}tc"):
                        _docx_blocks(tc, numbering, items, tables, ragged)
                continue
            rows, short = _docx_table_rows(el)
            tables.append(rows)
            if short:
                ragged.append((len(tables), len(short), max(len(r) for r in rows), short[0]))
            items.append(("docx", rows))
        else:
            text = numbering.label(el) + _docx_paragraph_text(el)
            items.extend(clean_line(line) for line in text.split("\n"))
            for box in el.iter(_TXBX):
                if not _inside(box, el, (_MC_FALLBACK, _TXBX)):
                    _docx_blocks(box, numbering, items, tables, ragged)


def _inside(node, top, tags: tuple[str, ...]) -> bool:
    """Whether ``node`` sits in an element with one of ``tags`` below ``top``."""
    for a in node.iterancestors():
        if a is top:
            return False
        if a.tag in tags:
            return True
    return False


# ---------------------------------------------------------------------------- PDF

_PAGE_NUMBER_RE = re.compile(r"^[\-—–－_\s]*(第\s*)?\d{1,4}(\s*页)?(\s*/\s*(共\s*)?\d{1,4}\s*页?)?[\-—–－_\s]*$")
_HEADING_START_RE = re.compile(r"^\s*([一二三四五六七八九十]+[、.．]|[(（][一二三四五六七八九十\d]+[)）]|\d+[.．、]|第[一二三四五六七八九十\d]+[章节条部分])")
_LATIN_WRAP_RE = re.compile(r"(?<=[A-Za-z])[ \t]*\n[ \t]*(?=[A-Za-z])")
_SENTENCE_END = "。；;：:！!？?）)"


def _cell_join(text: str | None) -> str:
    """A PDF table cell: wrapped lines joined (no space between CJK), on one line."""
    if not text:
        return ""
    text = _LATIN_WRAP_RE.sub(" ", text).replace("\n", "")
    return clean_line(_CJK_GAP_RE.sub("", DROP_ZERO_WIDTH(text)))


def _pdf_table_rows(table) -> tuple[Row, ...]:
    """Rows of a ruled PDF table on its grid: a position with no cell of its own is
    :class:`Covered` by the merged cell drawn over it (found by geometry), else empty."""
    values = table.extract()
    rows = table.rows
    origin: dict[tuple, tuple[int, int]] = {}
    col_x: dict[int, tuple[float, float]] = {}
    for r, row in enumerate(rows):
        for c, bbox in enumerate(row.cells):
            if bbox is not None:
                origin.setdefault(tuple(bbox), (r, c))
                if c not in col_x or bbox[2] - bbox[0] < col_x[c][1] - col_x[c][0]:
                    col_x[c] = (bbox[0], bbox[2])
    grid: list[tuple[GridCell, ...]] = []
    for r, (row, texts) in enumerate(zip(rows, values)):
        out: list[GridCell] = []
        for c, (bbox, text) in enumerate(zip(row.cells, texts)):
            if bbox is not None or c not in col_x:
                out.append(_cell_join(text))
                continue
            x, y = (col_x[c][0] + col_x[c][1]) / 2, (row.bbox[1] + row.bbox[3]) / 2
            over = next((origin[tuple(b)] for b in table.cells if b[0] <= x <= b[2] and b[1] <= y <= b[3]
                         and tuple(b) in origin), None)
            out.append(Covered(*over) if over and over != (r, c) else "")
        grid.append(tuple(out))
    return tuple(grid)


def _pdf_lines(page, bboxes) -> list[dict]:
    """Text lines of a page outside its tables, with geometry."""
    def outside(obj) -> bool:
        if obj.get("object_type") != "char":
            return True
        x, y = (obj["x0"] + obj["x1"]) / 2, (obj["top"] + obj["bottom"]) / 2
        return not any(b[0] <= x <= b[2] and b[1] <= y <= b[3] for b in bboxes)

    view = page.filter(outside) if bboxes else page
    lines = []
    for line in view.extract_text_lines(x_tolerance=1.5, y_tolerance=3, return_chars=True):
        text = clean_line(_CJK_GAP_RE.sub("", line["text"]))
        if not text:
            continue
        visible = [c for c in line["chars"] if c["text"].strip()]
        x0 = visible[0]["x0"] if visible else line["x0"]
        size = max((c["x1"] - c["x0"] for c in visible), default=10.0)
        lines.append({"text": text, "x0": x0, "x1": line["x1"], "top": line["top"], "size": size})
    return lines


def _is_page_number(line: dict, width: float, height: float) -> bool:
    """A page number in the top or bottom margin: ``- 3 -``, ``第3页``, or a bare number off the left edge."""
    text = line["text"]
    if not _PAGE_NUMBER_RE.match(text):
        return False
    if 0.1 * height < line["top"] < 0.88 * height:
        return False
    if not text.strip().isdigit():
        return True
    centre = (line["x0"] + line["x1"]) / 2
    return abs(centre - width / 2) < 0.1 * width or line["x0"] > 0.6 * width


def _join_pdf_lines(lines: list[dict]) -> list[str]:
    """Rebuild paragraphs: a line that reaches the right margin continues on the next."""
    if not lines:
        return []
    widths = sorted(l["x1"] for l in lines if len(l["text"]) >= 8) or sorted(l["x1"] for l in lines)
    margin = widths[int(0.9 * (len(widths) - 1))]
    left = min(l["x0"] for l in lines)
    out: list[str] = []
    current = ""
    for i, line in enumerate(lines):
        current = f"{current}{line['text']}" if current else line["text"]
        nxt = lines[i + 1] if i + 1 < len(lines) else None
        full = line["x1"] >= margin - 1.5 * line["size"]
        continues = (
            nxt is not None
            and full
            and nxt["x0"] <= left + 0.8 * nxt["size"]
            and not (line["text"][-1] in _SENTENCE_END and _HEADING_START_RE.match(nxt["text"]))
        )
        if not continues:
            out.append(current)
            current = ""
    return out


def _read_pdf(data: bytes) -> tuple[str, str, tuple[str, ...], tuple[Table, ...]]:
    if not data.lstrip()[:5] == b"%PDF-":
        raise IngestError("not a PDF file (no %PDF header)")
    import pdfplumber

    items: list = []  # ("lines", [line dicts]) or ("table", rows)
    complaints = _PdfComplaints()
    try:
        with pywarnings.catch_warnings(), complaints:
            pywarnings.simplefilter("ignore")
            with pdfplumber.open(io.BytesIO(data)) as pdf:
                for page in pdf.pages:
                    found = page.find_tables()
                    bboxes = [t.bbox for t in found]
                    events: list[tuple[float, int, object]] = []
                    lines = [l for l in _pdf_lines(page, bboxes)]
                    if lines and _is_page_number(lines[-1], page.width, page.height):
                        lines.pop()
                    if lines and _is_page_number(lines[0], page.width, page.height):
                        lines.pop(0)
                    for line in lines:
                        events.append((line["top"], 0, line))
                    for table in found:
                        events.append((table.bbox[1], 1, _pdf_table_rows(table)))
                    events.sort(key=lambda e: (e[0], e[1]))
                    for _top, kind, payload in events:
                        if kind == 1:
                            items.append(("table", payload))
                        elif items and items[-1][0] == "lines":
                            items[-1][1].append(payload)
                        else:
                            items.append(("lines", [payload]))
    except IngestError:
        raise
    except Exception as exc:  # pdfminer raises many types on broken or encrypted files
        name = f"{type(exc).__name__} {exc.args!r} {type(exc.__cause__).__name__}"
        if "Password" in name or "Encrypt" in name:
            raise IngestError("the PDF is password-protected") from None
        raise IngestError(f"cannot read the PDF ({_short_reason(exc)})") from None
    merged: list[Item] = []
    tables: list = []
    for kind, payload in items:
        if kind == "lines":
            merged.extend(_join_pdf_lines(payload))
            continue
        rows = payload
        previous = merged[-1][1] if merged and isinstance(merged[-1], tuple) else None
        if previous and rows and len(previous[0]) == len(rows[0]):
            # a table continued on the next page; a repeated header row is dropped
            drop = 1 if rows[0] == previous[0] else 0
            shift = len(previous) - drop
            rows = tuple(tuple(Covered(c.row + shift, c.col) if isinstance(c, Covered) else c for c in row)
                         for row in rows[drop:])
            merged[-1] = ("pdf", previous + rows)
            tables[-1] = merged[-1][1]
        else:
            merged.append(("pdf", rows))
            tables.append(rows)
    text, blocks = assemble(merged)
    if not text.strip():
        raise IngestError("the PDF has no text layer (a scanned image?)")
    ragged = []
    for n, rows in enumerate(tables, 1):
        width = max((len(r) for r in rows), default=0)
        short = [i + 1 for i, r in enumerate(rows) if len(r) < width]
        if short:
            ragged.append((n, len(short), width, short[0]))
    damaged = ("the PDF is damaged; some text may be missing",) if complaints.count else ()
    return text, "", damaged + _table_warnings(tables, ragged), blocks


class _PdfComplaints(logging.Handler):
    """Collects pdfminer's log messages about a damaged file instead of printing them."""

    LOGGERS = ("pdfminer", "pdfplumber")

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.count = 0
        self._saved: list[tuple[logging.Logger, bool, int]] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.count += 1

    def __enter__(self) -> "_PdfComplaints":
        for name in self.LOGGERS:
            logger = logging.getLogger(name)
            self._saved.append((logger, logger.propagate, logger.level))
            logger.addHandler(self)
            logger.propagate = False
            if logger.level == logging.NOTSET or logger.level > logging.WARNING:
                logger.setLevel(logging.WARNING)
        return self

    def __exit__(self, *exc) -> None:
        for logger, propagate, level in self._saved:
            logger.removeHandler(self)
            logger.propagate = propagate
            logger.setLevel(level)
        self._saved.clear()


# ----------------------------------------------------------------------- dispatch

_UNPRINTABLE_RE = re.compile(r"[\x00-\x1f\x7f-\x9f\ufffd]")


def _short_reason(exc: BaseException) -> str:
    """An exception as a few words for a one-line message."""
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else ""
    text = _UNPRINTABLE_RE.sub("?", text)
    text = text[:60] + ("…" if len(text) > 60 else "")
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__


def max_bytes_limit(max_bytes: int | None = None) -> int:
    """The size limit in force: the argument, else ``PLANKG_MAX_BYTES``, else the default."""
    if max_bytes is not None:
        return max_bytes
    env = os.environ.get(MAX_BYTES_ENV, "").strip()
    return int(env) if env.isdigit() else DEFAULT_MAX_BYTES


def _megabytes(n: int) -> str:
    return f"{n / (1024 * 1024):.0f} MB" if n >= 1024 * 1024 else f"{n} bytes"


_READERS = {
    "txt": _read_txt,
    "html": _read_html,
    "docx": _read_docx,
    "pdf": _read_pdf,
}


def format_of(path: str | Path) -> str:
    """The format plankg reads a file as (``txt``/``html``/``docx``/``pdf``), or ``""``."""
    suffix = Path(path).suffix.lower()
    for fmt, suffixes in (("txt", TEXT_SUFFIXES), ("html", HTML_SUFFIXES), ("docx", DOCX_SUFFIXES), ("pdf", PDF_SUFFIXES)):
        if suffix in suffixes:
            return fmt
    return ""


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
        advice = UNSUPPORTED_ADVICE.get(suffix, "plankg reads .txt, .html, .docx, .pdf")
        raise IngestError(f"unsupported file type '{suffix}' ({advice})")
    limit = max_bytes_limit(max_bytes)
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
    text, encoding, warnings, tables = _READERS[fmt](data)
    if not text.strip():
        raise IngestError("no text in the file")
    return SourceText(
        path=str(path),
        name=p.name,
        sha256=hashlib.sha256(data).hexdigest(),
        text=text,
        format=fmt,
        encoding=encoding,
        tables=tables,
        warnings=tuple(warnings),
    )
