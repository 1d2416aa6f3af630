"""Write the table documents of the seeds and of the real development set as Word files, saved
web pages and PDFs, each with the gold of its text document, so every format is scored against
the same truth as its text (``bash benchmarks/score.sh formats``).

    .venv/bin/python benchmarks/formats/make_formats.py [--out benchmarks/formats]

Writes OUT/docs/ and OUT/gold/ (both generated, not committed). Sources:

- the seed with a task table (``corpus/000_*.txt``, gold ``../shared/gold``): its own text, the
  table split into cells as the test fixtures do (``tests/fixtures.split_seed``);
- the real table documents (``../shared/realdev``: b01 b02 b03 b04 b06 and d01's 附件2 table): their
  text copies lost the grid (rows run together, ``|||`` for merged cells), so their table is
  rebuilt from the rows their gold records — number, section, title, the target clauses, the
  units of each role as printed — under the header their roles need (序号 | 任务名称 | 主要内容 |
  牵头单位 | 配合单位 | 责任单位). d01's gold keeps its annex tasks only (the fixture is the table).

Each document becomes: ``.docx`` (a true table; the cells of a unit column repeated on
consecutive rows merged vertically, vMerge), ``.doc`` (that Word file saved as Word 97–2003 by
LibreOffice, when ``soffice`` is installed; ``apt-get install libreoffice-writer-nogui``), ``.html`` in UTF-8 and in GB18030 declared as gb2312
(the table inside a government site's navigation, header in ``<th>``, merged cells as
``rowspan``), that page saved as one file by Chrome (``.mhtml``) and by Internet Explorer (``.mht``), ``.xlsx`` (the
table as an Excel sheet: title rows merged across it, unit cells merged over the rows they share), ``.pdf`` (a ruled table running over the page break, merged cells as row spans) and
``_unruled.pdf`` (the same table printed without rules: columns only by their positions).
Fonts for the PDF: fonts-droid-fallback and fonts-dejavu-core (as the tests need).
"""
from __future__ import annotations

import argparse
import html
import json
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from tests.fixtures import CJK_FONTS, GOV_PAGE, LATIN_FONTS, seed_path, split_seed, web_archive  # noqa: E402

SHARED = ROOT.parent / "shared"
REALDEV = SHARED / "realdev"
REAL_TABLES = ("b01", "b02", "b03", "b04", "b06", "d01")
ROLE_HEADERS = (("lead", "牵头单位"), ("cooperating", "配合单位"), ("responsible", "责任单位"))


@dataclass
class Doc:
    """A document to write: paragraphs, a table (header, rows, spanning section rows), paragraphs."""

    stem: str
    gold: dict
    before: list[str]
    header: list[str]
    rows: list[list[str] | str]   # a row of cells, or a section heading spanning the table
    after: list[str]
    merge: tuple[int, ...] = ()   # columns whose equal consecutive cells are merged


def seed_doc() -> Doc:
    """The seed with a task table, from its own text."""
    path = seed_path("000")
    seed = split_seed(path.read_text(encoding="utf-8"))
    gold = json.loads((SHARED / "gold" / f"{path.name}.json").read_text(encoding="utf-8"))
    lead = seed.header.index("牵头单位")
    return Doc("seed000", gold, list(seed.before), list(seed.header), [list(r) for r in seed.rows],
               list(seed.after), (lead,))


def gold_doc(prefix: str) -> Doc:
    """A real table document rebuilt from its gold rows."""
    gf = next((REALDEV / "gold").glob(f"{prefix}_*.json"))
    gold = json.loads(gf.read_text(encoding="utf-8"))
    tasks = gold["tasks"]
    if prefix == "d01":
        tasks = [t for t in tasks if t["source"] == "annex"]
        gold = dict(gold, tasks=tasks)
    roles = [(r, h) for r, h in ROLE_HEADERS if any(u["role"] == r for t in tasks for u in t["units"])]
    header = ["序号", "任务名称", "主要内容"] + [h for _, h in roles]
    sections = [t.get("section") or "" for t in tasks]
    common = sections[0] if sections and all(s == sections[0] for s in sections) else None
    rows: list[list[str] | str] = []
    shown: list[str] = []
    for n, t in enumerate(tasks, 1):
        path = [] if common is not None else [s.strip() for s in (t.get("section") or "").split(">") if s.strip()]
        keep = next((i for i, (a, b) in enumerate(zip(shown, path)) if a != b), min(len(shown), len(path)))
        rows.extend(path[keep:])
        shown = path
        content = "；".join(i["text"] for i in t.get("indicators", []))
        content = content + "。" if content else ""
        units = ["、".join(u["name"] for u in t["units"] if u["role"] == r) for r, _ in roles]
        rows.append([t.get("number") or str(n), t["title"], content] + units)
    plan = gold["plan"]
    before = [plan.get("title") or gf.stem]
    if common:
        before.append(common)
    lead = header.index("牵头单位") if "牵头单位" in header else header.index("责任单位")
    return Doc(prefix, gold, before, header, rows, [], (lead,))


