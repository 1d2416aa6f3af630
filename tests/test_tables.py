"""The one table reader (graph.structure.tables) and the recovery of flattened tables (graph.structure.table_recovery),
on rows of real plans: the seed's task table, the real development set's tables (b02 常熟, b03 南昌新建区,
b04 洋县, b06 平顶山, d01 广州 附件2)."""
from __future__ import annotations

import html

import pytest

from graph import structure, traditional
from graph.structure import table_recovery, tables
from graph.ingest import read_document
from graph.records import Cell, SourceText, Table
from graph.structure import parse_plan
from graph.structure.lines import split_lines
from tests.fixtures import GOV_PAGE, SeedDoc, seed_text, split_seed, write_docx

# b03 南昌新建区 民生实事进度表: one lead (区住建局) for three road projects, printed once
B03_HEADER = ("序号", "项目名称", "牵头单位", "配合单位", "完成时限")
B03_ROWS = (("1", "文化中心北路", "区住建局", "区城投", "2024年12月"),
            ("2", "乐业路", "区住建局", "区城管局", "2024年12月"),
            ("3", "新坊路西接兴国路工程", "区住建局", "长堎街道", "2024年12月"))
# d01 广州 家庭医生 附件2: one task name and one lead (各区政府) over three rows of measures
D01_HEADER = ("序号", "工作事项", "主要内容", "牵头单位", "配合单位")
D01_ROWS = (("1", "有序扩大家庭医生来源。", "现阶段家庭医生包括全科医生(含助理全科医生)、乡村医生等。", "各区政府", "市卫生健康委"),
            ("1", "有序扩大家庭医生来源。", "根据服务人口、功能定位等因素,推动人才资源向基层倾斜。", "各区政府", "市卫生健康委、市人社局"),
            ("1", "有序扩大家庭医生来源。", "各区要引导符合条件的二级及以上医疗机构的医师到基层医疗卫生机构执业。", "各区政府", "市卫生健康委"))


def roles(task) -> list[tuple[str, str]]:
    return [(m.name, m.role) for m in task.units]


def plan_from_text(name: str, text: str):
    """The plan parsed from ``text`` as a plain-text document ``name``.txt, a 繁體 text read in simplified
    characters and printed back as the pipeline does."""
    source = SourceText(path=f"{name}.txt", name=f"{name}.txt", sha256="0", text=text, format="txt")
    reading = traditional.simplified_reading(text)
    if reading is None:
        return parse_plan(source)
    return traditional.printed_plan(parse_plan(traditional.reading_source(source, reading)), reading, source)


def annex(plan):
    return [t for t in plan.tasks if t.source == "annex"]


def merged_docx(path, header, rows, merge_cols):
    """A Word file whose table merges each of ``merge_cols`` over all its rows (vMerge)."""
    seed = SeedDoc(before=("附件", "任务分工表"), header=header, rows=rows)
    write_docx(path, seed)
    import docx

    document = docx.Document(str(path))
    table = document.tables[0]
    for col in merge_cols:
        keep = table.cell(1, col).text
        table.cell(1, col).merge(table.cell(len(rows), col)).text = keep
    document.save(str(path))
    return path


def merged_html(path, header, rows, merge_cols):
    """A government page whose table spans each of ``merge_cols`` over all its rows (rowspan)."""
    body = ["<p>任务分工表</p>", "<table border='1'><tr>" + "".join(f"<th>{html.escape(h)}</th>" for h in header) + "</tr>"]
    for r, row in enumerate(rows):
        cells = []
        for c, text in enumerate(row):
            if c in merge_cols and r:
                continue
            span = f" rowspan='{len(rows)}'" if c in merge_cols else ""
            cells.append(f"<td{span}>{html.escape(text)}</td>")
        body.append("<tr>" + "".join(cells) + "</tr>")
    body.append("</table>")
    path.write_text(GOV_PAGE.format(charset="utf-8", title="任务分工表", body="\n".join(body)), encoding="utf-8")
    return path


@pytest.mark.parametrize("write", [merged_docx, merged_html], ids=["docx", "html"])
def test_a_lead_cell_merged_over_three_rows_leads_all_three_tasks(tmp_path, write):
    plan = parse_plan(read_document(write(tmp_path / f"b03.{'docx' if write is merged_docx else 'html'}",
                                          B03_HEADER, B03_ROWS, (2,))))
    tasks = annex(plan)
    assert [t.title for t in tasks] == ["文化中心北路", "乐业路", "新坊路西接兴国路工程"]
    assert [roles(t) for t in tasks] == [[("区住建局", "lead"), ("区城投", "cooperating")],
                                         [("区住建局", "lead"), ("区城管局", "cooperating")],
                                         [("区住建局", "lead"), ("长堎街道", "cooperating")]]
    assert all(t.deadline == "2024年12月" for t in tasks)
    assert {t.table for t in tasks} == {"docx" if write is merged_docx else "html"}
    # the lead is printed once: every task quotes the same span of the text
    assert len({(m.start, m.end) for t in tasks for m in t.units if m.role == "lead"}) == 1


@pytest.mark.parametrize("write", [merged_docx, merged_html], ids=["docx", "html"])
def test_a_name_and_lead_merged_over_rows_give_one_task_per_row(tmp_path, write):
    plan = parse_plan(read_document(write(tmp_path / f"d01.{'docx' if write is merged_docx else 'html'}",
                                          D01_HEADER, D01_ROWS, (1, 3))))
    tasks = annex(plan)
    assert len(tasks) == 3 and len({t.key for t in tasks}) == 3
    # the first row keeps the merged name; the rows below are titled by their own content
    assert tasks[0].title == "有序扩大家庭医生来源"
    assert tasks[1].title.startswith("根据服务人口、功能定位等因素") and tasks[2].title.startswith("各区要引导")
    assert [roles(t) for t in tasks] == [[("各区政府", "lead"), ("市卫生健康委", "cooperating")],
                                         [("各区政府", "lead"), ("市卫生健康委", "cooperating"), ("市人社局", "cooperating")],
                                         [("各区政府", "lead"), ("市卫生健康委", "cooperating")]]


def test_word_table_of_the_seed_reads_as_its_text(tmp_path):
    seed = split_seed(seed_text("000"))
    text_plan = parse_plan(SourceText(path="000.txt", name="000.txt", sha256="0", text=seed_text("000"), format="txt"))
    word_plan = parse_plan(read_document(write_docx(tmp_path / "000.docx", seed)))
    assert [(t.title, roles(t)) for t in annex(word_plan)] == [(t.title, roles(t)) for t in annex(text_plan)]
    assert {t.table for t in annex(word_plan)} == {"docx"} and {t.table for t in annex(text_plan)} == {"text"}


# ---------------------------------------------------------------- column roles

@pytest.mark.parametrize("header, kind", [
    ("牵头单位", "lead"), ("牵头责任单位", "lead"),                 # seed 000, b02 常熟
    ("协同单位", "cooperating"), ("配合单位", "cooperating"),        # seed 000, b03/d01
    ("参与单位", "cooperating"),                                     # b06 平顶山
    ("责任单位", "responsible"), ("責任單位", "responsible"),         # b04 洋县 prints it in traditional characters
    ("分管领导", "ignore"), ("区政府分管领导", "ignore"),             # b02 常熟, b01 钟楼区: persons, not units
    ("完成时限", "deadline"),                                        # b03, b06
    ("当前进度", "progress"), ("本月进展情况", "progress"),           # progress columns: read for nothing
    ("备注", "note"),
])
def test_column_roles_from_header_words(header, kind):
    assert tables.column_kind(header) == kind


def test_roles_of_unit_columns_beside_each_other():
    """牵头 | 责任单位 → the 责任 units cooperate (a03 鞍山, seed style); 牵头 | 参与 | 责任单位 → responsible (b06)."""
    text = ("序号\n主要任务\n牵头单位\n参与单位\n责任单位\n"
            "1\n严守水资源开发利用控制红线\n市水利局\n市发展改革委、农业局\n各县(市、区)党委和人民政府\n")
    plan = parse_plan(SourceText(path="b06.txt", name="b06.txt", sha256="0", text="平顶山市全面推行河长制主要任务分解表\n" + text,
                                 format="txt"))
    assert roles(annex(plan)[0]) == [("市水利局", "lead"), ("市发展改革委", "cooperating"), ("农业局", "cooperating"),
                                      ("各县(市、区)党委和人民政府", "responsible")]
    text = "序号\n工作任务\n牵头单位\n责任单位\n1\n加快推进项目建设\n市发展改革委\n市财政局、市自然资源局\n"
    plan = parse_plan(SourceText(path="a03.txt", name="a03.txt", sha256="0", text="任务分解表\n" + text, format="txt"))
    assert roles(annex(plan)[0]) == [("市发展改革委", "lead"), ("市财政局", "cooperating"), ("市自然资源局", "cooperating")]


def test_persons_and_progress_columns_give_no_units_and_no_targets(tmp_path):
    """b02 常熟 (分管领导) and b03 南昌新建区 (当前进度): a leader's name is no unit, a progress 80% no target."""
    header = ("序号", "目标任务", "分管领导", "牵头单位", "当前进度")
    rows = (("1", "新建城市书房3个", "张建国", "市文体广电旅游局", "完成80%"),
            ("2", "改造老旧小区12个", "李明", "区住建局", "已完工"))
    plan = parse_plan(read_document(merged_docx(tmp_path / "p.docx", header, rows, ())))
    tasks = annex(plan)
    assert [roles(t) for t in tasks] == [[("市文体广电旅游局", "lead")], [("区住建局", "lead")]]
    assert all("80%" not in t.text and "张建国" not in t.units_text for t in tasks)
    assert not any(t.target_cells for t in tasks)


# ---------------------------------------------------------------- header, title and section rows

