"""``run_analysis``: read the built graph, measure every scope, write ``DIR/analysis/`` and ``DIR/analysis.ttl``."""
from __future__ import annotations

import os
import time
from dataclasses import dataclass, field, replace
from pathlib import Path

import networkx as nx

from graph.analysis import turtle_read
from graph.analysis.collector import collector_paused
from graph.analysis.centrality import CentralityJob, CentralityOptions, Centralities, compute_many, unpack
from graph.analysis.contributions import (LEVELS, FOLDER, Contribution, ContributionCache, contribution,
                                          row_contributions, scope_measures)
from graph.analysis.loads import ScopeLoads, compute_loads
from graph.analysis.overload import Overload, OverloadOptions, flag_overloads
from graph.analysis.rows import GraphData, apply_lead_policy, load_graph_data
from graph.analysis.scopes import SCOPE_CHOICES, Scope, build_scopes
from graph.analysis.workers import WorkerPool


FEW_LEADS = 0.5   # a scope where fewer than this share of tasks mark a lead is reported with first-listed figures


@dataclass
class ScopeResult:
    """Everything measured in one scope."""

    scope: Scope
    loads: ScopeLoads
    collaboration: nx.DiGraph | None   # None when run_analysis did not keep the graphs
    co_assignment: nx.Graph | None
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
    replaced: tuple[str, str] | None = None   # with a previous analysis: Turtle of scopes gone or measured again, and new

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
    clock = _PhaseClock(timings, cpu_timings)
    scopes = build_scopes(data, apply_lead_policy(data.assignments, lead_policy), scope)
    clock.tick("scopes")
    pending = []
    for sc in scopes:
        loads, first, verdicts, job = measure_scope(sc, data, lead_policy, overload, clock)
        collab, co_graph = job.graphs()
        clock.tick("graphs")
        pending.append((sc, loads, collab, co_graph, verdicts, first))
    measures = compute_many([(p[2], p[3]) for p in pending], centrality)
    clock.tick("centrality")
    return [ScopeResult(sc, loads, collab, co_graph, cent, verdicts, first)
            for (sc, loads, collab, co_graph, verdicts, first), cent in zip(pending, measures)]


def measure_scope(sc: Scope, data: GraphData, lead_policy: str, overload: OverloadOptions,
                  clock: "_PhaseClock", contributions: list[Contribution] | None = None) \
        -> tuple[ScopeLoads, ScopeLoads | None, dict[str, Overload], CentralityJob]:
    """Loads (and first-listed loads where few tasks mark a lead), verdicts and the graphs of one
    scope, summed from its plans' ``contributions`` (made from its rows when not given)."""
    if contributions is None:
        contributions = row_contributions(sc, data.indicators)
    loads, collaboration, co_assignment = scope_measures(contributions, sc, data.function_labels)
    first = None
    if lead_policy == "strict" and loads.tasks and loads.tasks_with_lead < loads.tasks * FEW_LEADS:
        alt_scope = replace(sc, rows=tuple(apply_lead_policy(list(sc.rows), "first-listed")))
        first = compute_loads(alt_scope, data.indicators, data.function_labels)
    clock.tick("loads")
    job = CentralityJob.of(sorted(loads.units), collaboration, co_assignment)
    clock.tick("graphs")
    verdicts = flag_overloads(loads, overload, sc.kind)
    clock.tick("overload")
    return loads, first, verdicts, job


class _PhaseClock:
    """Adds wall-clock and CPU seconds to phases: ``tick(phase)`` charges the time since the last tick."""

    def __init__(self, timings: dict[str, float] | None, cpu_timings: dict[str, float] | None):
        self.timings = timings if timings is not None else {}
        self.cpu_timings = cpu_timings if cpu_timings is not None else {}
        self.last = _clock()

    def tick(self, phase: str) -> None:
        now = _clock()
        self.timings[phase] = self.timings.get(phase, 0.0) + now[0] - self.last[0]
        self.cpu_timings[phase] = self.cpu_timings.get(phase, 0.0) + now[1] - self.last[1]
        self.last = now


def _clock() -> tuple[float, float]:
    """(wall seconds, CPU seconds of this process and its finished workers)."""
    times = os.times()
    return time.perf_counter(), times.user + times.system + times.children_user + times.children_system


KEEP_GRAPHS_UP_TO = 50_000   # assignments: smaller analyses keep every scope's graphs and measures in the result
PARALLEL_FROM = 20_000       # assignments from which scopes are measured in worker processes
WINDOW = 64                  # scopes measured ahead of the one being written
MEASURED_HERE = 16           # an update measures up to this many plan and region scopes in this process: the
                             # workers are busy with the all-regions scopes, and the unchanged scopes after them
                             # are then written meanwhile


@dataclass(frozen=True)
class AnalysisSettings:
    """What an analysis measures and reports: the lead policy, the leads listed per scope in
    overload.md (``top``), the overload thresholds and the centrality options. The outputs depend on
    all of them but ``centrality.workers``."""

    lead_policy: str = "strict"
    top: int = 10
    overload: OverloadOptions = OverloadOptions()
    centrality: CentralityOptions = CentralityOptions()


