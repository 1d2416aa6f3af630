"""Metadata, headings, tasks and annex tables (graph.structure) on seed text and written passages."""
import hashlib
from pathlib import Path

import pytest

from graph.ingest import read_document
from graph.records import SourceText
from graph.structure import parse_plan
from graph.structure.lines import cn_to_int

CORPUS = Path(__file__).resolve().parent.parent / "corpus"


def source(text: str, name: str = "t.txt") -> SourceText:
    return SourceText(path=name, name=name, sha256=hashlib.sha256(text.encode()).hexdigest(), text=text, format="txt")


def seed(prefix: str):
    return parse_plan(read_document(next(CORPUS.glob(prefix + "*.txt"))))


def units_of(task):
    return [(m.name, m.role, m.basis) for m in task.units]


def test_chinese_numerals():
    assert [cn_to_int(s) for s in ("一", "十", "十一", "二十三", "九十九")] == [1, 10, 11, 23, 99]


def test_plan_title_comes_from_the_notice_not_the_notice_title():
    meta = seed("002").meta
    assert meta.title == "洞头区提升县城承载能力和深化“千村示范、万村整治”工程实施方案(2023—2027年)"
    assert meta.doc_number == "洞政办发〔2023〕14号"
    assert meta.issued == "2023-06-29"
    assert (meta.period_start, meta.period_end) == (2023, 2027)
    assert meta.issuer == "温州市洞头区人民政府办公室"
    assert "浙政办发〔2023〕15号" in meta.references


def test_title_split_over_lines_and_region_from_issuer():
    meta = seed("003").meta
    assert meta.title == "深化新时代“千万工程”打造中国式现代化乡村范例西湖样板行动计划(2023-2027年)"
    assert meta.issuer == "中共杭州市西湖区委农村工作领导小组"
    assert meta.issued == "2023-09-13"
    assert meta.doc_number == ""


def test_doc_number_of_square_bracket_style_and_signature_date():
    meta = seed("000").meta
    assert meta.doc_number == "善城乡提升办[2024]1号"
    assert meta.issued == "2024-04-30"
    assert meta.lead_convention == "column"


def test_section_paths_and_body_units():
    plan = seed("001")
    task = next(t for t in plan.tasks if t.title == "做强重大产业平台")
    assert task.section == ("二、全面提升县城承载能力", "(一)实施产业平台集聚能力提升行动")
    assert units_of(task) == [("高新区", "responsible", "listed"), ("经开区", "responsible", "listed"),
                              ("县发改局", "responsible", "listed"), ("县经信局", "responsible", "listed")]
    lead = next(t for t in plan.tasks if t.title == "强化组织领导")
    assert units_of(lead) == [("县农业农村局", "lead", "text"), ("县发改局", "lead", "text"), ("县建设局", "lead", "text")]


def test_bracket_inside_a_sentence_is_not_a_unit_list():
    plan = seed("001")
    task = next(t for t in plan.tasks if t.title == "推进城乡基础设施一体化")
    assert "快递共富驿站" not in [m.name for m in task.units]


def test_annex_rows_with_blank_cells():
    plan = seed("000")
    annex = {t.number: t for t in plan.tasks if t.source == "annex"}
    assert len(annex) == 28
    assert units_of(annex["4"]) == [("县建设局", "lead", "column")]
    assert units_of(annex["1"]) == [("县发改局", "lead", "column"), ("县开发区(惠民街道)", "cooperating", "column"),
                                    ("魏塘街道", "cooperating", "column")]
    assert annex["28"].title == "完善乡村振兴多元化投入机制"
    assert [m.role for m in annex["28"].units] == ["lead", "lead", "cooperating", "cooperating", "cooperating"]


def test_star_table_sections_and_merged_name_cells():
    plan = seed("002")
    annex = {t.number: t for t in plan.tasks if t.source == "annex"}
    assert annex["1"].section == ("一、发展目标",)
    assert annex["12"].section[-1] == "(一)实施乡村产业发展提升行动"
    assert annex["18"].title == "统筹城镇和村庄布局"
    # rows 64 and 65 print their name only in row 63 (a merged cell)
    assert annex["64"].title == annex["65"].title == "政策保证机制"
    assert units_of(annex["63"]) == [("各区级相关责任部门", "responsible", "listed"), ("各街道乡镇", "responsible", "listed")]


def test_responsibility_label_without_brackets():
    plan = seed("004")
    task = next(t for t in plan.tasks if t.title == "完善推进机制")
    assert [m.name for m in task.units] == ["区委办", "区委组织部", "区美丽城镇办"]


