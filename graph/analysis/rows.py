"""Assignment rows read from the built graph (SPARQL over Oxigraph), and the lead policies.

The analysis never re-reads documents and never converts raw triples into a graph:
it asks the RDF graph for one row per assignment and builds everything from those rows.
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path
from typing import Iterable

import pyoxigraph as ox

PLANKG = "https://w3id.org/plankg/ns#"
ROLE_BY_IRI = {
    PLANKG + "Lead": "lead",
    PLANKG + "Cooperating": "cooperating",
    PLANKG + "Responsible": "responsible",
}
ROLES = ("lead", "cooperating", "responsible")
LEAD_POLICIES = ("strict", "first-listed")

PREFIXES = """
PREFIX plankg: <https://w3id.org/plankg/ns#>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
"""

ASSIGNMENTS_QUERY = PREFIXES + """
SELECT ?a ?task ?unit ?roleNode ?roleCode ?basis ?position ?inferred WHERE {
  ?a a plankg:Assignment ; plankg:ofTask ?task ; prov:agent ?unit ; prov:hadRole ?roleNode .
  OPTIONAL { ?roleNode plankg:code ?roleCode }
  OPTIONAL { ?a plankg:basis ?basis }
  OPTIONAL { ?a plankg:position ?position }
  OPTIONAL { ?a plankg:inferred ?inferred }
}
"""

TASKS_QUERY = PREFIXES + """
SELECT ?task ?plan ?title ?section WHERE {
  ?task plankg:inPlan ?plan .
  OPTIONAL { ?task dcterms:title ?title }
  OPTIONAL { ?task plankg:section ?section }
}
"""

UNITS_QUERY = PREFIXES + """
SELECT ?unit ?label ?region ?kind ?function WHERE {
  ?unit a plankg:Unit .
  OPTIONAL { ?unit skos:prefLabel ?label }
  OPTIONAL { ?unit plankg:region ?ur . ?ur rdfs:label ?region }
  OPTIONAL { ?unit plankg:kind ?kind }
  OPTIONAL { ?unit plankg:function ?function }
}
"""

PLANS_QUERY = PREFIXES + """
SELECT ?plan ?title ?region ?regionLabel ?convention ?docName WHERE {
  ?plan a plankg:Plan .
  OPTIONAL { ?plan dcterms:title ?title }
  OPTIONAL { ?plan plankg:region ?region . OPTIONAL { ?region rdfs:label ?regionLabel } }
  OPTIONAL { ?plan plankg:leadConvention ?convention }
  OPTIONAL { ?plan prov:wasDerivedFrom ?doc . ?doc dcterms:identifier ?docName }
}
"""

INDICATORS_QUERY = PREFIXES + """
SELECT ?task (COUNT(DISTINCT ?i) AS ?n) WHERE { ?i a plankg:Indicator ; plankg:ofTask ?task } GROUP BY ?task
"""

FUNCTION_LABELS_QUERY = PREFIXES + """
SELECT DISTINCT ?f ?label (LANG(?label) AS ?lang) WHERE { ?u plankg:function ?f . ?f skos:prefLabel ?label }
"""
LABEL_LANGUAGES = ("zh", "zh-hans", "zh-cn", "", "en")   # preferred languages of function labels, best first


class AnalysisInputError(ValueError):
    """The graph to analyse is missing or unreadable (the message names the file)."""


@dataclass(slots=True)
class Assignment:
    """One unit listed for one task, with its role (one SPARQL row)."""

    iri: str
    plan: str
    task: str
    task_title: str
    section: str
    unit: str
    unit_label: str
    region: str          # the unit's region label
    kind: str            # government | party | … ("" when unknown)
    function: str        # function concept IRI, or ""
    role: str            # lead | cooperating | responsible
    basis: str
    position: int
    inferred: bool


@dataclass(frozen=True)
class PlanInfo:
    """A plan as the analysis needs it."""

    iri: str
    title: str
    region: str          # region label
    region_iri: str
    lead_convention: str
    doc: str

    @property
    def sha12(self) -> str:
        """The plan's short id (last segment of its IRI)."""
        return self.iri.rstrip("/").rsplit("/", 1)[-1]


