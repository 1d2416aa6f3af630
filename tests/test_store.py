"""graph.store: parameters as typed terms, query names that stay in queries/, the Oxigraph
store, and result formats."""
from __future__ import annotations

import csv
import io
import json
import os
from pathlib import Path

import pytest

from graph import store
from graph.store import Binding, QueryError, Term

INJECTION = '"} ; DROP ALL ; {"'
EX = "http://example.org/"
SMALL_TTL = f"""
@prefix ex: <{EX}> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
ex:a ex:label "甲" ; ex:region "嘉善县" ; ex:value "23.0"^^xsd:decimal ; ex:count "07"^^xsd:integer .
ex:b ex:label {json.dumps(INJECTION)} ; ex:region "洞头区" ; ex:value 2.50 ; ex:count 3 .
ex:c ex:label "line one\\nline\\ttwo, \\"quoted\\"" ; ex:region "嘉善县" .
"""
BY_LABEL = f"PREFIX ex: <{EX}> SELECT ?s ?label WHERE {{ ?s ex:label ?label }}"
BY_REGION = (f"PREFIX ex: <{EX}> SELECT ?region (COUNT(?s) AS ?n) WHERE {{ ?s ex:region ?r . "
             "FILTER(!BOUND(?region) || ?r = ?region) } GROUP BY ?region")


@pytest.fixture(scope="module")
def small_sources(tmp_path_factory):
    """The same small graph behind rdflib and behind an Oxigraph store on disk."""
    folder = tmp_path_factory.mktemp("small")
    ttl = folder / "graph.ttl"
    ttl.write_text(SMALL_TTL, encoding="utf-8")
    store.write_store(ttl, folder / "store")
    return {"rdflib": store.RdflibSource.from_files(ttl), "oxigraph": store.OxigraphSource.open(folder / "store")}


# ---------------------------------------------------------------- parameters


def test_param_is_a_plain_string_literal_by_default():
    binding = store.parse_param("region=嘉善县")
    assert binding == Binding("region", Term("literal", "嘉善县"))
    assert store.parse_param("year=2027").term == Term("literal", "2027")  # no guessing


def test_typed_params():
    assert store.parse_param("year:int=2027").term == Term("literal", "2027", store.XSD + "integer")
    assert store.parse_param("v:decimal=2.50").term == Term("literal", "2.5", store.XSD + "decimal")
    assert store.parse_param("plan:iri=https://w3id.org/plankg/id/plan/x").term.kind == "uri"
    assert store.parse_param("d:date=2024-04-30").term.datatype == store.XSD + "date"
    assert store.parse_param("note=a=b").term.value == "a=b"  # only the first '=' separates


@pytest.mark.parametrize("text", ["region", "year:int=20x7", "x:colour=red", "plan:iri=not an iri",
                                  "plan:iri=http://x/a>b", "1abc=x", "a b=c", "d:date=30/04/2024"])
def test_bad_params_are_refused_with_a_reason(text):
    with pytest.raises(QueryError):
        store.parse_param(text)


def test_values_block_escapes_the_value():
    query = store.bind_with_values(BY_LABEL, [store.parse_param(f"label={INJECTION}")])
    assert r'"\"} ; DROP ALL ; {\""' in query
    assert query.count("DROP ALL") == 1


@pytest.mark.parametrize("engine", ["rdflib", "oxigraph"])
def test_injection_value_is_a_literal(small_sources, engine):
    source = small_sources[engine]
    before = source.run(BY_LABEL)
    matched = source.run(BY_LABEL, [store.parse_param(f"label={INJECTION}")])
    assert [row[0].value for row in matched.rows] == [EX + "b"]  # matched as text, exactly
    assert matched.rows[0][1].value == INJECTION
    assert source.run(BY_LABEL) == before  # nothing was dropped


@pytest.mark.parametrize("engine", ["rdflib", "oxigraph"])
def test_optional_parameter_filters_only_when_given(small_sources, engine):
    source = small_sources[engine]
    everything = {r[0].value if r[0] else None: r[1].value for r in source.run(BY_REGION).rows}
    assert everything == {None: "3"}
    only = source.run(BY_REGION, [store.parse_param("region=嘉善县")])
    assert [(r[0].value, r[1].value) for r in only.rows] == [("嘉善县", "2")]


def test_unknown_and_repeated_params_are_refused(small_sources):
    with pytest.raises(QueryError, match=r"no variable \?nothing"):
        small_sources["oxigraph"].run(BY_LABEL, [store.parse_param("nothing=1")])
    with pytest.raises(QueryError, match="more than once"):
        small_sources["rdflib"].run(BY_LABEL, [store.parse_param("label=a"), store.parse_param("label=b")])


@pytest.mark.parametrize("engine", ["rdflib", "oxigraph"])
@pytest.mark.parametrize("update", ["DROP ALL", f"PREFIX ex: <{EX}> DELETE WHERE {{ ?s ?p ?o }}",
                                    f"INSERT DATA {{ <{EX}x> <{EX}p> 1 }}"])