def test_header_found_below_a_title_row_and_repeated_header_rows_skipped(tmp_path):
    """A table laid out for print: a title row spanning all columns (b04 洋县), the header repeated on a new page."""
    rows = "".join("<tr>" + "".join(f"<td>{c}</td>" for c in r) + "</tr>" for r in B03_ROWS[:2])
    repeat = "<tr>" + "".join(f"<th>{h}</th>" for h in B03_HEADER) + "</tr>"
    page = ("<html><body><table border='1'>"
            "<tr><td colspan='5'>2024年度区政府民生实事项目进度表</td></tr>"
            + repeat + rows + repeat + "<tr>" + "".join(f"<td>{c}</td>" for c in B03_ROWS[2]) + "</tr>"
            + "</table></body></html>")
    path = tmp_path / "print.html"
    path.write_text(page, encoding="utf-8")
    source = read_document(path)
    header = tables.header_of(source.tables[0])
    assert header is not None and header.first == 1 and header.kinds[2:4] == ("lead", "cooperating")
    tasks = annex(parse_plan(source))
    assert [t.title for t in tasks] == ["文化中心北路", "乐业路", "新坊路西接兴国路工程"]
    assert all(t.section == ("2024年度区政府民生实事项目进度表",) for t in tasks)


def test_a_header_cell_over_two_sub_columns():
    """``责任单位`` printed over ``牵头`` | ``配合`` (two header rows)."""
    c = lambda t, a=0: Cell(t, a, a + len(t))  # noqa: E731
    duty = c("责任单位")
    table = Table(rows=((c("序号"), c("任务"), duty, duty), (c("序号"), c("任务"), c("牵头"), c("配合")),
                        (c("1"), c("推进城乡供水一体化"), c("县水利局"), c("县财政局"))), start=0, end=0, kind="html")
    # the merged 序号/任务 cells of the second row are the same cells as above in a real grid
    rows = list(table.rows)
    rows[1] = (rows[0][0], rows[0][1], rows[1][2], rows[1][3])
    header = tables.header_of(Table(rows=tuple(rows), start=0, end=0, kind="html"))
    assert header.rows == 2 and header.kinds == ("number", "name", "lead", "cooperating")


def test_section_rows_spanning_the_table(tmp_path):
    """b02 常熟: ``一、经济社会发展主要预期目标分解`` spans the table above its rows."""
    page = ("<html><body><table border='1'><tr><th>序号</th><th>目标任务</th><th>牵头单位</th></tr>"
            "<tr><td colspan='3'>一、经济社会发展主要预期目标分解(11项)</td></tr>"
            "<tr><td>1</td><td>地区生产总值增长7%以上</td><td>发改委</td></tr>"
            "<tr><td colspan='3'>二、重点工作任务</td></tr>"
            "<tr><td>2</td><td>一般公共预算收入增长8%以上</td><td>财政局</td></tr></table></body></html>")
    path = tmp_path / "b02.html"
    path.write_text(page, encoding="utf-8")
    tasks = annex(parse_plan(read_document(path)))
    assert [(t.section, roles(t)) for t in tasks] == [
        (("一、经济社会发展主要预期目标分解(11项)",), [("发改委", "lead")]),
        (("二、重点工作任务",), [("财政局", "lead")])]


# ---------------------------------------------------------------- recovery: one reader

def test_recovery_builds_the_table_the_word_file_holds(tmp_path):
    """The seed's table flattened one cell per line is rebuilt into the rows its Word file holds."""
    seed = split_seed(seed_text("000"))
    source = SourceText(path="000.txt", name="000.txt", sha256="0", text=seed_text("000"), format="txt")
    lines = split_lines(source.text)
    table, header, _end = table_recovery.recover_table(source, lines, 0)
    assert table.kind == "text" and header.kinds == ("number", "name", "text", "lead", "cooperating")
    word = read_document(write_docx(tmp_path / "000.docx", seed)).tables[0]
    squeeze = lambda t: " ".join(t.split())  # noqa: E731  (the text keeps its no-break spaces, Word's cells do not)
    recovered = [tuple(squeeze(c.text) for c in row) for row in table.rows]
    in_word = [tuple(squeeze(c.text) for c in row) for row in word.rows]
    # (the page's footer lines after the last row are read as that row's text continued: a known limit)
    assert recovered[:-1] == in_word[:-1] and recovered[-1][2].startswith(in_word[-1][2])
    assert all(squeeze(source.text[c.start:c.end]) == squeeze(c.text) for row in table.rows[:-1] for c in row if c.text)


def test_one_table_reader():
    """Header matching and row reading live in graph.structure.tables only; recovery only builds Table blocks."""
    for name in ("column_kind", "find_header", "cell_kind", "table_tasks", "numbered_rows", "cycled_rows",
                 "row_task", "starts_table", "ACCEPTS"):
        assert not hasattr(structure, name), name
    for name in ("column_kind", "row_task", "read_table", "header_of"):
        assert not hasattr(table_recovery, name) or getattr(table_recovery, name) is getattr(tables, name, None), name


# ---------------------------------------------------------------- copies of web tables

def test_traditional_header_words():
    """Traditional-script reposts: b04 洋縣 (序號 | 項目名稱 | 責任單位), c04/c05 (牽頭單位)."""
    assert [tables.column_kind(h) for h in ("序號", "項目名稱", "2024年建設內容", "責任單位", "牽頭單位", "建設地點")] == \
        ["number", "name", "text", "responsible", "lead", "place"]
    assert tables.column_kind("年度投資金額 (萬元)") == "target"


def test_cells_closed_by_pipes_are_cells():
    """A web table copied to text, each cell closed by ``|`` and empty cells left as pipes:
    b04 洋縣 (traditional, a title row over the header), b03 南昌新建区 header (序号 | 牵头单位 …)."""
    text = ("附件:洋縣2024年十大民生實事項目清單\n|\n洋縣2024年十大民生實事項目清單 |\n||||||\n|\n"
            "序號 |\n項目名稱 |\n建設地點 |\n責任單位 |\n|\n"
            "1 |\n洋縣中小學幼兒園基礎設施提升改造項目 |\n相關鎮 (街道) |\n教體局 |\n|\n"
            "2 |\n城北小學門前道路建設項目 |\n紙坊街道 |\n住建局 |\n")
    plan = parse_plan(SourceText(path="b04.txt", name="b04.txt", sha256="0", text=text, format="txt"))
    assert [(t.title, roles(t)) for t in annex(plan)] == [
        ("洋縣中小學幼兒園基礎設施提升改造項目", [("教體局", "responsible")]),
        ("城北小學門前道路建設項目", [("住建局", "responsible")])]
    lines = table_recovery.cell_lines(split_lines("序号 |\n牵头单位 |\n配合单位 |\n||\n区住建局 |"))
    assert [ln.text for ln in lines] == ["序号", "牵头单位", "配合单位", "", "区住建局"]


def cjk_pdf(title: str, size: int):
    """An A4 PDF with the CJK and Latin test fonts, its title printed on the first page."""
    fpdf = pytest.importorskip("fpdf")
    from tests.fixtures import cjk_font

    cjk, latin = cjk_font()
    pdf = fpdf.FPDF(format="A4")
    pdf.add_font("cjk", "", cjk)
    pdf.add_font("latin", "", latin)
    pdf.set_fallback_fonts(["latin"])
    pdf.set_font("cjk", size=size)
    pdf.add_page()
    pdf.multi_cell(pdf.epw, 7, title, new_x="LMARGIN", new_y="NEXT")
    return pdf


def test_a_lead_cell_drawn_over_three_rows_of_a_pdf(tmp_path):
    """A ruled PDF table whose lead cell is drawn over three rows (b03 南昌新建区's roads)."""
    pdf = cjk_pdf("2024年度区政府民生实事项目进度表", size=10)
    with pdf.table(col_widths=(8, 40, 20, 20, 20), line_height=6, first_row_as_headings=False) as table:
        row = table.row()
        for h in B03_HEADER:
            row.cell(h)
        for r, cells in enumerate(B03_ROWS):
            row = table.row()
            for c, text in enumerate(cells):
                if c == 2 and r:
                    continue
                row.cell(text, rowspan=3 if c == 2 else 1)
    path = tmp_path / "b03.pdf"
    pdf.output(str(path))
    tasks = annex(parse_plan(read_document(path)))
    assert [t.title for t in tasks] == ["文化中心北路", "乐业路", "新坊路西接兴国路工程"]
    assert [roles(t)[0] for t in tasks] == [("区住建局", "lead")] * 3 and {t.table for t in tasks} == {"pdf"}


def test_rows_printed_one_per_line_with_spaces_between_cells():
    """Tables copied with a row on each line: b02 常熟 (header at the end of a paragraph, a section
    line), b06 平顶山 (three unit columns, cells with spaces of their own)."""
    b02 = ("附件:常熟市2018年政府工作任务分解表 常熟市人民政府办公室 2018年2月24日 常熟市2018年政府工作任务分解表 "
           "序号 名称 工作任务 牵头责任单位\n\n一、经济社会发展主要预期目标分解(11项)\n\n"
           "1 地区生产总值增长7%以上,服务业增加值占GDP比重47.1%. 发改委\n\n"
           "7 全社会固定资产投资额550亿元,其中:工业技改投资增长10%. 发改委、经信委、科技局\n")
    tasks = annex(parse_plan(SourceText(path="b02.txt", name="b02.txt", sha256="0", text=b02, format="txt")))
    assert [(t.title[:12], t.section, roles(t)) for t in tasks] == [
        ("地区生产总值增长7%以上", ("一、经济社会发展主要预期目标分解(11项)",), [("发改委", "lead")]),
        ("全社会固定资产投资额55", ("一、经济社会发展主要预期目标分解(11项)",),
         [("发改委", "lead"), ("经信委", "lead"), ("科技局", "lead")])]
    b06 = ("平顶山市全面推行河长制主要任务分解表\n\n序号 类别 主要任务 细化措施 牵头单位 参与单位 责任单位\n"
           "1 加强水资源保 护 严守水资源开发利用控制红线 实施水资源消耗总量和强度双控行动。到2020年,全市用水总量控制在"
           "11.88亿立方米以内。 市水利局 市发展改革委、农业局等 各县(市、区)党委和人民政府\n"
           "3   抓好工业节水。加快实施工业节水技术改造,坚决遏制用水浪费。 市工业和信息化委、水利局 市发展改革委等 "
           "各县(市、区)党委和人民政府\n")
    tasks = annex(parse_plan(SourceText(path="b06.txt", name="b06.txt", sha256="0", text=b06, format="txt")))
    assert "严守水资源开发利用控制红线" in tasks[0].title and tasks[1].title.startswith("抓好工业节水")
    assert [roles(t) for t in tasks] == [
        [("市水利局", "lead"), ("市发展改革委", "cooperating"), ("农业局", "cooperating"),
         ("各县(市、区)党委和人民政府", "responsible")],
        [("市工业和信息化委", "lead"), ("水利局", "lead"), ("市发展改革委", "cooperating"),
         ("各县(市、区)党委和人民政府", "responsible")]]
    assert all(t.table == "text" for t in tasks)

