"""Graphs on disk, the embedded Oxigraph store, and SPARQL over rdflib, Oxigraph or a remote endpoint.

Query parameters are bound as RDF terms, never spliced into the query text as user text:
rdflib gets them as ``initBindings``; Oxigraph and remote endpoints get a ``VALUES`` block,
built from terms serialised by pyoxigraph, at the start of the query's ``WHERE`` group
(pyoxigraph 0.5's ``substitutions=`` only accepts projected variables, so it cannot bind a
filter-only parameter such as ``?region`` in an aggregate query).
"""
from __future__ import annotations

import csv
import difflib
import hashlib
import io
import json
import math
import os
import re
import shutil
import tempfile
import threading
import time
import unicodedata
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path

from graph.files import data_dir, write_atomically
from typing import Iterable, Protocol, Sequence

PROJECT_ROOT = Path(__file__).resolve().parent.parent
QUERIES_DIR = data_dir("queries")
DEFAULT_GRAPH_IRI = "https://w3id.org/plankg/id/graph"
XSD = "http://www.w3.org/2001/XMLSchema#"
RDF_LANG_STRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"
STORE_MANIFEST = "plankg-sources.json"
UPDATABLE = "updatable"   # a store a build can update: loaded from graph.ttl (and analysis.ttl) as written
FORMATS = ("table", "csv", "tsv", "json")

_INTEGER_TYPES = {XSD + t for t in (
    "integer", "int", "long", "short", "byte", "nonNegativeInteger", "positiveInteger",
    "nonPositiveInteger", "negativeInteger", "unsignedInt", "unsignedLong", "unsignedShort",
    "unsignedByte")}
_DECIMAL_TYPES = {XSD + "decimal"}
_FLOAT_TYPES = {XSD + "double", XSD + "float"}
_QUERY_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]*")
_IRI = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:[^<>\"{}|^`\\\x00-\x20]*")
_VARIABLE = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


class QueryError(Exception):
    """A query, a parameter or a query source that cannot be used; the message says why."""


# ---------------------------------------------------------------- terms and results


class UnknownQuery(QueryError):
    """No library query has the name given."""


@dataclass(frozen=True, order=True)
class Term:
    """An RDF term of a result row, independent of the engine that produced it."""

    kind: str            # uri | literal | bnode
    value: str           # IRI, blank node label, or the literal's (canonical) lexical form
    datatype: str = ""   # literals: datatype IRI ("" for plain and language-tagged strings)
    lang: str = ""       # literals: language tag

    def __str__(self) -> str:
        return self.value

    def to_python(self) -> str | int | float | bool:
        """The value as JSON would carry it: numbers and booleans typed, the rest as text."""
        if self.kind == "literal":
            try:
                if self.datatype in _INTEGER_TYPES:
                    return int(self.value)
                if self.datatype in _DECIMAL_TYPES | _FLOAT_TYPES:
                    number = float(self.value)
                    if math.isfinite(number):
                        return number if any(c in self.value for c in ".eE") else int(self.value)
            except ValueError:
                pass  # an ill-formed literal in the data stays text
            if self.datatype == XSD + "boolean":
                return self.value == "true"
        return self.value


def literal_term(lexical: str, datatype: str = "", lang: str = "") -> Term:
    """A literal term whose numeric lexical form is canonical, so every engine prints it alike."""
    if lang:
        return Term("literal", lexical, "", lang)
    if datatype in ("", XSD + "string"):
        return Term("literal", lexical)
    return Term("literal", _canonical_lexical(lexical, datatype), datatype)


def _canonical_lexical(lexical: str, datatype: str) -> str:
    try:
        if datatype in _INTEGER_TYPES:
            return str(int(lexical.strip()))
        if datatype in _DECIMAL_TYPES:
            number = Decimal(lexical.strip())
            return format(number.normalize(), "f")  # 23.0 → 23, 2.50 → 2.5
        if datatype in _FLOAT_TYPES:
            number = float(lexical.strip())
            if not math.isfinite(number):
                return "NaN" if math.isnan(number) else "INF" if number > 0 else "-INF"
            if number.is_integer() and abs(number) < 1e16:
                return str(int(number))
            return repr(number)
        if datatype == XSD + "boolean":
            return "true" if lexical.strip() in ("true", "1") else "false"
    except (ValueError, InvalidOperation):
        return lexical
    return lexical


@dataclass(frozen=True)
class Results:
    """The rows of a SELECT (or the single ``ask`` row of an ASK, the triples of a CONSTRUCT)."""

    variables: tuple[str, ...]
    rows: tuple[tuple[Term | None, ...], ...]

    def dicts(self) -> list[dict[str, Term | None]]:
        """Rows as ``{variable: term}`` mappings."""
        return [dict(zip(self.variables, row)) for row in self.rows]

    def values(self) -> list[dict[str, str]]:
        """Rows as ``{variable: lexical value}``; unbound values are ``""``."""
        return [{v: (t.value if t is not None else "") for v, t in zip(self.variables, row)}
                for row in self.rows]


# ---------------------------------------------------------------- parameters


PARAM_TYPES = {
    "str": None, "string": None,
    "int": XSD + "integer", "integer": XSD + "integer",
    "decimal": XSD + "decimal", "double": XSD + "double",
    "bool": XSD + "boolean", "boolean": XSD + "boolean",
    "date": XSD + "date", "year": XSD + "gYear",
    "iri": "iri", "uri": "iri",
}


@dataclass(frozen=True)
class Binding:
    """A query parameter: a variable name and the RDF term it is bound to."""

    name: str
    term: Term


