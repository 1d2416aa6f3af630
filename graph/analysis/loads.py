"""Workload per unit in a scope: tasks led, cooperated, responsible, targets, plans, sections.

"Workload" means task counts; it is not networkx's ``load_centrality`` (a path-flow measure).
"""
from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field

from graph.analysis.scopes import Scope

TOP_TASKS = 5


@dataclass
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


def compute_loads(scope: Scope, indicators: dict[str, int], function_labels: dict[str, str]) -> ScopeLoads:
    """Count, for every node of ``scope``, the tasks it leads, cooperates on or is responsible for."""
    roles: dict[str, dict[str, set[str]]] = defaultdict(lambda: {"lead": set(), "cooperating": set(),
                                                                  "responsible": set()})
    inferred: dict[str, set[str]] = defaultdict(set)
    leads_of_task: dict[str, set[str]] = defaultdict(set)
    titles: dict[str, str] = {}
    task_order: dict[str, tuple] = {}
    plans: dict[str, set[str]] = defaultdict(set)
    sections: dict[str, set[tuple[str, str]]] = defaultdict(set)
    members: dict[str, set[str]] = defaultdict(set)
    unit_info: dict[str, tuple[str, str, str, str]] = {}   # unit → (label, region, kind, function)
    lead_assignments = inferred_leads = responsible_assignments = 0
    node_of = scope.node_of
    for row in scope.rows:
        node = node_of(row)
        task = row.task
        roles[node][row.role].add(task)
        if task not in task_order:
            titles[task] = row.task_title
            task_order[task] = (row.plan, row.section, task)
        plans[node].add(row.plan)
        sections[node].add((row.plan, row.section))
        members[node].add(row.unit)
        if row.unit not in unit_info:
            unit_info[row.unit] = (row.unit_label, row.region, row.kind, row.function)
        if row.role == "lead":
            lead_assignments += 1
            leads_of_task[task].add(node)
            if row.inferred:
                inferred_leads += 1
                inferred[node].add(task)
        elif row.role == "responsible":
            responsible_assignments += 1
    tasks_with_lead = len(leads_of_task)
    units: dict[str, UnitLoad] = {}
    for node in sorted(roles):
        infos = [unit_info[u] for u in sorted(members[node])]
        labels = Counter(i[0] for i in infos)
        kinds = Counter(i[2] for i in infos)
        function = next((i[3] for i in infos if i[3]), "")
        by_role = roles[node]
        led = by_role["lead"]
        all_tasks = led | by_role["cooperating"] | by_role["responsible"]
        if scope.level == "function" and node == function:
            label = function_labels.get(node) or _top_label(labels)
        else:
            label = _top_label(labels)
        ordered = sorted(led, key=task_order.__getitem__) + sorted(all_tasks - led, key=task_order.__getitem__)
        units[node] = UnitLoad(
            node=node, label=label, region="; ".join(sorted({i[1] for i in infos if i[1]})),
            kind=_top_label(kinds), function=function,
            lead=len(led), lead_weighted=sum(1 / len(leads_of_task[t]) for t in sorted(led)),
            lead_inferred=len(inferred.get(node, ())),
            cooperating=len(by_role["cooperating"] - led),
            responsible=len(by_role["responsible"] - led - by_role["cooperating"]),
            total=len(all_tasks), targets=sum(indicators.get(t, 0) for t in led),
            plans=len(plans[node]), sections=len(sections[node]), members=len(members[node]),
            lead_share=len(led) / tasks_with_lead if tasks_with_lead else 0.0,
            on_led_tasks=sum(1 for t in all_tasks if t in leads_of_task),
            top_tasks=[titles[t] for t in ordered[:TOP_TASKS] if titles[t]],
        )
    return ScopeLoads(units, len(task_order), tasks_with_lead, lead_assignments, inferred_leads,
                      responsible_assignments)


def _top_label(counter: Counter) -> str:
    """The most frequent value, ties broken by the value itself."""
    if not counter:
        return ""
    return min(counter.items(), key=lambda kv: (-kv[1], kv[0]))[0]
