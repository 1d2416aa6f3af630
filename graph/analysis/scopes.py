"""Scopes of analysis: one plan, one region (all its plans), all regions (by unit and by function)."""
from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass

from graph.analysis.rows import Assignment, GraphData

SCOPE_KINDS = ("plan", "region", "all")
SCOPE_CHOICES = ("plan", "region", "all", "all-scopes")


@dataclass(frozen=True)
class Scope:
    """A set of assignments analysed together; ``level`` says what a node is."""

    id: str              # filesystem-safe and stable: plan-{sha12}, region-{sha12}, all, all-functions
    kind: str            # plan | region | all
    label: str
    level: str           # unit (node = unit IRI) | function (node = function concept IRI)
    rows: tuple[Assignment, ...]
    plan: str = ""       # plan IRI (plan scopes)
    region: str = ""     # region label (plan and region scopes)

    def node_of(self, row: Assignment) -> str:
        """The node a row's unit counts towards in this scope."""
        if self.level == "function" and row.function:
            return row.function
        return row.unit


def short_hash(text: str) -> str:
    """First 12 hex digits of the SHA-256 of ``text``."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:12]


def safe_id(text: str) -> str:
    """``text`` when it is a safe file name part (letters, digits, ``-``, ``_``), else its short hash."""
    return text if re.fullmatch(r"[A-Za-z0-9_-]{1,64}", text) else short_hash(text)


def build_scopes(data: GraphData, rows: list[Assignment], which: str = "all-scopes") -> list[Scope]:
    """The scopes of ``which`` kind (plan | region | all | all-scopes), in a stable order."""
    if which not in SCOPE_CHOICES:
        raise ValueError(f"unknown scope {which!r} (choose from {', '.join(SCOPE_CHOICES)})")
    scopes: list[Scope] = []
    by_plan: dict[str, list[Assignment]] = {}
    for row in rows:
        by_plan.setdefault(row.plan, []).append(row)
    if which in ("plan", "all-scopes"):
        for plan_iri in sorted(by_plan, key=lambda p: (data.plans[p].region, data.plans[p].sha12)):
            info = data.plans[plan_iri]
            label = f"{info.region} · {info.title}" if info.region else (info.title or info.sha12)
            scopes.append(Scope(f"plan-{safe_id(info.sha12)}", "plan", label, "unit",
                                tuple(by_plan[plan_iri]), plan=plan_iri, region=info.region))
    if which in ("region", "all-scopes"):
        by_region: dict[str, list[Assignment]] = {}
        for plan_iri, plan_rows in by_plan.items():
            by_region.setdefault(data.plans[plan_iri].region, []).extend(plan_rows)
        for region in sorted(by_region):
            key = data.plans[by_region[region][0].plan].region_iri or region
            scopes.append(Scope(f"region-{short_hash(key)}", "region", region or "(no region)", "unit",
                                tuple(by_region[region]), region=region))
    if which in ("all", "all-scopes"):
        scopes.append(Scope("all", "all", "all regions (by unit)", "unit", tuple(rows)))
        scopes.append(Scope("all-functions", "all", "all regions (by function)", "function", tuple(rows)))
    return scopes