def test_rows_one_per_line_with_a_progress_column_right_of_the_units():
    """v04 铜梁区 2025 (序号 目标任务 责任单位 上半年推进情况: units broken one per line, the progress
    text after them) against b06 平顶山 above (units last): the progress words are neither units nor
    targets, and 目标任务 is the task when no column names it."""
    v04 = ("2025年区政府工作报告目标任务上半年推进情况汇总表\n序号 目标任务 责任单位 上半年推进情况\n"
           "一、经济社会发展主要预期目标\n1 地区生产总值增长6%以上。 区发展改革委 地区生产总值同比增长2.9%。\n"
           "2 第一产业增加值增长5%。 区农业农村委\n区林业局\n区供销联社\n第一产业增加值同比增长3.4%。\n"
           "3 规上工业增加值增长3.5%。 区经济信息委 规上工业增加值同比增长0.4%。\n")
    plan = parse_plan(SourceText(path="v04.txt", name="v04.txt", sha256="0", text=v04, format="txt"))
    tasks = [t for t in plan.tasks if t.units]
    assert [t.title for t in tasks] == ["地区生产总值增长6%以上", "第一产业增加值增长5%", "规上工业增加值增长3.5%"]
    assert [[m.name for m in t.units] for t in tasks] == [
        ["区发展改革委"], ["区农业农村委", "区林业局", "区供销联社"], ["区经济信息委"]]
    assert all(t.table == "text" for t in tasks)


def unruled_pdf(path, title: str, header: tuple, rows: list[tuple], widths: tuple) -> None:
    """A PDF whose table is printed without rules, cells wrapped and centred in their rows."""
    from fpdf.fonts import FontFace

    pdf = cjk_pdf(title, size=9)
    with pdf.table(col_widths=widths, line_height=5, first_row_as_headings=False, borders_layout="NONE",
                   headings_style=FontFace(emphasis=""), text_align="LEFT", wrapmode="CHAR") as table:
        for cells in (header, *rows):
            row = table.row()
            for text in cells:
                row.cell(text)
    pdf.output(str(path))


def test_tables_printed_without_rules_are_read_by_their_columns(tmp_path):
    """Tables printed without rules: b02 常熟 2018 (序号 | 任务名称 | 主要内容 | 牵头单位, contents
    wrapped over lines beside one-line cells) and b03 南昌新建区 2024 (five short columns: lead,
    cooperating, deadline)."""
    unruled_pdf(tmp_path / "b02.pdf", "常熟市2018年政府工作任务分解表", ("序号", "任务名称", "主要内容", "牵头单位"), [
        ("1", "地区生产总值增长7%以上", "地区生产总值增长7%以上;服务业增加值占GDP比重47.1%。", "发改委"),
        ("3", "工业总产值增长4%", "工业总产值增长4%;规模以上工业产值增长5%;工业增加值率提升0.5个百分点以上。", "经信委"),
        ("7", "全社会固定资产投资额550亿元", "全社会固定资产投资额550亿元;工业技改投资增长10%。", "发改委、经信委、科技局")],
        (6, 22, 44, 14))
    tasks = annex(parse_plan(read_document(tmp_path / "b02.pdf")))
    assert [t.title for t in tasks] == ["地区生产总值增长7%以上", "工业总产值增长4%", "全社会固定资产投资额550亿元"]
    assert [[m.name for m in t.units] for t in tasks] == [["发改委"], ["经信委"], ["发改委", "经信委", "科技局"]]
    assert {t.table for t in tasks} == {"pdf"}
    unruled_pdf(tmp_path / "b03.pdf", "2024年度区政府民生实事人大票决项目进度表", B03_HEADER,
                [("1", "文化中心北路", "区住建局", "区城投", "2024年12月"),
                 ("2", "乐业路", "区住建局", "区城管局", "2024年12月")], (8, 40, 20, 20, 20))
    tasks = annex(parse_plan(read_document(tmp_path / "b03.pdf")))
    assert [(t.title, roles(t)) for t in tasks] == [
        ("文化中心北路", [("区住建局", "lead"), ("区城投", "cooperating")]),
        ("乐业路", [("区住建局", "lead"), ("区城管局", "cooperating")])]


SEED000_ROWS = [  # rows of the shipped Jiashan plan's 2024年重点任务清单 (corpus/000)
    ("产业平台能级提升", "加速国开区冲刺千亿园区,加快中新嘉善现代产业园建成“万亩千亿”新产业平台,实施10个县城重大项目,"
     "全年完成投资23亿元以上。", "县发改局", "县开发区(惠民街道)、魏塘街道"),
    ("推进小微企业园提档升级", "实施小微企业园提质升级行动计划,强化小微企业园动态化管理,开展小微企业园星级评定。",
     "县经信局", "县科技局、西塘镇"),
    ("打造蓝绿生态空间", "新建改造城市公园3个,公园绿地服务半径覆盖率达89.5%。", "县建设局", ""),
    ("全域推进幸福河湖建设", "推进伍子塘流域综合整治等项目,开工建设蓉溪净水厂。", "县水利局", "县水务集团")]


def test_a_table_printed_without_rules_over_several_pages_with_its_header_once(tmp_path):
    """The shipped Jiashan plan's task list printed without rules (序号 | 任务名称 | 2024年主要举措 |
    牵头单位 | 协同单位: a header word of nine characters) running over three pages, its header printed
    on the first only, and b02 常熟's four columns over two pages: the rows of the later pages
    continue the table."""
    rows = [(str(n), *SEED000_ROWS[n % 4]) for n in range(1, 61)]
    unruled_pdf(tmp_path / "seed.pdf", "2024年重点任务清单", ("序号", "任务名称", "2024年主要举措", "牵头单位", "协同单位"),
                rows, (10, 30, 88, 26, 36))
    tasks = annex(parse_plan(read_document(tmp_path / "seed.pdf")))
    assert [t.number for t in tasks] == [str(n) for n in range(1, 61)]
    assert [t.units[0].name for t in tasks] == [SEED000_ROWS[n % 4][2] for n in range(1, 61)]
    b02 = [(str(n), "工业总产值增长4%", "工业总产值增长4%;规模以上工业产值增长5%;工业增加值率提升0.5个百分点以上。", "经信委")
           for n in range(1, 41)]
    unruled_pdf(tmp_path / "b02.pdf", "常熟市2018年政府工作任务分解表", ("序号", "任务名称", "主要内容", "牵头单位"), b02,
                (6, 22, 44, 14))
    tasks = annex(parse_plan(read_document(tmp_path / "b02.pdf")))
    assert len(tasks) == 40 and all([m.name for m in t.units] == ["经信委"] for t in tasks)


def test_progress_sentences_in_a_cell_per_line_table_stay_in_their_column():
    """v05 宝山区 2022 (序号 | 项目内容 | 牵头单位 | 8月份目标 | 进展情况, one cell per line closed by
    ``|``): a progress sentence goes to the progress column, not into the target beside it; b03
    新建区's numbered sub-items (1.文化中心北路) stay tasks, never progress (checked in the b03 tests)."""
    v05 = ("序号 |\n项目内容及居民受益面 |\n牵头单位 |\n8月份目标 |\n进展情况 |\n"
           "1 |\n新增1个共享充电桩示范小区(市级) |\n区发展改革委 |\n充电桩示范小区安装。 |\n正在建设。 |\n"
           "2 |\n既有多层住宅加装电梯新增400台、完工200台(区级) |\n区房管局 |\n新增30台、完工20台。 |\n"
           "新增81台,完工52台。 |\n")
    plan = parse_plan(SourceText(path="v05.txt", name="v05.txt", sha256="0", text=v05, format="txt"))
    tasks = [t for t in plan.tasks if t.units]
    assert [[m.name for m in t.units] for t in tasks] == [["区发展改革委"], ["区房管局"]]
    assert all("正在建设" not in t.text and "81台" not in t.text for t in tasks)
    assert "完工20台" in tasks[1].text


V01 = ("牵头单位\n| 目 标 任 务\n| 责 任 单 位\n|\n市政\n府办\n公厅\n| 强化行政监督,自觉接受人大和政协监督\n"
       "| 市直各单位、各区县市\n|\n推进国家安全工作发展\n| 市直各单位、各区县市\n|\n长沙\n先导\n区管委会\n"
       "| 推进河西商业配套建设\n| 商务局、高新区、岳麓区\n|\n实施先导区新三年行动计划,全面提升先导区示范功能\n"
       "| 市直相关单位、高新区、岳麓区、望城区\n|\n市\n监\n察\n局\n| 严肃查处利用职权或公共资源谋取私利的腐败行为\n"
       "| 审计局、财政局和市直各单位、各区县市\n|\n")


