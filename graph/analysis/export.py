"""Writers of the analysis outputs (atomic, deterministic): CSV, JSON, GraphML, GEXF, Markdown, Turtle."""
from __future__ import annotations

import csv
import io
import json
import os
from dataclasses import dataclass
from pathlib import Path

import networkx as nx

from graph.files import write_atomically
from graph.parts import PartWriter, link_or_copy

from graph.analysis.overload import OverloadOptions
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
FLOAT_COLUMNS = ("lead_share", "lead_weighted", "out_strength", "in_strength", "partners", "betweenness",
                 "closeness", "pagerank", "eigenvector", "constraint", "community", "robust_z")
ID = "https://w3id.org/plankg/id/"
RDF_INTS = {"lead": "leadCount", "lead_inferred": "leadInferredCount", "cooperating": "cooperatingCount",
            "responsible": "responsibleCount", "total": "taskCount", "targets": "targetCount",
            "plans": "planCount", "sections": "sectionCount", "members": "memberCount",
            "partners": "partnerCount", "community": "community", "rank": "leadRank"}
RDF_DECIMALS = {"lead_share": "leadShare", "lead_weighted": "leadWeighted", "out_strength": "outStrength",
                "in_strength": "inStrength", "betweenness": "betweenness", "closeness": "closeness",
                "pagerank": "pagerank", "eigenvector": "eigenvector", "constraint": "constraint",
                "robust_z": "robustZ"}


def scope_unit_rows(res, lead_policy: str, function_labels: dict[str, str]) -> list[dict]:
    """The rows of ``unit_rows`` of one scope."""
    rows = []
    scope = res.scope
    for rank, node in enumerate(res.ranked(), 1):
        load = res.loads.units[node]
        cent = res.centralities.values[node]
        verdict = res.overloads[node]
        row = {
            "scope": scope.id, "unit": load.label, "region": load.region, "kind": load.kind,
            "lead": load.lead, "lead_share": load.lead_share, "cooperating": load.cooperating,
            "responsible": load.responsible, "total": load.total, "lead_weighted": load.lead_weighted,
            "lead_inferred": load.lead_inferred, "targets": load.targets, "plans": load.plans,
            "sections": load.sections, "members": load.members,
            **{k: cent.get(k) for k in ("out_strength", "in_strength", "partners", "betweenness",
                                        "closeness", "pagerank", "eigenvector", "constraint",
                                        "community")},
            "robust_z": verdict.robust_z, "overloaded": verdict.overloaded, "reason": verdict.reason,
            "rank": rank, "unit_iri": node, "function": load.function,
            "function_label": _function_label(function_labels, res, load.function),
            "scope_kind": scope.kind, "level": scope.level, "lead_policy": lead_policy,
            "top_tasks": list(load.top_tasks),
        }
        for key in FLOAT_COLUMNS:
            value = row[key]
            if value.__class__ is float:
                value = round(value, DIGITS)
                row[key] = 0.0 if value == 0 else value
        rows.append({k: row[k] for k in COLUMNS})
    return rows


def _function_label(function_labels: dict[str, str], res, function: str) -> str:
    if not function:
        return ""
    label = function_labels.get(function, "")
    if not label and res.scope.level == "function" and function in res.loads.units:
        label = res.loads.units[function].label
    return label


def _csv_cells(row: dict) -> list:
    """The cells of one units.csv row, in ``COLUMNS`` order."""
    cells = []
    for value in row.values():
        kind = value.__class__
        cells.append(value if kind is str or kind is int or kind is float else
                     " | ".join(value) if kind is list else "" if value is None else
                     ("true" if value else "false") if kind is bool else value)
    return cells


def json_bytes(value) -> bytes:
    """JSON with Chinese kept as is, indented, keys in the order given."""
    return (json.dumps(value, ensure_ascii=False, indent=1) + "\n").encode("utf-8")


