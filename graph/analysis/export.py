"""Writers of the analysis outputs (atomic, deterministic): CSV, JSON, GraphML, GEXF, Markdown, Turtle."""
from __future__ import annotations

import csv
import io
import json
import os
import re
import tempfile
from pathlib import Path

import networkx as nx
import pyoxigraph as ox

from graph.analysis.overload import OverloadOptions
from graph.analysis.rows import PLANKG
from graph.analysis.scopes import short_hash

DIGITS = 6
COLUMNS = ("scope", "unit", "region", "kind", "lead", "lead_share", "cooperating", "responsible", "total",
           "lead_weighted", "lead_inferred", "targets", "plans", "sections", "members",
           "out_strength", "in_strength", "partners", "betweenness", "closeness", "pagerank",
           "eigenvector", "constraint", "community", "robust_z", "overloaded", "reason", "rank",
           "unit_iri", "function", "function_label", "scope_kind", "level", "lead_policy", "top_tasks")
GRAPH_NODE_ATTRS = ("label", "region", "kind", "function", "lead", "cooperating", "responsible", "total",
                    "lead_share", "lead_weighted", "lead_inferred", "targets", "overloaded", "reason",
                    "robust_z", "betweenness", "closeness", "pagerank", "eigenvector", "constraint",
                    "community", "out_strength", "in_strength", "partners", "top_tasks")
ID = "https://w3id.org/plankg/id/"
XSD = "http://www.w3.org/2001/XMLSchema#"
RDF_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
RDFS_LABEL = ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#label")
TTL_PREFIXES = {"plankg": PLANKG, "rdfs": "http://www.w3.org/2000/01/rdf-schema#", "xsd": XSD}
RDF_INTS = {"lead": "leadCount", "lead_inferred": "leadInferredCount", "cooperating": "cooperatingCount",
            "responsible": "responsibleCount", "total": "taskCount", "targets": "targetCount",
            "plans": "planCount", "sections": "sectionCount", "members": "memberCount",
            "partners": "partnerCount", "community": "community", "rank": "leadRank"}
RDF_DECIMALS = {"lead_share": "leadShare", "lead_weighted": "leadWeighted", "out_strength": "outStrength",
                "in_strength": "inStrength", "betweenness": "betweenness", "closeness": "closeness",
                "pagerank": "pagerank", "eigenvector": "eigenvector", "constraint": "constraint",
                "robust_z": "robustZ"}


