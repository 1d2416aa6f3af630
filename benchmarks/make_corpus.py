"""Seeded generator of synthetic county plans for the scale benchmark (not a test).

    .venv/bin/python benchmarks/make_corpus.py --docs 1000 --seed 1 --out /tmp/bench/docs

Writes ``DIR/plan_000000.txt`` … (UTF-8, about 20 KB each, one paragraph or table cell
per line, like the shipped corpus) and, beside DIR, ``expected_assignments.csv`` with the
columns ``doc,task_title,unit,role`` of every unit the documents assign, as a careful
reader would list them. Each document belongs to one generated county or district and
names its units with that region's prefix (``县``/``区``). The unit styles mixed across
documents are the ones the extractor reads: bracketed lists after a task, ``责任单位:``
with and without brackets, inline and one-per-line ``牵头单位:``/``配合单位:`` labels,
prose (``由X牵头,Y、Z配合``, ``X要牵头``), ``*`` marking leads, and annex tables flattened
one cell per line (牵头单位/协同单位 columns, or one 责任单位 column with stars), with
section rows, blank cells, multi-line cells and rows whose name cell is merged.

The same ``--seed`` gives the same bytes; document ``i`` depends only on the seed and
``i``, so a corpus of N+1 documents extends the corpus of N.
"""
from __future__ import annotations

import argparse
import csv
import io
import json
import os
import random
import shutil
import sys
import tempfile
import time
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

GENERATOR_VERSION = 1
EXPECTED_NAME = "expected_assignments.csv"
EXPECTED_COLUMNS = ("doc", "task_title", "unit", "role")

# ---------------------------------------------------------------- vocabulary

# Syllables of generated place names: none is a unit suffix, a region suffix or a collective prefix.
PLACE_SYLLABLES = ("安平宁江清河山阳东西南北新永兴德云龙泉松溪海丰华宝金玉长乐嘉善秀桐庆文昌武康义仙"
                   "居天台温岭瑞泰顺苍青田遂缙景浦磐临富淳萧滨余虞诸暨嵊越柯常游岱普陀象鄞奉慈姚仑"
                   "洞头鹿城瓯湖吴兰溪浦江磐石柏林桥塘港湾峰岩湄沙洲屏霞桂梅竹荷凤鸣潭望星")
# Bureaus named "{prefix}{stem}" (县发改局): one key, the names regions give it.
BUREAUS: dict[str, tuple[str, ...]] = {
    "fg": ("发改局", "发展和改革局", "发改经信局"),
    "jx": ("经信局", "经济和信息化局", "经济信息商务局"),
    "kj": ("科技局",),
    "jy": ("教育局", "教育体育局"),
    "ga": ("公安局",),
    "mz": ("民政局",),
    "sf": ("司法局",),
    "cz": ("财政局",),
    "rs": ("人力社保局", "人力资源和社会保障局"),
    "zr": ("自然资源和规划局", "自然资源规划局"),
    "zj": ("住建局", "建设局", "住房和城乡建设局"),
    "jt": ("交通运输局", "交通局"),
    "sl": ("水利局",),
    "ny": ("农业农村局",),
    "sw": ("商务局",),
    "wl": ("文广旅体局", "文旅体局", "文化和广电旅游体育局", "文旅局"),
    "wj": ("卫生健康局", "卫健局"),
    "ty": ("退役军人事务局",),
    "yj": ("应急管理局",),
    "sj": ("审计局",),
    "sc": ("市场监管局", "市场监督管理局"),
    "tj": ("统计局",),
    "yb": ("医保局", "医疗保障局"),
    "zf": ("综合行政执法局", "综合执法局"),
    "dsj": ("大数据局", "数据资源局", "大数据发展管理局"),
    "xf": ("信访局",),
    "ly": ("林业局",),
    "qx": ("气象局",),
    "ss": ("税务局",),
    "rf": ("人防办",),
    "jg": ("机关事务管理局",),
    "jr": ("金融办", "金融发展中心"),
    "tc": ("投促局", "投资促进中心"),
    "gx": ("供销社", "供销总社"),
    "fb": ("府办", "政府办"),
    "zs": ("治水办",),
    "ml": ("美丽办",),
    "gf": ("共富办",),
    "ys": ("营商办",),
    "fl": ("分类办",),
    "xc": ("乡村振兴局",),
    "lc": ("粮食和物资储备局",),
    "sp": ("行政审批局",),
    "rm": ("融媒体中心",),
    "zx": ("行政服务中心",),
    "gg": ("公共资源交易中心",),
    "jk": ("疾控中心",),
    "yy": ("人民医院",),
    "zy": ("中医院",),
    "nj": ("农技推广中心",),
    "ct": ("城投集团",),
    "jtt": ("交投集团",),
    "swt": ("水务集团",),
    "wlt": ("文旅集团",),
    "xf2": ("消防救援大队",),
    "jj": ("交警大队",),
    "fy": ("法院",),
    "jcy": ("检察院",),
    "rwb": ("人武部",),
    "rd": ("人大办",),
    "zx2": ("政协办",),
    "zgh": ("总工会",),
    "fl2": ("妇联",),
    "cl": ("残联",),
    "kx": ("科协",),
    "wl2": ("文联",),
    "gsl": ("工商联",),
    "hsh": ("红十字会",),
    "ql": ("侨联",),
}
# Party bodies named "{prefix}委{stem}" (县委组织部).
PARTY = {"zzb": "组织部", "xcb": "宣传部", "tzb": "统战部", "zfw": "政法委", "bb": "编办", "wxb": "网信办",
         "sgb": "社工部", "ggb": "改革办", "nb": "农办", "wb": "办", "wmb": "文明办"}
