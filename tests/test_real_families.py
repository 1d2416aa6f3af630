"""Families of style seen in real plans, each tested on two differently worded real excerpts.

The excerpts are copied from real documents of ../shared/realdev and benchmarks/realdev (the file
each comes from is named in the test's docstring).
"""
from __future__ import annotations


import pytest

from graph import traditional
from graph.indicators import extract_indicators
from graph.records import SourceText
from graph.structure import parse_plan
from graph.structure.lines import Line, match_heading, physical_lines
from graph.structure.tables import cell_kind
from graph.units import is_unit_list, split_raw, list_before_note, mentions_from_labels, mentions_from_list, mentions_from_prose, says_responsible_leads, \
    says_first_listed_leads, unit_shape


def roles(mentions) -> list[tuple[str, str]]:
    return [(m.name, m.role) for m in mentions]


def plan_of(text: str):
    source = SourceText(path="t.txt", name="t.txt", sha256="0" * 64, text=text, format="txt")
    reading = traditional.simplified_reading(text)
    if reading:
        plan = parse_plan(traditional.reading_source(source, reading))
        return traditional.printed_plan(plan, reading, source)
    return parse_plan(source)


def test_label_wordings_give_lead_cooperating_and_persons():
    """a01 灵璧县 (牵头责任单位 / 主要协作单位), s08 滁州市 (牵头负责领导 / 协同责任单位), a04 海城市 (牵头领导)."""
    got = mentions_from_labels("牵头责任单位:县卫健委、县民政局\n\n主要协作单位:各乡镇人民政府、经济开发区管委会", 0)
    assert roles(got) == [("县卫健委", "lead"), ("县民政局", "lead"), ("各乡镇人民政府", "cooperating"),
                          ("经济开发区管委会", "cooperating")]
    got = mentions_from_labels("牵头负责领导:张三\n牵头责任单位:市发展改革委\n协同责任单位:市财政局", 0)
    assert roles(got) == [("市发展改革委", "lead"), ("市财政局", "cooperating")]
    got = mentions_from_labels("牵头领导:刘兴达\n牵头单位:市财政局\n责任单位:各有关部门", 0)
    assert roles(got) == [("市财政局", "lead"), ("各有关部门", "cooperating")]


@pytest.mark.parametrize("statement", [
    "(工业和信息化部、发展改革委、科技部、农业农村部等负责。列第一位者为牵头单位，下同)",  # d02 国务院 2018
    "(税务总局、财政部、海关总署负责，排在第一位的部门为牵头部门，下同)",  # d03 国务院 2019
    "(市發改委、市農委、市商務糧食局。排名第一的為牽頭單位,下同)",  # s07 株洲市, read in simplified
    "责任单位:市经信局、市财政局(列第一位者为工作牵头单位或汇总单位,下同)",  # k04 湖州 2020
    "责任单位:县发改局(首位单位为牵头单位,下同)、县财政局、县税务局",  # o01 海盐 2022
    "请各镇、街道和各部门、各单位(责任单位中排序第一单位为牵头单位)按照职责,结合实际,认真落实",  # e11 镇海 2011
    "责任单位:市发改委、市财政局(第一责任单位为牵头单位,下同)",  # b13 厦门 2019
    "(由市发展改革委、经委、统计局负责。一项任务涉及多个部门的,原则上由排名首位的部门牵头负责。下同)",  # j82 黄冈 2007
    "(责任单位:市环保局、市国土资源局,市财政局、市农业局,各镇街区。排在前位为牵头部门,下同。)",  # x81 肥城 2017
])
def test_first_listed_statement_in_its_wordings(statement):
    reading = traditional.simplified_reading(statement)
    assert says_first_listed_leads(reading.text if reading else statement)


def test_first_listed_applies_to_role_verb_notes_and_plain_lists():
    """d06 国务院 2018 (A、B负责。列第一位者为牵头单位) and s07 株洲市 (a plain list, 繁體)."""
    got = mentions_from_prose("(人力资源社会保障部、科技部、财政部,各省级人民政府按职责分工负责)", 0,
                              first_is_lead=True)
    assert roles(got) == [("人力资源社会保障部", "lead"), ("科技部", "cooperating"), ("财政部", "cooperating"),
                          ("各省级人民政府", "responsible")]
    plan = plan_of("一、總體要求\n(一)切實增強糧食安全意識。要著眼大局。(市發改委、市農委、中儲糧株洲直屬庫。"
                   "排名第一的為牽頭單位,下同)\n(二)明確政府責任。(市農委、市財政局)\n")
    tasks = {t.number: [(m.name, m.role, m.basis) for m in t.units] for t in plan.tasks}
    assert tasks["(一)"] == [("市發改委", "lead", "listed"), ("市農委", "cooperating", "listed"),
                            ("中儲糧株洲直屬庫", "cooperating", "listed")]
    assert tasks["(二)"][0] == ("市農委", "lead", "listed")


def test_local_governments_that_carry_out_stay_responsible():
    """d04 国务院办公厅 2020 and d06 国务院 2018: 各地区 / 各省级人民政府 按职责分工负责."""
    got = mentions_from_prose("(国家发展改革委牵头，国务院相关部门及各地区按职责分工负责)", 0)
    assert roles(got) == [("国家发展改革委", "lead"), ("国务院相关部门", "cooperating"), ("各地区", "responsible")]
    got = mentions_from_prose("(国务院办公厅牵头，各地区、各部门负责)", 0)
    assert roles(got) == [("国务院办公厅", "lead"), ("各地区", "responsible"), ("各部门", "cooperating")]


def test_named_unit_before_unnamed_others():
    """a05 沈阳市 2026 (市财政局等有关部门) and d04 国务院办公厅 2020 (X等国务院相关部门及各地区)."""
    got = mentions_from_labels("责任单位:市财政局等有关部门,各区、县(市)政府及开发区管委会", 0)
    assert [m.name for m in got] == ["市财政局", "各区、县(市)政府", "开发区管委会"]
    got = mentions_from_prose("(自然资源部牵头，住房城乡建设部等国务院相关部门及各地区按职责分工负责)", 0)
    assert roles(got) == [("自然资源部", "lead"), ("住房城乡建设部", "cooperating"), ("各地区", "responsible")]


def test_each_spans_level_words():
    """a04 海城市 (各开发区、镇(街道)), c05 六盘水市 (各縣、特區、區人民政府, read in simplified) and t82 甘肃 2017
    (各市州、县市区政府: 县市区 and 市州 are level words too)."""
    assert [m.name for m in mentions_from_list("各有关部门,各开发区、镇(街道)", 0)] == \
        ["各有关部门", "各开发区、镇(街道)"]
    assert [m.name for m in mentions_from_list("各县、特区、区人民政府,各经济开发区管委会", 0)] == \
        ["各县、特区、区人民政府", "各经济开发区管委会"]
    assert [m.name for m in mentions_from_list("省工商局、省建设厅,各市州、县市区政府,各开发区管委会", 0)] == \
        ["省工商局", "省建设厅", "各市州、县市区政府", "各开发区管委会"]


def test_role_verbs_after_names():
    """n03 黑龙江省 2013 (X主办,Y、Z协办) and c01 官渡区 2016 (X牵头,Y配合)."""
    got = mentions_from_prose("(省财政厅主办,省国税局、地税局协办)", 0)
    assert roles(got) == [("省财政厅", "lead"), ("省国税局", "cooperating"), ("地税局", "cooperating")]
    got = mentions_from_prose("(区国土分局牵头,区规划分局、区级相关部门配合)", 0)
    assert roles(got) == [("区国土分局", "lead"), ("区规划分局", "cooperating"), ("区级相关部门", "cooperating")]


def test_page_excerpt_on_one_line_is_cut_before_its_items():
    """u03 河南省 2023 (a 720-character excerpt on one line: 一、 (一) 1. 2.) and the opening of d04
    国务院办公厅 2020 (意见。一、…(一)…。(…牵头…)(二)…) cut to the same length."""
    henan = ("河南省人民政府 关于明确政府工作报告提出的2023年 重点工作责任单位的通知 豫政〔2023〕5号 现将《政府工作报告》"
             "提出的2023年重点工作任务予以分解并明确责任单位。各责任单位要尽快制定具体落实方案,明确时间节点、责任领导、"
             "主要措施,确保重点工作如期推进。省政府办公厅要对重点工作任务落实情况进行跟踪督办,及时掌握和定期通报重点工作"
             "进展情况,确保年度重点工作任务圆满完成。 一、加快提振市场信心 (一)全面促进消费增长。 1.把恢复和扩大消费摆在"
             "优先位置,调整妨碍消费的限制性措施,改善消费条件,创新消费场景。(省商务厅、财政厅、发展改革委、地方金融监管局"
             "等相关部门按职责分工负责) 2.落实好提振市场信心90条措施。(省发展改革委牵头,省商务厅、财政厅、文化和旅游厅、"
             "工业和信息化厅等相关部门按职责分工负责) 3.激活房地产市场,落实首套房贷款支持政策,优化二套房认定标准。"
             "(省住房城乡建设厅、地方金融监管局、人行郑州中心支行、河南银保监局按职责分工负责)")
    plan = plan_of(henan)
    tasks = [t for t in plan.tasks if t.units]
    assert [t.number for t in tasks] == ["1", "2", "3"]
    assert [(m.name, m.role) for m in tasks[1].units][:2] == [("省发展改革委", "lead"), ("省商务厅", "cooperating")]
    state = ("各省、自治区、直辖市人民政府,国务院各部委、各直属机构:党中央、国务院高度重视深化“放管服”改革优化营商环境"
             "工作。近年来,我国营商环境明显改善,但仍存在一些短板和薄弱环节,亟需进一步聚焦市场主体关切,对标国际先进水平,"
             "既立足当前又着眼长远,更多采取改革的办法破解企业生产经营中的堵点痛点,强化为市场主体服务。经国务院同意,现提出"
             "以下意见。一、持续提升投资建设便利度(一)优化再造投资项目前期审批流程。从办成项目前期“一件事”出发,健全部门"
             "协同工作机制,加强项目立项与用地、规划等建设条件衔接,推动有条件的地方对项目可行性研究、用地预审、选址、环境影响"
             "评价、安全评价、水土保持评价、压覆重要矿产资源评估等事项,实行项目单位编报一套材料,政府部门统一受理、同步评估、"
             "同步审批、统一反馈,加快项目落地。(国家发展改革委牵头,国务院相关部门及各地区"
             "按职责分工负责)(二)进一步提升工程建设项目审批效率。全面推行工程建设项目分级分类管理,由政府部门发布统一的企业"
             "开工条件。(住房城乡建设部牵头,国务院相关部门及各地区按职责分工负责)")
    assert 400 <= len(state) < 1000
    plan = plan_of(state)
    tasks = [t for t in plan.tasks if t.units]
    assert [t.title for t in tasks] == ["优化再造投资项目前期审批流程", "进一步提升工程建设项目审批效率"]
    assert [m.name for m in tasks[1].units][0] == "住房城乡建设部"


def test_items_numbered_with_small_form_full_stop():
    """v02 安徽省 2022 (``1﹒全省生产总值增长7%以上。`` with one label per line, persons beside units):
    the small form variants of punctuation read as their ASCII forms. Only one real document of
    this style was found; the second case is its next item as printed."""
    plan = plan_of("一、确保完成全年主要预期目标\n1﹒全省生产总值增长7%以上,在实际工作中力争更好结果。\n"
                   "牵头负责领导:刘惠。\n牵头责任单位:省发展改革委。\n协同责任单位:省政府各部门、各直属机构。\n"
                   "2﹒固定资产投资力争增长10%以上,在实际工作中奋力完成得更快一些。\n牵头负责领导:刘惠。\n"
                   "牵头责任单位:省发展改革委。\n协同责任单位:省经济和信息化厅、省财政厅等。\n")
    assert [t.number for t in plan.tasks] == ["1", "2"]
    assert [(m.name, m.role) for m in plan.tasks[0].units] == [
        ("省发展改革委", "lead"), ("省政府各部门", "cooperating"), ("各直属机构", "cooperating")]
    assert [(m.name, m.role) for m in plan.tasks[1].units][1:] == [
        ("省经济和信息化厅", "cooperating"), ("省财政厅", "cooperating")]


def test_responsible_label_holding_a_sentence_of_role_verbs():
    """v06 福建省 2015 (责任单位:X、Y、Z牵头,A、B配合; an item cut after the lead's partners) and,
    as a label whose verb states a convention, not roles, 韶关市 2019 (責任單位:A、B,排在首位的爲牽頭單位)."""
    got = mentions_from_labels("责任单位:省发改委、财政厅、海洋渔业厅牵头,省经信委、交通运输厅、沿海各设区市人民政府、"
                               "平潭综合实验区管委会配合", 0)
    assert roles(got) == [("省发改委", "lead"), ("财政厅", "lead"), ("海洋渔业厅", "lead"), ("省经信委", "cooperating"),
                          ("交通运输厅", "cooperating"), ("沿海各设区市人民政府", "cooperating"),
                          ("平潭综合实验区管委会", "cooperating")]
    got = mentions_from_labels("责任单位:省发改委牵头,省海洋渔业厅、财政厅、经信委、", 0)
    assert roles(got) == [("省发改委", "lead"), ("省海洋渔业厅", "cooperating"), ("财政厅", "cooperating"),
                          ("经信委", "cooperating")]
    got = mentions_from_labels("责任单位:市税务局、市财政局,排在首位的为牵头单位,下同", 0)
    assert [m.name for m in got] == ["市税务局", "市财政局"]


def test_traditional_page_is_read_in_simplified_and_reported_as_printed():
    """c04 内江市 and c07 东莞市 (繁體 mirrors)."""
    plan = plan_of("一、深入實施就業優先發展戰略\n(一)建立經濟發展與擴大就業聯動機制。把穩定和擴大就業作為下限。"
                   "(市發展改革委、市財政局、市統計局等負責,列第一位者為牽頭單位,下同)\n")
    assert [(m.name, m.role) for m in plan.tasks[0].units] == [
        ("市發展改革委", "lead"), ("市財政局", "cooperating"), ("市統計局", "cooperating")]
    assert plan.tasks[0].title == "建立經濟發展與擴大就業聯動機制"
    plan = plan_of("三、政策措施\n1.按照國家統一部署,平穩有序實施。(市人力資源社會保障局、市醫保局、市財政局、市稅務局負責)\n")
    assert [m.name for m in plan.tasks[0].units] == ["市人力資源社會保障局", "市醫保局", "市財政局", "市稅務局"]
    assert traditional.simplified_reading("县卫健委2021年政府工作报告任务分解,乾坤") is None


def test_pinyin_glosses_are_read_through_and_kept_in_what_is_reported():
    """Family: mirror pages that print a toned syllable after chosen characters, always the same ones,
    in two wordings: a ``(责任单位:X)`` bracket closing each target (k22 黔东南 2023) and ``由X负责的``
    prose (j21 巢湖 林头镇 2021). Labels and verbs are read without the glosses; names, titles and
    offsets are reported as printed, glosses included."""
    text = ("黔東南州2023年度十件民生實事1-3月推進(jìn)情況\n(一)已完成任務(wù)共2項\n"
            "1.城鎮(zhèn)公益性崗位安置就業(yè)困難人員6100人。(責(zé)任單位:州人力資源社會保障局)\n"
            "2.新開工棚戶區(qū)改造1666套。(責(zé)任單位:州住房城鄉(xiāng)建設(shè)局)\n")
    plan = plan_of(text)
    assert [roles(t.units) for t in plan.tasks] == [[("州人力資源社會保障局", "responsible")],
                                                    [("州住房城鄉(xiāng)建設(shè)局", "responsible")]]
    assert plan.tasks[0].title.startswith("城鎮(zhèn)公益性崗位")
    unit = plan.tasks[1].units[0]
    assert text[unit.start:unit.end] == "州住房城鄉(xiāng)建設(shè)局"
    assert text[plan.tasks[1].start:plan.tasks[1].end] == plan.tasks[1].text
    plan = plan_of("林頭鎮(zhèn)我為群眾辦實事重點項目\n聚焦“交通出行”。由鎮(zhèn)公路站負(fù)責(zé)的林頭至柘皋道路"
                   "改造工程,全長12.3公里。\n聚焦“產業(yè)發(fā)展”。由農(nóng)業(yè)農(nóng)村辦負(fù)責(zé)的高標準農(nóng)田建設。\n")
    assert [m.name for t in plan.tasks for m in t.units] == ["鎮(zhèn)公路站", "農(nóng)業(yè)農(nóng)村辦"]
    plain, positions, glosses = traditional.without_glosses("拼音(pīn)一处,不成页面")
    assert (plain, positions, glosses) == ("拼音(pīn)一处,不成页面", (), {})


def test_items_run_together_on_one_line():
    """n03 黑龙江省 2013 ((一)…(省发改委负责)(二)…) and a08 下陆区 style 1、…[牵头单位:…]2、…."""
    line = "(一)地区生产总值增长11%左右。(省发改委负责)(二)公共财政收入增长13%左右。(省财政厅主办,省国税局、地税局协办)"
    assert [p[:3] for p in physical_lines(line)] == ["(一)", "(二)"]
    line = "1、切实提高政治站位。[牵头单位:区卫健局;责任单位:各街办(新区)]2、以爱国卫生运动为抓手。[牵头单位:区创文办]"
    assert [p[:2] for p in physical_lines(line)] == ["1、", "2、"]
    assert list(physical_lines("1.新建公园3个,2.改造绿道5公里")) == ["1.新建公园3个,2.改造绿道5公里"]


def test_policy_terms_are_not_targets():
    """c06 西安市 2018 (对…1000万元以上的项目,按10%给予补助,最高不超过500万元), d06 国务院 2018
    (…达到25%的,可申请最高不超过300万元) and x22 天津 2023 (对…,以及…1000万元以上的…,按照…的10%,给予…);
    a target beside a grant is still a target."""
    text = "對新增固定資產投入達到1000萬元以上的工業技術改造項目,按設備投資額的10%給予分檔補助,最高不超過500萬元。"
    reading = traditional.simplified_reading(text)
    assert extract_indicators(reading.text) == []
    text = "小微企业当年新招用人员数量达到企业现有在职职工人数25%的,可申请最高不超过300万元的创业担保贷款。"
    assert extract_indicators(text) == []
    kept = extract_indicators("2024—2025年新建高标准农田8万亩,对新建高标准农田按每亩1500元给予补助。")
    assert [(i.value, i.unit) for i in kept] == [(8, "万亩")]
    # x22 天津 2023: a sentence that opens with its condition (对…) and closes with the grant
    x22 = ("对总投资5000万元以上、补足重点产业关键环节短板的重大工业项目,以及总投资1000万元以上的促进智能化、高端化等新一轮"
           "工业技术改造投资项目,竣工投产后按照设备、软硬件工具等投资额的10%,给予最高5000万元支持。")
    assert extract_indicators(x22) == []


def test_heading_names_the_lead_of_the_items_below():
    """n04 山西省 2008 (省编办牵头的工作 / 协同单位:) and n01 沁县 2025 (an annex: 县示范区管委会牵头工作(8项))."""
    plan = plan_of("一、省长负责的工作\n(三)省编办牵头的工作\n1.深化行政管理体制改革,优化政府机构设置。\n"
                   "2.积极稳妥地推进乡镇机构改革。\n协同单位:省财政厅、省人事厅。\n")
    assert [[(m.name, m.role) for m in t.units] for t in plan.tasks] == [
        [("省编办", "lead"), ("省财政厅", "cooperating"), ("省人事厅", "cooperating")]] * 2
    plan = plan_of("县政府办公室关于印发任务分解的通知\n各单位:\n现将任务分解印发给你们。\n附件:1.任务清单\n"
                   "2025年5月18日\n附件1\n2025年县政府工作报告任务清单\n一、县示范区管委会牵头工作(8项)\n"
                   "1.投资3000万元建设南美白对虾工厂化循环水养殖基地。\n2.打造食用菌酵素生产基地。\n")
    assert [(t.title, [(m.name, m.role) for m in t.units]) for t in plan.tasks][-2:] == [
        ("投资3000万元建设南美白对虾工厂化循环水养殖基地", [("县示范区管委会", "lead")]),
        ("打造食用菌酵素生产基地", [("县示范区管委会", "lead")])]
    # o06 婺城 2025: the heading has a paragraph of its own (its goal): it stays a task, its items share its lead
    plan = plan_of("一、强化科技创新(区科技局牵头)\n以迭代升级科技创新体系建设工程为牵引,加快培育发展新质生产力。2025年,"
                   "力争全社会研发投入强度达到2.95%。\n(一)加强科创平台效能建设。加快建设浙江光电子研究院,鼓励科研机构做好本地"
                   "科技成果转化。\n")
    assert [(t.number, [(m.name, m.role) for m in t.units]) for t in plan.tasks] == [
        ("一", [("区科技局", "lead")]), ("(一)", [("区科技局", "lead")])]


def test_names_cut_by_stray_spaces_and_second_names():
    """n02 新密市 2021 (市 财政局, 伏羲 山管委 会) and n07 许昌市 2020 (各县(市、区)政府(管委会))."""
    got = mentions_from_labels("责任单位: 市发展改革委、住建局, 各乡镇政府、街道办事处 、伏羲 山管委 会", 0)
    assert [m.name for m in got][-1] == "伏羲山管委会"
    assert [m.name for m in mentions_from_labels("责任单位:市 财政局", 0)] == ["市财政局"]
    got = mentions_from_labels("责任单位:市疫情防控指挥部办公室、市卫生健康委等,各县(市、区)政府(管委会)", 0)
    assert [(m.name, m.alias) for m in got][-1] == ("各县(市、区)政府", "管委会")


N06_TABLE = """序号
指标
工作任务
完成时限
责任领导
责任股室
(单位)
备注
1
公共文化服务
“两馆一站”免费开放服务人次较上年增长15%。
12月底前
夏俊贵
文化宣传股
2
全年组织开展文化下乡等惠民演出不少于100场。
文化宣传股
3
开展好“三下乡”活动。
4
文化产业
培育规模以上文化服务企业1家。
5
文化市场管理
开展专项整治行动4次以上,查办案件不少于5件。
执法大队
6
净化文化市场和网络文化环境抽查合格率达到92%以上。
"""

S06_TABLE = """区政府2024年重点工作目标任务分解落实方案
序号
|
项目
|
重点工作目标任务
|
牵头领导
|
责任单位
|
一、2024年全区经济社会发展主要预期目标
|
||||
1
|
主要预期目标
|
1.地区生产总值增长5%以上。
|
钱 宇
|
★区发改委、统计局
|
2.一般公共预算收入同口径增长6%以上。
|
★区财政局、税务局
|
|||
3.规上工业总产值增长5%左右。
|
|
★区工信局、统计局
|
||
"""


def test_a_column_that_groups_rows_is_their_section():
    """n06 略阳县 2019 (指标 | 工作任务, one cell per line) and s06 吴江区 2024 (项目 | 重点工作目标任务,
    cells closed by ``|``): each row is titled by its task, the group is its section."""
    plan = plan_of(N06_TABLE)
    assert [(t.title, t.section[-1]) for t in plan.tasks] == [
        ("“两馆一站”免费开放服务人次较上年增长15%", "公共文化服务"),
        ("全年组织开展文化下乡等惠民演出不少于100场", "公共文化服务"), ("开展好“三下乡”活动", "公共文化服务"),
        ("培育规模以上文化服务企业1家", "文化产业"), ("开展专项整治行动4次以上,查办案件不少于5件", "文化市场管理"),
        ("净化文化市场和网络文化环境抽查合格率达到92%以上", "文化市场管理")]
    plan = plan_of(S06_TABLE)
    assert {t.section[-1] for t in plan.tasks} == {"主要预期目标"}


def test_a_unit_cell_printed_once_serves_the_rows_below_it():
    """n06 略阳县 2019: 文化宣传股 printed on row 2 serves rows 3 and 4; 执法大队 on row 5 serves row 6."""
    plan = plan_of(N06_TABLE)
    assert [[m.name for m in t.units] for t in plan.tasks] == [
        ["文化宣传股"], ["文化宣传股"], ["文化宣传股"], ["文化宣传股"], ["执法大队"], ["执法大队"]]
    assert {m.role for t in plan.tasks for m in t.units} == {"responsible"}


def test_numbered_sub_items_with_units_of_their_own_are_tasks():
    """s06 吴江区 2024: one 项目 row holds 1.地区生产总值… ★区发改委、统计局 / 2.一般公共预算… ★区财政局…;
    each sub-item is a task with its own ★ lead (and a person column between them is no unit)."""
    plan = plan_of(S06_TABLE)
    assert [(t.title, [(m.name, m.role) for m in t.units]) for t in plan.tasks] == [
        ("地区生产总值增长5%以上", [("区发改委", "lead"), ("统计局", "cooperating")]),
        ("一般公共预算收入同口径增长6%以上", [("区财政局", "lead"), ("税务局", "cooperating")]),
        ("规上工业总产值增长5%左右", [("区工信局", "lead"), ("统计局", "cooperating")])]
    one_cell = "\n".join(ln for ln in S06_TABLE.splitlines() if ln.strip("|"))  # the same rows without pipes
    assert len(plan_of(one_cell).tasks) == 3


def test_items_numbered_with_a_full_stop():
    """r03 成都市 2021 (1。推动轨道交通…(牵头单位:市住建局)) and t06 天津市 2020 (1。…(市政府各部门分别负责))."""
    plan = plan_of("一、交通出行\n\n  1。推动轨道交通加速成网。(牵头单位:市住建局)\n\n"
                   "  2。建成东西城市轴线东安新城段。(牵头单位:市住建局、市交通运输局)\n")
    assert [(t.number, t.title, [m.name for m in t.units]) for t in plan.tasks] == [
        ("1", "推动轨道交通加速成网", ["市住建局"]), ("2", "建成东西城市轴线东安新城段", ["市住建局", "市交通运输局"])]
    plan = plan_of("总体要求和主要预期目标\n\n  1。完成年度城镇新增就业人数目标任务。(市人社局负责)\n\n"
                   "  2。力争居民消费价格涨幅在年度目标以内。(市发展改革委负责)\n")
    assert [t.number for t in plan.tasks] == ["1", "2"]


def test_every_locality_is_a_collective_unit():
    """r02 广东省 2021 (部门分工:省发展改革委牵头,各地、各部门配合): 各地 is a unit as 各镇 and 各区 are;
    a place that is not a unit stays out (地方, 各地区 keeps its own reading)."""
    got = mentions_from_prose("省发展改革委牵头,各地、各部门配合。", 0)
    assert roles(got) == [("省发展改革委", "lead"), ("各地", "cooperating"), ("各部门", "cooperating")]
    assert is_unit_list("各地、各部门") and not is_unit_list("各地、各方面")


def test_progress_paragraphs_state_records_not_targets():
    """t03 安顺市 2019 (a report on the year's tasks: 此项工作已完成。截至2019年12月底,全市完成…): the task's
    own targets are kept, the figures of the progress paragraph are not."""
    from graph.pipeline import is_past_figure

    text = ("1.减少农村扶贫对象6.76万人(责任单位:市扶贫办,各县区)\n此项工作已完成。截至2019年12月底,"
            "全市完成减少农村扶贫对象7.497万人,其中:西秀区完成6962人。\n"
            "截至2019年12月底,全市争取省下达农村饮水安全问题项目建设补助资金5129.97万元。\n")
    kept = [i.value for i in extract_indicators(text) if not is_past_figure(i, 2019, text)]
    assert kept == [6.76]


B03_PIPED = """序号 |
牵头单位 |
区民生实事项目数量 |
项目名称 |
业主单位 |
本月进展情况 |
||
前期手续 |
在建形象进度 |
||||||
一 |
区住建局 |
区政府民生实事项目(1个) |
(一)“打通断头路 畅通微循环”攻坚专项行动(6条路) |
1.文化中心北路 |
区城投 |
已完工 |
|
2.乐业路 |
区城管局 |
已完工 |
|||||
二 |
区城管局 |
区政府民生实事项目(3个) |
(一)城区居民户内燃气安全装置、非居瓶改管、气改电项目 |
区城管局 |
已完工 |
||
(三)井盖整治项目 |
区城管局 区水投 |
已完工 |
|||||
"""


def test_a_web_table_copied_cell_by_cell_with_pipes():
    """b03 南昌新建区 2024 (``cell |`` per line, ``||`` ending a row, merged 牵头单位 cells printed once)
    and s06 吴江区 2024 (``|`` on a line of its own after each cell): rows end at the lines of pipes,
    a row lacking cells takes the merged ones (its lead) from the row above, a heading and the first
    item under it in one cell give the item as the task."""
    plan = plan_of(B03_PIPED)
    assert [(t.title, [m.name for m in t.units if m.role == "lead"]) for t in plan.tasks] == [
        ("文化中心北路", ["区住建局"]), ("乐业路", ["区住建局"]),
        ("城区居民户内燃气安全装置、非居瓶改管、气改电项目", ["区城管局"]), ("井盖整治项目", ["区城管局"])]
    assert [(m.name, m.role) for m in plan.tasks[1].units] == [("区住建局", "lead"), ("区城管局", "cooperating")]
    assert [(m.name, m.role) for m in plan.tasks[2].units] == [("区城管局", "lead")]  # owner = lead: once
    plan = plan_of(S06_TABLE)
    assert [t.section[-1] for t in plan.tasks] == ["主要预期目标"] * 3


def test_a_target_column_is_the_task_when_no_column_names_it():
    """s03 沙坪坝区 2022 (附件1: 序号 | 2022年预期目标 | 责任单位, one cell per line): each target is a task
    of its responsible unit, and still a target."""
    plan = plan_of("附件1\n\n2022年区政府工作报告经济社会发展预期目标任务分解表\n\n序号\n\n2022年预期目标\n\n责任单位\n\n"
                   "1\n\n地区生产总值增长5.5%左右\n\n区发展改革委\n\n2\n\n固定资产投资增长6%左右\n\n区发展改革委\n\n"
                   "3\n\n工业增加值增长7%左右\n\n区经济信息委\n")
    assert [(t.title, [(m.name, m.role) for m in t.units]) for t in plan.tasks] == [
        ("地区生产总值增长5.5%左右", [("区发展改革委", "responsible")]),
        ("固定资产投资增长6%左右", [("区发展改革委", "responsible")]),
        ("工业增加值增长7%左右", [("区经济信息委", "responsible")])]
    assert [i.value for i in extract_indicators(plan.tasks[0].text)] == [5.5]


def test_an_indicator_table_gives_one_task_per_indicator(tmp_path):
    """d01 广州市 2023 (附件1 web table: 一级指标 | 二级指标 | 评价标准 | 指标含义 | 数据来源): no unit column,
    each 二级指标 is a task with the targets of its 评价标准; the 一级指标 groups rows."""
    from graph.ingest import read_document
    from tests.fixtures import GOV_PAGE

    rows = [("一级指标", "二级指标", "评价标准", "指标含义", "数据来源"),
            ("签约数量指标", "1.重点人群签约服务覆盖率", "较上一年增加。2023年达到80%，力争2035年达到95%。",
             "重点人群签约服务覆盖率=该区签约家庭医生服务的重点人群数/辖区内重点人群总数×100%", "国家统计年报"),
            ("签约数量指标", "2.签约服务覆盖率", "每年增加1-3个百分点。2035年达到75%。",
             "家庭医生签约服务覆盖率=签约居民人数/辖区内常住人口数×100%", "国家统计年报")]
    table = "<table>" + "".join("<tr>" + "".join(f"<td>{c}</td>" for c in r) + "</tr>" for r in rows) + "</table>"
    path = tmp_path / "d01.html"
    path.write_text(GOV_PAGE.format(charset="utf-8", title="指标体系", body="<p>附件1</p>" + table), encoding="utf-8")
    plan = parse_plan(read_document(path))
    assert [t.title for t in plan.tasks] == ["重点人群签约服务覆盖率", "签约服务覆盖率"]
    assert [i.value for i in extract_indicators(plan.tasks[0].text)] == [80, 95]


def test_a_numbered_sentence_is_an_item_even_with_nothing_after_it():
    """s05 静安区 2020 ((一)实现全年区级一般公共预算收入同比增长1%。 one sentence, no units) beside
    section names without a full stop ((一)指导思想), which stay sections."""
    plan = plan_of("二、推动区域经济高质量发展\n(一)实现全年区级一般公共预算收入同比增长1%。"
                   "(二)实现年度社会消费品零售总额达到800亿元人民币。\n")
    assert [t.title for t in plan.tasks] == ["实现全年区级一般公共预算收入同比增长1%", "实现年度社会消费品零售总额达到800亿元人民币"]
    plan = plan_of("一、总体要求\n(一)指导思想\n以习近平新时代中国特色社会主义思想为指导。\n(二)工作目标\n")
    assert [t.title for t in plan.tasks] == ["指导思想"]


def test_a_group_company_named_after_its_bureau_stays_one_name():
    """r04 内蒙古 2023 (中国铁路呼和浩特局集团有限公司: a bureau's name, then 集团有限公司) beside names that
    do run together (s13 渝中区 style 区发改局区住建局)."""
    got = mentions_from_list("自治区发展改革委、财政厅,中国铁路呼和浩特局集团有限公司,四市人民政府", 0, "responsible", "listed")
    assert [m.name for m in got] == ["自治区发展改革委", "财政厅", "中国铁路呼和浩特局集团有限公司", "四市人民政府"]
    assert [m.name for m in mentions_from_list("区发改局区住建局", 0)] == ["区发改局", "区住建局"]


def test_deadline_cells_are_dates_not_names_that_start_with_a_year():
    """b04 洋县 2024 (建設時間 ``2024`` beside the project ``2024年農村公路生命安全防護工程``) and n06 略阳县
    2019 (完成时限 ``12月底前``, ``5月底``)."""
    from graph.structure.tables import cell_kind

    assert [cell_kind(c) for c in ("2024", "12月底前", "5月底", "2024年12月底前")] == ["deadline"] * 4
    assert cell_kind("2024年农村公路生命安全防护工程") == "text"
    assert cell_kind("2024年老旧小区改造项目") != "deadline"


def test_a_document_that_says_its_responsible_units_lead():
    """武汉市 2023 (牽頭單位(無牽頭單位的,責任單位即為牽頭單位,下同), page found with the search tool) and
    n10 大兴区 2023 (各主要责任单位要充分发挥牵头抓总作用): where a task names no lead, its responsible
    units lead; a task that names its lead keeps it."""
    notice = "特別是牽頭單位(無牽頭單位的,責任單位即為牽頭單位,下同)要統籌相關責任單位制訂辦理方案。\n"
    assert says_responsible_leads(traditional.simplified_reading(notice).text)  # read as the pipeline does
    assert says_responsible_leads("各主要责任单位要充分发挥牵头抓总作用,高效完成各项重要工作。")
    assert not says_responsible_leads("各责任单位要高度重视,认真抓好落实。牵头单位要加强统筹。")
    plan = plan_of("各主要责任单位要充分发挥牵头抓总作用,高效完成各项重要工作。\n"
                   "1.地区生产总值比上年增长4.5%以上。\n  主要责任单位:区发展改革委\n"
                   "2.一般公共预算收入增长5%。\n  牵头单位:区财政局\n  责任单位:区税务局\n")
    assert [[(m.name, m.role) for m in t.units] for t in plan.tasks] == [
        [("区发展改革委", "lead")], [("区财政局", "lead"), ("区税务局", "cooperating")]]


