"""Quantitative targets in a task's text: the ``indicators`` stage.

``extract_indicators(text)`` finds every target written with Arabic digits
(counts, percentages, money, areas, lengths, ratios, rates …) and returns
:class:`graph.records.Indicator` records: value, unit as printed (magnitude kept:
``万亩`` stays ``万亩``), comparison, target year, baseline, metric name and the
metric concept of ``ontology/metrics.ttl``. Years, dates, document numbers, ages,
names containing digits (``5G``, ``15分钟生活圈``, ``4+9+13``) and list numbering
are not targets.

The unit list (``ontology/measure_units.json``, :mod:`graph.measures`) and the metric labels
(``ontology/metrics.ttl``) are data; they are read once per process.
"""
from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass
from functools import lru_cache

from graph import skos
from graph.files import data_dir

from graph.chars import CharMap
from graph.measures import MeasureUnit, magnitudes, measure_units, unit_data, unit_kind, unit_qudt
from graph.records import Indicator

__all__ = ["extract_indicators", "MeasureUnit", "measure_units", "metric_concepts", "match_metric_concept",
           "unit_qudt"]

# records are built from positional fields (a keyword call costs a dict per record), in this order;
# tests/test_indicators.py checks it against graph.records.Indicator
INDICATOR_FIELDS = ("text", "start", "end", "value", "unit", "op", "kind", "metric", "metric_concept", "year",
                    "baseline", "value_text")

ONTOLOGY_DIR = data_dir("ontology")
METRICS_FILE = ONTOLOGY_DIR / "metrics.ttl"
INDICATOR_KIND = "https://w3id.org/plankg/ns#indicatorKind"

# One-to-one character folding (keeps offsets): full-width digits and signs → ASCII.
FOLD = CharMap({
    **{chr(0xFF10 + i): str(i) for i in range(10)},
    "％": "%", "．": ".", "～": "~", "／": "/", "－": "-", "﹪": "%", "＞": ">", "＜": "<",
})
APPROX_IN_UNIT = re.compile(r"(?<=[万亿千百十])(?:余|多)")
DATE_WORDS = frozenset("年月日号时")
NUMBER_BLOCKERS = frozenset("0123456789.+＋#№×*") | frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")

# 1,234 or 1234, then decimals; written to begin with ``\d`` so the regex engine skips straight to digits
NUMBER = r"\d(?:\d{0,2}(?:,\d{3})+|\d*)(?:\.\d+)?"
CJK = re.compile(r"[\u4e00-\u9fff]")
CLAUSE_BREAKS = re.compile("[，,。；;：:\n！？!?]")
SENTENCE_BREAK_CHARS = "。；;\n！？!?"
SENTENCE_BREAKS = re.compile(f"[{SENTENCE_BREAK_CHARS}]")
# the last break of a stretch of text (matched from the stretch's start)
LAST_CLAUSE_BREAK = re.compile("(?s:.*)" + CLAUSE_BREAKS.pattern)
LAST_SENTENCE_BREAK = re.compile("(?s:.*)" + SENTENCE_BREAKS.pattern)

OPS_AFTER = {"及以上": ">=", "以上": ">=", "以内": "<=", "及以下": "<=", "以下": "<=", "左右": "~", "上下": "~"}
OPS_AFTER_RE = re.compile("|".join(sorted(OPS_AFTER, key=len, reverse=True)))
OPS_BEFORE = (
    ("不少于", ">="), ("不低于", ">="), ("不小于", ">="), ("至少", ">="), ("超过", ">="), ("高于", ">="),
    ("大于", ">="), ("多于", ">="), ("突破", ">="), ("不超过", "<="), ("不高于", "<="), ("不大于", "<="),
    ("控制在", "<="), ("低于", "<="), ("少于", "<="), ("小于", "<="), ("大约", "~"), ("约", "~"), ("超", ">="),
    ("最高", "<="), ("最多", "<="), ("最低", ">="),
    ("逾", ">="), ("≥", ">="), (">=", ">="), (">", ">="), ("≤", "<="), ("<=", "<="), ("<", "<="),
)
OPS_BEFORE_MAP = dict(OPS_BEFORE)
OPS_BEFORE_RE = re.compile("(?:" + "|".join(
    re.escape(w) if w != "约" else "约(?<![节制签契预]约)"  # 节约100吨 is not "about"
    for w in sorted(OPS_BEFORE_MAP, key=len, reverse=True)) + r")\s*$")
# verbs that introduce a unitless value: ``缩小到1.53``, ``保持在1.53``
RATIO_VERB = re.compile(r"(?:到|至|在|为|达|达到|是)\s*$")
RATIO_SUBJECT = re.compile(r"倍差|比值|比$|比[缩保稳控下降提扩力持达为]|系数|指数|倍数")
BASELINE_BEFORE = re.compile(r"[从由](?:\d{4}年(?:底|末)?的?)?(?:每人每[年月日]|每[年月])?\s*$")  # 从每人每月574元
BASELINE_GAP = re.compile(
    r"\s*(?:分别)?(?:提高|提升|增加|增长|上升|下降|降低|减少|缩小|扩大|压缩|降|升)?(?:到|至)\s*(?:\d{4}年(?:底|末)?的?)?"
    r"(?:每人每[年月日]|每[年月])?\s*$")
