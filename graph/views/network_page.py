"""One collaboration view: a pyvis network of a scope's units, rendered to an HTML page of its data.

pyvis holds the nodes, edges and vis-network options; the page is rendered from
graph/assets/view.html (pyvis's own templates link CDN assets). The page carries
only its scope's data: vis-network and the page's script and styles are shared
files in ``views/assets/``, linked by relative URL, so it opens offline from a
double-click.
"""
from __future__ import annotations

import math
import zlib
from typing import Any

from pyvis.network import Network

from graph.views.html import Markup, number, render, script_json
from graph.views.inputs import ScopeGraph, UnitNode
from graph.views.select import Selection, focus_ids, unit_rank

OVERLOAD_COLOUR = "#d62728"
PALETTE = ("#4e79a7", "#f28e2b", "#76b7b2", "#59a14f", "#edc948", "#b07aa1", "#ff9da7", "#9c755f",
           "#bab0ac", "#86bcb6", "#8cd17d", "#b6992d", "#499894", "#d4a6c8", "#79706e", "#a0cbe8")
SCOPE_KIND_NAMES = {"plan": "Plan", "region": "Region", "all": "All regions"}
MIN_NODE_SIZE, MAX_NODE_SIZE = 8.0, 40.0
MIN_EDGE_WIDTH, MAX_EDGE_WIDTH = 1.0, 8.0
FOCUS_UNITS = 30     # an all-regions view with more units opens on (the linked ones of) this many heaviest leads
FOCUS_FONT_SIZE = 22


def kind_colours(kinds: set[str]) -> dict[str, str]:
    """A colour for each kind of unit, assigned in sorted order so every page agrees."""
    return {kind: PALETTE[index % len(PALETTE)] for index, kind in enumerate(sorted(kinds))}


def kind_colour(kind: str, colours: dict[str, str]) -> str:
    """The colour of a kind: from ``colours``, else one chosen by the kind's name (the same on every page)."""
    return colours.get(kind) or PALETTE[zlib.crc32(kind.encode("utf-8")) % len(PALETTE)]


def _scaled(value: float, top: float, low: float, high: float) -> float:
    """``value`` mapped onto ``[low, high]`` by its square root share of ``top``."""
    if top <= 0 or value <= 0:
        return low
    return round(low + (high - low) * math.sqrt(min(value, top) / top), 2)


def tooltip(node: UnitNode) -> str:
    """Plain-text tooltip (vis-network shows a string title as text): name, loads, centralities, top tasks."""
    lines = [("⚠ " if node.overloaded else "") + node.label]
    function = node.function if node.function != node.label else ""
    place = " · ".join(part for part in (node.region, node.kind, function) if part)
    if place:
        lines.append(place)
    lines.append(f"Tasks led: {number(node.lead)} ({node.lead_share:.0%} of the scope) · cooperating: "
                 f"{number(node.cooperating)} · responsible: {number(node.responsible)} · total: {number(node.total)}")
    lines.append(f"Betweenness: {node.betweenness:.3f} · PageRank: {node.pagerank:.3f}")
    if node.overloaded:
        lines.append("Overloaded: " + (node.reason or "flagged by the analysis"))
    if node.top_tasks:
        lines.append("Top tasks:")
        lines.extend(f"• {task}" for task in node.top_tasks)
    return "\n".join(lines)


def vis_node(node: UnitNode, colour: str, top_lead: float) -> dict[str, Any]:
    """The vis-network node of a unit: size by lead load, colour by kind, red ring and ⚠ when overloaded."""
    border = OVERLOAD_COLOUR if node.overloaded else "#3d3d3d"
    item: dict[str, Any] = {
        "id": node.id, "label": ("⚠ " if node.overloaded else "") + node.label, "title": tooltip(node),
        "kind": node.kind, "overloaded": node.overloaded, "lead": node.lead,
        "size": _scaled(node.lead, top_lead, MIN_NODE_SIZE, MAX_NODE_SIZE),
        "color": {"background": colour, "border": border,
                  "highlight": {"background": colour, "border": border if node.overloaded else "#000000"},
                  "hover": {"background": colour, "border": border if node.overloaded else "#000000"}},
        "borderWidth": 5 if node.overloaded else 1, "borderWidthSelected": 6 if node.overloaded else 3,
    }
    if node.overloaded:
        item["font"] = {"color": OVERLOAD_COLOUR, "bold": True}
        item["shapeProperties"] = {"borderDashes": False}
    return item


def vis_options(node_count: int) -> dict[str, Any]:
    """vis-network options: the layout settles (bounded stabilisation, fixed seed) and physics then stops."""
    return {
        "autoResize": True,
        "layout": {"randomSeed": 42, "improvedLayout": node_count <= 100},
        "physics": {
            "enabled": True, "solver": "forceAtlas2Based",
            "forceAtlas2Based": {"gravitationalConstant": -80, "centralGravity": 0.012, "springLength": 140,
                                 "springConstant": 0.06, "damping": 0.6, "avoidOverlap": 0.5},
            "stabilization": {"enabled": True, "iterations": 400 if node_count <= 100 else 200,
                              "updateInterval": 50, "fit": True},
            "minVelocity": 1.0, "maxVelocity": 40, "timestep": 0.5,
        },
        "nodes": {"shape": "dot", "font": {"size": 14, "face": "sans-serif", "strokeWidth": 3,
                                            "strokeColor": "#ffffff"}},
        "edges": {"arrows": {"to": {"enabled": True, "scaleFactor": 0.6}},
                  "color": {"color": "#8a8a8a", "highlight": "#222222", "hover": "#444444", "opacity": 0.7},
                  "smooth": {"enabled": node_count <= 150, "type": "continuous", "roundness": 0.3},
                  "selectionWidth": 2},
        "interaction": {"hover": True, "tooltipDelay": 120, "hideEdgesOnDrag": node_count > 150,
                        "navigationButtons": False, "keyboard": False, "multiselect": False},
    }