def test_outline_numbers_are_headings_and_figures_are_not():
    """Outline numbering 1.1 / 1.2 (a 文库 copy of a 工作方案: ``1.1政策背景`` ``1.2現實需求``, no space) and
    ``1.1 推进…`` items with their units; a line opening with a figure (1.5万亩, 3.5%以内) is no heading."""
    from graph.structure.lines import Line, match_heading

    def heading(text: str):
        return match_heading(Line(0, 0, len(text), text, text))

    assert (heading("1.1政策背景").number, heading("1.1政策背景").title) == ("1.1", "政策背景")
    assert heading("2.3問題成因分析").value == 3
    assert heading("1.5万亩高标准农田") is None and heading("3.5%以内") is None
    plan = plan_of("一、重点任务\n1.加快数字基础设施建设\n1.1 推进5G网络建设。(牵头单位:市工信局;配合单位:市通信管理办)\n"
                   "1.2 建设城市大数据中心。(牵头单位:市大数据局)\n")
    assert [(t.number, [m.name for m in t.units]) for t in plan.tasks] == [
        ("1.1", ["市工信局", "市通信管理办"]), ("1.2", ["市大数据局"])]


def test_counts_of_the_units_that_carry_the_plan_are_not_targets():
    """n01 沁县 2025 (涉及34个牵头单位, 涉及10个责任单位) and b03 新建区 2024 (共7个牵头单位): how many
    units carry the plan says who works, not what is to be reached; a count of projects stays."""
    assert [i.value for i in extract_indicators("涉及34个牵头单位;涉及10个责任单位")] == []
    assert [i.value for i in extract_indicators("民生实事项目共10个,共7个牵头单位(区住建局、区城管局)")] == [10]


def test_districts_and_counties_named_in_full_are_units():
    """v01 长沙 2012 (商务局、高新区、岳麓区、望城区: 望城区 ends like a place, 城区) and n08 海东 2020
    (海东市、兰州市、临夏州发展改革部门): divisions of the national gazetteer named in a unit list are
    units, while a bare place word stays none."""
    from graph.units import is_division, unit_shape

    assert is_unit_list("市直相关单位、高新区、岳麓区、望城区")
    assert [m.name for m in mentions_from_labels("责任单位:海东市、兰州市、临夏州发展改革部门", 0)] == [
        "海东市", "兰州市", "临夏州发展改革部门"]
    assert is_division("望城区") and is_division("海东市") and unit_shape("望城区") == 2
    assert unit_shape("城区") == 0 and unit_shape("主城区") == 0 and unit_shape("中心城区") == 0
    assert not is_division("先导区")


def test_a_role_word_and_an_activity_before_the_noun_make_a_label():
    """w05 包头 2022 (考评办法: ``(5月底完成,牵头考核单位:市审批服务局)``, and a list of two,
    ``(持续优化,牵头考核单位:市住建局、审批服务局)``): 牵头考核单位 names the lead; only one real
    document of the wording was found."""
    got = mentions_from_prose("(5月底取得明显成效并持续推进,牵头考核单位:市审批服务局)", 0)
    got = got or mentions_from_labels("(5月底取得明显成效并持续推进,牵头考核单位:市审批服务局)", 0)
    assert roles(got) == [("市审批服务局", "lead")]
    plan = plan_of("包头市2022年数字政府建设考评指标\n一、政务服务\"一网通办\"(25分)\n(一)线上进一网(2分)\n"
                   "8.深化工程建设项目审批制度改革。(持续优化,牵头考核单位:市住建局、审批服务局)\n"
                   "9.完善模式,各级大厅综合一窗率达90%以上。(3月底取得阶段性成效并持续推进,牵头考核单位:市审批服务局)\n")
    assert [roles(t.units) for t in plan.tasks if t.units] == [
        [("市住建局", "lead"), ("审批服务局", "lead")], [("市审批服务局", "lead")]]


def test_the_pair_of_nouns_after_deng_is_one_phrase():
    """x01 北仑 2024 (``区公共项目建设管理中心、区国有资产管理中心等部门、单位``, and the same
    phrase before a collective, ``区城市建设投资集团有限公司等部门、单位,大碶街道``) beside the
    wording ``等国务院相关部门和单位`` (d04): the unnamed others add no unit and cost no name."""
    assert is_unit_list("区公共项目建设管理中心、区国有资产管理中心等部门、单位")
    assert [m.name for m in mentions_from_list("区公共项目建设管理中心、区国有资产管理中心等部门、单位", 0)] == [
        "区公共项目建设管理中心", "区国有资产管理中心"]
    assert [m.name for m in mentions_from_list("区城市建设投资集团有限公司等部门、单位,大碶街道", 0)] == [
        "区城市建设投资集团有限公司", "大碶街道"]
    assert [m.name for m in mentions_from_list("住房城乡建设部等国务院相关部门和单位", 0)] == ["住房城乡建设部"]


def test_a_tortoise_shell_bracket_opens_a_note_of_units():
    """w04 玉林 2024 (``〔市生态环境局、发展改革委…等按职责分工负责。责任单位:各县(市、区)人民政府…〕``)
    and the round bracket of the same wording (u03 河南, ``(省发展改革委、省财政厅…等相关部门按职责分工负责)``):
    the list starts after the bracket, whatever its shape."""
    got = mentions_from_prose("〔市生态环境局、发展改革委、工业和信息化局、水利局、自然资源局等按职责分工负责。〕", 0)
    assert [m.name for m in got] == ["市生态环境局", "发展改革委", "工业和信息化局", "水利局", "自然资源局"]
    got = mentions_from_prose("(省发展改革委、省财政厅等相关部门按职责分工负责)", 0)
    assert [m.name for m in got] == ["省发展改革委", "省财政厅"]


def test_an_item_weight_in_an_assessment_scheme_is_no_target():
    """w05 包头 2022 (a section's weight, ``(八)强化全流程监管(0.5分)``, and an item's, printed before its
    deadline, ``…集中高效办理。(0.5分)(5月底取得阶段性成效…)``): a score in a bracket of its own is
    the item's weight; a score the task must reach stays a target."""
    assert extract_indicators("(八)强化全流程监管(0.5分)") == []
    assert extract_indicators("持续加大各类高频事项在一体化平台的集中高效办理。(0.5分)(5月底取得阶段性成效并持续推进)") == []
    kept = extract_indicators("各级大厅综合一窗率达90%以上(1分),群众满意度评价达到95分以上。")
    assert [(i.value, i.unit) for i in kept] == [(90.0, "%"), (95.0, "分")]


def test_a_list_of_role_verbs_cut_by_the_end_of_the_excerpt():
    """s10 湖南 2019 (a bracket cut before it closes, ``…(分管副省长、协管副秘书长负责,省发展改革委牵头,
    省工业和信息化厅、省``) and v06 福建 2015 (a label cut after its list, ``责任单位:省发改委牵头,
    省海洋渔业厅、财政厅、经信委、``): the units named after the lead cooperate; a name the cut
    left half printed is none."""
    plan = plan_of("一、总体要求\n主要预期目标:经济增长7.5%—8%;万元GDP能耗下降2.5%(分管副省长、协管副秘书长负责,"
                   "省发展改革委牵头,省工业和信息化厅、省")
    assert [roles(t.units) for t in plan.tasks] == [[("省发展改革委", "lead"), ("省工业和信息化厅", "cooperating")]]
    got = mentions_from_labels("责任单位:省发改委牵头,省海洋渔业厅、财政厅、经信委、", 0)
    assert roles(got) == [("省发改委", "lead"), ("省海洋渔业厅", "cooperating"), ("财政厅", "cooperating"),
                          ("经信委", "cooperating")]


def test_a_plain_list_cut_by_the_end_of_the_excerpt():
    """n05 咸阳 2022 (繁體, ``…確保無縫銜接。(市政府辦公室、市`` at the page's end; the only real plain
    list cut so in the sets, with the role-verb wordings above as its kin) and, written for the
    test, the cut falling after a whole name: the names printed whole are the item's units; the
    half-printed one is none."""
    plan = plan_of("一、堅持系統集成\n2.持續深化相對集中行政許可權改革。明晰審管邊界、確保無縫銜接。(市政府辦公室、市")
    assert [roles(t.units) for t in plan.tasks if t.units] == [[("市政府辦公室", "responsible")]]
    plan = plan_of("一、重点工作\n1.稳定经济增长。(省发展改革委、省财政厅")
    assert [roles(t.units) for t in plan.tasks if t.units] == [[("省发展改革委", "responsible"), ("省财政厅", "responsible")]]


def test_a_name_s_bracket_inside_a_list_cut_by_the_end_of_the_excerpt():
    """d91 辽宁 2025 (``…等重大项目。〔省委军民融合办、…、省数据局(省营商局)`` at the page's end: the
    alias's bracket closes inside the list's) and i22 武汉 2022 (``(牵头单位:市发改委;责任单位:各区人民政府
    〈含开发区、`` : the name's own note cut too): the list the end cuts is read whole, its names'
    brackets with it; a note the cut leaves open is dropped; a list cut inside 牵头 leads (f63 辽宁
    2026, the kin of d91)."""
    plan = plan_of("一、重点工作\n二、加快推进重大项目建设。〔省委军民融合办、省发展改革委、省水利厅、省数据局(省营商局)")
    assert [roles(t.units) for t in plan.tasks if t.units] == [[
        ("省委军民融合办", "responsible"), ("省发展改革委", "responsible"), ("省水利厅", "responsible"),
        ("省数据局", "responsible")]]
    plan = plan_of("一、经济社会发展主要预期目标\n(一)地区生产总值增长7.5%。(牵头单位:市发改委;责任单位:各区人民政府〈含开发区、")
    assert [roles(t.units) for t in plan.tasks if t.units] == [[("市发改委", "lead"), ("各区人民政府", "cooperating")]]
    plan = plan_of("一、重点工作\n四、全面梳理整合、及时完善各项惠企政策。〔省发展改革委、省数据局(省营商局)等牵")
    assert [roles(t.units) for t in plan.tasks if t.units] == [[("省发展改革委", "lead"), ("省数据局", "lead")]]


def test_a_place_s_own_department_is_one_name():
    """n91 银川 2019 (``(责任单位:银川市市场监督管理局、工业和信息化局等)``) and a 广州 news page's list
    (``广州市民族宗教局、广州市市场监督管理局、广州市公安局``): a city's name before its 市场监督管理局 is
    not a unit of its own; names run together are still cut (``区发改局区住建局``)."""
    assert [r.name for r in split_raw("银川市市场监督管理局、工业和信息化局等", 0)] == ["银川市市场监督管理局", "工业和信息化局"]
    assert [r.name for r in split_raw("广州市民族宗教局、广州市市场监督管理局、广州市公安局", 0)] == [
        "广州市民族宗教局", "广州市市场监督管理局", "广州市公安局"]
    assert [r.name for r in split_raw("区发改局区住建局", 0)] == ["区发改局", "区住建局"]


def test_a_list_cut_by_the_end_after_other_brackets_of_its_item():
    """n91 银川 2019 (``…(牵头单位:银川市市场监督管理局,责任单位:各县(市)区人民政府等)贯彻落实…(责任单位:
    银川市住房和城乡建设局、市场监督管理局`` at the page's end) and o73 松江 2024 (sentences each with a
    bracket, the last ``…(区发展改革委、区经委、区市场监管局、区政府`` cut): the cut bracket's names are
    read though the item's earlier brackets named units (an earlier bracket's lead is not theirs)."""
    plan = plan_of("二、工作任务\n(二)加强电梯隐患排查治理。探索建立评估机制。(牵头单位:银川市市场监督管理局,责任单位:"
                   "各县(市)区人民政府等)推进老旧住宅电梯更新改造大修工作。(责任单位:银川市住房和城乡建设局、市场监督管理局")
    assert [m.name for m in plan.tasks[-1].units] == ["银川市市场监督管理局", "各县(市)区人民政府", "银川市住房和城乡建设局",
                                                      "市场监督管理局"]
    plan = plan_of("一、重点工作\n2.做好重大项目建设计划的公开(区发展改革委、区重大办)。做好民营经济政策措施公开"
                   "(区发展改革委、区经委、区市场监管局、区政府")
    assert [m.name for m in plan.tasks[-1].units] == ["区发展改革委", "区重大办", "区经委", "区市场监管局", "区政府"]


def test_a_plan_s_region_from_the_places_it_names_at_its_units_level():
    """f62 辽宁 2012 (a covering notice to ``各市人民政府,省政府各厅委`` that names its province only in the
    title it divides, ``《辽宁省国民经济和社会发展第十二个五年规划纲要》``, under units ``省发展改革委``) and g64
    武汉 2007 (a page of items whose only place is in a title they cite, ``出台《武汉市解决进城农民工住房的若干
    政策意见》``, under units ``市房产局``): with no region above the body, the division the places name at the
    level the units are named at is the plan's; two named as often give none."""
    plan = plan_of("各市人民政府,省政府各厅委、各直属机构:\n《辽宁省国民经济和社会发展第十二个五年规划纲要》业经省第十一届"
                   "人大四次会议审议批准。\n一、主要目标\n1.地区生产总值年均增长11%。(省发展改革委、省统计局负责)\n"
                   "2.城镇居民人均可支配收入年均增长10%。(省人力资源社会保障厅、省统计局负责)\n")
    assert plan.meta.region == "辽宁省"
    plan = plan_of("(九)继续扩大住房公积金制度覆盖面,提高住房公积金使用率。\n责任单位:市房改资金管理中心。\n(十)2007年,"
                   "调查研究进城务工人员住房情况,出台《武汉市解决进城农民工住房的若干政策意见》。\n责任单位:市房产局、市财政局。\n")
    assert (plan.meta.region, plan.meta.parent_region) == ("武汉市", "湖北省")
    plan = plan_of("(九)学习借鉴《杭州市住房公积金管理办法》和《宁波市住房公积金管理办法》。\n责任单位:市房改资金管理中心。\n"
                   "(十)推进改革。\n责任单位:市房产局、市财政局。\n")
    assert plan.meta.region == ""


def test_military_subdistricts_are_units():
    """i11 绍兴's 森林火灾 预案 (``(12)绍兴军分区:指挥、督促各县(市、区)人武部…``, a member's duty line) and a
    苏州 防台 预案's rescue group (``由苏州军分区、武警苏州支队、公安局、生态环境局…组成``): a 军分区 (警备区)
    is a unit, as 人武部 and 支队 are (ontology/unit_shapes.json)."""
    plan = plan_of("(二)成员单位职责\n(11)市卫生局:负责组织医务人员赴现场抢救伤员。\n"
                   "(12)绍兴军分区:指挥、督促各县(市、区)人武部、民兵预备役部队参加森林消防培训及火灾扑救工作。\n")
    assert [roles(t.units) for t in plan.tasks] == [[("市卫生局", "responsible")], [("绍兴军分区", "responsible")]]
    assert [m.name for m in mentions_from_list("苏州军分区、武警苏州支队、公安局、生态环境局", 0)] == [
        "苏州军分区", "武警苏州支队", "公安局", "生态环境局"]


def test_three_level_outline_numbers_of_emergency_plans():
    """m11 铜梁's 自然灾害救助 预案 (``2.6.1县救灾办:协助县政府…``, each member's duties under an outline number
    of three levels) and k13 a city's 公共卫生 预案 (``2.1.2 成员单位职责`` heading its ``(1)市委宣传部:…`` items):
    ``N.N.N`` numbers items and headings as ``N.N`` does, below it; a figure (``1.2.3万元``) is none."""
    plan = plan_of("2.6县自然灾害应急救助指挥部成员单位救助工作职责\n2.6.1县救灾办:协助县政府做好特、重大自然灾害的信息收集、"
                   "上报、情况通报和应急处置工作。\n2.6.2县民政局:负责调查核实灾区居民房屋损失及灾民生活困难情况。\n")
    assert [(t.number, roles(t.units)) for t in plan.tasks] == [("2.6.1", [("县救灾办", "responsible")]),
                                                                ("2.6.2", [("县民政局", "responsible")])]
    plan = plan_of("2.1.2 成员单位职责\n(1)市委宣传部:负责把握好突发事件应急处理工作的正确舆论导向和宣传报道。\n"
                   "(2)市发展和改革局:负责组织和管理粮食储备。\n")
    assert [(t.section, roles(t.units)) for t in plan.tasks] == [
        (("2.1.2成员单位职责",), [("市委宣传部", "responsible")]), (("2.1.2成员单位职责",), [("市发展和改革局", "responsible")])]
    assert match_heading(Line(0, 0, 6, "1.2.3万元", "1.2.3万元")) is None


def test_a_labelled_list_closed_by_its_verb():
    """k93 西平 2020 (``责任单位:县政府办公室、县司法局、各有关部门,乡镇人民政府按职责分工分别负责。``) and
    a82 临夏 (``责任单位:州政务服务中心,各县市人民政府、州直相关行业部门按职责分工负责``): the verb closes
    the list, its last name is a unit like the others; a collective of departments does not join
    the level word after it into one name."""
    got = mentions_from_labels("责任单位:县政府办公室、县司法局、各有关部门,乡镇人民政府按职责分工分别负责。", 0)
    assert roles(got) == [("县政府办公室", "responsible"), ("县司法局", "responsible"), ("各有关部门", "responsible"),
                          ("乡镇人民政府", "responsible")]
    got = mentions_from_labels("责任单位:州政务服务中心,各县市人民政府、州直相关行业部门按职责分工负责。", 0)
    assert roles(got) == [("州政务服务中心", "responsible"), ("各县市人民政府", "responsible"),
                          ("州直相关行业部门", "responsible")]


def test_short_names_of_state_owned_investment_companies_are_units():
    """b03 新建区 2024 (业主单位 cells ``区城投`` and ``区城管局 区水投``): 城投, 水投 and their kin
    (ontology/unit_shapes.json) end unit names; one only inside a name stays no unit of its own."""
    assert is_unit_list("区城投") and is_unit_list("区城管局 区水投")
    assert [m.name for m in mentions_from_list("区城管局 区水投", 0)] == ["区城管局", "区水投"]
    assert not is_unit_list("推进城投公司转型")


def test_titles_that_end_with_a_breakdown_and_the_goal_paragraph_below_them():
    """s02 湖北 2018 (繁體, ``《政府工作報告》重點工作責任分解`` then ``2018年的主要預期目標是:…``) and
    s11 长兴 2023 (``2023年政府工作报告重点工作责任分解`` above its items): 分解 / 分工 end a plan's
    title like 方案 does, and the stated goals under the title are a task of their own."""
    plan = plan_of("經省人民政府同意,現將工作任務進行責任分解。\n2018年1月29日\n《政府工作報告》重點工作責任分解\n"
                   "2018年的主要預期目標是:地區生產總值增長7.5%;城鎮新增就業70萬人。\n一、堅決打好三大攻堅戰\n"
                   "1、規范政府舉債行為。牽頭單位:省財政廳;責任單位:省發改委\n")
    assert plan.meta.title == "《政府工作報告》重點工作責任分解"
    assert plan.tasks[0].title.startswith("2018年的主要預期目標") and "7.5%" in plan.tasks[0].text
    plan = plan_of("2023年政府工作报告重点工作责任分解\n\n一、朱伟县长牵头重点工作\n\n"
                   "1.财政总收入和一般公共预算收入与经济增长基本同步。\n\n责任单位:县财政局。\n")
    assert plan.meta.title == "2023年政府工作报告重点工作责任分解"


def test_an_annex_opened_by_its_label_and_a_colon_lists_the_tasks():
    """h01 连云港 2023 (a notice, then ``附件:`` on its own line, the list's title and its numbered items
    with bracketed labels) and b04 洋县 2024 (``附件:`` on its own line before the list's table):
    the annex line, colon and all, ends the notice and opens the list."""
    h01 = ("关于征集对2023年连云港市民生实事项目\n实施情况专题询问意见建议的通告\n现向社会各界征集意见。"
           "一、征集意见和建议的主要内容\n1. 您比较关注哪些方面的民生问题?\n二、征集意见和建议的时间\n即日起至8月5日\n"
           "市人大社会建设委员会\n2023年7月24日\n附件:\n2023年连云港市民生实事项目\n一、教育惠民领域\n"
           "1. 新建中小学15所、改扩建8所。(牵头单位:市教育局;共同责任单位:市发改委、市财政局,各县区、功能板块)\n"
           "2. 完成全市义务教育学校灯光照明改造。(牵头单位:市教育局;共同责任单位:各县区、功能板块)\n")
    tasks = [t for t in plan_of(h01).tasks if t.units]
    assert [(t.title, roles(t.units)) for t in tasks] == [
        ("新建中小学15所、改扩建8所", [("市教育局", "lead"), ("市发改委", "cooperating"), ("市财政局", "cooperating"),
                                    ("各县区、功能板块", "cooperating")]),
        ("完成全市义务教育学校灯光照明改造", [("市教育局", "lead"), ("各县区、功能板块", "cooperating")])]
    b04 = "县政府办公室\n2024年3月1日\n附件:\n|\n洋縣2024年十大民生實事項目清單 |\n"
    assert any(ln.strip() == "附件:" for ln in b04.splitlines())
    from graph.structure.items import ANNEX_LINE
    assert ANNEX_LINE.match("附件:") and ANNEX_LINE.match("附件2") and not ANNEX_LINE.match("附件:2023年民生实事目标任务分解表")


def test_a_title_or_caption_broken_over_lines_is_no_table_header():
    """g03 立山 2023 (the plan's title over two lines, ``立山区政府2023年重点工作`` / ``任务分解和责任分工方案``,
    then labelled items) and g06 大竹 2016 (the caption ``2016年民生实事目标任务分解表`` above the header
    ``序号 / 民生实事 / 责任单位 / 完成时限``): neither line is a header cell."""
    g03 = ("立山区政府2023年重点工作\n\n任务分解和责任分工方案\n\n为全面贯彻落实党的二十大精神,制定分工方案如下。\n\n"
           "一、经济社会发展的主要预期目标\n\n1.努力实现地区生产总值增长6.2%左右。\n\n牵头单位:区发改局\n\n"
           "责任单位:立山经济开发区,全区经济运行各专班\n\n2.规模上工业增加值增长5%左右。\n\n牵头单位:区工信局\n\n"
           "责任单位:立山经济开发区\n\n")
    tasks = plan_of(g03).tasks
    assert [(t.title, roles(t.units)[:2]) for t in tasks] == [
        ("努力实现地区生产总值增长6.2%左右", [("区发改局", "lead"), ("立山经济开发区", "cooperating")]),
        ("规模上工业增加值增长5%左右", [("区工信局", "lead"), ("立山经济开发区", "cooperating")])]
    g06 = ("附件\n\n2016年民生实事目标任务分解表\n\n序号\n\n民生实事\n\n责任单位\n\n完成时限\n\n1\n\n"
           "启动建设东柳河城区段综合治理工程和东湖湿地公园。\n\n县水务局\n\n县住建局\n\n县护城河指挥部\n\n12月底前\n\n2\n\n"
           "新建2座人行天桥。\n\n县住建局\n\n9月投入使用\n\n")
    tasks = plan_of(g06).tasks
    assert [(t.title, roles(t.units)) for t in tasks] == [
        ("启动建设东柳河城区段综合治理工程和东湖湿地公园", [("县水务局", "responsible"), ("县住建局", "responsible"),
                                               ("县护城河指挥部", "responsible")]),
        ("新建2座人行天桥", [("县住建局", "responsible")])]
    from graph.structure.tables import column_kind
    assert column_kind("2016年民生实事目标任务分解表") is None and column_kind("任务分解和责任分工方案") is None
    assert column_kind("民生实事") == "name" and column_kind("责任人代表") == "ignore"  # 代表: a person


def test_data_providing_units_cooperate_with_the_lead():
    """f05 成都 2022 (``(牵头单位:市发改委;数据提供单位:市统计局)``, and with a 责任单位 between them,
    ``(牵头单位:市农业农村局;责任单位:市公园城市局;数据提供单位:市统计局)``): the unit that provides the
    figures of a target cooperates with its lead, as a 责任单位 beside it does; alone it is responsible (d38
    阿拉善右旗 2023, a 十四五 纲要 分工方案 ``1.地区生产总值增长7%`` / ``数据提供单位:旗统计局``)."""
    got = mentions_from_labels("牵头单位:市发改委;数据提供单位:市统计局", 0)
    assert roles(got) == [("市发改委", "lead"), ("市统计局", "cooperating")]
    got = mentions_from_labels("牵头单位:市农业农村局;责任单位:市公园城市局;数据提供单位:成都调查队", 0)
    assert roles(got) == [("市农业农村局", "lead"), ("市公园城市局", "cooperating"), ("成都调查队", "cooperating")]
    plan = plan_of("一、主要指标\n(一)经济发展\n1.地区生产总值增长7%\n数据提供单位:旗统计局\n"
                   "2.全员劳动生产率增长5.2%\n数据提供单位:旗统计局\n")
    assert [roles(t.units) for t in plan.tasks] == [[("旗统计局", "responsible")]] * 2


def test_a_block_of_labels_after_several_items_names_the_units_of_them_all():
    """h05 深圳 2008 (``主办:…。协办:…。`` on its own line after items (二)(三)(四), a page excerpt that
    starts below their heading) and n04 山西 2008 (``协同单位:…`` on its own line after items 1. 2. of a
    heading that names their lead): every item of the group takes the units; an item with units of its
    own keeps them. (Measures (1)…(4) of a title-only item fold into the item instead: see
    test_measures_closed_by_one_label_block_fold_into_their_item.)"""
    h05 = ("(二)推进“公园之城”建设。至2010年每年完成30个社区公园建设任务。\n"
           "(三)实施生态风景林建设工程。用3年时间,依法全面取缔非农业用地上的种养殖场。\n"
           "(四)保持和发展植物多样性。推广种植生长快、绿化效果好的乡土树种花木。\n"
           "主办:各区人民政府、市光明新区管委会和市城管局、农林渔业局。协办:市发展改革局、建设局、规划局。\n"
           "二、开展街景美化和户外广告整治行动\n"
           "(五)深入开展街景整治与营造工作。每年至少完成1条城市主、次干道沿线的建筑物改造。\n"
           "主办:各区人民政府、市光明新区管委会。协办:市城管局和市国土房产局、规划局。\n")
    tasks = plan_of(h05).tasks
    assert [(t.number, roles(t.units)[0]) for t in tasks] == [
        ("(二)", ("各区人民政府", "lead")), ("(三)", ("各区人民政府", "lead")), ("(四)", ("各区人民政府", "lead")),
        ("(五)", ("各区人民政府", "lead"))]
    assert [m.name for m in tasks[3].units if m.role == "cooperating"] == ["市城管局", "市国土房产局", "规划局"]
    n04 = ("(三)省编办牵头的工作\n1.深化行政管理体制改革,优化政府机构设置。\n2.积极稳妥地推进乡镇机构改革。\n"
           "协同单位:省财政厅、省人事厅、省农业厅等省直有关部门和各市人民政府。\n")
    tasks = plan_of(n04).tasks
    assert [t.number for t in tasks] == ["1", "2"]
    assert all(roles(t.units)[:2] == [("省编办", "lead"), ("省财政厅", "cooperating")] for t in tasks)


def test_paragraphs_that_end_with_their_units_under_a_title_only_heading():
    """k07 长春 2012 (a 十二五 纲要's division: ``(一)约束性指标`` then paragraphs ``耕地保有量保持在2000.9万亩。
    (市国土局牵头)`` and ``…(市水利局、市发展改革委、市工信局、市市政公用局等部门按职责分工负责)``): each
    paragraph is a task; p01 天津 2006 (the same division with its sentences run together on one line,
    ``…左右。(市人口计生委、市公安局牵头)万元…``, one bracket at the start of the next line): each sentence;
    z12 安徽 2021 (titled paragraphs ending ``(责任单位:省经济和信息化厅、省财政厅)``): each paragraph. i03 北京 2018 (``(一)围绕…做好信息公开。`` with its text and four brackets in one
    paragraph) stays one task."""
    k07 = ("二、主要目标和任务分工安排\n(一)约束性指标\n耕地保有量保持在2000.9万亩。(市国土局牵头)\n"
           "单位工业增加值用水量达到省要求标准。(市水利局、市发展改革委、市工信局、市市政公用局等部门按职责分工负责)\n"
           "单位地区生产总值")
    tasks = [t for t in plan_of(k07).tasks if t.units]
    assert [(t.title, roles(t.units)[0]) for t in tasks] == [
        ("耕地保有量保持在2000.9万亩", ("市国土局", "lead")), ("单位工业增加值用水量达到省要求标准", ("市水利局", "responsible"))]
    assert tasks[0].section[-1] == "(一)约束性指标"
    p01 = ("二、责任主体及工作分工\n(一)主要目标。\n1.主要指标的责任部门。\n常住人口控制在1150万人左右。(市人口计生委、"
           "市公安局牵头)万元地区生产总值能源消耗降低20%。(市经委牵头)耕地保有量保持在国务院确定的我市2010年耕地保有量面积。\n"
           "(市国土房管局牵头)城市建成区绿化覆盖率达到40%以上。 (市建委、")
    tasks = [t for t in plan_of(p01).tasks if t.units]
    assert [(t.title, roles(t.units)) for t in tasks] == [
        ("常住人口控制在1150万人左右", [("市人口计生委", "lead"), ("市公安局", "lead")]),
        ("万元地区生产总值能源消耗降低20%", [("市经委", "lead")]),
        ("耕地保有量保持在国务院确定的我市2010年耕地保有量面积", [("市国土房管局", "lead")]),
        ("城市建成区绿化覆盖率达到40%以上", [("市建委", "responsible")])]
    assert tasks[2].text.endswith("(市国土房管局牵头)") and tasks[0].section[-1] == "1.主要指标的责任部门。"
    z12 = ("一、支持工业互联网平台建设\n\n培育各类工业互联网平台。重点培育一批跨行业跨领域综合型工业互联网平台,省级给予一次性"
           "奖补100万元。(责任单位:省经济和信息化厅、省财政厅)\n\n推动企业上云上平台。建立安徽省工业互联网(云)服务商资源池,"
           "最高100万元。(责任单位:省经济和信息化厅、省财政厅)\n二、支持企业数字化、网络化、智能化转型\n")
    tasks = [t for t in plan_of(z12).tasks if t.units]
    assert [(t.title, len(t.units)) for t in tasks] == [("培育各类工业互联网平台", 2), ("推动企业上云上平台", 2)]
    i03 = ("一、加强政府重点工作信息公开\n(一)围绕抓好“三件大事”做好信息公开。制定发布城市设计导则。(市规划国土委负责落实)"
           "推进支持雄安新区建设信息公开。(市发展改革委、市教委分别负责落实)\n")
    assert [t.number for t in plan_of(i03).tasks if t.units] == ["(一)"]


def test_partners_convened_after_the_lead_verb():
    """m02 杭州 2015 (``[市科委牵头,会同市经信委、市发改委和各区、县(市)政府负责]`` and ``[市发改委牵头,会同
    市经信委…]``): the units after 会同 cooperate with the lead named before the comma, a collective
    joined by 和 is cut from the unit before it, and ``各区、县(市)政府`` stays one collective. One real
    document of the wording was found; ``由X会同Y`` (test_units) is the other form."""
    got = mentions_from_prose("力争到2018年,全市认定60家以上市级众创空间。[市科委牵头,会同市经信委、市发改委和各区、县(市)政府负责]", 0)
    assert roles(got) == [("市科委", "lead"), ("市经信委", "cooperating"), ("市发改委", "cooperating"),
                          ("各区、县(市)政府", "cooperating")]
    got = mentions_from_prose("实现产业发展从资源要素驱动向创新发展驱动转变。[市发改委牵头,会同市经信委负责]", 0)
    assert roles(got) == [("市发改委", "lead"), ("市经信委", "cooperating")]


