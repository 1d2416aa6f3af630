"""Word 97–2003 (``.doc``) files → their text, a table row on one line.

In: the bytes of a binary Word file (an OLE compound file, read with ``olefile``). Out: the
document's text in reading order, one paragraph a line; a table row is one line whose cells are
separated by tabs, as ``graph.structure`` reads rows copied from a table. Field instructions are
dropped and their shown results kept; page and line breaks become line breaks.

The characters come from the document's piece table (the ``Clx``, [MS-DOC] 2.4.1); the ends of
table rows from the paragraph properties (``sprmPFTtp`` in the ``PapxFkp`` pages, 2.4.2 and
2.9.177). Formatting is not read.
"""
from __future__ import annotations

import io
import struct
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Union

WORD_STREAM = "WordDocument"
FIB_FLAGS = 0x000A            # FibBase.flags: bit 9 says which table stream is used
WHICH_TABLE = 0x0200
FC_PLCF_BTE_PAPX = 0x0102     # FibRgFcLcb97: where the paragraph-property pages are listed
FC_CLX = 0x01A2               # FibRgFcLcb97: where the piece table is
COMPRESSED = 0x40000000       # a piece stored one byte a character (cp1252)
PAGE = 512                    # bytes of a formatted disk page (FKP)
ROW_END_SPRMS = (0x2417, 0x244C)  # sprmPFTtp, sprmPFInnerTtp: this paragraph mark ends a table row
IN_TABLE_SPRM = 0x2416        # sprmPFInTable: the paragraph is inside a table cell
VERT_MERGE = 0xD62B           # sprmTVertMerge: (size, cell, 1 first / 3 continuing)
DEF_TABLE = 0xD608            # sprmTDefTable: the row's cells, each a TC80 of 20 bytes
TC80 = 20
CELL_MARK = "\x07"
FIELD_START, FIELD_SEPARATOR, FIELD_END = "\x13", "\x14", "\x15"
BREAKS = str.maketrans({"\r": "\n", "\x0b": "\n", "\x0c": "\n", "\x0e": "\n", "\x1e": "-", "\x1f": "",
                        "\xa0": " ", "\x01": "", "\x08": "", "\x02": "", "\x05": ""})


class Word97Error(ValueError):
    """The file is not a readable Word 97–2003 document."""


@dataclass(frozen=True)
class DocCell:
    """A table cell: its text on one line, and whether it continues the cell above (vertical merge)."""

    text: str
    merged_above: bool = False


Block = Union[str, list[list[DocCell]]]  # a paragraph, or a table's rows


def read_doc(data: bytes) -> list[Block]:
    """The paragraphs and tables of a ``.doc`` file, in reading order (see the module docstring)."""
    word, table = _streams(data)
    fc_clx, lcb_clx = struct.unpack_from("<II", word, FC_CLX)
    marks = _paragraph_marks(word, table)
    blocks: list[Block] = []
    rows: list[list[DocCell]] = []
    cells: list[DocCell] = []
    text: list[str] = []
    for ch, fc_after in _characters(word, table[fc_clx:fc_clx + lcb_clx]):
        mark = marks.get(fc_after)
        if ch == CELL_MARK and isinstance(mark, RowEnd):
            rows.append([DocCell(c.text, mark.continues(k)) for k, c in enumerate(cells)])
            cells = []
        elif ch == CELL_MARK:
            cells.append(DocCell(_clean("".join(text))))
            text = []
        elif ch == "\r" and mark is IN_TABLE:
            text.append(" ")  # a cell of several paragraphs
        elif ch == "\r":
            if rows:
                blocks.append(rows)
                rows = []
            blocks.append(_clean("".join(text)))
            text = []
        else:
            text.append(ch)
    if rows:
        blocks.append(rows)
    if text:
        blocks.append(_clean("".join(text)))
    return blocks


def _clean(text: str) -> str:
    """A paragraph's or cell's text without field instructions and control characters."""
    return _without_field_codes(text).translate(BREAKS).strip()


def _streams(data: bytes) -> tuple[bytes, bytes]:
    """The WordDocument stream and the table stream it names."""
    import olefile

    try:
        ole = olefile.OleFileIO(io.BytesIO(data))
    except OSError as exc:
        raise Word97Error(f"not an OLE compound file ({exc})") from None
    with ole:
        if not ole.exists(WORD_STREAM):
            raise Word97Error("no WordDocument stream (not a Word file)")
        word = ole.openstream(WORD_STREAM).read()
        if len(word) < FC_CLX + 8:
            raise Word97Error("the WordDocument stream is cut short")
        name = "1Table" if struct.unpack_from("<H", word, FIB_FLAGS)[0] & WHICH_TABLE else "0Table"
        if not ole.exists(name):
            raise Word97Error(f"no {name} stream")
        return word, ole.openstream(name).read()


