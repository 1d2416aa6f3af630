"""Unit lists, roles and cleaning (graph.units) on seed lines and on passages in other styles."""
import pytest

from graph.units import (_tokens, is_unit_list, mentions_from_labels, mentions_from_list, mentions_from_prose, role_verbs,
                         says_first_listed_leads, says_star_marks_lead, unit_shape)


def names_roles(mentions):
    return [(m.name, m.role, m.basis) for m in mentions]


def test_plain_bracket_list_is_responsible_listed():
    text = "县经信局、县发改局、县市场监管局"
    assert names_roles(mentions_from_list(text, 0)) == [
        ("县经信局", "responsible", "listed"), ("县发改局", "responsible", "listed"),
        ("县市场监管局", "responsible", "listed")]


def test_spans_point_at_the_printed_names():
    text = "(责任单位:区住建局、区农业农村和水利局)"
    for m in mentions_from_labels(text, 100):
        assert text[m.start - 100:m.end - 100] == m.name


def test_star_marks_leads_and_the_rest_cooperate():
    # seed: 洞头 annex, with the note that explains the star
    text = "*区发改局、区农业农村局、区经信局、生态环境分局、区住建局,各街道乡镇(标*的为牵头单位,下同)"
    got = names_roles(mentions_from_list(text, 0))
    assert got[0] == ("区发改局", "lead", "star")
    assert all(role == "cooperating" and basis == "star" for _, role, basis in got[1:])
    assert [n for n, _, _ in got] == ["区发改局", "区农业农村局", "区经信局", "生态环境分局", "区住建局", "各街道乡镇"]


def test_names_run_together_are_split_but_merged_institutions_are_not():
    got = names_roles(mentions_from_list("*区住建局、*区农业农村局*自然资源和规划分局,各街道乡镇", 0))
    assert [n for n, _, _ in got] == ["区住建局", "区农业农村局", "自然资源和规划分局", "各街道乡镇"]
    assert [r for _, r, _ in got] == ["lead", "lead", "lead", "cooperating"]
    got = names_roles(mentions_from_list("*区农业农村局、区发改局区住建局、自然资源和规划分局", 0))
    assert [n for n, _, _ in got] == ["区农业农村局", "区发改局", "区住建局", "自然资源和规划分局"]
    assert [n for n, _, _ in names_roles(mentions_from_list("县纪委县监委、县司法局", 0))] == ["县纪委县监委", "县司法局"]
    assert [n for n, _, _ in names_roles(mentions_from_list("*区纪委区监委、*区委政法委", 0))] == ["区纪委区监委", "区委政法委"]


def test_cleaning_trailing_deng_alias_and_spaces():
    got = mentions_from_list("县发改局、  县农业农村局", 0)
    assert [m.name for m in got] == ["县发改局", "县农业农村局"]
    got = mentions_from_list("县财政局、县金融发展中心、国家金融监督管理总局嘉善监管支局等", 0)
    assert got[-1].name == "国家金融监督管理总局嘉善监管支局"
    got = mentions_from_list("区委宣传部<区文明办>、区民政局、区文旅局", 0)
    assert (got[0].name, got[0].alias) == ("区委宣传部", "区文明办")
    got = mentions_from_list("县开发区(惠民街道)、魏塘街道", 0)
    assert [m.name for m in got] == ["县开发区(惠民街道)", "魏塘街道"]


def test_collective_units_are_units():
    got = mentions_from_list("各镇党委和政府,区美丽城镇办", 0)
    assert [m.name for m in got] == ["各镇党委和政府", "区美丽城镇办"]
    assert unit_shape("各街道乡镇") == 2


def test_inline_labels_give_lead_and_cooperating():
    text = "(牵头单位:市发展改革委;配合单位:市财政局、市自然资源局)"
    assert names_roles(mentions_from_labels(text, 0)) == [
        ("市发展改革委", "lead", "text"), ("市财政局", "cooperating", "text"), ("市自然资源局", "cooperating", "text")]


