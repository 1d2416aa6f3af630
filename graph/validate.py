"""SHACL validation of a built graph against ``ontology/shapes.ttl`` (pyshacl)."""
from __future__ import annotations

from pathlib import Path

from graph.files import data_dir

from rdflib import Graph
from rdflib.namespace import SH

SHAPES_PATH = data_dir("ontology") / "shapes.ttl"


def validate_graph(data: Graph, shapes_path: Path = SHAPES_PATH) -> dict:
    """Validate ``data``; returns ``{"conforms", "violations", "messages"}`` (messages sorted)."""
    from pyshacl import validate

    shapes = Graph().parse(shapes_path, format="turtle")
    conforms, report, _ = validate(data, shacl_graph=shapes, inference="none", advanced=False)
    messages = sorted(
        f"{report.value(r, SH.focusNode)} {report.value(r, SH.resultPath) or ''}: {report.value(r, SH.resultMessage)}"
        for r in report.subjects(SH.resultSeverity, SH.Violation))
    return {"conforms": bool(conforms), "violations": len(messages), "messages": messages[:200]}
