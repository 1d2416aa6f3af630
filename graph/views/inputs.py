"""Read the files the views are built from: report.json and analysis/ (docs/DESIGN.md, "Output folder").

In: an output folder (report.json, analysis/scopes.json, analysis/units.json, analysis/graphs/*.graphml).
Out: plain records (:class:`Plan`, :class:`Scope`, :class:`ScopeGraph`) and units.json's rows. JSON is
read with the json module; GraphML in the plain form the analysis writes is matched with patterns,
any other GraphML is read with ``networkx.read_graphml``. When analysis/.parts.json says where each
scope's rows lie in units.json, a scope's units are taken from its rows (which carry the same values
as its GraphML nodes) and only the edges from its GraphML. A missing or malformed file raises
:class:`ViewsInputError` naming the file and the problem.
"""
from __future__ import annotations

import html
import json
import math
import re
from collections.abc import Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, NamedTuple
from xml.etree.ElementTree import ParseError

import networkx as nx

# The analysis writes its GraphML in one plain form (double-quoted attributes, text-only <data>, no
# key defaults, comments or CDATA). Reading that form with these patterns instead of networkx.read_graphml
# keeps `plankg views` of 1,000 plans at 4.5 s instead of 8.4 s of a 56 s whole build (benchmarks/run.py,
# 7 %); any other GraphML is read with networkx.
_KEY = re.compile(r'<key id="([^"<&]*)" for="(node|edge|all)" attr\.name="([^"<&]*)" attr\.type="[^"<]*"\s*/>')
_NODE = re.compile(r'<node id="([^"<]*)"\s*(?:/>|>((?:\s*<data key="[^"<]*">[^<]*</data>)*)\s*</node>)')
_EDGE = re.compile(r'<edge source="([^"<]*)" target="([^"<]*)"(?: id="[^"<]*")?\s*'
                   r'(?:/>|>((?:\s*<data key="[^"<]*">[^<]*</data>)*)\s*</edge>)')
_WEIGHTED_EDGE = re.compile(r'<edge source="([^"<]*)" target="([^"<]*)"><data key="([^"<]*)">([^<]*)</data></edge>')
_DATA = re.compile(r'<data key="([^"<]*)">([^<]*)</data>')
_GRAPH = re.compile(r"<graph[\s>]")


class ViewsInputError(Exception):
    """An input file of the views is missing or malformed; the message names it."""


@dataclass(frozen=True)
class Plan:
    """One plan as the build report describes it."""

    doc: str
    plan_iri: str
    title: str
    region: str
    period_start: str
    period_end: str
    tasks: int
    units: int


class RowsPart(NamedTuple):
    """Where a scope's rows lie in units.json: ``length`` bytes from ``start``."""

    path: Path
    start: int
    length: int


@dataclass(frozen=True)
class Scope:
    """One analysis scope (a plan, a region or all regions) and its graph file."""

    id: str
    kind: str            # plan | region | all
    label: str
    graphml: Path
    plan_iri: str = ""
    doc: str = ""
    tasks: int = 0             # tasks of the scope that name at least one unit (what the analysis counts)
    tasks_with_lead: int = 0   # of those, tasks that name a lead
    rows: RowsPart | None = None   # its rows in units.json, when analysis/.parts.json says where
    digest: str = ""               # what its analysis was made from (.parts.json; "" for the all-regions scopes)


class UnitNode(NamedTuple):
    """A unit of a scope's collaboration graph with the measures the views show."""

    id: str
    label: str
    region: str
    kind: str
    function: str
    lead: float
    cooperating: float
    responsible: float
    total: float
    lead_share: float
    overloaded: bool
    reason: str
    betweenness: float
    pagerank: float
    top_tasks: tuple[str, ...]


class Link(NamedTuple):
    """A lead → cooperating link weighted by the tasks the two units share."""

    source: str
    target: str
    weight: float


@dataclass(frozen=True)
class ScopeGraph:
    """A scope's collaboration graph, nodes and links sorted by id."""

    scope: Scope
    nodes: tuple[UnitNode, ...]
    links: tuple[Link, ...]


@dataclass(frozen=True)
class ViewInputs:
    """The plans and scopes the dashboard and views are built from (units.json is streamed apart)."""

    plans: tuple[Plan, ...]
    scopes: tuple[Scope, ...]