def test_labels_one_per_line_and_full_width_punctuation():
    text = "牵头单位：省教育厅\n配合单位：省财政厅，省人力资源社会保障厅"
    assert names_roles(mentions_from_labels(text, 0)) == [
        ("省教育厅", "lead", "text"), ("省财政厅", "cooperating", "text"), ("省人力资源社会保障厅", "cooperating", "text")]


def test_leader_fields_are_not_assignees():
    text = "分管领导:张三;牵头单位:区商务局;配合单位:区市场监管局"
    assert [m.name for m in mentions_from_labels(text, 0)] == ["区商务局", "区市场监管局"]


def test_prose_lead_and_cooperating():
    got = names_roles(mentions_from_prose("由市住房城乡建设局牵头,市发展改革委、市财政局配合。", 0))
    assert got == [("市住房城乡建设局", "lead", "text"), ("市发展改革委", "cooperating", "text"),
                   ("市财政局", "cooperating", "text")]
    got = names_roles(mentions_from_prose("县农业农村局、县发改局、县建设局要牵头细化专项方案,建立指标体系", 0))
    assert got == [("县农业农村局", "lead", "text"), ("县发改局", "lead", "text"), ("县建设局", "lead", "text")]


def test_prose_responsible_alone_and_with_partners():
    assert names_roles(mentions_from_prose("此项工作由县民政局负责。", 0)) == [("县民政局", "responsible", "text")]
    got = names_roles(mentions_from_prose("县交通运输局负责,县公安局配合。", 0))
    assert got == [("县交通运输局", "lead", "text"), ("县公安局", "cooperating", "text")]


def test_prose_that_names_no_unit_gives_nothing():
    assert mentions_from_prose("加强左右协同、强化上下联动,高质量推进工程实施。", 0) == []
    assert mentions_from_prose("领导小组下设办公室,实行集中办公,实体化运作,负责具体工作。", 0) == []
    assert mentions_from_prose("邀请国内外设计大师和知名设计单位参与城镇总体城市设计", 0) == []


def test_unit_list_shape_rejects_ordinary_phrases():
    assert is_unit_list("县经信局、县发改局、县市场监管局")
    assert not is_unit_list("新材料")
    assert not is_unit_list("统筹城镇和村庄布局")
    assert not is_unit_list("记忆馆、非遗馆等")


def test_lead_notes_in_a_list():
    got = names_roles(mentions_from_list("县发改局(牵头)、县财政局、县统计局", 0))
    assert got == [("县发改局", "lead", "text"), ("县财政局", "cooperating", "text"), ("县统计局", "cooperating", "text")]


def test_first_listed_convention():
    assert says_first_listed_leads("(各项任务中列第一位的为牵头单位,下同)")
    got = names_roles(mentions_from_list("县发改局、县财政局", 0, first_is_lead=True))
    assert got == [("县发改局", "lead", "listed"), ("县财政局", "cooperating", "listed")]
    assert says_star_marks_lead("(标*的为牵头单位,下同)")


def test_collective_names_keep_their_level_words():
    from graph.units import mentions_from_labels
    got = mentions_from_list("区城管局、各镇街", 0)
    assert [m.name for m in got] == ["区城管局", "各镇街"]
    got = mentions_from_list("市住建局、各区(市)人民政府、各乡镇、街", 0)
    assert [m.name for m in got][:2] == ["市住建局", "各区(市)人民政府"]
    got = mentions_from_labels("(责任单位:区民政局、各镇(街道))", 0)
    assert [m.name for m in got] == ["区民政局", "各镇(街道)"]
    assert not is_unit_list("各项任务中列第一位的")
    assert is_unit_list("市直各有关部门")


def test_a_stated_marker_other_than_star_marks_leads():
    from graph.units import lead_marks
    assert lead_marks("(标★的为牵头单位,下同)") == "*★"
    assert lead_marks("(标★的为重点督办事项)") == "*"
    got = names_roles(mentions_from_list("★市交通运输局、市公安局", 0, lead_marks="*★"))
    assert got == [("市交通运输局", "lead", "star"), ("市公安局", "cooperating", "star")]
    got = names_roles(mentions_from_list("★市交通运输局、市公安局", 0))
    assert got == [("市交通运输局", "responsible", "listed"), ("市公安局", "responsible", "listed")]


