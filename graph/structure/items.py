"""The numbered items of a plan's body as candidate tasks, with the units each names.

In: the document's lines (a range of them). Out: :class:`graph.records.Task` records (``source``
``body``): each item with text of its own, its section path, its units from labels, brackets
and prose (:mod:`graph.units`), a group's units shared with its items.
"""
from __future__ import annotations

import re
import dataclasses
from dataclasses import dataclass, field
from typing import NamedTuple

from graph import units as U
from graph.records import SourceText, Task, UnitMention
from graph.structure.lines import Heading, LINE_END, Line, STYLE_RANK, cn_to_int, heading_title, match_heading, run_on_items
from graph.structure import tables as T
from graph.structure.tables import Reading


@dataclass
class Item:
    """A numbered item of the body: its heading, own lines and children."""

    heading: Heading
    line: Line
    level: int
    path: tuple[int, ...]
    section: tuple[str, ...]
    body: list[Line] = field(default_factory=list)
    children: int = 0


def parse_items(lines: list[Line], start: int, stop: int) -> list[Item]:
    """Numbered items of the body between two line indexes, with section paths."""
    items: list[Item] = []
    styles: list[str] = []
    stack: list[Item] = []
    for k, ln in enumerate(lines[start:stop], start):
        h = match_heading(ln) or unit_line_heading(lines, k, stop) or duty_line_heading(lines, k, stop)
        if h is None:
            if stack and ln.text:
                stack[-1].body.append(ln)
            continue
        if h.style in styles:
            level = styles.index(h.style)
            del styles[level + 1:]
        else:
            # a new style nests below the current one, unless it ranks above a style in use
            # (二、 after items numbered 1. 2. starts a new section, it is not inside item 2);
            # every style nests below a unit's name, which stands where its items' style stood
            level = next((i for i, st in enumerate(styles) if st != "unit" and STYLE_RANK[st] > STYLE_RANK[h.style]),
                         len(stack))
            if h.style == "unit" and (below := next_heading_style(lines, k + 1, stop)) in styles:
                level = styles.index(below)
            level = min(level, len(stack))
            styles[level:] = [h.style]
        del stack[level:]
        path = tuple(it.heading.value for it in stack) + (h.value,)
        section = tuple(section_name(it.heading) for it in stack)
        item = Item(h, ln, level, path, section)
        if stack:
            stack[-1].children += 1
        stack.append(item)
        items.append(item)
    return items


def section_name(h: Heading) -> str:
    """A heading as a section of the items below it: ``二、主要任务``, ``(一)提升产业平台发展能级``."""
    return f"{h.number}{'、' if h.style == 'cn' else ''}{h.title}"


def next_heading_style(lines: list[Line], k: int, stop: int) -> str:
    """The style of the first heading from line ``k`` on, or ``""``."""
    return next((h.style for ln in lines[k:stop] if (h := match_heading(ln)) is not None), "")


UNIT_TITLE_MAX = 20   # characters of a heading that is a unit's name alone


def unit_title(title: str) -> bool:
    """A heading's whole title is one unit's name (``省委政法委``, ``凤台县政府``)."""
    name = title.strip()
    if not name or len(name) > UNIT_TITLE_MAX:
        return False
    name = U.fold(name)
    if U.unit_shape(name) != 2:
        return False
    raws = U.split_raw(name, 0)
    return len(raws) == 1 and raws[0].name == name


def unit_line_heading(lines: list[Line], k: int, stop: int) -> Heading | None:
    """A line that is a unit's name alone, above numbered items (``凤台县政府`` / ``1.地区生产总值75亿元…``),
    as a heading of style ``unit`` (see :func:`heading_unit`)."""
    ln = lines[k]
    if not ln.text or not unit_title(ln.text):
        return None
    above = next((lines[a] for a in range(k - 1, -1, -1) if lines[a].text), None)
    if above is not None and above.folded.rstrip().endswith(("、", ",", "和", "及", ":")):
        return None   # 配合单位:市农业农村局、市商务局、 / 市邮政管理局: a list going on
    below = next((b for b in lines[k + 1:stop] if b.text), None)
    if below is None or match_heading(below) is None:
        return None
    return Heading("unit", "", 0, ln.text.strip(), len(ln.text) - len(ln.text.lstrip()))


def heading_unit(it: Item) -> list[UnitMention]:
    """The unit a heading names alone, responsible for the items below it, or for the heading's own
    paragraph when it has no items.

    Family: divisions printed unit by unit, each unit's name a heading over its tasks (m54/m55 黑龙江
    2009 新农村建设 ``五、省发改委`` / ``(一)安排建设资金12亿元…``, ``三、省委政法委`` / its paragraph; k53 淮南
    2006 考核目标 ``凤台县政府`` / ``1.地区生产总值75亿元,增长25%.``): the unit is read as a listed one.
    """
    title = it.heading.title
    if it.heading.style != "unit" and len(it.line.text.strip().rstrip(":：")) > it.heading.marker_end + len(title):
        return []   # a heading with text after its title is no unit's name alone
    name = title[:duty.start()] if (duty := DUTY_TITLE.search(title)) else title
    if not unit_title(name):
        return []
    start = it.line.start + it.line.text.index(title, it.heading.marker_end)
    return [UnitMention(name=name, role="responsible", basis="listed", start=start, end=start + len(name))]


#: the end of a heading that names a unit's duties (区科委工作职责, 市指挥部办公室职责, 各乡镇人民政府救助工作职责)
#: or heads a division of duties by unit (三、职责分工, f35 徐汇 2017; 分工与职责; 职责任务, e34 沈阳)
DUTY_TITLE = re.compile(r"(?:的|主要|救助工作|工作)?职责$|职责(?:与|和|及)?(?:分工|任务)$|分工(?:与|和|及)职责$")
DUTY_LINE_MAX = 30   # characters of a line that is only the title of a division of duties


def duty_line_heading(lines: list[Line], k: int, stop: int) -> Heading | None:
    """A line that is only the title of a division of duties (``指挥部成员单位职责``, ``成员单位工作职责``),
    unnumbered, over paragraphs that each open with a unit and its duty, as a heading of style
    ``duty`` (its paragraphs are read by :func:`duty_paragraphs`; under such a caption one is enough when it
    names its unit as the subject of its duties or before a colon).

    Family: the member units' duties of an emergency plan or a committee, printed as an annex or a section
    under a caption of its own (m14 a city's 食品安全事故应急预案 ``附件2:`` / ``指挥部成员单位职责`` /
    ``市食安办参加…``; q54 城口 2019 ``成员单位工作职责`` / ``县委宣传部。负责…``)."""
    if not duty_title_line(lines[k]):
        return None
    below = []
    for b in lines[k + 1:stop]:
        if match_heading(b) or duty_title_line(b):
            break   # the paragraphs end at the next heading or caption (附件:2指挥部成员单位职责 / 附件2: / 指挥部成员单位职责)
        below.append(b)
    shaped = any(b.text and (duty_subject(b) or colon_duty_opens(b)) for b in below)   # X承担… / X。负责… / X:…
    if not shaped and sum(1 for b in below if b.text and opens_with_unit_duty(b)) < 2:
        return None
    ln = lines[k]
    return Heading("duty", "", 0, ln.text.strip().rstrip(":："), len(ln.text) - len(ln.text.lstrip()))


def duty_title_line(ln: Line) -> bool:
    """A line that is a duty title alone (:data:`DUTY_TITLE`), no sentence."""
    title = ln.folded.strip().rstrip(":")
    return bool(title) and len(title) <= DUTY_LINE_MAX and bool(DUTY_TITLE.search(title)) \
        and not PROSE_CLAUSE_END.search(title) and len(title.split()) < 3   # 序号 成员单位 应急职责: a table's header


