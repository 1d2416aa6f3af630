"""Local query sources: SPARQL over an rdflib Graph or over the Oxigraph store on disk.

In: graph files (the format from the suffix) or a store folder; then a query's text and its
bindings. Out: ``Results`` (queries only: UPDATE is refused), and rdflib Graphs read from and
written to disk. ``QuerySource`` is what every source offers, the remote one
(:mod:`graph.store.remote`) too.
"""
from __future__ import annotations

from pathlib import Path
from typing import Iterable, Protocol, Sequence

from graph.files import write_atomically
from graph.store.binding import Binding, bind_with_values, check_bindings
from graph.store.errors import QueryError
from graph.store.lifecycle import open_store
from graph.store.querytext import query_form
from graph.store.terms import XSD, Results, _from_oxigraph, _from_rdflib, _to_rdflib, literal_term


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