def test_headings_after_a_word_and_a_space_on_a_long_line():
    """q02 内蒙古 2023 (a Word file shown on one line, line breaks turned into spaces: ``(一)增强粮食综合
    生产能力 1.实施…`` and ``(二)实施种业振兴行动 4.安排…``) and o01 海盐 2022 (``…牵头重点工作 1.全县…
    县农业农村局 2.落实…``, label lines run into the next item), and v22 山西 2006 (``…负责以下工作: (一)省监察委员会
    牵头的工作 …``, after a colon): each heading starts its own line."""
    q02 = ("内蒙古自治区 2023 年坚持稳中快进稳中优 进推动产业高质量发展政策清单 内政发〔2023〕3 号 为全面贯彻党的二十大和"
           "中央经济工作会议精神,提出如 下政策清单。 一、推进农牧业优质高效转型 (一)增强粮食综合生产能力 1.实施优质高效增粮示范"
           "行动,安排 110 亿元农业生产 发展等资金,稳定粮食播种面积和产量。(责任单位:自治 区农牧厅、财政厅) 2.实施耕地保护与建设"
           "行动,对 395 万亩高标准农田建 设项目给予支持。(责任单位: 自治区农牧厅、发展改革委、财政厅) 3.支持将符合条件的盐碱地等后备"
           "土地资源适度有序开 发综合利用。(责任单位:自治区农牧厅) (二)实施种业振兴行动 4.安排 9000 万元资金,支持实施种质资源保护"
           "利用、良 种化水平提升、优势特色品种培育三大工程。(责任单位: 自治区农牧厅、科技厅、财政厅) 5.开展种业科技创新重大示范工程,"
           "安排 1 亿元资金,继续对草种业实施的 14 个项目,进行 滚动支持。(责任单位:自治区科技")
    tasks = [t for t in plan_of(q02).tasks if t.units]
    assert [(t.number, len(t.units)) for t in tasks] == [("1", 2), ("2", 3), ("3", 1), ("4", 3)]
    assert tasks[0].title.startswith("实施优质高效增粮示范行动") and tasks[3].title.startswith("安排 9000 万元资金")
    o01 = ("2022年是新一届政府的开局之年。各级各部门要高度重视,全面贯彻落实县第十五次党代会精神,深入推进“三个年”活动,聚焦聚力"
           "七大提升行动,加强组织领导,明确具体任务,细化工作方案,确保按时完成既定的目标任务。 海盐县人民政府办公室 2022年4月18日 "
           "(此件公开发布) 政府工作报告2022年重点工作责任分解 一、王丹县长牵头重点工作 1.全县生产总值增长7.5%左右;一般公共预算"
           "收入增长8.5%;城乡居民人均可支配收入与经济增长基本同步,收入倍差进一步缩小。 责任单位:县发改局(首位单位为牵头单位,下同)、"
           "县财政局、县税务局、县农业农村局 2.落实党政机关过紧日子的要求,节俭办一切事业,全县非刚性、非重点项目支出预算只减不增,"
           "严控“三公”经费和会议费、培训费,努力降低行政运行成本。 责任单位:县财政局 二、曹惠明常务副县长牵头重点工作 1.坚持县政府"
           "常务会议集体学法,加强重大行政决策事前论证和事后评估,发挥法律顾问作用,提高决策科学化民主化水平。 责任单位:县司法局 "
           "2.深化“亩均论英雄”“标准地”改革,狠抓全域土地综合整治,完成垦造耕地2000亩、建设用地复垦1000亩、城镇低效用地")
    tasks = [t for t in plan_of(o01).tasks if t.units]
    assert [(t.section[-1][:2], t.number, roles(t.units)[0]) for t in tasks] == [
        ("一、", "1", ("县发改局", "lead")), ("一、", "2", ("县财政局", "lead")), ("二、", "1", ("县司法局", "lead"))]
    # v22 山西 2006, a law database's copy on one line: the heading follows a colon and a space
    v22 = ("《关于山西省国民经济和社会发展第十一个五年规划纲要的报告》工作目标责任分解 根据省十届人大第四次会议通过的《关于山西省"
           "国民经济和社会发展第十一个五年规划纲要的报告》(以下简称《纲要报告》),现将《纲要报告》工作目标责任分解安排如下: "
           "第一部分:“十一五”期间主要工作任务的责任分解 一、于幼军省长负责的工作(李政文秘书长、刘俊谦省长助理协助) "
           "对主要工作任务负总责,同时具体负责以下工作: (一)省监察委员会牵头的工作 强化行政监察,建立健全教育、制度、监督并重的"
           "惩治和预防腐败体系。 协同部门:省政府办公厅、发展改革委、教育厅、公安厅、财政厅、国土厅、建设厅、交通厅、农业厅、卫生厅、"
           "审计厅、国资委、环保局、安监局、法制办、物价局等。 (二)省审计厅牵头的工作 强化审计监督,依法开展审计工作,维护财政经济"
           "秩序,促进廉政建设。 协同部门:省政府办公厅、财政厅、地税局等和各市、县人民政府。 (三)省编办牵头的工作 1.进一步优化政府"
           "组织机构,依法界定和规范省、市、县三级政府和政府组成部门的事权与职责。 协同部门:省人民政府各部门。")
    tasks = [t for t in plan_of(v22).tasks if t.units]
    assert [(t.number, roles(t.units)[:2]) for t in tasks] == [
        ("(一)", [("省监察委员会", "lead"), ("省政府办公厅", "cooperating")]),
        ("(二)", [("省审计厅", "lead"), ("省政府办公厅", "cooperating")]),
        ("1", [("省编办", "lead"), ("省人民政府各部门", "cooperating")])]


def test_pinyin_glosses_inside_names_and_their_second_names():
    """q01 内蒙古 2024 (``〔責任單位:自治區(qū)農(nóng)牧廳(鄉(xiāng)村振興局)、財政廳〕``) and q04 赵县 2023
    (``(責任單位:縣住房和城鄉(xiāng)建設局)``): mirror sites gloss 繁體 characters with their pinyin; a
    glossed name reads as the name, printed as it is, and a glossed second name in brackets is its alias."""
    q01 = ("一、推進農(nóng)牧業(yè)現(xiàn)代化\n\n(一)增強糧食綜合生產(chǎn)能力。\n\n1.實施糧油等主要作物大面積單產(chǎn)提升行動,"
           "穩(wěn)定糧油播種面積。〔責任單位:自治區(qū)農(nóng)牧廳(鄉(xiāng)村振興局)、財政廳〕\n\n2.實施耕地保護與建設行動,"
           "積極爭取高標準農(nóng)田建設項目710萬畝以上。〔責任單位:自治區(qū)農(nóng)牧廳(鄉(xiāng)村振興局)、發(fā)")
    tasks = [t for t in plan_of(q01).tasks if t.units]
    assert [(m.name, m.alias, m.role) for m in tasks[0].units] == [
        ("自治區(qū)農(nóng)牧廳", "鄉(xiāng)村振興局", "responsible"), ("財政廳", "", "responsible")]
    assert [m.name for m in tasks[1].units] == ["自治區(qū)農(nóng)牧廳"]
    q04 = ("二、主要任務\n(一)棚戶區(qū)改造工程。東晏頭棚戶區(qū)城中村改造項目開工400套,建成400套。(責任單位:縣住房和城鄉(xiāng)建設局)\n"
           "(三)口袋公園建設工程。新建成1個高品質(zhì)口袋公園。(責任單位:縣城市管理綜合行政執(zhí)法局)\n")
    assert [[m.name for m in t.units] for t in plan_of(q04).tasks if t.units] == [
        ["縣住房和城鄉(xiāng)建設局"], ["縣城市管理綜合行政執(zhí)法局"]]


def test_each_sentence_bracket_says_its_own_roles():
    """z11 安徽 2022 (items with a bracket after each sentence: ``…对比清单。(合肥海关负责)巩固…出口占比。
    (省商务厅牵头,合肥海关配合)`` and ``…招商引资工作。(省商务厅牵头,省经济和信息化厅配合)探索…合作论坛。
    (省外办负责)``): a unit that is responsible in its own bracket stays responsible, whatever another
    bracket of the item leads. One real document of the layout was found; two of its items are used."""
    from graph.structure.items import item_units

    first = ("1.扩大优势产品出口。建立RCEP国别商品税率对比清单,深化企业对RCEP重点国别关税减让的理解掌握。(合肥海关负责)"
             "巩固纺织、服装、鞋帽、箱包等传统产品出口优势。(省商务厅牵头,合肥海关配合)支持农业企业在日本、东盟等RCEP国家"
             "注册境外商标。(省商务厅牵头,省农业农村厅配合)")
    assert roles(item_units(first, 0, False)[0]) == [("合肥海关", "responsible"), ("省商务厅", "lead"),
                                                     ("合肥海关", "cooperating"), ("省农业农村厅", "cooperating")]
    last = ("14.用好经贸交流平台。支持企业利用好中国国际进口博览会等贸易平台,加强与其他RCEP国家的商务推介和招商引资工作。"
            "(省商务厅牵头,省经济和信息化厅配合)探索市场化方式举办RCEP地方政府合作论坛。(省外办负责)")
    assert roles(item_units(last, 0, False)[0]) == [("省商务厅", "lead"), ("省经济和信息化厅", "cooperating"),
                                                    ("省外办", "responsible")]


def test_a_government_and_its_working_departments_are_one_collective():
    """o03 修文 2021 (``(责任单位:县政府各工作部门,各乡(镇)人民政府、街道办事处)``) and p02 咸阳 2022
    (``市人民政府各工作部门、派出机构``): 各工作部门 after a government names its departments, one
    collective, not the government and another unit."""
    got = mentions_from_labels("责任单位:县政府各工作部门,各乡(镇)人民政府、街道办事处", 0)
    assert [m.name for m in got] == ["县政府各工作部门", "各乡(镇)人民政府、街道办事处"]
    assert [m.name for m in mentions_from_list("市人民政府各工作部门、派出机构", 0)][0] == "市人民政府各工作部门"


def test_a_name_ends_with_the_word_bumen_not_inside_it():
    """z21 北京 2022 (prose only: ``北京市经济和信息化局会同专区监管部门将运营单位纳入…`` and ``由北京市经济和
    信息化局会同数据专区监管部门组织做好…``): the partner after 会同 is 专区监管部门, never the cut 专区监管部.
    One real document of the wording was found; two of its sentences are used."""
    got = mentions_from_prose("北京市经济和信息化局会同专区监管部门将运营单位纳入目录区块链系统用户管理体系。", 0)
    assert roles(got) == [("北京市经济和信息化局", "lead"), ("专区监管部门", "cooperating")]
    got = mentions_from_prose("数据专区是政务数据授权运营的试点探索,由北京市经济和信息化局会同数据专区监管部门组织做好数据专区建设应用"
                              "试点示范。", 0)
    assert roles(got) == [("北京市经济和信息化局", "lead"), ("数据专区监管部门", "cooperating")]


def test_offices_of_a_department_carry_its_tasks():
    """t11 芜湖 2025 (``责任单位:组干科、民管办、办公室、人事科、体卫艺德育科、基教科、职成科、教科所。``),
    t13 芜湖 2024 (``(责任科室:组干科、机关党委)``) and t12 宣城 2022 (a 牵头责任单位 column of 经管科,
    人教科 / 促进科 / 农办秘书科): a department's plan divides its work among its 科室; 学科, 全科 and a
    name cut after 市科 are no units."""
    got = mentions_from_labels("责任单位:组干科、民管办、办公室、人事科、体卫艺德育科、基教科、职成科、教科所。", 0)
    assert [m.name for m in got] == ["组干科", "民管办", "办公室", "人事科", "体卫艺德育科", "基教科", "职成科", "教科所"]
    plan = plan_of("一、加强党的建设\n1.加强思想理论武装。坚持用习近平新时代中国特色社会主义思想凝心铸魂。(责任科室:组干科、机关党委)\n"
                   "2.建设一流学科,推进全科医生培养。(责任科室:人事科)\n")
    assert [[m.name for m in t.units] for t in plan.tasks if t.units] == [["组干科", "机关党委"], ["人事科"]]
    assert not is_unit_list("市科") and not is_unit_list("学科")


def test_an_item_cut_by_the_end_of_the_excerpt_after_its_figures_is_a_task():
    """o01 海盐 2022 (the excerpt ends ``2.深化“亩均论英雄”“标准地”改革,狠抓全域土地综合整治,完成垦造耕地2000亩、
    建设用地复垦1000亩、城镇低效用地``) and y01 叶城 2026 (``3.叶城县2026年夏合甫乡种植业基地配套建设(少数民族
    发展任务)项目(ycssmz202603):投资688.5万元,``): a last item that already states figures is a task
    (its targets count), not a section's name; one cut before any figure is left out."""
    o01 = ("二、曹惠明常务副县长牵头重点工作\n1.坚持县政府常务会议集体学法,提高决策科学化民主化水平。 责任单位:县司法局\n"
           "2.深化“亩均论英雄”“标准地”改革,狠抓全域土地综合整治,完成垦造耕地2000亩、建设用地复垦1000亩、城镇低效用地")
    assert [t.number for t in plan_of(o01).tasks] == ["1", "2"]
    y01 = ("2.叶城县2026年宗朗乡水利配套建设项目:投资420万元。\n项目责任单位:宗朗乡、水利局\n"
           "3.叶城县2026年夏合甫乡种植业基地配套建设(少数民族发展任务)项目(ycssmz202603):投资688.5万元,")
    assert [t.number for t in plan_of(y01).tasks] == ["2", "3"]
    assert [t.number for t in plan_of(o01.rsplit("完成", 1)[0]).tasks] == ["1"]


def test_a_goal_paragraph_that_opens_with_its_year_and_an_item_that_opens_with_wan():
    """g12 潜江 2017 (``2017年全市经济社会发展主要预期目标是:地区生产总值增长8.5%左右;…`` under the title,
    s02 湖北 2018 ``2018年的主要预期目標是:`` is the other wording, test above) is a task of its own; g14
    无锡 2011 (``2、万元地区生产总值能耗较2010年降低3.8%。`` then ``(市经信委)``): an item numbered with 、
    is an item even when its text starts with 万 (``1.5万亩`` stays a number). One real document
    numbers an item so."""
    plan = plan_of("《政府工作报告》重点工作责任分解\n2017年全市经济社会发展主要预期目标是:地区生产总值增长8.5%左右;"
                   "规模以上工业增加值增长9%以上;城镇登记失业率控制在4.5%以内。\n为确保完成《政府工作报告》重点工作,现就各项工作"
                   "提出如下责任分工:\n一、加快转型升级,提升产业竞争力\n")
    assert plan.tasks[0].title == "2017年全市经济社会发展主要预期目标是" and "4.5%" in plan.tasks[0].text
    plan = plan_of("一、目标分解\n1、地区生产总值增长11.5%;地方财政一般预算收入同口径增长12%。\n(市发改委、财政局,无锡国税局、地税局)\n"
                   "2、万元地区生产总值能耗较2010年降低3.8%。\n(市经信委)\n3、主要污染物排放量较2010年削减4%。\n(市环保局、发改委、经信委)\n")
    assert [(t.number, [m.name for m in t.units]) for t in plan.tasks] == [
        ("1", ["市发改委", "财政局", "无锡国税局", "地税局"]), ("2", ["市经信委"]), ("3", ["市环保局", "发改委", "经信委"])]


def test_related_cities_and_counties_are_one_collective():
    """f13 黑龙江 2014 (繁體: ``(省發改委、鐵路辦、哈爾濱鐵路局,相關市、縣政府負責)`` and ``(省發改委、交通運輸廳,
    相關市、縣政府負責)``): 相关 before a level word opens a collective that the next level word continues,
    as 各 does (各市、县政府); 有关部门、县政府 stays two units. One real document of the wording was
    found; both of its items are used."""
    plan = plan_of("1.抓住國家加快鐵路建設機遇,今明兩年投資530億元。(省發改委、鐵路辦、哈爾濱鐵路局,相關市、縣政府負責)\n"
                   "2.加快國省幹道和農村公路建設,今明兩年投資270億元。(省發改委、交通運輸廳,相關市、縣政府負責)\n")
    assert [[m.name for m in t.units] for t in plan.tasks] == [
        ["省發改委", "鐵路辦", "哈爾濱鐵路局", "相關市、縣政府"], ["省發改委", "交通運輸廳", "相關市、縣政府"]]
    assert [m.name for m in mentions_from_list("有关部门、县政府", 0)] == ["有关部门", "县政府"]


def test_towns_and_sub_district_offices_that_carry_out_a_task_are_responsible():
    """d12 新密 2025 (``(市河长办牵头,各成员单位参与,各乡(镇)办落实)``) and d13 金水 (``(区河长制办公室牵头,
    各成员单位参与,各相关街道办事处落实)``): the local offices that carry the task out are responsible,
    as 各县(市、区)人民政府 are; the members who take part cooperate."""
    got = mentions_from_prose("强化河长履职尽责。(市河长办牵头,各成员单位参与,各乡(镇)办落实)", 0)
    assert roles(got) == [("市河长办", "lead"), ("各成员单位", "cooperating"), ("各乡(镇)办", "responsible")]
    got = mentions_from_prose("齐抓共管。(区河长制办公室牵头,各成员单位参与,各相关街道办事处落实)", 0)
    assert roles(got) == [("区河长制办公室", "lead"), ("各成员单位", "cooperating"), ("各相关街道办事处", "responsible")]


def test_a_collective_continued_after_its_comma_keeps_its_second_name_apart():
    """b11 潮州 2019 (``(市生态环境局牵头,市发展和改革局、工业和信息化局、自然资源局参与,各县、区人民政府(管委会)
    负责落实。…)``): 各县、区人民政府 is one collective whose second name 管委会 is its alias, as in a plain
    list (n07 许昌 ``各县(市、区)政府(管委会)``, test above), and as local governments that 落实 it is
    responsible. One real document of the wording was found."""
    got = mentions_from_prose("(市生态环境局牵头,市发展和改革局、工业和信息化局、自然资源局参与,各县、区人民政府(管委会)负责落实。"
                              "以下各项工作均需各县、区人民政府(管委会)落实,不再列出)", 0)
    assert [(m.name, m.alias, m.role) for m in got][-1] == ("各县、区人民政府", "管委会", "responsible")
    assert [m.name for m in mentions_from_list("各县、区人民政府(管委会)、市财政局", 0)] == ["各县、区人民政府", "市财政局"]


def test_a_line_of_agents_cut_before_its_verb():
    """g13 周口 2013 (each item followed by ``由X、Y,…负责落实``; the excerpt ends ``由市交通运输局、市公路局、
    市发展改革委,西华县、川汇区、扶沟县、淮阳县人民政府,市经济开发区管委会``): the units of the cut line are
    the item's, responsible, as the complete lines above say. One real document of the layout was found."""
    plan = plan_of("2.全面完成漯阜铁路复线电气化改造。\n由漯阜铁路公司、市发展改革委,川汇区、商水县、项城市、沈丘县人民政府,"
                   "市经济开发区管委会负责落实\n3.加快周口至郑州高速公路、周口通用机场等一批重大项目建设进度。\n"
                   "由市交通运输局、市公路局、市发展改革委,西华县、川汇区、扶沟县、淮阳县人民政府,市经济开发区管委会")
    assert [roles(t.units)[:2] for t in plan.tasks] == [
        [("漯阜铁路公司", "responsible"), ("市发展改革委", "responsible")],
        [("市交通运输局", "responsible"), ("市公路局", "responsible")]]
    assert len(plan.tasks[1].units) == 8


def test_a_bracket_of_roles_closing_a_clause_inside_an_item():
    """A 《政府工作报告》部门分工 item whose clauses are each followed by a bracket of roles and then 。 or ,
    (b24 湖南 2016: ``…政策体系(…省科技厅牵头。明确牵头部门的,其他有关部门配合…)。`` and ``…减免政策(…省科技厅、
    省发改委…等负责。列第一位的为牵头部门,…下同),建设…``): each bracket says its own roles, so the first
    listed unit of the second leads as the document states and is not also read as cooperating. A bracket
    followed by a comma that only names (m01 广州 ``人才联络站(海外人才工作站),逐步形成…``) names no unit."""
    text = ("《政府工作报告》重点工作部门分工的意见\n一、努力保持经济平稳健康发展\n"
            "(一)增强创新驱动发展能力。推进长株潭自主创新示范区建设,构建人才引进激励、科技成果转化等政策体系(分管副省长、"
            "协管副秘书长负责,省科技厅牵头。明确牵头部门的,其他有关部门配合,不逐一列出,下同)。落实企业研发费用加计扣除、"
            "高新技术企业所得税减免政策(分管副省长、协管副秘书长负责,省科技厅、省发改委、省财政厅等负责。列第一位的为牵头部门,"
            "其他部门和单位按职责分工负责,下同),建设一批众创空间和农村“星创天地”(分管副省长、协管副秘书长负责,省科技厅牵头)。\n")
    task = plan_of(text).tasks[0]
    assert ("省科技厅", "lead") in roles(task.units) and ("省科技厅", "cooperating") not in roles(task.units)
    assert [n for n, r in roles(task.units) if r == "cooperating"][-2:] == ["省发改委", "省财政厅"]
    assert not [m.name for m in task.units if m.name.startswith("其他")]  # the convention names no unit
    text = ("广州市人才集聚工程实施意见\n32.中国留学人员广州科技交流会。在留学人员集中的重点城市、区域建立“接触广州”人才联络站"
            "(海外人才工作站),逐步形成全球性人才引进工作网络。(牵头单位:市留交办,配合单位:各有关单位,各区、县级市)\n")
    task = plan_of(text).tasks[0]
    assert "海外人才工作站" not in [m.name for m in task.units]
    assert roles(task.units)[-2:] == [("各有关单位", "cooperating"), ("各区、县级市", "cooperating")]


def test_a_sentence_stating_the_convention_ends_a_bracketed_list():
    """Family: a 部门分工 bracket that gives the item's units and then, after 。, the convention for the
    whole document, naming the others only collectively (b24 湖南 2016, two wordings: ``省科技厅牵头。
    明确牵头部门的,其他有关部门配合,不逐一列出,下同`` and ``…省教育厅等负责。列第一位的为牵头部门,其他部门
    和单位按职责分工负责,下同``): the list ends at the 。, so the collective is no unit."""
    assert list_before_note("分管副省长、协管副秘书长负责,省科技厅牵头。明确牵头部门的,其他有关部门配合,"
                            "不逐一列出,下同") == "分管副省长、协管副秘书长负责,省科技厅牵头"
    assert list_before_note("省科技厅、省发改委、省教育厅等负责。列第一位的为牵头部门,其他部门和单位按职责分工负责,"
                            "下同") == "省科技厅、省发改委、省教育厅等负责"
    assert list_before_note("市发改委、市农委。排名第一的为牵头单位,下同") == "市发改委、市农委"


def test_a_pipe_is_a_cell_border_never_part_of_a_name():
    """Tables copied to text keep their cell borders as pipes: a record page's field ``牵头单位: |
    市文化广电新闻出版局 |`` (m08 广州 2015 重点工作) and a unit cell run into the next (j05 大冶 2024 项目计划
    安排表 ``| 市财政局、市农业农村局 | 大箕铺镇 |``) name their units without the pipes."""
    got = mentions_from_labels("牵头单位: | 市文化广电新闻出版局 |\n备 注: |", 0)
    assert roles(got) == [("市文化广电新闻出版局", "lead")]
    got = mentions_from_list("| 市财政局、市农业农村局 | 大箕铺镇 |", 0)
    assert [m.name for m in got] == ["市财政局", "市农业农村局", "大箕铺镇"]


def test_a_bracket_cut_by_the_excerpt_inside_its_last_name_or_its_role_phrase():
    """Page excerpts that stop inside an item's closing bracket: after the last unit, in its role
    phrase (e24 湖南 2018 ``…省统计局、国家统计局湖南调查总队等按职责分``) or inside a name (s10 湖南 2019
    ``…省发展改革委牵头,省工业和信息化厅、省``): the units printed whole cooperate with the lead."""
    text = ("一、总的要求和主要预期目标\n万元GDP能耗下降3%以上(分管副省长、协管副秘书长负责,省发改委牵头,省经信委、省统计局、"
            "国家统计局湖南调查总队等按职责分")
    assert roles(plan_of(text).tasks[0].units) == [("省发改委", "lead"), ("省经信委", "cooperating"), ("省统计局", "cooperating"),
                                                   ("国家统计局湖南调查总队", "cooperating")]
    text = "一、主要预期目标\n万元GDP能耗下降2.5%(分管副省长、协管副秘书长负责,省发展改革委牵头,省工业和信息化厅、省"
    assert roles(plan_of(text).tasks[0].units) == [("省发展改革委", "lead"), ("省工业和信息化厅", "cooperating")]


def test_a_responsible_label_beside_a_cooperating_label_stays_responsible():
    """p06 河南 2017 (``(责任单位:省住房城乡建设厅、…,配合单位:省国土资源厅、…)``) and v11 临安 2022 (``序号 | 实事项目 |
    工作举措及实施计划 | 责任单位 | 配合单位 |``): units a 责任单位 names beside a 配合单位 stay responsible (eleven
    documents of realdev so annotated, none the other way); they lead when the name ranks them first (主要责任单位,
    g72 谯城 below) or beside a 协办单位, whose units assist them in organising the task (g64 武汉 2007
    ``责任单位:市建委;协办单位:市总工会,各区人民政府,…``); beside a 牵头 label they cooperate, alone they stay
    responsible."""
    p06 = "(责任单位:省住房城乡建设厅、发展改革委,配合单位:省国土资源厅、环保厅。各市县人民政府负责落实。)"
    assert roles(mentions_from_labels(p06, 0))[:3] == [
        ("省住房城乡建设厅", "responsible"), ("发展改革委", "responsible"), ("省国土资源厅", "cooperating")]
    v11 = ("序号 | 实事项目 | 工作举措及实施计划 | 责任单位 | 配合单位 |\n"
           "1 | 新建成公办中小学、幼儿园7所,新增中小学、幼儿园公办学位6800个。 | 1.4月底前职教中心主体完工。 | 教育局 | "
           "发改局、住建局 |\n")
    assert sorted(roles(plan_of(v11).tasks[0].units)) == [("住建局", "cooperating"), ("发改局", "cooperating"),
                                                          ("教育局", "responsible")]
    g64 = "责任单位:市建委;协办单位:市总工会,各区人民政府,进城务工人员用工单位。"
    assert roles(mentions_from_labels(g64, 0))[:2] == [("市建委", "lead"), ("市总工会", "cooperating")]
    assert roles(mentions_from_labels("牵头单位:市财政局\n责任单位:各有关部门", 0)) == [
        ("市财政局", "lead"), ("各有关部门", "cooperating")]
    assert roles(mentions_from_labels("责任单位:县卫健委", 0)) == [("县卫健委", "responsible")]


def test_a_section_lead_named_overall_lead_is_not_its_items_lead():
    """A section whose line names its 总牵头 (the overall lead of the section) leaves its items their
    own units: f23 黑龙江 2009 ``任务分工:吕维峰副省长负责,省农委总牵头。`` over 1. (省水利厅牵头) and 2. (cut
    before its units), c12 浙江 2014 ``一、加快调整能源结构(省发改委总牵头)`` over (一), 1., 2.; both
    annotators give the items nothing of the section's lead."""
    text = ("十大工程推进工作方案\n一、千亿斤粮食产能工程\n工作要求:坚持突出重点、分期实施、统筹推进。\n"
            "任务分工:吕维峰副省长负责,省农委总牵头。\n"
            "1.水利化工程:新增水田面积100万亩。省水利厅牵头,省发改委、农垦总局等单位配合。\n"
            "2.农机化工程:积极启动实施利用北欧投资银行贷款建设30个现代农机专业合作社项目,新增国内外")
    tasks = plan_of(text).tasks
    assert [(t.number, roles(t.units)) for t in tasks] == [
        ("一", [("省农委", "lead")]),
        ("1", [("省水利厅", "lead"), ("省发改委", "cooperating"), ("农垦总局", "cooperating")]),
        ("2", [])]
    text = ("浙江省大气污染防治行动计划重点工作部门分工方案\n一、加快调整能源结构(省发改委总牵头)\n"
            "(一)制订实施全省煤炭消费总量控制方案。\n"
            "1.制订煤炭消费总量中长期控制目标,实现煤炭消费总量负增长。(省经信委、省发改委(省能源局)。列第一位者为牵头部门,下同)\n"
            "2.新建项目禁止配套建设自备燃煤电站。\n")
    tasks = plan_of(text).tasks
    assert [roles(t.units) for t in tasks if t.number == "2"] == [[]]  # no units of its own, none from the section
    assert [roles(t.units) for t in tasks if t.number == "1"] == [[("省经信委", "lead"), ("省发改委", "cooperating")]]


def test_an_indent_garbled_to_question_marks_is_read_as_the_indent():
    """A 繁體 mirror whose wrong encoding printed the ideographic-space indent as ``??`` (g22 普陀 2021 on
    3dmn.cn): ``??(一)…`` and ``??1.…`` are still the numbered items they were."""
    text = ("普陀區深化推進一流營商環境建設行動方案\n??一、讓企業辦事更省心\n??(一)提升線上服務友好度。具體措施:\n"
            "??1.加強系統集成、資源共享和業務協同,具備可網辦能力的區級政務服務事項比例達到95%以上。(責任單位:區府辦、區行政服務中心、區市場監管局)\n"
            "??2.推出10項高頻事項,實行“無人干預自動辦理”。(責任單位:區府辦、區行政服務中心)\n")
    tasks = [t for t in plan_of(text).tasks if t.units]
    assert [(t.number, t.section[-1][:3], [n for n, _ in roles(t.units)]) for t in tasks] == [
        ("1", "(一)", ["區府辦", "區行政服務中心", "區市場監管局"]), ("2", "(一)", ["區府辦", "區行政服務中心"])]


def test_sentences_of_a_news_report_that_name_who_carries_the_work():
    """A text that numbers nothing: each sentence that names units with a role verb is a task titled by
    the work after the verb — u06 贺兰 2024 (``由X负责的Y项目…;`` one per clause) and h22 国务院办公厅 2010
    (``发展改革委、…将负责支持建设…``, read without the mirror's pinyin glosses). A list of who does what
    with no work after its verb (``departments: "X牵头"``) is none."""
    text = ("贺兰县2024年为民办实事全部完成\n民生保障类4项实事中,由贺兰县教育体育局负责的中考信息化提升项目投资475.7万元,已在第四中学建设实验室;"
            "由贺兰县民政局负责的关爱精神障碍群体社区康复服务项目投资50万元,累计提供康复服务760余人次。\n")
    assert [(t.title, roles(t.units)) for t in plan_of(text).tasks] == [
        ("中考信息化提升项目投资475.7万元", [("贺兰县教育体育局", "responsible")]),
        ("关爱精神障碍群体社区康复服务项目投资50万元", [("贺兰县民政局", "responsible")])]
    text = ("国务院办公厅印发分工方案\n根据《分工方案》,为大力支持兰(州)白(银)核心经济区率先发展,发展改革委、工业和信息化部、"
            "中国石油天然气集团公司将负责支持建设兰(州)白(银)都市经济圈,积极推进兰州新区发展。\n"
            "发展改革委、财政部等部门还将负责推动平(凉)庆(阳)经济区加快发展。\n")
    assert [(t.title, [n for n, _ in roles(t.units)]) for t in plan_of(text).tasks] == [
        ("支持建设兰(州)白(银)都市经济圈", ["发展改革委", "工业和信息化部", "中国石油天然气集团公司"]),
        ("推动平(凉)庆(阳)经济区加快发展", ["发展改革委", "财政部"])]
    assert plan_of('数字广东建设工作要点\ndepartments: "省工业和信息化厅牵头"\n').tasks == ()
    # j21 林头镇 2021: a paragraph's short lead-in sentence opens the title of the task after it
    text = "林头镇我为群众办实事\n聚焦“幸福民生”。由镇公路站负责的农村道路硬化项目,建设约12.3公里道路硬化,预计2021年11月份完成。\n"
    assert [(t.title, roles(t.units)) for t in plan_of(text).tasks] == [
        ("聚焦“幸福民生”。由镇公路站负责的农村道路硬化项目", [("镇公路站", "responsible")])]


def test_work_of_a_report_sentence_after_its_chain_of_role_clauses_or_before_its_units():
    """A news report's sentence whose role verb is followed by a comma names its work after the chain of
    role clauses — r42 开封 2016 (``X牵头,负责组织开展对…``, after a paragraph that gives the 县区 their
    share, and above the page's numbered list of site notices) — or, when the work opens the sentence
    before ``主要由``, by that work — r43 博白 2013 (``校园周边环境整治主要由X牵头,Y配合,对…进行…``)."""
    text = ("发布时间:2016-12-02 11:59 我要投稿\n"
            "此次专项行动时间为2016年12月1日至2017年2月28日。按照安委会要求,各县区负责组织开展本辖区十大重点行业领域安全生产专项整治工作。\n"
            "市安全监管局牵头,负责组织开展对危险化学品和烟花爆竹领域的专项整治工作。市公安局牵头,负责组织开展对道路交通领域的专项整治工作。\n"
            "豫都网版权与免责声明\n1、未经豫都网(以下简称本网)许可,任何人不得非法使用本网自有版权作品。\n"
            "2、本网转载其他媒体之稿件,以及由用户发表上传的作品,不代表本网赞同其观点和对其真实性负责。\n")
    assert [(t.title, roles(t.units)) for t in plan_of(text).tasks if t.units] == [
        ("组织开展本辖区十大重点行业领域安全生产专项整治工作", [("各县区", "responsible")]),
        ("组织开展对危险化学品和烟花爆竹领域的专项整治工作", [("市安全监管局", "lead")]),
        ("组织开展对道路交通领域的专项整治工作", [("市公安局", "lead")])]
    text = ("博白:多部门协作联动构建校园安全屏障\n据悉,此次联合整治主要有校园内部安全整治、校园周边环境整治等方面。"
            "校园周边环境整治主要由县公安局牵头,工商、文体、住建、城管等部门配合,对学校周边的网吧、电子游戏厅进行彻底清理整顿;"
            "接送学生车辆安全整治主要由县公安交警大队牵头,教育局、交运局配合,加强对接送学生的车辆检查和管理。\n")
    assert [(t.title, roles(t.units)) for t in plan_of(text).tasks] == [
        ("校园周边环境整治", [("县公安局", "lead"), ("工商", "cooperating"), ("文体", "cooperating"),
                               ("住建", "cooperating"), ("城管", "cooperating")]),
        ("接送学生车辆安全整治", [("县公安交警大队", "lead"), ("教育局", "cooperating"), ("交运局", "cooperating")])]
    # a role clause with no work after it makes no task
    assert plan_of("通知\n市发改委牵头,市财政局配合。\n").tasks == ()


def test_parenthesized_number_characters_number_items_as_their_bracketed_digits_do():
    """t42 辽宁 2012 (a Word file's ``⑴九年义务教育巩固率达到97%。`` over ``责任单位:省教育厅。``): the single
    characters ⑴…⒇ number items as ``(1)``…``(20)`` do (Unicode's compatibility reading); a 责任单位 list
    beside a 牵头单位 that opens with the lead names it once, as the lead. One real document of each."""
    text = ("辽宁省人民政府办公厅关于落实东北振兴“十二五”规划任务分工的通知\n"
            "  一、主要目标和任务分工\n\n  (一)“十二五”时期主要规划指标。\n\n  1.约束性指标。\n\n"
            "  ⑴九年义务教育巩固率达到97%。\n\n  责任单位:省教育厅。\n\n"
            "  ⑵耕地保有量保持在6120万亩。\n\n  责任单位:省国土资源厅。\n\n"
            "  ⑷单位地区生产总值能耗降低17%(系国家分解指标)。\n\n  牵头单位:省发展改革委。\n\n"
            "  责任单位:省发展改革委、省经济和信息化委、省统计局、省电力公司等。\n\n")
    plan = plan_of(text)
    assert [(t.number, roles(t.units)) for t in plan.tasks if t.units] == [
        ("⑴", [("省教育厅", "responsible")]), ("⑵", [("省国土资源厅", "responsible")]),
        ("⑷", [("省发展改革委", "lead"), ("省经济和信息化委", "cooperating"), ("省统计局", "cooperating"),
               ("省电力公司", "cooperating")])]
    bracketed = plan_of(text.replace("⑴", "(1)").replace("⑵", "(2)").replace("⑷", "(4)"))
    assert [(t.title, roles(t.units)) for t in bracketed.tasks] == [(t.title, roles(t.units)) for t in plan.tasks]