def item_units(text: str, offset: int, first_is_lead: bool, marks: str = "*",
               folded: str | None = None, subjects: bool = False) -> tuple[list[UnitMention], int, int]:
    """Units named in an item's text (``folded``: the same text folded, if at hand): labelled
    lists, bracketed lists, role verbs. A bracket counts where it opens a sentence, closes a line, or
    closes a sentence with a plain list (then 。 or ;: ``…的公开和解读(区发展改革委、区经委)。做好…``, o73 松江,
    n72 广元, each sentence's units); one that closes a clause (then ,) only when it states roles (a 部门分工 item's
    ``…政策(…省科技厅、省发改委等负责。列第一位的为牵头部门…),建设…``, b24 湖南), never a second name or
    a note (``人才联络站(海外人才工作站),…``, m01 广州). ``subjects``: read the units that open a sentence as
    its subject (``县农业农村局要…``, :func:`graph.units.mentions_from_subject`) where no other names a unit,
    for a document whose items name their units in no other way."""
    folded = U.fold(text) if folded is None else folded
    found = U.mentions_from_labels(text, offset, first_is_lead, marks, folded)
    covered = [(m.start, m.end) for m in found]
    cut_at = open_bracket(folded)
    for a, b in bracket_groups(folded):
        if 0 <= cut_at < a:
            break   # a name's bracket inside the bracket the text's end cuts: read with it
        inner = U.list_before_note(folded[a + 1: b])
        if ":" in inner or any(a <= s - offset < b or s <= offset + a < e for s, e in covered):
            continue
        before = folded[:a].rstrip(" ")
        sentence_start = not before or before[-1] in "。;!?\n"
        line_end = LINE_END.match(folded, b + 1) is not None
        closes_clause = folded[b + 1:b + 2] in ("。", ";", ",")  # only a bracket that says roles: ``…(X牵头),…``
        if not (sentence_start or line_end or closes_clause):
            continue
        closes_sentence = folded[b + 1:b + 2] in ("。", ";") and not SCOPE_NOTE.match(inner) \
            and not before[-1:].isdigit()   # (含建湖经济开发区)。 a scope; 电话:64121234(区规划资源局); a contact
        if U.is_unit_list(inner) and (sentence_start or line_end or closes_sentence):
            found.extend(U.mentions_from_list(inner, offset + a + 1, first_is_lead=first_is_lead, lead_marks=marks))
            covered.append((offset + a, offset + b + 1))
        elif own := U.mentions_from_prose(text[a + 1:a + 1 + len(inner)], offset + a + 1, inner, first_is_lead):
            # each sentence's bracket says its own roles: ``…(合肥海关负责)…(省商务厅牵头,合肥海关配合)`` (z11 安徽)
            found.extend(own)
            covered.append((offset + a, offset + b + 1))
    for m in U.mentions_from_prose(text, offset, folded, first_is_lead):
        if not any(s <= m.start < e for s, e in covered):
            found.append(m)
    found.extend(cut_bracket_units(folded, offset, found, first_is_lead))
    found.extend(cut_agent_units(folded, offset, found))
    if not found and subjects:
        found = U.mentions_from_subject(text, offset, folded)
    found.sort(key=lambda m: m.start)
    unique: list[UnitMention] = []
    seen: set[tuple[str, str]] = set()
    for m in found:
        if (m.name, m.role) not in seen:
            seen.add((m.name, m.role))
            unique.append(m)
    if not unique:
        return [], -1, -1
    return unique, min(m.start for m in unique), max(m.end for m in unique)


SCOPE_NOTE = re.compile(r"(?:含|包括|包含|不含|除|即|如)")


def cut_bracket_units(folded: str, offset: int, found: list[UnitMention], first_is_lead: bool) -> list[UnitMention]:
    """The units of an item's last bracket that the text's end cuts before it closes, that ``found``
    lacks: after a lead verb, the cooperating units (``…(分管副省长负责,省发展改革委牵头,
    省工业和信息化厅、省``); with no verb, the plain list before the half-printed name (``(市政府辦公室、市``).

    Family: page excerpts cut inside an item's closing bracket (s10 湖南, n05 咸阳 in 繁體, and the
    label wording of :func:`graph.units.labelled_prose`, v06 福建 ``责任单位:X牵头,Y、``); a name's
    bracket inside it is read with the list (``〔省委军民融合办、…、省数据局(省营商局)``, d91 辽宁 2025) or,
    cut too, dropped (``(牵头单位:市发改委;责任单位:各区人民政府〈含开发区、``, i22 武汉 2022); a list cut
    inside its verb 牵头 leads (``〔省发展改革委、省数据局(省营商局)等牵``, f63 辽宁 2026)."""
    opened = open_bracket(folded)
    if opened < 0:
        return []
    inner, at = folded[opened + 1:], offset + opened + 1
    angle = inner.rfind("<")   # 〈 (and 《) fold to <
    if (nested := max(open_bracket(inner), angle if ">" not in inner[angle:] else -1)) >= 0:
        inner = inner[:nested]
    if any(m.role == "lead" and m.start >= at for m in found):   # a lead of this bracket, not an earlier one's
        names = {m.name for m in found}
        cooperating = U.labelled_prose(inner, at, cut=True) or U.mentions_from_labels(inner, at)
        return [m for m in cooperating if m.role == "cooperating" and m.name not in names]
    if any(m.start >= at for m in found) or "、" not in inner:
        return []
    if (verb := CUT_LEAD_VERB.search(inner)) and U.is_unit_list(inner[:verb.start()]):
        return U.mentions_from_list(inner[:verb.start()], at, role="lead", basis="text")   # 〔X、Y等牵|: they lead
    head = inner if U.is_unit_list(inner) else inner[:inner.rfind("、")]
    return U.mentions_from_list(head, at, first_is_lead=first_is_lead) if U.is_unit_list(head) else []


CUT_LEAD_VERB = re.compile(r"等?牵$")   # 牵头 cut after its first character (f63 辽宁 2026)


CUT_AGENT_LINE = re.compile(r"(?:^|\n)\s*由([^\n。]{2,200})\s*$")


def cut_agent_units(folded: str, offset: int, found: list[UnitMention]) -> list[UnitMention]:
    """Units of an item's last line ``由X、Y,…`` that a page excerpt cuts before its verb (负责落实): the
    units as printed, responsible. Family: items followed by a line ``由X、Y负责落实`` (g13 周口, its
    earlier items end so; one real document of the layout was found)."""
    m = CUT_AGENT_LINE.search(folded)
    if found or m is None or not U.is_unit_list(m.group(1)):
        return []
    return U.mentions_from_list(m.group(1), offset + m.start(1), role="responsible", basis="listed")


BRACKET = re.compile(r"[()]")


ANY_BRACKET = re.compile(r"[()\[\]]")


def open_bracket(folded: str) -> int:
    """Where the outermost ``(`` or ``[`` (〔) that the text's end leaves open is, or -1."""
    depth, open_at = 0, -1
    for m in ANY_BRACKET.finditer(folded):
        if m.group() in "([":
            if depth == 0:
                open_at = m.start()
            depth += 1
        elif depth:
            depth -= 1
    return open_at if depth else -1


def bracket_groups(text: str) -> list[tuple[int, int]]:
    """Outermost ``(…)`` groups of a folded text as (open, close) indexes."""
    groups, depth, open_at = [], 0, -1
    for m in BRACKET.finditer(text):
        if m.group() == "(":
            if depth == 0:
                open_at = m.start()
            depth += 1
        elif depth:
            depth -= 1
            if depth == 0:
                groups.append((open_at, m.start()))
    return groups


def paragraph_items(it: Item) -> list[Item]:
    """An item whose heading is only a title (``(一)约束性指标``) and whose sentences each hold
    their units in brackets (``耕地保有量保持在2000.9万亩。(市国土局牵头)``; ``…意见(省市场监管局负责)。``, j61
    江西 2019): one item per sentence, under the heading. Family: the division of a plan's targets by sentence, one per paragraph (k07
    长春's 十二五 纲要 分工, i01 国务院 ``(国务院各部门分别负责,…)``) or run together on one line
    (p01 天津's 十一五 纲要 分工, a bracket also on the next line), brackets of labels too (z12 安徽's
    若干政策, ``建设标识解析体系。…(责任单位:省经济和信息化厅、…)``); a heading with text of its own stays
    one item."""
    title_only = len(it.line.text.rstrip("。 ")) <= it.heading.marker_end + len(it.heading.title)
    if not title_only or it.children:
        return [it]
    pieces = sentence_pieces(it.body)
    named = [any(names_units(m.group(1)) for m in UNIT_BRACKET.finditer(p.folded)) for p in pieces]
    if sum(named) < 2 or not all(named[:-1]):  # the last may be cut
        return [it]
    section = it.section + (it.line.text.strip(),)
    return [Item(Heading("paragraph", "", 0, heading_title(p.text), 0), p, it.level + 1, it.path + (k + 1,), section, [])
            for k, p in enumerate(pieces)]


def names_units(inner: str) -> bool:
    """A bracket's folded text names units (a list, prose with a role, or a label and its list)."""
    return U.is_unit_list(inner) or bool(U.mentions_from_prose(inner, 0)) or bool(U.mentions_from_labels(inner, 0))


UNIT_BRACKET = re.compile(r"[(\[]((?:[^()\[\]\n]|[(\[][^()\[\]\n]{1,12}[)\]]){2,200})[)\]]")   # 县〔区〕 inside
SENTENCE_STOP = re.compile(r"[。;\n]")


