"""Assignment rows read straight from ``graph.ttl`` in one streamed pass (no triple store).

Gives the same ``GraphData`` as the SPARQL queries of ``rows.read_graph`` (several values of a
property are resolved the same way: the largest, or every combination for the assignment's
required properties), several times faster and without holding the graph: only the properties
the analysis reads are kept, one small record per subject.
"""
from __future__ import annotations

from itertools import product
from pathlib import Path

import pyoxigraph as ox

from graph.analysis.rows import (LABEL_LANGUAGES, PLANKG, ROLE_BY_IRI, ROLES, AnalysisInputError, Assignment,
                                 GraphData, PlanInfo, _local, _row_key)

RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
PROV = "http://www.w3.org/ns/prov#"
DCT = "http://purl.org/dc/terms/"
SKOS = "http://www.w3.org/2004/02/skos/core#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"

# properties kept in a subject's record (assignments, tasks, indicators: many subjects)
RECORD_FIELDS = (RDF_TYPE, PLANKG + "ofTask", PROV + "agent", PROV + "hadRole", PLANKG + "position",
                 PLANKG + "basis", PLANKG + "inferred", PLANKG + "inPlan", DCT + "title", PLANKG + "section")
TYPES, OF_TASK, AGENT, ROLE, POSITION, BASIS, INFERRED, IN_PLAN, TITLE, SECTION = range(len(RECORD_FIELDS))
FIELD_OF = {p: i for i, p in enumerate(RECORD_FIELDS)}
# properties of few subjects (units, plans, regions, documents, concepts, roles): subject → values
SIDE_PROPERTIES = (SKOS + "prefLabel", PLANKG + "region", PLANKG + "kind", PLANKG + "function", RDFS + "label",
                   PLANKG + "leadConvention", PROV + "wasDerivedFrom", DCT + "identifier", PLANKG + "code")
KEPT_TYPES = {PLANKG + name for name in ("Assignment", "Unit", "Plan", "Indicator")}
DERIVED_FROM = PROV + "wasDerivedFrom"


def _add(slot_value, value):
    """A property's values so far plus ``value``: one value is kept as itself, more as a list."""
    if slot_value is None:
        return value
    if isinstance(slot_value, list):
        if value not in slot_value:
            slot_value.append(value)
        return slot_value
    return slot_value if slot_value == value else [slot_value, value]


def _values(slot_value) -> list:
    return [] if slot_value is None else slot_value if isinstance(slot_value, list) else [slot_value]


def read_turtle(path: Path) -> GraphData:
    """Assignment rows, plans, indicator counts and function labels from a Turtle file."""
    records: dict[str, list] = {}
    side: dict[str, dict[str, list]] = {p: {} for p in SIDE_PROPERTIES}
    strings: dict[str, str] = {}   # one copy of each repeated IRI (tasks, units, roles, plans)
    last_subject, last_types = None, None
    try:
        for triple in ox.parse(path=str(path), format=ox.RdfFormat.TURTLE):
            predicate = triple.predicate.value
            field = FIELD_OF.get(predicate)
            if field is None:
                values = side.get(predicate)
                if values is None:
                    continue
                subject = triple.subject.value
                if (predicate == DERIVED_FROM and subject == last_subject and last_types is not None
                        and PLANKG + "Plan" not in _values(last_types)):
                    continue   # provenance of tasks, assignments, quotes …: only a plan's is read
                obj = triple.object
                values.setdefault(subject, []).append(
                    (obj.value, obj.language or "") if isinstance(obj, ox.Literal) else (obj.value, ""))
                continue
            subject = triple.subject.value
            value = triple.object.value
            if field == TYPES and value not in KEPT_TYPES:
                if subject != last_subject:
                    last_subject, last_types = subject, None
                last_types = _add(last_types, value)
                continue
            value = strings.setdefault(value, value)
            record = records.get(subject)
            if record is None:
                record = records[subject] = [None] * len(RECORD_FIELDS)
            record[field] = _add(record[field], value)
            if field == TYPES:
                if subject != last_subject:
                    last_subject, last_types = subject, None
                last_types = _add(last_types, value)
    except (SyntaxError, ValueError, OSError) as exc:
        raise AnalysisInputError(f"{path}: cannot read Turtle: {exc}") from exc
    return _graph_data(records, side, str(path))


