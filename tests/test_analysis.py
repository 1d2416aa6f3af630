"""Analysis: loads, centralities, overload flags and outputs on small hand-made graphs."""
from __future__ import annotations

import csv
import json
import math
from pathlib import Path

import networkx as nx
import pyoxigraph as ox
import pytest

from graph.analysis import (AnalysisInputError, AnalysisSettings, CentralityOptions, OverloadOptions, analyse,
                            run_analysis)
from graph.analysis.centrality import compute_centralities, pagerank
from graph.analysis.loads import ScopeLoads, UnitLoad
from graph.analysis.overload import flag_overloads, lead_spread
from graph.analysis.rows import apply_lead_policy, load_graph_data

ID = "https://w3id.org/plankg/id/"
FN = "https://w3id.org/plankg/fn/"
ROOT = Path(__file__).resolve().parent.parent

# (plan sha12, region, title, lead convention)
PLANS = [("aaaaaaaaaaa1", "甲县", "甲县城乡提升方案", "column"),
         ("aaaaaaaaaaa2", "甲县", "甲县工作要点", "listed"),
         ("bbbbbbbbbbb3", "乙区", "乙区行动计划", "star")]
# unit key → (label, region, kind, function)
UNITS = {"A": ("县发改局", "甲县", "government", "development"),
         "B": ("县住建局", "甲县", "government", "housing"),
         "C": ("县财政局", "甲县", "government", ""),
         "D": ("各镇街道", "甲县", "township", ""),
         "E": ("区发改局", "乙区", "government", "development"),
         "F": ("区农业农村局", "乙区", "government", "")}
# (plan, task key, title, section, indicators, [(unit, role, position)])
TASKS = [
    ("aaaaaaaaaaa1", "t1", "产业平台提升", "一、主要任务", 2, [("A", "lead", 0), ("B", "cooperating", 1), ("C", "cooperating", 2)]),
    ("aaaaaaaaaaa1", "t2", "项目投资", "一、主要任务", 0, [("A", "lead", 0), ("C", "cooperating", 1)]),
    ("aaaaaaaaaaa1", "t3", "老旧小区改造", "二、保障", 1, [("A", "lead", 0), ("B", "lead", 1), ("D", "cooperating", 2)]),
    ("aaaaaaaaaaa1", "t4", "村庄整治", "二、保障", 0, [("A", "responsible", 0), ("D", "responsible", 1)]),
    ("aaaaaaaaaaa2", "t5", "资金保障", "", 0, [("C", "responsible", 0), ("A", "responsible", 1)]),
    ("aaaaaaaaaaa2", "t6", "镇街落实", "", 0, [("D", "responsible", 0)]),
    ("bbbbbbbbbbb3", "t7", "乡村振兴", "一、任务", 0, [("E", "lead", 0), ("F", "cooperating", 1)]),
]
ROLE_IRI = {"lead": "Lead", "cooperating": "Cooperating", "responsible": "Responsible"}


def unit_iri(key: str) -> str:
    return f"{ID}unit/{key.lower() * 12}"


def fixture_turtle() -> str:
    """A small graph in the vocabulary of docs/DESIGN.md."""
    lines = ["@prefix plankg: <https://w3id.org/plankg/ns#> .", "@prefix prov: <http://www.w3.org/ns/prov#> .",
             "@prefix dcterms: <http://purl.org/dc/terms/> .", "@prefix skos: <http://www.w3.org/2004/02/skos/core#> .",
             "@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .", "@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .", ""]
    regions = {"甲县": f"{ID}region/%E7%94%B2%E5%8E%BF", "乙区": f"{ID}region/%E4%B9%99%E5%8C%BA"}
    for name, iri in regions.items():
        lines.append(f'<{iri}> a plankg:Region ; rdfs:label "{name}" .')
    lines.append(f'<{FN}development> skos:prefLabel "发展改革" .')
    for sha, region, title, conv in PLANS:
        lines.append(f'<{ID}doc/{sha}> a plankg:SourceDocument ; dcterms:identifier "{sha}.txt" .')
        lines.append(f'<{ID}plan/{sha}> a plankg:Plan ; dcterms:title "{title}" ; plankg:region <{regions[region]}> ; '
                     f'plankg:leadConvention "{conv}" ; prov:wasDerivedFrom <{ID}doc/{sha}> .')
    for key, (label, region, kind, function) in UNITS.items():
        fn = f" ; plankg:function <{FN}{function}>" if function else ""
        lines.append(f'<{unit_iri(key)}> a plankg:Unit ; skos:prefLabel "{label}" ; plankg:region <{regions[region]}> ; '
                     f'plankg:kind plankg:kind-{kind}{fn} .')
    for sha, key, title, section, n_ind, units in TASKS:
        task = f"{ID}plan/{sha}/task/{key}"
        sec = f' ; plankg:section "{section}"' if section else ""
        lines.append(f'<{task}> a plankg:Task ; plankg:inPlan <{ID}plan/{sha}> ; dcterms:title "{title}"{sec} .')
        for i in range(n_ind):
            lines.append(f'<{task}/i/{i}> a plankg:Indicator ; plankg:ofTask <{task}> ; plankg:value 1.0 .')
        for i, (unit, role, pos) in enumerate(units):
            lines.append(f'<{task}/a/{i}> a plankg:Assignment ; plankg:ofTask <{task}> ; prov:agent <{unit_iri(unit)}> ; '
                         f'prov:hadRole plankg:{ROLE_IRI[role]} ; plankg:basis "column" ; plankg:position {pos} ; '
                         f'plankg:inferred false .')
    return "\n".join(lines) + "\n"