def sentence_pieces(body: list[Line]) -> list[Line]:
    """The body's lines cut after each bracket of units that closes a sentence (after 。 or ;, at a
    line's start or end): ``A。(X牵头)B。(Y牵头)`` gives two pieces, and a bracket at the start of a
    line closes the sentence of the line before; a bracket inside a sentence closes it at its 。 or ;
    (``A(X负责),A'。B(Y负责)。``, j61 江西 2019 食品安全). No pieces when a sentence runs over lines."""
    stream = "".join(ln.folded + "\n" for ln in body)
    cuts = []
    for m in UNIT_BRACKET.finditer(stream):
        before = stream[:m.start()].rstrip(" ")
        if not names_units(m.group(1)):
            continue
        if not before or before[-1] in "。;\n" or stream[m.end()] == "\n":
            cuts.append(m.end())
        elif (stop := SENTENCE_STOP.search(stream, m.end())) is not None:
            cuts.append(stop.end())   # A(X负责),B。C(Y负责)。: the sentence that holds the bracket
    bounds = sorted({0, len(stream), *cuts})
    spans = []
    for a, b in zip(bounds, bounds[1:]):
        while a < b and stream[a] in " \n":
            a += 1
        while b > a and stream[b - 1] in " \n":
            b -= 1
        sentence = stream[a:b].rsplit("(", 1)[0].rsplit("[", 1)[0].rstrip()  # without its closing bracket
        if "\n" in sentence:
            return []
        if a < b:
            spans.append((a, b))
    return [piece_line(body, stream, a, b) for a, b in spans]


def piece_line(body: list[Line], stream: str, a: int, b: int) -> Line:
    """The span ``a:b`` of the body's joined lines as a line of the source (offsets into it)."""
    first, last = stream.count("\n", 0, a), stream.count("\n", 0, b - 1)
    first_at = sum(len(ln.folded) + 1 for ln in body[:first])   # where line ``first`` begins in the stream
    last_at = sum(len(ln.folded) + 1 for ln in body[:last])
    start, end = body[first].start + a - first_at, body[last].start + b - last_at
    text = "".join(ln.text + "\n" for ln in body)[a:b].replace("\n", "")
    return Line(body[first].index, start, end, text, stream[a:b].replace("\n", ""))


TASK_LABEL = re.compile(r"\s*(?:重点工作|重点任务|工作任务|主要任务|任务名称)\s*:\s*\|?\s*(\S.*?)\s*\|?\s*$")


def names_units_by_label(ln: Line) -> bool:
    """A line that opens with a label of units (``牵头单位:``, ``责任单位:``), not of persons."""
    m = U.shapes().label_re.match(ln.folded.lstrip(" |"))
    return m is not None and U.role_of_label(m.group(1)) != "ignore"


def opens_progress(ln: Line) -> bool:
    """A field of progress (``进展落实情况:``, ``进展情况、存在问题``), its words those of a progress column."""
    head = ln.folded.split(":")[0].strip(" |")
    return any(T.column_kind(word) == "progress" for word in head.split("、"))


def labelled_tasks(lines: list[Line], start: int, stop: int) -> list[Item]:
    """Tasks printed as records of labelled fields, the task's line first and its unit label among the
    next lines (``重点工作:推进更高层次的广佛同城化,…`` / ``牵头单位:市发展改革委`` / ``年度阶段性工作目标:…``):
    one item per record, its fields up to the record's progress (``进展落实情况:``) its body.

    Family: the tracking pages of a city's key tasks, one record a page (s23 广州 2019 and w13 2021, label
    and value on one line; m08 2015, ``重点工作: | 发展文化事业。… |`` cells of a copied table)."""
    heads = [(ln, m) for ln in lines[start:stop] if (m := TASK_LABEL.match(ln.folded))]
    items = []
    for k, (ln, m) in enumerate(heads):
        end = heads[k + 1][0].index if k + 1 < len(heads) else stop
        body = []
        for below in lines[ln.index + 1:end]:
            if opens_progress(below):
                break
            body.append(below)
        filled = [b for b in body if b.folded.strip(" |")]
        if not any(names_units_by_label(b) for b in filled[:2]):
            continue
        title = heading_title(m.group(1).strip(" |"))
        items.append(Item(Heading("label", "", 0, title, 0), ln, 0, (len(items) + 1,), (), body))
    return items


def with_labelled_tasks(items: list[Item], labelled: list[Item], stop: int) -> list[Item]:
    """The numbered items with the labelled records (:func:`labelled_tasks`) in their place: a numbered
    line inside a record (``1.制定…`` among its quarterly goals, ``1.已编制完成…`` in its progress) is part
    of the record."""
    if not labelled:
        return items
    ends = [it.line.index - 1 for it in labelled[1:]] + [stop]
    spans = [(it.line.index, end) for it, end in zip(labelled, ends)]
    kept = [it for it in items if not any(a <= it.line.index <= b for a, b in spans)]
    return sorted(kept + labelled, key=lambda it: it.line.index)


def body_tasks(source: SourceText, lines: list[Line], start: int, stop: int, reading: Reading,
               keys: set[str] | None = None, folded: str | None = None) -> list[Task]:
    """Candidate tasks of the body: every item with text of its own, with the units it names
    (``folded``: the source text folded, if at hand)."""
    first_is_lead = reading.first_is_lead
    folded = U.fold(source.text) if folded is None else folded
    items = with_labelled_tasks(parse_items(lines, start, stop), labelled_tasks(lines, start, stop), stop)
    first = items[0].line.index if items else stop
    # a goal paragraph before the first heading (总体目标:…, 到2025年,…) is an item of its own
    goals = [ln for ln in lines[start:first] if GOAL_PARAGRAPH.match(ln.folded) or PLAN_TARGETS.search(ln.folded)]
    for n, ln in enumerate(reversed(goals)):
        title = heading_title(ln.text.split(":")[0].split("：")[0]) if ":" in ln.folded[:8] else heading_title(ln.text)
        items.insert(0, Item(Heading("preamble", "", 0, title, 0), ln, 0, (0, len(goals) - n), (), []))
    items = [sub for it in items for sub in paragraph_items(it)]
    found = []
    for it in items:
        begin, end = it.line.start, (it.body[-1] if it.body else it.line).end
        text = source.text[begin:end]
        after_number = begin + it.heading.marker_end  # (一)省监察厅牵头: the number is no part of a name
        mentions, us, ue = item_units(source.text[after_number:end], after_number, first_is_lead, reading.marks,
                                      folded[after_number:end], reading.subjects)
        if (duties := unit_of_duties(it)) is not None and not group_of_members(it, duties):
            mentions, us, ue = [duties.unit], duties.unit.start, duties.unit.end
        found.append([it, text, mentions, us, ue])
    children, runs = children_of(found)   # the items below each item: their positions stay as units are shared
    share_group_units(source.text, found, children, runs)
    share_lead_in_units(found, children)
    share_heading_units(found, children)
    tasks: list[Task] = []
    keys = set() if keys is None else keys
    for it, text, mentions, us, ue in found:
        if it is None:   # a measure folded into its item (fold_measures_into_parent)
            continue
        duties = duty_paragraphs(it)
        if duties:
            heading = dataclasses.replace(it.heading, title=title_before_colon(it))
            tasks += [dataclasses.replace(t, section=it.section + (section_name(heading),))
                      for t in duty_section_tasks(source, duties, first_is_lead, keys, folded)]
            continue
        # a heading with nothing after its title is a section's name, unless it is a sentence
        # (静安: (一)实现全年区级一般公共预算收入同比增长1%。)
        has_text = len(it.line.text) > it.heading.marker_end + len(it.heading.title) + 1 or it.body \
            or it.line.text.endswith("。") or cut_with_targets(it, source.text)
        if not mentions and not has_text:
            continue
        title = it.heading.title
        if (duties := unit_of_duties(it)) is not None:
            title = duties.title
        if it.body and not it.children and (SECTION_LEAD.match(title) or heading_unit(it) and not DUTY_TITLE.search(title)):
            title = heading_title(it.body[0].text)  # (二)省审计厅牵头的工作 / 全面加强审计工作。
        key = claim_key("b" + "-".join(map(str, it.path)), keys)
        m = DEADLINE_LABEL.search(folded, it.line.start, it.line.start + len(text))
        tasks.append(Task(key=key, source="body", number=it.heading.number, title=title,
                          section=it.section, text=text, start=it.line.start, end=it.line.start + len(text),
                          units=tuple(mentions), deadline=m.group(1).strip() if m else "",
                          units_text=source.text[us:ue] if us >= 0 else "", units_start=us, units_end=ue))
    return tasks


