"""Workload per unit in a scope: tasks led, cooperated, responsible, targets, plans, sections.

"Workload" means task counts; it is not networkx's ``load_centrality`` (a path-flow measure).
"""
from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import NamedTuple

from graph.analysis.scopes import Scope

TOP_TASKS = 5


@dataclass(slots=True)
class UnitLoad:
    """The task counts of one node (unit, or function concept) in one scope."""

    node: str
    label: str
    region: str
    kind: str
    function: str
    lead: int = 0                 # tasks led (whole count; each co-lead counts 1)
    lead_weighted: float = 0.0    # tasks led, a task with k co-leads giving 1/k
    lead_inferred: int = 0        # of ``lead``, tasks whose lead was inferred by the lead policy
    cooperating: int = 0
    responsible: int = 0
    total: int = 0                # distinct tasks with any role
    targets: int = 0              # indicators of the tasks it leads
    plans: int = 0
    sections: int = 0
    members: int = 1              # units merged into this node (function level)
    on_led_tasks: int = 0         # its tasks that have a lead (any unit's): whether it takes part in led work
    lead_share: float = 0.0       # lead / tasks of the scope that have a lead
    top_tasks: list[str] = field(default_factory=list)


@dataclass
class ScopeLoads:
    """Loads of every node of a scope, with the scope's totals."""

    units: dict[str, UnitLoad]
    tasks: int                    # distinct tasks in the scope
    tasks_with_lead: int
    lead_assignments: int
    inferred_leads: int           # lead assignments inferred by the lead policy
    responsible_assignments: int


COUNTS = ("lead", "lead_inferred", "cooperating", "responsible", "total", "targets", "sections", "on_led_tasks")


class NodePart(NamedTuple):
    """One node's counts in one plan's rows; the parts of a node in several plans add up, since a
    task belongs to one plan (see :func:`loads_of_parts`)."""

    counts: tuple[int, ...]           # by ``COUNTS``: cooperating = tasks it cooperates on and does not lead, …
    members: list[str]                # its units, sorted
    terms: list[tuple[str, float]]    # (task led, 1 / the task's leads), by task
    led_top: list[tuple]              # (task order key, title) of its first tasks led
    other_top: list[tuple]            # … and of its first other tasks


@dataclass(slots=True)
class LoadPart:
    """What one plan's rows add to the loads of a scope holding the plan, at one level (unit or
    function): its nodes' parts, the units they hold, and the scope's totals."""

    nodes: dict[str, NodePart]
    unit_info: dict[str, tuple[str, str, str, str]]   # unit → (label, region, kind, function)
    totals: tuple[int, int, int, int, int]   # tasks, tasks with a lead, lead, inferred lead and responsible assignments

    def plain(self) -> tuple:
        """The part as plain values (for ``marshal``)."""
        return ({node: tuple(part) for node, part in self.nodes.items()}, self.unit_info, self.totals)

    @classmethod
    def from_plain(cls, plain: tuple) -> "LoadPart":
        nodes, unit_info, totals = plain
        make = NodePart._make
        return cls({node: make(values) for node, values in nodes.items()}, unit_info, tuple(totals))


@dataclass
class _Tally:
    """One pass over a plan's rows: per node [lead tasks, cooperating tasks, responsible tasks,
    sections, member units, inferred lead tasks], with what the loads need besides."""

    per_node: dict[str, list[set]] = field(default_factory=dict)
    leads_of_task: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    titles: dict[str, str] = field(default_factory=dict)
    task_order: dict[str, tuple] = field(default_factory=dict)
    # unit → (label, region, kind, function)
    unit_info: dict[str, tuple[str, str, str, str]] = field(default_factory=dict)
    lead_assignments: int = 0
    inferred_leads: int = 0
    responsible_assignments: int = 0


_ROLE_SLOT = {"lead": 0, "cooperating": 1, "responsible": 2}


def compute_loads(scope: Scope, indicators: dict[str, int], function_labels: dict[str, str]) -> ScopeLoads:
    """Count, for every node of ``scope``, the tasks it leads, cooperates on or is responsible for."""
    return loads_of_parts([load_part(rows, scope.level, indicators) for rows in plan_groups(scope.rows)],
                          scope, function_labels)


def plan_groups(rows) -> list[list]:
    """A scope's rows (sorted, so each plan's rows are together) plan by plan, in their order."""
    groups: dict[str, list] = {}
    for row in rows:
        groups.setdefault(row.plan, []).append(row)
    return list(groups.values())


def load_part(rows: list, level: str, indicators: dict[str, int]) -> LoadPart:
    """What the rows of one plan add to the loads of a scope of ``level`` (unit | function)."""
    tally = _tally(rows, level == "function")
    nodes = {node: _node_part(node, tally, indicators) for node in sorted(tally.per_node)}
    totals = (len(tally.task_order), len(tally.leads_of_task), tally.lead_assignments, tally.inferred_leads,
              tally.responsible_assignments)
    return LoadPart(nodes, tally.unit_info, totals)


