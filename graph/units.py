"""Unit lists, roles and cleaning: the ``units`` stage.

Reads the text that names who carries a task — ``(县农业农村局、县发改局)``,
``(牵头单位:X;配合单位:Y、Z)``, ``由X牵头,Y配合``, ``*区发改局、区住建局`` — and
returns :class:`graph.records.UnitMention` records with role, basis and span.
The shapes of unit names (suffixes, prefixes, labels) are data in
``ontology/unit_shapes.json``.
"""
from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from graph import regions
from graph.files import data_dir
from typing import NamedTuple

from graph.chars import CharMap
from graph.records import UnitMention

SHAPES_PATH = data_dir("ontology") / "unit_shapes.json"

# One-to-one character folding (offsets are preserved): full-width punctuation and the small form
# variants some editors print (``1﹒``, ``﹙一﹚``) → ASCII.
FOLD = CharMap({"（": "(", "）": ")", "：": ":", "；": ";", "，": ",", "＊": "*", "〈": "<", "〉": ">",
                      "【": "[", "】": "]", "〔": "[", "〕": "]", "\u00a0": " ", "\u3000": " ", "﹡": "*", "✱": "*",
                      "﹒": ".", "﹐": ",", "﹔": ";", "﹕": ":", "﹙": "(", "﹚": ")", "﹑": "、"})
SEPARATORS = "、,;/| \t\n"  # a pipe: the cell border of a table copied to text
MARKS = "*★☆▲◆"
OPEN, CLOSE = "([<", ")]>"


@dataclass(frozen=True)
class Shapes:
    """The unit-name shapes loaded from ``ontology/unit_shapes.json``."""

    strong: tuple[str, ...]
    not_unit: tuple[str, ...]
    action_starts: tuple[str, ...]       # verbs that open an action, never a unit's name (健全, 明确)
    duty_verbs: tuple[str, ...]          # verbs that open a unit's duties after its name (承担, 协调)
    group_suffixes: tuple[str, ...]      # endings of a working group's name (抢险救助组, 工作专班)
    weak: tuple[str, ...]
    collective_prefixes: tuple[str, ...]
    region_prefixes: tuple[str, ...]
    merged: tuple[tuple[str, str], ...]
    lead_words: tuple[str, ...]          # words that make a label a lead label (牵头, 主办)
    cooperating_words: tuple[str, ...]   # … a cooperating one (配合, 协作)
    assisting_words: tuple[str, ...]     # … a cooperating one whose partners organise the task with the lead (协办)
    lead_verbs: tuple[str, ...]
    cooperating_verbs: tuple[str, ...]
    responsible_verbs: tuple[str, ...]
    first_listed: re.Pattern
    responsible_lead: re.Pattern
    every_task_units: re.Pattern  # 以下均需X落实,不再列出: its group 1 is the list
    star_statements: tuple[str, ...]
    table_columns: tuple[tuple[str, tuple[str, ...]], ...]
    data_keys: dict[str, str]            # a script record's key → its column kind (owner → lead)
    allotment_columns: tuple[str, ...]   # header of the column of governments a table allots targets to
    label_re: re.Pattern                 # a role or person label and its colon; group 1 the label
    person_label_re: re.Pattern          # a label that names persons (牵头领导, 分管副市长)
    head_post_re: re.Pattern             # a unit's head's post ending its clause (主要负责人, 责任人; not 负责人事工作)
    role_noun_re: re.Pattern             # units named by their role alone (各指标牵头单位, 各责任单位)
    sector_department: re.Pattern        # a department named by its fields: 交通部门, 人口和计生部门, 自然资源主管部门
    sector_word: re.Pattern              # a field alone (公安, 城管), standing for its department in a list


#: a unit label that also asks for each unit's head (责任单位及责任人, 牵头单位及主要负责人)
HEADS_TOO = "(?:及|和|与)(?:主要)?(?:责任人|负责人)"


@lru_cache(maxsize=1)
def shapes() -> Shapes:
    """The shapes of unit names and lists, loaded once."""
    raw = json.loads(SHAPES_PATH.read_text(encoding="utf-8"))
    by_len = lambda xs: tuple(sorted(xs, key=lambda s: (-len(s), s)))  # noqa: E731
    grammar = raw["label_grammar"]
    alt = lambda words: "(?:" + "|".join(map(re.escape, by_len(words))) + ")"  # noqa: E731
    role_words = alt(grammar["lead_words"] + grammar["cooperating_words"] + grammar["responsible_words"])
    person = (alt(grammar["person_prefixes"]) + "{0,2}(?:[省市县区镇]|" + alt(grammar["qualifiers"]) + ")?"
              + alt(grammar["person_words"]))
    unit_label = (alt(grammar["qualifiers"]) + "?(?:" + role_words + "{1,2}" + alt(grammar["nouns"]) + "|"
                  + alt(grammar["lead_words"] + grammar["cooperating_words"]) + ")"
                  + "(?:" + HEADS_TOO + ")?")   # 责任单位及责任人: the units, each with its head's post
    label_re = re.compile("(" + person + "|" + unit_label + r")\s*:\s*")
    return Shapes(
        strong=by_len(raw["strong_suffixes"]),
        not_unit=tuple(raw["not_unit_endings"]),
        action_starts=tuple(raw["action_starts"]),
        duty_verbs=by_len(raw["duty_verbs"]["words"]),
        group_suffixes=tuple(raw["group_suffixes"]["words"]),
        weak=by_len(raw["weak_suffixes"]),
        collective_prefixes=tuple(raw["collective_prefixes"]),
        region_prefixes=by_len(raw["region_prefixes"]),
        merged=tuple(tuple(p) for p in raw["merged_institutions"]),
        lead_words=tuple(grammar["lead_words"]),
        cooperating_words=tuple(grammar["cooperating_words"]),
        assisting_words=tuple(grammar["assisting_words"]),
        lead_verbs=by_len(raw["lead_verbs"]),
        cooperating_verbs=by_len(raw["cooperating_verbs"]),
        responsible_verbs=by_len(raw["responsible_verbs"]),
        first_listed=re.compile(raw["first_listed_pattern"]),
        responsible_lead=re.compile(raw["responsible_lead_pattern"]),
        every_task_units=re.compile(raw["every_task_units_pattern"]),
        star_statements=tuple(FOLD(s) for s in raw["star_statements"]),
        table_columns=tuple((k, tuple(v)) for k, v in raw["table_columns"]),
        data_keys={k: v for k, v in raw["data_keys"].items() if not k.startswith("_")},
        allotment_columns=tuple(raw["allotment_columns"]),
        label_re=label_re,
        person_label_re=re.compile(person + "$"),
        head_post_re=re.compile("(?:主要)?" + alt(grammar["person_words"]) + r"(?=[\s、,;。:)\]]|$|为|担任|兼任|任|要)"),
        role_noun_re=re.compile(role_words + "{1,2}" + alt(grammar["nouns"]) + "$"),
        sector_department=re.compile(alt(raw["sector_words"]["words"]) + "(?:[和及与、]?"
                                     + alt(raw["sector_words"]["words"]) + r")*(?:\([^()]{1,6}\))?(?:主管|行政主管)?部门"),
        sector_word=re.compile(alt(raw["sector_words"]["words"])),
    )


def fold(text: str) -> str:
    """Full-width punctuation folded to ASCII, one character for one (offsets kept)."""
    return FOLD(text)


# ---------------------------------------------------------------- name shapes

COLLECTIVE_END = re.compile(r"(部门|单位|机构|政府|党委|党工委|党组织|组织|办事处|管委会|园区|开发区|板块|企业|国企|[镇街乡村区县市州旗局委办部会所站]|\))$")