DUTY_COLON = re.compile(r"\s*([^:,;。\s]{2,20})\s*:\s*")   # 14.市卫生局:负责…
DUTY_SENTENCE = re.compile(r"\s*([^:,;。\s]{2,20})\s*。\s*")   # (二十一)市公安局。负责… / (1)市林业局。


class Duties(NamedTuple):
    """A unit and the title of the duties an item gives it."""

    unit: UnitMention
    title: str


def unit_of_duties(it: Item) -> Duties | None:
    """The unit an item opens with, before a colon and its duties (``14.市卫生局:负责医院周边环境秩序综合整治的
    协调工作``, ``18.市园林绿化局:依据职能做好城市绿地、树木管护方面的工作``): responsible for the item, which
    is titled by its first clause as printed, the unit and its colon included (as :func:`colon_duty_tasks`
    titles the same duties printed without numbers).

    An item whose heading is the unit's name as a sentence of its own, its duties after it
    (``(二十一)市公安局。负责对市区和全市社会治安综合治理…的调研``, ``（9）区民防办。协助区相关部门…``), names the unit
    the same way and keeps that heading as its title, when the duties open with a duty verb (ontology
    ``duty_verbs``, ``responsible_verbs``); printed on the line below (``(1)市林业局。`` / ``负责火灾扑救的组织…``), they
    title the item by their first clause.

    Family: divisions of duties printed unit by unit (部门职责), each item opening with the unit's name
    and a colon (j53 北京 2012 环境秩序综合整治, items 14–23; m11 铜梁 自然灾害救助预案 ``2.6.2县民政局:负责…``)
    or a full stop (a65 a city's 市域一体化 调研 plan, items (二十一)–(二十六); the member units of an emergency plan,
    f52 金山 2020 水务 预案 ``（6）区应急管理局。协调组织…``, f50 黄浦 2016, e34 沈阳 森林火灾 on two lines); l52 辽阳
    prints the same on one line without numbers, which is not read.
    """
    folded, at = it.line.folded, it.heading.marker_end
    colon = DUTY_COLON.match(folded, at)
    m = colon or DUTY_SENTENCE.match(folded, at)
    if m is None or colon and m.end() >= len(folded) or not unit_title(m.group(1)):
        return None
    start = it.line.start + m.start(1)
    unit = UnitMention(name=it.line.text[m.start(1):m.end(1)], role="responsible", basis="text", start=start,
                       end=start + len(m.group(1)))
    if colon:
        return Duties(unit=unit, title=it.line.text[m.start(1):first_clause_end(folded, m.end(), len(folded))].strip())
    below = it.body[0] if m.end() >= len(folded) and it.body else None   # (1)市林业局。 / 负责…
    if not opens_duties(below.folded.lstrip() if below else folded[m.end():], after_sentence=True):
        return None
    if below is None:
        return Duties(unit=unit, title=it.heading.title)
    return Duties(unit=unit, title=below.text[:first_clause_end(below.folded, 0, len(below.folded))].strip())


def opens_duties(text: str, after_sentence: bool) -> bool:
    """Whether ``text`` opens with the duty a unit's name before it is given: a duty verb (ontology ``duty_verbs``:
    ``承担``, ``协调``), or, after the name printed as a sentence of its own, a role verb too (``市公安局。负责…``)."""
    return text.startswith(U.shapes().duty_verbs + (U.shapes().responsible_verbs if after_sentence else ()))


def group_of_members(it: Item, duties: Duties) -> bool:
    """Whether the unit an item opens with is a working group followed by the units that make it up
    (``(1)安置及生活救济组:镇民政办牵头,镇公安部门…为成员单位。负责…``, ``(4)生产自救组:由镇农技牵头…``): the
    members carry the group's duties, not the group; a group whose duties follow its colon
    (``3.抢险救助组:负责抢救受害人员…``) carries them itself.

    Family: the working groups of an emergency plan, each printed with its duties (m12 a city's 地质灾害 预案,
    d27 a town's 减灾救灾 工作组 with their members)."""
    if not U.is_working_group(duties.unit.name):
        return False
    rest = it.line.folded[duties.unit.end - it.line.start:].lstrip(" :。")
    return not rest.startswith(U.shapes().duty_verbs + U.shapes().responsible_verbs)


def first_clause_end(folded: str, at: int, end: int) -> int:
    """Where the first clause of ``folded[at:end]`` ends (at its first , 。 or ;), else ``end``."""
    stops = (folded.find(mark, at, end) for mark in ",。;")
    return min((i for i in stops if i >= 0), default=end)


def share_heading_units(found: list[list], children: dict[int, list[int]]) -> None:
    """A unit heading's unit (:func:`heading_unit`) goes to the items below it that name no unit, or
    to the heading itself when it has a paragraph and no items; after the other ways of sharing units
    (a numbered place over its problems and their label block, e32 荆州 ``1. 市科技馆``, keeps its label's units),
    and only in a list that names units in no other way (e32's place names are no units that carry the work),
    unless the heading says they are the unit's duties (``2.市指挥部办公室职责``, :data:`DUTY_TITLE`) or stands
    in a section of duties (:func:`under_duties`) or, for its items only, of an emergency plan's bodies
    (:func:`under_bodies`)."""
    if any(entry[0] is None for entry in found):
        return   # an item folded into its parent (fold_measures_into_parent): its list names units by labels
    named_elsewhere = any(entry[2] for entry in found)
    for i, (it, *_rest) in enumerate(found):
        named = heading_unit(it)
        of_duties = not named_elsewhere or DUTY_TITLE.search(it.heading.title) or under_duties(it)
        if not named or not (of_duties or under_bodies(it)):
            continue
        kids = [k for k in children.get(i, []) if not found[k][2]]
        if of_duties and not children.get(i) and it.body and not found[i][2]:
            found[i][2:5] = [named, named[0].start, named[0].end]
        for k in kids:
            found[k][2:5] = [list(named), named[0].start, named[0].end]


#: the end of a sentence that introduces the duties listed below it (…,履行下列共同职责: / 主要履行以下职责: /
#: 街道办事处及镇政府消防工作职责: / 区级指挥部主要职责如下: / …组成。主要职责:)
DUTIES_FOLLOW = re.compile(r"(?:(?:以下|下列)(?:共同)?|工作|主要)职责(?:如下|是|为)?\s*:\s*$")
SUBJECT_STOP = re.compile(r"[,:;。由]|应当|是|主要|除|还|在|按照|负责")   # where a lead-in's subject ends (as in units.CLAUSE_DELIMITERS)


def share_lead_in_units(found: list[list], children: dict[int, list[int]]) -> None:
    """The units that open the sentence introducing a list of duties (:data:`DUTIES_FOLLOW`) go to the items of
    the list that name no unit, responsible, before a unit heading above them shares its own name; a sentence that
    opens with no unit (``指挥长由市安委会主任…担任;成员单位由…组成。主要职责:``) gives the list to the unit its
    heading names alone (:func:`heading_unit`).

    Family: articles and sections that give a unit its duties as a numbered list after a sentence naming it
    (c35 长宁 2020 消防安全责任制 细则 ``第六条 区政府应当落实消防工作责任制,履行下列共同职责:`` / ``(一)贯彻执行…``,
    ``第八条 街道办事处及镇政府消防工作职责:``; a35 虹口 2022 建筑垃圾 ``(一)虹口区绿化和市容管理局`` /
    ``区绿化市容局是本区建筑垃圾处理的主管部门,…,主要履行以下职责:`` / ``1.组织制定…``); the command post of an
    emergency plan and its main duties (g34 嘉定 2025 人员转移安置 ``区级指挥部主要职责如下:``; b63 上海 2024 生产安全事故,
    a53 闵行 and a57 虹口 危险化学品 ``2.1 区安全生产应急救援指挥部`` / ``…组成。主要职责:`` / ``（1）贯彻落实…``)."""
    if any(entry[0] is None for entry in found):
        return   # an item folded into its parent (fold_measures_into_parent): its list names units by labels
    for i, (it, *_rest) in enumerate(found):
        if not children.get(i):
            continue
        ln = it.body[-1] if it.body else it.line
        at = 0 if it.body else it.heading.marker_end
        if not DUTIES_FOLLOW.search(ln.folded):
            continue
        named = lead_in_subject(ln, at) or heading_unit(it)
        for k in children[i] if named else []:
            if not found[k][2]:
                found[k][2:5] = [list(named), named[0].start, named[-1].end]


