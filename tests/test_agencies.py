"""Agencies: region-scoped unit keys, labels, kinds, function concepts and the gazetteer."""
from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
import rdflib
from rdflib.namespace import RDF, SKOS

from graph import agencies, regions
from graph.agencies import (FUNCTION_NS, lookup_region, resolve_agencies, unit_function,
                            unit_functions, unit_key, unit_kind, unit_label)
from graph.records import Plan, PlanMeta, SourceText, Task, UnitMention

ONTOLOGY = Path(__file__).resolve().parent.parent / "ontology"
GOLD = Path(__file__).resolve().parents[2] / "shared" / "gold"


def fn(slug: str) -> str:
    return FUNCTION_NS + slug


# --------------------------------------------------------------------------------- functions.ttl

@pytest.fixture(scope="module")
def scheme() -> rdflib.Graph:
    return rdflib.Graph().parse(ONTOLOGY / "functions.ttl", format="turtle")


def test_function_scheme_is_a_skos_concept_scheme(scheme):
    scheme_iri = rdflib.URIRef(FUNCTION_NS + "scheme")
    assert (scheme_iri, RDF.type, SKOS.ConceptScheme) in scheme
    concepts = set(scheme.subjects(RDF.type, SKOS.Concept))
    assert len(concepts) >= 50
    for concept in concepts:
        assert str(concept).startswith(FUNCTION_NS)
        assert (concept, SKOS.inScheme, scheme_iri) in scheme
        languages = {label.language for label in scheme.objects(concept, SKOS.prefLabel)}
        assert languages == {"en", "zh"}, concept


def test_each_chinese_label_names_one_concept(scheme):
    owners: dict[str, set] = {}
    for prop in (SKOS.prefLabel, SKOS.altLabel):
        for concept, label in scheme.subject_objects(prop):
            if label.language == "zh":
                owners.setdefault(str(label), set()).add(concept)
    assert {label: c for label, c in owners.items() if len(c) > 1} == {}


def test_label_index_maps_printed_core_names_to_their_concepts():
    labels, _, _ = agencies._functions()
    assert labels["发改局"] == labels["发展改革局"] == fn("development-and-reform")
    assert labels["政府办"] == labels["人民政府办公室"] == fn("general-office")
    assert labels["教育局"] == fn("education")
    assert "地方党政机关职能分类" not in labels      # the scheme's own title is not a concept's label


# --------------------------------------------------------------------------------- regions.tsv

@pytest.fixture(scope="module")
def gazetteer() -> list[dict[str, str]]:
    lines = [line for line in (ONTOLOGY / "regions.tsv").read_text(encoding="utf-8").splitlines()
             if line and not line.startswith("#")]
    return list(csv.DictReader(lines, delimiter="	"))


def test_gazetteer_covers_every_province_prefecture_and_county(gazetteer):
    current = [r for r in gazetteer if r["status"] == "current"]
    province_level = [r for r in current if r["level"] in regions.PROVINCE_LEVELS]
    prefecture_level = [r for r in current if r["level"] in regions.CITY_LEVELS]
    county_level = [r for r in current if r["level"] in regions.COUNTY_LEVELS]
    zhejiang_counties = [r for r in county_level if r["province"] == "浙江省"]
    assert len(province_level) == 34
    assert len(prefecture_level) == 333
    assert len([r for r in prefecture_level if r["level"] == "city"]) == 293
    assert 2840 <= len(county_level) <= 2860
    assert len({r["province"] for r in county_level}) == 31  # every province of the mainland
    assert len(zhejiang_counties) == 90
    assert len({r["parent"] for r in zhejiang_counties}) == 11


def test_gazetteer_parents_and_provinces_exist(gazetteer):
    names = {row["name"]: row for row in gazetteer}
    assert len({(row["parent"], row["name"]) for row in gazetteer}) == len(gazetteer)
    for row in gazetteer:
        assert row["province"] in names and names[row["province"]]["level"] in regions.PROVINCE_LEVELS
        if row["parent"]:
            assert row["parent"] in names
        assert row["short"] and row["name"].startswith(row["short"])