@collector_paused()
def run_analysis(out_dir: Path, scope: str = "all-scopes", settings: AnalysisSettings = AnalysisSettings(),
                 data: GraphData | None = None, keep_graphs: bool | None = None,
                 previous: Path | None = None) -> AnalysisResult:
    """Analyse the graph built in ``out_dir`` and write the analysis outputs there.

    Reads ``out_dir/graph.ttl`` (streamed) when present, else ``out_dir/store/`` (Oxigraph); writes
    ``out_dir/analysis/`` (units.csv, units.json, overload.md, scopes.json, graphs/) and
    ``out_dir/analysis.ttl``, always for every scope, so that the files agree with each other and
    with the views; ``scope`` (plan | region | all | all-scopes) selects the scopes kept in the
    result. ``settings``: the lead policy (strict | first-listed), ``top`` (the number of leads
    listed per scope in overload.md), the overload and the centrality options.
    Scopes are measured and written one after another; the result keeps each scope's loads and
    verdicts, and its networkx graphs and per-node centralities only when ``keep_graphs`` (default:
    when the graph has at most ``KEEP_GRAPHS_UP_TO`` assignments). Large inputs are read and
    measured with worker processes (``settings.centrality.workers``; their CPU time is counted in the
    ``centrality`` phase).
    ``previous``: the analysis/ folder of an earlier generation; plan and region scopes whose inputs
    did not change since are copied from it (and are not in the result's scopes).
    Raises ``AnalysisInputError`` when there is no readable graph.
    """
    if scope not in SCOPE_CHOICES:
        raise ValueError(f"unknown scope {scope!r} (choose from {', '.join(SCOPE_CHOICES)})")
    out_dir = Path(out_dir)
    timings: dict[str, float] = {}
    cpu: dict[str, float] = {}
    clock = _PhaseClock(timings, cpu)
    workers = settings.centrality.workers or os.cpu_count() or 1
    pool = None
    ttl = out_dir / "graph.ttl"
    if data is None and workers > 1 and ttl.is_file() and ttl.stat().st_size >= turtle_read.SPLIT_FROM:
        pool = WorkerPool(workers)   # started now: the workers read parts of graph.ttl
    try:
        if data is None:
            data = load_graph_data(out_dir, pool, previous)
        clock.tick("read")
        if keep_graphs is None:
            keep_graphs = len(data.assignments) <= KEEP_GRAPHS_UP_TO
        scopes = build_scopes(data, apply_lead_policy(data.assignments, settings.lead_policy), "all-scopes")
        if pool is None:
            pool = WorkerPool(workers if len(data.assignments) >= PARALLEL_FROM and len(scopes) > 1 else 1)
        clock.tick("scopes")
        from graph.analysis.export import AnalysisWriter

        writer = AnalysisWriter(out_dir, settings.lead_policy, scopes, settings.top, settings.overload, previous)
        result = _ScopeStream(writer, data, scopes, settings, keep_graphs, pool, clock).run()
    except BaseException:
        if pool is not None:
            pool.abort()
        raise
    result.scopes = [r for r in result.scopes if scope in ("all-scopes", r.scope.kind)]
    return result


