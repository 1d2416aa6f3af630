"""Remote endpoints over HTTP: SPARQL queries (SPARQL 1.1 Protocol) and pushes (Graph Store Protocol).

In: an endpoint URL and a query with its bindings, or an N-Triples file and the IRI of the graph
it replaces; PLANKG_SPARQL_USER / PLANKG_SPARQL_PASSWORD answer Basic and Digest challenges when
set. Out: ``Results`` read from SPARQL JSON results, or the HTTP status of a push; ``QueryError``
naming the endpoint when it cannot be reached or refuses.
"""
from __future__ import annotations

import json
import os
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path
from typing import Sequence

from graph.store.binding import Binding, bind_with_values, check_bindings
from graph.store.errors import QueryError
from graph.store.querytext import query_form
from graph.store.terms import _IRI, XSD, Results, Term, literal_term

DEFAULT_GRAPH_IRI = "https://w3id.org/plankg/id/graph"


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