def test_a_table_whose_cells_a_sharing_site_ran_together():
    """Word tables copied by document-sharing sites with nothing between their cells: u42 嘉兴 2006
    (``序号主要工作任务第一责任单位主要责任单位一、主要发展指标1地区生产总值…。市发展改革委各县(市、区)政府…``,
    two unit columns, the first ranked 第一 and holding the names before the first place two meet; its
    annotator reads row 8's 市发展改革委市经贸委市规划建设局 as two leads) and p43 成都 2021 (``序号工作内容目标任务责任单位备注1将…。2021年2月底前,
    …以上。市委宣传部(市文明办)、市城管委,…``, a page of the copy going on with rows 3 and 4 on the next line)."""
    text = ("—1—《嘉兴市国民经济和社会发展第十一个五年规划纲要》主要目标任务分解落实方案工作重点序号主要工作任务第一责任单位主要责任单位一、主要发展指"
            "标1地区生产总值年均增长12%左右,人均生产总值达到6万元左右。市发展改革委各县(市、区)政府、嘉兴经济开发区、嘉兴港区2服务业增加值占生产"
            "总值比重达到40%。市发展改革委各县(市、区)政府、市三产发展领导小组各成员单位3全社会固定资产投资年均增长12%左右。市发展改革委各县(市"
            "、区)政府、嘉兴经济开发区、嘉兴港区4城镇居民人均可支配收入和农村居民人均纯收入年均增长8%。市发展改革委各县(市、区)政府、嘉兴经济开发区"
            "、嘉兴港区5地方财政收入年均增长13%。市财政局各县(市、区)政府、嘉兴经济开发区、嘉兴港区、市国税局6社会消费品零售总额年均增长12%以上"
            "。市经贸委各县(市、区)政府、嘉兴经济开发区、嘉兴港区7进出口总额年均增长15%左右,五年外商直接投资实际到位金额65亿美元左右。市外经贸局"
            "各县(市、区)政府、嘉兴经济开发区、嘉兴港区8单位生产总值综合能耗下降20%。市发展改革委市经贸委市规划建设局、市统计局、嘉兴电力局,各县("
            "市、区)政府、嘉兴经济开发区、嘉兴港区\n")
    tasks = {t.number: roles(t.units) for t in plan_of(text).tasks}
    assert [(n, tasks[n]) for n in ("1", "2", "8")] == [
        ("1", [("市发展改革委", "lead"), ("各县(市、区)政府", "cooperating"), ("嘉兴经济开发区", "cooperating"),
               ("嘉兴港区", "cooperating")]),
        ("2", [("市发展改革委", "lead"), ("各县(市、区)政府", "cooperating"), ("市三产发展领导小组各成员单位", "cooperating")]),
        ("8", [("市发展改革委", "lead"), ("市经贸委", "cooperating"), ("市规划建设局", "cooperating"), ("市统计局", "cooperating"),
               ("嘉兴电力局", "cooperating"), ("各县(市、区)政府", "cooperating"), ("嘉兴经济开发区", "cooperating"),
               ("嘉兴港区", "cooperating")])]
    text = ("贯彻落实生活垃圾分类制度重点任务责任分工表.docx\n"
            "1、贯彻落实生活垃圾分类制度重点任务责任分工表序号工作内容目标任务责任单位备注1将生活垃圾分类投放作为精神文明建设的重要内容,加强生活垃圾分"
            "类宣传发动;广泛开展生活垃圾分类宣传引导志愿活动、家庭主题活动等,大力开展公益宣传和社区入户宣传等,引导市民参与生活垃圾分类。2021年2月"
            "底前,群众对生活垃圾分类的知晓率达90%以上。市委宣传部(市文明办)、市城管委,市住建局、市总工会、团市委、市妇联、市文广旅局等部门,各区("
            "市)县政府(管委会)2完善生活垃圾回收利用体系,优化社区回收设施布局,负责再生资源回收行业的指导和监督,推进循环经济发展。2021年2月底前"
            ",基本建成生活垃圾回收利用体系。市商务局,市\n"
            "2、住建局、市城管委、市委社治委、市发改委、市规划和自然资源局,各区(市)县政府(管委会)3加强家庭源危险废物处置的规范化管理,推进有害垃圾"
            "处置体系建设和生活垃圾分类相关环保产业发展。2021年2月底前,制定成都市有害垃圾处置工作指导意见,完善家庭源危险废物处置体系。市生态环境局"
            ",各区(市)县政府(管委会)4依据国土空间规划落实生活垃圾分类设施专项规划,优化设施用地布局,推进集约高效利用。2021年2月底前,发布生活"
            "垃圾分类设施规划(建设计划)等。市城管委、市规划和自然资源局,市生态环境局、市商务局、市住建局,各区(市)县政府(管委会)\n")
    tasks = plan_of(text).tasks
    assert [(t.number, t.title, [n for n, _ in roles(t.units)]) for t in tasks if t.units][:1] == [
        ("1", "将生活垃圾分类投放作为精神文明建设的重要内容", ["市委宣传部", "市城管委", "市住建局", "市总工会", "团市委", "市妇联",
                                                "市文广旅局", "各区(市)县政府"])]
    assert "3" in [t.number for t in tasks if t.units]
    # a line with 序号 in it and no run of column words is left as it is
    assert [t.title for t in plan_of("工作方案\n1.按序号排列的任务表。(牵头单位:县发改局)\n").tasks] == ["按序号排列的任务表"]


def test_of_two_unit_columns_side_by_side_the_one_ranked_first_leads():
    """p41 广东 2014 (``主要责任单位 | 责任单位``, a cell per line) and u42 嘉兴 2006 (``第一责任单位 | 主要责任单位``, run
    together): the column whose name ranks it first (主要, 第一) leads, the other cooperates."""
    text = ("《广东省儿童发展规划(2011—2020年)》目标责任分解书\n\n领域\n\n主 要 目 标\n\n主要责任单位\n\n责任单位\n\n"
            "1.提高出生人口质量。\n\n——降低严重多发致残的出生缺陷发生率。\n\n省卫生厅\n\n省人口计生委\n\n省残联\n\n"
            "2.降低儿童死亡率,减少儿童伤害所致死亡和残疾。\n\n——婴儿死亡率控制在6‰以下。\n\n省卫生厅\n\n省教育厅\n\n")
    assert [roles(t.units) for t in plan_of(text).tasks if t.units][:2] == [
        [("省卫生厅", "lead"), ("省人口计生委", "cooperating"), ("省残联", "cooperating")],
        [("省卫生厅", "lead"), ("省教育厅", "cooperating")]]


def test_a_note_of_when_to_report_to_an_office_names_no_unit():
    """r45 岳阳 2020 (繁體: ``(工作總結於10月16日前報市優化辦,典型案例10月23日前報市優化辦。)``) and t44 包头 2011
    (``并于4月20日前报市政府督查室``): a clause with a date that ends in an office's name is no unit."""
    from graph.units import unit_shape

    assert unit_shape("并于4月20日前报市政府督查室") == 0 and unit_shape("工作总结于10月16日前报市优化办") == 0
    text = ("嶽陽市機關效能建設和優化經濟發展環境領導小組辦公室文件\n嶽優辦〔2020〕7號\n關於認真做好國家營商環境評價\n後續重點工作的通知\n"
            "二、做好補正提交資料的上傳。一是需要補正的佐證資料。各指標牽頭單位要及時組織前方填報人員對填報內容進行全麵、深入的梳理和分析,"
            "在規定時間內進行補正提交。(工作總結於10月16日前報市優化辦,典型案例10月23日前報市優化辦。)\n")
    assert [m.name for t in plan_of(text).tasks for m in t.units] == []


def test_a_note_that_every_task_below_must_be_carried_out_by_some_units():
    """d14 管城 (``(区河长制办公室牵头,各成员单位参与,各涉河办事处落实。以下均需各涉河办事处落实,不再列出)``):
    the units the note names carry every task from there on. A note that the tasks only concern some
    units (r04 内蒙古 ``以下各项任务均涉及四市或部分市人民政府,不再列出``) adds none, as its annotator reads it."""
    text = ("管城区河库长制工作要点\n一、扛稳政治责任\n1.强化河库长履职尽责。持续开展基层河库长履职专项整治行动。(区河长制办公室牵头,"
            "各成员单位参与,各涉河办事处落实。以下均需各涉河办事处落实,不再列出)\n"
            "2.齐抓共管,形成河库管理保护合力。提升河长办工作能力。(区河长制办公室牵头,各成员单位参与)\n")
    assert [roles(t.units) for t in plan_of(text).tasks][1] == [
        ("区河长制办公室", "lead"), ("各成员单位", "cooperating"), ("各涉河办事处", "responsible")]
    text = ("推动呼包鄂乌一体化发展若干举措\n一、增强一体化基础设施体系\n(一)打造1小时铁路经济圈,提升优化既有城际动车组开行效率。"
            "(责任单位:自治区发展改革委、财政厅,四市人民政府按职责分工负责,下同。以下各项任务均涉及四市或部分市人民政府,不再列出)\n"
            "(二)完善2小时公路经济圈,实施S43呼和浩特机场高速。(责任单位:自治区交通运输厅)\n")
    assert [roles(t.units) for t in plan_of(text).tasks][1] == [("自治区交通运输厅", "responsible")]


def test_bracketed_arabic_items_run_together_on_a_long_line():
    """A repost on one long line runs ``(1)…(牵头负责)(2)…`` together (i23 池州 2017 on a mirror): an
    item ``(N)`` after a sentence end or a closing bracket starts its own line, as ``1.`` and ``一、`` do.
    One real document of this layout was found."""
    line = ('  1.深化商事制度改革。(1)全面落实“多证合一、一照一码”改革。按照能整合的尽量整合、能简化的尽量简化、该减掉的坚决'
            '减掉的原则,根据省工商局公布的《安徽省“多证合一”改革证照事项目录》(以下简称《目录》),全面实行“多证合一、一照一码”'
            ',已被整合的证照一律不允许再发放或备案;在省工商局公布的《目录》基础上进一步梳理涉企证照事项,对于属于市级政府权限能整合'
            '、简化和减掉的,由市政府授权市工商质监局公布市级《目录》,实行“多证合一、一照一码”;深化部门间信息共享和业务协同,实行'
            '“一套材料、一表登记、一窗受理”的服务模式和“一次提交、部门流转、一档管理”的工作模式。(市工商质监局牵头负责)(2)完'
            '善企业登记全程电子化。统一规范企业登记业务操作系统、统一企业登记文书规范和技术标准;推行网上申请、原件后补的审批机制,推'
            '行全程电子化登记,鼓励和帮助企业使用网上登记系统,让企业享受到便捷、高效的网上服务。(市工商质监局牵头负责)(3)推进企'
            '业名称登记改革。全面开放市企业名称库,制定名称禁限用规则和相同相近规则,建设完善企业')
    tasks = plan_of("池州市人民政府关于创优“四最”营商环境的实施意见\n  一、持续减少审批事项\n" + line).tasks
    assert [(t.number, t.title[:8], roles(t.units)) for t in tasks if t.units][:2] == [
        ("(1)", "全面落实“多证合", [("市工商质监局", "lead")]), ("(2)", "完善企业登记全程", [("市工商质监局", "lead")])]


def test_pipe_rows_whose_merged_cells_are_printed_once():
    """Web tables saved as text a row per line with pipes between the cells, where a cell merged
    over rows is printed in its first row only and the rows below are short: o22 山东省教育厅 2023 (an
    unnamed 工作要点 column grouping the rows, a 任务分工 column of units) and q21 江门市土地储备中心 2021
    (a ``一、…`` group cell before the row's numbered item; units with their roles in one cell)."""
    o22 = ("2023年政务公开工作要点任务分工\n工作要点 | 具体要求 | 任务分工 |\n"
           "教育高质量发展 | 聚焦省委、省政府重点工作任务,强化教育高质量发展各项重大改革政策、举措的公开和解读。 | 厅(委)机关各处室 |\n"
           "教育民生 | 做好高校毕业生职业技能培训、公益性岗位等信息公开。 | 学生处,各高等学校 |\n"
           "推进义务教育学校加大适龄儿童入学政策宣传、解读力度。 | 基教处,各市教育(教体)局 | |\n")
    tasks = plan_of(o22).tasks
    assert [(t.section[-1:], roles(t.units)) for t in tasks] == [
        (("教育高质量发展",), [("厅(委)机关各处室", "responsible")]),
        (("教育民生",), [("学生处", "responsible"), ("各高等学校", "responsible")]),
        (("教育民生",), [("基教处", "responsible"), ("各市教育(教体)局", "responsible")])]
    assert tasks[2].title.startswith("推进义务教育学校")
    q21 = ("工作任务 | 具体要求 | 责任部门 |\n"
           "一、做好财政信息公开。 | 1.积极推进本中心预算、决算及相关报表公开。 | 财务科 |\n"
           "二、做好政府网站专栏信息公开。 | 2.及时更新网站频道的各类型概况信息。 | 办公室 |\n"
           "3.及时反馈网民对调查征集信息的意见。 | 各科室 | |\n"
           "4.及时更新微信公众号信息。 | 办公室牵头,各科室配合 | |\n")
    tasks = plan_of(q21).tasks
    assert [(t.number, t.section[-1], roles(t.units)) for t in tasks] == [
        ("1", "一、做好财政信息公开。", [("财务科", "responsible")]),
        ("2", "二、做好政府网站专栏信息公开。", [("办公室", "responsible")]),
        ("3", "二、做好政府网站专栏信息公开。", [("各科室", "responsible")]),
        ("4", "二、做好政府网站专栏信息公开。", [("办公室", "lead"), ("各科室", "cooperating")])]
    assert tasks[0].title == "积极推进本中心预算、决算及相关报表公开"


def test_a_project_cell_over_rows_and_a_group_before_the_row_number():
    """n21 新昌 2021 (项目名称 | 工作任务 | …: the numbered project's cell printed once over its work
    lines, which make one task; a 计划完成时间 cell numbering its dates ``1、…2、…``, which divides
    nothing); e03 肇庆 2020 (大类 | 序号 | …: the group ``一、…`` printed before the first row's
    number) and l22 荆州 2022 (``一、…`` and ``(一)…`` before the row's number)."""
    n21 = ("2021年新昌县政府十方面民生实事进展情况登记表\n项目名称 | 工作任务 | 计划完成时间 | 牵头单位 |\n"
           "1.城市人居环境提升项目 | 对人民中路等3条城区道路进行综合提升改造; | 11月 | 建设局 |\n"
           "2021.8 | 城投集团 | ||\n"
           "4.农贸市场综合提升项目 | 建成新昌县农副产品交易物流区域并投入运行;动工建设南岩农贸市场。 | "
           "1、农副产品交易物流中心7月1日项目投入试运营 2、南岩农贸市场计划2022年12月底完成项目建设 | 公共服务集团 |\n")
    tasks = plan_of(n21).tasks
    assert [(t.title, roles(t.units)) for t in tasks][-1] == ("农贸市场综合提升项目", [("公共服务集团", "lead")])
    assert [(t.title, [m.name for m in t.units]) for t in tasks] == [
        ("城市人居环境提升项目", ["建设局", "城投集团"]), ("农贸市场综合提升项目", ["公共服务集团"])]
    e03 = ("大类 | 序号 | 工作任务 | 分管 市领导 | 牵头单位及 主要负责人 | 落实进展情况 |\n"
           "一、继续提高底线民生保障水平 | 1 | 将城镇、农村低保人均最低补差水平提高到每人每月609元、300元。 | 陈宣群 | 市民政局 伍泽国 | 已完成。 |\n"
           "2 | 特困供养人员基本生活标准不低于当地最低生活保障标准的1.6倍。 | 陈宣群 | 市民政局 伍泽国 | 已完成。 |\n")
    tasks = plan_of(e03).tasks
    assert [(t.number, t.section[-1:], roles(t.units)) for t in tasks] == [
        ("1", ("一、继续提高底线民生保障水平",), [("市民政局", "lead")]),
        ("2", ("一、继续提高底线民生保障水平",), [("市民政局", "lead")])]
    l22 = ("2022年政务公开任务分解责任清单\n工作任务 | 具体要求 | 责任单位 | 时限要求 | ||\n"
           "一、以公开助力经济平稳健康发展。 | (一)加强涉及市场主体的信息公开。 | 1 | 进一步增强政策文件制定实施的透明度与可预期性。 | "
           "市政府各有关部门 | 持续推进 |\n"
           "2 | 开设行业帮扶政策公开专题,切实促进行业发展和消费恢复。 | 市政府各有关部门,各县市区人民政府 | 持续推进 | ||\n")
    tasks = plan_of(l22).tasks
    assert [(t.number, t.section[-1], [m.name for m in t.units]) for t in tasks] == [
        ("1", "(一)加强涉及市场主体的信息公开。", ["市政府各有关部门"]),
        ("2", "(一)加强涉及市场主体的信息公开。", ["市政府各有关部门", "各县市区人民政府"])]
    assert tasks[0].title.startswith("进一步增强政策文件")


def test_a_unit_cell_with_a_role_for_each_clause():
    """q22 台山 2021 (``市政府办公室、市发展和改革局牵头,市直有关部门配合;各镇(街)参照落实``), q21 江门
    (``办公室牵头,各科室配合``) and o23 江门 (``局防控办主办、各工作组协办``): the cell is a cell of
    units, each clause's verb giving its role."""
    assert cell_kind("市政府办公室、市发展和改革局牵头,市直有关部门配合;各镇(街)参照落实") == "units"
    assert cell_kind("办公室牵头,各科室配合") == "units"
    assert cell_kind("要求各部门牵头,认真落实") == "text"
    o23 = ("江门市卫生健康局2021年政务公开工作要点分工方案\n工作任务 | 具体要求 | 责任科室 |\n"
           "四、做好常态化疫情防控信息公开 | 5.设立专栏,重点围绕散发疫情发布权威信息。 | 局防控办主办、各工作组协办 |\n"
           "6.扎实做好疫苗接种信息公开和舆论引导工作。 | 局疾控科 | |\n")
    assert [roles(t.units) for t in plan_of(o23).tasks] == [[("局防控办", "lead"), ("各工作组", "cooperating")],
                                                            [("局疾控科", "responsible")]]
    q22 = ("工作任务 | 具体要求 | 责任单位 |\n"
           "一、做好各类规划主动公开。 | 1.主动公开“十四五”规划纲要、各项规划、政策解读等相关信息。 | 市直有关部门;各镇(街) |\n"
           "2.做好各项规划的归集整理和主动公开工作。 | 市政府办公室、市发展和改革局牵头,市直有关部门配合;各镇(街)参照落实 | |\n")
    tasks = plan_of(q22).tasks
    assert roles(tasks[1].units) == [("市政府办公室", "lead"), ("市发展和改革局", "lead"),
                                     ("市直有关部门", "cooperating"), ("各镇(街)", "responsible")]


def test_a_page_information_panel_ends_the_table():
    """e13 招远 2022: the site prints its panel (索引号: | … | 成文日期: …) after the table; o22 山东 2024
    prints it before the notice. Neither is a row of the table."""
    e13 = ("类别 | 民生事项名称 | 2022年度任务目标 | 责任单位 | 分管市领导 |\n"
           "四、教育文化 | 14.改扩建泉山学校 | 完成泉山学校一期2座教学楼建设。 | 教育体育局 | 刘福利 |\n"
           "索引号: | 113706850042672474 | 成文日期: 2022-10-08 |\n发布机构: | 招远市人民政府 |\n")
    assert [(t.title, roles(t.units)) for t in plan_of(e13).tasks] == [("改扩建泉山学校", [("教育体育局", "responsible")])]
    o22 = ("索引号: | 11370000004502323D/2024-00050 | 发布日期: | 2024-01-18 |\n发布机构: | 山东省教育厅 | 组配分类: | 制度建设 |\n"
           "2023年政务公开工作要点任务分工\n工作要点 | 具体要求 | 任务分工 |\n"
           "教育民生 | 做好高校毕业生职业技能培训等信息公开。 | 学生处,各高等学校 |\n")
    assert [roles(t.units) for t in plan_of(o22).tasks] == [[("学生处", "responsible"), ("各高等学校", "responsible")]]


def test_a_task_cell_over_rows_of_its_requirements():
    """政务公开 task tables whose 工作任务 cell spans rows of 具体内容 / 具体要求, each row a task titled by
    its own text under the task as section: q23 谯城区 a town 2025 (cells one per line between pipes) and
    l21-like pipe rows of a 工作任务 | 具体要求 table (o23 江门 2021, the group printed once)."""
    q23 = ("|\n工作任务\n|\n具体内容\n|\n责任部门\n|\n|\n推进政策公开\n|\n"
           "常态化公开就业、住房、教育、医疗等领域信息。\n|\n财政所、便民综合服务中心、土管所等\n|\n|\n"
           "积极探索特定群体的线下公开渠道;持续发布相关政策文件及工作成果。\n|\n便民综合服务中心\n|\n|\n"
           "强化权力配置信息公开\n|\n细化权力配置信息公开,动态更新本镇各部门权责事项清单。\n|\n党政办公室\n|\n|\n")
    tasks = plan_of(q23).tasks
    assert [(t.section[-1], t.title[:8], [m.name for m in t.units]) for t in tasks] == [
        ("推进政策公开", "常态化公开就业、", ["财政所", "便民综合服务中心", "土管所"]),
        ("推进政策公开", "积极探索特定群体", ["便民综合服务中心"]),
        ("强化权力配置信息公开", "细化权力配置信息", ["党政办公室"])]
    o23 = ("江门市卫生健康局2021年政务公开工作要点分工方案\n工作任务 | 具体要求 | 责任科室 |\n"
           "三、做好政府网站专栏信息公开 | 3.每年至少更新一次“开放江门”数据集。 | 局规划科 |\n"
           "4.及时反馈网民对调查征集信息的意见。 | 局主办科室 | |\n")
    tasks = plan_of(o23).tasks
    assert [(t.section[-1], t.title[:8], [m.name for m in t.units]) for t in tasks] == [
        ("三、做好政府网站专栏信息公开", "每年至少更新一次", ["局规划科"]),
        ("三、做好政府网站专栏信息公开", "及时反馈网民对调", ["局主办科室"])]


def test_a_row_per_line_table_whose_header_cells_wrap():
    """n22 万州 2025: a progress table copied a row per line with spaces between cells, whose header
    cells hold line breaks (``… 2025年投资计划(万元) 责任`` / ``单位`` / ``月度进展情况(1-3月) 投资完成情况 备注`` /
    ``完成额度`` …) and whose rows follow a totals row (``合计 182852``) and a section row. One real
    document of this header layout was found; a header that does not wrap is read as before."""
    n22 = ("万州区2025年重点民生实事目标任务及月度推进情况表\n\n"
           "序号 项目名称 2025年工作目标任务 2025年投资计划(万元) 责任\n单位\n月度进展情况(1-3月) 投资完成情况 备注\n"
           "完成额度\n(万元)\n占比(%\n合计 182852 \n\n55219.1 30.2 \n一、市级重点民生实事 16842 \n\n4906.1 29.1 \n"
           "1 实施城镇老旧小区改造 新开工改造城镇老旧小区67个、153万平方米。 11604 区住房城乡建委 新开工改造城镇老旧小区42个。 3500  30.2 \n"
           "2 农村公路加装护栏 实施农村公路生命安全防护工程201公里。 3417 区交通运输委 已完成全部里程的施工图审查工作。 680 19.9 \n")
    tasks = plan_of(n22).tasks
    assert [(t.title, roles(t.units)) for t in tasks] == [
        ("实施城镇老旧小区改造", [("区住房城乡建委", "responsible")]), ("农村公路加装护栏", [("区交通运输委", "responsible")])]
    assert tasks[0].section[-1] == "一、市级重点民生实事 16842"
    plain = "序号 指标名称 2024年目标 责任单位\n1 地区生产总值增长6% 6% 区发改局\n"
    assert [roles(t.units) for t in plan_of(plain).tasks] == [[("区发改局", "responsible")]]


def test_department_task_tables_with_levels_of_points_and_collectives_of_levels():
    """r23 中山市医疗保障局 2022 (工作要求 | 一级要点 | 二级要点 | 责任科室: levels of the task's name, the
    deepest naming the row) and r22 安徽省教育厅 2024 (a unit cell ending ``;各市、县(市、区)教育局;各高校``:
    the bureaus of every city and county are one collective; 各高校 is a unit). One real document of
    each wording was found; the pipe rows are the family of test_pipe_rows_whose_merged_cells_are_printed_once."""
    r23 = ("2022年政务公开工作要点分工方案\n工作要求 | 一级要点 | 二级要点 | 责任科室 |\n"
           "一、优化政务公开工作基础 | (一)深化行政规章、规范性文件集中公开。 | 1.规范行政法规使用,确保使用的行政法规文本为最新版本。 | "
           "法规和基金监管科牵头,办公室配合 |\n"
           "2.摸清本单位规范性文件底数,健全动态更新工作机制。 | 办公室牵头,各科室按职责分工落实 | ||\n")
    assert [roles(t.units) for t in plan_of(r23).tasks] == [
        [("法规和基金监管科", "lead"), ("办公室", "cooperating")], [("办公室", "lead"), ("各科室", "responsible")]]
    r22 = ("安徽省教育厅2024年政务公开重点工作任务分解\n工作任务 | 具体要求 | 责任单位 | 时限要求 |\n"
           "一、围绕中心工作抓好主动公开。 | 1.紧扣民生领域,持续加大实施安心托幼行动等信息公开力度。 | "
           "办公室、基教处、职成处;各市、县(市、区)教育局;各高校 | 持续推进 |\n")
    assert [m.name for t in plan_of(r22).tasks for m in t.units] == [
        "办公室", "基教处", "职成处", "各市、县(市、区)教育局", "各高校"]
    assert [r.name for r in split_raw("市教育局、县(市、区)教育局", 0)] == ["市教育局", "县(市、区)教育局"]


def test_units_named_before_a_description_of_the_others():
    """``X等<description>部门`` names X only: u23 奉贤 2025 (``区房管局等公共企事业单位行业主管部门``) and u22
    西城 2022 style (``区数据局等相关部门``)."""
    assert [r.name for r in split_raw("区水务局、区房管局等公共企事业单位行业主管部门", 0)] == ["区水务局", "区房管局"]
    assert [r.name for r in split_raw("区数据局等相关部门", 0)] == ["区数据局"]


def test_a_task_named_like_a_unit_before_its_text():
    """a32 金东 2024 (a cell per line: 事项分类 | 事项名称 | 项目内容 | 牵头单位 | 协同单位): the task
    ``新(改、扩)建一批中小学校`` ends like a unit (学校) but comes before the task's text, so it names the
    task; a31 江北 2023 (项目 | 责任单位 | 建设内容, the unit column before the text) keeps its unit cell."""
    a32 = ("2024年金东区政府民生实事任务分解方案\n\n序号\n\n事项分类\n\n事项名称\n\n项目内容\n\n牵头单位\n\n协同单位\n\n1\n\n"
           "打造区域教育高地\n\n新(改、扩)建一批中小学校\n\n实施新(改、扩)建中小学校5家。\n\n区教体局\n\n东孝街道\n\n孝顺镇\n\n2\n\n"
           "中小学校清廉阳光厨房建设\n\n对28所中小学校食堂安装数字化验收平台。\n\n区教体局\n\n/\n\n")
    tasks = plan_of(a32).tasks
    assert [(t.title, roles(t.units)) for t in tasks][0] == (
        "新(改、扩)建一批中小学校", [("区教体局", "lead"), ("东孝街道", "cooperating"), ("孝顺镇", "cooperating")])
    a31 = ("2023年区政府民生实事候选项目目标任务与责任分解表\n\n序号\n\n项目\n\n责任单位\n\n建设内容\n\n1\n\n完善交通基础设施\n\n"
           "区住建局\n\n实施寺慈线路面提升及振兴桥危桥改造工程。\n\n2\n\n提升区域防洪能力\n\n区农业农村局\n\n"
           "实施洋市中心河道整治工程(北环路—洪发路)。\n")
    assert [(t.title, roles(t.units)) for t in plan_of(a31).tasks] == [
        ("完善交通基础设施", [("区住建局", "responsible")]), ("提升区域防洪能力", [("区农业农村局", "responsible")])]


def test_a_lone_main_responsibility_label_names_the_responsible_unit():
    """e31 遂宁 2019 (a 繁體 repost): one ``主責單位:X`` line under each problem to put right, and no
    牵头 or 配合 label anywhere — the unit is responsible, as a lone 责任单位 is, and beside a 配合单位 too, as
    责任单位 is (the label grammar in ontology/unit_shapes.json). One
    real document of the lone wording was found."""
    e31 = ("包括\n\n1、市城區部分路段隔離設施缺失,機動車、非機動車違法佔道通行問題。\n\n主責單位:市公安局\n\n"
           "3、部分老舊小區小廣告亂張亂貼,缺少監控設施,治安管理不到位問題。\n\n主責單位:市住房城鄉建設局\n")
    assert [roles(t.units) for t in plan_of(e31).tasks] == [[("市公安局", "responsible")],
                                                             [("市住房城鄉建設局", "responsible")]]
    assert roles(mentions_from_labels("主责单位:市工信局\n配合单位:市科技局", 0)) == [
        ("市工信局", "responsible"), ("市科技局", "cooperating")]
    assert roles(mentions_from_labels("牵头单位:区发改局\n主责单位:各街道", 0)) == [
        ("区发改局", "lead"), ("各街道", "cooperating")]


def test_a_row_per_line_table_whose_header_words_are_letter_spaced():
    """i31 国务院办公厅 2016 (国办函〔2016〕38号 as a law library reprints it): a table printed a row per
    line with spaces between cells, its header typeset ``序号 工 作 任 务 牵头负责部门``; the spaced letters
    are one word. g04 上城 prints its pipe header the same way (``| 任 务 名 称 | 指 标 要 求 | 牵 头 部 门 |``),
    read by the pipe rows' reader (its row abridged here to three of its eight units)."""
    i31 = ("2016年《政府工作报告》量化指标任务分工\n\n序号 工 作 任 务 牵头负责部门\n"
           "1 居民消费价格涨幅3%左右 发展改革委\n2 城镇新增就业1000万人以上 人力资源社会保障部\n"
           "3 安排财政赤字2.18万亿元,赤字率提高到3% 财政部\n")
    assert [(t.title, roles(t.units)) for t in plan_of(i31).tasks] == [
        ("居民消费价格涨幅3%左右", [("发展改革委", "lead")]), ("城镇新增就业1000万人以上", [("人力资源社会保障部", "lead")]),
        ("安排财政赤字2.18万亿元,赤字率提高到3%", [("财政部", "lead")])]
    g04 = ("序号 | 任 务 名 称 | 指 标 要 求 | 牵 头 部 门 | 配 合 部 门 | 目 标 类 型 |\n"
           "1 | 地区生产总值 | 增长5.5%(市下达指标) | 区发改经信局 | 区财政局、区统计局、各街道办事处 | A类 |\n")
    assert [roles(t.units) for t in plan_of(g04).tasks] == [[("区发改经信局", "lead"), ("区财政局", "cooperating"),
                                                             ("区统计局", "cooperating"), ("各街道办事处", "cooperating")]]


def test_a_grant_standard_raised_from_one_figure_to_another_is_a_target():
    """k32 西安 2025 为民实事 (``缴费费率由7%降至6%``, ``补助标准由每人每年670元提高到700元``) and e03 肇庆 2020
    (``补贴标准分别从每人每年2100元、2800元提高到每人每年2200元、2900元``): a subsidy or a rate raised or
    cut from a baseline is the plan's target, though its words are a grant's; the same change as the
    condition of a grant stays a term of it (c06 西安 2018 ``對每3年內產值由3億元以下增加到5億元以上…``)."""
    k32 = ("将参保单位缴费费率由7%降至6%,将灵活就业人员缴费费率由9%降至8%,为全市各类用人单位及灵活就业人员减负约39.13亿元。"
           "城乡居民医保补助标准由每人每年670元提高到700元")
    assert [(i.value, i.baseline) for i in extract_indicators(k32)] == [(6, 7), (8, 9), (39.13, None), (700, 670)]
    e03 = "将困难残疾人生活补贴和重度残疾人护理补贴标准分别从每人每年2100元、2800元提高到每人每年2200元、2900元。"
    assert [(i.value, i.baseline) for i in extract_indicators(e03)] == [(2200, 2100), (2900, 2800)]
    c06 = "對每3年內產值由3億元以下增加到5億元以上,且年均增速20%以上的企業,連續三年分檔給予100-200萬元獎勵。"
    assert 5 not in [i.value for i in extract_indicators(c06)]


def test_a_page_joined_on_one_line_with_wide_gaps_and_a_section_that_names_its_lead():
    """g31 重庆 2025 (渝府办发〔2025〕27号): the page's blocks and its table's cells run on one line three
    spaces apart — each block is a line, the cells one per line; a section row ``(一)市场准入(牵头单位:
    市市场监管局)`` names the lead of the rows under it, which repeat it in their 责任单位 column. One real
    document of each was found; a long line with a few wide gaps (a signature's spacing) is read as before."""
    g31 = ("重庆市2025年度优化营商环境工作任务清单   序号   2025年度工作任务   责任单位   一、对标先进优化提升专项行动   "
           "(一)市场准入(牵头单位:市市场监管局)   1   加快建设“渝企在线”数字应用,完善登记注册申请表单智能预填、股东会决议等"
           "申请材料智能生成、人员任职资格等申请条件智能预检等功能,提升查询、统计、监测等分析调度能力,强化服务企业支撑。   "
           "市市场监管局   2   深化注册资本认缴登记制度改革,切实推动注册资本异常判定、出资期限豁免调整、另册管理制度细化落实,"
           "规范股东依法履行出资义务,维护市场交易安全。   市市场监管局   3   完善企业名称登记规范,深化不含行政区划企业名称"
           "登记管理,建立川渝两地企业名称争议裁决机制,提升名称登记便利度和规范化。   市市场监管局   4   深化个转企“一件事”,"
           "为有转型升级意愿的个体工商户提供变更企业联办服务,加强转企后行政许可事项衔接,便利经营主体延续经营。   市市场监管局")
    assert len(g31) >= 400
    tasks = plan_of(g31).tasks
    assert [(t.number, roles(t.units)) for t in tasks] == [(n, [("市市场监管局", "lead")]) for n in ("1", "2", "3", "4")]
    assert tasks[0].title == "加快建设“渝企在线”数字应用"
    pieces = list(physical_lines("各区县人民政府:" + "现将方案印发给你们,请认真贯彻执行。" * 30 + "   重庆市人民政府办公厅   2025年5月12日"))
    assert len(pieces) == 1


def test_the_share_of_the_years_target_done_is_progress():
    """f01 六安 2024 (``全市新增技能人才14826人,完成年度任务的74.13%``) and k22 黔东南 2023 on a 繁體 mirror with
    pinyin glosses (``完成年度任務(wù)的105.16%``): a progress report's share of the year's target is no
    target; 完成年度投资30亿元以上 (the shipped 000 plan) still is."""
    f01 = "截至6月30日,全市新增技能人才14826人,完成年度任务的74.13%。"
    assert 74.13 not in [i.value for i in extract_indicators(f01)]
    k22 = "推進(jìn)情況:目前累計完成城鎮(zhèn)公益性崗位安置就業(yè)困難人員6415人,完成年度任務(wù)的105.16%。"
    reading = traditional.simplified_reading(k22)
    assert reading is not None and 105.16 not in [i.value for i in extract_indicators(reading.text)]
    assert 30 in [i.value for i in extract_indicators("2024年,全县滚动推进重大项目建设15个以上,完成年度投资30亿元以上")]