def row_node_attributes(row: dict) -> dict:
    """``node_attributes`` of a node from its (already rounded) units.csv row."""
    attrs = {"label": row["unit"], "region": row["region"], "kind": row["kind"], "function": row["function"],
             "lead": row["lead"], "cooperating": row["cooperating"], "responsible": row["responsible"],
             "total": row["total"], "lead_share": row["lead_share"], "lead_weighted": row["lead_weighted"],
             "lead_inferred": row["lead_inferred"], "targets": row["targets"], "overloaded": row["overloaded"],
             "reason": row["reason"], "robust_z": row["robust_z"]}
    for key in ("betweenness", "closeness", "pagerank", "eigenvector", "constraint"):
        if row[key] is not None:
            attrs[key] = float(row[key])
    if row["community"] is not None:
        attrs["community"] = int(row["community"])
    for key in ("out_strength", "in_strength"):
        if row[key] is not None:
            attrs[key] = float(row[key])
    if row["partners"] is not None:
        attrs["partners"] = int(row["partners"])
    attrs["top_tasks"] = "\n".join(row["top_tasks"])
    return attrs


def scope_graph_table(rows: list[dict], edges) -> "GraphTable":
    """The export graph of a scope as a ``GraphTable``, from its units.csv rows and (lead, other, weight) edges."""
    by_node = {row["unit_iri"]: row for row in rows}
    return _table([(node, row_node_attributes(by_node[node])) for node in sorted(by_node)],
                  [(u, v, int(w)) for u, v, w in sorted(edges)])


def _xml_type(values: list) -> str:
    """The GraphML type of an attribute from its values: boolean, int, double or string."""
    kinds = {type(v) for v in values}
    if kinds <= {bool}:
        return "boolean"
    if kinds <= {int}:
        return "int"
    if kinds <= {int, float}:
        return "double"
    return "string"


_XML_ESCAPES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "\n": "&#10;", "\r": "&#13;",
                              "\t": "&#9;"})


def _xml_value(value) -> str:
    """Text of an attribute value, escaped for XML text and double-quoted attributes."""
    if value is True or value is False:
        return "true" if value else "false"
    if not isinstance(value, str):
        return str(value)
    return value.translate(_XML_ESCAPES)


def _attribute_table(node_data: list[tuple[str, dict]]) -> list[tuple[str, str]]:
    """(name, type) of every node attribute used in the graph, in ``GRAPH_NODE_ATTRS`` order."""
    seen: dict[str, list] = {}
    for _, data in node_data:
        for key, value in data.items():
            seen.setdefault(key, []).append(value)
    return [(k, _xml_type(seen[k])) for k in GRAPH_NODE_ATTRS if k in seen]


@dataclass
class GraphTable:
    """A graph's nodes and edges with every value already escaped for XML."""

    attrs: list[tuple[str, str]]                      # (name, type), node attributes but the label
    nodes: list[tuple[str, str, list[str]]]           # (id, label, [value text or None per attr])
    edges: list[tuple[str, str, int]]


def graph_table(graph: nx.DiGraph) -> GraphTable:
    """Escape a graph once for both writers."""
    return _table(list(graph.nodes(data=True)), list(graph.edges(data="weight", default=1)))


_NUMBER_TEXT = {"int": str, "double": str, "boolean": _xml_value}   # numbers need no escaping


def _table(node_data: list[tuple[str, dict]], edges: list[tuple[str, str, int]]) -> GraphTable:
    attrs = _attribute_table(node_data)
    ids = {node: _xml_value(node) for node, _ in node_data}
    text = [(name, _NUMBER_TEXT.get(kind, _xml_value)) for name, kind in attrs]
    nodes = [(ids[node], _xml_value(str(data.get("label", node))),
              [as_text(data[name]) if name in data else None for name, as_text in text])
             for node, data in node_data]
    return GraphTable(attrs, nodes, [(ids[u], ids[v], int(w)) for u, v, w in edges])