@pytest.fixture()
def built(tmp_path: Path) -> Path:
    """An output folder holding only graph.ttl, as `plankg build` leaves it."""
    (tmp_path / "graph.ttl").write_text(fixture_turtle(), encoding="utf-8")
    return tmp_path


@pytest.fixture()
def data(built: Path):
    return load_graph_data(built)


def scope_result(results, scope_id):
    return next(r for r in results if r.scope.id == scope_id)


def test_reads_one_row_per_assignment(data):
    assert len(data.assignments) == sum(len(t[5]) for t in TASKS)
    assert data.indicators == {f"{ID}plan/aaaaaaaaaaa1/task/t1": 2, f"{ID}plan/aaaaaaaaaaa1/task/t3": 1}
    assert {a.role for a in data.assignments} == {"lead", "cooperating", "responsible"}
    a = next(a for a in data.assignments if a.task.endswith("t1") and a.position == 0)
    assert (a.unit_label, a.region, a.kind, a.function) == ("县发改局", "甲县", "government", FN + "development")


def test_plan_loads_by_hand(data):
    res = scope_result(analyse(data, "plan"), "plan-甲县-城乡提升方案-aaaaaa")
    a, b, c, d = (res.loads.units[unit_iri(k)] for k in "ABCD")
    assert (a.lead, a.lead_weighted, a.cooperating, a.responsible, a.total, a.targets) == (3, 2.5, 0, 1, 4, 3)
    assert (b.lead, b.lead_weighted, b.cooperating, b.total) == (1, 0.5, 1, 2)
    assert (c.lead, c.cooperating, c.total) == (0, 2, 2)
    assert (d.cooperating, d.responsible, d.total, d.sections) == (1, 1, 2, 1)
    assert res.loads.tasks == 4 and res.loads.tasks_with_lead == 3
    assert a.lead_share == 1.0 and b.lead_share == pytest.approx(1 / 3)
    assert a.sections == 2 and a.plans == 1


def test_collaboration_and_co_assignment_graphs(data):
    res = scope_result(analyse(data, "plan"), "plan-甲县-城乡提升方案-aaaaaa")
    A, B, C, D = (unit_iri(k) for k in "ABCD")
    assert dict(((u, v), w) for u, v, w in res.collaboration.edges(data="weight")) == {
        (A, B): 1, (A, C): 2, (A, D): 1, (B, D): 1}
    assert {frozenset((u, v)): w for u, v, w in res.co_assignment.edges(data="weight")} == {
        frozenset((A, B)): 2, frozenset((A, C)): 2, frozenset((B, C)): 1, frozenset((A, D)): 2, frozenset((B, D)): 1}


def test_bipartite_graph(data):
    from graph.analysis.graphs import bipartite_graph

    res = scope_result(analyse(data, "plan"), "plan-甲县-城乡提升方案-aaaaaa")
    graph = bipartite_graph(res.scope)
    tasks = {n for n, side in graph.nodes(data="bipartite") if side == 0}
    assert len(tasks) == 4 and graph.number_of_edges() == 10
    t3 = f"{ID}plan/aaaaaaaaaaa1/task/t3"
    assert {graph.nodes[t3]["label"]} == {"老旧小区改造"}
    assert {u: graph.edges[t3, u]["role"] for u in graph[t3]} == {
        unit_iri("A"): "lead", unit_iri("B"): "lead", unit_iri("D"): "cooperating"}