def _load_json(path: Path) -> Any:
    if not path.is_file():
        raise ViewsInputError(f"{path}: missing (run `plankg build` or `plankg analyze` first)")
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except UnicodeDecodeError as exc:
        raise ViewsInputError(f"{path}: not UTF-8 (bad byte at offset {exc.start})") from None
    except json.JSONDecodeError as exc:
        raise ViewsInputError(f"{path}: not valid JSON ({exc.msg} at line {exc.lineno}, column {exc.colno})") from None


def read_json_list(path: Path, what: str = "a list") -> list[Any]:
    """The JSON array in ``path``; anything else raises :class:`ViewsInputError`."""
    items = _load_json(path)
    if not isinstance(items, list):
        raise ViewsInputError(f"{path}: expected {what}")
    return items


def as_text(value: Any) -> str:
    return "" if value is None else str(value)


def as_number(value: Any) -> float:
    """A measure as a float; empty, missing or non-numeric values count as 0."""
    try:
        number = float(value)
    except (TypeError, ValueError):
        return 0.0
    return number if math.isfinite(number) else 0.0


def as_int(value: Any) -> int:
    return int(as_number(value))


def as_flag(value: Any) -> bool:
    """A boolean written as bool, number or text (GraphML/CSV round trips)."""
    if isinstance(value, str):
        return value.strip().lower() in {"true", "1", "yes", "y"}
    return bool(value)


def read_plans(report_path: Path) -> tuple[Plan, ...]:
    """The plans listed in the build report, in the report's order."""
    report = _load_json(report_path)
    if not isinstance(report, dict) or not isinstance(report.get("documents", []), list):
        raise ViewsInputError(f"{report_path}: expected an object with a 'documents' list")
    plans = []
    for doc in report.get("documents", []):
        if not isinstance(doc, dict):
            raise ViewsInputError(f"{report_path}: a 'documents' entry is not an object")
        plans.append(Plan(doc=as_text(doc.get("doc")), plan_iri=as_text(doc.get("plan_iri")),
                          title=as_text(doc.get("title")) or as_text(doc.get("doc")), region=as_text(doc.get("region")),
                          period_start=as_text(doc.get("period_start")), period_end=as_text(doc.get("period_end")),
                          tasks=as_int(doc.get("tasks")), units=as_int(doc.get("units"))))
    return tuple(plans)


def _graphml_path(analysis_dir: Path, entry: dict[str, Any], scope_id: str) -> Path:
    """Where a scope's GraphML is: as given (relative to analysis/ or the output folder), else graphs/{id}.

    Raises :class:`ViewsInputError` naming the first candidate when none exists.
    """
    given = as_text(entry.get("graphml"))
    candidates = [analysis_dir / given, analysis_dir.parent / given, Path(given)] if given else []
    candidates.append(analysis_dir / "graphs" / f"{scope_id}.graphml")
    for candidate in candidates:
        if candidate.is_file():
            return candidate
    raise ViewsInputError(f"{candidates[0]}: missing (graph of scope {scope_id!r} in scopes.json)")


def read_scopes(scopes_path: Path) -> tuple[Scope, ...]:
    """The scopes analysis wrote, in its order; a scope whose GraphML is missing raises :class:`ViewsInputError`."""
    scopes, seen = [], set()
    for entry in read_json_list(scopes_path, "a list of scopes"):
        if not isinstance(entry, dict) or not as_text(entry.get("id")):
            raise ViewsInputError(f"{scopes_path}: every scope needs an 'id' (got {entry!r:.80})")
        scope_id = as_text(entry["id"])
        if scope_id in seen:
            raise ViewsInputError(f"{scopes_path}: scope id {scope_id!r} appears twice")
        seen.add(scope_id)
        scopes.append(Scope(id=scope_id, kind=as_text(entry.get("kind")) or "plan",
                            label=as_text(entry.get("label")) or scope_id,
                            graphml=_graphml_path(scopes_path.parent, entry, scope_id),
                            plan_iri=as_text(entry.get("plan") or entry.get("plan_iri")),
                            doc=as_text(entry.get("doc")), tasks=int(as_number(entry.get("tasks"))),
                            tasks_with_lead=int(as_number(entry.get("tasks_with_lead")))))
    return tuple(scopes)


def iter_unit_rows(units_path: Path) -> Iterator[dict[str, Any]]:
    """The rows of units.json (one per unit per scope)."""
    for row in read_json_list(units_path, "a list of row objects"):
        if not isinstance(row, dict):
            raise ViewsInputError(f"{units_path}: expected a list of row objects (got {row!r:.80})")
        yield row