YEAR_MENTION = re.compile(r"(?<![\d—–\-~至比较从由])(?:到|至|于|在)?((?:19|20)\d{2})年(?!以来|前|度|以前)|每年|逐年|累计")
TARGET_VERB = re.compile(r"(?:达|为|至|到|在|超|于|过|是|从|由)\s*$")
EXISTING = re.compile(r"已建成|已建|已有|已完成|已累计|已经|共有|目前|截至|截止|以来|近年来|去年|上年")
# the share of the year's target already done, in progress reports (k22 黔东南 ``…6415人,完成年度任務的105.16%``,
# f01 六安 ``…新增技能人才14826人,完成年度任务的74.13%``); 完成年度投资30亿元 stays a target
SHARE_DONE = re.compile(r"(?:完成|占)(?:年度|全年)(?:目标)?(?:任务|目标)(?:数)?的\s*$")
FRAMING = "围绕"  # a clause opening with it frames the task: 围绕5个方面
PERCENT_COMPLEMENT = re.compile(r"[的和与及或至到全]|覆盖|达标|完成|到位")
NAME_CIRCLE = re.compile(r"^[^，,。；;、]{0,10}圈")
COMPARISON_BASE = re.compile(r"(?:比|较)(?:\d{4}年(?:底|末)?|上年|上一年|去年|同期|基期年?)(?:的?水平)?")
TRAILING_VERB = re.compile(
    r"(?:年均|分别|均|都|全部|力争|稳定|保持|控制|持续|每年|累计)*"
    r"(?:达到|达|提高到|提升到|提高至|提升至|提高|提升|增加到|增加|增长到|上升到|上升|下降到|下降|压缩|压减|缩短|减少|"
    r"降低到|降低|降至|降到|缩小到|缩小至|缩小|扩大到|扩大|稳定在|保持在|控制在|维持在|超过|超|不少于|"
    r"不低于|不小于|至少|不超过|低于|高于|突破|实现|为|在|到|至|约|逾|≥|≤|>=|<=|>|<|\s)*$")
WHITESPACE = "".join(re.findall(r"\s", "".join(map(chr, range(0x3001)))))  # all ``\s`` matches: none is above U+3000
# a trailing verb is made of the characters written in TRAILING_VERB and of spaces
TRAILING_VERB_CHARS = "".join(sorted(set(TRAILING_VERB.pattern))) + WHITESPACE
LEADING_FILLER = re.compile(
    r"^(?:\s+|[(（]?\d{1,2}[)）.、]|[(（][一二三四五六七八九十]+[)）]|[一二三四五六七八九十]+、|其中|力争|争取|努力|确保|[到至]?\d{4}年(?:底|末)?[,，]?|全年|每年|累计|全县|全区|全市|全镇|全省|"
    r"实现|并|且|同时)+")
SEGMENT_SEP = re.compile(r"\s*(?:以及|并且|并|、|和|及|与|或|,|，)\s*")
NUMERIC_MODIFIER = re.compile(r"[^，,。；;、\n\d]{0,12}\d[^，,。；;、\n]{0,12}?的")
AT_LEAST_VERB = re.compile(r"(?:至少|不少于|不低于)[\u4e00-\u9fff]{1,4}$")
CONTROL_WITHIN = re.compile(r"控制在[^，。；,;]{0,4}$")
TAIL_STOP = re.compile(r"的|建设|创建|创成")
SUBJECT_SEP = re.compile(r"、|以及|(?<=.)(?:和(?![美谐睦])|及|与)")  # not the 和 of 和美乡村
ELIDED_SUBJECT = re.compile(r"^(?:年均|年|同比|平均)?(?:增长|增速|增幅)")
GROWTH = re.compile(r"增长|增速|增幅")
TAIL_CUT = re.compile(r"[，,。；;、\n(（]|[和及与](?=\d)|\d")
LIST_SEP = re.compile(r"^\s*(?:、|和|及|与|或|,|，)\s*$")
EACH_MARK = re.compile(r"(?:(?<![年人户亩日月])均|都)(?:力争)?(?:达到|达|为|保持在|稳定在|控制在|实现|提高到|超过)?\s*(?:不低于|不少于|超过|超)?\s*$")


def _alternation(labels) -> str:
    return "|".join(re.escape(x) for x in sorted(set(labels), key=len, reverse=True))


