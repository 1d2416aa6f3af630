"""The national gazetteer and region detection on real titles, issuers and notices of plans.

Titles and issuers below are printed as on the plans (government sites and the real
development set); the expected parent is the division above as of the gazetteer's snapshot.
"""
from __future__ import annotations

import dataclasses

import pytest

from graph import regions
from graph.agencies import resolve_agencies
from graph.records import Plan, PlanMeta, SourceText, Task, UnitMention
from graph.structure import parse_plan
from graph.structure.metadata import find_region
from graph.ingest import read_document

# (province, title, issuer, region, parent): real plans of counties, cities and provinces
NATIONAL = [
    ("陕西", "洋县2024年十大民生实事项目清单", "洋县人民政府", "洋县", "汉中市"),
    ("陕西", "镇巴县人民政府工作规则", "", "镇巴县", "汉中市"),
    ("江西", "铅山县县城建设三年行动实施方案", "铅山县人民政府办公室", "铅山县", "上饶市"),
    ("江西", "(江西省)铜鼓县人民政府工作报告(2023年)", "", "铜鼓县", "宜春市"),
    ("内蒙古", "巴林左旗国民经济和社会发展第十五个五年规划纲要", "巴林左旗人民政府", "巴林左旗", "赤峰市"),
    ("西藏", "拉萨市城关区2024年民生实事项目实施方案", "拉萨市城关区人民政府", "城关区", "拉萨市"),
    ("甘肃", "20xx年兰州市城关区政府工作报告", "", "城关区", "兰州市"),
    ("新疆", "吐鲁番市高昌区实施草原生态保护补助奖励政策实施方案(2023年)", "高昌区政府办公室",
     "高昌区", "吐鲁番市"),
    ("青海", "2011年兴海县草原生态保护补助奖励机制实施方案", "", "兴海县", "海南藏族自治州"),
    ("云南", "牟定县人民政府办公室关于印发牟定县突发环境事件应急预案(试行)的通知", "牟定县人民政府办公室",
     "牟定县", "楚雄彝族自治州"),
    ("安徽", "太湖县人民政府关于印发《太湖县人民政府工作规则》的通知", "太湖县人民政府", "太湖县", "安庆市"),
    ("安徽", "县卫健委2021年政府工作报告任务分解", "灵璧县卫生健康委员会", "灵璧县", "宿州市"),
    ("湖北", "(湖北省)2025年恩施州咸丰县政府工作报告", "", "咸丰县", "恩施土家族苗族自治州"),
    ("辽宁", "海城市关于贯彻落实2023年《辽宁省政府工作报告》《鞍山市政府工作报告》《海城市政府工作报告》任务分解",
     "海城市人民政府", "海城市", "鞍山市"),
    ("辽宁", "2024年市《政府工作报告》任务分解和责任分工方案", "鞍山市人民政府", "鞍山市", "辽宁省"),
    ("辽宁", "2023年省《政府工作报告》任务分解和责任分工方案", "辽宁省人民政府", "辽宁省", ""),
    ("江苏", "常熟市2018年政府工作任务分解表", "常熟市人民政府办公室", "常熟市", "苏州市"),
    ("河南", "平顶山市全面推行河长制主要任务分解方案", "平顶山市河长制办公室", "平顶山市", "河南省"),
    ("山东", "2025年金乡县政府重要工作事项责任分工", "金乡县人民政府", "金乡县", "济宁市"),
    ("四川", "四川省“十四五”现代流通体系建设实施方案", "四川省发展和改革委员会", "四川省", ""),
    ("广东", "关于推进广州市家庭医生签约服务高质量发展实施方案", "广州市卫生健康委员会", "广州市", "广东省"),
    ("浙江", "德清县县城承载能力提升和深化“千村示范、万村整治”工程实施方案(2023—2027年)", "德清县人民政府办公室",
     "德清县", "湖州市"),
    ("北京", "北京市人民政府办公厅关于印发〈北京市2016年政务公开工作要点〉的通知", "北京市人民政府办公厅",
     "北京市", ""),
    ("山西", "山西省激发重点群体活力带动城乡居民增收的实施方案", "山西省人民政府", "山西省", ""),
    ("湖南", "湖南省人民政府办公厅关于加强普通高等学校毕业生就业工作的通知", "湖南省人民政府办公厅", "湖南省", ""),
]


