"""graph.indicators: quantitative targets from task text, the metric scheme, and the two queries."""
from __future__ import annotations

import dataclasses
import json
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from graph.indicators import INDICATOR_FIELDS, extract_indicators, measure_units, metric_concepts, unit_qudt
from graph.records import Indicator

ROOT = Path(__file__).resolve().parent.parent
RATIO_CONCEPT = "https://w3id.org/plankg/metric/urban-rural-income-ratio"


def pairs(text: str, **kw) -> list[tuple[float, str]]:
    return [(i.value, i.unit) for i in extract_indicators(text, **kw)]


def one(text: str, **kw):
    found = extract_indicators(text, **kw)
    assert len(found) == 1, found
    return found[0]


# ---------------------------------------------------------------- real seed sentences


def test_seed_objective_sentence_gives_every_target_with_op():
    text = ("2024年,全县滚动推进重大项目建设15个以上,完成年度投资30亿元以上。全体居民人均可支配收入增速与经济"
            "增长基本保持同步,城乡居民收入倍差保持在1.53左右。县城人口占县域比重提高0.8个百分点以上,"
            "和美乡村覆盖率达到40%以上,农村居民人均可支配收入达到5.4万元。")
    found = extract_indicators(text, default_year=2024)
    assert [(i.value, i.unit, i.op) for i in found] == [
        (15, "个", ">="), (30, "亿元", ">="), (1.53, "", "~"), (0.8, "个百分点", ">="), (40, "%", ">="),
        (5.4, "万元", "=")]
    assert all(i.year == 2024 for i in found)
    ratio = found[2]
    assert ratio.metric == "城乡居民收入倍差" and ratio.kind == "ratio"
    assert ratio.metric_concept == RATIO_CONCEPT


def test_seed_ratio_with_upper_bound_and_concept_of_alternative_label():
    found = one("城乡居民收入比缩小到1.54以内,")
    assert (found.value, found.unit, found.op, found.kind) == (1.54, "", "<=", "ratio")
    assert found.metric == "城乡居民收入比"
    assert found.metric_concept == RATIO_CONCEPT


def test_seed_fenbie_list_pairs_values_with_subjects():
    text = "设施种植、设施畜牧、设施渔业机械化率分别达到63.7%、71%、57%。"
    found = extract_indicators(text)
    assert [(i.value, i.unit) for i in found] == [(63.7, "%"), (71, "%"), (57, "%")]
    assert [i.metric for i in found] == ["设施种植机械化率", "设施畜牧机械化率", "设施渔业机械化率"]
    assert all(text[i.start:i.end] == i.text for i in found)


def test_seed_fenbie_list_shares_trailing_comparison():
    found = extract_indicators("力争全年所有村年经常性收入和经营性收入分别达到210万元和110万元以上。")
    assert [(i.value, i.unit, i.op) for i in found] == [(210, "万元", ">="), (110, "万元", ">=")]


def test_seed_jun_gives_one_target_per_subject():
    found = extract_indicators("处理设施行政村覆盖率、出水水质达标率均达到90%。")
    assert [(i.value, i.unit) for i in found] == [(90, "%"), (90, "%")]
    assert [i.metric for i in found] == ["处理设施行政村覆盖率", "出水水质达标率"]


def test_jun_completes_short_heads_and_keeps_hemei():
    found = extract_indicators("和美乡村覆盖率、建成率均达到100%")
    assert [i.metric for i in found] == ["和美乡村覆盖率", "和美乡村建成率"]


def test_seed_count_list_with_two_units():
    assert pairs("新开工改造城镇老旧小区1个、3栋,") == [(1, "个"), (3, "栋")]


def test_seed_segment_list_gives_each_item_its_own_metric():
    found = extract_indicators("新(改)建城市地下管网22.1公里以上,其中燃气管网9公里、供水管网6公里、雨水管网6公里。")
    assert [(i.value, i.unit) for i in found] == [(22.1, "公里"), (9, "公里"), (6, "公里"), (6, "公里")]
    assert [i.metric for i in found] == ["新(改)建城市地下管网", "燃气管网", "供水管网", "雨水管网"]
    assert found[0].op == ">=" and found[1].op == "="


