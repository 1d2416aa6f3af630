"""RDF triples of plans, tasks, units, assignments and indicators: the ``model`` stage.

The only module that knows RDF. :func:`document_triples` turns one
:class:`graph.records.ExtractedPlan` into triples whose terms are written in
N-Triples syntax (so extraction workers need no RDF library and output streams);
:class:`TurtleWriter` writes them as Turtle; :func:`build_graph` gives an rdflib
graph for small corpora and tests. IRIs are derived from content (document hash,
task key, region-scoped unit key), never from run order, and no blank nodes are
made. Every task, assignment and indicator carries its source: the document,
character offsets and the quoted text.
"""
from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Iterator
from decimal import Decimal
from functools import lru_cache

from graph.files import data_dir
from typing import IO
from urllib.parse import quote

from graph.measures import unit_qudt
from graph.records import Agency, ExtractedPlan, Indicator, Task, UnitMention

NS = "https://w3id.org/plankg/ns#"
ID = "https://w3id.org/plankg/id/"
PROV = "http://www.w3.org/ns/prov#"
ORG = "http://www.w3.org/ns/org#"
SKOS = "http://www.w3.org/2004/02/skos/core#"
DCTERMS = "http://purl.org/dc/terms/"
QB = "http://purl.org/linked-data/cube#"
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
XSD = "http://www.w3.org/2001/XMLSchema#"
PREFIXES = (("plankg", NS), ("prov", PROV), ("org", ORG), ("skos", SKOS), ("dcterms", DCTERMS), ("qb", QB),
            ("rdf", RDF), ("rdfs", RDFS), ("xsd", XSD), ("unit", ID + "unit/"), ("plan", ID + "plan/"),
            ("doc", ID + "doc/"), ("region", ID + "region/"), ("fn", "https://w3id.org/plankg/function/"),
            ("metric", "https://w3id.org/plankg/metric/"))
ONTOLOGY_DIR = data_dir("ontology")
ONTOLOGY_FILES = ("plankg.ttl", "functions.ttl", "metrics.ttl")
ROLE_IRI = {"lead": NS + "Lead", "cooperating": NS + "Cooperating", "responsible": NS + "Responsible"}

Triple = tuple[str, str, str]  # subject, predicate, object in N-Triples syntax


# ---------------------------------------------------------------- terms

def iri(value: str) -> str:
    """An IRI term."""
    return f"<{value}>"


ESCAPES = str.maketrans({"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t"})
NEEDS_ESCAPE = re.compile(r'[\\"\n\r\t]')


def literal(value: str | int | float | Decimal | bool, datatype: str = "") -> str:
    """A literal term: strings plain, numbers and booleans typed (or as ``datatype`` says)."""
    if isinstance(value, bool):
        return f'"{"true" if value else "false"}"^^<{XSD}boolean>'
    if isinstance(value, int) and not datatype:
        return f'"{value}"^^<{XSD}integer>'
    if isinstance(value, (float, Decimal)) and not datatype:
        return f'"{decimal_lexical(value)}"^^<{XSD}decimal>'
    text = str(value)
    if NEEDS_ESCAPE.search(text):
        text = text.translate(ESCAPES)
    return f'"{text}"^^<{datatype}>' if datatype else f'"{text}"'


def decimal_lexical(value: float | Decimal) -> str:
    """``1.53`` → ``1.53``, ``100.0`` → ``100``, never an exponent."""
    d = Decimal(repr(value)) if isinstance(value, float) else value
    text = format(d.normalize(), "f")
    return text if text not in ("-0", "") else "0"