@dataclass
class GraphData:
    """Everything the analysis reads from the RDF graph."""

    assignments: list[Assignment]
    plans: dict[str, PlanInfo]
    indicators: dict[str, int]          # task IRI → number of indicators
    function_labels: dict[str, str]     # function concept IRI → label
    source: str = ""                    # what was read (store folder or Turtle file)


def _value(term: object) -> str:
    """The lexical value of an Oxigraph term (or "" for an unbound variable)."""
    if term is None:
        return ""
    return term.value  # type: ignore[attr-defined]


def _local(iri: str, prefix: str = "") -> str:
    """The last segment of an IRI, without ``prefix`` when it starts with it."""
    name = iri.rsplit("#", 1)[-1].rsplit("/", 1)[-1]
    return name[len(prefix):] if prefix and name.startswith(prefix) else name


def role_of(code: str, role_node: str) -> str:
    """The role (lead | cooperating | responsible) of a role node from its ``plankg:code``, its IRI
    or its local name, in that order; "" when none names a role."""
    role = code or ROLE_BY_IRI.get(role_node, "")
    if role not in ROLES:
        role = _local(role_node).lower()
    return role if role in ROLES else ""


def assignment_row(iri: str, task: str, task_entry: tuple[str, str, str], unit: str,
                   unit_entry: tuple[str, str, str, str], values: tuple[str, str, str, str]) -> Assignment:
    """An assignment row from its task's (plan, title, section), its unit's (label, region, kind,
    function) and its ``values``: (role, basis, position, inferred), the last two lexical."""
    plan, title, section = task_entry
    label, region, kind, function = unit_entry
    role, basis, position, inferred = values
    return Assignment(iri=iri, plan=plan, task=task, task_title=title, section=section, unit=unit,
                      unit_label=label or _local(unit), region=region, kind=kind, function=function,
                      role=role, basis=basis, position=int(position) if position.lstrip("-").isdigit() else 0,
                      inferred=inferred.lower() in ("true", "1"))


NO_UNIT = ("", "", "", "")   # (label, region, kind, function) of a unit not typed plankg:Unit


def preferred_labels(labels: Iterable[tuple[str, str, str]]) -> dict[str, str]:
    """Concept → its label in the most preferred of ``LABEL_LANGUAGES`` (then the smallest), by
    concept, from (concept, label, language) triples."""
    ranked: dict[str, tuple[int, str]] = {}
    for concept, label, lang in labels:
        lang = lang.lower()
        rank = (LABEL_LANGUAGES.index(lang) if lang in LABEL_LANGUAGES else len(LABEL_LANGUAGES), label)
        ranked[concept] = min(rank, ranked.get(concept, rank))
    return dict(sorted((concept, label) for concept, (_, label) in ranked.items()))


def add_untyped_plans(plans: dict[str, "PlanInfo"], rows: list[Assignment]) -> None:
    """Plans that tasks name but that have no plankg:Plan type, added so they stay analysable."""
    for a in rows:
        if a.plan not in plans:
            plans[a.plan] = PlanInfo(a.plan, "", a.region, "", "", "")


def open_store(out_dir: Path) -> tuple[ox.Store, str]:
    """The on-disk store of a build folder (read-only), for a folder without ``graph.ttl``."""
    from graph.store import QueryError
    from graph.store import open_store as open_disk_store

    store_dir = out_dir / "store"
    try:
        return open_disk_store(store_dir), str(store_dir)
    except QueryError as exc:
        raise AnalysisInputError(f"{out_dir / 'graph.ttl'}: no graph to analyse (run `plankg build` first; {exc})") from exc


