"""Overloaded lead departments: a unit whose lead load stands out in its scope.

A unit is flagged when it leads at least ``min_lead`` tasks and at least ``min_share`` of the
scope's tasks that have a lead (the floor), and either leads at least ``share_threshold`` of them
or its robust z-score reaches ``z_threshold``. The robust z is (lead − median) / (1.4826 · MAD)
over the units that take part in tasks with a lead (all units when there are none; units of plans
that mark no lead would otherwise pull the median to 0); when MAD = 0 the scale falls back to
1.2533 · mean absolute deviation, and when that is 0 too no unit stands out by z. The reason says,
in one wording, what a reader can check: the unit's count and share and the typical unit's count.
"""
from __future__ import annotations

import statistics
from dataclasses import dataclass

from graph.analysis.loads import ScopeLoads

MAD_TO_SD = 1.4826         # MAD × this estimates the standard deviation of a normal sample
MEAN_AD_TO_SD = 1.2533     # mean absolute deviation × this does the same


@dataclass(frozen=True)
class OverloadOptions:
    """Thresholds of the overload rule (CLI: --z-threshold, --share-threshold, --min-lead, --min-share)."""

    z_threshold: float = 3.5
    share_threshold: float = 0.25
    min_lead: int = 3
    min_share: float = 0.15       # the floor: a unit leading less than this share is never flagged


@dataclass(frozen=True, slots=True)
class Overload:
    """The verdict for one unit."""

    robust_z: float
    overloaded: bool
    reason: str


@dataclass(frozen=True)
class LeadSpread:
    """Centre and scale of lead counts in a scope."""

    median: float
    scale: float
    scale_name: str      # "MAD", "mean absolute deviation" or "none"


def lead_spread(counts: list[int]) -> LeadSpread:
    """Median and robust scale of the lead counts (see module docstring)."""
    if not counts:
        return LeadSpread(0.0, 0.0, "none")
    median = statistics.median(counts)
    mad = statistics.median(abs(c - median) for c in counts)
    if mad > 0:
        return LeadSpread(median, MAD_TO_SD * mad, "MAD")
    mean_ad = sum(abs(c - median) for c in counts) / len(counts)
    if mean_ad > 0:
        return LeadSpread(median, MEAN_AD_TO_SD * mean_ad, "mean absolute deviation")
    return LeadSpread(median, 0.0, "none")


WHERE = {"plan": "in this plan", "region": "in this region", "all": "across all regions"}


def flag_overloads(loads: ScopeLoads, options: OverloadOptions = OverloadOptions(),
                   scope_kind: str = "plan") -> dict[str, Overload]:
    """Robust z-score, flag and reason in words for every unit of a scope."""
    population = [u.lead for u in loads.units.values() if u.on_led_tasks] or [u.lead for u in loads.units.values()]
    spread = lead_spread(population)
    verdicts = {}
    for node, unit in loads.units.items():
        z = (unit.lead - spread.median) / spread.scale if spread.scale > 0 else 0.0
        floor = unit.lead >= options.min_lead and loads.tasks_with_lead > 0 and unit.lead_share >= options.min_share
        flagged = floor and (z >= options.z_threshold or unit.lead_share >= options.share_threshold)
        reason = lead_reason(unit, loads.tasks_with_lead, spread.median, scope_kind) if flagged else ""
        verdicts[node] = Overload(round(z, 4), flagged, reason)
    return verdicts


def lead_reason(unit, tasks_with_lead: int, typical: float, scope_kind: str) -> str:
    """``leads 35 of 69 tasks with a lead (51%); the typical unit in this plan leads 1``."""
    text = (f"leads {unit.lead} of {tasks_with_lead} tasks with a lead ({unit.lead_share:.0%}); "
            f"the typical unit {WHERE.get(scope_kind, 'here')} leads {typical:g}")
    if unit.lead_inferred:
        text += f"; {unit.lead_inferred} of them inferred (first listed)"
    return text