def short_hash(text: str, n: int = 12) -> str:
    """Hex digest prefix used in IRIs."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:n]


def doc_iri(sha256: str) -> str:
    return f"{ID}doc/{sha256[:12]}"


def plan_iri(sha256: str) -> str:
    return f"{ID}plan/{sha256[:12]}"


def task_iri(sha256: str, task_key: str) -> str:
    return f"{ID}plan/{sha256[:12]}/task/{quote(task_key, safe='-_.')}"


@lru_cache(maxsize=65536)
def unit_iri(unit_key: str) -> str:
    return f"{ID}unit/{short_hash(unit_key, 16)}"


@lru_cache(maxsize=4096)
def region_iri(name: str) -> str:
    return f"{ID}region/{quote(name, safe='')}"


def kind_iri(kind: str) -> str:
    return f"{NS}kind-{kind or 'other'}"


# ---------------------------------------------------------------- triples

T_TYPE, T_LABEL = iri(RDF + "type"), iri(RDFS + "label")
P = {name: iri(NS + name) for name in (
    "SourceDocument", "Plan", "Task", "Unit", "Assignment", "Indicator", "Region", "sha256", "region",
    "parentRegion", "issuer", "docNumber", "leadConvention", "periodStart", "periodEnd", "cites", "inPlan",
    "hasTask", "number", "part", "key", "section", "deadline", "ofTask", "basis", "surfaceForm", "position",
    "alias", "inferred", "unitKey", "kind", "function", "hasIndicator", "value", "unitLabel", "op",
    "indicatorKind", "valueText", "targetYear", "baseline", "metricName", "metric", "qudtUnit",
    "startOffset", "endOffset", "quote")}
T_DERIVED, T_QUALIFIED, T_AGENT, T_ROLE = (iri(PROV + n) for n in ("wasDerivedFrom", "qualifiedAssociation",
                                                                  "agent", "hadRole"))
T_ENTITY, T_ASSOCIATION, T_ORGANIZATION, T_OBSERVATION = (iri(PROV + "Entity"), iri(PROV + "Association"),
                                                         iri(ORG + "Organization"), iri(QB + "Observation"))
T_TITLE, T_IDENTIFIER, T_FORMAT, T_ISSUED = (iri(DCTERMS + n) for n in ("title", "identifier", "format", "issued"))
T_PREF, T_ALT = iri(SKOS + "prefLabel"), iri(SKOS + "altLabel")


def span_triples(node: str, doc: str, text: str, start: int, end: int) -> Iterator[Triple]:
    """Provenance of a node: its document, offsets and the quoted source text."""
    yield node, T_DERIVED, doc
    if 0 <= start <= end:
        yield node, P["startOffset"], literal(start)
        yield node, P["endOffset"], literal(end)
        yield node, P["quote"], literal(text[start:end])


def plan_triples(ex: ExtractedPlan) -> Iterator[Triple]:
    """The source document, the plan and its region."""
    src, meta = ex.plan.source, ex.plan.meta
    doc, plan = iri(doc_iri(src.sha256)), iri(plan_iri(src.sha256))
    yield doc, T_TYPE, P["SourceDocument"]
    yield doc, T_TYPE, T_ENTITY
    yield doc, T_IDENTIFIER, literal(src.name)
    yield doc, P["sha256"], literal(src.sha256)
    yield doc, T_FORMAT, literal(src.format)
    yield plan, T_TYPE, P["Plan"]
    yield plan, T_DERIVED, doc
    yield plan, T_TITLE, literal(meta.title or src.name)
    if meta.title_start >= 0:
        yield plan, P["startOffset"], literal(meta.title_start)
        yield plan, P["endOffset"], literal(meta.title_end)
    if meta.region:
        yield plan, P["region"], iri(region_iri(meta.region))
    for prop, value in (("issuer", meta.issuer), ("docNumber", meta.doc_number), ("leadConvention", meta.lead_convention)):
        if value:
            yield plan, P[prop], literal(value)
    if meta.issued:
        yield plan, T_ISSUED, literal(meta.issued, XSD + "date")
    if meta.period_start:
        yield plan, P["periodStart"], literal(meta.period_start)
    if meta.period_end:
        yield plan, P["periodEnd"], literal(meta.period_end)
    for ref in meta.references:
        yield plan, P["cites"], literal(ref)


def region_triples(name: str, parent: str = "") -> Iterator[Triple]:
    """A region and the division above it."""
    node = iri(region_iri(name))
    yield node, T_TYPE, P["Region"]
    yield node, T_LABEL, literal(name)
    if parent:
        yield node, P["parentRegion"], iri(region_iri(parent))
        yield from region_triples(parent)


def task_triples(ex: ExtractedPlan, task: Task) -> Iterator[Triple]:
    """A task, its place in the plan, and its provenance."""
    src = ex.plan.source
    plan, doc, node = iri(plan_iri(src.sha256)), iri(doc_iri(src.sha256)), iri(task_iri(src.sha256, task.key))
    yield node, T_TYPE, P["Task"]
    yield node, P["inPlan"], plan
    yield plan, P["hasTask"], node
    yield node, T_TITLE, literal(task.title)
    yield node, P["number"], literal(task.number)
    yield node, P["part"], literal(task.source)
    yield node, P["key"], literal(task.key)
    if task.section:
        yield node, P["section"], literal(" > ".join(task.section))
    if task.deadline:
        yield node, P["deadline"], literal(task.deadline)
    yield from span_triples(node, doc, src.text, task.start, task.end)


def assignment_triples(ex: ExtractedPlan, task: Task, index: int, mention: UnitMention) -> Iterator[Triple]:
    """A qualified association of a unit with a task: role, basis and source."""
    src = ex.plan.source
    tnode = task_iri(src.sha256, task.key)
    node = iri(f"{tnode}/a/{index}")
    yield node, T_TYPE, P["Assignment"]
    yield node, T_TYPE, T_ASSOCIATION
    yield iri(tnode), T_QUALIFIED, node
    yield node, P["ofTask"], iri(tnode)
    yield node, T_AGENT, iri(unit_iri(ex.unit_keys[(task.key, index)]))
    yield node, T_ROLE, iri(ROLE_IRI[mention.role])
    yield node, P["basis"], literal(mention.basis)
    yield node, P["surfaceForm"], literal(mention.name)
    yield node, P["position"], literal(index)
    if mention.alias:
        yield node, P["alias"], literal(mention.alias)
    if mention.inferred:
        yield node, P["inferred"], literal(True)
    yield from span_triples(node, iri(doc_iri(src.sha256)), src.text, mention.start, mention.end)


def unit_triples(agency: Agency) -> Iterator[Triple]:
    """A unit scoped to its region, with kind and function concept."""
    node = iri(unit_iri(agency.key))
    yield node, T_TYPE, P["Unit"]
    yield node, T_TYPE, T_ORGANIZATION
    yield node, T_PREF, literal(agency.name)
    yield node, P["unitKey"], literal(agency.key)
    for form in agency.surface_forms:
        if form != agency.name:
            yield node, T_ALT, literal(form)
    if agency.region:
        yield node, P["region"], iri(region_iri(agency.region))
    yield node, P["kind"], iri(kind_iri(agency.kind))
    if agency.function:
        yield node, P["function"], iri(agency.function)


def indicator_triples(ex: ExtractedPlan, task: Task, index: int, ind: Indicator) -> Iterator[Triple]:
    """A quantitative target as an RDF Data Cube observation of its task."""
    src = ex.plan.source
    tnode = task_iri(src.sha256, task.key)
    node = iri(f"{tnode}/i/{index}")
    yield node, T_TYPE, P["Indicator"]
    yield node, T_TYPE, T_OBSERVATION
    yield node, P["ofTask"], iri(tnode)
    yield iri(tnode), P["hasIndicator"], node
    yield node, P["value"], literal(float(ind.value))
    yield node, P["unitLabel"], literal(ind.unit)
    yield node, P["op"], literal(ind.op)
    yield node, P["indicatorKind"], literal(ind.kind)
    if ind.value_text:
        yield node, P["valueText"], literal(ind.value_text)
    if ind.year:
        yield node, P["targetYear"], literal(int(ind.year))
    if ind.baseline is not None:
        yield node, P["baseline"], literal(float(ind.baseline))
    if ind.metric:
        yield node, P["metricName"], literal(ind.metric)
    if ind.metric_concept:
        yield node, P["metric"], iri(ind.metric_concept)
    qudt = unit_qudt(ind.unit)
    if qudt:
        yield node, P["qudtUnit"], iri(qudt)
    yield from span_triples(node, iri(doc_iri(src.sha256)), src.text, ind.start, ind.end)


def document_triples(ex: ExtractedPlan) -> Iterator[Triple]:
    """Every triple of one extracted document, in a fixed order."""
    yield from plan_triples(ex)
    meta = ex.plan.meta
    regions = {meta.region: meta.parent_region} if meta.region else {}
    for agency in ex.agencies.values():
        if agency.region and agency.region not in regions:
            regions[agency.region] = ""
    for name in sorted(regions):
        yield from region_triples(name, regions[name])
    for key in sorted(ex.agencies):
        yield from unit_triples(ex.agencies[key])
    for task in ex.plan.tasks:
        yield from task_triples(ex, task)
        for i, mention in enumerate(task.units):
            yield from assignment_triples(ex, task, i, mention)
        for i, ind in enumerate(ex.indicators.get(task.key, ())):
            yield from indicator_triples(ex, task, i, ind)


def ntriples(triples: Iterable[Triple]) -> str:
    """Triples as N-Triples text."""
    return "".join(f"{s} {p} {o} .\n" for s, p, o in triples)


def parse_ntriples_line(line: str) -> Triple:
    """The three terms of one N-Triples line written by :func:`ntriples`."""
    s, p, rest = line.split(" ", 2)
    return s, p, rest.rstrip("\n")[:-2]


@lru_cache(maxsize=1)
def ontology_triples() -> tuple[Triple, ...]:
    """The vocabulary and concept schemes of ``ontology/`` (shapes excluded), sorted."""
    from rdflib import BNode, Graph

    g = Graph()
    for name in ONTOLOGY_FILES:
        path = ONTOLOGY_DIR / name
        if path.exists():
            g.parse(path, format="turtle")
    if any(isinstance(t, BNode) for triple in g for t in triple):
        g = g.skolemize()
    lines = sorted(set(g.serialize(format="nt", encoding="utf-8").decode("utf-8").splitlines()))
    return tuple(parse_ntriples_line(line) for line in lines if line.strip())


# ---------------------------------------------------------------- Turtle

PN_LOCAL = re.compile(r"[A-Za-z0-9_][A-Za-z0-9_\-]*$")  # used with match(value, start)
PREFIXES_BY_LENGTH = sorted(PREFIXES, key=lambda x: -len(x[1]))
TURTLE_HEADER = "".join(f"@prefix {p}: <{ns}> .\n" for p, ns in PREFIXES)
INTEGER_LITERAL = re.compile(r'"(-?\d+)"\^\^<' + re.escape(XSD) + r'integer>')


@lru_cache(maxsize=200_000)
def turtle_term(term: str) -> str:
    """An N-Triples term written compactly in Turtle: ``a``, prefixed names, bare integers."""
    if term[0] == "<":
        value = term[1:-1]
        if value == RDF + "type":
            return "a"
        for prefix, ns in PREFIXES_BY_LENGTH:
            if value.startswith(ns) and PN_LOCAL.match(value, len(ns)):
                return f"{prefix}:{value[len(ns):]}"
        return term
    integer = INTEGER_LITERAL.fullmatch(term)
    if integer:
        return integer.group(1)
    if term[-1] == ">" and '"^^<' in term:
        head, _, datatype = term.rpartition("^^<")
        return f"{head}^^{turtle_term('<' + datatype)}"
    return term


class TurtleWriter:
    """Writes triples as Turtle, grouping runs of the same subject; streams to a file."""

    def __init__(self, out: IO[str], header: bool = True):
        self.out = out
        self.subject: str | None = None
        self.count = 0
        if header:
            out.write(TURTLE_HEADER + "\n")

    def write(self, triples: Iterable[Triple]) -> None:
        """Append triples."""
        parts: list[str] = []
        subject, term, count = self.subject, turtle_term, self.count
        for s, p, o in triples:
            obj = o if o[-1] == '"' else term(o)   # plain strings (quotes, titles) are written as they are
            if s == subject:
                parts.append(f" ;\n    {term(p)} {obj}")
            else:
                if subject is not None:
                    parts.append(" .\n")
                parts.append(f"\n{term(s)} {term(p)} {obj}")
                subject = s
            count += 1
        self.subject, self.count = subject, count
        self.out.write("".join(parts))

    def close(self) -> None:
        """Finish the last statement."""
        if self.subject is not None:
            self.out.write(" .\n")
            self.subject = None


SHARED_SUBJECTS = (f"<{ID}unit/", f"<{ID}region/")


def split_shared(triples: Iterable[Triple]) -> tuple[list[Triple], list[Triple]]:
    """Triples about nodes that several documents share (units, regions) and the document's own."""
    shared, own = [], []
    for t in triples:
        (shared if t[0].startswith(SHARED_SUBJECTS) else own).append(t)
    return shared, own


def turtle_chunk(triples: Iterable[Triple]) -> str:
    """Triples as a self-contained piece of Turtle (the prefixes of :data:`PREFIXES` assumed)."""
    import io

    buf = io.StringIO()
    writer = TurtleWriter(buf, header=False)
    writer.write(triples)
    writer.close()
    return buf.getvalue()


def turtle_to_ntriples(chunk: str) -> str:
    """A piece of Turtle written by :func:`turtle_chunk` as N-Triples, in the same order."""
    import pyoxigraph as ox

    triples = ox.parse(input=(TURTLE_HEADER + chunk).encode("utf-8"), format=ox.RdfFormat.TURTLE)
    return ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES).decode("utf-8")


def build_graph(extracted: Iterable[ExtractedPlan], with_ontology: bool = True):
    """One rdflib graph of all documents (and the ontology): for small corpora and tests."""
    from rdflib import Graph

    text = ntriples(ontology_triples()) if with_ontology else ""
    text += "".join(ntriples(document_triples(ex)) for ex in extracted)
    g = Graph()
    for prefix, ns in PREFIXES:
        g.bind(prefix, ns, override=True)
    g.parse(data=text, format="nt")
    return g