def test_a_marker_with_no_legend_marks_leads():
    """吴江区 2024 (★区发改委、统计局, no legend printed) and a 标★ legend that means key tasks."""
    from graph.units import lead_marks
    assert lead_marks("1.地区生产总值增长5%以上。\n★区发改委、统计局") == "*★"
    assert lead_marks("(标★的为区政府重点督办事项)\n★1.深化改革。责任单位:区政务服务中心") == "*"
    got = names_roles(mentions_from_list("★区商务局、吴江海关", 0, lead_marks=lead_marks("★区商务局、吴江海关")))
    assert got == [("区商务局", "lead", "star"), ("吴江海关", "cooperating", "star")]


def test_prose_convening_and_duty_phrases():
    got = names_roles(mentions_from_prose("由市商务局会同市财政局、市市场监管局组织实施。", 0))
    assert got == [("市商务局", "lead", "text"), ("市财政局", "cooperating", "text"),
                   ("市市场监管局", "cooperating", "text")]
    got = names_roles(mentions_from_prose("市林业局、市水务局按职责分工负责。", 0))
    assert got == [("市林业局", "responsible", "text"), ("市水务局", "responsible", "text")]


def test_duty_bearer_statements():
    # a description (是…主体) assigns nothing, as in the seed gold; a designation (为责任单位) does
    assert mentions_from_prose("各苏木镇人民政府是落实本措施的责任主体,要细化工作举措。", 0) == []
    assert mentions_from_prose("以利通区人民医院为牵头医院,组建医共体。", 0) == []
    got = names_roles(mentions_from_prose("区生态环境局为责任单位,各街镇为责任主体。", 0))
    assert got == [("区生态环境局", "responsible", "text"), ("各街镇", "responsible", "text")]


def test_marks_written_after_the_names():
    got = names_roles(mentions_from_list("市安委办*、市委组织部、市应急管理局*市消防救援支队", 0))
    assert got == [("市安委办", "lead", "star"), ("市委组织部", "cooperating", "star"),
                   ("市应急管理局", "lead", "star"), ("市消防救援支队", "cooperating", "star")]


def test_member_units_and_governments_run_together():
    got = [m.name for m in mentions_from_list("市安委会各成员单位、兰山区人民政府罗庄区人民政府", 0)]
    assert got == ["市安委会各成员单位", "兰山区人民政府", "罗庄区人民政府"]


def test_partners_after_a_lead_verb_and_cut_before_the_action():
    got = names_roles(mentions_from_prose("由区住建局牵头、区发改局、区财政局配合。", 0))
    assert got == [("区住建局", "lead", "text"), ("区发改局", "cooperating", "text"), ("区财政局", "cooperating", "text")]
    got = names_roles(mentions_from_prose("由区城管局会同区发改局、区住房和城乡建设局组织实施。", 0))
    assert got[-1] == ("区住房和城乡建设局", "cooperating", "text")


def test_central_style_duty_division():
    got = names_roles(mentions_from_prose("国家发展改革委牵头,教育部、财政部等按职责分工负责", 0))
    assert got == [("国家发展改革委", "lead", "text"), ("教育部", "cooperating", "text"), ("财政部", "cooperating", "text")]
    got = [m.name for m in mentions_from_prose("省发展改革委牵头,省直有关部门和各市州人民政府按职责分工负责", 0)]
    assert got == ["省发展改革委", "省直有关部门", "各市州人民政府"]
    assert [m.name for m in mentions_from_list("各镇党委和人民政府、旗自然资源局旗水利局等", 0)] == [
        "各镇党委和人民政府", "旗自然资源局", "旗水利局"]


