"""A built output folder for the SPARQL tests: the shipped corpus when the build works,
else the hand-written graph ``tests/sparql_fixture.ttl`` (docs/DESIGN.md vocabulary).

Built once per test session (cached here) so every SPARQL test module shares it.
"""
from __future__ import annotations

import shutil
import warnings
from pathlib import Path

from graph import store

TESTS_DIR = Path(__file__).resolve().parent
CORPUS_DIR = TESTS_DIR.parent / "corpus"
FIXTURE_TTL = TESTS_DIR / "sparql_fixture.ttl"

_built: dict[str, tuple[Path, str]] = {}


def build_output(tmp_root: Path) -> tuple[Path, str]:
    """An output folder with ``graph.ttl`` (+ ``analysis.ttl`` when analysis ran) and ``store/``;
    and what it was built from: ``"corpus"`` or ``"fixture"``."""
    if "out" in _built:
        return _built["out"]
    out_dir = tmp_root / "sparql-out"
    kind = "fixture"
    try:
        from graph.pipeline import build_corpus  # the lead's build, when it exists
    except ImportError:
        build_corpus = None
    if build_corpus is not None:
        try:
            build_corpus(CORPUS_DIR, out_dir)
        except Exception as exc:  # the build is someone else's work in progress: say so, go on
            warnings.warn(f"corpus build failed ({exc!r}); SPARQL tests use {FIXTURE_TTL.name}")
        if (out_dir / "graph.ttl").is_file():
            kind = "corpus"
            if not (out_dir / "analysis.ttl").is_file():
                run_analysis(out_dir)
    if kind == "fixture":
        shutil.rmtree(out_dir, ignore_errors=True)
        out_dir.mkdir(parents=True)
        shutil.copyfile(FIXTURE_TTL, out_dir / "graph.ttl")
    store.build_store(out_dir)
    _built["out"] = (out_dir, kind)
    return _built["out"]


def run_analysis(out_dir: Path) -> None:
    """``plankg analyze --out DIR``, for the analysis triples (plankg:UnitMeasure) in the store."""
    from click.testing import CliRunner

    from graph.cli import cli

    result = CliRunner().invoke(cli, ["analyze", "--out", str(out_dir), "--quiet"])
    if result.exit_code != 0:
        warnings.warn(f"plankg analyze failed on the corpus build: {result.output or result.exception!r}")


def graph_files(out_dir: Path) -> list[Path]:
    """The RDF files the store of ``out_dir`` was built from (for the rdflib side)."""
    return store.store_sources(out_dir)