class _ScopeStream:
    """Measures the scopes in ``pool`` and writes them with ``writer`` as they are done, in order
    (:meth:`run`)."""

    def __init__(self, writer, data: GraphData, scopes: list[Scope], settings: AnalysisSettings,
                 keep_graphs: bool, pool: WorkerPool, clock: _PhaseClock):
        self.writer, self.data, self.scopes, self.settings = writer, data, scopes, settings
        self.keep_graphs, self.pool, self.clock = keep_graphs, pool, clock
        self.digests: dict[str, str] | None = None   # made once, for the first scope measured or taken over
        # plan scope id → its plan's contributions by level, made once for the all-regions scopes
        self.contributions: dict[str, dict[str, Contribution]] | None = None
        self.plans = sorted((sc for sc in scopes if sc.kind == "plan"), key=lambda sc: sc.plan)   # order of the rows
        self.plans_by_region: dict[str, list[Scope]] = {}
        for sc in self.plans:
            self.plans_by_region.setdefault(sc.region, []).append(sc)
        previous = writer.previous.folder / FOLDER if writer.previous is not None else None
        self.cache = ContributionCache(writer.folder / FOLDER, previous)
        self.graphs_dir = str(self.writer.folder / "graphs")
        self.kept: list[ScopeResult] = []
        self.waiting: dict[int, tuple] = {}   # scopes measured, not yet finished by a worker
        self.done: dict[int, tuple] = {}      # scopes finished out of order, waiting for their turn to be written
        self.written = 0
        self.measured_here = 0

    def run(self) -> AnalysisResult:
        """Measure and write every scope; the pool is closed when every scope is measured (the
        caller aborts it on an error)."""
        pool, clock, writer = self.pool, self.clock, self.writer
        # the all-regions scopes (the largest jobs) are measured first, so that no worker is left with them at the end
        order = sorted(range(len(self.scopes)), key=lambda i: self.scopes[i].kind != "all")
        try:
            for position in order:
                self._submit(position)
                while pool.in_flight > WINDOW or pool.has_done():
                    self._collect()
            if self.contributions is not None:   # kept while the workers measure
                self.cache.save({self.digests.get(sid, ""): c for sid, c in self.contributions.items()})
            while pool.in_flight:
                self._collect()
            self._write_ready()
            pool.close()
            clock.tick("centrality")   # the workers' CPU time is counted when they have ended
            result = AnalysisResult(writer.out_dir, self.settings.lead_policy, self.kept, timings=clock.timings,
                                    cpu_timings=clock.cpu_timings, source=self.data.source,
                                    function_labels=self.data.function_labels)
            result.files = writer.close()
            result.replaced = writer.replaced()
        except BaseException:
            writer.discard()
            raise
        clock.tick("export")
        return result

    def _digest(self, sc: Scope) -> str:
        """What a plan or region scope's measures depend on ("" for the all-regions scopes, always measured again)."""
        from graph.analysis.digests import code_salt, scope_digests

        if sc.kind == "all":
            return ""
        if self.digests is None:
            settings = self.settings
            salt = (settings.lead_policy, settings.top, settings.overload,
                    replace(settings.centrality, workers=0))   # the output does not depend on workers
            self.digests = scope_digests(self.data, self.scopes, code_salt(self.data, *salt))
        return self.digests.get(sc.id, "")

    def _submit(self, position: int) -> None:
        """Take a scope unchanged since the previous analysis as done, or measure it and send it to the pool."""
        from graph.analysis.export import ScopeJob, run_scope_job

        sc, data, settings = self.scopes[position], self.data, self.settings
        part = self.writer.reusable(sc.id, self._digest(sc))
        if part is not None:
            self.done[position] = (part,)
            return
        loads, first, verdicts, job = measure_scope(sc, data, settings.lead_policy, settings.overload, self.clock,
                                                    self._contributions_of(sc))
        functions = {u.function for u in loads.units.values()}
        labels = {f: data.function_labels[f] for f in sorted(functions) if f in data.function_labels}
        self.waiting[position] = (sc, loads, first, verdicts, job)
        here = self.writer.previous is not None and sc.kind != "all" and self.measured_here < MEASURED_HERE
        self.measured_here += here
        self.pool.submit(run_scope_job, ScopeJob(replace(sc, rows=()), loads, verdicts, job, settings.centrality,
                                                 settings.lead_policy, labels, self.graphs_dir),
                         tag=position, cost=job.work + 1000, here=here)
        self.clock.tick("centrality")

    def _contributions_of(self, sc: Scope) -> list[Contribution] | None:
        """The contributions of a scope's plans, in the order of its rows (by plan IRI): made for
        the all-regions scopes, which are measured first, and taken by the plan and region scopes."""
        if sc.kind != "all" and self.contributions is None:
            return None
        made = self._plan_contributions()
        if sc.kind == "plan":
            return [made[sc.id]["unit"]]
        plans = self.plans_by_region.get(sc.region, []) if sc.kind == "region" else self.plans
        return [made[p.id][sc.level] for p in plans]

    def _plan_contributions(self) -> dict[str, dict[str, Contribution]]:
        """Each plan scope's contributions by level: as the previous analysis kept them under the
        scope's digest, else made from its rows."""
        if self.contributions is None:
            indicators = self.data.indicators
            self.contributions = {}
            for sc in self.plans:
                self.contributions[sc.id] = self.cache.get(self._digest(sc)) or {
                    level: contribution(list(sc.rows), level, indicators) for level in LEVELS}
        return self.contributions

    def _collect(self) -> None:
        """Take one finished scope from the workers; write every scope whose turn has come."""
        position, answer = self.pool.next_done()
        self.done[position] = self.waiting.pop(position) + (answer,)
        self.clock.tick("centrality")
        self._write_ready()

    def _write_ready(self) -> None:
        """Write every scope whose turn has come."""
        done, writer = self.done, self.writer
        while self.written in done:
            if len(done[self.written]) == 1:   # unchanged since the previous analysis
                writer.add_reused(done.pop(self.written)[0])
                self.written += 1
                continue
            sc, loads, first, verdicts, job, (packed, rendered) = done.pop(self.written)
            cent = unpack(job.nodes, packed)
            collab = co_graph = None
            if self.keep_graphs:
                collab, co_graph = job.graphs()
            res = ScopeResult(sc, loads, collab, co_graph, cent, verdicts, first)
            writer.add_rendered(res, rendered, self._digest(sc))
            if not self.keep_graphs:
                res.centralities = Centralities({}, cent.methods)
            self.kept.append(res)
            self.written += 1
        self.clock.tick("export")