def graphml_bytes(graph: nx.DiGraph | GraphTable) -> bytes:
    """GraphML of a weighted directed graph (as ``nx.write_graphml`` writes it, written directly)."""
    table = graph if isinstance(graph, GraphTable) else graph_table(graph)
    attrs = table.attrs
    out = ['<?xml version="1.0" encoding="utf-8"?>',
           '<graphml xmlns="http://graphml.graphdrawing.org/xmlns" '
           'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation='
           '"http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">']
    out += [f'  <key id="d{i}" for="node" attr.name="{name}" attr.type="{kind}"/>' for i, (name, kind) in enumerate(attrs)]
    weight_key = f"d{len(attrs)}"
    out.append(f'  <key id="{weight_key}" for="edge" attr.name="weight" attr.type="int"/>')
    out.append('  <graph edgedefault="directed">')
    for node, _, values in table.nodes:
        out.append(f'    <node id="{node}">')
        out += [f'      <data key="d{i}">{text}</data>' for i, text in enumerate(values) if text is not None]
        out.append("    </node>")
    out += [f'    <edge source="{u}" target="{v}"><data key="{weight_key}">{w}</data></edge>'
            for u, v, w in table.edges]
    out += ["  </graph>", "</graphml>", ""]
    return "\n".join(out).encode("utf-8")


GEXF_TYPES = {"boolean": "boolean", "int": "integer", "double": "double", "string": "string"}


def gexf_bytes(graph: nx.DiGraph | GraphTable) -> bytes:
    """GEXF 1.2 of a weighted directed graph; the node attribute ``label`` is the GEXF label."""
    table = graph if isinstance(graph, GraphTable) else graph_table(graph)
    keep = [i for i, (name, _) in enumerate(table.attrs) if name != "label"]
    out = ['<?xml version="1.0" encoding="utf-8"?>',
           '<gexf xmlns="http://www.gexf.net/1.2draft" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
           'xsi:schemaLocation="http://www.gexf.net/1.2draft http://www.gexf.net/1.2draft/gexf.xsd" version="1.2">',
           '  <meta><creator>plankg</creator></meta>',
           '  <graph defaultedgetype="directed" mode="static" name="">',
           '    <attributes mode="static" class="node">']
    out += [f'      <attribute id="{i}" title="{table.attrs[i][0]}" type="{GEXF_TYPES[table.attrs[i][1]]}"/>'
            for i in keep]
    out += ["    </attributes>", "    <nodes>"]
    for node, label, values in table.nodes:
        attvalues = "".join(f'<attvalue for="{i}" value="{values[i]}"/>' for i in keep if values[i] is not None)
        out.append(f'      <node id="{node}" label="{label}">\n        <attvalues>{attvalues}</attvalues>\n      </node>')
    out += ["    </nodes>", "    <edges>"]
    out += [f'      <edge id="{i}" source="{u}" target="{v}" weight="{w}"/>' for i, (u, v, w) in enumerate(table.edges)]
    out += ["    </edges>", "  </graph>", "</gexf>", ""]
    return "\n".join(out).encode("utf-8")


def scope_entry(res, lead_policy: str, nodes: int, edges: int) -> dict:
    """The scopes.json object of one scope."""
    sc, loads = res.scope, res.loads
    return {
        "id": sc.id, "kind": sc.kind, "label": sc.label, "level": sc.level,
        "graphml": f"graphs/{sc.id}.graphml", "gexf": f"graphs/{sc.id}.gexf",
        "nodes": nodes, "edges": edges, "plan": sc.plan, "region": sc.region,
        "lead_policy": lead_policy, "tasks": loads.tasks, "tasks_with_lead": loads.tasks_with_lead,
        "lead_assignments": loads.lead_assignments, "inferred_leads": loads.inferred_leads,
        "responsible_assignments": loads.responsible_assignments,
        "no_marked_leads": bool(loads.tasks and not loads.tasks_with_lead),
        "lead_coverage": round(loads.tasks_with_lead / loads.tasks, 4) if loads.tasks else 0.0,
        "overloaded": [loads.units[n].label for n in res.ranked() if res.overloads[n].overloaded],
        "methods": dict(sorted(res.centralities.methods.items())),
    }


TTL_HEAD = ("@prefix plankg: <https://w3id.org/plankg/ns#> .\n"
            "@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .\n"
            "@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .\n\n")
_TTL_ESCAPES = str.maketrans({"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t"})