def test_pipes_printed_before_each_cell_with_lead_cells_merged_over_rows():
    """v01 长沙 2012 (牵头单位 | 目标任务 | 责任单位, the pipe before each cell, a pipe alone ending each
    row): a lead cell printed once is the lead of the rows below it until the next, and a lead
    broken over the lines of its narrow cell is one name, whether cut two characters a line
    (市政 / 府办 / 公厅), unevenly (长沙 / 先导 / 区管委会) or one a line (市 / 监 / 察 / 局). Only one
    real document of this layout was found."""
    plan = parse_plan(SourceText(path="v01.txt", name="v01.txt", sha256="0", text=V01, format="txt"))
    assert [(t.title[:6], roles(t)) for t in plan.tasks] == [
        ("强化行政监督", [("市政府办公厅", "lead"), ("市直各单位", "cooperating"), ("各区县市", "cooperating")]),
        ("推进国家安全", [("市政府办公厅", "lead"), ("市直各单位", "cooperating"), ("各区县市", "cooperating")]),
        ("推进河西商业", [("长沙先导区管委会", "lead"), ("商务局", "cooperating"), ("高新区", "cooperating"),
                     ("岳麓区", "cooperating")]),
        ("实施先导区新", [("长沙先导区管委会", "lead"), ("市直相关单位", "cooperating"), ("高新区", "cooperating"),
                     ("岳麓区", "cooperating"), ("望城区", "cooperating")]),
        ("严肃查处利用", [("市监察局", "lead"), ("审计局", "cooperating"), ("财政局", "cooperating"),
                     ("市直各单位", "cooperating"), ("各区县市", "cooperating")])]
    lead = plan.tasks[4].units[0]
    assert V01[lead.start:lead.end] == "市\n监\n察\n局"  # the name's span is the text as printed


R06 = ("22 ― 附件 2019年自治区人民政府为民办实事工程项目资金筹措计划表 单位:万元\n"
       "2019 年计划筹措资金(万元) 项目名称 合计 中央财政 自治区 本级财政 市县财政\n"
       "2019 年目标任务 牵头单位 备注合计 6282616.\n5\n4647083 1544383.2 91150.3\n一、社保惠民项目\n"
       "1616000 1283000\n330000 3000\n(一) 城乡居民基本 养老保险项目\n760000 570000\n"
       "190000 按规定为城乡居民基本养老保险 参保缴费人员进行缴费补助;\n"
       "按规定发放丧 葬补助金. 自治区人力资 源社会保障厅\n(二) 困难群众救助 项目\n730000 620000\n"
       "110000 为符合条件的城乡困难群众发放 救助金. 自治区民政厅 ―\n23 ―\n"
       "(三) 基本公共卫生 服务项目\n264800 230000\n34800 支持在全区范围内免费开展基本 公共卫生服务. 自治区卫生健 康委\n"
       "(四) 扩大农村学前 教育资源项目\n60667 54600\n6067 2019\n")


def test_a_pdf_table_whose_rows_run_over_lines_ends_each_row_with_its_unit_cell():
    """r06 广西 2019 (header printed among the words of a line, ``… 牵头单位 备注…``; each row its
    name, its figures, its target sentence, then the lead cell, a page's dash and number after it)
    and the rows of b02 常熟 2018 (``…比重47.1%. 发改委``, header ``牵头责任单位``): the units after a
    row's last sentence are its unit cell, in the column's role; a row cut before them has none."""
    from graph.records import Task
    from graph.structure.items import unit_column_of_header_line, with_trailing_unit_cell

    plan = parse_plan(SourceText(path="r06.txt", name="r06.txt", sha256="0", text=R06, format="txt"))
    assert [(t.title, roles(t)) for t in plan.tasks if t.number.startswith("(")] == [
        ("城乡居民基本 养老保险项目", [("自治区人力资源社会保障厅", "lead")]),
        ("困难群众救助 项目", [("自治区民政厅", "lead")]),
        ("基本公共卫生 服务项目", [("自治区卫生健康委", "lead")]),
        ("扩大农村学前 教育资源项目", [])]
    unit = plan.tasks[1].units[0]
    assert R06[unit.start:unit.end] == "自治区人力资 源社会保障厅"
    b02 = "1 地区生产总值增长7%以上,服务业增加值占GDP比重47.1%. 发改委"
    lines = split_lines("常熟市2018年政府工作任务分解表 序号 名称 工作任务 牵头责任单位", "")
    row = Task(key="b1", source="body", number="1", title="地区生产总值增长7%以上", section=(), text=b02,
               start=100, end=100 + len(b02))
    got = with_trailing_unit_cell(row, unit_column_of_header_line(lines))
    assert [(m.name, m.role, m.basis, m.start) for m in got.units] == [("发改委", "lead", "column", 100 + b02.index("发改委"))]
    assert with_trailing_unit_cell(row, "").units == ()  # no header names a unit column: no units


def test_a_row_cut_by_the_end_of_a_page_excerpt_takes_no_units_from_above():
    """Page excerpts stop mid-row: b02 常熟 2018 (a row per line, ``9 居民人均可支配收入增速``) and x01
    北仑 2024 (a cell per line, ``7`` then ``拓展城际``). The cut row keeps its number and title but
    takes no units from the row above, as a unit cell merged over rows would."""
    b02 = ("常熟市2018年政府工作任务分解表 序号 名称 工作任务 牵头责任单位\n\n"
           "8 社会消费品零售总额增长8.5%左右,实际利用外资6亿美元,外贸进出口总额保持增长. 商务局\n\n"
           "9 居民人均可支配收入增速")
    tasks = parse_plan(SourceText(path="b02.txt", name="b02.txt", sha256="0", text=b02, format="txt")).tasks
    assert [roles(t) for t in tasks if t.units] == [[("商务局", "lead")]]
    x01 = ("2024年区政府工作主要任务分解(部分)\n\n序号\n\n目标任务\n\n牵头单位\n\n配合单位\n\n1\n\n清零拆迁地块17个。\n\n"
           "区征地拆迁管理服务中心\n\n各街道\n\n2\n\n拓展城际")  # rows 3 and 7 of the page, numbered 1 and 2
    tasks = parse_plan(SourceText(path="x01.txt", name="x01.txt", sha256="0", text=x01, format="txt")).tasks
    assert [(t.title, roles(t)) for t in tasks] == [
        ("清零拆迁地块17个", [("区征地拆迁管理服务中心", "lead"), ("各街道", "cooperating")]), ("拓展城际", [])]


def test_weakly_shaped_names_continue_a_unit_cell_printed_one_name_per_line():
    """n06 略阳 2019 (责任股室(单位) cells one name per line: ``文化宣传股`` / ``文化馆`` / ``图书馆``;
    ``羌研会`` / ``灵岩寺博物馆``): a name that reads as a unit only weakly (…馆) continues the unit
    cell above it instead of starting a text cell. Only one real document of the layout was found."""
    n06 = ("序号\n指标\n工作任务\n完成时限\n责任领导\n责任股室\n(单位)\n备注\n1\n公共文化服务\n"
           "“两馆一站”免费开放服务人次较上年增长15%。\n12月底前\n夏俊贵\n文化宣传股\n文化馆\n图书馆\n"
           "2\n非遗保护\n完成非遗展厅布展任务,办好《郙阁颂》学术交流活动。\n羌研会\n灵岩寺博物馆\n")
    tasks = parse_plan(SourceText(path="n06.txt", name="n06.txt", sha256="0", text=n06, format="txt")).tasks
    assert [roles(t) for t in tasks] == [
        [("文化宣传股", "responsible"), ("文化馆", "responsible"), ("图书馆", "responsible")],
        [("羌研会", "responsible"), ("灵岩寺博物馆", "responsible")]]


Z03 = ("表1:上半年主要指标完成情况\n\n类别\n\n指标名称\n\n年度目标\n\n完成情况\n\n责任部门\n\n高质量发展\n\n"
       "1、地区生产总值增长率\n\n与市保持同步\n\n9.8%\n\n区发改委\n\n2、区级财政收入增长率\n\n6%以上\n\n28.97%\n\n区财政局\n\n"
       "4、外商直接投资实际到位金额增长率\n\n3%\n\n13.01%\n\n区商务委\n\n区投促办\n\n5、新增税收亿元楼\n\n3幢\n\n年度指标\n\n区投促办\n\n")


def test_an_indicator_table_whose_names_carry_their_numbers():
    """z03 普陀 2021 (类别 | 指标名称 | 年度目标 | 完成情况 | 责任部门, a cell per line, the number
    printed in the name, ``2、区级财政收入增长率``) beside k06 of the synthetic sets (类别 | 序号 | …,
    the group's name before the row's number): a numbered name starts a row and never fills the
    group's column; 年度目标 holds the target, 完成情况 the progress. One real document found."""
    tasks = parse_plan(SourceText(path="z03.txt", name="z03.txt", sha256="0", text=Z03, format="txt")).tasks
    assert [(t.title, roles(t)) for t in tasks] == [
        ("地区生产总值增长率", [("区发改委", "responsible")]), ("区级财政收入增长率", [("区财政局", "responsible")]),
        ("外商直接投资实际到位金额增长率", [("区商务委", "responsible"), ("区投促办", "responsible")]),
        ("新增税收亿元楼", [("区投促办", "responsible")])]
    assert tables.column_kind("年度目标") == "target" and tables.column_kind("类别") == "category"


def test_a_lead_cell_that_adds_its_heads_name():
    """e03 肇庆 2020 (pipe rows, ``牵头单位及 主要负责人`` cells such as ``市民政局 伍泽国``, with a 大类
    column and a 分管市领导 column of persons): the unit leads, the persons are no units."""
    e03 = ("大类 | 序号 | 工作任务 | 分管 市领导 | 牵头单位及 主要负责人 | 落实进展情况 |\n"
           "一、继续提高底线民生保障水平 | 1 | 将城镇、农村低保人均最低补差水平从每人每月574元、271元分别提高到每人每月609元、"
           "300元。 | 陈宣群 | 市民政局 伍泽国 | 已完成。 |\n"
           "2 | 特困供养人员基本生活标准不低于当地最低生活保障标准的1.6倍。 | 陈宣群 | 市民政局 伍泽国 | 已完成。 |\n")
    tasks = parse_plan(SourceText(path="e03.txt", name="e03.txt", sha256="0", text=e03, format="txt")).tasks
    assert [(t.title[:8], roles(t)) for t in tasks] == [("将城镇、农村低保", [("市民政局", "lead")]),
                                                       ("特困供养人员基本", [("市民政局", "lead")])]
    assert tables.cell_kind("市民政局 伍泽国") == "units" and tables.cell_kind("陈宣群") != "units"


