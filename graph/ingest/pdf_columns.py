"""A PDF page's words in, its tables printed without rules out (rows of cell texts, and the box
they take).

A table printed without rules is known by its layout alone: a header line of three or more
short words, then lines whose words each fall inside one of the header's columns. A column's
bounds are the midpoints of the gaps between the header's words, so left-aligned and centred
headers both work. A line whose words leave the first column empty continues the row above
(a cell wrapped over lines); a word that crosses a column bound ends the table.
"""
from __future__ import annotations

from dataclasses import dataclass

HEADER_WORD_MAX = 12     # characters of a header word (序号, 牵头单位, 完成时限, 2024年主要举措)
MIN_COLUMNS = 3
MIN_ROWS = 2
MAX_TITLE_LINES = 3      # titles across the columns (一、… then (一)…) before a row
LINE_TOLERANCE = 3.0     # points: words this close vertically are on one line


@dataclass(frozen=True)
class Word:
    """A run of characters with no wide gap, and its box on the page."""

    text: str
    x0: float
    x1: float
    top: float
    bottom: float


def page_words(page) -> list[list[Word]]:
    """The page's words grouped into lines, top to bottom, each line left to right."""
    words = [Word(text=w["text"], x0=w["x0"], x1=w["x1"], top=w["top"], bottom=w["bottom"])
             for w in page.extract_words(x_tolerance=1.5, y_tolerance=LINE_TOLERANCE, keep_blank_chars=False)]
    lines: list[list[Word]] = []
    for w in sorted(words, key=lambda w: (round(w.top), w.x0)):
        if lines and abs(lines[-1][0].top - w.top) <= LINE_TOLERANCE:
            lines[-1].append(w)
        else:
            lines.append([w])
    return [sorted(line, key=lambda w: w.x0) for line in lines]


def header_gaps(header: list[Word]) -> list[tuple[float, float]] | None:
    """The free spaces between a header line's words, or None when the line is no table header."""
    if len(header) < MIN_COLUMNS or any(len(w.text) > HEADER_WORD_MAX or w.text.isdigit() for w in header):
        return None
    return [(a.x1, b.x0) for a, b in zip(header, header[1:])]


def narrowed(gaps: list[tuple[float, float]], line: list[Word]) -> list[tuple[float, float]] | None:
    """The gaps left free once ``line`` is laid over them, or None when a word fills one (the
    line is no row of the table: it runs across columns)."""
    out = []
    for lo, hi in gaps:
        for w in line:
            if w.x1 <= lo or w.x0 >= hi:
                continue
            if w.x0 <= lo and w.x1 >= hi:
                return None
            if w.x0 <= lo:
                lo = w.x1
            elif w.x1 >= hi:
                hi = w.x0
            else:
                return None  # a word alone between two columns
        out.append((lo, hi))
    return out


def spans_columns(line: list[Word], gaps: list[tuple[float, float]]) -> bool:
    """A line that starts in the first column and ends before the last (a title across columns)."""
    return line[0].x0 < gaps[0][0] and line[-1].x1 <= gaps[-1][0]


def row_follows(lines: list[list[Word]], gaps: list[tuple[float, float]]) -> bool:
    """Whether a row of cells follows a title across columns, after at most a few more titles."""
    for line in lines:
        if narrowed(gaps, line) is not None:
            return True
        if not spans_columns(line, gaps):
            return False
    return False


def table_lines(lines: list[list[Word]], gaps: list[tuple[float, float]]) -> tuple[int, list[tuple[float, float]], set[int]]:
    """How many lines under a header belong to its table, the gaps they leave free, and which of
    them are titles spanning the columns (kept when a row of cells follows them)."""
    used, spanning = 0, set()
    for k, line in enumerate(lines):
        free = narrowed(gaps, line)
        if free is None:
            if not (spans_columns(line, gaps) and row_follows(lines[k + 1:k + 1 + MAX_TITLE_LINES], gaps)):
                break
            spanning.add(k)
        else:
            gaps = free
        used += 1
    return used, gaps, spanning


def grouped_rows(lines: list[list[Word]], bounds: list[float], spanning: set[int]) -> list[list[str]]:
    """Rows of cells: a line with a word in the first column starts a row (as does a spanning
    title); every other line belongs to the row whose first line is nearest above or below (a
    cell wrapped over lines, printed top- or middle-aligned)."""
    def column(w: Word) -> int:
        return sum(1 for b in bounds if (w.x0 + w.x1) / 2 > b)

    anchors = [k for k, line in enumerate(lines) if k in spanning or column(line[0]) == 0]
    if not anchors:
        return []
    rows = {k: [""] * (len(bounds) + 1) for k in anchors}
    for k, line in enumerate(lines):
        owner = min(anchors, key=lambda a: (abs(lines[a][0].top - line[0].top), a > k))
        if k in spanning:
            rows[owner][0] = " ".join(w.text for w in line)
            continue
        for w in line:
            c = column(w)
            rows[owner][c] = f"{rows[owner][c]}{w.text}" if rows[owner][c] else w.text
    return [rows[k] for k in anchors]


Gaps = list[tuple[float, float]]


def unruled_tables(page, carried: Gaps | None = None) -> tuple[list[tuple[tuple[float, float, float, float], list[list[str]]]], Gaps | None]:
    """The tables of a page printed without rules: (box, rows with the header row first), and the
    column gaps of a table that runs to the page's end (to read its continuation on the next page).

    ``carried``: the gaps of the previous page's last table; lines at the top of this page that
    fit them continue that table (a header printed once, on its first page): their rows come
    without a header row."""
    lines = page_words(page)
    found: list = []
    i, last_gaps = 0, None
    if carried and lines:
        used, gaps, spanning = table_lines(lines, carried)
        rows = grouped_rows(lines[:used], [(lo + hi) / 2 for lo, hi in gaps], spanning) if used else []
        if rows:
            found.append((_box(lines[:used]), rows))
            i, last_gaps = used, gaps
    while i < len(lines):
        gaps = header_gaps(lines[i])
        used, gaps, spanning = table_lines(lines[i + 1:], gaps) if gaps else (0, [], set())
        body = lines[i + 1:i + 1 + used]
        rows = grouped_rows(body, [(lo + hi) / 2 for lo, hi in gaps], spanning) if used else []
        if sum(1 for r in rows if sum(1 for c in r if c) >= 2) < MIN_ROWS:
            i += 1
            continue
        found.append((_box(lines[i:i + 1 + used]), [[w.text for w in lines[i]], *rows]))
        i += 1 + used
        last_gaps = gaps
    runs_on = found and i >= len(lines) and last_gaps
    return found, (last_gaps if runs_on else None)


def _box(taken: list[list[Word]]) -> tuple[float, float, float, float]:
    """The box that holds the lines ``taken``."""
    return (min(w.x0 for ln in taken for w in ln), taken[0][0].top,
            max(w.x1 for ln in taken for w in ln), max(w.bottom for w in taken[-1]))
