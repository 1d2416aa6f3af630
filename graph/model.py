"""RDF triples of plans, tasks, units, assignments and indicators: the ``model`` stage.

The only module that knows RDF terms. :func:`document_triples` turns one
:class:`graph.records.ExtractedPlan` into triples; :func:`ontology_graph` holds the
vocabulary and concept schemes of ``ontology/``. IRIs are derived from content
(document hash, task key, region-scoped unit key), never from run order, and no
blank nodes are made. Every task, assignment and indicator carries its source:
the document, character offsets and the quoted text.
"""
from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator
from decimal import Decimal
from pathlib import Path
from urllib.parse import quote

from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, ORG, PROV, RDF, RDFS, SKOS, XSD

from graph.records import Agency, ExtractedPlan, Indicator, Task, UnitMention

PLANKG = Namespace("https://w3id.org/plankg/ns#")
QB = Namespace("http://purl.org/linked-data/cube#")
ID = "https://w3id.org/plankg/id/"
ONTOLOGY_DIR = Path(__file__).resolve().parent.parent / "ontology"
ONTOLOGY_FILES = ("plankg.ttl", "functions.ttl", "metrics.ttl")
ROLE_IRI = {"lead": PLANKG.Lead, "cooperating": PLANKG.Cooperating, "responsible": PLANKG.Responsible}
PREFIXES = {"plankg": PLANKG, "prov": PROV, "org": ORG, "skos": SKOS, "dcterms": DCTERMS, "qb": QB,
            "xsd": XSD, "rdfs": RDFS}

Triple = tuple[URIRef, URIRef, object]


