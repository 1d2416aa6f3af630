"""Word files (.docx) in, :class:`ReaderOutput` out.

Paragraphs, tables, content controls and text boxes are read in document order with python-docx's
XML; Word's automatic list numbers (``一、``, ``(一)``, ``1.``) are printed as Word shows them; a
table is read by its cells on the table's grid, ``gridSpan``/``vMerge`` giving a merged cell's value
to every position it spans. A table used only to lay out the page is read as its content.
"""
from __future__ import annotations

import io
import re

from graph.ingest.errors import IngestError, check_office_zip, short_reason
from graph.ingest.layout import (
    Covered, GridCell, Item, Ragged, ReaderOutput, Row, assemble, clean_cell, clean_line, table_warnings,
)

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


def read_docx(data: bytes) -> ReaderOutput:
    """The text and tables of a Word file."""
    check_office_zip(data, "Word", ".doc", ".docx")
    import docx

    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as exc:  # python-docx and zipfile raise many types on broken files
        raise IngestError(f"cannot open the Word file ({short_reason(exc)})") from None
    numbering = _docx_numbering(document)
    items: list[Item] = []
    tables: list = []
    ragged: list[Ragged] = []
    _docx_blocks(document.element.body, numbering, items, tables, ragged)
    text, blocks = assemble(items)
    return ReaderOutput(text=text, encoding="", warnings=table_warnings(ragged), tables=blocks)


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
                ragged.append(Ragged(table=len(tables), rows_short=len(short),
                                     width=max(len(r) for r in rows), example=short[0]))
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