def parse_param(text: str) -> Binding:
    """``NAME=VALUE`` (a plain string literal) or ``NAME:TYPE=VALUE`` (int, decimal, double, bool,
    date, year, iri) → a binding. The value is never interpreted as SPARQL."""
    head, sep, value = text.partition("=")
    if not sep:
        raise QueryError(f"parameter '{text}' is not NAME=VALUE")
    name, _, type_name = head.strip().partition(":")
    name = name.lstrip("?$")
    if not _VARIABLE.fullmatch(name):
        raise QueryError(f"parameter name '{name}' is not a SPARQL variable name")
    type_name = type_name.strip().lower() or "str"
    if type_name not in PARAM_TYPES:
        raise QueryError(f"parameter '{name}': unknown type '{type_name}' "
                         f"(use one of {', '.join(sorted(PARAM_TYPES))})")
    datatype = PARAM_TYPES[type_name]
    if datatype is None:
        return Binding(name, Term("literal", value))
    if datatype == "iri":
        if not _IRI.fullmatch(value):
            raise QueryError(f"parameter '{name}': '{value}' is not an absolute IRI")
        return Binding(name, Term("uri", value))
    if not _valid_lexical(value, datatype):
        raise QueryError(f"parameter '{name}': '{value}' is not a valid {type_name}")
    return Binding(name, literal_term(value, datatype))


def _valid_lexical(value: str, datatype: str) -> bool:
    patterns = {
        XSD + "integer": r"[+-]?\d+",
        XSD + "decimal": r"[+-]?(\d+(\.\d*)?|\.\d+)",
        XSD + "double": r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?|INF|-INF|NaN",
        XSD + "boolean": r"true|false|1|0",
        XSD + "date": r"-?\d{4,}-\d{2}-\d{2}(Z|[+-]\d{2}:\d{2})?",
        XSD + "gYear": r"-?\d{4,}(Z|[+-]\d{2}:\d{2})?",
    }
    return re.fullmatch(patterns[datatype], value) is not None


def term_to_sparql(term: Term) -> str:
    """The term in SPARQL/N-Triples syntax, escaped by pyoxigraph's term classes."""
    import pyoxigraph as ox

    return str(_to_oxigraph(term, ox))


def _to_oxigraph(term: Term, ox):
    if term.kind == "uri":
        return ox.NamedNode(term.value)
    if term.kind == "bnode":
        return ox.BlankNode(term.value)
    if term.lang:
        return ox.Literal(term.value, language=term.lang)
    if term.datatype:
        return ox.Literal(term.value, datatype=ox.NamedNode(term.datatype))
    return ox.Literal(term.value)


def _to_rdflib(term: Term):
    from rdflib import BNode, Literal, URIRef

    if term.kind == "uri":
        return URIRef(term.value)
    if term.kind == "bnode":
        return BNode(term.value)
    if term.lang:
        return Literal(term.value, lang=term.lang)
    if term.datatype:
        return Literal(term.value, datatype=URIRef(term.datatype))
    return Literal(term.value)


def check_bindings(query_text: str, bindings: Sequence[Binding]) -> None:
    """Refuse parameters the query does not use, and repeated parameters."""
    names = [b.name for b in bindings]
    for name in names:
        if names.count(name) > 1:
            raise QueryError(f"parameter '{name}' given more than once")
        if not re.search(r"[?$]" + re.escape(name) + r"(?![A-Za-z0-9_])", _strip_comments(query_text)):
            raise QueryError(f"the query has no variable ?{name} to bind")
        if re.search(r"\bAS\s+[?$]" + re.escape(name) + r"(?![A-Za-z0-9_])", _strip_comments(query_text), re.I):
            raise QueryError(f"?{name} is computed by the query (… AS ?{name}), so it cannot be a parameter")


def bind_with_values(query_text: str, bindings: Sequence[Binding]) -> str:
    """The query with a ``VALUES`` block for the bindings at the start of its WHERE group."""
    if not bindings:
        return query_text
    position = _where_group_start(query_text)
    variables = " ".join("?" + b.name for b in bindings)
    terms = " ".join(term_to_sparql(b.term) for b in bindings)
    block = f" VALUES ({variables}) {{ ({terms}) }} "
    return query_text[:position] + block + query_text[position:]


_TOKEN = re.compile(
    r"""(?P<comment>\#[^\n]*)
      | (?P<string>'''(?:[^'\\]|\\.|'(?!''))*'''|\"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\"
                  |'(?:[^'\\\n]|\\.)*'|"(?:[^"\\\n]|\\.)*")
      | (?P<iri><[^<>"{}|^`\\\x00-\x20]*>)
      | (?P<variable>[?$][A-Za-z0-9_]+)
      | (?P<pname>(?:[A-Za-z][A-Za-z0-9_.-]*)?:[A-Za-z0-9_.%-]*)
      | (?P<word>[A-Za-z_][A-Za-z0-9_]*)
      | (?P<brace>\{)
      | (?P<other>.)""",
    re.VERBOSE | re.DOTALL)


def _strip_comments(query_text: str) -> str:
    return "".join(m.group(0) for m in _TOKEN.finditer(query_text) if m.lastgroup != "comment")


QUERY_FORMS = ("SELECT", "CONSTRUCT", "DESCRIBE", "ASK")
UPDATE_WORDS = ("INSERT", "DELETE", "LOAD", "CLEAR", "DROP", "CREATE", "ADD", "MOVE", "COPY", "WITH")