# ---------------------------------------------------------------- spans

def spans(doc: Doc) -> dict[tuple[int, int], int]:
    """(row, col) → rows merged from there, for the merged columns (rows counted without the header)."""
    out: dict[tuple[int, int], int] = {}
    for col in doc.merge:
        r = 0
        while r < len(doc.rows):
            row = doc.rows[r]
            if isinstance(row, str) or not row[col]:
                r += 1
                continue
            k = r + 1
            while k < len(doc.rows) and not isinstance(doc.rows[k], str) and doc.rows[k][col] == row[col]:
                k += 1
            if k - r > 1:
                out[(r, col)] = k - r
            r = k
    return out


# ---------------------------------------------------------------- writers

def write_docx(doc: Doc, path: Path) -> None:
    import docx

    document = docx.Document()
    for line in doc.before:
        document.add_paragraph(line)
    width = len(doc.header)
    table = document.add_table(rows=1 + len(doc.rows), cols=width)
    table.style = "Table Grid"
    for c, text in enumerate(doc.header):
        table.cell(0, c).text = text
    for r, row in enumerate(doc.rows, 1):
        if isinstance(row, str):
            merged = table.cell(r, 0).merge(table.cell(r, width - 1))
            merged.text = row
            continue
        for c, text in enumerate(row):
            table.cell(r, c).text = text
    for (r, c), n in spans(doc).items():
        keep = table.cell(r + 1, c).text
        merged = table.cell(r + 1, c).merge(table.cell(r + n, c))
        merged.text = keep
    for line in doc.after:
        document.add_paragraph(line)
    document.save(str(path))


def write_xlsx(doc: Doc, path: Path) -> None:
    """An Excel sheet as offices keep task lists: each paragraph before the table a row merged across
    it, the header, the rows (a section row merged across, unit cells merged over the rows they
    share), the paragraphs after it."""
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    width = len(doc.header)
    at = 1
    for line in doc.before:
        sheet.cell(at, 1, line)
        sheet.merge_cells(start_row=at, start_column=1, end_row=at, end_column=width)
        at += 1
    for c, text in enumerate(doc.header, 1):
        sheet.cell(at, c, text)
    first = at + 1
    for r, row in enumerate(doc.rows):
        if isinstance(row, str):
            sheet.cell(first + r, 1, row)
            sheet.merge_cells(start_row=first + r, start_column=1, end_row=first + r, end_column=width)
            continue
        for c, text in enumerate(row, 1):
            sheet.cell(first + r, c, text)
    for (r, c), n in spans(doc).items():
        sheet.merge_cells(start_row=first + r, start_column=c + 1, end_row=first + r + n - 1, end_column=c + 1)
    for k, line in enumerate(doc.after):
        sheet.cell(first + len(doc.rows) + k, 1, line)
    book.save(str(path))


def write_html(doc: Doc, path: Path, encoding: str) -> None:
    path.write_bytes(html_page(doc, encoding))


def write_web_archive(doc: Doc, path: Path, browser: str) -> None:
    """The page saved as one file: by Chrome (.mhtml, UTF-8, quoted-printable) or by Internet
    Explorer (.mht, the GB18030 page declared gb2312, base64)."""
    if browser == "chrome":
        path.write_bytes(web_archive(html_page(doc, "utf-8"), charset=None, transfer="quoted-printable"))
    else:
        path.write_bytes(web_archive(html_page(doc, "gb18030"), charset="gb2312", transfer="base64"))


def html_page(doc: Doc, encoding: str) -> bytes:
    width = len(doc.header)
    merged = spans(doc)
    covered = {(r + k, c) for (r, c), n in merged.items() for k in range(1, n)}
    parts = [f"<p style=\"text-indent:2em\">{html.escape(line)}</p>" for line in doc.before]
    parts.append("<table border=\"1\" cellspacing=\"0\" class=\"MsoNormalTable\"><tbody>")
    parts.append("<tr>" + "".join(f"<th><p>{html.escape(c)}</p></th>" for c in doc.header) + "</tr>")
    for r, row in enumerate(doc.rows):
        if isinstance(row, str):
            parts.append(f"<tr><td colspan=\"{width}\"><p><b>{html.escape(row)}</b></p></td></tr>")
            continue
        cells = []
        for c, text in enumerate(row):
            if (r, c) in covered:
                continue
            span = f" rowspan=\"{merged[(r, c)]}\"" if (r, c) in merged else ""
            cells.append(f"<td{span}><p>{html.escape(text)}</p></td>")
        parts.append("<tr>" + "".join(cells) + "</tr>")
    parts.append("</tbody></table>")
    parts += [f"<p>{html.escape(line)}</p>" for line in doc.after]
    title = doc.before[0] if doc.before else doc.stem
    charset = "gb2312" if encoding == "gb18030" else encoding
    page = GOV_PAGE.format(charset=charset, title=html.escape(title), body="\n".join(parts))
    return page.encode(encoding)


