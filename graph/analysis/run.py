"""``run_analysis``: read the built graph, measure every scope, write ``DIR/analysis/`` and ``DIR/analysis.ttl``."""
from __future__ import annotations

import os
import time
from dataclasses import dataclass, field
from pathlib import Path

import networkx as nx

from graph.analysis.centrality import CentralityOptions, Centralities, compute_many
from graph.analysis.graphs import co_assignment_graph, collaboration_graph, units_by_task
from graph.analysis.loads import ScopeLoads, compute_loads
from graph.analysis.overload import Overload, OverloadOptions, flag_overloads
from graph.analysis.rows import GraphData, apply_lead_policy, load_graph_data
from graph.analysis.scopes import Scope, build_scopes


FEW_LEADS = 0.5   # a scope where fewer than this share of tasks mark a lead is reported with first-listed figures


@dataclass
class ScopeResult:
    """Everything measured in one scope."""

    scope: Scope
    loads: ScopeLoads
    collaboration: nx.DiGraph
    co_assignment: nx.Graph
    centralities: Centralities
    overloads: dict[str, Overload]
    first_listed: ScopeLoads | None = None   # loads under first-listed, for scopes where few tasks mark a lead

    def ranked(self) -> list[str]:
        """Nodes by lead load: tasks led, weighted lead, total, then label and IRI."""
        units = self.loads.units
        return sorted(units, key=lambda n: (-units[n].lead, -units[n].lead_weighted, -units[n].total,
                                            units[n].label, n))


@dataclass
class AnalysisResult:
    """What ``run_analysis`` measured and wrote."""

    out_dir: Path
    lead_policy: str
    scopes: list[ScopeResult]
    files: list[Path] = field(default_factory=list)
    timings: dict[str, float] = field(default_factory=dict)       # phase → wall-clock seconds
    cpu_timings: dict[str, float] = field(default_factory=dict)   # phase → CPU seconds of this process
    source: str = ""
    function_labels: dict[str, str] = field(default_factory=dict)

    def overloaded(self) -> list[tuple[str, str, str]]:
        """(scope id, unit label, reason) of every flagged unit, scope by scope, highest load first."""
        return [(r.scope.id, r.loads.units[n].label, r.overloads[n].reason)
                for r in self.scopes for n in r.ranked() if r.overloads[n].overloaded]


def analyse(data: GraphData, scope: str = "all-scopes", lead_policy: str = "strict",
            overload: OverloadOptions = OverloadOptions(),
            centrality: CentralityOptions = CentralityOptions(),
            timings: dict[str, float] | None = None,
            cpu_timings: dict[str, float] | None = None) -> list[ScopeResult]:
    """Measure every scope of ``data`` (nothing is written); phase times are added to ``timings``."""
    timings = timings if timings is not None else {}
    cpu_timings = cpu_timings if cpu_timings is not None else {}

    def tick(phase: str, start: tuple[float, float]) -> tuple[float, float]:
        now = _clock()
        timings[phase] = timings.get(phase, 0.0) + now[0] - start[0]
        cpu_timings[phase] = cpu_timings.get(phase, 0.0) + now[1] - start[1]
        return now

    t = _clock()
    rows = apply_lead_policy(data.assignments, lead_policy)
    scopes = build_scopes(data, rows, scope)
    t = tick("scopes", t)
    pending = []
    for sc in scopes:
        loads = compute_loads(sc, data.indicators, data.function_labels)
        first = None
        if lead_policy == "strict" and loads.tasks and loads.tasks_with_lead < loads.tasks * FEW_LEADS:
            alt = build_scopes(data, apply_lead_policy(list(sc.rows), "first-listed"), sc.kind)
            alt_scope = next(s for s in alt if s.level == sc.level and s.id == sc.id)
            first = compute_loads(alt_scope, data.indicators, data.function_labels)
        t = tick("loads", t)
        nodes = sorted(loads.units)
        by_task = units_by_task(sc)
        collab = collaboration_graph(sc, nodes, by_task)
        co_graph = co_assignment_graph(sc, nodes, by_task)
        t = tick("graphs", t)
        verdicts = flag_overloads(loads, overload)
        t = tick("overload", t)
        pending.append((sc, loads, collab, co_graph, verdicts, first))
    measures = compute_many([(p[2], p[3]) for p in pending], centrality)
    tick("centrality", t)
    return [ScopeResult(sc, loads, collab, co_graph, cent, verdicts, first)
            for (sc, loads, collab, co_graph, verdicts, first), cent in zip(pending, measures)]


def _clock() -> tuple[float, float]:
    """(wall seconds, CPU seconds of this process and its finished workers)."""
    times = os.times()
    return time.perf_counter(), times.user + times.system + times.children_user + times.children_system


def run_analysis(out_dir: Path, scope: str = "all-scopes", lead_policy: str = "strict", top: int = 10,
                 overload: OverloadOptions = OverloadOptions(),
                 centrality: CentralityOptions = CentralityOptions(),
                 data: GraphData | None = None) -> AnalysisResult:
    """Analyse the graph built in ``out_dir`` and write the analysis outputs there.

    Reads ``out_dir/store/`` (Oxigraph) when present, else ``out_dir/graph.ttl``; writes
    ``out_dir/analysis/`` (units.csv, units.json, overload.md, scopes.json, graphs/) and
    ``out_dir/analysis.ttl``. ``scope`` is plan | region | all | all-scopes; ``lead_policy``
    strict | first-listed; ``top`` is the number of leads listed per scope in overload.md.
    Raises ``AnalysisInputError`` when there is no readable graph.
    """
    from graph.analysis.export import write_outputs

    out_dir = Path(out_dir)
    timings: dict[str, float] = {}
    cpu: dict[str, float] = {}
    wall0, cpu0 = _clock()
    if data is None:
        data = load_graph_data(out_dir)
    wall1, cpu1 = _clock()
    timings["read"], cpu["read"] = wall1 - wall0, cpu1 - cpu0
    results = analyse(data, scope, lead_policy, overload, centrality, timings, cpu)
    result = AnalysisResult(out_dir, lead_policy, results, timings=timings, cpu_timings=cpu,
                            source=data.source, function_labels=data.function_labels)
    wall0, cpu0 = _clock()
    result.files = write_outputs(result, top=top, overload=overload)
    wall1, cpu1 = _clock()
    timings["export"], cpu["export"] = wall1 - wall0, cpu1 - cpu0
    return result