@pytest.mark.parametrize("text, name, parent, province, level", [
    ("嘉善县", "嘉善县", "嘉兴市", "浙江省", "county"),
    ("杭州市西湖区", "西湖区", "杭州市", "浙江省", "district"),
    ("中共杭州市西湖区委农村工作领导小组", "西湖区", "杭州市", "浙江省", "district"),
    ("德清县人民政府办公室关于印发德清县县城承载能力提升实施方案的通知", "德清县", "湖州市", "浙江省", "county"),
    ("洞政办发〔2023〕14号 温州市洞头区人民政府办公室", "洞头区", "温州市", "浙江省", "district"),
    ("景宁畲族自治县人民政府", "景宁畲族自治县", "丽水市", "浙江省", "autonomous_county"),
    ("义乌市发展和改革局", "义乌市", "金华市", "浙江省", "county_city"),
    # a county the gazetteer does not list, written after its city
    ("济南市历城区人民政府关于印发行动方案的通知", "历城区", "济南市", "山东省", "district"),
    ("南昌市西湖区住房和城乡建设局", "西湖区", "南昌市", "江西省", "district"),
    ("成都市人民政府办公厅", "成都市", "四川省", "四川省", "city"),
    ("延边朝鲜族自治州人民政府", "延边朝鲜族自治州", "吉林省", "吉林省", "autonomous_prefecture"),
    ("浙江省人民政府", "浙江省", "", "浙江省", "province"),
    ("吉林省吉林市人民政府", "吉林市", "吉林省", "吉林省", "city"),
    ("海南省琼海市", "琼海市", "海南省", "海南省", "county_city"),
    ("上海市浦东新区人民政府", "浦东新区", "上海市", "上海市", "district"),
])
def test_lookup_region(text, name, parent, province, level):
    info = lookup_region(text)
    assert info is not None
    assert (info.name, info.parent, info.province, info.level) == (name, parent, province, level)


@pytest.mark.parametrize("text", ["关于加强市场监管的通知", "县发改局", "", "各街道乡镇"])
def test_lookup_region_finds_nothing_without_a_region_name(text):
    assert lookup_region(text) is None


def test_lookup_region_does_not_read_a_market_as_a_city():
    # 东方市 is a county-level city of Hainan; 东方市场 is a market
    assert lookup_region("建设东方市场综合体") is None
    assert lookup_region("中山市政府").name == "中山市"
    assert lookup_region("杭州市场监管局").name == "杭州市"
    assert lookup_region("德清县域").name == "德清县"


# --------------------------------------------------------------------------------- unit keys

def test_prefix_forms_of_one_bureau_share_a_key():
    keys = {unit_key(n, "嘉善县") for n in ("交通局", "县交通局", "嘉善县交通局", "嘉善交通局")}
    assert keys == {"嘉善县/交通局"}
    assert unit_key("县发改局", "嘉善县") == unit_key("发改局", "嘉善县") == unit_key("嘉善县发改局", "嘉善县")


def test_units_are_scoped_to_their_region():
    assert unit_key("县发改局", "嘉善县") != unit_key("县发改局", "德清县")
    assert unit_key("县发改局", "嘉善县").startswith("嘉善县/")


def test_synonyms_share_a_key_and_different_units_do_not():
    region = "西湖区"
    assert unit_key("区卫健局", region) == unit_key("区卫生健康局", region)
    assert unit_key("区发改局", region) == unit_key("区发展和改革局", region) == unit_key("区发展改革局", region)
    assert unit_key("区人力社保局", region) == unit_key("区人力资源和社会保障局", region)
    assert unit_key("区建设局", region) != unit_key("区住建局", region)
    assert unit_key("区发改局", region) != unit_key("区发改委", region)


def test_party_organs_keep_their_party_prefix():
    assert unit_key("县委宣传部", "嘉善县") == "嘉善县/县委宣传部"
    assert unit_key("中共嘉善县委宣传部", "嘉善县") == "嘉善县/县委宣传部"
    assert unit_key("县委宣传部", "嘉善县") != unit_key("县委", "嘉善县")
    assert unit_key("区委办", "秀洲区") == unit_key("区委办公室", "秀洲区")


def test_committee_department_printed_without_its_committee_is_the_same_unit():
    keys = {unit_key(n, "嘉善县") for n in ("县宣传部", "宣传部", "县委宣传部", "嘉善县委宣传部")}
    assert keys == {"嘉善县/县委宣传部"}
    assert unit_key("区政法委", "西湖区") == unit_key("区委政法委", "西湖区")
    # the discipline commission is not a department of the committee
    assert unit_key("县纪委", "嘉善县") == "嘉善县/纪委监委"


def test_merged_discipline_organ_stays_one_unit():
    assert unit_key("县纪委县监委", "嘉善县") == unit_key("县纪委监委", "嘉善县") == "嘉善县/纪委监委"
    assert unit_kind("县纪委县监委") == "party"