def test_seed_threshold_inside_metric_and_target_both_count():
    found = extract_indicators("集体经济年经营性收入100万元以上行政村占比达到95%以上,")
    assert [(i.value, i.unit, i.op) for i in found] == [(100, "万元", ">="), (95, "%", ">=")]
    assert found[1].metric == "集体经济年经营性收入100万元以上行政村占比"


def test_seed_count_before_noun_takes_the_noun_as_metric():
    found = one("加速国开区冲刺千亿园区,实施10个县城重大项目,全年")
    assert (found.value, found.unit, found.metric, found.text) == (10, "个", "县城重大项目", "实施10个县城重大项目")


def test_seed_compound_and_bracketed_units():
    assert pairs("建成区路网密度达8公里/平方公里以上") == [(8, "公里/平方公里")]
    assert pairs("乡村CEO(团队)6人(个)以上,") == [(6, "人(个)")]
    assert pairs("累计盘活利用闲置宅基地和闲置农房10000宗(套)。") == [(10000, "宗(套)")]


def test_seed_magnitude_stays_in_the_unit():
    assert pairs("总产量稳定在1.213亿斤以上,实现平台新增就业2万人次以上,和美庭院累计建成1.7万户") == [
        (1.213, "亿斤"), (2, "万人次"), (1.7, "万户")]


def test_seed_comparison_words():
    assert one("项目总投资额超370亿元").op == ">="
    assert one("建成区海绵化建设改造比例不小于25%").op == ">="
    assert one("建设至少1家医院").op == ">="
    assert one("危险废物填埋比控制在3.5%以内").op == "<="
    assert one("累计创成未来社区20个左右").op == "~"
    assert one("公园绿地服务半径覆盖率达89.5%").op == "="


def test_seed_year_stated_in_clause_and_yearly_targets():
    assert one("到2025年土地出让收入用于农业农村的资金占比达到10%", default_year=2027).year == 2025
    assert one("其中2023年建成3个", default_year=2027).year == 2023
    assert one("全区每年滚动推进重点项目90个以上", default_year=2027).year is None
    assert one("农业增加值年均增长5%以上", default_year=2027).year == 2027
    # 每年 carries to later clauses for flows (counts, amounts), not for rates; 累计 ends it
    assert [i.year for i in extract_indicators(
        "全区每年滚动推进重点项目90个以上,完成投资额超60亿元。", default_year=2027)] == [None, None]
    assert [i.year for i in extract_indicators(
        "每年建成新时代乡村电气化村10个以上,农村地区供电可靠率达到99.99%。", default_year=2027)] == [None, 2027]
    assert [i.year for i in extract_indicators(
        "每年建设示范乡镇1个,和美庭院累计建成1.7万户。", default_year=2027)] == [None, 2027]


def test_seed_not_indicators_names_ages_and_quoted_numbers():
    assert pairs("每千人拥有3岁以下婴幼儿托位数达5.8个") == [(5.8, "个")]
    assert pairs("创建1个金3A景区村") == [(1, "个")]
    assert pairs("打造“5G云诊室”1家") == [(1, "家")]
    assert pairs("建成嘉善县120急救中心") == []
    assert pairs("打造“15分钟托育服务圈”,新增托位200个") == [(200, "个")]
    assert pairs("高水平打造城乡一体“15分钟”品质文化生活圈") == []
    assert pairs("城镇与重要对外交通节点实现15分钟快速接驳") == [(15, "分钟")]


def test_seed_percentage_naming_a_thing_is_not_a_target():
    assert pairs("加快推进10%留用地项目建设") == []
    assert pairs("新编县乡级国土空间规划应安排不少于10%的建设用地指标") == [(10, "%")]
    assert pairs("率先实现和美乡村建设100%全覆盖") == [(100, "%")]
    assert pairs("90%以上服务能力达到国家基本标准") == [(90, "%")]


def test_seed_facts_already_reached_are_not_targets():
    assert pairs("动态监测已建成的18个") == []


# ---------------------------------------------------------------- rules on written passages