def is_working_group(name: str) -> bool:
    """A working group set up for the plan (``抢险救助组``, ``宣传报道组``, ``工作专班``; ontology ``group_suffixes``)."""
    return name.endswith(shapes().group_suffixes) and unit_shape(name) == 2


def is_collective(name: str) -> bool:
    """``各街道乡镇``, ``各镇(街道)``, ``各县(市、区)人民政府``, ``区直各有关部门``: units of their own kind."""
    if len(name) < 3:
        return len(name) == 2 and name[0] == "各" and name[1] in "村镇乡区县市街地"
    if name.startswith(shapes().collective_prefixes) or re.search(r"各|有关|相关", name[:6]):
        return COLLECTIVE_END.search(name) is not None
    return False


@lru_cache(maxsize=1)
def _shape_patterns() -> tuple[re.Pattern, re.Pattern, re.Pattern]:
    """Compiled end-of-name patterns: not-unit endings, strong suffixes, weak suffixes."""
    s = shapes()
    ends = lambda words: re.compile("(?:" + "|".join(map(re.escape, words)) + ")$")  # noqa: E731
    return ends(s.not_unit), ends(s.strong), ends(s.weak)


ROLE_VERB_END = re.compile(r"(?:主办|协办|牵头|配合|负责|参与|协同)$")
# a unit's name holds no sentence mark, no count, no date and no 负责 after its start: ``工作总结于10月16日前报市优化办``
# (r45 岳阳) and ``并于4月20日前报市政府督查室`` (t44 包头) say when to report to an office, ``有关部门负责具体解释与组织``
# (b63 上海, g34 嘉定) who interprets a plan; they name none (``负责化工园区管理的地方政府`` does)
BAD_NAME = re.compile(r"[。:;,!?]|^\d|\d+(?:\.\d+)?[所个家座条项处名人户万亿%]|\d{1,2}月|.负责")
TRAILING_BRACKET = re.compile(r"\([^()]*\)$")


# a syllable of pinyin with its tone mark, bracketed after a character: 區(qū)
PINYIN_GLOSS = re.compile(r"\([a-z]*[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ][a-zü]*\)")


@lru_cache(maxsize=65536)

def unit_shape(name: str) -> int:
    """How much ``name`` reads as a unit name: 2 strong, 1 weak, 0 not a unit.

    Pinyin glosses are read past: mirror sites that print 繁體 gloss characters with their pinyin
    (``自治區(qū)農(nóng)牧廳(鄉(xiāng)村振興局)``, ``縣住房和城鄉(xiāng)建設局``; q01 内蒙古, q04 赵县)."""
    n = PINYIN_GLOSS.sub("", name.strip()) if "(" in name else name.strip()
    if len(n) < 2 or len(n) > 40 or BAD_NAME.search(n) or n.startswith(shapes().action_starts):
        return 0   # 健全完善安委会牵头…的工作机制, 明确专班负责…: an action, not who carries it
    if len(n) == 2 and is_collective(n):
        return 2
    not_unit, strong, weak = _shape_patterns()
    if is_collective(n) or is_division(n):
        return 2
    bad = not_unit.search(n)
    if bad and not ((good := strong.search(n)) and good.start() < bad.start()):
        return 0  # 兴办 ends no unit, 乡村振兴办 does: the longer ending decides
    core = TRAILING_BRACKET.sub("", n) or n  # 县开发区(惠民街道) reads by its main part
    if (m := ROLE_VERB_END.search(core)) and unit_shape(core[: m.start()]) == 2:
        return 0  # 省财政厅主办, 地税局协办: a unit and its role verb (区政协办 stays a unit)
    if _suffix_after(core, strong, 1) or shapes().sector_department.fullmatch(core):
        return 2   # 交通部门: a department named by its field (r44 汕头, s51 内蒙古, l53, r43 博白)
    if shapes().sector_word.fullmatch(core):
        return 1   # 公安 in 公安、消防、安监部门: a field standing for its department in a list
    if _suffix_after(core, weak, 2) or (len(core) >= 3 and strong.fullmatch(core)):
        return 1  # a bare 办公室 or 研究室 is an office of the plan's own department (t11 芜湖)
    return 0


DIVISION_END = ("区", "县", "市", "旗", "州", "盟")


def is_division(name: str) -> bool:
    """A county-, city- or province-level division named in full as the unit that carries a task
    (its government): ``岳麓区``, ``望城区``, ``铅山县``, by the national gazetteer.

    Family: lists that name districts and counties among departments (v01 长沙 ``高新区、岳麓区、
    望城区``; ``各县区`` lists printed name by name), where the name's own ending (城区, 新区) may
    read as a place, not a unit."""
    return len(name) >= 3 and name.endswith(DIVISION_END) and name in regions.entries()  # 城区 alone is a place


def _suffix_after(name: str, pattern: re.Pattern, min_start: int) -> bool:
    """True when one of the suffixes of ``pattern`` ends ``name`` leaving ``min_start`` characters before it."""
    m = pattern.search(name)
    while m and m.start() < min_start:
        m = pattern.search(name, m.start() + 1)
    return m is not None


@lru_cache(maxsize=1)
def _final_chars() -> frozenset[str]:
    """Characters a unit list can end with (last characters of suffixes, brackets, markers)."""
    s = shapes()
    return frozenset(w[-1] for w in s.strong + s.weak) | frozenset("镇街乡村区县市州旗局委办部会所站位门构府)]〕>*★ 等") \
        | frozenset("心司团社联")


@lru_cache(maxsize=16384)
def is_unit_list(text: str) -> bool:
    """True when every item of the list reads as a unit name and one reads strongly."""
    t = text.rstrip(" ,;、\n\t")
    if t.endswith("。") and re.search(r"[、,;]", t):
        t = t[:-1]  # a list of units may end with a full stop (区政府有关部门,各乡镇人民政府、街道办事处。)
    if not t or len(t) > 400 or "。" in t or t[-1] not in _final_chars():
        return False
    parts = [p for p in split_raw(fold(text), 0) if p.name]
    if not parts:
        return False
    grades = [unit_shape(p.name) for p in parts]
    if min(grades) >= 1 and t.endswith("等部门") and all(shapes().sector_word.fullmatch(p.name) for p in parts):
        return True   # 教育、卫生、城管、工商等部门: fields closed by the departments they name
    return min(grades) >= 1 and max(grades) == 2


PERSON_AFTER = re.compile(r"\s+[\u4e00-\u9fa5]{2,3}$")


def without_head_posts(value: str) -> str:
    """A list under a label that asks for the units' heads too (``责任单位及责任人:盘龙区政府主要领导``, f72 昆明
    2009; the header 牵头单位及主要负责人 of e03 肇庆) with the post after each name blanked (offsets kept)."""
    return shapes().head_post_re.sub(lambda m: " " * len(m.group()), value)


def without_person(text: str) -> str:
    """A unit cell that adds its head's name after the units (``市民政局 伍泽国``, under a header
    such as 牵头单位及主要负责人): the units alone; other text as it is.

    Family: progress tables that name the lead unit and its head in one cell (e03 肇庆)."""
    m = PERSON_AFTER.search(text)
    if m and unit_shape(m.group().strip()) == 0 and is_unit_list(text[:m.start()]):
        return text[:m.start()]
    return text


# ---------------------------------------------------------------- splitting

class RawUnit(NamedTuple):
    """A unit name cut from a list, before roles are given."""

    name: str
    alias: str
    start: int
    end: int
    mark: str        # the marker printed before the name (``*``, ``★``), or ""
    lead_note: bool  # ``县发改局(牵头)``


NOTE_RE = re.compile(r"\(([^()]*(?:牵头|下同|为主|排名|列第|首位)[^()]*)\)")
LEAD_NOTES = ("牵头", "牵头单位", "牵头部门")