def lead_in_subject(ln: Line, at: int) -> list[UnitMention]:
    """The units a sentence opens with as its subject (``区政府各工作部门应当…``, ``街道办事处及镇政府消防…``)."""
    start = at + len(ln.folded[at:]) - len(ln.folded[at:].lstrip())
    stop = SUBJECT_STOP.search(ln.folded, start)
    head = ln.folded[start:stop.start() if stop else len(ln.folded)]
    for i in range(len(head), 1, -1):
        if U.name_ends_at(head, i) and U.is_unit_list(head[:i]):
            return [UnitMention(name=r.name, role="responsible", basis="text", start=r.start, end=r.end, alias=r.alias)
                    for r in U.split_raw(head[:i], ln.start + start) if U.unit_shape(r.name)]
    return []


def under_duties(it: Item) -> bool:
    """Whether an item stands right under a section that divides duties (``四、职责分工``, ``三、分工与职责``,
    ``五、主要职责``): its heading, a unit's name alone, is the unit that carries the duties below it.

    Family: 实施意见 and 实施方案 whose division of duties prints each unit's name as a heading of its own, its
    duties in a paragraph or numbered below it, in a document that names units in its other sections too
    (c28 松江 停车 ``(一)区交通委`` / ``1.制定有关具体操作流程…``, c29 杨浦 消防 ``三、工作职责`` / ``(一)街道消防安全委员会``
    / ``1.组织领导…``); a sentence naming the unit before its list of duties names it first (:func:`share_lead_in_units`)."""
    return bool(it.section) and DUTY_TITLE.search(it.section[-1]) is not None


#: the end of the title of an emergency plan's section that sets up its bodies, each under a heading of its own
BODIES_TITLE = re.compile(r"(?:组织体系|组织机构|工作机构|指挥机构|办事机构)$")


def under_bodies(it: Item) -> bool:
    """Whether an item stands right under the section that sets up an emergency plan's bodies (:data:`BODIES_TITLE`):
    its heading, a body's name alone, is the body that carries the duties numbered below it (not the paragraph
    that says how it is set up: ``1.市指挥部办公室`` / ``市指挥部下设办公室,…设在市林业局``, i11 绍兴).

    Family: 预案 that list each body's duties under its name (c58 崇明 2024 人员转移安置 ``2.组织体系`` /
    ``2.1区级应急指挥部`` / ``（1）评估突发事件危害影响…``; c59 上海 2023 修缮工地 ``2.1工作机构`` / ``2.1.1 市修缮中心`` /
    ``(1)动态掌握…``; g27 宝坻 2019 ``(二)办事机构`` / ``(1)气象组`` / ``①负责做好实时气象信息监测``)."""
    return bool(it.section) and BODIES_TITLE.search(it.section[-1]) is not None


def claim_key(key: str, keys: set[str]) -> str:
    """``key``, or ``key`` with ``x`` appended until no task of the document holds it; recorded in ``keys``."""
    while key in keys:
        key += "x"
    keys.add(key)
    return key


def duty_paragraphs(it: Item) -> list[Line]:
    """The paragraphs of a heading without items that each open with a unit and its duty
    (``省建设厅负责全省棚户区改造的规划…``, ``省发展改革委会同省建设厅…编制…``), when there are two or more
    and the heading's title is its only text: each is a task of its own (:func:`duty_section_tasks`). Under a
    heading of duties (:data:`DUTY_TITLE`) a unit may also open its paragraph as the subject of a duty verb
    (:func:`duty_subject`), the first duty may follow the title's colon on the heading's line, and under an
    unnumbered caption (:func:`duty_line_heading`) one paragraph is enough.

    Family: a section of duties by unit (部门职责) under a title (x51 山西 2006 ``三、组织领导与部门职责`` /
    ``省建设厅负责…`` / ``省财政厅负责…``); a news report's paragraphs without a heading are read by
    :func:`prose_tasks` alone (r44 汕头 ``卫生部门负责对…``, r42 开封).
    """
    own_text = len(it.line.text.strip()) > it.heading.marker_end + len(it.heading.title) + 1
    of_duties = bool(DUTY_TITLE.search(title_before_colon(it)))
    first = duties_after_title(it) if of_duties else None
    if it.children or (own_text and first is None and not it.line.folded.rstrip().endswith(":")):
        return []   # a heading's own text may only lead in to the list (…实现以下目标:) or be its first duty
    duties = [ln for ln in ([first] if first else []) + it.body if opens_with_duty(ln, subject=of_duties)]
    return duties if len(duties) >= 2 or duties and it.heading.style == "duty" else []   # a caption says they are duties


def title_before_colon(it: Item) -> str:
    """A heading's title up to its colon (``部门主要职责:省民政厅组织…`` → ``部门主要职责``)."""
    title = it.heading.title
    return title[:len(U.fold(title).split(":")[0])].strip()


def duties_after_title(it: Item) -> Line | None:
    """The first unit's duties printed on a duty heading's own line, after its title and colon
    (``5、部门主要职责:省民政厅组织、协调救灾工作;…``), as a line of their own; else None."""
    ln = it.line
    colon = ln.folded.find(":", it.heading.marker_end)
    if colon < 0:
        return None
    at = colon + 1
    while at < len(ln.folded) and ln.folded[at] == " ":
        at += 1
    if at >= len(ln.folded):
        return None
    rest = Line(ln.index, ln.start + at, ln.end, ln.text[at:], ln.folded[at:])
    return rest if duty_subject(rest) or colon_duty_opens(rest) else None


def duty_subject(ln: Line) -> tuple[str, int, int] | None:
    """The one unit that opens a paragraph of duties as its subject, a duty verb right after its name
    (``省水利厅承担…``, ``省经委协调…``; ontology ``duty_verbs``), or after its name printed as a sentence
    (``县委宣传部。负责…``): its name and its span in the source; else None."""
    folded = ln.folded
    lead = len(folded) - len(folded.lstrip())
    raws = U.leading_units(folded[lead:], ln.start + lead)
    if len(raws) != 1 or not unit_title(raws[0].name):
        return None
    after = raws[0].end - ln.start
    if folded[after:after + 1] in ("、", ",", "和", "及", "与"):
        return None   # a list of units, read as prose
    sentence = folded.startswith("。", after)
    rest = folded[after + 1:].lstrip() if sentence else folded[after:]
    if not opens_duties(rest, after_sentence=sentence):
        return None
    return ln.text[raws[0].start - ln.start:after], raws[0].start, raws[0].end


def leading_duty_tasks(source: SourceText, lines: list[Line], start: int, stop: int, first_is_lead: bool,
                       keys: set[str], folded: str) -> list[Task]:
    """The duties of units printed before a document's first heading, two or more paragraphs in a row that
    each open with a unit and its duty (:func:`duty_paragraphs`' openings), read as a section of duties is
    (:func:`duty_section_tasks`).

    Family: page excerpts that begin inside an emergency plan's list of member units' duties and go on to
    its numbered sections (d24 葫芦岛 暴风雪 预案 ``市卫生局:负责…`` / ``市广电局:负责…`` / ``3.1资金准备``; d30 盘锦
    ``市卫生局负责…`` / ``市文广局负责…``)."""
    runs: list[list[Line]] = [[]]
    for ln in lines[start:stop]:
        if opens_with_duty(ln):
            runs[-1].append(ln)
        elif ln.text and runs[-1]:
            runs.append([])   # a paragraph of another kind ends the run; an empty line does not
    return [task for run in runs if len(run) >= 2
            for task in duty_section_tasks(source, run, first_is_lead, keys, folded)]


def duty_section_tasks(source: SourceText, duties: list[Line], first_is_lead: bool, keys: set[str],
                       folded: str) -> list[Task]:
    """The tasks of a section's paragraphs of duties (:func:`duty_paragraphs`): a paragraph opened by one
    unit and a duty verb (:func:`duty_subject`) is that unit's task, responsible, titled by its first clause;
    the others are read as prose is (:func:`prose_tasks`).

    Family: divisions of duties by unit whose paragraphs open with the unit's name and what it does, no
    role verb between (y72 a province's 自然灾害 预案 ``5、部门主要职责:省民政厅组织、协调救灾工作;…`` /
    ``省水利厅承担…`` / ``省经委协调…``; m14 ``市食安办参加指挥部办公室工作…`` / ``市农经委负责…``)."""
    tasks: list[Task] = []
    prose: list[Line] = []
    for ln in duties:
        if (subject := duty_subject(ln)) is None:
            prose.append(ln)
            continue
        name, start, end = subject
        at = end - ln.start
        if ln.folded.startswith("。", at):
            at += 1   # 县委宣传部。负责…: titled by the duty
        else:
            at = start - ln.start
        title_end = first_clause_end(ln.folded, end - ln.start + 1, len(ln.folded))
        key = claim_key(f"p{ln.index + 1}-1", keys)
        unit = UnitMention(name=name, role="responsible", basis="text", start=start, end=end)
        tasks.append(Task(key=key, source="body", number="", section=(), title=ln.text[at:title_end].strip(),
                          text=ln.text, start=ln.start, end=ln.end, units=(unit,),
                          units_text=name, units_start=start, units_end=end))
    tasks += prose_tasks(source, prose, 0, first_is_lead, keys, folded)
    return sorted(tasks, key=lambda t: t.start)


