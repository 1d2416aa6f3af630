"""Metadata, headings, tasks and tables of a plan: the ``structure`` stage.

:func:`parse_plan` reads a :class:`graph.records.SourceText` and returns a
:class:`graph.records.Plan`: the plan's metadata (:mod:`.metadata`), and every candidate task —
each numbered item of the body (:mod:`.items`, over the lines and headings of :mod:`.lines`) and
each row of a table (:mod:`.tables`; tables flattened into text rebuilt by :mod:`.table_recovery`).
"""
from __future__ import annotations

import dataclasses
from collections.abc import Sequence

from graph import regions
from graph import units as U
from graph.records import Plan, PlanMeta, SourceText, Task
from graph.structure import tables as T
from graph.structure.items import ANNEX_LINE, body_tasks, counted_list_tasks, labelled_tasks, leading_duty_tasks, prose_tasks, unit_column_of_header_line, with_trailing_unit_cell
from graph.structure.lines import Line, NO_TASKS, REGION_HEAD_LINES, REGION_TAIL_LINES, STOP_LINE, contents_end, match_heading, \
    split_lines
from graph.structure.metadata import find_doc_number, find_issue_date, find_issuer, find_period, find_references, find_region, \
    find_title, number_printed_at_head, signature_line, units_level


def lead_convention(tasks: list[Task], first_is_lead: bool) -> str:
    """How the document marks leads: column, star, first-listed, text or listed."""
    bases = {m.basis for t in tasks for m in t.units}
    roles = {m.role for t in tasks for m in t.units}
    if "column" in bases:
        return "column"
    if "star" in bases:
        return "star"
    if first_is_lead:
        return "first-listed"
    if "listed" in bases:
        return "listed"
    if "lead" in roles:
        return "text"
    return ""


def parse_plan(source: SourceText) -> Plan:
    """Metadata and candidate tasks of one plan document."""
    folded = U.fold(source.text)  # one character for one: offsets hold in both
    lines = split_lines(source.text, folded)
    title, t0, t1 = find_title(lines)
    records = labelled_tasks(lines, 0, len(lines))   # a record of labelled fields opens the body as a heading does
    contents = contents_end(lines)   # the headings a table of contents lists are none of the body's
    first_heading = min(next((ln.index for ln in lines[contents:] if match_heading(ln)), len(lines)),
                        records[0].line.index if records else len(lines))
    # the body starts after the plan's title; a "title" found below the first heading
    # (an annex's caption, say) must not hide the items above it
    body_start = t1 + 1 if 0 <= t1 < first_heading else (first_heading if first_heading < len(lines) else 0)
    body_start = max(body_start, contents)
    finder = TaskFinder(source, lines, folded)
    body_start = min(body_start, next((ln.index for ln in lines[:body_start] if finder.tables.starts_at(ln.index)),
                                      body_start))
    opening = min(body_start, t1 + 1 if t1 >= 0 else 0)   # where text below the title starts
    tasks = finder.tasks(body_start)
    if not any(t.units for t in tasks):  # no item names units: their sentences' subjects may (县农业农村局要…)
        finder.subjects, finder.keys = True, set()
        tasks = finder.tasks(body_start)
    if not any(t.units for t in tasks):  # no item names units: a news report's sentences may, from below its
        # title (a report without one may print its numbered list of page furniture below the text: r42 开封)
        tasks += prose_tasks(source, lines, opening, finder.first_is_lead, finder.keys, folded)
    else:   # units' duties above the first heading and any table (a page excerpt that starts inside them)
        stop = next((ln.index for ln in lines[opening:first_heading] if finder.tables.starts_at(ln.index)), first_heading)
        tasks = leading_duty_tasks(source, lines, opening, stop, finder.first_is_lead, finder.keys, folded) + tasks
    if not tasks:  # nothing numbered, nothing named: a report may list the year's 实事 after their count
        tasks = counted_list_tasks(source, lines, finder.keys)
    if U.says_responsible_leads(source.text):
        tasks = [responsible_as_lead(t) for t in tasks]
    noted_at, every = U.units_of_every_task(source.text)
    if every:
        tasks = [with_units_of_every_task(t, every) if t.units and t.end > noted_at else t for t in tasks]
    meta = plan_meta(source, lines, (title, t0, t1), body_start, lead_convention(tasks, finder.first_is_lead),
                     [m.name for t in tasks for m in t.units])
    warnings = () if tasks else (NO_TASKS,)
    unclosed = [t.number for t in tasks if t.source == "body" and unclosed_unit_bracket(folded[t.start:t.end])]
    if unclosed:
        warnings += (f"unclosed bracket in the unit list of task{'s' if len(unclosed) > 1 else ''} "
                     f"{', '.join(unclosed[:8])}{' …' if len(unclosed) > 8 else ''}",)
    return Plan(source=source, meta=meta, tasks=tuple(tasks), warnings=warnings)