def read_graph(store: ox.Store, source: str = "") -> GraphData:
    """Assignment rows, plans, indicator counts and function labels from a store."""
    tasks: dict[str, tuple[str, str, str]] = {}
    for row in store.query(TASKS_QUERY):   # task → (plan, title, section); the largest values win
        entry = (_value(row["plan"]), _value(row["title"]), _value(row["section"]))
        tasks[_value(row["task"])] = max(entry, tasks.get(_value(row["task"]), entry))
    units: dict[str, tuple[str, str, str, str]] = {}
    for row in store.query(UNITS_QUERY):   # unit → (label, region, kind, function)
        entry = (_value(row["label"]), _value(row["region"]), _local(_value(row["kind"]), "kind-"),
                 _value(row["function"]))
        units[_value(row["unit"])] = max(entry, units.get(_value(row["unit"]), entry))
    assignments = []
    for row in store.query(ASSIGNMENTS_QUERY):
        role = role_of(_value(row["roleCode"]), _value(row["roleNode"]))
        task = _value(row["task"])
        if not role or task not in tasks:
            continue
        unit = _value(row["unit"])
        values = (role, _value(row["basis"]), _value(row["position"]), _value(row["inferred"]))
        assignments.append(assignment_row(_value(row["a"]), task, tasks[task], unit, units.get(unit, NO_UNIT), values))
    assignments.sort(key=_row_key)
    seen: set[str] = set()
    rows = []
    for a in assignments:   # one row per assignment even if an optional property was given twice
        if a.iri not in seen:
            seen.add(a.iri)
            rows.append(a)
    plans: dict[str, PlanInfo] = {}
    for row in store.query(PLANS_QUERY):
        iri = _value(row["plan"])
        info = PlanInfo(iri=iri, title=_value(row["title"]), region=_value(row["regionLabel"]),
                        region_iri=_value(row["region"]), lead_convention=_value(row["convention"]),
                        doc=_value(row["docName"]))
        if iri not in plans or (info.title, info.region) > (plans[iri].title, plans[iri].region):
            plans[iri] = info
    indicators = {_value(r["task"]): int(_value(r["n"])) for r in store.query(INDICATORS_QUERY)}
    labels = preferred_labels((_value(r["f"]), _value(r["label"]), _value(r["lang"]))
                              for r in store.query(FUNCTION_LABELS_QUERY))
    add_untyped_plans(plans, rows)
    return GraphData(rows, plans, indicators, labels, source)


def load_graph_data(out_dir: Path, pool=None, previous: Path | None = None) -> GraphData:
    """Read the graph built in ``out_dir``: ``graph.ttl`` document by document when its graph index
    describes it (taking unchanged documents' inputs from ``previous``, an earlier analysis/
    folder; see graph.analysis.doc_inputs), else streamed in one pass (in 1 + n parts at once given
    a ``WorkerPool`` of n workers); the SPARQL queries over ``store/`` when there is no graph.ttl."""
    ttl = Path(out_dir) / "graph.ttl"
    if ttl.is_file():
        from graph.analysis.doc_inputs import read_by_document
        from graph.analysis.turtle_read import read_turtle

        data = read_by_document(Path(out_dir), pool, previous)
        return data if data is not None else read_turtle(ttl, pool)
    store, source = open_store(Path(out_dir))
    return read_graph(store, source)


def _row_key(a: Assignment) -> tuple:
    return (a.plan, a.task, a.position, a.unit, a.role, a.iri)


def apply_lead_policy(rows: list[Assignment], policy: str) -> list[Assignment]:
    """Rows under a lead policy.

    ``strict`` keeps the roles the documents mark. ``first-listed`` also reads a task whose
    units are all ``responsible`` as "first unit leads, the others cooperate", and marks
    those rows ``inferred``.
    """
    if policy not in LEAD_POLICIES:
        raise ValueError(f"unknown lead policy {policy!r} (choose from {', '.join(LEAD_POLICIES)})")
    if policy == "strict":
        return list(rows)
    by_task: dict[str, list[Assignment]] = {}
    for a in rows:
        by_task.setdefault(a.task, []).append(a)
    out: list[Assignment] = []
    for task_rows in by_task.values():
        if all(a.role == "responsible" for a in task_rows):
            first = min(task_rows, key=lambda a: (a.position, a.unit))
            out.extend(replace(a, role="lead" if a is first else "cooperating", inferred=True)
                       for a in task_rows)
        else:
            out.extend(task_rows)
    return sorted(out, key=_row_key)