def opens_with_duty(ln: Line, subject: bool = True) -> bool:
    """A paragraph that opens with a unit and its duty: by a role verb (``省建设厅负责…``), before a colon
    (``市公安局:…``) or, with ``subject``, as the subject of a duty verb (``省水利厅承担…``, :func:`duty_subject`)."""
    return opens_with_unit_duty(ln) or colon_duty_opens(ln) or subject and duty_subject(ln) is not None


def colon_duty_opens(ln: Line) -> bool:
    """A paragraph that opens with units and a colon, their duties after it (``市公安局:杜绝…``)."""
    m = COLON_DUTY.match(ln.folded.lstrip())
    return m is not None and names_duty_units(m.group(1))


def names_duty_units(opening: str) -> bool:
    """Whether the words before a duty's colon name units of their own (``区卫计局、区旅游局``), not all
    units at once (``要求各责任单位:加强领导``, a call to every unit)."""
    return U.is_unit_list(opening) and "各" not in opening and not U.shapes().role_noun_re.search(opening)


def opens_with_unit_duty(ln: Line) -> bool:
    """A line whose first clause names a unit by a role verb at its very start."""
    end = PROSE_CLAUSE_END.search(ln.folded)
    stop = end.start() if end else len(ln.folded)
    mentions = U.mentions_from_prose(ln.text[:stop], ln.start, ln.folded[:stop])
    return bool(mentions) and mentions[0].start == ln.start


def cut_with_targets(it: Item, text: str) -> bool:
    """An item that the end of a page excerpt cuts, whose text already states figures (``2.深化…改革,
    完成垦造耕地2000亩、建设用地复垦1000亩、城镇低效用地``, o01 海盐): a task, not a section's name."""
    return not it.body and it.line.end >= len(text.rstrip()) and re.search(r"\d", it.heading.title) is not None


#: the line that opens an annex: ``附件2`` / ``附件:`` alone, or with the annex's caption (``附件:相关单位及职责``, c40
#: 嘉定工业区 2025 预案), not a list of annexes (``附件:1.青浦区建筑垃圾管理细则``)
ANNEX_LINE = re.compile(r"附件\s*\d*\s*(?:[:：]\s*[^\d\s.．、][^。;；:：]{0,30})?[:：]?\s*$")
# a heading that only names who leads the items below it: 省编办牵头的工作, 县示范区管委会牵头工作(8项)
SECTION_LEAD = re.compile(r".{2,30}?(?:牵头|负责)的?工作(?:\(\d+项\))?$")
# a paragraph that opens with the plan's goals (主要指标: opens those of the pollution plans modelled on the State
# Council's 水十条 and 土十条: t22 青神 2017 ``主要指标:到2020年,全县受污染耕地安全利用率达到94%…``, the 水十条
# ``主要指标:到2020年,长江、黄河…七大重点流域水质优良…比例总体达到70%以上``)
GOAL_PARAGRAPH = re.compile(r"(?:[^,。:]{0,12}的|(?:19|20)\d{2}年[^,。:]{0,12})?(?:总体目标|工作目标|主要目标|发展目标|目标任务|主要指标|(?:主要)?预期目标)[是为]?\s*[:.]|到\s*(?:19|20)\d{2}\s*年(?:底|末)?\s*,")
# the sentence of an annual plan's preamble that states its targets, wherever it begins in its paragraph
# (c83 内蒙古 2020 ``2020年自治区国民经济和社会发展的主要预期目标是:地区生产总值增长6%左右;…``, c81 通辽 2021 ``…开启之年,
# 全市经济社会发展主要预期目标是:地区生产总值增长7%左右,…``; f61 安康 2018 ``…,2018年全市经济社会发展预期目标为:…``
# without 主要, r13 嘉祥 2023 ``…新嘉祥。主要预期目标为:地区生产总值增长6.5%左右,…`` without whose development)
PLAN_TARGETS = re.compile(r"(?:^|[。;,]\s*)(?:(?:19|20)\d{2}年)?(?:[^,。:;]{0,20}?(?:经济社会发展|经济和社会发展)的?(?:主要)?(?:预期)?"
                          r"|主要预期)目标[是为]\s*:")
DEADLINE_LABEL = re.compile(r"(?:完成时限|完成时间|时间节点|时限)\s*[::]\s*([^;;。)\n]{2,20})")


HEADING_LINE_MAX = 40  # characters: a heading line that names its lead, not an item's sentence


OVERALL_LEAD = "总牵头"  # printed after a section's lead unit


def children_of(found: list[list]) -> tuple[dict[int, list[int]], list[list[int]]]:
    """The items below each item (by position in ``found``), and the runs of items of one style
    with no item above them (a page excerpt that begins below their heading: (二), (三), (四))."""
    children: dict[int, list[int]] = {}
    runs: list[list[int]] = []
    for i, (it, *_rest) in enumerate(found):
        parent = next((j for j in range(i - 1, -1, -1) if found[j][0].level < it.level), None)
        if parent is None:
            if runs and runs[-1][-1] == i - 1 and found[i - 1][0].heading.style == it.heading.style:
                runs[-1].append(i)
            else:
                runs.append([i])
            continue
        children.setdefault(parent, []).append(i)
    return children, runs


def share_group_units(text: str, found: list[list], children: dict[int, list[int]], runs: list[list[int]]) -> None:
    """Units printed once for a group of items go to every item of the group.

    Two layouts: a heading that names units and only groups its children
    (``(二)提升基层服务能力(责任单位:…)`` then 1., 2., 3.); and a block of label lines
    (``牵头单位:…`` ``配合单位:…``) after the last of several items none of which names units —
    children of one heading, or items of an excerpt that starts below their heading (``children``, ``runs``:
    :func:`children_of`'s).
    """
    for run in runs:
        share_label_block(text, found, run)
    for parent, kids in children.items():
        if found[parent][0] is None or fold_measures_into_parent(text, found, parent, kids):
            continue
        it, _, mentions, us, ue = found[parent]
        if mentions and not it.body and all(not found[k][2] for k in kids):
            for k in kids:
                found[k][2:5] = [list(mentions), us, ue]
            found[parent][2:5] = [[], -1, -1]
            continue
        share_label_block(text, found, kids)
        # 省农委总牵头: the section's overall lead, not its items' (f23 黑龙江, c12 浙江)
        overall = us >= 0 and OVERALL_LEAD in text[us:ue + len(OVERALL_LEAD)]
        if mentions and all(m.role == "lead" for m in mentions) and not overall \
                and (not it.body or len(it.line.text) <= HEADING_LINE_MAX):
            # (三)省编办牵头的工作 then 1., 2. with their partners: the heading names their lead; a
            # heading with a paragraph of its own (一、强化科技创新(区科技局牵头) then its goals, o06
            # 婺城) stays a task of that lead; an item that names the units in charge of it (w31 金乡
            # 2020 ``一、整治提升村容村貌(县委农办、…牵头)`` / ``2.…(责任单位:县住房和城乡建设局)``) keeps them alone
            for k in kids:
                if not any(m.role in ("lead", "responsible") for m in found[k][2]):
                    kid = found[k]
                    kid[2:5] = [list(mentions) + kid[2], us, max(ue, kid[4])]
            if not it.body:
                found[parent][2:5] = [[], -1, -1]


MEASURE_STYLES = ("pnum", "circ")  # (1) and ① : the measures of an item, one sentence each


