"""What a scope's measures depend on, as one digest: a scope whose digest is the one it had in the
previous analysis is copied from it instead of being measured again."""
from __future__ import annotations

import hashlib
from pathlib import Path

from graph.analysis.rows import GraphData
from graph.analysis.scopes import Scope

CODE = Path(__file__).resolve().parent


def code_salt(data: GraphData, *settings: object) -> str:
    """The code of the analysis, the function labels and the settings a run uses."""
    h = hashlib.sha256()
    for path in sorted(CODE.glob("*.py")):
        h.update(path.read_bytes())
    h.update(repr(sorted(data.function_labels.items())).encode("utf-8"))
    h.update(repr(settings).encode("utf-8"))
    return h.hexdigest()


def scope_digests(data: GraphData, scopes: list[Scope], salt: str) -> dict[str, str]:
    """A digest per plan and region scope (the corpus-wide scopes are always measured again)."""
    plan_ids = {sc.plan: sc.id for sc in scopes if sc.kind == "plan"}
    by_plan: dict[str, str] = {}
    digests = {}
    for sc in scopes:
        if sc.kind == "plan":
            by_plan[sc.plan] = digests[sc.id] = _digest(salt, _header(sc), repr(data.plans.get(sc.plan)),
                                                        _rows(sc, data))
        elif sc.kind == "region":
            plans = list(dict.fromkeys(row.plan for row in sc.rows))
            digests[sc.id] = _digest(salt, _header(sc), *(by_plan.get(p, "") + plan_ids.get(p, "") for p in plans))
    return digests


def _header(sc: Scope) -> str:
    return "\x1f".join((sc.id, sc.kind, sc.label, sc.level, sc.plan, sc.region))


def _rows(sc: Scope, data: GraphData) -> str:
    """The scope's assignments, with the indicator count of their tasks, as text."""
    return "\n".join("\x1f".join((a.iri, a.plan, a.task, a.task_title, a.section, a.unit, a.unit_label, a.region,
                                  a.kind, a.function, a.role, a.basis, str(a.position), str(a.inferred),
                                  str(data.indicators.get(a.task, 0)))) for a in sc.rows)


def _digest(*parts: str) -> str:
    h = hashlib.sha256()
    for part in parts:
        h.update(part.encode("utf-8"))
        h.update(b"\x1e")
    return h.hexdigest()
