"""Write a small output folder in the shape ``analysis`` produces (docs/DESIGN.md, "Output folder").

Used by the views tests until (and besides) the real analysis output: the files
carry CJK names, a unit named ``<script>alert(1)</script>局`` and a task title
with markup, so escaping is exercised everywhere.
"""
from __future__ import annotations

import json
import random
from pathlib import Path

import networkx as nx

XSS_UNIT = "<script>alert(1)</script>局"
FUNCTION_IRI = "https://example.org/plankg/fn/"
XSS_TASK = "建立</script><img src=x onerror=alert(2)>协调机制 & 台账"

PLANS = [
    {
        "doc": "jiashan.txt", "plan_iri": "https://example.org/plankg/plan/jiashan",
        "title": "嘉善县数字经济发展行动计划（2023—2025年）", "region": "嘉善县",
        "period_start": "2023", "period_end": "2025",
        "units": [("县发改局", "agency"), ("县经信局", "agency"), ("县财政局", "agency"),
                  (XSS_UNIT, "agency"), ("各镇（街道）", "township"), ("县供电公司", "enterprise")],
        "edges": [("县发改局", "县经信局", 3), ("县发改局", "县财政局", 2), ("县经信局", XSS_UNIT, 1),
                  (XSS_UNIT, "各镇（街道）", 2), ("县发改局", "各镇（街道）", 4), ("县经信局", "县供电公司", 1)],
        "lead": {"县发改局": 9, "县经信局": 5, XSS_UNIT: 2, "县财政局": 1},
    },
    {
        "doc": "dongtou.txt", "plan_iri": "https://example.org/plankg/plan/dongtou",
        "title": "洞头区海洋经济工作要点", "region": "洞头区",
        "period_start": "2024", "period_end": "2024",
        "units": [("区发改局", "agency"), ("区海洋渔业局", "agency"), ("区住建局", "agency"),
                  ("各乡镇（街道）", "township")],
        "edges": [("区海洋渔业局", "区发改局", 2), ("区海洋渔业局", "区住建局", 1),
                  ("区发改局", "各乡镇（街道）", 1)],
        "lead": {"区海洋渔业局": 6, "区发改局": 2},
    },
]


def _unit_iri(region: str, name: str) -> str:
    return f"https://example.org/plankg/unit/{region}/{name}"


def _scope_graph(units: list[tuple[str, str, str]], edges: list[tuple[str, str, int]],
                 lead: dict[str, int], overloaded: set[str]) -> nx.DiGraph:
    """A collaboration graph with every node attribute of the contract."""
    graph = nx.DiGraph()
    total_lead = sum(lead.values()) or 1
    for region, name, kind in units:
        coop = sum(w for _, b, w in edges if b == name)
        lead_n = lead.get(name, 0)
        graph.add_node(
            _unit_iri(region, name), label=name, region=region, kind=kind,
            function=FUNCTION_IRI + (name[1:] if len(name) > 1 else name), lead=float(lead_n), cooperating=float(coop),
            responsible=1.0, total=float(lead_n + coop + 1), lead_share=lead_n / total_lead,
            overloaded=name in overloaded,
            reason=f"leads {lead_n} of {total_lead} tasks ({100 * lead_n // total_lead}%)" if name in overloaded else "",
            betweenness=round(0.1 * len(name) % 1, 3), pagerank=round(1 / (1 + len(units)), 4),
            top_tasks="\n".join([f"{name}牵头任务一", XSS_TASK] if lead_n else []),
        )
    region_of = {name: region for region, name, _ in units}
    for a, b, w in edges:
        graph.add_edge(_unit_iri(region_of[a], a), _unit_iri(region_of[b], b), weight=float(w))
    return graph


def _rows(scope: str, graph: nx.DiGraph) -> list[dict]:
    rows = []
    for node, data in sorted(graph.nodes(data=True)):
        rows.append({"scope": scope, "unit": data["label"], "region": data["region"], "kind": data["kind"],
                     "lead": data["lead"], "lead_share": data["lead_share"], "cooperating": data["cooperating"],
                     "responsible": data["responsible"], "total": data["total"],
                     "betweenness": data["betweenness"], "pagerank": data["pagerank"],
                     "overloaded": data["overloaded"], "reason": data["reason"],
                     "unit_iri": node, "function": data["function"],
                     "function_label": data["function"].removeprefix(FUNCTION_IRI)})
    return rows