def short_hash(text: str, n: int = 12) -> str:
    """Hex digest prefix used in IRIs."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:n]


def doc_iri(sha256: str) -> URIRef:
    return URIRef(f"{ID}doc/{sha256[:12]}")


def plan_iri(sha256: str) -> URIRef:
    return URIRef(f"{ID}plan/{sha256[:12]}")


def task_iri(sha256: str, task_key: str) -> URIRef:
    return URIRef(f"{ID}plan/{sha256[:12]}/task/{quote(task_key, safe='-_.')}")


def unit_iri(unit_key: str) -> URIRef:
    return URIRef(f"{ID}unit/{short_hash(unit_key, 16)}")


def region_iri(name: str) -> URIRef:
    return URIRef(f"{ID}region/{quote(name, safe='')}")


def kind_iri(kind: str) -> URIRef:
    return PLANKG[f"kind-{kind or 'other'}"]


def span_triples(node: URIRef, doc: URIRef, text: str, start: int, end: int) -> Iterator[Triple]:
    """Provenance of a node: its document, offsets and the quoted source text."""
    yield node, PROV.wasDerivedFrom, doc
    if 0 <= start <= end:
        yield node, PLANKG.startOffset, Literal(start, datatype=XSD.integer)
        yield node, PLANKG.endOffset, Literal(end, datatype=XSD.integer)
        yield node, PLANKG.quote, Literal(text[start:end])


def plan_triples(ex: ExtractedPlan) -> Iterator[Triple]:
    """The source document, the plan and its region."""
    src, meta = ex.plan.source, ex.plan.meta
    doc, plan = doc_iri(src.sha256), plan_iri(src.sha256)
    yield doc, RDF.type, PLANKG.SourceDocument
    yield doc, RDF.type, PROV.Entity
    yield doc, DCTERMS.identifier, Literal(src.name)
    yield doc, PLANKG.sha256, Literal(src.sha256)
    yield doc, DCTERMS["format"], Literal(src.format)
    yield plan, RDF.type, PLANKG.Plan
    yield plan, PROV.wasDerivedFrom, doc
    yield plan, DCTERMS.title, Literal(meta.title or src.name)
    if meta.title_start >= 0:
        yield plan, PLANKG.startOffset, Literal(meta.title_start, datatype=XSD.integer)
        yield plan, PLANKG.endOffset, Literal(meta.title_end, datatype=XSD.integer)
    if meta.region:
        region = region_iri(meta.region)
        yield plan, PLANKG.region, region
        yield region, RDF.type, PLANKG.Region
        yield region, RDFS.label, Literal(meta.region)
        if meta.parent_region:
            parent = region_iri(meta.parent_region)
            yield region, PLANKG.parentRegion, parent
            yield parent, RDF.type, PLANKG.Region
            yield parent, RDFS.label, Literal(meta.parent_region)
    for prop, value in ((PLANKG.issuer, meta.issuer), (PLANKG.docNumber, meta.doc_number),
                        (PLANKG.leadConvention, meta.lead_convention)):
        if value:
            yield plan, prop, Literal(value)
    if meta.issued:
        yield plan, DCTERMS.issued, Literal(meta.issued, datatype=XSD.date)
    if meta.period_start:
        yield plan, PLANKG.periodStart, Literal(meta.period_start, datatype=XSD.integer)
    if meta.period_end:
        yield plan, PLANKG.periodEnd, Literal(meta.period_end, datatype=XSD.integer)
    for ref in meta.references:
        yield plan, PLANKG.cites, Literal(ref)


def task_triples(ex: ExtractedPlan, task: Task) -> Iterator[Triple]:
    """A task, its place in the plan, and its provenance."""
    src = ex.plan.source
    plan, doc, node = plan_iri(src.sha256), doc_iri(src.sha256), task_iri(src.sha256, task.key)
    yield node, RDF.type, PLANKG.Task
    yield node, PLANKG.inPlan, plan
    yield plan, PLANKG.hasTask, node
    yield node, DCTERMS.title, Literal(task.title)
    yield node, PLANKG.number, Literal(task.number)
    yield node, PLANKG.part, Literal(task.source)
    yield node, PLANKG.key, Literal(task.key)
    if task.section:
        yield node, PLANKG.section, Literal(" > ".join(task.section))
    if task.deadline:
        yield node, PLANKG.deadline, Literal(task.deadline)
    yield from span_triples(node, doc, src.text, task.start, task.end)


def assignment_triples(ex: ExtractedPlan, task: Task, index: int, mention: UnitMention) -> Iterator[Triple]:
    """A qualified association of a unit with a task: role, basis and source."""
    src = ex.plan.source
    tnode = task_iri(src.sha256, task.key)
    node = URIRef(f"{tnode}/a/{index}")
    unit = unit_iri(ex.unit_keys[(task.key, index)])
    yield node, RDF.type, PLANKG.Assignment
    yield node, RDF.type, PROV.Association
    yield tnode, PROV.qualifiedAssociation, node
    yield node, PLANKG.ofTask, tnode
    yield node, PROV.agent, unit
    yield node, PROV.hadRole, ROLE_IRI[mention.role]
    yield node, PLANKG.basis, Literal(mention.basis)
    yield node, PLANKG.surfaceForm, Literal(mention.name)
    yield node, PLANKG.position, Literal(index, datatype=XSD.integer)
    if mention.alias:
        yield node, PLANKG.alias, Literal(mention.alias)
    if mention.inferred:
        yield node, PLANKG.inferred, Literal(True)
    yield from span_triples(node, doc_iri(src.sha256), src.text, mention.start, mention.end)


def unit_triples(agency: Agency) -> Iterator[Triple]:
    """A unit scoped to its region, with kind and function concept."""
    node = unit_iri(agency.key)
    yield node, RDF.type, PLANKG.Unit
    yield node, RDF.type, ORG.Organization
    yield node, SKOS.prefLabel, Literal(agency.name)
    yield node, PLANKG.unitKey, Literal(agency.key)
    for form in agency.surface_forms:
        if form != agency.name:
            yield node, SKOS.altLabel, Literal(form)
    if agency.region:
        yield node, PLANKG.region, region_iri(agency.region)
    yield node, PLANKG.kind, kind_iri(agency.kind)
    if agency.function:
        yield node, PLANKG.function, URIRef(agency.function)


def indicator_triples(ex: ExtractedPlan, task: Task, index: int, ind: Indicator) -> Iterator[Triple]:
    """A quantitative target as an RDF Data Cube observation of its task."""
    src = ex.plan.source
    tnode = task_iri(src.sha256, task.key)
    node = URIRef(f"{tnode}/i/{index}")
    yield node, RDF.type, PLANKG.Indicator
    yield node, RDF.type, QB.Observation
    yield node, PLANKG.ofTask, tnode
    yield tnode, PLANKG.hasIndicator, node
    yield node, PLANKG.value, Literal(Decimal(repr(ind.value)).normalize() if ind.value == ind.value else 0,
                                      datatype=XSD.decimal)
    yield node, PLANKG.unitLabel, Literal(ind.unit)
    yield node, PLANKG.op, Literal(ind.op)
    yield node, PLANKG.indicatorKind, Literal(ind.kind)
    if ind.value_text:
        yield node, PLANKG.valueText, Literal(ind.value_text)
    if ind.year:
        yield node, PLANKG.targetYear, Literal(ind.year, datatype=XSD.integer)
    if ind.baseline is not None:
        yield node, PLANKG.baseline, Literal(Decimal(repr(ind.baseline)).normalize(), datatype=XSD.decimal)
    if ind.metric:
        yield node, PLANKG.metricName, Literal(ind.metric)
    if ind.metric_concept:
        yield node, PLANKG.metric, URIRef(ind.metric_concept)
    qudt = getattr(ind, "qudt_unit", "")
    if qudt:
        yield node, PLANKG.qudtUnit, URIRef(qudt)
    yield from span_triples(node, doc_iri(src.sha256), src.text, ind.start, ind.end)


def document_triples(ex: ExtractedPlan) -> Iterator[Triple]:
    """Every triple of one extracted document, in a fixed order."""
    yield from plan_triples(ex)
    for key in sorted(ex.agencies):
        yield from unit_triples(ex.agencies[key])
    for task in ex.plan.tasks:
        yield from task_triples(ex, task)
        for i, mention in enumerate(task.units):
            yield from assignment_triples(ex, task, i, mention)
        for i, ind in enumerate(ex.indicators.get(task.key, ())):
            yield from indicator_triples(ex, task, i, ind)


def new_graph() -> Graph:
    """An empty graph with the project's prefixes bound."""
    g = Graph()
    for prefix, ns in PREFIXES.items():
        g.bind(prefix, ns, override=True)
    g.bind("unit", Namespace(f"{ID}unit/"))
    g.bind("region", Namespace(f"{ID}region/"))
    return g


def ontology_graph() -> Graph:
    """The vocabulary and concept schemes of ``ontology/`` (shapes excluded)."""
    g = new_graph()
    for name in ONTOLOGY_FILES:
        path = ONTOLOGY_DIR / name
        if path.exists():
            g.parse(path, format="turtle")
    return g


def build_graph(extracted: Iterable[ExtractedPlan], with_ontology: bool = True) -> Graph:
    """One graph of all documents (and the ontology, for labels in queries)."""
    g = ontology_graph() if with_ontology else new_graph()
    for ex in extracted:
        for triple in document_triples(ex):
            g.add(triple)
    return g