def test_update_is_refused(small_sources, engine, update):
    with pytest.raises(QueryError, match="UPDATE"):
        small_sources[engine].run(update)


def test_values_block_goes_into_the_where_group_not_a_template():
    construct = f"PREFIX ex: <{EX}> CONSTRUCT {{ ?s ex:tag ?label }} WHERE {{ ?s ex:label ?label }}"
    bound = store.bind_with_values(construct, [store.parse_param("label=甲")])
    assert bound.index("VALUES") > bound.index("WHERE")
    tricky = f'PREFIX ex: <{EX}> # a comment with WHERE {{\nSELECT ("{{" AS ?x) ?s {{ ?s ex:label ?label }}'
    bound = store.bind_with_values(tricky, [store.parse_param("label=甲")])
    assert bound.index("VALUES") > bound.index("?s {")


# ---------------------------------------------------------------- engines agree


def test_engines_agree_on_typed_literals(small_sources):
    query = f"PREFIX ex: <{EX}> SELECT ?s ?value ?count ?double WHERE {{ ?s ex:value ?value ; ex:count ?count . BIND(?value * 2 AS ?double) }}"
    rdflib_rows = sorted(small_sources["rdflib"].run(query).rows)
    assert rdflib_rows == sorted(small_sources["oxigraph"].run(query).rows)
    assert [(r[1].value, r[2].value, r[3].value) for r in rdflib_rows] == [("23", "7", "46"), ("2.5", "3", "5")]


# ---------------------------------------------------------------- the query library


def write_library(folder: Path) -> Path:
    library = folder / "queries"
    library.mkdir()
    (library / "plans.rq").write_text("# All plans.\n# Columns: plan\n\nSELECT ?plan WHERE { ?plan a ?t }\n",
                                      encoding="utf-8")
    return library


def test_library_names_resolve_inside_the_library(tmp_path):
    library = write_library(tmp_path)
    assert store.resolve_query("plans", library) == (library / "plans.rq").resolve()
    assert store.list_queries(library)[0].description == ("All plans.", "Columns: plan")


@pytest.mark.parametrize("name", ["../queries/plans", "..", "/etc/passwd", "sub/plans", "sub\\plans",
                                  "plans.txt", ".hidden", "", "plans\x00"])
def test_query_names_cannot_escape_the_library(tmp_path, name):
    library = write_library(tmp_path)
    with pytest.raises(QueryError):
        store.resolve_query(name, library)


def test_a_symlink_out_of_the_library_is_refused(tmp_path):
    library = write_library(tmp_path)
    outside = tmp_path / "secret.rq"
    outside.write_text("SELECT * WHERE { ?s ?p ?o }", encoding="utf-8")
    os.symlink(outside, library / "evil.rq")
    with pytest.raises(QueryError, match="leaves the query library"):
        store.resolve_query("evil", library)


def test_a_query_file_is_taken_as_given(tmp_path):
    query_file = tmp_path / "mine.rq"
    query_file.write_text("SELECT * WHERE { ?s ?p ?o }", encoding="utf-8")
    assert store.resolve_query(str(query_file)) == query_file
    with pytest.raises(QueryError, match="does not exist"):
        store.resolve_query(str(tmp_path / "missing.rq"))


# ---------------------------------------------------------------- the store on disk