def _function_name(value: str, labels: dict[str, str]) -> str:
    """A function for people: its label when known, else the last segment of an IRI."""
    if value in labels:
        return labels[value]
    if "://" in value:
        return value.rstrip("/").rsplit("/", 1)[-1].rsplit("#", 1)[-1]
    return value


class GraphTables(NamedTuple):
    """A GraphML file's nodes and edges, each with its attributes by name (key defaults applied)."""

    nodes: list[tuple[str, dict[str, Any]]]
    edges: list[tuple[str, str, dict[str, Any]]]


def _xml_text(value: str) -> str:
    return html.unescape(value) if "&" in value else value


def read_plain_graphml(text: str) -> GraphTables | None:
    """The graph of GraphML in the analysis's plain form (attribute values as text), or None for any other GraphML."""
    if "<!" in text or "\r" in text or "<hyperedge" in text or "<port" in text or len(_GRAPH.findall(text)) != 1:
        return None
    keys = _KEY.findall(text)
    nodes = _NODE.findall(text)
    edges = _EDGE.findall(text)
    if (len(keys), len(nodes), len(edges)) != (text.count("<key"), text.count("<node"), text.count("<edge")):
        return None
    names = {key_id: name for key_id, _, name in keys}
    return GraphTables(nodes=[(_xml_text(node_id), _data(body, names)) for node_id, body in nodes],
                       edges=[(_xml_text(a), _xml_text(b), _data(body, names)) for a, b, body in edges])


def _data(body: str, names: dict[str, str]) -> dict[str, Any]:
    """The attributes in a node's or edge's ``<data>`` elements, by name."""
    return {names.get(key, key): _xml_text(value) for key, value in _DATA.findall(body)}


def read_plain_edges(path: Path, node_count: int) -> list[tuple[str, str, dict[str, Any]]] | None:
    """The edges of a GraphML file in the analysis's plain form that has ``node_count`` nodes (counted,
    not read), or None for any other GraphML. Only the part of the file after the nodes is decoded."""
    try:
        data = path.read_bytes()
        if any(mark in data for mark in (b"<!", b"\r", b"<hyperedge", b"<port")):
            return None
        cut = data.find(b"<edge")
        cut = len(data) if cut < 0 else cut
        head, tail = data[:cut].decode("utf-8"), data[cut:].decode("utf-8")
    except OSError as exc:
        raise ViewsInputError(f"{path}: cannot be read ({exc.strerror or exc})") from None
    except UnicodeDecodeError as exc:
        raise ViewsInputError(f"{path}: not readable GraphML ({exc})") from None
    keys = _KEY.findall(head)
    if len(_GRAPH.findall(head)) != 1 or len(keys) != head.count("<key") or head.count("<node") != node_count \
            or "<key" in tail or "<node" in tail or _GRAPH.search(tail):
        return None
    names = {key_id: name for key_id, _, name in keys}
    weighted = _WEIGHTED_EDGE.findall(tail)   # the usual edge: one <data>, its weight
    if len(weighted) == tail.count("<edge"):
        return [(_xml_text(a), _xml_text(b), {names.get(key, key): _xml_text(value)}) for a, b, key, value in weighted]
    edges = _EDGE.findall(tail)
    if len(edges) != tail.count("<edge"):
        return None
    return [(_xml_text(a), _xml_text(b), _data(body, names)) for a, b, body in edges]


def read_graphml(path: Path) -> GraphTables:
    """A scope's GraphML: the plain form by pattern, any other with ``networkx.read_graphml``."""
    try:
        plain = read_plain_graphml(path.read_text(encoding="utf-8"))
        if plain is not None:
            return plain
        graph = nx.read_graphml(path)
    except OSError as exc:
        raise ViewsInputError(f"{path}: cannot be read ({exc.strerror or exc})") from None
    except (UnicodeDecodeError, ParseError, nx.NetworkXError, ValueError, KeyError) as exc:
        raise ViewsInputError(f"{path}: not readable GraphML ({exc})") from None
    node_default, edge_default = graph.graph.get("node_default", {}), graph.graph.get("edge_default", {})
    return GraphTables(nodes=[(str(n), {**node_default, **d}) for n, d in graph.nodes(data=True)],
                       edges=[(str(a), str(b), {**edge_default, **d}) for a, b, d in graph.edges(data=True)])