def _ttl(value) -> str:
    """A Turtle term for a Python value: boolean, integer, decimal or string literal."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return _decimal(value)
    return '"' + str(value).translate(_TTL_ESCAPES) + '"'


def _iri(iri: str) -> str:
    return f"<{iri}>"


def _block(subject: str, pairs: list[tuple[str, str]]) -> str:
    return f"{subject} " + " ;\n    ".join(f"{p} {o}" for p, o in pairs) + " .\n"


def scope_turtle(res, lead_policy: str) -> str:
    """The plankg:AnalysisScope block of one scope."""
    sc, loads = res.scope, res.loads
    pairs = [("a", "plankg:AnalysisScope"), ("rdfs:label", _ttl(sc.label)), ("plankg:scopeKind", _ttl(sc.kind)),
             ("plankg:scopeLevel", _ttl(sc.level)), ("plankg:leadPolicy", _ttl(lead_policy)),
             ("plankg:taskCount", _ttl(loads.tasks)), ("plankg:tasksWithLead", _ttl(loads.tasks_with_lead)),
             ("plankg:leadAssignmentCount", _ttl(loads.lead_assignments))]
    if sc.plan:
        pairs.append(("plankg:scopePlan", _iri(sc.plan)))
    if sc.region:
        pairs.append(("plankg:scopeRegion", _ttl(sc.region)))
    return _block(_iri(f"{ID}analysis/{sc.id}"), pairs)


def measure_turtle(row: dict) -> str:
    """The plankg:UnitMeasure block of one row of units.csv."""
    iri, scope = row["unit_iri"], row["scope"]
    pairs = [f"<{ID}analysis/{scope}/m/{short_hash(iri)}> a plankg:UnitMeasure", f"plankg:measureOf <{iri}>",
             f"plankg:inScope <{ID}analysis/{scope}>", f"rdfs:label {_ttl(row['unit'])}",
             f"plankg:scopeKind {_ttl(row['scope_kind'])}",
             "plankg:overloaded true" if row["overloaded"] else "plankg:overloaded false"]
    if row["reason"]:
        pairs.append(f"plankg:overloadReason {_ttl(row['reason'])}")
    pairs += [f"plankg:{name} {int(row[key])}" for key, name in RDF_INTS.items() if row[key] is not None]
    pairs += [f"plankg:{name} {_decimal(float(row[key]))}" for key, name in RDF_DECIMALS.items()
              if row[key] is not None]
    return " ;\n    ".join(pairs) + " .\n"


def _decimal(value: float) -> str:
    text = f"{value:.{DIGITS}f}".rstrip("0")
    return text + "0" if text.endswith(".") else text


@dataclass(slots=True)
class RenderedScope:
    """A scope's part of the tables, as text, and the graph files written for it."""

    csv_text: str
    json_text: str        # row objects joined by ",\n"
    ttl_text: str         # UnitMeasure blocks, each after a blank line
    rows: int
    nodes: int
    edges: int
    files: list[str]


def render_scope(res, collaboration_edges: list, lead_policy: str, function_labels: dict[str, str],
                 graphs_dir: Path) -> RenderedScope:
    """Write a scope's GraphML and GEXF files and render its rows of units.csv, units.json and analysis.ttl."""
    rows = scope_unit_rows(res, lead_policy, function_labels)
    table = scope_graph_table(rows, collaboration_edges)
    files = []
    for name, data in ((f"{res.scope.id}.graphml", graphml_bytes(table)), (f"{res.scope.id}.gexf", gexf_bytes(table))):
        write_atomically(graphs_dir / name, data)
        files.append(str(graphs_dir / name))
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerows(_csv_cells(row) for row in rows)
    return RenderedScope(buffer.getvalue(), ",\n".join(json.dumps(row, ensure_ascii=False) for row in rows),
                         "".join("\n" + measure_turtle(row) for row in rows), len(rows), len(table.nodes),
                         len(table.edges), files)


@dataclass(slots=True)
class ScopeJob:
    """What a worker needs to measure and render one scope (its rows are not sent)."""

    scope: object                 # a Scope without rows
    loads: object                 # ScopeLoads
    verdicts: dict
    graphs: object                # CentralityJob
    options: object               # CentralityOptions
    lead_policy: str
    function_labels: dict[str, str]
    graphs_dir: str


