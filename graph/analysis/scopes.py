"""Scopes of analysis: one plan, one region (all its plans), all regions (by unit and by function)."""
from __future__ import annotations

import hashlib
import re
from collections import Counter
from dataclasses import dataclass

from graph.analysis.rows import Assignment, GraphData

SCOPE_KINDS = ("plan", "region", "all")
SCOPE_CHOICES = ("plan", "region", "all", "all-scopes")


@dataclass(frozen=True)
class Scope:
    """A set of assignments analysed together; ``level`` says what a node is."""

    id: str              # file-name safe and stable: plan-{region}-{title}-{hash}, region-{name}-{hash}, all, all-functions
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


def slug(text: str, length: int) -> str:
    """The first ``length`` letters and digits of ``text`` (Chinese kept), for readable ids and file names."""
    return "".join(re.findall(r"[^\W_]+", text))[:length]


def plan_scope_id(region: str, title: str, sha: str, long: bool = False) -> str:
    """``plan-{region}-{title}-{hash}``: the region, the title's first words (without the region), the plan's hash."""
    hash_part = sha if long else sha[:6]
    stem = title[len(region):] if region and title.startswith(region) else title
    parts = [slug(region, 12), slug(stem, 10), slug(hash_part, 12) or short_hash(sha)[:6]]
    return "plan-" + "-".join(p for p in parts if p)


def region_scope_id(region: str, key: str) -> str:
    """``region-{name}-{hash}``: the region's name and a short hash of its IRI (two 鼓楼区 stay apart)."""
    return "-".join(p for p in ("region", slug(region, 12) or "none", short_hash(key)[:6]) if p)


def _plan_ids(infos: list) -> dict[str, str]:
    """A readable id per plan; plans whose short ids would collide get their whole hash."""
    short = {info.iri: plan_scope_id(info.region, info.title, info.sha12) for info in infos}
    counts = Counter(short.values())
    return {info.iri: short[info.iri] if counts[short[info.iri]] == 1 else
            plan_scope_id(info.region, info.title, info.sha12, long=True) for info in infos}


def build_scopes(data: GraphData, rows: list[Assignment], which: str = "all-scopes") -> list[Scope]:
    """The scopes of ``which`` kind (plan | region | all | all-scopes), in a stable order."""
    if which not in SCOPE_CHOICES:
        raise ValueError(f"unknown scope {which!r} (choose from {', '.join(SCOPE_CHOICES)})")
    scopes: list[Scope] = []
    by_plan: dict[str, list[Assignment]] = {}
    for row in rows:
        by_plan.setdefault(row.plan, []).append(row)
    if which in ("plan", "all-scopes"):
        ids = _plan_ids([data.plans[p] for p in by_plan])
        for plan_iri in sorted(by_plan, key=lambda p: (data.plans[p].region, data.plans[p].sha12)):
            info = data.plans[plan_iri]
            label = f"{info.region} · {info.title}" if info.region else (info.title or info.sha12)
            scopes.append(Scope(ids[plan_iri], "plan", label, "unit",
                                tuple(by_plan[plan_iri]), plan=plan_iri, region=info.region))
    if which in ("region", "all-scopes"):
        by_region: dict[str, list[Assignment]] = {}
        for plan_iri, plan_rows in by_plan.items():
            by_region.setdefault(data.plans[plan_iri].region, []).extend(plan_rows)
        for region in sorted(by_region):
            key = data.plans[by_region[region][0].plan].region_iri or region
            scopes.append(Scope(region_scope_id(region, key), "region", region or "(no region)", "unit",
                                tuple(by_region[region]), region=region))
    if which in ("all", "all-scopes"):
        scopes.append(Scope("all", "all", "all regions (by unit)", "unit", tuple(rows)))
        scopes.append(Scope("all-functions", "all", "all regions (by function)", "function", tuple(rows)))
    return scopes