@lru_cache(maxsize=1)
def _number_pattern() -> re.Pattern:
    """A number with its range, ratio form, unit and unit alternatives, compiled once from the unit list."""
    units = measure_units()
    plain = _alternation(units)
    scalable = _alternation(u.label for u in units.values() if u.scalable)
    mags = _alternation(magnitudes())
    one_unit = rf"(?:{plain}|(?:{mags})(?:余|多)?(?:{scalable})|(?:{mags})(?![\u4e00-\u9fff]))"
    per = _alternation(unit_data().get("per_units", []))
    rate_base = _alternation(unit_data().get("rate_bases", []))
    unit = rf"(?:{one_unit})(?:[(（](?:{one_unit})[)）])?(?:/(?:{one_unit}|{per}))?|/(?:{rate_base})"
    number = re.compile(
        rf"(?P<num>{NUMBER})(?![\d]|\.\d)"
        rf"(?:\s*(?P<rsep>[-—–~至])\s*(?P<num2>{NUMBER}))?"
        rf"(?:(?P<to_one>[:：]1)(?![\d.])|(?P<approx>多|余)?\s?(?P<unit>{unit})?)")
    return number


@lru_cache(maxsize=1)
def _concept_table() -> tuple[dict[str, str], dict[str, str]]:
    """(surface form → concept IRI, concept IRI → usual kind), read from ``ontology/metrics.ttl``."""
    try:
        pairs = skos.zh_labels(METRICS_FILE)
    except OSError:
        return {}, {}
    labels: dict[str, str] = {}
    for iri, label in pairs:
        labels.setdefault(label, iri)
    return labels, skos.concept_values(METRICS_FILE, INDICATOR_KIND)


def metric_concepts() -> dict[str, str]:
    """Surface form (Chinese label) → metric concept IRI."""
    return _concept_table()[0]


@lru_cache(maxsize=1)
def _metric_pattern() -> re.Pattern | None:
    labels = metric_concepts()
    return re.compile(_alternation(labels)) if labels else None


RELATIVE_KINDS = {"percentage", "rate", "ratio", "density"}


def _kinds_fit(concept_kind: str, kind: str) -> bool:
    if not concept_kind or concept_kind == kind:
        return True
    return concept_kind in RELATIVE_KINDS and kind in RELATIVE_KINDS


@lru_cache(maxsize=65536)
def match_metric_concept(phrase: str, kind: str = "") -> str:
    """The concept IRI whose longest label occurs in ``phrase`` (and whose kind fits ``kind``), or ""."""
    pat = _metric_pattern()
    if not phrase or pat is None:
        return ""
    labels, kinds = _concept_table()
    best = ""
    for m in pat.finditer(phrase):
        if len(m.group(0)) > len(best):
            best = m.group(0)
    iri = labels.get(best, "")
    return iri if iri and (not kind or _kinds_fit(kinds.get(iri, ""), kind)) else ""


@dataclass(slots=True)
class _Hit:
    """A number kept as a candidate while the text is scanned."""

    start: int          # number start (folded text)
    end: int            # end of number + unit + trailing comparison
    unit_end: int
    value: float
    value_text: str
    unit: str
    op: str
    ranged: bool
    requires: str        # words (``|`` between) the clause must contain for the unit to count (岁 → 寿命)
    baseline: float | None = None
    baseline_start: int = -1
    clause_start: int = 0  # start of the clause holding the number
    op_before: bool = False  # the comparison was written before the number
    upper: float | None = None  # a range's upper bound (5-10个, 7.5%—8%)


def _to_float(s: str) -> float:
    return float(s.replace(",", ""))


def _baseline_mark(before: str) -> re.Match | None:
    """``从``/``由`` (with an optional year) ending ``before``: the number after it is a baseline (called only
    when ``before`` holds 从 or 由).
    Searched in the last characters only: the mark is at most 8 characters before the spaces."""
    return BASELINE_BEFORE.search(before, max(0, len(before.rstrip()) - 8))


def _clause_start(work: str, pos: int) -> int:
    """Start of the clause holding ``pos``: just after the last clause break before it (at most 200 back)."""
    start = max(pos - 200, 0)
    last = LAST_CLAUSE_BREAK.match(work, start, pos)
    return last.end() if last else start


def _sentence_start(work: str, pos: int, clause_start: int) -> int:
    """Start of the sentence holding ``pos``: just after the last sentence break before it (at most 300 back).
    ``clause_start`` is the start of its clause: no sentence break lies between it and ``pos``."""
    if clause_start and work[clause_start - 1] in SENTENCE_BREAK_CHARS:
        return clause_start
    start = max(pos - 300, 0)
    last = LAST_SENTENCE_BREAK.match(work, start, clause_start)
    return last.end() if last else start


def _op_before(before: str) -> str:
    """The comparison written just before a number: ``超过``, ``不低于``, ``控制在`` …"""
    m = OPS_BEFORE_RE.search(before[-6:])
    if m:
        return OPS_BEFORE_MAP[m.group(0)]
    if CONTROL_WITHIN.search(before):
        return "<="
    if AT_LEAST_VERB.search(before):
        return ">="  # 每个镇至少建有1个
    return ""