# Bodies named from the region's own name or stem: {R} region, {S} stem, {P} prefix.
LOCAL = {"gd": "国网{R}供电公司", "dx": "电信{S}分公司", "yd": "移动{S}分公司", "lt": "联通{S}分公司",
         "ns": "{S}农商银行", "rh": "人行{S}支行", "st": "{S}生态环境分局", "gh": "市规划资源局{S}分局",
         "kf": "{S}经济开发区", "gx2": "{S}高新区", "tw": "团{P}委", "jw": "{P}纪委{P}监委", "gl": "{S}公路与运输管理中心"}
COLLECTIVES = ("各镇(街道)", "各乡镇(街道)", "各街道乡镇", "各乡镇人民政府", "各街道办事处")

# Task topics: (title, bureau keys that usually lead or take part).
TOPICS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("做强重大产业平台", ("fg", "jx", "kf", "tc")), ("完善广覆盖商贸网络", ("sw", "sc", "wl")),
    ("实施高能级标志性项目", ("fg", "jx", "cz")), ("推进特色小镇高质量发展", ("fg", "jx", "wl")),
    ("推进小微企业园提档升级", ("jx", "kj", "zr")), ("畅通交通网络", ("jt", "fg", "zj", "jtt")),
    ("增强城市安全韧性", ("zj", "sl", "yj", "gd")), ("改善宜居品质", ("zj", "zr", "mz")),
    ("推进城镇老旧小区改造", ("zj", "cz", "fg")), ("推动教育优质均衡发展", ("jy", "fg", "cz", "zr")),
    ("推进高水平县级医院建设", ("wj", "yy", "yb")), ("完善康养托育服务体系", ("mz", "wj", "yb")),
    ("推动人文环境提升", ("wl", "xcb", "zr")), ("加强生态环境治理", ("st", "zj", "sl", "ny")),
    ("深化生态保护修复", ("zr", "st", "ly", "ny")), ("打造蓝绿生态空间", ("zj", "zf", "sl", "zs")),
    ("确保粮食安全和重要农产品稳产保供", ("ny", "lc", "gx", "fg")), ("加快农村一二三产业融合发展", ("ny", "wl", "sw")),
    ("壮大乡村新产业新业态", ("ny", "wl", "sw", "gx")), ("优化乡村空间布局", ("zr", "zj", "ny")),
    ("持续提升乡村风貌", ("ny", "zj", "zf", "st")), ("开展和美乡村联建联创", ("ny", "zj", "fl2", "ml")),
    ("深化乡村新时代文明实践", ("xcb", "wmb", "wl")), ("加强乡村文化保护传承", ("ny", "wl", "zj")),
    ("推进乡村治理现代化", ("mz", "ny", "sf", "zfw")), ("发展新型农村集体经济", ("ny", "zzb", "cz")),
    ("推进农民就地就近就业", ("rs", "ny", "wl")), ("促进农民持续增收", ("rs", "ny", "cz", "ns")),
    ("深化国土空间规划体制机制改革", ("zr", "fg", "zj")), ("深化农房建设管理体制改革", ("zr", "zj", "ny")),
    ("深化户籍制度改革", ("fg", "ny", "ga")), ("深化两进两回行动", ("ny", "rs", "kj", "tw")),
    ("深化农村土地制度改革", ("ny", "zr", "ly")), ("推进城乡基础设施一体化", ("jt", "sl", "zj", "gd")),
    ("提升城乡公共服务均等化水平", ("jy", "wj", "mz", "rs")), ("缩小城乡数字鸿沟", ("ny", "sw", "jx", "dsj")),
    ("推进县域商业体系建设", ("sw", "gx", "jt")), ("加强内涝治理", ("sl", "zj", "yj")),
    ("推进全域幸福河湖建设", ("sl", "zs", "st", "swt")), ("推进无废城市建设", ("st", "zj", "fl")),
    ("实施噪声污染防治行动", ("st", "ga", "zf")), ("加快新能源设施建设", ("fg", "gd", "jt")),
    ("优化营商环境", ("ys", "sp", "sc", "fg")), ("推进数字政府建设", ("dsj", "fb", "zx")),
    ("强化就业创业服务", ("rs", "zgh", "tw")), ("健全社会救助体系", ("mz", "cz", "cl")),
    ("提升应急处置能力", ("yj", "xf2", "ga", "qx")), ("加强食品药品安全监管", ("sc", "wj", "ga")),
    ("推进体育设施建设", ("wl", "jy", "zr")), ("加强退役军人服务保障", ("ty", "rs", "mz")),
    ("推进科技创新平台建设", ("kj", "jx", "kx")), ("加快农业科技推广", ("ny", "kj", "nj")),
    ("推动文旅深度融合", ("wl", "wlt", "ny")), ("加强历史文化名镇保护", ("wl", "zr", "zj")),
    ("完善农村供水保障", ("sl", "swt", "wj")), ("推进四好农村路建设", ("jt", "gl", "cz")),
    ("深化医共体建设", ("wj", "yy", "zy", "yb")), ("加强基层党组织建设", ("zzb", "mz", "sgb")),
    ("深化清廉村居建设", ("jw", "ny", "zzb")), ("健全矛盾纠纷化解机制", ("zfw", "sf", "xf", "fy")),
)
TASK_VERBS = ("加快", "深化", "推进", "实施", "完善", "提升", "强化", "健全", "打造", "优化")
SECTION_TITLES = (
    "实施产业平台集聚能力提升行动", "实施基础设施支撑能力提升行动", "实施公共服务保障能力提升行动",
    "实施生态环境承载能力提升行动", "实施乡村产业发展提升行动", "实施乡村宜居宜业提升行动",
    "实施乡村文明善治提升行动", "实施乡村共同富裕提升行动", "健全城乡规划建设管理体制机制",
    "推进城乡要素双向流动", "推进城乡公共资源合理配置", "完善规划体系,提升城乡融合发展力",
    "优化产业布局,提升城乡产业承载力", "夯实基础设施,提升城乡运行支撑力", "提升公共服务,提升城乡民生保障力",
)
SAFEGUARDS = ("强化组织领导", "强化政策支持", "强化督导服务", "强化要素保障", "加强宣传引导", "完善推进机制",
              "强化试点先行", "健全考核评价")