def write_pdf(doc: Doc, path: Path, ruled: bool = True) -> bool:
    try:
        import fpdf
        from fpdf.fonts import FontFace
    except ImportError:
        print("make_formats: fpdf2 not installed (pip install fpdf2); no PDFs", file=sys.stderr)
        return False
    cjk = next((f for f in CJK_FONTS if Path(f).exists()), "")
    latin = next((f for f in LATIN_FONTS if Path(f).exists()), "")
    if not cjk or not latin:
        print("make_formats: no CJK/Latin font (apt-get install fonts-droid-fallback fonts-dejavu-core); no PDFs",
              file=sys.stderr)
        return False
    pdf = fpdf.FPDF(format="A4")
    pdf.set_auto_page_break(True, margin=20)
    pdf.add_font("cjk", "", cjk)
    pdf.add_font("latin", "", latin)
    pdf.set_fallback_fonts(["latin"])
    pdf.set_font("cjk", size=11)
    pdf.add_page()
    for line in doc.before:
        pdf.multi_cell(pdf.epw, 7, "      " + line, align="L", new_x="LMARGIN", new_y="NEXT", wrapmode="CHAR")
    pdf.set_font("cjk", size=9)
    width = len(doc.header)
    widths = {6: (6, 20, 40, 12, 12, 10), 5: (6, 22, 44, 14, 14), 4: (6, 26, 50, 18)}.get(width, tuple([1] * width))
    merged = spans(doc)
    covered = {(r + k, c) for (r, c), n in merged.items() for k in range(1, n)}
    with pdf.table(col_widths=widths, line_height=5, text_align="LEFT", first_row_as_headings=False,
                   headings_style=FontFace(emphasis=""), wrapmode="CHAR",
                   borders_layout="ALL" if ruled else "NONE") as table:
        cells = table.row()
        for text in doc.header:
            cells.cell(text)
        for r, row in enumerate(doc.rows):
            cells = table.row()
            if isinstance(row, str):
                cells.cell(row, colspan=width)
                continue
            for c, text in enumerate(row):
                if (r, c) in covered:
                    continue
                cells.cell(text, rowspan=merged.get((r, c), 1))
    pdf.set_font("cjk", size=11)
    for line in doc.after:
        pdf.multi_cell(pdf.epw, 7, "      " + line, align="L", new_x="LMARGIN", new_y="NEXT", wrapmode="CHAR")
    pdf.output(str(path))
    return True


def write_doc(doc, path: Path) -> bool:
    """The Word file saved as Word 97–2003 by LibreOffice (``soffice``), when it is installed;
    False (no fixture) when it is not."""
    import shutil
    import subprocess
    import tempfile

    soffice = shutil.which("soffice")
    if soffice is None:
        return False
    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / f"{path.stem}.docx"
        write_docx(doc, source)
        subprocess.run([soffice, "--headless", "--convert-to", "doc", "--outdir", tmp, str(source)],
                       check=True, capture_output=True, timeout=300)
        shutil.move(str(Path(tmp) / f"{path.stem}.doc"), path)
    return True


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--out", type=Path, default=Path(__file__).resolve().parent)
    a = ap.parse_args()
    docs_dir, gold_dir = a.out / "docs", a.out / "gold"
    docs_dir.mkdir(parents=True, exist_ok=True)
    gold_dir.mkdir(parents=True, exist_ok=True)
    for old in list(docs_dir.iterdir()) + list(gold_dir.iterdir()):
        old.unlink()
    docs = [seed_doc()] + [gold_doc(p) for p in REAL_TABLES]
    written = []
    for doc in docs:
        outputs = {f"{doc.stem}.docx": lambda p, d=doc: write_docx(d, p),
                   f"{doc.stem}.doc": lambda p, d=doc: write_doc(d, p),
                   f"{doc.stem}.html": lambda p, d=doc: write_html(d, p, "utf-8"),
                   f"{doc.stem}_gb18030.html": lambda p, d=doc: write_html(d, p, "gb18030"),
                   f"{doc.stem}.mhtml": lambda p, d=doc: write_web_archive(d, p, "chrome"),
                   f"{doc.stem}.mht": lambda p, d=doc: write_web_archive(d, p, "ie"),
                   f"{doc.stem}.xlsx": lambda p, d=doc: write_xlsx(d, p),
                   f"{doc.stem}.pdf": lambda p, d=doc: write_pdf(d, p),
                   f"{doc.stem}_unruled.pdf": lambda p, d=doc: write_pdf(d, p, ruled=False)}
        for name, write in outputs.items():
            if write(docs_dir / name) is False:
                continue
            gold = dict(doc.gold, doc=name)
            (gold_dir / f"{name}.json").write_text(json.dumps(gold, ensure_ascii=False, indent=1), encoding="utf-8")
            written.append(name)
    print(f"wrote {len(written)} documents and their gold to {docs_dir} and {gold_dir}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