MEETING = re.compile(r"召开|调度|通报|会商|例会|推进会|联席会")
MEETING_AFTER = re.compile(r"(?:专题|工作|联席)?(?:会议|督查|检查|研判|推进会|调度会|例会|通报)")
OWN_TASKS = re.compile(r"(?:重点|主要|具体)?(?:工作)?(?:任务|举措|措施|工作|行动)(?:和|、|$|[,，。;；])")


ORDINAL_MARKS = frozenset("第前后“")  # a character before a number that may make it an ordinal, rank or label
CODE_FOLLOWERS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz+＋")  # 5G, 4+9


QUOTED_NAME_END = re.compile(r"[^，,。；;：:“]{0,8}”")
# Policy parameters, not targets: what a measure grants and to whom. Family: 若干措施 / 实施意见
# on subsidies: 一次性奖励50万元; 对新引进投资5亿元以上的项目,给予…; …给予奖励,最高不超过500万元.
GRANT = re.compile(r"给予|(?:奖励|补助|补贴|贴息|资助|返还)(?![性资])|减免|费率|可申请|可享受|放宽")  # 补贴性培训, 返还资金: no grant
CONDITION_START = re.compile(r"\s*(?:或|并|且)?(?:对|凡|符合|经认定)")
CONDITION_END = re.compile(r"的\s*[,，]|的(?:企业|项目|单位|个人|人员)")  # …超过100人的企业达到15%的,可申请…
TERMS_START = re.compile(r"\s*(?:或|并|且)?(?:可申请)?(?:最高|分档|按|每人|每户|每家)")


def _policy_term(work: str, clause_start: int, pos: int) -> bool:
    """True when the number at ``pos`` is a term of a grant: in the grant's own clause, in the
    condition before it (对…的企业,给予…; any clause of a sentence that opens with its condition and
    closes with the grant, x22 天津 2023 ``对总投资5000万元以上…,以及总投资1000万元以上的…,竣工投产后按照…
    投资额的10%,给予最高5000万元支持``) or in the terms after it (…,最高不超过…)."""
    clause_end = CLAUSE_BREAKS.search(work, pos)
    clause_end = clause_end.start() if clause_end else len(work)
    if GRANT.search(work, clause_start, clause_end):
        return True
    sentence_end = SENTENCE_BREAKS.search(work, pos)
    sentence_end = sentence_end.start() if sentence_end else len(work)
    grant_after = GRANT.search(work, clause_end, sentence_end)
    if grant_after and (CONDITION_START.match(work, clause_start)
                        or CONDITION_END.search(work, pos, min(clause_end + 1, grant_after.start()))):
        return True
    sentence_start = _sentence_start(work, pos, clause_start)
    if grant_after and CONDITION_START.match(work, sentence_start):
        return True   # 对总投资5000万元以上…,以及总投资1000万元以上的…,按…投资额的10%,给予…: x22 天津
    return TERMS_START.match(work, clause_start) is not None and GRANT.search(work, sentence_start, clause_start) is not None


#: after a count, the rest of the subject of a rate and its target figure: the count says how many things the
#: rate is measured over (f07 鄂州 2024 ``纳入国家考核的3个断面水质优良率达到100%``, ``全市5个集中式饮用水水源地水质达标率为100%``)
COUNTED_RATE_SUBJECT = re.compile(r"[^，,。；;、\d]{1,24}?(?:率|比例)\s*(?:达到|达|为|稳定在|保持在|提高到|提升至|不低于)?\s*\d")


def _excluded(work: str, h: _Hit, has_unit: bool, before_clause: str) -> bool:
    """Numbers that are not targets: ordinals, names, quoted labels, facts already reached."""
    start, unit_end = h.start, h.unit_end
    if start and work[start - 1] in ORDINAL_MARKS:
        before = work[max(0, start - 2):start]
        if before.endswith("第") or (before.endswith(("前", "后")) and not before.endswith(("提前", "之后", "以后"))):
            return True  # 第3批, 进入全省前10名
        if before.endswith("“") and QUOTED_NAME_END.match(work, unit_end):
            return True  # “5个100工程”, “3+1”: a name in quotes
    if work[unit_end:unit_end + 1] in CODE_FOLLOWERS:
        return True
    if h.unit == "分" and start and work[start - 1] in "(（" and work[unit_end:unit_end + 1] in (")", "）"):
        return True  # (0.5分): an item's weight in an assessment scheme (考评办法), not a target
    clause_start = start - len(before_clause)
    # a standard raised from one figure to another is a target (补助标准由670元提高到700元), unless it
    # is the condition of a grant (对…产值由3亿元以下增加到5亿元以上的企业,给予…)
    raised = h.baseline is not None and not CONDITION_START.match(work, clause_start)
    if not raised and _policy_term(work, clause_start, start):
        return True
    if has_unit:
        kind = unit_kind(h.unit)
        if kind == "time" and NAME_CIRCLE.match(work[unit_end:unit_end + 12]):
            return True
        if kind == "percentage" and h.unit == "%" and h.end == unit_end and CJK.match(work, unit_end) \
                and not PERCENT_COMPLEMENT.match(work, unit_end, unit_end + 2) and not TARGET_VERB.search(before_clause):
            return True  # 10%留用地: a percentage naming a thing
        if h.unit == "%" and SHARE_DONE.search(before_clause):
            return True  # 完成年度任务的105.16%: progress against the year's target
        if EXISTING.search(before_clause) or before_clause.startswith(FRAMING):
            return True  # 已建成的18个: a fact; 围绕5个方面: framing
        if OWN_TASKS.match(work, unit_end, unit_end + 12):
            return True  # 实施8项重点工作: the plan counting its own tasks
        if kind == "count" and COUNTED_RATE_SUBJECT.match(work, unit_end):
            return True  # 3个断面水质优良率达到100%: the count of what a rate target measures
        if h.unit == "次" and (MEETING.search(before_clause) or MEETING_AFTER.match(work, unit_end, unit_end + 12)):
            return True  # 每月召开1次推进会: how often people meet, not a target
    return False