def test_baseline_from_to():
    found = one("城乡居民收入倍差从1.6下降到1.55。")
    assert (found.value, found.unit, found.baseline, found.metric) == (1.55, "", 1.6, "城乡居民收入倍差")
    found = one("常住人口城镇化率由60%提高到65%以上")
    assert (found.value, found.unit, found.baseline, found.op) == (65, "%", 60, ">=")


def test_a_range_gives_its_two_bounds_and_keeps_its_text():
    """y84 江苏 2007 (``建设5-10个农民创业辅导示范基地``) and v63 开封 (``力争培育8—10个百亿企业``): a range is
    two targets, the lower bound ``>=`` and the upper ``<=`` (the annotators' convention), quoted as printed."""
    for text, low, high, printed in (("建设5-10个农民创业辅导示范基地", 5, 10, "5-10"), ("力争培育8—10个百亿企业", 8, 10, "8—10"),
                                     ("每年培育家庭农场3-5个", 3, 5, "3-5"), ("培育示范企业3至5家", 3, 5, "3至5")):
        found = extract_indicators(text)
        assert [(i.value, i.op, i.value_text) for i in found] == [(low, ">=", printed), (high, "<=", printed)], text


def test_thousands_separator_and_decimals():
    found = one("农村居民人均可支配收入达到10,000元")
    assert (found.value, found.unit, found.value_text) == (10000, "元", "10,000")
    assert pairs("覆盖率达到99.99%") == [(99.99, "%")]


def test_several_targets_in_one_sentence_with_offsets():
    text = "前言。新建城市公园3个,覆盖率达到89.5%以上,新增绿道12.5公里。"
    found = extract_indicators(text, offset=100)
    assert [(i.value, i.unit, i.op) for i in found] == [(3, "个", "="), (89.5, "%", ">="), (12.5, "公里", "=")]
    for i in found:
        assert text[i.start - 100:i.end - 100] == i.text


def test_unitless_list_item_takes_the_next_unit():
    assert pairs("两项比例分别达到95、90%") == [(95, "%"), (90, "%")]


def test_percentage_points_and_upper_bounds():
    assert [(i.value, i.unit, i.op) for i in extract_indicators(
        "城镇化率提高0.8个百分点,失业率不超过5%,能耗下降到3%以下")] == [
        (0.8, "个百分点", "="), (5, "%", "<="), (3, "%", "<=")]


def test_not_indicators_years_dates_numbers_and_numbering():
    assert pairs("根据嘉政发〔2023〕18号文件,2027年前完成。") == []
    assert pairs("发布日期: 2024-05-14 09:06,(2023—2027年)") == []
    assert pairs("联系电话:0573-84123456") == []
    assert pairs("构建“4+9+13”体系,探索“1+3+N”模式,建设5G基站") == []
    assert pairs("1.建设平台\n(2)完善机制\n三、保障措施") == []
    assert pairs("打造2.0版数字平台,推进第3批试点,围绕5个方面推进") == []
    assert pairs("持续3个月开展整治") == []
    assert pairs("改造10千伏线路50公里,提供7×24小时服务") == [(50, "公里")]


def test_full_width_digits_and_percent_sign():
    text = "覆盖率达到９５％以上"
    found = one(text)
    assert (found.value, found.unit, found.op) == (95, "%", ">=")
    assert text[found.start:found.end] == found.text


def test_growth_rates_have_kind_rate_and_keep_growth_in_metric():
    found = one("区域国内生产总值年均增长6%以上")
    assert found.kind == "rate" and found.metric == "区域国内生产总值年均增长"


def test_ratio_written_as_x_to_one():
    found = one("城乡居民收入比缩小至1.8:1,按1:1比例配套资金。")
    assert (found.value, found.unit, found.kind, found.metric_concept) == (1.8, "", "ratio", RATIO_CONCEPT)


def test_comparison_symbols():
    assert [(i.value, i.op, i.metric) for i in extract_indicators("乡镇卫生院达标率≥95%,返贫率＜1%。")] == [
        (95, ">=", "乡镇卫生院达标率"), (1, "<=", "返贫率")]