def test_betweenness_and_closeness_use_distance_not_strength(data):
    """With distance 1/weight, A brokers C–D fully and B–C, B–D half each: 2 of 3 pairs."""
    res = scope_result(analyse(data, "plan"), "plan-甲县-城乡提升方案-aaaaaa")
    values = res.centralities.values
    A, B, C, D = (unit_iri(k) for k in "ABCD")
    assert values[A]["betweenness"] == pytest.approx(2 / 3)
    assert values[B]["betweenness"] == values[C]["betweenness"] == values[D]["betweenness"] == 0
    # closeness: A is 1/2 from each of the three others; B is 1/2, 1, 1 away
    assert values[A]["closeness"] == pytest.approx(3 / 1.5)
    assert values[B]["closeness"] == pytest.approx(3 / 2.5)
    assert (values[A]["out_strength"], values[B]["out_strength"], values[C]["in_strength"]) == (4, 1, 2)
    assert values[A]["partners"] == 3 and values[C]["partners"] == 2
    assert "exact" in res.centralities.methods["betweenness"]


def test_eigenvector_and_communities_by_hand():
    # a star: centre 1/√2, leaves 1/√6 (unit length); two triangles joined by one edge: two communities
    co = nx.Graph()
    co.add_weighted_edges_from([("c", "x", 1), ("c", "y", 1), ("c", "z", 1)])
    values = compute_centralities(nx.DiGraph(), co).values
    assert values["c"]["eigenvector"] == pytest.approx(1 / math.sqrt(2), abs=1e-4)
    assert values["x"]["eigenvector"] == pytest.approx(1 / math.sqrt(6), abs=1e-4)
    two = nx.Graph()
    two.add_weighted_edges_from([("a", "b", 3), ("b", "c", 3), ("a", "c", 3), ("d", "e", 2), ("e", "f", 2),
                                 ("d", "f", 2), ("c", "d", 1)])
    community = {n: v["community"] for n, v in compute_centralities(nx.DiGraph(), two).values.items()}
    assert community["a"] == community["b"] == community["c"] != community["d"] == community["e"] == community["f"]


def test_pagerank_star_by_hand():
    """B → A, C → A with alpha 0.85: solving the two linear equations gives b = 1/(3·1.5667)."""
    graph = nx.DiGraph([("B", "A"), ("C", "A")])
    rank = pagerank(graph)
    b = (0.05 + 0.85 / 3) / (1 + 2 * 0.85 / 3)
    assert rank["B"] == pytest.approx(b, abs=1e-8) and rank["A"] == pytest.approx(1 - 2 * b, abs=1e-8)


def _random_scope_graphs(seed: int):
    g = nx.gnm_random_graph(40, 120, seed=seed)
    co = nx.Graph()
    co.add_nodes_from(f"u{n:02d}" for n in g)
    co.add_weighted_edges_from((f"u{u:02d}", f"u{v:02d}", 1 + (u * 7 + v) % 4) for u, v in g.edges)
    co.add_node("u99")  # an isolated unit
    collab = nx.DiGraph()
    collab.add_nodes_from(co)
    collab.add_weighted_edges_from((u, v, w) for u, v, w in co.edges(data="weight") if (hash(u) ^ 1) % 3)
    collab.add_weighted_edges_from(sorted((u, v, w) for u, v, w in co.edges(data="weight"))[::3])
    return collab, co


@pytest.mark.parametrize("sampled", [False, True])
def test_igraph_agrees_with_networkx(sampled):
    pytest.importorskip("igraph")
    collab, co = _random_scope_graphs(3)
    limit = 0 if sampled else 10 ** 9
    opts = dict(networkx_exact_limit=limit, igraph_exact_limit=limit, sample_k=10, seed=5)
    by_nx = compute_centralities(collab, co, CentralityOptions(backend="networkx", **opts))
    by_ig = compute_centralities(collab, co, CentralityOptions(backend="igraph", **opts))
    assert ("sampled k=10" in by_nx.methods["betweenness"]) is sampled
    for measure in ("betweenness", "closeness", "pagerank", "eigenvector", "constraint", "out_strength"):
        for node in co:
            x, y = by_nx.values[node][measure], by_ig.values[node][measure]
            if x is None or y is None:
                assert x is None and y is None, (measure, node)
            else:
                assert x == pytest.approx(y, rel=1e-4, abs=1e-6), (measure, node)


def test_sampled_igraph_closeness_of_several_components_agrees_with_networkx():
    """Pivots fall in some components only: a node's closeness comes from the pivots of its own."""
    pytest.importorskip("igraph")
    parts = [_random_scope_graphs(seed) for seed in (3, 4, 5)]
    collab = nx.union_all([nx.relabel_nodes(c, lambda n, k=k: f"{k}{n}") for k, (c, _) in enumerate(parts)])
    co = nx.union_all([nx.relabel_nodes(g, lambda n, k=k: f"{k}{n}") for k, (_, g) in enumerate(parts)])
    opts = dict(networkx_exact_limit=0, igraph_exact_limit=0, sample_k=12, seed=5)
    by_nx = compute_centralities(collab, co, CentralityOptions(backend="networkx", **opts))
    by_ig = compute_centralities(collab, co, CentralityOptions(backend="igraph", **opts))
    assert "sampled k=12" in by_ig.methods["closeness"]
    for node in co:
        assert by_nx.values[node]["closeness"] == pytest.approx(by_ig.values[node]["closeness"], rel=1e-9, abs=1e-12)