WRITTEN_TABLE = """关于印发《某市推进数字政府建设三年行动计划(2024—2026年)》的通知
各县(市、区)人民政府,市政府各部门:
现将《某市推进数字政府建设三年行动计划(2024—2026年)》印发给你们,请认真贯彻执行。
某市人民政府办公室
2024年3月1日
某市推进数字政府建设三年行动计划(2024—2026年)
一、总体目标
到2026年,政务服务事项网上可办率达到98%以上。
二、重点任务
(一)夯实数字底座。建设全市统一的政务云平台。
牵头单位:市大数据局
配合单位:市财政局、市发展改革委
(二)优化政务服务。推行“一网通办”,由市政务服务中心牵头,市大数据局、市司法局配合。
附件
重点任务分工表
序号
工作任务
牵头单位
配合单位
完成时限
1
建设政务云平台,整合各部门机房
市大数据局
市财政局
2024年底前
2
推进电子证照应用
市政务服务中心

2025年6月底前
3
完善数据共享交换体系
市大数据局
市发展改革委、
市统计局
长期坚持
"""


def test_written_plan_in_other_styles():
    plan = parse_plan(source(WRITTEN_TABLE))
    assert plan.meta.title == "某市推进数字政府建设三年行动计划(2024—2026年)"
    assert plan.meta.issuer == "某市人民政府办公室"
    assert (plan.meta.period_start, plan.meta.period_end) == (2024, 2026)
    body = {t.title: t for t in plan.tasks if t.source == "body"}
    assert units_of(body["夯实数字底座"]) == [("市大数据局", "lead", "text"), ("市财政局", "cooperating", "text"),
                                            ("市发展改革委", "cooperating", "text")]
    assert units_of(body["优化政务服务"]) == [("市政务服务中心", "lead", "text"), ("市大数据局", "cooperating", "text"),
                                            ("市司法局", "cooperating", "text")]
    annex = {t.number: t for t in plan.tasks if t.source == "annex"}
    assert annex["1"].title.startswith("建设政务云平台")
    assert units_of(annex["1"]) == [("市大数据局", "lead", "column"), ("市财政局", "cooperating", "column")]
    assert annex["1"].deadline == "2024年底前"
    assert units_of(annex["2"]) == [("市政务服务中心", "lead", "column")]
    assert annex["2"].deadline == "2025年6月底前"
    # a cell that wraps after 、 continues on the next line
    assert units_of(annex["3"]) == [("市大数据局", "lead", "column"), ("市发展改革委", "cooperating", "column"),
                                    ("市统计局", "cooperating", "column")]


FIRST_LISTED = """某县农村人居环境整治提升实施方案
(各项任务中列第一位的为牵头单位,其余为配合单位)
一、重点任务
1.推进厕所革命。新改建农村公厕30座。(县农业农村局、县卫生健康局、县住建局)
2.治理生活污水。(县生态环境局)
"""


def test_first_listed_statement_makes_the_first_unit_lead():
    plan = parse_plan(source(FIRST_LISTED))
    assert plan.meta.lead_convention == "first-listed"
    tasks = {t.number: t for t in plan.tasks}
    assert units_of(tasks["1"]) == [("县农业农村局", "lead", "listed"), ("县卫生健康局", "cooperating", "listed"),
                                    ("县住建局", "cooperating", "listed")]
    assert units_of(tasks["2"]) == [("县生态环境局", "lead", "listed")]


@pytest.mark.parametrize("text", ["", "\n\n", "一、", "(", "附件\n序号\n牵头单位\n1\n", "1.\n2.\n(一)"])
def test_degenerate_text_does_not_raise(text):
    plan = parse_plan(source(text))
    assert isinstance(plan.tasks, tuple)


KEY_TASKS = """某区优化营商环境工作要点
(标★的为区政府重点督办事项)
一、重点任务
★1.深化“一网通办”。政务服务事项网上办理率达到95%。责任单位:区政务服务中心、区大数据中心
2.降低企业成本。责任单位:区财政局
附件
任务清单
(标★的为牵头单位)
序号
工作任务
分管领导
责任单位
完成时限
1
清理拖欠企业账款
王某
★区财政局、区工信局
各街道办事处
2024年6月底前
2
推进信用修复
★区发展改革委、区市场监管局
持续推进
"""


def test_key_task_markers_leader_columns_and_multi_line_cells():
    plan = parse_plan(source(KEY_TASKS))
    body = {t.number: t for t in plan.tasks if t.source == "body"}
    assert body["1"].title == "深化“一网通办”"
    assert [m.name for m in body["1"].units] == ["区政务服务中心", "区大数据中心"]
    annex = {t.number: t for t in plan.tasks if t.source == "annex"}
    # the leader's name is not a unit; the second line of the unit cell continues it
    assert units_of(annex["1"]) == [("区财政局", "lead", "star"), ("区工信局", "cooperating", "star"),
                                    ("各街道办事处", "cooperating", "star")]
    # a row whose leader cell was merged away keeps its units in the unit column
    assert units_of(annex["2"]) == [("区发展改革委", "lead", "star"), ("区市场监管局", "cooperating", "star")]


