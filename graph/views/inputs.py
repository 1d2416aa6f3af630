"""Read the files the views are built from: report.json and analysis/ (docs/DESIGN.md, "Output folder").

Everything is read into plain records here; a missing or malformed file raises
:class:`ViewsInputError` naming the file and the problem. JSON arrays are decoded
item by item; a scope's GraphML is read whole and matched with patterns when it is
in the plain form the analysis writes, else parsed as a stream of XML elements. So
memory stays bounded by one scope's graph however many plans the build holds.
"""
from __future__ import annotations

import gc
import html
import json
import math
import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NamedTuple
from xml.etree.ElementTree import ParseError, iterparse

GRAPHML_NS = "{http://graphml.graphdrawing.org/xmlns}"
JSON_CHUNK = 1 << 20
VIEW_ATTRIBUTES = frozenset({"label", "region", "kind", "function", "lead", "cooperating", "responsible", "total",
                             "lead_share", "overloaded", "reason", "betweenness", "pagerank", "top_tasks", "weight"})

# The plain GraphML the analysis (and networkx) writes: double-quoted attributes, text-only <data>.
_ATTRIBUTE = re.compile(r'([\w.:-]+)="([^"<]*)"')
_KEY = re.compile(r'<key((?:\s+[\w.:-]+="[^"<]*")*)\s*(?:/>|>\s*(?:<default>([^<]*)</default>\s*)?</key>)')
_NODE = re.compile(r'<node\s+id="([^"<]*)"\s*(?:/>|>((?:\s*<data key="[^"<]*">[^<]*</data>)*)\s*</node>)')
_EDGE = re.compile(r'<edge((?:\s+[\w.:-]+="[^"<]*")*)\s*(?:/>|>((?:\s*<data key="[^"<]*">[^<]*</data>)*)\s*</edge>)')
_EDGE_SOURCE_TARGET = re.compile(r'<edge\s+source="([^"<]*)"\s+target="([^"<]*)"(?:\s+id="[^"<]*")?\s*'
                                 r'(?:/>|>((?:\s*<data key="[^"<]*">[^<]*</data>)*)\s*</edge>)')
_NO_DATA = re.compile(r"(?!)(.)(.)")
_GRAPH = re.compile(r"<graph[\s>]")
_DATA = re.compile(r'<data key="([^"<]*)">([^<]*)</data>')


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


def _json_error(path: Path, exc: json.JSONDecodeError, line_offset: int) -> ViewsInputError:
    return ViewsInputError(f"{path}: not valid JSON ({exc.msg} at line {exc.lineno + line_offset}, "
                           f"column {exc.colno})")


def iter_json_array(path: Path, what: str = "a list") -> Iterator[Any]:
    """The items of the JSON array in ``path``, decoded one at a time (the file is read in chunks)."""
    if not path.is_file():
        raise ViewsInputError(f"{path}: missing (run `plankg build` or `plankg analyze` first)")
    decoder = json.JSONDecoder()
    with path.open("rb") as handle:
        raw, buffer, pos, lines_before, at_end = b"", "", 0, 0, False

        def more() -> bool:
            nonlocal raw, buffer, pos, lines_before, at_end
            if at_end:
                return False
            chunk = handle.read(JSON_CHUNK)
            at_end = not chunk
            raw += chunk
            cut = len(raw) if at_end else max(0, len(raw) - 3)   # keep a split UTF-8 sequence for the next chunk
            try:
                text = raw[:cut].decode("utf-8")
            except UnicodeDecodeError as exc:
                if at_end or exc.end < cut:
                    raise ViewsInputError(f"{path}: not UTF-8 (bad byte in the file)") from None
                cut, text = exc.start, raw[:exc.start].decode("utf-8")
            raw = raw[cut:]
            lines_before += buffer.count("\n", 0, pos)
            buffer, pos = buffer[pos:] + text, 0
            return bool(text) or not at_end

        def skip_space() -> str:
            nonlocal pos
            while True:
                while pos < len(buffer) and buffer[pos] in " \t\r\n":
                    pos += 1
                if pos < len(buffer):
                    return buffer[pos]
                if not more():
                    return ""

        if skip_space() != "[":
            raise ViewsInputError(f"{path}: expected {what}")
        pos += 1
        if skip_space() == "]":
            return
        while True:
            skip_space()
            while True:
                try:
                    item, end = decoder.raw_decode(buffer, pos)
                except json.JSONDecodeError as exc:
                    if more():
                        continue
                    raise _json_error(path, exc, lines_before) from None
                if end >= len(buffer) and more():   # a number cut at the chunk's end: read on
                    continue
                break
            pos = end
            yield item
            separator = skip_space()
            pos += 1
            if separator == "]":
                return
            if separator != ",":
                line = lines_before + buffer.count("\n", 0, pos) + 1
                raise ViewsInputError(f"{path}: not valid JSON (expected ',' or ']' at line {line})")


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
    for entry in iter_json_array(scopes_path, "a list of scopes"):
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
    """The rows of units.json (one per unit per scope), read one at a time."""
    for row in iter_json_array(units_path, "a list of row objects"):
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


