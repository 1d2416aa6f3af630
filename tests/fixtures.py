"""Build Word, PDF and web-page fixtures (and broken files) from seed text at test time.

Nothing binary is committed: every fixture is written from the shipped ``.txt``
seeds or from short passages, so the same plan can be read in every format.
"""
from __future__ import annotations

import html
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import pytest

CORPUS = Path(__file__).resolve().parent.parent / "corpus"

#: CJK TrueType fonts from Debian packages, in order of preference.
CJK_FONTS = (
    "/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf",       # fonts-droid-fallback
    "/usr/share/fonts-droid-fallback/truetype/DroidSansFallback.ttf",
    "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",                  # fonts-wqy-microhei
    "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",                    # fonts-wqy-zenhei
)

#: A Latin TrueType font for digits and ASCII, which some CJK fonts lack.
LATIN_FONTS = (
    "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",                 # fonts-dejavu-core
    "/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf",  # fonts-liberation
)

TABLE_HEADER_START = "序号"


@dataclass(frozen=True)
class SeedDoc:
    """A seed plan split into the paragraphs around its (flattened) task table."""

    before: tuple[str, ...]
    header: tuple[str, ...] = ()
    rows: tuple[tuple[str, ...], ...] = ()
    after: tuple[str, ...] = ()

    def lines(self) -> list[str]:
        """Every non-empty line in reading order, table cells one per line."""
        cells = [c for row in (self.header,) + self.rows for c in row]
        return [line for line in (*self.before, *cells, *self.after) if line]


def seed_path(prefix: str) -> Path:
    """The shipped seed whose file name starts with ``prefix`` (``000`` …)."""
    return next(CORPUS.glob(f"{prefix}_*.txt"))


def seed_text(prefix: str) -> str:
    """Text of a shipped seed."""
    return seed_path(prefix).read_text(encoding="utf-8")


def _clean(line: str) -> str:
    return re.sub(r"[ \t\u00a0\u3000]+", " ", line).strip()


def split_seed(text: str) -> SeedDoc:
    """Split seed text into paragraphs and the task table flattened one cell per line.

    The table starts at a line ``序号`` and its header runs to the first number;
    in double-spaced seeds a run of k blank lines between two cells stands for
    k-1 empty cells. The table ends at a row that does not start with a number.
    """
    raw = text.split("\n")
    starts = [i for i, line in enumerate(raw) if _clean(line) == TABLE_HEADER_START]
    if not starts:
        return SeedDoc(before=tuple(_clean(l) for l in raw if _clean(l)))
    at = starts[0]
    before = tuple(_clean(l) for l in raw[:at] if _clean(l))
    header: list[str] = []
    i = at
    while i < len(raw) and not _clean(raw[i]).isdigit():
        if _clean(raw[i]):
            header.append(_clean(raw[i]))
        i += 1
    double_spaced = i > at and sum(1 for l in raw[at:i] if not _clean(l)) >= len(header) - 1
    cells: list[str] = []
    blanks = 0
    end = i
    j = i
    while j < len(raw):
        line = _clean(raw[j])
        if not line:
            blanks += 1
            j += 1
            continue
        if cells:
            extra = blanks - 1 if double_spaced else blanks
            cells.extend([""] * max(0, extra))
        if len(cells) % len(header) == 0 and not line.isdigit():
            break
        cells.append(line)
        blanks = 0
        j += 1
        end = j
    cells.extend([""] * (-len(cells) % len(header)))
    rows = tuple(tuple(cells[k:k + len(header)]) for k in range(0, len(cells), len(header)))
    after = tuple(_clean(l) for l in raw[end:] if _clean(l))
    return SeedDoc(before=before, header=tuple(header), rows=rows, after=after)


# ----------------------------------------------------------------------- builders