def test_measures_closed_by_one_label_block_fold_into_their_item():
    """j03 运城 2017 (``1.完善应急预案体系`` over ``(1)…`` … ``(4)…`` and ``(责任单位:…)``) and e32 荆州 创文
    督查 (``1. 市科技馆`` over ``(1)…(3)…`` and ``问题整改责任单位:市科技馆 整改时限:3天``): an item that is
    only a title over its measures, the units named once after them, is one task; numbered items under
    one label block stay tasks each (n04 山西 2008 ``1.…`` ``2.…`` then ``协同单位:…``)."""
    j03 = ("(一)“一案三制”建设\n1.完善应急预案体系\n"
           "(1)加强应急预案管理,规范应急预案编制、审批、发布、备案、修订和评估工作,增强应急预案的针对性、实用性和可操作性。\n"
           "(2)推进政府及其部门应急预案“精编化”,及时修订完善现有应急预案,促进单位和基层应急预案编制全覆盖。\n"
           "(3)加强应急预案演练,完善演练管理制度,推进“双盲”演练,强化针对性、实战性。\n"
           "(4)加强应急预案的培训宣传,扩大应急预案发布范围,提高全社会对应急预案的知晓率。\n"
           "(责任单位:市直各有关单位、各县(市、区)人民政府、各开发区管委会)\n")
    tasks = plan_of(j03).tasks
    assert [(t.title, [m.name for m in t.units]) for t in tasks] == [
        ("完善应急预案体系", ["市直各有关单位", "各县(市、区)人民政府", "各开发区管委会"])]
    assert "(4)加强应急预案的培训宣传" in tasks[0].text
    e32 = ("具体问题如下:\n\n1. 市科技馆\n\n(1)院内电动车未按指定区域停放;\n\n(2)灭火器过期未更换;\n\n"
           "(3)意见簿投诉记录和回复处理记录不规范。\n\n问题整改责任单位:市科技馆 整改时限:3天\n\n2. 市第二人民医院\n\n"
           "(1)院内禁烟标识数量不达标;\n\n(2)宣传牌内容不规范;\n\n(3)学雷锋志愿服务岗缺乏志愿者信息台账。\n\n"
           "问题整改责任单位:市卫生健康委员会 整改时限:5天\n")
    assert [(t.title, roles(t.units)) for t in plan_of(e32).tasks] == [
        ("市科技馆", [("市科技馆", "responsible")]), ("市第二人民医院", [("市卫生健康委员会", "responsible")])]
    n04 = ("(三)省编办牵头的工作\n1.深化行政管理体制改革,优化政府机构设置。\n2.积极稳妥地推进乡镇机构改革。\n"
           "协同单位:省财政厅、省人事厅、省农业厅等省直有关部门和各市人民政府。\n")
    assert [t.title for t in plan_of(n04).tasks] == ["深化行政管理体制改革,优化政府机构设置", "积极稳妥地推进乡镇机构改革"]


def test_years_of_schooling_are_a_target():
    """y31 武汉 十四五纲要任务分工 2022 on a 繁體 mirror (``勞動年齡人口平均受教育年限12.5年``) and the State
    Council's 2021 政府工作报告 as a 繁體 news page quotes it (``勞動年齡人口平均受教育年限提高到11.3年``): years of schooling
    are a target in years; other figures in years stay durations (5年内, m01 广州 2012) or dates."""
    y31 = traditional.simplified_reading("勞動年齡人口平均受教育年限12.5年")
    assert [(i.value, i.unit) for i in extract_indicators(y31.text)] == [(12.5, "年")]
    state = traditional.simplified_reading("要建設高品質教育體系,深化教育改革,實施教育提質擴容工程,勞動年齡人口平均受教育年限提高到11.3年。")
    assert [(i.value, i.unit) for i in extract_indicators(state.text)] == [(11.3, "年")]
    assert [i.value for i in extract_indicators("加强市管企业领导人员队伍建设,5年内重点引进100名市管")] == [100]   # m01 广州


M32 = """┌─────────────────────┬───┬────────┬────┐
│ 工 作 任 务 │分管领│牵头组织实施单位│完成时限│
│ │ 导 │ │ │
├─────────────────────┼───┼────────┼────┤
│抓好财税金融工作,增强发展保障能力 │梁志强│各县(市、区)政│年内见成│
├─────────────────────┤ │府,市财政局、国│ 效 │
│△进一步调整财政支出结构,加大财政在“三农│ │家税务局、地方税│ │
│”、教育、卫生、科技、文化、就业再就业、社│ │务局、金融办、人│ │
│会保障、生态环境、公共基础设施、社会治安等│ │民银行、银监局 │ │
│方面的投入 │ ├────────┤ │
│△加强财政监督,提高财政资金使用效益 │ │各县(市、区)政│ │
│△加强税源监控,完善护税协税网络 │ │府,市财政局、教│ │
│△加快信用体系建设,保护金融债权,建设良好│ │育局 │ │
│金融生态 │ │ │ │
├─────────────────────┤ │ │ │
│坚持优先发展教育,提高全民素质 │ │ │ │
├─────────────────────┤ │ │ │
│△各级财政将安排13.3亿元支持教育发展。其中│ │ │ │
│市直财政安排8810万元,重点解决学校建设债务│ │ │ │
│、教师补贴以及教师定编问题 │ │ │ │
└─────────────────────┴───┴────────┴────┘
"""


def test_a_table_drawn_with_box_characters():
    """m32, a city's 政府工作任务 table on a law database's copy: borders ``┌─┬─┐``, cells wrapped over
    lines, merged cells left open across their neighbours' borders, items marked △ under a group row.
    Each △ item is a task with the unit cell open where it begins; the group row names its items'
    section. One real document drawn so was found; the other text of a file is read as before."""
    from graph.ingest.txt import read_txt

    read = read_txt(("附件\n" + M32).encode("utf-8"))
    assert read.text.startswith("附件\n工 作 任 务\n分管领导\n牵头组织实施单位\n完成时限\n")
    source = SourceText(path="m32.txt", name="m32.txt", sha256="0" * 64, text=read.text, format="txt",
                        tables=read.tables)
    tasks = parse_plan(source).tasks
    assert [t.title for t in tasks] == ["进一步调整财政支出结构", "加强财政监督,提高财政资金使用效益",
                                        "加强税源监控,完善护税协税网络", "加快信用体系建设,保护金融债权,建设良好金融生态",
                                        "各级财政将安排13.3亿元支持教育发展"]
    assert [m.name for m in tasks[0].units][-1] == "银监局" and [m.name for m in tasks[1].units] == [
        "各县(市、区)政府", "市财政局", "教育局"]
    assert all(m.role == "lead" for t in tasks for m in t.units)
    assert tasks[0].section[-1] == "抓好财税金融工作,增强发展保障能力"
    assert tasks[4].section[-1] == "坚持优先发展教育,提高全民素质"
    assert read_txt("一、总体要求\n\n二、主要任务\n".encode("utf-8")).text == "一、总体要求\n\n二、主要任务\n"


def test_pipe_rows_with_a_row_of_one_cell_closed_by_its_pipe():
    """b42 台山 文广旅体局 2021 and q22 台山 2021 (other wording, other rows): a table copied a row per
    line whose short rows hold one cell closed by its pipe (``2.做好…主动公开工作。 |``) — each is a row
    that takes the cells merged over it from the row above, not the start of the next row; 属下单位 is
    a unit (the bureau's subordinate units, b42)."""
    b42 = '工作任务 | 具体要求 | 责任部门 |\n一、做好各类规划主动公开。 | 1.主动公开“十四五”规划纲要、各项规划、政策解读等相关信息。 | 办公室牵头,其他股室及属下单位配合 |\n2.做好“十一五”规划至“十三五”规划等各项规划的归集整理和主动公开工作。 |\n二、做好市场规则标准和监管执法信息公开。 | 3.及时公开建设高标准市场体系行动方案的落实举措。 | 广电旅游和公共服务股(行政审批服务股) |\n'
    tasks = plan_of(b42).tasks
    assert [t.number for t in tasks] == ["1", "2", "3"]
    assert roles(tasks[1].units) == roles(tasks[0].units) == [("办公室", "lead"), ("其他股室", "cooperating"),
                                                              ("属下单位", "cooperating")]
    q22 = ("工作任务 | 具体要求 | 责任单位 |\n" + '三、做好财政信息公开。 | 7.积极推进部门单位财政预算、决算及相关报表公开。 | 市财政局牵头,市直各部门落实;各镇(街)参照落实 |\n8.持续深化地方政府债务信息公开,通过集中统一平台定期公开地方政府债务限额、余额、品种、期限、利率、使用安排、偿还计划、还本付息、偿债资金来源等信息。 |\n9.加大惠民惠农资金发放信息公开力度,及时公布财政资金直达基层的分配、下达和使用管理信息。 | 市财政局牵头,市民政局、市农业农村局等有关部门落实;各镇(街)参照落实 |\n10.市财政局要有效推动有关业务主管部门,落实补贴信息公开向村和社区延伸,并与村(居)务公开有效衔接。 |\n')
    tasks = plan_of(q22).tasks
    assert [t.title[:6] for t in tasks] == ["积极推进部门", "持续深化地方", "加大惠民惠农", "市财政局要有"]
    assert [m.name for m in tasks[1].units] == [m.name for m in tasks[0].units]
    assert [m.name for m in tasks[3].units] == [m.name for m in tasks[2].units]
    assert roles(mentions_from_list("计划财务股、属下单位", 0)) == [("计划财务股", "responsible"), ("属下单位", "responsible")]
    i41 = '序号 | 目标与任务 | 牵头责任单位 | 责任单位 |\n一、主要预期目标 | |||\n(1) | 地区生产总值增长6%以上。 | 市发展改革委 | 各县市区政府、 开发区管委会 |\n(2) | 固定资产投资增长6%左右。 | 市发展改革委 | 各县市区政府、 开发区管委会 |\n(3) | 规上工业增加值增长9%以上。 | 市工业和信息化局 | 各县市区政府、 开发区管委会 |\n(4) | 社会消费品零售总额增长5%左右。 | 市商务局 | 各县市区政府、 开发区管委会 |\n(5) | 一般公共预算收入增长3%左右。 | 市财政局 | 各县市区政府、 开发区管委会 |\n(6) | 居民人均可支配收入与经济增长相匹配。 | 市人力资源社会保障局 市农业农村局 | 各县市区政府、 开发区管委会 |\n(7) | 单位GDP能耗和主要污染物减排完成省下达指标。 | 市发展改革委 市生态环境局 | 各县市区政府、 开发区管委会 |\n二、重点做好以下九个方面工作 | |||\n(一)加强经济运行调节,持续推动经济发展质的有效提升和量的合理较快增长。 | |||\n1 | 大力提振消费。 | ||\n'
    tasks = plan_of(i41).tasks   # 芜湖 2025: rows closed by their empty cells' pipes; (1) numbers a row
    numbers = [t.number for t in tasks]
    assert numbers[:7] == ["(1)", "(2)", "(3)", "(4)", "(5)", "(6)", "(7)"] and "(一)" not in numbers
    assert [(t.title, t.section[-1]) for t in tasks[:2]] == [("地区生产总值增长6%以上", "一、主要预期目标"),
                                                           ("固定资产投资增长6%左右", "一、主要预期目标")]


def test_a_section_sentence_over_numbered_requirements_stays_in_the_table():
    """b41 广州 交通运输局 2022: a table copied a cell per line whose 工作任务 column holds sentences
    (``(一)加强涉及市场主体的信息公开。``) over numbered 具体要求 and their 牵头处室 / 配合处室 cells — the
    sentence is a section row, not prose after the table. One real document of this layout was found."""
    b41 = '广州市交通运输局贯彻落实广州市2022年政务公开工作要点分工方案\n\n工作任务\n\n具体要求\n\n牵头处室(单位)\n\n配合处室(单位)\n\n备注\n\n一、以公开助力经济平稳健康发展\n\n(一)加强涉及市场主体的信息公开。\n\n1.加大受疫情影响重的餐饮、住宿、零售、文化、旅游、客运等行业帮扶政策的公开力度,促进稳就业和消费恢复。\n\n局道路运输处、公共交通处、轨道交通管理处\n\n市交通管理总站、市客管处、市维驾处\n\n2.建立市场主体反映投资和工程建设项目审批问题的办理和反馈机制,及时回应和解决“堵点”问题。\n\n局计划投资处、建设管理处、路政管理处、轨道交通管理处\n\n局审批管理处\n\n'
    tasks = plan_of(b41).tasks
    assert [t.number for t in tasks] == ["1", "2"]
    assert roles(tasks[1].units) == [("局计划投资处", "lead"), ("建设管理处", "lead"), ("路政管理处", "lead"),
                                     ("轨道交通管理处", "lead"), ("局审批管理处", "cooperating")]
    assert tasks[0].section[-1] == "(一)加强涉及市场主体的信息公开。"


def test_a_row_title_without_the_pipe_that_closed_its_cell():
    """k31 祁门 民生工程推进情况表: a table copied a cell per line, each cell closed by ``|``; a row's
    title is its cell's first printed line without that pipe. One real document of this layout was
    read so far; its rows are not yet aligned (README, known gaps), its titles are clean."""
    k31 = '序号 |\n类别 |\n项目名称 |\n目标任务 |\n牵头单位 |\n目标任务 |\n累计完成 |\n累计进度 |\n备注 |\n1 |\n一、就业促进(3项) |\n促进重点群体稳定就业 |\n城镇新增就业1100人 |\n县人社局 |\n1100 |\n1063 |\n96.64% |\n|\n“三公里”充分就业社区4个 |\n4 |\n4 |\n100% |\n|\n2 |\n'
    assert [t.title for t in plan_of(k31).tasks][0] == "促进重点群体稳定就业"
    assert not any("|" in t.title for t in plan_of(k31).tasks)


def test_a_group_cell_that_reads_like_a_column_name_opens_the_first_row():
    """f51 莲都区 2023 (分类 | 序号 | 事项 | 责任单位 | 牵头单位, one cell per line): the first row's group
    cell ``发展目标`` comes between the header and the row's 序号 and reads like a column name; the
    header has one column before 序号, so one cell before the first row's number is the row's, and
    the rows keep their units. One real document of this layout was found so far."""
    f51 = '2023年莲都区政府工作报告重点工作责任分解\n\n分类\n\n序号\n\n事项\n\n责任单位\n\n牵头单位\n\n发展目标\n\n1\n\n地区生产总值增长6.5%以上。\n\n区农业农村局、区经商局、区市场监管局、区建设局、区发改局、区交通局、莲都邮政管理局、区商金中心、区人力社保局\n\n区发改局\n\n2\n\n区本级固定资产投资增长25%。\n\n区发改局\n\n区发改局\n\n3\n\n区本级规上工业增加值增长10%。\n\n区经商局、莲都经开区管委会\n\n区经商局\n\n'
    tasks = plan_of(f51).tasks
    assert [t.title for t in tasks] == ["地区生产总值增长6.5%以上", "区本级固定资产投资增长25%", "区本级规上工业增加值增长10%"]
    assert roles(tasks[0].units)[:2] == [("区发改局", "lead"), ("区农业农村局", "cooperating")]
    assert roles(tasks[2].units) == [("区经商局", "lead"), ("莲都经开区管委会", "cooperating")]


def test_a_sentence_closing_a_section_names_the_units_of_its_heading():
    """u45 a city's 市容整治分工 (``(二)环境保护`` over ``1.…`` … ``4.…`` and ``此项工作由市环保局牵头,…配合。``)
    and a51 天津 民生实事 (``八、改善居民供热…`` over one paragraph and ``此项工作由市建委负责组织,…``):
    the closing sentence names the units of the heading above the items it closes; a heading
    without items keeps its paragraph and the sentence's units."""
    u45 = ("(二)环境保护\n1.加强节能减排管理,生产加工企业耗费能源得到有效控制,污染物排放科学合理,符合国家及省、市的环保要求。\n"
           "2.加强建筑装饰市场管理,市场经营的建筑、装修材料均符合国家规定的环保指标。\n"
           "3.加强有害废弃物管理,固体废物收贮有防扬散、防雨淋、防渗透设施,设立规范的标志、标识。\n"
           "4.加强城市噪声监控,固定噪声源控制达标,不扰民;主次干道、商业区商业噪音明显减少。\n"
           "此项工作由市环保局牵头,市建委、市城管局、市工商局、市卫生局和各区政府配合。\n"
           "(三)市容市貌\n1.加强城市立面容貌管理,城市建筑物整洁美观,立面无明显污迹、残损、脱落、严重变色等。\n"
           "2.加强户外牌匾广告管理,广告、牌匾、橱窗设置整齐、规范,与建筑风格相协调。\n")
    tasks = [t for t in plan_of(u45).tasks if t.units]
    assert [(t.title, roles(t.units)[:2]) for t in tasks] == [
        ("环境保护", [("市环保局", "lead"), ("市建委", "cooperating")])]
    assert "4.加强城市噪声监控" in tasks[0].text
    a51 = ("八、改善居民供热、供气、供水条件\n全年新增住宅供热面积800万平方米,其中新建住宅供热700万平方米,补建老住宅供热100万平方米,"
           "使我市集中供热普及率达到92.5%。\n此项工作由市建委负责组织,市国土房管局、燃气集团、自来水集团、各区人民政府具体实施。\n"
           "九、解决部分区域雨后积水问题\n改造市中心240片低洼积水片,新建和更新排水管道76.5公里,设置收水井2600座。\n"
           "此项工作由市市容委、市市政公路局负责组织,各相关区人民政府具体实施。\n")
    assert [(t.title, [m.name for m in t.units]) for t in plan_of(a51).tasks if t.units] == [
        ("改善居民供热、供气、供水条件", ["市建委"]), ("解决部分区域雨后积水问题", ["市市容委", "市市政公路局"])]


def test_units_that_carry_out_beside_a_lead_stay_responsible():
    """i24 a 浙江 city's 大气污染防治 2020 (``市生态环境局牵头,…等参与,县(市、区)政府负责落实``) and j52 珠海 2007
    (``市卫生局牵头组织,市城管局、市建设局、各区政府、各经济功能区管委会负责落实``): units that 负责落实 carry the
    task out and are responsible (CONVENTIONS.md), where ``X牵头,Y负责`` makes Y a partner of the lead."""
    i24 = "(市生态环境局牵头,市发改委、市经信局、市自然资源和规划局等参与,县(市、区)政府负责落实。以下均需县(市、区)政府落实,不再列出)"
    assert roles(mentions_from_prose(i24, 0)) == [
        ("市生态环境局", "lead"), ("市发改委", "cooperating"), ("市经信局", "cooperating"),
        ("市自然资源和规划局", "cooperating"), ("县(市、区)政府", "responsible")]
    j52 = "(市卫生局牵头组织,市城管局、市建设局、各区政府、各经济功能区管委会负责落实)。"
    assert roles(mentions_from_prose(j52, 0)) == [
        ("市卫生局", "lead"), ("市城管局", "responsible"), ("市建设局", "responsible"), ("各区政府", "responsible"),
        ("各经济功能区管委会", "responsible")]
    assert roles(mentions_from_prose("(市卫生局牵头,市城管局、市建设局负责)", 0))[1:] == [
        ("市城管局", "cooperating"), ("市建设局", "cooperating")]


def test_units_that_organise_beside_a_lead():
    """d37 上海 2023 城镇燃气 (``(市公安局牵头负责,市市场监管局、市住房城乡建设管理委、各区政府组织落实)``, ``(…、市财政局
    牵头负责,市民政局按职责组织配合)``): 组织 before a role verb qualifies it as 按职责 does, so the units before
    组织落实 are the lead's partners and a local government among them carries the task out; 组织 alone is no verb."""
    got = roles(mentions_from_prose("（市公安局牵头负责，市市场监管局、市住房城乡建设管理委、各区政府组织落实）", 0))
    assert got == [("市公安局", "lead"), ("市市场监管局", "cooperating"), ("市住房城乡建设管理委", "cooperating"),
                   ("各区政府", "responsible")]
    got = roles(mentions_from_prose("（市住房城乡建设管理委、市财政局牵头负责，市民政局按职责组织配合）", 0))
    assert got == [("市住房城乡建设管理委", "lead"), ("市财政局", "lead"), ("市民政局", "cooperating")]
    assert roles(mentions_from_prose("各区政府要组织落实相关工作。", 0)) == []


def test_units_a_sentence_says_are_the_department_in_charge():
    """f43 金山 2017 道路交通设施 (``(一)区交通委是全区道路建设管理工作的行政主管部门,负责…``), e45 宝山 2021 低效产业用地
    (``各镇政府、园区管委会是低效产业用地处置工作责任主体,负责…``) and a45 崇明 2023 (``区住房保障房屋管理局是旧住房成套
    改造工作牵头部门,负责…``): units a sentence opens with as the department or body in charge carry the duties after
    its comma, responsible, or lead where it says they lead; the sentence's first clause titles the task."""
    f43 = ("二、管理职责\n（一）区交通委是全区道路建设管理工作的行政主管部门，负责区管道路交通标志、交通标线、可变车道等交通"
           "设施的规划、建设和管理；指导和监督街镇（工业区）及新城区发展公司管辖道路相应交通设施规划、建设和管理工作。\n")
    assert [(t.title, roles(t.units)) for t in plan_of(f43).tasks] == [
        ("区交通委是全区道路建设管理工作的行政主管部门", [("区交通委", "responsible")])]
    e45 = "各镇政府、园区管委会是低效产业用地处置工作责任主体，负责辖区内低效产业用地的认定和处置。"
    assert roles(mentions_from_prose(e45, 0)) == [("各镇政府", "responsible"), ("园区管委会", "responsible")]
    a45 = "区住房保障房屋管理局是旧住房成套改造工作牵头部门，负责编制旧住房成套改造总体实施方案。"
    assert roles(mentions_from_prose(a45, 0)) == [("区住房保障房屋管理局", "lead")]
    assert roles(mentions_from_prose("这是本区的重点工作部门,负责协调。", 0)) == []


def test_units_by_their_functions_as_by_their_duties():
    """h51 福建 2011 全民健身 (``(省体育局、数字办、通信管理局等部门按职能分工负责)``, ``(…,各设区市人民政府、
    平潭综合实验区管委会按职能分工负责)``): 按职能分工负责 is read as 按职责分工负责 is."""
    plan = plan_of("(五)实施全民健身信息工程。加快全民健身公共信息服务网络建设。(省体育局、数字办、通信管理局等部门按职能分工负责)\n"
                   "五、加大财政投入\n加大各级财政全民健身事业投入,群众体育财政经费年增长比例不小于5%。(省财政厅、体育局,各设区市人民政府、"
                   "平潭综合实验区管委会按职能分工负责)\n")
    assert [(t.title, [m.name for m in t.units]) for t in plan.tasks if t.units] == [
        ("实施全民健身信息工程", ["省体育局", "数字办", "通信管理局"]),
        ("加大财政投入", ["省财政厅", "体育局", "各设区市人民政府", "平潭综合实验区管委会"])]
    assert roles(mentions_from_prose("(省财政厅、省民政厅按职责分工负责)", 0)) == [
        ("省财政厅", "responsible"), ("省民政厅", "responsible")]


def test_a_unit_named_alone_as_a_heading_carries_the_items_below_it():
    """m54 黑龙江 2009 新农村建设 (``三、省委政法委`` over its paragraph, ``五、省发改委`` over ``(一)…`` ``(二)…``) and
    k53 淮南 2006 考核目标 (``凤台县政府`` on a line of its own over ``1.…`` ``2.…``, then ``大通区政府``): the unit
    a heading names alone is responsible for the items below it, or for its own paragraph."""
    m54 = ("三、省委政法委\n深入开展“平安乡村”创建活动,提高“平安乡村”建设标准和水平。\n五、省发改委\n"
           "(一)安排建设资金12亿元,建设通村公路1.2万公里。\n"
           "(二)安排农村饮水安全工程建设资金1.4亿元、优质粮食产业工程和商品粮基地建设资金1亿元。重点向试点村倾斜。\n"
           "六、省财政厅\n(一)2009年全部完成化解农村义务教育“普九”债务工作任务。\n")
    tasks = [t for t in plan_of(m54).tasks if t.units]
    assert [(t.title, roles(t.units)) for t in tasks] == [
        ("深入开展“平安乡村”创建活动,提高“平安乡村”建设标准和水平", [("省委政法委", "responsible")]),
        ("安排建设资金12亿元,建设通村公路1.2万公里", [("省发改委", "responsible")]),
        ("安排农村饮水安全工程建设资金1.4亿元、优质粮食产业工程和商品粮基地建设资金1亿元", [("省发改委", "responsible")]),
        ("2009年全部完成化解农村义务教育“普九”债务工作任务", [("省财政厅", "responsible")])]
    k53 = ("  《县区政府及市政府各部门2006年主要工作考核目标》已经市政府第116次市长办公会议研究同意,现印发给你们。\n\n"
           "  二○○六年三月二十四日\n\n县区政府及市政府各部门2006年主要工作考核目标\n\n  凤台县政府\n\n  1.地区生产总值75亿元,增长25%.(分值:5分)\n\n"
           "  2.财政收入10亿元,增长20%.(分值:10分)\n\n  3.全社会固定资产投资(县属)5亿元,增长10%.(分值:10分)\n\n"
           "  大通区政府\n\n  1.地区生产总值20.8亿元,增长15%.(分值:5分)\n")
    tasks = [t for t in plan_of(k53).tasks if t.units]
    assert [[m.name for m in t.units] for t in tasks] == [["凤台县政府"], ["凤台县政府"], ["凤台县政府"], ["大通区政府"]]
    assert "大通区政府" not in tasks[2].text
    # a61 长春 2005 妇儿工委 (page 2): a unit's line over items numbered like the items before it (``市卫生局`` after
    # ``八、…``, over ``一、…`` ``二、…``) carries them; the items before it stay without a unit
    a61 = ("八、推进特殊教育学校的整体发展水平,使省级特殊教育示范校的比例达到62.5%,创全省第一。\n市卫生局\n"
           "一、开展助产机构清理整顿工作,坚决打击、取缔非法接生;\n并进行助产人员资格审查及重新注册。\n"
           "二、继续进行农村贫困高危孕产妇医疗救助活动,提高农村\n贫困孕产妇住院分娩率,孕产妇死亡率在2004年的基础上降低3个10万分点。\n"
           "三、继续加强妇女孕产期保健工作。\n")
    assert [(t.number, [m.name for m in t.units]) for t in plan_of(a61).tasks] == [
        ("八", []), ("一", ["市卫生局"]), ("二", ["市卫生局"]), ("三", ["市卫生局"])]


def test_a_unit_line_that_goes_on_with_a_list_is_no_heading():
    """b03-style label lists broken over lines (``配合单位:市农业农村局、市商务局、`` / ``市邮政管理局``) keep the
    name in the list: a unit line after a list separator heads nothing (k53's unit lines follow an item)."""
    text = ("1.发展农产品加工流通。规模以上农产品加工企业达到45家。\n牵头单位:市工业和信息化局\n配合单位:市农业农村局、市商务局、\n"
            "市邮政管理局\n2.推进农村寄递物流。建设村级寄递物流综合服务站120个。\n牵头单位:市邮政管理局\n")
    tasks = plan_of(text).tasks
    assert [m.name for m in tasks[0].units] == ["市工业和信息化局", "市农业农村局", "市商务局", "市邮政管理局"]
    assert roles(tasks[1].units) == [("市邮政管理局", "lead")]


def test_a_unit_in_charge_with_a_partner_named_by_as_words():
    """l54 深圳 2003 环境卫生整治 (``各区政府为责任单位,市规划与国土资源局、城管办为协办单位``, ``各区政府为责任单位,
    市城管办为协办单位``): ``为协办单位`` names partners as ``协办`` does, the clause before it is no unit, and the
    unit in charge beside them leads (as 责任部门:X 配合部门:Y); a local government in charge alone stays
    responsible beside a lead (``市水务局牵头,…,各县(市)区政府负责落实``)."""
    assert roles(mentions_from_prose("各区政府为责任单位,市规划与国土资源局、城管办为协办单位。", 0)) == [
        ("各区政府", "lead"), ("市规划与国土资源局", "cooperating"), ("城管办", "cooperating")]
    assert roles(mentions_from_prose("各区政府为责任单位,市城管办为协办单位。", 0)) == [
        ("各区政府", "lead"), ("市城管办", "cooperating")]
    assert roles(mentions_from_prose("(市水务局牵头,市工信委、城乡建设局配合,各县(市)区政府负责落实)", 0))[-1] == \
        ("各县(市)区政府", "responsible")


def test_a_department_named_by_its_field_is_a_unit():
    """r44 汕头 安全生产 (``卫生部门负责对医院、诊所…的排查治理``, ``质量技术监督部门负责对特种设备…``), r43 博白 2013
    (``主要由公安部门牵头,教育、综治部门配合``) and f93 湖北 2020 (``自然资源主管部门``, ``农业农村(农经)主管部门``): a
    department named by its field (ontology/unit_shapes.json ``sector_words``), perhaps its 主管部门, reads as a unit; a
    qualifier is no field (职能部门, 健全部门 stay no unit names)."""
    r44 = ("卫生部门负责对医院、诊所、饮食店、美发美容场所事故隐患的排查治理。\n"
           "质量技术监督部门负责对特种设备安装使用场所事故隐患的排查治理。\n"
           "食品药品监管部门负责对化妆品、保健食品、药品生产经营场所事故隐患的排查治理。\n")
    assert [roles(mentions_from_prose(line, 0)) for line in r44.splitlines()] == [
        [("卫生部门", "responsible")], [("质量技术监督部门", "responsible")], [("食品药品监管部门", "responsible")]]
    r43 = "社会层面的管控整治主要由公安部门牵头,教育、综治部门配合,加强对学校周边区域的治安巡逻和常态管理"
    assert roles(mentions_from_prose(r43, 0))[0] == ("公安部门", "lead")
    assert [unit_shape(n) for n in ("人口和计生部门", "文化广电新闻出版部门", "职能部门", "健全部门")] == [2, 2, 1, 0]  # 健全 opens an action
    # f93 湖北 2020: the field's 主管部门 (with its alias) heads its duties: ``(一)农业农村(农经)主管部门。负责指导…``
    f93 = ("一、明确部门职责\n(一)农业农村(农经)主管部门。负责指导宅基地分配、使用、流转和宅基地合理布局。\n"
           "(二)自然资源主管部门。负责国土空间规划、土地利用计划和规划许可等工作。\n")
    assert [roles(t.units) for t in plan_of(f93).tasks] == [
        [("农业农村(农经)主管部门", "responsible")], [("自然资源主管部门", "responsible")]]


def test_labels_of_units_in_charge_and_taking_part():
    """t51 十三五 温室气体 部门分工 2017 (``(负责单位:发展改革委、能源局、…)``, ``(牵头单位:能源局 参加单位:发展改革委、
    国资委)``) and m52 浙江 食品安全 (``参加单位:…`` under ``责任单位:…``): 负责单位 names the units in charge,
    参加单位 the units taking part."""
    t51 = ("1. 实施能源消费总量和强度双控。(负责单位:发展改革委、能源局、国务院其他有关部门。未明确牵头单位的,由所列负责单位按职责分工负责,下同)\n"
           "2. 大型发电集团单位供电二氧化碳排放控制在550克二氧化碳/千瓦时以内。(牵头单位:能源局 参加单位:发展改革委、国资委)\n")
    tasks = plan_of(t51).tasks
    assert roles(tasks[0].units) == [("发展改革委", "responsible"), ("能源局", "responsible"),
                                     ("国务院其他有关部门", "responsible")]
    assert roles(tasks[1].units) == [("能源局", "lead"), ("发展改革委", "cooperating"), ("国资委", "cooperating")]
    assert roles(mentions_from_labels("牵头单位:省农业厅\n参加单位:省林业厅、省环保局", 0)) == [
        ("省农业厅", "lead"), ("省林业厅", "cooperating"), ("省环保局", "cooperating")]


def test_duty_paragraphs_under_a_heading_are_tasks_each():
    """x51 山西 2006 (``三、组织领导与部门职责`` over ``省建设厅负责全省棚户区改造的规划…``, ``省发展改革委会同省建设厅、
    省国土资源厅编制下达…``, ``省财政厅负责…``): each paragraph that opens with a unit and its duty is a task of
    its own, as the same paragraphs without a heading are (r44 汕头 ``卫生部门负责对…``); a paragraph about the
    leading group, which opens with no unit, is none. One real document of the headed layout was found so far."""
    x51 = ("  三、组织领导与部门职责\n"
           "  棚户区改造在省人民政府统一领导下实施,省人民政府成立全省国有重点煤矿棚户区改造工作领导组,负责领导全省棚户区改造工作。\n"
           "  省建设厅负责全省棚户区改造的规划、拆迁、建设、验收等综合协调工作。\n"
           "  省发展改革委会同省建设厅、省国土资源厅编制下达棚户区改造经济适用住房建设计划。\n"
           "  省财政厅负责土地出让金和土地收益归集以及减免行政事业性收费的落实工作。\n")
    tasks = plan_of(x51).tasks
    assert [(t.title, roles(t.units)) for t in tasks] == [
        ("全省棚户区改造的规划、拆迁、建设、验收等综合协调工作", [("省建设厅", "responsible")]),
        ("编制下达棚户区改造经济适用住房建设计划", [("省发展改革委", "lead"), ("省建设厅", "cooperating"),
                                                 ("省国土资源厅", "cooperating")]),
        ("土地出让金和土地收益归集以及减免行政事业性收费的落实工作", [("省财政厅", "responsible")])]
    r44 = "卫生部门负责对医院、诊所、饮食店、美发美容场所事故隐患的排查治理。\n环保部门负责对危险废物(医疗废物)处置经营场所事故隐患的排查治理。\n"
    assert [[m.name for m in t.units] for t in plan_of(r44).tasks] == [["卫生部门"], ["环保部门"]]


def test_fields_listed_before_the_departments_they_name():
    """r43 博白 2013 (``教育局牵头,公安、消防、安监部门配合``; ``食品药品监管局牵头,教育、卫生、城管、工商等部门配合``)
    and l53 安全生产专项整治 (``由公安、交通部门负责,有关部门配合``): fields listed before the 部门 that closes
    them stand each for its department, named as printed; fields before any other word are no units."""
    assert roles(mentions_from_prose("校园内部安全整治主要由教育局牵头,公安、消防、安监部门配合,对全县学校的场地进行全面排查", 0)) == [
        ("教育局", "lead"), ("公安", "cooperating"), ("消防", "cooperating"), ("安监部门", "cooperating")]
    assert [m.name for m in mentions_from_prose("由食品药品监管局牵头,教育、卫生、城管、工商等部门配合", 0)] == [
        "食品药品监管局", "教育", "卫生", "城管", "工商"]
    assert roles(mentions_from_prose("(三)道路交通安全专项整治,由公安、交通部门负责,有关部门配合。", 0)) == [
        ("公安", "lead"), ("交通部门", "lead"), ("有关部门", "cooperating")]
    assert mentions_from_prose("加强教育、卫生等领域合作,共同推进", 0) == []