@dataclass
class GraphData:
    """A GraphML file's nodes and edges; attribute values as text, keyed by GraphML key id (defaults applied)."""

    node_keys: dict[str, str]         # attr.name → key id
    edge_keys: dict[str, str]
    nodes: list[tuple[str, dict[str, str]]]
    edges: list[tuple[str, str, dict[str, str]]]
    escaped: bool = False             # values still hold XML character references (&amp; &#8220; …)

    def text(self, value: str | None) -> str:
        """An attribute value as text (references resolved)."""
        if value is None:
            return ""
        return _xml_text(value) if self.escaped else value


def _xml_text(value: str) -> str:
    return html.unescape(value) if "&" in value else value


def _key_tables(keys: list[tuple[str, str, str, str | None]]) -> tuple[dict[str, str], dict[str, str], dict[str, str], dict[str, str]]:
    """Name → id tables and default values of the node and edge keys (id, for, attr.name, default)."""
    names: dict[str, dict[str, str]] = {"node": {}, "edge": {}}
    defaults: dict[str, dict[str, str]] = {"node": {}, "edge": {}}
    for key_id, scope, name, default in keys:
        for kind in (("node", "edge") if scope == "all" else (scope,)):
            if kind in names:
                names[kind][name or key_id] = key_id
                if default is not None:
                    defaults[kind][key_id] = default
    return names["node"], names["edge"], defaults["node"], defaults["edge"]


def _data_pattern(keys: dict[str, str], wanted: frozenset[str] | None) -> re.Pattern[str]:
    """The ``<data>`` elements of the wanted attributes (all when ``wanted`` is None)."""
    if wanted is None:
        return _DATA
    ids = sorted(re.escape(key_id) for name, key_id in keys.items() if name in wanted)
    if not ids:
        return _NO_DATA
    return re.compile(r'<data key="(' + "|".join(ids) + r')">([^<]*)</data>')