def test_gazetteer_has_every_division_once_under_its_parent():
    rows = regions.gazetteer()
    current = [r for r in rows if r.status == "current"]
    assert sum(r.level in regions.PROVINCE_LEVELS for r in current) == 34
    assert sum(r.level in regions.CITY_LEVELS for r in current) == 333
    assert 2840 <= sum(r.level in regions.COUNTY_LEVELS for r in current) <= 2860
    assert len({(r.parent, r.name) for r in rows}) == len(rows)
    assert rows == tuple(sorted(rows, key=lambda r: (r.province, r.parent, r.name)))  # deterministic
    by_name = regions.entries()
    assert {r.parent for r in by_name["城关区"]} == {"拉萨市", "兰州市"}
    assert len(by_name["鼓楼区"]) >= 4 and len(by_name["朝阳区"]) == 2
    assert [r.name for r in by_name["梅列区"]] == ["三元区"]  # a former name leads to its successor


def test_national_titles_span_twenty_provinces():
    assert len({province for province, *_ in NATIONAL}) >= 20


@pytest.mark.parametrize("province, title, issuer, region, parent", NATIONAL,
                         ids=[f"{p}-{r}" for p, _, _, r, _ in NATIONAL])
def test_region_and_parent_of_real_plans(province, title, issuer, region, parent):
    assert find_region(title, issuer) == (region, parent)


@pytest.mark.parametrize("title, issuer", [
    ("国务院关于促进综合保税区高水平开放高质量发展的若干意见", "国务院"),
    ("国务院办公厅关于进一步优化营商环境更好服务市场主体的实施意见", "国务院办公厅"),
])
def test_national_documents_get_no_region(title, issuer):
    assert find_region(title, issuer) == ("", "")


@pytest.mark.parametrize("text", [
    "推进海洋县域经济发展",                  # 洋县 inside 海洋 + 县域
    "省、市和县级部门按职责分工负责",          # 和县 inside 市和县级
    "推进城区老旧小区改造",                  # 城区 (阳泉市城区) is an ordinary word
    "开展矿区生态修复",                      # so is 矿区
    "建设东方市场综合体",                    # 东方市 + 场: a market
])
def test_two_character_names_inside_words_are_not_regions(text):
    assert regions.find_region([text]) is None


@pytest.mark.parametrize("text, parent", [
    ("关于印发洋县2024年十大民生实事项目的通知", "汉中市"),
    ("中共洋县委办公室", "汉中市"),
    ("陕西省洋县人民政府", "汉中市"),
    ("阳泉市郊区人民政府", "阳泉市"),
])
def test_two_character_names_where_titles_print_them(text, parent):
    info = regions.find_region([text])
    assert info is not None and info.parent == parent


@pytest.mark.parametrize("sources, parent", [
    (("鼓楼区2024年民生实事项目", "福州市鼓楼区人民政府"), "福州市"),     # the issuer names the city
    (("朝阳区“十四五”时期教育改革和发展规划", "北京市朝阳区人民政府"), "北京市"),
    (("新华区人民政府关于印发实施方案的通知", "", "石家庄市新华区人民政府办公室"), "石家庄市"),
    (("城关区2024年政府工作要点", "", "兰州市人民政府门户网站"), "兰州市"),   # page furniture
])
def test_shared_names_take_the_city_printed_in_the_document(sources, parent):
    info = regions.find_region(sources, most_specific_from=2)
    assert info is not None and info.parent == parent


@pytest.mark.parametrize("title", ["城关区2024年政府工作要点", "鼓楼区人民政府关于印发实施方案的通知"])
def test_a_shared_name_with_no_context_gets_no_parent(title):
    name = title[:3]
    assert find_region(title, "") == (name, "")