def test_items_that_name_their_units_in_charge_keep_them_under_a_lead_heading():
    """w31 金乡 2020 (``一、整治提升村容村貌(县委农办、县农业农村局、县市容环境卫生服务中心牵头)`` over
    ``2.…(责任单位:县住房和城乡建设局)``): an item that names the units in charge of it keeps them alone; items
    that name only partners take the heading's lead (v22 山西 ``(三)省编办牵头的工作`` / ``1.…`` / ``协同部门:…``,
    test_heading_names_the_lead_of_the_items_below)."""
    w31 = ("一、整治提升村容村貌(县委农办、县农业农村局、县市容环境卫生服务中心牵头)\n"
           "1.提升村庄公共环境。广泛发动群众,清理私搭乱建、乱堆乱放。(责任单位:县委农办、县农业农村局、县市容环境卫生服务中心)\n"
           "2.加强乡村建筑风貌引导。在确保建筑质量基础上,突出乡土风情、民族特色和地域特点,防止千村一面。(责任单位:县住房和城乡建设局)\n")
    tasks = plan_of(w31).tasks
    assert [roles(t.units) for t in tasks if t.units] == [
        [("县委农办", "responsible"), ("县农业农村局", "responsible"), ("县市容环境卫生服务中心", "responsible")],
        [("县住房和城乡建设局", "responsible")]]


def test_an_item_that_opens_with_a_unit_and_a_colon_lists_its_duties():
    """j53 北京 2012 环境秩序综合整治 (``14.市卫生局:负责医院周边环境秩序综合整治的协调工作;…``,
    ``18.市园林绿化局:依据职能做好城市绿地、树木管护方面的工作。``) and m11 铜梁 自然灾害救助预案 (``2.6.2县民政局:负责
    调查核实灾区居民房屋损失…,并及时向县政府、市民政局报告。``): the unit before the colon is responsible for the
    item, titled by its first clause as printed, the unit and its colon included; a heading before a colon
    that is no unit (``1.工作目标:``) stays a title."""
    j53 = ("14.市卫生局:负责医院周边环境秩序综合整治的协调工作;负责对大排档的食品卫生进行监管,查处非法行医等违法行为。\n"
           "15.市药监局:负责查处违法收售药品等行为。\n"
           "18.市园林绿化局:依据职能做好城市绿地、树木管护方面的工作。\n")
    assert [(t.title, roles(t.units)) for t in plan_of(j53).tasks] == [
        ("市卫生局:负责医院周边环境秩序综合整治的协调工作", [("市卫生局", "responsible")]),
        ("市药监局:负责查处违法收售药品等行为", [("市药监局", "responsible")]),
        ("市园林绿化局:依据职能做好城市绿地、树木管护方面的工作", [("市园林绿化局", "responsible")])]
    m11 = ("2.6县自然灾害应急救助指挥部成员单位救助工作职责\n"
           "2.6.1县救灾办:协助县政府做好特、重大自然灾害的信息收集、上报、情况通报和应急处置工作。根据县政府领导的指示,"
           "做好上情下达。\n"
           "2.6.2县民政局:负责调查核实灾区居民房屋损失及灾民生活困难情况,并及时向县政府、市民政局报告。\n")
    assert [(t.title, roles(t.units)) for t in plan_of(m11).tasks] == [
        ("县救灾办:协助县政府做好特、重大自然灾害的信息收集、上报、情况通报和应急处置工作", [("县救灾办", "responsible")]),
        ("县民政局:负责调查核实灾区居民房屋损失及灾民生活困难情况", [("县民政局", "responsible")])]
    goal = plan_of("1.工作目标:到2025年,全市城市生活垃圾回收利用率达到35%以上。(市城管局牵头)\n").tasks
    assert [(t.title, roles(t.units)) for t in goal] == [
        ("工作目标:到2025年,全市城市生活垃圾回收利用率达到35%以上", [("市城管局", "lead")])]


def test_unnumbered_paragraphs_closed_by_their_units_label_are_tasks():
    """x31 建湖 2020 督查 (``图①:九龙大道两侧公交车站台没有创建公益广告。责任单位:县交通局。`` between blank lines),
    n51 无锡 2009 news report (``年内完成老新村综合整治…;通过实物配租…。责任部门:市房管局。``): each paragraph
    that closes with a label clause is a task titled by its first sentence; a label line of its own, or a
    label inside the paragraph's sentences, makes none."""
    x31 = ("县组织文明城市创建点位专项督查\n\n"
           "图①:九龙大道两侧公交车站台没有创建公益广告。责任单位:县交通局。\n\n\n"
           "图④:近湖社区翡翠嘉苑小区车辆乱停。责任单位:近湖街道。\n")
    assert [(t.title, roles(t.units)) for t in plan_of(x31).tasks] == [
        ("图①:九龙大道两侧公交车站台没有创建公益广告", [("县交通局", "responsible")]),
        ("图④:近湖社区翡翠嘉苑小区车辆乱停", [("近湖街道", "responsible")])]
    n51 = ("年内市区建立所有屠宰场、猪肉批发交易市场和30家农贸市场主要肉食品全过程监管体系;建成200个以上“放心豆制品”专供点。"
           "责任部门:无锡工商局、市经贸委、市农林局。\n"
           "年内完成老新村综合整治和老住宅特修80万平方米;通过实物配租、租金补贴等方式保障廉租住房2800户以上。责任部门:市房管局。\n")
    assert [(t.title, roles(t.units)) for t in plan_of(n51).tasks] == [
        ("年内市区建立所有屠宰场、猪肉批发交易市场和30家农贸市场主要肉食品全过程监管体系",
         [("无锡工商局", "responsible"), ("市经贸委", "responsible"), ("市农林局", "responsible")]),
        ("年内完成老新村综合整治和老住宅特修80万平方米", [("市房管局", "responsible")])]
    assert not [t for t in plan_of("责任单位:县交通局。\n要求各责任单位:加强领导。\n").tasks if t.units]


def test_a_text_that_carries_page_markup_is_read_one_line_per_paragraph():
    """b62 广州 2012 党建创新 (a MySQL dump's row on one line: ``…','<p>　　一、目标任务</p><p>　　1.以党的先进性…</p>``)
    and m01 广州 2012 人才集聚 (``<p>`` tags with the page's own line breaks): block tags break lines, other tags and
    entities go, and the items are read as in any text."""
    from graph.ingest.txt import read_txt

    b62 = ("('29','14','news','关于推进党建创新工程的实施意见','','<p>       为深入贯彻科学发展观,就推进党建创新工程,提出以下实施意见。</p>"
           "<p>　　二、思想理论武装行动计划</p><p>　　2.强化党性教育。坚持从政治修养、理论修养入手。（牵头单位：市委宣传部，配合单位：市委党校、市委组织部）</p>"
           "<p>　　3.建设学习型党组织。深入推进学习型党组织建设。（牵头单位：市委宣传部，配合单位：市委党校）</p>')")
    text = read_txt(b62.encode("utf-8")).text
    assert "<p>" not in text and any(ln.strip().startswith("2.强化党性教育") for ln in text.split("\n"))
    assert [(t.number, roles(t.units)) for t in plan_of(text).tasks if t.units] == [
        ("2", [("市委宣传部", "lead"), ("市委党校", "cooperating"), ("市委组织部", "cooperating")]),
        ("3", [("市委宣传部", "lead"), ("市委党校", "cooperating")])]
    m01 = ("<p>\n\t    为深入贯彻科学发展观,就推进人才集聚工程,提出如下实施意见。</p>\n<p>\n\t    4.民营企业家素质提升项目。"
           "每年选送一批民营企业家到高校培训。(牵头单位:市经贸委;配合单位:市人力资源和社会保障局、市工商联)</p>\n<p>&nbsp;</p>")
    text = read_txt(m01.encode("utf-8")).text
    assert "&nbsp;" not in text and "</p>" not in text
    assert [roles(t.units) for t in plan_of(text).tasks if t.units] == [
        [("市经贸委", "lead"), ("市人力资源和社会保障局", "cooperating"), ("市工商联", "cooperating")]]
    plain = "一、目标\n1.新建公园3个。(责任单位:市园林局)\n"
    assert read_txt(plain.encode("utf-8")).text.startswith("一、目标")


def test_an_item_that_opens_with_a_units_name_as_a_sentence_lists_its_duties():
    """a65 a city's 市域一体化 调研 plan (``(二十一)市公安局。负责对市区和全市社会治安综合治理…的调研``) beside j53's
    colon (test_an_item_that_opens_with_a_unit_and_a_colon_lists_its_duties): the unit before the full stop is
    responsible for the item, which keeps the unit's sentence as its title; a heading sentence that is no unit
    (``(三)加强领导。负责…``) names none."""
    a65 = ("(二十一)市公安局。负责对市区和全市社会治安综合治理、户籍管理等方面一体化的调研,形成专题调研报告和实施方案。\n"
           "(二十六)市财政局。负责对市区和全市一体化发展财政保障机制方面的调研,形成专题调研报告和实施方案。\n")
    assert [(t.title, roles(t.units)) for t in plan_of(a65).tasks] == [
        ("市公安局", [("市公安局", "responsible")]), ("市财政局", [("市财政局", "responsible")])]
    assert not [t for t in plan_of("(三)加强领导。负责统筹协调全市一体化工作。\n(四)强化督查。负责跟踪问效。\n").tasks if t.units]


def test_a_units_name_as_a_sentence_opens_its_duties_by_any_duty_verb_or_on_the_next_line():
    """f52 金山 2020 水务突发事件 预案 (``（6）区应急管理局。协调组织因危险化学品企业…的处置``, ``（9）区民防办。协助…``) and
    e34 沈阳 森林火灾 预案 (``(1)市林业局。`` on a line of its own, ``负责火灾扑救的组织…`` below it): the unit
    before the full stop carries the duties that follow when they open with a duty verb (ontology ``duty_verbs``,
    ``responsible_verbs``), on its line or on the next; a task's name as a sentence (``（二）建设城区学校。新建…``,
    m05) or a unit's sentence followed by anything else (``（三）永业集团。按照现有养护合同…``, f44) names none."""
    f52 = ("（6）区应急管理局。协调组织因危险化学品企业泄漏、爆炸等重大安全生产事故的处置，督促相关单位做好抢险抢修工作；\n"
           "（9）区民防办。协助区相关部门做好水务行业危险化学品事故的调查处理，提出相应对策建议；\n")
    assert [(t.title, roles(t.units)) for t in plan_of(f52).tasks] == [
        ("区应急管理局", [("区应急管理局", "responsible")]), ("区民防办", [("区民防办", "responsible")])]
    e34 = ("2.2职责任务。\n(1)市林业局。\n负责火灾扑救的组织、火灾现场勘察、调查火灾损失情况及对火灾案件的侦破等工作。\n"
           "(2)沈阳警备区。\n负责协调、指挥、调动当地驻军、武警部队参加森林火灾扑救工作。\n")
    assert [(t.title, roles(t.units)) for t in plan_of(e34).tasks if t.units] == [
        ("负责火灾扑救的组织、火灾现场勘察、调查火灾损失情况及对火灾案件的侦破等工作", [("市林业局", "responsible")]),
        ("负责协调、指挥、调动当地驻军、武警部队参加森林火灾扑救工作", [("沈阳警备区", "responsible")])]
    other = ("（二）建设城区学校。新建城区学校4所,全面消除56人以上大班额。\n"
             "（三）永业集团。按照现有养护合同继续做好改革过程中排水设施的管理养护工作。\n")
    assert not [t for t in plan_of(other).tasks if t.units]


def test_units_that_are_their_sentences_subjects_carry_them_where_nothing_else_names_units():
    """u44 彭阳 2020 紧急通知 (``(二)县农业农村局务必于4月10日前完成青贮玉米种子采购``, ``(二)各乡(镇)要把结构调整工作…``)
    and h63 呼和浩特 2021 news report (``市教育局要在11月底新建、续建幼儿园9所,…``): in a document whose items and
    sentences name no unit by a label, a bracket or a role verb, the units that open a sentence bound by 要 or 务必
    are responsible for it; a call to every unit of a kind in running prose (``各相关单位部门要对标对表``) is no
    task; beside a label the subject is not read."""
    u44 = ("一、强化宣传动员\n(一)县农业农村局要及时将中央及区市县农业农村工作会议精神传达到乡村组三级组织。\n"
           "(二)各乡(镇)要把结构调整工作作为当前统筹推进经济社会发展的头等大事来抓。\n"
           "二、强化种子采购贮备\n(二)县农业农村局务必于4月10日前完成青贮玉米种子采购,并及时发放到农户手中;\n")
    assert [roles(t.units) for t in plan_of(u44).tasks if t.units] == [
        [("县农业农村局", "responsible")], [("各乡(镇)", "responsible")], [("县农业农村局", "responsible")]]
    h63 = ("呼和浩特政府公布今年重点任务分工及时限\n\n"
           "市轨道交通公司要加快地铁TOD开发,打造地铁小镇,10月底完成年度任务。青山文投公司要在6月下旬建成投用华谊兄弟星剧场美好生活综合体。"
           "市教育局要在11月底新建、续建幼儿园9所,新建、续建中小学23所。\n\n各相关单位部门要对标对表、瞄准短板,做细做实每一项工作。\n")
    assert [(t.title, roles(t.units)) for t in plan_of(h63).tasks] == [
        ("市轨道交通公司要加快地铁TOD开发,打造地铁小镇,10月底完成年度任务", [("市轨道交通公司", "responsible")]),
        ("青山文投公司要在6月下旬建成投用华谊兄弟星剧场美好生活综合体", [("青山文投公司", "responsible")]),
        ("市教育局要在11月底新建、续建幼儿园9所,新建、续建中小学23所", [("市教育局", "responsible")])]
    labelled = "1.新建公园3个。(责任单位:市园林局)\n2.市城管局要加强管理。\n"
    assert [roles(t.units) for t in plan_of(labelled).tasks if t.units] == [[("市园林局", "responsible")]]


def test_sentences_whose_units_bracket_closes_inside_them_are_tasks_each():
    """j61 江西 2019 食品安全 (``一、强化…`` over one paragraph: ``认真学习贯彻…(省食品安全办负责),压实…的落实。完善…
    的重要参考(省食品安全办,省食品安全委员会成员单位,各市、县〔区〕人民政府按职责分工负责)。…``): each sentence that
    holds a bracket of units is a task, the bracket before its 。 as k07 长春's after it
    (test_paragraphs_that_end_with_their_units_under_a_title_only_heading); ``各市、县〔区〕人民政府`` is one unit."""
    j61 = ("一、强化食品安全党政同责和属地管理\n"
           "认真学习贯彻《地方党政领导干部食品安全责任制规定》(省食品安全办负责),压实地方党政领导干部食品安全工作责任,"
           "推动食品安全党政同责和属地管理责任的落实。完善食品安全工作评议考核制度,将考核结果作为地方党政领导干部奖惩的重要参考"
           "(省食品安全办,省食品安全委员会成员单位,各市、县〔区〕人民政府按职责分工负责)。依法依规制定省、市、县、乡食品安全监管"
           "事权划分指导意见(省市场监管局负责)。\n")
    tasks = plan_of(j61).tasks
    assert [[m.name for m in t.units] for t in tasks] == [
        ["省食品安全办"], ["省食品安全办", "省食品安全委员会成员单位", "各市、县[区]人民政府"], ["省市场监管局"]]
    assert tasks[0].text.endswith("属地管理责任的落实。") and tasks[1].title.startswith("完善食品安全工作评议考核制度")


def test_units_that_share_a_task_by_division_of_work():
    """f61 安康 2018 (``(市发改委牵头,各县区政府、市政府有关工作部门分工负责)``, ``(市发改委、市交通局、市机场办牵头,
    有关县区政府分工负责)``, ``(汉滨区政府、平利县政府、…、地电安康分公司分工负责)``) as h51 福建's 按职能分工负责
    (test_units_by_their_functions_as_by_their_duties): beside a lead the departments cooperate and the local governments,
    those concerned too, stay responsible; alone they are all responsible."""
    got = mentions_from_prose("(市发改委牵头,各县区政府、市政府有关工作部门分工负责)", 0)
    assert roles(got) == [("市发改委", "lead"), ("各县区政府", "responsible"), ("市政府有关工作部门", "cooperating")]
    got = mentions_from_prose("(市发改委、市交通局、市机场办牵头,有关县区政府分工负责)", 0)
    assert roles(got) == [("市发改委", "lead"), ("市交通局", "lead"), ("市机场办", "lead"), ("有关县区政府", "responsible")]
    got = mentions_from_prose("(汉滨区政府、平利县政府、恒口示范区管委会、安康供电局、地电安康分公司分工负责)", 0)
    assert {m.role for m in got} == {"responsible"} and len(got) == 5


def test_item_numbers_a_mirror_decoded_out_of_step_are_mended():
    """k01 广州 2006 (``?。ǘ┩七M(jìn)東部石化基地``) and e51 韶關 2023 (`` ?。ㄒ唬┚o扣指標任務``), 繁體 mirror copies whose
    ``(一)`` lost the first byte of the space before it: the number and the first words are read in step again
    and the items are read as items; a ``?。`` that is no such number (``文字大?。篬 ]``) stays as printed."""
    from graph.ingest.decoding import decode_bytes

    k01 = ("?。ǘ┩七M(jìn)東部石化基地、南沙臨港石化基地建設(shè),抓好80萬噸乙烯改擴建項目。(市發(fā)改委牽頭,市經(jīng)貿(mào)委配合)\n"
           " ?。ㄒ唬┚o扣指標任務,統籌推進均衡化發展工作。(市政務服務數據管理局牽頭)\n文字大?。篬 ]   背景色:\n")
    text = decode_bytes(k01.encode("utf-8")).text
    assert text.split("\n")[0].startswith("(二)推進(jìn)東部石化基地") and text.split("\n")[1] == " (一)緊扣指標任務,統籌推進均衡化發展工作。(市政務服務數據管理局牽頭)"
    assert text.split("\n")[2] == "文字大?。篬 ]   背景色:"
    assert [(t.number, len(t.units)) for t in plan_of(text).tasks if t.units] == [("(二)", 2), ("(一)", 1)]


def test_a_plan_without_its_region_in_the_title_takes_it_from_before_its_tasks():
    """k06 宁夏 2019 (a news repost: ``寧夏回族自治區人民政府網站發布了…`` before tasks naming 永寧縣) and y06 大连 2026
    (``大连市2026年重点民生实事项目`` over tasks naming 沙河口区、西岗区): the region is the one named before the
    tasks and in the body's first paragraph, not the most specific name the tasks print."""
    k06 = ("北測教的最新消息:今天,寧夏回族自治區人民政府網站發布了《自治區人民政府辦公廳關于印發銀川都市圈建設2019年工作計劃的通知》,"
           "明確了銀川都市圈建設2019年工作計劃。\n為認真貫徹落實自治區第十二次黨代會和黨委十二屆六次全會精神,特制定銀川都市圈建設2019年工作計劃。\n"
           "01\n一、基礎設施互聯互通\n(一)道路暢通工程。加快建設都市圈快速通道,推進銀川至永寧縣、賀蘭縣快速路建設。"
           "(牽頭單位:自治區交通運輸廳;配合單位:銀川市、吳忠市人民政府)\n")
    y06 = ("实施100万平方米老旧小区改造\n新增及共享停车泊位不少于5万个\n……\n民生亮点看这里\n↓↓↓\n大连市2026年重点民生实事项目\n"
           "一、持续推进城市更新行动\n实施100万平方米老旧小区改造。完成沙河口区马栏街道鹏程街、西岗区新云巷、长海县东山A园等5600户城市危旧房改造。\n"
           "责任单位:\n市住房和城乡建设局、市水务局、市发展改革委,相关区市县政府、先导区管委会\n")
    assert plan_of(k06).meta.region in ("宁夏回族自治区", "寧夏回族自治區")
    assert (plan_of(y06).meta.region, plan_of(y06).meta.parent_region) == ("大连市", "辽宁省")


def test_a_theme_or_place_after_a_city_is_no_division():
    """z21 北京 2022 (``关于推进北京市数据专区建设的指导意见``) and l23 咸宁 2020 (``咸宁市老旧小区改造``): a word after a
    city that ends like a district (专区, 小区, 城区, 城市) is no county-level division the gazetteer lacks; a
    functional area after its city still is (``某市高新区``, test_regions)."""
    from graph import regions

    assert [m.text for m in regions.mentions("关于推进北京市数据专区建设的指导意见")] == ["北京市"]
    assert [m.text for m in regions.mentions("推进咸宁市老旧小区改造和汕头市中心城区整治")] == ["咸宁市", "汕头市"]
    assert [m.text for m in regions.mentions("宜春市高新区管委会")][-1] == "高新区"


def test_the_government_a_page_names_first_is_its_region_before_the_districts_it_names():
    """f61 安康 2018 (``经安康市第四届人民代表大会第四次会议审议通过`` over tasks naming 汉滨区 and 镇坪) and i02 广东 2023
    (``广东省人民政府办公厅印发…`` in a news paragraph that goes on to name 广州、深圳、珠海): the most specific name
    followed by a government, its congress or its office is the region before the most specific name of any kind."""
    f61 = ("今天是\n作者: 发布时间:2018-03-01 18:10 |\n2018年3月1日\n政府工作报告确定重点任务分解方案\n"
           "经安康市第四届人民代表大会第四次会议审议通过,2018年全市经济社会发展预期目标为:生产总值增长9.5%。支持镇坪县建设中药材基地。\n"
           "一、强化关键支撑,扩大有效投资\n3.扎实推进750千伏输变电工程,实施月河、平利330千伏输变电工程。(汉滨区政府、平利县政府、恒口示范区管委会分工负责)\n")
    assert (plan_of(f61).meta.region, plan_of(f61).meta.parent_region) == ("安康市", "陕西省")
    i02 = ("2月23日,广东省人民政府办公厅印发《2023年省〈政府工作报告〉工作任务分工方案》,明确分工责任。其中明确指出:"
           "支持广州、深圳、佛山、清远“千兆城市”建设,推进珠海市横琴粤澳深度合作区建设。(省工业和信息化厅、省通信管理局牵头)\n")
    assert plan_of(i02).meta.region == "广东省"


def test_a_plan_that_names_several_counties_of_one_city_is_the_citys():
    """a64 石家庄 2010 (page 4: ``…在灵寿县、平山县、元氏县、赞皇县、井陉县、鹿泉市、行唐县…``, no city printed) and z42 徐州
    ~2012 (``加快实施丰县、沛县、睢宁、新沂尾水…``, ``力争邳州市通过省教育现代化评估``): a page that prints no region of
    its own but several county-level divisions of one city is that city's; one district under its city in a
    breadcrumb stays the region (test_regions)."""
    a64 = ("(八)实施水土保持及河道综合治理工程\n实施西部山区水土保持重点建设、水源地水土保持生态建设和城镇水土保持生态工程,"
           "以及在灵寿县、平山县、元氏县、赞皇县、井陉县、鹿泉市、行唐县等县(市)实施水土保持工程。\n责任单位:市水务局,有关县(市)、区政府\n")
    assert (plan_of(a64).meta.region, plan_of(a64).meta.parent_region) == ("石家庄市", "河北省")
    z42 = ("26.扎实推进生态市和生态园林城市建设。深入开展“二次进军荒山”计划,全市新增绿化造林8万亩。\n"
           "27.改善水环境。加快实施丰县、沛县、睢宁、新沂尾水导流工程。(市环保局、市水利局)\n"
           "28.推进农村义务教育学校标准化建设,力争邳州市通过省教育现代化评估。(市教育局)\n")
    assert plan_of(z42).meta.region == "徐州市"


def test_a_table_that_allots_targets_to_each_government_below():
    """x63 福建 2010 (``单位:万亩`` over ``设区市 | 补充耕地面积 | 土地整理规模``, one cell per line between pipes,
    a ``合 计`` row) and g63 重庆 2002 (``金额单位:万美元`` over ``责任单位 外贸出口目标 实到外资目标``, a row per line
    with spaces between cells): each row is a task of the government it names (responsible) with one target per
    column in the printed measure; the totals row keeps its targets and takes no unit from the row above."""
    from graph.pipeline import task_indicators

    x63 = ("附件:\n各设区市2010年补充耕地及土地整理任务情况表\n单位:万亩\n设区市\n|\n补充耕地面积\n|\n土地整理规模\n|\n"
           "福州市\n|\n1.27\n|\n3.5\n|\n厦门市\n|\n0.30\n|\n0.4\n|\n漳州市\n|\n1.66\n|\n3.8\n|\n合 计\n|\n12.3\n|\n28\n|\n扫一扫手机阅读\n")
    tasks = plan_of(x63).tasks
    assert [(t.title, roles(t.units)) for t in tasks] == [
        ("福州市", [("福州市", "responsible")]), ("厦门市", [("厦门市", "responsible")]),
        ("漳州市", [("漳州市", "responsible")]), ("合 计", [])]
    assert [(i.value, i.unit) for i in task_indicators(tasks[0], 2010)] == [(1.27, "万亩"), (3.5, "万亩")]
    assert [(i.value, i.unit) for i in task_indicators(tasks[3], 2010)] == [(12.3, "万亩"), (28.0, "万亩")]
    g63 = ("附件1:\n2002年区县(自治县。市)外经贸目标任务分解表\n金额单位:万美元\n责任单位 外贸出口目标 实到外资目标\n"
           "万州区 1900 300\n渝北区 2000 1000\n黔江区 150 100\n巴南区 7500 800\n北")
    tasks = plan_of(g63).tasks
    assert [(t.title, roles(t.units)) for t in tasks] == [(n, [(n, "responsible")]) for n in ("万州区", "渝北区", "黔江区", "巴南区")]
    assert [(i.value, i.unit) for i in task_indicators(tasks[1], 2002)] == [(2000.0, "万美元"), (1000.0, "万美元")]


def test_an_allotment_table_in_pipe_rows_names_towns_as_printed_and_reads_only_its_target_columns():
    """b73 太仓 2019 (``地区 | 单位规上工业增加值能耗降幅目标(%) |``, a ``全市`` row, towns printed with a padding
    space: ``城 厢 | 3.4 |``) and e72 临河 2023 (繁體 with pinyin glosses, ``面積:萬畝`` over ``鄉鎮(農場) | 可種植面積 |
    2023年小麥任務面積 | 備注 |``, the 备注 cells empty): every cell of the column of governments is one unit, named as
    printed; where one column names a target (任务面积) the other figures (可种植面积, available land) are none."""
    from graph.pipeline import task_indicators

    b73 = ("太仓市2019年度能源消耗强度目标分解表\n地区 | 单位规上工业增加值能耗降幅目标(%) |\n全市 | 3.4 |\n"
           "港区 (含浮桥) | 3.4 |\n高新区 (含科教新城) | 3.4 |\n城 厢 | 3.4 |\n沙 溪 | 3.4 |\n")
    tasks = plan_of(b73).tasks
    assert [roles(t.units) for t in tasks] == [[], [("港区(含浮桥)", "responsible")], [("高新区(含科教新城)", "responsible")],
                                                [("城厢", "responsible")], [("沙溪", "responsible")]]
    assert [(i.value, i.unit) for i in task_indicators(tasks[3], 2019)] == [(3.4, "%")]
    e72 = ("附件: 2023年臨河區(qū)小麥種植任務(wù)分解表 | |||\n面積:萬畝 | |||\n"
           "鄉(xiāng)鎮(zhèn)(農(nóng)場) | 可種植面積 | 2023年小麥任務(wù)面積 | 備注 |\n八一鄉(xiāng) | 8.44 | 0.91 | |\n"
           "白腦包鎮(zhèn) | 32.01 | 3.89 | |\n城關(guān)鎮(zhèn) | 6.73 | 0.72 | |\n狼山農(nóng)場 | 7.97 | 0.97 | |\n合計 | 209.43 |")
    tasks = plan_of(e72).tasks
    assert [roles(t.units) for t in tasks[:4]] == [[("八一鄉(xiāng)", "responsible")], [("白腦包鎮(zhèn)", "responsible")],
                                                    [("城關(guān)鎮(zhèn)", "responsible")], [("狼山農(nóng)場", "responsible")]]
    assert [(i.value, i.unit, i.year) for i in task_indicators(tasks[1], None)] == [(3.89, "萬畝", 2023)]


def test_a_list_of_governments_without_figures_is_no_allotment_table():
    """The header word of a government column over names without one figure per column (a plan's list of
    the districts that carry a task, x63's notice) reads no allotment table."""
    from graph.structure import allotment
    from graph.structure.lines import split_lines
    from graph.units import fold

    text = "责任单位 工作内容\n万州区 推进外贸\n渝北区 1000\n黔江区 100\n"
    lines = split_lines(text, fold(text))
    assert allotment.read_allotment(lines, 0) is None


def test_a_provincial_plan_is_read_from_its_own_document_number():
    """g05 湖北 2018 (繁體, ``省人民政府關于…若干意見`` over ``鄂政發〔2018〕26號``), t43 江西 2009 (``赣府厅字〔2009〕15号``
    alone on the first line) and x62 河南 2007 (a mirror page whose furniture names 湖北省人民政府, then ``发布文号:
    豫政办[2007]14号``): the province whose code opens the plan's own number is its region; a number printed
    deeper, as a task's reference (w05 六安 2022: ``皖政〔2022〕9号文件``), is not the plan's."""
    g05 = ("省人民政府關于\n進一步優化營商環境的若干意見\n鄂政發〔2018〕26號\n各市、州、縣人民政府,省政府各部門:\n"
           "一、總體要求\n(一)深化商事制度改革。企業開辦時間壓縮至3個工作日以內。(省工商局牽頭)\n")
    assert (plan_of(g05).meta.region, plan_of(g05).meta.parent_region) == ("湖北省", "")
    t43 = ("赣府厅字〔2009〕15号\n各市、县(区)人民政府,省政府各部门:\n"
           "1.加快推进重大项目建设。(省发改委牵头,省财政厅配合)\n")
    assert plan_of(t43).meta.region == "江西省"
    x62 = ("您的位置:首页 > 政府机构\n发布时间:2019-10-10 11:20\n发文单位:湖北省人民政府\n"
           "发布部门: 河南省人民政府办公厅 发布文号: 豫政办[2007]14号\n各省辖市人民政府,省人民政府各部门:\n"
           "1.全省生产总值增长10%。(省发展改革委负责)\n")
    assert plan_of(x62).meta.region == "河南省"
    w05 = ("六安市人民政府关于印发2022年重点工作及责任清单的通知\n各县区人民政府:\n"
           "1.落实重点工作。\n市政府办\n皖政〔2022〕9号文件\n")
    assert plan_of(w05).meta.region == "六安市"


def test_a_plain_bracket_of_units_that_closes_a_sentence_gives_its_units_to_the_item():
    """o73 松江区 2024 (``(一)围绕…做好信息公开。做好…的公开和解读(区发展改革委、区经委、…各街镇)。做好…公开(区合作交流办)。``)
    and n72 广元 2008 (``一、扶贫解困工程。启动建设57个扶贫新村(市扶贫开发办、市以工代赈办)。升钟库区…``): a bracket of units
    followed by 。 or ; closes the sentence whose units it names; the item carries the units of every such bracket.
    A bracket that notes a scope (``(含建湖经济开发区)。``) or follows a phone number (``021-64121234(区规划资源局);``) names none."""
    o73 = ("2024年松江区政务公开工作要点\n(一)围绕国家重大战略任务落实做好信息公开。做好全球资源配置、科技创新策源等方面工作的公开和解读"
           "(区发展改革委、区经委、区科委、区政府各相关部门、各街镇)。做好对口支援、东西部协作等领域信息公开(区合作交流办)。\n"
           "(二)围绕促进经济平稳健康发展做好信息公开。做好2024年重大项目建设计划的公开(区发展改革委、区重大办)。\n")
    tasks = plan_of(o73).tasks
    assert [[m.name for m in t.units] for t in tasks] == [
        ["区发展改革委", "区经委", "区科委", "区政府各相关部门", "各街镇", "区合作交流办"], ["区发展改革委", "区重大办"]]
    n72 = ("广元市2008年民生工程目标\n一、扶贫解困工程。启动建设57个扶贫新村(市扶贫开发办、市以工代赈办)。救助特困群众350户(市惠民帮扶中心)。\n"
           "二、教育助学工程。新建农村寄宿制学校10所(市教育局)。\n")
    tasks = plan_of(n72).tasks
    assert [t.title for t in tasks] == ["扶贫解困工程", "教育助学工程"]
    assert [[m.name for m in t.units] for t in tasks] == [["市扶贫开发办", "市以工代赈办", "市惠民帮扶中心"], ["市教育局"]]
    scope = ("1.推进重点行业深度治理。完成30家企业VOCs综合治理,推进钢铁、水泥行业超低排放改造(含建湖经济开发区)。"
             "(县生态环境局牵头,县工业和信息化局配合)\n六、保障措施\n联席会议办公室设在区规划资源局。\n"
             "咨询电话:021-64121234(区规划资源局);市民可拨打12345反映意见。\n")
    assert [roles(t.units) for t in plan_of(scope).tasks if t.units] == [[("县生态环境局", "lead"), ("县工业和信息化局", "cooperating")]]


def test_a_deadline_column_headed_by_qixian():
    """g72 谯城区 2023 (``序号 重点工作任务 主要责任单位 协同配合单位 完成期限``, a row per line) and m31 (``… | 协助 单位 | 完成
    期限 |``): 期限 names the deadline column as 时限 does, so the header is read and the rows' units are found."""
    from graph.structure.tables import column_kind

    assert column_kind("完成期限") == column_kind("完成 期限") == column_kind("完成时限") == "deadline"
    g72 = ("谯城区2023年政府工作报告重点工作任务分解表\n序号 重点工作任务 主要责任单位 协同配合单位 完成期限\n"
           "33 新培育科技型中小企业50家以上、高新技术企业30家以上。 区科技局 区经信局、区商务局(区药发中心)、区税务局、区财政局等区政府有关部门,"
           "谯城经开区管委会。 2023年12月底\n")
    tasks = plan_of(g72).tasks
    assert [roles(t.units) for t in tasks][0][:3] == [("区科技局", "lead"), ("区经信局", "cooperating"), ("区商务局", "cooperating")]