def write_docx(path: Path, seed: SeedDoc, *, drop_cells: tuple[tuple[int, int], ...] = (),
               merge_down: tuple[int, int, int] | None = None) -> Path:
    """Write ``seed`` as a Word file with a real table.

    ``drop_cells`` removes ``(row, col)`` cells from the XML (rows counted with the
    header as 0) to make a ragged table; ``merge_down=(col, first_row, last_row)``
    merges a column's cells vertically.
    """
    import docx

    document = docx.Document()
    for line in seed.before:
        document.add_paragraph(line)
    if seed.header:
        table = document.add_table(rows=1 + len(seed.rows), cols=len(seed.header))
        table.style = "Table Grid"
        for r, row in enumerate((seed.header,) + seed.rows):
            for c, cell in enumerate(row):
                table.cell(r, c).text = cell
        if merge_down:
            col, first, last = merge_down
            keep = table.cell(first, col).text
            merged = table.cell(first, col).merge(table.cell(last, col))
            merged.text = keep
        for r, c in drop_cells:
            tc = table.rows[r].cells[c]._tc
            tc.getparent().remove(tc)
    for line in seed.after:
        document.add_paragraph(line)
    document.save(str(path))
    return path


def cjk_font() -> tuple[str, str]:
    """Paths of a CJK and a Latin TrueType font, or skip the test saying what to install."""
    cjk = next((f for f in CJK_FONTS if Path(f).exists()), "")
    latin = next((f for f in LATIN_FONTS if Path(f).exists()), "")
    if not cjk or not latin:
        pytest.skip("no CJK/Latin TrueType font for PDF fixtures: apt-get install fonts-droid-fallback fonts-dejavu-core")
    return cjk, latin


def write_pdf(path: Path, seed: SeedDoc, *, page_numbers: bool = False, repeat_header: bool = False) -> Path:
    """Write ``seed`` as a PDF (fpdf2, CJK font embedded) with a ruled table.

    ``page_numbers`` prints ``- N -`` centred at the foot of every page;
    ``repeat_header`` repeats the table's header row on every page it runs onto.
    """
    fpdf = pytest.importorskip("fpdf", reason="fpdf2 is needed to build PDF fixtures: pip install fpdf2")
    cjk, latin = cjk_font()

    class NumberedPDF(fpdf.FPDF):
        def footer(self) -> None:
            if page_numbers:
                self.set_y(-15)
                self.set_font("cjk", size=9)
                self.cell(0, 10, f"- {self.page_no()} -", align="C")

    pdf = NumberedPDF(format="A4")
    pdf.set_auto_page_break(True, margin=20)
    pdf.add_font("cjk", "", cjk)
    pdf.add_font("latin", "", latin)
    pdf.set_fallback_fonts(["latin"])
    pdf.set_font("cjk", size=11)
    pdf.add_page()
    width = pdf.epw

    def paragraph(line: str) -> None:
        # first line indented as in printed Chinese documents; a paragraph that does not fit
        # starts a new page (fpdf2 can misplace lines when it breaks a page inside multi_cell)
        text = "      " + line
        height = pdf.multi_cell(width, 7, text, dry_run=True, output="HEIGHT", wrapmode="CHAR")
        if pdf.get_y() + height > pdf.page_break_trigger:
            pdf.add_page()
        pdf.multi_cell(width, 7, text, align="L", new_x="LMARGIN", new_y="NEXT", wrapmode="CHAR")

    for line in seed.before:
        paragraph(line)
    if seed.header:
        pdf.set_font("cjk", size=9)
        widths = _column_widths(len(seed.header))
        from fpdf.fonts import FontFace

        with pdf.table(col_widths=widths, line_height=5, text_align="LEFT", first_row_as_headings=repeat_header,
                       repeat_headings=1 if repeat_header else 0, headings_style=FontFace(emphasis=""),
                       wrapmode="CHAR") as table:
            for row in (seed.header,) + seed.rows:
                cells = table.row()
                for cell in row:
                    cells.cell(cell)
        pdf.set_font("cjk", size=11)
    for line in seed.after:
        paragraph(line)
    pdf.output(str(path))
    return path


def _column_widths(n: int) -> tuple[int, ...]:
    """Relative widths for the task-table columns (number, name, measures, units …)."""
    preset = {5: (6, 18, 44, 14, 18), 4: (6, 20, 50, 24), 3: (8, 30, 62)}
    return preset.get(n, tuple([1] * n))