def read_plain_graphml(text: str, wanted: frozenset[str] | None = None) -> GraphData | None:
    """The graph of GraphML in the plain form the analysis and networkx write, or None when ``text`` is not in it.

    Every ``<key>``, ``<node>`` and ``<edge>`` must be matched whole (double-quoted
    attributes, text-only ``<data>``), else the caller falls back to the XML parser.
    Only the attributes named in ``wanted`` are kept (all when None).
    """
    if "<!" in text or "\r" in text or "<hyperedge" in text or "<port" in text or len(_GRAPH.findall(text)) != 1:
        return None
    keys = []
    for match in _KEY.finditer(text):
        attributes = {name: _xml_text(value) for name, value in _ATTRIBUTE.findall(match.group(1))}
        default = match.group(2)
        keys.append((attributes.get("id", ""), attributes.get("for", ""), attributes.get("attr.name", ""),
                     None if default is None else _xml_text(default)))
    if any("&" in key_id for key_id, _, _, _ in keys):
        return None
    node_keys, edge_keys, node_defaults, edge_defaults = _key_tables(keys)
    escaped = "&" in text
    if escaped:     # defaults are resolved already; values stay escaped, resolved when read (GraphData.text)
        node_defaults = {key: html.escape(value, quote=False) for key, value in node_defaults.items()}
        edge_defaults = {key: html.escape(value, quote=False) for key, value in edge_defaults.items()}

    node_data = _data_pattern(node_keys, wanted)
    edge_data = _data_pattern(edge_keys, wanted)

    def data_of(body: str, defaults: dict[str, str], pattern: re.Pattern[str]) -> dict[str, str]:
        values = dict(pattern.findall(body)) if body else {}
        return {**defaults, **values} if defaults else values

    nodes = [(_xml_text(node_id), data_of(body, node_defaults, node_data)) for node_id, body in _NODE.findall(text)]
    edge_count = text.count("<edge")
    found = _EDGE_SOURCE_TARGET.findall(text)
    if len(found) == edge_count:
        edges = [(_xml_text(source), _xml_text(target), data_of(body, edge_defaults, edge_data))
                 for source, target, body in found]
    else:
        edges = []
        for attributes_text, body in _EDGE.findall(text):
            attributes = dict(_ATTRIBUTE.findall(attributes_text))
            if "source" not in attributes or "target" not in attributes:
                return None
            edges.append((_xml_text(attributes["source"]), _xml_text(attributes["target"]),
                          data_of(body, edge_defaults, edge_data)))
    if (len(keys), len(nodes), len(edges)) != (text.count("<key"), text.count("<node"), edge_count):
        return None
    return GraphData(node_keys, edge_keys, nodes, edges, escaped)


def read_graphml(path: Path, wanted: frozenset[str] | None = None) -> GraphData:
    """The graph of any GraphML file, read with the XML parser as a stream of elements.

    The nodes and edges of nested graphs (a graph inside a node) are read as nodes and
    edges of the one graph, each with its own data; hyperedges and the data of graphs
    are skipped (neither is part of the analysis contract).
    """
    keys: list[tuple[str, str, str, str | None]] = []
    raw_nodes: list[tuple[str, dict[str, str]]] = []
    raw_edges: list[tuple[str, str, dict[str, str]]] = []
    key_tag, default_tag, data_tag = GRAPHML_NS + "key", GRAPHML_NS + "default", GRAPHML_NS + "data"
    node_tag, edge_tag = GRAPHML_NS + "node", GRAPHML_NS + "edge"
    holders = {GRAPHML_NS + "graph", GRAPHML_NS + "hyperedge", node_tag, edge_tag}
    open_data: list[dict[str, str]] = [{}]      # the data of each open graph, node, edge or hyperedge
    for event, element in iterparse(path, events=("start", "end")):
        tag = element.tag
        if event == "start":
            if tag in holders:
                open_data.append({})
            continue
        if tag == data_tag:
            open_data[-1][element.get("key", "")] = element.text or ""
        elif tag == node_tag:
            node_id = element.get("id")
            if node_id is None:
                raise ValueError("a node has no id")
            raw_nodes.append((node_id, open_data.pop()))
            element.clear()
        elif tag == edge_tag:
            source, target = element.get("source"), element.get("target")
            if source is None or target is None:
                raise ValueError("an edge lacks its source or target")
            raw_edges.append((source, target, open_data.pop()))
            element.clear()
        elif tag in holders:        # a graph or hyperedge: its data is dropped
            open_data.pop()
            element.clear()
        elif tag == key_tag:
            default = element.find(default_tag)
            keys.append((element.get("id", ""), element.get("for", ""), element.get("attr.name", ""),
                         None if default is None else default.text or ""))
    node_keys, edge_keys, node_defaults, edge_defaults = _key_tables(keys)
    if wanted is not None:
        kept = {key_id for name, key_id in (*node_keys.items(), *edge_keys.items()) if name in wanted}
        raw_nodes = [(node_id, {k: v for k, v in values.items() if k in kept}) for node_id, values in raw_nodes]
        raw_edges = [(s, t, {k: v for k, v in values.items() if k in kept}) for s, t, values in raw_edges]
        node_defaults = {k: v for k, v in node_defaults.items() if k in kept}
        edge_defaults = {k: v for k, v in edge_defaults.items() if k in kept}
    nodes = [(node_id, {**node_defaults, **values}) for node_id, values in raw_nodes]
    edges = [(source, target, {**edge_defaults, **values}) for source, target, values in raw_edges]
    return GraphData(node_keys, edge_keys, nodes, edges)