def test_range_with_the_unit_on_both_ends_is_one_range():
    found = extract_indicators("林木覆盖率提高到5%-10%")
    assert [(i.value, i.unit, i.op, i.value_text) for i in found] == [(5, "%", ">=", "5%-10%"), (10, "%", "<=", "5%-10%")]


def test_life_expectancy_counts_but_ages_do_not():
    assert pairs("人均预期寿命达到79.5岁,3岁以下婴幼儿托位数达4.5个") == [(79.5, "岁"), (4.5, "个")]


def test_rankings_ordinals_and_facts_are_not_targets():
    assert pairs("考核排名进入全省前10名,推进第3批试点") == []
    assert pairs("截至2023年底,全县已建成示范村18个") == []
    assert pairs("截至目前建成示范村18个") == []


def test_comparison_base_year_is_not_the_target_year():
    found = one("农村居民人均可支配收入比2020年增长20%以上", default_year=2027)
    assert (found.year, found.op, found.metric) == (2027, ">=", "农村居民人均可支配收入增长")


def test_compound_and_scaled_units_from_other_plans():
    assert pairs("PM2.5平均浓度控制在30微克/立方米以下,新增污水处理能力5万吨/日,完成投资1.2万亿元,"
                 "光伏装机容量100MW,新建110kV变电站2座") == [
        (30, "微克/立方米"), (5, "万吨/日"), (1.2, "万亿元"), (100, "MW"), (2, "座")]


def test_baseline_with_years_on_both_ends():
    found = one("常住人口城镇化率由2020年的58%提高到2025年的65%。", default_year=2027)
    assert (found.value, found.unit, found.baseline, found.year, found.metric) == (65, "%", 58, 2025, "常住人口城镇化率")


def test_at_least_before_a_verb():
    assert one("每个镇至少建有1个居家养老服务中心").op == ">="


def test_health_style_targets_from_other_plans():
    text = ("每千人口拥有执业(助理)医师3.2人、注册护士3.8人;孕产妇死亡率控制在8/10万以下,婴儿死亡率控制在5‰以下,"
            "群众满意度达到90分以上,基尼系数控制在0.4以内。")
    assert [(i.value, i.unit, i.op) for i in extract_indicators(text)] == [
        (3.2, "人", "="), (3.8, "人", "="), (8, "/10万", "<="), (5, "‰", "<="), (90, "分", ">="), (0.4, "", "<=")]


def test_quoted_names_keep_balanced_quotes_in_metric():
    assert one("“12345”热线接通率达到98%以上").metric == "“12345”热线接通率"


def test_lists_share_units_and_comparisons_both_ways():
    assert [(i.value, i.unit) for i in extract_indicators("两项比例分别达到95、90和85%")] == [
        (95, "%"), (90, "%"), (85, "%")]
    assert [(i.value, i.op) for i in extract_indicators("覆盖率、达标率分别不低于95%、90%")] == [(95, ">="), (90, ">=")]


def test_approximate_counts_are_lower_bounds():
    assert [(i.value, i.unit, i.op) for i in extract_indicators("培训3万余人,新增100余家")] == [
        (3, "万人", ">="), (100, "家", ">=")]


def test_growth_with_elided_subject_takes_the_previous_metric():
    found = extract_indicators("全省农村居民人均可支配收入达到2.6万元,年均增长7%左右。")
    assert [i.metric for i in found] == ["农村居民人均可支配收入", "农村居民人均可支配收入年均增长"]
    assert found[1].metric_concept.endswith("/rural-per-capita-disposable-income-growth")


def test_metric_concepts_of_common_targets_elsewhere():
    text = "森林覆盖率达到24.1%,细颗粒物(PM2.5)浓度下降到28微克/立方米,人均预期寿命达到79.5岁。"
    assert [i.metric_concept.rsplit("/", 1)[1] for i in extract_indicators(text)] == [
        "forest-coverage", "pm25-concentration", "life-expectancy"]


# ---------------------------------------------------------------- data files