def _first(values: dict[str, list], subject: str) -> list[str]:
    return [v for v, _ in values.get(subject, ())]


def _graph_data(records: dict[str, list], side: dict[str, dict[str, list]], source: str) -> GraphData:
    label_of, region_of, kind_of, function_of, rdfs_label, convention_of, derived, identifier, code = (
        side[p] for p in SIDE_PROPERTIES)
    tasks: dict[str, tuple[str, str, str]] = {}
    units: dict[str, tuple[str, str, str, str]] = {}
    plans: dict[str, PlanInfo] = {}
    indicators: dict[str, int] = {}
    for subject, record in records.items():
        plans_in = _values(record[IN_PLAN])
        if plans_in:   # a task: (plan, title, section), the largest values win
            tasks[subject] = (max(plans_in), max(_values(record[TITLE]), default=""),
                              max(_values(record[SECTION]), default=""))
        types = _values(record[TYPES])
        if PLANKG + "Indicator" in types:
            for task in _values(record[OF_TASK]):
                indicators[task] = indicators.get(task, 0) + 1
        if PLANKG + "Unit" in types:
            regions = [label for r in _first(region_of, subject) for label in _first(rdfs_label, r)]
            units[subject] = (max(_first(label_of, subject), default=""), max(regions, default=""),
                              max((_local(k, "kind-") for k in _first(kind_of, subject)), default=""),
                              max(_first(function_of, subject), default=""))
        if PLANKG + "Plan" in types:
            plans[subject] = _plan(subject, record, region_of, rdfs_label, convention_of, derived, identifier)
    rows: dict[str, Assignment] = {}
    for subject, record in records.items():
        if PLANKG + "Assignment" not in _values(record[TYPES]):
            continue
        basis = max(_values(record[BASIS]), default="")
        positions = _values(record[POSITION]) or [""]
        inferred = max(_values(record[INFERRED]), default="")
        for task, unit, role_node, position in product(_values(record[OF_TASK]), _values(record[AGENT]),
                                                       _values(record[ROLE]), positions):
            role = max(_first(code, role_node), default="") or ROLE_BY_IRI.get(role_node, "")
            if role not in ROLES:
                role = _local(role_node).lower()
            if role not in ROLES or task not in tasks:
                continue
            plan, title, section = tasks[task]
            label, region, kind, function = units.get(unit, ("", "", "", ""))
            row = Assignment(iri=subject, plan=plan, task=task, task_title=title, section=section, unit=unit,
                             unit_label=label or _local(unit), region=region, kind=kind, function=function,
                             role=role, basis=basis,
                             position=int(position) if position.lstrip("-").isdigit() else 0,
                             inferred=inferred.lower() in ("true", "1"))
            if subject not in rows or _row_key(row) < _row_key(rows[subject]):
                rows[subject] = row
    del records
    assignments = sorted(rows.values(), key=_row_key)
    ranked: dict[str, tuple[int, str]] = {}
    functions = {f for values in function_of.values() for f, _ in values}
    for concept in sorted(functions):
        for label, lang in label_of.get(concept, ()):
            lang = lang.lower()
            rank = (LABEL_LANGUAGES.index(lang) if lang in LABEL_LANGUAGES else len(LABEL_LANGUAGES), label)
            ranked[concept] = min(rank, ranked.get(concept, rank))
    labels = {f: label for f, (_, label) in ranked.items()}
    for a in assignments:  # plans referenced by tasks but not typed: keep them analysable
        plans.setdefault(a.plan, PlanInfo(a.plan, "", a.region, "", "", ""))
    return GraphData(assignments, plans, indicators, dict(sorted(labels.items())), source)


def _plan(subject: str, record: list, region_of, rdfs_label, convention_of, derived, identifier) -> PlanInfo:
    """A plan's title, region (IRI and label), lead convention and source document name."""
    regions = [(label, r) for r in _first(region_of, subject) for label in (_first(rdfs_label, r) or [""])]
    region_label, region_iri = max(regions, default=("", ""))
    docs = [name for doc in _first(derived, subject) for name in _first(identifier, doc)]
    return PlanInfo(iri=subject, title=max(_values(record[TITLE]), default=""), region=region_label,
                    region_iri=region_iri, lead_convention=max(_first(convention_of, subject), default=""),
                    doc=max(docs, default=""))