def test_a_long_section_row_with_its_rows_numbered_below_stays_in_the_table():
    """e04 郧阳 2023 (a cell per line; the section row names its fields and leaders,
    ``一、主要经济社会发展指标、发改、财政…工作目标(牵头领导:…)``, 65 characters, then ``1``): a long
    heading followed by a row's 序号 is a section row, not prose after the table. Only one real
    document of the layout was found; a long heading followed by prose still ends the table."""
    e04 = ("2023年区政府工作目标任务落实责任分解表\n\n序号\n\n目  标  任  务\n\n牵头单位\n\n责任单位\n\n责任人\n\n"
           "一、主要经济社会发展指标、发改、财政、行政审批、生态环境、营商环境、交通、金融、安全生产等工作目标"
           "(牵头领导:成坤、柯相国、王俊)\n\n1\n\n★地区生产总值增长15%。\n\n区发改局\n\n")
    tasks = parse_plan(SourceText(path="e04.txt", name="e04.txt", sha256="0", text=e04, format="txt")).tasks
    assert [(t.title, roles(t)) for t in tasks] == [("★地区生产总值增长15%", [("区发改局", "lead")])]
    assert tasks[0].section[-1].startswith("一、主要经济社会发展指标")
    prose = e04.replace("\n\n1\n\n★地区生产总值增长15%。\n\n区发改局\n\n",
                        "\n\n各乡镇、各部门要切实履行职责,进一步量化细化目标任务。\n")
    assert not parse_plan(SourceText(path="p.txt", name="p.txt", sha256="0", text=prose, format="txt")).tasks


def test_a_unit_cell_cut_by_the_end_of_a_page_excerpt_keeps_its_whole_names():
    """g04 上城 2019 (pipe rows; the excerpt stops in row 2's 配合部门 cell, ``…、区统计局、区``) and b06
    平顶山 2018 (rows one per line, cut in the 责任单位 cell, ``…,城乡一体化示范区、高``): the names
    before the cut are the cell's units, the cut fragment is none (r21 诸暨 2023, cut inside a name's
    bracket ``各镇乡(``: the name before the bracket); a single weakly shaped name
    under a unit cell (图书馆) continues the cell, a cut list does not."""
    g04 = ("附件1 |\n序号 | 任 务 名 称 | 指 标 要 求 | 牵 头 部 门 | 配 合 部 门 | 目 标 类 型 |\n"
           "1 | 地区生产总值 | 增长5.5%(市下达指标) | 区发改经信局 | 区财政局、区商务局、各街道办事处 | A类 |\n"
           "2 | 服务业增加值 | 增长6% | 区发改经信局 | 区财政局、区住房和城建局、区统计局、区")
    tasks = parse_plan(SourceText(path="g04.txt", name="g04.txt", sha256="0", text=g04, format="txt")).tasks
    assert [(t.title, roles(t)) for t in tasks][1] == (
        "服务业增加值", [("区发改经信局", "lead"), ("区财政局", "cooperating"), ("区住房和城建局", "cooperating"),
                   ("区统计局", "cooperating")])
    assert tables.list_before_cut("各县(市、区)党委和人民政府,城乡一体化示范区、高") == \
        "各县(市、区)党委和人民政府,城乡一体化示范区"
    assert tables.list_before_cut("区财政局、区住房和城建局") == ""
    # r21 诸暨 2023 (a cell per line, ▲ marks the lead): the excerpt stops inside the last name's bracket
    r21 = ("序号\n\n目标任务\n\n责任单位\n\n9\n\n紧扣创成“浙江制造天工鼎”目标,实施制造强市“229”计划\n\n经信局,相关部门,各镇乡(街道)\n\n"
           "10\n\n开展招商选资竞赛活动,力争引进10亿元以上项目8个。\n\n▲招商投资促进中心,各部门,各镇乡(")
    tasks = parse_plan(SourceText(path="r21.txt", name="r21.txt", sha256="0", text=r21, format="txt")).tasks
    assert roles(tasks[-1]) == [("招商投资促进中心", "lead"), ("各部门", "cooperating"), ("各镇乡", "cooperating")]
    assert tables.list_before_cut("▲招商投资促进中心,各部门,各镇乡(") == "▲招商投资促进中心,各部门,各镇乡"


def test_a_target_task_column_before_the_specific_task_and_a_task_progress_column():
    """g02 大足 2023 (a cell per line: 目标任务 | 具体任务 | 牵头单位 | 任务进度): 目标任务 before the column of
    specific tasks names the task, the specific task is its text, and 任务进度 (like 工作进度, 当前进度)
    reports progress, whose figures are no targets. Only one real document of the layout was found."""
    g02 = ("2023年度政府工作报告超额完成任务一览表\n\n序号\n\n目标任务\n\n具体任务\n\n牵头单位\n\n任务进度\n\n1\n\n"
           "狠抓工业投资,加速工业项目落地建设、投产达效、技改扩能,工业投资增长20%以上\n\n实现工业投资增长20%以上。\n\n"
           "区经济信息委、经开区经发局\n\n完成工业投资35.28亿元、同比增长29.7%,高于全市16.8个百分点。\n\n")
    tasks = parse_plan(SourceText(path="g02.txt", name="g02.txt", sha256="0", text=g02, format="txt")).tasks
    assert [(t.title[:6], roles(t), t.target_cells) for t in tasks] == [
        ("狠抓工业投资", [("区经济信息委", "lead"), ("经开区经发局", "lead")], ())]
    assert "35.28" not in tasks[0].text
    assert tables.column_kind("任务进度") == tables.column_kind("工作进度") == "progress"


def test_rows_numbered_from_the_middle_of_a_long_table():
    """i05 南陵 2024 (an excerpt of a long table: pipe cells, rows 80 and 81 right below the header) and
    i07 谯城 2025 (the rows of one department picked from the whole list: 3, then 68, 69 under their
    sections): each number starts a row; a higher number starts one only after a row closed by its
    units, so a figure cell (计划投资 8) stays a cell. 主要责任单位 beside 协同配合单位 leads, and a
    unit cell may end its list with a full stop."""
    i05 = ("2024年《政府工作报告》重点工作目标任务分解表\n序号 |\n目标与任务 |\n分 管 县领导 |\n牵头责任单位 |\n责任单位 |\n"
           "80 |\n加大普惠性托育供给,新增托位数400个以上。 |\n俞 悦 |\n县教育局 |\n县各有关单位 |\n"
           "81 |\n支持芜湖科技工程学校发展。 |\n陆 明俞 悦 |\n县教育局 |\n县各有关单位 |\n")
    tasks = parse_plan(SourceText(path="i05.txt", name="i05.txt", sha256="0", text=i05, format="txt")).tasks
    assert [(t.number, roles(t)) for t in tasks] == [
        ("80", [("县教育局", "lead"), ("县各有关单位", "cooperating")]),
        ("81", [("县教育局", "lead"), ("县各有关单位", "cooperating")])]
    i07 = ("谯城区教育局2025年政府工作报告重点工作任务分解表\n\n序号\n\n重点工作任务\n\n主要责任单位\n\n协同配合单位\n\n"
           "一、2025年经济社会发展的主要预期目标\n\n3\n\n固定资产投资增长7.5%左右。\n\n区发改委\n\n"
           "区工信局、区住建局,谯城经开区管委会,魏武国控集团。\n\n六、全力以赴惠民生、增福祉,加快社会事业发展\n\n68\n\n"
           "持续推进学前教育普及普惠。\n\n区教育局\n\n区政府有关部门,各乡镇人民政府、街道办事处。\n\n69\n\n"
           "深化与海亮集团合作,积极引进优质教育资源。\n\n区教育局\n\n区投资促进中心\n\n")
    tasks = parse_plan(SourceText(path="i07.txt", name="i07.txt", sha256="0", text=i07, format="txt")).tasks
    assert [(t.number, sorted(roles(t))) for t in tasks] == [
        ("3", sorted([("区发改委", "lead"), ("区住建局", "cooperating"), ("区工信局", "cooperating"),
                      ("谯城经开区管委会", "cooperating"), ("魏武国控集团", "cooperating")])),
        ("68", sorted([("区政府有关部门", "cooperating"), ("区教育局", "lead"),
                       ("各乡镇人民政府、街道办事处", "cooperating")])),
        ("69", sorted([("区投资促进中心", "cooperating"), ("区教育局", "lead")]))]
    assert tables.cell_kind("开工建设老年大学。") != "units"  # a sentence, not a list of one unit
    m05 = ("2023年区政府重点民生实事项目推进情况(1-11月)\n序号 |\n主要任务 |\n全年目标任务 |\n分管 领导 |\n牵头 单位 |\n"
           "责任主体与协同单位 |\n1-10月推进情况 |\n1-11月推进情况 |\n是否达序 |\n说明 |\n24 |\n优化提升50条背街后巷交通组织。 |\n"
           "徐国江 |\n城管局 |\n市政局、相关街道 |\n已进场施工,完成30%。 |\n已进场施工,完成60%。 |\n是 |\n||\n")
    tasks = parse_plan(SourceText(path="m05.txt", name="m05.txt", sha256="0", text=m05, format="txt")).tasks
    assert [(t.number, roles(t)) for t in tasks] == [
        ("24", [("城管局", "lead"), ("市政局", "cooperating"), ("相关街道", "cooperating")])]


