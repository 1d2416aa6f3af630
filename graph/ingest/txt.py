"""Plain text files (.txt, .md) in, :class:`ReaderOutput` out: decoded, line ends unified,
paragraphs broken at a fixed width joined again, tables drawn with box characters read as tables
(graph.ingest.box_tables), a script's records of a plan's tasks read as a table
(graph.ingest.script_data); other tables in text are found later, by graph.structure."""
from __future__ import annotations

import html
import re
from collections import Counter

from graph.ingest.box_tables import box_items, has_box_lines
from graph.ingest.decoding import decode_bytes, normalise_newlines
from graph.ingest.layout import ReaderOutput, assemble
from graph.ingest.script_data import has_script_records, script_items


def read_txt(data: bytes) -> ReaderOutput:
    """The text of a plain text file, one paragraph per line (the cells of a box-drawn table and of
    the records of a script's data one per line)."""
    decoded = decode_bytes(data)
    if has_script_records(decoded.text) and (items := script_items(normalise_newlines(decoded.text))):
        text, tables = assemble(items, keep_blank=True)
        return ReaderOutput(text=text, encoding=decoded.encoding, warnings=decoded.warnings, tables=tables)
    text = normalise_newlines(markup_as_lines(decoded.text))
    if has_box_lines(text):
        parts = box_items(text.split("\n"))
        if any(isinstance(part, tuple) for part in parts):
            items = [line for part in parts
                     for line in (reflow_hard_wraps("\n".join(part)).split("\n") if isinstance(part, list) else [part])]
            text, tables = assemble(items, keep_blank=True)
            return ReaderOutput(text=text, encoding=decoded.encoding, warnings=decoded.warnings, tables=tables)
    return ReaderOutput(text=reflow_hard_wraps(text), encoding=decoded.encoding, warnings=decoded.warnings, tables=())


BLOCK_TAG = re.compile(r"<(?:br|/?p|/?div|/tr|/li|/h[1-6])\b[^<>]{0,200}>", re.I)
ANY_TAG = re.compile(r"</?[a-zA-Z][a-zA-Z0-9]*\b[^<>]{0,400}>")
MARKUP_FROM = 3   # block tags that make a text one with markup


def markup_as_lines(text: str) -> str:
    """A text that carries a page's markup inline, one line per paragraph: block tags (``<p>``,
    ``<br>``, ``</div>``, ``</tr>``) break lines, other tags go, entities are decoded.

    Family: plans copied from a page's source or a database record of it (a MySQL dump's row
    ``('29','14','news','关于推进党建创新工程的实施意见',…,'<p>　　一、目标任务</p><p>　　1.…``, b62 广州 2012 on one
    line; m01 广州 2012 ``<p>\n\t    为深入贯彻…``, broken into lines already)."""
    if len(BLOCK_TAG.findall(text, 0, 200_000)) < MARKUP_FROM:
        return text
    return html.unescape(ANY_TAG.sub("", BLOCK_TAG.sub("\n", text)))


PARAGRAPH_END = re.compile(r"[。;；!！?？:：)）”」》│┃┤┫┐┘┓┛]\s*$")  # a box-drawn row ends at its border
STARTS_ITEM = re.compile(r"\s*(?:[一二三四五六七八九十]+、|[(（][一二三四五六七八九十\d]+[)）]|\d{1,3}[.．、](?!\d)|第[一二三四五六七八九十百]+[章条部节]|[①-⑳]|附件)")


def slack(width: int) -> int:
    """How far a full line's length may fall from the page width: digits and Latin letters take
    half a character's room, so a line of a PDF holding ``2023年`` or ``“5.20”`` counts more
    characters than one of Chinese only (j41 健康中国行动 2023: lines of 40–44 at one width)."""
    return max(1, width // 12)


def reflow_hard_wraps(text: str) -> str:
    """Join paragraphs that were broken at a fixed width (text saved from a PDF or a printout).

    Only when most long lines share one width (give or take :func:`slack`) and hardly any line
    is wider; a line that fills the width and does not end a sentence continues on the next line
    (a short line, ``委、各街道党工委``, ends the paragraph: the page number below it, ``— 3 —``,
    stays a line). Text with one paragraph per line, and rows copied with pipes or box borders
    (e72 临河区 ``八一鄉 | 8.44 | 0.91 |``, k81 广州 ``│…│``), are left as they are.
    """
    lines = text.split("\n")
    widths = Counter(width for width in map(len, map(str.rstrip, lines)) if width >= 16)
    if not widths:
        return text

    def near(width: int) -> int:
        return sum(n for w, n in widths.items() if abs(w - width) <= slack(width))

    width = max(sorted(widths), key=near)
    wider = sum(n for w, n in widths.items() if w > width + slack(width))  # no line passes a page's width
    counted = sum(widths.values())
    if near(width) < 0.4 * counted or near(width) < 8 or wider > 0.1 * counted:
        return text
    out: list[str] = []
    printed = 0  # the width of the last line as printed (a joined paragraph is longer)
    for line in lines:
        previous = out[-1].rstrip() if out else ""
        if out and printed >= width - slack(width) and not PARAGRAPH_END.search(previous) \
                and line.strip() and not STARTS_ITEM.match(line):
            out[-1] = previous + line.strip()
        else:
            out.append(line)
        printed = len(line.rstrip())
    return "\n".join(out)

