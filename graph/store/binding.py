"""Query parameters as typed RDF terms, and their binding to a query.

In: ``NAME=VALUE`` or ``NAME:TYPE=VALUE`` text (the command line, a form), and the query's text.
Out: ``Binding`` (a variable name and its term; the value is never read as SPARQL), ``QueryError``
for parameters the query does not use, and the query with a ``VALUES`` block for the bindings at
the start of its WHERE group, built from terms serialised by pyoxigraph. Oxigraph and remote
endpoints get that block; rdflib gets the bindings as ``initBindings``
(:mod:`graph.store.sources`). pyoxigraph 0.5's ``substitutions=`` only accepts projected
variables, so it cannot bind a filter-only parameter such as ``?region`` in an aggregate query.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Sequence

from graph.store.errors import QueryError
from graph.store.querytext import _strip_comments, _where_group_start
from graph.store.terms import _IRI, XSD, Term, literal_term, term_to_sparql

_VARIABLE = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
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