def test_province_level_division_of_labour():
    got = names_roles(mentions_from_prose(
        "省发展改革委牵头,省能源局、国网湖北省电力有限公司,各市州人民政府按职责分工负责", 0))
    assert got == [("省发展改革委", "lead", "text"), ("省能源局", "cooperating", "text"),
                   ("国网湖北省电力有限公司", "cooperating", "text"), ("各市州人民政府", "responsible", "text")]
    got = names_roles(mentions_from_prose("省商务厅牵头,湖北广播电视台配合,各市州人民政府落实", 0))
    assert got[-1] == ("各市州人民政府", "responsible", "text")  # local governments that 落实 are responsible
    assert mentions_from_prose("各责任单位要落实相关职责,形成合力", 0) == []
    got = [m.name for m in mentions_from_prose("省委金融办、河南农商联合银行按职责分工负责", 0)]
    assert got == ["省委金融办", "河南农商联合银行"]


def test_companies_run_together_and_street_level_labels():
    got = [m.name for m in mentions_from_list("市公安局芜湖港口运营有限公司、国网芜湖供电公司芜湖华衍水务有限公司等", 0)]
    assert got == ["市公安局", "芜湖港口运营有限公司", "国网芜湖供电公司", "芜湖华衍水务有限公司"]
    assert [m.name for m in mentions_from_list("中国移动通信集团浙江有限公司嘉善分公司、各社区、各村", 0)] == [
        "中国移动通信集团浙江有限公司嘉善分公司", "各社区", "各村"]
    got = names_roles(mentions_from_labels("(联系领导:刘洋;牵头科室:党政办;配合科室:社会事务办,各社区居委会)", 0))
    assert got == [("党政办", "lead", "text"), ("社会事务办", "cooperating", "text"), ("各社区居委会", "cooperating", "text")]


@pytest.mark.parametrize("text, expected", [
    ("由县发改局负责牵头,县财政局按职责分工负责配合。", [("负责牵头", "牵头", 5), ("按职责分工负责配合", "配合", 14)]),
    ("县农业农村局牵头,县水利局、县自然资源局配合", [("牵头", "牵头", 6), ("配合", "配合", 20)]),
    ("县教育局要牵头做好", [("要牵头", "牵头", 4)]),
    ("县卫健局负责,各乡镇参与", [("负责", "负责", 4), ("参与", "参与", 10)]),
    ("推进小微企业园提档升级。", []),
])
def test_role_verbs_are_found_with_their_modifiers_and_offsets(text, expected):
    assert [(m.group(0), m.group(1), m.start()) for m in role_verbs(text)] == expected


def test_role_verbs_keep_the_modifiers_before_a_verb():
    got = [(m.group(0), m.group(1)) for m in role_verbs("由县发改局负责牵头,县财政局按职责分工负责配合。")]
    assert got == [("负责牵头", "牵头"), ("按职责分工负责配合", "配合")]


@pytest.mark.parametrize("text, items", [
    ("县发改局、县财政局,县住建局", ["县发改局", "县财政局", "县住建局"]),
    ("县发改局★,县财政局 县住建局", ["县发改局★", "县财政局", "县住建局"]),
    ("县发改局*、县财政局", ["县发改局*", "县财政局"]),                  # marks after the names end their item
    ("县发改局*县财政局", ["县发改局", "*县财政局"]),                    # a mark before a name starts the next
    ("县发改局、*县财政局、县住建局", ["县发改局", "*县财政局", "县住建局"]),
    ("县委宣传部(县文明办)、县文旅局", ["县委宣传部(县文明办)", "县文旅局"]),
    ("县发改局(牵头,含县统计局)、县财政局", ["县发改局(牵头,含县统计局)", "县财政局"]),   # no cut inside brackets
])
def test_list_items_are_cut_at_separators_and_lead_marks_outside_brackets(text, items):
    assert [text[start:end] for start, end in _tokens(text)] == items


def test_the_longer_ending_decides_between_a_unit_and_a_verb():
    """j06 泗洲头 2024 (the 责任科室 cell ``乡村振兴办``) and a county's ``县乡村振兴办``: the office ends in
    振兴办, a unit, though 兴办 (to found) ends no unit (``鼓励社会力量兴办``). One real document found."""
    from graph.units import unit_shape

    assert unit_shape("乡村振兴办") == 2 and unit_shape("县乡村振兴办") == 2
    assert unit_shape("鼓励社会力量兴办") == 0 and unit_shape("市政府办") == 2