def test_branch_of_a_city_bureau_is_kept_whole():
    assert unit_key("市生态环境局德清分局", "德清县") == "德清县/市生态环境局德清分局"
    assert unit_label("德清县/市生态环境局德清分局", "德清县") == "市生态环境局德清分局"


def test_collectives_townships_and_companies_keep_their_whole_name():
    assert unit_key("各街道乡镇", "洞头区") == "洞头区/各街道乡镇"
    assert unit_key("各镇(街道)", "德清县") == "德清县/各镇(街道)"
    assert unit_key("县开发区(惠民街道)", "嘉善县") == "嘉善县/县开发区(惠民街道)"
    assert unit_key("县水务集团", "嘉善县") == "嘉善县/县水务集团"
    assert unit_key("嘉善县大云镇", "嘉善县") == unit_key("大云镇", "嘉善县")


def test_full_width_and_half_width_forms_share_a_key():
    assert unit_key("县开发区（惠民街道）", "嘉善县") == unit_key("县开发区(惠民街道)", "嘉善县")
    assert unit_key(" 县 交通局 ", "嘉善县") == unit_key("县交通局", "嘉善县")


def test_level_character_inside_a_word_is_not_a_prefix():
    # in a city's plan 市场监管局 keeps its 市, but 市市场监管局 drops the region's 市
    assert unit_key("市场监管局", "济南市") == unit_key("市市场监管局", "济南市")
    assert unit_key("市民政局", "济南市") == "济南市/民政局"
    assert unit_key("市政协", "济南市") == "济南市/政协"


def test_other_provinces_level_prefixes():
    assert unit_key("旗发展改革委", "准格尔旗") == unit_key("准格尔旗发展和改革委员会", "准格尔旗")
    assert unit_key("自治县民族宗教事务局", "景宁畲族自治县") == unit_key("县民宗局", "景宁畲族自治县")
    assert unit_key("州民宗委", "凉山彝族自治州") == unit_key("凉山州民宗委", "凉山彝族自治州")
    party_office = {unit_key(n, "景宁畲族自治县") for n in ("景宁畲族自治县委办", "自治县委办", "县委办")}
    assert party_office == {"景宁畲族自治县/县委办公室"}


def test_prefixed_forms_of_every_bureau_label_share_a_key():
    labels, _, _ = agencies._functions()
    for region in ("嘉善县", "西湖区", "济南市", "景宁畲族自治县"):
        level = agencies._region_prefixes(region)[2]
        for label in labels:
            if label.endswith(("局", "委员会", "中心")) and not label.startswith("委"):
                forms = {unit_key(label, region), unit_key(level + label, region),
                         unit_key(region + label, region)}
                assert len(forms) == 1, (region, label, forms)
                assert unit_function(level + label) == unit_function(label), (region, label)


@pytest.mark.parametrize("key, region, label", [
    ("嘉善县/交通局", "嘉善县", "县交通局"),
    ("洞头区/生态环境分局", "洞头区", "区生态环境分局"),
    ("嘉善县/县委宣传部", "嘉善县", "县委宣传部"),
    ("西湖区/团区委", "西湖区", "团区委"),
    ("德清县/人行德清支行", "德清县", "人行德清支行"),
    ("洞头区/各街道乡镇", "洞头区", "各街道乡镇"),
    ("准格尔旗/人民政府", "准格尔旗", "旗人民政府"),
])
def test_label_is_derived_from_the_key(key, region, label):
    assert unit_label(key, region) == label


# ------------------------------------------------------------------------- real names (gold)

