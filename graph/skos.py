"""The SKOS concept schemes of ``ontology/`` (functions.ttl, metrics.ttl) read with rdflib, once per file.

In: a Turtle file. Out: its concepts' Chinese labels as ``(concept IRI, label)`` pairs, and any
other property of a concept, as plain strings, for the stages that match printed names against the
schemes (only this module and ``model`` hold rdflib terms).
"""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import rdflib
from rdflib.namespace import RDF, SKOS


@lru_cache(maxsize=None)
def scheme(path: Path) -> rdflib.Graph:
    """The parsed Turtle file (cached: every caller shares one parse)."""
    return rdflib.Graph().parse(path, format="turtle")


def concepts(path: Path) -> list[rdflib.URIRef]:
    """The file's ``skos:Concept`` subjects, in the order the file lists them."""
    return list(dict.fromkeys(scheme(path).subjects(RDF.type, SKOS.Concept)))


def zh_labels(path: Path) -> list[tuple[str, str]]:
    """``(concept IRI, label)`` for each concept's Chinese prefLabel, then its Chinese altLabels, as the file orders them."""
    graph = scheme(path)
    return [(str(concept), str(label)) for concept in concepts(path)
            for prop in (SKOS.prefLabel, SKOS.altLabel) for label in graph.objects(concept, prop)
            if label.language == "zh"]


def concept_values(path: Path, prop: str) -> dict[str, str]:
    """Concept IRI → the value of property ``prop`` (an IRI) as a string, "" where the concept has none."""
    graph = scheme(path)
    return {str(c): str(graph.value(c, rdflib.URIRef(prop)) or "") for c in concepts(path)}