def test_write_store_replaces_a_store_and_tracks_its_sources(tmp_path):
    ttl = tmp_path / "graph.ttl"
    ttl.write_text(SMALL_TTL, encoding="utf-8")
    assert store.build_store(tmp_path) == 10
    assert not store.store_mismatch(tmp_path)
    ttl.write_text(f"<{EX}only> <{EX}p> 1 .\n", encoding="utf-8")
    assert store.store_mismatch(tmp_path)
    assert store.build_store(tmp_path) == 1
    rows = store.OxigraphSource.open(tmp_path / "store").run("SELECT ?s WHERE { ?s ?p ?o }").rows
    assert [r[0].value for r in rows] == [EX + "only"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["graph.ttl", "store"]  # no temp dirs left


def test_analysis_triples_join_the_store(tmp_path):
    (tmp_path / "graph.ttl").write_text(f"<{EX}a> <{EX}p> 1 .\n", encoding="utf-8")
    store.build_store(tmp_path)
    (tmp_path / "analysis.ttl").write_text(f"<{EX}a> <{EX}q> 2 .\n", encoding="utf-8")
    assert store.store_mismatch(tmp_path)
    assert store.build_store(tmp_path) == 2


def test_bad_graph_file_is_named(tmp_path):
    bad = tmp_path / "graph.ttl"
    bad.write_text("<a> <b> .", encoding="utf-8")
    with pytest.raises(QueryError, match="graph.ttl"):
        store.write_store(bad, tmp_path / "store")
    with pytest.raises(QueryError, match="graph.ttl"):
        store.load_graph(bad)
    assert not (tmp_path / "store").exists()


def test_store_loader_loads_turtle_as_it_is_written(tmp_path):
    loader = store.StoreLoader(tmp_path / "store")
    for line in SMALL_TTL.splitlines(keepends=True):  # the text arrives in pieces, as a build writes it
        loader.write(line)
    assert loader.commit() == 10
    rows = store.OxigraphSource.open(tmp_path / "store").run("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }").rows
    assert rows[0][0].value == "10"
    assert json.loads((tmp_path / "store" / store.STORE_MANIFEST).read_text())["files"] == ["graph.ttl"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["store"]


def test_store_loader_reports_bad_turtle_and_leaves_nothing(tmp_path):
    loader = store.StoreLoader(tmp_path / "store")
    with pytest.raises(QueryError, match="loading the store failed"):
        loader.write(f"<{EX}a> <{EX}b> .\n")  # no object
        for _ in range(200):  # more than a pipe holds: the writer must not wait for a dead loader
            loader.write(f"<{EX}a> <{EX}p> " + '"' + "x" * 10_000 + '" .\n')
        loader.commit()
    assert list(tmp_path.iterdir()) == []


def test_store_loader_abort_removes_the_half_built_store(tmp_path):
    loader = store.StoreLoader(tmp_path / "store")
    loader.write(SMALL_TTL)
    loader.abort()
    assert list(tmp_path.iterdir()) == []


def test_missing_store_says_what_to_do(tmp_path):
    with pytest.raises(QueryError, match="plankg build"):
        store.OxigraphSource.open(tmp_path / "store")


# ---------------------------------------------------------------- result formats


RESULTS = store.Results(
    ("unit", "n", "note"),
    ((Term("literal", "县发改局"), store.literal_term("12", store.XSD + "integer"), Term("literal", 'a "b",\nc')),
     (Term("uri", "https://w3id.org/plankg/id/unit/x"), None, Term("literal", "tab\there"))))


def test_csv_has_a_header_and_plain_values():
    rows = list(csv.reader(io.StringIO(store.format_results(RESULTS, "csv"))))
    assert rows == [["unit", "n", "note"], ["县发改局", "12", 'a "b",\nc'],
                    ["https://w3id.org/plankg/id/unit/x", "", "tab\there"]]


def test_tsv_escapes_tabs_and_newlines():
    lines = store.format_results(RESULTS, "tsv").splitlines()
    assert lines == ["unit\tn\tnote", '县发改局\t12\ta "b",\\nc', "https://w3id.org/plankg/id/unit/x\t\ttab\\there"]


def test_json_keeps_chinese_and_types_numbers():
    text = store.format_results(RESULTS, "json")
    assert "县发改局" in text and "\\u" not in text
    assert json.loads(text)[0]["n"] == 12 and json.loads(text)[1]["n"] is None


def test_table_columns_line_up_with_wide_characters():
    lines = store.format_results(RESULTS, "table").splitlines()
    header, rule, first = lines[0], lines[1], lines[2]
    second_column = store.display_width(header[: header.index("n ")])
    assert store.display_width(first[: first.index("12")]) == second_column
    assert rule.split("  ")[0] == "-" * store.display_width("https://w3id.org/plankg/id/unit/x")
    assert lines[-1] == "(2 rows)"


def test_json_keeps_ill_formed_and_infinite_numbers_as_text():
    odd = store.Results(("v",), ((Term("literal", "abc", store.XSD + "integer"),),
                                 (store.literal_term("INF", store.XSD + "double"),)))
    assert json.loads(store.format_results(odd, "json")) == [{"v": "abc"}, {"v": "INF"}]


def test_add_to_store_loads_analysis_and_keeps_the_store_fresh(tmp_path):
    (tmp_path / "graph.ttl").write_text(f"<{EX}a> <{EX}p> 1 .\n", encoding="utf-8")
    store.build_store(tmp_path)
    (tmp_path / "analysis.ttl").write_text(f"<{EX}a> <{EX}q> 2 .\n", encoding="utf-8")
    assert store.add_to_store(tmp_path / "store", tmp_path / "analysis.ttl") == 2
    assert not store.store_mismatch(tmp_path)
    (tmp_path / "analysis.ttl").unlink()
    assert store.store_mismatch(tmp_path)  # a file it was built from is gone


@pytest.mark.parametrize("query, federated", [
    ("SELECT * { SERVICE <http://x/> { ?s ?p ?o } }", True),
    ("select * { service silent <x> { } }", True),
    ("SELECT * { SERVICE :x { } }", True),
    ("SELECT * { SERVI\\u0043E <http://x/> { } }", True),
    ("SELECT ?service { ?service a <x> }", False),
    ('SELECT * { ?s <http://e/SERVICE> "SERVICE" } # SERVICE', False),
    ("PREFIX service: <x> SELECT * { ?s service:p ?o }", False),
])
def test_uses_service_finds_federated_queries(query, federated):
    assert store.uses_service(query) is federated