@pytest.mark.parametrize("sampled", [False, True])
def test_igraph_job_without_networkx_graphs_gives_what_the_graphs_give(sampled):
    pytest.importorskip("igraph")
    from graph.analysis.centrality import CentralityJob, run_job, unpack

    collab, co = _random_scope_graphs(8)
    nodes = sorted(co)
    # weights in an order that is not the graphs' own, as a scope's rows give them
    collab_weights = {(u, v): w for u, v, w in sorted(collab.edges(data="weight"), key=lambda e: (e[1], e[0]))}
    co_weights = {tuple(sorted((u, v))): w for u, v, w in sorted(co.edges(data="weight"), reverse=True)}
    job = CentralityJob.of(nodes, collab_weights, co_weights)
    limit = 0 if sampled else 10 ** 9
    opts = CentralityOptions(backend="igraph", igraph_exact_limit=limit, sample_k=10, seed=5)
    direct = unpack(job.nodes, run_job(job, opts))
    expected = compute_centralities(*job.graphs(), opts)
    assert direct.methods == expected.methods
    for node in nodes:
        for measure, value in expected.values[node].items():
            ours = direct.values[node][measure]
            assert ours == value if value is None else ours == pytest.approx(value, rel=1e-12, abs=1e-15), (measure, node)


def test_constraint_matches_networkx():
    from graph.analysis.centrality import burt_constraint

    collab, co = _random_scope_graphs(6)
    expected = nx.constraint(co, weight="weight")
    ours = burt_constraint(co)
    for node in co:
        if math.isnan(expected[node]):
            assert ours[node] is None
        else:
            assert ours[node] == pytest.approx(expected[node], rel=1e-9)
    # a triangle with one heavy tie, by hand: p(a,b) = 2/3, p(a,c) = 1/3, p(b,c) = 1/3 …
    tri = nx.Graph()
    tri.add_weighted_edges_from([("a", "b", 2), ("a", "c", 1), ("b", "c", 1)])
    c_a = (2 / 3 + 1 / 3 * 1 / 2) ** 2 + (1 / 3 + 2 / 3 * 1 / 3) ** 2
    assert burt_constraint(tri)["a"] == pytest.approx(c_a)


def test_sampled_betweenness_is_reproducible():
    collab, co = _random_scope_graphs(4)
    opts = CentralityOptions(backend="networkx", networkx_exact_limit=0, sample_k=8, seed=1)
    first = compute_centralities(collab, co, opts).values
    assert first == compute_centralities(collab, co, opts).values


def test_many_scopes_in_worker_processes_give_the_same_measures():
    from graph.analysis.centrality import compute_many

    pairs = [_random_scope_graphs(seed) for seed in (7, 8, 9)]
    serial = compute_many(pairs, CentralityOptions(workers=1))
    forked = compute_many(pairs, CentralityOptions(workers=2, parallel_above=0))
    assert [c.values for c in forked] == [c.values for c in serial]
    assert [c.methods for c in forked] == [c.methods for c in serial]


def test_eigenvector_falls_back_and_says_so():
    collab, co = _random_scope_graphs(5)
    result = compute_centralities(collab, co, CentralityOptions(backend="networkx", eigenvector_max_iter=1))
    assert result.methods["eigenvector"].startswith("degree centrality")
    assert result.values["u00"]["eigenvector"] == pytest.approx(co.degree("u00") / (len(co) - 1))


def test_lead_policy_first_listed_marks_inferred(data):
    rows = apply_lead_policy(data.assignments, "first-listed")
    t5 = sorted((a.position, a.unit_label, a.role, a.inferred) for a in rows if a.task.endswith("/t5"))
    assert t5 == [(0, "县财政局", "lead", True), (1, "县发改局", "cooperating", True)]
    t1 = [a for a in rows if a.task.endswith("/t1")]
    assert not any(a.inferred for a in t1)
    res = scope_result(analyse(data, "plan", lead_policy="first-listed"), "plan-甲县-城乡提升方案-aaaaaa")
    a = res.loads.units[unit_iri("A")]
    assert (a.lead, a.lead_inferred, a.responsible) == (4, 1, 0)


def test_region_and_function_scopes(data):
    results = analyse(data, "all-scopes")
    region = next(r for r in results if r.scope.kind == "region" and r.scope.label == "甲县")
    a = region.loads.units[unit_iri("A")]
    assert (a.lead, a.responsible, a.total, a.plans) == (3, 2, 5, 2)
    functions = scope_result(results, "all-functions")
    dev = functions.loads.units[FN + "development"]
    assert (dev.label, dev.lead, dev.members, dev.region) == ("发展改革", 4, 2, "乙区; 甲县")
    assert unit_iri("C") in functions.loads.units   # a unit with no function concept stays itself