def _pair_baselines(work: str, hits: list[_Hit], i: int, mark_start: int) -> int:
    """After 从 at ``hits[i]``: the n baselines of a list (``574元、271元``) given to the n targets after
    the verb (``分别提高到609元、300元``); returns n, or 0 when the hits do not pair so."""
    n = 1
    while i + n < len(hits) and LIST_SEP.match(work[hits[i + n - 1].end:hits[i + n].start]):
        n += 1
    for size in (n, 1) if n > 1 else (1,):
        end = hits[i + size - 1]
        targets = hits[i + size:i + 2 * size]
        if len(targets) < size or not (BASELINE_GAP.fullmatch(work[end.unit_end:targets[0].start])
                                       or BASELINE_GAP.fullmatch(work[end.end:targets[0].start])):
            continue
        if any(not LIST_SEP.match(work[a.end:b.start]) for a, b in zip(targets, targets[1:])):
            continue
        for base, target in zip(hits[i:i + size], targets):
            target.baseline, target.baseline_start = base.value, mark_start
            if not target.unit and base.unit:
                target.unit = base.unit
        return size
    return 0


def _accept_unitless(work: str, h: _Hit, clause_start: int) -> bool:
    """A bare number is a target only as a ratio: ``收入倍差缩小到1.53以内``."""
    if "." not in h.value_text and len(h.value_text) >= 4:
        return False
    nxt = work[h.end:h.end + 1]
    if nxt and nxt not in "，,。；;、)）”\n 和及与":
        return False
    before = work[clause_start:h.start]
    if not RATIO_VERB.search(before):
        return False
    return bool(RATIO_SUBJECT.search(before)) or ("." in h.value_text and h.op != "")  # 系数控制在0.4以内


def _strip_quotes(phrase: str) -> str:
    """Drop a quotation mark at either end that has no partner inside: ``“12345”热线`` keeps both."""
    if phrase.startswith("“") and phrase.count("“") > phrase.count("”"):
        phrase = phrase[1:]
    if phrase.endswith("”") and phrase.count("”") > phrase.count("“"):
        phrase = phrase[:-1]
    return phrase.strip()


def _drop_trailing_verb(phrase: str) -> str:
    """``phrase`` without its trailing verbs and comparisons (``TRAILING_VERB.sub("", phrase)``), searched
    only from the run of characters a trailing verb can hold that ends ``phrase``."""
    run_start = len(phrase.rstrip(TRAILING_VERB_CHARS))
    if run_start == len(phrase):
        return phrase
    verb = TRAILING_VERB.search(phrase, run_start)
    return phrase[:verb.start()] + phrase[verb.end():]


def _metric_name(work: str, clause_start: int, first: _Hit, last: _Hit, tail_end: int) -> tuple[str, int]:
    """The metric as printed and where the quote ends: the clause's subject, or the noun after a
    count (``实施10个县城重大项目``). ``tail_end`` is where the words right after ``last`` end (-1: none)."""
    phrase = work[clause_start:first.baseline_start if first.baseline_start >= 0 else first.start].strip()
    if "比" in phrase or "较" in phrase:  # every comparison base starts with one of them
        phrase = COMPARISON_BASE.sub("", phrase)
    phrase = _drop_trailing_verb(phrase)
    filler = LEADING_FILLER.match(phrase)  # anchored at the start: the only place it matches
    if filler:
        phrase = phrase[filler.end():]
    phrase = _strip_quotes(phrase.strip(" 、,，"))
    end = last.end
    if len(phrase) <= 4 and tail_end >= 0:
        modified = NUMERIC_MODIFIER.match(work, last.end)  # 1条年产值超10亿元的农业全产业链
        if modified:
            cut = TAIL_CUT.search(work, modified.end(), modified.end() + 40)
            tail_end = cut.start() if cut else min(len(work), modified.end() + 40)
            tail = _strip_quotes(work[modified.end():tail_end].strip())
        else:
            tail = _strip_quotes(TAIL_STOP.split(work[last.end:tail_end], 1)[0].strip())
        if len(tail) >= 2:
            phrase, end = tail, tail_end
    return phrase, end