GOV_PAGE = """<!DOCTYPE html>
<html><head>
<meta http-equiv="Content-Type" content="text/html; charset={charset}">
<title>{title}_政策文件_人民政府门户网站</title>
<style>.nav li {{ float: left; }} body {{ font: 14px/1.6 SimSun; }}</style>
<script type="text/javascript">var _hmt = _hmt || []; document.write("统计代码");</script>
</head><body>
<div class="top-bar">无障碍 | 长者模式 | 登录 | 注册</div>
<div class="header"><img src="logo.png" alt="门户网站"><div class="search"><input type="text" value="请输入关键词"><button>搜索</button></div></div>
<ul class="nav"><li><a href="/">首页</a></li><li><a href="/zwgk/">政务公开</a></li><li><a href="/bsfw/">办事服务</a></li><li><a href="/hdjl/">互动交流</a></li></ul>
<div class="breadcrumb">您当前的位置：<a href="/">首页</a> &gt; <a href="/zwgk/">政务公开</a> &gt; <a href="/zcwj/">政策文件</a></div>
<div class="main">
<div class="article">
<h1 class="article-title">{title}</h1>
<div class="info">发布日期：2024-05-14 <span>浏览次数：<script>document.write(1024)</script></span></div>
<div id="zoom" class="article-content">
{body}
</div>
<div class="share">分享到：<a href="#">微信</a> <a href="#">微博</a></div>
</div>
<div class="sidebar"><h3>相关链接</h3><ul><li><a href="/a">关于印发某某方案的通知</a></li><li><a href="/b">关于做好某某工作的通知</a></li></ul></div>
</div>
<div class="footer"><p>主办单位：人民政府办公室 地址：人民路1号 邮编：314100</p><p>网站标识码：3304210001 ICP备案号：浙ICP备05000000号</p></div>
<script>window.onload = function () {{ console.log("页脚脚本"); }};</script>
</body></html>
"""


def write_html(path: Path, seed: SeedDoc, *, charset: str = "utf-8", encoding: str | None = None) -> Path:
    """Write ``seed`` as a government-site page: nav, breadcrumb, sidebar, footer, scripts.

    ``charset`` is what the page declares; ``encoding`` what its bytes are (default: the same).
    """
    parts: list[str] = []
    for line in seed.before:
        parts.append(f"<p style=\"text-indent:2em\">{html.escape(line)}</p>")
    if seed.header:
        parts.append("<table border=\"1\" cellspacing=\"0\"><tbody>")
        parts.append("<tr>" + "".join(f"<th><p>{html.escape(c)}</p></th>" for c in seed.header) + "</tr>")
        for row in seed.rows:
            parts.append("<tr>" + "".join(f"<td>{html.escape(c)}</td>" for c in row) + "</tr>")
        parts.append("</tbody></table>")
    for line in seed.after:
        parts.append(f"<p>{html.escape(line)}</p>")
    title = next((l for l in seed.before if l.endswith(("方案", "要点", "计划", "通知"))), seed.before[0] if seed.before else "")
    page = GOV_PAGE.format(charset=charset, title=html.escape(title), body="\n".join(parts))
    path.write_bytes(page.encode(encoding or charset))
    return path


def web_archive(page: bytes, *, charset: str | None, transfer: str) -> bytes:
    """``page`` saved as a browser's one-file web archive (.mhtml, .mht): a ``multipart/related``
    message whose first part is the page (``transfer``: quoted-printable, as Chrome writes it, or
    base64, as Internet Explorer does; ``charset`` named on the part or not) and a picture after it."""
    import base64
    import quopri

    boundary = "----MultipartBoundary--plankgFixture"
    body = quopri.encodestring(page) if transfer == "quoted-printable" else base64.encodebytes(page)
    content_type = "text/html" + (f'; charset="{charset}"' if charset else "")
    head = ("From: <Saved by Blink>\r\nSubject: =?utf-8?Q?page?=\r\nMIME-Version: 1.0\r\n"
            f'Content-Type: multipart/related;\r\n\ttype="text/html";\r\n\tboundary="{boundary}"\r\n\r\n'
            f"--{boundary}\r\nContent-Type: {content_type}\r\nContent-Transfer-Encoding: {transfer}\r\n"
            "Content-Location: http://www.example.gov.cn/art/2024/5/14/art_1.html\r\n\r\n")
    picture = (f"\r\n--{boundary}\r\nContent-Type: image/png\r\nContent-Transfer-Encoding: base64\r\n"
               f"Content-Location: http://www.example.gov.cn/logo.png\r\n\r\niVBORw0KGgo=\r\n\r\n--{boundary}--\r\n")
    return head.encode("ascii") + body + picture.encode("ascii")