def unit_node(node_id: str, data: dict[str, Any], function_names: dict[str, str]) -> UnitNode:
    """A node of a scope's graph with the measures the views show (function IRIs shown by their labels)."""
    tasks = tuple(line.strip() for line in as_text(data.get("top_tasks")).split("\n") if line.strip())
    return UnitNode(
        id=node_id, label=as_text(data.get("label")) or node_id, region=as_text(data.get("region")),
        kind=as_text(data.get("kind")) or "unknown",
        function=_function_name(as_text(data.get("function")), function_names),
        lead=as_number(data.get("lead")), cooperating=as_number(data.get("cooperating")),
        responsible=as_number(data.get("responsible")), total=as_number(data.get("total")),
        lead_share=as_number(data.get("lead_share")), overloaded=as_flag(data.get("overloaded")),
        reason=as_text(data.get("reason")), betweenness=as_number(data.get("betweenness")),
        pagerank=as_number(data.get("pagerank")), top_tasks=tasks)


_ROW_NODE_ATTRS = ("region", "kind", "function", "lead", "cooperating", "responsible", "total", "lead_share",
                   "overloaded", "reason", "betweenness", "pagerank")


def row_node_data(row: dict[str, Any]) -> dict[str, Any]:
    """The attributes of a unit's GraphML node, from its row of units.json (the analysis writes one from the other)."""
    data = {name: row.get(name) for name in _ROW_NODE_ATTRS}
    data["label"] = row.get("unit")
    data["top_tasks"] = "\n".join(row.get("top_tasks") or ())
    return data


def read_scope_rows(part: RowsPart) -> list[dict[str, Any]]:
    """A scope's rows of units.json (row objects, by their byte range)."""
    try:
        with open(part.path, "rb") as handle:
            handle.seek(part.start)
            rows = json.loads(b"[" + handle.read(part.length) + b"]")
    except OSError as exc:
        raise ViewsInputError(f"{part.path}: cannot be read ({exc.strerror or exc})") from None
    except ValueError as exc:
        raise ViewsInputError(f"{part.path}: cannot read a scope's rows ({exc})") from None
    if not all(isinstance(row, dict) and isinstance(row.get("unit_iri"), str) for row in rows):
        raise ViewsInputError(f"{part.path}: expected row objects with a unit_iri")
    return rows


def _scope_nodes(scope: Scope) -> tuple[list[tuple[str, dict[str, Any]]], list[tuple[str, str, dict[str, Any]]]]:
    """A scope's nodes and edges with their attributes: the nodes from its rows of units.json when
    known (and as many as its GraphML's), the edges from its GraphML; else both from its GraphML."""
    if scope.rows is not None:
        rows = read_scope_rows(scope.rows)
        edges = read_plain_edges(scope.graphml, len(rows))
        if edges is not None:
            return [(row["unit_iri"], row_node_data(row)) for row in rows], edges
    graph = read_graphml(scope.graphml)
    return graph.nodes, graph.edges


def read_scope_graph(scope: Scope, function_names: dict[str, str] | None = None) -> ScopeGraph:
    """Read a scope's units and links into nodes sorted by id and links sorted by source, target (then weight)."""
    node_data, edges = _scope_nodes(scope)
    names = function_names or {}
    nodes = tuple(unit_node(node_id, data, names) for node_id, data in sorted(node_data, key=lambda item: item[0]))
    links = tuple(sorted(Link(source=a, target=b, weight=as_number(d.get("weight", 1)) or 1.0)
                         for a, b, d in edges if a != b))
    return ScopeGraph(scope=scope, nodes=nodes, links=links)


def read_inputs(out_dir: Path) -> ViewInputs:
    """Read report.json and analysis/scopes.json of an output folder (units.json is streamed apart)."""
    if not out_dir.is_dir():
        raise ViewsInputError(f"{out_dir}: output folder does not exist (run `plankg build` first)")
    analysis = out_dir / "analysis"
    scopes = read_scopes(analysis / "scopes.json")
    return ViewInputs(plans=read_plans(out_dir / "report.json"), scopes=with_parts(scopes, analysis))


def with_parts(scopes: tuple[Scope, ...], analysis: Path) -> tuple[Scope, ...]:
    """The scopes with the place of their rows in units.json and their analysis digest, when
    analysis/.parts.json gives them for every scope."""
    from graph.analysis.export import ScopeParts

    parts = ScopeParts.load(analysis)
    if parts is None or sorted(parts.parts) != sorted(scope.id for scope in scopes):
        return scopes
    units = analysis / "units.json"
    return tuple(replace(scope, rows=RowsPart(units, parts.starts[scope.id][1], parts.parts[scope.id]["lengths"][1]),
                         digest=parts.parts[scope.id]["digest"]) for scope in scopes)