def test_unit_list_kinds_and_qudt():
    units = measure_units()
    for label in ("个", "家", "座", "条", "所", "户", "人", "人次", "名", "场", "场次", "支", "宗", "套", "栋", "张",
                  "元", "亩", "公里", "米", "平方米", "公顷", "吨", "斤", "%", "个百分点", "分钟"):
        assert label in units, label
    data = json.loads((ROOT / "ontology" / "measure_units.json").read_text(encoding="utf-8"))
    for u in data["units"]:
        assert u["kind"] in data["kinds"], u
        assert u["qudt"] is None or u["qudt"].startswith("http://qudt.org/vocab/"), u
    assert unit_qudt("%") == "http://qudt.org/vocab/unit/PERCENT"
    assert unit_qudt("公里") == "http://qudt.org/vocab/unit/KiloM"
    assert unit_qudt("万亩") == ""


def test_metric_scheme_is_valid_skos_with_unique_labels():
    import rdflib
    from rdflib.namespace import RDF, SKOS

    g = rdflib.Graph().parse(ROOT / "ontology" / "metrics.ttl")
    scheme = rdflib.URIRef("https://w3id.org/plankg/metric/scheme")
    assert (scheme, RDF.type, SKOS.ConceptScheme) in g
    concepts = set(g.subjects(RDF.type, SKOS.Concept))
    assert len(concepts) >= 40
    zh_labels = []
    for c in concepts:
        assert str(c).startswith("https://w3id.org/plankg/metric/")
        assert (c, SKOS.inScheme, scheme) in g
        assert any(o.language == "en" for o in g.objects(c, SKOS.prefLabel))
        zh_labels += [str(o) for p in (SKOS.prefLabel, SKOS.altLabel) for o in g.objects(c, p) if o.language == "zh"]
    assert len(zh_labels) == len(set(zh_labels))
    income_ratio = "https://w3id.org/plankg/metric/urban-rural-income-ratio"
    assert metric_concepts()["城乡收入比"] == metric_concepts()["城乡居民收入倍差"] == income_ratio


# ---------------------------------------------------------------- properties


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("0123456789.,、-%个万亿元以上内左右约超从到由提高分别均达和年的“”()（）：，。；\n 城乡居民收入倍差比率覆盖")),
               max_size=80),
       st.integers(min_value=0, max_value=10_000))
def test_never_raises_and_quotes_are_source_slices(text, offset):
    source = "x" * offset + text
    for ind in extract_indicators(text, offset=offset):
        assert source[ind.start:ind.end] == ind.text
        assert ind.op in (">=", "<=", "~", "=")
        assert ind.value == ind.value  # not NaN


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=200))
def test_never_raises_on_arbitrary_text(text):
    for ind in extract_indicators(text):
        assert text[ind.start:ind.end] == ind.text


# ---------------------------------------------------------------- the queries


def _plan_graph():
    """A small graph in the model's vocabulary (docs/DESIGN.md) holding two plans' targets."""
    import rdflib
    from rdflib import Literal, Namespace, URIRef
    from rdflib.namespace import DCTERMS, PROV, QB, RDF, RDFS, XSD

    pk = Namespace("https://w3id.org/plankg/ns#")
    base = "https://w3id.org/plankg/id/"
    g = rdflib.Graph().parse(ROOT / "ontology" / "metrics.ttl")
    plans = [("a.txt", "甲县", "甲县工作要点", "城乡居民收入倍差保持在1.53左右,新建城市公园3个。", 2024),
             ("b.txt", "乙区", "乙区实施方案", "城乡居民收入比缩小到1.54以内。", 2027)]
    for n, (name, region, title, text, year) in enumerate(plans):
        doc, plan, reg = URIRef(f"{base}doc/{n}"), URIRef(f"{base}plan/{n}"), URIRef(f"{base}region/{n}")
        task = URIRef(f"{base}plan/{n}/task/t1")
        g.add((doc, DCTERMS.identifier, Literal(name)))
        g.add((plan, RDF.type, pk.Plan))
        g.add((plan, DCTERMS.title, Literal(title)))
        g.add((plan, PROV.wasDerivedFrom, doc))
        g.add((plan, pk.region, reg))
        g.add((reg, RDFS.label, Literal(region)))
        g.add((plan, pk.hasTask, task))
        g.add((task, pk.inPlan, plan))
        g.add((task, DCTERMS.title, Literal("任务")))
        for k, ind in enumerate(extract_indicators(text, default_year=year)):
            node = URIRef(f"{task}/i/{k}")
            g.add((node, RDF.type, pk.Indicator))
            g.add((node, RDF.type, QB.Observation))
            g.add((node, pk.ofTask, task))
            g.add((node, pk.value, Literal(Decimal(str(ind.value)), datatype=XSD.decimal)))
            if ind.unit:
                g.add((node, pk.unitLabel, Literal(ind.unit)))
            g.add((node, pk.op, Literal(ind.op)))
            g.add((node, pk.targetYear, Literal(ind.year, datatype=XSD.integer)))
            g.add((node, pk.quote, Literal(ind.text)))
            g.add((node, pk.startOffset, Literal(ind.start, datatype=XSD.integer)))
            if ind.metric:
                g.add((node, pk.metricName, Literal(ind.metric)))
            if ind.metric_concept:
                g.add((node, pk.metric, URIRef(ind.metric_concept)))
    return g


