"""The ingest stage: every format read into the same one-line-per-paragraph text."""
from __future__ import annotations

import random
import re
import tracemalloc
from collections import Counter

import pytest

from fixtures import (
    SeedDoc, derivable, seed_path, seed_text, split_seed, web_archive, write_docx, write_html, write_pdf, write_sparse,
)
from graph.ingest import (
    IngestError, clean_line, decode_bytes, format_of, read_document, MAX_BYTES_ENV,
)

PASSAGE = (
    "嘉善县实施县城承载能力提升工程2024年工作要点\n"
    "(一)推进小微企业园提档升级。力争打造三星级及以上小微企业园1个以上。(责任单位:县经信局、县科技局)\n"
    "(二)持续提升教育质量。普惠性幼儿园占比96.5%以上。(责任单位:县教育局)\n"
)


@pytest.fixture(scope="module")
def seed000() -> SeedDoc:
    return split_seed(seed_text("000"))


def nonblank(text: str) -> list[str]:
    return [line for line in text.split("\n") if line.strip()]


def squeeze(lines: list[str]) -> list[str]:
    """Lines without whitespace: PDF text keeps the characters, not always the spaces."""
    return [re.sub(r"\s+", "", line) for line in lines if line.strip()]


def texts(block) -> tuple[tuple[str, ...], ...]:
    """A Table's rows as cell texts."""
    return tuple(tuple(cell.text for cell in row) for row in block.rows)


def flattened(block) -> str:
    """The text a Table stands for: each grid position once, a merged cell only where it is printed."""
    seen: set = set()
    out = []
    for row in block.rows:
        for cell in row:
            out.append("" if id(cell) in seen else cell.text)
            seen.add(id(cell))
    return "\n".join(out)


def offsets_hold(source) -> bool:
    """Every cell of every table quotes its own span of the text."""
    return all(source.text[c.start:c.end] == c.text and source.tables[i].start <= c.start <= c.end <= source.tables[i].end
               for i, t in enumerate(source.tables) for row in t.rows for c in row)


# ----------------------------------------------------------------------- txt

def test_utf8_seed_reads_as_is():
    path = seed_path("000")
    source = read_document(path)
    assert source.format == "txt" and source.encoding == "utf-8"
    assert source.text == path.read_text(encoding="utf-8")
    assert source.name == path.name and len(source.sha256) == 64


@pytest.mark.parametrize("encode", [
    lambda t: b"\xef\xbb\xbf" + t.encode("utf-8"),
    lambda t: t.encode("gb18030"),
    lambda t: t.encode("gbk"),
], ids=["utf8-bom", "gb18030", "gbk"])
def test_txt_encodings_detected(tmp_path, encode):
    path = tmp_path / "plan.txt"
    path.write_bytes(encode(PASSAGE))
    source = read_document(path)
    assert source.text == PASSAGE
    assert not source.warnings


def test_gb18030_beyond_gbk(tmp_path):
    text = PASSAGE + "负责人:王䶮、张𠀾\n"  # CJK Ext. A and B: four-byte GB18030
    path = tmp_path / "plan.txt"
    path.write_bytes(text.encode("gb18030"))
    assert read_document(path).text == text


def test_utf8_cut_inside_a_character_drops_the_tail(tmp_path):
    data = PASSAGE.encode("utf-8") + "县教育局".encode("utf-8")[:-1]
    path = tmp_path / "cut.txt"
    path.write_bytes(data)
    source = read_document(path)
    assert source.text == PASSAGE + "县教育"
    assert len(source.warnings) == 1 and "middle of a character" in source.warnings[0]


def test_gb18030_cut_inside_a_character_drops_the_tail(tmp_path):
    data = (PASSAGE + "县教育局").encode("gb18030")[:-1]
    path = tmp_path / "cut.txt"
    path.write_bytes(data)
    source = read_document(path)
    assert source.text.endswith("县教育") and source.encoding == "gb18030"
    assert source.warnings


def test_decode_does_not_misread_utf8_as_gb():
    decoded = decode_bytes("牵头单位:县发改局".encode("utf-8"), declared="gb2312")
    assert decoded.text == "牵头单位:县发改局"
    assert decoded.warnings and "gb2312" in decoded.warnings[0]


# ---------------------------------------------------------------- bad input

def test_empty_file(tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"")
    with pytest.raises(IngestError, match="empty"):
        read_document(tmp_path / "empty.txt")


def test_whitespace_only_file(tmp_path):
    (tmp_path / "blank.txt").write_bytes(b" \r\n\t\n")
    with pytest.raises(IngestError, match="empty"):
        read_document(tmp_path / "blank.txt")


@pytest.mark.parametrize("suffix", [".txt", ".html", ".docx", ".pdf"])
def test_binary_garbage(tmp_path, suffix):
    path = tmp_path / f"garbage{suffix}"
    path.write_bytes(random.Random(7).randbytes(20000))
    with pytest.raises(IngestError) as info:
        read_document(path)
    assert re.search(r"binary|not a|cannot", str(info.value))


def test_garbage_without_nul_bytes_is_not_text(tmp_path):
    rng = random.Random(11)
    data = bytes(rng.choice(range(1, 256)) for _ in range(5000))
    path = tmp_path / "noise.txt"
    path.write_bytes(data)
    with pytest.raises(IngestError, match="binary|encoding"):
        read_document(path)