def fold_measures_into_parent(text: str, found: list[list], parent: int, kids: list[int]) -> bool:
    """An item that is only a title over measures ``(1)…(2)…`` (or ①②) closed by one block of
    label lines, none of the measures naming units: the item is the task, its measures its text
    (the found entries of the measures are set to None). True when so.

    Family: responsibility lists that break an item into its measures and name the units once for
    all of them (j03 运城 ``1.完善应急预案体系`` / ``(1)加强应急预案管理…`` … ``(4)…`` /
    ``(责任单位:市直各有关单位、…)``; e32 荆州 ``1. 市科技馆`` / ``(1)院内电动车未按指定区域停放;`` …
    / ``问题整改责任单位:市科技馆 整改时限:3天``). Items with titles of their own under one label
    block (h05 深圳 ``(二)推进“公园之城”建设。…`` … ``主办:…``) stay tasks each (share_label_block).
    A sentence that closes the section, ``此项工作由X牵头,Y配合`` (u45 a city's 市容整治 ``(二)环境保护`` /
    ``1.…`` … ``4.…`` / ``此项工作由市环保局牵头,…``), names the units of the heading above items of
    any style (a51 天津 ``八、改善居民供热…`` / its paragraph / ``此项工作由市建委负责组织,…`` has no
    items, and is read as it is).
    """
    it, last = found[parent][0], found[kids[-1]]
    if it is None or it.body or found[parent][2] or len(kids) < 2 or not last[2] \
            or any(found[k][0] is None or found[k][2] for k in kids[:-1]):
        return False
    closing = all(closes_section_at(text, m.start) for m in last[2])
    if not closing and (any(found[k][0].heading.style not in MEASURE_STYLES for k in kids)
                        or not all(label_line_at(text, m.start) for m in last[2])):
        return False
    end = last[0].line.start + len(last[1])
    found[parent][1:5] = [text[it.line.start:end], list(last[2]), last[3], last[4]]
    for k in kids:
        found[k][0] = None
    return True


def share_label_block(text: str, found: list[list], kids: list[int]) -> None:
    """A block of label lines after the last of several items, none of the others naming units,
    names the units of them all (深圳 h05 ``主办:…。协办:…。`` after (二)(三)(四); 运城 j03
    ``(责任单位:…)`` after (1)…(4))."""
    last = found[kids[-1]]
    if len(kids) > 1 and last[2] and all(not found[k][2] for k in kids[:-1]) \
            and all(label_line_at(text, m.start) for m in last[2]):
        for k in kids[:-1]:
            found[k][2:5] = [list(last[2]), last[3], last[4]]


SECTION_CLOSING = re.compile(r"\s*(?:此项|该项|本项|以上|上述)(?:各项)?(?:工作|任务)均?由")


def closes_section_at(text: str, offset: int) -> bool:
    """True when the unit at ``offset`` sits on a line that closes a section's work: ``此项工作由…``,
    ``以上工作由…``."""
    line_start = text.rfind("\n", 0, offset) + 1
    return SECTION_CLOSING.match(text, line_start, offset) is not None


def label_line_at(text: str, offset: int) -> bool:
    """True when the unit at ``offset`` sits on a line that starts with a unit label (牵头单位: …,
    or a bracket around it: ``(责任单位:…)``)."""
    line_start = text.rfind("\n", 0, offset) + 1
    return U.shapes().label_re.match(U.fold(text[line_start:offset]).lstrip("([")) is not None




HEADER_WORD_MAX = 8  # characters of a column name printed among the words of a line
TAIL_JUNK = re.compile(r"(?:\s+[\d―—–-]+)+\s*$")  # an empty cell's dash, a page number (― 23 ―)
SENTENCE_END = re.compile(r"。|;|;|\.(?=\s)")


def unit_column_of_header_line(lines: list[Line]) -> str:
    """The role of the one unit column named by a table header printed as words of a line
    (``2019 年目标任务 牵头单位 备注合计``), or "" when no line reads so."""
    from graph.structure.tables import UNIT_COLUMNS, column_kind

    for ln in lines:
        words = ln.text.split()
        if len(words) < 3:
            continue
        kinds = [column_kind(w) for w in words if len(w) <= HEADER_WORD_MAX]
        units = [k for k in kinds if k in UNIT_COLUMNS]
        if len(units) == 1 and sum(1 for k in kinds if k) >= 2:
            return units[0]
    return ""


def with_trailing_unit_cell(task: Task, role: str) -> Task:
    """A task with no units whose text ends, after its last sentence, with a list of units: that
    list, in the role of the table's unit column (``role``).

    Family: tables copied out of a PDF whose rows run over several lines (a row's number and name,
    its figures, its target sentence, then its unit cell): r06 广西 (``…发放救助金. 自治区民政厅``,
    a page's dash and number after it) and the rows of b02 常熟 (``…比重47.1%. 发改委``)."""
    if task.units or not role:
        return task
    ends = list(SENTENCE_END.finditer(task.text))
    if not ends:
        return task
    tail_start = ends[-1].end()
    tail = TAIL_JUNK.sub("", task.text[tail_start:])
    lead_pad = len(tail) - len(tail.lstrip())
    tail = tail.strip()
    if not 2 <= len(tail) <= 60 or not U.is_unit_list(tail):
        return task
    offset = task.start + tail_start + lead_pad
    units = U.mentions_from_list(tail, offset, role=role, basis="column")
    return dataclasses.replace(task, units=tuple(units), units_text=tail, units_start=offset,
                               units_end=offset + len(tail))


PROSE_CLAUSE_END = re.compile(r"[。;!?]")
LEAD_IN_MAX = 20  # characters of a paragraph's lead-in sentence (聚焦“幸福民生”。) that opens a task's title
TITLE_AFTER_VERB = re.compile(r",?的?([^,。;:!?]{2,60})")
WORK_BEFORE_UNITS = re.compile(r"([^,。;:!?]{2,20}?)(?:主要|均|统一)?由$")   # 校园内部安全整治主要由X牵头


def _prose_title(folded: str, at: int, first_unit: int, end: int) -> tuple[int, int] | None:
    """Where the title of a prose sentence ``folded[at:end]`` whose first unit starts at
    ``first_unit`` lies: the work named before the units (``A主要由X牵头,…``), else the first clause
    after the chain of role clauses (``X牵头,负责组织开展…``; ``由X牵头,Y配合,对…进行排查``);
    None when no work follows (``X负责,Y落实。``).

    Family: news reports and duty lists in running text (h22 国务院办公厅 甘肃, u06 贺兰; r42 开封
    ``市公安局牵头,负责组织开展对道路交通领域的专项整治工作``, r43 博白 ``食品卫生监管主要由食品药品监管局牵头,
    教育、卫生…等部门配合,对学校食堂…进行全面监督检查``)."""
    if (work := WORK_BEFORE_UNITS.fullmatch(folded, at, first_unit)) is not None:
        return work.start(1), work.end(1)
    if (said := U.IDENTITY.match(folded, at, end)) is not None and said.start(1) == first_unit:
        return said.start(1), said.end(2)   # X是…主管部门,负责…: titled by what the sentence says X is
    chain = [m for m in U.role_verbs(folded[at:end]) if at + m.end() > first_unit]
    if not chain:
        return None
    verb = chain[0]
    for following in chain[1:]:   # X牵头,Y、Z配合,…: the work follows the last role clause
        between = folded[at + verb.end():at + following.start()].strip(", ")
        if between and not U.is_unit_list(between):
            break
        verb = following
    title = TITLE_AFTER_VERB.match(folded, at + verb.end(), end)
    return (title.start(1), title.end(1)) if title else None


def _convened_title(folded: str, mentions: list, end: int) -> tuple[int, int] | None:
    """The work after the partners of ``X会同Y、Z编制…`` (x51 山西 2006 ``省发展改革委会同省建设厅、省国土资源厅编制
    下达棚户区改造经济适用住房建设计划``), which no role verb follows."""
    if len(mentions) < 2 or not U.CONVENE.search(folded, mentions[0].end, mentions[1].start):
        return None
    title = TITLE_AFTER_VERB.match(folded, mentions[-1].end, end)
    return (title.start(1), title.end(1)) if title else None


CLOSING_LABEL_TAIL = re.compile(r"[。;\s]*$")


def closing_label_units(ln: Line, first_is_lead: bool) -> tuple[list[UnitMention], int]:
    """The units of a label clause that closes an unnumbered paragraph (``…未创建公益广告。责任单位:县交通局。``)
    and where the label starts in the line; ``([], -1)`` when the paragraph closes otherwise or opens with
    its label (a label line of its own)."""
    labels = list(U.shapes().label_re.finditer(ln.folded))
    if not labels:
        return [], -1
    last = labels[-1]
    value_end = CLOSING_LABEL_TAIL.search(ln.folded, last.end()).start()
    value = ln.folded[last.end():value_end]
    if not value or PROSE_CLAUSE_END.search(value) or not PROSE_CLAUSE_END.search(ln.folded, 0, labels[0].start()):
        return [], -1
    first = labels[0]
    mentions = U.mentions_from_labels(ln.text[first.start():value_end], ln.start + first.start(), first_is_lead,
                                      folded=ln.folded[first.start():value_end])
    return mentions, first.start()