def query_form(query_text: str) -> str:
    """SELECT, CONSTRUCT, DESCRIBE or ASK; ``QueryError`` for SPARQL UPDATE or no query at all."""
    for match in _TOKEN.finditer(query_text):
        if match.lastgroup == "word":
            word = match.group(0).upper()
            if word in QUERY_FORMS:
                return word
            if word in UPDATE_WORDS:
                raise QueryError("SPARQL UPDATE is refused: plankg queries are read-only")
    raise QueryError("not a SPARQL query (no SELECT, CONSTRUCT, DESCRIBE or ASK)")


_CODEPOINT_ESCAPE = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")


def uses_service(query_text: str) -> bool:
    """Whether a query holds a ``SERVICE`` clause (a federated query), comments, strings and IRIs
    aside; ``\\u`` escapes are decoded first, as SPARQL does before it parses a query."""
    text = _CODEPOINT_ESCAPE.sub(lambda m: chr(int(m.group(1) or m.group(2), 16)), query_text)
    return any(m.lastgroup == "word" and m.group(0).upper() == "SERVICE" for m in _TOKEN.finditer(text))


def _where_group_start(query_text: str) -> int:
    """Offset just after the ``{`` that opens the query's WHERE group."""
    query_form(query_text)
    first_brace = None
    seen_where = False
    for match in _TOKEN.finditer(query_text):
        kind = match.lastgroup
        if kind == "word" and match.group(0).upper() == "WHERE":
            seen_where = True
        elif kind == "brace":
            if seen_where:
                return match.end()
            if first_brace is None:
                first_brace = match.end()
    if first_brace is None:
        raise QueryError("the query has no WHERE group")
    return first_brace


# ---------------------------------------------------------------- the query library


@dataclass(frozen=True)
class LibraryQuery:
    """A query file of the library, with the description from its leading comment lines."""

    name: str
    path: Path
    description: tuple[str, ...]

    @property
    def summary(self) -> str:
        return self.description[0] if self.description else ""


def read_description(text: str) -> tuple[str, ...]:
    """The leading ``#`` comment lines of a query, without the ``#``."""
    lines = []
    for line in text.splitlines():
        stripped = line.strip()
        if not stripped.startswith("#"):
            break
        lines.append(stripped[1:].strip())
    while lines and not lines[-1]:
        lines.pop()
    return tuple(lines)


def list_queries(queries_dir: Path = QUERIES_DIR) -> list[LibraryQuery]:
    """The library's queries, by name."""
    found = []
    for path in sorted(queries_dir.glob("*.rq")):
        text = path.read_text(encoding="utf-8")
        found.append(LibraryQuery(path.stem, path, read_description(text)))
    return found


def resolve_query(name_or_file: str, queries_dir: Path = QUERIES_DIR) -> Path:
    """The file of a library query NAME, or the given FILE (a path ending in ``.rq``).

    A NAME is letters, digits, ``-`` and ``_`` only and always resolves inside ``queries/``.
    """
    if name_or_file.endswith(".rq"):
        path = Path(name_or_file)
        if not path.is_file():
            raise QueryError(f"query file '{name_or_file}' does not exist")
        return path
    if not _QUERY_NAME.fullmatch(name_or_file):
        raise QueryError(f"'{name_or_file}' is neither a query name (letters, digits, - and _) "
                         "nor a .rq file")
    root = queries_dir.resolve()
    path = (root / f"{name_or_file}.rq").resolve()
    if path.parent != root:
        raise QueryError(f"query name '{name_or_file}' leaves the query library")
    if not path.is_file():
        names = [q.name for q in list_queries(queries_dir)]
        close = difflib.get_close_matches(name_or_file, names, n=2, cutoff=0.6)
        hint = f"did you mean {' or '.join(close)}? " if close else ""
        raise UnknownQuery(f"no query named '{name_or_file}'; {hint}(plankg query --list shows them all: "
                           f"{', '.join(names)})")
    return path


def read_query(path: Path) -> str:
    """The text of a query file (UTF-8), with a clear message when it cannot be read."""
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise QueryError(f"cannot read query file '{path}': {exc}") from exc


# ---------------------------------------------------------------- query sources


class QuerySource(Protocol):
    """Something that answers SPARQL queries with :class:`Results`."""

    def run(self, query_text: str, bindings: Sequence[Binding] = ()) -> Results: ...


def load_graph(paths: Path | Iterable[Path]):
    """An rdflib Graph of one or more RDF files (format from the file suffix)."""
    import rdflib
    from rdflib.util import guess_format

    paths = [paths] if isinstance(paths, (str, Path)) else list(paths)
    graph = rdflib.Graph()
    for path in paths:
        path = Path(path)
        if not path.is_file():
            raise QueryError(f"graph file '{path}' does not exist")
        try:
            graph.parse(str(path), format=guess_format(str(path)) or "turtle")
        except Exception as exc:  # rdflib raises many parser-specific types
            raise QueryError(f"cannot read graph file '{path}': {exc}") from exc
    return graph


def save_graph(graph, path: Path, fmt: str = "turtle") -> None:
    """Write an rdflib Graph atomically (temp file + rename)."""
    path = Path(path)
    data = graph.serialize(format=fmt, encoding="utf-8")
    write_atomically(path, data)