def _year_for(work: str, sentence: int, clause: int, pos: int, default_year: int | None,
              kind: str) -> int | None:
    """The year stated before ``pos`` in its sentence, which starts at ``sentence`` (``到2025年``), else the
    default. ``每年`` makes a yearly target (None) in its clause, and in the clauses after it for counts and
    amounts (flows), not for rates; ``累计`` returns to the default."""
    year: int | None = default_year
    for m in YEAR_MENTION.finditer(work, sentence, pos):
        if m.group(1):
            year = int(m.group(1))
        elif m.group(0) == "累计":
            year = default_year
        elif m.start() >= clause or kind not in RELATIVE_KINDS:
            year = None
    return year


@lru_cache(maxsize=4096)
def _read_unit(printed: str) -> tuple[str, bool, str, str]:
    """A unit as matched → (unit with ASCII brackets and without 余/多, whether 余/多 was in it, the
    characters that must not follow it, the word its clause must contain)."""
    unit = printed.replace("（", "(").replace("）", ")")
    approx = False
    if APPROX_IN_UNIT.search(unit):  # 3万余人 → 3 万人, at least
        unit, approx = APPROX_IN_UNIT.sub("", unit, count=1), True
    units = measure_units()
    label = base = unit.split("(")[0].split("/")[0]
    for mag in magnitudes():
        if base.startswith(mag) and base[len(mag):] in units:
            label = base[len(mag):]
            break
    known = units.get(label)
    if not known:
        return unit, approx, "", ""
    stop = known.not_followed_by if "(" not in unit and "/" not in unit else ""
    return unit, approx, stop, known.requires


CALENDAR_YEAR = re.compile(r"(?:19|20)\d{2}")   # 2020年: a date, whatever unit 年 may be elsewhere (受教育年限12.5年)


def _scan(work: str) -> list[_Hit]:
    """Every number with what is printed right after it (unit, comparison); dates and codes dropped."""
    number = _number_pattern()
    hits: list[_Hit] = []
    for m in number.finditer(work):
        start = m.start()
        if start and work[start - 1] in NUMBER_BLOCKERS:
            continue  # part of a name or code: 5G60, V2, 4+9
        num, num2, to_one, approx_mark, unit = m.group("num", "num2", "to_one", "approx", "unit")
        approx = bool(approx_mark)
        number_end = m.end("num2") if num2 else m.end("num")
        unit_end = m.end("unit") if unit else number_end
        requires = ""
        if to_one:  # 1.8:1
            if num2:
                continue
            unit_end = m.end("to_one")
        if unit:
            unit, approx_in_unit, stop, requires = _read_unit(unit)
            approx = approx or approx_in_unit
            if stop and work[unit_end:unit_end + 1] and work[unit_end] in stop:
                unit, unit_end = "", number_end
        else:
            unit = ""
        if (not unit and work[unit_end:unit_end + 1] in DATE_WORDS) \
                or (CALENDAR_YEAR.fullmatch(num) and work.startswith("年", number_end)):
            continue  # 2025年, 6月, 30日, 18号: a date or a number, never a target
        if num2 and not unit:
            continue  # a bare range is a date or a span of years
        if not unit and approx:
            continue
        end = unit_end
        op = ""
        after = OPS_AFTER_RE.match(work, end)
        if after:
            op, end = OPS_AFTER[after.group(0)], after.end()
        if not op and unit and work.startswith("内", end) and unit_kind(unit) == "time":
            op, end = "<=", end + 1  # 15个工作日内
        if not op and approx:
            op = ">="
        # start, end, unit_end, value, value_text, unit, op, ranged, requires (positional: a hit is made per number)
        hits.append(_Hit(start, end, unit_end, _to_float(num), work[start:number_end], unit.replace(" ", ""),
                         op, bool(num2), requires))
        if num2:
            hits[-1].upper = _to_float(num2)
    return hits