def test_a_labelled_list_ends_before_a_note_on_the_items_below():
    """a82 临夏州 (``(责任单位:州政务服务中心,各县市人民政府、州直相关行业部门按职责分工负责,以下各任务均需各县市人民政府、州直相关
    行业部门落实,不再一一列出)``) and m04 淮安 2022 (``(责任单位:市工信局…,各县区人民政府、园区管委会。以下政策措施均需…落实,不再单独
    列出)``): the note on the items below is no unit of the labelled list; its units carry every later task."""
    a82 = ("关于进一步提升全州优化营商环境的工作方案\n二、主要任务\n(一)着力提升政务服务环境\n"
           "1.提升政务中心建设。开展一次全面摸排。(责任单位:州政务服务中心,各县市人民政府、州直相关行业部门按职责分工负责,"
           "以下各任务均需各县市人民政府、州直相关行业部门落实,不再一一列出)\n"
           "2.提高窗口人员素质。对派驻人员进行业务资格复查。(责任单位:州政务服务中心)\n")
    tasks = plan_of(a82).tasks
    assert [[m.name for m in t.units] for t in tasks] == [["州政务服务中心", "各县市人民政府", "州直相关行业部门"]] * 2
    m04 = ("淮安市纾困解难稳定经济增长实施细则\n1.支持企业创新。给予扶持。(责任单位:市工信局、市财政局等有关部门,各县区人民政府、园区管委会。"
           "以下政策措施均需各县区人民政府、园区管委会落实,不再单独列出)\n2.稳定就业。发放补贴。(责任单位:市人社局)\n")
    names = [[m.name for m in t.units] for t in plan_of(m04).tasks]
    assert names[0] == ["市工信局", "市财政局", "各县区人民政府", "园区管委会"]
    assert not any("以下" in n for t in names for n in t)
    # a note inside a name's bracket (b13 厦门 ``市财政局(第一责任单位为牵头单位,下同)``) does not end the list
    assert list_before_note("市发改委、市财政局(第一责任单位为牵头单位,下同)") == "市发改委、市财政局(第一责任单位为牵头单位,下同)"


C21_SCRIPT = '''// 完整的六大板块数据
const sectionData = [
  {
    id: 1,
    title: "加快培育数字化发展引擎",
    icon: "🚀",
    subsections: [
      {
        id: "1-1",
        title: "打造数字技术创新高地",
        tasks: [
          { 
            id: "1", 
            title: "实施关键核心技术攻关", 
            content: "优化鹏城、广州国家实验室央地协同管理机制，深化粤港澳大湾区量子科学中心等重大平台建设。",
            departments: "省科技厅、工业和信息化厅按职责分工负责，各地级以上市人民政府结合实际落实"
          },
          { 
            id: "2", 
            title: "推进产业协同创新", 
            content: "持续完善以制造业创新中心为核心节点的制造业协同创新体系。",
            departments: "省工业和信息化厅牵头"
          },
          { 
            id: "3", 
            title: "推进数字基础设施建设", 
            content: "新建5G基站2.5万座。",
            departments: "省政务和数据局牵头，省科技厅、工业和信息化厅、交通运输厅、体育局按职责分工负责"
          }
        ]
      }
    ]
  }
];
'''
E81_SCRIPT = ('// render.js — 总图渲染引擎（浙江省人工智能高质量发展工作图谱）\n\n'
              '// ── 内联任务数据 ──\n'
              'const TASKS = [{"id": 1, "category": "推动芯片全链发展", "group": "聚力推动“GPU浙江造”。", "task": "聚力推动“GPU浙江造”。", '
              '"owner": "省发展改革委", "co": "省经信厅、省科技厅", "time": "2026年12月", "dimension": "算力"}, '
              '{"id": 2, "category": "推动芯片全链发展", "group": "聚力推动“GPU浙江造”。", "task": "在产业链协同创新、强链补链等相关项目中设立TPU、'
              'AI芯片等方向，支持产业化项目发展。", "owner": "省经信厅", "co": "省发展改革委、省科技厅", "time": "2026年12月", "dimension": "算力"}, '
              '{"id": 3, "category": "推动芯片全链发展", "group": "推动电子设计自动化（EDA）串链整合。", "task": "招引1—2家人工智能芯片设计龙头企业总部。", '
              '"owner": "省发展改革委", "co": "省经信厅、省科技厅、省财政厅、省国资委，杭州市政府", "time": "持续推进", "dimension": "算力"}];\n'
              'function render() { return TASKS.length; }\n')


def test_a_plan_kept_as_records_of_a_page_script_is_read_as_a_table():
    """c21 广东 2025 (JavaScript objects with bare keys nested in sections: ``{ id: "1", title: …, content: …,
    departments: "X、Y按职责分工负责…" }``) and e81 浙江 2026 (a JSON array on one line: ``{"id": 1, "task": …, "owner":
    "省发展改革委", "co": "省经信厅、省科技厅", …}``): each record of the commonest key set is a table row, its keys the
    header (owner leads, co cooperates, departments are responsible); section objects and code are no rows."""
    from graph.ingest.txt import read_txt

    read = read_txt(C21_SCRIPT.encode("utf-8"))
    assert [[c.text for c in row] for row in read.tables[0].rows][:2] == [
        ["id", "title", "content", "departments"],
        ["1", "实施关键核心技术攻关", "优化鹏城、广州国家实验室央地协同管理机制，深化粤港澳大湾区量子科学中心等重大平台建设。",
         "省科技厅、工业和信息化厅按职责分工负责，各地级以上市人民政府结合实际落实"]]
    source = SourceText(path="c21.txt", name="c21.txt", sha256="0" * 64, text=read.text, format="txt", tables=read.tables)
    tasks = parse_plan(source).tasks
    assert [(t.title, roles(t.units)) for t in tasks][:2] == [
        ("实施关键核心技术攻关", [("省科技厅", "responsible"), ("工业和信息化厅", "responsible")]),
        ("推进产业协同创新", [("省工业和信息化厅", "lead")])]
    read = read_txt(E81_SCRIPT.encode("utf-8"))
    source = SourceText(path="e81.txt", name="e81.txt", sha256="0" * 64, text=read.text, format="txt", tables=read.tables)
    tasks = parse_plan(source).tasks
    assert [roles(t.units) for t in tasks] == [
        [("省发展改革委", "lead"), ("省经信厅", "cooperating"), ("省科技厅", "cooperating")],
        [("省经信厅", "lead"), ("省发展改革委", "cooperating"), ("省科技厅", "cooperating")],
        [("省发展改革委", "lead"), ("省经信厅", "cooperating"), ("省科技厅", "cooperating"), ("省财政厅", "cooperating"),
         ("省国资委", "cooperating"), ("杭州市政府", "cooperating")]]
    assert tasks[0].title == "聚力推动“GPU浙江造”"


def test_prose_and_a_chart_tree_are_no_script_records():
    """A plan's prose with ``{`` in it, and e82's chart tree (objects of one ``name`` each), hold no records."""
    from graph.ingest.script_data import script_items

    assert script_items("1.推进改革。{注:见附件}(责任单位:县发改局)\n2.加强监管。(责任单位:县市场监管局)\n") is None
    tree = "allData = {\n name: '大学生就业政策',\n children: [\n { name: '拓宽就业渠道' }, { name: '扩大企业就业规模' },\n" \
           " { name: '支持中小微企业更多吸纳高校毕业生就业' } ] }\n"
    assert script_items(tree) is None


def test_units_sharing_a_task_after_a_lead_in_a_role_clause_cell_cooperate():
    """c21 广东 2025 (a cell ``省政务和数据局牵头，省科技厅、工业和信息化厅、交通运输厅、体育局按职责分工负责``) and q22 台山 2021
    (``市政府办公室、市发展和改革局牵头,市直有关部门配合;各镇(街)参照落实``): after a lead, the units that share the task
    按职责分工负责 cooperate, as in prose; those that carry it out (落实) stay responsible."""
    read_c21 = ("序号 | 任务 | 责任单位 |\n"
                "1 | 推进数字基础设施建设 | 省政务和数据局牵头，省科技厅、工业和信息化厅按职责分工负责 |\n"
                "2 | 推进数据资源融合利用 | 省政务和数据局牵头，各县(市、区)人民政府按职责分工负责 |\n")
    tasks = plan_of(read_c21).tasks
    assert [roles(t.units) for t in tasks] == [
        [("省政务和数据局", "lead"), ("省科技厅", "cooperating"), ("工业和信息化厅", "cooperating")],
        [("省政务和数据局", "lead"), ("各县(市、区)人民政府", "responsible")]]


def test_the_sentence_of_an_annual_plan_that_states_its_targets_is_a_task():
    """c83 内蒙古 2020 (``2020年自治区国民经济和社会发展的主要预期目标是:地区生产总值增长6%左右;…``, a paragraph of its own) and
    c81 通辽 2021 (``2021年是…开局之年,全市经济社会发展主要预期目标是:地区生产总值增长7%左右,…``, after the paragraph's first
    clause): the preamble's statement of the year's targets is a task of targets, before the first heading."""
    c83 = ("2020年内蒙古自治区国民经济和社会发展计划\n做好2020年经济社会发展工作,要以习近平新时代中国特色社会主义思想为指导。\n"
           "2020年自治区国民经济和社会发展的主要预期目标是:地区生产总值增长6%左右;城镇新增就业22万人以上;城镇登记失业率4.5%以内。\n"
           "实现上述目标,要立足当前、着眼长远。\n")
    c81 = ("通辽市2021年国民经济和社会发展计划\n2021年是“十四五”规划的开局之年,全市经济社会发展主要预期目标是:地区生产总值增长7%左右,"
           "高于全区平均增速;城镇登记失业率控制在4.5%以内。\n一、着力扩大有效投资\n1.推进重大项目建设。\n")
    for text, figures in ((c83, ["6%", "22万人", "4.5%"]), (c81, ["7%", "4.5%"])):
        plan = plan_of(text)
        goal = plan.tasks[0]
        assert not goal.units and all(f in goal.text for f in figures)


def test_the_targets_sentence_without_its_usual_words_is_a_task():
    """f61 安康 2018 (``…,2018年全市经济社会发展预期目标为:生产总值增长9.5%…``, no 主要) and r13 嘉祥 2023
    (``…新嘉祥。主要预期目标为:地区生产总值增长6.5%左右,…``, no 经济社会发展 before it): the sentence stating the
    year's targets is a task of targets all the same."""
    f61 = ("安康市2018年政府工作报告重点任务分解方案\n经安康市第四届人民代表大会第四次会议审议通过,2018年全市经济社会发展预期目标为:生产总值增长9.5%,力争达到10%;"
           "全社会固定资产投资增长15%;社会消费品零售总额增长13%。\n一、扩大有效投资\n1.实施210个市级重点项目。(市发改委牵头)\n")
    r13 = ("嘉祥县2023年国民经济和社会发展计划\n做好2023年的经济社会发展工作,奋力建设新时代“强富和美”新嘉祥。主要预期目标为:地区生产总值增长6.5%左右,"
           "一般公共预算收入增长7%左右,固定资产投资增长10%左右。\n一、聚力扩大内需\n1.推进重点项目建设。\n")
    for text, figures in ((f61, ["9.5%", "15%", "13%"]), (r13, ["6.5%", "7%", "10%"])):
        plan = plan_of(text)
        goal = plan.tasks[0]
        assert not goal.units and all(f in goal.text for f in figures)


def test_a_paragraph_of_main_indicators_is_a_task_of_targets():
    """t22 青神 2017 (``主要指标:到2020年,全县受污染耕地安全利用率达到94%…``, the 土十条 model) and the State Council's
    水十条 as reposted (xing528.com, ``主要指标:到2020年,长江、黄河…七大重点流域水质优良…比例总体达到70%以上;…``): a
    paragraph opening with the plan's 主要指标 before its first item is a task of targets."""
    t22 = ("青神县土壤污染防治工作方案\n主要指标:到2020年,全县受污染耕地安全利用率达到94%,污染地块安全利用率90%以上。\n"
           "二、主要任务\n(一)深入开展土壤环境质量调查。(牵头单位:县环保局;责任单位:县经信局、县财政局)\n")
    water = ("水污染防治行动计划\n主要指标:到2020年,长江、黄河、珠江、松花江、淮河、海河、辽河等七大重点流域水质优良(达到或优于Ⅲ类)"
             "比例总体达到70%以上;到2030年,这七大重点流域水质优良比例总体达到75%以上。\n"
             "一、全面控制污染物排放\n(一)狠抓工业污染防治。(环境保护部牵头,工业和信息化部参与)\n")
    for text, figures in ((t22, ["94%", "90%"]), (water, ["70%", "75%"])):
        goal = plan_of(text).tasks[0]
        assert not goal.units and all(f in goal.text for f in figures)


def test_units_that_take_part_after_the_lead_cooperate():
    """y53 济宁 2015 (``(市发展改革委、市人力资源社会保障局牵头,市委组织部、…、国家统计局济宁调查队参加)``) and q14 金乡
    2021 (``(责任单位:县扶贫开发办牵头,县教育和体育局、县卫生健康局等有关部门参加,各镇街落实)``): 参加 names the
    lead's partners, as 参与 does."""
    got = mentions_from_prose("(市发展改革委、市人力资源社会保障局牵头,市委组织部、国家统计局济宁调查队参加)", 0)
    assert roles(got) == [("市发展改革委", "lead"), ("市人力资源社会保障局", "lead"), ("市委组织部", "cooperating"),
                          ("国家统计局济宁调查队", "cooperating")]
    got = mentions_from_prose("(责任单位:县扶贫开发办牵头,县教育和体育局、县卫生健康局等有关部门参加,各镇街落实)", 0)
    assert roles(got)[:3] == [("县扶贫开发办", "lead"), ("县教育和体育局", "cooperating"), ("县卫生健康局", "cooperating")]


def test_an_office_named_in_brackets_after_another_is_its_second_name():
    """b42 台山 2021 (``广电旅游和公共服务股(行政审批服务股)牵头``) and y51 宣州 2023 (a 责任科室 cell ``区划地名科
    (基层政权建设和社区治理科)``, a space before the bracket): a 股 or 科 named in brackets after another is the
    same office's second name, as a 局 is after a 局."""
    got = mentions_from_list("广电旅游和公共服务股(行政审批服务股)", 0)
    assert [(m.name, m.alias) for m in got] == [("广电旅游和公共服务股", "行政审批服务股")]
    got = mentions_from_list("区划地名科 (基层政权建设和社区治理科)", 0)
    assert [(m.name, m.alias) for m in got] == [("区划地名科", "基层政权建设和社区治理科")]
    assert [(m.name, m.alias) for m in mentions_from_list("县开发区(惠民街道)", 0)] == [("县开发区(惠民街道)", "")]


S23_RECORD = """任务97

  • 听全文
  • 2019-08-23
  • 来源:市府办公厅
重点工作:推进更高层次的广佛同城化,强化广佛地区粤港澳大湾区增长极建设。
     
牵头单位:市发展改革委
     

年度阶段性工作目标:

第一季度:1.制定《广佛同城化建设2019年度重点工作计划》,明确今年工作重点。2.开展广佛合作试验区前期谋划。
进展落实情况:

第一季度:      

按计划推进中。      
1.已编制完成了《广佛同城化建设2019年度重点工作计划》,并征求了两轮市相关单位意见。
2.开展广佛合作试验区前期谋划,就试验区定位、原则、布局、近期工作计划进行了研究。
"""

W13_RECORD = """任务29

  • 2022-04-14
  • 来源: 广州市人民政府办公厅
重点工作: 实施“强区”工程,推进建设广州开发区、增城经济技术开发区、南沙经济技术开发区等三大国家级工业
牵头单位: 市工业和信息化局
年度阶段性工作目标: 第一季度:下达提质增效试点园区补助;
第四季度:建立市重点产业链链长制;花都新增1-2个省(市、区)级研发平台。
进展情况、存在问题
及下一步工作建议:
已完成。
1.2021年6月份印发《广州市构建“链长制”推进产业高质量发展的意见》。
"""


def test_a_record_of_labelled_fields_is_a_task():
    """s23 广州 2019 (``重点工作:推进更高层次的广佛同城化,…`` / ``牵头单位:市发展改革委``, blank lines between) and
    w13 广州 2021 (``重点工作: 实施“强区”工程,…`` / ``牵头单位: 市工业和信息化局``, a range among its goals): the
    record is one task of its lead, its goals its text; the numbered lines of its progress are no tasks."""
    plan = plan_of(S23_RECORD)
    assert [(t.title, [(m.name, m.role) for m in t.units]) for t in plan.tasks] == [
        ("推进更高层次的广佛同城化,强化广佛地区粤港澳大湾区增长极建设", [("市发展改革委", "lead")])]
    assert "进展落实情况" not in plan.tasks[0].text
    plan = plan_of(W13_RECORD)
    assert [(t.title.split(",")[0], [(m.name, m.role) for m in t.units]) for t in plan.tasks] == [
        ("实施“强区”工程", [("市工业和信息化局", "lead")])]
    assert "花都新增1-2个" in plan.tasks[0].text and "已完成" not in plan.tasks[0].text


def test_a_first_lead_of_a_kind_is_no_first_listed_statement():
    """``第一牵头单位`` (a unit named the first of several leads) states no convention for the lists."""
    assert not says_first_listed_leads("(第一牵头单位:市发改委;第二牵头单位:市财政局)")


def test_an_item_number_right_before_a_year_opens_an_item():
    """l83 忻州 2022 (``2.2022年至2024年扩大六税两费适用范围。…(责任单位:市财政局、市税务局)``) and f72 昆明 2009
    (``1.2009年底前,完成特勤消防三中队…``): the number and its point open the item though a year follows them
    (no decimal number ``2.2022``); a page number ``1、2023年…`` of a sharing site stays text."""
    l83 = ("一、服务业普惠性纾困扶持措施\n1.延续服务业增值税加计抵减政策。(责任单位:市税务局)\n"
           "2.2022年至2024年扩大六税两费适用范围。符合条件的服务业市场主体可以享受。(责任单位:市财政局、市税务局)\n"
           "3.根据条例授权和本地实际,给予减免。(责任单位:市税务局)\n")
    assert [(t.number, [m.name for m in t.units]) for t in plan_of(l83).tasks] == [
        ("1", ["市税务局"]), ("2", ["市财政局", "市税务局"]), ("3", ["市税务局"])]
    f72 = ("一、消防站点建设\n1.2009年底前,完成特勤消防三中队建设。\n责任单位:呈贡县政府、市发改委\n"
           "2.2010年底前,完成盘龙消防三中队建设。\n责任单位:盘龙区政府\n")
    assert [(t.title, [m.name for m in t.units]) for t in plan_of(f72).tasks] == [
        ("2009年底前,完成特勤消防三中队建设", ["呈贡县政府", "市发改委"]), ("2010年底前,完成盘龙消防三中队建设", ["盘龙区政府"])]
    w61 = ("1、2023年县域经济考核指标目标任务状况汇报 依据区政府支配,对32项县域经济考核指标进行了分析和2023年度目标设定,"
           "其中,8项指标已纳入区人代会考核指标,具体设定状况如下:\n")
    assert not plan_of(w61).tasks


def test_a_unit_label_that_asks_for_each_units_head_too():
    """f72 昆明 2009 (``责任单位及责任人:呈贡县政府、市发改委、…、市公安消防支队主要领导。`` / ``责任单位及责任人:盘龙区政府主要领导。``)
    and e03 肇庆's wording 牵头单位及主要负责人: the label names units (not persons), each printed with its head's post,
    which is no part of the name."""
    got = mentions_from_labels("责任单位及责任人:呈贡县政府、市发改委、市公安消防支队主要领导。", 0)
    assert roles(got) == [("呈贡县政府", "responsible"), ("市发改委", "responsible"), ("市公安消防支队", "responsible")]
    assert roles(mentions_from_labels("责任单位及责任人:盘龙区政府主要领导。", 0)) == [("盘龙区政府", "responsible")]
    assert roles(mentions_from_labels("牵头单位及主要负责人:市民政局主要负责人", 0)) == [("市民政局", "lead")]
    assert mentions_from_labels("责任人:张三", 0) == []


def test_duties_printed_unit_by_unit_after_a_colon_without_numbers():
    """p82 a 四川 city 2003 (``(三)市级有关责任部门伤亡人数控制指标。…实现以下目标:`` then paragraphs ``市公安局:杜绝…`` /
    ``消防安全:…`` / ``市交通局:…``) and p84 a district's 瓶改管 duties (run on: ``区安监局:负责综合监督和协调工作,…挂牌督办. 区市场
    监管局:依法查处…``): each unit's duties are a task of that unit, responsible; an opening that names no unit is none."""
    p82 = ("(三)市级有关责任部门伤亡人数控制指标(见附件二、三)。市级重点部门还要会同县区、开发区实现以下目标:\n"
           "市公安局:杜绝省政府认定的道路交通特大事故;重大事故比前三年有所下降;一般事故力争下降5%.\n"
           "消防安全:杜绝省政府认定的特大火灾事故;一般火灾事故稳中有降。\n"
           "市交通局:水上交通杜绝省政府认定的特大事故;重大事故和一般事故死亡人数不超过前三年的平均数。\n")
    assert [(t.title, roles(t.units)) for t in plan_of(p82).tasks if t.units] == [
        ("市公安局:杜绝省政府认定的道路交通特大事故", [("市公安局", "responsible")]),
        ("市交通局:水上交通杜绝省政府认定的特大事故", [("市交通局", "responsible")])]
    p84 = ("区安监局:负责综合监督和协调工作,督促有关部门履行燃气安全监管职责;对存在重大安全隐患的餐饮场所进行挂牌督办. "
           "区市场监管局:依法查处餐饮经营主体未领取营业执照的违法行为. 区卫计局、区旅游局:负责指导督促直属卫生医疗机构、星级宾馆饭店落实安全生产主体责任.\n")
    assert [roles(t.units) for t in plan_of(p84).tasks] == [
        [("区安监局", "responsible")], [("区市场监管局", "responsible")], [("区卫计局", "responsible"), ("区旅游局", "responsible")]]


def test_a_note_that_units_join_every_task_gives_them_the_role_of_its_verb():
    """o83 芜湖 2022 (``配合单位:局相关业务科室,各县(市、区)林业主管部门(以下均需各县(市、区)林业主管部门配合,不再列出)``)
    and d14 管城 (``(区河长制办公室牵头,各成员单位参与,各涉河办事处落实。以下均需各涉河办事处落实,不再列出)``): the units join
    every later task in the role the note's verb gives (配合 cooperating, 落实 responsible); a 管理科 is an office."""
    from graph.units import units_of_every_task

    _, o83 = units_of_every_task("1.森林覆盖率达到27.30%。\n牵头责任单位:森林资源管理和林长制工作科,配合单位:局相关业务科室,"
                                 "各县(市、区)林业主管部门(以下均需各县(市、区)林业主管部门配合,不再列出)。\n")
    assert roles(o83) == [("各县(市、区)林业主管部门", "cooperating")]
    _, d14 = units_of_every_task("(区河长制办公室牵头,各成员单位参与,各涉河办事处落实。以下均需各涉河办事处落实,不再列出)")
    assert roles(d14) == [("各涉河办事处", "responsible")]
    tasks = plan_of("1.湿地保护率超过53%。\n责任单位:自然保护地管理科。\n2.自然保护地面积比例达到4.29%以上。\n责任单位:自然保护地管理科。\n").tasks
    assert [[m.name for m in t.units] for t in tasks] == [["自然保护地管理科"], ["自然保护地管理科"]]


def test_a_count_column_gives_its_figures_the_measure_of_what_it_counts():
    """h92 德州 2022 (``县(市、区) | 项目数量 | 小区数 | 楼栋数 | 户数 | 建筑面积``, no measure printed) and h93 山东 2023
    (``小区数(个) | 楼栋数(栋) | 户数(户) | 建筑面积``): a column that counts things gives its figures the measure word of
    what it counts (户数 户, 楼栋数 栋, 小区数 and 项目数量 个), a bracketed measure wins, other headers give none; the totals
    row ``全市小计:`` names no government."""
    from graph.structure.tables import header_measure

    assert [header_measure(h) for h in ("项目数量", "小区数", "楼栋数", "户数", "建筑面积")] == ["个", "个", "栋", "户", ""]
    assert [header_measure(h) for h in ("小区数(个)", "楼栋数(栋)", "户数(户)", "价格指数")] == ["个", "栋", "户", ""]
    assert [header_measure(h) for h in ("目标数", "任务数量")] == ["", ""]   # figures of anything: the header says no measure
    h92 = ("县(市、区) |\n项目数量 |\n小区数 |\n楼栋数 |\n户数 |\n建筑面积 |\n全市小计: |\n313 |\n313 |\n1164 |\n35305 |\n377.72 |\n"
           "德城区 |\n67 |\n67 |\n337 |\n10797 |\n104.87 |\n开发区 |\n3 |\n3 |\n104 |\n3793 |\n40.64 |\n"
           "陵城区 |\n7 |\n7 |\n24 |\n546 |\n5.68 |\n")
    tasks = plan_of(h92).tasks
    assert [[m.name for m in t.units] for t in tasks] == [[], ["德城区"], ["开发区"], ["陵城区"]]
    assert [v[1] for v in tasks[1].target_cells] == ["个", "个", "栋", "户", ""]


ZHONGLOU_HEADER = """序号
目标名称
工 作 标 准
区政府
分管领导
牵头单位
配合单位
"""  # 钟楼区's 责任分解表, one cell per line

E61_TABLE = "附件1\n2025年《政府工作报告》主要目标任务责任分解表\n" + ZHONGLOU_HEADER + """1
全区经济社会发展的主要预期目标
(1)地区生产总值增长5%左右。
王旭锋
区发改局
经开区
高新区(邹区镇)
各街道
(2)一般公共预算收入保持稳定增长。
区财政局
(3)制造业投资增长8%左右。
吴 伟
区工信局
"""

I51_TABLE = "附件1\n2022年《政府工作报告》主要目标任务责任分解表\n" + ZHONGLOU_HEADER + """1
四大功能区建设
(1)老城复兴样板区要见成效,以文化复兴、商圈振兴、旅游创新、城市更新同频共振为目标,年内完成37个老旧小区改造任务。
王旭锋
胡金芳
住建局
新闸街道、五星街道,发改局、财政局
(2)数字经济先导区要树标杆,力争一般公共预算收入达到26.6亿元;规模以上工业产值年度增幅达11%。
"""


def test_a_name_cell_over_numbered_sub_rows_is_their_section():
    """e61 常州钟楼区 2025 (全区经济社会发展的主要预期目标 over (1)…(3)) and i51 钟楼区 2022 (四大功能区建设
    over (1)(2), the second cut by the page end): a 目标名称 cell merged over sub-rows, each with units
    of its own, names their group; the first sub-row is titled by its own item, as the others are."""
    plan = plan_of(E61_TABLE)
    assert [(t.title, t.section[-1], [m.name for m in t.units]) for t in plan.tasks] == [
        ("地区生产总值增长5%左右", "全区经济社会发展的主要预期目标", ["区发改局", "经开区", "高新区(邹区镇)", "各街道"]),
        ("一般公共预算收入保持稳定增长", "全区经济社会发展的主要预期目标", ["区财政局"]),
        ("制造业投资增长8%左右", "全区经济社会发展的主要预期目标", ["区工信局"])]
    assert plan.tasks[0].units[0].role == "lead" and plan.tasks[0].units[-1].role == "cooperating"
    plan = plan_of(I51_TABLE)
    first = plan.tasks[0]
    assert first.title.startswith("老城复兴样板区要见成效") and first.section[-1] == "四大功能区建设"
    assert [m.name for m in plan.tasks[0].units] == ["住建局", "新闸街道", "五星街道", "发改局", "财政局"]


def test_sibling_items_over_one_units_cell_are_one_task():
    """h07-style rows (7 | 完善公共文化设施网络 | 1.新建城市书房10个; | 2.…达标率达到95%。 | 王丽 | 市文广旅局):
    1. and 2. printed before the row's only units cell are the work of one task, not two. (The 西安
    b91 row, 1.省任务 then (1)市措施 with units, is no list of siblings and still splits.)"""
    text = ("序号\n任务名称\n工作内容\n责任领导\n牵头单位\n配合单位\n完成时限\n"
            "7\n完善公共文化设施网络\n1.新建城市书房10个;\n2.乡镇(街道)综合文化站达标率达到95%。\n王丽\n"
            "市文化广电和旅游局\n市财政局\n各县区人民政府\n2024年12月底\n"
            "8\n深化文化惠民工程\n开展送戏下乡演出1200场以上。\n王丽\n市文化广电和旅游局\n市总工会、团市委\n2024年12月底\n")
    plan = plan_of(text)
    assert [(t.title, [m.name for m in t.units]) for t in plan.tasks] == [
        ("完善公共文化设施网络", ["市文化广电和旅游局", "市财政局", "各县区人民政府"]),
        ("深化文化惠民工程", ["市文化广电和旅游局", "市总工会", "团市委"])]


def test_a_heading_naming_a_units_duties_gives_it_the_items_below():
    """q53 a district's 安全生产 duties (``第七条 区科委工作职责:`` / ``(一)将推动安全生产科技进步纳入…``), i11 绍兴
    森林火灾预案 (``2.市指挥部办公室职责`` / ``(1)负责本预案的制订…``, below items that name their units with a colon)
    and m11 铜梁 (``2.5 各乡镇人民政府救助工作职责`` over one paragraph): the unit the heading names before 职责 is
    responsible for each item below it that names no unit, or for the heading's own paragraph, titled by
    the heading; a heading with no 职责 after a unit's name stays silent where other items name units."""
    q53 = ("第七条 区科委工作职责:\n"
           "(一)将推动安全生产科技进步纳入本区科学技术发展规划和计划并组织实施。\n"
           "(二)负责安全生产重大科技攻关、基础研究和应用研究的指导工作。\n"
           "第八条 区公安分局工作职责:\n"
           "(一)对本区消防工作实施监督管理,指导、监督消防机构履行法定消防安全职责。\n")
    assert [(t.number, roles(t.units)) for t in plan_of(q53).tasks] == [
        ("(一)", [("区科委", "responsible")]), ("(二)", [("区科委", "responsible")]),
        ("(一)", [("区公安分局", "responsible")])]
    i11 = ("(一)市指挥部成员单位职责\n"
           "(12)绍兴军分区:指挥、督促各县(市、区)人武部、民兵预备役部队参加森林消防培训及火灾扑救工作。\n"
           "(13)武警绍兴市支队:指挥所属部队支援森林火灾的扑救行动。\n"
           "(二)日常办事机构\n"
           "1.市指挥部办公室\n"
           "市指挥部下设办公室,办公室为日常办事机构,设在市林业局。\n"
           "2.市指挥部办公室职责\n"
           "(1)负责本预案的制订、修订和实施。\n"
           "(2)做好森林火灾事故的信息监测、预测和预防工作,及时向市指挥部提出启动本预案的建议。\n")
    got = [(t.number, roles(t.units)) for t in plan_of(i11).tasks if t.units]
    assert got == [("(12)", [("绍兴军分区", "responsible")]), ("(13)", [("武警绍兴市支队", "responsible")]),
                   ("(1)", [("市指挥部办公室", "responsible")]), ("(2)", [("市指挥部办公室", "responsible")])]
    m11 = ("2.5 各乡镇人民政府救助工作职责\n"
           "各乡镇人民政府成立相应的应急救助指挥机构和办事机构,按照属地管理和分级管理的原则,制定本乡镇应急救助预案。\n"
           "2.6县自然灾害应急救助指挥部成员单位救助工作职责\n"
           "2.6.1县救灾办:协助县政府做好特、重大自然灾害的信息收集、上报、情况通报和应急处置工作。\n")
    assert [(t.title, roles(t.units)) for t in plan_of(m11).tasks][0] == (
        "各乡镇人民政府救助工作职责", [("各乡镇人民政府", "responsible")])


def test_an_action_verb_before_a_body_names_no_unit():
    """a09 a district 應急管理局 2022 (繁體: ``健全完善安委會牽頭抓總、統籌協調,…的工作機制``) and b09 a town's 2024
    plan (``理顺园区管理机制,明确专班负责园区日常工作``): a name that opens with an action verb (健全, 明确, …,
    ontology/unit_shapes.json ``action_starts``) describes a mechanism, not the unit that carries the task."""
    assert unit_shape("健全完善安委會") == 0 and unit_shape("明确专班") == 0
    assert unit_shape("建设局") == 2 and unit_shape("完善办") == 0   # 建设 opens no action; 完善 does
    a09 = "1.強化統籌推動。健全完善安委會牽頭抓總、統籌協調,專委會專業統籌、督促推動,監管部門互相配合、協同推進的工作機制。\n"
    b09 = "(一)优化园区管理机制。实施园区经济赋能行动,理顺园区管理机制,明确专班负责园区日常工作,推动要素向园区集聚。\n"
    assert [t.units for t in plan_of(a09).tasks] == [()]
    assert all(not t.units for t in plan_of(b09).tasks)


def test_the_count_of_what_a_rate_measures_is_no_target():
    """f07 鄂州 2024 (``纳入国家考核的3个断面水质优良率达到100%``) and x84 十堰 2024 (``18个县级及以上城市集中式饮用水
    水源地水质优良率100%``, ``…市控及以上44个地表水监测断面达到或优于III类水体比例达到93.18%以上``): a count in the
    subject of a rate or a share says over how many things it is measured; the rate is the target."""
    f07 = "纳入国家考核的3个断面水质优良率达到100%,全市5个集中式饮用水水源地水质达标率为100%。"
    assert [(i.value, i.unit) for i in extract_indicators(f07)] == [(100.0, "%"), (100.0, "%")]
    x84 = ("27个省级及以上地表水监测断面优良率达到96.3%,纳入全市水环境质量评级的市控及以上44个地表水监测断面达到或优于"
           "III类水体比例达到93.18%以上;18个县级及以上城市集中式饮用水水源地水质优良率100%。")
    assert [(i.value, i.unit) for i in extract_indicators(x84)] == [(96.3, "%"), (93.18, "%"), (100.0, "%")]
    # a count that is the target itself stays: 新建城市公园3个, 建成5个污水处理厂
    assert [(i.value, i.unit) for i in extract_indicators("新建城市公园3个,建成5个污水处理厂。")] == [(3.0, "个"), (5.0, "个")]