# (region, name as printed in the five shipped plans, kind, function slug or "")
REAL_UNITS = [
    ("嘉善县", "县发改局", "government", "development-and-reform"),
    ("嘉善县", "县自然资源规划局", "government", "natural-resources"),
    ("嘉善县", "县文旅体局", "government", "culture-and-tourism"),
    ("嘉善县", "县委政法委", "party", "political-and-legal-affairs"),
    ("嘉善县", "县纪委县监委", "party", "discipline-inspection-and-supervision"),
    ("嘉善县", "团县委", "mass", "youth-league"),
    ("嘉善县", "县文联", "mass", "literary-and-art-circles"),
    ("嘉善县", "县供销社", "government", "supply-and-marketing-cooperatives"),
    ("嘉善县", "县金融发展中心", "government", "local-financial-affairs"),
    ("嘉善县", "嘉善生态环境分局", "government", "ecology-and-environment"),
    ("嘉善县", "嘉善邮管局", "government", "postal-administration"),
    ("嘉善县", "国家金融监督管理总局嘉善监管支局", "government", "financial-regulation"),
    ("嘉善县", "国网嘉善县供电公司", "soe", "power-supply"),
    ("嘉善县", "电信嘉善分公司", "soe", ""),
    ("嘉善县", "县水务集团", "soe", ""),
    ("嘉善县", "县开发区(惠民街道)", "township", ""),
    ("嘉善县", "魏塘街道", "township", ""),
    ("嘉善县", "大云镇", "township", ""),
    ("德清县", "人行德清支行", "government", "central-banking"),
    ("德清县", "市生态环境局德清分局", "government", "ecology-and-environment"),
    ("德清县", "县文化和广电旅游体育局", "government", "culture-and-tourism"),
    ("德清县", "县综合执法局", "government", "urban-management"),
    ("德清县", "县大数据局", "government", "big-data"),
    ("德清县", "经开区", "township", ""),
    ("德清县", "高新区", "township", ""),
    ("洞头区", "各街道乡镇", "collective", ""),
    ("洞头区", "各区级相关责任部门", "collective", ""),
    ("洞头区", "自然资源和规划分局", "government", "natural-resources"),
    ("洞头区", "区消防救援大队", "government", "fire-and-rescue"),
    ("洞头区", "区精神文明建设指导中心", "party", "civilization"),
    ("洞头区", "区委改革办", "party", "reform"),
    ("洞头区", "区社科联", "mass", "social-sciences-federation"),
    ("洞头区", "区通信发展办", "government", "communications-administration"),
    ("西湖区", "市规划资源局西湖分局", "government", "natural-resources"),
    ("西湖区", "区发改经信局", "government", "development-and-reform"),
    ("西湖区", "区供销总社", "government", "supply-and-marketing-cooperatives"),
    ("西湖区", "区总工会", "mass", "trade-union"),
    ("西湖区", "之江城投集团", "soe", ""),
    ("西湖区", "西湖文旅集团", "soe", ""),
    ("秀洲区", "区农业农村和水利局", "government", "agriculture-and-rural-affairs"),
    ("秀洲区", "区经济信息商务局", "government", "economy-and-information-technology"),
    ("秀洲区", "区政务数据办", "government", "big-data"),
    ("秀洲区", "区委办", "party", "party-general-office"),
    ("秀洲区", "区“三改一拆”办", "government", "housing-and-urban-rural-development"),
    ("秀洲区", "各镇党委和政府", "collective", ""),
]


@pytest.mark.parametrize("region, name, kind, function", REAL_UNITS)
def test_real_unit_names(region, name, kind, function):
    assert unit_kind(name) == kind
    assert unit_function(name) == (fn(function) if function else "")
    key = unit_key(name, region)
    assert unit_key(unit_label(key, region), region) == key


# names in the styles of other provinces' plans
@pytest.mark.parametrize("name, kind, function", [
    ("市发展改革委", "government", "development-and-reform"),
    ("区住房城乡建设局", "government", "housing-and-urban-rural-development"),
    ("县自然资源局", "government", "natural-resources"),
    ("旗人民政府", "government", ""),
    ("自治县民族宗教事务局", "government", "ethnic-and-religious-affairs"),
    ("市卫健委", "government", "health"),
    ("省住房和城乡建设厅", "government", "housing-and-urban-rural-development"),
    ("市城管局", "government", "urban-management"),
    ("区行政审批服务局", "government", "government-services"),
    ("市公安局历城分局", "government", "public-security"),
    ("国家税务总局济南市税务局", "government", "taxation"),
    ("中国人民银行济南分行", "government", "central-banking"),
    ("区教育体育局", "government", "education"),
    ("中共济南市委宣传部", "party", "publicity"),
    ("市委编办", "party", "institutional-staffing"),
    ("市人大常委会", "congress", "people-s-congress"),
    ("县政协", "congress", "cppcc"),
    ("共青团济南市委", "mass", "youth-league"),
    ("市红十字会", "mass", "red-cross"),
    ("县工商联", "mass", "industry-and-commerce-federation"),
    ("济南农商银行", "soe", ""),
    ("中国移动济南分公司", "soe", ""),
    ("某某镇人民政府", "township", ""),
    ("某某街道党工委", "township", ""),
    ("济南高新区管委会", "township", ""),
    ("各有关部门", "collective", ""),
    ("市直各部门", "collective", ""),
    ("各镇(街道)", "collective", ""),
    ("某某村民委员会", "other", ""),
    ("县农业专家服务团", "other", ""),
    ("县人民法院", "other", "courts"),
    ("县人武部", "other", ""),
    ("乡镇(街道)", "collective", ""),
    ("县公安局交警大队", "government", "public-security"),
    ("县发展和改革局(县粮食和物资储备局)", "government", "development-and-reform"),
    ("市委社治委", "party", "social-governance"),
    ("四川省气象局", "government", "meteorology"),
])
def test_other_provinces_unit_names(name, kind, function):
    assert unit_kind(name) == kind
    assert unit_function(name) == (fn(function) if function else "")