def extract_indicators(text: str, offset: int = 0, default_year: int | None = None) -> list[Indicator]:
    """Every quantitative target in ``text``; offsets are ``offset`` + position in ``text``."""
    if not text:
        return []
    work = FOLD(text)
    hits = _scan(work)
    if not hits:
        return []
    # a unitless item of a list takes the unit of the items after it: 分别达到95、90和85%
    if len(hits) > 1:
        for h, nxt in zip(reversed(hits[:-1]), reversed(hits[1:])):
            if not h.unit and nxt.unit and LIST_SEP.match(work[h.end:nxt.start]):
                h.unit = nxt.unit
    kept: list[_Hit] = []
    baselines = 0  # hits still to skip: baselines of a list paired above
    for i, h in enumerate(hits):
        has_unit = bool(h.unit)
        clause = h.clause_start = _clause_start(work, h.start)
        before = work[clause:h.start]
        if baselines:
            baselines -= 1
            continue
        if h.requires and not any(word in before for word in h.requires.split("|")):
            continue  # 3岁以下: an age, not a target; 3个月内完成: a deadline, not a target
        # baseline: 从1.6下降到1.55, 由2020年的58%提高到2025年的65%, 从574元、271元分别提高到609元、300元
        baseline_mark = _baseline_mark(before) if i + 1 < len(hits) and ("从" in before or "由" in before) else None
        if baseline_mark and (paired := _pair_baselines(work, hits, i, clause + baseline_mark.start())):
            baselines = paired - 1
            continue
        if _excluded(work, h, has_unit, before):
            continue
        if not h.unit and h.baseline is None and not _accept_unitless(work, h, clause):
            continue
        if not h.op:
            h.op = _op_before(before.rstrip())
            h.op_before = bool(h.op)
        if h.ranged and not h.op:
            h.op = ">="
        kept.append(h)
    if not kept:
        return []
    if len(kept) > 1:
        kept = _merge_ranges(work, kept)
    if len(kept) > 1:
        # lists: items joined only by 、/和 share the trailing comparison (分别达到210万元和110万元以上)
        for a, b in zip(reversed(kept[:-1]), reversed(kept[1:])):
            if not a.op and b.op and LIST_SEP.match(work[a.end:b.start]):
                a.op = b.op
        # … and a comparison written before the first: 分别不低于95%、90%
        for a, b in zip(kept[:-1], kept[1:]):
            if a.op_before and not b.op and LIST_SEP.match(work[a.end:b.start]):
                b.op, b.op_before = a.op, True
    return _records(text, work, kept, offset, default_year)


RANGE_SEP = re.compile(r"\s*[-—–~至]\s*")


def _merge_ranges(work: str, kept: list[_Hit]) -> list[_Hit]:
    """``5%-10%``: two numbers with the same unit joined by a dash are one range target."""
    out: list[_Hit] = []
    for h in kept:
        prev = out[-1] if out else None
        if prev and prev.unit == h.unit and not prev.op and prev.baseline is None \
                and RANGE_SEP.fullmatch(work, prev.unit_end, h.start):
            prev.value_text = work[prev.start:h.unit_end]
            prev.end, prev.unit_end, prev.ranged = h.end, h.unit_end, True
            prev.op, prev.upper = h.op or ">=", h.value
            continue
        out.append(h)
    return out


def _groups(work: str, kept: list[_Hit]) -> list[list[_Hit]]:
    """Targets written as one list (``63.7%、71%、57%``), in order."""
    groups: list[list[_Hit]] = []
    for h in kept:
        if groups and LIST_SEP.match(work[groups[-1][-1].end:h.start]):
            groups[-1].append(h)
        else:
            groups.append([h])
    return groups


def _split_subjects(phrase: str) -> list[str]:
    return [p for p in SUBJECT_SEP.split(phrase) if p]


def _records(text: str, work: str, kept: list[_Hit], offset: int,
             default_year: int | None) -> list[Indicator]:
    """Indicator records of the kept numbers: quote, metric names (paired for 分别/均 lists), year."""
    out: list[Indicator] = []
    previous_end = previous_tail = previous_sentence = -1
    previous_metric = ""
    for group in _groups(work, kept) if len(kept) > 1 else (kept,):  # kept is never empty
        first, last = group[0], group[-1]
        clause = first.clause_start
        if previous_end > clause:  # a second target in the clause starts after the first: 燃气管网9公里、供水管网6公里
            sep = SEGMENT_SEP.match(work, previous_end, first.start)
            if sep and sep.end() > previous_end:  # not 100万元以上行政村占比达到95%, where the first qualifies the second
                clause = sep.end()
        if previous_tail > clause:  # 建成2个老年友好镇街和15个老年友好村社
            sep = SEGMENT_SEP.match(work, previous_tail, first.start)
            if sep and sep.end() == first.start:
                clause = first.start
        previous_end = last.end
        # the words right after the last number: up to a break, a digit, a list word (at most 40 characters)
        words_follow = CJK.match(work, last.end) is not None
        cut = TAIL_CUT.search(work, last.end, last.end + 40) if words_follow else None
        previous_tail = cut.start() if cut else -1
        tail_end = -1 if not words_follow else cut.start() if cut else min(len(work), last.end + 40)
        metric, quote_end = _metric_name(work, clause, first, last, tail_end)
        sentence = _sentence_start(work, first.start, first.clause_start)
        elided = "增" in metric and ELIDED_SUBJECT.match(metric) is not None  # every growth word holds 增
        if elided and previous_metric and previous_sentence == sentence:
            metric = previous_metric + metric  # 收入达到2.6万元,年均增长7% → 收入年均增长
            elided = ELIDED_SUBJECT.match(metric) is not None
        previous_sentence = sentence
        previous_metric = "" if elided else metric
        before = work[clause:first.start]
        names = [metric] * len(group)
        copies = 1
        respectively = "分别" in before
        each = EACH_MARK.search(before) if "均" in before or "都" in before else None  # every mark holds one
        subjects = _split_subjects(metric) if respectively or each else [metric]
        if len(subjects) > 1:
            if respectively and len(subjects) == len(group):
                names = _complete_subjects(subjects)
            elif each and len(group) == 1:
                copies = len(subjects)
                subjects = _complete_subjects(subjects)
        quote = text[clause:quote_end]
        # every year mention holds 年 or 累计: without them the year is the default
        year_stated = work.find("年", sentence, first.start) >= 0 or work.find("累计", sentence, first.start) >= 0
        for k, h in enumerate(group):
            unit = h.unit
            kind = unit_kind(unit) if unit else "ratio"
            if kind == "percentage" and unit == "%" and GROWTH.search(before):
                kind = "rate"
            year = _year_for(work, sentence, clause, first.start, default_year, kind) if year_stated else default_year
            for name in subjects if copies > 1 else (names[k],):
                for value, op in _bounds(h):
                    out.append(Indicator(quote, offset + clause, offset + quote_end, value, unit, op, kind,
                                         name, match_metric_concept(name, kind), year, h.baseline, h.value_text))
    return out