def write_output(out: Path, extra_plans: list[dict] | None = None) -> dict[str, nx.DiGraph]:
    """Write report.json and analysis/ for the fixture plans; return the graphs by scope id."""
    plans = PLANS + list(extra_plans or [])
    graphs: dict[str, nx.DiGraph] = {}
    scopes: list[dict] = []
    per_region: dict[str, list[dict]] = {}
    for plan in plans:
        units = [(plan["region"], name, kind) for name, kind in plan["units"]]
        top = max(plan["lead"], key=lambda n: plan["lead"][n]) if plan["lead"] else ""
        scope_id = "plan-" + plan["doc"].rsplit(".", 1)[0]
        graphs[scope_id] = _scope_graph(units, plan["edges"], plan["lead"], {top} | ({XSS_UNIT} & set(plan["lead"])))
        scopes.append({"id": scope_id, "kind": "plan", "label": plan["title"], "plan": plan["plan_iri"],
                       "doc": plan["doc"]})
        per_region.setdefault(plan["region"], []).append(plan)
    all_units, all_edges, all_lead = [], [], {}
    for region, region_plans in sorted(per_region.items()):
        units = sorted({(region, n, k) for p in region_plans for n, k in p["units"]})
        edges = [e for p in region_plans for e in p["edges"]]
        lead: dict[str, int] = {}
        for p in region_plans:
            for name, n in p["lead"].items():
                lead[name] = lead.get(name, 0) + n
        scope_id = "region-" + region
        graphs[scope_id] = _scope_graph(units, edges, lead, {max(lead, key=lambda n: lead[n])} if lead else set())
        scopes.append({"id": scope_id, "kind": "region", "label": region})
        all_units += units
        all_edges += [(a, b, w) for a, b, w in edges]
        all_lead.update(lead)
    merged = nx.DiGraph()
    for scope_id in sorted(graphs):
        if scope_id.startswith("region-"):
            merged = nx.compose(merged, graphs[scope_id])
    graphs["all"] = merged
    scopes.append({"id": "all", "kind": "all", "label": "全部地区"})
    return _write(out, plans, graphs, scopes)


def _write(out: Path, plans: list[dict], graphs: dict[str, nx.DiGraph], scopes: list[dict]) -> dict[str, nx.DiGraph]:
    analysis = out / "analysis"
    (analysis / "graphs").mkdir(parents=True, exist_ok=True)
    rows = []
    for scope in scopes:
        graph = graphs[scope["id"]]
        scope.update({"graphml": f"graphs/{scope['id']}.graphml", "gexf": f"graphs/{scope['id']}.gexf",
                      "nodes": graph.number_of_nodes(), "edges": graph.number_of_edges()})
        nx.write_graphml(graph, analysis / "graphs" / f"{scope['id']}.graphml")
        rows += _rows(scope["id"], graph)
    documents = [{"doc": p["doc"], "path": f"corpus/{p['doc']}", "sha256": "0" * 64, "plan_iri": p["plan_iri"],
                  "title": p["title"], "region": p["region"], "parent_region": "",
                  "period_start": p["period_start"], "period_end": p["period_end"], "lead_convention": "column",
                  "tasks": 10 + len(p["edges"]), "units": len(p["units"]),
                  "assignments": {"lead": sum(p["lead"].values()), "cooperating": len(p["edges"]), "responsible": 0},
                  "indicators": 3, "warnings": []} for p in plans]
    (out / "report.json").write_text(json.dumps({"documents": documents, "problems": [], "shacl": {}},
                                                ensure_ascii=False, indent=1), encoding="utf-8")
    (analysis / "units.json").write_text(json.dumps(rows, ensure_ascii=False, indent=1), encoding="utf-8")
    (analysis / "scopes.json").write_text(json.dumps(scopes, ensure_ascii=False, indent=1), encoding="utf-8")
    return graphs


def write_large_output(out: Path, units: int = 600, edges: int = 4000, seed: int = 7) -> dict[str, nx.DiGraph]:
    """Write one big plan (``units`` units, ``edges`` links) to exercise the top-N limits."""
    rng = random.Random(seed)
    names = [f"第{i:04d}号单位" for i in range(units)]
    kinds = ["agency", "township", "enterprise", "other"]
    pairs: dict[tuple[str, str], int] = {}
    while len(pairs) < edges:
        a, b = rng.sample(names, 2)
        pairs[(a, b)] = rng.randint(1, 6)
    plan = {"doc": "big.txt", "plan_iri": "https://example.org/plankg/plan/big", "title": "大型综合实施方案",
            "region": "大县", "period_start": "2023", "period_end": "2027",
            "units": [(n, kinds[i % len(kinds)]) for i, n in enumerate(names)],
            "edges": [(a, b, w) for (a, b), w in sorted(pairs.items())],
            "lead": {n: rng.randint(0, 40) for n in names}}
    graph = _scope_graph([(plan["region"], n, k) for n, k in plan["units"]], plan["edges"], plan["lead"],
                         set(sorted(plan["lead"], key=lambda n: -plan["lead"][n])[:5]))
    scopes = [{"id": "plan-big", "kind": "plan", "label": plan["title"], "plan": plan["plan_iri"], "doc": "big.txt"}]
    return _write(out, [plan], {"plan-big": graph}, scopes)