class TaskFinder:
    """The tasks of one document: numbered items of its body, rows of its tables, items of its annexes."""

    def __init__(self, source: SourceText, lines: list[Line], folded: str) -> None:
        self.source, self.lines, self.folded = source, lines, folded
        self.tables = T.DocumentTables(source, lines)
        self.first_is_lead = U.says_first_listed_leads(source.text)
        self.marks = U.lead_marks(source.text)
        self.keys: set[str] = set()
        self.subjects = False   # read the units that are their sentences' subjects (items.item_units)

    def tasks(self, body_start: int) -> list[Task]:
        """Every task from ``body_start`` on: the body until an annex, a table or the page's footer,
        then each table or annex, and the numbered prose after a table (三、保障措施…)."""
        lines = self.lines
        body_stop = self._stop(body_start)
        tasks = self._items(body_start, body_stop)
        k, table_index = body_stop, 0
        while k < len(lines):
            found, nxt = self.tables.tasks_from(k, self.reading(), table_index)
            annex = next((ln.index for ln in lines[k:nxt] if ANNEX_LINE.match(ln.text)), None) if not found else None
            if annex is not None:  # an annex that lists numbered items, not a table (附件1 / 1.…)
                stop = self._stop(annex + 1)
                found, nxt = self._items(annex + 1, stop), stop
            tasks.extend(found)
            table_index += 1
            if found and nxt < len(lines) and match_heading(lines[nxt]) and not STOP_LINE.match(lines[nxt].text):
                stop = self._stop(nxt + 1)
                tasks.extend(self._items(nxt, stop))
                nxt = stop
            k = max(nxt, k + 1)
        return tasks

    def reading(self) -> T.Reading:
        """What the document's items and tables are read with."""
        return T.Reading(first_is_lead=self.first_is_lead, marks=self.marks, subjects=self.subjects)

    def _stop(self, start: int) -> int:
        """The line where body text that starts at ``start`` ends: an annex, a table or the footer."""
        return next((ln.index for ln in self.lines[start:]
                     if STOP_LINE.match(ln.text) or self.tables.starts_at(ln.index)), len(self.lines))

    def _items(self, start: int, stop: int) -> list[Task]:
        found = body_tasks(self.source, self.lines, start, stop, self.reading(), self.keys, self.folded)
        if any(not t.units for t in found):
            role = unit_column_of_header_line(self.lines[:stop])
            found = [with_trailing_unit_cell(t, role) for t in found]
        return found


def plan_meta(source: SourceText, lines: list[Line], title_at: tuple[str, int, int], body_start: int,
              convention: str | None, unit_names: Sequence[str] = ()) -> PlanMeta:
    """The plan's metadata: title, region, issuer, number, dates, period, references (``unit_names``:
    the units its tasks name, whose level tells which of the places it names is its region when
    nothing above its body does)."""
    title, t0, t1 = title_at
    signed = signature_line(source.text, lines)
    issued = find_issue_date(source.text, lines, signed)
    issuer = find_issuer(lines, signed)
    period = find_period(title, source.text, issued)
    doc_number = find_doc_number(source.text)
    region, parent_region = find_region(title, issuer, "\n".join(ln.text for ln in front_lines(lines, body_start)),
                                        "\n".join(ln.text for ln in lines[-REGION_TAIL_LINES:]),
                                        "\n".join(ln.text for ln in lines[:REGION_HEAD_LINES]),
                                        doc_number if number_printed_at_head(doc_number, lines, REGION_HEAD_LINES) else "")
    body = source.text[lines[body_start].start if body_start < len(lines) else 0:]
    if not region and not regions.is_national(issuer, title) and (level := units_level(unit_names)):
        found = regions.division_named_most(source.text, level)
        region, parent_region = (found.name, found.parent) if found else ("", "")
    return PlanMeta(title=title, region=region, parent_region=parent_region, issuer=issuer, doc_number=doc_number,
                    issued=issued, period_start=period[0], period_end=period[1], lead_convention=convention,
                    references=find_references(body, title, doc_number),
                    title_start=lines[t0].start if t0 >= 0 else -1, title_end=lines[t1].end if t1 >= 0 else -1)


def front_lines(lines: list[Line], body_start: int) -> list[Line]:
    """The lines before the body (page furniture, title, covering notice) and the body's first paragraph,
    at most ``REGION_HEAD_LINES``: where a plan names its own government (``3月16日,呼和浩特市人民政府公布…``,
    ``经安康市第四届人民代表大会…审议通过``) before its tasks name the districts that carry them."""
    first = next((ln.index for ln in lines[body_start:] if ln.text), len(lines))
    return lines[:min(first + 1, REGION_HEAD_LINES)]


def responsible_as_lead(task: Task) -> Task:
    """A task that names no lead, its responsible units leading: for documents that say so
    (:func:`graph.units.says_responsible_leads`)."""
    if any(m.role == "lead" for m in task.units):
        return task
    units = tuple(dataclasses.replace(m, role="lead") if m.role == "responsible" else m for m in task.units)
    return dataclasses.replace(task, units=units)


def with_units_of_every_task(task: Task, every: list) -> Task:
    """A task with the units a note says carry every task (:func:`graph.units.units_of_every_task`)
    that it does not name itself."""
    named = {m.name for m in task.units}
    return dataclasses.replace(task, units=task.units + tuple(m for m in every if m.name not in named))


def unclosed_unit_bracket(text: str) -> bool:
    """True when a line opens a bracket before a unit label (``(责任单位:…``) and never closes it."""
    if "(" not in text and "（" not in text:
        return False
    for line in U.fold(text).split("\n"):
        for m in U.shapes().label_re.finditer(line):
            opened = line.rfind("(", 0, m.start())
            if opened >= 0 and not line[opened + 1:m.start()].strip() \
                    and line.count("(", opened) > line.count(")", opened):
                return True
    return False