PLAN_THEMES = ("县城承载能力提升和深化“千村示范、万村整治”工程", "高水平推进美丽城镇建设", "深化新时代“千万工程”",
               "推进城乡融合发展", "加快建设共同富裕示范区", "推进新型城镇化", "高质量发展建设和美乡村",
               "推动公共服务优质共享", "推进生态文明建设", "优化营商环境")
PLAN_KINDS = ("实施方案", "行动计划", "工作要点", "三年行动方案")
FILLER = (
    "坚持问题导向和目标导向,统筹推进各项重点工作", "健全工作机制,细化年度任务清单",
    "加强资金统筹,提高资金使用效益", "完善政策体系,强化要素保障", "推广典型经验做法,形成可复制的模式",
    "建立定期调度制度,及时研究解决重大问题", "鼓励社会资本有序投入,拓宽多元投入渠道",
    "强化数字赋能,提升治理效能", "突出示范带动,分类分步推进", "加大宣传力度,营造良好氛围",
    "聚焦群众急难愁盼问题,持续改善民生", "坚持因地制宜,注重特色发展", "完善长效管护机制,巩固建设成果",
    "深化改革创新,破除体制机制障碍", "加快补齐短板弱项,提升综合承载能力",
    "推动资源要素向重点区域集聚", "强化规划引领,优化功能布局", "落实安全生产责任,守牢安全底线",
    "推进城乡一体化发展,促进要素双向流动", "加强人才队伍建设,提升专业化水平",
    "健全监测评估机制,定期开展绩效评价", "推动数据共享和业务协作,提高办事效率",
    "坚持节约集约利用土地,提高亩均效益", "深化区域合作,积极融入长三角一体化发展",
)
TARGET_NOUNS = ("示范村", "未来社区", "小微企业园", "共富工坊", "家庭农场", "乡村博物馆", "口袋公园", "充电桩",
                "托育机构", "养老服务中心", "文化礼堂", "农家书屋", "电子商务专业村", "农事服务中心", "标准地片区")