LABELLED_CELLS = """某市文明城市创建任务分解表
序号
工作任务
责任单位
1
整治占道经营,主次干道占道经营整治率达到100%。
牵头单位:市城市管理局;配合单位:市市场监管局、各区政府
2
规范公益广告设置
市委宣传部(牵头)、市城市管理局
"""


def test_table_cells_with_labels_or_lead_notes():
    plan = parse_plan(source(LABELLED_CELLS))
    annex = {t.number: t for t in plan.tasks}
    assert units_of(annex["1"]) == [("市城市管理局", "lead", "text"), ("市市场监管局", "cooperating", "text"),
                                    ("各区政府", "cooperating", "text")]
    assert units_of(annex["2"]) == [("市委宣传部", "lead", "text"), ("市城市管理局", "cooperating", "text")]


NO_NUMBER_TABLE = """附件
某区教育重点任务清单
工作任务
目标要求
牵头单位
配合单位
完成时限
备注
扩充优质学位
新建学校3所,新增公办学位1200个
区教育局
区发展改革局
区财政局
2024年8月
列入民生实事
推进集团化办学
组建教育集团2个
区教育局
各镇人民政府
2024年9月
"""


def test_table_without_row_numbers_is_cut_into_rows_by_its_cells():
    plan = parse_plan(source(NO_NUMBER_TABLE))
    rows = [t for t in plan.tasks if t.source == "annex"]
    assert [t.title for t in rows] == ["扩充优质学位", "推进集团化办学"]
    assert units_of(rows[0]) == [("区教育局", "lead", "column"), ("区发展改革局", "cooperating", "column"),
                                 ("区财政局", "cooperating", "column")]
    assert units_of(rows[1]) == [("区教育局", "lead", "column"), ("各镇人民政府", "cooperating", "column")]


ARTICLES = """某旗促进农牧业发展若干措施
第一条 支持设施农业。新建温室大棚100座,每座补贴2万元。(旗农牧局、旗财政局)
第二条 培育龙头企业。新增自治区级龙头企业3家。(旗农牧局旗商务局)
"""


def test_articles_are_tasks_and_run_together_names_split():
    plan = parse_plan(source(ARTICLES))
    tasks = {t.number: t for t in plan.tasks}
    assert set(tasks) == {"第一条", "第二条"}
    assert [m.name for m in tasks["第二条"].units] == ["旗农牧局", "旗商务局"]


INDICATOR_TABLE = """附件
某市数字经济主要指标
序号
指标名称
单位
2023年基数
2025年目标
责任单位
1
数字经济核心产业增加值
亿元
86
120
市经济信息委
2
核心产业增加值占地区生产总值比重
%
5.3
≥7
市经济信息委、市统计局
"""


def test_indicator_table_rows_carry_their_targets():
    from graph.pipeline import task_indicators

    plan = parse_plan(source(INDICATOR_TABLE))
    rows = {t.number: t for t in plan.tasks}
    first = task_indicators(rows["1"], 2025)
    assert [(i.value, i.unit, i.op, i.year, i.baseline) for i in first] == [(120.0, "亿元", "=", 2025, 86.0)]
    second = task_indicators(rows["2"], 2025)
    assert [(i.value, i.unit, i.op, i.baseline) for i in second] == [(7.0, "%", ">=", 5.3)]
    assert source(INDICATOR_TABLE).text[second[0].start:second[0].end] == "≥7"
    assert [m.name for m in rows["2"].units] == ["市经济信息委", "市统计局"]


GROUP_UNITS = """某市乡村振兴重点工作实施方案
一、重点任务
(一)确保粮食安全
1.稳定粮食播种面积。严格落实粮食安全党政同责。
2.加强高标准农田建设。新建高标准农田3.2万亩。
牵头单位:市农业农村局
配合单位:市财政局、市水利局
(二)提升基层服务能力(责任单位:区卫生健康局、区财政局)
1.推进乡镇卫生院标准化建设。
2.建设“15分钟健康服务圈”。
(三)做强特色产业
1.壮大特色产业。新建生产基地10个。
牵头单位:市农业农村局
2.发展农产品加工。
牵头单位:市工信局
"""


def test_units_printed_once_for_a_group_of_items():
    plan = parse_plan(source(GROUP_UNITS))
    tasks = {t.key: t for t in plan.tasks}
    assert units_of(tasks["b1-1-1"]) == units_of(tasks["b1-1-2"]) == [
        ("市农业农村局", "lead", "text"), ("市财政局", "cooperating", "text"), ("市水利局", "cooperating", "text")]
    assert [m.name for m in tasks["b1-2-1"].units] == [m.name for m in tasks["b1-2-2"].units] == ["区卫生健康局", "区财政局"]
    assert "b1-2" not in tasks or not tasks["b1-2"].units
    # items that name their own units keep them
    assert [m.name for m in tasks["b1-3-1"].units] == ["市农业农村局"]
    assert [m.name for m in tasks["b1-3-2"].units] == ["市工信局"]


