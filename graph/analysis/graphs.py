"""networkx graphs of a scope, built from assignment rows (never from raw triples).

Edges are added in the order of the (sorted) rows, so the same input gives the same graphs.

- bipartite: task — unit, edge attribute ``role``;
- collaboration (directed): each lead of a task → each other unit of that task,
  ``weight`` = number of tasks they share that way;
- co-assignment (undirected): every two units listed for the same task, ``weight`` = shared tasks.
"""
from __future__ import annotations

from collections import Counter
from itertools import combinations

import networkx as nx

from graph.analysis.scopes import Scope


def units_by_task(scope: Scope) -> dict[str, dict[str, str]]:
    """task IRI → {node: strongest role}, lead > cooperating > responsible."""
    return rows_by_task(scope.rows, scope.level)


def rows_by_task(rows, level: str) -> dict[str, dict[str, str]]:
    """``units_by_task`` of rows at ``level`` (unit | function: a unit counts towards its function)."""
    rank = {"lead": 0, "cooperating": 1, "responsible": 2}
    by_function = level == "function"
    tasks: dict[str, dict[str, str]] = {}
    for row in rows:
        nodes = tasks.setdefault(row.task, {})
        node = row.function if by_function and row.function else row.unit
        if node not in nodes or rank[row.role] < rank[nodes[node]]:
            nodes[node] = row.role
    return tasks


def bipartite_graph(scope: Scope) -> nx.Graph:
    """Task–unit graph: task nodes (``bipartite=0``) and unit nodes (``bipartite=1``), edge ``role``."""
    graph = nx.Graph()
    for row in scope.rows:
        graph.add_node(row.task, bipartite=0, label=row.task_title)
    for row in scope.rows:
        graph.add_node(scope.node_of(row), bipartite=1)
    for task, nodes in sorted(units_by_task(scope).items()):
        for node, role in sorted(nodes.items()):
            graph.add_edge(task, node, role=role)
    return graph


def collaboration_weights(by_task: dict[str, dict[str, str]]) -> dict[tuple[str, str], int]:
    """(lead, other unit) → tasks they share that way, in the order first met."""
    weights: dict[tuple[str, str], int] = {}
    for task_nodes in by_task.values():
        leads = [n for n, role in task_nodes.items() if role == "lead"]
        for lead in leads:
            for other in task_nodes:
                if other != lead and task_nodes[other] != "lead":
                    weights[(lead, other)] = weights.get((lead, other), 0) + 1
    return weights


def co_assignment_weights(by_task: dict[str, dict[str, str]]) -> dict[tuple[str, str], int]:
    """(unit, unit), sorted pair → tasks listing both, in the order first met."""
    weights: Counter = Counter()
    for task_nodes in by_task.values():
        weights.update(combinations(sorted(task_nodes), 2))
    return weights


def weighted_graph(nodes: list[str], edges: list[tuple[str, str, int]], directed: bool) -> nx.Graph:
    """A graph of ``nodes`` (sorted) and ``edges`` ((u, v, weight) triples) in their order."""
    graph = nx.DiGraph() if directed else nx.Graph()
    graph.add_nodes_from(sorted(nodes))
    graph.add_weighted_edges_from(edges)
    return graph


def merged_weights(parts: list[dict[tuple[str, str], int]]) -> dict[tuple[str, str], int]:
    """The weights of several plans' parts (each in the order first met) added up, in the order
    first met across the parts: what one pass over the plans' rows together gives, since a task
    belongs to one plan."""
    if len(parts) == 1:
        return parts[0]
    total: dict[tuple[str, str], int] = {}
    get = total.get
    for part in parts:
        for pair, weight in part.items():
            total[pair] = get(pair, 0) + weight
    return total