def test_a_counted_list_after_a_colon_is_a_task_a_piece():
    """l05 榆中 2016 繁體 (``這十件實事是:1.新修高標準基本農田10萬畝。2.…``, numbered on one line) and l07 天水 2020
    (``集中力量办好10件实事:建成…;实施…;…``, parted by semicolons): where nothing else is a task, the pieces that a
    count announces, as many as counted, are tasks with their targets and no units; a count that the pieces do
    not match makes none."""
    l05 = ("會上確定2016年縣委縣政府為民興辦10件實事。\n"
           "這十件實事是:1.新修高標準基本農田10萬畝。2.引入社會資金2億元,建成1所縣城九年制學校。3.完成縣城小學新建和三角城"
           "小學遷建工程,建成40所標準化學校。4.改造農村危舊房1320戶。5.實施光網榆中項目建設,實現全縣所有村寬帶全覆蓋。"
           "6.新增城鎮就業2300人。7.改造路網及村內道路160公里。8.實施光伏扶貧項目,推廣光伏發電2100戶。9.建成南坡灣、"
           "潘家坪調蓄水庫及水廠。10.完成興隆山水源涵養區保護工程。\n")
    tasks = plan_of(l05).tasks
    assert [t.number for t in tasks][:4] == ["1", "2", "3", "4"] and not any(t.units for t in tasks)
    assert tasks[0].title == "新修高標準基本農田10萬畝" and tasks[1].title == "引入社會資金2億元"
    l07 = ("《政府工作报告》提出,2020年,天水市集中力量办好10件实事:建成藉河治理二期工程和岷山生态公园;实施城区水务一体化工程;"
           "新增城区停车位3000个以上;新建城区公共厕所20座、旅游厕所30座;建成农村生活垃圾焚烧站(场)55座;建成社区便民市场8处;"
           "实施城市老旧小区改造项目67个28682户;实施棚户区改造项目54个21900套;启动实施市幼儿园分园新建项目;打通城区“断头路”4条。\n")
    titles = [t.title for t in plan_of(l07).tasks]
    assert "新增城区停车位3000个以上" in titles and "打通城区“断头路”4条" in titles
    assert plan_of(l07.replace("10件实事", "12件实事")).tasks == ()


def test_paragraphs_opened_by_a_unit_and_its_duty_under_a_duty_heading():
    """y72 a province's 自然灾害 预案 (``5、部门主要职责:省民政厅组织、协调救灾工作;…`` / ``省水利厅承担…`` /
    ``省经委协调…``, the first duty on the heading's own line) and m14 a city's 食品安全事故 预案 (``市食安办参加…``
    beside ``市卫生局负责…``): each paragraph that opens with one unit and a duty verb is that unit's task,
    responsible, titled by its first clause, under the heading's section; a paragraph a role verb opens is
    read as prose still (负责: responsible). A heading of the division of work by unit (``三、职责分工``, f35 徐汇
    2017: ``区城管执法局依法…`` / ``区住房保障房屋管理局指导、协调…``) is a heading of duties too."""
    y72 = ("5、部门主要职责:省民政厅组织、协调救灾工作;核实、报告灾情;申请、管理和参与分配救灾款物。\n"
           "省水利厅承担省防汛抗旱指挥部的日常工作;负责水情、旱情、汛情的监测和上报工作。\n"
           "省经委协调铁路、邮电、电力、商业、物资、医药等部门的抢险救灾工作。\n"
           "省财政厅负责救灾应急资金的筹集、拨付和资金使用情况的监督。\n")
    got = [(t.title, roles(t.units), t.section) for t in plan_of(y72).tasks]
    assert got == [("省民政厅组织、协调救灾工作", [("省民政厅", "responsible")], ("5部门主要职责",)),
                   ("省水利厅承担省防汛抗旱指挥部的日常工作", [("省水利厅", "responsible")], ("5部门主要职责",)),
                   ("省经委协调铁路、邮电、电力、商业、物资、医药等部门的抢险救灾工作", [("省经委", "responsible")],
                    ("5部门主要职责",)),
                   ("救灾应急资金的筹集、拨付和资金使用情况的监督", [("省财政厅", "responsible")], ("5部门主要职责",))]
    m14 = ("7.3预案实施\n本预案自发布之日起施行。\n附件2:\n指挥部成员单位职责\n"
           "市食安办参加指挥部办公室工作,并监督、指导、协调食品安全事故处置及责任调查处理工作。\n"
           "市卫生局负责为指挥部办公室提供技术支持和必要的办公条件,参加指挥部办公室工作。\n")
    got = [(t.title, roles(t.units), t.section) for t in plan_of(m14).tasks if t.units]
    assert got == [("市食安办参加指挥部办公室工作", [("市食安办", "responsible")], ("指挥部成员单位职责",)),
                   ("为指挥部办公室提供技术支持和必要的办公条件", [("市卫生局", "responsible")], ("指挥部成员单位职责",))]
    f35 = ("三、职责分工\n\n区绿化市容局负责本区装修垃圾处理的全面管理和指导工作。\n\n"
           "区城管执法局依法对违反规定的行为实施行政处罚,包括对装修垃圾非法倾倒、运输与处置的处罚。\n\n"
           "区住房保障房屋管理局指导、协调各街道、镇督促物业服务企业做好装修垃圾投放管理工作。\n")
    got = [(t.title[:12], roles(t.units)) for t in plan_of(f35).tasks]
    assert got == [("本区装修垃圾处理的全面管", [("区绿化市容局", "responsible")]),
                   ("区城管执法局依法对违反规", [("区城管执法局", "responsible")]),
                   ("区住房保障房屋管理局指导", [("区住房保障房屋管理局", "responsible")])]


def test_a_caption_of_member_duties_heads_the_paragraphs_below_it():
    """m14 (``指挥部成员单位职责`` over ``市食安办参加…`` / ``市卫生局负责…``, above) and q54 城口 2019 (``成员单位工作职责``
    / a paragraph of the covering rules / ``县委宣传部。负责组织协调媒体…``, the unit printed as a sentence of its
    own): an unnumbered line that is only a title of duties heads the paragraphs below it, one paragraph enough
    when it names its unit as the subject of its duties; a table's header row (``序号 成员单位 应急职责``, d26
    鄂尔多斯) and a paragraph a role verb opens alone (h72 内蒙古's columns run together) head nothing."""
    q54 = ("成员单位工作职责\n"
           "根据《城口县人民政府办公室关于调整城口县安全生产委员会和城口县减灾委员会的通知》,现将职责明确如下。\n"
           "县委宣传部。负责组织协调媒体做好防灾减灾救灾工作的新闻报道\n")
    assert [(t.title, roles(t.units)) for t in plan_of(q54).tasks] == [
        ("负责组织协调媒体做好防灾减灾救灾工作的新闻报道", [("县委宣传部", "responsible")])]
    header = "序号 成员单位 应急职责\n12 市生态环境局\n市住房和城乡建设局承担城市供水的恢复工作。\n"
    assert not any(t.section == ("序号 成员单位 应急职责",) for t in plan_of(header).tasks)
    h72 = "(二)明确\n部门职责\n自治区住房城乡建设厅牵头,\n联席会议成员单位按职责分工负\n"
    assert not any(t.section == ("部门职责",) for t in plan_of(h72).tasks)


def test_member_duties_above_the_first_heading_of_an_excerpt():
    """d24 葫芦岛 暴风雪 预案, page 3 (``市卫生局:负责…`` / ``市广电局:负责…`` / … / ``3.1资金准备``) and d30 盘锦's
    plan of the same template (``市卫生局负责…`` / ``市文广局负责…``, no colon): a run of two or more paragraphs
    that open with a unit and its duty before the first heading are tasks, the numbered items below still read;
    in a text without headings they stay prose's (m63, each paragraph a sentence of its own)."""
    d24 = ("市卫生局:负责灾区的医疗救援和食品与饮用水卫生监督管理工作。\n"
           "市广电局:负责广播、电视等媒体及时发布暴风雪预警信息和宣传报道救灾工作。\n"
           "3 应急准备\n3.1资金准备\n各县(市)区人民政府和相关部门要安排暴风雪灾害应急资金。\n")
    got = [(t.title, roles(t.units)) for t in plan_of(d24).tasks]
    assert got[:2] == [("市卫生局:负责灾区的医疗救援和食品与饮用水卫生监督管理工作", [("市卫生局", "responsible")]),
                       ("市广电局:负责广播、电视等媒体及时发布暴风雪预警信息和宣传报道救灾工作", [("市广电局", "responsible")])]
    assert any(t.number == "3.1" for t in plan_of(d24).tasks)
    d30 = ("市卫生局负责灾区的医疗救援和食品与饮用水卫生监督管理工作。\n"
           "市文广局负责广播、电视等媒体及时发布暴风雪预警信息和宣传报道救灾工作。\n"
           "盘锦海事局负责所辖水域水上交通安全的监督管理。\n"
           "3.1资金准备\n各级政府要安排暴风雪灾害应急资金。\n")
    assert [roles(t.units) for t in plan_of(d30).tasks][:3] == [
        [("市卫生局", "responsible")], [("市文广局", "responsible")], [("盘锦海事局", "responsible")]]


def test_working_groups_of_an_emergency_plan_carry_their_duties():
    """m12 a city's 地质灾害 预案 (``3.抢险救助组:负责抢救受害人员…``, numbered, a colon) and y72 a province's
    自然灾害 预案 (``抢险转移安置组负责抢险…``, unnumbered, no colon): a working group (``…组``) is the unit of
    its duties, as a 指挥部 or a 领导小组 is; a regrouping or a generating set (``资产重组``, ``燃煤机组``)
    names none."""
    m12 = ("二、工作组职责\n"
           "3.抢险救助组:负责抢救受害人员、寻找失踪人员,抢救国家重要财物、文物。\n"
           "4.医疗救护与卫生防疫组:负责组织急救队伍救护伤员,帮助灾区采取有效措施防止和控制传染病的暴发流行。\n"
           "6.维稳组:负责灾区社会治安管理、安全保卫工作,维护道路交通秩序。\n")
    assert [roles(t.units) for t in plan_of(m12).tasks] == [
        [("抢险救助组", "responsible")], [("医疗救护与卫生防疫组", "responsible")], [("维稳组", "responsible")]]
    y72 = ("抢险转移安置组负责抢险、转移安置灾民和抢救重要财产。\n"
           "工程抢险组负责水、电、路、燃气及其它受损设施的抢险工作。\n"
           "生活保障组负责为灾民提供吃、穿、住、医等物资保障。\n"
           "4、现场指挥机构:负责现场的紧急抢险、人员、物资转移安置工作。\n")
    assert [roles(t.units) for t in plan_of(y72).tasks if t.units] == [
        [("抢险转移安置组", "responsible")], [("工程抢险组", "responsible")], [("生活保障组", "responsible")]]
    assert unit_shape("抢险救助组") == 2 and unit_shape("燃煤机组") == 0 and unit_shape("企业资产重组") == 0


def test_a_unit_alone_under_a_section_of_duties_carries_the_duties_below_it():
    """c28 松江 2017 停车 (``四、职责分工`` / ``(一)区交通委`` / ``1.制定有关具体操作流程…``, ``(二)区公安分局`` / a
    paragraph) and c29 杨浦 2022 消防 (``三、工作职责`` / ``(一)街道消防安全委员会`` / ``1.组织领导…``): a heading that is a
    unit's name alone, in a section of duties, gives its unit to the duties below it, though the document names
    units elsewhere (``由街镇牵头协调…``, ``由区政府牵头…``)."""
    c28 = ("三、工作措施\n1.住宅小区周边道路具备夜间停车条件的,由街镇牵头协调公安、交通。\n四、职责分工\n(一)区交通委\n"
           "1.制定有关具体操作流程,建立区域停车资源共享利用协调制度。\n2.制定年度目标,负责对停车资源共享利用工作的协调推进。\n"
           "(二)区公安分局\n调研道路停车资源供给状况,指导制定道路夜间停车方案。\n")
    got = [(t.title, roles(t.units)) for t in plan_of(c28).tasks][1:]
    assert got == [("制定有关具体操作流程,建立区域停车资源共享利用协调制度", [("区交通委", "responsible")]),
                   ("制定年度目标,负责对停车资源共享利用工作的协调推进", [("区交通委", "responsible")]),
                   ("调研道路停车资源供给状况,指导制定道路夜间停车方案", [("区公安分局", "responsible")])]
    c29 = ("二、组织架构\n(一)街道消防安全委员会。年底前,由区政府牵头,各街道设立消防安全委员会。\n三、工作职责\n"
           "区政府及其工作部门、街道按照《上海市消防条例》等法规文件的职责分工执行。\n(一)街道消防安全委员会\n"
           "1.组织领导本地区基层消防安全综合治理工作,加强各职能部门沟通协调。\n2.定期分析研判辖区消防安全形势,制定对策措施。\n")
    got = [(t.title, roles(t.units)) for t in plan_of(c29).tasks if t.section[-1:] == ("(一)街道消防安全委员会",)]
    assert got == [("组织领导本地区基层消防安全综合治理工作,加强各职能部门沟通协调", [("街道消防安全委员会", "responsible")]),
                   ("定期分析研判辖区消防安全形势,制定对策措施", [("街道消防安全委员会", "responsible")])]


def test_a_sentence_naming_units_introduces_their_duties():
    """c35 长宁 2020 消防安全责任制 细则 (``第六条 区政府应当落实消防工作责任制,履行下列共同职责:`` / ``(一)…``,
    ``第八条 街道办事处及镇政府消防工作职责:``) and a35 虹口 2022 建筑垃圾 (``(一)虹口区绿化和市容管理局`` /
    ``区绿化市容局是本区建筑垃圾处理的主管部门,…主要履行以下职责:`` / ``1.…``): the units that open the sentence
    introducing a list of duties carry each duty of the list, before the unit heading above them shares its name."""
    c35 = ("第六条　区政府应当落实消防工作责任制，履行下列共同职责：\n\n"
           "(一)贯彻执行国家法律法规和方针政策，全面负责本地区消防工作\n\n"
           "(二)将消防工作纳入经济社会发展总体规划\n\n"
           "第八条　街道办事处及镇政府消防工作职责：\n\n"
           "(一)建立消防安全组织，明确专人负责消防工作，制定消防安全制度，落实消防安全措施。\n")
    got = [(t.title[:8], [m.name for m in t.units]) for t in plan_of(c35).tasks if t.units]
    assert got == [("贯彻执行国家法律", ["区政府"]), ("将消防工作纳入经", ["区政府"]),
                   ("建立消防安全组织", ["街道办事处", "镇政府"])]
    a35 = ("三、分工与职责\n\n（一）虹口区绿化和市容管理局\n\n"
           "区绿化市容局是本区建筑垃圾处理的主管部门，负责本区域内建筑垃圾处理的具体管理工作，主要履行以下职责：\n\n"
           "1.组织制定建筑垃圾处置管理标准与指导意见；\n\n2.开展相关宣传、动员、培训、监督、检查工作；\n")
    got = [(t.title, roles(t.units)) for t in plan_of(a35).tasks if t.title[0] in "组开"]
    assert got == [("组织制定建筑垃圾处置管理标准与指导意见", [("区绿化市容局", "responsible")]),
                   ("开展相关宣传、动员、培训、监督、检查工作", [("区绿化市容局", "responsible")])]


def test_a_command_posts_main_duties_go_to_it_from_the_sentence_or_the_heading_above():
    """g34 嘉定 2025 人员转移安置 预案 (``区级指挥部主要职责如下:`` / ``（1）接收市级指挥部发布的指令…``) and b63 上海
    2024 生产安全事故 专项预案 (``2.1 市安全生产应急救援指挥部`` / ``指挥长由市安委会主任…担任;成员单位由…组成。主要职责:``
    / ``（1）贯彻落实…``): a list introduced by 主要职责 belongs to the unit that opens the sentence, or, when the
    sentence opens with no unit (指挥长由… is who chairs it), to the unit the heading above names alone."""
    g34 = ("2.2区级应急指挥部\n\n区级指挥部主要职责如下：\n\n（1）接收市级指挥部发布的指令，配合做好跨区接收协同准备；\n\n"
           "（2）评估突发事件危害影响，适时发布应急避难场所启用指令；\n")
    assert [roles(t.units) for t in plan_of(g34).tasks if t.units] == [[("区级指挥部", "responsible")]] * 2
    b63 = ("2.1 市安全生产应急救援指挥部\n\n"
           "指挥长由市安委会主任或指定负责同志担任，副指挥长由市安委会相关副主任或分管副市长担任；成员单位由市发展改革委、"
           "市经济信息化委、市消防救援总队及其他相关单位组成。主要职责：\n\n"
           "（1）贯彻落实党中央、国务院和市委、市政府关于生产安全事故应对工作的重要指示、决定；\n\n（2）决定启动和终止Ⅰ级、Ⅱ级应急响应；\n")
    assert [(t.title, roles(t.units)) for t in plan_of(b63).tasks if t.units] == [
        ("贯彻落实党中央、国务院和市委、市政府关于生产安全事故应对工作的重要指示、决定", [("市安全生产应急救援指挥部", "responsible")]),
        ("决定启动和终止Ⅰ级、Ⅱ级应急响应", [("市安全生产应急救援指挥部", "responsible")])]

def test_a_task_cell_merged_over_rows_that_each_hold_their_own_content():
    """a34 宝山 2019 生活垃圾 annex (``序号 | 任务名称 | 任务内容 | 牵头部门 | 配合部门 | 时间节点``, one cell per block,
    ``加强组织领导`` printed in its first row only), b34 舟山 2018 (``工作任务 | 主要工作内容 | …``, pipe rows one
    cell per line, ``源头减量专项行动`` printed once) and d36 上海 2023 光伏 (``序号 | 事项 | 工作措施 | 责任单位``, 事项 and
    责任单位 printed once over their rows): the rows are tasks of their own, titled by their content, the merged name
    their section."""
    a34 = ("附件1\n\n成员单位工作任务清单\n\n序号\n\n任务名称\n\n任务内容\n\n牵头部门\n\n配合部门\n\n时间节点\n\n"
           "1\n\n加强组织领导\n\n召开全区生活垃圾分类工作动员大会。\n\n区政府办公室\n\n各联席会议成员单位\n\n2019年3月\n\n"
           "2\n\n将生活垃圾管理纳入专项督查和绩效评价指标体系。\n\n区委组织部\n\n区绿化市容局\n\n2019年\n\n"
           "3\n\n建立健全生活垃圾分类责任体系。\n\n区政府办公室\n\n各街镇(园区)\n\n2019年\n\n"
           "4\n\n推进基层建设\n\n将垃圾分类绿色账户工作纳入基层组织居民区考核。\n\n区民政局\n\n各街镇(园区)\n\n2019年\n")
    got = [(t.title, t.section[-1], roles(t.units)[:1]) for t in plan_of(a34).tasks]
    assert got == [("召开全区生活垃圾分类工作动员大会", "加强组织领导", [("区政府办公室", "lead")]),
                   ("将生活垃圾管理纳入专项督查和绩效评价指标体系", "加强组织领导", [("区委组织部", "lead")]),
                   ("建立健全生活垃圾分类责任体系", "加强组织领导", [("区政府办公室", "lead")]),
                   ("将垃圾分类绿色账户工作纳入基层组织居民区考核", "推进基层建设", [("区民政局", "lead")])]
    b34 = ("舟山市城镇生活垃圾分类工作任务分解表\n序 号 |\n工作 任务 |\n主要工作内容 |\n完成时间 |\n牵头单位 |\n参与单位 |\n"
           "1 |\n源头减量专项行动 |\n到2020年底,全市城镇生活垃圾总量实现零增长。 |\n2020年 |\n市城市管理局 |\n市发改委 |\n"
           "2 |\n开展“限塑令”专项整治。 |\n2018年 |\n市市场监管局 |\n市供销社 |\n"
           "3 |\n开展果蔬集贸市场果蔬菜皮就地处理,净菜进城试点。 |\n2018年 |\n市市场监管局 |\n舟山商贸集团 |\n")
    got = [(t.title, t.section[-1]) for t in plan_of(b34).tasks]
    assert got == [("到2020年底,全市城镇生活垃圾总量实现零增长", "源头减量专项行动"),
                   ("开展“限塑令”专项整治", "源头减量专项行动"),
                   ("开展果蔬集贸市场果蔬菜皮就地处理,净菜进城试点", "源头减量专项行动")]
    d36 = ("附表1\n\n任务分工表\n\n序号\n\n事项\n\n工作措施\n\n责任单位\n\n推进实施“光伏+”示范工程\n\n1\n\n"
           "“光伏+地铁”工程\n\n充分利用轨道交通内既有高架车站、地面车站、停车场、沿线零星地块等资源,进行光伏项目的开发和建设\n\n"
           "申通地铁集团\n\n2\n\n新建高架车站、地面车站、基地库房等要求屋顶光伏覆盖面积达到50%\n\n"
           "3\n\n既有车站建筑进行光伏建筑一体化(BIPV)项目探索,拓宽光伏在轨道交通领域的应用场景\n\n"
           "4\n\n“光伏+铁路”工程\n\n充分利用候车楼、货场、站房、站台风雨棚、铁路沿线等资源,对符合条件的既有站点进行光伏改造\n\n"
           "中国铁路上海局\n\n5\n\n新建新线新站,在规划设计阶段预留大型客站站房屋顶安装光伏发电所需的基础条件\n\n"
           "6\n\n“光伏+机场”工程\n\n利用候机楼、货运楼、停车场、泵站等屋顶或机场空地资源\n\n机场集团、各航空公司\n")
    got = [(t.title[:13], t.section[-1], [m.name for m in t.units]) for t in plan_of(d36).tasks]
    assert got == [("充分利用轨道交通内既有高架", "“光伏+地铁”工程", ["申通地铁集团"]),
                   ("新建高架车站、地面车站、基", "“光伏+地铁”工程", ["申通地铁集团"]),
                   ("既有车站建筑进行光伏建筑一", "“光伏+地铁”工程", ["申通地铁集团"]),
                   ("充分利用候车楼、货场、站房", "“光伏+铁路”工程", ["中国铁路上海局"]),
                   ("新建新线新站,在规划设计阶", "“光伏+铁路”工程", ["中国铁路上海局"]),
                   ("利用候机楼、货运楼、停车场", "“光伏+机场”工程", ["机场集团", "各航空公司"])]


def test_a_table_of_contents_is_skipped_and_a_captioned_annex_is_read():
    """g34 嘉定 2025 人员转移安置 预案 (``目  录`` over ``1.总则`` … ``附件：成员单位职责分工``, the body printed after it)
    and c40 嘉定工业区 2025 地下空间 预案 (the same contents, and its annex opened by ``附件：相关单位及职责`` with the
    duties below): the body starts where the contents' first entry is printed again, so an annex the contents list
    does not end it; an annex line that carries its caption opens the annex as ``附件`` alone does."""
    g34 = ("上海市嘉定区突发事件人员转移安置和应急避难场所启用预案\n\n目  录\n\n1.总则\n\n1.1编制目的\n\n2.组织体系\n\n"
           "附件：成员单位职责分工\n\n1.总则\n\n1.1编制目的\n\n为建立健全本区突发事件人员转移安置工作机制，制定本预案。\n\n"
           "2.组织体系\n\n2.2区级应急指挥部\n\n区级指挥部主要职责如下：\n\n（1）接收市级指挥部发布的指令，配合做好跨区接收协同准备；\n\n"
           "附件\n\n成员单位职责分工\n\n1.区应急管理局：负责区级突发事件人员转移安置和应急避难场所启用的综合协调。\n")
    assert [roles(t.units) for t in plan_of(g34).tasks if t.units] == [
        [("区级指挥部", "responsible")], [("区应急管理局", "responsible")]]
    c40 = ("嘉定工业区地下空间突发事件应急预案(2025年)\n\n目  录\n\n1总则\n\n8.4预案实施\n\n附件：相关单位及职责\n\n"
           "1 总则\n\n1.1 编制目的\n\n为有效预防和处置地下空间突发事件，制定本预案。\n\n"
           "5.6 应急终止\n\n现场处置结束后，由有关职能部门做好后续工作。\n\n"
           "附件：相关单位及职责\n\n相关单位及职责\n\n派出所：负责地下空间突发事件现场及周边社会治安秩序维护和交通管制。\n\n"
           "消防救援站：统一组织和指挥地下空间火灾现场扑救。\n")
    got = [roles(t.units) for t in plan_of(c40).tasks if t.units]
    assert [("派出所", "responsible")] in got and [("消防救援站", "responsible")] in got
    page = ("目录\n首页\n政策文件\n某区2024年重点工作任务分工方案\n"
            "1.新建城市公园3个，完成老旧小区改造12个，全面提升城市品质和居民生活满意度。（牵头单位：区住建局）\n首页\n")
    assert [(t.number, roles(t.units)) for t in plan_of(page).tasks] == [("1", [("区住建局", "lead")])]   # a menu


def test_the_thresholds_that_grade_an_emergency_are_no_targets(tmp_path):
    """g34 嘉定 2025 人员转移安置 预案 (``1.4转移安置分级`` / ``（1）Ⅰ级（特大规模）转移安置行动，指需转移安置的人员在50万人以上``)
    and f52 金山 2020 水务 预案 (``(1)Ⅰ级（特别重大）突发水务事件`` / ``③ …造成30人以上死亡…``): the figures of a section
    that grades events name a grade, not a target; the plan's other figures stay targets."""
    from graph.pipeline import extract_document
    g34 = ("上海市嘉定区突发事件人员转移安置和应急避难场所启用预案\n\n1.总则\n\n1.4转移安置分级\n\n"
           "（1）Ⅰ级（特大规模）转移安置行动，指需转移安置的人员在50万人以上的。\n\n"
           "（2）Ⅱ级（重大规模）转移安置行动，指需转移安置的人员在10万人以上、50万人以下的。\n\n"
           "3.启用准备\n\n3.2场所建设\n\n到2025年，区应急管理局新建应急避难场所3个。\n")
    f52 = ("金山区处置水务行业突发事件应急预案\n\n一、总则\n\n（四）事件分级\n\n(1)Ⅰ级（特别重大）突发水务事件\n\n"
           "③ 水务行业各单位在建设工程、设施运营、船舶过闸过程中造成30人以上死亡。\n\n"
           "二、应急保障\n\n（一）队伍保障\n\n区水务局每年组织应急演练不少于2次。\n")
    from graph.pipeline import EVENT_GRADE
    assert not EVENT_GRADE.search("（三）妥善处置重大突发事件")   # a task about grave events, no grade defined
    for name, text, kept in (("g34.txt", g34, [3.0]), ("f52.txt", f52, [2.0])):
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        found = extract_document(path).indicators
        assert sorted(i.value for inds in found.values() for i in inds) == kept


def test_a_company_name_wrapped_in_a_narrow_cell_is_one_name():
    """e67 嘉定 2026 重大工程 (``上海猗翔企业管理`` / ``有限公司`` under 建设单位/责任单位, cells a blank line apart) and a48
    嘉定 2025 (``新智元电子科技`` / ``有限公司``): a line that is no unit, the rest of the name on the very next line,
    is one name; names printed one per line stay apart."""
    assert [r.name for r in split_raw("上海猗翔企业管理\n有限公司", 0)] == ["上海猗翔企业管理有限公司"]
    assert [r.name for r in split_raw("新智元电子科技\n有限公司", 0)] == ["新智元电子科技有限公司"]
    assert [r.name for r in split_raw("区发改委\n区财政局", 0)] == ["区发改委", "区财政局"]
    e67 = ("附件：2026年嘉定区重大工程建设计划\n\n序号\n\n项目名称\n\n牵头单位\n\n建设单位/责任单位\n\n建设目标\n\n所处区域\n\n"
           "20\n\n生命元谷•翔云科技园二期产业化基地\n\n区经委\n\n上海猗翔企业管理\n有限公司\n\n在建\n\n其他区域\n\n"
           "21\n\n嘉菊智湾人工智能产业园项目\n\n区经委\n\n上海嘉菊智湾科技发展\n有限公司\n\n新开工\n\n其他区域\n")
    assert [roles(t.units) for t in plan_of(e67).tasks] == [
        [("区经委", "lead"), ("上海猗翔企业管理有限公司", "cooperating")],
        [("区经委", "lead"), ("上海嘉菊智湾科技发展有限公司", "cooperating")]]


def test_the_bodies_an_emergency_plan_sets_up_carry_the_duties_numbered_under_them():
    """c58 崇明 2024 人员转移安置 预案 (``2.组织体系`` / ``2.1区级应急指挥部`` / a paragraph / ``（1）评估突发事件危害影响…``)
    and g27 宝坻 2019 抗旱防汛指挥体系 (``一、组织机构`` / ``(二)办事机构`` / ``(1)气象组`` / ``①负责做好实时气象信息监测``):
    in the section that sets up the plan's bodies, a heading that names one body alone gives it the duties numbered
    below it, in a document that names units elsewhere too."""
    c58 = ("上海市崇明区突发事件人员转移安置和应急避难场所启用预案\n\n1.总则\n\n1.1编制目的\n\n为规范本区人员转移安置工作，制定本预案。\n\n"
           "2.组织体系\n\n2.1区级应急指挥部\n\n区城市运行和突发事件应急管理委员会、区防汛指挥部等各类突发事件区级应急指挥部"
           "负责指挥本区人员转移安置和应急避难场所启用。\n\n（1）评估突发事件危害影响，适时向事发地所在乡镇人民政府和行业部门发布"
           "应急避难场所启用指令；\n\n（2）评估转移安置的人数规模，向事发地所在乡镇人民政府下达人员转移安置行动指令；\n")
    assert [roles(t.units) for t in plan_of(c58).tasks if t.title.startswith("评估")] == [[("区级应急指挥部", "responsible")]] * 2
    g27 = ("宝坻区抗旱防汛指挥体系\n一、组织机构\n(二)办事机构\n区抗旱防汛指挥部办公室(以下简称区防办)设在区应急管理局。\n"
           "(1)气象组\n组长:区气象局分管负责同志\n主要职责包括:\n①负责做好实时气象信息监测;\n②做好中短期气象预报预测;\n")
    assert [(t.title, roles(t.units)) for t in plan_of(g27).tasks if t.number in "①②"] == [
        ("负责做好实时气象信息监测", [("气象组", "responsible")]), ("做好中短期气象预报预测", [("气象组", "responsible")])]


def test_a_plans_frame_states_no_targets(tmp_path):
    """f36 七宝镇 2020 限额以下工程 (``一、适用范围`` / ``…是指本镇行政区域内总投资额在100万元以下的建设工程``) and g34 嘉定
    2025 预案 (``1.2编制依据`` / the laws it rests on, ``应急管理部等12部``): what a plan applies to and what it rests on
    define it, they set no target; its tasks' figures stay targets."""
    from graph.pipeline import extract_document
    f36 = ("七宝镇限额以下小型建设工程管理实施意见\n一、适用范围\n限额以下小型建设工程是指本镇行政区域内总投资额在100万元以下的建设工程。\n"
           "二、工作任务\n1.镇建管中心每年完成巡查100次。\n")
    g34 = ("上海市嘉定区突发事件人员转移安置和应急避难场所启用预案\n\n1.总则\n\n1.2编制依据\n\n"
           "《上海市实施〈中华人民共和国突发事件应对法〉办法》《上海市突发事件总体应急预案》、应急管理部等12部委"
           "《关于加强应急避难场所建设的指导意见》等。\n\n"
           "3.启用准备\n\n3.2场所建设\n\n到2025年，区应急管理局新建应急避难场所3个。\n")
    for name, text, kept in (("f36.txt", f36, [100.0]), ("g34.txt", g34, [3.0])):
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        found = extract_document(path).indicators
        assert sorted(i.value for inds in found.values() for i in inds) == kept


def test_brackets_inside_a_bracket_printed_as_hexagonal_brackets():
    """A bracket inside a unit bracket is printed 〔〕 (b25 许昌 2026 ``各县〔市、区〕政府〔管委会〕``, its second
    name after it; f71 消防 2011 ``责任部门:各县〔市、区〕政府;配合部门:…``): read as the round bracket it stands for."""
    plan = plan_of("一、主要预期目标\n"
                   "3.加强郑(港)汴许产业对接,围绕电子信息、生物医药、新能源汽车等产业,探索共建产业园区。"
                   "(市发展和改革委员会、市工业和信息化局,各县〔市、区〕政府〔管委会〕按职责分工负责)\n")
    assert roles(plan.tasks[0].units) == [("市发展和改革委员会", "responsible"), ("市工业和信息化局", "responsible"),
                                          ("各县[市、区]政府", "responsible")]
    got = mentions_from_labels("责任部门:各县〔市、区〕政府;配合部门:市公安局、各行业主管部门", 0)
    assert roles(got) == [("各县[市、区]政府", "responsible"), ("市公安局", "cooperating"),
                          ("各行业主管部门", "cooperating")]


def test_a_units_head_is_a_post_not_a_role_verb():
    """``X负责人`` / ``X主要负责同志`` name the head of X, a post: in a roster (j63 汉阳经开区 2020 ``蔡继敏  党建部负责人``,
    b38 吴泾镇 2021 ``张光耀  规建生态办负责人``) or a body's chair (c32 嘉定 2023 ``由区住房保障房屋管理局主要负责人任召集人``)
    no unit is given a task; ``负责`` before other words (``负责人员培训``, ``负责人事工作``) stays the verb."""
    for text in ("蔡继敏  党建部负责人\n黄  瑾  财务室负责人", "张光耀  规建生态办负责人",
                 "成立工作专班,由区住房保障房屋管理局主要负责人任召集人。"):
        assert mentions_from_prose(text, 0) == []
    assert roles(mentions_from_prose("党建部负责处理因疫情产生的信访事项,统筹做好相关维稳工作。", 0)) == [("党建部", "responsible")]
    assert roles(mentions_from_prose("县财政局负责人事工作。", 0)) == [("县财政局", "responsible")]


def test_words_of_an_action_or_a_condition_before_a_name_make_no_unit():
    """A clause that opens with an action or a condition (ontology ``action_starts``: ``推动``, ``必要时``, ``原则按照``)
    names no unit as its subject (a54 静安 2024 ``推动各单位协同落实``, j53 北京 2012 ``推动各单位落实整治任务``; f38 杨浦
    2025 ``原则按照市水务局牵头制定的…办法``); nor does a clause with 负责 inside it (b63 上海 2024 and g34 嘉定 2025
    ``本预案由X会同有关部门负责具体解释与组织实施``: 有关部门 cooperates, no ``有关部门负责具体解释与组织``)."""
    assert mentions_from_prose("用信息化手段按月做好情况跟踪，推动各单位协同落实本市营商环境7.0版方案。", 0) == []
    assert mentions_from_prose("协调、部署专项整治行动,推动各单位落实整治任务。", 0) == []
    assert "原则按照市水务局" not in [m.name for m in mentions_from_prose(
        "2.明确考核制度要求。原则按照市水务局牵头制定的一体化运维管理绩效考核办法，可结合实际细化。", 0)]
    assert roles(mentions_from_prose("本预案由市应急局会同有关部门负责具体解释与组织实施。", 0)) == [
        ("市应急局", "lead"), ("有关部门", "cooperating")]
    assert roles(mentions_from_prose("本预案由区应急管理局会同相关部门负责具体解释与组织实施。", 0)) == [
        ("区应急管理局", "lead"), ("相关部门", "cooperating")]