def _loads(counts: list[int], tasks_with_lead: int, idle: int = 0) -> ScopeLoads:
    """Loads with these lead counts, plus ``idle`` units that take part in no task with a lead."""
    units = {f"u{i}": UnitLoad(f"u{i}", f"unit {i}", "", "", "", lead=c, total=c, on_led_tasks=max(c, 1),
                               lead_share=c / tasks_with_lead) for i, c in enumerate(counts)}
    units.update({f"idle{i}": UnitLoad(f"idle{i}", f"idle {i}", "", "", "", responsible=1, total=1)
                  for i in range(idle)})
    return ScopeLoads(units, tasks_with_lead, tasks_with_lead, sum(counts), 0, 0)


def test_overload_robust_z_by_hand():
    # median 2, MAD 1 → scale 1.4826; 9 is (9 − 2) / 1.4826 = 4.72 scaled MADs above the median
    loads = _loads([9, 3, 2, 2, 1, 1, 2, 3, 2, 1], 26)
    verdicts = flag_overloads(loads, OverloadOptions(z_threshold=3.5, share_threshold=0.5))
    assert verdicts["u0"].overloaded and verdicts["u0"].robust_z == pytest.approx(7 / 1.4826, abs=1e-4)
    assert verdicts["u0"].reason == "leads 9 of 26 tasks with a lead (35%); the typical unit in this plan leads 2"
    assert not any(v.overloaded for k, v in verdicts.items() if k != "u0")


def test_overload_mad_zero_falls_back_to_mean_deviation():
    counts = [4, 0, 0, 0, 0, 0, 0, 1]
    spread = lead_spread(counts)
    assert (spread.median, spread.scale_name) == (0, "mean absolute deviation")
    assert spread.scale == pytest.approx(1.2533 * 5 / 8)
    verdicts = flag_overloads(_loads(counts, 5), OverloadOptions(z_threshold=3.5, share_threshold=0.9))
    assert verdicts["u0"].overloaded and verdicts["u0"].reason.endswith("the typical unit in this plan leads 0")
    assert lead_spread([2, 2, 2]).scale == 0


def test_overload_median_ignores_units_outside_led_tasks():
    # over the six units on led tasks (1 1 1 2 2 6): median 1.5, MAD 0.5 → z(6) = 4.5 / (1.4826 · 0.5) = 6.07;
    # the twenty units of unmarked lists would have pulled the median to 0
    verdicts = flag_overloads(_loads([6, 1, 1, 2, 1, 2], 13, idle=20), OverloadOptions(share_threshold=0.9))
    assert verdicts["u0"].robust_z == pytest.approx(4.5 / (1.4826 * 0.5), abs=1e-4)
    assert verdicts["u0"].reason.endswith("the typical unit in this plan leads 1.5")
    assert not verdicts["u5"].overloaded


def test_overload_needs_the_floor_as_well_as_the_robust_z():
    # 7 of 69 tasks where the typical unit leads 1: z = 6 / 1.4826 = 4.0, but 10% of the led tasks is under the floor
    counts = [35, 15, 7] + [0] * 10 + [1] * 10 + [2] * 10   # median 1, MAD 1
    loads = _loads(counts, 69)
    verdicts = flag_overloads(loads, OverloadOptions())
    assert verdicts["u2"].robust_z >= 3.5 and not verdicts["u2"].overloaded and verdicts["u2"].reason == ""
    assert [k for k, v in verdicts.items() if v.overloaded] == ["u0", "u1"]   # 51% and 22%
    assert not flag_overloads(loads, OverloadOptions(min_share=0.25))["u1"].overloaded
    assert flag_overloads(loads, OverloadOptions(min_share=0.10))["u2"].overloaded
    region = flag_overloads(loads, OverloadOptions(), scope_kind="all")["u0"].reason
    assert region == "leads 35 of 69 tasks with a lead (51%); the typical unit across all regions leads 1"


def test_overload_share_and_minimum():
    loads = _loads([3, 3, 2, 2], 10)
    flagged = flag_overloads(loads, OverloadOptions(z_threshold=99, share_threshold=0.3, min_lead=3))
    assert [k for k, v in flagged.items() if v.overloaded] == ["u0", "u1"]
    assert flagged["u0"].reason == "leads 3 of 10 tasks with a lead (30%); the typical unit in this plan leads 2.5"
    assert not any(v.overloaded for v in flag_overloads(loads, OverloadOptions(99, 0.3, min_lead=4)).values())