def labelled_paragraph_task(source: SourceText, ln: Line, first_is_lead: bool, keys: set[str]) -> Task | None:
    """A paragraph that states a task and closes with its units' label, titled by its first sentence.

    Family: unnumbered lists of problems or projects, each paragraph closed by ``责任单位:X。`` or
    ``责任部门:X、Y。`` (x31 建湖 2020 督查 ``图①:九龙大道两侧公交车站台没有创建公益广告。责任单位:县交通局。``;
    n51 无锡 2009 news report ``年内完成老新村综合整治…80万平方米;通过实物配租…。责任部门:市房管局。``)."""
    mentions, label_at = closing_label_units(ln, first_is_lead)
    if not mentions:
        return None
    title_end = PROSE_CLAUSE_END.search(ln.folded, 0, label_at).start()
    key = f"p{ln.index + 1}-1"
    keys.add(key)
    return Task(key=key, source="body", number="", section=(), title=ln.text[:title_end].strip(),
                text=ln.text, start=ln.start, end=ln.end, units=tuple(mentions),
                units_text=source.text[mentions[0].start:mentions[-1].end],
                units_start=mentions[0].start, units_end=mentions[-1].end)


def _subject_title(folded: str, mentions: list, end: int) -> tuple[int, int] | None:
    """The whole sentence whose subject its units are (``市教育局要在11月底新建、续建幼儿园9所``,
    :func:`graph.units.mentions_from_subject`), which no role verb follows."""
    if not U.SUBJECT_MODAL.match(folded, mentions[-1].end):
        return None
    while end > mentions[-1].end and folded[end - 1] in "。;!? ":
        end -= 1
    return mentions[0].start, end


#: units and a colon opening a sentence of their duties: ``区安监局:负责综合监督…``, ``区卫计局、区旅游局:负责…``
COLON_DUTY = re.compile(r"(?:^|(?<=[。;.!?])\s*)([^:,;。.!?\s]{2,60}?)\s*:\s*(?=\S)")


def colon_duty_tasks(source: SourceText, ln: Line, keys: set[str]) -> list[Task]:
    """The duties of a paragraph printed unit by unit without numbers, each opening with its units and a
    colon (``市公安局:杜绝省政府认定的道路交通特大事故;…``): a task per unit's duties, its units responsible,
    titled by the first clause of the duties; [] unless every such opening names units.

    Family: divisions of duties by department, one paragraph each (p82 a 四川 city 2003 安全生产目标 ``市公安局:…`` /
    ``市交通局:…``) or run on in one paragraph (p84 a district's 瓶改管 ``…挂牌督办. 区市场监管局:依法查处…``)."""
    text = ln.folded
    opens = [m for m in COLON_DUTY.finditer(text) if names_duty_units(m.group(1))]
    if not opens:
        return []
    tasks = []
    for k, m in enumerate(opens):
        end = opens[k + 1].start(1) if k + 1 < len(opens) else len(text)
        units_at = ln.start + m.start(1)
        mentions = U.mentions_from_list(source.text[units_at:ln.start + m.end(1)], units_at)
        if not mentions:
            continue
        title_end = first_clause_end(text, m.end(), end)
        key = f"p{ln.index + 1}-{k + 1}"
        keys.add(key)
        tasks.append(Task(key=key, source="body", number="", section=(),
                          title=ln.text[m.start(1):title_end].strip(), text=source.text[units_at:ln.start + end],
                          start=units_at, end=ln.start + end, units=tuple(mentions),
                          units_text=source.text[mentions[0].start:mentions[-1].end],
                          units_start=mentions[0].start, units_end=mentions[-1].end))
    return tasks


def prose_tasks(source: SourceText, lines: list[Line], start: int, first_is_lead: bool, keys: set[str],
                folded: str) -> list[Task]:
    """Tasks of a text that numbers none: each sentence (up to 。 or ;) that names units with a role
    verb, titled by what follows the verb. Family: news reports of a division of work, in running
    paragraphs (h22 国务院办公厅 甘肃 2010 ``发展改革委、…将负责支持建设兰(州)白(银)都市经济圈,…``;
    u06 贺兰 2024 ``由贺兰县教育体育局负责的中考信息化提升项目投资475.7万元,…;``); a verb with no work
    after it (``X牵头"``, ``X负责,Y落实``) makes no task. A short lead-in sentence that opens the
    paragraph (``聚焦“幸福民生”。由镇公路站负责的农村道路硬化项目,…``, j21 林头镇) opens the title too."""
    tasks: list[Task] = []
    for ln in lines[start:]:
        if (labelled := labelled_paragraph_task(source, ln, first_is_lead, keys)) is not None:
            tasks.append(labelled)
            continue
        if duties := colon_duty_tasks(source, ln, keys):
            tasks += duties
            continue
        bounds = [0, *(m.end() for m in PROSE_CLAUSE_END.finditer(ln.folded)), len(ln.folded)]
        tasks_before = len(tasks)
        for a, b in zip(bounds, bounds[1:]):
            at = ln.start + a
            mentions = U.mentions_from_prose(source.text[at:ln.start + b], at, folded[at:ln.start + b], first_is_lead) \
                or [m for m in U.mentions_from_subject(source.text[at:ln.start + b], at, folded[at:ln.start + b])
                    if not U.is_collective(m.name)]   # 各相关单位要…: a call to all, no task
            if not mentions:
                continue
            title = _prose_title(folded, at, mentions[0].start, ln.start + b) \
                or _convened_title(folded, mentions, ln.start + b) or _subject_title(folded, mentions, ln.start + b)
            if title is None:
                continue  # no work after the verb: a list of who does what, not a sentence of a task
            opens, closes = (title[0] - ln.start, title[1] - ln.start)
            if len(tasks) == tasks_before and 0 < a <= LEAD_IN_MAX and opens > a:
                opens = 0
            key = f"p{ln.index + 1}-{len(tasks) + 1}"
            keys.add(key)
            tasks.append(Task(key=key, source="body", number="", section=(),
                              title=ln.text[opens:closes].strip(),
                              text=source.text[at:ln.start + b], start=at, end=ln.start + b, units=tuple(mentions),
                              units_text=source.text[mentions[0].start:mentions[-1].end],
                              units_start=mentions[0].start, units_end=mentions[-1].end))
    return tasks


#: a count of the list that follows a colon: 这十件实事是:, 集中力量办好10件实事:, 十件民生实事分别是:
COUNTED_LIST = re.compile(r"(?:(\d{1,2})|([一二三四五六七八九十]{1,3}))\s*(?:件|项|大)[^:。;,]{0,16}?:\s*")


def counted_list_tasks(source: SourceText, lines: list[Line], keys: set[str]) -> list[Task]:
    """The pieces of a list that a count announces before a colon, printed after the colon on the same
    line, when as many pieces as counted follow (numbered ``1.…。2.…`` or parted by ``;``): a task each,
    titled by its first clause, with no units; for a document in which nothing else is a task.

    Family: news reports of a government's yearly 实事 (l05 榆中 2016 繁體 ``這十件實事是:1.新修高標準基本農田10萬畝。
    2.…``, l07 天水 2020 ``集中力量办好10件实事:建成藉河治理二期工程…;实施城区水务一体化工程…;…``, l06 秦安 2015
    ``這十件民生實事分別是:完成…;…``): their targets are the plan's."""
    tasks: list[Task] = []
    for ln in lines:
        m = COUNTED_LIST.search(ln.folded)
        if m is None:
            continue
        count = int(m.group(1)) if m.group(1) else cn_to_int(m.group(2))
        rest = ln.folded[m.end():]
        pieces = run_on_items(rest)   # 1.…。2.…: cut before each next number, as a line of run-on items is
        headings = [match_heading(Line(0, 0, 0, piece, piece)) for piece in pieces]
        if len(pieces) >= 2 and all(headings):
            starts = [sum(map(len, pieces[:k])) for k in range(len(pieces))]
            bounds = [(at + h.marker_end, at + len(piece)) for at, h, piece in zip(starts, headings, pieces)]
            labels = [h.number for h in headings]
        else:
            cuts = [0, *(i + 1 for i, mark in enumerate(rest) if mark == ";"), len(rest)]
            bounds = [(a, b) for a, b in zip(cuts, cuts[1:]) if rest[a:b].strip(" ;。")]
            labels = [str(k + 1) for k in range(len(bounds))]
        if len(bounds) != count or count < 2:
            continue
        for label, (a, b) in zip(labels, bounds):
            start = ln.start + m.end() + a
            piece = source.text[start:ln.start + m.end() + b].rstrip(" ;；。")
            key = f"c{ln.index + 1}-{label}"
            keys.add(key)
            title_end = first_clause_end(U.fold(piece), 0, len(piece))
            tasks.append(Task(key=key, source="body", number=label, title=piece[:title_end].strip(), section=(),
                              text=piece, start=start, end=start + len(piece)))
    return tasks
