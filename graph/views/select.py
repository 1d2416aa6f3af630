"""Choose what a view shows of a large graph: the top units by lead load and the strongest links."""
from __future__ import annotations

from dataclasses import dataclass

from graph.views.inputs import Link, ScopeGraph, UnitNode

DEFAULT_MAX_NODES = 250
DEFAULT_MAX_LINKS = 1500


@dataclass(frozen=True)
class Selection:
    """The part of a scope graph a view draws, and what it leaves out."""

    nodes: tuple[UnitNode, ...]
    links: tuple[Link, ...]
    total_nodes: int
    total_links: int
    min_lead_shown: float        # lowest lead load among shown units (when units were left out)
    min_weight_shown: float      # lowest link weight shown (when links were left out for weight)
    links_dropped_with_units: int    # links left out because an end unit was left out
    links_dropped_for_weight: int    # links left out to stay under the link limit

    @property
    def complete(self) -> bool:
        """True when the view shows every unit and link of the scope."""
        return len(self.nodes) == self.total_nodes and len(self.links) == self.total_links


def unit_rank(node: UnitNode) -> tuple:
    """Sort key: heaviest lead load first, then total load, then name and id (deterministic)."""
    return (-node.lead, -node.total, node.label, node.id)


def select(graph: ScopeGraph, max_nodes: int = DEFAULT_MAX_NODES, max_links: int = DEFAULT_MAX_LINKS) -> Selection:
    """Keep the ``max_nodes`` units with the most tasks led and the ``max_links`` heaviest links among them."""
    ranked = sorted(graph.nodes, key=unit_rank)
    kept_nodes = ranked[:max_nodes] if max_nodes > 0 else ranked
    kept_ids = {node.id for node in kept_nodes}
    inner = [link for link in graph.links if link.source in kept_ids and link.target in kept_ids]
    by_weight = sorted(inner, key=lambda link: (-link.weight, link.source, link.target))
    kept_links = by_weight[:max_links] if max_links > 0 else by_weight
    dropped_units = len(kept_nodes) < len(graph.nodes)
    dropped_weight = len(kept_links) < len(inner)
    return Selection(
        nodes=tuple(sorted(kept_nodes, key=lambda node: node.id)),
        links=tuple(sorted(kept_links, key=lambda link: (link.source, link.target))),
        total_nodes=len(graph.nodes), total_links=len(graph.links),
        min_lead_shown=min((node.lead for node in kept_nodes), default=0.0) if dropped_units else 0.0,
        min_weight_shown=min((link.weight for link in kept_links), default=0.0) if dropped_weight else 0.0,
        links_dropped_with_units=len(graph.links) - len(inner),
        links_dropped_for_weight=len(inner) - len(kept_links),
    )


def focus_ids(selection: Selection, limit: int) -> frozenset[str]:
    """What a crowded view opens on: of the ``limit`` heaviest leads, those linked to another of them."""
    top = {node.id for node in sorted(selection.nodes, key=unit_rank)[:limit]}
    inner = [link for link in selection.links if link.source in top and link.target in top]
    return frozenset({link.source for link in inner} | {link.target for link in inner})
