"""Units of measure (``万亩``, ``%``, ``公里/平方公里``): the list ``ontology/measure_units.json`` read once
per process, the kind of a printed unit, and its QUDT unit. Used by table reading (a 单位 column) and
by the ``indicators`` stage."""
from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache

from graph.files import data_dir

UNITS_FILE = data_dir("ontology") / "measure_units.json"


@dataclass(frozen=True)
class MeasureUnit:
    """A unit read from ``ontology/measure_units.json``."""

    label: str
    kind: str
    qudt: str | None
    scalable: bool
    not_followed_by: str = ""
    requires: str = ""


@lru_cache(maxsize=1)
def unit_data() -> dict:
    """The unit list as read from its file (units, magnitudes, per-units, rate bases)."""
    try:
        return json.loads(UNITS_FILE.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise RuntimeError(f"{UNITS_FILE}: cannot read the unit list: {exc}") from None


@lru_cache(maxsize=1)
def measure_units() -> dict[str, MeasureUnit]:
    """The recognised units by label (read once)."""
    return {u["label"]: MeasureUnit(u["label"], u["kind"], u.get("qudt"), bool(u.get("scalable")),
                                    u.get("not_followed_by", ""), u.get("requires", ""))
            for u in unit_data()["units"]}


@lru_cache(maxsize=1)
def magnitudes() -> tuple[str, ...]:
    """The magnitude prefixes (万, 亿, 千 …), longest first."""
    return tuple(sorted(unit_data().get("magnitudes", {}), key=len, reverse=True))


@lru_cache(maxsize=4096)
def unit_kind(unit: str) -> str:
    """Kind of a printed unit (``万亩`` → area, ``公里/平方公里`` → rate)."""
    units = measure_units()
    base = unit.split("(")[0]
    if "/" in base:
        return "rate"
    if base in units:
        return units[base].kind
    for mag in magnitudes():
        if base.startswith(mag) and base[len(mag):] in units:
            return units[base[len(mag):]].kind
    return "count" if base in magnitudes() else "other"


def is_measure_unit(text: str) -> bool:
    """True when ``text`` is only a unit of measure (``万亩``, ``%``, ``万元/人``, ``亿斤``), as a table's
    单位 column prints it."""
    t = text.strip()
    return 0 < len(t) <= 8 and unit_kind(t.split("/")[0]) != "other"


def unit_qudt(unit: str) -> str:
    """QUDT IRI of a printed unit when it is an unscaled unit QUDT knows, else ""."""
    u = measure_units().get(unit.split("(")[0])
    return (u.qudt or "") if u else ""
