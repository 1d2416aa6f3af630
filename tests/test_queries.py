"""The query library on the built corpus: every query returns rows, rdflib and Oxigraph agree,
and ``plankg query`` prints them."""
from __future__ import annotations

import csv
import io
import json
import re

import pytest
from click.testing import CliRunner

from graph import store
from graph.cli import cli
from sparql_corpus import build_output, graph_files

LIBRARY = store.list_queries()

# How a test finds a value for a required parameter: a query over the built graph itself.
PREFIXES = """PREFIX plankg: <https://w3id.org/plankg/ns#> PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX dcterms: <http://purl.org/dc/terms/> PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>"""
PICKERS = {
    "plan": "SELECT ?v WHERE { ?p a plankg:Plan ; dcterms:title ?v ; plankg:hasTask ?t . ?a plankg:ofTask ?t }"
            " GROUP BY ?v ORDER BY DESC(COUNT(?a)) ?v LIMIT 1",
    "unit": "SELECT ?v WHERE { ?u skos:prefLabel ?v . ?a prov:agent ?u ; prov:hadRole plankg:Lead }"
            " GROUP BY ?v ORDER BY DESC(COUNT(?a)) ?v LIMIT 1",
    "item": "SELECT ?v WHERE { ?t a plankg:Task ; dcterms:title ?v ; plankg:quote ?q . ?a plankg:ofTask ?t ;"
            " plankg:quote ?aq } ORDER BY ?v LIMIT 1",
    "region": "SELECT ?v WHERE { ?u a plankg:Unit ; plankg:region ?r . ?r rdfs:label ?v . ?a prov:agent ?u ;"
              " prov:hadRole plankg:Lead } GROUP BY ?v ORDER BY DESC(COUNT(?a)) ?v LIMIT 1",
    "metric": "SELECT ?v WHERE { ?i a plankg:Indicator ; plankg:metric ?m . ?m skos:prefLabel ?l BIND(STR(?l) AS ?v) }"
              " GROUP BY ?v ORDER BY DESC(COUNT(?i)) ?v LIMIT 1",
}


def required_params(query: store.LibraryQuery) -> list[str]:
    """Parameter names the query's header marks ``(required)``."""
    text = " ".join(query.description)
    return re.findall(r"([A-Za-z_][A-Za-z0-9_]*) \(required\)", text)


@pytest.fixture(scope="session")
def built(tmp_path_factory):
    out_dir, kind = build_output(tmp_path_factory.mktemp("sparql"))
    return {"out": out_dir, "kind": kind,
            "oxigraph": store.OxigraphSource.open(out_dir / "store"),
            "rdflib": store.RdflibSource.from_files(graph_files(out_dir))}


def params_for(query: store.LibraryQuery, source) -> list[store.Binding]:
    bindings = []
    for name in required_params(query):
        assert name in PICKERS, f"{query.name}: no way to pick a value for the required parameter '{name}'"
        rows = source.run(PREFIXES + PICKERS[name]).rows
        assert rows, f"{query.name}: the graph has no value for parameter '{name}'"
        bindings.append(store.Binding(name, rows[0][0]))
    return bindings


def needs_analysis(query: store.LibraryQuery) -> bool:
    return "analysis" in " ".join(query.description).lower()


def test_the_library_has_at_least_twelve_documented_queries():
    assert len(LIBRARY) >= 12
    for query in LIBRARY:
        text = " ".join(query.description)
        assert query.description, f"{query.name} has no description comment"
        assert "Columns:" in text and "Parameters:" in text, f"{query.name}: say its parameters and columns"


@pytest.mark.parametrize("query", LIBRARY, ids=[q.name for q in LIBRARY])
def test_library_query_returns_rows_and_engines_agree(built, query):
    text = store.read_query(query.path)
    bindings = params_for(query, built["oxigraph"])
    oxigraph = built["oxigraph"].run(text, bindings)
    rdflib = built["rdflib"].run(text, bindings)
    if not oxigraph.rows and needs_analysis(query) and not (built["out"] / "analysis.ttl").exists():
        pytest.skip("the build wrote no analysis.ttl, so there are no analysis triples to ask for")
    assert oxigraph.rows, f"{query.name} returned no rows on the {built['kind']}"
    assert oxigraph.variables == rdflib.variables
    assert sorted(oxigraph.rows, key=repr) == sorted(rdflib.rows, key=repr)
    declared = re.search(r"Columns:\s*(.*)", " ".join(query.description)).group(1)
    for variable in oxigraph.variables:
        assert re.search(rf"\b{variable}\b", declared), f"{query.name}: column {variable} is not documented"