def _tally(rows: list, by_function: bool) -> _Tally:
    """Collect each node's task sets and the assignment counts from one plan's rows."""
    tally = _Tally()
    per_node, leads_of_task, task_order, unit_info = (tally.per_node, tally.leads_of_task, tally.task_order,
                                                      tally.unit_info)
    for row in rows:
        node = row.function if by_function and row.function else row.unit
        task = row.task
        sets = per_node.get(node)
        if sets is None:
            sets = per_node[node] = [set(), set(), set(), set(), set(), set()]
        role = row.role
        sets[_ROLE_SLOT[role]].add(task)
        if task not in task_order:
            tally.titles[task] = row.task_title
            task_order[task] = (row.plan, row.section, task)
        sets[3].add(row.section)
        sets[4].add(row.unit)
        if row.unit not in unit_info:
            unit_info[row.unit] = (row.unit_label, row.region, row.kind, row.function)
        if role == "lead":
            tally.lead_assignments += 1
            leads_of_task[task].add(node)
            if row.inferred:
                tally.inferred_leads += 1
                sets[5].add(task)
        elif role == "responsible":
            tally.responsible_assignments += 1
    return tally


def _node_part(node: str, tally: _Tally, indicators: dict[str, int]) -> NodePart:
    """A node's part from its task sets in one plan's ``tally``."""
    leads_of_task, order_key, titles = tally.leads_of_task, tally.task_order.__getitem__, tally.titles
    led, cooperating, responsible, sections, members, inferred = tally.per_node[node]
    all_tasks = led | cooperating | responsible
    led_first = sorted(led, key=order_key)[:TOP_TASKS]
    others_first = sorted(all_tasks - led, key=order_key)[:TOP_TASKS]
    counts = (len(led), len(inferred), len(cooperating - led), len(responsible - led - cooperating),
              len(all_tasks), sum(indicators.get(t, 0) for t in led), len(sections),
              sum(1 for t in all_tasks if t in leads_of_task))
    return NodePart(counts, sorted(members), [(t, 1 / len(leads_of_task[t])) for t in sorted(led)],
                    [(order_key(t), titles[t]) for t in led_first], [(order_key(t), titles[t]) for t in others_first])


def loads_of_parts(parts: list[LoadPart], scope: Scope, function_labels: dict[str, str]) -> ScopeLoads:
    """The loads of ``scope`` from the parts of its plans (in the order of its rows): counts add
    up, a node's units are joined, its lead weight is summed over its tasks in order, its top
    tasks are the first of its plans' first ones."""
    merged: dict[str, list[NodePart]] = {}   # node → its parts, one per plan it takes part in
    unit_info: dict[str, tuple[str, str, str, str]] = {}
    totals = [0, 0, 0, 0, 0]
    for part in parts:
        for node, node_part in part.nodes.items():
            merged.setdefault(node, []).append(node_part)
        unit_info.update(part.unit_info)
        totals = [a + b for a, b in zip(totals, part.totals)]
    units = {node: _unit_load(node, merged[node], unit_info, scope, function_labels, totals[1])
             for node in sorted(merged)}
    return ScopeLoads(units, *totals)


def _unit_load(node: str, parts: list[NodePart], unit_info: dict, scope: Scope, function_labels: dict[str, str],
               tasks_with_lead: int) -> UnitLoad:
    """The loads of one node from its parts, one per plan it takes part in."""
    by_function = scope.level == "function"
    members = sorted(set().union(*(p.members for p in parts))) if len(parts) > 1 else parts[0].members
    infos = [unit_info[u] for u in members]
    if len(infos) == 1:   # most nodes: one unit
        top_label, kind = infos[0][0], infos[0][2]
    else:
        top_label, kind = _top_label(Counter(i[0] for i in infos)), _top_label(Counter(i[2] for i in infos))
    function = next((i[3] for i in infos if i[3]), "")
    label = (function_labels.get(node) or top_label) if by_function and node == function else top_label
    region = "; ".join(sorted({i[1] for i in infos if i[1]}))
    if scope.kind == "all" and region and not (by_function and node == function):
        label = f"{label} ({region})"   # across regions, 区农业农村局 alone would not say whose
    if len(parts) == 1:   # each part's lists are in order already
        counts, terms, first, others = parts[0].counts, parts[0].terms, parts[0].led_top, parts[0].other_top
    else:
        counts = [sum(column) for column in zip(*(p.counts for p in parts))]
        terms = sorted(t for p in parts for t in p.terms)
        first = sorted(t for p in parts for t in p.led_top)[:TOP_TASKS]
        others = sorted(t for p in parts for t in p.other_top) if len(first) < TOP_TASKS else []
    lead, lead_inferred, cooperating, responsible, total, targets, sections, on_led_tasks = counts
    first = first + others[:TOP_TASKS - len(first)]
    return UnitLoad(
        node=node, label=label, region=region, kind=kind, function=function,
        lead=lead, lead_weighted=sum(w for _, w in terms), lead_inferred=lead_inferred, cooperating=cooperating,
        responsible=responsible, total=total, targets=targets, plans=len(parts), sections=sections,
        members=len(members), lead_share=lead / tasks_with_lead if tasks_with_lead else 0.0,
        on_led_tasks=on_led_tasks, top_tasks=[title for _, title in first if title],
    )


def _top_label(counter: Counter) -> str:
    """The most frequent value, ties broken by the value itself."""
    if not counter:
        return ""
    return min(counter.items(), key=lambda kv: (-kv[1], kv[0]))[0]