def _characters(word: bytes, clx: bytes) -> Iterator[tuple[str, int]]:
    """Each character of the text with the stream offset just after it, piece by piece."""
    pos = 0
    while pos < len(clx) and clx[pos] == 0x01:  # Prc: property modifiers, not needed
        pos += 3 + struct.unpack_from("<H", clx, pos + 1)[0]
    if pos >= len(clx) or clx[pos] != 0x02:
        raise Word97Error("no piece table in the file")
    plc = clx[pos + 5:pos + 5 + struct.unpack_from("<I", clx, pos + 1)[0]]
    count = (len(plc) - 4) // 12
    cps = struct.unpack_from(f"<{count + 1}I", plc, 0)
    for k in range(count):
        fc = struct.unpack_from("<I", plc, 4 * (count + 1) + 8 * k + 2)[0]
        length = cps[k + 1] - cps[k]
        if fc & COMPRESSED:
            start = (fc & ~COMPRESSED) // 2
            text = word[start:start + length].decode("cp1252", errors="replace")
            yield from ((ch, start + i + 1) for i, ch in enumerate(text))
        else:
            text = word[fc:fc + 2 * length].decode("utf-16-le", errors="replace")
            yield from ((ch, fc + 2 * (i + 1)) for i, ch in enumerate(text))


IN_TABLE = "in table"


@dataclass(frozen=True)
class RowEnd:
    """The mark that ends a table row, with the cells that continue the cell above them."""

    continuing: frozenset[int]

    def continues(self, cell: int) -> bool:
        return cell in self.continuing


def _paragraph_marks(word: bytes, table: bytes) -> dict[int, object]:
    """Table paragraphs by the stream offset just after their mark: ``IN_TABLE`` for a paragraph
    inside a cell, a :class:`RowEnd` for the mark that ends a row."""
    fc, lcb = struct.unpack_from("<II", word, FC_PLCF_BTE_PAPX)
    plc = table[fc:fc + lcb]
    count = (len(plc) - 4) // 8
    marks: dict[int, object] = {}
    for k in range(count):
        pn = struct.unpack_from("<I", plc, 4 * (count + 1) + 4 * k)[0] & 0x3FFFFF
        page = word[pn * PAGE:(pn + 1) * PAGE]
        if len(page) < PAGE:
            continue
        runs = page[PAGE - 1]
        fcs = struct.unpack_from(f"<{runs + 1}I", page, 0)
        for i in range(runs):
            offset = page[4 * (runs + 1) + 13 * i] * 2
            sprms = _sprms(page, offset) if offset else {}
            if any(sprms.get(s, b"\0")[:1] != b"\0" for s in ROW_END_SPRMS):
                marks[fcs[i + 1]] = RowEnd(_vertical_merges(_sprm_list(page, offset)))
            elif sprms.get(IN_TABLE_SPRM, b"\0")[:1] != b"\0":
                marks[fcs[i + 1]] = IN_TABLE
    return marks


def _vertical_merges(sprms: list[tuple[int, bytes]]) -> frozenset[int]:
    """The cells of a row that continue a vertical merge: ``sprmTVertMerge`` (3), or the
    ``fVertMerge`` flag without ``fVertRestart`` of the row's cell definitions (``sprmTDefTable``)."""
    out = {op[1] for code, op in sprms if code == VERT_MERGE and len(op) > 2 and op[2] == 3}
    for code, op in sprms:
        if code != DEF_TABLE or len(op) < 3:
            continue
        cells = op[2]
        tcs = op[3 + 2 * (cells + 1):]
        for k in range(min(cells, len(tcs) // TC80)):
            flags = struct.unpack_from("<H", tcs, k * TC80)[0]
            if flags & 0x0020 and not flags & 0x0040:  # fVertMerge, not fVertRestart
                out.add(k)
    return frozenset(out)


def _sprms(page: bytes, offset: int) -> dict[int, bytes]:
    """The paragraph properties at ``offset`` of an FKP page: opcode → operand."""
    return dict(_sprm_list(page, offset))


def _sprm_list(page: bytes, offset: int) -> list[tuple[int, bytes]]:
    """The properties at ``offset`` of an FKP page, in order: (opcode, operand)."""
    cb = page[offset]
    start, size = (offset + 1, 2 * cb - 1) if cb else (offset + 2, 2 * page[offset + 1])
    grpprl = page[start + 2:start + size]  # after the style index
    out, pos = [], 0
    while pos + 2 <= len(grpprl):
        sprm = struct.unpack_from("<H", grpprl, pos)[0]
        pos += 2
        width = _operand_size(sprm, grpprl, pos)
        out.append((sprm, grpprl[pos:pos + width]))
        pos += width
    return out


def _operand_size(sprm: int, grpprl: bytes, pos: int) -> int:
    """Bytes of a property's operand, from its opcode ([MS-DOC] 2.2.5.1)."""
    spra = sprm >> 13
    if spra == 6:  # variable: a size byte first (two for sprmTDefTable)
        if sprm == 0xD608 and pos + 2 <= len(grpprl):
            return struct.unpack_from("<H", grpprl, pos)[0] + 1
        return (grpprl[pos] if pos < len(grpprl) else 0) + 1
    return {0: 1, 1: 1, 2: 2, 3: 4, 4: 2, 5: 2, 7: 3}[spra]


def _without_field_codes(text: str) -> str:
    """Field instructions (``HYPERLINK "…"``, ``PAGE``) removed, their shown results kept."""
    if FIELD_START not in text:
        return text
    out, in_code = [], []  # one flag per open field: True while in its instructions
    for ch in text:
        if ch == FIELD_START:
            in_code.append(True)
        elif ch == FIELD_SEPARATOR and in_code:
            in_code[-1] = False
        elif ch == FIELD_END and in_code:
            in_code.pop()
        elif not any(in_code):
            out.append(ch)
    return "".join(out)
