"""Graphs on disk, the embedded Oxigraph store, and SPARQL over rdflib, Oxigraph or a remote endpoint.

In: graph files and build folders, queries (library names or ``.rq`` files) with typed parameters,
remote endpoint URLs. Out: query ``Results`` and their text formats; stores built, updated, checked
and pushed. Callers import from ``graph.store``, which re-exports the public names of its modules:

- ``errors``: ``QueryError``, the error of every module, and ``UnknownQuery``;
- ``terms``: ``Term`` and ``Results``, independent of the engine, and conversions to and from it;
- ``querytext``: a query's form (UPDATE refused), its ``SERVICE`` clauses, its WHERE group;
- ``binding``: ``NAME[:TYPE]=VALUE`` parameters as typed terms, bound in a ``VALUES`` block;
- ``library``: the query library, ``queries/*.rq``, by name;
- ``manifest``: what a store records of its graph files, and whether it still holds them;
- ``lifecycle``: an Oxigraph store built (also while its Turtle is written), loaded, opened, dumped;
- ``updates``: a store updated from the previous build's store;
- ``sources``: SPARQL over an rdflib Graph or the store on disk;
- ``remote``: SPARQL endpoints and Graph Store Protocol pushes over HTTP;
- ``formats``: results as a table, CSV, TSV or JSON.

Query parameters are bound as RDF terms, never spliced into the query text as user text:
rdflib gets them as ``initBindings``; Oxigraph and remote endpoints get a ``VALUES`` block,
built from terms serialised by pyoxigraph, at the start of the query's ``WHERE`` group
(pyoxigraph 0.5's ``substitutions=`` only accepts projected variables, so it cannot bind a
filter-only parameter such as ``?region`` in an aggregate query).
"""
from __future__ import annotations

from pathlib import Path

from graph.store.binding import PARAM_TYPES, Binding, bind_with_values, check_bindings, parse_param
from graph.store.errors import QueryError, UnknownQuery
from graph.store.formats import FORMATS, TABLE_CELL_WIDTH, display_width, format_results
from graph.store.library import (QUERIES_DIR, LibraryQuery, list_queries, read_description, read_query,
                                 resolve_query)
from graph.store.lifecycle import StoreLoader, add_to_store, build_store, dump_store, open_store, write_store
from graph.store.manifest import (STORE_MANIFEST, UPDATABLE, check_store, file_stamp, is_updatable, store_manifest,
                                  store_mismatch, store_sources)
from graph.store.querytext import QUERY_FORMS, UPDATE_WORDS, query_form, uses_service
from graph.store.remote import DEFAULT_GRAPH_IRI, RemoteSource, parse_sparql_json, push_graph
from graph.store.sources import OxigraphSource, QuerySource, RdflibSource, load_graph, save_graph
from graph.store.terms import RDF_LANG_STRING, XSD, Results, Term, literal_term, term_to_sparql
from graph.store.updates import analysis_into_store, replace_analysis, store_analysis, update_store

PROJECT_ROOT = Path(__file__).resolve().parent.parent.parent

__all__ = [
    "PROJECT_ROOT",
    # errors
    "QueryError", "UnknownQuery",
    # terms
    "XSD", "RDF_LANG_STRING", "Term", "literal_term", "Results", "term_to_sparql",
    # querytext
    "QUERY_FORMS", "UPDATE_WORDS", "query_form", "uses_service",
    # binding
    "PARAM_TYPES", "Binding", "parse_param", "check_bindings", "bind_with_values",
    # library
    "QUERIES_DIR", "LibraryQuery", "read_description", "list_queries", "resolve_query", "read_query",
    # manifest
    "STORE_MANIFEST", "UPDATABLE", "store_sources", "store_manifest", "file_stamp", "store_mismatch",
    "check_store", "is_updatable",
    # lifecycle
    "write_store", "StoreLoader", "add_to_store", "build_store", "open_store", "dump_store",
    # updates
    "replace_analysis", "update_store", "store_analysis", "analysis_into_store",
    # sources
    "QuerySource", "load_graph", "save_graph", "RdflibSource", "OxigraphSource",
    # remote
    "DEFAULT_GRAPH_IRI", "RemoteSource", "parse_sparql_json", "push_graph",
    # formats
    "FORMATS", "format_results", "TABLE_CELL_WIDTH", "display_width",
]
