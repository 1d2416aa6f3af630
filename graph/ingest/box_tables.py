"""Tables drawn with box-drawing characters in plain text, read as tables.

Law databases and old text exports print a Word table as lines of ``┌─┬─┐`` borders and ``│``
cells, a cell's text wrapped over several lines and a merged cell left open across the borders
of its neighbours (m32, a city's 政府工作任务 table of 分管领导 and 牵头组织实施单位 on a law
database's copy). :func:`box_items` turns a text's box blocks into table grids for
:func:`graph.ingest.layout.assemble`, the other lines kept as they are.
"""
from __future__ import annotations

import re

from graph.ingest.layout import Covered, Item, Row, clean_cell

VERTICALS = "│┃║├┤┼┬┴┌┐└┘┠┨┯┷┿╂╋┣┫┳┻┏┓┗┛╔╗╚╝╠╣╦╩╬╟╢╤╧╪"
HORIZONTALS = frozenset("─━═┄┅┈┉╌╍-")
SPLIT = re.compile(f"[{VERTICALS}]")
BOX_START = tuple("┌├│└┏┣┃┗╔╠║╚╟")   # a box line begins with a border or a cell's left edge
TOP = tuple("┌┏╔")                     # a top border begins a new table
MIN_CELLS = 2
ITEM_MARKS = tuple("△▲●■◆◇□○")   # a cell's line that starts a marked item starts a row of its own


def has_box_lines(text: str) -> bool:
    """Whether ``text`` may hold a box-drawn table (a quick test before :func:`box_items`)."""
    return "│" in text or "┃" in text or "║" in text


def box_items(lines: list[str]) -> list[Item | list[str]]:
    """The lines as runs of plain lines (lists of strings) and box tables (``("text", rows)``), in order."""
    out: list[Item | list[str]] = []
    plain: list[str] = []
    block: list[list[str]] = []

    def close_block() -> None:
        if block:
            rows = _grid(block)
            if rows:
                out.append(("text", rows))
            block.clear()

    for line in lines:
        segments = _segments(line)
        if segments is None:
            close_block()
            plain.append(line)
            continue
        if plain:
            out.append(plain)
            plain = []
        if line.lstrip().startswith(TOP) or (block and len(segments) != len(block[0])):
            close_block()
        block.append(segments)
    close_block()
    if plain:
        out.append(plain)
    return out


def _segments(line: str) -> list[str] | None:
    """The cells of a box line between its verticals, or None when the line is no box line."""
    stripped = line.strip()
    if not stripped.startswith(BOX_START) or len(SPLIT.findall(stripped)) < MIN_CELLS:
        return None
    parts = SPLIT.split(stripped)
    if parts and parts[0] == "":
        parts = parts[1:]
    if parts and parts[-1] == "":
        parts = parts[:-1]
    return parts if len(parts) >= MIN_CELLS else None


def _is_border(segment: str) -> bool:
    """Whether a cell's segment of a line is a border (``───``)."""
    drawn = segment.strip()
    return bool(drawn) and all(ch in HORIZONTALS for ch in drawn)


def _grid(block: list[list[str]]) -> tuple[Row, ...]:
    """The rows of one box table: a border segment closes its column's cell and opens the next; a
    column with text where its neighbours have a border continues its merged cell; a line of a cell
    that starts an item marked ``△`` opens a cell (and a row) of its own, the other columns' cells
    merged over it; a border inside the first column's cell opens its columns' next cells with the
    first column's next row (the row a task's text begins)."""
    width = len(block[0])
    rows: list[list[int]] = []            # each row: the row where each column's cell began
    opened = [0] * width                  # the row where each column's current cell began
    texts: dict[tuple[int, int], list[str]] = {}
    for segments in block:
        if rows and not _is_border(segments[0]) and any(_is_border(s) for s in segments[1:]):
            # a border inside the first column's cell: the cells it opens begin with the next row
            for j, segment in enumerate(segments):
                if _is_border(segment):
                    opened[j] = len(rows)
                elif segment.strip():
                    texts.setdefault((opened[j], j), []).append(segment.strip())
            continue
        if any(_is_border(s) for s in segments):
            r = len(rows)
            rows.append([0] * width)
            for j, segment in enumerate(segments):
                if _is_border(segment):
                    opened[j] = r
                elif segment.strip():
                    texts.setdefault((opened[j], j), []).append(segment.strip())
                rows[r][j] = opened[j]
            continue
        marked = [j for j, s in enumerate(segments) if s.strip().startswith(ITEM_MARKS) and texts.get((opened[j], j))]
        if not rows or marked:   # a table printed without its top border; items marked △ in one cell
            for j in marked:
                opened[j] = len(rows)
            rows.append(list(opened))
        for j, segment in enumerate(segments):
            if segment.strip():
                texts.setdefault((opened[j], j), []).append(segment.strip())
    if any(start == len(rows) for start in opened):   # cells opened by a last inner border
        rows.append(list(opened))
    grid: list[Row] = []
    for r, starts in enumerate(rows):
        grid.append(tuple(clean_cell("\n".join(texts.get((r, j), []))) if start == r else Covered(start, j)
                          for j, start in enumerate(starts)))
    return tuple(grid)