def run_scope_job(job: ScopeJob) -> tuple[tuple, RenderedScope]:
    """Centralities (packed) and the rendered outputs of one scope; runs in a worker process."""
    from graph.analysis.centrality import run_job, unpack
    from graph.analysis.run import ScopeResult

    packed = run_job(job.graphs, job.options)
    res = ScopeResult(job.scope, job.loads, None, None, unpack(job.graphs.nodes, packed), job.verdicts)
    nodes = job.graphs.nodes
    edges = [(nodes[i], nodes[j], w) for i, j, w in job.graphs.collaboration]
    return packed, render_scope(res, edges, job.lead_policy, job.function_labels, Path(job.graphs_dir))


PARTS = ".parts.json"   # in analysis/: each scope's digest and the place of its rows in the files
PART_KEYS = ("id", "digest", "lengths", "rows", "block", "entry", "flagged", "section", "methods")


class AnalysisWriter:
    """Writes the analysis outputs scope by scope (graph files at once, tables streamed), so that
    no more than one scope's graphs and measures need to be held; ``close`` completes the files.
    A scope unchanged since ``previous`` (the analysis/ folder of the generation before) is
    copied from its files rather than measured again (:meth:`add_reused`)."""

    def __init__(self, out_dir: Path, lead_policy: str, scopes: list, top: int = 10,
                 overload: OverloadOptions = OverloadOptions(), previous: Path | None = None):
        from graph.analysis.report import OverloadReport

        self.out_dir = Path(out_dir)
        self.folder = self.out_dir / "analysis"
        self.folder.mkdir(parents=True, exist_ok=True)
        self.lead_policy = lead_policy
        self.report = OverloadReport(lead_policy, scopes, top, overload)
        self.written: list[Path] = []
        self.entries: list[dict] = []
        self.scope_blocks: list[str] = []
        self.parts: list[dict] = []
        self.previous = ScopeParts.load(previous) if previous is not None else None
        source = self.previous.folder if self.previous else None
        self.fresh: list[str] = []        # Turtle of the scopes measured in this run
        self.reused: set[str] = set()      # ids of the scopes copied from the previous analysis
        self.streams = [PartWriter(self.folder / "units.csv", source and source / "units.csv"),
                        PartWriter(self.folder / "units.json", source and source / "units.json"),
                        PartWriter(self.folder / ".measures.ttl", source and source.parent / "analysis.ttl")]
        self.csv_file, self.json_file, self.measures_file = self.streams
        csv.writer(self.csv_file, lineterminator="\n").writerow(COLUMNS)
        self.json_rows = 0

    def reusable(self, scope_id: str, digest: str) -> dict | None:
        """The previous parts of a scope measured from the same inputs, or None."""
        return self.previous.get(scope_id, digest) if self.previous and digest else None

    def add_rendered(self, res, rendered: "RenderedScope", digest: str = "") -> None:
        """Record a scope whose graph files ``render_scope`` has written."""
        self.written += [Path(f) for f in rendered.files]
        lengths = [self.csv_file.write(rendered.csv_text), 0, self.measures_file.write(rendered.ttl_text)]
        if rendered.rows:
            self._json_separator()
            lengths[1] = self.json_file.write(rendered.json_text)
            self.json_rows += rendered.rows
        flagged, section, methods = self.report.add(res)
        self.fresh.append(scope_turtle(res, self.lead_policy) + rendered.ttl_text)
        self._record({"id": res.scope.id, "digest": digest, "lengths": lengths, "rows": rendered.rows,
                      "block": scope_turtle(res, self.lead_policy),
                      "entry": scope_entry(res, self.lead_policy, rendered.nodes, rendered.edges),
                      "flagged": flagged, "section": section, "methods": methods})

    def add_reused(self, part: dict) -> None:
        """Copy a scope's rows, measures and graph files from the previous analysis."""
        start = self.previous.starts[part["id"]]
        self.reused.add(part["id"])
        self.csv_file.copy(start[0], part["lengths"][0])
        if part["rows"]:
            self._json_separator()
            self.json_file.copy(start[1], part["lengths"][1])
            self.json_rows += part["rows"]
        self.measures_file.copy(start[2], part["lengths"][2])
        for suffix in (".graphml", ".gexf"):
            name = f"graphs/{part['id']}{suffix}"
            link_or_copy(self.previous.folder / name, self.folder / name)
            self.written.append(self.folder / name)
        self.report.add_section(part["entry"]["kind"], part["flagged"], part["section"],
                                [tuple(m) for m in part["methods"]], part["id"])
        self._record(part)

    def replaced(self) -> tuple[str, str] | None:
        """The Turtle of the previous analysis's scopes that were measured again or are gone, and
        that of the scopes measured in this run; None without a previous analysis."""
        if self.previous is None:
            return None
        kept = self.reused
        old = []
        with open(self.previous.folder.parent / "analysis.ttl", "rb") as handle:
            for scope_id, part in self.previous.parts.items():
                if scope_id not in kept:
                    measures = os.pread(handle.fileno(), part["lengths"][2], self.previous.starts[scope_id][2])
                    old.append(part["block"] + measures.decode("utf-8"))
        return "".join(old), "".join(self.fresh)

    def _json_separator(self) -> None:
        self.json_file.write("[\n" if not self.json_rows else ",\n")

    def _record(self, part: dict) -> None:
        """Keep a scope's Turtle block, its scopes.json entry and its part (keys ``PART_KEYS``)."""
        self.scope_blocks.append(part["block"])
        self.entries.append(part["entry"])
        self.parts.append({key: part[key] for key in PART_KEYS} | {"methods": [list(m) for m in part["methods"]]})

    def close(self) -> list[Path]:
        """Complete and rename every file into place; the paths written."""
        from graph.analysis.report import overload_markdown_text

        self.json_file.write("\n]\n" if self.json_rows else "[]\n")
        measures = self.measures_file.commit()
        ttl = PartWriter(self.out_dir / "analysis.ttl", measures)
        self.streams.append(ttl)
        head = ttl.write("\n".join([TTL_HEAD] + self.scope_blocks))
        ttl.copy(0, measures.stat().st_size)
        self.written.append(self.csv_file.commit())
        self.written.append(self.json_file.commit())
        for name, data in (("scopes.json", json_bytes(self.entries)),
                           ("overload.md", overload_markdown_text(self.report).encode("utf-8"))):
            write_atomically(self.folder / name, data)
            self.written.append(self.folder / name)
        self.written.append(ttl.commit())
        measures.unlink()
        write_atomically(self.folder / PARTS, json.dumps({"measures_start": head, "scopes": self.parts},
                                                         ensure_ascii=False))
        self._remove_stale_graphs()
        return self.written

    def _remove_stale_graphs(self) -> None:
        """Remove graph files of scopes this run did not write (plans since removed, older scope names)."""
        kept = {path.name for path in self.written}
        for old in sorted((self.folder / "graphs").glob("*")):
            if old.suffix in (".graphml", ".gexf") and old.name not in kept:
                old.unlink()

    def discard(self) -> None:
        """Remove the unfinished files (after an error)."""
        for stream in self.streams:
            stream.abort()


@dataclass
class ScopeParts:
    """The scopes of an earlier analysis: digest and parts by scope id, and where each starts in
    units.csv, units.json and analysis.ttl."""

    folder: Path
    parts: dict[str, dict]
    starts: dict[str, tuple[int, int, int]]

    @classmethod
    def load(cls, folder: Path) -> "ScopeParts | None":
        try:
            data = json.loads((folder / PARTS).read_text(encoding="utf-8"))
            header = len((",".join(COLUMNS) + "\n").encode("utf-8"))
        except (OSError, ValueError):
            return None
        at, starts, rows = [header, 0, data["measures_start"]], {}, 0
        for part in data["scopes"]:
            if part["rows"]:
                at[1] += 2   # "[\n" before the first scope's rows, ",\n" before the others
            starts[part["id"]] = tuple(at)
            at = [a + n for a, n in zip(at, part["lengths"])]
        return cls(Path(folder), {p["id"]: p for p in data["scopes"]}, starts)

    def get(self, scope_id: str, digest: str) -> dict | None:
        part = self.parts.get(scope_id)
        return part if part and part["digest"] == digest else None