def test_run_writes_outputs_deterministically(built):
    result = run_analysis(built)
    folder = built / "analysis"
    names = sorted(p.relative_to(built).as_posix() for p in result.files)
    assert "analysis.ttl" in names and "analysis/units.csv" in names
    snapshot = {p: p.read_bytes() for p in result.files}
    run_analysis(built)
    assert all(p.read_bytes() == data for p, data in snapshot.items())
    rows = list(csv.DictReader((folder / "units.csv").open(encoding="utf-8")))
    assert list(rows[0])[:9] == ["scope", "unit", "region", "kind", "lead", "lead_share", "cooperating",
                                 "responsible", "total"]
    top = next(r for r in rows if r["scope"] == "plan-甲县-城乡提升方案-aaaaaa" and r["rank"] == "1")
    assert (top["unit"], top["lead"], top["unit_iri"], top["overloaded"]) == ("县发改局", "3", unit_iri("A"), "true")
    units_json = json.loads((folder / "units.json").read_text(encoding="utf-8"))
    assert len(units_json) == len(rows)
    scopes = json.loads((folder / "scopes.json").read_text(encoding="utf-8"))
    assert {s["kind"] for s in scopes} == {"plan", "region", "all"}
    for entry in scopes:
        graph = nx.read_graphml(folder / entry["graphml"])
        assert (graph.number_of_nodes(), graph.number_of_edges()) == (entry["nodes"], entry["edges"])
        nx.read_gexf(folder / entry["gexf"])
    graph = nx.read_graphml(folder / "graphs" / "plan-甲县-城乡提升方案-aaaaaa.graphml")
    node = graph.nodes[unit_iri("A")]
    assert (node["label"], node["lead"], node["overloaded"]) == ("县发改局", 3, True)
    assert set(node) >= {"label", "region", "kind", "function", "lead", "cooperating", "responsible", "total",
                         "lead_share", "overloaded", "reason", "betweenness", "pagerank", "top_tasks"}
    assert graph.edges[unit_iri("A"), unit_iri("C")]["weight"] == 2


def test_overload_report_names_plans_without_leads(built):
    run_analysis(built)
    text = (built / "analysis" / "overload.md").read_text(encoding="utf-8")
    section = text.split("### 甲县 · 甲县工作要点")[1].split("###")[0]
    assert "no lead units" in section and "县财政局 (1 of 2 tasks, 50%)" in section
    assert "**县发改局** — leads 3 of 3 tasks with a lead (100%); the typical unit in this plan leads" in text


def test_analysis_ttl_answers_sparql(built):
    run_analysis(built)
    store = ox.Store()
    store.load(path=str(built / "analysis.ttl"), format=ox.RdfFormat.TURTLE)
    query = """PREFIX plankg: <https://w3id.org/plankg/ns#>
    SELECT ?unit ?n ?why WHERE { ?m a plankg:UnitMeasure ; plankg:measureOf ?unit ; plankg:inScope ?s ;
      plankg:overloaded true ; plankg:leadCount ?n ; plankg:overloadReason ?why . ?s plankg:scopeKind "plan" }"""
    rows = [(r["unit"].value, int(r["n"].value), r["why"].value) for r in store.query(query)]
    assert [(u, n) for u, n, _ in rows] == [(unit_iri("A"), 3)]
    assert not any(isinstance(t.subject, ox.BlankNode) for t in store.quads_for_pattern(None, None, None))


def test_missing_graph_is_a_clear_error(tmp_path):
    with pytest.raises(AnalysisInputError, match="graph.ttl"):
        run_analysis(tmp_path)
    (tmp_path / "graph.ttl").write_text("<a> <b> .", encoding="utf-8")
    with pytest.raises(AnalysisInputError, match="cannot read Turtle"):
        run_analysis(tmp_path)


def test_cli_analyze_prints_ranked_table(built):
    from click.testing import CliRunner

    from graph.cli import cli

    result = CliRunner().invoke(cli, ["analyze", "--out", str(built), "--scope", "plan", "--top", "2",
                                      "--share-threshold", "0.9"])
    assert result.exit_code == 0, result.output
    assert " ! 1. 县发改局  led 3 (100%)" in result.output
    assert "no marked leads" in result.output
    assert "region-" not in result.output and "all regions" not in result.output   # the table shows plans only
    scopes = json.loads((built / "analysis" / "scopes.json").read_text(encoding="utf-8"))
    assert [s["kind"] for s in scopes] == ["plan"] * 3 + ["region"] * 2 + ["all"] * 2   # the files hold every scope
    missing = CliRunner().invoke(cli, ["analyze", "--out", str(built / "nowhere")])
    assert missing.exit_code == 1 and "graph.ttl" in missing.output


