"""The one table reader of the ``structure`` stage: a :class:`graph.records.Table` → tasks.

Every table comes here as rows × cells, whatever the format: the tables a Word file, a web page
or a PDF structures itself (``SourceText.tables``, read by ``ingest``) and the tables whose cells
were flattened into text, which :mod:`graph.table_recovery` rebuilds into the same blocks. Reading
a table is three steps, each done here only:

1. the header row is found by its column names (:func:`column_kind`, :func:`is_header`,
   :func:`header_of`), a header printed over two rows included;
2. each column gets a role (:func:`column_kind`: 牵头 → lead, 配合/协同/参与 → cooperating,
   责任单位 → responsible — cooperating beside a 牵头 column —, 分管领导 → persons, not units,
   完成时限 → deadline, 当前进度 / 备注 → neither; the words are ``table_columns`` in
   ``ontology/unit_shapes.json``);
3. each row is a task (:func:`row_task`), a merged cell giving its value to every row it spans.

:class:`DocumentTables` finds the tables of one document for :func:`graph.structure.parse_plan`:
the file's own tables first, recovered text tables elsewhere.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache

from graph import units as U
from graph.measures import is_measure_unit
from graph.records import Cell, SourceText, Table, Task, UnitMention
from graph.structure.lines import KEY_MARKERS, Line, heading_title, match_heading

DEADLINE_CELL = re.compile(r"^((?:19|20)\d{2}\s*年?\s*(?:[-—–~至到]\s*(?:19|20)\d{2}\s*年?)?(?:\d{1,2}\s*月)?(?:\d{1,2}\s*日)?"
                           r"(?:底|末|内|上半年|下半年|全年|[一二三四1-4]季度)?(?:前|之前|以前|完成|起)?"
                           r"|.{0,8}(?:年底|年内|月底|季度|上半年|下半年|前)|长期.{0,4}|持续.{0,4}|常态化.{0,4}|每年.{0,6}|逐年.{0,4}"
                           r"|\d{1,2}\s*月份?)$")  # 6月: the month of the plan's year (e21 工业和信息化部)
ROW_NUMBER = re.compile(r"^\d{1,3}$")
CLAUSE_PUNCT = re.compile(r"[。;,、:]")
SENTENCE_PUNCT = re.compile(r"[。;,]")

INDICATOR_HEADER = re.compile(r"指标|指標")
LEVEL_HEADER = re.compile(r"^[一二三四][级級]")  # 一级指标 | 二级指标: levels of one column of names
TASK_TARGET_HEADER = re.compile(r"(?:目标任务|预期目标|目标)$")  # the task itself when no column names it
TASK_HEADER = re.compile(r"任务|任務|事项|事項|名称|名稱")  # a column header that names the task
FINER_HEADER = re.compile(r"细化|細化|具体分工|^具体(?:内容|要求)$|^具體(?:內容|要求)$|^(?:主要)?(?:工作|任务|任務)(?:内容|內容)$|^(?:工作|具体|具體)?(?:措施|举措|舉措)$")  # a column that divides the task named beside it
TARGET_HEADER = re.compile(r"(?:(?:19|20)\d{2}年|年度|全年)?(?:目标值?|预期值|预期目标|目标任务)")
MONEY_HEADER = re.compile(r"投资|资金|金额|预算|产值|营业收入|投資|資金|金額|預算|產值")
HEADER_UNIT = re.compile(r"[((]([^()（）]{1,6})[)）]$")
BASELINE_HEADER = re.compile(r"(?:(?:19|20)\d{2}年)?(?:基数|基期值?|现状值?|基准值?|基础值|实际值|实际完成|完成值?|现值)")
HEADER_NOT = re.compile(r"[、,，;；“”\"《》]")
# a plan's title broken over lines (立山区政府2023年重点工作 / 任务分解和责任分工方案) or a table's
# caption (2016年民生实事目标任务分解表) is no header cell
TITLE_END = re.compile(r"(?:方案|要点|意见|规划|细则|办法|纲要|..(?<!代)表)$")  # …分解表 captions, not 领衔代表
HEADER_MAX = 24  # characters: a longer cell is never a column header

#: Columns of units. The roles ``ignore`` (persons), ``progress``, ``count`` (项目数量: how many tasks a
#: unit has), ``place`` and ``category`` are read for nothing.
UNIT_COLUMNS = ("lead", "responsible", "cooperating")
ITEM_MARKS = tuple(KEY_MARKERS.strip("★☆*"))   # △ ▲ ◆ …: marks of items (★ and * mark a lead unit instead)


@lru_cache(maxsize=65536)
def column_kind(header: str) -> str | None:
    """The role of a table column from its header text, or None.

    Serves every table style: header cells are bare words (``牵头单位``, ``完成时限``,
    ``2025年目标值``); the words of each role are ``table_columns`` in unit_shapes.json. The keys
    of a script's records (``owner``, ``co``, ``departments``) are ``data_keys`` there, matched whole.
    """
    if len(header) > HEADER_MAX:
        return None
    if header.isascii():
        return U.shapes().data_keys.get(header.lower())   # a script record's key (owner, co, departments)
    h = header.replace(" ", "")
    folded = U.fold(h)
    if LEVEL_HEADER.match(h) and len(h) <= 6:
        return "name"   # 一级要点 | 二级要点 (r23 中山): levels of the task's name, see settle_kinds
    if HEADER_NOT.search(h) or re.match(r"[(注※]", folded) or "的为" in h or len(h) > 16 or ":" in folded \
            or "。" in h or re.match(r"\(?[一二三四五六七八九十\d]+[)、.．]", folded) or TITLE_END.search(h):
        return None  # header cells are bare words
    if h in ("单位", "计量单位", "指标单位"):
        return "measure"
    if TARGET_HEADER.fullmatch(h) or MONEY_HEADER.search(h):
        return "target"
    if BASELINE_HEADER.fullmatch(h):
        return "baseline"
    for kind, words in U.shapes().table_columns:
        if any(w in h for w in words):
            return kind
    return None


def settle_kinds(kinds: list[str | None], names: list[str]) -> list[str | None]:
    """Column roles read with their neighbours: of two columns naming the task (略阳 指标 |
    工作任务, 吴江 项目 | 目标任务) the second holds the task's text; a ``目标任务`` column is the
    task's text when no other column names the task (b02 常熟: 目标任务 | 分管领导 | 牵头单位;
    s03 沙坪坝: 2022年预期目标 | 责任单位), a target column in an indicator table (指标 | 目标任务);
    a 责任单位 beside a cooperating column, with no 牵头 column, leads when ranked first or beside a 协办 column
    (:func:`graph.units.responsible_leads_beside`); the departments that assess each row are its units when
    no other column names units (k56 石城 2018 ``序号 | 考核项目 | 各项分值 | 考核指标 | 负责考核部门``, n73 旌阳
    2016 ``项目 | 分值 | 目标任务 | 监考单位``), and only assess beside a 责任部门 column (l01 嵊泗 评分部门)."""
    if "assessor" in kinds and not any(k in UNIT_COLUMNS for k in kinds):
        kinds = ["responsible" if k == "assessor" else k for k in kinds]
    if "cooperating" in kinds and "lead" not in kinds:
        partners = [n for k, n in zip(kinds, names) if k == "cooperating"]
        kinds = [("lead" if k == "responsible" and U.responsible_leads_beside(n, partners) else k)
                 for k, n in zip(kinds, names)]
    ranked = [i for i, k in enumerate(kinds) if k == "responsible"]
    if len(ranked) == 2 and ranked[1] == ranked[0] + 1 and U.FIRST_RANK.match(names[ranked[0]].replace(" ", "")):
        # 主要责任单位 | 责任单位 (p41 广东 2014), 第一责任单位 | 主要责任单位 (u42 嘉兴 2006): the first
        # of two unit columns side by side, ranked first by its name, leads; the other cooperates
        kinds = [("lead" if i == ranked[0] else "cooperating" if i == ranked[1] else k) for i, k in enumerate(kinds)]
    kinds = [("name" if k == "target" and nxt == "name" and TASK_TARGET_HEADER.fullmatch(n.replace(" ", "")) else k)
             for k, nxt, n in zip(kinds, list(kinds[1:]) + [None], names)]  # 目标任务 | 具体任务 (g02 大足)
    levels = [i for i, n in enumerate(names) if LEVEL_HEADER.match(n.replace(" ", ""))]
    if len(levels) > 1:  # the deepest level names the row, the others group rows
        kinds = [("category" if i in levels[:-1] else k) for i, k in enumerate(kinds)]
    if kinds.count("name") > 1 and "text" not in kinds:
        # 指标 | 工作任务, 项目 | 任务: the first names the task group, the second holds the task
        second = [i for i, k in enumerate(kinds) if k == "name"][1]
        return [("text" if i == second else k) for i, k in enumerate(kinds)]
    if any(k in ("name", "text") for k in kinds):
        return kinds
    return ["text" if k == "target" and TASK_TARGET_HEADER.search(n.replace(" ", "")) else k
            for k, n in zip(kinds, names)]


def is_header(kinds: list[str | None], names: list[str] | tuple[str, ...] = ()) -> bool:
    """Whether the column roles of a row make a header: a column of units (or of the departments that
    assess each row, :func:`settle_kinds`) and one naming the task, or (an indicator table, 一级指标 |
    二级指标 | 评价标准) a column of indicators and one of their targets."""
    named = [k for k in kinds if k]
    if len(named) >= 2 and any(k in UNIT_COLUMNS or k == "assessor" for k in named) \
            and any(k in ("name", "text", "number") for k in named):
        return True
    indicators = any(k == "name" and INDICATOR_HEADER.search(n) for k, n in zip(kinds, names))
    return indicators and any(k in ("target", "text") for k in named)


@lru_cache(maxsize=65536)
def cell_kind(text: str) -> str:
    """What a table cell holds: units, deadline, number or text."""
    t = U.fold(text).strip()
    if ROW_NUMBER.match(t):
        return "number"
    if U.is_unit_list(U.strip_notes(t)) or U.is_unit_list(U.without_person(t)) or U.is_unit_list(list_before_cut(t)) \
            or U.is_unit_list(ROLE_PHRASE.sub("", t)) or units_with_roles(t):
        return "units"
    if len(t) <= 20 and DEADLINE_CELL.match(t):
        return "deadline"
    if len(t) <= 8 and not CLAUSE_PUNCT.search(t):
        return "short"
    return "text"


#: a unit cell that says its units' role after them: ``市发改委牵头落实``, ``X、Y、Z分别牵头落实`` (i04 潍坊),
#: ``应急处、监督处…等按职责分工落实`` (c11 广东省卫生健康委)
ROLE_PHRASE = re.compile(r"(?:等)?(?:按职责分工|按职责)?(?:分别|参照)?(?:牵头|负责|配合|协助|参与|落实|主办|协办)(?:落实|实施|推进)?$")
LIST_PIECE = re.compile(r"[^,;、]+[,;、]?")


def role_clauses(text: str) -> list[tuple[int, int]]:
    """The spans of a unit cell's clauses, each closed by its units' role (``X、Y牵头,Z配合``);
    [] unless the cell is such clauses throughout (the separators are kept with their clause)."""
    spans, start = [], 0
    for m in LIST_PIECE.finditer(text):
        if ROLE_PHRASE.search(m.group().rstrip(",;、")):
            spans.append((start, m.end()))
            start = m.end()
    return spans if spans and start == len(text) else []


def units_with_roles(text: str) -> bool:
    """Whether a cell lists units clause by clause, each saying its units' role (``办公室牵头,各科室配合``,
    q21 江门; ``市财政局牵头,市直各部门落实;各镇(街)参照落实``, q22 台山; ``局防控办主办、各工作组协办``,
    o23 江门). Family: the unit column of 政务公开 task tables, where one cell names the lead, the
    cooperating and the implementing units."""
    if not ROLE_PHRASE.search(text.rstrip(",;、")):
        return False   # the last clause says no role (most cells: a quick way out)
    clauses = [text[a:b].rstrip(",;、") for a, b in role_clauses(text)]
    return len(clauses) > 1 and U.is_unit_list("、".join(ROLE_PHRASE.sub("", c) for c in clauses))


def list_before_cut(text: str) -> str:
    """A list of units cut a few characters into its last name (``区财政局、…、区统计局、区``, a page
    excerpt that stops mid-cell), or cut inside its bracket (``▲招商投资促进中心,各部门,各镇乡(``, r21 诸暨):
    the names before the cut, else ''. Family: tables of page excerpts cut inside a unit cell (g04 上城,
    pipe rows; b06 平顶山, rows one per line; r21 诸暨, a cell per line)."""
    m = CUT_LAST_NAME.search(text)
    if m:
        return text[:m.start()]
    m = U.UNCLOSED_TAIL.search(text)   # …,各镇乡( cut inside the name's bracket (r21 诸暨): the name before it
    return text[:m.start()] if m and any(sep in text[:m.start()] for sep in ",、") else ""


CUT_LAST_NAME = re.compile(r"、[\u4e00-\u9fa5]{1,3}$")


def looks_like_name(text: str) -> bool:
    """A short cell with no sentence punctuation reads as a task name, not its content."""
    t = U.fold(text)
    return len(t) <= 30 and not SENTENCE_PUNCT.search(t)


# ---------------------------------------------------------------- header

@dataclass(frozen=True)
class Header:
    """A table's header: the rows it takes and the role and name of each grid column."""

    first: int                     # index of the header's first row
    rows: int                      # rows it takes (2 when a header cell spans sub-columns)
    kinds: tuple[str | None, ...]  # one per grid column
    names: tuple[str, ...]         # the header text of each grid column


HEADER_SEARCH_ROWS = 6  # a title row or two may stand above the header


def header_of(table: Table) -> Header | None:
    """The header row(s) of a table, found by their column names in its first rows.

    Families: a plain header row; a title row spanning all columns above it (tables laid out for
    print); a header cell spanning sub-columns (``责任单位`` over ``牵头`` | ``配合``, ``本月进展``
    over two columns), read as two rows, the lower naming the column where it can.
    """
    for r, row in enumerate(table.rows[:HEADER_SEARCH_ROWS]):
        kinds = [column_kind(c.text) if c.text else None for c in row]
        own = [column_kind(c.text) for c in distinct(row) if c.text]
        if not is_header(kinds, [c.text for c in row]) or sum(1 for k in own if k is None) > len(own) // 2:
            continue
        names = [c.text for c in row]
        taken = 1
        spanning = {j for j, c in enumerate(row) if sum(1 for d in row if d is c) > 1}
        if spanning and r + 1 < len(table.rows):
            below = table.rows[r + 1]
            fresh = {j for j, c in enumerate(below) if c.text and c is not row[j]}
            if fresh and fresh <= spanning:
                taken = 2
                for j in fresh:
                    kinds[j], names[j] = column_kind(below[j].text), below[j].text
        return Header(r, taken, tuple(settle_kinds(kinds, names)), tuple(names))
    return None


def distinct(row: tuple[Cell, ...]) -> list[Cell]:
    """The cells of a row, a merged cell once."""
    out: list[Cell] = []
    for c in row:
        if not out or not any(c is d for d in out):
            out.append(c)
    return out


# ---------------------------------------------------------------- rows → tasks

@dataclass(frozen=True)
class Reading:
    """What every table and item of a document is read with: whether its first-listed units lead, the
    marks that star a lead, and whether units are read from their sentences' subjects (for a document
    whose items name units in no other way, :func:`graph.structure.items.item_units`)."""

    first_is_lead: bool = False
    marks: str = "*"
    subjects: bool = False


@dataclass(frozen=True)
class TableContext:
    """What every row of one table is read with."""

    source: SourceText
    kind: str                       # the Table's kind: docx, doc, html, pdf or text
    columns: tuple[str, ...]        # the column roles, the 序号 column left out
    reading: Reading
    index: int                      # the table's place in the document (0: the first)
    target_year: int | None = None  # 2025年目标值: the year of the target columns
    target_units: tuple[str, ...] = ()  # 目标值(万元): the measure of each target column


@dataclass
class RowCells:
    """One body row's cells by column role, and what it takes from the rows above."""

    number: str
    count: int                       # the row's place among the table's task rows
    assigned: dict[str, list[Cell]]
    section: tuple[str, ...]
    previous_name: str = ""          # the name of the row above, for a name printed once
    merged_name: bool = False        # the name cell is shared with the row above: titled by content


def read_table(source: SourceText, table: Table, header: Header, reading: Reading, table_index: int,
               base_section: tuple[str, ...] = ()) -> list[Task]:
    """Tasks of a table: one per row below the header.

    A row with one cell spanning the table (or a numbered heading alone: ``一、…``) is a section
    heading for the rows below it; a row repeating the header (a header printed on every page)
    is skipped. ``base_section``: the table's caption, when printed above it.
    """
    return TableRows(source, table, header, reading, table_index, base_section).tasks()


#: a column that counts things: 户数, 楼栋数, 小区数, 项目数量
COUNT_HEADER = re.compile(r"(.)(?:数量|个数|数)$")
#: headers that say no measure: no counts (指数, 系数 …) and figures of anything (目标数, 任务数, 完成数 …)
NO_MEASURE = ("指数", "系数", "倍数", "基数", "分数", "参数", "函数", "岁数", "度数",
              "目标数", "任务数", "计划数", "完成数", "指标数", "预计数", "实际数")


def header_measure(name: str) -> str:
    """The measure a target column's header gives its figures: the bracketed one (``降幅目标(%)``), or the
    measure word of what a count column counts (``户数`` 户, ``楼栋数`` 栋; ``小区数``, ``项目数量`` 个), else "".

    Family: tables that allot counts to the governments below, their header naming what is counted
    (h92 德州 2022 and h93 山东 2023 老旧小区改造: 项目数量 | 小区数 | 楼栋数 | 户数)."""
    folded = U.fold(name).replace(" ", "")
    if m := HEADER_UNIT.search(folded):
        return m.group(1)
    m = COUNT_HEADER.search(folded)
    if m is None or re.sub(r"(?:数量|个数)$", "数", folded).endswith(NO_MEASURE):
        return ""
    return m.group(1) if is_measure_unit(m.group(1)) else "个"


class TableRows:
    """Walks a table's body rows, keeping what a row takes from the rows above it."""

    def __init__(self, source: SourceText, table: Table, header: Header, reading: Reading, index: int,
                 base_section: tuple[str, ...]) -> None:
        self.table, self.header = table, header
        self.context = TableContext(
            source=source, kind=table.kind, columns=tuple(k for k in header.kinds if k and k != "number"),
            reading=reading, index=index,
            target_year=next((int(m.group(1)) for name, k in zip(header.names, header.kinds)
                              if k == "target" and (m := re.match(r"((?:19|20)\d{2})年", name))), None),
            target_units=tuple(header_measure(name) for name, k in zip(header.names, header.kinds) if k == "target"))
        title_rows = [row for row in table.rows[:header.first] if len(distinct(row)) == 1 and row[0].text]
        self.base = (title_rows[-1][0].text,) if title_rows and len(title_rows[-1][0].text) < 60 else base_section
        self.groups = names_group_rows(table, header)
        self.section: list[tuple[str, str]] = []
        self.previous_name, self.previous_cell = "", None
        self.units_above: dict[str, list[Cell]] = {}

    def tasks(self) -> list[Task]:
        """The table's tasks, keys made unique (a number printed twice keeps two tasks)."""
        header_texts = [tuple(c.text for c in row)
                        for row in self.table.rows[self.header.first:self.header.first + self.header.rows]]
        tasks: list[Task] = []
        keys: set[str] = set()
        count = 0
        body = self.table.rows[self.header.first + self.header.rows:]
        item_of: list[Cell | None] = []   # each task's numbered project cell (see _project_item)
        marked = sum(1 for row in body if any(c.text.startswith(ITEM_MARKS) for c in row[:2]))
        for k, row in enumerate(body):
            own = [c for c in distinct(row) if c.text]
            if not own or tuple(c.text for c in row) in header_texts or self._section_row(row, own):
                continue
            if marked >= 2 and not any(c.text.startswith(ITEM_MARKS) for c in row[:2]):
                self._group_row(own[0].text)
                continue
            count += 1
            item = self._project_item(row)
            task = self._row(row, count, cut=k == len(body) - 1 and self._ends_document(own[-1]))
            if task and item is not None and item_of and item_of[-1] is item:
                join_rows(tasks[-1], task, self.context.source.text)
                continue
            if task:
                while task.key in keys:
                    task.key += "x"
                keys.add(task.key)
                tasks.append(task)
                item_of.append(item)
        return tasks

    def _project_item(self, row: tuple[Cell, ...]) -> Cell | None:
        """The row's name cell when it is an item numbered ``1.`` / ``1、`` over rows whose text
        cells are not numbered: those rows are the work lines of one item, one task.

        Family: progress tables of numbered projects copied as pipe rows, the project's cell
        printed once over its work lines (n21 新昌 ``1.城市人居环境提升项目 | 对人民中路…`` then
        ``对七星路… | 2021.12 | 城投集团``); where the rows are numbered themselves each stays a task."""
        if self.table.kind != "text" or "name" not in self.header.kinds or "text" not in self.header.kinds:
            return None
        name, text = row[self.header.kinds.index("name")], row[self.header.kinds.index("text")]
        if not name.text[:1].isdigit() and not name.text.startswith(("(", "（")):
            return None   # no item number (a quick way out)
        heading, own = heading_of_text(name.text), heading_of_text(text.text) if text.text else None
        numbered = heading is not None and heading.style in ("num", "pnum")
        return name if numbered and (own is None or own.style not in ("num", "pnum", "circ")) else None

    def _section_row(self, row: tuple[Cell, ...], own: list[Cell]) -> bool:
        """Whether the row is a section heading (one cell spanning the table, or ``一、…`` alone); if so it is kept."""
        text = own[0].text
        style = _section_style(heading_of_text(text), text)
        if len(own) != 1 or not (style or len(row) > 1 and sum(1 for c in row if c is own[0]) > 1):
            return False
        style = style or "span"
        styles = [s for s, _ in self.section]
        if style in styles:
            del self.section[styles.index(style):]
        self.section.append((style, text))
        return True

    def _group_row(self, text: str) -> None:
        """A row whose first cell is no marked item in a table of items marked ``△``: the name of the
        items below it (m32, a city's 政府工作任务 table: ``抓好财税金融工作,增强发展保障能力`` over
        ``△进一步调整财政支出结构…`` … ; its merged unit cell begins on the group's row)."""
        styles = [s for s, _ in self.section]
        if "mark" in styles:
            del self.section[styles.index("mark"):]
        self.section.append(("mark", text))

    def _ends_document(self, cell: Cell) -> bool:
        """Whether ``cell`` is cut by the end of the document: a page excerpt that stops mid-row (a
        cell of a row printed between pipes that lacks its closing pipe, d11 德安; else a cell that
        stops mid-sentence)."""
        text = self.context.source.text
        if text[cell.end:].strip():
            return False
        piped = "|" in text[max(0, cell.start - 3):cell.start]
        return piped or not U.fold(cell.text).rstrip().endswith(("。", ";", "!", "?", ")"))

    def _row(self, row: tuple[Cell, ...], count: int, cut: bool = False) -> Task | None:
        """The task of one body row; a row ``cut`` by the end of the document takes no units from above."""
        number, assigned = self._assign(row)
        if self.table.kind == "text" and not cut and not totals_row(row):
            self._carry_units(assigned)
        group, merged_name = self._group(assigned)
        category = [c.text for c in assigned.get("category", []) if c.text not in (t for _, t in self.section)]
        group = tuple(category[:1]) + group   # 类别 / an unnamed column grouping rows (o22 工作要点)
        cells = RowCells(number=number or str(count), count=count, assigned=assigned,
                         section=(tuple(t for _, t in self.section) or self.base) + group,
                         previous_name=self.previous_name, merged_name=merged_name)
        task, own_name = row_task(self.context, cells)
        self.previous_name = own_name or self.previous_name
        return self._with_section_lead(task)

    def _with_section_lead(self, task: Task | None) -> Task | None:
        """A row under a section row that names its lead (``(一)市场准入(牵头单位:市市场监管局)``): the
        lead among the row's responsible units leads, the others cooperate.

        Family: task lists whose sections name the unit that leads them and whose rows repeat it in a
        责任单位 column (g31 重庆 2025, the section rows with their labels, the column under
        ``序号 | 2025年度工作任务 | 责任单位``). One real document of this layout was found."""
        if task is None or not self.section:
            return task
        leads = {m.name for m in U.mentions_from_labels(U.fold(self.section[-1][1]), 0) if m.role == "lead"}
        if not leads or not any(m.name in leads and m.role == "responsible" for m in task.units):
            return task
        units = tuple(m if m.role != "responsible" else
                      replace(m, role="lead" if m.name in leads else "cooperating", basis="text") for m in task.units)
        return replace(task, units=units)

    def _assign(self, row: tuple[Cell, ...]) -> tuple[str, dict[str, list[Cell]]]:
        """The row's 序号 and its cells by column role (a cell spanning two columns is read in the first)."""
        assigned: dict[str, list[Cell]] = {}
        number = ""
        for cell, kind in zip(row, self.header.kinds):
            if not kind or not cell.text:
                continue
            if kind == "number":
                number = number or U.fold(cell.text).strip()
            elif not any(cell is c for cells in assigned.values() for c in cells):
                assigned.setdefault(kind, []).append(cell)
        return number, assigned

    def _carry_units(self, assigned: dict[str, list[Cell]]) -> None:
        """A copy prints a unit cell merged over rows once, in the first: the rows below take it."""
        if any(col in assigned for col in UNIT_COLUMNS):
            self.units_above = {col: assigned[col] for col in UNIT_COLUMNS if col in assigned}
        else:
            assigned.update(self.units_above)

    def _group(self, assigned: dict[str, list[Cell]]) -> tuple[tuple[str, ...], bool]:
        """The group a row belongs to (a name column that groups rows), and whether its name is merged
        with the row above (then the row is titled by its own content; the name stays the first row's)."""
        name_cell = assigned.get("name", [None])[0]
        group: tuple[str, ...] = ()
        # a row with a name and no text of its own is a task not divided (c11 广东 row 2): its name titles it
        if self.groups and name_cell is not None and "text" in assigned:
            group = (name_cell.text,)
            del assigned["name"]
        elif self.groups and name_cell is None and self.previous_cell is not None:
            group = (self.previous_cell.text,)
        merged = self.groups or (name_cell is not None and name_cell is self.previous_cell and "text" in assigned)
        if merged and not self.groups:
            del assigned["name"]
        self.previous_cell = name_cell or (self.previous_cell if self.groups else None)
        return group, merged


TOTALS_CELL = re.compile(r"(?:全(?:省|市|区|县|區|縣)\s*)?(?:合|总|小|總)\s*(?:计|計)\s*:?|全(?:省|市|区|县|區|縣)")


def totals_row(row: tuple[Cell, ...]) -> bool:
    """A totals row (``合 计 | 12.3 | 28``, ``全市 | 3.4``): it sums the rows above and takes none of their units."""
    first = next((c for c in row if c.text), None)
    return first is not None and TOTALS_CELL.fullmatch(first.text.strip()) is not None


def join_rows(task: Task, more: Task, text: str) -> None:
    """``task`` taking the units and text of ``more``, a later row of the same item."""
    seen = {(m.name, m.role) for m in task.units}
    task.units += tuple(m for m in more.units if (m.name, m.role) not in seen and not seen.add((m.name, m.role)))
    task.end = max(task.end, more.end)
    task.text = text[task.start:task.end]
    task.target_cells += more.target_cells


def names_group_rows(table: Table, header: Header) -> bool:
    """Whether the table's name column groups rows rather than naming each task: the next column
    is the task (its header says 任务, the name column's does not) and a name cell is merged
    over several rows that each hold a task of their own (略阳 指标 | 工作任务: 公共文化服务
    over four tasks; a Word/web table's merged cell, a text copy's cell printed once), or the next
    column divides the task (细化分工, c11 广东; 具体内容 / 具体要求 of 政务公开 task tables, q23 谯城区
    a town, o23 江门; 任务内容 / 主要工作内容 beside a 任务名称 / 工作任务 merged over rows, a34 宝山 2019, b34
    舟山 2018; 工作措施 beside a merged 事项, d36 上海 2023). The rows are then titled by their own text and the group
    becomes their section."""
    kinds = header.kinds
    if "name" not in kinds or "text" not in kinds:
        return False
    name_at, text_at = kinds.index("name"), kinds.index("text")
    finer = FINER_HEADER.search(header.names[text_at]) is not None  # 工作任务 | 细化分工 (c11 广东): rows divide a task
    if not finer and (not TASK_HEADER.search(header.names[text_at]) or TASK_HEADER.search(header.names[name_at])):
        return False  # 任务名称 | 主要内容: the name column names each task
    above = None
    for row in table.rows[header.first + header.rows:]:
        if len(row) <= max(name_at, text_at) or len(distinct(row)) == 1:
            continue
        name, text = row[name_at], row[text_at]
        if text.text and name is not text and above is not None and (name is above or not name.text):
            return True
        above = name if name.text else above
    return False


def item_title(text: str) -> str:
    """A task's title from the first line of its name or text cell, without its item number
    (``1.地区生产总值…``, ``(一)井盖整治项目``) or mark (``△加强财政监督…``)."""
    text = text.lstrip("".join(ITEM_MARKS) + " ")
    heading = heading_of_text(text)
    return heading.title if heading and heading.style in ("pcn", "num", "pnum", "circ") else heading_title(text)


def heading_of_text(text: str):
    """The numbered heading a cell starts with (``一、…``), or None."""
    return match_heading(Line(0, 0, len(text), text.strip(), U.fold(text.strip())))


def _section_style(heading, text: str) -> str:
    """The heading style of a section row (``一、…``, ``(一)…``, ``第一章``) or ""."""
    if heading and heading.style in ("cn", "pcn", "chapter") and len(text) <= 50 and "。" not in text:
        return heading.style
    return ""


def row_task(context: TableContext, row: RowCells) -> tuple[Task | None, str]:
    """One table row as a task, from its cells by column role.

    Returns the task and the row's own name (empty when the name cell was merged with the row
    above and printed only there — a table copied to text —; the row then takes that name).
    """
    source, assigned = context.source, row.assigned
    mentions = row_mentions(context, assigned)
    own_name, title = row_title(context, row)
    if not title and not mentions:
        return None, own_name
    body = assigned.get("text") or assigned.get("name") or [c for cells in assigned.values() for c in cells]
    a, b = (min(c.start for c in body), max(c.end for c in body)) if body else (0, 0)
    us = min((m.start for m in mentions), default=-1)
    ue = max((m.end for m in mentions), default=-1)
    number = row.number
    ident = number if number.isascii() and number.isalnum() else str(row.count or number)
    task = Task(key=f"a{context.index}-{ident}" if context.index else f"a{ident}", source="annex", number=number,
                title=title, section=row.section, text=source.text[a:b], start=a, end=b, units=tuple(mentions),
                deadline=column_text(assigned, "deadline"), units_text=source.text[us:ue] if us >= 0 else "",
                units_start=us, units_end=ue, target_cells=row_targets(context, assigned), table=context.kind)
    return task, own_name


def column_text(assigned: dict[str, list[Cell]], column: str) -> str:
    """The text of a row's cells under one column role."""
    return " ".join(c.text for c in assigned.get(column, []))


def row_mentions(context: TableContext, assigned: dict[str, list[Cell]]) -> list[UnitMention]:
    """The units of a row, from its unit columns (or labelled lists in one cell: 牵头单位:X;配合单位:Y), or
    the government an allotment table's row names (:mod:`graph.structure.allotment`)."""
    text, reading = context.source.text, context.reading
    mentions: list[UnitMention] = []
    for col, role, basis in (("lead", "lead", "column"), ("cooperating", "cooperating", "column"),
                             ("responsible", "responsible", "listed")):
        if col == "responsible" and "lead" in context.columns and "cooperating" not in context.columns:
            role, basis = "cooperating", "column"  # 牵头单位 | 责任单位: the others share the task
        for cell in assigned.get(col, []):
            if units_with_roles(U.fold(cell.text)):   # 办公室牵头,各科室配合: each clause says its role
                mentions.extend(clause_mentions(text, cell))
                continue
            if ROLE_PHRASE.search(U.fold(cell.text)):  # 市发改委牵头落实: the cell says the role
                mentions.extend(U.mentions_from_prose(text[cell.start:cell.end], cell.start))
                continue
            mentions.extend(U.mentions_from_list(text[cell.start:cell.end], cell.start, role, basis,
                                                 reading.first_is_lead and role == "responsible", reading.marks,
                                                 column=context.kind != "text"))
    for cell in assigned.get("government", []):  # an allotment table's column of governments: a cell is one name
        mentions.append(UnitMention(name=re.sub(r"\s+", "", cell.text), role="responsible", basis="column",
                                    start=cell.start, end=cell.end))
    leads = {m.name for m in mentions if m.role == "lead"}
    mentions = [m for m in mentions if m.role == "lead" or m.name not in leads]  # 牵头 区城管局 | 业主 区城管局
    if any(m.basis == "star" for m in mentions):
        for m in mentions:  # a ``*`` marks the row's lead: the unmarked units of the row cooperate
            if m.basis == "listed":
                m.role, m.basis = "cooperating", "star"
    if not mentions:
        for cell in assigned.get("name", []) + assigned.get("text", []) + assigned.get("note", []):
            if U.shapes().label_re.search(U.fold(text[cell.start:cell.end])):
                mentions.extend(U.mentions_from_labels(text[cell.start:cell.end], cell.start,
                                                       reading.first_is_lead, reading.marks))
    return mentions


def clause_mentions(text: str, cell: Cell) -> list[UnitMention]:
    """The units of a unit cell that says each clause's role (:func:`units_with_roles`), the role
    read from the clause's verb as a label's (:func:`graph.units.role_of_label`: 牵头 / 主办 lead,
    配合 / 协办 cooperating, 落实 responsible); basis ``text``. After a lead, the units that share the
    task ``按职责分工负责`` cooperate with it, as in prose (c21 广东 2025 ``省政务和数据局牵头,省科技厅、…按职责
    分工负责``), as :func:`graph.units.partner_role` says."""
    mentions: list[UnitMention] = []
    printed = text[cell.start:cell.end]
    lead_seen = False
    for a, b in role_clauses(U.fold(printed)):
        clause = U.fold(printed[a:b]).rstrip(",;、")
        phrase = ROLE_PHRASE.search(clause)
        role = U.role_of_label(phrase.group())
        after_lead = role == "responsible" and lead_seen
        for m in U.mentions_from_list(printed[a:a + phrase.start()], cell.start + a, role, "text", column=True):
            if after_lead:
                m.role = U.partner_role(m.name, carries_out="落实" in phrase.group())
            mentions.append(m)
        lead_seen = lead_seen or role == "lead"
    return mentions


def row_title(context: TableContext, row: RowCells) -> tuple[str, str]:
    """The row's own name (from its name cell) and its title: that name, the name printed above
    (a copy prints a merged name once), or the first line of its text cell."""
    text = context.source.text
    name_cells, text_cells = row.assigned.get("name", []), row.assigned.get("text", [])
    own_name = item_title(first_printed_line(text, name_cells[0])) if name_cells else ""
    first_line = text_cells[0].text if text_cells else ""
    if text_cells:
        first_line = first_printed_line(text, text_cells[0]) or first_line
    inherited = row.previous_name if "name" in context.columns and not row.merged_name else ""
    return own_name, own_name or inherited or (item_title(first_line) if first_line else "")


def first_printed_line(text: str, cell: Cell) -> str:
    """The first printed line of a cell, without the pipe that closed it there (k31 祁门: a cell per
    line, each closed by ``|``, a cell over two lines)."""
    return text[cell.start:cell.end].split("\n")[0].strip().rstrip("|｜").strip()


def row_targets(context: TableContext, assigned: dict[str, list[Cell]]) -> tuple:
    """The row's target cells: (text, measure, start, end, baseline, year) for each target column."""
    units = context.target_units
    return tuple((c.text, column_text(assigned, "measure") or (units[k] if k < len(units) else ""),
                  c.start, c.end, column_text(assigned, "baseline"), context.target_year)
                 for k, c in enumerate(assigned.get("target", [])))


# ---------------------------------------------------------------- a document's tables

class DocumentTables:
    """The tables of one document, by the lines they start at.

    The tables the file structures (``SourceText.tables``) are read by their cells where their
    header is found; elsewhere (text files, and structured tables without a header) tables
    flattened into the lines are recovered by :mod:`graph.table_recovery`.
    """

    def __init__(self, source: SourceText, lines: list) -> None:
        from graph.structure import table_recovery as R

        self.source = source
        self.lines = R.cell_lines(lines)
        self.row_ends = R.pipe_row_ends(lines, source.text)
        starts = self.starts = [ln.start for ln in lines]
        self._space: dict[int, bool] = {}
        self._allotment: dict[int, object] = {}
        self.blocks: dict[int, tuple[int, Table, Header]] = {}  # first line → (line after, table, header)
        self.inside: list[tuple[int, int]] = []
        from bisect import bisect_left, bisect_right

        for table in source.tables:
            header = header_of(table)
            if header is None:
                continue
            first = bisect_left(starts, table.start)
            after = bisect_right(starts, table.end)
            if first >= after:
                continue
            self.blocks[first] = (after, table, header)
            self.inside.append((first, after))

    def _structured_after(self, k: int) -> int:
        """The first line of the next structured table at or after ``k`` (len(lines) if none)."""
        if not self.blocks:
            return len(self.lines)
        return min((first for first in self.blocks if first >= k), default=len(self.lines))

    def _in_structured(self, i: int) -> bool:
        return any(a <= i < b for a, b in self.inside)

    def starts_at(self, i: int) -> bool:
        """True when a table starts at line ``i``."""
        from graph.structure import table_recovery as R

        if i in self.blocks:
            return True
        if self._in_structured(i):
            return False
        window = self.lines[i:min(self._structured_after(i), i + R.HEADER_WINDOW)]
        return R.starts_table(window, 0) or self._space_at(i) or self._allotment_at(i) is not None

    def _allotment_at(self, i: int):
        """The allotment table whose header is on line ``i`` (:mod:`graph.structure.allotment`), or None (remembered)."""
        from graph.structure import allotment as A

        if i not in self._allotment:
            self._allotment[i] = A.read_allotment(self.lines, i) if self.lines[i].text else None
        return self._allotment[i]

    def _space_at(self, i: int) -> bool:
        """Whether a table printed one row per line has its header on line ``i`` (remembered)."""
        from graph.structure import table_recovery as R

        if i not in self._space:
            self._space[i] = R.space_table_at(self.lines, i)
        return self._space[i]

    def tasks_from(self, k: int, reading: Reading, table_index: int) -> tuple[list[Task], int]:
        """Tasks of the next table at or after line ``k``; returns (tasks, line after the table)."""
        from graph.structure import allotment as A
        from graph.structure import table_recovery as R

        while self._in_structured(k) and k not in self.blocks:
            k += 1
        stop = self._structured_after(k)
        if stop > k:
            allot = next((i for i in range(k, stop) if self._allotment_at(i) is not None), None)
            bound = allot if allot is not None else stop
            space = next((i for i in range(k, bound) if self._space_at(i)), None)
            table, header, after = R.recover_table(self.source, self.lines[:space if space is not None else bound], k,
                                                   self.row_ends)
            first = self.lines_index(table.start) if table is not None else space
            if table is None and space is not None:
                table, header, after = R.recover_space_table(self.source, self.lines[:bound], space)
            if table is None and allot is not None:
                table, header = A.allotment_table(self.source, self._allotment[allot])
                first, after = allot, self.lines_index(self._allotment[allot].end)
            if table is not None:
                base = R.caption(self.lines, first)
                return read_table(self.source, table, header, reading, table_index, base), after
            if stop >= len(self.lines):
                return [], len(self.lines)
            k = stop
        after, table, header = self.blocks[k]
        return read_table(self.source, table, header, reading, table_index, R.caption(self.lines, k)), after

    def lines_index(self, offset: int) -> int:
        """The index of the line that starts at or after ``offset``."""
        from bisect import bisect_left

        return bisect_left(self.starts, offset)