TARGET_METRICS = ("覆盖率", "达标率", "建成率", "普及率", "处理率", "城镇化率", "优良率", "签约率", "满意度")
DEADLINES = ("2025年底", "2024年12月底前", "2026年6月", "长期坚持", "持续推进", "每年", "2027年底前", "2025年6月底前")


# ---------------------------------------------------------------- regions and unit pools

@dataclass(frozen=True)
class Region:
    """A generated county or district with the units it names."""

    name: str          # 青溪县
    stem: str          # 青溪
    prefix: str        # 县 | 区
    city: str          # 云江市
    units: dict[str, str]        # bureau/party/local key → unit name
    townships: tuple[str, ...]


def _place(rng: random.Random, taken: set[str]) -> str:
    """A new two-syllable place name."""
    while True:
        name = rng.choice(PLACE_SYLLABLES) + rng.choice(PLACE_SYLLABLES)
        if name[0] != name[1] and name not in taken:
            taken.add(name)
            return name


@lru_cache(maxsize=8)
def regions(seed: int, count: int = 90) -> tuple[Region, ...]:
    """The province of a seed: ``count`` counties and districts under about a dozen cities."""
    rng = random.Random(f"{seed}:regions")
    taken: set[str] = set()
    cities = [_place(rng, taken) + "市" for _ in range(max(1, count // 8))]
    out = []
    for _ in range(count):
        stem = _place(rng, taken)
        prefix = "县" if rng.random() < 0.6 else "区"
        name = stem + prefix
        units = {key: prefix + rng.choice(names) for key, names in BUREAUS.items()}
        units.update({key: f"{prefix}委{stem_}" for key, stem_ in PARTY.items()})
        units.update({key: pattern.format(R=name, S=stem, P=prefix) for key, pattern in LOCAL.items()})
        n_towns = rng.randint(6, 14)
        suffixes = ("街道", "镇", "镇", "乡") if prefix == "县" else ("街道", "街道", "镇")
        townships = tuple(_place(rng, taken) + rng.choice(suffixes) for _ in range(n_towns))
        out.append(Region(name, stem, prefix, rng.choice(cities), units, townships))
    return tuple(out)


def unit_pool(seed: int, count: int = 90) -> list[str]:
    """Every unit name the generator can print for a seed (for reporting the pool's size)."""
    names = set(COLLECTIVES)
    for r in regions(seed, count):
        names.update(r.units.values())
        names.update(r.townships)
    return sorted(names)


# ---------------------------------------------------------------- one document

@dataclass
class Expected:
    """One expected assignment: a unit named for a task, with its role."""

    task_title: str
    unit: str
    role: str


class Writer:
    """Lines of one document and the assignments it states."""

    def __init__(self, rng: random.Random, region: Region) -> None:
        self.rng = rng
        self.region = region
        self.lines: list[str] = []
        self.expected: list[Expected] = []

    # text pieces -------------------------------------------------
    def target(self) -> str:
        """A sentence with a quantitative target."""
        r = self.rng
        kind = r.randrange(6)
        if kind == 0:
            return f"力争新增{r.choice(TARGET_NOUNS)}{r.randint(2, 40)}个以上"
        if kind == 1:
            return f"{r.choice(TARGET_METRICS)}达到{r.randint(60, 99)}.{r.randint(0, 9)}%以上"
        if kind == 2:
            return f"完成投资{r.randint(2, 90)}.{r.randint(1, 9)}亿元以上"
        if kind == 3:
            return f"新改建{r.choice(('农村公路', '污水管网', '绿道', '供水管网'))}{r.randint(5, 200)}公里"
        if kind == 4:
            return f"累计建成{r.choice(TARGET_NOUNS)}{r.randint(3, 60)}个"
        return f"{r.choice(TARGET_METRICS)}控制在{r.randint(1, 9)}%以内"

    def paragraph(self, sentences: int, targets: int) -> str:
        """Running text: filler clauses and targets, ending with a full stop."""
        parts = self.rng.sample(FILLER, min(sentences, len(FILLER))) + [self.target() for _ in range(targets)]
        self.rng.shuffle(parts)
        return "。".join(parts) + "。"

    def pick_units(self, topic_keys: tuple[str, ...], lo: int, hi: int) -> list[str]:
        """Distinct unit names for a task: mostly the topic's bureaus, then others, a township or a collective."""
        r, reg = self.rng, self.region
        keys = [k for k in topic_keys if k in reg.units]
        r.shuffle(keys)
        n = r.randint(lo, hi)
        names: list[str] = []
        for k in keys:
            if len(names) < n and reg.units[k] not in names:
                names.append(reg.units[k])
        others = list(reg.units)
        while len(names) < n:
            roll = r.random()
            name = r.choice(reg.townships) if roll < 0.12 else r.choice(COLLECTIVES) if roll < 0.16 \
                else reg.units[r.choice(others)]
            if name not in names and not (name in COLLECTIVES and any(x in COLLECTIVES for x in names)):
                names.append(name)
        # a collective closes a list, as printed
        names.sort(key=lambda x: x in COLLECTIVES)
        return names

    def expect(self, title: str, names: list[str], role: str) -> None:
        """Record the assignments of a list."""
        self.expected.extend(Expected(title, n, role) for n in names)

    def listed(self, names: list[str], trailing_etc: bool = False) -> str:
        """A printed unit list, sometimes ending with ``等``."""
        return "、".join(names) + ("等" if trailing_etc and self.rng.random() < 0.15 else "")

    # body tasks ---------------------------------------------------
    def body_task(self, marker: str, title: str, keys: tuple[str, ...], style: str) -> None:
        """A numbered body task with its units in one of the styles."""
        r = self.rng
        text = self.paragraph(r.randint(6, 11), r.randint(1, 3))
        head = f"{marker}{title}。{text}"
        if style == "bracket":
            names = self.pick_units(keys, 1, 5)
            self.lines.append(f"{head}({self.listed(names, True)})")
            self.expect(title, names, "responsible")
        elif style == "responsible_bracket":
            names = self.pick_units(keys, 1, 6)
            self.lines.append(f"{head}(责任单位:{self.listed(names, True)})")
            self.expect(title, names, "responsible")
        elif style == "responsible_plain":
            names = self.pick_units(keys, 1, 5)
            self.lines.append(f"{head}责任单位:{self.listed(names)}")
            self.expect(title, names, "responsible")
        elif style == "labels_inline":
            names = self.pick_units(keys, 1, 6)
            lead, coop = names[:1], names[1:]
            label = r.choice(("配合单位", "协同单位"))
            tail = f"牵头单位:{lead[0]}" + (f";{label}:{self.listed(coop)}" if coop else "")
            self.lines.append(f"{head}({tail})")
            self.expect(title, lead, "lead")
            self.expect(title, coop, "cooperating")
        elif style == "labels_lines":
            names = self.pick_units(keys, 2, 6)
            n_lead = 2 if len(names) > 3 and r.random() < 0.2 else 1
            lead, coop = names[:n_lead], names[n_lead:]
            self.lines.append(head)
            self.lines.append(f"牵头单位:{self.listed(lead)}")
            self.lines.append(f"{r.choice(('配合单位', '协同单位'))}:{self.listed(coop)}")
            self.expect(title, lead, "lead")
            self.expect(title, coop, "cooperating")
        elif style == "prose":
            names = self.pick_units(keys, 2, 5)
            lead, coop = names[:1], names[1:]
            self.lines.append(f"{head}由{lead[0]}牵头,{self.listed(coop)}配合。")
            self.expect(title, lead, "lead")
            self.expect(title, coop, "cooperating")
        elif style == "star_bracket":
            names = self.pick_units(keys, 2, 6)
            n_lead = 2 if r.random() < 0.25 else 1
            printed = ["*" + n if i < n_lead else n for i, n in enumerate(names)]
            self.lines.append(f"{head}({'、'.join(printed)})")
            self.expect(title, names[:n_lead], "lead")
            self.expect(title, names[n_lead:], "cooperating")
        else:
            raise ValueError(style)

    def safeguard(self, marker: str, title: str) -> None:
        """An item of 保障措施: plain text, or leads named in prose, or a responsible list."""
        r = self.rng
        text = self.paragraph(r.randint(4, 7), 0)
        roll = r.random()
        if roll < 0.3:
            names = self.pick_units(("ny", "fg", "zj", "cz"), 1, 3)
            self.lines.append(f"{marker}{title}。{text}{'、'.join(names)}要牵头细化专项方案,抓好组织实施。")
            self.expect(title, names, "lead")
        elif roll < 0.5:
            names = self.pick_units(("fb", "ml", "zzb", "cz"), 1, 4)
            self.lines.append(f"{marker}{title}。{text}(责任单位:{'、'.join(names)})")
            self.expect(title, names, "responsible")
        else:
            self.lines.append(f"{marker}{title}。{text}")

    # annex tables -------------------------------------------------
    def annex_columns(self, topics: list[tuple[str, tuple[str, ...]]], year: int) -> None:
        """An annex table with 牵头单位 and 协同单位 columns (and sometimes a deadline column)."""
        r = self.rng
        deadline = r.random() < 0.5
        header = ["序号", "任务名称", r.choice(("主要举措", f"{year}年主要举措", "工作内容")), "牵头单位", "协同单位"]
        if deadline:
            header.append("完成时限")
        self.lines += ["附件", "", r.choice(("重点任务清单", f"{year}年重点任务清单", "重点任务分解表")), ""]
        for h in header:
            self.lines += [h, ""]
        for i, (title, keys) in enumerate(topics, 1):
            names = self.pick_units(keys, 1, 7)
            n_lead = 2 if len(names) > 2 and r.random() < 0.15 else 1
            lead, coop = names[:n_lead], names[n_lead:]
            if coop and r.random() < 0.2:
                coop = []  # a blank cell
                names = lead
            text = self.paragraph(r.randint(2, 5), r.randint(1, 2))
            cells = [str(i), title]
            if r.random() < 0.15 and len(text) > 40:
                cut = text.index("。") + 1 if "。" in text[:-1] else len(text) // 2
                cells += [text[:cut], text[cut:]]  # a multi-line content cell
            else:
                cells.append(text)
            cells.append("、  ".join(lead) if len(lead) > 1 else lead[0])
            if coop and len(coop) > 3 and r.random() < 0.3:
                cells += ["、".join(coop[:2]) + "、", "、".join(coop[2:])]  # a unit cell over two lines
            else:
                cells.append(self.listed(coop, True) if coop else "")
            if deadline:
                cells.append(r.choice(DEADLINES))
            for c in cells:
                self.lines += [c, ""]
            self.expect(title, lead, "lead")
            self.expect(title, coop, "cooperating")

    def annex_stars(self, topics: list[tuple[str, tuple[str, ...]]], sections: list[str]) -> None:
        """An annex table with one 责任单位 column where ``*`` marks leads, with section rows."""
        r = self.rng
        self.lines += ["附件", "", f"{self.region.name}重点任务分解表", ""]
        for h in ("序号", "任务名称", "主要内容", "责任单位"):
            self.lines += [h, ""]
        per_section = max(1, len(topics) // max(1, len(sections)))
        previous = ""
        note_done = False
        for i, (title, keys) in enumerate(topics, 1):
            if (i - 1) % per_section == 0 and (i - 1) // per_section < len(sections):
                self.lines += [f"{'一二三四五六七八九'[(i - 1) // per_section]}、{sections[(i - 1) // per_section]}", ""]
            names = self.pick_units(keys, 1, 6)
            if r.random() < 0.9:
                n_lead = 2 if len(names) > 2 and r.random() < 0.3 else 1
                printed = ["*" + n if k < n_lead else n for k, n in enumerate(names)]
                roles = ["lead"] * n_lead + ["cooperating"] * (len(names) - n_lead)
            else:
                printed, roles = list(names), ["responsible"] * len(names)
            cell = "、".join(printed)
            if not note_done and "*" in cell:
                cell += "(标*的为牵头单位,下同)"
                note_done = True
            text = self.paragraph(r.randint(2, 5), r.randint(1, 2))
            merged = previous and r.random() < 0.08 and len(text) > 30
            row = [str(i)] + ([] if merged else [title]) + [text, cell]
            for c in row:
                self.lines += [c, ""]
            own_title = previous if merged else title
            for n, role in zip(names, roles):
                self.expected.append(Expected(own_title, n, role))
            previous = own_title


def plan_title(rng: random.Random, region: Region, year: int) -> tuple[str, int, int]:
    """A plan title with its period."""
    kind = rng.choice(PLAN_KINDS)
    theme = rng.choice(PLAN_THEMES)
    if kind == "工作要点":
        return f"{region.name}{theme}{year}年工作要点", year, year
    end = year + (2 if kind == "三年行动方案" else rng.choice((2, 3, 4)))
    return f"{region.name}{theme}{kind}({year}—{end}年)", year, end


def render_document(index: int, seed: int, region_count: int = 90) -> tuple[str, list[Expected]]:
    """The text of document ``index`` for a seed and what it assigns."""
    rng = random.Random(f"{seed}:doc:{index}")
    region = rng.choice(regions(seed, region_count))
    w = Writer(rng, region)
    year = rng.randint(2019, 2026)
    title, start, end = plan_title(rng, region, year)
    month, day = rng.randint(1, 12), rng.randint(1, 28)
    issuer = rng.choice((f"{region.name}人民政府办公室", f"{region.name}人民政府",
                         f"{region.name}{rng.choice(('城乡融合', '乡村振兴', '美丽城镇建设'))}工作领导小组办公室"))
    abbr = region.stem[0] + region.stem[1]
    number = f"{abbr}{rng.choice(('政办发', '政发', '委办发', '政办'))}〔{year}〕{rng.randint(1, 60)}号"
    P = region.prefix
    # page header and covering notice
    L = w.lines
    L += ["您当前的位置:首页", f"> 政务公开 > 政策文件 > {rng.choice(('部门文件', '政府文件', '其他文件'))}", ""]
    if rng.random() < 0.5:
        L += [f"关于印发《{title}》的通知", "",
              f"发布日期: {year}-{month:02d}-{day:02d} {rng.randint(8, 17):02d}:{rng.randint(0, 59):02d} 浏览次数:", ""]
    else:
        L += [f"索引号: | {rng.randint(100000, 999999)}/{year}-{rng.randint(10000, 99999)} | 发文时间: | "
              f"{year}-{month:02d}-{day:02d} |",
              f"文件编号: | {number} | 发布机构: | {issuer} |", f"关于印发《{title}》的通知", ""]
    L += [f"各乡镇人民政府、街道办事处,{P}政府直属各单位:", "",
          f"《{title}》已经{P}政府同意,现印发给你们,请结合实际认真贯彻落实。", "", issuer, "",
          f"{year}年{month}月{day}日", "", "(此件公开发布)", "", ""]
    # the plan
    if rng.random() < 0.3 and "(" in title:
        L += [title[: title.index("(")], "", title[title.index("("):], ""]
    else:
        L += [title, ""]
    L += [f"为深入贯彻落实省、市有关决策部署,{w.paragraph(2, 0)[:-1]},结合{region.stem}实际,制定本方案。", ""]
    L += ["一、总体要求", "", f"(一)指导思想。{w.paragraph(3, 0)}", "",
          f"(二)主要目标。到{end}年,{w.paragraph(1, 4)}", ""]
    # styles of this document
    styles = ("bracket", "responsible_bracket", "responsible_plain", "labels_inline", "labels_lines", "prose",
              "star_bracket")
    main_style = rng.choice(styles)
    second = rng.choice(styles) if rng.random() < 0.3 else main_style
    if "star_bracket" in (main_style, second):
        L += ["二、主要任务(标*的为牵头单位,下同)", ""]
    else:
        L += ["二、主要任务", ""]
    topics = list(TOPICS)
    rng.shuffle(topics)
    flat = rng.random() < 0.3  # tasks at the (一) level, as in a short work plan
    n_body = rng.randint(14, 18) if flat else rng.randint(18, 26)
    body_topics, annex_topics = topics[:n_body], topics[n_body:]
    CN = "一二三四五六七八九十"

    def cn(k: int) -> str:
        return CN[k - 1] if k <= 10 else "十" + CN[k - 11]

    if flat:
        for k, (t, keys) in enumerate(body_topics, 1):
            w.body_task(f"({cn(k)})", t, keys, main_style if rng.random() < 0.8 else second)
            L.append("")
    else:
        sections = rng.sample(SECTION_TITLES, rng.randint(3, 5))
        per = -(-len(body_topics) // len(sections))
        restart = rng.random() < 0.5
        sep = rng.choice((".", "、", ". "))
        n = 0
        for s, sec in enumerate(sections, 1):
            L += [f"({cn(s)}){sec}", ""]
            chunk = body_topics[(s - 1) * per: s * per]
            for k, (t, keys) in enumerate(chunk, 1):
                n = k if restart else n + 1
                w.body_task(f"{n}{sep}", t, keys, main_style if rng.random() < 0.8 else second)
                L.append("")
    L += ["三、保障措施", ""]
    for k, t in enumerate(rng.sample(SAFEGUARDS, rng.randint(3, 5)), 1):
        w.safeguard(f"({cn(k)})", t)
        L.append("")
    # annex table
    annex = rng.random()
    rows = annex_topics + [(rng.choice(TASK_VERBS) + t[2:], keys) for t, keys in rng.sample(TOPICS, 12)]
    rows = rows[: rng.randint(14, 26)]
    if annex < 0.4:
        w.annex_columns(rows, end if start == end else start)
    elif annex < 0.75:
        w.annex_stars(rows, rng.sample(SECTION_TITLES, rng.randint(2, 3)))
    L += ["", f"抄送:{P}委各部门,{P}人大常委会办公室、{P}政协办公室,{P}法院,{P}检察院。", "",
          f"{issuer} {year}年{month}月{day}日印发", "", "打印本页 关闭窗口", ""]
    return "\n".join(L), w.expected


def document_name(index: int) -> str:
    """File name of document ``index``."""
    return f"plan_{index:06d}.txt"


def expected_path(out_dir: Path) -> Path:
    """Where the expected assignments of a corpus folder are written: beside the folder."""
    return out_dir.parent / EXPECTED_NAME


def write_atomically(path: Path, data: bytes) -> None:
    """Write through a temp file and rename it into place."""
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    tmp.write_bytes(data)
    os.replace(tmp, path)


def write_document(index: int, seed: int, out_dir: Path, region_count: int = 90) -> list[tuple[str, str, str, str]]:
    """Write document ``index`` into ``out_dir`` (atomically); returns its expected rows."""
    text, expected = render_document(index, seed, region_count)
    name = document_name(index)
    write_atomically(out_dir / name, text.encode("utf-8"))
    return [(name, e.task_title, e.unit, e.role) for e in expected]


def expected_csv(rows: list[tuple[str, str, str, str]]) -> bytes:
    """The expected assignments as CSV bytes (header ``doc,task_title,unit,role``)."""
    buf = io.StringIO()
    out = csv.writer(buf, lineterminator="\n")
    out.writerow(EXPECTED_COLUMNS)
    out.writerows(rows)
    return buf.getvalue().encode("utf-8")


def make_corpus(docs: int, seed: int, out_dir: Path, region_count: int = 90) -> list[tuple[str, str, str, str]]:
    """Write ``docs`` documents into ``out_dir`` and the expected assignments beside it.

    The documents are written into a fresh folder that replaces ``out_dir`` at the end,
    so a reader never sees half a corpus (an existing ``out_dir`` is replaced).
    """
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}.", dir=out_dir.parent))
    rows: list[tuple[str, str, str, str]] = []
    try:
        for i in range(docs):
            text, expected = render_document(i, seed, region_count)
            name = document_name(i)
            (staging / name).write_bytes(text.encode("utf-8"))
            rows.extend((name, e.task_title, e.unit, e.role) for e in expected)
        if out_dir.exists():
            shutil.rmtree(out_dir)
        os.replace(staging, out_dir)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    write_atomically(expected_path(out_dir), expected_csv(rows))
    meta = {"docs": docs, "seed": seed, "regions": region_count, "generator_version": GENERATOR_VERSION,
            "assignments": len(rows)}
    write_atomically(out_dir.parent / "corpus.json", json.dumps(meta, indent=1).encode("utf-8"))
    return rows


def main(argv: list[str] | None = None) -> int:
    """Command line: ``--docs N --seed S --out DIR``."""
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--docs", type=int, required=True, help="number of documents")
    ap.add_argument("--seed", type=int, default=1, help="random seed (same seed, same bytes)")
    ap.add_argument("--out", type=Path, required=True, help="folder for the documents (expected CSV goes beside it)")
    ap.add_argument("--regions", type=int, default=90, help="counties and districts in the generated province")
    args = ap.parse_args(argv)
    if args.docs < 0:
        ap.error("--docs must be >= 0")
    t0 = time.perf_counter()
    rows = make_corpus(args.docs, args.seed, args.out, args.regions)
    size = sum((args.out / document_name(i)).stat().st_size for i in range(args.docs))
    print(f"{args.docs} documents ({size / max(1, args.docs) / 1024:.1f} KB each), {len(rows)} assignments, "
          f"{len(unit_pool(args.seed, args.regions))} unit names in the pool, "
          f"{time.perf_counter() - t0:.1f} s → {args.out}/, {expected_path(args.out)}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