def test_unit_cells_that_say_their_role():
    """i04 潍坊 2017 (a cell per line, 主要内容 | 责任单位 with cells ``市发改委牵头落实`` and
    ``市金融办、人民银行潍坊市中心支行、潍坊银监分局分别牵头落实``): the cell's role verb gives the role,
    ``分别牵头`` makes each a lead. One real document of the layout was found (two wordings in it)."""
    i04 = ("潍坊市2017年政务公开工作要点实施方案\n目标\n任务\n主要内容\n责任单位\n一、以政务公开助力稳增长\n(一)加强预期引导\n"
           "围绕我市经济社会发展形势,通过市政府例行新闻发布会及时宣传解读。\n市发改委牵头落实\n"
           "围绕稳健中性的货币政策,加强金融政策信息公开。\n市金融办、人民银行潍坊市中心支行、潍坊银监分局分别牵头落实\n")
    tasks = parse_plan(SourceText(path="i04.txt", name="i04.txt", sha256="0", text=i04, format="txt")).tasks
    assert [roles(t) for t in tasks] == [
        [("市发改委", "lead")],
        [("市金融办", "lead"), ("人民银行潍坊市中心支行", "lead"), ("潍坊银监分局", "lead")]]


def test_a_lead_name_broken_over_the_lines_of_a_narrow_cell_copied_a_cell_per_line():
    """f01 六安 2024 (序号 | 重点工作 | 牵头责任单位 | 上半年落实情况, a cell per line with blank lines
    between; the narrow lead cell breaks ``市生态`` / ``环境局`` and ``市农业`` / ``农村局``): the two lines
    are one name. The same layout with pipes before each cell is v01 长沙's (its own test); one real
    document of this copy was found."""
    f01 = ("2024年重点工作及责任清单落实情况汇总表\n\n序号\n\n重点工作\n\n牵头责任单位\n\n上半年落实情况\n\n1\n\n"
           "新开工亿元以上项目170个以上。\n\n市发改委\n\n截至6月底,已开工项目145个。\n\n2\n\n"
           "生活污水治理率达30%,黑臭水体治理率达75%。\n\n市生态\n\n环境局\n\n截至6月底,已完成50个(55%)。\n\n3\n\n"
           "力争优势农业特色产业综合产值增长8%以上。\n\n市农业\n\n农村局\n\n1-6月,综合产值324.33亿元。\n\n")
    tasks = parse_plan(SourceText(path="f01.txt", name="f01.txt", sha256="0", text=f01, format="txt")).tasks
    assert [roles(t) for t in tasks] == [[("市发改委", "lead")], [("市生态环境局", "lead")], [("市农业农村局", "lead")]]


def test_progress_columns_named_for_what_was_done_hold_no_task_text():
    """s01 吉水 2020 (pipe rows, ``落实情况`` after 责任单位) and f01 六安 2024 (a cell per line,
    ``上半年落实情况``): the column reports progress, so its figures (5500个, 145个) stay out of the
    task; so does the second paragraph of a progress cell printed as two lines (f04 舟山 2024,
    ``半年度完成情况``: ``一是…`` then ``二是…覆盖率达95%``)."""
    s01 = ("一、10件民生实事任务分解表\n序号 | 具体工作任务和要求 | 责任领导 | 责任单位 | 落实情况 |\n"
           "1 | 推动义务教育基本均衡向优质均衡发展,增加义务教育学位5000个。 | 毛晓青 | 县教体局 各相关乡镇政府 | "
           "吉水二中实现秋季开学,新增义务教育学位5500个。 |\n")
    f01 = ("2024年重点工作及责任清单落实情况汇总表\n\n序号\n\n重点工作\n\n牵头责任单位\n\n上半年落实情况\n\n1\n\n"
           "新开工亿元以上项目170个以上。\n\n市发改委\n\n截至6月底,已开工项目145个。\n\n")
    f04 = ("2024年市政府工作报告重点工作半年度完成情况\n\n序号\n\n任务内容\n\n牵头单位\n\n半年度完成情况\n\n1\n\n"
           "实施国资国企改革深化提升行动。\n\n市财政局\n\n一是强化改革赋能。制定《任务清单》。\n\n"
           "二是强化国资监管。子企业经理层成员任期制和契约化管理覆盖率达95%。\n\n")
    for text, done in ((s01, "5500"), (f01, "145"), (f04, "95%")):
        tasks = parse_plan(SourceText(path="p.txt", name="p.txt", sha256="0", text=text, format="txt")).tasks
        assert len(tasks) == 1 and tasks[0].units and done not in tasks[0].text
    assert tables.column_kind("落实情况") == tables.column_kind("上半年落实情况") == "progress"


def test_a_header_cell_broken_over_two_lines():
    """f02 广州 2021 (a cell per line: ``市政府`` / ``分管领导`` between 重点工作 and 牵头单位) and j06 泗洲头
    2024 (``责任`` / ``领导``, ``责任`` / ``科室``, ``第二季度`` / ``完成情况``): the two lines are one header
    cell, so the persons' column gives no unit and the office column is found; w02 龙湾's ``区本级`` /
    ``任务数`` (two columns: a share of the target, then 责任单位) stays two cells."""
    f02 = ("2021年市政府工作报告部署工作责任分工\n\n序号\n\n重点工作\n\n市政府\n\n分管领导\n\n牵头单位\n\n配合单位\n\n备注\n\n"
           "强化科技创新支撑能力。\n\n\n\n\n\n(一)\n\n加强战略科技力量建设。\n\n\n\n\n\n1\n\n"
           "加快建设以中新知识城、南沙科学城为极点的科技创新轴。\n\n王　东\n\n市科技局\n\n黄埔区、南沙区政府\n\n\n2\n\n"
           "全力做好呼吸领域国家实验室筹建保障服务工作。\n\n王　东\n\n市科技局\n\n市政府办公厅、市发展改革委、市财政局\n\n\n")
    tasks = [t for t in parse_plan(SourceText(path="f02.txt", name="f02.txt", sha256="0", text=f02, format="txt")).tasks
             if t.units]
    assert [roles(t)[:2] for t in tasks] == [[("市科技局", "lead"), ("黄埔区", "cooperating")],
                                            [("市科技局", "lead"), ("市政府办公厅", "cooperating")]]
    j06 = ("泗洲头镇2024年度重点工作计划二季度执行情况\n\n序号\n\n重点工作\n\n责任\n\n领导\n\n责任\n\n科室\n\n工作任务安排\n\n"
           "第二季度\n\n完成情况\n\n1\n\n白仙山水库工程政策处理\n\n欧乾震\n\n白仙山水库工程政策处理工作领导小组\n\n推进坟墓迁移工作。\n\n"
           "该工程库区内坟墓迁移进度达60%。\n\n")
    lines = split_lines(j06)
    h0, h1, kinds = table_recovery.find_header(lines, 0)
    assert kinds == ["number", "name", "ignore", "responsible", "name", "progress"]
    tasks = parse_plan(SourceText(path="j06.txt", name="j06.txt", sha256="0", text=j06, format="txt")).tasks
    assert [(t.title, roles(t)) for t in tasks] == [
        ("白仙山水库工程政策处理", [("白仙山水库工程政策处理工作领导小组", "responsible")])]
    w02 = split_lines("序号\n\n重点工作\n\n区本级\n\n任务数\n\n责任单位\n\n1\n\n地区生产总值增长6.5%。\n\n区发改局\n")
    assert table_recovery.broken_header_end(w02, 4) is None


def test_a_pipe_table_whose_header_names_a_building_period():
    """k05 宁海 2022 (繁體 pipe rows under a two-level header ``序號 | 項目名稱 | 建設規模及內容 | 總投資 |
    建設起止年限 | … | 責任單位``): 年限 names the period column, so the header is read from its first
    cell and each row's units come from its 責任單位 cell. One real document of this header word was
    found (the word also heads 实施年限 columns of project lists)."""
    assert tables.column_kind("建設起止年限") == "deadline" and tables.column_kind("实施年限") == "deadline"
    k05 = ("序號 | 項目名稱 | 建設規模及內容 | 總投資 | 建設起止年限 | 至2021年底累計完成投資 | 2022年工作計劃 | "
           "項目建設階段(1-12月份) | 責任單位 | 政策處理 單位 | |||\n"
           "投資 | 工程主要形象進度 | 完成 投資 | % | 主要形象進度 | ||||||||\n"
           "1 | 中小學校護眼燈光工程★ | 對全縣70所中小學校1658間教室照明進行護眼燈光提升 | 1800 | 2022 | 1800 | 建成 | 1800 | 100 | "
           "完成 | 縣教育局 | ||\n"
           "2 | 敬老院(福利院)電梯加裝工程★ | 一市鎮敬老院等7個單位改加裝電梯10臺 | 600 | 2022 | 600 | 建成 | 600 | 100.0 | "
           "完工,投入使用 | 縣民政局 各相關鄉鎮街道 | ||\n")
    plan = plan_from_text("k05", k05)
    assert [[(m.name, m.role) for m in t.units] for t in plan.tasks] == [
        [("縣教育局", "responsible")], [("縣民政局", "responsible"), ("各相關鄉鎮街道", "responsible")]]