def test_plans_printed_in_traditional_characters():
    # the real notice of 洋县's 2024 list (realdev b04), printed in traditional characters
    head = "洋政發〔2024〕8號\n洋縣人民政府\n關于印發洋縣2024年十大民生實事項目的通知"
    assert find_region("洋縣2024年十大民生實事項目清單", "洋縣人民政府", head) == ("洋县", "汉中市")
    assert find_region("東莞市人民政府關于貫徹落實《廣東省進一步穩定和擴大就業若干政策措施》的實施意見",
                       "東莞市人民政府") == ("东莞市", "广东省")
    assert regions.find_region(["推進海洋縣域經濟發展"]) is None


def test_county_is_read_from_the_first_lines_when_the_title_lacks_it():
    head = "为认真贯彻落实国家和省、市关于稳增长各项决策部署,根据《昆明市人民政府关于印发昆明市稳增长促发展若干政策措施的通知》,结合官渡区实际,特制定如下政策措施。"
    assert find_region("", "", head) == ("官渡区", "昆明市")
    head = "名 称: 区人民政府办公室 关于印发2020年区政府重点工作责任分解的通知\n发布机构: 下陆区政府办公室"
    assert find_region("2020年区政府重点工作责任分解", "区人民政府办公室", head) == ("下陆区", "黄石市")


def test_real_documents_of_the_development_set(tmp_path):
    """A real page excerpt whose title lacks its region: the page furniture names it."""
    text = ("• 政府信息公开\n您当前的位置:首页 > 信息公开 > 灵璧县卫生健康委员会 > 决策部署落实情况\n\n"
            "县卫健委2021年政府工作报告任务分解\n\n文章来源:灵璧县卫生健康委员会\n\n"
            "1.落实积极应对人口老龄化国家战略,加快发展健康、养老、育幼、家政等服务业。\n\n牵头责任单位:县卫健委、县民政局\n")
    path = tmp_path / "lingbi.txt"
    path.write_text(text, encoding="utf-8")
    meta = parse_plan(read_document(path)).meta
    assert (meta.region, meta.parent_region) == ("灵璧县", "宿州市")


# ------------------------------------------------------------------ units of unknown regions

def _plan(sha: str, issuer: str, region: str = "", parent: str = "") -> Plan:
    source = SourceText(path=f"{sha}.txt", name=f"{sha}.txt", sha256=sha * 64, text="", format="txt")
    task = Task(key="b1", source="body", number="1", title="t", section=(), text="", start=0, end=0,
                units=(UnitMention(name="区发展改革委", role="lead", basis="text", start=0, end=0),))
    return Plan(source=source, meta=PlanMeta(title="方案", region=region, parent_region=parent, issuer=issuer),
                tasks=(task,))


def test_units_of_two_documents_of_unknown_region_stay_two_units():
    one, two = _plan("a", "区人民政府办公室"), _plan("b", "区人民政府办公室")
    key_one = resolve_agencies(one, "")[1][("b1", 0)]
    key_two = resolve_agencies(two, "")[1][("b1", 0)]
    assert key_one != key_two                      # a generic issuer names no one body: the document scopes
    assert resolve_agencies(one, "")[0][key_one].region == ""


def test_units_of_one_named_issuer_of_unknown_region_are_one_unit():
    one, two = _plan("a", "国务院"), _plan("b", "国务院")
    assert resolve_agencies(one, "")[1][("b1", 0)] == resolve_agencies(two, "")[1][("b1", 0)]


def test_units_of_two_divisions_sharing_a_name_stay_two_units():
    lhasa = _plan("a", "拉萨市城关区人民政府", "城关区", "拉萨市")
    lanzhou = _plan("b", "兰州市城关区人民政府", "城关区", "兰州市")
    unknown = _plan("c", "区人民政府", "城关区", "")
    keys = {resolve_agencies(p, "城关区")[1][("b1", 0)] for p in (lhasa, lanzhou, unknown)}
    assert len(keys) == 3
    same_city = dataclasses.replace(lhasa, source=dataclasses.replace(lhasa.source, sha256="d" * 64))
    assert resolve_agencies(same_city, "城关区")[1][("b1", 0)] == resolve_agencies(lhasa, "城关区")[1][("b1", 0)]