def test_huge_file_refused_without_reading_it(tmp_path):
    path = write_sparse(tmp_path / "huge.txt", 100 * 1024 * 1024)
    tracemalloc.start()
    try:
        with pytest.raises(IngestError, match=r"too large \(100 MB; the limit is 50 MB\)"):
            read_document(path)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 5 * 1024 * 1024


def test_size_limit_is_configurable(tmp_path, monkeypatch):
    path = tmp_path / "plan.txt"
    path.write_text(PASSAGE, encoding="utf-8")
    with pytest.raises(IngestError, match="too large"):
        read_document(path, max_bytes=100)
    monkeypatch.setenv(MAX_BYTES_ENV, "100")
    with pytest.raises(IngestError, match="too large"):
        read_document(path)
    assert read_document(path, max_bytes=10_000).text == PASSAGE


@pytest.mark.parametrize("name", ["plan.xls", "plan.zip", "README"])
def test_unknown_extension(tmp_path, name):
    path = tmp_path / name
    path.write_text(PASSAGE, encoding="utf-8")
    with pytest.raises(IngestError, match="unsupported file type"):
        read_document(path)
    assert format_of(path) == ""


def test_old_word_format_named(tmp_path):
    path = tmp_path / "plan.docx"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600)
    with pytest.raises(IngestError, match=r"old Word \.doc"):
        read_document(path)


