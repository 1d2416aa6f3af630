"""Plans published as the data of a page's script, read as a table of records.

Family: dashboards and 工作图谱 pages that keep a plan's tasks in their JavaScript, one object literal
per task (c21 广东 2025 ``{ id: "1", title: "实施关键核心技术攻关", content: "…", departments: "省科技厅、
工业和信息化厅按职责分工负责…" }``, nested in sections; e81 浙江 2026 ``{"id": 1, "category": "…", "task": "…",
"owner": "省发展改革委", "co": "省经信厅、省科技厅", "time": "2026年12月"}``, JSON on one line). The records of the
commonest set of keys become one table: a header row of the keys as printed, a row per record, its
values unescaped; what the keys mean is read later, as any header is. Objects that hold other objects
(a section and its tasks) are no records; neither is an object of one field (a chart's tree of names).
"""
from __future__ import annotations

import json
import re
from collections import Counter

from graph.ingest.layout import Item, Row, clean_cell

#: an object literal that holds no other object
INNER_OBJECT = re.compile(r"\{[^{}]*\}")
#: one ``key: value`` field: the key bare or quoted, the value a quoted string or a number
FIELD = re.compile(r"""(?:"(?P<dq>[A-Za-z_]\w*)"|'(?P<sq>[A-Za-z_]\w*)'|\b(?P<bare>[A-Za-z_]\w*))\s*:\s*"""
                   r"""(?:"(?P<dv>(?:[^"\\\n]|\\.)*)"|'(?P<sv>(?:[^'\\\n]|\\.)*)'|(?P<num>-?\d+(?:\.\d+)?)\b)""")
CJK = re.compile(r"[\u4e00-\u9fff]")
MIN_RECORDS = 3     # fewer objects with Chinese text are a page's settings, not a plan's data
MIN_FIELDS = 2


def has_script_records(text: str) -> bool:
    """Whether ``text`` may keep records in script objects (a quick test before :func:`script_items`)."""
    return text.count("{") >= MIN_RECORDS and text.count(":") >= MIN_RECORDS * MIN_FIELDS


def _value(m: re.Match) -> str:
    """A field's value as the page shows it: escapes of a quoted string read (``\\"``, ``\\u4e00``)."""
    if m.group("num") is not None:
        return m.group("num")
    raw = m.group("dv") if m.group("dv") is not None else m.group("sv").replace('"', '\\"').replace("\\'", "'")
    try:
        return json.loads(f'"{raw}"')
    except ValueError:
        return raw


def _records(text: str) -> list[tuple[int, int, dict[str, str]]]:
    """Each innermost object with at least two fields and some Chinese text: (start, end, fields)."""
    out = []
    for obj in INNER_OBJECT.finditer(text):
        fields: dict[str, str] = {}
        for m in FIELD.finditer(obj.group()):
            fields.setdefault(m.group("dq") or m.group("sq") or m.group("bare"), _value(m))
        if len(fields) >= MIN_FIELDS and any(CJK.search(v) for v in fields.values()):
            out.append((obj.start(), obj.end(), fields))
    return out


def script_items(text: str) -> list[Item] | None:
    """The text's lines before its first record, the records of the commonest key set as a table
    (``("script", rows)``, the keys its header), and the lines after the last record; None when the
    text holds fewer than :data:`MIN_RECORDS` records of one key set."""
    records = _records(text)
    shapes = Counter(tuple(fields) for _, _, fields in records)
    if not shapes:
        return None
    keys, count = shapes.most_common(1)[0]
    if count < MIN_RECORDS:
        return None
    chosen = [(s, e, f) for s, e, f in records if tuple(f) == keys]
    rows: list[Row] = [tuple(keys)]
    rows += [tuple(clean_cell(fields[k]) for k in keys) for _, _, fields in chosen]
    before = text[: chosen[0][0]].split("\n")
    after = text[chosen[-1][1]:].split("\n")
    return [*before, ("script", tuple(rows)), *after]