NOTE_TAIL = re.compile(r"[。;,][^。;,]*(?:为牵头|为主责|下同)"
                       r"|[。;][^。;]*(?:牵头(?:部门|单位)的|列第|排名第|排在|首位|不逐一|不一一)"
                       r"|[。;,](?:以下|下列)[^。;]*不再")


def list_before_note(text: str) -> str:
    """A bracketed unit list without the convention stated after it in the same bracket:
    ``(市发改委、市农委。排名第一的为牵头单位,下同)`` → ``市发改委、市农委``; a sentence that states
    the convention ends the list, whatever it names (``省科技厅牵头。明确牵头部门的,其他有关部门配合,
    不逐一列出,下同``, b24 湖南 → ``省科技厅牵头``); so does a note on the items below (``,以下各任务均需各县市
    人民政府、州直相关行业部门落实,不再一一列出``, a82 临夏; ``。以下均需城市人民政府落实,不再列出``, a72 全国)."""
    for m in NOTE_TAIL.finditer(text):
        if text.count("(", 0, m.start()) == text.count(")", 0, m.start()):
            return text[: m.start()]   # a note inside a name's bracket is blanked when the list is split
    return text


def strip_notes(text: str) -> str:
    """Blank out bracketed notes such as ``(标*的为牵头单位,下同)``, keeping length and ``(牵头)``."""
    if "(" not in text:
        return text
    return NOTE_RE.sub(lambda m: m.group(0) if m.group(1) in LEAD_NOTES else " " * len(m.group(0)), text)


TRAILING_MARK = re.compile(r"[*★](?=\s*(?:[、,;/)\n]|$))")
ITEM_RUN = re.compile("[^" + re.escape(SEPARATORS) + "]+")
SPECIAL = re.compile("[" + re.escape(MARKS + OPEN + CLOSE) + "]")
STRUCTURAL = re.compile("[" + re.escape(MARKS + OPEN + CLOSE + SEPARATORS) + "]")


def _tokens(text: str) -> list[tuple[int, int]]:
    """Spans of list items: split on separators outside brackets, and at lead markers —
    before ``*X`` or, when the list writes its marks after the names (``X*、Y``), after them."""
    if SPECIAL.search(text) is None:  # no brackets, no marks: the runs between separators
        return [m.span() for m in ITEM_RUN.finditer(text)]
    trailing = TRAILING_MARK.search(text) is not None
    spans, depth, start = [], 0, None
    plain_from = 0  # characters between the structural ones only start an item
    for m in STRUCTURAL.finditer(text):
        i, ch = m.start(), m.group()
        if start is None and i > plain_from:
            start = plain_from
        plain_from = i + 1
        if trailing and ch in MARKS and depth == 0 and start is not None:
            spans.append((start, i + 1))
            start = None
            continue
        if ch in OPEN:
            depth += 1
        elif ch in CLOSE:
            depth = max(0, depth - 1)
        if depth == 0 and ch in SEPARATORS:
            if start is not None:
                spans.append((start, i))
                start = None
            continue
        if ch in MARKS and depth == 0 and start is not None and i > start and text[i - 1] not in MARKS:
            spans.append((start, i))
            start = i
            continue
        if start is None:
            start = i
    if start is None and len(text) > plain_from:
        start = plain_from
    if start is not None:
        spans.append((start, len(text)))
    return spans