def _sources():
    import pyoxigraph as ox

    from graph.store import OxigraphSource, RdflibSource

    g = _plan_graph()
    store = ox.Store()
    store.load(g.serialize(format="nt", encoding="utf-8"), format=ox.RdfFormat.N_TRIPLES)
    return [RdflibSource(g), OxigraphSource(store)]


@pytest.mark.parametrize("engine", [0, 1], ids=["rdflib", "oxigraph"])
def test_indicators_query_columns_and_rows(engine):
    from graph.store import read_query

    results = _sources()[engine].run(read_query(ROOT / "queries" / "indicators.rq"))
    assert results.variables == ("doc", "task", "task_title", "indicator", "text", "metric", "value", "unit", "op", "year")
    rows = results.values()
    assert [(r["doc"], r["value"], r["unit"], r["op"]) for r in rows] == [
        ("a.txt", "1.53", "", "~"), ("a.txt", "3", "个", "="), ("b.txt", "1.54", "", "<=")]
    assert rows[0]["metric"] == "城乡居民收入倍差" and rows[0]["year"] == "2024"


@pytest.mark.parametrize("engine", [0, 1], ids=["rdflib", "oxigraph"])
@pytest.mark.parametrize("label", ["城乡居民收入倍差", "城乡居民收入比", "Urban-rural resident income ratio"])
def test_compare_indicator_matches_every_label_of_the_concept(engine, label):
    from graph.store import parse_param, read_query

    query = read_query(ROOT / "queries" / "compare-indicator.rq")
    results = _sources()[engine].run(query, [parse_param(f"metric={label}")])
    assert results.variables == ("region", "plan", "metric", "value", "unit", "op", "year")
    assert [(r["region"], r["value"], r["op"], r["year"]) for r in results.values()] == [
        ("乙区", "1.54", "<=", "2027"), ("甲县", "1.53", "~", "2024")]


@pytest.mark.parametrize("engine", [0, 1], ids=["rdflib", "oxigraph"])
def test_compare_indicator_matches_a_printed_metric_name(engine):
    from graph.store import parse_param, read_query

    query = read_query(ROOT / "queries" / "compare-indicator.rq")
    rows = _sources()[engine].run(query, [parse_param("metric=新建城市公园")]).values()
    assert [(r["region"], r["value"], r["unit"]) for r in rows] == [("甲县", "3", "个")]


def test_compare_indicator_on_the_shipped_corpus_finds_four_plans(tmp_path):
    """Acceptance: 城乡居民收入倍差 (also printed 城乡居民收入比) is stated by four of the five plans."""
    from graph.pipeline import BuildOptions, build_corpus
    from graph.store import RdflibSource, parse_param, read_query

    build_corpus(ROOT / "corpus", tmp_path, BuildOptions(jobs=1, use_cache=False, validate=False, store=False))
    source = RdflibSource.from_files(tmp_path / "graph.ttl")
    rows = source.run(read_query(ROOT / "queries" / "compare-indicator.rq"),
                      [parse_param("metric=城乡居民收入倍差")]).values()
    assert sorted((r["region"], r["value"], r["op"]) for r in rows) == [
        ("嘉善县", "1.53", "~"), ("德清县", "1.6", "<="), ("洞头区", "1.54", "<="), ("西湖区", "1.4", "<=")]