# ------------------------------------------------------------------ broken files

def write_sparse(path: Path, size: int) -> Path:
    """A file of ``size`` bytes that takes no disk space (a 'huge' input)."""
    with path.open("wb") as handle:
        handle.truncate(size)
    return path


NO_TASKS = ("关于开展2024年度安全生产检查的通知\n"
            "各镇人民政府、街道办事处,县级各部门:\n"
            "现将有关事项通知如下,请认真做好检查准备工作。\n"
            "县人民政府办公室\n2024年3月1日\n")

UNCLOSED = ("某县推进美丽城镇建设实施方案\n"
            "一、主要任务\n"
            "1.深化环境综合整治。巩固深化小城镇环境综合整治。(责任单位:县住建局、县农业农村局\n"
            "2.构建现代化交通网络。优化路网结构和交通组织。(责任单位:县交通运输局、县公安局)\n"
            "3.推进市政设施网络建设。全面提升供水水质,饮用水水质达标率100%。(责任单位:县水利局\n")

#: The bad files of a messy corpus, each with the words its one problem line must contain.
BAD_FILES = {
    "empty.txt": r"empty",
    "garbage.txt": r"binary",
    "cut.txt": r"middle of a character",
    "huge.txt": r"too large",
    "notasks.txt": r"no tasks",
    "ragged.docx": r"missing cells",
    "unclosed.txt": r"bracket|括号|unclosed|not closed",
    "notes.xyz": r"unsupported file type",
    "broken.docx": r"Word",
    "broken.pdf": r"PDF",
}


def write_bad_files(folder: Path) -> dict[str, str]:
    """Write the ten bad files of :data:`BAD_FILES` into ``folder``; returns that table."""
    import random

    folder.mkdir(parents=True, exist_ok=True)
    (folder / "empty.txt").write_bytes(b"")
    (folder / "garbage.txt").write_bytes(random.Random(5).randbytes(30000))
    passage = UNCLOSED.replace("(责任单位:县住建局、县农业农村局\n", "(责任单位:县住建局、县农业农村局)\n")
    passage = passage.replace("(责任单位:县水利局\n", "(责任单位:县水利局)\n")
    (folder / "cut.txt").write_bytes(passage.encode("utf-8") + "县水利局".encode("utf-8")[:-2])
    write_sparse(folder / "huge.txt", 100 * 1024 * 1024)
    (folder / "notasks.txt").write_text(NO_TASKS, encoding="utf-8")
    seed = split_seed(seed_text("000"))
    write_docx(folder / "ragged.docx", seed, drop_cells=((4, 4), (7, 3)))
    (folder / "unclosed.txt").write_text(UNCLOSED, encoding="utf-8")
    (folder / "notes.xyz").write_text("这不是一个规划文件。\n", encoding="utf-8")
    good = write_docx(folder / "broken.docx", seed).read_bytes()
    (folder / "broken.docx").write_bytes(good[: len(good) // 3])
    (folder / "broken.pdf").write_bytes(b"%PDF-1.7\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n" + b"\x00\xff" * 50)
    return dict(BAD_FILES)


# ---------------------------------------------------------------- checks

def _fold(text: str) -> str:
    """Compare surface forms loosely: width-folded, without spaces and markers."""
    return re.sub(r"[\s*★※]", "", unicodedata.normalize("NFKC", text))


def derivable(name: str, span: str) -> bool:
    """The cleaned unit ``name`` is in the source ``span``, or made of its characters in order."""
    name, span = _fold(name), _fold(span)
    if name in span:
        return True
    it = iter(span)
    return bool(name) and all(ch in it for ch in name)