class RdflibSource:
    """SPARQL over an rdflib Graph (parameters bound with ``initBindings``)."""

    def __init__(self, graph) -> None:
        self.graph = graph

    @classmethod
    def from_files(cls, paths: Path | Iterable[Path]) -> "RdflibSource":
        return cls(load_graph(paths))

    def run(self, query_text: str, bindings: Sequence[Binding] = ()) -> Results:
        from rdflib import Variable

        check_bindings(query_text, bindings)
        query_form(query_text)  # refuses UPDATE with a clear message
        init = {Variable(b.name): _to_rdflib(b.term) for b in bindings}
        try:
            result = self.graph.query(query_text, initBindings=init)
        except Exception as exc:
            raise QueryError(f"query failed: {exc}") from exc
        if result.type == "ASK":
            return Results(("ask",), ((literal_term(str(bool(result.askAnswer)).lower(), XSD + "boolean"),),))
        if result.type in ("CONSTRUCT", "DESCRIBE"):
            rows = sorted(tuple(_from_rdflib(t) for t in triple) for triple in result.graph)
            return Results(("subject", "predicate", "object"), tuple(rows))
        variables = tuple(str(v) for v in result.vars)
        rows = tuple(tuple(_from_rdflib(value) if value is not None else None for value in row)
                     for row in result)
        return Results(variables, rows)


def _from_rdflib(term) -> Term:
    from rdflib import BNode, Literal, URIRef

    if isinstance(term, URIRef):
        return Term("uri", str(term))
    if isinstance(term, BNode):
        return Term("bnode", str(term))
    if isinstance(term, Literal):
        return literal_term(str(term), str(term.datatype or ""), term.language or "")
    return Term("literal", str(term))


class OxigraphSource:
    """SPARQL over a pyoxigraph Store (parameters bound with a VALUES block of pyoxigraph terms)."""

    def __init__(self, store) -> None:
        self.store = store

    @classmethod
    def open(cls, store_dir: Path) -> "OxigraphSource":
        return cls(open_store(store_dir))

    def run(self, query_text: str, bindings: Sequence[Binding] = ()) -> Results:
        import pyoxigraph as ox

        check_bindings(query_text, bindings)
        query_form(query_text)  # refuses UPDATE with a clear message
        bound = bind_with_values(query_text, bindings)
        try:
            result = self.store.query(bound)
        except (SyntaxError, OSError, RuntimeError, ValueError) as exc:
            raise QueryError(f"query failed: {exc}") from exc
        if isinstance(result, ox.QueryBoolean):
            return Results(("ask",), ((literal_term(str(bool(result)).lower(), XSD + "boolean"),),))
        if isinstance(result, ox.QueryTriples):
            rows = sorted((_from_oxigraph(t.subject), _from_oxigraph(t.predicate), _from_oxigraph(t.object))
                          for t in result)
            return Results(("subject", "predicate", "object"), tuple(rows))
        variables = tuple(v.value for v in result.variables)
        rows = tuple(tuple(_from_oxigraph(solution[v]) if solution[v] is not None else None
                           for v in variables) for solution in result)
        return Results(variables, rows)


def _from_oxigraph(term) -> Term:
    import pyoxigraph as ox

    if isinstance(term, ox.NamedNode):
        return Term("uri", term.value)
    if isinstance(term, ox.BlankNode):
        return Term("bnode", term.value)
    if isinstance(term, ox.Literal):
        datatype = term.datatype.value if term.datatype is not None else ""
        return literal_term(term.value, "" if datatype == RDF_LANG_STRING else datatype, term.language or "")
    return Term("literal", str(term))