def test_measure_cells_go_under_the_unit_column_and_scoring_departments_carry_nothing():
    """l01 嵊泗 2021 (a 任务清单 one cell per line: 序号 / 考核指标 / 考核内容 / 单位 / 年度目标 / 责任部门 / 评分部门;
    rows that leave the merged 考核指标 cell out start one column further left): ``万亩`` goes under
    单位 and the target under 年度目标, and the city departments that score the county (评分部门) are
    no units of the task. The unit words of a second real table (a 计量单位 column: 千公顷, 公顷/人,
    亿元, %) read as measures too; no second real table with units and a 评分部门 column was found."""
    from graph.measures import is_measure_unit

    assert all(is_measure_unit(w) for w in ("万亩", "%", "万元/人", "亿斤", "万头", "千公顷", "公顷/人", "亿元"))
    assert not any(is_measure_unit(w) for w in ("全市统筹", "良好以上", "建设美丽牧场", "-"))
    assert tables.column_kind("评分部门") == "assessor" and tables.column_kind("责任部门") == "responsible"
    cells = ["序号", "考核指标", "考核内容", "单位", "年度目标", "责任部门", "评分部门",
             "1", "确保粮食和重要农产品有效供给", "农林牧渔业增加值增幅", "%", "≥2%", "县海洋与渔业局", "市海洋渔业局",
             "4", "粮食播种面积", "万亩", "0.07", "县农业农村局", "市农业农村局",
             "9", "水产品产量", "万吨", "42", "县农业农村局", "市海洋渔业局"]
    text = "2021年嵊泗县乡村振兴任务清单\n\n" + "\n\n".join(cells) + "\n"
    plan = parse_plan(SourceText(path="l01.txt", name="l01.txt", sha256="0", text=text, format="txt"))
    assert [[(m.name, m.role) for m in t.units] for t in plan.tasks] == [
        [("县海洋与渔业局", "responsible")], [("县农业农村局", "responsible")], [("县农业农村局", "responsible")]]
    assert [[(v, u) for v, u, *_ in t.target_cells] for t in plan.tasks][1:] == [[("0.07", "万亩")], [("42", "万吨")]]


def test_a_responsible_column_beside_a_cooperating_column():
    """A 责任单位 column beside a 配合 column and no 牵头 column stays responsible (v11 临安 2022, pipe rows
    实事项目 | 工作举措 | 责任单位 | 配合单位, as eleven realdev annotators read the pairing); it leads when its
    name ranks it first (i07 谯城 主要责任单位 | 协同配合单位) or beside a 协办 column (x05 淮安 责任单位 | 协办单位)."""
    text = ("发布单位 | 区政府 | 发文日期 | 2022-07-14 |\n序号 | 实事项目 | 工作举措及实施计划 | 责任单位 | 配合单位 |\n"
            "1 | 新建成公办中小学、幼儿园7所,新增中小学、幼儿园公办学位6800个。 | 1.4月底前职教中心主体完工,开始装修工程施工。 | "
            "教育局 | 发改局、住建局、财政局 |\n")
    plan = parse_plan(SourceText(path="v11.txt", name="v11.txt", sha256="0", text=text, format="txt"))
    assert [sorted(roles(t)) for t in plan.tasks if t.units] == [
        [("住建局", "cooperating"), ("发改局", "cooperating"), ("教育局", "responsible"), ("财政局", "cooperating")]]
    assert tables.settle_kinds(["name", "responsible", "cooperating"], ["重点工作任务", "主要责任单位", "协同配合单位"]) \
        == ["name", "lead", "cooperating"]
    assert tables.settle_kinds(["name", "responsible", "cooperating"], ["项目", "责任单位", "协办单位"]) \
        == ["name", "lead", "cooperating"]
    assert tables.settle_kinds(["name", "responsible", "cooperating"], ["项目", "责任单位", "配合单位"]) \
        == ["name", "responsible", "cooperating"]


def test_a_progress_ledger_with_problem_and_next_step_columns():
    """d11 德安 2025 (a 民生实事 进展情况台账 in pipe rows: 序号 | 项目名称 | 进展情况 | 存在问题 | 下步计划 |
    责任 领导 | 责任 单位): 存在问题 is a note and 下步计划 progress, so the header holds and each row's
    units come from its 责任单位 cell; the last row, cut by the excerpt before its closing pipe, takes no
    units from the row above. One real ledger of this header was found."""
    assert [tables.column_kind(h) for h in ("存在问题", "下步计划", "下一步工作", "责任 单位")] == \
        ["note", "progress", "progress", "responsible"]
    text = ("2025年德安县人大代表票决的民生实事项目进展情况台账\n"
            "| 序号 | 项目名称 | 进展情况 | 存在问题 | 下步计划 | 责任 领导 | 责任 单位 | \n"
            "| 1 | 德安县养老服务中心项目 | 1#2#楼拆除完成,墙体砌筑进场。 | 无 | 加快1号楼墙体砌筑。 | 付卯生 | 民政局 | \n"
            "| 2 | 德安县城乡供水一体化水厂标准化提升及配水管网提升项目 | 1.对6座水厂标准化提升改造已完成90%。 | 无 | "
            "持续推进项目建设进度。 | 付卯生 | 水利局 | \n"
            "| 4 | 德安县居民小区安充及消防设备配套项目 | 已完成13个小区60台设备建设并投运。 | 1.部分小区业主不同意安装充电设施;")
    plan = parse_plan(SourceText(path="d11.txt", name="d11.txt", sha256="0", text=text, format="txt"))
    assert [(t.title, roles(t)) for t in plan.tasks] == [
        ("德安县养老服务中心项目", [("民政局", "responsible")]),
        ("德安县城乡供水一体化水厂标准化提升及配水管网提升项目", [("水利局", "responsible")]),
        ("德安县居民小区安充及消防设备配套项目", [])]  # cut before its closing pipe: no units from the row above


def test_a_department_ledger_of_divisions_with_a_role_phrase_and_second_names():
    """c11 广东省卫生健康委 2021 (pipe rows 序号 | 工作任务 | 细化分工 | 责任处室 | 完成时限 | 备注): 细化分工 is
    the task's text and the rows divide the 工作任务 beside them (titled by their own division; a row with
    no division is titled by its task), a 责任处室 cell that ends ``等按职责分工落实`` names its divisions (i04 潍坊's
    ``X牵头落实`` is the other wording), and ``规划信息处(爱卫办)`` is a division with its second name.
    One real ledger of this header was found."""
    assert tables.column_kind("细化分工") == "text" and tables.column_kind("责任处室") == "responsible"
    text = ("2021 年政务公开工作重点任务台账 |\n序号 | 工作任务 | 细化分工 | 责任处室 | 完成时限 | 备注 |\n"
            "1 | 做好常态化疫情防控信息发布 | 重点围绕散发疫情、隔离管控、流调溯源、精准防控等发布权威信息 | "
            "应急处、监督处、医政医管处、疾控处、基层处等按职责分工落实 | 长期推进 |\n|\n"
            "2 | 做好爱国卫生运动、健康中国行动、健康广东行动的信息发布工作 | 规划信息处(爱卫办) | 长期推进 |\n|\n"
            "3 | 常规政务公开事项 | 强化行政执法信息公开,加强反垄断与反不正当竞争执法信息公开 | 政法处 | 长期推进 |\n|\n"
            "4 | 逐步清理、摸清底数,有步骤推进本部门规范性文件统一公开工作 | 政法处 | 长期推进 |\n|\n")
    plan = plan_from_text("c11", text)
    assert [[(m.name, m.alias, m.role) for m in t.units] for t in plan.tasks] == [
        [(n, "", "responsible") for n in ("应急处", "监督处", "医政医管处", "疾控处", "基层处")],
        [("规划信息处", "爱卫办", "responsible")], [("政法处", "", "responsible")], [("政法处", "", "responsible")]]
    # rows divide the task named beside them (a merged 工作任务 cell printed once): titled by their 细化分工
    assert [t.title for t in plan.tasks] == ["重点围绕散发疫情、隔离管控、流调溯源、精准防控等发布权威信息",
                                             "做好爱国卫生运动、健康中国行动、健康广东行动的信息发布工作",
                                             "强化行政执法信息公开,加强反垄断与反不正当竞争执法信息公开",
                                             "逐步清理、摸清底数,有步骤推进本部门规范性文件统一公开工作"]


def test_the_results_a_progress_report_claims_are_progress_not_targets():
    """e13 招远 2022 (pipe rows 类别 | 民生事项名称 | 2022年度任务目标 | 责任单位 | 分管市领导 | 1-9月份工作完成情况 |
    1-9月份工作取得成效 | 监督电话): 取得成效 reports what was done, like 完成情况, so its figures (完成基础
    施工30%) are no targets, while 预期成效 stays the task's text. One real report of this header was found."""
    assert [tables.column_kind(h) for h in ("1-9月份工作取得成效", "1-9月份工作完成情况", "预期成效")] == \
        ["progress", "progress", "text"]
    text = ("类别 | 民生事项名称 | 2022年度任务目标 | 责任单位 | 分管市领导 | 1-9月份工作完成情况 | 1-9月份工作取得成效 | 监督电话 |\n"
            "四、教育文化 | 15.推进学校塑胶运动场地建设 | 完成罗峰学校及13处农村学校塑胶运动场地建成并投入使用。 | 教育体育局 | "
            "刘福利 | 罗峰学校:9月份开始施工,完成基础施工30%。 | 罗峰学校正在全力推进基础施工,完成基础施工30%。 | "
            "监督电话0535-8246306 |\n")
    plan = parse_plan(SourceText(path="e13.txt", name="e13.txt", sha256="0", text=text, format="txt"))
    task = plan.tasks[0]
    assert roles(task) == [("教育体育局", "responsible")] and "30%" not in task.text and "13处" in task.text


def test_a_bureau_table_dividing_its_work_among_its_divisions():
    """A bureau's own work plan divides its tasks among its 科室 / 处室 in a column named for them:
    b23 (a county bureau's 政务公开工作要点, a 繁體 mirror, pipe rows 重點任務 | 工作內容 | 負責科室) and
    c11 广东省卫生健康委 (责任处室). The division nouns of a role label (科室, 处室, 股室) name a unit
    column as 单位 and 部门 do; 负责人 stays a person's column."""
    assert [tables.column_kind(h) for h in ("负责科室", "負責科室", "责任处室", "承办处室", "负责股室")] == \
        ["responsible"] * 5
    assert tables.column_kind("负责人") is None
    text = ("二、重點工作任務分解\n重點任務 | 工作內容 | 負責科室 |\n"
            "迴應關切 | 對羣衆普遍關注的社會熱點問題及時、主動迴應。對羣衆的來信、來訪、來電要及時、準確回覆。 | 各業務科室 |\n"
            "政務服務 | 注重政務服務辦理流程、辦理結果等信息發佈 | 綜合科 |\n")
    plan = plan_from_text("b23", text)
    assert [(t.title, roles(t)) for t in plan.tasks] == [("迴應關切", [("各業務科室", "responsible")]),
                                                           ("政務服務", [("綜合科", "responsible")])]


