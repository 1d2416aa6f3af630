"""Web pages (.html, .htm) in, :class:`ReaderOutput` out.

The bytes are decoded (the page's declared charset considered), parsed with lxml, page
furniture (menus, footers, breadcrumbs, link lists, hidden parts) dropped, and the rest read
block by block; data tables are read by their cells, ``colspan``/``rowspan`` giving a merged
cell's value to every position it spans. The page's ``<title>`` is kept when the body lacks it.
"""
from __future__ import annotations

import re

from graph.ingest.decoding import decode_bytes
from graph.ingest.errors import IngestError
from graph.ingest.layout import (
    CJK_WRAP_RE, Covered, GridCell, Item, Ragged, ReaderOutput, Row, assemble, clean_cell, clean_line, table_warnings,
)

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


def _text_and_links(el) -> tuple[int, int]:
    """How much text ``el`` holds, and how much of it is in links (spaces left out)."""
    text = len(re.sub(r"\s+", "", el.text_content()))
    return text, sum(len(re.sub(r"\s+", "", a.text_content())) for a in el.iter("a"))


def _link_heavy(el) -> bool:
    """A block that is mostly links (menus, link lists, breadcrumbs)."""
    text, links = _text_and_links(el)
    return bool(text) and links / text > 0.5 and text - links < 40


def _is_data_table(table) -> bool:
    """A table of data (rows and columns) rather than one that lays out a page: a page's layout puts
    its article, paragraph after paragraph, in one cell that holds most of the table's text outside its
    links (its menus); a data table's cell may hold a few short paragraphs of its own (石城县 考核细则
    ``<td><p>1.…（10分）</p><p>2.…``)."""
    if any(True for _ in table.iterdescendants("table")):
        return False
    rows = [tr for tr in table.iter("tr")]
    if len(rows) < 2 or max(len([c for c in tr if c.tag in ("td", "th")]) for tr in rows) < 2:
        return False
    table_text = _unlinked(table)
    for cell in table.iter("td", "th"):
        blocks = sum(1 for el in cell.iterdescendants(*_HTML_LAYOUT_BLOCKS) if el.text_content().strip())
        if len(cell.text_content()) > 1500 or (blocks >= 4 and 2 * _unlinked(cell) > table_text):
            return False  # a cell holding a whole article
    return True


def _unlinked(el) -> int:
    """How much text ``el`` holds outside its links (a page's menus are links)."""
    text, links = _text_and_links(el)
    return text - links


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
            line = clean_line(CJK_WRAP_RE.sub("", "".join(buf)).replace("\n", " "))
            buf.clear()
            if line:
                out.append(line)

    def walk(node) -> None:
        tag = node.tag if isinstance(node.tag, str) else ""
        if tag == "table" and tables is not None and _is_data_table(node):
            flush()
            for caption in node.iterchildren("caption"):   # the table's title, printed above it
                _html_lines(caption, out)
            rows, short = _html_table_rows(node)
            tables.append(rows)
            if short and ragged is not None:
                ragged.append(Ragged(table=len(tables), rows_short=len(short),
                                     width=max(len(r) for r in rows), example=short[0]))
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


def _parse(data: bytes, declared: str = ""):
    """The page decoded and parsed: (lxml root element, the decoded page)."""
    from lxml import html as lxml_html

    match = _META_CHARSET_RE.search(data[:8192])
    decoded = decode_bytes(data, match.group(1).decode("ascii", "replace") if match else declared)
    source = _XML_DECL_RE.sub("", decoded.text)
    try:
        root = lxml_html.document_fromstring(source, parser=lxml_html.HTMLParser(remove_comments=True, remove_pis=True))
    except Exception as exc:  # lxml raises several types on unparsable markup
        raise IngestError(f"cannot parse the web page ({type(exc).__name__})") from None
    return root, decoded


def _page_title(root) -> str:
    """The document's own title from ``<title>``: "方案名_政策文件_某县人民政府" → its longest part."""
    title_el = root.find(".//title")
    page_title = clean_line(title_el.text_content()) if title_el is not None else ""
    return max(re.split(r"\s*[_|｜]\s*|\s+[-—]\s+", page_title), key=len) if page_title else ""


def _drop_furniture(body) -> None:
    """Remove page furniture and link-heavy blocks; a data table keeps every cell, so its columns stay in place."""
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
                continue
        if el.getparent() is not None and _link_heavy(el):
            el.drop_tree()


def read_html(data: bytes, declared: str = "") -> ReaderOutput:
    """The text and data tables of a web page's body (``declared``: the charset its container
    names, for a page that names none itself)."""
    root, decoded = _parse(data, declared)
    page_title = _page_title(root)
    body = root.find("body")
    if body is None:
        body = root
    _drop_furniture(body)
    items: list[Item] = []
    tables: list = []
    ragged: list[Ragged] = []
    _html_lines(body, items, tables, ragged)
    items = [i for i in items if not (isinstance(i, str) and _BREADCRUMB_RE.match(i))]
    if page_title and not any(isinstance(i, str) and page_title in i or isinstance(i, str) and i in page_title and len(i) > 8 for i in items):
        items.insert(0, page_title)
    text, blocks = assemble(items)
    return ReaderOutput(text=text, encoding=decoded.encoding, warnings=decoded.warnings + table_warnings(ragged),
                        tables=blocks)
