"""plankg: government plans, tasks, indicators and units as an RDF knowledge graph.

Pipeline, one module per stage, data flowing one way::

    ingest → structure → units → agencies (+ indicators) → model → store → analysis → views

``cli`` sits on top. Stages exchange the dataclasses of :mod:`graph.records`.
"""

__version__ = "0.1.0"
