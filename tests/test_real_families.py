"""Families of style seen in real plans, each tested on two differently worded real excerpts.

The excerpts are copied from real documents of ../shared/realdev and benchmarks/realdev (the file
each comes from is named in the test's docstring).
"""
from __future__ import annotations


import pytest

from graph import traditional
from graph.indicators import extract_indicators
from graph.records import SourceText
from graph.structure import parse_plan, physical_lines
from graph.units import mentions_from_labels, mentions_from_list, mentions_from_prose, \
    says_first_listed_leads


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
    """a04 海城市 (各开发区、镇(街道)) and c05 六盘水市 (各縣、特區、區人民政府, read in simplified)."""
    assert [m.name for m in mentions_from_list("各有关部门,各开发区、镇(街道)", 0)] == \
        ["各有关部门", "各开发区、镇(街道)"]
    assert [m.name for m in mentions_from_list("各县、特区、区人民政府,各经济开发区管委会", 0)] == \
        ["各县、特区、区人民政府", "各经济开发区管委会"]


def test_role_verbs_after_names():
    """n03 黑龙江省 2013 (X主办,Y、Z协办) and c01 官渡区 2016 (X牵头,Y配合)."""
    got = mentions_from_prose("(省财政厅主办,省国税局、地税局协办)", 0)
    assert roles(got) == [("省财政厅", "lead"), ("省国税局", "cooperating"), ("地税局", "cooperating")]
    got = mentions_from_prose("(区国土分局牵头,区规划分局、区级相关部门配合)", 0)
    assert roles(got) == [("区国土分局", "lead"), ("区规划分局", "cooperating"), ("区级相关部门", "cooperating")]


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


def test_items_run_together_on_one_line():
    """n03 黑龙江省 2013 ((一)…(省发改委负责)(二)…) and a08 下陆区 style 1、…[牵头单位:…]2、…."""
    line = "(一)地区生产总值增长11%左右。(省发改委负责)(二)公共财政收入增长13%左右。(省财政厅主办,省国税局、地税局协办)"
    assert [p[:3] for p in physical_lines(line)] == ["(一)", "(二)"]
    line = "1、切实提高政治站位。[牵头单位:区卫健局;责任单位:各街办(新区)]2、以爱国卫生运动为抓手。[牵头单位:区创文办]"
    assert [p[:2] for p in physical_lines(line)] == ["1、", "2、"]
    assert list(physical_lines("1.新建公园3个,2.改造绿道5公里")) == ["1.新建公园3个,2.改造绿道5公里"]


def test_policy_terms_are_not_targets():
    """c06 西安市 2018 (对…1000万元以上的项目,按10%给予补助,最高不超过500万元) and d06 国务院 2018
    (…达到25%的,可申请最高不超过300万元); a target beside a grant is still a target."""
    text = "對新增固定資產投入達到1000萬元以上的工業技術改造項目,按設備投資額的10%給予分檔補助,最高不超過500萬元。"
    reading = traditional.simplified_reading(text)
    assert extract_indicators(reading.text) == []
    text = "小微企业当年新招用人员数量达到企业现有在职职工人数25%的,可申请最高不超过300万元的创业担保贷款。"
    assert extract_indicators(text) == []
    kept = extract_indicators("2024—2025年新建高标准农田8万亩,对新建高标准农田按每亩1500元给予补助。")
    assert [(i.value, i.unit) for i in kept] == [(8, "万亩")]


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


def test_names_cut_by_stray_spaces_and_second_names():
    """n02 新密市 2021 (市 财政局, 伏羲 山管委 会) and n07 许昌市 2020 (各县(市、区)政府(管委会))."""
    got = mentions_from_labels("责任单位: 市发展改革委、住建局, 各乡镇政府、街道办事处 、伏羲 山管委 会", 0)
    assert [m.name for m in got][-1] == "伏羲山管委会"
    assert [m.name for m in mentions_from_labels("责任单位:市 财政局", 0)] == ["市财政局"]
    got = mentions_from_labels("责任单位:市疫情防控指挥部办公室、市卫生健康委等,各县(市、区)政府(管委会)", 0)
    assert [(m.name, m.alias) for m in got][-1] == ("各县(市、区)政府", "管委会")
