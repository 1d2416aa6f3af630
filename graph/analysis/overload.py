"""Overloaded lead departments: a unit whose lead load stands out in its scope.

A unit is flagged when its robust z-score of tasks led, (lead − median) / (1.4826 · MAD) over
the units of the scope that take part in tasks with a lead (all units when there are none;
units of plans that mark no lead would otherwise pull the median to 0), reaches ``z_threshold``, or when it leads at least ``share_threshold``
of the scope's tasks that have a lead; in both cases it must lead at least ``min_lead`` tasks.
When MAD = 0 (most units lead the same number of tasks) the scale falls back to
1.2533 · mean absolute deviation; when that is 0 too, no unit stands out by z-score.
"""
from __future__ import annotations

import statistics
from dataclasses import dataclass

from graph.analysis.loads import ScopeLoads

MAD_TO_SD = 1.4826         # MAD × this estimates the standard deviation of a normal sample
MEAN_AD_TO_SD = 1.2533     # mean absolute deviation × this does the same


@dataclass(frozen=True)
class OverloadOptions:
    """Thresholds of the overload rule (CLI: --z-threshold, --share-threshold, --min-lead)."""

    z_threshold: float = 3.5
    share_threshold: float = 0.25
    min_lead: int = 3


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


def flag_overloads(loads: ScopeLoads, options: OverloadOptions = OverloadOptions()) -> dict[str, Overload]:
    """Robust z-score, flag and reason in words for every unit of a scope."""
    population = [u.lead for u in loads.units.values() if u.on_led_tasks] or [u.lead for u in loads.units.values()]
    spread = lead_spread(population)
    verdicts = {}
    for node, unit in loads.units.items():
        z = (unit.lead - spread.median) / spread.scale if spread.scale > 0 else 0.0
        by_z = z >= options.z_threshold
        by_share = loads.tasks_with_lead > 0 and unit.lead_share >= options.share_threshold
        flagged = unit.lead >= options.min_lead and (by_z or by_share)
        reason = ""
        if flagged:
            parts = [f"leads {unit.lead} of {loads.tasks_with_lead} tasks ({unit.lead_share:.0%})"]
            if by_z:
                unit_name = "scaled MADs" if spread.scale_name == "MAD" else "robust SDs"
                parts.append(f"{z:.1f} {unit_name} above the median ({spread.median:g})")
            if by_share and not by_z:
                parts.append(f"at least {options.share_threshold:.0%} of the led tasks")
            if unit.lead_inferred:
                parts.append(f"{unit.lead_inferred} of them inferred (first listed)")
            reason = ", ".join(parts)
        verdicts[node] = Overload(round(z, 4), flagged, reason)
    return verdicts