def test_region_parameter_narrows_lead_load(built):
    text = store.read_query(store.resolve_query("lead-load"))
    everything = built["oxigraph"].run(text)
    regions = sorted({row[0].value for row in everything.rows})
    narrowed = built["oxigraph"].run(text, [store.parse_param(f"region={regions[0]}")])
    assert narrowed.rows and {row[0].value for row in narrowed.rows} == {regions[0]}
    assert len(narrowed.rows) == sum(1 for row in everything.rows if row[0].value == regions[0])


def test_lead_counts_agree_with_tasks_of_each_unit(built):
    lead_load = built["oxigraph"].run(store.read_query(store.resolve_query("lead-load")))
    top = lead_load.dicts()[0]
    tasks = built["oxigraph"].run(store.read_query(store.resolve_query("unit-tasks")),
                                  [store.Binding("unit", top["unit_iri"])])
    led = {row["task"].value for row in tasks.dicts() if row["role"].value == "lead"}
    assert len(led) == int(top["lead"].value) > 0


# ---------------------------------------------------------------- the command line


def run_cli(*args: str):
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def test_cli_list_shows_every_query_with_its_description():
    result = run_cli("query", "--list")
    assert result.exit_code == 0
    for query in LIBRARY:
        assert query.name in result.output and query.summary in result.output


def test_cli_store_and_rdflib_print_the_same_csv(built):
    by_store = run_cli("query", "lead-load", "--format", "csv", "--out", str(built["out"]))
    by_graph = run_cli("query", "lead-load", "--format", "csv",
                       *[arg for f in graph_files(built["out"]) for arg in ("--graph", str(f))])
    assert by_store.exit_code == 0 and by_graph.exit_code == 0
    rows = list(csv.DictReader(io.StringIO(by_store.output)))
    assert rows and {"region", "unit", "lead"} <= set(rows[0])
    assert sorted(by_store.output.splitlines()) == sorted(by_graph.output.splitlines())


def test_cli_binds_a_hostile_value_as_text(built):
    result = run_cli("query", "source-text", "--param", 'item="} ; DROP ALL ; {"', "--format", "json",
                     "--out", str(built["out"]))
    assert result.exit_code == 0 and json.loads(result.output) == []
    refused = run_cli("query", "tasks-of-plan", "--param", 'plan="} ; DROP ALL ; {"', "--out", str(built["out"]))
    assert refused.exit_code == 2 and "no plan title '\"} ; DROP ALL ; {\"' in the graph" in refused.output
    assert run_cli("query", "lead-load", "-f", "json", "--out", str(built["out"])).output.count("unit_iri") > 0


@pytest.mark.parametrize("name", ["../graph/cli", "/etc/passwd", "queries/../../x", "..\\x"])
def test_cli_refuses_names_outside_the_library(name):
    result = CliRunner().invoke(cli, ["query", name])
    assert result.exit_code == 1 and "query name" in result.output


def test_cli_reports_a_missing_store(tmp_path):
    result = CliRunner().invoke(cli, ["query", "lead-load", "--out", str(tmp_path)])
    assert result.exit_code == 1 and "plankg build" in result.output


def test_cli_refuses_two_sources_at_once(tmp_path):
    ttl = tmp_path / "g.ttl"
    ttl.write_text("<http://x/a> <http://x/b> 1 .\n", encoding="utf-8")
    both = CliRunner().invoke(cli, ["query", "lead-load", "--graph", str(ttl), "--endpoint", "http://127.0.0.1:9/q"])
    assert both.exit_code == 2 and "--graph and --endpoint" in both.output
    stray = CliRunner().invoke(cli, ["query", "lead-load", "--graph-iri", "http://x/g"])
    assert stray.exit_code == 2 and "--endpoint" in stray.output