def test_meeting_frequencies_are_not_targets():
    found = [(i.value, i.unit) for i in extract_indicators("每月召开1次推进会,每季度开展1次督查,开展群众性礼堂活动3500场次")]
    assert found == [(3500.0, "场次")]


def test_indicator_records_are_built_in_the_order_of_their_fields():
    assert tuple(f.name for f in dataclasses.fields(Indicator)) == INDICATOR_FIELDS
    ind = extract_indicators("到2025年,全县新建城市公园3个。", offset=10, default_year=2025)[0]
    assert (ind.value, ind.unit, ind.op, ind.year, ind.value_text) == (3.0, "个", "=", 2025, "3")
    assert ind.text == "全县新建城市公园3个" and (ind.start, ind.end) == (17, 27)


def test_target_cells_that_print_their_own_unit():
    """z03 普陀 2021 (年度目标 cells ``6%以上`` and ``3幢``, beside ``3%`` read before): a target cell
    with its qualifier or measure word is read as a phrase and named by its row; words are none."""
    from graph.indicators import indicator_from_cells

    got = indicator_from_cells("区级财政收入增长率", "6%以上", "", 100, 105)
    assert (got.value, got.unit, got.op, got.metric, got.start) == (6.0, "%", ">=", "区级财政收入增长率", 100)
    got = indicator_from_cells("新增税收亿元楼", "3幢", "", 200, 202)
    assert (got.value, got.unit, got.op, got.metric) == (3.0, "幢", "=", "新增税收亿元楼")
    assert indicator_from_cells("地区生产总值增长率", "与市保持同步", "", 0, 6) is None


def test_baselines_of_a_list_pair_with_the_targets_after_the_verb():
    """e03 肇庆 2020 (``从每人每月574元、271元分别提高到每人每月609元、300元``, a per-person phrase
    between 从 and the figures) beside the single pair of the same wording elsewhere
    (``从88%提高到92%``): the figures after 从 are baselines of the targets after 提高到, in order."""
    got = extract_indicators("将城镇、农村低保人均最低补差水平从每人每月574元、271元分别提高到每人每月609元、300元。")
    assert [(i.value, i.unit, i.baseline) for i in got] == [(609.0, "元", 574.0), (300.0, "元", 271.0)]
    got = extract_indicators("城乡供水一体化率从88%提高到92%")
    assert [(i.value, i.unit, i.baseline) for i in got] == [(92.0, "%", 88.0)]


def test_a_programme_named_by_a_number_and_talent_is_no_count_of_people():
    """m01 广州 2012 (``11.121人才梯队项目``: the 121 talent ladder, a name; the conventions list it among
    names with digits): 人 before 才 is the word 人才, not a measure; a count of people after 人才
    (``引进高层次人才500人``) still is one. One real document of the name was found."""
    assert extract_indicators("11.121人才梯队项目。", 0) == []
    assert [i.value for i in extract_indicators("引进高层次人才500人。", 0)] == [500]


def test_months_count_only_as_a_time_shortened():
    """A number of months is a target when the clause shortens a procedure's time to it (d04 国务院办公厅
    2020 ``将商标注册平均审查周期压缩至4个月以内``); a deadline (d01 广州 ``于本文印发后3个月内出台辖区实施方案``),
    a duration (c07 东莞 ``按6个月的当地月人均失业保险金``) or an allowance (d01 ``处方用药量最长放宽至3个月``) is none."""
    found = extract_indicators("2020年底前将商标注册平均审查周期压缩至4个月以内。", 0, 2020)
    assert [(i.value, i.unit, i.op, i.kind) for i in found] == [(4.0, "个月", "<=", "time")]
    for text in ("要结合实际，于本文印发后3个月内出台辖区实施方案。", "返还标准可按6个月的当地月人均失业保险金。",
                 "可将处方用药量最长放宽至3个月。"):
        assert extract_indicators(text, 0, 2020) == []