class RemoteSource:
    """SPARQL over an HTTP SPARQL 1.1 Protocol endpoint (parameters bound with a VALUES block)."""

    def __init__(self, endpoint: str, default_graph: str | None = None, timeout: float = 120.0) -> None:
        self.endpoint = endpoint
        self.default_graph = default_graph
        self.timeout = timeout

    def run(self, query_text: str, bindings: Sequence[Binding] = ()) -> Results:
        check_bindings(query_text, bindings)
        query_form(query_text)  # refuses UPDATE with a clear message
        form = {"query": bind_with_values(query_text, bindings)}
        if self.default_graph:
            form["default-graph-uri"] = self.default_graph
        request = urllib.request.Request(
            self.endpoint, data=urllib.parse.urlencode(form).encode("utf-8"), method="POST",
            headers={"Content-Type": "application/x-www-form-urlencoded; charset=utf-8",
                     "Accept": "application/sparql-results+json"})
        body = _http(request, self.timeout, f"SPARQL endpoint {self.endpoint}")
        try:
            document = json.loads(body.decode("utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise QueryError(f"SPARQL endpoint {self.endpoint} did not answer SPARQL JSON results "
                             "(SELECT and ASK queries only)") from exc
        return parse_sparql_json(document)


def parse_sparql_json(document: dict) -> Results:
    """Results from a SPARQL 1.1 Query Results JSON document."""
    if "boolean" in document:
        return Results(("ask",), ((literal_term(str(bool(document["boolean"])).lower(), XSD + "boolean"),),))
    variables = tuple(document.get("head", {}).get("vars", []))
    rows = []
    for binding in document.get("results", {}).get("bindings", []):
        row = []
        for variable in variables:
            value = binding.get(variable)
            if value is None:
                row.append(None)
            elif value["type"] == "uri":
                row.append(Term("uri", value["value"]))
            elif value["type"] == "bnode":
                row.append(Term("bnode", value["value"]))
            else:
                row.append(literal_term(value["value"], value.get("datatype", ""), value.get("xml:lang", "")))
        rows.append(tuple(row))
    return Results(variables, tuple(rows))


def _opener(url: str) -> urllib.request.OpenerDirector:
    """A URL opener that answers Basic and Digest challenges with PLANKG_SPARQL_USER /
    PLANKG_SPARQL_PASSWORD when they are set (Fuseki with a password, Virtuoso's -auth endpoints)."""
    user = os.environ.get("PLANKG_SPARQL_USER")
    if not user:
        return urllib.request.build_opener()
    passwords = urllib.request.HTTPPasswordMgrWithDefaultRealm()
    parts = urllib.parse.urlsplit(url)
    passwords.add_password(None, f"{parts.scheme}://{parts.netloc}/", user, os.environ.get("PLANKG_SPARQL_PASSWORD", ""))
    return urllib.request.build_opener(urllib.request.HTTPBasicAuthHandler(passwords),
                                       urllib.request.HTTPDigestAuthHandler(passwords))


def _http(request: urllib.request.Request, timeout: float, what: str) -> bytes:
    try:
        with _opener(request.full_url).open(request, timeout=timeout) as response:
            return response.read()
    except urllib.error.HTTPError as exc:
        detail = exc.read().decode("utf-8", "replace").strip()[:500]
        raise QueryError(f"{what} answered HTTP {exc.code} {exc.reason}: {detail}") from exc
    except (urllib.error.URLError, OSError) as exc:
        raise QueryError(f"cannot reach {what}: {getattr(exc, 'reason', exc)}") from exc


# ---------------------------------------------------------------- the Oxigraph store


def store_sources(out_dir: Path) -> list[Path]:
    """The RDF files of a build folder that belong in its store: graph.ttl, then analysis.ttl."""
    return [p for p in (out_dir / "graph.ttl", out_dir / "analysis.ttl") if p.is_file()]


def write_store(source, store_dir: Path) -> int:
    """Build an Oxigraph store at ``store_dir`` from RDF files, an rdflib Graph, or N-Triples
    bytes/stream; atomically (built beside it, then swapped in). Returns the number of triples."""
    import pyoxigraph as ox

    store_dir = Path(store_dir)
    started_ns = time.time_ns()
    tmp_dir = _new_store_dir(store_dir)
    files: list[str] = []
    digests: dict[str, dict] = {}
    try:
        store = ox.Store(str(tmp_dir))
        if isinstance(source, (str, Path)) or (isinstance(source, (list, tuple)) and
                                                all(isinstance(p, (str, Path)) for p in source)):
            paths = [Path(source)] if isinstance(source, (str, Path)) else [Path(p) for p in source]
            for path in paths:
                if not path.is_file():
                    raise QueryError(f"graph file '{path}' does not exist")
                fmt = ox.RdfFormat.from_extension(path.suffix.lstrip(".")) or ox.RdfFormat.TURTLE
                try:
                    store.bulk_load(path=str(path), format=fmt)
                except SyntaxError as exc:
                    raise QueryError(f"cannot load graph file '{path}': {exc}") from exc
                files.append(_manifest_name(path, store_dir))
                digests[files[-1]] = file_stamp(path)
        elif hasattr(source, "serialize"):  # an rdflib Graph
            store.bulk_load(input=source.serialize(format="nt", encoding="utf-8"), format=ox.RdfFormat.N_TRIPLES)
        else:  # N-Triples as bytes, str or a binary stream
            store.bulk_load(input=source, format=ox.RdfFormat.N_TRIPLES)
        store.flush()
        count = len(store)
        del store  # closed before it is moved
        _publish_store(tmp_dir, store_dir, {"built_ns": started_ns, "files": files, "triples": count,
                                            "digests": digests, "layout": UPDATABLE if files else ""})
        return count
    except BaseException:
        shutil.rmtree(tmp_dir, ignore_errors=True)
        raise


def _new_store_dir(store_dir: Path) -> Path:
    """An empty folder beside ``store_dir`` where a new store is built before it is swapped in."""
    store_dir.parent.mkdir(parents=True, exist_ok=True)
    return Path(tempfile.mkdtemp(prefix=f".{store_dir.name}.new-", dir=store_dir.parent))


def _publish_store(tmp_dir: Path, store_dir: Path, manifest: dict) -> None:
    """Record the manifest of a (closed) store built in ``tmp_dir`` and swap it in as ``store_dir``."""
    (tmp_dir / STORE_MANIFEST).write_text(json.dumps(manifest, ensure_ascii=False, indent=1), encoding="utf-8")
    _swap_in(tmp_dir, store_dir)


class StoreLoader:
    """A new Oxigraph store at ``store_dir`` loaded from Turtle while the Turtle is being written.

    ``write`` sends text through a pipe to ``bulk_load`` running in a thread (Oxigraph parses
    and indexes without the GIL, so the load overlaps the work that produces the text);
    ``commit`` finishes the load and swaps the store in, naming ``source_name`` (the file the
    same text went to) in its manifest; ``abort`` discards it.
    """

    def __init__(self, store_dir: Path, source_name: str = "graph.ttl"):
        import pyoxigraph as ox

        self.store_dir, self.source_name = Path(store_dir), source_name
        self.tmp_dir = _new_store_dir(self.store_dir)
        self.store = ox.Store(str(self.tmp_dir))
        self.error: BaseException | None = None
        read_fd, write_fd = os.pipe()  # not inherited by workers: see graph.processes
        self.pipe = os.fdopen(write_fd, "wb", buffering=1 << 20)
        self.thread = threading.Thread(target=self._load, args=(read_fd,), name="store-loader", daemon=True)
        self.thread.start()

    def _load(self, read_fd: int) -> None:
        import pyoxigraph as ox

        with os.fdopen(read_fd, "rb") as stream:  # closed on failure too: the writer then gets EPIPE
            try:
                if Path(f"/dev/fd/{read_fd}").exists():  # Oxigraph reads the pipe itself, without the GIL
                    self.store.bulk_load(path=f"/dev/fd/{read_fd}", format=ox.RdfFormat.TURTLE)
                else:
                    self.store.bulk_load(input=stream, format=ox.RdfFormat.TURTLE)
            except BaseException as exc:  # reported by write/commit in the writing thread
                self.error = exc

    def write(self, text: str) -> None:
        """Send Turtle to the store."""
        try:
            self.pipe.write(text.encode("utf-8"))
        except BrokenPipeError:
            self.abort()
            raise QueryError(f"loading the store failed: {self.error}") from self.error

    def _finish_thread(self) -> None:
        try:
            self.pipe.close()
        except BrokenPipeError:
            pass
        self.thread.join()

    def commit(self) -> int:
        """Finish loading, swap the store in; returns its number of triples."""
        try:
            self._finish_thread()
            if self.error is not None:
                raise QueryError(f"loading the store failed: {self.error}") from self.error
            self.store.flush()
            count = len(self.store)
            del self.store  # closed before it is moved
            source = self.store_dir.parent / self.source_name
            digests = {self.source_name: file_stamp(source)} if source.is_file() else {}
            _publish_store(self.tmp_dir, self.store_dir, {"built_ns": time.time_ns(), "files": [self.source_name],
                                                          "triples": count, "digests": digests,
                                                          "layout": UPDATABLE})
            return count
        except BaseException:
            shutil.rmtree(self.tmp_dir, ignore_errors=True)
            raise

    def abort(self) -> None:
        """Stop loading and remove the half-built store (again: harmless)."""
        self._finish_thread()
        self.__dict__.pop("store", None)
        shutil.rmtree(self.tmp_dir, ignore_errors=True)


def _manifest_name(path: Path, store_dir: Path) -> str:
    """How the manifest names a source file: by name when it sits beside the store (so a
    finished build can be moved into place), else by absolute path."""
    path = Path(path).resolve()
    return path.name if path.parent == Path(store_dir).resolve().parent else str(path)


def add_to_store(store_dir: Path, path: Path) -> int:
    """Load one more graph file into an existing store (e.g. analysis.ttl after the analysis)."""
    import pyoxigraph as ox

    store_dir, path = Path(store_dir), Path(path)
    manifest_path = store_dir / STORE_MANIFEST
    manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    store = ox.Store(str(store_dir))
    fmt = ox.RdfFormat.from_extension(path.suffix.lstrip(".")) or ox.RdfFormat.TURTLE
    store.bulk_load(path=str(path), format=fmt)
    store.flush()
    manifest["files"].append(_manifest_name(path, store_dir))
    manifest.setdefault("digests", {})[manifest["files"][-1]] = file_stamp(path)
    manifest["triples"] = count = len(store)
    manifest["built_ns"] = time.time_ns()
    del store
    manifest_path.write_text(json.dumps(manifest, ensure_ascii=False, indent=1), encoding="utf-8")
    return count


def replace_analysis(store_dir: Path, path: Path, old_turtle: str, new_turtle: str) -> int:
    """Bring a store that holds the previous analysis (see :func:`update_store`) to ``path``
    (analysis.ttl): the triples of the scopes analysed again, ``old_turtle``, replaced by
    ``new_turtle`` (both after the prefixes of ``path``); returns the store's number of triples."""
    import pyoxigraph as ox

    store_dir, path = Path(store_dir), Path(path)
    manifest = store_manifest(store_dir)
    store = ox.Store(str(store_dir))
    header = _prefixes(path)
    count = int(manifest.get("triples", 0)) + _apply(store, old_turtle, new_turtle, header)
    store.flush()
    del store
    name = _manifest_name(path, store_dir)
    manifest.pop("previous_analysis", None)
    manifest["files"].append(name)
    manifest.setdefault("digests", {})[name] = file_stamp(path)
    manifest.update(triples=count, built_ns=time.time_ns())
    (store_dir / STORE_MANIFEST).write_text(json.dumps(manifest, ensure_ascii=False, indent=1), encoding="utf-8")
    return count


def _prefixes(path: Path) -> str:
    """The prefix declarations at the start of a Turtle file."""
    lines = []
    with Path(path).open(encoding="utf-8") as handle:
        for line in handle:
            if not line.startswith("@prefix"):
                break
            lines.append(line)
    return "".join(lines)


def is_updatable(store_dir: Path) -> bool:
    """Whether a store was loaded from its graph files as they were written (so a build can update it)."""
    return store_manifest(store_dir).get("layout") == UPDATABLE and (Path(store_dir) / "CURRENT").is_file()


def update_store(previous: Path, store_dir: Path, change, source_name: str = "graph.ttl") -> int:
    """A new store at ``store_dir``: a checkpoint of the ``previous`` one (its files hard-linked) with
    the triples of ``change.removed`` taken out and those of ``change.added`` put in (Turtle with
    the prefixes of graph.ttl). It still holds the previous analysis (``previous_analysis`` in its
    manifest) until :func:`replace_analysis` brings in the new one."""
    import pyoxigraph as ox

    holder = _new_store_dir(Path(store_dir))
    tmp_dir = holder / "store"
    try:
        ox.Store.read_only(str(previous)).backup(str(tmp_dir))
        store = ox.Store(str(tmp_dir))
        count = int(store_manifest(previous).get("triples", 0)) + _apply(store, change.removed, change.added)
        store.flush()
        del store   # closed before it is moved
        source = Path(store_dir).parent / source_name
        carried = "analysis.ttl" in store_manifest(previous).get("files", [])
        _publish_store(tmp_dir, Path(store_dir), {"built_ns": time.time_ns(), "files": [source_name],
                                                  "triples": count, "digests": {source_name: file_stamp(source)},
                                                  "layout": UPDATABLE, "previous_analysis": carried})
        return count
    finally:
        shutil.rmtree(holder, ignore_errors=True)


def _apply(store, removed: str, added: str, header: str = "") -> int:
    """Take out the triples of the Turtle ``removed`` that ``added`` does not state and put in those
    of ``added`` that ``removed`` does not (both read after the prefixes of graph.ttl and ``header``);
    triples written alike in both are compared as text and never parsed. Returns the change in the
    number of triples."""
    import pyoxigraph as ox

    old, new = _changed_lines(removed, added)
    change = 0
    for lines, adding in ((old - new, False), (new - old, True)):
        text = _turtle_header() + header + "\n".join(sorted(lines)) + "\n"
        for t in ox.parse(input=text.encode("utf-8"), format=ox.RdfFormat.TURTLE):
            quad = ox.Quad(t.subject, t.predicate, t.object, ox.DefaultGraph())
            if (quad in store) == adding:
                continue
            if adding:
                store.add(quad)
            else:
                store.remove(quad)
            change += 1 if adding else -1
    return change


def _changed_lines(removed: str, added: str) -> tuple[set[str], set[str]]:
    """The triple lines (see :func:`_triple_lines`) only ``removed`` states, and those only ``added``
    states. Statements written alike in both are set aside whole, unless another statement about
    their subject changed; only the other statements are cut into lines."""
    old, new = set(_statements(removed)), set(_statements(added))
    gone, came = old - new, new - old
    touched = {s.partition(" ")[0] for s in gone | came}
    kept = _triple_lines("\n".join(s for s in old & new if s.partition(" ")[0] in touched))
    gone_lines, came_lines = _triple_lines("\n".join(gone)), _triple_lines("\n".join(came))
    return gone_lines - came_lines - kept, came_lines - gone_lines - kept


def _statements(turtle: str) -> list[str]:
    """The statements of Turtle as plankg writes it (each begins a line with its subject)."""
    return [s.strip() for s in re.split(r"\n(?=\S)", turtle) if s.strip() and not s.startswith("@prefix")]


def _triple_lines(turtle: str) -> set[str]:
    """The triples of Turtle as plankg writes it (a statement per subject, a predicate and object
    a line; N-Triples too), each as one ``subject predicate object .`` line."""
    out, subject = set(), ""
    for line in turtle.splitlines():
        if not line.strip() or line.startswith("@prefix"):
            continue
        if line.startswith("    "):
            rest = line[4:]
        else:
            subject, _, rest = line.partition(" ")
        out.add(f"{subject} {rest[:-2]} .")   # every line ends with " ;" or " ."
    return out


def _turtle_header() -> str:
    from graph.model import TURTLE_HEADER

    return TURTLE_HEADER


def _swap_in(new_dir: Path, target: Path) -> None:
    """Replace ``target`` by ``new_dir`` with two renames; the old copy is removed afterwards."""
    old_dir = None
    if target.exists():
        old_dir = Path(tempfile.mkdtemp(prefix=f".{target.name}.old-", dir=target.parent))
        os.replace(target, old_dir / target.name)
    os.replace(new_dir, target)
    if old_dir is not None:
        shutil.rmtree(old_dir, ignore_errors=True)


def build_store(out_dir: Path) -> int:
    """(Re)build ``DIR/store`` from ``DIR/graph.ttl`` and ``DIR/analysis.ttl`` (when present)."""
    sources = store_sources(Path(out_dir))
    if not sources:
        raise QueryError(f"no graph.ttl in '{out_dir}': run `plankg build --out {out_dir}` first")
    return write_store(sources, Path(out_dir) / "store")


def store_manifest(store_dir: Path) -> dict:
    """What a store records about the files it was built from (``{}`` when unreadable)."""
    try:
        manifest = json.loads((Path(store_dir) / STORE_MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return manifest if isinstance(manifest, dict) else {}


def file_stamp(path: Path) -> dict:
    """What a store records of a file it was loaded from: size, modification time and SHA-256."""
    path = Path(path)
    stat = path.stat()
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return {"size": stat.st_size, "mtime_ns": stat.st_mtime_ns, "sha256": digest.hexdigest()}


def _same_file(path: Path, stamp: dict) -> bool:
    """Whether ``path`` is the file ``stamp`` describes (hashed only when size or time changed)."""
    try:
        stat = path.stat()
    except OSError:
        return False
    if stat.st_size != stamp.get("size"):
        return False
    return stat.st_mtime_ns == stamp.get("mtime_ns") or file_stamp(path)["sha256"] == stamp.get("sha256")


def store_mismatch(folder: Path) -> str:
    """Why the store in ``folder`` does not hold its graph files ("" when it does): a file it was
    loaded from changed or is gone, or a graph file beside it was never loaded."""
    folder = Path(folder)
    manifest = store_manifest(folder / "store")
    recorded = manifest.get("files") if isinstance(manifest.get("files"), list) else []
    digests = manifest.get("digests") if isinstance(manifest.get("digests"), dict) else {}
    for name in recorded:
        path = Path(name) if os.path.isabs(name) else folder / name
        if name not in digests:  # a store from before digests were recorded: compare times
            if not path.is_file() or path.stat().st_mtime_ns > int(manifest.get("built_ns", 0)):
                return f"{name} changed since the store was built"
        elif not _same_file(path, digests[name]):
            return f"{name} is not the file the store was loaded from" if path.is_file() else f"{name} is gone"
    missing = [p.name for p in store_sources(folder) if p.name not in recorded]
    return f"{', '.join(missing)} never loaded into the store" if missing else ""


def check_store(folder: Path) -> None:
    """Refuse a store that does not hold the graph files beside it (a folder mixing two builds)."""
    if not (Path(folder) / "store").is_dir():
        return  # open_store says what to do
    problem = store_mismatch(folder)
    if problem:
        raise QueryError(f"the store in '{folder}' does not match its graph files ({problem}): the folder "
                         f"mixes two builds. Run `plankg build` again, or query the files with --graph")


def open_store(store_dir: Path, read_only: bool = True):
    """Open an Oxigraph store on disk (read-only by default, so several readers can share it)."""
    import pyoxigraph as ox

    store_dir = Path(store_dir)
    if not (store_dir / "CURRENT").is_file():
        raise QueryError(f"no Oxigraph store at '{store_dir}': run `plankg build` first, "
                         "or query a Turtle file with --graph FILE.ttl")
    try:
        return ox.Store.read_only(str(store_dir)) if read_only else ox.Store(str(store_dir))
    except OSError as exc:
        raise QueryError(f"cannot open the Oxigraph store at '{store_dir}': {exc}") from exc


def dump_store(store_dir: Path, output) -> None:
    """Write the default graph of a store as N-Triples to a binary stream or path."""
    import pyoxigraph as ox

    open_store(store_dir).dump(output, format=ox.RdfFormat.N_TRIPLES, from_graph=ox.DefaultGraph())


# ---------------------------------------------------------------- Graph Store Protocol


def push_graph(endpoint: str, ntriples_path: Path, graph_iri: str = DEFAULT_GRAPH_IRI,
               graph_param: str = "graph", timeout: float = 600.0) -> int:
    """PUT an N-Triples file into the named graph ``graph_iri`` of a SPARQL 1.1 Graph Store
    Protocol endpoint, replacing what the graph held. ``graph_param`` names the query parameter
    that carries the graph IRI (``graph`` in the standard; ``graph-uri`` for Virtuoso).
    Returns the HTTP status."""
    if not _IRI.fullmatch(graph_iri):
        raise QueryError(f"graph IRI '{graph_iri}' is not an absolute IRI")
    separator = "&" if urllib.parse.urlparse(endpoint).query else "?"
    url = endpoint + separator + urllib.parse.urlencode({graph_param: graph_iri})
    body = Path(ntriples_path).read_bytes()  # bytes, so an authentication challenge can be answered
    request = urllib.request.Request(url, data=body, method="PUT",
                                     headers={"Content-Type": "application/n-triples"})
    try:
        with _opener(url).open(request, timeout=timeout) as response:
            return response.status
    except urllib.error.HTTPError as exc:
        detail = exc.read().decode("utf-8", "replace").strip()[:500]
        raise QueryError(f"graph store {endpoint} answered HTTP {exc.code} {exc.reason}: {detail}") from exc
    except (urllib.error.URLError, OSError) as exc:
        raise QueryError(f"cannot reach graph store {endpoint}: {getattr(exc, 'reason', exc)}") from exc


# ---------------------------------------------------------------- result formatting


def format_results(results: Results, fmt: str) -> str:
    """Results as ``table`` (aligned, CJK-aware), ``csv``, ``tsv`` or ``json`` (row objects)."""
    if fmt == "csv":
        return _delimited(results, ",")
    if fmt == "tsv":
        return _delimited(results, "\t")
    if fmt == "json":
        rows = [{v: (t.to_python() if t is not None else None) for v, t in zip(results.variables, row)}
                for row in results.rows]
        return json.dumps(rows, ensure_ascii=False, indent=1) + "\n"
    if fmt == "table":
        return _table(results)
    raise QueryError(f"unknown format '{fmt}' (use one of {', '.join(FORMATS)})")


def _delimited(results: Results, delimiter: str) -> str:
    buffer = io.StringIO()
    if delimiter == ",":
        writer = csv.writer(buffer, lineterminator="\r\n")
        writer.writerow(results.variables)
        writer.writerows([t.value if t is not None else "" for t in row] for row in results.rows)
        return buffer.getvalue()
    escape = str.maketrans({"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"})
    lines = ["\t".join(results.variables)]
    lines += ["\t".join((t.value if t is not None else "").translate(escape) for t in row) for row in results.rows]
    return "\n".join(lines) + "\n"


TABLE_CELL_WIDTH = 60


def display_width(text: str) -> int:
    """Columns the text takes in a terminal (wide and full-width characters count 2)."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 0 if unicodedata.combining(c) else 1
               for c in text)


def _fit(text: str, width: int) -> str:
    text = " ".join(text.split())
    if display_width(text) <= width:
        return text
    out, used = [], 0
    for char in text:
        w = display_width(char)
        if used + w > width - 1:
            break
        out.append(char)
        used += w
    return "".join(out) + "…"


def _pad(text: str, width: int) -> str:
    return text + " " * (width - display_width(text))


def _table(results: Results) -> str:
    header = list(results.variables)
    body = [[_fit(t.value if t is not None else "", TABLE_CELL_WIDTH) for t in row] for row in results.rows]
    widths = [max([display_width(h)] + [display_width(r[i]) for r in body]) for i, h in enumerate(header)]
    lines = ["  ".join(_pad(h, w) for h, w in zip(header, widths)).rstrip(),
             "  ".join("-" * w for w in widths)]
    lines += ["  ".join(_pad(c, w) for c, w in zip(row, widths)).rstrip() for row in body]
    lines.append(f"({len(body)} row{'s' if len(body) != 1 else ''})")
    return "\n".join(lines) + "\n"
