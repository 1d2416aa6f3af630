"""RDF terms and result rows, independent of the engine that produced them.

In: a lexical form with its datatype or language tag, or a term of rdflib or pyoxigraph.
Out: ``Term`` (numeric and boolean literals in a canonical lexical form, so every engine prints
them alike), ``Results`` (the rows of a SELECT, the ``ask`` row of an ASK, the triples of a
CONSTRUCT), and a term back in SPARQL syntax or as an rdflib or pyoxigraph term.
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

XSD = "http://www.w3.org/2001/XMLSchema#"
RDF_LANG_STRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"
_INTEGER_TYPES = {XSD + t for t in (
    "integer", "int", "long", "short", "byte", "nonNegativeInteger", "positiveInteger",
    "nonPositiveInteger", "negativeInteger", "unsignedInt", "unsignedLong", "unsignedShort",
    "unsignedByte")}
_DECIMAL_TYPES = {XSD + "decimal"}
_FLOAT_TYPES = {XSD + "double", XSD + "float"}
_IRI = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:[^<>\"{}|^`\\\x00-\x20]*")


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


def _from_rdflib(term) -> Term:
    from rdflib import BNode, Literal, URIRef

    if isinstance(term, URIRef):
        return Term("uri", str(term))
    if isinstance(term, BNode):
        return Term("bnode", str(term))
    if isinstance(term, Literal):
        return literal_term(str(term), str(term.datatype or ""), term.language or "")
    return Term("literal", str(term))


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