def atomic_write(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` through a temporary file in the same folder and ``os.replace``."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise


def _round(value):
    if isinstance(value, float):
        value = round(value, DIGITS)
        return 0.0 if value == 0 else value
    return value


def unit_rows(result) -> list[dict]:
    """One row per node per scope, all measures, scopes in order and nodes by rank."""
    rows = []
    for res in result.scopes:
        for rank, node in enumerate(res.ranked(), 1):
            load = res.loads.units[node]
            cent = res.centralities.values[node]
            verdict = res.overloads[node]
            row = {
                "scope": res.scope.id, "unit": load.label, "region": load.region, "kind": load.kind,
                "lead": load.lead, "lead_share": load.lead_share, "cooperating": load.cooperating,
                "responsible": load.responsible, "total": load.total, "lead_weighted": load.lead_weighted,
                "lead_inferred": load.lead_inferred, "targets": load.targets, "plans": load.plans,
                "sections": load.sections, "members": load.members,
                **{k: cent.get(k) for k in ("out_strength", "in_strength", "partners", "betweenness",
                                            "closeness", "pagerank", "eigenvector", "constraint",
                                            "community")},
                "robust_z": verdict.robust_z, "overloaded": verdict.overloaded, "reason": verdict.reason,
                "rank": rank, "unit_iri": node, "function": load.function,
                "function_label": function_label(result, res, load.function),
                "scope_kind": res.scope.kind, "level": res.scope.level, "lead_policy": result.lead_policy,
                "top_tasks": list(load.top_tasks),
            }
            rows.append({k: _round(row[k]) for k in COLUMNS})
    return rows


def function_label(result, res, function: str) -> str:
    """The label of a function concept: from the graph, else the node label at function level."""
    if not function:
        return ""
    label = result.function_labels.get(function, "")
    if not label and res.scope.level == "function" and function in res.loads.units:
        label = res.loads.units[function].label
    return label


def csv_bytes(rows: list[dict]) -> bytes:
    """units.csv: the columns of ``COLUMNS``; lists joined with " | ", missing values empty."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({k: (" | ".join(v) if isinstance(v, list) else "" if v is None else
                             str(v).lower() if isinstance(v, bool) else v) for k, v in row.items()})
    return buffer.getvalue().encode("utf-8")


def json_bytes(value) -> bytes:
    """JSON with Chinese kept as is, indented, keys in the order given."""
    return (json.dumps(value, ensure_ascii=False, indent=1) + "\n").encode("utf-8")


def export_graph(res) -> nx.DiGraph:
    """The scope's collaboration graph with the node attributes of the views contract (no None, no lists)."""
    graph = nx.DiGraph(scope=res.scope.id, label=res.scope.label)
    for node in sorted(res.collaboration):
        load = res.loads.units[node]
        cent = res.centralities.values[node]
        verdict = res.overloads[node]
        attrs = {"label": load.label, "region": load.region, "kind": load.kind, "function": load.function,
                 "lead": load.lead, "cooperating": load.cooperating, "responsible": load.responsible,
                 "total": load.total, "lead_share": load.lead_share, "lead_weighted": load.lead_weighted,
                 "lead_inferred": load.lead_inferred, "targets": load.targets,
                 "overloaded": verdict.overloaded, "reason": verdict.reason, "robust_z": verdict.robust_z,
                 "top_tasks": "\n".join(load.top_tasks)}
        for key in ("betweenness", "closeness", "pagerank", "eigenvector", "constraint", "community",
                    "out_strength", "in_strength", "partners"):
            value = cent.get(key)
            if value is not None:   # missing data (e.g. constraint of an isolated unit) is left out
                attrs[key] = float(value) if key not in ("community", "partners") else int(value)
        graph.add_node(node, **{k: _round(attrs[k]) for k in GRAPH_NODE_ATTRS if k in attrs})
    for u, v, w in sorted(res.collaboration.edges(data="weight")):
        graph.add_edge(u, v, weight=int(w))
    return graph


def graphml_bytes(graph: nx.DiGraph) -> bytes:
    buffer = io.BytesIO()
    nx.write_graphml(graph, buffer, encoding="utf-8", prettyprint=True)
    return buffer.getvalue()


def gexf_bytes(graph: nx.DiGraph) -> bytes:
    buffer = io.BytesIO()
    nx.write_gexf(graph, buffer, encoding="utf-8", prettyprint=True)
    # networkx stamps today's date into <meta>: drop it so the same input gives the same bytes
    return re.sub(rb' lastmodifieddate="[^"]*"', b"", buffer.getvalue())


def scope_entries(result, sizes: dict[str, tuple[int, int]]) -> list[dict]:
    """scopes.json: one object per scope."""
    entries = []
    for res in result.scopes:
        sc, loads = res.scope, res.loads
        nodes, edges = sizes[sc.id]
        entries.append({
            "id": sc.id, "kind": sc.kind, "label": sc.label, "level": sc.level,
            "graphml": f"graphs/{sc.id}.graphml", "gexf": f"graphs/{sc.id}.gexf",
            "nodes": nodes, "edges": edges, "plan": sc.plan, "region": sc.region,
            "lead_policy": result.lead_policy, "tasks": loads.tasks, "tasks_with_lead": loads.tasks_with_lead,
            "lead_assignments": loads.lead_assignments, "inferred_leads": loads.inferred_leads,
            "responsible_assignments": loads.responsible_assignments,
            "no_marked_leads": bool(loads.tasks and not loads.tasks_with_lead),
            "overloaded": [loads.units[n].label for n in res.ranked() if res.overloads[n].overloaded],
            "methods": dict(sorted(res.centralities.methods.items())),
        })
    return entries


def _literal(value, datatype: str | None = None) -> ox.Literal:
    if isinstance(value, bool):
        return ox.Literal("true" if value else "false", datatype=ox.NamedNode(XSD + "boolean"))
    if isinstance(value, int):
        return ox.Literal(str(value), datatype=ox.NamedNode(XSD + "integer"))
    if isinstance(value, float):
        text = f"{value:.{DIGITS}f}".rstrip("0")
        return ox.Literal(text + ("0" if text.endswith(".") else ""), datatype=ox.NamedNode(XSD + "decimal"))
    return ox.Literal(str(value))


def analysis_triples(result, rows: list[dict]) -> list[ox.Triple]:
    """The measures as RDF: a plankg:AnalysisScope per scope and a plankg:UnitMeasure per unit per scope."""
    p = lambda name: ox.NamedNode(PLANKG + name)  # noqa: E731
    triples: list[ox.Triple] = []
    for res in result.scopes:
        sc, loads = res.scope, res.loads
        s = ox.NamedNode(f"{ID}analysis/{sc.id}")
        triples += [ox.Triple(s, RDF_TYPE, p("AnalysisScope")), ox.Triple(s, RDFS_LABEL, _literal(sc.label)),
                    ox.Triple(s, p("scopeKind"), _literal(sc.kind)), ox.Triple(s, p("scopeLevel"), _literal(sc.level)),
                    ox.Triple(s, p("leadPolicy"), _literal(result.lead_policy)),
                    ox.Triple(s, p("taskCount"), _literal(loads.tasks)),
                    ox.Triple(s, p("tasksWithLead"), _literal(loads.tasks_with_lead)),
                    ox.Triple(s, p("leadCount"), _literal(loads.lead_assignments))]
        if sc.plan:
            triples.append(ox.Triple(s, p("scopePlan"), ox.NamedNode(sc.plan)))
        if sc.region:
            triples.append(ox.Triple(s, p("scopeRegion"), _literal(sc.region)))
    for row in rows:
        m = ox.NamedNode(f"{ID}analysis/{row['scope']}/m/{short_hash(row['unit_iri'])}")
        triples += [ox.Triple(m, RDF_TYPE, p("UnitMeasure")),
                    ox.Triple(m, p("measureOf"), ox.NamedNode(row["unit_iri"])),
                    ox.Triple(m, p("inScope"), ox.NamedNode(f"{ID}analysis/{row['scope']}")),
                    ox.Triple(m, RDFS_LABEL, _literal(row["unit"])),
                    ox.Triple(m, p("scopeKind"), _literal(row["scope_kind"])),
                    ox.Triple(m, p("overloaded"), _literal(bool(row["overloaded"])))]
        if row["reason"]:
            triples.append(ox.Triple(m, p("overloadReason"), _literal(row["reason"])))
        for key, name in RDF_INTS.items():
            if row[key] is not None:
                triples.append(ox.Triple(m, p(name), _literal(int(row[key]))))
        for key, name in RDF_DECIMALS.items():
            if row[key] is not None:
                triples.append(ox.Triple(m, p(name), _literal(float(row[key]))))
    return sorted(set(triples), key=lambda t: (t.subject.value, t.predicate.value, str(t.object)))


def turtle_bytes(triples: list[ox.Triple]) -> bytes:
    """Turtle of sorted triples, with the @prefix lines in a fixed order (Oxigraph's order is not)."""
    body = ox.serialize(triples, format=ox.RdfFormat.TURTLE, prefixes=TTL_PREFIXES)
    lines = body.split(b"\n")
    head = sorted(line for line in lines if line.startswith(b"@prefix"))
    rest = [line for line in lines if not line.startswith(b"@prefix")]
    return b"\n".join(head + [b""] + rest)


def write_outputs(result, top: int = 10, overload: OverloadOptions = OverloadOptions()) -> list[Path]:
    """Write every analysis output of ``result`` under ``result.out_dir``; the paths written."""
    from graph.analysis.report import overload_markdown

    out = Path(result.out_dir)
    folder = out / "analysis"
    written: list[Path] = []

    def put(path: Path, data: bytes) -> None:
        atomic_write(path, data)
        written.append(path)

    rows = unit_rows(result)
    sizes = {}
    for res in result.scopes:
        graph = export_graph(res)
        sizes[res.scope.id] = (graph.number_of_nodes(), graph.number_of_edges())
        put(folder / "graphs" / f"{res.scope.id}.graphml", graphml_bytes(graph))
        put(folder / "graphs" / f"{res.scope.id}.gexf", gexf_bytes(graph))
    put(folder / "units.csv", csv_bytes(rows))
    put(folder / "units.json", json_bytes(rows))
    put(folder / "scopes.json", json_bytes(scope_entries(result, sizes)))
    put(folder / "overload.md", overload_markdown(result, top=top, options=overload).encode("utf-8"))
    put(out / "analysis.ttl", turtle_bytes(analysis_triples(result, rows)))
    return written