def test_graph_files_round_trip_awkward_text(tmp_path):
    from graph.analysis.export import gexf_bytes, graphml_bytes

    graph = nx.DiGraph()
    graph.add_node("https://x/u?a=1&b=2", label='县"发改"局 <A&B>', lead=2, lead_share=0.5, overloaded=True,
                   top_tasks="一\n二 & 三")
    graph.add_node("https://x/v", label="v", lead=0, lead_share=0.0, overloaded=False, top_tasks="")
    graph.add_edge("https://x/u?a=1&b=2", "https://x/v", weight=3)
    for name, data, reader in (("g.graphml", graphml_bytes(graph), nx.read_graphml),
                               ("g.gexf", gexf_bytes(graph), nx.read_gexf)):
        (tmp_path / name).write_bytes(data)
        back = reader(tmp_path / name)
        assert dict(back.nodes["https://x/u?a=1&b=2"]) == dict(graph.nodes["https://x/u?a=1&b=2"]), name
        assert back.nodes["https://x/v"]["overloaded"] is False
        assert back.edges["https://x/u?a=1&b=2", "https://x/v"]["weight"] == 3


@pytest.fixture(scope="module")
def corpus_build(tmp_path_factory):
    """The shipped corpus built and analysed (skipped while the core build is not there)."""
    pipeline = pytest.importorskip("graph.pipeline")
    out = tmp_path_factory.mktemp("corpus-analysis")
    pipeline.build_corpus(ROOT / "corpus", out, pipeline.BuildOptions(validate=False, store=False))
    if not (out / "graph.ttl").is_file():
        pytest.skip("the corpus build wrote no graph.ttl")
    run_analysis(out)
    return out


def test_corpus_lead_counts_equal_assignments_query(corpus_build):
    """units.csv lead counts per plan and unit = rows of queries/assignments.rq with role lead."""
    from collections import Counter

    store = ox.Store()
    store.load(path=str(corpus_build / "graph.ttl"), format=ox.RdfFormat.TURTLE)
    expected: Counter = Counter()
    for row in store.query((ROOT / "queries" / "assignments.rq").read_text(encoding="utf-8")):
        if row["role"].value == "lead":
            expected[(row["task"].value.split("/task/")[0], row["unit_iri"].value)] += 1
    scopes = json.loads((corpus_build / "analysis" / "scopes.json").read_text(encoding="utf-8"))
    plan_of = {s["id"]: s["plan"] for s in scopes if s["kind"] == "plan"}
    with (corpus_build / "analysis" / "units.csv").open(encoding="utf-8") as handle:
        got = {(plan_of[r["scope"]], r["unit_iri"]): int(r["lead"]) for r in csv.DictReader(handle)
               if r["scope"] in plan_of and int(r["lead"])}
    assert sum(expected.values()) > 0
    assert got == dict(expected)


def test_corpus_overload_report_covers_every_plan(corpus_build):
    """Each plan gets a verdict in words: overloaded leads with reasons, none, or why leads are missing."""
    text = (corpus_build / "analysis" / "overload.md").read_text(encoding="utf-8")
    scopes = json.loads((corpus_build / "analysis" / "scopes.json").read_text(encoding="utf-8"))
    plans = [s for s in scopes if s["kind"] == "plan"]
    assert plans
    for entry in plans:
        section = text.split(f"`{entry['id']}` —")[1].split("\n### ")[0]
        if entry["overloaded"]:
            assert "**Overloaded lead departments:**" in section
            for name in entry["overloaded"]:
                assert f"**{name}** — leads " in section
        elif entry["tasks_with_lead"] == 0:
            assert "no lead units" in section and "first-listed" in section
        else:
            assert "No lead department stands out" in section
    assert any(entry["overloaded"] for entry in plans)


def test_a_folder_without_turtle_is_read_from_the_disk_store_with_the_same_result(tmp_path):
    import shutil

    from graph.analysis import rows as analysis_rows
    from graph.analysis import run_analysis
    from graph.pipeline import BuildOptions, build_corpus

    corpus = tmp_path / "c"
    corpus.mkdir()
    for f in sorted((Path(__file__).resolve().parent.parent / "corpus").glob("00[02]*.txt")):
        shutil.copy(f, corpus / f.name)
    out = tmp_path / "o"
    build_corpus(corpus, out, BuildOptions(validate=False))
    run_analysis(out)
    in_memory = (out / "analysis" / "units.csv").read_bytes()
    (out / "graph.ttl").rename(tmp_path / "graph.ttl")
    assert analysis_rows.open_store(out)[1].endswith("store")
    run_analysis(out)
    assert (out / "analysis" / "units.csv").read_bytes() == in_memory