def _bounds(h: _Hit) -> tuple[tuple[float, str], ...]:
    """(value, comparison) of a target: a range gives two bounds (``5-10个``: 5 ``>=`` and 10 ``<=``,
    ``7.5%—8%``, ``1到2个``), as the annotators' conventions count them."""
    if h.upper is not None and h.upper > h.value:
        return (h.value, ">="), (h.upper, "<=")
    return ((h.value, h.op or "="),)


METRIC_HEAD = re.compile(r"(?:率|比|额|量|数|值|收入|比重|面积|密度|产值|指数|系数|倍差)$")


def _complete_subjects(subjects: list[str]) -> list[str]:
    """``设施种植、设施渔业机械化率`` → ``设施种植机械化率``: the last subject's head completes the others;
    ``和美乡村覆盖率、建成率`` → ``和美乡村建成率``: the first subject's modifier completes short heads."""
    first, last = subjects[0], subjects[-1]
    if METRIC_HEAD.search(first) and len(first) > 3 and all(len(x) <= 3 and METRIC_HEAD.search(x) for x in subjects[1:]):
        stem = first[:-3]
        return [first] + [stem + x for x in subjects[1:]]
    if not METRIC_HEAD.search(last):
        return subjects
    out = []
    for name in subjects[:-1]:
        if METRIC_HEAD.search(name) or len(name) >= len(last):
            out.append(name)
        else:
            out.append(name + last[len(name):])
    return out + [last]


CELL_VALUE = re.compile(r"^\s*(≥|>=|＞=|不低于|不少于|≤|<=|不高于|不超过|约|~|＞|>|＜|<)?\s*(" + NUMBER + r")\s*(以上|以内|以下|左右)?\s*(%|‰)?\s*$")
CELL_OPS = {"≥": ">=", ">=": ">=", "＞=": ">=", "不低于": ">=", "不少于": ">=", "＞": ">=", ">": ">=",
            "≤": "<=", "<=": "<=", "不高于": "<=", "不超过": "<=", "＜": "<=", "<": "<=", "约": "~", "~": "~",
            "以上": ">=", "以内": "<=", "以下": "<=", "左右": "~"}


def indicator_from_cells(metric: str, value_text: str, unit: str, start: int, end: int,
                         year: int | None = None, baseline_text: str = "") -> Indicator | None:
    """A target given by the cells of an indicator table (指标名称 | 单位 | 基数 | 目标): or None.

    ``value_text`` is the target cell (``120``, ``≥7``, ``95%以上``) at ``start``–``end`` of the
    source; ``unit`` the measure-unit cell; ``baseline_text`` the baseline cell, if any.
    """
    m = CELL_VALUE.match(FOLD(value_text))
    if not m:  # a figure with its own unit (3幢, 6%以上): read as a phrase, named by the row
        found = extract_indicators(value_text, start, year)
        if len(found) != 1:
            return None
        return dataclasses.replace(found[0], metric=metric, metric_concept=match_metric_concept(metric, found[0].kind))
    sign, number, after, pct = m.groups()
    unit = (pct or unit or "").strip()
    op = CELL_OPS.get(sign or "", "") or CELL_OPS.get(after or "", "") or "="
    kind = "percentage" if unit in ("%", "‰", "个百分点") else (unit_kind(unit) if unit else "ratio")
    base = CELL_VALUE.match(FOLD(baseline_text)) if baseline_text else None
    return Indicator(text=value_text.strip(), start=start, end=end, value=_to_float(number), unit=unit, op=op,
                     kind=kind, metric=metric, metric_concept=match_metric_concept(metric, kind), year=year,
                     baseline=_to_float(base.group(2)) if base else None, value_text=number)