@contextmanager
def _no_gc() -> Iterator[None]:
    """Collection paused while many acyclic records are made (the cycle collector would rescan them often)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def read_scope_graph(scope: Scope, function_names: dict[str, str] | None = None) -> ScopeGraph:
    """Read a scope's GraphML into sorted nodes and links (function IRIs shown by their labels)."""
    with _no_gc():
        return _read_scope_graph(scope, function_names or {})


def _read_scope_graph(scope: Scope, function_names: dict[str, str]) -> ScopeGraph:
    try:
        try:
            graph = read_plain_graphml(scope.graphml.read_text(encoding="utf-8"), VIEW_ATTRIBUTES)
        except UnicodeDecodeError:
            graph = None
        if graph is None:
            graph = read_graphml(scope.graphml, VIEW_ATTRIBUTES)
    except OSError as exc:
        raise ViewsInputError(f"{scope.graphml}: cannot be read ({exc.strerror or exc})") from None
    except (ParseError, ValueError, KeyError) as exc:
        raise ViewsInputError(f"{scope.graphml}: not readable GraphML ({exc})") from None
    k = {name: graph.node_keys.get(name, "\0" + name) for name in VIEW_ATTRIBUTES}
    nodes = []
    text = graph.text
    for node_id, data in sorted(graph.nodes, key=lambda item: item[0]):
        get = data.get
        tasks = tuple(line.strip() for line in text(get(k["top_tasks"])).split("\n") if line.strip())
        nodes.append(UnitNode(
            id=node_id, label=text(get(k["label"])) or node_id, region=text(get(k["region"])),
            kind=text(get(k["kind"])) or "unknown",
            function=_function_name(text(get(k["function"])), function_names),
            lead=as_number(get(k["lead"])), cooperating=as_number(get(k["cooperating"])),
            responsible=as_number(get(k["responsible"])), total=as_number(get(k["total"])),
            lead_share=as_number(get(k["lead_share"])), overloaded=as_flag(text(get(k["overloaded"]))),
            reason=text(get(k["reason"])), betweenness=as_number(get(k["betweenness"])),
            pagerank=as_number(get(k["pagerank"])), top_tasks=tasks))
    weight = graph.edge_keys.get("weight", "\0weight")
    links = tuple(sorted(Link(a, b, as_number(text(d.get(weight, "1"))) or 1.0)   # by source, target (then weight)
                         for a, b, d in graph.edges if a != b))
    return ScopeGraph(scope=scope, nodes=tuple(nodes), links=links)


def read_inputs(out_dir: Path) -> ViewInputs:
    """Read report.json and analysis/scopes.json of an output folder (units.json is streamed apart)."""
    if not out_dir.is_dir():
        raise ViewsInputError(f"{out_dir}: output folder does not exist (run `plankg build` first)")
    analysis = out_dir / "analysis"
    return ViewInputs(plans=read_plans(out_dir / "report.json"), scopes=read_scopes(analysis / "scopes.json"))