def test_streamed_turtle_read_equals_the_sparql_read(built):
    from graph.analysis.rows import read_graph
    from graph.analysis.turtle_read import read_turtle

    store = ox.Store()
    store.bulk_load(path=str(built / "graph.ttl"), format=ox.RdfFormat.TURTLE)
    by_sparql, streamed = read_graph(store), read_turtle(built / "graph.ttl")
    assert streamed.assignments == by_sparql.assignments
    assert (streamed.plans, streamed.indicators, streamed.function_labels) == (
        by_sparql.plans, by_sparql.indicators, by_sparql.function_labels)


def test_streamed_read_names_a_broken_file(tmp_path):
    (tmp_path / "graph.ttl").write_text("<a> <b> \"unclosed .\n", encoding="utf-8")
    with pytest.raises(AnalysisInputError, match="graph.ttl"):
        load_graph_data(tmp_path)


def test_fast_measures_give_networkx_floats():
    """The list-based eigenvector iteration and igraph's path counts reproduce networkx."""
    from graph.analysis.centrality import (DISTANCE_UNIT, _distance, _igraph_exact_paths, _normalise_betweenness,
                                           eigenvector_centrality)

    pytest.importorskip("igraph")
    for seed in (3, 4, 5):
        _, co = _random_scope_graphs(seed)
        assert eigenvector_centrality(co, max_iter=1000) == nx.eigenvector_centrality(co, weight="weight",
                                                                                      max_iter=1000)
        nodes = sorted(co)
        betweenness, closeness = _igraph_exact_paths(co, nodes)
        dist = nx.Graph()
        dist.add_nodes_from(nodes)
        dist.add_weighted_edges_from((u, v, _distance(w)) for u, v, w in co.edges(data="weight"))
        expected = nx.closeness_centrality(dist, distance="weight")
        assert closeness == {v: c * DISTANCE_UNIT for v, c in expected.items()}
        expected = _normalise_betweenness(nx.betweenness_centrality(dist, weight="weight", normalized=False),
                                          len(nodes))
        assert betweenness == pytest.approx(expected, abs=1e-12)


def test_worker_processes_write_the_same_files(built, monkeypatch):
    from graph.analysis import run as analysis_run

    serial = run_analysis(built, settings=AnalysisSettings(centrality=CentralityOptions(workers=1)))
    snapshot = {p: p.read_bytes() for p in serial.files}
    monkeypatch.setattr(analysis_run, "PARALLEL_FROM", 0)
    parallel = run_analysis(built, settings=AnalysisSettings(centrality=CentralityOptions(workers=2)),
                            keep_graphs=False)
    assert sorted(parallel.files) == sorted(snapshot)
    assert all(p.read_bytes() == data for p, data in snapshot.items())
    assert parallel.overloaded() == serial.overloaded()
    assert all(r.collaboration is None and r.centralities.values == {} for r in parallel.scopes)
    assert serial.scopes[0].collaboration is not None


def test_split_turtle_read_equals_the_one_pass_read(corpus_build, monkeypatch):
    """graph.ttl cut into 1 + 2 parts read at once (this process and two workers) gives the one-pass rows."""
    from graph.analysis import turtle_read
    from graph.analysis.workers import WorkerPool

    ttl = corpus_build / "graph.ttl"
    one_pass = turtle_read.read_turtle(ttl)
    monkeypatch.setattr(turtle_read, "SPLIT_FROM", 0)
    assert len(turtle_read._split_points(ttl, 3)) == 2
    scanned = []   # what this process parsed: the first part, never the whole file (no fallback)
    scan = turtle_read._scan
    monkeypatch.setattr(turtle_read, "_scan", lambda source: scanned.append(type(source).__name__) or scan(source))
    pool = WorkerPool(2)
    try:
        split = turtle_read.read_turtle(ttl, pool)
    finally:
        pool.close()
    assert scanned == ["_FileRange"]
    assert split.assignments == one_pass.assignments
    assert (split.plans, split.indicators, split.function_labels) == (
        one_pass.plans, one_pass.indicators, one_pass.function_labels)


def test_a_narrow_scope_still_writes_every_scope_and_drops_stale_graphs(built):
    stale = built / "analysis" / "graphs" / "plan-removed-000000.graphml"
    stale.parent.mkdir(parents=True)
    stale.write_text("<graphml/>", encoding="utf-8")
    result = run_analysis(built, scope="region")
    assert {r.scope.kind for r in result.scopes} == {"region"}
    scopes = json.loads((built / "analysis" / "scopes.json").read_text(encoding="utf-8"))
    assert {s["kind"] for s in scopes} == {"plan", "region", "all"}
    graphs = sorted(p.name for p in (built / "analysis" / "graphs").iterdir())
    assert graphs == sorted(f"{s['id']}.{ext}" for s in scopes for ext in ("graphml", "gexf"))
    units = (built / "analysis" / "units.csv").read_text(encoding="utf-8")
    assert {s["id"] for s in scopes} <= {line.split(",")[0] for line in units.splitlines()[1:]}
