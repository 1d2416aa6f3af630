"""Workload per unit in a scope: tasks led, cooperated, responsible, targets, plans, sections.

"Workload" means task counts; it is not networkx's ``load_centrality`` (a path-flow measure).
"""
from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field

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


@dataclass
class _Tally:
    """One pass over a scope's rows: per node [lead tasks, cooperating tasks, responsible tasks,
    plans, (plan, section)s, member units, inferred lead tasks], with what the loads need besides."""

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
    tally = _tally(scope)
    units = {node: _unit_load(node, tally, scope, indicators, function_labels) for node in sorted(tally.per_node)}
    return ScopeLoads(units, len(tally.task_order), len(tally.leads_of_task), tally.lead_assignments,
                      tally.inferred_leads, tally.responsible_assignments)


def _tally(scope: Scope) -> _Tally:
    """Collect each node's task sets and the scope's assignment counts from its rows."""
    tally = _Tally()
    per_node, leads_of_task, task_order, unit_info = (tally.per_node, tally.leads_of_task, tally.task_order,
                                                      tally.unit_info)
    by_function = scope.level == "function"
    for row in scope.rows:
        node = row.function if by_function and row.function else row.unit
        task = row.task
        sets = per_node.get(node)
        if sets is None:
            sets = per_node[node] = [set(), set(), set(), set(), set(), set(), set()]
        role = row.role
        sets[_ROLE_SLOT[role]].add(task)
        if task not in task_order:
            tally.titles[task] = row.task_title
            task_order[task] = (row.plan, row.section, task)
        sets[3].add(row.plan)
        sets[4].add((row.plan, row.section))
        sets[5].add(row.unit)
        if row.unit not in unit_info:
            unit_info[row.unit] = (row.unit_label, row.region, row.kind, row.function)
        if role == "lead":
            tally.lead_assignments += 1
            leads_of_task[task].add(node)
            if row.inferred:
                tally.inferred_leads += 1
                sets[6].add(task)
        elif role == "responsible":
            tally.responsible_assignments += 1
    return tally


def _unit_load(node: str, tally: _Tally, scope: Scope, indicators: dict[str, int],
               function_labels: dict[str, str]) -> UnitLoad:
    """The loads of one node from its task sets in ``tally``."""
    by_function = scope.level == "function"
    leads_of_task = tally.leads_of_task
    tasks_with_lead = len(leads_of_task)
    order_key = tally.task_order.__getitem__
    led, cooperating, responsible, plans, sections, members, inferred = tally.per_node[node]
    infos = [tally.unit_info[u] for u in sorted(members)]
    labels = Counter(i[0] for i in infos)
    kinds = Counter(i[2] for i in infos)
    function = next((i[3] for i in infos if i[3]), "")
    all_tasks = led | cooperating | responsible
    if by_function and node == function:
        label = function_labels.get(node) or _top_label(labels)
    else:
        label = _top_label(labels)
    region = "; ".join(sorted({i[1] for i in infos if i[1]}))
    if scope.kind == "all" and region and not (by_function and node == function):
        label = f"{label} ({region})"   # across regions, 区农业农村局 alone would not say whose
    ordered = sorted(led, key=order_key)[:TOP_TASKS]
    if len(ordered) < TOP_TASKS:
        ordered += sorted(all_tasks - led, key=order_key)[:TOP_TASKS - len(ordered)]
    return UnitLoad(
        node=node, label=label, region=region,
        kind=_top_label(kinds), function=function,
        lead=len(led), lead_weighted=sum(1 / len(leads_of_task[t]) for t in sorted(led)),
        lead_inferred=len(inferred),
        cooperating=len(cooperating - led),
        responsible=len(responsible - led - cooperating),
        total=len(all_tasks), targets=sum(indicators.get(t, 0) for t in led),
        plans=len(plans), sections=len(sections), members=len(members),
        lead_share=len(led) / tasks_with_lead if tasks_with_lead else 0.0,
        on_led_tasks=sum(1 for t in all_tasks if t in leads_of_task),
        top_tasks=[tally.titles[t] for t in ordered if tally.titles[t]],
    )


def _top_label(counter: Counter) -> str:
    """The most frequent value, ties broken by the value itself."""
    if not counter:
        return ""
    return min(counter.items(), key=lambda kv: (-kv[1], kv[0]))[0]