def test_broken_word_file(tmp_path, seed000):
    good = write_docx(tmp_path / "good.docx", seed000).read_bytes()
    path = tmp_path / "cut.docx"
    path.write_bytes(good[: len(good) // 2])
    with pytest.raises(IngestError, match="Word"):
        read_document(path)


def test_not_a_pdf(tmp_path):
    path = tmp_path / "plan.pdf"
    path.write_text(PASSAGE, encoding="utf-8")
    with pytest.raises(IngestError, match="not a PDF"):
        read_document(path)


def test_folder_named_like_a_file(tmp_path):
    (tmp_path / "plan.txt").mkdir()
    with pytest.raises(IngestError, match="folder"):
        read_document(tmp_path / "plan.txt")


def test_messages_are_one_short_line(tmp_path):
    cases = {"a.txt": b"", "b.txt": b"\0\1\2" * 100, "c.bin": b"x", "d.pdf": b"%PDF-1.4\n broken",
             "e.docx": b"PK\3\4 broken", "f.html": b"\0" * 10}
    for name, data in cases.items():
        (tmp_path / name).write_bytes(data)
        with pytest.raises(IngestError) as info:
            read_document(tmp_path / name)
        message = str(info.value)
        assert "\n" not in message and 0 < len(message) <= 120, (name, message)


# ---------------------------------------------------------------------- Word

def test_docx_lines_match_the_txt(tmp_path, seed000):
    source = read_document(write_docx(tmp_path / "plan.docx", seed000))
    assert source.format == "docx"
    assert nonblank(source.text) == seed000.lines()


def test_docx_table_as_block(tmp_path, seed000):
    source = read_document(write_docx(tmp_path / "plan.docx", seed000))
    assert len(source.tables) == 1
    block = source.tables[0]
    assert texts(block) == (seed000.header,) + seed000.rows
    assert source.text[block.start:block.end] == flattened(block)
    assert offsets_hold(source) and block.kind == "docx"
    assert source.text[block.start:].startswith("序号\n任务名称")


def test_docx_merged_cell_appears_once_in_text_and_in_every_row_of_the_table(tmp_path, seed000):
    source = read_document(write_docx(tmp_path / "plan.docx", seed000, merge_down=(3, 1, 2)))
    rows = source.tables[0].rows
    lead = seed000.rows[0][3]
    assert rows[1][3].text == lead and rows[2][3] is rows[1][3]  # the merged cell, same offsets
    assert source.text.split("\n").count(lead) == seed000.lines().count(lead) - 1  # printed once for two rows
    assert offsets_hold(source)
    assert all(len(r) == len(seed000.header) for r in rows)
    assert source.text[source.tables[0].start:source.tables[0].end] == flattened(source.tables[0])


def test_docx_missing_cells_padded_and_reported(tmp_path, seed000):
    source = read_document(write_docx(tmp_path / "plan.docx", seed000, drop_cells=((3, 4), (5, 4))))
    rows = source.tables[0].rows
    assert all(len(r) == 5 for r in rows)
    assert rows[3][4].text == "" and texts(source.tables[0])[3][:4] == seed000.rows[2][:4]
    assert len(source.warnings) == 1
    assert re.search(r"table 1: 2 row\(s\) with missing cells \(expected 5; e\.g\. row 4\)", source.warnings[0])


def test_docx_paragraphs_and_tables_in_document_order(tmp_path):
    seed = SeedDoc(before=("一、主要任务", "前言段落"), header=("序号", "任务名称", "牵头单位"),
                   rows=(("1", "建设园区", "县发改局"),), after=("二、保障措施",))
    source = read_document(write_docx(tmp_path / "order.docx", seed))
    assert source.text == "一、主要任务\n前言段落\n序号\n任务名称\n牵头单位\n1\n建设园区\n县发改局\n二、保障措施"


def test_docx_automatic_numbers_are_printed(tmp_path):
    import docx

    document = docx.Document()
    for title in ("建设园区", "提升教育"):
        document.add_paragraph(title, style="List Number")
    path = tmp_path / "numbered.docx"
    document.save(str(path))
    assert read_document(path).text == "1.建设园区\n2.提升教育"


def test_docx_multi_paragraph_cell_on_one_line(tmp_path):
    import docx

    document = docx.Document()
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text, table.cell(0, 1).text = "任务名称", "牵头单位"
    table.cell(1, 0).text = "建设园区"
    cell = table.cell(1, 1)
    cell.text = "县发改局"
    cell.add_paragraph("县经信局")
    path = tmp_path / "cell.docx"
    document.save(str(path))
    source = read_document(path)
    assert texts(source.tables[0])[1] == ("建设园区", "县发改局 县经信局")
    assert source.text.split("\n")[-1] == "县发改局 县经信局"


# ---------------------------------------------------------------------- HTML

FURNITURE = ("政务公开", "办事服务", "统计代码", "相关链接", "分享到", "主办单位", "ICP备案号",
             "页脚脚本", "请输入关键词", "长者模式", "您当前的位置")


def test_html_article_without_furniture(tmp_path, seed000):
    source = read_document(write_html(tmp_path / "page.html", seed000))
    assert source.format == "html"
    lines = nonblank(source.text)
    # around the seed's own lines, only the page's title and date line are kept
    added = [line for line in lines if line not in seed000.lines()]
    for word in FURNITURE:
        assert not any(word in line for line in added), word
    assert added and all(line == lines[0] or line.startswith("发布日期：2024-05-14") for line in added)
    assert lines[0].startswith("嘉善县实施县城承载能力提升")
    # the article's lines come out in order, each on its own line (the breadcrumb line dropped)
    article = [line for line in seed000.lines() if not line.startswith("您当前的位置")]
    assert [line for line in lines[1:] if line in seed000.lines()] == article


def test_html_table_one_cell_per_line_and_block(tmp_path, seed000):
    source = read_document(write_html(tmp_path / "page.html", seed000))
    assert len(source.tables) == 1
    block = source.tables[0]
    assert texts(block) == (seed000.header,) + seed000.rows
    assert source.text[block.start:block.end] == flattened(block)
    assert offsets_hold(source) and block.kind == "html"


def test_html_declared_gb2312_holding_gb18030(tmp_path):
    seed = SeedDoc(before=("关于印发实施方案的通知", "联系人:王䶮(县发改局),电话:0573-84000000", "鎔铸园区"))
    path = write_html(tmp_path / "page.htm", seed, charset="gb2312", encoding="gb18030")
    source = read_document(path)
    assert source.encoding == "gb18030"
    assert "联系人:王䶮(县发改局),电话:0573-84000000" in source.text.split("\n")
    assert "鎔铸园区" in source.text and not source.warnings


def test_html_wrong_declared_charset_falls_back(tmp_path):
    seed = SeedDoc(before=("关于印发实施方案的通知", "牵头单位:县发改局"))
    path = write_html(tmp_path / "page.html", seed, charset="utf-8", encoding="gb18030")
    source = read_document(path)
    assert "牵头单位:县发改局" in source.text.split("\n")
    assert source.warnings and "declared charset" in source.warnings[0]


def test_html_blocks_and_line_breaks(tmp_path):
    page = ("<html><body><div id='zoom'><p>一、总体要求</p><div>(一)建设园区。<br>加快推进\n  园区建设。"
            "</div><ul><li>县发改局</li><li>县经信局</li></ul><p>加快推进 <b>小微</b>企业园</p></div></body></html>")
    path = tmp_path / "page.html"
    path.write_text(page, encoding="utf-8")
    assert nonblank(read_document(path).text) == [
        "一、总体要求", "(一)建设园区。", "加快推进园区建设。", "县发改局", "县经信局", "加快推进 小微企业园"]


def test_html_table_spans_and_missing_cells(tmp_path):
    page = ("<html><body><table>"
            "<tr><th>序号</th><th>任务</th><th>牵头单位</th></tr>"
            "<tr><td>1</td><td>建设园区</td><td rowspan='2'>县发改局</td></tr>"
            "<tr><td>2</td><td>提升教育</td></tr>"
            "<tr><td colspan='3'>二、保障</td></tr>"
            "<tr><td>3</td><td>加强督查</td></tr>"
            "</table></body></html>")
    path = tmp_path / "t.html"
    path.write_text(page, encoding="utf-8")
    source = read_document(path)
    assert texts(source.tables[0]) == (
        ("序号", "任务", "牵头单位"), ("1", "建设园区", "县发改局"), ("2", "提升教育", "县发改局"),
        ("二、保障", "二、保障", "二、保障"), ("3", "加强督查", ""))
    rows = source.tables[0].rows
    assert rows[2][2] is rows[1][2] and rows[3][1] is rows[3][0]  # a spanned position holds the spanning cell
    assert source.text.split("\n").count("县发改局") == 1 and offsets_hold(source)
    assert source.warnings and "missing cells" in source.warnings[0]


def test_html_without_text(tmp_path):
    path = tmp_path / "empty.html"
    path.write_text("<html><head><script>var a=1;</script></head><body><nav><a href='/'>首页</a></nav></body></html>",
                    encoding="utf-8")
    with pytest.raises(IngestError, match="no text"):
        read_document(path)


# ----------------------------------------------------------------------- PDF

def test_pdf_lines_match_the_txt(tmp_path, seed000):
    source = read_document(write_pdf(tmp_path / "plan.pdf", seed000))
    assert source.format == "pdf"
    assert squeeze(nonblank(source.text)) == squeeze(seed000.lines())


def test_pdf_table_as_block(tmp_path, seed000):
    source = read_document(write_pdf(tmp_path / "plan.pdf", seed000))
    assert len(source.tables) == 1
    block = source.tables[0]
    assert [squeeze(list(r)) for r in texts(block)[:1]] == [list(seed000.header)]
    assert len(block.rows) == 1 + len(seed000.rows)
    assert [[re.sub(r"\s+", "", c) for c in r] for r in texts(block)[1:]] == \
        [[re.sub(r"\s+", "", c) for c in r] for r in seed000.rows]
    assert source.text[block.start:block.end] == flattened(block)
    assert offsets_hold(source) and block.kind == "pdf"


def test_pdf_table_over_pages_with_repeated_header_is_one_table(tmp_path, seed000):
    path = write_pdf(tmp_path / "plan.pdf", seed000, repeat_header=True)
    import pdfplumber

    with pdfplumber.open(path) as pdf:
        # the table does run over pages, each part headed by the header row
        assert sum(1 for page in pdf.pages for t in page.find_tables() if t.extract()[0][0] == "序号") > 1
    source = read_document(path)
    assert len(source.tables) == 1
    rows = source.tables[0].rows
    assert len(rows) == 1 + len(seed000.rows)
    assert sum(1 for r in rows if r[0].text == "序号") == 1


def test_pdf_paragraphs_rejoined(tmp_path):
    seed = split_seed(seed_text("003"))
    source = read_document(write_pdf(tmp_path / "plan.pdf", seed))
    assert squeeze(nonblank(source.text)) == squeeze(seed.lines())
    assert not re.search(r"[\u4e00-\u9fff] [\u4e00-\u9fff]", source.text)


def test_pdf_page_numbers_dropped(tmp_path):
    seed = split_seed(seed_text("003"))
    source = read_document(write_pdf(tmp_path / "plan.pdf", seed, page_numbers=True))
    assert squeeze(nonblank(source.text)) == squeeze(seed.lines())
    assert not re.search(r"^- \d+ -$", source.text, re.M)


def test_password_protected_pdf(tmp_path):
    fpdf = pytest.importorskip("fpdf", reason="fpdf2 is needed to build PDF fixtures: pip install fpdf2")
    pdf = fpdf.FPDF()
    pdf.add_page()
    pdf.set_font("helvetica", size=12)
    pdf.cell(0, 10, "plan")
    pdf.set_encryption(owner_password="owner", user_password="user")
    path = tmp_path / "locked.pdf"
    pdf.output(str(path))
    with pytest.raises(IngestError, match="password-protected"):
        read_document(path)


def test_broken_pdf(tmp_path, seed000):
    good = write_pdf(tmp_path / "good.pdf", seed000).read_bytes()
    path = tmp_path / "cut.pdf"
    path.write_bytes(good[:2000])
    try:
        source = read_document(path)
    except IngestError as exc:
        assert "PDF" in str(exc)
    else:
        assert source.format == "pdf"


def test_damaged_pdf_streams_read_quietly(tmp_path, capfd):
    good = write_pdf(tmp_path / "good.pdf", split_seed(seed_text("003"))).read_bytes()
    starts = [m.end() for m in re.finditer(rb"stream\r?\n", good)][:8]
    outcomes = []
    for n, at in enumerate(starts):
        data = bytearray(good)
        for i in range(at + 40, at + 60):
            data[i] ^= 0x5A
        path = tmp_path / f"damaged{n}.pdf"
        path.write_bytes(bytes(data))
        try:
            outcomes.append(read_document(path).warnings)
        except IngestError as exc:
            assert re.fullmatch(r"[^\x00-\x1f\x7f]{1,120}", str(exc)), str(exc)
            outcomes.append("refused")
    captured = capfd.readouterr()
    assert captured.err == "" and captured.out == ""
    assert any(o == "refused" for o in outcomes)
    assert any(o != "refused" and any("damaged" in w for w in o) for o in outcomes)


def test_clean_line_collapses_spaces():
    assert clean_line("\u3000\u3000县发改局\u00a0\u00a0县经信局\u200b ") == "县发改局 县经信局"


# ------------------------------------------------- the extractor does not know the format

WRITERS = {"docx": write_docx, "html": write_html, "pdf": write_pdf}


def assignments(source) -> Counter:
    from graph.structure import parse_plan

    return Counter((t.number, t.title, m.name, m.role) for t in parse_plan(source).tasks for m in t.units)


@pytest.mark.parametrize("fmt", sorted(WRITERS))
@pytest.mark.parametrize("prefix", ["000", "001", "002", "003", "004"])
def test_same_assignments_in_every_format(tmp_path, prefix, fmt):
    expected = assignments(read_document(seed_path(prefix)))
    converted = read_document(WRITERS[fmt](tmp_path / f"plan.{fmt}", split_seed(seed_text(prefix))))
    assert converted.format == fmt
    assert sum(expected.values()) > 0
    assert assignments(converted) == expected
    from graph.structure import parse_plan

    for task in parse_plan(converted).tasks:
        for m in task.units:
            assert derivable(m.name, converted.text[m.start:m.end]), (m, converted.text[m.start:m.end])


def test_web_archive_reads_as_the_page_it_saves(tmp_path, seed000):
    """A page saved as one file: Chrome's .mhtml (quoted-printable, UTF-8) gives the text and table of
    the page itself; Internet Explorer's .mht (base64, the charset named on the part only) too."""
    page = write_html(tmp_path / "page.html", seed000)
    as_page = read_document(page)
    chrome = tmp_path / "page.mhtml"
    chrome.write_bytes(web_archive(page.read_bytes(), charset=None, transfer="quoted-printable"))
    saved = read_document(chrome)
    assert saved.format == "mhtml" and saved.text == as_page.text
    assert [texts(t) for t in saved.tables] == [texts(t) for t in as_page.tables] and offsets_hold(saved)
    gb_page = write_html(tmp_path / "gb.html", seed000, charset="gb2312", encoding="gb18030").read_bytes()
    gb_page = re.sub(rb'<meta http-equiv="Content-Type"[^>]*>', b"", gb_page)   # the part alone names the charset
    ie = tmp_path / "page.mht"
    ie.write_bytes(web_archive(gb_page, charset="gb2312", transfer="base64"))
    assert read_document(ie).text == as_page.text


def test_web_archive_without_a_page_is_refused(tmp_path):
    path = tmp_path / "saved.mht"
    path.write_bytes(b"MIME-Version: 1.0\r\nContent-Type: image/png\r\nContent-Transfer-Encoding: base64\r\n\r\niVBORw0KGgo=\r\n")
    with pytest.raises(IngestError, match="web archive holds no HTML page"):
        read_document(path)


def write_xlsx(path, seed: SeedDoc, merge_column: int | None = None):
    """``seed`` as an Excel task list: its lines before the table each a row merged across the
    sheet, the table (``merge_column``: equal consecutive cells of that column merged), a hidden
    sheet of notes, a number stored as 12.0."""
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    width = len(seed.header)
    for r, line in enumerate(seed.before, 1):
        sheet.cell(r, 1, line)
        sheet.merge_cells(start_row=r, start_column=1, end_row=r, end_column=width)
    top = len(seed.before) + 1
    for c, text in enumerate(seed.header, 1):
        sheet.cell(top, c, text)
    for r, row in enumerate(seed.rows, top + 1):
        for c, text in enumerate(row, 1):
            sheet.cell(r, c, text)
    if merge_column is not None:
        r = top + 1
        while r <= top + len(seed.rows):
            k = r
            while k + 1 <= top + len(seed.rows) and sheet.cell(k + 1, merge_column + 1).value == sheet.cell(r, merge_column + 1).value:
                k += 1
            if k > r:
                sheet.merge_cells(start_row=r, start_column=merge_column + 1, end_row=k, end_column=merge_column + 1)
            r = k + 1
    sheet.cell(top + len(seed.rows) + 2, 1, 12.0)
    share = sheet.cell(top + len(seed.rows) + 3, 1, 0.895)
    share.number_format = "0.0%"
    hidden = book.create_sheet("草稿")
    hidden.sheet_state = "hidden"
    hidden.cell(1, 1, "不应读出的草稿")
    book.save(str(path))
    return path


def test_excel_task_list_reads_as_a_table(tmp_path, seed000):
    """An Excel sheet: title rows as lines, the grid as a table (kind xlsx), a unit cell merged
    over rows spanning them, a hidden sheet left out, 12.0 printed as 12 and 0.895 in a percent format as 89.5%."""
    source = read_document(write_xlsx(tmp_path / "plan.xlsx", seed000))
    assert source.format == "xlsx" and len(source.tables) == 1
    assert texts(source.tables[0]) == (seed000.header,) + seed000.rows
    assert offsets_hold(source) and source.tables[0].kind == "xlsx"
    lines = nonblank(source.text)
    assert lines[: len(seed000.before)] == list(seed000.before) and lines[-2:] == ["12", "89.5%"]
    assert "不应读出的草稿" not in source.text
    unit_column = next(i for i, h in enumerate(seed000.header) if "单位" in h)
    merged = read_document(write_xlsx(tmp_path / "merged.xlsx", seed000, merge_column=unit_column))
    assert texts(merged.tables[0]) == (seed000.header,) + seed000.rows   # a merged cell's value in every row it spans


def test_excel_file_problems_say_what_they_are(tmp_path):
    broken = tmp_path / "plan.xlsx"
    broken.write_bytes(b"PK\x03\x04" + b"\0" * 64)
    with pytest.raises(IngestError, match="cannot open the Excel file"):
        read_document(broken)
    old = tmp_path / "plan.xls"
    old.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 64)
    with pytest.raises(IngestError, match=r"unsupported file type '\.xls' \(old Excel format: save it as \.xlsx\)"):
        read_document(old)


def test_unsupported_type_says_what_to_do(tmp_path):
    path = tmp_path / "plan.odt"
    path.write_bytes(b"PK\x03\x04" + b"\0" * 100)
    with pytest.raises(IngestError, match=r"unsupported file type '\.odt' \(save it as \.docx\)"):
        read_document(path)


def test_html_layout_table_is_not_a_data_table(tmp_path):
    article = "".join(f"<p>{i}.第{i}项任务。加快推进园区建设。(责任单位:县发改局)</p>" for i in range(1, 6))
    page = (f"<html><body><table><tr><td class='left'><a href='/'>首页</a></td><td>"
            f"<h2>某县实施方案</h2>{article}</td></tr>"
            f"<tr><td></td><td>县人民政府办公室</td></tr></table></body></html>")
    path = tmp_path / "layout.html"
    path.write_text(page, encoding="utf-8")
    source = read_document(path)
    assert source.tables == ()
    lines = nonblank(source.text)
    assert lines[:2] == ["某县实施方案", "1.第1项任务。加快推进园区建设。(责任单位:县发改局)"]
    assert len(lines) == 7
    # a menu row of links above it: the article cell still holds most of the table's text outside links
    menu = "".join(f"<a href='/{i}'>栏目导航链接第{i}项内容</a>" for i in range(60))
    path.write_text(page.replace("<table>", f"<table><tr><td>{menu}</td></tr>"), encoding="utf-8")
    source = read_document(path)
    assert source.tables == ()
    assert nonblank(source.text)[:2] == ["某县实施方案", "1.第1项任务。加快推进园区建设。(责任单位:县发改局)"]


def test_html_page_wrapped_in_a_form(tmp_path):
    # ASP.NET sites put the whole page inside one <form>
    page = ("<html><body><form id='form1' method='post'><input type='hidden' name='__VIEWSTATE' value='x'>"
            "<div class='nav'><a href='/'>首页</a></div><div id='zoom'><p>某县实施方案</p>"
            "<p>1.建设园区。(责任单位:县发改局)</p></div>"
            "<form class='search'><input name='q'><button>搜索</button></form></form></body></html>")
    path = tmp_path / "aspx.html"
    path.write_text(page, encoding="utf-8")
    assert nonblank(read_document(path).text) == ["某县实施方案", "1.建设园区。(责任单位:县发改局)"]


def test_html_page_title_added_when_the_article_lacks_it(tmp_path):
    page = ("<html><head><title>某县美丽城镇建设实施方案_政策文件_某县人民政府</title></head><body>"
            "<div id='zoom'><p>一、总体要求</p><p>1.建设园区。(责任单位:县发改局)</p></div></body></html>")
    path = tmp_path / "untitled.html"
    path.write_text(page, encoding="utf-8")
    assert nonblank(read_document(path).text) == ["某县美丽城镇建设实施方案", "一、总体要求", "1.建设园区。(责任单位:县发改局)"]


def test_docx_text_box_fallback_not_read_twice(tmp_path):
    import docx
    from docx.oxml import parse_xml

    document = docx.Document()
    paragraph = document.add_paragraph("附件")
    mc = ('<mc:AlternateContent xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
          'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
          '<mc:Choice Requires="wps"><w:r><w:t>重点任务清单</w:t></w:r></mc:Choice>'
          '<mc:Fallback><w:r><w:t>重点任务清单</w:t></w:r></mc:Fallback></mc:AlternateContent>')
    paragraph._p.append(parse_xml(mc))
    path = tmp_path / "box.docx"
    document.save(str(path))
    assert read_document(path).text == "附件重点任务清单"


def test_hard_wrapped_text_is_reflowed_into_paragraphs(tmp_path):
    import textwrap

    from graph.ingest import read_document, reflow_hard_wraps
    from graph.structure import parse_plan

    seed = seed_path("003")
    text = seed.read_text(encoding="utf-8")
    wrapped = "\n".join("\n".join(textwrap.wrap(line, 36, drop_whitespace=False)) if line.strip() else line
                        for line in text.split("\n"))
    (tmp_path / seed.name).write_text(wrapped, encoding="utf-8")
    got = parse_plan(read_document(tmp_path / seed.name))
    want = parse_plan(read_document(seed))
    assignments = lambda plan: [(t.title, m.name, m.role) for t in plan.tasks for m in t.units]  # noqa: E731
    assert assignments(got) == assignments(want)
    # text with one paragraph per line is left alone
    assert reflow_hard_wraps(text) == text


def _w(tag: str) -> str:
    return "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}" + tag


def test_docx_table_nested_in_a_frame_and_table_in_a_text_box(tmp_path):
    """A one-cell frame table around the task table, and a task table in a text box, are tables."""
    import copy

    import docx
    from lxml import etree

    document = docx.Document()
    document.add_paragraph("附件:重点任务分工表")
    frame = document.add_table(rows=1, cols=1)
    cell = frame.cell(0, 0)
    cell.text = "表1 民生实事"
    inner = cell.add_table(rows=2, cols=3)
    for c, text in enumerate(("序号", "项目名称", "牵头单位")):
        inner.cell(0, c).text = text
    for c, text in enumerate(("1", "文化中心北路", "区住建局")):
        inner.cell(1, c).text = text
    anchor = document.add_paragraph("表2 见文本框")
    boxed = document.add_table(rows=2, cols=3)
    for c, text in enumerate(("序号", "工作任务", "责任单位")):
        boxed.cell(0, c).text = text
    for c, text in enumerate(("1", "严守水资源开发利用控制红线", "市水利局")):
        boxed.cell(1, c).text = text
    tbl = boxed._tbl
    tbl.getparent().remove(tbl)
    run = etree.SubElement(anchor._p, _w("r"))
    pict = etree.SubElement(run, _w("pict"))
    shape = etree.SubElement(pict, "{urn:schemas-microsoft-com:vml}shape")
    box = etree.SubElement(etree.SubElement(shape, "{urn:schemas-microsoft-com:vml}textbox"), _w("txbxContent"))
    box.append(copy.deepcopy(tbl))
    etree.SubElement(box, _w("p"))
    path = tmp_path / "nested.docx"
    document.save(str(path))
    source = read_document(path)
    assert [texts(t) for t in source.tables] == [
        (("序号", "项目名称", "牵头单位"), ("1", "文化中心北路", "区住建局")),
        (("序号", "工作任务", "责任单位"), ("1", "严守水资源开发利用控制红线", "市水利局"))]
    assert offsets_hold(source)
    assert source.text.split("\n")[:3] == ["附件:重点任务分工表", "表1 民生实事", "序号"]
    assert "表2 见文本框" in source.text.split("\n")


# eight lines of j02 石景山's page, 28 characters each: the width a page's wrapped lines share
WRAPPED_PAGE = "\n".join(["入各类组织章程,注重把基层党组织推荐的人选通过法定程序明"] * 8) + "\n"


def reflowed_lines(body: str) -> list[str]:
    """The lines of ``body`` reflowed below the wrapped page's lines."""
    from graph.ingest import reflow_hard_wraps
    return reflow_hard_wraps(WRAPPED_PAGE + body).split("\n")


def test_a_page_number_after_a_reflowed_paragraph_stays_a_line():
    """j02 石景山 2019 (text saved from a PDF at 29 characters a line; the label line wraps,
    ``…园区党工`` / ``委、各街道党工委``, and the page's number ``— — — 3 —`` follows): the short line
    ends the paragraph, so the page number is not run into the last unit's name; the seed's
    wrapped paragraphs (test above) join as before."""
    from graph.units import mentions_from_labels

    body = ("觉行动,确保基层工作体现党的意志,确保党的路线方针政策在\n基层有效贯彻落实。\n牵头单位:区委组织部\n"
            "协办单位:区委编办、区民政局(区委社会工委)、园区党工\n委、各街道党工委\n— — — 3 —\n"
            "2.以区域化党建为重点,构建市、区、街道、社区党组织四\n级上下贯通,社区党建、单位党建、行业党建多方联动,基层党\n")
    lines = reflowed_lines(body)
    assert "— — — 3 —" in lines
    labelled = next(ln for ln in lines if ln.startswith("协办单位"))
    assert [m.name for m in mentions_from_labels(labelled, 0)][-2:] == ["园区党工委", "各街道党工委"]


J41_PAGE = """(二)继续深入开展“关爱生命 救在身边”活动,加强公众应急救护知识技能培训,组织开
展“寻找最美救护员”“世界急救日”“第七届全国红十字应急救护大赛”等活动,弘扬“关爱生命
救在身边”的社会文明风尚。(健康中国行动推进办、中国红十字会总会牵头,中央宣传部、教育
部、交通运输部、文化和旅游部、国家卫生健康委、广电总局、体育总局、国家铁路局、中国民航
局、中国科协、中国国家铁路集团有限公司等部门单位参与)
(三)开展“全民营养周”“5.20”中国学生营养日系列合理膳食主题宣教活动。(国家卫生健
康委牵头,中央宣传部、农业农村部、广电总局、中国科协等部门单位参与)
(四)继续组织开展“健康城市健康体重”等主题活动,营造肥胖防控良好氛围。(健康中国
行动推进办、国家卫生健康委牵头,全国妇联等部门单位参与)
(五)组织开展全国高血压日、全国肿瘤防治宣传周、世界慢阻肺日、联合国糖尿病日等主
题宣传日活动。(国家卫生健康委牵头,广电总局等部门单位参与)
(六)开展第36个世界无烟日主题系列宣传活动。(国家卫生健康委牵头负责)
(七)持续开展面向老年群体的示范性群众文化活动,鼓励引导老年人积极参与广场舞、群
众歌咏等,不断丰富老年人精神文化生活。(文化和旅游部牵头负责)
(八)组织开展全国老年健康宣传周、世界阿尔茨海默病日、全国“敬老月”等系列宣传活
动。(国家卫生健康委牵头负责)
"""


def test_a_page_width_holds_lines_with_narrow_digits_and_marks():
    """j41 健康中国行动 2023 (a journal PDF's page: lines of 40–44 characters, ``“5.20”`` and quotes
    narrower than a Chinese character) and j02 石景山 2019 (29 a line, ``北京``/``市人民政府`` and
    ``全面``/``领导`` broken): the lines of one width, give or take a twelfth, join into paragraphs,
    so a unit name broken at a line's end (``国家卫生健``/``康委``) is whole again; rows of a table
    copied with pipes, of no one width, are left as printed (e72 临河区 2023)."""
    from graph.ingest import reflow_hard_wraps
    from graph.units import mentions_from_prose

    lines = reflow_hard_wraps(J41_PAGE).split("\n")
    assert len([ln for ln in lines if ln]) == 7
    third = next(ln for ln in lines if ln.startswith("(三)"))
    assert "(国家卫生健康委牵头," in third
    second = next(ln for ln in lines if ln.startswith("(二)"))
    named = [m.name for m in mentions_from_prose(second[second.rindex("(健康中国"):], 0)]
    assert "教育部" in named and "中国民航局" in named
    # 等部门单位参与 closes the cooperating list as 等部门参与 and 等部门和单位 do
    got = [(m.name, m.role) for m in mentions_from_prose("(国家卫生健康委牵头,广电总局等部门单位参与)", 0)]
    assert got == [("国家卫生健康委", "lead"), ("广电总局", "cooperating")]
    j02 = ("为贯彻落实北京市街道工作会议精神及《中共北京市委北京\n市人民政府关于加强新时代街道工作的意见》相关要求,以首善\n"
           "标准建设文明街道、活力街道、宜居街道、平安街道,现结合石\n景山区实际,制定如下任务分解方案。\n"
           "一、提高城市基层党建工作水平,加强党对基层治理的全面\n领导\n")
    lines = reflowed_lines(j02)
    assert "一、提高城市基层党建工作水平,加强党对基层治理的全面领导" in lines
    assert any("《中共北京市委北京市人民政府关于加强新时代街道工作的意见》" in ln for ln in lines)
    piped = ("乡镇(农场) | 可种植面积 | 2023年小麦任务面积 | 备注 |\n" + "八一乡 | 8.44 | 0.91 | |\n"
             + "白脑包镇 | 32.01 | 3.89 | |\n" * 3 + "各乡镇人民政府,临农农牧业发展有限公司、狼山农场农牧业发展有限公司,区直各有关单位:\n") * 3
    assert reflow_hard_wraps(piped) == piped


def test_html_data_table_whose_cells_hold_short_paragraphs(tmp_path):
    """A data table's cell may hold a few short paragraphs of its own (石城县 2018 河长制 考核细则, a JSP page's
    source: k56 the townships' 考核指标 ``<td><p>…</p><p>…</p>…``, k55 the departments' 评分标准 under a 考核项目
    header spanning two columns); a layout table holds its article in one cell (see the test above)."""
    k56 = ("<table class='jxkhTable' border='1'><caption>石城县2018年度河长制湖长制工作乡镇目标管理(绩效）考核细则</caption>"
           "<thead><tr><th>序号</th><th>考核项目</th><th>各项分值</th><th>考核指标</th><th>负责考核部门</th></tr></thead>"
           "<tbody><tr><td>1</td><td class='left'>完善\"四个到位\"</td><td>5</td><td class='left'>"
           "<p>进一步健全河长制湖长制组织体系、责任体系、制度体系、</p><p>监督检查和考核评估。</p>"
           "<p>进一步完善乡、村河长、巡查员、保洁员设置。若出现人员</p><p>变动时及时调整并向社会公布。</p></td>"
           "<td class='left'>县河长办</td></tr>"
           "<tr><td>3</td><td class='left'>进一步完善河长制工作考核方案</td><td>2</td>"
           "<td class='left'>2018年7月底前修订完善乡镇河长制工作考核方案。</td><td class='left'>县河长办</td></tr>"
           "</tbody></table>")
    k55 = ("<table class='jxkhTable' border='1'><thead><tr><th>序号</th><th colspan='2'>考核项目</th><th>各项分值</th>"
           "<th>考核内容</th><th>评分标准</th><th>说明</th></tr></thead><tbody><tr><td>1</td><td rowspan='2'> 重点考核部门</td>"
           "<td>县委农工部</td><td>60</td><td class='left'>农村生活垃圾专项治理</td><td class='left'>"
           "<p>1.探索实行农村生活垃圾分类试点（15分);</p><p>2.完善城乡垃圾处理一体化体制，实行服务外包市场化运行机制,</p>"
           "<p>，建立农村环卫保洁机制并运行正常（20分）;</p><p>3.督查指导乡镇开展农村生活垃圾、污水治理工作。（25分）</p>"
           "</td><td class='left'></td></tr><tr><td>3</td><td>县工信局</td><td>60</td>"
           "<td class='left'>持续加强工矿企业及工业聚集区水污染防治</td><td class='left'>"
           "<p>1.逐步完善工业聚集区污水集中处理设施（含管网）建设，完善在线监测（35分）;</p>"
           "<p>2.制订规模以上工业企业污染控制和工业节水方案（25分）。</p></td><td></td></tr></tbody></table>")
    for name, table, row in (("k56.html", k56, ["1", "完善\"四个到位\"", "5"]), ("k55.html", k55, ["1", "重点考核部门", "县委农工部"])):
        path = tmp_path / name
        path.write_text(f"<html><body><div>{table}</div></body></html>", encoding="utf-8")
        source = read_document(path)
        assert len(source.tables) == 1, name
        assert [c.text for c in source.tables[0].rows[1][:3]] == row
    # the table's caption is its title, printed above it
    assert "石城县2018年度河长制湖长制工作乡镇目标管理(绩效）考核细则" in nonblank(read_document(tmp_path / "k56.html").text)