def test_goal_paragraph_before_the_first_heading_is_an_item():
    text = ("某市数字政府建设工作要点\n2024年是攻坚之年,网上可办率已达98.6%。\n"
            "总体目标:全市政务数据共享需求满足率达到95%以上。\n一、重点任务\n1.建设政务云。(市大数据局)\n")
    plan = parse_plan(source(text))
    goal = [t for t in plan.tasks if t.title == "总体目标"]
    assert len(goal) == 1 and "95%" in goal[0].text and "98.6%" not in goal[0].text


def test_a_title_found_below_the_items_does_not_hide_them():
    text = "1.推进政务服务一网通办。(市政务服务中心)\n2.优化营商环境。(市发展改革委)\n附件\n某市优化营商环境任务分工方案\n"
    plan = parse_plan(source(text))
    assert [[m.name for m in t.units] for t in plan.tasks] == [["市政务服务中心"], ["市发展改革委"]]
    assert not plan.meta.title.startswith("附件")


def test_a_higher_ranked_heading_after_numbered_items_starts_a_section():
    text = ("某县2024年十大民生实事项目\n1.新增城镇就业6000人以上。 牵头单位:县人社局 配合单位:县财政局\n"
            "二、教育医疗类\n2.新建幼儿园5所。 牵头单位:县教育局\n")
    plan = parse_plan(source(text))
    tasks = {t.number: t for t in plan.tasks}
    assert units_of(tasks["1"]) == [("县人社局", "lead", "text"), ("县财政局", "cooperating", "text")]
    assert tasks["2"].section == ("二、教育医疗类",)
    assert "二" not in tasks or not tasks["二"].units


def test_project_table_money_columns_are_targets():
    from graph.pipeline import task_indicators

    text = ("附件:某市重点项目投资计划表\n序号\n项目名称\n建设内容\n总投资(亿元)\n2024年计划投资(亿元)\n责任单位\n"
            "一、先进制造业项目\n1\n海洋装备产业园\n新建海缆生产线,形成年产海缆1500公里产能\n56\n18.5\n通州湾示范区管委会\n")
    plan = parse_plan(source(text))
    row = plan.tasks[0]
    assert [m.name for m in row.units] == ["通州湾示范区管委会"]
    values = sorted((i.value, i.unit) for i in task_indicators(row, 2024))
    assert values == [(18.5, "亿元"), (56.0, "亿元"), (1500.0, "公里")]


def test_numbered_prose_after_a_table_is_body_again():
    text = ("某区就业工作方案\n附件\n序号\n重点任务\n责任单位\n1\n援助就业困难人员\n区人社局\n"
            "三、保障措施。区审计局牵头对就业补助资金使用情况开展专项审计,每半年通报1次。\n")
    plan = parse_plan(source(text))
    rows = [t for t in plan.tasks if t.source == "annex"]
    assert [m.name for m in rows[0].units] == ["区人社局"] and "审计" not in rows[0].text
    body = [t for t in plan.tasks if t.source == "body"]
    assert [(m.name, m.role) for t in body for m in t.units] == [("区审计局", "lead")]


def test_table_rows_pasted_with_separators_are_read_as_cells():
    text = ("某区重点工作督办清单\n序号|督办事项|牵头单位|责任单位|办结时限\n"
            "1|推进政务服务一网通办,网上可办率达到95%|区政务服务局|区大数据中心、各街道|2024年6月底\n"
            "2|优化营商环境|区发改局、区市场监管局||2024年12月底\n"
            "东河区人民政府办公室\n2024年3月1日\n")
    plan = parse_plan(source(text))
    rows = {t.number: t for t in plan.tasks}
    assert units_of(rows["1"]) == [("区政务服务局", "lead", "column"), ("区大数据中心", "cooperating", "column"),
                                   ("各街道", "cooperating", "column")]
    assert units_of(rows["2"]) == [("区发改局", "lead", "column"), ("区市场监管局", "lead", "column")]
    assert plan.meta.issued == "2024-03-01"


def test_conjoined_collective_and_full_width_deadline_label():
    text = "某县2024年工作要点\n一、重点任务\n1.优化营商环境。（县教育局及各乡镇）\n2.强化保障。（责任单位：县财政局；完成时限：2024年底前）\n"
    tasks = {t.number: t for t in parse_plan(source(text)).tasks}
    assert [m.name for m in tasks["1"].units] == ["县教育局", "各乡镇"]
    assert tasks["2"].deadline == "2024年底前"