def test_merged_bureau_lists_every_function_first_listed_first():
    assert unit_functions("区发改经信局") == (fn("development-and-reform"),
                                              fn("economy-and-information-technology"))
    assert unit_functions("县农业农村和水利局")[0] == fn("agriculture-and-rural-affairs")
    assert unit_function("县教育科技体育局") == fn("education")


def test_township_party_committee_is_not_the_county_party_committee():
    assert unit_kind("县委") == "party"
    assert unit_kind("大云镇党委") == "township"
    assert unit_function("县委") == ""


@pytest.mark.skipif(not GOLD.is_dir(), reason="gold annotation not available")
def test_every_gold_unit_gets_a_kind_and_departments_a_function():
    missing = []
    for path in sorted(GOLD.glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        for task in data["tasks"]:
            for unit in task["units"]:
                kind = unit_kind(unit["name"])
                if kind == "other" or (kind in agencies.DEPARTMENT_KINDS and not unit_function(unit["name"])):
                    missing.append((unit["name"], kind))
    assert missing == []


# --------------------------------------------------------------------------------- plans

def _plan(tasks: tuple[Task, ...], region: str = "嘉善县") -> Plan:
    source = SourceText(path="p.txt", name="p.txt", sha256="0" * 64, text="", format="txt")
    return Plan(source=source, meta=PlanMeta(title="方案", region=region), tasks=tasks)


def _task(key: str, *mentions: tuple[str, str, str]) -> Task:
    units = tuple(UnitMention(name=n, role="responsible", basis="listed", start=0, end=0, alias=a)
                  for n, a, _ in mentions)
    return Task(key=key, source="body", number="1", title="t", section=(), text="", start=0, end=0,
                units=units)


def test_resolve_agencies_maps_every_mention():
    plan = _plan((
        _task("b1", ("县交通局", "", ""), ("县发改局", "", "")),
        _task("b2", ("交通局", "", ""), ("县委宣传部", "县文明办", ""), ("各镇(街道)", "", "")),
        _task("b3", ("县文明办", "", "")),
    ))
    units, keys = resolve_agencies(plan, "嘉善县")
    assert set(keys) == {("b1", 0), ("b1", 1), ("b2", 0), ("b2", 1), ("b2", 2), ("b3", 0)}
    assert keys[("b1", 0)] == keys[("b2", 0)] == "嘉善县/交通局"
    # the alias printed in brackets names the same unit where it stands alone
    assert keys[("b3", 0)] == keys[("b2", 1)] == "嘉善县/县委宣传部"
    transport = units["嘉善县/交通局"]
    assert (transport.name, transport.kind, transport.function) == ("县交通局", "government", fn("transport"))
    assert transport.surface_forms == ("交通局", "县交通局")
    assert units["嘉善县/县委宣传部"].surface_forms == ("县委宣传部", "县文明办")
    assert set(units) == set(keys.values())


def test_resolve_agencies_normalises_a_region_written_with_its_city():
    plan = _plan((_task("b1", ("区卫健局", "", "")),), region="杭州市西湖区")
    units, keys = resolve_agencies(plan, "杭州市西湖区")
    # 南昌 has a 西湖区 too: the units of a shared name are scoped with its city
    assert keys[("b1", 0)] == "杭州市西湖区/卫生健康局"
    unit = units["杭州市西湖区/卫生健康局"]
    assert (unit.region, unit.name, unit.function) == ("西湖区", "区卫生健康局", fn("health"))


# --------------------------------------------------------------------------------- bad data

def test_malformed_alias_file_names_the_file(tmp_path, monkeypatch):
    for name in ("regions.tsv", "unit_kinds.json", "functions.ttl"):
        (tmp_path / name).write_text((ONTOLOGY / name).read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "agency_aliases.tsv").write_text("卫生健康局 卫健局\n", encoding="utf-8")
    monkeypatch.setattr(agencies, "ONTOLOGY", tmp_path)
    agencies._aliases.cache_clear()
    try:
        with pytest.raises(agencies.AgencyDataError, match="agency_aliases.tsv: line 1"):
            agencies._aliases()
    finally:
        monkeypatch.undo()
        agencies._aliases.cache_clear()
