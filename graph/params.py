"""Parameters of library queries: what each query's header declares, and checks of given values.

A library query declares its parameters in its header (``# Parameters: metric (required): a
metric label …``). A required parameter left out, a parameter the query does not declare, or a
region, unit, metric or plan name the graph does not hold is refused with a message that names
the closest known values.
"""
from __future__ import annotations

import difflib
import re
from dataclasses import dataclass

from graph.store import (Binding, QueryError, QuerySource, Term, bind_with_values, list_queries, read_description,
                         read_query)

_PARAM = re.compile(r"\b([A-Za-z_][A-Za-z0-9_]*) \((required|optional)\): ")
_PREFIXES = ("PREFIX plankg: <https://w3id.org/plankg/ns#>\nPREFIX skos: <http://www.w3.org/2004/02/skos/core#>\n"
             "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\nPREFIX dcterms: <http://purl.org/dc/terms/>\n")
# the names a parameter of each kind may take, as SPARQL over the built graph (?v)
KNOWN_VALUES = {
    "region": "SELECT DISTINCT ?v ?within WHERE { ?x plankg:region ?r . ?r rdfs:label ?v "
              "OPTIONAL { ?r plankg:parentRegion ?p . ?p rdfs:label ?within } }",
    "unit": "SELECT DISTINCT ?v WHERE { ?u a plankg:Unit ; skos:prefLabel ?v }",
    "metric": "SELECT DISTINCT ?v WHERE { { ?c skos:prefLabel|skos:altLabel ?v . ?i plankg:metric ?c } "
              "UNION { ?i plankg:metricName ?v } }",
    "plan": "SELECT DISTINCT ?v WHERE { ?p a plankg:Plan ; dcterms:title ?v }",
}
NOUNS = {"region": "region", "unit": "unit", "metric": "metric", "plan": "plan title"}


class ParameterError(QueryError):
    """A parameter is missing, unknown or matches nothing; the message says what would work."""


@dataclass(frozen=True)
class QueryParameter:
    """A parameter a library query declares in its header."""

    name: str
    required: bool
    meaning: str


def declared_parameters(description: tuple[str, ...]) -> list[QueryParameter]:
    """The parameters of a query's ``Parameters:`` header lines (none when it declares none)."""
    text, inside = "", False
    for line in description:
        if line.startswith("Parameters:"):
            inside, line = True, line[len("Parameters:"):]
        elif inside and re.match(r"[A-Z][a-z]+:", line):
            break
        if inside:
            text += " " + line.strip()
    found = list(_PARAM.finditer(text))
    params = []
    for match, following in zip(found, found[1:] + [None]):
        meaning = text[match.end():following.start() if following else len(text)].strip().rstrip(";.").strip()
        params.append(QueryParameter(match.group(1), match.group(2) == "required", meaning))
    return params


def params_of(text: str) -> list[QueryParameter]:
    """The declared parameters of a query file (of the library or not) from its header."""
    return declared_parameters(read_description(text))


def suggest(value: str, known: list[str], n: int = 3) -> list[str]:
    """Known values close to ``value``: those containing it or contained in it, then the most alike."""
    inside = [k for k in known if value and (value in k or k in value)]
    alike = difflib.get_close_matches(value, known, n=n, cutoff=0.5)
    return list(dict.fromkeys(sorted(inside, key=lambda k: (abs(len(k) - len(value)), k)) + alike))[:n]


def check_required(name: str, params: list[QueryParameter], bindings: list[Binding]) -> None:
    """Refuse a required parameter left out, or one the query does not declare."""
    given = {b.name for b in bindings}
    declared = {p.name for p in params}
    for param in params:
        if param.required and param.name not in given:
            raise ParameterError(f"query '{name}' needs --param {param.name}=VALUE: {param.meaning}")
    extras = sorted(given - declared) if params else []   # a query that declares none may bind any variable
    for extra in extras:
        close = difflib.get_close_matches(extra, sorted(declared), n=1)
        hint = f"; did you mean '{close[0]}'?" if close else ""
        wanted = ", ".join(f"{p.name} ({'required' if p.required else 'optional'})" for p in params)
        raise ParameterError(f"query '{name}' has no parameter '{extra}'{hint} (it takes: {wanted})")


def check_values(source: QuerySource, bindings: list[Binding]) -> None:
    """Refuse a region, unit, metric or plan name that the graph does not hold, naming the closest ones."""
    for binding in bindings:
        kind = binding.name if binding.name in KNOWN_VALUES else ""
        if not kind or binding.term.kind != "literal":
            continue
        value = binding.term.value
        if kind in ("unit", "plan") and re.match(r"[a-z][a-z0-9+.-]*:", value):
            continue   # an IRI given as text: the query compares it as is
        rows = source.run(_PREFIXES + KNOWN_VALUES[kind]).values()
        known = sorted({row["v"] for row in rows})
        if value in known:
            continue
        within = sorted({row["v"] for row in rows if row.get("within") == value})
        close = suggest(value, known)
        hint = (f"regions within it: {'、'.join(within)}" if within else
                f"did you mean {' or '.join(close)}?" if close else
                f"known: {'、'.join(known[:12])}{' …' if len(known) > 12 else ''}")
        raise ParameterError(f"no {NOUNS[kind]} '{value}' in the graph; {hint}")


def library_entries() -> list[dict]:
    """The query library for a query page: name, summary, text, declared parameters and the offset
    in the text where a ``VALUES`` block binding them goes (-1 when the query has no WHERE group)."""
    entries = []
    for item in list_queries():
        text = read_query(item.path)
        try:
            marked = bind_with_values(text, [Binding("plankg_marker", Term("literal", ""))])
            where = marked.index(" VALUES (?plankg_marker)")
        except QueryError:
            where = -1
        params = [{"name": p.name, "required": p.required, "meaning": p.meaning}
                  for p in declared_parameters(item.description)]
        entries.append({"name": item.name, "summary": item.summary, "text": text, "params": params, "where": where})
    return entries