def test_rows_picked_from_a_longer_table_with_a_cell_after_their_units():
    """Rows of one department picked from a longer table keep their original 序号 (3, 68, 69 … in i07
    谯城, each row closed by its units; 145, 249 in d23 淮南, each followed by a 落实情况 cell): a higher
    number starts a row once the row above has filled its columns, units among them."""
    text = ("【落实情况】市机关事务管理局2025年《政府工作报告》主要任务上半年落实情况\n序号 |\n主要任务 |\n牵头单位 |\n落实情况 |\n"
            "145 |\n严格执行城市公共空间规划建设治理导则,提升精心规划、精致建设、精细管理水平。 |\n"
            "市自规局、市城管局、市住建局 市商务局、市机关事务管理局 |\n落实《城市公共空间规划建设治理导则》要求,扎实开展道路、游园等城市基础设施建设工作。 |\n"
            "249 |\n支持志愿服务、广播电视、地震、气象、档案、地方志、邮政快递、住房公积金、机关事务管理等事业发展。 |\n"
            "市委社会工作部 市广播电视台 市地震局 |\n上半年,我市所有地震监测台站综合运行率达99.69%。 |\n")
    plan = plan_from_text("d23", text)
    assert [(t.number, [n for n, _ in roles(t)]) for t in plan.tasks] == [
        ("145", ["市自规局", "市城管局", "市住建局", "市商务局", "市机关事务管理局"]),
        ("249", ["市委社会工作部", "市广播电视台", "市地震局"])]
    assert "99.69%" not in plan.tasks[1].text


def test_a_space_row_whose_second_lead_and_cooperating_cell_follow_on_lines_of_their_own():
    """d22 谯城 2025 (rows one per line, 序号 重点工作任务 主要责任单位 协同配合单位): a row whose line
    ends with its lead prints a second lead on the next line and then its cooperating cell, a list;
    the list fills the empty cooperating column, the single name stays with the leads. A row whose
    cells all fit its line is read as before. One real table of this layout was found."""
    text = ("谯城区2025年政府工作报告重点工作任务分解表\n序号 重点工作任务 主要责任单位 协同配合单位\n"
            "一、2025年经济社会发展的主要预期目标\n"
            "1 地区生产总值增长6.5%左右。 区发改委 区政府各部门,各乡镇人民政府、街道办事处,谯城经开区管委会,魏武国控集团。\n"
            "2 一般公共预算收入增长5%左右。 区财政局\n区税务局\n区政府有关部门,各乡镇人民政府、街道办事处,谯城经开区管委会,魏武国控集团。\n"
            "4 社会消费品零售总额增长8.2%左右。 区商务局 区发改委、区市场监管局。\n")
    plan = plan_from_text("d22", text)
    assert [roles(t)[:3] for t in plan.tasks] == [
        [("区发改委", "lead"), ("区政府各部门", "cooperating"), ("各乡镇人民政府、街道办事处", "cooperating")],
        [("区财政局", "lead"), ("区税务局", "lead"), ("区政府有关部门", "cooperating")],
        [("区商务局", "lead"), ("区发改委", "cooperating"), ("区市场监管局", "cooperating")]]


def test_a_space_header_whose_cells_were_printed_apart_and_open_with_their_period():
    """d21 青阳 2023 (a 重点工作责任清单 进展情况汇总表 copied one row per line): the header's wide cells
    print their role word apart from their noun (``牵头  领导``, ``主体          责任单位``) and its progress
    columns open with their period (``2023年10-12月份进展情况``); joined and read past their period, they
    give 牵头领导 (persons) | 牵头 | 主体 | 配合责任单位 columns; a row's last unit cell may open the line
    of the columns after it. One real table of this header was found."""
    line = "序号 任务 牵头  领导 主体          责任单位 备注"
    assert [line[a:b] for a, b in table_recovery.header_tokens(line)] == \
        ["序号", "任务", "牵头  领导", "主体          责任单位", "备注"]
    text = ("2023年县政府重点工作责任清单进展情况汇总表(10-12月)\n"
            "序号 2023年重点工作任务 牵头  领导 牵头         责任单位 主体          责任单位 配合         责任单位 工作评价 "
            "2023年10-12月份进展情况 20224年1-3月份进度安排 备注\n"
            "81 科学精准落实疫情防控优化措施,加强医疗资源建设。 汪  峰   吴蓓蓓 县卫健委 各乡镇\n县开发区\n"
            "县直有关单位 达到时序进度 加强基层医疗卫生机构传染病物资配备 加强重点场所重点人群防治\n"
            "85 新增托育机构2所以上。 吴蓓蓓 县卫健委 有关乡镇 县直有关单位 已完成 完成青阳县托幼中心、童之梦备案工作 "
            "按省、市工作要求,开展2024年度新增托位机构摸底、登记、卫生学评价等工作\n"
            "87 创建全国中医药示范县、国家慢性病综合防控示范区。 吴蓓蓓 县卫健委 县卫健委 县直有关单位 达到时序进度 创建全国中医药示范县\n")
    plan = plan_from_text("d21", text)
    assert [t.number for t in plan.tasks] == ["81", "85", "87"]
    # 81: its 主体 cell broken over two lines, its 配合 cell opening the line of the columns after it
    assert sorted(roles(plan.tasks[0])) == [("县卫健委", "lead"), ("县开发区", "responsible"), ("县直有关单位", "cooperating"),
                                            ("各乡镇", "responsible")]
    assert sorted(roles(plan.tasks[1])) == [("县卫健委", "lead"), ("县直有关单位", "cooperating"), ("有关乡镇", "responsible")]
    assert "吴蓓蓓" not in [n for n, _ in roles(plan.tasks[2])]


def test_a_ministry_table_of_key_indicators_by_its_departments():
    """e21 工业和信息化部 2018 (a 关键业绩指标 table copied one cell per line with pipes: 序号 | 指标名称 |
    预期效果 | 完成时限 | 指标属性 | 牵头负责司局 | 备注): a ministry's 司 are its units, a bare month (``6月``)
    is the deadline, 预期性 / 约束性 fill the 指标属性 category column and the 预期效果 holds the target.
    One real table of this layout was found."""
    assert [tables.column_kind(h) for h in ("预期效果", "指标 属性", "牵头负责司局")] == ["text", "category", "lead"]
    assert [tables.cell_kind(c) for c in ("6月", "12月份", "规划司", "信息化和软件服务业司")] == \
        ["deadline", "deadline", "units", "units"]
    text = ("序号 |\n指标名称 |\n预期效果 |\n完成时限 |\n指标 属性 |\n牵头负责司局 |\n备注 |\n"
            "1 |\n创建“中国制造2025”国家级示范区 |\n确定首批示范区创建名单 |\n6月 |\n预期性 |\n规划司 |\n|\n"
            "3 |\n绿色制造示范典型发布数量 |\n400项 |\n10月 |\n预期性 |\n节能与综合 利用司 |\n|\n")
    plan = plan_from_text("e21", text)
    assert [(t.number, roles(t), t.deadline) for t in plan.tasks] == [
        ("1", [("规划司", "lead")], "6月"), ("3", [("节能与综合利用司", "lead")], "10月")]
    assert "400项" in plan.tasks[1].text and "预期性" not in plan.tasks[1].text


def test_assessing_departments_are_the_units_when_no_other_column_names_units(tmp_path):
    """A table whose only unit column names the departments that assess each row gives them as its units,
    as the annotators of two real tables read them (k56 石城 2018 ``负责考核部门``, an HTML table; n73 旌阳 2016
    ``监考单位``); beside a 责任部门 column they only assess (l01 嵊泗 评分部门, the test above)."""
    assert tables.settle_kinds(["number", "name", None, "name", "assessor"],
                               ["序号", "考核项目", "各项分值", "考核指标", "负责考核部门"])[-1] == "responsible"
    assert tables.column_kind("监考单位") == "assessor"
    assert tables.settle_kinds(["name", None, "text", "assessor"], ["项目", "分值", "目标任务", "监考单位"])[-1] \
        == "responsible"
    assert tables.settle_kinds(["name", "responsible", "assessor"], ["考核指标", "责任部门", "评分部门"])[-1] == "assessor"
    page = ("<html><body><table border='1'><thead><tr><th>序号</th><th>考核项目</th><th>各项分值</th><th>考核指标</th>"
            "<th>负责考核部门</th></tr></thead><tbody><tr><td>5</td><td>全面推进河长制信息平台建设</td><td>11</td><td>"
            "<p>1.推进APP巡河信息平台建设（相关人员注册并使用），得2分；</p><p>2.按制度要求开展乡（镇）河长、村河长、巡查员APP巡河，</p>"
            "<p>实行动态管理，得3分；</p><p>3.河长、巡查员、保洁员按要求填写日志，得3分。</p></td><td>县河长办</td></tr>"
            "<tr><td>6</td><td>深化河长制培训、宣传和教育</td><td>7</td><td><p>1.充分利用各类媒体开展河长制公益宣传，营造全社会</p>"
            "<p>合力推进河长制工作的良好氛围，得2分。</p><p>2.开展生态文明建设\"进园区、进校区、进企业、进农村</p>"
            "<p>\"宣传活动，得2分。</p></td><td><p>县委宣传部</p><p>县教育局</p><p>县河长办</p></td></tr>"
            "</tbody></table></body></html>")
    path = tmp_path / "k56.html"
    path.write_text(page, encoding="utf-8")
    plan = parse_plan(read_document(path))
    assert [(t.title, [(m.name, m.role) for m in t.units]) for t in plan.tasks] == [
        ("全面推进河长制信息平台建设", [("县河长办", "responsible")]),
        ("深化河长制培训、宣传和教育", [("县委宣传部", "responsible"), ("县教育局", "responsible"), ("县河长办", "responsible")])]
