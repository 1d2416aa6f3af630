"""Interactive views: one self-contained HTML collaboration graph per scope, and the dashboard.

``build_views(DIR)`` reads ``DIR/report.json`` and ``DIR/analysis/`` only and writes
``DIR/views/*.html`` and ``DIR/index.html`` (offline, escaped, deterministic).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from graph.views.dashboard import ViewLink, render_dashboard, view_href
from graph.views.html import write_atomic
from graph.views.inputs import ViewsInputError, function_labels, read_inputs, read_scope_graph
from graph.views.network_page import kind_colours, render_view
from graph.views.select import DEFAULT_MAX_LINKS, DEFAULT_MAX_NODES, select, unit_rank

__all__ = ["ViewFile", "ViewsInputError", "ViewsResult", "build_views", "view_file_name"]


@dataclass(frozen=True)
class ViewFile:
    """One written view: its scope, file and how much of the scope's graph it shows."""

    scope_id: str
    scope_kind: str
    label: str
    path: Path
    nodes_shown: int
    edges_shown: int
    total_nodes: int
    total_edges: int


@dataclass(frozen=True)
class ViewsResult:
    """What ``build_views`` wrote."""

    out_dir: Path
    index: Path
    views: tuple[ViewFile, ...]
    removed: tuple[Path, ...] = field(default=())

    def summary(self) -> str:
        """One line for the terminal."""
        partial = sum(1 for v in self.views if (v.nodes_shown, v.edges_shown) != (v.total_nodes, v.total_edges))
        note = f" ({partial} show the top units only)" if partial else ""
        return f"views: {len(self.views)} views in {self.out_dir / 'views'}{note}; dashboard {self.index}"


def view_file_name(scope_id: str, taken: set[str]) -> str:
    """A file name for a scope's view: the id with unsafe characters replaced, unique among ``taken``."""
    stem = re.sub(r"[^\w.-]+", "-", scope_id, flags=re.UNICODE).strip(".-")[:80] or "scope"
    name, counter = f"{stem}.html", 2
    while name.lower() in taken:
        name, counter = f"{stem}-{counter}.html", counter + 1
    taken.add(name.lower())
    return name


def build_views(out_dir: Path, max_nodes: int = DEFAULT_MAX_NODES, max_links: int = DEFAULT_MAX_LINKS) -> ViewsResult:
    """Write DIR/views/{scope}.html for every scope in analysis/scopes.json and the dashboard DIR/index.html.

    A view shows at most ``max_nodes`` units (the heaviest leads) and ``max_links``
    links (the strongest among them) and says on the page what it leaves out.
    Raises :class:`ViewsInputError` when an input file is missing or malformed.
    """
    out_dir = Path(out_dir)
    inputs = read_inputs(out_dir)
    functions = function_labels(inputs.unit_rows)
    graphs = [read_scope_graph(scope, functions) for scope in inputs.scopes]
    colours = kind_colours({node.kind for graph in graphs for node in graph.nodes})
    views_dir = out_dir / "views"
    taken: set[str] = set()
    written: list[ViewFile] = []
    links: list[ViewLink] = []
    for graph in graphs:
        selection = select(graph, max_nodes=max_nodes, max_links=max_links)
        name = view_file_name(graph.scope.id, taken)
        path = views_dir / name
        write_atomic(path, render_view(graph, selection, colours, index_href="../index.html"))
        written.append(ViewFile(scope_id=graph.scope.id, scope_kind=graph.scope.kind, label=graph.scope.label,
                                path=path, nodes_shown=len(selection.nodes), edges_shown=len(selection.links),
                                total_nodes=selection.total_nodes, total_edges=selection.total_links))
        links.append(ViewLink(scope=graph.scope, href=view_href(name), nodes_shown=len(selection.nodes),
                              edges_shown=len(selection.links), total_nodes=selection.total_nodes,
                              total_edges=selection.total_links,
                              overloaded=tuple(node.label for node in sorted(graph.nodes, key=unit_rank)
                                               if node.overloaded)))
    removed = tuple(sorted(old for old in views_dir.glob("*.html") if old.name.lower() not in taken)) \
        if views_dir.is_dir() else ()
    for old in removed:
        old.unlink()
    index = out_dir / "index.html"
    write_atomic(index, render_dashboard(inputs.plans, inputs.scopes, inputs.unit_rows, links))
    return ViewsResult(out_dir=out_dir, index=index, views=tuple(written), removed=removed)