def _join_spaced(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Join items that a stray space cut out of one name: ``市 财政局``, ``伏羲 山管委 会``.

    Family: pages whose names carry spaces from justified print. Two neighbours separated by
    spaces alone are one name when one of them is no unit and together they are one.
    """
    out: list[tuple[int, int]] = []
    for a, b in spans:
        gap = text[out[-1][1]:a] if out else ""
        if gap and not gap.strip(" \u3000\u00a0"):
            left, right = text[out[-1][0]:out[-1][1]], text[a:b]
            if (unit_shape(left) == 0 or unit_shape(right) == 0) and unit_shape(SPACES.sub("", left + right)) == 2:
                out[-1] = (out[-1][0], b)
                continue
        out.append((a, b))
    return out


FRAGMENT_MAX = 4  # characters of each line of a name broken over the lines of a narrow cell


def _join_broken(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Join the lines of a name broken over a narrow cell (``市政`` ``府办`` ``公厅``, ``市`` ``监``
    ``察`` ``局``): from a short line that is no unit, the longest run of short lines, one per line,
    that reads as a unit.

    Family: tables copied from web pages whose merged lead cell prints a few characters per line
    (v01 长沙 ``长沙`` ``先导`` ``区管委会``; the same layout in unruled PDF columns).
    """
    out: list[tuple[int, int]] = []
    k = 0
    while k < len(spans):
        a, b = spans[k]
        best = k
        if b - a <= FRAGMENT_MAX and unit_shape(text[a:b]) == 0:
            j = k
            while j + 1 < len(spans) and spans[j + 1][1] - spans[j + 1][0] <= FRAGMENT_MAX \
                    and text[spans[j][1]:spans[j + 1][0]].strip(" ") in ("\n", "\n\n"):
                j += 1
                if unit_shape(SPACES.sub("", text[a:spans[j][1]])) == 2:
                    best = j
        if best == k and wrapped_name(text, spans, k):
            best = k + 1
        out.append((a, spans[best][1]))
        k = best + 1
    return out


WRAPPED_LINE_MAX = 20  # characters of the first line of a name wrapped once in a cell


def wrapped_name(text: str, spans: list[tuple[int, int]], k: int) -> bool:
    """Whether item ``k`` is the first line of a name that a cell wrapped once, the next item printed on the very
    next line: no unit alone, one with it (``上海猗翔企业管理`` / ``有限公司``).

    Family: flattened project tables whose builder column names companies in a narrow cell (e67 嘉定 2026
    重大工程 ``上海开艺建设工程`` / ``有限公司``, a48 嘉定 2025)."""
    if k + 1 >= len(spans):
        return False
    (a, b), (c, d) = spans[k], spans[k + 1]
    return b - a <= WRAPPED_LINE_MAX and text[b:c] == "\n" and not any(ch in MARKS for ch in text[a:b]) \
        and unit_shape(text[a:b]) == 0 and unit_shape(text[a:b] + text[c:d]) == 2


RUN_TOGETHER_HINT = re.compile("[县区市省旗各]|中共|国网|中国|政府|办事处|管委会|公司")
WORDS_ACROSS_CUT = frozenset({"社区", "园区", "景区", "城区", "街区", "小区", "辖区", "片区", "市区", "郊区", "山区",
                              "湖区", "县市", "城市", "都市", "监区", "厂区", "港区", "新区", "矿区"})
OWN_MEMBERS = re.compile(r"各(?:成员单位|成员|有关|相关|部门|单位|处室|科室|直属|工作部门|组成部门|职能部门)")
COMPANY = re.compile(r"(?:有限公司|公司|集团)等?$")
BRANCH = re.compile(r"分公司|分行|支行|分局|分中心")
PLACE_START = re.compile(r"[\u4e00-\u9fa5]{2,4}?(?:区|县|市|镇|乡|街道|旗)(?:人民政府|政府|办事处|管委会)")


def _split_run_together(name: str) -> list[tuple[int, int]]:
    """Cut names written without a separator (``区发改局区住建局``) by the shape of unit names."""
    s = shapes()
    if name.startswith(s.collective_prefixes) or len(name) < 6 or not RUN_TOGETHER_HINT.search(name, 2):
        return [(0, len(name))]
    cuts = []
    for i in range(2, len(name) - 1):
        right = name[i:]
        after_government = (PLACE_START.match(right) and name[:i].endswith(("政府", "办事处", "管委会"))) \
            or (COMPANY.search(right) and not BRANCH.search(right) and not right.startswith(("有限", "股份", "集团"))
                and name[:i].endswith(("局", "委", "办", "公司", "中心")) and len(right) >= 6)
        if not right.startswith(s.region_prefixes) and not after_government:
            continue
        left = name[cuts[-1] if cuts else 0:i]
        if unit_shape(left) != 2 or unit_shape(clean_name(right)[0]) == 0 or OWN_MEMBERS.match(right):
            continue
        if any(left.endswith(a) and right[1:].startswith(b) or left.endswith(a) and right.startswith(b)
               for a, b in s.merged):
            continue
        if right.startswith(("县委", "区委", "市委")) and left.endswith(("县", "区", "市")):
            continue
        if left[-1] in "市县区" and right.startswith(left[-1]):
            continue  # 银川市市场监督管理局 (n91 银川), 广州市市场监督管理局: a place's own department, one name
        if left[-1] + right[0] in WORDS_ACROSS_CUT:
            continue  # 社区, 园区, 城市: one word, not a new name
        if "各" in left:
            continue  # 沿海各设区|市人民政府: a collective's 各 runs on to the end of the name
        cuts.append(i)
    bounds = [0, *cuts, len(name)]
    return [(bounds[k], bounds[k + 1]) for k in range(len(bounds) - 1)]


LEAD_NOTE = re.compile(r"\((牵头|牵头单位|牵头部门)\)$")
ALIAS = re.compile(r"<([^<>]+)>")
# 县委统战部(县民族宗教事务局), 自治區(qū)農(nóng)牧廳(鄉(xiāng)村振興局): a department named in brackets after
# another is its second name (pinyin glosses and all), an office's too (b42 台山 ``广电旅游和公共服务股(行政审批服务股)``,
# y51 宣州 ``区划地名科(基层政权建设和社区治理科)``), also in the 〔〕 a bracket inside a bracket is printed with
# (b25 许昌 ``(…,各县〔市、区〕政府〔管委会〕按职责分工负责)``, folded to [ ]); 县开发区(惠民街道) and 各镇(街道) keep their brackets
DEPARTMENT_ALIAS = re.compile(r"(?<=[局委办部室心府厅处科股])\s*[(\[]((?=[^()\[\]](?:[^()]|\([a-z]))(?:[^()\[\]]|" + PINYIN_GLOSS.pattern
                              + r"){0,20}(?:局|委|办|办公室|部|中心|管委会|科|股))[)\]]$")
SPACES = re.compile(r"\s+")


CONJUNCTION = re.compile("[和及与]")
BARE_MEMBERS = ("单位", "部门", "机构")  # 国务院相关部门和单位: one collective
BARE_BODY = re.compile(r"(?:人民政府|政府|党委|党工委|办事处|管委会|人大|政协|人民政府办公室)")


@lru_cache(maxsize=65536)
def _split_conjoined(body: str) -> tuple[tuple[int, int], ...]:
    """Cut ``省直有关部门和各市州人民政府`` at 和/及/与 when both sides are unit names,
    then names run together; ``各镇党委和政府`` and ``区农业农村和水利局`` stay whole."""
    spans, start = [], 0
    for m in CONJUNCTION.finditer(body):
        left, right = body[start:m.start()], body[m.end():]
        if (len(right) >= 3 or is_collective(right)) and unit_shape(clean_name(left)[0]) == 2 and unit_shape(right) == 2 \
                and not BARE_BODY.match(right) and not right.startswith(BARE_MEMBERS):
            spans.append((start, m.start()))
            start = m.end()
    spans.append((start, len(body)))
    return tuple((a + x, a + y) for a, b in spans for x, y in _split_run_together(body[a:b]))


@lru_cache(maxsize=65536)
def clean_name(raw: str) -> tuple[str, str, str, bool]:
    """Clean one printed name: returns ``(name, alias, mark, lead_note)``."""
    n = raw.strip()
    mark = ""
    while n and n[0] in MARKS + "·•":
        mark = mark or (n[0] if n[0] in MARKS else "")
        n = n[1:].strip()
    lead_note = False
    m = LEAD_NOTE.search(n)
    if m:
        lead_note, n = True, n[: m.start()].strip()
    alias = ""
    m = ALIAS.search(n) or DEPARTMENT_ALIAS.search(n)
    if m and m.start() > 1:
        alias, n = m.group(1).strip(), (n[: m.start()] + n[m.end():]).strip()
    n = SPACES.sub("", n).rstrip(MARKS).strip(" .。")
    n = UNCLOSED_TAIL.sub("", n) if n.count("(") > n.count(")") else n   # 各镇乡( cut by a page's end (r21 诸暨)
    if (m := ETC_COLLECTIVE.search(n)) and m.start() > 1:
        n = n[: m.start()]  # 商务局等有关部门, 住房城乡建设部等国务院相关部门: the named unit
    for tail in ("主管", "等"):
        if n.endswith(tail) and len(n) > len(tail) + 1:
            n = n[: -len(tail)]
    return n, alias, mark, lead_note


UNCLOSED_TAIL = re.compile(r"\([^()]{0,3}$")  # a name cut by a page's end inside its bracket: 各镇乡(
# "X等有关部门", "X等国务院相关部门和单位", "X等部门单位参与" (j41 健康中国行动), "X等公共企事业单位行业主管部门" (u23 奉贤): the unnamed
# others after 等 add no unit of their own
ETC_COLLECTIVE = re.compile(r"等(?:[\u4e00-\u9fa5]{0,4}?(?:有关|相关)|[\u4e00-\u9fa5]{0,12}?(?:单位|企业|机构)[\u4e00-\u9fa5]{0,6}?)?"
                            r"(?:部门|单位)(?:和?(?:单位|部门))?$")
# "X等部门、单位" (x01 北仑): the pair of nouns after 等 is one phrase, not a list of two names
ETC_PAIR = re.compile(r"等(?:[\u4e00-\u9fa5]{0,4}?(?:有关|相关))?(?:部门、单位|单位、部门)")
LEVEL_WORD = r"(?:县级市|县市区|县区|市县|市州|特区|开发区|功能板块|功能区|板块|园区|乡镇|街道|社区|[区县市镇乡村旗])"
# a level word alone, perhaps with its alternative and its body: 镇(街道), 县(市)政府, 区人民政府
GENERIC_LEVEL = re.compile(rf"^{LEVEL_WORD}(?:[(\[]{LEVEL_WORD}(?:、{LEVEL_WORD})*[)\]])?"   # 县(区), 县〔区〕 folded
                           r"(?:人民政府|政府|党委|党委和政府|办事处|党工委)?$")

# a level word with its alternatives and a department: 县(市、区)教育局 after 各市 (r22 安徽省教育厅
# ``各市、县(市、区)教育局``: the bureaus of every city and county, one collective)
LEVEL_DEPARTMENT = re.compile(rf"^{LEVEL_WORD}[(\[]{LEVEL_WORD}(?:、{LEVEL_WORD})+[)\]][\u4e00-\u9fa5]{{1,8}}(?:局|委|厅|办)$")


def opens_collective(name: str) -> bool:
    """``各…``, or 相关 / 有关 before a level word (``相关市``): a name whose collective the next list
    item may continue (``相关市、县政府`` is one collective); a collective of departments does not
    (``各有关部门,乡镇人民政府`` names two, k93 西平 2020)."""
    if name.endswith(("部门", "单位", "机构")):
        return False
    return name.startswith("各") or (name.startswith(("相关", "有关")) and GENERIC_LEVEL.match(name[2:]) is not None)


def split_raw(text: str, offset: int) -> list[RawUnit]:
    """Cut a folded unit-list text into cleaned names with their spans."""
    if not offset:
        return list(_split_raw_cached(text))
    return [RawUnit(r.name, r.alias, r.start + offset, r.end + offset, r.mark, r.lead_note) for r in _split_raw_cached(text)]


@lru_cache(maxsize=16384)
def _split_raw_cached(text: str) -> tuple[RawUnit, ...]:
    """Names of a unit list with spans relative to the list (lists repeat across a corpus)."""
    out: list[RawUnit] = []
    text = ETC_PAIR.sub(lambda m: m.group(0).replace("、", "和"), strip_notes(text)).rstrip("。")  # 等部门、单位: one phrase
    for a, b in _join_broken(text, _join_spaced(text, _tokens(text))):
        items = _item_units(text[a:b])
        if out and opens_collective(out[-1].name) and items \
                and (GENERIC_LEVEL.match(items[0].name) or LEVEL_DEPARTMENT.match(items[0].name)):
            # 各街道、镇 / 各县、特区、区人民政府 / 各区、县(市)政府及开发区管委会 / 各县区、功能板块
            # (h01 连云港), 相关市、县政府 (f13 黑龙江): a level word alone continues the collective name
            # that 各 (or 相关, 有关 before a level word) opened
            last, end = out[-1], a + items[0].end
            name, alias, _, _ = clean_name(re.sub(r"\s+", "", text[last.start:end]))  # 各县、区人民政府(管委会)
            out[-1] = last._replace(name=name, alias=alias or items[0].alias, end=end)
            items = items[1:]
        for r in items:
            out.append(RawUnit(r.name, r.alias, r.start + a, r.end + a, r.mark, r.lead_note))
    return tuple(out)


def _item_body(token: str) -> tuple[str, int, str]:
    """A list item without its marks and spaces: (body, characters cut before it, the mark)."""
    body = token.lstrip(MARKS + " ")
    lead_pad = len(token) - len(body)
    prefix_mark = next((c for c in token[:lead_pad] if c in MARKS), "") if lead_pad else ""
    stripped = body.rstrip(MARKS + " ")
    if not prefix_mark and len(stripped) < len(body):
        prefix_mark = next((c for c in body[len(stripped):] if c in MARKS), "")
    return stripped, lead_pad, prefix_mark


@lru_cache(maxsize=65536)
def _item_units(token: str) -> tuple[RawUnit, ...]:
    """The names of one list item, spans relative to the item (items repeat across a corpus)."""
    body, lead_pad, prefix_mark = _item_body(token)
    out = []
    for x, y in (_split_conjoined(body) if body else ()):
        piece = body[x:y]
        name, alias, mark, lead_note = clean_name(piece)
        if name:
            out.append(RawUnit(name, alias, lead_pad + x, lead_pad + x + len(piece.rstrip()),
                               mark or (prefix_mark if x == 0 else ""), lead_note))
    return tuple(out)


# ---------------------------------------------------------------- roles

#: A name in a table's unit column: 2-30 characters, Chinese first, no sentence punctuation or figures.
COLUMN_NAME = re.compile(r"[\u4e00-\u9fff][^。;:!?\d%]{1,29}")

def mentions_from_list(text: str, offset: int, role: str = "responsible", basis: str = "listed",
                       first_is_lead: bool = False, lead_marks: str = "*", column: bool = False) -> list[UnitMention]:
    """Units of one printed list, with roles: marked names (``*``) lead, else ``role``/``basis``.

    ``first_is_lead`` applies a document's statement that the first-listed unit leads;
    ``lead_marks`` are the markers that the document uses for leads (``*`` always).
    ``column``: the list is a cell of a table's unit column, which says its items are units, so
    a short name without the shape of one (``高新园(邹区镇)``, ``晋陵公司``) is kept too.
    """
    raws = [r for r in _split_raw_cached(fold(text)) if unit_shape(r.name) or column and COLUMN_NAME.fullmatch(r.name)]
    if not raws:
        return []
    marked = any(r.mark and r.mark in lead_marks for r in raws)
    noted = any(r.lead_note for r in raws)
    out = []
    for i, r in enumerate(raws):
        if marked and role == "responsible":
            rl, bs = ("lead" if r.mark and r.mark in lead_marks else "cooperating"), "star"
        elif noted and role == "responsible":
            rl, bs = ("lead" if r.lead_note else "cooperating"), "text"
        elif first_is_lead and role == "responsible":
            rl, bs = ("lead" if i == 0 else "cooperating"), "listed"
        else:
            rl, bs = role, basis
        out.append(UnitMention(r.name, rl, bs, r.start + offset, r.end + offset, r.alias))  # name, role, basis, span, alias
    return out


def role_of_label(label: str) -> str:
    """The role a label gives: lead (牵头单位, 牵头责任单位), cooperating (配合单位, 主要协作单位),
    responsible (责任单位, 主要责任单位), or ``ignore`` for labels naming persons (牵头领导, 责任人).

    Family: one label per line or in brackets, in the many wordings of task-division plans.
    """
    s = shapes()
    if s.person_label_re.match(label):
        return "ignore"
    if any(w in label for w in s.lead_words):
        return "lead"
    if any(w in label for w in s.cooperating_words):
        return "cooperating"
    return "responsible"


FIRST_RANK = re.compile(r"主要|第一")   # a unit column's or label's name that ranks it first (主要责任单位, 第一责任单位)


def responsible_leads_beside(responsible: str, cooperating: list[str]) -> bool:
    """Whether a 责任单位 column or label leads beside the cooperating ones named ``cooperating``: when its
    name ranks it first (主要责任单位 | 协同配合单位, i07 and d22 谯城, g72 谯城 2023) or they assist it in
    organising the task (责任单位 | 协办单位, g64 武汉 2007, x05 淮安). Beside a 配合单位 it stays responsible
    (a25 渝中, v11 临安, p06 河南, q51 南陵, k61 大庆 …: eleven documents of realdev so, none otherwise)."""
    return FIRST_RANK.match(responsible.replace(" ", "")) is not None \
        or any(word in c for c in cooperating for word in shapes().assisting_words)


def mentions_from_labels(text: str, offset: int, first_is_lead: bool = False,
                         lead_marks: str = "*", folded: str | None = None) -> list[UnitMention]:
    """Units of labelled lists: ``牵头单位:X;配合单位:Y、Z`` or ``责任单位:A、B`` (``folded``: the
    same text folded, if at hand)."""
    folded = fold(text) if folded is None else folded
    labels = list(shapes().label_re.finditer(folded))
    label_roles = {role_of_label(m.group(1)) for m in labels}
    has_lead = "lead" in label_roles
    out: list[UnitMention] = []
    # a 责任单位 list beside a 牵头单位 that opens with the lead (t42 辽宁 2012 ``牵头单位:省发展改革委。
    # 责任单位:省发展改革委、省经济和信息化委…``) names it once, as the lead (so the annotators read it, and
    # b03 新建's a unit that is both 牵头单位 and 业主单位 of a row): the leads of the last lead label
    leads: set[str] = set()
    for k, m in enumerate(labels):
        end = labels[k + 1].start() if k + 1 < len(labels) else len(folded)
        value = folded[m.end():end]
        value = list_before_note(value[: list_end(value)])
        role = role_of_label(m.group(1))
        if role == "ignore":
            continue
        prose = labelled_prose(value, offset + m.end()) if role == "responsible" else []
        if prose:
            out.extend(prose)
            continue
        if role == "responsible" and has_lead:
            role = "cooperating"  # 牵头单位:X;责任单位:Y — the others responsible with the lead
        elif role == "responsible" and "cooperating" in label_roles and responsible_leads_beside(
                m.group(1), [c.group(1) for c in labels if role_of_label(c.group(1)) == "cooperating"]):
            role = "lead"  # 主要责任单位:X 协同配合单位:Y, 责任单位:X 协办单位:Y — X carries the task
        basis = "text" if role != "responsible" else "listed"
        if re.search(HEADS_TOO + "$", m.group(1)):
            value = without_head_posts(value)
        value = without_closing_verb(value)
        listed = mentions_from_list(value, offset + m.end(), role, basis, first_is_lead, lead_marks)
        if role == "lead":
            leads = {u.name for u in listed}
        elif role == "cooperating":
            listed = [u for u in listed if u.name not in leads]
        out.extend(listed)
    return out


def without_closing_verb(value: str) -> str:
    """A label's list without the verb that closes it (``责任单位:A、B,C按职责分工分别负责``: A, B
    and C, k93 西平 2020; ``责任单位:A,B、C按职责分工负责``, a82 临夏): the last name is one of the list.
    Family: labelled lists that end in 按职责分工负责 (or 负责, 落实), in any province's plans."""
    verbs = list(role_verbs(value))
    last = verbs[-1] if verbs else None
    if last is None or value[last.end():].strip("。,;、 ") or _verb_roles()[last.group(1)] != "responsible":
        return value
    return value[:last.start()].rstrip("等 ")


def labelled_prose(value: str, offset: int, cut: bool = False) -> list[UnitMention]:
    """The units of a labelled sentence of role verbs (``责任单位:X、Y牵头,Z配合``), or [] when the
    sentence names no lead by a verb (a plain list, ``X(牵头),Y``, a stated convention).

    Family: task lists with one 责任单位 label per task whose value is a sentence of role verbs
    (provincial 工作要点 in Fujian, city 任务分解 tables): the verbs, not the label, give the roles.
    A list after the last verb with no verb of its own (``X牵头,Y、Z``, or the text cut there)
    cooperates with the lead. ``cut``: the text stops mid-list (a page excerpt's end), so a last
    fragment that is no name (``X牵头,Y、省``) or the start of a role phrase (``…Z等按职责分``) is
    dropped.
    """
    if LEAD_NOTE_INSIDE.search(value):
        return []  # X(牵头),Y、Z: a marked list, read as a list
    mentions = mentions_from_prose(value, offset, folded=value)
    if not any(m.role == "lead" for m in mentions):
        return []
    verbs = list(role_verbs(value))
    if not verbs:
        return mentions  # 由X会同Y: read by the convened lists, no verb to end a list after
    last = verbs[-1]
    rest = value[last.end():]
    tail_start = last.end() + len(rest) - len(rest.lstrip("、,和及与 "))
    if CONVENE.match(value, tail_start):
        tail_start += 2   # X牵头,会同Y、Z: the partners the convened list names
    tail = value[tail_start:].rstrip("、,。 ")
    if cut:
        tail = CUT_ROLE_PHRASE.sub("", tail)  # …国家统计局湖南调查总队等按职责分|: the phrase the excerpt cut
    if cut and tail and not is_unit_list(tail) and "、" in tail:
        tail = tail[:tail.rfind("、")]  # 省工业和信息化厅、省|: the name the excerpt cut
    if tail and is_unit_list(tail):
        mentions += mentions_from_list(tail, offset + tail_start, "cooperating", "text")
    return mentions


LEAD_NOTE_INSIDE = re.compile(r"\((?:牵头|牵头单位|牵头部门)\)")
#: the start of ``等按职责分工负责`` where a page excerpt cuts it (e24 湖南 2018; s10 湖南 2019 cuts a name instead)
CUT_ROLE_PHRASE = re.compile(r"等?按(?:照)?(?:职(?:[责能](?:分(?:工(?:负)?)?)?)?)?$|等$")


LIST_END_CHARS = re.compile(r"[()\[\]\n。;]")


def list_end(value: str) -> int:
    """Where a labelled unit list ends: a closing bracket it did not open, a line end or a full stop."""
    depth = 0
    for m in LIST_END_CHARS.finditer(value):  # the other characters change nothing
        i, ch = m.start(), m.group()
        if ch in "([":
            depth += 1
        elif ch in ")]":
            if depth == 0:
                return i
            depth -= 1
        elif ch == "\n" and value[:i].rstrip(" ").endswith(("、", ",")):
            continue  # 配合单位:A、B、\nC — the list goes on on the next line
        elif ch in "\n。" or (ch == ";" and depth == 0 and i + 1 < len(value) and value[i + 1:i + 2] == "\n"):
            return i
    return len(value)


CLAUSE_BREAK = re.compile(r"[。;!?\n:]")


MODIFIER_WORDS = ("按职责分工", "按照职责分工", "按职责", "按照职责", "按职能分工", "按照职能分工", "按职能",
                  "分工", "分别", "共同", "具体", "要", "为", "作为", "负责",
                  "还将", "将", "组织")  # X、Y将负责…: a news report of the division (h22 国务院办公厅 甘肃); 按职能分工负责 (h51 福建 2011);
# 分工负责 alone (f61 安康 2018 ``(市发改委牵头,各县区政府、市政府有关工作部门分工负责)``); 组织落实 / 按职责组织配合
# (d37 上海 2023 ``(市公安局牵头负责,市市场监管局、各区政府组织落实)``)
MODIFIERS = "(?:" + "|".join(map(re.escape, MODIFIER_WORDS)) + ")*"
MODIFIER_CHARS = frozenset("".join(MODIFIER_WORDS))
CONVENE = re.compile(r"会同")
CONVENE_PREFIX = re.compile(r"(?:负责|牵头)$")
PARTNERS_END = re.compile(r"[。;,!?\n\]]|$")  # the partners named after 会同 end with their clause


CLAUSE_END_VERBS = ("落实",)
CARRY_OUT = "负责落实"   # X牵头,Y负责落实: Y carries the task out (a bare 落实 after a lead stays a partner's)
CLAUSE_END = re.compile(r"\s*(?:[),;。\n]|$)")
ACTION_VERB = re.compile(r"组织|开展|负责|实施|推进|落实|建立|制定|做好|加强|完善|研究|统筹|牵头|配合|协调|共同|按照|依法|做|抓")
DESCRIPTIVE = re.compile(r"[以把将对]")  # 以X为牵头医院: X described, not assigned


def leading_units(text: str, offset: int) -> list[RawUnit]:
    """The unit names at the start of ``text`` (``区建设局、区经信局组织实施`` → two units)."""
    out = []
    for r in split_raw(text, offset):
        if unit_shape(r.name):
            out.append(r)
            continue
        verb = ACTION_VERB.search(r.name, 2)
        cut = verb.start() if verb and unit_shape(r.name[:verb.start()]) == 2 else \
            next((i for i in range(3, len(r.name)) if name_ends_at(r.name, i)), 0)
        if cut:
            out.append(r._replace(name=r.name[:cut], end=r.start + cut))
        break
    return out


def name_ends_at(words: str, i: int) -> bool:
    """A unit name can end after ``words[:i]``: a strong name that does not cut the word 部门
    (``会同专区监管部门进行评估`` names 专区监管部门, not 专区监管部; z21 北京), or a name of 部门."""
    head = words[:i]
    if head.endswith("部") and words[i:i + 1] == "门":
        return False
    return unit_shape(head) == 2 or (head.endswith("部门") and unit_shape(head) == 1)


def clause_start(text: str, end: int) -> int:
    """Where the clause ending at ``end`` starts: after a delimiter or an unclosed bracket.

    Brackets closed within the clause belong to names (``区政府办公室(区大数据发展局)``, ``各市、县〔区〕人民政府``
    folded to ``各市、县[区]人民政府``, j61 江西 2019).
    """
    cut = max([text.rfind(c, 0, end) for c in CLAUSE_DELIMITERS])
    if "(" not in text[cut + 1:end] and ")" not in text[cut + 1:end] and "]" not in text[cut + 1:end]:
        return cut + 1  # no bracket in the clause: the last delimiter starts it
    depth = 0
    for i in range(end - 1, -1, -1):
        ch = text[i]
        if ch in ")]":
            depth += 1
        elif ch in "([":
            if depth == 0:
                return i + 1
            depth -= 1
        elif depth == 0 and ch in CLAUSE_DELIMITERS:
            return i + 1
    return 0


CLAUSE_DELIMITERS = "。;,!?\n:由["  # [: 〔 and 【 folded, brackets that open a note (〔X、Y负责。〕)


class Found(NamedTuple):
    """A unit list found in prose: where it stands, the role its verb gives, the units listed."""

    at: int
    role: str
    units: list[RawUnit]
    carries_out: bool = False   # its verb is 负责落实: the units carry the task out beside its lead


def mentions_from_prose(text: str, offset: int, folded: str | None = None,
                        first_is_lead: bool = False) -> list[UnitMention]:
    """Units named with role verbs: ``由X牵头,Y、Z配合``, ``X要牵头…``, ``X负责``, ``由X会同Y实施``
    (``folded``: the same text folded, if at hand; ``first_is_lead``: the document says the
    first-listed unit leads)."""
    folded = fold(text) if folded is None else folded
    found = sorted(_verb_lists(folded, offset) + _convened_lists(folded, offset) + _identity_lists(folded, offset),
                   key=lambda f: f.at)
    return _mentions_of(found, first_is_lead)


def mentions_from_subject(text: str, offset: int, folded: str | None = None) -> list[UnitMention]:
    """Units that open a sentence as its subject, bound by 要 or 务必 (:func:`_subject_lists`): for a
    text that names no unit in any other way."""
    folded = fold(text) if folded is None else folded
    return _mentions_of(_subject_lists(folded, offset), False)


SUBJECT_MODAL = re.compile(r"(?:要|务必|必须|须)(?!求)")


def _subject_lists(folded: str, offset: int) -> list[Found]:
    """Units that open a sentence as its subject, bound by 要 or 务必 (``县农业农村局要及时将…精神传达到…``,
    ``各乡镇务必于3月15日前全面完成…``): responsible.

    Family: notices and news reports that give each unit its work as the subject of a sentence (u44 彭阳
    2020 ``(二)县农业农村局务必于4月10日前完成青贮玉米种子采购``; h63 呼和浩特 2021 ``市教育局要在11月底新建、
    续建幼儿园9所``); read only where no unit is named in any other way."""
    found: list[Found] = []
    for m in SUBJECT_MODAL.finditer(folded):
        start = clause_start(folded, m.start())
        if start and folded[start - 1] not in "。;\n" or not is_unit_list(folded[start:m.start()]):
            continue
        raws = [r for r in split_raw(folded[start:m.start()], offset + start)
                if unit_shape(r.name) and not shapes().role_noun_re.search(r.name)]   # 各指标牵头单位要…: no one unit
        if raws:
            found.append(Found(at=m.start(), role="responsible", units=raws))
    return found


def _verb_lists(folded: str, offset: int) -> list[Found]:
    """Unit lists ended by a role verb (X牵头, Y、Z配合, W负责)."""
    role_of = _verb_roles()
    found: list[Found] = []
    previous_verb_end = 0
    for m in role_verbs(folded):
        if shapes().head_post_re.match(folded, m.start(1)):
            continue  # 党建部负责人 (j63 汉阳 2020 a roster ``蔡继敏  党建部负责人``): a unit's head, no verb
        at = m.start()  # the clause before the verb is folded[chunk_start:at]
        chunk_start = clause_start(folded, at)
        if previous_verb_end > chunk_start:
            # 由X牵头、Y、Z配合: the partners start after the previous role verb
            chunk_start = previous_verb_end + len(folded[previous_verb_end:at]) \
                - len(folded[previous_verb_end:at].lstrip("、,和及与 "))
        if m.group(1) in CLAUSE_END_VERBS and (folded.endswith("要", 0, at) or not CLAUSE_END.match(folded, m.end())):
            continue  # 要落实相关职责: a duty described, not a unit assigned
        if folded.startswith("解释", m.end()):
            continue  # 由X负责解释: who interprets the text, not who carries a task
        if CONVENE.search(folded, chunk_start, at):
            previous_verb_end = m.end()
            continue  # 由X会同Y负责: read by _convened_lists
        chunk = folded[chunk_start:at]
        if not chunk.strip() or DESCRIPTIVE.match(chunk) or not is_unit_list(chunk):
            continue  # (协办 inside 区政协办 is no verb: it does not end a clause either)
        last_verb_end, previous_verb_end = previous_verb_end, m.end()
        role = role_of[m.group(1)]
        while role in ("cooperating", "responsible") and chunk_start > 0 and folded[chunk_start - 1] == ",":
            # 市商务局牵头,A、B,各县市人民政府配合: the partners run back over commas, not over a verb
            # (各区政府为责任单位,市城管办为协办单位, l54 深圳 2003)
            prev = clause_start(folded, chunk_start - 1)
            if prev < last_verb_end or not is_unit_list(folded[prev:chunk_start - 1]):
                break
            chunk_start = prev
        raws = [r for r in split_raw(folded[chunk_start:at], offset + chunk_start) if unit_shape(r.name)]
        if raws:
            found.append(Found(at=at, role=role, units=raws, carries_out=m.group(0).endswith(CARRY_OUT)))
    return found


#: units that a sentence says are the department or body in charge, before their duties: X是…主管部门,负责…
IDENTITY = re.compile(r"(?:^|(?<=[。;\n]))\s*(?:\(?[一二三四五六七八九十\d]+[)、.]\s*)?([^,。;:\n]{2,30}?)是"
                      r"([^,。;:\n]{2,40}?(?:部门|单位|机构|主体))\s*,\s*(?:主要)?(?:负责|承担)")


def _identity_lists(folded: str, offset: int) -> list[Found]:
    """Units a sentence opens with as the department or body in charge of a field, its duties after the comma
    (``区交通委是全区道路建设管理工作的行政主管部门,负责…``): responsible, or lead where the sentence says they lead
    (``…是旧住房成套改造工作牵头部门,负责…``).

    Family: divisions of duties written as sentences about each unit (f43 金山 2017 道路交通设施 ``(一)区交通委是…
    行政主管部门,负责…``; e45 宝山 2021 低效产业用地 ``各镇政府、园区管委会是…责任主体,负责…``; a45 崇明 2023
    ``区住房保障房屋管理局是…牵头部门,负责…``). A body said to be in charge that is then told what to do
    (``各镇是…责任主体,要…``, the 保障措施 of many plans) is no such sentence."""
    found: list[Found] = []
    for m in IDENTITY.finditer(folded):
        if not is_unit_list(m.group(1)):
            continue
        raws = [r for r in split_raw(m.group(1), offset + m.start(1)) if unit_shape(r.name)]
        if raws:
            found.append(Found(at=m.start(1), role="lead" if "牵头" in m.group(2) else "responsible", units=raws))
    return found


def _convened_lists(folded: str, offset: int) -> list[Found]:
    """由X会同Y负责: X leads, Y cooperates; so do the partners of ``X牵头,会同Y负责`` (m02 杭州), whose
    lead the verb before the comma names."""
    found: list[Found] = []
    for m in CONVENE.finditer(folded):
        cut = clause_start(folded, m.start()) - 1
        chunk = CONVENE_PREFIX.sub("", folded[cut + 1:m.start()])
        after_lead = not chunk.strip() and LEAD_CLAUSE_BEFORE.search(folded, 0, m.start()) is not None
        if not after_lead and (not chunk.strip() or not is_unit_list(chunk)):
            continue
        named = folded[m.end():PARTNERS_END.search(folded, m.end()).start()]
        partners = leading_units(PARTNERS_VERB.sub("", named), offset + m.end())
        if not partners:
            continue
        if not after_lead:
            found.append(Found(at=cut + 1, role="lead",
                               units=[r for r in split_raw(chunk, offset + cut + 1) if unit_shape(r.name)]))
        found.append(Found(at=m.end(), role="cooperating", units=partners))
    return found


LEAD_CLAUSE_BEFORE = re.compile(r"牵头\s*,\s*$")
PARTNERS_VERB = re.compile(r"(?:共同|分别)?(?:负责|落实|实施|推进)+\s*$")  # 会同Y、各区、县(市)政府负责


def _mentions_of(found: list[Found], first_is_lead: bool) -> list[UnitMention]:
    """The lists' units with their roles read together: X负责,Y配合 (the one in charge leads);
    X牵头,Y按职责分工负责 (the others share the task); X牵头,Y负责落实 (Y carries it out, responsible:
    i24 a 浙江 city ``…等参与,县(市、区)政府负责落实``, j52 珠海 2007 ``市卫生局牵头组织,市城管局、市建设局…负责落实``);
    a first-listed convention for lone lists."""
    if not found:
        return []
    roles = {f.role for f in found}
    listed = first_is_lead and roles == {"responsible"} and not is_collective(found[0].units[0].name)
    out = []
    lead_seen = False
    for k, (_, verb_role, raws, carries_out) in enumerate(found):
        after_lead = verb_role == "responsible" and lead_seen
        role = "lead" if verb_role == "responsible" and not lead_seen and "cooperating" in roles else verb_role
        lead_seen = lead_seen or role == "lead"
        for i, r in enumerate(raws):
            basis, unit_role = "text", partner_role(r.name, carries_out) if after_lead else role
            if listed and k == 0 and not LOCAL_GOVERNMENTS.match(r.name):   # a local government stays responsible
                basis, unit_role = "listed", "lead" if i == 0 else "cooperating"
            out.append(UnitMention(name=r.name, role=unit_role, basis=basis, start=r.start, end=r.end, alias=r.alias))
    return out


def partner_role(name: str, carries_out: bool) -> str:
    """The role of a unit named responsible after its task's lead: a partner of the lead (cooperating),
    unless it carries the task out (``X牵头,Y负责落实``) or is a local government (:data:`LOCAL_GOVERNMENTS`)."""
    return "responsible" if carries_out or LOCAL_GOVERNMENTS.match(name) else "cooperating"


# 各地区, 各省级人民政府, 各县(市、区)人民政府, 各乡(镇)办, 各相关街道办事处 (d12 新密, d13 金水): the
# local governments that carry out a task ("according to their duties", 按职责分工负责; 落实) are
# responsible for it, not partners of its lead; so do those named as the ones concerned (有关县区政府, f61 安康).
LOCAL_GOVERNMENTS = re.compile(r"^(?:各|有关|相关).{0,12}(?:地区|政府|办事处|乡\(镇\)办|镇办|街办|乡镇|街道)$")


@lru_cache(maxsize=1)
def _verb_roles() -> dict[str, str]:
    """Role verb → the role it gives (``牵头`` → lead)."""
    s = shapes()
    verbs = [(v, "lead") for v in s.lead_verbs] + [(v, "cooperating") for v in s.cooperating_verbs] \
        + [(v, "responsible") for v in s.responsible_verbs]
    return dict(verbs)


@lru_cache(maxsize=1)
def _verb_re() -> re.Pattern:
    """A role verb with the modifiers before it (``按职责分工负责``); group 1 is the verb."""
    return re.compile(MODIFIERS + "(" + _verb_re_bare().pattern + ")")


@lru_cache(maxsize=1)
def _verb_re_bare() -> re.Pattern:
    """A role verb alone."""
    s = shapes()
    verbs = sorted(s.lead_verbs + s.cooperating_verbs + s.responsible_verbs, key=lambda v: -len(v))
    return re.compile("|".join(re.escape(v) for v in verbs))


def role_verbs(folded: str) -> Iterator[re.Match]:
    """The matches of :func:`_verb_re` in ``folded``, as ``finditer`` gives them.

    The modifiers before a verb are optional, so the regex engine would try a match at every
    character; instead the bare verb is found first (fast), and the full pattern is searched
    from the start of the run of modifier characters just before it: no match can start earlier.
    """
    verb_re, bare = _verb_re(), _verb_re_bare()
    pos = 0
    while (verb := bare.search(folded, pos)) is not None:
        start = verb.start()
        while start > pos and folded[start - 1] in MODIFIER_CHARS:
            start -= 1
        m = verb_re.search(folded, start)  # found at or before the verb
        yield m
        pos = m.end()


WHITESPACE = re.compile(r"\s+")


@lru_cache(maxsize=4)
def compact(text: str) -> str:
    """The text folded with every space and line break removed: where statements are looked for."""
    return WHITESPACE.sub("", fold(text))


def says_first_listed_leads(text: str) -> bool:
    """True when the document states that the first-listed unit is the lead, in any of the
    wordings of that family (列第一位者为牵头单位, 排在第一位的部门为牵头部门, 排在首位的为牵头单位,
    列第一位为牵头或汇总单位), once anywhere: it holds for the whole document."""
    return shapes().first_listed.search(compact(text)) is not None


def units_of_every_task(text: str) -> tuple[int, list[UnitMention]]:
    """Units a note says must carry out every task from where it is printed on, no longer listed
    (``以下均需各涉河办事处落实,不再列出`` in d14 管城's first bracket): where the note is and the units,
    responsible; (-1, []) when none (b11 潮州's annotator, on the same wording, adds them to no other
    task; the note says they carry each). A note that every task ``涉及`` (concerns) some units names no
    duty (r04 内蒙古, c03 四川 ``具体任务均涉及…``), and its annotators add no unit; the wordings are
    ``every_task_units_pattern`` in unit_shapes.json."""
    m = shapes().every_task_units.search(fold(text))
    if m is None or not is_unit_list(m.group(1)):
        return -1, []
    # ``…均需X配合,不再列出`` (o83 芜湖 2022): the units cooperate; 落实 / 负责 (d14, a82): responsible
    verb = text[m.end(1):m.end(1) + 2]
    role = "cooperating" if verb in shapes().cooperating_verbs else "responsible"
    return m.start(), mentions_from_list(m.group(1), m.start(1), role=role, basis="text")


def says_responsible_leads(text: str) -> bool:
    """True when the document states that, where no lead is named, the responsible units lead
    (武汉 无牵头单位的,责任单位即为牵头单位; 大兴 各主要责任单位要充分发挥牵头抓总作用)."""
    return shapes().responsible_lead.search(compact(text)) is not None


def says_star_marks_lead(text: str) -> bool:
    """True when the document states that ``*`` marks the lead unit."""
    t = compact(text)
    return any(st in t for st in shapes().star_statements)


def lead_marks(text: str) -> str:
    """The markers that mark lead units in a document's unit lists: ``*`` always; ``★`` and the
    others unless the document says they mean something else.

    Family: key-task lists that print ``★区发改委、统计局`` (the marked unit leads), with or without
    a legend (标★的为牵头单位); a legend such as 标★的为重点督办事项 gives the mark another meaning.
    """
    marks = "*"
    printed = [mark for mark in MARKS[1:] if mark in text]
    if printed:
        t = compact(text)
        for mark in printed:
            if any(st.replace("*", mark) in t for st in shapes().star_statements) \
                    or not _mark_means_other(t, mark):
                marks += mark
    return marks


def _mark_means_other(compact_text: str, mark: str) -> bool:
    """True when the document states a meaning for ``mark`` other than the lead unit."""
    legend = re.compile(r"(?:标|带|加|标注|有)[“\"]?" + re.escape(mark) + r"[”\"]?号?(?:的|者)?(?:为|是|表示)([^,;。)]{2,12})")
    return any("牵头" not in m.group(1) for m in legend.finditer(compact_text))