def build_network(selection: Selection, colours: dict[str, str]) -> Network:
    """A pyvis network of the selection (lists filled directly: pyvis's add_node/add_edge are quadratic)."""
    net = Network(height="100%", width="100%", directed=True, cdn_resources="in_line")
    top_lead = max((node.lead for node in selection.nodes), default=0.0)
    labels = {node.id: node.label for node in selection.nodes}
    top_weight = max((link.weight for link in selection.links), default=0.0)
    net.nodes = [vis_node(node, kind_colour(node.kind, colours), top_lead) for node in selection.nodes]
    net.node_ids = [node.id for node in selection.nodes]
    net.edges = [{"id": f"e{index}", "from": link.source, "to": link.target, "weight": link.weight,
                  "width": _scaled(link.weight, top_weight, MIN_EDGE_WIDTH, MAX_EDGE_WIDTH),
                  "title": f"{labels[link.source]} → {labels[link.target]}\n"
                           f"{number(link.weight)} shared task{'s' if link.weight != 1 else ''} "
                           f"(lead → cooperating)"}
                 for index, link in enumerate(selection.links)]
    net.options = vis_options(len(selection.nodes))
    return net


def opening_focus(graph: ScopeGraph, selection: Selection) -> frozenset[str]:
    """The units an all-regions view opens on when it has too many to read (empty: it opens on all)."""
    if graph.scope.kind != "all" or len(selection.nodes) <= FOCUS_UNITS:
        return frozenset()
    return focus_ids(selection, FOCUS_UNITS)


def left_out_text(selection: Selection) -> str:
    """What the view leaves out of the scope, in words (empty when it shows everything)."""
    parts = []
    dropped_units = selection.total_nodes - len(selection.nodes)
    if dropped_units:
        parts.append(f"{dropped_units} unit{'s' if dropped_units != 1 else ''} with the lightest lead load "
                     f"(the lightest unit shown leads {number(selection.min_lead_shown)} tasks) and their "
                     f"{selection.links_dropped_with_units} link{'s' if selection.links_dropped_with_units != 1 else ''}")
    if selection.links_dropped_for_weight:
        parts.append(f"{selection.links_dropped_for_weight} weaker link"
                     f"{'s' if selection.links_dropped_for_weight != 1 else ''} between shown units "
                     f"(links shown carry at least {number(selection.min_weight_shown)} shared tasks)")
    if not parts:
        return ""
    return "Left out to keep the view responsive: " + "; ".join(parts) + \
        ". The full graph is in the analysis folder (GraphML/GEXF) and units.csv."


def legend_kinds(selection: Selection, colours: dict[str, str]) -> list[tuple[str, str, int]]:
    """The legend's kinds: (kind, colour, units shown) for every kind present, by name."""
    counts: dict[str, int] = {}
    for node in selection.nodes:
        counts[node.kind] = counts.get(node.kind, 0) + 1
    return [(kind, kind_colour(kind, colours), counts[kind]) for kind in sorted(counts)]


def overloaded_names(labels: list[str], limit: int = 20) -> str:
    """The overloaded units for the page header: the first ``limit`` names and how many more."""
    if not labels:
        return "none"
    shown = ", ".join(labels[:limit])
    return shown + (f" and {len(labels) - limit} more" if len(labels) > limit else "")


def render_view(graph: ScopeGraph, selection: Selection, colours: dict[str, str], index_href: str,
                assets_href: str) -> str:
    """The HTML page of one view: its data, linking vis-network and the page's JS and CSS under ``assets_href``."""
    net = build_network(selection, colours)
    nodes, edges, _heading, _height, _width, _options = net.get_network_data()
    focus = opening_focus(graph, selection)
    for node in nodes if focus else ():
        node["focus"] = node["id"] in focus
        node["hidden"] = not node["focus"]
    if focus:
        net.options["nodes"]["font"]["size"] = FOCUS_FONT_SIZE
    scope = graph.scope
    overloaded = sorted((node for node in selection.nodes if node.overloaded), key=unit_rank)
    shown = (f"{len(selection.nodes)} of {selection.total_nodes} units and {len(selection.links)} of "
             f"{selection.total_links} links shown.")
    return render(
        "view.html",
        title=scope.label,
        scope_kind=SCOPE_KIND_NAMES.get(scope.kind, scope.kind),
        index_href=index_href,
        shown=shown,
        left_out=left_out_text(selection),
        left_out_class="" if not selection.complete else "hidden",
        overloaded_list=overloaded_names([node.label for node in overloaded]),
        kinds=legend_kinds(selection, colours),
        overloaded_count=len(overloaded),
        focus=len(focus),
        focus_units=FOCUS_UNITS,
        shown_count=len(selection.nodes),
        assets_href=assets_href,
        data=Markup(script_json({"nodes": nodes, "edges": edges, "options": net.options,
                                 "counts": {"nodes": len(nodes), "edges": len(edges),
                                            "total_nodes": selection.total_nodes,
                                            "total_edges": selection.total_links}})),
    )
